/* Settings (key/value text) and the named counters behind numbers. */
#include "db/settings_store.h"
#include "db/db_private.h"

int settings_store_get(struct db *db, const char *key, char *out, size_t len, struct err *e)
{
    static const char sql[] = "SELECT value FROM settings WHERE key = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, key);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        db_column_copy(s, 0, out, len);
        sqlite3_reset(s);
        return ERR_OK;
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return err_set(e, ERR_NOTFOUND, key, "no setting '%s'", key);
    return db_fail(db, e, "reading a setting");
}

int settings_store_set(struct db *db, const char *key, const char *value, struct err *e)
{
    static const char sql[] = "INSERT INTO settings(key, value) VALUES (?, ?) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, key);
    db_bind_text(s, 2, value);
    return db_step_done(db, s, sqlite3_step(s), e, "saving a setting");
}

/* An UPDATE ... RETURNING costs SQLite a temporary table per run: the
 * counter is moved, then read, inside one transaction (the caller's, as
 * numbering always is, or its own). */
int counters_store_next(struct db *db, const char *name, int64_t *out, struct err *e)
{
    static const char bump[] = "UPDATE counters SET value = value + 1 WHERE name = ?";
    static const char read[] = "SELECT value FROM counters WHERE name = ?";
    int rc = db_begin(db, e);
    if (rc != ERR_OK)
        return rc;
    sqlite3_stmt *s = db_stmt(db, bump, e);
    if (s == NULL) {
        db_rollback(db);
        return e ? e->code : ERR_INTERNAL;
    }
    db_bind_text(s, 1, name);
    rc = db_step_done(db, s, sqlite3_step(s), e, "numbering");
    if (rc == ERR_OK && sqlite3_changes(db->handle) != 1)
        rc = err_set(e, ERR_INTERNAL, name, "no counter '%s'", name);
    if (rc == ERR_OK && (s = db_stmt(db, read, e)) == NULL)
        rc = e ? e->code : ERR_INTERNAL;
    if (rc == ERR_OK) {
        db_bind_text(s, 1, name);
        int step = sqlite3_step(s);
        if (step == SQLITE_ROW)
            *out = sqlite3_column_int64(s, 0);
        rc = step == SQLITE_ROW ? ERR_OK : db_fail(db, e, "numbering");
        sqlite3_reset(s);
    }
    if (rc != ERR_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, e);
}

int counters_store_raise(struct db *db, const char *name, int64_t at_least, struct err *e)
{
    static const char sql[] = "UPDATE counters SET value = max(value, ?) WHERE name = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, at_least);
    db_bind_text(s, 2, name);
    return db_step_done(db, s, sqlite3_step(s), e, "numbering");
}
