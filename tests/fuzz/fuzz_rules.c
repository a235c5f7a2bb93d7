/* fuzz_rules.c — libFuzzer harness: any bytes as a rule file, through
 * parsing, checking and compiling; a program that compiles also runs its
 * casus blocks. The diagnostics are
 * rendered as a person would see them. Nothing may crash, hang or leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "houvast.h"
#include "mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    hv_program *p = hv_compile_text("fuzz.hv", (const char *)data, size, &src, &d);
    hv_buf out;
    hv_buf_init(&out);
    hv_diag_render_all(&d, &out, 0);
    if (p) {
        hv_test_report rep;
        if (hv_test_run(p, 20513, &rep) == 0) hv_test_report_free(&rep);
    }
    hv_buf_free(&out);
    hv_program_free(p);
    hv_diags_free(&d);
    hv_src_free(&src);
    return 0;
}
