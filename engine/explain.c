/* explain.c — the answers a consulent asks for, in Dutch: why, why not,
 * what changes if, which facts are known, the values and rules, the source of
 * a declaration, and the next question of the interview. Everything is read
 * from the last evaluation in a context; nothing here decides. */
#include "eval_int.h"

#include <stdio.h>
#include <string.h>

/* ---- names ----------------------------------------------------------------- */

int hv_names_count(const hv_program *p, hv_namekind k)
{
    switch (k) {
    case HV_NAME_FACT: return p->nfacts;
    case HV_NAME_DEFINITION: return p->ndefs;
    case HV_NAME_DECISION: return p->ndecs;
    case HV_NAME_VALUE: return p->nvalues;
    case HV_NAME_RULE: return p->nrules;
    case HV_NAME_SAFEGUARD: return p->nsafe;
    }
    return 0;
}

const char *hv_names_get(const hv_program *p, hv_namekind k, int i)
{
    if (i < 0 || i >= hv_names_count(p, k)) return NULL;
    switch (k) {
    case HV_NAME_FACT: return p->facts[i].name;
    case HV_NAME_DEFINITION: return p->defs[i].name;
    case HV_NAME_DECISION: return p->decs[i].name;
    case HV_NAME_VALUE: return p->values[i].name;
    case HV_NAME_RULE: return p->rules[i].name;
    case HV_NAME_SAFEGUARD: return p->safe[i].name;
    }
    return NULL;
}

int hv_names_find(const hv_program *p, hv_namekind k, const char *name)
{
    int n = hv_names_count(p, k);
    for (int i = 0; i < n; i++)
        if (strcmp(hv_names_get(p, k, i), name) == 0) return i;
    return -1;
}

static int type_words(const hv_program *p, hv_type t, const char **out, int max);

int hv_fact_words(const hv_program *p, int fact, const char **out, int max)
{
    if (fact < 0 || fact >= p->nfacts) return 0;
    return type_words(p, p->facts[fact].ty, out, max);
}

static int type_words(const hv_program *p, hv_type t, const char **out, int max)
{
    if (t.kind == HV_TY_BOOL) {
        if (max > 0) out[0] = "ja";
        if (max > 1) out[1] = "nee";
        return 2;
    }
    if (t.kind != HV_TY_CHOICE) return 0;
    const hv_choice_set *cs = &p->choices[t.choice];
    for (int i = 0; i < cs->n && i < max; i++) out[i] = p->syms[cs->members[i]];
    return cs->n;
}

int hv_decision_words(const hv_program *p, int d, const char **out, int max)
{
    if (d < 0 || d >= p->ndecs) return 0;
    return type_words(p, p->decs[d].ty, out, max);
}

int hv_fact_is_text(const hv_program *p, int fact)
{
    return fact >= 0 && fact < p->nfacts && p->facts[fact].ty.kind == HV_TY_TEXT;
}

const char *hv_fact_question(const hv_program *p, int fact)
{
    return fact >= 0 && fact < p->nfacts ? p->facts[fact].vraag : NULL;
}

/* ---- helpers ------------------------------------------------------------------ */

/* The source text at loc with line breaks and runs of spaces folded. */
static void src_fold(hv_buf *b, const hv_program *p, hv_loc loc)
{
    size_t n;
    const char *s = hv_src_slice((hv_srcset *)&p->src, loc, &n);
    int space = 0;
    size_t start = b->len;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') { space = 1; continue; }
        if (space && b->len > start) hv_buf_putc(b, ' ');
        space = 0;
        hv_buf_putc(b, ch);
    }
}

static void value_ref(hv_buf *b, const hv_program *p, int v)
{
    if (v < 0) { hv_buf_puts(b, "?"); return; }
    hv_out_value_line(b, p, v);
}

static const char *outcome_nl(const hv_program *p, const hv_rtrace *t, char *tmp)
{
    return t->judgement ? "ter beoordeling" : hv_value_nl(p, t->outcome, tmp);
}

/* The facts that keep a condition unknown, with their questions. */
static void open_facts(hv_buf *b, hv_ctx *c, int32_t cond, const char *indent)
{
    if (cond < 0) return;
    hv_eval_unknown_facts(c, cond);
    for (int f = 0; f < c->p->nfacts; f++)
        if (c->seen[f]) {
            const hv_fact *fa = &c->p->facts[f];
            hv_buf_printf(b, "%s- %s%s%s\n", indent, fa->name, fa->vraag ? ": " : "", fa->vraag ? fa->vraag : "");
            c->seen[f] = 0;
        }
    for (int d = 0; d < c->p->ndecs; d++) c->seen_dec[d] = 0;
}

/* "onwaar: COND (facts)" for a rule that did not apply, with the definitions
 * it went through. */
static void why_false(hv_buf *b, hv_ctx *c, int32_t cond, const char *indent)
{
    int32_t via[16];
    int nvia = 0;
    int32_t node = hv_out_first_false(c, cond, via, &nvia);
    hv_buf_printf(b, "%sniet waar: %s", indent, hv_out_source_text(c, c->p->nodes[node].loc));
    hv_out_names_values(b, c, node, " (", ")");
    if (nvia) {
        hv_buf_puts(b, ", via ");
        for (int i = 0; i < nvia; i++) hv_buf_printf(b, "%s%s", i ? " en " : "", c->p->defs[via[i]].name);
    }
    hv_buf_putc(b, '\n');
}

/* "a = 1, b = ja (c = 2)": the names an expression reads with their values;
 * a definition is followed by what it read in turn, so that the facts
 * underneath are shown too. */
static int reads(hv_buf *b, hv_ctx *c, int32_t node, int first, int depth)
{
    const hv_program *p = c->p;
    int32_t names[64];
    int n = hv_out_names_read(c, node, names, 64);
    for (int i = 0; i < n; i++) {
        char tmp[64];
        hv_buf_printf(b, "%s%s = %s", first ? "" : ", ", hv_out_node_name(p, names[i]),
                      hv_value_nl(p, hv_eval_node(c, names[i]), tmp));
        first = 0;
        const hv_node *nd = &p->nodes[names[i]];
        if (nd->op == HV_OP_DEF_ && depth < 4) {
            size_t mark = b->len;
            hv_buf_puts(b, " (");
            if (reads(b, c, p->defs[nd->a].expr, 1, depth + 1)) hv_buf_putc(b, ')');
            else { b->len = mark; if (b->data) b->data[mark] = 0; }
        }
    }
    return n;
}

/* "gelezen: a = 1, b = ja" for what a rule read to apply and to give its outcome. */
static void rule_reads(hv_buf *b, hv_ctx *c, int rule, int32_t outcome_expr, const char *indent)
{
    const hv_rule *rl = &c->p->rules[rule];
    size_t before = b->len;
    hv_buf_printf(b, "%sgelezen: ", indent);
    int n = 0;
    if (rl->cond >= 0) n += reads(b, c, rl->cond, 1, 0);
    if (outcome_expr >= 0) n += reads(b, c, outcome_expr, n == 0, 0);
    if (!n) { b->len = before; if (b->data) b->data[before] = 0; return; }
    hv_buf_putc(b, '\n');
}

static int32_t outcome_expr_of(const hv_program *p, int d, int rule)
{
    const hv_decision *dc = &p->decs[d];
    for (int i = 0; i < dc->nrules; i++)
        if (dc->rules[i] == rule) return dc->rule_expr[i];
    return -1;
}

static void safeguards_short(hv_buf *b, hv_ctx *c)
{
    const hv_program *p = c->p;
    if (!p->nsafe) return;
    hv_buf_puts(b, "waarborgen:\n");
    for (int s = 0; s < p->nsafe; s++) {
        hv_value v = c->safe[s];
        hv_buf_printf(b, "  %s %s: %s\n",
                      v.k == HV_V_BOOL ? (v.i ? "ok        " : "GESCHONDEN") : v.k == HV_V_ERROR ? "fout      " : "onbekend  ",
                      p->safe[s].name, p->safe[s].text);
    }
}

/* ---- waarom ---------------------------------------------------------------------- */

static void why_one(hv_buf *b, hv_ctx *c, int d)
{
    const hv_program *p = c->p;
    const hv_dres *r = &c->dres[d];
    char tmp[64];
    hv_buf_printf(b, "%s: ", p->decs[d].name);
    switch ((hv_status)r->status) {
    case HV_S_DECIDED:
    case HV_S_JUDGEMENT: {
        if (r->status == HV_S_DECIDED) hv_buf_printf(b, "%s\n  besloten door regel %s, volgens ", hv_value_nl(p, r->outcome, tmp), p->rules[r->rule].name);
        else hv_buf_printf(b, "ter beoordeling door een persoon\n  regel %s legt het bij een persoon, volgens ", p->rules[r->rule].name);
        value_ref(b, p, r->value);
        hv_buf_putc(b, '\n');
        if (p->values[r->value].bron) hv_buf_printf(b, "  bron van de waarde: %s\n", p->values[r->value].bron);
        if (p->rules[r->rule].bron) hv_buf_printf(b, "  bron van de regel: %s\n", p->rules[r->rule].bron);
        rule_reads(b, c, r->rule, outcome_expr_of(p, d, r->rule), "  ");
        if (r->explanation) hv_buf_printf(b, "  uitleg: %s\n", r->explanation);
        /* other rules at the same rank that agree */
        for (int i = 0; i < r->ntrace; i++) {
            const hv_rtrace *t = &r->trace[i];
            if (t->state == HV_R_DECIDED && t->rule != r->rule)
                hv_buf_printf(b, "  ook regel %s (volgens %s) geeft %s\n", p->rules[t->rule].name,
                              p->values[p->rules[t->rule].value].name, outcome_nl(p, t, tmp));
        }
        if (r->status == HV_S_JUDGEMENT && r->nconf) {
            hv_buf_puts(b, "  wat de andere regels op die rang zouden geven:\n");
            for (int i = 0; i < r->nconf; i++)
                hv_buf_printf(b, "    - %s: %s\n", p->rules[r->conf[i].rule].name,
                              r->conf[i].judgement ? "ter beoordeling" : hv_value_nl(p, r->conf[i].outcome, tmp));
        }
        break;
    }
    case HV_S_DEFAULT:
        hv_buf_printf(b, "%s (de standaard)\n", hv_value_nl(p, r->outcome, tmp));
        if (r->explanation) hv_buf_printf(b, "  uitleg: %s\n", r->explanation);
        hv_buf_puts(b, "  geen regel is van toepassing:\n");
        break;
    case HV_S_NONE:
        hv_buf_puts(b, "geen uitkomst\n  geen regel is van toepassing en er is geen standaard:\n");
        break;
    case HV_S_CONFLICT:
        hv_buf_puts(b, "conflict\n  waarden van gelijke rang trekken uit elkaar; een persoon weegt af:\n");
        for (int i = 0; i < r->nconf; i++) {
            int rule = r->conf[i].rule;
            hv_buf_printf(b, "    - regel %s volgens ", p->rules[rule].name);
            value_ref(b, p, p->rules[rule].value);
            hv_buf_printf(b, " wil %s\n", hv_value_nl(p, r->conf[i].outcome, tmp));
            rule_reads(b, c, rule, outcome_expr_of(p, d, rule), "      ");
        }
        break;
    case HV_S_UNDETERMINED: {
        hv_buf_puts(b, "onbepaald\n");
        int nopen = 0;
        for (int i = 0; i < r->ntrace; i++) {
            const hv_rtrace *t = &r->trace[i];
            if (t->state != HV_R_OPEN || !t->matters) continue;
            hv_buf_printf(b, "  regel %s (volgens %s) kan nog van toepassing zijn; nodig:\n", p->rules[t->rule].name,
                          p->values[p->rules[t->rule].value].name);
            open_facts(b, c, p->rules[t->rule].cond, "    ");
            nopen++;
        }
        if (r->nmissing && nopen != 1) {
            hv_buf_puts(b, "  alle ontbrekende gegevens:\n");
            for (int i = 0; i < r->nmissing; i++) {
                const hv_fact *fa = &p->facts[r->missing[i]];
                hv_buf_printf(b, "    - %s%s%s\n", fa->name, fa->vraag ? ": " : "", fa->vraag ? fa->vraag : "");
            }
        }
        for (int i = 0; i < r->nwaiting; i++)
            hv_buf_printf(b, "  wacht op besluit %s (%s)\n", p->decs[r->waiting[i]].name,
                          hv_status_nl((hv_status)c->dres[r->waiting[i]].status));
        break;
    }
    case HV_S_ERROR:
        hv_buf_printf(b, "fout: %s\n", hv_error_message((hv_errcode)r->err));
        if (r->rule >= 0) hv_buf_printf(b, "  in regel %s\n", p->rules[r->rule].name);
        if (r->err_node >= 0) {
            char where[300];
            hv_src_where((hv_srcset *)&p->src, p->nodes[r->err_node].loc, where, sizeof where);
            hv_buf_printf(b, "  bij '%s' (%s)", hv_out_source_text(c, p->nodes[r->err_node].loc), where);
            hv_out_names_values(b, c, r->err_node, " met ", "");
            hv_buf_putc(b, '\n');
        }
        break;
    }
    /* the rules that did not count, with their reason */
    int header = 0;
    for (int i = 0; i < r->ntrace; i++) {
        const hv_rtrace *t = &r->trace[i];
        const hv_rule *rl = &p->rules[t->rule];
        if (t->state == HV_R_OVERRULED) {
            if (!header++) hv_buf_puts(b, "  niet gevolgd:\n");
            hv_buf_printf(b, "    - regel %s volgens ", rl->name);
            value_ref(b, p, rl->value);
            hv_buf_printf(b, " wilde %s; overstemd door een hogere waarde\n", outcome_nl(p, t, tmp));
            rule_reads(b, c, t->rule, t->judgement ? -1 : outcome_expr_of(p, d, t->rule), "      ");
        } else if (t->state == HV_R_SET_ASIDE) {
            if (!header++) hv_buf_puts(b, "  niet gevolgd:\n");
            hv_buf_printf(b, "    - regel %s: opzij gezet door de uitzondering %s\n", rl->name, p->rules[t->by].name);
        } else if (t->state == HV_R_NOT_APPLICABLE && (r->status == HV_S_DEFAULT || r->status == HV_S_NONE) &&
                   hv_out_outside(c, t->rule)) {
            char *v = hv_out_validity(p, t->rule);
            hv_buf_printf(b, "    - regel %s: %s, niet op de peildatum\n", rl->name, v ? v : "");
            hv_mem_free(v);
        } else if (t->state == HV_R_NOT_APPLICABLE &&
                   (r->status == HV_S_DEFAULT || r->status == HV_S_NONE) && rl->cond >= 0) {
            hv_buf_printf(b, "    - regel %s: ", rl->name);
            why_false(b, c, rl->cond, "");
        }
    }
}

char *hv_explain_why(hv_ctx *c, int d)
{
    hv_buf b;
    hv_buf_init(&b);
    if (d >= 0) {
        why_one(&b, c, d);
    } else {
        for (int i = 0; i < c->p->ndecs; i++) {
            if (i) hv_buf_putc(&b, '\n');
            why_one(&b, c, i);
        }
    }
    if (c->p->nsafe) {
        hv_buf_putc(&b, '\n');
        safeguards_short(&b, c);
    }
    if (c->review)
        hv_buf_puts(&b, "\nLet op: een persoon moet dit besluit beoordelen (een waarborg is geschonden of onbekend).\n");
    return hv_buf_take(&b);
}

char *hv_explain_decision(hv_ctx *c, int d)
{
    hv_buf b;
    hv_buf_init(&b);
    hv_out_decision_text(&b, c, d, 0);
    return hv_buf_take(&b);
}

/* ---- waaromniet -------------------------------------------------------------------- */

char *hv_explain_whynot(hv_ctx *c, int d, const char *outcome, char *err, size_t errlen)
{
    const hv_program *p = c->p;
    const hv_dres *r = &c->dres[d];
    int want_judgement = strcmp(outcome, "ter beoordeling") == 0 || strcmp(outcome, "for judgement") == 0;
    hv_value want = hv_unknown();
    if (!want_judgement && hv_decision_parse(p, d, outcome, &want, err, errlen)) return NULL;
    hv_buf b;
    hv_buf_init(&b);
    char tmp[64], tmp2[64];
    const char *name = p->decs[d].name;
    const char *wtxt = want_judgement ? "ter beoordeling" : hv_value_nl(p, want, tmp2);
    if ((r->status == HV_S_DECIDED || r->status == HV_S_DEFAULT) && !want_judgement &&
        hv_value_equal(r->outcome, want)) {
        hv_buf_printf(&b, "%s is al %s", name, wtxt);
        if (r->status == HV_S_DECIDED) hv_buf_printf(&b, " (regel %s)", p->rules[r->rule].name);
        else hv_buf_puts(&b, " (de standaard)");
        hv_buf_puts(&b, "; vraag 'waarom' voor de uitleg.\n");
        return hv_buf_take(&b);
    }
    if (want_judgement && r->status == HV_S_JUDGEMENT) {
        hv_buf_printf(&b, "%s ligt al ter beoordeling (regel %s).\n", name, p->rules[r->rule].name);
        return hv_buf_take(&b);
    }
    hv_buf_printf(&b, "waarom niet %s = %s?\n", name, wtxt);
    int found = 0;
    for (int i = 0; i < r->ntrace; i++) {
        const hv_rtrace *t = &r->trace[i];
        const hv_rule *rl = &p->rules[t->rule];
        int32_t ox = p->decs[d].rule_expr[i];
        int gives, maybe = 0;
        if (want_judgement) {
            gives = t->judgement;
        } else if (t->judgement) {
            gives = 0;
        } else {
            hv_value o = hv_eval_node(c, ox);
            gives = o.k != HV_V_UNKNOWN && o.k != HV_V_ERROR && hv_value_equal(o, want);
            maybe = o.k == HV_V_UNKNOWN;
        }
        if (!gives && !maybe) continue;
        found++;
        hv_buf_printf(&b, "  regel %s (volgens ", rl->name);
        value_ref(&b, p, rl->value);
        hv_buf_printf(&b, ")%s:\n", maybe ? " zou het kunnen geven, maar de uitkomst is nog onbekend" : "");
        switch ((hv_rstate)t->state) {
        case HV_R_NOT_APPLICABLE:
            if (hv_out_outside(c, t->rule)) {
                char *v = hv_out_validity(p, t->rule);
                hv_buf_printf(&b, "    niet van toepassing: deze regel is %s, niet op de peildatum\n", v ? v : "");
                hv_mem_free(v);
                break;
            }
            hv_buf_puts(&b, "    niet van toepassing:\n");
            why_false(&b, c, rl->cond, "      ");
            break;
        case HV_R_OVERRULED: {
            hv_buf_printf(&b, "    van toepassing, maar overstemd door regel %s volgens de hogere waarde ",
                          t->by >= 0 ? p->rules[t->by].name : "?");
            value_ref(&b, p, t->by >= 0 ? p->rules[t->by].value : -1);
            hv_buf_putc(&b, '\n');
            break;
        }
        case HV_R_SET_ASIDE:
            hv_buf_printf(&b, "    van toepassing, maar opzij gezet door de uitzondering %s\n", p->rules[t->by].name);
            if (p->rules[t->by].cond >= 0) {
                hv_buf_puts(&b, "      ");
                hv_out_names_values(&b, c, p->rules[t->by].cond, "want: ", "\n");
            }
            break;
        case HV_R_OPEN:
            hv_buf_printf(&b, "    open: het hangt af van gegevens die nog ontbreken%s\n",
                          t->matters ? "" : " (met wat nu bekend is, gaat een andere regel voor)");
            open_facts(&b, c, rl->cond, "      ");
            break;
        case HV_R_CONFLICT:
            hv_buf_puts(&b, "    van toepassing, maar in conflict met een regel van gelijke rang die iets anders wil\n");
            break;
        case HV_R_JUDGEMENT:
            hv_buf_puts(&b, "    van toepassing, maar een regel van gelijke rang legt het besluit bij een persoon\n");
            break;
        case HV_R_APPLICABLE:
            hv_buf_puts(&b, "    van toepassing, maar het besluit wacht nog op ontbrekende gegevens\n");
            break;
        case HV_R_ERROR:
            hv_buf_printf(&b, "    fout: %s\n", hv_error_message((hv_errcode)t->cond.err));
            break;
        case HV_R_DECIDED:
            hv_buf_printf(&b, "    geeft %s\n", outcome_nl(p, t, tmp));
            break;
        }
    }
    if (!found) hv_buf_printf(&b, "  geen regel kan %s = %s geven.\n", name, wtxt);
    const hv_decision *dc = &p->decs[d];
    if (dc->dflt >= 0 && !want_judgement && hv_value_equal(hv_eval_node(c, dc->dflt), want))
        hv_buf_printf(&b, "  %s is de standaard; die geldt alleen als geen regel van toepassing is.\n", wtxt);
    return hv_buf_take(&b);
}

/* ---- watals ----------------------------------------------------------------------------- */

static void state_short(hv_buf *b, const hv_program *p, const hv_dres *r)
{
    char tmp[64];
    switch ((hv_status)r->status) {
    case HV_S_DECIDED:
        hv_buf_printf(b, "%s (volgens %s)", hv_value_nl(p, r->outcome, tmp), p->values[r->value].name);
        break;
    case HV_S_DEFAULT: hv_buf_printf(b, "%s (standaard)", hv_value_nl(p, r->outcome, tmp)); break;
    default: hv_buf_puts(b, hv_status_nl((hv_status)r->status)); break;
    }
}

char *hv_explain_outcome_short(hv_ctx *c, int d)
{
    hv_buf b;
    hv_buf_init(&b);
    state_short(&b, c->p, &c->dres[d]);
    return hv_buf_take(&b);
}

char *hv_explain_diff(hv_ctx *a, hv_ctx *z)
{
    const hv_program *p = a->p;
    hv_buf b;
    hv_buf_init(&b);
    int changes = 0;
    for (int d = 0; d < p->ndecs; d++) {
        const hv_dres *x = &a->dres[d], *y = &z->dres[d];
        int same = x->status == y->status && hv_value_equal(x->outcome, y->outcome) && x->value == y->value &&
                   x->rule == y->rule;
        if (same) continue;
        changes++;
        hv_buf_printf(&b, "%s: ", p->decs[d].name);
        state_short(&b, p, x);
        hv_buf_puts(&b, " -> ");
        state_short(&b, p, y);
        hv_buf_putc(&b, '\n');
        if (y->rule >= 0 && (y->status == HV_S_DECIDED || y->status == HV_S_JUDGEMENT))
            hv_buf_printf(&b, "  regel %s\n", p->rules[y->rule].name);
        if (y->explanation) hv_buf_printf(&b, "  uitleg: %s\n", y->explanation);
        if (y->status == HV_S_UNDETERMINED && y->nmissing) {
            hv_buf_puts(&b, "  nog nodig: ");
            for (int i = 0; i < y->nmissing; i++)
                hv_buf_printf(&b, "%s%s", i ? ", " : "", p->facts[y->missing[i]].name);
            hv_buf_putc(&b, '\n');
        }
    }
    for (int s = 0; s < p->nsafe; s++) {
        hv_value x = a->safe[s], y = z->safe[s];
        if (hv_value_equal(x, y) || (x.k == HV_V_ERROR && y.k == HV_V_ERROR)) continue;
        changes++;
        hv_buf_printf(&b, "waarborg %s: %s -> %s\n", p->safe[s].name,
                      x.k == HV_V_BOOL ? (x.i ? "ok" : "geschonden") : "onbekend",
                      y.k == HV_V_BOOL ? (y.i ? "ok" : "geschonden") : "onbekend");
    }
    if (!changes) hv_buf_puts(&b, "Geen besluit en geen waarborg verandert.\n");
    return hv_buf_take(&b);
}

/* ---- feiten, waarden, regels, toon ------------------------------------------------------- */

char *hv_explain_facts(const hv_program *p, const hv_case *c)
{
    hv_buf b;
    hv_buf_init(&b);
    char tmp[64];
    int known = 0;
    for (int f = 0; f < p->nfacts; f++) known += c->facts[f].k != HV_V_UNKNOWN;
    if (c->has_peildatum) {
        hv_fmt_date_nl(c->peildatum, tmp);
        hv_buf_printf(&b, "peildatum: %s\n", tmp);
    }
    if (known) {
        hv_buf_puts(&b, "bekend:\n");
        for (int f = 0; f < p->nfacts; f++)
            if (c->facts[f].k != HV_V_UNKNOWN)
                hv_buf_printf(&b, "  %s = %s\n", p->facts[f].name, hv_value_nl(p, c->facts[f], tmp));
    } else {
        hv_buf_puts(&b, "nog geen feiten bekend\n");
    }
    if (known < p->nfacts) {
        hv_buf_puts(&b, "onbekend:\n");
        for (int f = 0; f < p->nfacts; f++) {
            if (c->facts[f].k != HV_V_UNKNOWN) continue;
            char ty[256];
            hv_buf_printf(&b, "  %s (%s)", p->facts[f].name, hv_type_desc(p, p->facts[f].ty, ty, sizeof ty));
            if (p->facts[f].vraag) hv_buf_printf(&b, ": %s", p->facts[f].vraag);
            hv_buf_putc(&b, '\n');
        }
    }
    return hv_buf_take(&b);
}

int *hv_program_rank_order(const hv_program *p)
{
    int *o = hv_mem_alloc((size_t)(p->nvalues + 1) * sizeof *o);
    if (!o) return NULL;
    for (int i = 0; i < p->nvalues; i++) {
        int j = i;
        while (j > 0 && p->values[o[j - 1]].rank > p->values[i].rank) { o[j] = o[j - 1]; j--; }
        o[j] = i;
    }
    return o;
}

char *hv_explain_values(const hv_program *p)
{
    hv_buf b;
    hv_buf_init(&b);
    int *order = hv_program_rank_order(p);
    if (!order) return NULL;
    for (int k = 0; k < p->nvalues; k++) {
        int v = order[k];
        const hv_vdecl *w = &p->values[v];
        int nrules = 0;
        for (int r = 0; r < p->nrules; r++) nrules += p->rules[r].value == v;
        hv_buf_printf(&b, "%2d. %s: \"%s\"\n", w->rank + 1, w->name, w->text ? w->text : "");
        if (w->bron) hv_buf_printf(&b, "    bron: %s\n", w->bron);
        hv_buf_printf(&b, "    %d regel%s\n", nrules, nrules == 1 ? "" : "s");
    }
    if (!p->nvalues) hv_buf_puts(&b, "geen waarden\n");
    hv_mem_free(order);
    return hv_buf_take(&b);
}

static void rule_text(hv_buf *b, const hv_program *p, int r)
{
    const hv_rule *rl = &p->rules[r];
    hv_buf_printf(b, "  regel %s", rl->name);
    if (rl->nexc) {
        hv_buf_puts(b, " (uitzondering op ");
        for (int k = 0; k < rl->nexc; k++) hv_buf_printf(b, "%s%s", k ? ", " : "", p->rules[rl->exc[k]].name);
        hv_buf_putc(b, ')');
    }
    hv_buf_puts(b, "\n    als ");
    if (rl->cond >= 0) src_fold(b, p, p->nodes[rl->cond].loc);
    else hv_buf_puts(b, "altijd");
    hv_buf_puts(b, "\n    dan ");
    for (int k = 0; k < rl->nassign; k++) {
        if (k) hv_buf_puts(b, ", ");
        hv_buf_printf(b, "%s ", p->decs[rl->assign[k].decision].name);
        if (rl->assign[k].expr < 0) hv_buf_puts(b, "ter beoordeling");
        else {
            hv_buf_puts(b, "= ");
            src_fold(b, p, p->nodes[rl->assign[k].expr].loc);
        }
    }
    hv_buf_putc(b, '\n');
    if (rl->valid_from != HV_NO_START || rl->valid_to != HV_NO_END) {
        char *v = hv_out_validity(p, r);
        hv_buf_printf(b, "    %s\n", v ? v : "");
        hv_mem_free(v);
    }
    if (rl->bron) hv_buf_printf(b, "    bron: %s\n", rl->bron);
}

char *hv_explain_rules(const hv_program *p, int value)
{
    hv_buf b;
    hv_buf_init(&b);
    int *order = hv_program_rank_order(p);
    if (!order) return NULL;
    for (int k = 0; k < p->nvalues; k++) {
        int v = order[k];
        if (value >= 0 && v != value) continue;
        hv_buf_printf(&b, "%s: \"%s\"\n", p->values[v].name, p->values[v].text ? p->values[v].text : "");
        int n = 0;
        for (int r = 0; r < p->nrules; r++)
            if (p->rules[r].value == v) { rule_text(&b, p, r); n++; }
        if (!n) hv_buf_puts(&b, "  (geen regels)\n");
    }
    hv_mem_free(order);
    return hv_buf_take(&b);
}

char *hv_explain_show(const hv_program *p, const char *name, char *err, size_t errlen)
{
    hv_loc at = HV_NOLOC;
    static const hv_namekind kinds[] = {HV_NAME_FACT, HV_NAME_DEFINITION, HV_NAME_DECISION,
                                        HV_NAME_VALUE, HV_NAME_RULE, HV_NAME_SAFEGUARD};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds && at.file < 0; k++) {
        int i = hv_names_find(p, kinds[k], name);
        if (i < 0) continue;
        switch (kinds[k]) {
        case HV_NAME_FACT: at = p->facts[i].loc; break;
        case HV_NAME_DEFINITION: at = p->defs[i].loc; break;
        case HV_NAME_DECISION: at = p->decs[i].loc; break;
        case HV_NAME_VALUE: at = p->values[i].loc; break;
        case HV_NAME_RULE: at = p->rules[i].loc; break;
        case HV_NAME_SAFEGUARD: at = p->safe[i].loc; break;
        }
    }
    if (at.file < 0) {
        snprintf(err, errlen, "'%s' is geen feit, definitie, besluit, waarde, regel of waarborg", name);
        return NULL;
    }
    const hv_source *f = &p->src.files[at.file];
    uint32_t end = (uint32_t)f->len;
    for (int i = 0; i < p->ndeclpos; i++)
        if (p->declpos[i].file == at.file && p->declpos[i].start > at.start && p->declpos[i].start < end)
            end = p->declpos[i].start;
    /* drop the blank lines and comments that lead up to the next declaration */
    uint32_t e = end;
    for (;;) {
        while (e > at.start && (f->text[e - 1] == ' ' || f->text[e - 1] == '\t' ||
                                f->text[e - 1] == '\n' || f->text[e - 1] == '\r')) e--;
        uint32_t ls = e;
        while (ls > at.start && f->text[ls - 1] != '\n') ls--;
        uint32_t k = ls;
        while (k < e && (f->text[k] == ' ' || f->text[k] == '\t')) k++;
        if (ls > at.start && k < e && f->text[k] == '#') { e = ls; continue; }
        break;
    }
    char where[300];
    hv_src_where((hv_srcset *)&p->src, at, where, sizeof where);
    hv_buf b;
    hv_buf_init(&b);
    hv_buf_printf(&b, "%s:\n", where);
    hv_buf_add(&b, f->text + at.start, e - at.start);
    hv_buf_putc(&b, '\n');
    return hv_buf_take(&b);
}

/* ---- the interview -------------------------------------------------------------------- */

int hv_next_question(hv_ctx *c)
{
    for (int d = 0; d < c->p->ndecs; d++) {
        const hv_dres *r = &c->dres[d];
        if (r->status == HV_S_UNDETERMINED && r->nmissing) return r->missing[0];
    }
    return -1;
}

int hv_missing_facts(hv_ctx *c, int32_t *out, int max)
{
    const hv_program *p = c->p;
    int n = 0;
    uint8_t *taken = hv_arena_alloc(&c->arena, (size_t)p->nfacts + 1);
    if (!taken) return 0;
    for (int d = 0; d < p->ndecs; d++) {
        const hv_dres *r = &c->dres[d];
        if (r->status != HV_S_UNDETERMINED) continue;
        for (int i = 0; i < r->nmissing; i++)
            if (!taken[r->missing[i]]) {
                taken[r->missing[i]] = 1;
                if (n < max) out[n] = r->missing[i];
                n++;
            }
    }
    /* then the facts that would settle a safeguard that is still unknown */
    for (int s = 0; s < p->nsafe; s++) {
        if (c->safe[s].k != HV_V_UNKNOWN) continue;
        if (p->safe[s].cond >= 0) hv_eval_unknown_facts(c, p->safe[s].cond);
        hv_eval_unknown_facts(c, p->safe[s].expr);
        for (int f = 0; f < p->nfacts; f++)
            if (c->seen[f]) {
                c->seen[f] = 0;
                if (taken[f]) continue;
                taken[f] = 1;
                if (n < max) out[n] = f;
                n++;
            }
        for (int d = 0; d < p->ndecs; d++) c->seen_dec[d] = 0;
    }
    return n;
}

hv_status hv_decision_status(hv_ctx *c, int d)
{
    return (hv_status)c->dres[d].status;
}

hv_value hv_decision_outcome(hv_ctx *c, int d)
{
    return c->dres[d].outcome;
}
