/* The audit log proves itself: a hash chain over every entry, recomputed by
 * `check`, which names the first entry changed, removed or added even when
 * the triggers were dropped and recreated; a replace by id is refused; the
 * triggers are compared by their full SQL; a head kept elsewhere proves that
 * nothing before it changed; the entries of an older database are chained by
 * the migration; parallel writers never fork the chain. */
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "db/db_migrations.h"
#include "db/db_private.h"
#include "testutil.h"

static int raw(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_open(path, &h);
    int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
    sqlite3_close(h);
    return rc;
}

static struct db *db_with_entries(char path[64], int n)
{
    struct db *db = test_db_new(path);
    struct app app = test_app_as(db, "alice");
    for (int i = 0; i < n; i++) {
        char key[16];
        snprintf(key, sizeof key, "C-%d", i);
        assert_int_equal(audit_record(&app, "update", "customer", key, "{\"v\":1}", "{\"v\":2}", NULL),
                         ERR_OK);
    }
    return db;
}

/* check_database's report and count. */
static int check_report(struct db *db, const char *head, char *buf, size_t len)
{
    struct app app = test_app_as(db, "root");
    struct err e = {0};
    struct strbuf report = {0};
    int problems = 0;
    assert_int_equal(check_database_head(&app, head, &report, &problems, &e), ERR_OK);
    snprintf(buf, len, "%s", strbuf_text(&report));
    strbuf_free(&report);
    return problems;
}

static void test_each_entry_chains_to_the_one_before(void **state)
{
    (void)state;
    char path[64], buf[2048];
    struct db *db = db_with_entries(path, 5);
    sqlite3_stmt *s = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(db->handle, "SELECT prev_hash, hash FROM audit_log ORDER BY id", -1, &s, NULL),
        SQLITE_OK);
    char prev[65] = "";
    int n = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        assert_string_equal((const char *)sqlite3_column_text(s, 0), prev);
        snprintf(prev, sizeof prev, "%s", (const char *)sqlite3_column_text(s, 1));
        assert_int_equal(strlen(prev), 64);
        n++;
    }
    sqlite3_finalize(s);
    assert_int_equal(n, 5);
    struct app admin = test_app_as(db, "root");
    char head[65];
    assert_int_equal(audit_head(&admin, head, NULL), ERR_OK);
    assert_string_equal(head, prev);
    struct app rep = test_app_as(db, "alice");
    struct err e = {0};
    assert_int_equal(audit_head(&rep, head, &e), ERR_DENIED);
    assert_int_equal(check_report(db, NULL, buf, sizeof buf), 0);
    db_close(&db);
    test_db_remove(path);
}

static void test_an_entry_is_never_replaced_by_id(void **state)
{
    (void)state;
    char path[64];
    struct db *db = db_with_entries(path, 3);
    db_close(&db);
    assert_int_not_equal(raw(path, "INSERT OR REPLACE INTO audit_log SELECT * FROM audit_log WHERE id = 2"),
                         SQLITE_OK);
    assert_int_not_equal(raw(path,
                             "REPLACE INTO audit_log(id, at, user_login, action, object_type, object_key,"
                             " prev_hash, hash) VALUES (2, 'x', 'x', 'x', 'x', 'x', 'x',"
                             " printf('%064d', 0))"),
                         SQLITE_OK);
    /* and an entry that does not follow the last one */
    assert_int_not_equal(raw(path, "INSERT INTO audit_log(at, user_login, action, object_type, object_key,"
                                   " prev_hash, hash) VALUES ('x', 'x', 'x', 'x', 'x', 'forged',"
                                   " printf('%064d', 0))"),
                         SQLITE_OK);
    test_db_remove(path);
}

static const char recreate[] = "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN\n"
                               "    SELECT RAISE(ABORT, 'the audit log is append-only');\n"
                               "END;\n"
                               "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN\n"
                               "    SELECT RAISE(ABORT, 'the audit log is append-only');\n"
                               "END;";

static void test_entries_removed_behind_the_triggers_are_named(void **state)
{
    (void)state;
    char path[64], buf[2048], sql[1024];
    struct db *db = db_with_entries(path, 12);
    assert_int_equal(raw(path, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
                               "DELETE FROM audit_log WHERE object_key IN ('C-3', 'C-4', 'C-5')"),
                     SQLITE_OK);
    snprintf(sql, sizeof sql, "%s", recreate);
    assert_int_equal(raw(path, sql), SQLITE_OK);
    assert_int_equal(check_report(db, NULL, buf, sizeof buf), 1);
    assert_non_null(strstr(buf, "does not follow the entry before it"));
    assert_non_null(strstr(buf, "C-6")); /* the first entry after the gap */
    db_close(&db);
    test_db_remove(path);
}

static void test_a_changed_entry_is_named(void **state)
{
    (void)state;
    char path[64], buf[2048];
    struct db *db = db_with_entries(path, 6);
    assert_int_equal(raw(path, "DROP TRIGGER audit_log_no_update;"
                               "UPDATE audit_log SET after_json = '{\"v\":3}' WHERE object_key = 'C-2';"
                               "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN\n"
                               "    SELECT RAISE(ABORT, 'the audit log is append-only');\n"
                               "END;"),
                     SQLITE_OK);
    assert_int_equal(check_report(db, NULL, buf, sizeof buf), 1);
    assert_non_null(strstr(buf, "does not match its hash"));
    assert_non_null(strstr(buf, "C-2"));
    db_close(&db);
    test_db_remove(path);
}

static void test_triggers_are_compared_by_their_sql(void **state)
{
    (void)state;
    char path[64], buf[2048];
    struct db *db = db_with_entries(path, 2);
    /* the same name, a loosened body */
    assert_int_equal(raw(path, "DROP TRIGGER audit_log_no_delete;"
                               "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN 0 BEGIN\n"
                               "    SELECT RAISE(ABORT, 'the audit log is append-only');\n"
                               "END;"
                               "CREATE TRIGGER users_helper AFTER INSERT ON users BEGIN SELECT 1; END;"),
                     SQLITE_OK);
    assert_int_equal(check_report(db, NULL, buf, sizeof buf), 2);
    assert_non_null(
        strstr(buf, "the audit log is no longer append-only: trigger audit_log_no_delete was changed"));
    assert_non_null(strstr(buf, "trigger users_helper on users is not comptoir's"));
    db_close(&db);
    test_db_remove(path);
}

static void test_a_kept_head_proves_nothing_before_it_changed(void **state)
{
    (void)state;
    char path[64], buf[2048], head[65], tail[65];
    struct db *db = db_with_entries(path, 4);
    struct app admin = test_app_as(db, "root");
    assert_int_equal(audit_head(&admin, head, NULL), ERR_OK);
    struct app rep = test_app_as(db, "alice");
    assert_int_equal(audit_record(&rep, "update", "customer", "C-9", NULL, NULL, NULL), ERR_OK);
    assert_int_equal(check_report(db, head, buf, sizeof buf), 0);
    assert_non_null(strstr(buf, "nothing up to it was changed"));
    /* the last entries removed: the chain still holds, but not the head */
    assert_int_equal(audit_head(&admin, tail, NULL), ERR_OK);
    assert_int_equal(raw(path, "DROP TRIGGER audit_log_no_delete;"
                               "DELETE FROM audit_log WHERE id >= (SELECT max(id) - 1 FROM audit_log);"
                               "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN\n"
                               "    SELECT RAISE(ABORT, 'the audit log is append-only');\n"
                               "END;"),
                     SQLITE_OK);
    assert_int_equal(check_report(db, NULL, buf, sizeof buf), 0);
    assert_int_equal(check_report(db, tail, buf, sizeof buf), 1);
    assert_non_null(strstr(buf, "does not hold the head"));
    assert_int_equal(check_report(db, head, buf, sizeof buf), 1); /* the head's own entry went too */
    db_close(&db);
    test_db_remove(path);
}

/* A database of schema 7 with entries written before the chain existed. */
static void test_the_migration_chains_existing_entries(void **state)
{
    (void)state;
    char path[64], buf[2048];
    test_db_path(path);
    test_db_remove(path);
    sqlite3 *h = NULL;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(db_sort_key_register(h), SQLITE_OK);
    assert_int_equal(db_search_register(h), SQLITE_OK); /* 0009's tokenizer */
    for (int i = 0; i < db_migration_count && db_migrations[i].version <= 7; i++)
        assert_int_equal(sqlite3_exec(h, db_migrations[i].sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(h,
                     "INSERT INTO users(login, role, created_at) VALUES "
                     "('root', 'admin', 'x');"
                     "INSERT INTO audit_log(at, user_id, user_login, action, object_type, object_key,"
                     " before_json, after_json) VALUES"
                     " ('2026-01-01T00:00:00Z', 1, 'root', 'create', 'user', 'root', NULL, '{}'),"
                     " ('2026-01-02T00:00:00Z', 1, 'root', 'import', 'customers', 'a.csv', NULL, NULL),"
                     " ('2026-01-03T00:00:00Z', 1, 'root (as alice)', 'update', 'customer', 'x',"
                     " '{\"a\":1}', '{\"a\":2}');"
                     "PRAGMA user_version = 7;",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(h);
    chmod(path, 0600); /* as comptoir makes its files (check names one open to all) */
    struct db *db = NULL;
    struct err e = {0};
    assert_int_equal(db_open(path, &db, &e), ERR_OK);
    assert_int_equal(db_schema_version(db), db_latest_schema_version());
    if (check_report(db, NULL, buf, sizeof buf) != 0)
        fail_msg("%s", buf);
    struct app app = test_app_as(db, "root");
    assert_int_equal(audit_record(&app, "update", "customer", "y", NULL, NULL, &e), ERR_OK);
    assert_int_equal(check_report(db, NULL, buf, sizeof buf), 0);
    assert_int_equal(test_audit_count(db, "customer", "x"), 1);
    db_close(&db);
    /* and the migrated entries are protected like new ones */
    assert_int_not_equal(raw(path, "UPDATE audit_log SET action = 'x' WHERE id = 1"), SQLITE_OK);
    test_db_remove(path);
}

/* A database made by the runner before it kept a ledger of migrations, as
 * main's program made it before 0008 landed: every other migration ran and
 * user_version says 15 (the highest), some entries and a quote approval are
 * there. Opened by this program, it gets 0008 all the same (the chain, the
 * real person's columns), check is clean, and the ledger names every
 * migration. */
static void test_a_database_past_0008_gets_the_chain_out_of_order(void **state)
{
    (void)state;
    char path[64], buf[2048];
    test_db_path(path);
    test_db_remove(path);
    sqlite3 *h = NULL;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(db_sort_key_register(h), SQLITE_OK);
    assert_int_equal(db_search_register(h), SQLITE_OK); /* 0009's tokenizer */
    int highest = 0;
    for (int i = 0; i < db_migration_count; i++) {
        if (db_migrations[i].version == 8)
            continue;
        if (sqlite3_exec(h, db_migrations[i].sql, NULL, NULL, NULL) != SQLITE_OK)
            fail_msg("%s: %s", db_migrations[i].name, sqlite3_errmsg(h));
        highest = db_migrations[i].version;
    }
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", highest);
    assert_int_equal(
        sqlite3_exec(h,
                     "INSERT INTO users(login, role, created_at) VALUES ('root', 'admin', 'x');"
                     "INSERT INTO audit_log(at, user_id, user_login, action, object_type, "
                     "object_key, before_json, after_json) VALUES"
                     " ('2026-01-01T00:00:00Z', 1, 'root', 'create', 'user', 'root', NULL, '{}'),"
                     " ('2026-01-02T00:00:00Z', 1, 'root', 'import', 'customers', 'a.csv', "
                     "NULL, NULL);",
                     NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, pragma, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    chmod(path, 0600); /* as comptoir makes its files (check names one open to all) */
    assert_true(highest > 8);
    struct db *db = NULL;
    struct err e = {0};
    if (db_open(path, &db, &e) != ERR_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(db_schema_version(db), highest);
    if (check_report(db, NULL, buf, sizeof buf) != 0)
        fail_msg("%s", buf);
    struct app app = test_app_as(db, "root");
    assert_int_equal(audit_record(&app, "update", "customer", "y", NULL, NULL, &e), ERR_OK);
    assert_int_equal(check_report(db, NULL, buf, sizeof buf), 0);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->handle,
                                        "SELECT (SELECT count(*) FROM schema_migrations), "
                                        "(SELECT count(*) FROM audit_log WHERE hash IS NOT NULL), "
                                        "(SELECT count(*) FROM pragma_table_info('quote_events') "
                                        "WHERE name = 'real_user_id')",
                                        -1, &s, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), db_migration_count);
    assert_int_equal(sqlite3_column_int(s, 1), 3);
    assert_int_equal(sqlite3_column_int(s, 2), 1);
    sqlite3_finalize(s);
    db_close(&db);
    assert_int_not_equal(raw(path, "UPDATE audit_log SET action = 'x' WHERE id = 1"), SQLITE_OK);
    test_db_remove(path);
}

/* Four processes append at once: the chain is one line, no fork. */
static void test_parallel_writers_never_fork_the_chain(void **state)
{
    (void)state;
    char path[64], buf[2048];
    struct db *db = test_db_new(path);
    db_close(&db);
    pid_t kids[4];
    for (int k = 0; k < 4; k++) {
        if ((kids[k] = fork()) == 0) {
            struct db *mine = NULL;
            if (db_open(path, &mine, NULL) != ERR_OK)
                _exit(2);
            struct app app = test_app_as(mine, k % 2 ? "alice" : "bruno");
            for (int i = 0; i < 60; i++) {
                char key[32];
                snprintf(key, sizeof key, "K%d-%d", k, i);
                if (audit_record(&app, "update", "customer", key, NULL, NULL, NULL) != ERR_OK)
                    _exit(3);
            }
            db_close(&mine);
            _exit(0);
        }
    }
    for (int k = 0; k < 4; k++) {
        int status = 0;
        waitpid(kids[k], &status, 0);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    struct err e = {0};
    assert_int_equal(db_open(path, &db, &e), ERR_OK);
    assert_int_equal(check_report(db, NULL, buf, sizeof buf), 0);
    sqlite3_stmt *s = NULL;
    sqlite3_prepare_v2(db->handle, "SELECT count(*), count(DISTINCT prev_hash) FROM audit_log", -1, &s, NULL);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 240);
    assert_int_equal(sqlite3_column_int(s, 1), 240);
    sqlite3_finalize(s);
    db_close(&db);
    test_db_remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_entry_chains_to_the_one_before),
        cmocka_unit_test(test_an_entry_is_never_replaced_by_id),
        cmocka_unit_test(test_entries_removed_behind_the_triggers_are_named),
        cmocka_unit_test(test_a_changed_entry_is_named),
        cmocka_unit_test(test_triggers_are_compared_by_their_sql),
        cmocka_unit_test(test_a_kept_head_proves_nothing_before_it_changed),
        cmocka_unit_test(test_the_migration_chains_existing_entries),
        cmocka_unit_test(test_a_database_past_0008_gets_the_chain_out_of_order),
        cmocka_unit_test(test_parallel_writers_never_fork_the_chain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
