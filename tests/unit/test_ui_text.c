/* Display width and column fitting: accents, CJK, control characters. */
#include <locale.h>

#include "src/base/text.h"
#include "testutil.h"
#include "ui/screens/kit.h"

static int setup_utf8(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static void test_accents_take_one_column_and_cjk_two(void **state)
{
    (void)state;
    assert_int_equal(text_width("Société Générale"), 16);
    assert_int_equal(text_width("Crème brûlée"), 12);
    assert_int_equal(text_width("東京商事"), 8);
    assert_int_equal(text_width(""), 0);
}

static void test_fit_pads_to_exact_width(void **state)
{
    (void)state;
    char out[128];
    text_fit("Crème", 8, TEXT_LEFT, out, sizeof out);
    assert_string_equal(out, "Crème   ");
    text_fit("12.50", 8, TEXT_RIGHT, out, sizeof out);
    assert_string_equal(out, "   12.50");
    text_fit("東京", 6, TEXT_LEFT, out, sizeof out);
    assert_string_equal(out, "東京  ");
    assert_int_equal(text_width(out), 6);
}

static void test_truncation_never_splits_a_wide_character(void **state)
{
    (void)state;
    char out[128];
    /* 5 columns: two CJK characters (4) and the ellipsis (1) */
    text_fit("東京商事株式会社", 5, TEXT_LEFT, out, sizeof out);
    assert_string_equal(out, "東京…");
    /* 6 columns: the third character would need columns 5-6 but the
     * ellipsis needs one, so a space fills the gap */
    text_fit("東京商事株式会社", 6, TEXT_LEFT, out, sizeof out);
    assert_string_equal(out, "東京… ");
    assert_int_equal(text_width(out), 6);
    text_fit("Société Générale", 10, TEXT_LEFT, out, sizeof out);
    assert_string_equal(out, "Société G…");
}

/* The console shows control characters as the CLI does (text_visible):
 * visible, never obeyed, and measured as shown. */
static void test_control_characters_are_shown_escaped(void **state)
{
    (void)state;
    char out[64];
    text_fit("a\x1b[2Jb", 9, TEXT_LEFT, out, sizeof out);
    assert_string_equal(out, "a\\x1B[2Jb");
    text_fit("a\x1b[2Jb", 6, TEXT_LEFT, out, sizeof out);
    assert_string_equal(out, "a\\x1B\xe2\x80\xa6");
    assert_int_equal(text_width("a\tb"), 4);
    assert_int_equal(text_width("\xc2\x9b"), 6); /* C1 CSI: \u009B */
    text_fit("x\x07\xff", 10, TEXT_LEFT, out, sizeof out);
    assert_string_equal(out, "x\\x07\\xFF ");
}

static void test_fit_in_a_locale_without_utf8_uses_a_tilde(void **state)
{
    (void)state;
    char out[64];
    setlocale(LC_ALL, "C");
    text_fit("abcdefgh", 5, TEXT_LEFT, out, sizeof out);
    assert_string_equal(out, "abcd~");
    /* an ASCII terminal gets look-alikes, never bytes it would show as junk */
    text_fit(
        "Soci\xc3\xa9t\xc3\xa9 \xe2\x80\x94 12 \xe2\x82\xac \xc2\xb7 \xe2\x96\x88\xe2\x96\x92 \xe2\x80\xa6",
        40, TEXT_LEFT, out, sizeof out);
    assert_string_equal(out, "Societe - 12 EUR | ## ...               ");
    assert_int_equal(text_width("\xc5\x92uvres \xe2\x86\x92 \xe5\xb1\xb1"), 12); /* "OEuvres -> ?" */
    text_fit("\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac", 5, TEXT_LEFT, out, sizeof out);
    assert_string_equal(out, "EUR~ "); /* a look-alike too wide is left out whole */
    setlocale(LC_ALL, "C.UTF-8");
}

/* Lines of s wrapped at width, joined by '|'. */
static void wrap_all(const char *s, int width, char *out, size_t len)
{
    size_t used = 0, next = 0;
    out[0] = '\0';
    for (const char *p = s; *p; p += next) {
        size_t n = text_wrap(p, width, &next);
        used += (size_t)snprintf(out + used, len - used, "%s%.*s", used ? "|" : "", (int)n, p);
    }
}

static void test_wrapping_breaks_at_spaces_and_keeps_wide_characters_whole(void **state)
{
    (void)state;
    char out[256];
    wrap_all("Reject Q-001002 · Société Générale · 752,607.22 €", 20, out, sizeof out);
    assert_string_equal(out, "Reject Q-001002 ·|Société Générale ·|752,607.22 €");
    wrap_all("東京商事株式会社の見積", 7, out, sizeof out); /* 2 columns each: 3 a line */
    assert_string_equal(out, "東京商|事株式|会社の|見積");
    wrap_all("a\nb c", 10, out, sizeof out);
    assert_string_equal(out, "a|b c");
    wrap_all("abcdefghij", 4, out, sizeof out); /* a word wider than the line is cut */
    assert_string_equal(out, "abcd|efgh|ij");
}

/* A customer's or account's place: the parts there are, never a stray comma (issue 9). */
static void test_a_place_has_no_stray_comma(void **state)
{
    (void)state;
    char out[64];
    place_text("Lyon", "France", out, sizeof out);
    assert_string_equal(out, "Lyon, France");
    place_text("Lyon", "", out, sizeof out);
    assert_string_equal(out, "Lyon");
    place_text("", "France", out, sizeof out);
    assert_string_equal(out, "France");
    place_text("", "", out, sizeof out);
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accents_take_one_column_and_cjk_two),
        cmocka_unit_test(test_fit_pads_to_exact_width),
        cmocka_unit_test(test_truncation_never_splits_a_wide_character),
        cmocka_unit_test(test_control_characters_are_shown_escaped),
        cmocka_unit_test(test_wrapping_breaks_at_spaces_and_keeps_wide_characters_whole),
        cmocka_unit_test(test_fit_in_a_locale_without_utf8_uses_a_tilde),
        cmocka_unit_test(test_a_place_has_no_stray_comma),
    };
    return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
