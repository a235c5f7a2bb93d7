/* compile_int.h — the state of one compilation, shared by check.c and
 * compile.c (internal). */
#ifndef HV_COMPILE_INT_H
#define HV_COMPILE_INT_H

#include "program.h"

typedef enum { HV_SYM_FACT, HV_SYM_DEF, HV_SYM_DEC, HV_SYM_VALUE, HV_SYM_RULE,
               HV_SYM_SAFEGUARD, HV_SYM_MEMBER, HV_SYM_BUILTIN, HV_SYM_PARAM } hv_symkind;

typedef struct hv_sym {
    const char *name;
    hv_symkind kind;
    int index;
    hv_loc loc;
} hv_sym;

typedef struct hv_unit {
    hv_ast ast;
    hv_diags *d;
    hv_program *p;             /* being built; its arena holds the results */

    /* one namespace for facts, definitions, decisions, values, rules, safeguards */
    hv_sym *syms;
    int nsyms, symcap;         /* open addressing, symcap a power of two */

    hv_vec facts, defs, decs, rules, values, safe, casus, params;   /* hv_decl* */
    hv_vec rangordes;
    hv_decl *regelset;
    uint8_t *def_state;        /* 0 new, 1 checking, 2 done */

    hv_vec dups;               /* names declared twice (char*): no follow-on errors */
    hv_vec rank_typos;         /* values suggested for unknown rangorde names (char*) */
    hv_vec members;            /* interned choice member names (char*) */
    hv_vec choices;            /* hv_choice_set* */

    /* growing node, kid and constant arrays (heap) */
    hv_node *nodes;   int nnodes, capnodes;
    int oom;               /* an emit ran out of memory: the program is incomplete */
    int32_t *kids;    int nkids, capkids;
    hv_value *consts; int nconsts, capconsts;
} hv_unit;

const hv_sym *hv_check_lookup(hv_unit *u, const char *name);
int hv_check_unit(hv_unit *u);          /* errors found */
int hv_compile_cycles(hv_unit *u);      /* cycles found, each reported; -1 out of memory */
int hv_compile_unit(hv_unit *u);        /* errors found */

#endif
