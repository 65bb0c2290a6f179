/* The store's foundation: migrations, a newer schema refused, pragmas,
 * nested transactions, the append-only audit log, users and rights. */
#include <sqlite3.h>

#include "db/db_migrations.h"
#include "db/db_private.h"
#include "testutil.h"

static int count_rows(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *s = NULL;
    int n = -1;
    sqlite3_open(path, &h);
    if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(h);
    return n;
}

static int exec_raw(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_open(path, &h);
    int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
    sqlite3_close(h);
    return rc;
}

static void test_migrations_apply_once_and_record_version(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    assert_int_equal(db_schema_version(db), db_latest_schema_version());
    struct err e = {0};
    assert_int_equal(db_migrate(db, &e), ERR_OK); /* idempotent */
    db_close(&db);
    assert_int_equal(db_open(path, &db, &e), ERR_OK);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM tax_classes"), 3);
    db_close(&db);
    test_db_remove(path);
}

/* Every migration that ran is in the ledger; user_version is the highest. */
static void test_the_ledger_names_every_migration(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    db_close(&db);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM schema_migrations"), db_migration_count);
    assert_int_equal(count_rows(path, "SELECT max(version) FROM schema_migrations"),
                     db_latest_schema_version());
    assert_int_equal(count_rows(path, "PRAGMA user_version"), db_latest_schema_version());
    test_db_remove(path);
}

/* A database made before the ledger (user_version alone) with every
 * migration run: the ledger is made from what is there and nothing runs
 * twice (0001 again would fail on its first table). */
static void test_a_database_before_the_ledger_runs_nothing_twice(void **state)
{
    (void)state;
    char path[64], pragma[64];
    test_db_path(path);
    test_db_remove(path);
    sqlite3 *h = NULL;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(db_sort_key_register(h), SQLITE_OK);
    assert_int_equal(db_search_register(h), SQLITE_OK); /* 0009's tokenizer */
    assert_int_equal(db_audit_hash_register(h), SQLITE_OK);
    for (int i = 0; i < db_migration_count; i++)
        assert_int_equal(sqlite3_exec(h, db_migrations[i].sql, NULL, NULL, NULL), SQLITE_OK);
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", db_latest_schema_version());
    assert_int_equal(sqlite3_exec(h, pragma, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(h, "INSERT INTO settings(key, value) VALUES ('kept', 'yes')", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(h);
    struct db *db = NULL;
    struct err e = {0};
    if (db_open(path, &db, &e) != ERR_OK)
        fail_msg("%s", e.msg);
    db_close(&db);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM schema_migrations"), db_migration_count);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM settings WHERE key = 'kept'"), 1);
    test_db_remove(path);
}

/* What a migration leaves behind, read from its SQL, on a current database:
 * what it creates or adds (unless it also drops or renames it, or it sits
 * on a table dropped or renamed: a rebuild), never what a comment or a
 * string says; nothing to look for counts as run. */
static void test_a_migration_is_known_by_what_it_creates(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    static const struct {
        const char *sql;
        bool present;
    } cases[] = {
        {"CREATE TABLE settings (key TEXT);", true},
        {"CREATE TABLE zz_new_table (x);", false},
        {"CREATE UNIQUE INDEX main.\"zz_index\" ON customers(email);", false},
        {"ALTER TABLE customers ADD COLUMN name_key TEXT;", true},
        {"ALTER TABLE customers ADD zz_column INTEGER;", false},
        {"DROP TRIGGER audit_log_no_update; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
         "BEGIN SELECT RAISE(ABORT, 'x; CREATE TABLE qq'); END; CREATE TABLE zz_t (x);",
         false},
        {"CREATE TABLE t_new (x); DROP TABLE audit_log; ALTER TABLE t_new RENAME TO audit_log; "
         "CREATE INDEX audit_log_object ON audit_log(x);",
         true},
        {"-- CREATE TABLE zz_comment (x);\n/* CREATE TABLE zz_block (x); */ "
         "INSERT INTO settings VALUES ('CREATE TABLE zz_string (x)', '');",
         true},
        {"CREATE TABLE IF NOT EXISTS zz_maybe (x);", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (db_migration_present(db, cases[i].sql) != cases[i].present)
            fail_msg("case %zu: %s", i, cases[i].sql);
    db_close(&db);
    test_db_remove(path);
}

static void test_newer_schema_is_refused_and_unchanged(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    db_close(&db);
    assert_int_equal(exec_raw(path, "PRAGMA user_version = 999"), SQLITE_OK);
    struct err e = {0};
    assert_int_equal(db_open(path, &db, &e), ERR_SCHEMA);
    assert_null(db);
    assert_non_null(strstr(e.msg, "newer comptoir"));
    assert_int_equal(count_rows(path, "PRAGMA user_version"), 999);
    test_db_remove(path);
}

static void test_connection_pragmas(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    /* WAL is persistent in the file; the others are per connection, checked
     * through an insert that violates a foreign key. */
    assert_int_equal(count_rows(path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
    struct audit_entry a = {.user_id = 4242};
    snprintf(a.user_login, sizeof a.user_login, "ghost");
    struct err e = {0};
    assert_int_not_equal(audit_store_append(db, &a, &e), ERR_OK);
    db_close(&db);
    test_db_remove(path);
}

static void test_nested_transaction_rollback_dooms_outer(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    struct err e = {0};
    assert_int_equal(db_begin(db, &e), ERR_OK);
    assert_int_equal(settings_store_set(db, "x", "1", &e), ERR_OK);
    assert_int_equal(db_begin(db, &e), ERR_OK);
    db_rollback(db); /* the inner step failed */
    assert_true(db_in_transaction(db));
    assert_int_not_equal(db_commit(db, &e), ERR_OK);
    assert_false(db_in_transaction(db));
    char v[8];
    assert_int_equal(settings_store_get(db, "x", v, sizeof v, NULL), ERR_NOTFOUND);
    db_close(&db);
    test_db_remove(path);
}

static void test_a_read_sees_one_snapshot_until_it_ends(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    struct err e = {0};
    char v[8];
    assert_int_equal(db_begin_read(db, &e), ERR_OK);
    assert_int_equal(settings_store_get(db, "x", v, sizeof v, NULL), ERR_NOTFOUND); /* the snapshot starts */
    assert_int_equal(exec_raw(path, "INSERT INTO settings(key, value) VALUES ('x', '1')"), SQLITE_OK);
    assert_int_equal(db_begin_read(db, &e), ERR_OK); /* a nested read joins */
    assert_int_equal(settings_store_get(db, "x", v, sizeof v, NULL), ERR_NOTFOUND);
    assert_int_equal(db_end_read(db, &e), ERR_OK);
    assert_true(db_in_transaction(db));
    assert_int_equal(db_end_read(db, &e), ERR_OK);
    assert_false(db_in_transaction(db));
    assert_int_equal(settings_store_get(db, "x", v, sizeof v, NULL), ERR_OK);
    assert_string_equal(v, "1");
    assert_int_equal(db_end_read(db, &e), ERR_INTERNAL); /* nothing to end */
    db_close(&db);
    test_db_remove(path);
}

static void test_audit_log_refuses_update_and_delete(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    struct app app = test_app_as(db, "root");
    struct err e = {0};
    assert_int_equal(audit_record(&app, "update", "account", "ACME", "{\"a\":1}", "{\"a\":2}", &e), ERR_OK);
    db_close(&db);
    assert_int_not_equal(exec_raw(path, "UPDATE audit_log SET action = 'x'"), SQLITE_OK);
    assert_int_not_equal(exec_raw(path, "DELETE FROM audit_log"), SQLITE_OK);
    assert_int_equal(count_rows(path, "SELECT count(*) FROM audit_log WHERE action = 'update'"), 1);
    test_db_remove(path);
}

static void test_audit_reads_back_newest_first(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    struct app app = test_app_as(db, "alice");
    assert_int_equal(audit_record(&app, "create", "account", "ACME", NULL, "{\"v\":1}", NULL), ERR_OK);
    assert_int_equal(audit_record(&app, "update", "account", "ACME", "{\"v\":1}", "{\"v\":2}", NULL), ERR_OK);
    struct rows rows_read = {0};
    assert_int_equal(audit_store_for_object(db, "account", "ACME", NULL, &rows_read, NULL), ERR_OK);
    const struct audit_entry *rows = rows_read.items;
    int n = rows_read.n;
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].action, "update");
    assert_string_equal(rows[0].before_json, "{\"v\":1}");
    assert_string_equal(rows[0].user_login, "alice");
    assert_null(rows[1].before_json);
    db_close(&db);
    test_db_remove(path);
    audit_entries_free(&rows_read);
}

static void test_counters_number_documents(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    int64_t a = 0, b = 0;
    assert_int_equal(counters_store_next(db, "order", &a, NULL), ERR_OK);
    assert_int_equal(counters_store_next(db, "order", &b, NULL), ERR_OK);
    assert_int_equal(b, a + 1);
    assert_int_equal(counters_store_next(db, "nope", &a, NULL), ERR_INTERNAL);
    db_close(&db);
    test_db_remove(path);
}

static void test_backup_copies_a_live_database(void **state)
{
    (void)state;
    char path[64], copy[64];
    struct db *db = test_db_new(path);
    test_db_path(copy);
    test_db_remove(copy);
    assert_int_equal(db_backup_to(db, copy, NULL), ERR_OK);
    assert_int_equal(count_rows(copy, "SELECT count(*) FROM users"), 6);
    struct strbuf report = {0};
    int problems = 0;
    assert_int_equal(db_check_structure(db, &report, &problems, NULL), ERR_OK);
    assert_int_equal(problems, 0);
    strbuf_free(&report);
    db_close(&db);
    test_db_remove(path);
    test_db_remove(copy);
}

/* A statement being stepped survives any number of others prepared meanwhile
 * (the cache used to finalize its oldest entry past 512 statements). */
static void test_the_statement_cache_never_finalizes_one_in_use(void **state)
{
    (void)state;
    static const char walking[] = "SELECT value FROM json_each('[1,2,3]')";
    static char others[700][48]; /* the cache keys statements by the address of their SQL */
    char path[64];
    struct db *db = test_db_new(path);
    sqlite3_stmt *s = db_stmt(db, walking, NULL);
    assert_non_null(s);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 1);
    for (int i = 0; i < 700; i++) {
        snprintf(others[i], sizeof others[i], "SELECT %d", i);
        assert_non_null(db_stmt(db, others[i], NULL));
    }
    assert_int_equal(sqlite3_step(s), SQLITE_ROW); /* still the same walk */
    assert_int_equal(sqlite3_column_int(s, 0), 2);
    sqlite3_reset(s);
    db_close(&db);
    test_db_remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migrations_apply_once_and_record_version),
        cmocka_unit_test(test_the_ledger_names_every_migration),
        cmocka_unit_test(test_a_database_before_the_ledger_runs_nothing_twice),
        cmocka_unit_test(test_a_migration_is_known_by_what_it_creates),
        cmocka_unit_test(test_newer_schema_is_refused_and_unchanged),
        cmocka_unit_test(test_connection_pragmas),
        cmocka_unit_test(test_nested_transaction_rollback_dooms_outer),
        cmocka_unit_test(test_a_read_sees_one_snapshot_until_it_ends),
        cmocka_unit_test(test_audit_log_refuses_update_and_delete),
        cmocka_unit_test(test_audit_reads_back_newest_first),
        cmocka_unit_test(test_counters_number_documents),
        cmocka_unit_test(test_backup_copies_a_live_database),
        cmocka_unit_test(test_the_statement_cache_never_finalizes_one_in_use),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
