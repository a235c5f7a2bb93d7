/* testutil.h — shared helpers for the cmocka unit tests.
 *
 * Compile a rule set from a string (failing the test with the rendered
 * diagnostics when it does not compile), compile one that must fail and
 * look at its diagnostics, evaluate a case given as JSON text, and read
 * the result's JSON. Strings returned as `const char *` live in a small
 * ring of static buffers: use them right away (in an assert), do not free.
 */
#ifndef HV_TESTUTIL_H
#define HV_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "houvast.h"
#include "value.h"
#include "diag.h"
#include "mem.h"

/* ---- small string ring ---------------------------------------------------- */

static inline char *tu_ring(size_t need)
{
    static char bufs[16][4096];
    static int next;
    char *b = bufs[next];
    next = (next + 1) % 16;
    (void)need;
    b[0] = 0;
    return b;
}

static inline const char *tu_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline const char *tu_fmt(const char *fmt, ...)
{
    char *b = tu_ring(4096);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b, 4096, fmt, ap);
    va_end(ap);
    return b;
}

/* ---- dates ------------------------------------------------------------------ */

static inline int32_t tu_date(const char *iso)
{
    int32_t d = 0;
    if (hv_date_parse(iso, &d) != 0) fail_msg("test bug: '%s' is not a date", iso);
    return d;
}

static inline const char *tu_iso(int32_t day)
{
    char *b = tu_ring(16);
    hv_date_iso(day, b);
    return b;
}

#define TU_PEIL "2026-03-01"

/* ---- compiling ---------------------------------------------------------------- */

typedef struct tu_compiled {
    hv_srcset src;
    hv_diags diags;
    hv_program *p;
    char *rendered;        /* every diagnostic rendered, no colour */
} tu_compiled;

static inline void tu_try_compile(tu_compiled *c, const char *text)
{
    memset(c, 0, sizeof *c);
    hv_diags_init(&c->diags, &c->src);
    c->p = hv_compile_text("t.hv", text, strlen(text), &c->src, &c->diags);
    hv_buf b;
    hv_buf_init(&b);
    hv_diag_render_all(&c->diags, &b, 0);
    c->rendered = hv_buf_take(&b);
    if (!c->rendered) c->rendered = hv_mem_strdup("");
}

static inline void tu_compiled_free(tu_compiled *c)
{
    hv_diags_free(&c->diags);
    hv_src_free(&c->src);
    hv_program_free(c->p);
    hv_mem_free(c->rendered);
    memset(c, 0, sizeof *c);
}

/* Compile `text`; fail the test with the diagnostics when it has errors. */
static inline hv_program *tu_compile(const char *text)
{
    tu_compiled c;
    tu_try_compile(&c, text);
    if (!c.p || c.diags.nerrors) {
        print_error("rule set did not compile:\n%s\n--- source ---\n%s\n", c.rendered, text);
        tu_compiled_free(&c);
        fail_msg("rule set did not compile");
    }
    hv_program *p = c.p;
    c.p = NULL;
    tu_compiled_free(&c);
    return p;
}

/* Compile `text` that must fail; the caller frees with tu_compiled_free. */
static inline void tu_compile_bad(tu_compiled *c, const char *text)
{
    tu_try_compile(c, text);
    if (c->p) {
        tu_compiled_free(c);
        fail_msg("rule set compiled, but errors were expected:\n%s", text);
    }
    if (c->diags.nerrors == 0) fail_msg("no program and no errors");
}

static inline void tu_dump_diags(const tu_compiled *c)
{
    print_error("diagnostics (%d):\n%s", c->diags.n, c->rendered);
}

/* Index of the diagnostic whose message is exactly `msg`, or -1. */
static inline int tu_diag_find(const tu_compiled *c, const char *msg)
{
    for (int i = 0; i < c->diags.n; i++)
        if (strcmp(c->diags.items[i].msg, msg) == 0) return i;
    return -1;
}

static inline int tu_diag_count(const tu_compiled *c, const char *msg)
{
    int n = 0;
    for (int i = 0; i < c->diags.n; i++)
        if (strcmp(c->diags.items[i].msg, msg) == 0) n++;
    return n;
}

/* "line:col" of diagnostic i. */
static inline const char *tu_diag_where(tu_compiled *c, int i)
{
    int line, col;
    hv_src_linecol(c->diags.src, c->diags.items[i].loc, &line, &col);
    return tu_fmt("%d:%d", line, col);
}

/* Assert that there is a diagnostic `msg` at `where` ("line:col"); returns
 * its index. */
#define tu_assert_diag(c, where, msg) tu_assert_diag_((c), (where), (msg), __FILE__, __LINE__)
static inline int tu_assert_diag_(tu_compiled *c, const char *where, const char *msg,
                                  const char *file, int line)
{
    for (int i = 0; i < c->diags.n; i++)
        if (strcmp(c->diags.items[i].msg, msg) == 0 &&
            (!where || strcmp(tu_diag_where(c, i), where) == 0))
            return i;
    tu_dump_diags(c);
    print_error("no diagnostic '%s' at %s\n", msg, where ? where : "?");
    _fail(file, line);
    return -1;
}

/* The hint of diagnostic i, "" when it has none. */
static inline const char *tu_diag_hint(const tu_compiled *c, int i)
{
    return c->diags.items[i].hint ? c->diags.items[i].hint : "";
}

/* ---- cases and evaluation ------------------------------------------------------- */

/* Read a JSON case; fail the test with the diagnostics when it is refused. */
static inline hv_case *tu_case(const hv_program *p, const char *json)
{
    hv_case *cs = hv_case_new(p);
    assert_non_null(cs);
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    if (hv_case_from_json_text(cs, json, "case.json", &d) != 0) {
        hv_buf b;
        hv_buf_init(&b);
        hv_diag_render_all(&d, &b, 0);
        char *s = hv_buf_take(&b);
        print_error("case refused:\n%s", s ? s : "");
        hv_mem_free(s);
        hv_diags_free(&d);
        hv_src_free(&src);
        hv_case_free(cs);
        fail_msg("case refused: %s", json);
    }
    hv_diags_free(&d);
    hv_src_free(&src);
    return cs;
}

/* The first error message for a case that must be refused ("" if accepted,
 * which fails the test). `nerr` gets the number of errors when not NULL. */
static inline const char *tu_case_error(const hv_program *p, const char *json, int *nerr)
{
    hv_case *cs = hv_case_new(p);
    assert_non_null(cs);
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    int r = hv_case_from_json_text(cs, json, "case.json", &d);
    char *out = tu_ring(4096);
    if (d.n > 0) snprintf(out, 4096, "%s", d.items[0].msg);
    if (nerr) *nerr = d.nerrors;
    hv_diags_free(&d);
    hv_src_free(&src);
    hv_case_free(cs);
    if (r == 0) fail_msg("case was accepted, but an error was expected: %s", json);
    return out;
}

/* Evaluate with an existing context; returns the parsed result JSON
 * (json_decref it). */
static inline json_t *tu_eval_ctx(hv_ctx *ctx, const hv_case *cs, const char *peil, int flags)
{
    int32_t day = peil ? tu_date(peil) : HV_PEIL_CASE;
    assert_int_equal(hv_eval(ctx, cs, day, flags), 0);
    char *s = hv_result_json(ctx, flags & HV_EVAL_TRACE ? HV_JSON_TRACE : 0);
    assert_non_null(s);
    json_error_t je;
    json_t *root = json_loads(s, 0, &je);
    if (!root) fail_msg("result is not JSON: %s\n%s", je.text, s);
    hv_mem_free(s);
    return root;
}

/* Evaluate a JSON case against p on TU_PEIL; returns the result JSON. */
static inline json_t *tu_run_flags(const hv_program *p, const char *json, int flags)
{
    hv_case *cs = tu_case(p, json);
    hv_ctx *ctx = hv_ctx_new(p);
    assert_non_null(ctx);
    json_t *root = tu_eval_ctx(ctx, cs, TU_PEIL, flags);
    hv_ctx_free(ctx);
    hv_case_free(cs);
    return root;
}

static inline json_t *tu_run(const hv_program *p, const char *json)
{
    return tu_run_flags(p, json, 0);
}

/* Compact JSON text of any JSON value ("null" for NULL). */
static inline const char *tu_js(const json_t *v)
{
    char *b = tu_ring(4096);
    if (!v) { snprintf(b, 4096, "(missing)"); return b; }
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    size_t n = s ? strlen(s) : 1;
    if (n > 4095) n = 4095;
    memcpy(b, s ? s : "?", n);
    b[n] = 0;
    free(s);
    return b;
}

/* The decision object named `name` in a result. */
static inline json_t *tu_dec(json_t *root, const char *name)
{
    json_t *ds = json_object_get(root, "decisions");
    size_t i;
    json_t *d;
    json_array_foreach(ds, i, d) {
        const char *n = json_string_value(json_object_get(d, "decision"));
        if (n && strcmp(n, name) == 0) return d;
    }
    fail_msg("no decision '%s' in %s", name, tu_js(root));
    return NULL;
}

/* A field of a decision as compact JSON text: tu_field(r, "x", "outcome"). */
static inline const char *tu_field(json_t *root, const char *dec, const char *field)
{
    return tu_js(json_object_get(tu_dec(root, dec), field));
}

static inline const char *tu_status(json_t *root, const char *dec)
{
    const char *s = json_string_value(json_object_get(tu_dec(root, dec), "status"));
    return s ? s : "(none)";
}

static inline const char *tu_outcome(json_t *root, const char *dec)
{
    return tu_field(root, dec, "outcome");
}

/* "name1,name2" of a decision's missing facts. */
static inline const char *tu_missing(json_t *root, const char *dec)
{
    char *b = tu_ring(4096);
    json_t *m = json_object_get(tu_dec(root, dec), "missing");
    size_t i, k = 0;
    json_t *v;
    json_array_foreach(m, i, v)
        k += (size_t)snprintf(b + k, 4096 - k, "%s%s", i ? "," : "", json_string_value(v));
    return b;
}

/* "rule:value:outcome,..." of a list of rule references (overruled, conflicts,
 * options); a rule that says "ter beoordeling" gets ":J" after it. */
static inline const char *tu_refs(json_t *root, const char *dec, const char *field)
{
    char *b = tu_ring(4096);
    json_t *m = json_object_get(tu_dec(root, dec), field);
    if (!m) { snprintf(b, 4096, "(missing)"); return b; }
    size_t i, k = 0;
    json_t *v;
    json_array_foreach(m, i, v) {
        char o[1024];
        snprintf(o, sizeof o, "%s", tu_js(json_object_get(v, "outcome")));
        k += (size_t)snprintf(b + k, 4096 - k, "%s%s:%s:%s%s", i ? "," : "",
                              json_string_value(json_object_get(v, "rule")),
                              json_string_value(json_object_get(v, "value")), o,
                              json_is_true(json_object_get(v, "judgement")) ? ":J" : "");
    }
    return b;
}

/* The trace entry of `rule` in decision `dec` (result made with HV_EVAL_TRACE). */
static inline json_t *tu_trace(json_t *root, const char *dec, const char *rule)
{
    json_t *rules = json_object_get(tu_dec(root, dec), "rules");
    size_t i;
    json_t *r;
    json_array_foreach(rules, i, r) {
        const char *n = json_string_value(json_object_get(r, "rule"));
        if (n && strcmp(n, rule) == 0) return r;
    }
    fail_msg("no rule '%s' in the trace of '%s': %s", rule, dec, tu_js(root));
    return NULL;
}

static inline const char *tu_rule_state(json_t *root, const char *dec, const char *rule)
{
    const char *s = json_string_value(json_object_get(tu_trace(root, dec, rule), "state"));
    return s ? s : "(none)";
}

/* "holds" of a safeguard as JSON text: "true", "false" or "null". */
static inline const char *tu_holds(json_t *root, const char *name)
{
    json_t *sg = json_object_get(root, "safeguards");
    size_t i;
    json_t *s;
    json_array_foreach(sg, i, s) {
        const char *n = json_string_value(json_object_get(s, "safeguard"));
        if (n && strcmp(n, name) == 0) return tu_js(json_object_get(s, "holds"));
    }
    fail_msg("no safeguard '%s'", name);
    return NULL;
}

static inline int tu_review(json_t *root)
{
    json_t *r = json_object_get(root, "review_required");
    if (!json_is_boolean(r)) fail_msg("review_required missing: %s", tu_js(root));
    return json_is_true(r);
}

/* The complete rule file of §2 of the language brief. */
#define TU_BRIEF \
    "# Gemeente Voorbeeldstad — maatwerk Werk en Inkomen\n" \
    "regelset \"Maatwerk Werk en Inkomen\" versie \"2026.1\"\n" \
    "waarde geen_kinderen_dakloos \"In onze gemeente zijn geen kinderen dakloos\"\n" \
    "    bron \"Collegeprogramma 2026-2030, hoofdstuk 3\"\n" \
    "waarde zelf_niet_kunnen \"We komen in actie als iemand het zelf echt niet kan\"\n" \
    "waarde werk_boven_inkomen \"Werk staat boven inkomen\"\n" \
    "rangorde geen_kinderen_dakloos > zelf_niet_kunnen > werk_boven_inkomen\n" \
    "feit leeftijd: getal vraag \"Hoe oud is de aanvrager?\"\n" \
    "feit minderjarige_kinderen: getal\n" \
    "feit dreigende_huisuitzetting: janee\n" \
    "feit netto_inkomen: bedrag\n" \
    "feit woonsituatie: keuze(huur, koop, inwonend, dakloos)\n" \
    "feit kan_zelf_werk_vinden: janee\n" \
    "feit doorverwezen: janee\n" \
    "definitie gezin_met_kinderen = minderjarige_kinderen > 0\n" \
    "besluit ondersteuning: keuze(toekennen, afwijzen, doorverwijzen)\n" \
    "    standaard doorverwijzen omdat \"Geen richtlijn is van toepassing.\"\n" \
    "regel huisuitzetting_met_kinderen volgens geen_kinderen_dakloos\n" \
    "    als dreigende_huisuitzetting en gezin_met_kinderen\n" \
    "    dan ondersteuning = toekennen\n" \
    "    omdat \"Er dreigt huisuitzetting en er wonen {minderjarige_kinderen} minderjarige kinderen in het huishouden.\"\n" \
    "regel zelf_werk_zoeken volgens werk_boven_inkomen\n" \
    "    als kan_zelf_werk_vinden\n" \
    "    dan ondersteuning = afwijzen\n" \
    "    omdat \"De aanvrager kan zelf werk vinden; werk gaat voor inkomen.\"\n" \
    "waarborg geen_kale_afwijzing \"Zoek het zelf maar uit mag nooit een optie zijn\"\n" \
    "    als ondersteuning = afwijzen dan doorverwezen\n" \
    "casus \"Gezin met twee kinderen bij dreigende huisuitzetting\"\n" \
    "    gegeven dreigende_huisuitzetting = ja, minderjarige_kinderen = 2,\n" \
    "            kan_zelf_werk_vinden = ja, leeftijd = 34\n" \
    "    verwacht ondersteuning = toekennen volgens geen_kinderen_dakloos\n"

#endif
