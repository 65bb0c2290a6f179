/* Promotions against a cart (pure): which apply and why each other does
 * not, the stacking (levels of priority on one base, exclusive, stop) and
 * the arithmetic of each kind, in exact cents. See promotion.h. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/b2c/promotion.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/text.h"

/* ------------------------------------------------------------ the set */

struct promotion_set *promotion_set_new(const char *currency)
{
    struct promotion_set *s = xcalloc(1, sizeof *s);
    snprintf(s->currency, sizeof s->currency, "%s", currency && currency[0] ? currency : "EUR");
    return s;
}

void promotion_set_free(struct promotion_set **s)
{
    if (s == NULL || *s == NULL)
        return;
    free((*s)->rules);
    free((*s)->skus);
    free(*s);
    *s = NULL;
}

struct promotion_rule *promotion_set_add(struct promotion_set *s, const struct promotion *p,
                                         const int64_t *skus, int nskus)
{
    if (s->nrules == s->rules_cap) {
        s->rules_cap = s->rules_cap ? s->rules_cap * 2 : 16;
        s->rules = xrealloc(s->rules, sizeof *s->rules * (size_t)s->rules_cap);
    }
    if (s->nskus + nskus > s->skus_cap) {
        s->skus_cap = (s->nskus + nskus) * 2 + 16;
        s->skus = xrealloc(s->skus, sizeof *s->skus * (size_t)s->skus_cap);
    }
    struct promotion_rule *r = &s->rules[s->nrules++];
    memset(r, 0, sizeof *r);
    r->p = *p;
    r->coupon = -1;
    if (nskus > 0)
        memcpy(s->skus + s->nskus, skus, sizeof *skus * (size_t)nskus);
    r->skus = NULL; /* promotion_set_finish points it into the block */
    r->skus_at = s->nskus;
    r->nskus = nskus;
    s->nskus += nskus;
    return r;
}

static int rule_cmp(const void *a, const void *b)
{
    int64_t x = ((const struct promotion_rule *)a)->p.id, y = ((const struct promotion_rule *)b)->p.id;
    return x < y ? -1 : x > y;
}

void promotion_set_finish(struct promotion_set *s)
{
    for (int i = 0; i < s->nrules; i++)
        s->rules[i].skus = s->rules[i].nskus > 0 ? s->skus + s->rules[i].skus_at : NULL;
    /* coupons point at rules by index: keep them pointing at the same promotion */
    int64_t named[CART_MAX_COUPONS];
    for (int i = 0; i < s->ncoupons; i++)
        named[i] = s->coupons[i].rule >= 0 ? s->rules[s->coupons[i].rule].p.id : 0;
    if (s->nrules > 1)
        qsort(s->rules, (size_t)s->nrules, sizeof *s->rules, rule_cmp);
    for (int i = 0; i < s->ncoupons; i++) {
        const struct promotion_rule *r = named[i] ? promotion_set_find(s, named[i]) : NULL;
        s->coupons[i].rule = r ? (int)(r - s->rules) : -1;
    }
}

const struct promotion_rule *promotion_set_find(const struct promotion_set *s, int64_t id)
{
    int lo = 0, hi = s ? s->nrules : 0;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (s->rules[mid].p.id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return s && lo < s->nrules && s->rules[lo].p.id == id ? &s->rules[lo] : NULL;
}

/* ------------------------------------------------------------ words */

/* Writes text into out, cut (when it must be) on a whole UTF-8 character. */
static void say(char *out, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *out, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n < len || len < 2)
        return;
    size_t k = len - 2; /* the last byte written: find where its character starts */
    while (k > 0 && ((unsigned char)out[k] & 0xC0) == 0x80)
        k--;
    unsigned char lead = (unsigned char)out[k];
    size_t need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (k + need > len - 1)
        out[k] = '\0'; /* that character was cut short */
}

enum promotion_step promotion_step_of(const struct promotion *p)
{
    if (p->kind == PROMO_FREE_SHIPPING)
        return PROMO_STEP_SHIPPING;
    if ((p->kind == PROMO_PERCENT || p->kind == PROMO_FIXED) && p->target == PROMO_ON_ORDER)
        return PROMO_STEP_ORDER;
    return PROMO_STEP_LINES;
}

enum promotion_state promotion_state_on(const struct promotion *p, const char *today)
{
    if (p->disabled_at[0])
        return PROMO_DISABLED;
    if (p->starts_on[0] && strcmp(p->starts_on, today) > 0)
        return PROMO_SCHEDULED;
    if (p->ends_on[0] && strcmp(p->ends_on, today) < 0)
        return PROMO_ENDED;
    return PROMO_ACTIVE;
}

void promotion_describe(const struct promotion *p, char *out, size_t len)
{
    char a[32], b[32];
    switch (p->kind) {
    case PROMO_PERCENT:
        bp_format(p->value, a, sizeof a);
        say(out, len, "%s off", a);
        return;
    case PROMO_FIXED:
        money_format_plain(p->value, a, sizeof a);
        say(out, len, "%s off", a);
        return;
    case PROMO_PRICE:
        money_format_plain(p->value, a, sizeof a);
        say(out, len, "at %s", a);
        return;
    case PROMO_FREE_SHIPPING: say(out, len, "free shipping"); return;
    case PROMO_BUY_GET:
        if (p->get_percent_bp >= 10000 || p->get_percent_bp <= 0)
            say(b, sizeof b, "free");
        else {
            bp_format(p->get_percent_bp, a, sizeof a);
            say(b, sizeof b, "%s off", a);
        }
        say(out, len, "buy %lld get %lld %s%s%s%s", (long long)p->buy_qty, (long long)p->get_qty, b,
            p->dearest ? ", dearest first" : "", p->max_free > 0 ? ", at most " : "", "");
        if (p->max_free > 0) {
            size_t n = strlen(out);
            snprintf(out + n, len > n ? len - n : 0, "%lld", (long long)p->max_free);
        }
        return;
    }
    say(out, len, "?");
}

void promotion_target_text(const struct promotion *p, int nskus, char *out, size_t len)
{
    if (p->target == PROMO_ON_CATEGORY)
        say(out, len, "category %s", p->category);
    else if (p->target == PROMO_ON_SKUS)
        say(out, len, "%d SKU%s", nskus, nskus == 1 ? "" : "s");
    else
        say(out, len, "the order");
}

/* "30 Nov", or "30 Nov 2025" in another year than today's. */
static void day_words(const char *date, const char *today, char *out, size_t len)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y = 0, m = 0, d = 0;
    if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) {
        say(out, len, "%s", date);
        return;
    }
    if (strncmp(date, today, 4) == 0)
        say(out, len, "%d %s", d, months[m - 1]);
    else
        say(out, len, "%d %s %d", d, months[m - 1], y);
}

/* ------------------------------------------------------------ one step */

enum rule_status {
    RULE_OUT,       /* not for this step, or quietly not a candidate */
    RULE_NOT,       /* not applied, reason in why */
    RULE_CANDIDATE, /* eligible: computes at its level */
    RULE_APPLIED,   /* got at least one share */
    RULE_BUDGET,    /* its discount would pass its budget */
    RULE_EXCLUDED,  /* another exclusive promotion won */
    RULE_NOTHING    /* eligible, but nothing to discount */
};

struct match {
    const struct cart_inputs *in;
    const struct cart *c;
    struct priced_cart *p;
    const struct promotion_set *s;
    enum promotion_step step;
    int winner;      /* the exclusive promotion that applies, -1 = none */
    int *stop_level; /* per line: the highest priority of a stop promotion that took it */
    int *stopper;    /* per line: that promotion's rule index, -1 */
    int64_t *base;   /* per line: the current amount at the level's start */
    int64_t *want;   /* per line: what the rule computing wants */
    int *by_sku;     /* goods lines by SKU (the canonical order of spreads) */
    int64_t *weights, *parts;
    struct sort_key *keys; /* scratch for sorting lines or rules */
    int64_t *units;        /* per rule: units in its target, -1 = not counted yet */
    int *line_cat;         /* per goods line: the first line of its category (any case) */
    int *rule_cat;         /* per rule: the first line of its category, -1 none, -2 not looked yet */
    int *cheap_first;      /* goods lines by unit price, then SKU */
    int *dear_first;       /* goods lines by unit price descending, then SKU */
    int stops_seen;        /* the shares stop_level has read */
    int *tlist;            /* per rule: the goods lines of its target */
    int *tcount;           /* per rule: how many, -1 = not worked out yet */
    int *sku_pos;          /* per goods line: its place in by_sku */
    int64_t *amount;       /* per rule: what its shares add up to */
    enum rule_status *status;
    char (*why)[120];
};

#define NO_STOP INT_MIN

/* A sort key: a, then b, then text (bytes), then the index itself. */
struct sort_key {
    int64_t a, b;
    const char *text;
    int index;
};

static int sort_key_cmp(const void *x, const void *y)
{
    const struct sort_key *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    int c = p->text && q->text ? strcmp(p->text, q->text) : 0;
    return c ? c : (p->index > q->index) - (p->index < q->index);
}

/* Sorts keys and writes their indexes in that order into out. */
static void sort_indexes(struct sort_key *keys, int n, int *out)
{
    if (n > 1)
        qsort(keys, (size_t)n, sizeof *keys, sort_key_cmp);
    for (int k = 0; k < n; k++)
        out[k] = keys[k].index;
}

static bool party_known(const struct match *m)
{
    return m->c->channel == CHANNEL_B2B ? m->c->account_id > 0 : m->c->customer_id > 0;
}

static int64_t *line_skus_find(const struct promotion_rule *r, int64_t product_id)
{
    int lo = 0, hi = r->nskus;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (r->skus[mid] < product_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->nskus && r->skus[lo] == product_id ? (int64_t *)&r->skus[lo] : NULL;
}

/* The first goods line of the rule's category (any case), -1 when the cart
 * has none: categories are compared once a step, then by that line. */
static int rule_category(const struct match *m, const struct promotion_rule *r)
{
    int *cached = &m->rule_cat[r - m->s->rules];
    if (*cached != -2)
        return *cached;
    *cached = -1;
    for (int i = 0; i < m->p->ngoods && *cached < 0; i++)
        if (m->line_cat[i] == i && strcasecmp(r->p.category, m->p->lines[i].category) == 0)
            *cached = i;
    return *cached;
}

static bool line_in_target(const struct match *m, const struct promotion_rule *r, int i)
{
    const struct priced_line *l = &m->p->lines[i];
    if (l->issues & CART_ISSUE_UNKNOWN)
        return false;
    switch (r->p.target) {
    case PROMO_ON_ORDER: return true;
    case PROMO_ON_CATEGORY: return m->line_cat[i] == rule_category(m, r) && m->line_cat[i] >= 0;
    case PROMO_ON_SKUS: return line_skus_find(r, l->product_id) != NULL;
    }
    return false;
}

/* The goods lines in the rule's target, ascending (stopped or not): worked
 * out once a step for each rule that asks. */
static const int *target_lines(const struct match *m, const struct promotion_rule *r, int *n)
{
    int ri = (int)(r - m->s->rules);
    int *list = m->tlist + (size_t)ri * (size_t)(m->p->ngoods + 1);
    if (m->tcount[ri] < 0) {
        int count = 0;
        for (int k = 0; k < m->p->ngoods; k++)
            if (line_in_target(m, r, k))
                list[count++] = k;
        m->tcount[ri] = count;
    }
    *n = m->tcount[ri];
    return list;
}

static bool in_target(const struct match *m, const struct promotion_rule *r, int i)
{
    int n, lo = 0;
    const int *list = target_lines(m, r, &n);
    while (lo < n) {
        int mid = lo + (n - lo) / 2;
        if (list[mid] < i)
            lo = mid + 1;
        else
            n = mid;
    }
    return lo < (int)m->tcount[r - m->s->rules] && list[lo] == i;
}

/* Units of the cart in the rule's target (counted once a step). */
static int64_t target_units(const struct match *m, const struct promotion_rule *r)
{
    int64_t *cached = &m->units[r - m->s->rules];
    if (*cached >= 0)
        return *cached;
    int64_t n = 0;
    int count;
    const int *list = target_lines(m, r, &count);
    for (int k = 0; k < count; k++)
        n += m->p->lines[list[k]].quantity;
    return *cached = n;
}

static void money_words(const struct match *m, int64_t amount, char *out, size_t len)
{
    money_format(amount, m->s->currency, out, len);
}

/* Conditions that do not depend on amounts, in the order a customer would
 * ask about them. RULE_OUT: not worth a word unless a code was typed. */
static enum rule_status rule_conditions(const struct match *m, const struct promotion_rule *r, char *why,
                                        size_t len)
{
    const struct promotion *p = &r->p;
    const char *today = m->in->today;
    char day[32];
    if (p->disabled_at[0])
        return say(why, len, "disabled"), RULE_OUT;
    if (p->starts_on[0] && strcmp(p->starts_on, today) > 0) {
        day_words(p->starts_on, today, day, sizeof day);
        return say(why, len, "starts on %s", day), RULE_OUT;
    }
    if (p->ends_on[0] && strcmp(p->ends_on, today) < 0) {
        day_words(p->ends_on, today, day, sizeof day);
        return say(why, len, "ended on %s", day), RULE_OUT;
    }
    if (p->channel >= 0 && p->channel != (int)m->c->channel)
        return say(why, len, p->channel == CHANNEL_B2C ? "for consumers only" : "for business accounts only"),
               RULE_OUT;
    if (target_units(m, r) == 0)
        return say(why, len, "nothing in the cart it applies to"), RULE_OUT;
    if (p->tier[0] && strcasecmp(p->tier, m->in->customer_tier) != 0)
        return say(why, len, "for %s tier", p->tier), RULE_NOT;
    if (p->first_order && !(party_known(m) && m->s->first_order))
        return say(why, len, "first order only"), RULE_NOT;
    if (p->per_customer > 0 && !party_known(m))
        return say(why, len, "needs a known customer"), RULE_NOT;
    return RULE_CANDIDATE;
}

/* Limits and minimums, after the conditions. */
static enum rule_status rule_limits(const struct match *m, const struct promotion_rule *r, char *why,
                                    size_t len)
{
    const struct promotion *p = &r->p;
    char a[48], b[48], c[48];
    if (p->max_uses > 0 && p->uses >= p->max_uses)
        return say(why, len, "used %lld of %lld", (long long)p->uses, (long long)p->max_uses), RULE_NOT;
    if (p->budget >= 0 && p->granted >= p->budget)
        return say(why, len, "budget spent"), RULE_NOT;
    if (p->per_customer > 0 && r->party_uses >= p->per_customer) {
        if (p->per_customer == 1)
            return say(why, len, "already used by this customer"), RULE_NOT;
        return say(why, len, "used %lld of %lld by this customer", (long long)r->party_uses,
                   (long long)p->per_customer),
               RULE_NOT;
    }
    if (r->coupon >= 0 && r->single_use && r->used_order[0])
        return say(why, len, "code already used on %s", r->used_order), RULE_NOT;
    int64_t goods = m->p->goods_gross;
    if (p->min_subtotal > 0 && goods < p->min_subtotal) {
        money_words(m, goods, a, sizeof a);
        money_words(m, p->min_subtotal, b, sizeof b);
        money_words(m, p->min_subtotal - goods, c, sizeof c);
        return say(why, len, "%s of %s minimum, %s to go", a, b, c), RULE_NOT;
    }
    int64_t units = target_units(m, r);
    if (p->min_qty > 0 && units < p->min_qty)
        return say(why, len, "%lld of %lld %s minimum, %lld to go", (long long)units, (long long)p->min_qty,
                   text_plural(p->min_qty, "item", "items"), (long long)(p->min_qty - units)),
               RULE_NOT;
    return RULE_CANDIDATE;
}

static enum rule_status rule_eligible(const struct match *m, const struct promotion_rule *r, char *why,
                                      size_t len)
{
    why[0] = '\0';
    enum rule_status st = rule_conditions(m, r, why, len);
    return st == RULE_CANDIDATE ? rule_limits(m, r, why, len) : st;
}

/* ------------------------------------------------------------ the kinds */

static int64_t line_base(const struct match *m, int i)
{
    return m->base ? m->base[i] : m->p->lines[i].gross;
}

/* A line of the rule's target it may discount at its priority: not
 * stopped by a higher level. */
static bool rule_free_to_take(const struct match *m, const struct promotion_rule *r, int i)
{
    return m->stop_level == NULL || m->stop_level[i] == NO_STOP || m->stop_level[i] <= r->p.priority;
}

static int want_percent(struct match *m, const struct promotion_rule *r, struct err *e)
{
    int n;
    const int *list = target_lines(m, r, &n);
    for (int k = 0; k < n; k++) {
        int i = list[k];
        if (rule_free_to_take(m, r, i) &&
            money_apply_bp(line_base(m, i), r->p.value, &m->want[i], e) != ERR_OK)
            return e ? e->code : ERR_INVALID;
    }
    return ERR_OK;
}

static int want_price(struct match *m, const struct promotion_rule *r, struct err *e)
{
    int n;
    const int *list = target_lines(m, r, &n);
    for (int k = 0; k < n; k++) {
        int i = list[k];
        if (!rule_free_to_take(m, r, i))
            continue;
        int64_t at;
        if (money_mul(m->p->lines[i].quantity, r->p.value, &at, e) != ERR_OK)
            return e ? e->code : ERR_INVALID;
        m->want[i] = line_base(m, i) > at ? line_base(m, i) - at : 0;
    }
    return ERR_OK;
}

/* Once per order: the amount (at most what the lines cost) spread by what they cost, lines by SKU. */
static int want_fixed(struct match *m, const struct promotion_rule *r, struct err *e)
{
    int n, g = m->p->ngoods;
    const int *list = target_lines(m, r, &n);
    int64_t total = 0;
    memset(m->weights, 0, sizeof *m->weights * (size_t)g);
    for (int k = 0; k < n; k++)
        if (rule_free_to_take(m, r, list[k])) {
            m->weights[m->sku_pos[list[k]]] = line_base(m, list[k]);
            total += line_base(m, list[k]);
        }
    if (total <= 0)
        return ERR_OK;
    int64_t amount = r->p.value < total ? r->p.value : total;
    if (money_spread(amount, m->weights, g, m->parts, e) != ERR_OK)
        return e ? e->code : ERR_INVALID;
    for (int k = 0; k < g; k++)
        m->want[m->by_sku[k]] = m->parts[k];
    return ERR_OK;
}

/* How many units of the target are discounted: Y of every X + Y, at most max_free. */
static int64_t free_units(const struct promotion *p, int64_t n)
{
    int64_t k = n / (p->buy_qty + p->get_qty) * p->get_qty;
    return p->max_free > 0 && k > p->max_free ? p->max_free : k;
}

static int want_buy_get(struct match *m, const struct promotion_rule *r, struct err *e)
{
    const int *order = r->p.dearest ? m->dear_first : m->cheap_first;
    int64_t units = 0;
    int n;
    const int *list = target_lines(m, r, &n);
    for (int k = 0; k < n; k++)
        if (rule_free_to_take(m, r, list[k]))
            units += m->p->lines[list[k]].quantity;
    int64_t left = free_units(&r->p, units);
    for (int k = 0; k < m->p->ngoods && left > 0; k++) {
        int i = order[k];
        if (!in_target(m, r, i) || !rule_free_to_take(m, r, i))
            continue;
        const struct priced_line *l = &m->p->lines[i];
        int64_t take = l->quantity < left ? l->quantity : left, amount;
        left -= take;
        if (money_mul(take, l->unit_price, &amount, e) != ERR_OK ||
            money_apply_bp(amount, r->p.get_percent_bp, &m->want[i], e) != ERR_OK)
            return e ? e->code : ERR_INVALID;
    }
    return ERR_OK;
}

/* The shipping line's whole amount. */
static int want_shipping(struct match *m, const struct promotion_rule *r, struct err *e)
{
    (void)r, (void)e;
    for (int i = m->p->ngoods; i < m->p->nlines; i++)
        if (m->p->lines[i].kind == LINE_SHIPPING)
            m->want[i] = line_base(m, i);
    return ERR_OK;
}

/* What the rule wants of each line (m->want, zeroed first), on m->base. */
static int rule_want(struct match *m, const struct promotion_rule *r, struct err *e)
{
    memset(m->want, 0, sizeof *m->want * (size_t)m->p->nlines);
    switch (r->p.kind) {
    case PROMO_PERCENT: return want_percent(m, r, e);
    case PROMO_FIXED: return want_fixed(m, r, e);
    case PROMO_PRICE: return want_price(m, r, e);
    case PROMO_BUY_GET: return want_buy_get(m, r, e);
    case PROMO_FREE_SHIPPING: return want_shipping(m, r, e);
    }
    return ERR_OK;
}

/* ------------------------------------------------------------ exclusive */

/* What the shipping line would cost if this were the only promotion. */
static int64_t shipping_alone(const struct match *m)
{
    const char *code = m->c->shipping_method[0] ? m->c->shipping_method : "standard";
    const struct shipping_method *sm = cart_inputs_method(m->in, code);
    if (sm == NULL || !sm->active || (sm->free_over >= 0 && m->p->goods_gross >= sm->free_over))
        return 0;
    if (m->p->tax_included)
        return sm->fee;
    return sm->fee - money_div_round(sm->fee * sm->tax_rate_bp, 10000 + sm->tax_rate_bp);
}

/* The discount a rule would give alone, on the lines before any promotion. */
static int rule_alone(struct match *m, const struct promotion_rule *r, int64_t *out, struct err *e)
{
    *out = 0;
    if (r->p.kind == PROMO_FREE_SHIPPING) {
        *out = shipping_alone(m);
        return ERR_OK;
    }
    int64_t *base = m->base;
    int *stop_level = m->stop_level;
    m->base = NULL;
    m->stop_level = NULL;
    int rc = rule_want(m, r, e);
    for (int i = 0; rc == ERR_OK && i < m->p->ngoods; i++)
        *out += m->want[i] < m->p->lines[i].gross ? m->want[i] : m->p->lines[i].gross;
    m->base = base;
    m->stop_level = stop_level;
    return rc;
}

/* The exclusive promotion that applies (highest priority, then largest
 * discount, then lowest id), or -1: the same in every step. */
static int exclusive_winner(struct match *m, struct err *e)
{
    int best = -1;
    int64_t best_amount = 0;
    char why[120];
    for (int i = 0; i < m->s->nrules; i++) {
        const struct promotion_rule *r = &m->s->rules[i];
        if (!r->p.exclusive || (r->p.activation == PROMO_CODE && r->coupon < 0))
            continue;
        if (rule_eligible(m, r, why, sizeof why) != RULE_CANDIDATE)
            continue;
        int64_t amount;
        if (rule_alone(m, r, &amount, e) != ERR_OK)
            return -2;
        if (amount <= 0 || (r->p.budget >= 0 && amount > r->p.budget - r->p.granted))
            continue;
        const struct promotion *b = best >= 0 ? &m->s->rules[best].p : NULL;
        if (b == NULL || r->p.priority > b->priority ||
            (r->p.priority == b->priority && amount > best_amount)) {
            best = i;
            best_amount = amount;
        }
    }
    return best;
}

/* ------------------------------------------------------------ levels */

/* Which lines stop promotions took, and at what priority: the shares
 * recorded since the last look (earlier steps' first). */
static void stops_so_far(struct match *m)
{
    for (int k = m->stops_seen; k < m->p->nadjustments; k++) {
        const struct line_adjustment *a = &m->p->adjustments[k];
        const struct promotion_rule *r =
            a->kind == ADJ_PROMOTION ? promotion_set_find(m->s, a->source_id) : NULL;
        if (r == NULL || !r->p.stop || r->p.priority <= m->stop_level[a->line])
            continue;
        m->stop_level[a->line] = r->p.priority;
        m->stopper[a->line] = (int)(r - m->s->rules);
    }
    m->stops_seen = m->p->nadjustments;
}

/* A label for the shares: the promotion's name, cut on a character. */
static void share_label(const struct promotion_rule *r, char out[65])
{
    size_t n = strlen(r->p.name);
    if (n > 64) {
        n = 64;
        while (n > 0 && ((unsigned char)r->p.name[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out, r->p.name, n);
    out[n] = '\0';
}

/* Applies one rule's wants, capped by what is left of each line, unless
 * its budget cannot take them. */
static int rule_apply(struct match *m, int ri, struct err *e)
{
    const struct promotion_rule *r = &m->s->rules[ri];
    int64_t total = 0;
    for (int i = 0; i < m->p->nlines; i++) {
        int64_t cur = priced_line_current(&m->p->lines[i]);
        if (m->want[i] > cur)
            m->want[i] = cur;
        if (m->want[i] > 0)
            total += m->want[i];
    }
    if (total <= 0) {
        m->status[ri] = RULE_NOTHING;
        return ERR_OK;
    }
    if (r->p.budget >= 0 && total > r->p.budget - r->p.granted) {
        char left[48];
        money_words(m, r->p.budget - r->p.granted, left, sizeof left);
        snprintf(m->why[ri], sizeof m->why[ri], "only %s of its budget left", left);
        m->status[ri] = RULE_BUDGET;
        return ERR_OK;
    }
    char label[65];
    share_label(r, label);
    for (int i = 0; i < m->p->nlines; i++) {
        if (m->want[i] <= 0)
            continue;
        int rc = priced_cart_adjust(m->p, i, ADJ_PROMOTION, r->p.id, m->want[i], label, e);
        if (rc != ERR_OK)
            return rc;
        if (r->p.stop)
            m->p->lines[i].stopped = true;
    }
    m->status[ri] = RULE_APPLIED;
    return ERR_OK;
}

/* The candidates of the step, level by level. */
static int run_levels(struct match *m, int *order, int n, struct err *e)
{
    for (int k = 0; k < n; k++)
        m->keys[k] = (struct sort_key){-(int64_t)m->s->rules[order[k]].p.priority, m->s->rules[order[k]].p.id,
                                       NULL, order[k]};
    sort_indexes(m->keys, n, order);
    for (int a = 0; a < n;) {
        int prio = m->s->rules[order[a]].p.priority, b = a;
        while (b < n && m->s->rules[order[b]].p.priority == prio)
            b++;
        for (int i = 0; i < m->p->nlines; i++)
            m->base[i] = priced_line_current(&m->p->lines[i]);
        for (int k = a; k < b; k++) {
            int rc = rule_want(m, &m->s->rules[order[k]], e);
            if (rc == ERR_OK)
                rc = rule_apply(m, order[k], e);
            if (rc != ERR_OK)
                return rc;
        }
        stops_so_far(m);
        a = b;
    }
    return ERR_OK;
}

/* ------------------------------------------------------------ notes */

/* What each rule's shares add up to, in one pass. */
static void sum_amounts(struct match *m)
{
    for (int k = 0; k < m->p->nadjustments; k++) {
        const struct line_adjustment *a = &m->p->adjustments[k];
        const struct promotion_rule *r =
            a->kind == ADJ_PROMOTION ? promotion_set_find(m->s, a->source_id) : NULL;
        if (r != NULL)
            m->amount[r - m->s->rules] += a->amount;
    }
}

/* Why an eligible rule got nothing. */
static void nothing_why(const struct match *m, int ri, char *why, size_t len)
{
    const struct promotion_rule *r = &m->s->rules[ri];
    if (r->p.kind == PROMO_BUY_GET && free_units(&r->p, target_units(m, r)) == 0) {
        int64_t units = target_units(m, r), group = r->p.buy_qty + r->p.get_qty;
        say(why, len, "buy %lld get %lld: %lld more item%s to go", (long long)r->p.buy_qty,
            (long long)r->p.get_qty, (long long)(group - units), group - units == 1 ? "" : "s");
        return;
    }
    if (r->p.kind == PROMO_FREE_SHIPPING) {
        say(why, len, "shipping is free already");
        return;
    }
    for (int i = 0; i < m->p->ngoods; i++)
        if (in_target(m, r, i) && m->stopper[i] >= 0 && m->stop_level[i] > r->p.priority) {
            say(why, len, "its items were taken by %s", m->s->rules[m->stopper[i]].p.name);
            return;
        }
    say(why, len, "nothing left to discount");
}

/* The name a customer knows it by: the code typed, else its name. */
static const char *rule_label(const struct promotion_rule *r)
{
    return r->coupon >= 0 && r->code[0] ? r->code : r->p.name;
}

static void note_rule(struct match *m, int ri)
{
    const struct promotion_rule *r = &m->s->rules[ri];
    switch (m->status[ri]) {
    case RULE_APPLIED:
        if (r->coupon >= 0)
            priced_cart_note(m->p, NOTE_APPLIED, true, -m->amount[ri], "%s (%s)", r->p.name, r->code);
        else
            priced_cart_note(m->p, NOTE_APPLIED, true, -m->amount[ri], "%s", r->p.name);
        return;
    case RULE_EXCLUDED:
        priced_cart_note(m->p, NOTE_NOT_APPLIED, false, 0, "%s — not combinable with %s", rule_label(r),
                         m->s->rules[m->winner].p.name);
        return;
    case RULE_NOTHING: {
        if (r->coupon < 0 && r->p.kind == PROMO_FREE_SHIPPING)
            return; /* shipping free already: nothing to say unless a code was typed */
        char why[160];
        nothing_why(m, ri, why, sizeof why);
        priced_cart_note(m->p, NOTE_NOT_APPLIED, false, 0, "%s — %s", rule_label(r), why);
        return;
    }
    case RULE_NOT:
    case RULE_BUDGET:
        priced_cart_note(m->p, NOTE_NOT_APPLIED, false, 0, "%s — %s", rule_label(r), m->why[ri]);
        return;
    case RULE_OUT:
        if (r->coupon >= 0)
            priced_cart_note(m->p, NOTE_NOT_APPLIED, false, 0, "%s — %s", rule_label(r), m->why[ri]);
        return;
    case RULE_CANDIDATE: return;
    }
}

/* Applied first, by level; then the codes typed, in the order typed; then the others by id. */
static void write_notes(struct match *m, const int *order, int n)
{
    sum_amounts(m);
    for (int k = 0; k < n; k++)
        if (m->status[order[k]] == RULE_APPLIED)
            note_rule(m, order[k]);
    for (int k = 0; k < m->s->ncoupons; k++) {
        int ri = m->s->coupons[k].rule;
        if (ri >= 0 && m->s->rules[ri].coupon == k && m->status[ri] != RULE_APPLIED &&
            promotion_step_of(&m->s->rules[ri].p) == m->step)
            note_rule(m, ri);
    }
    for (int ri = 0; ri < m->s->nrules; ri++)
        if (m->s->rules[ri].coupon < 0 && m->status[ri] != RULE_APPLIED &&
            promotion_step_of(&m->s->rules[ri].p) == m->step)
            note_rule(m, ri);
}

/* The codes typed that name nothing, or the same promotion twice. */
static void note_coupons(const struct cart *c, const struct promotion_set *s, struct priced_cart *p)
{
    for (int i = 0; i < c->ncoupons; i++) {
        if (s == NULL || i >= s->ncoupons || s->coupons[i].rule < 0)
            priced_cart_note(p, NOTE_NOT_APPLIED, false, 0, "%s — unknown code", c->coupons[i]);
        else if (s->rules[s->coupons[i].rule].coupon != i)
            priced_cart_note(p, NOTE_NOT_APPLIED, false, 0, "%s — %s is in the cart already", c->coupons[i],
                             s->rules[s->coupons[i].rule].p.name);
    }
}

static void record_codes(struct match *m)
{
    for (int ri = 0; ri < m->s->nrules; ri++) {
        const struct promotion_rule *r = &m->s->rules[ri];
        if (m->status[ri] != RULE_APPLIED || r->coupon < 0 || m->p->ncodes >= CART_MAX_COUPONS)
            continue;
        m->p->codes[m->p->ncodes].promotion_id = r->p.id;
        m->p->codes[m->p->ncodes].code_id = r->code_id;
        m->p->ncodes++;
    }
}

/* ------------------------------------------------------------ the step */

static void match_init(struct match *m, const struct cart_inputs *in, const struct cart *c,
                       struct priced_cart *p, enum promotion_step step)
{
    memset(m, 0, sizeof *m);
    m->in = in;
    m->c = c;
    m->p = p;
    m->s = in->promotions;
    m->step = step;
    size_t lines = (size_t)p->nlines + 1, rules = (size_t)m->s->nrules + 1;
    m->stop_level = xcalloc(lines, sizeof *m->stop_level);
    m->stopper = xcalloc(lines, sizeof *m->stopper);
    m->base = xcalloc(lines, sizeof *m->base);
    m->want = xcalloc(lines, sizeof *m->want);
    m->by_sku = xcalloc(lines, sizeof *m->by_sku);
    m->weights = xcalloc(lines, sizeof *m->weights);
    m->parts = xcalloc(lines, sizeof *m->parts);
    m->keys = xcalloc(lines > rules ? lines : rules, sizeof *m->keys);
    m->units = xmalloc(rules * sizeof *m->units);
    for (size_t i = 0; i < rules; i++)
        m->units[i] = -1;
    m->amount = xcalloc(rules, sizeof *m->amount);
    m->line_cat = xcalloc(lines, sizeof *m->line_cat);
    m->rule_cat = xmalloc(rules * sizeof *m->rule_cat);
    for (size_t i = 0; i < rules; i++)
        m->rule_cat[i] = -2;
    m->tlist = xmalloc(rules * lines * sizeof *m->tlist);
    m->tcount = xmalloc(rules * sizeof *m->tcount);
    for (size_t i = 0; i < rules; i++)
        m->tcount[i] = -1;
    m->sku_pos = xcalloc(lines, sizeof *m->sku_pos);
    m->cheap_first = xcalloc(lines, sizeof *m->cheap_first);
    m->dear_first = xcalloc(lines, sizeof *m->dear_first);
    m->status = xcalloc(rules, sizeof *m->status);
    m->why = xcalloc(rules, sizeof *m->why);
}

static void match_free(struct match *m)
{
    free(m->stop_level);
    free(m->stopper);
    free(m->base);
    free(m->want);
    free(m->by_sku);
    free(m->weights);
    free(m->parts);
    free(m->keys);
    free(m->units);
    free(m->line_cat);
    free(m->rule_cat);
    free(m->tlist);
    free(m->tcount);
    free(m->sku_pos);
    free(m->cheap_first);
    free(m->dear_first);
    free(m->amount);
    free(m->status);
    free(m->why);
}

/* The goods lines by SKU, by price both ways, and by category. */
static void match_orders(struct match *m)
{
    const struct priced_cart *p = m->p;
    for (int k = 0; k < p->ngoods; k++)
        m->keys[k] = (struct sort_key){0, 0, p->lines[k].sku, k};
    sort_indexes(m->keys, p->ngoods, m->by_sku);
    for (int k = 0; k < p->ngoods; k++)
        m->sku_pos[m->by_sku[k]] = k;
    for (int k = 0; k < p->ngoods; k++)
        m->keys[k] = (struct sort_key){p->lines[k].unit_price, 0, p->lines[k].sku, k};
    sort_indexes(m->keys, p->ngoods, m->cheap_first);
    for (int k = 0; k < p->ngoods; k++)
        m->keys[k] = (struct sort_key){-p->lines[k].unit_price, 0, p->lines[k].sku, k};
    sort_indexes(m->keys, p->ngoods, m->dear_first);
    for (int i = 0; i < p->ngoods; i++) {
        m->line_cat[i] = i;
        for (int j = 0; j < i && m->line_cat[i] == i; j++)
            if (m->line_cat[j] == j && strcasecmp(p->lines[i].category, p->lines[j].category) == 0)
                m->line_cat[i] = j;
    }
    for (int i = 0; i < p->nlines; i++) {
        m->stop_level[i] = NO_STOP;
        m->stopper[i] = -1;
    }
}

/* Each rule of the step: candidate, or why not. The candidates go into order. */
static int classify(struct match *m, int *order)
{
    int n = 0;
    for (int ri = 0; ri < m->s->nrules; ri++) {
        const struct promotion_rule *r = &m->s->rules[ri];
        m->status[ri] = RULE_OUT;
        if (promotion_step_of(&r->p) != m->step || (r->p.activation == PROMO_CODE && r->coupon < 0))
            continue;
        m->status[ri] = rule_eligible(m, r, m->why[ri], sizeof m->why[ri]);
        if (m->status[ri] != RULE_CANDIDATE)
            continue;
        if (m->winner >= 0 && ri != m->winner)
            m->status[ri] = RULE_EXCLUDED;
        else if (m->winner < 0 && r->p.exclusive)
            m->status[ri] = RULE_NOTHING; /* exclusive, and nothing to give alone */
        else
            order[n++] = ri;
    }
    return n;
}

int promotion_apply(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                    enum promotion_step step, struct err *e)
{
    if (step == PROMO_STEP_LINES)
        note_coupons(c, in->promotions, p);
    if (in->promotions == NULL || in->promotions->nrules == 0)
        return ERR_OK;
    struct match m;
    match_init(&m, in, c, p, step);
    match_orders(&m);
    int *order = xcalloc((size_t)m.s->nrules + 1, sizeof *order);
    int rc = ERR_OK;
    m.winner = exclusive_winner(&m, e);
    if (m.winner == -2)
        rc = e ? e->code : ERR_INVALID;
    if (rc == ERR_OK) {
        stops_so_far(&m);
        int n = classify(&m, order);
        rc = run_levels(&m, order, n, e);
        if (rc == ERR_OK) {
            write_notes(&m, order, n);
            record_codes(&m);
        }
    }
    free(order);
    match_free(&m);
    return rc;
}
