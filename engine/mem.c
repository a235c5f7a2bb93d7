/* mem.c — allocation choke point, arenas and buffers. */
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long fail_countdown = 0;
/* counting, for tests (hv_mem_track): one thread only while it is on */
static int tracking;
static long allocs, live;

void hv_mem_fail_after(long n) { fail_countdown = n; }

void hv_mem_track(int on)
{
    tracking = on;
    allocs = live = 0;
}
long hv_mem_count(void) { return allocs; }
long hv_mem_live(void) { return live; }

static _Thread_local long failures;   /* allocations refused in this thread */
long hv_mem_failures(void) { return failures; }

static int should_fail(void)
{
    if (fail_countdown <= 0) return 0;
    return --fail_countdown == 0;
}

void *hv_mem_alloc(size_t n)
{
    void *p = should_fail() ? NULL : malloc(n ? n : 1);
    if (!p) failures++;
    else if (tracking) allocs++, live++;
    return p;
}

void *hv_mem_realloc(void *p, size_t n)
{
    void *q = should_fail() ? NULL : realloc(p, n ? n : 1);
    if (!q) failures++;
    if (tracking && q) {
        allocs++;
        if (!p) live++;
    }
    return q;
}

void hv_mem_free(void *p)
{
    if (tracking && p) live--;
    free(p);
}

char *hv_mem_strdup(const char *s)
{
    size_t n = strlen(s);
    char *d = hv_mem_alloc(n + 1);
    if (d) memcpy(d, s, n + 1);
    return d;
}

struct hv_arena_chunk {
    hv_arena_chunk *prev;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

void hv_arena_init(hv_arena *a, size_t chunk_size)
{
    a->head = a->spare = NULL;
    a->chunk_size = chunk_size ? chunk_size : 8192;
    a->failed = 0;
}

void *hv_arena_alloc(hv_arena *a, size_t n)
{
    void *p = hv_arena_alloc_raw(a, n);
    if (p) memset(p, 0, n);
    return p;
}

void *hv_arena_alloc_raw(hv_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    hv_arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = a->chunk_size;
        if (n > size / 4) {
            /* a big block gets a chunk of its own, kept behind the head */
            hv_arena_chunk *big = hv_mem_alloc(sizeof *big + n);
            if (!big) { a->failed = 1; return NULL; }
            big->size = big->used = n;
            if (c) { big->prev = c->prev; c->prev = big; }
            else { big->prev = NULL; a->head = big; }
            return big->data;
        }
        if (a->spare) {
            c = a->spare;
            a->spare = c->prev;
        } else {
            c = hv_mem_alloc(sizeof *c + size);
            if (!c) { a->failed = 1; return NULL; }
        }
        c->size = size;
        c->used = 0;
        c->prev = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

char *hv_arena_strndup(hv_arena *a, const char *s, size_t n)
{
    char *d = hv_arena_alloc(a, n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *hv_arena_strdup(hv_arena *a, const char *s)
{
    return hv_arena_strndup(a, s, strlen(s));
}

char *hv_arena_vprintf(hv_arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return NULL;
    char *d = hv_arena_alloc(a, (size_t)n + 1);
    if (d) vsnprintf(d, (size_t)n + 1, fmt, ap);
    return d;
}

char *hv_arena_printf(hv_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *d = hv_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return d;
}

void hv_arena_reset(hv_arena *a)
{
    hv_arena_chunk *c = a->head;
    while (c) {
        hv_arena_chunk *prev = c->prev;
        if (c->size == a->chunk_size) {
            c->used = 0;
            c->prev = a->spare;
            a->spare = c;
        } else {
            hv_mem_free(c);     /* a big block of its own */
        }
        c = prev;
    }
    a->head = NULL;
    a->failed = 0;
}

static void free_chain(hv_arena_chunk *c)
{
    while (c) {
        hv_arena_chunk *prev = c->prev;
        hv_mem_free(c);
        c = prev;
    }
}

void hv_arena_free(hv_arena *a)
{
    free_chain(a->head);
    free_chain(a->spare);
    a->head = a->spare = NULL;
}

int hv_vec_push(hv_arena *a, hv_vec *v, void *item)
{
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 4;
        void **items = hv_arena_alloc(a, (size_t)cap * sizeof *items);
        if (!items) return -1;
        if (v->n) memcpy(items, v->items, (size_t)v->n * sizeof *items);
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = item;
    return 0;
}

void hv_buf_init(hv_buf *b) { b->data = NULL; b->len = b->cap = 0; b->failed = 0; }

static int buf_reserve(hv_buf *b, size_t extra)
{
    if (b->failed) return -1;
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    char *d = hv_mem_realloc(b->data, cap);
    if (!d) { b->failed = 1; return -1; }
    b->data = d;
    b->cap = cap;
    return 0;
}

void hv_buf_add(hv_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n)) return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void hv_buf_reserve(hv_buf *b, size_t n) { (void)buf_reserve(b, n); }

void hv_buf_int(hv_buf *b, long long v)
{
    char d[24];
    int k = (int)sizeof d;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do d[--k] = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    if (v < 0) d[--k] = '-';
    hv_buf_add(b, d + k, sizeof d - (size_t)k);
}

void hv_buf_puts(hv_buf *b, const char *s) { hv_buf_add(b, s, strlen(s)); }
void hv_buf_putc(hv_buf *b, char c) { hv_buf_add(b, &c, 1); }

void hv_buf_printf(hv_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n >= 0 && !buf_reserve(b, (size_t)n)) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    }
    va_end(ap);
}

char *hv_buf_take(hv_buf *b)
{
    if (b->failed) { hv_buf_free(b); return NULL; }
    if (!b->data && buf_reserve(b, 0)) return NULL;
    if (b->data) b->data[b->len] = 0;
    char *d = b->data;
    hv_buf_init(b);
    return d;
}

void hv_buf_free(hv_buf *b) { hv_mem_free(b->data); hv_buf_init(b); }
