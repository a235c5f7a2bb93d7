/* diag.h — source files, locations and diagnostics.
 *
 * A location is a file number and a byte range; line and column are worked
 * out only when a diagnostic is shown (lazy line map, like jq's locfile).
 * The library never prints: diagnostics are collected in an hv_diags list
 * and the caller renders them with hv_diag_render.
 */
#ifndef HV_DIAG_H
#define HV_DIAG_H

#include <stdint.h>
#include <stddef.h>
#include "mem.h"

typedef struct hv_loc {
    int32_t file;          /* index in the hv_srcset; -1 = no location */
    uint32_t start, end;   /* byte offsets, end exclusive */
} hv_loc;

#define HV_NOLOC ((hv_loc){-1, 0, 0})

typedef struct hv_source {
    char *name;            /* as given by the user */
    char *text;            /* NUL-terminated copy, owned */
    size_t len;
    uint32_t *lines;       /* byte offset of each line start, built lazily */
    int nlines;
    int first_line;        /* lines of the real file before this text (a streamed line) */
} hv_source;

/* The set of source files of one compilation; owned by it (and later by
 * the compiled program, which keeps the text for explanations). */
typedef struct hv_srcset {
    hv_source *files;
    int n, cap;
} hv_srcset;

int  hv_src_add(hv_srcset *s, const char *name, const char *text, size_t len); /* file index or -1 */
void hv_src_free(hv_srcset *s);
/* Give file i a new text that stands at line first_line + 1 of the file: a
 * reader that streams a big file keeps only the lines it reports on. */
int  hv_src_replace(hv_srcset *s, int i, const char *text, size_t len, int first_line);
/* Build every file's line map now (a compiled program does this once, so
 * that later lookups only read and threads can share it). */
int  hv_src_index_lines(hv_srcset *s);
/* 1-based line and column (column counts UTF-8 characters). */
void hv_src_linecol(hv_srcset *s, hv_loc loc, int *line, int *col);
/* "file:line:col" into a caller buffer. */
void hv_src_where(hv_srcset *s, hv_loc loc, char *out, size_t outlen);
/* The source text of a location (not NUL-terminated); length in *n. */
const char *hv_src_slice(hv_srcset *s, hv_loc loc, size_t *n);

typedef enum { HV_SEV_ERROR, HV_SEV_WARNING, HV_SEV_NOTE } hv_severity;

typedef struct hv_diag {
    hv_severity sev;
    hv_loc loc;
    char *msg;             /* owned */
    char *hint;            /* owned, may be NULL: "did you mean ...?" */
} hv_diag;

typedef struct hv_diags {
    hv_srcset *src;        /* borrowed */
    hv_diag *items;
    int n, cap;
    int nerrors;
    int max_errors;        /* stop collecting after this many (0 = 100) */
} hv_diags;

void hv_diags_init(hv_diags *d, hv_srcset *src);
void hv_diags_free(hv_diags *d);
void hv_diag_add(hv_diags *d, hv_severity sev, hv_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void hv_diag_error(hv_diags *d, hv_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Attach a hint to the last diagnostic. */
void hv_diag_hint(hv_diags *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Render one diagnostic: "file:line:col: error: msg", the source line and
 * a caret underline, then the hint. Appends to buf. */
void hv_diag_render(const hv_diags *d, int i, hv_buf *buf, int color);
/* Render all, in order of appearance. */
void hv_diag_render_all(const hv_diags *d, hv_buf *buf, int color);

/* Edit distance (Damerau-Levenshtein, optimal string alignment). */
int hv_edit_distance(const char *a, const char *b);
/* The closest candidate to `name` that is close enough to be a likely typo,
 * or NULL. */
const char *hv_did_you_mean(const char *name, const char *const *cands, int n);

/* Input quoted in a message: at most its first HV_CLIP bytes (cut between
 * UTF-8 characters, then "..."), with every control character written as
 * \n, \r, \t or \xNN so that the message stays one line. s itself when it
 * is short and has none, else the text in buf. */
#define HV_CLIP 40
typedef struct hv_clipbuf { char s[HV_CLIP * 4 + 4]; } hv_clipbuf;
const char *hv_clip(const char *s, hv_clipbuf *buf);

#endif
