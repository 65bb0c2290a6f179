/* The demo generator: deterministic for a seed, the sizes asked for, totals
 * that add up (check_database), every role's user, admin only, new databases only. */
#include <errno.h>
#include <sqlite3.h>

#include "src/demo/demo_private.h"
#include "testutil.h"

static const struct demo_options small = {
    .seed = 7, .accounts = 25, .customers = 120, .products = 40, .orders = 300};

/* A fresh database whose only user is the admin "root", as after `comptoir init`. */
static struct db *fresh_db(char path[64])
{
    struct err e = {0};
    struct user admin;
    struct db *db = test_db_bare(path);
    assert_int_equal(user_bootstrap_admin(db, "root", &admin, &e), ERR_OK);
    return db;
}

/* A fresh database the demo fills (again for each call). */
static struct db *demo_filled_db(char path[64], const struct demo_options *opt)
{
    struct db *db = fresh_db(path);
    struct app app = test_app_as(db, "root");
    struct err e = {0};
    int rc = demo_fill(&app, opt, NULL, &e);
    if (rc != ERR_OK)
        fail_msg("demo_fill: %s", e.msg);
    return db;
}

static void make_small_db(const char *path)
{
    char made[64];
    struct db *db = demo_filled_db(made, &small);
    db_close(&db);
    if (rename(made, path) != 0)
        fail_msg("rename %s: %s", made, strerror(errno));
    test_db_remove(made);
}

/* The small demo, filled once and copied for each test that reads it. */
static struct db *filled_db(char path[64], const struct demo_options *opt)
{
    static struct test_cache cache;
    assert_ptr_equal(opt, &small);
    return test_db_cached(&cache, make_small_db, path);
}

/* One text that changes when any generated value changes; not the times, which
 * follow the clock by design (a demo's history ends now), and not the orders
 * made by accepting demo quotes, which are stamped at acceptance. */
static char *digest(const char *path)
{
    static const char sql[] =
        "SELECT (SELECT group_concat(code || name || vat_number || email || phone || billing_address"
        "  || credit_limit || coalesce(rep_id, 0) || tier, '|') FROM accounts)"
        " || (SELECT group_concat(name || email || phone || address || loyalty_points, '|') FROM customers)"
        " || (SELECT group_concat(sku || name || list_price || unit_cost || stock_on_hand || pack_size, '|')"
        "     FROM products)"
        " || (SELECT group_concat(number || channel || status || total || ship_name, '|') FROM orders)"
        " || (SELECT group_concat(to_status, '|') FROM order_status_history"
        "     WHERE order_id IN (SELECT id FROM orders WHERE quote_id IS NULL))";
    sqlite3 *h = NULL;
    sqlite3_stmt *s = NULL;
    char *out = NULL;
    sqlite3_open(path, &h);
    if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        out = xstrdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(h);
    assert_non_null(out);
    return out;
}

static int64_t count_rows(const char *path, const char *sql)
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

static void test_same_seed_gives_same_data(void **state)
{
    (void)state;
    char p1[64], p2[64], p3[64];
    struct demo_options other = small;
    other.seed = 8;
    struct db *a = demo_filled_db(p1, &small), *b = demo_filled_db(p2, &small),
              *c = demo_filled_db(p3, &other);
    char *da = digest(p1), *db_ = digest(p2), *dc = digest(p3);
    assert_string_equal(da, db_);
    assert_string_not_equal(da, dc);
    free(da);
    free(db_);
    free(dc);
    db_close(&a);
    db_close(&b);
    db_close(&c);
    test_db_remove(p1);
    test_db_remove(p2);
    test_db_remove(p3);
}

static void test_demo_makes_the_sizes_asked_for(void **state)
{
    (void)state;
    char path[64];
    struct db *db = filled_db(path, &small);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM accounts"), 25);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM customers"), 120);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM products"), 40);
    /* besides the replacement orders its returns make */
    assert_int_equal(
        count_rows(path, "SELECT count(*) FROM orders WHERE quote_id IS NULL AND exchange_of IS NULL"), 300);
    int64_t contacts = count_rows(path, "SELECT count(*) FROM contacts");
    assert_true(contacts >= 25 && contacts <= 100);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM accounts a WHERE NOT EXISTS"
                                      " (SELECT 1 FROM contacts c WHERE c.account_id = a.id)"),
                     0);
    /* Both channels, and orders in more than one state. */
    assert_true(count_rows(path, "SELECT count(*) FROM orders WHERE channel = 'b2b'") > 30);
    assert_true(count_rows(path, "SELECT count(*) FROM orders WHERE channel = 'b2c'") > 100);
    assert_true(count_rows(path, "SELECT count(DISTINCT status) FROM orders") >= 4);
    /* One audit entry for the run, not one per row; only orders made by accepting
     * a demo quote went through the quote core and are audited there, and
     * the few the fulfilment demo ships in part through its core, and the
     * replacement orders the demo's returns place and ship through theirs. */
    assert_int_equal(count_rows(path, "SELECT count(*) FROM audit_log WHERE action = 'demo'"), 1);
    assert_int_equal(count_rows(path,
                                "SELECT count(*) FROM audit_log WHERE object_type = 'order' AND object_key"
                                " NOT IN (SELECT number FROM orders WHERE quote_id IS NOT NULL"
                                " OR exchange_of IS NOT NULL)"
                                " AND action <> 'ship'"),
                     0);
    /* A few returns in every state support and managers work with, each
     * made through the core (audited when opened), over the year. */
    int64_t returns = count_rows(path, "SELECT count(*) FROM returns");
    assert_true(returns >= 12 && returns <= 20);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM audit_log WHERE object_type = 'return'"
                                      " AND action = 'create'"),
                     returns);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM returns WHERE status = 'rejected'"), 1);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM returns WHERE status = 'awaiting_approval'"), 1);
    assert_true(count_rows(path, "SELECT count(*) FROM returns WHERE status = 'closed'") >= 6);
    assert_true(count_rows(path, "SELECT count(*) FROM returns WHERE status = 'requested'") >= 1);
    assert_true(count_rows(path, "SELECT count(*) FROM returns WHERE status = 'received'") >= 1);
    assert_true(count_rows(path, "SELECT count(*) FROM refunds WHERE paid_at IS NOT NULL") >= 6);
    assert_true(count_rows(path, "SELECT count(DISTINCT substr(requested_day, 1, 7)) FROM returns") >= 6);
    db_close(&db);
    test_db_remove(path);
}

static void test_demo_totals_add_up_and_check_is_clean(void **state)
{
    (void)state;
    char path[64];
    struct db *db = filled_db(path, &small);
    struct app app = test_app_as(db, "root");
    struct err e = {0};
    struct strbuf report = {0};
    int problems = 0;
    assert_int_equal(db_check_structure(db, &report, &problems, &e), ERR_OK);
    assert_int_equal(check_database(&app, &report, &problems, &e), ERR_OK);
    if (problems != 0)
        fail_msg("check found %d problems:\n%s", problems, strbuf_text(&report));
    strbuf_free(&report);
    /* The histories end today at the latest and start a year back. */
    assert_int_equal(count_rows(path, "SELECT count(*) FROM order_status_history"
                                      " WHERE at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"),
                     0);
    assert_true(count_rows(path, "SELECT count(*) FROM orders WHERE placed_at"
                                 " < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-300 days')") > 0);
    /* The nightly loyalty run has been: the reports read its record, not
     * every credit (a fresh large demo's loyalty report took 300 ms). */
    assert_int_equal(count_rows(path, "SELECT count(*) FROM settings WHERE key = 'loyalty.expired_through'"
                                      " AND value >= date('now', '-1 day')"),
                     1);
    assert_int_equal(
        count_rows(path, "SELECT count(*) FROM settings WHERE key = 'loyalty.tiers_window_from'"), 1);
    db_close(&db);
    test_db_remove(path);
}

/* What a user would notice: who moved the orders, since when the customers
 * are customers, and whether two of them share a phone. */
static void test_demo_data_a_user_would_believe(void **state)
{
    (void)state;
    char path[64];
    struct db *db = filled_db(path, &small);
    /* consumers' orders move on with support, not with a rep */
    assert_int_equal(count_rows(path,
                                "SELECT count(*) FROM order_status_history h"
                                " JOIN orders o ON o.id = h.order_id JOIN users u ON u.id = h.user_id"
                                " WHERE o.channel = 'b2c' AND h.from_status IS NOT NULL AND u.role = 'rep'"),
                     0);
    assert_true(count_rows(path,
                           "SELECT count(*) FROM order_status_history h JOIN orders o ON o.id = h.order_id"
                           " WHERE o.channel = 'b2c' AND h.from_status IS NOT NULL") > 0);
    /* a customer (an account) since before its first order */
    assert_int_equal(count_rows(path, "SELECT count(*) FROM customers c"
                                      " WHERE created_at >= (SELECT min(placed_at) FROM orders o"
                                      " WHERE o.customer_id = c.id)"),
                     0);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM accounts a"
                                      " WHERE created_at >= (SELECT min(placed_at) FROM orders o"
                                      " WHERE o.account_id = a.id)"),
                     0);
    /* no two customers share a phone */
    assert_int_equal(count_rows(path, "SELECT count(*) FROM (SELECT phone FROM customers"
                                      " GROUP BY phone HAVING count(*) > 1)"),
                     0);
    db_close(&db);
    test_db_remove(path);
}

static void test_every_role_has_its_demo_user(void **state)
{
    (void)state;
    static const struct {
        const char *login;
        enum role role;
    } want[] = {{"alice", ROLE_REP},     {"bruno", ROLE_REP},    {"chloe", ROLE_SUPPORT},
                {"david", ROLE_MANAGER}, {"emma", ROLE_MANAGER}, {"root", ROLE_ADMIN}};
    char path[64];
    struct db *db = filled_db(path, &small);
    struct err e = {0};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        struct user u;
        assert_int_equal(user_store_find_login(db, want[i].login, &u, &e), ERR_OK);
        assert_int_equal(u.role, want[i].role);
    }
    /* Each rep has accounts of their own, and sees only those. */
    assert_true(count_rows(path, "SELECT count(*) FROM accounts a JOIN users u ON u.id = a.rep_id"
                                 " WHERE u.login = 'alice'") > 5);
    assert_true(count_rows(path, "SELECT count(*) FROM accounts a JOIN users u ON u.id = a.rep_id"
                                 " WHERE u.login = 'bruno'") > 5);
    db_close(&db);
    test_db_remove(path);
}

static void test_demo_needs_an_admin(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    struct app app = test_app_as(db, "david");
    struct err e = {0};
    assert_int_equal(demo_fill(&app, &small, NULL, &e), ERR_DENIED);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM accounts"), 0);
    db_close(&db);
    test_db_remove(path);
}

static void test_demo_refuses_a_database_with_data(void **state)
{
    (void)state;
    char path[64];
    struct db *db = filled_db(path, &small);
    struct app app = test_app_as(db, "root");
    struct err e = {0};
    assert_int_equal(demo_fill(&app, &small, NULL, &e), ERR_STATE);
    /* besides the replacement orders its returns make */
    assert_int_equal(
        count_rows(path, "SELECT count(*) FROM orders WHERE quote_id IS NULL AND exchange_of IS NULL"), 300);
    db_close(&db);
    test_db_remove(path);
}

static void test_generated_records_are_pure_and_keys_unique(void **state)
{
    (void)state;
    struct customer a, b;
    demo_make_customer(1, 0, &a);
    demo_make_customer(1, 0, &b);
    assert_memory_equal(&a, &b, sizeof a);
    assert_string_equal(a.name, "José García");
    assert_non_null(strstr(a.email, "jose.garcia"));
    /* E-mails carry the customer's number, so they never collide. */
    for (int64_t i = 1; i < 200; i++) {
        demo_make_customer(1, i, &b);
        assert_string_not_equal(a.email, b.email);
        assert_non_null(strchr(b.email, '@'));
    }
    struct account acc;
    struct demo_company co;
    demo_make_account(1, 1, &acc, &co);
    assert_string_equal(acc.name, "Müller GmbH");
    assert_string_equal(acc.country, "Germany");
    assert_true(strncmp(acc.phone, "+49 ", 4) == 0);
    struct product p;
    demo_make_product(1, 2, &p);
    assert_string_equal(p.name, "Crème brûlée");
    assert_true(p.unit_cost < p.list_price);
    assert_true(p.min_order_qty % p.pack_size == 0);
}

static void test_rng_is_deterministic_and_in_range(void **state)
{
    (void)state;
    struct demo_rng r1, r2;
    demo_rng_seed(&r1, 42, DEMO_STREAM_ORDER, 9);
    demo_rng_seed(&r2, 42, DEMO_STREAM_ORDER, 9);
    for (int i = 0; i < 1000; i++) {
        int64_t v = demo_rng_range(&r1, -3, 3);
        assert_int_equal(v, demo_rng_range(&r2, -3, 3));
        assert_true(v >= -3 && v <= 3);
    }
    demo_rng_seed(&r2, 42, DEMO_STREAM_CUSTOMER, 9);
    assert_true(demo_rng_next(&r1) != demo_rng_next(&r2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_gives_same_data),
        cmocka_unit_test(test_demo_makes_the_sizes_asked_for),
        cmocka_unit_test(test_demo_totals_add_up_and_check_is_clean),
        cmocka_unit_test(test_demo_data_a_user_would_believe),
        cmocka_unit_test(test_every_role_has_its_demo_user),
        cmocka_unit_test(test_demo_needs_an_admin),
        cmocka_unit_test(test_demo_refuses_a_database_with_data),
        cmocka_unit_test(test_generated_records_are_pure_and_keys_unique),
        cmocka_unit_test(test_rng_is_deterministic_and_in_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
