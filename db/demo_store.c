/* The one write the demo generator needs that the order store does not offer:
 * back-dated status histories, so a year of demo orders looks lived. Real
 * orders move through order_store_set_status, which stamps the present. */
#include <string.h>

#include "db_private.h"

static int demo_store_event(struct db *db, int64_t order_id, const struct order_event *ev,
                            int64_t user_id, struct err *e)
{
    static const char sql[] =
        "INSERT INTO order_status_history(order_id, from_status, to_status, at, user_id, note)"
        " VALUES (?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *s = db_stmt(db, sql, e);
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    sqlite3_bind_int64(s, 1, order_id);
    db_bind_text_or_null(s, 2, ev->from_status[0] ? ev->from_status : NULL);
    db_bind_text(s, 3, ev->to_status);
    db_bind_text(s, 4, ev->at);
    db_bind_id_or_null(s, 5, user_id);
    db_bind_text(s, 6, ev->note);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? ERR_OK : db_fail(db, e, "recording a demo order's history");
}

static int demo_store_set_status(struct db *db, struct order *o, const char *status, int moves,
                                 struct err *e)
{
    static const char sql[] = "UPDATE orders SET status = ?, version = version + ? WHERE id = ?";
    sqlite3_stmt *s = db_stmt(db, sql, e);
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    db_bind_text(s, 1, status);
    sqlite3_bind_int(s, 2, moves);
    sqlite3_bind_int64(s, 3, o->id);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(db, e, "moving a demo order");
    o->version += moves;
    return order_status_parse(status, &o->status) == ERR_OK
               ? ERR_OK
               : err_set(e, ERR_INTERNAL, "status", "unknown status '%s'", status);
}

int demo_store_order_history(struct db *db, struct order *o, const struct order_event *events, int n,
                             int64_t user_id, struct err *e)
{
    if (n <= 0)
        return ERR_OK;
    int rc = db_begin(db, e);
    for (int i = 0; rc == ERR_OK && i < n; i++)
        rc = demo_store_event(db, o->id, &events[i], user_id, e);
    if (rc == ERR_OK)
        rc = demo_store_set_status(db, o, events[n - 1].to_status, n, e);
    if (rc != ERR_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, e);
}
