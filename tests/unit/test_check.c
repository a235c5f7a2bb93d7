/* test_check.c — the semantic checks: exact diagnostics with line:col. */
#include "testutil.h"

#include "program.h"

/* Seven lines every rule set below starts with; line 8 is the first of
 * the test's own text. */
#define PRE                                  \
    "waarde w \"W\"\n"                       \
    "rangorde w\n"                           \
    "feit leeftijd: getal\n"                 \
    "feit inkomen: bedrag\n"                 \
    "feit kind: janee\n"                     \
    "feit woon: keuze(huur, koop)\n"         \
    "besluit b: keuze(toekennen, afwijzen)\n"

#define RULE "regel r volgens w als kind dan b = toekennen\n"

static tu_compiled C;

static int teardown_each(void **state)
{
    (void)state;
    tu_compiled_free(&C);
    return 0;
}

/* Compile text that must fail with exactly `n` errors. */
static void bad(const char *text, int n)
{
    tu_compiled_free(&C);
    tu_compile_bad(&C, text);
    if (C.diags.nerrors != n) {
        tu_dump_diags(&C);
        fail_msg("expected %d errors, got %d", n, C.diags.nerrors);
    }
}

static void good(const char *text)
{
    hv_program *p = tu_compile(text);
    hv_program_free(p);
}

#define HINT_OF(i) tu_diag_hint(&C, (i))

/* ---- names ------------------------------------------------------------------------- */

static void undeclared_name_with_hint(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als leeftjd > 18 dan b = toekennen\n", 1);
    int i = tu_assert_diag(&C, "8:23", "unknown name 'leeftjd'");
    assert_string_equal(HINT_OF(i), "did you mean 'leeftijd'?");
}

static void undeclared_name_without_hint(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als zzzqqq dan b = toekennen\n", 1);
    int i = tu_assert_diag(&C, "8:23", "unknown name 'zzzqqq'");
    assert_string_equal(HINT_OF(i), "");
}

static void unknown_value_after_volgens(void **state)
{
    (void)state;
    bad(PRE "regel r volgens ww als kind dan b = toekennen\n", 1);
    int i = tu_assert_diag(&C, "8:17", "unknown value 'ww'");
    assert_string_equal(HINT_OF(i), "did you mean 'w'?");
}

static void volgens_names_a_fact(void **state)
{
    (void)state;
    bad(PRE "regel r volgens kind als kind dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:17", "'kind' is a fact, not a value; 'volgens' names a value");
}

static void unknown_decision_in_dan(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als kind dan bb = toekennen\nregel r2 volgens w dan b = afwijzen\n", 1);
    int i = tu_assert_diag(&C, "8:32", "unknown decision 'bb'");
    assert_string_equal(HINT_OF(i), "did you mean 'b'?");
}

static void dan_assigns_a_fact(void **state)
{
    (void)state;
    bad(PRE RULE "regel r2 volgens w dan leeftijd = 3\n", 1);
    tu_assert_diag(&C, "9:24", "'leeftijd' is a fact; a rule can only decide a decision ('besluit')");
}

static void value_used_as_expression(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als w dan b = toekennen\n", 1);
    int i = tu_assert_diag(&C, "8:23", "'w' is a value, not something with a value");
    assert_string_equal(HINT_OF(i), "an expression can read facts, definitions and decisions");
}

static void declared_twice(void **state)
{
    (void)state;
    bad(PRE RULE "feit kind: getal\n", 1);
    tu_assert_diag(&C, "9:6", "'kind' is declared twice: already a fact at t.hv:5:6");
    bad(PRE RULE "definitie w = 1\n", 1);
    tu_assert_diag(&C, "9:11", "'w' is declared twice: already a value at t.hv:1:8");
}

static void member_twice_in_keuze(void **state)
{
    (void)state;
    bad(PRE RULE "feit k: keuze(a, b, a)\n", 1);
    tu_assert_diag(&C, "9:21", "'a' appears twice in this keuze");
}

static void regelset_twice_in_one_file(void **state)
{
    (void)state;
    bad("regelset \"a\"\n" PRE RULE "regelset \"b\"\n", 1);
    tu_assert_diag(&C, "10:1", "a file has one 'regelset' line; the first is at t.hv:1:1");
}

static void unknown_function(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als mx(leeftijd, 3) > 2 dan b = toekennen\n", 1);
    int i = tu_assert_diag(&C, "8:23", "unknown function 'mx'");
    assert_string_equal(HINT_OF(i), "did you mean 'max'?");
}

static void function_arity(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als min() > 1 en bekend(kind, woon) dan b = toekennen\n", 2);
    tu_assert_diag(&C, "8:23", "min() takes at least 1 argument");
    tu_assert_diag(&C, "8:36", "bekend() takes 1 argument, not 2");
}

static void template_names_are_checked(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als kind dan b = toekennen omdat \"{leeftijdd} jaar\"\n", 1);
    int i = tu_assert_diag(&C, "8:54", "unknown name 'leeftijdd'");
    assert_string_equal(HINT_OF(i), "did you mean 'leeftijd'?");
}

static void template_braces(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als kind dan b = toekennen omdat \"a } b {\"\n", 2);
    int i = tu_assert_diag(&C, "8:55", "'}' without '{' in text");
    assert_string_equal(HINT_OF(i), "write \\} for a brace in the text");
    tu_assert_diag(&C, "8:59", "'{' without '}' in text");
    bad(PRE "regel r volgens w als kind dan b = toekennen omdat \"x { } y\"\n", 1);
    tu_assert_diag(&C, "8:55", "empty {} in text");
}

/* ---- types --------------------------------------------------------------------------- */

static void condition_must_be_janee(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als leeftijd dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:23", "the condition after 'als' must be janee, but this is getal");
}

static void en_needs_janee(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als leeftijd en kind dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:23", "'en' needs janee on both sides, but this is getal");
    bad(PRE "regel r volgens w als kind of inkomen dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:31", "'of' needs janee on both sides, but this is bedrag");
}

static void niet_needs_janee(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als niet leeftijd dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:28", "'niet' needs janee, but this is getal");
}

static void outcome_type(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als kind dan b = 5\n", 1);
    tu_assert_diag(&C, "8:36", "the outcome must be keuze(toekennen, afwijzen), but this is getal");
}

static void outcome_member_of_another_keuze(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als kind dan b = huur\n", 1);
    tu_assert_diag(&C, "8:36", "'huur' is not one of keuze(toekennen, afwijzen)");
}

static void compare_money_with_number_fact(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als inkomen > leeftijd dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:23", "cannot compare these: bedrag and getal do not go together");
    bad(PRE "regel r volgens w als leeftijd < €5 dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:23", "cannot compare these: getal and bedrag do not go together");
}

static void keuze_has_no_order(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als woon < huur dan b = toekennen\n", 1);
    int i = tu_assert_diag(&C, "8:23", "'<' cannot order keuze(huur, koop) values");
    assert_string_equal(HINT_OF(i), "only getal, bedrag and datum have an order; use = or != here");
}

static void member_compared_with_other_keuze(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als woon = toekennen dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:30", "'toekennen' is not one of keuze(huur, koop)");
    bad(PRE "regel r volgens w als woon = huurr dan b = toekennen\n", 1);
    int i = tu_assert_diag(&C, "8:30", "'huurr' is not one of keuze(huur, koop)");
    assert_string_equal(HINT_OF(i), "did you mean 'huur'?");
}

/* "A member of the expected keuze wins over a declared name with the same
 * spelling" — on either side of the comparison. */
static void member_wins_over_declared_name_on_both_sides(void **state)
{
    (void)state;
    const char *head = "waarde w \"W\"\nrangorde w\nfeit huur: janee\nfeit woon: keuze(huur, koop)\n"
                       "besluit b: janee\n";
    good(tu_fmt("%sregel r volgens w als woon = huur dan b = ja\n", head));
    good(tu_fmt("%sregel r volgens w als woon in (koop, huur) dan b = ja\n", head));
    good(tu_fmt("%sregel r volgens w als huur = woon dan b = ja\n", head));
    good(tu_fmt("%sregel r volgens w als huur != woon dan b = ja\n", head));
}

static void bare_member(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als huur dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:23", "'huur' is a choice member; it must stand next to a keuze to compare with");
}

static void arithmetic_types(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als inkomen * inkomen > 1 dan b = toekennen\n", 1);
    int i = tu_assert_diag(&C, "8:23", "cannot multiply these: bedrag and bedrag do not go together");
    assert_string_equal(HINT_OF(i), "a bedrag can be multiplied by a getal, not by another bedrag");
    bad(PRE "regel r volgens w als kind + 1 > 1 dan b = toekennen\n", 1);
    i = tu_assert_diag(&C, "8:23", "cannot add these: janee and getal do not go together");
    assert_string_equal(HINT_OF(i), "getal and getal, bedrag and bedrag, or a datum and a number of days");
    bad(PRE "regel r volgens w als leeftijd / inkomen > 1 dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:23", "cannot divide these: getal and bedrag do not go together");
    bad(PRE "regel r volgens w als -kind dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:23", "'-' needs a getal or bedrag, but this is janee");
}

static void function_argument_types(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als abs(kind) > 1 dan b = toekennen\n", 1);
    int i = tu_assert_diag(&C, "8:27", "abs() cannot take janee here");
    assert_string_equal(HINT_OF(i), "abs() takes a getal or a bedrag");
    bad(PRE "regel r volgens w als max(leeftijd, inkomen) > 1 dan b = toekennen\n", 1);
    i = tu_assert_diag(&C, "8:27", "max() cannot take getal here");
    assert_string_equal(HINT_OF(i), "all arguments must be getal, all bedrag or all datum");
}

static void standaard_and_waarborg_types(void **state)
{
    (void)state;
    bad(PRE RULE "besluit c: keuze(x, y) standaard 3\nregel r2 volgens w dan c = x\n", 1);
    tu_assert_diag(&C, "9:34", "the standaard must be keuze(x, y), but this is getal");
    bad(PRE RULE "waarborg s \"S\" leeftijd\n", 1);
    tu_assert_diag(&C, "9:16", "a waarborg must be janee, but this is getal");
    bad(PRE RULE "waarborg s \"S\" als leeftijd dan kind\n", 1);
    tu_assert_diag(&C, "9:20", "the condition of a waarborg must be janee, but this is getal");
}

static void dates_and_days(void **state)
{
    (void)state;
    good(PRE "feit geboren: datum\n"
             "regel r volgens w als geboren + 30 < peildatum en peildatum - geboren > 365 "
             "dan b = toekennen\n");
    bad(PRE "feit geboren: datum\nregel r volgens w als geboren + geboren > peildatum dan b = toekennen\n", 1);
    tu_assert_diag(&C, "9:23", "cannot add these: datum and datum do not go together");
}

/* ---- money literals ---------------------------------------------------------------------- */

static int64_t money_const(const hv_program *p, int64_t cents)
{
    for (int i = 0; i < p->nconsts; i++)
        if (p->consts[i].k == HV_V_MONEY && p->consts[i].i == cents) return 1;
    return 0;
}

static void number_literal_next_to_bedrag_is_money(void **state)
{
    (void)state;
    hv_program *p = tu_compile(PRE
        "besluit h: bedrag standaard 0\n"
        "regel r volgens w als inkomen < 1500 en 2500.5 > inkomen en inkomen + 10 > 0 "
        "en min(inkomen, 700) > 0 en inkomen != -3 dan b = toekennen\n"
        "regel r2 volgens w als kind dan h = 1234.56\n"
        "casus \"c\" gegeven inkomen = 1200 verwacht h = 99\n");
    assert_true(money_const(p, 150000));
    assert_true(money_const(p, 250050));
    assert_true(money_const(p, 1000));
    assert_true(money_const(p, 70000));
    assert_true(money_const(p, -300));
    assert_true(money_const(p, 123456));
    assert_true(money_const(p, 0));
    /* the casus values are amounts too */
    assert_int_equal(p->casus[0].given[0].v.k, HV_V_MONEY);
    assert_int_equal(p->casus[0].given[0].v.i, 120000);
    assert_int_equal(p->casus[0].expect[0].v.k, HV_V_MONEY);
    assert_int_equal(p->casus[0].expect[0].v.i, 9900);
    hv_program_free(p);
}

static void number_times_money_stays_a_number(void **state)
{
    (void)state;
    hv_program *p = tu_compile(PRE RULE "besluit h: bedrag\nregel r2 volgens w dan h = inkomen * 1.5\n");
    int found = 0;
    for (int i = 0; i < p->nconsts; i++)
        if (p->consts[i].k == HV_V_NUM && p->consts[i].i == 1500000) found = 1;
    assert_true(found);
    hv_program_free(p);
}

static void money_literal_too_precise(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als inkomen < 1500.505 dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:33", "an amount has at most 2 decimals");
    bad(PRE RULE "besluit h: bedrag\nregel r2 volgens w dan h = 0.001\n", 1);
    tu_assert_diag(&C, "10:28", "an amount has at most 2 decimals");
}

/* ---- rangorde ---------------------------------------------------------------------------- */

static void value_missing_from_rangorde(void **state)
{
    (void)state;
    bad("waarde a \"A\"\nwaarde b2 \"B\"\nwaarde c \"C\"\nrangorde a > c\n"
        "feit kind: janee\nbesluit b: janee\nregel r volgens a dan b = ja\n", 1);
    int i = tu_assert_diag(&C, "2:8", "value 'b2' is missing from rangorde");
    assert_string_equal(HINT_OF(i), "add it to a 'rangorde' line, with > or = to place it");
}

static void no_rangorde_at_all(void **state)
{
    (void)state;
    bad("waarde a \"A\"\nbesluit b: janee\nregel r volgens a dan b = ja\n", 1);
    int i = tu_assert_diag(&C, "1:8", "value 'a' is missing from rangorde");
    assert_string_equal(HINT_OF(i), "rank the values with a line like: rangorde a > b > c");
}

static void value_twice_in_rangorde(void **state)
{
    (void)state;
    bad("waarde a \"A\"\nwaarde c \"C\"\nrangorde a > c\nrangorde c\n"
        "besluit b: janee\nregel r volgens a dan b = ja\n", 1);
    tu_assert_diag(&C, "4:10", "value 'c' appears twice in rangorde; first at t.hv:3:14");
    bad("waarde a \"A\"\nrangorde a = a\nbesluit b: janee\nregel r volgens a dan b = ja\n", 1);
    tu_assert_diag(&C, "2:14", "value 'a' appears twice in rangorde; first at t.hv:2:10");
}

static void rangorde_names_unknown_or_non_value(void **state)
{
    (void)state;
    bad("waarde a \"A\"\nrangorde a > aa\nbesluit b: janee\nregel r volgens a dan b = ja\n", 1);
    int i = tu_assert_diag(&C, "2:14", "unknown value 'aa' in rangorde");
    assert_string_equal(HINT_OF(i), "did you mean 'a'?");
    bad("waarde a \"A\"\nrangorde a > b\nbesluit b: janee\nregel r volgens a dan b = ja\n", 1);
    tu_assert_diag(&C, "2:14", "'b' is a decision, not a value; rangorde ranks values");
}

/* ---- decisions and rules ------------------------------------------------------------------- */

static void decision_without_rules(void **state)
{
    (void)state;
    bad(PRE RULE "besluit c: getal\n", 1);
    int i = tu_assert_diag(&C, "9:9", "decision 'c' has no rules");
    assert_string_equal(HINT_OF(i), "add a rule: regel NAME volgens VALUE als CONDITION dan c = ...");
}

static void rule_set_without_decisions(void **state)
{
    (void)state;
    bad("waarde w \"W\"\nrangorde w\nfeit x: getal\n", 1);
    tu_assert_diag(&C, "1:1", "the rule set has no decisions");
}

static void rule_problems(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w uitzondering op r, q als kind "
            "dan b = toekennen, b = afwijzen\n", 3);
    tu_assert_diag(&C, "8:35", "rule 'r' cannot be an exception to itself");
    int i = tu_assert_diag(&C, "8:38", "unknown rule 'q'");
    assert_string_equal(HINT_OF(i), "did you mean 'r'?");
    tu_assert_diag(&C, "8:68", "rule 'r' decides 'b' twice");
}

static void exception_names_a_fact(void **state)
{
    (void)state;
    bad(PRE RULE "regel r2 volgens w uitzondering op kind dan b = afwijzen\n", 1);
    tu_assert_diag(&C, "9:36", "'kind' is a fact, not a rule; 'uitzondering op' names rules");
}

/* ---- cycles ------------------------------------------------------------------------------------ */

static void definition_cycle_names_the_whole_cycle(void **state)
{
    (void)state;
    bad(PRE "definitie x = y + 1\ndefinitie y = z * 2\ndefinitie z = x - 1\n"
            "regel r volgens w als x > 1 dan b = toekennen\n", 1);
    int i = tu_assert_diag(&C, "8:11", "cycle: x -> y -> z -> x");
    assert_string_equal(HINT_OF(i), "a definition or decision cannot depend on itself, also not through others");
}

static void self_reference(void **state)
{
    (void)state;
    bad(PRE "definitie s = s en kind\nregel r volgens w als s dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:11", "cycle: s -> s");
}

static void decision_cycle(void **state)
{
    (void)state;
    bad(PRE "besluit c: getal\n"
            "regel r volgens w als c > 1 dan b = toekennen\n"
            "regel s volgens w als b = toekennen dan c = 2\n", 1);
    tu_assert_diag(&C, "7:9", "cycle: b -> c -> b");
}

static void cycle_through_definition_and_decision(void **state)
{
    (void)state;
    bad(PRE "definitie d = b = toekennen\n"
            "regel r volgens w als d dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:11", "cycle: d -> b -> d");
}

static void no_cycle_for_a_chain(void **state)
{
    (void)state;
    good(PRE "definitie x = y + 1\ndefinitie y = leeftijd * 2\nbesluit c: getal\n"
             "regel r volgens w als x > 1 dan b = toekennen\n"
             "regel s volgens w als b = toekennen dan c = y\n");
}

/* ---- casus -------------------------------------------------------------------------------------- */

static void casus_unknown_fact(void **state)
{
    (void)state;
    bad(PRE RULE "casus \"c\" gegeven leeftyd = 3 verwacht b = toekennen\n", 1);
    int i = tu_assert_diag(&C, "9:19", "unknown fact 'leeftyd' in casus");
    assert_string_equal(HINT_OF(i), "did you mean 'leeftijd'?");
}

static void casus_wrong_type(void **state)
{
    (void)state;
    bad(PRE RULE "casus \"c\" gegeven leeftijd = ja verwacht b = toekennen\n", 1);
    tu_assert_diag(&C, "9:30", "the value of fact 'leeftijd' must be getal, but this is janee");
    bad(PRE RULE "casus \"c\" gegeven kind = 1 verwacht b = toekennen\n", 1);
    tu_assert_diag(&C, "9:26", "the value of fact 'kind' must be janee, but this is getal");
}

static void casus_money_with_three_decimals(void **state)
{
    (void)state;
    bad(PRE RULE "casus \"c\" gegeven inkomen = 12.345 verwacht b = toekennen\n", 1);
    tu_assert_diag(&C, "9:29", "an amount has at most 2 decimals");
}

static void casus_member_of_no_keuze(void **state)
{
    (void)state;
    bad(PRE RULE "casus \"c\" gegeven woon = villa verwacht b = toekennen\n", 1);
    tu_assert_diag(&C, "9:26", "'villa' is not one of keuze(huur, koop)");
}

static void casus_expression_is_not_a_value(void **state)
{
    (void)state;
    bad(PRE RULE "casus \"c\" gegeven leeftijd = 1 + 2 verwacht b = toekennen\n", 1);
    tu_assert_diag(&C, "9:30", "a casus gives a fact a plain value, not an expression");
}

static void casus_fact_twice(void **state)
{
    (void)state;
    bad(PRE RULE "casus \"c\" gegeven kind = ja, kind = nee verwacht b = afwijzing\n", 2);
    tu_assert_diag(&C, "9:30", "fact 'kind' is given twice in this casus");
    int i = tu_assert_diag(&C, "9:54", "'afwijzing' is not one of keuze(toekennen, afwijzen)");
    assert_string_equal(HINT_OF(i), "did you mean 'afwijzen'?");
}

static void casus_gives_a_decision(void **state)
{
    (void)state;
    bad(PRE RULE "casus \"c\" gegeven b = toekennen verwacht b = toekennen\n", 1);
    int i = tu_assert_diag(&C, "9:19", "'b' is a decision; a casus can only give facts");
    assert_string_equal(HINT_OF(i), "definitions and decisions are worked out from the facts");
}

static void casus_expectations(void **state)
{
    (void)state;
    bad(PRE RULE "casus \"c\" gegeven kind = ja verwacht bb = toekennen, waarborg r geschonden, "
                 "b = toekennen volgens ww\n", 3);
    int i = tu_assert_diag(&C, "9:38", "unknown decision 'bb' in casus");
    assert_string_equal(HINT_OF(i), "did you mean 'b'?");
    tu_assert_diag(&C, "9:63", "'r' is a rule, not a safeguard");
    tu_assert_diag(&C, "9:99", "unknown value 'ww'");
}

static void casus_good(void **state)
{
    (void)state;
    good(PRE RULE "waarborg s \"S\" leeftijd >= 0\n"
             "casus \"c\" peildatum 2026-03-01 gegeven kind = ja, leeftijd = 3, inkomen = €12.50, "
             "woon = huur verwacht b = toekennen volgens w, waarborg s geschonden\n");
}

/* ---- the order of checking ------------------------------------------------------------------- */

static void syntax_error_stops_semantic_checks(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als onbekend_ding dan b = toekennen\nfeit x getal\n", 1);
    tu_assert_diag(&C, "9:8", "unexpected 'getal', expected ':'");
    assert_int_equal(tu_diag_find(&C, "unknown name 'onbekend_ding'"), -1);
}

static void many_errors_in_one_run(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als leeftjd > 1 dan b = 5\n"
            "regel r2 volgens ww als kind dan b = toekennen\n"
            "besluit c: getal\n", 4);
    tu_assert_diag(&C, "8:23", "unknown name 'leeftjd'");
    tu_assert_diag(&C, "8:43", "the outcome must be keuze(toekennen, afwijzen), but this is getal");
    tu_assert_diag(&C, "9:18", "unknown value 'ww'");
    tu_assert_diag(&C, "10:9", "decision 'c' has no rules");
}

static void rendered_diagnostic(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als leeftjd > 18 dan b = toekennen\n", 1);
    assert_string_equal(C.rendered,
        "t.hv:8:23: error: unknown name 'leeftjd'\n"
        "    8 | regel r volgens w als leeftjd > 18 dan b = toekennen\n"
        "      |                       ^~~~~~~\n"
        "      = hint: did you mean 'leeftijd'?\n");
}

static void rendered_in_source_order(void **state)
{
    (void)state;
    /* the rule's error is found before the decision's, but is shown after it */
    bad(PRE RULE "besluit c: getal\nregel r2 volgens w als zzz dan b = afwijzen\n", 2);
    const char *r = C.rendered;
    const char *first = strstr(r, "t.hv:9:9: error: decision 'c' has no rules");
    const char *second = strstr(r, "t.hv:10:24: error: unknown name 'zzz'");
    assert_non_null(first);
    assert_non_null(second);
    assert_true(first < second);
}

static void columns_count_characters(void **state)
{
    (void)state;
    /* '€' is three bytes but one column */
    bad(PRE "regel r volgens w als inkomen > €5 en zzz dan b = toekennen\n", 1);
    tu_assert_diag(&C, "8:39", "unknown name 'zzz'");
}

static void at_most_100_errors_shown(void **state)
{
    (void)state;
    char src[16384];
    size_t k = (size_t)snprintf(src, sizeof src, "%s%s", PRE, RULE);
    for (int i = 0; i < 120; i++)
        k += (size_t)snprintf(src + k, sizeof src - k, "regel q%d volgens w als onbekend%d dan b = afwijzen\n", i, i);
    bad(src, 120);
    assert_int_equal(C.diags.n, 100);
    const char *tail = "houvast: 20 more errors not shown\n";
    size_t n = strlen(C.rendered), t = strlen(tail);
    assert_true(n > t);
    assert_string_equal(C.rendered + n - t, tail);
}

static void edit_distance_and_suggestions(void **state)
{
    (void)state;
    assert_int_equal(hv_edit_distance("leeftijd", "leeftijd"), 0);
    assert_int_equal(hv_edit_distance("leeftjd", "leeftijd"), 1);
    assert_int_equal(hv_edit_distance("leeftjid", "leeftijd"), 1);   /* transposition */
    assert_int_equal(hv_edit_distance("", "abc"), 3);
    const char *cands[] = {"leeftijd", "inkomen", "kind"};
    assert_string_equal(hv_did_you_mean("inkomn", cands, 3), "inkomen");
    assert_string_equal(hv_did_you_mean("knid", cands, 3), "kind");
    assert_null(hv_did_you_mean("auto", cands, 3));
    assert_null(hv_did_you_mean("kind", cands, 3));        /* the same name is no suggestion */
    assert_null(hv_did_you_mean("xyz", cands, 3));

    /* the suggestion is the first candidate at the smallest distance within
     * the limit, as a plain walk over all candidates finds it: names made
     * from the candidates by up to three random edits */
    const char *words[] = {"leeftijd", "inkomen", "kind", "regel", "rangorde", "besluit", "als", "dan", "en", "niet",
                           "uitzondering", "waarde", "feit", "omdat", "volgens", "toekennen", "afwijzen", "of", "x"};
    int nw = (int)(sizeof words / sizeof *words);
    unsigned seed = 20261122;
    for (int round = 0; round < 20000; round++) {
        char name[40];
        seed = seed * 1103515245u + 12345u;
        snprintf(name, sizeof name, "%s", words[(seed >> 16) % (unsigned)nw]);
        for (int e = (int)((seed >> 8) % 4u); e > 0; e--) {
            seed = seed * 1103515245u + 12345u;
            size_t len = strlen(name), at = len ? (seed >> 16) % len : 0;
            switch ((seed >> 4) % 3u) {
            case 0: if (len) memmove(name + at, name + at + 1, len - at); break;           /* drop one */
            case 1: if (len < 30) { memmove(name + at + 1, name + at, len - at + 1); name[at] = (char)('a' + seed % 26u); } break;
            default: if (len) name[at] = (char)('a' + (seed >> 20) % 26u); break;          /* change one */
            }
        }
        size_t len = strlen(name);
        int limit = len <= 3 ? 1 : len <= 8 ? 2 : 3, bestd = 99;
        const char *want = NULL;
        for (int i = 0; i < nw; i++) {
            if (strcmp(words[i], name) == 0) continue;
            int dist = hv_edit_distance(name, words[i]);
            if (dist < bestd) { bestd = dist; want = words[i]; }
        }
        if (bestd > limit) want = NULL;
        const char *got = hv_did_you_mean(name, words, nw);
        if (got != want) fail_msg("'%s': suggests '%s', a plain walk '%s'", name, got ? got : "(none)", want ? want : "(none)");
    }
}

static void sources_given_back_on_error(void **state)
{
    (void)state;
    bad(PRE "regel r volgens w als x dan b = toekennen\n", 1);
    assert_int_equal(C.src.n, 1);
    assert_ptr_equal(C.diags.src, &C.src);
    assert_string_equal(C.src.files[0].name, "t.hv");
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, teardown_each)
    const struct CMUnitTest tests[] = {
        T(undeclared_name_with_hint),
        T(undeclared_name_without_hint),
        T(unknown_value_after_volgens),
        T(volgens_names_a_fact),
        T(unknown_decision_in_dan),
        T(dan_assigns_a_fact),
        T(value_used_as_expression),
        T(declared_twice),
        T(member_twice_in_keuze),
        T(regelset_twice_in_one_file),
        T(unknown_function),
        T(function_arity),
        T(template_names_are_checked),
        T(template_braces),
        T(condition_must_be_janee),
        T(en_needs_janee),
        T(niet_needs_janee),
        T(outcome_type),
        T(outcome_member_of_another_keuze),
        T(compare_money_with_number_fact),
        T(keuze_has_no_order),
        T(member_compared_with_other_keuze),
        T(member_wins_over_declared_name_on_both_sides),
        T(bare_member),
        T(arithmetic_types),
        T(function_argument_types),
        T(standaard_and_waarborg_types),
        T(dates_and_days),
        T(number_literal_next_to_bedrag_is_money),
        T(number_times_money_stays_a_number),
        T(money_literal_too_precise),
        T(value_missing_from_rangorde),
        T(no_rangorde_at_all),
        T(value_twice_in_rangorde),
        T(rangorde_names_unknown_or_non_value),
        T(decision_without_rules),
        T(rule_set_without_decisions),
        T(rule_problems),
        T(exception_names_a_fact),
        T(definition_cycle_names_the_whole_cycle),
        T(self_reference),
        T(decision_cycle),
        T(cycle_through_definition_and_decision),
        T(no_cycle_for_a_chain),
        T(casus_unknown_fact),
        T(casus_wrong_type),
        T(casus_money_with_three_decimals),
        T(casus_member_of_no_keuze),
        T(casus_expression_is_not_a_value),
        T(casus_fact_twice),
        T(casus_gives_a_decision),
        T(casus_expectations),
        T(casus_good),
        T(syntax_error_stops_semantic_checks),
        T(many_errors_in_one_run),
        T(rendered_diagnostic),
        T(rendered_in_source_order),
        T(columns_count_characters),
        T(at_most_100_errors_shown),
        T(edit_distance_and_suggestions),
        T(sources_given_back_on_error),
    };
    return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
