/* Promotions against a cart, without a database, in exact cents: the
 * issue's examples (10 % per line, 10.00 spread over three lines, buy 2 get 1
 * at 2, 3, 5, 6 units and with a maximum, cheapest and dearest), B2C
 * discounts with the tax recomputed, stacking at equal and different
 * priorities, exclusive, stop scoped to its lines, fixed prices, free
 * shipping, the date window's ends, first order, tier, limits and every
 * "why not" the cart shows; and the pricing time of a 50-line cart against
 * 500 promotions. */
#include <locale.h>
#include <time.h>

#include "src/b2c/b2c_hooks.h"
#include "src/b2c/cart.h"
#include "src/b2c/promotion.h"
#include "testutil.h"

/* Products with their consumer prices (tax included), shipping, Friday 27 November 2026. */
struct world {
    struct cart_inputs in;
    struct cart_product products[8];
    struct shipping_method methods[2];
    struct promotion_set *set;
};

static struct cart_product product(int64_t id, const char *sku, const char *category, int64_t price, int rate)
{
    struct cart_product p = {.id = id,
                             .consumer_price = price,
                             .list_price = price * 10000 / (10000 + rate),
                             .tax_rate_bp = rate,
                             .free_stock = 1000,
                             .restock_days = -1,
                             .min_order_qty = 1,
                             .pack_size = 1,
                             .active = true};
    snprintf(p.sku, sizeof p.sku, "%s", sku);
    snprintf(p.name, sizeof p.name, "%s product", sku);
    snprintf(p.category, sizeof p.category, "%s", category);
    snprintf(p.tax_class, sizeof p.tax_class, "%s", rate ? "standard" : "zero");
    return p;
}

static void world_init(struct world *w)
{
    memset(w, 0, sizeof *w);
    w->products[0] = product(1, "A", "Café", 10000, 0);
    w->products[1] = product(2, "B", "Café", 10000, 0);
    w->products[2] = product(3, "C", "Thé", 10000, 0);
    w->products[3] = product(4, "D46", "Thé", 4600, 0);
    w->products[4] = product(5, "E50", "Thé", 5000, 0);
    w->products[5] = product(6, "F60", "Vaisselle", 6000, 2000);
    w->products[6] = product(7, "G40", "Vaisselle", 4000, 2000);
    w->products[7] = product(8, "H12", "Café", 1200, 2000);
    struct shipping_method m = {
        .fee = 490, .free_over = 50000, .lead_days = 3, .tax_rate_bp = 2000, .active = true};
    snprintf(m.code, sizeof m.code, "standard");
    snprintf(m.name, sizeof m.name, "Standard");
    snprintf(m.tax_class, sizeof m.tax_class, "standard");
    w->methods[0] = m;
    snprintf(m.code, sizeof m.code, "pickup");
    m.fee = 0;
    w->methods[1] = m;
    w->in.products = w->products;
    w->in.nproducts = 8;
    w->in.methods = w->methods;
    w->in.nmethods = 2;
    w->in.backorder_days = 10;
    snprintf(w->in.today, sizeof w->in.today, "2026-11-27");
    snprintf(w->in.now_hm, sizeof w->in.now_hm, "10:00");
    w->set = promotion_set_new("EUR");
    w->set->first_order = true;
    w->in.promotions = w->set;
}

static void world_free(struct world *w)
{
    promotion_set_free(&w->set);
}

static struct promotion promo(int64_t id, enum promotion_kind kind, int64_t value)
{
    struct promotion p = {.id = id,
                          .kind = kind,
                          .value = value,
                          .target = PROMO_ON_ORDER,
                          .activation = PROMO_AUTO,
                          .channel = -1,
                          .budget = -1,
                          .get_percent_bp = 10000};
    snprintf(p.name, sizeof p.name, "P%lld", (long long)id);
    return p;
}

static struct promotion on_category(struct promotion p, const char *category)
{
    p.target = PROMO_ON_CATEGORY;
    snprintf(p.category, sizeof p.category, "%s", category);
    return p;
}

static struct promotion buy_get(int64_t id, int64_t x, int64_t y)
{
    struct promotion p = promo(id, PROMO_BUY_GET, 0);
    p.buy_qty = x;
    p.get_qty = y;
    return p;
}

static void add_rule(struct world *w, struct promotion p)
{
    promotion_set_add(w->set, &p, NULL, 0);
}

static void add_sku_rule(struct world *w, struct promotion p, int64_t product_id)
{
    p.target = PROMO_ON_SKUS;
    promotion_set_add(w->set, &p, &product_id, 1);
}

/* The coupon typed in the cart names promotion id by this code. */
static void typed(struct world *w, struct cart *c, int64_t id, const char *code, bool single_use,
                  const char *used_order)
{
    int i = c->ncoupons++;
    snprintf(c->coupons[i], sizeof c->coupons[i], "%s", code);
    const struct promotion_rule *r = promotion_set_find(w->set, id);
    int ri = r ? (int)(r - w->set->rules) : -1;
    snprintf(w->set->coupons[i].typed, sizeof w->set->coupons[i].typed, "%s", code);
    w->set->coupons[i].rule = ri;
    w->set->ncoupons = c->ncoupons;
    if (ri < 0)
        return;
    struct promotion_rule *rule = &w->set->rules[ri];
    rule->coupon = i;
    rule->code_id = 100 + id;
    rule->single_use = single_use;
    snprintf(rule->code, sizeof rule->code, "%s", code);
    snprintf(rule->used_order, sizeof rule->used_order, "%s", used_order ? used_order : "");
}

static struct cart *cart_of(const char *spec)
{
    struct cart *c = cart_new(CHANNEL_B2C);
    cart_set_customer(c, 7);
    snprintf(c->shipping_method, sizeof c->shipping_method, "pickup");
    char sku[16];
    long long qty;
    int id, used;
    while (sscanf(spec, " %d:%15[^:]:%lld%n", &id, sku, &qty, &used) == 3) {
        assert_int_equal(cart_add(c, id, sku, qty, NULL, NULL), ERR_OK);
        spec += used;
    }
    return c;
}

static void price(struct world *w, const struct cart *c, struct priced_cart *p)
{
    struct err e = {0};
    promotion_set_finish(w->set);
    if (cart_price(&w->in, c, p, &e) != ERR_OK)
        fail_msg("cart_price: %s", e.msg);
}

/* The priced line of a SKU. */
static const struct priced_line *line(const struct priced_cart *p, const char *sku)
{
    for (int i = 0; i < p->nlines; i++)
        if (strcmp(p->lines[i].sku, sku) == 0)
            return &p->lines[i];
    fail_msg("no line %s", sku);
    return NULL;
}

/* What promotion id took off a line. */
static int64_t share(const struct priced_cart *p, const char *sku, int64_t id)
{
    int64_t sum = 0;
    const struct priced_line *l = line(p, sku);
    for (int k = 0; k < p->nadjustments; k++)
        if (&p->lines[p->adjustments[k].line] == l && p->adjustments[k].source_id == id)
            sum += p->adjustments[k].amount;
    return sum;
}

/* The note that starts with text (kind and all), or fails. */
static const struct cart_note *note(const struct priced_cart *p, enum cart_note_kind kind, const char *text)
{
    for (int i = 0; i < p->nnotes; i++)
        if (p->notes[i].kind == kind && strncmp(p->notes[i].text, text, strlen(text)) == 0)
            return &p->notes[i];
    for (int i = 0; i < p->nnotes; i++)
        fprintf(stderr, "note %d: %s\n", p->notes[i].kind, p->notes[i].text);
    fail_msg("no note '%s'", text);
    return NULL;
}

static bool has_note(const struct priced_cart *p, const char *text)
{
    for (int i = 0; i < p->nnotes; i++)
        if (strstr(p->notes[i].text, text))
            return true;
    return false;
}

/* ------------------------------------------------------------ the arithmetic */

/* 2 × 46.00 + 3 × 50.00 at 10 % off is 24.20 off: 4.60 and 5.00 a unit, never 4.99. */
static void test_a_percentage_is_rounded_per_line(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    add_rule(&w, promo(1, PROMO_PERCENT, 1000));
    struct cart *c = cart_of("4:D46:2 5:E50:3");
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(share(&p, "D46", 1), 920);
    assert_int_equal(share(&p, "E50", 1), 1500);
    assert_int_equal(p.discount_total, 2420);
    assert_int_equal(p.total, 9200 + 15000 - 2420);
    assert_int_equal(note(&p, NOTE_APPLIED, "P1")->amount, -2420);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* 10.00 over three lines of 100.00, entered C, A, B: by SKU, running shares
 * 333.3 → 333, 666.7 → 667, 1000: A 3.33, B 3.34, C 3.33. */
static void test_a_fixed_amount_spreads_exactly_over_the_lines_by_sku(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    add_rule(&w, promo(1, PROMO_FIXED, 1000));
    struct cart *c = cart_of("3:C:1 1:A:1 2:B:1");
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(share(&p, "A", 1), 333);
    assert_int_equal(share(&p, "B", 1), 334);
    assert_int_equal(share(&p, "C", 1), 333);
    assert_int_equal(p.discount_total, 1000);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* A fixed amount never takes more than the lines cost. */
static void test_a_fixed_amount_stops_at_what_the_lines_cost(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    add_rule(&w, on_category(promo(1, PROMO_FIXED, 5000), "Café"));
    struct cart *c = cart_of("8:H12:2 3:C:1");
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(share(&p, "H12", 1), 2400);
    assert_int_equal(share(&p, "C", 1), 0);
    assert_int_equal(line(&p, "H12")->total, 0);
    assert_int_equal(line(&p, "H12")->tax, 0);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* Buy 2 get 1 at 2, 3, 5, 6 units discounts 0, 1, 1, 2 units. */
static void test_buy_two_get_one_at_two_three_five_six(void **state)
{
    (void)state;
    const long long qty[] = {2, 3, 5, 6}, free_units[] = {0, 1, 1, 2};
    for (int i = 0; i < 4; i++) {
        struct world w;
        world_init(&w);
        add_rule(&w, buy_get(1, 2, 1));
        char spec[32];
        snprintf(spec, sizeof spec, "8:H12:%lld", qty[i]);
        struct cart *c = cart_of(spec);
        struct priced_cart p = {0};
        price(&w, c, &p);
        assert_int_equal(share(&p, "H12", 1), free_units[i] * 1200);
        if (free_units[i] == 0)
            note(&p, NOTE_NOT_APPLIED, "P1 — buy 2 get 1: 1 more item to go");
        priced_cart_free(&p);
        cart_free(&c);
        world_free(&w);
    }
}

static void test_buy_get_stops_at_its_maximum(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    struct promotion b = buy_get(1, 2, 1);
    b.max_free = 2;
    add_rule(&w, b);
    struct cart *c = cart_of("8:H12:9");
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(share(&p, "H12", 1), 2 * 1200); /* 3 groups, at most 2 free */
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* Mixed prices: the cheapest units by default, the dearest when asked, and
 * the same result whatever order the lines were added in. */
static void test_buy_get_cheapest_or_dearest_whatever_the_order(void **state)
{
    (void)state;
    const char *orders[] = {"4:D46:3 8:H12:3", "8:H12:3 4:D46:3"};
    for (int dearest = 0; dearest < 2; dearest++)
        for (int o = 0; o < 2; o++) {
            struct world w;
            world_init(&w);
            struct promotion b = buy_get(1, 2, 1);
            b.dearest = dearest;
            add_rule(&w, b);
            struct cart *c = cart_of(orders[o]);
            struct priced_cart p = {0};
            price(&w, c, &p);
            /* 6 units: 2 discounted; cheapest 2 × 12.00, dearest 2 × 46.00 */
            assert_int_equal(share(&p, "H12", 1), dearest ? 0 : 2400);
            assert_int_equal(share(&p, "D46", 1), dearest ? 9200 : 0);
            priced_cart_free(&p);
            cart_free(&c);
            world_free(&w);
        }
}

/* Buy 3 get 1 at half price, over two lines at the same price: ties by SKU. */
static void test_buy_get_at_a_percent_ties_by_sku(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    struct promotion b = buy_get(1, 3, 1);
    b.get_percent_bp = 5000;
    add_rule(&w, b);
    struct cart *c = cart_of("2:B:2 1:A:2");
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(share(&p, "A", 1), 5000);
    assert_int_equal(share(&p, "B", 1), 0);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* B2C 60.00 + 40.00 incl. 20 %, a 10 % coupon: 54.00 / 36.00, tax 9.00 and
 * 6.00, net 45.00 / 30.00; a 10.00 fixed coupon gives the same. */
static void test_b2c_discounts_lower_the_price_with_tax_and_tax_follows(void **state)
{
    (void)state;
    for (int fixed = 0; fixed < 2; fixed++) {
        struct world w;
        world_init(&w);
        add_rule(&w, fixed ? promo(1, PROMO_FIXED, 1000) : promo(1, PROMO_PERCENT, 1000));
        struct cart *c = cart_of("6:F60:1 7:G40:1");
        struct priced_cart p = {0};
        price(&w, c, &p);
        assert_int_equal(line(&p, "F60")->total, 5400);
        assert_int_equal(line(&p, "G40")->total, 3600);
        assert_int_equal(line(&p, "F60")->tax, 900);
        assert_int_equal(line(&p, "G40")->tax, 600);
        assert_int_equal(line(&p, "F60")->net, 4500);
        assert_int_equal(line(&p, "G40")->net, 3000);
        assert_int_equal(p.total, 9000);
        assert_int_equal(p.tax_total, 1500);
        priced_cart_free(&p);
        cart_free(&c);
        world_free(&w);
    }
}

/* A fixed price brings each line to quantity × price. */
static void test_a_fixed_price_for_a_sku(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    add_sku_rule(&w, promo(1, PROMO_PRICE, 999), 8);
    struct cart *c = cart_of("8:H12:2 1:A:1");
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(share(&p, "H12", 1), 402);
    assert_int_equal(line(&p, "H12")->total, 1998);
    assert_int_equal(share(&p, "A", 1), 0);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* ------------------------------------------------------------ stacking */

/* Same priority: both on the same base, whichever was created first. */
static void test_one_priority_computes_on_one_base_whatever_the_creation_order(void **state)
{
    (void)state;
    for (int swap = 0; swap < 2; swap++) {
        struct world w;
        world_init(&w);
        add_rule(&w, promo(swap ? 2 : 1, PROMO_PERCENT, 1000));
        add_rule(&w, promo(swap ? 1 : 2, PROMO_PERCENT, 2000));
        struct cart *c = cart_of("1:A:1");
        struct priced_cart p = {0};
        price(&w, c, &p);
        assert_int_equal(share(&p, "A", swap ? 2 : 1), 1000);
        assert_int_equal(share(&p, "A", swap ? 1 : 2), 2000);
        assert_int_equal(p.total, 7000);
        priced_cart_free(&p);
        cart_free(&c);
        world_free(&w);
    }
}

/* Higher priority first: the lower level computes on what is left. */
static void test_a_lower_priority_computes_on_what_the_higher_left(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    struct promotion low = promo(1, PROMO_PERCENT, 1000), high = promo(2, PROMO_PERCENT, 1000);
    high.priority = 5;
    add_rule(&w, low);
    add_rule(&w, high);
    struct cart *c = cart_of("1:A:1");
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(share(&p, "A", 2), 1000);
    assert_int_equal(share(&p, "A", 1), 900);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* One level may not take more than a line has left: the cap in id order. */
static void test_a_line_is_never_discounted_below_zero(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    add_rule(&w, promo(1, PROMO_PERCENT, 8000));
    add_rule(&w, promo(2, PROMO_PERCENT, 5000));
    struct cart *c = cart_of("1:A:1");
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(share(&p, "A", 1), 8000);
    assert_int_equal(share(&p, "A", 2), 2000);
    assert_int_equal(line(&p, "A")->total, 0);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* Exclusive: applies alone; between exclusive ones the higher priority, then the larger discount. */
static void test_an_exclusive_promotion_applies_alone(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    struct promotion a = promo(1, PROMO_PERCENT, 1000), b = promo(2, PROMO_PERCENT, 1500),
                     c15 = promo(3, PROMO_FIXED, 2500), d = promo(4, PROMO_PERCENT, 500);
    b.exclusive = c15.exclusive = true;
    snprintf(c15.name, sizeof c15.name, "Big");
    add_rule(&w, a);
    add_rule(&w, b);
    add_rule(&w, c15);
    add_rule(&w, d);
    struct cart *c = cart_of("1:A:1");
    struct priced_cart p = {0};
    price(&w, c, &p);
    /* same priority: 25.00 fixed beats 15 % (15.00) */
    assert_int_equal(p.discount_total, 2500);
    assert_int_equal(share(&p, "A", 3), 2500);
    note(&p, NOTE_NOT_APPLIED, "P1 — not combinable with Big");
    note(&p, NOTE_NOT_APPLIED, "P2 — not combinable with Big");
    priced_cart_free(&p);
    /* a higher priority wins over a larger discount */
    w.set->rules[1].p.priority = 1;
    price(&w, c, &p);
    assert_int_equal(p.discount_total, 1500);
    assert_int_equal(share(&p, "A", 2), 1500);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* Stop keeps lower priorities off the lines it took, and only those. */
static void test_stop_is_scoped_to_its_lines(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    struct promotion s = on_category(promo(1, PROMO_PERCENT, 1000), "Café");
    s.priority = 10;
    s.stop = true;
    snprintf(s.name, sizeof s.name, "Café week");
    add_rule(&w, s);
    add_rule(&w, promo(2, PROMO_PERCENT, 500));
    struct cart *c = cart_of("1:A:1 3:C:1");
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(share(&p, "A", 1), 1000);
    assert_int_equal(share(&p, "A", 2), 0); /* taken by the stop */
    assert_int_equal(share(&p, "C", 2), 500);
    assert_true(line(&p, "A")->stopped);
    assert_false(line(&p, "C")->stopped);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* A stop does not hold back a higher priority of a later step. */
static void test_stop_holds_back_only_lower_priorities(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    struct promotion s = on_category(promo(1, PROMO_PERCENT, 1000), "Café");
    s.priority = 5;
    s.stop = true;
    struct promotion high = promo(2, PROMO_PERCENT, 1000);
    high.priority = 9;
    add_rule(&w, s);
    add_rule(&w, high);
    struct cart *c = cart_of("1:A:1");
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(share(&p, "A", 1), 1000);
    assert_int_equal(share(&p, "A", 2), 900);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* ------------------------------------------------------------ shipping */

static void test_free_shipping_takes_the_shipping_line(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    add_rule(&w, promo(1, PROMO_FREE_SHIPPING, 0));
    struct cart *c = cart_of("8:H12:1");
    snprintf(c->shipping_method, sizeof c->shipping_method, "standard");
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(line(&p, "standard")->total, 0);
    assert_int_equal(share(&p, "standard", 1), 490);
    assert_int_equal(p.total, 1200);
    assert_int_equal(note(&p, NOTE_APPLIED, "P1")->amount, -490);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* ------------------------------------------------------------ conditions */

/* A code ending today applies all day; ended yesterday, it says so; starting tomorrow, too. */
static void test_the_date_window_is_inclusive_and_says_why(void **state)
{
    (void)state;
    const char *ends[] = {"2026-11-27", "2026-11-26"};
    for (int i = 0; i < 2; i++) {
        struct world w;
        world_init(&w);
        struct promotion s = promo(1, PROMO_PERCENT, 1000);
        s.activation = PROMO_CODE;
        snprintf(s.name, sizeof s.name, "Spring");
        snprintf(s.ends_on, sizeof s.ends_on, "%s", ends[i]);
        add_rule(&w, s);
        struct cart *c = cart_of("1:A:1");
        promotion_set_finish(w.set);
        typed(&w, c, 1, "SPRING", false, NULL);
        struct priced_cart p = {0};
        struct err e = {0};
        assert_int_equal(cart_price(&w.in, c, &p, &e), ERR_OK);
        if (i == 0) {
            assert_int_equal(p.discount_total, 1000);
            note(&p, NOTE_APPLIED, "Spring (SPRING)");
            assert_int_equal(p.ncodes, 1);
            assert_int_equal(p.codes[0].code_id, 101);
        } else {
            assert_int_equal(p.discount_total, 0);
            note(&p, NOTE_NOT_APPLIED, "SPRING — ended on 26 Nov");
        }
        priced_cart_free(&p);
        cart_free(&c);
        world_free(&w);
    }
}

/* Every reason a cart shows, in the words. */
static void test_each_promotion_not_applied_says_why(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    struct promotion welcome = promo(1, PROMO_PERCENT, 1000), vip = promo(2, PROMO_PERCENT, 1000),
                     bulk = promo(3, PROMO_PERCENT, 1000), noel = promo(4, PROMO_PERCENT, 1000),
                     later = promo(5, PROMO_PERCENT, 1000), budget = promo(6, PROMO_FIXED, 500),
                     once = promo(7, PROMO_PERCENT, 1000), b2b = promo(8, PROMO_PERCENT, 1000);
    snprintf(welcome.name, sizeof welcome.name, "WELCOME");
    welcome.first_order = true;
    snprintf(vip.name, sizeof vip.name, "VIP");
    snprintf(vip.tier, sizeof vip.tier, "gold");
    snprintf(bulk.name, sizeof bulk.name, "BULK");
    bulk.min_subtotal = 5000;
    noel.activation = PROMO_CODE;
    noel.max_uses = 100;
    noel.uses = 100;
    later.activation = PROMO_CODE;
    snprintf(later.starts_on, sizeof later.starts_on, "2026-12-01");
    budget.budget = 10000;
    budget.granted = 10000;
    snprintf(budget.name, sizeof budget.name, "Budgeted");
    once.activation = PROMO_CODE;
    b2b.activation = PROMO_CODE;
    b2b.channel = CHANNEL_B2B;
    struct promotion *all[] = {&welcome, &vip, &bulk, &noel, &later, &budget, &once, &b2b};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        add_rule(&w, *all[i]);
    w.set->first_order = false;
    snprintf(w.in.customer_tier, sizeof w.in.customer_tier, "silver");
    struct cart *c = cart_of("8:H12:3");
    w.products[7].consumer_price = 1400; /* 42.00 */
    promotion_set_finish(w.set);
    typed(&w, c, 4, "NOEL25", false, NULL);
    typed(&w, c, 5, "LATER", false, NULL);
    typed(&w, c, 7, "ONE-SHOT-XY", true, "O-000042");
    typed(&w, c, 8, "PRO", false, NULL);
    typed(&w, c, 99, "NOPE", false, NULL);
    struct priced_cart p = {0};
    struct err e = {0};
    assert_int_equal(cart_price(&w.in, c, &p, &e), ERR_OK);
    assert_int_equal(p.discount_total, 0);
    note(&p, NOTE_NOT_APPLIED, "WELCOME — first order only");
    note(&p, NOTE_NOT_APPLIED, "VIP — for gold tier");
    note(&p, NOTE_NOT_APPLIED, "BULK — 42.00 € of 50.00 € minimum, 8.00 € to go");
    note(&p, NOTE_NOT_APPLIED, "NOEL25 — used 100 of 100");
    note(&p, NOTE_NOT_APPLIED, "LATER — starts on 1 Dec");
    note(&p, NOTE_NOT_APPLIED, "Budgeted — budget spent");
    note(&p, NOTE_NOT_APPLIED, "ONE-SHOT-XY — code already used on O-000042");
    note(&p, NOTE_NOT_APPLIED, "PRO — for business accounts only");
    note(&p, NOTE_NOT_APPLIED, "NOPE — unknown code");
    assert_int_equal(p.ncodes, 0);
    priced_cart_free(&p);
    /* the first order and the tier, met */
    w.set->first_order = true;
    snprintf(w.in.customer_tier, sizeof w.in.customer_tier, "Gold");
    assert_int_equal(cart_price(&w.in, c, &p, &e), ERR_OK);
    note(&p, NOTE_APPLIED, "WELCOME");
    note(&p, NOTE_APPLIED, "VIP");
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* An anonymous sale is nobody's first order, and cannot count a customer's uses. */
static void test_nobody_known_gets_no_first_order_nor_per_customer(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    struct promotion welcome = promo(1, PROMO_PERCENT, 1000), per = promo(2, PROMO_PERCENT, 1000);
    welcome.first_order = true;
    per.per_customer = 1;
    add_rule(&w, welcome);
    add_rule(&w, per);
    struct cart *c = cart_of("1:A:1");
    cart_set_customer(c, 0);
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(p.discount_total, 0);
    note(&p, NOTE_NOT_APPLIED, "P1 — first order only");
    note(&p, NOTE_NOT_APPLIED, "P2 — needs a known customer");
    priced_cart_free(&p);
    /* known, with the use spent */
    cart_set_customer(c, 7);
    w.set->rules[1].party_uses = 1;
    price(&w, c, &p);
    note(&p, NOTE_NOT_APPLIED, "P2 — already used by this customer");
    note(&p, NOTE_APPLIED, "P1");
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* A budget is never passed: a discount larger than what is left does not apply. */
static void test_a_budget_is_never_passed(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    struct promotion b = promo(1, PROMO_PERCENT, 1000);
    b.budget = 10000;
    b.granted = 9500;
    add_rule(&w, b);
    struct cart *c = cart_of("1:A:1");
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(p.discount_total, 0);
    note(&p, NOTE_NOT_APPLIED, "P1 — only 5.00 € of its budget left");
    priced_cart_free(&p);
    w.set->rules[0].p.granted = 9000;
    price(&w, c, &p);
    assert_int_equal(p.discount_total, 1000);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* Automatic promotions that have nothing to do with the cart stay silent. */
static void test_unrelated_promotions_say_nothing(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    struct promotion old = promo(1, PROMO_PERCENT, 1000);
    snprintf(old.ends_on, sizeof old.ends_on, "2025-01-01");
    add_rule(&w, old);
    add_rule(&w, on_category(promo(2, PROMO_PERCENT, 1000), "Vaisselle"));
    struct cart *c = cart_of("1:A:1");
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_int_equal(p.nnotes, 0);
    assert_int_equal(p.discount_total, 0);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* A code typed with no set loaded is still said not applied. */
static void test_a_code_is_never_silently_ignored(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    w.in.promotions = NULL;
    struct cart *c = cart_of("1:A:1");
    snprintf(c->coupons[0], sizeof c->coupons[0], "HELLO");
    c->ncoupons = 1;
    struct priced_cart p = {0};
    price(&w, c, &p);
    assert_true(has_note(&p, "HELLO — unknown code"));
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

/* The counter's coupon key: a code goes in, the same code in any case takes it out. */
static void test_a_code_typed_again_comes_out_of_the_cart(void **state)
{
    (void)state;
    struct cart *c = cart_new(CHANNEL_B2C);
    struct err e = {0};
    bool added = false;
    assert_int_equal(promotion_cart_code(c, "  NOEL10 ", &added, &e), ERR_OK);
    assert_true(added);
    assert_string_equal(c->coupons[0], "NOEL10");
    assert_int_equal(promotion_cart_code(c, "VIP15", &added, &e), ERR_OK);
    assert_int_equal(promotion_cart_code(c, "noel10", &added, &e), ERR_OK);
    assert_false(added);
    assert_int_equal(c->ncoupons, 1);
    assert_string_equal(c->coupons[0], "VIP15");
    assert_int_equal(promotion_cart_code(c, "   ", &added, &e), ERR_INVALID);
    assert_int_equal(promotion_cart_code(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", &added, &e), ERR_INVALID);
    for (int i = 0; i < CART_MAX_COUPONS - 1; i++) {
        char code[8];
        snprintf(code, sizeof code, "C%d", i);
        assert_int_equal(promotion_cart_code(c, code, &added, &e), ERR_OK);
    }
    assert_int_equal(promotion_cart_code(c, "ONEMORE", &added, &e), ERR_INVALID);
    assert_string_equal(e.field, "code");
    assert_int_equal(c->ncoupons, CART_MAX_COUPONS);
    cart_free(&c);
}

/* The editor's fields: a getter whose text lasts only until its next call
 * (as a form's does), every field read, a bad one named, written back the same. */
struct fields {
    const char *const *kv; /* name, value, …, NULL */
    char buf[256];
};

static const char *fields_get(void *ctx, const char *field)
{
    struct fields *f = ctx;
    f->buf[0] = '\0';
    for (int i = 0; f->kv[i]; i += 2)
        if (strcmp(f->kv[i], field) == 0)
            snprintf(f->buf, sizeof f->buf, "%s", f->kv[i + 1]);
    return f->buf;
}

static void test_the_editor_reads_and_writes_every_field(void **state)
{
    (void)state;
    static const char *const kv[] = {
        "name",     "Thé 2+1",    "kind",     "buy-get",    "on",           "category:Thé",
        "buy",      "2",          "get",      "1",          "get_percent",  "50",
        "max_free", "3",          "dearest",  "yes",        "min_subtotal", "20,00",
        "from",     "2026-12-01", "to",       "2026-12-31", "trigger",      "code",
        "code",     "",           "limit",    "100",        "per_customer", "1",
        "budget",   "500.00",     "priority", "5",          "stop",         "yes",
        "channel",  "b2c",        "tier",     "gold",       "first_order",  "no",
        NULL};
    struct fields f = {.kv = kv};
    struct promotion_edit in = {0};
    struct err e = {0};
    assert_int_equal(promotion_edit_read(fields_get, &f, &in, &e), ERR_OK);
    assert_int_equal(in.p.kind, PROMO_BUY_GET);
    assert_int_equal(in.p.target, PROMO_ON_CATEGORY);
    assert_string_equal(in.p.category, "Thé");
    assert_int_equal(in.p.buy_qty, 2);
    assert_int_equal(in.p.get_qty, 1);
    assert_int_equal(in.p.get_percent_bp, 5000);
    assert_int_equal(in.p.max_free, 3);
    assert_true(in.p.dearest);
    assert_int_equal(in.p.min_subtotal, 2000);
    assert_int_equal(in.p.activation, PROMO_CODE); /* trigger read before code: the getter's text moved */
    assert_int_equal(in.p.max_uses, 100);
    assert_int_equal(in.p.per_customer, 1);
    assert_int_equal(in.p.budget, 50000);
    assert_int_equal(in.p.priority, 5);
    assert_true(in.p.stop);
    assert_false(in.p.exclusive);
    assert_int_equal(in.p.channel, CHANNEL_B2C);
    assert_string_equal(in.p.tier, "gold");
    assert_int_equal(promotion_validate(&in, &e), ERR_OK);
    char text[64];
    promotion_edit_field(&in, "min_subtotal", text, sizeof text);
    assert_string_equal(text, "20.00");
    promotion_edit_field(&in, "get_percent", text, sizeof text);
    assert_string_equal(text, "50");
    promotion_edit_field(&in, "on", text, sizeof text);
    assert_string_equal(text, "category:Thé");
    promotion_edit_field(&in, "budget", text, sizeof text);
    assert_string_equal(text, "500.00");
    promotion_edit_field(&in, "channel", text, sizeof text);
    assert_string_equal(text, "b2c");
    promotion_edit_field(&in, "dearest", text, sizeof text);
    assert_string_equal(text, "yes");

    static const char *const bad[] = {"name", "X",     "kind",     "percent", "value",
                                      "10",   "limit", "beaucoup", NULL};
    struct fields g = {.kv = bad};
    assert_int_equal(promotion_edit_read(fields_get, &g, &in, &e), ERR_INVALID);
    assert_string_equal(e.field, "limit");
    static const char *const none[] = {"name", "X", "kind", "fixed", "value", "5", NULL};
    struct fields h = {.kv = none};
    assert_int_equal(promotion_edit_read(fields_get, &h, &in, &e), ERR_OK);
    assert_int_equal(in.p.budget, -1); /* empty: none */
    assert_int_equal(in.p.max_uses, 0);
    assert_int_equal(in.p.activation, PROMO_AUTO);
    assert_int_equal(in.p.channel, -1);
}

/* ------------------------------------------------------------ speed */

/* 50 lines against 500 live promotions of every kind: under 1 ms a pricing. */
static void test_pricing_50_lines_against_500_promotions_is_fast(void **state)
{
    (void)state;
    struct world w;
    world_init(&w);
    struct cart_product products[50];
    static const char *const categories[] = {"Café", "Thé", "Vaisselle", "Épicerie", "Cadeaux"};
    for (int i = 0; i < 50; i++) {
        char sku[16];
        snprintf(sku, sizeof sku, "SKU-%03d", i);
        products[i] = product(100 + i, sku, categories[i % 5], 500 + 37 * i, i % 3 ? 2000 : 550);
    }
    w.in.products = products;
    w.in.nproducts = 50;
    for (int i = 0; i < 500; i++) {
        static const enum promotion_kind kinds[] = {PROMO_PERCENT, PROMO_FIXED, PROMO_BUY_GET, PROMO_PRICE,
                                                    PROMO_PERCENT};
        struct promotion r = kinds[i % 5] == PROMO_BUY_GET
                                 ? buy_get(i + 1, 2, 1)
                                 : promo(i + 1, kinds[i % 5], i % 5 == 1 ? 200 : 300);
        r.priority = i % 7;
        r.stop = i % 11 == 0;
        r.min_subtotal = i % 13 == 0 ? 1000000 : 0;
        if (i % 3 == 0)
            r = on_category(r, categories[i % 5]);
        int64_t skus[3] = {100 + i % 50, 100 + (i * 7) % 50, 100 + (i * 13) % 50};
        if (i % 3 == 1) {
            r.target = PROMO_ON_SKUS;
            promotion_set_add(w.set, &r, skus, 1);
        } else {
            if (r.kind == PROMO_PRICE && r.target == PROMO_ON_ORDER)
                r = on_category(r, categories[(i + 1) % 5]);
            promotion_set_add(w.set, &r, NULL, 0);
        }
    }
    promotion_set_finish(w.set);
    struct cart *c = cart_new(CHANNEL_B2C);
    cart_set_customer(c, 7);
    for (int i = 0; i < 50; i++)
        assert_int_equal(cart_add(c, 100 + (i * 17) % 50, products[(i * 17) % 50].sku, 1 + i % 4, NULL, NULL),
                         ERR_OK);
    struct priced_cart p = {0};
    struct err e = {0};
    assert_int_equal(cart_price(&w.in, c, &p, &e), ERR_OK); /* warm */
    double best = 1e9;
    for (int round = 0; round < 50; round++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        assert_int_equal(cart_price(&w.in, c, &p, &e), ERR_OK);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
        best = ms < best ? ms : best;
    }
    printf("pricing a 50-line cart against 500 promotions: %.3f ms (best of 50; %d shares, %d notes)\n", best,
           p.nadjustments, p.nnotes);
    assert_true(p.nadjustments > 0);
#if !defined(__SANITIZE_ADDRESS__)
    assert_true(best < 1.0);
#endif
    int64_t sum = 0;
    for (int i = 0; i < p.nlines; i++) {
        assert_true(p.lines[i].total >= 0);
        sum += p.lines[i].total;
    }
    assert_int_equal(sum, p.total);
    priced_cart_free(&p);
    cart_free(&c);
    world_free(&w);
}

int main(void)
{
    setlocale(LC_ALL, "C");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_percentage_is_rounded_per_line),
        cmocka_unit_test(test_a_fixed_amount_spreads_exactly_over_the_lines_by_sku),
        cmocka_unit_test(test_a_fixed_amount_stops_at_what_the_lines_cost),
        cmocka_unit_test(test_buy_two_get_one_at_two_three_five_six),
        cmocka_unit_test(test_buy_get_stops_at_its_maximum),
        cmocka_unit_test(test_buy_get_cheapest_or_dearest_whatever_the_order),
        cmocka_unit_test(test_buy_get_at_a_percent_ties_by_sku),
        cmocka_unit_test(test_b2c_discounts_lower_the_price_with_tax_and_tax_follows),
        cmocka_unit_test(test_a_fixed_price_for_a_sku),
        cmocka_unit_test(test_one_priority_computes_on_one_base_whatever_the_creation_order),
        cmocka_unit_test(test_a_lower_priority_computes_on_what_the_higher_left),
        cmocka_unit_test(test_a_line_is_never_discounted_below_zero),
        cmocka_unit_test(test_an_exclusive_promotion_applies_alone),
        cmocka_unit_test(test_stop_is_scoped_to_its_lines),
        cmocka_unit_test(test_stop_holds_back_only_lower_priorities),
        cmocka_unit_test(test_free_shipping_takes_the_shipping_line),
        cmocka_unit_test(test_the_date_window_is_inclusive_and_says_why),
        cmocka_unit_test(test_each_promotion_not_applied_says_why),
        cmocka_unit_test(test_nobody_known_gets_no_first_order_nor_per_customer),
        cmocka_unit_test(test_a_budget_is_never_passed),
        cmocka_unit_test(test_unrelated_promotions_say_nothing),
        cmocka_unit_test(test_a_code_is_never_silently_ignored),
        cmocka_unit_test(test_a_code_typed_again_comes_out_of_the_cart),
        cmocka_unit_test(test_the_editor_reads_and_writes_every_field),
        cmocka_unit_test(test_pricing_50_lines_against_500_promotions_is_fast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
