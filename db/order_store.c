/* The order store: orders with their lines and status history, numbering,
 * optimistic status changes, keyset pages, the support search and the check
 * that totals equal their lines. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/db_private.h"
#include "db/order_store.h"
#include "db/settings_store.h"
#include "src/base/datetime.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/base/strbuf.h"

/* ------------------------------------------------------------ reading */

/* The columns every order query returns, in the order order_row_read reads. */
#define ORDER_COLS                                                                                           \
    "o.id, o.number, o.channel, coalesce(o.account_id, 0), coalesce(o.contact_id, 0), "                      \
    "coalesce(o.customer_id, 0), o.status, o.placed_at, o.shipping_method, "                                 \
    "coalesce(o.requested_date, ''), coalesce(o.promised_date, ''), o.ship_name, "                           \
    "o.ship_address, o.subtotal, o.tax_total, o.total, o.note, coalesce(o.created_by, 0), "                  \
    "o.version, coalesce(a.code, ''), coalesce(a.name, c.name, ''), "                                        \
    "coalesce(nullif(ct.email, ''), a.email, c.email, ''), "                                                 \
    "coalesce(nullif(ct.phone, ''), a.phone, c.phone, ''), "                                                 \
    "(SELECT count(*) FROM order_lines l WHERE l.order_id = o.id AND l.kind = 'goods'), "                    \
    "o.source, coalesce(o.quote_id, 0), coalesce(o.exchange_of, 0), coalesce(o.placed_day, ''), "            \
    "coalesce(o.rep_id, 0), o.prices_include_tax, coalesce(o.first_promised_date, ''), "                     \
    "coalesce(o.delivered_at, ''), coalesce(o.delivered_day, ''), o.po_number, o.gift_wrap, "                \
    "o.gift_message, o.goods_total, o.discount_total, o.paid_total, o.refunded_total"
#define ORDER_JOINS                                                                                          \
    " LEFT JOIN accounts a ON a.id = o.account_id"                                                           \
    " LEFT JOIN customers c ON c.id = o.customer_id"                                                         \
    " LEFT JOIN contacts ct ON ct.id = o.contact_id"
#define ORDER_SELECT "SELECT " ORDER_COLS " FROM orders o" ORDER_JOINS

/* The columns of the snapshot, from column c on. */
static void order_row_read_snapshot(sqlite3_stmt *s, int c, struct order *o)
{
    char text[32];
    db_column_copy(s, c++, text, sizeof text);
    int source = name_index(order_source_names, ORDER_SOURCE_COUNT, text, false);
    o->source = source < 0 ? ORDER_SOURCE_IMPORT : (enum order_source)source;
    o->quote_id = sqlite3_column_int64(s, c++);
    o->exchange_of = sqlite3_column_int64(s, c++);
    db_column_copy(s, c++, o->placed_day, sizeof o->placed_day);
    o->rep_id = sqlite3_column_int64(s, c++);
    o->prices_include_tax = sqlite3_column_int(s, c++) != 0;
    db_column_copy(s, c++, o->first_promised_date, sizeof o->first_promised_date);
    db_column_copy(s, c++, o->delivered_at, sizeof o->delivered_at);
    db_column_copy(s, c++, o->delivered_day, sizeof o->delivered_day);
    db_column_copy(s, c++, o->po_number, sizeof o->po_number);
    o->gift_wrap = sqlite3_column_int(s, c++) != 0;
    db_column_copy(s, c++, o->gift_message, sizeof o->gift_message);
    o->goods_total = sqlite3_column_int64(s, c++);
    o->discount_total = sqlite3_column_int64(s, c++);
    o->paid_total = sqlite3_column_int64(s, c++);
    o->refunded_total = sqlite3_column_int64(s, c);
}

static void order_row_read(sqlite3_stmt *s, struct order *o)
{
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, o->number, sizeof o->number);
    char text[32];
    db_column_copy(s, 2, text, sizeof text);
    channel_parse(text, &o->channel);
    o->account_id = sqlite3_column_int64(s, 3);
    o->contact_id = sqlite3_column_int64(s, 4);
    o->customer_id = sqlite3_column_int64(s, 5);
    db_column_copy(s, 6, text, sizeof text);
    order_status_parse(text, &o->status);
    db_column_copy(s, 7, o->placed_at, sizeof o->placed_at);
    db_column_copy(s, 8, o->shipping_method, sizeof o->shipping_method);
    db_column_copy(s, 9, o->requested_date, sizeof o->requested_date);
    db_column_copy(s, 10, o->promised_date, sizeof o->promised_date);
    db_column_copy(s, 11, o->ship_name, sizeof o->ship_name);
    db_column_copy(s, 12, o->ship_address, sizeof o->ship_address);
    o->subtotal = sqlite3_column_int64(s, 13);
    o->tax_total = sqlite3_column_int64(s, 14);
    o->total = sqlite3_column_int64(s, 15);
    db_column_copy(s, 16, o->note, sizeof o->note);
    o->created_by = sqlite3_column_int64(s, 17);
    o->version = sqlite3_column_int64(s, 18);
    db_column_copy(s, 19, o->party_code, sizeof o->party_code);
    db_column_copy(s, 20, o->party_name, sizeof o->party_name);
    db_column_copy(s, 21, o->party_email, sizeof o->party_email);
    db_column_copy(s, 22, o->party_phone, sizeof o->party_phone);
    o->line_count = sqlite3_column_int(s, 23);
    order_row_read_snapshot(s, 24, o);
}

/* Steps a statement that yields at most one order. */
static int order_fetch_one(struct db *db, sqlite3_stmt *s, const char *key, struct order *out, struct err *e)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        order_row_read(s, out);
        sqlite3_reset(s);
        return ERR_OK;
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return err_set(e, ERR_NOTFOUND, "number", "no order %s", key);
    return db_fail(db, e, "reading an order");
}

int order_store_get(struct db *db, int64_t id, struct order *out, struct err *e)
{
    static const char sql[] = ORDER_SELECT " WHERE o.id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    char key[32];
    snprintf(key, sizeof key, "#%lld", (long long)id);
    return order_fetch_one(db, s, key, out, e);
}

int order_store_find_number(struct db *db, const char *number, struct order *out, struct err *e)
{
    static const char sql[] = ORDER_SELECT " WHERE o.number = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, number);
    return order_fetch_one(db, s, number, out, e);
}

static void order_line_row(sqlite3_stmt *s, void *row)
{
    struct order_line *l = row;
    memset(l, 0, sizeof *l);
    l->id = sqlite3_column_int64(s, 0);
    l->order_id = sqlite3_column_int64(s, 1);
    l->line_no = sqlite3_column_int(s, 2);
    l->product_id = sqlite3_column_int64(s, 3);
    db_column_copy(s, 4, l->sku, sizeof l->sku);
    db_column_copy(s, 5, l->description, sizeof l->description);
    l->quantity = sqlite3_column_int64(s, 6);
    l->unit_price = sqlite3_column_int64(s, 7);
    l->tax_rate_bp = sqlite3_column_int(s, 8);
    l->net_amount = sqlite3_column_int64(s, 9);
    l->tax_amount = sqlite3_column_int64(s, 10);
    l->discount_amount = sqlite3_column_int64(s, 11);
    char text[16];
    db_column_copy(s, 12, text, sizeof text);
    int kind = name_index(line_kind_names, LINE_KIND_COUNT, text, false);
    l->kind = kind < 0 ? LINE_GOODS : (enum line_kind)kind;
    db_column_copy(s, 13, l->category, sizeof l->category);
    l->list_price = sqlite3_column_int64(s, 14);
    db_column_copy(s, 15, l->price_source, sizeof l->price_source);
    l->unit_cost = sqlite3_column_int64(s, 16);
    db_column_copy(s, 17, l->tax_class, sizeof l->tax_class);
    l->tax_included = sqlite3_column_int(s, 18) != 0;
    l->gross_amount = sqlite3_column_int64(s, 19);
    l->total_amount = sqlite3_column_int64(s, 20);
    l->allocated_qty = sqlite3_column_int64(s, 21);
    l->shipped_qty = sqlite3_column_int64(s, 22);
    l->cancelled_qty = sqlite3_column_int64(s, 23);
    l->backorder_qty = sqlite3_column_int64(s, 24);
    l->returned_qty = sqlite3_column_int64(s, 25);
    l->refunded_qty = sqlite3_column_int64(s, 26);
    l->refunded_amount = sqlite3_column_int64(s, 27);
    l->refunded_tax = sqlite3_column_int64(s, 28);
    db_column_copy(s, 29, l->expected_date, sizeof l->expected_date);
}

#define ORDER_LINE_SELECT                                                                                    \
    "SELECT id, order_id, line_no, coalesce(product_id, 0), sku, description, quantity, "                    \
    "unit_price, tax_rate_bp, net_amount, tax_amount, discount_amount, kind, category, list_price, "         \
    "price_source, unit_cost, tax_class, tax_included, gross_amount, total_amount, allocated_qty, "          \
    "shipped_qty, cancelled_qty, backorder_qty, returned_qty, refunded_qty, refunded_amount, "               \
    "refunded_tax, coalesce(expected_date, '') FROM order_lines "                                            \
    "WHERE order_id = :parent AND (:after = 0 OR (line_no, id) "

static const struct db_list_spec order_lines_list = {
    ORDER_LINE_SELECT "> (:key, :id)) ORDER BY line_no, id",
    ORDER_LINE_SELECT "< (:key, :id)) ORDER BY line_no DESC, id DESC",
    sizeof(struct order_line),
    order_line_row,
    false,
    "reading order lines",
};

int order_store_lines(struct db *db, int64_t order_id, const struct page_req *q, struct rows *out,
                      struct err *e)
{
    return db_list_read(db, &order_lines_list, order_id, q, out, e);
}

void order_store_line_cursor(const struct order_line *l, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    c->num = l->line_no;
    c->id = l->id;
}

static void order_event_row(sqlite3_stmt *s, void *row)
{
    struct order_event *ev = row;
    memset(ev, 0, sizeof *ev);
    ev->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, ev->from_status, sizeof ev->from_status);
    db_column_copy(s, 2, ev->to_status, sizeof ev->to_status);
    db_column_copy(s, 3, ev->at, sizeof ev->at);
    db_column_copy(s, 4, ev->user_login, sizeof ev->user_login);
    db_column_copy(s, 5, ev->note, sizeof ev->note);
}

/* The login reads "root as david" when someone acted as another (--as). */
#define ORDER_EVENT_SELECT                                                                                   \
    "SELECT h.id, coalesce(h.from_status, ''), h.to_status, h.at, "                                          \
    "CASE WHEN r.id <> u.id THEN r.login || ' as ' || u.login ELSE coalesce(u.login, '') END, h.note "       \
    "FROM order_status_history h LEFT JOIN users u ON u.id = h.user_id "                                     \
    "LEFT JOIN users r ON r.id = h.real_user_id "                                                            \
    "WHERE h.order_id = :parent AND (:after = 0 OR (h.at, h.id) "

static const struct db_list_spec order_events_list = {
    ORDER_EVENT_SELECT "> (:key, :id)) ORDER BY h.at, h.id",
    ORDER_EVENT_SELECT "< (:key, :id)) ORDER BY h.at DESC, h.id DESC",
    sizeof(struct order_event),
    order_event_row,
    true,
    "reading order history",
};

int order_store_events(struct db *db, int64_t order_id, const struct page_req *q, struct rows *out,
                       struct err *e)
{
    return db_list_read(db, &order_events_list, order_id, q, out, e);
}

void order_store_event_cursor(const struct order_event *ev, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->text, sizeof c->text, "%s", ev->at);
    c->id = ev->id;
}

/* ------------------------------------------------------------ writing */

int order_store_add_event(struct db *db, int64_t order_id, const char *from, const char *to, const char *at,
                          int64_t user_id, const char *note, struct err *e)
{
    static const char sql[] =
        "INSERT INTO order_status_history(order_id, from_status, to_status, at, user_id, real_user_id, note) "
        "VALUES (:order_id, :from, :to, :at, :user_id, :real_user_id, :note)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":order_id"), order_id);
    db_bind_text_or_null(s, db_param(s, ":from"), from);
    db_bind_text(s, db_param(s, ":to"), to);
    db_bind_text(s, db_param(s, ":at"), at);
    db_bind_id_or_null(s, db_param(s, ":user_id"), user_id);
    db_bind_id_or_null(s, db_param(s, ":real_user_id"), db->person); /* the person behind an --as */
    db_bind_text(s, db_param(s, ":note"), note);
    return db_step_done(db, s, sqlite3_step(s), e, "recording a status change");
}

static void order_line_bind_snapshot(sqlite3_stmt *s, const struct order_line *l)
{
    db_bind_text(s, db_param(s, ":kind"), name_at(line_kind_names, LINE_KIND_COUNT, (int)l->kind));
    db_bind_text(s, db_param(s, ":category"), l->category);
    sqlite3_bind_int64(s, db_param(s, ":list_price"), l->list_price);
    db_bind_text(s, db_param(s, ":price_source"), l->price_source);
    sqlite3_bind_int64(s, db_param(s, ":unit_cost"), l->unit_cost);
    db_bind_text(s, db_param(s, ":tax_class"), l->tax_class);
    sqlite3_bind_int(s, db_param(s, ":tax_included"), l->tax_included);
    sqlite3_bind_int64(s, db_param(s, ":allocated_qty"), l->allocated_qty);
    db_bind_text_or_null(s, db_param(s, ":expected_date"), l->expected_date);
}

static int order_line_insert(struct db *db, int64_t order_id, struct order_line *l, int line_no,
                             struct err *e)
{
    static const char sql[] =
        "INSERT INTO order_lines(order_id, line_no, kind, product_id, sku, description, category, quantity, "
        "list_price, unit_price, price_source, unit_cost, tax_class, tax_rate_bp, tax_included, "
        "discount_amount, net_amount, tax_amount, allocated_qty, expected_date) "
        "VALUES (:order_id, :line_no, :kind, :product_id, :sku, :description, :category, :quantity, "
        ":list_price, :unit_price, :price_source, :unit_cost, :tax_class, :tax_rate_bp, :tax_included, "
        ":discount_amount, :net_amount, :tax_amount, :allocated_qty, :expected_date)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":order_id"), order_id);
    sqlite3_bind_int(s, db_param(s, ":line_no"), line_no);
    db_bind_id_or_null(s, db_param(s, ":product_id"), l->product_id);
    db_bind_text(s, db_param(s, ":sku"), l->sku);
    db_bind_text(s, db_param(s, ":description"), l->description);
    sqlite3_bind_int64(s, db_param(s, ":quantity"), l->quantity);
    sqlite3_bind_int64(s, db_param(s, ":unit_price"), l->unit_price);
    sqlite3_bind_int(s, db_param(s, ":tax_rate_bp"), l->tax_rate_bp);
    sqlite3_bind_int64(s, db_param(s, ":net_amount"), l->net_amount);
    sqlite3_bind_int64(s, db_param(s, ":tax_amount"), l->tax_amount);
    sqlite3_bind_int64(s, db_param(s, ":discount_amount"), l->discount_amount);
    order_line_bind_snapshot(s, l);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE) {
        l->id = sqlite3_last_insert_rowid(db->handle);
        l->order_id = order_id;
        l->line_no = line_no;
        return ERR_OK;
    }
    db_fail(db, e, "saving an order line");
    if (e)
        snprintf(e->field, sizeof e->field, "line %d", line_no);
    return e ? e->code : ERR_INTERNAL;
}

static void order_bind_snapshot(sqlite3_stmt *s, const struct order *o)
{
    db_bind_text(s, db_param(s, ":source"), name_at(order_source_names, ORDER_SOURCE_COUNT, (int)o->source));
    db_bind_id_or_null(s, db_param(s, ":quote_id"), o->quote_id);
    db_bind_id_or_null(s, db_param(s, ":exchange_of"), o->exchange_of);
    db_bind_text(s, db_param(s, ":placed_day"), o->placed_day);
    db_bind_id_or_null(s, db_param(s, ":rep_id"), o->rep_id);
    db_bind_text_or_null(s, db_param(s, ":idempotency_key"), o->idempotency_key);
    db_bind_text_or_null(s, db_param(s, ":cart_fingerprint"), o->cart_fingerprint);
    sqlite3_bind_int(s, db_param(s, ":prices_include_tax"), o->prices_include_tax);
    db_bind_text(s, db_param(s, ":po_number"), o->po_number);
    sqlite3_bind_int(s, db_param(s, ":gift_wrap"), o->gift_wrap);
    db_bind_text(s, db_param(s, ":gift_message"), o->gift_message);
    sqlite3_bind_int64(s, db_param(s, ":goods_total"), o->goods_total);
    sqlite3_bind_int64(s, db_param(s, ":discount_total"), o->discount_total);
    sqlite3_bind_int64(s, db_param(s, ":paid_total"), o->paid_total);
}

/* The rep the row was given (the insert's coalesce): read back only for an
 * account's order, the rest is known here (an INSERT ... RETURNING costs a
 * temporary table on every order placed). */
static int order_row_rep(struct db *db, struct order *o, int64_t user_id, struct err *e)
{
    static const char sql[] = "SELECT coalesce(rep_id, 0) FROM orders WHERE id = ?";
    if (o->rep_id > 0 || o->account_id <= 0) {
        o->rep_id = o->rep_id > 0 ? o->rep_id : user_id > 0 ? user_id : 0;
        return ERR_OK;
    }
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, o->id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        o->rep_id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? ERR_OK : db_fail(db, e, "saving an order");
}

static int order_row_insert(struct db *db, struct order *o, int64_t user_id, bool placed_first, struct err *e)
{
    /* The credited seller: the account's rep then, else whoever took it. */
    static const char sql[] =
        "INSERT INTO orders(number, channel, source, account_id, contact_id, customer_id, quote_id, "
        "exchange_of, status, placed_at, placed_day, rep_id, created_by, idempotency_key, cart_fingerprint, "
        "prices_include_tax, shipping_method, requested_date, promised_date, first_promised_date, ship_name, "
        "ship_address, "
        "po_number, gift_wrap, gift_message, goods_total, discount_total, subtotal, tax_total, total, "
        "paid_total, note, version) "
        "VALUES (:number, :channel, :source, :account_id, :contact_id, :customer_id, :quote_id, "
        ":exchange_of, :status, :placed_at, :placed_day, "
        "coalesce(:rep_id, (SELECT rep_id FROM accounts WHERE id = :account_id), :created_by), :created_by, "
        ":idempotency_key, :cart_fingerprint, :prices_include_tax, :shipping_method, :requested_date, "
        ":promised_date, :first_promised_date, :ship_name, :ship_address, :po_number, :gift_wrap, "
        ":gift_message, :goods_total, :discount_total, :subtotal, :tax_total, :total, :paid_total, :note, 1)";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, db_param(s, ":number"), o->number);
    db_bind_text(s, db_param(s, ":channel"), channel_name(o->channel));
    db_bind_id_or_null(s, db_param(s, ":account_id"), o->account_id);
    db_bind_id_or_null(s, db_param(s, ":contact_id"), o->contact_id);
    db_bind_id_or_null(s, db_param(s, ":customer_id"), o->customer_id);
    db_bind_text(s, db_param(s, ":status"), order_status_name(o->status));
    db_bind_text(s, db_param(s, ":placed_at"), o->placed_at);
    db_bind_text(s, db_param(s, ":shipping_method"), o->shipping_method);
    db_bind_text_or_null(s, db_param(s, ":requested_date"), o->requested_date);
    db_bind_text_or_null(s, db_param(s, ":promised_date"), o->promised_date);
    /* placing adds this promise in its transaction (order_store.h) */
    db_bind_text_or_null(s, db_param(s, ":first_promised_date"), placed_first ? o->promised_date : NULL);
    db_bind_text(s, db_param(s, ":ship_name"), o->ship_name);
    db_bind_text(s, db_param(s, ":ship_address"), o->ship_address);
    sqlite3_bind_int64(s, db_param(s, ":subtotal"), o->subtotal);
    sqlite3_bind_int64(s, db_param(s, ":tax_total"), o->tax_total);
    sqlite3_bind_int64(s, db_param(s, ":total"), o->total);
    db_bind_text(s, db_param(s, ":note"), o->note);
    db_bind_id_or_null(s, db_param(s, ":created_by"), user_id);
    order_bind_snapshot(s, o);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE) {
        o->id = sqlite3_last_insert_rowid(db->handle);
        o->version = 1;
        o->created_by = user_id;
        return order_row_rep(db, o, user_id, e);
    }
    if (sqlite3_extended_errcode(db->handle) == SQLITE_CONSTRAINT_UNIQUE)
        return err_set(e, ERR_EXISTS, "number", "order %s already exists", o->number);
    return db_fail(db, e, "saving an order");
}

/* Fills the number, date and shipping method an order gets when none is given. */
/* A number given from outside (an import) in our own form O-000123 moves the
 * counter past it, so the next order we number never collides with it. */
static int order_number_taken(struct db *db, const char *number, struct err *e)
{
    char *end = NULL;
    if (strncmp(number, "O-", 2) != 0 || number[2] < '0' || number[2] > '9')
        return ERR_OK;
    long long n = strtoll(number + 2, &end, 10);
    if (end == NULL || *end != '\0' || n <= 0)
        return ERR_OK;
    return counters_store_raise(db, "order", n, e);
}

/* The totals an order keeps besides subtotal, tax and total, from its goods lines. */
static void order_goods_totals(struct order *o, const struct order_line *lines, int nlines)
{
    o->goods_total = o->discount_total = 0;
    for (int i = 0; i < nlines; i++) {
        if (lines[i].kind == LINE_GOODS)
            o->goods_total += lines[i].net_amount + lines[i].tax_amount;
        o->discount_total += lines[i].discount_amount;
    }
}

static int order_fill_defaults(struct db *db, struct order *o, struct err *e)
{
    if (o->placed_at[0] == '\0')
        datetime_now_utc(o->placed_at);
    if (o->placed_day[0] == '\0')
        datetime_local_date(o->placed_at, o->placed_day);
    if (o->shipping_method[0] == '\0')
        snprintf(o->shipping_method, sizeof o->shipping_method, "standard");
    if (o->number[0] != '\0')
        return order_number_taken(db, o->number, e);
    int64_t n = 0;
    int rc = counters_store_next(db, "order", &n, e);
    if (rc == ERR_OK)
        snprintf(o->number, sizeof o->number, "O-%06lld", (long long)n);
    return rc;
}

/* The first status events: NULL → status, or (placed_first) NULL → placed
 * then placed → status, the row written once with its final status. */
static int order_first_events(struct db *db, const struct order *o, int64_t user_id, bool placed_first,
                              struct err *e)
{
    const char *to = order_status_name(o->status), *placed = order_status_name(ORDER_PLACED);
    if (!placed_first || o->status == ORDER_PLACED)
        return order_store_add_event(db, o->id, NULL, to, o->placed_at, user_id, "", e);
    int rc = order_store_add_event(db, o->id, NULL, placed, o->placed_at, user_id, "", e);
    return rc != ERR_OK ? rc : order_store_add_event(db, o->id, placed, to, o->placed_at, user_id, "", e);
}

static int order_insert(struct db *db, struct order *o, struct order_line *lines, int nlines, int64_t user_id,
                        bool placed_first, struct err *e)
{
    int rc = db_begin(db, e);
    if (rc != ERR_OK)
        return rc;
    order_goods_totals(o, lines, nlines);
    if ((rc = order_fill_defaults(db, o, e)) == ERR_OK &&
        (rc = order_row_insert(db, o, user_id, placed_first, e)) == ERR_OK)
        rc = order_first_events(db, o, user_id, placed_first, e);
    for (int i = 0; rc == ERR_OK && i < nlines; i++)
        rc = order_line_insert(db, o->id, &lines[i], lines[i].line_no > 0 ? lines[i].line_no : i + 1, e);
    if (rc != ERR_OK) {
        db_rollback(db);
        return rc;
    }
    if ((rc = db_commit(db, e)) == ERR_OK)
        o->line_count = nlines;
    return rc;
}

int order_store_insert(struct db *db, struct order *o, struct order_line *lines, int nlines, int64_t user_id,
                       struct err *e)
{
    return order_insert(db, o, lines, nlines, user_id, false, e);
}

int order_store_insert_placed(struct db *db, struct order *o, struct order_line *lines, int nlines,
                              int64_t user_id, struct err *e)
{
    return order_insert(db, o, lines, nlines, user_id, true, e);
}

/* Zero rows changed: the order is gone, or someone saved it first. */
static int order_update_missed(struct db *db, const struct order *o, struct err *e)
{
    static const char sql[] = "SELECT 1 FROM orders WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, o->id);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return err_set(e, ERR_NOTFOUND, "number", "no order %s", o->number);
    return err_set(e, ERR_CONFLICT, "version", "order %s was changed by someone else — reload", o->number);
}

int order_store_set_status(struct db *db, struct order *o, enum order_status to, int64_t user_id,
                           const char *note, struct err *e)
{
    static const char sql[] =
        "UPDATE orders SET status = ?, version = version + 1 WHERE id = ? AND version = ?";
    int rc = db_begin(db, e);
    if (rc != ERR_OK)
        return rc;
    sqlite3_stmt *s = db_stmt(db, sql, e);
    if (s == NULL) {
        db_rollback(db);
        return e ? e->code : ERR_INTERNAL;
    }
    db_bind_text(s, 1, order_status_name(to));
    sqlite3_bind_int64(s, 2, o->id);
    sqlite3_bind_int64(s, 3, o->version);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        rc = db_fail(db, e, "changing an order's status");
    else if (sqlite3_changes(db->handle) == 0)
        rc = order_update_missed(db, o, e);
    else {
        char now[32];
        datetime_now_utc(now);
        rc = order_store_add_event(db, o->id, order_status_name(o->status), order_status_name(to), now,
                                   user_id, note, e);
    }
    if (rc != ERR_OK) {
        db_rollback(db);
        return rc;
    }
    if ((rc = db_commit(db, e)) == ERR_OK) {
        o->status = to;
        o->version++;
    }
    return rc;
}

int order_store_set_note(struct db *db, struct order *o, struct err *e)
{
    static const char sql[] =
        "UPDATE orders SET note = ?, version = version + 1 WHERE id = ? AND version = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, o->note);
    sqlite3_bind_int64(s, 2, o->id);
    sqlite3_bind_int64(s, 3, o->version);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(db, e, "saving an order's note");
    if (sqlite3_changes(db->handle) == 0)
        return order_update_missed(db, o, e);
    o->version++;
    return ERR_OK;
}

/* ------------------------------------------------------------ paging */

/* Keyset bounds: with no cursor, a bound every row passes. In SQLite an
 * integer sorts before any text and any text before any blob. */
static void bind_text_key(sqlite3_stmt *s, const char *name, bool has, const char *text, bool upper)
{
    int i = sqlite3_bind_parameter_index(s, name);
    if (i == 0)
        return;
    if (has)
        db_bind_text(s, i, text);
    else if (upper)
        sqlite3_bind_blob(s, i, "", 0, SQLITE_STATIC);
    else
        sqlite3_bind_int(s, i, 0);
}

static void bind_int_key(sqlite3_stmt *s, const char *name, int64_t value)
{
    int i = sqlite3_bind_parameter_index(s, name);
    if (i != 0)
        sqlite3_bind_int64(s, i, value);
}

/* The text that sorts after every text starting with prefix (U+10FFFF appended). */
static void prefix_upper(const char *prefix, char *out, size_t len)
{
    snprintf(out, len, "%s\xf4\x8f\xbf\xbf", prefix);
}

#define PAGE_SQL(where, order) ORDER_SELECT " WHERE " where " ORDER BY " order " LIMIT :lim"
#define NUMBER_RANGE "o.number >= :lo AND o.number < :hi AND "
/* The same test, kept off the number index (unary +): checked row by row. */
#define NUMBER_TEST "+o.number >= :lo AND +o.number < :hi AND "

/* [sort][descending], walking the sort's own index: the list without a
 * filter, or with a number prefix so common that matches come quickly. */
static const char *const page_sql[4][2] = {
    {PAGE_SQL(NUMBER_TEST "(o.placed_at, o.id) > (:k1, :id)", "o.placed_at, o.id"),
     PAGE_SQL(NUMBER_TEST "(o.placed_at, o.id) < (:k1, :id)", "o.placed_at DESC, o.id DESC")},
    {PAGE_SQL("o.number > :k1", "o.number"), PAGE_SQL("o.number < :k1", "o.number DESC")},
    {PAGE_SQL(NUMBER_TEST "(o.total, o.id) > (:n1, :id)", "o.total, o.id"),
     PAGE_SQL(NUMBER_TEST "(o.total, o.id) < (:n1, :id)", "o.total DESC, o.id DESC")},
    {PAGE_SQL(NUMBER_TEST "(o.status, o.placed_at, o.id) > (:k2, :k1, :id)", "o.status, o.placed_at, o.id"),
     PAGE_SQL(NUMBER_TEST "(o.status, o.placed_at, o.id) < (:k2, :k1, :id)",
              "o.status DESC, o.placed_at DESC, o.id DESC")},
};

/* With a rarer number prefix: its range of the number index, then sorted
 * (the unary + keeps the planner off the sort's index, which would scan). */
static const char *const page_filtered_sql[4][2] = {
    {PAGE_SQL(NUMBER_RANGE "(+o.placed_at, o.id) > (:k1, :id)", "+o.placed_at, o.id"),
     PAGE_SQL(NUMBER_RANGE "(+o.placed_at, o.id) < (:k1, :id)", "+o.placed_at DESC, o.id DESC")},
    {PAGE_SQL(NUMBER_RANGE "o.number > :k1", "o.number"),
     PAGE_SQL(NUMBER_RANGE "o.number < :k1", "o.number DESC")},
    {PAGE_SQL(NUMBER_RANGE "(+o.total, o.id) > (:n1, :id)", "+o.total, o.id"),
     PAGE_SQL(NUMBER_RANGE "(+o.total, o.id) < (:n1, :id)", "+o.total DESC, o.id DESC")},
    {PAGE_SQL(NUMBER_RANGE "(+o.status, o.placed_at, o.id) > (:k2, :k1, :id)",
              "+o.status, o.placed_at, o.id"),
     PAGE_SQL(NUMBER_RANGE "(+o.status, o.placed_at, o.id) < (:k2, :k1, :id)",
              "+o.status DESC, o.placed_at DESC, o.id DESC")},
};

/* Past this many orders under a prefix, walking the sort's index finds a
 * page sooner than sorting the whole range. */
#define PREFIX_BROAD 2000

static bool order_prefix_is_broad(struct db *db, const char *lo, const char *hi)
{
    static const char sql[] =
        "SELECT count(*) FROM (SELECT 1 FROM orders WHERE number >= ? AND number < ? LIMIT ?)";
    sqlite3_stmt *s = db_stmt(db, sql, NULL);
    if (s == NULL)
        return false;
    db_bind_text(s, 1, lo);
    db_bind_text(s, 2, hi);
    sqlite3_bind_int(s, 3, PREFIX_BROAD);
    bool broad = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) >= PREFIX_BROAD;
    sqlite3_reset(s);
    return broad;
}

void order_store_cursor(const struct order *o, int sort, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    c->id = o->id;
    switch (sort) {
    case ORDER_SORT_NUMBER: snprintf(c->text, sizeof c->text, "%s", o->number); break;
    case ORDER_SORT_TOTAL: c->num = o->total; break;
    case ORDER_SORT_STATUS:
        c->num = o->status;
        snprintf(c->text, sizeof c->text, "%s", o->placed_at);
        break;
    default: snprintf(c->text, sizeof c->text, "%s", o->placed_at); break;
    }
}

static void page_bind(sqlite3_stmt *s, const struct page_req *q, bool desc, const char *lo, const char *hi)
{
    bool has = q->has_cursor;
    bind_text_key(s, ":k1", has, q->cursor.text, desc);
    bind_text_key(s, ":k2", has, order_status_name((enum order_status)q->cursor.num), desc);
    bind_int_key(s, ":n1", has ? q->cursor.num : desc ? INT64_MAX : INT64_MIN);
    bind_int_key(s, ":id", has ? q->cursor.id : desc ? INT64_MAX : INT64_MIN);
    bind_text_key(s, ":lo", lo != NULL, lo, false);
    bind_text_key(s, ":hi", hi != NULL, hi, true);
    bind_int_key(s, ":lim", db_page_limit(q));
}

/* Reads every row of a page statement; rows fetched backwards are turned round. */
static int page_collect(struct db *db, sqlite3_stmt *s, bool reverse, struct order *rows, int *count,
                        struct err *e)
{
    int rc;
    *count = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        order_row_read(s, &rows[(*count)++]);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(db, e, "listing orders");
    for (int i = 0; reverse && i < *count / 2; i++) {
        struct order t = rows[i];
        rows[i] = rows[*count - 1 - i];
        rows[*count - 1 - i] = t;
    }
    return ERR_OK;
}

/* A number prefix as typed: "o-12" means "O-12". */
static void number_prefix(const char *filter, char *out, size_t len)
{
    snprintf(out, len, "%s", filter);
    if ((out[0] == 'o' || out[0] == 'O') && out[1] == '-')
        out[0] = 'O';
}

int order_store_page(struct db *db, const struct page_req *q, struct order *rows, int *count, struct err *e)
{
    int sort = q->sort >= 0 && q->sort <= ORDER_SORT_STATUS ? q->sort : ORDER_SORT_PLACED;
    bool desc = q->descending != q->before; /* "before" reads the other way, then turns round */
    bool filtered = q->filter != NULL && q->filter[0] != '\0';
    char lo[256] = "", hi[264] = "";
    if (filtered) {
        number_prefix(q->filter, lo, sizeof lo);
        prefix_upper(lo, hi, sizeof hi);
    }
    bool walk = !filtered || (sort != ORDER_SORT_NUMBER && order_prefix_is_broad(db, lo, hi));
    const char *sql = walk ? page_sql[sort][desc] : page_filtered_sql[sort][desc];
    DB_PREPARE_OR_RETURN(s, sql);
    page_bind(s, q, desc, filtered ? lo : NULL, filtered ? hi : NULL);
    return page_collect(db, s, q->before, rows, count, e);
}

/* ------------------------------------- orders of one status and channel */

/* The status term first, so SQLite seeks orders_status(status, placed_at). */
#define WHERE_SQL(status, cmp, dir)                                                                          \
    ORDER_SELECT " WHERE " status "(:channel IS NULL OR o.channel = :channel) AND o.placed_at " cmp          \
                 "= :k1 AND (o.placed_at, o.id) " cmp " (:k1, :id) ORDER BY o.placed_at " dir ", o.id " dir  \
                 " LIMIT :lim"

int order_store_page_where(struct db *db, int status, int channel, const struct page_req *q,
                           struct order *rows, int *count, struct err *e)
{
    static const char *const sql[2][2] = {{WHERE_SQL("", "<", "DESC"), WHERE_SQL("", ">", "ASC")},
                                          {WHERE_SQL("o.status = :status AND ", "<", "DESC"),
                                           WHERE_SQL("o.status = :status AND ", ">", "ASC")}};
    DB_PREPARE_OR_RETURN(s, sql[status >= 0][q->before]);
    if (status >= 0)
        db_bind_text(s, db_param(s, ":status"), order_status_name((enum order_status)status));
    if (channel >= 0)
        db_bind_text(s, db_param(s, ":channel"), channel_name((enum channel)channel));
    else
        sqlite3_bind_null(s, db_param(s, ":channel"));
    bind_text_key(s, ":k1", q->has_cursor, q->cursor.text, !q->before);
    bind_int_key(s, ":id", q->has_cursor ? q->cursor.id : q->before ? INT64_MIN : INT64_MAX);
    bind_int_key(s, ":lim", db_page_limit(q));
    return page_collect(db, s, q->before, rows, count, e);
}

/* ------------------------------------------------- one party's orders */

/* The first term lets SQLite seek the party's index; the row value settles ties. */
#define PARTY_SQL(col, cmp, dir)                                                                             \
    ORDER_SELECT " WHERE o." col " = :party AND o.placed_at " cmp "= :k1 AND (o.placed_at, o.id) " cmp       \
                 " (:k1, :id) ORDER BY o.placed_at " dir ", o.id " dir " LIMIT :lim"

static int order_page_party(struct db *db, const char *const sql[2], int64_t party, const struct page_req *q,
                            struct order *rows, int *count, struct err *e)
{
    DB_PREPARE_OR_RETURN(s, sql[q->before]);
    bind_int_key(s, ":party", party);
    bind_text_key(s, ":k1", q->has_cursor, q->cursor.text, !q->before);
    bind_int_key(s, ":id", q->has_cursor ? q->cursor.id : q->before ? INT64_MIN : INT64_MAX);
    bind_int_key(s, ":lim", db_page_limit(q));
    return page_collect(db, s, q->before, rows, count, e);
}

int order_store_page_for_account(struct db *db, int64_t account_id, const struct page_req *q,
                                 struct order *rows, int *count, struct err *e)
{
    static const char *const sql[2] = {PARTY_SQL("account_id", "<", "DESC"),
                                       PARTY_SQL("account_id", ">", "ASC")};
    return order_page_party(db, sql, account_id, q, rows, count, e);
}

int order_store_page_for_customer(struct db *db, int64_t customer_id, const struct page_req *q,
                                  struct order *rows, int *count, struct err *e)
{
    static const char *const sql[2] = {PARTY_SQL("customer_id", "<", "DESC"),
                                       PARTY_SQL("customer_id", ">", "ASC")};
    return order_page_party(db, sql, customer_id, q, rows, count, e);
}

/* ------------------------------------------------------------ search */

/* The people's search indexes an order is found through. */
enum order_party { PARTY_CUSTOMERS, PARTY_ACCOUNTS, PARTY_CONTACTS, PARTIES };

/* What the typed text is searched as; an empty field turns its branch off. */
struct order_query {
    char typed[256];                   /* the words, for comptoir_hit (db/search.h) */
    char number[65];                   /* as typed */
    char number_norm[33];              /* "123", "o-123" → "O-000123" */
    char number_lo[65], number_hi[72]; /* a long enough number prefix */
    char sku_upper[65];
    struct search_query words;
    struct db_search_plan plans[PARTIES]; /* the words in each index */
};

static void query_number(const char *t, struct order_query *q)
{
    snprintf(q->number, sizeof q->number, "%s", t);
    const char *p = t;
    if (*p == 'o' || *p == 'O') {
        p++;
        if (*p == '-' || *p == ' ')
            p++;
    }
    size_t digits = strspn(p, "0123456789");
    if (digits > 0 && p[digits] == '\0') {
        while (*p == '0' && digits > 1) {
            p++;
            digits--;
        }
        if (digits <= 9)
            snprintf(q->number_norm, sizeof q->number_norm, "O-%06d", atoi(p));
    }
    /* A prefix shorter than this ("O-0") would match most of the table. */
    if ((t[0] == 'o' || t[0] == 'O') && t[1] == '-' && strlen(t) >= 6 && strlen(t) < 33) {
        number_prefix(t, q->number_lo, sizeof q->number_lo);
        prefix_upper(q->number_lo, q->number_hi, sizeof q->number_hi);
    }
}

static const char *const party_counts[PARTIES] = {
    "SELECT count(*) FROM (SELECT 1 FROM customers_fts WHERE customers_fts MATCH :match LIMIT :cap)",
    "SELECT count(*) FROM (SELECT 1 FROM accounts_fts WHERE accounts_fts MATCH :match LIMIT :cap)",
    "SELECT count(*) FROM (SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH :match LIMIT :cap)",
};

/* The number, the SKU and the words of the text, and how each index holds the words. */
static int query_build(struct db *db, const char *t, struct order_query *q, struct err *e)
{
    memset(q, 0, sizeof *q);
    snprintf(q->typed, sizeof q->typed, "%s", t);
    query_number(t, q);
    if (strlen(t) < sizeof q->sku_upper && strchr(t, ' ') == NULL) {
        for (size_t i = 0; t[i]; i++)
            q->sku_upper[i] = (char)toupper((unsigned char)t[i]);
    }
    /* A number as said ("3", "o-12") names an order, not people; digits
     * from four on may also be the end of a phone number ("9760"). */
    bool said_number = q->number_norm[0] != '\0' && (!isdigit((unsigned char)t[0]) || strlen(t) < 4);
    if (!said_number)
        search_query_parse(t, &q->words);
    for (int p = 0; p < PARTIES && q->words.n > 0; p++) {
        int rc = db_search_plan(db, party_counts[p], &q->words, &q->plans[p], e);
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

/* The text names few people in every index: the orders of each are few. */
static bool query_names_few(const struct order_query *q)
{
    for (int p = 0; p < PARTIES; p++)
        if (!q->plans[p].few)
            return false;
    return true;
}

/* Every way the text can name an order. Each way keeps only its own newest
 * rows after the cursor (a bounded sort), so a common word costs one pass
 * over its matches and the union stays small; the page then reads only the
 * rows it shows. A way must not yield an order twice (two contacts of one
 * account, two lines of one SKU), or its LIMIT would cut the page short:
 * those go through IN, which keeps each order once. The people found
 * through an index are checked by comptoir_hit (db/search.h). */
#define HIT(cmp, dir, from_where)                                                                            \
    " SELECT * FROM (SELECT o.placed_at, o.id FROM " from_where " AND (o.placed_at, o.id) " cmp              \
    " (:k1, :id) ORDER BY o.placed_at " dir ", o.id " dir " LIMIT :lim)"
#define CUSTOMER_HIT "comptoir_hit(:typed, c.name, c.email, c.phone, c.city)"
#define ACCOUNT_HIT "comptoir_hit(:typed, a.code, a.name, a.email, a.phone, a.city)"
#define CONTACT_HIT "comptoir_hit(:typed, k.name, k.email, k.phone)"
/* clang-format off */
#define BY_NUMBER(cmp, dir) HIT(cmp, dir, "orders o WHERE o.number IN (:num, :norm)")
#define BY_NUMBER_PREFIX(cmp, dir) HIT(cmp, dir, "orders o WHERE o.number >= :nlo AND o.number < :nhi")
#define BY_CUSTOMER(cmp, dir) HIT(cmp, dir, \
    "customers_fts f CROSS JOIN customers c ON c.id = f.rowid JOIN orders o ON o.customer_id = c.id" \
    " WHERE :cmatch IS NOT NULL AND customers_fts MATCH :cmatch AND " CUSTOMER_HIT)
#define BY_ACCOUNT(cmp, dir) HIT(cmp, dir, \
    "accounts_fts f CROSS JOIN accounts a ON a.id = f.rowid JOIN orders o ON o.account_id = a.id" \
    " WHERE :amatch IS NOT NULL AND accounts_fts MATCH :amatch AND " ACCOUNT_HIT)
#define BY_CONTACT(cmp, dir) HIT(cmp, dir, \
    "orders o WHERE o.account_id IN (SELECT k.account_id FROM contacts_fts f" \
    " CROSS JOIN contacts k ON k.id = f.rowid" \
    " WHERE :kmatch IS NOT NULL AND contacts_fts MATCH :kmatch AND " CONTACT_HIT ")")
#define BY_SKU(cmp, dir) HIT(cmp, dir, \
    "orders o WHERE o.id IN (SELECT order_id FROM order_lines WHERE sku IN (:num, :sku))")

#define SEARCH_HITS(cmp, dir) \
    "WITH hits(placed_at, id) AS (" \
    BY_NUMBER(cmp, dir) " UNION" BY_NUMBER_PREFIX(cmp, dir) \
    " UNION" BY_CUSTOMER(cmp, dir) " UNION" BY_ACCOUNT(cmp, dir) \
    " UNION" BY_CONTACT(cmp, dir) " UNION" BY_SKU(cmp, dir) ")"
/* clang-format on */

#define SEARCH_SQL(cmp, dir)                                                                                 \
    SEARCH_HITS(cmp, dir)                                                                                    \
    ", page AS (SELECT placed_at, id FROM hits"                                                              \
    " ORDER BY placed_at " dir ", id " dir " LIMIT :lim) "                                                   \
    "SELECT " ORDER_COLS " FROM page h JOIN orders o ON o.id = h.id" ORDER_JOINS                             \
    " ORDER BY h.placed_at " dir ", h.id " dir

static void search_bind(sqlite3_stmt *s, const struct order_query *oq)
{
    static const struct {
        const char *name;
        size_t offset;
    } fields[] = {
        {":typed", offsetof(struct order_query, typed)},
        {":num", offsetof(struct order_query, number)},
        {":norm", offsetof(struct order_query, number_norm)},
        {":nlo", offsetof(struct order_query, number_lo)},
        {":nhi", offsetof(struct order_query, number_hi)},
        {":sku", offsetof(struct order_query, sku_upper)},
        {":cmatch", offsetof(struct order_query, plans[PARTY_CUSTOMERS].match)},
        {":amatch", offsetof(struct order_query, plans[PARTY_ACCOUNTS].match)},
        {":kmatch", offsetof(struct order_query, plans[PARTY_CONTACTS].match)},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        db_bind_text_or_null(s, sqlite3_bind_parameter_index(s, fields[i].name),
                             (const char *)oq + fields[i].offset);
}

/* ------------------------------------------------- search: bounded walk */

/* A short or common text ("d", "dup", "example") names thousands of people,
 * and the branches above then sort all their orders. So, unless every index
 * names few, walk the orders from the cursor through orders_placed instead,
 * checking each order's customer, account and the account's contacts
 * (comptoir_hit): first every order, for a few hundred; then only those
 * whose people are in bitmaps of the index's candidates (cheap to test),
 * for tens of thousands. The branches that name orders directly (number,
 * SKU) stay look-ups, and the two lists merge. When neither walk fills the
 * page or reaches the last order, the branches run. */
#define SEARCH_WALK_WINDOW 300  /* about 3 us an order: the people read and checked */
#define SEARCH_SET_WINDOW 30000 /* about 2 us an order outside the bitmaps */
/* Under this many orders likely named (an account's counting for
 * SEARCH_ACCOUNT_ORDERS), sorting them is cheaper than the second walk. */
#define SEARCH_FEW 5000
#define SEARCH_ACCOUNT_ORDERS 6

/* CASE, not AND/OR: in a result column SQLite evaluates both sides of those. */
/* clang-format off */
#define IN_SET_OR(set, id, then) \
    "CASE WHEN " set " IS NOT NULL AND NOT comptoir_in_set(" set ", " id ") THEN 0 ELSE " then " END"
#define WALK_SQL(cmp, dir) \
    "SELECT o.placed_at, o.id, CASE" \
    " WHEN o.customer_id IS NOT NULL THEN " IN_SET_OR(":cset", "o.customer_id", \
        "(SELECT " CUSTOMER_HIT " FROM customers c WHERE c.id = o.customer_id)") \
    " WHEN o.account_id IS NULL THEN 0" \
    " WHEN " IN_SET_OR(":aset", "o.account_id", \
        "(SELECT " ACCOUNT_HIT " FROM accounts a WHERE a.id = o.account_id)") " THEN 1" \
    " WHEN EXISTS (SELECT 1 FROM contacts k WHERE k.account_id = o.account_id AND " \
        IN_SET_OR(":kset", "k.id", CONTACT_HIT) ") THEN 1" \
    " ELSE 0 END FROM orders o WHERE (o.placed_at, o.id) " cmp " (:k1, :id)" \
    " ORDER BY o.placed_at " dir ", o.id " dir " LIMIT :win"

/* The branches that name orders directly, each bounded like SEARCH_HITS. */
#define REST_SQL(cmp, dir) \
    "SELECT placed_at, id FROM (" \
    BY_NUMBER(cmp, dir) " UNION" BY_NUMBER_PREFIX(cmp, dir) " UNION" BY_SKU(cmp, dir) \
    ") ORDER BY placed_at " dir ", id " dir " LIMIT :lim"
/* clang-format on */

static const char *const party_matches[PARTIES] = {
    "SELECT rowid FROM customers_fts WHERE customers_fts MATCH :match",
    "SELECT rowid FROM accounts_fts WHERE accounts_fts MATCH :match",
    "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH :match",
};
static const char *const party_sets[PARTIES] = {":cset", ":aset", ":kset"};

/* An order's place in the list: (placed_at, id). */
struct search_key {
    char placed_at[32];
    int64_t id;
};

static void search_bind_cursor(sqlite3_stmt *s, const struct page_req *q)
{
    bind_text_key(s, ":k1", q->has_cursor, q->cursor.text, !q->before);
    bind_int_key(s, ":id", q->has_cursor ? q->cursor.id : q->before ? INT64_MIN : INT64_MAX);
    bind_int_key(s, ":lim", db_page_limit(q));
}

/* How a read row is kept: always, or by its hit column. */
enum search_keep { KEEP_ALL, KEEP_HIT };

/* Runs a statement of (placed_at, id, ...) rows, keeping those that hit;
 * *done when it filled keys or ran out before its window. */
static int search_keys_read(struct db *db, sqlite3_stmt *s, int window, enum search_keep keep,
                            struct search_key *keys, int max, int *n, bool *done, struct err *e)
{
    int rc = SQLITE_DONE, read = 0;
    *n = 0;
    while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        read++;
        if (keep == KEEP_HIT && !sqlite3_column_int(s, 2))
            continue;
        db_column_copy(s, 0, keys[*n].placed_at, sizeof keys[*n].placed_at);
        keys[(*n)++].id = sqlite3_column_int64(s, 1);
    }
    int r = *n < max && rc != SQLITE_DONE ? db_fail(db, e, "searching orders") : ERR_OK;
    sqlite3_reset(s);
    *done = *n == max || read < window;
    return r;
}

/* Orders newest first (or oldest first when reading backwards). */
static int search_key_cmp(const struct search_key *a, const struct search_key *b, bool ascending)
{
    int c = strcmp(a->placed_at, b->placed_at);
    if (c == 0)
        c = a->id < b->id ? -1 : a->id > b->id;
    return ascending ? c : -c;
}

/* Merges two ordered lists into out (at most max), an order found by both once. */
static int search_keys_merge(const struct search_key *a, int na, const struct search_key *b, int nb,
                             bool ascending, struct search_key *out, int max)
{
    int i = 0, j = 0, n = 0;
    while (n < max && (i < na || j < nb)) {
        int c = i == na ? 1 : j == nb ? -1 : search_key_cmp(&a[i], &b[j], ascending);
        out[n++] = c <= 0 ? a[i] : b[j];
        i += c <= 0;
        j += c >= 0;
    }
    return n;
}

static int search_rows_fetch(struct db *db, const struct search_key *keys, int n, bool reverse,
                             struct order *rows, int *count, struct err *e)
{
    for (int i = 0; i < n; i++) {
        int rc = order_store_get(db, keys[reverse ? n - 1 - i : i].id, &rows[i], e);
        if (rc != ERR_OK)
            return rc;
    }
    *count = n;
    return ERR_OK;
}

/* One walk from the cursor for at most window orders: with a bitmap of an
 * index's candidates, only the people in it are checked; without (NULL,
 * or an empty set when sets is NULL), every one. */
static int search_walk_orders(struct db *db, const struct order_query *oq, const struct page_req *q,
                              int window, const struct db_id_set *sets, const bool *use,
                              struct search_key *keys, int *n, bool *done, struct err *e)
{
    static const char desc[] = WALK_SQL("<", "DESC"), asc[] = WALK_SQL(">", "ASC");
    DB_PREPARE_OR_RETURN(s, q->before ? asc : desc);
    search_bind(s, oq);
    search_bind_cursor(s, q);
    bind_int_key(s, ":win", window);
    for (int p = 0; p < PARTIES; p++) {
        int at = db_param(s, party_sets[p]);
        if (sets != NULL && use[p])
            sqlite3_bind_pointer(s, at, (void *)&sets[p], DB_ID_SET_POINTER, NULL);
        else
            sqlite3_bind_null(s, at); /* "… IS NOT NULL" is false: everyone is checked */
    }
    return search_keys_read(db, s, window, KEEP_HIT, keys, db_page_limit(q), n, done, e);
}

/* The second walk: per index, a bitmap of the candidates of its rarer
 * tokens (db_search_narrow); an index whose tokens are all in most rows
 * gets none, and its people are checked one by one. */
static int search_walk_sets(struct db *db, struct order_query *oq, const struct page_req *q, int window,
                            struct search_key *keys, int *n, bool *done, struct err *e)
{
    struct db_id_set sets[PARTIES] = {{0}};
    bool use[PARTIES] = {false}, usable = true;
    int rc = ERR_OK;
    for (int p = 0; rc == ERR_OK && p < PARTIES; p++) {
        if (!oq->plans[p].match[0])
            continue;
        sqlite3_stmt *s = db_stmt(db, party_matches[p], e);
        if (s == NULL) {
            rc = e ? (int)e->code : ERR_INTERNAL;
            break;
        }
        db_bind_text(s, db_param(s, ":match"), oq->plans[p].match);
        rc = db_id_set_read(db, s, &sets[p], INT64_MAX, &usable, e);
        use[p] = usable;
    }
    if (rc == ERR_OK)
        rc = search_walk_orders(db, oq, q, window, sets, use, keys, n, done, e);
    for (int p = 0; p < PARTIES; p++)
        db_id_set_free(&sets[p]);
    return rc;
}

/* The second count of each index's tokens (db_search_narrow); *few when
 * the rows with the rarer tokens name few orders in all (an account's
 * counting for several). */
static int search_narrow(struct db *db, struct order_query *oq, bool *few, struct err *e)
{
    static const int per_party[PARTIES] = {1, SEARCH_ACCOUNT_ORDERS, SEARCH_ACCOUNT_ORDERS};
    int64_t orders = 0;
    *few = true;
    for (int p = 0; p < PARTIES; p++) {
        struct db_search_plan *plan = &oq->plans[p];
        int rc = db_search_narrow(db, party_counts[p], plan, e);
        if (rc != ERR_OK)
            return rc;
        int64_t rows = 0;
        if (plan->match[0] == '\0')
            *few = false;
        else if (!plan->few && (rc = db_search_count(db, party_counts[p], plan->match, SEARCH_FEW, &rows, e)))
            return rc;
        orders += rows * per_party[p];
    }
    *few = *few && orders < SEARCH_FEW;
    return ERR_OK;
}

/* The walks in turn; *done when one answered for the people. */
static int search_walks(struct db *db, struct order_query *oq, const struct page_req *q,
                        struct search_key *keys, int *n, bool *done, struct err *e)
{
    *done = false;
    if (oq->words.n == 0 || (query_names_few(oq) && !db->walk_custom))
        return ERR_OK; /* the branches are cheap */
    bool no_tokens = false;
    for (int p = 0; p < PARTIES; p++)
        no_tokens = no_tokens || oq->plans[p].ntokens == 0;
    int rc = ERR_OK, window = db_walk_window(db, DB_WALK_ROWS, SEARCH_WALK_WINDOW);
    if (no_tokens) /* a lone digit, in most people: nothing to look up, walk to the end */
        window = INT32_MAX;
    if (window > 0)
        rc = search_walk_orders(db, oq, q, window, NULL, NULL, keys, n, done, e);
    if (rc != ERR_OK || *done || no_tokens)
        return rc;
    bool few = false;
    if ((rc = search_narrow(db, oq, &few, e)) != ERR_OK || (few && !db->walk_custom))
        return rc; /* the rarer tokens name few orders: the branches are cheap */
    window = db_walk_window(db, DB_WALK_SET, SEARCH_SET_WINDOW);
    return window > 0 ? search_walk_sets(db, oq, q, window, keys, n, done, e) : ERR_OK;
}

/* The keys a walk gathers, on the heap: three windows of a page each. */
struct search_windows {
    struct search_key walked[DB_PAGE_MAX], rest[DB_PAGE_MAX], page[DB_PAGE_MAX];
};

/* A walk and the direct branches; *done false when the walks ran out first. */
static int search_walk(struct db *db, struct order_query *oq, const struct page_req *q, struct order *rows,
                       int *count, bool *done, struct err *e)
{
    static const char rest_desc[] = REST_SQL("<", "DESC"), rest_asc[] = REST_SQL(">", "ASC");
    int lim = db_page_limit(q), nwalk = 0, nrest = 0;
    struct search_windows *w = xmalloc(sizeof *w);
    bool rest_done;
    int rc = search_walks(db, oq, q, w->walked, &nwalk, done, e);
    sqlite3_stmt *s = rc == ERR_OK && *done ? db_stmt(db, q->before ? rest_asc : rest_desc, e) : NULL;
    if (rc == ERR_OK && *done && s == NULL)
        rc = e ? e->code : ERR_INTERNAL;
    if (s != NULL) {
        search_bind(s, oq);
        search_bind_cursor(s, q);
        rc = search_keys_read(db, s, INT32_MAX, KEEP_ALL, w->rest, lim, &nrest, &rest_done, e);
    }
    if (s != NULL && rc == ERR_OK) {
        int n = search_keys_merge(w->walked, nwalk, w->rest, nrest, q->before, w->page, lim);
        rc = search_rows_fetch(db, w->page, n, q->before, rows, count, e);
    }
    free(w);
    return rc;
}

/* Copies text without the spaces around it. */
static void trim_copy(const char *text, char *out, size_t len)
{
    while (text && isspace((unsigned char)*text))
        text++;
    snprintf(out, len, "%s", text ? text : "");
    size_t n = strlen(out);
    while (n > 0 && isspace((unsigned char)out[n - 1]))
        out[--n] = '\0';
}

int order_store_search(struct db *db, const char *text, const struct page_req *q, struct order *rows,
                       int *count, struct err *e)
{
    static const char newest_first[] = SEARCH_SQL("<", "DESC");
    static const char oldest_first[] = SEARCH_SQL(">", "ASC");
    char t[256];
    trim_copy(text, t, sizeof t);
    if (t[0] == '\0') { /* nothing typed: the newest orders */
        struct page_req all = *q;
        all.filter = NULL;
        all.sort = ORDER_SORT_PLACED;
        all.descending = true;
        return order_store_page(db, &all, rows, count, e);
    }
    struct order_query *oq = xmalloc(sizeof *oq);
    bool done = false;
    int rc = query_build(db, t, oq, e);
    if (rc == ERR_OK)
        rc = search_walk(db, oq, q, rows, count, &done, e);
    for (int p = 0; p < PARTIES; p++)
        if (oq->plans[p].match[0] == '\0')
            db_search_match_all(&oq->plans[p]); /* the branches must find every match */
    sqlite3_stmt *s = rc == ERR_OK && !done ? db_stmt(db, q->before ? oldest_first : newest_first, e) : NULL;
    if (rc == ERR_OK && !done && s == NULL)
        rc = e ? e->code : ERR_INTERNAL;
    if (s != NULL) {
        search_bind(s, oq);
        search_bind_cursor(s, q);
        rc = page_collect(db, s, q->before, rows, count, e);
    }
    free(oq);
    return rc;
}

/* ------------------------------------------------------------ check */

static void check_report_row(sqlite3_stmt *s, struct strbuf *report)
{
    char number[40], sub[32], tax[32], total[32], net[32], taxes[32], line[400];
    db_column_copy(s, 0, number, sizeof number);
    money_format_plain(sqlite3_column_int64(s, 1), sub, sizeof sub);
    money_format_plain(sqlite3_column_int64(s, 2), tax, sizeof tax);
    money_format_plain(sqlite3_column_int64(s, 3), total, sizeof total);
    money_format_plain(sqlite3_column_int64(s, 4), net, sizeof net);
    money_format_plain(sqlite3_column_int64(s, 5), taxes, sizeof taxes);
    int bad_lines = sqlite3_column_int(s, 6);
    if (bad_lines > 0)
        snprintf(line, sizeof line,
                 "order %s: %d line(s) whose amounts do not follow "
                 "quantity × price − discount and the tax rule of their basis",
                 number, bad_lines);
    else
        snprintf(line, sizeof line,
                 "order %s: subtotal %s, tax %s, total %s but its lines sum "
                 "to %s net and %s tax",
                 number, sub, tax, total, net, taxes);
    strbuf_addf(report, "%s\n", line);
}

int order_store_check_totals(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    /* One pass over orders; each order's lines are read through their index. */
    static const char sql[] =
        "SELECT number, subtotal, tax_total, total, net, tax, bad FROM ("
        " SELECT o.number, o.subtotal, o.tax_total, o.total,"
        "  (SELECT coalesce(sum(net_amount), 0) FROM order_lines WHERE order_id = o.id) AS net,"
        "  (SELECT coalesce(sum(tax_amount), 0) FROM order_lines WHERE order_id = o.id) AS tax,"
        "  (SELECT count(*) FROM order_lines WHERE order_id = o.id AND"
        "   (CASE tax_included WHEN 1 THEN total_amount ELSE net_amount END"
        "     <> quantity * unit_price - discount_amount"
        "    OR tax_amount <> CASE tax_included"
        "     WHEN 1 THEN (2 * total_amount * tax_rate_bp + 10000 + tax_rate_bp) / (20000 + 2 * tax_rate_bp)"
        "     ELSE (net_amount * tax_rate_bp + 5000) / 10000 END)) AS bad"
        " FROM orders o)"
        " WHERE subtotal <> net OR tax_total <> tax OR total <> subtotal + tax_total OR bad > 0";
    DB_PREPARE_OR_RETURN(s, sql);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        check_report_row(s, report);
        (*problems)++;
    }
    return db_step_done(db, s, rc, e, "checking order totals");
}
