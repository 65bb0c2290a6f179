/* Fulfilment on orders through the seams of b2c_hooks.h: an order's
 * delivery dates, shipments and packing in its summary (`order show`, the
 * order screen), `check`'s invariants of stock and shipments, and the
 * demo's shipments, deliveries, back-orders, a partial shipment or two and
 * a few promises that slipped. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/fulfilment_store.h"
#include "db/order_place_store.h"
#include "db/shipment_store.h"
#include "db/stock_store.h"
#include "src/app.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/cart.h"
#include "src/b2c/fulfilment.h"
#include "src/b2c/fulfilment_private.h"
#include "src/base/datetime.h"
#include "src/orders.h"
#include "src/settings.h"

static void summary_add(struct rows *out, const char *section, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void summary_add(struct rows *out, const char *section, const char *fmt, ...)
{
    struct order_summary_row *r = rows_add(out);
    snprintf(r->section, sizeof r->section, "%s", section);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->text, sizeof r->text, fmt, ap);
    va_end(ap);
}

static void summary_dates(const struct order *o, struct rows *out)
{
    char today[11], now_hm[6], note[160];
    fulfil_clock(today, now_hm);
    if (o->requested_date[0])
        summary_add(out, "Delivery", "requested %s", o->requested_date);
    if (o->promised_date[0] && o->first_promised_date[0] && strcmp(o->promised_date, o->first_promised_date))
        summary_add(out, "Delivery", "promised %s (first promised %s)", o->promised_date,
                    o->first_promised_date);
    else if (o->promised_date[0])
        summary_add(out, "Delivery", "promised %s", o->promised_date);
    order_promise_note(o, today, note, sizeof note);
    if (note[0])
        summary_add(out, "Delivery", "%s", note);
    if (o->delivered_day[0] && o->first_promised_date[0]) {
        int late = date_days_between(o->first_promised_date, o->delivered_day);
        if (late > 0)
            summary_add(out, "Delivery", "delivered %s: late, %d day%s after the first promise",
                        o->delivered_day, late, late == 1 ? "" : "s");
        else
            summary_add(out, "Delivery", "delivered %s: on time", o->delivered_day);
    } else if (o->delivered_day[0])
        summary_add(out, "Delivery", "delivered %s", o->delivered_day);
}

static void summary_shipment(const struct shipment *s, struct rows *out)
{
    char shipped[32], delivered[40] = "on its way";
    datetime_local(s->shipped_at, DATETIME_MINUTE, shipped, sizeof shipped);
    if (s->delivered_day[0])
        snprintf(delivered, sizeof delivered, "delivered %s", s->delivered_day);
    summary_add(out, "Shipments", "%d · %s%s%s · %d parcel%s · %lld unit%s · shipped %s · %s", s->seq,
                s->carrier, s->tracking[0] ? " " : "", s->tracking, s->parcels, s->parcels == 1 ? "" : "s",
                (long long)s->units, s->units == 1 ? "" : "s", shipped, delivered);
}

int fulfilment_order_summary(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    summary_dates(o, out);
    struct rows shipments = {0};
    int rc = shipment_store_list(app->db, o->id, &shipments, e);
    const struct shipment *s = shipments.items;
    for (int i = 0; rc == ERR_OK && i < shipments.n; i++)
        summary_shipment(&s[i], out);
    rows_free(&shipments);
    struct account_packing p;
    if (rc != ERR_OK || o->account_id == 0 || (rc = fulfilment_store_packing(app->db, o->account_id, &p, e)))
        return rc;
    if (p.instructions[0])
        summary_add(out, "Packing", "%s", p.instructions);
    if (p.requires_po && o->po_number[0] == '\0')
        summary_add(out, "Packing", "%s requires its purchase-order number on every document: none yet",
                    o->party_code);
    return ERR_OK;
}

int fulfilment_check(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    int since = settings_get_int(app, "fulfilment.since_order_id", 0, 2000000000, 1);
    return fulfilment_store_check(app->db, since, report, problems, e);
}

/* ---------------------------------------------------------------- demo */

/* Products with free stock serve the lines that wait for them, as a
 * receipt would (the demo's orders were placed before it had stock). */
static int demo_allocate(struct app *app, struct err *e)
{
    struct rows backorders = {0};
    int rc = fulfilment_backorders(app, NULL, &backorders, e);
    const struct backorder_row *b = backorders.items;
    for (int i = 0; rc == ERR_OK && i < backorders.n; i++) {
        struct receive_result res = {0};
        if (b[i].free > 0)
            rc = fulfil_allocate_waiting(app, b[i].product_id, b[i].sku, "found", &res, e);
    }
    rows_free(&backorders);
    return rc;
}

/* A few orders still waiting: their supplier is late, the promise slips. */
static int demo_slip(struct app *app, struct err *e)
{
    struct rows numbers = {0};
    int rc = fulfilment_store_demo_orders(app->db, "placed", 1, 4, &numbers, e);
    for (int i = 0; rc == ERR_OK && i < numbers.n; i++) {
        struct order o;
        char later[11], at[32];
        if ((rc = order_get(app, rows_at(&numbers, i), &o, e)) != ERR_OK || o.promised_date[0] == '\0')
            continue;
        business_days_after(o.promised_date, 5, NULL, 0, later);
        datetime_now_utc(at);
        rc = order_promise_store_add(app->db, o.id, later, at, app->user.id,
                                     "the supplier delivers a week late", e);
    }
    rows_free(&numbers);
    return rc;
}

/* A few big orders leave in two shipments: the first line now. */
static int demo_partial(struct app *app, struct err *e)
{
    struct rows numbers = {0};
    int rc = fulfilment_store_demo_orders(app->db, "allocated", 2, 6, &numbers, e);
    for (int i = 0; rc == ERR_OK && i < numbers.n; i++) {
        struct order o;
        struct rows lines = {0};
        if ((rc = order_get(app, rows_at(&numbers, i), &o, e)) == ERR_OK)
            rc = order_lines(app, &o, NULL, &lines, e);
        const struct order_line *l = lines.items;
        if (rc == ERR_OK && lines.n > 0 && l[0].allocated_qty > 0) {
            struct ship_item item = {.quantity = l[0].allocated_qty};
            snprintf(item.sku, sizeof item.sku, "%s", l[0].sku);
            struct ship_request req = {.items = &item, .nitems = 1, .parcels = 1};
            snprintf(req.carrier, sizeof req.carrier, "%s", i % 2 ? "DHL Freight" : "Geodis");
            snprintf(req.tracking, sizeof req.tracking, "JD%010d", 4000000 + i * 7919);
            struct ship_result res;
            rc = order_ship(app, o.number, &req, &res, e);
        }
        rows_free(&lines);
    }
    rows_free(&numbers);
    return rc;
}

int fulfilment_demo(struct app *app, unsigned seed, FILE *progress, struct err *e)
{
    (void)seed, (void)progress;
    int rc = fulfilment_store_demo_history(app->db, e);
    if (rc == ERR_OK)
        rc = demo_allocate(app, e);
    if (rc == ERR_OK)
        rc = demo_slip(app, e);
    return rc == ERR_OK ? demo_partial(app, e) : rc;
}
