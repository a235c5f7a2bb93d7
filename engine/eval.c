/* eval.c — decide a case: three-valued expressions and how a value decides.
 *
 * Expressions are evaluated over the flat node array with Kleene logic:
 * unknown operands make comparisons and arithmetic unknown; `en` is false as
 * soon as one side is false, `of` true as soon as one side is true.
 * Evaluation goes left to right and stops at the first error (division by
 * zero, overflow, a date out of range), which becomes the decision's status.
 * Definitions, rule conditions and decisions are computed at most once per
 * case and cached in the context; nothing is allocated but from the
 * context's arena, which is reset for every case.
 */
#include "eval_int.h"

#include <stdlib.h>
#include <string.h>

enum { ST_NEW = 0, ST_BUSY, ST_DONE };

static hv_value eval_decision_value(hv_ctx *c, int d, int32_t node);

static int cmp_values(hv_value a, hv_value b)
{
    if (a.k == HV_V_TEXT) return strcmp(a.s, b.s);
    return a.i < b.i ? -1 : a.i > b.i;
}

int hv_value_equal(hv_value a, hv_value b)
{
    if (a.k != b.k) return 0;
    if (a.k == HV_V_UNKNOWN) return 1;
    return cmp_values(a, b) == 0;
}

static hv_value arith(hv_errcode e, hv_vkind k, int64_t r, int32_t node)
{
    return e ? hv_error(e, node) : hv_val(k, r);
}

static hv_value date_result(int64_t day, int32_t node)
{
    return hv_date_valid(day) ? hv_val(HV_V_DATE, day) : hv_error(HV_ERR_DATE, node);
}

/* Days in a getal (millionths): whole days only. */
static hv_value days_of(hv_value v, int64_t *days, int32_t node)
{
    if (v.i % HV_NUM_SCALE) return hv_error(HV_ERR_DAYS, node);
    *days = v.i / HV_NUM_SCALE;
    return v;
}

hv_value hv_eval_node(hv_ctx *c, int32_t idx)
{
    const hv_program *p = c->p;
    const hv_node *n = &p->nodes[idx];
    switch ((hv_opcode)n->op) {
    case HV_OP_CONST_: return p->consts[n->a];
    case HV_OP_FACT_: return c->facts[n->a];
    case HV_OP_PEIL_: return hv_val(HV_V_DATE, c->peil);
    case HV_OP_DEF_: {
        if (c->defst[n->a] != ST_DONE) {
            c->defst[n->a] = ST_BUSY;
            c->defv[n->a] = hv_eval_node(c, p->defs[n->a].expr);
            c->defst[n->a] = ST_DONE;
        }
        return c->defv[n->a];
    }
    case HV_OP_DEC_: return eval_decision_value(c, n->a, idx);
    case HV_OP_NOT_: {
        hv_value v = hv_eval_node(c, n->a);
        if (v.k == HV_V_BOOL) v.i = !v.i;
        return v;
    }
    case HV_OP_AND_:
    case HV_OP_OR_: {
        int is_and = n->op == HV_OP_AND_, unknown = 0;
        for (int i = 0; i < n->n; i++) {
            hv_value v = hv_eval_node(c, p->kids[n->a + i]);
            if (v.k == HV_V_ERROR) return v;
            if (v.k == HV_V_UNKNOWN) { unknown = 1; continue; }
            if (v.i != is_and) return hv_bool(!is_and);
        }
        return unknown ? hv_unknown() : hv_bool(is_and);
    }
    case HV_OP_IN_:
    case HV_OP_NOTIN_: {
        hv_value a = hv_eval_node(c, n->a);
        if (a.k == HV_V_ERROR || a.k == HV_V_UNKNOWN) return a;
        int unknown = 0, found = 0;
        for (int i = 0; i < n->n && !found; i++) {
            hv_value v = hv_eval_node(c, p->kids[n->b + i]);
            if (v.k == HV_V_ERROR) return v;
            if (v.k == HV_V_UNKNOWN) unknown = 1;
            else if (cmp_values(a, v) == 0) found = 1;
        }
        if (!found && unknown) return hv_unknown();
        return hv_bool(found == (n->op == HV_OP_IN_));
    }
    case HV_OP_MIN_:
    case HV_OP_MAX_: {
        hv_value best = hv_unknown();
        for (int i = 0; i < n->n; i++) {
            hv_value v = hv_eval_node(c, p->kids[n->a + i]);
            if (v.k == HV_V_ERROR || v.k == HV_V_UNKNOWN) return v;
            if (i == 0 || (n->op == HV_OP_MIN_ ? v.i < best.i : v.i > best.i)) best = v;
        }
        return best;
    }
    case HV_OP_KNOWN_: {
        hv_value v = hv_eval_node(c, n->a);
        if (v.k == HV_V_ERROR) return v;
        return hv_bool(v.k != HV_V_UNKNOWN);
    }
    case HV_OP_PARAM_: {
        /* the value of the latest date on or before the peildatum */
        const hv_param *pa = &p->params[n->a];
        int lo = 0, hi = pa->n - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) / 2;
            if (pa->from[mid] <= c->peil) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? hv_error(HV_ERR_PERIOD, idx) : pa->values[found];
    }
    case HV_OP_AGE_: {
        hv_value a = hv_eval_node(c, n->a);
        if (a.k == HV_V_ERROR || a.k == HV_V_UNKNOWN) return a;
        hv_value b = n->b >= 0 ? hv_eval_node(c, n->b) : hv_val(HV_V_DATE, c->peil);
        if (b.k == HV_V_ERROR || b.k == HV_V_UNKNOWN) return b;
        return hv_val(HV_V_NUM, hv_date_years_between((int32_t)a.i, (int32_t)b.i) * HV_NUM_SCALE);
    }
    default:
        break;
    }
    /* the rest have one or two operands that must both be known */
    hv_value a = hv_eval_node(c, n->a);
    if (a.k == HV_V_ERROR) return a;
    hv_value b = hv_unknown();
    if (n->b >= 0) {
        b = hv_eval_node(c, n->b);
        if (b.k == HV_V_ERROR) return b;
        if (b.k == HV_V_UNKNOWN) return b;
    }
    if (a.k == HV_V_UNKNOWN) return a;
    int64_t r = 0, days = 0;
    hv_errcode e;
    switch ((hv_opcode)n->op) {
    case HV_OP_EQ_: return hv_bool(cmp_values(a, b) == 0);
    case HV_OP_NE_: return hv_bool(cmp_values(a, b) != 0);
    case HV_OP_LT_: return hv_bool(cmp_values(a, b) < 0);
    case HV_OP_LE_: return hv_bool(cmp_values(a, b) <= 0);
    case HV_OP_GT_: return hv_bool(cmp_values(a, b) > 0);
    case HV_OP_GE_: return hv_bool(cmp_values(a, b) >= 0);
    case HV_OP_NEG_NUM_: e = hv_sub(0, a.i, &r); return arith(e, HV_V_NUM, r, idx);
    case HV_OP_NEG_MONEY_: e = hv_sub(0, a.i, &r); return arith(e, HV_V_MONEY, r, idx);
    case HV_OP_ABS_NUM_: e = hv_add(0, a.i < 0 ? -a.i : a.i, &r); return arith(e, HV_V_NUM, r, idx);
    case HV_OP_ABS_MONEY_: e = hv_add(0, a.i < 0 ? -a.i : a.i, &r); return arith(e, HV_V_MONEY, r, idx);
    case HV_OP_ADD_NUM_: e = hv_add(a.i, b.i, &r); return arith(e, HV_V_NUM, r, idx);
    case HV_OP_ADD_MONEY_: e = hv_add(a.i, b.i, &r); return arith(e, HV_V_MONEY, r, idx);
    case HV_OP_SUB_NUM_: e = hv_sub(a.i, b.i, &r); return arith(e, HV_V_NUM, r, idx);
    case HV_OP_SUB_MONEY_: e = hv_sub(a.i, b.i, &r); return arith(e, HV_V_MONEY, r, idx);
    case HV_OP_ADD_DATE_:
    case HV_OP_SUB_DATE_: {
        hv_value d = days_of(b, &days, idx);
        if (d.k == HV_V_ERROR) return d;
        if (days > 4000000 || days < -4000000) return hv_error(HV_ERR_DATE, idx);
        return date_result(n->op == HV_OP_ADD_DATE_ ? a.i + days : a.i - days, idx);
    }
    case HV_OP_DIFF_DATE_: return hv_val(HV_V_NUM, (a.i - b.i) * HV_NUM_SCALE);
    case HV_OP_MUL_NUM_: e = hv_num_mul(a.i, b.i, &r); return arith(e, HV_V_NUM, r, idx);
    case HV_OP_MUL_MONEY_: e = hv_money_mul(a.i, b.i, &r); return arith(e, HV_V_MONEY, r, idx);
    case HV_OP_DIV_NUM_: e = hv_num_div(a.i, b.i, &r); return arith(e, HV_V_NUM, r, idx);
    case HV_OP_DIV_MONEY_: e = hv_money_div(a.i, b.i, &r); return arith(e, HV_V_MONEY, r, idx);
    case HV_OP_RATIO_MONEY_: e = hv_money_ratio(a.i, b.i, &r); return arith(e, HV_V_NUM, r, idx);
    case HV_OP_YEARS_: return hv_val(HV_V_NUM, hv_date_years_between((int32_t)a.i, (int32_t)b.i) * HV_NUM_SCALE);
    case HV_OP_MONTHS_: return hv_val(HV_V_NUM, hv_date_months_between((int32_t)a.i, (int32_t)b.i) * HV_NUM_SCALE);
    case HV_OP_DAYS_: return hv_val(HV_V_NUM, (b.i - a.i) * HV_NUM_SCALE);
    case HV_OP_MSTART_: return hv_val(HV_V_DATE, hv_date_month_edge((int32_t)a.i, 0));
    case HV_OP_MEND_: return hv_val(HV_V_DATE, hv_date_month_edge((int32_t)a.i, 1));
    case HV_OP_ROUND_: case HV_OP_ROUNDDOWN_: case HV_OP_ROUNDUP_: {
        if (b.i <= 0) return hv_error(HV_ERR_STEP, idx);
        int mode = n->op == HV_OP_ROUND_ ? 0 : n->op == HV_OP_ROUNDDOWN_ ? -1 : 1;
        e = hv_round_step(a.i, b.i, mode, &r);
        return arith(e, (hv_vkind)(n->ty == HV_TY_MONEY ? HV_V_MONEY : HV_V_NUM), r, idx);
    }
    default: return hv_unknown();
    }
}

/* ---- why a value is unknown ---------------------------------------------------- */

void hv_eval_unknown_facts(hv_ctx *c, int32_t idx)
{
    const hv_program *p = c->p;
    const hv_node *n = &p->nodes[idx];
    hv_value v = hv_eval_node(c, idx);
    if (v.k != HV_V_UNKNOWN) return;
    switch ((hv_opcode)n->op) {
    case HV_OP_CONST_: case HV_OP_PEIL_: case HV_OP_PARAM_: return;
    case HV_OP_FACT_: c->seen[n->a] = 1; return;
    case HV_OP_DEF_: hv_eval_unknown_facts(c, p->defs[n->a].expr); return;
    case HV_OP_DEC_: {
        const hv_dres *r = &c->dres[n->a];
        if (r->status != HV_S_UNDETERMINED) { c->seen_dec[n->a] = 1; return; }
        for (int i = 0; i < r->nmissing; i++) c->seen[r->missing[i]] = 1;
        for (int i = 0; i < r->nwaiting; i++) c->seen_dec[r->waiting[i]] = 1;
        return;
    }
    case HV_OP_AND_: case HV_OP_OR_: case HV_OP_MIN_: case HV_OP_MAX_:
        for (int i = 0; i < n->n; i++) hv_eval_unknown_facts(c, p->kids[n->a + i]);
        return;
    case HV_OP_IN_: case HV_OP_NOTIN_:
        hv_eval_unknown_facts(c, n->a);
        for (int i = 0; i < n->n; i++) hv_eval_unknown_facts(c, p->kids[n->b + i]);
        return;
    default:
        if (n->a >= 0) hv_eval_unknown_facts(c, n->a);
        if (n->b >= 0) hv_eval_unknown_facts(c, n->b);
        return;
    }
}

/* ---- omdat texts ------------------------------------------------------------------ */

const char *hv_eval_tmpl(hv_ctx *c, const hv_tmpl *t)
{
    /* built in the context's arena: a block that doubles when full */
    size_t cap = 256, len = 0;
    char *out = hv_arena_alloc(&c->arena, cap);
    if (!out) return NULL;
    for (int i = 0; i < t->n; i++) {
        char tmp[64];
        const char *piece = t->parts[i].text;
        if (!piece) piece = hv_value_nl(c->p, hv_eval_node(c, t->parts[i].expr), tmp);
        size_t n = strlen(piece);
        if (len + n + 1 > cap) {
            while (len + n + 1 > cap) cap *= 2;
            char *bigger = hv_arena_alloc(&c->arena, cap);
            if (!bigger) return NULL;
            memcpy(bigger, out, len);
            out = bigger;
        }
        memcpy(out + len, piece, n);
        len += n;
    }
    out[len] = 0;
    return out;
}

/* ---- how a value decides ------------------------------------------------------------ */

/* A condition kept as tests (see hv_test): what its nodes would give. */
static hv_value eval_tests(const hv_rule *rl, const hv_value *facts)
{
    int unknown = 0;
    for (int k = 0; k < rl->ntests; k++) {
        const hv_test *t = &rl->tests[k];
        hv_value x = facts[t->fact];
        if (x.k == HV_V_UNKNOWN) { unknown = 1; continue; }
        int holds;
        if (!t->rhs_fact) {
            holds = t->op == HV_OP_NE_ ? x.i != t->lo : (x.i >= t->lo) & (x.i <= t->hi);
        } else {
            hv_value y = facts[t->rhs];
            if (y.k == HV_V_UNKNOWN) { unknown = 1; continue; }
            switch (t->op) {
            case HV_OP_EQ_: holds = x.i == y.i; break;
            case HV_OP_NE_: holds = x.i != y.i; break;
            case HV_OP_LT_: holds = x.i < y.i; break;
            case HV_OP_LE_: holds = x.i <= y.i; break;
            case HV_OP_GT_: holds = x.i > y.i; break;
            default: holds = x.i >= y.i; break;
            }
        }
        if (!holds) return hv_bool(0);
    }
    return unknown ? hv_unknown() : hv_bool(1);
}

/* A rule's condition for this case; a rule outside its validity period does
 * not apply (also when it is an exception to another rule). */
static inline hv_value rule_cond(hv_ctx *c, int r)
{
    if (c->rcst[r] != ST_DONE) {
        const hv_rule *rl = &c->p->rules[r];
        c->rcst[r] = ST_BUSY;
        if (c->peil < rl->valid_from || c->peil >= rl->valid_to) c->rcond[r] = hv_bool(0);
        else if (rl->cond < 0) c->rcond[r] = hv_bool(1);
        else if (rl->ntests && !(c->flags & HV_EVAL_NODES)) c->rcond[r] = eval_tests(rl, c->facts);
        else c->rcond[r] = hv_eval_node(c, rl->cond);
        c->rcst[r] = ST_DONE;
    }
    return c->rcond[r];
}

static void set_error(hv_dres *res, hv_value v)
{
    res->status = HV_S_ERROR;
    res->outcome = hv_unknown();
    res->err = v.err;
    res->err_node = v.node;
}

/* The fact list of c->seen, in declaration order, and the decisions of
 * c->seen_dec; clears both. */
static void take_missing(hv_ctx *c, hv_dres *res)
{
    int nd = 0;
    for (int i = 0; i < c->p->ndecs; i++) nd += c->seen_dec[i];
    res->waiting = hv_arena_alloc(&c->arena, (size_t)(nd ? nd : 1) * sizeof *res->waiting);
    res->nwaiting = 0;
    for (int i = 0; i < c->p->ndecs; i++)
        if (c->seen_dec[i]) {
            if (res->waiting) res->waiting[res->nwaiting++] = i;
            c->seen_dec[i] = 0;
        }
    int n = 0;
    for (int i = 0; i < c->p->nfacts; i++) n += c->seen[i];
    res->missing = hv_arena_alloc(&c->arena, (size_t)(n ? n : 1) * sizeof *res->missing);
    res->nmissing = 0;
    for (int i = 0; i < c->p->nfacts; i++)
        if (c->seen[i]) {
            if (res->missing) res->missing[res->nmissing++] = i;
            c->seen[i] = 0;
        }
}

static int is_true(hv_value v) { return v.k == HV_V_BOOL && v.i; }

static void fail_at(hv_dres *res, const hv_program *p, int rule, hv_value v)
{
    set_error(res, v);
    res->rule = rule;
    res->value = rule >= 0 ? p->rules[rule].value : -1;
    /* the applicable rules did not get to decide */
    for (int i = 0; i < res->ntrace; i++)
        if (res->trace[i].state == HV_R_DECIDED) res->trace[i].state = HV_R_APPLICABLE;
}

/* Steps 1 and 2 of decide() for rule position i: its condition, then its
 * exceptions (exc: 0 none, 1 set aside, 2 an exception is open, 3 one
 * failed). */
static void classify_rule(hv_ctx *c, const hv_decision *dc, hv_rtrace *tr, uint8_t *exc,
                          hv_value *exc_err, int i)
{
    const hv_program *p = c->p;
    int r = dc->rules[i];
    tr[i].rule = r;
    tr[i].by = -1;
    tr[i].judgement = dc->rule_expr[i] < 0;
    tr[i].matters = 0;
    tr[i].outcome = hv_unknown();
    exc[i] = 0;
    hv_value cv = rule_cond(c, r);
    tr[i].cond = cv;
    tr[i].state = cv.k == HV_V_ERROR ? HV_R_ERROR : cv.k == HV_V_UNKNOWN ? HV_R_OPEN
                : cv.i ? HV_R_DECIDED : HV_R_NOT_APPLICABLE;
    if (tr[i].state == HV_R_NOT_APPLICABLE) return;
    const hv_rule *rl = &p->rules[r];
    for (int k = 0; k < rl->nexc_by && exc[i] != 1; k++) {
        hv_value ev = rule_cond(c, rl->exc_by[k]);
        if (is_true(ev)) {
            exc[i] = 1;
            tr[i].by = rl->exc_by[k];
            if (tr[i].state == HV_R_DECIDED) tr[i].state = HV_R_SET_ASIDE;
        } else if (ev.k == HV_V_ERROR && exc[i] != 3) {
            exc[i] = 3;
            exc_err[i] = ev;
            tr[i].by = rl->exc_by[k];
        } else if (ev.k == HV_V_UNKNOWN && exc[i] == 0) {
            exc[i] = 2;
            tr[i].by = rl->exc_by[k];
        }
    }
}

static int cmp_pos(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* Positions back into file order: usually a few, by insertion. */
static int sort_positions(int32_t *act, int nact)
{
    if (nact > 32) {
        qsort(act, (size_t)nact, sizeof *act, cmp_pos);
        return nact;
    }
    for (int a = 1; a < nact; a++) {
        int32_t x = act[a];
        int b = a;
        for (; b > 0 && act[b - 1] > x; b--) act[b] = act[b - 1];
        act[b] = x;
    }
    return nact;
}

/* Classify the rules of decision dc rank by rank (steps 1 and 2); returns
 * in act the positions of the rules still in play (applicable, open or in
 * error), in file order: the later steps look at no others. */
static int classify(hv_ctx *c, const hv_decision *dc, hv_rtrace *tr, uint8_t *exc, hv_value *exc_err,
                    int32_t *act)
{
    const int n = dc->nrules;
    /* with HV_EVAL_OUTCOME the ranks below the first that has a rule standing
     * cannot change the outcome: they are not looked at, and their positions
     * in tr are left unwritten (decide then keeps no trace) */
    const int outcome_only = (c->flags & HV_EVAL_OUTCOME) != 0;
    int nact = 0;
    for (int g = 0; g < dc->ngroups; g++) {
        int standing = 0;
        const int quick = outcome_only && dc->uniform[g];
        for (int k = dc->groups[g]; k < dc->groups[g + 1]; k++) {
            int i = dc->by_rank[k];
            /* for a tally only the rules in play are looked at again: the
             * position of one that does not apply is left unwritten */
            if (quick) {
                hv_value cv = rule_cond(c, dc->rules[i]);
                if (cv.k == HV_V_BOOL && !cv.i) continue;
            }
            classify_rule(c, dc, tr, exc, exc_err, i);
            uint8_t st = tr[i].state;
            if (st == HV_R_DECIDED) standing = 1;
            if (st == HV_R_DECIDED || st == HV_R_OPEN || st == HV_R_ERROR) act[nact++] = i;
            /* the rest of a uniform group can neither fail nor give another outcome */
            if (outcome_only && standing && dc->uniform[g]) break;
        }
        if (outcome_only && standing) return sort_positions(act, nact);
    }
    if (nact <= 32 || outcome_only) return sort_positions(act, nact);
    /* many: back to file order by one pass over all */
    nact = 0;
    for (int i = 0; i < n; i++)
        if (tr[i].state == HV_R_DECIDED || tr[i].state == HV_R_OPEN || tr[i].state == HV_R_ERROR)
            act[nact++] = i;
    return nact;
}

static void decide(hv_ctx *c, int d)
{
    const hv_program *p = c->p;
    const hv_decision *dc = &p->decs[d];
    hv_dres *res = &c->dres[d];
    const int n = dc->nrules;
    memset(res, 0, sizeof *res);
    res->value = res->rule = res->err_node = -1;
    /* not cleared: classify_rule sets every field of every position */
    const int32_t off = c->off[d];
    hv_rtrace *tr = c->tr + off;
    int32_t *act = c->act + off;
    uint8_t *exc = c->exc + off;
    hv_value *exc_err = c->exc_err + off;
    res->trace = tr;
    res->ntrace = n;

    if (c->peil < p->valid_from || c->peil >= p->valid_to) {
        set_error(res, hv_error(HV_ERR_RULESET, -1));
        res->ntrace = 0;
        return;
    }
    /* 1. every rule is applicable, not applicable, open, or in error;
     * 2. set aside by an applicable exception */
    const int nact = classify(c, dc, tr, exc, exc_err, act);
    if (c->flags & HV_EVAL_OUTCOME) res->ntrace = 0;
    /* the overruled and the conflicting are among those in play */
    hv_rref *refs = c->refs + 2 * (size_t)off;
    res->over = refs;
    res->conf = refs + nact;
#define EACH(i) for (int a_ = 0, i; a_ < nact && (i = act[a_], 1); a_++)
    /* 3. the best rank among the remaining applicable rules */
    int best = -1;
    EACH(i)
        if (tr[i].state == HV_R_DECIDED) {
            int rank = p->rules[tr[i].rule].rank;
            if (best < 0 || rank < best) best = rank;
        }
#define AT_BEST(i) (tr[i].state == HV_R_DECIDED && p->rules[tr[i].rule].rank == best)
    /* a failing rule or exception that could change the result is an error
     * of the decision; one ranked below the deciding rules is only traced */
    EACH(i) {
        if (tr[i].state == HV_R_ERROR && exc[i] != 1 &&
            (best < 0 || p->rules[tr[i].rule].rank <= best)) {
            fail_at(res, p, tr[i].rule, tr[i].cond);
            return;
        }
        if (AT_BEST(i) && exc[i] == 3) {
            fail_at(res, p, tr[i].by, exc_err[i]);
            return;
        }
    }
    /* outcomes of the applicable rules; a judgement counts at the best rank */
    int any_judgement = 0;
    EACH(i) {
        if (tr[i].state != HV_R_DECIDED) continue;
        if (tr[i].judgement) {
            if (AT_BEST(i)) any_judgement = 1;
            continue;
        }
        hv_value o = hv_eval_node(c, dc->rule_expr[i]);
        if (o.k == HV_V_ERROR && AT_BEST(i)) {
            tr[i].state = HV_R_ERROR;
            fail_at(res, p, tr[i].rule, o);
            return;
        }
        tr[i].outcome = o;
    }
    /* 4. open rules that matter */
    int matters = 0;
    EACH(i) {
        if (tr[i].state != HV_R_OPEN || exc[i] == 1) continue;
        int rank = p->rules[tr[i].rule].rank;
        int m = 0;
        if (best < 0 || rank < best) {
            m = 1;
        } else if (rank == best) {
            if (any_judgement) {
                m = 0;          /* a person weighs it anyway; it could only add an option */
            } else if (tr[i].judgement) {
                m = 1;
            } else {
                hv_value o = hv_eval_node(c, dc->rule_expr[i]);
                tr[i].outcome = o;
                m = 1;
                if (o.k != HV_V_UNKNOWN && o.k != HV_V_ERROR)
                    EACH(j)
                        if (AT_BEST(j) && !tr[j].judgement && hv_value_equal(tr[j].outcome, o)) m = 0;
            }
        }
        if (m) {
            tr[i].matters = 1;
            matters = 1;
            if (p->rules[tr[i].rule].cond >= 0) hv_eval_unknown_facts(c, p->rules[tr[i].rule].cond);
        }
    }
    /* an open exception to a deciding rule could set it aside */
    EACH(i) {
        if (!AT_BEST(i) || exc[i] != 2) continue;
        const hv_rule *rl = &p->rules[tr[i].rule];
        for (int k = 0; k < rl->nexc_by; k++) {
            int e = rl->exc_by[k];
            if (rule_cond(c, e).k != HV_V_UNKNOWN) continue;
            matters = 1;
            hv_eval_unknown_facts(c, p->rules[e].cond);
            /* an exception of this decision with its condition unknown is open: in play */
            EACH(j)
                if (tr[j].rule == e) tr[j].matters = 1;
        }
    }
    /* deciding rules whose outcome is unknown */
    EACH(i)
        if (AT_BEST(i) && !tr[i].judgement && tr[i].outcome.k == HV_V_UNKNOWN) {
            matters = 1;
            hv_eval_unknown_facts(c, dc->rule_expr[i]);
        }
    if (matters) {
        res->status = HV_S_UNDETERMINED;
        take_missing(c, res);
        /* the applicable ones do not decide yet */
        EACH(i)
            if (tr[i].state == HV_R_DECIDED) tr[i].state = HV_R_APPLICABLE;
        return;
    }
    /* 7. nothing applies */
    if (best < 0) {
        if (dc->dflt < 0) { res->status = HV_S_NONE; return; }
        hv_value v = hv_eval_node(c, dc->dflt);
        if (v.k == HV_V_ERROR) { set_error(res, v); return; }
        if (v.k == HV_V_UNKNOWN) {
            res->status = HV_S_UNDETERMINED;
            hv_eval_unknown_facts(c, dc->dflt);
            take_missing(c, res);
            return;
        }
        res->status = HV_S_DEFAULT;
        res->outcome = v;
        return;
    }
    /* 5. the rules at the best rank decide */
    int first = -1, agree = 1;
    EACH(i) {
        if (!AT_BEST(i)) continue;
        if (first < 0) first = i;
        else if (!hv_value_equal(tr[i].outcome, tr[first].outcome)) agree = 0;
    }
    if (any_judgement) {
        res->status = HV_S_JUDGEMENT;
        int j = -1;
        EACH(i)
            if (AT_BEST(i) && tr[i].judgement && j < 0) j = i;
        res->rule = tr[j].rule;
        res->value = p->rules[tr[j].rule].value;
        EACH(i)
            if (AT_BEST(i)) {
                if (i != j) res->conf[res->nconf++] = (hv_rref){tr[i].rule, tr[i].outcome, tr[i].judgement};
                tr[i].state = HV_R_JUDGEMENT;
            }
    } else if (agree) {
        res->status = HV_S_DECIDED;
        res->rule = tr[first].rule;
        res->value = p->rules[tr[first].rule].value;
        res->outcome = tr[first].outcome;
    } else {
        res->status = HV_S_CONFLICT;
        EACH(i)
            if (AT_BEST(i)) {
                res->conf[res->nconf++] = (hv_rref){tr[i].rule, tr[i].outcome, 0};
                tr[i].state = HV_R_CONFLICT;
            }
    }
#undef AT_BEST
    /* 6. applicable rules ranked lower are overruled (in a conflict: by the
     *    first of the rules that pull apart) */
    int over_by = res->rule >= 0 ? res->rule : tr[first].rule;
    EACH(i)
        if (tr[i].state == HV_R_DECIDED && p->rules[tr[i].rule].rank > best) {
            tr[i].state = HV_R_OVERRULED;
            tr[i].by = over_by;
            if (tr[i].judgement || tr[i].outcome.k == HV_V_ERROR) tr[i].outcome = hv_unknown();
            res->over[res->nover++] = (hv_rref){tr[i].rule, tr[i].outcome, tr[i].judgement};
        }
#undef EACH
}

/* The omdat texts are filled in once every decision is taken, so that a text
 * may quote any decision, its own too ("Toegekend: {hoogte}"), without the
 * texts adding dependencies between decisions. */
static void explain(hv_ctx *c, int d)
{
    const hv_program *p = c->p;
    hv_dres *res = &c->dres[d];
    if (res->status == HV_S_DEFAULT && p->decs[d].has_dflt_omdat)
        res->explanation = hv_eval_tmpl(c, &p->decs[d].dflt_omdat);
    else if (res->rule >= 0 && p->rules[res->rule].has_omdat &&
             (res->status == HV_S_DECIDED || res->status == HV_S_JUDGEMENT))
        res->explanation = hv_eval_tmpl(c, &p->rules[res->rule].omdat);
}

static void ensure_decided(hv_ctx *c, int d)
{
    if (c->decst[d] == ST_DONE) return;
    c->decst[d] = ST_BUSY;
    decide(c, d);
    c->decst[d] = ST_DONE;
}

static hv_value eval_decision_value(hv_ctx *c, int d, int32_t node)
{
    ensure_decided(c, d);
    const hv_dres *r = &c->dres[d];
    if (r->status == HV_S_DECIDED || r->status == HV_S_DEFAULT) return r->outcome;
    if (r->status == HV_S_ERROR) return hv_error(HV_ERR_DEP, node);
    return hv_unknown();
}

/* ---- the context --------------------------------------------------------------------- */

void hv_ctx_free(hv_ctx *c)
{
    if (!c) return;
    hv_arena_free(&c->arena);
    void *arrays[] = {c->defv, c->defst, c->rcond, c->rcst, c->decst, c->dres, c->safe, c->seen,
                      c->seen_dec, c->off, c->tr, c->act, c->exc, c->exc_err, c->refs};
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++) hv_mem_free(arrays[i]);
    hv_mem_free(c);
}

hv_ctx *hv_ctx_new(const hv_program *p)
{
    hv_ctx *c = hv_mem_alloc(sizeof *c);
    if (!c) return NULL;
    memset(c, 0, sizeof *c);
    c->p = p;
    hv_arena_init(&c->arena, 32768);
    size_t nr = 1;  /* rules over all decisions */
    for (int d = 0; d < p->ndecs; d++) nr += (size_t)p->decs[d].nrules;
#define ROOM(field, n) ((c->field = hv_mem_alloc((size_t)(n) * sizeof *c->field)) != NULL)
    int ok = ROOM(defv, p->ndefs + 1) && ROOM(defst, p->ndefs + 1) && ROOM(rcond, p->nrules + 1) &&
             ROOM(rcst, p->nrules + 1) && ROOM(decst, p->ndecs + 1) && ROOM(dres, p->ndecs + 1) &&
             ROOM(safe, p->nsafe + 1) && ROOM(seen, p->nfacts + 1) && ROOM(seen_dec, p->ndecs + 1) &&
             ROOM(off, p->ndecs + 1) && ROOM(tr, nr) && ROOM(act, nr) && ROOM(exc, nr) &&
             ROOM(exc_err, nr) && ROOM(refs, 2 * nr);
#undef ROOM
    if (!ok) {
        hv_ctx_free(c);
        return NULL;
    }
    memset(c->dres, 0, (size_t)(p->ndecs + 1) * sizeof *c->dres);
    memset(c->seen, 0, (size_t)p->nfacts + 1);
    memset(c->seen_dec, 0, (size_t)p->ndecs + 1);
    int32_t at = 0;
    for (int d = 0; d < p->ndecs; d++) {
        c->off[d] = at;
        at += p->decs[d].nrules;
    }
    return c;
}

const hv_program *hv_ctx_program(const hv_ctx *c) { return c->p; }
int32_t hv_ctx_peildatum(const hv_ctx *c) { return c->peil; }

int hv_eval(hv_ctx *c, const hv_case *cs, int32_t peildatum, int flags)
{
    const hv_program *p = c->p;
    hv_arena_reset(&c->arena);
    c->facts = cs->facts;
    c->case_id = cs->id;
    /* an explicit peildatum wins; else the case's own; else today */
    if (peildatum != INT32_MIN) c->peil = peildatum;
    else if (cs->has_peildatum) c->peil = cs->peildatum;
    else c->peil = hv_date_today();
    c->flags = flags;
    c->review = 0;
    /* the values are written before they are read (their states start at
     * ST_NEW, zero) */
    memset(c->defst, ST_NEW, (size_t)p->ndefs + 1);
    memset(c->rcst, ST_NEW, (size_t)p->nrules + 1);
    memset(c->decst, ST_NEW, (size_t)p->ndecs + 1);
    memset(c->seen, 0, (size_t)p->nfacts + 1);
    memset(c->seen_dec, 0, (size_t)p->ndecs + 1);
    for (int d = 0; d < p->ndecs; d++) ensure_decided(c, d);
    /* a tally has no use for the texts */
    if (!(flags & HV_EVAL_OUTCOME))
        for (int d = 0; d < p->ndecs; d++) explain(c, d);
    for (int s = 0; s < p->nsafe; s++) {
        const hv_safeguard *sg = &p->safe[s];
        hv_value cond = sg->cond >= 0 ? hv_eval_node(c, sg->cond) : hv_bool(1);
        hv_value v;
        if (cond.k == HV_V_ERROR) v = cond;
        else if (cond.k == HV_V_BOOL && !cond.i) v = hv_bool(1);
        else {
            v = hv_eval_node(c, sg->expr);
            /* als C dan E is (niet C) of E: with C unknown only a true E holds */
            if (cond.k == HV_V_UNKNOWN && !is_true(v) && v.k != HV_V_ERROR) v = hv_unknown();
        }
        c->safe[s] = v;
        if (!is_true(v)) c->review = 1;
    }
    return c->arena.failed ? -1 : 0;
}
