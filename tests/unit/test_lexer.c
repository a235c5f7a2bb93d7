/* test_lexer.c — the flex scanner: tokens, values, byte locations, errors. */
#include "testutil.h"

#include "ast.h"
#include "parse_int.h"
#include "grammar/parser.h"
#define YYSTYPE HV_YYSTYPE
#define YYLTYPE HV_YYLTYPE
#include "grammar/lexer.h"
#include "keywords.h"

typedef struct tok {
    int t;
    hv_loc loc;
    const char *str;       /* IDENT, STRING */
    int64_t num;           /* NUMBER, MONEY, DATE */
} tok;

typedef struct lexrun {
    hv_srcset src;
    hv_diags d;
    hv_ast ast;
    hv_parser p;
    tok toks[256];
    int n;
} lexrun;

static lexrun *L;

static int setup(void **state)
{
    L = calloc(1, sizeof *L);
    *state = L;
    return L ? 0 : -1;
}

static void lex_free(void)
{
    hv_diags_free(&L->d);
    hv_src_free(&L->src);
    hv_arena_free(&L->ast.arena);
    memset(L, 0, sizeof *L);
}

static int teardown(void **state)
{
    (void)state;
    lex_free();
    free(L);
    return 0;
}

/* Scan `text` (from byte `start`) into L->toks, without the start token. */
static void lex_from(const char *text, uint32_t start, int start_tok)
{
    lex_free();
    assert_int_equal(hv_src_add(&L->src, "t.hv", text, strlen(text)), 0);
    hv_diags_init(&L->d, &L->src);
    hv_arena_init(&L->ast.arena, 4096);
    L->p.ast = &L->ast;
    L->p.diags = &L->d;
    struct hv_lexstate lx = {&L->p, 0, start, start_tok, 0, NULL, NULL};   /* no oom target: abort */
    yyscan_t sc;
    assert_int_equal(hv_yylex_init_extra(&lx, &sc), 0);
    YY_BUFFER_STATE b = hv_yy_scan_bytes(L->src.files[0].text + start, (int)(strlen(text) - start), sc);
    HV_YYSTYPE v;
    HV_YYLTYPE loc;
    int t = hv_yylex(&v, &loc, sc);
    assert_int_equal(t, start_tok);
    assert_int_equal(loc.start, start);
    for (;;) {
        memset(&v, 0, sizeof v);
        t = hv_yylex(&v, &loc, sc);
        if (t == 0) break;
        assert_true(L->n < 256);
        tok *k = &L->toks[L->n++];
        k->t = t;
        k->loc = loc;
        if (t == IDENT || t == STRING) k->str = v.str;
        else k->num = v.num;
    }
    hv_yy_delete_buffer(b, sc);
    hv_yylex_destroy(sc);
}

static void lex(const char *text) { lex_from(text, 0, START_FILE); }

/* The token kinds as text, for readable failures: "IDENT NE NUMBER". */
static const char *kinds(void)
{
    char *b = tu_ring(4096);
    size_t k = 0;
    for (int i = 0; i < L->n; i++) {
        int t = L->toks[i].t;
        const char *name = NULL;
        char one[16];
        switch (t) {
        case IDENT: name = "IDENT"; break;
        case STRING: name = "STRING"; break;
        case NUMBER: name = "NUMBER"; break;
        case MONEY: name = "MONEY"; break;
        case DATE: name = "DATE"; break;
        case UITZONDERING_OP: name = "UITZONDERING_OP"; break;
        case TER_BEOORDELING: name = "TER_BEOORDELING"; break;
        case NIET_IN: name = "NIET_IN"; break;
        case PEILDATUM: name = "PEILDATUM"; break;
        case NIET: name = "NIET"; break;
        case IN: name = "IN"; break;
        case EN: name = "EN"; break;
        case OF: name = "OF"; break;
        case NE: name = "NE"; break;
        case LE: name = "LE"; break;
        case GE: name = "GE"; break;
        case REGEL: name = "REGEL"; break;
        case FEIT: name = "FEIT"; break;
        case ALS: name = "ALS"; break;
        case DAN: name = "DAN"; break;
        case VOLGENS: name = "VOLGENS"; break;
        case WAARDE: name = "WAARDE"; break;
        case T_GETAL: name = "T_GETAL"; break;
        default:
            if (t < 256) { snprintf(one, sizeof one, "'%c'", t); name = one; }
            else { snprintf(one, sizeof one, "#%d", t); name = one; }
        }
        k += (size_t)snprintf(b + k, 4096 - k, "%s%s", i ? " " : "", name);
    }
    return b;
}

static const char *first_msg(void) { return L->d.n ? L->d.items[0].msg : "(no diagnostic)"; }

static const char *diag_where(int i)
{
    int line, col;
    hv_src_linecol(&L->src, L->d.items[i].loc, &line, &col);
    return tu_fmt("%d:%d", line, col);
}

/* ---- keywords ----------------------------------------------------------------- */

static void keywords_dutch(void **state)
{
    (void)state;
#define X(T, nl, en)                                             \
    lex(nl);                                                     \
    if (L->n != 1 || L->toks[0].t != T) fail_msg("'%s' is not its keyword: %s", nl, kinds());
    HV_KEYWORD_LIST(X)
#undef X
}

static void keywords_english(void **state)
{
    (void)state;
    const char *en;
#define X(T, nl, e)                                                      \
    en = e;                                                              \
    if (en) {                                                            \
        lex(en);                                                         \
        if (L->n != 1 || L->toks[0].t != T) fail_msg("'%s' is not the alias of '%s': %s", en, nl, kinds()); \
    }
    HV_KEYWORD_LIST(X)
#undef X
}

static void keywords_are_case_sensitive(void **state)
{
    (void)state;
    lex("Regel ALS Dan");
    assert_string_equal(kinds(), "IDENT IDENT IDENT");
    assert_string_equal(L->toks[0].str, "Regel");
}

static void keyword_followed_by_name(void **state)
{
    (void)state;
    lex("regel huur_toeslag volgens w");
    assert_int_equal(L->n, 4);
    assert_int_equal(L->toks[0].t, REGEL);
    assert_int_equal(L->toks[1].t, IDENT);
    assert_string_equal(L->toks[1].str, "huur_toeslag");
    assert_int_equal(L->toks[1].loc.start, 6);
    assert_int_equal(L->toks[1].loc.end, 18);
    assert_int_equal(L->toks[2].t, VOLGENS);
    assert_int_equal(L->toks[3].t, IDENT);
    assert_string_equal(L->toks[3].str, "w");
}

static void names(void **state)
{
    (void)state;
    lex("_x a1 leeftijd_in_jaren X");
    assert_string_equal(kinds(), "IDENT IDENT IDENT IDENT");
    assert_string_equal(L->toks[0].str, "_x");
    assert_string_equal(L->toks[1].str, "a1");
    assert_string_equal(L->toks[2].str, "leeftijd_in_jaren");
    assert_int_equal(L->d.n, 0);
}

/* ---- two-word keywords ------------------------------------------------------------ */

static void two_word(const char *text, int want)
{
    lex(text);
    if (L->n != 1 || L->toks[0].t != want) fail_msg("'%s': %s", text, kinds());
    assert_int_equal(L->toks[0].loc.start, 0);
    assert_int_equal(L->toks[0].loc.end, strlen(text));
    assert_int_equal(L->d.n, 0);
}

static void two_word_keywords(void **state)
{
    (void)state;
    two_word("uitzondering op", UITZONDERING_OP);
    two_word("exception to", UITZONDERING_OP);
    two_word("ter beoordeling", TER_BEOORDELING);
    two_word("for judgement", TER_BEOORDELING);
    two_word("niet in", NIET_IN);
    two_word("not in", NIET_IN);
    two_word("as of", PEILDATUM);
}

static void two_word_keywords_extra_space(void **state)
{
    (void)state;
    two_word("ter   beoordeling", TER_BEOORDELING);
    two_word("uitzondering\top", UITZONDERING_OP);
}

static void two_word_in_context(void **state)
{
    (void)state;
    lex("dan ondersteuning ter beoordeling");
    assert_string_equal(kinds(), "DAN IDENT TER_BEOORDELING");
    assert_string_equal(L->toks[1].str, "ondersteuning");
    assert_int_equal(L->toks[2].loc.start, 18);
    assert_int_equal(L->toks[2].loc.end, 33);

    lex("woonsituatie niet in (huur, koop)");
    assert_string_equal(kinds(), "IDENT NIET_IN '(' IDENT ',' IDENT ')'");

    lex("x not in(a)");
    assert_string_equal(kinds(), "IDENT NIET_IN '(' IDENT ')'");

    lex("regel r volgens w uitzondering op a, b");
    assert_string_equal(kinds(), "REGEL IDENT VOLGENS IDENT UITZONDERING_OP IDENT ',' IDENT");
}

static void ter_as_a_name(void **state)
{
    (void)state;
    lex("ter hoogte");
    assert_string_equal(kinds(), "IDENT IDENT");
    assert_string_equal(L->toks[0].str, "ter");
    assert_string_equal(L->toks[1].str, "hoogte");
    assert_int_equal(L->toks[1].loc.start, 4);
    assert_int_equal(L->toks[1].loc.end, 10);

    lex("ter");
    assert_string_equal(kinds(), "IDENT");
    lex("ter = 1");
    assert_string_equal(kinds(), "IDENT '=' NUMBER");
    lex("als ter en x");
    assert_string_equal(kinds(), "ALS IDENT EN IDENT");
    assert_string_equal(L->toks[1].str, "ter");
}

static void other_first_words_as_names(void **state)
{
    (void)state;
    lex("uitzondering opa");
    assert_string_equal(kinds(), "IDENT IDENT");
    assert_string_equal(L->toks[1].str, "opa");
    lex("op");
    assert_string_equal(kinds(), "IDENT");
    lex("as");
    assert_string_equal(kinds(), "IDENT");
    lex("for x");
    assert_string_equal(kinds(), "IDENT IDENT");
    lex("exception");
    assert_string_equal(kinds(), "IDENT");
    lex("as often");
    assert_string_equal(kinds(), "IDENT IDENT");
}

static void niet_before_other_words(void **state)
{
    (void)state;
    lex("niet inwonend");
    assert_string_equal(kinds(), "NIET IDENT");
    assert_string_equal(L->toks[1].str, "inwonend");
    assert_int_equal(L->toks[1].loc.start, 5);
    lex("niet x in (a)");
    assert_string_equal(kinds(), "NIET IDENT IN '(' IDENT ')'");
    lex("niet niet x");
    assert_string_equal(kinds(), "NIET NIET IDENT");
    lex("x in (a)");
    assert_string_equal(kinds(), "IDENT IN '(' IDENT ')'");
}

static void as_of_is_peildatum(void **state)
{
    (void)state;
    lex("x < as of");
    assert_string_equal(kinds(), "IDENT '<' PEILDATUM");
    lex("peildatum - 1");
    assert_string_equal(kinds(), "PEILDATUM '-' NUMBER");
}

/* ---- numbers and money -------------------------------------------------------------- */

static void numbers(void **state)
{
    (void)state;
    lex("12 3.5 1500.00 0.000001 0");
    assert_string_equal(kinds(), "NUMBER NUMBER NUMBER NUMBER NUMBER");
    assert_int_equal(L->toks[0].num, 12000000);
    assert_int_equal(L->toks[1].num, 3500000);
    assert_int_equal(L->toks[2].num, 1500000000);
    assert_int_equal(L->toks[3].num, 1);
    assert_int_equal(L->toks[4].num, 0);
    assert_int_equal(L->d.n, 0);
}

static void number_too_precise(void **state)
{
    (void)state;
    lex("x > 1.1234567");
    assert_string_equal(kinds(), "IDENT '>' NUMBER");
    assert_int_equal(L->d.nerrors, 1);
    assert_string_equal(first_msg(), "a number has at most 6 decimals: '1.1234567'");
    assert_string_equal(diag_where(0), "1:5");
}

static void number_out_of_range(void **state)
{
    (void)state;
    lex("99999999999999999999999");
    assert_string_equal(kinds(), "NUMBER");
    assert_int_equal(L->d.nerrors, 1);
    assert_string_equal(first_msg(), "number out of range: '99999999999999999999999'");
}

static void number_glued_to_name(void **state)
{
    (void)state;
    lex("12abc");
    assert_int_equal(L->d.nerrors, 1);
    assert_string_equal(first_msg(), "'12abc' is neither a number nor a name");
    assert_string_equal(L->d.items[0].hint, "a name starts with a letter or '_'");
}

static void money_literals(void **state)
{
    (void)state;
    lex("€1500 € 12.50 €0.05");
    assert_string_equal(kinds(), "MONEY MONEY MONEY");
    assert_int_equal(L->toks[0].num, 150000);
    assert_int_equal(L->toks[1].num, 1250);
    assert_int_equal(L->toks[2].num, 5);
    /* '€' is three bytes */
    assert_int_equal(L->toks[0].loc.start, 0);
    assert_int_equal(L->toks[0].loc.end, 7);
    assert_int_equal(L->toks[1].loc.start, 8);
    assert_int_equal(L->toks[1].loc.end, 17);
    assert_int_equal(L->d.n, 0);
}

static void money_too_precise(void **state)
{
    (void)state;
    lex("€12.345");
    assert_string_equal(kinds(), "MONEY");
    assert_int_equal(L->d.nerrors, 1);
    assert_string_equal(first_msg(), "an amount has at most 2 decimals: '12.345'");
}

static void euro_without_amount(void **state)
{
    (void)state;
    lex("x = € y");
    assert_int_equal(L->d.nerrors, 1);
    assert_string_equal(first_msg(), "'€' must be followed by an amount, as in €1500.00");
    assert_string_equal(diag_where(0), "1:5");
}

/* ---- dates ------------------------------------------------------------------------------- */

static void dates(void **state)
{
    (void)state;
    lex("2026-03-01 0001-01-01 9999-12-31");
    assert_string_equal(kinds(), "DATE DATE DATE");
    assert_int_equal(L->toks[0].num, 20513);
    assert_int_equal(L->toks[1].num, -719162);
    assert_int_equal(L->toks[2].num, 2932896);
    assert_int_equal(L->toks[0].loc.end, 10);
    assert_int_equal(L->d.n, 0);
}

static void invalid_dates(void **state)
{
    (void)state;
    lex("x = 2026-02-29");
    assert_string_equal(kinds(), "IDENT '=' DATE");
    assert_int_equal(L->d.nerrors, 1);
    assert_string_equal(first_msg(), "'2026-02-29' is not a valid date");
    assert_string_equal(diag_where(0), "1:5");

    lex("2026-13-01\n2026-04-31");
    assert_int_equal(L->d.nerrors, 2);
    assert_string_equal(L->d.items[0].msg, "'2026-13-01' is not a valid date");
    assert_string_equal(L->d.items[1].msg, "'2026-04-31' is not a valid date");
    assert_string_equal(diag_where(1), "2:1");
}

static void date_like_subtraction(void **state)
{
    (void)state;
    lex("2026-03");
    assert_string_equal(kinds(), "NUMBER '-' NUMBER");
    assert_int_equal(L->d.n, 0);
}

/* ---- strings ----------------------------------------------------------------------------- */

static void strings(void **state)
{
    (void)state;
    lex("\"hallo wereld\" \"\"");
    assert_string_equal(kinds(), "STRING STRING");
    assert_string_equal(L->toks[0].str, "hallo wereld");
    assert_string_equal(L->toks[1].str, "");
    assert_int_equal(L->toks[0].loc.start, 0);
    assert_int_equal(L->toks[0].loc.end, 14);
}

static void string_escapes(void **state)
{
    (void)state;
    lex("\"a\\\"b\\\\c\\nd\\te\\{f\\}\"");
    assert_string_equal(kinds(), "STRING");
    assert_string_equal(L->toks[0].str, "a\"b\\c\nd\te{f}");
    assert_int_equal(L->d.n, 0);
}

static void string_unknown_escape(void **state)
{
    (void)state;
    lex("x \"ab\\qc\"");
    assert_string_equal(kinds(), "IDENT STRING");
    assert_int_equal(L->d.nerrors, 1);
    assert_string_equal(first_msg(), "unknown escape '\\q' in text");
    /* the location is the backslash and the letter after it */
    assert_int_equal(L->d.items[0].loc.start, 5);
    assert_int_equal(L->d.items[0].loc.end, 7);
}

static void string_utf8(void **state)
{
    (void)state;
    lex("\"€ één\" x");
    assert_string_equal(L->toks[0].str, "€ één");
    assert_int_equal(L->toks[0].loc.end, 11);     /* 1 + 3 + 1 + 2 + 1 + 2 + 1 bytes */
    assert_int_equal(L->toks[1].loc.start, 12);
    assert_int_equal(L->d.n, 0);
}

static void unterminated_string(void **state)
{
    (void)state;
    lex("waarde w \"Werk staat boven\nfeit x: getal");
    assert_int_equal(L->d.nerrors, 1);
    assert_string_equal(first_msg(), "unterminated string");
    assert_string_equal(L->d.items[0].hint, "close the text with '\"' on the same line");
    assert_string_equal(diag_where(0), "1:10");
    /* the scanner goes on with the next line */
    assert_string_equal(kinds(), "WAARDE IDENT STRING FEIT IDENT ':' T_GETAL");
    assert_string_equal(L->toks[2].str, "Werk staat boven");
}

static void hash_inside_string_is_text(void **state)
{
    (void)state;
    lex("\"nr # 3\" x");
    assert_string_equal(kinds(), "STRING IDENT");
    assert_string_equal(L->toks[0].str, "nr # 3");
}

/* ---- comments and layout ---------------------------------------------------------------- */

static void comments(void **state)
{
    (void)state;
    lex("# Gemeente Voorbeeldstad\nregel # de eerste\n  # alleen commentaar\nals");
    assert_string_equal(kinds(), "REGEL ALS");
    assert_int_equal(L->toks[0].loc.start, 25);
    assert_int_equal(L->toks[1].loc.start, 65);
    assert_int_equal(L->d.n, 0);
}

static void crlf_line_ends(void **state)
{
    (void)state;
    lex("feit\r\nx\r\n");
    assert_string_equal(kinds(), "FEIT IDENT");
    assert_int_equal(L->toks[1].loc.start, 6);
    assert_int_equal(L->d.n, 0);
}

static void byte_offsets(void **state)
{
    (void)state;
    lex("feit leeftijd: getal\n  vraag \"Hoe oud?\"");
    assert_int_equal(L->n, 6);
    const uint32_t start[] = {0, 5, 13, 15, 23, 29};
    const uint32_t end[] = {4, 13, 14, 20, 28, 39};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(L->toks[i].loc.file, 0);
        assert_int_equal(L->toks[i].loc.start, start[i]);
        assert_int_equal(L->toks[i].loc.end, end[i]);
    }
}

static void offsets_from_a_start_position(void **state)
{
    (void)state;
    /* an {expression} inside an omdat text is scanned from its own offset */
    lex_from("omdat \"{x + 1}\"", 8, START_EXPR);
    assert_true(L->n >= 3);
    assert_int_equal(L->toks[0].t, IDENT);
    assert_int_equal(L->toks[0].loc.start, 8);
    assert_int_equal(L->toks[1].t, '+');
    assert_int_equal(L->toks[1].loc.start, 10);
    assert_int_equal(L->toks[2].t, NUMBER);
    assert_int_equal(L->toks[2].loc.start, 12);
}

/* ---- operators ------------------------------------------------------------------------------ */

static void operators(void **state)
{
    (void)state;
    lex("!= <> <= >= = < > + - * / ( ) , :");
    assert_string_equal(kinds(), "NE NE LE GE '=' '<' '>' '+' '-' '*' '/' '(' ')' ',' ':'");
    assert_int_equal(L->d.n, 0);
}

static void operators_without_spaces(void **state)
{
    (void)state;
    lex("a<=b-1");
    assert_string_equal(kinds(), "IDENT LE IDENT '-' NUMBER");
    lex("x>=-2");
    assert_string_equal(kinds(), "IDENT GE '-' NUMBER");
}

static void double_equals(void **state)
{
    (void)state;
    lex("a == b");
    assert_string_equal(kinds(), "IDENT '=' IDENT");
    assert_int_equal(L->d.nerrors, 1);
    assert_string_equal(first_msg(), "'==' is not an operator");
    assert_string_equal(L->d.items[0].hint, "compare with a single '='");
}

/* ---- bad characters ------------------------------------------------------------------------- */

static void bad_character(void **state)
{
    (void)state;
    lex("feit x\n  @ y");
    assert_string_equal(kinds(), "FEIT IDENT IDENT");
    assert_int_equal(L->d.nerrors, 1);
    assert_string_equal(first_msg(), "unexpected character '@'");
    assert_string_equal(diag_where(0), "2:3");
}

static void non_ascii_in_a_name(void **state)
{
    (void)state;
    lex("naïef");
    assert_string_equal(kinds(), "IDENT IDENT");
    assert_string_equal(L->toks[0].str, "na");
    assert_string_equal(L->toks[1].str, "ef");
    assert_int_equal(L->d.nerrors, 1);
    assert_string_equal(first_msg(), "unexpected character 'ï'");
    assert_string_equal(L->d.items[0].hint, "names use only the letters a-z, digits and '_'");
}

static void control_character(void **state)
{
    (void)state;
    lex("x \x01 y");
    assert_int_equal(L->d.nerrors, 1);
    assert_string_equal(first_msg(), "unexpected control character 0x01");
    assert_string_equal(kinds(), "IDENT IDENT");
}

static void several_errors_in_one_scan(void **state)
{
    (void)state;
    lex("@ 2026-02-30 $ \"open");
    assert_int_equal(L->d.nerrors, 4);
    assert_string_equal(L->d.items[0].msg, "unexpected character '@'");
    assert_string_equal(L->d.items[1].msg, "'2026-02-30' is not a valid date");
    assert_string_equal(L->d.items[2].msg, "unexpected character '$'");
    assert_string_equal(L->d.items[3].msg, "unterminated string");
    assert_string_equal(diag_where(3), "1:16");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keywords_dutch),
        cmocka_unit_test(keywords_english),
        cmocka_unit_test(keywords_are_case_sensitive),
        cmocka_unit_test(keyword_followed_by_name),
        cmocka_unit_test(names),
        cmocka_unit_test(two_word_keywords),
        cmocka_unit_test(two_word_keywords_extra_space),
        cmocka_unit_test(two_word_in_context),
        cmocka_unit_test(ter_as_a_name),
        cmocka_unit_test(other_first_words_as_names),
        cmocka_unit_test(niet_before_other_words),
        cmocka_unit_test(as_of_is_peildatum),
        cmocka_unit_test(numbers),
        cmocka_unit_test(number_too_precise),
        cmocka_unit_test(number_out_of_range),
        cmocka_unit_test(number_glued_to_name),
        cmocka_unit_test(money_literals),
        cmocka_unit_test(money_too_precise),
        cmocka_unit_test(euro_without_amount),
        cmocka_unit_test(dates),
        cmocka_unit_test(invalid_dates),
        cmocka_unit_test(date_like_subtraction),
        cmocka_unit_test(strings),
        cmocka_unit_test(string_escapes),
        cmocka_unit_test(string_unknown_escape),
        cmocka_unit_test(string_utf8),
        cmocka_unit_test(unterminated_string),
        cmocka_unit_test(hash_inside_string_is_text),
        cmocka_unit_test(comments),
        cmocka_unit_test(crlf_line_ends),
        cmocka_unit_test(byte_offsets),
        cmocka_unit_test(offsets_from_a_start_position),
        cmocka_unit_test(operators),
        cmocka_unit_test(operators_without_spaces),
        cmocka_unit_test(double_equals),
        cmocka_unit_test(bad_character),
        cmocka_unit_test(non_ascii_in_a_name),
        cmocka_unit_test(control_character),
        cmocka_unit_test(several_errors_in_one_scan),
    };
    return cmocka_run_group_tests_name("lexer", tests, setup, teardown);
}
