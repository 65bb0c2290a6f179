/* `make bench` helper: a database of schema 7 (before the audit chain) whose
 * audit log holds N entries, the Unix user running it as admin — so that
 * tests/bench/audit.sh can time the migration that chains them and `check`
 * verifying the chain; and the chain's verification alone, timed.
 * Usage: audit_v7 PATH N | audit_v7 verify PATH */
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/audit_store.h"
#include "db/db_migrations.h"
#include "db/db_private.h"

static int exec(sqlite3 *h, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(h, sql, NULL, NULL, &msg) == SQLITE_OK)
        return 0;
    fprintf(stderr, "audit_v7: %s\n", msg ? msg : "failed");
    sqlite3_free(msg);
    return 1;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int verify(const char *path)
{
    struct db *db = NULL;
    struct err e = {0};
    struct audit_verdict v;
    if (db_open(path, &db, &e) != ERR_OK) {
        fprintf(stderr, "audit_v7: %s\n", e.msg);
        return 1;
    }
    int64_t t0 = now_ms();
    int rc = audit_store_verify(db, NULL, &v, &e);
    int64_t t1 = now_ms();
    db_close(&db);
    if (rc != ERR_OK || v.bad_id != 0) {
        fprintf(stderr, "audit_v7: the chain does not verify (%s)\n", e.msg);
        return 1;
    }
    printf("%lld entries verified in %lld ms\n", (long long)v.entries, (long long)(t1 - t0));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "verify") == 0)
        return verify(argv[2]);
    if (argc != 3) {
        fprintf(stderr, "usage: audit_v7 PATH N\n");
        return 64;
    }
    sqlite3 *h = NULL;
    char sql[1024];
    struct passwd *pw = getpwuid(getuid());
    if (sqlite3_open(argv[1], &h) != SQLITE_OK || db_sort_key_register(h) != SQLITE_OK)
        return 1;
    if (exec(h, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; BEGIN"))
        return 1;
    for (int i = 0; i < db_migration_count && db_migrations[i].version <= 7; i++)
        if (exec(h, db_migrations[i].sql))
            return 1;
    snprintf(sql, sizeof sql,
             "INSERT INTO users(login, role, created_at) VALUES ('%s', 'admin', '2026-01-01T00:00:00Z')",
             pw ? pw->pw_name : "root");
    if (exec(h, sql))
        return 1;
    snprintf(
        sql, sizeof sql,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %lld) "
        "INSERT INTO audit_log(at, user_id, user_login, action, object_type, object_key, before_json, "
        "after_json) SELECT strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 1767225600 + i, 'unixepoch'), 1, "
        "'alice', 'update', 'customer', 'c' || i || '@example.com', "
        "'{\"name\":\"Zoé Client ' || i || '\",\"phone\":\"+33 6 12 34 56 78\",\"loyalty_points\":' || i || '}', "
        "'{\"name\":\"Zoé Cliente ' || i || '\",\"phone\":\"+33 6 12 34 56 79\",\"loyalty_points\":' || i || '}' "
        "FROM n",
        atoll(argv[2]));
    if (exec(h, sql) || exec(h, "PRAGMA user_version = 7; COMMIT"))
        return 1;
    sqlite3_close(h);
    chmod(argv[1], 0600); /* as comptoir makes its files (check names one open to all) */
    return 0;
}
