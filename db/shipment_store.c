/* Shipments and the unit counters of order lines (see the header): each
 * change a single statement, each limit a conditional UPDATE. */
#include <stdio.h>
#include <string.h>

#include "db/db_private.h"
#include "db/shipment_store.h"

int shipment_store_next_seq(struct db *db, int64_t order_id, int *seq, struct err *e)
{
    static const char sql[] = "SELECT coalesce(max(seq), 0) + 1 FROM shipments WHERE order_id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    int rc = sqlite3_step(s);
    *seq = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 1;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    return db_step_done(db, s, rc, e, "numbering a shipment");
}

int shipment_store_insert(struct db *db, struct shipment *sh, struct err *e)
{
    static const char sql[] =
        "INSERT INTO shipments(order_id, seq, carrier, tracking, parcels, shipped_at, shipped_by) "
        "VALUES (:order_id, :seq, :carrier, :tracking, :parcels, :shipped_at, :shipped_by)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":order_id"), sh->order_id);
    sqlite3_bind_int(s, db_param(s, ":seq"), sh->seq);
    db_bind_text(s, db_param(s, ":carrier"), sh->carrier);
    db_bind_text(s, db_param(s, ":tracking"), sh->tracking);
    sqlite3_bind_int(s, db_param(s, ":parcels"), sh->parcels);
    db_bind_text(s, db_param(s, ":shipped_at"), sh->shipped_at);
    db_bind_id_or_null(s, db_param(s, ":shipped_by"), sh->shipped_by);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "recording a shipment");
    if (rc == ERR_OK)
        sh->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

int shipment_store_add_line(struct db *db, int64_t shipment_id, int64_t order_line_id, int64_t quantity,
                            struct err *e)
{
    static const char sql[] =
        "INSERT INTO shipment_lines(shipment_id, order_line_id, quantity) VALUES (?, ?, ?)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, shipment_id);
    sqlite3_bind_int64(s, 2, order_line_id);
    sqlite3_bind_int64(s, 3, quantity);
    return db_step_done(db, s, sqlite3_step(s), e, "recording a shipment line");
}

static void shipment_row(sqlite3_stmt *s, void *row)
{
    struct shipment *sh = row;
    memset(sh, 0, sizeof *sh);
    sh->id = sqlite3_column_int64(s, 0);
    sh->order_id = sqlite3_column_int64(s, 1);
    sh->seq = sqlite3_column_int(s, 2);
    db_column_copy(s, 3, sh->carrier, sizeof sh->carrier);
    db_column_copy(s, 4, sh->tracking, sizeof sh->tracking);
    sh->parcels = sqlite3_column_int(s, 5);
    db_column_copy(s, 6, sh->shipped_at, sizeof sh->shipped_at);
    sh->shipped_by = sqlite3_column_int64(s, 7);
    db_column_copy(s, 8, sh->delivered_at, sizeof sh->delivered_at);
    db_column_copy(s, 9, sh->delivered_day, sizeof sh->delivered_day);
    sh->delivered_by = sqlite3_column_int64(s, 10);
    db_column_copy(s, 11, sh->shipped_by_login, sizeof sh->shipped_by_login);
    sh->units = sqlite3_column_int64(s, 12);
}

int shipment_store_list(struct db *db, int64_t order_id, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT s.id, s.order_id, s.seq, s.carrier, s.tracking, s.parcels, s.shipped_at,"
        " coalesce(s.shipped_by, 0), coalesce(s.delivered_at, ''), coalesce(s.delivered_day, ''),"
        " coalesce(s.delivered_by, 0), coalesce(u.login, ''),"
        " (SELECT coalesce(sum(quantity), 0) FROM shipment_lines WHERE shipment_id = s.id)"
        " FROM shipments s LEFT JOIN users u ON u.id = s.shipped_by WHERE s.order_id = ? ORDER BY s.seq";
    rows_reset(out, sizeof(struct shipment));
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        shipment_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading shipments");
}

static void shipment_line_row(sqlite3_stmt *s, void *row)
{
    struct shipment_line *l = row;
    memset(l, 0, sizeof *l);
    l->shipment_id = sqlite3_column_int64(s, 0);
    l->order_line_id = sqlite3_column_int64(s, 1);
    l->quantity = sqlite3_column_int64(s, 2);
    l->line_no = sqlite3_column_int(s, 3);
    db_column_copy(s, 4, l->sku, sizeof l->sku);
    db_column_copy(s, 5, l->description, sizeof l->description);
    l->ordered = sqlite3_column_int64(s, 6);
    l->shipped = sqlite3_column_int64(s, 7);
    l->cancelled = sqlite3_column_int64(s, 8);
}

int shipment_store_lines(struct db *db, int64_t shipment_id, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT sl.shipment_id, sl.order_line_id, sl.quantity, l.line_no, l.sku, l.description, l.quantity,"
        " l.shipped_qty, l.cancelled_qty FROM shipment_lines sl JOIN order_lines l ON l.id = sl.order_line_id"
        " WHERE sl.shipment_id = ? ORDER BY l.line_no";
    rows_reset(out, sizeof(struct shipment_line));
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, shipment_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        shipment_line_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading a shipment's lines");
}

int shipment_store_deliver(struct db *db, int64_t shipment_id, const char *at, const char *day,
                           int64_t user_id, bool *done, struct err *e)
{
    static const char sql[] = "UPDATE shipments SET delivered_at = ?2, delivered_day = ?3, delivered_by = ?4 "
                              "WHERE id = ?1 AND delivered_at IS NULL";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, shipment_id);
    db_bind_text(s, 2, at);
    db_bind_text(s, 3, day);
    db_bind_id_or_null(s, 4, user_id);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "recording a delivery");
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

int shipment_store_order_delivered(struct db *db, int64_t order_id, struct err *e)
{
    static const char sql[] =
        "UPDATE orders SET (delivered_at, delivered_day) = (SELECT delivered_at, delivered_day FROM shipments"
        " WHERE order_id = ?1 AND delivered_at IS NOT NULL ORDER BY delivered_at DESC, seq DESC LIMIT 1),"
        " version = version + 1 WHERE id = ?1";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    return db_step_done(db, s, sqlite3_step(s), e, "recording an order's delivery");
}

/* Runs a conditional UPDATE binding ?1 an id and ?2, ?3, ?4 (when the
 * statement has them); *done says it changed one row. */
static int conditional(struct db *db, const char *sql, int64_t id, const int64_t *v, int nv, bool *done,
                       struct err *e, const char *what)
{
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    for (int i = 0; i < nv; i++)
        sqlite3_bind_int64(s, i + 2, v[i]);
    int rc = db_step_done(db, s, sqlite3_step(s), e, what);
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

int order_line_store_ship(struct db *db, int64_t line_id, int64_t qty, bool *done, struct err *e)
{
    static const char sql[] = "UPDATE order_lines SET shipped_qty = shipped_qty + ?2, "
                              "allocated_qty = allocated_qty - ?2 WHERE id = ?1 AND allocated_qty >= ?2";
    return conditional(db, sql, line_id, &qty, 1, done, e, "shipping an order line");
}

int order_line_store_cancel(struct db *db, int64_t line_id, int64_t allocated, int64_t waiting, bool *done,
                            struct err *e)
{
    static const char sql[] =
        "UPDATE order_lines SET cancelled_qty = cancelled_qty + ?2 + ?3, allocated_qty = 0 "
        "WHERE id = ?1 AND allocated_qty = ?2 AND backorder_qty = ?3";
    const int64_t v[] = {allocated, waiting};
    return conditional(db, sql, line_id, v, 2, done, e, "cancelling an order line");
}

int order_line_store_credit(struct db *db, int64_t line_id, int64_t units, int64_t amount, int64_t tax,
                            bool *done, struct err *e)
{
    static const char sql[] =
        "UPDATE order_lines SET refunded_qty = refunded_qty + ?2, refunded_amount = refunded_amount + ?3, "
        "refunded_tax = refunded_tax + ?4 WHERE id = ?1 AND refunded_qty + ?2 <= "
        "CASE kind WHEN 'goods' THEN returned_qty + cancelled_qty ELSE quantity END "
        "AND refunded_amount + ?3 <= total_amount AND refunded_tax + ?4 <= tax_amount";
    const int64_t v[] = {units, amount, tax};
    return conditional(db, sql, line_id, v, 3, done, e, "crediting an order line");
}

int order_store_add_refund(struct db *db, int64_t order_id, int64_t amount, bool *done, struct err *e)
{
    static const char sql[] = "UPDATE orders SET refunded_total = refunded_total + ?2, version = version + 1 "
                              "WHERE id = ?1 AND refunded_total + ?2 <= paid_total";
    return conditional(db, sql, order_id, &amount, 1, done, e, "refunding an order");
}

int account_store_credit(struct db *db, int64_t account_id, int64_t amount, struct err *e)
{
    static const char sql[] = "UPDATE accounts SET open_balance = open_balance - ?2 WHERE id = ?1";
    bool done = false;
    return conditional(db, sql, account_id, &amount, 1, &done, e, "crediting an account");
}

int order_store_set_po(struct db *db, int64_t order_id, const char *po, bool *done, struct err *e)
{
    static const char sql[] =
        "UPDATE orders SET po_number = ?2, version = version + 1 WHERE id = ?1 AND po_number = ''";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    db_bind_text(s, 2, po);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "setting a purchase-order number");
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}
