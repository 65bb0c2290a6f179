/* The writes of placing besides the order and its lines, each a single
 * statement; the limits (stock, credit) are conditional UPDATEs whose row
 * count says whether they held. And the reads of what placing wrote. */
#include <stdio.h>
#include <string.h>

#include "db/db_private.h"
#include "db/order_place_store.h"
#include "src/base/names.h"

int order_place_store_find_key(struct db *db, const char *key, char number[33], char fingerprint[65],
                               struct err *e)
{
    static const char sql[] =
        "SELECT number, coalesce(cart_fingerprint, '') FROM orders WHERE idempotency_key = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, key);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        db_column_copy(s, 0, number, 33);
        db_column_copy(s, 1, fingerprint, 65);
        sqlite3_reset(s);
        return ERR_OK;
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return err_set(e, ERR_NOTFOUND, "key", "no order with this key");
    return db_fail(db, e, "looking for a placed order");
}

int order_place_store_adjustment(struct db *db, struct line_adjustment_row *a, struct err *e)
{
    static const char sql[] =
        "INSERT INTO order_line_adjustments(order_id, order_line_id, kind, source_id, amount, label) "
        "VALUES (:order_id, :line_id, :kind, :source_id, :amount, :label)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":order_id"), a->order_id);
    sqlite3_bind_int64(s, db_param(s, ":line_id"), a->order_line_id);
    db_bind_text(s, db_param(s, ":kind"), name_at(adjustment_kind_names, ADJ_KIND_COUNT, (int)a->kind));
    sqlite3_bind_int64(s, db_param(s, ":source_id"), a->source_id);
    sqlite3_bind_int64(s, db_param(s, ":amount"), a->amount);
    db_bind_text(s, db_param(s, ":label"), a->label);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "saving a discount share");
    if (rc == ERR_OK)
        a->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

static int stock_free(struct db *db, int64_t product_id, int64_t *free, struct err *e)
{
    static const char sql[] = "SELECT stock_on_hand - stock_reserved FROM products WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, product_id);
    int rc = sqlite3_step(s);
    *free = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    return db_step_done(db, s, rc, e, "reading stock");
}

int stock_store_reserve(struct db *db, int64_t product_id, int64_t qty, bool *reserved, int64_t *free,
                        struct err *e)
{
    static const char sql[] = "UPDATE products SET stock_reserved = stock_reserved + ?2 "
                              "WHERE id = ?1 AND active = 1 AND stock_on_hand - stock_reserved >= ?2";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, product_id);
    sqlite3_bind_int64(s, 2, qty);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "reserving stock");
    if (rc != ERR_OK)
        return rc;
    *reserved = sqlite3_changes(db->handle) == 1;
    *free = 0;
    return *reserved ? ERR_OK : stock_free(db, product_id, free, e);
}

int stock_store_reserve_free(struct db *db, int64_t product_id, int64_t want, int64_t *taken, struct err *e)
{
    /* Inside the placing's write transaction nobody else writes between the
     * read and the update. */
    static const char take[] = "UPDATE products SET stock_reserved = stock_reserved + ?2 WHERE id = ?1";
    int64_t free = 0;
    int rc = stock_free(db, product_id, &free, e);
    if (rc != ERR_OK)
        return rc;
    *taken = free <= 0 ? 0 : free < want ? free : want;
    if (*taken == 0)
        return ERR_OK;
    DB_PREPARE_OR_RETURN(s, take);
    sqlite3_bind_int64(s, 1, product_id);
    sqlite3_bind_int64(s, 2, *taken);
    return db_step_done(db, s, sqlite3_step(s), e, "reserving stock");
}

int account_store_charge(struct db *db, int64_t account_id, int64_t amount, bool over_limit, bool *charged,
                         struct err *e)
{
    static const char within[] = "UPDATE accounts SET open_balance = open_balance + ?2 "
                                 "WHERE id = ?1 AND open_balance + ?2 <= credit_limit";
    static const char beyond[] = "UPDATE accounts SET open_balance = open_balance + ?2 WHERE id = ?1";
    DB_PREPARE_OR_RETURN(s, over_limit ? beyond : within);
    sqlite3_bind_int64(s, 1, account_id);
    sqlite3_bind_int64(s, 2, amount);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "charging the account");
    *charged = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

int payment_store_insert(struct db *db, struct payment *p, struct err *e)
{
    static const char sql[] =
        "INSERT INTO payments(order_id, direction, method, amount, tax_amount, reference, tendered, at, day, "
        "user_id, reason) VALUES (:order_id, :direction, :method, :amount, :tax_amount, :reference, "
        ":tendered, :at, :day, :user_id, :reason)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":order_id"), p->order_id);
    db_bind_text(s, db_param(s, ":direction"), p->out ? "out" : "in");
    db_bind_text(s, db_param(s, ":method"), name_at(payment_method_names, PAY_METHOD_COUNT, (int)p->method));
    sqlite3_bind_int64(s, db_param(s, ":amount"), p->amount);
    sqlite3_bind_int64(s, db_param(s, ":tax_amount"), p->tax_amount);
    db_bind_text(s, db_param(s, ":reference"), p->reference);
    if (p->tendered > 0)
        sqlite3_bind_int64(s, db_param(s, ":tendered"), p->tendered);
    else
        sqlite3_bind_null(s, db_param(s, ":tendered"));
    db_bind_text(s, db_param(s, ":at"), p->at);
    db_bind_text(s, db_param(s, ":day"), p->day);
    db_bind_id_or_null(s, db_param(s, ":user_id"), p->user_id);
    db_bind_text(s, db_param(s, ":reason"), p->reason);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "recording a payment");
    if (rc == ERR_OK)
        p->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

static void payment_row(sqlite3_stmt *s, void *row)
{
    struct payment *p = row;
    char text[16];
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(s, 0);
    p->order_id = sqlite3_column_int64(s, 1);
    db_column_copy(s, 2, text, sizeof text);
    p->out = strcmp(text, "out") == 0;
    db_column_copy(s, 3, text, sizeof text);
    int m = name_index(payment_method_names, PAY_METHOD_COUNT, text, false);
    p->method = m < 0 ? PAY_CARD : (enum payment_method)m;
    p->amount = sqlite3_column_int64(s, 4);
    p->tax_amount = sqlite3_column_int64(s, 5);
    db_column_copy(s, 6, p->reference, sizeof p->reference);
    p->tendered = sqlite3_column_int64(s, 7);
    db_column_copy(s, 8, p->at, sizeof p->at);
    db_column_copy(s, 9, p->day, sizeof p->day);
    p->user_id = sqlite3_column_int64(s, 10);
    db_column_copy(s, 11, p->reason, sizeof p->reason);
}

int payment_store_list(struct db *db, int64_t order_id, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT id, order_id, direction, method, amount, tax_amount, reference, coalesce(tendered, 0), at, "
        "day, coalesce(user_id, 0), reason FROM payments WHERE order_id = ? ORDER BY id";
    rows_reset(out, sizeof(struct payment));
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        payment_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading payments");
}

static void adjustment_row(sqlite3_stmt *s, void *row)
{
    struct line_adjustment_row *a = row;
    char text[16];
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(s, 0);
    a->order_id = sqlite3_column_int64(s, 1);
    a->order_line_id = sqlite3_column_int64(s, 2);
    db_column_copy(s, 3, text, sizeof text);
    int k = name_index(adjustment_kind_names, ADJ_KIND_COUNT, text, false);
    a->kind = k < 0 ? ADJ_MANUAL : (enum adjustment_kind)k;
    a->source_id = sqlite3_column_int64(s, 4);
    a->amount = sqlite3_column_int64(s, 5);
    db_column_copy(s, 6, a->label, sizeof a->label);
}

int order_place_store_adjustments(struct db *db, int64_t order_id, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT a.id, a.order_id, a.order_line_id, a.kind, a.source_id, a.amount, a.label "
        "FROM order_line_adjustments a JOIN order_lines l ON l.id = a.order_line_id "
        "WHERE a.order_id = ? ORDER BY l.line_no, a.id";
    rows_reset(out, sizeof(struct line_adjustment_row));
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        adjustment_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading discount shares");
}

int order_promise_store_add(struct db *db, int64_t order_id, const char *date, const char *at,
                            int64_t user_id, const char *reason, struct err *e)
{
    static const char sql[] = "INSERT INTO order_promises(order_id, promised_date, at, user_id, reason) "
                              "VALUES (?, ?, ?, ?, ?)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    db_bind_text(s, 2, date);
    db_bind_text(s, 3, at);
    db_bind_id_or_null(s, 4, user_id);
    db_bind_text(s, 5, reason);
    return db_step_done(db, s, sqlite3_step(s), e, "recording a promise");
}

int order_timeline_store_add(struct db *db, struct order_timeline_entry *t, struct err *e)
{
    static const char sql[] =
        "INSERT INTO order_timeline(order_id, at, user_id, kind, ref_id, amount, detail) "
        "VALUES (:order_id, :at, :user_id, :kind, :ref_id, :amount, :detail)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":order_id"), t->order_id);
    db_bind_text(s, db_param(s, ":at"), t->at);
    db_bind_id_or_null(s, db_param(s, ":user_id"), t->user_id);
    db_bind_text(s, db_param(s, ":kind"), t->kind);
    db_bind_id_or_null(s, db_param(s, ":ref_id"), t->ref_id);
    if (t->has_amount)
        sqlite3_bind_int64(s, db_param(s, ":amount"), t->amount);
    else
        sqlite3_bind_null(s, db_param(s, ":amount"));
    db_bind_text(s, db_param(s, ":detail"), t->detail);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "recording the order's timeline");
    if (rc == ERR_OK)
        t->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

static void timeline_row(sqlite3_stmt *s, void *row)
{
    struct order_timeline_entry *t = row;
    memset(t, 0, sizeof *t);
    t->id = sqlite3_column_int64(s, 0);
    t->order_id = sqlite3_column_int64(s, 1);
    db_column_copy(s, 2, t->at, sizeof t->at);
    t->user_id = sqlite3_column_int64(s, 3);
    db_column_copy(s, 4, t->user_login, sizeof t->user_login);
    db_column_copy(s, 5, t->kind, sizeof t->kind);
    t->ref_id = sqlite3_column_int64(s, 6);
    t->has_amount = sqlite3_column_type(s, 7) != SQLITE_NULL;
    t->amount = sqlite3_column_int64(s, 7);
    db_column_copy(s, 8, t->detail, sizeof t->detail);
    db_column_copy(s, 9, t->note, sizeof t->note);
}

/* Status moves, timeline rows, payments and promises in one list: a row's
 * key is (at, id), its id the source row's id plus 2^40 times its source
 * (history, timeline, payments, promises), so each stays unique and at one
 * moment the status moves come first. A status move made through --as reads
 * "root as chloe" (only the history records the person behind --as yet). */
/* clang-format off */
#define TIMELINE_SELECT \
    "SELECT k, order_id, at, user_id," \
    " CASE WHEN ru.id <> u.id THEN ru.login || ' as ' || u.login ELSE coalesce(u.login, '') END," \
    " kind, ref_id, amount, detail, note FROM (" \
    " SELECT h.id AS k, h.order_id, h.at, coalesce(h.user_id, 0) AS user_id, 'status' AS kind," \
    "  h.id AS ref_id, NULL AS amount, coalesce(h.from_status || ' → ', '') || h.to_status AS detail," \
    "  h.note AS note, h.real_user_id AS real_id FROM order_status_history h WHERE h.order_id = :parent" \
    " UNION ALL SELECT t.id + 1099511627776, t.order_id, t.at, coalesce(t.user_id, 0), t.kind," \
    "  coalesce(t.ref_id, 0), t.amount, t.detail, '', NULL FROM order_timeline t WHERE t.order_id = :parent" \
    " UNION ALL SELECT p.id + 2199023255552, p.order_id, p.at, coalesce(p.user_id, 0)," \
    "  CASE p.direction WHEN 'in' THEN 'payment' ELSE 'refund' END, p.id, p.amount," \
    "  p.method || CASE WHEN p.reference <> '' THEN ' ' || p.reference ELSE '' END, '', NULL" \
    "  FROM payments p WHERE p.order_id = :parent" \
    " UNION ALL SELECT r.id + 3298534883328, r.order_id, r.at, coalesce(r.user_id, 0), 'promise', r.id," \
    "  NULL, r.promised_date || CASE WHEN r.reason <> 'placed' THEN ': ' || r.reason ELSE '' END, '', NULL" \
    "  FROM order_promises r WHERE r.order_id = :parent)" \
    " LEFT JOIN users u ON u.id = user_id LEFT JOIN users ru ON ru.id = real_id" \
    " WHERE (:after = 0 OR (at, k) "
/* clang-format on */

static const struct db_list_spec timeline_list = {
    TIMELINE_SELECT "> (:key, :id)) ORDER BY at, k",
    TIMELINE_SELECT "< (:key, :id)) ORDER BY at DESC, k DESC",
    sizeof(struct order_timeline_entry),
    timeline_row,
    true,
    "reading an order's timeline",
};

int order_timeline_store_list(struct db *db, int64_t order_id, const struct page_req *q, struct rows *out,
                              struct err *e)
{
    return db_list_read(db, &timeline_list, order_id, q, out, e);
}

void order_timeline_store_cursor(const struct order_timeline_entry *t, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->text, sizeof c->text, "%s", t->at);
    c->id = t->id;
}

int order_store_settle_history(struct db *db, int64_t from_id, const char *reference, struct err *e)
{
    static const char units[] =
        "UPDATE order_lines SET"
        " allocated_qty = CASE WHEN o.status = 'allocated' THEN order_lines.quantity ELSE 0 END,"
        " shipped_qty = CASE WHEN o.status IN ('shipped', 'delivered', 'closed')"
        "  THEN order_lines.quantity ELSE 0 END,"
        " cancelled_qty = CASE WHEN o.status = 'cancelled' THEN order_lines.quantity ELSE 0 END"
        " FROM orders o WHERE o.id = order_lines.order_id AND o.id >= ?1 AND order_lines.kind = 'goods'";
    static const char facts[] =
        "UPDATE order_lines SET category = p.category, list_price = p.list_price, unit_cost = p.unit_cost,"
        " tax_class = p.tax_class FROM products p"
        " WHERE p.id = order_lines.product_id AND order_lines.order_id >= ?1 AND order_lines.tax_class = ''";
    static const char stock[] =
        "UPDATE products SET stock_reserved = r.held, stock_on_hand = max(stock_on_hand, r.held)"
        " FROM (SELECT product_id, sum(allocated_qty) AS held FROM order_lines"
        "       WHERE product_id IN (SELECT product_id FROM order_lines WHERE order_id >= ?1)"
        "       GROUP BY product_id) r WHERE products.id = r.product_id";
    static const char pay[] =
        "INSERT INTO payments(order_id, direction, method, amount, reference, at, day, user_id, reason)"
        " SELECT id, 'in', CASE channel WHEN 'b2b' THEN 'account' ELSE 'card' END, total, ?2, placed_at,"
        " coalesce(placed_day, date(placed_at, 'localtime')), created_by, 'placing' FROM orders"
        " WHERE id >= ?1 AND status <> 'cancelled' AND total > 0 AND paid_total = 0";
    static const char paid[] =
        "UPDATE orders SET paid_total = total WHERE id >= ?1 AND status <> 'cancelled' AND total > 0 "
        "AND paid_total = 0";
    static const char promise[] =
        "INSERT INTO order_promises(order_id, promised_date, at, user_id, reason)"
        " SELECT id, promised_date, placed_at, created_by, ?2 FROM orders"
        " WHERE id >= ?1 AND promised_date IS NOT NULL AND first_promised_date IS NULL";
    const char *const statements[] = {units, facts, stock, pay, paid, promise};
    for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++) {
        DB_PREPARE_OR_RETURN(s, statements[i]);
        sqlite3_bind_int64(s, 1, from_id);
        if (sqlite3_bind_parameter_count(s) >= 2)
            db_bind_text(s, 2, reference);
        int rc = db_step_done(db, s, sqlite3_step(s), e, "settling imported orders");
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}
