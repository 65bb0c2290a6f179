/* The `:` command line's completion of screen names. */
#include "ui/shell.h"
#include "testutil.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_unique_prefix_completes_to_the_name),
        cmocka_unit_test(test_an_ambiguous_prefix_completes_what_is_shared),
        cmocka_unit_test(test_nothing_completes_an_unknown_or_whole_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
