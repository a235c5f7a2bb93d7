/* test.c — run the casus blocks of a program and report expected against
 * actual for every one that fails. */
#include "eval_int.h"

#include <stdio.h>
#include <string.h>

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

int hv_test_run(const hv_program *p, int32_t peildatum, hv_test_report *out)
{
    memset(out, 0, sizeof *out);
    hv_ctx *c = hv_ctx_new(p);
    hv_case *cs = hv_case_new(p);
    if (!c || !cs) { hv_ctx_free(c); hv_case_free(cs); return -1; }
    hv_buf b;
    hv_buf_init(&b);
    for (int i = 0; i < p->ncasus; i++) {
        const hv_casus *k = &p->casus[i];
        hv_case_clear(cs);
        for (int g = 0; g < k->ngiven; g++) cs->facts[k->given[g].fact] = k->given[g].v;
        if (hv_eval(c, cs, k->has_peildatum ? k->peildatum : peildatum, 0)) {
            hv_buf_free(&b);
            hv_ctx_free(c);
            hv_case_free(cs);
            return -1;
        }
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
                    hv_buf_printf(&fails, "      waarborg %s: verwacht geschonden, maar %s\n", p->safe[e->target].name,
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
                hv_buf_printf(&fails, "      %s: verwacht %s, kreeg ", p->decs[e->target].name,
                              expect_text(p, e, exp, sizeof exp));
                describe_actual(&fails, p, r);
                hv_buf_putc(&fails, '\n');
            }
        }
        char where[300];
        hv_src_where((hv_srcset *)&p->src, k->loc, where, sizeof where);
        if (fails.len) {
            out->failed++;
            hv_buf_printf(&b, "FAIL %s: %s\n", where, k->name);
            hv_buf_add(&b, fails.data, fails.len);
        } else {
            out->passed++;
            hv_buf_printf(&b, "ok   %s: %s\n", where, k->name);
        }
        hv_buf_free(&fails);
    }
    out->text = hv_buf_take(&b);
    hv_ctx_free(c);
    hv_case_free(cs);
    return out->text ? 0 : -1;
}
