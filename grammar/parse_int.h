/* parse_int.h — state shared by the scanner and the parser (internal). */
#ifndef HV_PARSE_INT_H
#define HV_PARSE_INT_H

#include <stdint.h>
#include "ast.h"
#include "diag.h"

typedef struct hv_parser {
    hv_ast *ast;
    hv_diags *diags;
    hv_expr *expr;          /* result of an expression-only parse */
    int expr_only;          /* parsing the {expression} of an omdat text */
} hv_parser;

struct hv_lexstate {
    hv_parser *p;
    int file;
    uint32_t offset;        /* byte offset of the next character */
    int start_tok;          /* first token to hand out: file or expression */
    int keep_comments;      /* hand out comments as COMMENT tokens (for fmt) */
};

#endif
