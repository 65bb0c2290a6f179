/* Loyalty points in the cart and on orders: pricing step 4 (redeem) and
 * step 8 (earn), what they read, the hook bus (placed: redeem and earn;
 * delivered: release and tier; cancelled and credited: reverse and
 * restore in proportion, never twice), the order's rows, the check and the
 * demo's history. The arithmetic is in loyalty_calc.c, the writes in
 * loyalty.c. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/loyalty_store.h"
#include "db/order_place_store.h"
#include "db/user_store.h"
#include "src/app.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/loyalty.h"
#include "src/b2c/loyalty_private.h"
#include "src/b2c/order_place.h"
#include "src/base/datetime.h"
#include "src/base/mem.h"
#include "src/base/money.h"

/* ---------------------------------------------------------- the inputs */

int loyalty_cart_load(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e)
{
    in->loyalty = NULL;
    if (c->channel != CHANNEL_B2C || c->customer_id <= 0)
        return ERR_OK; /* accounts and sales to nobody known neither earn nor spend */
    struct loyalty_state *ls = xcalloc(1, sizeof *ls);
    struct rows tiers = {0};
    int64_t cached = 0, pending = 0;
    ls->customer_id = c->customer_id;
    ls->multiplier_bp = 10000;
    loyalty_settings_read(app, &ls->settings);
    int rc = loyalty_store_cached(app->db, c->customer_id, &cached, &pending, ls->tier, e);
    if (rc == ERR_OK)
        rc = loyalty_available_now(app, c->customer_id, in->today, &ls->available, e);
    if (rc == ERR_OK)
        rc = loyalty_store_tiers(app->db, &tiers, e);
    const struct loyalty_tier *t = tiers.items;
    for (int i = 0; rc == ERR_OK && i < tiers.n; i++)
        if (strcmp(t[i].name, ls->tier) == 0)
            ls->multiplier_bp = t[i].multiplier_bp;
    rows_free(&tiers);
    if (rc != ERR_OK) {
        free(ls);
        return rc;
    }
    in->loyalty = ls;
    return ERR_OK;
}

void loyalty_cart_free(struct cart_inputs *in)
{
    free(in->loyalty);
    in->loyalty = NULL;
}

/* ------------------------------------------------------------- pricing */

/* Spreads amount over the goods lines, weighted by their current amount
 * (before tax) or their net (after it), in the canonical order. */
static int spread_goods(const struct priced_cart *p, int64_t amount, bool by_net, int64_t *parts,
                        struct err *e)
{
    int n = p->ngoods;
    int64_t *w = xcalloc((size_t)n + 1, sizeof *w);
    const char **skus = xcalloc((size_t)n + 1, sizeof *skus);
    for (int i = 0; i < n; i++) {
        w[i] = by_net ? p->lines[i].net : priced_line_current(&p->lines[i]);
        skus[i] = p->lines[i].sku;
    }
    int rc = loyalty_spread(amount, w, skus, n, parts, e);
    free(w);
    free(skus);
    return rc;
}

/* Points asked that cannot all be redeemed stop the placing (what was
 * typed is never quietly cut): the cart shows what it could take, and why,
 * as a payment problem, since points pay part of the goods. */
static void redeem_short(struct priced_cart *p, const struct loyalty_state *ls, int64_t asked, int64_t points,
                         int64_t by_share)
{
    char share[16];
    size_t len = sizeof p->payment_issue;
    if (asked > ls->available)
        snprintf(p->payment_issue, len, "points: %" PRId64 " asked, only %" PRId64 " available", asked,
                 ls->available);
    else if (asked > by_share) {
        bp_format(ls->settings.max_share_bp, share, sizeof share);
        snprintf(p->payment_issue, len,
                 "points: %" PRId64 " asked, at most %" PRId64 " (points pay up to %s of the goods)", asked,
                 by_share, share);
    } else {
        snprintf(p->payment_issue, len,
                 "points: %" PRId64 " asked, they go in steps of %" PRId64 " (%" PRId64 ")", asked,
                 loyalty_points_step(&ls->settings), points);
    }
}

/* The most points this cart may take: what is available, within the share of the goods. */
static int redeem_limits(const struct loyalty_state *ls, const struct priced_cart *p, int64_t *allowed,
                         int64_t *by_share, struct err *e)
{
    int64_t goods = 0, scaled = 0;
    for (int i = 0; i < p->ngoods; i++)
        goods += priced_line_current(&p->lines[i]) > 0 ? priced_line_current(&p->lines[i]) : 0;
    if (money_mul(goods, ls->settings.max_share_bp, &scaled, NULL) != ERR_OK)
        return err_set(e, ERR_INVALID, "points", "the cart is too large to redeem points on");
    int64_t step = loyalty_points_step(&ls->settings);
    *by_share = loyalty_points_for(&ls->settings, scaled / 10000);
    int64_t have = ls->available > 0 ? ls->available - ls->available % step : 0;
    *allowed = have < *by_share ? have : *by_share;
    return ERR_OK;
}

static int redeem_apply(struct priced_cart *p, int64_t points, int64_t value, struct err *e)
{
    int64_t *cents = xcalloc((size_t)p->ngoods + 1, sizeof *cents);
    int64_t *pts = xcalloc((size_t)p->ngoods + 1, sizeof *pts);
    int rc = spread_goods(p, value, false, cents, e);
    if (rc == ERR_OK)
        rc = spread_goods(p, points, false, pts, e);
    for (int i = 0; rc == ERR_OK && i < p->ngoods; i++) {
        p->lines[i].redeem_points = pts[i];
        if (cents[i] > 0)
            rc = priced_cart_adjust(p, i, ADJ_POINTS, 0, cents[i], "points", e);
    }
    free(cents);
    free(pts);
    if (rc == ERR_OK) {
        p->points_redeemed = points;
        p->points_value = value;
        priced_cart_note(p, NOTE_APPLIED, true, -value, "points: %" PRId64 " redeemed", points);
    }
    return rc;
}

int loyalty_step_redeem(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                        struct err *e)
{
    const struct loyalty_state *ls = in->loyalty;
    bool asked = c->points > 0 || c->points_max;
    if (ls == NULL) {
        if (asked)
            priced_cart_note(p, NOTE_NOT_APPLIED, false, 0, "%s",
                             c->channel == CHANNEL_B2B ? "points: an account does not collect points"
                                                       : "points: only a known customer spends points");
        return ERR_OK;
    }
    p->points_available = ls->available;
    if (!asked)
        return ERR_OK;
    int64_t allowed = 0, by_share = 0;
    int rc = redeem_limits(ls, p, &allowed, &by_share, e);
    if (rc != ERR_OK)
        return rc;
    int64_t points = c->points_max || c->points > allowed ? allowed : c->points;
    points -= points % loyalty_points_step(&ls->settings);
    if (!c->points_max && c->points > points)
        redeem_short(p, ls, c->points, points, by_share);
    if (points <= 0) {
        if (c->points_max)
            priced_cart_note(p, NOTE_NOT_APPLIED, false, 0, "%s",
                             ls->available <= 0 ? "points: none available"
                                                : "points: nothing to pay with them");
        return ERR_OK;
    }
    return redeem_apply(p, points, loyalty_points_worth(&ls->settings, points), e);
}

int loyalty_step_earn(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                      struct err *e)
{
    (void)c;
    const struct loyalty_state *ls = in->loyalty;
    if (ls == NULL)
        return ERR_OK;
    int64_t base = 0, points = 0;
    for (int i = 0; i < p->ngoods; i++)
        base += p->lines[i].net;
    int rc = loyalty_points_earned(&ls->settings, base, ls->multiplier_bp, &points, e);
    if (rc != ERR_OK || points == 0)
        return rc;
    int64_t *parts = xcalloc((size_t)p->ngoods + 1, sizeof *parts);
    rc = spread_goods(p, points, true, parts, e);
    for (int i = 0; rc == ERR_OK && i < p->ngoods; i++)
        p->lines[i].earn_points = parts[i];
    free(parts);
    if (rc != ERR_OK)
        return rc;
    p->points_earned = points;
    char times[16];
    loyalty_multiplier_text(ls->multiplier_bp, times, sizeof times);
    if (ls->multiplier_bp == 10000)
        priced_cart_note(p, NOTE_INFO, false, 0,
                         "points: this sale earns %" PRId64 ", available once delivered", points);
    else
        priced_cart_note(p, NOTE_INFO, false, 0,
                         "points: this sale earns %" PRId64 " (%s %s), available once delivered", points,
                         ls->tier, times);
    return ERR_OK;
}

/* ------------------------------------------------------------- the bus */

static int points_timeline(struct app *app, const struct order *o, const struct loyalty_when *w,
                           const char *detail, struct err *e)
{
    struct order_timeline_entry t = {.order_id = o->id, .user_id = app->user.id};
    snprintf(t.at, sizeof t.at, "%s", w->at);
    snprintf(t.kind, sizeof t.kind, "points");
    snprintf(t.detail, sizeof t.detail, "%s", detail);
    return order_timeline_store_add(app->db, &t, e);
}

static struct loyalty_entry order_entry(const struct order *o, enum loyalty_kind kind,
                                        enum loyalty_bucket bucket, int64_t points)
{
    struct loyalty_entry l = {
        .customer_id = o->customer_id, .kind = kind, .bucket = bucket, .points = points, .order_id = o->id};
    return l;
}

static int placed_redeem(struct app *app, const struct order *o, int64_t points, const struct loyalty_when *w,
                         struct err *e)
{
    struct loyalty_entry l = order_entry(o, LOYALTY_REDEEM, LOYALTY_AVAILABLE, -points);
    l.user_id = app->user.id;
    int64_t now = 0;
    int rc = loyalty_write(app, &l, w, e);
    if (rc != ERR_CONFLICT)
        return rc;
    loyalty_available_now(app, o->customer_id, w->day, &now, NULL);
    return err_set(e, ERR_CONFLICT, "points",
                   "the customer's points were spent meanwhile: %" PRId64 " to redeem, %" PRId64 " left",
                   points, now);
}

static int placed_lines(struct app *app, const struct order_change *ch, struct err *e)
{
    const struct priced_cart *p = ch->priced;
    for (int i = 0; i < p->ngoods; i++) {
        const struct priced_line *l = &p->lines[i];
        if (l->earn_points <= 0 && l->redeem_points <= 0)
            continue;
        struct loyalty_line_points lp = {.order_line_id = ch->line_ids[i],
                                         .order_id = ch->order->id,
                                         .quantity = l->quantity,
                                         .earned = l->earn_points,
                                         .redeemed = l->redeem_points};
        int rc = loyalty_store_line_points_add(app->db, &lp, e);
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

/* Placed: the redeemed points leave the available balance (one
 * conditional UPDATE: two terminals spending the same points, one wins),
 * the earned ones wait in the pending balance, each line keeps its share. */
static int order_placed(struct app *app, const struct order_change *ch, struct err *e)
{
    const struct priced_cart *p = ch->priced;
    const struct order *o = ch->order;
    if (p == NULL || (p->points_redeemed <= 0 && p->points_earned <= 0))
        return ERR_OK;
    struct loyalty_when w;
    snprintf(w.at, sizeof w.at, "%s", o->placed_at);
    snprintf(w.day, sizeof w.day, "%s", o->placed_day);
    char detail[160];
    snprintf(detail, sizeof detail, "%" PRId64 " redeemed, %" PRId64 " to earn once delivered",
             p->points_redeemed, p->points_earned);
    int rc = loyalty_settle_expiry(app, o->customer_id, &w, NULL, e);
    if (rc == ERR_OK && p->points_redeemed > 0)
        rc = placed_redeem(app, o, p->points_redeemed, &w, e);
    if (rc == ERR_OK && p->points_earned > 0) {
        struct loyalty_entry l = order_entry(o, LOYALTY_EARN, LOYALTY_PENDING, p->points_earned);
        rc = loyalty_write(app, &l, &w, e);
    }
    if (rc == ERR_OK)
        rc = placed_lines(app, ch, e);
    return rc != ERR_OK ? rc : points_timeline(app, o, &w, detail, e);
}

/* Delivered: what is still pending becomes available (a release pair),
 * expiring months after the delivery day; the tier follows the spend. */
static int order_delivered(struct app *app, const struct order_change *ch, struct err *e)
{
    const struct order *o = ch->order;
    struct loyalty_when w;
    int64_t pending = 0;
    bool released = false;
    loyalty_now(&w);
    if (o->delivered_day[0]) {
        snprintf(w.day, sizeof w.day, "%s", o->delivered_day);
        snprintf(w.at, sizeof w.at, "%s", o->delivered_at);
    }
    int rc = loyalty_store_order_pending(app->db, o->id, &pending, &released, e);
    if (rc == ERR_OK && pending > 0) {
        struct loyalty_entry out = order_entry(o, LOYALTY_RELEASE, LOYALTY_PENDING, -pending);
        struct loyalty_entry in = order_entry(o, LOYALTY_RELEASE, LOYALTY_AVAILABLE, pending);
        char detail[160];
        if ((rc = loyalty_settle_expiry(app, o->customer_id, &w, NULL, e)) == ERR_OK &&
            (rc = loyalty_write(app, &out, &w, e)) == ERR_OK &&
            (rc = loyalty_write(app, &in, &w, e)) == ERR_OK) {
            snprintf(detail, sizeof detail, "%" PRId64 " available, until %s", pending, in.expires_on);
            rc = points_timeline(app, o, &w, detail, e);
        }
    }
    char today[11];
    datetime_today(today);
    return rc != ERR_OK ? rc : loyalty_retier(app, o->customer_id, today, NULL, e);
}

/* The units a change credits, line by line: as the change lists them, or
 * (a whole order cancelled without a list) every unit not yet credited. */
static int64_t credited_units(const struct order_change *ch, const struct loyalty_line_points *lp)
{
    if (ch->ncredits == 0)
        return ch->whole_order ? lp->quantity - lp->units_credited : 0;
    int64_t units = 0;
    for (int i = 0; i < ch->ncredits; i++)
        if (ch->credits[i].order_line_id == lp->order_line_id)
            units += ch->credits[i].units;
    return units;
}

/* Each line's share of its points for the units credited: k·⌊points/q⌋,
 * plus the remainder when the line's credited units reach q. */
static void line_shares(const struct loyalty_line_points *lp, int64_t k, int64_t *earned, int64_t *redeemed)
{
    bool completes = lp->units_credited + k == lp->quantity;
    *earned = money_share_units(lp->earned, lp->quantity, k, completes);
    *redeemed = money_share_units(lp->redeemed, lp->quantity, k, completes);
}

static int too_many_units(const struct order *o, const struct loyalty_line_points *lp, int64_t k,
                          struct err *e)
{
    return err_set(e, ERR_CONFLICT, "points",
                   "order %s: %" PRId64 " more units credited than the %" PRId64 " sold", o->number,
                   lp->units_credited + k - lp->quantity, lp->quantity);
}

/* Each line's share of its points for the units credited, claimed by a
 * conditional UPDATE: a unit is credited once, a share never twice, and a
 * return (return_id) credits a line once. */
static int credit_lines(struct app *app, const struct order_change *ch, int64_t *earned, int64_t *redeemed,
                        struct err *e)
{
    struct rows lines = {0};
    *earned = *redeemed = 0;
    int rc = loyalty_store_order_lines(app->db, ch->order->id, &lines, e);
    const struct loyalty_line_points *lp = lines.items;
    for (int i = 0; rc == ERR_OK && i < lines.n; i++) {
        int64_t k = credited_units(ch, &lp[i]), re = 0, rr = 0;
        bool done = false;
        if (k <= 0)
            continue;
        if (lp[i].units_credited + k > lp[i].quantity) {
            rc = too_many_units(ch->order, &lp[i], k, e);
            break;
        }
        line_shares(&lp[i], k, &re, &rr);
        if (ch->return_id > 0 &&
            (rc = loyalty_store_return_line_add(app->db, ch->return_id, lp[i].order_line_id, k, re, rr, &done,
                                                e)) == ERR_OK &&
            !done)
            rc = err_set(e, ERR_CONFLICT, "points", "order %s: this return's points were credited already",
                         ch->order->number);
        if (rc == ERR_OK)
            rc = loyalty_store_line_points_credit(app->db, &lp[i], k, re, rr, &done, e);
        if (rc == ERR_OK && !done)
            rc = err_set(e, ERR_CONFLICT, "points", "order %s: these units' points were credited already",
                         ch->order->number);
        *earned += re;
        *redeemed += rr;
    }
    rows_free(&lines);
    return rc;
}

/* How many of the points due back are still there to take: all of them
 * while pending (nobody spends pending points), else what is available. */
static int takeable(struct app *app, const struct order *o, int64_t points, const char *day, bool *released,
                    int64_t *taken, struct err *e)
{
    int64_t pending = 0, available = 0;
    int rc = loyalty_store_order_pending(app->db, o->id, &pending, released, e);
    *taken = points;
    if (rc == ERR_OK && *released &&
        (rc = loyalty_available_now(app, o->customer_id, day, &available, e)) == ERR_OK && available < points)
        *taken = available > 0 ? available : 0;
    return rc;
}

/* Earned points taken back: from pending before the delivery released
 * them, else from what is available — and what was spent meanwhile is
 * written as a shortfall, never as a negative balance. */
static int take_back(struct app *app, const struct order_change *ch, int64_t points,
                     const struct loyalty_when *w, int64_t *shortfall, struct err *e)
{
    const struct order *o = ch->order;
    int64_t taken = 0;
    bool released = false;
    int rc = takeable(app, o, points, w->day, &released, &taken, e);
    if (rc != ERR_OK)
        return rc;
    bool cancel = ch->kind == ORDER_CHANGE_CANCELLED && !released;
    struct loyalty_entry l = order_entry(o, cancel ? LOYALTY_CANCEL : LOYALTY_REVERSE,
                                         released ? LOYALTY_AVAILABLE : LOYALTY_PENDING, -taken);
    l.return_id = ch->return_id;
    if (taken < points) {
        l.shortfall = *shortfall = points - taken;
        snprintf(l.reason, sizeof l.reason, "%" PRId64 " due, %" PRId64 " taken: the rest was spent", points,
                 taken);
    }
    return loyalty_write(app, &l, w, e);
}

static int order_credited(struct app *app, const struct order_change *ch, struct loyalty_credit *out,
                          struct err *e)
{
    const struct order *o = ch->order;
    struct loyalty_when w;
    int64_t earned = 0, redeemed = 0, shortfall = 0;
    char today[11];
    loyalty_now(&w);
    snprintf(today, sizeof today, "%s", w.day);
    int rc = credit_lines(app, ch, &earned, &redeemed, e);
    if (rc == ERR_OK && (earned > 0 || redeemed > 0))
        rc = loyalty_settle_expiry(app, o->customer_id, &w, NULL, e);
    if (rc == ERR_OK && earned > 0)
        rc = take_back(app, ch, earned, &w, &shortfall, e);
    if (rc == ERR_OK && redeemed > 0) {
        struct loyalty_entry l = order_entry(o, LOYALTY_RESTORE, LOYALTY_AVAILABLE, redeemed);
        l.return_id = ch->return_id;
        rc = loyalty_write(app, &l, &w, e);
    }
    if (rc == ERR_OK && (earned > 0 || redeemed > 0)) {
        char detail[160];
        snprintf(detail, sizeof detail, "%" PRId64 " earned taken back, %" PRId64 " redeemed given back",
                 earned, redeemed);
        rc = points_timeline(app, o, &w, detail, e);
    }
    if (rc == ERR_OK && ch->kind == ORDER_CHANGE_CREDITED)
        rc = loyalty_retier(app, o->customer_id, today, NULL, e);
    if (rc == ERR_OK && out)
        *out =
            (struct loyalty_credit){.earned_back = earned, .shortfall = shortfall, .redeemed_back = redeemed};
    return rc;
}

static bool earns_points(const struct order *o)
{
    return o != NULL && o->channel == CHANNEL_B2C && o->customer_id > 0;
}

int loyalty_credit_units(struct app *app, const struct order *o, const struct order_credit_line *credits,
                         int ncredits, int64_t return_id, struct loyalty_credit *out, struct err *e)
{
    struct order_change ch = {.kind = ORDER_CHANGE_CREDITED,
                              .order = o,
                              .credits = credits,
                              .ncredits = ncredits,
                              .return_id = return_id};
    if (out)
        memset(out, 0, sizeof *out);
    return earns_points(o) ? order_credited(app, &ch, out, e) : ERR_OK;
}

int loyalty_credit_preview(struct app *app, const struct order *o, const struct order_credit_line *credits,
                           int ncredits, struct loyalty_credit *out, struct err *e)
{
    struct order_change ch = {
        .kind = ORDER_CHANGE_CREDITED, .order = o, .credits = credits, .ncredits = ncredits};
    struct rows lines = {0};
    memset(out, 0, sizeof *out);
    if (!earns_points(o))
        return ERR_OK;
    int rc = loyalty_store_order_lines(app->db, o->id, &lines, e);
    const struct loyalty_line_points *lp = lines.items;
    for (int i = 0; rc == ERR_OK && i < lines.n; i++) {
        int64_t k = credited_units(&ch, &lp[i]), re = 0, rr = 0;
        if (k <= 0)
            continue;
        if (lp[i].units_credited + k > lp[i].quantity) {
            rc = too_many_units(o, &lp[i], k, e);
            break;
        }
        line_shares(&lp[i], k, &re, &rr);
        out->earned_back += re;
        out->redeemed_back += rr;
    }
    rows_free(&lines);
    int64_t taken = 0;
    bool released = false;
    char today[11];
    datetime_today(today);
    if (rc == ERR_OK && out->earned_back > 0 &&
        (rc = takeable(app, o, out->earned_back, today, &released, &taken, e)) == ERR_OK)
        out->shortfall = out->earned_back - taken;
    return rc;
}

int loyalty_on_order(struct app *app, const struct order_change *change, struct err *e)
{
    const struct order *o = change->order;
    if (!earns_points(o)) {
        if (change->kind == ORDER_CHANGE_PLACED && change->priced && change->priced->points_redeemed > 0)
            return err_set(e, ERR_INTERNAL, "points", "points redeemed on an order without a customer");
        return ERR_OK;
    }
    switch (change->kind) {
    case ORDER_CHANGE_PLACED: return order_placed(app, change, e);
    case ORDER_CHANGE_DELIVERED: return order_delivered(app, change, e);
    case ORDER_CHANGE_CANCELLED: return order_credited(app, change, NULL, e);
    case ORDER_CHANGE_CREDITED:
        return loyalty_credit_units(app, o, change->credits, change->ncredits, change->return_id, NULL, e);
    }
    return ERR_OK;
}

/* ------------------------------------------------------ the order's rows */

static int64_t points_value(struct app *app, const struct order *o)
{
    struct rows adj = {0};
    int64_t value = 0;
    if (order_adjustments(app, o, &adj, NULL) == ERR_OK) {
        const struct line_adjustment_row *a = adj.items;
        for (int i = 0; i < adj.n; i++)
            if (a[i].kind == ADJ_POINTS)
                value += a[i].amount;
    }
    rows_free(&adj);
    return value;
}

static void summary_row(struct rows *out, bool has_amount, int64_t amount, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void summary_row(struct rows *out, bool has_amount, int64_t amount, const char *fmt, ...)
{
    struct order_summary_row *r = rows_add(out);
    snprintf(r->section, sizeof r->section, "Points");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->text, sizeof r->text, fmt, ap);
    va_end(ap);
    r->has_amount = has_amount;
    r->amount = amount;
}

static void summary_entry(struct app *app, const struct order *o, const struct loyalty_entry *l, bool pending,
                          struct rows *out)
{
    switch (l->kind) {
    case LOYALTY_EARN: /* on the day the order was placed, as the redeemed points */
        summary_row(out, false, 0, "%" PRId64 " earned%s", l->points,
                    pending ? ", pending until delivered" : "");
        break;
    case LOYALTY_RELEASE:
        if (l->bucket == LOYALTY_AVAILABLE)
            summary_row(out, false, 0, "%" PRId64 " available from %s, until %s", l->points, l->day,
                        l->expires_on);
        break;
    case LOYALTY_REDEEM:
        summary_row(out, true, -points_value(app, o), "%" PRId64 " redeemed", -l->points);
        break;
    case LOYALTY_CANCEL:
        summary_row(out, false, 0, "%" PRId64 " pending cancelled on %s", -l->points, l->day);
        break;
    case LOYALTY_REVERSE:
        summary_row(out, false, 0, "%" PRId64 " earned taken back on %s%s%s", -l->points, l->day,
                    l->shortfall ? " — " : "", l->shortfall ? l->reason : "");
        break;
    case LOYALTY_RESTORE:
        summary_row(out, false, 0, "%" PRId64 " redeemed given back on %s, until %s", l->points, l->day,
                    l->expires_on);
        break;
    default: break;
    }
}

int loyalty_order_summary(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    if (o->channel != CHANNEL_B2C || o->customer_id <= 0)
        return ERR_OK;
    struct rows entries = {0};
    int64_t pending = 0;
    bool released = false;
    int rc = loyalty_store_order_entries(app->db, o->id, &entries, e);
    if (rc == ERR_OK)
        rc = loyalty_store_order_pending(app->db, o->id, &pending, &released, e);
    const struct loyalty_entry *l = entries.items;
    for (int i = 0; rc == ERR_OK && i < entries.n; i++)
        summary_entry(app, o, &l[i], pending > 0, out);
    rows_free(&entries);
    return rc;
}

/* ---------------------------------------------------- check and demo */

int loyalty_check(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    return loyalty_check_store(app->db, report, problems, e);
}

/* A demo customer's own moments: a welcome bonus about to expire (within
 * the next 30 days), and a goodwill gesture that expired two months ago. */
static int demo_adjust(struct app *app, int64_t customer_id, unsigned seed, const struct user *by,
                       struct err *e)
{
    struct loyalty_when w;
    char today[11], day[11];
    datetime_today(today);
    unsigned r = seed * 2654435761u + (unsigned)customer_id * 40503u;
    bool both = customer_id <= 3, soon = both || r % 2 == 0;
    int rc = ERR_OK;
    if (soon) { /* 24 months ago, less a few days: it expires within the month */
        loyalty_date_add_months(today, -24, day);
        struct loyalty_entry l = {.customer_id = customer_id,
                                  .kind = LOYALTY_ADJUST,
                                  .bucket = LOYALTY_AVAILABLE,
                                  .points = 100 + (int64_t)(r % 5) * 50,
                                  .user_id = by->id};
        snprintf(l.reason, sizeof l.reason, "welcome bonus");
        datetime_local_midnight_utc(atoi(day), atoi(day + 5), atoi(day + 8) + 5 + (int)(r % 20), w.at);
        datetime_local_date(w.at, w.day);
        rc = loyalty_write(app, &l, &w, e);
    }
    if (rc == ERR_OK && (both || !soon)) { /* 26 months ago: expired 2 months ago */
        loyalty_date_add_months(today, -26, day);
        struct loyalty_entry l = {.customer_id = customer_id,
                                  .kind = LOYALTY_ADJUST,
                                  .bucket = LOYALTY_AVAILABLE,
                                  .points = 150,
                                  .user_id = by->id};
        snprintf(l.reason, sizeof l.reason, "goodwill: late delivery");
        datetime_local_midnight_utc(atoi(day), atoi(day + 5), atoi(day + 8), w.at);
        datetime_local_date(w.at, w.day);
        if ((rc = loyalty_write(app, &l, &w, e)) == ERR_OK) {
            snprintf(w.day, sizeof w.day, "%s", l.expires_on);
            datetime_local_midnight_utc(atoi(w.day), atoi(w.day + 5), atoi(w.day + 8), w.at);
            rc = loyalty_settle_expiry(app, customer_id, &w, NULL, e);
        }
    }
    return rc;
}

/* The demo's ledger history: what its consumer orders earned (released on
 * delivery, cancelled with the order), a few managers' adjustments (some
 * about to expire, some expired), and every customer in their tier. */
int loyalty_demo(struct app *app, unsigned seed, FILE *progress, struct err *e)
{
    struct loyalty_settings s;
    struct rows ids = {0};
    struct user david;
    int64_t rows = 0, moved = 0;
    char today[11], since[11];
    loyalty_settings_read(app, &s);
    int rc = loyalty_store_demo_history(app->db, s.earn_points, s.earn_per, s.expire_months, &rows, e);
    if (rc == ERR_OK && user_store_find_login(app->db, "david", &david, NULL) == ERR_OK)
        rc = loyalty_store_demo_customers(app->db, 25, &ids, e);
    const int64_t *id = ids.items;
    for (int i = 0; rc == ERR_OK && i < ids.n; i++)
        rc = demo_adjust(app, id[i], seed, &david, e);
    datetime_today(today);
    loyalty_date_add_months(today, -12, since);
    if (rc == ERR_OK)
        rc = loyalty_store_retier_all(app->db, since, &moved, e);
    /* The nightly run, as a database in use would have had it: the credits
     * past their day expire, and the reports read its record instead of
     * looking for them among every credit. */
    struct loyalty_expiry_run run = {0};
    if (rc == ERR_OK)
        rc = loyalty_expire(app, &run, e);
    if (rc == ERR_OK && progress)
        fprintf(progress,
                "loyalty: %lld ledger rows from the orders, %d customers adjusted, %lld tiers set,"
                " %lld points expired\n",
                (long long)rows, ids.n, (long long)moved, (long long)run.points);
    rows_free(&ids);
    return rc;
}
