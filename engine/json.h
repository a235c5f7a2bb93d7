/* json.h — JSON text written directly: strings escaped the way jansson
 * writes them, a writer that puts the commas, and the indented layout of
 * jansson's JSON_INDENT(2) for compact text. The result of a case is
 * written this way (output.c), not built as a tree and dumped. */
#ifndef HV_JSON_H
#define HV_JSON_H

#include "mem.h"

/* Is s well-formed UTF-8 as jansson takes it (no overlong forms, no
 * surrogates, nothing above U+10FFFF)? */
int hv_json_utf8_ok(const char *s);
/* The offset of the first byte of s that is not part of well-formed UTF-8,
 * or -1 when there is none. */
long hv_json_utf8_bad(const char *s);
/* The same for n bytes, which may hold NULs (they count as ASCII). */
long hv_json_utf8_bad_n(const char *s, size_t n);

/* s as a JSON string, as jansson writes it (compact, not ASCII-only, '/' as
 * it is): \" \\ \b \f \n \r \t, other control characters as \u00XX; NULL
 * gives null. A byte that is not part of well-formed UTF-8 is written as
 * U+FFFD (jansson would refuse the string); then it returns 1, else 0. */
int hv_json_str(hv_buf *b, const char *s);

/* Compact JSON text laid out as json_dumps(JSON_INDENT(2)) lays it out.
 * Caller frees; NULL when out of memory. */
char *hv_json_indent(const char *compact);

/* A writer of compact JSON that puts the commas: hv_jw_key before each
 * member of an object, hv_jw_item before each element of an array. */
enum { HV_JW_DEPTH = 32 };
typedef struct hv_jw {
    hv_buf *b;
    int depth;
    unsigned char more[HV_JW_DEPTH];   /* per level: a member written already */
} hv_jw;
void hv_jw_init(hv_jw *w, hv_buf *b);
void hv_jw_open(hv_jw *w, char c);     /* '{' or '[' */
void hv_jw_close(hv_jw *w, char c);    /* '}' or ']' */
void hv_jw_key(hv_jw *w, const char *key);
void hv_jw_item(hv_jw *w);
void hv_jw_str(hv_jw *w, const char *s);       /* NULL: null */
void hv_jw_raw(hv_jw *w, const char *text);    /* a number, true, false, null */

#endif
