/* compile_once.h — for the fuzz harnesses (fuzz_cases.c, fuzz_repl.c) that
 * work on rule sets from the tree: each compiled once, at start-up. */
#ifndef HV_FUZZ_COMPILE_ONCE_H
#define HV_FUZZ_COMPILE_ONCE_H

#include <stdio.h>
#include <stdlib.h>

#include "houvast.h"

/* The rule file at path (relative to the top of the tree) compiled; a
 * harness cannot run without it, so on failure it says so and exits. */
static hv_program *compile_once(const char *harness, const char *path)
{
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    hv_program *p = hv_compile_files(&path, 1, &src, &d);
    hv_diags_free(&d);
    hv_src_free(&src);             /* empty when it compiled: the program took the sources */
    if (!p) {
        fprintf(stderr, "%s: cannot compile %s (run from the top of the tree)\n", harness, path);
        exit(1);
    }
    return p;
}

#endif
