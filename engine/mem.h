/* mem.h — the one allocation choke point and arenas by lifetime.
 *
 * Every allocation of the library goes through hv_mem_alloc/hv_mem_realloc,
 * so a test can make the Nth allocation fail (hv_mem_fail_after).
 * Arenas hand out memory that lives until the arena is reset or freed:
 * one for the AST (freed after compiling), one for the compiled program,
 * one per evaluation context (reset for every case).
 */
#ifndef HV_MEM_H
#define HV_MEM_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

void *hv_mem_alloc(size_t n);              /* NULL when out of memory */
void *hv_mem_realloc(void *p, size_t n);   /* NULL when out of memory; p stays valid */
void  hv_mem_free(void *p);
char *hv_mem_strdup(const char *s);
/* Make the Nth allocation from now fail (0 = never). For tests. */
void  hv_mem_fail_after(long n);
/* For tests, in one thread: from hv_mem_track(1) on, count the allocations
 * made and the blocks not yet freed. jansson, libcsv, flex and bison
 * allocate through hv_mem too, so both cover everything the engine does. */
void  hv_mem_track(int on);
/* Allocations refused so far in this thread: a library that reports a
 * failed allocation as something else (jansson calls it a syntax error)
 * is caught by comparing the count before and after. */
long  hv_mem_failures(void);
long  hv_mem_count(void);
long  hv_mem_live(void);

typedef struct hv_arena_chunk hv_arena_chunk;
typedef struct hv_arena {
    hv_arena_chunk *head;   /* current chunk; earlier ones linked behind it */
    hv_arena_chunk *spare;  /* chunks kept by a reset, reused before malloc */
    size_t chunk_size;
    int failed;             /* set once an allocation failed */
} hv_arena;

void  hv_arena_init(hv_arena *a, size_t chunk_size);
void *hv_arena_alloc(hv_arena *a, size_t n);        /* zeroed, 16-byte aligned */
void *hv_arena_alloc_raw(hv_arena *a, size_t n);    /* not zeroed, 16-byte aligned */
char *hv_arena_strndup(hv_arena *a, const char *s, size_t n);
char *hv_arena_strdup(hv_arena *a, const char *s);
char *hv_arena_printf(hv_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *hv_arena_vprintf(hv_arena *a, const char *fmt, va_list ap);
/* Forget everything allocated, but keep the chunks for reuse: after the
 * first few cases an evaluation context allocates nothing from the heap. */
void  hv_arena_reset(hv_arena *a);
void  hv_arena_free(hv_arena *a);

/* A growable array of pointers in an arena. */
typedef struct hv_vec {
    void **items;
    int n, cap;
} hv_vec;
int hv_vec_push(hv_arena *a, hv_vec *v, void *item);   /* 0 ok, -1 no memory */

/* A growable byte buffer on the heap; caller frees with hv_buf_free. */
typedef struct hv_buf {
    char *data;
    size_t len, cap;
    int failed;
} hv_buf;
void hv_buf_init(hv_buf *b);
void hv_buf_add(hv_buf *b, const char *s, size_t n);
/* Room for n more bytes at once (a guess of the size to come). */
void hv_buf_reserve(hv_buf *b, size_t n);
/* A whole number in decimal digits. */
void hv_buf_int(hv_buf *b, long long v);
void hv_buf_puts(hv_buf *b, const char *s);
void hv_buf_printf(hv_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void hv_buf_putc(hv_buf *b, char c);
char *hv_buf_take(hv_buf *b);   /* NUL-terminated; caller frees with hv_mem_free */
void hv_buf_free(hv_buf *b);

#endif
