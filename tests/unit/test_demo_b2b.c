/* The B2B demo: rules, price lists and quotes in every state, all through the core. */
#include <sqlite3.h>

#include "src/b2b/quotes.h"
#include "testutil.h"

static int64_t scalar(const char *path, const char *sql)
{
    sqlite3 *h;
    sqlite3_stmt *s;
    int64_t n = -1;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(h);
    return n;
}

static void test_demo_has_quotes_in_every_state(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    struct app app = test_app_as(db, "root");
    struct demo_options opt = {.seed = 7, .accounts = 60, .customers = 20, .products = 80, .orders = 20};
    struct err e = {0};
    if (demo_fill(&app, &opt, NULL, &e) != ERR_OK)
        fail_msg("demo: %s", e.msg);
    static const char *const states[] = {"draft",   "pending",  "approved", "sent",
                                         "ordered", "rejected", "expired",  "cancelled"};
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM quotes WHERE status = '%s'", states[i]);
        if (scalar(path, sql) < 1)
            fail_msg("no demo quote is %s", states[i]);
    }
    assert_true(scalar(path, "SELECT count(*) FROM approval_rules") == 3);
    assert_true(scalar(path, "SELECT count(*) FROM quote_revisions WHERE proposed_by = 'customer'") >= 1);
    assert_true(scalar(path, "SELECT count(*) FROM orders WHERE quote_id IS NOT NULL") >= 1);
    assert_true(scalar(path, "SELECT count(*) FROM quote_approvals q JOIN quotes x ON x.id = q.quote_id "
                             "WHERE q.approver_id = x.owner_id") == 0);
    struct strbuf report = {0};
    int problems = 0;
    assert_int_equal(check_database(&app, &report, &problems, &e), ERR_OK);
    if (problems)
        fail_msg("check: %s", strbuf_text(&report));
    strbuf_free(&report);
    db_close(&db);
    test_db_remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_has_quotes_in_every_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
