/* Loyalty arithmetic (pure): what points are worth, what an order earns,
 * what is due to expire, and the canonical spread over lines (a line's
 * share for credited units is money_share_units). See loyalty.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/b2c/loyalty.h"
#include "src/base/mem.h"
#include "src/base/money.h"

static int64_t gcd(int64_t a, int64_t b)
{
    while (b != 0) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

int64_t loyalty_points_step(const struct loyalty_settings *s)
{
    if (s->worth_points <= 0 || s->worth_cents <= 0)
        return 1;
    return s->worth_points / gcd(s->worth_points, s->worth_cents);
}

int64_t loyalty_points_worth(const struct loyalty_settings *s, int64_t points)
{
    int64_t step = loyalty_points_step(s);
    if (points <= 0 || s->worth_points <= 0)
        return 0;
    /* (points / step) × (cents per step): exact, and no overflow for any balance a person holds. */
    return (points / step) * (s->worth_cents / (s->worth_points / step));
}

int64_t loyalty_points_for(const struct loyalty_settings *s, int64_t cents)
{
    int64_t step = loyalty_points_step(s);
    if (cents <= 0 || s->worth_cents <= 0)
        return 0;
    int64_t cents_per_step = s->worth_cents / (s->worth_points / step);
    return cents / cents_per_step * step;
}

int loyalty_points_earned(const struct loyalty_settings *s, int64_t base, int multiplier_bp, int64_t *out,
                          struct err *e)
{
    int64_t num = 0, den = 0;
    *out = 0;
    if (base <= 0 || s->earn_points <= 0 || s->earn_per <= 0 || multiplier_bp <= 0)
        return ERR_OK;
    if (money_mul(base, s->earn_points, &num, NULL) != ERR_OK ||
        money_mul(num, multiplier_bp, &num, NULL) != ERR_OK ||
        money_mul(s->earn_per, 10000, &den, NULL) != ERR_OK)
        return err_set(e, ERR_INVALID, "points", "the amount is too large to count points on");
    *out = num / den;
    return ERR_OK;
}

void loyalty_multiplier_text(int multiplier_bp, char *out, size_t len)
{
    int whole = multiplier_bp / 10000, frac = multiplier_bp % 10000, digits = 4;
    while (frac > 0 && frac % 10 == 0) {
        frac /= 10;
        digits--;
    }
    if (frac == 0)
        snprintf(out, len, "x%d", whole);
    else
        snprintf(out, len, "x%d.%0*d", whole, digits, frac);
}

int64_t loyalty_due(int64_t available, int64_t still_valid)
{
    return available > still_valid ? available - still_valid : 0;
}

struct by_sku {
    const char *sku;
    int index;
};

static int by_sku_cmp(const void *a, const void *b)
{
    const struct by_sku *x = a, *y = b;
    int c = strcmp(x->sku, y->sku);
    return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

int loyalty_spread(int64_t amount, const int64_t *weights, const char *const *skus, int n, int64_t *parts,
                   struct err *e)
{
    memset(parts, 0, sizeof *parts * (size_t)n);
    bool any = false;
    for (int i = 0; i < n; i++)
        any = any || weights[i] > 0;
    if (amount == 0 || n == 0 || !any)
        return amount == 0 ? ERR_OK : err_set(e, ERR_INTERNAL, "points", "no line to spread points over");
    struct by_sku *order = xcalloc((size_t)n, sizeof *order);
    int64_t *w = xcalloc((size_t)n, sizeof *w), *p = xcalloc((size_t)n, sizeof *p);
    for (int i = 0; i < n; i++)
        order[i] = (struct by_sku){skus[i], i};
    qsort(order, (size_t)n, sizeof *order, by_sku_cmp);
    for (int i = 0; i < n; i++)
        w[i] = weights[order[i].index] > 0 ? weights[order[i].index] : 0;
    int rc = money_spread(amount, w, n, p, e);
    for (int i = 0; rc == ERR_OK && i < n; i++)
        parts[order[i].index] = p[i];
    free(order);
    free(w);
    free(p);
    return rc;
}
