/* test_case.c — case input: JSON forms, types, errors that name the fact,
 * typed text, JSON Lines and CSV files. */
#include "testutil.h"

#include <unistd.h>

#include "eval_int.h"

#define RS_CASE                                                 \
    "waarde w \"W\"\nrangorde w\n"                              \
    "feit leeftijd: getal\n"                                    \
    "feit inkomen: bedrag\n"                                    \
    "feit kind: janee\n"                                        \
    "feit geboren: datum\n"                                     \
    "feit naam: tekst\n"                                        \
    "feit woon: keuze(huur, koop)\n"                            \
    "besluit b: janee\nregel r volgens w dan b = kind\n"

enum { F_LEEFTIJD, F_INKOMEN, F_KIND, F_GEBOREN, F_NAAM, F_WOON };

static hv_program *P;
static hv_case *CS;

static int setup(void **state)
{
    (void)state;
    P = tu_compile(RS_CASE);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hv_program_free(P);
    return 0;
}

static int teardown_each(void **state)
{
    (void)state;
    hv_case_free(CS);
    CS = NULL;
    return 0;
}

static void read_case(const char *json)
{
    hv_case_free(CS);
    CS = tu_case(P, json);
}

static hv_value fact(int f) { return CS->facts[f]; }

static int sym(const char *name)
{
    for (int i = 0; i < P->nsyms; i++)
        if (strcmp(P->syms[i], name) == 0) return i;
    fail_msg("no symbol '%s'", name);
    return -1;
}

/* ---- JSON forms -------------------------------------------------------------------- */

static void plain_object(void **state)
{
    (void)state;
    read_case("{\"leeftijd\": 34, \"inkomen\": \"1234.56\", \"kind\": true, \"geboren\": \"1990-05-17\","
              " \"naam\": \"Jan de Vries\", \"woon\": \"koop\"}");
    assert_int_equal(fact(F_LEEFTIJD).k, HV_V_NUM);
    assert_int_equal(fact(F_LEEFTIJD).i, 34000000);
    assert_int_equal(fact(F_INKOMEN).k, HV_V_MONEY);
    assert_int_equal(fact(F_INKOMEN).i, 123456);
    assert_int_equal(fact(F_KIND).k, HV_V_BOOL);
    assert_int_equal(fact(F_KIND).i, 1);
    assert_int_equal(fact(F_GEBOREN).k, HV_V_DATE);
    assert_int_equal(fact(F_GEBOREN).i, tu_date("1990-05-17"));
    assert_int_equal(fact(F_NAAM).k, HV_V_TEXT);
    assert_string_equal(fact(F_NAAM).s, "Jan de Vries");
    assert_int_equal(fact(F_WOON).k, HV_V_CHOICE);
    assert_int_equal(fact(F_WOON).i, sym("koop"));
    assert_false(hv_case_has_peildatum(CS, NULL));
    assert_null(hv_case_id(CS));
}

static void missing_facts_are_unknown(void **state)
{
    (void)state;
    read_case("{\"kind\": false}");
    assert_int_equal(fact(F_KIND).k, HV_V_BOOL);
    assert_int_equal(fact(F_KIND).i, 0);
    assert_int_equal(fact(F_LEEFTIJD).k, HV_V_UNKNOWN);
    assert_int_equal(fact(F_WOON).k, HV_V_UNKNOWN);
    read_case("{}");
    for (int i = 0; i < P->nfacts; i++) assert_int_equal(fact(i).k, HV_V_UNKNOWN);
}

static void null_is_unknown(void **state)
{
    (void)state;
    read_case("{\"leeftijd\": null, \"inkomen\": null, \"kind\": null, \"geboren\": null,"
              " \"naam\": null, \"woon\": null}");
    for (int i = 0; i < P->nfacts; i++) assert_int_equal(fact(i).k, HV_V_UNKNOWN);
}

static void wrapped_form(void **state)
{
    (void)state;
    read_case("{\"id\": \"A-17\", \"subject\": \"Fam. Jansen\", \"peildatum\": \"2026-03-01\","
              " \"feiten\": {\"leeftijd\": 40, \"kind\": true}}");
    int32_t day = 0;
    assert_true(hv_case_has_peildatum(CS, &day));
    assert_int_equal(day, tu_date("2026-03-01"));
    assert_string_equal(hv_case_id(CS), "A-17");
    assert_string_equal(hv_case_subject(CS), "Fam. Jansen");
    assert_int_equal(fact(F_LEEFTIJD).i, 40000000);
    assert_int_equal(fact(F_KIND).i, 1);
}

static void wrapped_form_english_and_numeric_id(void **state)
{
    (void)state;
    read_case("{\"id\": 42, \"facts\": {\"naam\": \"x\"}}");
    assert_string_equal(hv_case_id(CS), "42");
    assert_false(hv_case_has_peildatum(CS, NULL));
    assert_string_equal(fact(F_NAAM).s, "x");
}

static void reading_again_clears_the_case(void **state)
{
    (void)state;
    hv_case_free(CS);
    CS = hv_case_new(P);
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    assert_int_equal(hv_case_from_json_text(CS, "{\"peildatum\": \"2026-01-01\", \"id\": \"x\","
                                                " \"feiten\": {\"leeftijd\": 1}}", "a", &d), 0);
    assert_int_equal(hv_case_from_json_text(CS, "{\"kind\": true}", "b", &d), 0);
    assert_int_equal(CS->facts[F_LEEFTIJD].k, HV_V_UNKNOWN);
    assert_false(hv_case_has_peildatum(CS, NULL));
    assert_null(hv_case_id(CS));
    hv_diags_free(&d);
    hv_src_free(&src);
}

static void numbers(void **state)
{
    (void)state;
    read_case("{\"leeftijd\": 2.5, \"inkomen\": 1500}");
    assert_int_equal(fact(F_LEEFTIJD).i, 2500000);
    assert_int_equal(fact(F_INKOMEN).i, 150000);
    read_case("{\"leeftijd\": -3, \"inkomen\": 19.99}");
    assert_int_equal(fact(F_LEEFTIJD).i, -3000000);
    assert_int_equal(fact(F_INKOMEN).i, 1999);
    read_case("{\"leeftijd\": 0.1, \"inkomen\": 0.1}");
    assert_int_equal(fact(F_LEEFTIJD).i, 100000);
    assert_int_equal(fact(F_INKOMEN).i, 10);
    read_case("{\"inkomen\": \"0.05\"}");
    assert_int_equal(fact(F_INKOMEN).i, 5);
}

/* A getal is exact to 6 decimals in its whole range: a JSON number with 16
 * significant digits must not be rounded to 15 on the way in. */
static void numbers_keep_every_digit(void **state)
{
    (void)state;
    read_case("{\"leeftijd\": 1234567890.123456}");
    assert_int_equal(fact(F_LEEFTIJD).i, 1234567890123456LL);
    read_case("{\"inkomen\": 12345678901234.56}");
    assert_int_equal(fact(F_INKOMEN).i, 1234567890123456LL);
}

/* ---- errors that name the fact -------------------------------------------------------- */

#define ERR(json) tu_case_error(P, (json), NULL)

static void wrong_type_janee(void **state)
{
    (void)state;
    assert_string_equal(ERR("{\"kind\": \"ja\"}"), "fact 'kind' must be true or false, not a text");
    assert_string_equal(ERR("{\"kind\": 1}"), "fact 'kind' must be true or false, not a whole number");
}

static void wrong_type_getal(void **state)
{
    (void)state;
    assert_string_equal(ERR("{\"leeftijd\": \"3\"}"),
                        "fact 'leeftijd' must be a number (getal), like 3 or 2.5, not a text");
    assert_string_equal(ERR("{\"leeftijd\": true}"),
                        "fact 'leeftijd' must be a number (getal), like 3 or 2.5, not true");
    assert_string_equal(ERR("{\"leeftijd\": [3]}"),
                        "fact 'leeftijd' must be a number (getal), like 3 or 2.5, not a list");
    assert_string_equal(ERR("{\"leeftijd\": 1.1234567}"), "fact 'leeftijd': 1.1234567 has more than 6 decimals");
    assert_string_equal(ERR("{\"leeftijd\": 1e30}"), "fact 'leeftijd': 1e+30 is out of range");
}

static void wrong_type_bedrag(void **state)
{
    (void)state;
    assert_string_equal(ERR("{\"inkomen\": true}"),
        "fact 'inkomen' must be an amount (bedrag) with at most 2 decimals, like 1234.56, not true");
    assert_string_equal(ERR("{\"inkomen\": {}}"),
        "fact 'inkomen' must be an amount (bedrag) with at most 2 decimals, like 1234.56, not an object");
    assert_string_equal(ERR("{\"inkomen\": \"abc\"}"),
        "fact 'inkomen': \"abc\" is not an amount (bedrag) with at most 2 decimals, like 1234.56");
}

static void money_with_three_decimals_refused(void **state)
{
    (void)state;
    assert_string_equal(ERR("{\"inkomen\": \"12.345\"}"),
                        "fact 'inkomen': 12.345 has more than 2 decimals; an amount is exact to the cent");
    assert_string_equal(ERR("{\"inkomen\": 12.345}"),
                        "fact 'inkomen': 12.345 has more than 2 decimals; an amount is exact to the cent");
    /* a JSON string is read strictly: no Dutch notation, no euro sign */
    tu_case_error(P, "{\"inkomen\": \"1.234,56\"}", NULL);
    tu_case_error(P, "{\"inkomen\": \"€ 12\"}", NULL);
}

static void wrong_type_datum(void **state)
{
    (void)state;
    assert_string_equal(ERR("{\"geboren\": 20260301}"),
                        "fact 'geboren' must be a date (datum) as YYYY-MM-DD, not a whole number");
    assert_string_equal(ERR("{\"geboren\": \"2026-02-30\"}"), "fact 'geboren': '2026-02-30' is not a date that exists");
    assert_string_equal(ERR("{\"geboren\": \"1 maart 2026\"}"),
                        "fact 'geboren': '1 maart 2026' is not a date (datum) as YYYY-MM-DD");
}

static void wrong_type_tekst(void **state)
{
    (void)state;
    assert_string_equal(ERR("{\"naam\": 5}"), "fact 'naam' must be a text, not a whole number");
    assert_string_equal(ERR("{\"naam\": false}"), "fact 'naam' must be a text, not false");
}

static void unknown_choice_member(void **state)
{
    (void)state;
    assert_string_equal(ERR("{\"woon\": \"villa\"}"), "fact 'woon': 'villa' is not one of keuze(huur, koop)");
    assert_string_equal(ERR("{\"woon\": \"Huur\"}"), "fact 'woon': 'Huur' is not one of keuze(huur, koop)");
    assert_string_equal(ERR("{\"woon\": 1}"), "fact 'woon' must be one of keuze(huur, koop), not a whole number");
}

static void unknown_fact(void **state)
{
    (void)state;
    hv_case *c = hv_case_new(P);
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    assert_int_equal(hv_case_from_json_text(c, "{\"leeftyd\": 3}", "case.json", &d), -1);
    assert_int_equal(d.nerrors, 1);
    assert_string_equal(d.items[0].msg, "unknown fact 'leeftyd'");
    assert_string_equal(d.items[0].hint, "did you mean 'leeftijd'?");
    int line, col;
    hv_src_linecol(&src, d.items[0].loc, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 2);
    hv_diags_free(&d);
    hv_src_free(&src);
    hv_case_free(c);
    assert_string_equal(ERR("{\"feiten\": {\"xyzzy\": 1}}"), "unknown fact 'xyzzy'");
}

static void peildatum_beside_plain_facts(void **state)
{
    (void)state;
    hv_case *c = hv_case_new(P);
    hv_diags d;
    hv_srcset src = {0};
    hv_diags_init(&d, &src);
    assert_int_equal(hv_case_from_json_text(c, "{\"peildatum\": \"2026-03-01\", \"kind\": true}", "c", &d), -1);
    assert_string_equal(d.items[0].msg, "unknown fact 'peildatum'");
    assert_string_equal(d.items[0].hint, "put the facts under \"feiten\" to give 'peildatum' beside them");
    hv_diags_free(&d);
    hv_src_free(&src);
    hv_case_free(c);
}

static void wrapped_form_errors(void **state)
{
    (void)state;
    assert_string_equal(ERR("{\"feiten\": {}, \"x\": 1}"), "unknown field 'x' in a case");
    assert_string_equal(ERR("{\"feiten\": 3}"), "\"feiten\" must be an object of fact values");
    assert_string_equal(ERR("{\"feiten\": {}, \"peildatum\": \"1-3-2026\"}"),
                        "peildatum must be a date as \"YYYY-MM-DD\"");
    assert_string_equal(ERR("{\"feiten\": {}, \"id\": true}"), "'id' must be a text or a whole number");
}

/* A long text from the case is quoted by its start in a message; an amount
 * as a long text is not cut short into another amount (12.50 here). */
static void long_texts_in_messages(void **state)
{
    (void)state;
    assert_string_equal(ERR("{\"feiten\": {\"inkomen\": \"12.500000000000000000000000000000000000000000000000000000000000000000000009\"}}"),
                        "fact 'inkomen': \"12.5000000000000000000000000000000000000...\" is not an amount (bedrag) "
                        "with at most 2 decimals, like 1234.56");
    assert_string_equal(ERR("{\"feiten\": {\"inkomen\": \"12.50000000000000000000000000000000000000000000000000000000009\"}}"),
                        "fact 'inkomen': 12.50000000000000000000000000000000000000000000000000000000009 has more than "
                        "2 decimals; an amount is exact to the cent");
    assert_string_equal(ERR("{\"feiten\": {\"kind\": \"éééééééééééééééééééééééééééééééé\"}}"),
                        "fact 'kind' must be true or false, not a text");
    assert_string_equal(ERR("{\"feiten\": {\"a_fact_name_that_is_much_longer_than_forty_bytes\": 1}}"),
                        "unknown fact 'a_fact_name_that_is_much_longer_than_for...'");
    assert_string_equal(ERR("{\"feiten\": {}, \"éééééééééééééééééééééé\": 1}"),
                        "unknown field 'éééééééééééééééééééé...' in a case");
}

/* Control characters from the case are written as escapes in a message,
 * which so stays one line (a terminal sees no escape sequence either). */
static void control_characters_in_messages(void **state)
{
    (void)state;
    assert_string_equal(ERR("{\"feiten\": {\"a\\nb\\tc\": 1}}"), "unknown fact 'a\\nb\\tc'");
    assert_string_equal(ERR("{\"feiten\": {\"x\\u001b[2J\\r\\u007f\": 1}}"), "unknown fact 'x\\x1B[2J\\r\\x7F'");
    /* cut at 40 bytes of the input, then escaped */
    assert_string_equal(ERR("{\"feiten\": {\"\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n"
                            "\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\": 1}}"),
                        "unknown fact '\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n"
                        "\\n\\n\\n\\n\\n\\n\\n\\n\\n\\n...'");
}

static void not_a_case(void **state)
{
    (void)state;
    assert_string_equal(ERR("[1]"), "a case is a JSON object of fact values");
    assert_string_equal(ERR("{\"kind\": tru}"), "malformed JSON: invalid token near 'tru'");
    assert_string_equal(ERR("{\"kind\": true, \"kind\": false}"), "malformed JSON: duplicate object key near '\"kind\"'");
    assert_int_equal(strncmp(ERR(""), "malformed JSON: ", 16), 0);
}

static void every_bad_fact_is_reported(void **state)
{
    (void)state;
    int n = 0;
    const char *first = tu_case_error(P, "{\"kind\": \"ja\", \"leeftijd\": \"3\", \"woon\": \"villa\","
                                         " \"onbekend\": 1}", &n);
    assert_int_equal(n, 4);
    assert_string_equal(first, "fact 'kind' must be true or false, not a text");
}

static void error_points_at_the_key(void **state)
{
    (void)state;
    hv_case *c = hv_case_new(P);
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    assert_int_equal(hv_case_from_json_text(c, "{\n  \"kind\": true,\n  \"leeftijd\": \"oud\"\n}", "c.json", &d), -1);
    int line, col;
    hv_src_linecol(&src, d.items[0].loc, &line, &col);
    assert_int_equal(line, 3);
    assert_int_equal(col, 3);
    hv_diags_free(&d);
    hv_src_free(&src);
    hv_case_free(c);
}

/* ---- typed text ------------------------------------------------------------------------- */

static hv_value set_text(int f, const char *text)
{
    char err[256] = "";
    if (hv_case_set_text(CS, f, text, err, sizeof err) != 0) fail_msg("'%s' refused: %s", text, err);
    return CS->facts[f];
}

static const char *set_text_err(int f, const char *text)
{
    char *err = tu_ring(256);
    hv_value before = CS->facts[f];
    if (hv_case_set_text(CS, f, text, err, 256) == 0) fail_msg("'%s' accepted", text);
    assert_int_equal(CS->facts[f].k, before.k);   /* left as it was */
    return err;
}

static void fresh_case(void)
{
    hv_case_free(CS);
    CS = hv_case_new(P);
    assert_non_null(CS);
}

static void text_janee(void **state)
{
    (void)state;
    fresh_case();
    const char *yes[] = {"ja", "Ja", "JA", "yes", "true", "1"};
    const char *no[] = {"nee", "Nee", "no", "false", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        hv_value v = set_text(F_KIND, yes[i]);
        assert_int_equal(v.k, HV_V_BOOL);
        assert_int_equal(v.i, 1);
    }
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) assert_int_equal(set_text(F_KIND, no[i]).i, 0);
    assert_string_equal(set_text_err(F_KIND, "misschien"), "'misschien' is geen ja of nee");
}

static void text_getal(void **state)
{
    (void)state;
    fresh_case();
    assert_int_equal(set_text(F_LEEFTIJD, "3").i, 3000000);
    assert_int_equal(set_text(F_LEEFTIJD, "2,5").i, 2500000);
    assert_int_equal(set_text(F_LEEFTIJD, "2.5").i, 2500000);
    assert_int_equal(set_text(F_LEEFTIJD, "1.234,5").i, 1234500000);
    assert_int_equal(set_text(F_LEEFTIJD, "-2").i, -2000000);
    assert_int_equal(set_text(F_LEEFTIJD, " 7 ").i, 7000000);
    assert_int_equal(set_text(F_LEEFTIJD, "1234567890.123456").i, 1234567890123456LL);
    assert_string_equal(set_text_err(F_LEEFTIJD, "abc"), "'abc' is geen getal, zoals 3 of 2,5");
    assert_string_equal(set_text_err(F_LEEFTIJD, "1,1234567"), "'1,1234567' heeft meer dan 6 decimalen");
    assert_string_equal(set_text_err(F_LEEFTIJD, ""), "'' is geen getal, zoals 3 of 2,5");
}

static void text_bedrag(void **state)
{
    (void)state;
    fresh_case();
    hv_value v = set_text(F_INKOMEN, "1.234,56");
    assert_int_equal(v.k, HV_V_MONEY);
    assert_int_equal(v.i, 123456);
    assert_int_equal(set_text(F_INKOMEN, "€ 1500").i, 150000);
    assert_int_equal(set_text(F_INKOMEN, "€1500,50").i, 150050);
    assert_int_equal(set_text(F_INKOMEN, "1500.50").i, 150050);
    assert_int_equal(set_text(F_INKOMEN, "1500").i, 150000);
    assert_int_equal(set_text(F_INKOMEN, "€ 1.000.000,00").i, 100000000);
    assert_int_equal(set_text(F_INKOMEN, "EUR 12").i, 1200);
    assert_int_equal(set_text(F_INKOMEN, "-12,50").i, -1250);
    assert_string_equal(set_text_err(F_INKOMEN, "12,345"),
                        "'12,345' heeft meer dan 2 decimalen; een bedrag is tot op de cent");
    assert_string_equal(set_text_err(F_INKOMEN, "veel"),
                        "'veel' is geen bedrag met hoogstens 2 decimalen, zoals 1234,56");
}

static void text_datum(void **state)
{
    (void)state;
    fresh_case();
    hv_value v = set_text(F_GEBOREN, "2026-03-01");
    assert_int_equal(v.k, HV_V_DATE);
    assert_int_equal(v.i, tu_date("2026-03-01"));
    assert_string_equal(set_text_err(F_GEBOREN, "1 maart 2026"), "'1 maart 2026' is geen datum als JJJJ-MM-DD");
    assert_string_equal(set_text_err(F_GEBOREN, "2026-02-29"), "'2026-02-29' is geen bestaande datum");
}

static void text_tekst_and_keuze(void **state)
{
    (void)state;
    fresh_case();
    hv_value v = set_text(F_NAAM, "Fam. de Vries");
    assert_int_equal(v.k, HV_V_TEXT);
    assert_string_equal(v.s, "Fam. de Vries");
    assert_int_equal(set_text(F_NAAM, "").k, HV_V_TEXT);
    v = set_text(F_WOON, "huur");
    assert_int_equal(v.k, HV_V_CHOICE);
    assert_int_equal(v.i, sym("huur"));
    assert_string_equal(set_text_err(F_WOON, "villa"), "'villa' is geen keuze uit huur, koop");
    assert_string_equal(set_text_err(F_NAAM, "ab\xff"),
                        "een tekst moet UTF-8 zijn, en byte 3 (0xff) hoort niet bij een UTF-8-teken");
}

static void text_no_such_fact(void **state)
{
    (void)state;
    fresh_case();
    char err[64];
    assert_int_equal(hv_case_set_text(CS, P->nfacts, "1", err, sizeof err), -1);
    assert_string_equal(err, "no such fact");
    assert_int_equal(hv_case_set_text(CS, -1, "1", err, sizeof err), -1);
}

static void clear_and_peildatum(void **state)
{
    (void)state;
    fresh_case();
    set_text(F_KIND, "ja");
    set_text(F_NAAM, "x");
    hv_case_set_peildatum(CS, tu_date("2026-05-05"));
    int32_t day;
    assert_true(hv_case_has_peildatum(CS, &day));
    assert_int_equal(day, tu_date("2026-05-05"));
    hv_case_clear(CS);
    assert_false(hv_case_has_peildatum(CS, NULL));
    for (int i = 0; i < P->nfacts; i++) assert_int_equal(CS->facts[i].k, HV_V_UNKNOWN);
}

static void typed_case_evaluates(void **state)
{
    (void)state;
    fresh_case();
    set_text(F_KIND, "ja");
    hv_ctx *ctx = hv_ctx_new(P);
    json_t *r = tu_eval_ctx(ctx, CS, TU_PEIL, 0);
    assert_string_equal(tu_outcome(r, "b"), "true");
    json_decref(r);
    hv_ctx_free(ctx);
}

/* ---- files: JSON, JSON Lines, CSV ------------------------------------------------------------ */

typedef struct seen {
    int n;
    int lines[16];
    char kind[16][8];
    char id[16][16];
    int64_t inkomen[16];
    int32_t peil[16];
} seen;

static int collect(void *ud, hv_case *c, int line)
{
    seen *s = ud;
    if (s->n >= 16) return 1;
    s->lines[s->n] = line;
    hv_value k = c->facts[F_KIND];
    snprintf(s->kind[s->n], 8, "%s", k.k == HV_V_UNKNOWN ? "?" : k.i ? "ja" : "nee");
    snprintf(s->id[s->n], 16, "%s", hv_case_id(c) ? hv_case_id(c) : "");
    s->inkomen[s->n] = c->facts[F_INKOMEN].k == HV_V_MONEY ? c->facts[F_INKOMEN].i : -1;
    int32_t d = 0;
    s->peil[s->n] = hv_case_has_peildatum(c, &d) ? d : 0;
    s->n++;
    return 0;
}

static char tmpdir[64];

static char *write_temp(const char *suffix, const char *text)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/hv_case_XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    char *path = malloc(128);
    snprintf(path, 128, "%s/case%s", tmpdir, suffix);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    fclose(f);
    return path;
}

typedef struct filerun {
    seen s;
    hv_srcset src;
    hv_diags d;
    int bad;
} filerun;

static void read_file(filerun *fr, const char *suffix, const char *text)
{
    memset(fr, 0, sizeof *fr);
    hv_diags_init(&fr->d, &fr->src);
    char *path = write_temp(suffix, text);
    fr->bad = hv_case_read_file(P, path, collect, &fr->s, &fr->d);
    unlink(path);
    rmdir(tmpdir);
    free(path);
}

static void filerun_free(filerun *fr)
{
    hv_diags_free(&fr->d);
    hv_src_free(&fr->src);
}

static void file_json(void **state)
{
    (void)state;
    filerun fr;
    read_file(&fr, ".json", "{\"feiten\": {\"kind\": true}, \"id\": \"een\"}\n");
    assert_int_equal(fr.bad, 0);
    assert_int_equal(fr.s.n, 1);
    assert_string_equal(fr.s.kind[0], "ja");
    assert_string_equal(fr.s.id[0], "een");
    filerun_free(&fr);
}

static void file_jsonl(void **state)
{
    (void)state;
    filerun fr;
    read_file(&fr, ".jsonl", "{\"kind\": true}\n\n{\"kind\": \"ja\"}\n{\"kind\": false, \"inkomen\": 12}\n");
    assert_int_equal(fr.bad, 1);
    assert_int_equal(fr.s.n, 2);
    assert_int_equal(fr.s.lines[0], 1);
    assert_int_equal(fr.s.lines[1], 4);
    assert_string_equal(fr.s.kind[1], "nee");
    assert_int_equal(fr.s.inkomen[1], 1200);
    assert_int_equal(fr.d.nerrors, 1);
    int line, col;
    hv_src_linecol(&fr.src, fr.d.items[0].loc, &line, &col);
    assert_int_equal(line, 3);
    assert_string_equal(fr.d.items[0].msg, "fact 'kind' must be true or false, not a text");
    filerun_free(&fr);
}

static void file_csv(void **state)
{
    (void)state;
    filerun fr;
    read_file(&fr, ".csv", "id,kind,inkomen,peildatum\na,ja,1500.50,2026-03-01\nb,,,\nc,nee,\"1,234.5\",\n");
    /* with a ',' in the cell, '.' groups thousands: "1,234.5" has 4 decimals */
    assert_int_equal(fr.bad, 1);
    assert_int_equal(fr.s.n, 2);
    assert_string_equal(fr.d.items[0].msg,
        "fact 'inkomen': '1,234.5' has more than 2 decimals; an amount is exact to the cent");
    int line, col;
    hv_src_linecol(&fr.src, fr.d.items[0].loc, &line, &col);
    assert_int_equal(line, 4);
    assert_string_equal(fr.s.id[0], "a");
    assert_string_equal(fr.s.kind[0], "ja");
    assert_int_equal(fr.s.inkomen[0], 150050);
    assert_int_equal(fr.s.peil[0], tu_date("2026-03-01"));
    assert_string_equal(fr.s.kind[1], "?");     /* an empty cell is unknown */
    assert_int_equal(fr.s.inkomen[1], -1);
    assert_int_equal(fr.s.peil[1], 0);
    filerun_free(&fr);
}

/* Text that is not UTF-8 is refused with its line, in a text cell and in
 * the id, by the quick reading and the careful one alike. */
static void file_csv_broken_utf8(void **state)
{
    (void)state;
    filerun fr;
    read_file(&fr, ".csv", "id,naam\na,goed \xc3\xa9\nb\xff,x\nc,ab\xc3\n");
    assert_int_equal(fr.bad, 2);
    assert_int_equal(fr.s.n, 1);
    assert_string_equal(fr.s.id[0], "a");
    assert_string_equal(fr.d.items[0].msg, "the id is not UTF-8 text");
    assert_string_equal(fr.d.items[1].msg,
                        "fact 'naam': a text must be UTF-8, and byte 3 (0xc3) is not part of a UTF-8 character");
    int line, col;
    hv_src_linecol(&fr.src, fr.d.items[0].loc, &line, &col);
    assert_int_equal(line, 3);
    hv_src_linecol(&fr.src, fr.d.items[1].loc, &line, &col);
    assert_int_equal(line, 4);
    filerun_free(&fr);
}

static void file_csv_dutch(void **state)
{
    (void)state;
    filerun fr;
    read_file(&fr, ".csv", "kind;inkomen;leeftijd\nja;€ 1.234,56;2,5\nnee;12,345;3\n");
    assert_int_equal(fr.bad, 1);
    assert_int_equal(fr.s.n, 1);
    assert_int_equal(fr.s.inkomen[0], 123456);
    assert_int_equal(fr.d.nerrors, 1);
    assert_string_equal(fr.d.items[0].msg,
        "fact 'inkomen': '12,345' has more than 2 decimals; an amount is exact to the cent");
    int line, col;
    hv_src_linecol(&fr.src, fr.d.items[0].loc, &line, &col);
    assert_int_equal(line, 3);
    filerun_free(&fr);
}

static void file_csv_unknown_column(void **state)
{
    (void)state;
    filerun fr;
    read_file(&fr, ".csv", "kind,leeftyd\nja,3\n");
    assert_int_equal(fr.bad, -1);
    assert_int_equal(fr.s.n, 0);
    assert_string_equal(fr.d.items[0].msg, "unknown fact 'leeftyd' in the CSV header");
    assert_string_equal(fr.d.items[0].hint, "did you mean 'leeftijd'?");
    filerun_free(&fr);
}

/* A case of more than HV_MAX_CASE_BYTES: refused at its line, the cases
 * before it read; one of exactly the limit is not refused for its size.
 * The text: first, then a record of n bytes (head, x..., close), "\n", last. */
static char *text_with_record(const char *first, const char *head, size_t n, const char *close, const char *last)
{
    size_t a = strlen(first), h = strlen(head), c = strlen(close), z = strlen(last);
    char *t = malloc(a + n + 1 + z + 1);
    memcpy(t, first, a);
    memcpy(t + a, head, h);
    memset(t + a + h, 'x', n - h - c);
    memcpy(t + a + n - c, close, c);
    t[a + n] = '\n';
    memcpy(t + a + n + 1, last, z + 1);
    return t;
}

static void file_record_too_long(void **state)
{
    (void)state;
    const char *msg = "this record has more than 4194304 bytes; a case may have at most that, "
                      "so the file is not read further";
    assert_int_equal(HV_MAX_CASE_BYTES, 4194304);
    struct { const char *suffix, *first, *head, *close, *last; } f[] = {
        {".csv", "id,kind\nk1,ja\n", "k2,\"", "\"", "k3,nee\n"},
        {".jsonl", "{\"id\": \"k1\", \"feiten\": {\"kind\": true}}\n", "{\"feiten\": {}, \"id\": \"", "\"}",
         "{\"id\": \"k3\", \"feiten\": {}}\n"},
    };
    for (int k = 0; k < 2; k++) {
        char *text = text_with_record(f[k].first, f[k].head, (size_t)HV_MAX_CASE_BYTES + 1, f[k].close, f[k].last);
        filerun fr;
        read_file(&fr, f[k].suffix, text);
        assert_int_equal(fr.bad, -1);
        assert_int_equal(fr.s.n, 1);                      /* k1, and not k3 */
        assert_string_equal(fr.s.id[0], "k1");
        assert_int_equal(fr.d.nerrors, 1);
        assert_string_equal(fr.d.items[0].msg, msg);
        int line, col;
        hv_src_linecol(&fr.src, fr.d.items[0].loc, &line, &col);
        assert_int_equal(line, f[k].suffix[1] == 'c' ? 3 : 2);
        assert_int_equal(col, 1);
        filerun_free(&fr);
        free(text);
        /* exactly the limit: not refused for its size, and read on */
        text = text_with_record(f[k].first, f[k].head, (size_t)HV_MAX_CASE_BYTES, f[k].close, f[k].last);
        read_file(&fr, f[k].suffix, text);
        for (int i = 0; i < fr.d.nerrors; i++) assert_null(strstr(fr.d.items[i].msg, "more than"));
        if (k == 0)   /* the cell of 4 MB is not a ja or nee; the message quotes its start */
            assert_string_equal(fr.d.items[0].msg,
                                "fact 'kind': 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is not ja or nee");
        assert_true(fr.s.n >= 2);
        assert_string_equal(fr.s.id[0], "k1");
        assert_string_equal(fr.s.id[fr.s.n - 1], "k3");
        filerun_free(&fr);
        free(text);
    }
    /* a .json case file */
    char *text = text_with_record("", "{\"id\": \"", (size_t)HV_MAX_CASE_BYTES, "\"}", "");
    filerun fr;
    read_file(&fr, ".json", text);
    assert_int_equal(fr.bad, -1);
    assert_int_equal(fr.s.n, 0);
    assert_int_equal(fr.d.nerrors, 1);
    assert_non_null(strstr(fr.d.items[0].msg, "has more than 4194304 bytes; a case may have at most that"));
    filerun_free(&fr);
    free(text);
}

static void file_missing(void **state)
{
    (void)state;
    seen s = {0};
    hv_diags d;
    hv_diags_init(&d, NULL);
    assert_int_equal(hv_case_read_file(P, "/nonexistent/case.json", collect, &s, &d), -1);
    assert_int_equal(d.nerrors, 1);
    assert_string_equal(d.items[0].msg, "cannot read case file '/nonexistent/case.json': No such file or directory");
    hv_diags_free(&d);
}

/* The canonical facts (what the audit store keeps and hashes) are written
 * directly: they must be what jansson writes for the same values, keys
 * sorted, a getal with decimals as a real of 17 digits. */
static json_t *fact_ref(hv_value v)
{
    char buf[64];
    switch (v.k) {
    case HV_V_BOOL: return json_boolean(v.i);
    case HV_V_NUM:
        if (v.i % HV_NUM_SCALE == 0) return json_integer(v.i / HV_NUM_SCALE);
        hv_decimal_format(v.i, 6, 0, buf);
        return json_real(strtod(buf, NULL));
    case HV_V_MONEY: hv_decimal_format(v.i, 2, 1, buf); return json_string(buf);
    case HV_V_DATE: hv_date_iso((int32_t)v.i, buf); return json_string(buf);
    case HV_V_TEXT: return json_string(v.s);
    default: return json_string(P->syms[v.i]);
    }
}

static void canonical_facts_as_jansson_writes_them(void **state)
{
    (void)state;
    static const char *const cells[][4] = {
        {"0", "12", "-7", "1234567.125"},                       /* leeftijd */
        {"0", "12.50", "-0.01", "99999999.99"},                 /* inkomen */
        {"true", "false", "true", "false"},                     /* kind */
        {"\"2026-02-28\"", "\"1900-01-01\"", "\"2099-12-31\"", "\"2000-02-29\""},
        {"\"\"", "\"a \\\"b\\\" \\\\ / é €\"", "\"x/y <z>\"", "\"𝄞\""},
        {"\"huur\"", "\"koop\"", "\"huur\"", "\"koop\""},
    };
    static const char *const names[] = {"leeftijd", "inkomen", "kind", "geboren", "naam", "woon"};
    uint32_t seed = 5;
    for (int round = 0; round < 500; round++) {
        char json[512] = "{";
        for (int f = 0; f < 6; f++) {
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 16) % 4 == 0) continue;
            if (json[1]) strcat(json, ",");
            snprintf(json + strlen(json), sizeof json - strlen(json), "\"%s\": %s", names[f],
                     cells[f][(seed >> 8) % 4]);
        }
        strcat(json, "}");
        read_case(json);
        json_t *ref = json_object();
        for (int f = 0; f < P->nfacts; f++)
            if (CS->facts[f].k != HV_V_UNKNOWN) json_object_set_new(ref, P->facts[f].name, fact_ref(CS->facts[f]));
        char *want = json_dumps(ref, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
        char *got = hv_case_facts_canonical(CS);
        assert_string_equal(got, want);
        free(want);
        hv_mem_free(got);
        json_decref(ref);
    }
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, teardown_each)
    const struct CMUnitTest tests[] = {
        T(plain_object),
        T(missing_facts_are_unknown),
        T(null_is_unknown),
        T(wrapped_form),
        T(wrapped_form_english_and_numeric_id),
        T(reading_again_clears_the_case),
        T(numbers),
        T(numbers_keep_every_digit),
        T(wrong_type_janee),
        T(wrong_type_getal),
        T(wrong_type_bedrag),
        T(money_with_three_decimals_refused),
        T(wrong_type_datum),
        T(wrong_type_tekst),
        T(unknown_choice_member),
        T(unknown_fact),
        T(peildatum_beside_plain_facts),
        T(wrapped_form_errors),
        T(long_texts_in_messages),
        T(control_characters_in_messages),
        T(not_a_case),
        T(every_bad_fact_is_reported),
        T(error_points_at_the_key),
        T(text_janee),
        T(text_getal),
        T(text_bedrag),
        T(text_datum),
        T(text_tekst_and_keuze),
        T(text_no_such_fact),
        T(clear_and_peildatum),
        T(typed_case_evaluates),
        T(file_json),
        T(file_jsonl),
        T(file_csv),
        T(file_csv_dutch),
        T(file_csv_broken_utf8),
        T(file_csv_unknown_column),
        T(file_missing),
        T(file_record_too_long),
        T(canonical_facts_as_jansson_writes_them),
    };
    return cmocka_run_group_tests_name("case", tests, setup, teardown);
}
