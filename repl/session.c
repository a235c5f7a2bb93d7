/* session.c — the REPL's commands on the rule set and the case. */
#include "session.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void hv_session_init(hv_session *s, int color)
{
    memset(s, 0, sizeof *s);
    s->color = color;
    s->question = -1;
}

static void free_files(hv_session *s)
{
    for (int i = 0; i < s->nfiles; i++) hv_mem_free(s->files[i]);
    hv_mem_free(s->files);
    s->files = NULL;
    s->nfiles = 0;
}

void hv_session_free(hv_session *s)
{
    hv_store_close(s->store);
    hv_ctx_free(s->ctx);
    hv_ctx_free(s->whatif);
    hv_case_free(s->cs);
    if (!s->borrowed) hv_program_free(s->prog);
    hv_src_free(&s->src);
    hv_mem_free(s->skipped);
    free_files(s);
    memset(s, 0, sizeof *s);
}

/* "1 feit", "3 feiten" */
static void count(hv_buf *b, int n, const char *one, const char *many)
{
    hv_buf_printf(b, "%d %s", n, n == 1 ? one : many);
}

/* Can `path` be read? Else say why, in Dutch. */
static int readable(const char *path, hv_buf *err)
{
    FILE *f = fopen(path, "r");
    if (f) { fclose(f); return 1; }
    const char *why = errno == ENOENT ? "het bestand bestaat niet" : errno == EACCES ? "geen toestemming"
                    : errno == EISDIR ? "het is een map" : strerror(errno);
    hv_buf_printf(err, "kan '%s' niet lezen: %s\n", path, why);
    return 0;
}

static void put_diags(const hv_diags *d, hv_buf *err, int color)
{
    hv_diag_render_all(d, err, color);
}

/* Make p (compiled from files) the session's rule set, the case rebound to
 * it; `borrowed`: the caller keeps p. On running out of memory nothing
 * changes and p is not taken. */
static int install(hv_session *s, hv_program *p, int borrowed, char *const *files, int n, hv_buf *out, hv_buf *err)
{
    hv_case *cs = hv_case_new(p);
    hv_ctx *ctx = hv_ctx_new(p), *wi = hv_ctx_new(p);
    uint8_t *skipped = hv_mem_alloc((size_t)hv_program_nfacts(p) + 1);
    char **names = hv_mem_alloc((size_t)n * sizeof *names);
    if (!cs || !ctx || !wi || !skipped || !names) {
        hv_case_free(cs); hv_ctx_free(ctx); hv_ctx_free(wi); hv_mem_free(skipped); hv_mem_free(names);
        hv_buf_puts(err, "geen geheugen\n");
        return -1;
    }
    memset(skipped, 0, (size_t)hv_program_nfacts(p) + 1);
    for (int i = 0; i < n; i++) names[i] = hv_mem_strdup(files[i]);
    hv_buf dropped;
    hv_buf_init(&dropped);
    if (s->cs) hv_case_rebind(cs, s->cs, &dropped);
    else if (s->has_peildatum) hv_case_set_peildatum(cs, s->peildatum);
    hv_ctx_free(s->ctx);
    hv_ctx_free(s->whatif);
    hv_case_free(s->cs);
    if (!s->borrowed) hv_program_free(s->prog);
    hv_mem_free(s->skipped);
    free_files(s);
    s->prog = p;
    s->borrowed = borrowed;
    s->cs = cs;
    s->ctx = ctx;
    s->whatif = wi;
    s->skipped = skipped;
    s->files = names;
    s->nfiles = n;
    s->evaluated = 0;
    s->asking = 0;
    s->question = -1;
    hv_buf_printf(out, "geladen: %s", hv_program_name(p));
    if (hv_program_version(p)) hv_buf_printf(out, " (versie %s)", hv_program_version(p));
    hv_buf_puts(out, " — ");
    count(out, hv_program_nfacts(p), "feit", "feiten");
    hv_buf_puts(out, ", ");
    count(out, hv_program_ndecisions(p), "besluit", "besluiten");
    hv_buf_puts(out, ", ");
    count(out, hv_program_nrules(p), "regel", "regels");
    hv_buf_puts(out, ", ");
    count(out, hv_program_nvalues(p), "waarde", "waarden");
    hv_buf_putc(out, '\n');
    if (dropped.len) hv_buf_printf(out, "niet meer in de regels, dus vergeten: %s\n", dropped.data);
    hv_buf_free(&dropped);
    return 0;
}

int hv_session_load(hv_session *s, char *const *files, int n, hv_buf *out, hv_buf *err)
{
    int ok = 1;
    for (int i = 0; i < n; i++) ok &= readable(files[i], err);
    if (!ok) {
        hv_buf_printf(err, "%s\n", s->prog ? "de vorige regels en de casus blijven staan" : "er zijn nog geen regels geladen");
        return -1;
    }
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    hv_program *p = hv_compile_files((const char *const *)files, n, &src, &d);
    if (!p) {
        put_diags(&d, err, s->color);
        hv_buf_printf(err, "%d fout%s; %s\n", d.nerrors, d.nerrors == 1 ? "" : "en",
                      s->prog ? "de vorige regels en de casus blijven staan" : "er zijn nog geen regels geladen");
        hv_diags_free(&d);
        hv_src_free(&src);
        return -1;
    }
    hv_diags_free(&d);
    hv_src_free(&src);
    if (install(s, p, 0, files, n, out, err) != 0) {
        hv_program_free(p);
        return -1;
    }
    return 0;
}

int hv_session_use(hv_session *s, hv_program *p, char *const *files, int n, hv_buf *out, hv_buf *err)
{
    return install(s, p, 1, files, n, out, err);
}

static int need_rules(hv_session *s, hv_buf *err)
{
    if (s->prog) return 0;
    hv_buf_puts(err, "er zijn nog geen regels geladen; gebruik 'laad BESTAND.hv'\n");
    return -1;
}

/* The case carries the peildatum (so that it is saved with it); the session
 * keeps the last one set, for a new or loaded case without one. */
static int32_t peildatum_of(hv_session *s)
{
    (void)s;
    return HV_PEIL_CASE;
}

static int evaluate(hv_session *s, hv_buf *err)
{
    if (s->evaluated) return 0;
    if (hv_eval(s->ctx, s->cs, peildatum_of(s), HV_EVAL_TRACE)) {
        hv_buf_puts(err, "geen geheugen om te besluiten\n");
        return -1;
    }
    s->evaluated = 1;
    s->last_record = 0;        /* a new result: not stored yet */
    return 0;
}

static int find_named(hv_session *s, hv_namekind k, const char *name, const char *what, hv_buf *err)
{
    int i = hv_names_find(s->prog, k, name);
    if (i >= 0) return i;
    /* het feit, het besluit: onbekend; de waarde, de regel: onbekende */
    hv_clipbuf cb;
    hv_buf_printf(err, "onbekend%s %s '%s'", k == HV_NAME_FACT || k == HV_NAME_DECISION ? "" : "e", what,
                  hv_clip(name, &cb));
    int n = hv_names_count(s->prog, k);
    const char **cands = hv_mem_alloc((size_t)(n + 1) * sizeof *cands);
    if (cands) {
        for (int j = 0; j < n; j++) cands[j] = hv_names_get(s->prog, k, j);
        const char *m = hv_did_you_mean(name, cands, n);
        if (m) hv_buf_printf(err, "; bedoelt u '%s'?", m);
        hv_mem_free(cands);
    }
    hv_buf_putc(err, '\n');
    return -1;
}

/* Check and apply assignments to a case: all or nothing. */
static int apply(hv_session *s, hv_case *cs, const hv_cmdline *c, hv_buf *out, hv_buf *err)
{
    int *facts = hv_mem_alloc((size_t)(c->nassign + 1) * sizeof *facts);
    if (!facts) { hv_buf_puts(err, "geen geheugen\n"); return -1; }
    int bad = 0;
    for (int i = 0; i < c->nassign; i++) {
        facts[i] = hv_names_find(s->prog, HV_NAME_FACT, c->assign[i].fact);
        if (facts[i] < 0 && strcmp(c->assign[i].fact, "peildatum") == 0) facts[i] = -2;
        if (facts[i] == -1) {
            const char *f = c->assign[i].fact;
            if (hv_names_find(s->prog, HV_NAME_DEFINITION, f) >= 0 || hv_names_find(s->prog, HV_NAME_DECISION, f) >= 0)
                hv_buf_printf(err, "'%s' is geen feit maar wordt uit de feiten afgeleid\n", f);
            else
                find_named(s, HV_NAME_FACT, f, "feit", err);
            bad = 1;
        }
    }
    /* try every value on a scratch copy first, so a bad one changes nothing */
    hv_case *tmp = bad ? NULL : hv_case_new(s->prog);
    if (!bad && (!tmp || hv_case_copy(tmp, cs))) { hv_buf_puts(err, "geen geheugen\n"); bad = 1; }
    for (int i = 0; !bad && i < c->nassign; i++) {
        char msg[400];
        if (facts[i] == -2) {
            int32_t day;
            if (hv_date_parse(c->assign[i].value, &day)) {
                hv_clipbuf cb;
                hv_buf_printf(err, "peildatum: '%s' is geen datum als JJJJ-MM-DD; er is niets veranderd\n",
                              hv_clip(c->assign[i].value, &cb));
                bad = 1;
            } else {
                hv_case_set_peildatum(tmp, day);
            }
            continue;
        }
        if (hv_case_set_text(tmp, facts[i], c->assign[i].value, msg, sizeof msg)) {
            hv_buf_printf(err, "%s: %s; er is niets veranderd\n", c->assign[i].fact, msg);
            bad = 1;
        }
    }
    if (!bad) {
        hv_case_copy(cs, tmp);
        if (out)
            for (int i = 0; i < c->nassign; i++) {
                char val[128];
                if (facts[i] == -2) {
                    int32_t day = 0;
                    hv_case_has_peildatum(cs, &day);
                    hv_fmt_date_nl(day, val);
                    hv_buf_printf(out, "peildatum = %s\n", val);
                } else {
                    hv_buf_printf(out, "%s = %s\n", c->assign[i].fact, hv_case_value_text(cs, facts[i], val, sizeof val));
                }
            }
    }
    hv_case_free(tmp);
    hv_mem_free(facts);
    return bad ? -1 : 0;
}

static void help_text(hv_buf *out, const char *topic)
{
    if (topic && *topic) {
        hv_rcmd c = hv_cmdline_lookup(topic);
        if (c == HV_RC_NONE && (strcmp(topic, "casus") == 0 || strcmp(topic, "case") == 0)) c = HV_RC_CASE_LOAD;
        if (c != HV_RC_NONE) {
            hv_buf_printf(out, "%s\n  %s\n", hv_cmdline_usage(c), hv_cmdline_help(c));
            if (*hv_cmdline_alias(c)) hv_buf_printf(out, "  Engels: %s\n", hv_cmdline_alias(c));
            if (c == HV_RC_CASE_LOAD)
                hv_buf_printf(out, "%s\n  %s\n  Engels: %s\n", hv_cmdline_usage(HV_RC_CASE_SAVE),
                              hv_cmdline_help(HV_RC_CASE_SAVE), hv_cmdline_alias(HV_RC_CASE_SAVE));
            return;
        }
        hv_clipbuf cb;
        hv_buf_printf(out, "geen opdracht '%s'; typ 'help' voor de lijst\n", hv_clip(topic, &cb));
        return;
    }
    hv_buf_puts(out, "Opdrachten (Engelse namen tussen haakjes):\n");
    for (int i = 0; i < HV_RC_COUNT; i++) {
        hv_rcmd c = (hv_rcmd)i;
        char left[160];
        if (*hv_cmdline_alias(c)) snprintf(left, sizeof left, "%s (%s)", hv_cmdline_usage(c), hv_cmdline_alias(c));
        else snprintf(left, sizeof left, "%s", hv_cmdline_usage(c));
        if (strlen(left) > 42) hv_buf_printf(out, "  %s\n  %-42s %s\n", left, "", hv_cmdline_help(c));
        else hv_buf_printf(out, "  %-42s %s\n", left, hv_cmdline_help(c));
    }
    hv_buf_puts(out, "Tab vult opdrachten, namen en keuzes aan; Ctrl-C breekt een regel of het vraaggesprek af; "
                     "Ctrl-D of 'stop' verlaat de REPL.\n");
}

static int write_file_atomic(const char *path, const char *text, hv_buf *err)
{
    size_t n = strlen(path) + 16;
    char *tmp = hv_mem_alloc(n);
    if (!tmp) { hv_buf_puts(err, "geen geheugen\n"); return -1; }
    snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    int ok = f && fputs(text, f) >= 0;
    if (f && fclose(f) != 0) ok = 0;
    if (ok && rename(tmp, path) != 0) ok = 0;
    if (!ok) {
        hv_buf_printf(err, "kan '%s' niet schrijven: %s\n", path, strerror(errno));
        unlink(tmp);
    }
    hv_mem_free(tmp);
    return ok ? 0 : -1;
}

typedef struct load_one {
    hv_case *into;
    int count;
} load_one;

static int take_case(void *ud, hv_case *c, int line)
{
    (void)line;
    load_one *lo = ud;
    if (lo->count++ == 0) hv_case_copy(lo->into, c);
    return 0;
}

static int case_load(hv_session *s, const char *path, hv_buf *out, hv_buf *err)
{
    if (!readable(path, err)) {
        hv_buf_puts(err, "de casus is niet veranderd\n");
        return -1;
    }
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    hv_case *tmp = hv_case_new(s->prog);
    load_one lo = {tmp, 0};
    int bad = tmp ? hv_case_read_file(s->prog, path, take_case, &lo, &d) : -1;
    int rc = 0;
    if (bad != 0 || lo.count != 1) {
        put_diags(&d, err, s->color);
        if (bad == 0 && lo.count > 1)
            hv_buf_printf(err, "'%s' bevat %d casussen; laad er één (een .json-bestand)\n", path, lo.count);
        else if (bad == 0)
            hv_buf_printf(err, "'%s' bevat geen casus\n", path);
        hv_buf_puts(err, "de casus is niet veranderd\n");
        rc = -1;
    } else {
        hv_case_copy(s->cs, tmp);
        if (!hv_case_has_peildatum(s->cs, NULL) && s->has_peildatum) hv_case_set_peildatum(s->cs, s->peildatum);
        s->evaluated = 0;
        int known = 0;
        for (int f = 0; f < hv_program_nfacts(s->prog); f++) known += hv_case_known(s->cs, f);
        hv_buf_printf(out, "casus geladen uit %s: ", path);
        count(out, known, "feit", "feiten");
        hv_buf_puts(out, " bekend\n");
    }
    hv_case_free(tmp);
    hv_diags_free(&d);
    hv_src_free(&src);
    return rc;
}

static int ask_next(hv_session *s, hv_buf *out, hv_buf *err);

static int open_store(hv_session *s, hv_buf *err)
{
    if (s->store) return 0;
    char msg[600];
    s->store = hv_store_open(s->db_path ? s->db_path : "houvast.db", 1, msg, sizeof msg);
    if (!s->store) { hv_buf_printf(err, "auditlog: %s\n", msg); return -1; }
    if (s->key_path && hv_store_load_key(s->store, s->key_path, msg, sizeof msg)) {
        hv_buf_printf(err, "auditlog: %s\n", msg);
        hv_store_close(s->store);
        s->store = NULL;
        return -1;
    }
    return 0;
}

/* Store the current result, once per result. */
static int save_result(hv_session *s, hv_buf *out, hv_buf *err)
{
    if (evaluate(s, err)) return -1;
    if (s->last_record) return 0;
    if (!s->actor || !*s->actor) {
        hv_buf_puts(err, "wie bewaart dit? start de REPL met --actor NAAM of zet HOUVAST_ACTOR\n");
        return -1;
    }
    if (open_store(s, err)) return -1;
    char msg[600];
    int64_t id = hv_store_add_decision(s->store, s->ctx, s->cs, s->actor, msg, sizeof msg);
    if (id < 0) { hv_buf_printf(err, "niet bewaard: %s\n", msg); return -1; }
    s->last_record = id;
    hv_buf_printf(out, "bewaard als record %lld in %s\n", (long long)id, s->db_path ? s->db_path : "houvast.db");
    return 0;
}

int hv_session_exec(hv_session *s, const hv_cmdline *c, hv_buf *out, hv_buf *err)
{
    char msg[400];
    switch (c->cmd) {
    case HV_RC_NONE:
        return 0;
    case HV_RC_HELP:
        help_text(out, c->nargs ? c->args[0] : NULL);
        return 0;
    case HV_RC_QUIT:
        s->quit = 1;
        return 0;
    case HV_RC_LOAD:
        if (!c->nargs) { hv_buf_printf(err, "gebruik: %s\n", hv_cmdline_usage(c->cmd)); return -1; }
        return hv_session_load(s, c->args, c->nargs, out, err);
    case HV_RC_RELOAD: {
        if (c->nargs) {
            hv_buf_puts(err, "herlaad laadt dezelfde bestanden opnieuw; gebruik 'laad BESTAND' voor andere regels\n");
            return -1;
        }
        if (!s->nfiles) { hv_buf_puts(err, "er is nog niets geladen; gebruik 'laad BESTAND.hv'\n"); return -1; }
        /* load from a copy: a successful load replaces s->files */
        char **files = hv_mem_alloc((size_t)s->nfiles * sizeof *files);
        if (!files) { hv_buf_puts(err, "geen geheugen\n"); return -1; }
        int n = s->nfiles;
        for (int i = 0; i < n; i++) files[i] = hv_mem_strdup(s->files[i]);
        int rc = hv_session_load(s, files, n, out, err);
        for (int i = 0; i < n; i++) hv_mem_free(files[i]);
        hv_mem_free(files);
        return rc;
    }
    case HV_RC_PEILDATUM: {
        if (c->nargs == 0) {
            char buf[64];
            int32_t day;
            if (s->cs && hv_case_has_peildatum(s->cs, &day)) hv_fmt_date_nl(day, buf);
            else if (s->has_peildatum) hv_fmt_date_nl(s->peildatum, buf);
            else { hv_fmt_date_nl(hv_date_today(), buf); strcat(buf, " (vandaag)"); }
            hv_buf_printf(out, "peildatum: %s\n", buf);
            return 0;
        }
        int32_t day;
        if (strcmp(c->rest, "vandaag") == 0 || strcmp(c->rest, "today") == 0) day = hv_date_today();
        else if (hv_date_parse(c->rest, &day)) {
            hv_clipbuf cb;
            hv_buf_printf(err, "'%s' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-01\n",
                          hv_clip(c->rest, &cb));
            return -1;
        }
        s->has_peildatum = 1;
        s->peildatum = day;
        if (s->cs) hv_case_set_peildatum(s->cs, day);
        s->evaluated = 0;
        char buf[64];
        hv_fmt_date_nl(day, buf);
        hv_buf_printf(out, "peildatum: %s\n", buf);
        return 0;
    }
    default:
        break;
    }
    if (need_rules(s, err)) return -1;
    switch (c->cmd) {
    case HV_RC_SET:
        if (c->nassign == 1 && strcmp(c->assign[0].fact, "peildatum") == 0) {
            hv_cmdline pc = {.cmd = HV_RC_PEILDATUM, .nargs = 1, .args = &c->assign[0].value,
                             .rest = c->assign[0].value};
            return hv_session_exec(s, &pc, out, err);
        }
        if (apply(s, s->cs, c, out, err)) return -1;
        s->evaluated = 0;
        return 0;
    case HV_RC_FORGET:
        if (!c->nargs) { hv_buf_printf(err, "gebruik: %s\n", hv_cmdline_usage(c->cmd)); return -1; }
        for (int i = 0; i < c->nargs; i++)
            if (hv_names_find(s->prog, HV_NAME_FACT, c->args[i]) < 0)
                return find_named(s, HV_NAME_FACT, c->args[i], "feit", err);
        for (int i = 0; i < c->nargs; i++) {
            hv_case_forget(s->cs, hv_names_find(s->prog, HV_NAME_FACT, c->args[i]));
            hv_buf_printf(out, "%s is weer onbekend\n", c->args[i]);
        }
        s->evaluated = 0;
        return 0;
    case HV_RC_FACTS: {
        char *t = hv_explain_facts(s->prog, s->cs);
        if (t) hv_buf_puts(out, t);
        hv_mem_free(t);
        return 0;
    }
    case HV_RC_NEW:
        hv_case_clear(s->cs);
        if (s->has_peildatum) hv_case_set_peildatum(s->cs, s->peildatum);
        s->evaluated = 0;
        hv_buf_puts(out, "nieuwe, lege casus\n");
        return 0;
    case HV_RC_CASE_LOAD:
        if (c->nargs != 1) { hv_buf_printf(err, "gebruik: %s\n", hv_cmdline_usage(c->cmd)); return -1; }
        return case_load(s, c->args[0], out, err);
    case HV_RC_CASE_SAVE: {
        if (c->nargs != 1) { hv_buf_printf(err, "gebruik: %s\n", hv_cmdline_usage(c->cmd)); return -1; }
        char *json = hv_case_to_json(s->cs);
        if (!json) { hv_buf_puts(err, "geen geheugen\n"); return -1; }
        size_t len = strlen(json);
        char *withnl = hv_mem_alloc(len + 2);
        int rc = -1;
        if (withnl) {
            memcpy(withnl, json, len);
            withnl[len] = '\n';
            withnl[len + 1] = 0;
            rc = write_file_atomic(c->args[0], withnl, err);
        }
        hv_mem_free(withnl);
        hv_mem_free(json);
        if (!rc) hv_buf_printf(out, "casus bewaard in %s\n", c->args[0]);
        return rc;
    }
    case HV_RC_DECIDE: {
        if (evaluate(s, err)) return -1;
        char *t;
        if (c->nargs) {
            int d = hv_names_find(s->prog, HV_NAME_DECISION, c->args[0]);
            if (d < 0) return find_named(s, HV_NAME_DECISION, c->args[0], "besluit", err);
            t = hv_explain_decision(s->ctx, d);
        } else {
            t = hv_result_text(s->ctx, 0);
        }
        if (t) hv_buf_puts(out, t);
        hv_mem_free(t);
        return 0;
    }
    case HV_RC_WHY: {
        if (evaluate(s, err)) return -1;
        int d = -1;
        if (c->nargs && (d = hv_names_find(s->prog, HV_NAME_DECISION, c->args[0])) < 0)
            return find_named(s, HV_NAME_DECISION, c->args[0], "besluit", err);
        char *t = hv_explain_why(s->ctx, d);
        if (t) hv_buf_puts(out, t);
        hv_mem_free(t);
        return 0;
    }
    case HV_RC_WHYNOT: {
        if (c->nargs < 2) { hv_buf_printf(err, "gebruik: %s\n", hv_cmdline_usage(c->cmd)); return -1; }
        int d = hv_names_find(s->prog, HV_NAME_DECISION, c->args[0]);
        if (d < 0) return find_named(s, HV_NAME_DECISION, c->args[0], "besluit", err);
        if (evaluate(s, err)) return -1;
        /* the outcome is the rest of the line after the name */
        const char *o = c->rest;
        if (*o == '"') { o++; while (*o && *o != '"') o++; if (*o) o++; }
        else while (*o && *o != ' ' && *o != '\t') o++;
        while (*o == ' ' || *o == '\t') o++;
        char outcome[256];
        snprintf(outcome, sizeof outcome, "%s", o);
        size_t ol = strlen(outcome);
        if (ol >= 2 && outcome[0] == '"' && outcome[ol - 1] == '"') { memmove(outcome, outcome + 1, ol - 2); outcome[ol - 2] = 0; }
        char *t = hv_explain_whynot(s->ctx, d, outcome, msg, sizeof msg);
        if (!t) { hv_buf_printf(err, "%s: %s\n", c->args[0], msg); return -1; }
        hv_buf_puts(out, t);
        hv_mem_free(t);
        return 0;
    }
    case HV_RC_WHATIF: {
        if (evaluate(s, err)) return -1;
        hv_case *tmp = hv_case_new(s->prog);
        if (!tmp || hv_case_copy(tmp, s->cs)) { hv_case_free(tmp); hv_buf_puts(err, "geen geheugen\n"); return -1; }
        int rc = apply(s, tmp, c, NULL, err);
        if (!rc && hv_eval(s->whatif, tmp, peildatum_of(s), HV_EVAL_TRACE)) {
            hv_buf_puts(err, "geen geheugen\n");
            rc = -1;
        }
        if (!rc) {
            hv_buf_puts(out, "als ");
            for (int i = 0; i < c->nassign; i++)
                hv_buf_printf(out, "%s%s = %s", i ? ", " : "", c->assign[i].fact, c->assign[i].value);
            hv_buf_puts(out, ":\n");
            char *t = hv_explain_diff(s->ctx, s->whatif);
            if (t) hv_buf_puts(out, t);
            hv_mem_free(t);
            hv_buf_puts(out, "(de casus zelf is niet veranderd)\n");
        }
        hv_case_free(tmp);
        return rc;
    }
    case HV_RC_ASK:
        if (evaluate(s, err)) return -1;
        memset(s->skipped, 0, (size_t)hv_program_nfacts(s->prog) + 1);
        s->asking = 1;
        return ask_next(s, out, err);
    case HV_RC_SAVE:
        if (evaluate(s, err)) return -1;
        if (s->last_record) {
            hv_buf_printf(out, "dit besluit is al bewaard als record %lld\n", (long long)s->last_record);
            return 0;
        }
        return save_result(s, out, err);
    case HV_RC_OVERRIDE: {
        hv_override_args o;
        if (hv_cmdline_parse_override(c->rest, &o, msg, sizeof msg)) {
            hv_buf_printf(err, "%s\n", msg);
            return -1;
        }
        int rc = -1;
        if (hv_names_find(s->prog, HV_NAME_DECISION, o.decision) < 0) find_named(s, HV_NAME_DECISION, o.decision, "besluit", err);
        else if (hv_names_find(s->prog, HV_NAME_VALUE, o.value) < 0) find_named(s, HV_NAME_VALUE, o.value, "waarde", err);
        else if (!save_result(s, out, err)) {
            char m2[600];
            int64_t id = hv_store_add_override(s->store, s->last_record, o.decision, o.outcome, o.value,
                                               o.motivation, s->actor, m2, sizeof m2);
            if (id < 0) hv_buf_printf(err, "afwijking niet bewaard: %s\n", m2);
            else {
                hv_buf_printf(out, "afwijking bewaard als record %lld: %s = %s volgens %s (de engine: ", (long long)id,
                              o.decision, o.outcome, o.value);
                int d = hv_names_find(s->prog, HV_NAME_DECISION, o.decision);
                char *t = hv_explain_outcome_short(s->ctx, d);
                hv_buf_printf(out, "%s)\n", t ? t : "?");
                hv_mem_free(t);
                rc = 0;
            }
        }
        hv_override_args_free(&o);
        return rc;
    }
    case HV_RC_VALUES: {
        char *t = hv_explain_values(s->prog);
        if (t) hv_buf_puts(out, t);
        hv_mem_free(t);
        return 0;
    }
    case HV_RC_RULES: {
        int v = -1;
        if (c->nargs && (v = hv_names_find(s->prog, HV_NAME_VALUE, c->args[0])) < 0)
            return find_named(s, HV_NAME_VALUE, c->args[0], "waarde", err);
        char *t = hv_explain_rules(s->prog, v);
        if (t) hv_buf_puts(out, t);
        hv_mem_free(t);
        return 0;
    }
    case HV_RC_SHOW: {
        if (c->nargs != 1) { hv_buf_printf(err, "gebruik: %s\n", hv_cmdline_usage(c->cmd)); return -1; }
        char *t = hv_explain_show(s->prog, c->args[0], msg, sizeof msg);
        if (!t) { hv_buf_printf(err, "%s\n", msg); return -1; }
        hv_buf_puts(out, t);
        hv_mem_free(t);
        return 0;
    }
    default:
        return 0;
    }
}

/* ---- the interview ------------------------------------------------------------------ */

static int current_question(hv_session *s)
{
    int32_t missing[1024];
    int n = hv_missing_facts(s->ctx, missing, 1024);
    for (int i = 0; i < n && i < 1024; i++)
        if (!s->skipped[missing[i]]) return missing[i];
    return -1;
}

static int ask_next(hv_session *s, hv_buf *out, hv_buf *err)
{
    if (evaluate(s, err)) { s->asking = 0; return -1; }
    s->question = current_question(s);
    if (s->question >= 0) return 0;
    s->asking = 0;
    int open = 0;
    for (int d = 0; d < hv_program_ndecisions(s->prog); d++)
        open += hv_decision_status(s->ctx, d) == HV_S_UNDETERMINED;
    if (open) hv_buf_puts(out, "Er zijn geen vragen meer die een open besluit kunnen beslissen.\n");
    else hv_buf_puts(out, "Alle besluiten zijn genomen; er is niets meer te vragen.\n");
    char *t = hv_result_text(s->ctx, 0);
    if (t) hv_buf_puts(out, t);
    hv_mem_free(t);
    return 0;
}

const char *hv_session_question(hv_session *s, char *buf, size_t len)
{
    if (!s->asking || s->question < 0) return NULL;
    const char *name = hv_fact_name(s->prog, s->question);
    const char *q = hv_fact_question(s->prog, s->question);
    char ty[256];
    hv_fact_type_text(s->prog, s->question, ty, sizeof ty);
    if (q) snprintf(buf, len, "%s [%s: %s]", q, name, ty);
    else snprintf(buf, len, "%s? [%s]", name, ty);
    return buf;
}

void hv_session_stop_asking(hv_session *s, hv_buf *out)
{
    if (!s->asking) return;
    s->asking = 0;
    s->question = -1;
    hv_buf_puts(out, "vraaggesprek gestopt; de antwoorden tot nu toe zijn bewaard\n");
}

int hv_session_answer(hv_session *s, const char *answer, hv_buf *out, hv_buf *err)
{
    if (!s->asking) return 0;
    while (answer && (*answer == ' ' || *answer == '\t')) answer++;
    if (!answer || !*answer) {
        hv_session_stop_asking(s, out);
        return 0;
    }
    char a[512];
    snprintf(a, sizeof a, "%s", answer);
    size_t n = strlen(a);
    while (n && (a[n - 1] == ' ' || a[n - 1] == '\t' || a[n - 1] == '\n' || a[n - 1] == '\r')) a[--n] = 0;
    if ((strcmp(a, "stop") == 0 || strcmp(a, "quit") == 0) && !hv_fact_is_text(s->prog, s->question)) {
        hv_session_stop_asking(s, out);
        return 0;
    }
    if (strcmp(a, "?") == 0 || strcmp(a, "weet niet") == 0 || strcmp(a, "sla over") == 0 || strcmp(a, "skip") == 0) {
        s->skipped[s->question] = 1;
        hv_buf_printf(out, "%s blijft onbekend\n", hv_fact_name(s->prog, s->question));
        return ask_next(s, out, err);
    }
    char msg[400];
    if (n >= 2 && a[0] == '"' && a[n - 1] == '"') { memmove(a, a + 1, n - 2); a[n - 2] = 0; }
    if (hv_case_set_text(s->cs, s->question, a, msg, sizeof msg)) {
        hv_buf_printf(err, "%s; probeer het nog eens (een lege regel stopt)\n", msg);
        return -1;
    }
    char val[128];
    hv_buf_printf(out, "%s = %s\n", hv_fact_name(s->prog, s->question),
                  hv_case_value_text(s->cs, s->question, val, sizeof val));
    s->evaluated = 0;
    return ask_next(s, out, err);
}

void hv_session_names(hv_session *s, int facts_only, hv_name_fn fn, void *ud)
{
    if (!s->prog) return;
    static const hv_namekind kinds[] = {HV_NAME_FACT, HV_NAME_DECISION, HV_NAME_VALUE, HV_NAME_RULE,
                                        HV_NAME_DEFINITION, HV_NAME_SAFEGUARD};
    for (size_t k = 0; k < (facts_only ? 1 : sizeof kinds / sizeof *kinds); k++)
        for (int i = 0; i < hv_names_count(s->prog, kinds[k]); i++) fn(ud, hv_names_get(s->prog, kinds[k], i));
}
