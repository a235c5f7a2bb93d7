/* test_cmdline.c — the REPL's command line: every command by its Dutch name
 * and its English alias, the two-word casus commands, assignments with Dutch
 * decimals and quoted text, watals, help topics, empty lines and comments,
 * and the messages for what cannot be parsed. */
#include "testutil.h"

#include "cmdline.h"

static hv_cmdline C;
static char ERR[512];

/* Parse `line` into C; the return value of hv_cmdline_parse. */
static int parse(const char *line)
{
    hv_cmdline_free(&C);
    ERR[0] = 0;
    return hv_cmdline_parse(line, &C, ERR, sizeof ERR);
}

/* Parse a line that must parse. */
#define OK(line)                                                                    \
    do {                                                                            \
        if (parse(line) != 0) fail_msg("'%s' did not parse: %s", (line), ERR);     \
    } while (0)

/* Parse a line that must be refused, with exactly this message. */
#define REFUSED(line, msg)                                                          \
    do {                                                                            \
        if (parse(line) == 0) fail_msg("'%s' parsed, but should be refused", (line)); \
        assert_string_equal(ERR, (msg));                                            \
    } while (0)

static int teardown_each(void **state)
{
    (void)state;
    hv_cmdline_free(&C);
    return 0;
}

/* ---- every command, in Dutch and in English ------------------------------------ */

static const struct {
    const char *word;
    hv_rcmd cmd;
} WORDS[] = {
    {"laad", HV_RC_LOAD},         {"load", HV_RC_LOAD},
    {"herlaad", HV_RC_RELOAD},    {"reload", HV_RC_RELOAD},
    {"vergeet", HV_RC_FORGET},    {"forget", HV_RC_FORGET},
    {"feiten", HV_RC_FACTS},      {"facts", HV_RC_FACTS},
    {"nieuw", HV_RC_NEW},         {"new", HV_RC_NEW},
    {"casus laad", HV_RC_CASE_LOAD}, {"case load", HV_RC_CASE_LOAD},
    {"casus bewaar", HV_RC_CASE_SAVE}, {"case save", HV_RC_CASE_SAVE},
    {"peildatum", HV_RC_PEILDATUM}, {"date", HV_RC_PEILDATUM},
    {"besluit", HV_RC_DECIDE},    {"decide", HV_RC_DECIDE},
    {"waarom", HV_RC_WHY},        {"why", HV_RC_WHY},
    {"waaromniet", HV_RC_WHYNOT}, {"whynot", HV_RC_WHYNOT},
    {"watals", HV_RC_WHATIF},     {"whatif", HV_RC_WHATIF},
    {"vraag", HV_RC_ASK},         {"ask", HV_RC_ASK},
    {"waarden", HV_RC_VALUES},    {"values", HV_RC_VALUES},
    {"regels", HV_RC_RULES},      {"rules", HV_RC_RULES},
    {"toon", HV_RC_SHOW},         {"show", HV_RC_SHOW},
    {"help", HV_RC_HELP},         {"?", HV_RC_HELP},
    {"stop", HV_RC_QUIT},         {"quit", HV_RC_QUIT},
    {"exit", HV_RC_QUIT},
};

static void every_command_by_name(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof WORDS / sizeof *WORDS; i++) {
        /* watals needs an assignment to parse */
        const char *line = WORDS[i].cmd == HV_RC_WHATIF ? tu_fmt("%s leeftijd = 34", WORDS[i].word) : WORDS[i].word;
        if (parse(line) != 0) fail_msg("'%s' did not parse: %s", line, ERR);
        if (C.cmd != WORDS[i].cmd) fail_msg("'%s' gave command %d, expected %d", line, C.cmd, WORDS[i].cmd);
        assert_int_equal(hv_cmdline_lookup(WORDS[i].word), WORDS[i].cmd);
    }
}

static void names_and_aliases(void **state)
{
    (void)state;
    assert_string_equal(hv_cmdline_name(HV_RC_DECIDE), "besluit");
    assert_string_equal(hv_cmdline_alias(HV_RC_DECIDE), "decide");
    assert_string_equal(hv_cmdline_name(HV_RC_CASE_LOAD), "casus laad");
    assert_string_equal(hv_cmdline_alias(HV_RC_CASE_LOAD), "case load");
    assert_string_equal(hv_cmdline_name(HV_RC_CASE_SAVE), "casus bewaar");
    assert_string_equal(hv_cmdline_alias(HV_RC_CASE_SAVE), "case save");
    assert_string_equal(hv_cmdline_name(HV_RC_WHYNOT), "waaromniet");
    assert_string_equal(hv_cmdline_alias(HV_RC_WHYNOT), "whynot");
    /* FEIT = WAARDE has no name, but a usage and a help text */
    assert_string_equal(hv_cmdline_name(HV_RC_SET), "");
    assert_string_equal(hv_cmdline_alias(HV_RC_SET), "");
    assert_string_equal(hv_cmdline_usage(HV_RC_SET), "FEIT = WAARDE [, FEIT = WAARDE]...");
    assert_string_equal(hv_cmdline_usage(HV_RC_WHYNOT), "waaromniet NAAM UITKOMST");
    /* every command except SET has a Dutch name and an English alias, and
     * every one has a usage and a help text; the lookup finds each by both */
    for (int i = 0; i < HV_RC_COUNT; i++) {
        hv_rcmd c = (hv_rcmd)i;
        assert_true(strlen(hv_cmdline_usage(c)) > 0);
        assert_true(strlen(hv_cmdline_help(c)) > 0);
        if (c == HV_RC_SET) continue;
        assert_true(strlen(hv_cmdline_name(c)) > 0);
        assert_true(strlen(hv_cmdline_alias(c)) > 0);
        assert_int_equal(hv_cmdline_lookup(hv_cmdline_name(c)), c);
        assert_int_equal(hv_cmdline_lookup(hv_cmdline_alias(c)), c);
    }
    /* out of range: empty strings, not a crash */
    assert_string_equal(hv_cmdline_name(HV_RC_NONE), "");
    assert_string_equal(hv_cmdline_usage(HV_RC_NONE), "");
}

static void lookup_unknown(void **state)
{
    (void)state;
    assert_int_equal(hv_cmdline_lookup("besluiten"), HV_RC_NONE);
    assert_int_equal(hv_cmdline_lookup(""), HV_RC_NONE);
    assert_int_equal(hv_cmdline_lookup("casus"), HV_RC_NONE);
    assert_int_equal(hv_cmdline_lookup("Besluit"), HV_RC_NONE);
}

/* ---- arguments ---------------------------------------------------------------------- */

static void words_and_rest(void **state)
{
    (void)state;
    OK("besluit ondersteuning");
    assert_int_equal(C.cmd, HV_RC_DECIDE);
    assert_int_equal(C.nargs, 1);
    assert_string_equal(C.args[0], "ondersteuning");
    assert_string_equal(C.rest, "ondersteuning");

    OK("   decide  \t ");
    assert_int_equal(C.cmd, HV_RC_DECIDE);
    assert_int_equal(C.nargs, 0);
    assert_string_equal(C.rest, "");

    OK("vergeet leeftijd  netto_inkomen\t");
    assert_int_equal(C.cmd, HV_RC_FORGET);
    assert_int_equal(C.nargs, 2);
    assert_string_equal(C.args[0], "leeftijd");
    assert_string_equal(C.args[1], "netto_inkomen");
    assert_string_equal(C.rest, "leeftijd  netto_inkomen");

    OK("laad a.hv \"mijn regels.hv\"");
    assert_int_equal(C.cmd, HV_RC_LOAD);
    assert_int_equal(C.nargs, 2);
    assert_string_equal(C.args[0], "a.hv");
    assert_string_equal(C.args[1], "mijn regels.hv");
    assert_int_equal(C.nassign, 0);
}

static void whynot_outcome_of_two_words(void **state)
{
    (void)state;
    OK("waaromniet ondersteuning ter beoordeling");
    assert_int_equal(C.cmd, HV_RC_WHYNOT);
    assert_int_equal(C.nargs, 3);
    assert_string_equal(C.args[0], "ondersteuning");
    assert_string_equal(C.args[1], "ter");
    assert_string_equal(C.args[2], "beoordeling");
    assert_string_equal(C.rest, "ondersteuning ter beoordeling");

    OK("whynot ondersteuning afwijzen");
    assert_int_equal(C.cmd, HV_RC_WHYNOT);
    assert_int_equal(C.nargs, 2);
    assert_string_equal(C.args[1], "afwijzen");
}

static void casus_commands(void **state)
{
    (void)state;
    OK("casus laad X");
    assert_int_equal(C.cmd, HV_RC_CASE_LOAD);
    assert_int_equal(C.nargs, 1);
    assert_string_equal(C.args[0], "X");

    OK("case save X");
    assert_int_equal(C.cmd, HV_RC_CASE_SAVE);
    assert_int_equal(C.nargs, 1);
    assert_string_equal(C.args[0], "X");

    OK("casus bewaar /tmp/casus 1.json");
    assert_int_equal(C.cmd, HV_RC_CASE_SAVE);
    assert_int_equal(C.nargs, 2);      /* the session says: one file */

    OK("casus   bewaar   \"/tmp/casus 1.json\"  ");
    assert_int_equal(C.cmd, HV_RC_CASE_SAVE);
    assert_int_equal(C.nargs, 1);
    assert_string_equal(C.args[0], "/tmp/casus 1.json");

    OK("case load cases/a.json");
    assert_int_equal(C.cmd, HV_RC_CASE_LOAD);
    assert_string_equal(C.args[0], "cases/a.json");

    OK("casus laad");                  /* no file: the session gives the usage */
    assert_int_equal(C.cmd, HV_RC_CASE_LOAD);
    assert_int_equal(C.nargs, 0);

    REFUSED("casus", "'casus' wat? gebruik 'casus laad BESTAND' of 'casus bewaar BESTAND'");
    REFUSED("casus open x.json", "'casus' wat? gebruik 'casus laad BESTAND' of 'casus bewaar BESTAND'");
    REFUSED("case", "'case' wat? gebruik 'casus laad BESTAND' of 'casus bewaar BESTAND'");
    /* the Dutch word with the English verb is not a command */
    assert_int_not_equal(parse("casus load x.json"), 0);
}

/* ---- assignments ---------------------------------------------------------------------- */

static void assign_one(void **state)
{
    (void)state;
    OK("leeftijd = 34");
    assert_int_equal(C.cmd, HV_RC_SET);
    assert_int_equal(C.nassign, 1);
    assert_string_equal(C.assign[0].fact, "leeftijd");
    assert_string_equal(C.assign[0].value, "34");

    OK("  leeftijd=34  ");
    assert_int_equal(C.cmd, HV_RC_SET);
    assert_string_equal(C.assign[0].fact, "leeftijd");
    assert_string_equal(C.assign[0].value, "34");

    /* a fact named like a command is still an assignment */
    OK("stop = ja");
    assert_int_equal(C.cmd, HV_RC_SET);
    assert_string_equal(C.assign[0].fact, "stop");
    assert_string_equal(C.assign[0].value, "ja");
}

static void assign_dutch_decimals(void **state)
{
    (void)state;
    OK("inkomen = 1500,50, kinderen = 2");
    assert_int_equal(C.cmd, HV_RC_SET);
    assert_int_equal(C.nassign, 2);
    assert_string_equal(C.assign[0].fact, "inkomen");
    assert_string_equal(C.assign[0].value, "1500,50");
    assert_string_equal(C.assign[1].fact, "kinderen");
    assert_string_equal(C.assign[1].value, "2");

    OK("inkomen = € 1.500,50,kinderen=2,woon = huur");
    assert_int_equal(C.nassign, 3);
    assert_string_equal(C.assign[0].value, "€ 1.500,50");
    assert_string_equal(C.assign[1].fact, "kinderen");
    assert_string_equal(C.assign[1].value, "2");
    assert_string_equal(C.assign[2].fact, "woon");
    assert_string_equal(C.assign[2].value, "huur");

    /* a comma that does not start "NAME =" belongs to the value */
    OK("factor = 2,5");
    assert_int_equal(C.nassign, 1);
    assert_string_equal(C.assign[0].value, "2,5");
    OK("notitie = hallo, wereld");
    assert_int_equal(C.nassign, 1);
    assert_string_equal(C.assign[0].value, "hallo, wereld");
    /* "==" is no assignment, so the comma stays in the value */
    OK("a = 1, b == 2");
    assert_int_equal(C.nassign, 1);
    assert_string_equal(C.assign[0].value, "1, b == 2");
}

static void assign_quoted_text(void **state)
{
    (void)state;
    OK("naam = \"Jan de Vries\"");
    assert_int_equal(C.nassign, 1);
    assert_string_equal(C.assign[0].value, "Jan de Vries");

    /* a comma and "NAME =" inside quotes do not split */
    OK("naam = \"Jansen, b = 2\", leeftijd = 34");
    assert_int_equal(C.nassign, 2);
    assert_string_equal(C.assign[0].fact, "naam");
    assert_string_equal(C.assign[0].value, "Jansen, b = 2");
    assert_string_equal(C.assign[1].fact, "leeftijd");
    assert_string_equal(C.assign[1].value, "34");

    /* an empty quoted text is a value (the empty text), not a missing one */
    OK("naam = \"\"");
    assert_int_equal(C.nassign, 1);
    assert_string_equal(C.assign[0].value, "");

    /* an unquoted value keeps its inner spaces */
    OK("naam = Jan de Vries ");
    assert_string_equal(C.assign[0].value, "Jan de Vries");
}

static void assign_without_value(void **state)
{
    (void)state;
    REFUSED("leeftijd =", "'leeftijd =' zonder waarde; gebruik 'vergeet leeftijd' om het feit onbekend te maken");
    REFUSED("leeftijd =   ", "'leeftijd =' zonder waarde; gebruik 'vergeet leeftijd' om het feit onbekend te maken");
    REFUSED("leeftijd = 34, kinderen =",
            "'kinderen =' zonder waarde; gebruik 'vergeet kinderen' om het feit onbekend te maken");
    REFUSED("leeftijd = , kinderen = 2",
            "'leeftijd =' zonder waarde; gebruik 'vergeet leeftijd' om het feit onbekend te maken");
    /* a comma without "NAME =" after it stays in the value (the session
     * then refuses "34, kinderen" as a number) */
    OK("leeftijd = 34, kinderen");
    assert_int_equal(C.nassign, 1);
    assert_string_equal(C.assign[0].value, "34, kinderen");
    OK("leeftijd = 34,");
    assert_int_equal(C.nassign, 1);
    assert_string_equal(C.assign[0].value, "34,");
}

/* ---- watals ------------------------------------------------------------------------------- */

static void whatif_assignments(void **state)
{
    (void)state;
    OK("watals inkomen = 1500,50, kinderen = 2, woonsituatie = \"huur\"");
    assert_int_equal(C.cmd, HV_RC_WHATIF);
    assert_int_equal(C.nassign, 3);
    assert_string_equal(C.assign[0].fact, "inkomen");
    assert_string_equal(C.assign[0].value, "1500,50");
    assert_string_equal(C.assign[1].fact, "kinderen");
    assert_string_equal(C.assign[1].value, "2");
    assert_string_equal(C.assign[2].fact, "woonsituatie");
    assert_string_equal(C.assign[2].value, "huur");

    OK("whatif dreigende_huisuitzetting = nee");
    assert_int_equal(C.cmd, HV_RC_WHATIF);
    assert_int_equal(C.nassign, 1);
    assert_string_equal(C.assign[0].fact, "dreigende_huisuitzetting");
    assert_string_equal(C.assign[0].value, "nee");

    REFUSED("watals", "gebruik: watals FEIT = WAARDE [, ...]");
    REFUSED("whatif   ", "gebruik: watals FEIT = WAARDE [, ...]");
    REFUSED("watals leeftijd", "verwacht FEIT = WAARDE bij 'leeftijd'");
    REFUSED("watals leeftijd =",
            "'leeftijd =' zonder waarde; gebruik 'vergeet leeftijd' om het feit onbekend te maken");
}

/* ---- help ------------------------------------------------------------------------------------ */

static void help_topics(void **state)
{
    (void)state;
    OK("help");
    assert_int_equal(C.cmd, HV_RC_HELP);
    assert_int_equal(C.nargs, 0);

    OK("help waaromniet");
    assert_int_equal(C.cmd, HV_RC_HELP);
    assert_int_equal(C.nargs, 1);
    assert_string_equal(C.args[0], "waaromniet");

    OK("help casus laad");
    assert_int_equal(C.cmd, HV_RC_HELP);
    assert_int_equal(C.nargs, 2);
    assert_string_equal(C.args[0], "casus");

    OK("?");
    assert_int_equal(C.cmd, HV_RC_HELP);
    assert_int_equal(C.nargs, 0);

    OK("? besluit");
    assert_int_equal(C.cmd, HV_RC_HELP);
    assert_int_equal(C.nargs, 1);
    assert_string_equal(C.args[0], "besluit");

    OK("exit");
    assert_int_equal(C.cmd, HV_RC_QUIT);
    OK("quit");
    assert_int_equal(C.cmd, HV_RC_QUIT);
}

/* ---- nothing to do, and what is not a command ------------------------------------------------- */

static void empty_and_comments(void **state)
{
    (void)state;
    static const char *lines[] = {"", "   ", "\t \t", "# een opmerking", "   # ingesprongen", "#", "\n"};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        assert_int_equal(parse(lines[i]), 0);
        assert_int_equal(C.cmd, HV_RC_NONE);
        assert_int_equal(C.nargs, 0);
        assert_int_equal(C.nassign, 0);
    }
}

static void unknown_command(void **state)
{
    (void)state;
    REFUSED("besluiten", "onbekende opdracht 'besluiten'; bedoelt u 'besluit'?");
    REFUSED("besluiten ondersteuning", "onbekende opdracht 'besluiten'; bedoelt u 'besluit'?");
    REFUSED("wataals leeftijd = 3", "onbekende opdracht 'wataals'; bedoelt u 'watals'?");
    REFUSED("decied", "onbekende opdracht 'decied'; bedoelt u 'decide'?");
    REFUSED("feitn", "onbekende opdracht 'feitn'; bedoelt u 'feiten'?");
    REFUSED("Besluit", "onbekende opdracht 'Besluit'; bedoelt u 'besluit'?");
    REFUSED("xyzzy", "onbekende opdracht 'xyzzy'; typ 'help' voor de opdrachten");
    REFUSED("= 3", "onbekende opdracht '='; typ 'help' voor de opdrachten");
    /* "==" is not an assignment */
    assert_int_not_equal(parse("leeftijd == 3"), 0);
    assert_non_null(strstr(ERR, "'leeftijd'"));
    /* a long word is quoted by its start, cut between characters */
    REFUSED("éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé 1",
            "onbekende opdracht 'éééééééééééééééééééé...'; typ 'help' voor de opdrachten");
    REFUSED("ééééééééééééééééééééééé", "onbekende opdracht 'éééééééééééééééééééé...'; typ 'help' voor de opdrachten");
}

/* A line longer than HV_REPL_MAX_LINE is refused whole, saying how long. */
static void line_too_long(void **state)
{
    (void)state;
    size_t n = HV_REPL_MAX_LINE + 1;
    char *line = malloc(n + 1);
    memcpy(line, "leeftijd = ", 11);
    memset(line + 11, '9', n - 11);
    line[n] = 0;
    REFUSED(line, "de regel is te lang: 65537 bytes, hoogstens 65536; er is niets gedaan");
    hv_cmdline_free(&C);
    line[n - 1] = 0;                      /* at the limit: read (and the value is for the session to judge) */
    assert_int_equal(parse(line), 0);
    assert_int_equal(C.cmd, HV_RC_SET);
    free(line);
}

static void free_is_safe(void **state)
{
    (void)state;
    /* after a refused line, after an empty one, and twice */
    assert_int_not_equal(parse("leeftijd = 34, kinderen ="), 0);
    hv_cmdline_free(&C);
    hv_cmdline_free(&C);
    assert_int_equal(C.cmd, HV_RC_NONE);
    assert_int_equal(C.nassign, 0);
    assert_null(C.assign);
    OK("");
    hv_cmdline_free(&C);
    assert_int_equal(C.cmd, HV_RC_NONE);
}

static void long_lines(void **state)
{
    (void)state;
    /* a very long command word and value do not overflow */
    char line[2048];
    memset(line, 'x', sizeof line - 1);
    line[sizeof line - 1] = 0;
    assert_int_not_equal(parse(line), 0);
    assert_non_null(strstr(ERR, "onbekende opdracht"));

    char assign[4096];
    int n = snprintf(assign, sizeof assign, "notitie = ");
    memset(assign + n, 'y', 3000);
    assign[n + 3000] = 0;
    OK(assign);
    assert_int_equal(C.nassign, 1);
    assert_int_equal(strlen(C.assign[0].value), 3000);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, teardown_each)
    const struct CMUnitTest tests[] = {
        T(every_command_by_name),
        T(names_and_aliases),
        T(lookup_unknown),
        T(words_and_rest),
        T(whynot_outcome_of_two_words),
        T(casus_commands),
        T(assign_one),
        T(assign_dutch_decimals),
        T(assign_quoted_text),
        T(assign_without_value),
        T(whatif_assignments),
        T(help_topics),
        T(empty_and_comments),
        T(unknown_command),
        T(line_too_long),
        T(free_is_safe),
        T(long_lines),
    };
    return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
