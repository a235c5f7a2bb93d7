/* audit.c — `houvast audit ...` and `houvast replay`: the auditor's commands
 * on the audit store. They parse arguments, call engine/store and
 * engine/audit, and print. */
#include <getopt.h>
#include <jansson.h>
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "cli.h"
#include "cmdline.h"

const char *hv_cli_key_path(const char *opt)
{
    if (opt) return opt;
    const char *env = getenv("HOUVAST_KEY_FILE");
    if (env && *env) return env;
    return access("houvast.key", F_OK) == 0 ? "houvast.key" : NULL;
}

const char *hv_cli_actor(const char *opt)
{
    if (opt && *opt) return opt;
    const char *env = getenv("HOUVAST_ACTOR");
    return env && *env ? env : NULL;
}

hv_store *hv_cli_open_store(const char *db, const char *key, int create)
{
    char err[600];
    hv_store *s = hv_store_open(db, create, err, sizeof err);
    if (!s) {
        fprintf(stderr, "houvast: %s\n", err);
        return NULL;
    }
    /* the key is read when a case with a subject first needs it */
    if (key && hv_store_key_file(s, key)) {
        fprintf(stderr, "houvast: out of memory\n");
        hv_store_close(s);
        return NULL;
    }
    return s;
}

/* Progress of a walk over a large store, on stderr when it is a terminal:
 * at most five times a second, and the line cleared at the end (and before
 * anything else is printed). */
static struct {
    const char *what;
    struct timespec last;
    int shown;
} walk;

static void walk_clear(void)
{
    if (walk.shown) fputs("\r\033[K", stderr);
    walk.shown = 0;
}

static void walk_progress(void *ud, int64_t id, int64_t last)
{
    (void)ud;
    if (id >= last) { walk_clear(); return; }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double dt = (double)(now.tv_sec - walk.last.tv_sec) + (double)(now.tv_nsec - walk.last.tv_nsec) / 1e9;
    if (walk.shown && dt < 0.2) return;
    walk.last = now;
    walk.shown = 1;
    fprintf(stderr, "\r\033[K%s: record %lld of %lld (%d%%)", walk.what, (long long)id, (long long)last,
            (int)(100.0 * (double)id / (double)last));
    fflush(stderr);
}

static void show_progress(hv_store *s, const char *what)
{
    if (!isatty(STDERR_FILENO) || getenv("HOUVAST_NO_PROGRESS")) return;
    walk.what = what;
    walk.shown = 0;
    hv_store_set_progress(s, walk_progress, NULL);
}

static int parse_id(const char *s, int64_t *id)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0) {
        fprintf(stderr, "houvast: '%s' is not a record id (a whole number from 1)\n", s);
        return -1;
    }
    *id = v;
    return 0;
}

/* ---- houvast audit -------------------------------------------------------------------- */

static void usage_audit(FILE *f)
{
    fprintf(f,
        "Usage: houvast audit COMMAND [OPTIONS]\n"
        "\n"
        "The audit store keeps every stored decision unchanged and provable.\n"
        "\n"
        "Commands:\n"
        "  init                      create the database and a random key file (mode 0600)\n"
        "  verify                    check the database file, walk the hash chain and\n"
        "                            replay every record; exit 1 when the file is\n"
        "                            damaged, a link is broken or an outcome changed\n"
        "  list [--since DATE] [--actor A] [--outcome X] [--status S]\n"
        "                            one line per record\n"
        "  show ID                   the full explanation of a record, readable\n"
        "  export --format jsonl|csv [--out FILE]\n"
        "                            one line per record\n"
        "  consistency               equal cases with different final outcomes\n"
        "                            (overrides included), with the motivations\n"
        "  override ID DECISION = OUTCOME volgens VALUE omdat \"MOTIVATION\"\n"
        "                            store a person's departure from an outcome\n"
        "\n"
        "Options:\n"
        "  --db FILE                 the database (default houvast.db)\n"
        "  --key-file FILE           the key for pseudonyms (default HOUVAST_KEY_FILE,\n"
        "                            else houvast.key when it exists)\n"
        "  --actor NAME              who does this (default HOUVAST_ACTOR; for override)\n"
        "  -h, --help                show this help\n"
        "\n"
        "On a terminal, verify, export and consistency show their progress on\n"
        "stderr (HOUVAST_NO_PROGRESS=1 turns it off).\n"
        "\n"
        "Exit status: 0 ok, 1 problems found (verify, consistency) or failure,\n"
        "2 bad usage.\n");
}

typedef struct list_opts {
    int count;
    hv_store *s;
} list_opts;

/* The engine's own outcome of `decision` in record `ref`, into buf. */
static void engine_outcome(hv_store *s, int64_t ref, const char *decision, char *buf, size_t len)
{
    snprintf(buf, len, "?");
    if (!decision) return;                  /* a record altered afterwards: verify says so */
    hv_record base;
    char err[300];
    if (hv_store_get(s, ref, &base, err, sizeof err) != 0) return;
    json_t *root = json_loads(base.result ? base.result : "", 0, NULL);
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(root, "decisions"), i, d) {
        if (strcmp(json_string_value(json_object_get(d, "decision")) ?: "", decision) != 0) continue;
        json_t *o = json_object_get(d, "outcome");
        char *v = json_is_string(o) || json_is_null(o) ? NULL : json_dumps(o, JSON_ENCODE_ANY | JSON_COMPACT);
        const char *status = json_string_value(json_object_get(d, "status"));
        snprintf(buf, len, "%s", json_is_string(o) ? json_string_value(o) : v ? v : status ? status : "?");
        hv_mem_free(v);
    }
    json_decref(root);
    hv_record_clear(&base);
}

typedef struct over_list {
    hv_buf *b;
} over_list;

static int collect_override(void *ud, const hv_record *r)
{
    over_list *o = ud;
    hv_buf_printf(o->b, " [afwijking #%lld: %s=%s]", (long long)r->id, r->decision, r->outcome);
    return 0;
}

static void outcomes_line(const char *result, char *buf, size_t len)
{
    buf[0] = 0;
    json_t *root = json_loads(result ? result : "", 0, NULL);
    size_t i, k = 0;
    json_t *d;
    json_array_foreach(json_object_get(root, "decisions"), i, d) {
        json_t *o = json_object_get(d, "outcome");
        char *v = json_is_string(o) ? NULL : json_dumps(o, JSON_ENCODE_ANY | JSON_COMPACT);
        k += (size_t)snprintf(buf + k, k < len ? len - k : 0, "%s%s=%s", i ? " " : "",
                              json_string_value(json_object_get(d, "decision")),
                              json_is_null(o) ? json_string_value(json_object_get(d, "status"))
                                              : json_is_string(o) ? json_string_value(o) : v);
        hv_mem_free(v);
        if (k >= len) break;
    }
    json_decref(root);
}

static int list_one(void *ud, const hv_record *r)
{
    list_opts *o = ud;
    char line[1200];
    if (strcmp(r->kind, "override") == 0) {
        /* the engine's own outcome stays beside the person's */
        char eng[200];
        engine_outcome(o->s, r->ref_id, r->decision, eng, sizeof eng);
        snprintf(line, sizeof line, "afwijking van #%lld: %s=%s volgens %s (de engine: %s)", (long long)r->ref_id,
                 r->decision, r->outcome, r->value, eng);
    } else {
        outcomes_line(r->result, line, sizeof line);
        hv_buf b;
        hv_buf_init(&b);
        over_list ol = {&b};
        hv_filter f = {.kind = "override", .ref_id = r->id};
        char err[300];
        hv_store_each(o->s, &f, collect_override, &ol, err, sizeof err);
        if (b.len) snprintf(line + strlen(line), sizeof line - strlen(line), "%s", b.data);
        hv_buf_free(&b);
    }
    printf("%6lld  %.19s  %-8s  %-16s  %-24.24s  %s\n", (long long)r->id, r->created_at,
           strcmp(r->kind, "override") == 0 ? "afwijk." : "besluit", r->actor,
           r->ruleset_name ? r->ruleset_name : r->ruleset_sha256, line);
    o->count++;
    return 0;
}

static void problem_print(void *ud, int64_t id, const char *what)
{
    (void)ud;
    walk_clear();
    fflush(stdout);
    if (id == 0) printf("file: %s\n", what);
    else printf("record %lld: %s\n", (long long)id, what);
}

static void csv_field_out(FILE *f, const char *s, int last)
{
    if (s) csv_fwrite(f, s, strlen(s));
    fputc(last ? '\n' : ',', f);
}

typedef struct export_ctx {
    FILE *f;
    hv_store *s;
} export_ctx;

static int export_jsonl(void *ud, const hv_record *r)
{
    export_ctx *x = ud;
    FILE *f = x->f;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(r->id));
    json_object_set_new(o, "kind", json_string(r->kind));
    json_object_set_new(o, "created_at", json_string(r->created_at));
    json_object_set_new(o, "actor", json_string(r->actor));
    json_object_set_new(o, "ruleset", json_string(r->ruleset_name ? r->ruleset_name : ""));
    json_object_set_new(o, "ruleset_version", r->ruleset_version ? json_string(r->ruleset_version) : json_null());
    json_object_set_new(o, "ruleset_sha256", json_string(r->ruleset_sha256));
    json_object_set_new(o, "engine_version", json_string(r->engine_version));
    json_object_set_new(o, "peildatum", json_string(r->peildatum));
    json_object_set_new(o, "case_id", r->case_id ? json_string(r->case_id) : json_null());
    json_object_set_new(o, "subject_pseudonym", r->subject_pseudonym ? json_string(r->subject_pseudonym) : json_null());
    json_object_set_new(o, "facts", json_loads(r->facts ? r->facts : "{}", 0, NULL) ?: json_null());
    if (r->result) json_object_set_new(o, "result", json_loads(r->result, 0, NULL) ?: json_null());
    if (r->ref_id) {
        json_object_set_new(o, "ref_id", json_integer(r->ref_id));
        json_object_set_new(o, "decision", json_string(r->decision));
        json_object_set_new(o, "outcome", json_string(r->outcome));
        json_object_set_new(o, "value", json_string(r->value));
        json_object_set_new(o, "motivation", json_string(r->motivation));
        char eng[200];
        engine_outcome(x->s, r->ref_id, r->decision, eng, sizeof eng);
        json_object_set_new(o, "engine_outcome", json_string(eng));
    }
    json_object_set_new(o, "prev_hash", json_string(r->prev_hash));
    json_object_set_new(o, "hash", json_string(r->hash));
    char *t = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (t) { fputs(t, f); fputc('\n', f); hv_mem_free(t); }
    return 0;
}

static int export_csv(void *ud, const hv_record *r)
{
    export_ctx *x = ud;
    FILE *f = x->f;
    char id[32], ref[32], outs[2000], eng[200] = "";
    if (r->ref_id) engine_outcome(x->s, r->ref_id, r->decision, eng, sizeof eng);
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    snprintf(ref, sizeof ref, "%lld", (long long)r->ref_id);
    outs[0] = 0;
    if (r->result) outcomes_line(r->result, outs, sizeof outs);
    const char *cols[] = {id, r->kind, r->created_at, r->actor, r->ruleset_name, r->ruleset_version,
                          r->ruleset_sha256, r->engine_version, r->peildatum, r->case_id, r->subject_pseudonym,
                          outs, r->ref_id ? ref : NULL, r->decision, r->outcome, r->ref_id ? eng : NULL,
                          r->value, r->motivation, r->facts, r->hash};
    int n = (int)(sizeof cols / sizeof *cols);
    for (int i = 0; i < n; i++) csv_field_out(f, cols[i], i == n - 1);
    return 0;
}

int hv_cmd_audit(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},       {"key-file", required_argument, 0, 'k'},
        {"actor", required_argument, 0, 'a'},    {"since", required_argument, 0, 's'},
        {"outcome", required_argument, 0, 'o'},  {"status", required_argument, 0, 'S'},
        {"format", required_argument, 0, 'f'},   {"out", required_argument, 0, 'O'},
        {"help", no_argument, 0, 'h'},           {0, 0, 0, 0}};
    const char *db = "houvast.db", *key = NULL, *actor = NULL, *format = NULL, *outpath = NULL;
    hv_filter filt = {0};
    int c;
    optind = 1;
    /* options may come before or after the subcommand; stop at "=" style args */
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'k': key = optarg; break;
        case 'a': actor = optarg; break;
        case 'h': usage_audit(stdout); return HV_EXIT_OK;
        default: usage_audit(stderr); return HV_EXIT_USAGE;
        }
    }
    if (optind >= argc) { usage_audit(stderr); return HV_EXIT_USAGE; }
    const char *sub = argv[optind];
    /* the rest: options of the subcommand and its words */
    int nargs = 0;
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) return HV_EXIT_FAIL;
    for (int i = optind + 1; i < argc; i++) {
        const char *a = argv[i];
        const struct option *o = NULL;
        if (strncmp(a, "--", 2) == 0)
            for (const struct option *x = opts; x->name; x++)
                if (strncmp(a + 2, x->name, strlen(x->name)) == 0 &&
                    (a[2 + strlen(x->name)] == 0 || a[2 + strlen(x->name)] == '=')) o = x;
        if (!o) { args[nargs++] = argv[i]; continue; }
        const char *val = NULL;
        if (o->has_arg) {
            const char *eq = strchr(a, '=');
            if (eq) val = eq + 1;
            else if (i + 1 < argc) val = argv[++i];
            else { fprintf(stderr, "houvast audit: %s needs a value\n", a); free(args); return HV_EXIT_USAGE; }
        }
        switch (o->val) {
        case 'd': db = val; break;
        case 'k': key = val; break;
        case 'a': actor = val; break;
        case 's': filt.since = val; break;
        case 'o': filt.outcome = val; break;
        case 'S': filt.status = val; break;
        case 'f': format = val; break;
        case 'O': outpath = val; break;
        case 'h': usage_audit(stdout); free(args); return HV_EXIT_OK;
        }
    }
    int rc = HV_EXIT_OK;
    char err[600];
    if (strcmp(sub, "init") == 0) {
        const char *kp = key ? key : getenv("HOUVAST_KEY_FILE");
        if (!kp || !*kp) kp = "houvast.key";
        hv_store *s = hv_cli_open_store(db, NULL, 1);
        if (!s) { free(args); return HV_EXIT_FAIL; }
        printf("database %s: schema %d\n", db, hv_store_schema_version(s));
        hv_store_close(s);
        if (access(kp, F_OK) == 0) {
            printf("key file %s exists already; it is kept\n", kp);
        } else if (hv_store_new_key(kp, err, sizeof err)) {
            fprintf(stderr, "houvast: %s\n", err);
            rc = HV_EXIT_FAIL;
        } else {
            printf("key file %s: a new random key (mode 0600); keep it secret and keep a copy:\n"
                   "without it no new record can carry the same pseudonym for the same person\n", kp);
        }
        free(args);
        return rc;
    }
    if (strcmp(sub, "verify") != 0 && strcmp(sub, "list") != 0 && strcmp(sub, "show") != 0 &&
        strcmp(sub, "export") != 0 && strcmp(sub, "consistency") != 0 && strcmp(sub, "override") != 0) {
        fprintf(stderr, "houvast audit: unknown command '%s'\n", sub);
        const char *subs[] = {"init", "verify", "list", "show", "export", "consistency", "override"};
        const char *m = hv_did_you_mean(sub, subs, 7);
        if (m) fprintf(stderr, "  did you mean '%s'?\n", m);
        free(args);
        return HV_EXIT_USAGE;
    }
    hv_store *s = hv_cli_open_store(db, strcmp(sub, "override") == 0 ? hv_cli_key_path(key) : NULL, 0);
    if (!s) { free(args); return HV_EXIT_FAIL; }
    hv_buf out;
    hv_buf_init(&out);
    /* the filters take the Dutch words too */
    static const char *const statuses[][2] = {
        {"besloten", "decided"}, {"standaard", "default"}, {"onbepaald", "undetermined"},
        {"ter beoordeling", "judgement"}, {"beoordeling", "judgement"}, {"geen uitkomst", "none"},
        {"geen", "none"}, {"fout", "error"}};
    for (size_t i = 0; filt.status && i < sizeof statuses / sizeof *statuses; i++)
        if (strcmp(filt.status, statuses[i][0]) == 0) filt.status = statuses[i][1];
    if (filt.status && strcmp(filt.status, "decided") && strcmp(filt.status, "default") &&
        strcmp(filt.status, "conflict") && strcmp(filt.status, "undetermined") && strcmp(filt.status, "judgement") &&
        strcmp(filt.status, "none") && strcmp(filt.status, "error")) {
        fprintf(stderr, "houvast audit: unknown status '%s' (decided, default, conflict, undetermined, "
                        "judgement, none, error, or in Dutch)\n", filt.status);
        hv_store_close(s);
        free(args);
        return HV_EXIT_USAGE;
    }
    if (filt.outcome && (strcmp(filt.outcome, "ja") == 0 || strcmp(filt.outcome, "yes") == 0)) filt.outcome = "true";
    if (filt.outcome && (strcmp(filt.outcome, "nee") == 0 || strcmp(filt.outcome, "no") == 0)) filt.outcome = "false";
    if (strcmp(sub, "verify") == 0) {
        hv_verify_summary sum;
        show_progress(s, "verify");
        int r = hv_audit_verify(s, problem_print, NULL, &sum, err, sizeof err);
        if (r < 0) { fprintf(stderr, "houvast: %s\n", err); rc = HV_EXIT_FAIL; }
        else {
            printf("%lld record%s (%lld decision%s, %lld override%s) in %s\n", (long long)sum.records,
                   sum.records == 1 ? "" : "s", (long long)sum.decisions, sum.decisions == 1 ? "" : "s",
                   (long long)sum.overrides, sum.overrides == 1 ? "" : "s", db);
            if (r == 0)
                printf("the chain is whole and every decision replays to its stored outcome\nlast hash: %s\n", sum.head);
            else {
                printf("NOT VERIFIED: %lld broken link%s or altered record%s, %lld changed outcome%s, "
                       "%lld other difference%s on replay\n",
                       (long long)sum.broken, sum.broken == 1 ? "" : "s", sum.broken == 1 ? "" : "s",
                       (long long)sum.changed, sum.changed == 1 ? "" : "s",
                       (long long)sum.other, sum.other == 1 ? "" : "s");
                if (sum.damaged)
                    printf("the database file itself is damaged (%lld problem%s above): restore it from a backup "
                           "and verify that; the records it still holds can be read with sqlite3's .recover\n",
                           (long long)sum.damaged, sum.damaged == 1 ? "" : "s");
                rc = HV_EXIT_FAIL;
            }
        }
    } else if (strcmp(sub, "list") == 0) {
        if (filt.since) {
            int32_t day;
            if (hv_date_parse(filt.since, &day)) {
                fprintf(stderr, "houvast audit list: --since needs a date as YYYY-MM-DD\n");
                rc = HV_EXIT_USAGE;
            }
        }
        if (actor) filt.actor = actor;
        list_opts lo = {0, s};
        if (rc == HV_EXIT_OK) {
            printf("%6s  %-19s  %-8s  %-16s  %-24s  %s\n", "id", "tijd (UTC)", "soort", "actor", "regelset", "uitkomsten");
            if (hv_store_each(s, &filt, list_one, &lo, err, sizeof err)) {
                fprintf(stderr, "houvast: %s\n", err);
                rc = HV_EXIT_FAIL;
            } else {
                printf("%d record%s\n", lo.count, lo.count == 1 ? "" : "s");
            }
        }
    } else if (strcmp(sub, "show") == 0) {
        int64_t id;
        if (nargs != 1 || parse_id(args[0], &id)) {
            if (nargs != 1) fprintf(stderr, "usage: houvast audit show ID\n");
            rc = HV_EXIT_USAGE;
        } else if (hv_audit_show(s, id, &out, err, sizeof err)) {
            fprintf(stderr, "houvast: %s\n", err);
            rc = HV_EXIT_FAIL;
        }
    } else if (strcmp(sub, "export") == 0) {
        int32_t day;
        if (actor) filt.actor = actor;
        if (filt.since && hv_date_parse(filt.since, &day)) {
            fprintf(stderr, "houvast audit export: --since needs a date as YYYY-MM-DD\n");
            rc = HV_EXIT_USAGE;
        } else if (!format || (strcmp(format, "jsonl") != 0 && strcmp(format, "csv") != 0)) {
            fprintf(stderr, "houvast audit export: --format jsonl or --format csv\n");
            rc = HV_EXIT_USAGE;
        } else {
            FILE *f = outpath ? fopen(outpath, "w") : stdout;
            if (!f) { perror(outpath); rc = HV_EXIT_FAIL; }
            else {
                int csv = strcmp(format, "csv") == 0;
                if (csv)
                    fputs("id,kind,created_at,actor,ruleset,ruleset_version,ruleset_sha256,engine_version,peildatum,"
                          "case_id,subject_pseudonym,outcomes,ref_id,decision,override_outcome,engine_outcome,override_value,"
                          "motivation,facts,hash\n", f);
                export_ctx x = {f, s};
                if (f != stdout || !isatty(STDOUT_FILENO)) show_progress(s, "export");
                if (hv_store_each(s, &filt, csv ? export_csv : export_jsonl, &x, err, sizeof err)) {
                    fprintf(stderr, "houvast: %s\n", err);
                    rc = HV_EXIT_FAIL;
                }
                if (outpath && fclose(f) != 0) { perror(outpath); rc = HV_EXIT_FAIL; }
            }
        }
    } else if (strcmp(sub, "consistency") == 0) {
        show_progress(s, "consistency");
        int r = hv_audit_consistency(s, &out, err, sizeof err);
        if (r < 0) { fprintf(stderr, "houvast: %s\n", err); rc = HV_EXIT_FAIL; }
        else if (r > 0) rc = HV_EXIT_FAIL;
    } else {    /* override */
        int64_t id;
        hv_buf rest;
        hv_buf_init(&rest);
        for (int i = 1; i < nargs; i++) {
            /* keep the motivation's words together: quote the argument that has spaces */
            if (strchr(args[i], ' ')) hv_buf_printf(&rest, "%s\"%s\"", i > 1 ? " " : "", args[i]);
            else hv_buf_printf(&rest, "%s%s", i > 1 ? " " : "", args[i]);
        }
        hv_override_args o;
        if (nargs < 2 || parse_id(args[0], &id)) {
            fprintf(stderr, "usage: houvast audit override ID DECISION = OUTCOME volgens VALUE omdat \"MOTIVATION\"\n");
            rc = HV_EXIT_USAGE;
        } else if (hv_cmdline_parse_override(rest.data ? rest.data : "", &o, err, sizeof err)) {
            fprintf(stderr, "usage: houvast audit override ID DECISION = OUTCOME volgens VALUE omdat \"MOTIVATION\"\n"
                            "       (English: ... per VALUE because \"MOTIVATION\"); every part is required\n");
            rc = HV_EXIT_USAGE;
        } else {
            int64_t oid = hv_store_add_override(s, id, o.decision, o.outcome, o.value, o.motivation,
                                                hv_cli_actor(actor), err, sizeof err);
            if (oid < 0) { fprintf(stderr, "houvast: %s\n", err); rc = HV_EXIT_FAIL; }
            else printf("stored override as record %lld (of record %lld)\n", (long long)oid, (long long)id);
            hv_override_args_free(&o);
        }
        hv_buf_free(&rest);
    }
    if (out.len) fputs(out.data, stdout);
    hv_buf_free(&out);
    hv_store_close(s);
    free(args);
    return rc;
}

/* ---- houvast replay ---------------------------------------------------------------------- */

static void usage_replay(FILE *f)
{
    fprintf(f,
        "Usage: houvast replay [--db FILE] ID\n"
        "       houvast replay [--db FILE] --all --rules NEW.hv [--json]\n"
        "\n"
        "Replay a stored decision from its stored rule set and facts, and show\n"
        "the stored outcome beside the replayed one (exit 1 when they differ).\n"
        "With --all --rules, decide every stored case under a new rule set and\n"
        "report per decision how many outcomes would change, and which records:\n"
        "the impact of a policy change before it is made (on a terminal, with its\n"
        "progress on stderr; HOUVAST_NO_PROGRESS=1 turns that off).\n"
        "\n"
        "Options:\n"
        "  --db FILE        the database (default houvast.db)\n"
        "  --all            every stored case\n"
        "  --rules FILE     the new rule set (with --all)\n"
        "  --json           the impact as JSON\n"
        "  -h, --help       show this help\n"
        "\n"
        "Exit status: 0 the replay gives the stored outcomes (or the impact was\n"
        "reported), 1 an outcome differs or an error, 2 bad usage.\n");
}

int hv_cmd_replay(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'}, {"all", no_argument, 0, 'A'},
        {"rules", required_argument, 0, 'r'}, {"json", no_argument, 0, 'j'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *db = "houvast.db", *rules = NULL;
    int all = 0, json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'A': all = 1; break;
        case 'r': rules = optarg; break;
        case 'j': json = 1; break;
        case 'h': usage_replay(stdout); return HV_EXIT_OK;
        default: usage_replay(stderr); return HV_EXIT_USAGE;
        }
    }
    if ((all && (!rules || optind < argc)) || (!all && optind + 1 != argc)) {
        usage_replay(stderr);
        return HV_EXIT_USAGE;
    }
    int64_t id = 0;
    if (!all && parse_id(argv[optind], &id)) return HV_EXIT_USAGE;
    hv_store *s = hv_cli_open_store(db, NULL, 0);
    if (!s) return HV_EXIT_FAIL;
    char err[600];
    hv_buf out;
    hv_buf_init(&out);
    int rc = HV_EXIT_OK;
    if (all) {
        hv_srcset src = {0};
        hv_diags d;
        hv_diags_init(&d, &src);
        char *files[1] = {(char *)rules};
        hv_program *p = hv_cli_compile(files, 1, &src, &d);
        if (!p) rc = HV_EXIT_FAIL;
        else {
            show_progress(s, "replay");
            if (hv_audit_impact(s, p, json, &out, err, sizeof err)) {
                fprintf(stderr, "houvast: %s\n", err);
                rc = HV_EXIT_FAIL;
            }
        }
        hv_program_free(p);
        hv_diags_free(&d);
        hv_src_free(&src);
    } else {
        int r = hv_audit_replay(s, id, &out, err, sizeof err);
        if (r < 0) { fprintf(stderr, "houvast: %s\n", err); rc = HV_EXIT_FAIL; }
        else if (r > 0) rc = HV_EXIT_FAIL;
    }
    if (out.len) fputs(out.data, stdout);
    hv_buf_free(&out);
    hv_store_close(s);
    return rc;
}
