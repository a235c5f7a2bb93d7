/* commands.c — houvast check, run and test. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyze.h"
#include "batch.h"
#include "cli.h"
#include "store.h"

/* ---- check -------------------------------------------------------------------- */

static void usage_check(FILE *f)
{
    fprintf(f,
        "Usage: houvast check [OPTIONS] FILE...\n"
        "\n"
        "Check rule files: syntax, names, types, the rangorde, decisions without\n"
        "rules, cycles and casus blocks. Every problem is reported as\n"
        "FILE:LINE:COL: error: message, with the source line and a caret.\n"
        "Each file is a rule set of its own.\n"
        "\n"
        "A rule set without errors is then analysed, with warnings that show a\n"
        "case (fact values) where it applies: two rules of equal rank that can\n"
        "give different outcomes together (conflict possible), a rule that never\n"
        "decides because a higher rule or an exception always wins, a decision\n"
        "without standaard that some case leaves without outcome (gap), unused\n"
        "facts and definitions, values without rules, rules without omdat, and\n"
        "facts the rules read that have no vraag. The analysis is exact for\n"
        "comparisons of facts with constants, keuze and janee facts; beyond that\n"
        "it says 'could not decide' (a note) rather than guess.\n"
        "\n"
        "Options:\n"
        "  -q, --quiet     print nothing when the files are clean\n"
        "  -s, --strict    treat warnings as errors\n"
        "  -h, --help      show this help\n"
        "\n"
        "Exit status: 0 when clean (warnings allowed unless --strict), 1 on errors,\n"
        "2 on bad usage.\n");
}

int hv_cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"quiet", no_argument, 0, 'q'}, {"strict", no_argument, 0, 's'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int quiet = 0, strict = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "qsh", opts, NULL)) != -1) {
        if (c == 'q') quiet = 1;
        else if (c == 's') strict = 1;
        else if (c == 'h') { usage_check(stdout); return HV_EXIT_OK; }
        else { usage_check(stderr); return HV_EXIT_USAGE; }
    }
    if (optind >= argc) {
        fprintf(stderr, "houvast check: no rule file given\n");
        usage_check(stderr);
        return HV_EXIT_USAGE;
    }
    int rc = HV_EXIT_OK, nerr = 0;
    for (int i = optind; i < argc; i++) {
        hv_srcset src = {0};
        hv_diags d;
        hv_diags_init(&d, &src);
        d.max_errors = 1000;
        hv_program *p = hv_cli_compile(argv + i, 1, &src, &d);
        int nwarn = 0;
        if (p) {
            /* the analysis reports into a list of its own, on the program's sources */
            hv_diags w;
            hv_diags_init(&w, d.src);
            w.max_errors = 1000;
            nwarn = hv_analyze(p, &w, HV_ANALYZE_ALL);
            if (nwarn < 0) {
                fprintf(stderr, "%s: out of memory in the analysis\n", argv[i]);
                nwarn = 0;
                rc = HV_EXIT_FAIL;
            }
            if (strict)
                for (int k = 0; k < w.n; k++)
                    if (w.items[k].sev == HV_SEV_WARNING) w.items[k].sev = HV_SEV_ERROR;
            hv_cli_print_diags(&w);
            hv_diags_free(&w);
        }
        if (p && !quiet) {
            printf("%s: %s (%d feiten, %d besluiten, %d regels, %d waarden, %d casus", argv[i],
                   strict && nwarn ? "fouten" : "ok", hv_program_nfacts(p), hv_program_ndecisions(p),
                   hv_program_nrules(p), hv_program_nvalues(p), hv_program_ncasus(p));
            if (nwarn) printf("; %d waarschuwing%s", nwarn, nwarn == 1 ? "" : "en");
            printf(")\n");
        }
        if (!p) {
            rc = HV_EXIT_FAIL;
            nerr += d.nerrors;
        } else if (strict && nwarn) {
            rc = HV_EXIT_FAIL;
            nerr += nwarn;
        }
        hv_program_free(p);
        hv_diags_free(&d);
        hv_src_free(&src);
    }
    if (nerr) fprintf(stderr, "%d error%s\n", nerr, nerr == 1 ? "" : "s");
    return rc;
}

/* ---- run ------------------------------------------------------------------------ */

static void usage_run(FILE *f)
{
    fprintf(f,
        "Usage: houvast run [OPTIONS] FILE --case CASE\n"
        "\n"
        "Decide a case and explain, per decision, which value decided it,\n"
        "which rules were overruled and what is still missing.\n"
        "\n"
        "CASE is a .json file (one case: an object of fact values, or\n"
        "{\"peildatum\": ..., \"feiten\": {...}}), a .jsonl file (one case per line)\n"
        "or a .csv file (fact names in the header, one case per row).\n"
        "\n"
        "Options:\n"
        "  -c, --case FILE         the case file (required; or --cases)\n"
        "      --cases FILE        a caseload (.csv or .jsonl), read as a stream in\n"
        "                          constant memory; one JSON result per line\n"
        "      --out FILE          write the results to FILE instead of stdout\n"
        "      --summary           print only the closing summary: per decision the\n"
        "                          counts of each status and outcome\n"
        "      --threads N         decide a caseload with N threads (default: the\n"
        "                          number of cores); the output keeps the input order\n"
        "  -j, --json              print the result as JSON instead of Dutch text\n"
        "                          (one line per case for .jsonl and .csv input)\n"
        "  -t, --trace             also show every rule's state and, for a rule\n"
        "                          that did not apply, the first false condition\n"
        "  -p, --peildatum DATE    the reference date, YYYY-MM-DD; default: the\n"
        "                          case's own peildatum, else today\n"
        "  -s, --store             keep every decision in the audit store (one\n"
        "                          transaction per case; per 500 cases of a --case\n"
        "                          file, per block of 1,024 with --cases)\n"
        "      --db FILE           the audit database (default houvast.db)\n"
        "      --actor NAME        who decides (default HOUVAST_ACTOR; required to store)\n"
        "      --key-file FILE     the key for subject pseudonyms (default\n"
        "                          HOUVAST_KEY_FILE, else houvast.key when it exists)\n"
        "  -h, --help              show this help\n"
        "\n"
        "Exit status: 0 ok, 1 errors in the rule files, 2 bad case input or\n"
        "bad usage (the cases that could be read are still decided), 3 a caseload\n"
        "(--cases) with bad rows: they are reported and skipped, the rest is decided.\n");
}

typedef struct run_state {
    hv_ctx *ctx;
    int32_t peil;
    int json, trace, multi, count;
    int failed;
    hv_store *store;           /* --store */
    const char *actor, *db;
    int64_t first_id, last_id, pending, stored;
    int64_t chunk_first, chunk_last;
    hv_buf held;               /* output of the open chunk, printed after its commit */
    FILE *out;                 /* stdout or --out */
    int summary;               /* --summary (a caseload: see batch.c) */
} run_state;

enum { STORE_CHUNK = 500 };

/* Commit the records of the open chunk; they count as stored only now. */
static int store_flush(run_state *st)
{
    if (!st->pending) return 0;
    char err[600];
    if (hv_store_commit(st->store, err, sizeof err)) {
        fprintf(stderr, "houvast run: %s (the last %lld decisions)\n", err, (long long)st->pending);
        st->pending = 0;
        hv_buf_free(&st->held);
        return -1;
    }
    st->stored += st->pending;
    st->pending = 0;
    if (!st->first_id) st->first_id = st->chunk_first;
    st->last_id = st->chunk_last;
    /* the lock is released: now the chunk's output may take its time */
    if (st->held.len) fwrite(st->held.data, 1, st->held.len, st->out);
    hv_buf_free(&st->held);
    return 0;
}

static int store_one(run_state *st, hv_case *cs)
{
    char err[600];
    if (st->pending == 0 && hv_store_begin(st->store, err, sizeof err)) {
        fprintf(stderr, "houvast run: %s\n", err);
        hv_buf_free(&st->held);     /* not stored: not printed either */
        return -1;
    }
    int64_t id = hv_store_add_decision(st->store, st->ctx, cs, st->actor, err, sizeof err);
    if (id < 0) {
        hv_store_rollback(st->store);
        hv_buf_free(&st->held);
        fprintf(stderr, "houvast run: not stored: %s\n", err);
        if (st->pending) fprintf(stderr, "houvast run: the %lld decisions before it in this chunk were not stored either\n",
                                 (long long)st->pending);
        st->pending = 0;
        return -1;
    }
    if (!st->pending) st->chunk_first = id;
    st->chunk_last = id;
    st->pending++;
    if (st->pending >= STORE_CHUNK || !st->multi) return store_flush(st);
    return 0;
}

static int run_one(void *ud, hv_case *cs, int line)
{
    run_state *st = ud;
    if (hv_eval(st->ctx, cs, st->peil, st->trace ? HV_EVAL_TRACE : 0)) {
        fprintf(stderr, "houvast run: out of memory deciding the case on line %d\n", line);
        st->failed = 1;
        return 1;
    }
    int flags = st->trace ? HV_JSON_TRACE : 0;
    char *out;
    if (st->json) {
        out = hv_result_json(st->ctx, flags | (st->multi ? 0 : HV_JSON_PRETTY));
    } else {
        out = hv_result_text(st->ctx, flags);
        if (st->multi && out) {
            const char *id = hv_case_id(cs);
            hv_buf b;
            hv_buf_init(&b);
            hv_buf_printf(&b, "%s== casus op regel %d%s%s ==\n%s", st->count ? "\n" : "", line, id ? ", id " : "",
                          id ? id : "", out);
            hv_mem_free(out);
            out = hv_buf_take(&b);
        }
    }
    if (!out) {
        fprintf(stderr, "houvast run: out of memory\n");
        st->failed = 1;
        return 1;
    }
    if (st->store && st->multi) {
        /* held back while the chunk holds the write lock (see store_flush) */
        hv_buf_puts(&st->held, out);
        if (st->json) hv_buf_putc(&st->held, '\n');
    } else {
        fputs(out, st->out);
        if (st->json) fputc('\n', st->out);
    }
    hv_mem_free(out);
    st->count++;
    if (st->store && store_one(st, cs)) {
        st->failed = 1;
        return 1;
    }
    return 0;
}

int hv_cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"case", required_argument, 0, 'c'}, {"json", no_argument, 0, 'j'},
        {"trace", no_argument, 0, 't'},      {"peildatum", required_argument, 0, 'p'},
        {"store", no_argument, 0, 's'},      {"db", required_argument, 0, 'D'},
        {"actor", required_argument, 0, 'A'}, {"key-file", required_argument, 0, 'K'},
        {"cases", required_argument, 0, 'C'}, {"out", required_argument, 0, 'O'},
        {"summary", no_argument, 0, 'S'},    {"threads", required_argument, 0, 'T'},
        {"help", no_argument, 0, 'h'},       {0, 0, 0, 0}};
    const char *outpath = NULL;
    int batch = 0;
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    const char *casefile = NULL, *keyfile = NULL;
    int store = 0;
    run_state st = {0};
    st.db = "houvast.db";
    st.peil = HV_PEIL_CASE;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:jtp:sh", opts, NULL)) != -1) {
        switch (c) {
        case 's': store = 1; break;
        case 'D': st.db = optarg; break;
        case 'A': st.actor = optarg; break;
        case 'K': keyfile = optarg; break;
        case 'c': casefile = optarg; break;
        case 'C': casefile = optarg; batch = 1; break;
        case 'O': outpath = optarg; break;
        case 'S': st.summary = 1; break;
        case 'T': {
            char *end;
            threads = strtol(optarg, &end, 10);
            if (*end || threads < 1 || threads > 64) {
                fprintf(stderr, "houvast run: --threads takes a number from 1 to 64\n");
                return HV_EXIT_USAGE;
            }
            break;
        }
        case 'j': st.json = 1; break;
        case 't': st.trace = 1; break;
        case 'p': if (hv_cli_parse_date(optarg, &st.peil)) return HV_EXIT_USAGE; break;
        case 'h': usage_run(stdout); return HV_EXIT_OK;
        default: usage_run(stderr); return HV_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "houvast run: no rule file given\n");
        usage_run(stderr);
        return HV_EXIT_USAGE;
    }
    if (argc - optind > 1) {
        fprintf(stderr, "houvast run: one rule file at a time; '%s' is one too many\n", argv[optind + 1]);
        return HV_EXIT_USAGE;
    }
    if (!casefile) {
        fprintf(stderr, "houvast run: no case given; use --case CASE.json or --cases CASES.csv\n");
        return HV_EXIT_USAGE;
    }
    if (st.summary) batch = 1;    /* the summary of a caseload */
    if (batch && !hv_caseload_is_streamed(casefile)) {
        fprintf(stderr, "houvast run: --cases and --summary read a .csv or .jsonl caseload, not '%s'\n", casefile);
        return HV_EXIT_USAGE;
    }
    if (batch) st.json = 1;    /* a caseload gives one JSON result per line */
    st.out = stdout;
    if (outpath && !(st.out = fopen(outpath, "w"))) {
        fprintf(stderr, "houvast run: cannot write '%s': %s\n", outpath, strerror(errno));
        return HV_EXIT_USAGE;
    }
    hv_srcset src = {0};
    hv_diags d;
    hv_diags_init(&d, &src);
    if (store) {
        st.actor = hv_cli_actor(st.actor);
        if (!st.actor) {
            fprintf(stderr, "houvast run: storing needs an actor: --actor NAME or HOUVAST_ACTOR\n");
            return HV_EXIT_USAGE;
        }
    }
    hv_program *p = hv_cli_compile(argv + optind, argc - optind, &src, &d);
    if (!p) {
        hv_diags_free(&d);
        hv_src_free(&src);
        return HV_EXIT_FAIL;
    }
    hv_diags_free(&d);
    if (store && !(st.store = hv_cli_open_store(st.db, hv_cli_key_path(keyfile), 1))) {
        hv_src_free(&src);
        hv_program_free(p);
        return HV_EXIT_FAIL;
    }
    /* case diagnostics quote the case file, so they get a srcset of their own */
    hv_srcset csrc = {0};
    hv_diags_init(&d, &csrc);
    st.ctx = hv_ctx_new(p);
    st.multi = hv_caseload_is_streamed(casefile);   /* .csv, .jsonl, .ndjson, in any case */
    int rc = HV_EXIT_OK;
    if (!st.ctx) {
        fprintf(stderr, "houvast run: out of memory\n");
        rc = HV_EXIT_FAIL;
    } else if (batch) {
        hv_batch_opts bo = {st.peil, st.trace, st.summary, isatty(STDERR_FILENO) && !getenv("HOUVAST_NO_PROGRESS"),
                            threads < 1 ? 1 : (int)threads, st.out, st.store, st.actor, st.db};
        int bad = hv_batch_run(p, casefile, &bo, &d);
        hv_cli_print_diags(&d);
        rc = bad == -1 ? HV_EXIT_FAIL : bad == -2 ? HV_EXIT_BADCASE : bad > 0 ? HV_EXIT_BADROWS : HV_EXIT_OK;
    } else {
        int bad = hv_case_read_file(p, casefile, run_one, &st, &d);
        if (st.store && store_flush(&st)) st.failed = 1;
        hv_cli_print_diags(&d);
        /* said only after the commit: every decision reported stored is stored */
        if (st.store && st.stored == 1)
            fprintf(stderr, "houvast: stored as record %lld in %s\n", (long long)st.first_id, st.db);
        else if (st.store && st.stored > 1)
            fprintf(stderr, "houvast: stored %lld records, up to record %lld, in %s\n", (long long)st.stored,
                    (long long)st.last_id, st.db);
        if (st.failed) rc = HV_EXIT_FAIL;
        else if (bad != 0) rc = HV_EXIT_BADCASE;
    }
    if (outpath && st.out && fclose(st.out) != 0) {
        fprintf(stderr, "houvast run: writing '%s' failed: %s\n", outpath, strerror(errno));
        rc = HV_EXIT_FAIL;
    }
    hv_buf_free(&st.held);
    hv_store_close(st.store);
    hv_ctx_free(st.ctx);
    hv_diags_free(&d);
    hv_src_free(&csrc);
    hv_program_free(p);
    return rc;
}

/* ---- test ------------------------------------------------------------------------ */

static void usage_test(FILE *f)
{
    fprintf(f,
        "Usage: houvast test [OPTIONS] FILE...\n"
        "\n"
        "Run every casus block of each rule file and compare the outcome with\n"
        "what the casus expects. Each failure names the casus (FILE:LINE) and\n"
        "shows expected against actual. Ends with the line 'N passed, M failed'.\n"
        "A casus with its own peildatum (casus \"...\" peildatum 2026-03-01) is\n"
        "decided on that date, whatever --peildatum says.\n"
        "\n"
        "Options:\n"
        "  -p, --peildatum DATE    the reference date for a casus without its own\n"
        "                          peildatum (YYYY-MM-DD; default: today)\n"
        "  -q, --quiet             only print failures, the coverage and the\n"
        "                          closing line\n"
        "      --coverage          after the results, per rule file: how many rules\n"
        "                          and values decided at least one casus, and the\n"
        "                          ones that never did (\"nooit beslist\"). A rule\n"
        "                          decides a casus when, for one of its decisions,\n"
        "                          it is the deciding rule of a decided or \"ter\n"
        "                          beoordeling\" outcome, or one of the rules at\n"
        "                          the same best rank that agree with it. A value\n"
        "                          decides when one of its rules does. Failing\n"
        "                          casus count too; conflicts, standaard outcomes\n"
        "                          and open decisions decide nothing.\n"
        "      --junit FILE        also write the results as JUnit XML to FILE: a\n"
        "                          testsuite per rule file, a testcase per casus,\n"
        "                          a <failure> with expected against actual. The\n"
        "                          file is replaced atomically.\n"
        "  -h, --help              show this help\n"
        "\n"
        "Exit status: 0 when every casus passes, 1 on a failure, an error in a\n"
        "rule file or a JUnit file that could not be written, 2 on bad usage.\n");
}

/* XML text: & < > " ' escaped; control characters and bytes that are not
 * UTF-8 become U+FFFD. In an attribute, newlines and tabs are written as
 * character references so that they survive attribute normalisation. */
static void xml_escape(hv_buf *b, const char *s, int attr)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char ch = *p;
        switch (ch) {
        case '&': hv_buf_puts(b, "&amp;"); p++; continue;
        case '<': hv_buf_puts(b, "&lt;"); p++; continue;
        case '>': hv_buf_puts(b, "&gt;"); p++; continue;
        case '"': hv_buf_puts(b, "&quot;"); p++; continue;
        case '\'': hv_buf_puts(b, "&apos;"); p++; continue;
        case '\n': hv_buf_puts(b, attr ? "&#10;" : "\n"); p++; continue;
        case '\r': hv_buf_puts(b, "&#13;"); p++; continue;
        case '\t': hv_buf_puts(b, attr ? "&#9;" : "\t"); p++; continue;
        default: break;
        }
        if (ch < 0x20 || ch == 0x7f) { hv_buf_puts(b, "\xEF\xBF\xBD"); p++; continue; }
        if (ch < 0x80) { hv_buf_putc(b, (char)ch); p++; continue; }
        /* a UTF-8 sequence: copied when well formed */
        int n = ch >= 0xF0 && ch <= 0xF4 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC2 && ch <= 0xDF ? 2 : 0;
        if (ch >= 0xF5) n = 0;
        int ok = n > 0;
        for (int i = 1; ok && i < n; i++)
            if ((p[i] & 0xC0) != 0x80) ok = 0;
        if (ok) {
            unsigned cp = n == 2 ? (ch & 0x1Fu) : n == 3 ? (ch & 0x0Fu) : (ch & 0x07u);
            for (int i = 1; i < n; i++) cp = cp << 6 | (p[i] & 0x3Fu);
            if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
                (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
                ok = 0;
        }
        if (!ok) { hv_buf_puts(b, "\xEF\xBF\xBD"); p++; continue; }
        hv_buf_add(b, (const char *)p, (size_t)n);
        p += n;
    }
}

typedef struct junit_state {
    hv_buf suites;             /* the testsuite elements */
    int tests, failures, errors;
    double seconds;
} junit_state;

static void junit_suite(junit_state *j, const char *file, const hv_test_report *rep)
{
    hv_buf *b = &j->suites;
    hv_buf_puts(b, "  <testsuite name=\"");
    xml_escape(b, file, 1);
    hv_buf_printf(b, "\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.6f\">\n",
                  rep->ncasus, rep->failed, rep->seconds);
    for (int i = 0; i < rep->ncasus; i++) {
        const hv_test_casus *tc = &rep->casus[i];
        hv_buf_puts(b, "    <testcase name=\"");
        xml_escape(b, tc->name, 1);
        hv_buf_puts(b, "\" classname=\"");
        xml_escape(b, file, 1);
        hv_buf_printf(b, "\" time=\"%.6f\"", tc->seconds);
        if (tc->passed) {
            hv_buf_puts(b, "/>\n");
            continue;
        }
        hv_buf_puts(b, ">\n      <failure message=\"");
        xml_escape(b, tc->failure, 1);
        hv_buf_puts(b, "\" type=\"casus\">");
        xml_escape(b, tc->where, 0);
        hv_buf_puts(b, ": ");
        xml_escape(b, tc->name, 0);
        hv_buf_putc(b, '\n');
        xml_escape(b, tc->failure, 0);
        hv_buf_puts(b, "\n</failure>\n    </testcase>\n");
    }
    hv_buf_puts(b, "  </testsuite>\n");
    j->tests += rep->ncasus;
    j->failures += rep->failed;
    j->seconds += rep->seconds;
}

/* A rule file that could not be tested: one testcase in error. */
static void junit_broken(junit_state *j, const char *file, const char *why)
{
    hv_buf *b = &j->suites;
    hv_buf_puts(b, "  <testsuite name=\"");
    xml_escape(b, file, 1);
    hv_buf_puts(b, "\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0.000000\">\n"
                   "    <testcase name=\"");
    xml_escape(b, file, 1);
    hv_buf_puts(b, "\" classname=\"");
    xml_escape(b, file, 1);
    hv_buf_puts(b, "\" time=\"0.000000\">\n      <error message=\"");
    xml_escape(b, why, 1);
    hv_buf_puts(b, "\"/>\n    </testcase>\n  </testsuite>\n");
    j->tests++;
    j->errors++;
}

/* Write data to path through a temporary file in the same directory and a
 * rename, so that a reader sees the old file or the whole new one. */
static int write_atomically(const char *path, const char *data, size_t len)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 8);
    if (!tmp) { errno = ENOMEM; return -1; }
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".XXXXXX", 8);
    int fd = mkstemp(tmp);
    if (fd < 0) { free(tmp); return -1; }
    mode_t um = umask(0);
    umask(um);
    int rc = fchmod(fd, 0666 & ~um);
    FILE *f = fdopen(fd, "w");
    if (!f) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        errno = e;
        return -1;
    }
    if (rc == 0 && len && fwrite(data, 1, len, f) != len) rc = -1;
    if (rc == 0 && fflush(f)) rc = -1;
    if (rc == 0 && fsync(fileno(f))) rc = -1;
    int e = errno;
    if (fclose(f) && rc == 0) { rc = -1; e = errno; }
    if (rc == 0 && rename(tmp, path)) { rc = -1; e = errno; }
    if (rc) unlink(tmp);
    free(tmp);
    errno = e;
    return rc;
}

static int junit_write(junit_state *j, const char *path)
{
    hv_buf b;
    hv_buf_init(&b);
    hv_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<testsuites name=\"houvast test\" tests=\"%d\" failures=\"%d\" errors=\"%d\" time=\"%.6f\">\n",
                  j->tests, j->failures, j->errors, j->seconds);
    if (j->suites.len) hv_buf_add(&b, j->suites.data, j->suites.len);
    hv_buf_puts(&b, "</testsuites>\n");
    if (j->suites.failed || b.failed) {
        hv_buf_free(&b);
        fprintf(stderr, "houvast test: out of memory writing %s\n", path);
        return -1;
    }
    int rc = write_atomically(path, b.data, b.len);
    if (rc) fprintf(stderr, "houvast test: cannot write %s: %s\n", path, strerror(errno));
    hv_buf_free(&b);
    return rc;
}

int hv_cmd_test(int argc, char **argv)
{
    enum { OPT_COVERAGE = 256, OPT_JUNIT };
    static const struct option opts[] = {
        {"peildatum", required_argument, 0, 'p'}, {"quiet", no_argument, 0, 'q'},
        {"coverage", no_argument, 0, OPT_COVERAGE}, {"junit", required_argument, 0, OPT_JUNIT},
        {"help", no_argument, 0, 'h'},            {0, 0, 0, 0}};
    int32_t peil = hv_date_today();
    int quiet = 0, coverage = 0, c;
    const char *junit = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'p': if (hv_cli_parse_date(optarg, &peil)) return HV_EXIT_USAGE; break;
        case 'q': quiet = 1; break;
        case OPT_COVERAGE: coverage = 1; break;
        case OPT_JUNIT:
            if (!*optarg) {
                fprintf(stderr, "houvast test: --junit needs a file name\n");
                return HV_EXIT_USAGE;
            }
            junit = optarg;
            break;
        case 'h': usage_test(stdout); return HV_EXIT_OK;
        default: usage_test(stderr); return HV_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "houvast test: no rule file given\n");
        usage_test(stderr);
        return HV_EXIT_USAGE;
    }
    int detail = coverage || junit;
    int passed = 0, failed = 0, broken = 0;
    hv_buf cov;                /* the coverage, printed after every result */
    hv_buf_init(&cov);
    junit_state js = {0};
    hv_buf_init(&js.suites);
    for (int i = optind; i < argc; i++) {
        hv_srcset src = {0};
        hv_diags d;
        hv_diags_init(&d, &src);
        hv_program *p = hv_cli_compile(argv + i, 1, &src, &d);
        if (!p) {
            fprintf(stderr, "%s: not tested: the rule file has errors\n", argv[i]);
            broken++;
            if (junit) junit_broken(&js, argv[i], "not tested: the rule file has errors");
        } else {
            hv_test_report rep;
            if (hv_test_run_ex(p, peil, detail ? HV_TEST_DETAIL : 0, &rep)) {
                fprintf(stderr, "%s: out of memory while testing\n", argv[i]);
                broken++;
                if (junit) junit_broken(&js, argv[i], "out of memory while testing");
            } else {
                if (hv_program_ncasus(p) == 0) fprintf(stderr, "%s: no casus blocks\n", argv[i]);
                if (rep.text) {
                    if (quiet) {
                        /* only the FAIL lines and their details */
                        int show = 0;
                        for (char *line = rep.text; *line;) {
                            char *nl = strchr(line, '\n');
                            size_t n = nl ? (size_t)(nl - line) + 1 : strlen(line);
                            if (strncmp(line, "FAIL", 4) == 0) show = 1;
                            else if (strncmp(line, "ok", 2) == 0) show = 0;
                            if (show) fwrite(line, 1, n, stdout);
                            line += n;
                        }
                    } else {
                        fputs(rep.text, stdout);
                    }
                }
                if (coverage) {
                    char *t = hv_test_coverage_text(p, &rep, argv[i]);
                    if (t) hv_buf_puts(&cov, t);
                    else fprintf(stderr, "%s: out of memory for the coverage\n", argv[i]);
                    hv_mem_free(t);
                }
                if (junit) junit_suite(&js, argv[i], &rep);
                passed += rep.passed;
                failed += rep.failed;
                hv_test_report_free(&rep);
            }
        }
        hv_program_free(p);
        hv_diags_free(&d);
        hv_src_free(&src);
    }
    fflush(stdout);
    if (cov.len) fwrite(cov.data, 1, cov.len, stdout);
    hv_buf_free(&cov);
    int junit_failed = junit && junit_write(&js, junit) != 0;
    hv_buf_free(&js.suites);
    printf("%d passed, %d failed\n", passed, failed);
    if (broken) fprintf(stderr, "%d rule file%s could not be tested\n", broken, broken == 1 ? "" : "s");
    return failed || broken || junit_failed ? HV_EXIT_FAIL : HV_EXIT_OK;
}
