/* The form without a terminal: typing per field kind, moves that skip
 * read-only fields, choices, and errors routed to the field the core named
 * with the typed text kept. */
#include <locale.h>

#include "testutil.h"
#include "ui/widgets/form.h"

static const char *const roles[] = {"buyer", "approver", "billing", "other", NULL};

static void form_sample(struct form *f)
{
    form_init(f, NULL, NULL);
    form_add(f, "name", "Name", FIELD_TEXT, 200);
    form_add(f, "list_price", "List price", FIELD_MONEY, 20)->readonly = true;
    form_add(f, "stock", "Stock", FIELD_NUMBER, 12);
    form_add(f, "role", "Role", FIELD_CHOICE, 0)->choices = roles;
    form_set(f, "name", "Crème");
}

static void type(struct form *f, const wchar_t *s)
{
    for (; *s; s++)
        form_input(f, (int)*s);
}

/* Issue 9: "quantity 1, type 12, get 112" — a given value is replaced by the
 * first character typed; after a move of the cursor, typing edits it in place. */
static void test_typing_edits_the_current_field(void **state)
{
    (void)state;
    static struct form f;
    char out[256];
    form_sample(&f);
    form_input(&f, UI_KEY_END); /* the user chose to edit the given value */
    type(&f, L" brûlée");
    form_get(&f, "name", out, sizeof out);
    assert_string_equal(out, "Crème brûlée");
    assert_true(f.dirty);
}

static void test_the_first_character_replaces_a_given_value(void **state)
{
    (void)state;
    static struct form f;
    char out[64];
    form_init(&f, NULL, NULL);
    form_add(&f, "quantity", "Quantity", FIELD_NUMBER, 10);
    form_add(&f, "discount", "Discount", FIELD_TEXT, 12)->unit = "%";
    form_set_int(&f, "quantity", 1);
    form_set(&f, "discount", "10");
    type(&f, L"12");
    form_get(&f, "quantity", out, sizeof out);
    assert_string_equal(out, "12");
    f.current = 1;
    type(&f, L"20");
    form_get(&f, "discount", out, sizeof out);
    assert_string_equal(out, "20"); /* the unit is no part of the text */
    form_set(&f, "discount", "10");
    form_input(&f, UI_KEY_BACKSPACE);
    type(&f, L"5");
    form_get(&f, "discount", out, sizeof out);
    assert_string_equal(out, "15"); /* an editing key first: the value is edited, not replaced */
}

static void test_number_fields_refuse_letters(void **state)
{
    (void)state;
    static struct form f;
    char out[64];
    form_sample(&f);
    f.current = 2;
    type(&f, L"1a2b3");
    form_get(&f, "stock", out, sizeof out);
    assert_string_equal(out, "123");
    int64_t v = 0;
    assert_int_equal(form_get_int(&f, "stock", &v, NULL), ERR_OK);
    assert_int_equal(v, 123);
}

static void test_read_only_fields_are_skipped_and_keep_their_value(void **state)
{
    (void)state;
    static struct form f;
    struct keytable kt[1];
    char out[64];
    form_sample(&f);
    form_set_money(&f, "list_price", 1250);
    form_keytables(&f, kt, 1);
    const struct keydef *next = keydef_find(kt[0].defs, kt[0].n, UI_KEY_TAB);
    next->run(kt[0].target);
    assert_int_equal(f.current, 2); /* Name → Stock: the price is read only */
    f.current = 1;
    type(&f, L"9");
    form_get(&f, "list_price", out, sizeof out);
    assert_string_equal(out, "12.50");
}

static void test_choices_cycle_with_arrows(void **state)
{
    (void)state;
    static struct form f;
    char out[64];
    form_sample(&f);
    f.current = 3;
    form_input(&f, UI_KEY_RIGHT);
    form_get(&f, "role", out, sizeof out);
    assert_string_equal(out, "approver");
    form_input(&f, UI_KEY_LEFT);
    form_input(&f, UI_KEY_LEFT);
    form_get(&f, "role", out, sizeof out);
    assert_string_equal(out, "other");
    form_set_choice(&f, "role", "billing");
    form_get(&f, "role", out, sizeof out);
    assert_string_equal(out, "billing");
}

static void test_an_error_lands_next_to_its_field_and_the_text_stays(void **state)
{
    (void)state;
    static struct form f;
    char out[64];
    form_sample(&f);
    f.current = 2;
    type(&f, L"42");
    struct err e = {0};
    err_set(&e, ERR_INVALID, "name", "must not be empty");
    assert_true(form_show_error(&f, &e));
    assert_int_equal(f.current, 0);
    assert_string_equal(f.fields[0].error, "must not be empty");
    form_get(&f, "stock", out, sizeof out);
    assert_string_equal(out, "42");
    err_set(&e, ERR_CONFLICT, NULL, "changed by someone else — reload");
    assert_false(form_show_error(&f, &e));
    assert_string_equal(f.fields[0].error, "");
    form_get(&f, "name", out, sizeof out);
    assert_string_equal(out, "Crème");
}

static void test_bad_money_names_its_field(void **state)
{
    (void)state;
    static struct form f;
    form_init(&f, NULL, NULL);
    form_add(&f, "credit_limit", "Credit limit", FIELD_MONEY, 20);
    form_set(&f, "credit_limit", "12.345");
    int64_t v;
    struct err e = {0};
    assert_int_not_equal(form_get_money(&f, "credit_limit", &v, &e), ERR_OK);
    assert_string_equal(e.field, "credit_limit");
    form_set(&f, "credit_limit", "1 234,50");
    assert_int_equal(form_get_money(&f, "credit_limit", &v, &e), ERR_OK);
    assert_int_equal(v, 123450);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typing_edits_the_current_field),
        cmocka_unit_test(test_the_first_character_replaces_a_given_value),
        cmocka_unit_test(test_number_fields_refuse_letters),
        cmocka_unit_test(test_read_only_fields_are_skipped_and_keep_their_value),
        cmocka_unit_test(test_choices_cycle_with_arrows),
        cmocka_unit_test(test_an_error_lands_next_to_its_field_and_the_text_stays),
        cmocka_unit_test(test_bad_money_names_its_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
