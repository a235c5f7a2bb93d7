/* batch.c — `houvast run FILE --cases CASELOAD`: a whole caseload, streamed,
 * decided by several threads, written in input order.
 *
 * The main thread fills a block with records (the text of a CSV row or a
 * JSON line) while the block before is in flight: the threads of a pool
 * (each with its own evaluation context on the one shared, immutable
 * program) take runs of a few records from it in turn, parse them into
 * cases, decide them and make their output. When the main thread has read
 * the next block, it takes runs of the block in flight too, until none is
 * left; so no thread waits for a slower one, and a thread that the system
 * puts aside holds up only its own run. Then the main thread hands the new
 * block out and finishes the old one in input order: a record the quick
 * parse left alone (a mistake, or a quoted CSV cell) is parsed the careful
 * way, so that its messages come in file order with their line; then the
 * outputs are written, stored (in order, so the audit chain follows the
 * file) and tallied. With --threads N the pool has N - 1 threads and the
 * main thread is the Nth; with one thread the main thread does it all.
 * Memory stays that of two blocks, whatever the size of the caseload.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"

enum { BLOCK = 1024, RUN = 16 };

typedef struct slot {
    hv_case *cs;
    char *text;                /* the record */
    size_t len, cap;
    int line;
    int parsed;                /* hv_caseload_parse's answer, then _report's */
    char *out;                 /* JSON line or text; NULL with --summary */
    hv_store_item *item;       /* for --store: made ready in the thread that decided */
    uint8_t *status;           /* per decision, for --summary */
    hv_value *outcome;         /* per decision, for --summary (a text in text[d]) */
    char (*text_outcome)[96];
    int32_t peil;              /* the peildatum it was decided on */
    int failed;
} slot;

typedef struct block {
    slot *slots;
    int n;
    atomic_int next;           /* the first slot no thread has taken yet */
} block;

typedef struct worker {
    struct batch *b;
    int index;
    hv_ctx *ctx;
    pthread_t thread;
    int started;
} worker;

typedef struct tally_row {
    uint8_t status;
    hv_value outcome;          /* a text points into text */
    char text[96];
    int64_t count;
} tally_row;

typedef struct batch {
    const hv_program *p;
    const hv_batch_opts *o;
    hv_caseload *load;
    int bad;                   /* records reported and skipped */
    int ndecs;
    block blk[2];
    int filling;               /* the block the reader fills */
    block *inflight;           /* the block the pool works on, NULL: none */
    hv_ctx *ctx;               /* the main thread's */
    worker *w;
    int nctx;                  /* workers made */
    int nw;                    /* threads in the pool; 0: the main thread does it all */
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    unsigned gen;              /* one more for every block handed to the pool */
    int busy, quit;
    FILE *out;
    int64_t count, stored, pending, last_id;   /* last_id: the last record committed */
    int64_t pending_last;                     /* the last record of the open transaction */
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
            s->outcome[d] = hv_unknown();
            if (st == HV_S_DECIDED || st == HV_S_DEFAULT) {
                hv_value v = hv_decision_outcome(ctx, d);
                /* a text lives in the context until its next case: keep a copy */
                if (v.k == HV_V_TEXT) v.s = hv_value_plain(b->p, v, s->text_outcome[d], sizeof s->text_outcome[d]);
                s->outcome[d] = v;
            }
        }
    } else {
        s->out = hv_result_json(ctx, o->trace ? HV_JSON_TRACE : 0);
        if (!s->out) s->failed = 1;
    }
    if (o->store) {
        /* stored without the trace: the line written when there is one */
        char *result = s->out && !o->trace ? s->out : hv_result_json(ctx, 0);
        if (!result || !(s->item = hv_store_item_new(ctx, s->cs, result))) s->failed = 1;
        if (result != s->out) hv_mem_free(result);
    }
}

/* Take runs of block k until none is left: parse and decide them. */
static void help(batch *b, block *k, hv_ctx *ctx)
{
    for (;;) {
        int from = atomic_fetch_add_explicit(&k->next, RUN, memory_order_relaxed);
        if (from >= k->n) return;
        int to = from + RUN < k->n ? from + RUN : k->n;
        for (int i = from; i < to; i++) {
            slot *s = &k->slots[i];
            s->parsed = hv_caseload_parse(b->load, s->text, s->len, s->cs);
            if (s->parsed == 0) decide_one(b, ctx, s);
        }
    }
}

/* A pool thread: for every new block, runs of it as long as there are
 * any; the mutex orders what the threads wrote before the main thread
 * reads it. */
static void *pool_thread(void *arg)
{
    worker *w = arg;
    batch *b = w->b;
    unsigned seen = 0;
    pthread_mutex_lock(&b->mu);
    for (;;) {
        while (b->gen == seen && !b->quit) pthread_cond_wait(&b->go, &b->mu);
        if (b->quit) break;
        seen = b->gen;
        block *k = b->inflight;
        pthread_mutex_unlock(&b->mu);
        help(b, k, w->ctx);
        pthread_mutex_lock(&b->mu);
        if (--b->busy == 0) pthread_cond_signal(&b->done);
    }
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

static void pool_stop(batch *b)
{
    pthread_mutex_lock(&b->mu);
    b->quit = 1;
    pthread_cond_broadcast(&b->go);
    pthread_mutex_unlock(&b->mu);
    for (int i = 0; i < b->nctx; i++)
        if (b->w[i].started) {
            pthread_join(b->w[i].thread, NULL);
            b->w[i].started = 0;
        }
    b->nw = 0;
}

/* Start the pool with `want` threads beside the main one; when not all of
 * them start, there is none and the main thread does the work. */
static void pool_start(batch *b, int want)
{
    b->nw = 0;
    for (int i = 0; i < want; i++) {
        if (pthread_create(&b->w[i].thread, NULL, pool_thread, &b->w[i]) != 0) break;
        b->w[i].started = 1;
        b->nw++;
    }
    if (b->nw < want) {
        pool_stop(b);
        b->quit = 0;
    }
}

/* Hand block k to the pool, or do it here when there is no pool. */
static void dispatch(batch *b, block *k)
{
    atomic_store_explicit(&k->next, 0, memory_order_relaxed);
    if (b->nw == 0) {
        help(b, k, b->ctx);
        b->inflight = k;
        return;
    }
    pthread_mutex_lock(&b->mu);
    b->inflight = k;
    b->busy = b->nw;
    b->gen++;
    pthread_cond_broadcast(&b->go);
    pthread_mutex_unlock(&b->mu);
}

/* Wait until the pool is done with the block in flight. */
static void wait_done(batch *b)
{
    if (b->nw == 0) return;
    pthread_mutex_lock(&b->mu);
    while (b->busy > 0) pthread_cond_wait(&b->done, &b->mu);
    pthread_mutex_unlock(&b->mu);
}

static void tally(batch *b, int d, uint8_t status, hv_value outcome)
{
    for (int i = 0; i < b->nrows[d]; i++) {
        tally_row *r = &b->rows[d][i];
        if (r->status == status && hv_value_equal(r->outcome, outcome)) { r->count++; return; }
    }
    if (b->nrows[d] == b->caprows[d]) {
        int cap = b->caprows[d] ? b->caprows[d] * 2 : 8;
        tally_row *r = realloc(b->rows[d], (size_t)cap * sizeof *r);
        if (!r) { b->failed = 1; return; }
        b->rows[d] = r;
        b->caprows[d] = cap;
        /* the texts moved with their rows */
        for (int i = 0; i < b->nrows[d]; i++)
            if (r[i].outcome.k == HV_V_TEXT) r[i].outcome.s = r[i].text;
    }
    tally_row *r = &b->rows[d][b->nrows[d]++];
    r->status = status;
    r->outcome = outcome;
    r->text[0] = 0;
    if (outcome.k == HV_V_TEXT) {
        snprintf(r->text, sizeof r->text, "%s", outcome.s);
        r->outcome.s = r->text;
    }
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
    b->last_id = b->pending_last;
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

/* The main thread's part of block k, in input order: the careful parse of
 * what the quick one left, then writing, storing and tallying. */
static int finish_block(batch *b, block *k)
{
    int rc = 0;
    for (int i = 0; i < k->n && rc == 0; i++) {
        slot *s = &k->slots[i];
        if (s->parsed < 0) {
            /* the careful way, reporting what is wrong with its line */
            s->parsed = hv_caseload_report(b->load, s->text, s->len, s->line, s->cs);
            if (s->parsed == -2) { rc = -1; break; }
            if (s->parsed == -1) b->bad++;
            if (s->parsed == 0) decide_one(b, b->ctx, s);
        }
        if (s->parsed != 0) continue;  /* not a case */
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
            int64_t id = hv_store_add_item(b->o->store, s->item, b->o->actor, err, sizeof err);
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
            b->pending_last = id;
            b->pending++;
        }
        if (b->o->summary) {
            for (int d = 0; d < b->ndecs; d++) tally(b, d, s->status[d], s->outcome[d]);
        }
        b->count++;
    }
    /* the output of stored cases only after their commit: what is printed is kept */
    if (rc == 0 && b->o->store && store_flush(b)) rc = -1;
    for (int i = 0; i < k->n; i++) {
        slot *s = &k->slots[i];
        if (rc == 0 && s->out) { fputs(s->out, b->out); fputc('\n', b->out); }
        hv_mem_free(s->out);
        hv_store_item_free(s->item);
        s->out = NULL;
        s->item = NULL;
    }
    progress(b, 0);
    return rc;
}

/* The block being filled is full, or the file is at its end: hand it to the
 * pool, and finish the block before while the pool works. */
static int turn(batch *b)
{
    block *full = &b->blk[b->filling], *before = b->inflight;
    if (before) help(b, before, b->ctx);
    wait_done(b);
    b->inflight = NULL;
    if (full->n) dispatch(b, full);
    int rc = before ? finish_block(b, before) : 0;
    if (before) before->n = 0;
    b->filling ^= 1;
    return rc;
}

/* Keep a record in the next slot of the block being filled. */
static int take(batch *b, const char *text, size_t len, int line)
{
    block *k = &b->blk[b->filling];
    slot *s = &k->slots[k->n];
    if (len + 1 > s->cap) {
        size_t cap = len + 1 > 2 * s->cap ? len + 1 : 2 * s->cap;
        char *t = realloc(s->text, cap);
        if (!t) { fprintf(stderr, "houvast run: out of memory\n"); return -1; }
        s->text = t;
        s->cap = cap;
    }
    memcpy(s->text, text, len);
    s->text[len] = 0;
    s->len = len;
    s->line = line;
    s->failed = 0;
    if (++k->n == BLOCK) return turn(b);
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

static int slots_new(batch *b, block *k)
{
    if (!(k->slots = calloc(BLOCK, sizeof *k->slots))) return -1;
    for (int i = 0; i < BLOCK; i++) {
        slot *s = &k->slots[i];
        s->cs = hv_case_new(b->p);
        s->status = calloc((size_t)b->ndecs + 1, 1);
        s->outcome = calloc((size_t)b->ndecs + 1, sizeof *s->outcome);
        s->text_outcome = calloc((size_t)b->ndecs + 1, sizeof *s->text_outcome);
        if (!s->cs || !s->status || !s->outcome || !s->text_outcome) return -1;
    }
    return 0;
}

static void slots_free(block *k)
{
    for (int i = 0; k->slots && i < BLOCK; i++) {
        slot *s = &k->slots[i];
        hv_case_free(s->cs);
        free(s->text);
        free(s->status);
        free(s->outcome);
        free(s->text_outcome);
        hv_mem_free(s->out);
        hv_store_item_free(s->item);
    }
    free(k->slots);
}

int hv_batch_run(const hv_program *p, const char *path, const hv_batch_opts *o, hv_diags *d)
{
    batch *b = calloc(1, sizeof *b);
    if (!b) return -1;
    b->p = p;
    b->o = o;
    b->ndecs = hv_program_ndecisions(p);
    b->out = o->out ? o->out : stdout;
    b->nctx = o->threads < 1 ? 1 : o->threads > 64 ? 64 : o->threads;
    b->w = calloc((size_t)b->nctx, sizeof *b->w);
    b->rows = calloc((size_t)b->ndecs + 1, sizeof *b->rows);
    b->nrows = calloc((size_t)b->ndecs + 1, sizeof *b->nrows);
    b->caprows = calloc((size_t)b->ndecs + 1, sizeof *b->caprows);
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->go, NULL);
    pthread_cond_init(&b->done, NULL);
    int rc = -1, bad = 0;
    if (!b->w || !b->rows || !b->nrows || !b->caprows || !(b->ctx = hv_ctx_new(p))) goto out;
    for (int i = 0; i < b->nctx; i++) {
        b->w[i] = (worker){b, i, hv_ctx_new(p), 0, 0};
        if (!b->w[i].ctx) goto out;
    }
    if (slots_new(b, &b->blk[0]) || slots_new(b, &b->blk[1])) goto out;
    if (o->progress) b->total = count_lines(path) - (strstr(path, ".csv") ? 1 : 0);
    clock_gettime(CLOCK_MONOTONIC, &b->start);
    b->last = b->start;
    if (!(b->load = hv_caseload_open(p, path, d))) {
        bad = -1;
    } else {
        pool_start(b, b->nctx - 1);
        const char *text;
        size_t len;
        int line, r;
        while ((r = hv_caseload_next(b->load, &text, &len, &line)) > 0)
            if (take(b, text, len, line)) { b->failed = 1; break; }
        /* the last block, and the one before it */
        if (!b->failed && (turn(b) || turn(b))) b->failed = 1;
        wait_done(b);
        pool_stop(b);
        bad = r < 0 ? -1 : b->bad;
        if (hv_caseload_close(b->load) && bad == 0) bad = 1;   /* empty: reported */
        b->load = NULL;
    }
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
                for (int k = 0; k < b->nrows[dd]; k++) {
                    const tally_row *r = &b->rows[dd][k];
                    char text[96] = "";
                    if (r->outcome.k != HV_V_UNKNOWN) hv_value_plain(p, r->outcome, text, sizeof text);
                    printf("  %10lld  %-13s %s\n", (long long)r->count, hv_status_json((hv_status)r->status), text);
                }
            }
        }
        if (o->store && b->stored)
            fprintf(stderr, "houvast: stored %lld record%s, up to record %lld, in %s\n", (long long)b->stored,
                    b->stored == 1 ? "" : "s", (long long)b->last_id, o->db);
        rc = b->failed ? -1 : bad < 0 ? -2 : bad;
    }
    slots_free(&b->blk[0]);
    slots_free(&b->blk[1]);
    hv_ctx_free(b->ctx);
    for (int i = 0; b->w && i < b->nctx; i++) hv_ctx_free(b->w[i].ctx);
    for (int dd = 0; b->rows && dd < b->ndecs; dd++) free(b->rows[dd]);
    pthread_cond_destroy(&b->go);
    pthread_cond_destroy(&b->done);
    pthread_mutex_destroy(&b->mu);
    free(b->rows);
    free(b->nrows);
    free(b->caprows);
    free(b->w);
    free(b);
    return rc;
}
