/* audit.c — verify, replay, impact and consistency over the audit store. */
#include "audit.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_int.h"

/* The outcome of each decision in a result JSON: "status outcome value". */
typedef struct outcome {
    char decision[128];
    char status[24];
    char outcome[128];
    char value[128];
} outcome;

static int outcomes_of(const char *result, outcome *out, int max)
{
    json_t *root = json_loads(result ? result : "", 0, NULL);
    if (!root) return -1;
    json_t *ds = json_object_get(root, "decisions");
    int n = 0;
    size_t i;
    json_t *d;
    json_array_foreach(ds, i, d) {
        if (n >= max) break;
        outcome *o = &out[n++];
        memset(o, 0, sizeof *o);
        snprintf(o->decision, sizeof o->decision, "%s", json_string_value(json_object_get(d, "decision")) ?: "?");
        snprintf(o->status, sizeof o->status, "%s", json_string_value(json_object_get(d, "status")) ?: "?");
        json_t *v = json_object_get(d, "outcome");
        if (json_is_string(v)) snprintf(o->outcome, sizeof o->outcome, "%s", json_string_value(v));
        else if (!json_is_null(v)) {
            char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
            snprintf(o->outcome, sizeof o->outcome, "%s", t ? t : "?");
            hv_mem_free(t);
        }
        json_t *w = json_object_get(d, "value");
        if (json_is_string(w)) snprintf(o->value, sizeof o->value, "%s", json_string_value(w));
    }
    json_decref(root);
    return n;
}

static int same_outcome(const outcome *a, const outcome *b)
{
    return strcmp(a->status, b->status) == 0 && strcmp(a->outcome, b->outcome) == 0 &&
           strcmp(a->value, b->value) == 0;
}

static void outcome_str(const outcome *o, char *buf, size_t len)
{
    if (o->outcome[0] && o->value[0]) snprintf(buf, len, "%s (%s, volgens %s)", o->outcome, o->status, o->value);
    else if (o->outcome[0]) snprintf(buf, len, "%s (%s)", o->outcome, o->status);
    else snprintf(buf, len, "%s", o->status);
}

/* Was the stored result kept with its per-rule trace (records before the
 * result was kept without)? Only a key can have its quotes bare. */
static int has_trace(const char *result)
{
    return result && strstr(result, ",\"rules\":[") != NULL;
}

/* Evaluate a decision record again from its stored source; the result JSON
 * into *json (caller frees), in the form of the stored one (with or without
 * the trace). With ctxp and csp, the context and the case it
 * reads are handed over too (the caller frees both; the case must outlive
 * every use of the context). */
static int replay_record(hv_store *s, const hv_record *r, char **json, hv_ctx **ctxp, hv_case **csp,
                         char *err, size_t errlen)
{
    *json = NULL;
    const hv_program *p = hv_store_program(s, r->ruleset_sha256, err, errlen);
    if (!p) return -1;
    hv_case *cs = hv_case_new(p);
    hv_ctx *ctx = hv_ctx_new(p);
    int rc = -1;
    if (!cs || !ctx) snprintf(err, errlen, "out of memory");
    else if (!hv_store_case(r, p, cs, err, errlen)) {
        if (hv_eval(ctx, cs, HV_PEIL_CASE, 0)) snprintf(err, errlen, "out of memory");
        else if ((*json = hv_result_json(ctx, has_trace(r->result) ? HV_JSON_TRACE : 0))) rc = 0;
    }
    if (ctxp && csp && rc == 0) {
        *ctxp = ctx;
        *csp = cs;
    } else {
        hv_ctx_free(ctx);
        hv_case_free(cs);
    }
    return rc;
}

/* ---- verify ----------------------------------------------------------------------- */

typedef struct verify_state {
    hv_store *s;
    hv_audit_problem_fn fn;
    void *ud;
    hv_verify_summary *sum;
    char prev[65];
    int64_t prev_id;
    int failed;
    char err[512];
} verify_state;

enum { P_BROKEN, P_CHANGED, P_OTHER };

static void problem(verify_state *v, int64_t id, int kind, const char *fmt, const char *a, const char *b)
{
    char msg[1024];
    snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
    if (kind == P_CHANGED) v->sum->changed++;
    else if (kind == P_OTHER) v->sum->other++;
    else v->sum->broken++;
    v->fn(v->ud, id, msg);
}

static int verify_one(void *ud, const hv_record *r)
{
    verify_state *v = ud;
    v->sum->records++;
    char idbuf[32];
    snprintf(idbuf, sizeof idbuf, "%lld", (long long)(v->prev_id + 1));
    if (r->id != v->prev_id + 1) problem(v, r->id, P_BROKEN, "the chain skips from record %s: records are missing", idbuf, NULL);
    if (!r->prev_hash || strcmp(r->prev_hash, v->prev) != 0)
        problem(v, r->id, P_BROKEN, "broken link: prev_hash %s does not match the hash of the record before (%s)",
                r->prev_hash, v->prev);
    char h[65];
    hv_record_hash(r, h);
    if (!r->hash || strcmp(h, r->hash) != 0)
        problem(v, r->id, P_BROKEN, "the record was altered: its content hashes to %s, not to the stored %s", h, r->hash);
    snprintf(v->prev, sizeof v->prev, "%s", r->hash ? r->hash : "");
    v->prev_id = r->id;
    if (r->kind && strcmp(r->kind, "override") == 0) {
        v->sum->overrides++;
        if (r->ref_id <= 0 || r->ref_id >= r->id) problem(v, r->id, P_BROKEN, "an override that points at no earlier record%s%s", NULL, NULL);
        return 0;
    }
    v->sum->decisions++;
    char *json = NULL;
    char err[512];
    if (replay_record(v->s, r, &json, NULL, NULL, err, sizeof err)) {
        problem(v, r->id, P_OTHER, "cannot be replayed: %s%s", err, NULL);
        return 0;
    }
    /* the outcome index used by list must say what the result says */
    outcome stored[64];
    int ns = outcomes_of(r->result, stored, 64);
    hv_buf want, have;
    hv_buf_init(&want);
    hv_buf_init(&have);
    for (int i = 0; i < ns; i++)
        hv_buf_printf(&want, "%s|%s|%s|%s\n", stored[i].decision, stored[i].status, stored[i].outcome, stored[i].value);
    if (hv_store_outcome_text(v->s, r->id, &have) ||
        strcmp(want.data ? want.data : "", have.data ? have.data : "") != 0)
        problem(v, r->id, P_OTHER, "the outcome index (table outcome) does not match the stored result%s%s", NULL, NULL);
    hv_buf_free(&want);
    hv_buf_free(&have);
    if (strcmp(json, r->result ? r->result : "") != 0) {
        outcome a[64], b[64];
        int na = outcomes_of(r->result, a, 64), nb = outcomes_of(json, b, 64);
        int changed = na != nb;
        for (int i = 0; !changed && i < na; i++) {
            if (strcmp(a[i].decision, b[i].decision) != 0 || !same_outcome(&a[i], &b[i])) {
                char x[300], y[300], m[800];
                outcome_str(&a[i], x, sizeof x);
                outcome_str(&b[i], y, sizeof y);
                snprintf(m, sizeof m, "%.127s: stored %.299s, replayed %.299s", a[i].decision, x, y);
                problem(v, r->id, P_CHANGED, "changed outcome: %s%s", m, NULL);
                changed = 2;
            }
        }
        if (changed == 1) problem(v, r->id, P_CHANGED, "changed outcome: the replay has other decisions%s%s", NULL, NULL);
        if (!changed && strcmp(r->engine_version ? r->engine_version : "", HV_VERSION) == 0)
            problem(v, r->id, P_OTHER, "the replay's explanation differs from the stored one (same outcomes)%s%s", NULL, NULL);
    }
    hv_mem_free(json);
    return 0;
}

/* A damaged page or index: the chain walk reads the records through the
 * table, so a damaged index (or a page of another table) would go unseen. */
static void damage_one(void *ud, const char *what)
{
    verify_state *v = ud;
    char msg[1024];
    snprintf(msg, sizeof msg, "the database file is damaged: %s", what);
    v->sum->damaged++;
    v->fn(v->ud, 0, msg);
}

int hv_audit_verify(hv_store *s, hv_audit_problem_fn fn, void *ud, hv_verify_summary *sum, char *err, size_t errlen)
{
    memset(sum, 0, sizeof *sum);
    verify_state v = {s, fn, ud, sum, HV_STORE_GENESIS, 0, 0, ""};
    if (hv_store_check_file(s, damage_one, &v, err, errlen) < 0) return -1;
    if (hv_store_each(s, NULL, verify_one, &v, err, errlen)) return -1;
    snprintf(sum->head, sizeof sum->head, "%s", sum->records ? v.prev : HV_STORE_GENESIS);
    return sum->broken || sum->changed || sum->other || sum->damaged ? 1 : 0;
}

/* ---- replay one ------------------------------------------------------------------------ */

int hv_audit_replay(hv_store *s, int64_t id, hv_buf *out, char *err, size_t errlen)
{
    hv_record r;
    int rc = hv_store_get(s, id, &r, err, errlen);
    if (rc == 1) { snprintf(err, errlen, "no record %lld", (long long)id); return -1; }
    if (rc) return -1;
    if (strcmp(r.kind, "decision") != 0) {
        snprintf(err, errlen, "record %lld is an override of record %lld; replay that one", (long long)id,
                 (long long)r.ref_id);
        hv_record_clear(&r);
        return -1;
    }
    char *json = NULL;
    if (replay_record(s, &r, &json, NULL, NULL, err, errlen)) { hv_record_clear(&r); return -1; }
    outcome a[64], b[64];
    int na = outcomes_of(r.result, a, 64), nb = outcomes_of(json, b, 64);
    hv_buf_printf(out, "record %lld: %s %s (sha256 %.12s…), peildatum %s, engine %s\n", (long long)r.id,
                  r.ruleset_name ? r.ruleset_name : "?", r.ruleset_version ? r.ruleset_version : "",
                  r.ruleset_sha256, r.peildatum, r.engine_version);
    int differ = na != nb;
    hv_buf_printf(out, "%-24s %-40s %s\n", "besluit", "bewaard", "opnieuw berekend");
    for (int i = 0; i < na || i < nb; i++) {
        char x[300] = "-", y[300] = "-";
        if (i < na) outcome_str(&a[i], x, sizeof x);
        if (i < nb) outcome_str(&b[i], y, sizeof y);
        int same = i < na && i < nb && same_outcome(&a[i], &b[i]);
        if (!same) differ = 1;
        hv_buf_printf(out, "%-24s %-40s %s%s\n", i < na ? a[i].decision : b[i].decision, x, y, same ? "" : "   <- anders");
    }
    int text_same = strcmp(json, r.result ? r.result : "") == 0;
    hv_buf_printf(out, "%s\n", differ ? "De uitkomst is bij opnieuw berekenen anders."
                             : text_same ? "Opnieuw berekend: gelijk, ook de volledige uitleg."
                                         : "Opnieuw berekend: dezelfde uitkomsten (de uitleg verschilt in details).");
    hv_mem_free(json);
    hv_record_clear(&r);
    return differ ? 1 : 0;
}

/* ---- impact ---------------------------------------------------------------------------- */

typedef struct change {
    char decision[128];
    int64_t total, changed;
    hv_vec ids;                /* (intptr_t) record ids that change */
    hv_vec moves;              /* char* "a -> b" per changed record */
} change;

typedef struct impact_state {
    hv_store *s;
    const hv_program *rules;
    hv_case *ncase;
    hv_ctx *nctx;
    hv_arena arena;
    change *ch;
    int nch;
    int64_t cases, skipped;
    hv_buf notes;
} impact_state;

static change *change_for(impact_state *st, const char *decision)
{
    for (int i = 0; i < st->nch; i++)
        if (strcmp(st->ch[i].decision, decision) == 0) return &st->ch[i];
    change *c = hv_mem_realloc(st->ch, (size_t)(st->nch + 1) * sizeof *c);
    if (!c) return NULL;
    st->ch = c;
    c = &st->ch[st->nch++];
    memset(c, 0, sizeof *c);
    snprintf(c->decision, sizeof c->decision, "%s", decision);
    return c;
}

static int impact_one(void *ud, const hv_record *r)
{
    impact_state *st = ud;
    if (strcmp(r->kind, "decision") != 0) return 0;
    char err[512];
    const hv_program *old = hv_store_program(st->s, r->ruleset_sha256, err, sizeof err);
    hv_case *ocase = old ? hv_case_new(old) : NULL;
    if (!ocase || hv_store_case(r, old, ocase, err, sizeof err)) {
        st->skipped++;
        hv_buf_printf(&st->notes, "record %lld overgeslagen: %s\n", (long long)r->id, old ? err : err);
        hv_case_free(ocase);
        return 0;
    }
    hv_buf dropped;
    hv_buf_init(&dropped);
    hv_case_rebind(st->ncase, ocase, &dropped);
    if (dropped.len)
        hv_buf_printf(&st->notes, "record %lld: niet in de nieuwe regels, dus onbekend: %s\n", (long long)r->id,
                      dropped.data);
    hv_buf_free(&dropped);
    hv_case_free(ocase);
    if (hv_eval(st->nctx, st->ncase, HV_PEIL_CASE, 0)) return 1;
    char *json = hv_result_json(st->nctx, 0);
    outcome a[64], b[64];
    int na = outcomes_of(r->result, a, 64), nb = outcomes_of(json, b, 64);
    hv_mem_free(json);
    st->cases++;
    for (int i = 0; i < nb; i++) {
        change *c = change_for(st, b[i].decision);
        if (!c) return 1;
        c->total++;
        const outcome *before = NULL;
        for (int j = 0; j < na; j++)
            if (strcmp(a[j].decision, b[i].decision) == 0) before = &a[j];
        if (before && same_outcome(before, &b[i])) continue;
        c->changed++;
        char x[300] = "(nieuw besluit)", y[300];
        if (before) outcome_str(before, x, sizeof x);
        outcome_str(&b[i], y, sizeof y);
        hv_vec_push(&st->arena, &c->ids, (void *)(intptr_t)r->id);
        hv_vec_push(&st->arena, &c->moves, hv_arena_printf(&st->arena, "%s -> %s", x, y));
    }
    for (int j = 0; j < na; j++) {
        int found = 0;
        for (int i = 0; i < nb; i++) found |= strcmp(a[j].decision, b[i].decision) == 0;
        if (!found) {
            change *c = change_for(st, a[j].decision);
            if (!c) return 1;
            c->total++;
            c->changed++;
            hv_vec_push(&st->arena, &c->ids, (void *)(intptr_t)r->id);
            hv_vec_push(&st->arena, &c->moves, "niet meer in de nieuwe regels");
        }
    }
    return 0;
}

int hv_audit_impact(hv_store *s, const hv_program *rules, int json, hv_buf *out, char *err, size_t errlen)
{
    impact_state st;
    memset(&st, 0, sizeof st);
    st.s = s;
    st.rules = rules;
    st.ncase = hv_case_new(rules);
    st.nctx = hv_ctx_new(rules);
    hv_arena_init(&st.arena, 65536);
    hv_buf_init(&st.notes);
    int rc = -1;
    if (!st.ncase || !st.nctx) { snprintf(err, errlen, "out of memory"); goto out; }
    hv_filter f = {.kind = "decision"};
    if (hv_store_each(s, &f, impact_one, &st, err, errlen)) goto out;
    rc = 0;
    if (json) {
        json_t *root = json_object();
        json_object_set_new(root, "rules", json_string(hv_program_name(rules)));
        json_object_set_new(root, "sha256", json_string(hv_program_sha256(rules)));
        json_object_set_new(root, "cases", json_integer(st.cases));
        json_object_set_new(root, "skipped", json_integer(st.skipped));
        json_t *ds = json_array();
        for (int i = 0; i < st.nch; i++) {
            change *c = &st.ch[i];
            json_t *o = json_object();
            json_object_set_new(o, "decision", json_string(c->decision));
            json_object_set_new(o, "cases", json_integer(c->total));
            json_object_set_new(o, "changed", json_integer(c->changed));
            json_t *recs = json_array();
            for (int k = 0; k < c->ids.n; k++) {
                json_t *rec = json_object();
                json_object_set_new(rec, "record", json_integer((intptr_t)c->ids.items[k]));
                json_object_set_new(rec, "change", json_string(c->moves.items[k]));
                json_array_append_new(recs, rec);
            }
            json_object_set_new(o, "records", recs);
            json_array_append_new(ds, o);
        }
        json_object_set_new(root, "decisions", ds);
        char *t = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(root);
        if (t) { hv_buf_puts(out, t); hv_buf_putc(out, '\n'); hv_mem_free(t); }
    } else {
        hv_buf_printf(out, "Gevolgen van %s (sha256 %.12s…) voor %lld bewaarde casussen\n", hv_program_name(rules),
                      hv_program_sha256(rules), (long long)st.cases);
        for (int i = 0; i < st.nch; i++) {
            change *c = &st.ch[i];
            hv_buf_printf(out, "\n%s: %lld van %lld uitkomsten veranderen\n", c->decision, (long long)c->changed,
                          (long long)c->total);
            for (int k = 0; k < c->ids.n; k++)
                hv_buf_printf(out, "  record %lld: %s\n", (long long)(intptr_t)c->ids.items[k], (char *)c->moves.items[k]);
        }
        if (st.notes.len) hv_buf_printf(out, "\n%s", st.notes.data);
    }
out:
    hv_case_free(st.ncase);
    hv_ctx_free(st.nctx);
    hv_arena_free(&st.arena);
    hv_mem_free(st.ch);
    hv_buf_free(&st.notes);
    return rc;
}

/* ---- consistency --------------------------------------------------------------------------- */

/* The facts the rules read (conditions, outcomes, standaard, definitions),
 * and whether they read the peildatum. Explanations and safeguards do not
 * make cases unequal. */
static void mark_reads(const hv_program *p, int32_t node, uint8_t *facts, uint8_t *defs, int *peil, int depth)
{
    if (node < 0 || depth > HV_MAX_EXPR_DEPTH) return;
    const hv_node *n = &p->nodes[node];
    switch ((hv_opcode)n->op) {
    case HV_OP_FACT_: facts[n->a] = 1; return;
    case HV_OP_PEIL_: *peil = 1; return;
    case HV_OP_DEF_:
        if (!defs[n->a]) { defs[n->a] = 1; mark_reads(p, p->defs[n->a].expr, facts, defs, peil, depth + 1); }
        return;
    case HV_OP_CONST_: case HV_OP_DEC_: case HV_OP_PARAM_: return;
    case HV_OP_AND_: case HV_OP_OR_: case HV_OP_MIN_: case HV_OP_MAX_:
        for (int i = 0; i < n->n; i++) mark_reads(p, p->kids[n->a + i], facts, defs, peil, depth + 1);
        return;
    case HV_OP_IN_: case HV_OP_NOTIN_:
        mark_reads(p, n->a, facts, defs, peil, depth + 1);
        for (int i = 0; i < n->n; i++) mark_reads(p, p->kids[n->b + i], facts, defs, peil, depth + 1);
        return;
    default:
        mark_reads(p, n->a, facts, defs, peil, depth + 1);
        mark_reads(p, n->b, facts, defs, peil, depth + 1);
    }
}

typedef struct member {
    int64_t id;
    outcome out[32];
    int n;
    char over[32][512];        /* per decision: "actor: volgens VALUE, omdat ..." when overridden */
    char engine[32][160];      /* per decision: the engine's own outcome */
} member;

typedef struct group {
    char *key;
    char sha[65];
    hv_vec members;            /* member* */
} group;

typedef struct cons_state {
    hv_store *s;
    hv_arena arena;
    hv_vec groups;
    char err[512];
} cons_state;

static int cons_one(void *ud, const hv_record *r)
{
    cons_state *st = ud;
    if (strcmp(r->kind, "decision") != 0) return 0;
    const hv_program *p = hv_store_program(st->s, r->ruleset_sha256, st->err, sizeof st->err);
    if (!p) return 0;
    hv_case *cs = hv_case_new(p);
    uint8_t *facts = hv_arena_alloc(&st->arena, (size_t)p->nfacts + 1);
    uint8_t *defs = hv_arena_alloc(&st->arena, (size_t)p->ndefs + 1);
    if (!cs || !facts || !defs) { hv_case_free(cs); return 1; }
    int peil = 0;
    for (int i = 0; i < p->nrules; i++) {
        mark_reads(p, p->rules[i].cond, facts, defs, &peil, 0);
        for (int k = 0; k < p->rules[i].nassign; k++) mark_reads(p, p->rules[i].assign[k].expr, facts, defs, &peil, 0);
    }
    for (int d = 0; d < p->ndecs; d++) mark_reads(p, p->decs[d].dflt, facts, defs, &peil, 0);
    char err[512];
    if (hv_store_case(r, p, cs, err, sizeof err)) { hv_case_free(cs); return 0; }
    hv_buf key;
    hv_buf_init(&key);
    for (int f = 0; f < p->nfacts; f++)
        if (facts[f]) {
            char v[128];
            hv_buf_printf(&key, "%s=%s;", p->facts[f].name,
                          hv_case_known(cs, f) ? hv_case_value_text(cs, f, v, sizeof v) : "?");
        }
    if (peil) hv_buf_printf(&key, "peildatum=%s;", r->peildatum);
    hv_case_free(cs);
    group *g = NULL;
    for (int i = 0; i < st->groups.n && !g; i++) {
        group *x = st->groups.items[i];
        if (strcmp(x->sha, r->ruleset_sha256) == 0 && strcmp(x->key, key.data ? key.data : "") == 0) g = x;
    }
    if (!g) {
        g = hv_arena_alloc(&st->arena, sizeof *g);
        if (!g) { hv_buf_free(&key); return 1; }
        g->key = hv_arena_strdup(&st->arena, key.data ? key.data : "");
        snprintf(g->sha, sizeof g->sha, "%s", r->ruleset_sha256);
        hv_vec_push(&st->arena, &st->groups, g);
    }
    hv_buf_free(&key);
    member *m = hv_arena_alloc(&st->arena, sizeof *m);
    if (!m) return 1;
    m->id = r->id;
    m->n = outcomes_of(r->result, m->out, 32);
    if (m->n < 0) m->n = 0;
    for (int d = 0; d < m->n; d++) outcome_str(&m->out[d], m->engine[d], sizeof m->engine[d]);
    hv_vec_push(&st->arena, &g->members, m);
    return 0;
}

/* Overrides replace the engine's outcome of their decision (the last one counts). */
static int cons_override(void *ud, const hv_record *r)
{
    cons_state *st = ud;
    for (int i = 0; i < st->groups.n; i++) {
        group *g = st->groups.items[i];
        for (int k = 0; k < g->members.n; k++) {
            member *m = g->members.items[k];
            if (m->id != r->ref_id) continue;
            for (int d = 0; d < m->n; d++)
                if (strcmp(m->out[d].decision, r->decision) == 0) {
                    snprintf(m->out[d].outcome, sizeof m->out[d].outcome, "%s", r->outcome);
                    snprintf(m->out[d].value, sizeof m->out[d].value, "%s", r->value);
                    snprintf(m->out[d].status, sizeof m->out[d].status, "afwijking");
                    snprintf(m->over[d], sizeof m->over[d], "record %lld door %s (de engine: %s): \"%s\"",
                             (long long)r->id, r->actor, m->engine[d], r->motivation);
                }
        }
    }
    return 0;
}

int hv_audit_consistency(hv_store *s, hv_buf *out, char *err, size_t errlen)
{
    cons_state st;
    memset(&st, 0, sizeof st);
    st.s = s;
    hv_arena_init(&st.arena, 65536);
    hv_filter dec = {.kind = "decision"}, ovr = {.kind = "override"};
    if (hv_store_each(s, &dec, cons_one, &st, err, errlen) || hv_store_each(s, &ovr, cons_override, &st, err, errlen)) {
        hv_arena_free(&st.arena);
        return -1;
    }
    int found = 0, groups = 0;
    for (int i = 0; i < st.groups.n; i++) {
        group *g = st.groups.items[i];
        if (g->members.n < 2) continue;
        groups++;
        member *first = g->members.items[0];
        for (int d = 0; d < first->n; d++) {
            int differ = 0;
            for (int k = 1; k < g->members.n; k++) {
                member *m = g->members.items[k];
                if (d >= m->n || strcmp(m->out[d].outcome, first->out[d].outcome) != 0 ||
                    strcmp(m->out[d].value, first->out[d].value) != 0)
                    differ = 1;
            }
            if (!differ) continue;
            found++;
            hv_buf_printf(out, "%sGelijke gevallen, ongelijke uitkomst voor %s (regelset %.12s…):\n", found > 1 ? "\n" : "",
                          first->out[d].decision, g->sha);
            hv_buf_printf(out, "  gelijke feiten: %s\n", g->key);
            for (int k = 0; k < g->members.n; k++) {
                member *m = g->members.items[k];
                char o[300] = "-";
                if (d < m->n) outcome_str(&m->out[d], o, sizeof o);
                hv_buf_printf(out, "  record %lld: %s\n", (long long)m->id, o);
                if (d < m->n && m->over[d][0]) hv_buf_printf(out, "    afwijking %s\n", m->over[d]);
            }
        }
    }
    if (!found)
        hv_buf_printf(out, "Gelijke gevallen zijn gelijk behandeld: %d groep%s van gelijke casussen, geen verschillen.\n",
                      groups, groups == 1 ? "" : "en");
    hv_arena_free(&st.arena);
    return found ? 1 : 0;
}

/* ---- show ---------------------------------------------------------------------------------- */

static int show_override(void *ud, const hv_record *r)
{
    hv_buf *out = ud;
    hv_buf_printf(out, "\nAfwijking (record %lld, %s, door %s):\n  %s = %s, volgens %s\n  omdat: %s\n",
                  (long long)r->id, r->created_at, r->actor, r->decision, r->outcome, r->value, r->motivation);
    return 0;
}

int hv_audit_show(hv_store *s, int64_t id, hv_buf *out, char *err, size_t errlen)
{
    hv_record r;
    int rc = hv_store_get(s, id, &r, err, errlen);
    if (rc == 1) { snprintf(err, errlen, "no record %lld", (long long)id); return -1; }
    if (rc) return -1;
    hv_buf_printf(out, "record %lld (%s)\n", (long long)r.id, r.kind);
    hv_buf_printf(out, "  tijd (UTC):   %s\n  actor:        %s\n", r.created_at, r.actor);
    hv_buf_printf(out, "  regelset:     %s%s%s (sha256 %s)\n", r.ruleset_name ? r.ruleset_name : "?",
                  r.ruleset_version ? " versie " : "", r.ruleset_version ? r.ruleset_version : "", r.ruleset_sha256);
    hv_buf_printf(out, "  engine:       houvast %s\n  peildatum:    %s\n", r.engine_version, r.peildatum);
    if (r.case_id) hv_buf_printf(out, "  casus:        %s\n", r.case_id);
    if (r.subject_pseudonym) hv_buf_printf(out, "  pseudoniem:   %s\n", r.subject_pseudonym);
    hv_buf_printf(out, "  feiten:       %s\n  hash:         %s\n  vorige hash:  %s\n", r.facts, r.hash, r.prev_hash);
    if (strcmp(r.kind, "override") == 0) {
        hv_buf_printf(out, "\nAfwijking van record %lld door %s:\n  %s = %s, volgens %s\n  omdat: %s\n",
                      (long long)r.ref_id, r.actor, r.decision, r.outcome, r.value, r.motivation);
        hv_record base;
        if (hv_store_get(s, r.ref_id, &base, err, errlen) == 0) {
            outcome o[64];
            int n = outcomes_of(base.result, o, 64);
            for (int i = 0; i < n; i++)
                if (strcmp(o[i].decision, r.decision) == 0) {
                    char x[300];
                    outcome_str(&o[i], x, sizeof x);
                    hv_buf_printf(out, "  de engine besliste: %s\n", x);
                }
            hv_record_clear(&base);
        }
        hv_record_clear(&r);
        return 0;
    }
    /* the explanation, worked out again from the stored source and facts */
    char *json = NULL;
    hv_ctx *ctx = NULL;
    hv_case *cs = NULL;
    if (replay_record(s, &r, &json, &ctx, &cs, err, errlen)) {
        hv_buf_printf(out, "\n(kan niet opnieuw worden berekend: %s)\nbewaard resultaat:\n%s\n", err,
                      r.result ? r.result : "(geen)");
    } else {
        char *text = hv_result_text(ctx, HV_JSON_TRACE);
        hv_buf_printf(out, "\n%s", text ? text : "");
        hv_mem_free(text);
        if (strcmp(json, r.result ? r.result : "") != 0)
            hv_buf_puts(out, "\nLet op: opnieuw berekend wijkt dit af van het bewaarde resultaat; zie houvast replay.\n");
        hv_ctx_free(ctx);
        hv_case_free(cs);
    }
    hv_mem_free(json);
    /* overrides stand beside the engine's outcome */
    hv_filter f = {.kind = "override", .ref_id = r.id};
    if (hv_store_each(s, &f, show_override, out, err, errlen)) { hv_record_clear(&r); return -1; }
    hv_record_clear(&r);
    return 0;
}
