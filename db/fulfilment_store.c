/* The warehouse's lists, the on-time rate, packing instructions and the
 * checks of fulfilment (see the header). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db/db_private.h"
#include "db/fulfilment_store.h"

/* ------------------------------------------------------------ the lists */

/* Every list selects the same columns: id, number, units ready, waiting
 * and shipped, then its keyset (num, text); the cursor is made from the
 * order the core reads (its method and promise). */
/* clang-format off */
#define LIST_COLS \
    "SELECT o.id, o.number," \
    " (SELECT coalesce(sum(allocated_qty), 0) FROM order_lines WHERE order_id = o.id)," \
    " (SELECT coalesce(sum(backorder_qty), 0) FROM order_lines WHERE order_id = o.id)," \
    " (SELECT coalesce(sum(shipped_qty), 0) FROM order_lines WHERE order_id = o.id),"
#define OPEN_STATUSES "o.status IN ('placed', 'allocated', 'partially_shipped', 'shipped')"
#define RANK "CASE o.shipping_method WHEN 'express' THEN 0 ELSE 1 END"
#define DUE "coalesce(o.promised_date, '9999-12-31')"

static const char *const list_sql[] = {
    [FULFIL_TO_SHIP] = LIST_COLS " " RANK ", " DUE " FROM orders o"
        " WHERE o.status IN ('placed', 'allocated', 'partially_shipped')"
        " AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.allocated_qty > 0)"
        " AND (:after = 0 OR (" RANK ", " DUE ", o.id) > (:num, :key, :id))"
        " ORDER BY " RANK ", " DUE ", o.id LIMIT :limit",
    [FULFIL_LATE] = LIST_COLS " 0, o.promised_date FROM orders o"
        " WHERE " OPEN_STATUSES " AND o.promised_date < :today"
        " AND (:after = 0 OR (o.promised_date, o.id) > (:key, :id))"
        " ORDER BY o.promised_date, o.id LIMIT :limit",
    [FULFIL_SLIPPING] = LIST_COLS " 0, o.promised_date FROM orders o"
        " WHERE " OPEN_STATUSES " AND o.promised_date IS NOT NULL"
        " AND (o.promised_date > o.first_promised_date OR o.promised_date < :today)"
        " AND (:owner = 0 OR o.rep_id = :owner)"
        " AND (:after = 0 OR (o.promised_date, o.id) > (:key, :id))"
        " ORDER BY o.promised_date, o.id LIMIT :limit",
    [FULFIL_OPEN] = LIST_COLS " 0, " DUE " FROM orders o"
        " WHERE o.account_id = :owner AND " OPEN_STATUSES
        " AND (:after = 0 OR (" DUE ", o.id) > (:key, :id))"
        " ORDER BY " DUE ", o.id LIMIT :limit",
};
/* clang-format on */

static void list_row(sqlite3_stmt *s, void *row)
{
    struct fulfilment_row *r = row;
    memset(r, 0, sizeof *r);
    r->order.id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, r->order.number, sizeof r->order.number);
    r->ready = sqlite3_column_int64(s, 2);
    r->waiting = sqlite3_column_int64(s, 3);
    r->shipped = sqlite3_column_int64(s, 4);
    db_column_copy(s, 6, r->order.promised_date, sizeof r->order.promised_date);
}

int fulfilment_store_page(struct db *db, enum fulfilment_list list, const char *today,
                          const struct page_req *q, struct fulfilment_row *rows, int *count, struct err *e)
{
    *count = 0;
    if ((int)list < 0 || list > FULFIL_OPEN)
        return err_set(e, ERR_INVALID, NULL, "no such list");
    DB_PREPARE_OR_RETURN(s, list_sql[list]);
    bool after = q->has_cursor;
    sqlite3_bind_int(s, db_param(s, ":after"), after);
    sqlite3_bind_int64(s, db_param_if(s, ":num"), after ? q->cursor.num : 0);
    db_bind_text(s, db_param(s, ":key"), after ? q->cursor.text : "");
    sqlite3_bind_int64(s, db_param(s, ":id"), after ? q->cursor.id : 0);
    sqlite3_bind_int(s, db_param(s, ":limit"), db_page_limit(q));
    db_bind_text(s, db_param_if(s, ":today"), today);
    sqlite3_bind_int64(s, db_param_if(s, ":owner"), q->owner_id);
    return db_read_rows(db, s, list_row, rows, sizeof *rows, count, e, "reading the warehouse's orders");
}

int fulfilment_store_count_slipping(struct db *db, const char *today, int64_t rep_id, int64_t *count,
                                    struct err *e)
{
    static const char sql[] =
        "SELECT count(*) FROM orders o WHERE " OPEN_STATUSES " AND o.promised_date IS NOT NULL"
        " AND (o.promised_date > o.first_promised_date OR o.promised_date < ?1)"
        " AND (?2 = 0 OR o.rep_id = ?2)";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, today);
    sqlite3_bind_int64(s, 2, rep_id);
    int rc = sqlite3_step(s);
    *count = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    return db_step_done(db, s, rc, e, "counting promises that slipped");
}

void fulfilment_store_cursor(enum fulfilment_list list, const struct fulfilment_row *r, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    bool express = strcmp(r->order.shipping_method, "express") == 0;
    c->num = list == FULFIL_TO_SHIP && !express ? 1 : 0;
    snprintf(c->text, sizeof c->text, "%s",
             r->order.promised_date[0] || list == FULFIL_LATE || list == FULFIL_SLIPPING
                 ? r->order.promised_date
                 : "9999-12-31");
    c->id = r->order.id;
}

/* --------------------------------------------------------- order find */

/* The placed_at bounds keep the walk on orders_placed within the window
 * (a day either side: placed_day is local); placed_day decides exactly. */
/* clang-format off */
static const char find_sql[] =
    "SELECT o.id FROM orders o"
    " WHERE o.placed_at >= :from_at AND o.placed_at < :to_at"
    " AND (:after = 0 OR (o.placed_at, o.id) < (:key, :id))"
    " AND (:status IS NULL OR o.status = :status) AND (:channel IS NULL OR o.channel = :channel)"
    " AND (:from = '' OR o.placed_day >= :from) AND (:to = '' OR o.placed_day <= :to)"
    " AND (:late = 0 OR (" OPEN_STATUSES " AND o.promised_date < :today)"
    "  OR o.delivered_day > o.first_promised_date)"
    " ORDER BY o.placed_at DESC, o.id DESC LIMIT :limit";
/* clang-format on */

/* A day before (delta -1) or two after (+2) a date, as a stored time's prefix. */
static void find_bound(const char *day, int delta, const char *open, char out[32])
{
    int y = 0, m = 0, d = 0;
    if (day[0] == '\0' || sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3) {
        snprintf(out, 32, "%s", open);
        return;
    }
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + delta, .tm_hour = 12};
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT00:00:00Z", &tm);
}

int fulfilment_store_find(struct db *db, const struct order_where *w, const struct page_req *q, int64_t *ids,
                          int max, int *count, struct err *e)
{
    *count = 0;
    DB_PREPARE_OR_RETURN(s, find_sql);
    char from_at[32], to_at[32];
    find_bound(w->from, -1, "0000", from_at);
    find_bound(w->to, 2, "9999", to_at);
    db_bind_text(s, db_param(s, ":from_at"), from_at);
    db_bind_text(s, db_param(s, ":to_at"), to_at);
    sqlite3_bind_int(s, db_param(s, ":after"), q->has_cursor);
    db_bind_text(s, db_param(s, ":key"), q->has_cursor ? q->cursor.text : "");
    sqlite3_bind_int64(s, db_param(s, ":id"), q->has_cursor ? q->cursor.id : 0);
    if (w->status >= 0)
        db_bind_text(s, db_param(s, ":status"), order_status_name((enum order_status)w->status));
    if (w->channel >= 0)
        db_bind_text(s, db_param(s, ":channel"), channel_name((enum channel)w->channel));
    db_bind_text(s, db_param(s, ":from"), w->from);
    db_bind_text(s, db_param(s, ":to"), w->to);
    sqlite3_bind_int(s, db_param(s, ":late"), w->late);
    db_bind_text(s, db_param(s, ":today"), w->today);
    sqlite3_bind_int(s, db_param(s, ":limit"), max);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && *count < max)
        ids[(*count)++] = sqlite3_column_int64(s, 0);
    return db_step_done(db, s, rc == SQLITE_ROW ? SQLITE_DONE : rc, e, "finding orders");
}

/* ------------------------------------------------------------- on time */

static void ontime_row(sqlite3_stmt *s, void *row)
{
    struct ontime_row *r = row;
    memset(r, 0, sizeof *r);
    r->account_id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, r->code, sizeof r->code);
    db_column_copy(s, 2, r->name, sizeof r->name);
    r->delivered = sqlite3_column_int64(s, 3);
    r->on_time = sqlite3_column_int64(s, 4);
}

int fulfilment_store_ontime(struct db *db, const char *from, const char *to, int64_t account_id,
                            int64_t rep_id, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT coalesce(o.account_id, 0), coalesce(a.code, ''), coalesce(a.name, ''), count(*),"
        " sum(o.delivered_day <= o.first_promised_date)"
        " FROM orders o LEFT JOIN accounts a ON a.id = o.account_id"
        " WHERE o.delivered_day >= :from AND o.delivered_day <= :to AND o.first_promised_date IS NOT NULL"
        " AND (:account = 0 OR o.account_id = :account) AND (:rep = 0 OR o.rep_id = :rep)"
        " GROUP BY coalesce(o.account_id, 0) ORDER BY coalesce(o.account_id, 0) <> 0, a.code";
    rows_reset(out, sizeof(struct ontime_row));
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, db_param(s, ":from"), from);
    db_bind_text(s, db_param(s, ":to"), to);
    sqlite3_bind_int64(s, db_param(s, ":account"), account_id);
    sqlite3_bind_int64(s, db_param(s, ":rep"), rep_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        ontime_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading deliveries");
}

/* ------------------------------------------------------------ packing */

int fulfilment_store_packing(struct db *db, int64_t account_id, struct account_packing *out, struct err *e)
{
    static const char sql[] = "SELECT packing_instructions, requires_po FROM accounts WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, account_id);
    memset(out, 0, sizeof *out);
    out->account_id = account_id;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        db_column_copy(s, 0, out->instructions, sizeof out->instructions);
        out->requires_po = sqlite3_column_int(s, 1) != 0;
        rc = sqlite3_step(s);
    } else if (rc == SQLITE_DONE) {
        sqlite3_reset(s);
        return err_set(e, ERR_NOTFOUND, "account", "no such account");
    }
    return db_step_done(db, s, rc, e, "reading packing instructions");
}

int fulfilment_store_set_packing(struct db *db, const struct account_packing *p, struct err *e)
{
    static const char sql[] = "UPDATE accounts SET packing_instructions = ?2, requires_po = ?3, "
                              "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), version = version + 1 "
                              "WHERE id = ?1";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, p->account_id);
    db_bind_text(s, 2, p->instructions);
    sqlite3_bind_int(s, 3, p->requires_po ? 1 : 0);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "saving packing instructions");
    if (rc == ERR_OK && sqlite3_changes(db->handle) == 0)
        rc = err_set(e, ERR_NOTFOUND, "account", "no such account");
    return rc;
}

/* -------------------------------------------------------------- check */

/* Each statement yields one text column per problem: the report's line. */
/* clang-format off */
static const char check_stock[] =
    "SELECT 'product ' || p.sku || ': ' || p.stock_on_hand || ' on hand, but its moves add up to '"
    " || coalesce(m.total, 0) || (CASE WHEN p.stock_moved <> coalesce(m.total, 0)"
    "  THEN ' (it counts ' || p.stock_moved || ')' ELSE '' END)"
    " FROM products p LEFT JOIN (SELECT product_id, sum(on_hand_delta) AS total FROM stock_moves"
    "  GROUP BY product_id) m ON m.product_id = p.id"
    " WHERE p.stock_on_hand <> coalesce(m.total, 0) OR p.stock_moved <> coalesce(m.total, 0) ORDER BY p.sku";
static const char check_shipped[] =
    "SELECT 'order ' || o.number || ' line ' || l.line_no || ': ' || l.shipped_qty"
    " || ' shipped, but its shipments carry ' || coalesce(s.units, 0)"
    " FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " LEFT JOIN (SELECT order_line_id, sum(quantity) AS units FROM shipment_lines GROUP BY order_line_id) s"
    "  ON s.order_line_id = l.id"
    " WHERE l.kind = 'goods' AND l.shipped_qty <> coalesce(s.units, 0)"
    " AND ((o.id >= :since AND o.source <> 'import')"
    "  OR EXISTS (SELECT 1 FROM shipments WHERE order_id = o.id))"
    " ORDER BY o.number, l.line_no";
static const char check_status[] =
    "SELECT 'order ' || number || ' is ' || status || ' but ' || allocated || ' units are allocated, '"
    " || waiting || ' waiting, ' || shipped || ' shipped' FROM ("
    " SELECT o.number, o.status, sum(l.allocated_qty) AS allocated, sum(l.backorder_qty) AS waiting,"
    "  sum(l.shipped_qty) AS shipped"
    "  FROM orders o JOIN order_lines l ON l.order_id = o.id AND l.kind = 'goods'"
    "  GROUP BY o.id)"
    " WHERE CASE status"
    "  WHEN 'placed' THEN shipped <> 0 OR waiting = 0"
    "  WHEN 'allocated' THEN shipped <> 0 OR waiting <> 0 OR allocated = 0"
    "  WHEN 'partially_shipped' THEN shipped = 0 OR allocated + waiting = 0"
    "  WHEN 'cancelled' THEN allocated + waiting + shipped <> 0"
    "  ELSE allocated + waiting <> 0 OR shipped = 0 END"
    " ORDER BY number";
static const char check_delivered[] =
    "SELECT 'order ' || o.number || ' is ' || o.status || CASE WHEN o.status IN ('delivered', 'closed')"
    "  THEN ' but a shipment is still on its way' ELSE ' but every shipment was delivered' END"
    " FROM orders o WHERE EXISTS (SELECT 1 FROM shipments WHERE order_id = o.id) AND CASE"
    "  WHEN o.status IN ('delivered', 'closed')"
    "   THEN EXISTS (SELECT 1 FROM shipments WHERE order_id = o.id AND delivered_at IS NULL)"
    "  WHEN o.status = 'shipped'"
    "   THEN NOT EXISTS (SELECT 1 FROM shipments WHERE order_id = o.id AND delivered_at IS NULL)"
    "  ELSE 0 END ORDER BY o.number";
/* clang-format on */

static int check_run(struct db *db, const char *sql, int64_t since, struct strbuf *report, int *problems,
                     struct err *e)
{
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param_if(s, ":since"), since);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        strbuf_addf(report, "%s\n", (const char *)sqlite3_column_text(s, 0));
        (*problems)++;
    }
    return db_step_done(db, s, rc, e, "checking fulfilment");
}

int fulfilment_store_check(struct db *db, int64_t since_order_id, struct strbuf *report, int *problems,
                           struct err *e)
{
    const char *const checks[] = {check_stock, check_shipped, check_status, check_delivered};
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        int rc = check_run(db, checks[i], since_order_id, report, problems, e);
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

/* --------------------------------------------------------------- demo */

/* Carriers by channel and method; tracking numbers from the order's id. */
/* clang-format off */
static const char demo_shipments[] =
    "INSERT INTO shipments(order_id, seq, carrier, tracking, parcels, shipped_at, shipped_by, delivered_at,"
    " delivered_day, delivered_by)"
    " SELECT o.id, 1,"
    "  CASE WHEN o.channel = 'b2b' THEN (CASE o.id % 3 WHEN 0 THEN 'DHL Freight' ELSE 'Geodis' END)"
    "   WHEN o.shipping_method = 'express' THEN 'Chronopost'"
    "   WHEN o.shipping_method = 'pickup' THEN 'Store pickup'"
    "   ELSE 'Colissimo' END,"
    "  CASE WHEN o.shipping_method = 'pickup' THEN '' ELSE printf('%s%010d',"
    "   CASE o.channel WHEN 'b2b' THEN 'JD' ELSE '6A' END, (o.id * 7919 + 104729) % 10000000000) END,"
    "  CASE o.channel WHEN 'b2b' THEN 1 + o.id % 4 ELSE 1 END, s.at, s.user_id, d.at,"
    "  CASE WHEN d.at IS NOT NULL THEN date(d.at, 'localtime') END, d.user_id"
    " FROM orders o"
    " JOIN order_status_history s ON s.order_id = o.id AND s.to_status = 'shipped'"
    " LEFT JOIN order_status_history d ON d.order_id = o.id AND d.to_status = 'delivered'"
    " WHERE o.source = 'demo' AND o.status IN ('shipped', 'delivered', 'closed')"
    " AND NOT EXISTS (SELECT 1 FROM shipments WHERE order_id = o.id)";
static const char demo_lines[] =
    "INSERT INTO shipment_lines(shipment_id, order_line_id, quantity)"
    " SELECT s.id, l.id, l.shipped_qty FROM shipments s JOIN orders o ON o.id = s.order_id"
    " JOIN order_lines l ON l.order_id = s.order_id"
    " WHERE o.source = 'demo' AND l.kind = 'goods' AND l.shipped_qty > 0";
static const char demo_delivered[] =
    "UPDATE orders SET delivered_at = s.delivered_at, delivered_day = s.delivered_day"
    " FROM shipments s WHERE s.order_id = orders.id AND s.delivered_at IS NOT NULL"
    " AND orders.source = 'demo' AND orders.delivered_at IS NULL";
/* clang-format on */

int fulfilment_store_demo_history(struct db *db, struct err *e)
{
    const char *const statements[] = {demo_shipments, demo_lines, demo_delivered};
    for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++) {
        DB_PREPARE_OR_RETURN(s, statements[i]);
        int rc = db_step_done(db, s, sqlite3_step(s), e, "writing the demo's shipments");
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

int fulfilment_store_demo_orders(struct db *db, const char *status, int min_lines, int limit,
                                 struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT o.number FROM orders o WHERE o.status = ?1 AND o.source = 'demo' AND o.channel = 'b2b'"
        " AND (SELECT count(*) FROM order_lines WHERE order_id = o.id AND kind = 'goods') >= ?2"
        " ORDER BY o.placed_at DESC LIMIT ?3";
    rows_reset(out, 33);
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, status);
    sqlite3_bind_int(s, 2, min_lines);
    sqlite3_bind_int(s, 3, limit);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        db_column_copy(s, 0, rows_add(out), 33);
    return db_step_done(db, s, rc, e, "choosing demo orders");
}
