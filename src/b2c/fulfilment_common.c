/* What the fulfilment operations share (see fulfilment_private.h): the
 * order an operation acts on, its timeline, status and audit rows, the
 * promise from today, and allocating received stock to waiting lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/order_place_store.h"
#include "db/order_store.h"
#include "db/stock_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/cart.h"
#include "src/b2c/fulfilment_private.h"
#include "src/b2c/returns.h"
#include "src/b2c/shipping.h"
#include "src/base/datetime.h"
#include "src/base/mem.h"
#include "src/orders.h"
#include "src/users.h"

int fulfil_order(struct app *app, const char *number, int action, struct order *o, struct err *e)
{
    int rc = app_require(app, (enum action)action, e);
    return rc != ERR_OK ? rc : order_get(app, number, o, e);
}

int fulfil_timeline(struct app *app, int64_t order_id, const char *at, const char *kind, int64_t ref_id,
                    bool has_amount, int64_t amount, const char *detail, struct err *e)
{
    struct order_timeline_entry t = {.order_id = order_id, .user_id = app->user.id, .ref_id = ref_id};
    if (at != NULL)
        snprintf(t.at, sizeof t.at, "%s", at);
    else
        datetime_now_utc(t.at);
    snprintf(t.kind, sizeof t.kind, "%s", kind);
    t.has_amount = has_amount;
    t.amount = amount;
    snprintf(t.detail, sizeof t.detail, "%s", detail);
    return order_timeline_store_add(app->db, &t, e);
}

int fulfil_set_status(struct app *app, struct order *o, enum order_status to, const char *note, struct err *e)
{
    int rc = order_store_get(app->db, o->id, o, e);
    if (rc != ERR_OK || o->status == to)
        return rc;
    rc = order_store_set_status(app->db, o, to, app->user.id, note ? note : "", e);
    return rc != ERR_OK ? rc : return_exchange_order_moved(app, o, e);
}

int fulfil_audit(struct app *app, const char *action, const struct order *o, const char *after_json,
                 struct err *e)
{
    return audit_record(app, action, "order", o->number, NULL, after_json, e);
}

void fulfil_clock(char today[11], char now_hm[6])
{
    time_t now = datetime_now();
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(today, 11, "%Y-%m-%d", &tm);
    strftime(now_hm, 6, "%H:%M", &tm);
}

enum order_status fulfil_status_of(int64_t allocated, int64_t waiting, int64_t shipped)
{
    if (allocated + waiting == 0)
        return shipped > 0 ? ORDER_SHIPPED : ORDER_CANCELLED;
    if (shipped > 0)
        return ORDER_PARTIALLY_SHIPPED;
    return waiting > 0 ? ORDER_PLACED : ORDER_ALLOCATED;
}

/* ------------------------------------------------------------ promises */

int fulfil_promise_now(struct app *app, const struct order *o, char out[11], struct err *e)
{
    out[0] = '\0';
    if (o->promised_date[0] == '\0')
        return ERR_OK;
    char today[11], now_hm[6], ship[11];
    fulfil_clock(today, now_hm);
    struct shipping_method m;
    struct err missing = {0};
    bool known = shipping_get(app, o->shipping_method, &m, &missing) == ERR_OK;
    struct rows closures = {0};
    int rc = shipping_closures(app, today, &closures, e);
    if (rc != ERR_OK) {
        rows_free(&closures);
        return rc;
    }
    char(*days)[11] = xcalloc((size_t)closures.n + 1, sizeof *days);
    const struct business_closure *c = closures.items;
    for (int i = 0; i < closures.n; i++)
        snprintf(days[i], sizeof days[i], "%s", c[i].day);
    /* A method no longer in the table (an old order's) leaves the same day. */
    promise_ship_day(today, now_hm, known ? &m : NULL, days, closures.n, ship);
    business_days_after(ship, known ? m.lead_days : 0, days, closures.n, out);
    if (o->requested_date[0] && strcmp(o->requested_date, out) > 0)
        snprintf(out, 11, "%s", o->requested_date);
    free(days);
    rows_free(&closures);
    return ERR_OK;
}

/* --------------------------------------------------------- allocation */

/* An order that got units: its timeline row, and when nothing is left
 * waiting, allocated and promised again. */
static int allocated_to_order(struct app *app, int64_t order_id, const char *sku, int64_t units,
                              const char *why, struct receive_result *res, struct err *e)
{
    char detail[480];
    int64_t waiting = 0;
    snprintf(detail, sizeof detail, "%s ×%lld allocated (stock %s)", sku, (long long)units, why);
    int rc = fulfil_timeline(app, order_id, NULL, "allocation", 0, false, 0, detail, e);
    if (rc == ERR_OK)
        rc = stock_store_order_waiting(app->db, order_id, &waiting, e);
    if (rc != ERR_OK || waiting > 0)
        return rc;
    struct order o;
    char promise[11], today[11], now_hm[6], reason[200];
    if ((rc = order_store_get(app->db, order_id, &o, e)) != ERR_OK)
        return rc;
    res->orders_complete++;
    char note[80];
    snprintf(note, sizeof note, "stock %s", why);
    if (o.status == ORDER_PLACED &&
        (rc = order_store_set_status(app->db, &o, ORDER_ALLOCATED, app->user.id, note, e)) != ERR_OK)
        return rc;
    if ((rc = fulfil_promise_now(app, &o, promise, e)) != ERR_OK || promise[0] == '\0' ||
        strcmp(promise, o.promised_date) == 0)
        return rc;
    fulfil_clock(today, now_hm);
    snprintf(reason, sizeof reason, "stock of %s %s on %s", sku, why, today);
    char at[32];
    datetime_now_utc(at);
    /* the timeline reads promises from their own table */
    if ((rc = order_promise_store_add(app->db, order_id, promise, at, app->user.id, reason, e)) == ERR_OK)
        res->promises_moved++;
    return rc;
}

int fulfil_allocate_waiting(struct app *app, int64_t product_id, const char *sku, const char *why,
                            struct receive_result *res, struct err *e)
{
    struct rows waiting = {0};
    int64_t free = 0;
    int rc = stock_store_free(app->db, product_id, &free, e);
    if (rc == ERR_OK && free > 0)
        rc = stock_store_waiting(app->db, product_id, &waiting, e);
    const struct waiting_line *w = waiting.items;
    int64_t order_units = 0; /* what the current order got so far */
    for (int i = 0; rc == ERR_OK && i < waiting.n && free > 0; i++) {
        int64_t n = w[i].backorder_qty < free ? w[i].backorder_qty : free;
        bool line = false, stock = false;
        if ((rc = stock_store_allocate_line(app->db, w[i].order_line_id, n, &line, e)) != ERR_OK ||
            (rc = stock_store_take(app->db, product_id, n, &stock, e)) != ERR_OK)
            break;
        if (!line || !stock) {
            rc = err_set(e, ERR_CONFLICT, "stock", "%s: the lines waiting changed meanwhile; try again", sku);
            break;
        }
        free -= n;
        res->allocated += n;
        /* Lines of one order come together (same promise, same order): count it once. */
        bool same_order = i > 0 && w[i - 1].order_id == w[i].order_id;
        res->orders += same_order ? 0 : 1;
        order_units = (same_order ? order_units : 0) + n;
        bool order_done = i + 1 >= waiting.n || w[i + 1].order_id != w[i].order_id || free == 0;
        if (order_done)
            rc = allocated_to_order(app, w[i].order_id, sku, order_units, why, res, e);
    }
    rows_free(&waiting);
    return rc;
}
