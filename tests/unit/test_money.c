/* Money: rounding half away from zero, overflow, spreading, parsing, formatting. */
#include <locale.h>

#include "testutil.h"

static void test_apply_bp_rounds_half_away_from_zero(void **state)
{
    (void)state;
    int64_t out;
    assert_int_equal(money_apply_bp(250, 2000, &out, NULL), ERR_OK); /* 2.50 × 20 % = 0.50 */
    assert_int_equal(out, 50);
    assert_int_equal(money_apply_bp(25, 2000, &out, NULL), ERR_OK); /* 0.05 exactly */
    assert_int_equal(out, 5);
    assert_int_equal(money_apply_bp(1, 5000, &out, NULL), ERR_OK); /* 0.005 → 0.01 */
    assert_int_equal(out, 1);
    assert_int_equal(money_apply_bp(-1, 5000, &out, NULL), ERR_OK); /* −0.005 → −0.01 */
    assert_int_equal(out, -1);
    assert_int_equal(money_apply_bp(1, 4999, &out, NULL), ERR_OK); /* 0.004999 → 0 */
    assert_int_equal(out, 0);
    assert_int_equal(money_apply_bp(1999, 550, &out, NULL), ERR_OK); /* 19.99 × 5.5 % = 1.09945 → 1.10 */
    assert_int_equal(out, 110);
}

static void test_div_round_negative_and_ties(void **state)
{
    (void)state;
    assert_int_equal(money_div_round(5, 10), 1);
    assert_int_equal(money_div_round(-5, 10), -1);
    assert_int_equal(money_div_round(4, 10), 0);
    assert_int_equal(money_div_round(-15, 10), -2);
    assert_int_equal(money_div_round(14, 10), 1);
}

static void test_overflow_is_refused(void **state)
{
    (void)state;
    int64_t out;
    struct err e = {0};
    assert_int_equal(money_mul(INT64_MAX / 2, 3, &out, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "too large"));
    assert_int_equal(money_add(INT64_MAX, 1, &out, NULL), ERR_INVALID);
    assert_int_equal(money_apply_bp(INT64_MAX / 100, 10000, &out, NULL), ERR_INVALID);
}

static void test_spread_three_lines_adds_up(void **state)
{
    (void)state;
    int64_t w[3] = {10000, 10000, 10000}, parts[3];
    assert_int_equal(money_spread(1000, w, 3, parts, NULL), ERR_OK);
    assert_int_equal(parts[0], 333);
    assert_int_equal(parts[1], 334);
    assert_int_equal(parts[2], 333);
}

static void test_share_units_give_the_remainder_to_the_credit_that_completes(void **state)
{
    (void)state;
    /* 10.00 over 3 units: 3.33, 3.33, then 3.34 whatever the order of the credits */
    assert_int_equal(money_share_units(1000, 3, 1, 0), 333);
    assert_int_equal(money_share_units(1000, 3, 1, 1), 334);
    assert_int_equal(money_share_units(1000, 3, 2, 0) + money_share_units(1000, 3, 1, 1), 1000);
    assert_int_equal(money_share_units(1000, 3, 1, 0) + money_share_units(1000, 3, 2, 1), 1000);
    assert_int_equal(money_share_units(1000, 3, 3, 1), 1000);
    /* 2 × 99.00: one, then the other that completes */
    assert_int_equal(money_share_units(19800, 2, 1, 0), 9900);
    assert_int_equal(money_share_units(19800, 2, 1, 1), 9900);
    assert_int_equal(money_share_units(1000, 3, 0, 1), 0);
}

static void test_unit_in_basis_and_net_within_total(void **state)
{
    (void)state;
    assert_int_equal(money_unit_in_basis(1666, 2000, 0, 1), 1999);
    assert_int_equal(money_unit_in_basis(1999, 2000, 1, 0), 1666);
    assert_int_equal(money_unit_in_basis(1999, 2000, 1, 1), 1999);
    /* 4.00 at 20 %: 3.33 + 0.67 is 4.00 exactly (3.34, the credit's own net, makes 4.01) */
    assert_int_equal(money_net_within_total(400, 2000), 333);
    /* 0.03 cannot be reached at 20 % (0.02 + 0.00, 0.03 + 0.01): the largest below it */
    assert_int_equal(money_net_within_total(3, 2000), 2);
    assert_int_equal(money_net_within_total(0, 2000), 0);
    assert_int_equal(money_net_within_total(1055, 0), 1055);
    /* for every total, the net found makes it or stays below it by a cent */
    for (int64_t t = 1; t < 5000; t++) {
        int64_t n = money_net_within_total(t, 550), made = n + money_div_round(n * 550, 10000);
        assert_true(made == t || made == t - 1);
        assert_true(n + 1 + money_div_round((n + 1) * 550, 10000) > t);
    }
}

static void test_spread_uneven_weights_sum_exactly(void **state)
{
    (void)state;
    int64_t w[5] = {1999, 1, 12345, 7, 800}, parts[5], sum = 0;
    assert_int_equal(money_spread(997, w, 5, parts, NULL), ERR_OK);
    for (int i = 0; i < 5; i++) {
        assert_true(parts[i] >= 0);
        sum += parts[i];
    }
    assert_int_equal(sum, 997);
    int64_t zero[2] = {0, 0};
    assert_int_equal(money_spread(10, zero, 2, parts, NULL), ERR_INVALID);
}

static void test_parse_accepts_common_forms(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t want;
    } cases[] = {{"12.50", 1250},
                 {"12,50", 1250},
                 {"1 234,50", 123450},
                 {"1,234.50", 123450},
                 {"1.234,50", 123450},
                 {"-3", -300},
                 {"€ 12.5", 1250},
                 {"12.50 EUR", 1250},
                 {"0.05", 5},
                 {"18.00", 1800},
                 {"1\xc2\xa0"
                  "234,5 \xe2\x82\xac",
                  123450},
                 {"+7", 700},
                 {"1,000,000", 100000000}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t v = 0;
        assert_int_equal(money_parse(cases[i].text, &v, NULL), ERR_OK);
        assert_int_equal(v, cases[i].want);
    }
}

static void test_parse_refuses_garbage_and_extra_decimals(void **state)
{
    (void)state;
    int64_t v;
    struct err e = {0};
    assert_int_equal(money_parse_as("12.345", MONEY_DECIMAL_POINT, &v, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "decimals"));
    /* typed by a person, a thousands group or a third decimal: refused */
    static const char *const unclear[] = {"12.345", "1,000", "1.000", "€ 2,500"};
    for (size_t i = 0; i < sizeof unclear / sizeof unclear[0]; i++) {
        assert_int_equal(money_parse(unclear[i], &v, &e), ERR_INVALID);
        assert_non_null(strstr(e.msg, "ambiguous"));
    }
    assert_int_equal(money_parse("abc", &v, NULL), ERR_INVALID);
    assert_int_equal(money_parse("", &v, NULL), ERR_INVALID);
    assert_int_equal(money_parse("12.5x", &v, NULL), ERR_INVALID);
    assert_int_equal(money_parse("99999999999999999999", &v, NULL), ERR_INVALID);
    /* two decimals at most, even zeros: "18.0000" is not taken for 18 */
    assert_int_equal(money_parse("18.0000", &v, NULL), ERR_INVALID);
}

/* The values a careful tester found misread: each is read exactly as its
 * declared format says, or refused with the reason and what is expected. */
static void test_parse_point_file_never_misreads(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t want; /* -1: refused */
        const char *why;
    } cases[] = {
        {"1,000", 100000, NULL},
        {"2,500", 250000, NULL},
        {"1,234,567.89", 123456789, NULL},
        {"1.000", -1, "more than 2 decimals"},
        {"1.5.0", -1, "more than one decimal mark"},
        {"1\xe2\x82\xac"
         "2",
         -1, "either end"},
        {".", -1, "no digits"},
        {"1234567890123456789012345678901234567890123456789012345678901234567890", -1, "too large"},
        {"12,50", -1, "by three"},
        {"1,2345", -1, "by three"},
        {"1 234,50", -1, "two kinds"},
        {"\xe2\x82\xac 12 \xe2\x82\xac", -1, "one currency sign"},
        {"12.", -1, "after the decimal mark"},
        {"-", -1, "no digits"},
        {"1,", -1, "separator"},
        {"92233720368547758.08", -1, "too large"},
        {"92233720368547758.07", INT64_MAX, NULL},
        {"-\xe2\x82\xac"
         "3.5",
         -350, NULL},
        {"1'234.50", 123450, NULL},
        {" 7 ", 700, NULL},
        {".5", 50, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t v = -1;
        struct err e = {0};
        int rc = money_parse_as(cases[i].text, MONEY_DECIMAL_POINT, &v, &e);
        if (cases[i].why == NULL) {
            assert_int_equal(rc, ERR_OK);
            assert_int_equal(v, cases[i].want);
        } else {
            if (rc == ERR_OK || strstr(e.msg, cases[i].why) == NULL)
                fail_msg("'%s' gave rc %d v %lld: %s", cases[i].text, rc, (long long)v, e.msg);
            assert_non_null(strstr(e.msg, "expected an amount like 1234.50"));
        }
    }
}

/* A French or German export, declared with a decimal comma. */
static void test_parse_comma_file_reads_french_and_german(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t want;
    } good[] = {
        {"1 234,50", 123450},
        {"1.234,50 \xe2\x82\xac", 123450},
        {"1\xc2\xa0"
         "234,5",
         123450},
        {"1\xe2\x80\xaf"
         "234 567,89 EUR",
         123456789},
        {"1.000", 100000},
        {"-0,05", -5},
        {"399,00", 39900},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int64_t v = 0;
        assert_int_equal(money_parse_as(good[i].text, MONEY_DECIMAL_COMMA, &v, NULL), ERR_OK);
        assert_int_equal(v, good[i].want);
    }
    static const char *const bad[] = {"1,000", "1.5.0", "1,2,3", "1.234.5", "12.50"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t v;
        struct err e = {0};
        assert_int_equal(money_parse_as(bad[i], MONEY_DECIMAL_COMMA, &v, &e), ERR_INVALID);
        assert_non_null(strstr(e.msg, "decimal comma"));
    }
}

static void test_format_plain_and_percentages(void **state)
{
    (void)state;
    char buf[64];
    money_format_plain(123450, buf, sizeof buf);
    assert_string_equal(buf, "1234.50");
    money_format_plain(-5, buf, sizeof buf);
    assert_string_equal(buf, "-0.05");
    bp_format(1250, buf, sizeof buf);
    assert_string_equal(buf, "12.5 %");
    bp_format(1500, buf, sizeof buf);
    assert_string_equal(buf, "15 %");
    /* a column of discounts: one format, two decimals, as margins (issue 9) */
    rate_format(500, buf, sizeof buf);
    assert_string_equal(buf, "5.00 %");
    rate_format(750, buf, sizeof buf);
    assert_string_equal(buf, "7.50 %");
    rate_format(1452, buf, sizeof buf);
    assert_string_equal(buf, "14.52 %");
    int64_t bp;
    assert_int_equal(bp_parse("22%", &bp, NULL), ERR_OK);
    assert_int_equal(bp, 2200);
    assert_int_equal(bp_parse("12,5 %", &bp, NULL), ERR_OK);
    assert_int_equal(bp, 1250);
}

static void test_format_uses_locale_grouping(void **state)
{
    (void)state;
    char buf[64];
    setlocale(LC_ALL, "C");
    money_format(123450, "EUR", buf, sizeof buf);
    assert_string_equal(buf, "1,234.50 \xe2\x82\xac");
    money_format(-5, "EUR", buf, sizeof buf);
    assert_string_equal(buf, "-0.05 \xe2\x82\xac");
    if (setlocale(LC_ALL, "fr_FR.UTF-8") != NULL) {
        money_format(123450, "EUR", buf, sizeof buf);
        assert_non_null(strstr(buf, "234,50"));
        setlocale(LC_ALL, "C");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apply_bp_rounds_half_away_from_zero),
        cmocka_unit_test(test_div_round_negative_and_ties),
        cmocka_unit_test(test_overflow_is_refused),
        cmocka_unit_test(test_spread_three_lines_adds_up),
        cmocka_unit_test(test_spread_uneven_weights_sum_exactly),
        cmocka_unit_test(test_unit_in_basis_and_net_within_total),
        cmocka_unit_test(test_share_units_give_the_remainder_to_the_credit_that_completes),
        cmocka_unit_test(test_parse_accepts_common_forms),
        cmocka_unit_test(test_parse_refuses_garbage_and_extra_decimals),
        cmocka_unit_test(test_parse_point_file_never_misreads),
        cmocka_unit_test(test_parse_comma_file_reads_french_and_german),
        cmocka_unit_test(test_format_plain_and_percentages),
        cmocka_unit_test(test_format_uses_locale_grouping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
