/* The line editor: wide characters, cursor moves, deletions, scrolling. */
#include <locale.h>

#include "testutil.h"
#include "ui/keys.h"
#include "ui/widgets/lineedit.h"

static void type(struct lineedit *l, const wchar_t *s)
{
    for (; *s; s++)
        assert_true(lineedit_key(l, (int)*s));
}

static void test_typing_wide_characters_round_trips_as_utf8(void **state)
{
    (void)state;
    static struct lineedit l;
    char out[64];
    lineedit_clear(&l);
    type(&l, L"Crème 東京");
    lineedit_get(&l, out, sizeof out);
    assert_string_equal(out, "Crème 東京");
    assert_int_equal(l.len, 8);
}

static void test_insert_and_delete_in_the_middle(void **state)
{
    (void)state;
    static struct lineedit l;
    char out[64];
    lineedit_set(&l, "Dupont SA");
    assert_int_equal(l.cursor, 9);
    lineedit_key(&l, UI_KEY_HOME);
    lineedit_key(&l, UI_KEY_RIGHT);
    lineedit_key(&l, UI_KEY_DELETE);
    type(&l, L"ü");
    lineedit_get(&l, out, sizeof out);
    assert_string_equal(out, "Düpont SA");
    lineedit_key(&l, UI_KEY_END);
    lineedit_key(&l, UI_KEY_BACKSPACE);
    lineedit_get(&l, out, sizeof out);
    assert_string_equal(out, "Düpont S");
    lineedit_key(&l, UI_CTRL('w'));
    lineedit_get(&l, out, sizeof out);
    assert_string_equal(out, "Düpont ");
    lineedit_key(&l, UI_CTRL('u'));
    assert_int_equal(l.len, 0);
    assert_false(lineedit_key(&l, UI_KEY_DOWN));
}

static void test_view_scrolls_to_keep_the_cursor_visible(void **state)
{
    (void)state;
    static struct lineedit l;
    char out[64];
    lineedit_set(&l, "abcdefghij");
    int col = lineedit_view(&l, 5);
    assert_int_equal(l.scroll, 6); /* "ghij" and the cursor's column */
    assert_int_equal(col, 4);
    lineedit_visible(&l, 5, out, sizeof out);
    assert_string_equal(out, "ghij");
    lineedit_key(&l, UI_KEY_HOME);
    assert_int_equal(lineedit_view(&l, 5), 0);
    assert_int_equal(l.scroll, 0);
    /* wide characters count two columns */
    lineedit_set(&l, "東京商事");
    col = lineedit_view(&l, 5);
    assert_int_equal(col, 4);
    lineedit_visible(&l, 5, out, sizeof out);
    assert_string_equal(out, "商事");
}

static void test_max_length_is_enforced(void **state)
{
    (void)state;
    static struct lineedit l;
    l.max = 3;
    lineedit_set(&l, "abcdef");
    assert_int_equal(l.len, 3);
    assert_true(lineedit_key(&l, 'x'));
    assert_int_equal(l.len, 3);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typing_wide_characters_round_trips_as_utf8),
        cmocka_unit_test(test_insert_and_delete_in_the_middle),
        cmocka_unit_test(test_view_scrolls_to_keep_the_cursor_visible),
        cmocka_unit_test(test_max_length_is_enforced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
