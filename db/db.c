/* The connection: opening, pragmas, migrations, transactions, the statement
 * cache, backup and the structural checks. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db_migrations.h"
#include "db/db_private.h"
#include "src/base/datetime.h"
#include "src/base/strbuf.h"

int db_fail(struct db *db, struct err *e, const char *what)
{
    int rc = sqlite3_extended_errcode(db->handle);
    const char *msg = sqlite3_errmsg(db->handle);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        /* SQLite's own words ("database is locked") never reach a person. */
        return err_set(e, ERR_BUSY, NULL, "%s: %s; nothing was changed — try again later", what,
                       db->gave_up[0] ? db->gave_up : "another program holds the database");
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            return err_set(e, ERR_EXISTS, NULL, "%s: already exists (%s)", what, msg);
        return err_set(e, ERR_INVALID, NULL, "%s: %s", what, msg);
    case SQLITE_INTERRUPT: return err_set(e, ERR_CANCELLED, NULL, "%s: abandoned for newer input", what);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY: return err_set(e, ERR_IO, NULL, "%s: %s", what, msg);
    default: return err_set(e, ERR_INTERNAL, NULL, "%s: %s", what, msg);
    }
}

/* ----------------------------------------------------------- statements */

sqlite3_stmt *db_stmt(struct db *db, const char *sql, struct err *e)
{
    for (int i = 0; i < db->ncache; i++) {
        if (db->cache[i].sql == sql) {
            sqlite3_stmt *s = db->cache[i].stmt;
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            return s;
        }
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
        db_fail(db, e, "preparing a statement");
        return NULL;
    }
    if (db->ncache == db->capcache) {
        db->capcache = db->capcache ? db->capcache * 2 : 128;
        db->cache = xrealloc(db->cache, sizeof *db->cache * (size_t)db->capcache);
    }
    db->cache[db->ncache++] = (struct db_cached_stmt){sql, s};
    return s;
}

int db_step_done(struct db *db, sqlite3_stmt *s, int rc, struct err *e, const char *what)
{
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? ERR_OK : db_fail(db, e, what);
}

int db_fetch_one(struct db *db, sqlite3_stmt *s, void (*read)(sqlite3_stmt *s, void *row), void *out,
                 struct err *e, const struct db_fetch_what *w)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        read(s, out);
        sqlite3_reset(s);
        return ERR_OK;
    }
    int r = rc == SQLITE_DONE ? err_set(e, ERR_NOTFOUND, w->field, "no %s %s", w->noun, w->key)
                              : db_fail(db, e, w->reading);
    sqlite3_reset(s);
    return r;
}

void db_bind_text(sqlite3_stmt *s, int idx, const char *text)
{
    sqlite3_bind_text(s, idx, text ? text : "", -1, SQLITE_TRANSIENT);
}

void db_bind_text_or_null(sqlite3_stmt *s, int idx, const char *text)
{
    if (text == NULL || text[0] == '\0')
        sqlite3_bind_null(s, idx);
    else
        sqlite3_bind_text(s, idx, text, -1, SQLITE_TRANSIENT);
}

void db_bind_id_or_null(sqlite3_stmt *s, int idx, int64_t id)
{
    if (id <= 0)
        sqlite3_bind_null(s, idx);
    else
        sqlite3_bind_int64(s, idx, id);
}

void db_column_copy(sqlite3_stmt *s, int col, char *out, size_t len)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    if (t == NULL) {
        out[0] = '\0';
        return;
    }
    size_t n = (size_t)sqlite3_column_bytes(s, col);
    if (n >= len) {
        n = len - 1;
        /* never cut a UTF-8 sequence in half */
        while (n > 0 && (t[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out, t, n);
    out[n] = '\0';
}

void db_like_prefix(const char *text, char *out, size_t len)
{
    size_t j = 0;
    for (const char *p = text ? text : ""; *p && j + 3 < len; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            out[j++] = '\\';
        out[j++] = *p;
    }
    out[j++] = '%';
    out[j] = '\0';
}

int db_fts_phrase(const char *text, char *out, size_t len)
{
    /* A double-quoted FTS5 string is matched as a substring by the trigram
     * tokenizer; inner quotes are doubled. */
    size_t j = 0, raw = 0;
    if (len < 4)
        return 0;
    out[j++] = '"';
    for (const char *p = text ? text : ""; *p && j + 3 < len; p++) {
        if (*p == '"')
            out[j++] = '"';
        out[j++] = *p;
        raw++;
    }
    out[j++] = '"';
    out[j] = '\0';
    return raw >= 3;
}

/* ------------------------------------------------------------- opening */

static int db_exec(struct db *db, const char *sql, struct err *e, const char *what)
{
    if (sqlite3_exec(db->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(db, e, what);
    return ERR_OK;
}

/* A new database file is created by us, not by SQLite, so that its mode is
 * chosen: 0660 in a folder shared by a group (set-group-ID, as the shared
 * database's folder is), else 0600 — whatever the umask. SQLite gives its
 * -wal and -shm files the database's mode. */
static int db_create_file(const char *path, struct err *e)
{
    char dir[4200];
    struct stat st;
    snprintf(dir, sizeof dir, "%s", path);
    mode_t mode = stat(dirname(dir), &st) == 0 && (st.st_mode & S_ISGID) ? 0660 : 0600;
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0)
        return errno == EEXIST
                   ? ERR_OK
                   : err_set(e, ERR_IO, NULL, "cannot create database %s: %s", path, strerror(errno));
    int rc = fchmod(fd, mode) == 0
                 ? ERR_OK
                 : err_set(e, ERR_IO, NULL, "cannot set the mode of %s: %s", path, strerror(errno));
    close(fd);
    return rc;
}

static int db_open_failed(struct db **pdb, const char *path, struct err *e)
{
    struct db *db = *pdb;
    int sys = db->handle ? sqlite3_system_errno(db->handle) : 0;
    int rc = err_set(e, sys == EACCES || sys == EPERM ? ERR_DENIED : ERR_IO, NULL,
                     "cannot open database %s%s%s", path, sys ? ": " : "", sys ? strerror(sys) : "");
    db_close(pdb);
    return rc;
}

/* comptoir_today(): the store-local day as the core sees it (the clock
 * COMPTOIR_NOW pins, the zone the app set), for a query that compares with
 * today without a parameter of its own (a customer's points still valid). */
static void today_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc, (void)argv;
    char today[DATE_LEN];
    datetime_today(today);
    sqlite3_result_text(ctx, today, -1, SQLITE_TRANSIENT);
}

static int today_register(sqlite3 *handle)
{
    return sqlite3_create_function_v2(handle, "comptoir_today", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                      today_sql, NULL, NULL, NULL);
}

static int db_connect(const char *path, int flags, struct db **out, struct err *e)
{
    if ((flags & SQLITE_OPEN_CREATE) && strcmp(path, ":memory:") != 0) {
        int rc = db_create_file(path, e);
        if (rc != ERR_OK)
            return rc;
    }
    struct db *db = xcalloc(1, sizeof *db);
    db->path = xstrdup(path);
    db->activity_fd = -1;
    db->wait_limit_s = DB_WAIT_LIMIT_S;
    /* One thread uses a connection (comptoir starts none): no mutex, which
     * SQLite's default takes and leaves on every call — a tenth of the
     * time of a report that reads 100,000 rows (sqlite3_column_* each). */
    if (sqlite3_open_v2(path, &db->handle, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        return db_open_failed(&db, path, e);
    sqlite3_extended_result_codes(db->handle, 1);
    sqlite3_busy_handler(db->handle, db_busy_handler, db);
    /* The -wal and -shm files stay when the last connection closes: they
     * keep the owner and mode they were made with (a shared database's
     * files are never re-made by whoever comes next). */
    int persist = 1;
    sqlite3_file_control(db->handle, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
    if (db_sort_key_register(db->handle) != SQLITE_OK || db_search_register(db->handle) != SQLITE_OK ||
        db_audit_hash_register(db->handle) != SQLITE_OK || today_register(db->handle) != SQLITE_OK) {
        int rc = err_set(e, ERR_IO, NULL, "cannot set up database %s", path);
        db_close(&db);
        return rc;
    }
    /* The first read opens the -wal and -shm files, so every file of the
     * database is open when this returns (the shared database's group is
     * needed only until then). A database in WAL mode already takes no
     * write lock here. */
    int rc = db_exec(db,
                     "PRAGMA foreign_keys = ON;"
                     "PRAGMA journal_mode = WAL;"
                     "PRAGMA journal_size_limit = 33554432;"
                     "PRAGMA synchronous = FULL;"
                     "PRAGMA temp_store = MEMORY;"
                     "PRAGMA cache_size = -8000;", /* DB_CACHE_MB */
                     e, "setting up the connection");
    if (rc != ERR_OK) {
        if (e && (sqlite3_extended_errcode(db->handle) & 0xff) == SQLITE_CANTOPEN)
            return db_open_failed(&db, path, e);
        db_close(&db);
        return rc;
    }
    db_activity_open(db);
    *out = db;
    return ERR_OK;
}

int db_latest_schema_version(void)
{
    return db_migrations[db_migration_count - 1].version;
}

int db_schema_version(struct db *db)
{
    sqlite3_stmt *s = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db->handle, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return v;
}

static int db_refuse_newer(struct db *db, struct err *e)
{
    int have = db_schema_version(db);
    if (have > db_latest_schema_version())
        return err_set(e, ERR_SCHEMA, NULL,
                       "%s was made by a newer comptoir (schema %d, this program knows up to %d); "
                       "upgrade comptoir — nothing was changed",
                       db->path, have, db_latest_schema_version());
    return ERR_OK;
}

/* ------------------------------------------------ rebuilding a table */

/* A migration whose first line is "-- comptoir: rebuild T1 T2 …" rebuilds
 * those tables (SQLite's twelve steps: create T_new, copy, drop T, rename
 * T_new to T). It runs with foreign keys off, or dropping T would cascade
 * into the rows that refer to it, and with the legacy rename, or the rename
 * would fail on a trigger of another table that names T; foreign keys are
 * checked before the commit. Every index and trigger the tables had before
 * is created again when the migration did not create one of that name, so a
 * rebuild never loses what a migration before it added. */
#define REBUILD_MARK "-- comptoir: rebuild "

struct db_rebuild {
    char tables[4][64];
    int ntables;
    char **saved; /* their indexes and triggers: name, then CREATE statement */
    int nsaved;
};

static bool db_rebuild_parse(const char *sql, struct db_rebuild *r)
{
    memset(r, 0, sizeof *r);
    if (strncmp(sql, REBUILD_MARK, strlen(REBUILD_MARK)) != 0)
        return false;
    const char *p = sql + strlen(REBUILD_MARK);
    while (*p && *p != '\n' && r->ntables < 4) {
        size_t n = strcspn(p, " \n");
        if (n > 0 && n < sizeof r->tables[0])
            memcpy(r->tables[r->ntables++], p, n);
        p += n;
        while (*p == ' ')
            p++;
    }
    return r->ntables > 0;
}

static int db_rebuild_save(struct db *db, struct db_rebuild *r, struct err *e)
{
    static const char sql[] = "SELECT name, sql FROM sqlite_schema WHERE tbl_name = ? "
                              "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name";
    for (int t = 0; t < r->ntables; t++) {
        DB_PREPARE_OR_RETURN(s, sql);
        db_bind_text(s, 1, r->tables[t]);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            r->saved = xrealloc(r->saved, sizeof *r->saved * (size_t)(r->nsaved + 2));
            r->saved[r->nsaved++] = xstrdup((const char *)sqlite3_column_text(s, 0));
            r->saved[r->nsaved++] = xstrdup((const char *)sqlite3_column_text(s, 1));
        }
        if ((rc = db_step_done(db, s, rc, e, "reading the schema")) != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

static bool db_schema_has(struct db *db, const char *name)
{
    static const char sql[] = "SELECT 1 FROM sqlite_schema WHERE name = ?";
    sqlite3_stmt *s = db_stmt(db, sql, NULL);
    if (s == NULL)
        return false;
    db_bind_text(s, 1, name);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_reset(s);
    return found;
}

static int db_rebuild_restore(struct db *db, struct db_rebuild *r, const char *what, struct err *e)
{
    for (int i = 0; i + 1 < r->nsaved; i += 2) {
        if (db_schema_has(db, r->saved[i]))
            continue;
        int rc = db_exec(db, r->saved[i + 1], e, what);
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

static int db_rebuild_check_keys(struct db *db, const char *what, struct err *e)
{
    static const char sql[] = "PRAGMA foreign_key_check";
    DB_PREPARE_OR_RETURN(s, sql);
    int rc = sqlite3_step(s);
    char table[64] = "";
    if (rc == SQLITE_ROW)
        db_column_copy(s, 0, table, sizeof table);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return err_set(e, ERR_INTERNAL, NULL, "%s: a row of %s refers to a missing row; nothing was changed",
                       what, table);
    return rc == SQLITE_DONE ? ERR_OK : db_fail(db, e, what);
}

/* ------------------------------------------- which migrations ran */

/* Every migration that ran is a row of schema_migrations; user_version is
 * the highest of them (what an older comptoir reads to refuse a newer
 * database). Migrations land out of order (0008 after 0011, 0012 and 0015),
 * so the runner applies every compiled migration the ledger does not name,
 * whatever its number. A database made before the ledger gets it on its first
 * open by this program: a migration numbered at most user_version counts as
 * run when what it creates is there (db/migration_present.c). */
#define LEDGER_SQL                                                                                           \
    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "                      \
    "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"

/* Reads which compiled migrations the ledger names into ran[]; *have says
 * whether there is a ledger. Only reads. */
static int db_ledger_read(struct db *db, bool *ran, bool *have, struct err *e)
{
    static const char has_sql[] =
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'";
    static const char read_sql[] = "SELECT version FROM schema_migrations";
    for (int i = 0; i < db_migration_count; i++)
        ran[i] = false;
    DB_PREPARE_OR_RETURN(h, has_sql);
    int rc = sqlite3_step(h);
    *have = rc == SQLITE_ROW;
    sqlite3_reset(h);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(db, e, "reading the schema");
    if (!*have)
        return ERR_OK;
    /* prepared here, not cached: the table did not always exist */
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db->handle, read_sql, -1, &s, NULL) != SQLITE_OK)
        return db_fail(db, e, "reading the migrations");
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int v = sqlite3_column_int(s, 0);
        for (int i = 0; i < db_migration_count; i++)
            if (db_migrations[i].version == v)
                ran[i] = true;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ERR_OK : db_fail(db, e, "reading the migrations");
}

static int db_ledger_record(struct db *db, const struct db_migration *m, struct err *e)
{
    static const char sql[] = "INSERT INTO schema_migrations(version, name) VALUES (?1, ?2)";
    char pragma[64];
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int(s, 1, m->version);
    db_bind_text(s, 2, m->name);
    int rc = db_step_done(db, s, sqlite3_step(s), e, m->name);
    if (rc == ERR_OK && db_schema_version(db) < m->version) {
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
        rc = db_exec(db, pragma, e, m->name);
    }
    return rc;
}

/* Creates the ledger, inside the open write transaction, with the migrations
 * a database made before it already has. */
static int db_ledger_create(struct db *db, struct err *e)
{
    int had = db_schema_version(db);
    int rc = db_exec(db, LEDGER_SQL, e, "recording the migrations");
    for (int i = 0; rc == ERR_OK && i < db_migration_count; i++) {
        const struct db_migration *m = &db_migrations[i];
        if (m->version <= had && db_migration_present(db, m->sql))
            rc = db_ledger_record(db, m, e);
    }
    return rc;
}

static int db_ledger_ensure(struct db *db, struct err *e)
{
    bool have = false;
    int rc = db_begin(db, e);
    if (rc != ERR_OK)
        return rc;
    /* Re-read inside the write lock: another process may have made it. */
    bool *ran = xcalloc((size_t)db_migration_count, sizeof *ran);
    rc = db_ledger_read(db, ran, &have, e);
    free(ran);
    if (rc == ERR_OK && !have)
        rc = db_ledger_create(db, e);
    if (rc != ERR_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, e);
}

static bool db_ledger_has(struct db *db, int version)
{
    static const char sql[] = "SELECT 1 FROM schema_migrations WHERE version = ?";
    sqlite3_stmt *s = db_stmt(db, sql, NULL);
    if (s == NULL)
        return false;
    sqlite3_bind_int(s, 1, version);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_reset(s);
    return found;
}

/* Runs one migration's SQL inside the open transaction. */
static int db_migration_run(struct db *db, const struct db_migration *m, struct db_rebuild *r, bool rebuild,
                            struct err *e)
{
    int rc = rebuild ? db_rebuild_save(db, r, e) : ERR_OK;
    if (rc == ERR_OK)
        rc = db_exec(db, m->sql, e, m->name);
    if (rc == ERR_OK && rebuild && (rc = db_rebuild_restore(db, r, m->name, e)) == ERR_OK)
        rc = db_rebuild_check_keys(db, m->name, e);
    if (rc == ERR_OK)
        rc = db_ledger_record(db, m, e);
    return rc;
}

static int db_migrate_one(struct db *db, const struct db_migration *m, struct err *e)
{
    struct db_rebuild r;
    bool rebuild = db_rebuild_parse(m->sql, &r);
    int rc = ERR_OK;
    /* Both pragmas are no-ops inside a transaction: set them before it. */
    if (rebuild &&
        (rc = db_exec(db, "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON", e, m->name)) != ERR_OK)
        return rc;
    if ((rc = db_begin(db, e)) == ERR_OK) {
        /* Re-read inside the write lock: another process may have migrated. */
        if (db_ledger_has(db, m->version))
            db_rollback(db);
        else if ((rc = db_migration_run(db, m, &r, rebuild, e)) != ERR_OK)
            db_rollback(db);
        else
            rc = db_commit(db, e);
    }
    if (rebuild)
        db_exec(db, "PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = ON", NULL, m->name);
    for (int i = 0; i < r.nsaved; i++)
        free(r.saved[i]);
    free(r.saved);
    return rc;
}

int db_migrate(struct db *db, struct err *e)
{
    bool *ran = xcalloc((size_t)db_migration_count, sizeof *ran);
    bool have = false, all = true;
    int rc = db_refuse_newer(db, e);
    if (rc == ERR_OK)
        rc = db_ledger_read(db, ran, &have, e);
    for (int i = 0; i < db_migration_count; i++)
        all = all && ran[i];
    /* A current database is only read: opening it takes no write lock. */
    if (rc == ERR_OK && !(have && all)) {
        rc = db_ledger_ensure(db, e);
        for (int i = 0; rc == ERR_OK && i < db_migration_count; i++)
            if (!ran[i])
                rc = db_migrate_one(db, &db_migrations[i], e);
    }
    free(ran);
    return rc;
}

/* The progress handler: SQLite stops the statement when it returns non-zero. */
static int db_abandon_check(void *arg)
{
    struct db *db = arg;
    return db->abandon != NULL && db->abandon(db->abandon_ctx);
}

void db_set_abandon(struct db *db, bool (*check)(void *ctx), void *ctx)
{
    db->abandon = check;
    db->abandon_ctx = ctx;
    /* every 2,000 virtual machine steps: a few tens of microseconds */
    sqlite3_progress_handler(db->handle, check ? 2000 : 0, check ? db_abandon_check : NULL, db);
}

int db_open(const char *path, struct db **out, struct err *e)
{
    int rc = db_connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, out, e);
    if (rc != ERR_OK)
        return rc;
    if ((rc = db_migrate(*out, e)) != ERR_OK)
        db_close(out);
    return rc;
}

int db_open_existing(const char *path, struct db **out, struct err *e)
{
    int rc = db_connect(path, SQLITE_OPEN_READWRITE, out, e);
    if (rc != ERR_OK)
        return rc;
    if ((rc = db_refuse_newer(*out, e)) != ERR_OK)
        db_close(out);
    return rc;
}

void db_close(struct db **pdb)
{
    if (pdb == NULL || *pdb == NULL)
        return;
    struct db *db = *pdb;
    for (int i = 0; i < db->ncache; i++)
        sqlite3_finalize(db->cache[i].stmt);
    free(db->cache);
    db_activity_close(db);
    if (db->handle)
        sqlite3_close(db->handle);
    free(db->path);
    free(db);
    *pdb = NULL;
}

const char *db_path(const struct db *db)
{
    return db->path;
}

void db_set_person(struct db *db, int64_t real_user_id)
{
    db->person = real_user_id;
}

int64_t db_person(const struct db *db)
{
    return db->person;
}

/* --------------------------------------------------------- transactions */

int db_bulk_cache(struct db *db, bool on, struct err *e)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", (on ? DB_BULK_CACHE_MB : DB_CACHE_MB) * 1000);
    return db_exec(db, sql, e, "setting the page cache");
}

int db_begin(struct db *db, struct err *e)
{
    if (db->depth == 0) {
        int rc = db_exec(db, "BEGIN IMMEDIATE", e, "starting a transaction");
        db_wait_over(db);
        if (rc != ERR_OK)
            return rc;
        db->doomed = false;
        db->writing = true;
        db_activity_claim(db);
    }
    db->depth++;
    return ERR_OK;
}

int db_commit(struct db *db, struct err *e)
{
    if (db->depth <= 0)
        return err_set(e, ERR_INTERNAL, NULL, "commit without a transaction");
    if (--db->depth > 0)
        return ERR_OK;
    db_activity_release(db);
    db->writing = false;
    if (db->doomed) {
        db_exec(db, "ROLLBACK", NULL, "rolling back");
        db->doomed = false;
        return err_set(e, ERR_INTERNAL, NULL, "an inner step failed; nothing was saved");
    }
    int rc = db_exec(db, "COMMIT", e, "saving");
    if (rc != ERR_OK) {
        db_exec(db, "ROLLBACK", NULL, "rolling back");
    }
    return rc;
}

void db_rollback(struct db *db)
{
    if (db->depth <= 0)
        return;
    if (--db->depth > 0) {
        db->doomed = true;
        return;
    }
    db_activity_release(db);
    db->writing = false;
    db_exec(db, "ROLLBACK", NULL, "rolling back");
    db->doomed = false;
}

int db_begin_read(struct db *db, struct err *e)
{
    if (db->depth == 0) {
        int rc = db_exec(db, "BEGIN DEFERRED", e, "starting a read");
        if (rc != ERR_OK)
            return rc;
        db->doomed = false;
    }
    db->depth++;
    return ERR_OK;
}

int db_end_read(struct db *db, struct err *e)
{
    if (db->depth <= 0)
        return err_set(e, ERR_INTERNAL, NULL, "end of a read without one");
    if (--db->depth > 0)
        return ERR_OK;
    if (db->doomed) {
        db_exec(db, "ROLLBACK", NULL, "rolling back");
        db->doomed = false;
        return err_set(e, ERR_INTERNAL, NULL, "an inner step failed; nothing was saved");
    }
    int rc = db_exec(db, "COMMIT", e, "ending a read");
    if (rc != ERR_OK)
        db_exec(db, "ROLLBACK", NULL, "rolling back");
    return rc;
}

bool db_in_transaction(const struct db *db)
{
    return db->depth > 0;
}

int64_t db_data_version(struct db *db)
{
    static const char sql[] = "PRAGMA data_version";
    sqlite3_stmt *s = db_stmt(db, sql, NULL);
    int64_t v = -1;
    if (s && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    if (s)
        sqlite3_reset(s);
    return v;
}

int64_t db_change_stamp(struct db *db)
{
    return db_data_version(db) + sqlite3_total_changes64(db->handle);
}

/* --------------------------------------------------------- backup, check */

int db_backup_to(struct db *db, const char *dest_path, struct err *e)
{
    sqlite3 *dest = NULL;
    /* A copy of the data is for its maker's eyes: 0600, whatever the umask. */
    int fd = open(dest_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 || fchmod(fd, 0600) != 0) {
        int rc = err_set(e, ERR_IO, NULL, "cannot create %s: %s", dest_path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return rc;
    }
    close(fd);
    if (sqlite3_open_v2(dest_path, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        int sys = dest ? sqlite3_system_errno(dest) : ENOMEM;
        int rc = err_set(e, ERR_IO, NULL, "cannot create %s: %s", dest_path, strerror(sys ? sys : EIO));
        sqlite3_close(dest);
        return rc;
    }
    sqlite3_backup *b = sqlite3_backup_init(dest, "main", db->handle, "main");
    if (b == NULL) {
        int rc = err_set(e, ERR_IO, NULL, "cannot back up to %s", dest_path);
        sqlite3_close(dest);
        return rc;
    }
    /* One step: the copy reads one snapshot of the database (a WAL read
     * transaction), so writers go on meanwhile and never make it start over. */
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        int r = err_set(e, ERR_IO, NULL, "backup to %s failed (%s)", dest_path,
                        (rc & 0xff) == SQLITE_FULL ? "the disk is full" : "it could not be written");
        sqlite3_close(dest);
        return r;
    }
    sqlite3_close(dest);
    return ERR_OK;
}

int db_check_structure(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    static const char integrity[] = "PRAGMA integrity_check";
    static const char fk[] = "PRAGMA foreign_key_check";
    DB_PREPARE_OR_RETURN(s, integrity);
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(s, 0);
        if (t && strcmp(t, "ok") != 0) {
            strbuf_addf(report, "integrity: %s\n", t);
            (*problems)++;
        }
    }
    sqlite3_reset(s);
    if ((s = db_stmt(db, fk, e)) == NULL)
        return e ? e->code : ERR_INTERNAL;
    while (sqlite3_step(s) == SQLITE_ROW) {
        strbuf_addf(report, "foreign key: %s row %lld refers to a missing %s\n",
                    (const char *)sqlite3_column_text(s, 0), (long long)sqlite3_column_int64(s, 1),
                    (const char *)sqlite3_column_text(s, 2));
        (*problems)++;
    }
    sqlite3_reset(s);
    return ERR_OK;
}

int db_read_rows(struct db *db, sqlite3_stmt *s, db_row_reader *read, void *rows, size_t size, int *count,
                 struct err *e, const char *what)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        read(s, (char *)rows + (size_t)(*count)++ * size);
    return db_step_done(db, s, rc, e, what);
}

int db_page_after_id(struct db *db, const char *sql, int64_t id, int max, db_row_reader *read, void *rows,
                     size_t size, int *count, struct err *e, const char *what)
{
    *count = 0;
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, max);
    return db_read_rows(db, s, read, rows, size, count, e, what);
}
