/* parser.y — the pure bison grammar of Houvast rule files.
 *
 * Actions are one-line calls to the AST builders of ast.h. All semantic values
 * live in the AST arena, so no %destructor is needed: the arena owns them
 * and frees them together, also after an error. */
%require "3.8"
%define api.pure full
%define api.prefix {hv_yy}
%define api.location.type {hv_loc}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {hv_parser *p}

%code requires {
#include <stdint.h>
#include "ast.h"
#include "parse_int.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
}

%code provides {
int hv_yylex(HV_YYSTYPE *lval, HV_YYLTYPE *lloc, yyscan_t scanner);
}

%code {
#include <string.h>
#define YYMAXDEPTH 10000
/* the parser's stack, when it grows, through hv_mem like everything else */
#define YYMALLOC hv_mem_alloc
#define YYFREE hv_mem_free
#include "lexer.h"
#include "keywords.h"
#include "parse.h"

#define YYLLOC_DEFAULT(Cur, Rhs, N) do {                              \
        if (N) {                                                      \
            (Cur).file = YYRHSLOC(Rhs, 1).file;                       \
            (Cur).start = YYRHSLOC(Rhs, 1).start;                     \
            (Cur).end = YYRHSLOC(Rhs, N).end;                         \
        } else {                                                      \
            (Cur).file = YYRHSLOC(Rhs, 0).file;                       \
            (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;           \
        }                                                             \
    } while (0)

#define A (p->ast)
#define LOC(a, b) ((hv_loc){(a).file, (a).start, (b).end})
static void add_decl(hv_parser *p, hv_decl *d) { if (d) hv_ast_push(p->ast, &p->ast->decls, d); }
static hv_decl *decl_named(hv_parser *p, hv_dkind k, hv_loc loc, hv_str name)
{
    hv_decl *d = hv_ast_decl(p->ast, k, loc);
    if (d) d->name = name;
    return d;
}
static hv_expect *expect_word(hv_parser *p, hv_str name, hv_str word, hv_loc loc);
/* Only called for "memory exhausted": syntax errors go through
 * yyreport_syntax_error below. */
static void yyerror(const HV_YYLTYPE *loc, yyscan_t scanner, hv_parser *p, const char *msg)
{
    (void)scanner;
    if (strcmp(msg, "memory exhausted") == 0)
        hv_diag_error(p->diags, *loc, "nested too deeply: more than %d open parentheses or operators", YYMAXDEPTH);
    else
        hv_diag_error(p->diags, *loc, "%s", msg);
}
}

%union {
    char *str;
    int64_t num;
    hv_str s;
    hv_expr *expr;
    hv_vec vec;
    hv_decl *decl;
    hv_ast_type *type;
    hv_assign *assign;
    hv_given *given;
    hv_expect *expect;
    hv_valid valid;
}

%token START_FILE START_EXPR
%token COMMENT "comment"   /* only for the formatter; the grammar never sees it */
%token <str> IDENT "name" STRING "text"
%token <num> NUMBER "number" MONEY "amount" DATE "date"
%token REGELSET "regelset" VERSIE "versie" WAARDE "waarde" BRON "bron"
%token RANGORDE "rangorde" FEIT "feit" VRAAG "vraag" DEFINITIE "definitie"
%token BESLUIT "besluit" STANDAARD "standaard" OMDAT "omdat" REGEL "regel"
%token VOLGENS "volgens" ALS "als" DAN "dan" WAARBORG "waarborg"
%token CASUS "casus" GEGEVEN "gegeven" VERWACHT "verwacht"
%token GESCHONDEN "geschonden" PEILDATUM "peildatum"
%token EN "en" OF "of" NIET "niet" IN "in" NIET_IN "niet in" JA "ja" NEE "nee"
%token T_GETAL "getal" T_BEDRAG "bedrag" T_JANEE "janee" T_DATUM "datum"
%token T_TEKST "tekst" T_KEUZE "keuze"
%token UITZONDERING_OP "uitzondering op" TER_BEOORDELING "ter beoordeling"
%token PARAMETER "parameter" VANAF "vanaf" TOT "tot" GELDIG "geldig" GEBRUIK "gebruik"
%token NE "!=" LE "<=" GE ">="

%type <s> name text opt_version opt_bron opt_omdat
%type <expr> expr opt_als opt_default
%type <vec> names exprs assigns givens opt_givens expects opt_exceptions
%type <decl> decl regelset waarde rangorde feit definitie besluit regel waarborg casus
%type <decl> parameter gebruik regel_head
%type <decl> feit_head opt_cond_waarborg casus_head
%type <type> type
%type <valid> validity
%type <assign> assign
%type <given> given
%type <expect> expect

%left OF
%left EN
%precedence NIET
%nonassoc '=' NE '<' LE '>' GE IN NIET_IN
%left '+' '-'
%left '*' '/'
%precedence UMINUS

%%

start
    : START_FILE decls
    | START_EXPR expr               { p->expr = $2; }
    ;

decls
    : %empty
    | decls decl                    { add_decl(p, $2); }
    | decls error
    ;

/* Each declaration keyword ends error recovery, so that errors in the next
 * declaration are reported too. */
kw_regelset : REGELSET  { yyerrok; } ;
kw_waarde   : WAARDE    { yyerrok; } ;
kw_rangorde : RANGORDE  { yyerrok; } ;
kw_feit     : FEIT      { yyerrok; } ;
kw_definitie: DEFINITIE { yyerrok; } ;
kw_besluit  : BESLUIT   { yyerrok; } ;
kw_regel    : REGEL     { yyerrok; } ;
kw_waarborg : WAARBORG  { yyerrok; } ;
kw_casus    : CASUS     { yyerrok; } ;
kw_parameter: PARAMETER { yyerrok; } ;
kw_gebruik  : GEBRUIK   { yyerrok; } ;

decl
    : regelset | waarde | rangorde | feit | definitie | besluit | regel | waarborg | casus
    | parameter | gebruik
    ;

name : IDENT                        { $$ = hv_ast_str(A, $1, @1); } ;
text : STRING                       { $$ = hv_ast_str(A, $1, @1); } ;

regelset
    : kw_regelset text opt_version  { $$ = decl_named(p, HV_D_REGELSET, @1, $2); if ($$) $$->text = $3; }
    | regelset validity             { $$ = $1; if ($$) { $$->valid = $2; $$->has_valid = 1; } }
    ;

/* geldig vanaf DATE [tot DATE]; `tot` is the first day it no longer holds */
validity
    : GELDIG VANAF DATE             { $$ = (hv_valid){$3, 0, 0, @$}; }
    | GELDIG VANAF DATE TOT DATE    { $$ = (hv_valid){$3, $5, 1, @$}; }
    ;

parameter
    : kw_parameter name ':' type    { $$ = decl_named(p, HV_D_PARAMETER, @1, $2); if ($$) $$->type = $4; }
    | parameter VANAF DATE '=' expr { $$ = $1; if ($$) hv_ast_param_value(A, $$, $3, $5, LOC(@2, @5)); }
    ;

gebruik
    : kw_gebruik text               { $$ = decl_named(p, HV_D_GEBRUIK, @1, $2); }
    | kw_gebruik name '.' name      { $$ = hv_ast_stdlib_use(A, @1, $2, $4); }
    ;
opt_version
    : %empty                        { $$ = hv_ast_str(A, NULL, HV_NOLOC); }
    | VERSIE text                   { $$ = $2; }
    ;

waarde
    : kw_waarde name text opt_bron  { $$ = decl_named(p, HV_D_WAARDE, @1, $2); if ($$) { $$->text = $3; $$->bron = $4; } }
    ;
opt_bron
    : %empty                        { $$ = hv_ast_str(A, NULL, HV_NOLOC); }
    | BRON text                     { $$ = $2; }
    ;

rangorde
    : kw_rangorde name              { $$ = hv_ast_decl(A, HV_D_RANGORDE, @1); if ($$) hv_ast_push(A, &$$->ranks, hv_ast_strp(A, $2)); }
    | rangorde '>' name             { $$ = $1; if ($$) { hv_ast_push(A, &$$->rank_ops, (void *)(intptr_t)'>'); hv_ast_push(A, &$$->ranks, hv_ast_strp(A, $3)); } }
    | rangorde '=' name             { $$ = $1; if ($$) { hv_ast_push(A, &$$->rank_ops, (void *)(intptr_t)'='); hv_ast_push(A, &$$->ranks, hv_ast_strp(A, $3)); } }
    ;

feit
    : feit_head
    | feit VRAAG text               { $$ = $1; if ($$) $$->vraag = $3; }
    | feit BRON text                { $$ = $1; if ($$) $$->bron = $3; }
    ;
feit_head
    : kw_feit name ':' type         { $$ = decl_named(p, HV_D_FEIT, @1, $2); if ($$) $$->type = $4; }
    ;

type
    : T_GETAL                       { $$ = hv_ast_type_new(A, HV_TY_NUM, (hv_vec){0}, @1); }
    | T_BEDRAG                      { $$ = hv_ast_type_new(A, HV_TY_MONEY, (hv_vec){0}, @1); }
    | T_JANEE                       { $$ = hv_ast_type_new(A, HV_TY_BOOL, (hv_vec){0}, @1); }
    | T_DATUM                       { $$ = hv_ast_type_new(A, HV_TY_DATE, (hv_vec){0}, @1); }
    | T_TEKST                       { $$ = hv_ast_type_new(A, HV_TY_TEXT, (hv_vec){0}, @1); }
    | T_KEUZE '(' names ')'         { $$ = hv_ast_type_new(A, HV_TY_CHOICE, $3, LOC(@1, @4)); }
    ;

names
    : name                          { $$ = hv_ast_list1(A, hv_ast_strp(A, $1)); }
    | names ',' name                { $$ = $1; hv_ast_push(A, &$$, hv_ast_strp(A, $3)); }
    ;

definitie
    : kw_definitie name '=' expr    { $$ = decl_named(p, HV_D_DEFINITIE, @1, $2); if ($$) $$->expr = $4; }
    ;

besluit
    : kw_besluit name ':' type opt_default opt_omdat
                                    { $$ = decl_named(p, HV_D_BESLUIT, @1, $2); if ($$) { $$->type = $4; $$->expr = $5; $$->omdat = $6; } }
    ;
opt_default
    : %empty                        { $$ = NULL; }
    | STANDAARD expr                { $$ = $2; }
    ;
opt_omdat
    : %empty                        { $$ = hv_ast_str(A, NULL, HV_NOLOC); }
    | OMDAT text                    { $$ = $2; }
    ;

regel
    : regel_head opt_exceptions opt_als DAN assigns opt_omdat opt_bron
                                    { $$ = $1; if ($$) { $$->exceptions = $2; $$->cond = $3; $$->assigns = $5; $$->omdat = $6; $$->bron = $7; } }
    ;
regel_head
    : kw_regel name VOLGENS name    { $$ = decl_named(p, HV_D_REGEL, @1, $2); if ($$) $$->per = $4; }
    | regel_head validity           { $$ = $1; if ($$) { $$->valid = $2; $$->has_valid = 1; } }
    ;
opt_exceptions
    : %empty                        { $$ = (hv_vec){0}; }
    | UITZONDERING_OP names         { $$ = $2; }
    ;
opt_als
    : %empty                        { $$ = NULL; }
    | ALS expr                      { $$ = $2; }
    ;
assigns
    : assign                        { $$ = hv_ast_list1(A, $1); }
    | assigns ',' assign            { $$ = $1; hv_ast_push(A, &$$, $3); }
    ;
assign
    : name '=' expr                 { $$ = hv_ast_assign(A, $1, $3, @$); }
    | name TER_BEOORDELING          { $$ = hv_ast_assign(A, $1, NULL, @$); }
    ;

waarborg
    : opt_cond_waarborg expr        { $$ = $1; if ($$) $$->expr = $2; }
    ;
opt_cond_waarborg
    : kw_waarborg name text         { $$ = decl_named(p, HV_D_WAARBORG, @1, $2); if ($$) $$->text = $3; }
    | kw_waarborg name text ALS expr DAN
                                    { $$ = decl_named(p, HV_D_WAARBORG, @1, $2); if ($$) { $$->text = $3; $$->cond = $5; } }
    ;

casus
    : casus_head opt_givens VERWACHT expects
                                    { $$ = $1; if ($$) { $$->givens = $2; $$->expects = $4; } }
    ;
casus_head
    : kw_casus text                 { $$ = decl_named(p, HV_D_CASUS, @1, $2); }
    | kw_casus text PEILDATUM DATE  { $$ = decl_named(p, HV_D_CASUS, @1, $2); if ($$) { $$->has_peildatum = 1; $$->peildatum = $4; } }
    ;
opt_givens
    : %empty                        { $$ = (hv_vec){0}; }
    | GEGEVEN givens                { $$ = $2; }
    ;
givens
    : given                         { $$ = hv_ast_list1(A, $1); }
    | givens ',' given              { $$ = $1; hv_ast_push(A, &$$, $3); }
    ;
given
    : name '=' expr                 { $$ = hv_ast_given(A, $1, $3, @$); }
    ;
expects
    : expect                        { $$ = hv_ast_list1(A, $1); }
    | expects ',' expect            { $$ = $1; hv_ast_push(A, &$$, $3); }
    ;
expect
    : name '=' expr                 { $$ = hv_ast_expect(A, HV_X_VALUE, $1, $3, hv_ast_str(A, NULL, HV_NOLOC), @$); }
    | name '=' expr VOLGENS name    { $$ = hv_ast_expect(A, HV_X_VALUE, $1, $3, $5, @$); }
    | name TER_BEOORDELING          { $$ = hv_ast_expect(A, HV_X_JUDGEMENT, $1, NULL, hv_ast_str(A, NULL, HV_NOLOC), @$); }
    | name name                     { $$ = expect_word(p, $1, $2, @$); }
    | WAARBORG name GESCHONDEN      { $$ = hv_ast_expect(A, HV_X_VIOLATED, $2, NULL, hv_ast_str(A, NULL, HV_NOLOC), @$); }
    ;

expr
    : NUMBER                        { $$ = hv_ast_literal(A, HV_E_NUM, $1, NULL, @1); }
    | MONEY                         { $$ = hv_ast_literal(A, HV_E_MONEY, $1, NULL, @1); }
    | DATE                          { $$ = hv_ast_literal(A, HV_E_DATE, $1, NULL, @1); }
    | JA                            { $$ = hv_ast_literal(A, HV_E_BOOL, 1, NULL, @1); }
    | NEE                           { $$ = hv_ast_literal(A, HV_E_BOOL, 0, NULL, @1); }
    | STRING                        { $$ = hv_ast_literal(A, HV_E_TEXT, 0, $1, @1); }
    | PEILDATUM                     { $$ = hv_ast_peildatum(A, @1); }
    | name                          { $$ = hv_ast_name(A, $1); }
    | name '(' ')'                  { $$ = hv_ast_call(A, $1, (hv_vec){0}, @$); }
    | name '(' exprs ')'            { $$ = hv_ast_call(A, $1, $3, @$); }
    | '(' expr ')'                  { $$ = $2; }
    | '-' expr %prec UMINUS         { $$ = hv_ast_unary(A, HV_OP_NEG, $2, @$); }
    | NIET expr                     { $$ = hv_ast_unary(A, HV_OP_NOT, $2, @$); }
    | expr EN expr                  { $$ = hv_ast_binary(A, HV_OP_AND, $1, $3, @$); }
    | expr OF expr                  { $$ = hv_ast_binary(A, HV_OP_OR, $1, $3, @$); }
    | expr '=' expr                 { $$ = hv_ast_binary(A, HV_OP_EQ, $1, $3, @$); }
    | expr NE expr                  { $$ = hv_ast_binary(A, HV_OP_NE, $1, $3, @$); }
    | expr '<' expr                 { $$ = hv_ast_binary(A, HV_OP_LT, $1, $3, @$); }
    | expr LE expr                  { $$ = hv_ast_binary(A, HV_OP_LE, $1, $3, @$); }
    | expr '>' expr                 { $$ = hv_ast_binary(A, HV_OP_GT, $1, $3, @$); }
    | expr GE expr                  { $$ = hv_ast_binary(A, HV_OP_GE, $1, $3, @$); }
    | expr '+' expr                 { $$ = hv_ast_binary(A, HV_OP_ADD, $1, $3, @$); }
    | expr '-' expr                 { $$ = hv_ast_binary(A, HV_OP_SUB, $1, $3, @$); }
    | expr '*' expr                 { $$ = hv_ast_binary(A, HV_OP_MUL, $1, $3, @$); }
    | expr '/' expr                 { $$ = hv_ast_binary(A, HV_OP_DIV, $1, $3, @$); }
    | expr IN '(' exprs ')'         { $$ = hv_ast_in(A, $1, $4, 0, @$); }
    | expr NIET_IN '(' exprs ')'    { $$ = hv_ast_in(A, $1, $4, 1, @$); }
    ;

exprs
    : expr                          { $$ = hv_ast_list1(A, $1); }
    | exprs ',' expr                { $$ = $1; hv_ast_push(A, &$$, $3); }
    ;

%%

static hv_expect *expect_word(hv_parser *p, hv_str name, hv_str word, hv_loc loc)
{
    static const struct { const char *w; hv_xkind k; } words[] = {
        {"conflict", HV_X_CONFLICT}, {"onbepaald", HV_X_UNDETERMINED},
        {"undetermined", HV_X_UNDETERMINED},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(word.s, words[i].w) == 0)
            return hv_ast_expect(p->ast, words[i].k, name, NULL, hv_ast_str(p->ast, NULL, HV_NOLOC), loc);
    hv_diag_error(p->diags, word.loc, "unknown expectation '%s'", word.s);
    const char *cands[] = {"conflict", "onbepaald", "undetermined"};
    const char *m = hv_did_you_mean(word.s, cands, 3);
    if (m) hv_diag_hint(p->diags, "did you mean '%s'?", m);
    else hv_diag_hint(p->diags, "expect 'NAME = VALUE', 'NAME conflict', 'NAME onbepaald' or 'NAME ter beoordeling'");
    return NULL;
}

/* A readable name for a token in a message: keywords and punctuation in
 * quotes, kinds of tokens as words. */
static void token_desc(yysymbol_kind_t sym, hv_buf *b)
{
    switch (sym) {
    case YYSYMBOL_YYEOF: hv_buf_puts(b, "end of file"); return;
    case YYSYMBOL_IDENT: hv_buf_puts(b, "a name"); return;
    case YYSYMBOL_STRING: hv_buf_puts(b, "a text in quotes"); return;
    case YYSYMBOL_NUMBER: hv_buf_puts(b, "a number"); return;
    case YYSYMBOL_MONEY: hv_buf_puts(b, "an amount"); return;
    case YYSYMBOL_DATE: hv_buf_puts(b, "a date"); return;
    default: break;
    }
    const char *n = yysymbol_name(sym);
    size_t len = strlen(n);
    if (len >= 2 && (n[0] == '"' || n[0] == '\'')) { n++; len -= 2; }
    hv_buf_printf(b, "'%.*s'", (int)len, n);
}

static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, hv_parser *p)
{
    (void)scanner;
    yysymbol_kind_t tok = yypcontext_token(ctx);
    const HV_YYLTYPE *loc = yypcontext_location(ctx);
    yysymbol_kind_t expected[64];
    int n = yypcontext_expected_tokens(ctx, expected, 64);
    hv_buf b;
    hv_buf_init(&b);
    hv_buf_puts(&b, "unexpected ");
    size_t slen = 0;
    const char *src = hv_src_slice(p->diags->src, *loc, &slen);
    if (tok == YYSYMBOL_YYEOF && p->expr_only) hv_buf_puts(&b, "'}'");
    else if (tok == YYSYMBOL_IDENT) hv_buf_printf(&b, "name '%.*s'", (int)slen, src);
    else if (tok == YYSYMBOL_NUMBER || tok == YYSYMBOL_MONEY || tok == YYSYMBOL_DATE)
        hv_buf_printf(&b, "'%.*s'", (int)slen, src);
    else token_desc(tok, &b);
    /* after an expression every operator could follow: name them as one */
    yysymbol_kind_t words[64];
    int nwords = 0, operators = 0;
    for (int i = 0; i < n; i++) {
        const char *nm = yysymbol_name(expected[i]);
        int op = expected[i] == YYSYMBOL_EN || expected[i] == YYSYMBOL_OF || expected[i] == YYSYMBOL_IN ||
                 expected[i] == YYSYMBOL_NIET_IN || expected[i] == YYSYMBOL_NE ||
                 expected[i] == YYSYMBOL_LE || expected[i] == YYSYMBOL_GE ||
                 (nm[0] == '\'' && strchr("=<>+-*/(", nm[1]));
        if (op) operators++;
        else words[nwords++] = expected[i];
    }
    if (operators == 1) {
        /* a single one (the '=' of an assignment) is named */
        nwords = 0;
        for (int i = 0; i < n; i++) words[nwords++] = expected[i];
        operators = 0;
    }
    int shown = nwords + (operators ? 1 : 0);
    if (n > 0 && shown <= 6) {
        hv_buf_puts(&b, ", expected ");
        for (int i = 0; i < nwords; i++) {
            if (i) hv_buf_puts(&b, i == shown - 1 ? " or " : ", ");
            token_desc(words[i], &b);
        }
        if (operators) hv_buf_printf(&b, "%san operator", nwords ? " or " : "");
    }
    char *msg = hv_buf_take(&b);
    hv_diag_error(p->diags, *loc, "%s", msg ? msg : "syntax error");
    hv_mem_free(msg);
    /* a misspelled keyword: suggest the closest one */
    if (tok == YYSYMBOL_IDENT && slen < 64) {
        char word[64];
        memcpy(word, src, slen);
        word[slen] = 0;
        const char *kws[] = {
#define X(t, nl, en) nl, en,
            HV_KEYWORD_LIST(X)
#undef X
        };
        const char *m = hv_did_you_mean(word, kws, (int)(sizeof kws / sizeof kws[0]));
        if (m) hv_diag_hint(p->diags, "did you mean '%s'?", m);
    } else if (tok == YYSYMBOL_YYEOF) {
        hv_diag_hint(p->diags, p->expr_only ? "the expression inside {} is not complete"
                                            : "the declaration is not complete");
    }
    return 0;
}

/* The text to scan, with the two NULs flex wants at its end, in a block of
 * ours: flex then allocates only its own state, and a failure there leaves
 * nothing of its behind (see the setjmp below). */
static char *scan_copy(const char *s, size_t n)
{
    char *t = hv_mem_alloc(n + 2);
    if (!t) return NULL;
    memcpy(t, s, n);
    t[n] = t[n + 1] = 0;
    return t;
}

static int run_parser(hv_ast *ast, int file, uint32_t start, uint32_t end, int start_tok,
                      hv_diags *d, hv_parser *p)
{
    p->ast = ast;
    p->diags = d;
    ast->diags = d;
    p->expr = NULL;
    p->expr_only = start_tok == START_EXPR;
    jmp_buf oom;
    struct hv_lexstate lx = {p, file, start, start_tok, 0, &oom, NULL};
    yyscan_t scanner;
    if (hv_yylex_init_extra(&lx, &scanner)) {
        hv_diag_error(d, HV_NOLOC, "out of memory");
        return -1;
    }
    int before = d->nerrors;
    hv_source *f = &d->src->files[file];
    char *text = scan_copy(f->text + start, end - start);
    if (!text) {
        hv_yylex_destroy(scanner);
        hv_diag_error(d, HV_NOLOC, "out of memory while parsing");
        return d->nerrors - before;
    }
    if (setjmp(oom)) {
        /* the scanner ran out of memory (its state is whole: destroy frees
         * it, and what it had not linked in yet is on lx's list) */
        hv_yylex_destroy(scanner);
        hv_lex_free_blocks(&lx);
        hv_mem_free(text);
        hv_diag_error(d, HV_NOLOC, "out of memory while parsing");
        return d->nerrors - before;
    }
    YY_BUFFER_STATE buf = hv_yy_scan_buffer(text, end - start + 2, scanner);
    int r = hv_yyparse(scanner, p);
    hv_yy_delete_buffer(buf, scanner);
    hv_yylex_destroy(scanner);
    hv_mem_free(text);
    /* 2: bison's stack is full, which yyerror has reported as too deep */
    if (r == 2 && d->nerrors == before) hv_diag_error(d, HV_NOLOC, "out of memory while parsing");
    if (ast->arena.failed) hv_diag_error(d, HV_NOLOC, "out of memory while parsing");
    return d->nerrors - before;
}

int hv_parse_tokens(hv_ast *ast, int file, hv_diags *d, hv_token_fn fn, void *ud)
{
    hv_parser p = {ast, d, NULL, 0};
    jmp_buf oom;
    struct hv_lexstate lx = {&p, file, 0, 0, 1, &oom, NULL};
    yyscan_t scanner;
    if (hv_yylex_init_extra(&lx, &scanner)) return -1;
    hv_source *f = &d->src->files[file];
    char *text = scan_copy(f->text, f->len);
    if (!text) {
        hv_yylex_destroy(scanner);
        return -1;
    }
    if (setjmp(oom)) {
        hv_yylex_destroy(scanner);
        hv_lex_free_blocks(&lx);
        hv_mem_free(text);
        return -1;
    }
    YY_BUFFER_STATE buf = hv_yy_scan_buffer(text, f->len + 2, scanner);
    int before = d->nerrors;
    HV_YYSTYPE val;
    HV_YYLTYPE loc;
    int tok;
    while ((tok = hv_yylex(&val, &loc, scanner)) != 0) {
        hv_token t = {tok, loc.start, loc.end};
        fn(ud, &t);
    }
    hv_yy_delete_buffer(buf, scanner);
    hv_yylex_destroy(scanner);
    hv_mem_free(text);
    return d->nerrors - before;
}

int hv_parse_file(hv_ast *ast, int file, hv_diags *d)
{
    hv_parser p;
    hv_source *f = &d->src->files[file];
    return run_parser(ast, file, 0, (uint32_t)f->len, START_FILE, d, &p);
}

hv_expr *hv_parse_expr(hv_ast *ast, int file, uint32_t start, uint32_t end, hv_diags *d)
{
    hv_parser p;
    int errs = run_parser(ast, file, start, end, START_EXPR, d, &p);
    return errs ? NULL : p.expr;
}
