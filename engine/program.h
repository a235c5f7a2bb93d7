/* program.h — the compiled program (internal to the engine).
 *
 * Everything is in numbered slots and flat arrays: facts, definitions,
 * decisions, rules and values by index; expressions as one array of nodes
 * whose operands are node indices. Evaluation never looks up a name.
 * The program is immutable after compiling and can be shared by threads.
 */
#ifndef HV_PROGRAM_H
#define HV_PROGRAM_H

#include "houvast.h"
#include "ast.h"
#include "opcodes.h"

typedef struct hv_type {
    uint8_t kind;          /* hv_tykind */
    int32_t choice;        /* index of the choice set, for HV_TY_CHOICE */
} hv_type;

typedef struct hv_choice_set {
    int n;
    int32_t *members;      /* symbol ids, in declared order */
} hv_choice_set;

typedef struct hv_node {
    uint8_t op;            /* hv_opcode */
    uint8_t ty;            /* hv_tykind of the result */
    uint16_t n;            /* number of kids */
    int32_t a, b;
    hv_loc loc;
} hv_node;

/* An omdat text: literal pieces and {expressions}. */
typedef struct hv_tmpl_part {
    const char *text;      /* NULL for an expression part */
    int32_t expr;
} hv_tmpl_part;
typedef struct hv_tmpl {
    int n;
    hv_tmpl_part *parts;
} hv_tmpl;

typedef struct hv_fact {
    const char *name, *vraag, *bron;
    hv_type ty;
    hv_loc loc;
} hv_fact;

typedef struct hv_def {
    const char *name;
    hv_type ty;
    int32_t expr;
    hv_loc loc;
} hv_def;

typedef struct hv_vdecl {          /* a waarde */
    const char *name, *text, *bron;
    int rank;                      /* 0 = highest */
    hv_loc loc;
} hv_vdecl;

typedef struct hv_rassign {
    int32_t decision;
    int32_t expr;                  /* -1: ter beoordeling */
} hv_rassign;

/* A parameter: values that change on a date (vanaf DATE = VALUE). */
typedef struct hv_param {
    const char *name;
    hv_type ty;
    int n;
    int32_t *from;                 /* increasing day numbers */
    hv_value *values;
    hv_loc loc;
} hv_param;

#define HV_NO_START INT32_MIN
#define HV_NO_END INT32_MAX

/* One comparison of a rule condition in its commonest shape, `fact OP
 * literal` (or `fact OP fact`, a yes/no fact, `niet` a yes/no fact). A
 * condition that is such a test or a conjunction of them is also kept as a
 * list of tests beside its nodes, so that evaluating it walks no nodes; it
 * means exactly what its nodes mean (Kleene `en`: false wins over unknown).
 * A test against a literal is kept as the range it allows (a yes/no fact
 * as 1..1, `niet` as 0..0), so that it needs no branch on the operator;
 * only `<>` stays an operator. */
typedef struct hv_test {
    uint8_t op;                    /* with rhs_fact: HV_OP_EQ_..HV_OP_GE_; else HV_OP_NE_
                                      (x <> lo) or 0 (lo <= x <= hi) */
    uint8_t rhs_fact;              /* 1: compare with fact slot `rhs` */
    int32_t fact, rhs;
    int64_t lo, hi;
} hv_test;

typedef struct hv_rule {
    const char *name, *bron;
    int32_t valid_from, valid_to;  /* geldig vanaf .. tot (exclusive); HV_NO_START/END */
    int32_t value;
    int rank;
    int32_t cond;                  /* -1: always applicable */
    int ntests;                    /* > 0: cond is also these tests, all of which must hold */
    hv_test *tests;
    int nassign;
    hv_rassign *assign;
    int nexc;                      /* rules this one is an exception to */
    int32_t *exc;
    int nexc_by;                   /* rules that are exceptions to this one */
    int32_t *exc_by;
    hv_tmpl omdat;
    int has_omdat;
    hv_loc loc;
} hv_rule;

typedef struct hv_decision {
    const char *name;
    hv_type ty;
    int32_t dflt;                  /* -1: no standaard */
    hv_tmpl dflt_omdat;
    int has_dflt_omdat;
    int nrules;
    int32_t *rules;                /* rules assigning it, in file order */
    int32_t *rule_expr;            /* per rule: its outcome node, -1 = ter beoordeling */
    int32_t *by_rank;              /* positions in rules[], best rank first (stable) */
    int ngroups;                   /* by_rank[groups[g] .. groups[g+1]) share a rank */
    int32_t *groups;
    uint8_t *uniform;              /* per group: its rules cannot fail and all give one
                                      constant outcome, with no exceptions to or by them,
                                      so its first applicable rule stands for all of it */
    hv_loc loc;
} hv_decision;

typedef struct hv_safeguard {
    const char *name, *text;
    int32_t cond;                  /* -1: none */
    int32_t expr;
    hv_loc loc;
} hv_safeguard;

typedef struct hv_given_c {
    int32_t fact;
    hv_value v;
} hv_given_c;

typedef struct hv_expect_c {
    uint8_t kind;                  /* hv_xkind */
    int32_t target;                /* decision or safeguard */
    hv_value v;
    int32_t value;                 /* -1 = any */
    hv_loc loc;
} hv_expect_c;

typedef struct hv_casus {
    const char *name;
    hv_loc loc;
    int has_peildatum;
    int32_t peildatum;
    int ngiven, nexpect;
    hv_given_c *given;
    hv_expect_c *expect;
} hv_casus;

struct hv_program {
    hv_arena arena;
    hv_srcset src;
    char sha256[65];
    const char *name, *version;

    int nfacts, ndefs, ndecs, nrules, nvalues, nsafe, ncasus, nsyms, nchoices, nparams;
    hv_param *params;
    int32_t valid_from, valid_to;  /* of the regelset */
    hv_fact *facts;
    int32_t *fact_by_name;         /* the facts in the order of their names (bytes) */
    hv_def *defs;
    hv_decision *decs;
    hv_rule *rules;
    hv_vdecl *values;
    hv_safeguard *safe;
    hv_casus *casus;
    const char **syms;             /* choice member names */
    hv_choice_set *choices;

    int ndeclpos;
    hv_loc *declpos;               /* where every declaration starts, in file order */

    int nnodes, nkids, nconsts;
    hv_node *nodes;
    int32_t *kids;
    hv_value *consts;
};

/* Format a value for people (Dutch) or for JSON text; out >= 64 bytes, text
 * values are returned as they are (may be longer: use the return value). */
const char *hv_value_nl(const hv_program *p, hv_value v, char *out);
const char *hv_type_desc(const hv_program *p, hv_type t, char *out, size_t outlen);
/* The values in rank order, equal ranks in declaration order (caller frees). */
int *hv_program_rank_order(const hv_program *p);

#endif
