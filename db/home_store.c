/* What the Home screen counts and sums: open quotes, the approval queue's
 * length, orders placed since a time, open orders, and sales per day and
 * channel over a time range (the core asks once per local day). Each is one aggregate query over an index
 * (quotes_owner, orders_placed_sales, orders_status_account, accounts_id_rep
 * of migration 0006), answered from the index alone: nothing is loaded row
 * by row into C, and no order's table row is read. */
#include <stdio.h>
#include <string.h>

#include "db/db_private.h"
#include "db/home_store.h"
#include "db/model/order.h"
#include "db/model/quote.h"

/* Orders a rep may see: those they placed and the orders of their own
 * accounts. A look-up by primary key per order: an IN (SELECT …) list would
 * be rebuilt from every account of the rep at each execution. */
#define VISIBLE_TO(rep)                                                                                      \
    "(" rep " = 0 OR o.created_by = " rep                                                                    \
    " OR (SELECT a.rep_id FROM accounts a INDEXED BY accounts_id_rep WHERE a.id = o.account_id) = " rep ") "

static int count_one(struct db *db, sqlite3_stmt *s, int64_t *out, struct err *e, const char *what)
{
    int rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? ERR_OK : db_fail(db, e, what);
}

int home_store_count_quotes(struct db *db, int64_t owner_id, unsigned statuses, int64_t *out, struct err *e)
{
    static const char sql[] =
        "SELECT count(*) FROM quotes WHERE owner_id = ? AND status IN (SELECT value FROM json_each(?))";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, owner_id);
    db_bind_name_set(s, 2, statuses, quote_status_names, QUOTE_STATUS_COUNT);
    return count_one(db, s, out, e, "counting open quotes");
}

int home_store_count_awaiting(struct db *db, int64_t user_id, int64_t *out, struct err *e)
{
    /* the same condition as the queue's filter in quote_store.c */
    static const char sql[] =
        "SELECT count(*) FROM quotes q JOIN quote_revisions r ON r.quote_id = q.id AND r.number = q.revision "
        "WHERE q.status = 'pending' AND q.owner_id <> ?1 AND NOT EXISTS (SELECT 1 FROM quote_approvals x "
        "WHERE x.revision_id = r.id AND x.approver_id = ?1 AND x.superseded_at IS NULL)";
    sqlite3_stmt *s = db_stmt(db, sql, e);
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    sqlite3_bind_int64(s, 1, user_id);
    return count_one(db, s, out, e, "counting the approval queue");
}

int home_store_count_refunds_waiting(struct db *db, int64_t *out, struct err *e)
{
    /* the same condition as refund_store_waiting's in return_store.c */
    static const char sql[] =
        "SELECT count(*) FROM refunds f WHERE f.needs_approval = 1 AND f.decision IS NULL";
    DB_PREPARE_OR_RETURN(s, sql);
    return count_one(db, s, out, e, "counting the refunds waiting");
}

/* Two statements each: without a rep the count is answered from the index alone. */
int home_store_count_orders_since(struct db *db, const char *since_utc, int64_t rep_id, int64_t *out,
                                  struct err *e)
{
    static const char all[] = "SELECT count(*) FROM orders o WHERE o.placed_at >= ?1";
    static const char rep[] = "SELECT count(*) FROM orders o WHERE o.placed_at >= ?1 AND " VISIBLE_TO("?2");
    sqlite3_stmt *s = db_stmt(db, rep_id ? rep : all, e);
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    db_bind_text(s, 1, since_utc);
    if (rep_id)
        sqlite3_bind_int64(s, 2, rep_id);
    return count_one(db, s, out, e, "counting today's orders");
}

int home_store_count_open_orders(struct db *db, int64_t rep_id, unsigned statuses, int64_t *out,
                                 struct err *e)
{
    static const char all[] =
        "SELECT count(*) FROM orders o WHERE o.status IN (SELECT value FROM json_each(?2))";
    static const char rep[] = "SELECT count(*) FROM orders o INDEXED BY orders_status_account "
                              "WHERE o.status IN (SELECT value FROM json_each(?2)) "
                              "AND " VISIBLE_TO("?1");
    sqlite3_stmt *s = db_stmt(db, rep_id ? rep : all, e);
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    if (rep_id)
        sqlite3_bind_int64(s, 1, rep_id);
    db_bind_name_set(s, 2, statuses, order_status_names, ORDER_STATUS_COUNT);
    return count_one(db, s, out, e, "counting open orders");
}

int home_store_sales_between(struct db *db, const char *from_utc, const char *to_utc, int64_t rep_id,
                             struct sales_sum *out, struct err *e)
{
    /* a range on the covering orders_placed_sales and no GROUP BY (whose sorter would cost more
     * than the sums): the core asks once per local day */
    static const char sql[] =
        "SELECT coalesce(sum(CASE WHEN o.channel = 'b2b' THEN o.subtotal ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN o.channel = 'b2c' THEN o.subtotal ELSE 0 END), 0), count(*) "
        "FROM orders o INDEXED BY orders_placed_sales WHERE o.placed_at >= ?1 AND o.placed_at < ?2 "
        "AND o.status <> 'cancelled' AND " VISIBLE_TO("?3");
    sqlite3_stmt *s = db_stmt(db, sql, e);
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    db_bind_text(s, 1, from_utc);
    db_bind_text(s, 2, to_utc);
    sqlite3_bind_int64(s, 3, rep_id);
    int rc = sqlite3_step(s);
    memset(out, 0, sizeof *out);
    if (rc == SQLITE_ROW) {
        out->b2b = sqlite3_column_int64(s, 0);
        out->b2c = sqlite3_column_int64(s, 1);
        out->orders = sqlite3_column_int64(s, 2);
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? ERR_OK : db_fail(db, e, "summing sales");
}
