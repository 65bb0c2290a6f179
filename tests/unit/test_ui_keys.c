/* Key tables: lookup order through a chain, names for help and traces. */
#include <locale.h>

#include "testutil.h"
#include "ui/keys.h"

static int handler_a(void *t)
{
    (void)t;
    return UI_DRAW;
}

static int handler_b(void *t)
{
    (void)t;
    return UI_QUIT;
}

static const struct keydef screen_keys[] = {
    {{'j', UI_KEY_DOWN}, "j ↓", "down", "Down", handler_a, KEYDEF_BAR},
    {{'e'}, "e", "edit", "Edit", handler_a, KEYDEF_BAR},
};
static const struct keydef global_keys[] = {
    {{'q', UI_KEY_ESC}, "q", "back", "Back", handler_b, KEYDEF_BAR},
    {{'e'}, "e", "shadowed", "Shadowed", handler_b, 0},
};

static void test_any_of_an_actions_keys_finds_it(void **state)
{
    (void)state;
    const struct keydef *d = keydef_find(screen_keys, 2, UI_KEY_DOWN);
    assert_non_null(d);
    assert_string_equal(d->name, "down");
    assert_ptr_equal(keydef_find(screen_keys, 2, 'j'), d);
    assert_null(keydef_find(screen_keys, 2, 'x'));
    assert_null(keydef_find(screen_keys, 2, UI_KEY_NONE));
}

static void test_the_first_table_in_the_chain_wins(void **state)
{
    (void)state;
    int target = 0;
    struct keytable chain[] = {KEYTABLE("Screen", screen_keys, &target),
                               KEYTABLE("Everywhere", global_keys, NULL)};
    const struct keytable *from = NULL;
    const struct keydef *d = keytables_find(chain, 2, 'e', &from);
    assert_string_equal(d->name, "edit");
    assert_ptr_equal(from->target, &target);
    d = keytables_find(chain, 2, UI_KEY_ESC, &from);
    assert_string_equal(d->name, "back");
    assert_string_equal(from->title, "Everywhere");
    assert_int_equal(d->run(from->target), UI_QUIT);
}

static void test_key_names(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(ui_key_name('j', buf, sizeof buf), "j");
    assert_string_equal(ui_key_name(UI_KEY_DOWN, buf, sizeof buf), "Down");
    assert_string_equal(ui_key_name(UI_CTRL('l'), buf, sizeof buf), "C-l");
    assert_string_equal(ui_key_name(UI_KEY_ESC, buf, sizeof buf), "Esc");
    assert_string_equal(ui_key_name(UI_KEY_ENTER, buf, sizeof buf), "Enter");
    assert_string_equal(ui_key_name(0xe9, buf, sizeof buf), "é");
    assert_true(key_is_text(0xe9));
    assert_true(key_is_text(0x6771)); /* 東 */
    assert_false(key_is_text(UI_KEY_DOWN));
    assert_false(key_is_text(UI_CTRL('a')));
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_any_of_an_actions_keys_finds_it),
        cmocka_unit_test(test_the_first_table_in_the_chain_wins),
        cmocka_unit_test(test_key_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
