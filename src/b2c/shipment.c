/* Shipping and delivering an order (see fulfilment.h): which units leave
 * (what was asked, never more than allocated), one shipment with its lines,
 * stock and reservations down, the status from what is left; deliveries per
 * shipment, the order delivered when the last one arrives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/db.h"
#include "db/fulfilment_store.h"
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
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/orders.h"
#include "src/users.h"
#include "src/validate.h"

int ship_item_parse(const char *text, struct ship_item *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    const char *colon = strrchr(text, ':');
    size_t n = colon ? (size_t)(colon - text) : strlen(text);
    if (n == 0 || n >= sizeof out->sku)
        return err_set(e, ERR_INVALID, "sku", "'%s' is not SKU or SKU:QTY", text);
    memcpy(out->sku, text, n);
    out->quantity = 1;
    if (colon == NULL)
        return ERR_OK;
    char *end = NULL;
    long long q = strtoll(colon + 1, &end, 10);
    if (colon[1] == '\0' || *end != '\0' || q < 1 || q > 1000000000)
        return err_set(e, ERR_INVALID, "quantity", "'%s': the quantity is a whole number from 1", text);
    out->quantity = q;
    return ERR_OK;
}

/* ------------------------------------------------------------ checks */

static int ship_validate(const struct ship_request *req, struct err *e)
{
    int rc = text_check("carrier", req->carrier, 64, TEXT_REQUIRED, e);
    if (rc == ERR_OK)
        rc = text_check("tracking", req->tracking, 64, 0, e);
    if (rc == ERR_OK)
        rc = text_check("po_number", req->po_number, 64, 0, e);
    if (rc == ERR_OK && (req->parcels < 0 || req->parcels > 999))
        rc = err_set(e, ERR_INVALID, "parcels", "a shipment has 1 to 999 parcels, not %d", req->parcels);
    if (rc == ERR_OK && (req->nitems < 0 || req->nitems > SHIP_MAX_ITEMS))
        rc = err_set(e, ERR_INVALID, "lines", "a shipment names at most %d SKUs", SHIP_MAX_ITEMS);
    for (int i = 0; rc == ERR_OK && i < req->nitems; i++)
        if (req->items[i].sku[0] == '\0' || req->items[i].quantity <= 0)
            rc = err_set(e, ERR_INVALID, "lines", "each SKU ships at least 1 unit");
    return rc;
}

/* Orders ship while something is left to ship. */
static int ship_check_status(const struct order *o, struct err *e)
{
    switch (o->status) {
    case ORDER_PLACED:
    case ORDER_ALLOCATED:
    case ORDER_PARTIALLY_SHIPPED: return ERR_OK;
    case ORDER_CANCELLED:
        return err_set(e, ERR_STATE, "status", "%s was cancelled: nothing ships", o->number);
    default:
        return err_set(e, ERR_STATE, "status", "%s is %s: everything has shipped", o->number,
                       order_status_name(o->status));
    }
}

/* An account that requires its PO number has it on the order before
 * anything ships (the slip and the labels carry it). */
static int ship_check_po(struct app *app, struct order *o, const char *po, struct err *e)
{
    if (po[0] && o->po_number[0] && strcmp(po, o->po_number) != 0)
        return err_set(e, ERR_STATE, "po_number", "%s already has the purchase-order number %s", o->number,
                       o->po_number);
    if (po[0] && o->po_number[0] == '\0') {
        bool done = false;
        int rc = order_store_set_po(app->db, o->id, po, &done, e);
        if (rc == ERR_OK)
            snprintf(o->po_number, sizeof o->po_number, "%s", po);
        return rc;
    }
    if (o->account_id == 0 || o->po_number[0])
        return ERR_OK;
    struct account_packing p;
    int rc = fulfilment_store_packing(app->db, o->account_id, &p, e);
    if (rc == ERR_OK && p.requires_po)
        rc = err_set(e, ERR_STATE, "po_number",
                     "%s requires its purchase-order number on every document, and %s has none: give it "
                     "(--po TEXT)",
                     o->party_code, o->number);
    return rc;
}

/* ------------------------------------------------------------ planning */

/* Units of line l that may still ship at all: never more than ordered. */
static int64_t line_left(const struct order_line *l)
{
    return l->quantity - l->shipped_qty - l->cancelled_qty;
}

/* One asked SKU spread over its lines (in line order) up to what each has allocated. */
static int plan_item(const struct order *o, const struct order_line *lines, int n, const struct ship_item *it,
                     int64_t *plan, struct err *e)
{
    int64_t allocated = 0, left = 0, ordered = 0, shipped = 0;
    bool found = false;
    for (int i = 0; i < n; i++) {
        if (lines[i].kind != LINE_GOODS || strcasecmp(lines[i].sku, it->sku) != 0)
            continue;
        found = true;
        allocated += lines[i].allocated_qty - plan[i];
        left += line_left(&lines[i]) - plan[i];
        ordered += lines[i].quantity;
        shipped += lines[i].shipped_qty;
    }
    if (!found)
        return err_set(e, ERR_INVALID, "lines", "%s has no line %s", o->number, it->sku);
    if (it->quantity > left)
        return err_set(e, ERR_STATE, "lines",
                       "%s: %lld asked, but %lld were ordered and %lld have shipped: %lld left to ship",
                       it->sku, (long long)it->quantity, (long long)ordered, (long long)shipped,
                       (long long)left);
    if (it->quantity > allocated)
        return err_set(e, ERR_STATE, "lines", "%s: %lld asked, %lld ready to ship (%lld waiting for stock)",
                       it->sku, (long long)it->quantity, (long long)allocated, (long long)(left - allocated));
    int64_t want = it->quantity;
    for (int i = 0; i < n && want > 0; i++) {
        if (lines[i].kind != LINE_GOODS || strcasecmp(lines[i].sku, it->sku) != 0)
            continue;
        int64_t take = lines[i].allocated_qty - plan[i];
        take = take < want ? take : want;
        plan[i] += take;
        want -= take;
    }
    return ERR_OK;
}

/* plan[i]: the units of line i this shipment carries; *units their sum. */
static int ship_plan(const struct order *o, const struct order_line *lines, int n,
                     const struct ship_request *req, int64_t *plan, int64_t *units, struct err *e)
{
    int64_t waiting = 0;
    *units = 0;
    for (int i = 0; i < n; i++) {
        plan[i] = req->nitems == 0 && lines[i].kind == LINE_GOODS ? lines[i].allocated_qty : 0;
        waiting += lines[i].backorder_qty;
    }
    for (int k = 0; k < req->nitems; k++) {
        int rc = plan_item(o, lines, n, &req->items[k], plan, e);
        if (rc != ERR_OK)
            return rc;
    }
    for (int i = 0; i < n; i++)
        *units += plan[i];
    if (*units == 0)
        return err_set(e, ERR_STATE, "lines", "nothing of %s is ready to ship: %lld %s for stock", o->number,
                       (long long)waiting, text_plural(waiting, "unit waits", "units wait"));
    return ERR_OK;
}

/* ------------------------------------------------------------ writing */

/* Each planned line: its units move from allocated to shipped, leave the
 * stock and the reservation, and join the shipment. */
static int ship_lines(struct app *app, const struct shipment *sh, const struct order_line *lines, int n,
                      const int64_t *plan, struct strbuf *what, struct err *e)
{
    for (int i = 0; i < n; i++) {
        if (plan[i] == 0)
            continue;
        bool line = false, stock = true;
        int rc = order_line_store_ship(app->db, lines[i].id, plan[i], &line, e);
        if (rc == ERR_OK && !line)
            return err_set(e, ERR_CONFLICT, "lines", "line %d (%s) was shipped by someone else meanwhile",
                           lines[i].line_no, lines[i].sku);
        if (rc == ERR_OK)
            rc = shipment_store_add_line(app->db, sh->id, lines[i].id, plan[i], e);
        if (rc == ERR_OK && lines[i].product_id > 0) {
            struct stock_move m = {.product_id = lines[i].product_id,
                                   .kind = MOVE_SHIP,
                                   .on_hand_delta = -plan[i],
                                   .order_id = sh->order_id,
                                   .shipment_id = sh->id,
                                   .user_id = app->user.id};
            snprintf(m.at, sizeof m.at, "%s", sh->shipped_at);
            if ((rc = stock_store_add_move(app->db, &m, e)) == ERR_OK)
                rc = stock_store_ship(app->db, lines[i].product_id, plan[i], &stock, e);
        }
        if (rc == ERR_OK && !stock)
            rc =
                err_set(e, ERR_CONFLICT, "stock", "%s: the stock reserved for it is not there", lines[i].sku);
        if (rc != ERR_OK)
            return rc;
        strbuf_addf(what, "%s%s ×%lld", strbuf_text(what)[0] ? ", " : "", lines[i].sku, (long long)plan[i]);
    }
    return ERR_OK;
}

static int ship_record(struct app *app, struct order *o, const struct ship_request *req, const char *what,
                       const struct shipment *sh, struct ship_result *res, struct err *e)
{
    char detail[401], units[64];
    /* A long list of lines is summed up: the shipment's own lines say the rest. */
    snprintf(units, sizeof units, "%lld %s", (long long)res->units, text_plural(res->units, "unit", "units"));
    /* carrier and tracking first: what a caller asks for */
    snprintf(detail, sizeof detail, "%s%s%s · %d parcel%s · %s (shipment %d)", sh->carrier,
             sh->tracking[0] ? " " : "", sh->tracking, sh->parcels, sh->parcels == 1 ? "" : "s",
             strlen(what) <= 200 ? what : units, sh->seq);
    int rc = fulfil_timeline(app, o->id, sh->shipped_at, "shipment", sh->id, false, 0, detail, e);
    if (rc != ERR_OK)
        return rc;
    struct json j;
    json_begin(&j);
    json_int(&j, "shipment", sh->seq);
    json_str(&j, "carrier", req->carrier);
    json_str(&j, "tracking", req->tracking);
    json_int(&j, "parcels", sh->parcels);
    json_int(&j, "units", res->units);
    json_str(&j, "lines", what);
    rc = fulfil_audit(app, "ship", o, json_end(&j), e);
    json_free(&j);
    return rc;
}

/* The status after the shipment: shipped when nothing is left to ship. */
static int ship_status(struct app *app, struct order *o, struct ship_result *res, struct err *e)
{
    struct rows lines = {0};
    int rc = order_store_lines(app->db, o->id, NULL, &lines, e);
    int64_t allocated = 0, waiting = 0, shipped = 0;
    const struct order_line *l = lines.items;
    for (int i = 0; rc == ERR_OK && i < lines.n; i++) {
        allocated += l[i].allocated_qty;
        waiting += l[i].backorder_qty;
        shipped += l[i].shipped_qty;
    }
    rows_free(&lines);
    res->left = allocated + waiting;
    if (rc == ERR_OK)
        rc = fulfil_set_status(app, o, fulfil_status_of(allocated, waiting, shipped), "", e);
    res->status = o->status;
    return rc;
}

static int ship_in_transaction(struct app *app, const char *number, const struct ship_request *req,
                               struct ship_result *res, struct err *e)
{
    struct order o;
    struct rows lines = {0};
    struct strbuf what = {0};
    int rc = fulfil_order(app, number, ACT_ORDER_SHIP, &o, e);
    if (rc == ERR_OK && (rc = ship_check_status(&o, e)) == ERR_OK &&
        (rc = ship_check_po(app, &o, req->po_number, e)) == ERR_OK)
        rc = order_store_lines(app->db, o.id, NULL, &lines, e);
    int64_t *plan = xcalloc((size_t)lines.n + 1, sizeof *plan);
    struct shipment sh = {.order_id = o.id, .parcels = req->parcels > 0 ? req->parcels : 1};
    if (rc == ERR_OK)
        rc = ship_plan(&o, lines.items, lines.n, req, plan, &res->units, e);
    if (rc == ERR_OK && (rc = shipment_store_next_seq(app->db, o.id, &sh.seq, e)) == ERR_OK) {
        snprintf(sh.carrier, sizeof sh.carrier, "%s", req->carrier);
        snprintf(sh.tracking, sizeof sh.tracking, "%s", req->tracking);
        datetime_now_utc(sh.shipped_at);
        sh.shipped_by = app->user.id;
        rc = shipment_store_insert(app->db, &sh, e);
    }
    if (rc == ERR_OK)
        rc = ship_lines(app, &sh, lines.items, lines.n, plan, &what, e);
    res->seq = sh.seq;
    if (rc == ERR_OK && (rc = ship_status(app, &o, res, e)) == ERR_OK)
        rc = ship_record(app, &o, req, strbuf_text(&what), &sh, res, e);
    free(plan);
    rows_free(&lines);
    strbuf_free(&what);
    return rc;
}

int order_ship(struct app *app, const char *number, const struct ship_request *req, struct ship_result *res,
               struct err *e)
{
    memset(res, 0, sizeof *res);
    int rc = app_require(app, ACT_ORDER_SHIP, e);
    if (rc == ERR_OK)
        rc = ship_validate(req, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = ship_in_transaction(app, number, req, res, e)) != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}

/* ------------------------------------------------------------ delivery */

/* The shipment to deliver: seq, or the only one on its way. */
static int deliver_pick(const struct order *o, const struct rows *shipments, int seq, struct shipment *out,
                        struct err *e)
{
    const struct shipment *s = shipments->items;
    int open = 0;
    for (int i = 0; i < shipments->n; i++) {
        if (seq > 0 && s[i].seq == seq) {
            *out = s[i];
            if (s[i].delivered_at[0])
                return err_set(e, ERR_STATE, "shipment", "shipment %d of %s was delivered on %s already", seq,
                               o->number, s[i].delivered_day);
            return ERR_OK;
        }
        if (seq == 0 && s[i].delivered_at[0] == '\0' && open++ == 0)
            *out = s[i];
    }
    if (seq > 0)
        return err_set(e, ERR_NOTFOUND, "shipment", "%s has no shipment %d", o->number, seq);
    if (open == 0)
        return err_set(e, ERR_STATE, "shipment", "%s has no shipment on its way", o->number);
    if (open > 1)
        return err_set(e, ERR_INVALID, "shipment",
                       "%s has %d shipments on their way: say which (--shipment N)", o->number, open);
    return ERR_OK;
}

/* The moment of a delivery on day: now when day is today, else noon that day. */
static int deliver_moment(const char *day, const struct shipment *sh, char at[32], char on[11], struct err *e)
{
    char today[11], now_hm[6], shipped_day[11];
    fulfil_clock(today, now_hm);
    const char *d = day && day[0] ? day : today;
    if (!datetime_is_date(d))
        return err_set(e, ERR_INVALID, "at", "a delivery date is YYYY-MM-DD, not '%s'", d);
    if (strcmp(d, today) > 0)
        return err_set(e, ERR_INVALID, "at", "%s is in the future: a delivery is recorded once it happened",
                       d);
    datetime_local_date(sh->shipped_at, shipped_day);
    if (strcmp(d, shipped_day) < 0)
        return err_set(e, ERR_INVALID, "at", "shipment %d left on %s: it cannot arrive on %s", sh->seq,
                       shipped_day, d);
    snprintf(on, 11, "%s", d);
    if (strcmp(d, today) == 0) {
        datetime_now_utc(at);
        return ERR_OK;
    }
    int y = 0, m = 0, dd = 0;
    sscanf(d, "%4d-%2d-%2d", &y, &m, &dd);
    datetime_local_midnight_utc(y, m, dd, at);
    time_t t;
    if (datetime_parse_utc(at, &t))
        datetime_utc_from(t + 12 * 3600, at);
    if (strcmp(at, sh->shipped_at) < 0)
        snprintf(at, 32, "%s", sh->shipped_at);
    return ERR_OK;
}

/* The last shipment arrived and nothing is left to ship: the order is delivered. */
static int deliver_order(struct app *app, struct order *o, const struct rows *shipments, int64_t delivered_id,
                         struct deliver_result *res, struct err *e)
{
    const struct shipment *s = shipments->items;
    for (int i = 0; i < shipments->n; i++)
        if (s[i].id != delivered_id && s[i].delivered_at[0] == '\0')
            return ERR_OK;
    int rc = order_store_get(app->db, o->id, o, e);
    if (rc != ERR_OK || o->status != ORDER_SHIPPED)
        return rc;
    if ((rc = shipment_store_order_delivered(app->db, o->id, e)) != ERR_OK ||
        (rc = fulfil_set_status(app, o, ORDER_DELIVERED, "", e)) != ERR_OK)
        return rc;
    res->order_delivered = true;
    res->promised = o->first_promised_date[0] != '\0';
    res->on_time = !res->promised || strcmp(o->delivered_day, o->first_promised_date) <= 0;
    if (!res->on_time)
        res->late_days = date_days_between(o->first_promised_date, o->delivered_day);
    struct order_change change = {.kind = ORDER_CHANGE_DELIVERED, .order = o};
    return order_hooks_run(app, &change, e);
}

static int deliver_record(struct app *app, const struct order *o, const struct shipment *sh, const char *at,
                          const struct deliver_result *res, struct err *e)
{
    char detail[401], when[100] = "";
    if (res->order_delivered && res->on_time && o->first_promised_date[0])
        snprintf(when, sizeof when, " · order delivered on time (promised %s)", o->first_promised_date);
    else if (res->order_delivered && !res->on_time)
        snprintf(when, sizeof when, " · order delivered %d day%s after its first promise (%s)",
                 res->late_days, res->late_days == 1 ? "" : "s", o->first_promised_date);
    snprintf(detail, sizeof detail, "%s%s%s arrived (shipment %d)%s", sh->carrier, sh->tracking[0] ? " " : "",
             sh->tracking, sh->seq, when);
    int rc = fulfil_timeline(app, o->id, at, "delivery", sh->id, false, 0, detail, e);
    if (rc != ERR_OK)
        return rc;
    struct json j;
    json_begin(&j);
    json_int(&j, "shipment", sh->seq);
    json_str(&j, "delivered_at", at);
    json_bool(&j, "order_delivered", res->order_delivered);
    rc = fulfil_audit(app, "deliver", o, json_end(&j), e);
    json_free(&j);
    return rc;
}

static int deliver_in_transaction(struct app *app, const char *number, int seq, const char *day,
                                  struct deliver_result *res, struct err *e)
{
    struct order o;
    struct rows shipments = {0};
    struct shipment sh = {0};
    char at[32] = "", on[11] = "";
    bool done = false;
    int rc = fulfil_order(app, number, ACT_ORDER_SHIP, &o, e);
    if (rc == ERR_OK)
        rc = shipment_store_list(app->db, o.id, &shipments, e);
    if (rc == ERR_OK && (rc = deliver_pick(&o, &shipments, seq, &sh, e)) == ERR_OK &&
        (rc = deliver_moment(day, &sh, at, on, e)) == ERR_OK)
        rc = shipment_store_deliver(app->db, sh.id, at, on, app->user.id, &done, e);
    if (rc == ERR_OK && !done)
        rc = err_set(e, ERR_CONFLICT, "shipment", "shipment %d of %s was delivered meanwhile", sh.seq,
                     o.number);
    res->seq = sh.seq;
    if (rc == ERR_OK && (rc = deliver_order(app, &o, &shipments, sh.id, res, e)) == ERR_OK)
        rc = deliver_record(app, &o, &sh, at, res, e);
    rows_free(&shipments);
    return rc;
}

int order_deliver(struct app *app, const char *number, int seq, const char *day, struct deliver_result *res,
                  struct err *e)
{
    memset(res, 0, sizeof *res);
    int rc = app_require(app, ACT_ORDER_SHIP, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = deliver_in_transaction(app, number, seq, day, res, e)) != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}

/* ------------------------------------------------------------ the PO */

int order_set_po(struct app *app, const char *number, const char *po, struct err *e)
{
    struct order o;
    int rc = text_check("po_number", po, 64, TEXT_REQUIRED, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    bool done = false;
    if ((rc = fulfil_order(app, number, ACT_ORDER_SHIP, &o, e)) == ERR_OK &&
        (rc = order_store_set_po(app->db, o.id, po, &done, e)) == ERR_OK && !done)
        rc = err_set(e, ERR_STATE, "po_number", "%s already has the purchase-order number %s", o.number,
                     o.po_number);
    char detail[120];
    snprintf(detail, sizeof detail, "purchase-order number %s", po);
    if (rc == ERR_OK && (rc = fulfil_timeline(app, o.id, NULL, "po", 0, false, 0, detail, e)) == ERR_OK) {
        struct json j;
        json_begin(&j);
        json_str(&j, "po_number", po);
        rc = fulfil_audit(app, "po", &o, json_end(&j), e);
        json_free(&j);
    }
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}

/* ------------------------------------------------------------ reading */

int order_shipments(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    struct order stored;
    rows_reset(out, sizeof(struct shipment));
    int rc = order_get(app, o->number, &stored, e);
    return rc != ERR_OK ? rc : shipment_store_list(app->db, stored.id, out, e);
}

int order_shipment_lines(struct app *app, const struct order *o, int seq, struct rows *out, struct err *e)
{
    struct rows shipments = {0};
    rows_reset(out, sizeof(struct shipment_line));
    int rc = order_shipments(app, o, &shipments, e);
    const struct shipment *s = shipments.items;
    int64_t id = 0;
    for (int i = 0; rc == ERR_OK && i < shipments.n; i++)
        if (s[i].seq == seq)
            id = s[i].id;
    if (rc == ERR_OK && id == 0)
        rc = err_set(e, ERR_NOTFOUND, "shipment", "%s has no shipment %d", o->number, seq);
    if (rc == ERR_OK)
        rc = shipment_store_lines(app->db, id, out, e);
    rows_free(&shipments);
    return rc;
}
