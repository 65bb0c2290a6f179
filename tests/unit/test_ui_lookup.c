/* The pickers of the forms: a lookup offers LOOKUP_MAX matches and says how
 * many more there are, so a match past the first page is never silently out
 * of reach (users used to stop at 200, contacts at 100). */
#include "testutil.h"
#include "ui/screens/kit.h"

struct fixture {
    char path[64];
    struct db *db;
    struct app root;
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    f->db = test_db_new(f->path);
    f->root = test_app_as(f->db, "root");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    db_close(&f->db);
    test_db_remove(f->path);
    free(f);
    return 0;
}

static void test_users_past_the_first_page_are_counted_and_found(void **state)
{
    struct fixture *f = *state;
    for (int i = 0; i < 250; i++) {
        char login[32];
        snprintf(login, sizeof login, "clerk%03d", i);
        assert_int_equal(user_add(&f->root, login, "Counter clerk", ROLE_SUPPORT, NULL, NULL), ERR_OK);
    }
    struct rows found = {0};
    assert_int_equal(lookup_users(&f->root, "clerk", &found, LOOKUP_MAX, NULL), ERR_OK);
    assert_int_equal(found.n, LOOKUP_MAX);
    assert_int_equal(found.more, 250 - LOOKUP_MAX); /* 20 shown, 230 more: never 250 shown as 20 */
    assert_int_equal(lookup_users(&f->root, "clerk249", &found, LOOKUP_MAX, NULL), ERR_OK);
    assert_int_equal(found.n, 1); /* the 250th, past the 200 users the lookup used to read */
    assert_int_equal(found.more, 0);
    assert_string_equal(((const struct lookup_item *)found.items)[0].value, "clerk249");
    rows_free(&found);
}

static void test_contacts_past_the_first_hundred_are_found(void **state)
{
    struct fixture *f = *state;
    struct account a = {.payment_terms_days = 30};
    snprintf(a.code, sizeof a.code, "BIG");
    snprintf(a.name, sizeof a.name, "Big Company");
    assert_int_equal(account_create(&f->root, &a, NULL), ERR_OK);
    for (int i = 0; i < 120; i++) {
        struct contact c = {.account_id = a.id};
        snprintf(c.name, sizeof c.name, "Buyer %03d", i);
        snprintf(c.role, sizeof c.role, "buyer");
        assert_int_equal(contact_add(&f->root, &c, NULL), ERR_OK);
    }
    struct rows found = {0};
    assert_int_equal(lookup_contacts_of(&f->root, a.id, "Buyer 11", &found, LOOKUP_MAX, NULL), ERR_OK);
    assert_int_equal(found.n, 10); /* 110 … 119 */
    assert_int_equal(lookup_contacts_of(&f->root, a.id, "", &found, LOOKUP_MAX, NULL), ERR_OK);
    assert_int_equal(found.n, LOOKUP_MAX);
    assert_int_equal(found.more, 120 - LOOKUP_MAX);
    rows_free(&found);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_users_past_the_first_page_are_counted_and_found, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_contacts_past_the_first_hundred_are_found, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
