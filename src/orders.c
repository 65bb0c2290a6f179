/* Orders: the arithmetic of lines and totals, the life cycle, and the
 * operations on orders (create, read, move, find) with their rights and audit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/account_store.h"
#include "db/customer_store.h"
#include "db/db.h"
#include "db/order_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/fulfilment.h"
#include "src/b2c/returns.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/customers.h"
#include "src/orders.h"
#include "src/users.h"
#include "src/validate.h"

#define ORDER_MAX_LINES 10000

/* ------------------------------------------------------------ arithmetic */

int order_line_compute(struct order_line *l, struct err *e)
{
    int64_t gross = 0, net = 0, tax = 0;
    if (money_mul(l->quantity, l->unit_price, &gross, NULL) != ERR_OK)
        return err_set(e, ERR_INVALID, "quantity", "line %d: quantity × unit price is too large", l->line_no);
    if (l->discount_amount < 0 || l->discount_amount > gross)
        return err_set(e, ERR_INVALID, "discount_amount",
                       "line %d: the discount must be between 0 and quantity × unit price", l->line_no);
    net = gross - l->discount_amount;
    if (money_apply_bp(net, l->tax_rate_bp, &tax, NULL) != ERR_OK)
        return err_set(e, ERR_INVALID, "quantity", "line %d: quantity × unit price is too large", l->line_no);
    l->net_amount = net;
    l->tax_amount = tax;
    return ERR_OK;
}

int order_totals_compute(struct order *o, const struct order_line *lines, int n, struct err *e)
{
    int64_t subtotal = 0, tax = 0, total = 0;
    for (int i = 0; i < n; i++) {
        if (money_add(subtotal, lines[i].net_amount, &subtotal, NULL) != ERR_OK ||
            money_add(tax, lines[i].tax_amount, &tax, NULL) != ERR_OK)
            return err_set(e, ERR_INVALID, "total", "the order's total is too large");
    }
    if (money_add(subtotal, tax, &total, NULL) != ERR_OK)
        return err_set(e, ERR_INVALID, "total", "the order's total is too large");
    o->subtotal = subtotal;
    o->tax_total = tax;
    o->total = total;
    return ERR_OK;
}

/* ------------------------------------------------------------ life cycle */

/* The moves made by hand: cancelling what has not shipped (a partly
 * shipped order then shows what its shipments say: shipped or delivered),
 * closing a delivered order. The others follow what happens to the units
 * (src/b2c/fulfilment.h): stock allocated (placed → allocated), shipments
 * (→ partially shipped → shipped), deliveries (→ delivered). */
static const bool order_moves[ORDER_STATUS_COUNT][ORDER_STATUS_COUNT] = {
    [ORDER_PLACED] = {[ORDER_CANCELLED] = true},
    [ORDER_ALLOCATED] = {[ORDER_CANCELLED] = true},
    [ORDER_PARTIALLY_SHIPPED] = {[ORDER_CANCELLED] = true},
    [ORDER_DELIVERED] = {[ORDER_CLOSED] = true},
};

/* What makes an order reach a status it cannot be moved to by hand. */
static const char *const order_move_how[ORDER_STATUS_COUNT] = {
    [ORDER_ALLOCATED] = "stock is allocated to it (comptoir stock receive)",
    [ORDER_PARTIALLY_SHIPPED] = "part of it ships (comptoir order ship)",
    [ORDER_SHIPPED] = "it ships (comptoir order ship)",
    [ORDER_DELIVERED] = "its last shipment is delivered (comptoir order deliver)",
};

bool order_can_move(enum order_status from, enum order_status to)
{
    if ((int)from < 0 || from >= ORDER_STATUS_COUNT || (int)to < 0 || to >= ORDER_STATUS_COUNT)
        return false;
    return order_moves[from][to];
}

unsigned order_open_statuses(void)
{
    return ORDER_STATUS_BIT(ORDER_PLACED) | ORDER_STATUS_BIT(ORDER_ALLOCATED) |
           ORDER_STATUS_BIT(ORDER_PARTIALLY_SHIPPED) | ORDER_STATUS_BIT(ORDER_SHIPPED);
}

/* Says why a move is refused, naming the moves that are allowed. */
static int order_refuse_move(const struct order *o, enum order_status to, struct err *e)
{
    const char *now = order_status_name(o->status);
    if (o->status == to)
        return err_set(e, ERR_STATE, "status", "%s is already %s", o->number, now);
    if ((int)to >= 0 && to < ORDER_STATUS_COUNT && order_move_how[to] != NULL)
        return err_set(e, ERR_STATE, "status", "%s is %s: it becomes %s when %s", o->number, now,
                       order_status_name(to), order_move_how[to]);
    enum order_status legal[ORDER_STATUS_COUNT];
    int n = 0;
    for (int s = 0; s < ORDER_STATUS_COUNT; s++)
        if (order_moves[o->status][s])
            legal[n++] = (enum order_status)s;
    if (n == 0)
        return err_set(e, ERR_STATE, "status", "%s is %s: it cannot change any more", o->number, now);
    if (n == 1)
        return err_set(e, ERR_STATE, "status", "%s is %s: it can only be %s", o->number, now,
                       order_status_name(legal[0]));
    return err_set(e, ERR_STATE, "status", "%s is %s: it can be %s or %s, not %s", o->number, now,
                   order_status_name(legal[0]), order_status_name(legal[1]), order_status_name(to));
}

/* ------------------------------------------------------------ validation */

static int order_validate_lines(struct order_line *lines, int n, struct err *e)
{
    if (n < 1)
        return err_set(e, ERR_INVALID, "lines", "an order needs at least one line");
    if (n > ORDER_MAX_LINES)
        return err_set(e, ERR_INVALID, "lines", "an order has at most %d lines", ORDER_MAX_LINES);
    for (int i = 0; i < n; i++) {
        struct order_line *l = &lines[i];
        l->line_no = i + 1;
        if (l->quantity <= 0)
            return err_set(e, ERR_INVALID, "quantity", "line %d: quantity must be more than 0", l->line_no);
        if (l->unit_price < 0)
            return err_set(e, ERR_INVALID, "unit_price", "line %d: unit price must not be negative",
                           l->line_no);
        if (l->tax_rate_bp < 0 || l->tax_rate_bp > 10000)
            return err_set(e, ERR_INVALID, "tax_rate", "line %d: tax rate must be 0 to 100 %%", l->line_no);
        if (l->sku[0] == '\0' && l->description[0] == '\0')
            return err_set(e, ERR_INVALID, "sku", "line %d: needs a SKU or a description", l->line_no);
    }
    return ERR_OK;
}

/* Support, managers and admins see every order; a rep the orders of the
 * accounts assigned to them and those they placed (a consumer's name,
 * e-mail and phone are not every rep's to read). */
static int order_require_visible(struct app *app, const struct order *o, struct err *e)
{
    if (rights_allows(app->user.role, ACT_ORDER_VIEW_ALL) || (o->created_by && o->created_by == app->user.id))
        return ERR_OK;
    if (o->account_id != 0) {
        struct account a;
        int rc = account_store_get(app->db, o->account_id, &a, e);
        if (rc != ERR_OK)
            return rc;
        if (a.rep_id == app->user.id)
            return ERR_OK;
    }
    return err_set(e, ERR_DENIED, NULL,
                   "%s is not one of yours: %s (%s) sees the orders of their accounts and those they placed",
                   o->number, app->user.login, role_name(app->user.role));
}

static int order_validate_b2b(struct app *app, const struct order *o, struct err *e)
{
    if (o->account_id <= 0)
        return err_set(e, ERR_INVALID, "account", "a b2b order needs an account");
    if (o->customer_id != 0)
        return err_set(e, ERR_INVALID, "customer", "a b2b order is for an account, not a customer");
    int rc = order_require_visible(app, o, e);
    if (rc != ERR_OK || o->contact_id == 0)
        return rc;
    struct contact c;
    if ((rc = contact_store_get(app->db, o->contact_id, &c, e)) != ERR_OK)
        return rc;
    if (c.account_id != o->account_id)
        return err_set(e, ERR_INVALID, "contact", "contact %s is not a contact of this account", c.name);
    return ERR_OK;
}

static int order_validate_party(struct app *app, const struct order *o, struct err *e)
{
    if (o->channel == CHANNEL_B2B)
        return order_validate_b2b(app, o, e);
    if (o->account_id != 0 || o->contact_id != 0)
        return err_set(e, ERR_INVALID, "account", "a b2c order is for a customer, not an account");
    if (o->customer_id == 0)
        return ERR_OK; /* a cash sale */
    struct customer c;
    return customer_store_get(app->db, o->customer_id, &c, e);
}

/* ------------------------------------------------------------ operations */

/* Inserts and audits inside the caller's transaction. */
static int order_insert_audited(struct app *app, struct order *o, struct order_line *lines, int n,
                                struct err *e)
{
    int rc = order_store_insert(app->db, o, lines, n, app->user.id, e);
    if (rc != ERR_OK)
        return rc;
    char *after = order_to_json(o);
    rc = audit_record(app, "create", "order", o->number, NULL, after, e);
    free(after);
    return rc;
}

int order_create(struct app *app, struct order *o, struct order_line *lines, int n, struct err *e)
{
    int rc = app_require(app, ACT_ORDER_CREATE, e);
    if (rc == ERR_OK)
        rc = order_validate_lines(lines, n, e);
    for (int i = 0; rc == ERR_OK && i < n; i++)
        rc = order_line_compute(&lines[i], e);
    if (rc == ERR_OK)
        rc = order_totals_compute(o, lines, n, e);
    if (rc == ERR_OK)
        rc = order_validate_party(app, o, e);
    if (rc != ERR_OK)
        return rc;
    o->status = ORDER_PLACED;
    if ((rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = order_insert_audited(app, o, lines, n, e)) != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}

int order_get(struct app *app, const char *number, struct order *out, struct err *e)
{
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    if (rc == ERR_OK)
        rc = order_store_find_number(app->db, number, out, e);
    if (rc == ERR_OK)
        rc = order_require_visible(app, out, e);
    return rc;
}

/* Moves and audits inside the caller's transaction. */
static int order_move_audited(struct app *app, struct order *o, enum order_status to, const char *note,
                              struct err *e)
{
    char *before = order_to_json(o);
    int rc = order_store_set_status(app->db, o, to, app->user.id, note, e);
    if (rc == ERR_OK)
        rc = return_exchange_order_moved(app, o, e);
    if (rc == ERR_OK) {
        char *after = order_to_json(o);
        rc = audit_record(app, "status", "order", o->number, before, after, e);
        free(after);
    }
    free(before);
    return rc;
}

/* Cancelling releases the order's stock and pays it back: the fulfilment
 * core does it, with its own right (ACT_ORDER_CANCEL). */
static int order_move_cancel(struct app *app, struct order *o, const char *note, struct err *e)
{
    struct cancel_result res;
    int rc = order_cancel(app, o->number, note ? note : "", &res, e);
    return rc != ERR_OK ? rc : order_store_get(app->db, o->id, o, e);
}

int order_move(struct app *app, struct order *o, enum order_status to, const char *note, struct err *e)
{
    if (to == ORDER_CANCELLED && order_can_move(o->status, to))
        return order_move_cancel(app, o, note, e);
    int rc = app_require(app, ACT_ORDER_STATUS, e);
    if (rc == ERR_OK)
        rc = order_require_visible(app, o, e);
    if (rc == ERR_OK) /* the history's note: sizeof order_event.note */
        rc = text_check("note", note, 400, TEXT_MULTILINE, e);
    if (rc != ERR_OK)
        return rc;
    if (!order_can_move(o->status, to))
        return order_refuse_move(o, to, e);
    struct order saved = *o;
    if ((rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = order_move_audited(app, o, to, note ? note : "", e)) != ERR_OK) {
        db_rollback(app->db);
        *o = saved;
        return rc;
    }
    if ((rc = db_commit(app->db, e)) != ERR_OK)
        *o = saved;
    return rc;
}

/* Keeps the rows the user may see; returns how many were kept. */
static int order_keep_visible(struct app *app, struct order *rows, int n)
{
    int kept = 0;
    for (int i = 0; i < n; i++) {
        if (order_require_visible(app, &rows[i], NULL) == ERR_OK)
            rows[kept++] = rows[i];
    }
    return kept;
}

/* One window of orders from the store, for order_page_visible. */
struct order_window_source {
    int (*page)(struct db *db, const void *key, const struct page_req *q, struct order *rows, int *count,
                struct err *e);
    const void *key;
};

/* A window of q (its rows the user may see): everyone but a rep gets the
 * store's window; a rep's hidden rows are skipped and the window refilled
 * from where it stopped, so a page is short only at the end. */
static int order_page_visible(struct app *app, const struct order_window_source *src,
                              const struct page_req *q, struct order *rows, int *count, struct err *e)
{
    int rc;
    if (rights_allows(app->user.role, ACT_ORDER_VIEW_ALL))
        return src->page(app->db, src->key, q, rows, count, e);
    if (q->before) { /* going back: one window, hidden rows left out */
        if ((rc = src->page(app->db, src->key, q, rows, count, e)) == ERR_OK)
            *count = order_keep_visible(app, rows, *count);
        return rc;
    }
    int want = q->limit > 0 && q->limit <= 500 ? q->limit : 50;
    struct page_req next = *q;
    struct order *batch = xcalloc((size_t)want, sizeof *batch);
    *count = 0;
    for (;;) {
        int n = 0;
        next.limit = want;
        if ((rc = src->page(app->db, src->key, &next, batch, &n, e)) != ERR_OK)
            break;
        int kept = order_keep_visible(app, batch, n);
        for (int i = 0; i < kept && *count < want; i++)
            rows[(*count)++] = batch[i];
        if (n < want || *count >= want)
            break;
        next.has_cursor = true;
        order_store_cursor(&batch[n - 1], ORDER_SORT_PLACED, &next.cursor);
    }
    free(batch);
    return rc;
}

static int search_page(struct db *db, const void *text, const struct page_req *q, struct order *rows,
                       int *count, struct err *e)
{
    return order_store_search(db, text, q, rows, count, e);
}

static int customer_orders_page(struct db *db, const void *id, const struct page_req *q, struct order *rows,
                                int *count, struct err *e)
{
    return order_store_page_for_customer(db, *(const int64_t *)id, q, rows, count, e);
}

int order_find(struct app *app, const char *text, const struct page_req *q, struct order *rows, int *count,
               struct err *e)
{
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    if (rc != ERR_OK)
        return rc;
    struct order_window_source src = {search_page, text};
    return order_page_visible(app, &src, q, rows, count, e);
}

/* ------------------------------------------------- what an order holds */

/* The order as stored, when the user may see it. */
static int order_require_readable(struct app *app, const struct order *o, struct err *e)
{
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    if (rc != ERR_OK)
        return rc;
    struct order stored;
    if ((rc = order_store_get(app->db, o->id, &stored, e)) != ERR_OK)
        return rc;
    return order_require_visible(app, &stored, e);
}

int order_lines(struct app *app, const struct order *o, const struct page_req *q, struct rows *out,
                struct err *e)
{
    rows_reset(out, sizeof(struct order_line));
    int rc = order_require_readable(app, o, e);
    return rc != ERR_OK ? rc : order_store_lines(app->db, o->id, q, out, e);
}

int order_events(struct app *app, const struct order *o, const struct page_req *q, struct rows *out,
                 struct err *e)
{
    rows_reset(out, sizeof(struct order_event));
    int rc = order_require_readable(app, o, e);
    return rc != ERR_OK ? rc : order_store_events(app->db, o->id, q, out, e);
}

void order_line_cursor(const struct order_line *l, struct page_cursor *c)
{
    order_store_line_cursor(l, c);
}

void order_event_cursor(const struct order_event *ev, struct page_cursor *c)
{
    order_store_event_cursor(ev, c);
}

/* -------------------------------------------------- a party's orders */

int order_page_for_account(struct app *app, int64_t account_id, const struct page_req *q, struct order *rows,
                           int *count, struct err *e)
{
    *count = 0;
    struct account a;
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    if (rc == ERR_OK)
        rc = account_get(app, account_id, &a, e); /* a rep: only their own */
    return rc != ERR_OK ? rc : order_store_page_for_account(app->db, account_id, q, rows, count, e);
}

int order_page_for_customer(struct app *app, int64_t customer_id, const struct page_req *q,
                            struct order *rows, int *count, struct err *e)
{
    *count = 0;
    struct customer c;
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    if (rc == ERR_OK)
        rc = customer_get(app, customer_id, &c, e);
    struct order_window_source src = {customer_orders_page, &customer_id};
    return rc != ERR_OK ? rc : order_page_visible(app, &src, q, rows, count, e); /* a rep: theirs */
}

void order_cursor(const struct order *o, int sort, struct page_cursor *c)
{
    order_store_cursor(o, sort, c);
}
