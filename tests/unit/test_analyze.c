/* test_analyze.c — the static analysis behind `houvast check`: conflicts,
 * rules that never decide or never apply, gaps, unused declarations and
 * the "could not decide" notes; exact reasoning on intervals of whole
 * millionths, cents and days, on keuze members and janee facts; every
 * witness checked with the engine; and a randomised comparison with the
 * engine over every case of small rule sets. */
#include "testutil.h"

#include "analyze.h"
#include "eval_int.h"
#include "program.h"

#ifndef NSETS
#define NSETS 150
#endif

/* ---- running the analysis ------------------------------------------------------- */

typedef struct an_run {
    tu_compiled c;
    hv_diags d;
    int nwarn;
    char *rendered;
} an_run;

static void an_start(an_run *r, const char *text)
{
    memset(r, 0, sizeof *r);
    tu_try_compile(&r->c, text);
    if (!r->c.p) {
        print_error("rule set did not compile:\n%s\n--- source ---\n%s\n", r->c.rendered, text);
        fail_msg("rule set did not compile");
    }
    hv_diags_init(&r->d, &r->c.p->src);
    r->d.max_errors = 100000;
    r->nwarn = hv_analyze(r->c.p, &r->d, HV_ANALYZE_ALL);
    hv_buf b;
    hv_buf_init(&b);
    hv_diag_render_all(&r->d, &b, 0);
    r->rendered = hv_buf_take(&b);
    if (!r->rendered) r->rendered = hv_mem_strdup("");
}

static void an_end(an_run *r)
{
    hv_diags_free(&r->d);
    hv_mem_free(r->rendered);
    tu_compiled_free(&r->c);
}

static int an_count(const an_run *r, hv_severity sev)
{
    int n = 0;
    for (int i = 0; i < r->d.n; i++) n += r->d.items[i].sev == sev;
    return n;
}

static const char *an_where(an_run *r, int i)
{
    int line, col;
    hv_src_linecol(r->d.src, r->d.items[i].loc, &line, &col);
    return tu_fmt("%d:%d", line, col);
}

/* The diagnostic with this severity, location ("line:col") and message;
 * fails the test (showing all of them) when there is none. */
#define an_find(r, sev, where, msg) an_find_((r), (sev), (where), (msg), __FILE__, __LINE__)
static int an_find_(an_run *r, hv_severity sev, const char *where, const char *msg, const char *file, int line)
{
    for (int i = 0; i < r->d.n; i++)
        if (r->d.items[i].sev == sev && strcmp(r->d.items[i].msg, msg) == 0 &&
            (!where || strcmp(an_where(r, i), where) == 0))
            return i;
    print_error("diagnostics:\n%s", r->rendered);
    print_error("missing at %s: %s\n", where ? where : "?", msg);
    _fail(file, line);
    return -1;
}

static const char *an_hint(const an_run *r, int i)
{
    return r->d.items[i].hint ? r->d.items[i].hint : "";
}

/* The unused-declaration warnings that the small rule sets below cannot
 * avoid (the value h of the header, a fact one condition leaves out). */
static int incidental(const char *msg)
{
    const char *tail = "' is not used";
    size_t n = strlen(msg), t = strlen(tail);
    return strcmp(msg, "value 'h' has no rules") == 0 ||
           (strncmp(msg, "fact '", 6) == 0 && n > t && strcmp(msg + n - t, tail) == 0);
}

/* Exactly n warnings and m notes (core: not counting incidental ones). */
#define an_expect(r, n, m) an_expect_((r), (n), (m), 0, __FILE__, __LINE__)
#define an_expect_core(r, n, m) an_expect_((r), (n), (m), 1, __FILE__, __LINE__)
static void an_expect_(an_run *r, int nwarn, int nnotes, int core, const char *file, int line)
{
    int w = 0, skipped = 0;
    for (int i = 0; i < r->d.n; i++)
        if (r->d.items[i].sev == HV_SEV_WARNING) {
            if (core && incidental(r->d.items[i].msg)) skipped++;
            else w++;
        }
    if (r->nwarn == w + skipped && w == nwarn && an_count(r, HV_SEV_NOTE) == nnotes && an_count(r, HV_SEV_ERROR) == 0)
        return;
    print_error("expected %d warning(s) and %d note(s), got %d (+%d incidental, returned %d) and %d:\n%s", nwarn,
                nnotes, w, skipped, r->nwarn, an_count(r, HV_SEV_NOTE), r->rendered);
    _fail(file, line);
}

/* ---- checking a witness with the engine ---------------------------------------------- */

/* Set the facts of a hint "for example a = 1, b = ja, on peildatum D" in
 * cs (other facts untouched); the peildatum in *peil (unchanged if none). */
static void apply_witness(const hv_program *p, hv_case *cs, const char *hint, int32_t *peil)
{
    const char *pre = "for example ";
    if (strcmp(hint, "this happens in every case") == 0) return;
    if (strncmp(hint, pre, strlen(pre)) != 0) fail_msg("not a witness: %s", hint);
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", hint + strlen(pre));
    char *save = NULL;
    for (char *part = strtok_r(buf, ",", &save); part; part = strtok_r(NULL, ",", &save)) {
        while (*part == ' ') part++;
        if (strncmp(part, "on peildatum ", 13) == 0) {
            *peil = tu_date(part + 13);
            continue;
        }
        char *eq = strstr(part, " = ");
        if (!eq) fail_msg("bad witness part '%s' in %s", part, hint);
        *eq = 0;
        char *val = eq + 3;
        char clean[256];
        size_t k = 0;
        for (const char *s = val; *s && k + 1 < sizeof clean; s++) {
            if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x82 && (unsigned char)s[2] == 0xAC) { s += 2; continue; }
            clean[k++] = *s;
        }
        clean[k] = 0;
        int f = hv_fact_find(p, part);
        if (f < 0) fail_msg("witness names unknown fact '%s'", part);
        char err[256];
        if (hv_case_set_text(cs, f, clean, err, sizeof err) != 0)
            fail_msg("witness value '%s' for %s: %s", clean, part, err);
    }
}

static int rule_index(const hv_program *p, const char *name)
{
    for (int r = 0; r < p->nrules; r++)
        if (strcmp(p->rules[r].name, name) == 0) return r;
    fail_msg("no rule '%s'", name);
    return -1;
}

static int dec_index(const hv_program *p, const char *name)
{
    for (int d = 0; d < p->ndecs; d++)
        if (strcmp(p->decs[d].name, name) == 0) return d;
    fail_msg("no decision '%s'", name);
    return -1;
}

static const hv_rtrace *trace_of(hv_ctx *ctx, int d, int rule)
{
    const hv_dres *res = &ctx->dres[d];
    for (int i = 0; i < res->ntrace; i++)
        if (res->trace[i].rule == rule) return &res->trace[i];
    return NULL;
}

/* Whether the engine, for case cs, reports a conflict of decision d in
 * which rules a and b both take part. */
static int engine_conflict(hv_ctx *ctx, const hv_case *cs, int32_t peil, int d, int a, int b)
{
    assert_int_equal(hv_eval(ctx, cs, peil, HV_EVAL_TRACE), 0);
    if (ctx->dres[d].status != HV_S_CONFLICT) return 0;
    const hv_rtrace *ta = trace_of(ctx, d, a), *tb = trace_of(ctx, d, b);
    return ta && tb && ta->state == HV_R_CONFLICT && tb->state == HV_R_CONFLICT;
}

/* Give every fact a known value: the first of its kind. */
static void known_defaults(const hv_program *p, hv_case *cs)
{
    for (int f = 0; f < p->nfacts; f++) {
        const hv_type *t = &p->facts[f].ty;
        switch (t->kind) {
        case HV_TY_BOOL: cs->facts[f] = hv_bool(0); break;
        case HV_TY_NUM: cs->facts[f] = hv_val(HV_V_NUM, 0); break;
        case HV_TY_MONEY: cs->facts[f] = hv_val(HV_V_MONEY, 0); break;
        case HV_TY_DATE: cs->facts[f] = hv_val(HV_V_DATE, tu_date(TU_PEIL)); break;
        case HV_TY_CHOICE: cs->facts[f] = hv_val(HV_V_CHOICE, p->choices[t->choice].members[0]); break;
        default: cs->facts[f] = hv_text(""); break;
        }
    }
}

/* Check every conflict and gap warning of a run against the engine: the
 * witness must give that conflict / status none, with the other facts
 * unknown (examples) or all known (the analysis is about known facts). */
static int check_witnesses_ex(an_run *r, int others_known)
{
    const hv_program *p = r->c.p;
    hv_ctx *ctx = hv_ctx_new(p);
    hv_case *cs = hv_case_new(p);
    assert_non_null(ctx);
    assert_non_null(cs);
    int checked = 0;
    for (int i = 0; i < r->d.n; i++) {
        const hv_diag *g = &r->d.items[i];
        char a[128], b[128], dn[128];
        int32_t peil = tu_date(TU_PEIL);
        hv_case_clear(cs);
        if (others_known) known_defaults(p, cs);
        if (sscanf(g->msg, "conflict possible: rules '%127[^']' (%*[^)]) and '%127[^']' rank equally and can give '%127[^']'",
                   a, b, dn) == 3) {
            apply_witness(p, cs, an_hint(r, i), &peil);
            int d = dec_index(p, dn);
            if (!engine_conflict(ctx, cs, peil, d, rule_index(p, a), rule_index(p, b)))
                fail_msg("witness '%s' does not give the conflict of %s and %s (status %d)", an_hint(r, i), a, b,
                         ctx->dres[d].status);
            checked++;
        } else if (sscanf(g->msg, "gap: no rule decides '%127[^']'", dn) == 1) {
            apply_witness(p, cs, an_hint(r, i), &peil);
            int d = dec_index(p, dn);
            assert_int_equal(hv_eval(ctx, cs, peil, 0), 0);
            if (ctx->dres[d].status != HV_S_NONE)
                fail_msg("gap witness '%s' gives status %d for %s", an_hint(r, i), ctx->dres[d].status, dn);
            checked++;
        }
    }
    hv_case_free(cs);
    hv_ctx_free(ctx);
    return checked;
}

static int check_witnesses(an_run *r) { return check_witnesses_ex(r, 1); }

/* ---- a common header: three values, a = b below h ---------------------------------------- */

#define HDR                         \
    "waarde h \"H\"\n"              \
    "waarde a \"A\"\n"              \
    "waarde b \"B\"\n"              \
    "rangorde h > a = b\n"
/* HDR is 4 lines; the rule sets below continue at line 5. */

/* ---- conflicts: exact bounds ------------------------------------------------------------------ */

static int fact_lines;     /* the lines the facts of two_rules take */

static void two_rules(an_run *r, const char *facts, const char *c1, const char *c2)
{
    char text[4096];
    /* lines: 5 the facts, then besluit, r1, r2 and the rule of h */
    fact_lines = 1;
    for (const char *s = facts; *s; s++) fact_lines += *s == '\n';
    snprintf(text, sizeof text,
             HDR "%s\n"
             "besluit d: keuze(k1, k2) standaard k1\n"
             "regel r1 volgens a als %s dan d = k1 omdat \"een\"\n"
             "regel r2 volgens b als %s dan d = k2 omdat \"twee\"\n"
             "regel rh volgens h als nee dan d = k1 omdat \"nooit\"\n",
             facts, c1, c2);
    an_start(r, text);
}

#define NEVER_RH "rule 'rh' never applies: no case makes its condition true"

static const char *at_line(int k) { return tu_fmt("%d:1", 4 + fact_lines + k); }

/* The two conditions never hold together: the only warning is for rh. */
static void expect_no_conflict(const char *facts, const char *c1, const char *c2)
{
    an_run r;
    two_rules(&r, facts, c1, c2);
    an_find(&r, HV_SEV_WARNING, at_line(4), NEVER_RH);
    an_expect_core(&r, 1, 0);
    an_end(&r);
}

static void expect_conflict(const char *facts, const char *c1, const char *c2, const char *witness)
{
    an_run r;
    two_rules(&r, facts, c1, c2);
    int i = an_find(&r, HV_SEV_WARNING, at_line(3),
                    tu_fmt("conflict possible: rules 'r1' (line %d) and 'r2' rank equally and can give 'd' "
                           "different outcomes: k1 and k2", 4 + fact_lines + 2));
    if (strcmp(an_hint(&r, i), witness) != 0) {
        print_error("%s / %s:\n%s", c1, c2, r.rendered);
        fail_msg("witness '%s', expected '%s'", an_hint(&r, i), witness);
    }
    an_expect_core(&r, 2, 0);
    assert_int_equal(check_witnesses(&r), 1);
    assert_int_equal(check_witnesses_ex(&r, 0), 1);
    an_end(&r);
}

#define F_X "feit x: getal vraag \"x?\""
#define F_M "feit m: bedrag vraag \"m?\""
#define F_G "feit g: datum vraag \"g?\""
#define F_W "feit w: keuze(huur, koop, inwonend, dakloos) vraag \"w?\""
#define F_PQ "feit p: janee vraag \"p?\"\nfeit q: janee vraag \"q?\""

static void test_getal_bounds(void **state)
{
    (void)state;
    expect_no_conflict(F_X, "x > 3", "x <= 3");
    expect_no_conflict(F_X, "x < 3", "x >= 3");
    expect_no_conflict(F_X, "3 < x", "3 >= x");
    expect_no_conflict(F_X, "x > 3", "x < 3.000001");
    expect_no_conflict(F_X, "x = 3", "x != 3");
    expect_no_conflict(F_X, "x in (1, 2)", "x niet in (1, 2)");
    expect_conflict(F_X, "x >= 3", "x <= 3", "for example x = 3");
    expect_conflict(F_X, "x > 3", "x < 3.000002", "for example x = 3.000001");
    expect_conflict(F_X, "x > 3", "x > 2", "for example x = 4");
    /* a whole number near the bound where one fits, else the bound */
    expect_conflict(F_X, "x < 3", "x < 10", "for example x = 2");
    expect_conflict(F_X, "x > 2.1", "x < 2.9", "for example x = 2.100001");
    expect_conflict(F_X, "x < -1.5", "x != -2", "for example x = -3");
    expect_conflict(F_X, "x != 0", "x != 1", "for example x = -1");
    expect_conflict(F_X, "x in (1, 2, 3)", "x > 1 en x != 2", "for example x = 3");
    expect_conflict(F_X, "-x > 3 of x = 7", "x > 5", "for example x = 7");
}

static void test_bedrag_cents(void **state)
{
    (void)state;
    expect_no_conflict(F_M, "m > 1100", "m <= 1100");
    expect_no_conflict(F_M, "m > €1100", "m < €1100.01");
    expect_conflict(F_M, "m > 1100", "m < 1100.02", "for example m = €1100.01");
    expect_conflict(F_M, "m >= €0.5", "m <= €0.5", "for example m = €0.50");
    expect_conflict(F_M, "m < 0", "m > -10", "for example m = -€9");
    expect_conflict(F_M, "m > 0", "m < 1", "for example m = €0.01");
}

static void test_datum_days(void **state)
{
    (void)state;
    expect_no_conflict(F_G, "g > 2026-01-01", "g < 2026-01-02");
    expect_conflict(F_G, "g >= 2026-01-01", "g < 2026-01-02", "for example g = 2026-01-01");
    expect_conflict(F_G, "g > 2024-02-28", "g < 2024-03-01", "for example g = 2024-02-29");
    /* the calendar ends: nothing lies after 9999-12-31 */
    an_run r;
    two_rules(&r, F_G, "g > 9999-12-31", "ja");
    an_find(&r, HV_SEV_WARNING, "7:1", "rule 'r1' never applies: no case makes its condition true");
    an_expect_core(&r, 2, 0);
    an_end(&r);
}

static void test_keuze_members(void **state)
{
    (void)state;
    expect_no_conflict(F_W, "w = dakloos", "w in (huur, koop)");
    expect_no_conflict(F_W, "w niet in (huur, koop)", "w in (huur, koop)");
    /* a finite domain: four members, four excluded */
    expect_no_conflict(F_W, "w != huur en w != koop", "w niet in (inwonend, dakloos)");
    expect_conflict(F_W, "w in (huur, koop)", "w niet in (koop, inwonend)", "for example w = huur");
    expect_conflict(F_W, "w != huur en w != koop", "w != inwonend", "for example w = dakloos");
    expect_conflict(F_W, "niet (w = huur)", "w = koop of w = huur", "for example w = koop");
}

static void test_janee(void **state)
{
    (void)state;
    expect_no_conflict(F_PQ, "p", "niet p");
    expect_no_conflict(F_PQ, "p en q", "niet q");
    expect_no_conflict(F_PQ, "p = ja", "p = nee");
    expect_no_conflict(F_PQ, "(p of q) en niet p", "niet q");
    expect_conflict(F_PQ, "p", "q", "for example p = ja, q = ja");
    expect_conflict(F_PQ, "p = ja", "p != nee", "for example p = ja");
    expect_conflict(F_PQ, "niet (p en q)", "p", "for example p = ja, q = nee");
    expect_conflict(F_PQ, "p in (ja)", "ja", "for example p = ja");
}

static void test_definitions(void **state)
{
    (void)state;
    const char *facts = "feit leeftijd: getal vraag \"l?\"\ndefinitie volwassen = leeftijd >= 18";
    /* the definition is one line more: the rules are one line further down */
    an_run r;
    char text[2048];
    snprintf(text, sizeof text,
             HDR "%s\n"
             "besluit d: keuze(k1, k2) standaard k1\n"
             "regel r1 volgens a als volwassen dan d = k1 omdat \"een\"\n"
             "regel r2 volgens b als leeftijd < 18 dan d = k2 omdat \"twee\"\n"
             "regel r3 volgens b als niet volwassen en leeftijd > 0 dan d = k2 omdat \"drie\"\n"
             "regel r4 volgens b als leeftijd < 18.5 dan d = k2 omdat \"vier\"\n",
             facts);
    an_start(&r, text);
    int i = an_find(&r, HV_SEV_WARNING, "11:1",
                    "conflict possible: rules 'r1' (line 8) and 'r4' rank equally and can give 'd' different outcomes: k1 and k2");
    assert_string_equal(an_hint(&r, i), "for example leeftijd = 18");
    an_expect_core(&r, 1, 0);
    assert_int_equal(check_witnesses(&r), 1);
    an_end(&r);

    /* a definition that is a constant, and one made of constants */
    an_start(&r, HDR "feit inkomen: bedrag vraag \"i?\"\n"
                 "definitie grens = €1500\n"
                 "definitie dubbel = grens * 2\n"
                 "besluit d: keuze(k1, k2) standaard k1\n"
                 "regel r1 volgens a als inkomen > grens dan d = k1 omdat \"een\"\n"
                 "regel r2 volgens b als inkomen <= dubbel - €1499.99 dan d = k2 omdat \"twee\"\n"
                 "regel r3 volgens b als inkomen <= grens dan d = k2 omdat \"drie\"\n");
    i = an_find(&r, HV_SEV_WARNING, "10:1",
                "conflict possible: rules 'r1' (line 9) and 'r2' rank equally and can give 'd' different outcomes: k1 and k2");
    assert_string_equal(an_hint(&r, i), "for example inkomen = €1500.01");
    an_expect_core(&r, 1, 0);
    check_witnesses(&r);
    an_end(&r);
}

static void test_exceptions(void **state)
{
    (void)state;
    an_run r;
    /* r2 is an exception to r1: they never both count */
    an_start(&r, HDR F_PQ "\n"
                 "besluit d: keuze(k1, k2) standaard k1\n"
                 "regel r1 volgens a als p dan d = k1 omdat \"een\"\n"
                 "regel r2 volgens b uitzondering op r1 als p en q dan d = k2 omdat \"twee\"\n");
    an_expect_core(&r, 0, 0);
    an_end(&r);

    /* an exception from a rule of another decision: the witness keeps it off */
    an_start(&r, HDR F_PQ "\n"
                 "besluit d: keuze(k1, k2) standaard k1\n"
                 "besluit e: janee standaard nee\n"
                 "regel r1 volgens a als p dan d = k1 omdat \"een\"\n"
                 "regel r2 volgens b als p dan d = k2 omdat \"twee\"\n"
                 "regel r3 volgens b uitzondering op r1 als q dan e = ja omdat \"drie\"\n");
    int i = an_find(&r, HV_SEV_WARNING, "10:1",
                    "conflict possible: rules 'r1' (line 9) and 'r2' rank equally and can give 'd' different outcomes: k1 and k2");
    assert_string_equal(an_hint(&r, i), "for example p = ja, q = nee");
    an_expect_core(&r, 1, 0);
    assert_int_equal(check_witnesses(&r), 1);
    an_end(&r);

    /* a ter-beoordeling rule is no conflict, and one at the same rank that
     * applies turns a conflict into a judgement: the witness avoids it */
    an_start(&r, HDR F_PQ "\n"
                 "besluit d: keuze(k1, k2) standaard k1\n"
                 "regel r1 volgens a als p dan d = k1 omdat \"een\"\n"
                 "regel r2 volgens b als p dan d ter beoordeling omdat \"twee\"\n"
                 "regel r3 volgens b als p of q dan d = k2 omdat \"drie\"\n");
    /* r1 needs p, and p makes the judgement r2 apply: no case gives a conflict */
    an_expect_core(&r, 0, 0);
    an_end(&r);
}

static void test_judgement_blocks_conflict(void **state)
{
    (void)state;
    an_run r;
    /* whenever r1 and r3 both apply, the judgement r2 applies too */
    an_start(&r, HDR F_PQ "\n"
                 "besluit d: keuze(k1, k2) standaard k1\n"
                 "regel r1 volgens a als p dan d = k1 omdat \"een\"\n"
                 "regel r2 volgens b als p dan d ter beoordeling omdat \"twee\"\n"
                 "regel r3 volgens b als p en q dan d = k2 omdat \"drie\"\n");
    an_expect_core(&r, 0, 0);
    an_end(&r);
}

static void test_higher_rank_hides_conflict(void **state)
{
    (void)state;
    an_run r;
    /* h always wins where r1 and r2 meet: no conflict can show, and r2 never decides */
    an_start(&r, HDR F_X "\n" F_PQ "\n"
                 "besluit d: keuze(k1, k2) standaard k1\n"
                 "regel rh volgens h als x > 10 dan d = k1 omdat \"hoog\"\n"
                 "regel r1 volgens a als x > 5 dan d = k1 omdat \"een\"\n"
                 "regel r2 volgens b als x > 20 dan d = k2 omdat \"twee\"\n");
    an_find(&r, HV_SEV_WARNING, "11:1",
            "rule 'r2' never decides 'd': whenever it applies, higher-ranked rule 'rh' (line 9) applies too");
    an_expect_core(&r, 1, 0);
    an_end(&r);

    /* but where the higher rule can be set aside, the conflict shows */
    an_start(&r, HDR F_X "\n" F_PQ "\n"
                 "besluit d: keuze(k1, k2) standaard k1\n"
                 "regel rh volgens h als x > 10 dan d = k1 omdat \"hoog\"\n"
                 "regel r1 volgens a als x > 5 dan d = k1 omdat \"een\"\n"
                 "regel r2 volgens b als x > 20 dan d = k2 omdat \"twee\"\n"
                 "regel rx volgens b uitzondering op rh als p dan d = k2 omdat \"uitz\"\n");
    int i = an_find(&r, HV_SEV_WARNING, "11:1",
                    "conflict possible: rules 'r1' (line 10) and 'r2' rank equally and can give 'd' different outcomes: k1 and k2");
    assert_string_equal(an_hint(&r, i), "for example x = 21, p = ja");
    i = an_find(&r, HV_SEV_WARNING, "12:1",
                "conflict possible: rules 'r1' (line 10) and 'rx' rank equally and can give 'd' different outcomes: k1 and k2");
    assert_string_equal(an_hint(&r, i), "for example x = 6, p = ja");
    an_expect_core(&r, 2, 0);
    assert_int_equal(check_witnesses(&r), 2);
    an_end(&r);
}

static void test_never_decides(void **state)
{
    (void)state;
    an_run r;
    an_start(&r, HDR F_X "\n" F_PQ "\n"
                 "besluit d: keuze(k1, k2) standaard k1\n"
                 /* 9 */ "regel rh volgens h als x >= 18 dan d = k1 omdat \"hoog\"\n"
                 /* 10 */ "regel rh2 volgens h als p dan d ter beoordeling omdat \"weeg\"\n"
                 /* 11 */ "regel r1 volgens a als x > 18 en q dan d = k2 omdat \"een\"\n"
                 /* 12 */ "regel r2 volgens a als x >= 17 en p dan d = k2 omdat \"twee\"\n"
                 /* 13 */ "regel r3 volgens b als x > 17 en q dan d = k2 omdat \"drie\"\n"
                 /* 14 */ "regel r4 volgens b als x >= 17 dan d = k2 omdat \"vier\"\n"
                 /* 15 */ "regel r5 volgens a uitzondering op r4 als x < 18 dan d = k2 omdat \"vijf\"\n"
                 /* 16 */ "regel r6 volgens b als x > 3 en x < 3.000001 dan d = k2 omdat \"zes\"\n"
                 /* 17 */ "regel r7 volgens b als x >= 17 en x < 17.5 dan d = k2 omdat \"zeven\"\n"
                 /* 18 */ "regel r8 volgens b uitzondering op r7 als x < 17.5 of p dan d = k2 omdat \"acht\"\n");
    an_find(&r, HV_SEV_WARNING, "11:1",
            "rule 'r1' never decides 'd': whenever it applies, higher-ranked rule 'rh' (line 9) applies too");
    /* a higher ter-beoordeling rule wins too */
    an_find(&r, HV_SEV_WARNING, "12:1",
            "rule 'r2' never decides 'd': whenever it applies, higher-ranked rule 'rh2' (line 10) applies too");
    /* r3: 17 < x < 18 escapes rh */
    /* r4: x in [17, 18) is set aside by r5, the rest is rh's */
    an_find(&r, HV_SEV_WARNING, "14:1",
            "rule 'r4' never decides 'd': whenever it applies, higher-ranked rule 'rh' (line 9) applies too, "
            "or exception 'r5' (line 15) sets it aside");
    an_find(&r, HV_SEV_WARNING, "16:1", "rule 'r6' never applies: no case makes its condition true");
    /* r7: only the exception, which always applies with it */
    an_find(&r, HV_SEV_WARNING, "17:1",
            "rule 'r7' never decides 'd': whenever it applies, exception 'r8' (line 18) sets it aside");
    an_expect_core(&r, 5, 0);
    an_end(&r);
}

/* Many higher rules that each outrank r: with a few, the message names a
 * minimal one; with more than NAME_MIN_CAP (32), it does not minimise (that
 * is quadratic) and names 8 of them and how many more. */
static void test_never_decides_many(void **state)
{
    (void)state;
    for (int n = 12; n <= 40; n += 28) {
        hv_buf b;
        hv_buf_init(&b);
        hv_buf_puts(&b, HDR F_X "\nbesluit d: getal standaard 0\n");
        for (int i = 1; i <= n; i++)   /* line 6 + i */
            hv_buf_printf(&b, "regel rh%d volgens h als x >= %d dan d = 1 omdat \"hoog\"\n", i, i);
        hv_buf_puts(&b, "regel r volgens a als x >= 50 dan d = 2 omdat \"laag\"\n");
        char *text = hv_buf_take(&b);
        an_run r;
        an_start(&r, text);
        const char *where = tu_fmt("%d:1", 7 + n);
        if (n == 12)
            an_find(&r, HV_SEV_WARNING, where,
                    "rule 'r' never decides 'd': whenever it applies, higher-ranked rule 'rh1' (line 7) applies too");
        else
            an_find(&r, HV_SEV_WARNING, where,
                    "rule 'r' never decides 'd': whenever it applies, one of the higher-ranked rules 'rh1' (line 7), "
                    "'rh2' (line 8), 'rh3' (line 9), 'rh4' (line 10), 'rh5' (line 11), 'rh6' (line 12), "
                    "'rh7' (line 13), 'rh8' (line 14) and 32 more applies too");
        an_expect_core(&r, 2, 0);   /* and: value 'b' has no rules */
        an_end(&r);
        hv_mem_free(text);
    }
}

static void test_gap(void **state)
{
    (void)state;
    an_run r;
    /* lines: 5 x, 6 p, 7 q, 8 besluit */
    an_start(&r, HDR F_X "\n" F_PQ "\n"
                 "besluit d: keuze(k1, k2)\n"
                 "regel r1 volgens a als x > 3 dan d = k1 omdat \"een\"\n"
                 "regel r2 volgens b als p en x <= 3 dan d = k2 omdat \"twee\"\n"
                 "regel r3 volgens h als q en p dan d = k1 omdat \"drie\"\n");
    int i = an_find(&r, HV_SEV_WARNING, "8:1", "gap: no rule decides 'd' in some cases, and it has no standaard");
    assert_string_equal(an_hint(&r, i), "for example x = 3, p = nee, q = nee");
    an_expect_core(&r, 1, 0);
    assert_int_equal(check_witnesses(&r), 1);
    an_end(&r);

    /* every case is covered: no gap */
    an_start(&r, HDR F_X "\n" F_PQ "\n"
                 "besluit d: keuze(k1, k2)\n"
                 "regel r1 volgens a als x > 3 of p dan d = k1 omdat \"een\"\n"
                 "regel r2 volgens b als x <= 3 en niet p dan d = k2 omdat \"twee\"\n");
    an_expect_core(&r, 0, 0);
    an_end(&r);

    /* a rule that applies but is set aside leaves a gap too */
    an_start(&r, HDR F_X "\n" F_PQ "\n"
                 "besluit d: keuze(k1, k2)\n"
                 "besluit e: janee standaard nee\n"
                 "regel r1 volgens a dan d = k1 omdat \"een\"\n"
                 "regel r2 volgens b uitzondering op r1 als x >= 1 en x <= 2 dan e = ja omdat \"twee\"\n");
    i = an_find(&r, HV_SEV_WARNING, "8:1", "gap: no rule decides 'd' in some cases, and it has no standaard");
    assert_string_equal(an_hint(&r, i), "for example x = 1");
    /* p and q are read by nothing */
    an_find(&r, HV_SEV_WARNING, "6:1", "fact 'p' is not used");
    an_find(&r, HV_SEV_WARNING, "7:1", "fact 'q' is not used");
    an_expect_core(&r, 1, 0);
    assert_int_equal(check_witnesses(&r), 1);
    an_end(&r);
}

static void test_no_warnings(void **state)
{
    (void)state;
    an_run r;
    an_start(&r, HDR F_X "\n" F_M "\n" F_W "\n" F_PQ "\n"
                 "definitie arm = m < 1000\n"
                 "besluit d: keuze(k1, k2, k3)\n"
                 "    standaard k3 omdat \"niets\"\n"
                 "regel rh volgens h als w = dakloos en x > 0 dan d = k1 omdat \"{x} kinderen\"\n"
                 "regel r1 volgens a als arm en niet p dan d = k1 omdat \"arm\"\n"
                 "regel r2 volgens b als niet arm en q dan d = k2 omdat \"rijk\"\n"
                 "regel r3 volgens b als arm en p dan d = k1 omdat \"arm met p\"\n"
                 "waarborg wb \"tekst\" als d = k2 dan niet arm\n");
    an_expect(&r, 0, 0);
    assert_int_equal(r.d.n, 0);
    an_end(&r);
}

static void test_unused_and_missing(void **state)
{
    (void)state;
    an_run r;
    an_start(&r, "waarde a \"A\"\n"
                 "waarde b \"B\"\n"
                 "waarde c \"C\"\n"
                 "rangorde a > b > c\n"
                 "feit x: getal\n"                                  /* 5: read, no vraag */
                 "feit y: getal vraag \"y?\"\n"                     /* 6: not used */
                 "feit z: getal vraag \"z?\"\n"                     /* 7: only in an unused definition */
                 "feit t: tekst\n"                                  /* 8: only in an omdat text: no vraag needed */
                 "feit s: janee\n"                                  /* 9: read by a waarborg, no vraag */
                 "definitie dz = z + 1\n"                           /* 10: not used */
                 "definitie dx = x > 1\n"                           /* 11: used */
                 "besluit d: janee standaard nee\n"
                 "regel r1 volgens a als dx dan d = ja\n"           /* 13: no omdat */
                 "regel r2 volgens b als niet dx dan d = nee omdat \"{t}\"\n"
                 "waarborg w \"W\" als d dan s\n");
    an_find(&r, HV_SEV_WARNING, "5:1", "fact 'x' is read by the rules but has no vraag");
    int i = an_find(&r, HV_SEV_WARNING, "6:1", "fact 'y' is not used");
    assert_string_equal(an_hint(&r, i), "no rule, definition, standaard, waarborg or omdat text reads it");
    i = an_find(&r, HV_SEV_WARNING, "7:1", "fact 'z' is not used");
    assert_string_equal(an_hint(&r, i), "only definitions that are not used read it");
    an_find(&r, HV_SEV_WARNING, "9:1", "fact 's' is read by the rules but has no vraag");
    an_find(&r, HV_SEV_WARNING, "10:1", "definition 'dz' is not used");
    an_find(&r, HV_SEV_WARNING, "3:1", "value 'c' has no rules");
    i = an_find(&r, HV_SEV_WARNING, "13:1", "rule 'r1' has no omdat");
    assert_string_equal(an_hint(&r, i), "when it decides, the outcome comes without an explanation");
    an_expect(&r, 7, 0);
    /* in source order */
    for (int k = 1; k < r.d.n; k++)
        assert_true(r.d.items[k - 1].loc.start <= r.d.items[k].loc.start);
    an_end(&r);
}

static void test_parameters_and_validity(void **state)
{
    (void)state;
    an_run r;
    an_start(&r, HDR "parameter norm: bedrag\n"
                 "    vanaf 2025-01-01 = €1000\n"
                 "    vanaf 2026-01-01 = €1100\n"
                 "feit inkomen: bedrag vraag \"i?\"\n"
                 "besluit d: keuze(k1, k2) standaard k1\n"
                 /* 10 */ "regel r1 volgens a als inkomen < norm dan d = k1 omdat \"een\"\n"
                 /* 11 */ "regel r2 volgens b als inkomen >= 1050 dan d = k2 omdat \"twee\"\n"
                 /* 12 */ "regel r3 volgens b geldig vanaf 2020-01-01 tot 2025-01-01 als inkomen < 2000 dan d = k2 omdat \"drie\"\n"
                 /* 13 */ "regel r4 volgens h geldig vanaf 2026-01-01 als peildatum < 2025-06-01 dan d = k1 omdat \"vier\"\n");
    /* the norm of 2026 lets r1 and r2 meet, that of 2025 does not */
    int i = an_find(&r, HV_SEV_WARNING, "11:1",
                    "conflict possible: rules 'r1' (line 10) and 'r2' rank equally and can give 'd' different outcomes: k1 and k2");
    assert_string_equal(an_hint(&r, i), "for example inkomen = €1050, on peildatum 2026-01-01");
    /* r3 holds before 2025, when norm has no value yet: r1 fails, and with
     * it the decision (no conflict either) */
    an_find(&r, HV_SEV_WARNING, "12:1",
            "rule 'r3' never decides 'd': whenever it applies, rule 'r1' (line 10) of the same rank fails "
            "(the decision is an error)");
    an_find(&r, HV_SEV_WARNING, "13:1", "rule 'r4' never applies: no case makes its condition true within its geldig period");
    an_expect_core(&r, 3, 0);
    assert_int_equal(check_witnesses(&r), 1);
    an_end(&r);
}

/* ---- beyond the fragment: notes, abstract parts, engine-checked witnesses ------------------------ */

static void test_could_not_decide(void **state)
{
    (void)state;
    an_run r;
    /* x * 2 > 6 and x < 3 never meet, but only arithmetic shows it */
    an_start(&r, HDR F_X "\n"
                 "besluit d: keuze(k1, k2) standaard k1\n"
                 "regel r1 volgens a als x * 2 > 6 dan d = k1 omdat \"een\"\n"
                 "regel r2 volgens b als x < 3 dan d = k2 omdat \"twee\"\n"
                 "regel r3 volgens b als x * 3 > 9 dan d = k2 omdat \"drie\"\n");
    an_find(&r, HV_SEV_NOTE, "7:24",
            "could not decide: rule 'r1' computes with facts or dates, so decision 'd' is only partly checked");
    /* r1 and r3 do meet, and the engine confirms a case */
    int i = an_find(&r, HV_SEV_WARNING, "9:1",
                    "conflict possible: rules 'r1' (line 7) and 'r3' rank equally and can give 'd' different outcomes: k1 and k2");
    assert_string_equal(an_hint(&r, i), "for example x = 6");
    an_expect_core(&r, 1, 1);
    assert_int_equal(check_witnesses(&r), 1);
    an_end(&r);

    /* at most one note per decision; two facts compared; texts */
    an_start(&r, HDR F_X "\nfeit y: getal vraag \"y?\"\nfeit z: getal vraag \"z?\"\nfeit naam: tekst vraag \"n?\"\n"
                 "besluit d: keuze(k1, k2) standaard k1\n"
                 "besluit e: keuze(k1, k2) standaard k1\n"
                 /* 11 */ "regel r1 volgens a als x < y en y < z dan d = k1 omdat \"een\"\n"
                 /* 12 */ "regel r2 volgens b als x > z dan d = k2 omdat \"twee\"\n"
                 /* 13 */ "regel r3 volgens b als x >= y dan d = k2 omdat \"drie\"\n"
                 /* 14 */ "regel r4 volgens a als naam = \"Jan\" dan e = k1 omdat \"vier\"\n"
                 /* 15 */ "regel r5 volgens b als naam = \"Piet\" dan e = k2 omdat \"vijf\"\n");
    /* x < y < z < x takes transitivity: beyond the analysis; x < y vs x >= y is not */
    an_find(&r, HV_SEV_NOTE, "11:24",
            "could not decide: rule 'r1' compares two facts, so decision 'd' is only partly checked");
    an_find(&r, HV_SEV_NOTE, "14:24",
            "could not decide: rule 'r4' compares texts, so decision 'e' is only partly checked");
    an_expect_core(&r, 0, 2);
    an_end(&r);

    /* two facts compared: one quantity per pair, exact where that suffices */
    an_start(&r, HDR F_M "\nfeit norm: bedrag vraag \"n?\"\n"
                 "besluit d: keuze(k1, k2) standaard k1\n"
                 /* 8 */ "regel r1 volgens a als m < norm dan d = k1 omdat \"een\"\n"
                 /* 9 */ "regel r2 volgens b als norm <= m dan d = k2 omdat \"twee\"\n"
                 /* 10 */ "regel r3 volgens b als m = norm dan d = k2 omdat \"drie\"\n"
                 /* 11 */ "regel r4 volgens b als norm > m en m > 100 dan d = k2 omdat \"vier\"\n");
    i = an_find(&r, HV_SEV_WARNING, "11:1",
                "conflict possible: rules 'r1' (line 8) and 'r4' rank equally and can give 'd' different outcomes: k1 and k2");
    assert_string_equal(an_hint(&r, i), "for example m = €100.01, norm = €101");
    an_expect_core(&r, 1, 0);
    assert_int_equal(check_witnesses(&r), 1);
    an_end(&r);

    /* the same definition read twice is one quantity: these never meet */
    an_start(&r, HDR F_M "\nfeit n: bedrag vraag \"n?\"\n"
                 "definitie rest = max(€0, m - n)\n"
                 "besluit d: keuze(k1, k2) standaard k1\n"
                 "regel r1 volgens a als rest > €0 dan d = k1 omdat \"een\"\n"
                 "regel r2 volgens b als rest = €0 dan d = k2 omdat \"twee\"\n");
    an_expect_core(&r, 0, 0);
    an_end(&r);

    /* a decision read in conditions: one quantity too */
    an_start(&r, HDR F_PQ "\n"
                 "besluit d: keuze(k1, k2, k3) standaard k1\n"
                 "besluit e: keuze(y1, y2) standaard y1\n"
                 "regel r0 volgens h als p dan d = k2 omdat \"nul\"\n"
                 "regel r1 volgens a als d = k1 dan e = y1 omdat \"een\"\n"
                 "regel r2 volgens b als d = k2 dan e = y2 omdat \"twee\"\n"
                 "regel r3 volgens b als d != k2 en q dan e = y2 omdat \"drie\"\n");
    i = an_find(&r, HV_SEV_WARNING, "12:1",
                "conflict possible: rules 'r1' (line 10) and 'r3' rank equally and can give 'e' different outcomes: y1 and y2");
    assert_string_equal(an_hint(&r, i), "for example p = nee, q = ja");
    an_expect_core(&r, 1, 0);
    assert_int_equal(check_witnesses(&r), 1);
    an_end(&r);

    /* computed outcomes: a conflict only where they differ */
    an_start(&r, HDR F_M "\n"
                 "besluit d: bedrag standaard €0\n"
                 "regel r1 volgens a als m > 10 dan d = m omdat \"een\"\n"
                 "regel r2 volgens b als m > 5 dan d = €20 omdat \"twee\"\n"
                 "regel r3 volgens b als m < 0 dan d = m * 2 omdat \"drie\"\n");
    i = an_find(&r, HV_SEV_WARNING, "8:1",
                "conflict possible: rules 'r1' (line 7) and 'r2' rank equally and can give 'd' different outcomes");
    assert_string_equal(an_hint(&r, i), "for example m = €11");
    an_expect_core(&r, 1, 0);
    assert_int_equal(check_witnesses(&r), 1);
    an_end(&r);
}

/* ---- a randomised comparison with the engine --------------------------------------------------- */

/* Small random rule sets, and the engine run on every combination of the
 * sample values of their facts (and of the peildatum). In the exact
 * fragment the sample values meet every region the constants cut out (each
 * constant, and one unit on either side), so the engine finds every
 * conflict, gap and deciding rule there is, and the analysis must report
 * exactly those, with no note. Beyond the fragment the analysis must stay
 * sound: what it reports holds, and what the engine finds that it does
 * not report is covered by a note for that decision. */

typedef struct rnd { uint64_t s; } rnd;
static unsigned rn(rnd *g, unsigned n)
{
    g->s = g->s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((g->s >> 33) % n);
}

static const char *const OPS[] = {"<", "<=", ">", ">=", "=", "!="};
static const char *const XC[] = {"0", "1", "2.5", "3"};
static const char *const MC[] = {"0", "10.50", "11"};
static const char *const WM[] = {"wa", "wb", "wc"};
static const char *const GC[] = {"2026-01-01", "2026-06-30"};

typedef struct universe {
    const char *facts;          /* declarations (and definitions) */
    void (*atom)(rnd *g, hv_buf *b);
    int nfacts;
    const char *const *vals[8]; /* sample values per fact, in declaration order */
    int nvals[8];
    const char *const *peils;   /* sample peildatums */
    int npeils;
    int exact;
    int dated;                  /* rules and the regelset get geldig periods */
} universe;

static void gen_cond(const universe *u, rnd *g, hv_buf *b, int depth)
{
    unsigned k = depth >= 2 ? 0 : rn(g, 8);
    switch (k) {
    case 5: hv_buf_puts(b, "niet ("); gen_cond(u, g, b, depth + 1); hv_buf_puts(b, ")"); return;
    case 6: case 7:
        hv_buf_puts(b, "(");
        gen_cond(u, g, b, depth + 1);
        hv_buf_puts(b, k == 6 ? " en " : " of ");
        gen_cond(u, g, b, depth + 1);
        hv_buf_puts(b, ")");
        return;
    default: u->atom(g, b); return;
    }
}

static char *gen_ruleset(const universe *u, rnd *g, int *nrules)
{
    hv_buf b;
    hv_buf_init(&b);
    if (u->dated && rn(g, 4) == 0) hv_buf_printf(&b, "regelset \"r\" geldig vanaf %s\n", GC[rn(g, 2)]);
    hv_buf_puts(&b, "waarde v1 \"1\"\nwaarde v2 \"2\"\nwaarde v3 \"3\"\n");
    static const char *const rank[] = {"v1 > v2 > v3", "v1 = v2 > v3", "v1 > v2 = v3", "v1 = v2 = v3"};
    hv_buf_printf(&b, "rangorde %s\n", rank[rn(g, 4)]);
    hv_buf_puts(&b, u->facts);
    hv_buf_printf(&b, "besluit d: keuze(k1, k2, k3)%s\n", rn(g, 2) ? " standaard k3" : "");
    int n = 3 + (int)rn(g, 4);
    for (int i = 0; i < n; i++) {
        hv_buf_printf(&b, "regel r%d volgens v%u", i, 1 + rn(g, 3));
        if (u->dated) {
            unsigned v = rn(g, 4);
            if (v == 1) hv_buf_printf(&b, " geldig vanaf %s", GC[rn(g, 2)]);
            if (v == 2) hv_buf_printf(&b, " geldig vanaf %s tot %s", GC[0], GC[1]);
        }
        if (i > 0 && rn(g, 4) == 0) hv_buf_printf(&b, " uitzondering op r%u", rn(g, (unsigned)i));
        if (rn(g, 8)) {
            hv_buf_puts(&b, " als ");
            gen_cond(u, g, &b, 0);
        }
        if (rn(g, 8) == 0) hv_buf_puts(&b, " dan d ter beoordeling");
        else hv_buf_printf(&b, " dan d = k%u", 1 + rn(g, 3));
        hv_buf_printf(&b, " omdat \"r%d\"\n", i);
    }
    *nrules = n;
    return hv_buf_take(&b);
}

typedef struct tally { int conflicts, gaps, never, notes; } tally;

static void compare_with_engine(const universe *u, uint64_t seed, int nsets, tally *t)
{
    rnd g = {seed};
    memset(t, 0, sizeof *t);
    for (int set = 0; set < nsets; set++) {
        int nr;
        char *text = gen_ruleset(u, &g, &nr);
        an_run r;
        an_start(&r, text);
        const hv_program *p = r.c.p;
        int notes = an_count(&r, HV_SEV_NOTE);
        if (u->exact && notes) fail_msg("a note in the exact fragment:\n%s\n%s", r.rendered, text);
        t->notes += notes;
        /* what the analysis says (decision d is the first) */
        uint8_t conflict[8][8] = {{0}}, never_decides[8] = {0}, never_applies[8] = {0};
        int gap = 0;
        for (int i = 0; i < r.d.n; i++) {
            const char *msg = r.d.items[i].msg;
            int a, b, end = 0;
            if (sscanf(msg, "conflict possible: rules 'r%d' (%*[^)]) and 'r%d'", &a, &b) == 2) conflict[a][b] = conflict[b][a] = 1;
            else if (sscanf(msg, "rule 'r%d' never decides%n", &a, &end) == 1 && end) never_decides[a] = 1;
            else if (sscanf(msg, "rule 'r%d' never applies%n", &a, &end) == 1 && end) never_applies[a] = 1;
            else if (strncmp(msg, "gap:", 4) == 0) gap = 1;
        }
        t->gaps += gap;
        for (int i = 0; i < nr; i++) t->never += never_decides[i] + never_applies[i];
        /* what the engine does, case by case */
        uint8_t seen_conflict[8][8] = {{0}}, seen_decides[8] = {0}, seen_applies[8] = {0};
        int seen_none = 0, idx[9] = {0};
        hv_ctx *ctx = hv_ctx_new(p);
        hv_case *cs = hv_case_new(p);
        char err[256];
        for (;;) {
            for (int f = 0; f < u->nfacts; f++)
                if (hv_case_set_text(cs, f, u->vals[f][idx[f]], err, sizeof err) != 0)
                    fail_msg("sample %s: %s", u->vals[f][idx[f]], err);
            int32_t peil = tu_date(u->peils[idx[u->nfacts]]);
            assert_int_equal(hv_eval(ctx, cs, peil, HV_EVAL_TRACE), 0);
            const hv_dres *res = &ctx->dres[0];
            if (u->exact) assert_true(res->status != HV_S_UNDETERMINED && (u->dated || res->status != HV_S_ERROR));
            if (res->status == HV_S_NONE) seen_none = 1;
            for (int k = 0; k < res->ntrace; k++) {
                const hv_rtrace *tr = &res->trace[k];
                if (tr->state != HV_R_NOT_APPLICABLE && tr->state != HV_R_OPEN && tr->state != HV_R_ERROR)
                    seen_applies[tr->rule] = 1;
                if (tr->state == HV_R_DECIDED || tr->state == HV_R_CONFLICT || tr->state == HV_R_JUDGEMENT)
                    seen_decides[tr->rule] = 1;
                if (tr->state != HV_R_CONFLICT) continue;
                for (int k2 = 0; k2 < res->ntrace; k2++)
                    if (res->trace[k2].state == HV_R_CONFLICT && !hv_value_equal(res->trace[k2].outcome, tr->outcome))
                        seen_conflict[tr->rule][res->trace[k2].rule] = 1;
            }
            int f = 0;
            while (f <= u->nfacts) {
                int lim = f < u->nfacts ? u->nvals[f] : u->npeils;
                if (++idx[f] < lim) break;
                idx[f++] = 0;
            }
            if (f > u->nfacts) break;
        }
        hv_case_free(cs);
        hv_ctx_free(ctx);
        /* sound: what is reported holds */
        for (int a = 0; a < nr; a++) {
            if (never_applies[a] && seen_applies[a]) fail_msg("r%d applies after all:\n%s\n%s", a, text, r.rendered);
            if (never_decides[a] && seen_decides[a]) fail_msg("r%d decides after all:\n%s\n%s", a, text, r.rendered);
        }
        check_witnesses(&r);
        /* complete: what the engine finds is reported (or, beyond the fragment, noted) */
        for (int a = 0; a < nr; a++) {
            for (int b = 0; b < nr; b++) {
                t->conflicts += a < b && conflict[a][b];
                if (seen_conflict[a][b] && !conflict[a][b] && !notes)
                    fail_msg("conflict r%d/r%d not reported:\n%s\n%s", a, b, text, r.rendered);
                if (u->exact && conflict[a][b] && !seen_conflict[a][b])
                    fail_msg("conflict r%d/r%d reported, not found:\n%s\n%s", a, b, text, r.rendered);
            }
            if (!u->exact) continue;
            if (!never_applies[a] && !seen_applies[a])
                fail_msg("r%d never applies, not reported:\n%s\n%s", a, text, r.rendered);
            if (!never_applies[a] && !never_decides[a] && !seen_decides[a]) {
                /* "never decides" is about higher rules and exceptions; a
                 * rule of the same rank can also keep it from deciding */
                int same = 0;
                for (int k = 0; k < nr; k++) same |= k != a && p->rules[k].rank == p->rules[a].rank;
                if (!same) fail_msg("r%d never decides, not reported:\n%s\n%s", a, text, r.rendered);
            }
        }
        if (seen_none && !gap && !notes) fail_msg("gap not reported:\n%s\n%s", text, r.rendered);
        if (u->exact && gap && !seen_none) fail_msg("gap reported, not found:\n%s\n%s", text, r.rendered);
        an_end(&r);
        hv_mem_free(text);
    }
}

/* the exact fragment: janee, getal, bedrag, keuze, janee definitions */
static void atom_basic(rnd *g, hv_buf *b)
{
    switch (rn(g, 7)) {
    case 0: hv_buf_puts(b, (const char *[]){"p", "q", "r"}[rn(g, 3)]); return;
    case 1: hv_buf_printf(b, "x %s %s", OPS[rn(g, 6)], XC[rn(g, 4)]); return;
    case 2: hv_buf_printf(b, "m %s %s", OPS[rn(g, 6)], MC[rn(g, 3)]); return;
    case 3: hv_buf_printf(b, "w %s %s", rn(g, 2) ? "=" : "!=", WM[rn(g, 3)]); return;
    case 4: hv_buf_printf(b, "w %s (%s, %s)", rn(g, 2) ? "in" : "niet in", WM[rn(g, 3)], WM[rn(g, 3)]); return;
    case 5: hv_buf_puts(b, rn(g, 2) ? "dp" : "dx"); return;
    default: hv_buf_printf(b, "x %s %s en x %s %s", OPS[rn(g, 4)], XC[rn(g, 4)], OPS[rn(g, 4)], XC[rn(g, 4)]); return;
    }
}

static const char *const JN[] = {"nee", "ja"};
static const char *const XV[] = {"-0.000001", "0", "0.000001", "0.999999", "1", "1.000001", "2.499999", "2.5",
                                 "2.500001", "2.999999", "3", "3.000001"};
static const char *const MV[] = {"-0.01", "0", "0.01", "10.49", "10.50", "10.51", "10.99", "11", "11.01"};
static const char *const ONE_PEIL[] = {TU_PEIL};

static void test_random_exact(void **state)
{
    (void)state;
    universe u = {
        "feit p: janee vraag \"p\"\nfeit q: janee vraag \"q\"\nfeit r: janee vraag \"r\"\n"
        "feit x: getal vraag \"x\"\nfeit m: bedrag vraag \"m\"\nfeit w: keuze(wa, wb, wc) vraag \"w\"\n"
        "definitie dp = p of (q en m > 10.50)\ndefinitie dx = x >= 1 en w != wb\n",
        atom_basic, 6, {JN, JN, JN, XV, MV, WM}, {2, 2, 2, 12, 9, 3}, ONE_PEIL, 1, 1, 0};
    tally t;
    compare_with_engine(&u, 12345, NSETS, &t);
    /* the generator reaches every kind of finding */
    assert_true(t.conflicts > 20);
    assert_true(t.gaps > 5);
    assert_true(t.never > 5);
}

/* dates, the peildatum, parameters and geldig periods */
static void atom_dates(rnd *g, hv_buf *b)
{
    switch (rn(g, 7)) {
    case 0: hv_buf_puts(b, "p"); return;
    case 1: hv_buf_printf(b, "g %s %s", OPS[rn(g, 6)], GC[rn(g, 2)]); return;
    case 2: hv_buf_printf(b, "peildatum %s %s", OPS[rn(g, 6)], GC[rn(g, 2)]); return;
    case 3: hv_buf_printf(b, "x %s norm", OPS[rn(g, 6)]); return;
    case 4: hv_buf_printf(b, "norm %s %s", OPS[rn(g, 6)], (const char *[]){"1", "2", "x"}[rn(g, 3)]); return;
    case 5: hv_buf_printf(b, "x %s %s", OPS[rn(g, 6)], (const char *[]){"1", "2"}[rn(g, 2)]); return;
    default: hv_buf_printf(b, "w %s %s", rn(g, 2) ? "=" : "!=", WM[rn(g, 3)]); return;
    }
}

static const char *const GV[] = {"2025-12-31", "2026-01-01", "2026-01-02", "2026-06-29", "2026-06-30", "2026-07-01"};
static const char *const NV[] = {"0.999999", "1", "1.000001", "1.999999", "2", "2.000001"};

static void test_random_dates(void **state)
{
    (void)state;
    universe u = {
        "feit p: janee vraag \"p\"\nfeit g: datum vraag \"g\"\nfeit w: keuze(wa, wb, wc) vraag \"w\"\n"
        "feit x: getal vraag \"x\"\n"
        "parameter norm: getal\n    vanaf 2026-01-01 = 1\n    vanaf 2026-06-30 = 2\n",
        atom_dates, 4, {JN, GV, WM, NV}, {2, 6, 3, 6}, GV, 6, 1, 1};
    tally t;
    compare_with_engine(&u, 777, NSETS, &t);
    assert_true(t.conflicts > 10);
}

/* beyond the fragment: arithmetic, two facts compared, min/max */
static void atom_beyond(rnd *g, hv_buf *b)
{
    switch (rn(g, 7)) {
    case 0: hv_buf_puts(b, "p"); return;
    case 1: hv_buf_printf(b, "x %s %s", OPS[rn(g, 6)], XC[rn(g, 4)]); return;
    case 2: hv_buf_printf(b, "x * 2 %s %s", OPS[rn(g, 6)], XC[rn(g, 4)]); return;
    case 3: hv_buf_printf(b, "x %s y", OPS[rn(g, 6)]); return;
    case 4: hv_buf_printf(b, "som %s %s", OPS[rn(g, 6)], XC[rn(g, 4)]); return;
    case 5: hv_buf_printf(b, "max(x, y) %s %s", OPS[rn(g, 6)], XC[rn(g, 4)]); return;
    default: hv_buf_printf(b, "y %s %s", OPS[rn(g, 6)], XC[rn(g, 4)]); return;
    }
}

static const char *const YV[] = {"-1", "0", "0.5", "1", "1.25", "1.5", "2", "2.5", "3", "4"};

static void test_random_beyond(void **state)
{
    (void)state;
    universe u = {
        "feit p: janee vraag \"p\"\nfeit x: getal vraag \"x\"\nfeit y: getal vraag \"y\"\n"
        "definitie som = x + y\n",
        atom_beyond, 3, {JN, YV, YV}, {2, 10, 10}, ONE_PEIL, 1, 0, 0};
    tally t;
    compare_with_engine(&u, 4242, NSETS, &t);
    print_message("beyond the fragment: %d conflicts, %d gaps, %d never, %d notes\n", t.conflicts, t.gaps, t.never,
                  t.notes);
    assert_true(t.conflicts > 10);
    assert_true(t.notes > 10);
}

/* ---- the examples ---------------------------------------------------------------------------------- */

static void test_examples(void **state)
{
    (void)state;
    const char *files[] = {"examples/maatwerk_werk_inkomen.hv", "examples/bijzondere_bijstand.hv",
                           "examples/english_keywords.hv"};
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        size_t len;
        char *text = hv_read_file(files[k], HV_MAX_FILE_BYTES, &len);
        if (!text) { print_message("skipped %s: not found\n", files[k]); continue; }
        an_run r;
        an_start(&r, text);
        assert_true(r.nwarn >= 0);
        check_witnesses(&r);
        an_end(&r);
        hv_mem_free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_getal_bounds),
        cmocka_unit_test(test_bedrag_cents),
        cmocka_unit_test(test_datum_days),
        cmocka_unit_test(test_keuze_members),
        cmocka_unit_test(test_janee),
        cmocka_unit_test(test_definitions),
        cmocka_unit_test(test_exceptions),
        cmocka_unit_test(test_judgement_blocks_conflict),
        cmocka_unit_test(test_higher_rank_hides_conflict),
        cmocka_unit_test(test_never_decides),
        cmocka_unit_test(test_never_decides_many),
        cmocka_unit_test(test_gap),
        cmocka_unit_test(test_no_warnings),
        cmocka_unit_test(test_unused_and_missing),
        cmocka_unit_test(test_parameters_and_validity),
        cmocka_unit_test(test_could_not_decide),
        cmocka_unit_test(test_random_exact),
        cmocka_unit_test(test_random_dates),
        cmocka_unit_test(test_random_beyond),
        cmocka_unit_test(test_examples),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
