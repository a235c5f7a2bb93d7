/* parse_int.h — state shared by the scanner and the parser (internal). */
#ifndef HV_PARSE_INT_H
#define HV_PARSE_INT_H

#include <setjmp.h>
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
    jmp_buf *oom;           /* where flex's "out of dynamic memory" goes (see lexer.l) */
    struct hv_lexblock *blocks;  /* every block flex holds, so that none is lost then */
};
/* After the longjmp to *oom: free what flex still held (call it after
 * yylex_destroy, which frees what it can reach). */
void hv_lex_free_blocks(struct hv_lexstate *lx);

#endif
