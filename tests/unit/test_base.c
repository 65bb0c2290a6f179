/* The base layer: rows + more, the growing string, the one time formatter,
 * name tables, and the CLI's UTF-8 character type. */
#include <locale.h>
#include <time.h>

#include "src/base/datetime.h"
#include "src/base/names.h"
#include "testutil.h"

static void test_rows_grow_past_any_first_size_and_keep_every_row(void **state)
{
    (void)state;
    struct rows r = {0};
    rows_reset(&r, sizeof(int64_t));
    for (int64_t i = 0; i < 1001; i++)
        *(int64_t *)rows_add(&r) = i;
    assert_int_equal(r.n, 1001);
    assert_int_equal(*(int64_t *)rows_at(&r, 1000), 1000);
    assert_null(rows_at(&r, 1001));
    r.more = 7;
    rows_reset(&r, sizeof(int64_t)); /* the same size keeps the memory, forgets the rows and the count */
    assert_int_equal(r.n, 0);
    assert_int_equal(r.more, 0);
    assert_non_null(r.items);
    rows_reset(&r, sizeof(struct user)); /* another size starts afresh */
    assert_null(r.items);
    assert_int_equal(r.size, sizeof(struct user));
    rows_free(&r);
    assert_int_equal(r.size, 0);
}

static void test_strbuf_keeps_everything_it_was_given(void **state)
{
    (void)state;
    struct strbuf b = {0};
    assert_string_equal(strbuf_text(&b), "");
    for (int i = 0; i < 3000; i++)
        strbuf_addf(&b, "line %d\n", i);
    assert_non_null(strstr(strbuf_text(&b), "line 0\n"));
    assert_non_null(strstr(strbuf_text(&b), "line 2999\n"));
    assert_int_equal(b.len, strlen(strbuf_text(&b)));
    strbuf_free(&b);
}

static void test_one_formatter_shows_stored_utc_in_local_time(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Paris", 1);
    tzset();
    char out[32];
    datetime_local("2026-03-01T10:00:00Z", DATETIME_MINUTE, out, sizeof out);
    assert_string_equal(out, "2026-03-01 11:00");
    datetime_local("2026-07-01T10:00:00Z", DATETIME_CLOCK, out, sizeof out);
    assert_string_equal(out, "12:00"); /* summer time */
    datetime_local("2020-01-01T10:00:00Z", DATETIME_CLOCK_TODAY, out, sizeof out);
    assert_string_equal(out, "2020-01-01 11:00"); /* not today: the date too */
    char now[DATETIME_LEN];
    datetime_now_utc(now);
    datetime_local(now, DATETIME_CLOCK_TODAY, out, sizeof out);
    assert_int_equal(strlen(out), 5); /* today: the clock alone */
    datetime_local("not a time", DATETIME_MINUTE, out, sizeof out);
    assert_string_equal(out, "not a time");
    unsetenv("TZ");
    tzset();
}

static void test_stored_times_and_dates_read_back(void **state)
{
    (void)state;
    time_t t;
    assert_true(datetime_parse_utc("2026-11-25T14:02:11Z", &t));
    char out[DATETIME_LEN], date[DATE_LEN];
    datetime_utc_from(t, out);
    assert_string_equal(out, "2026-11-25T14:02:11Z");
    datetime_utc_date_from(t, date);
    assert_string_equal(date, "2026-11-25");
    assert_true(datetime_parse_utc("2026-11-25T14:02", &t));
    assert_false(datetime_parse_utc("2026-11-25", &t));
    assert_true(datetime_is_date("2030-01-15"));
    assert_false(datetime_is_date("2030-13-15"));
    assert_false(datetime_is_date("2030-1-15"));
    assert_false(datetime_is_date("2026-02-30"));
    assert_false(datetime_is_date("2026-04-31"));
    assert_false(datetime_is_date("2026-02-29"));
    assert_true(datetime_is_date("2028-02-29"));
    assert_true(datetime_is_date("2026-12-31"));
    assert_false(datetime_is_date("2100-02-29"));
    assert_true(datetime_is_date("2000-02-29"));
}

static void test_name_tables_find_words_and_refuse_others(void **state)
{
    (void)state;
    assert_int_equal(name_index(quote_status_names, QUOTE_STATUS_COUNT, "sent", false), QUOTE_SENT);
    assert_int_equal(name_index(quote_status_names, QUOTE_STATUS_COUNT, "SENT", false), -1);
    assert_int_equal(name_index(order_status_names, ORDER_STATUS_COUNT, "Shipped", true), ORDER_SHIPPED);
    assert_int_equal(name_index(role_names, ROLE_COUNT, NULL, false), -1);
    assert_string_equal(name_at(role_names, ROLE_COUNT, ROLE_COUNT), "?");
    assert_null(approval_condition_names[APPROVAL_CONDITION_COUNT]); /* a form's choices end there */
}

static void test_the_cli_measures_utf8_whatever_the_environment(void **state)
{
    (void)state;
    setlocale(LC_ALL, "C");
    text_use_utf8_ctype();
    assert_true(text_locale_utf8());
    assert_int_equal(text_width("東京商事"), 8); /* what the console's wcwidth says too */
    assert_int_equal(text_width("Crème brûlée"), 12);
    setlocale(LC_ALL, "C");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_grow_past_any_first_size_and_keep_every_row),
        cmocka_unit_test(test_strbuf_keeps_everything_it_was_given),
        cmocka_unit_test(test_one_formatter_shows_stored_utc_in_local_time),
        cmocka_unit_test(test_stored_times_and_dates_read_back),
        cmocka_unit_test(test_name_tables_find_words_and_refuse_others),
        cmocka_unit_test(test_the_cli_measures_utf8_whatever_the_environment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
