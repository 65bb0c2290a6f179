/* The cart's pricing pipeline (pure): the step table and issue 10's steps —
 * the base price of each line (the B2C consumer price, or the B2B price
 * waterfall) with its stock, the shipping and gift-wrap lines, the tax of
 * every line in its basis, and the payment. The promise (step 9) lives in
 * cart_promise.c; promotions and loyalty fill their steps in their own
 * files (b2c_hooks.h).
 *
 * The tax rule. A line excluding tax (B2B): tax = round(net × r / 10000),
 * total = net + tax. A line including tax (B2C): tax = round(total × r /
 * (10000 + r)), net = total − tax. round is money_div_round (half away from
 * zero); order totals are sums of lines. So 3 × 19.99 incl. 20 % carries
 * 10.00 of tax (5997 × 2000 / 12000 = 999.5 → 1000), not 9.99. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/b2b/pricing.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/cart.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/text.h"

int cart_step_promise(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                      struct err *e);

/* --------------------------------------------------------- the priced cart */

static void priced_cart_reset(struct priced_cart *p)
{
    struct priced_line *lines = p->lines;
    struct line_adjustment *adj = p->adjustments;
    struct cart_note *notes = p->notes;
    int lcap = p->lines_cap, acap = p->adj_cap, ncap = p->notes_cap;
    memset(p, 0, sizeof *p);
    p->lines = lines;
    p->lines_cap = lcap;
    p->adjustments = adj;
    p->adj_cap = acap;
    p->notes = notes;
    p->notes_cap = ncap;
}

void priced_cart_free(struct priced_cart *p)
{
    free(p->lines);
    free(p->adjustments);
    free(p->notes);
    memset(p, 0, sizeof *p);
}

static struct priced_line *priced_line_add(struct priced_cart *p)
{
    if (p->nlines == p->lines_cap) {
        p->lines_cap = p->lines_cap ? p->lines_cap * 2 : 16;
        p->lines = xrealloc(p->lines, sizeof *p->lines * (size_t)p->lines_cap);
    }
    struct priced_line *l = &p->lines[p->nlines++];
    memset(l, 0, sizeof *l);
    l->cart_line = -1;
    return l;
}

int64_t priced_line_current(const struct priced_line *l)
{
    return l->gross - l->discount;
}

int priced_cart_adjust(struct priced_cart *p, int line, enum adjustment_kind kind, int64_t source_id,
                       int64_t amount, const char *label, struct err *e)
{
    if (line < 0 || line >= p->nlines)
        return err_set(e, ERR_INTERNAL, "line", "no priced line %d", line);
    struct priced_line *l = &p->lines[line];
    if (amount <= 0 || amount > priced_line_current(l))
        return err_set(e, ERR_INTERNAL, "discount", "a discount of %lld on %s is outside 0 to its amount",
                       (long long)amount, l->sku);
    if (p->nadjustments == p->adj_cap) {
        p->adj_cap = p->adj_cap ? p->adj_cap * 2 : 16;
        p->adjustments = xrealloc(p->adjustments, sizeof *p->adjustments * (size_t)p->adj_cap);
    }
    struct line_adjustment *a = &p->adjustments[p->nadjustments++];
    memset(a, 0, sizeof *a);
    a->line = line;
    a->kind = kind;
    a->source_id = source_id;
    a->amount = amount;
    snprintf(a->label, sizeof a->label, "%s", label ? label : "");
    l->discount += amount;
    return ERR_OK;
}

void priced_cart_note(struct priced_cart *p, enum cart_note_kind kind, bool has_amount, int64_t amount,
                      const char *fmt, ...)
{
    if (p->nnotes == p->notes_cap) {
        p->notes_cap = p->notes_cap ? p->notes_cap * 2 : 8;
        p->notes = xrealloc(p->notes, sizeof *p->notes * (size_t)p->notes_cap);
    }
    struct cart_note *n = &p->notes[p->nnotes++];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->has_amount = has_amount;
    n->amount = amount;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(n->text, sizeof n->text, fmt, ap);
    va_end(ap);
}

/* --------------------------------------------------------- step 1: base */

/* The consumer price: the product's own, else the list price plus its tax. */
static int price_b2c(const struct cart_product *pr, struct priced_line *l, struct err *e)
{
    if (pr->consumer_price >= 0) {
        l->unit_price = pr->consumer_price;
        snprintf(l->price_source, sizeof l->price_source, "consumer price");
        return ERR_OK;
    }
    int64_t scaled;
    if (money_mul(pr->list_price, 10000 + pr->tax_rate_bp, &scaled, e) != ERR_OK)
        return e ? e->code : ERR_INVALID;
    l->unit_price = money_div_round(scaled, 10000);
    snprintf(l->price_source, sizeof l->price_source, "list");
    return ERR_OK;
}

/* The account's price: the quote waterfall (list → price list or tier →
 * contract → volume tier), and its minimum quantity and pack checks. */
static int price_b2b(const struct cart_inputs *in, const struct cart_product *pr, struct priced_line *l,
                     struct err *e)
{
    const struct pricing_product *pp = in->has_b2b ? pricing_find_product(&in->b2b, pr->id) : NULL;
    struct price_line pl;
    memset(&pl, 0, sizeof pl);
    pl.line.product_id = pr->id;
    pl.line.quantity = l->quantity;
    pl.line.list_price = pr->list_price;
    pl.line.manual = MANUAL_NONE;
    int rc = pricing_price_line(&in->b2b, pp, &pl, e);
    if (rc != ERR_OK)
        return rc;
    l->unit_price = pl.line.unit_price;
    snprintf(l->price_source, sizeof l->price_source, "%s", pl.line.price_source);
    if (pl.issues & PRICE_ISSUE_MOQ)
        l->issues |= CART_ISSUE_MOQ;
    if (pl.issues & PRICE_ISSUE_PACK)
        l->issues |= CART_ISSUE_PACK;
    return ERR_OK;
}

static void copy_product(const struct cart_product *pr, struct priced_line *l)
{
    l->product_id = pr->id;
    snprintf(l->sku, sizeof l->sku, "%s", pr->sku);
    snprintf(l->description, sizeof l->description, "%s", pr->name);
    snprintf(l->category, sizeof l->category, "%s", pr->category);
    l->list_price = pr->list_price;
    l->unit_cost = pr->unit_cost;
    snprintf(l->tax_class, sizeof l->tax_class, "%s", pr->tax_class);
    l->tax_rate_bp = pr->tax_rate_bp;
    l->free_stock = pr->free_stock > 0 ? pr->free_stock : 0;
    if (!pr->active)
        l->issues |= CART_ISSUE_INACTIVE;
}

/* What stock covers now; the rest waits only when the clerk said so. */
static void base_stock(const struct cart_line *cl, struct priced_line *l)
{
    l->reserve_qty = l->quantity < l->free_stock ? l->quantity : l->free_stock;
    l->backorder_qty = l->quantity - l->reserve_qty;
    if (l->backorder_qty > 0 && !cl->backorder)
        l->issues |= CART_ISSUE_STOCK;
}

static int cart_step_base(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                          struct err *e)
{
    p->channel = c->channel;
    p->tax_included = c->channel == CHANNEL_B2C;
    for (int i = 0; i < c->nlines; i++) {
        const struct cart_line *cl = &c->lines[i];
        const struct cart_product *pr = cart_inputs_product(in, cl->product_id);
        struct priced_line *l = priced_line_add(p);
        l->kind = LINE_GOODS;
        l->cart_line = i;
        l->quantity = cl->quantity;
        if (pr == NULL) {
            snprintf(l->sku, sizeof l->sku, "%s", cl->sku);
            l->product_id = cl->product_id;
            l->issues |= CART_ISSUE_UNKNOWN;
            continue;
        }
        copy_product(pr, l);
        int rc = p->tax_included ? price_b2c(pr, l, e) : price_b2b(in, pr, l, e);
        if (rc == ERR_OK && money_mul(l->quantity, l->unit_price, &l->gross, NULL) != ERR_OK)
            rc = err_set(e, ERR_INVALID, "quantity", "%s: quantity × price is too large", l->sku);
        if (rc != ERR_OK)
            return rc;
        base_stock(cl, l);
        p->goods_gross += l->gross;
    }
    p->ngoods = p->nlines;
    return ERR_OK;
}

/* ------------------------------------------------------ step 5: charges */

/* A fee stored tax included, in the cart's basis: a B2B cart charges its net part. */
static int64_t fee_in_basis(const struct priced_cart *p, int64_t fee, int rate_bp)
{
    if (p->tax_included)
        return fee;
    return fee - money_div_round(fee * rate_bp, 10000 + rate_bp);
}

static struct priced_line *charge_line(struct priced_cart *p, enum line_kind kind, const char *sku,
                                       const char *description, const char *tax_class, int rate_bp)
{
    struct priced_line *l = priced_line_add(p);
    l->kind = kind;
    l->quantity = 1;
    snprintf(l->sku, sizeof l->sku, "%s", sku);
    snprintf(l->description, sizeof l->description, "%s", description);
    snprintf(l->tax_class, sizeof l->tax_class, "%s", tax_class);
    l->tax_rate_bp = rate_bp;
    return l;
}

static void charge_shipping(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p)
{
    const char *code = c->shipping_method[0] ? c->shipping_method : "standard";
    const struct shipping_method *m = cart_inputs_method(in, code);
    snprintf(p->shipping_method, sizeof p->shipping_method, "%s", code);
    if (m == NULL || !m->active) {
        priced_cart_note(p, NOTE_WARNING, false, 0, "no shipping method '%s'", code);
        p->issues++;
        return;
    }
    struct priced_line *l = charge_line(p, LINE_SHIPPING, m->code, m->name, m->tax_class, m->tax_rate_bp);
    l->list_price = fee_in_basis(p, m->fee, m->tax_rate_bp);
    l->unit_price = l->list_price;
    snprintf(l->price_source, sizeof l->price_source, "shipping");
    if (m->free_over >= 0 && p->goods_after_promotions >= m->free_over && m->fee > 0) {
        char over[32];
        money_format_plain(m->free_over, over, sizeof over);
        l->unit_price = 0;
        snprintf(l->price_source, sizeof l->price_source, "free over %s", over);
    }
    l->gross = l->unit_price;
}

static int cart_step_charges(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                             struct err *e)
{
    (void)e;
    p->goods_after_promotions = 0;
    for (int i = 0; i < p->ngoods; i++)
        p->goods_after_promotions += priced_line_current(&p->lines[i]);
    if (p->ngoods == 0)
        return ERR_OK; /* nothing to ship or wrap yet */
    charge_shipping(in, c, p);
    if (c->gift_wrap) {
        struct priced_line *l = charge_line(p, LINE_FEE, "gift-wrap", "Gift wrap", in->gift_wrap_tax_class,
                                            in->gift_wrap_rate_bp);
        l->list_price = l->unit_price = fee_in_basis(p, in->gift_wrap_fee, in->gift_wrap_rate_bp);
        l->gross = l->unit_price;
        snprintf(l->price_source, sizeof l->price_source, "gift wrap");
    }
    return ERR_OK;
}

/* ---------------------------------------------------------- step 7: tax */

static int line_tax(bool included, struct priced_line *l, struct err *e)
{
    int64_t current = priced_line_current(l), scaled;
    if (current < 0)
        return err_set(e, ERR_INTERNAL, "discount", "%s: discounts exceed the line", l->sku);
    if (money_mul(current, l->tax_rate_bp, &scaled, NULL) != ERR_OK)
        return err_set(e, ERR_INVALID, "quantity", "%s: the amount is too large", l->sku);
    if (included) {
        l->total = current;
        l->tax = money_div_round(scaled, 10000 + l->tax_rate_bp);
        l->net = l->total - l->tax;
    } else {
        l->net = current;
        l->tax = money_div_round(scaled, 10000);
        l->total = l->net + l->tax;
    }
    return ERR_OK;
}

static int add_tax_rate(struct priced_cart *p, const struct priced_line *l, struct err *e)
{
    int i;
    for (i = 0; i < p->ntaxes; i++)
        if (p->taxes[i].rate_bp == l->tax_rate_bp && strcmp(p->taxes[i].tax_class, l->tax_class) == 0)
            break;
    if (i == p->ntaxes) {
        if (p->ntaxes == CART_MAX_TAX_RATES)
            return err_set(e, ERR_INVALID, "tax_class", "more than %d tax rates in one cart",
                           CART_MAX_TAX_RATES);
        memset(&p->taxes[i], 0, sizeof p->taxes[i]);
        snprintf(p->taxes[i].tax_class, sizeof p->taxes[i].tax_class, "%s", l->tax_class);
        p->taxes[i].rate_bp = l->tax_rate_bp;
        p->ntaxes++;
    }
    p->taxes[i].net += l->net;
    p->taxes[i].tax += l->tax;
    p->taxes[i].total += l->total;
    return ERR_OK;
}

static int cart_step_tax(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                         struct err *e)
{
    (void)in, (void)c;
    for (int i = 0; i < p->nlines; i++) {
        struct priced_line *l = &p->lines[i];
        int rc = line_tax(p->tax_included, l, e);
        if (rc == ERR_OK)
            rc = add_tax_rate(p, l, e);
        if (rc != ERR_OK)
            return rc;
        if (l->kind == LINE_GOODS) {
            p->goods_total += l->total;
            p->goods_net += l->net;
        } else {
            p->charges_total += l->total;
        }
        p->discount_total += l->discount;
        p->subtotal += l->net;
        p->tax_total += l->tax;
        p->total += l->total;
    }
    if (p->total < 0 || p->total > INT64_MAX / 4)
        return err_set(e, ERR_INVALID, "total", "the cart's total is too large");
    return ERR_OK;
}

/* ------------------------------------------------------ step 10: payment */

static int cart_step_payment(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                             struct err *e)
{
    (void)e;
    char a[32], b[32];
    p->pay = cart_payment(c);
    if (p->pay == PAY_ACCOUNT && c->channel != CHANNEL_B2B)
        snprintf(p->payment_issue, sizeof p->payment_issue, "on account is only for business accounts");
    else if (p->pay == PAY_CREDIT)
        snprintf(p->payment_issue, sizeof p->payment_issue, "a credit pays only an exchange");
    if (p->pay == PAY_ACCOUNT && c->channel == CHANNEL_B2B && in->open_balance + p->total > in->credit_limit)
        p->credit_exceeded_by = in->open_balance + p->total - in->credit_limit;
    if (p->pay == PAY_CASH && c->cash_tendered > 0) {
        if (c->cash_tendered < p->total) {
            money_format_plain(c->cash_tendered, a, sizeof a);
            money_format_plain(p->total, b, sizeof b);
            snprintf(p->payment_issue, sizeof p->payment_issue, "%s tendered is less than the total %s", a,
                     b);
        } else {
            p->change_due = c->cash_tendered - p->total;
        }
    }
    if (p->payment_issue[0])
        p->issues++;
    return ERR_OK;
}

/* ----------------------------------------------------------- the table */

static const struct cart_step steps[] = {
    {"base", cart_step_base},
    {"promotion lines", promotion_step_lines},
    {"promotion order", promotion_step_order},
    {"loyalty redeem", loyalty_step_redeem},
    {"charges", cart_step_charges},
    {"promotion shipping", promotion_step_shipping},
    {"tax", cart_step_tax},
    {"loyalty earn", loyalty_step_earn},
    {"promise", cart_step_promise},
    {"payment", cart_step_payment},
};

const struct cart_step *cart_price_steps(int *count)
{
    *count = (int)(sizeof steps / sizeof steps[0]);
    return steps;
}

int cart_price(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p, struct err *e)
{
    priced_cart_reset(p);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        int rc = steps[i].run(in, c, p, e);
        if (rc != ERR_OK)
            return rc;
    }
    for (int i = 0; i < p->nlines; i++)
        if (p->lines[i].issues)
            p->issues++;
    return ERR_OK;
}

/* ------------------------------------------------------------- reading */

void priced_line_issues(const struct priced_line *l, char *out, size_t len)
{
    size_t n = 0;
    out[0] = '\0';
    if ((l->issues & CART_ISSUE_UNKNOWN) && n < len)
        n += (size_t)snprintf(out + n, len - n, "%s%s is not in the catalogue", n ? "; " : "", l->sku);
    if ((l->issues & CART_ISSUE_INACTIVE) && n < len)
        n += (size_t)snprintf(out + n, len - n, "%s%s is no longer sold", n ? "; " : "", l->sku);
    if ((l->issues & CART_ISSUE_MOQ) && n < len)
        n += (size_t)snprintf(out + n, len - n, "%s%s: %lld is under the minimum order quantity",
                              n ? "; " : "", l->sku, (long long)l->quantity);
    if ((l->issues & CART_ISSUE_PACK) && n < len)
        n += (size_t)snprintf(out + n, len - n, "%s%s: %lld is not a whole number of packs", n ? "; " : "",
                              l->sku, (long long)l->quantity);
    if ((l->issues & CART_ISSUE_STOCK) && n < len)
        snprintf(out + n, len - n, "%s%s: only %lld in stock (back-order the other %lld?)", n ? "; " : "",
                 l->sku, (long long)l->free_stock, (long long)l->backorder_qty);
}

static bool line_same(const struct priced_line *a, const struct priced_line *b)
{
    return a->kind == b->kind && a->product_id == b->product_id && strcmp(a->sku, b->sku) == 0 &&
           a->quantity == b->quantity && a->unit_price == b->unit_price && a->discount == b->discount &&
           a->net == b->net && a->tax == b->tax && a->total == b->total && a->reserve_qty == b->reserve_qty &&
           a->backorder_qty == b->backorder_qty && strcmp(a->expected_date, b->expected_date) == 0 &&
           a->earn_points == b->earn_points && a->redeem_points == b->redeem_points;
}

static bool adjustments_same(const struct priced_cart *a, const struct priced_cart *b)
{
    if (a->nadjustments != b->nadjustments)
        return false;
    for (int i = 0; i < a->nadjustments; i++) {
        const struct line_adjustment *x = &a->adjustments[i], *y = &b->adjustments[i];
        if (x->line != y->line || x->kind != y->kind || x->source_id != y->source_id ||
            x->amount != y->amount)
            return false;
    }
    return true;
}

bool priced_cart_same(const struct priced_cart *a, const struct priced_cart *b, char *diff, size_t len)
{
    char x[32], y[32];
    if (a->nlines != b->nlines) {
        snprintf(diff, len, "the cart now has %d %s instead of %d", b->nlines,
                 text_plural(b->nlines, "line", "lines"), a->nlines);
        return false;
    }
    for (int i = 0; i < a->nlines; i++) {
        if (line_same(&a->lines[i], &b->lines[i]))
            continue;
        money_format_plain(a->lines[i].total, x, sizeof x);
        money_format_plain(b->lines[i].total, y, sizeof y);
        if (a->lines[i].reserve_qty != b->lines[i].reserve_qty)
            snprintf(diff, len, "%s: only %lld in stock now", a->lines[i].sku,
                     (long long)b->lines[i].free_stock);
        else
            snprintf(diff, len, "%s: %s is now %s", a->lines[i].sku, x, y);
        return false;
    }
    if (!adjustments_same(a, b) || a->total != b->total || a->points_redeemed != b->points_redeemed) {
        money_format_plain(a->total, x, sizeof x);
        money_format_plain(b->total, y, sizeof y);
        snprintf(diff, len, "the total %s is now %s", x, y);
        return false;
    }
    if (strcmp(a->promised_date, b->promised_date) != 0) {
        snprintf(diff, len, "the promise %s is now %s", a->promised_date, b->promised_date);
        return false;
    }
    if (a->pay != b->pay) {
        snprintf(diff, len, "the payment changed");
        return false;
    }
    return true;
}
