/* The audit log table: append and read back. UPDATE and DELETE are refused by
 * triggers in the schema, so nothing here could change history. */
#include <stdlib.h>
#include <string.h>

#include "db/audit_store.h"
#include "db/db_private.h"

int audit_store_append(struct db *db, const struct audit_entry *a, struct err *e)
{
    static const char sql[] =
        "INSERT INTO audit_log(at, user_id, user_login, action, object_type, object_key, before_json, "
        "after_json) "
        "VALUES (:at, :user_id, :user_login, :action, :object_type, :object_key, :before, :after)";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, db_param(s, ":at"), a->at);
    db_bind_id_or_null(s, db_param(s, ":user_id"), a->user_id);
    db_bind_text(s, db_param(s, ":user_login"), a->user_login);
    db_bind_text(s, db_param(s, ":action"), a->action);
    db_bind_text(s, db_param(s, ":object_type"), a->object_type);
    db_bind_text(s, db_param(s, ":object_key"), a->object_key);
    db_bind_text_or_null(s, db_param(s, ":before"), a->before_json);
    db_bind_text_or_null(s, db_param(s, ":after"), a->after_json);
    return db_step_done(db, s, sqlite3_step(s), e, "writing the audit log");
}

/* A text column as an owned copy, or NULL. */
static const char *owned_text(sqlite3_stmt *s, int col)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    return t ? xstrdup((const char *)t) : NULL;
}

static void entry_from_row(sqlite3_stmt *s, void *row)
{
    struct audit_entry *a = row;
    a->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, a->at, sizeof a->at);
    a->user_id = sqlite3_column_int64(s, 2);
    db_column_copy(s, 3, a->user_login, sizeof a->user_login);
    db_column_copy(s, 4, a->action, sizeof a->action);
    db_column_copy(s, 5, a->object_type, sizeof a->object_type);
    db_column_copy(s, 6, a->object_key, sizeof a->object_key);
    a->before_json = owned_text(s, 7);
    a->after_json = owned_text(s, 8);
}

#define ENTRIES_OF                                                                                           \
    "SELECT id, at, coalesce(user_id, 0), user_login, action, object_type, object_key, before_json, "        \
    "after_json FROM audit_log WHERE object_type = :type AND object_key = :object AND (:after = 0 OR "       \
    "(id, id) "

/* Newest first is the display order of an object's history. */
static const struct db_list_spec entries_of_object = {
    ENTRIES_OF "< (:key, :id)) ORDER BY id DESC",
    ENTRIES_OF "> (:key, :id)) ORDER BY id",
    sizeof(struct audit_entry),
    entry_from_row,
    false,
    "reading the audit log",
};

int audit_store_for_object(struct db *db, const char *object_type, const char *object_key,
                           const struct page_req *q, struct rows *out, struct err *e)
{
    audit_entries_free(out);
    sqlite3_stmt *s = db_list_prepare(db, &entries_of_object, 0, q, e);
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    db_bind_text(s, db_param(s, ":type"), object_type);
    db_bind_text(s, db_param(s, ":object"), object_key);
    return db_list_collect(db, s, &entries_of_object, q, out, e);
}

void audit_entries_free(struct rows *r)
{
    struct audit_entry *a = r->items;
    for (int i = 0; i < r->n; i++) {
        free((char *)a[i].before_json); /* read entries own their texts */
        free((char *)a[i].after_json);
    }
    rows_free(r);
}
