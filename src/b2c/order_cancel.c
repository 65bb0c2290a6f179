/* Cancelling an order, or what is left of it (see fulfilment.h): every
 * unit not shipped is cancelled by a conditional update, its reservation
 * released, its share of the line credited (money_share_units) and paid
 * back to the order's payment method, with the charges too when nothing had
 * shipped; the hooks (promotions, points) hear of it. And notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/order_place_store.h"
#include "db/order_store.h"
#include "db/shipment_store.h"
#include "db/stock_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/fulfilment.h"
#include "src/b2c/fulfilment_private.h"
#include "src/base/datetime.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/base/strbuf.h"
#include "src/orders.h"
#include "src/users.h"
#include "src/validate.h"

static int cancel_check_status(const struct order *o, struct err *e)
{
    switch (o->status) {
    case ORDER_PLACED:
    case ORDER_ALLOCATED:
    case ORDER_PARTIALLY_SHIPPED: return ERR_OK;
    case ORDER_CANCELLED: return err_set(e, ERR_STATE, "status", "%s is cancelled already", o->number);
    default:
        return err_set(e, ERR_STATE, "status",
                       "%s is %s: everything has shipped, so nothing can be cancelled (it can be returned)",
                       o->number, order_status_name(o->status));
    }
}

/* What the cancel does, line by line. */
struct cancel_work {
    struct order o;
    struct rows lines;
    struct order_credit_line *credits; /* goods lines: for the hooks */
    int ncredits;
    int64_t refund, refund_tax, released, shipped;
    struct strbuf what;
};

/* A goods line: its allocated and waiting units cancelled, the
 * reservation released, the units credited. */
static int cancel_line(struct app *app, struct cancel_work *w, const struct order_line *l, struct err *e)
{
    int64_t a = l->allocated_qty, b = l->backorder_qty, k = a + b;
    bool line = false, stock = true, credited = false;
    if (k == 0)
        return ERR_OK;
    int rc = order_line_store_cancel(app->db, l->id, a, b, &line, e);
    if (rc == ERR_OK && !line)
        return err_set(e, ERR_CONFLICT, "lines",
                       "line %d (%s) changed meanwhile (shipped or received): look again", l->line_no,
                       l->sku);
    if (rc == ERR_OK && a > 0 && l->product_id > 0)
        rc = stock_store_release(app->db, l->product_id, a, &stock, e);
    if (rc == ERR_OK && !stock)
        return err_set(e, ERR_CONFLICT, "stock", "%s: the stock reserved for it is not there", l->sku);
    bool completes = l->cancelled_qty + k + l->returned_qty == l->quantity;
    struct order_credit_line *c = &w->credits[w->ncredits++];
    *c = (struct order_credit_line){.order_line_id = l->id,
                                    .units = k,
                                    .completes = completes,
                                    .amount = money_share_units(l->total_amount, l->quantity, k, completes),
                                    .tax = money_share_units(l->tax_amount, l->quantity, k, completes)};
    if (rc == ERR_OK)
        rc = order_line_store_credit(app->db, l->id, k, c->amount, c->tax, &credited, e);
    if (rc == ERR_OK && !credited)
        return err_set(e, ERR_CONFLICT, "lines", "line %d (%s) was credited meanwhile", l->line_no, l->sku);
    w->refund += c->amount;
    w->refund_tax += c->tax;
    w->released += a;
    strbuf_addf(&w->what, "%s%s ×%lld", strbuf_text(&w->what)[0] ? ", " : "", l->sku, (long long)k);
    return rc;
}

/* A shipping or fee line, credited whole when nothing had shipped. */
static int cancel_charge(struct app *app, struct cancel_work *w, const struct order_line *l, struct err *e)
{
    int64_t amount = l->total_amount - l->refunded_amount, tax = l->tax_amount - l->refunded_tax;
    bool credited = false;
    if (l->refunded_qty >= l->quantity || (amount == 0 && tax == 0))
        return ERR_OK;
    int rc =
        order_line_store_credit(app->db, l->id, l->quantity - l->refunded_qty, amount, tax, &credited, e);
    if (rc == ERR_OK && !credited)
        return err_set(e, ERR_CONFLICT, "lines", "line %d (%s) was credited meanwhile", l->line_no, l->sku);
    w->refund += amount;
    w->refund_tax += tax;
    return rc;
}

static int cancel_lines(struct app *app, struct cancel_work *w, struct err *e)
{
    const struct order_line *l = w->lines.items;
    for (int i = 0; i < w->lines.n; i++)
        w->shipped += l[i].kind == LINE_GOODS ? l[i].shipped_qty : 0;
    int rc = ERR_OK;
    for (int i = 0; rc == ERR_OK && i < w->lines.n; i++) {
        if (l[i].kind == LINE_GOODS)
            rc = cancel_line(app, w, &l[i], e);
        else if (w->shipped == 0)
            rc = cancel_charge(app, w, &l[i], e);
    }
    return rc;
}

/* The refund, to the method the order was paid with. */
static int cancel_pay_back(struct app *app, struct cancel_work *w, struct err *e)
{
    if (w->refund <= 0)
        return ERR_OK;
    struct rows payments = {0};
    int rc = payment_store_list(app->db, w->o.id, &payments, e);
    const struct payment *p = payments.items;
    enum payment_method method = PAY_CARD;
    bool paid = false;
    for (int i = payments.n - 1; rc == ERR_OK && i >= 0; i--)
        if (!p[i].out) {
            method = p[i].method;
            paid = true;
        }
    rows_free(&payments);
    if (rc != ERR_OK || !paid)
        return rc; /* never paid (nothing was charged): nothing to pay back */
    bool done = false;
    if ((rc = order_store_add_refund(app->db, w->o.id, w->refund, &done, e)) == ERR_OK && !done)
        return err_set(e, ERR_CONFLICT, "refund",
                       "%s: paying back the cancelled part would refund more than was paid", w->o.number);
    struct payment out = {.order_id = w->o.id,
                          .out = true,
                          .method = method,
                          .amount = w->refund,
                          .tax_amount = w->refund_tax,
                          .user_id = app->user.id};
    datetime_now_utc(out.at);
    datetime_local_date(out.at, out.day);
    snprintf(out.reason, sizeof out.reason, "cancel");
    snprintf(out.reference, sizeof out.reference, "cancel"); /* the timeline reads payments: it says why */
    if (rc == ERR_OK)
        rc = payment_store_insert(app->db, &out, e);
    if (rc == ERR_OK && method == PAY_ACCOUNT && w->o.account_id > 0)
        rc = account_store_credit(app->db, w->o.account_id, w->refund, e);
    return rc;
}

/* Nothing shipped: cancelled. Some shipped: shipped, or delivered when
 * every shipment has arrived. */
static int cancel_status(struct app *app, struct cancel_work *w, const char *reason, bool *delivered,
                         struct err *e)
{
    *delivered = false;
    if (w->shipped == 0)
        return fulfil_set_status(app, &w->o, ORDER_CANCELLED, reason, e);
    struct rows shipments = {0};
    int rc = shipment_store_list(app->db, w->o.id, &shipments, e);
    const struct shipment *s = shipments.items;
    bool arrived = shipments.n > 0;
    for (int i = 0; i < shipments.n; i++)
        arrived = arrived && s[i].delivered_at[0] != '\0';
    rows_free(&shipments);
    if (rc == ERR_OK && arrived)
        rc = shipment_store_order_delivered(app->db, w->o.id, e);
    *delivered = arrived;
    return rc != ERR_OK ? rc
                        : fulfil_set_status(app, &w->o, arrived ? ORDER_DELIVERED : ORDER_SHIPPED, reason, e);
}

static int cancel_record(struct app *app, struct cancel_work *w, const char *reason,
                         struct cancel_result *res, struct err *e)
{
    char detail[401];
    int64_t units = 0;
    for (int i = 0; i < w->ncredits; i++)
        units += w->credits[i].units;
    res->units = units;
    res->refunded = w->refund;
    snprintf(detail, sizeof detail, "%s%lld unit%s cancelled%s%s%s%s", w->shipped ? "the rest: " : "",
             (long long)units, units == 1 ? "" : "s", strlen(strbuf_text(&w->what)) <= 200 ? ": " : "",
             strlen(strbuf_text(&w->what)) <= 200 ? strbuf_text(&w->what) : "", reason[0] ? " — " : "",
             reason);
    int rc = fulfil_timeline(app, w->o.id, NULL, "cancel", 0, w->refund > 0, w->refund, detail, e);
    if (rc != ERR_OK)
        return rc;
    struct json j;
    json_begin(&j);
    json_int(&j, "units", units);
    json_int(&j, "released", w->released);
    json_int(&j, "refunded", w->refund);
    json_str(&j, "reason", reason);
    json_str(&j, "status", order_status_name(w->o.status));
    rc = fulfil_audit(app, "cancel", &w->o, json_end(&j), e);
    json_free(&j);
    return rc;
}

static int cancel_in_transaction(struct app *app, const char *number, const char *reason,
                                 struct cancel_work *w, struct cancel_result *res, struct err *e)
{
    bool delivered = false;
    int rc = fulfil_order(app, number, ACT_ORDER_CANCEL, &w->o, e);
    if (rc == ERR_OK && (rc = cancel_check_status(&w->o, e)) == ERR_OK)
        rc = order_store_lines(app->db, w->o.id, NULL, &w->lines, e);
    if (rc != ERR_OK)
        return rc;
    w->credits = xcalloc((size_t)w->lines.n + 1, sizeof *w->credits);
    if ((rc = cancel_lines(app, w, e)) == ERR_OK && w->ncredits == 0)
        rc = err_set(e, ERR_STATE, "status", "nothing of %s is left to cancel", w->o.number);
    if (rc == ERR_OK && (rc = cancel_pay_back(app, w, e)) == ERR_OK)
        rc = cancel_status(app, w, reason, &delivered, e);
    res->status = w->o.status;
    struct order_change change = {.kind = ORDER_CHANGE_CANCELLED,
                                  .order = &w->o,
                                  .credits = w->credits,
                                  .ncredits = w->ncredits,
                                  .whole_order = w->shipped == 0};
    if (rc == ERR_OK)
        rc = order_hooks_run(app, &change, e);
    struct order_change arrived = {.kind = ORDER_CHANGE_DELIVERED, .order = &w->o};
    if (rc == ERR_OK && delivered)
        rc = order_hooks_run(app, &arrived, e);
    return rc == ERR_OK ? cancel_record(app, w, reason, res, e) : rc;
}

int order_cancel(struct app *app, const char *number, const char *reason, struct cancel_result *res,
                 struct err *e)
{
    memset(res, 0, sizeof *res);
    const char *why = reason ? reason : "";
    int rc = app_require(app, ACT_ORDER_CANCEL, e);
    if (rc == ERR_OK)
        rc = text_check("reason", why, 200, 0, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    struct cancel_work w = {0};
    if ((rc = cancel_in_transaction(app, number, why, &w, res, e)) != ERR_OK)
        db_rollback(app->db);
    else
        rc = db_commit(app->db, e);
    rows_free(&w.lines);
    free(w.credits);
    strbuf_free(&w.what);
    return rc;
}

/* ------------------------------------------------------------ notes */

int order_add_note(struct app *app, const char *number, const char *text, struct err *e)
{
    struct order o;
    int rc = app_require(app, ACT_ORDER_NOTE, e);
    if (rc == ERR_OK)
        rc = text_check("note", text, 400, TEXT_REQUIRED, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = fulfil_order(app, number, ACT_ORDER_NOTE, &o, e)) == ERR_OK &&
        (rc = fulfil_timeline(app, o.id, NULL, "note", 0, false, 0, text, e)) == ERR_OK) {
        struct json j;
        json_begin(&j);
        json_str(&j, "note", text);
        rc = fulfil_audit(app, "note", &o, json_end(&j), e);
        json_free(&j);
    }
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}
