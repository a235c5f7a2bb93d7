/* ast.c — builders for the syntax tree. */
#include "ast.h"

#include <string.h>

const char *hv_op_text(hv_op op)
{
    static const char *const names[] = {
#define X(id, s) s,
        HV_OP_LIST(X)
#undef X
    };
    return names[op];
}

const char *hv_type_name(hv_tykind k)
{
    static const char *const names[] = {
#define X(id, nl, en) nl,
        HV_TYPE_LIST(X)
#undef X
    };
    return names[k];
}

hv_str hv_ast_str(hv_ast *ast, const char *s, hv_loc loc)
{
    (void)ast;
    return (hv_str){s, loc};
}

hv_str *hv_ast_strp(hv_ast *ast, hv_str s)
{
    hv_str *p = hv_arena_alloc(&ast->arena, sizeof *p);
    if (p) *p = s;
    return p;
}

static hv_expr *new_expr(hv_ast *ast, hv_ekind kind, hv_loc loc)
{
    hv_expr *e = hv_arena_alloc(&ast->arena, sizeof *e);
    if (!e) return NULL;
    e->kind = kind;
    e->loc = loc;
    e->index = -1;
    e->depth = 1;
    return e;
}

hv_expr *hv_ast_literal(hv_ast *ast, hv_ekind kind, int64_t v, const char *text, hv_loc loc)
{
    hv_expr *e = new_expr(ast, kind, loc);
    if (e) { e->ival = v; e->text = text; }
    return e;
}

hv_expr *hv_ast_name(hv_ast *ast, hv_str name)
{
    hv_expr *e = new_expr(ast, HV_E_NAME, name.loc);
    if (e) e->name = name;
    return e;
}

/* Give e its depth; report (once, where it is crossed) an expression that
 * is nested too deeply. */
static hv_expr *deepen(hv_ast *ast, hv_expr *e, hv_expr *a, hv_expr *b, const hv_vec *list)
{
    if (!e) return NULL;
    int d = 0;
    if (a && a->depth > d) d = a->depth;
    if (b && b->depth > d) d = b->depth;
    for (int i = 0; list && i < list->n; i++) {
        hv_expr *x = list->items[i];
        if (x && x->depth > d) d = x->depth;
    }
    e->depth = d + 1;
    if (e->depth == HV_MAX_EXPR_DEPTH + 1 && ast->diags)
        hv_diag_error(ast->diags, e->loc, "expression nested too deeply (more than %d levels)",
                      HV_MAX_EXPR_DEPTH);
    return e;
}

hv_expr *hv_ast_unary(hv_ast *ast, hv_op op, hv_expr *a, hv_loc loc)
{
    hv_expr *e = new_expr(ast, HV_E_UNARY, loc);
    if (e) { e->op = op; e->a = a; }
    return deepen(ast, e, a, NULL, NULL);
}

hv_expr *hv_ast_binary(hv_ast *ast, hv_op op, hv_expr *a, hv_expr *b, hv_loc loc)
{
    hv_expr *e = new_expr(ast, HV_E_BINARY, loc);
    if (e) { e->op = op; e->a = a; e->b = b; }
    return deepen(ast, e, a, b, NULL);
}

hv_expr *hv_ast_in(hv_ast *ast, hv_expr *a, hv_vec items, int negated, hv_loc loc)
{
    hv_expr *e = new_expr(ast, HV_E_IN, loc);
    if (e) { e->a = a; e->list = items; e->negated = negated; }
    return deepen(ast, e, a, NULL, &items);
}

hv_expr *hv_ast_call(hv_ast *ast, hv_str name, hv_vec args, hv_loc loc)
{
    hv_expr *e = new_expr(ast, HV_E_CALL, loc);
    if (e) { e->name = name; e->list = args; }
    return deepen(ast, e, NULL, NULL, &args);
}

hv_expr *hv_ast_peildatum(hv_ast *ast, hv_loc loc)
{
    return new_expr(ast, HV_E_PEILDATUM, loc);
}

hv_ast_type *hv_ast_type_new(hv_ast *ast, hv_tykind kind, hv_vec members, hv_loc loc)
{
    hv_ast_type *t = hv_arena_alloc(&ast->arena, sizeof *t);
    if (t) { t->kind = kind; t->members = members; t->loc = loc; }
    return t;
}

hv_decl *hv_ast_decl(hv_ast *ast, hv_dkind kind, hv_loc loc)
{
    hv_decl *d = hv_arena_alloc(&ast->arena, sizeof *d);
    if (!d) return NULL;
    d->kind = kind;
    d->loc = loc;
    d->name.loc = d->text.loc = d->bron.loc = d->vraag.loc = d->omdat.loc = d->per.loc = HV_NOLOC;
    return d;
}

hv_assign *hv_ast_assign(hv_ast *ast, hv_str decision, hv_expr *value, hv_loc loc)
{
    hv_assign *a = hv_arena_alloc(&ast->arena, sizeof *a);
    if (a) { a->decision = decision; a->value = value; a->loc = loc; }
    return a;
}

hv_given *hv_ast_given(hv_ast *ast, hv_str fact, hv_expr *value, hv_loc loc)
{
    hv_given *g = hv_arena_alloc(&ast->arena, sizeof *g);
    if (g) { g->fact = fact; g->value = value; g->loc = loc; }
    return g;
}

hv_expect *hv_ast_expect(hv_ast *ast, hv_xkind kind, hv_str name, hv_expr *value, hv_str per, hv_loc loc)
{
    hv_expect *x = hv_arena_alloc(&ast->arena, sizeof *x);
    if (x) { x->kind = kind; x->name = name; x->value = value; x->per = per; x->loc = loc; }
    return x;
}

void hv_ast_push(hv_ast *ast, hv_vec *v, void *item)
{
    hv_vec_push(&ast->arena, v, item);
}

hv_vec hv_ast_list1(hv_ast *ast, void *item)
{
    hv_vec v = {0};
    hv_vec_push(&ast->arena, &v, item);
    return v;
}

void hv_ast_param_value(hv_ast *ast, hv_decl *param, int64_t from, hv_expr *value, hv_loc loc)
{
    hv_pvalue *v = hv_arena_alloc(&ast->arena, sizeof *v);
    if (!v) return;
    v->from = from;
    v->value = value;
    v->loc = loc;
    hv_vec_push(&ast->arena, &param->pvalues, v);
}

/* gebruik stdlib.NAME: the builder checks the word before the dot. */
hv_decl *hv_ast_stdlib_use(hv_ast *ast, hv_loc loc, hv_str lib, hv_str name)
{
    if (strcmp(lib.s, "stdlib") != 0) {
        if (ast->diags) {
            hv_diag_error(ast->diags, lib.loc, "'gebruik %s.%s': only the standard library is named like this",
                          lib.s, name.s);
            hv_diag_hint(ast->diags, "write gebruik stdlib.NAME, or gebruik \"FILE.hv\" for a file");
        }
        return NULL;
    }
    hv_decl *d = hv_ast_decl(ast, HV_D_GEBRUIK, loc);
    if (d) { d->name = name; d->stdlib = 1; }
    return d;
}
