/* The `:` command line's completion of screen names. */
#include "testutil.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"

static void test_a_unique_prefix_completes_to_the_name(void **state)
{
    (void)state;
    char out[64];
    assert_true(command_complete("acc", out, sizeof out));
    assert_string_equal(out, "accounts");
    assert_true(command_complete("o", out, sizeof out));
    assert_string_equal(out, "orders");
}

static void test_an_ambiguous_prefix_completes_what_is_shared(void **state)
{
    (void)state;
    char out[64];
    assert_false(command_complete("h", out, sizeof out)); /* home, help: nothing shared past "h" */
    assert_true(command_complete("he", out, sizeof out));
    assert_string_equal(out, "help");
}

static void test_nothing_completes_an_unknown_or_whole_name(void **state)
{
    (void)state;
    char out[64];
    assert_false(command_complete("zz", out, sizeof out));
    assert_false(command_complete("orders", out, sizeof out));
    assert_false(command_complete("O-000123", out, sizeof out));
}

/* The names `:` completes and the help lists come from its table, every one. */
static void test_every_screen_name_completes_from_one_table(void **state)
{
    (void)state;
    char out[64];
    int n = 0;
    for (; command_name(n); n++) {
        char typed[64];
        snprintf(typed, sizeof typed, "%.*s", (int)strlen(command_name(n)) - 1, command_name(n));
        /* one letter short: the name itself, or a longer prefix shared with another */
        if (command_complete(typed, out, sizeof out))
            assert_int_equal(strncmp(command_name(n), out, strlen(out)), 0);
    }
    /* with :new (the quick order, issue 10), and each B2C screen once its issue made it ready */
    assert_int_equal(n, 12 + promotions_screen_ready + fulfilment_screen_ready + returns_screen_ready +
                            reports_screen_ready);
    assert_string_equal(command_name(0), "home");
    assert_null(command_name(n));
    assert_true(command_complete("appr", out, sizeof out));
    assert_string_equal(out, "approvals");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_unique_prefix_completes_to_the_name),
        cmocka_unit_test(test_an_ambiguous_prefix_completes_what_is_shared),
        cmocka_unit_test(test_nothing_completes_an_unknown_or_whole_name),
        cmocka_unit_test(test_every_screen_name_completes_from_one_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
