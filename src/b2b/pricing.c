/* The B2B price of a line (the waterfall) and the totals of a quote: pure
 * functions over the inputs pricing_store_load gathered, no database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/b2b/pricing.h"
#include "src/b2b/quotes.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"

/* num × 10000 / den, rounded; very large amounts lose precision rather than overflow. */
static int64_t ratio_of(int64_t num, int64_t den)
{
    int64_t scaled;
    if (den == 0)
        return 0;
    if (money_mul(num, 10000, &scaled, NULL) == ERR_OK)
        return money_div_round(scaled, den);
    return money_div_round(num, den / 10000 ? den / 10000 : 1);
}

int64_t pricing_ratio_bp(int64_t a, int64_t b)
{
    return ratio_of(a - b, a);
}

/* ------------------------------------------------------------ look-ups */

/* The first index in [0, n) whose product id is >= id; arrays are sorted. */
#define LOWER_BOUND(arr, n, id, out)                                                                         \
    do {                                                                                                     \
        int lo_ = 0, hi_ = (n);                                                                              \
        while (lo_ < hi_) {                                                                                  \
            int mid_ = lo_ + (hi_ - lo_) / 2;                                                                \
            if ((arr)[mid_].product_id < (id))                                                               \
                lo_ = mid_ + 1;                                                                              \
            else                                                                                             \
                hi_ = mid_;                                                                                  \
        }                                                                                                    \
        (out) = lo_;                                                                                         \
    } while (0)

const struct pricing_product *pricing_find_product(const struct pricing_inputs *in, int64_t product_id)
{
    int i;
    LOWER_BOUND(in->products, in->nproducts, product_id, i);
    return i < in->nproducts && in->products[i].product_id == product_id ? &in->products[i] : NULL;
}

static const struct price_list_item *find_item(const struct pricing_inputs *in, int64_t product_id)
{
    int i;
    LOWER_BOUND(in->items, in->nitems, product_id, i);
    return i < in->nitems && in->items[i].product_id == product_id ? &in->items[i] : NULL;
}

/* The contract that started last among those valid (the store filtered by date). */
static const struct contract_price *find_contract(const struct pricing_inputs *in, int64_t product_id)
{
    int i;
    const struct contract_price *best = NULL;
    LOWER_BOUND(in->contracts, in->ncontracts, product_id, i);
    for (; i < in->ncontracts && in->contracts[i].product_id == product_id; i++)
        if (best == NULL || strcmp(in->contracts[i].valid_from, best->valid_from) >= 0)
            best = &in->contracts[i];
    return best;
}

static bool tier_applies(const struct pricing_inputs *in, const struct volume_tier *t, int64_t qty)
{
    if (t->min_qty > qty)
        return false;
    return t->price_list_id == 0 || (in->has_list && t->price_list_id == in->list.id);
}

/* How specific a tier is: product and list > product > list. */
static int tier_rank(const struct volume_tier *t)
{
    return (t->product_id ? 2 : 0) + (t->price_list_id ? 1 : 0);
}

static const struct volume_tier *better_tier(const struct volume_tier *a, const struct volume_tier *b)
{
    if (a == NULL)
        return b;
    if (b->min_qty != a->min_qty)
        return b->min_qty > a->min_qty ? b : a;
    return tier_rank(b) > tier_rank(a) ? b : a;
}

/* The tier with the largest break reached: the product's own, or its list's. */
static const struct volume_tier *find_tier(const struct pricing_inputs *in, int64_t product_id, int64_t qty)
{
    const struct volume_tier *best = NULL;
    int i;
    for (i = 0; i < in->ntiers && in->tiers[i].product_id == 0; i++)
        if (tier_applies(in, &in->tiers[i], qty))
            best = better_tier(best, &in->tiers[i]);
    LOWER_BOUND(in->tiers, in->ntiers, product_id, i);
    for (; i < in->ntiers && in->tiers[i].product_id == product_id; i++)
        if (tier_applies(in, &in->tiers[i], qty))
            best = better_tier(best, &in->tiers[i]);
    return best;
}

static const struct price_floor *find_floor(const struct pricing_inputs *in, int64_t product_id,
                                            const char *category)
{
    int i;
    LOWER_BOUND(in->floors, in->nfloors, product_id, i);
    if (i < in->nfloors && in->floors[i].product_id == product_id)
        return &in->floors[i];
    for (i = 0; i < in->nfloors && in->floors[i].product_id == 0; i++)
        if (category[0] && strcmp(in->floors[i].category, category) == 0)
            return &in->floors[i];
    return NULL;
}

/* ------------------------------------------------------------ waterfall */

static void copy_product(const struct pricing_product *p, struct price_line *l)
{
    struct quote_line *q = &l->line;
    q->product_id = p->product_id;
    snprintf(q->sku, sizeof q->sku, "%s", p->sku);
    if (q->description[0] == '\0')
        snprintf(q->description, sizeof q->description, "%s", p->name);
    q->list_price = p->list_price;
    q->unit_cost = p->unit_cost;
    snprintf(q->tax_class, sizeof q->tax_class, "%s", p->tax_class);
    q->tax_rate_bp = p->tax_rate_bp;
    snprintf(l->category, sizeof l->category, "%s", p->category);
    l->min_order_qty = p->min_order_qty;
    l->pack_size = p->pack_size;
    l->inactive = !p->active;
}

static int step_price_list(const struct pricing_inputs *in, struct price_line *l, int64_t *price,
                           struct err *e)
{
    if (!in->has_list)
        return ERR_OK;
    const struct price_list_item *item = find_item(in, l->line.product_id);
    if (item) {
        *price = item->price;
    } else if (in->list.discount_bp > 0) {
        int64_t off;
        int rc = money_apply_bp(*price, in->list.discount_bp, &off, e);
        if (rc != ERR_OK)
            return rc;
        *price -= off;
    } else {
        return ERR_OK;
    }
    if (in->list_from_tier)
        snprintf(l->line.price_source, sizeof l->line.price_source, "tier %s", in->list.tier);
    else
        snprintf(l->line.price_source, sizeof l->line.price_source, "price list %s", in->list.code);
    return ERR_OK;
}

/* A quantity break only ever lowers the price: a contract below the tier price stays. */
static int step_volume(const struct pricing_inputs *in, struct price_line *l, int64_t *price, struct err *e)
{
    const struct volume_tier *t = find_tier(in, l->line.product_id, l->line.quantity);
    if (t == NULL)
        return ERR_OK;
    int64_t tiered = t->price;
    if (t->discount_bp > 0) {
        int64_t off;
        int rc = money_apply_bp(*price, t->discount_bp, &off, e);
        if (rc != ERR_OK)
            return rc;
        tiered = *price - off;
    }
    if (tiered >= *price)
        return ERR_OK;
    *price = tiered;
    snprintf(l->line.price_source, sizeof l->line.price_source, "tier %lld+", (long long)t->min_qty);
    return ERR_OK;
}

static void set_floor(const struct pricing_inputs *in, struct price_line *l)
{
    const struct price_floor *f = find_floor(in, l->line.product_id, l->category);
    l->floor_price = f ? f->min_price : 0;
    l->floor_margin_bp = f ? f->min_margin_bp : -1;
}

static void check_line(struct price_line *l)
{
    const struct quote_line *q = &l->line;
    l->issues = 0;
    if (l->inactive)
        l->issues |= PRICE_ISSUE_INACTIVE;
    if (l->min_order_qty > 1 && q->quantity < l->min_order_qty)
        l->issues |= PRICE_ISSUE_MOQ;
    if (l->pack_size > 1 && q->quantity % l->pack_size != 0)
        l->issues |= PRICE_ISSUE_PACK;
    if (l->floor_price > 0 && q->unit_price < l->floor_price)
        l->issues |= PRICE_ISSUE_FLOOR;
    if (l->floor_margin_bp >= 0 && ratio_of(q->unit_price - q->unit_cost, q->unit_price) < l->floor_margin_bp)
        l->issues |= PRICE_ISSUE_MARGIN;
}

int pricing_apply_manual(struct price_line *l, struct err *e)
{
    struct quote_line *q = &l->line;
    char pct[32];
    int64_t off;
    switch (q->manual) {
    case MANUAL_NONE:
        q->unit_price = q->base_price;
        q->discount_bp = 0;
        break;
    case MANUAL_DISCOUNT:
        if (q->manual_value < 0 || q->manual_value > 10000)
            return err_set(e, ERR_INVALID, "discount", "a discount is between 0 and 100 %%");
        if (money_apply_bp(q->base_price, q->manual_value, &off, e) != ERR_OK)
            return e ? e->code : ERR_INVALID;
        q->unit_price = q->base_price - off;
        q->discount_bp = q->manual_value;
        break;
    case MANUAL_PRICE:
        if (q->manual_value < 0)
            return err_set(e, ERR_INVALID, "price", "a price cannot be negative");
        q->unit_price = q->manual_value;
        q->discount_bp = pricing_ratio_bp(q->base_price, q->unit_price);
        break;
    }
    if (q->manual == MANUAL_NONE)
        return ERR_OK;
    bp_format(q->discount_bp < 0 ? -q->discount_bp : q->discount_bp, pct, sizeof pct);
    if (q->manual == MANUAL_PRICE && q->base_price == 0)
        snprintf(q->price_source, sizeof q->price_source, "manual price");
    else /* U+2212 MINUS SIGN, as the documents print it */
        snprintf(q->price_source, sizeof q->price_source, "manual %s%s",
                 q->discount_bp < 0 ? "+" : "\xe2\x88\x92", pct);
    return ERR_OK;
}

void pricing_check_line(const struct pricing_inputs *in, const struct pricing_product *p,
                        struct price_line *l)
{
    if (p) {
        snprintf(l->category, sizeof l->category, "%s", p->category);
        l->min_order_qty = p->min_order_qty;
        l->pack_size = p->pack_size;
        l->inactive = !p->active;
    }
    set_floor(in, l);
    check_line(l);
}

int pricing_price_line(const struct pricing_inputs *in, const struct pricing_product *p, struct price_line *l,
                       struct err *e)
{
    struct quote_line *q = &l->line;
    if (p)
        copy_product(p, l);
    if (q->quantity <= 0)
        return err_set(e, ERR_INVALID, "quantity", "line %d: the quantity must be at least 1", q->line_no);
    int64_t price = q->list_price;
    snprintf(q->price_source, sizeof q->price_source, "list");
    int rc = step_price_list(in, l, &price, e);
    const struct contract_price *c = rc == ERR_OK ? find_contract(in, q->product_id) : NULL;
    if (c) {
        price = c->price;
        snprintf(q->price_source, sizeof q->price_source, "contract");
    }
    if (rc == ERR_OK)
        rc = step_volume(in, l, &price, e);
    if (rc != ERR_OK)
        return rc;
    q->base_price = price;
    set_floor(in, l);
    if ((rc = pricing_apply_manual(l, e)) != ERR_OK)
        return rc;
    check_line(l);
    return ERR_OK;
}

/* --------------------------------------------------------------- totals */

static int line_amounts(struct price_line *l, struct err *e)
{
    const struct quote_line *q = &l->line;
    int rc;
    if ((rc = money_mul(q->quantity, q->unit_price, &l->gross, e)) != ERR_OK ||
        (rc = money_mul(q->quantity, q->base_price, &l->base_amount, e)) != ERR_OK ||
        (rc = money_mul(q->quantity, q->list_price, &l->list_amount, e)) != ERR_OK ||
        (rc = money_mul(q->quantity, q->unit_cost, &l->cost, e)) != ERR_OK)
        return rc;
    return ERR_OK;
}

static int add_tax(struct priced_quote *pq, const struct price_line *l, struct err *e)
{
    int i;
    for (i = 0; i < pq->ntaxes; i++)
        if (strcmp(pq->taxes[i].tax_class, l->line.tax_class) == 0 &&
            pq->taxes[i].rate_bp == l->line.tax_rate_bp)
            break;
    if (i == pq->ntaxes) {
        if (pq->ntaxes == PRICING_MAX_TAX_CLASSES)
            return err_set(e, ERR_INVALID, "tax_class", "more than %d tax classes in one quote",
                           PRICING_MAX_TAX_CLASSES);
        snprintf(pq->taxes[i].tax_class, sizeof pq->taxes[i].tax_class, "%s", l->line.tax_class);
        pq->taxes[i].rate_bp = l->line.tax_rate_bp;
        pq->ntaxes++;
    }
    pq->taxes[i].net += l->net;
    pq->taxes[i].tax += l->tax;
    return ERR_OK;
}

/* The order discount as an amount, spread over the lines in proportion to their gross. */
static int spread_discount(struct price_line *lines, int n, struct priced_quote *pq, int64_t amount,
                           int64_t bp, struct err *e)
{
    if (amount == 0 && bp > 0 && money_apply_bp(pq->gross, bp, &amount, e) != ERR_OK)
        return e ? e->code : ERR_INVALID;
    pq->order_discount_asked = amount;
    if (amount < 0 || amount > pq->gross)
        return err_set(e, ERR_INVALID, "order_discount",
                       "the order discount must be between 0 and the total");
    if (amount == 0)
        return ERR_OK;
    int64_t *weights = xmalloc(sizeof *weights * (size_t)n);
    int64_t *parts = xmalloc(sizeof *parts * (size_t)n);
    for (int i = 0; i < n; i++)
        weights[i] = lines[i].gross;
    int rc = money_spread(amount, weights, n, parts, e);
    for (int i = 0; rc == ERR_OK && i < n; i++)
        lines[i].order_discount = parts[i];
    free(weights);
    free(parts);
    return rc;
}

static void add_line(struct priced_quote *pq, const struct price_line *l)
{
    pq->order_discount += l->order_discount;
    pq->subtotal += l->net;
    pq->tax_total += l->tax;
    pq->list_amount += l->list_amount;
    pq->base_amount += l->base_amount;
    pq->cost += l->cost;
    if (l->line.discount_bp > pq->max_line_discount_bp) {
        pq->max_line_discount_bp = l->line.discount_bp;
        pq->max_line_no = l->line.line_no;
    }
    if (l->issues)
        pq->issues++;
}

static int finish_line(struct price_line *l, struct err *e)
{
    l->net = l->gross - l->order_discount;
    int rc = money_apply_bp(l->net, l->line.tax_rate_bp, &l->tax, e);
    l->margin = l->net - l->cost;
    l->margin_bp = ratio_of(l->margin, l->net);
    return rc;
}

int pricing_total(struct price_line *lines, int n, int64_t order_discount, int64_t order_discount_bp,
                  struct priced_quote *out, struct err *e)
{
    int rc;
    memset(out, 0, sizeof *out);
    out->lines = lines;
    out->nlines = n;
    for (int i = 0; i < n; i++) {
        lines[i].order_discount = 0;
        if ((rc = line_amounts(&lines[i], e)) != ERR_OK ||
            (rc = money_add(out->gross, lines[i].gross, &out->gross, e)) != ERR_OK)
            return rc;
    }
    if ((rc = spread_discount(lines, n, out, order_discount, order_discount_bp, e)) != ERR_OK)
        return rc;
    for (int i = 0; i < n; i++) {
        if ((rc = finish_line(&lines[i], e)) != ERR_OK || (rc = add_tax(out, &lines[i], e)) != ERR_OK)
            return rc;
        add_line(out, &lines[i]);
    }
    out->total = out->subtotal + out->tax_total;
    out->margin = out->subtotal - out->cost;
    out->margin_bp = ratio_of(out->margin, out->subtotal);
    out->discount_bp = pricing_ratio_bp(out->base_amount, out->subtotal);
    return ERR_OK;
}

static void append(char *out, size_t len, const char *text)
{
    size_t used = strlen(out);
    if (used + 1 < len)
        snprintf(out + used, len - used, "%s%s", used ? "; " : "", text);
}

void pricing_describe_issues(const struct price_line *l, char *out, size_t len)
{
    const struct quote_line *q = &l->line;
    char a[32], b[32], text[200];
    out[0] = '\0';
    if (l->issues & PRICE_ISSUE_INACTIVE) {
        snprintf(text, sizeof text, "line %d: %s is no longer sold", q->line_no, q->sku);
        append(out, len, text);
    }
    if (l->issues & PRICE_ISSUE_MOQ) {
        snprintf(text, sizeof text, "line %d: %lld under the minimum order quantity %lld", q->line_no,
                 (long long)q->quantity, (long long)l->min_order_qty);
        append(out, len, text);
    }
    if (l->issues & PRICE_ISSUE_PACK) {
        snprintf(text, sizeof text, "line %d: %lld is not a multiple of the pack size %lld", q->line_no,
                 (long long)q->quantity, (long long)l->pack_size);
        append(out, len, text);
    }
    if (l->issues & PRICE_ISSUE_FLOOR) {
        money_format_plain(q->unit_price, a, sizeof a);
        money_format_plain(l->floor_price, b, sizeof b);
        snprintf(text, sizeof text, "line %d: price %s under the floor %s", q->line_no, a, b);
        append(out, len, text);
    }
    if (l->issues & PRICE_ISSUE_MARGIN) {
        bp_format(ratio_of(q->unit_price - q->unit_cost, q->unit_price), a, sizeof a);
        bp_format(l->floor_margin_bp, b, sizeof b);
        snprintf(text, sizeof text, "line %d: margin %s under the floor %s", q->line_no, a, b);
        append(out, len, text);
    }
}
