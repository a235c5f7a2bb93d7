/* check.c — names, types and the other semantic checks of a rule set.
 *
 * Walks the AST once to declare every name (one namespace), then resolves
 * and type-checks every expression, annotating the AST for compile.c:
 * e->ty/e->choice hold the type, e->sym/e->index what a name refers to.
 * Every problem is reported with its location; checking goes on after an
 * error so that one run reports as much as it can.
 */
#include "compile_int.h"

#include <stdio.h>
#include <string.h>

#include "builtins.h"
#include "parse.h"

#define ERR(u, loc, ...) hv_diag_error((u)->d, (loc), __VA_ARGS__)
#define HINT(u, ...) hv_diag_hint((u)->d, __VA_ARGS__)

static const char *symkind_name(hv_symkind k)
{
    switch (k) {
    case HV_SYM_FACT: return "fact";
    case HV_SYM_DEF: return "definition";
    case HV_SYM_DEC: return "decision";
    case HV_SYM_VALUE: return "value";
    case HV_SYM_RULE: return "rule";
    case HV_SYM_SAFEGUARD: return "safeguard";
    case HV_SYM_MEMBER: return "choice member";
    case HV_SYM_PARAM: return "parameter";
    default: return "function";
    }
}

/* ---- the symbol table ---------------------------------------------------- */

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static int sym_grow(hv_unit *u)
{
    int cap = u->symcap ? u->symcap * 2 : 64;
    hv_sym *t = hv_arena_alloc(&u->ast.arena, (size_t)cap * sizeof *t);
    if (!t) return -1;
    for (int i = 0; i < u->symcap; i++) {
        if (!u->syms[i].name) continue;
        uint32_t h = hash_str(u->syms[i].name) & (uint32_t)(cap - 1);
        while (t[h].name) h = (h + 1) & (uint32_t)(cap - 1);
        t[h] = u->syms[i];
    }
    u->syms = t;
    u->symcap = cap;
    return 0;
}

const hv_sym *hv_check_lookup(hv_unit *u, const char *name)
{
    if (!u->symcap) return NULL;
    uint32_t h = hash_str(name) & (uint32_t)(u->symcap - 1);
    while (u->syms[h].name) {
        if (strcmp(u->syms[h].name, name) == 0) return &u->syms[h];
        h = (h + 1) & (uint32_t)(u->symcap - 1);
    }
    return NULL;
}

static void declare(hv_unit *u, hv_str name, hv_symkind kind, int index)
{
    if (!name.s) return;
    const hv_sym *old = hv_check_lookup(u, name.s);
    if (old) {
        char where[256];
        hv_src_where(u->d->src, old->loc, where, sizeof where);
        ERR(u, name.loc, "'%s' is declared twice: already a %s at %s", name.s,
            symkind_name(old->kind), where);
        hv_vec_push(&u->ast.arena, &u->dups, (void *)name.s);
        return;
    }
    if ((u->nsyms + 1) * 2 > u->symcap && sym_grow(u)) return;
    uint32_t h = hash_str(name.s) & (uint32_t)(u->symcap - 1);
    while (u->syms[h].name) h = (h + 1) & (uint32_t)(u->symcap - 1);
    u->syms[h] = (hv_sym){name.s, kind, index, name.loc};
    u->nsyms++;
}

/* Was `name` declared twice? Then errors that follow from it are not shown. */
static int is_dup(hv_unit *u, const char *name)
{
    for (int i = 0; i < u->dups.n; i++)
        if (strcmp(u->dups.items[i], name) == 0) return 1;
    return 0;
}

/* Names of a kind, for did-you-mean hints. */
static const char *suggest(hv_unit *u, const char *name, unsigned kinds, const hv_choice_set *members)
{
    const char *cands[512];
    int n = 0;
    for (int i = 0; i < u->symcap && n < 500; i++)
        if (u->syms[i].name && (kinds & (1u << u->syms[i].kind))) cands[n++] = u->syms[i].name;
    if (members)
        for (int i = 0; i < members->n && n < 512; i++)
            cands[n++] = u->members.items[members->members[i]];
    const char *m = hv_did_you_mean(name, cands, n);
    if (m) HINT(u, "did you mean '%s'?", m);
    return m;
}

#define K(k) (1u << (k))
#define EXPR_KINDS (K(HV_SYM_FACT) | K(HV_SYM_DEF) | K(HV_SYM_DEC) | K(HV_SYM_PARAM))

/* ---- choice sets --------------------------------------------------------- */

static int intern_member(hv_unit *u, const char *name)
{
    for (int i = 0; i < u->members.n; i++)
        if (strcmp(u->members.items[i], name) == 0) return i;
    hv_vec_push(&u->ast.arena, &u->members, (void *)name);
    return u->members.n - 1;
}

static hv_choice_set *choice_set(hv_unit *u, int i) { return u->choices.items[i]; }

static int member_index(hv_unit *u, int choice, const char *name)
{
    hv_choice_set *cs = choice_set(u, choice);
    for (int i = 0; i < cs->n; i++)
        if (strcmp(u->members.items[cs->members[i]], name) == 0) return cs->members[i];
    return -1;
}

static hv_type resolve_type(hv_unit *u, hv_ast_type *t)
{
    hv_type ty = {HV_TY_NONE, -1};
    if (!t) return ty;
    ty.kind = (uint8_t)t->kind;
    if (t->kind != HV_TY_CHOICE) return ty;
    hv_choice_set *cs = hv_arena_alloc(&u->ast.arena, sizeof *cs);
    if (!cs) return ty;
    cs->members = hv_arena_alloc(&u->ast.arena, (size_t)t->members.n * sizeof *cs->members);
    if (!cs->members) return ty;
    for (int i = 0; i < t->members.n; i++) {
        hv_str *m = t->members.items[i];
        int id = intern_member(u, m->s);
        for (int j = 0; j < cs->n; j++)
            if (cs->members[j] == id) {
                ERR(u, m->loc, "'%s' appears twice in this keuze", m->s);
                id = -1;
                break;
            }
        if (id >= 0) cs->members[cs->n++] = id;
    }
    hv_vec_push(&u->ast.arena, &u->choices, cs);
    ty.choice = u->choices.n - 1;
    return ty;
}

static const char *type_str(hv_unit *u, hv_type t, char *buf, size_t len)
{
    if (t.kind != HV_TY_CHOICE) { snprintf(buf, len, "%s", hv_type_name(t.kind)); return buf; }
    hv_choice_set *cs = choice_set(u, t.choice);
    size_t k = (size_t)snprintf(buf, len, "keuze(");
    for (int i = 0; i < cs->n && k < len; i++)
        k += (size_t)snprintf(buf + k, len - k, "%s%s", i ? ", " : "", (char *)u->members.items[cs->members[i]]);
    if (k < len) snprintf(buf + k, len - k, ")");
    return buf;
}

static int choices_overlap(hv_unit *u, int a, int b)
{
    if (a == b) return 1;
    hv_choice_set *x = choice_set(u, a), *y = choice_set(u, b);
    for (int i = 0; i < x->n; i++)
        for (int j = 0; j < y->n; j++)
            if (x->members[i] == y->members[j]) return 1;
    return 0;
}

/* ---- expressions ---------------------------------------------------------- */

static hv_type check_expr(hv_unit *u, hv_expr *e, hv_type hint);
static hv_type def_type(hv_unit *u, int i);

static hv_type set_type(hv_expr *e, hv_type t)
{
    e->ty = t.kind;
    e->choice = t.choice;
    return t;
}

static hv_type ty(hv_tykind k) { return (hv_type){(uint8_t)k, -1}; }
static hv_type expr_type(hv_expr *e) { return (hv_type){(uint8_t)e->ty, e->choice}; }

static int is_num_literal(hv_expr *e)
{
    if (e->kind == HV_E_NUM) return 1;
    return e->kind == HV_E_UNARY && e->op == HV_OP_NEG && e->a && is_num_literal(e->a);
}

/* A number literal next to an amount is an amount: 1500 means €1500,00. */
static int coerce_to_money(hv_unit *u, hv_expr *e)
{
    if (e->kind == HV_E_UNARY) {
        if (!coerce_to_money(u, e->a)) return 0;
        e->ty = HV_TY_MONEY;
        return 1;
    }
    if (e->ival % 10000 != 0) {
        ERR(u, e->loc, "an amount has at most 2 decimals");
        return 0;
    }
    e->kind = HV_E_MONEY;
    e->ival /= 10000;
    e->ty = HV_TY_MONEY;
    return 1;
}

static void type_mismatch(hv_unit *u, hv_loc loc, const char *what, hv_type a, hv_type b)
{
    char x[256], y[256];
    ERR(u, loc, "%s: %s and %s do not go together", what, type_str(u, a, x, sizeof x),
        type_str(u, b, y, sizeof y));
}

/* Do two operand types fit for = and != (after money coercion)? */
static int comparable(hv_unit *u, hv_expr *a, hv_expr *b)
{
    hv_type ta = expr_type(a), tb = expr_type(b);
    if (ta.kind == HV_TY_NONE || tb.kind == HV_TY_NONE) return 1;
    if (ta.kind == HV_TY_MONEY && tb.kind == HV_TY_NUM && is_num_literal(b)) return coerce_to_money(u, b), 1;
    if (tb.kind == HV_TY_MONEY && ta.kind == HV_TY_NUM && is_num_literal(a)) return coerce_to_money(u, a), 1;
    if (ta.kind != tb.kind) return 0;
    if (ta.kind == HV_TY_CHOICE) return choices_overlap(u, ta.choice, tb.choice);
    return 1;
}

static hv_type check_name(hv_unit *u, hv_expr *e, hv_type hint)
{
    const char *name = e->name.s;
    if (hint.kind == HV_TY_CHOICE) {
        int m = member_index(u, hint.choice, name);
        if (m >= 0) {
            e->sym = HV_SYM_MEMBER;
            e->index = m;
            return set_type(e, hint);
        }
    }
    const hv_sym *s = hv_check_lookup(u, name);
    if (!s) {
        int is_member = 0;
        for (int i = 0; i < u->members.n; i++)
            if (strcmp(u->members.items[i], name) == 0) is_member = 1;
        if (hint.kind == HV_TY_CHOICE) {
            char t[256];
            ERR(u, e->loc, "'%s' is not one of %s", name, type_str(u, hint, t, sizeof t));
            suggest(u, name, 0, choice_set(u, hint.choice));
        } else if (is_member) {
            ERR(u, e->loc, "'%s' is a choice member; it must stand next to a keuze to compare with", name);
        } else {
            ERR(u, e->loc, "unknown name '%s'", name);
            suggest(u, name, EXPR_KINDS, hint.kind == HV_TY_CHOICE ? choice_set(u, hint.choice) : NULL);
        }
        return set_type(e, ty(HV_TY_NONE));
    }
    e->sym = s->kind;
    e->index = s->index;
    switch (s->kind) {
    case HV_SYM_FACT: {
        hv_fact *f = &u->p->facts[s->index];
        return set_type(e, f->ty);
    }
    case HV_SYM_DEF:
        return set_type(e, def_type(u, s->index));
    case HV_SYM_DEC:
        return set_type(e, u->p->decs[s->index].ty);
    case HV_SYM_PARAM:
        return set_type(e, u->p->params[s->index].ty);
    default:
        if (is_dup(u, name)) return set_type(e, ty(HV_TY_NONE));
        ERR(u, e->loc, "'%s' is a %s, not something with a value", name, symkind_name(s->kind));
        HINT(u, "an expression can read facts, definitions and decisions");
        return set_type(e, ty(HV_TY_NONE));
    }
}

static hv_type check_call(hv_unit *u, hv_expr *e)
{
    int fn = hv_std_lookup(e->name.s);
    if (fn < 0) {
        ERR(u, e->name.loc, "unknown function '%s'", e->name.s);
        const char *cands[HV_NBUILTINS * 2];
        int n = 0;
        for (int i = 0; i < HV_NBUILTINS; i++) {
            cands[n++] = hv_std_info(i)->name;
            if (hv_std_info(i)->alias) cands[n++] = hv_std_info(i)->alias;
        }
        const char *m = hv_did_you_mean(e->name.s, cands, n);
        if (m) HINT(u, "did you mean '%s'?", m);
        return set_type(e, ty(HV_TY_NONE));
    }
    const hv_builtin_info *bi = hv_std_info(fn);
    e->sym = HV_SYM_BUILTIN;
    e->index = fn;
    int n = e->list.n;
    if (n < bi->min_args || (bi->max_args >= 0 && n > bi->max_args)) {
        if (bi->min_args == bi->max_args)
            ERR(u, e->loc, "%s() takes %d argument%s, not %d", bi->name, bi->min_args,
                bi->min_args == 1 ? "" : "s", n);
        else
            ERR(u, e->loc, "%s() takes at least %d argument%s", bi->name, bi->min_args,
                bi->min_args == 1 ? "" : "s");
        return set_type(e, ty(HV_TY_NONE));
    }
    if (fn == HV_FN_KNOWN) {
        check_expr(u, e->list.items[0], ty(HV_TY_NONE));
        return set_type(e, ty(HV_TY_BOOL));
    }
    if (fn == HV_FN_AGE || fn == HV_FN_YEARS || fn == HV_FN_MONTHS || fn == HV_FN_DAYS ||
        fn == HV_FN_MSTART || fn == HV_FN_MEND) {
        for (int i = 0; i < n; i++) {
            hv_expr *a = e->list.items[i];
            hv_type t = check_expr(u, a, ty(HV_TY_NONE));
            if (t.kind == HV_TY_NONE) return set_type(e, t);
            if (t.kind != HV_TY_DATE) {
                char x[256];
                ERR(u, a->loc, "%s() takes dates, but this is %s", bi->name, type_str(u, t, x, sizeof x));
                return set_type(e, ty(HV_TY_NONE));
            }
        }
        return set_type(e, ty(fn == HV_FN_MSTART || fn == HV_FN_MEND ? HV_TY_DATE : HV_TY_NUM));
    }
    if (fn == HV_FN_ROUND || fn == HV_FN_ROUNDDOWN || fn == HV_FN_ROUNDUP) {
        hv_expr *a = e->list.items[0], *st = e->list.items[1];
        hv_type ta = check_expr(u, a, ty(HV_TY_NONE)), ts = check_expr(u, st, ta);
        if (ta.kind == HV_TY_NONE || ts.kind == HV_TY_NONE) return set_type(e, ty(HV_TY_NONE));
        if (ta.kind == HV_TY_MONEY && ts.kind == HV_TY_NUM && is_num_literal(st)) coerce_to_money(u, st);
        if (!((a->ty == HV_TY_MONEY && st->ty == HV_TY_MONEY) || (a->ty == HV_TY_NUM && st->ty == HV_TY_NUM))) {
            type_mismatch(u, e->loc, "cannot round this", expr_type(a), expr_type(st));
            HINT(u, "%s(BEDRAG, STAP) with a bedrag step like €0.05, or %s(GETAL, STAP)", bi->name, bi->name);
            return set_type(e, ty(HV_TY_NONE));
        }
        return set_type(e, ty(a->ty));
    }
    hv_type t = ty(HV_TY_NONE);
    for (int i = 0; i < n; i++) {
        hv_type a = check_expr(u, e->list.items[i], t);
        if (a.kind == HV_TY_NONE) return set_type(e, a);
        if (t.kind == HV_TY_NONE) t = a;
    }
    /* number literals among amounts become amounts */
    int money = 0;
    for (int i = 0; i < n; i++)
        if (((hv_expr *)e->list.items[i])->ty == HV_TY_MONEY) money = 1;
    for (int i = 0; i < n; i++) {
        hv_expr *a = e->list.items[i];
        if (money && a->ty == HV_TY_NUM && is_num_literal(a)) coerce_to_money(u, a);
        if (money) t = ty(HV_TY_MONEY);
        int ok = fn == HV_FN_ABS ? (a->ty == HV_TY_NUM || a->ty == HV_TY_MONEY)
                                 : (a->ty == t.kind && (a->ty == HV_TY_NUM || a->ty == HV_TY_MONEY || a->ty == HV_TY_DATE));
        if (!ok) {
            char x[256];
            ERR(u, a->loc, "%s() cannot take %s here", bi->name, type_str(u, expr_type(a), x, sizeof x));
            HINT(u, fn == HV_FN_ABS ? "abs() takes a getal or a bedrag"
                                    : "all arguments must be getal, all bedrag or all datum");
            return set_type(e, ty(HV_TY_NONE));
        }
    }
    return set_type(e, t);
}

static hv_type check_binary(hv_unit *u, hv_expr *e)
{
    hv_expr *a = e->a, *b = e->b;
    hv_type ta, tb;
    /* a bare choice member on the left takes the type of the right side:
     * check the right side first when the left is a name that is not itself
     * a keuze and the right side is not a bare name needing the left's type */
    const hv_sym *sa = a->kind == HV_E_NAME ? hv_check_lookup(u, a->name.s) : NULL;
    const hv_sym *sb = b->kind == HV_E_NAME ? hv_check_lookup(u, b->name.s) : NULL;
    int a_is_choice = sa && ((sa->kind == HV_SYM_FACT && u->p->facts[sa->index].ty.kind == HV_TY_CHOICE) ||
                             (sa->kind == HV_SYM_DEC && u->p->decs[sa->index].ty.kind == HV_TY_CHOICE));
    int b_is_choice = sb && ((sb->kind == HV_SYM_FACT && u->p->facts[sb->index].ty.kind == HV_TY_CHOICE) ||
                             (sb->kind == HV_SYM_DEC && u->p->decs[sb->index].ty.kind == HV_TY_CHOICE));
    if (a->kind == HV_E_NAME && !a_is_choice && (!sa || b_is_choice || (b->kind != HV_E_NAME && sa))) {
        tb = check_expr(u, b, ty(HV_TY_NONE));
        ta = check_expr(u, a, tb);
    } else {
        ta = check_expr(u, a, ty(HV_TY_NONE));
        tb = check_expr(u, b, ta);
    }
    if (ta.kind == HV_TY_NONE || tb.kind == HV_TY_NONE) return set_type(e, ty(HV_TY_NONE));
    const char *opname = hv_op_text(e->op);
    char what[64];
    snprintf(what, sizeof what, "'%s'", opname);
    switch (e->op) {
    case HV_OP_AND:
    case HV_OP_OR:
        if (ta.kind != HV_TY_BOOL || tb.kind != HV_TY_BOOL) {
            hv_expr *bad = ta.kind != HV_TY_BOOL ? a : b;
            char x[256];
            ERR(u, bad->loc, "'%s' needs janee on both sides, but this is %s", opname,
                type_str(u, expr_type(bad), x, sizeof x));
            return set_type(e, ty(HV_TY_NONE));
        }
        return set_type(e, ty(HV_TY_BOOL));
    case HV_OP_EQ:
    case HV_OP_NE:
        if (!comparable(u, a, b)) {
            type_mismatch(u, e->loc, "cannot compare these", expr_type(a), expr_type(b));
            return set_type(e, ty(HV_TY_NONE));
        }
        return set_type(e, ty(HV_TY_BOOL));
    case HV_OP_LT: case HV_OP_LE: case HV_OP_GT: case HV_OP_GE:
        if (!comparable(u, a, b) || !(a->ty == HV_TY_NUM || a->ty == HV_TY_MONEY || a->ty == HV_TY_DATE)) {
            if (a->ty == b->ty) {
                char x[256];
                ERR(u, e->loc, "'%s' cannot order %s values", opname, type_str(u, expr_type(a), x, sizeof x));
                HINT(u, "only getal, bedrag and datum have an order; use = or != here");
            } else {
                type_mismatch(u, e->loc, "cannot compare these", expr_type(a), expr_type(b));
            }
            return set_type(e, ty(HV_TY_NONE));
        }
        return set_type(e, ty(HV_TY_BOOL));
    case HV_OP_ADD:
    case HV_OP_SUB: {
        if (a->ty == HV_TY_MONEY && b->ty == HV_TY_NUM && is_num_literal(b)) coerce_to_money(u, b);
        if (b->ty == HV_TY_MONEY && a->ty == HV_TY_NUM && is_num_literal(a)) coerce_to_money(u, a);
        int ka = a->ty, kb = b->ty;
        if (ka == kb && (ka == HV_TY_NUM || ka == HV_TY_MONEY)) return set_type(e, ty(ka));
        if (ka == HV_TY_DATE && kb == HV_TY_NUM) return set_type(e, ty(HV_TY_DATE));
        if (e->op == HV_OP_ADD && ka == HV_TY_NUM && kb == HV_TY_DATE) return set_type(e, ty(HV_TY_DATE));
        if (e->op == HV_OP_SUB && ka == HV_TY_DATE && kb == HV_TY_DATE) return set_type(e, ty(HV_TY_NUM));
        type_mismatch(u, e->loc, e->op == HV_OP_ADD ? "cannot add these" : "cannot subtract these",
                      expr_type(a), expr_type(b));
        HINT(u, "getal and getal, bedrag and bedrag, or a datum and a number of days");
        return set_type(e, ty(HV_TY_NONE));
    }
    case HV_OP_MUL: {
        int ka = a->ty, kb = b->ty;
        if (ka == HV_TY_NUM && kb == HV_TY_NUM) return set_type(e, ty(HV_TY_NUM));
        if ((ka == HV_TY_MONEY && kb == HV_TY_NUM) || (ka == HV_TY_NUM && kb == HV_TY_MONEY))
            return set_type(e, ty(HV_TY_MONEY));
        type_mismatch(u, e->loc, "cannot multiply these", expr_type(a), expr_type(b));
        HINT(u, "a bedrag can be multiplied by a getal, not by another bedrag");
        return set_type(e, ty(HV_TY_NONE));
    }
    case HV_OP_DIV: {
        int ka = a->ty, kb = b->ty;
        if (ka == HV_TY_NUM && kb == HV_TY_NUM) return set_type(e, ty(HV_TY_NUM));
        if (ka == HV_TY_MONEY && kb == HV_TY_NUM) return set_type(e, ty(HV_TY_MONEY));
        if (ka == HV_TY_MONEY && kb == HV_TY_MONEY) return set_type(e, ty(HV_TY_NUM));
        type_mismatch(u, e->loc, "cannot divide these", expr_type(a), expr_type(b));
        return set_type(e, ty(HV_TY_NONE));
    }
    default:
        return set_type(e, ty(HV_TY_NONE));
    }
}

static hv_type check_expr(hv_unit *u, hv_expr *e, hv_type hint)
{
    if (!e) return ty(HV_TY_NONE);
    switch (e->kind) {
    case HV_E_NUM:
        return set_type(e, ty(HV_TY_NUM));
    case HV_E_MONEY:
        return set_type(e, ty(HV_TY_MONEY));
    case HV_E_DATE:
    case HV_E_PEILDATUM:
        return set_type(e, ty(HV_TY_DATE));
    case HV_E_BOOL:
        return set_type(e, ty(HV_TY_BOOL));
    case HV_E_TEXT:
        return set_type(e, ty(HV_TY_TEXT));
    case HV_E_NAME:
        return check_name(u, e, hint);
    case HV_E_CALL:
        return check_call(u, e);
    case HV_E_UNARY: {
        hv_type t = check_expr(u, e->a, e->op == HV_OP_NOT ? ty(HV_TY_BOOL) : hint);
        if (t.kind == HV_TY_NONE) return set_type(e, t);
        char x[256];
        if (e->op == HV_OP_NOT) {
            if (t.kind != HV_TY_BOOL) {
                ERR(u, e->a->loc, "'niet' needs janee, but this is %s", type_str(u, t, x, sizeof x));
                return set_type(e, ty(HV_TY_NONE));
            }
            return set_type(e, t);
        }
        if (t.kind != HV_TY_NUM && t.kind != HV_TY_MONEY) {
            ERR(u, e->loc, "'-' needs a getal or bedrag, but this is %s", type_str(u, t, x, sizeof x));
            return set_type(e, ty(HV_TY_NONE));
        }
        return set_type(e, t);
    }
    case HV_E_BINARY:
        return check_binary(u, e);
    case HV_E_IN: {
        hv_type t = check_expr(u, e->a, ty(HV_TY_NONE));
        int bad = t.kind == HV_TY_NONE;
        for (int i = 0; i < e->list.n; i++) {
            hv_expr *it = e->list.items[i];
            hv_type ti = check_expr(u, it, t);
            if (ti.kind == HV_TY_NONE || bad) { bad = 1; continue; }
            if (!comparable(u, e->a, it)) {
                type_mismatch(u, it->loc, "cannot be in this list", t, expr_type(it));
                bad = 1;
            }
        }
        return set_type(e, ty(bad ? HV_TY_NONE : HV_TY_BOOL));
    }
    }
    return ty(HV_TY_NONE);
}

/* Check `e` against the type `want`; report a mismatch at e. */
static void check_typed(hv_unit *u, hv_expr *e, hv_type want, const char *what)
{
    hv_type t = check_expr(u, e, want);
    if (t.kind == HV_TY_NONE || want.kind == HV_TY_NONE) return;
    if (want.kind == HV_TY_MONEY && t.kind == HV_TY_NUM && is_num_literal(e)) {
        coerce_to_money(u, e);
        return;
    }
    char x[256], y[256];
    if (t.kind != want.kind) {
        ERR(u, e->loc, "%s must be %s, but this is %s", what, type_str(u, want, x, sizeof x),
            type_str(u, t, y, sizeof y));
        return;
    }
    if (t.kind == HV_TY_CHOICE && t.choice != want.choice) {
        hv_choice_set *cs = choice_set(u, t.choice);
        for (int i = 0; i < cs->n; i++)
            if (member_index(u, want.choice, u->members.items[cs->members[i]]) < 0) {
                ERR(u, e->loc, "%s must be one of %s, but this can be '%s'", what,
                    type_str(u, want, x, sizeof x), (char *)u->members.items[cs->members[i]]);
                return;
            }
    }
}

static hv_type def_type(hv_unit *u, int i)
{
    hv_def *d = &u->p->defs[i];
    if (u->def_state[i] == 2) return d->ty;
    if (u->def_state[i] == 1) return ty(HV_TY_NONE);   /* a cycle; reported by compile.c */
    u->def_state[i] = 1;
    hv_decl *decl = u->defs.items[i];
    d->ty = check_expr(u, decl->expr, ty(HV_TY_NONE));
    u->def_state[i] = 2;
    return d->ty;
}

/* ---- omdat texts ----------------------------------------------------------- */

/* Split an omdat text into literal pieces and {expressions}, parsing the
 * expressions from the source so that errors point into the text. */
static void check_template(hv_unit *u, hv_decl *decl, hv_str omdat)
{
    if (!omdat.s || omdat.loc.file < 0) return;
    hv_source *f = &u->d->src->files[omdat.loc.file];
    uint32_t i = omdat.loc.start + 1, end = omdat.loc.end;
    if (end > i && f->text[end - 1] == '"') end--;
    hv_buf lit;
    hv_buf_init(&lit);
    while (i < end) {
        char c = f->text[i];
        if (c == '\\' && i + 1 < end) {
            char n = f->text[i + 1];
            hv_buf_putc(&lit, n == 'n' ? '\n' : n == 't' ? '\t' : n);
            i += 2;
            continue;
        }
        if (c == '}') {
            ERR(u, ((hv_loc){omdat.loc.file, i, i + 1}), "'}' without '{' in text");
            HINT(u, "write \\} for a brace in the text");
            i++;
            continue;
        }
        if (c != '{') { hv_buf_putc(&lit, c); i++; continue; }
        uint32_t close = i + 1;
        while (close < end && f->text[close] != '}') close++;
        if (close >= end) {
            ERR(u, ((hv_loc){omdat.loc.file, i, i + 1}), "'{' without '}' in text");
            HINT(u, "write \\{ for a brace in the text");
            break;
        }
        if (lit.len) {
            hv_tpiece *t = hv_arena_alloc(&u->ast.arena, sizeof *t);
            if (t) { t->text = hv_arena_strndup(&u->ast.arena, lit.data, lit.len); hv_vec_push(&u->ast.arena, &decl->tmpl, t); }
            lit.len = 0;
        }
        uint32_t s = i + 1;
        while (s < close && (f->text[s] == ' ' || f->text[s] == '\t')) s++;
        if (s == close) {
            ERR(u, ((hv_loc){omdat.loc.file, i, close + 1}), "empty {} in text");
        } else {
            hv_expr *e = hv_parse_expr(&u->ast, omdat.loc.file, i + 1, close, u->d);
            if (e) {
                check_expr(u, e, ty(HV_TY_NONE));
                hv_tpiece *t = hv_arena_alloc(&u->ast.arena, sizeof *t);
                if (t) { t->expr = e; hv_vec_push(&u->ast.arena, &decl->tmpl, t); }
            }
        }
        i = close + 1;
    }
    if (lit.len) {
        hv_tpiece *t = hv_arena_alloc(&u->ast.arena, sizeof *t);
        if (t) { t->text = hv_arena_strndup(&u->ast.arena, lit.data, lit.len); hv_vec_push(&u->ast.arena, &decl->tmpl, t); }
    }
    /* a text that lost characters on the way is no text to show */
    if (lit.failed) ERR(u, HV_NOLOC, "out of memory");
    hv_buf_free(&lit);
}

/* ---- declarations ----------------------------------------------------------- */

static void *arr(hv_unit *u, int n, size_t size)
{
    return hv_arena_alloc(&u->p->arena, (size_t)(n ? n : 1) * size);
}

static void declare_all(hv_unit *u)
{
    for (int i = 0; i < u->ast.decls.n; i++) {
        hv_decl *d = u->ast.decls.items[i];
        switch (d->kind) {
        case HV_D_REGELSET:
            /* one per file; with several files the first names the rule set */
            if (u->regelset && u->regelset->loc.file == d->loc.file) {
                char where[256];
                hv_src_where(u->d->src, u->regelset->loc, where, sizeof where);
                ERR(u, d->loc, "a file has one 'regelset' line; the first is at %s", where);
            } else if (!u->regelset) {
                u->regelset = d;
            }
            break;
        case HV_D_WAARDE:
            d->index = u->values.n;
            hv_vec_push(&u->ast.arena, &u->values, d);
            declare(u, d->name, HV_SYM_VALUE, d->index);
            break;
        case HV_D_RANGORDE:
            hv_vec_push(&u->ast.arena, &u->rangordes, d);
            break;
        case HV_D_FEIT:
            d->index = u->facts.n;
            hv_vec_push(&u->ast.arena, &u->facts, d);
            declare(u, d->name, HV_SYM_FACT, d->index);
            break;
        case HV_D_DEFINITIE:
            d->index = u->defs.n;
            hv_vec_push(&u->ast.arena, &u->defs, d);
            declare(u, d->name, HV_SYM_DEF, d->index);
            break;
        case HV_D_BESLUIT:
            d->index = u->decs.n;
            hv_vec_push(&u->ast.arena, &u->decs, d);
            declare(u, d->name, HV_SYM_DEC, d->index);
            break;
        case HV_D_REGEL:
            d->index = u->rules.n;
            hv_vec_push(&u->ast.arena, &u->rules, d);
            declare(u, d->name, HV_SYM_RULE, d->index);
            break;
        case HV_D_WAARBORG:
            d->index = u->safe.n;
            hv_vec_push(&u->ast.arena, &u->safe, d);
            declare(u, d->name, HV_SYM_SAFEGUARD, d->index);
            break;
        case HV_D_CASUS:
            d->index = u->casus.n;
            hv_vec_push(&u->ast.arena, &u->casus, d);
            break;
        case HV_D_PARAMETER:
            d->index = u->params.n;
            hv_vec_push(&u->ast.arena, &u->params, d);
            declare(u, d->name, HV_SYM_PARAM, d->index);
            break;
        case HV_D_GEBRUIK:
            break;      /* loaded before checking (compile.c) */
        }
    }
}

static void check_ranking(hv_unit *u)
{
    hv_program *p = u->p;
    int *seen = arr(u, p->nvalues, sizeof(int));
    hv_loc *seen_at = arr(u, p->nvalues, sizeof(hv_loc));
    if (!seen || !seen_at) return;
    int rank = -1;
    for (int r = 0; r < u->rangordes.n; r++) {
        hv_decl *d = u->rangordes.items[r];
        for (int i = 0; i < d->ranks.n; i++) {
            hv_str *s = d->ranks.items[i];
            if (i == 0 || (intptr_t)d->rank_ops.items[i - 1] == '>') rank++;
            const hv_sym *sym = hv_check_lookup(u, s->s);
            if (!sym || sym->kind != HV_SYM_VALUE) {
                if (sym && is_dup(u, s->s)) continue;
                if (sym) ERR(u, s->loc, "'%s' is a %s, not a value; rangorde ranks values", s->s, symkind_name(sym->kind));
                else ERR(u, s->loc, "unknown value '%s' in rangorde", s->s);
                if (!sym) {
                    const char *m = suggest(u, s->s, K(HV_SYM_VALUE), NULL);
                    if (m) hv_vec_push(&u->ast.arena, &u->rank_typos, (void *)m);
                }
                continue;
            }
            if (seen[sym->index]) {
                char where[256];
                hv_src_where(u->d->src, seen_at[sym->index], where, sizeof where);
                ERR(u, s->loc, "value '%s' appears twice in rangorde; first at %s", s->s, where);
                continue;
            }
            seen[sym->index] = 1;
            seen_at[sym->index] = s->loc;
            p->values[sym->index].rank = rank;
        }
    }
    int worst = rank;
    for (int i = 0; i < p->nvalues; i++)
        if (!seen[i]) {
            hv_decl *d = u->values.items[i];
            /* a value offered by a module (gebruik) need only be ranked when a rule uses it */
            if (d->loc.file > 0) {
                int used = 0;
                for (int r = 0; r < u->rules.n; r++) {
                    hv_decl *rd = u->rules.items[r];
                    if (rd->per.s && strcmp(rd->per.s, d->name.s) == 0) used = 1;
                }
                if (!used) { p->values[i].rank = worst + 1; continue; }
            }
            const hv_sym *sym = hv_check_lookup(u, d->name.s);
            if (!sym || sym->kind != HV_SYM_VALUE || sym->index != i) continue;   /* a duplicate */
            int typo = 0;
            for (int k = 0; k < u->rank_typos.n; k++)
                if (strcmp(u->rank_typos.items[k], d->name.s) == 0) typo = 1;
            if (typo) continue;     /* the misspelled name in rangorde was reported */
            ERR(u, d->name.loc, "value '%s' is missing from rangorde", d->name.s);
            HINT(u, u->rangordes.n ? "add it to a 'rangorde' line, with > or = to place it"
                                   : "rank the values with a line like: rangorde a > b > c");
        }
}

static void check_validity(hv_unit *u, const hv_valid *v, int32_t *from, int32_t *to)
{
    *from = (int32_t)v->from;
    *to = v->has_to ? (int32_t)v->to : HV_NO_END;
    if (v->has_to && v->to <= v->from)
        ERR(u, v->loc, "'geldig vanaf ... tot ...': the end must come after the start (tot is the first day it no longer holds)");
}

static int is_constant(hv_expr *e);

static void check_param(hv_unit *u, int i)
{
    hv_program *p = u->p;
    hv_decl *d = u->params.items[i];
    hv_param *pa = &p->params[i];
    pa->name = d->name.s;
    pa->loc = d->loc;
    pa->ty = resolve_type(u, d->type);
    if (d->pvalues.n == 0) {
        ERR(u, d->name.loc, "parameter '%s' has no values", d->name.s);
        HINT(u, "give its values by date, one per line: vanaf 2026-01-01 = ...");
        return;
    }
    for (int k = 0; k < d->pvalues.n; k++) {
        hv_pvalue *v = d->pvalues.items[k];
        char what[300];
        snprintf(what, sizeof what, "a value of parameter '%s'", d->name.s);
        int before = u->d->nerrors;
        check_typed(u, v->value, pa->ty, what);
        if (u->d->nerrors == before && !is_constant(v->value))
            ERR(u, v->value->loc, "a parameter's value is a plain value, not an expression");
        if (k > 0 && v->from <= ((hv_pvalue *)d->pvalues.items[k - 1])->from) {
            ERR(u, v->loc, "the dates of parameter '%s' must increase", d->name.s);
            HINT(u, "list the values from the oldest to the newest date");
        }
    }
}

static void check_decls(hv_unit *u)
{
    hv_program *p = u->p;
    /* facts, values and decisions first: their types are declared */
    for (int i = 0; i < p->nfacts; i++) {
        hv_decl *d = u->facts.items[i];
        p->facts[i] = (hv_fact){d->name.s, d->vraag.s, d->bron.s, resolve_type(u, d->type), d->loc};
    }
    for (int i = 0; i < p->nvalues; i++) {
        hv_decl *d = u->values.items[i];
        p->values[i] = (hv_vdecl){d->name.s, d->text.s, d->bron.s, 0, d->loc};
    }
    for (int i = 0; i < p->ndecs; i++) {
        hv_decl *d = u->decs.items[i];
        p->decs[i].name = d->name.s;
        p->decs[i].ty = resolve_type(u, d->type);
        p->decs[i].loc = d->loc;
        p->decs[i].dflt = -1;
    }
    for (int i = 0; i < p->ndefs; i++) {
        hv_decl *d = u->defs.items[i];
        p->defs[i].name = d->name.s;
        p->defs[i].loc = d->loc;
    }
    check_ranking(u);
    for (int i = 0; i < p->nparams; i++) check_param(u, i);
    p->valid_from = HV_NO_START;
    p->valid_to = HV_NO_END;
    if (u->regelset && u->regelset->has_valid) check_validity(u, &u->regelset->valid, &p->valid_from, &p->valid_to);
    for (int i = 0; i < p->ndefs; i++) def_type(u, i);

    for (int i = 0; i < p->ndecs; i++) {
        hv_decl *d = u->decs.items[i];
        if (d->expr) check_typed(u, d->expr, p->decs[i].ty, "the standaard");
        check_template(u, d, d->omdat);
    }

    int *nrules = arr(u, p->ndecs, sizeof(int));
    for (int i = 0; i < p->nrules; i++) {
        hv_decl *d = u->rules.items[i];
        hv_rule *r = &p->rules[i];
        r->name = d->name.s;
        r->bron = d->bron.s;
        r->loc = d->loc;
        r->value = -1;
        r->valid_from = HV_NO_START;
        r->valid_to = HV_NO_END;
        if (d->has_valid) check_validity(u, &d->valid, &r->valid_from, &r->valid_to);
        const hv_sym *v = hv_check_lookup(u, d->per.s);
        if (!v || v->kind != HV_SYM_VALUE) {
            if (v) ERR(u, d->per.loc, "'%s' is a %s, not a value; 'volgens' names a value", d->per.s, symkind_name(v->kind));
            else ERR(u, d->per.loc, "unknown value '%s'", d->per.s);
            if (!v) suggest(u, d->per.s, K(HV_SYM_VALUE), NULL);
        } else {
            r->value = v->index;
        }
        if (d->cond) {
            hv_type t = check_expr(u, d->cond, ty(HV_TY_BOOL));
            if (t.kind != HV_TY_NONE && t.kind != HV_TY_BOOL) {
                char x[256];
                ERR(u, d->cond->loc, "the condition after 'als' must be janee, but this is %s",
                    type_str(u, t, x, sizeof x));
            }
        }
        for (int k = 0; k < d->exceptions.n; k++) {
            hv_str *s = d->exceptions.items[k];
            const hv_sym *t = hv_check_lookup(u, s->s);
            if (!t || t->kind != HV_SYM_RULE) {
                if (t) ERR(u, s->loc, "'%s' is a %s, not a rule; 'uitzondering op' names rules", s->s, symkind_name(t->kind));
                else ERR(u, s->loc, "unknown rule '%s'", s->s);
                if (!t) suggest(u, s->s, K(HV_SYM_RULE), NULL);
            } else if (t->index == i) {
                ERR(u, s->loc, "rule '%s' cannot be an exception to itself", s->s);
            }
        }
        for (int k = 0; k < d->assigns.n; k++) {
            hv_assign *a = d->assigns.items[k];
            const hv_sym *t = hv_check_lookup(u, a->decision.s);
            if (!t || t->kind != HV_SYM_DEC) {
                if (t && is_dup(u, a->decision.s)) continue;
                if (t) {
                    ERR(u, a->decision.loc, "'%s' is a %s; a rule can only decide a decision ('besluit')",
                        a->decision.s, symkind_name(t->kind));
                } else {
                    ERR(u, a->decision.loc, "unknown decision '%s'", a->decision.s);
                    suggest(u, a->decision.s, K(HV_SYM_DEC), NULL);
                }
                continue;
            }
            for (int j = 0; j < k; j++) {
                hv_assign *b = d->assigns.items[j];
                if (strcmp(b->decision.s, a->decision.s) == 0)
                    ERR(u, a->decision.loc, "rule '%s' decides '%s' twice", d->name.s, a->decision.s);
            }
            if (nrules) nrules[t->index]++;
            if (a->value) check_typed(u, a->value, p->decs[t->index].ty, "the outcome");
        }
        check_template(u, d, d->omdat);
    }
    for (int i = 0; i < p->ndecs; i++)
        if (nrules && nrules[i] == 0 && !is_dup(u, ((hv_decl *)u->decs.items[i])->name.s)) {
            hv_decl *d = u->decs.items[i];
            ERR(u, d->name.loc, "decision '%s' has no rules", d->name.s);
            HINT(u, "add a rule: regel NAME volgens VALUE als CONDITION dan %s = ...", d->name.s);
        }

    for (int i = 0; i < p->nsafe; i++) {
        hv_decl *d = u->safe.items[i];
        p->safe[i] = (hv_safeguard){d->name.s, d->text.s, -1, -1, d->loc};
        if (d->cond) check_typed(u, d->cond, ty(HV_TY_BOOL), "the condition of a waarborg");
        check_typed(u, d->expr, ty(HV_TY_BOOL), "a waarborg");
    }
}

static int is_constant(hv_expr *e)
{
    switch (e->kind) {
    case HV_E_NUM: case HV_E_MONEY: case HV_E_DATE: case HV_E_BOOL: case HV_E_TEXT: return 1;
    case HV_E_NAME: return e->sym == HV_SYM_MEMBER;
    case HV_E_UNARY: return e->op == HV_OP_NEG && is_constant(e->a);
    default: return 0;
    }
}

static void check_casus(hv_unit *u)
{
    hv_program *p = u->p;
    for (int i = 0; i < p->ncasus; i++) {
        hv_decl *d = u->casus.items[i];
        for (int k = 0; k < d->givens.n; k++) {
            hv_given *g = d->givens.items[k];
            const hv_sym *s = hv_check_lookup(u, g->fact.s);
            if (!s || s->kind != HV_SYM_FACT) {
                if (s) {
                    ERR(u, g->fact.loc, "'%s' is a %s; a casus can only give facts", g->fact.s, symkind_name(s->kind));
                    HINT(u, "definitions and decisions are worked out from the facts");
                } else {
                    ERR(u, g->fact.loc, "unknown fact '%s' in casus", g->fact.s);
                    suggest(u, g->fact.s, K(HV_SYM_FACT), NULL);
                }
                continue;
            }
            for (int j = 0; j < k; j++) {
                hv_given *h = d->givens.items[j];
                if (strcmp(h->fact.s, g->fact.s) == 0)
                    ERR(u, g->fact.loc, "fact '%s' is given twice in this casus", g->fact.s);
            }
            char what[300];
            snprintf(what, sizeof what, "the value of fact '%s'", g->fact.s);
            int before = u->d->nerrors;
            check_typed(u, g->value, p->facts[s->index].ty, what);
            if (u->d->nerrors == before && !is_constant(g->value))
                ERR(u, g->value->loc, "a casus gives a fact a plain value, not an expression");
        }
        for (int k = 0; k < d->expects.n; k++) {
            hv_expect *x = d->expects.items[k];
            if (!x) continue;
            const hv_sym *s = hv_check_lookup(u, x->name.s);
            hv_symkind want = x->kind == HV_X_VIOLATED ? HV_SYM_SAFEGUARD : HV_SYM_DEC;
            if (!s || s->kind != want) {
                if (s) ERR(u, x->name.loc, "'%s' is a %s, not a %s", x->name.s, symkind_name(s->kind), symkind_name(want));
                else ERR(u, x->name.loc, "unknown %s '%s' in casus", symkind_name(want), x->name.s);
                if (!s) suggest(u, x->name.s, K(want), NULL);
                continue;
            }
            if (x->value) {
                char what[300];
                snprintf(what, sizeof what, "the expected outcome of '%s'", x->name.s);
                int before = u->d->nerrors;
                check_typed(u, x->value, p->decs[s->index].ty, what);
                if (u->d->nerrors == before && !is_constant(x->value))
                    ERR(u, x->value->loc, "an expected outcome is a plain value, not an expression");
            }
            if (x->per.s) {
                const hv_sym *v = hv_check_lookup(u, x->per.s);
                if (!v || v->kind != HV_SYM_VALUE) {
                    ERR(u, x->per.loc, "unknown value '%s'", x->per.s);
                    suggest(u, x->per.s, K(HV_SYM_VALUE), NULL);
                }
            }
        }
    }
}

int hv_check_unit(hv_unit *u)
{
    int before = u->d->nerrors;
    hv_program *p = u->p;
    declare_all(u);
    p->nfacts = u->facts.n;
    p->ndefs = u->defs.n;
    p->ndecs = u->decs.n;
    p->nrules = u->rules.n;
    p->nvalues = u->values.n;
    p->nsafe = u->safe.n;
    p->ncasus = u->casus.n;
    p->nparams = u->params.n;
    p->params = arr(u, p->nparams, sizeof *p->params);
    p->facts = arr(u, p->nfacts, sizeof *p->facts);
    p->defs = arr(u, p->ndefs, sizeof *p->defs);
    p->decs = arr(u, p->ndecs, sizeof *p->decs);
    p->rules = arr(u, p->nrules, sizeof *p->rules);
    p->values = arr(u, p->nvalues, sizeof *p->values);
    p->safe = arr(u, p->nsafe, sizeof *p->safe);
    p->casus = arr(u, p->ncasus, sizeof *p->casus);
    u->def_state = arr(u, p->ndefs, 1);
    if (!p->params) ERR(u, HV_NOLOC, "out of memory");
    if (u->p->arena.failed || u->ast.arena.failed) {
        ERR(u, HV_NOLOC, "out of memory");
        return u->d->nerrors - before;
    }
    if (p->nrules > HV_MAX_RULES) {
        hv_decl *r = u->rules.items[HV_MAX_RULES];
        ERR(u, r->loc, "a rule set may have at most %d rules; this is rule %d of %d", HV_MAX_RULES,
            HV_MAX_RULES + 1, p->nrules);
        return u->d->nerrors - before;
    }
    if (p->ndecs == 0) {
        ERR(u, ((hv_loc){0, 0, 0}), "the rule set has no decisions");
        hv_diag_hint(u->d, "a rule set decides something: besluit NAME: TYPE, with rules that assign it");
    }
    check_decls(u);
    check_casus(u);
    if (u->p->arena.failed || u->ast.arena.failed) ERR(u, HV_NOLOC, "out of memory");
    return u->d->nerrors - before;
}
