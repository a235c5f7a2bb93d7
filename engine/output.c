/* output.c — the result of a case as JSON (§5 of the brief) and as a
 * readable Dutch summary; value formatting; "why not" of a rule. */
#include "eval_int.h"
#include "json.h"

#include <stdio.h>
#include <string.h>

/* Name tables from the X-macro lists: field 2 is the JSON name, 3 the Dutch. */
#define PICK_JSON(id, js, nl) js,
#define PICK_NL(id, js, nl) nl,
#define NAME_FN(fn, type, list, pick) \
    const char *fn(type s) { static const char *const t[] = { list(pick) }; return t[s]; }
NAME_FN(hv_status_json, hv_status, HV_STATUS_LIST, PICK_JSON)
NAME_FN(hv_status_nl, hv_status, HV_STATUS_LIST, PICK_NL)
NAME_FN(hv_rstate_json, hv_rstate, HV_RSTATE_LIST, PICK_JSON)
NAME_FN(hv_rstate_nl, hv_rstate, HV_RSTATE_LIST, PICK_NL)
#undef NAME_FN
#undef PICK_JSON
#undef PICK_NL

/* ---- values ------------------------------------------------------------------ */

const char *hv_value_nl(const hv_program *p, hv_value v, char *out)
{
    switch (v.k) {
    case HV_V_UNKNOWN: return "onbekend";
    case HV_V_BOOL: return v.i ? "ja" : "nee";
    case HV_V_NUM: hv_fmt_num_nl(v.i, out); return out;
    case HV_V_MONEY: hv_fmt_money_nl(v.i, out); return out;
    case HV_V_DATE: hv_fmt_date_nl((int32_t)v.i, out); return out;
    case HV_V_TEXT: return v.s;
    case HV_V_CHOICE: {
        /* a member reads as words: "dreigende_huisuitzetting" -> "dreigende huisuitzetting" */
        snprintf(out, 64, "%s", p->syms[v.i]);
        for (char *s = out; *s; s++)
            if (*s == '_' && s > out && s[1] && s[1] != '_') *s = ' ';
        return out;
    }
    default: return hv_error_message((hv_errcode)v.err);
    }
}

const char *hv_type_desc(const hv_program *p, hv_type t, char *out, size_t outlen)
{
    if (t.kind != HV_TY_CHOICE) { snprintf(out, outlen, "%s", hv_type_name(t.kind)); return out; }
    const hv_choice_set *cs = &p->choices[t.choice];
    size_t k = (size_t)snprintf(out, outlen, "keuze(");
    for (int i = 0; i < cs->n && k < outlen; i++)
        k += (size_t)snprintf(out + k, outlen - k, "%s%s", i ? ", " : "", p->syms[cs->members[i]]);
    if (k < outlen) snprintf(out + k, outlen - k, ")");
    return out;
}

/* A plain machine form: 1234.56, 2026-03-01, ja, the member name. */
static const char *value_plain(const hv_program *p, hv_value v, char *out)
{
    switch (v.k) {
    case HV_V_BOOL: return v.i ? "true" : "false";     /* as in the result JSON */
    case HV_V_NUM: hv_decimal_format(v.i, 6, 0, out); return out;
    case HV_V_MONEY: hv_decimal_format(v.i, 2, 1, out); return out;
    case HV_V_DATE: hv_date_iso((int32_t)v.i, out); return out;
    case HV_V_CHOICE: return p->syms[v.i];
    default: return hv_value_nl(p, v, out);
    }
}

const char *hv_value_plain(const hv_program *p, hv_value v, char *buf, size_t len)
{
    char tmp[64];
    snprintf(buf, len, "%s", value_plain(p, v, tmp));
    return buf;
}

/* A value in the result JSON: a getal as an exact number (whole numbers
 * without a point), money, dates and choices as strings. */
static void value_json(hv_jw *w, const hv_program *p, hv_value v)
{
    char buf[64];
    switch (v.k) {
    case HV_V_BOOL: hv_jw_raw(w, v.i ? "true" : "false"); return;
    case HV_V_NUM:
        if (v.i % HV_NUM_SCALE == 0) {
            hv_buf_int(w->b, (long long)(v.i / HV_NUM_SCALE));
        } else {
            hv_decimal_format(v.i, 6, 0, buf);
            hv_jw_raw(w, buf);
        }
        return;
    case HV_V_MONEY: case HV_V_DATE: case HV_V_CHOICE: hv_jw_str(w, value_plain(p, v, buf)); return;
    case HV_V_TEXT: hv_jw_str(w, v.s); return;
    default: hv_jw_raw(w, "null"); return;
    }
}

/* ---- why a rule did not apply --------------------------------------------------- */

/* The first false sub-condition of a false condition, descending through
 * `en` and through janee definitions (recorded in via). */
int32_t hv_out_first_false(hv_ctx *c, int32_t node, int32_t *via, int *nvia)
{
    const hv_program *p = c->p;
    for (;;) {
        const hv_node *n = &p->nodes[node];
        if (n->op == HV_OP_AND_) {
            int32_t next = -1;
            for (int i = 0; i < n->n && next < 0; i++) {
                hv_value v = hv_eval_node(c, p->kids[n->a + i]);
                if (v.k == HV_V_BOOL && !v.i) next = p->kids[n->a + i];
            }
            if (next < 0) return node;
            node = next;
        } else if (n->op == HV_OP_DEF_ && *nvia < 16) {
            via[(*nvia)++] = n->a;
            node = p->defs[n->a].expr;
        } else {
            return node;
        }
    }
}

/* The name nodes (facts, definitions, decisions) an expression reads
 * directly, each name once, in reading order. Returns how many (<= max). */
int hv_out_names_read(hv_ctx *c, int32_t node, int32_t *out, int max)
{
    const hv_program *p = c->p;
    int n = 0;
    int32_t stack[256];
    int sp = 0;
    stack[sp++] = node;
    while (sp && n < max) {
        const hv_node *nd = &p->nodes[stack[--sp]];
        int32_t self = (int32_t)(nd - p->nodes);
        switch ((hv_opcode)nd->op) {
        case HV_OP_FACT_: case HV_OP_DEF_: case HV_OP_DEC_: case HV_OP_PEIL_: case HV_OP_PARAM_: {
            int dup = 0;
            for (int i = 0; i < n; i++)
                if (p->nodes[out[i]].op == nd->op && p->nodes[out[i]].a == nd->a) dup = 1;
            if (!dup) out[n++] = self;
            break;
        }
        case HV_OP_CONST_:
            break;
        case HV_OP_AND_: case HV_OP_OR_: case HV_OP_MIN_: case HV_OP_MAX_:
            for (int i = nd->n - 1; i >= 0 && sp < 256; i--) stack[sp++] = p->kids[nd->a + i];
            break;
        case HV_OP_IN_: case HV_OP_NOTIN_:
            for (int i = nd->n - 1; i >= 0 && sp < 256; i--) stack[sp++] = p->kids[nd->b + i];
            if (sp < 256) stack[sp++] = nd->a;
            break;
        default:
            if (nd->b >= 0 && sp < 256) stack[sp++] = nd->b;
            if (nd->a >= 0 && sp < 256) stack[sp++] = nd->a;
            break;
        }
    }
    return n;
}

/* Is the rule outside its validity on the case's peildatum? */
int hv_out_outside(hv_ctx *c, int rule)
{
    const hv_rule *rl = &c->p->rules[rule];
    return c->peil < rl->valid_from || c->peil >= rl->valid_to;
}

/* "geldig vanaf 1 januari 2026 tot 1 januari 2027" (caller frees). */
char *hv_out_validity(const hv_program *p, int rule)
{
    const hv_rule *rl = &p->rules[rule];
    hv_buf b;
    hv_buf_init(&b);
    char d[64];
    hv_buf_puts(&b, "geldig");
    if (rl->valid_from != HV_NO_START) { hv_fmt_date_nl(rl->valid_from, d); hv_buf_printf(&b, " vanaf %s", d); }
    if (rl->valid_to != HV_NO_END) { hv_fmt_date_nl(rl->valid_to, d); hv_buf_printf(&b, " tot %s", d); }
    return hv_buf_take(&b);
}

/* "(a = 1, b = ja)": the names an expression reads with their values, Dutch. */
void hv_out_names_values(hv_buf *b, hv_ctx *c, int32_t node, const char *open, const char *close)
{
    int32_t names[64];
    int n = hv_out_names_read(c, node, names, 64);
    for (int i = 0; i < n; i++) {
        char tmp[64];
        hv_buf_printf(b, "%s%s = %s", i ? ", " : open, hv_out_node_name(c->p, names[i]),
                      hv_value_nl(c->p, hv_eval_node(c, names[i]), tmp));
    }
    if (n) hv_buf_puts(b, close);
}

/* The name of what a name node reads. */
const char *hv_out_node_name(const hv_program *p, int32_t node)
{
    const hv_node *n = &p->nodes[node];
    switch ((hv_opcode)n->op) {
    case HV_OP_FACT_: return p->facts[n->a].name;
    case HV_OP_DEF_: return p->defs[n->a].name;
    case HV_OP_DEC_: return p->decs[n->a].name;
    case HV_OP_PEIL_: return "peildatum";
    case HV_OP_PARAM_: return p->params[n->a].name;
    default: return "?";
    }
}

static void names_read(hv_jw *w, hv_ctx *c, int32_t node)
{
    int32_t names[64];
    int n = hv_out_names_read(c, node, names, 64);
    for (int i = 0; i < n; i++) {
        hv_jw_key(w, hv_out_node_name(c->p, names[i]));
        value_json(w, c->p, hv_eval_node(c, names[i]));
    }
}

char *hv_out_source_text(hv_ctx *c, hv_loc loc)
{
    size_t n;
    const char *s = hv_src_slice((hv_srcset *)&c->p->src, loc, &n);
    /* fold line breaks and runs of spaces into one space */
    char *out = hv_arena_alloc(&c->arena, n + 1);
    if (!out) return NULL;
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') { space = 1; continue; }
        if (space && k) out[k++] = ' ';
        space = 0;
        out[k++] = ch;
    }
    out[k] = 0;
    return out;
}

static void why_not_json(hv_jw *w, hv_ctx *c, int32_t cond)
{
    int32_t via[16];
    int nvia = 0;
    int32_t node = hv_out_first_false(c, cond, via, &nvia);
    const hv_node *n = &c->p->nodes[node];
    char where[300];
    hv_src_where((hv_srcset *)&c->p->src, n->loc, where, sizeof where);
    hv_jw_open(w, '{');
    hv_jw_key(w, "condition");
    hv_jw_str(w, hv_out_source_text(c, n->loc));
    hv_jw_key(w, "location");
    hv_jw_str(w, where);
    hv_jw_key(w, "facts");
    hv_jw_open(w, '{');
    names_read(w, c, node);
    hv_jw_close(w, '}');
    if (nvia) {
        hv_jw_key(w, "via");
        hv_jw_open(w, '[');
        for (int i = 0; i < nvia; i++) {
            hv_jw_item(w);
            hv_jw_str(w, c->p->defs[via[i]].name);
        }
        hv_jw_close(w, ']');
    }
    hv_jw_close(w, '}');
}

/* ---- JSON ---------------------------------------------------------------------- */

static void error_json(hv_jw *w, hv_ctx *c, hv_value v)
{
    const hv_program *p = c->p;
    hv_jw_open(w, '{');
    hv_jw_key(w, "message");
    hv_jw_str(w, hv_error_message((hv_errcode)v.err));
    if (v.node >= 0) {
        char where[300];
        hv_src_where((hv_srcset *)&p->src, p->nodes[v.node].loc, where, sizeof where);
        hv_jw_key(w, "location");
        hv_jw_str(w, where);
        hv_jw_key(w, "expression");
        hv_jw_str(w, hv_out_source_text(c, p->nodes[v.node].loc));
    }
    hv_jw_close(w, '}');
}

/* "outcome" of a rule, and "judgement": true for one ter beoordeling. */
static void outcome_json(hv_jw *w, const hv_program *p, hv_value outcome, int judgement)
{
    hv_jw_key(w, "outcome");
    if (judgement) {
        hv_jw_raw(w, "null");
        hv_jw_key(w, "judgement");
        hv_jw_raw(w, "true");
    } else {
        value_json(w, p, outcome);
    }
}

static void rref_json(hv_jw *w, const hv_program *p, const hv_rref *r)
{
    int v = p->rules[r->rule].value;
    hv_jw_item(w);
    hv_jw_open(w, '{');
    hv_jw_key(w, "rule");
    hv_jw_str(w, p->rules[r->rule].name);
    hv_jw_key(w, "value");
    hv_jw_str(w, v >= 0 ? p->values[v].name : NULL);
    outcome_json(w, p, r->outcome, r->judgement);
    hv_jw_close(w, '}');
}

static void rrefs_json(hv_jw *w, const hv_program *p, const char *key, const hv_rref *r, int n)
{
    hv_jw_key(w, key);
    hv_jw_open(w, '[');
    for (int i = 0; i < n; i++) rref_json(w, p, &r[i]);
    hv_jw_close(w, ']');
}

/* key: the names of facts (or, with decs, of decisions) list[0..n) */
static void names_json(hv_jw *w, const char *key, const hv_program *p, int decs, const int32_t *list, int n)
{
    hv_jw_key(w, key);
    hv_jw_open(w, '[');
    for (int i = 0; i < n; i++) {
        hv_jw_item(w);
        hv_jw_str(w, decs ? p->decs[list[i]].name : p->facts[list[i]].name);
    }
    hv_jw_close(w, ']');
}

static void trace_json(hv_jw *w, hv_ctx *c, const hv_dres *r)
{
    const hv_program *p = c->p;
    hv_jw_key(w, "rules");
    hv_jw_open(w, '[');
    for (int i = 0; i < r->ntrace; i++) {
        const hv_rtrace *t = &r->trace[i];
        const hv_rule *rl = &p->rules[t->rule];
        hv_jw_item(w);
        hv_jw_open(w, '{');
        hv_jw_key(w, "rule");
        hv_jw_str(w, rl->name);
        hv_jw_key(w, "value");
        hv_jw_str(w, rl->value >= 0 ? p->values[rl->value].name : NULL);
        hv_jw_key(w, "state");
        hv_jw_str(w, hv_rstate_json(t->state));
        if (t->state != HV_R_NOT_APPLICABLE && t->state != HV_R_OPEN && t->state != HV_R_SET_ASIDE &&
            t->state != HV_R_ERROR) {
            outcome_json(w, p, t->outcome, t->judgement);
        }
        if (t->state == HV_R_ERROR) {
            hv_jw_key(w, "error");
            hv_jw_str(w, hv_error_message((hv_errcode)t->cond.err));
        }
        if (t->state == HV_R_NOT_APPLICABLE && hv_out_outside(c, t->rule)) {
            char *v = hv_out_validity(p, t->rule);
            char iso[16];
            hv_date_iso(c->peil, iso);
            hv_jw_key(w, "because");
            hv_jw_open(w, '{');
            hv_jw_key(w, "condition");
            hv_jw_str(w, v ? v : "geldig");
            hv_jw_key(w, "peildatum");
            hv_jw_str(w, iso);
            hv_jw_close(w, '}');
            hv_mem_free(v);
        } else if (t->state == HV_R_NOT_APPLICABLE && rl->cond >= 0) {
            hv_jw_key(w, "because");
            why_not_json(w, c, rl->cond);
        }
        if (t->state == HV_R_SET_ASIDE && t->by >= 0) {
            hv_jw_key(w, "set_aside_by");
            hv_jw_str(w, p->rules[t->by].name);
        }
        if (t->state == HV_R_OVERRULED && t->by >= 0) {
            hv_jw_key(w, "overruled_by");
            hv_jw_str(w, p->rules[t->by].name);
        }
        if (t->state == HV_R_OPEN) {
            hv_jw_key(w, "matters");
            hv_jw_raw(w, t->matters ? "true" : "false");
            if (rl->cond >= 0) {
                hv_eval_unknown_facts(c, rl->cond);
                int32_t m[1024];
                int nm = 0;
                for (int f = 0; f < p->nfacts; f++)
                    if (c->seen[f]) { if (nm < 1024) m[nm++] = f; c->seen[f] = 0; }
                names_json(w, "missing", p, 0, m, nm);
            }
        }
        hv_jw_close(w, '}');
    }
    hv_jw_close(w, ']');
}

static void decision_json(hv_jw *w, hv_ctx *c, int d, int trace)
{
    const hv_program *p = c->p;
    const hv_dres *r = &c->dres[d];
    hv_jw_item(w);
    hv_jw_open(w, '{');
    hv_jw_key(w, "decision");
    hv_jw_str(w, p->decs[d].name);
    hv_jw_key(w, "status");
    hv_jw_str(w, hv_status_json(r->status));
    hv_jw_key(w, "outcome");
    value_json(w, p, r->outcome);
    hv_jw_key(w, "value");
    hv_jw_str(w, r->value >= 0 ? p->values[r->value].name : NULL);
    hv_jw_key(w, "rule");
    hv_jw_str(w, r->rule >= 0 ? p->rules[r->rule].name : NULL);
    hv_jw_key(w, "explanation");
    hv_jw_str(w, r->explanation);
    rrefs_json(w, p, "overruled", r->over, r->nover);
    rrefs_json(w, p, "conflicts", r->conf, r->status == HV_S_CONFLICT ? r->nconf : 0);
    names_json(w, "missing", p, 0, r->missing, r->nmissing);
    if (r->nwaiting) names_json(w, "waiting_for", p, 1, r->waiting, r->nwaiting);
    if (r->rule >= 0 && p->rules[r->rule].bron) {
        hv_jw_key(w, "rule_source");
        hv_jw_str(w, p->rules[r->rule].bron);
    }
    if (r->value >= 0 && p->values[r->value].bron) {
        hv_jw_key(w, "value_source");
        hv_jw_str(w, p->values[r->value].bron);
    }
    if (r->status == HV_S_JUDGEMENT) rrefs_json(w, p, "options", r->conf, r->nconf);
    if (r->status == HV_S_ERROR) {
        hv_jw_key(w, "error");
        error_json(w, c, hv_error((hv_errcode)r->err, r->err_node));
    }
    if (trace) trace_json(w, c, r);
    hv_jw_close(w, '}');
}

char *hv_result_json(hv_ctx *c, int flags)
{
    const hv_program *p = c->p;
    hv_buf b;
    hv_buf_init(&b);
    hv_buf_reserve(&b, 1024);
    hv_jw w;
    hv_jw_init(&w, &b);
    hv_jw_open(&w, '{');
    hv_jw_key(&w, "ruleset");
    hv_jw_open(&w, '{');
    hv_jw_key(&w, "name");
    hv_jw_str(&w, p->name);
    hv_jw_key(&w, "version");
    hv_jw_str(&w, p->version);
    hv_jw_key(&w, "sha256");
    hv_jw_str(&w, p->sha256);
    hv_jw_close(&w, '}');
    char iso[16];
    hv_date_iso(c->peil, iso);
    hv_jw_key(&w, "peildatum");
    hv_jw_str(&w, iso);
    if (c->case_id) {
        hv_jw_key(&w, "id");
        hv_jw_str(&w, c->case_id);
    }
    hv_jw_key(&w, "decisions");
    hv_jw_open(&w, '[');
    for (int d = 0; d < p->ndecs; d++) decision_json(&w, c, d, flags & HV_JSON_TRACE);
    hv_jw_close(&w, ']');
    hv_jw_key(&w, "safeguards");
    hv_jw_open(&w, '[');
    for (int s = 0; s < p->nsafe; s++) {
        hv_value v = c->safe[s];
        hv_jw_item(&w);
        hv_jw_open(&w, '{');
        hv_jw_key(&w, "safeguard");
        hv_jw_str(&w, p->safe[s].name);
        hv_jw_key(&w, "holds");
        hv_jw_raw(&w, v.k == HV_V_BOOL ? (v.i ? "true" : "false") : "null");
        hv_jw_key(&w, "text");
        hv_jw_str(&w, p->safe[s].text);
        if (v.k == HV_V_ERROR) {
            hv_jw_key(&w, "error");
            error_json(&w, c, v);
        }
        hv_jw_close(&w, '}');
    }
    hv_jw_close(&w, ']');
    hv_jw_key(&w, "review_required");
    hv_jw_raw(&w, c->review ? "true" : "false");
    hv_jw_close(&w, '}');
    char *s = hv_buf_take(&b);
    if (!s || !(flags & HV_JSON_PRETTY)) return s;
    char *pretty = hv_json_indent(s);
    hv_mem_free(s);
    return pretty;
}

/* ---- the Dutch summary ---------------------------------------------------------------- */

void hv_out_value_line(hv_buf *b, const hv_program *p, int v)
{
    if (v < 0) return;
    const hv_vdecl *w = &p->values[v];
    hv_buf_printf(b, "\"%s\" (%s)", w->text ? w->text : w->name, w->name);
}

static void rref_line(hv_buf *b, const hv_program *p, const hv_rref *r, const char *verb)
{
    char tmp[64];
    hv_buf_printf(b, "    - %s, volgens ", p->rules[r->rule].name);
    hv_out_value_line(b, p, p->rules[r->rule].value);
    if (r->judgement) hv_buf_printf(b, ": %s ter beoordeling\n", verb);
    else hv_buf_printf(b, ": %s %s\n", verb, hv_value_nl(p, r->outcome, tmp));
}

static void missing_line(hv_buf *b, const hv_program *p, const int32_t *m, int n)
{
    for (int i = 0; i < n; i++) {
        const hv_fact *f = &p->facts[m[i]];
        if (f->vraag) hv_buf_printf(b, "    - %s: %s\n", f->name, f->vraag);
        else hv_buf_printf(b, "    - %s\n", f->name);
    }
}

static void trace_text(hv_buf *b, hv_ctx *c, const hv_dres *r)
{
    const hv_program *p = c->p;
    hv_buf_puts(b, "  regels:\n");
    for (int i = 0; i < r->ntrace; i++) {
        const hv_rtrace *t = &r->trace[i];
        const hv_rule *rl = &p->rules[t->rule];
        char tmp[64];
        hv_buf_printf(b, "    %-20s %s", hv_rstate_nl(t->state), rl->name);
        if (t->state == HV_R_DECIDED || t->state == HV_R_OVERRULED || t->state == HV_R_CONFLICT ||
            t->state == HV_R_JUDGEMENT || t->state == HV_R_APPLICABLE)
            hv_buf_printf(b, " -> %s", t->judgement ? "ter beoordeling" : hv_value_nl(p, t->outcome, tmp));
        if (t->state == HV_R_SET_ASIDE && t->by >= 0)
            hv_buf_printf(b, " (uitzondering: %s)", p->rules[t->by].name);
        if (t->state == HV_R_NOT_APPLICABLE && hv_out_outside(c, t->rule)) {
            char *v = hv_out_validity(p, t->rule);
            char d[64];
            hv_fmt_date_nl(c->peil, d);
            hv_buf_printf(b, "\n%25s niet geldig op %s: %s", "", d, v ? v : "");
            hv_mem_free(v);
        } else if (t->state == HV_R_NOT_APPLICABLE && rl->cond >= 0) {
            int32_t via[16];
            int nvia = 0;
            int32_t node = hv_out_first_false(c, rl->cond, via, &nvia);
            hv_buf_printf(b, "\n%25s onwaar: %s", "", hv_out_source_text(c, p->nodes[node].loc));
            hv_out_names_values(b, c, node, "  (", ")");
        }
        hv_buf_putc(b, '\n');
    }
}

/* "VALUE (name)", its bron, and the rule with its bron. */
static void value_and_rule(hv_buf *b, const hv_program *p, const hv_dres *r)
{
    hv_out_value_line(b, p, r->value);
    hv_buf_putc(b, '\n');
    if (p->values[r->value].bron) hv_buf_printf(b, "  bron: %s\n", p->values[r->value].bron);
    hv_buf_printf(b, "  regel: %s", p->rules[r->rule].name);
    if (p->rules[r->rule].bron) hv_buf_printf(b, " (bron: %s)", p->rules[r->rule].bron);
    hv_buf_putc(b, '\n');
}

/* One decision in Dutch: outcome, value, rule, explanation, overruled. */
void hv_out_decision_text(hv_buf *out, hv_ctx *c, int d, int flags)
{
    const hv_program *p = c->p;
    hv_buf b = *out;
    char tmp[64];
    {
        const hv_dres *r = &c->dres[d];
        hv_buf_printf(&b, "%s: ", p->decs[d].name);
        switch ((hv_status)r->status) {
        case HV_S_DECIDED:
            hv_buf_printf(&b, "%s\n  besloten volgens ", hv_value_nl(p, r->outcome, tmp));
            value_and_rule(&b, p, r);
            break;
        case HV_S_DEFAULT:
            hv_buf_printf(&b, "%s (standaard: geen regel is van toepassing)\n", hv_value_nl(p, r->outcome, tmp));
            break;
        case HV_S_CONFLICT:
            hv_buf_puts(&b, "conflict: gelijkwaardige waarden trekken uit elkaar; een persoon weegt af\n");
            for (int i = 0; i < r->nconf; i++) rref_line(&b, p, &r->conf[i], "wil");
            break;
        case HV_S_UNDETERMINED:
            hv_buf_puts(&b, r->nmissing || !r->nwaiting ? "onbepaald: er ontbreken nog gegevens\n"
                                                        : "onbepaald: wacht op een ander besluit\n");
            if (r->nmissing) {
                hv_buf_puts(&b, "  nog nodig:\n");
                missing_line(&b, p, r->missing, r->nmissing);
            }
            for (int i = 0; i < r->nwaiting; i++) {
                const hv_dres *w = &c->dres[r->waiting[i]];
                hv_buf_printf(&b, "  wacht op besluit %s (%s)\n", p->decs[r->waiting[i]].name,
                              hv_status_nl((hv_status)w->status));
            }
            break;
        case HV_S_JUDGEMENT:
            hv_buf_printf(&b, "ter beoordeling door een persoon\n  volgens ");
            value_and_rule(&b, p, r);
            if (r->nconf) {
                hv_buf_puts(&b, "  andere regels op dezelfde rang:\n");
                for (int i = 0; i < r->nconf; i++) rref_line(&b, p, &r->conf[i], "zou geven");
            }
            break;
        case HV_S_NONE:
            hv_buf_puts(&b, "geen uitkomst: geen regel is van toepassing en er is geen standaard\n");
            break;
        case HV_S_ERROR: {
            hv_buf_printf(&b, "fout: %s", hv_error_message((hv_errcode)r->err));
            if (r->rule >= 0) hv_buf_printf(&b, " in regel %s", p->rules[r->rule].name);
            if (r->err_node >= 0) {
                char where[300];
                hv_src_where((hv_srcset *)&p->src, p->nodes[r->err_node].loc, where, sizeof where);
                hv_buf_printf(&b, ", bij '%s' (%s)", hv_out_source_text(c, p->nodes[r->err_node].loc), where);
            }
            hv_buf_putc(&b, '\n');
            break;
        }
        }
        if (r->explanation) hv_buf_printf(&b, "  uitleg: %s\n", r->explanation);
        if (r->nover) {
            hv_buf_puts(&b, "  overstemd door een hogere waarde:\n");
            for (int i = 0; i < r->nover; i++) rref_line(&b, p, &r->over[i], "wilde");
        }
        if (flags & HV_JSON_TRACE) trace_text(&b, c, r);
    }
    *out = b;
}

char *hv_result_text(hv_ctx *c, int flags)
{
    const hv_program *p = c->p;
    hv_buf b;
    hv_buf_init(&b);
    char date[64];
    hv_fmt_date_nl(c->peil, date);
    hv_buf_printf(&b, "%s", p->name);
    if (p->version) hv_buf_printf(&b, " (versie %s)", p->version);
    hv_buf_printf(&b, ", peildatum %s\n", date);
    for (int d = 0; d < p->ndecs; d++) {
        hv_buf_putc(&b, '\n');
        hv_out_decision_text(&b, c, d, flags);
    }
    hv_out_safeguards_text(&b, c);
    return hv_buf_take(&b);
}

/* The safeguards and, when needed, the call for review. */
void hv_out_safeguards_text(hv_buf *out, hv_ctx *c)
{
    const hv_program *p = c->p;
    hv_buf b = *out;
    if (p->nsafe) {
        hv_buf_puts(&b, "\nwaarborgen:\n");
        for (int s = 0; s < p->nsafe; s++) {
            hv_value v = c->safe[s];
            const char *mark = v.k == HV_V_BOOL ? (v.i ? "ok        " : "GESCHONDEN")
                             : v.k == HV_V_ERROR ? "fout      " : "onbekend  ";
            hv_buf_printf(&b, "  %s %s: %s\n", mark, p->safe[s].name, p->safe[s].text);
            if (v.k == HV_V_ERROR) {
                char where[300];
                hv_src_where((hv_srcset *)&p->src, p->nodes[v.node].loc, where, sizeof where);
                hv_buf_printf(&b, "             %s, bij '%s' (%s)\n", hv_error_message((hv_errcode)v.err),
                              hv_out_source_text(c, p->nodes[v.node].loc), where);
            }
        }
    }
    if (c->review)
        hv_buf_puts(&b, "\nLet op: een persoon moet dit besluit beoordelen (een waarborg is geschonden of onbekend).\n");
    *out = b;
}
