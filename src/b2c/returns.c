/* Returns (see returns.h): what a return refunds, computed from the order's
 * snapshot alone; opening one (units claimed by conditional updates),
 * receiving it (restock or scrap), rejecting it; reading them. The refund
 * itself, approvals and exchanges are refund.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "db/db.h"
#include "db/order_store.h"
#include "db/return_store.h"
#include "db/settings_store.h"
#include "db/stock_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/fulfilment.h"
#include "src/b2c/fulfilment_private.h"
#include "src/b2c/returns.h"
#include "src/b2c/returns_private.h"
#include "src/base/datetime.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/base/strbuf.h"
#include "src/orders.h"
#include "src/products.h"
#include "src/settings.h"
#include "src/users.h"
#include "src/validate.h"

/* ------------------------------------------------------------- labels */

const char *return_reason_label(enum return_reason r)
{
    static const char *const labels[] = {"damaged", "wrong item", "not as described", "changed mind",
                                         "late delivery"};
    return (int)r >= 0 && r < RETURN_REASON_COUNT ? labels[r] : "?";
}

const char *return_status_label(enum return_status s)
{
    static const char *const labels[] = {"requested", "received", "awaiting approval", "refunded",
                                         "exchanged", "replaced", "rejected",          "closed"};
    return (int)s >= 0 && s < RETURN_STATUS_COUNT ? labels[s] : "?";
}

const char *shipping_rule_label(enum shipping_rule r)
{
    static const char *const labels[] = {"kept (customer's choice)", "refunded: whole order back",
                                         "refunded: our fault",      "was free, stays free",
                                         "no shipping charge",       "refunded already"};
    return (int)r >= 0 && r < SHIPPING_RULE_COUNT ? labels[r] : "?";
}

/* ------------------------------------------------------------- parsing */

static int reason_parse(const char *text, enum return_reason *out, struct err *e)
{
    char word[40];
    size_t n = strlen(text);
    if (n >= sizeof word)
        n = sizeof word - 1;
    for (size_t i = 0; i < n; i++)
        word[i] = text[i] == '-' || text[i] == ' ' ? '_' : text[i];
    word[n] = '\0';
    int i = name_index(return_reason_names, RETURN_REASON_COUNT, word, true);
    if (i < 0) {
        struct strbuf b = {0};
        for (int k = 0; k < RETURN_REASON_COUNT; k++)
            strbuf_addf(&b, "%s%s", k ? ", " : "", return_reason_names[k]);
        err_set(e, ERR_INVALID, "reason", "unknown reason '%s' (one of %s)", text, strbuf_text(&b));
        strbuf_free(&b);
        return ERR_INVALID;
    }
    *out = (enum return_reason)i;
    return ERR_OK;
}

int return_item_parse(const char *text, struct return_item *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    out->quantity = 1;
    out->reason = REASON_CHANGED_MIND;
    const char *c1 = strchr(text, ':');
    size_t skulen = c1 ? (size_t)(c1 - text) : strlen(text);
    if (skulen == 0 || skulen >= sizeof out->sku)
        return err_set(e, ERR_INVALID, "sku", "'%s': expected SKU:QTY[:REASON]", text);
    memcpy(out->sku, text, skulen);
    if (c1 == NULL)
        return ERR_OK;
    const char *c2 = strchr(c1 + 1, ':');
    char qty[24];
    size_t qlen = c2 ? (size_t)(c2 - c1 - 1) : strlen(c1 + 1);
    if (qlen == 0 || qlen >= sizeof qty)
        return err_set(e, ERR_INVALID, "quantity", "'%s': the quantity is a whole number from 1", text);
    memcpy(qty, c1 + 1, qlen);
    qty[qlen] = '\0';
    char *end = NULL;
    long long v = strtoll(qty, &end, 10);
    if (*end != '\0' || v < 1 || qty[0] == '+' || v > 1000000)
        return err_set(e, ERR_INVALID, "quantity", "'%s': the quantity is a whole number from 1", text);
    out->quantity = v;
    return c2 ? reason_parse(c2 + 1, &out->reason, e) : ERR_OK;
}

int return_disposition_parse(const char *text, struct return_disposition_item *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    const char *c = strrchr(text, ':');
    if (c == NULL || c == text || (size_t)(c - text) >= sizeof out->sku)
        return err_set(e, ERR_INVALID, "disposition", "'%s': expected SKU:restock or SKU:scrap", text);
    memcpy(out->sku, text, (size_t)(c - text));
    int i = name_index(return_disposition_names, DISPOSITION_COUNT, c + 1, true);
    if (i <= 0)
        return err_set(e, ERR_INVALID, "disposition", "'%s': expected SKU:restock or SKU:scrap", text);
    out->disposition = (enum return_disposition)i;
    return ERR_OK;
}

void return_quote_free(struct return_quote *q)
{
    free(q->lines);
    q->lines = NULL;
    q->nlines = 0;
}

/* --------------------------------------------------------- the arithmetic */

/* YYYY-MM-DD plus days. */
static void date_plus_days(const char *date, int days, char out[11])
{
    int y, m, d;
    out[0] = '\0';
    if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + days, .tm_hour = 12};
    time_t t = timegm(&tm);
    struct tm r;
    gmtime_r(&t, &r);
    strftime(out, 11, "%Y-%m-%d", &r);
}

static bool reason_is_ours(enum return_reason r)
{
    return r == REASON_DAMAGED || r == REASON_WRONG_ITEM || r == REASON_LATE_DELIVERY;
}

static struct return_quote_line *quote_add(struct return_quote *q, const struct order_line *l)
{
    struct return_quote_line *ql = &q->lines[q->nlines++];
    memset(ql, 0, sizeof *ql);
    ql->order_line_id = l->id;
    ql->kind = l->kind;
    snprintf(ql->sku, sizeof ql->sku, "%s", l->sku);
    snprintf(ql->description, sizeof ql->description, "%s", l->description);
    ql->line_quantity = l->quantity;
    ql->unit_price = l->unit_price;
    return ql;
}

/* One item over the goods lines of its SKU (an order may hold a SKU on
 * several lines): units taken line by line, each priced by
 * money_share_units; claimed[] counts what this return takes of each line. */
static int compute_item(const struct return_work *w, const struct return_item *it, int64_t *claimed,
                        struct return_quote *q, struct err *e)
{
    const struct order_line *l = w->lines.items;
    int64_t avail = 0, shipped = 0, returned = 0;
    bool found = false;
    for (int i = 0; i < w->lines.n; i++)
        if (l[i].kind == LINE_GOODS && strcmp(l[i].sku, it->sku) == 0) {
            found = true;
            shipped += l[i].shipped_qty;
            returned += l[i].returned_qty + claimed[i];
            avail += l[i].shipped_qty - l[i].returned_qty - claimed[i];
        }
    if (!found)
        return err_set(e, ERR_INVALID, "sku", "%s has no line of %s", w->o.number, it->sku);
    if (it->quantity > avail)
        return err_set(e, ERR_STATE, "quantity",
                       "%s: %lld unit%s may be returned (%lld shipped, %lld returned already), not %lld",
                       it->sku, (long long)avail, avail == 1 ? "" : "s", (long long)shipped,
                       (long long)returned, (long long)it->quantity);
    int64_t left = it->quantity;
    for (int i = 0; i < w->lines.n && left > 0; i++) {
        if (l[i].kind != LINE_GOODS || strcmp(l[i].sku, it->sku) != 0)
            continue;
        int64_t k = l[i].shipped_qty - l[i].returned_qty - claimed[i];
        if (k > left)
            k = left;
        if (k <= 0)
            continue;
        struct return_quote_line *ql = quote_add(q, &l[i]);
        claimed[i] += k;
        left -= k;
        ql->quantity = k;
        ql->reason = it->reason;
        ql->completes = l[i].returned_qty + claimed[i] + l[i].cancelled_qty == l[i].quantity;
        ql->amount = money_share_units(l[i].total_amount, l[i].quantity, k, ql->completes);
        ql->tax = money_share_units(l[i].tax_amount, l[i].quantity, k, ql->completes);
        snprintf(ql->exchange_sku, sizeof ql->exchange_sku, "%s", it->exchange_sku);
    }
    return ERR_OK;
}

/* The charge lines: shipping by its rule, fees with the whole order. */
static void compute_charges(const struct return_work *w, bool whole, bool ours, struct return_quote *q)
{
    const struct order_line *l = w->lines.items;
    q->shipping_rule = SHIPPING_NONE;
    for (int i = 0; i < w->lines.n; i++) {
        if (l[i].kind == LINE_GOODS)
            continue;
        bool taken = w->charge_taken[i] || l[i].refunded_qty >= l[i].quantity;
        int64_t amount = l[i].total_amount - l[i].refunded_amount, tax = l[i].tax_amount - l[i].refunded_tax;
        bool refund = false;
        if (l[i].kind == LINE_SHIPPING) {
            enum shipping_rule rule = SHIPPING_KEPT;
            if (l[i].total_amount == 0)
                rule = SHIPPING_WAS_FREE;
            else if (taken)
                rule = SHIPPING_REFUNDED_BEFORE;
            else if (whole && w->refund_whole)
                rule = SHIPPING_WHOLE_ORDER;
            else if (ours && w->refund_our_fault)
                rule = SHIPPING_OUR_FAULT;
            q->shipping_rule = rule;
            refund = rule == SHIPPING_WHOLE_ORDER || rule == SHIPPING_OUR_FAULT;
        } else {
            refund = whole && !taken && amount > 0;
        }
        if (!refund || amount <= 0)
            continue;
        struct return_quote_line *ql = quote_add(q, &l[i]);
        ql->quantity = 1;
        ql->completes = true;
        ql->amount = amount;
        ql->tax = tax;
        if (l[i].kind == LINE_SHIPPING)
            q->shipping += amount;
    }
}

static int compute_check_items(const struct return_work *w, const struct return_request *req, struct err *e)
{
    if (req->nitems < 1)
        return err_set(e, ERR_INVALID, "lines", "a return needs at least one SKU:QTY");
    if (req->nitems > RETURN_MAX_ITEMS)
        return err_set(e, ERR_INVALID, "lines", "a return has at most %d lines", RETURN_MAX_ITEMS);
    for (int i = 0; i < req->nitems; i++) {
        const struct return_item *it = &req->items[i];
        if (it->quantity < 1)
            return err_set(e, ERR_INVALID, "quantity", "%s: at least 1 unit", it->sku);
        if (req->resolution == RESOLUTION_REFUND && it->exchange_sku[0])
            return err_set(e, ERR_INVALID, "resolution", "%s: a product instead is for an exchange", it->sku);
        if (req->resolution == RESOLUTION_REPLACEMENT && it->exchange_sku[0] &&
            strcmp(it->exchange_sku, it->sku) != 0)
            return err_set(e, ERR_INVALID, "resolution",
                           "%s: a replacement is the same product; another one is an exchange", it->sku);
        for (int k = 0; k < i; k++)
            if (strcmp(req->items[k].sku, it->sku) == 0)
                return err_set(e, ERR_INVALID, "lines",
                               "%s is named twice: one line per SKU, with its reason", it->sku);
    }
    (void)w;
    return ERR_OK;
}

int return_compute(const struct return_work *w, const struct return_request *req, struct return_quote *q,
                   struct err *e)
{
    memset(q, 0, sizeof *q);
    snprintf(q->order_number, sizeof q->order_number, "%s", w->o.number);
    q->tax_included = w->o.prices_include_tax;
    q->resolution = req->resolution;
    int rc = compute_check_items(w, req, e);
    if (rc != ERR_OK)
        return rc;
    q->lines = xcalloc((size_t)w->lines.n + (size_t)req->nitems + 1, sizeof *q->lines);
    int64_t *claimed = xcalloc((size_t)w->lines.n + 1, sizeof *claimed);
    bool ours = false;
    for (int i = 0; rc == ERR_OK && i < req->nitems; i++) {
        rc = compute_item(w, &req->items[i], claimed, q, e);
        ours = ours || reason_is_ours(req->items[i].reason);
    }
    bool whole = true;
    const struct order_line *l = w->lines.items;
    for (int i = 0; i < w->lines.n; i++)
        if (l[i].kind == LINE_GOODS && l[i].returned_qty + claimed[i] + l[i].cancelled_qty < l[i].quantity)
            whole = false;
    free(claimed);
    if (rc != ERR_OK) {
        return_quote_free(q);
        return rc;
    }
    compute_charges(w, whole, ours, q);
    for (int i = 0; i < q->nlines; i++) {
        if (q->lines[i].kind == LINE_GOODS)
            q->goods += q->lines[i].amount;
        else
            q->charges += q->lines[i].amount;
        q->tax += q->lines[i].tax;
    }
    q->total = q->goods + q->charges;
    q->threshold = w->threshold;
    q->needs_approval = q->total > w->threshold;
    q->refundable = w->o.paid_total - w->o.refunded_total - w->open_claims;
    if (w->o.channel == CHANNEL_B2C && w->o.delivered_day[0]) {
        date_plus_days(w->o.delivered_day, w->window_days, q->deadline);
        q->late = strcmp(w->today, q->deadline) > 0;
    }
    return ERR_OK;
}

/* ------------------------------------------------------------ loading */

void return_work_free(struct return_work *w)
{
    rows_free(&w->lines);
    free(w->charge_taken);
    w->charge_taken = NULL;
}

int return_work_load(struct app *app, const char *number, int action, struct return_work *w, struct err *e)
{
    memset(w, 0, sizeof *w);
    int rc = fulfil_order(app, number, action, &w->o, e);
    if (rc == ERR_OK)
        rc = order_store_lines(app->db, w->o.id, NULL, &w->lines, e);
    if (rc != ERR_OK)
        return rc;
    w->charge_taken = xcalloc((size_t)w->lines.n + 1, sizeof *w->charge_taken);
    const struct order_line *l = w->lines.items;
    for (int i = 0; rc == ERR_OK && i < w->lines.n; i++)
        if (l[i].kind != LINE_GOODS)
            rc = return_store_charge_claimed(app->db, l[i].id, &w->charge_taken[i], e);
    if (rc == ERR_OK)
        rc = return_store_open_claims(app->db, w->o.id, &w->open_claims, e);
    w->window_days = settings_get_int(app, "returns.window_days", 0, 3650, 30);
    w->refund_whole = settings_get_int(app, "returns.refund_shipping_whole", 0, 1, 1) == 1;
    w->refund_our_fault = settings_get_int(app, "returns.refund_shipping_our_fault", 0, 1, 1) == 1;
    w->threshold = settings_get_int(app, "refund.approval_threshold", 0, 2000000000, 20000);
    datetime_today(w->today);
    return rc;
}

int64_t return_real_id(struct app *app)
{
    struct user real;
    if (app->real_login[0] && strcmp(app->real_login, app->user.login) != 0 &&
        user_real(app, &real, NULL) == ERR_OK)
        return real.id;
    return app->user.id;
}

int return_audit(struct app *app, const char *action, const char *number, const char *after_json,
                 struct err *e)
{
    return audit_record(app, action, "return", number, NULL, after_json, e);
}

/* ---------------------------------------------------------- opening */

int return_preview(struct app *app, const struct return_request *req, struct return_quote *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    struct return_work w;
    int rc = return_work_load(app, req->order_number, ACT_RETURN_OPEN, &w, e);
    if (rc == ERR_OK)
        rc = return_compute(&w, req, out, e);
    return_work_free(&w);
    return rc;
}

static int open_check(struct app *app, const struct return_work *w, const struct return_request *req,
                      const struct return_quote *q, struct err *e)
{
    int rc = text_check("note", req->note ? req->note : "", 400, 0, e);
    if (rc != ERR_OK)
        return rc;
    if (w->o.status == ORDER_CANCELLED)
        return err_set(e, ERR_STATE, "status", "%s is cancelled: nothing of it can be returned", w->o.number);
    if (q->late && !rights_allows(app->user.role, ACT_RETURN_LATE))
        return err_set(e, ERR_DENIED, "window",
                       "%s was delivered on %s: its %d-day return window closed on %s; a manager may accept "
                       "the return",
                       w->o.number, w->o.delivered_day, w->window_days, q->deadline);
    if (q->total > q->refundable) {
        char a[32], b[32];
        money_format_plain(q->total, a, sizeof a);
        money_format_plain(q->refundable > 0 ? q->refundable : 0, b, sizeof b);
        return err_set(e, ERR_STATE, "refund", "%s: the return would refund %s; %s remains of what was paid",
                       w->o.number, a, b);
    }
    return ERR_OK;
}

/* Claims a quote line on its order line (goods: units; charges: the unique index). */
static int open_line(struct app *app, const struct return_record *r, const struct return_quote_line *ql,
                     struct err *e)
{
    struct return_line rl = {.return_id = r->id,
                             .order_line_id = ql->order_line_id,
                             .charge = ql->kind != LINE_GOODS,
                             .quantity = ql->quantity,
                             .reason = ql->reason,
                             .refund_amount = ql->amount,
                             .refund_tax = ql->tax,
                             .completes = ql->completes,
                             .exchange_product_id = ql->exchange_product_id};
    if (!rl.charge) {
        bool done = false;
        int64_t returned = 0, cancelled = 0, quantity = 0;
        int rc = return_store_claim_units(app->db, ql->order_line_id, ql->quantity, &done, &returned,
                                          &cancelled, &quantity, e);
        if (rc != ERR_OK)
            return rc;
        if (!done || (returned + cancelled == quantity) != ql->completes)
            return err_set(e, ERR_CONFLICT, "quantity", "%s: returned by someone else meanwhile; look again",
                           ql->sku);
    }
    return return_store_add_line(app->db, &rl, e);
}

static int open_exchange_products(struct app *app, const struct return_request *req, struct return_quote *q,
                                  struct err *e)
{
    if (req->resolution == RESOLUTION_REFUND)
        return ERR_OK;
    for (int i = 0; i < q->nlines; i++) {
        struct return_quote_line *ql = &q->lines[i];
        if (ql->kind != LINE_GOODS || ql->exchange_sku[0] == '\0' || strcmp(ql->exchange_sku, ql->sku) == 0)
            continue;
        struct product p;
        int rc = product_find_sku(app, ql->exchange_sku, &p, e);
        if (rc != ERR_OK)
            return rc;
        if (!p.active)
            return err_set(e, ERR_STATE, "exchange", "%s is no longer sold", p.sku);
        ql->exchange_product_id = p.id;
    }
    return ERR_OK;
}

static int open_record(struct app *app, const struct return_work *w, const struct return_request *req,
                       struct return_quote *q, struct err *e)
{
    int64_t seq = 0;
    int rc = counters_store_next(app->db, "return", &seq, e);
    if (rc != ERR_OK)
        return rc;
    struct return_record r = {.order_id = w->o.id,
                              .status = RETURN_REQUESTED,
                              .resolution = req->resolution,
                              .requested_by = app->user.id,
                              .requested_by_real = return_real_id(app),
                              .late_accepted_by = q->late ? app->user.id : 0,
                              .refund_total = q->total,
                              .refund_tax = q->tax,
                              .shipping_refund = q->shipping,
                              .shipping_rule = q->shipping_rule};
    snprintf(r.number, sizeof r.number, "R-%06lld", (long long)seq);
    snprintf(q->number, sizeof q->number, "%s", r.number);
    datetime_now_utc(r.requested_at);
    datetime_local_date(r.requested_at, r.requested_day);
    snprintf(r.note, sizeof r.note, "%s", req->note ? req->note : "");
    if ((rc = return_store_insert(app->db, &r, e)) != ERR_OK)
        return rc;
    struct strbuf what = {0};
    for (int i = 0; rc == ERR_OK && i < q->nlines; i++) {
        rc = open_line(app, &r, &q->lines[i], e);
        if (q->lines[i].kind == LINE_GOODS)
            strbuf_addf(&what, "%s%s ×%lld %s", i ? ", " : "", q->lines[i].sku,
                        (long long)q->lines[i].quantity, return_reason_label(q->lines[i].reason));
    }
    char detail[401];
    snprintf(detail, sizeof detail, "%s opened (%s%s): %.300s", r.number,
             name_at(return_resolution_names, RESOLUTION_COUNT, (int)r.resolution), q->late ? ", late" : "",
             strbuf_text(&what));
    if (rc == ERR_OK)
        rc = fulfil_timeline(app, w->o.id, r.requested_at, "return", r.id, true, q->total, detail, e);
    if (rc == ERR_OK) {
        struct json j;
        json_begin(&j);
        json_str(&j, "order", w->o.number);
        json_str(&j, "resolution", name_at(return_resolution_names, RESOLUTION_COUNT, (int)r.resolution));
        json_str(&j, "lines", strbuf_text(&what));
        json_int(&j, "refund", q->total);
        json_str(&j, "shipping", name_at(shipping_rule_names, SHIPPING_RULE_COUNT, (int)q->shipping_rule));
        json_bool(&j, "late", q->late);
        rc = return_audit(app, "create", r.number, json_end(&j), e);
        json_free(&j);
    }
    strbuf_free(&what);
    return rc;
}

int return_open(struct app *app, const struct return_request *req, struct return_quote *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    int rc = app_require(app, ACT_RETURN_OPEN, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    struct return_work w;
    if ((rc = return_work_load(app, req->order_number, ACT_RETURN_OPEN, &w, e)) == ERR_OK &&
        (rc = return_compute(&w, req, out, e)) == ERR_OK &&
        (rc = open_check(app, &w, req, out, e)) == ERR_OK &&
        (rc = open_exchange_products(app, req, out, e)) == ERR_OK)
        rc = open_record(app, &w, req, out, e);
    return_work_free(&w);
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return_quote_free(out);
        out->number[0] = '\0';
        return rc;
    }
    return db_commit(app->db, e);
}

/* ---------------------------------------------------------- receiving */

/* The return by number, its order visible to the user for action. */
int return_load(struct app *app, const char *number, int action, struct return_record *r, struct order *o,
                struct rows *lines, struct err *e)
{
    int rc = app_require(app, (enum action)action, e);
    if (rc == ERR_OK)
        rc = return_store_find_number(app->db, number, r, e);
    if (rc == ERR_OK)
        rc = fulfil_order(app, r->order_number, action, o, e);
    if (rc == ERR_OK && lines)
        rc = return_store_lines(app->db, r->id, lines, e);
    return rc;
}

static int receive_line(struct app *app, const struct return_record *r, const struct return_line *l,
                        enum return_disposition d, struct return_receipt *res, struct err *e)
{
    bool done = false;
    char note[120];
    snprintf(note, sizeof note, "%s: %lld %s", r->number, (long long)l->quantity,
             d == DISPOSITION_RESTOCK ? "back on the shelf" : "scrapped");
    int rc = return_store_set_disposition(app->db, l->id, d, &done, e);
    if (rc == ERR_OK && !done)
        return err_set(e, ERR_CONFLICT, "return", "%s: %s was received meanwhile", r->number, l->sku);
    if (rc != ERR_OK || l->product_id <= 0)
        return rc;
    if (d == DISPOSITION_RESTOCK) {
        res->restocked += l->quantity;
        return stock_restock(app, l->product_id, l->quantity, r->order_id, r->id, note, e);
    }
    res->scrapped += l->quantity;
    return stock_scrap(app, l->product_id, r->order_id, r->id, note, e);
}

static int receive_lines(struct app *app, const struct return_record *r, const struct rows *lines,
                         const struct return_disposition_item *items, int n, struct return_receipt *res,
                         struct err *e)
{
    const struct return_line *l = lines->items;
    for (int k = 0; k < n; k++) {
        bool found = false;
        for (int i = 0; i < lines->n; i++)
            found = found || (!l[i].charge && strcmp(l[i].sku, items[k].sku) == 0);
        if (!found)
            return err_set(e, ERR_INVALID, "sku", "%s returns no %s", r->number, items[k].sku);
    }
    int rc = ERR_OK;
    for (int i = 0; rc == ERR_OK && i < lines->n; i++) {
        if (l[i].charge)
            continue;
        enum return_disposition d = l[i].reason == REASON_DAMAGED ? DISPOSITION_SCRAP : DISPOSITION_RESTOCK;
        for (int k = 0; k < n; k++)
            if (strcmp(items[k].sku, l[i].sku) == 0)
                d = items[k].disposition;
        rc = receive_line(app, r, &l[i], d, res, e);
    }
    return rc;
}

static int receive_in_transaction(struct app *app, const char *number,
                                  const struct return_disposition_item *items, int n,
                                  struct return_receipt *res, struct err *e)
{
    struct return_record r;
    struct order o;
    struct rows lines = {0};
    int rc = return_load(app, number, ACT_RETURN_OPEN, &r, &o, &lines, e);
    if (rc == ERR_OK && r.status != RETURN_REQUESTED)
        rc = err_set(e, ERR_STATE, "status", "%s is %s: only a requested return is received", r.number,
                     return_status_label(r.status));
    if (rc == ERR_OK)
        rc = receive_lines(app, &r, &lines, items, n, res, e);
    char at[32];
    datetime_now_utc(at);
    bool done = false;
    if (rc == ERR_OK && (rc = return_store_receive(app->db, r.id, at, app->user.id, &done, e)) == ERR_OK &&
        !done)
        rc = err_set(e, ERR_CONFLICT, "return", "%s was received meanwhile", r.number);
    char detail[200];
    snprintf(detail, sizeof detail, "%s received: %lld restocked, %lld scrapped", r.number,
             (long long)res->restocked, (long long)res->scrapped);
    if (rc == ERR_OK)
        rc = fulfil_timeline(app, o.id, at, "receipt", r.id, false, 0, detail, e);
    if (rc == ERR_OK) {
        struct json j;
        json_begin(&j);
        json_int(&j, "restocked", res->restocked);
        json_int(&j, "scrapped", res->scrapped);
        rc = return_audit(app, "receive", r.number, json_end(&j), e);
        json_free(&j);
    }
    rows_free(&lines);
    return rc;
}

int return_receive(struct app *app, const char *number, const struct return_disposition_item *items, int n,
                   struct return_receipt *res, struct err *e)
{
    memset(res, 0, sizeof *res);
    int rc = app_require(app, ACT_RETURN_OPEN, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = receive_in_transaction(app, number, items, n, res, e)) != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}

/* ------------------------------------------------------------ closing */

int return_close_settled(struct app *app, const struct return_record *r, const char *at, const char *why,
                         struct err *e)
{
    bool done = false;
    int rc = return_store_close(app->db, r->id, at, &done, e);
    if (rc == ERR_OK && !done)
        return err_set(e, ERR_CONFLICT, "return", "%s was closed meanwhile", r->number);
    char detail[300];
    snprintf(detail, sizeof detail, "%s closed: %.240s", r->number, why);
    if (rc == ERR_OK)
        rc = fulfil_timeline(app, r->order_id, at, "return closed", r->id, false, 0, detail, e);
    if (rc == ERR_OK) {
        struct json j;
        json_begin(&j);
        json_str(&j, "status", "closed");
        json_str(&j, "why", why);
        rc = return_audit(app, "close", r->number, json_end(&j), e);
        json_free(&j);
    }
    return rc;
}

static bool order_settles(enum order_status s)
{
    return s == ORDER_SHIPPED || s == ORDER_DELIVERED || s == ORDER_CLOSED || s == ORDER_CANCELLED;
}

int return_exchange_order_moved(struct app *app, const struct order *o, struct err *e)
{
    if (!order_settles(o->status))
        return ERR_OK;
    struct rows settled = {0};
    int rc = return_store_for_exchange_order(app->db, o->id, &settled, e);
    const struct return_record *r = settled.items;
    char at[32], why[200];
    datetime_now_utc(at);
    for (int i = 0; rc == ERR_OK && i < settled.n; i++) {
        snprintf(why, sizeof why, "new order %s %s", o->number,
                 o->status == ORDER_CANCELLED ? "cancelled" : "shipped");
        rc = return_close_settled(app, &r[i], at, why, e);
    }
    rows_free(&settled);
    return rc;
}

/* ------------------------------------------------------------ reading */

int return_get(struct app *app, const char *number, struct return_record *out, struct rows *lines,
               struct rows *refunds, struct err *e)
{
    struct order o;
    int rc = return_load(app, number, ACT_ORDER_VIEW, out, &o, lines, e);
    if (rc == ERR_OK && refunds)
        rc = refund_store_for_return(app->db, out->id, refunds, e);
    return rc;
}

int return_list(struct app *app, unsigned statuses, const struct page_req *q, struct rows *out, struct err *e)
{
    rows_reset(out, sizeof(struct return_record));
    struct page_req mine = q ? *q : (struct page_req){0};
    mine.owner_id = app->user.role == ROLE_REP ? app->user.id : 0; /* a rep: the orders they may see */
    int rc = app_require(app, ACT_RETURN_OPEN, e);
    return rc != ERR_OK ? rc : return_store_page(app->db, statuses, &mine, out, e);
}

void return_cursor(const struct return_record *r, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    c->id = r->id;
}

int order_returns(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    rows_reset(out, sizeof(struct return_record));
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    return rc != ERR_OK ? rc : return_store_for_order(app->db, o->id, out, e);
}

int refund_waiting(struct app *app, const struct page_req *q, struct rows *out, struct err *e)
{
    rows_reset(out, sizeof(struct refund_waiting));
    int rc = app_require(app, ACT_REFUND_APPROVE, e);
    return rc != ERR_OK ? rc : refund_store_waiting(app->db, q, out, e);
}

void refund_waiting_cursor(const struct refund_waiting *w, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->text, sizeof c->text, "%s", w->requested_at);
    c->id = w->refund_id;
}
