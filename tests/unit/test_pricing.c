/* Pricing: the waterfall and its sources, floors and quantity checks, the
 * spread of an order discount, per-line rounding, tax per class, margin, speed. */
#include <time.h>

#include "src/b2b/quotes.h"
#include "testutil.h"

static struct pricing_product product(int64_t id, int64_t list, int64_t cost)
{
    struct pricing_product p = {.product_id = id,
                                .list_price = list,
                                .unit_cost = cost,
                                .min_order_qty = 1,
                                .pack_size = 1,
                                .tax_rate_bp = 2000,
                                .active = true};
    snprintf(p.sku, sizeof p.sku, "SKU-%lld", (long long)id);
    snprintf(p.name, sizeof p.name, "Product %lld", (long long)id);
    snprintf(p.category, sizeof p.category, "tools");
    snprintf(p.tax_class, sizeof p.tax_class, "standard");
    return p;
}

static struct price_line priced(const struct pricing_inputs *in, const struct pricing_product *p, int64_t qty)
{
    struct price_line l = {0};
    l.line.line_no = 1;
    l.line.quantity = qty;
    assert_int_equal(pricing_price_line(in, p, &l, NULL), ERR_OK);
    return l;
}

static struct price_line priced_manual(const struct pricing_inputs *in, const struct pricing_product *p,
                                       int64_t qty, enum manual_price kind, int64_t value)
{
    struct price_line l = {0};
    l.line.line_no = 1;
    l.line.quantity = qty;
    l.line.manual = kind;
    l.line.manual_value = value;
    assert_int_equal(pricing_price_line(in, p, &l, NULL), ERR_OK);
    return l;
}

static void test_list_price_when_nothing_else_applies(void **state)
{
    (void)state;
    struct pricing_inputs in = {0};
    struct pricing_product p = product(7, 12000, 8000);
    struct price_line l = priced(&in, &p, 3);
    assert_int_equal(l.line.unit_price, 12000);
    assert_int_equal(l.line.base_price, 12000);
    assert_string_equal(l.line.price_source, "list");
    assert_string_equal(l.line.sku, "SKU-7");
    assert_int_equal(l.line.discount_bp, 0);
}

static void test_tier_price_list_names_the_tier(void **state)
{
    (void)state;
    struct price_list_item items[] = {{.price_list_id = 5, .product_id = 7, .price = 11000}};
    struct pricing_inputs in = {.has_list = true, .list_from_tier = true, .items = items, .nitems = 1};
    in.list = (struct price_list){.id = 5, .code = "GOLD", .tier = "gold", .discount_bp = 500};
    struct pricing_product with_item = product(7, 12000, 8000), without = product(8, 10000, 5000);
    struct price_line a = priced(&in, &with_item, 1), b = priced(&in, &without, 1);
    assert_int_equal(a.line.unit_price, 11000);
    assert_string_equal(a.line.price_source, "tier gold");
    assert_int_equal(b.line.unit_price, 9500); /* the list's 5 % off the list price */
    in.list_from_tier = false;
    a = priced(&in, &with_item, 1);
    assert_string_equal(a.line.price_source, "price list GOLD");
}

static void test_contract_price_beats_the_price_list(void **state)
{
    (void)state;
    struct price_list_item items[] = {{.price_list_id = 5, .product_id = 7, .price = 11000}};
    struct contract_price contracts[] = {{.product_id = 7, .price = 9900, .valid_from = "2026-01-01"}};
    struct pricing_inputs in = {
        .has_list = true, .items = items, .nitems = 1, .contracts = contracts, .ncontracts = 1};
    in.list = (struct price_list){.id = 5, .code = "GOLD"};
    struct pricing_product p = product(7, 12000, 8000);
    struct price_line l = priced(&in, &p, 1);
    assert_int_equal(l.line.unit_price, 9900);
    assert_string_equal(l.line.price_source, "contract");
}

static void test_volume_tier_applies_from_its_break(void **state)
{
    (void)state;
    struct volume_tier tiers[] = {{.product_id = 7, .min_qty = 10, .price = 11500},
                                  {.product_id = 7, .min_qty = 100, .price = 10800}};
    struct pricing_inputs in = {.tiers = tiers, .ntiers = 2};
    struct pricing_product p = product(7, 12000, 8000);
    struct price_line l = priced(&in, &p, 9);
    assert_int_equal(l.line.unit_price, 12000);
    assert_string_equal(l.line.price_source, "list");
    l = priced(&in, &p, 99);
    assert_int_equal(l.line.unit_price, 11500);
    assert_string_equal(l.line.price_source, "tier 10+");
    l = priced(&in, &p, 100);
    assert_int_equal(l.line.unit_price, 10800);
    assert_string_equal(l.line.price_source, "tier 100+");
}

static void test_volume_tier_never_raises_a_contract_price(void **state)
{
    (void)state;
    struct contract_price contracts[] = {{.product_id = 7, .price = 9000}};
    struct volume_tier tiers[] = {{.product_id = 7, .min_qty = 100, .price = 10800}};
    struct pricing_inputs in = {.contracts = contracts, .ncontracts = 1, .tiers = tiers, .ntiers = 1};
    struct pricing_product p = product(7, 12000, 8000);
    struct price_line l = priced(&in, &p, 200);
    assert_int_equal(l.line.unit_price, 9000);
    assert_string_equal(l.line.price_source, "contract");
    tiers[0].price = 0;
    tiers[0].discount_bp = 1000; /* a rate tier stacks on the contract */
    l = priced(&in, &p, 200);
    assert_int_equal(l.line.unit_price, 8100);
    assert_string_equal(l.line.price_source, "tier 100+");
}

static void test_list_wide_tier_needs_the_account_on_that_list(void **state)
{
    (void)state;
    struct volume_tier tiers[] = {{.product_id = 0, .price_list_id = 5, .min_qty = 50, .discount_bp = 300}};
    struct pricing_inputs in = {.tiers = tiers, .ntiers = 1};
    struct pricing_product p = product(7, 10000, 8000);
    assert_int_equal(priced(&in, &p, 60).line.unit_price, 10000);
    in.has_list = true;
    in.list = (struct price_list){.id = 5, .code = "GOLD"};
    assert_int_equal(priced(&in, &p, 60).line.unit_price, 9700);
}

static void test_manual_discount_is_labelled_with_its_rate(void **state)
{
    (void)state;
    struct pricing_inputs in = {0};
    struct pricing_product p = product(7, 12000, 8000);
    struct price_line l = priced_manual(&in, &p, 1, MANUAL_DISCOUNT, 1200);
    assert_int_equal(l.line.unit_price, 10560);
    assert_int_equal(l.line.discount_bp, 1200);
    assert_string_equal(l.line.price_source, "manual \xe2\x88\x92"
                                             "12 %");
}

static void test_manual_price_override_reports_its_discount(void **state)
{
    (void)state;
    struct contract_price contracts[] = {{.product_id = 7, .price = 10000}};
    struct pricing_inputs in = {.contracts = contracts, .ncontracts = 1};
    struct pricing_product p = product(7, 12000, 8000);
    struct price_line l = priced_manual(&in, &p, 1, MANUAL_PRICE, 7800);
    assert_int_equal(l.line.base_price, 10000);
    assert_int_equal(l.line.unit_price, 7800);
    assert_int_equal(l.line.discount_bp, 2200); /* against the contract, not the list */
    assert_string_equal(l.line.price_source, "manual \xe2\x88\x92"
                                             "22 %");
}

static void test_discount_over_100_percent_is_refused(void **state)
{
    (void)state;
    struct pricing_inputs in = {0};
    struct pricing_product p = product(7, 12000, 8000);
    struct price_line l = {.line = {.quantity = 1, .manual = MANUAL_DISCOUNT, .manual_value = 10001}};
    struct err e = {0};
    assert_int_equal(pricing_price_line(&in, &p, &l, &e), ERR_INVALID);
    assert_string_equal(e.field, "discount");
}

static void test_moq_and_pack_size_are_checked(void **state)
{
    (void)state;
    struct pricing_inputs in = {0};
    struct pricing_product p = product(7, 1000, 500);
    p.min_order_qty = 10;
    p.pack_size = 6;
    struct price_line l = priced(&in, &p, 8);
    assert_true(l.issues & PRICE_ISSUE_MOQ);
    assert_true(l.issues & PRICE_ISSUE_PACK);
    char text[400];
    pricing_describe_issues(&l, text, sizeof text);
    assert_non_null(strstr(text, "line 1: 8 under the minimum order quantity 10"));
    assert_non_null(strstr(text, "not a multiple of the pack size 6"));
    l = priced(&in, &p, 12);
    assert_int_equal(l.issues, 0);
}

static void test_product_floor_wins_over_its_category(void **state)
{
    (void)state;
    struct price_floor floors[] = {{.product_id = 0, .category = "tools", .min_margin_bp = 2000},
                                   {.product_id = 7, .min_price = 9000, .min_margin_bp = -1}};
    struct pricing_inputs in = {.floors = floors, .nfloors = 2};
    struct pricing_product p = product(7, 12000, 8000), q = product(8, 10000, 8500);
    struct price_line l = priced_manual(&in, &p, 1, MANUAL_PRICE, 8900);
    assert_true(l.issues & PRICE_ISSUE_FLOOR);
    assert_false(l.issues & PRICE_ISSUE_MARGIN); /* 10 % margin, but the product's floor has none */
    l = priced(&in, &q, 1);                      /* 15 % margin under the category's 20 % */
    assert_true(l.issues & PRICE_ISSUE_MARGIN);
    assert_false(l.issues & PRICE_ISSUE_FLOOR);
}

static void set_line(struct price_line *l, int no, int64_t qty, int64_t unit, int64_t cost, const char *cls,
                     int rate)
{
    memset(l, 0, sizeof *l);
    l->line.line_no = no;
    l->line.quantity = qty;
    l->line.list_price = l->line.base_price = l->line.unit_price = unit;
    l->line.unit_cost = cost;
    snprintf(l->line.tax_class, sizeof l->line.tax_class, "%s", cls);
    l->line.tax_rate_bp = rate;
}

static void test_order_discount_spreads_3_33_3_34_3_33(void **state)
{
    (void)state;
    struct price_line lines[3];
    for (int i = 0; i < 3; i++)
        set_line(&lines[i], i + 1, 1, 10000, 6000, "standard", 2000);
    struct priced_quote pq;
    assert_int_equal(pricing_total(lines, 3, 1000, 0, &pq, NULL), ERR_OK);
    assert_int_equal(lines[0].order_discount, 333);
    assert_int_equal(lines[1].order_discount, 334);
    assert_int_equal(lines[2].order_discount, 333);
    assert_int_equal(pq.order_discount, 1000);
    assert_int_equal(pq.subtotal, 29000);
    assert_int_equal(lines[0].net + lines[1].net + lines[2].net, pq.subtotal);
}

static void test_tax_is_rounded_per_line_then_summed(void **state)
{
    (void)state;
    /* three lines of 0.03 at 20 %: 0.006 each rounds to 0.01, so 0.03 in all,
     * where rounding the total (0.09 × 20 % = 0.018) would give 0.02 */
    struct price_line lines[3];
    for (int i = 0; i < 3; i++)
        set_line(&lines[i], i + 1, 1, 3, 1, "standard", 2000);
    struct priced_quote pq;
    assert_int_equal(pricing_total(lines, 3, 0, 0, &pq, NULL), ERR_OK);
    assert_int_equal(pq.tax_total, 3);
    assert_int_equal(pq.total, 12);
    assert_int_equal(lines[0].tax + lines[1].tax + lines[2].tax, pq.tax_total);
}

static void test_tax_per_class_and_total_including_tax(void **state)
{
    (void)state;
    struct price_line lines[3];
    set_line(&lines[0], 1, 2, 1999, 1000, "standard", 2000);
    set_line(&lines[1], 2, 1, 1999, 1000, "reduced", 550);
    set_line(&lines[2], 3, 3, 500, 100, "standard", 2000);
    struct priced_quote pq;
    assert_int_equal(pricing_total(lines, 3, 0, 0, &pq, NULL), ERR_OK);
    assert_int_equal(pq.ntaxes, 2);
    assert_string_equal(pq.taxes[0].tax_class, "standard");
    assert_int_equal(pq.taxes[0].net, 3998 + 1500);
    assert_int_equal(pq.taxes[0].tax, 800 + 300);
    assert_string_equal(pq.taxes[1].tax_class, "reduced");
    assert_int_equal(pq.taxes[1].tax, 110); /* 19.99 × 5.5 % = 1.09945 */
    assert_int_equal(pq.subtotal, 3998 + 1999 + 1500);
    assert_int_equal(pq.tax_total, 1210);
    assert_int_equal(pq.total, pq.subtotal + pq.tax_total);
}

static void test_margin_per_line_and_quote_in_basis_points(void **state)
{
    (void)state;
    struct price_line lines[2];
    set_line(&lines[0], 1, 10, 1000, 800, "standard", 2000); /* 20 % */
    set_line(&lines[1], 2, 10, 1000, 600, "standard", 2000); /* 40 % */
    struct priced_quote pq;
    assert_int_equal(pricing_total(lines, 2, 0, 1000, &pq, NULL), ERR_OK); /* and 10 % off the order */
    assert_int_equal(pq.order_discount, 2000);
    assert_int_equal(lines[0].margin, 9000 - 8000);
    assert_int_equal(lines[0].margin_bp, 1111);
    assert_int_equal(pq.margin, 18000 - 14000);
    assert_int_equal(pq.margin_bp, 2222);
    assert_int_equal(pq.discount_bp, 1000);
}

static void test_largest_line_discount_is_found(void **state)
{
    (void)state;
    struct price_line lines[3];
    for (int i = 0; i < 3; i++)
        set_line(&lines[i], i + 1, 1, 1000, 500, "standard", 2000);
    lines[1].line.discount_bp = 2200;
    lines[2].line.discount_bp = 900;
    struct priced_quote pq;
    assert_int_equal(pricing_total(lines, 3, 0, 0, &pq, NULL), ERR_OK);
    assert_int_equal(pq.max_line_discount_bp, 2200);
    assert_int_equal(pq.max_line_no, 2);
}

static void test_order_discount_above_the_total_is_refused(void **state)
{
    (void)state;
    struct price_line lines[1];
    set_line(&lines[0], 1, 1, 1000, 500, "standard", 2000);
    struct priced_quote pq;
    struct err e = {0};
    assert_int_equal(pricing_total(lines, 1, 1001, 0, &pq, &e), ERR_INVALID);
    assert_string_equal(e.field, "order_discount");
}

/* ----------------------------------------------------------------- speed */

enum { BENCH_LINES = 200, BENCH_RULES = 100 };

static double elapsed_ms(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static void bench_inputs(struct pricing_inputs *in)
{
    memset(in, 0, sizeof *in);
    in->products = xcalloc(BENCH_LINES, sizeof *in->products);
    in->items = xcalloc(BENCH_LINES, sizeof *in->items);
    in->contracts = xcalloc(BENCH_LINES, sizeof *in->contracts);
    in->tiers = xcalloc(BENCH_LINES * 2, sizeof *in->tiers);
    in->has_list = true;
    in->list = (struct price_list){.id = 1, .code = "GOLD", .discount_bp = 300};
    for (int i = 0; i < BENCH_LINES; i++) {
        int64_t id = 1000 + i;
        in->products[in->nproducts++] = product(id, 10000 + i, 6000);
        if (i % 2)
            in->items[in->nitems++] = (struct price_list_item){.product_id = id, .price = 9500};
        if (i % 5 == 0)
            in->contracts[in->ncontracts++] = (struct contract_price){.product_id = id, .price = 9000};
        in->tiers[in->ntiers++] = (struct volume_tier){.product_id = id, .min_qty = 10, .discount_bp = 200};
        in->tiers[in->ntiers++] = (struct volume_tier){.product_id = id, .min_qty = 100, .discount_bp = 500};
    }
}

static void bench_rules(struct approval_rule *rules)
{
    for (int i = 0; i < BENCH_RULES; i++) {
        rules[i] = (struct approval_rule){.id = i + 1,
                                          .condition = (enum approval_condition)(i % 5),
                                          .threshold = 500 + i * 50,
                                          .approver_role = ROLE_MANAGER,
                                          .approvals_needed = 1 + i % 2,
                                          .level = 1 + i % 3,
                                          .active = true};
        snprintf(rules[i].name, sizeof rules[i].name, "rule %d", i + 1);
    }
}

static void price_everything(const struct pricing_inputs *in, struct price_line *lines,
                             const struct approval_rule *rules, struct approval_result *res)
{
    struct priced_quote pq;
    for (int i = 0; i < BENCH_LINES; i++) {
        memset(&lines[i], 0, sizeof lines[i]);
        lines[i].line.line_no = i + 1;
        lines[i].line.quantity = 1 + (i * 7) % 150;
        lines[i].line.manual = i % 3 ? MANUAL_NONE : MANUAL_DISCOUNT;
        lines[i].line.manual_value = (i * 13) % 3000;
        assert_int_equal(pricing_price_line(in, pricing_find_product(in, 1000 + i), &lines[i], NULL), ERR_OK);
    }
    assert_int_equal(pricing_total(lines, BENCH_LINES, 0, 200, &pq, NULL), ERR_OK);
    struct approval_terms terms = {.payment_terms_days = 60, .account_terms_days = 30};
    approval_match(rules, BENCH_RULES, &pq, &terms, res);
}

static void test_pricing_200_lines_and_100_rules_is_fast(void **state)
{
    (void)state;
    struct pricing_inputs in;
    struct price_line *lines = xcalloc(BENCH_LINES, sizeof *lines);
    struct approval_rule rules[BENCH_RULES];
    struct approval_result *res = xcalloc(1, sizeof *res);
    struct timespec a, b;
    bench_inputs(&in);
    bench_rules(rules);
    price_everything(&in, lines, rules, res); /* warm the caches */
    double best = 1e9;
    for (int round = 0; round < 20; round++) {
        clock_gettime(CLOCK_MONOTONIC, &a);
        price_everything(&in, lines, rules, res);
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (elapsed_ms(&a, &b) < best)
            best = elapsed_ms(&a, &b);
    }
    printf("pricing %d lines + matching %d rules: %.3f ms (best of 20)\n", BENCH_LINES, BENCH_RULES, best);
    assert_true(res->level > 0);
    assert_string_equal(lines[5].line.price_source, "tier 10+"); /* contract 90.00 less 2 % */
    assert_int_equal(lines[5].line.unit_price, 8820);
#if !defined(__SANITIZE_ADDRESS__)
    assert_true(best < 2.0);
#endif
    free(lines);
    free(res);
    pricing_inputs_free(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_price_when_nothing_else_applies),
        cmocka_unit_test(test_tier_price_list_names_the_tier),
        cmocka_unit_test(test_contract_price_beats_the_price_list),
        cmocka_unit_test(test_volume_tier_applies_from_its_break),
        cmocka_unit_test(test_volume_tier_never_raises_a_contract_price),
        cmocka_unit_test(test_list_wide_tier_needs_the_account_on_that_list),
        cmocka_unit_test(test_manual_discount_is_labelled_with_its_rate),
        cmocka_unit_test(test_manual_price_override_reports_its_discount),
        cmocka_unit_test(test_discount_over_100_percent_is_refused),
        cmocka_unit_test(test_moq_and_pack_size_are_checked),
        cmocka_unit_test(test_product_floor_wins_over_its_category),
        cmocka_unit_test(test_order_discount_spreads_3_33_3_34_3_33),
        cmocka_unit_test(test_tax_is_rounded_per_line_then_summed),
        cmocka_unit_test(test_tax_per_class_and_total_including_tax),
        cmocka_unit_test(test_margin_per_line_and_quote_in_basis_points),
        cmocka_unit_test(test_largest_line_discount_is_found),
        cmocka_unit_test(test_order_discount_above_the_total_is_refused),
        cmocka_unit_test(test_pricing_200_lines_and_100_rules_is_fast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
