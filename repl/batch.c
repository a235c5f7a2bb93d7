/* batch.c — `houvast run FILE --cases CASELOAD`: a whole caseload, streamed,
 * decided by several threads, written in input order.
 *
 * The reader fills a block of cases; the threads (each with its own
 * evaluation context on the one shared, immutable program) decide their
 * share of the block and make each case's output; then the main thread
 * writes the block's outputs in input order, stores them (in order, so the
 * audit chain follows the file) and tallies the summary. Memory stays that of
 * one block, whatever the size of the caseload.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"

enum { BLOCK = 512, STORE_CHUNK = 500 };

typedef struct slot {
    hv_case *cs;
    int line;
    char *out;                 /* JSON line or text; NULL with --summary */
    char *result;              /* result JSON with trace, for --store */
    uint8_t *status;           /* per decision, for --summary */
    char (*outcome)[96];
    int32_t peil;              /* the peildatum it was decided on */
    int failed;
} slot;

typedef struct worker {
    struct batch *b;
    int index;
    hv_ctx *ctx;
    pthread_t thread;
} worker;

typedef struct tally_row {
    char status[24];
    char outcome[96];
    int64_t count;
} tally_row;

typedef struct batch {
    const hv_program *p;
    const hv_batch_opts *o;
    int ndecs;
    slot slots[BLOCK];
    int n;                     /* cases in the block */
    worker *w;
    int nw;
    FILE *out;
    int64_t count, stored, pending, last_id;
    tally_row **rows;          /* per decision */
    int *nrows, *caprows;
    int failed;
    /* progress */
    int64_t total;             /* lines in the file, for the ETA; 0 = unknown */
    struct timespec start, last;
} batch;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void decide_one(batch *b, hv_ctx *ctx, slot *s)
{
    const hv_batch_opts *o = b->o;
    s->failed = 0;
    /* a tally needs only the outcomes, unless the results are also kept */
    int flags = o->trace ? HV_EVAL_TRACE : o->summary && !o->store ? HV_EVAL_OUTCOME : 0;
    if (hv_eval(ctx, s->cs, o->peildatum, flags)) { s->failed = 1; return; }
    s->peil = hv_ctx_peildatum(ctx);
    if (o->summary) {
        for (int d = 0; d < b->ndecs; d++) {
            hv_status st = hv_decision_status(ctx, d);
            s->status[d] = (uint8_t)st;
            s->outcome[d][0] = 0;
            if (st == HV_S_DECIDED || st == HV_S_DEFAULT)
                hv_value_plain(b->p, hv_decision_outcome(ctx, d), s->outcome[d], sizeof s->outcome[d]);
        }
    } else {
        s->out = hv_result_json(ctx, o->trace ? HV_JSON_TRACE : 0);
        if (!s->out) s->failed = 1;
    }
    if (o->store && !(s->result = hv_result_json(ctx, HV_JSON_TRACE))) s->failed = 1;
}

static void *work(void *arg)
{
    worker *w = arg;
    batch *b = w->b;
    for (int i = w->index; i < b->n; i += b->nw) decide_one(b, w->ctx, &b->slots[i]);
    return NULL;
}

static void tally(batch *b, int d, const char *status, const char *outcome)
{
    for (int i = 0; i < b->nrows[d]; i++) {
        tally_row *r = &b->rows[d][i];
        if (strcmp(r->status, status) == 0 && strcmp(r->outcome, outcome) == 0) { r->count++; return; }
    }
    if (b->nrows[d] == b->caprows[d]) {
        int cap = b->caprows[d] ? b->caprows[d] * 2 : 8;
        tally_row *r = realloc(b->rows[d], (size_t)cap * sizeof *r);
        if (!r) { b->failed = 1; return; }
        b->rows[d] = r;
        b->caprows[d] = cap;
    }
    tally_row *r = &b->rows[d][b->nrows[d]++];
    snprintf(r->status, sizeof r->status, "%s", status);
    snprintf(r->outcome, sizeof r->outcome, "%s", outcome);
    r->count = 1;
}

static int store_flush(batch *b)
{
    if (!b->pending) return 0;
    char err[600];
    if (hv_store_commit(b->o->store, err, sizeof err)) {
        fprintf(stderr, "houvast run: %s (the last %lld decisions)\n", err, (long long)b->pending);
        b->pending = 0;
        return -1;
    }
    b->stored += b->pending;
    b->pending = 0;
    return 0;
}

static void progress(batch *b, int final)
{
    if (!b->o->progress) return;
    if (!final && seconds_since(&b->last) < 0.2) return;
    clock_gettime(CLOCK_MONOTONIC, &b->last);
    double el = seconds_since(&b->start);
    double rate = el > 0 ? (double)b->count / el : 0;
    fprintf(stderr, "\r\033[K%lld casussen, %.0f/s", (long long)b->count, rate);
    if (b->total > 0 && rate > 0 && !final) {
        double left = (double)(b->total - b->count) / rate;
        int pct = (int)(100.0 * (double)b->count / (double)b->total);
        fprintf(stderr, ", %d%%, nog %.0f s", pct > 100 ? 100 : pct, left > 0 ? left : 0);
    }
    if (final) fputc('\n', stderr);
    fflush(stderr);
}

/* Decide the cases of the block, then write, store and tally them in order. */
static int flush_block(batch *b)
{
    if (!b->n) return 0;
    if (b->nw == 1 || b->n < 2 * b->nw) {
        for (int i = 0; i < b->n; i++) decide_one(b, b->w[0].ctx, &b->slots[i]);
    } else {
        int ok[64] = {0};
        for (int i = 0; i < b->nw; i++) ok[i] = pthread_create(&b->w[i].thread, NULL, work, &b->w[i]) == 0;
        for (int i = 0; i < b->nw; i++) {
            if (ok[i]) pthread_join(b->w[i].thread, NULL);
            else work(&b->w[i]);      /* no thread to be had: do its share here */
        }
    }
    int rc = 0;
    for (int i = 0; i < b->n && rc == 0; i++) {
        slot *s = &b->slots[i];
        if (s->failed) {
            fprintf(stderr, "houvast run: out of memory deciding the case on line %d\n", s->line);
            rc = -1;
            break;
        }
        if (b->o->store) {
            char err[600];
            if (b->pending == 0 && hv_store_begin(b->o->store, err, sizeof err)) {
                fprintf(stderr, "houvast run: %s\n", err);
                rc = -1;
                break;
            }
            int64_t id = hv_store_add_result(b->o->store, b->p, s->cs, s->peil, s->result, b->o->actor, err, sizeof err);
            if (id < 0) {
                hv_store_rollback(b->o->store);
                fprintf(stderr, "houvast run: not stored (line %d): %s\n", s->line, err);
                if (b->pending)
                    fprintf(stderr, "houvast run: the %lld decisions before it in this chunk were not stored either\n",
                            (long long)b->pending);
                b->pending = 0;
                rc = -1;
                break;
            }
            b->last_id = id;
            if (++b->pending >= STORE_CHUNK && store_flush(b)) { rc = -1; break; }
        }
        if (b->o->summary) {
            for (int d = 0; d < b->ndecs; d++) tally(b, d, hv_status_json((hv_status)s->status[d]), s->outcome[d]);
        }
        b->count++;
    }
    /* the output of stored cases only after their commit: what is printed is kept */
    if (rc == 0 && b->o->store && store_flush(b)) rc = -1;
    for (int i = 0; i < b->n; i++) {
        slot *s = &b->slots[i];
        if (rc == 0 && s->out) { fputs(s->out, b->out); fputc('\n', b->out); }
        hv_mem_free(s->out);
        hv_mem_free(s->result);
        s->out = s->result = NULL;
    }
    b->n = 0;
    progress(b, 0);
    return rc;
}

static int take(void *ud, hv_case *c, int line)
{
    batch *b = ud;
    slot *s = &b->slots[b->n];
    if (hv_case_copy(s->cs, c)) { fprintf(stderr, "houvast run: out of memory\n"); b->failed = 1; return 1; }
    s->line = line;
    if (++b->n == BLOCK && flush_block(b)) { b->failed = 1; return 1; }
    return 0;
}

/* Lines in the file, for the progress bar's estimate (read in chunks). */
static int64_t count_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char buf[1 << 16];
    size_t n;
    int64_t lines = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        for (char *p = buf; (p = memchr(p, '\n', (size_t)(buf + n - p))); p++) lines++;
    fclose(f);
    return lines;
}

int hv_batch_run(const hv_program *p, const char *path, const hv_batch_opts *o, hv_diags *d)
{
    batch *b = calloc(1, sizeof *b);
    if (!b) return -1;
    b->p = p;
    b->o = o;
    b->ndecs = hv_program_ndecisions(p);
    b->out = o->out ? o->out : stdout;
    b->nw = o->threads < 1 ? 1 : o->threads > 64 ? 64 : o->threads;
    b->w = calloc((size_t)b->nw, sizeof *b->w);
    b->rows = calloc((size_t)b->ndecs + 1, sizeof *b->rows);
    b->nrows = calloc((size_t)b->ndecs + 1, sizeof *b->nrows);
    b->caprows = calloc((size_t)b->ndecs + 1, sizeof *b->caprows);
    int rc = -1, bad = 0;
    if (!b->w || !b->rows || !b->nrows || !b->caprows) goto out;
    for (int i = 0; i < b->nw; i++) {
        b->w[i] = (worker){b, i, hv_ctx_new(p), 0};
        if (!b->w[i].ctx) goto out;
    }
    for (int i = 0; i < BLOCK; i++) {
        slot *s = &b->slots[i];
        s->cs = hv_case_new(p);
        s->status = calloc((size_t)b->ndecs + 1, 1);
        s->outcome = calloc((size_t)b->ndecs + 1, sizeof *s->outcome);
        if (!s->cs || !s->status || !s->outcome) goto out;
    }
    if (o->progress) b->total = count_lines(path) - (strstr(path, ".csv") ? 1 : 0);
    clock_gettime(CLOCK_MONOTONIC, &b->start);
    b->last = b->start;
    bad = hv_case_read_file(p, path, take, b, d);
    if (!b->failed && flush_block(b)) b->failed = 1;
    progress(b, 1);
    rc = 0;
out:
    if (rc == 0) {
        if (o->summary) {
            printf("%lld casussen besloten", (long long)b->count);
            if (bad > 0) printf(", %d rij%s overgeslagen", bad, bad == 1 ? "" : "en");
            printf("\n");
            for (int dd = 0; dd < b->ndecs; dd++) {
                printf("\n%s:\n", hv_names_get(p, HV_NAME_DECISION, dd));
                for (int k = 0; k < b->nrows[dd]; k++)
                    printf("  %10lld  %-13s %s\n", (long long)b->rows[dd][k].count, b->rows[dd][k].status,
                           b->rows[dd][k].outcome);
            }
        }
        if (o->store && b->stored)
            fprintf(stderr, "houvast: stored %lld record%s, up to record %lld, in %s\n", (long long)b->stored,
                    b->stored == 1 ? "" : "s", (long long)b->last_id, o->db);
        rc = b->failed ? -1 : bad < 0 ? -2 : bad;
    }
    for (int i = 0; i < BLOCK; i++) {
        hv_case_free(b->slots[i].cs);
        free(b->slots[i].status);
        free(b->slots[i].outcome);
        hv_mem_free(b->slots[i].out);
        hv_mem_free(b->slots[i].result);
    }
    for (int i = 0; b->w && i < b->nw; i++) hv_ctx_free(b->w[i].ctx);
    for (int dd = 0; b->rows && dd < b->ndecs; dd++) free(b->rows[dd]);
    free(b->rows);
    free(b->nrows);
    free(b->caprows);
    free(b->w);
    free(b);
    return rc;
}
