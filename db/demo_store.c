/* The one write the demo generator needs that the order store does not offer:
 * back-dated status histories, so a year of demo orders looks lived. Real
 * orders move through order_store_set_status, which stamps the present. */
#include <string.h>

#include "db/db_private.h"
#include "db/demo_store.h"
#include "db/order_store.h"

static int demo_store_set_status(struct db *db, struct order *o, const char *status, int moves, struct err *e)
{
    static const char sql[] = "UPDATE orders SET status = ?, version = version + ? WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
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
        rc = order_store_add_event(db, o->id, events[i].from_status[0] ? events[i].from_status : NULL,
                                   events[i].to_status, events[i].at, user_id, events[i].note, e);
    if (rc == ERR_OK)
        rc = demo_store_set_status(db, o, events[n - 1].to_status, n, e);
    if (rc != ERR_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, e);
}

int demo_store_since(struct db *db, enum demo_since kind, int64_t id, const char *at, struct err *e)
{
    static const char *const sql[] = {
        [DEMO_SINCE_CUSTOMER] = "UPDATE customers SET created_at = ?1, updated_at = ?1 WHERE id = ?2",
        [DEMO_SINCE_ACCOUNT] = "UPDATE accounts SET created_at = ?1, updated_at = ?1 WHERE id = ?2",
    };
    DB_PREPARE_OR_RETURN(s, sql[kind]);
    db_bind_text(s, 1, at);
    sqlite3_bind_int64(s, 2, id);
    return db_step_done(db, s, sqlite3_step(s), e, "dating a demo customer");
}

/* A large demo writes gigabytes. While it runs: a page cache in the hundreds
 * of megabytes keeps the indexes in memory, and WAL's synchronous=NORMAL
 * syncs at checkpoints only (still safe from corruption; a crash loses at
 * most the batch in progress, and a demo can be made again). After: the
 * connection's usual settings from db_open. */
int demo_store_bulk_mode(struct db *db, bool on, struct err *e)
{
    static const char normal_sync[] = "PRAGMA synchronous = NORMAL";
    static const char full_sync[] = "PRAGMA synchronous = FULL";
    int rc = db_bulk_cache(db, on, e);
    if (rc != ERR_OK)
        return rc;
    DB_PREPARE_OR_RETURN(s, on ? normal_sync : full_sync);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? ERR_OK : db_fail(db, e, "setting up a bulk write");
}
