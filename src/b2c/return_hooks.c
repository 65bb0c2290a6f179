/* Returns on orders: an order's returns in its summary (`order show`, the
 * order screen), their checks (`comptoir check`) and the demo's returns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/return_store.h"
#include "db/user_store.h"
#include "src/app.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/fulfilment.h"
#include "src/b2c/returns.h"
#include "src/base/datetime.h"
#include "src/base/mem.h"
#include "src/base/names.h"
#include "src/orders.h"
#include "src/products.h"
#include "src/settings.h"

int return_order_summary(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    struct rows returns = {0};
    int rc = return_store_for_order(app->db, o->id, &returns, e);
    const struct return_record *r = returns.items;
    for (int i = 0; rc == ERR_OK && i < returns.n; i++) {
        struct order_summary_row *row = rows_add(out);
        snprintf(row->section, sizeof row->section, "Returns");
        snprintf(row->text, sizeof row->text, "%s %s (%s)%s%s", r[i].number, return_status_label(r[i].status),
                 name_at(return_resolution_names, RESOLUTION_COUNT, (int)r[i].resolution),
                 r[i].exchange_number[0] ? " → " : "", r[i].exchange_number);
        row->has_amount = true;
        row->amount = r[i].refund_total;
    }
    rows_free(&returns);
    return rc;
}

int return_check(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    return return_store_check(app->db, report, problems, e);
}

/* ------------------------------------------------------------------ demo */

/* The demo's returns: a few in a hundred delivered orders, each asked a few
 * days after its delivery and taken as far as its age allows through the
 * core's own functions — the old ones received, refunded (a manager
 * approving the big ones) and closed, replacements closed once their new
 * order ships; the last week's still requested, received or waiting for a
 * manager; one rejected. The clock (COMPTOIR_NOW) is set to each step's
 * made-up time, as the demo's orders carry made-up times. */
enum demo_stage { STAGE_BY_AGE, STAGE_REQUESTED, STAGE_RECEIVED, STAGE_REJECTED, STAGE_AWAITING };

struct demo_returns {
    struct app sup, mgr;
    time_t now;
    int64_t threshold;
    int opened, requested, received, awaiting, closed, replaced, rejected;
    struct rows waiting; /* struct backorder_row: products orders wait for */
};

/* Restocking a product orders wait for would serve them at a made-up time
 * before they were placed: such units are scrapped in the demo. */
static bool demo_waits(const struct demo_returns *d, int64_t product_id)
{
    const struct backorder_row *b = d->waiting.items;
    for (int i = 0; i < d->waiting.n; i++)
        if (b[i].product_id == product_id)
            return true;
    return false;
}

static struct app demo_as(const struct app *app, const struct user *u)
{
    struct app as = *app;
    as.user = *u;
    as.real_id = u->id; /* the demo's people act as themselves */
    snprintf(as.real_login, sizeof as.real_login, "%s", u->login);
    return as;
}

static void demo_clock(time_t t)
{
    char at[32];
    datetime_utc_from(t, at);
    setenv("COMPTOIR_NOW", at, 1);
}

/* The request: one unit of one of its lines still back-able, or (whole)
 * every unit of every line; false when nothing of it can come back. */
static bool demo_request(const struct rows *lines, int pick, bool whole, struct return_item *items, int *n,
                         int64_t *product_ids)
{
    const struct order_line *l = lines->items;
    int goods = 0;
    *n = 0;
    for (int i = 0; i < lines->n; i++)
        goods += l[i].kind == LINE_GOODS && l[i].shipped_qty > l[i].returned_qty;
    for (int i = 0, k = 0; i < lines->n && *n < RETURN_MAX_ITEMS; i++) {
        if (l[i].kind != LINE_GOODS || l[i].shipped_qty <= l[i].returned_qty)
            continue;
        bool dup = false;
        for (int j = 0; j < *n; j++)
            dup = dup || strcmp(items[j].sku, l[i].sku) == 0;
        if (dup || (!whole && k++ != pick % goods))
            continue;
        struct return_item *it = &items[(*n)++];
        memset(it, 0, sizeof *it);
        snprintf(it->sku, sizeof it->sku, "%s", l[i].sku);
        it->quantity = whole ? l[i].shipped_qty - l[i].returned_qty : 1;
        product_ids[*n - 1] = l[i].product_id;
    }
    return *n > 0;
}

/* Ships the new order of a replacement when all of it is allocated (it closes the return). */
static int demo_ship_new_order(struct demo_returns *d, const char *number, struct err *e)
{
    struct order o;
    struct rows lines = {0};
    bool ready = true;
    int rc = order_get(&d->sup, number, &o, e);
    if (rc == ERR_OK)
        rc = order_lines(&d->sup, &o, NULL, &lines, e);
    const struct order_line *l = lines.items;
    for (int i = 0; i < lines.n; i++)
        ready =
            ready && (l[i].kind != LINE_GOODS || l[i].allocated_qty + l[i].cancelled_qty == l[i].quantity);
    rows_free(&lines);
    if (rc != ERR_OK || !ready)
        return rc;
    struct ship_request req = {.parcels = 1};
    snprintf(req.carrier, sizeof req.carrier, "Colissimo");
    snprintf(req.tracking, sizeof req.tracking, "6R%010lld", (long long)(o.id * 7919 % 10000000000LL));
    struct ship_result res;
    if ((rc = order_ship(&d->sup, number, &req, &res, e)) == ERR_OK)
        d->closed++, d->replaced--;
    return rc;
}

/* Receives, refunds (a manager approving the big ones when approve) and,
 * for a replacement, ships the new order; each step a day or two later. */
static int demo_settle(struct demo_returns *d, const char *number, time_t t, bool refund, bool approve,
                       const struct return_disposition_item *disp, int ndisp, struct err *e)
{
    struct return_receipt rec;
    struct refund_result res;
    demo_clock(t + (approve ? 2 * 86400 : 3600));
    int rc = return_receive(&d->sup, number, disp, ndisp, &rec, e);
    if (rc != ERR_OK || !refund) {
        d->received += rc == ERR_OK;
        return rc;
    }
    demo_clock(t + (approve ? 3 * 86400 : 7200));
    if ((rc = return_refund(&d->sup, number, false, PAY_CARD, "", &res, e)) != ERR_OK)
        return rc;
    if (res.status == RETURN_AWAITING_APPROVAL && !approve) {
        d->awaiting++;
        return ERR_OK;
    }
    if (res.status == RETURN_AWAITING_APPROVAL) {
        demo_clock(t + 4 * 86400);
        if ((rc = return_approve(&d->mgr, number, "checked with the warehouse", &res, e)) != ERR_OK)
            return rc;
    }
    if (res.status == RETURN_EXCHANGED || res.status == RETURN_REPLACED) {
        d->replaced++;
        demo_clock(t + 4 * 86400 + 3600);
        return demo_ship_new_order(d, res.exchange_number, e);
    }
    d->closed++;
    return ERR_OK;
}

/* When the customer asks: a few days after the delivery (the fresh ones:
 * in the last days, a stage each). */
static time_t demo_asked(const struct demo_returns *d, const struct return_demo_order *c, int i,
                         enum demo_stage stage)
{
    time_t delivered, t;
    if (!datetime_parse_utc(c->delivered_at, &delivered))
        return 0;
    t = stage == STAGE_BY_AGE ? delivered + (1 + i % 6) * 86400 + (9 + i % 8) * 3600
                              : d->now - (2 + (int)stage * 9 + i % 5) * 3600;
    if (stage != STAGE_BY_AGE && t <= delivered)
        t = delivered + 1800;
    if (t > d->now - 600)
        t = d->now - 600;
    return t > delivered ? t : 0;
}

static int demo_return(struct demo_returns *d, const struct return_demo_order *c, int i,
                       enum demo_stage stage, struct err *e)
{
    static const enum return_reason reasons[] = {REASON_CHANGED_MIND,     REASON_DAMAGED,
                                                 REASON_CHANGED_MIND,     REASON_WRONG_ITEM,
                                                 REASON_NOT_AS_DESCRIBED, REASON_LATE_DELIVERY};
    time_t t = demo_asked(d, c, i, stage);
    if (t == 0)
        return ERR_OK;
    bool whole = stage == STAGE_AWAITING;
    struct order o;
    struct rows lines = {0};
    struct return_item items[RETURN_MAX_ITEMS];
    int n = 0;
    int64_t pids[RETURN_MAX_ITEMS] = {0};
    int rc = order_get(&d->sup, c->number, &o, e);
    if (rc == ERR_OK)
        rc = order_lines(&d->sup, &o, NULL, &lines, e);
    bool any = rc == ERR_OK && demo_request(&lines, i, whole, items, &n, pids);
    rows_free(&lines);
    if (!any)
        return rc;
    /* a replacement when the shelf has one to send */
    struct product p;
    struct err skip = {0};
    bool replace = stage == STAGE_BY_AGE && i % 9 == 4 && pids[0] > 0 &&
                   product_get(&d->sup, pids[0], &p, &skip) == ERR_OK &&
                   p.stock_on_hand - p.stock_reserved > 0;
    for (int k = 0; k < n; k++)
        items[k].reason = whole ? REASON_WRONG_ITEM : replace ? REASON_DAMAGED : reasons[i % 6];
    struct return_disposition_item disp[RETURN_MAX_ITEMS];
    for (int k = 0; k < n; k++) {
        memcpy(disp[k].sku, items[k].sku, sizeof disp[k].sku);
        disp[k].disposition = items[k].reason == REASON_DAMAGED || demo_waits(d, pids[k])
                                  ? DISPOSITION_SCRAP
                                  : DISPOSITION_RESTOCK;
    }
    struct return_request req = {.items = items,
                                 .nitems = n,
                                 .resolution = replace ? RESOLUTION_REPLACEMENT : RESOLUTION_REFUND,
                                 .note = whole ? "the whole delivery was someone else's order" : ""};
    snprintf(req.order_number, sizeof req.order_number, "%s", c->number);
    struct return_quote q;
    demo_clock(t);
    if (return_preview(&d->sup, &req, &q, &skip) != ERR_OK)
        return ERR_OK; /* nothing of it may come back */
    bool fits = q.total <= q.refundable && (!whole || q.needs_approval), late = q.late;
    return_quote_free(&q);
    /* past the window a manager accepts it */
    if (!fits || (rc = return_open(late ? &d->mgr : &d->sup, &req, &q, e)) != ERR_OK)
        return rc;
    d->opened++;
    char number[33];
    snprintf(number, sizeof number, "%s", q.number);
    return_quote_free(&q);
    time_t age = d->now - t;
    switch (stage) {
    case STAGE_AWAITING: return demo_settle(d, number, t, true, false, disp, n, e);
    case STAGE_REQUESTED: d->requested++; return ERR_OK;
    case STAGE_RECEIVED: return demo_settle(d, number, t, false, false, disp, n, e);
    case STAGE_REJECTED:
        demo_clock(t + 3600);
        d->rejected++;
        return return_reject(&d->sup, number, "signs of use: the item cannot be sold again", e);
    default: break;
    }
    if (age < 4 * 86400) {
        d->requested++;
        return ERR_OK;
    }
    return demo_settle(d, number, t, age >= 8 * 86400, age >= 8 * 86400, disp, n, e);
}

/* The fresh ones: the biggest waits for a manager, then one rejected, two
 * requested, two received. */
static int demo_fresh(struct demo_returns *d, const struct rows *candidates, struct err *e)
{
    const struct return_demo_order *c = candidates->items;
    bool *used = xcalloc((size_t)candidates->n + 1, sizeof *used);
    int rc = ERR_OK;
    while (rc == ERR_OK && d->awaiting == 0) {
        int big = -1;
        for (int i = 0; i < candidates->n; i++)
            if (c[i].fresh && !used[i] && c[i].goods > d->threshold && (big < 0 || c[i].goods > c[big].goods))
                big = i;
        if (big < 0)
            break;
        used[big] = true;
        rc = demo_return(d, &c[big], big, STAGE_AWAITING, e);
    }
    static const enum demo_stage next[] = {STAGE_REJECTED, STAGE_REQUESTED, STAGE_REQUESTED, STAGE_RECEIVED,
                                           STAGE_RECEIVED};
    int k = 0;
    for (int i = 0; rc == ERR_OK && i < candidates->n && k < (int)(sizeof next / sizeof next[0]); i++) {
        if (!c[i].fresh || used[i])
            continue;
        int before = d->opened;
        rc = demo_return(d, &c[i], i, next[k], e);
        k += d->opened > before;
    }
    free(used);
    return rc;
}

int return_demo(struct app *app, unsigned seed, FILE *progress, struct err *e)
{
    (void)seed;
    struct user chloe, david;
    if (user_store_find_login(app->db, "chloe", &chloe, NULL) != ERR_OK ||
        user_store_find_login(app->db, "david", &david, NULL) != ERR_OK)
        return ERR_OK; /* the demo's people were kept as they were: no returns */
    struct demo_returns d = {.sup = demo_as(app, &chloe), .mgr = demo_as(app, &david), .now = datetime_now()};
    d.threshold = settings_get_int(app, "refund.approval_threshold", 0, 2000000000, 20000);
    const char *fixed = getenv("COMPTOIR_NOW");
    char *saved = fixed ? xstrdup(fixed) : NULL;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct rows candidates = {0};
    int rc = fulfilment_backorders(app, NULL, &d.waiting, e);
    if (rc == ERR_OK)
        rc = return_store_demo_orders(app->db, 3, 12, 3000, 30, &candidates, e);
    const struct return_demo_order *c = candidates.items;
    for (int i = 0; rc == ERR_OK && i < candidates.n; i++)
        if (!c[i].fresh)
            rc = demo_return(&d, &c[i], i, STAGE_BY_AGE, e);
    if (rc == ERR_OK)
        rc = demo_fresh(&d, &candidates, e);
    rows_free(&candidates);
    rows_free(&d.waiting);
    if (saved)
        setenv("COMPTOIR_NOW", saved, 1);
    else
        unsetenv("COMPTOIR_NOW");
    free(saved);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc == ERR_OK && progress)
        fprintf(
            progress,
            "returns: %d opened (%d requested, %d received, %d awaiting approval, %d replacements to ship,"
            " %d closed, %d rejected) in %.1f s\n",
            d.opened, d.requested, d.received, d.awaiting, d.replaced, d.closed, d.rejected,
            (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return rc;
}
