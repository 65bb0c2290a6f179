/* Stock on hand, its moves and the lines waiting for it (see the header). */
#include <stdio.h>
#include <string.h>

#include "db/db_private.h"
#include "db/stock_store.h"
#include "src/base/names.h"

int stock_store_add_move(struct db *db, struct stock_move *m, struct err *e)
{
    static const char sql[] =
        "INSERT INTO stock_moves(product_id, at, kind, on_hand_delta, order_id, shipment_id, return_id, "
        "user_id, note) VALUES (:product_id, :at, :kind, :delta, :order_id, :shipment_id, :return_id, "
        ":user_id, :note)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":product_id"), m->product_id);
    db_bind_text(s, db_param(s, ":at"), m->at);
    db_bind_text(s, db_param(s, ":kind"),
                 name_at(stock_move_kind_names, STOCK_MOVE_KIND_COUNT, (int)m->kind));
    sqlite3_bind_int64(s, db_param(s, ":delta"), m->on_hand_delta);
    db_bind_id_or_null(s, db_param(s, ":order_id"), m->order_id);
    db_bind_id_or_null(s, db_param(s, ":shipment_id"), m->shipment_id);
    db_bind_id_or_null(s, db_param(s, ":return_id"), m->return_id);
    db_bind_id_or_null(s, db_param(s, ":user_id"), m->user_id);
    db_bind_text(s, db_param(s, ":note"), m->note);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "recording a stock move");
    if (rc == ERR_OK)
        m->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

/* A conditional UPDATE of a product binding ?1 its id and ?2 a quantity. */
static int product_update(struct db *db, const char *sql, int64_t product_id, int64_t qty, bool *done,
                          struct err *e, const char *what)
{
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, product_id);
    sqlite3_bind_int64(s, 2, qty);
    int rc = db_step_done(db, s, sqlite3_step(s), e, what);
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

/* A change of stock on hand bumps the version: a product form opened before
 * it is refused on save (it would write the stock it showed). */
int stock_store_raise(struct db *db, int64_t product_id, int64_t qty, struct err *e)
{
    static const char sql[] =
        "UPDATE products SET stock_on_hand = stock_on_hand + ?2, version = version + 1 WHERE id = ?1";
    bool done = false;
    int rc = product_update(db, sql, product_id, qty, &done, e, "receiving stock");
    if (rc == ERR_OK && !done)
        rc = err_set(e, ERR_NOTFOUND, "sku", "no such product");
    return rc;
}

int stock_store_adjust(struct db *db, int64_t product_id, int64_t delta, bool *done, struct err *e)
{
    static const char sql[] =
        "UPDATE products SET stock_on_hand = stock_on_hand + ?2, version = version + 1 "
        "WHERE id = ?1 AND stock_on_hand + ?2 >= stock_reserved AND stock_on_hand + ?2 >= 0";
    return product_update(db, sql, product_id, delta, done, e, "adjusting stock");
}

int stock_store_ship(struct db *db, int64_t product_id, int64_t qty, bool *done, struct err *e)
{
    static const char sql[] =
        "UPDATE products SET stock_on_hand = stock_on_hand - ?2, stock_reserved = stock_reserved - ?2, "
        "version = version + 1 WHERE id = ?1 AND stock_reserved >= ?2 AND stock_on_hand >= ?2";
    return product_update(db, sql, product_id, qty, done, e, "taking shipped stock out");
}

int stock_store_release(struct db *db, int64_t product_id, int64_t qty, bool *done, struct err *e)
{
    static const char sql[] =
        "UPDATE products SET stock_reserved = stock_reserved - ?2 WHERE id = ?1 AND stock_reserved >= ?2";
    return product_update(db, sql, product_id, qty, done, e, "releasing reserved stock");
}

int stock_store_take(struct db *db, int64_t product_id, int64_t qty, bool *done, struct err *e)
{
    static const char sql[] = "UPDATE products SET stock_reserved = stock_reserved + ?2 "
                              "WHERE id = ?1 AND stock_on_hand - stock_reserved >= ?2";
    return product_update(db, sql, product_id, qty, done, e, "reserving stock");
}

int stock_store_free(struct db *db, int64_t product_id, int64_t *free, struct err *e)
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

/* ------------------------------------------------------- waiting lines */

static void waiting_row(sqlite3_stmt *s, void *row)
{
    struct waiting_line *w = row;
    memset(w, 0, sizeof *w);
    w->order_line_id = sqlite3_column_int64(s, 0);
    w->order_id = sqlite3_column_int64(s, 1);
    db_column_copy(s, 2, w->number, sizeof w->number);
    w->backorder_qty = sqlite3_column_int64(s, 3);
    db_column_copy(s, 4, w->promised_date, sizeof w->promised_date);
}

int stock_store_waiting(struct db *db, int64_t product_id, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT l.id, l.order_id, o.number, l.backorder_qty, coalesce(o.promised_date, '')"
        " FROM order_lines l JOIN orders o ON o.id = l.order_id"
        " WHERE l.product_id = ? AND l.backorder_qty > 0"
        " AND o.status IN ('placed', 'allocated', 'partially_shipped')"
        " ORDER BY o.promised_date IS NULL, o.promised_date, o.placed_at, o.id, l.line_no";
    rows_reset(out, sizeof(struct waiting_line));
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, product_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        waiting_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading the lines waiting for stock");
}

int stock_store_allocate_line(struct db *db, int64_t line_id, int64_t qty, bool *done, struct err *e)
{
    static const char sql[] =
        "UPDATE order_lines SET allocated_qty = allocated_qty + ?2 WHERE id = ?1 AND backorder_qty >= ?2";
    return product_update(db, sql, line_id, qty, done, e, "allocating stock to an order line");
}

int stock_store_order_waiting(struct db *db, int64_t order_id, int64_t *waiting, struct err *e)
{
    static const char sql[] = "SELECT coalesce(sum(backorder_qty), 0) FROM order_lines WHERE order_id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    int rc = sqlite3_step(s);
    *waiting = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    return db_step_done(db, s, rc, e, "reading what an order waits for");
}

/* ------------------------------------------------------ back-orders */

static void backorder_row(sqlite3_stmt *s, void *row)
{
    struct backorder_row *b = row;
    memset(b, 0, sizeof *b);
    b->product_id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, b->sku, sizeof b->sku);
    db_column_copy(s, 2, b->name, sizeof b->name);
    b->waiting = sqlite3_column_int64(s, 3);
    b->orders = sqlite3_column_int64(s, 4);
    b->free = sqlite3_column_int64(s, 5);
    db_column_copy(s, 6, b->first_promise, sizeof b->first_promise);
}

/* clang-format off */
#define BACKORDERS_SELECT \
    "SELECT p.id, p.sku, p.name, w.waiting, w.orders, p.stock_on_hand - p.stock_reserved, w.first_promise" \
    " FROM (SELECT l.product_id, sum(l.backorder_qty) AS waiting, count(DISTINCT l.order_id) AS orders," \
    "  coalesce(min(o.promised_date), '') AS first_promise" \
    "  FROM order_lines l JOIN orders o ON o.id = l.order_id" \
    "  WHERE l.backorder_qty > 0 AND l.product_id IS NOT NULL" \
    "  AND o.status IN ('placed', 'allocated', 'partially_shipped') GROUP BY l.product_id) w" \
    " JOIN products p ON p.id = w.product_id" \
    " WHERE (:pattern = '' OR instr(lower(p.sku), lower(:pattern))" \
    "  OR instr(lower(p.name), lower(:pattern)))" \
    " AND (:after = 0 OR (p.sku, p.id) "
/* clang-format on */

static const struct db_list_spec backorders_list = {
    BACKORDERS_SELECT "> (:key, :id)) ORDER BY p.sku, p.id",
    BACKORDERS_SELECT "< (:key, :id)) ORDER BY p.sku DESC, p.id DESC",
    sizeof(struct backorder_row),
    backorder_row,
    true,
    "reading back-orders",
};

int stock_store_backorders(struct db *db, const struct page_req *q, struct rows *out, struct err *e)
{
    rows_reset(out, backorders_list.size);
    sqlite3_stmt *s = db_list_prepare(db, &backorders_list, 0, q, e);
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    db_bind_text(s, db_param(s, ":pattern"), q && q->filter ? q->filter : "");
    return db_list_collect(db, s, &backorders_list, q, out, e);
}

void stock_store_backorder_cursor(const struct backorder_row *r, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->text, sizeof c->text, "%s", r->sku);
    c->id = r->product_id;
}

/* ------------------------------------------------------------ moves */

static void move_row(sqlite3_stmt *s, void *row)
{
    struct stock_move *m = row;
    char kind[16];
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(s, 0);
    m->product_id = sqlite3_column_int64(s, 1);
    db_column_copy(s, 2, m->at, sizeof m->at);
    db_column_copy(s, 3, kind, sizeof kind);
    int k = name_index(stock_move_kind_names, STOCK_MOVE_KIND_COUNT, kind, false);
    m->kind = k < 0 ? MOVE_ADJUST : (enum stock_move_kind)k;
    m->on_hand_delta = sqlite3_column_int64(s, 4);
    m->order_id = sqlite3_column_int64(s, 5);
    m->shipment_id = sqlite3_column_int64(s, 6);
    m->return_id = sqlite3_column_int64(s, 7);
    m->user_id = sqlite3_column_int64(s, 8);
    db_column_copy(s, 9, m->note, sizeof m->note);
}

/* clang-format off */
#define MOVES_SELECT \
    "SELECT id, product_id, at, kind, on_hand_delta, coalesce(order_id, 0), coalesce(shipment_id, 0)," \
    " coalesce(return_id, 0), coalesce(user_id, 0), note FROM stock_moves" \
    " WHERE product_id = :parent AND (:after = 0 OR (id, id) "
/* clang-format on */

static const struct db_list_spec moves_list = {
    MOVES_SELECT "> (:key, :id)) ORDER BY id",
    MOVES_SELECT "< (:key, :id)) ORDER BY id DESC",
    sizeof(struct stock_move),
    move_row,
    false,
    "reading stock moves",
};

int stock_store_moves(struct db *db, int64_t product_id, const struct page_req *q, struct rows *out,
                      struct err *e)
{
    return db_list_read(db, &moves_list, product_id, q, out, e);
}
