/* Refunds (see returns.h): paying a received return back from what it
 * fixed when it was opened — each line credited by a conditional update,
 * the order's refunded total raised only while it stays within what was
 * paid, the payment out, the hooks (points) — or leaving it for a manager
 * above the threshold; approving and rejecting (never one's own); an
 * exchange or a replacement: the new order in the same transaction, the
 * credit moved to it, the difference refunded or charged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/order_place_store.h"
#include "db/order_store.h"
#include "db/return_store.h"
#include "db/shipment_store.h"
#include "db/stock_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/cart.h"
#include "src/b2c/fulfilment_private.h"
#include "src/b2c/order_place.h"
#include "src/b2c/returns.h"
#include "src/b2c/returns_private.h"
#include "src/base/datetime.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/orders.h"
#include "src/settings.h"
#include "src/users.h"
#include "src/validate.h"

/* Everything one refund operation reads and writes. */
struct refund_work {
    struct return_record r;
    struct order o;
    struct rows lines; /* struct return_line */
    struct refund_record f;
    struct refund_result *res;
    char at[32], day[11];
};

static void refund_work_free(struct refund_work *w)
{
    rows_free(&w->lines);
}

/* Amounts in messages and the timeline as everywhere: "90,933.99 €". */
static const char *money_text(const struct app *app, int64_t v, char buf[48])
{
    money_format(v, app->currency, buf, 48);
    return buf;
}

/* The method the order was paid with (its first payment in); card when none. */
static int order_pay_method(struct app *app, int64_t order_id, enum payment_method *out, struct err *e)
{
    struct rows payments = {0};
    int rc = payment_store_list(app->db, order_id, &payments, e);
    const struct payment *p = payments.items;
    *out = PAY_CARD;
    for (int i = payments.n - 1; rc == ERR_OK && i >= 0; i--)
        if (!p[i].out)
            *out = p[i].method;
    rows_free(&payments);
    return rc;
}

/* ------------------------------------------------------------ crediting */

/* Each line of the return credited on its order line; the goods ones for the hooks. */
static int credit_lines(struct app *app, struct refund_work *w, struct order_credit_line *credits, int *n,
                        struct err *e)
{
    const struct return_line *l = w->lines.items;
    *n = 0;
    for (int i = 0; i < w->lines.n; i++) {
        bool done = false;
        int rc = order_line_store_credit(app->db, l[i].order_line_id, l[i].quantity, l[i].refund_amount,
                                         l[i].refund_tax, &done, e);
        if (rc != ERR_OK)
            return rc;
        if (!done)
            return err_set(e, ERR_CONFLICT, "refund", "%s: line %d (%s) was credited already", w->r.number,
                           l[i].line_no, l[i].sku);
        if (!l[i].charge)
            credits[(*n)++] = (struct order_credit_line){.order_line_id = l[i].order_line_id,
                                                         .units = l[i].quantity,
                                                         .completes = l[i].completes,
                                                         .amount = l[i].refund_amount,
                                                         .tax = l[i].refund_tax};
    }
    return ERR_OK;
}

/* Raises the order's refunded total by amount, never past what was paid. */
static int credit_order(struct app *app, struct refund_work *w, int64_t amount, struct err *e)
{
    bool done = false;
    if (amount <= 0)
        return ERR_OK;
    int rc = order_store_add_refund(app->db, w->o.id, amount, &done, e);
    if (rc != ERR_OK || done)
        return rc;
    struct order now;
    char a[48], b[48];
    if ((rc = order_store_get(app->db, w->o.id, &now, e)) != ERR_OK)
        return rc;
    return err_set(e, ERR_CONFLICT, "refund", "%s: refunding %s would pass what was paid; %s remains of it",
                   w->o.number, money_text(app, amount, a),
                   money_text(app, now.paid_total - now.refunded_total, b));
}

static int pay_out(struct app *app, struct refund_work *w, enum payment_method method, int64_t amount,
                   int64_t tax, int64_t refund_id, int64_t *payment_id, struct err *e)
{
    struct payment p = {.order_id = w->o.id,
                        .out = true,
                        .method = method,
                        .amount = amount,
                        .tax_amount = tax < 0        ? 0
                                      : tax > amount ? amount
                                                     : tax,
                        .user_id = app->user.id};
    snprintf(p.reference, sizeof p.reference, "%s", method == w->f.method ? w->f.reference : w->r.number);
    snprintf(p.at, sizeof p.at, "%s", w->at);
    snprintf(p.day, sizeof p.day, "%s", w->day);
    snprintf(p.reason, sizeof p.reason, "return %s", w->r.number);
    *payment_id = 0;
    if (amount <= 0)
        return ERR_OK;
    int rc = return_store_payment(app->db, &p, w->r.id, refund_id, e);
    if (rc == ERR_OK && method == PAY_ACCOUNT && w->o.account_id > 0)
        rc = account_store_credit(app->db, w->o.account_id, amount, e);
    *payment_id = p.id;
    return rc;
}

static int run_credited_hooks(struct app *app, struct refund_work *w, const struct order_credit_line *credits,
                              int n, struct err *e)
{
    struct order after;
    int rc = order_store_get(app->db, w->o.id, &after, e);
    struct order_change change = {.kind = ORDER_CHANGE_CREDITED,
                                  .order = &after,
                                  .credits = credits,
                                  .ncredits = n,
                                  .return_id = w->r.id};
    return rc != ERR_OK ? rc : order_hooks_run(app, &change, e);
}

static int refund_finish(struct app *app, struct refund_work *w, enum return_status to, int64_t payment_id,
                         const char *action, struct err *e)
{
    bool done = false;
    unsigned from = (1u << RETURN_RECEIVED) | (1u << RETURN_AWAITING_APPROVAL);
    int rc = refund_store_paid(app->db, w->f.id, w->at, payment_id, &done, e);
    if (rc == ERR_OK && !done)
        return err_set(e, ERR_CONFLICT, "refund", "%s was refunded meanwhile", w->r.number);
    if (rc == ERR_OK && to == RETURN_REFUNDED &&
        (rc = return_store_move(app->db, w->r.id, from, to, 0, &done, e)) == ERR_OK && !done)
        return err_set(e, ERR_CONFLICT, "refund", "%s was refunded meanwhile", w->r.number);
    w->res->status = to;
    if (rc != ERR_OK)
        return rc;
    struct json j;
    json_begin(&j);
    json_int(&j, "refund", w->f.amount);
    json_str(&j, "method", name_at(payment_method_names, PAY_METHOD_COUNT, (int)w->f.method));
    json_str(&j, "reference", w->f.reference);
    json_str(&j, "status", name_at(return_status_names, RETURN_STATUS_COUNT, (int)to));
    if (w->res->exchange_number[0])
        json_str(&j, "exchange", w->res->exchange_number);
    rc = return_audit(app, action, w->r.number, json_end(&j), e);
    json_free(&j);
    if (rc != ERR_OK || to != RETURN_REFUNDED)
        return rc;
    /* nothing is left to do: the return closes with its refund */
    char why[160], a[48];
    snprintf(why, sizeof why, "refund of %s paid to %s", money_text(app, w->f.amount, a),
             name_at(payment_method_names, PAY_METHOD_COUNT, (int)w->f.method));
    w->res->closed = true;
    return return_close_settled(app, &w->r, w->at, why, e);
}

/* A refund resolution: every line credited, the order's refunded total,
 * the payment out, the hooks, the return refunded. */
static int settle_refund(struct app *app, struct refund_work *w, const char *action, struct err *e)
{
    struct order_credit_line *credits = xcalloc((size_t)w->lines.n + 1, sizeof *credits);
    int n = 0;
    int64_t payment_id = 0;
    int rc = credit_lines(app, w, credits, &n, e);
    if (rc == ERR_OK)
        rc = credit_order(app, w, w->r.refund_total, e);
    if (rc == ERR_OK)
        rc = pay_out(app, w, w->f.method, w->r.refund_total, w->r.refund_tax, w->f.id, &payment_id, e);
    if (rc == ERR_OK)
        rc = run_credited_hooks(app, w, credits, n, e);
    free(credits);
    w->res->amount = w->r.refund_total;
    w->res->method = w->f.method;
    return rc == ERR_OK ? refund_finish(app, w, RETURN_REFUNDED, payment_id, action, e) : rc;
}

/* ------------------------------------------------------------ exchanging */

struct exchange_plan {
    struct cart *cart;
    struct cart_inputs in;
    struct priced_cart priced;
    int64_t credit; /* what the returned units are worth */
    int64_t total;  /* the new order's */
};

static void exchange_plan_free(struct exchange_plan *p)
{
    priced_cart_free(&p->priced);
    cart_inputs_free(&p->in);
    cart_free(&p->cart);
}

static int exchange_cart(struct refund_work *w, struct exchange_plan *p, struct err *e)
{
    const struct return_line *l = w->lines.items;
    p->cart = cart_new(w->o.channel);
    if (w->o.channel == CHANNEL_B2B)
        cart_set_account(p->cart, w->o.account_id, w->o.contact_id);
    else
        cart_set_customer(p->cart, w->o.customer_id);
    snprintf(p->cart->shipping_method, sizeof p->cart->shipping_method, "%s", w->o.shipping_method);
    for (int i = 0; i < w->lines.n; i++) {
        if (l[i].charge)
            continue;
        int64_t pid = l[i].exchange_product_id ? l[i].exchange_product_id : l[i].product_id;
        const char *sku = l[i].exchange_product_id ? l[i].exchange_sku : l[i].sku;
        int before = p->cart->nlines, index = -1;
        if (pid <= 0)
            return err_set(e, ERR_STATE, "exchange", "%s: %s is not a catalogue product; refund it instead",
                           w->r.number, l[i].sku);
        int rc = cart_add(p->cart, pid, sku, l[i].quantity, &index, e);
        if (rc != ERR_OK)
            return rc;
        if (p->cart->nlines == before)
            return err_set(e, ERR_INVALID, "exchange", "%s: %s is asked twice in the exchange", w->r.number,
                           sku);
        cart_set_backorder(p->cart, index, true);
    }
    return ERR_OK;
}

static const struct cart_step *step_named(const char *name)
{
    int n = 0;
    const struct cart_step *steps = cart_price_steps(&n);
    for (int i = 0; i < n; i++)
        if (strcmp(steps[i].name, name) == 0)
            return &steps[i];
    return NULL;
}

static int run_step(struct exchange_plan *p, const char *name, struct err *e)
{
    const struct cart_step *s = step_named(name);
    return s ? s->run(&p->in, p->cart, &p->priced, e)
             : err_set(e, ERR_INTERNAL, "exchange", "the pricing step '%s' is missing", name);
}

/* The same product comes back at the unit price charged, its line worth
 * exactly the credit of the returned units: what the customer paid for them,
 * tax included (an exchange adjustment carries the original discount). The
 * credit is in no basis: on a tax-included order (every B2C order placed
 * now) the line's total is the credit; on a tax-excluded one (B2B) its net is
 * the one whose tax brings it to the credit. An old B2C order stored
 * excluding tax gives its unit price in the new order's basis, never its net
 * as if it were the price paid. Another product is at today's price, no
 * promotion. */
static int exchange_same_product(struct refund_work *w, struct exchange_plan *p, struct err *e)
{
    const struct return_line *l = w->lines.items;
    int k = 0;
    for (int i = 0; i < w->lines.n; i++) {
        if (l[i].charge)
            continue;
        struct priced_line *pl = &p->priced.lines[k++];
        pl->issues &= ~(unsigned)(CART_ISSUE_MOQ | CART_ISSUE_PACK | CART_ISSUE_STOCK);
        if (l[i].exchange_product_id)
            continue;
        int64_t worth = p->priced.tax_included ? l[i].refund_amount
                                               : money_net_within_total(l[i].refund_amount, pl->tax_rate_bp);
        pl->unit_price = money_unit_in_basis(l[i].unit_price, l[i].line_tax_rate_bp, l[i].line_tax_included,
                                             p->priced.tax_included);
        if (pl->quantity > 0 && pl->quantity * pl->unit_price < worth) /* the line's last cent */
            pl->unit_price = (worth + pl->quantity - 1) / pl->quantity;
        pl->gross = pl->quantity * pl->unit_price;
        snprintf(pl->price_source, sizeof pl->price_source, "exchange %s", w->r.number);
        int64_t off = pl->gross - worth;
        if (off > 0) {
            int rc = priced_cart_adjust(&p->priced, k - 1, ADJ_EXCHANGE, 0, off, "exchange: as charged", e);
            if (rc != ERR_OK)
                return rc;
        }
    }
    return ERR_OK;
}

/* The new order's shipping is on us. */
static int exchange_free_shipping(struct exchange_plan *p, struct err *e)
{
    for (int i = 0; i < p->priced.nlines; i++) {
        int64_t cur = priced_line_current(&p->priced.lines[i]);
        if (p->priced.lines[i].kind == LINE_SHIPPING && cur > 0) {
            int rc = priced_cart_adjust(&p->priced, i, ADJ_EXCHANGE, 0, cur, "exchange: shipping on us", e);
            if (rc != ERR_OK)
                return rc;
        }
    }
    return ERR_OK;
}

static int exchange_price(struct app *app, struct refund_work *w, struct exchange_plan *p, struct err *e)
{
    int rc = exchange_cart(w, p, e);
    if (rc == ERR_OK)
        rc = cart_inputs_load_for(app, p->cart, &p->in, e);
    if (rc == ERR_OK && (rc = run_step(p, "base", e)) == ERR_OK &&
        (rc = exchange_same_product(w, p, e)) == ERR_OK)
        p->priced.goods_after_promotions = 0;
    for (int i = 0; rc == ERR_OK && i < p->priced.nlines; i++)
        p->priced.goods_after_promotions += priced_line_current(&p->priced.lines[i]);
    if (rc == ERR_OK && (rc = run_step(p, "charges", e)) == ERR_OK &&
        (rc = exchange_free_shipping(p, e)) == ERR_OK && (rc = run_step(p, "tax", e)) == ERR_OK)
        rc = run_step(p, "promise", e);
    for (int i = 0; rc == ERR_OK && i < p->priced.nlines; i++)
        if (p->priced.lines[i].issues & (CART_ISSUE_UNKNOWN | CART_ISSUE_INACTIVE)) {
            char why[200];
            priced_line_issues(&p->priced.lines[i], why, sizeof why);
            rc = err_set(e, ERR_STATE, "exchange", "%s: %s", w->r.number, why);
        }
    p->credit = 0;
    const struct return_line *l = w->lines.items;
    for (int i = 0; i < w->lines.n; i++)
        p->credit += l[i].refund_amount;
    p->total = p->priced.total;
    return rc;
}

static int exchange_place(struct app *app, struct refund_work *w, struct exchange_plan *p, struct err *e)
{
    struct order_snapshot s = {.priced = &p->priced,
                               .pay = w->f.method,
                               .credit = p->credit < p->total ? p->credit : p->total,
                               .backorder_what_is_short = true,
                               .credit_never_refused = true};
    struct order *no = &s.order;
    no->channel = w->o.channel;
    no->source = ORDER_SOURCE_EXCHANGE;
    no->account_id = w->o.account_id;
    no->contact_id = w->o.contact_id;
    no->customer_id = w->o.customer_id;
    no->exchange_of = w->o.id;
    snprintf(no->shipping_method, sizeof no->shipping_method, "%s", w->o.shipping_method);
    snprintf(no->promised_date, sizeof no->promised_date, "%s", p->priced.promised_date);
    snprintf(no->ship_name, sizeof no->ship_name, "%s", w->o.ship_name);
    snprintf(no->ship_address, sizeof no->ship_address, "%s", w->o.ship_address);
    snprintf(no->po_number, sizeof no->po_number, "%s", w->o.po_number);
    snprintf(no->note, sizeof no->note, "%s of %s (%s)",
             w->r.resolution == RESOLUTION_REPLACEMENT ? "replacement" : "exchange", w->o.number,
             w->r.number);
    snprintf(s.pay_reference, sizeof s.pay_reference, "%s", w->r.number);
    struct place_result pr = {0};
    int rc = order_place_snapshot(app, &s, &pr, e);
    snprintf(w->res->exchange_number, sizeof w->res->exchange_number, "%s", pr.number);
    place_result_free(&pr);
    if (rc != ERR_OK)
        return rc;
    enum return_status to = w->r.resolution == RESOLUTION_REPLACEMENT ? RETURN_REPLACED : RETURN_EXCHANGED;
    bool done = false;
    if ((rc = return_store_set_exchange(app->db, w->r.id, no->id, to, &done, e)) == ERR_OK && !done)
        rc = err_set(e, ERR_CONFLICT, "exchange", "%s was settled meanwhile", w->r.number);
    char detail[300], a[48], b[48];
    snprintf(detail, sizeof detail, "%s: new order %s (%s), credit %s", w->r.number, w->res->exchange_number,
             to == RETURN_REPLACED ? "replacement" : "exchange", money_text(app, p->credit, a));
    if (p->total > p->credit)
        snprintf(detail + strlen(detail), sizeof detail - strlen(detail), ", %s charged",
                 money_text(app, p->total - p->credit, b));
    if (rc == ERR_OK)
        rc = fulfil_timeline(app, w->o.id, w->at, "exchange", w->r.id, true, p->total, detail, e);
    return rc;
}

/* An exchange or a replacement: the lines credited, the new order placed,
 * the credit paid out as 'credit' (what the new order takes of it) and the
 * rest back to the customer. */
static int settle_exchange(struct app *app, struct refund_work *w, struct exchange_plan *p,
                           const char *action, struct err *e)
{
    struct order_credit_line *credits = xcalloc((size_t)w->lines.n + 1, sizeof *credits);
    int n = 0;
    int64_t payment_id = 0, used = p->credit < p->total ? p->credit : p->total, unused = 0;
    /* the returned units' tax goes out with the two parts in proportion (reports read it) */
    int64_t tax_used = p->credit > 0 ? money_div_round(w->r.refund_tax * used, p->credit) : 0;
    int rc = credit_lines(app, w, credits, &n, e);
    if (rc == ERR_OK)
        rc = credit_order(app, w, p->credit, e);
    if (rc == ERR_OK)
        rc = pay_out(app, w, PAY_CREDIT, used, tax_used, 0, &unused, e);
    if (rc == ERR_OK)
        rc = pay_out(app, w, w->f.method, p->credit - used, w->r.refund_tax - tax_used, w->f.id, &payment_id,
                     e);
    if (rc == ERR_OK)
        rc = run_credited_hooks(app, w, credits, n, e);
    free(credits);
    if (rc == ERR_OK)
        rc = exchange_place(app, w, p, e);
    w->res->amount = p->credit - used;
    w->res->charged = p->total > p->credit ? p->total - p->credit : 0;
    w->res->method = w->f.method;
    enum return_status to = w->r.resolution == RESOLUTION_REPLACEMENT ? RETURN_REPLACED : RETURN_EXCHANGED;
    return rc == ERR_OK ? refund_finish(app, w, to, payment_id, action, e) : rc;
}

/* -------------------------------------------------------------- refund */

static int refund_load(struct app *app, const char *number, int action, struct refund_work *w, struct err *e)
{
    datetime_now_utc(w->at);
    datetime_local_date(w->at, w->day);
    return return_load(app, number, action, &w->r, &w->o, &w->lines, e);
}

static int refund_request(struct app *app, struct refund_work *w, bool has_method, enum payment_method method,
                          const char *reference, int64_t amount, struct err *e)
{
    int threshold = settings_get_int(app, "refund.approval_threshold", 0, 2000000000, 20000);
    struct refund_record *f = &w->f;
    memset(f, 0, sizeof *f);
    f->return_id = w->r.id;
    f->order_id = w->o.id;
    f->amount = amount;
    f->tax_amount = w->r.resolution == RESOLUTION_REFUND ? w->r.refund_tax : 0;
    int rc = has_method ? ERR_OK : order_pay_method(app, w->o.id, &method, e);
    f->method = method;
    snprintf(f->reference, sizeof f->reference, "%s", reference ? reference : "");
    snprintf(f->requested_at, sizeof f->requested_at, "%s", w->at);
    f->requested_by = app->user.id;
    f->requested_by_real = return_real_id(app);
    f->needs_approval = amount > threshold;
    if (rc == ERR_OK && method == PAY_ACCOUNT && w->o.account_id == 0)
        rc = err_set(e, ERR_INVALID, "method", "%s has no account to credit", w->o.number);
    if (rc == ERR_OK)
        rc = refund_store_insert(app->db, f, e);
    return rc;
}

static int refund_wait(struct app *app, struct refund_work *w, struct err *e)
{
    bool done = false;
    char a[48], b[48], detail[200];
    int rc =
        return_store_move(app->db, w->r.id, 1u << RETURN_RECEIVED, RETURN_AWAITING_APPROVAL, 0, &done, e);
    if (rc == ERR_OK && !done)
        return err_set(e, ERR_CONFLICT, "refund", "%s was refunded meanwhile", w->r.number);
    int threshold = settings_get_int(app, "refund.approval_threshold", 0, 2000000000, 20000);
    snprintf(detail, sizeof detail, "%s: refund of %s waits for a manager (over %s)", w->r.number,
             money_text(app, w->f.amount, a), money_text(app, threshold, b));
    w->res->status = RETURN_AWAITING_APPROVAL;
    w->res->amount = w->f.amount;
    w->res->method = w->f.method;
    if (rc == ERR_OK)
        rc = fulfil_timeline(app, w->o.id, w->at, "refund request", w->r.id, true, w->f.amount, detail, e);
    if (rc == ERR_OK) {
        struct json j;
        json_begin(&j);
        json_int(&j, "refund", w->f.amount);
        json_str(&j, "status", "awaiting_approval");
        rc = return_audit(app, "refund", w->r.number, json_end(&j), e);
        json_free(&j);
    }
    return rc;
}

static int refund_in_transaction(struct app *app, const char *number, bool has_method,
                                 enum payment_method method, const char *reference, struct refund_result *res,
                                 struct err *e)
{
    struct refund_work w = {.res = res};
    struct exchange_plan plan = {0};
    int rc = refund_load(app, number, ACT_RETURN_REFUND, &w, e);
    if (rc == ERR_OK && w.r.status != RETURN_RECEIVED)
        rc = err_set(e, ERR_STATE, "status", "%s is %s: %s", w.r.number, return_status_label(w.r.status),
                     w.r.status == RETURN_REQUESTED           ? "receive the goods first (return receive)"
                     : w.r.status == RETURN_AWAITING_APPROVAL ? "its refund waits for a manager's approval"
                                                              : "there is nothing left to refund");
    bool exchange = w.r.resolution != RESOLUTION_REFUND;
    int64_t amount = w.r.refund_total;
    if (rc == ERR_OK && exchange && (rc = exchange_price(app, &w, &plan, e)) == ERR_OK)
        amount = plan.credit > plan.total ? plan.credit - plan.total : 0;
    if (rc == ERR_OK)
        rc = refund_request(app, &w, has_method, method, reference, amount, e);
    if (rc == ERR_OK && w.f.needs_approval)
        rc = refund_wait(app, &w, e);
    else if (rc == ERR_OK)
        rc = exchange ? settle_exchange(app, &w, &plan, "refund", e) : settle_refund(app, &w, "refund", e);
    exchange_plan_free(&plan);
    refund_work_free(&w);
    return rc;
}

int return_refund(struct app *app, const char *number, bool has_method, enum payment_method method,
                  const char *reference, struct refund_result *res, struct err *e)
{
    memset(res, 0, sizeof *res);
    int rc = app_require(app, ACT_RETURN_REFUND, e);
    if (rc == ERR_OK)
        rc = text_check("reference", reference ? reference : "", 64, 0, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = refund_in_transaction(app, number, has_method, method, reference, res, e)) != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}

/* ------------------------------------------------------------ deciding */

/* The manager deciding is neither who requested the refund nor the person behind them. */
static int decide_check(struct app *app, const struct refund_work *w, struct err *e)
{
    int64_t me = app->user.id, real = return_real_id(app);
    if (w->r.status != RETURN_AWAITING_APPROVAL || !w->f.needs_approval || w->f.decision != 0)
        return err_set(e, ERR_STATE, "status", "%s is %s: no refund of it waits for approval", w->r.number,
                       return_status_label(w->r.status));
    if (me == w->f.requested_by || me == w->f.requested_by_real)
        return err_set(e, ERR_DENIED, NULL, "nobody approves a refund they requested: %s's refund is %s's",
                       w->r.number, app->user.login);
    if (real == w->f.requested_by || real == w->f.requested_by_real)
        return err_set(e, ERR_DENIED, NULL,
                       "nobody approves a refund they requested, even through --as: %s's refund is %s's",
                       w->r.number, app->real_login);
    return ERR_OK;
}

static int decide_load(struct app *app, const char *number, struct refund_work *w, struct err *e)
{
    int rc = refund_load(app, number, ACT_REFUND_APPROVE, w, e);
    if (rc == ERR_OK && (rc = refund_store_open(app->db, w->r.id, &w->f, e)) == ERR_NOTFOUND)
        rc = err_set(e, ERR_STATE, "status", "%s has no refund waiting for approval", w->r.number);
    return rc == ERR_OK ? decide_check(app, w, e) : rc;
}

static int approve_in_transaction(struct app *app, const char *number, const char *comment,
                                  struct refund_result *res, struct err *e)
{
    struct refund_work w = {.res = res};
    struct exchange_plan plan = {0};
    bool done = false;
    int rc = decide_load(app, number, &w, e);
    if (rc == ERR_OK &&
        (rc = refund_store_decide(app->db, w.f.id, 1, w.at, app->user.id, return_real_id(app), comment, &done,
                                  e)) == ERR_OK &&
        !done)
        rc = err_set(e, ERR_CONFLICT, "refund", "%s's refund was decided meanwhile", w.r.number);
    bool exchange = w.r.resolution != RESOLUTION_REFUND;
    if (rc == ERR_OK && exchange && (rc = exchange_price(app, &w, &plan, e)) == ERR_OK &&
        plan.credit - plan.total != w.f.amount)
        rc = err_set(e, ERR_CONFLICT, "refund",
                     "%s: the exchange prices differently now; reject it and ask again", w.r.number);
    if (rc == ERR_OK)
        rc = exchange ? settle_exchange(app, &w, &plan, "approve", e) : settle_refund(app, &w, "approve", e);
    exchange_plan_free(&plan);
    refund_work_free(&w);
    return rc;
}

int return_approve(struct app *app, const char *number, const char *comment, struct refund_result *res,
                   struct err *e)
{
    memset(res, 0, sizeof *res);
    const char *c = comment ? comment : "";
    int rc = app_require(app, ACT_REFUND_APPROVE, e);
    if (rc == ERR_OK)
        rc = text_check("comment", c, 400, 0, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = approve_in_transaction(app, number, c, res, e)) != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}

/* ------------------------------------------------------------ rejecting */

/* The units come off the return; what was restocked leaves the stock again. */
static int reject_release(struct app *app, struct refund_work *w, struct err *e)
{
    const struct return_line *l = w->lines.items;
    for (int i = 0; i < w->lines.n; i++) {
        if (l[i].charge)
            continue;
        bool done = false;
        int rc = return_store_release_units(app->db, l[i].order_line_id, l[i].quantity, &done, e);
        if (rc == ERR_OK && !done)
            rc = err_set(e, ERR_CONFLICT, "return", "%s: %s was credited meanwhile", w->r.number, l[i].sku);
        if (rc == ERR_OK && l[i].disposition == DISPOSITION_RESTOCK && l[i].product_id > 0) {
            struct stock_move m = {.product_id = l[i].product_id,
                                   .kind = MOVE_ADJUST,
                                   .on_hand_delta = -l[i].quantity,
                                   .order_id = w->o.id,
                                   .return_id = w->r.id,
                                   .user_id = app->user.id};
            snprintf(m.at, sizeof m.at, "%s", w->at);
            snprintf(m.note, sizeof m.note, "%s rejected: %lld sent back to the customer", w->r.number,
                     (long long)l[i].quantity);
            if ((rc = stock_store_add_move(app->db, &m, e)) == ERR_OK &&
                (rc = stock_store_adjust(app->db, l[i].product_id, -l[i].quantity, &done, e)) == ERR_OK &&
                !done)
                rc = err_set(e, ERR_CONFLICT, "stock",
                             "%s: the %lld restocked unit%s of %s are reserved for other orders now",
                             w->r.number, (long long)l[i].quantity, l[i].quantity == 1 ? "" : "s", l[i].sku);
        }
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

static int reject_in_transaction(struct app *app, const char *number, const char *comment, struct err *e)
{
    struct refund_result res = {0};
    struct refund_work w = {.res = &res};
    bool done = false;
    int rc = refund_load(app, number, ACT_RETURN_OPEN, &w, e);
    if (rc == ERR_OK && w.r.status == RETURN_AWAITING_APPROVAL) {
        refund_work_free(&w);
        if ((rc = app_require(app, ACT_REFUND_APPROVE, e)) == ERR_OK &&
            (rc = decide_load(app, number, &w, e)) == ERR_OK &&
            (rc = refund_store_decide(app->db, w.f.id, 2, w.at, app->user.id, return_real_id(app), comment,
                                      &done, e)) == ERR_OK &&
            !done)
            rc = err_set(e, ERR_CONFLICT, "refund", "%s's refund was decided meanwhile", w.r.number);
    } else if (rc == ERR_OK && w.r.status != RETURN_REQUESTED && w.r.status != RETURN_RECEIVED) {
        rc = err_set(e, ERR_STATE, "status", "%s is %s: it can no longer be rejected", w.r.number,
                     return_status_label(w.r.status));
    }
    if (rc == ERR_OK && (rc = reject_release(app, &w, e)) == ERR_OK &&
        (rc = return_store_reject(app->db, w.r.id, comment, &done, e)) == ERR_OK && !done)
        rc = err_set(e, ERR_CONFLICT, "return", "%s changed meanwhile", w.r.number);
    char detail[401];
    snprintf(detail, sizeof detail, "%s rejected: %.300s", w.r.number, comment);
    if (rc == ERR_OK)
        rc = fulfil_timeline(app, w.o.id, w.at, "return rejected", w.r.id, false, 0, detail, e);
    if (rc == ERR_OK) {
        struct json j;
        json_begin(&j);
        json_str(&j, "rejection", comment);
        rc = return_audit(app, "reject", w.r.number, json_end(&j), e);
        json_free(&j);
    }
    refund_work_free(&w);
    return rc;
}

int return_reject(struct app *app, const char *number, const char *comment, struct err *e)
{
    const char *c = comment ? comment : "";
    int rc = app_require(app, ACT_RETURN_OPEN, e);
    if (rc == ERR_OK)
        rc = text_check("comment", c, 400, TEXT_REQUIRED, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = reject_in_transaction(app, number, c, e)) != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}
