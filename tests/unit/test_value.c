/* test_value.c — exact decimals, dates, Dutch formatting and arithmetic. */
#include "testutil.h"

#include <limits.h>

/* ---- hv_decimal_parse ------------------------------------------------------- */

static int64_t dec_ok(const char *s, int scale)
{
    int64_t v = 12345;
    int r = hv_decimal_parse(s, scale, &v);
    if (r != HV_DEC_OK) fail_msg("'%s' (scale %d) gave %d, expected OK", s, scale, r);
    return v;
}

static int dec_err(const char *s, int scale)
{
    int64_t v = 777;
    int r = hv_decimal_parse(s, scale, &v);
    assert_int_equal(v, 777);   /* untouched on error */
    return r;
}

static void decimal_parse_scale2(void **state)
{
    (void)state;
    assert_int_equal(dec_ok("12.34", 2), 1234);
    assert_int_equal(dec_ok("12", 2), 1200);
    assert_int_equal(dec_ok("12.5", 2), 1250);
    assert_int_equal(dec_ok("0.05", 2), 5);
    assert_int_equal(dec_ok("0", 2), 0);
    assert_int_equal(dec_ok("1500.00", 2), 150000);
    assert_int_equal(dec_ok("007", 2), 700);
}

static void decimal_parse_scale6(void **state)
{
    (void)state;
    assert_int_equal(dec_ok("2.5", 6), 2500000);
    assert_int_equal(dec_ok("3", 6), 3000000);
    assert_int_equal(dec_ok("0.000001", 6), 1);
    assert_int_equal(dec_ok("1.123456", 6), 1123456);
    assert_int_equal(dec_ok("12345.6", 6), 12345600000LL);
}

static void decimal_parse_signs(void **state)
{
    (void)state;
    assert_int_equal(dec_ok("-12.5", 2), -1250);
    assert_int_equal(dec_ok("+3", 2), 300);
    assert_int_equal(dec_ok("-0.000001", 6), -1);
    assert_int_equal(dec_ok("-0", 2), 0);
}

static void decimal_parse_too_precise(void **state)
{
    (void)state;
    assert_int_equal(dec_err("12.345", 2), HV_DEC_TOO_PRECISE);
    assert_int_equal(dec_err("0.001", 2), HV_DEC_TOO_PRECISE);
    assert_int_equal(dec_err("1.1234567", 6), HV_DEC_TOO_PRECISE);
    /* trailing zeros beyond the scale still count as written precision */
    assert_int_equal(dec_err("1.000", 2), HV_DEC_TOO_PRECISE);
}

static void decimal_parse_range(void **state)
{
    (void)state;
    assert_int_equal(dec_err("99999999999999999999", 2), HV_DEC_RANGE);
    assert_int_equal(dec_err("-99999999999999999999", 2), HV_DEC_RANGE);
    assert_int_equal(dec_err("100000000000000000000000", 6), HV_DEC_RANGE);
    assert_int_equal(dec_err("10000000000000", 6), HV_DEC_RANGE);      /* 1e13 > 9.2e12 */
    assert_int_equal(dec_ok("999999999999", 6), 999999999999000000LL);
}

/* value.h and the decisions promise a getal range of about ±9.2e12
 * (int64 millionths): 9e12 must fit. */
/* value.h: a getal stays below 10^12, a bedrag below 10^16 euro. */
static void decimal_parse_documented_range(void **state)
{
    (void)state;
    int64_t v;
    assert_int_equal(dec_ok("999999999999.999999", 6), 999999999999999999LL);
    assert_int_equal(dec_ok("-999999999999.999999", 6), -999999999999999999LL);
    assert_int_equal(hv_decimal_parse("1000000000000", 6, &v), HV_DEC_RANGE);
    assert_int_equal(dec_ok("9999999999999999.99", 2), 999999999999999999LL);
    assert_int_equal(hv_decimal_parse("10000000000000000", 2, &v), HV_DEC_RANGE);
}

static void decimal_parse_syntax(void **state)
{
    (void)state;
    const char *bad[] = {"", "abc", "1.", ".5", "1,5", "1.2.3", "12a", "-", "+", " 1",
                         "1 ", "--1", "1e3", "0x10", "€12"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int64_t v;
        int r = hv_decimal_parse(bad[i], 2, &v);
        if (r != HV_DEC_SYNTAX) fail_msg("'%s' gave %d, expected SYNTAX", bad[i], r);
    }
}

/* ---- hv_decimal_format ------------------------------------------------------- */

static const char *fmtdec(int64_t v, int scale, int keep)
{
    char *b = tu_ring(32);
    hv_decimal_format(v, scale, keep, b);
    return b;
}

static void decimal_format(void **state)
{
    (void)state;
    assert_string_equal(fmtdec(1234, 2, 1), "12.34");
    assert_string_equal(fmtdec(123456, 2, 1), "1234.56");
    assert_string_equal(fmtdec(5, 2, 1), "0.05");
    assert_string_equal(fmtdec(-5, 2, 1), "-0.05");
    assert_string_equal(fmtdec(0, 2, 1), "0.00");
    assert_string_equal(fmtdec(150000, 2, 1), "1500.00");
    assert_string_equal(fmtdec(2500000, 6, 0), "2.5");
    assert_string_equal(fmtdec(2000000, 6, 0), "2");
    assert_string_equal(fmtdec(-2500000, 6, 0), "-2.5");
    assert_string_equal(fmtdec(1, 6, 0), "0.000001");
    assert_string_equal(fmtdec(0, 6, 0), "0");
    assert_string_equal(fmtdec(2000000, 6, 1), "2.000000");
}

static void decimal_format_round_trip(void **state)
{
    (void)state;
    const int64_t vals[] = {0, 1, -1, 99, 100, 123456789, -987654321, 999999999999999999LL,
                            -999999999999999999LL};
    for (int scale = 2; scale <= 6; scale += 4)
        for (size_t i = 0; i < sizeof vals / sizeof *vals; i++)
            for (int keep = 0; keep <= 1; keep++) {
                const char *s = fmtdec(vals[i], scale, keep);
                int64_t back;
                assert_int_equal(hv_decimal_parse(s, scale, &back), HV_DEC_OK);
                assert_int_equal(back, vals[i]);
            }
}

/* ---- dates -------------------------------------------------------------------- */

static int32_t ymd(int y, int m, int d)
{
    int32_t day = 0;
    if (hv_date_from_ymd(y, m, d, &day)) fail_msg("%04d-%02d-%02d refused", y, m, d);
    return day;
}

static int ymd_bad(int y, int m, int d)
{
    int32_t day = 4242;
    int r = hv_date_from_ymd(y, m, d, &day);
    return r != 0 && day == 4242;
}

static void date_known_days(void **state)
{
    (void)state;
    assert_int_equal(ymd(1970, 1, 1), 0);
    assert_int_equal(ymd(1969, 12, 31), -1);
    assert_int_equal(ymd(2026, 3, 1), 20513);
    assert_int_equal(ymd(2000, 2, 29), 11016);
    assert_int_equal(ymd(2024, 2, 29), 19782);
}

static void date_leap_years(void **state)
{
    (void)state;
    assert_int_equal(ymd(2024, 2, 29) + 1, ymd(2024, 3, 1));
    assert_int_equal(ymd(2000, 2, 29) + 1, ymd(2000, 3, 1));
    assert_int_equal(ymd(2026, 2, 28) + 1, ymd(2026, 3, 1));
    assert_true(ymd_bad(2026, 2, 29));
    assert_true(ymd_bad(1900, 2, 29));     /* divisible by 100, not by 400 */
    assert_true(ymd_bad(2100, 2, 29));
    assert_true(ymd_bad(2024, 2, 30));
    assert_int_equal(ymd(2024, 12, 31) - ymd(2024, 1, 1), 365);
    assert_int_equal(ymd(2026, 12, 31) - ymd(2026, 1, 1), 364);
}

static void date_invalid_parts(void **state)
{
    (void)state;
    assert_true(ymd_bad(2026, 4, 31));
    assert_true(ymd_bad(2026, 13, 1));
    assert_true(ymd_bad(2026, 0, 1));
    assert_true(ymd_bad(2026, 1, 0));
    assert_true(ymd_bad(2026, 1, 32));
    assert_true(ymd_bad(0, 12, 31));
    assert_true(ymd_bad(10000, 1, 1));
    assert_true(ymd_bad(-5, 1, 1));
}

static void date_bounds(void **state)
{
    (void)state;
    int32_t lo = ymd(1, 1, 1), hi = ymd(9999, 12, 31);
    assert_int_equal(lo, -719162);
    assert_int_equal(hi, 2932896);
    assert_true(hv_date_valid(lo));
    assert_true(hv_date_valid(hi));
    assert_false(hv_date_valid((int64_t)lo - 1));
    assert_false(hv_date_valid((int64_t)hi + 1));
    assert_false(hv_date_valid(INT64_MAX));
    assert_string_equal(tu_iso(lo), "0001-01-01");
    assert_string_equal(tu_iso(hi), "9999-12-31");
}

static void date_round_trip_every_day(void **state)
{
    (void)state;
    int py = 1, pm = 1, pd = 1;
    for (int32_t day = -719162; day <= 2932896; day++) {
        int y, m, d;
        hv_date_to_ymd(day, &y, &m, &d);
        int32_t back;
        if (hv_date_from_ymd(y, m, d, &back) || back != day)
            fail_msg("day %d -> %04d-%02d-%02d -> %d", day, y, m, d, back);
        if (day > -719162) {
            /* the next calendar day: d+1, or the 1st of the next month/year */
            int next = (y == py && m == pm && d == pd + 1) ||
                       (y == py && m == pm + 1 && d == 1) ||
                       (y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31);
            if (!next) fail_msg("%04d-%02d-%02d follows %04d-%02d-%02d", y, m, d, py, pm, pd);
        }
        py = y; pm = m; pd = d;
    }
    assert_int_equal(py, 9999);
    assert_int_equal(pm, 12);
    assert_int_equal(pd, 31);
}

static void date_parse_exact(void **state)
{
    (void)state;
    int32_t day;
    assert_int_equal(hv_date_parse("2026-03-01", &day), 0);
    assert_int_equal(day, 20513);
    assert_int_equal(hv_date_parse("0001-01-01", &day), 0);
    assert_int_equal(day, -719162);
    assert_int_equal(hv_date_parse("9999-12-31", &day), 0);
    assert_int_equal(day, 2932896);
    assert_int_equal(hv_date_parse("2024-02-29", &day), 0);
}

static void date_parse_strict(void **state)
{
    (void)state;
    const char *bad[] = {"2026-3-1", "2026-03-1", "26-03-01", "2026/03/01", "2026-03-01 ",
                         " 2026-03-01", "2026-03-01T00:00", "2026-02-29", "0000-01-01",
                         "2026-13-01", "2026-00-10", "2026-04-31", "", "2026", "2026-03",
                         "+026-03-01", "2026-03-0a", "01-03-2026", "1 maart 2026"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int32_t day = 99;
        if (hv_date_parse(bad[i], &day) == 0) fail_msg("'%s' accepted as a date", bad[i]);
    }
}

static void date_iso(void **state)
{
    (void)state;
    assert_string_equal(tu_iso(20513), "2026-03-01");
    assert_string_equal(tu_iso(0), "1970-01-01");
    assert_string_equal(tu_iso(-1), "1969-12-31");
    assert_string_equal(tu_iso(ymd(987, 6, 5)), "0987-06-05");
}

static void date_today_is_valid(void **state)
{
    (void)state;
    int32_t t = hv_date_today();
    assert_true(hv_date_valid(t));
    assert_true(t > ymd(2020, 1, 1));
}

/* ---- Dutch formatting ----------------------------------------------------------- */

static const char *money_nl(int64_t c) { char *b = tu_ring(64); hv_fmt_money_nl(c, b); return b; }
static const char *num_nl(int64_t m) { char *b = tu_ring(64); hv_fmt_num_nl(m, b); return b; }
static const char *date_nl(int32_t d) { char *b = tu_ring(64); hv_fmt_date_nl(d, b); return b; }

static void fmt_money_nl(void **state)
{
    (void)state;
    assert_string_equal(money_nl(123456), "€ 1.234,56");
    assert_string_equal(money_nl(5), "€ 0,05");
    assert_string_equal(money_nl(0), "€ 0,00");
    assert_string_equal(money_nl(100), "€ 1,00");
    assert_string_equal(money_nl(150000), "€ 1.500,00");
    assert_string_equal(money_nl(99999), "€ 999,99");
    assert_string_equal(money_nl(100000000), "€ 1.000.000,00");
    assert_string_equal(money_nl(123456789), "€ 1.234.567,89");
}

static void fmt_money_nl_negative(void **state)
{
    (void)state;
    assert_string_equal(money_nl(-123456), "€ -1.234,56");
    assert_string_equal(money_nl(-5), "€ -0,05");
}

static void fmt_num_nl(void **state)
{
    (void)state;
    assert_string_equal(num_nl(2000000), "2");
    assert_string_equal(num_nl(2500000), "2,5");
    assert_string_equal(num_nl(12345000000LL), "12.345");
    assert_string_equal(num_nl(1234000000LL), "1234");   /* four digits: no dot */
    assert_string_equal(num_nl(0), "0");
    assert_string_equal(num_nl(1), "0,000001");
    assert_string_equal(num_nl(-2500000), "-2,5");
    assert_string_equal(num_nl(1234567890000LL), "1.234.567,89");
    assert_string_equal(num_nl(1000000000000LL), "1.000.000");
    assert_string_equal(num_nl(333333), "0,333333");
}

static void fmt_date_nl(void **state)
{
    (void)state;
    assert_string_equal(date_nl(ymd(2026, 3, 1)), "1 maart 2026");
    assert_string_equal(date_nl(ymd(2026, 1, 15)), "15 januari 2026");
    assert_string_equal(date_nl(ymd(2025, 12, 31)), "31 december 2025");
    assert_string_equal(date_nl(ymd(2024, 2, 29)), "29 februari 2024");
    assert_string_equal(date_nl(ymd(2026, 5, 5)), "5 mei 2026");
    assert_string_equal(date_nl(ymd(2026, 8, 8)), "8 augustus 2026");
}

/* ---- arithmetic -------------------------------------------------------------------- */

static int64_t ok2(hv_errcode e, int64_t r)
{
    if (e != HV_ERR_NONE) fail_msg("unexpected error %d (%s)", e, hv_error_message(e));
    return r;
}

#define DEF_OP(NAME, FN) \
    static int64_t NAME(int64_t a, int64_t b) { int64_t r = 0; hv_errcode e = FN(a, b, &r); return ok2(e, r); }
DEF_OP(MONEY_MUL, hv_money_mul)
DEF_OP(MONEY_DIV, hv_money_div)
DEF_OP(MONEY_RATIO, hv_money_ratio)
DEF_OP(NUM_MUL, hv_num_mul)
DEF_OP(NUM_DIV, hv_num_div)

static void money_times_number_rounds_half_away(void **state)
{
    (void)state;
    assert_int_equal(MONEY_MUL(1000, 1500000), 1500);       /* €10 × 1.5 */
    assert_int_equal(MONEY_MUL(1, 500000), 1);              /* 0.5 cent -> 1 */
    assert_int_equal(MONEY_MUL(3, 500000), 2);              /* 1.5 -> 2 */
    assert_int_equal(MONEY_MUL(5, 500000), 3);              /* 2.5 -> 3, not 2 (no banker's rounding) */
    assert_int_equal(MONEY_MUL(12345, 1500000), 18518);     /* 185.175 -> 185.18 */
    assert_int_equal(MONEY_MUL(1000, 333333), 333);         /* 3.33333 -> 3.33 */
    assert_int_equal(MONEY_MUL(1, 499999), 0);
}

static void money_times_number_negative(void **state)
{
    (void)state;
    assert_int_equal(MONEY_MUL(-1, 500000), -1);            /* -0.5 -> -1 */
    assert_int_equal(MONEY_MUL(5, -500000), -3);            /* -2.5 -> -3 */
    assert_int_equal(MONEY_MUL(-5, -500000), 3);
    assert_int_equal(MONEY_MUL(-1000, 333333), -333);
    assert_int_equal(MONEY_MUL(-1, 499999), 0);
}

static void money_divisions(void **state)
{
    (void)state;
    assert_int_equal(MONEY_DIV(1000, 3000000), 333);        /* €10 / 3 = 3.333 */
    assert_int_equal(MONEY_DIV(200, 3000000), 67);          /* €2 / 3 = 0.6667 */
    assert_int_equal(MONEY_DIV(-200, 3000000), -67);
    assert_int_equal(MONEY_DIV(1, 2000000), 1);             /* 0.5 cent -> 1 */
    assert_int_equal(MONEY_DIV(-1, 2000000), -1);
    assert_int_equal(MONEY_DIV(100, 500000), 200);          /* €1 / 0.5 = €2 */
    assert_int_equal(MONEY_DIV(100, -3000000), -33);
}

static void money_ratio_is_number(void **state)
{
    (void)state;
    assert_int_equal(MONEY_RATIO(100, 300), 333333);
    assert_int_equal(MONEY_RATIO(200, 300), 666667);
    assert_int_equal(MONEY_RATIO(-200, 300), -666667);
    assert_int_equal(MONEY_RATIO(150000, 100000), 1500000);
}

static void number_mul_div(void **state)
{
    (void)state;
    assert_int_equal(NUM_MUL(1500000, 1500000), 2250000);
    assert_int_equal(NUM_MUL(1, 500000), 1);                /* 0.0000005 -> 0.000001 */
    assert_int_equal(NUM_MUL(-1, 500000), -1);
    assert_int_equal(NUM_DIV(1000000, 3000000), 333333);
    assert_int_equal(NUM_DIV(2000000, 3000000), 666667);
    assert_int_equal(NUM_DIV(-2000000, 3000000), -666667);
    assert_int_equal(NUM_DIV(7000000, 2000000), 3500000);
}

static void add_sub(void **state)
{
    (void)state;
    int64_t r;
    assert_int_equal(hv_add(150, 275, &r), HV_ERR_NONE);
    assert_int_equal(r, 425);
    assert_int_equal(hv_sub(150, 275, &r), HV_ERR_NONE);
    assert_int_equal(r, -125);
}

static void division_by_zero(void **state)
{
    (void)state;
    int64_t r = 5;
    assert_int_equal(hv_num_div(1000000, 0, &r), HV_ERR_DIV_ZERO);
    assert_int_equal(hv_money_div(100, 0, &r), HV_ERR_DIV_ZERO);
    assert_int_equal(hv_money_ratio(100, 0, &r), HV_ERR_DIV_ZERO);
    assert_int_equal(hv_num_div(0, 0, &r), HV_ERR_DIV_ZERO);
    assert_int_equal(r, 5);
    assert_string_equal(hv_error_message(HV_ERR_DIV_ZERO), "deling door nul");
}

static void overflow(void **state)
{
    (void)state;
    int64_t r = 5;
    assert_int_equal(hv_add(INT64_MAX, 1, &r), HV_ERR_OVERFLOW);
    assert_int_equal(hv_add(999999999999999999LL, 1, &r), HV_ERR_OVERFLOW);
    assert_int_equal(hv_sub(INT64_MIN + 1, 2, &r), HV_ERR_OVERFLOW);
    assert_int_equal(hv_money_mul(INT64_MAX / 2, 4000000, &r), HV_ERR_OVERFLOW);
    assert_int_equal(hv_num_mul(INT64_MAX / 2, INT64_MAX / 2, &r), HV_ERR_OVERFLOW);
    assert_int_equal(hv_num_div(INT64_MAX / 2, 1, &r), HV_ERR_OVERFLOW);   /* /0.000001 */
    assert_int_equal(hv_money_div(INT64_MAX / 4, 1, &r), HV_ERR_OVERFLOW);
    assert_int_equal(r, 5);
    assert_string_equal(hv_error_message(HV_ERR_OVERFLOW), "getal of bedrag te groot (overloop)");
    assert_string_equal(hv_error_message(HV_ERR_DATE), "datum buiten het bereik 0001-01-01 tot 9999-12-31");
}

static void value_constructors(void **state)
{
    (void)state;
    hv_value u = hv_unknown();
    assert_int_equal(u.k, HV_V_UNKNOWN);
    hv_value b = hv_bool(7);
    assert_int_equal(b.k, HV_V_BOOL);
    assert_int_equal(b.i, 1);
    hv_value e = hv_error(HV_ERR_DIV_ZERO, 12);
    assert_int_equal(e.k, HV_V_ERROR);
    assert_int_equal(e.err, HV_ERR_DIV_ZERO);
    assert_int_equal(e.node, 12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decimal_parse_scale2),
        cmocka_unit_test(decimal_parse_scale6),
        cmocka_unit_test(decimal_parse_signs),
        cmocka_unit_test(decimal_parse_too_precise),
        cmocka_unit_test(decimal_parse_range),
        cmocka_unit_test(decimal_parse_documented_range),
        cmocka_unit_test(decimal_parse_syntax),
        cmocka_unit_test(decimal_format),
        cmocka_unit_test(decimal_format_round_trip),
        cmocka_unit_test(date_known_days),
        cmocka_unit_test(date_leap_years),
        cmocka_unit_test(date_invalid_parts),
        cmocka_unit_test(date_bounds),
        cmocka_unit_test(date_round_trip_every_day),
        cmocka_unit_test(date_parse_exact),
        cmocka_unit_test(date_parse_strict),
        cmocka_unit_test(date_iso),
        cmocka_unit_test(date_today_is_valid),
        cmocka_unit_test(fmt_money_nl),
        cmocka_unit_test(fmt_money_nl_negative),
        cmocka_unit_test(fmt_num_nl),
        cmocka_unit_test(fmt_date_nl),
        cmocka_unit_test(money_times_number_rounds_half_away),
        cmocka_unit_test(money_times_number_negative),
        cmocka_unit_test(money_divisions),
        cmocka_unit_test(money_ratio_is_number),
        cmocka_unit_test(number_mul_div),
        cmocka_unit_test(add_sub),
        cmocka_unit_test(division_by_zero),
        cmocka_unit_test(overflow),
        cmocka_unit_test(value_constructors),
    };
    return cmocka_run_group_tests_name("value", tests, NULL, NULL);
}
