/* diag.c — source files, line map and diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hv_src_add(hv_srcset *s, const char *name, const char *text, size_t len)
{
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 4;
        hv_source *f = hv_mem_realloc(s->files, (size_t)cap * sizeof *f);
        if (!f) return -1;
        s->files = f;
        s->cap = cap;
    }
    hv_source *f = &s->files[s->n];
    memset(f, 0, sizeof *f);
    f->name = hv_mem_strdup(name);
    f->text = hv_mem_alloc(len + 1);
    if (!f->name || !f->text) {
        hv_mem_free(f->name);
        hv_mem_free(f->text);
        return -1;
    }
    memcpy(f->text, text, len);
    f->text[len] = 0;
    f->len = len;
    return s->n++;
}

int hv_src_replace(hv_srcset *s, int i, const char *text, size_t len, int first_line)
{
    hv_source *f = &s->files[i];
    char *t = hv_mem_alloc(len + 1);
    if (!t) return -1;
    memcpy(t, text, len);
    t[len] = 0;
    hv_mem_free(f->text);
    hv_mem_free(f->lines);
    f->text = t;
    f->len = len;
    f->lines = NULL;
    f->nlines = 0;
    f->first_line = first_line;
    return 0;
}

void hv_src_free(hv_srcset *s)
{
    for (int i = 0; i < s->n; i++) {
        hv_mem_free(s->files[i].name);
        hv_mem_free(s->files[i].text);
        hv_mem_free(s->files[i].lines);
    }
    hv_mem_free(s->files);
    s->files = NULL;
    s->n = s->cap = 0;
}

static int build_lines(hv_source *f)
{
    if (f->lines) return 0;
    int n = 1;
    for (size_t i = 0; i < f->len; i++)
        if (f->text[i] == '\n') n++;
    f->lines = hv_mem_alloc((size_t)n * sizeof *f->lines);
    if (!f->lines) return -1;
    int k = 0;
    f->lines[k++] = 0;
    for (size_t i = 0; i < f->len; i++)
        if (f->text[i] == '\n') f->lines[k++] = (uint32_t)i + 1;
    f->nlines = n;
    return 0;
}

static int line_of(hv_source *f, uint32_t off)
{
    int lo = 0, hi = f->nlines - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (f->lines[mid] <= off) lo = mid; else hi = mid - 1;
    }
    return lo;
}

/* Count UTF-8 characters (not continuation bytes) in [a, b). */
static int utf8_width(const char *a, const char *b)
{
    int n = 0;
    for (; a < b; a++)
        if (((unsigned char)*a & 0xC0) != 0x80) n++;
    return n;
}

int hv_src_index_lines(hv_srcset *s)
{
    for (int i = 0; i < s->n; i++)
        if (build_lines(&s->files[i])) return -1;
    return 0;
}

void hv_src_linecol(hv_srcset *s, hv_loc loc, int *line, int *col)
{
    *line = *col = 0;
    if (loc.file < 0 || loc.file >= s->n) return;
    hv_source *f = &s->files[loc.file];
    if (build_lines(f)) return;
    uint32_t off = loc.start > f->len ? (uint32_t)f->len : loc.start;
    int l = line_of(f, off);
    *line = l + 1 + f->first_line;
    *col = utf8_width(f->text + f->lines[l], f->text + off) + 1;
}

void hv_src_where(hv_srcset *s, hv_loc loc, char *out, size_t outlen)
{
    if (loc.file < 0 || loc.file >= s->n) { snprintf(out, outlen, "?"); return; }
    int line, col;
    hv_src_linecol(s, loc, &line, &col);
    snprintf(out, outlen, "%s:%d:%d", s->files[loc.file].name, line, col);
}

const char *hv_src_slice(hv_srcset *s, hv_loc loc, size_t *n)
{
    *n = 0;
    if (loc.file < 0 || loc.file >= s->n) return "";
    hv_source *f = &s->files[loc.file];
    if (loc.start > f->len || loc.end > f->len || loc.end < loc.start) return "";
    *n = loc.end - loc.start;
    return f->text + loc.start;
}

void hv_diags_init(hv_diags *d, hv_srcset *src)
{
    memset(d, 0, sizeof *d);
    d->src = src;
}

void hv_diags_free(hv_diags *d)
{
    for (int i = 0; i < d->n; i++) {
        hv_mem_free(d->items[i].msg);
        hv_mem_free(d->items[i].hint);
    }
    hv_mem_free(d->items);
    d->items = NULL;
    d->n = d->cap = d->nerrors = 0;
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return NULL;
    char *s = hv_mem_alloc((size_t)n + 1);
    if (s) vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

static void diag_vadd(hv_diags *d, hv_severity sev, hv_loc loc, const char *fmt, va_list ap)
{
    if (sev == HV_SEV_ERROR) d->nerrors++;
    int max = d->max_errors ? d->max_errors : 100;
    if (d->n >= max) return;
    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 8;
        hv_diag *it = hv_mem_realloc(d->items, (size_t)cap * sizeof *it);
        if (!it) return;
        d->items = it;
        d->cap = cap;
    }
    char *msg = vformat(fmt, ap);
    if (!msg) return;
    d->items[d->n++] = (hv_diag){sev, loc, msg, NULL};
}

void hv_diag_add(hv_diags *d, hv_severity sev, hv_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, sev, loc, fmt, ap);
    va_end(ap);
}

void hv_diag_error(hv_diags *d, hv_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, HV_SEV_ERROR, loc, fmt, ap);
    va_end(ap);
}

void hv_diag_hint(hv_diags *d, const char *fmt, ...)
{
    if (d->n == 0) return;
    va_list ap;
    va_start(ap, fmt);
    char *h = vformat(fmt, ap);
    va_end(ap);
    hv_diag *it = &d->items[d->n - 1];
    hv_mem_free(it->hint);
    it->hint = h;
}

static const char *sev_name(hv_severity s)
{
    switch (s) {
    case HV_SEV_ERROR: return "error";
    case HV_SEV_WARNING: return "warning";
    default: return "note";
    }
}

/* Lines longer than this (bytes) are shown in part, around the place. */
enum { LONG_LINE = 240 };

void hv_diag_render(const hv_diags *d, int i, hv_buf *buf, int color)
{
    const hv_diag *it = &d->items[i];
    const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
    const char *sevc = !color ? "" : it->sev == HV_SEV_ERROR ? "\033[1;31m"
                                   : it->sev == HV_SEV_WARNING ? "\033[1;35m" : "\033[1;36m";
    const char *green = color ? "\033[1;32m" : "";
    hv_srcset *s = d->src;
    if (it->loc.file < 0 || !s || it->loc.file >= s->n) {
        hv_buf_printf(buf, "%shouvast:%s %s%s:%s %s\n", bold, reset, sevc,
                      sev_name(it->sev), reset, it->msg);
    } else {
        hv_source *f = &s->files[it->loc.file];
        int line, col;
        hv_src_linecol(s, it->loc, &line, &col);
        hv_buf_printf(buf, "%s%s:%d:%d:%s %s%s:%s %s\n", bold, f->name, line, col, reset,
                      sevc, sev_name(it->sev), reset, it->msg);
        int local = line - f->first_line;    /* the line in this text */
        if (f->lines && local >= 1 && local <= f->nlines) {
            uint32_t ls = f->lines[local - 1];
            uint32_t le = ls;
            while (le < f->len && f->text[le] != '\n' && f->text[le] != '\r') le++;
            /* a very long line is shown around the place, cut at characters */
            int cut_left = 0, cut_right = 0;
            if (le - ls > LONG_LINE) {
                uint32_t at = it->loc.start > le ? le : it->loc.start < ls ? ls : it->loc.start;
                if (at - ls > LONG_LINE / 3) {
                    ls = at - LONG_LINE / 3;
                    while (ls < at && ((unsigned char)f->text[ls] & 0xC0) == 0x80) ls++;
                    cut_left = 1;
                }
                if (le - ls > LONG_LINE) {
                    le = ls + LONG_LINE;
                    while (le > ls && ((unsigned char)f->text[le] & 0xC0) == 0x80) le--;
                    cut_right = 1;
                }
            }
            hv_buf_printf(buf, "%5d | %s", line, cut_left ? "..." : "");
            for (uint32_t k = ls; k < le; k++) {
                unsigned char c = (unsigned char)f->text[k];
                /* a NUL or control byte shows as U+FFFD, one column wide */
                if (c < 32 && c != '\t') hv_buf_puts(buf, "\xef\xbf\xbd");
                else hv_buf_putc(buf, (char)c);
            }
            hv_buf_puts(buf, cut_right ? "...\n      | " : "\n      | ");
            if (cut_left) hv_buf_puts(buf, "   ");
            uint32_t start = it->loc.start > le ? le : it->loc.start;
            for (uint32_t k = ls; k < start; k++) {
                unsigned char c = (unsigned char)f->text[k];
                if ((c & 0xC0) == 0x80) continue;
                hv_buf_putc(buf, c == '\t' ? '\t' : ' ');
            }
            uint32_t end = it->loc.end > le ? le : it->loc.end;
            hv_buf_puts(buf, green);
            hv_buf_putc(buf, '^');
            int w = end > start ? utf8_width(f->text + start, f->text + end) : 1;
            for (int k = 1; k < w; k++) hv_buf_putc(buf, '~');
            hv_buf_puts(buf, reset);
            hv_buf_putc(buf, '\n');
        }
    }
    if (it->hint)
        hv_buf_printf(buf, "      = %shint:%s %s\n", bold, reset, it->hint);
}

/* Diagnostics are shown in source order: by file, then position; those
 * without a location first. Insertion sort keeps equal ones in order. */
static int diag_before(const hv_diag *a, const hv_diag *b)
{
    if (a->loc.file != b->loc.file) return a->loc.file < b->loc.file;
    return a->loc.start < b->loc.start;
}

void hv_diag_render_all(const hv_diags *d, hv_buf *buf, int color)
{
    int *order = hv_mem_alloc((size_t)(d->n + 1) * sizeof *order);
    if (!order) {
        for (int i = 0; i < d->n; i++) hv_diag_render(d, i, buf, color);
    } else {
        for (int i = 0; i < d->n; i++) {
            int j = i;
            while (j > 0 && diag_before(&d->items[i], &d->items[order[j - 1]])) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        for (int i = 0; i < d->n; i++) hv_diag_render(d, order[i], buf, color);
        hv_mem_free(order);
    }
    if (d->nerrors > d->n)
        hv_buf_printf(buf, "houvast: %d more errors not shown\n", d->nerrors - d->n);
}

int hv_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return 99;
    int d[65][65];
    for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[la][lb];
}

const char *hv_clip(const char *s, hv_clipbuf *buf)
{
    size_t n = strnlen(s, HV_CLIP + 1);
    int cut = n > HV_CLIP, ctl = 0;
    if (cut) {
        n = HV_CLIP;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    for (size_t i = 0; i < n && !ctl; i++) ctl = (unsigned char)s[i] < 0x20 || s[i] == 0x7F;
    if (!cut && !ctl) return s;
    static const char hex[] = "0123456789ABCDEF";
    char *w = buf->s;              /* at most 4 bytes for each of n <= HV_CLIP */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != 0x7F) { *w++ = (char)c; continue; }
        *w++ = '\\';
        if (c == '\n') *w++ = 'n';
        else if (c == '\r') *w++ = 'r';
        else if (c == '\t') *w++ = 't';
        else { *w++ = 'x'; *w++ = hex[c >> 4]; *w++ = hex[c & 15]; }
    }
    if (cut) { memcpy(w, "...", 3); w += 3; }
    *w = 0;
    return buf->s;
}

const char *hv_did_you_mean(const char *name, const char *const *cands, int n)
{
    const char *best = NULL;
    int bestd = 99;
    size_t len = strlen(name);
    int limit = len <= 3 ? 1 : len <= 8 ? 2 : 3;
    for (int i = 0; i < n; i++) {
        if (!cands[i] || strcmp(cands[i], name) == 0) continue;
        /* the distance is at least the difference in length: a candidate
         * that cannot come within the limit, or beat the best so far, is
         * passed over (most are, for the keywords after a syntax error) */
        size_t lc = strlen(cands[i]), gap = lc > len ? lc - len : len - lc;
        if (gap > (size_t)limit || gap >= (size_t)bestd) continue;
        int dist = hv_edit_distance(name, cands[i]);
        if (dist < bestd) { bestd = dist; best = cands[i]; }
    }
    return bestd <= limit ? best : NULL;
}
