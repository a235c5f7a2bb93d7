/* test.c — run the casus blocks of a program and report expected against
 * actual for every one that fails; on request also per casus (for JUnit
 * reports) and which rules and values decided at least one casus. */
#include "eval_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void describe_actual(hv_buf *b, const hv_program *p, const hv_dres *r)
{
    char tmp[64];
    switch ((hv_status)r->status) {
    case HV_S_DECIDED:
        hv_buf_printf(b, "%s volgens %s", hv_value_nl(p, r->outcome, tmp), p->values[r->value].name);
        break;
    case HV_S_DEFAULT:
        hv_buf_printf(b, "%s (standaard)", hv_value_nl(p, r->outcome, tmp));
        break;
    case HV_S_UNDETERMINED:
        hv_buf_puts(b, "onbepaald");
        if (r->nmissing) {
            hv_buf_puts(b, " (nog nodig: ");
            for (int i = 0; i < r->nmissing; i++)
                hv_buf_printf(b, "%s%s", i ? ", " : "", p->facts[r->missing[i]].name);
            hv_buf_putc(b, ')');
        }
        break;
    case HV_S_CONFLICT:
        hv_buf_puts(b, "conflict (");
        for (int i = 0; i < r->nconf; i++)
            hv_buf_printf(b, "%s%s wil %s", i ? ", " : "", p->rules[r->conf[i].rule].name,
                          hv_value_nl(p, r->conf[i].outcome, tmp));
        hv_buf_putc(b, ')');
        break;
    case HV_S_JUDGEMENT:
        hv_buf_printf(b, "ter beoordeling volgens %s", p->values[r->value].name);
        break;
    case HV_S_NONE:
        hv_buf_puts(b, "geen uitkomst");
        break;
    case HV_S_ERROR:
        hv_buf_printf(b, "fout: %s", hv_error_message((hv_errcode)r->err));
        break;
    }
}

static const char *expect_text(const hv_program *p, const hv_expect_c *x, char *buf, size_t len)
{
    char tmp[64];
    switch (x->kind) {
    case HV_X_VALUE:
        if (x->value >= 0)
            snprintf(buf, len, "%s volgens %s", hv_value_nl(p, x->v, tmp), p->values[x->value].name);
        else
            snprintf(buf, len, "%s", hv_value_nl(p, x->v, tmp));
        return buf;
    case HV_X_CONFLICT: return "conflict";
    case HV_X_UNDETERMINED: return "onbepaald";
    case HV_X_JUDGEMENT: return "ter beoordeling";
    default: return "geschonden";
    }
}

static double now_seconds(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts)) return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Mark the rules (and their values) that decided some decision of the
 * casus just evaluated: the deciding rule of a decided or judgement
 * outcome, and the rules at the best rank that agree with it (the same
 * outcome, or also ter beoordeling). */
static void mark_coverage(const hv_ctx *c, hv_test_report *out)
{
    const hv_program *p = c->p;
    for (int d = 0; d < p->ndecs; d++) {
        const hv_dres *r = &c->dres[d];
        if (r->status != HV_S_DECIDED && r->status != HV_S_JUDGEMENT) continue;
        if (r->rule >= 0) out->rule_decided[r->rule] = 1;
        for (int i = 0; i < r->ntrace; i++) {
            const hv_rtrace *t = &r->trace[i];
            if ((r->status == HV_S_DECIDED && t->state == HV_R_DECIDED) ||
                (r->status == HV_S_JUDGEMENT && t->state == HV_R_JUDGEMENT && t->judgement))
                out->rule_decided[t->rule] = 1;
        }
    }
}

void hv_test_report_free(hv_test_report *r)
{
    if (!r) return;
    hv_mem_free(r->text);
    for (int i = 0; i < r->ncasus; i++) {
        hv_mem_free(r->casus[i].where);
        hv_mem_free(r->casus[i].failure);
    }
    hv_mem_free(r->casus);
    hv_mem_free(r->rule_decided);
    hv_mem_free(r->value_decided);
    memset(r, 0, sizeof *r);
}

int hv_test_run(const hv_program *p, int32_t peildatum, hv_test_report *out)
{
    return hv_test_run_ex(p, peildatum, 0, out);
}

int hv_test_run_ex(const hv_program *p, int32_t peildatum, int flags, hv_test_report *out)
{
    memset(out, 0, sizeof *out);
    int detail = flags & HV_TEST_DETAIL;
    hv_ctx *c = hv_ctx_new(p);
    hv_case *cs = hv_case_new(p);
    hv_buf b;
    hv_buf_init(&b);
    if (!c || !cs) goto fail;
    if (detail) {
        out->nrules = p->nrules;
        out->nvalues = p->nvalues;
        out->casus = hv_mem_alloc((size_t)(p->ncasus ? p->ncasus : 1) * sizeof *out->casus);
        out->rule_decided = hv_mem_alloc((size_t)p->nrules + 1);
        out->value_decided = hv_mem_alloc((size_t)p->nvalues + 1);
        if (!out->casus || !out->rule_decided || !out->value_decided) goto fail;
        memset(out->rule_decided, 0, (size_t)p->nrules + 1);
        memset(out->value_decided, 0, (size_t)p->nvalues + 1);
    }
    double t_all = now_seconds();
    for (int i = 0; i < p->ncasus; i++) {
        const hv_casus *k = &p->casus[i];
        double t0 = now_seconds();
        hv_case_clear(cs);
        for (int g = 0; g < k->ngiven; g++) cs->facts[k->given[g].fact] = k->given[g].v;
        if (hv_eval(c, cs, k->has_peildatum ? k->peildatum : peildatum, 0)) goto fail;
        /* one line per expectation that does not hold, without indentation */
        hv_buf fails;
        hv_buf_init(&fails);
        for (int x = 0; x < k->nexpect; x++) {
            const hv_expect_c *e = &k->expect[x];
            int ok;
            char exp[256];
            if (e->kind == HV_X_VIOLATED) {
                hv_value v = c->safe[e->target];
                ok = v.k == HV_V_BOOL && !v.i;
                if (!ok)
                    hv_buf_printf(&fails, "waarborg %s: verwacht geschonden, maar %s\n", p->safe[e->target].name,
                                  v.k == HV_V_BOOL ? "hij houdt" : "hij is onbekend");
                continue;
            }
            const hv_dres *r = &c->dres[e->target];
            switch (e->kind) {
            case HV_X_VALUE:
                ok = (r->status == HV_S_DECIDED || r->status == HV_S_DEFAULT) &&
                     hv_value_equal(r->outcome, e->v) && (e->value < 0 || e->value == r->value);
                break;
            case HV_X_CONFLICT: ok = r->status == HV_S_CONFLICT; break;
            case HV_X_UNDETERMINED: ok = r->status == HV_S_UNDETERMINED; break;
            default: ok = r->status == HV_S_JUDGEMENT; break;
            }
            if (!ok) {
                hv_buf_printf(&fails, "%s: verwacht %s, kreeg ", p->decs[e->target].name,
                              expect_text(p, e, exp, sizeof exp));
                describe_actual(&fails, p, r);
                hv_buf_putc(&fails, '\n');
            }
        }
        if (detail) mark_coverage(c, out);
        char where[300];
        hv_src_where((hv_srcset *)&p->src, k->loc, where, sizeof where);
        if (fails.len) {
            out->failed++;
            hv_buf_printf(&b, "FAIL %s: %s\n", where, k->name);
            for (size_t s = 0; s < fails.len;) {
                const char *nl = memchr(fails.data + s, '\n', fails.len - s);
                size_t n = nl ? (size_t)(nl - (fails.data + s)) + 1 : fails.len - s;
                hv_buf_puts(&b, "      ");
                hv_buf_add(&b, fails.data + s, n);
                s += n;
            }
        } else {
            out->passed++;
            hv_buf_printf(&b, "ok   %s: %s\n", where, k->name);
        }
        if (detail) {
            hv_test_casus *tc = &out->casus[out->ncasus];
            memset(tc, 0, sizeof *tc);
            tc->name = k->name;
            tc->passed = fails.len == 0;
            tc->seconds = now_seconds() - t0;
            tc->where = hv_mem_strdup(where);
            if (!tc->passed) {
                tc->failure = hv_buf_take(&fails);
                if (tc->failure) {   /* without the last newline */
                    size_t n = strlen(tc->failure);
                    if (n && tc->failure[n - 1] == '\n') tc->failure[n - 1] = 0;
                }
            }
            out->ncasus++;
            if (!tc->where || (!tc->passed && !tc->failure)) { hv_buf_free(&fails); goto fail; }
        }
        hv_buf_free(&fails);
    }
    if (detail) {
        out->seconds = now_seconds() - t_all;
        for (int r = 0; r < p->nrules; r++)
            if (out->rule_decided[r]) {
                out->rules_decided++;
                if (p->rules[r].value >= 0) out->value_decided[p->rules[r].value] = 1;
            }
        for (int v = 0; v < p->nvalues; v++) out->values_decided += out->value_decided[v];
    }
    out->text = hv_buf_take(&b);
    if (!out->text) goto fail;
    hv_ctx_free(c);
    hv_case_free(cs);
    return 0;
fail:
    hv_buf_free(&b);
    hv_ctx_free(c);
    hv_case_free(cs);
    hv_test_report_free(out);
    return -1;
}

/* "file:line" of a location. */
static void where_line(const hv_program *p, hv_loc loc, char *out, size_t len)
{
    if (loc.file < 0 || loc.file >= p->src.n) { snprintf(out, len, "?"); return; }
    int line = 0, col = 0;
    hv_src_linecol((hv_srcset *)&p->src, loc, &line, &col);
    snprintf(out, len, "%s:%d", p->src.files[loc.file].name, line);
}

char *hv_test_coverage_text(const hv_program *p, const hv_test_report *r, const char *label)
{
    if (!r->rule_decided || !r->value_decided) return NULL;
    hv_buf b;
    hv_buf_init(&b);
    char where[4200];
    hv_buf_printf(&b, "%s%sdekking: %d van %d regels en %d van %d waarden besloten minstens één casus\n",
                  label ? label : "", label ? ": " : "", r->rules_decided, r->nrules, r->values_decided,
                  r->nvalues);
    if (r->rules_decided == r->nrules && r->values_decided == r->nvalues) {
        hv_buf_puts(&b, "nooit beslist: geen\n");
        return hv_buf_take(&b);
    }
    hv_buf_puts(&b, "nooit beslist:\n");
    for (int i = 0; i < p->nrules && i < r->nrules; i++) {
        if (r->rule_decided[i]) continue;
        const hv_rule *rl = &p->rules[i];
        where_line(p, rl->loc, where, sizeof where);
        hv_buf_printf(&b, "  regel %s (waarde %s) %s\n", rl->name,
                      rl->value >= 0 ? p->values[rl->value].name : "geen", where);
    }
    for (int i = 0; i < p->nvalues && i < r->nvalues; i++) {
        if (r->value_decided[i]) continue;
        where_line(p, p->values[i].loc, where, sizeof where);
        hv_buf_printf(&b, "  waarde %s %s\n", p->values[i].name, where);
    }
    return hv_buf_take(&b);
}
