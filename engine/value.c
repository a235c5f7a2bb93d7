/* value.c — exact decimals, dates and their Dutch formatting. */
#include "value.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const char *hv_error_message(hv_errcode e)
{
    static const char *const msgs[] = {
#define X(id, msg) msg,
        HV_ERROR_LIST(X)
#undef X
    };
    return msgs[e];
}

static const int64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

/* |v| must stay below this so that every number prints and parses back. */
#define HV_ABS_MAX 999999999999999999LL   /* 18 digits */

int hv_decimal_parse(const char *s, int scale, int64_t *out)
{
    int neg = 0;
    if (*s == '-') { neg = 1; s++; }
    else if (*s == '+') s++;
    if (*s < '0' || *s > '9') return HV_DEC_SYNTAX;
    int64_t v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (HV_ABS_MAX - (*s - '0')) / 10) return HV_DEC_RANGE;
        v = v * 10 + (*s - '0');
    }
    if (v > HV_ABS_MAX / pow10[scale]) return HV_DEC_RANGE;
    v *= pow10[scale];
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9') return HV_DEC_SYNTAX;
        int k = 0;
        for (; *s >= '0' && *s <= '9'; s++, k++) {
            if (k >= scale) return HV_DEC_TOO_PRECISE;
            v += (*s - '0') * pow10[scale - k - 1];
        }
    }
    if (*s) return HV_DEC_SYNTAX;
    *out = neg ? -v : v;
    return HV_DEC_OK;
}

void hv_decimal_format(int64_t v, int scale, int keep_zeros, char *out)
{
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t ip = a / (uint64_t)pow10[scale], fp = a % (uint64_t)pow10[scale];
    int n = sprintf(out, "%s%llu", v < 0 ? "-" : "", (unsigned long long)ip);
    if (scale == 0) return;
    char frac[8];
    sprintf(frac, "%0*llu", scale, (unsigned long long)fp);
    int len = scale;
    if (!keep_zeros) while (len > 0 && frac[len - 1] == '0') len--;
    if (len > 0) sprintf(out + n, ".%.*s", len, frac);
}

/* Civil date <-> day number (days since 1970-01-01), proleptic Gregorian,
 * counted in 400-year eras of 146097 days. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void hv_date_to_ymd(int32_t day, int *y, int *m, int *d)
{
    int64_t z = (int64_t)day + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

#define HV_DATE_MIN (-719162)   /* 0001-01-01 */
#define HV_DATE_MAX 2932896     /* 9999-12-31 */

int hv_date_valid(int64_t day) { return day >= HV_DATE_MIN && day <= HV_DATE_MAX; }

int hv_date_from_ymd(int y, int m, int d, int32_t *day)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return -1;
    *day = (int32_t)days_from_civil(y, m, d);
    return 0;
}

int hv_date_parse(const char *s, int32_t *day)
{
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) { if (s[i] != '-') return -1; }
        else if (s[i] < '0' || s[i] > '9') return -1;
    }
    if (s[10]) return -1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    return hv_date_from_ymd(y, m, d, day);
}

void hv_date_iso(int32_t day, char *out)
{
    int y, m, d;
    hv_date_to_ymd(day, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

int32_t hv_date_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    int32_t day = 0;
    hv_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &day);
    return day;
}

/* Group the digits of an unsigned integer with '.' every three digits. */
static void group_nl(uint64_t ip, char *out)
{
    char digits[24];
    int n = sprintf(digits, "%llu", (unsigned long long)ip);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) out[k++] = '.';
        out[k++] = digits[i];
    }
    out[k] = 0;
}

void hv_fmt_money_nl(int64_t cents, char *out)
{
    uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    char g[32];
    group_nl(a / 100, g);
    sprintf(out, "€ %s%s,%02llu", cents < 0 ? "-" : "", g, (unsigned long long)(a % 100));
}

void hv_fmt_num_nl(int64_t micro, char *out)
{
    uint64_t a = micro < 0 ? (uint64_t)0 - (uint64_t)micro : (uint64_t)micro;
    uint64_t ip = a / HV_NUM_SCALE, fp = a % HV_NUM_SCALE;
    char g[32];
    /* four-digit numbers (years, house numbers) read better without a dot */
    if (ip >= 10000) group_nl(ip, g);
    else sprintf(g, "%llu", (unsigned long long)ip);
    int n = sprintf(out, "%s%s", micro < 0 ? "-" : "", g);
    if (fp) {
        char frac[8];
        sprintf(frac, "%06llu", (unsigned long long)fp);
        int len = 6;
        while (frac[len - 1] == '0') len--;
        sprintf(out + n, ",%.*s", len, frac);
    }
}

void hv_fmt_date_nl(int32_t day, char *out)
{
    static const char *const months[] = {
        "januari", "februari", "maart", "april", "mei", "juni", "juli",
        "augustus", "september", "oktober", "november", "december"};
    int y, m, d;
    hv_date_to_ymd(day, &y, &m, &d);
    sprintf(out, "%d %s %d", d, months[m - 1], y);
}

hv_errcode hv_add(int64_t a, int64_t b, int64_t *r)
{
    int64_t s;
    if (__builtin_add_overflow(a, b, &s) || s > HV_ABS_MAX || s < -HV_ABS_MAX) return HV_ERR_OVERFLOW;
    *r = s;
    return HV_ERR_NONE;
}

hv_errcode hv_sub(int64_t a, int64_t b, int64_t *r)
{
    int64_t s;
    if (__builtin_sub_overflow(a, b, &s) || s > HV_ABS_MAX || s < -HV_ABS_MAX) return HV_ERR_OVERFLOW;
    *r = s;
    return HV_ERR_NONE;
}

/* n / d rounded half away from zero, d != 0. */
static __int128 div_round(__int128 n, __int128 d)
{
    int neg = (n < 0) != (d < 0);
    if (n < 0) n = -n;
    if (d < 0) d = -d;
    __int128 q = (n + d / 2) / d;
    return neg ? -q : q;
}

static hv_errcode fit(__int128 v, int64_t *r)
{
    if (v > HV_ABS_MAX || v < -HV_ABS_MAX) return HV_ERR_OVERFLOW;
    *r = (int64_t)v;
    return HV_ERR_NONE;
}

hv_errcode hv_num_mul(int64_t a, int64_t b, int64_t *r)
{
    return fit(div_round((__int128)a * b, HV_NUM_SCALE), r);
}

hv_errcode hv_num_div(int64_t a, int64_t b, int64_t *r)
{
    if (b == 0) return HV_ERR_DIV_ZERO;
    return fit(div_round((__int128)a * HV_NUM_SCALE, b), r);
}

hv_errcode hv_money_mul(int64_t cents, int64_t micro, int64_t *r)
{
    return fit(div_round((__int128)cents * micro, HV_NUM_SCALE), r);
}

hv_errcode hv_money_div(int64_t cents, int64_t micro, int64_t *r)
{
    if (micro == 0) return HV_ERR_DIV_ZERO;
    return fit(div_round((__int128)cents * HV_NUM_SCALE, micro), r);
}

hv_errcode hv_money_ratio(int64_t a, int64_t b, int64_t *r)
{
    if (b == 0) return HV_ERR_DIV_ZERO;
    return fit(div_round((__int128)a * HV_NUM_SCALE, b), r);
}

int64_t hv_date_months_between(int32_t a, int32_t b)
{
    if (b < a) return -hv_date_months_between(b, a);
    int ya, ma, da, yb, mb, db;
    hv_date_to_ymd(a, &ya, &ma, &da);
    hv_date_to_ymd(b, &yb, &mb, &db);
    int64_t m = (int64_t)(yb - ya) * 12 + (mb - ma);
    /* a month is complete on the same day of the month, or on the last day of
     * a shorter month (31 januari + 1 maand = 28 februari) */
    if (db < da && db != days_in_month(yb, mb)) m--;
    return m;
}

int64_t hv_date_years_between(int32_t a, int32_t b)
{
    if (b < a) return -hv_date_years_between(b, a);
    int ya, ma, da, yb, mb, db;
    hv_date_to_ymd(a, &ya, &ma, &da);
    hv_date_to_ymd(b, &yb, &mb, &db);
    int64_t y = yb - ya;
    if (mb < ma || (mb == ma && db < da)) y--;
    return y;
}

int32_t hv_date_month_edge(int32_t day, int end)
{
    int y, m, d;
    hv_date_to_ymd(day, &y, &m, &d);
    int32_t out = day;
    hv_date_from_ymd(y, m, end ? days_in_month(y, m) : 1, &out);
    return out;
}

hv_errcode hv_round_step(int64_t v, int64_t step, int mode, int64_t *r)
{
    if (step <= 0) return HV_ERR_STEP;
    int64_t q = v / step, rem = v % step;      /* C truncates toward zero */
    if (rem != 0) {
        if (mode < 0) { if (v < 0) q--; }
        else if (mode > 0) { if (v > 0) q++; }
        else {
            int64_t twice = rem < 0 ? -rem : rem;
            if (twice >= step - twice) q += v < 0 ? -1 : 1;
        }
    }
    __int128 res = (__int128)q * step;
    if (res > 999999999999999999LL || res < -999999999999999999LL) return HV_ERR_OVERFLOW;
    *r = (int64_t)res;
    return HV_ERR_NONE;
}
