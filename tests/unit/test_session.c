/* test_session.c — the REPL's commands on a rule set and a case, through
 * hv_session_exec, with their Dutch output: loading (and a failed load that
 * keeps the rules and the case), typed facts, vergeet, feiten, nieuw, casus
 * bewaar and laad, peildatum, besluit, waarom, waaromniet, watals, the
 * interview, waarden, regels, toon, help and herlaad after an edit on disk.
 *
 * The rule set is the example of §2 of the language brief, with a date
 * decision (spoed) and an exception (jongere_eerst_opleiding) added; it is
 * written to a file in a fresh temporary directory for every test. */
#include "testutil.h"

#include <unistd.h>

#include "session.h"

#define EXTRA \
    "feit ontruimingsdatum: datum vraag \"Op welke datum staat de ontruiming gepland?\"\n" \
    "besluit spoed: janee\n" \
    "    standaard nee omdat \"Er is geen reden voor spoed.\"\n" \
    "regel ontruiming_binnen_twee_weken volgens geen_kinderen_dakloos\n" \
    "    als dreigende_huisuitzetting en ontruimingsdatum <= peildatum + 14\n" \
    "    dan spoed = ja\n" \
    "    omdat \"De ontruiming is op {ontruimingsdatum}, binnen twee weken na {peildatum}.\"\n" \
    "regel jongere_eerst_opleiding volgens werk_boven_inkomen\n" \
    "    uitzondering op zelf_werk_zoeken\n" \
    "    als leeftijd < 27\n" \
    "    dan ondersteuning = doorverwijzen\n" \
    "    omdat \"De aanvrager is {leeftijd} jaar; eerst een opleiding.\"\n"

#define RULES TU_BRIEF EXTRA

/* The brief's case: the family with two children. */
#define GEZIN "dreigende_huisuitzetting = ja, minderjarige_kinderen = 2, kan_zelf_werk_vinden = ja, leeftijd = 34"

#define LOADED "geladen: Maatwerk Werk en Inkomen (versie 2026.1) — 8 feiten, 2 besluiten, 4 regels, 3 waarden\n"

static char DIR[64];
static char RULES_PATH[128];
static hv_session S;
static char *OUT, *ERR;            /* the output of the last command */

/* ---- helpers ------------------------------------------------------------------------- */

static const char *path(const char *name)
{
    return tu_fmt("%s/%s", DIR, name);
}

static void write_file(const char *file, const char *text)
{
    FILE *f = fopen(file, "w");
    if (!f) fail_msg("cannot write %s", file);
    fputs(text, f);
    fclose(f);
}

static char *read_text(const char *file)
{
    size_t n;
    char *t = hv_read_file(file, HV_MAX_FILE_BYTES, &n);
    if (!t) fail_msg("cannot read %s", file);
    return t;
}

static void take(hv_buf *out, hv_buf *err)
{
    hv_mem_free(OUT);
    hv_mem_free(ERR);
    OUT = hv_buf_take(out);
    ERR = hv_buf_take(err);
    if (!OUT) OUT = hv_mem_strdup("");
    if (!ERR) ERR = hv_mem_strdup("");
}

/* Run one typed line (parsed as the REPL parses it); the return value of
 * hv_session_exec. Output in OUT, problems in ERR. */
static int run(const char *line)
{
    hv_cmdline c;
    char msg[512];
    if (hv_cmdline_parse(line, &c, msg, sizeof msg) != 0) fail_msg("'%s' does not parse: %s", line, msg);
    hv_buf out, err;
    hv_buf_init(&out);
    hv_buf_init(&err);
    int rc = hv_session_exec(&S, &c, &out, &err);
    hv_cmdline_free(&c);
    take(&out, &err);
    return rc;
}

/* A line that must succeed without a problem. */
#define RUN_OK(line)                                                                       \
    do {                                                                                   \
        if (run(line) != 0) fail_msg("'%s' failed:\n%s", (line), ERR);                     \
        if (*ERR) fail_msg("'%s' succeeded, but complained:\n%s", (line), ERR);            \
    } while (0)

/* A line that must fail, with nothing on the output. */
#define RUN_FAILS(line)                                                                    \
    do {                                                                                   \
        if (run(line) == 0) fail_msg("'%s' succeeded, but should fail:\n%s", (line), OUT); \
        if (!*ERR) fail_msg("'%s' failed without a message", (line));                      \
    } while (0)

/* The text contains `needle`; on failure both are printed. */
#define assert_has(text, needle) assert_has_((text), (needle), #text, __FILE__, __LINE__)
static void assert_has_(const char *text, const char *needle, const char *what, const char *file, int line)
{
    if (strstr(text, needle)) return;
    print_error("%s does not contain:\n---\n%s\n--- but is:\n%s\n---\n", what, needle, text);
    _fail(file, line);
}

#define assert_lacks(text, needle) assert_lacks_((text), (needle), #text, __FILE__, __LINE__)
static void assert_lacks_(const char *text, const char *needle, const char *what, const char *file, int line)
{
    if (!strstr(text, needle)) return;
    print_error("%s should not contain:\n---\n%s\n--- but is:\n%s\n---\n", what, needle, text);
    _fail(file, line);
}

/* The output of `feiten` now, as a fresh string (free it). */
static char *facts_now(void)
{
    RUN_OK("feiten");
    return hv_mem_strdup(OUT);
}

/* Load `file`; or, given p compiled from it, use p (hv_session_use). The
 * return value of either; output in OUT, problems in ERR. */
static int load_or_use(const char *file, hv_program *p)
{
    hv_buf out, err;
    hv_buf_init(&out);
    hv_buf_init(&err);
    char *files[1] = {(char *)file};
    int rc = p ? hv_session_use(&S, p, files, 1, &out, &err) : hv_session_load(&S, files, 1, &out, &err);
    take(&out, &err);
    return rc;
}

static int load(const char *file)
{
    return load_or_use(file, NULL);
}

/* The 1-based line of the first line of `text` that starts with `start`. */
static int line_of(const char *text, const char *start)
{
    int line = 1;
    for (const char *p = text; *p; line++) {
        if (strncmp(p, start, strlen(start)) == 0) return line;
        p = strchr(p, '\n');
        if (!p) break;
        p++;
    }
    fail_msg("no line starting with '%s'", start);
    return -1;
}

static int setup_each(void **state)
{
    (void)state;
    snprintf(DIR, sizeof DIR, "/tmp/hv_session_XXXXXX");
    if (!mkdtemp(DIR)) fail_msg("mkdtemp failed");
    snprintf(RULES_PATH, sizeof RULES_PATH, "%s/regels.hv", DIR);
    write_file(RULES_PATH, RULES);
    hv_session_init(&S, 0);
    if (load(RULES_PATH) != 0) fail_msg("the rule set did not load:\n%s", ERR);
    assert_string_equal(OUT, LOADED);
    return 0;
}

static int teardown_each(void **state)
{
    (void)state;
    hv_session_free(&S);
    hv_mem_free(OUT);
    hv_mem_free(ERR);
    OUT = ERR = NULL;
    /* the files a test may have made */
    static const char *names[] = {"regels.hv", "kapot.hv", "casus.json", "twee.jsonl", "fout.json", "leeg.json"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) unlink(path(names[i]));
    rmdir(DIR);
    return 0;
}

/* ---- laad ------------------------------------------------------------------------------- */

static void load_rules(void **state)
{
    (void)state;
    /* setup_each loaded the file; `laad` by command does the same */
    RUN_OK(tu_fmt("laad %s", RULES_PATH));
    assert_string_equal(OUT, LOADED);
    RUN_OK(tu_fmt("load %s", RULES_PATH));
    assert_string_equal(OUT, LOADED);
    RUN_FAILS("laad");
    assert_string_equal(ERR, "gebruik: laad BESTAND...\n");
}

static void load_with_errors_keeps_rules_and_case(void **state)
{
    (void)state;
    RUN_OK("leeftijd = 34, woonsituatie = huur");
    char *before = facts_now();
    const hv_program *prog = S.prog;
    write_file(path("kapot.hv"), "regelset \"Kapot\"\nwaarde w \"W\"\nrangorde w\nfeit a getal\n");
    RUN_FAILS(tu_fmt("laad %s", path("kapot.hv")));
    assert_string_equal(OUT, "");
    assert_has(ERR, tu_fmt("%s:4:8: error:", path("kapot.hv")));
    assert_has(ERR, "    4 | feit a getal\n");
    assert_has(ERR, "1 fout; de vorige regels en de casus blijven staan\n");
    /* the same program, the same case, and it still decides */
    assert_ptr_equal(S.prog, prog);
    char *after = facts_now();
    assert_string_equal(after, before);
    RUN_OK("besluit ondersteuning");
    assert_has(OUT, "ondersteuning: ");
    /* herlaad reloads the rules that loaded, not the broken file */
    RUN_OK("herlaad");
    assert_string_equal(OUT, LOADED);
    hv_mem_free(before);
    hv_mem_free(after);
}

static void nothing_loaded(void **state)
{
    (void)state;
    hv_session_free(&S);
    hv_session_init(&S, 0);
    write_file(path("kapot.hv"), "feit a: getal\nwaarde\n");
    RUN_FAILS(tu_fmt("laad %s", path("kapot.hv")));
    assert_has(ERR, "er zijn nog geen regels geladen\n");
    static const char *needs_rules[] = {"feiten", "besluit", "waarom", "leeftijd = 3", "vergeet leeftijd",
                                        "nieuw", "vraag", "waarden", "regels", "toon leeftijd",
                                        "watals leeftijd = 3", "waaromniet ondersteuning toekennen",
                                        "casus bewaar /tmp/niet.json"};
    for (size_t i = 0; i < sizeof needs_rules / sizeof *needs_rules; i++) {
        RUN_FAILS(needs_rules[i]);
        assert_string_equal(ERR, "er zijn nog geen regels geladen; gebruik 'laad BESTAND.hv'\n");
    }
    RUN_FAILS("herlaad");
    assert_string_equal(ERR, "er is nog niets geladen; gebruik 'laad BESTAND.hv'\n");
    /* help, peildatum and stop work without rules */
    RUN_OK("help");
    RUN_OK("peildatum 2026-03-01");
    assert_string_equal(OUT, "peildatum: 1 maart 2026\n");
    RUN_OK("stop");
    assert_int_equal(S.quit, 1);
}

/* ---- FEIT = WAARDE -------------------------------------------------------------------------- */

static void set_facts(void **state)
{
    (void)state;
    RUN_OK("leeftijd = 34, netto_inkomen = 1500,50");
    assert_string_equal(OUT, "leeftijd = 34\nnetto_inkomen = € 1.500,50\n");
    RUN_OK("netto_inkomen = € 1.234,56");
    assert_string_equal(OUT, "netto_inkomen = € 1.234,56\n");
    RUN_OK("woonsituatie = \"huur\", dreigende_huisuitzetting = ja, ontruimingsdatum = 2026-03-11");
    assert_string_equal(OUT, "woonsituatie = huur\ndreigende_huisuitzetting = ja\nontruimingsdatum = 11 maart 2026\n");
    RUN_OK("leeftijd = 2,5");
    assert_string_equal(OUT, "leeftijd = 2,5\n");
    char *f = facts_now();
    assert_has(f, "bekend:\n  leeftijd = 2,5\n  dreigende_huisuitzetting = ja\n  netto_inkomen = € 1.234,56\n"
                  "  woonsituatie = huur\n  ontruimingsdatum = 11 maart 2026\n");
    hv_mem_free(f);
}

static void bad_value_changes_nothing(void **state)
{
    (void)state;
    RUN_OK("leeftijd = 34, woonsituatie = huur");
    char *before = facts_now();
    static const struct { const char *line, *err; } bad[] = {
        {"leeftijd = 40, minderjarige_kinderen = twee",
         "minderjarige_kinderen: 'twee' is geen getal, zoals 3 of 2,5; er is niets veranderd\n"},
        {"woonsituatie = camper",
         "woonsituatie: 'camper' is geen keuze uit huur, koop, inwonend, dakloos; er is niets veranderd\n"},
        {"netto_inkomen = 1500,505",
         "netto_inkomen: '1500,505' heeft meer dan 2 decimalen; een bedrag is tot op de cent; er is niets veranderd\n"},
        {"ontruimingsdatum = 11-03-2026",
         "ontruimingsdatum: '11-03-2026' is geen datum als JJJJ-MM-DD; er is niets veranderd\n"},
        {"ontruimingsdatum = 2026-02-30",
         "ontruimingsdatum: '2026-02-30' is geen bestaande datum; er is niets veranderd\n"},
        {"leeftijd = 35, leeftjd = 36", "onbekend feit 'leeftjd'; bedoelt u 'leeftijd'?\n"},
        {"gezin_met_kinderen = ja", "'gezin_met_kinderen' is geen feit maar wordt uit de feiten afgeleid\n"},
        {"ondersteuning = toekennen", "'ondersteuning' is geen feit maar wordt uit de feiten afgeleid\n"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        RUN_FAILS(bad[i].line);
        assert_string_equal(ERR, bad[i].err);
        assert_string_equal(OUT, "");
        char *after = facts_now();
        assert_string_equal(after, before);
        hv_mem_free(after);
    }
    /* a janee fact says what it takes */
    RUN_FAILS("dreigende_huisuitzetting = misschien");
    assert_has(ERR, "dreigende_huisuitzetting: 'misschien' is geen ja of nee");
    assert_has(ERR, "er is niets veranderd\n");
    hv_mem_free(before);
}

static void set_peildatum_as_assignment(void **state)
{
    (void)state;
    RUN_OK("peildatum = 2026-04-01");
    assert_string_equal(OUT, "peildatum: 1 april 2026\n");
    RUN_OK("peildatum");
    assert_string_equal(OUT, "peildatum: 1 april 2026\n");
}

/* ---- vergeet, feiten, nieuw ------------------------------------------------------------------ */

static void forget(void **state)
{
    (void)state;
    RUN_OK("leeftijd = 34, netto_inkomen = 1500, woonsituatie = koop");
    RUN_OK("vergeet leeftijd netto_inkomen");
    assert_string_equal(OUT, "leeftijd is weer onbekend\nnetto_inkomen is weer onbekend\n");
    char *f = facts_now();
    assert_has(f, "bekend:\n  woonsituatie = koop\nonbekend:\n  leeftijd (getal): Hoe oud is de aanvrager?\n");
    assert_has(f, "  netto_inkomen (bedrag)\n");
    hv_mem_free(f);
    /* all or nothing: an unknown name forgets nothing */
    RUN_FAILS("forget woonsituatie woonsitatie");
    assert_string_equal(ERR, "onbekend feit 'woonsitatie'; bedoelt u 'woonsituatie'?\n");
    /* a long name is quoted by its start */
    RUN_FAILS("forget woonsituatie_van_de_aanvrager_en_haar_gezin_op_de_peildatum");
    assert_string_equal(ERR, "onbekend feit 'woonsituatie_van_de_aanvrager_en_haar_ge...'\n");
    f = facts_now();
    assert_has(f, "  woonsituatie = koop\n");
    hv_mem_free(f);
    RUN_FAILS("vergeet");
    assert_string_equal(ERR, "gebruik: vergeet FEIT...\n");
}

static void facts_listing(void **state)
{
    (void)state;
    RUN_OK("feiten");
    assert_string_equal(OUT,
        "nog geen feiten bekend\n"
        "onbekend:\n"
        "  leeftijd (getal): Hoe oud is de aanvrager?\n"
        "  minderjarige_kinderen (getal)\n"
        "  dreigende_huisuitzetting (janee)\n"
        "  netto_inkomen (bedrag)\n"
        "  woonsituatie (keuze(huur, koop, inwonend, dakloos))\n"
        "  kan_zelf_werk_vinden (janee)\n"
        "  doorverwezen (janee)\n"
        "  ontruimingsdatum (datum): Op welke datum staat de ontruiming gepland?\n");
    RUN_OK(GEZIN);
    RUN_OK("facts");
    assert_string_equal(OUT,
        "bekend:\n"
        "  leeftijd = 34\n"
        "  minderjarige_kinderen = 2\n"
        "  dreigende_huisuitzetting = ja\n"
        "  kan_zelf_werk_vinden = ja\n"
        "onbekend:\n"
        "  netto_inkomen (bedrag)\n"
        "  woonsituatie (keuze(huur, koop, inwonend, dakloos))\n"
        "  doorverwezen (janee)\n"
        "  ontruimingsdatum (datum): Op welke datum staat de ontruiming gepland?\n");
    RUN_OK("netto_inkomen = 0, woonsituatie = huur, doorverwezen = nee, ontruimingsdatum = 2026-03-11");
    RUN_OK("feiten");
    assert_lacks(OUT, "onbekend:");
}

static void new_case(void **state)
{
    (void)state;
    RUN_OK(GEZIN);
    RUN_OK("besluit ondersteuning");
    assert_has(OUT, "ondersteuning: toekennen\n");
    RUN_OK("nieuw");
    assert_string_equal(OUT, "nieuwe, lege casus\n");
    RUN_OK("feiten");
    assert_has(OUT, "nog geen feiten bekend\n");
    /* the decision is taken again for the empty case */
    RUN_OK("besluit ondersteuning");
    assert_has(OUT, "ondersteuning: onbepaald");
    RUN_OK("new");
    assert_string_equal(OUT, "nieuwe, lege casus\n");
}

/* ---- casus bewaar / casus laad ------------------------------------------------------------------ */

static void case_save_and_load(void **state)
{
    (void)state;
    RUN_OK("leeftijd = 34, netto_inkomen = 1500,50, woonsituatie = huur, dreigende_huisuitzetting = nee, "
           "ontruimingsdatum = 2026-03-11");
    char *before = facts_now();
    char file[256];
    snprintf(file, sizeof file, "%s", path("casus.json"));
    RUN_OK(tu_fmt("casus bewaar %s", file));
    assert_string_equal(OUT, tu_fmt("casus bewaard in %s\n", file));
    char *json = read_text(file);
    assert_has(json, "\"leeftijd\": 34");
    assert_has(json, "\"netto_inkomen\": \"1500.50\"");
    assert_has(json, "\"woonsituatie\": \"huur\"");
    assert_has(json, "\"dreigende_huisuitzetting\": false");
    assert_has(json, "\"ontruimingsdatum\": \"2026-03-11\"");
    assert_lacks(json, "minderjarige_kinderen");
    hv_mem_free(json);

    RUN_OK("nieuw");
    RUN_OK(tu_fmt("casus laad %s", file));
    assert_string_equal(OUT, tu_fmt("casus geladen uit %s: 5 feiten bekend\n", file));
    char *after = facts_now();
    assert_string_equal(after, before);
    hv_mem_free(after);

    /* English, and a file that is not there: the case stays */
    RUN_OK("vergeet leeftijd");
    RUN_OK(tu_fmt("case save %s", file));
    RUN_OK("leeftijd = 50");
    RUN_OK(tu_fmt("case load %s", file));
    assert_string_equal(OUT, tu_fmt("casus geladen uit %s: 4 feiten bekend\n", file));
    RUN_OK("leeftijd = 34");
    RUN_FAILS(tu_fmt("casus laad %s", path("bestaat_niet.json")));
    assert_has(ERR, "de casus is niet veranderd\n");
    after = facts_now();
    assert_string_equal(after, before);
    hv_mem_free(after);
    hv_mem_free(before);

    RUN_FAILS("casus bewaar");
    assert_string_equal(ERR, "gebruik: casus bewaar BESTAND.json\n");
    RUN_FAILS("casus laad");
    assert_string_equal(ERR, "gebruik: casus laad BESTAND.json\n");
    RUN_FAILS(tu_fmt("casus bewaar %s/geen_map/casus.json", DIR));
    assert_has(ERR, "kan '");
    assert_has(ERR, "' niet schrijven: ");
}

static void case_load_refused(void **state)
{
    (void)state;
    RUN_OK("leeftijd = 34");
    char *before = facts_now();
    /* a wrong type names the fact; nothing changes */
    write_file(path("fout.json"), "{\"leeftijd\": \"oud\", \"woonsituatie\": \"huur\"}\n");
    RUN_FAILS(tu_fmt("casus laad %s", path("fout.json")));
    assert_has(ERR, "leeftijd");
    assert_has(ERR, "de casus is niet veranderd\n");
    char *after = facts_now();
    assert_string_equal(after, before);
    hv_mem_free(after);
    /* more than one case */
    write_file(path("twee.jsonl"), "{\"leeftijd\": 1}\n{\"leeftijd\": 2}\n");
    RUN_FAILS(tu_fmt("casus laad %s", path("twee.jsonl")));
    assert_has(ERR, tu_fmt("'%s' bevat 2 casussen", path("twee.jsonl")));
    assert_has(ERR, "de casus is niet veranderd\n");
    after = facts_now();
    assert_string_equal(after, before);
    hv_mem_free(after);
    hv_mem_free(before);
}

/* ---- peildatum --------------------------------------------------------------------------------- */

static void peildatum(void **state)
{
    (void)state;
    char today[64];
    hv_fmt_date_nl(hv_date_today(), today);
    RUN_OK("peildatum");
    assert_string_equal(OUT, tu_fmt("peildatum: %s (vandaag)\n", today));
    RUN_OK("peildatum 2026-03-01");
    assert_string_equal(OUT, "peildatum: 1 maart 2026\n");
    RUN_OK("peildatum");
    assert_string_equal(OUT, "peildatum: 1 maart 2026\n");
    RUN_FAILS("peildatum 01-03-2026");
    assert_string_equal(ERR, "'01-03-2026' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-01\n");
    RUN_FAILS("date morgen");
    assert_string_equal(ERR, "'morgen' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-01\n");
    RUN_OK("date");
    assert_string_equal(OUT, "peildatum: 1 maart 2026\n");
    RUN_OK("peildatum vandaag");
    assert_string_equal(OUT, tu_fmt("peildatum: %s\n", today));
    RUN_OK("date today");
    assert_string_equal(OUT, tu_fmt("peildatum: %s\n", today));
}

static void peildatum_moves_a_date_rule(void **state)
{
    (void)state;
    RUN_OK("dreigende_huisuitzetting = ja, ontruimingsdatum = 2026-03-11");
    RUN_OK("peildatum 2026-03-01");
    RUN_OK("besluit spoed");
    assert_string_equal(OUT,
        "spoed: ja\n"
        "  besloten volgens \"In onze gemeente zijn geen kinderen dakloos\" (geen_kinderen_dakloos)\n"
        "  bron: Collegeprogramma 2026-2030, hoofdstuk 3\n"
        "  regel: ontruiming_binnen_twee_weken\n"
        "  uitleg: De ontruiming is op 11 maart 2026, binnen twee weken na 1 maart 2026.\n");
    /* ten days earlier, the eviction is more than two weeks away */
    RUN_OK("peildatum 2026-02-20");
    RUN_OK("besluit spoed");
    assert_string_equal(OUT,
        "spoed: nee (standaard: geen regel is van toepassing)\n"
        "  uitleg: Er is geen reden voor spoed.\n");
    RUN_OK("waaromniet spoed ja");
    /* the fact read; open-ended, so that peildatum's value may follow */
    assert_has(OUT, "niet waar: ontruimingsdatum <= peildatum + 14 (ontruimingsdatum = 11 maart 2026");
    /* exactly fourteen days before still counts */
    RUN_OK("peildatum 2026-02-25");
    RUN_OK("besluit spoed");
    assert_has(OUT, "spoed: ja\n");
    assert_has(OUT, "binnen twee weken na 25 februari 2026.");
}

/* ---- hv_session_use ------------------------------------------------------------------------------ */

/* One compiled rule set serves one session after another, and two at once:
 * each decides its own case, none frees the program or changes what it
 * decides, and a load in one replaces it there only. (Under check-asan and
 * valgrind a program freed by a session shows as a use after free.) */
static void use_shares_a_compiled_program(void **state)
{
    (void)state;
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    const char *files[1] = {RULES_PATH};
    hv_program *p = hv_compile_files(files, 1, &src, &d);
    hv_diags_free(&d);
    hv_src_free(&src);
    assert_non_null(p);
    char before[65], after[65];
    hv_program_fingerprint(p, before);

    hv_session loaded = S;              /* the session setup_each loaded, for teardown_each */
    hv_session first;
    for (int round = 0; round < 3; round++) {
        hv_session_init(&S, 0);
        assert_int_equal(load_or_use(RULES_PATH, p), 0);
        assert_string_equal(OUT, LOADED);
        RUN_OK("peildatum 2026-03-01");
        RUN_OK(round == 1 ? "kan_zelf_werk_vinden = ja, dreigende_huisuitzetting = nee, leeftijd = 40" : GEZIN);
        RUN_OK("besluit ondersteuning");
        assert_has(OUT, round == 1 ? "ondersteuning: afwijzen\n" : "ondersteuning: toekennen\n");
        RUN_OK("watals minderjarige_kinderen = 0");
        if (round == 0) { first = S; continue; }   /* keep the first one open beside the others */
        if (round == 2) RUN_OK("herlaad");         /* its own program now; the shared one stays */
        hv_session_free(&S);
    }
    S = first;
    RUN_OK("besluit ondersteuning");
    assert_has(OUT, "ondersteuning: toekennen\n");
    hv_session_free(&S);
    S = loaded;
    hv_program_fingerprint(p, after);
    assert_string_equal(before, after);
    hv_program_free(p);
}

/* ---- besluit ----------------------------------------------------------------------------------- */

static void decide(void **state)
{
    (void)state;
    RUN_OK("peildatum 2026-03-01");
    RUN_OK(GEZIN);
    RUN_OK("besluit");
    assert_has(OUT, "Maatwerk Werk en Inkomen (versie 2026.1), peildatum 1 maart 2026\n");
    assert_has(OUT,
        "ondersteuning: toekennen\n"
        "  besloten volgens \"In onze gemeente zijn geen kinderen dakloos\" (geen_kinderen_dakloos)\n"
        "  bron: Collegeprogramma 2026-2030, hoofdstuk 3\n"
        "  regel: huisuitzetting_met_kinderen\n"
        "  uitleg: Er dreigt huisuitzetting en er wonen 2 minderjarige kinderen in het huishouden.\n"
        "  overstemd door een hogere waarde:\n"
        "    - zelf_werk_zoeken, volgens \"Werk staat boven inkomen\" (werk_boven_inkomen): wilde afwijzen\n");
    assert_has(OUT,
        "spoed: onbepaald: er ontbreken nog gegevens\n"
        "  nog nodig:\n"
        "    - ontruimingsdatum: Op welke datum staat de ontruiming gepland?\n");
    assert_has(OUT, "waarborgen:\n  ok         geen_kale_afwijzing: Zoek het zelf maar uit mag nooit een optie zijn\n");
    assert_lacks(OUT, "Let op:");

    RUN_OK("besluit ondersteuning");
    assert_string_equal(OUT,
        "ondersteuning: toekennen\n"
        "  besloten volgens \"In onze gemeente zijn geen kinderen dakloos\" (geen_kinderen_dakloos)\n"
        "  bron: Collegeprogramma 2026-2030, hoofdstuk 3\n"
        "  regel: huisuitzetting_met_kinderen\n"
        "  uitleg: Er dreigt huisuitzetting en er wonen 2 minderjarige kinderen in het huishouden.\n"
        "  overstemd door een hogere waarde:\n"
        "    - zelf_werk_zoeken, volgens \"Werk staat boven inkomen\" (werk_boven_inkomen): wilde afwijzen\n");
    RUN_OK("decide ondersteuning");
    assert_has(OUT, "ondersteuning: toekennen\n");

    RUN_FAILS("besluit ondersteunig");
    assert_has(ERR, " besluit 'ondersteunig'; bedoelt u 'ondersteuning'?\n");
}

static void decide_violated_safeguard(void **state)
{
    (void)state;
    RUN_OK("kan_zelf_werk_vinden = ja, dreigende_huisuitzetting = nee, leeftijd = 40, doorverwezen = nee");
    RUN_OK("besluit");
    assert_has(OUT, "ondersteuning: afwijzen\n");
    assert_has(OUT, "  GESCHONDEN geen_kale_afwijzing: Zoek het zelf maar uit mag nooit een optie zijn\n");
    assert_has(OUT, "Let op: een persoon moet dit besluit beoordelen");
}

/* ---- waarom -------------------------------------------------------------------------------------- */

static void why(void **state)
{
    (void)state;
    RUN_OK(GEZIN);
    RUN_OK("waarom ondersteuning");
    assert_has(OUT,
        "ondersteuning: toekennen\n"
        "  besloten door regel huisuitzetting_met_kinderen, volgens \"In onze gemeente zijn geen kinderen dakloos\" (geen_kinderen_dakloos)\n"
        "  bron van de waarde: Collegeprogramma 2026-2030, hoofdstuk 3\n"
        "  gelezen: dreigende_huisuitzetting = ja, gezin_met_kinderen = ja (minderjarige_kinderen = 2)\n"
        "  uitleg: Er dreigt huisuitzetting en er wonen 2 minderjarige kinderen in het huishouden.\n"
        "  niet gevolgd:\n"
        "    - regel zelf_werk_zoeken volgens \"Werk staat boven inkomen\" (werk_boven_inkomen) wilde afwijzen; overstemd door een hogere waarde\n"
        "      gelezen: kan_zelf_werk_vinden = ja\n");
    assert_has(OUT, "waarborgen:\n  ok         geen_kale_afwijzing");
    /* without a name: every decision */
    RUN_OK("why");
    assert_has(OUT, "ondersteuning: toekennen\n");
    assert_has(OUT, "spoed: onbepaald\n");
    assert_has(OUT, "  regel ontruiming_binnen_twee_weken (volgens geen_kinderen_dakloos) kan nog van toepassing zijn; nodig:\n"
                    "    - ontruimingsdatum: Op welke datum staat de ontruiming gepland?\n");
    RUN_FAILS("waarom ondersteuning_");
    assert_has(ERR, "'ondersteuning_'; bedoelt u 'ondersteuning'?\n");
}

static void why_set_aside(void **state)
{
    (void)state;
    RUN_OK("kan_zelf_werk_vinden = ja, leeftijd = 20, dreigende_huisuitzetting = nee");
    RUN_OK("waarom ondersteuning");
    assert_has(OUT, "ondersteuning: doorverwijzen\n"
                    "  besloten door regel jongere_eerst_opleiding, volgens \"Werk staat boven inkomen\" (werk_boven_inkomen)\n");
    assert_has(OUT, "  gelezen: leeftijd = 20\n");
    assert_has(OUT, "  uitleg: De aanvrager is 20 jaar; eerst een opleiding.\n");
    assert_has(OUT, "  niet gevolgd:\n    - regel zelf_werk_zoeken: opzij gezet door de uitzondering jongere_eerst_opleiding\n");
}

/* ---- waaromniet ------------------------------------------------------------------------------------- */

static void whynot_not_applicable(void **state)
{
    (void)state;
    RUN_OK("dreigende_huisuitzetting = nee, minderjarige_kinderen = 1, kan_zelf_werk_vinden = nee, leeftijd = 40");
    RUN_OK("waaromniet ondersteuning toekennen");
    assert_string_equal(OUT,
        "waarom niet ondersteuning = toekennen?\n"
        "  regel huisuitzetting_met_kinderen (volgens \"In onze gemeente zijn geen kinderen dakloos\" (geen_kinderen_dakloos)):\n"
        "    niet van toepassing:\n"
        "      niet waar: dreigende_huisuitzetting (dreigende_huisuitzetting = nee)\n");
    /* through a definition: the fact it read, and the definition's name */
    RUN_OK("dreigende_huisuitzetting = ja, minderjarige_kinderen = 0");
    RUN_OK("whynot ondersteuning toekennen");
    assert_has(OUT, "      niet waar: minderjarige_kinderen > 0 (minderjarige_kinderen = 0), via gezin_met_kinderen\n");
    /* the default is not given by a rule */
    RUN_OK("nieuw");
    RUN_OK("waaromniet spoed nee");
    assert_has(OUT, "waarom niet spoed = nee?\n  geen regel kan spoed = nee geven");
}

static void whynot_overruled(void **state)
{
    (void)state;
    RUN_OK(GEZIN);
    RUN_OK("waaromniet ondersteuning afwijzen");
    assert_string_equal(OUT,
        "waarom niet ondersteuning = afwijzen?\n"
        "  regel zelf_werk_zoeken (volgens \"Werk staat boven inkomen\" (werk_boven_inkomen)):\n"
        "    van toepassing, maar overstemd door regel huisuitzetting_met_kinderen volgens de hogere waarde "
        "\"In onze gemeente zijn geen kinderen dakloos\" (geen_kinderen_dakloos)\n");
    /* already so */
    RUN_OK("waaromniet ondersteuning toekennen");
    assert_string_equal(OUT,
        "ondersteuning is al toekennen (regel huisuitzetting_met_kinderen); vraag 'waarom' voor de uitleg.\n");
}

static void whynot_set_aside(void **state)
{
    (void)state;
    RUN_OK("kan_zelf_werk_vinden = ja, leeftijd = 20, dreigende_huisuitzetting = nee");
    RUN_OK("waaromniet ondersteuning afwijzen");
    assert_string_equal(OUT,
        "waarom niet ondersteuning = afwijzen?\n"
        "  regel zelf_werk_zoeken (volgens \"Werk staat boven inkomen\" (werk_boven_inkomen)):\n"
        "    van toepassing, maar opzij gezet door de uitzondering jongere_eerst_opleiding\n"
        "      want: leeftijd = 20\n");
}

static void whynot_open(void **state)
{
    (void)state;
    RUN_OK("kan_zelf_werk_vinden = ja");
    RUN_OK("waaromniet ondersteuning toekennen");
    assert_string_equal(OUT,
        "waarom niet ondersteuning = toekennen?\n"
        "  regel huisuitzetting_met_kinderen (volgens \"In onze gemeente zijn geen kinderen dakloos\" (geen_kinderen_dakloos)):\n"
        "    open: het hangt af van gegevens die nog ontbreken\n"
        "      - minderjarige_kinderen\n"
        "      - dreigende_huisuitzetting\n");
    RUN_OK("waaromniet ondersteuning doorverwijzen");
    assert_has(OUT, "  regel jongere_eerst_opleiding (volgens \"Werk staat boven inkomen\" (werk_boven_inkomen)):\n"
                    "    open: het hangt af van gegevens die nog ontbreken\n"
                    "      - leeftijd: Hoe oud is de aanvrager?\n");
    /* the applicable rule waits for the open ones */
    RUN_OK("waaromniet ondersteuning afwijzen");
    assert_has(OUT, "  regel zelf_werk_zoeken (volgens \"Werk staat boven inkomen\" (werk_boven_inkomen)):\n"
                    "    van toepassing, maar het besluit wacht nog op ontbrekende gegevens\n");
}

static void whynot_errors(void **state)
{
    (void)state;
    RUN_FAILS("waaromniet ondersteuning misschien");
    assert_string_equal(ERR, "ondersteuning: 'misschien' is geen keuze uit toekennen, afwijzen, doorverwijzen\n");
    RUN_FAILS("waaromniet ondersteuning");
    assert_string_equal(ERR, "gebruik: waaromniet NAAM UITKOMST\n");
    RUN_FAILS("waaromniet");
    assert_string_equal(ERR, "gebruik: waaromniet NAAM UITKOMST\n");
    RUN_FAILS("waaromniet ondersteuneng toekennen");
    assert_has(ERR, "'ondersteuneng'; bedoelt u 'ondersteuning'?\n");
    RUN_FAILS("waaromniet spoed misschien");
    assert_has(ERR, "spoed: 'misschien'");
}

/* ---- watals ----------------------------------------------------------------------------------------- */

static void whatif(void **state)
{
    (void)state;
    RUN_OK("peildatum 2026-03-01");
    RUN_OK(GEZIN);
    char *before = facts_now();
    RUN_OK("watals dreigende_huisuitzetting = nee");
    assert_string_equal(OUT,
        "als dreigende_huisuitzetting = nee:\n"
        "ondersteuning: toekennen (volgens geen_kinderen_dakloos) -> afwijzen (volgens werk_boven_inkomen)\n"
        "  regel zelf_werk_zoeken\n"
        "  uitleg: De aanvrager kan zelf werk vinden; werk gaat voor inkomen.\n"
        "spoed: onbepaald -> nee (standaard)\n"
        "  uitleg: Er is geen reden voor spoed.\n"
        "waarborg geen_kale_afwijzing: ok -> onbekend\n"
        "(de casus zelf is niet veranderd)\n");
    /* the case is as it was, and still decides the same */
    char *after = facts_now();
    assert_string_equal(after, before);
    hv_mem_free(after);
    RUN_OK("besluit ondersteuning");
    assert_has(OUT, "ondersteuning: toekennen\n");

    /* several at once, in English */
    RUN_OK("whatif dreigende_huisuitzetting = nee, doorverwezen = ja");
    assert_has(OUT, "als dreigende_huisuitzetting = nee, doorverwezen = ja:\n");
    assert_has(OUT, "-> afwijzen (volgens werk_boven_inkomen)\n");
    assert_lacks(OUT, "waarborg geen_kale_afwijzing");

    /* nothing changes */
    RUN_OK("watals leeftijd = 40");
    assert_string_equal(OUT, "als leeftijd = 40:\nGeen besluit en geen waarborg verandert.\n(de casus zelf is niet veranderd)\n");

    /* a bad value: refused, nothing changes */
    RUN_FAILS("watals leeftijd = veertig");
    assert_string_equal(ERR, "leeftijd: 'veertig' is geen getal, zoals 3 of 2,5; er is niets veranderd\n");
    assert_string_equal(OUT, "");
    RUN_FAILS("watals leeftjd = 40");
    assert_string_equal(ERR, "onbekend feit 'leeftjd'; bedoelt u 'leeftijd'?\n");
    after = facts_now();
    assert_string_equal(after, before);
    hv_mem_free(after);
    hv_mem_free(before);
}

/* ---- vraag: the interview --------------------------------------------------------------------------- */

static const char *question(void)
{
    static char q[600];
    const char *r = hv_session_question(&S, q, sizeof q);
    return r ? r : "(geen vraag)";
}

static int answer(const char *a)
{
    hv_buf out, err;
    hv_buf_init(&out);
    hv_buf_init(&err);
    int rc = hv_session_answer(&S, a, &out, &err);
    take(&out, &err);
    return rc;
}

static void interview(void **state)
{
    (void)state;
    RUN_OK("peildatum 2026-03-01");
    RUN_OK("kan_zelf_werk_vinden = ja");
    RUN_OK("vraag");
    assert_string_equal(OUT, "");
    assert_true(S.asking);
    /* the exception could set the rejection aside: its fact comes first */
    assert_string_equal(question(), "Hoe oud is de aanvrager? [leeftijd: getal, zoals 3 of 2,5]");

    /* a bad answer: refused, the same question again, nothing changed */
    assert_int_equal(answer("veertig"), -1);
    assert_string_equal(ERR, "'veertig' is geen getal, zoals 3 of 2,5; probeer het nog eens (een lege regel stopt)\n");
    assert_string_equal(OUT, "");
    assert_true(S.asking);
    assert_string_equal(question(), "Hoe oud is de aanvrager? [leeftijd: getal, zoals 3 of 2,5]");

    /* a good one */
    assert_int_equal(answer("40"), 0);
    assert_string_equal(OUT, "leeftijd = 40\n");
    assert_string_equal(ERR, "");
    /* a fact without a vraag is asked by its name */
    assert_string_equal(question(), "minderjarige_kinderen? [getal, zoals 3 of 2,5]");

    /* '?' passes a question over */
    assert_int_equal(answer("?"), 0);
    assert_string_equal(OUT, "minderjarige_kinderen blijft onbekend\n");
    assert_string_equal(question(), "dreigende_huisuitzetting? [ja of nee]");

    /* no eviction: the higher rule cannot apply, the date no longer matters;
     * the refusal makes the safeguard ask whether there was a referral */
    assert_int_equal(answer("nee"), 0);
    assert_has(OUT, "dreigende_huisuitzetting = nee\n");
    assert_string_equal(question(), "doorverwezen? [ja of nee]");
    assert_int_equal(answer("ja"), 0);
    assert_has(OUT, "doorverwezen = ja\n"
                    "Alle besluiten zijn genomen; er is niets meer te vragen.\n");
    assert_has(OUT, "ondersteuning: afwijzen\n");
    assert_has(OUT, "spoed: nee (standaard: geen regel is van toepassing)\n");
    assert_false(S.asking);
    assert_string_equal(question(), "(geen vraag)");

    char *f = facts_now();
    assert_has(f, "bekend:\n  leeftijd = 40\n");
    assert_has(f, "  dreigende_huisuitzetting = nee\n");
    assert_has(f, "  minderjarige_kinderen (getal)\n");
    hv_mem_free(f);
}

/* Only facts that can change an undetermined decision, or settle a safeguard
 * that is still unknown, are asked: skip every question and collect them. */
static void interview_asks_only_what_matters(void **state)
{
    (void)state;
    RUN_OK("peildatum 2026-03-01");
    RUN_OK("kan_zelf_werk_vinden = ja");
    RUN_OK("vraag");
    char asked[1024] = "";
    int n = 0;
    while (S.asking && n < 20) {
        const char *name = hv_fact_name(S.prog, S.question);
        snprintf(asked + strlen(asked), sizeof asked - strlen(asked), "%s%s", n ? "," : "", name);
        n++;
        assert_int_equal(answer("?"), 0);
    }
    assert_string_equal(asked, "leeftijd,minderjarige_kinderen,dreigende_huisuitzetting,ontruimingsdatum,doorverwezen");
    assert_has(OUT, "doorverwezen blijft onbekend\n"
                    "Er zijn geen vragen meer die een open besluit kunnen beslissen.\n");
    assert_has(OUT, "ondersteuning: onbepaald");
    /* skipped facts are asked again in the next interview */
    RUN_OK("vraag");
    assert_true(S.asking);
    assert_string_equal(question(), "Hoe oud is de aanvrager? [leeftijd: getal, zoals 3 of 2,5]");
}

static void interview_stops_on_empty_line(void **state)
{
    (void)state;
    RUN_OK("kan_zelf_werk_vinden = ja");
    RUN_OK("ask");
    assert_true(S.asking);
    assert_int_equal(answer("34"), 0);
    assert_int_equal(answer("   "), 0);
    assert_string_equal(OUT, "vraaggesprek gestopt; de antwoorden tot nu toe zijn bewaard\n");
    assert_false(S.asking);
    char *f = facts_now();
    assert_has(f, "  leeftijd = 34\n");
    hv_mem_free(f);
    /* NULL (Ctrl-D) stops too */
    RUN_OK("vraag");
    assert_true(S.asking);
    assert_int_equal(answer(NULL), 0);
    assert_string_equal(OUT, "vraaggesprek gestopt; de antwoorden tot nu toe zijn bewaard\n");
    assert_false(S.asking);
    /* an answer outside an interview does nothing */
    assert_int_equal(answer("ja"), 0);
    assert_string_equal(OUT, "");
}

static void interview_nothing_to_ask(void **state)
{
    (void)state;
    RUN_OK("peildatum 2026-03-01");
    RUN_OK(GEZIN);
    RUN_OK("ontruimingsdatum = 2026-06-01");
    RUN_OK("vraag");
    assert_false(S.asking);
    assert_has(OUT, "Alle besluiten zijn genomen; er is niets meer te vragen.\n");
    assert_has(OUT, "ondersteuning: toekennen\n");
}

static void interview_answers_are_typed(void **state)
{
    (void)state;
    RUN_OK("peildatum 2026-03-01");
    RUN_OK("dreigende_huisuitzetting = ja, minderjarige_kinderen = 2");
    RUN_OK("vraag");
    assert_string_equal(question(), "Op welke datum staat de ontruiming gepland? [ontruimingsdatum: datum als JJJJ-MM-DD]");
    assert_int_equal(answer("11 maart"), -1);
    assert_has(ERR, "'11 maart' is geen datum als JJJJ-MM-DD; probeer het nog eens (een lege regel stopt)\n");
    assert_int_equal(answer("2026-03-11"), 0);
    assert_has(OUT, "ontruimingsdatum = 11 maart 2026\n");
    assert_has(OUT, "spoed: ja\n");
    assert_false(S.asking);
}

/* ---- waarden, regels, toon ------------------------------------------------------------------------ */

static void values(void **state)
{
    (void)state;
    RUN_OK("waarden");
    assert_string_equal(OUT,
        " 1. geen_kinderen_dakloos: \"In onze gemeente zijn geen kinderen dakloos\"\n"
        "    bron: Collegeprogramma 2026-2030, hoofdstuk 3\n"
        "    2 regels\n"
        " 2. zelf_niet_kunnen: \"We komen in actie als iemand het zelf echt niet kan\"\n"
        "    0 regels\n"
        " 3. werk_boven_inkomen: \"Werk staat boven inkomen\"\n"
        "    2 regels\n");
    char *nl = hv_mem_strdup(OUT);
    RUN_OK("values");
    assert_string_equal(OUT, nl);
    hv_mem_free(nl);
}

static void rules(void **state)
{
    (void)state;
    RUN_OK("regels werk_boven_inkomen");
    assert_string_equal(OUT,
        "werk_boven_inkomen: \"Werk staat boven inkomen\"\n"
        "  regel zelf_werk_zoeken\n"
        "    als kan_zelf_werk_vinden\n"
        "    dan ondersteuning = afwijzen\n"
        "  regel jongere_eerst_opleiding (uitzondering op zelf_werk_zoeken)\n"
        "    als leeftijd < 27\n"
        "    dan ondersteuning = doorverwijzen\n");
    RUN_OK("regels zelf_niet_kunnen");
    assert_string_equal(OUT, "zelf_niet_kunnen: \"We komen in actie als iemand het zelf echt niet kan\"\n  (geen regels)\n");
    RUN_OK("rules");
    /* in rangorde, a condition over several lines folded onto one */
    const char *a = strstr(OUT, "geen_kinderen_dakloos:");
    const char *b = strstr(OUT, "zelf_niet_kunnen:");
    const char *c = strstr(OUT, "werk_boven_inkomen:");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_true(a < b && b < c);
    assert_has(OUT, "  regel huisuitzetting_met_kinderen\n"
                    "    als dreigende_huisuitzetting en gezin_met_kinderen\n"
                    "    dan ondersteuning = toekennen\n");
    RUN_FAILS("regels werk_boven_inkomn");
    assert_has(ERR, "'werk_boven_inkomn'; bedoelt u 'werk_boven_inkomen'?\n");
}

static void show(void **state)
{
    (void)state;
    RUN_OK("toon zelf_werk_zoeken");
    assert_string_equal(OUT, tu_fmt("%s:%d:1:\n"
        "regel zelf_werk_zoeken volgens werk_boven_inkomen\n"
        "    als kan_zelf_werk_vinden\n"
        "    dan ondersteuning = afwijzen\n"
        "    omdat \"De aanvrager kan zelf werk vinden; werk gaat voor inkomen.\"\n",
        RULES_PATH, line_of(RULES, "regel zelf_werk_zoeken")));
    RUN_OK("toon leeftijd");
    assert_string_equal(OUT, tu_fmt("%s:%d:1:\nfeit leeftijd: getal vraag \"Hoe oud is de aanvrager?\"\n",
                                    RULES_PATH, line_of(RULES, "feit leeftijd")));
    RUN_OK("show geen_kinderen_dakloos");
    assert_string_equal(OUT, tu_fmt("%s:%d:1:\n"
        "waarde geen_kinderen_dakloos \"In onze gemeente zijn geen kinderen dakloos\"\n"
        "    bron \"Collegeprogramma 2026-2030, hoofdstuk 3\"\n",
        RULES_PATH, line_of(RULES, "waarde geen_kinderen_dakloos")));
    RUN_OK("toon gezin_met_kinderen");
    assert_has(OUT, "definitie gezin_met_kinderen = minderjarige_kinderen > 0\n");
    RUN_OK("toon ondersteuning");
    assert_has(OUT, tu_fmt("%s:%d:1:\nbesluit ondersteuning: keuze(toekennen, afwijzen, doorverwijzen)\n",
                           RULES_PATH, line_of(RULES, "besluit ondersteuning")));
    RUN_OK("toon geen_kale_afwijzing");
    assert_has(OUT, "waarborg geen_kale_afwijzing \"Zoek het zelf maar uit mag nooit een optie zijn\"\n"
                    "    als ondersteuning = afwijzen dan doorverwezen\n");
    RUN_FAILS("toon bestaatniet");
    assert_string_equal(ERR, "'bestaatniet' is geen feit, definitie, besluit, waarde, regel of waarborg\n");
    RUN_FAILS("toon");
    assert_string_equal(ERR, "gebruik: toon NAAM\n");
}

/* ---- help, stop ----------------------------------------------------------------------------------- */

static void help(void **state)
{
    (void)state;
    RUN_OK("help");
    assert_has(OUT, "Opdrachten (Engelse namen tussen haakjes):\n");
    for (int i = 0; i < HV_RC_COUNT; i++) {
        assert_has(OUT, hv_cmdline_usage((hv_rcmd)i));
        assert_has(OUT, hv_cmdline_help((hv_rcmd)i));
        if (*hv_cmdline_alias((hv_rcmd)i)) assert_has(OUT, tu_fmt("(%s)", hv_cmdline_alias((hv_rcmd)i)));
    }
    assert_has(OUT, "  besluit [NAAM] (decide)");
    char *all = hv_mem_strdup(OUT);
    RUN_OK("?");
    assert_string_equal(OUT, all);
    hv_mem_free(all);

    RUN_OK("help waarom");
    assert_string_equal(OUT, "waarom [NAAM]\n  waarom deze uitkomst: de regel, wat die las, wat werd overstemd\n  Engels: why\n");
    RUN_OK("help why");
    assert_string_equal(OUT, "waarom [NAAM]\n  waarom deze uitkomst: de regel, wat die las, wat werd overstemd\n  Engels: why\n");
    RUN_OK("help casus");
    assert_has(OUT, "casus laad BESTAND.json\n  lees een casus uit een JSON-bestand\n  Engels: case load\n");
    assert_has(OUT, "casus bewaar BESTAND.json\n  schrijf de casus naar een JSON-bestand\n");
    RUN_OK("help bestaatniet");
    assert_string_equal(OUT, "geen opdracht 'bestaatniet'; typ 'help' voor de lijst\n");
}

static void quit(void **state)
{
    (void)state;
    assert_int_equal(S.quit, 0);
    RUN_OK("");
    assert_string_equal(OUT, "");
    assert_int_equal(S.quit, 0);
    RUN_OK("stop");
    assert_int_equal(S.quit, 1);
    S.quit = 0;
    RUN_OK("quit");
    assert_int_equal(S.quit, 1);
    S.quit = 0;
    RUN_OK("exit");
    assert_int_equal(S.quit, 1);
}

/* ---- herlaad ---------------------------------------------------------------------------------------- */

static void reload_after_edit(void **state)
{
    (void)state;
    RUN_OK("peildatum 2026-03-01");
    RUN_OK(GEZIN);
    RUN_OK("netto_inkomen = 1500, woonsituatie = dakloos");
    RUN_OK("besluit ondersteuning");
    assert_has(OUT, "uitleg: Er dreigt huisuitzetting en er wonen 2 minderjarige kinderen in het huishouden.\n");

    /* the adviser edits the file: a new explanation, netto_inkomen is gone,
     * and woonsituatie no longer has the member 'dakloos' */
    char *text = hv_mem_strdup(RULES);
    hv_buf nt;
    hv_buf_init(&nt);
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
        if (strncmp(p, "feit netto_inkomen", 18) == 0) { p += n; continue; }
        if (strncmp(p, "feit woonsituatie", 17) == 0) hv_buf_puts(&nt, "feit woonsituatie: keuze(huur, koop, inwonend)\n");
        else if (strstr(p, "omdat \"Er dreigt huisuitzetting") && strstr(p, "omdat \"Er dreigt huisuitzetting") < p + n)
            hv_buf_puts(&nt, "    omdat \"Kinderen horen niet op straat.\"\n");
        else hv_buf_add(&nt, p, n);
        p += n;
    }
    char *edited = hv_buf_take(&nt);
    write_file(RULES_PATH, edited);
    hv_mem_free(edited);
    hv_mem_free(text);

    RUN_OK("herlaad");
    assert_has(OUT, "niet meer in de regels, dus vergeten: netto_inkomen, woonsituatie\n");
    assert_has(OUT, "geladen: Maatwerk Werk en Inkomen (versie 2026.1) — 7 feiten, 2 besluiten, 4 regels, 3 waarden\n");
    /* the rest of the case stays, and the new rules decide */
    char *f = facts_now();
    assert_has(f, "bekend:\n  leeftijd = 34\n  minderjarige_kinderen = 2\n  dreigende_huisuitzetting = ja\n  kan_zelf_werk_vinden = ja\n");
    assert_lacks(f, "netto_inkomen");
    hv_mem_free(f);
    RUN_OK("besluit ondersteuning");
    assert_has(OUT, "uitleg: Kinderen horen niet op straat.\n");
    /* the session peildatum stays too */
    RUN_OK("peildatum");
    assert_string_equal(OUT, "peildatum: 1 maart 2026\n");

    /* a broken edit: herlaad fails, rules and case stay */
    write_file(RULES_PATH, "regelset \"kapot\"\nfeit x getal\n");
    RUN_FAILS("reload");
    assert_has(ERR, "de vorige regels en de casus blijven staan\n");
    RUN_OK("besluit ondersteuning");
    assert_has(OUT, "uitleg: Kinderen horen niet op straat.\n");
    f = facts_now();
    assert_has(f, "  leeftijd = 34\n");
    hv_mem_free(f);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup_each, teardown_each)
    const struct CMUnitTest tests[] = {
        T(use_shares_a_compiled_program),
        T(load_rules),
        T(load_with_errors_keeps_rules_and_case),
        T(nothing_loaded),
        T(set_facts),
        T(bad_value_changes_nothing),
        T(set_peildatum_as_assignment),
        T(forget),
        T(facts_listing),
        T(new_case),
        T(case_save_and_load),
        T(case_load_refused),
        T(peildatum),
        T(peildatum_moves_a_date_rule),
        T(decide),
        T(decide_violated_safeguard),
        T(why),
        T(why_set_aside),
        T(whynot_not_applicable),
        T(whynot_overruled),
        T(whynot_set_aside),
        T(whynot_open),
        T(whynot_errors),
        T(whatif),
        T(interview),
        T(interview_asks_only_what_matters),
        T(interview_stops_on_empty_line),
        T(interview_nothing_to_ask),
        T(interview_answers_are_typed),
        T(values),
        T(rules),
        T(show),
        T(help),
        T(quit),
        T(reload_after_edit),
    };
    return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
