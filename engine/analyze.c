/* analyze.c — static analysis of a compiled rule set (see analyze.h).
 *
 * Conditions become formulas in negation normal form over atoms
 * "variable op constant" (op one of >=, <=, =, !=) on whole numbers: getal
 * in millionths, bedrag in cents, datum in days, janee 0/1, keuze the index
 * of the member. The variables are the facts and the peildatum. Negation
 * is pushed inwards while building (De Morgan; the negation of x <= c is
 * x >= c+1); definitions are inlined, constant expressions folded. Both
 * polarities of a comparison with a parameter are false where it fails
 * (before its first date), and an `en`/`of` whose operands can fail is
 * read left to right as the engine does (an operand decides only when the
 * earlier ones that can fail did not).
 *
 * Beyond that fragment an expression is OPAQUE. An opaque expression
 * compared with a constant (`kosten_na_draagkracht > €0`, `besluit = x`)
 * becomes an atom on an abstract variable, one per expression (a definition
 * or a decision read in several places is one variable); two non-constant
 * sides compared (`inkomen < norm`) an atom on their difference (or on
 * whether they are equal), one variable per pair; anything else opaque
 * (bekend(), a text, an `in` list of facts) is an opaque literal.
 *
 * Satisfiability: a small tableau collects atoms along a path, one branch
 * per `of`, and drops a path as soon as the atoms of one variable leave no
 * value (an interval of whole numbers minus the excluded points); an `of`
 * with a single kid left that can hold is taken without branching.
 *   1. Opaque parts false: a surviving path is a witness that holds
 *      whatever the other facts are (F- implies F).
 *   2. Opaque parts free (abstract variables may take any value of their
 *      type, opaque literals are true): when no path survives, the formula
 *      is unsatisfiable (F implies F+).
 *   3. Otherwise, for each surviving path, values are sought for the facts
 *      the opaque parts read, and the engine itself evaluates the opaque
 *      parts for them. Only a case the engine confirms is a witness.
 *   If 3 finds none, the answer is "could not decide". Step limits and an
 *   evaluation budget bound the work ("too large").
 *
 * The questions, for decision D (r counts = r applies and no exception to
 * it applies):
 *   conflict a/b   a counts, b counts, no higher rule counts, no ter-
 *                  beoordeling rule of their rank counts, no other rule of
 *                  their rank fails; computed outcomes differ;
 *   never applies  r applies;
 *   never decides  r applies, no higher rule counts, no exception applies,
 *                  no other rule of its rank fails (refuted = the warning);
 *   gap            no rule counts (no standaard).
 */
#include "analyze.h"
#include "eval_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VAL_MAX 999999999999999999LL    /* getal (millionths) and bedrag (cents) */
#define STEP_CAP 400000L                /* tableau steps per question and run */
#define STEP_CAP_ALL 30000000L          /* and for the whole analysis */
#define LEAF_CAP 64                     /* paths tried in step 3, per question */
#define EVAL_CAP_Q 3000L                /* engine evaluations per question */
#define EVAL_CAP_ALL 200000L            /* and for the whole analysis */
#define NCAND 24                        /* values tried per fact in step 3 */
#define NAME_MIN_CAP 32                 /* rules a message is made minimal over */
#define NAME_LIST_CAP 8                 /* rules a message names, then "and N more" */

/* The engine sets a rule aside when an exception's condition is true; it
 * does not look at the exception's own geldig period (eval.c, step 2). */
#define EXC_USES_VALIDITY 1

enum { A_GE, A_LE, A_EQ, A_NE };
typedef struct atom {
    int32_t var;
    uint8_t op;
    int64_t c;
} atom;

enum { F_TRUE, F_FALSE, F_ATOM, F_AND, F_OR, F_UNK, F_DIFF };
typedef struct fnode {
    uint8_t k;
    uint8_t neg;           /* F_UNK: the literal says the node is nee */
    int32_t n, a;          /* F_AND/F_OR: kids fk[a .. a+n) */
    atom at;               /* F_ATOM */
    int32_t src, src2;     /* F_UNK: a janee node; F_DIFF: two outcome nodes;
                              F_ATOM on an abstract variable: the comparison */
    const char *why;       /* opaque parts: what goes beyond the analysis */
    uint8_t opq;           /* this node or one under it is opaque */
} fnode;

typedef struct item {
    hv_severity sev;
    hv_loc loc;
    char *msg, *hint;
    int seq;
} item;

enum { Q_UNSAT, Q_SAT, Q_UNKNOWN, Q_LARGE };

typedef struct an {
    const hv_program *p;
    hv_diags *d;
    hv_arena ar;
    int oom;

    fnode *f;
    int nf, capf;
    int32_t *fk;
    int nfk, capfk;

    /* variables: the facts, the peildatum, then the abstract ones */
    int nreal, peil, nvars, capvars;
    int32_t dmin, dmax;    /* the first and last day of a datum */
    int32_t dmid;          /* a datum picked when nothing bounds it */
    int64_t *dlo, *dhi, *unit;
    uint8_t *kind;         /* hv_tykind; HV_TY_TEXT (or other) = not usable */
    int32_t *choice;       /* choice set of a keuze variable */
    int32_t *vsrc;         /* abstract variable: its expression node */
    int32_t *vsrc2;        /* a pair variable: the second expression, else -1 */
    uint8_t *vpair;        /* 0; 1: the difference of two expressions; 2: whether they are equal */
    int64_t *vkey;         /* a pair variable: the keys of its two expressions */
    int32_t *absdec;       /* per decision: its abstract variable, or -1 */

    int32_t *rpos, *rneg;  /* per rule: applies / does not apply (-1 = not built) */
    int32_t *cpos, *cneg;  /* per rule: counts (applies, not set aside) / does not count */
    int32_t *xpos, *xneg;  /* per rule: applies as an exception */
    int32_t *dpos, *dneg;  /* per janee definition */
    uint8_t *defconst;     /* per definition: 0 not known yet, 1 constant, 2 not */
    uint8_t *failmemo;     /* per node: 0 not known yet, 1 cannot fail, 2 can */
    uint8_t *rulefail;     /* per rule: 0 not known yet, 1 cannot fail, 2 can */
    int32_t base;          /* the peildatum lies in the validity of the regelset */
    uint8_t *never;        /* per rule: its condition can never be true */

    hv_ctx *ctx;           /* folds constant expressions (an empty case) */
    hv_case *cs;
    hv_ctx *vctx;          /* checks candidate cases in step 3 */
    hv_case *vcs;
    long evals;            /* engine evaluations so far */
    long steps;            /* tableau steps so far */
    int64_t *consts[8];    /* program constants per hv_tykind, sorted */
    int nconsts[8];

    int32_t *trail;        /* the path: fnode indices (atoms and opaque literals) */
    int32_t *tprev;        /* per trail entry: the previous entry on the same variable */
    int nt, capt, captp;
    int32_t *tlast;        /* per variable: its last trail entry, or -1 */
    int captlast;
    struct vbound { int64_t lo, hi; int nne; } *vb;   /* per variable with atoms on the
                              trail: the bounds they set and how many exclude a value */
    int capvb;
    struct vbound *tsave;  /* per trail entry: its variable's bounds before it */
    int captsave;
    uint8_t *wset;         /* the last witness: per real variable, set? */
    int64_t *wval;
    int nwit;              /* variables in the witness */
    int32_t culprit;       /* an opaque part behind the last Q_UNKNOWN */
    int culprit_rule;

    uint32_t *stamp;       /* per fnode, for walks */
    int capstamp;
    uint32_t epoch;

    item *items;
    int nitems, capitems;
} an;

/* ---- memory ------------------------------------------------------------------ */

static void *grow(an *A, void *ptr, int *cap, int need, size_t size)
{
    if (need <= *cap) return ptr;
    int c = *cap ? *cap : 16;
    while (c < need) c *= 2;
    void *q = hv_mem_realloc(ptr, (size_t)c * size);
    if (!q) { A->oom = 1; return NULL; }
    *cap = c;
    return q;
}

static void *zalloc(an *A, size_t n, size_t size)
{
    void *q = hv_arena_alloc(&A->ar, (n ? n : 1) * size);
    if (!q) A->oom = 1;
    return q;
}

/* ---- formulas ------------------------------------------------------------------ */

#define FT 0               /* the node TRUE */
#define FF 1               /* the node FALSE */

static int32_t fnew(an *A, fnode n)
{
    fnode *f = grow(A, A->f, &A->capf, A->nf + 1, sizeof *f);
    if (!f) return FF;
    A->f = f;
    A->f[A->nf] = n;
    return A->nf++;
}

static int32_t funk(an *A, int32_t src, int neg, const char *why)
{
    return fnew(A, (fnode){.k = F_UNK, .neg = (uint8_t)neg, .src = src, .src2 = -1, .why = why, .opq = 1});
}

static int is_abstract(const an *A, int32_t var) { return var >= A->nreal; }

static int is_opaque(const an *A, const fnode *x)
{
    return x->k == F_UNK || x->k == F_DIFF || (x->k == F_ATOM && is_abstract(A, x->at.var));
}

/* x op c, simplified against the variable's domain; src/why for an atom on
 * an abstract variable. */
static int32_t fatom_src(an *A, int32_t var, int op, int64_t c, int32_t src, const char *why)
{
    int64_t lo = A->dlo[var], hi = A->dhi[var];
    switch (op) {
    case A_GE: if (c <= lo) return FT; if (c > hi) return FF; break;
    case A_LE: if (c >= hi) return FT; if (c < lo) return FF; break;
    case A_EQ: if (c < lo || c > hi) return FF; break;
    case A_NE: if (c < lo || c > hi) return FT; break;
    }
    return fnew(A, (fnode){.k = F_ATOM, .at = {var, (uint8_t)op, c}, .src = src, .src2 = -1, .why = why,
                           .opq = (uint8_t)(var >= A->nreal)});
}

static int32_t fatom(an *A, int32_t var, int op, int64_t c) { return fatom_src(A, var, op, c, -1, NULL); }

/* An `en` (is_and) or `of` of kids; constants are folded, nested nodes of
 * the same kind flattened. */
static int32_t fjoin(an *A, int is_and, const int32_t *kids, int n)
{
    int32_t unit = is_and ? FT : FF, zero = is_and ? FF : FT;
    uint8_t kind = is_and ? F_AND : F_OR;
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (kids[i] == zero) return zero;
        if (kids[i] == unit) continue;
        m += A->f[kids[i]].k == kind ? A->f[kids[i]].n : 1;
    }
    if (m == 0) return unit;
    if (m == 1)
        for (int i = 0; i < n; i++)
            if (kids[i] != unit) return kids[i];
    int32_t *fk = grow(A, A->fk, &A->capfk, A->nfk + m, sizeof *fk);
    if (!fk) return FF;
    A->fk = fk;
    int at = A->nfk, opq = 0;
    for (int i = 0; i < n; i++) {
        if (kids[i] == unit) continue;
        const fnode *k = &A->f[kids[i]];
        opq |= k->opq;
        if (k->k == kind)
            for (int j = 0; j < k->n; j++) A->fk[A->nfk++] = A->fk[k->a + j];
        else
            A->fk[A->nfk++] = kids[i];
    }
    return fnew(A, (fnode){.k = kind, .n = m, .a = at, .opq = (uint8_t)opq});
}

static int32_t fand2(an *A, int32_t x, int32_t y) { int32_t k[2] = {x, y}; return fjoin(A, 1, k, 2); }
static int32_t for2(an *A, int32_t x, int32_t y) { int32_t k[2] = {x, y}; return fjoin(A, 0, k, 2); }

/* peildatum in [from, to), or (neg) not */
static int32_t fperiod(an *A, int32_t from, int32_t to, int neg)
{
    if (!neg) {
        int32_t lo = from == HV_NO_START ? FT : fatom(A, A->peil, A_GE, from);
        int32_t hi = to == HV_NO_END ? FT : fatom(A, A->peil, A_LE, (int64_t)to - 1);
        return fand2(A, lo, hi);
    }
    int32_t nlo = from == HV_NO_START ? FF : fatom(A, A->peil, A_LE, (int64_t)from - 1);
    int32_t nhi = to == HV_NO_END ? FF : fatom(A, A->peil, A_GE, to);
    return for2(A, nlo, nhi);
}

/* ---- variables ----------------------------------------------------------------- */

static int new_var(an *A, int kind, int32_t choice, int32_t src)
{
    int v = A->nvars, cap = A->capvars;
    if (v + 1 > cap) {
        int c = cap ? cap * 2 : 32;
        while (c < v + 1) c *= 2;
        int64_t *lo = hv_mem_realloc(A->dlo, (size_t)c * sizeof *lo);
        if (lo) A->dlo = lo;
        int64_t *hi = hv_mem_realloc(A->dhi, (size_t)c * sizeof *hi);
        if (hi) A->dhi = hi;
        int64_t *un = hv_mem_realloc(A->unit, (size_t)c * sizeof *un);
        if (un) A->unit = un;
        uint8_t *k = hv_mem_realloc(A->kind, (size_t)c);
        if (k) A->kind = k;
        int32_t *ch = hv_mem_realloc(A->choice, (size_t)c * sizeof *ch);
        if (ch) A->choice = ch;
        int32_t *vs = hv_mem_realloc(A->vsrc, (size_t)c * sizeof *vs);
        if (vs) A->vsrc = vs;
        int32_t *vs2 = hv_mem_realloc(A->vsrc2, (size_t)c * sizeof *vs2);
        if (vs2) A->vsrc2 = vs2;
        uint8_t *vp = hv_mem_realloc(A->vpair, (size_t)c);
        if (vp) A->vpair = vp;
        int64_t *vk = hv_mem_realloc(A->vkey, (size_t)c * 2 * sizeof *vk);
        if (vk) A->vkey = vk;
        if (!lo || !hi || !un || !k || !ch || !vs || !vs2 || !vp || !vk) { A->oom = 1; return -1; }
        A->capvars = c;
    }
    A->kind[v] = (uint8_t)kind;
    A->choice[v] = choice;
    A->vsrc[v] = src;
    A->vsrc2[v] = -1;
    A->vpair[v] = 0;
    A->vkey[2 * v] = A->vkey[2 * v + 1] = 0;
    A->unit[v] = 1;
    switch (kind) {
    case HV_TY_BOOL: A->dlo[v] = 0; A->dhi[v] = 1; break;
    case HV_TY_NUM: A->dlo[v] = -VAL_MAX; A->dhi[v] = VAL_MAX; A->unit[v] = HV_NUM_SCALE; break;
    case HV_TY_MONEY: A->dlo[v] = -VAL_MAX; A->dhi[v] = VAL_MAX; A->unit[v] = 100; break;
    case HV_TY_DATE: A->dlo[v] = A->dmin; A->dhi[v] = A->dmax; break;
    case HV_TY_CHOICE: A->dlo[v] = 0; A->dhi[v] = A->p->choices[choice].n - 1; break;
    default: A->kind[v] = HV_TY_TEXT; A->dlo[v] = A->dhi[v] = 0; break;
    }
    A->nvars++;
    return v;
}

static int usable(const an *A, int32_t var) { return A->kind[var] != HV_TY_TEXT; }

/* ---- reading expressions ---------------------------------------------------------- */

static int const_tree(an *A, int32_t node);

static int const_def(an *A, int d)
{
    if (!A->defconst[d]) {
        A->defconst[d] = 2;                 /* no cycles after compiling; be safe */
        A->defconst[d] = const_tree(A, A->p->defs[d].expr) ? 1 : 2;
    }
    return A->defconst[d] == 1;
}

/* Whether a node's value depends on nothing but constants. */
static int const_tree(an *A, int32_t node)
{
    const hv_program *p = A->p;
    const hv_node *n = &p->nodes[node];
    switch ((hv_opcode)n->op) {
    case HV_OP_CONST_: return 1;
    case HV_OP_DEF_: return const_def(A, n->a);
    case HV_OP_FACT_: case HV_OP_DEC_: case HV_OP_PEIL_: case HV_OP_PARAM_: return 0;
    case HV_OP_AND_: case HV_OP_OR_: case HV_OP_MIN_: case HV_OP_MAX_:
        for (int i = 0; i < n->n; i++)
            if (!const_tree(A, p->kids[n->a + i])) return 0;
        return 1;
    case HV_OP_IN_: case HV_OP_NOTIN_:
        if (!const_tree(A, n->a)) return 0;
        for (int i = 0; i < n->n; i++)
            if (!const_tree(A, p->kids[n->b + i])) return 0;
        return 1;
    case HV_OP_AGE_:       /* without a second date it reads the peildatum */
        return n->b >= 0 && const_tree(A, n->a) && const_tree(A, n->b);
    default:
        if (n->a >= 0 && !const_tree(A, n->a)) return 0;
        if (n->b >= 0 && !const_tree(A, n->b)) return 0;
        return 1;
    }
}

static int fold(an *A, int32_t node, hv_value *out)
{
    if (!A->ctx || !const_tree(A, node)) return 0;
    hv_value v = hv_eval_node(A->ctx, node);
    if (v.k == HV_V_ERROR || v.k == HV_V_UNKNOWN) return 0;
    *out = v;
    return 1;
}

/* What an opaque expression does, for the note. */
enum { W_DEC = 1, W_KNOWN = 2, W_FUNC = 4, W_ARITH = 8, W_PARAM = 16, W_PEIL = 32, W_TEXT = 64 };

static void why_flags(an *A, int32_t node, unsigned *fl, int32_t *dec, int depth)
{
    const hv_program *p = A->p;
    if (node < 0 || depth > 200) return;
    const hv_node *n = &p->nodes[node];
    switch ((hv_opcode)n->op) {
    case HV_OP_CONST_: if (n->ty == HV_TY_TEXT) *fl |= W_TEXT; return;
    case HV_OP_FACT_: if (p->facts[n->a].ty.kind == HV_TY_TEXT) *fl |= W_TEXT; return;
    case HV_OP_DEF_: why_flags(A, p->defs[n->a].expr, fl, dec, depth + 1); return;
    case HV_OP_DEC_: if (!(*fl & W_DEC)) *dec = n->a; *fl |= W_DEC; return;
    case HV_OP_PEIL_: *fl |= W_PEIL; return;
    case HV_OP_PARAM_: *fl |= W_PARAM; return;
    case HV_OP_KNOWN_: *fl |= W_KNOWN; why_flags(A, n->a, fl, dec, depth + 1); return;
    case HV_OP_AND_: case HV_OP_OR_:
        for (int i = 0; i < n->n; i++) why_flags(A, p->kids[n->a + i], fl, dec, depth + 1);
        return;
    case HV_OP_MIN_: case HV_OP_MAX_:
        *fl |= W_FUNC;
        for (int i = 0; i < n->n; i++) why_flags(A, p->kids[n->a + i], fl, dec, depth + 1);
        return;
    case HV_OP_IN_: case HV_OP_NOTIN_:
        why_flags(A, n->a, fl, dec, depth + 1);
        for (int i = 0; i < n->n; i++) why_flags(A, p->kids[n->b + i], fl, dec, depth + 1);
        return;
    case HV_OP_NOT_: case HV_OP_EQ_: case HV_OP_NE_: case HV_OP_LT_: case HV_OP_LE_:
    case HV_OP_GT_: case HV_OP_GE_:
        break;
    case HV_OP_NEG_NUM_: case HV_OP_NEG_MONEY_: case HV_OP_ADD_NUM_: case HV_OP_ADD_MONEY_:
    case HV_OP_ADD_DATE_: case HV_OP_SUB_NUM_: case HV_OP_SUB_MONEY_: case HV_OP_SUB_DATE_:
    case HV_OP_DIFF_DATE_: case HV_OP_MUL_NUM_: case HV_OP_MUL_MONEY_: case HV_OP_DIV_NUM_:
    case HV_OP_DIV_MONEY_: case HV_OP_RATIO_MONEY_:
        *fl |= W_ARITH;
        break;
    default:
        *fl |= W_FUNC;
        break;
    }
    if (n->a >= 0) why_flags(A, n->a, fl, dec, depth + 1);
    if (n->b >= 0) why_flags(A, n->b, fl, dec, depth + 1);
}

/* two_vars: 1 when both sides are facts (or the peildatum), 2 when one is
 * and the other is computed. */
static const char *why_text(an *A, int32_t node, int two_vars)
{
    unsigned fl = 0;
    int32_t dec = -1;
    why_flags(A, node, &fl, &dec, 0);
    if (fl & W_DEC) return hv_arena_printf(&A->ar, "reads decision '%s'", A->p->decs[dec].name);
    if (fl & W_KNOWN) return "uses bekend()";
    if (fl & W_TEXT) return "compares texts";
    if (two_vars == 2) return "compares a computed value with a fact";
    if (fl & W_FUNC) return "calls a function";
    if (fl & W_ARITH) return "computes with facts or dates";
    if (fl & W_PARAM) return "uses a parameter in a way the analysis cannot follow";
    if (two_vars) return (fl & W_PEIL) ? "compares a fact with the peildatum" : "compares two facts";
    return "uses a construct the analysis cannot follow";
}

/* One side of a comparison. */
enum { S_VAR, S_CONST, S_PARAM, S_OTHER };
typedef struct side {
    int k;
    int32_t var;           /* S_VAR (a fact, the peildatum or an abstract variable) */
    hv_value v;            /* S_CONST */
    int32_t param;         /* S_PARAM */
    int32_t node;          /* the expression, definitions followed */
} side;

static side get_side(an *A, int32_t node)
{
    const hv_program *p = A->p;
    side s = {S_OTHER, -1, {0}, -1, node};
    for (int depth = 0; depth < 1000; depth++) {
        const hv_node *n = &p->nodes[node];
        s.node = node;
        switch ((hv_opcode)n->op) {
        case HV_OP_DEF_: node = p->defs[n->a].expr; continue;
        case HV_OP_CONST_: s.k = S_CONST; s.v = p->consts[n->a]; return s;
        case HV_OP_FACT_:
            if (usable(A, n->a)) { s.k = S_VAR; s.var = n->a; }
            return s;
        case HV_OP_PEIL_: s.k = S_VAR; s.var = A->peil; return s;
        case HV_OP_PARAM_: s.k = S_PARAM; s.param = n->a; return s;
        default:
            if (fold(A, node, &s.v)) s.k = S_CONST;
            return s;
        }
    }
    return s;
}

/* The abstract variable of an opaque expression (one per definition body
 * or decision), or -1 when its type cannot be one. */
static int32_t abstract_var(an *A, int32_t node)
{
    const hv_program *p = A->p;
    const hv_node *n = &p->nodes[node];
    int kind = n->ty;
    int32_t choice = -1;
    if (n->op == HV_OP_DEC_) {
        if (A->absdec[n->a] >= 0) return A->absdec[n->a];
        kind = p->decs[n->a].ty.kind;
        choice = p->decs[n->a].ty.choice;
    } else {
        for (int v = A->nreal; v < A->nvars; v++)
            if (A->vsrc[v] == node) return v;
        if (kind == HV_TY_CHOICE) return -1;   /* its member set is not at hand */
    }
    if (kind != HV_TY_BOOL && kind != HV_TY_NUM && kind != HV_TY_MONEY && kind != HV_TY_DATE &&
        kind != HV_TY_CHOICE)
        return -1;
    int v = new_var(A, kind, choice, node);
    if (v >= 0 && n->op == HV_OP_DEC_) A->absdec[n->a] = v;
    return v;
}

static int vcmp(hv_value a, hv_value b)
{
    if (a.k == HV_V_TEXT && b.k == HV_V_TEXT) return strcmp(a.s, b.s);
    return a.i < b.i ? -1 : a.i > b.i;
}

static int op_holds(int op, int c)
{
    switch (op) {
    case HV_OP_EQ_: return c == 0;
    case HV_OP_NE_: return c != 0;
    case HV_OP_LT_: return c < 0;
    case HV_OP_LE_: return c <= 0;
    case HV_OP_GT_: return c > 0;
    default: return c >= 0;
    }
}

static int op_mirror(int op)
{
    switch (op) {
    case HV_OP_LT_: return HV_OP_GT_;
    case HV_OP_LE_: return HV_OP_GE_;
    case HV_OP_GT_: return HV_OP_LT_;
    case HV_OP_GE_: return HV_OP_LE_;
    default: return op;
    }
}

static int op_negate(int op)
{
    switch (op) {
    case HV_OP_EQ_: return HV_OP_NE_;
    case HV_OP_NE_: return HV_OP_EQ_;
    case HV_OP_LT_: return HV_OP_GE_;
    case HV_OP_LE_: return HV_OP_GT_;
    case HV_OP_GT_: return HV_OP_LE_;
    default: return HV_OP_LT_;
    }
}

/* A value as a number in the space of var (for keuze: the member's index;
 * -1 when it is not a member). */
static int value_in(an *A, int32_t var, hv_value v, int64_t *out)
{
    if (A->kind[var] == HV_TY_CHOICE) {
        const hv_choice_set *cs = &A->p->choices[A->choice[var]];
        for (int i = 0; i < cs->n; i++)
            if (cs->members[i] == v.i) { *out = i; return 1; }
        return 0;
    }
    *out = v.i;
    return 1;
}

/* var op value (op already negated where needed); cmp is the comparison
 * node (for an abstract variable). */
static int32_t var_cmp(an *A, int32_t var, int op, hv_value v, int32_t cmp, const char *why)
{
    int64_t c;
    if (!value_in(A, var, v, &c)) {
        if (op == HV_OP_EQ_) return FF;
        if (op == HV_OP_NE_) return FT;
        return funk(A, cmp, 0, "orders choice members");
    }
    int32_t src = is_abstract(A, var) ? cmp : -1;
    switch (op) {
    case HV_OP_EQ_: return fatom_src(A, var, A_EQ, c, src, why);
    case HV_OP_NE_: return fatom_src(A, var, A_NE, c, src, why);
    case HV_OP_LT_: return fatom_src(A, var, A_LE, c - 1, src, why);
    case HV_OP_LE_: return fatom_src(A, var, A_LE, c, src, why);
    case HV_OP_GT_: return fatom_src(A, var, A_GE, c + 1, src, why);
    default: return fatom_src(A, var, A_GE, c, src, why);
    }
}

/* `x op parameter` (x a variable or a constant): for each period of the
 * parameter, the peildatum in that period and x compared with its value.
 * Before the first date the comparison fails (an error): neither true nor
 * false, so neither polarity holds there. */
static int32_t param_cmp(an *A, side x, int op, int32_t param, int32_t cmp, const char *why)
{
    const hv_param *pa = &A->p->params[param];
    int32_t *kids = hv_mem_alloc((size_t)(pa->n + 1) * sizeof *kids);
    if (!kids) { A->oom = 1; return FF; }
    for (int i = 0; i < pa->n; i++) {
        int32_t when = fperiod(A, pa->from[i], i + 1 < pa->n ? pa->from[i + 1] : HV_NO_END, 0);
        int32_t what = x.k == S_VAR ? var_cmp(A, x.var, op, pa->values[i], cmp, why)
                                    : op_holds(op, vcmp(x.v, pa->values[i])) ? FT : FF;
        kids[i] = fand2(A, when, what);
    }
    int32_t r = fjoin(A, 0, kids, pa->n);
    hv_mem_free(kids);
    return r;
}

/* An opaque side becomes an abstract variable when it can. */
static side abstract_side(an *A, side s)
{
    if (s.k != S_OTHER) return s;
    int32_t v = abstract_var(A, s.node);
    if (v >= 0) { s.k = S_VAR; s.var = v; }
    return s;
}

static int32_t build(an *A, int32_t node, int neg, int depth);

/* Whether evaluating a condition can fail in a way the formulas model: a
 * parameter read before its first date. (Failures of opaque parts, such as
 * a division by zero, are not modelled: see analyze.h.) */
static int can_fail(an *A, int32_t node, int depth)
{
    const hv_program *p = A->p;
    if (node < 0 || node >= p->nnodes || depth > 2000) return 0;
    if (A->failmemo[node]) return A->failmemo[node] == 2;
    const hv_node *n = &p->nodes[node];
    int r = 0;
    switch ((hv_opcode)n->op) {
    case HV_OP_CONST_: case HV_OP_FACT_: case HV_OP_PEIL_: case HV_OP_DEC_: break;
    case HV_OP_PARAM_: r = 1; break;
    case HV_OP_DEF_: r = can_fail(A, p->defs[n->a].expr, depth + 1); break;
    case HV_OP_AND_: case HV_OP_OR_: case HV_OP_MIN_: case HV_OP_MAX_:
        for (int i = 0; i < n->n && !r; i++) r = can_fail(A, p->kids[n->a + i], depth + 1);
        break;
    case HV_OP_IN_: case HV_OP_NOTIN_:
        r = can_fail(A, n->a, depth + 1);
        for (int i = 0; i < n->n && !r; i++) r = can_fail(A, p->kids[n->b + i], depth + 1);
        break;
    default:
        r = can_fail(A, n->a, depth + 1) || can_fail(A, n->b, depth + 1);
        break;
    }
    A->failmemo[node] = (uint8_t)(r ? 2 : 1);
    return r;
}

/* Whether a rule's part in a decision can fail: its condition or the
 * condition of an exception to it. */
static int rule_can_fail(an *A, int r)
{
    if (!A->rulefail[r]) {
        const hv_rule *rl = &A->p->rules[r];
        int f = rl->cond >= 0 && can_fail(A, rl->cond, 0);
        for (int k = 0; k < rl->nexc_by && !f; k++)
            f = A->p->rules[rl->exc_by[k]].cond >= 0 && can_fail(A, A->p->rules[rl->exc_by[k]].cond, 0);
        A->rulefail[r] = (uint8_t)(f ? 2 : 1);
    }
    return A->rulefail[r] == 2;
}

/* What a side of a comparison stands for: a fact or the peildatum, a
 * decision, or else its expression node. */
static int64_t side_key(an *A, side s)
{
    const hv_node *n = &A->p->nodes[s.node];
    if (s.k == S_VAR && s.var < A->nreal) return -1 - (int64_t)s.var;
    if (n->op == HV_OP_FACT_) return -1 - (int64_t)n->a;
    if (n->op == HV_OP_PEIL_) return -1 - (int64_t)A->peil;
    if (n->op == HV_OP_DEC_) return -1 - (int64_t)A->nreal - n->a;
    return s.node;
}

/* `l op r` with neither side a constant: an atom on the difference l - r
 * (getal, bedrag, datum) or on whether l = r (other types), one abstract
 * variable per pair of sides. */
static int32_t pair_cmp(an *A, int32_t node, int op, side l, side r, const char *why)
{
    const hv_program *p = A->p;
    int64_t kl = side_key(A, l), kr = side_key(A, r);
    if (kl == kr) return op_holds(op, 0) ? FT : FF;     /* x op x, x known */
    if (kl > kr) {
        side t = l; l = r; r = t;
        int64_t k = kl; kl = kr; kr = k;
        op = op_mirror(op);
    }
    int kind = p->nodes[l.node].ty;
    if (l.k == S_VAR && l.var == A->peil) kind = HV_TY_DATE;
    int diff = kind == HV_TY_NUM || kind == HV_TY_MONEY || kind == HV_TY_DATE;
    if (!diff && op != HV_OP_EQ_ && op != HV_OP_NE_) return funk(A, node, 0, why);
    int32_t var = -1;
    for (int v = A->nreal; v < A->nvars && var < 0; v++)
        if (A->vpair[v] && A->vkey[2 * v] == kl && A->vkey[2 * v + 1] == kr) var = v;
    if (var < 0) {
        var = new_var(A, diff ? kind : HV_TY_BOOL, -1, l.node);
        if (var < 0) return FF;
        A->vsrc2[var] = r.node;
        A->vpair[var] = (uint8_t)(diff ? 1 : 2);
        A->vkey[2 * var] = kl;
        A->vkey[2 * var + 1] = kr;
        if (diff) { A->dlo[var] = -2 * VAL_MAX; A->dhi[var] = 2 * VAL_MAX; }
    }
    if (!diff) return fatom_src(A, var, A_EQ, op == HV_OP_EQ_, node, why);
    switch (op) {
    case HV_OP_EQ_: return fatom_src(A, var, A_EQ, 0, node, why);
    case HV_OP_NE_: return fatom_src(A, var, A_NE, 0, node, why);
    case HV_OP_LT_: return fatom_src(A, var, A_LE, -1, node, why);
    case HV_OP_LE_: return fatom_src(A, var, A_LE, 0, node, why);
    case HV_OP_GT_: return fatom_src(A, var, A_GE, 1, node, why);
    default: return fatom_src(A, var, A_GE, 0, node, why);
    }
}

static int32_t build_cmp(an *A, int32_t node, int neg)
{
    const hv_node *n = &A->p->nodes[node];
    int op = neg ? op_negate(n->op) : n->op;
    side l = get_side(A, n->a), r = get_side(A, n->b);
    if (l.k == S_CONST && r.k == S_CONST) return op_holds(op, vcmp(l.v, r.v)) ? FT : FF;
    const char *why = NULL;
    if ((l.k == S_VAR || l.k == S_OTHER) && (r.k == S_VAR || r.k == S_OTHER))
        return pair_cmp(A, node, op, l, r,
                        why_text(A, node, l.k == S_VAR && r.k == S_VAR ? 1 : l.k == S_VAR || r.k == S_VAR ? 2 : 0));
    if (l.k == S_OTHER || r.k == S_OTHER) {
        if ((l.k == S_OTHER && r.k != S_CONST && r.k != S_PARAM) ||
            (r.k == S_OTHER && l.k != S_CONST && l.k != S_PARAM))
            return funk(A, node, neg, why_text(A, node, l.k == S_VAR || r.k == S_VAR ? 2 : 0));
        why = why_text(A, node, 0);
        l = abstract_side(A, l);
        r = abstract_side(A, r);
        if (l.k == S_OTHER || r.k == S_OTHER) return funk(A, node, neg, why);
    }
    /* the variable or the parameter on the left */
    if ((l.k == S_CONST && (r.k == S_VAR || r.k == S_PARAM)) || (l.k == S_PARAM && r.k == S_VAR)) {
        side t = l; l = r; r = t;
        op = op_mirror(op);
    }
    if (l.k == S_VAR && r.k == S_CONST) return var_cmp(A, l.var, op, r.v, node, why);
    if (l.k == S_VAR && r.k == S_PARAM) return param_cmp(A, l, op, r.param, node, why);
    if (l.k == S_PARAM && r.k == S_CONST) return param_cmp(A, r, op_mirror(op), l.param, node, why);
    return funk(A, node, neg, why_text(A, node, l.k == S_VAR && r.k == S_VAR));
}

static int32_t build_in(an *A, int32_t node, int neg)
{
    const hv_program *p = A->p;
    const hv_node *n = &p->nodes[node];
    int positive = (n->op == HV_OP_IN_) != neg;
    side l = get_side(A, n->a);
    const char *why = NULL;
    if (l.k == S_OTHER) {
        why = why_text(A, node, 0);
        l = abstract_side(A, l);
    }
    if (l.k != S_VAR && l.k != S_CONST) return funk(A, node, neg, why ? why : why_text(A, node, 0));
    int32_t *kids = hv_mem_alloc((size_t)(n->n + 1) * sizeof *kids);
    if (!kids) { A->oom = 1; return FF; }
    for (int i = 0; i < n->n; i++) {
        side it = get_side(A, p->kids[n->b + i]);
        if (it.k != S_CONST) {
            hv_mem_free(kids);
            return funk(A, node, neg, why_text(A, node, it.k == S_VAR && l.k == S_VAR));
        }
        if (l.k == S_CONST)
            kids[i] = (vcmp(l.v, it.v) == 0) == positive ? FT : FF;
        else
            kids[i] = var_cmp(A, l.var, positive ? HV_OP_EQ_ : HV_OP_NE_, it.v, node, why);
    }
    /* positive: x = a of x = b ...; negative: x != a en x != b ... */
    int32_t r = fjoin(A, !positive, kids, n->n);
    hv_mem_free(kids);
    return r;
}

static int32_t build_def(an *A, int d, int neg, int depth)
{
    int32_t *memo = neg ? A->dneg : A->dpos;
    if (memo[d] < 0) memo[d] = build(A, A->p->defs[d].expr, neg, depth + 1);
    return memo[d];
}

/* The formula of a janee expression (its negation when neg), for cases in
 * which the facts it reads are known. */
static int32_t build(an *A, int32_t node, int neg, int depth)
{
    const hv_program *p = A->p;
    const hv_node *n = &p->nodes[node];
    if (depth > 2000) return funk(A, node, neg, "is nested too deeply");
    switch ((hv_opcode)n->op) {
    case HV_OP_CONST_: {
        hv_value v = p->consts[n->a];
        if (v.k != HV_V_BOOL) break;
        return (v.i != 0) != neg ? FT : FF;
    }
    case HV_OP_FACT_:
        if (p->facts[n->a].ty.kind != HV_TY_BOOL) break;
        return fatom(A, n->a, A_EQ, neg ? 0 : 1);
    case HV_OP_DEF_:
        return build_def(A, n->a, neg, depth);
    case HV_OP_PARAM_: {
        /* a janee parameter: its value in each period */
        side one = {S_CONST, -1, hv_bool(1), -1, -1};
        return param_cmp(A, one, neg ? HV_OP_NE_ : HV_OP_EQ_, n->a, node, NULL);
    }
    case HV_OP_NOT_:
        return build(A, n->a, !neg, depth + 1);
    case HV_OP_AND_: case HV_OP_OR_: {
        int conj = (n->op == HV_OP_AND_) != neg, fails = 0;
        int32_t *kids = hv_mem_alloc((size_t)(n->n + 1) * 2 * sizeof *kids);
        if (!kids) { A->oom = 1; return FF; }
        int32_t *other = kids + n->n + 1;
        for (int i = 0; i < n->n; i++) {
            kids[i] = build(A, p->kids[n->a + i], neg, depth + 1);
            fails |= can_fail(A, p->kids[n->a + i], 0);
        }
        if (!conj && fails) {
            /* `en` is nee (`of` is ja) at the first operand that is; the
             * engine stops at the first error, so an operand decides only
             * when every earlier one that can fail took the other value */
            int32_t pre = FT;
            for (int i = 0; i < n->n; i++) {
                int32_t kid = p->kids[n->a + i];
                other[i] = fand2(A, pre, kids[i]);
                if (can_fail(A, kid, 0)) pre = fand2(A, pre, build(A, kid, !neg, depth + 1));
            }
            int32_t r = fjoin(A, 0, other, n->n);
            hv_mem_free(kids);
            return r;
        }
        int32_t r = fjoin(A, conj, kids, n->n);
        hv_mem_free(kids);
        return r;
    }
    case HV_OP_EQ_: case HV_OP_NE_: case HV_OP_LT_: case HV_OP_LE_: case HV_OP_GT_: case HV_OP_GE_:
        return build_cmp(A, node, neg);
    case HV_OP_IN_: case HV_OP_NOTIN_:
        return build_in(A, node, neg);
    default:
        break;
    }
    hv_value v;
    if (fold(A, node, &v) && v.k == HV_V_BOOL) return (v.i != 0) != neg ? FT : FF;
    const char *why = why_text(A, node, 0);
    if (n->op == HV_OP_DEC_) {     /* a janee decision: an abstract variable */
        int32_t var = abstract_var(A, node);
        if (var >= 0) return fatom_src(A, var, A_EQ, neg ? 0 : 1, node, why);
    }
    return funk(A, node, neg, why);
}

/* ---- rules as formulas ------------------------------------------------------------------ */

/* The rule applies: within its geldig period and its condition true. */
static int32_t applies(an *A, int r, int neg)
{
    int32_t *memo = neg ? A->rneg : A->rpos;
    if (memo[r] < 0) {
        const hv_rule *rl = &A->p->rules[r];
        int32_t c = rl->cond < 0 ? (neg ? FF : FT) : build(A, rl->cond, neg, 0);
        int32_t v = fperiod(A, rl->valid_from, rl->valid_to, neg);
        memo[r] = neg ? for2(A, v, c) : fand2(A, v, c);
    }
    return memo[r];
}

/* The rule, as an exception, sets the rules it names aside. */
static int32_t exc_applies(an *A, int r, int neg)
{
    if (EXC_USES_VALIDITY) return applies(A, r, neg);
    int32_t *memo = neg ? A->xneg : A->xpos;
    if (memo[r] < 0) {
        const hv_rule *rl = &A->p->rules[r];
        memo[r] = rl->cond < 0 ? (neg ? FF : FT) : build(A, rl->cond, neg, 0);
    }
    return memo[r];
}

/* The rule counts: it applies and no exception sets it aside. */
static int32_t counts(an *A, int r, int neg)
{
    int32_t *memo = neg ? A->cneg : A->cpos;
    if (memo[r] < 0) {
        const hv_rule *rl = &A->p->rules[r];
        int32_t *kids = hv_mem_alloc((size_t)(rl->nexc_by + 1) * sizeof *kids);
        if (!kids) { A->oom = 1; return FF; }
        kids[0] = applies(A, r, neg);
        for (int k = 0; k < rl->nexc_by; k++) kids[k + 1] = exc_applies(A, rl->exc_by[k], !neg);
        memo[r] = fjoin(A, !neg, kids, rl->nexc_by + 1);
        hv_mem_free(kids);
    }
    return memo[r];
}

/* ---- ranges and values ------------------------------------------------------------------ */

static int cmp64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct range {
    int64_t lo, hi;
    int64_t *ne;           /* excluded values in [lo, hi], sorted, distinct */
    int nne, capne;
} range;

/* The range of var under the atoms on the trail (none when the trail is
 * empty). Returns 1 when a value is left. */
static int var_range(an *A, int32_t var, range *R)
{
    int64_t l = A->dlo[var], h = A->dhi[var];
    int k = 0;
    for (int32_t i = var < A->captlast ? A->tlast[var] : -1; i >= 0; i = A->tprev[i]) {
        const fnode *x = &A->f[A->trail[i]];
        int64_t c = x->at.c;
        switch (x->at.op) {
        case A_GE: if (c > l) l = c; break;
        case A_LE: if (c < h) h = c; break;
        case A_EQ: if (c > l) l = c; if (c < h) h = c; break;
        case A_NE: {
            int64_t *q = grow(A, R->ne, &R->capne, k + 1, sizeof *q);
            if (!q) return 1;
            R->ne = q;
            R->ne[k++] = c;
            break;
        }
        }
    }
    R->lo = l;
    R->hi = h;
    R->nne = 0;
    if (l > h) return 0;
    if (k > 1) qsort(R->ne, (size_t)k, sizeof *R->ne, cmp64);
    int m = 0;
    for (int i = 0; i < k; i++) {
        int64_t v = R->ne[i];
        if (v < l || v > h || (m > 0 && R->ne[m - 1] == v)) continue;
        R->ne[m++] = v;
    }
    R->nne = m;
    /* h - l < 2 * 10^18 fits */
    return (uint64_t)(h - l) >= (uint64_t)m;
}

static int in_range(const range *R, int64_t v)
{
    if (v < R->lo || v > R->hi) return 0;
    for (int i = 0; i < R->nne; i++)
        if (R->ne[i] == v) return 0;
    return 1;
}

static int64_t ceil_to(int64_t x, int64_t u) { return x >= 0 ? (x + u - 1) / u * u : -((-x) / u * u); }
static int64_t floor_to(int64_t x, int64_t u) { return x >= 0 ? x / u * u : -((-x + u - 1) / u * u); }

/* A value in the range: at a bound that was set, a whole unit (euro,
 * number) where one fits; else 0 or the nearest value to it. */
static int64_t pick(an *A, int32_t var, const range *R)
{
    int64_t u = A->unit[var], lo = R->lo, hi = R->hi, pref;
    if (lo > A->dlo[var]) {
        pref = ceil_to(lo, u);
        if (pref > hi) pref = lo;
    } else if (hi < A->dhi[var]) {
        pref = floor_to(hi, u);
        if (pref < lo) pref = hi;
    } else {
        int64_t mid = A->kind[var] == HV_TY_DATE ? A->dmid : 0;
        pref = mid < lo ? lo : mid > hi ? hi : mid;
    }
    for (int64_t k = 0; k <= R->nne; k++) {
        if (pref + k * u <= hi && in_range(R, pref + k * u)) return pref + k * u;
        if (pref - k * u >= lo && in_range(R, pref - k * u)) return pref - k * u;
    }
    for (int64_t k = 0; k <= R->nne + 1; k++) {
        if (pref + k <= hi && in_range(R, pref + k)) return pref + k;
        if (pref - k >= lo && in_range(R, pref - k)) return pref - k;
    }
    return pref;
}

/* ---- the tableau --------------------------------------------------------------------- */

typedef struct solver {
    an *A;
    int plus;              /* step 2/3: opaque parts free */
    int search;            /* step 3: check each surviving path with the engine */
    long steps, evals;
    int leaves;            /* surviving paths */
    range R;               /* scratch */
} solver;

static int concretize(solver *S);

static int push(solver *S, int32_t fi)
{
    an *A = S->A;
    int32_t *t = grow(A, A->trail, &A->capt, A->nt + 1, sizeof *t);
    if (!t) return 0;
    A->trail = t;
    int32_t *pv = grow(A, A->tprev, &A->captp, A->nt + 1, sizeof *pv);
    if (!pv) return 0;
    A->tprev = pv;
    const fnode *x = &A->f[fi];
    int32_t var = x->k == F_ATOM ? x->at.var : -1;
    if (var >= A->captlast) {
        int old = A->captlast;
        int32_t *l = grow(A, A->tlast, &A->captlast, A->nvars + 1, sizeof *l);
        if (!l) return 0;
        A->tlast = l;
        for (int i = old; i < A->captlast; i++) A->tlast[i] = -1;
    }
    if (var >= 0 && var >= A->capvb) {
        struct vbound *b = grow(A, A->vb, &A->capvb, A->nvars + 1, sizeof *b);
        if (!b) return 0;
        A->vb = b;
    }
    struct vbound *sv = grow(A, A->tsave, &A->captsave, A->nt + 1, sizeof *sv);
    if (!sv) return 0;
    A->tsave = sv;
    A->trail[A->nt] = fi;
    A->tprev[A->nt] = var >= 0 ? A->tlast[var] : -1;
    if (var < 0) { A->nt++; return 1; }
    /* the bounds, kept up to date as atoms come and go: a range wider than
     * the number of excluded values cannot be empty, and only a narrower
     * one needs the walk over the variable's atoms */
    struct vbound b = A->tlast[var] < 0 ? (struct vbound){A->dlo[var], A->dhi[var], 0} : A->vb[var];
    A->tsave[A->nt] = b;
    int64_t c = x->at.c;
    switch (x->at.op) {
    case A_GE: if (c > b.lo) b.lo = c; break;
    case A_LE: if (c < b.hi) b.hi = c; break;
    case A_EQ: if (c > b.lo) b.lo = c; if (c < b.hi) b.hi = c; break;
    default: b.nne++; break;
    }
    A->vb[var] = b;
    A->tlast[var] = A->nt;
    A->nt++;
    if (b.lo > b.hi) return 0;
    if ((uint64_t)(b.hi - b.lo) >= (uint64_t)b.nne) return 1;
    return var_range(A, var, &S->R);
}

/* Take the trail back to its first `mark` entries. */
static void trail_pop(an *A, int mark)
{
    while (A->nt > mark) {
        A->nt--;
        const fnode *x = &A->f[A->trail[A->nt]];
        if (x->k == F_ATOM) {
            A->tlast[x->at.var] = A->tprev[A->nt];
            A->vb[x->at.var] = A->tsave[A->nt];
        }
    }
}

/* Whether a kid of an `of` can still hold on this path. */
static int kid_live(solver *S, int32_t kid)
{
    an *A = S->A;
    const fnode *f = &A->f[kid];
    switch (f->k) {
    case F_FALSE: return 0;
    case F_UNK: case F_DIFF: return S->plus;
    case F_ATOM: {
        if (is_opaque(A, f) && !S->plus) return 0;
        int mark = A->nt, ok = push(S, kid);
        trail_pop(A, mark);
        return ok;
    }
    default: return 1;
    }
}

/* 1: a path survives (and is a witness); 0: none; -1: too large. */
static int solve(solver *S, const int32_t *in, int nin)
{
    an *A = S->A;
    int cap = nin + 16, n = nin, r = 0, mark = A->nt;
    int32_t *w = hv_mem_alloc((size_t)cap * sizeof *w);
    if (!w) { A->oom = 1; return -1; }
    memcpy(w, in, (size_t)nin * sizeof *w);
again:
    /* everything that leaves no choice: atoms, `en`, constants */
    for (int i = 0; i < n;) {
        if (++S->steps > STEP_CAP || ++A->steps > STEP_CAP_ALL) { r = -1; goto out; }
        const fnode *f = &A->f[w[i]];
        switch (f->k) {
        case F_TRUE:
            w[i] = w[--n];
            continue;
        case F_FALSE:
            goto fail;
        case F_UNK: case F_DIFF: case F_ATOM:
            if (is_opaque(A, f) && !S->plus) goto fail;
            if (!push(S, w[i])) goto fail;
            w[i] = w[--n];
            continue;
        case F_AND: {
            int32_t a = f->a, m = f->n;
            if (n - 1 + m > cap) {
                int32_t *q = grow(A, w, &cap, n - 1 + m, sizeof *q);
                if (!q) { r = -1; goto out; }
                w = q;
            }
            w[i] = w[--n];
            for (int j = 0; j < m; j++) w[n++] = A->fk[a + j];
            continue;
        }
        default:
            i++;
            continue;
        }
    }
    /* only `of`s are left: one with no kid that can hold fails the path,
     * one with a single such kid leaves no choice */
    int best = -1, bestlive = 0;
    for (int i = 0; i < n; i++) {
        const fnode *o = &A->f[w[i]];
        int live = 0;
        int32_t last = -1;
        S->steps += o->n;
        for (int k = 0; k < o->n; k++)
            if (kid_live(S, A->fk[o->a + k])) { live++; last = A->fk[o->a + k]; }
        if (live == 0) goto fail;
        if (live == 1) {
            w[i] = last;
            goto again;
        }
        if (best < 0 || live < bestlive) { best = i; bestlive = live; }
    }
    if (n == 0) {
        S->leaves++;
        if (!S->plus) { r = 1; goto out; }
        if (!S->search) goto fail;
        r = concretize(S);
        if (r == 1) goto out;
        if (r < 0 || S->leaves >= LEAF_CAP) { r = -1; goto out; }
        goto fail;
    }
    /* branch on the `of` with the fewest kids that can hold */
    int32_t orn = w[best];
    int here = A->nt;
    w[best] = w[--n];
    for (int k = 0; k < A->f[orn].n; k++) {
        int32_t kid = A->fk[A->f[orn].a + k];
        if (!kid_live(S, kid)) continue;
        w[n] = kid;
        r = solve(S, w, n + 1);
        if (r != 0) goto out;
        trail_pop(A, here);
    }
fail:
    r = 0;
    trail_pop(A, mark);
out:
    hv_mem_free(w);
    return r;
}

/* ---- step 3: a concrete case for a path with opaque parts ----------------------------- */

/* Mark the facts (and the peildatum, index nfacts) whose values an
 * expression depends on; a decision read brings in everything its rules,
 * their exceptions and its standaard read. */
static void infl_expr(an *A, int32_t node, uint8_t *vars, uint8_t *defs, uint8_t *decs, int depth);

static void infl_dec(an *A, int d, uint8_t *vars, uint8_t *defs, uint8_t *decs, int depth)
{
    const hv_program *p = A->p;
    if (decs[d]) return;
    decs[d] = 1;
    const hv_decision *dc = &p->decs[d];
    if (p->valid_from != HV_NO_START || p->valid_to != HV_NO_END) vars[A->peil] = 1;
    infl_expr(A, dc->dflt, vars, defs, decs, depth + 1);
    for (int i = 0; i < dc->nrules; i++) {
        const hv_rule *rl = &p->rules[dc->rules[i]];
        if (rl->valid_from != HV_NO_START || rl->valid_to != HV_NO_END) vars[A->peil] = 1;
        infl_expr(A, rl->cond, vars, defs, decs, depth + 1);
        infl_expr(A, dc->rule_expr[i], vars, defs, decs, depth + 1);
        for (int k = 0; k < rl->nexc_by; k++) {
            const hv_rule *e = &p->rules[rl->exc_by[k]];
            if (EXC_USES_VALIDITY && (e->valid_from != HV_NO_START || e->valid_to != HV_NO_END))
                vars[A->peil] = 1;
            infl_expr(A, e->cond, vars, defs, decs, depth + 1);
        }
    }
}

static void infl_expr(an *A, int32_t node, uint8_t *vars, uint8_t *defs, uint8_t *decs, int depth)
{
    const hv_program *p = A->p;
    if (node < 0 || node >= p->nnodes || depth > 2000) return;
    const hv_node *n = &p->nodes[node];
    switch ((hv_opcode)n->op) {
    case HV_OP_CONST_: return;
    case HV_OP_PEIL_: case HV_OP_PARAM_: vars[A->peil] = 1; return;
    case HV_OP_AGE_: if (n->b < 0) vars[A->peil] = 1; break;
    case HV_OP_FACT_: vars[n->a] = 1; return;
    case HV_OP_DEC_: infl_dec(A, n->a, vars, defs, decs, depth); return;
    case HV_OP_DEF_:
        if (defs[n->a]) return;
        defs[n->a] = 1;
        infl_expr(A, p->defs[n->a].expr, vars, defs, decs, depth + 1);
        return;
    case HV_OP_AND_: case HV_OP_OR_: case HV_OP_MIN_: case HV_OP_MAX_:
        for (int i = 0; i < n->n; i++) infl_expr(A, p->kids[n->a + i], vars, defs, decs, depth + 1);
        return;
    case HV_OP_IN_: case HV_OP_NOTIN_:
        infl_expr(A, n->a, vars, defs, decs, depth + 1);
        for (int i = 0; i < n->n; i++) infl_expr(A, p->kids[n->b + i], vars, defs, decs, depth + 1);
        return;
    default:
        break;
    }
    infl_expr(A, n->a, vars, defs, decs, depth + 1);
    infl_expr(A, n->b, vars, defs, decs, depth + 1);
}

/* Constants of the program's expressions (an expression's own first). */
static void collect_consts(an *A, int32_t node, int kind, int64_t *out, int *n, int max, uint8_t *defs, int depth)
{
    const hv_program *p = A->p;
    if (node < 0 || node >= p->nnodes || depth > 200 || *n >= max) return;
    const hv_node *x = &p->nodes[node];
    switch ((hv_opcode)x->op) {
    case HV_OP_CONST_: {
        hv_value v = p->consts[x->a];
        int vk = v.k == HV_V_NUM ? HV_TY_NUM : v.k == HV_V_MONEY ? HV_TY_MONEY : v.k == HV_V_DATE ? HV_TY_DATE : -1;
        if (vk == kind) out[(*n)++] = v.i;
        return;
    }
    case HV_OP_FACT_: case HV_OP_PEIL_: case HV_OP_PARAM_: case HV_OP_DEC_: return;
    case HV_OP_DEF_:
        if (defs[x->a]) return;
        defs[x->a] = 1;
        collect_consts(A, p->defs[x->a].expr, kind, out, n, max, defs, depth + 1);
        return;
    case HV_OP_AND_: case HV_OP_OR_: case HV_OP_MIN_: case HV_OP_MAX_:
        for (int i = 0; i < x->n; i++) collect_consts(A, p->kids[x->a + i], kind, out, n, max, defs, depth + 1);
        return;
    case HV_OP_IN_: case HV_OP_NOTIN_:
        collect_consts(A, x->a, kind, out, n, max, defs, depth + 1);
        for (int i = 0; i < x->n; i++) collect_consts(A, p->kids[x->b + i], kind, out, n, max, defs, depth + 1);
        return;
    default:
        collect_consts(A, x->a, kind, out, n, max, defs, depth + 1);
        collect_consts(A, x->b, kind, out, n, max, defs, depth + 1);
        return;
    }
}

static void add_cand(int64_t *c, int *n, int64_t v, const range *R)
{
    if (*n >= NCAND || !in_range(R, v)) return;
    for (int i = 0; i < *n; i++)
        if (c[i] == v) return;
    c[(*n)++] = v;
}

static hv_value var_value(an *A, int32_t var, int64_t v)
{
    switch (A->kind[var]) {
    case HV_TY_BOOL: return hv_bool(v != 0);
    case HV_TY_NUM: return hv_val(HV_V_NUM, v);
    case HV_TY_MONEY: return hv_val(HV_V_MONEY, v);
    case HV_TY_DATE: return hv_val(HV_V_DATE, v);
    case HV_TY_CHOICE: return hv_val(HV_V_CHOICE, A->p->choices[A->choice[var]].members[v]);
    default: return hv_unknown();
    }
}

static int known(hv_value v) { return v.k != HV_V_UNKNOWN && v.k != HV_V_ERROR; }

/* Whether the opaque literal fi holds in the case the engine just evaluated. */
static int literal_holds(an *A, int32_t fi)
{
    const fnode *x = &A->f[fi];
    if (x->k == F_UNK) {
        hv_value v = hv_eval_node(A->vctx, x->src);
        return v.k == HV_V_BOOL && (v.i != 0) != x->neg;
    }
    if (x->k == F_DIFF) {
        hv_value a = hv_eval_node(A->vctx, x->src), b = hv_eval_node(A->vctx, x->src2);
        return known(a) && known(b) && !hv_value_equal(a, b);
    }
    int32_t var = x->at.var;
    hv_value v = hv_eval_node(A->vctx, A->vsrc[var]);
    int64_t c;
    if (!known(v)) return 0;
    if (A->vpair[var]) {
        hv_value w = hv_eval_node(A->vctx, A->vsrc2[var]);
        if (!known(w)) return 0;
        c = A->vpair[var] == 2 ? hv_value_equal(v, w) : v.i - w.i;
    } else if (!value_in(A, var, v, &c)) {
        return 0;
    }
    switch (x->at.op) {
    case A_GE: return c >= x->at.c;
    case A_LE: return c <= x->at.c;
    case A_EQ: return c == x->at.c;
    default: return c != x->at.c;
    }
}

/* The expression an opaque literal evaluates. */
static void opaque_nodes(an *A, int32_t fi, int32_t *a, int32_t *b)
{
    const fnode *x = &A->f[fi];
    *b = -1;
    if (x->k == F_UNK) *a = x->src;
    else if (x->k == F_DIFF) { *a = x->src; *b = x->src2; }
    else { *a = A->vsrc[x->at.var]; *b = A->vsrc2[x->at.var]; }
}

/* Enumerate candidate values (the vector of indices idx, by growing sum of
 * indices, so that small changes of the first values come first) until the
 * engine confirms every opaque literal of the path. */
typedef struct cz {
    solver *S;
    int nv;
    int32_t *vars;
    int64_t (*cand)[NCAND];
    int *ncand, *idx;
    int32_t *lits;
    int nlits;
    long budget;
} cz;

static int cz_try(cz *Z)
{
    an *A = Z->S->A;
    if (Z->budget <= 0 || A->evals >= EVAL_CAP_ALL) return -1;
    Z->budget--;
    A->evals++;
    hv_case *cs = A->vcs;
    hv_case_clear(cs);
    int32_t peil = 0;
    for (int i = 0; i < Z->nv; i++) {
        int32_t v = Z->vars[i];
        int64_t val = Z->cand[i][Z->idx[i]];
        if (v == A->peil) peil = (int32_t)val;
        else cs->facts[v] = var_value(A, v, val);
    }
    if (hv_eval(A->vctx, cs, peil, 0) != 0) return -1;
    for (int i = 0; i < Z->nlits; i++)
        if (!literal_holds(A, Z->lits[i])) return 0;
    return 1;
}

static int cz_walk(cz *Z, int pos, int left)
{
    if (pos == Z->nv) return left == 0 ? cz_try(Z) : 0;
    for (int k = 0; k < Z->ncand[pos] && k <= left; k++) {
        Z->idx[pos] = k;
        int r = cz_walk(Z, pos + 1, left - k);
        if (r != 0) return r;
    }
    return 0;
}

static int concretize(solver *S)
{
    an *A = S->A;
    const hv_program *p = A->p;
    if (!A->vctx || A->evals >= EVAL_CAP_ALL || S->evals >= EVAL_CAP_Q) return -1;
    uint8_t *vars = hv_mem_alloc((size_t)A->nreal + (size_t)p->ndefs + (size_t)p->ndecs + 3);
    cz Z = {0};
    Z.S = S;
    int r = 0;
    if (!vars) { A->oom = 1; return -1; }
    memset(vars, 0, (size_t)A->nreal + (size_t)p->ndefs + (size_t)p->ndecs + 3);
    uint8_t *defs = vars + A->nreal + 1, *decs = defs + p->ndefs + 1;
    uint8_t *infl = hv_mem_alloc((size_t)A->nreal + 1);
    Z.vars = hv_mem_alloc((size_t)(A->nreal + 1) * sizeof *Z.vars);
    Z.cand = hv_mem_alloc((size_t)(A->nreal + 1) * sizeof *Z.cand);
    Z.ncand = hv_mem_alloc((size_t)(A->nreal + 1) * sizeof *Z.ncand);
    Z.idx = hv_mem_alloc((size_t)(A->nreal + 1) * sizeof *Z.idx);
    Z.lits = hv_mem_alloc((size_t)(A->nt + 1) * sizeof *Z.lits);
    if (!infl || !Z.vars || !Z.cand || !Z.ncand || !Z.idx || !Z.lits) { A->oom = 1; r = -1; goto out; }
    memset(infl, 0, (size_t)A->nreal + 1);
    /* the opaque literals of the path and what they read */
    for (int i = 0; i < A->nt; i++) {
        const fnode *x = &A->f[A->trail[i]];
        if (!is_opaque(A, x)) { if (x->k == F_ATOM) vars[x->at.var] = 1; continue; }
        int32_t a, b;
        opaque_nodes(A, A->trail[i], &a, &b);
        memset(defs, 0, (size_t)p->ndefs + (size_t)p->ndecs + 2);
        infl_expr(A, a, infl, defs, decs, 0);
        memset(defs, 0, (size_t)p->ndefs + (size_t)p->ndecs + 2);
        infl_expr(A, b, infl, defs, decs, 0);
        Z.lits[Z.nlits++] = A->trail[i];
    }
    /* candidate values per variable: one for those only the path constrains */
    int64_t consts[64];
    for (int32_t v = 0; v < A->nreal; v++) {
        if (!(vars[v] || infl[v]) || !usable(A, v)) continue;
        range *R = &S->R;
        if (!var_range(A, v, R)) { r = 0; goto out; }
        int i = Z.nv++, n = 0;
        Z.vars[i] = v;
        int64_t *c = Z.cand[i];
        add_cand(c, &n, pick(A, v, R), R);
        if (infl[v]) {
            int64_t u = A->unit[v];
            int k = A->kind[v], nc = 0;
            if (k == HV_TY_BOOL || k == HV_TY_CHOICE) {
                for (int64_t x = R->lo; x <= R->hi && n < NCAND; x++) add_cand(c, &n, x, R);
            } else {
                add_cand(c, &n, k == HV_TY_DATE ? A->dmid : 0, R);
                /* the constants of the opaque expressions, then all of them */
                for (int l = 0; l < Z.nlits && nc < 32; l++) {
                    int32_t a, b;
                    opaque_nodes(A, Z.lits[l], &a, &b);
                    memset(defs, 0, (size_t)p->ndefs + 1);
                    collect_consts(A, a, k, consts, &nc, 32, defs, 0);
                    memset(defs, 0, (size_t)p->ndefs + 1);
                    collect_consts(A, b, k, consts, &nc, 32, defs, 0);
                }
                for (int j = 0; j < A->nconsts[k] && nc < 64; j++) consts[nc++] = A->consts[k][j];
                for (int j = 0; j < nc; j++) add_cand(c, &n, consts[j], R);
                for (int j = 0; j < nc; j++) {
                    add_cand(c, &n, consts[j] + u, R);
                    add_cand(c, &n, consts[j] - u, R);
                }
                int64_t mag[] = {1, 10, 100, 1000, 10000, 100000};
                for (int j = 0; j < 6; j++) {
                    add_cand(c, &n, mag[j] * u, R);
                    add_cand(c, &n, -mag[j] * u, R);
                }
                add_cand(c, &n, R->lo, R);
                add_cand(c, &n, R->hi, R);
            }
        }
        if (n == 0) { r = 0; goto out; }
        Z.ncand[i] = n;
    }
    /* the peildatum: any date in its range when nothing sets it */
    if (!vars[A->peil] && !infl[A->peil]) {
        range *R = &S->R;
        var_range(A, A->peil, R);
        int i = Z.nv++;
        Z.vars[i] = A->peil;
        Z.cand[i][0] = pick(A, A->peil, R);
        Z.ncand[i] = 1;
    }
    Z.budget = EVAL_CAP_Q - S->evals;
    if (Z.budget > 1000) Z.budget = 1000;
    long before = Z.budget;
    int maxsum = 0;
    for (int i = 0; i < Z.nv; i++) maxsum += Z.ncand[i] - 1;
    for (int s = 0; s <= maxsum && r == 0; s++) r = cz_walk(&Z, 0, s);
    S->evals += before - Z.budget;
    if (r == 1) {
        /* the witness: what the path constrains and what its opaque parts read */
        memset(A->wset, 0, (size_t)A->nreal);
        A->nwit = 0;
        for (int i = 0; i < Z.nv; i++) {
            int32_t v = Z.vars[i];
            if (v == A->peil && !vars[v] && !infl[v]) continue;
            A->wset[v] = 1;
            A->wval[v] = Z.cand[i][Z.idx[i]];
            A->nwit++;
        }
    } else if (r < 0) {
        r = S->evals >= EVAL_CAP_Q || A->evals >= EVAL_CAP_ALL ? -1 : 0;
    }
out:
    hv_mem_free(vars);
    hv_mem_free(infl);
    hv_mem_free(Z.vars);
    hv_mem_free(Z.cand);
    hv_mem_free(Z.ncand);
    hv_mem_free(Z.idx);
    hv_mem_free(Z.lits);
    return r;
}

/* ---- questions ---------------------------------------------------------------------- */

static int new_epoch(an *A)
{
    if (A->capstamp < A->nf) {
        int cap = A->nf * 2;
        uint32_t *s = hv_mem_alloc((size_t)cap * sizeof *s);
        if (!s) { A->oom = 1; return 0; }
        memset(s, 0, (size_t)cap * sizeof *s);
        hv_mem_free(A->stamp);
        A->stamp = s;
        A->capstamp = cap;
        A->epoch = 0;
    }
    A->epoch++;
    return 1;
}

/* The first opaque part under f (a walk with visited marks): an opaque
 * literal (*lit) before an atom on an abstract variable (*abs). */
static void first_opaque(an *A, int32_t f, int32_t *lit, int32_t *abs)
{
    if (A->stamp[f] == A->epoch || *lit >= 0 || !A->f[f].opq) return;
    A->stamp[f] = A->epoch;
    const fnode *x = &A->f[f];
    if (x->k == F_UNK || x->k == F_DIFF) *lit = f;
    else if (is_opaque(A, x) && *abs < 0) *abs = f;
    else if (x->k == F_AND || x->k == F_OR)
        for (int i = 0; i < x->n; i++) first_opaque(A, A->fk[x->a + i], lit, abs);
}

/* A question: the conjunction of parts (each from rule prule[i], or -1). */
typedef struct query {
    int32_t *part;
    int *prule;
    int n, cap, capr;
} query;

static void qadd(an *A, query *q, int32_t f, int rule)
{
    int32_t *p = grow(A, q->part, &q->cap, q->n + 1, sizeof *p);
    if (!p) return;
    q->part = p;
    int *r = grow(A, q->prule, &q->capr, q->n + 1, sizeof *r);
    if (!r) return;
    q->prule = r;
    q->part[q->n] = f;
    q->prule[q->n] = rule;
    q->n++;
}

static void qfree(query *q)
{
    hv_mem_free(q->part);
    hv_mem_free(q->prule);
    memset(q, 0, sizeof *q);
}

/* Is the conjunction satisfiable? On Q_SAT the witness is in wset/wval. */
static int ask(an *A, const query *q, int search)
{
    if (A->oom) return Q_LARGE;
    solver S = {0};
    S.A = A;
    trail_pop(A, 0);
    A->culprit = -1;
    A->culprit_rule = -1;
    int r = solve(&S, q->part, q->n);
    if (r == 1) {
        /* every constrained variable, at a value of its range */
        memset(A->wset, 0, (size_t)A->nreal);
        A->nwit = 0;
        for (int i = 0; i < A->nt; i++) {
            const fnode *x = &A->f[A->trail[i]];
            if (x->k != F_ATOM || A->wset[x->at.var]) continue;
            var_range(A, x->at.var, &S.R);
            A->wset[x->at.var] = 1;
            A->wval[x->at.var] = pick(A, x->at.var, &S.R);
            A->nwit++;
        }
        hv_mem_free(S.R.ne);
        return Q_SAT;
    }
    if (r < 0) { hv_mem_free(S.R.ne); return Q_LARGE; }
    /* without opaque parts, step 1 was the whole answer */
    int any = 0;
    for (int i = 0; i < q->n; i++) any |= A->f[q->part[i]].opq;
    if (!any) { hv_mem_free(S.R.ne); return Q_UNSAT; }
    S.plus = 1;
    S.search = search;
    S.steps = 0;
    S.leaves = 0;
    trail_pop(A, 0);
    r = solve(&S, q->part, q->n);
    hv_mem_free(S.R.ne);
    if (r == 1) return Q_SAT;
    if (S.leaves == 0) return r < 0 ? Q_LARGE : Q_UNSAT;
    /* for the note: an opaque literal, else an abstract atom */
    if (!new_epoch(A)) return Q_LARGE;
    int32_t lit = -1, abs = -1;
    int lit_rule = -1, abs_rule = -1;
    for (int i = 0; i < q->n && lit < 0; i++) {
        int had = abs >= 0;
        first_opaque(A, q->part[i], &lit, &abs);
        if (lit >= 0) lit_rule = q->prule[i];
        if (!had && abs >= 0) abs_rule = q->prule[i];
    }
    A->culprit = lit >= 0 ? lit : abs;
    A->culprit_rule = lit >= 0 ? lit_rule : abs_rule;
    return Q_UNKNOWN;
}

/* ---- witnesses ------------------------------------------------------------------------ */

static void value_text(an *A, int32_t var, int64_t v, hv_buf *b)
{
    const hv_program *p = A->p;
    char tmp[64];
    switch (var == A->peil ? HV_TY_DATE : A->kind[var]) {
    case HV_TY_BOOL: hv_buf_puts(b, v ? "ja" : "nee"); return;
    case HV_TY_NUM: hv_decimal_format(v, 6, 0, tmp); hv_buf_puts(b, tmp); return;
    case HV_TY_MONEY:
        hv_decimal_format(v, 2, v % 100 != 0, tmp);
        if (tmp[0] == '-') hv_buf_printf(b, "-€%s", tmp + 1);
        else hv_buf_printf(b, "€%s", tmp);
        return;
    case HV_TY_DATE: hv_date_iso((int32_t)v, tmp); hv_buf_puts(b, tmp); return;
    case HV_TY_CHOICE: hv_buf_puts(b, p->syms[p->choices[A->choice[var]].members[v]]); return;
    default: hv_buf_puts(b, "?"); return;
    }
}

/* "for example a = 1, b = ja" from the last witness; fill: facts that get
 * a value even when the witness leaves them free (NULL: none). */
static char *witness_text(an *A, const uint8_t *fill)
{
    hv_buf b;
    hv_buf_init(&b);
    range R = {0};
    int shown = 0;
    for (int32_t var = 0; var < A->nreal; var++) {
        int64_t v;
        if (A->wset[var]) {
            v = A->wval[var];
        } else if (fill && fill[var] && usable(A, var) && var != A->peil) {
            R.lo = A->dlo[var];
            R.hi = A->dhi[var];
            R.nne = 0;
            v = pick(A, var, &R);
        } else {
            continue;
        }
        if (var == A->peil) hv_buf_puts(&b, shown ? ", on peildatum " : "on peildatum ");
        else hv_buf_printf(&b, "%s%s = ", shown ? ", " : "", A->p->facts[var].name);
        value_text(A, var, v, &b);
        shown++;
    }
    hv_mem_free(R.ne);
    char *s = hv_buf_take(&b);
    if (!s) return NULL;
    char *out = shown ? hv_arena_printf(&A->ar, "for example %s", s)
                      : hv_arena_strdup(&A->ar, "this happens in every case");
    hv_mem_free(s);
    return out;
}

/* Mark the facts read by an expression (through definitions). */
static void expr_facts(const hv_program *p, int32_t node, uint8_t *facts, uint8_t *defs, int depth)
{
    if (node < 0 || node >= p->nnodes || depth > 2000) return;
    const hv_node *n = &p->nodes[node];
    switch ((hv_opcode)n->op) {
    case HV_OP_CONST_: case HV_OP_PEIL_: case HV_OP_PARAM_: case HV_OP_DEC_: return;
    case HV_OP_FACT_: facts[n->a] = 1; return;
    case HV_OP_DEF_:
        if (defs[n->a]) return;
        defs[n->a] = 1;
        expr_facts(p, p->defs[n->a].expr, facts, defs, depth + 1);
        return;
    case HV_OP_AND_: case HV_OP_OR_: case HV_OP_MIN_: case HV_OP_MAX_:
        for (int i = 0; i < n->n; i++) expr_facts(p, p->kids[n->a + i], facts, defs, depth + 1);
        return;
    case HV_OP_IN_: case HV_OP_NOTIN_:
        expr_facts(p, n->a, facts, defs, depth + 1);
        for (int i = 0; i < n->n; i++) expr_facts(p, p->kids[n->b + i], facts, defs, depth + 1);
        return;
    default:
        expr_facts(p, n->a, facts, defs, depth + 1);
        expr_facts(p, n->b, facts, defs, depth + 1);
        return;
    }
}

static void tmpl_facts(const hv_program *p, const hv_tmpl *t, uint8_t *facts, uint8_t *defs)
{
    for (int i = 0; i < t->n; i++)
        if (!t->parts[i].text) expr_facts(p, t->parts[i].expr, facts, defs, 0);
}

/* The facts that the formula f reads directly (atoms and opaque literals). */
static void formula_vars(an *A, int32_t f, uint8_t *vars, uint8_t *defs)
{
    if (A->stamp[f] == A->epoch) return;
    A->stamp[f] = A->epoch;
    const fnode *x = &A->f[f];
    if (x->k == F_ATOM && !is_abstract(A, x->at.var)) vars[x->at.var] = 1;
    else if (is_opaque(A, x)) {
        int32_t a, b;
        opaque_nodes(A, f, &a, &b);
        expr_facts(A->p, a, vars, defs, 0);
        expr_facts(A->p, b, vars, defs, 0);
    } else if (x->k == F_AND || x->k == F_OR) {
        for (int i = 0; i < x->n; i++) formula_vars(A, A->fk[x->a + i], vars, defs);
    }
}

/* ---- reporting ------------------------------------------------------------------------ */

static void report(an *A, hv_severity sev, hv_loc loc, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void report(an *A, hv_severity sev, hv_loc loc, const char *hint, const char *fmt, ...)
{
    item *it = grow(A, A->items, &A->capitems, A->nitems + 1, sizeof *it);
    if (!it) return;
    A->items = it;
    va_list ap;
    va_start(ap, fmt);
    char *msg = hv_arena_vprintf(&A->ar, fmt, ap);
    va_end(ap);
    if (!msg) { A->oom = 1; return; }
    A->items[A->nitems] = (item){sev, loc, msg, (char *)hint, A->nitems};
    A->nitems++;
}

static int item_cmp(const void *x, const void *y)
{
    const item *a = x, *b = y;
    if (a->loc.file != b->loc.file) return a->loc.file < b->loc.file ? -1 : 1;
    if (a->loc.start != b->loc.start) return a->loc.start < b->loc.start ? -1 : 1;
    return a->seq - b->seq;
}

/* "line 12" when in the same file as `here`, else "file.hv:12". */
static const char *where(an *A, hv_loc loc, hv_loc here)
{
    if (loc.file < 0 || !A->d->src || loc.file >= A->d->src->n) return "?";
    int line, col;
    hv_src_linecol(A->d->src, loc, &line, &col);
    if (loc.file == here.file) return hv_arena_printf(&A->ar, "line %d", line);
    return hv_arena_printf(&A->ar, "%s:%d", A->d->src->files[loc.file].name, line);
}

static const char *rule_name(an *A, int r) { return A->p->rules[r].name; }

static const char *outcome_text(an *A, hv_value v)
{
    char tmp[64];
    return hv_arena_strdup(&A->ar, hv_value_plain(A->p, v, tmp, sizeof tmp));
}

/* ---- the checks per decision ----------------------------------------------------------- */

typedef struct dstate {
    int d;
    int noted;
} dstate;

static void note_unknown(an *A, dstate *ds, int q)
{
    if (ds->noted || (q != Q_UNKNOWN && q != Q_LARGE)) return;
    ds->noted = 1;
    const hv_decision *dc = &A->p->decs[ds->d];
    if (q == Q_LARGE || A->culprit < 0) {
        report(A, HV_SEV_NOTE, dc->loc, NULL,
               "could not decide: the rules for decision '%s' are too large to analyse, so it is only partly checked",
               dc->name);
        return;
    }
    const fnode *u = &A->f[A->culprit];
    int32_t at = u->src >= 0 ? u->src : A->vsrc[u->at.var];
    const char *who = A->culprit_rule >= 0
        ? hv_arena_printf(&A->ar, "rule '%s'", rule_name(A, A->culprit_rule)) : "a condition";
    report(A, HV_SEV_NOTE, A->p->nodes[at].loc, NULL,
           "could not decide: %s %s, so decision '%s' is only partly checked", who,
           u->why ? u->why : "uses a construct the analysis cannot follow", dc->name);
}

static int outcome_const(an *A, int32_t expr, hv_value *v)
{
    if (expr < 0) return 0;
    side s = get_side(A, expr);
    if (s.k != S_CONST) return 0;
    *v = s.v;
    return 1;
}

/* The ways another rule keeps rule r from deciding. */
enum { W_HIGHER, W_EXCEPTION, W_FAILS };

/* The part of a question that says candidate c does not keep r from
 * deciding: a higher rule does not count, an exception does not apply, a
 * rule of the same rank does not fail. */
static int32_t not_winning(an *A, int kind, int c)
{
    switch (kind) {
    case W_HIGHER: return counts(A, c, 1);
    case W_EXCEPTION: return exc_applies(A, c, 1);
    default: return for2(A, counts(A, c, 0), counts(A, c, 1));
    }
}

/* Can rule r count while none of the candidates (those kept, but for
 * `without`) keeps it from deciding? */
static int never_query(an *A, int r, const int *cand, const int *kind, const uint8_t *keep, int nc,
                       int without, int search)
{
    query q = {0};
    qadd(A, &q, A->base, -1);
    qadd(A, &q, applies(A, r, 0), r);
    for (int c = 0; c < nc; c++)
        if (keep[c] && c != without) qadd(A, &q, not_winning(A, kind[c], cand[c]), cand[c]);
    int res = ask(A, &q, search);
    qfree(&q);
    return res;
}

/* A rule never decides a decision when whenever it applies, a higher-ranked
 * rule for the decision counts too, an exception sets it aside, or another
 * rule of its rank fails (which makes the decision an error). The message
 * names a minimal set of those rules. */
static void check_never_decides(an *A, dstate *ds)
{
    const hv_program *p = A->p;
    const hv_decision *dc = &p->decs[ds->d];
    int *cand = hv_mem_alloc((size_t)(dc->nrules + p->nrules + 1) * 3 * sizeof *cand);
    if (!cand) { A->oom = 1; return; }
    int *kind = cand + dc->nrules + p->nrules + 1;
    uint8_t *keep = (uint8_t *)(kind + dc->nrules + p->nrules + 1);
    for (int i = 0; i < dc->nrules; i++) {
        int r = dc->rules[i];
        const hv_rule *rl = &p->rules[r];
        if (A->never[r]) continue;
        int nc = 0;
        for (int j = 0; j < dc->nrules; j++) {
            int h = dc->rules[j];
            if (p->rules[h].rank < rl->rank) { kind[nc] = W_HIGHER; cand[nc++] = h; }
        }
        for (int k = 0; k < rl->nexc_by; k++) { kind[nc] = W_EXCEPTION; cand[nc++] = rl->exc_by[k]; }
        for (int j = 0; j < dc->nrules; j++) {
            int h = dc->rules[j];
            if (h != r && p->rules[h].rank == rl->rank && rule_can_fail(A, h)) { kind[nc] = W_FAILS; cand[nc++] = h; }
        }
        if (!nc) continue;
        memset(keep, 1, (size_t)nc);
        int res = never_query(A, r, cand, kind, keep, nc, -1, 1);
        if (res != Q_UNSAT) { note_unknown(A, ds, res); continue; }
        /* name a minimal set: leave out the rules that never meet it, then
         * each one that the rest can do without */
        for (int c = 0; c < nc; c++) {
            if (kind[c] == W_FAILS) continue;
            query q = {0};
            qadd(A, &q, A->base, -1);
            qadd(A, &q, applies(A, r, 0), r);
            qadd(A, &q, kind[c] == W_EXCEPTION ? exc_applies(A, cand[c], 0) : counts(A, cand[c], 0), cand[c]);
            if (ask(A, &q, 0) == Q_UNSAT) keep[c] = 0;
            qfree(&q);
        }
        /* (each try is a question over all that are left: with many left,
         * that is quadratic, and the message could not name them all anyway) */
        int left = 0;
        for (int c = 0; c < nc; c++) left += keep[c];
        if (left <= NAME_MIN_CAP)
            for (int c = nc - 1; c >= 0; c--)
                if (keep[c] && never_query(A, r, cand, kind, keep, nc, c, 0) == Q_UNSAT) keep[c] = 0;
        hv_buf bufs[3];
        int cnt[3] = {0, 0, 0};
        for (int k = 0; k < 3; k++) hv_buf_init(&bufs[k]);
        for (int c = 0; c < nc; c++) {
            if (!keep[c]) continue;
            if (cnt[kind[c]] < NAME_LIST_CAP)
                hv_buf_printf(&bufs[kind[c]], "%s'%s' (%s)", cnt[kind[c]] ? ", " : "", rule_name(A, cand[c]),
                              where(A, p->rules[cand[c]].loc, rl->loc));
            cnt[kind[c]]++;
        }
        for (int k = 0; k < 3; k++)
            if (cnt[k] > NAME_LIST_CAP) hv_buf_printf(&bufs[k], " and %d more", cnt[k] - NAME_LIST_CAP);
        char *t[3];
        for (int k = 0; k < 3; k++) t[k] = hv_buf_take(&bufs[k]);
        static const char *const one[3] = {"higher-ranked rule %s applies too", "exception %s sets it aside",
                                           "rule %s of the same rank fails (the decision is an error)"};
        static const char *const many[3] = {"one of the higher-ranked rules %s applies too",
                                            "one of the exceptions %s sets it aside",
                                            "one of the rules %s of the same rank fails (the decision is an error)"};
        hv_buf m;
        hv_buf_init(&m);
        int parts = 0;
        for (int k = 0; k < 3; k++) {
            if (!cnt[k]) continue;
            hv_buf_puts(&m, parts ? ", or " : "");
            hv_buf_printf(&m, cnt[k] == 1 ? one[k] : many[k], t[k] ? t[k] : "?");
            parts++;
        }
        char *why = hv_buf_take(&m);
        report(A, HV_SEV_WARNING, rl->loc, NULL, "rule '%s' never decides '%s': whenever it applies, %s", rl->name,
               dc->name, why && parts ? why : "a rule that outranks it decides");
        hv_mem_free(why);
        for (int k = 0; k < 3; k++) hv_mem_free(t[k]);
    }
    hv_mem_free(cand);
}

static void check_conflicts(an *A, dstate *ds)
{
    const hv_program *p = A->p;
    const hv_decision *dc = &p->decs[ds->d];
    for (int i = 0; i < dc->nrules; i++) {
        int ri = dc->rules[i];
        if (dc->rule_expr[i] < 0 || A->never[ri]) continue;
        for (int j = i + 1; j < dc->nrules; j++) {
            int rj = dc->rules[j];
            if (dc->rule_expr[j] < 0 || A->never[rj] || p->rules[rj].rank != p->rules[ri].rank) continue;
            hv_value vi, vj;
            int ci = outcome_const(A, dc->rule_expr[i], &vi), cj = outcome_const(A, dc->rule_expr[j], &vj);
            if (ci && cj && hv_value_equal(vi, vj)) continue;
            query q = {0};
            qadd(A, &q, A->base, -1);
            qadd(A, &q, counts(A, ri, 0), ri);
            qadd(A, &q, counts(A, rj, 0), rj);
            for (int k = 0; k < dc->nrules; k++) {
                int h = dc->rules[k];
                int rank = p->rules[h].rank, at = p->rules[ri].rank;
                if (rank < at || (rank == at && dc->rule_expr[k] < 0)) qadd(A, &q, counts(A, h, 1), h);
                /* another rule of this rank must not fail (that makes the decision an error) */
                else if (rank == at && k != i && k != j && rule_can_fail(A, h))
                    qadd(A, &q, for2(A, counts(A, h, 0), counts(A, h, 1)), h);
            }
            /* outcomes that are computed must differ in the case */
            if (!ci || !cj)
                qadd(A, &q, fnew(A, (fnode){.k = F_DIFF, .opq = 1, .src = dc->rule_expr[i], .src2 = dc->rule_expr[j],
                                            .why = hv_arena_printf(&A->ar, "computes its outcome for '%s'", dc->name)}),
                     !ci ? ri : rj);
            int res = ask(A, &q, 1);
            qfree(&q);
            if (res == Q_UNSAT) continue;
            if (res != Q_SAT) { note_unknown(A, ds, res); continue; }
            const hv_rule *a = &p->rules[ri], *b = &p->rules[rj];
            const char *hint = witness_text(A, NULL);
            if (ci && cj)
                report(A, HV_SEV_WARNING, b->loc, hint,
                       "conflict possible: rules '%s' (%s) and '%s' rank equally and can give '%s' different outcomes: %s and %s",
                       a->name, where(A, a->loc, b->loc), b->name, dc->name, outcome_text(A, vi), outcome_text(A, vj));
            else
                report(A, HV_SEV_WARNING, b->loc, hint,
                       "conflict possible: rules '%s' (%s) and '%s' rank equally and can give '%s' different outcomes",
                       a->name, where(A, a->loc, b->loc), b->name, dc->name);
        }
    }
}

static void check_gap(an *A, dstate *ds)
{
    const hv_program *p = A->p;
    const hv_decision *dc = &p->decs[ds->d];
    if (dc->dflt >= 0) return;
    query q = {0};
    qadd(A, &q, A->base, -1);
    for (int i = 0; i < dc->nrules; i++) qadd(A, &q, counts(A, dc->rules[i], 1), dc->rules[i]);
    int res = ask(A, &q, 1);
    if (res == Q_SAT) {
        /* every fact the rules read gets a value, so the case is complete */
        uint8_t *vars = zalloc(A, (size_t)A->nreal, 1);
        uint8_t *defs = zalloc(A, (size_t)p->ndefs + 1, 1);
        if (vars && defs && new_epoch(A))
            for (int i = 0; i < q.n; i++) formula_vars(A, q.part[i], vars, defs);
        report(A, HV_SEV_WARNING, dc->loc, witness_text(A, vars),
               "gap: no rule decides '%s' in some cases, and it has no standaard", dc->name);
    } else {
        note_unknown(A, ds, res);
    }
    qfree(&q);
}

/* ---- what is not used ------------------------------------------------------------------------ */

static void check_unused(an *A)
{
    const hv_program *p = A->p;
    uint8_t *used = zalloc(A, (size_t)p->nfacts, 1), *udefs = zalloc(A, (size_t)p->ndefs, 1);
    uint8_t *asked = zalloc(A, (size_t)p->nfacts, 1), *adefs = zalloc(A, (size_t)p->ndefs, 1);
    uint8_t *any = zalloc(A, (size_t)p->nfacts, 1), *anydefs = zalloc(A, (size_t)p->ndefs, 1);
    uint8_t *valrules = zalloc(A, (size_t)p->nvalues, 1);
    if (!used || !udefs || !asked || !adefs || !any || !anydefs || !valrules) return;
    for (int r = 0; r < p->nrules; r++) {
        const hv_rule *rl = &p->rules[r];
        expr_facts(p, rl->cond, used, udefs, 0);
        expr_facts(p, rl->cond, asked, adefs, 0);
        for (int k = 0; k < rl->nassign; k++) {
            expr_facts(p, rl->assign[k].expr, used, udefs, 0);
            expr_facts(p, rl->assign[k].expr, asked, adefs, 0);
        }
        tmpl_facts(p, &rl->omdat, used, udefs);
        if (rl->value >= 0) valrules[rl->value] = 1;
    }
    for (int i = 0; i < p->ndecs; i++) {
        expr_facts(p, p->decs[i].dflt, used, udefs, 0);
        expr_facts(p, p->decs[i].dflt, asked, adefs, 0);
        tmpl_facts(p, &p->decs[i].dflt_omdat, used, udefs);
    }
    for (int i = 0; i < p->nsafe; i++) {
        expr_facts(p, p->safe[i].cond, used, udefs, 0);
        expr_facts(p, p->safe[i].expr, used, udefs, 0);
        expr_facts(p, p->safe[i].cond, asked, adefs, 0);
        expr_facts(p, p->safe[i].expr, asked, adefs, 0);
    }
    for (int i = 0; i < p->ndefs; i++) {
        memset(anydefs, 0, (size_t)p->ndefs);
        expr_facts(p, p->defs[i].expr, any, anydefs, 0);
    }
    /* a module (gebruik) may offer more than a rule set uses: only the
     * declarations of the main file (file 0) are reported as unused */
    for (int i = 0; i < p->nfacts; i++) {
        const hv_fact *f = &p->facts[i];
        if (!used[i] && f->loc.file > 0) continue;
        if (!used[i])
            report(A, HV_SEV_WARNING, f->loc,
                   any[i] ? "only definitions that are not used read it"
                          : "no rule, definition, standaard, waarborg or omdat text reads it",
                   "fact '%s' is not used", f->name);
        else if (asked[i] && !f->vraag)
            report(A, HV_SEV_WARNING, f->loc,
                   "when it is missing, a consulent is asked for it by its name; add vraag \"...\"",
                   "fact '%s' is read by the rules but has no vraag", f->name);
    }
    for (int i = 0; i < p->ndefs; i++)
        if (!udefs[i] && p->defs[i].loc.file <= 0)
            report(A, HV_SEV_WARNING, p->defs[i].loc, NULL, "definition '%s' is not used", p->defs[i].name);
    for (int i = 0; i < p->nvalues; i++)
        if (!valrules[i] && p->values[i].loc.file <= 0)
            report(A, HV_SEV_WARNING, p->values[i].loc, NULL, "value '%s' has no rules", p->values[i].name);
    for (int r = 0; r < p->nrules; r++)
        if (!p->rules[r].has_omdat)
            report(A, HV_SEV_WARNING, p->rules[r].loc, "when it decides, the outcome comes without an explanation",
                   "rule '%s' has no omdat", p->rules[r].name);
}

/* ---- the whole program -------------------------------------------------------------------------- */

static int setup(an *A)
{
    const hv_program *p = A->p;
    hv_arena_init(&A->ar, 16384);
    fnew(A, (fnode){.k = F_TRUE});
    fnew(A, (fnode){.k = F_FALSE});
    hv_date_from_ymd(1, 1, 1, &A->dmin);
    hv_date_from_ymd(9999, 12, 31, &A->dmax);
    /* a date near the rule set's own cases, else 2000-01-01 */
    hv_date_from_ymd(2000, 1, 1, &A->dmid);
    for (int i = p->ncasus - 1; i >= 0; i--)
        if (p->casus[i].has_peildatum) A->dmid = p->casus[i].peildatum;
    /* ... on which every parameter has a value */
    for (int i = 0; i < p->nparams; i++)
        if (p->params[i].n > 0 && p->params[i].from[0] > A->dmid) A->dmid = p->params[i].from[0];
    A->nreal = p->nfacts + 1;
    A->peil = p->nfacts;
    for (int v = 0; v < p->nfacts; v++) new_var(A, p->facts[v].ty.kind, p->facts[v].ty.choice, -1);
    new_var(A, HV_TY_DATE, -1, -1);
    size_t nr = (size_t)p->nrules, nd = (size_t)p->ndefs;
    A->rpos = zalloc(A, nr, sizeof(int32_t));
    A->rneg = zalloc(A, nr, sizeof(int32_t));
    A->cpos = zalloc(A, nr, sizeof(int32_t));
    A->cneg = zalloc(A, nr, sizeof(int32_t));
    A->xpos = zalloc(A, nr, sizeof(int32_t));
    A->xneg = zalloc(A, nr, sizeof(int32_t));
    A->never = zalloc(A, nr, 1);
    A->dpos = zalloc(A, nd, sizeof(int32_t));
    A->dneg = zalloc(A, nd, sizeof(int32_t));
    A->defconst = zalloc(A, nd, 1);
    A->failmemo = zalloc(A, (size_t)p->nnodes, 1);
    A->rulefail = zalloc(A, nr, 1);
    A->absdec = zalloc(A, (size_t)p->ndecs, sizeof(int32_t));
    A->wset = zalloc(A, (size_t)A->nreal, 1);
    A->wval = zalloc(A, (size_t)A->nreal, sizeof(int64_t));
    if (A->oom) return -1;
    for (size_t i = 0; i < nr; i++)
        A->rpos[i] = A->rneg[i] = A->cpos[i] = A->cneg[i] = A->xpos[i] = A->xneg[i] = -1;
    for (size_t i = 0; i < nd; i++) A->dpos[i] = A->dneg[i] = -1;
    for (int i = 0; i < p->ndecs; i++) A->absdec[i] = -1;
    A->base = fperiod(A, p->valid_from, p->valid_to, 0);
    A->culprit = -1;
    /* the constants of the program, per type, for step 3 */
    for (int k = 0; k < 8; k++) {
        int vk = k == HV_TY_NUM ? HV_V_NUM : k == HV_TY_MONEY ? HV_V_MONEY : k == HV_TY_DATE ? HV_V_DATE : -1;
        if (vk < 0) continue;
        int np = 0;
        for (int i = 0; i < p->nparams; i++) np += p->params[i].n;
        A->consts[k] = zalloc(A, (size_t)p->nconsts + (size_t)np + 1, sizeof(int64_t));
        if (!A->consts[k]) return -1;
        for (int i = 0; i < p->nconsts; i++)
            if (p->consts[i].k == vk) A->consts[k][A->nconsts[k]++] = p->consts[i].i;
        /* the values of the parameters, and the dates they change on */
        for (int i = 0; i < p->nparams; i++)
            for (int j = 0; j < p->params[i].n; j++) {
                if (p->params[i].values[j].k == vk) A->consts[k][A->nconsts[k]++] = p->params[i].values[j].i;
                if (vk == HV_V_DATE) A->consts[k][A->nconsts[k]++] = p->params[i].from[j];
            }
        qsort(A->consts[k], (size_t)A->nconsts[k], sizeof(int64_t), cmp64);
    }
    /* contexts: one over an empty case to fold constants, one for step 3 */
    A->cs = hv_case_new(p);
    A->ctx = hv_ctx_new(p);
    if (!A->cs || !A->ctx || hv_eval(A->ctx, A->cs, 0, 0) != 0) {
        hv_ctx_free(A->ctx);
        hv_case_free(A->cs);
        A->ctx = NULL;
        A->cs = NULL;
    }
    A->vcs = hv_case_new(p);
    A->vctx = hv_ctx_new(p);
    if (!A->vcs || !A->vctx) {
        hv_ctx_free(A->vctx);
        hv_case_free(A->vcs);
        A->vctx = NULL;
        A->vcs = NULL;
    }
    return A->oom ? -1 : 0;
}

static void teardown(an *A)
{
    hv_ctx_free(A->ctx);
    hv_case_free(A->cs);
    hv_ctx_free(A->vctx);
    hv_case_free(A->vcs);
    hv_mem_free(A->f);
    hv_mem_free(A->fk);
    hv_mem_free(A->dlo);
    hv_mem_free(A->dhi);
    hv_mem_free(A->unit);
    hv_mem_free(A->kind);
    hv_mem_free(A->choice);
    hv_mem_free(A->vsrc);
    hv_mem_free(A->vsrc2);
    hv_mem_free(A->vpair);
    hv_mem_free(A->vkey);
    hv_mem_free(A->trail);
    hv_mem_free(A->tprev);
    hv_mem_free(A->tlast);
    hv_mem_free(A->vb);
    hv_mem_free(A->tsave);
    hv_mem_free(A->stamp);
    hv_mem_free(A->items);
    hv_arena_free(&A->ar);
}

int hv_analyze(const hv_program *p, hv_diags *d, int flags)
{
    (void)flags;
    an A;
    memset(&A, 0, sizeof A);
    A.p = p;
    A.d = d;
    if (setup(&A) != 0) { teardown(&A); return -1; }

    /* rules whose condition can never be true */
    for (int r = 0; r < p->nrules; r++) {
        query q = {0};
        qadd(&A, &q, A.base, -1);
        qadd(&A, &q, applies(&A, r, 0), r);
        if (ask(&A, &q, 0) == Q_UNSAT) {
            const hv_rule *rl = &p->rules[r];
            A.never[r] = 1;
            int dated = rl->valid_from != HV_NO_START || rl->valid_to != HV_NO_END ||
                        p->valid_from != HV_NO_START || p->valid_to != HV_NO_END;
            report(&A, HV_SEV_WARNING, rl->loc, NULL, "rule '%s' never applies: no case makes its condition true%s",
                   rl->name, dated ? " within its geldig period" : "");
        }
        qfree(&q);
    }
    for (int i = 0; i < p->ndecs; i++) {
        dstate ds = {i, 0};
        check_never_decides(&A, &ds);
        check_conflicts(&A, &ds);
        check_gap(&A, &ds);
    }
    check_unused(&A);

    int nwarn = 0;
    if (A.nitems > 1) qsort(A.items, (size_t)A.nitems, sizeof *A.items, item_cmp);
    for (int i = 0; i < A.nitems; i++) {
        item *it = &A.items[i];
        int before = d->n;
        hv_diag_add(d, it->sev, it->loc, "%s", it->msg);
        if (it->hint && d->n > before) hv_diag_hint(d, "%s", it->hint);
        if (it->sev == HV_SEV_WARNING) nwarn++;
    }
    int oom = A.oom;
    teardown(&A);
    return oom ? -1 : nwarn;
}
