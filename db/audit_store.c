/* The audit log table: append and read back. UPDATE and DELETE are refused by
 * triggers in the schema, so nothing here could change history. */
#include <string.h>

#include "db/db_private.h"
#include "db/audit_store.h"

int audit_store_append(struct db *db, const struct audit_entry *a, struct err *e)
{
    static const char sql[] =
        "INSERT INTO audit_log(at, user_id, user_login, action, object_type, object_key, before_json, after_json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    DB_PREPARE(s, sql);
    db_bind_text(s, 1, a->at);
    db_bind_id_or_null(s, 2, a->user_id);
    db_bind_text(s, 3, a->user_login);
    db_bind_text(s, 4, a->action);
    db_bind_text(s, 5, a->object_type);
    db_bind_text(s, 6, a->object_key);
    db_bind_text_or_null(s, 7, a->before_json);
    db_bind_text_or_null(s, 8, a->after_json);
    return db_step_done(db, s, sqlite3_step(s), e, "writing the audit log");
}

/* Copies a column into the shared buffer and returns a pointer into it. */
static const char *keep_text(sqlite3_stmt *s, int col, char *buf, size_t buflen, size_t *used)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    if (t == NULL)
        return NULL;
    size_t n = (size_t)sqlite3_column_bytes(s, col);
    if (*used + n + 1 > buflen)
        return "";
    char *dst = buf + *used;
    memcpy(dst, t, n);
    dst[n] = '\0';
    *used += n + 1;
    return dst;
}

int audit_store_for_object(struct db *db, const char *object_type, const char *object_key,
                           struct audit_entry *rows, int max, int *count, char *buf, size_t buflen,
                           struct err *e)
{
    static const char sql[] =
        "SELECT id, at, coalesce(user_id, 0), user_login, action, object_type, object_key, before_json, after_json"
        " FROM audit_log WHERE object_type = ? AND object_key = ? ORDER BY id DESC LIMIT ?";
    DB_PREPARE(s, sql);
    db_bind_text(s, 1, object_type);
    db_bind_text(s, 2, object_key);
    sqlite3_bind_int(s, 3, max);
    size_t used = 0;
    int n = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < max) {
        struct audit_entry *a = &rows[n++];
        memset(a, 0, sizeof *a);
        a->id = sqlite3_column_int64(s, 0);
        db_column_copy(s, 1, a->at, sizeof a->at);
        a->user_id = sqlite3_column_int64(s, 2);
        db_column_copy(s, 3, a->user_login, sizeof a->user_login);
        db_column_copy(s, 4, a->action, sizeof a->action);
        db_column_copy(s, 5, a->object_type, sizeof a->object_type);
        db_column_copy(s, 6, a->object_key, sizeof a->object_key);
        a->before_json = keep_text(s, 7, buf, buflen, &used);
        a->after_json = keep_text(s, 8, buf, buflen, &used);
    }
    sqlite3_reset(s);
    *count = n;
    return (rc == SQLITE_ROW || rc == SQLITE_DONE) ? ERR_OK : db_fail(db, e, "reading the audit log");
}
