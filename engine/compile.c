/* compile.c — from the checked AST to the compact, immutable program.
 *
 * Expressions become one flat array of nodes (operands are node indices,
 * names are slot numbers), constants a pool, n-ary operands a kid array.
 * Also here: cycles between definitions and decisions, the casus blocks,
 * the rule set's sha256, and the entry points hv_compile_files/_text.
 */
#define _XOPEN_SOURCE 700     /* realpath */
#include "compile_int.h"
#include "json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <sys/stat.h>

#include "builtins.h"
#include "parse.h"

#define ERR(u, loc, ...) hv_diag_error((u)->d, (loc), __VA_ARGS__)

/* ---- emitting nodes ------------------------------------------------------ */

static int32_t add_node(hv_unit *u, hv_node n)
{
    if (u->nnodes == u->capnodes) {
        int cap = u->capnodes ? u->capnodes * 2 : 256;
        hv_node *t = hv_mem_realloc(u->nodes, (size_t)cap * sizeof *t);
        if (!t) { u->oom = 1; return -1; }
        u->nodes = t;
        u->capnodes = cap;
    }
    u->nodes[u->nnodes] = n;
    return u->nnodes++;
}

static int32_t add_const(hv_unit *u, hv_value v)
{
    if (u->nconsts == u->capconsts) {
        int cap = u->capconsts ? u->capconsts * 2 : 64;
        hv_value *t = hv_mem_realloc(u->consts, (size_t)cap * sizeof *t);
        if (!t) { u->oom = 1; return -1; }
        u->consts = t;
        u->capconsts = cap;
    }
    u->consts[u->nconsts] = v;
    return u->nconsts++;
}

/* Reserve n consecutive kid slots; returns the first. */
static int32_t add_kids(hv_unit *u, int n)
{
    while (u->nkids + n > u->capkids) {
        int cap = u->capkids ? u->capkids * 2 : 256;
        int32_t *t = hv_mem_realloc(u->kids, (size_t)cap * sizeof *t);
        if (!t) { u->oom = 1; return -1; }
        u->kids = t;
        u->capkids = cap;
    }
    int32_t first = u->nkids;
    u->nkids += n;
    return first;
}

static hv_value literal_value(hv_unit *u, hv_expr *e)
{
    switch (e->kind) {
    case HV_E_NUM: return hv_val(HV_V_NUM, e->ival);
    case HV_E_MONEY: return hv_val(HV_V_MONEY, e->ival);
    case HV_E_DATE: return hv_val(HV_V_DATE, e->ival);
    case HV_E_BOOL: return hv_bool((int)e->ival);
    case HV_E_TEXT: return hv_text(hv_arena_strdup(&u->p->arena, e->text));
    case HV_E_NAME: return hv_val(HV_V_CHOICE, e->index);   /* a choice member */
    case HV_E_UNARY: {
        hv_value v = literal_value(u, e->a);
        v.i = -v.i;
        return v;
    }
    default: return hv_unknown();
    }
}

/* Collect the operands of a chain of the same operator: a en b en c.
 * Walks down the left spine without recursion (chains are left-leaning). */
static int flatten(hv_unit *u, hv_expr *e, hv_op op, hv_vec *out)
{
    hv_vec right = {0};
    while (e->kind == HV_E_BINARY && e->op == op) {
        if (hv_vec_push(&u->ast.arena, &right, e->b)) return -1;
        e = e->a;
    }
    if (hv_vec_push(&u->ast.arena, out, e)) return -1;
    for (int i = right.n - 1; i >= 0; i--) {
        hv_expr *r = right.items[i];
        if (r->kind == HV_E_BINARY && r->op == op) {
            if (flatten(u, r, op, out)) return -1;
        } else if (hv_vec_push(&u->ast.arena, out, r)) {
            return -1;
        }
    }
    return 0;
}

static int32_t emit(hv_unit *u, hv_expr *e);

static int32_t emit_list(hv_unit *u, uint8_t op, uint8_t ty, hv_expr **items, int n,
                         int32_t a, hv_loc loc)
{
    int32_t *tmp = hv_mem_alloc((size_t)(n ? n : 1) * sizeof *tmp);
    if (!tmp) { u->oom = 1; return -1; }
    for (int i = 0; i < n; i++) tmp[i] = emit(u, items[i]);
    int32_t first = add_kids(u, n);
    if (first >= 0 && n) memcpy(u->kids + first, tmp, (size_t)n * sizeof *tmp);
    hv_mem_free(tmp);
    if (first < 0) return -1;
    hv_node nd = {op, ty, (uint16_t)n, a, first, loc};
    if (op == HV_OP_AND_ || op == HV_OP_OR_ || op == HV_OP_MIN_ || op == HV_OP_MAX_) {
        nd.a = first;
        nd.b = -1;
    }
    return add_node(u, nd);
}

static int32_t emit(hv_unit *u, hv_expr *e)
{
    hv_node n = {0, (uint8_t)e->ty, 0, -1, -1, e->loc};
    switch (e->kind) {
    case HV_E_NUM: case HV_E_MONEY: case HV_E_DATE: case HV_E_BOOL: case HV_E_TEXT:
        n.op = HV_OP_CONST_;
        n.a = add_const(u, literal_value(u, e));
        return add_node(u, n);
    case HV_E_PEILDATUM:
        n.op = HV_OP_PEIL_;
        return add_node(u, n);
    case HV_E_NAME:
        switch (e->sym) {
        case HV_SYM_FACT: n.op = HV_OP_FACT_; n.a = e->index; break;
        case HV_SYM_DEF: n.op = HV_OP_DEF_; n.a = e->index; break;
        case HV_SYM_DEC: n.op = HV_OP_DEC_; n.a = e->index; break;
        case HV_SYM_PARAM: n.op = HV_OP_PARAM_; n.a = e->index; break;
        default: n.op = HV_OP_CONST_; n.a = add_const(u, hv_val(HV_V_CHOICE, e->index)); break;
        }
        return add_node(u, n);
    case HV_E_UNARY:
        if (e->op == HV_OP_NEG && (e->a->kind == HV_E_NUM || e->a->kind == HV_E_MONEY)) {
            n.op = HV_OP_CONST_;
            n.a = add_const(u, literal_value(u, e));
            return add_node(u, n);
        }
        n.a = emit(u, e->a);
        n.op = e->op == HV_OP_NOT ? HV_OP_NOT_ : e->ty == HV_TY_MONEY ? HV_OP_NEG_MONEY_ : HV_OP_NEG_NUM_;
        return add_node(u, n);
    case HV_E_IN: {
        int32_t a = emit(u, e->a);
        return emit_list(u, e->negated ? HV_OP_NOTIN_ : HV_OP_IN_, HV_TY_BOOL,
                         (hv_expr **)e->list.items, e->list.n, a, e->loc);
    }
    case HV_E_CALL: {
        switch (e->index) {
        case HV_FN_KNOWN:
            n.op = HV_OP_KNOWN_;
            n.a = emit(u, e->list.items[0]);
            return add_node(u, n);
        case HV_FN_ABS:
            n.op = e->ty == HV_TY_MONEY ? HV_OP_ABS_MONEY_ : HV_OP_ABS_NUM_;
            n.a = emit(u, e->list.items[0]);
            return add_node(u, n);
        case HV_FN_AGE: case HV_FN_YEARS: case HV_FN_MONTHS: case HV_FN_DAYS:
        case HV_FN_MSTART: case HV_FN_MEND: case HV_FN_ROUND: case HV_FN_ROUNDDOWN: case HV_FN_ROUNDUP: {
            static const uint8_t ops[] = {
                [HV_FN_AGE] = HV_OP_AGE_, [HV_FN_YEARS] = HV_OP_YEARS_, [HV_FN_MONTHS] = HV_OP_MONTHS_,
                [HV_FN_DAYS] = HV_OP_DAYS_, [HV_FN_MSTART] = HV_OP_MSTART_, [HV_FN_MEND] = HV_OP_MEND_,
                [HV_FN_ROUND] = HV_OP_ROUND_, [HV_FN_ROUNDDOWN] = HV_OP_ROUNDDOWN_, [HV_FN_ROUNDUP] = HV_OP_ROUNDUP_};
            n.op = ops[e->index];
            n.a = emit(u, e->list.items[0]);
            n.b = e->list.n > 1 ? emit(u, e->list.items[1]) : -1;
            return add_node(u, n);
        }
        default:
            return emit_list(u, e->index == HV_FN_MIN ? HV_OP_MIN_ : HV_OP_MAX_, (uint8_t)e->ty,
                             (hv_expr **)e->list.items, e->list.n, -1, e->loc);
        }
    }
    case HV_E_BINARY:
        break;
    }
    if (e->op == HV_OP_AND || e->op == HV_OP_OR) {
        hv_vec items = {0};
        if (flatten(u, e, e->op, &items)) return -1;
        if (items.n > 65535) {
            ERR(u, e->loc, "more than 65535 conditions joined by '%s'", hv_op_text(e->op));
            return -1;
        }
        return emit_list(u, e->op == HV_OP_AND ? HV_OP_AND_ : HV_OP_OR_, HV_TY_BOOL,
                         (hv_expr **)items.items, items.n, -1, e->loc);
    }
    hv_expr *a = e->a, *b = e->b;
    int ka = a->ty, kb = b->ty;
    /* commutative forms with the date or amount first */
    if ((e->op == HV_OP_ADD && ka == HV_TY_NUM && kb == HV_TY_DATE) ||
        (e->op == HV_OP_MUL && ka == HV_TY_NUM && kb == HV_TY_MONEY)) {
        hv_expr *t = a; a = b; b = t;
        int k = ka; ka = kb; kb = k;
    }
    n.a = emit(u, a);
    n.b = emit(u, b);
    switch (e->op) {
    case HV_OP_EQ: n.op = HV_OP_EQ_; break;
    case HV_OP_NE: n.op = HV_OP_NE_; break;
    case HV_OP_LT: n.op = HV_OP_LT_; break;
    case HV_OP_LE: n.op = HV_OP_LE_; break;
    case HV_OP_GT: n.op = HV_OP_GT_; break;
    case HV_OP_GE: n.op = HV_OP_GE_; break;
    case HV_OP_ADD:
        n.op = ka == HV_TY_DATE ? HV_OP_ADD_DATE_ : ka == HV_TY_MONEY ? HV_OP_ADD_MONEY_ : HV_OP_ADD_NUM_;
        break;
    case HV_OP_SUB:
        n.op = ka == HV_TY_DATE ? (kb == HV_TY_DATE ? HV_OP_DIFF_DATE_ : HV_OP_SUB_DATE_)
             : ka == HV_TY_MONEY ? HV_OP_SUB_MONEY_ : HV_OP_SUB_NUM_;
        break;
    case HV_OP_MUL: n.op = ka == HV_TY_MONEY ? HV_OP_MUL_MONEY_ : HV_OP_MUL_NUM_; break;
    case HV_OP_DIV:
        n.op = ka == HV_TY_MONEY ? (kb == HV_TY_MONEY ? HV_OP_RATIO_MONEY_ : HV_OP_DIV_MONEY_) : HV_OP_DIV_NUM_;
        break;
    default: break;
    }
    return add_node(u, n);
}

static hv_tmpl emit_tmpl(hv_unit *u, hv_decl *d)
{
    hv_tmpl t = {0, NULL};
    if (!d->tmpl.n) return t;
    t.parts = hv_arena_alloc(&u->p->arena, (size_t)d->tmpl.n * sizeof *t.parts);
    if (!t.parts) return t;
    for (int i = 0; i < d->tmpl.n; i++) {
        hv_tpiece *pc = d->tmpl.items[i];
        t.parts[i].text = pc->text ? hv_arena_strdup(&u->p->arena, pc->text) : NULL;
        t.parts[i].expr = pc->expr ? emit(u, pc->expr) : -1;
    }
    t.n = d->tmpl.n;
    return t;
}

/* ---- cycles between definitions and decisions ---------------------------------- */

typedef struct graph {
    int n;                 /* defs then decisions */
    hv_vec *edges;         /* per node: (intptr_t) target nodes */
    const char **names;
    hv_loc *locs;
} graph;

static void collect_refs(hv_unit *u, graph *g, int from, hv_expr *e)
{
    if (!e) return;
    if (e->kind == HV_E_NAME && (e->sym == HV_SYM_DEF || e->sym == HV_SYM_DEC)) {
        int to = e->sym == HV_SYM_DEF ? e->index : u->p->ndefs + e->index;
        hv_vec_push(&u->ast.arena, &g->edges[from], (void *)(intptr_t)to);
    }
    if (e->a) collect_refs(u, g, from, e->a);
    if (e->b) collect_refs(u, g, from, e->b);
    for (int i = 0; i < e->list.n; i++) collect_refs(u, g, from, e->list.items[i]);
}

int hv_compile_cycles(hv_unit *u)
{
    hv_program *p = u->p;
    graph g;
    g.n = p->ndefs + p->ndecs;
    if (!g.n) return 0;
    g.edges = hv_arena_alloc(&u->ast.arena, (size_t)g.n * sizeof *g.edges);
    g.names = hv_arena_alloc(&u->ast.arena, (size_t)g.n * sizeof *g.names);
    g.locs = hv_arena_alloc(&u->ast.arena, (size_t)g.n * sizeof *g.locs);
    uint8_t *color = hv_arena_alloc(&u->ast.arena, (size_t)g.n);
    int *stack = hv_arena_alloc(&u->ast.arena, (size_t)g.n * sizeof *stack);
    int *iter = hv_arena_alloc(&u->ast.arena, (size_t)g.n * sizeof *iter);
    if (!g.edges || !g.names || !g.locs || !color || !stack || !iter) return -1;
    for (int i = 0; i < p->ndefs; i++) {
        hv_decl *d = u->defs.items[i];
        g.names[i] = d->name.s;
        g.locs[i] = d->name.loc;
        collect_refs(u, &g, i, d->expr);
    }
    for (int i = 0; i < p->ndecs; i++) {
        hv_decl *d = u->decs.items[i];
        int from = p->ndefs + i;
        g.names[from] = d->name.s;
        g.locs[from] = d->name.loc;
        collect_refs(u, &g, from, d->expr);
    }
    /* the rules that are exceptions to each rule, found once (by name) */
    hv_vec *exc_of = hv_arena_alloc(&u->ast.arena, (size_t)(p->nrules + 1) * sizeof *exc_of);
    if (!exc_of) return -1;
    memset(exc_of, 0, (size_t)(p->nrules + 1) * sizeof *exc_of);
    for (int e = 0; e < p->nrules; e++) {
        hv_decl *x = u->rules.items[e];
        for (int j = 0; j < x->exceptions.n; j++) {
            hv_str *nm = x->exceptions.items[j];
            const hv_sym *t = hv_check_lookup(u, nm->s);
            if (t && t->kind == HV_SYM_RULE && hv_vec_push(&u->ast.arena, &exc_of[t->index], x)) return -1;
        }
    }
    for (int r = 0; r < p->nrules; r++) {
        hv_decl *d = u->rules.items[r];
        for (int k = 0; k < d->assigns.n; k++) {
            hv_assign *a = d->assigns.items[k];
            const hv_sym *s = hv_check_lookup(u, a->decision.s);
            if (!s || s->kind != HV_SYM_DEC) continue;
            int from = p->ndefs + s->index;
            collect_refs(u, &g, from, d->cond);
            collect_refs(u, &g, from, a->value);
            /* omdat texts are filled in after all decisions: no edges */
            /* an exception to this rule is read when the decision is taken */
            for (int j = 0; j < exc_of[r].n; j++)
                collect_refs(u, &g, from, ((hv_decl *)exc_of[r].items[j])->cond);
        }
    }
    int found = 0;
    /* iterative depth-first search; grey nodes are on the stack */
    for (int root = 0; root < g.n; root++) {
        if (color[root]) continue;
        int sp = 0;
        stack[sp++] = root;
        iter[root] = 0;
        color[root] = 1;
        while (sp) {
            int v = stack[sp - 1];
            if (iter[v] < g.edges[v].n) {
                int w = (int)(intptr_t)g.edges[v].items[iter[v]++];
                if (color[w] == 0) {
                    color[w] = 1;
                    iter[w] = 0;
                    stack[sp++] = w;
                } else if (color[w] == 1) {
                    /* the cycle is the stack from w to v, back to w */
                    int from = sp - 1;
                    while (stack[from] != w) from--;
                    hv_buf b;
                    hv_buf_init(&b);
                    for (int k = from; k < sp; k++) hv_buf_printf(&b, "%s -> ", g.names[stack[k]]);
                    hv_buf_puts(&b, g.names[w]);
                    char *msg = hv_buf_take(&b);
                    ERR(u, g.locs[w], "cycle: %s", msg ? msg : "?");
                    hv_diag_hint(u->d, "a definition or decision cannot depend on itself, also not through others");
                    hv_mem_free(msg);
                    found++;
                    color[w] = 3;   /* report each cycle once */
                }
            } else {
                if (color[v] == 1) color[v] = 2;
                sp--;
            }
        }
    }
    return found;
}

/* ---- the program ------------------------------------------------------------ */

static void compile_rules(hv_unit *u)
{
    hv_program *p = u->p;
    int *cnt = hv_arena_alloc(&u->ast.arena, (size_t)(p->ndecs + 1) * sizeof *cnt);
    if (!cnt) return;
    for (int i = 0; i < p->nrules; i++) {
        hv_decl *d = u->rules.items[i];
        hv_rule *r = &p->rules[i];
        r->rank = r->value >= 0 ? p->values[r->value].rank : 0;
        r->cond = d->cond ? emit(u, d->cond) : -1;
        r->assign = hv_arena_alloc(&p->arena, (size_t)(d->assigns.n + 1) * sizeof *r->assign);
        r->exc = hv_arena_alloc(&p->arena, (size_t)(d->exceptions.n + 1) * sizeof *r->exc);
        if (!r->assign || !r->exc) return;
        for (int k = 0; k < d->assigns.n; k++) {
            hv_assign *a = d->assigns.items[k];
            const hv_sym *s = hv_check_lookup(u, a->decision.s);
            r->assign[r->nassign].decision = s->index;
            r->assign[r->nassign].expr = a->value ? emit(u, a->value) : -1;
            r->nassign++;
            cnt[s->index]++;
        }
        for (int k = 0; k < d->exceptions.n; k++) {
            hv_str *nm = d->exceptions.items[k];
            r->exc[r->nexc++] = hv_check_lookup(u, nm->s)->index;
        }
        r->omdat = emit_tmpl(u, d);
        r->has_omdat = d->omdat.s != NULL;
    }
    /* the reverse of uitzondering op */
    int *by = hv_arena_alloc(&u->ast.arena, (size_t)(p->nrules + 1) * sizeof *by);
    if (!by) return;
    for (int i = 0; i < p->nrules; i++)
        for (int k = 0; k < p->rules[i].nexc; k++) by[p->rules[i].exc[k]]++;
    for (int i = 0; i < p->nrules; i++) {
        p->rules[i].exc_by = hv_arena_alloc(&p->arena, (size_t)(by[i] + 1) * sizeof(int32_t));
        if (!p->rules[i].exc_by) return;
    }
    for (int i = 0; i < p->nrules; i++)
        for (int k = 0; k < p->rules[i].nexc; k++) {
            hv_rule *t = &p->rules[p->rules[i].exc[k]];
            t->exc_by[t->nexc_by++] = i;
        }
    for (int i = 0; i < p->ndecs; i++) {
        hv_decision *dc = &p->decs[i];
        hv_decl *d = u->decs.items[i];
        dc->rules = hv_arena_alloc(&p->arena, (size_t)(cnt[i] + 1) * sizeof *dc->rules);
        dc->rule_expr = hv_arena_alloc(&p->arena, (size_t)(cnt[i] + 1) * sizeof *dc->rule_expr);
        if (!dc->rules || !dc->rule_expr) return;
        dc->dflt = d->expr ? emit(u, d->expr) : -1;
        dc->dflt_omdat = emit_tmpl(u, d);
        dc->has_dflt_omdat = d->omdat.s != NULL;
    }
    for (int r = 0; r < p->nrules; r++)
        for (int k = 0; k < p->rules[r].nassign; k++) {
            hv_decision *dc = &p->decs[p->rules[r].assign[k].decision];
            dc->rules[dc->nrules] = r;
            dc->rule_expr[dc->nrules] = p->rules[r].assign[k].expr;
            dc->nrules++;
        }
    /* the order HV_EVAL_OUTCOME walks them in: a counting sort on the rank
     * (ranks are small: at most one past the number of values), stable, so
     * file order holds within a rank */
    for (int i = 0; i < p->ndecs; i++) {
        hv_decision *dc = &p->decs[i];
        dc->by_rank = hv_arena_alloc(&p->arena, (size_t)(dc->nrules + 1) * sizeof *dc->by_rank);
        if (!dc->by_rank) return;
        int top = 0;
        for (int k = 0; k < dc->nrules; k++)
            if (p->rules[dc->rules[k]].rank > top) top = p->rules[dc->rules[k]].rank;
        int *start = hv_arena_alloc(&u->ast.arena, (size_t)(top + 2) * sizeof *start);
        if (!start) return;
        memset(start, 0, (size_t)(top + 2) * sizeof *start);
        for (int k = 0; k < dc->nrules; k++) start[p->rules[dc->rules[k]].rank + 1]++;
        for (int r = 1; r <= top + 1; r++) start[r] += start[r - 1];
        for (int k = 0; k < dc->nrules; k++) dc->by_rank[start[p->rules[dc->rules[k]].rank]++] = k;
        /* start[r] is now where rank r ends */
        dc->groups = hv_arena_alloc(&p->arena, (size_t)(top + 3) * sizeof *dc->groups);
        if (!dc->groups) return;
        for (int r = 0; r <= top; r++)
            if (start[r] > (dc->ngroups ? dc->groups[dc->ngroups] : 0)) {
                if (!dc->ngroups) dc->groups[0] = 0;
                dc->groups[++dc->ngroups] = start[r];
            }
    }
}

static void compile_casus(hv_unit *u)
{
    hv_program *p = u->p;
    for (int i = 0; i < p->ncasus; i++) {
        hv_decl *d = u->casus.items[i];
        hv_casus *c = &p->casus[i];
        c->name = hv_arena_strdup(&p->arena, d->name.s ? d->name.s : "");
        c->loc = d->loc;
        c->has_peildatum = d->has_peildatum;
        c->peildatum = (int32_t)d->peildatum;
        c->given = hv_arena_alloc(&p->arena, (size_t)(d->givens.n + 1) * sizeof *c->given);
        c->expect = hv_arena_alloc(&p->arena, (size_t)(d->expects.n + 1) * sizeof *c->expect);
        if (!c->given || !c->expect) return;
        for (int k = 0; k < d->givens.n; k++) {
            hv_given *g = d->givens.items[k];
            const hv_sym *s = hv_check_lookup(u, g->fact.s);
            c->given[c->ngiven++] = (hv_given_c){s->index, literal_value(u, g->value)};
        }
        for (int k = 0; k < d->expects.n; k++) {
            hv_expect *x = d->expects.items[k];
            const hv_sym *s = hv_check_lookup(u, x->name.s);
            hv_expect_c *e = &c->expect[c->nexpect++];
            e->kind = (uint8_t)x->kind;
            e->target = s->index;
            e->v = x->value ? literal_value(u, x->value) : hv_unknown();
            e->value = x->per.s ? hv_check_lookup(u, x->per.s)->index : -1;
            e->loc = x->loc;
        }
    }
}

/* A literal comparison as the range it allows: lo <= x <= hi (empty when
 * lo > hi); <> keeps its operator. */
static void as_range(hv_test *t, uint8_t op, int64_t c)
{
    t->op = 0;
    t->lo = INT64_MIN;
    t->hi = INT64_MAX;
    switch (op) {
    case HV_OP_EQ_: t->lo = t->hi = c; break;
    case HV_OP_NE_: t->op = HV_OP_NE_; t->lo = c; break;
    case HV_OP_LT_: if (c == INT64_MIN) t->lo = 1, t->hi = 0; else t->hi = c - 1; break;
    case HV_OP_LE_: t->hi = c; break;
    case HV_OP_GT_: if (c == INT64_MAX) t->lo = 1, t->hi = 0; else t->lo = c + 1; break;
    default: t->lo = c; break;
    }
}

/* Node idx as one test, if it has that shape. */
static int as_test(const hv_program *p, int32_t idx, hv_test *t)
{
    const hv_node *n = &p->nodes[idx];
    memset(t, 0, sizeof *t);
    if (n->op == HV_OP_FACT_ && p->facts[n->a].ty.kind == HV_TY_BOOL) {
        t->fact = n->a;
        as_range(t, HV_OP_EQ_, 1);
        return 1;
    }
    if (n->op == HV_OP_NOT_ && p->nodes[n->a].op == HV_OP_FACT_ &&
        p->facts[p->nodes[n->a].a].ty.kind == HV_TY_BOOL) {
        t->fact = p->nodes[n->a].a;
        as_range(t, HV_OP_EQ_, 0);
        return 1;
    }
    if (n->op < HV_OP_EQ_ || n->op > HV_OP_GE_) return 0;
    const hv_node *a = &p->nodes[n->a], *b = &p->nodes[n->b];
    /* texts compare as strings: those keep to the nodes */
    if (a->op == HV_OP_FACT_ && p->facts[a->a].ty.kind == HV_TY_TEXT) return 0;
    if (b->op == HV_OP_FACT_ && p->facts[b->a].ty.kind == HV_TY_TEXT) return 0;
    static const uint8_t flip[] = {[HV_OP_EQ_] = HV_OP_EQ_, [HV_OP_NE_] = HV_OP_NE_, [HV_OP_LT_] = HV_OP_GT_,
                                   [HV_OP_LE_] = HV_OP_GE_, [HV_OP_GT_] = HV_OP_LT_, [HV_OP_GE_] = HV_OP_LE_};
    uint8_t op = n->op;
    if (a->op == HV_OP_CONST_ && b->op == HV_OP_FACT_) {
        const hv_node *x = a;
        a = b;
        b = x;
        op = flip[op];
    }
    if (a->op != HV_OP_FACT_) return 0;
    t->fact = a->a;
    if (b->op == HV_OP_FACT_) {
        t->op = op;
        t->rhs_fact = 1;
        t->rhs = b->a;
        return 1;
    }
    if (b->op != HV_OP_CONST_) return 0;
    hv_value c = p->consts[b->a];
    if (c.k == HV_V_UNKNOWN || c.k == HV_V_TEXT || c.k == HV_V_ERROR) return 0;
    as_range(t, op, c.i);
    return 1;
}

/* Rule conditions that are a test or a conjunction of tests get the list
 * (see hv_test); any other condition is left to the nodes. */
static void compile_tests(hv_program *p)
{
    for (int r = 0; r < p->nrules; r++) {
        hv_rule *rl = &p->rules[r];
        if (rl->cond < 0) continue;
        const hv_node *n = &p->nodes[rl->cond];
        int k = n->op == HV_OP_AND_ ? n->n : 1;
        hv_test *t = hv_arena_alloc(&p->arena, (size_t)k * sizeof *t);
        if (!t) return;
        int ok = 1;
        for (int i = 0; i < k && ok; i++)
            ok = as_test(p, n->op == HV_OP_AND_ ? p->kids[n->a + i] : rl->cond, &t[i]);
        if (ok) {
            rl->tests = t;
            rl->ntests = k;
        }
    }
}

/* A group of rules of one rank is uniform when none of its rules can fail
 * (no condition, or one kept as tests), each gives the same constant
 * outcome, and none is an exception or has one: then whichever of them
 * apply, the outcome is that constant, and an open one cannot change it. */
static void mark_uniform(hv_program *p)
{
    for (int i = 0; i < p->ndecs; i++) {
        hv_decision *dc = &p->decs[i];
        dc->uniform = hv_arena_alloc(&p->arena, (size_t)dc->ngroups + 1);
        if (!dc->uniform) return;
        for (int g = 0; g < dc->ngroups; g++) {
            int ok = 1;
            hv_value first = hv_unknown();
            for (int k = dc->groups[g]; k < dc->groups[g + 1] && ok; k++) {
                int i_ = dc->by_rank[k];
                const hv_rule *rl = &p->rules[dc->rules[i_]];
                int32_t e = dc->rule_expr[i_];
                ok = (rl->cond < 0 || rl->ntests > 0) && rl->nexc == 0 && rl->nexc_by == 0 && e >= 0 &&
                     p->nodes[e].op == HV_OP_CONST_ && p->consts[p->nodes[e].a].k != HV_V_UNKNOWN &&
                     p->consts[p->nodes[e].a].k != HV_V_ERROR;
                if (!ok) break;
                hv_value v = p->consts[p->nodes[e].a];
                if (k == dc->groups[g]) first = v;
                else ok = hv_value_equal(first, v);
            }
            dc->uniform[g] = (uint8_t)ok;
        }
    }
}

static void finish_program(hv_unit *u)
{
    hv_program *p = u->p;
    p->nsyms = u->members.n;
    p->syms = hv_arena_alloc(&p->arena, (size_t)(p->nsyms + 1) * sizeof *p->syms);
    p->nchoices = u->choices.n;
    p->choices = hv_arena_alloc(&p->arena, (size_t)(p->nchoices + 1) * sizeof *p->choices);
    if (!p->syms || !p->choices) return;
    for (int i = 0; i < p->nsyms; i++) p->syms[i] = hv_arena_strdup(&p->arena, u->members.items[i]);
    for (int i = 0; i < p->nchoices; i++) {
        hv_choice_set *cs = u->choices.items[i];
        p->choices[i].n = cs->n;
        p->choices[i].members = hv_arena_alloc(&p->arena, (size_t)(cs->n + 1) * sizeof(int32_t));
        if (p->choices[i].members) memcpy(p->choices[i].members, cs->members, (size_t)cs->n * sizeof(int32_t));
    }
    /* names and texts move from the AST arena into the program's */
#define KEEP(s) ((s) = (s) ? hv_arena_strdup(&p->arena, (s)) : NULL)
    for (int i = 0; i < p->nfacts; i++) { KEEP(p->facts[i].name); KEEP(p->facts[i].vraag); KEEP(p->facts[i].bron); }
    for (int i = 0; i < p->ndefs; i++) KEEP(p->defs[i].name);
    for (int i = 0; i < p->ndecs; i++) KEEP(p->decs[i].name);
    for (int i = 0; i < p->nrules; i++) { KEEP(p->rules[i].name); KEEP(p->rules[i].bron); }
    for (int i = 0; i < p->nvalues; i++) { KEEP(p->values[i].name); KEEP(p->values[i].text); KEEP(p->values[i].bron); }
    for (int i = 0; i < p->nsafe; i++) { KEEP(p->safe[i].name); KEEP(p->safe[i].text); }
#undef KEEP
    /* the facts by name, for canonical JSON (keys sorted): by insertion, few */
    p->fact_by_name = hv_arena_alloc(&p->arena, (size_t)(p->nfacts + 1) * sizeof *p->fact_by_name);
    if (!p->fact_by_name) return;
    for (int i = 0; i < p->nfacts; i++) {
        int k = i;
        for (; k > 0 && strcmp(p->facts[p->fact_by_name[k - 1]].name, p->facts[i].name) > 0; k--)
            p->fact_by_name[k] = p->fact_by_name[k - 1];
        p->fact_by_name[k] = i;
    }
    if (u->regelset) {
        p->name = hv_arena_strdup(&p->arena, u->regelset->name.s);
        p->version = u->regelset->text.s ? hv_arena_strdup(&p->arena, u->regelset->text.s) : NULL;
    } else {
        p->name = p->src.n ? hv_arena_strdup(&p->arena, p->src.files[0].name) : "";
    }
    p->declpos = hv_arena_alloc(&p->arena, (size_t)(u->ast.decls.n + 1) * sizeof *p->declpos);
    if (!p->declpos) return;
    for (int i = 0; i < u->ast.decls.n; i++) p->declpos[i] = ((hv_decl *)u->ast.decls.items[i])->loc;
    p->ndeclpos = u->ast.decls.n;
    p->nodes = hv_arena_alloc(&p->arena, (size_t)(u->nnodes + 1) * sizeof *p->nodes);
    p->kids = hv_arena_alloc(&p->arena, (size_t)(u->nkids + 1) * sizeof *p->kids);
    p->consts = hv_arena_alloc(&p->arena, (size_t)(u->nconsts + 1) * sizeof *p->consts);
    if (!p->nodes || !p->kids || !p->consts) return;
    if (u->nnodes) memcpy(p->nodes, u->nodes, (size_t)u->nnodes * sizeof *p->nodes);
    if (u->nkids) memcpy(p->kids, u->kids, (size_t)u->nkids * sizeof *p->kids);
    if (u->nconsts) memcpy(p->consts, u->consts, (size_t)u->nconsts * sizeof *p->consts);
    p->nnodes = u->nnodes;
    p->nkids = u->nkids;
    p->nconsts = u->nconsts;
    compile_tests(p);
    mark_uniform(p);

    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    for (int i = 0; i < p->src.n; i++)
        crypto_hash_sha256_update(&st, (const unsigned char *)p->src.files[i].text, p->src.files[i].len);
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(p->sha256, sizeof p->sha256, h, sizeof h);
}

static void compile_params(hv_unit *u)
{
    hv_program *p = u->p;
    for (int i = 0; i < p->nparams; i++) {
        hv_decl *d = u->params.items[i];
        hv_param *pa = &p->params[i];
        pa->n = d->pvalues.n;
        pa->from = hv_arena_alloc(&p->arena, (size_t)(pa->n + 1) * sizeof *pa->from);
        pa->values = hv_arena_alloc(&p->arena, (size_t)(pa->n + 1) * sizeof *pa->values);
        if (!pa->from || !pa->values) return;
        for (int k = 0; k < pa->n; k++) {
            hv_pvalue *v = d->pvalues.items[k];
            pa->from[k] = (int32_t)v->from;
            pa->values[k] = literal_value(u, v->value);
        }
        pa->name = hv_arena_strdup(&p->arena, pa->name);
    }
}

int hv_compile_unit(hv_unit *u)
{
    int before = u->d->nerrors;
    compile_params(u);
    compile_rules(u);
    compile_casus(u);
    for (int i = 0; i < u->p->ndefs; i++) {
        hv_decl *d = u->defs.items[i];
        u->p->defs[i].expr = emit(u, d->expr);
    }
    for (int i = 0; i < u->p->nsafe; i++) {
        hv_decl *d = u->safe.items[i];
        u->p->safe[i].cond = d->cond ? emit(u, d->cond) : -1;
        u->p->safe[i].expr = emit(u, d->expr);
    }
    finish_program(u);
    if (u->oom || u->p->arena.failed || u->ast.arena.failed || hv_src_index_lines(&u->p->src))
        ERR(u, HV_NOLOC, "out of memory");
    return u->d->nerrors - before;
}

/* ---- entry points --------------------------------------------------------------- */

char *hv_read_file(const char *path, size_t max, size_t *len)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) { errno = EISDIR; return NULL; }
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    hv_buf b;
    hv_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        hv_buf_add(&b, chunk, n);
        if (b.len > max) break;                 /* no need to read the rest */
    }
    int err = ferror(f);
    fclose(f);
    if (err) { hv_buf_free(&b); errno = EIO; return NULL; }
    if (b.len > max) { hv_buf_free(&b); errno = EFBIG; return NULL; }
    *len = b.len;
    char *s = hv_buf_take(&b);
    if (!s) errno = ENOMEM;
    return s;
}

/* ---- modules: gebruik "PATH.hv" and gebruik stdlib.NAME ------------------------------- */

/* Join `rel` to the folder of `base` and fold "." and ".." lexically.
 * Returns -1 when the path climbs above the folder of the main file. */
static int module_path(const char *base, const char *rel, char *out, size_t len)
{
    char joined[4096];
    const char *slash = strrchr(base, '/');
    if (rel[0] == '/') snprintf(joined, sizeof joined, "%s", rel);
    else if (slash) snprintf(joined, sizeof joined, "%.*s/%s", (int)(slash - base), base, rel);
    else snprintf(joined, sizeof joined, "%s", rel);
    /* fold the segments */
    char *segs[512];
    int n = 0, up = 0;
    char *save = NULL;
    for (char *t = strtok_r(joined, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
        if (strcmp(t, ".") == 0) continue;
        if (strcmp(t, "..") == 0) {
            if (n > 0 && strcmp(segs[n - 1], "..") != 0) n--;
            else { segs[n++] = t; up++; }
            continue;
        }
        if (n < 512) segs[n++] = t;
    }
    size_t k = 0;
    out[0] = 0;
    if (rel[0] == '/' || (base[0] == '/' && slash)) k += (size_t)snprintf(out, len, "/");
    for (int i = 0; i < n && k < len; i++) k += (size_t)snprintf(out + k, len - k, "%s%s", i ? "/" : "", segs[i]);
    return up;
}

/* Is path, with every symbolic link followed, inside folder? A path that
 * does not exist is left to the reading, which says so. */
static int really_inside(const char *folder, const char *path)
{
    char *f = realpath(folder, NULL), *p = realpath(path, NULL);
    int inside = 1;
    if (f && p) {
        size_t n = strlen(f);
        inside = strcmp(f, "/") == 0 || (strncmp(p, f, n) == 0 && p[n] == '/');
    }
    free(f);
    free(p);
    return inside;
}

static int src_find(hv_srcset *src, const char *name)
{
    for (int i = 0; i < src->n; i++)
        if (strcmp(src->files[i].name, name) == 0) return i;
    return -1;
}

static void use_module(hv_srcset *src, int from, hv_decl *g, hv_diags *d)
{
    char name[4096];
    const char *base = src->files[from].name;
    if (g->stdlib) {
        snprintf(name, sizeof name, "stdlib/%s.hv", g->name.s);
        if (src_find(src, name) >= 0) return;
        const hv_std_module *m = hv_std_module_find(g->name.s);
        if (!m) {
            hv_diag_error(d, g->name.loc, "there is no standard module '%s'", g->name.s);
            const char *names[64];
            int n = 0;
            for (const hv_std_module *x = hv_std_modules; x->name && n < 64; x++) names[n++] = x->name;
            const char *dym = hv_did_you_mean(g->name.s, names, n);
            if (dym) hv_diag_hint(d, "did you mean 'stdlib.%s'?", dym);
            return;
        }
        if (hv_src_add(src, name, m->text, strlen(m->text)) < 0) hv_diag_error(d, g->loc, "out of memory");
        return;
    }
    const char *rel = g->name.s;
    if (rel[0] == '/') {
        hv_diag_error(d, g->name.loc, "'gebruik' takes a path relative to this file, not '%s'", rel);
        return;
    }
    int in_stdlib = strncmp(base, "stdlib/", 7) == 0;
    int up = module_path(base, rel, name, sizeof name);
    /* a module stays inside the folder of the main file (or the stdlib) */
    char root[4096];
    const char *main_name = src->files[0].name;
    const char *slash = strrchr(main_name, '/');
    snprintf(root, sizeof root, "%.*s", slash ? (int)(slash - main_name) : 0, main_name);
    size_t rl = strlen(root);
    int inside = in_stdlib ? strncmp(name, "stdlib/", 7) == 0
                           : up == 0 && (rl == 0 || (strncmp(name, root, rl) == 0 && name[rl] == '/'));
    if (!inside) {
        hv_diag_error(d, g->name.loc, "'%s' lies outside the folder of %s; a module must be in it or below it",
                      rel, in_stdlib ? "the standard library" : main_name);
        return;
    }
    /* and does not leave it through a symbolic link either */
    if (!in_stdlib && !really_inside(rl ? root : ".", name)) {
        hv_diag_error(d, g->name.loc, "'%s' leads outside the folder of %s (through a symbolic link); "
                      "a module must be in it or below it", rel, main_name);
        return;
    }
    if (src_find(src, name) >= 0) return;       /* once, however often it is used */
    size_t len;
    char *text = hv_read_file(name, HV_MAX_FILE_BYTES, &len);
    if (!text) {
        if (errno == EFBIG)
            hv_diag_error(d, g->name.loc, "module '%s' has more than %ld bytes; a rule file may have at most that",
                          name, (long)HV_MAX_FILE_BYTES);
        else hv_diag_error(d, g->name.loc, "cannot read module '%s': %s", name, strerror(errno));
        return;
    }
    if (hv_src_add(src, name, text, len) < 0) hv_diag_error(d, g->loc, "out of memory");
    hv_mem_free(text);
}

/* A rule file must be UTF-8 text of at most HV_MAX_FILE_BYTES, without NUL bytes. */
static int source_acceptable(const hv_srcset *src, int i, hv_diags *d)
{
    const hv_source *f = &src->files[i];
    if (f->len > (size_t)HV_MAX_FILE_BYTES) {
        hv_diag_error(d, (hv_loc){i, 0, 0}, "this file has %zu bytes; a rule file may have at most %ld",
                      f->len, (long)HV_MAX_FILE_BYTES);
        return 0;
    }
    long bad = hv_json_utf8_bad_n(f->text, f->len);
    if (bad >= 0) {
        uint32_t at = (uint32_t)bad;
        hv_diag_error(d, (hv_loc){i, at, at + 1},
                      "this file is not UTF-8 text: byte 0x%02x here is not part of a UTF-8 character",
                      (unsigned char)f->text[at]);
        hv_diag_hint(d, "save the file as UTF-8 (a file from an old Windows program is often Latin-1)");
        return 0;
    }
    /* anywhere, a comment too: the text is handled as C strings after this */
    const char *nul = memchr(f->text, 0, f->len);
    if (nul) {
        uint32_t at = (uint32_t)(nul - f->text);
        hv_diag_error(d, (hv_loc){i, at, at + 1}, "unexpected control character 0x00");
        hv_diag_hint(d, "a rule file is text and holds no NUL bytes (a file saved as UTF-16 has one in every "
                        "other byte)");
        return 0;
    }
    return 1;
}

static hv_program *compile_sources(hv_srcset *src, hv_diags *d)
{
    if (sodium_init() < 0) {
        hv_diag_error(d, HV_NOLOC, "cannot initialise libsodium");
        return NULL;
    }
    hv_program *p = hv_mem_alloc(sizeof *p);
    if (!p) { hv_diag_error(d, HV_NOLOC, "out of memory"); return NULL; }
    memset(p, 0, sizeof *p);
    hv_arena_init(&p->arena, 16384);
    hv_unit u;
    memset(&u, 0, sizeof u);
    hv_arena_init(&u.ast.arena, 65536);
    u.d = d;
    u.p = p;
    int before = d->nerrors;
    /* the files, and the modules they use (src grows while we go) */
    for (int i = 0; i < src->n; i++) {
        if (!source_acceptable(src, i, d)) continue;
        int first = u.ast.decls.n;
        hv_parse_file(&u.ast, i, d);
        for (int k = first; k < u.ast.decls.n; k++) {
            hv_decl *g = u.ast.decls.items[k];
            if (g->kind == HV_D_GEBRUIK) use_module(src, i, g, d);
        }
    }
    if (d->nerrors == before) {
        hv_check_unit(&u);
        /* an unfinished graph could miss a cycle */
        if (hv_compile_cycles(&u) < 0 || u.ast.arena.failed) hv_diag_error(d, HV_NOLOC, "out of memory");
    }
    if (d->nerrors == before) {
        /* the program owns the sources from here on: explanations quote them */
        p->src = *src;
        memset(src, 0, sizeof *src);
        d->src = &p->src;
        hv_compile_unit(&u);
    }
    hv_arena_free(&u.ast.arena);
    hv_mem_free(u.nodes);
    hv_mem_free(u.kids);
    hv_mem_free(u.consts);
    if (d->nerrors > before) {
        if (p->src.n) {
            /* give the sources back so the caller can show the diagnostics */
            *src = p->src;
            memset(&p->src, 0, sizeof p->src);
            d->src = src;
        }
        hv_program_free(p);
        return NULL;
    }
    return p;
}

hv_program *hv_compile_files(const char *const *paths, int npaths, hv_srcset *src, hv_diags *d)
{
    int ok = 1;
    for (int i = 0; i < npaths; i++) {
        size_t len;
        char *text = hv_read_file(paths[i], HV_MAX_FILE_BYTES, &len);
        if (!text) {
            if (errno == ENOMEM) hv_diag_error(d, HV_NOLOC, "out of memory reading '%s'", paths[i]);
            else if (errno == EFBIG)
                hv_diag_error(d, HV_NOLOC, "'%s' has more than %ld bytes; a rule file may have at most that",
                              paths[i], (long)HV_MAX_FILE_BYTES);
            else hv_diag_error(d, HV_NOLOC, "cannot read '%s': %s", paths[i], strerror(errno));
            ok = 0;
            continue;
        }
        if (hv_src_add(src, paths[i], text, len) < 0) {
            hv_diag_error(d, HV_NOLOC, "out of memory");
            ok = 0;
        }
        hv_mem_free(text);
    }
    if (!ok) return NULL;
    return compile_sources(src, d);
}

hv_program *hv_compile_text(const char *name, const char *text, size_t len, hv_srcset *src, hv_diags *d)
{
    if (hv_src_add(src, name, text, len) < 0) {
        hv_diag_error(d, HV_NOLOC, "out of memory");
        return NULL;
    }
    return compile_sources(src, d);
}

hv_program *hv_compile_texts(const char *const *names, const char *const *texts, const size_t *lens, int n,
                             hv_srcset *src, hv_diags *d)
{
    for (int i = 0; i < n; i++)
        if (hv_src_add(src, names[i], texts[i], lens[i]) < 0) {
            hv_diag_error(d, HV_NOLOC, "out of memory");
            return NULL;
        }
    return compile_sources(src, d);
}

/* A fingerprint of what a program means, without where it came from: names,
 * types, ranks, rules, expressions and constants, but no source text,
 * locations or file names. Two programs with the same fingerprint decide
 * every case alike (used to check that `houvast fmt` changes nothing). */
void hv_program_fingerprint(const hv_program *p, char out[65])
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
#define H(ptr, n) crypto_hash_sha256_update(&st, (const unsigned char *)(ptr), (n))
#define HS(s) do { const char *s_ = (s) ? (s) : ""; H(s_, strlen(s_) + 1); } while (0)
#define HI(v) do { int64_t v_ = (int64_t)(v); H(&v_, sizeof v_); } while (0)
    HS(p->name); HS(p->version); HI(p->valid_from); HI(p->valid_to);
    for (int i = 0; i < p->nsyms; i++) HS(p->syms[i]);
    for (int i = 0; i < p->nchoices; i++) { HI(p->choices[i].n); for (int k = 0; k < p->choices[i].n; k++) HI(p->choices[i].members[k]); }
    for (int i = 0; i < p->nfacts; i++) { HS(p->facts[i].name); HS(p->facts[i].vraag); HS(p->facts[i].bron); HI(p->facts[i].ty.kind); HI(p->facts[i].ty.choice); }
    for (int i = 0; i < p->ndefs; i++) { HS(p->defs[i].name); HI(p->defs[i].expr); }
    for (int i = 0; i < p->nvalues; i++) { HS(p->values[i].name); HS(p->values[i].text); HS(p->values[i].bron); HI(p->values[i].rank); }
    for (int i = 0; i < p->nparams; i++) {
        HS(p->params[i].name); HI(p->params[i].n);
        for (int k = 0; k < p->params[i].n; k++) { HI(p->params[i].from[k]); HI(p->params[i].values[k].k); HI(p->params[i].values[k].k == HV_V_TEXT ? 0 : p->params[i].values[k].i); }
    }
    for (int i = 0; i < p->ndecs; i++) {
        const hv_decision *d = &p->decs[i];
        HS(d->name); HI(d->ty.kind); HI(d->ty.choice); HI(d->dflt); HI(d->nrules);
        for (int k = 0; k < d->nrules; k++) { HI(d->rules[k]); HI(d->rule_expr[k]); }
        HI(d->dflt_omdat.n);
        for (int k = 0; k < d->dflt_omdat.n; k++) { HS(d->dflt_omdat.parts[k].text); HI(d->dflt_omdat.parts[k].expr); }
    }
    for (int i = 0; i < p->nrules; i++) {
        const hv_rule *r = &p->rules[i];
        HS(r->name); HS(r->bron); HI(r->value); HI(r->rank); HI(r->cond); HI(r->valid_from); HI(r->valid_to);
        for (int k = 0; k < r->nassign; k++) { HI(r->assign[k].decision); HI(r->assign[k].expr); }
        for (int k = 0; k < r->nexc; k++) HI(r->exc[k]);
        HI(r->omdat.n);
        for (int k = 0; k < r->omdat.n; k++) { HS(r->omdat.parts[k].text); HI(r->omdat.parts[k].expr); }
    }
    for (int i = 0; i < p->nsafe; i++) { HS(p->safe[i].name); HS(p->safe[i].text); HI(p->safe[i].cond); HI(p->safe[i].expr); }
    for (int i = 0; i < p->ncasus; i++) {
        const hv_casus *c = &p->casus[i];
        HS(c->name); HI(c->has_peildatum); HI(c->peildatum);
        for (int k = 0; k < c->ngiven; k++) { HI(c->given[k].fact); HI(c->given[k].v.k); if (c->given[k].v.k == HV_V_TEXT) HS(c->given[k].v.s); else HI(c->given[k].v.i); }
        for (int k = 0; k < c->nexpect; k++) { HI(c->expect[k].kind); HI(c->expect[k].target); HI(c->expect[k].value); HI(c->expect[k].v.k); if (c->expect[k].v.k == HV_V_TEXT) HS(c->expect[k].v.s); else HI(c->expect[k].v.i); }
    }
    for (int i = 0; i < p->nnodes; i++) { const hv_node *n = &p->nodes[i]; HI(n->op); HI(n->ty); HI(n->n); HI(n->a); HI(n->b); }
    for (int i = 0; i < p->nkids; i++) HI(p->kids[i]);
    for (int i = 0; i < p->nconsts; i++) { HI(p->consts[i].k); if (p->consts[i].k == HV_V_TEXT) HS(p->consts[i].s); else HI(p->consts[i].i); }
#undef H
#undef HS
#undef HI
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(out, 65, h, sizeof h);
}

int hv_program_nsources(const hv_program *p) { return p->src.n; }

const char *hv_program_source(const hv_program *p, int i, const char **text, size_t *len)
{
    if (i < 0 || i >= p->src.n) return NULL;
    if (text) *text = p->src.files[i].text;
    if (len) *len = p->src.files[i].len;
    return p->src.files[i].name;
}

void hv_program_free(hv_program *p)
{
    if (!p) return;
    hv_src_free(&p->src);
    hv_arena_free(&p->arena);
    hv_mem_free(p);
}

const char *hv_program_name(const hv_program *p) { return p->name; }
const char *hv_program_version(const hv_program *p) { return p->version; }
const char *hv_program_sha256(const hv_program *p) { return p->sha256; }
int hv_program_nfacts(const hv_program *p) { return p->nfacts; }
int hv_program_ndecisions(const hv_program *p) { return p->ndecs; }
int hv_program_ncasus(const hv_program *p) { return p->ncasus; }
int hv_program_nrules(const hv_program *p) { return p->nrules; }
int hv_program_nvalues(const hv_program *p) { return p->nvalues; }
const char *hv_fact_name(const hv_program *p, int i) { return p->facts[i].name; }

int hv_fact_find(const hv_program *p, const char *name)
{
    for (int i = 0; i < p->nfacts; i++)
        if (strcmp(p->facts[i].name, name) == 0) return i;
    return -1;
}
