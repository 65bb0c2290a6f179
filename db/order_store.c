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

#define ORDER_EVENT_SELECT                                                                                   \
    "SELECT h.id, coalesce(h.from_status, ''), h.to_status, h.at, coalesce(u.login, ''), h.note "            \
    "FROM order_status_history h LEFT JOIN users u ON u.id = h.user_id "                                     \
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
        "INSERT INTO order_status_history(order_id, from_status, to_status, at, user_id, note) "
        "VALUES (:order_id, :from, :to, :at, :user_id, :note)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":order_id"), order_id);
    db_bind_text_or_null(s, db_param(s, ":from"), from);
    db_bind_text(s, db_param(s, ":to"), to);
    db_bind_text(s, db_param(s, ":at"), at);
    db_bind_id_or_null(s, db_param(s, ":user_id"), user_id);
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

static int order_row_insert(struct db *db, struct order *o, int64_t user_id, struct err *e)
{
    /* The credited seller: the account's rep then, else whoever took it. */
    static const char sql[] =
        "INSERT INTO orders(number, channel, source, account_id, contact_id, customer_id, quote_id, "
        "exchange_of, status, placed_at, placed_day, rep_id, created_by, idempotency_key, cart_fingerprint, "
        "prices_include_tax, shipping_method, requested_date, promised_date, ship_name, ship_address, "
        "po_number, gift_wrap, gift_message, goods_total, discount_total, subtotal, tax_total, total, "
        "paid_total, note, version) "
        "VALUES (:number, :channel, :source, :account_id, :contact_id, :customer_id, :quote_id, "
        ":exchange_of, :status, :placed_at, :placed_day, "
        "coalesce(:rep_id, (SELECT rep_id FROM accounts WHERE id = :account_id), :created_by), :created_by, "
        ":idempotency_key, :cart_fingerprint, :prices_include_tax, :shipping_method, :requested_date, "
        ":promised_date, :ship_name, :ship_address, :po_number, :gift_wrap, :gift_message, :goods_total, "
        ":discount_total, :subtotal, :tax_total, :total, :paid_total, :note, 1) "
        "RETURNING rep_id";
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
    db_bind_text(s, db_param(s, ":ship_name"), o->ship_name);
    db_bind_text(s, db_param(s, ":ship_address"), o->ship_address);
    sqlite3_bind_int64(s, db_param(s, ":subtotal"), o->subtotal);
    sqlite3_bind_int64(s, db_param(s, ":tax_total"), o->tax_total);
    sqlite3_bind_int64(s, db_param(s, ":total"), o->total);
    db_bind_text(s, db_param(s, ":note"), o->note);
    db_bind_id_or_null(s, db_param(s, ":created_by"), user_id);
    order_bind_snapshot(s, o);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        o->rep_id = sqlite3_column_int64(s, 0);
        rc = sqlite3_step(s);
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE) {
        o->id = sqlite3_last_insert_rowid(db->handle);
        o->version = 1;
        o->created_by = user_id;
        return ERR_OK;
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
        (rc = order_row_insert(db, o, user_id, e)) == ERR_OK)
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

/* What the typed text is searched as; an empty field turns its branch off. */
struct order_query {
    char number[65];                   /* as typed */
    char number_norm[33];              /* "123", "o-123" → "O-000123" */
    char number_lo[65], number_hi[72]; /* a long enough number prefix */
    char fts[600];                     /* "word" AND "word" for the trigram tables */
    char name_lo[256], name_hi[264];   /* name prefix: 2-character names (山田) */
    char phone[40];                    /* "612345678" for the digits of phones */
    char sku_upper[65];
    char like[600]; /* "%text%" when fts is one phrase of ASCII text (see search_walk) */
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

/* Counts characters (not bytes) that are neither digits, spaces nor punctuation. */
static int letters_in(const char *t)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
        if (*p >= 0x80)
            n += (*p & 0xC0) != 0x80; /* count a multibyte character once */
        else if (isalpha(*p))
            n++;
    }
    return n;
}

/* UTF-8 characters in t (not bytes): a trigram needs three. */
static size_t chars_in(const char *t)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

/* The trigram phrase as a LIKE pattern, when the two find the same rows:
 * one phrase (a lone word, or the whole text), and ASCII, since LIKE folds
 * the case of ASCII letters only. */
static void query_like(const char *t, struct order_query *q)
{
    q->like[0] = '\0';
    if (q->fts[0] == '\0' || strstr(q->fts, "\" AND \"") != NULL)
        return;
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        if (*p >= 0x80)
            return;
    q->like[0] = '%'; /* the one phrase is the text itself */
    db_like_prefix(t, q->like + 1, sizeof q->like - 1);
}

/* Every word must appear, in any order ("Dupont Jean"). A word under three
 * characters cannot be found by a trigram index, so then the whole text is
 * looked for as it was typed ("花子 鈴木", "Banque de France"). */
static void query_fts(const char *t, struct order_query *q)
{
    char copy[256], phrase[300];
    snprintf(copy, sizeof copy, "%s", t);
    size_t used = 0;
    for (char *save = NULL, *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (chars_in(w) < 3 || !db_fts_phrase(w, phrase, sizeof phrase)) {
            used = 0;
            break;
        }
        int n = snprintf(q->fts + used, sizeof q->fts - used, "%s%s", used ? " AND " : "", phrase);
        if (n < 0 || (size_t)n >= sizeof q->fts - used) {
            used = 0;
            break;
        }
        used += (size_t)n;
    }
    if (used == 0 && (chars_in(t) < 3 || !db_fts_phrase(t, q->fts, sizeof q->fts)))
        q->fts[0] = '\0';
}

/* Phones compare on digits: leading zeros (a trunk prefix) dropped, then the
 * last 9 digits, so "06 12 34 56 78" and "+33 6 12 34 56 78" agree. */
static void query_phone(const char *t, struct order_query *q)
{
    char digits[64];
    size_t n = 0;
    for (const char *p = t; *p; p++) {
        if (isdigit((unsigned char)*p) && n + 1 < sizeof digits)
            digits[n++] = *p;
        else if (!strchr(" +-.()/", *p))
            return;
    }
    digits[n] = '\0';
    const char *d = digits;
    while (*d == '0')
        d++;
    size_t len = strlen(d);
    if (len < 7) /* fewer digits would match phones by chance */
        return;
    if (len > 9)
        d += len - 9;
    db_fts_phrase(d, q->phone, sizeof q->phone);
}

static void query_build(const char *t, struct order_query *q)
{
    memset(q, 0, sizeof *q);
    query_number(t, q);
    query_phone(t, q);
    if (strchr(t, '@') != NULL || letters_in(t) >= 1)
        query_fts(t, q); /* "c123457." is a partial e-mail too */
    query_like(t, q);
    if (letters_in(t) >= 1 && letters_in(t) < 3) {
        snprintf(q->name_lo, sizeof q->name_lo, "%s", t);
        prefix_upper(q->name_lo, q->name_hi, sizeof q->name_hi);
    }
    if (strlen(t) < sizeof q->sku_upper && strchr(t, ' ') == NULL) {
        for (size_t i = 0; t[i]; i++)
            q->sku_upper[i] = (char)toupper((unsigned char)t[i]);
    }
}

/* Every way the text can name an order. Each way keeps only its own newest
 * rows after the cursor (a bounded sort), so a common word costs one pass
 * over its matches and the union stays small; the page then reads only the
 * rows it shows. A way must not yield an order twice (two contacts of one
 * account, two lines of one SKU), or its LIMIT would cut the page short:
 * those go through IN, which keeps each order once. */
#define HIT(cmp, dir, from_where)                                                                            \
    " SELECT * FROM (SELECT o.placed_at, o.id FROM " from_where " AND (o.placed_at, o.id) " cmp              \
    " (:k1, :id) ORDER BY o.placed_at " dir ", o.id " dir " LIMIT :lim)"
/* The ways, one a macro each; a way that could yield an order twice goes
 * through IN. Phone digits are indexed four to an id: rowid % 4 says whose. */
/* clang-format off */
#define BY_NUMBER(cmp, dir) HIT(cmp, dir, "orders o WHERE o.number IN (:num, :norm)")
#define BY_NUMBER_PREFIX(cmp, dir) HIT(cmp, dir, "orders o WHERE o.number >= :nlo AND o.number < :nhi")
#define BY_CUSTOMER_TEXT(cmp, dir) HIT(cmp, dir, \
    "customers_fts f JOIN orders o ON o.customer_id = f.rowid" \
    " WHERE :fts IS NOT NULL AND customers_fts MATCH :fts")
#define BY_ACCOUNT_TEXT(cmp, dir) HIT(cmp, dir, \
    "accounts_fts f JOIN orders o ON o.account_id = f.rowid" \
    " WHERE :fts IS NOT NULL AND accounts_fts MATCH :fts")
#define BY_CONTACT_TEXT(cmp, dir) HIT(cmp, dir, \
    "orders o WHERE o.account_id IN (SELECT k.account_id FROM contacts_fts f" \
    " JOIN contacts k ON k.id = f.rowid WHERE :fts IS NOT NULL AND contacts_fts MATCH :fts)")
#define BY_CUSTOMER_NAME(cmp, dir) HIT(cmp, dir, \
    "customers c JOIN orders o ON o.customer_id = c.id" \
    " WHERE c.name COLLATE NOCASE >= :plo AND c.name COLLATE NOCASE < :phi")
#define BY_ACCOUNT_NAME(cmp, dir) HIT(cmp, dir, \
    "accounts a JOIN orders o ON o.account_id = a.id" \
    " WHERE a.name COLLATE NOCASE >= :plo AND a.name COLLATE NOCASE < :phi")
#define BY_CUSTOMER_PHONE(cmp, dir) HIT(cmp, dir, \
    "phones_fts p JOIN orders o ON o.customer_id = p.rowid / 4" \
    " WHERE :tel IS NOT NULL AND phones_fts MATCH :tel AND p.rowid % 4 = 1")
#define BY_ACCOUNT_PHONE(cmp, dir) HIT(cmp, dir, \
    "phones_fts p JOIN orders o ON o.account_id = p.rowid / 4" \
    " WHERE :tel IS NOT NULL AND phones_fts MATCH :tel AND p.rowid % 4 = 2")
#define BY_CONTACT_PHONE(cmp, dir) HIT(cmp, dir, \
    "orders o WHERE o.account_id IN (SELECT k.account_id FROM phones_fts p" \
    " JOIN contacts k ON k.id = p.rowid / 4" \
    " WHERE :tel IS NOT NULL AND phones_fts MATCH :tel AND p.rowid % 4 = 3)")
#define BY_SKU(cmp, dir) HIT(cmp, dir, \
    "orders o WHERE o.id IN (SELECT order_id FROM order_lines WHERE sku IN (:num, :sku))")

#define SEARCH_HITS(cmp, dir) \
    "WITH hits(placed_at, id) AS (" \
    BY_NUMBER(cmp, dir) " UNION" BY_NUMBER_PREFIX(cmp, dir) \
    " UNION" BY_CUSTOMER_TEXT(cmp, dir) " UNION" BY_ACCOUNT_TEXT(cmp, dir) \
    " UNION" BY_CONTACT_TEXT(cmp, dir) \
    " UNION" BY_CUSTOMER_NAME(cmp, dir) " UNION" BY_ACCOUNT_NAME(cmp, dir) \
    " UNION" BY_CUSTOMER_PHONE(cmp, dir) " UNION" BY_ACCOUNT_PHONE(cmp, dir) \
    " UNION" BY_CONTACT_PHONE(cmp, dir) " UNION" BY_SKU(cmp, dir) ")"
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
        {":num", offsetof(struct order_query, number)},
        {":norm", offsetof(struct order_query, number_norm)},
        {":nlo", offsetof(struct order_query, number_lo)},
        {":nhi", offsetof(struct order_query, number_hi)},
        {":fts", offsetof(struct order_query, fts)},
        {":plo", offsetof(struct order_query, name_lo)},
        {":phi", offsetof(struct order_query, name_hi)},
        {":tel", offsetof(struct order_query, phone)},
        {":sku", offsetof(struct order_query, sku_upper)},
        {":like", offsetof(struct order_query, like)},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        db_bind_text_or_null(s, sqlite3_bind_parameter_index(s, fields[i].name),
                             (const char *)oq + fields[i].offset);
}

/* ------------------------------------------------- search: bounded walk */

/* A short or common text ("d", "dup", "example") names thousands of people,
 * and the branches above then sort all their orders. So, unless it names
 * few, walk the orders from the cursor through orders_placed instead,
 * testing each order's people, for a bounded number of orders: first by
 * LIKE on the order's customer, account and the account's contacts (when
 * the text is one ASCII phrase, see query_like; rows holding one of the two
 * characters the trigram index folds into ASCII, U+212A and U+017F, are
 * asked of the index), then by bitmaps of the ids of the customers and
 * accounts the indexes name. The branches that name orders directly
 * (number, phone digits, SKU) stay look-ups, and the two lists merge. When
 * neither walk fills the page or reaches the last order, the branches run. */
#define SEARCH_LIKE_WINDOW 200  /* about 4 us an order: three look-ups */
#define SEARCH_SET_WINDOW 20000 /* about 0.3 us an order */
#define SEARCH_SET_CAP 300000   /* ids gathered at most (about 0.03 us each) */
/* Under this many orders likely named (a matching account counts for
 * SEARCH_ACCOUNT_ORDERS), sorting them is cheaper than a walk. */
#define SEARCH_FEW 8000
#define SEARCH_ACCOUNT_ORDERS 6

#define LIKE3(t, a, b, c)                                                                                    \
    t "." a " LIKE :like ESCAPE '\\' OR " t "." b " LIKE :like ESCAPE '\\' OR " t "." c                      \
      " LIKE :like ESCAPE '\\'"
#define FOLDS3(t, a, b, c)                                                                                   \
    "ifnull(" t "." a ", '') || ifnull(" t "." b ", '') || ifnull(" t "." c                                  \
    ", '') GLOB " DB_GLOB_FOLDS_TO_ASCII
#define PREFIX_OF(col) col " COLLATE NOCASE >= :plo AND " col " COLLATE NOCASE < :phi"
/* CASE, not AND/OR: in a result column SQLite evaluates both sides of those. */
/* clang-format off */
#define WALK_CUSTOMER \
    "(SELECT CASE WHEN " LIKE3("c", "name", "email", "phone") " THEN 1" \
    " WHEN " PREFIX_OF("c.name") " THEN 1" \
    " WHEN :fts IS NOT NULL AND " FOLDS3("c", "name", "email", "phone") \
    " THEN EXISTS (SELECT 1 FROM customers_fts WHERE customers_fts MATCH :fts AND rowid = c.id)" \
    " ELSE 0 END FROM customers c WHERE c.id = o.customer_id)"
#define WALK_ACCOUNT \
    "(SELECT CASE WHEN " LIKE3("a", "code", "name", "email") " OR a.phone LIKE :like ESCAPE '\\' THEN 1" \
    " WHEN " PREFIX_OF("a.name") " THEN 1" \
    " WHEN :fts IS NOT NULL AND " FOLDS3("a", "code", "name", "email") \
    " || ifnull(a.phone, '') GLOB " DB_GLOB_FOLDS_TO_ASCII \
    " THEN EXISTS (SELECT 1 FROM accounts_fts WHERE accounts_fts MATCH :fts AND rowid = a.id)" \
    " ELSE 0 END FROM accounts a WHERE a.id = o.account_id)"
#define WALK_CONTACTS \
    "EXISTS (SELECT 1 FROM contacts k WHERE k.account_id = o.account_id AND CASE" \
    " WHEN " LIKE3("k", "name", "email", "phone") " THEN 1" \
    " WHEN :fts IS NOT NULL AND " FOLDS3("k", "name", "email", "phone") \
    " THEN EXISTS (SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH :fts AND rowid = k.id)" \
    " ELSE 0 END)"
/* clang-format on */
#define WALK_SQL(cmp, dir)                                                                                   \
    "SELECT o.placed_at, o.id, CASE WHEN o.customer_id IS NOT NULL AND " WALK_CUSTOMER " THEN 1"             \
    " WHEN o.account_id IS NOT NULL AND " WALK_ACCOUNT " THEN 1"                                             \
    " WHEN o.account_id IS NOT NULL AND " WALK_CONTACTS " THEN 1 ELSE 0 END"                                 \
    " FROM orders o WHERE (o.placed_at, o.id) " cmp " (:k1, :id)"                                            \
    " ORDER BY o.placed_at " dir ", o.id " dir " LIMIT :win"

/* The branches that name orders directly, each bounded like SEARCH_HITS. */
/* clang-format off */
#define REST_SQL(cmp, dir) \
    "SELECT placed_at, id FROM (" \
    BY_NUMBER(cmp, dir) " UNION" BY_NUMBER_PREFIX(cmp, dir) \
    " UNION" BY_CUSTOMER_PHONE(cmp, dir) " UNION" BY_ACCOUNT_PHONE(cmp, dir) \
    " UNION" BY_CONTACT_PHONE(cmp, dir) " UNION" BY_SKU(cmp, dir) \
    ") ORDER BY placed_at " dir ", id " dir " LIMIT :lim"
/* clang-format on */

#define COUNT_UPTO(from_where) "(SELECT count(*) FROM (SELECT 1 FROM " from_where " LIMIT :few))"

/* About how many orders the people-naming branches would sort. */
static int search_named_orders(struct db *db, const struct order_query *oq, int *estimate, struct err *e)
{
    /* clang-format off */
    static const char sql[] = "SELECT "
        COUNT_UPTO("customers_fts WHERE :fts IS NOT NULL AND customers_fts MATCH :fts")
        " + " COUNT_UPTO("customers WHERE " PREFIX_OF("name"))
        " + :per * (" COUNT_UPTO("accounts_fts WHERE :fts IS NOT NULL AND accounts_fts MATCH :fts")
        " + " COUNT_UPTO("contacts_fts WHERE :fts IS NOT NULL AND contacts_fts MATCH :fts")
        " + " COUNT_UPTO("accounts WHERE " PREFIX_OF("name")) ")";
    /* clang-format on */
    DB_PREPARE_OR_RETURN(s, sql);
    search_bind(s, oq);
    bind_int_key(s, ":few", SEARCH_FEW);
    bind_int_key(s, ":per", SEARCH_ACCOUNT_ORDERS);
    int rc = sqlite3_step(s);
    *estimate = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? ERR_OK : db_fail(db, e, "searching orders");
}

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

/* The customers and accounts the people-naming branches name. */
struct search_sets {
    struct db_id_set customers, accounts, contacts;
};

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
    sqlite3_reset(s);
    if (*n < max && rc != SQLITE_DONE)
        return db_fail(db, e, "searching orders");
    *done = *n == max || read < window;
    return ERR_OK;
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

#define SET_CUSTOMERS                                                                                        \
    "SELECT rowid FROM customers_fts WHERE :fts IS NOT NULL AND customers_fts MATCH :fts"                    \
    " UNION ALL SELECT id FROM customers WHERE " PREFIX_OF("name")
#define SET_ACCOUNTS                                                                                         \
    "SELECT rowid FROM accounts_fts WHERE :fts IS NOT NULL AND accounts_fts MATCH :fts"                      \
    " UNION ALL SELECT id FROM accounts WHERE " PREFIX_OF("name")
#define SET_CONTACTS "SELECT rowid FROM contacts_fts WHERE :fts IS NOT NULL AND contacts_fts MATCH :fts"
/* One row per order and contact of its account (contacts_account covers the
 * ids); the rows of an order come together, in the index's order. */
#define SET_WALK_SQL(cmp, dir)                                                                               \
    "SELECT o.placed_at, o.id, coalesce(o.customer_id, 0), coalesce(o.account_id, 0), coalesce(k.id, 0)"     \
    " FROM orders o LEFT JOIN contacts k ON k.account_id = o.account_id"                                     \
    " WHERE (o.placed_at, o.id) " cmp " (:k1, :id) ORDER BY o.placed_at " dir ", o.id " dir

static int search_set_load(struct db *db, const char *sql, const struct order_query *oq,
                           struct db_id_set *set, bool *usable, struct err *e)
{
    DB_PREPARE_OR_RETURN(s, sql);
    search_bind(s, oq);
    return db_id_set_read(db, s, set, SEARCH_SET_CAP, usable, e);
}

/* One LIKE walk from the cursor for at most window orders. */
static int search_walk_like(struct db *db, const struct order_query *oq, const struct page_req *q, int window,
                            struct search_key *keys, int *n, bool *done, struct err *e)
{
    static const char desc[] = WALK_SQL("<", "DESC"), asc[] = WALK_SQL(">", "ASC");
    DB_PREPARE_OR_RETURN(s, q->before ? asc : desc);
    search_bind(s, oq);
    search_bind_cursor(s, q);
    bind_int_key(s, ":win", window);
    return search_keys_read(db, s, window, KEEP_HIT, keys, db_page_limit(q), n, done, e);
}

/* An order (its rows read so far) is named by the sets. */
struct set_walk {
    struct search_key at;
    bool hit;
    int orders; /* orders begun */
};

/* Reads the rows of SET_WALK_SQL: an order hits when its customer, account
 * or one of its account's contacts is in the sets. */
static int search_sets_read(struct db *db, sqlite3_stmt *s, const struct search_sets *sets, int window,
                            struct search_key *keys, int max, int *n, bool *done, struct err *e)
{
    struct set_walk w = {.at.id = 0};
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(s, 1);
        if (id != w.at.id) {
            if (w.hit)
                keys[(*n)++] = w.at;
            if (*n == max || w.orders == window)
                break;
            w.orders++;
            w.at.id = id;
            db_column_copy(s, 0, w.at.placed_at, sizeof w.at.placed_at);
            w.hit = db_id_set_has(&sets->customers, sqlite3_column_int64(s, 2)) ||
                    db_id_set_has(&sets->accounts, sqlite3_column_int64(s, 3));
        }
        w.hit = w.hit || db_id_set_has(&sets->contacts, sqlite3_column_int64(s, 4));
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE && w.hit && *n < max)
        keys[(*n)++] = w.at;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_fail(db, e, "searching orders");
    *done = *n == max || rc == SQLITE_DONE;
    return ERR_OK;
}

static int search_walk_sets(struct db *db, const struct order_query *oq, const struct page_req *q, int window,
                            struct search_key *keys, int *n, bool *done, struct err *e)
{
    static const char desc[] = SET_WALK_SQL("<", "DESC"), asc[] = SET_WALK_SQL(">", "ASC");
    static const char customers[] = SET_CUSTOMERS, accounts[] = SET_ACCOUNTS, contacts[] = SET_CONTACTS;
    struct search_sets sets = {0};
    bool usable = false;
    int rc = search_set_load(db, customers, oq, &sets.customers, &usable, e);
    if (rc == ERR_OK && usable)
        rc = search_set_load(db, accounts, oq, &sets.accounts, &usable, e);
    if (rc == ERR_OK && usable)
        rc = search_set_load(db, contacts, oq, &sets.contacts, &usable, e);
    sqlite3_stmt *s = rc == ERR_OK && usable ? db_stmt(db, q->before ? asc : desc, e) : NULL;
    if (s != NULL) {
        search_bind_cursor(s, q);
        rc = search_sets_read(db, s, &sets, window, keys, db_page_limit(q), n, done, e);
    } else if (rc == ERR_OK && usable) {
        rc = e ? e->code : ERR_INTERNAL;
    }
    db_id_set_free(&sets.customers);
    db_id_set_free(&sets.accounts);
    db_id_set_free(&sets.contacts);
    return rc;
}

/* The walks in turn; *done when one answered for the people-naming
 * branches. The LIKE walk is short and goes first: a text that names most
 * orders ("example") is answered before counting what it names, which costs
 * more for such a text than the walk. */
static int search_walks(struct db *db, const struct order_query *oq, const struct page_req *q,
                        struct search_key *keys, int *n, bool *done, struct err *e)
{
    int rc = ERR_OK, window = db_walk_window(db, DB_WALK_LIKE, SEARCH_LIKE_WINDOW);
    *done = false;
    if (oq->fts[0] == '\0' && oq->name_lo[0] == '\0')
        return ERR_OK; /* the text names nobody: the direct branches are cheap */
    if (window > 0 && (oq->like[0] != '\0' || oq->fts[0] == '\0'))
        rc = search_walk_like(db, oq, q, window, keys, n, done, e);
    window = db_walk_window(db, DB_WALK_SET, SEARCH_SET_WINDOW);
    if (rc != ERR_OK || *done || window <= 0)
        return rc;
    int estimate = 0;
    rc = search_named_orders(db, oq, &estimate, e);
    if (rc == ERR_OK && (db->walk_custom || estimate >= SEARCH_FEW))
        rc = search_walk_sets(db, oq, q, window, keys, n, done, e);
    return rc;
}

/* The keys a walk gathers, on the heap: three windows of a page each. */
struct search_windows {
    struct search_key walked[DB_PAGE_MAX], rest[DB_PAGE_MAX], page[DB_PAGE_MAX];
};

/* A walk and the direct branches; *done false when the walks ran out first. */
static int search_walk(struct db *db, const struct order_query *oq, const struct page_req *q,
                       struct order *rows, int *count, bool *done, struct err *e)
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
    struct order_query oq;
    query_build(t, &oq);
    bool done = false;
    int rc = search_walk(db, &oq, q, rows, count, &done, e);
    if (rc != ERR_OK || done)
        return rc;
    DB_PREPARE_OR_RETURN(s, q->before ? oldest_first : newest_first);
    search_bind(s, &oq);
    bind_text_key(s, ":k1", q->has_cursor, q->cursor.text, !q->before);
    bind_int_key(s, ":id", q->has_cursor ? q->cursor.id : q->before ? INT64_MIN : INT64_MAX);
    bind_int_key(s, ":lim", db_page_limit(q));
    return page_collect(db, s, q->before, rows, count, e);
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
