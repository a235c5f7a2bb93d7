/* value.h — runtime values: exact numbers, money in cents, dates as day
 * numbers; parsing and Dutch formatting.
 *
 * getal  : int64 in millionths (6 decimals), exact; |x| < 10^12.
 * bedrag : int64 in cents, exact; |x| < 10^16 euro.
 * Every value stays below 10^18 units, so it prints and parses back, and
 * a result beyond that is an overflow error, never a wrapped number.
 * datum  : days since 1970-01-01, years 1..9999.
 * Rounding (money times a number, divisions): half away from zero
 * ("rekenkundig afronden"), at the last kept digit.
 */
#ifndef HV_VALUE_H
#define HV_VALUE_H

#include <stdint.h>
#include <stddef.h>

#define HV_NUM_SCALE 1000000LL     /* getal: millionths */

typedef enum {
    HV_V_UNKNOWN = 0, HV_V_BOOL, HV_V_NUM, HV_V_MONEY, HV_V_DATE,
    HV_V_TEXT, HV_V_CHOICE, HV_V_ERROR
} hv_vkind;

/* Why a computation failed; the message is shown with the decision. */
#define HV_ERROR_LIST(X) \
    X(NONE,      "geen fout") \
    X(DIV_ZERO,  "deling door nul") \
    X(OVERFLOW,  "getal of bedrag te groot (overloop)") \
    X(DATE,      "datum buiten het bereik 0001-01-01 tot 9999-12-31") \
    X(DEP,       "een besluit waarvan dit afhangt gaf een fout") \
    X(DAYS,      "een datum verschuift alleen met hele dagen") \
    X(PERIOD,    "de peildatum ligt voor de eerste datum waarop deze parameter een waarde heeft") \
    X(RULESET,   "de regelset geldt niet op deze peildatum") \
    X(STEP,      "afronden op een stap van nul of minder kan niet")
typedef enum {
#define X(id, msg) HV_ERR_##id,
    HV_ERROR_LIST(X)
#undef X
} hv_errcode;
const char *hv_error_message(hv_errcode e);

typedef struct hv_value {
    uint8_t k;          /* hv_vkind */
    uint8_t err;        /* hv_errcode, for HV_V_ERROR */
    int32_t node;       /* for HV_V_ERROR: the expression node that failed */
    union {
        int64_t i;      /* BOOL 0/1, NUM, MONEY, DATE, CHOICE symbol */
        const char *s;  /* TEXT */
    };
} hv_value;

/* The same kind and the same value (texts by their characters; two unknowns
 * are the same). */
int hv_value_equal(hv_value a, hv_value b);
static inline hv_value hv_unknown(void) { hv_value v = {0}; return v; }
static inline hv_value hv_val(hv_vkind k, int64_t i) { hv_value v = {0}; v.k = (uint8_t)k; v.i = i; return v; }
static inline hv_value hv_bool(int b) { return hv_val(HV_V_BOOL, b ? 1 : 0); }
static inline hv_value hv_text(const char *s) { hv_value v = {0}; v.k = HV_V_TEXT; v.s = s; return v; }
static inline hv_value hv_error(hv_errcode e, int32_t node) { hv_value v = {0}; v.k = HV_V_ERROR; v.err = (uint8_t)e; v.node = node; return v; }

/* Decimal text ("-12.34") to a scaled integer with `scale` decimals. */
enum { HV_DEC_OK, HV_DEC_SYNTAX, HV_DEC_TOO_PRECISE, HV_DEC_RANGE };
int hv_decimal_parse(const char *s, int scale, int64_t *out);
/* Scaled integer to decimal text: "1234.56" (money: always 2 decimals;
 * numbers: trailing zeros dropped). `out` needs 32 bytes. */
void hv_decimal_format(int64_t v, int scale, int keep_zeros, char *out);

/* Dates. 0 on success, -1 when invalid or out of range. */
int  hv_date_from_ymd(int y, int m, int d, int32_t *day);
void hv_date_to_ymd(int32_t day, int *y, int *m, int *d);
int  hv_date_parse(const char *s, int32_t *day);         /* "YYYY-MM-DD" exactly */
void hv_date_iso(int32_t day, char *out);                 /* "2026-03-01", 11 bytes */
int  hv_date_valid(int64_t day);
int32_t hv_date_today(void);                              /* local date */
/* Whole years / months from a to b (negative when b is before a); a birthday
 * on 29 February counts from 1 March in other years. */
int64_t hv_date_years_between(int32_t a, int32_t b);
int64_t hv_date_months_between(int32_t a, int32_t b);
int32_t hv_date_month_edge(int32_t day, int end);          /* first or last day of its month */
/* Round v to a multiple of step (> 0): mode 0 half away from zero, -1 down, 1 up. */
hv_errcode hv_round_step(int64_t v, int64_t step, int mode, int64_t *r);

/* Dutch formatting, into out (64 bytes is enough). */
void hv_fmt_money_nl(int64_t cents, char *out);           /* "€ 1.234,56" */
void hv_fmt_num_nl(int64_t micro, char *out);             /* "1.234,5" */
void hv_fmt_date_nl(int32_t day, char *out);              /* "1 maart 2026" */

/* Exact arithmetic; each returns HV_ERR_NONE or an error code. */
hv_errcode hv_add(int64_t a, int64_t b, int64_t *r);
hv_errcode hv_sub(int64_t a, int64_t b, int64_t *r);
hv_errcode hv_num_mul(int64_t a, int64_t b, int64_t *r);       /* getal * getal */
hv_errcode hv_num_div(int64_t a, int64_t b, int64_t *r);       /* getal / getal */
hv_errcode hv_money_mul(int64_t cents, int64_t micro, int64_t *r);   /* bedrag * getal */
hv_errcode hv_money_div(int64_t cents, int64_t micro, int64_t *r);   /* bedrag / getal */
hv_errcode hv_money_ratio(int64_t a, int64_t b, int64_t *r);         /* bedrag / bedrag -> getal */

#endif
