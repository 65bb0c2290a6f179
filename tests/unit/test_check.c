/* `comptoir check`'s invariants: a clean database passes; each kind of damage
 * done behind the core's back is found and named. */
#include <sqlite3.h>

#include "testutil.h"

static const struct demo_options tiny = {
    .seed = 3, .accounts = 8, .customers = 30, .products = 12, .orders = 60};

static void make_demo_db(const char *path)
{
    struct db *db = NULL;
    struct err e = {0};
    struct user admin;
    assert_int_equal(db_open(path, &db, &e), ERR_OK);
    assert_int_equal(user_bootstrap_admin(db, "root", &admin, &e), ERR_OK);
    struct app app = test_app_as(db, "root");
    assert_int_equal(demo_fill(&app, &tiny, NULL, &e), ERR_OK);
    db_close(&db);
}

/* The tiny demo, filled once and copied for each test, which damages its copy. */
static struct db *demo_db(char path[64])
{
    static struct test_cache cache;
    return test_db_cached(&cache, make_demo_db, path);
}

/* Damage done with another connection, as a careless script would. */
static void tamper(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    char *msg = NULL;
    sqlite3_open(path, &h);
    if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("tamper: %s", msg);
    sqlite3_close(h);
}

/* One number read with another connection. */
static int64_t count_where(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *s = NULL;
    int64_t n = -1;
    sqlite3_open(path, &h);
    if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(h);
    return n;
}

/* Runs the check; returns the number of problems, the report in buf. */
static int run_check(struct db *db, char *buf, size_t len)
{
    struct app app = test_app_as(db, "root");
    struct err e = {0};
    int problems = 0;
    buf[0] = '\0';
    struct strbuf report = {0};
    assert_int_equal(check_database(&app, &report, &problems, &e), ERR_OK);
    snprintf(buf, len, "%s", strbuf_text(&report));
    strbuf_free(&report);
    return problems;
}

static void test_clean_database_has_no_problems(void **state)
{
    (void)state;
    char path[64], buf[4096];
    struct db *db = demo_db(path);
    if (run_check(db, buf, sizeof buf) != 0)
        fail_msg("%s", buf);
    assert_string_equal(buf, "");
    db_close(&db);
    test_db_remove(path);
}

static void test_tampered_total_is_named(void **state)
{
    (void)state;
    char path[64], buf[4096];
    struct db *db = demo_db(path);
    tamper(path,
           "UPDATE orders SET subtotal = subtotal + 100, total = total + 100 WHERE number = 'O-000007'");
    assert_int_equal(run_check(db, buf, sizeof buf), 1);
    assert_non_null(strstr(buf, "O-000007"));
    db_close(&db);
    test_db_remove(path);
}

static void test_status_apart_from_history_is_named(void **state)
{
    (void)state;
    char path[64], buf[4096];
    struct db *db = demo_db(path);
    tamper(path, "UPDATE orders SET status = 'placed' WHERE number = 'O-000001'");
    /* its history, and what its units say (issue 13's check) */
    assert_int_equal(run_check(db, buf, sizeof buf), 2);
    assert_non_null(strstr(buf, "order O-000001: its status is 'placed' but its history ends at"));
    assert_non_null(strstr(buf, "order O-000001 is placed but "));
    db_close(&db);
    test_db_remove(path);
}

static void test_order_without_lines_is_named(void **state)
{
    (void)state;
    char path[64], buf[4096];
    struct db *db = demo_db(path);
    /* an order the demo's returns left alone (a return's lines would be missing too) */
    assert_int_equal(count_where(path, "SELECT count(*) FROM returns r JOIN orders o ON o.id = r.order_id"
                                       " WHERE o.number = 'O-000004'"),
                     0);
    tamper(path,
           "DELETE FROM order_lines WHERE order_id = (SELECT id FROM orders WHERE number = 'O-000004');"
           "UPDATE orders SET subtotal = 0, tax_total = 0, total = 0, goods_total = 0, discount_total = 0"
           " WHERE number = 'O-000004'");
    assert_int_equal(run_check(db, buf, sizeof buf), 1);
    assert_non_null(strstr(buf, "order O-000004 has no lines"));
    db_close(&db);
    test_db_remove(path);
}

static void test_contact_of_another_account_is_named(void **state)
{
    (void)state;
    char path[64], buf[4096];
    struct db *db = demo_db(path);
    tamper(
        path,
        "UPDATE orders SET contact_id = (SELECT c.id FROM contacts c WHERE c.account_id <> orders.account_id"
        " LIMIT 1) WHERE id = (SELECT min(id) FROM orders WHERE channel = 'b2b')");
    assert_int_equal(run_check(db, buf, sizeof buf), 1);
    assert_non_null(strstr(buf, "is not a contact of account"));
    db_close(&db);
    test_db_remove(path);
}

static void test_counter_behind_numbers_is_named(void **state)
{
    (void)state;
    char path[64], buf[4096];
    struct db *db = demo_db(path);
    tamper(path, "UPDATE counters SET value = 10 WHERE name = 'order'");
    assert_int_equal(run_check(db, buf, sizeof buf), 1);
    assert_non_null(strstr(buf, "the order counter (10) is behind order O-0000"));
    db_close(&db);
    test_db_remove(path);
}

static void test_missing_audit_triggers_are_named(void **state)
{
    (void)state;
    char path[64], buf[4096];
    struct db *db = demo_db(path);
    tamper(path, "DROP TRIGGER audit_log_no_delete");
    assert_int_equal(run_check(db, buf, sizeof buf), 1);
    assert_non_null(strstr(buf, "append-only"));
    db_close(&db);
    test_db_remove(path);
}

static void test_search_index_out_of_step_is_named(void **state)
{
    (void)state;
    char path[64], buf[4096];
    struct db *db = demo_db(path);
    /* Another program changes the text under the index without telling it. */
    tamper(path, "UPDATE customers SET name = 'Zorro' WHERE id = 1");
    assert_true(run_check(db, buf, sizeof buf) >= 1);
    assert_non_null(strstr(buf, "search index of customers"));
    tamper(path, "UPDATE products SET sku = 'ZORRO-1' WHERE id = 1");
    assert_true(run_check(db, buf, sizeof buf) >= 2);
    assert_non_null(strstr(buf, "search index of products"));
    struct app root = test_app_as(db, "root");
    struct err e = {0};
    assert_int_equal(check_repair(&root, &e), ERR_OK);
    assert_int_equal(run_check(db, buf, sizeof buf), 0);
    db_close(&db);
    test_db_remove(path);
}

static void test_long_reports_are_cut_but_counted(void **state)
{
    (void)state;
    char path[64], buf[200];
    struct db *db = demo_db(path);
    tamper(path, "UPDATE orders SET status = 'placed' WHERE status <> 'placed'");
    int problems = run_check(db, buf, sizeof buf);
    assert_true(problems > 20);
    assert_true(strlen(buf) < sizeof buf);
    db_close(&db);
    test_db_remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_database_has_no_problems),
        cmocka_unit_test(test_tampered_total_is_named),
        cmocka_unit_test(test_status_apart_from_history_is_named),
        cmocka_unit_test(test_order_without_lines_is_named),
        cmocka_unit_test(test_contact_of_another_account_is_named),
        cmocka_unit_test(test_counter_behind_numbers_is_named),
        cmocka_unit_test(test_missing_audit_triggers_are_named),
        cmocka_unit_test(test_search_index_out_of_step_is_named),
        cmocka_unit_test(test_long_reports_are_cut_but_counted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
