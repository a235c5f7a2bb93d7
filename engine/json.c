/* json.c — JSON text written directly (see json.h). */
#include "json.h"

#include <jansson.h>
#include <stdint.h>
#include <string.h>

/* jansson allocates through hv_mem as the rest of the engine does (so that a
 * test can fail its allocations too), set before main runs. */
__attribute__((constructor)) static void jansson_through_hv_mem(void)
{
    json_set_alloc_funcs(hv_mem_alloc, hv_mem_free);
}

/* The length of the well-formed UTF-8 sequence at p, or 0. */
static int utf8_len(const unsigned char *p)
{
    unsigned c = *p;
    int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (n < 0) return 0;
    uint32_t cp = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 0x07;
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    static const uint32_t least[] = {0, 0x80, 0x800, 0x10000};
    if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n + 1;
}

long hv_json_utf8_bad_n(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        if (*p < 0x80) { p++; continue; }
        /* utf8_len stops at the first byte that does not continue the
         * character, so a NUL put after the last byte keeps it in bounds */
        unsigned char tail[4] = {0};
        size_t left = (size_t)(end - p) < 4 ? (size_t)(end - p) : 4;
        memcpy(tail, p, left);
        int k = utf8_len(tail);
        if (!k || (size_t)k > left) return (long)(p - (const unsigned char *)s);
        p += k;
    }
    return -1;
}

long hv_json_utf8_bad(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p < 0x80) { p++; continue; }
        int n = utf8_len(p);
        if (!n) return (long)(p - (const unsigned char *)s);
        p += n;
    }
    return -1;
}

int hv_json_utf8_ok(const char *s) { return hv_json_utf8_bad(s) < 0; }

/* The bytes a JSON string holds as they are: printable ASCII but " and \. */
static const unsigned char plain[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
    R16(0), R16(0),                                  /* 0x00-0x1f */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20-0x2f: not " */
    R16(1), R16(1),                                  /* 0x30-0x4f */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50-0x5f: not \ */
    R16(1), R16(1),                                  /* 0x60-0x7f */
    R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0),
#undef R16
};

int hv_json_str(hv_buf *b, const char *s)
{
    if (!s) { hv_buf_add(b, "null", 4); return 0; }
    /* room for the worst case (every byte a \u00XX), then written in place */
    size_t n = strlen(s);
    hv_buf_reserve(b, 6 * n + 2);
    if (b->failed) return 0;
    char *w = b->data + b->len;
    int broken = 0;
    *w++ = '"';
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        /* a run of bytes that stand for themselves, copied at once */
        const unsigned char *q = p;
        while (q < end && plain[*q]) q++;
        memcpy(w, p, (size_t)(q - p));
        w += q - p;
        if ((p = q) == end) break;
        unsigned char c = *p;
        if (c >= 0x80) {
            int k = utf8_len(p);
            if (k) {
                memcpy(w, p, (size_t)k);
                w += k;
                p += k;
                continue;
            }
            memcpy(w, "\xEF\xBF\xBD", 3);    /* U+FFFD for a broken byte */
            w += 3;
            broken = 1;
            p++;
            continue;
        }
        *w++ = '\\';
        switch (c) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '\b': *w++ = 'b'; break;
        case '\f': *w++ = 'f'; break;
        case '\n': *w++ = 'n'; break;
        case '\r': *w++ = 'r'; break;
        case '\t': *w++ = 't'; break;
        default: {
            static const char hex[] = "0123456789ABCDEF";
            *w++ = 'u';
            *w++ = '0';
            *w++ = '0';
            *w++ = hex[c >> 4];
            *w++ = hex[c & 15];
            break;
        }
        }
        p++;
    }
    *w++ = '"';
    b->len = (size_t)(w - b->data);
    b->data[b->len] = 0;
    return broken;
}

static void newline(hv_buf *b, int indent)
{
    hv_buf_putc(b, '\n');
    for (int i = 0; i < indent; i++) hv_buf_putc(b, ' ');
}

char *hv_json_indent(const char *s)
{
    hv_buf b;
    hv_buf_init(&b);
    int indent = 0;
    for (const char *p = s; *p; p++) {
        char c = *p;
        switch (c) {
        case '"': {
            const char *q = p + 1;
            while (*q && *q != '"') q += (*q == '\\' && q[1]) ? 2 : 1;
            hv_buf_add(&b, p, (size_t)(q - p) + (*q ? 1 : 0));
            p = *q ? q : q - 1;
            break;
        }
        case '{': case '[':
            if (p[1] == (c == '{' ? '}' : ']')) {
                hv_buf_putc(&b, c);
                hv_buf_putc(&b, *++p);
                break;
            }
            hv_buf_putc(&b, c);
            newline(&b, indent += 2);
            break;
        case '}': case ']':
            newline(&b, indent -= 2);
            hv_buf_putc(&b, c);
            break;
        case ',':
            hv_buf_putc(&b, ',');
            newline(&b, indent);
            break;
        case ':':
            hv_buf_add(&b, ": ", 2);
            break;
        default:
            hv_buf_putc(&b, c);
            break;
        }
    }
    return hv_buf_take(&b);
}

void hv_jw_init(hv_jw *w, hv_buf *b)
{
    w->b = b;
    w->depth = 0;
    w->more[0] = 0;
}

void hv_jw_open(hv_jw *w, char c)
{
    hv_buf_putc(w->b, c);
    if (w->depth < HV_JW_DEPTH - 1) w->depth++;
    w->more[w->depth] = 0;
}

void hv_jw_close(hv_jw *w, char c)
{
    hv_buf_putc(w->b, c);
    if (w->depth > 0) w->depth--;
}

static void sep(hv_jw *w)
{
    if (w->more[w->depth]) hv_buf_putc(w->b, ',');
    w->more[w->depth] = 1;
}

void hv_jw_key(hv_jw *w, const char *key)
{
    sep(w);
    hv_json_str(w->b, key);
    hv_buf_putc(w->b, ':');
}

void hv_jw_item(hv_jw *w) { sep(w); }
void hv_jw_str(hv_jw *w, const char *s) { hv_json_str(w->b, s); }
void hv_jw_raw(hv_jw *w, const char *text) { hv_buf_puts(w->b, text); }
