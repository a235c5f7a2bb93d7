/* test_parser.c — rule-file text to AST: declarations, expressions,
 * precedence, locations, syntax errors and recovery. */
#include "testutil.h"

#include "ast.h"
#include "parse.h"

typedef struct prun {
    hv_srcset src;
    hv_diags d;
    hv_ast ast;
    int nerr;
} prun;

static prun *P;

static int setup(void **state)
{
    P = calloc(1, sizeof *P);
    *state = P;
    return P ? 0 : -1;
}

static void parse_free(void)
{
    hv_diags_free(&P->d);
    hv_src_free(&P->src);
    hv_arena_free(&P->ast.arena);
    memset(P, 0, sizeof *P);
}

static int teardown(void **state)
{
    (void)state;
    parse_free();
    free(P);
    return 0;
}

static int parse(const char *text)
{
    parse_free();
    assert_int_equal(hv_src_add(&P->src, "t.hv", text, strlen(text)), 0);
    hv_diags_init(&P->d, &P->src);
    hv_arena_init(&P->ast.arena, 4096);
    P->nerr = hv_parse_file(&P->ast, 0, &P->d);
    return P->nerr;
}

static void dump_diags(void)
{
    hv_buf b;
    hv_buf_init(&b);
    hv_diag_render_all(&P->d, &b, 0);
    char *s = hv_buf_take(&b);
    print_error("%s", s ? s : "");
    hv_mem_free(s);
}

/* Parse text that must be free of syntax errors. */
static void parse_ok(const char *text)
{
    if (parse(text)) {
        dump_diags();
        fail_msg("syntax errors in:\n%s", text);
    }
}

static hv_decl *decl(int i)
{
    if (i >= P->ast.decls.n) fail_msg("no declaration %d (there are %d)", i, P->ast.decls.n);
    return P->ast.decls.items[i];
}

static const char *where(hv_loc loc)
{
    int line, col;
    hv_src_linecol(&P->src, loc, &line, &col);
    return tu_fmt("%d:%d", line, col);
}

static const char *slice(hv_loc loc)
{
    size_t n;
    const char *s = hv_src_slice(&P->src, loc, &n);
    return tu_fmt("%.*s", (int)n, s);
}

static const char *msg(int i)
{
    if (i >= P->d.n) fail_msg("no diagnostic %d (there are %d)", i, P->d.n);
    return P->d.items[i].msg;
}

static const char *hint(int i)
{
    return P->d.items[i].hint ? P->d.items[i].hint : "";
}

static const char *str_at(hv_vec *v, int i)
{
    if (i >= v->n) fail_msg("list has %d items, not %d", v->n, i + 1);
    return ((hv_str *)v->items[i])->s;
}

/* ---- an expression as a prefix form: (op a b) ------------------------------------ */

static void show(hv_buf *b, const hv_expr *e)
{
    char tmp[64];
    if (!e) { hv_buf_puts(b, "NULL"); return; }
    switch (e->kind) {
    case HV_E_NUM: hv_decimal_format(e->ival, 6, 0, tmp); hv_buf_puts(b, tmp); return;
    case HV_E_MONEY: hv_decimal_format(e->ival, 2, 1, tmp); hv_buf_printf(b, "€%s", tmp); return;
    case HV_E_DATE: hv_date_iso((int32_t)e->ival, tmp); hv_buf_puts(b, tmp); return;
    case HV_E_BOOL: hv_buf_puts(b, e->ival ? "ja" : "nee"); return;
    case HV_E_TEXT: hv_buf_printf(b, "\"%s\"", e->text); return;
    case HV_E_NAME: hv_buf_puts(b, e->name.s); return;
    case HV_E_PEILDATUM: hv_buf_puts(b, "peildatum"); return;
    case HV_E_UNARY:
        hv_buf_printf(b, "(%s ", hv_op_text(e->op));
        show(b, e->a);
        hv_buf_putc(b, ')');
        return;
    case HV_E_BINARY:
        hv_buf_printf(b, "(%s ", hv_op_text(e->op));
        show(b, e->a);
        hv_buf_putc(b, ' ');
        show(b, e->b);
        hv_buf_putc(b, ')');
        return;
    case HV_E_IN:
        hv_buf_printf(b, "(%s ", e->negated ? "niet-in" : "in");
        show(b, e->a);
        hv_buf_puts(b, " [");
        for (int i = 0; i < e->list.n; i++) {
            if (i) hv_buf_putc(b, ' ');
            show(b, e->list.items[i]);
        }
        hv_buf_puts(b, "])");
        return;
    case HV_E_CALL:
        hv_buf_printf(b, "%s(", e->name.s);
        for (int i = 0; i < e->list.n; i++) {
            if (i) hv_buf_putc(b, ' ');
            show(b, e->list.items[i]);
        }
        hv_buf_putc(b, ')');
        return;
    }
}

static const char *shown(const hv_expr *e)
{
    hv_buf b;
    hv_buf_init(&b);
    show(&b, e);
    char *s = hv_buf_take(&b);
    const char *r = tu_fmt("%s", s ? s : "");
    hv_mem_free(s);
    return r;
}

/* The parsed form of `definitie d = EXPR`. */
static const char *expr_of(const char *src)
{
    parse_ok(tu_fmt("definitie d = %s", src));
    assert_int_equal(P->ast.decls.n, 1);
    assert_int_equal(decl(0)->kind, HV_D_DEFINITIE);
    return shown(decl(0)->expr);
}

/* ---- declarations ------------------------------------------------------------------- */

static void regelset_decl(void **state)
{
    (void)state;
    parse_ok("regelset \"Maatwerk Werk en Inkomen\" versie \"2026.1\"\nregelset \"Zonder\"");
    assert_int_equal(P->ast.decls.n, 2);
    assert_int_equal(decl(0)->kind, HV_D_REGELSET);
    assert_string_equal(decl(0)->name.s, "Maatwerk Werk en Inkomen");
    assert_string_equal(decl(0)->text.s, "2026.1");
    assert_string_equal(where(decl(0)->loc), "1:1");
    assert_null(decl(1)->text.s);
}

static void waarde_decl(void **state)
{
    (void)state;
    parse_ok("waarde geen_kinderen_dakloos \"In onze gemeente zijn geen kinderen dakloos\"\n"
             "    bron \"Collegeprogramma 2026-2030, hoofdstuk 3\"\n"
             "waarde w2 \"Tweede\"");
    assert_int_equal(P->ast.decls.n, 2);
    hv_decl *d = decl(0);
    assert_int_equal(d->kind, HV_D_WAARDE);
    assert_string_equal(d->name.s, "geen_kinderen_dakloos");
    assert_string_equal(slice(d->name.loc), "geen_kinderen_dakloos");
    assert_string_equal(d->text.s, "In onze gemeente zijn geen kinderen dakloos");
    assert_string_equal(d->bron.s, "Collegeprogramma 2026-2030, hoofdstuk 3");
    assert_null(decl(1)->bron.s);
}

static void rangorde_decl(void **state)
{
    (void)state;
    parse_ok("rangorde a > b = c > d");
    hv_decl *d = decl(0);
    assert_int_equal(d->kind, HV_D_RANGORDE);
    assert_int_equal(d->ranks.n, 4);
    assert_string_equal(str_at(&d->ranks, 0), "a");
    assert_string_equal(str_at(&d->ranks, 2), "c");
    assert_string_equal(str_at(&d->ranks, 3), "d");
    assert_int_equal(d->rank_ops.n, 3);
    assert_int_equal((intptr_t)d->rank_ops.items[0], '>');
    assert_int_equal((intptr_t)d->rank_ops.items[1], '=');
    assert_int_equal((intptr_t)d->rank_ops.items[2], '>');
}

static void feit_decls(void **state)
{
    (void)state;
    parse_ok("feit leeftijd: getal vraag \"Hoe oud is de aanvrager?\" bron \"BRP\"\n"
             "feit inkomen: bedrag\nfeit kind: janee\nfeit geboren: datum\nfeit naam: tekst\n"
             "feit woonsituatie: keuze(huur, koop, inwonend, dakloos)");
    assert_int_equal(P->ast.decls.n, 6);
    hv_decl *d = decl(0);
    assert_int_equal(d->kind, HV_D_FEIT);
    assert_string_equal(d->name.s, "leeftijd");
    assert_int_equal(d->type->kind, HV_TY_NUM);
    assert_string_equal(d->vraag.s, "Hoe oud is de aanvrager?");
    assert_string_equal(d->bron.s, "BRP");
    assert_int_equal(decl(1)->type->kind, HV_TY_MONEY);
    assert_int_equal(decl(2)->type->kind, HV_TY_BOOL);
    assert_int_equal(decl(3)->type->kind, HV_TY_DATE);
    assert_int_equal(decl(4)->type->kind, HV_TY_TEXT);
    hv_ast_type *t = decl(5)->type;
    assert_int_equal(t->kind, HV_TY_CHOICE);
    assert_int_equal(t->members.n, 4);
    assert_string_equal(str_at(&t->members, 0), "huur");
    assert_string_equal(str_at(&t->members, 3), "dakloos");
    assert_string_equal(slice(t->loc), "keuze(huur, koop, inwonend, dakloos)");
    assert_null(decl(1)->vraag.s);
}

static void definitie_decl(void **state)
{
    (void)state;
    parse_ok("definitie gezin_met_kinderen = minderjarige_kinderen > 0");
    hv_decl *d = decl(0);
    assert_int_equal(d->kind, HV_D_DEFINITIE);
    assert_string_equal(d->name.s, "gezin_met_kinderen");
    assert_string_equal(shown(d->expr), "(> minderjarige_kinderen 0)");
    assert_string_equal(slice(d->expr->loc), "minderjarige_kinderen > 0");
}

static void besluit_decl(void **state)
{
    (void)state;
    parse_ok("besluit ondersteuning: keuze(toekennen, afwijzen, doorverwijzen)\n"
             "    standaard doorverwijzen omdat \"Geen richtlijn is van toepassing.\"\n"
             "besluit bedrag_x: bedrag");
    hv_decl *d = decl(0);
    assert_int_equal(d->kind, HV_D_BESLUIT);
    assert_string_equal(d->name.s, "ondersteuning");
    assert_int_equal(d->type->kind, HV_TY_CHOICE);
    assert_int_equal(d->type->members.n, 3);
    assert_string_equal(shown(d->expr), "doorverwijzen");
    assert_string_equal(d->omdat.s, "Geen richtlijn is van toepassing.");
    assert_null(decl(1)->expr);
    assert_null(decl(1)->omdat.s);
    assert_int_equal(decl(1)->type->kind, HV_TY_MONEY);
}

static void regel_decl(void **state)
{
    (void)state;
    parse_ok("regel huisuitzetting_met_kinderen volgens geen_kinderen_dakloos\n"
             "    uitzondering op zelf_werk_zoeken, andere\n"
             "    als dreigende_huisuitzetting en gezin_met_kinderen\n"
             "    dan ondersteuning = toekennen, hoogte = €1500, toets ter beoordeling\n"
             "    omdat \"Er wonen {minderjarige_kinderen} kinderen.\"\n"
             "    bron \"Beleidsregel 4\"");
    hv_decl *d = decl(0);
    assert_int_equal(d->kind, HV_D_REGEL);
    assert_string_equal(d->name.s, "huisuitzetting_met_kinderen");
    assert_string_equal(d->per.s, "geen_kinderen_dakloos");
    assert_int_equal(d->exceptions.n, 2);
    assert_string_equal(str_at(&d->exceptions, 0), "zelf_werk_zoeken");
    assert_string_equal(str_at(&d->exceptions, 1), "andere");
    assert_string_equal(shown(d->cond), "(en dreigende_huisuitzetting gezin_met_kinderen)");
    assert_int_equal(d->assigns.n, 3);
    hv_assign *a0 = d->assigns.items[0], *a1 = d->assigns.items[1], *a2 = d->assigns.items[2];
    assert_string_equal(a0->decision.s, "ondersteuning");
    assert_string_equal(shown(a0->value), "toekennen");
    assert_string_equal(a1->decision.s, "hoogte");
    assert_string_equal(shown(a1->value), "€1500.00");
    assert_string_equal(a2->decision.s, "toets");
    assert_null(a2->value);
    assert_string_equal(slice(a2->loc), "toets ter beoordeling");
    assert_string_equal(d->omdat.s, "Er wonen {minderjarige_kinderen} kinderen.");
    assert_string_equal(d->bron.s, "Beleidsregel 4");
}

static void regel_without_als(void **state)
{
    (void)state;
    parse_ok("regel altijd volgens w dan x = 1");
    hv_decl *d = decl(0);
    assert_null(d->cond);
    assert_int_equal(d->exceptions.n, 0);
    assert_int_equal(d->assigns.n, 1);
    assert_null(d->omdat.s);
}

static void waarborg_decls(void **state)
{
    (void)state;
    parse_ok("waarborg geen_kale_afwijzing \"Zoek het zelf maar uit mag nooit een optie zijn\"\n"
             "    als ondersteuning = afwijzen dan doorverwezen\n"
             "waarborg altijd \"Altijd\" leeftijd >= 0");
    hv_decl *d = decl(0);
    assert_int_equal(d->kind, HV_D_WAARBORG);
    assert_string_equal(d->name.s, "geen_kale_afwijzing");
    assert_string_equal(d->text.s, "Zoek het zelf maar uit mag nooit een optie zijn");
    assert_string_equal(shown(d->cond), "(= ondersteuning afwijzen)");
    assert_string_equal(shown(d->expr), "doorverwezen");
    assert_null(decl(1)->cond);
    assert_string_equal(shown(decl(1)->expr), "(>= leeftijd 0)");
}

static void casus_decl(void **state)
{
    (void)state;
    parse_ok("casus \"Gezin\" peildatum 2026-03-01\n"
             "    gegeven dreigende_huisuitzetting = ja, minderjarige_kinderen = 2,\n"
             "            inkomen = €1200.50, naam = \"Jan\", geboren = 1990-05-17, w = huur\n"
             "    verwacht ondersteuning = toekennen volgens geen_kinderen_dakloos,\n"
             "             a = 3, b conflict, c onbepaald, d undetermined, e ter beoordeling,\n"
             "             waarborg geen_kale_afwijzing geschonden");
    hv_decl *d = decl(0);
    assert_int_equal(d->kind, HV_D_CASUS);
    assert_string_equal(d->name.s, "Gezin");
    assert_true(d->has_peildatum);
    assert_int_equal(d->peildatum, tu_date("2026-03-01"));
    assert_int_equal(d->givens.n, 6);
    hv_given *g0 = d->givens.items[0], *g2 = d->givens.items[2], *g4 = d->givens.items[4];
    assert_string_equal(g0->fact.s, "dreigende_huisuitzetting");
    assert_string_equal(shown(g0->value), "ja");
    assert_string_equal(shown(g2->value), "€1200.50");
    assert_string_equal(shown(g4->value), "1990-05-17");
    assert_int_equal(d->expects.n, 7);
    hv_expect *x[7];
    for (int i = 0; i < 7; i++) x[i] = d->expects.items[i];
    assert_int_equal(x[0]->kind, HV_X_VALUE);
    assert_string_equal(x[0]->name.s, "ondersteuning");
    assert_string_equal(shown(x[0]->value), "toekennen");
    assert_string_equal(x[0]->per.s, "geen_kinderen_dakloos");
    assert_int_equal(x[1]->kind, HV_X_VALUE);
    assert_null(x[1]->per.s);
    assert_int_equal(x[2]->kind, HV_X_CONFLICT);
    assert_string_equal(x[2]->name.s, "b");
    assert_int_equal(x[3]->kind, HV_X_UNDETERMINED);
    assert_int_equal(x[4]->kind, HV_X_UNDETERMINED);
    assert_int_equal(x[5]->kind, HV_X_JUDGEMENT);
    assert_int_equal(x[6]->kind, HV_X_VIOLATED);
    assert_string_equal(x[6]->name.s, "geen_kale_afwijzing");
}

static void casus_without_gegeven(void **state)
{
    (void)state;
    parse_ok("casus \"Leeg\" verwacht x onbepaald");
    hv_decl *d = decl(0);
    assert_false(d->has_peildatum);
    assert_int_equal(d->givens.n, 0);
    assert_int_equal(d->expects.n, 1);
}

static void english_keywords(void **state)
{
    (void)state;
    parse_ok("ruleset \"R\" version \"1\"\n"
             "value v \"V\" source \"S\"\n"
             "ranking v\n"
             "fact age: number question \"Age?\"\n"
             "fact paid: money\nfact ok: boolean\nfact born: date\nfact name: text\n"
             "define adult = age >= 18 and not ok or paid > €10\n"
             "decision d: choice(yes_, no_) default no_ because \"none\"\n"
             "rule r per v exception to q when adult then d = yes_, e for judgement because \"b\"\n"
             "safeguard s \"S\" when d = yes_ then born < as of\n"
             "case \"c\" as of 2026-01-01 given age = 20 expect d = yes_ per v, "
             "safeguard s violated");
    assert_int_equal(P->ast.decls.n, 13);
    assert_int_equal(decl(0)->kind, HV_D_REGELSET);
    assert_int_equal(decl(1)->kind, HV_D_WAARDE);
    assert_int_equal(decl(2)->kind, HV_D_RANGORDE);
    assert_int_equal(decl(3)->kind, HV_D_FEIT);
    assert_string_equal(decl(3)->vraag.s, "Age?");
    assert_int_equal(decl(8)->kind, HV_D_DEFINITIE);
    assert_string_equal(shown(decl(8)->expr), "(of (en (>= age 18) (niet ok)) (> paid €10.00))");
    assert_int_equal(decl(9)->kind, HV_D_BESLUIT);
    assert_int_equal(decl(10)->kind, HV_D_REGEL);
    assert_int_equal(decl(10)->exceptions.n, 1);
    assert_int_equal(decl(10)->assigns.n, 2);
    assert_int_equal(decl(11)->kind, HV_D_WAARBORG);
    assert_string_equal(shown(decl(11)->expr), "(< born peildatum)");
    assert_int_equal(decl(12)->kind, HV_D_CASUS);
    assert_true(decl(12)->has_peildatum);
    assert_int_equal(((hv_expect *)decl(12)->expects.items[1])->kind, HV_X_VIOLATED);
}

static void the_brief_example_parses(void **state)
{
    (void)state;
    parse_ok(
        "# Gemeente Voorbeeldstad — maatwerk Werk en Inkomen\n"
        "regelset \"Maatwerk Werk en Inkomen\" versie \"2026.1\"\n"
        "waarde geen_kinderen_dakloos \"In onze gemeente zijn geen kinderen dakloos\"\n"
        "    bron \"Collegeprogramma 2026-2030, hoofdstuk 3\"\n"
        "waarde zelf_niet_kunnen \"We komen in actie als iemand het zelf echt niet kan\"\n"
        "waarde werk_boven_inkomen \"Werk staat boven inkomen\"\n"
        "rangorde geen_kinderen_dakloos > zelf_niet_kunnen > werk_boven_inkomen\n"
        "feit leeftijd: getal vraag \"Hoe oud is de aanvrager?\"\n"
        "feit minderjarige_kinderen: getal\n"
        "feit dreigende_huisuitzetting: janee\n"
        "feit netto_inkomen: bedrag\n"
        "feit woonsituatie: keuze(huur, koop, inwonend, dakloos)\n"
        "feit kan_zelf_werk_vinden: janee\n"
        "feit doorverwezen: janee\n"
        "definitie gezin_met_kinderen = minderjarige_kinderen > 0\n"
        "besluit ondersteuning: keuze(toekennen, afwijzen, doorverwijzen)\n"
        "    standaard doorverwijzen omdat \"Geen richtlijn is van toepassing.\"\n"
        "regel huisuitzetting_met_kinderen volgens geen_kinderen_dakloos\n"
        "    als dreigende_huisuitzetting en gezin_met_kinderen\n"
        "    dan ondersteuning = toekennen\n"
        "    omdat \"Er dreigt huisuitzetting en er wonen {minderjarige_kinderen} minderjarige kinderen in het huishouden.\"\n"
        "regel zelf_werk_zoeken volgens werk_boven_inkomen\n"
        "    als kan_zelf_werk_vinden\n"
        "    dan ondersteuning = afwijzen\n"
        "    omdat \"De aanvrager kan zelf werk vinden; werk gaat voor inkomen.\"\n"
        "waarborg geen_kale_afwijzing \"Zoek het zelf maar uit mag nooit een optie zijn\"\n"
        "    als ondersteuning = afwijzen dan doorverwezen\n"
        "casus \"Gezin met twee kinderen bij dreigende huisuitzetting\"\n"
        "    gegeven dreigende_huisuitzetting = ja, minderjarige_kinderen = 2,\n"
        "            kan_zelf_werk_vinden = ja, leeftijd = 34\n"
        "    verwacht ondersteuning = toekennen volgens geen_kinderen_dakloos\n");
    assert_int_equal(P->ast.decls.n, 18);
    assert_int_equal(decl(17)->kind, HV_D_CASUS);
    assert_string_equal(where(decl(17)->loc), "28:1");
}

static void empty_file(void **state)
{
    (void)state;
    parse_ok("");
    assert_int_equal(P->ast.decls.n, 0);
    parse_ok("# alleen commentaar\n\n");
    assert_int_equal(P->ast.decls.n, 0);
}

/* ---- expressions ------------------------------------------------------------------------ */

static void literals(void **state)
{
    (void)state;
    assert_string_equal(expr_of("12"), "12");
    assert_string_equal(expr_of("3.5"), "3.5");
    assert_string_equal(expr_of("€1500"), "€1500.00");
    assert_string_equal(expr_of("€ 12.50"), "€12.50");
    assert_string_equal(expr_of("2026-03-01"), "2026-03-01");
    assert_string_equal(expr_of("ja"), "ja");
    assert_string_equal(expr_of("nee"), "nee");
    assert_string_equal(expr_of("\"tekst\""), "\"tekst\"");
    assert_string_equal(expr_of("peildatum"), "peildatum");
}

static void en_binds_tighter_than_of(void **state)
{
    (void)state;
    assert_string_equal(expr_of("a of b en c"), "(of a (en b c))");
    assert_string_equal(expr_of("a en b of c"), "(of (en a b) c)");
    assert_string_equal(expr_of("a en b of c en d"), "(of (en a b) (en c d))");
    assert_string_equal(expr_of("(a of b) en c"), "(en (of a b) c)");
}

static void logic_is_left_associative(void **state)
{
    (void)state;
    assert_string_equal(expr_of("a en b en c"), "(en (en a b) c)");
    assert_string_equal(expr_of("a of b of c"), "(of (of a b) c)");
}

static void niet_precedence(void **state)
{
    (void)state;
    assert_string_equal(expr_of("niet a en b"), "(en (niet a) b)");
    assert_string_equal(expr_of("niet a of b"), "(of (niet a) b)");
    assert_string_equal(expr_of("niet a = b"), "(niet (= a b))");
    assert_string_equal(expr_of("niet niet a"), "(niet (niet a))");
    assert_string_equal(expr_of("niet (a en b)"), "(niet (en a b))");
}

static void comparison_precedence(void **state)
{
    (void)state;
    assert_string_equal(expr_of("a = b en c < d"), "(en (= a b) (< c d))");
    assert_string_equal(expr_of("a + b > c * 2"), "(> (+ a b) (* c 2))");
    assert_string_equal(expr_of("a != b"), "(!= a b)");
    assert_string_equal(expr_of("a <> b"), "(!= a b)");
    assert_string_equal(expr_of("a <= b"), "(<= a b)");
    assert_string_equal(expr_of("a >= b"), "(>= a b)");
}

static void comparison_is_not_associative(void **state)
{
    (void)state;
    assert_int_equal(parse("definitie a = b < c < d"), 1);
    assert_string_equal(msg(0), "unexpected '<'");
    assert_string_equal(where(P->d.items[0].loc), "1:21");
}

static void arithmetic_precedence(void **state)
{
    (void)state;
    assert_string_equal(expr_of("a + b * c"), "(+ a (* b c))");
    assert_string_equal(expr_of("a * b + c"), "(+ (* a b) c)");
    assert_string_equal(expr_of("a - b - c"), "(- (- a b) c)");
    assert_string_equal(expr_of("a / b * c"), "(* (/ a b) c)");
    assert_string_equal(expr_of("(a + b) * c"), "(* (+ a b) c)");
}

static void unary_minus(void **state)
{
    (void)state;
    assert_string_equal(expr_of("-a * b"), "(* (- a) b)");
    assert_string_equal(expr_of("a - -b"), "(- a (- b))");
    assert_string_equal(expr_of("- - a"), "(- (- a))");
    assert_string_equal(expr_of("-3 + x"), "(+ (- 3) x)");
    hv_expr *e = decl(0)->expr;
    assert_int_equal(e->a->kind, HV_E_UNARY);
    assert_int_equal(e->a->op, HV_OP_NEG);
}

static void in_lists(void **state)
{
    (void)state;
    assert_string_equal(expr_of("w in (huur, koop)"), "(in w [huur koop])");
    assert_string_equal(expr_of("w niet in (huur)"), "(niet-in w [huur])");
    assert_string_equal(expr_of("w not in (a, b, c)"), "(niet-in w [a b c])");
    assert_string_equal(expr_of("a en w in (x) of b"), "(of (en a (in w [x])) b)");
    assert_string_equal(expr_of("niet w in (x)"), "(niet (in w [x]))");
}

static void calls(void **state)
{
    (void)state;
    assert_string_equal(expr_of("min(a, 3, b + 1)"), "min(a 3 (+ b 1))");
    assert_string_equal(expr_of("bekend(x) en max(y) > 2"), "(en bekend(x) (> max(y) 2))");
    assert_string_equal(expr_of("f()"), "f()");
    hv_expr *e = decl(0)->expr;
    assert_int_equal(e->kind, HV_E_CALL);
    assert_int_equal(e->list.n, 0);
}

static void expression_locations(void **state)
{
    (void)state;
    parse_ok("definitie d =\n    a + b * c en\n    niet x");
    hv_expr *e = decl(0)->expr;
    assert_string_equal(where(e->loc), "2:5");
    assert_string_equal(slice(e->loc), "a + b * c en\n    niet x");
    assert_string_equal(slice(e->a->loc), "a + b * c");
    assert_string_equal(slice(e->a->b->loc), "b * c");
    assert_string_equal(slice(e->b->loc), "niet x");
    assert_string_equal(where(e->b->a->loc), "3:10");
    /* parentheses do not widen the inner location */
    parse_ok("definitie d = (a + b)");
    assert_string_equal(slice(decl(0)->expr->loc), "a + b");
}

/* ---- syntax errors ------------------------------------------------------------------------ */

static void missing_colon(void **state)
{
    (void)state;
    assert_int_equal(parse("feit x getal"), 1);
    assert_string_equal(msg(0), "unexpected 'getal', expected ':'");
    assert_string_equal(where(P->d.items[0].loc), "1:8");
}

static void missing_dan(void **state)
{
    (void)state;
    assert_int_equal(parse("regel r volgens w als x ondersteuning = a"), 1);
    assert_string_equal(msg(0), "unexpected name 'ondersteuning', expected 'dan' or an operator");
    assert_string_equal(where(P->d.items[0].loc), "1:25");
}

static void misspelled_keyword(void **state)
{
    (void)state;
    assert_int_equal(parse("regl r volgens w"), 1);
    assert_string_equal(msg(0), "unexpected name 'regl'");
    assert_string_equal(hint(0), "did you mean 'regel'?");
}

static void unexpected_end(void **state)
{
    (void)state;
    assert_int_equal(parse("feit x:"), 1);
    assert_string_equal(msg(0), "unexpected end of file, expected 'getal', 'bedrag', 'janee', 'datum', 'tekst' or 'keuze'");
    assert_string_equal(hint(0), "the declaration is not complete");
}

static void volgens_needs_a_name(void **state)
{
    (void)state;
    assert_int_equal(parse("regel r volgens als x dan d = a"), 1);
    assert_string_equal(msg(0), "unexpected 'als', expected a name");
    assert_string_equal(where(P->d.items[0].loc), "1:17");
}

static void unknown_expectation(void **state)
{
    (void)state;
    assert_int_equal(parse("casus \"c\" verwacht x onbepald"), 1);
    assert_string_equal(msg(0), "unknown expectation 'onbepald'");
    assert_string_equal(hint(0), "did you mean 'onbepaald'?");
    assert_string_equal(where(P->d.items[0].loc), "1:22");

    assert_int_equal(parse("casus \"c\" verwacht x onbekend"), 1);
    assert_string_equal(msg(0), "unknown expectation 'onbekend'");
    assert_string_equal(hint(0), "expect 'NAME = VALUE', 'NAME conflict', 'NAME onbepaald' or 'NAME ter beoordeling'");
}

static void recovery_reports_each_declaration(void **state)
{
    (void)state;
    const char *src =
        "feit a: getal\n"
        "feit b getal\n"                             /* error 1 */
        "feit c: getal\n"
        "besluit d keuze(x)\n"                       /* error 2 */
        "waarde w \"W\"\n"
        "regel r volgens als x dan d = a\n"          /* error 3 */
        "feit e: janee\n";
    assert_int_equal(parse(src), 3);
    assert_int_equal(P->d.nerrors, 3);
    assert_string_equal(where(P->d.items[0].loc), "2:8");
    assert_string_equal(where(P->d.items[1].loc), "4:11");
    assert_string_equal(where(P->d.items[2].loc), "6:17");
    assert_string_equal(msg(1), "unexpected 'keuze', expected ':'");
    /* the good declarations around the errors are all there */
    int feits = 0, waardes = 0;
    const char *last = NULL;
    for (int i = 0; i < P->ast.decls.n; i++) {
        hv_decl *d = decl(i);
        if (d->kind == HV_D_FEIT) { feits++; last = d->name.s; }
        if (d->kind == HV_D_WAARDE) waardes++;
    }
    assert_int_equal(feits, 3);
    assert_int_equal(waardes, 1);
    assert_string_equal(last, "e");
}

static void recovery_after_bad_expression(void **state)
{
    (void)state;
    const char *src =
        "definitie x = (1 + \n"
        "definitie y = 2 * * 3\n"
        "definitie z = 4\n";
    assert_int_equal(parse(src), 2);
    assert_string_equal(where(P->d.items[0].loc), "2:1");
    assert_string_equal(where(P->d.items[1].loc), "2:19");
    assert_int_equal(P->ast.decls.n, 1);
    assert_string_equal(decl(0)->name.s, "z");
}

static void lexer_errors_reach_the_diagnostics(void **state)
{
    (void)state;
    assert_int_equal(parse("feit x: datum\ncasus \"c\" gegeven x = 2026-02-29 verwacht d onbepaald"), 1);
    assert_string_equal(msg(0), "'2026-02-29' is not a valid date");
    assert_string_equal(where(P->d.items[0].loc), "2:23");
}

static void parse_expr_of_a_text_piece(void **state)
{
    (void)state;
    parse_ok("regel r volgens w dan d = 1 omdat \"Er zijn {a + 1} kinderen\"");
    /* "{a + 1}" starts at byte 44 of the file */
    const char *text = P->src.files[0].text;
    const char *brace = strchr(text, '{');
    uint32_t s = (uint32_t)(brace - text) + 1, e = (uint32_t)(strchr(text, '}') - text);
    hv_expr *x = hv_parse_expr(&P->ast, 0, s, e, &P->d);
    assert_non_null(x);
    assert_string_equal(shown(x), "(+ a 1)");
    assert_string_equal(slice(x->loc), "a + 1");
    assert_int_equal(P->d.nerrors, 0);
}

static void parse_expr_errors(void **state)
{
    (void)state;
    parse_ok("regel r volgens w dan d = 1 omdat \"Er zijn {a +} kinderen\"");
    const char *text = P->src.files[0].text;
    uint32_t s = (uint32_t)(strchr(text, '{') - text) + 1, e = (uint32_t)(strchr(text, '}') - text);
    assert_null(hv_parse_expr(&P->ast, 0, s, e, &P->d));
    assert_int_equal(P->d.nerrors, 1);
    assert_string_equal(msg(0), "unexpected '}'");
    assert_string_equal(hint(0), "the expression inside {} is not complete");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(regelset_decl),
        cmocka_unit_test(waarde_decl),
        cmocka_unit_test(rangorde_decl),
        cmocka_unit_test(feit_decls),
        cmocka_unit_test(definitie_decl),
        cmocka_unit_test(besluit_decl),
        cmocka_unit_test(regel_decl),
        cmocka_unit_test(regel_without_als),
        cmocka_unit_test(waarborg_decls),
        cmocka_unit_test(casus_decl),
        cmocka_unit_test(casus_without_gegeven),
        cmocka_unit_test(english_keywords),
        cmocka_unit_test(the_brief_example_parses),
        cmocka_unit_test(empty_file),
        cmocka_unit_test(literals),
        cmocka_unit_test(en_binds_tighter_than_of),
        cmocka_unit_test(logic_is_left_associative),
        cmocka_unit_test(niet_precedence),
        cmocka_unit_test(comparison_precedence),
        cmocka_unit_test(comparison_is_not_associative),
        cmocka_unit_test(arithmetic_precedence),
        cmocka_unit_test(unary_minus),
        cmocka_unit_test(in_lists),
        cmocka_unit_test(calls),
        cmocka_unit_test(expression_locations),
        cmocka_unit_test(missing_colon),
        cmocka_unit_test(missing_dan),
        cmocka_unit_test(misspelled_keyword),
        cmocka_unit_test(unexpected_end),
        cmocka_unit_test(volgens_needs_a_name),
        cmocka_unit_test(unknown_expectation),
        cmocka_unit_test(recovery_reports_each_declaration),
        cmocka_unit_test(recovery_after_bad_expression),
        cmocka_unit_test(lexer_errors_reach_the_diagnostics),
        cmocka_unit_test(parse_expr_of_a_text_piece),
        cmocka_unit_test(parse_expr_errors),
    };
    return cmocka_run_group_tests_name("parser", tests, setup, teardown);
}
