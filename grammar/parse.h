/* parse.h — turn rule-file text into an AST. */
#ifndef HV_PARSE_H
#define HV_PARSE_H

#include "ast.h"
#include "diag.h"

/* Parse file number `file` of d->src into ast (its declarations are appended).
 * Syntax errors go to d; the parser recovers at declaration boundaries.
 * Returns the number of errors found. */
int hv_parse_file(hv_ast *ast, int file, hv_diags *d);

/* Parse the expression at bytes [start, end) of file `file`, e.g. the {expr}
 * inside an omdat text. NULL on error (reported to d). */
hv_expr *hv_parse_expr(hv_ast *ast, int file, uint32_t start, uint32_t end, hv_diags *d);

/* The tokens of a file, comments included, in order (for the formatter).
 * Token kinds are the parser's (parser.h), or a character. Returns the
 * number of lexical errors (reported to d). */
typedef struct hv_token {
    int kind;
    uint32_t start, end;   /* byte offsets */
} hv_token;
typedef void (*hv_token_fn)(void *ud, const hv_token *t);
int hv_parse_tokens(hv_ast *ast, int file, hv_diags *d, hv_token_fn fn, void *ud);

#endif
