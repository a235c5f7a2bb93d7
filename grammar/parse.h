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

#endif
