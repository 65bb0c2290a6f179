/* Text is text (issue 8): the one check of text that enters (text_check)
 * and the one escape of text that is printed (text_visible). */
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/validate.h"
#include "testutil.h"

static char *visible(const char *s, size_t n, unsigned flags)
{
    struct strbuf b = {0};
    text_visible(&b, s, n, flags);
    char *out = strdup(strbuf_text(&b));
    strbuf_free(&b);
    return out;
}

static void assert_visible(const char *s, unsigned flags, const char *want)
{
    char *got = visible(s, strlen(s), flags);
    assert_string_equal(got, want);
    free(got);
}

static void test_visible_escapes_what_a_terminal_would_obey(void **state)
{
    (void)state;
    /* the rep's note: a title change, a bell, a screen clear */
    assert_visible("\x1b]0;PWNED\x07\x1b[2J", 0, "\\x1B]0;PWNED\\x07\\x1B[2J");
    assert_visible("a\rb\tc\nd", 0, "a\\rb\\tc\\nd");
    assert_visible("a\nb", TEXT_SHOW_NEWLINES, "a\nb");
    assert_visible("del\x7f", 0, "del\\x7F");
    assert_visible("csi\xc2\x9b"
                   "6n",
                   0, "csi\\u009B6n");                 /* C1 CSI, as UTF-8 */
    assert_visible("bad\xff\xc3", 0, "bad\\xFF\\xC3"); /* not UTF-8, and a cut sequence */
    char *nul = visible("a\0b", 3, 0);
    assert_string_equal(nul, "a\\x00b");
    free(nul);
}

static void test_visible_keeps_every_real_character(void **state)
{
    (void)state;
    const char *names[] = {"Société Générale", "株式会社山田商事",      "Crème brûlée",
                           "José García",      "\xf0\x9f\x8d\xb0 cake", "\xc2\xa0no-break \xc2\xa9"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_visible(names[i], 0, names[i]);
}

static void assert_refused(const char *value, size_t max, unsigned flags, const char *why)
{
    struct err e = {0};
    if (text_check("note", value, max, flags, &e) != ERR_INVALID || strstr(e.msg, why) == NULL)
        fail_msg("'%s' not refused with '%s': %s", value, why, e.msg);
    assert_string_equal(e.field, "note");
}

static void test_check_refuses_control_characters_everywhere(void **state)
{
    (void)state;
    assert_refused("\x1b]0;PWNED\x07\x1b[2J", 100, TEXT_MULTILINE, "control character (\\x1B)");
    assert_refused("ring\x07", 100, 0, "control character (\\x07)");
    assert_refused("del\x7f", 100, TEXT_MULTILINE, "control character (\\x7F)");
    assert_refused("csi \xc2\x9b", 100, TEXT_MULTILINE, "control character (\\u009B)");
    assert_refused("cr\rhere", 100, TEXT_MULTILINE, "carriage return");
    assert_refused("a\tb", 100, TEXT_MULTILINE, "tab");
    assert_refused("two\nlines", 100, 0, "one line");
    assert_refused("latin \xe9", 100, 0, "not valid UTF-8");
}

static void test_check_takes_newlines_where_a_field_has_lines(void **state)
{
    (void)state;
    assert_int_equal(text_check("note", "first\nsecond\n", 100, TEXT_MULTILINE, NULL), ERR_OK);
    assert_int_equal(text_check("note", "Société Générale — 東京", 100, 0, NULL), ERR_OK);
}

static void test_check_refuses_what_is_too_long_and_never_cuts(void **state)
{
    (void)state;
    char name[302];
    memset(name, 'N', 300);
    name[300] = '\0';
    assert_refused(name, 100, 0, "too long: at most 100 bytes");
    name[100] = '\0';
    assert_int_equal(text_check("note", name, 100, 0, NULL), ERR_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_visible_escapes_what_a_terminal_would_obey),
        cmocka_unit_test(test_visible_keeps_every_real_character),
        cmocka_unit_test(test_check_refuses_control_characters_everywhere),
        cmocka_unit_test(test_check_takes_newlines_where_a_field_has_lines),
        cmocka_unit_test(test_check_refuses_what_is_too_long_and_never_cuts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
