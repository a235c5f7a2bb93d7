/* test_eval.c — deciding cases: every status of §4, Kleene logic,
 * exceptions, overruled rules, open rules, safeguards, errors, and the
 * evaluation context across many cases. */
#include "testutil.h"

#include <pthread.h>

#include "eval_int.h"

/* ---- rule sets ----------------------------------------------------------------------- */

/* Statuses. a = b > c; facts in the order of the spec strings below. */
#define RS_STATUS                                               \
    "waarde a \"A\"\nwaarde b \"B\"\nwaarde c \"C\"\n"          \
    "rangorde a = b > c\n"                                      \
    "feit x: janee\nfeit y: janee\nfeit z: janee\nfeit w2: janee\n" \
    "feit j: janee\nfeit j2: janee\nfeit jc: janee\n"           \
    "besluit d: keuze(p, q, r)\n"                               \
    "regel ra volgens a als x dan d = p omdat \"ra geeft p\"\n" \
    "regel rb volgens b als y dan d = q\n"                      \
    "regel rb2 volgens b als w2 dan d = p\n"                    \
    "regel rc volgens c als z dan d = r\n"                      \
    "regel rj volgens b als j dan d ter beoordeling omdat \"Een persoon beslist.\"\n" \
    "regel rj2 volgens a als j2 dan d ter beoordeling\n"        \
    "regel rjc volgens c als jc dan d ter beoordeling\n"

static const char *const STATUS_FACTS[] = {"x", "y", "z", "w2", "j", "j2", "jc"};

/* Errors. */
#define RS_ERROR                                                \
    "waarde w \"W\"\nrangorde w\n"                              \
    "feit n: getal\nfeit m: bedrag\nfeit g: datum\nfeit x: janee\n" \
    "besluit deling: getal\n"                                   \
    "besluit overloop: bedrag\n"                                \
    "besluit datum_uit: datum\n"                                \
    "besluit datum_ver: datum\n"                                \
    "besluit volgt: getal\n"                                    \
    "besluit cond_err: janee\n"                                 \
    "besluit kort: janee\n"                                     \
    "regel r1 volgens w dan deling = 10 / n\n"                  \
    "regel r2 volgens w dan overloop = m * 1000000\n"           \
    "regel r3 volgens w dan datum_uit = g - 1\n"                \
    "regel r4 volgens w dan datum_ver = peildatum + 3000000\n"  \
    "regel r5 volgens w dan volgt = deling + 1\n"               \
    "regel r6 volgens w als 10 / n > 1 dan cond_err = ja\n"     \
    "regel r7 volgens w als x en 10 / n > 1 of niet x dan kort = ja\n"

/* Kleene logic, read through safeguards (holds = the value). */
#define RS_KLEENE                                               \
    "waarde w \"W\"\nrangorde w\n"                              \
    "feit a: janee\nfeit b: janee\nfeit n: getal\nfeit k: keuze(huur, koop)\n" \
    "besluit d: janee\nregel r volgens w dan d = ja\n"          \
    "waarborg en_ \"en\" a en b\n"                              \
    "waarborg of_ \"of\" a of b\n"                              \
    "waarborg niet_ \"niet\" niet a\n"                          \
    "waarborg als_dan \"als dan\" als a dan b\n"                \
    "waarborg vgl \"vergelijking\" n > 1\n"                     \
    "waarborg som \"som\" n + 1 > 1\n"                          \
    "waarborg gelijk \"gelijk\" n = n\n"                        \
    "waarborg bek \"bekend\" bekend(n)\n"                       \
    "waarborg niet_bek \"niet bekend\" niet known(a)\n"         \
    "waarborg in_ \"in\" k in (huur)\n"                         \
    "waarborg notin \"niet in\" k niet in (huur)\n"             \
    "waarborg in_list \"in lijst\" n in (1, 2)\n"               \
    "waarborg kort_en \"kort en\" a en 10 / n > 1\n"            \
    "waarborg kort_of \"kort of\" a of 10 / n > 1\n"

/* Exceptions. */
#define RS_EXC                                                  \
    "waarde hoog \"H\"\nwaarde laag \"L\"\nrangorde hoog > laag\n" \
    "feit x: janee\nfeit y: janee\n"                            \
    "besluit d: keuze(p, q)\nbesluit e: keuze(p, q)\n"          \
    "regel basis volgens hoog als x dan d = p, e = p\n"         \
    "regel uitz volgens laag uitzondering op basis als y dan d = q\n"

/* Values of every type, arithmetic, templates. */
#define RS_VALUES                                               \
    "waarde w \"W\"\nrangorde w\n"                              \
    "feit n: getal\nfeit m: bedrag\nfeit m2: bedrag\nfeit t: datum\nfeit t2: datum\n" \
    "feit s: tekst\nfeit b: janee\nfeit k: keuze(een_twee, drie)\nfeit u: getal\n" \
    "besluit o_num: getal\nbesluit o_num2: getal\nbesluit o_money: bedrag\n" \
    "besluit o_date: datum\nbesluit o_text: tekst\nbesluit o_bool: janee\n" \
    "besluit o_choice: keuze(een_twee, drie)\n"                 \
    "besluit half: bedrag\nbesluit derde: bedrag\nbesluit neg_half: bedrag\n" \
    "besluit ratio: getal\nbesluit grens: janee\nbesluit plus: bedrag\n" \
    "besluit dag_erna: datum\nbesluit dag_ervoor: datum\nbesluit dagen: getal\n" \
    "besluit kleinst: getal\nbesluit grootst: datum\nbesluit absoluut: bedrag\n" \
    "besluit tekst_uit: janee\n"                                \
    "regel r_num volgens w dan o_num = n * 1.5\n"               \
    "regel r_num2 volgens w dan o_num2 = n + 1\n"               \
    "regel r_money volgens w dan o_money = m\n"                 \
    "regel r_date volgens w dan o_date = t\n"                   \
    "regel r_text volgens w dan o_text = s\n"                   \
    "regel r_bool volgens w dan o_bool = b\n"                   \
    "regel r_choice volgens w dan o_choice = k\n"               \
    "regel r_half volgens w dan half = m * 0.5\n"               \
    "regel r_derde volgens w dan derde = m / 3\n"               \
    "regel r_neg volgens w dan neg_half = -m * 0.5\n"           \
    "regel r_ratio volgens w dan ratio = m / m2\n"              \
    "regel r_grens volgens w dan grens = m < 1500\n"            \
    "regel r_plus volgens w dan plus = m + 10\n"                \
    "regel r_erna volgens w dan dag_erna = t + 30\n"            \
    "regel r_ervoor volgens w dan dag_ervoor = t - 1\n"         \
    "regel r_dagen volgens w dan dagen = t - t2\n"              \
    "regel r_klein volgens w dan kleinst = min(n, 3, -1.5)\n"   \
    "regel r_groot volgens w dan grootst = max(t, t2, peildatum)\n" \
    "regel r_abs volgens w dan absoluut = abs(m2 - m)\n"        \
    "regel r_tekst volgens w dan tekst_uit = s = \"hallo\"\n"   \
    "    omdat \"n={n} m={m} t={t} s={s} b={b} k={k} u={u}\"\n"

/* Decisions that read decisions, standaard and outcome expressions. */
#define RS_DEPS                                                 \
    "waarde w \"W\"\nwaarde v \"V\"\nrangorde w = v\n"          \
    "feit x: janee\nfeit y: janee\nfeit n: getal\nfeit q: getal\n" \
    "besluit basis: getal\n"                                    \
    "besluit afgeleid: getal\n"                                 \
    "besluit met_standaard: getal standaard q * 2\n"            \
    "besluit uitkomst_onbekend: getal\n"                        \
    "regel r1 volgens w als x dan basis = n\n"                  \
    "regel r1b volgens v als y dan basis = 99\n"                \
    "regel r2 volgens w dan afgeleid = basis * 2 omdat \"Twee keer {basis}.\"\n" \
    "regel r3 volgens w als nee dan met_standaard = 1\n"        \
    "regel r4 volgens w als x dan uitkomst_onbekend = q + n\n"

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

/* A JSON case from a spec: one char per fact in `names`, '1' true,
 * '0' false, '?' unknown (left out). */
static const char *spec_json(const char *spec, const char *const *names)
{
    char *b = tu_ring(1024);
    size_t k = (size_t)snprintf(b, 1024, "{");
    int first = 1;
    for (int i = 0; spec[i]; i++) {
        if (spec[i] == '?') continue;
        k += (size_t)snprintf(b + k, 1024 - k, "%s\"%s\": %s", first ? "" : ", ", names[i],
                              spec[i] == '1' ? "true" : "false");
        first = 0;
    }
    snprintf(b + k, 1024 - k, "}");
    return b;
}

static json_t *run_status(const char *spec, int flags)
{
    return tu_run_flags(P, spec_json(spec, STATUS_FACTS), flags);
}

/* Is every field of `want` (parsed from JSON text) in `got`, recursively?
 * Objects may have more fields in `got`; arrays must match in length. */
static int json_subset(json_t *want, json_t *got)
{
    if (json_is_object(want)) {
        if (!json_is_object(got)) return 0;
        const char *k;
        json_t *v;
        json_object_foreach(want, k, v)
            if (!json_subset(v, json_object_get(got, k))) return 0;
        return 1;
    }
    if (json_is_array(want)) {
        if (!json_is_array(got) || json_array_size(want) != json_array_size(got)) return 0;
        for (size_t i = 0; i < json_array_size(want); i++)
            if (!json_subset(json_array_get(want, i), json_array_get(got, i))) return 0;
        return 1;
    }
    return got && json_equal(want, got);
}

#define assert_json_subset(want_text, got) do {                                  \
        json_error_t _je;                                                        \
        json_t *_w = json_loads((want_text), 0, &_je);                           \
        if (!_w) fail_msg("bad expected JSON: %s", _je.text);                    \
        if (!json_subset(_w, (got)))                                             \
            fail_msg("expected %s\n     got %s", tu_js(_w), tu_js(got));         \
        json_decref(_w);                                                         \
    } while (0)

/* ---- the brief ----------------------------------------------------------------------------- */

static const char *BRIEF_CASE =
    "{\"dreigende_huisuitzetting\": true, \"minderjarige_kinderen\": 2,"
    " \"kan_zelf_werk_vinden\": true, \"leeftijd\": 34}";

static void brief_example_output(void **state)
{
    (void)state;
    compile(TU_BRIEF);
    json_t *r = tu_run(P, BRIEF_CASE);
    assert_json_subset(
        "{\"ruleset\": {\"name\": \"Maatwerk Werk en Inkomen\", \"version\": \"2026.1\"},"
        " \"peildatum\": \"2026-03-01\","
        " \"decisions\": [{\"decision\": \"ondersteuning\", \"status\": \"decided\","
        "   \"outcome\": \"toekennen\", \"value\": \"geen_kinderen_dakloos\","
        "   \"rule\": \"huisuitzetting_met_kinderen\","
        "   \"explanation\": \"Er dreigt huisuitzetting en er wonen 2 minderjarige kinderen in het huishouden.\","
        "   \"overruled\": [{\"rule\": \"zelf_werk_zoeken\", \"value\": \"werk_boven_inkomen\", \"outcome\": \"afwijzen\"}],"
        "   \"conflicts\": [], \"missing\": []}],"
        " \"safeguards\": [{\"safeguard\": \"geen_kale_afwijzing\", \"holds\": true}],"
        " \"review_required\": false}", r);
    const char *sha = json_string_value(json_object_get(json_object_get(r, "ruleset"), "sha256"));
    assert_non_null(sha);
    assert_string_equal(sha, hv_program_sha256(P));
    json_decref(r);
}

static void brief_default(void **state)
{
    (void)state;
    compile(TU_BRIEF);
    json_t *r = tu_run(P, "{\"dreigende_huisuitzetting\": false, \"kan_zelf_werk_vinden\": false}");
    assert_json_subset(
        "{\"decision\": \"ondersteuning\", \"status\": \"default\", \"outcome\": \"doorverwijzen\","
        " \"value\": null, \"rule\": null, \"explanation\": \"Geen richtlijn is van toepassing.\","
        " \"overruled\": [], \"conflicts\": [], \"missing\": []}", tu_dec(r, "ondersteuning"));
    assert_false(tu_review(r));
    json_decref(r);
}

static void brief_undetermined_lists_missing_in_declaration_order(void **state)
{
    (void)state;
    compile(TU_BRIEF);
    json_t *r = tu_run(P, "{}");
    assert_string_equal(tu_status(r, "ondersteuning"), "undetermined");
    assert_string_equal(tu_outcome(r, "ondersteuning"), "null");
    assert_string_equal(tu_missing(r, "ondersteuning"),
                        "minderjarige_kinderen,dreigende_huisuitzetting,kan_zelf_werk_vinden");
    json_decref(r);
}

static void brief_missing_only_what_keeps_it_open(void **state)
{
    (void)state;
    compile(TU_BRIEF);
    /* the higher value's rule is open only through the number of children */
    json_t *r = tu_run(P, "{\"dreigende_huisuitzetting\": true, \"kan_zelf_werk_vinden\": true}");
    assert_string_equal(tu_status(r, "ondersteuning"), "undetermined");
    assert_string_equal(tu_missing(r, "ondersteuning"), "minderjarige_kinderen");
    json_decref(r);
    /* with no eviction threat the children do not matter */
    r = tu_run(P, "{\"dreigende_huisuitzetting\": false, \"kan_zelf_werk_vinden\": true,"
                  " \"doorverwezen\": true}");
    assert_string_equal(tu_status(r, "ondersteuning"), "decided");
    assert_string_equal(tu_outcome(r, "ondersteuning"), "\"afwijzen\"");
    assert_string_equal(tu_field(r, "ondersteuning", "value"), "\"werk_boven_inkomen\"");
    assert_string_equal(tu_refs(r, "ondersteuning", "overruled"), "");
    json_decref(r);
}

/* ---- statuses ---------------------------------------------------------------------------- */

static void decided_with_overruled(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("1010000", 0);
    assert_string_equal(tu_status(r, "d"), "decided");
    assert_string_equal(tu_outcome(r, "d"), "\"p\"");
    assert_string_equal(tu_field(r, "d", "value"), "\"a\"");
    assert_string_equal(tu_field(r, "d", "rule"), "\"ra\"");
    assert_string_equal(tu_field(r, "d", "explanation"), "\"ra geeft p\"");
    assert_string_equal(tu_refs(r, "d", "overruled"), "rc:c:\"r\"");
    assert_string_equal(tu_refs(r, "d", "conflicts"), "");
    assert_string_equal(tu_missing(r, "d"), "");
    json_decref(r);
}

static void decided_by_the_first_agreeing_rule(void **state)
{
    (void)state;
    compile(RS_STATUS);
    /* rb2 (value b) agrees with ra (value a) at the same rank: ra is first in the file */
    json_t *r = run_status("1001000", 0);
    assert_string_equal(tu_status(r, "d"), "decided");
    assert_string_equal(tu_outcome(r, "d"), "\"p\"");
    assert_string_equal(tu_field(r, "d", "rule"), "\"ra\"");
    json_decref(r);
    r = run_status("0001000", 0);
    assert_string_equal(tu_field(r, "d", "rule"), "\"rb2\"");
    assert_string_equal(tu_field(r, "d", "value"), "\"b\"");
    assert_string_equal(tu_field(r, "d", "explanation"), "null");
    json_decref(r);
}

static void decided_at_a_lower_rank(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("0010000", 0);
    assert_string_equal(tu_status(r, "d"), "decided");
    assert_string_equal(tu_outcome(r, "d"), "\"r\"");
    assert_string_equal(tu_field(r, "d", "value"), "\"c\"");
    json_decref(r);
}

static void conflict(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("1110000", 0);
    assert_string_equal(tu_status(r, "d"), "conflict");
    assert_string_equal(tu_outcome(r, "d"), "null");
    assert_string_equal(tu_field(r, "d", "value"), "null");
    assert_string_equal(tu_field(r, "d", "rule"), "null");
    assert_string_equal(tu_refs(r, "d", "conflicts"), "ra:a:\"p\",rb:b:\"q\"");
    assert_string_equal(tu_refs(r, "d", "overruled"), "rc:c:\"r\"");
    assert_string_equal(tu_missing(r, "d"), "");
    json_decref(r);
}

static void undetermined_open_rule_at_same_rank_other_outcome(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("1?00000", 0);
    assert_string_equal(tu_status(r, "d"), "undetermined");
    assert_string_equal(tu_outcome(r, "d"), "null");
    assert_string_equal(tu_missing(r, "d"), "y");
    assert_string_equal(tu_field(r, "d", "rule"), "null");
    json_decref(r);
}

static void open_rule_at_same_rank_same_outcome_does_not_matter(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("100?000", 0);
    assert_string_equal(tu_status(r, "d"), "decided");
    assert_string_equal(tu_outcome(r, "d"), "\"p\"");
    json_decref(r);
}

static void open_rule_at_lower_rank_does_not_matter(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("10?000?", 0);
    assert_string_equal(tu_status(r, "d"), "decided");
    assert_string_equal(tu_outcome(r, "d"), "\"p\"");
    assert_string_equal(tu_missing(r, "d"), "");
    json_decref(r);
}

static void open_rule_at_higher_rank_matters(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("??10000", 0);
    assert_string_equal(tu_status(r, "d"), "undetermined");
    assert_string_equal(tu_missing(r, "d"), "x,y");
    json_decref(r);
}

static void nothing_applicable_but_open(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("???????", 0);
    assert_string_equal(tu_status(r, "d"), "undetermined");
    assert_string_equal(tu_missing(r, "d"), "x,y,z,w2,j,j2,jc");
    json_decref(r);
    r = run_status("00?0000", 0);
    assert_string_equal(tu_status(r, "d"), "undetermined");
    assert_string_equal(tu_missing(r, "d"), "z");
    json_decref(r);
}

static void none_without_standaard(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("0000000", 0);
    assert_string_equal(tu_status(r, "d"), "none");
    assert_string_equal(tu_outcome(r, "d"), "null");
    assert_string_equal(tu_field(r, "d", "value"), "null");
    assert_string_equal(tu_field(r, "d", "rule"), "null");
    assert_string_equal(tu_field(r, "d", "explanation"), "null");
    assert_string_equal(tu_missing(r, "d"), "");
    json_decref(r);
}

static void judgement(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("1000100", 0);
    assert_string_equal(tu_status(r, "d"), "judgement");
    assert_string_equal(tu_outcome(r, "d"), "null");
    assert_string_equal(tu_field(r, "d", "rule"), "\"rj\"");
    assert_string_equal(tu_field(r, "d", "value"), "\"b\"");
    assert_string_equal(tu_field(r, "d", "explanation"), "\"Een persoon beslist.\"");
    assert_string_equal(tu_refs(r, "d", "options"), "ra:a:\"p\"");
    assert_string_equal(tu_refs(r, "d", "conflicts"), "");
    json_decref(r);
}

static void judgement_overrules_lower_rules(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("0010100", 0);
    assert_string_equal(tu_status(r, "d"), "judgement");
    assert_string_equal(tu_refs(r, "d", "options"), "");
    assert_string_equal(tu_refs(r, "d", "overruled"), "rc:c:\"r\"");
    json_decref(r);
}

static void judgement_first_in_file_order(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("0000110", 0);
    assert_string_equal(tu_status(r, "d"), "judgement");
    assert_string_equal(tu_field(r, "d", "rule"), "\"rj\"");
    assert_string_equal(tu_refs(r, "d", "options"), "rj2:a:null:J");
    json_decref(r);
}

static void lower_judgement_is_overruled(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("1000001", 0);
    assert_string_equal(tu_status(r, "d"), "decided");
    assert_string_equal(tu_outcome(r, "d"), "\"p\"");
    assert_string_equal(tu_refs(r, "d", "overruled"), "rjc:c:null:J");
    json_decref(r);
}

static void open_judgement_matters_unless_one_applies(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("1000?00", 0);
    assert_string_equal(tu_status(r, "d"), "undetermined");
    assert_string_equal(tu_missing(r, "d"), "j");
    json_decref(r);
    r = run_status("10001?0", 0);
    assert_string_equal(tu_status(r, "d"), "judgement");
    assert_string_equal(tu_field(r, "d", "rule"), "\"rj\"");
    json_decref(r);
}

/* ---- the trace --------------------------------------------------------------------------- */

static void trace_states(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("1010000", HV_EVAL_TRACE);
    assert_string_equal(tu_rule_state(r, "d", "ra"), "decided");
    assert_string_equal(tu_rule_state(r, "d", "rb"), "not_applicable");
    assert_string_equal(tu_rule_state(r, "d", "rc"), "overruled");
    assert_string_equal(tu_js(json_object_get(tu_trace(r, "d", "rc"), "overruled_by")), "\"ra\"");
    assert_string_equal(tu_js(json_object_get(tu_trace(r, "d", "rc"), "outcome")), "\"r\"");
    assert_int_equal(json_array_size(json_object_get(tu_dec(r, "d"), "rules")), 7);
    json_decref(r);

    r = run_status("1110000", HV_EVAL_TRACE);
    assert_string_equal(tu_rule_state(r, "d", "ra"), "conflict");
    assert_string_equal(tu_rule_state(r, "d", "rb"), "conflict");
    json_decref(r);

    r = run_status("1000100", HV_EVAL_TRACE);
    assert_string_equal(tu_rule_state(r, "d", "rj"), "judgement");
    assert_string_equal(tu_rule_state(r, "d", "ra"), "judgement");
    json_decref(r);
}

static void trace_open_rule_matters(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("1?00000", HV_EVAL_TRACE);
    json_t *rb = tu_trace(r, "d", "rb");
    assert_string_equal(tu_js(json_object_get(rb, "state")), "\"open\"");
    assert_string_equal(tu_js(json_object_get(rb, "matters")), "true");
    assert_string_equal(tu_js(json_object_get(rb, "missing")), "[\"y\"]");
    assert_string_equal(tu_rule_state(r, "d", "ra"), "applicable");
    json_decref(r);
}

static void trace_open_rule_does_not_matter(void **state)
{
    (void)state;
    compile(RS_STATUS);
    json_t *r = run_status("10?0000", HV_EVAL_TRACE);
    json_t *rc = tu_trace(r, "d", "rc");
    assert_string_equal(tu_js(json_object_get(rc, "state")), "\"open\"");
    assert_string_equal(tu_js(json_object_get(rc, "matters")), "false");
    assert_string_equal(tu_js(json_object_get(rc, "missing")), "[\"z\"]");
    assert_string_equal(tu_rule_state(r, "d", "ra"), "decided");
    json_decref(r);
}

static void trace_why_not(void **state)
{
    (void)state;
    compile(TU_BRIEF);
    json_t *r = tu_run_flags(P, "{\"dreigende_huisuitzetting\": true, \"minderjarige_kinderen\": 0,"
                                " \"kan_zelf_werk_vinden\": false}", HV_EVAL_TRACE);
    json_t *h = tu_trace(r, "ondersteuning", "huisuitzetting_met_kinderen");
    assert_string_equal(tu_js(json_object_get(h, "state")), "\"not_applicable\"");
    json_t *because = json_object_get(h, "because");
    assert_string_equal(tu_js(json_object_get(because, "condition")), "\"minderjarige_kinderen > 0\"");
    assert_string_equal(tu_js(json_object_get(because, "facts")), "{\"minderjarige_kinderen\":0}");
    assert_string_equal(tu_js(json_object_get(because, "via")), "[\"gezin_met_kinderen\"]");
    assert_string_equal(tu_js(json_object_get(because, "location")), "\"t.hv:15:32\"");
    json_t *z = tu_trace(r, "ondersteuning", "zelf_werk_zoeken");
    because = json_object_get(z, "because");
    assert_string_equal(tu_js(json_object_get(because, "condition")), "\"kan_zelf_werk_vinden\"");
    assert_string_equal(tu_js(json_object_get(because, "facts")), "{\"kan_zelf_werk_vinden\":false}");
    json_decref(r);
}

/* ---- Kleene logic ------------------------------------------------------------------------- */

static const char *kleene_val(char c) { return c == 'T' ? "true" : c == 'F' ? "false" : "null"; }

static void kleene_tables(void **state)
{
    (void)state;
    compile(RS_KLEENE);
    /* a b | en of als-dan */
    static const char *const rows[] = {
        "TT TTT", "TF FTF", "TU UTU",
        "FT FTT", "FF FFT", "FU FUT",
        "UT UTT", "UF FUU", "UU UUU",
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        const char *row = rows[i];
        char json[128];
        size_t k = (size_t)snprintf(json, sizeof json, "{\"n\": 5");
        if (row[0] != 'U') k += (size_t)snprintf(json + k, sizeof json - k, ", \"a\": %s", kleene_val(row[0]));
        if (row[1] != 'U') k += (size_t)snprintf(json + k, sizeof json - k, ", \"b\": %s", kleene_val(row[1]));
        snprintf(json + k, sizeof json - k, "}");
        json_t *r = tu_run(P, json);
        const char *en = tu_holds(r, "en_"), *of = tu_holds(r, "of_"), *ad = tu_holds(r, "als_dan");
        if (strcmp(en, kleene_val(row[3])) || strcmp(of, kleene_val(row[4])) || strcmp(ad, kleene_val(row[5])))
            fail_msg("a=%c b=%c: en %s (want %s), of %s (want %s), als-dan %s (want %s)", row[0], row[1],
                     en, kleene_val(row[3]), of, kleene_val(row[4]), ad, kleene_val(row[5]));
        json_decref(r);
    }
}

static void kleene_niet(void **state)
{
    (void)state;
    compile(RS_KLEENE);
    json_t *r = tu_run(P, "{\"a\": true}");
    assert_string_equal(tu_holds(r, "niet_"), "false");
    json_decref(r);
    r = tu_run(P, "{\"a\": false}");
    assert_string_equal(tu_holds(r, "niet_"), "true");
    json_decref(r);
    r = tu_run(P, "{}");
    assert_string_equal(tu_holds(r, "niet_"), "null");
    json_decref(r);
}

static void unknown_operands(void **state)
{
    (void)state;
    compile(RS_KLEENE);
    json_t *r = tu_run(P, "{}");
    assert_string_equal(tu_holds(r, "vgl"), "null");
    assert_string_equal(tu_holds(r, "som"), "null");
    assert_string_equal(tu_holds(r, "gelijk"), "null");
    assert_string_equal(tu_holds(r, "in_"), "null");
    assert_string_equal(tu_holds(r, "notin"), "null");
    assert_string_equal(tu_holds(r, "in_list"), "null");
    /* bekend() is never unknown */
    assert_string_equal(tu_holds(r, "bek"), "false");
    assert_string_equal(tu_holds(r, "niet_bek"), "true");
    assert_true(tu_review(r));
    json_decref(r);
    r = tu_run(P, "{\"n\": 2, \"k\": \"koop\", \"a\": true}");
    assert_string_equal(tu_holds(r, "vgl"), "true");
    assert_string_equal(tu_holds(r, "som"), "true");
    assert_string_equal(tu_holds(r, "gelijk"), "true");
    assert_string_equal(tu_holds(r, "bek"), "true");
    assert_string_equal(tu_holds(r, "niet_bek"), "false");
    assert_string_equal(tu_holds(r, "in_"), "false");
    assert_string_equal(tu_holds(r, "notin"), "true");
    assert_string_equal(tu_holds(r, "in_list"), "true");
    json_decref(r);
}

static void short_circuit_skips_errors(void **state)
{
    (void)state;
    compile(RS_KLEENE);
    /* n = 0: 10 / n fails, but en stops at a false a and of at a true a */
    json_t *r = tu_run(P, "{\"n\": 0, \"a\": false}");
    assert_string_equal(tu_holds(r, "kort_en"), "false");
    json_decref(r);
    r = tu_run(P, "{\"n\": 0, \"a\": true}");
    assert_string_equal(tu_holds(r, "kort_of"), "true");
    /* evaluated: the failing safeguard does not hold, and needs review */
    assert_string_equal(tu_holds(r, "kort_en"), "null");
    assert_true(tu_review(r));
    json_decref(r);
}

static void long_en_chain_reads_every_operand(void **state)
{
    (void)state;
    static char src[16384];
    size_t k = (size_t)snprintf(src, sizeof src,
        "waarde w \"W\"\nrangorde w\nfeit a: janee\nfeit b: janee\nbesluit d: janee\n"
        "regel r volgens w dan d = a");
    for (int i = 0; i < 298; i++) k += (size_t)snprintf(src + k, sizeof src - k, " en a");
    snprintf(src + k, sizeof src - k, " en b\n");
    compile(src);
    json_t *r = tu_run(P, "{\"a\": true, \"b\": false}");
    assert_string_equal(tu_outcome(r, "d"), "false");
    json_decref(r);
}

/* ---- errors ---------------------------------------------------------------------------------- */

static void error_statuses(void **state)
{
    (void)state;
    compile(RS_ERROR);
    json_t *r = tu_run(P, "{\"n\": 0, \"m\": 1000000000000, \"g\": \"0001-01-01\", \"x\": true}");
    assert_string_equal(tu_status(r, "deling"), "error");
    assert_string_equal(tu_outcome(r, "deling"), "null");
    assert_json_subset("{\"message\": \"deling door nul\", \"location\": \"t.hv:14:33\","
                       " \"expression\": \"10 / n\"}", json_object_get(tu_dec(r, "deling"), "error"));
    assert_string_equal(tu_status(r, "overloop"), "error");
    assert_json_subset("{\"message\": \"getal of bedrag te groot (overloop)\", \"expression\": \"m * 1000000\"}",
                       json_object_get(tu_dec(r, "overloop"), "error"));
    assert_string_equal(tu_status(r, "datum_uit"), "error");
    assert_json_subset("{\"message\": \"datum buiten het bereik 0001-01-01 tot 9999-12-31\","
                       " \"expression\": \"g - 1\"}", json_object_get(tu_dec(r, "datum_uit"), "error"));
    assert_string_equal(tu_status(r, "datum_ver"), "error");
    assert_json_subset("{\"message\": \"datum buiten het bereik 0001-01-01 tot 9999-12-31\"}",
                       json_object_get(tu_dec(r, "datum_ver"), "error"));
    json_decref(r);
}

static void error_in_a_decision_read_by_another(void **state)
{
    (void)state;
    compile(RS_ERROR);
    json_t *r = tu_run(P, "{\"n\": 0}");
    assert_string_equal(tu_status(r, "volgt"), "error");
    assert_json_subset("{\"message\": \"een besluit waarvan dit afhangt gaf een fout\"}",
                       json_object_get(tu_dec(r, "volgt"), "error"));
    json_decref(r);
}

static void error_in_a_condition(void **state)
{
    (void)state;
    compile(RS_ERROR);
    json_t *r = tu_run(P, "{\"n\": 0, \"x\": true}");
    assert_string_equal(tu_status(r, "cond_err"), "error");
    assert_json_subset("{\"message\": \"deling door nul\", \"expression\": \"10 / n\"}",
                       json_object_get(tu_dec(r, "cond_err"), "error"));
    /* x true: en evaluates 10 / n; the error wins over everything after it */
    assert_string_equal(tu_status(r, "kort"), "error");
    json_decref(r);
    r = tu_run(P, "{\"n\": 0, \"x\": false}");
    assert_string_equal(tu_status(r, "kort"), "decided");
    assert_string_equal(tu_outcome(r, "kort"), "true");
    json_decref(r);
}

static void no_error_with_good_values(void **state)
{
    (void)state;
    compile(RS_ERROR);
    json_t *r = tu_run(P, "{\"n\": 2, \"m\": 1, \"g\": \"2026-03-01\", \"x\": true}");
    assert_string_equal(tu_outcome(r, "deling"), "5");
    assert_string_equal(tu_outcome(r, "overloop"), "\"1000000.00\"");
    assert_string_equal(tu_outcome(r, "datum_uit"), "\"2026-02-28\"");
    assert_string_equal(tu_outcome(r, "volgt"), "6");
    assert_string_equal(tu_outcome(r, "cond_err"), "true");
    assert_string_equal(tu_outcome(r, "kort"), "true");
    assert_null(json_object_get(tu_dec(r, "deling"), "error"));
    json_decref(r);
}

/* ---- exceptions ------------------------------------------------------------------------------- */

static void exception_sets_rule_aside_for_every_decision(void **state)
{
    (void)state;
    compile(RS_EXC);
    json_t *r = tu_run_flags(P, "{\"x\": true, \"y\": true}", HV_EVAL_TRACE);
    assert_string_equal(tu_status(r, "d"), "decided");
    assert_string_equal(tu_outcome(r, "d"), "\"q\"");
    assert_string_equal(tu_field(r, "d", "rule"), "\"uitz\"");
    assert_string_equal(tu_field(r, "d", "value"), "\"laag\"");
    assert_string_equal(tu_refs(r, "d", "overruled"), "");
    assert_string_equal(tu_rule_state(r, "d", "basis"), "set_aside");
    assert_string_equal(tu_js(json_object_get(tu_trace(r, "d", "basis"), "set_aside_by")), "\"uitz\"");
    /* e is not assigned by the exception, but basis is set aside there too */
    assert_string_equal(tu_status(r, "e"), "none");
    assert_string_equal(tu_rule_state(r, "e", "basis"), "set_aside");
    json_decref(r);
}

static void exception_not_applicable(void **state)
{
    (void)state;
    compile(RS_EXC);
    json_t *r = tu_run(P, "{\"x\": true, \"y\": false}");
    assert_string_equal(tu_outcome(r, "d"), "\"p\"");
    assert_string_equal(tu_field(r, "d", "rule"), "\"basis\"");
    assert_string_equal(tu_outcome(r, "e"), "\"p\"");
    json_decref(r);
}

static void open_exception_makes_undetermined(void **state)
{
    (void)state;
    compile(RS_EXC);
    json_t *r = tu_run(P, "{\"x\": true}");
    assert_string_equal(tu_status(r, "d"), "undetermined");
    assert_string_equal(tu_missing(r, "d"), "y");
    assert_string_equal(tu_status(r, "e"), "undetermined");
    assert_string_equal(tu_missing(r, "e"), "y");
    json_decref(r);
}

static void open_rule_set_aside_does_not_matter(void **state)
{
    (void)state;
    compile(RS_EXC);
    json_t *r = tu_run_flags(P, "{\"y\": true}", HV_EVAL_TRACE);
    assert_string_equal(tu_status(r, "d"), "decided");
    assert_string_equal(tu_outcome(r, "d"), "\"q\"");
    assert_string_equal(tu_status(r, "e"), "none");
    json_t *b = tu_trace(r, "d", "basis");
    assert_string_equal(tu_js(json_object_get(b, "state")), "\"open\"");
    assert_string_equal(tu_js(json_object_get(b, "matters")), "false");
    json_decref(r);
}

static void open_exception_alone(void **state)
{
    (void)state;
    compile(RS_EXC);
    json_t *r = tu_run(P, "{\"x\": false}");
    assert_string_equal(tu_status(r, "d"), "undetermined");
    assert_string_equal(tu_missing(r, "d"), "y");
    assert_string_equal(tu_status(r, "e"), "none");
    json_decref(r);
}

/* ---- safeguards ------------------------------------------------------------------------------- */

static const char *AFWIJZEN = "\"dreigende_huisuitzetting\": false, \"kan_zelf_werk_vinden\": true";

static void safeguard_violated(void **state)
{
    (void)state;
    compile(TU_BRIEF);
    json_t *r = tu_run(P, tu_fmt("{%s, \"doorverwezen\": false}", AFWIJZEN));
    assert_string_equal(tu_outcome(r, "ondersteuning"), "\"afwijzen\"");
    assert_string_equal(tu_holds(r, "geen_kale_afwijzing"), "false");
    assert_true(tu_review(r));
    json_t *sg = json_array_get(json_object_get(r, "safeguards"), 0);
    assert_string_equal(tu_js(json_object_get(sg, "text")), "\"Zoek het zelf maar uit mag nooit een optie zijn\"");
    json_decref(r);
}

static void safeguard_holds(void **state)
{
    (void)state;
    compile(TU_BRIEF);
    json_t *r = tu_run(P, tu_fmt("{%s, \"doorverwezen\": true}", AFWIJZEN));
    assert_string_equal(tu_holds(r, "geen_kale_afwijzing"), "true");
    assert_false(tu_review(r));
    json_decref(r);
    /* the condition is false: holds without looking at doorverwezen */
    r = tu_run(P, BRIEF_CASE);
    assert_string_equal(tu_holds(r, "geen_kale_afwijzing"), "true");
    assert_false(tu_review(r));
    json_decref(r);
}

static void safeguard_unknown(void **state)
{
    (void)state;
    compile(TU_BRIEF);
    /* afwijzen, doorverwezen unknown */
    json_t *r = tu_run(P, tu_fmt("{%s}", AFWIJZEN));
    assert_string_equal(tu_holds(r, "geen_kale_afwijzing"), "null");
    assert_true(tu_review(r));
    json_decref(r);
    /* the condition unknown (decision undetermined), doorverwezen false */
    r = tu_run(P, "{\"doorverwezen\": false}");
    assert_string_equal(tu_holds(r, "geen_kale_afwijzing"), "null");
    assert_true(tu_review(r));
    json_decref(r);
    /* the condition unknown but doorverwezen true: (niet C) of E is true */
    r = tu_run(P, "{\"doorverwezen\": true}");
    assert_string_equal(tu_holds(r, "geen_kale_afwijzing"), "true");
    assert_false(tu_review(r));
    json_decref(r);
}

/* ---- values and arithmetic ----------------------------------------------------------------- */

static const char *VALUES_CASE =
    "{\"n\": 2.5, \"m\": \"1234.56\", \"m2\": 100, \"t\": \"2026-03-01\", \"t2\": \"2026-02-01\","
    " \"s\": \"hallo\", \"b\": true, \"k\": \"een_twee\"}";

static void outcomes_print_as_json_of_their_type(void **state)
{
    (void)state;
    compile(RS_VALUES);
    json_t *r = tu_run(P, VALUES_CASE);
    assert_string_equal(tu_outcome(r, "o_num"), "3.75");
    assert_string_equal(tu_outcome(r, "o_num2"), "3.5");
    assert_string_equal(tu_outcome(r, "o_money"), "\"1234.56\"");
    assert_string_equal(tu_outcome(r, "o_date"), "\"2026-03-01\"");
    assert_string_equal(tu_outcome(r, "o_text"), "\"hallo\"");
    assert_string_equal(tu_outcome(r, "o_bool"), "true");
    assert_string_equal(tu_outcome(r, "o_choice"), "\"een_twee\"");
    json_decref(r);
    r = tu_run(P, "{\"n\": 2, \"m\": 5, \"b\": false}");
    assert_string_equal(tu_outcome(r, "o_num"), "3");
    assert_string_equal(tu_outcome(r, "o_money"), "\"5.00\"");
    assert_string_equal(tu_outcome(r, "o_bool"), "false");
    json_decref(r);
}

static void money_arithmetic_rounds_half_away_from_zero(void **state)
{
    (void)state;
    compile(RS_VALUES);
    json_t *r = tu_run(P, "{\"m\": \"0.05\", \"m2\": \"0.03\"}");
    assert_string_equal(tu_outcome(r, "half"), "\"0.03\"");        /* 2.5 cents -> 3 */
    assert_string_equal(tu_outcome(r, "neg_half"), "\"-0.03\"");   /* -2.5 cents -> -3 */
    assert_string_equal(tu_outcome(r, "derde"), "\"0.02\"");       /* 1.67 cents -> 2 */
    assert_string_equal(tu_outcome(r, "ratio"), "1.666667");
    assert_string_equal(tu_outcome(r, "absoluut"), "\"0.02\"");
    json_decref(r);
    r = tu_run(P, "{\"m\": \"10.00\", \"m2\": \"3.00\"}");
    assert_string_equal(tu_outcome(r, "derde"), "\"3.33\"");
    assert_string_equal(tu_outcome(r, "half"), "\"5.00\"");
    assert_string_equal(tu_outcome(r, "plus"), "\"20.00\"");
    json_decref(r);
}

static void number_literal_next_to_money_is_euros(void **state)
{
    (void)state;
    compile(RS_VALUES);
    json_t *r = tu_run(P, "{\"m\": \"1499.99\"}");
    assert_string_equal(tu_outcome(r, "grens"), "true");
    json_decref(r);
    r = tu_run(P, "{\"m\": 1500}");
    assert_string_equal(tu_outcome(r, "grens"), "false");
    json_decref(r);
}

static void date_arithmetic(void **state)
{
    (void)state;
    compile(RS_VALUES);
    json_t *r = tu_run(P, VALUES_CASE);
    assert_string_equal(tu_outcome(r, "dag_erna"), "\"2026-03-31\"");
    assert_string_equal(tu_outcome(r, "dag_ervoor"), "\"2026-02-28\"");
    assert_string_equal(tu_outcome(r, "dagen"), "28");
    json_decref(r);
}

static void min_max_abs(void **state)
{
    (void)state;
    compile(RS_VALUES);
    json_t *r = tu_run(P, VALUES_CASE);
    assert_string_equal(tu_outcome(r, "kleinst"), "-1.5");
    assert_string_equal(tu_outcome(r, "grootst"), "\"2026-03-01\"");
    assert_string_equal(tu_outcome(r, "absoluut"), "\"1134.56\"");
    json_decref(r);
    r = tu_run(P, "{\"n\": -7, \"t\": \"2027-01-01\", \"t2\": \"2020-01-01\"}");
    assert_string_equal(tu_outcome(r, "kleinst"), "-7");
    assert_string_equal(tu_outcome(r, "grootst"), "\"2027-01-01\"");
    json_decref(r);
    /* an unknown argument makes min unknown */
    r = tu_run(P, "{}");
    assert_string_equal(tu_status(r, "kleinst"), "undetermined");
    assert_string_equal(tu_missing(r, "kleinst"), "n");
    json_decref(r);
}

/* A getal is exact to 6 decimals in its whole range (about ±9.2e12), so the
 * JSON output must not round it to 15 significant digits. */
static void large_numbers_print_exactly(void **state)
{
    (void)state;
    compile(RS_VALUES);
    hv_case *cs = hv_case_new(P);
    char err[128];
    assert_int_equal(hv_case_set_text(cs, hv_fact_find(P, "n"), "1234567890.123456", err, sizeof err), 0);
    assert_int_equal(hv_case_set_text(cs, hv_fact_find(P, "m"), "12345678901234.56", err, sizeof err), 0);
    hv_ctx *ctx = hv_ctx_new(P);
    assert_int_equal(hv_eval(ctx, cs, tu_date(TU_PEIL), 0), 0);
    assert_int_equal(ctx->dres[1].outcome.i, 1234567891123456LL);   /* o_num2 = n + 1, exact inside */
    char *s = hv_result_json(ctx, 0);
    assert_non_null(s);
    assert_non_null(strstr(s, "\"12345678901234.56\""));          /* money prints as exact text */
    if (!strstr(s, "\"outcome\":1234567891.123456,"))
        fail_msg("o_num2 is not printed exactly: %s", s);
    hv_mem_free(s);
    hv_ctx_free(ctx);
    hv_case_free(cs);
}

static void explanation_formats_dutch(void **state)
{
    (void)state;
    compile(RS_VALUES);
    json_t *r = tu_run(P, VALUES_CASE);
    assert_string_equal(tu_field(r, "tekst_uit", "explanation"),
        "\"n=2,5 m=€ 1.234,56 t=1 maart 2026 s=hallo b=ja k=een twee u=onbekend\"");
    json_decref(r);
}

static void text_comparison(void **state)
{
    (void)state;
    compile(RS_VALUES);
    json_t *r = tu_run(P, "{\"s\": \"hallo\"}");
    assert_string_equal(tu_outcome(r, "tekst_uit"), "true");
    json_decref(r);
    r = tu_run(P, "{\"s\": \"Hallo\"}");
    assert_string_equal(tu_outcome(r, "tekst_uit"), "false");
    json_decref(r);
}

/* ---- decisions reading decisions, standaard, outcome expressions ------------------------------ */

static void decision_reads_decision(void **state)
{
    (void)state;
    compile(RS_DEPS);
    json_t *r = tu_run(P, "{\"x\": true, \"y\": false, \"n\": 3, \"q\": 1}");
    assert_string_equal(tu_outcome(r, "basis"), "3");
    assert_string_equal(tu_outcome(r, "afgeleid"), "6");
    assert_string_equal(tu_field(r, "afgeleid", "explanation"), "\"Twee keer 3.\"");
    json_decref(r);
}

static void undetermined_decision_passes_on_its_missing(void **state)
{
    (void)state;
    compile(RS_DEPS);
    json_t *r = tu_run(P, "{\"y\": false, \"n\": 3, \"q\": 1}");
    assert_string_equal(tu_status(r, "basis"), "undetermined");
    assert_string_equal(tu_missing(r, "basis"), "x");
    assert_string_equal(tu_status(r, "afgeleid"), "undetermined");
    assert_string_equal(tu_missing(r, "afgeleid"), "x");
    json_decref(r);
}

static void conflicting_decision_reads_as_unknown(void **state)
{
    (void)state;
    compile(RS_DEPS);
    json_t *r = tu_run(P, "{\"x\": true, \"y\": true, \"n\": 3, \"q\": 1}");
    assert_string_equal(tu_status(r, "basis"), "conflict");
    assert_string_equal(tu_status(r, "afgeleid"), "undetermined");
    json_decref(r);
}

static void standaard_expression(void **state)
{
    (void)state;
    compile(RS_DEPS);
    json_t *r = tu_run(P, "{\"q\": 4}");
    assert_string_equal(tu_status(r, "met_standaard"), "default");
    assert_string_equal(tu_outcome(r, "met_standaard"), "8");
    json_decref(r);
    r = tu_run(P, "{}");
    assert_string_equal(tu_status(r, "met_standaard"), "undetermined");
    assert_string_equal(tu_missing(r, "met_standaard"), "q");
    json_decref(r);
}

static void unknown_outcome_expression(void **state)
{
    (void)state;
    compile(RS_DEPS);
    json_t *r = tu_run(P, "{\"x\": true, \"n\": 1}");
    assert_string_equal(tu_status(r, "uitkomst_onbekend"), "undetermined");
    assert_string_equal(tu_missing(r, "uitkomst_onbekend"), "q");
    json_decref(r);
}

/* ---- peildatum ------------------------------------------------------------------------------- */

#define RS_PEIL "waarde w \"W\"\nrangorde w\nfeit g: datum\nbesluit dagen: getal\n" \
                "regel r volgens w dan dagen = peildatum - g\n"

static void peildatum_explicit_case_today(void **state)
{
    (void)state;
    compile(RS_PEIL);
    hv_case *cs = tu_case(P, "{\"peildatum\": \"2026-01-11\", \"feiten\": {\"g\": \"2026-01-01\"}}");
    hv_ctx *ctx = hv_ctx_new(P);
    json_t *r = tu_eval_ctx(ctx, cs, "2026-01-31", 0);
    assert_string_equal(tu_js(json_object_get(r, "peildatum")), "\"2026-01-31\"");
    assert_string_equal(tu_outcome(r, "dagen"), "30");
    json_decref(r);
    r = tu_eval_ctx(ctx, cs, NULL, 0);          /* the case's own */
    assert_string_equal(tu_js(json_object_get(r, "peildatum")), "\"2026-01-11\"");
    assert_string_equal(tu_outcome(r, "dagen"), "10");
    json_decref(r);
    hv_case_free(cs);
    cs = tu_case(P, "{\"g\": \"2026-01-01\"}");
    r = tu_eval_ctx(ctx, cs, NULL, 0);          /* today */
    assert_string_equal(tu_js(json_object_get(r, "peildatum")), tu_fmt("\"%s\"", tu_iso(hv_date_today())));
    json_decref(r);
    hv_case_free(cs);
    hv_ctx_free(ctx);
}

/* ---- the evaluation context ------------------------------------------------------------------ */

typedef struct want {
    const char *spec;
    hv_status status;
    const char *outcome;   /* member name, or NULL */
} want;

static const want WANTS[] = {
    {"1010000", HV_S_DECIDED, "p"},
    {"1110000", HV_S_CONFLICT, NULL},
    {"1?00000", HV_S_UNDETERMINED, NULL},
    {"0000000", HV_S_NONE, NULL},
    {"1000100", HV_S_JUDGEMENT, NULL},
    {"0010000", HV_S_DECIDED, "r"},
    {"???????", HV_S_UNDETERMINED, NULL},
    {"0100001", HV_S_DECIDED, "q"},
};
#define NWANTS ((int)(sizeof WANTS / sizeof *WANTS))

static void check_dres(hv_ctx *ctx, const want *w, int iter)
{
    const hv_dres *d = &ctx->dres[0];
    if (d->status != w->status)
        fail_msg("case %d (%s): status %s, want %s", iter, w->spec, hv_status_json(d->status),
                 hv_status_json(w->status));
    if (w->outcome) {
        if (d->outcome.k != HV_V_CHOICE || strcmp(P->syms[d->outcome.i], w->outcome) != 0)
            fail_msg("case %d (%s): wrong outcome", iter, w->spec);
    } else if (d->outcome.k != HV_V_UNKNOWN) {
        fail_msg("case %d (%s): outcome should be unknown", iter, w->spec);
    }
}

static void ten_thousand_cases_one_context(void **state)
{
    (void)state;
    compile(RS_STATUS);
    hv_case *cases[NWANTS];
    for (int i = 0; i < NWANTS; i++) cases[i] = tu_case(P, spec_json(WANTS[i].spec, STATUS_FACTS));
    hv_ctx *ctx = hv_ctx_new(P);
    int32_t peil = tu_date(TU_PEIL);
    for (int it = 0; it < 10000; it++) {
        const want *w = &WANTS[(it * 7 + it / NWANTS) % NWANTS];
        int k = (int)(w - WANTS);
        assert_int_equal(hv_eval(ctx, cases[k], peil, it % 3 == 0 ? HV_EVAL_TRACE : 0), 0);
        check_dres(ctx, w, it);
        if (it % 997 == 0) {
            char *s = hv_result_json(ctx, HV_JSON_TRACE);
            assert_non_null(s);
            assert_non_null(strstr(s, hv_status_json(w->status)));
            hv_mem_free(s);
        }
    }
    /* warmed up: a reset arena reuses its memory, so further cases take
     * nothing from the heap (the next allocation would fail) */
    hv_mem_fail_after(1);
    int failed_eval = -1, wrong = -1;
    for (int it = 0; it < 2000 && failed_eval < 0 && wrong < 0; it++) {
        const want *w = &WANTS[it % NWANTS];
        if (hv_eval(ctx, cases[it % NWANTS], peil, 0) != 0) { failed_eval = it; break; }
        const hv_dres *d = &ctx->dres[0];
        if (d->status != w->status) wrong = it;
    }
    void *probe = hv_mem_alloc(8);
    hv_mem_fail_after(0);
    if (failed_eval >= 0) fail_msg("case %d: hv_eval needed the heap", failed_eval);
    if (wrong >= 0) fail_msg("case %d: wrong status", wrong);
    if (probe) { hv_mem_free(probe); fail_msg("evaluations allocated from the heap"); }
    for (int i = 0; i < NWANTS; i++) hv_case_free(cases[i]);
    hv_ctx_free(ctx);
}

/* One program, one context per thread: the program is shared read-only. */
typedef struct worker {
    hv_case *cases[NWANTS];
    int wrong;
    int first;             /* offset into WANTS */
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    hv_ctx *ctx = hv_ctx_new(P);
    if (!ctx) { w->wrong = -1; return NULL; }
    for (int it = 0; it < 3000; it++) {
        int k = (it + w->first) % NWANTS;
        if (hv_eval(ctx, w->cases[k], 20513, it % 2 ? HV_EVAL_TRACE : 0)) { w->wrong++; continue; }
        const hv_dres *d = &ctx->dres[0];
        const want *x = &WANTS[k];
        int ok = d->status == x->status &&
                 (x->outcome ? d->outcome.k == HV_V_CHOICE && strcmp(P->syms[d->outcome.i], x->outcome) == 0
                             : d->outcome.k == HV_V_UNKNOWN);
        if (!ok) w->wrong++;
    }
    hv_ctx_free(ctx);
    return NULL;
}

static void contexts_in_threads(void **state)
{
    (void)state;
    compile(RS_STATUS);
    enum { NT = 4 };
    worker ws[NT];
    pthread_t th[NT];
    for (int t = 0; t < NT; t++) {
        ws[t].wrong = 0;
        ws[t].first = t;
        for (int i = 0; i < NWANTS; i++) ws[t].cases[i] = tu_case(P, spec_json(WANTS[i].spec, STATUS_FACTS));
    }
    for (int t = 0; t < NT; t++) assert_int_equal(pthread_create(&th[t], NULL, work, &ws[t]), 0);
    for (int t = 0; t < NT; t++) pthread_join(th[t], NULL);
    for (int t = 0; t < NT; t++) {
        assert_int_equal(ws[t].wrong, 0);
        for (int i = 0; i < NWANTS; i++) hv_case_free(ws[t].cases[i]);
    }
}

static char *result_text(hv_ctx *ctx, hv_case *cs)
{
    assert_int_equal(hv_eval(ctx, cs, tu_date(TU_PEIL), HV_EVAL_TRACE), 0);
    char *s = hv_result_json(ctx, HV_JSON_TRACE);
    assert_non_null(s);
    return s;
}

static void reused_context_equals_fresh_context(void **state)
{
    (void)state;
    compile(RS_STATUS);
    hv_ctx *shared = hv_ctx_new(P);
    /* forwards, then backwards: each result equals that of a fresh context */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < NWANTS; i++) {
            int k = pass ? NWANTS - 1 - i : i;
            hv_case *cs = tu_case(P, spec_json(WANTS[k].spec, STATUS_FACTS));
            hv_ctx *fresh = hv_ctx_new(P);
            char *a = result_text(shared, cs), *b = result_text(fresh, cs);
            assert_string_equal(a, b);
            hv_mem_free(a);
            hv_mem_free(b);
            hv_ctx_free(fresh);
            hv_case_free(cs);
        }
    hv_ctx_free(shared);
}

static void reused_context_brief(void **state)
{
    (void)state;
    compile(TU_BRIEF);
    const char *cases[] = {
        BRIEF_CASE, "{}", "{\"dreigende_huisuitzetting\": false, \"kan_zelf_werk_vinden\": false}",
        "{\"dreigende_huisuitzetting\": false, \"kan_zelf_werk_vinden\": true, \"doorverwezen\": false}",
        "{\"dreigende_huisuitzetting\": true, \"minderjarige_kinderen\": 0, \"kan_zelf_werk_vinden\": false}",
    };
    hv_ctx *shared = hv_ctx_new(P);
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
            hv_case *cs = tu_case(P, cases[i]);
            hv_ctx *fresh = hv_ctx_new(P);
            char *a = result_text(shared, cs), *b = result_text(fresh, cs);
            assert_string_equal(a, b);
            hv_mem_free(a);
            hv_mem_free(b);
            hv_ctx_free(fresh);
            hv_case_free(cs);
        }
    hv_ctx_free(shared);
}

/* ---- casus blocks -------------------------------------------------------------------------- */

static void casus_blocks_pass(void **state)
{
    (void)state;
    compile(TU_BRIEF);
    hv_test_report rep;
    assert_int_equal(hv_test_run(P, tu_date(TU_PEIL), &rep), 0);
    assert_int_equal(rep.passed, 1);
    assert_int_equal(rep.failed, 0);
    assert_non_null(strstr(rep.text, "ok   t.hv:28:1: Gezin met twee kinderen bij dreigende huisuitzetting"));
    hv_mem_free(rep.text);
}

static void casus_blocks_fail(void **state)
{
    (void)state;
    compile(RS_STATUS
            "casus \"goed\" gegeven x = ja, y = ja, j = nee, j2 = nee verwacht d conflict\n"
            "casus \"fout\" gegeven x = ja verwacht d = q volgens a\n"
            "casus \"volgens\" gegeven x = ja, y = nee, z = nee, w2 = nee, j = nee, j2 = nee, jc = nee\n"
            "    verwacht d = p volgens b\n"
            "casus \"beoordeling\" gegeven j = ja, x = nee, y = nee, w2 = nee, j2 = nee\n"
            "    verwacht d ter beoordeling\n"
            "casus \"onbepaald\" verwacht d onbepaald\n");
    hv_test_report rep;
    assert_int_equal(hv_test_run(P, tu_date(TU_PEIL), &rep), 0);
    assert_int_equal(rep.passed, 3);
    assert_int_equal(rep.failed, 2);
    assert_non_null(strstr(rep.text, "FAIL t.hv:21:1: fout"));
    assert_non_null(strstr(rep.text, "FAIL t.hv:22:1: volgens"));
    assert_non_null(strstr(rep.text, "ok   t.hv:20:1: goed"));
    assert_non_null(strstr(rep.text, "      d: verwacht p volgens b, kreeg p volgens a\n"));
    hv_mem_free(rep.text);
}

static void result_text_summary(void **state)
{
    (void)state;
    compile(TU_BRIEF);
    hv_case *cs = tu_case(P, BRIEF_CASE);
    hv_ctx *ctx = hv_ctx_new(P);
    assert_int_equal(hv_eval(ctx, cs, tu_date(TU_PEIL), 0), 0);
    char *s = hv_result_text(ctx, 0);
    assert_non_null(s);
    assert_non_null(strstr(s, "peildatum 1 maart 2026"));
    assert_non_null(strstr(s, "ondersteuning: toekennen"));
    assert_non_null(strstr(s, "geen_kinderen_dakloos"));
    hv_mem_free(s);
    hv_ctx_free(ctx);
    hv_case_free(cs);
}

/* ---- conditions kept as tests ---------------------------------------------------- */

static uint32_t rnd_state;
static uint32_t rnd(uint32_t n)
{
    rnd_state = rnd_state * 1664525u + 1013904223u;
    return (rnd_state >> 8) % n;
}

/* One random comparison: most in the shape kept as tests, some not (so
 * that a conjunction of both kinds falls back to its nodes). */
static const char *rnd_term(void)
{
    static const char *const ops[] = {"=", "<>", "<", "<=", ">", ">="};
    static const char *const num[] = {"a", "b", "c"};
    const char *op = ops[rnd(6)];
    switch (rnd(12)) {
    case 0: return tu_fmt("%s %s %d", num[rnd(3)], op, (int)rnd(7) - 1);
    case 1: return tu_fmt("%d %s %s", (int)rnd(7) - 1, op, num[rnd(3)]);
    case 2: return tu_fmt("%s %s %s", num[rnd(3)], op, num[rnd(3)]);
    case 3: return rnd(2) ? "j" : "k";
    case 4: return rnd(2) ? "niet j" : "niet k";
    case 5: return tu_fmt("m %s €%d.50", op, (int)rnd(4));
    case 6: return tu_fmt("dt %s 2026-0%d-01", op, 1 + (int)rnd(3));
    case 7: return rnd(2) ? "kz = p" : "kz <> q";
    case 8: return tu_fmt("s %s \"b\"", rnd(2) ? "=" : "<>"); /* text: nodes */
    case 9: return tu_fmt("a + b %s 3", op);                  /* arithmetic: nodes */
    case 10: return tu_fmt("(a > %d of j)", (int)rnd(5));      /* of: nodes */
    default: return tu_fmt("j = %s", rnd(2) ? "ja" : "nee");
    }
}

/* The values, facts and decision of the random rule sets. */
#define RND_HEAD                                                                          \
    "waarde v1 \"V1\"\nwaarde v2 \"V2\"\nwaarde v3 \"V3\"\nwaarde v4 \"V4\"\n"                       \
    "rangorde v1 > v2 = v3 > v4\n"                                                          \
    "feit a: getal\nfeit b: getal\nfeit c: getal\nfeit m: bedrag\nfeit dt: datum\n"          \
    "feit j: janee\nfeit k: janee\nfeit s: tekst\nfeit kz: keuze(p, q)\n"                    \
    "besluit d: keuze(o1, o2, o3)\n    standaard o3\n"

/* b's text in the test's string ring (b is freed). */
static const char *ring_take(hv_buf *b)
{
    char *t = hv_buf_take(b);
    const char *out = tu_fmt("%s", t);
    hv_mem_free(t);
    return out;
}

static const char *rnd_ruleset(int nrules)
{
    hv_buf b;
    hv_buf_init(&b);
    hv_buf_puts(&b, RND_HEAD);
    for (int r = 0; r < nrules; r++) {
        hv_buf_printf(&b, "regel r%d volgens v%d", r, 1 + (int)rnd(4));
        if (r > 2 && rnd(6) == 0) hv_buf_printf(&b, " uitzondering op r%d", (int)rnd((uint32_t)r));
        if (rnd(8)) {
            hv_buf_printf(&b, " als %s", rnd_term());
            for (int k = (int)rnd(3); k > 0; k--) hv_buf_printf(&b, " en %s", rnd_term());
        }
        if (rnd(10) == 0) hv_buf_puts(&b, " dan d ter beoordeling\n");
        else hv_buf_printf(&b, " dan d = o%d\n", 1 + (int)rnd(3));
    }
    return ring_take(&b);
}

static const char *rnd_case(void)
{
    hv_buf b;
    hv_buf_init(&b);
    static const char *const num[] = {"a", "b", "c"};
    const char *sep = "";
#define FIELD(...) (hv_buf_puts(&b, sep), hv_buf_printf(&b, __VA_ARGS__), sep = ", ")
    hv_buf_puts(&b, "{");
    for (int i = 0; i < 3; i++)
        if (rnd(5)) FIELD("\"%s\": %d", num[i], (int)rnd(7) - 1);
    if (rnd(5)) FIELD("\"m\": %d.50", (int)rnd(4));
    if (rnd(5)) FIELD("\"dt\": \"2026-0%d-01\"", 1 + (int)rnd(3));
    if (rnd(5)) FIELD("\"j\": %s", rnd(2) ? "true" : "false");
    if (rnd(5)) FIELD("\"k\": %s", rnd(2) ? "true" : "false");
    if (rnd(5)) FIELD("\"s\": \"%c\"", 'a' + (int)rnd(3));
    if (rnd(5)) FIELD("\"kz\": \"%s\"", rnd(2) ? "p" : "q");
#undef FIELD
    hv_buf_puts(&b, "}");
    return ring_take(&b);
}

/* The tests compiled beside a condition mean what its nodes mean: random
 * rule sets and cases give the same traced result both ways. */
static void tests_mean_what_the_nodes_mean(void **state)
{
    (void)state;
    rnd_state = 20261122;
    int kept = 0, total = 0;
    for (int set = 0; set < 40; set++) {
        compile(rnd_ruleset(25));
        for (int r = 0; r < P->nrules; r++) kept += P->rules[r].ntests > 0, total++;
        hv_ctx *ctx = hv_ctx_new(P);
        for (int k = 0; k < 60; k++) {
            hv_case *cs = tu_case(P, rnd_case());
            assert_int_equal(hv_eval(ctx, cs, tu_date("2026-02-01"), HV_EVAL_TRACE), 0);
            char *fast = hv_result_json(ctx, HV_JSON_TRACE);
            assert_int_equal(hv_eval(ctx, cs, tu_date("2026-02-01"), HV_EVAL_TRACE | HV_EVAL_NODES), 0);
            char *slow = hv_result_json(ctx, HV_JSON_TRACE);
            assert_string_equal(fast, slow);
            /* the result is JSON that jansson writes back the same, also laid out */
            json_t *back = json_loads(fast, 0, NULL);
            assert_non_null(back);
            char *compact = json_dumps(back, JSON_COMPACT | JSON_PRESERVE_ORDER);
            assert_string_equal(compact, fast);
            char *pretty = hv_result_json(ctx, HV_JSON_TRACE | HV_JSON_PRETTY);
            char *indented = json_dumps(back, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            assert_string_equal(pretty, indented);
            free(compact);
            free(indented);
            hv_mem_free(pretty);
            json_decref(back);
            /* and the tally shortcut keeps status and outcome */
            json_t *full = json_loads(fast, 0, NULL);
            assert_int_equal(hv_eval(ctx, cs, tu_date("2026-02-01"), HV_EVAL_OUTCOME), 0);
            json_t *d = json_array_get(json_object_get(full, "decisions"), 0);
            assert_string_equal(hv_status_json(hv_decision_status(ctx, 0)),
                                json_string_value(json_object_get(d, "status")));
            json_t *o = json_object_get(d, "outcome");
            hv_value v = hv_decision_outcome(ctx, 0);
            if (json_is_string(o)) assert_string_equal(P->syms[v.i], json_string_value(o));
            else assert_true(v.k == HV_V_UNKNOWN);
            json_decref(full);
            hv_mem_free(fast);
            hv_mem_free(slow);
            hv_case_free(cs);
        }
        hv_ctx_free(ctx);
    }
    /* both kinds of condition were there */
    assert_true(kept > total / 4);
    assert_true(kept < total);
}

static const char *rnd_test_term(void)
{
    const char *t;
    do t = rnd_term();
    while (strchr(t, '+') || strchr(t, '(') || t[0] == 's');
    return t;
}

/* A rule set in which most ranks are uniform (see hv_decision.uniform): per
 * value one outcome, now and then a rule that breaks it (another outcome, a
 * judgement, an exception, a condition only the nodes can evaluate). */
static const char *rnd_uniform_ruleset(int nrules)
{
    hv_buf b;
    hv_buf_init(&b);
    hv_buf_puts(&b, RND_HEAD);
    for (int r = 0; r < nrules; r++) {
        int v = 1 + (int)rnd(4);
        hv_buf_printf(&b, "regel r%d volgens v%d", r, v);
        if (r > 2 && rnd(40) == 0) hv_buf_printf(&b, " uitzondering op r%d", (int)rnd((uint32_t)r));
        if (rnd(10)) {
            /* mostly tests (rnd_term's first five kinds), sometimes a
             * condition that may fail */
            hv_buf_printf(&b, " als %s", rnd(40) ? rnd_test_term() : "a / b > 1");
            for (int k = (int)rnd(3); k > 0; k--) hv_buf_printf(&b, " en %s", rnd(30) ? rnd_test_term() : rnd_term());
        }
        /* one outcome per rank (v2 = v3) */
        int o = v == 1 ? 1 : v <= 3 ? 2 : 3;
        if (rnd(60) == 0) hv_buf_puts(&b, " dan d ter beoordeling\n");
        else hv_buf_printf(&b, " dan d = o%d\n", rnd(40) ? o : 1 + (int)rnd(3));
    }
    return ring_take(&b);
}

/* The tally shortcut (HV_EVAL_OUTCOME, which stops early in a uniform rank)
 * keeps what a tally and the interview read: status, outcome, deciding
 * rule and value, the missing facts. */
static void tally_shortcut_keeps_the_decision(void **state)
{
    (void)state;
    rnd_state = 20261123;
    int uniform = 0, groups = 0, cut = 0;
    for (int set = 0; set < 60; set++) {
        compile(rnd_uniform_ruleset(6 + (int)rnd(20)));
        const hv_decision *dc = &P->decs[0];
        for (int g = 0; g < dc->ngroups; g++) uniform += dc->uniform[g], groups++;
        hv_ctx *ctx = hv_ctx_new(P);
        for (int k = 0; k < 80; k++) {
            hv_case *cs = tu_case(P, rnd_case());
            int32_t peil = tu_date("2026-02-01");
            assert_int_equal(hv_eval(ctx, cs, peil, 0), 0);
            hv_dres full = ctx->dres[0];
            int32_t missing[16];
            assert_true(full.nmissing <= 16);
            if (full.nmissing) memcpy(missing, full.missing, (size_t)full.nmissing * sizeof *missing);
            int inplay = 0;
            for (int i = 0; i < full.ntrace; i++) inplay += full.trace[i].state != HV_R_NOT_APPLICABLE;
            assert_int_equal(hv_eval(ctx, cs, peil, HV_EVAL_OUTCOME), 0);
            const hv_dres *q = &ctx->dres[0];
            assert_int_equal(q->status, full.status);
            assert_true(hv_value_equal(q->outcome, full.outcome));
            assert_int_equal(q->rule, full.rule);
            assert_int_equal(q->value, full.value);
            assert_int_equal(q->err, full.err);
            assert_int_equal(q->nmissing, full.nmissing);
            if (full.nmissing) assert_memory_equal(q->missing, missing, (size_t)full.nmissing * sizeof *missing);
            cut += full.status == HV_S_DECIDED && full.nover == 0 && inplay > 1;
            hv_case_free(cs);
        }
        hv_ctx_free(ctx);
    }
    /* uniform ranks were common, and so were cases with more than one rule in play */
    assert_true(uniform > groups / 3);
    assert_true(uniform < groups);
    assert_true(cut > 100);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, teardown_each)
    const struct CMUnitTest tests[] = {
        T(brief_example_output),
        T(brief_default),
        T(brief_undetermined_lists_missing_in_declaration_order),
        T(brief_missing_only_what_keeps_it_open),
        T(decided_with_overruled),
        T(decided_by_the_first_agreeing_rule),
        T(decided_at_a_lower_rank),
        T(conflict),
        T(undetermined_open_rule_at_same_rank_other_outcome),
        T(open_rule_at_same_rank_same_outcome_does_not_matter),
        T(open_rule_at_lower_rank_does_not_matter),
        T(open_rule_at_higher_rank_matters),
        T(nothing_applicable_but_open),
        T(none_without_standaard),
        T(judgement),
        T(judgement_overrules_lower_rules),
        T(judgement_first_in_file_order),
        T(lower_judgement_is_overruled),
        T(open_judgement_matters_unless_one_applies),
        T(trace_states),
        T(trace_open_rule_matters),
        T(trace_open_rule_does_not_matter),
        T(trace_why_not),
        T(kleene_tables),
        T(kleene_niet),
        T(unknown_operands),
        T(short_circuit_skips_errors),
        T(long_en_chain_reads_every_operand),
        T(error_statuses),
        T(error_in_a_decision_read_by_another),
        T(error_in_a_condition),
        T(no_error_with_good_values),
        T(exception_sets_rule_aside_for_every_decision),
        T(exception_not_applicable),
        T(open_exception_makes_undetermined),
        T(open_rule_set_aside_does_not_matter),
        T(open_exception_alone),
        T(safeguard_violated),
        T(safeguard_holds),
        T(safeguard_unknown),
        T(outcomes_print_as_json_of_their_type),
        T(money_arithmetic_rounds_half_away_from_zero),
        T(number_literal_next_to_money_is_euros),
        T(date_arithmetic),
        T(min_max_abs),
        T(large_numbers_print_exactly),
        T(explanation_formats_dutch),
        T(text_comparison),
        T(decision_reads_decision),
        T(undetermined_decision_passes_on_its_missing),
        T(conflicting_decision_reads_as_unknown),
        T(standaard_expression),
        T(unknown_outcome_expression),
        T(peildatum_explicit_case_today),
        T(ten_thousand_cases_one_context),
        T(reused_context_equals_fresh_context),
        T(contexts_in_threads),
        T(reused_context_brief),
        T(casus_blocks_pass),
        T(casus_blocks_fail),
        T(result_text_summary),
        T(tests_mean_what_the_nodes_mean),
        T(tally_shortcut_keeps_the_decision),
    };
    return cmocka_run_group_tests_name("eval", tests, NULL, NULL);
}
