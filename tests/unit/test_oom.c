/* test_oom.c — running out of memory, SQLite's way: count the allocations
 * of a whole job (compile a rule set, read a case, decide it with the
 * trace, write the result as JSON and as text, run its casus blocks, read a
 * CSV caseload and decide every case), then
 * do the job again once for every N, with the Nth allocation failing. Each
 * run must end cleanly: the job says it ran out of memory (or, where an
 * allocation was only an optimisation, still gives the right answer), it
 * does not crash, and once everything is freed no block is left.
 * OOM_ONLY=N runs only the Nth (to look at one under a debugger). */
#include "testutil.h"

#include "eval_int.h"

enum { DONE = 0, OOM = 1 };

static int said_out_of_memory(const hv_diags *d)
{
    for (int i = 0; i < d->n; i++)
        if (strstr(d->items[i].msg, "out of memory")) return 1;
    return d->nerrors > d->n;   /* a diagnostic that could not be kept */
}

/* The diagnostics as text (in a buffer of the test's). */
static const char *shown(const hv_diags *d)
{
    static char text[4096];
    hv_buf b;
    hv_buf_init(&b);
    hv_diag_render_all(d, &b, 0);
    snprintf(text, sizeof text, "%s", b.data ? b.data : "(the text could not be made either)");
    hv_buf_free(&b);
    return text;
}

/* Each case of a caseload decided, its result added to a buffer. */
typedef struct caseload_run {
    hv_ctx *ctx;
    hv_buf out;
    int oom;
} caseload_run;

static int decide_row(void *ud, hv_case *c, int line)
{
    caseload_run *cr = ud;
    (void)line;
    char *j = NULL;
    if (hv_eval(cr->ctx, c, tu_date("2026-03-01"), 0) || !(j = hv_result_json(cr->ctx, 0))) {
        cr->oom = 1;
        return 1;
    }
    hv_buf_puts(&cr->out, j);
    hv_buf_putc(&cr->out, '\n');
    hv_mem_free(j);
    return 0;
}

/* The job; the result (compared with the full run's when a run got through)
 * is the traced JSON of the case and the JSON of every case of the CSV. */
static int job(const char *rules, const char *casefile, const char *csvfile, char **result)
{
    int r = DONE;
    hv_srcset src = {0}, csrc = {0};
    hv_diags d, cd;
    hv_diags_init(&d, &src);
    hv_diags_init(&cd, &csrc);
    hv_case *cs = NULL;
    hv_ctx *ctx = NULL;
    char *json = NULL, *text = NULL;
    hv_program *p = hv_compile_files(&rules, 1, &src, &d);
    if (!p) {
        if (!said_out_of_memory(&d)) fail_msg("compiling failed without saying it ran out of memory:\n%s", shown(&d));
        r = OOM;
        goto out;
    }
    if (!(cs = hv_case_new(p))) { r = OOM; goto out; }
    size_t len;
    char *text_in = hv_read_file(casefile, HV_MAX_CASE_BYTES, &len);
    if (!text_in) { r = OOM; goto out; }
    int rc = hv_case_from_json_text(cs, text_in, casefile, &cd);
    hv_mem_free(text_in);
    if (rc) {
        if (!said_out_of_memory(&cd)) fail_msg("reading the case failed without saying it ran out of memory:\n%s", shown(&cd));
        r = OOM;
        goto out;
    }
    if (!(ctx = hv_ctx_new(p))) { r = OOM; goto out; }
    if (hv_eval(ctx, cs, tu_date("2026-03-01"), HV_EVAL_TRACE)) { r = OOM; goto out; }
    if (!(json = hv_result_json(ctx, HV_JSON_TRACE | HV_JSON_PRETTY))) { r = OOM; goto out; }
    if (!(text = hv_result_text(ctx, HV_JSON_TRACE))) { r = OOM; goto out; }
    hv_test_report rep;
    if (hv_test_run(p, tu_date("2026-03-01"), &rep)) { r = OOM; goto out; }
    hv_test_report_free(&rep);
    /* a caseload, read through libcsv */
    caseload_run cr = {ctx, {0}, 0};
    hv_buf_init(&cr.out);
    hv_buf_puts(&cr.out, json);
    int bad = hv_case_read_file(p, csvfile, decide_row, &cr, &cd);
    if (cr.oom || cr.out.failed || bad != 0) {
        if (!cr.oom && !cr.out.failed && !said_out_of_memory(&cd))
            fail_msg("reading the caseload failed without saying it ran out of memory:\n%s", shown(&cd));
        hv_buf_free(&cr.out);
        r = OOM;
        goto out;
    }
    *result = hv_buf_take(&cr.out);
    if (!*result) r = OOM;
out:
    hv_mem_free(json);
    hv_mem_free(text);
    hv_ctx_free(ctx);
    hv_case_free(cs);
    hv_program_free(p);
    hv_diags_free(&d);
    hv_diags_free(&cd);
    hv_src_free(&src);
    hv_src_free(&csrc);
    return r;
}

static void every_allocation_may_fail(const char *rules, const char *casefile, const char *csvfile)
{
    /* the whole job once, counted */
    hv_mem_track(1);
    char *want = NULL;
    assert_int_equal(job(rules, casefile, csvfile, &want), DONE);
    long total = hv_mem_count();
    assert_int_equal(hv_mem_live(), 1);      /* want */
    /* the answer, kept outside the counting */
    char *answer = strdup(want);
    hv_mem_free(want);
    assert_int_equal(hv_mem_live(), 0);
    assert_true(total > 100);
    long oom = 0;
    long from = getenv("OOM_ONLY") ? atol(getenv("OOM_ONLY")) : 1, upto = getenv("OOM_ONLY") ? from : total;
    for (long n = from; n <= upto; n++) {
        hv_mem_track(1);
        hv_mem_fail_after(n);
        char *got = NULL;
        int r = job(rules, casefile, csvfile, &got);
        hv_mem_fail_after(0);
        if (r == OOM) oom++;
        /* a run that got through gives the very same result */
        else if (strcmp(got, answer) != 0) fail_msg("allocation %ld failing changed the result:\n%s", n, got);
        hv_mem_free(got);
        if (hv_mem_live() != 0) fail_msg("allocation %ld of %ld failing left %ld blocks behind", n, total, hv_mem_live());
    }
    hv_mem_track(0);
    free(answer);
    /* nearly every failure was noticed and said so (a few allocations only
     * speed things up, such as an arena's spare chunk) */
    print_message("%s: %ld allocations, each made to fail; %ld runs said out of memory\n", rules, total, oom);
    assert_true(oom > total / 2);
}

static void bijzondere_bijstand(void **state)
{
    (void)state;
    every_allocation_may_fail("examples/bijzondere_bijstand.hv", "examples/cases/wasmachine.json",
                              "examples/cases/bijzondere_bijstand.csv");
}

static void werk_en_inkomen(void **state)
{
    (void)state;
    every_allocation_may_fail("examples/maatwerk_werk_inkomen.hv", "examples/cases/gezin_huisuitzetting.json",
                              "examples/cases/werk_inkomen.csv");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bijzondere_bijstand),
        cmocka_unit_test(werk_en_inkomen),
    };
    return cmocka_run_group_tests_name("oom", tests, NULL, NULL);
}
