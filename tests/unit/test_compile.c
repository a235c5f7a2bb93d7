/* test_compile.c — the compiled program: slots, rules per decision, ranks,
 * exceptions, flat expressions, interned members, sha256, lifetime. */
#include "testutil.h"
#include <sys/stat.h>
#include <unistd.h>
#include "ast.h"

#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include "eval_int.h"
#include "program.h"

static hv_program *P;

static int teardown_each(void **state)
{
    (void)state;
    hv_program_free(P);
    P = NULL;
    return 0;
}

static void compile(const char *text)
{
    hv_program_free(P);
    P = tu_compile(text);
}

static int def_index(const char *name)
{
    for (int i = 0; i < P->ndefs; i++)
        if (strcmp(P->defs[i].name, name) == 0) return i;
    fail_msg("no definition '%s'", name);
    return -1;
}

static const hv_node *def_node(const char *name) { return &P->nodes[P->defs[def_index(name)].expr]; }
static const hv_node *kid(const hv_node *n, int i) { return &P->nodes[P->kids[n->a + i]]; }
static const hv_node *node(int32_t i) { assert_true(i >= 0 && i < P->nnodes); return &P->nodes[i]; }

static int sym(const char *name)
{
    for (int i = 0; i < P->nsyms; i++)
        if (strcmp(P->syms[i], name) == 0) return i;
    fail_msg("no symbol '%s'", name);
    return -1;
}

static const char *hex_sha256(const char *text, size_t len)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    assert_true(sodium_init() >= 0);
    crypto_hash_sha256(h, (const unsigned char *)text, len);
    char *out = tu_ring(65);
    sodium_bin2hex(out, 65, h, sizeof h);
    return out;
}

#define HEAD "waarde w \"W\"\nrangorde w\n"

/* ---- slots -------------------------------------------------------------------------- */

static void slots_in_declaration_order(void **state)
{
    (void)state;
    compile("regelset \"R\" versie \"3\"\n"
            "waarde v1 \"Een\"\nwaarde v2 \"Twee\"\nrangorde v1 > v2\n"
            "feit c: getal\n"
            "definitie z = c + 1\n"
            "feit a: janee vraag \"A?\" bron \"bron A\"\n"
            "besluit d2: getal\n"
            "definitie y = a\n"
            "feit b: datum\n"
            "besluit d1: janee\n"
            "regel r2 volgens v1 dan d2 = 1\n"
            "regel r1 volgens v2 dan d1 = ja\n"
            "waarborg s2 \"S2\" a\nwaarborg s1 \"S1\" niet a\n"
            "casus \"k2\" verwacht d1 = ja\ncasus \"k1\" verwacht d2 = 1\n");
    assert_int_equal(P->nfacts, 3);
    assert_string_equal(P->facts[0].name, "c");
    assert_string_equal(P->facts[1].name, "a");
    assert_string_equal(P->facts[2].name, "b");
    assert_int_equal(P->facts[0].ty.kind, HV_TY_NUM);
    assert_int_equal(P->facts[1].ty.kind, HV_TY_BOOL);
    assert_int_equal(P->facts[2].ty.kind, HV_TY_DATE);
    assert_string_equal(P->facts[1].vraag, "A?");
    assert_string_equal(P->facts[1].bron, "bron A");
    assert_null(P->facts[0].vraag);
    assert_int_equal(P->ndefs, 2);
    assert_string_equal(P->defs[0].name, "z");
    assert_string_equal(P->defs[1].name, "y");
    assert_int_equal(P->ndecs, 2);
    assert_string_equal(P->decs[0].name, "d2");
    assert_string_equal(P->decs[1].name, "d1");
    assert_int_equal(P->nrules, 2);
    assert_string_equal(P->rules[0].name, "r2");
    assert_string_equal(P->rules[1].name, "r1");
    assert_int_equal(P->nvalues, 2);
    assert_string_equal(P->values[0].name, "v1");
    assert_string_equal(P->values[1].text, "Twee");
    assert_int_equal(P->nsafe, 2);
    assert_string_equal(P->safe[0].name, "s2");
    assert_string_equal(P->safe[1].text, "S1");
    assert_int_equal(P->ncasus, 2);
    assert_string_equal(P->casus[0].name, "k2");
    assert_string_equal(P->casus[1].name, "k1");
}

static void public_accessors(void **state)
{
    (void)state;
    compile("regelset \"Naam\" versie \"2026.1\"\n" HEAD
            "feit x: getal\nfeit y: janee\nbesluit d: getal\nregel r volgens w dan d = x\n"
            "casus \"c\" verwacht d onbepaald\n");
    assert_string_equal(hv_program_name(P), "Naam");
    assert_string_equal(hv_program_version(P), "2026.1");
    assert_int_equal(hv_program_nfacts(P), 2);
    assert_int_equal(hv_program_ndecisions(P), 1);
    assert_int_equal(hv_program_nrules(P), 1);
    assert_int_equal(hv_program_nvalues(P), 1);
    assert_int_equal(hv_program_ncasus(P), 1);
    assert_string_equal(hv_fact_name(P, 1), "y");
    assert_int_equal(hv_fact_find(P, "x"), 0);
    assert_int_equal(hv_fact_find(P, "y"), 1);
    assert_int_equal(hv_fact_find(P, "d"), -1);
    assert_int_equal(hv_fact_find(P, "z"), -1);
}

static void name_without_regelset(void **state)
{
    (void)state;
    compile(HEAD "besluit d: getal\nregel r volgens w dan d = 1\n");
    assert_string_equal(hv_program_name(P), "t.hv");
    assert_null(hv_program_version(P));
}

/* ---- rules and decisions ------------------------------------------------------------------ */

static void rules_per_decision_in_file_order(void **state)
{
    (void)state;
    compile(HEAD "feit x: getal\n"
            "besluit d: getal\nbesluit e: janee\n"
            "regel r0 volgens w dan d = 1\n"
            "regel r1 volgens w dan e = ja\n"
            "regel r2 volgens w als x > 1 dan e = nee, d = 2\n"
            "regel r3 volgens w dan d ter beoordeling\n");
    const hv_decision *d = &P->decs[0], *e = &P->decs[1];
    assert_int_equal(d->nrules, 3);
    assert_int_equal(d->rules[0], 0);
    assert_int_equal(d->rules[1], 2);
    assert_int_equal(d->rules[2], 3);
    assert_int_equal(e->nrules, 2);
    assert_int_equal(e->rules[0], 1);
    assert_int_equal(e->rules[1], 2);
    /* the outcome of each rule for that decision; -1 for ter beoordeling */
    assert_int_equal(d->rule_expr[2], -1);
    const hv_node *o = node(d->rule_expr[1]);
    assert_int_equal(o->op, HV_OP_CONST_);
    assert_int_equal(P->consts[o->a].k, HV_V_NUM);
    assert_int_equal(P->consts[o->a].i, 2000000);
    const hv_node *o2 = node(e->rule_expr[1]);
    assert_int_equal(P->consts[o2->a].k, HV_V_BOOL);
    assert_int_equal(P->consts[o2->a].i, 0);
    /* a rule's own list of assignments */
    assert_int_equal(P->rules[2].nassign, 2);
    assert_int_equal(P->rules[2].assign[0].decision, 1);
    assert_int_equal(P->rules[2].assign[1].decision, 0);
    assert_int_equal(P->rules[3].assign[0].expr, -1);
    /* always applicable without als */
    assert_int_equal(P->rules[0].cond, -1);
    assert_true(P->rules[2].cond >= 0);
    assert_int_equal(node(P->rules[2].cond)->op, HV_OP_GT_);
}

static void standaard_compiled(void **state)
{
    (void)state;
    compile(HEAD "besluit d: keuze(a, b) standaard b omdat \"Standaard.\"\nbesluit e: getal\n"
            "regel r volgens w dan d = a, e = 1\n");
    assert_true(P->decs[0].dflt >= 0);
    const hv_node *n = node(P->decs[0].dflt);
    assert_int_equal(n->op, HV_OP_CONST_);
    assert_int_equal(P->consts[n->a].k, HV_V_CHOICE);
    assert_int_equal(P->consts[n->a].i, sym("b"));
    assert_true(P->decs[0].has_dflt_omdat);
    assert_int_equal(P->decs[1].dflt, -1);
    assert_false(P->decs[1].has_dflt_omdat);
    assert_int_equal(P->decs[0].ty.kind, HV_TY_CHOICE);
}

static void ranks_from_rangorde(void **state)
{
    (void)state;
    compile("waarde a \"A\"\nwaarde b \"B\"\nwaarde c \"C\"\nwaarde d \"D\"\nwaarde e \"E\"\n"
            "rangorde b > a = c > e = d\n"
            "besluit x: getal\n"
            "regel ra volgens a dan x = 1\nregel rb volgens b dan x = 2\nregel re volgens e dan x = 3\n");
    assert_int_equal(P->values[1].rank, 0);   /* b */
    assert_int_equal(P->values[0].rank, 1);   /* a */
    assert_int_equal(P->values[2].rank, 1);   /* c = a */
    assert_int_equal(P->values[4].rank, 2);   /* e */
    assert_int_equal(P->values[3].rank, 2);   /* d = e */
    assert_int_equal(P->rules[0].value, 0);
    assert_int_equal(P->rules[0].rank, 1);
    assert_int_equal(P->rules[1].rank, 0);
    assert_int_equal(P->rules[2].value, 4);
    assert_int_equal(P->rules[2].rank, 2);
}

static void several_rangorde_lines_are_joined(void **state)
{
    (void)state;
    compile("waarde a \"A\"\nwaarde b \"B\"\nwaarde c \"C\"\nwaarde d \"D\"\n"
            "rangorde a > b\nrangorde c = d\n"
            "besluit x: getal\nregel r volgens a dan x = 1\n");
    assert_int_equal(P->values[0].rank, 0);
    assert_int_equal(P->values[1].rank, 1);
    assert_int_equal(P->values[2].rank, 2);   /* below the last of the earlier line */
    assert_int_equal(P->values[3].rank, 2);
}

static void rangorde_one_value_per_line(void **state)
{
    (void)state;
    compile("waarde a \"A\"\nwaarde b \"B\"\nwaarde c \"C\"\n"
            "rangorde c\nrangorde a\nrangorde b\n"
            "besluit x: getal\nregel r volgens a dan x = 1\n");
    assert_int_equal(P->values[2].rank, 0);
    assert_int_equal(P->values[0].rank, 1);
    assert_int_equal(P->values[1].rank, 2);
}

static void exceptions_and_their_reverse(void **state)
{
    (void)state;
    compile(HEAD "feit x: janee\nbesluit d: getal\nbesluit e: getal\n"
            "regel r0 volgens w dan d = 1\n"
            "regel r1 volgens w dan e = 1\n"
            "regel r2 volgens w uitzondering op r0, r1 als x dan d = 2\n"
            "regel r3 volgens w uitzondering op r0 als x dan e = 3\n");
    assert_int_equal(P->rules[2].nexc, 2);
    assert_int_equal(P->rules[2].exc[0], 0);
    assert_int_equal(P->rules[2].exc[1], 1);
    assert_int_equal(P->rules[3].nexc, 1);
    assert_int_equal(P->rules[3].exc[0], 0);
    assert_int_equal(P->rules[0].nexc_by, 2);
    assert_int_equal(P->rules[0].exc_by[0], 2);
    assert_int_equal(P->rules[0].exc_by[1], 3);
    assert_int_equal(P->rules[1].nexc_by, 1);
    assert_int_equal(P->rules[1].exc_by[0], 2);
    assert_int_equal(P->rules[2].nexc_by, 0);
    assert_int_equal(P->rules[0].nexc, 0);
}

/* ---- expressions --------------------------------------------------------------------------- */

static void en_chain_is_one_node(void **state)
{
    (void)state;
    compile(HEAD "feit a: janee\nfeit b: janee\nfeit c: janee\nfeit d: janee\n"
            "definitie x = a en b en c en d\n"
            "definitie y = a en (b of c) en d\n"
            "definitie z = a of b of c\n"
            "definitie q = a en (b en c)\n"
            "besluit k: janee\nregel r volgens w dan k = x en y en z en q\n");
    const hv_node *x = def_node("x");
    assert_int_equal(x->op, HV_OP_AND_);
    assert_int_equal(x->n, 4);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(kid(x, i)->op, HV_OP_FACT_);
        assert_int_equal(kid(x, i)->a, i);   /* in order */
    }
    const hv_node *y = def_node("y");
    assert_int_equal(y->op, HV_OP_AND_);
    assert_int_equal(y->n, 3);
    assert_int_equal(kid(y, 1)->op, HV_OP_OR_);
    assert_int_equal(kid(y, 1)->n, 2);
    assert_int_equal(kid(y, 2)->a, 3);
    const hv_node *z = def_node("z");
    assert_int_equal(z->op, HV_OP_OR_);
    assert_int_equal(z->n, 3);
    const hv_node *q = def_node("q");
    assert_int_equal(q->op, HV_OP_AND_);
    assert_int_equal(q->n, 3);
}

static void long_en_chain(void **state)
{
    (void)state;
    char src[8192];
    size_t k = (size_t)snprintf(src, sizeof src, HEAD "feit a: janee\ndefinitie x = a");
    for (int i = 0; i < 99; i++) k += (size_t)snprintf(src + k, sizeof src - k, " en a");
    snprintf(src + k, sizeof src - k, "\nbesluit d: janee\nregel r volgens w dan d = x\n");
    compile(src);
    const hv_node *x = def_node("x");
    assert_int_equal(x->op, HV_OP_AND_);
    assert_int_equal(x->n, 100);
}

/* No operand may be lost, however long the chain. */
static void very_long_en_chain(void **state)
{
    (void)state;
    static char src[16384];
    size_t k = (size_t)snprintf(src, sizeof src, HEAD "feit a: janee\nfeit b: janee\ndefinitie x = a");
    for (int i = 0; i < 298; i++) k += (size_t)snprintf(src + k, sizeof src - k, " en a");
    snprintf(src + k, sizeof src - k, " en b\nbesluit d: janee\nregel r volgens w dan d = x\n");
    compile(src);
    const hv_node *x = def_node("x");
    assert_int_equal(x->op, HV_OP_AND_);
    assert_int_equal(x->n, 300);
    assert_int_equal(kid(x, 299)->op, HV_OP_FACT_);
    assert_int_equal(kid(x, 299)->a, 1);   /* b, the last operand */
}

/* Nesting beyond bison's stack is one located error, and only that one. */
static void deep_nesting_is_one_located_error(void **state)
{
    (void)state;
    static const struct { const char *open, *close; int n; const char *type; } t[] = {
        {"(", ")", 100000, "getal"},
        {"niet ", "", 200000, "janee"},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        size_t cap = (size_t)t[i].n * (strlen(t[i].open) + strlen(t[i].close)) + 256;
        char *src = malloc(cap);
        assert_non_null(src);
        size_t k = (size_t)snprintf(src, cap, HEAD "feit a: %s\nbesluit d: %s\nregel r volgens w dan d = ",
                                    t[i].type, t[i].type);
        for (int j = 0; j < t[i].n; j++) k += (size_t)snprintf(src + k, cap - k, "%s", t[i].open);
        k += (size_t)snprintf(src + k, cap - k, "a");
        for (int j = 0; j < t[i].n; j++) k += (size_t)snprintf(src + k, cap - k, "%s", t[i].close);
        snprintf(src + k, cap - k, "\n");
        tu_compiled c;
        tu_try_compile(&c, src);
        assert_null(c.p);
        assert_int_equal(c.diags.nerrors, 1);
        tu_assert_diag(&c, NULL, "nested too deeply: more than 10000 open parentheses or operators");
        /* at the token where the stack ran full, on the rule's line */
        assert_int_equal(strncmp(tu_diag_where(&c, 0), "5:", 2), 0);
        tu_compiled_free(&c);
        free(src);
    }
}

/* gebruik stays in the folder of the main file, also through symbolic links:
 * a link to a file inside is fine, a link to a folder outside is refused. */
/* A rule file of more than HV_MAX_FILE_BYTES is refused without being read
 * whole, as a file given and as a module; one of exactly the limit is read. */
static void write_sized(const char *path, const char *head, size_t size)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(head, f);
    for (size_t n = strlen(head); n < size; n += 64) {
        size_t k = size - n < 64 ? size - n : 64;
        fprintf(f, "%.*s", (int)k, k == 64 ? "# ruim opgezet commentaar, regel na regel, tot het bestand vol i\n"
                                           : "                                                                ");
    }
    fclose(f);
}

static void rule_file_size(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/hv_size_XXXXXX";
    char *top = mkdtemp(tmpl);
    assert_non_null(top);
    char big[300], main_[300], msg[600];
    snprintf(big, sizeof big, "%s/groot.hv", top);
    snprintf(main_, sizeof main_, "%s/main.hv", top);
    static const char head[] = "waarde w \"W\"\nrangorde w\nbesluit d: getal\nregel r volgens w dan d = 1\n";
    for (int over = 0; over <= 1; over++) {
        write_sized(big, head, (size_t)HV_MAX_FILE_BYTES + (size_t)over);
        struct stat sb;
        assert_int_equal(stat(big, &sb), 0);
        assert_int_equal(sb.st_size, HV_MAX_FILE_BYTES + over);
        FILE *f = fopen(main_, "w");
        assert_non_null(f);
        fputs("gebruik \"groot.hv\"\n", f);
        fclose(f);
        for (int as_module = 0; as_module <= 1; as_module++) {
            const char *paths[] = {as_module ? main_ : big};
            hv_srcset src = {0};
            hv_diags d;
            hv_diags_init(&d, &src);
            hv_program *p = hv_compile_files(paths, 1, &src, &d);
            if (!over) {
                assert_non_null(p);
            } else {
                assert_null(p);
                assert_int_equal(d.nerrors, 1);
                snprintf(msg, sizeof msg, "%s'%s' has more than 16777216 bytes; a rule file may have at most that",
                         as_module ? "module " : "", big);
                assert_string_equal(d.items[0].msg, msg);
                if (as_module) {   /* at the gebruik */
                    int line, col;
                    hv_src_linecol(&src, d.items[0].loc, &line, &col);
                    assert_int_equal(line, 1);
                    assert_int_equal(col, 9);
                }
            }
            hv_program_free(p);
            hv_diags_free(&d);
            hv_src_free(&src);
        }
    }
    unlink(big);
    unlink(main_);
    rmdir(top);
}

static void module_symlink_out_of_the_folder(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/hv_symlink_XXXXXX";
    char *top = mkdtemp(tmpl);
    assert_non_null(top);
    char regels[256], elders[256], path[300];
    snprintf(regels, sizeof regels, "%s/regels", top);
    snprintf(elders, sizeof elders, "%s/elders", top);
    assert_int_equal(mkdir(regels, 0700), 0);
    assert_int_equal(mkdir(elders, 0700), 0);
    static const char mod[] = "waarde w \"W\"\nrangorde w\nbesluit d: getal\nregel r volgens w dan d = 1\n";
    snprintf(path, sizeof path, "%s/geheim.hv", elders);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(mod, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/eigen.hv", regels);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(mod, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/lib", regels);
    assert_int_equal(symlink("../elders", path), 0);
    snprintf(path, sizeof path, "%s/ook.hv", regels);
    assert_int_equal(symlink("eigen.hv", path), 0);
    static const struct { const char *use; int ok; } t[] = {{"lib/geheim.hv", 0}, {"ook.hv", 1}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        snprintf(path, sizeof path, "%s/main.hv", regels);
        f = fopen(path, "w");
        assert_non_null(f);
        fprintf(f, "gebruik \"%s\"\n", t[i].use);
        fclose(f);
        const char *paths[] = {path};
        hv_srcset src = {0};
        hv_diags d;
        hv_diags_init(&d, &src);
        hv_program *p = hv_compile_files(paths, 1, &src, &d);
        if (t[i].ok) {
            assert_non_null(p);
        } else {
            assert_null(p);
            assert_int_equal(d.nerrors, 1);
            assert_non_null(strstr(d.items[0].msg, "leads outside the folder"));
        }
        hv_program_free(p);
        hv_diags_free(&d);
        hv_src_free(&src);
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
    assert_int_equal(system(cmd), 0);
}

/* More rules than a rule set may have: one located error, at the first rule
 * too many. */
static void too_many_rules(void **state)
{
    (void)state;
    hv_buf b;
    hv_buf_init(&b);
    hv_buf_puts(&b, HEAD "besluit d: getal\n");
    for (int i = 0; i <= HV_MAX_RULES; i++) hv_buf_printf(&b, "regel r%d volgens w dan d = %d\n", i, i);
    char *src = hv_buf_take(&b);
    assert_non_null(src);
    tu_compiled c;
    tu_try_compile(&c, src);
    assert_null(c.p);
    assert_int_equal(c.diags.nerrors, 1);
    /* HEAD is two lines and the besluit one more: rule HV_MAX_RULES + 1 is on line HV_MAX_RULES + 4 */
    tu_assert_diag(&c, tu_fmt("%d:1", HV_MAX_RULES + 4),
                   tu_fmt("a rule set may have at most %d rules; this is rule %d of %d", HV_MAX_RULES,
                          HV_MAX_RULES + 1, HV_MAX_RULES + 1));
    tu_compiled_free(&c);
    hv_mem_free(src);
}

/* A long expression is compiled and evaluated, or refused with a
 * diagnostic — never a crash. Run in a child process so that a crash is
 * reported as a failure of this test only. */
static int long_sum_in_child(int terms)
{
    size_t cap = (size_t)terms * 4 + 256;
    char *src = malloc(cap);
    size_t k = (size_t)snprintf(src, cap, HEAD "feit a: getal\nbesluit d: getal\nregel r volgens w dan d = a");
    for (int i = 1; i < terms; i++) k += (size_t)snprintf(src + k, cap - k, " + a");
    snprintf(src + k, cap - k, "\n");
    hv_srcset set = {0};
    hv_diags d;
    hv_diags_init(&d, &set);
    hv_program *p = hv_compile_text("t.hv", src, strlen(src), &set, &d);
    int ok;
    if (!p) {
        ok = d.nerrors > 0;                      /* refused, with a reason */
    } else {
        hv_case *cs = hv_case_new(p);
        char err[64];
        hv_case_set_text(cs, 0, "1", err, sizeof err);
        hv_ctx *ctx = hv_ctx_new(p);
        ok = hv_eval(ctx, cs, 20513, 0) == 0 && ctx->dres[0].status == HV_S_DECIDED &&
             ctx->dres[0].outcome.i == (int64_t)terms * 1000000;
        hv_ctx_free(ctx);
        hv_case_free(cs);
        hv_program_free(p);
    }
    hv_diags_free(&d);
    hv_src_free(&set);
    free(src);
    return ok ? 0 : 1;
}

static void long_expression_does_not_crash(void **state)
{
    (void)state;
    const int sizes[] = {1000, 5000, 50000};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) _exit(long_sum_in_child(sizes[i]));
        int st = 0;
        assert_int_equal(waitpid(pid, &st, 0), pid);
        if (WIFSIGNALED(st)) fail_msg("a sum of %d terms crashed the compiler or evaluator (signal %d)",
                                      sizes[i], WTERMSIG(st));
        if (WEXITSTATUS(st) != 0) fail_msg("a sum of %d terms gave a wrong result", sizes[i]);
    }
}

static void typed_opcodes(void **state)
{
    (void)state;
    compile(HEAD "feit g: getal\nfeit m: bedrag\nfeit t: datum\nfeit u: datum\n"
            "definitie mul_m = m * 2\n"
            "definitie mul_m2 = 2 * m\n"
            "definitie mul_n = g * 2\n"
            "definitie div_m = m / 2\n"
            "definitie ratio = m / m\n"
            "definitie div_n = g / 3\n"
            "definitie add_d = t + 30\n"
            "definitie add_d2 = 30 + t\n"
            "definitie sub_d = t - 1\n"
            "definitie diff = t - u\n"
            "definitie add_m = m + 10\n"
            "definitie sub_n = g - 1\n"
            "definitie neg_n = -g\n"
            "definitie neg_m = -m\n"
            "definitie lit = -3\n"
            "definitie abs_m = abs(m)\n"
            "definitie abs_n = abs(g)\n"
            "definitie mn = min(g, 1, 2)\n"
            "definitie mx = max(t, peildatum)\n"
            "definitie kn = bekend(g)\n"
            "definitie nt = niet kn\n"
            "besluit d: janee\nregel r volgens w dan d = kn\n");
    assert_int_equal(def_node("mul_m")->op, HV_OP_MUL_MONEY_);
    assert_int_equal(def_node("mul_m")->ty, HV_TY_MONEY);
    /* the amount comes first, whichever side it was written on */
    const hv_node *m2 = def_node("mul_m2");
    assert_int_equal(m2->op, HV_OP_MUL_MONEY_);
    assert_int_equal(node(m2->a)->op, HV_OP_FACT_);
    assert_int_equal(node(m2->b)->op, HV_OP_CONST_);
    assert_int_equal(def_node("mul_n")->op, HV_OP_MUL_NUM_);
    assert_int_equal(def_node("div_m")->op, HV_OP_DIV_MONEY_);
    assert_int_equal(def_node("ratio")->op, HV_OP_RATIO_MONEY_);
    assert_int_equal(def_node("ratio")->ty, HV_TY_NUM);
    assert_int_equal(def_node("div_n")->op, HV_OP_DIV_NUM_);
    assert_int_equal(def_node("add_d")->op, HV_OP_ADD_DATE_);
    const hv_node *a2 = def_node("add_d2");
    assert_int_equal(a2->op, HV_OP_ADD_DATE_);
    assert_int_equal(node(a2->a)->op, HV_OP_FACT_);
    assert_int_equal(def_node("sub_d")->op, HV_OP_SUB_DATE_);
    assert_int_equal(def_node("diff")->op, HV_OP_DIFF_DATE_);
    assert_int_equal(def_node("diff")->ty, HV_TY_NUM);
    const hv_node *am = def_node("add_m");
    assert_int_equal(am->op, HV_OP_ADD_MONEY_);
    assert_int_equal(P->consts[node(am->b)->a].k, HV_V_MONEY);
    assert_int_equal(P->consts[node(am->b)->a].i, 1000);
    assert_int_equal(def_node("sub_n")->op, HV_OP_SUB_NUM_);
    assert_int_equal(def_node("neg_n")->op, HV_OP_NEG_NUM_);
    assert_int_equal(def_node("neg_m")->op, HV_OP_NEG_MONEY_);
    const hv_node *lit = def_node("lit");
    assert_int_equal(lit->op, HV_OP_CONST_);
    assert_int_equal(P->consts[lit->a].i, -3000000);
    assert_int_equal(def_node("abs_m")->op, HV_OP_ABS_MONEY_);
    assert_int_equal(def_node("abs_n")->op, HV_OP_ABS_NUM_);
    assert_int_equal(def_node("mn")->op, HV_OP_MIN_);
    assert_int_equal(def_node("mn")->n, 3);
    const hv_node *mx = def_node("mx");
    assert_int_equal(mx->op, HV_OP_MAX_);
    assert_int_equal(kid(mx, 1)->op, HV_OP_PEIL_);
    assert_int_equal(def_node("kn")->op, HV_OP_KNOWN_);
    assert_int_equal(def_node("nt")->op, HV_OP_NOT_);
    assert_int_equal(node(def_node("nt")->a)->op, HV_OP_DEF_);
}

static void in_lists_and_members(void **state)
{
    (void)state;
    compile(HEAD "feit woon: keuze(huur, koop, inwonend)\n"
            "definitie i = woon in (huur, koop)\n"
            "definitie ni = woon niet in (inwonend)\n"
            "definitie eq = koop = woon\n"
            "besluit d: janee\nregel r volgens w dan d = i\n");
    const hv_node *i = def_node("i");
    assert_int_equal(i->op, HV_OP_IN_);
    assert_int_equal(i->n, 2);
    assert_int_equal(node(i->a)->op, HV_OP_FACT_);
    const hv_node *k0 = &P->nodes[P->kids[i->b]], *k1 = &P->nodes[P->kids[i->b + 1]];
    assert_int_equal(P->consts[k0->a].k, HV_V_CHOICE);
    assert_int_equal(P->consts[k0->a].i, sym("huur"));
    assert_int_equal(P->consts[k1->a].i, sym("koop"));
    const hv_node *ni = def_node("ni");
    assert_int_equal(ni->op, HV_OP_NOTIN_);
    assert_int_equal(ni->n, 1);
    const hv_node *eq = def_node("eq");
    assert_int_equal(eq->op, HV_OP_EQ_);
    assert_int_equal(P->consts[node(eq->a)->a].i, sym("koop"));
}

static void choice_members_interned(void **state)
{
    (void)state;
    compile(HEAD "feit woon: keuze(huur, koop)\n"
            "besluit d: keuze(koop, huur, anders)\n"
            "feit ander: keuze(anders, huur)\n"
            "regel r volgens w als woon = huur dan d = huur\n");
    assert_int_equal(P->nsyms, 3);
    assert_string_equal(P->syms[0], "huur");
    assert_string_equal(P->syms[1], "koop");
    assert_string_equal(P->syms[2], "anders");
    assert_int_equal(P->nchoices, 3);
    int cf = P->facts[0].ty.choice, cd = P->decs[0].ty.choice, ca = P->facts[1].ty.choice;
    assert_int_equal(P->choices[cf].n, 2);
    assert_int_equal(P->choices[cf].members[0], 0);
    assert_int_equal(P->choices[cf].members[1], 1);
    assert_int_equal(P->choices[cd].n, 3);
    assert_int_equal(P->choices[cd].members[0], 1);
    assert_int_equal(P->choices[cd].members[1], 0);
    assert_int_equal(P->choices[cd].members[2], 2);
    assert_int_equal(P->choices[ca].members[0], 2);
    /* 'huur' is the same symbol in the condition and in the outcome */
    const hv_node *c = node(P->rules[0].cond);
    const hv_node *o = node(P->decs[0].rule_expr[0]);
    assert_int_equal(P->consts[node(c->b)->a].i, P->consts[o->a].i);
}

static void member_wins_over_declared_name(void **state)
{
    (void)state;
    /* 'toekennen' is also a fact; next to the keuze it is the member */
    compile(HEAD "feit toekennen: janee\nbesluit d: keuze(toekennen, afwijzen)\n"
            "regel r volgens w als toekennen dan d = toekennen\n");
    assert_int_equal(node(P->rules[0].cond)->op, HV_OP_FACT_);
    const hv_node *o = node(P->decs[0].rule_expr[0]);
    assert_int_equal(o->op, HV_OP_CONST_);
    assert_int_equal(P->consts[o->a].k, HV_V_CHOICE);
    assert_int_equal(P->consts[o->a].i, sym("toekennen"));
}

static void node_locations(void **state)
{
    (void)state;
    const char *src = HEAD "feit g: getal\nbesluit d: janee\nregel r volgens w als g * 2 > 10 dan d = ja\n";
    compile(src);
    const hv_node *c = node(P->rules[0].cond);
    size_t n;
    const char *s = hv_src_slice(&P->src, c->loc, &n);
    assert_int_equal(n, strlen("g * 2 > 10"));
    assert_memory_equal(s, "g * 2 > 10", n);
    s = hv_src_slice(&P->src, node(c->a)->loc, &n);
    assert_int_equal(n, 5);
    assert_memory_equal(s, "g * 2", 5);
}

static void templates(void **state)
{
    (void)state;
    compile(HEAD "feit n: getal\nbesluit d: janee\n"
            "regel r volgens w dan d = ja omdat \"Er wonen {n} kinderen \\{echt\\}.\"\n"
            "regel r2 volgens w dan d = ja\n");
    const hv_tmpl *t = &P->rules[0].omdat;
    assert_true(P->rules[0].has_omdat);
    assert_int_equal(t->n, 3);
    assert_string_equal(t->parts[0].text, "Er wonen ");
    assert_null(t->parts[1].text);
    assert_int_equal(node(t->parts[1].expr)->op, HV_OP_FACT_);
    assert_string_equal(t->parts[2].text, " kinderen {echt}.");
    assert_false(P->rules[1].has_omdat);
    assert_int_equal(P->rules[1].omdat.n, 0);
}

static void safeguards_compiled(void **state)
{
    (void)state;
    compile(HEAD "feit a: janee\nfeit b: janee\nbesluit d: janee\nregel r volgens w dan d = a\n"
            "waarborg s1 \"Een\" a\nwaarborg s2 \"Twee\" als a dan b\n");
    assert_int_equal(P->safe[0].cond, -1);
    assert_int_equal(node(P->safe[0].expr)->op, HV_OP_FACT_);
    assert_true(P->safe[1].cond >= 0);
    assert_int_equal(node(P->safe[1].cond)->a, 0);
    assert_int_equal(node(P->safe[1].expr)->a, 1);
}

static void casus_compiled(void **state)
{
    (void)state;
    compile(HEAD "feit n: getal\nfeit m: bedrag\nfeit k: keuze(x, y)\nfeit t: tekst\n"
            "besluit d: janee\nbesluit e: getal\n"
            "regel r volgens w dan d = ja, e = n\n"
            "waarborg s \"S\" d\n"
            "casus \"één\" peildatum 2026-03-01 gegeven n = -2.5, m = 12, k = y, t = \"hoi\"\n"
            "    verwacht d = ja volgens w, e = 3, d conflict, e onbepaald, d ter beoordeling, "
            "waarborg s geschonden\n");
    const hv_casus *c = &P->casus[0];
    assert_string_equal(c->name, "één");
    assert_true(c->has_peildatum);
    assert_int_equal(c->peildatum, tu_date("2026-03-01"));
    assert_int_equal(c->ngiven, 4);
    assert_int_equal(c->given[0].fact, 0);
    assert_int_equal(c->given[0].v.k, HV_V_NUM);
    assert_int_equal(c->given[0].v.i, -2500000);
    assert_int_equal(c->given[1].v.k, HV_V_MONEY);
    assert_int_equal(c->given[1].v.i, 1200);
    assert_int_equal(c->given[2].v.k, HV_V_CHOICE);
    assert_int_equal(c->given[2].v.i, sym("y"));
    assert_int_equal(c->given[3].v.k, HV_V_TEXT);
    assert_string_equal(c->given[3].v.s, "hoi");
    assert_int_equal(c->nexpect, 6);
    assert_int_equal(c->expect[0].kind, HV_X_VALUE);
    assert_int_equal(c->expect[0].target, 0);
    assert_int_equal(c->expect[0].value, 0);
    assert_int_equal(c->expect[1].target, 1);
    assert_int_equal(c->expect[1].value, -1);
    assert_int_equal(c->expect[1].v.i, 3000000);
    assert_int_equal(c->expect[2].kind, HV_X_CONFLICT);
    assert_int_equal(c->expect[3].kind, HV_X_UNDETERMINED);
    assert_int_equal(c->expect[4].kind, HV_X_JUDGEMENT);
    assert_int_equal(c->expect[5].kind, HV_X_VIOLATED);
    assert_int_equal(c->expect[5].target, 0);
}

/* ---- sha256, lifetime, determinism -------------------------------------------------------- */

static const char *BRIEF = TU_BRIEF;

static void sha256_of_the_file_text(void **state)
{
    (void)state;
    compile(BRIEF);
    assert_string_equal(hv_program_sha256(P), hex_sha256(BRIEF, strlen(BRIEF)));
    assert_int_equal(strlen(hv_program_sha256(P)), 64);
    /* one byte more gives another hash */
    char *other = malloc(strlen(BRIEF) + 2);
    sprintf(other, "%s\n", BRIEF);
    hv_program *q = tu_compile(other);
    assert_string_not_equal(hv_program_sha256(q), hv_program_sha256(P));
    assert_string_equal(hv_program_sha256(q), hex_sha256(other, strlen(other)));
    hv_program_free(q);
    free(other);
}

static char *write_temp(const char *text)
{
    char *path = strdup("/tmp/hv_unit_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void sha256_of_several_files(void **state)
{
    (void)state;
    const char *a = "regelset \"Deel\"\n" HEAD "feit x: getal\n";
    const char *b = "besluit d: getal\nregel r volgens w dan d = x\n";
    char *pa = write_temp(a), *pb = write_temp(b);
    const char *paths[] = {pa, pb};
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    hv_program *p = hv_compile_files(paths, 2, &src, &d);
    assert_non_null(p);
    assert_int_equal(d.nerrors, 0);
    char both[512];
    snprintf(both, sizeof both, "%s%s", a, b);
    assert_string_equal(hv_program_sha256(p), hex_sha256(both, strlen(both)));
    assert_string_equal(hv_program_name(p), "Deel");
    assert_int_equal(src.n, 0);          /* the program took the sources over */
    assert_int_equal(p->src.n, 2);
    hv_program_free(p);
    hv_diags_free(&d);
    hv_src_free(&src);
    unlink(pa);
    unlink(pb);
    free(pa);
    free(pb);
}

static void missing_file_is_a_diagnostic(void **state)
{
    (void)state;
    const char *paths[] = {"/nonexistent/dir/x.hv"};
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    assert_null(hv_compile_files(paths, 1, &src, &d));
    assert_int_equal(d.nerrors, 1);
    assert_string_equal(d.items[0].msg, "cannot read '/nonexistent/dir/x.hv': No such file or directory");
    hv_diags_free(&d);
    hv_src_free(&src);
}

/* Fill freed heap memory with junk, so that a program that still pointed
 * into the AST or the caller's text would show it. */
static void scribble_heap(void)
{
    void *blocks[2000];
    for (int i = 0; i < 2000; i++) {
        size_t n = (size_t)(16 + (i % 64) * 64);
        blocks[i] = malloc(n);
        if (blocks[i]) memset(blocks[i], 0xA5, n);
    }
    for (int i = 0; i < 2000; i++) free(blocks[i]);
}

static void program_outlives_ast_and_text(void **state)
{
    (void)state;
    size_t len = strlen(BRIEF);
    char *text = malloc(len + 1);
    memcpy(text, BRIEF, len + 1);
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    P = hv_compile_text("brief.hv", text, len, &src, &d);
    assert_non_null(P);
    hv_diags_free(&d);
    hv_src_free(&src);
    memset(text, 'x', len);
    free(text);
    scribble_heap();

    assert_string_equal(hv_program_name(P), "Maatwerk Werk en Inkomen");
    assert_string_equal(hv_program_version(P), "2026.1");
    assert_string_equal(P->facts[0].name, "leeftijd");
    assert_string_equal(P->facts[0].vraag, "Hoe oud is de aanvrager?");
    assert_string_equal(P->values[0].bron, "Collegeprogramma 2026-2030, hoofdstuk 3");
    assert_string_equal(P->values[2].text, "Werk staat boven inkomen");
    assert_string_equal(P->rules[1].name, "zelf_werk_zoeken");
    assert_string_equal(P->safe[0].text, "Zoek het zelf maar uit mag nooit een optie zijn");
    assert_string_equal(P->casus[0].name, "Gezin met twee kinderen bij dreigende huisuitzetting");
    assert_string_equal(P->syms[sym("doorverwijzen")], "doorverwijzen");
    assert_string_equal(P->rules[0].omdat.parts[0].text, "Er dreigt huisuitzetting en er wonen ");
    assert_memory_equal(P->src.files[0].text, BRIEF, len);

    json_t *r = tu_run(P, "{\"dreigende_huisuitzetting\": true, \"minderjarige_kinderen\": 2,"
                          " \"kan_zelf_werk_vinden\": true, \"leeftijd\": 34}");
    assert_string_equal(tu_status(r, "ondersteuning"), "decided");
    assert_string_equal(tu_outcome(r, "ondersteuning"), "\"toekennen\"");
    assert_string_equal(tu_field(r, "ondersteuning", "explanation"),
        "\"Er dreigt huisuitzetting en er wonen 2 minderjarige kinderen in het huishouden.\"");
    assert_string_equal(tu_js(json_object_get(json_object_get(r, "ruleset"), "sha256")),
                        tu_fmt("\"%s\"", hex_sha256(BRIEF, len)));
    json_decref(r);
}

static int value_same(hv_value a, hv_value b)
{
    if (a.k != b.k || a.err != b.err) return 0;
    if (a.k == HV_V_TEXT) return strcmp(a.s, b.s) == 0;
    return a.i == b.i;
}

static void compiling_twice_gives_equal_programs(void **state)
{
    (void)state;
    compile(BRIEF);
    hv_program *q = tu_compile(BRIEF);
    assert_string_equal(P->sha256, q->sha256);
    assert_int_equal(P->nfacts, q->nfacts);
    assert_int_equal(P->ndefs, q->ndefs);
    assert_int_equal(P->ndecs, q->ndecs);
    assert_int_equal(P->nrules, q->nrules);
    assert_int_equal(P->nvalues, q->nvalues);
    assert_int_equal(P->nsafe, q->nsafe);
    assert_int_equal(P->ncasus, q->ncasus);
    assert_int_equal(P->nsyms, q->nsyms);
    assert_int_equal(P->nchoices, q->nchoices);
    assert_int_equal(P->nnodes, q->nnodes);
    assert_int_equal(P->nkids, q->nkids);
    assert_int_equal(P->nconsts, q->nconsts);
    for (int i = 0; i < P->nnodes; i++) {
        const hv_node *a = &P->nodes[i], *b = &q->nodes[i];
        assert_int_equal(a->op, b->op);
        assert_int_equal(a->ty, b->ty);
        assert_int_equal(a->n, b->n);
        assert_int_equal(a->a, b->a);
        assert_int_equal(a->b, b->b);
        assert_int_equal(a->loc.start, b->loc.start);
        assert_int_equal(a->loc.end, b->loc.end);
    }
    for (int i = 0; i < P->nkids; i++) assert_int_equal(P->kids[i], q->kids[i]);
    for (int i = 0; i < P->nconsts; i++) assert_true(value_same(P->consts[i], q->consts[i]));
    for (int i = 0; i < P->nsyms; i++) assert_string_equal(P->syms[i], q->syms[i]);
    for (int i = 0; i < P->nrules; i++) {
        assert_string_equal(P->rules[i].name, q->rules[i].name);
        assert_int_equal(P->rules[i].rank, q->rules[i].rank);
        assert_int_equal(P->rules[i].cond, q->rules[i].cond);
        assert_int_equal(P->rules[i].value, q->rules[i].value);
    }
    for (int i = 0; i < P->ndecs; i++) {
        assert_int_equal(P->decs[i].nrules, q->decs[i].nrules);
        assert_int_equal(P->decs[i].dflt, q->decs[i].dflt);
    }
    for (int i = 0; i < P->nvalues; i++) assert_int_equal(P->values[i].rank, q->values[i].rank);
    hv_program_free(q);
}

static void one_program_many_contexts(void **state)
{
    (void)state;
    compile(BRIEF);
    hv_ctx *a = hv_ctx_new(P), *b = hv_ctx_new(P);
    hv_case *c1 = tu_case(P, "{\"kan_zelf_werk_vinden\": true, \"doorverwezen\": false, \"dreigende_huisuitzetting\": false}");
    hv_case *c2 = tu_case(P, "{\"kan_zelf_werk_vinden\": false, \"dreigende_huisuitzetting\": false}");
    json_t *r1 = tu_eval_ctx(a, c1, TU_PEIL, 0);
    json_t *r2 = tu_eval_ctx(b, c2, TU_PEIL, 0);
    assert_string_equal(tu_outcome(r1, "ondersteuning"), "\"afwijzen\"");
    assert_true(tu_review(r1));
    assert_string_equal(tu_status(r2, "ondersteuning"), "default");
    json_decref(r1);
    json_decref(r2);
    hv_case_free(c1);
    hv_case_free(c2);
    hv_ctx_free(a);
    hv_ctx_free(b);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, teardown_each)
    const struct CMUnitTest tests[] = {
        T(slots_in_declaration_order),
        T(public_accessors),
        T(name_without_regelset),
        T(rules_per_decision_in_file_order),
        T(standaard_compiled),
        T(ranks_from_rangorde),
        T(several_rangorde_lines_are_joined),
        T(rangorde_one_value_per_line),
        T(exceptions_and_their_reverse),
        T(en_chain_is_one_node),
        T(long_en_chain),
        T(very_long_en_chain),
        T(long_expression_does_not_crash),
        T(deep_nesting_is_one_located_error),
        T(too_many_rules),
        T(module_symlink_out_of_the_folder),
        T(rule_file_size),
        T(typed_opcodes),
        T(in_lists_and_members),
        T(choice_members_interned),
        T(member_wins_over_declared_name),
        T(node_locations),
        T(templates),
        T(safeguards_compiled),
        T(casus_compiled),
        T(sha256_of_the_file_text),
        T(sha256_of_several_files),
        T(missing_file_is_a_diagnostic),
        T(program_outlives_ast_and_text),
        T(compiling_twice_gives_equal_programs),
        T(one_program_many_contexts),
    };
    return cmocka_run_group_tests_name("compile", tests, NULL, NULL);
}
