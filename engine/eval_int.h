/* eval_int.h — the evaluation context and the results it holds (internal).
 * Shared by eval.c (which fills it), output.c (JSON and text) and test.c. */
#ifndef HV_EVAL_INT_H
#define HV_EVAL_INT_H

#include "program.h"

/* A rule with the outcome it gave or wanted. */
typedef struct hv_rref {
    int32_t rule;
    hv_value outcome;
    uint8_t judgement;     /* the rule says "ter beoordeling" */
} hv_rref;

/* One rule's part in one decision. */
typedef struct hv_rtrace {
    int32_t rule;
    uint8_t state;         /* hv_rstate */
    uint8_t matters;       /* open and could change the result */
    uint8_t judgement;
    hv_value cond;         /* the condition's value */
    hv_value outcome;      /* for applicable rules */
    int32_t by;            /* set aside by this rule; overruled by the deciding rule */
} hv_rtrace;

typedef struct hv_dres {
    uint8_t status;        /* hv_status */
    hv_value outcome;
    int32_t value, rule;   /* deciding value and rule, -1 if none */
    const char *explanation;
    int nover, nconf, nmissing, ntrace;
    hv_rref *over;         /* overruled: applicable, ranked below */
    hv_rref *conf;         /* conflict, or the alternatives of a judgement */
    int32_t *missing;      /* fact indices */
    int nwaiting;
    int32_t *waiting;      /* decisions it waits for: read but in conflict,
                              judgement or none, so no fact can settle them */
    hv_rtrace *trace;      /* one per rule of the decision, file order */
    uint8_t err;           /* hv_errcode */
    int32_t err_node;      /* where it failed, -1 = none */
} hv_dres;

struct hv_case {
    const hv_program *p;
    hv_arena arena;        /* text values */
    hv_value *facts;
    int has_peildatum;
    int32_t peildatum;
    char *id, *subject;
    char idbuf[24];        /* a short id, kept here rather than in the arena */
};

struct hv_ctx {
    const hv_program *p;
    const hv_value *facts;
    int32_t peil;
    int flags;
    hv_arena arena;        /* reset for every case */
    /* the arrays below are the context's, sized by the program once (not
     * allocated per case); the states are cleared for every case */
    hv_value *defv;
    uint8_t *defst;
    hv_value *rcond;       /* rule conditions, evaluated once per case */
    uint8_t *rcst;
    uint8_t *decst;
    hv_dres *dres;
    hv_value *safe;
    int review;
    const char *case_id;   /* borrowed from the case */
    uint8_t *seen;         /* scratch: one byte per fact */
    uint8_t *seen_dec;     /* scratch: one byte per decision */
    /* decide()'s room per decision d, at rule offset off[d] (refs at 2*off[d]) */
    int32_t *off;
    hv_rtrace *tr;
    int32_t *act;
    uint8_t *exc;
    hv_value *exc_err;
    hv_rref *refs;
};

hv_value hv_eval_node(hv_ctx *c, int32_t node);
/* Mark in c->seen every unknown fact that keeps `node` unknown. */
void hv_eval_unknown_facts(hv_ctx *c, int32_t node);
/* Fill an omdat text for the current case, Dutch formatting. */
const char *hv_eval_tmpl(hv_ctx *c, const hv_tmpl *t);

/* Shared by output.c and explain.c. */
int32_t hv_out_first_false(hv_ctx *c, int32_t node, int32_t *via, int *nvia);
int hv_out_names_read(hv_ctx *c, int32_t node, int32_t *out, int max);
const char *hv_out_node_name(const hv_program *p, int32_t node);
void hv_out_names_values(hv_buf *b, hv_ctx *c, int32_t node, const char *open, const char *close);
char *hv_out_source_text(hv_ctx *c, hv_loc loc);
void hv_out_value_line(hv_buf *b, const hv_program *p, int v);
void hv_out_decision_text(hv_buf *b, hv_ctx *c, int d, int flags);
void hv_out_safeguards_text(hv_buf *b, hv_ctx *c);
int hv_out_outside(hv_ctx *c, int rule);
char *hv_out_validity(const hv_program *p, int rule);

#endif
