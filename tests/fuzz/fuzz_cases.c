/* fuzz_cases.c — libFuzzer harness: any bytes as case input for the example
 * rule sets, and for one that has a fact of every type (tekst among them,
 * which the examples lack). The first byte picks the rule set and the form:
 * one JSON case, JSON Lines or CSV (read as a file, the way `houvast run
 * --case` reads it, and record by record, the way a caseload is read: the
 * quick parse and the careful one, which must read the same case). Every
 * case read is decided with the trace and written as JSON, and the three
 * ways the engine can decide it must agree (agree.h). Nothing may crash,
 * hang or leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agree.h"
#include "compile_once.h"
#include "houvast.h"
#include "mem.h"

#define NSETS 3
static const char *const rulesets[NSETS] = {"examples/bijzondere_bijstand.hv", "examples/maatwerk_werk_inkomen.hv",
                                            "tests/golden/omdat_templates/rules.hv"};
static hv_program *progs[NSETS];
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (int i = 0; i < NSETS; i++) progs[i] = compile_once("fuzz_cases", rulesets[i]);
    return 0;
}

static int decide(void *ud, hv_case *c, int line)
{
    (void)line;
    hv_ctx *ctx = ud;
    char *first, *second;
    const char *why = agree_three_ways(ctx, c, 20513, &first, &second);
    if (why) {
        char *facts = hv_case_to_json(c);
        fprintf(stderr, "fuzz_cases: %s\n--- case ---\n%s\n--- one way ---\n%s\n--- the other ---\n%s\n", why,
                facts ? facts : "", first, second);
        abort();
    }
    return 0;
}

/* What the quick parse of a record makes of it (a case, or blank) must be
 * what the careful one makes of it: `--cases` takes the first, `--case` the
 * second, and both must decide a case alike. */
static void same_case(int quick, const hv_case *a, int careful, const hv_case *b, const char *text, size_t len)
{
    const char *why = NULL;
    char *ja = NULL, *jb = NULL;
    if (quick != careful) why = "the quick and the careful parse disagree on whether this is a case";
    else if (quick == 0) {
        ja = hv_case_to_json(a);
        jb = hv_case_to_json(b);
        const char *sa = hv_case_subject(a), *sb = hv_case_subject(b);
        if (ja && jb && strcmp(ja, jb) != 0) why = "the quick and the careful parse read other facts";
        else if ((sa != NULL) != (sb != NULL) || (sa && strcmp(sa, sb) != 0))
            why = "the quick and the careful parse read another subject";
    }
    if (why) {
        fprintf(stderr, "fuzz_cases: %s (%d, %d)\n--- record ---\n%.*s\n--- quick ---\n%s\n--- careful ---\n%s\n",
                why, quick, careful, (int)len, text, ja ? ja : "", jb ? jb : "");
        abort();
    }
    hv_mem_free(ja);
    hv_mem_free(jb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    /* bit 0 picks an example, the high bit the rule set with every type */
    int which = data[0] & 0x80 ? 2 : data[0] & 1, form = (data[0] >> 1) % 3;
    const hv_program *p = progs[which];
    data++;
    size--;
    static const char *const ext[] = {".json", ".jsonl", ".csv"};
    snprintf(path, sizeof path, "/tmp/hv_fuzz_%d%s", (int)getpid(), ext[form]);
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    hv_ctx *ctx = hv_ctx_new(p);
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    /* the whole file, the careful way */
    hv_case_read_file(p, path, decide, ctx, &d);
    hv_buf out;
    hv_buf_init(&out);
    hv_diag_render_all(&d, &out, 0);
    hv_buf_free(&out);
    hv_diags_free(&d);
    hv_src_free(&src);
    /* a caseload, record by record: the quick parse, then the careful one */
    if (form > 0) {
        hv_srcset src2 = {0};
        hv_diags d2;
        hv_diags_init(&d2, &src2);
        hv_caseload *l = hv_caseload_open(p, path, &d2);
        if (l) {
            hv_case *c = hv_case_new(p), *c2 = hv_case_new(p);
            const char *text;
            size_t len;
            int line;
            while (c && c2 && hv_caseload_next(l, &text, &len, &line) > 0) {
                int quick = hv_caseload_parse(l, text, len, c);
                if (quick == 0) decide(ctx, c, line);
                int careful = hv_caseload_report(l, text, len, line, c2);
                if (careful == 0) decide(ctx, c2, line);
                if (quick >= 0 && careful != -2) same_case(quick, c, careful, c2, text, len);
            }
            hv_case_free(c);
            hv_case_free(c2);
            hv_caseload_close(l);
        }
        hv_diags_free(&d2);
        hv_src_free(&src2);
    }
    hv_ctx_free(ctx);
    unlink(path);
    return 0;
}
