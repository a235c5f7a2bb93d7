/* agree.h — for the fuzz harnesses (fuzz_rules.c, fuzz_cases.c): a case
 * decided the three ways the engine can must come out the same. The traced
 * result through the tests compiled beside the rule conditions must be the
 * one through their expression nodes (HV_EVAL_NODES); what a tally reads of
 * every decision must be the same in full and with the shortcut that stops
 * at the deciding rank (HV_EVAL_OUTCOME, as `--summary` decides). */
#ifndef HV_FUZZ_AGREE_H
#define HV_FUZZ_AGREE_H

#include <string.h>

#include "eval_int.h"
#include "houvast.h"
#include "mem.h"

/* What a tally reads of every decision: status, outcome, deciding rule and
 * value, the error, and the missing facts in order. */
static void agree_tally(const hv_ctx *c, hv_buf *b)
{
    const hv_program *p = c->p;
    char tmp[128];
    for (int d = 0; d < p->ndecs; d++) {
        const hv_dres *r = &c->dres[d];
        hv_buf_printf(b, "%s: status %d, outcome %d:%s, rule %d, value %d, error %d, missing", p->decs[d].name,
                      r->status, r->outcome.k, hv_value_plain(p, r->outcome, tmp, sizeof tmp), r->rule, r->value,
                      r->err);
        for (int i = 0; i < r->nmissing; i++) hv_buf_printf(b, " %s", p->facts[r->missing[i]].name);
        hv_buf_putc(b, '\n');
    }
}

/* NULL when case cs decided on peil comes out the same all three ways (or
 * memory ran out, which ends the check); otherwise what differs, with the
 * two results that differ in *first and *second (the caller frees them with
 * hv_mem_free). */
static const char *agree_three_ways(hv_ctx *c, const hv_case *cs, int32_t peil, char **first, char **second)
{
    *first = *second = NULL;
    if (hv_eval(c, cs, peil, HV_EVAL_TRACE)) return NULL;
    char *tests = hv_result_json(c, HV_JSON_TRACE);
    char *nodes = hv_eval(c, cs, peil, HV_EVAL_TRACE | HV_EVAL_NODES) ? NULL : hv_result_json(c, HV_JSON_TRACE);
    if (tests && nodes && strcmp(tests, nodes) != 0) {
        *first = tests;
        *second = nodes;
        return "the conditions' tests and their nodes decide the case differently";
    }
    hv_mem_free(tests);
    hv_mem_free(nodes);
    hv_buf full, quick;
    hv_buf_init(&full);
    hv_buf_init(&quick);
    const char *why = NULL;
    if (hv_eval(c, cs, peil, 0) == 0) {
        agree_tally(c, &full);
        if (hv_eval(c, cs, peil, HV_EVAL_OUTCOME) == 0) {
            agree_tally(c, &quick);
            if (!full.failed && !quick.failed &&
                (full.len != quick.len || memcmp(full.data, quick.data, full.len) != 0)) {
                why = "the tally shortcut decides the case differently";
                *first = hv_buf_take(&full);
                *second = hv_buf_take(&quick);
            }
        }
    }
    hv_buf_free(&full);
    hv_buf_free(&quick);
    return why;
}

#endif
