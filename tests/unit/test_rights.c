/* Rights: every role against every action, --as, users and passwords. */
#include "testutil.h"

static void test_role_table(void **state)
{
    (void)state;
    /* rep, support, manager, admin */
    static const struct {
        enum action action;
        bool allowed[4];
    } table[] = {
        {ACT_USER_MANAGE, {false, false, false, true}},    {ACT_ACT_AS, {false, false, false, true}},
        {ACT_ACCOUNT_VIEW_ALL, {false, true, true, true}}, {ACT_ACCOUNT_CREATE, {true, false, true, true}},
        {ACT_ACCOUNT_EDIT, {true, false, true, true}},     {ACT_ACCOUNT_ASSIGN, {false, false, true, true}},
        {ACT_CUSTOMER_EDIT, {true, true, true, true}},     {ACT_PRODUCT_EDIT, {false, false, true, true}},
        {ACT_PRICE_EDIT, {false, false, true, true}},      {ACT_ORDER_VIEW, {true, true, true, true}},
        {ACT_ORDER_CREATE, {true, false, true, true}},     {ACT_ORDER_STATUS, {false, true, true, true}},
        {ACT_ORDER_VIEW_ALL, {false, true, true, true}},   {ACT_QUOTE_EXPIRE, {false, false, true, true}},
        {ACT_AUDIT, {false, false, false, true}},          {ACT_IMPORT, {false, false, false, true}},
        {ACT_EXPORT, {false, false, true, true}},          {ACT_BACKUP, {false, false, false, true}},
        {ACT_QUOTE_EDIT, {true, false, true, true}},       {ACT_QUOTE_APPROVE, {false, false, true, true}},
        {ACT_APPROVAL_RULES, {false, false, true, true}},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        for (int r = ROLE_REP; r <= ROLE_ADMIN; r++)
            assert_int_equal(rights_allows((enum role)r, table[i].action), table[i].allowed[r]);
}

static void test_support_is_told_they_may_not_change_prices(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    struct app app = test_app_as(db, "chloe");
    struct err e = {0};
    assert_int_equal(app_require(&app, ACT_PRICE_EDIT, &e), ERR_DENIED);
    assert_string_equal(e.msg, "chloe (support) may not change prices");
    db_close(&db);
    test_db_remove(path);
}

static void test_rep_sees_only_own_accounts(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    struct app alice = test_app_as(db, "alice"), bruno = test_app_as(db, "bruno");
    struct app chloe = test_app_as(db, "chloe"), david = test_app_as(db, "david");
    struct account a = {.rep_id = alice.user.id};
    snprintf(a.code, sizeof a.code, "ACME");
    assert_int_equal(app_require_account(&alice, &a, true, NULL), ERR_OK);
    assert_int_equal(app_require_account(&bruno, &a, false, NULL), ERR_DENIED);
    assert_int_equal(app_require_account(&chloe, &a, false, NULL), ERR_OK);
    assert_int_equal(app_require_account(&chloe, &a, true, NULL), ERR_DENIED);
    assert_int_equal(app_require_account(&david, &a, true, NULL), ERR_OK);
    db_close(&db);
    test_db_remove(path);
}

static void test_only_admins_manage_users(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    struct app root = test_app_as(db, "root"), david = test_app_as(db, "david");
    struct err e = {0};
    assert_int_equal(user_add(&david, "zoe", "Zoé", ROLE_REP, NULL, &e), ERR_DENIED);
    assert_int_equal(user_add(&root, "zoe", "Zoé", ROLE_REP, NULL, &e), ERR_OK);
    assert_int_equal(user_add(&root, "zoe", "Zoé", ROLE_REP, NULL, &e), ERR_EXISTS);
    assert_int_equal(user_add(&root, "Bad Name", "", ROLE_REP, NULL, &e), ERR_INVALID);
    assert_string_equal(e.field, "login");
    assert_int_equal(user_disable(&root, "root", &e), ERR_INVALID); /* not yourself */
    assert_int_equal(user_disable(&root, "zoe", &e), ERR_OK);
    struct user z;
    assert_int_equal(user_store_find_login(db, "zoe", &z, NULL), ERR_OK);
    assert_false(z.active);
    db_close(&db);
    test_db_remove(path);
}

static void test_passwords_hash_and_verify(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    struct app root = test_app_as(db, "root"), alice = test_app_as(db, "alice");
    struct err e = {0};
    assert_int_equal(user_set_password(&root, "alice", "short", &e), ERR_INVALID);
    assert_int_equal(user_set_password(&alice, "bruno", "long enough pw", &e), ERR_DENIED);
    assert_int_equal(user_set_password(&alice, "alice", "crème brûlée 42", &e), ERR_OK);
    char hash[256];
    assert_int_equal(user_store_password_hash(db, alice.user.id, hash, sizeof hash, NULL), ERR_OK);
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_true(password_verify(hash, "crème brûlée 42"));
    assert_false(password_verify(hash, "creme brulee 42"));
    db_close(&db);
    test_db_remove(path);
}

static void test_bootstrap_admin_is_idempotent_and_not_an_escalation(void **state)
{
    (void)state;
    char path[64];
    struct db *db = NULL;
    struct err e = {0};
    test_db_path(path);
    test_db_remove(path);
    assert_int_equal(db_open(path, &db, &e), ERR_OK);
    struct user u;
    assert_int_equal(user_bootstrap_admin(db, "ines", &u, &e), ERR_OK);
    assert_int_equal(u.role, ROLE_ADMIN);
    assert_int_equal(user_bootstrap_admin(db, "ines", &u, &e), ERR_OK);
    assert_int_equal(user_bootstrap_admin(db, "mallory", &u, &e), ERR_DENIED);
    int64_t n = 0;
    assert_int_equal(user_store_count(db, &n, NULL), ERR_OK);
    assert_int_equal(n, 1);
    db_close(&db);
    test_db_remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_role_table),
        cmocka_unit_test(test_support_is_told_they_may_not_change_prices),
        cmocka_unit_test(test_rep_sees_only_own_accounts),
        cmocka_unit_test(test_only_admins_manage_users),
        cmocka_unit_test(test_passwords_hash_and_verify),
        cmocka_unit_test(test_bootstrap_admin_is_idempotent_and_not_an_escalation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
