/* fmt.c — one canonical layout for rule files (`houvast fmt`).
 *
 * The formatter works on the token stream, comments included, so it never
 * changes what a file means: only the white space between tokens changes.
 * Declarations start at the left margin with at most one blank line between
 * them (as in the source); their clauses (bron, vraag, standaard, uitzondering
 * op, als, dan, omdat, gegeven, verwacht, vanaf) start a line of their own,
 * indented by four spaces; within a line tokens are separated by one space,
 * except around ( ) , : . and after a unary minus. A comment on a line of its
 * own stays on a line of its own; a comment after code stays after it.
 * Formatting formatted text changes nothing.
 */
#include "fmt.h"

#include <string.h>

#include "parse.h"
#include "grammar/parser.h"

typedef struct tokens {
    hv_token *t;
    int n, cap;
    int failed;
} tokens;

static void collect(void *ud, const hv_token *t)
{
    tokens *ts = ud;
    if (ts->n == ts->cap) {
        int cap = ts->cap ? ts->cap * 2 : 1024;
        hv_token *x = hv_mem_realloc(ts->t, (size_t)cap * sizeof *x);
        if (!x) { ts->failed = 1; return; }
        ts->t = x;
        ts->cap = cap;
    }
    ts->t[ts->n++] = *t;
}

static int is_decl_start(const tokens *ts, int i)
{
    switch (ts->t[i].kind) {
    case REGELSET: case WAARDE: case RANGORDE: case FEIT: case DEFINITIE: case BESLUIT:
    case REGEL: case CASUS: case PARAMETER: case GEBRUIK:
        return 1;
    case WAARBORG:
        /* in a casus, "waarborg NAME geschonden" is an expectation */
        return !(i + 2 < ts->n && ts->t[i + 2].kind == GESCHONDEN);
    default:
        return 0;
    }
}

/* A clause keyword that starts an indented line within declaration `decl`. */
static int is_clause(int decl, int kind)
{
    switch (decl) {
    case WAARDE: return kind == BRON;
    case FEIT: return kind == VRAAG || kind == BRON;
    case BESLUIT: return kind == STANDAARD;
    case REGEL: return kind == UITZONDERING_OP || kind == ALS || kind == DAN || kind == OMDAT || kind == BRON ||
                       kind == GELDIG;
    case WAARBORG: return kind == ALS;
    case CASUS: return kind == GEGEVEN || kind == VERWACHT;
    case PARAMETER: return kind == VANAF;
    default: return 0;
    }
}

static int is_operand_end(int kind)
{
    return kind == IDENT || kind == NUMBER || kind == MONEY || kind == DATE || kind == STRING || kind == ')' ||
           kind == JA || kind == NEE || kind == PEILDATUM;
}

/* Newlines in the source between two offsets. */
static int newlines(const char *text, uint32_t a, uint32_t b)
{
    int n = 0;
    for (uint32_t i = a; i < b; i++) n += text[i] == '\n';
    return n;
}

static void put_token(hv_buf *b, const char *text, const hv_token *t)
{
    if (t->kind == MONEY) {
        /* "€ 1500.00" and "€1500.00" are one literal: written without the space */
        const char *s = text + t->start, *e = text + t->end;
        hv_buf_add(b, s, 3);
        for (s += 3; s < e; s++)
            if (*s != ' ' && *s != '\t') hv_buf_putc(b, *s);
        return;
    }
    hv_buf_add(b, text + t->start, t->end - t->start);
}

char *hv_fmt_source(hv_srcset *src, int file, hv_diags *d)
{
    hv_ast ast;
    memset(&ast, 0, sizeof ast);
    hv_arena_init(&ast.arena, 16384);
    tokens ts = {0};
    int errs = hv_parse_tokens(&ast, file, d, collect, &ts);
    hv_arena_free(&ast.arena);
    if (errs || ts.failed) {
        if (ts.failed) hv_diag_error(d, HV_NOLOC, "out of memory");
        hv_mem_free(ts.t);
        return NULL;
    }
    const char *text = src->files[file].text;
    hv_buf b;
    hv_buf_init(&b);
    int decl = 0;              /* the declaration keyword we are in */
    int at_line_start = 1, paren = 0;
    uint32_t prev_end = 0;
    int prev_kind = 0;
    for (int i = 0; i < ts.n; i++) {
        const hv_token *t = &ts.t[i];
        int nl = i ? newlines(text, prev_end, t->start) : 0;
        if (t->kind == COMMENT) {
            if (i > 0 && nl == 0) {
                hv_buf_puts(&b, "  ");          /* after code on the same line */
            } else {
                if (i > 0) {
                    if (!at_line_start) hv_buf_putc(&b, '\n');
                    if (nl > 1) hv_buf_putc(&b, '\n');
                }
                /* a comment within a declaration is indented; comments that lead
                 * up to the next declaration (or the end) stay at the margin */
                int j = i + 1;
                while (j < ts.n && ts.t[j].kind == COMMENT) j++;
                if (decl && j < ts.n && !is_decl_start(&ts, j)) hv_buf_puts(&b, "    ");
            }
            put_token(&b, text, t);
            hv_buf_putc(&b, '\n');
            at_line_start = 1;
            prev_end = t->end;
            prev_kind = COMMENT;
            continue;
        }
        if (is_decl_start(&ts, i)) {
            if (i > 0) {
                if (!at_line_start) hv_buf_putc(&b, '\n');
                if (nl > 1) hv_buf_putc(&b, '\n');
            }
            decl = t->kind;
            paren = 0;
        } else if (decl && paren == 0 && is_clause(decl, t->kind)) {
            if (!at_line_start) hv_buf_putc(&b, '\n');
            hv_buf_puts(&b, "    ");
        } else if (!at_line_start) {
            int space = 1;
            if (t->kind == ')' || t->kind == ',' || t->kind == ':' || t->kind == '.') space = 0;
            if (prev_kind == '(' || prev_kind == '.') space = 0;
            if (t->kind == '(' && (prev_kind == IDENT)) space = 0;   /* a call: min(a, b) */
            if (t->kind == '(' && prev_kind == T_KEUZE) space = 0;   /* keuze(a, b) */
            if (prev_kind == '-' && i >= 2 && !is_operand_end(ts.t[i - 2].kind)) space = 0;   /* unary minus */
            if (i >= 1 && ts.t[i - 1].kind == '-' && i == 1) space = 0;
            if (space) hv_buf_putc(&b, ' ');
        } else if (decl) {
            hv_buf_puts(&b, "    ");
        }
        put_token(&b, text, t);
        if (t->kind == '(') paren++;
        if (t->kind == ')' && paren > 0) paren--;
        at_line_start = 0;
        prev_end = t->end;
        prev_kind = t->kind;
    }
    if (!at_line_start) hv_buf_putc(&b, '\n');
    hv_mem_free(ts.t);
    return hv_buf_take(&b);
}
