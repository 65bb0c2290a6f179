/* Placing an order: validation before any lock, then one transaction —
 * the retry key, a fresh pricing compared with what was shown, the
 * snapshot (order, lines, shares, stock, credit, payment, promise,
 * timeline, hooks, status, audit). See order_place.h. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/order_place_store.h"
#include "db/order_store.h"
#include "db/settings_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/cart.h"
#include "src/b2c/fulfilment.h"
#include "src/b2c/order_place.h"
#include "src/base/datetime.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/base/strbuf.h"
#include "src/customers.h"
#include "src/orders.h"
#include "src/users.h"

void place_result_free(struct place_result *r)
{
    if (r->has_repriced)
        priced_cart_free(&r->repriced);
    memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------ validation */

static int place_check_party(struct app *app, const struct cart *c, struct err *e)
{
    if (c->channel == CHANNEL_B2B) {
        struct account a;
        int rc = c->account_id > 0 ? account_get(app, c->account_id, &a, e)
                                   : err_set(e, ERR_INVALID, "account", "an account order needs an account");
        struct account_packing packing;
        if (rc == ERR_OK && c->po_number[0] == '\0' &&
            (rc = account_packing_get(app, c->account_id, &packing, e)) == ERR_OK && packing.requires_po)
            rc = err_set(e, ERR_INVALID, "po_number",
                         "%s requires its purchase-order number on every order: give it (--po TEXT)", a.code);
        if (rc != ERR_OK || c->contact_id == 0)
            return rc;
        struct rows contacts = {0};
        rc = contact_list(app, c->account_id, NULL, &contacts, e);
        bool found = false;
        const struct contact *k = contacts.items;
        for (int i = 0; rc == ERR_OK && i < contacts.n; i++)
            found = found || k[i].id == c->contact_id;
        rows_free(&contacts);
        if (rc == ERR_OK && !found)
            rc = err_set(e, ERR_INVALID, "contact", "this contact is not one of account %s's", a.code);
        return rc;
    }
    if (c->customer_id == 0)
        return ERR_OK; /* a sale to nobody known */
    struct customer cu;
    return customer_get(app, c->customer_id, &cu, e);
}

static int place_check_shown(const struct priced_cart *shown, struct place_result *res, struct err *e)
{
    for (int i = 0; i < shown->nlines; i++) {
        if (shown->lines[i].issues == 0)
            continue;
        char why[300];
        priced_line_issues(&shown->lines[i], why, sizeof why);
        res->refusal = PLACE_INVALID;
        res->line = i;
        return err_set(e, ERR_STATE, "lines", "%s", why);
    }
    if (shown->payment_issue[0]) {
        res->refusal = PLACE_INVALID;
        return err_set(e, ERR_INVALID, "payment", "%s", shown->payment_issue);
    }
    if (shown->issues > 0) {
        res->refusal = PLACE_INVALID;
        return err_set(e, ERR_STATE, "shipping", "%s",
                       shown->nnotes > 0 ? shown->notes[0].text : "the cart cannot be placed");
    }
    return ERR_OK;
}

static int place_validate(struct app *app, const struct cart *c, const struct priced_cart *shown,
                          struct place_result *res, struct err *e)
{
    char today[11];
    datetime_today(today);
    int rc = app_require(app, ACT_ORDER_CREATE, e);
    if (rc == ERR_OK && c->nlines == 0)
        rc = err_set(e, ERR_INVALID, "lines", "the cart is empty");
    if (rc == ERR_OK)
        rc = cart_check_options(c, today, e);
    if (rc == ERR_OK)
        rc = place_check_party(app, c, e);
    if (rc == ERR_OK)
        rc = place_check_shown(shown, res, e);
    if (rc != ERR_OK && res->refusal == PLACE_OK)
        res->refusal = PLACE_INVALID;
    return rc;
}

/* ------------------------------------------------------------ fingerprint */

/* A hash of the cart as placed: its party, options and lines (by product,
 * so the order of entry does not matter) and the total charged. */
static void cart_fingerprint(const struct cart *c, const struct priced_cart *p, char out[65])
{
    struct strbuf b = {0};
    strbuf_addf(&b, "%d|%lld|%lld|%lld|%s|%s|%d|%s|%d|%s|%lld|%lld|%d|%s|%s|", (int)c->channel,
                (long long)c->customer_id, (long long)c->account_id, (long long)c->contact_id,
                c->shipping_method, c->requested_date, c->gift_wrap, c->gift_message, (int)cart_payment(c),
                c->pay_reference, (long long)c->cash_tendered, (long long)c->points, c->points_max,
                c->po_number, c->note);
    for (int i = 0; i < c->ncoupons; i++)
        strbuf_addf(&b, "%s,", c->coupons[i]);
    int64_t *seen = xcalloc((size_t)c->nlines + 1, sizeof *seen);
    for (int n = 0; n < c->nlines; n++) { /* smallest product id not yet written */
        int best = -1;
        for (int i = 0; i < c->nlines; i++)
            if (!seen[i] && (best < 0 || c->lines[i].product_id < c->lines[best].product_id))
                best = i;
        seen[best] = 1;
        strbuf_addf(&b, "|%lld:%lld:%d", (long long)c->lines[best].product_id,
                    (long long)c->lines[best].quantity, c->lines[best].backorder);
    }
    free(seen);
    strbuf_addf(&b, "|%lld", (long long)p->total);
    unsigned char hash[32];
    crypto_generichash(hash, sizeof hash, (const unsigned char *)strbuf_text(&b), strlen(strbuf_text(&b)),
                       NULL, 0);
    for (size_t i = 0; i < sizeof hash; i++)
        snprintf(out + 2 * i, 3, "%02x", hash[i]);
    strbuf_free(&b);
}

/* ------------------------------------------------------------ the snapshot */

static void line_from_priced(const struct priced_cart *p, const struct priced_line *pl, struct order_line *l)
{
    memset(l, 0, sizeof *l);
    l->kind = pl->kind;
    l->product_id = pl->kind == LINE_GOODS ? pl->product_id : 0;
    snprintf(l->sku, sizeof l->sku, "%s", pl->sku);
    snprintf(l->description, sizeof l->description, "%s", pl->description);
    snprintf(l->category, sizeof l->category, "%s", pl->category);
    l->quantity = pl->quantity;
    l->list_price = pl->list_price;
    l->unit_price = pl->unit_price;
    snprintf(l->price_source, sizeof l->price_source, "%s", pl->price_source);
    l->unit_cost = pl->unit_cost;
    snprintf(l->tax_class, sizeof l->tax_class, "%s", pl->tax_class);
    l->tax_rate_bp = pl->tax_rate_bp;
    l->tax_included = p->tax_included;
    l->discount_amount = pl->discount;
    l->net_amount = pl->net;
    l->tax_amount = pl->tax;
    snprintf(l->expected_date, sizeof l->expected_date, "%s", pl->expected_date);
}

/* Reserves each goods line's stock: what was shown reserved, or (an
 * accepted quote) what is free. allocated[i] gets the units taken. */
static int place_reserve(struct app *app, struct order_snapshot *s, int64_t *allocated,
                         struct place_result *res, struct err *e)
{
    const struct priced_cart *p = s->priced;
    for (int i = 0; i < p->nlines; i++) {
        const struct priced_line *l = &p->lines[i];
        allocated[i] = 0;
        if (l->kind != LINE_GOODS || l->product_id <= 0)
            continue;
        if (s->backorder_what_is_short) {
            int rc = stock_store_reserve_free(app->db, l->product_id, l->quantity, &allocated[i], e);
            if (rc != ERR_OK)
                return rc;
            continue;
        }
        if (l->reserve_qty <= 0)
            continue;
        bool reserved = false;
        int64_t free = 0;
        int rc = stock_store_reserve(app->db, l->product_id, l->reserve_qty, &reserved, &free, e);
        if (rc != ERR_OK)
            return rc;
        if (!reserved) {
            res->refusal = PLACE_OUT_OF_STOCK;
            res->line = i;
            res->short_by = l->reserve_qty - (free > 0 ? free : 0);
            return err_set(e, ERR_CONFLICT, "stock",
                           "%s: someone else took the stock meanwhile; %lld left of the %lld shown — "
                           "look at the cart again",
                           l->sku, (long long)(free > 0 ? free : 0), (long long)l->reserve_qty);
        }
        allocated[i] = l->reserve_qty;
    }
    return ERR_OK;
}

static int place_timeline(struct app *app, const struct order *o, const char *kind, int64_t ref,
                          bool has_amount, int64_t amount, const char *detail, struct err *e)
{
    struct order_timeline_entry t = {.order_id = o->id, .user_id = app->user.id, .ref_id = ref};
    snprintf(t.at, sizeof t.at, "%s", o->placed_at);
    snprintf(t.kind, sizeof t.kind, "%s", kind);
    t.has_amount = has_amount;
    t.amount = amount;
    snprintf(t.detail, sizeof t.detail, "%s", detail);
    return order_timeline_store_add(app->db, &t, e);
}

/* On account: the open balance rises within the limit; beyond it only a
 * manager (or an accepted quote) may go, and the timeline says by how much. */
static int place_credit(struct app *app, struct order_snapshot *s, struct place_result *res, struct err *e)
{
    const struct order *o = &s->order;
    bool charged = false;
    int64_t due = o->total - s->credit;
    if (s->pay != PAY_ACCOUNT || due <= 0)
        return ERR_OK;
    int rc = account_store_charge(app->db, o->account_id, due, false, &charged, e);
    if (rc != ERR_OK || charged)
        return rc;
    struct account a;
    if ((rc = account_get(app, o->account_id, &a, e)) != ERR_OK)
        return rc;
    char over[64];
    res->short_by = a.open_balance + due - a.credit_limit;
    money_format(res->short_by, app->currency, over, sizeof over);
    if (!s->credit_never_refused && !rights_allows(app->user.role, ACT_ORDER_OVER_CREDIT)) {
        res->refusal = PLACE_CREDIT_LIMIT;
        return err_set(e, ERR_DENIED, "payment", "exceeds %s's credit limit by %s; a manager may place it",
                       a.code, over);
    }
    char detail[200];
    snprintf(detail, sizeof detail, "over %s's credit limit by %s (%s)", a.code, over,
             s->credit_never_refused ? "an accepted quote" : app->user.login);
    if ((rc = account_store_charge(app->db, o->account_id, due, true, &charged, e)) == ERR_OK)
        rc = place_timeline(app, o, "credit", 0, true, res->short_by, detail, e);
    return rc;
}

static int place_payment(struct app *app, struct order_snapshot *s, struct err *e)
{
    struct order *o = &s->order;
    int64_t credit = s->credit < o->total ? s->credit : o->total;
    if (credit > 0) { /* an exchange: the return's credit pays first */
        struct payment in = {
            .order_id = o->id, .method = PAY_CREDIT, .amount = credit, .user_id = app->user.id};
        snprintf(in.reference, sizeof in.reference, "%s", s->pay_reference);
        snprintf(in.at, sizeof in.at, "%s", o->placed_at);
        snprintf(in.day, sizeof in.day, "%s", o->placed_day);
        snprintf(in.reason, sizeof in.reason, "exchange");
        int rc = payment_store_insert(app->db, &in, e);
        if (rc != ERR_OK)
            return rc;
    }
    if (o->total - credit <= 0)
        return ERR_OK;
    struct payment pay = {
        .order_id = o->id, .method = s->pay, .amount = o->total - credit, .user_id = app->user.id};
    snprintf(pay.reference, sizeof pay.reference, "%s", s->pay_reference);
    pay.tendered = s->pay == PAY_CASH && s->tendered > 0 ? s->tendered : 0;
    snprintf(pay.at, sizeof pay.at, "%s", o->placed_at);
    snprintf(pay.day, sizeof pay.day, "%s", o->placed_day);
    snprintf(pay.reason, sizeof pay.reason, "placing");
    return payment_store_insert(app->db, &pay, e); /* the timeline reads payments too */
}

static int place_promise(struct app *app, const struct order *o, struct err *e)
{
    if (o->promised_date[0] == '\0')
        return ERR_OK;
    /* the timeline reads promises too */
    return order_promise_store_add(app->db, o->id, o->promised_date, o->placed_at, app->user.id, "placed", e);
}

static int place_adjustments(struct app *app, const struct order_snapshot *s, const struct order_line *lines,
                             struct err *e)
{
    const struct priced_cart *p = s->priced;
    for (int i = 0; i < p->nadjustments; i++) {
        const struct line_adjustment *a = &p->adjustments[i];
        struct line_adjustment_row row = {.order_id = s->order.id,
                                          .order_line_id = lines[a->line].id,
                                          .kind = a->kind,
                                          .source_id = a->source_id,
                                          .amount = a->amount};
        snprintf(row.label, sizeof row.label, "%s", a->label);
        int rc = order_place_store_adjustment(app->db, &row, e);
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

static void snapshot_totals(struct order_snapshot *s)
{
    const struct priced_cart *p = s->priced;
    struct order *o = &s->order;
    o->prices_include_tax = p->tax_included;
    o->subtotal = p->subtotal;
    o->tax_total = p->tax_total;
    o->total = p->total;
    o->paid_total = p->total;
    o->status = ORDER_PLACED;
    if (o->placed_at[0] == '\0')
        datetime_now_utc(o->placed_at);
    datetime_local_date(o->placed_at, o->placed_day);
}

static bool snapshot_waits(const struct order_snapshot *s, const int64_t *allocated)
{
    for (int i = 0; i < s->priced->nlines; i++)
        if (s->priced->lines[i].kind == LINE_GOODS && allocated[i] < s->priced->lines[i].quantity)
            return true;
    return false;
}

/* The order and its lines (with their allocation), then the shares. */
static int place_rows(struct app *app, struct order_snapshot *s, const int64_t *allocated,
                      struct order_line *lines, struct err *e)
{
    const struct priced_cart *p = s->priced;
    for (int i = 0; i < p->nlines; i++) {
        line_from_priced(p, &p->lines[i], &lines[i]);
        lines[i].line_no = i + 1;
        lines[i].allocated_qty = allocated[i];
    }
    s->order.status = snapshot_waits(s, allocated) ? ORDER_PLACED : ORDER_ALLOCATED;
    int rc = order_store_insert_placed(app->db, &s->order, lines, p->nlines, app->user.id, e);
    return rc != ERR_OK ? rc : place_adjustments(app, s, lines, e);
}

/* Everything after the rows: credit, payment, promise, hooks, audit. */
static int place_after_rows(struct app *app, struct order_snapshot *s, const struct order_line *lines,
                            struct place_result *res, struct err *e)
{
    int64_t *ids = xmalloc(sizeof *ids * (size_t)(s->priced->nlines + 1));
    for (int i = 0; i < s->priced->nlines; i++)
        ids[i] = lines[i].id;
    struct order_change change = {
        .kind = ORDER_CHANGE_PLACED, .order = &s->order, .priced = s->priced, .line_ids = ids};
    int rc = place_credit(app, s, res, e);
    if (rc == ERR_OK && (rc = place_payment(app, s, e)) == ERR_OK &&
        (rc = place_promise(app, &s->order, e)) == ERR_OK)
        rc = order_hooks_run(app, &change, e);
    free(ids);
    if (rc == ERR_CONFLICT && e && strcmp(e->field, "promotion") == 0)
        res->refusal = PLACE_PROMOTION_LIMIT;
    else if (rc == ERR_CONFLICT && e && strcmp(e->field, "points") == 0)
        res->refusal = PLACE_POINTS;
    if (rc == ERR_OK) {
        char *after = order_to_json(&s->order);
        rc = audit_record(app, "create", "order", s->order.number, NULL, after, e);
        free(after);
    }
    return rc;
}

int order_place_snapshot(struct app *app, struct order_snapshot *s, struct place_result *res, struct err *e)
{
    int n = s->priced->nlines;
    int64_t *allocated = xcalloc((size_t)n + 1, sizeof *allocated);
    struct order_line *lines = xcalloc((size_t)n + 1, sizeof *lines);
    snapshot_totals(s);
    int rc = db_begin(app->db, e);
    if (rc == ERR_OK) {
        if ((rc = place_reserve(app, s, allocated, res, e)) == ERR_OK &&
            (rc = place_rows(app, s, allocated, lines, e)) == ERR_OK)
            rc = place_after_rows(app, s, lines, res, e);
        if (rc == ERR_OK)
            rc = db_commit(app->db, e);
        else
            db_rollback(app->db);
    }
    if (rc == ERR_OK) {
        snprintf(res->number, sizeof res->number, "%s", s->order.number);
        res->order_id = s->order.id;
    }
    free(allocated);
    free(lines);
    return rc;
}

/* ------------------------------------------------------------ the cart */

static int order_from_cart(struct app *app, const struct cart *c, const struct priced_cart *p,
                           struct order *o, struct err *e)
{
    memset(o, 0, sizeof *o);
    o->channel = c->channel;
    o->source = ORDER_SOURCE_COUNTER;
    o->account_id = c->account_id;
    o->contact_id = c->contact_id;
    o->customer_id = c->customer_id;
    snprintf(o->shipping_method, sizeof o->shipping_method, "%s", p->shipping_method);
    snprintf(o->requested_date, sizeof o->requested_date, "%s", c->requested_date);
    snprintf(o->promised_date, sizeof o->promised_date, "%s", p->promised_date);
    snprintf(o->po_number, sizeof o->po_number, "%s", c->po_number);
    o->gift_wrap = c->gift_wrap;
    snprintf(o->gift_message, sizeof o->gift_message, "%s", c->gift_message);
    snprintf(o->note, sizeof o->note, "%s", c->note);
    snprintf(o->idempotency_key, sizeof o->idempotency_key, "%s", c->idempotency_key);
    cart_fingerprint(c, p, o->cart_fingerprint);
    if (c->channel == CHANNEL_B2B) {
        struct account a;
        int rc = account_get(app, c->account_id, &a, e);
        if (rc != ERR_OK)
            return rc;
        snprintf(o->ship_name, sizeof o->ship_name, "%s", a.name);
        snprintf(o->ship_address, sizeof o->ship_address, "%s",
                 a.shipping_address[0] ? a.shipping_address : a.billing_address);
        return ERR_OK;
    }
    if (c->customer_id == 0)
        return ERR_OK;
    struct customer cu;
    int rc = customer_get(app, c->customer_id, &cu, e);
    if (rc != ERR_OK)
        return rc;
    snprintf(o->ship_name, sizeof o->ship_name, "%s", cu.name);
    struct strbuf where = {0};
    strbuf_addf(&where, "%s%s%s%s%s", cu.address, cu.city[0] ? ", " : "", cu.city, cu.country[0] ? ", " : "",
                cu.country);
    snprintf(o->ship_address, sizeof o->ship_address, "%s", strbuf_text(&where));
    strbuf_free(&where);
    return ERR_OK;
}

/* The same key placed before: the same cart gives back its order. */
static int place_replay(struct app *app, const struct cart *c, const struct priced_cart *shown, bool *found,
                        struct place_result *res, struct err *e)
{
    char number[33], fingerprint[65], mine[65];
    struct err miss = {0};
    *found = false;
    int rc = order_place_store_find_key(app->db, c->idempotency_key, number, fingerprint, &miss);
    if (rc == ERR_NOTFOUND)
        return ERR_OK;
    if (rc != ERR_OK) {
        if (e)
            *e = miss;
        return rc;
    }
    *found = true;
    cart_fingerprint(c, shown, mine);
    if (strcmp(mine, fingerprint) != 0)
        return err_set(e, ERR_CONFLICT, "key", "this retry key already placed %s, for another cart", number);
    snprintf(res->number, sizeof res->number, "%s", number);
    res->replayed = true;
    return ERR_OK;
}

/* Prices the cart again inside the transaction: what placing will store. */
static int place_reprice(struct app *app, const struct cart *c, const struct priced_cart *shown,
                         struct place_result *res, struct err *e)
{
    struct cart_inputs in;
    int rc = cart_inputs_load(app, c, &in, e);
    if (rc != ERR_OK)
        return rc;
    rc = cart_price(&in, c, &res->repriced, e);
    res->has_repriced = true;
    cart_inputs_free(&in);
    char diff[200];
    if (rc == ERR_OK && !priced_cart_same(shown, &res->repriced, diff, sizeof diff)) {
        res->refusal = PLACE_PRICES_CHANGED;
        return err_set(e, ERR_CONFLICT, "prices",
                       "the cart changed since it was shown (%s): look at it again", diff);
    }
    return rc;
}

static int place_in_transaction(struct app *app, const struct cart *c, const struct priced_cart *shown,
                                struct place_result *res, struct err *e)
{
    bool found = false;
    int rc = place_replay(app, c, shown, &found, res, e);
    if (rc != ERR_OK || found)
        return rc;
    if ((rc = place_reprice(app, c, shown, res, e)) != ERR_OK)
        return rc;
    struct order_snapshot s = {
        .priced = &res->repriced, .pay = cart_payment(c), .tendered = c->cash_tendered};
    snprintf(s.pay_reference, sizeof s.pay_reference, "%s", c->pay_reference);
    if ((rc = order_from_cart(app, c, &res->repriced, &s.order, e)) != ERR_OK)
        return rc;
    return order_place_snapshot(app, &s, res, e);
}

int order_place(struct app *app, const struct cart *c, const struct priced_cart *shown,
                struct place_result *res, struct err *e)
{
    memset(res, 0, sizeof *res);
    res->line = -1;
    int rc = place_validate(app, c, shown, res, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = place_in_transaction(app, c, shown, res, e)) != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    if ((rc = db_commit(app->db, e)) != ERR_OK)
        return rc;
    if (res->refusal == PLACE_PRICES_CHANGED || !res->has_repriced)
        return rc;
    priced_cart_free(&res->repriced); /* placed as shown: nothing to show again */
    res->has_repriced = false;
    return rc;
}

/* ------------------------------------------------------------ reading */

static int order_readable(struct app *app, const struct order *o, struct order *stored, struct err *e)
{
    return order_get(app, o->number, stored, e);
}

int order_payments(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    struct order stored;
    rows_reset(out, sizeof(struct payment));
    int rc = order_readable(app, o, &stored, e);
    return rc != ERR_OK ? rc : payment_store_list(app->db, stored.id, out, e);
}

int order_adjustments(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    struct order stored;
    rows_reset(out, sizeof(struct line_adjustment_row));
    int rc = order_readable(app, o, &stored, e);
    return rc != ERR_OK ? rc : order_place_store_adjustments(app->db, stored.id, out, e);
}

int order_timeline(struct app *app, const struct order *o, const struct page_req *q, struct rows *out,
                   struct err *e)
{
    struct order stored;
    rows_reset(out, sizeof(struct order_timeline_entry));
    int rc = order_readable(app, o, &stored, e);
    return rc != ERR_OK ? rc : order_timeline_store_list(app->db, stored.id, q, out, e);
}

void order_timeline_cursor(const struct order_timeline_entry *t, struct page_cursor *c)
{
    order_timeline_store_cursor(t, c);
}
