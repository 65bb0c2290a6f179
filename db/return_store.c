/* Returns, their lines and refunds (see the header): every claim is one
 * conditional UPDATE, every read a bound statement. */
#include <stdio.h>
#include <string.h>

#include "db/db_private.h"
#include "db/return_store.h"
#include "src/base/names.h"

/* Runs a statement binding ?1 an id and ?2.. the values; *done: one row changed. */
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

static int enum_column(sqlite3_stmt *s, int col, const char *const *names, int n)
{
    const char *t = (const char *)sqlite3_column_text(s, col);
    int i = name_index(names, n, t, false);
    return i < 0 ? 0 : i;
}

/* ------------------------------------------------------------ writing */

int return_store_insert(struct db *db, struct return_record *r, struct err *e)
{
    static const char sql[] =
        "INSERT INTO returns(number, order_id, status, resolution, requested_at, requested_day, requested_by,"
        " requested_by_real, late_accepted_by, refund_total, refund_tax, shipping_refund, shipping_rule,"
        " note)"
        " VALUES (:number, :order_id, :status, :resolution, :at, :day, :by, :by_real, :late, :total, :tax,"
        " :shipping, :rule, :note)";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, db_param(s, ":number"), r->number);
    sqlite3_bind_int64(s, db_param(s, ":order_id"), r->order_id);
    db_bind_text(s, db_param(s, ":status"),
                 name_at(return_status_names, RETURN_STATUS_COUNT, (int)r->status));
    db_bind_text(s, db_param(s, ":resolution"),
                 name_at(return_resolution_names, RESOLUTION_COUNT, (int)r->resolution));
    db_bind_text(s, db_param(s, ":at"), r->requested_at);
    db_bind_text(s, db_param(s, ":day"), r->requested_day);
    sqlite3_bind_int64(s, db_param(s, ":by"), r->requested_by);
    sqlite3_bind_int64(s, db_param(s, ":by_real"), r->requested_by_real);
    db_bind_id_or_null(s, db_param(s, ":late"), r->late_accepted_by);
    sqlite3_bind_int64(s, db_param(s, ":total"), r->refund_total);
    sqlite3_bind_int64(s, db_param(s, ":tax"), r->refund_tax);
    sqlite3_bind_int64(s, db_param(s, ":shipping"), r->shipping_refund);
    db_bind_text(s, db_param(s, ":rule"),
                 name_at(shipping_rule_names, SHIPPING_RULE_COUNT, (int)r->shipping_rule));
    db_bind_text(s, db_param(s, ":note"), r->note);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "recording a return");
    if (rc == ERR_OK)
        r->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

int return_store_add_line(struct db *db, struct return_line *l, struct err *e)
{
    static const char sql[] =
        "INSERT INTO return_lines(return_id, order_line_id, charge, quantity, reason, refund_amount,"
        " refund_tax,"
        " completes, exchange_product_id) VALUES (:return_id, :line, :charge, :qty, :reason, :amount, :tax,"
        " :completes, :exchange)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":return_id"), l->return_id);
    sqlite3_bind_int64(s, db_param(s, ":line"), l->order_line_id);
    sqlite3_bind_int(s, db_param(s, ":charge"), l->charge);
    sqlite3_bind_int64(s, db_param(s, ":qty"), l->quantity);
    if (l->charge)
        sqlite3_bind_null(s, db_param(s, ":reason"));
    else
        db_bind_text(s, db_param(s, ":reason"),
                     name_at(return_reason_names, RETURN_REASON_COUNT, (int)l->reason));
    sqlite3_bind_int64(s, db_param(s, ":amount"), l->refund_amount);
    sqlite3_bind_int64(s, db_param(s, ":tax"), l->refund_tax);
    sqlite3_bind_int(s, db_param(s, ":completes"), l->completes);
    db_bind_id_or_null(s, db_param(s, ":exchange"), l->exchange_product_id);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "recording a return line");
    if (rc == ERR_OK)
        l->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

int return_store_claim_units(struct db *db, int64_t order_line_id, int64_t k, bool *done, int64_t *returned,
                             int64_t *cancelled, int64_t *quantity, struct err *e)
{
    static const char sql[] =
        "UPDATE order_lines SET returned_qty = returned_qty + ?2 WHERE id = ?1 AND kind = 'goods'"
        " AND returned_qty + ?2 <= shipped_qty RETURNING returned_qty, cancelled_qty, quantity";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_line_id);
    sqlite3_bind_int64(s, 2, k);
    int rc = sqlite3_step(s);
    *done = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW) {
        *returned = sqlite3_column_int64(s, 0);
        *cancelled = sqlite3_column_int64(s, 1);
        *quantity = sqlite3_column_int64(s, 2);
        rc = sqlite3_step(s);
    }
    return db_step_done(db, s, rc, e, "claiming returned units");
}

int return_store_release_units(struct db *db, int64_t order_line_id, int64_t k, bool *done, struct err *e)
{
    static const char sql[] =
        "UPDATE order_lines SET returned_qty = returned_qty - ?2 WHERE id = ?1 AND returned_qty >= ?2"
        " AND returned_qty - ?2 >= refunded_qty - cancelled_qty";
    return conditional(db, sql, order_line_id, &k, 1, done, e, "releasing returned units");
}

int return_store_charge_claimed(struct db *db, int64_t order_line_id, bool *claimed, struct err *e)
{
    static const char sql[] =
        "SELECT EXISTS (SELECT 1 FROM return_lines WHERE order_line_id = ? AND charge = 1 AND released = 0)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_line_id);
    int rc = sqlite3_step(s);
    *claimed = rc == SQLITE_ROW && sqlite3_column_int(s, 0) != 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    return db_step_done(db, s, rc, e, "reading a charge's returns");
}

int return_store_open_claims(struct db *db, int64_t order_id, int64_t *amount, struct err *e)
{
    static const char sql[] = "SELECT coalesce(sum(refund_total), 0) FROM returns WHERE order_id = ?"
                              " AND status IN ('requested', 'received', 'awaiting_approval')";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    int rc = sqlite3_step(s);
    *amount = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    return db_step_done(db, s, rc, e, "reading an order's open returns");
}

/* ------------------------------------------------------------ reading */

#define RETURN_COLUMNS                                                                                       \
    "r.id, r.number, r.order_id, o.number, r.status, r.resolution, r.requested_at, r.requested_day,"         \
    " r.requested_by, r.requested_by_real, coalesce(u.login, ''), coalesce(r.late_accepted_by, 0),"          \
    " coalesce(r.received_at, ''), coalesce(r.received_by, 0), r.refund_total, r.refund_tax,"                \
    " r.shipping_refund, r.shipping_rule, coalesce(r.exchange_order_id, 0), coalesce(x.number, ''),"         \
    " r.note, r.rejection, coalesce(r.closed_at, ''), r.version,"                                            \
    " coalesce(c.name, a.name, o.ship_name, '')"
#define RETURN_FROM                                                                                          \
    " FROM returns r JOIN orders o ON o.id = r.order_id LEFT JOIN users u ON u.id = r.requested_by"          \
    " LEFT JOIN orders x ON x.id = r.exchange_order_id LEFT JOIN customers c ON c.id = o.customer_id"        \
    " LEFT JOIN accounts a ON a.id = o.account_id"

static void return_row(sqlite3_stmt *s, void *row)
{
    struct return_record *r = row;
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, r->number, sizeof r->number);
    r->order_id = sqlite3_column_int64(s, 2);
    db_column_copy(s, 3, r->order_number, sizeof r->order_number);
    r->status = enum_column(s, 4, return_status_names, RETURN_STATUS_COUNT);
    r->resolution = enum_column(s, 5, return_resolution_names, RESOLUTION_COUNT);
    db_column_copy(s, 6, r->requested_at, sizeof r->requested_at);
    db_column_copy(s, 7, r->requested_day, sizeof r->requested_day);
    r->requested_by = sqlite3_column_int64(s, 8);
    r->requested_by_real = sqlite3_column_int64(s, 9);
    db_column_copy(s, 10, r->requested_login, sizeof r->requested_login);
    r->late_accepted_by = sqlite3_column_int64(s, 11);
    db_column_copy(s, 12, r->received_at, sizeof r->received_at);
    r->received_by = sqlite3_column_int64(s, 13);
    r->refund_total = sqlite3_column_int64(s, 14);
    r->refund_tax = sqlite3_column_int64(s, 15);
    r->shipping_refund = sqlite3_column_int64(s, 16);
    r->shipping_rule = enum_column(s, 17, shipping_rule_names, SHIPPING_RULE_COUNT);
    r->exchange_order_id = sqlite3_column_int64(s, 18);
    db_column_copy(s, 19, r->exchange_number, sizeof r->exchange_number);
    db_column_copy(s, 20, r->note, sizeof r->note);
    db_column_copy(s, 21, r->rejection, sizeof r->rejection);
    db_column_copy(s, 22, r->closed_at, sizeof r->closed_at);
    r->version = sqlite3_column_int64(s, 23);
    db_column_copy(s, 24, r->party_name, sizeof r->party_name);
}

int return_store_get(struct db *db, int64_t id, struct return_record *out, struct err *e)
{
    static const char sql[] = "SELECT " RETURN_COLUMNS RETURN_FROM " WHERE r.id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    const struct db_fetch_what w = {"return", "return", "", "reading a return"};
    return db_fetch_one(db, s, return_row, out, e, &w);
}

int return_store_find_number(struct db *db, const char *number, struct return_record *out, struct err *e)
{
    static const char sql[] = "SELECT " RETURN_COLUMNS RETURN_FROM " WHERE r.number = ? COLLATE NOCASE";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, number);
    const struct db_fetch_what w = {"return", "return", number, "reading a return"};
    return db_fetch_one(db, s, return_row, out, e, &w);
}

static void return_line_row(sqlite3_stmt *s, void *row)
{
    struct return_line *l = row;
    memset(l, 0, sizeof *l);
    l->id = sqlite3_column_int64(s, 0);
    l->return_id = sqlite3_column_int64(s, 1);
    l->order_line_id = sqlite3_column_int64(s, 2);
    l->charge = sqlite3_column_int(s, 3) != 0;
    l->quantity = sqlite3_column_int64(s, 4);
    l->reason = enum_column(s, 5, return_reason_names, RETURN_REASON_COUNT);
    l->disposition = enum_column(s, 6, return_disposition_names, DISPOSITION_COUNT);
    l->refund_amount = sqlite3_column_int64(s, 7);
    l->refund_tax = sqlite3_column_int64(s, 8);
    l->completes = sqlite3_column_int(s, 9) != 0;
    l->exchange_product_id = sqlite3_column_int64(s, 10);
    l->released = sqlite3_column_int(s, 11) != 0;
    l->line_no = sqlite3_column_int(s, 12);
    l->kind = enum_column(s, 13, line_kind_names, LINE_KIND_COUNT);
    l->product_id = sqlite3_column_int64(s, 14);
    db_column_copy(s, 15, l->sku, sizeof l->sku);
    db_column_copy(s, 16, l->description, sizeof l->description);
    l->unit_price = sqlite3_column_int64(s, 17);
    l->line_quantity = sqlite3_column_int64(s, 18);
    l->line_total = sqlite3_column_int64(s, 19);
    db_column_copy(s, 20, l->exchange_sku, sizeof l->exchange_sku);
    l->line_tax_included = sqlite3_column_int(s, 21) != 0;
    l->line_tax_rate_bp = sqlite3_column_int(s, 22);
}

int return_store_lines(struct db *db, int64_t return_id, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT rl.id, rl.return_id, rl.order_line_id, rl.charge, rl.quantity, coalesce(rl.reason, ''),"
        " coalesce(rl.disposition, ''), rl.refund_amount, rl.refund_tax, rl.completes,"
        " coalesce(rl.exchange_product_id, 0), rl.released, l.line_no, l.kind, coalesce(l.product_id, 0),"
        " l.sku,"
        " l.description, l.unit_price, l.quantity, l.total_amount, coalesce(p.sku, ''), l.tax_included,"
        " l.tax_rate_bp"
        " FROM return_lines rl JOIN order_lines l ON l.id = rl.order_line_id"
        " LEFT JOIN products p ON p.id = rl.exchange_product_id"
        " WHERE rl.return_id = ? ORDER BY rl.charge, l.line_no";
    rows_reset(out, sizeof(struct return_line));
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, return_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        return_line_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading a return's lines");
}

int return_store_for_order(struct db *db, int64_t order_id, struct rows *out, struct err *e)
{
    static const char sql[] = "SELECT " RETURN_COLUMNS RETURN_FROM " WHERE r.order_id = ? ORDER BY r.id";
    rows_reset(out, sizeof(struct return_record));
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        return_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading an order's returns");
}

int return_store_page(struct db *db, unsigned statuses, const struct page_req *q, struct rows *out,
                      struct err *e)
{
    static const char sql[] =
        "SELECT " RETURN_COLUMNS RETURN_FROM
        " WHERE (:set IS NULL OR r.status IN (SELECT value FROM json_each(:set))) AND r.id < :after"
        " AND (:rep = 0 OR o.channel = 'b2c' OR o.created_by = :rep OR a.rep_id = :rep)"
        " ORDER BY r.id DESC LIMIT :limit";
    static const char count_sql[] =
        "SELECT count(*) FROM returns r JOIN orders o ON o.id = r.order_id"
        " LEFT JOIN accounts a ON a.id = o.account_id WHERE (:set IS NULL OR r.status IN (SELECT value FROM"
        " json_each(:set))) AND r.id < :after"
        " AND (:rep = 0 OR o.channel = 'b2c' OR o.created_by = :rep OR a.rep_id = :rep)";
    int limit = q && q->limit > 0 ? q->limit : DB_PAGE_MAX;
    int64_t after = q && q->has_cursor ? q->cursor.id : INT64_MAX;
    rows_reset(out, sizeof(struct return_record));
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_name_set(s, db_param(s, ":set"), statuses, return_status_names, RETURN_STATUS_COUNT);
    sqlite3_bind_int64(s, db_param(s, ":after"), after);
    sqlite3_bind_int(s, db_param(s, ":limit"), limit);
    sqlite3_bind_int64(s, db_param(s, ":rep"), q ? q->owner_id : 0);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        return_row(s, rows_add(out));
    if ((rc = db_step_done(db, s, rc, e, "listing returns")) != ERR_OK || out->n < limit)
        return rc;
    const struct return_record *last = rows_at(out, out->n - 1);
    DB_PREPARE_OR_RETURN(c, count_sql);
    db_bind_name_set(c, db_param(c, ":set"), statuses, return_status_names, RETURN_STATUS_COUNT);
    sqlite3_bind_int64(c, db_param(c, ":after"), last->id);
    sqlite3_bind_int64(c, db_param(c, ":rep"), q ? q->owner_id : 0);
    rc = sqlite3_step(c);
    out->more = rc == SQLITE_ROW ? sqlite3_column_int64(c, 0) : 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(c);
    return db_step_done(db, c, rc, e, "counting returns");
}

/* ------------------------------------------------------------- moving */

int return_store_move(struct db *db, int64_t id, unsigned from, enum return_status to, int64_t version,
                      bool *done, struct err *e)
{
    static const char sql[] =
        "UPDATE returns SET status = :to, version = version + 1 WHERE id = :id"
        " AND status IN (SELECT value FROM json_each(:from)) AND (:version = 0 OR version = :version)";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, db_param(s, ":to"), name_at(return_status_names, RETURN_STATUS_COUNT, (int)to));
    sqlite3_bind_int64(s, db_param(s, ":id"), id);
    db_bind_name_set(s, db_param(s, ":from"), from, return_status_names, RETURN_STATUS_COUNT);
    sqlite3_bind_int64(s, db_param(s, ":version"), version);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "moving a return");
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

int return_store_receive(struct db *db, int64_t id, const char *at, int64_t user_id, bool *done,
                         struct err *e)
{
    static const char sql[] =
        "UPDATE returns SET status = 'received', received_at = ?2, received_by = ?3, version = version + 1"
        " WHERE id = ?1 AND status = 'requested'";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    db_bind_text(s, 2, at);
    sqlite3_bind_int64(s, 3, user_id);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "receiving a return");
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

int return_store_set_disposition(struct db *db, int64_t line_id, enum return_disposition d, bool *done,
                                 struct err *e)
{
    static const char sql[] =
        "UPDATE return_lines SET disposition = ?2 WHERE id = ?1 AND disposition IS NULL AND charge = 0";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, line_id);
    db_bind_text(s, 2, name_at(return_disposition_names, DISPOSITION_COUNT, (int)d));
    int rc = db_step_done(db, s, sqlite3_step(s), e, "recording what happens to returned units");
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

int return_store_reject(struct db *db, int64_t id, const char *rejection, bool *done, struct err *e)
{
    static const char sql[] =
        "UPDATE returns SET status = 'rejected', rejection = ?2, version = version + 1 WHERE id = ?1"
        " AND status IN ('requested', 'received', 'awaiting_approval')";
    static const char lines_sql[] =
        "UPDATE return_lines SET released = 1 WHERE return_id = ? AND released = 0";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    db_bind_text(s, 2, rejection);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "rejecting a return");
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    if (rc != ERR_OK || !*done)
        return rc;
    DB_PREPARE_OR_RETURN(l, lines_sql);
    sqlite3_bind_int64(l, 1, id);
    return db_step_done(db, l, sqlite3_step(l), e, "releasing a return's lines");
}

int return_store_set_exchange(struct db *db, int64_t id, int64_t order_id, enum return_status to, bool *done,
                              struct err *e)
{
    static const char sql[] =
        "UPDATE returns SET status = ?3, exchange_order_id = ?2, version = version + 1 WHERE id = ?1"
        " AND status = 'received' AND exchange_order_id IS NULL";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, order_id);
    db_bind_text(s, 3, name_at(return_status_names, RETURN_STATUS_COUNT, (int)to));
    int rc = db_step_done(db, s, sqlite3_step(s), e, "recording an exchange");
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

int return_store_close(struct db *db, int64_t id, const char *at, bool *done, struct err *e)
{
    static const char sql[] =
        "UPDATE returns SET status = 'closed', closed_at = ?2, version = version + 1 WHERE id = ?1"
        " AND status IN ('refunded', 'exchanged', 'replaced')";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    db_bind_text(s, 2, at);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "closing a return");
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

int return_store_for_exchange_order(struct db *db, int64_t order_id, struct rows *out, struct err *e)
{
    static const char sql[] = "SELECT " RETURN_COLUMNS RETURN_FROM
                              " WHERE r.exchange_order_id = ? AND r.status IN ('exchanged', 'replaced')"
                              " ORDER BY r.id";
    rows_reset(out, sizeof(struct return_record));
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        return_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading the returns an order settles");
}

/* ------------------------------------------------------------ refunds */

int refund_store_insert(struct db *db, struct refund_record *f, struct err *e)
{
    static const char sql[] =
        "INSERT INTO refunds(return_id, order_id, amount, tax_amount, method, reference, requested_at,"
        " requested_by, requested_by_real, needs_approval) VALUES (:return_id, :order_id, :amount, :tax,"
        " :method, :reference, :at, :by, :by_real, :needs)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":return_id"), f->return_id);
    sqlite3_bind_int64(s, db_param(s, ":order_id"), f->order_id);
    sqlite3_bind_int64(s, db_param(s, ":amount"), f->amount);
    sqlite3_bind_int64(s, db_param(s, ":tax"), f->tax_amount);
    db_bind_text(s, db_param(s, ":method"), name_at(payment_method_names, PAY_METHOD_COUNT, (int)f->method));
    db_bind_text(s, db_param(s, ":reference"), f->reference);
    db_bind_text(s, db_param(s, ":at"), f->requested_at);
    sqlite3_bind_int64(s, db_param(s, ":by"), f->requested_by);
    sqlite3_bind_int64(s, db_param(s, ":by_real"), f->requested_by_real);
    sqlite3_bind_int(s, db_param(s, ":needs"), f->needs_approval);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "recording a refund");
    if (rc == ERR_OK)
        f->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

#define REFUND_COLUMNS                                                                                       \
    "f.id, f.return_id, f.order_id, f.amount, f.tax_amount, f.method, f.reference, f.requested_at,"          \
    " f.requested_by, f.requested_by_real, f.needs_approval, coalesce(f.decision, ''),"                      \
    " coalesce(f.decided_at, ''), coalesce(f.decided_by, 0), coalesce(f.decided_by_real, 0), f.comment,"     \
    " coalesce(f.paid_at, ''), coalesce(f.payment_id, 0), coalesce(u.login, ''), coalesce(d.login, '')"      \
    " FROM refunds f LEFT JOIN users u ON u.id = f.requested_by LEFT JOIN users d ON d.id = f.decided_by"

static void refund_row(sqlite3_stmt *s, void *row)
{
    struct refund_record *f = row;
    memset(f, 0, sizeof *f);
    f->id = sqlite3_column_int64(s, 0);
    f->return_id = sqlite3_column_int64(s, 1);
    f->order_id = sqlite3_column_int64(s, 2);
    f->amount = sqlite3_column_int64(s, 3);
    f->tax_amount = sqlite3_column_int64(s, 4);
    f->method = enum_column(s, 5, payment_method_names, PAY_METHOD_COUNT);
    db_column_copy(s, 6, f->reference, sizeof f->reference);
    db_column_copy(s, 7, f->requested_at, sizeof f->requested_at);
    f->requested_by = sqlite3_column_int64(s, 8);
    f->requested_by_real = sqlite3_column_int64(s, 9);
    f->needs_approval = sqlite3_column_int(s, 10) != 0;
    const char *d = (const char *)sqlite3_column_text(s, 11);
    f->decision = d && strcmp(d, "approve") == 0 ? 1 : d && strcmp(d, "reject") == 0 ? 2 : 0;
    db_column_copy(s, 12, f->decided_at, sizeof f->decided_at);
    f->decided_by = sqlite3_column_int64(s, 13);
    f->decided_by_real = sqlite3_column_int64(s, 14);
    db_column_copy(s, 15, f->comment, sizeof f->comment);
    db_column_copy(s, 16, f->paid_at, sizeof f->paid_at);
    f->payment_id = sqlite3_column_int64(s, 17);
    db_column_copy(s, 18, f->requested_login, sizeof f->requested_login);
    db_column_copy(s, 19, f->decided_login, sizeof f->decided_login);
}

int refund_store_open(struct db *db, int64_t return_id, struct refund_record *out, struct err *e)
{
    static const char sql[] =
        "SELECT " REFUND_COLUMNS
        " WHERE f.return_id = ? AND f.decision IS NOT 'reject' ORDER BY f.id DESC LIMIT 1";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, return_id);
    const struct db_fetch_what w = {"refund", "return", "", "reading a refund"};
    return db_fetch_one(db, s, refund_row, out, e, &w);
}

int refund_store_for_return(struct db *db, int64_t return_id, struct rows *out, struct err *e)
{
    static const char sql[] = "SELECT " REFUND_COLUMNS " WHERE f.return_id = ? ORDER BY f.id";
    rows_reset(out, sizeof(struct refund_record));
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, return_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        refund_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading a return's refunds");
}

int refund_store_decide(struct db *db, int64_t refund_id, int decision, const char *at, int64_t by,
                        int64_t by_real, const char *comment, bool *done, struct err *e)
{
    static const char sql[] =
        "UPDATE refunds SET decision = :decision, decided_at = :at, decided_by = :by, decided_by_real ="
        " :real,"
        " comment = :comment WHERE id = :id AND needs_approval = 1 AND decision IS NULL";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, db_param(s, ":decision"), decision == 1 ? "approve" : "reject");
    db_bind_text(s, db_param(s, ":at"), at);
    sqlite3_bind_int64(s, db_param(s, ":by"), by);
    sqlite3_bind_int64(s, db_param(s, ":real"), by_real);
    db_bind_text(s, db_param(s, ":comment"), comment);
    sqlite3_bind_int64(s, db_param(s, ":id"), refund_id);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "deciding a refund");
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

int refund_store_paid(struct db *db, int64_t refund_id, const char *at, int64_t payment_id, bool *done,
                      struct err *e)
{
    static const char sql[] =
        "UPDATE refunds SET paid_at = ?2, payment_id = ?3 WHERE id = ?1 AND paid_at IS NULL";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, refund_id);
    db_bind_text(s, 2, at);
    db_bind_id_or_null(s, 3, payment_id);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "paying a refund");
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

static void waiting_row(sqlite3_stmt *s, void *row)
{
    struct refund_waiting *w = row;
    memset(w, 0, sizeof *w);
    w->refund_id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, w->return_number, sizeof w->return_number);
    db_column_copy(s, 2, w->order_number, sizeof w->order_number);
    db_column_copy(s, 3, w->party_name, sizeof w->party_name);
    w->amount = sqlite3_column_int64(s, 4);
    db_column_copy(s, 5, w->requested_at, sizeof w->requested_at);
    db_column_copy(s, 6, w->requested_login, sizeof w->requested_login);
    w->requested_by = sqlite3_column_int64(s, 7);
    w->requested_by_real = sqlite3_column_int64(s, 8);
}

int refund_store_waiting(struct db *db, const struct page_req *q, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT f.id, r.number, o.number, coalesce(c.name, a.name, o.ship_name, ''), f.amount,"
        " f.requested_at,"
        " coalesce(u.login, ''), f.requested_by, f.requested_by_real FROM refunds f"
        " JOIN returns r ON r.id = f.return_id JOIN orders o ON o.id = f.order_id"
        " LEFT JOIN customers c ON c.id = o.customer_id LEFT JOIN accounts a ON a.id = o.account_id"
        " LEFT JOIN users u ON u.id = f.requested_by"
        " WHERE f.needs_approval = 1 AND f.decision IS NULL AND (f.requested_at, f.id) > (:key, :id)"
        " ORDER BY f.requested_at, f.id LIMIT :limit";
    static const char count_sql[] =
        "SELECT count(*) FROM refunds f WHERE f.needs_approval = 1 AND f.decision IS NULL"
        " AND (f.requested_at, f.id) > (:key, :id)";
    int limit = q && q->limit > 0 ? q->limit : 100000;
    rows_reset(out, sizeof(struct refund_waiting));
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, db_param(s, ":key"), q && q->has_cursor ? q->cursor.text : "");
    sqlite3_bind_int64(s, db_param(s, ":id"), q && q->has_cursor ? q->cursor.id : 0);
    sqlite3_bind_int(s, db_param(s, ":limit"), limit);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        waiting_row(s, rows_add(out));
    if ((rc = db_step_done(db, s, rc, e, "listing refunds waiting")) != ERR_OK || out->n < limit)
        return rc;
    const struct refund_waiting *last = rows_at(out, out->n - 1);
    DB_PREPARE_OR_RETURN(c, count_sql);
    db_bind_text(c, db_param(c, ":key"), last->requested_at);
    sqlite3_bind_int64(c, db_param(c, ":id"), last->refund_id);
    rc = sqlite3_step(c);
    out->more = rc == SQLITE_ROW ? sqlite3_column_int64(c, 0) : 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(c);
    return db_step_done(db, c, rc, e, "counting refunds waiting");
}

int return_store_payment(struct db *db, struct payment *p, int64_t return_id, int64_t refund_id,
                         struct err *e)
{
    static const char sql[] =
        "INSERT INTO payments(order_id, direction, method, amount, tax_amount, reference, at, day, user_id,"
        " reason, return_id, refund_id) VALUES (:order_id, :direction, :method, :amount, :tax, :reference,"
        " :at,"
        " :day, :user_id, :reason, :return_id, :refund_id)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":order_id"), p->order_id);
    db_bind_text(s, db_param(s, ":direction"), p->out ? "out" : "in");
    db_bind_text(s, db_param(s, ":method"), name_at(payment_method_names, PAY_METHOD_COUNT, (int)p->method));
    sqlite3_bind_int64(s, db_param(s, ":amount"), p->amount);
    sqlite3_bind_int64(s, db_param(s, ":tax"), p->tax_amount);
    db_bind_text(s, db_param(s, ":reference"), p->reference);
    db_bind_text(s, db_param(s, ":at"), p->at);
    db_bind_text(s, db_param(s, ":day"), p->day);
    db_bind_id_or_null(s, db_param(s, ":user_id"), p->user_id);
    db_bind_text(s, db_param(s, ":reason"), p->reason);
    db_bind_id_or_null(s, db_param(s, ":return_id"), return_id);
    db_bind_id_or_null(s, db_param(s, ":refund_id"), refund_id);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "recording a refund's payment");
    if (rc == ERR_OK)
        p->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

/* -------------------------------------------------------------- demo */

static void demo_order_row(sqlite3_stmt *s, struct rows *out, bool fresh)
{
    struct return_demo_order *d = rows_add(out);
    db_column_copy(s, 0, d->number, sizeof d->number);
    db_column_copy(s, 1, d->delivered_at, sizeof d->delivered_at);
    d->goods = sqlite3_column_int64(s, 2);
    d->fresh = fresh;
}

int return_store_demo_orders(struct db *db, int per_hundred, int at_least, int at_most, int latest,
                             struct rows *out, struct err *e)
{
    static const char count_sql[] = "SELECT count(*) FROM orders WHERE source = 'demo'"
                                    " AND status IN ('delivered', 'closed') AND delivered_at IS NOT NULL";
#define DEMO_ORDER_SELECT                                                                                    \
    "SELECT o.number, o.delivered_at, (SELECT coalesce(sum(total_amount), 0) FROM order_lines"               \
    " WHERE order_id = o.id AND kind = 'goods') FROM orders o WHERE o.source = 'demo'"                       \
    " AND o.status IN ('delivered', 'closed') AND o.delivered_at IS NOT NULL"
    static const char sql[] = DEMO_ORDER_SELECT " AND o.id % ?1 = ?2 ORDER BY o.delivered_at, o.id LIMIT ?3";
    static const char latest_sql[] =
        DEMO_ORDER_SELECT " AND o.id % ?1 <> ?2 ORDER BY o.delivered_at DESC, o.id DESC LIMIT ?3";
#undef DEMO_ORDER_SELECT
    rows_reset(out, sizeof(struct return_demo_order));
    DB_PREPARE_OR_RETURN(c, count_sql);
    int rc = sqlite3_step(c);
    int64_t delivered = rc == SQLITE_ROW ? sqlite3_column_int64(c, 0) : 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(c);
    if ((rc = db_step_done(db, c, rc, e, "counting the demo's delivered orders")) != ERR_OK || delivered == 0)
        return rc;
    int64_t want = delivered * per_hundred / 100;
    if (want < at_least)
        want = at_least < delivered ? at_least : delivered;
    if (want > at_most)
        want = at_most;
    int64_t step = want > 0 ? delivered / want : 1;
    if (step < 1)
        step = 1;
    for (int pass = 0; pass < 2 && rc == ERR_OK; pass++) {
        DB_PREPARE_OR_RETURN(s, pass == 0 ? sql : latest_sql);
        sqlite3_bind_int64(s, 1, step);
        sqlite3_bind_int64(s, 2, step == 1 ? 0 : step / 2);
        sqlite3_bind_int64(s, 3, pass == 0 ? want : latest);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            demo_order_row(s, out, pass == 1);
        rc = db_step_done(db, s, rc, e, "choosing the demo's returns");
    }
    return rc;
}

/* ------------------------------------------------------------- check */

/* Each statement selects one text per problem. */
static const char *const check_sql[] = {
    "SELECT 'order ' || o.number || ' line ' || l.line_no || ': ' || l.returned_qty || ' units returned, but"
    " '"
    " || coalesce(sum(rl.quantity), 0) || ' in its returns' FROM order_lines l JOIN orders o ON o.id ="
    " l.order_id"
    " LEFT JOIN return_lines rl ON rl.order_line_id = l.id AND rl.charge = 0 AND rl.released = 0"
    " WHERE l.kind = 'goods' AND (l.returned_qty > 0 OR rl.id IS NOT NULL) GROUP BY l.id"
    " HAVING l.returned_qty <> coalesce(sum(rl.quantity), 0)",
    "SELECT 'order ' || number || ': refunded ' || refunded_total || ', more than the ' || paid_total || '"
    " paid'"
    " FROM orders WHERE refunded_total > paid_total",
    "SELECT 'return ' || r.number || ': refund ' || r.refund_total || ' is not the sum of its lines ('"
    " || coalesce(sum(rl.refund_amount), 0) || ')' FROM returns r LEFT JOIN return_lines rl ON rl.return_id"
    " = r.id"
    " GROUP BY r.id HAVING r.refund_total <> coalesce(sum(rl.refund_amount), 0)"
    " OR r.refund_tax <> coalesce(sum(rl.refund_tax), 0)",
    "SELECT 'refund ' || f.id || ' of ' || r.number || ': paid ' || f.amount || ' but its payment says '"
    " || coalesce(p.amount, 0) FROM refunds f JOIN returns r ON r.id = f.return_id"
    " LEFT JOIN payments p ON p.id = f.payment_id"
    " WHERE f.payment_id IS NOT NULL AND (p.id IS NULL OR p.amount <> f.amount OR p.direction <> 'out'"
    " OR p.refund_id IS NOT f.id OR p.order_id <> f.order_id)",
    "SELECT 'payment ' || p.id || ' refunds ' || coalesce(r.number, '?') || ' but no refund names it'"
    " FROM payments p LEFT JOIN returns r ON r.id = p.return_id WHERE p.refund_id IS NOT NULL"
    " AND p.direction = 'out' AND NOT EXISTS (SELECT 1 FROM refunds f WHERE f.payment_id = p.id)",
    "SELECT 'refund ' || f.id || ' of ' || r.number || ': decided by ' || coalesce(d.login, '?')"
    " || ', who may not' FROM refunds f JOIN returns r ON r.id = f.return_id"
    " LEFT JOIN users d ON d.id = f.decided_by LEFT JOIN users dr ON dr.id = f.decided_by_real"
    " WHERE f.decision IS NOT NULL AND (d.role NOT IN ('manager', 'admin') OR dr.role NOT IN ('manager',"
    " 'admin')"
    " OR f.decided_by IN (f.requested_by, f.requested_by_real)"
    " OR f.decided_by_real IN (f.requested_by, f.requested_by_real))",
    "SELECT 'return ' || r.number || ' is ' || r.status || ' but its refund is not paid' FROM returns r"
    " WHERE r.status IN ('refunded', 'exchanged', 'replaced', 'closed') AND NOT EXISTS (SELECT 1 FROM"
    " refunds f WHERE f.return_id = r.id AND f.paid_at IS NOT NULL)",
    "SELECT 'return ' || r.number || ' is ' || r.status || (CASE WHEN r.status = 'closed' THEN ' but has no"
    " closing time' ELSE ' but has a closing time' END) FROM returns r"
    " WHERE (r.status = 'closed') <> (r.closed_at IS NOT NULL)",
    "SELECT 'return ' || r.number || ' is closed but its new order ' || x.number || ' is ' || x.status"
    " FROM returns r JOIN orders x ON x.id = r.exchange_order_id WHERE r.status = 'closed'"
    " AND x.status NOT IN ('shipped', 'delivered', 'closed', 'cancelled')",
    "SELECT 'return ' || r.number || ' is still ' || r.status || ' though nothing is left to do (' ||"
    " coalesce(x.number || ' ' || x.status, 'refund paid') || ')' FROM returns r"
    " LEFT JOIN orders x ON x.id = r.exchange_order_id WHERE r.status = 'refunded'"
    " OR (r.status IN ('exchanged', 'replaced')"
    " AND x.status IN ('shipped', 'delivered', 'closed', 'cancelled'))",
    "SELECT 'refund ' || f.id || ' of ' || r.number || ' was paid over the threshold without approval'"
    " FROM refunds f JOIN returns r ON r.id = f.return_id WHERE f.paid_at IS NOT NULL AND f.needs_approval ="
    " 1"
    " AND f.decision IS NOT 'approve'",
};

int return_store_check(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    for (size_t i = 0; i < sizeof check_sql / sizeof check_sql[0]; i++) {
        sqlite3_stmt *s = db_stmt(db, check_sql[i], e);
        if (s == NULL)
            return e ? e->code : ERR_INTERNAL;
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            strbuf_addf(report, "returns: %s\n", (const char *)sqlite3_column_text(s, 0));
            (*problems)++;
        }
        if ((rc = db_step_done(db, s, rc, e, "checking returns")) != ERR_OK)
            return rc;
    }
    return ERR_OK;
}
