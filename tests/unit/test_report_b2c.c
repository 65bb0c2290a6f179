/* The B2C reports against a small hand-built data set with known answers:
 * promotions (uses, discount, revenue, budget left; a released use), loyalty
 * (the balance on a day and its worth, earned / redeemed / expired by month),
 * returns (rates by product and by reason, refunds by the month paid; a
 * rejected return); an empty range, a single day, a rep who sees only their
 * own figures; the orders behind a row (a promotion's, a product's and a
 * reason's returns, an on-time month's deliveries); the summary tables of
 * 0019 follow a rep's change and `check` finds one tampered with. */
#include <sqlite3.h>
#include <time.h>

#include "report_fixture.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/report.h"
#include "src/base/money.h"
#include "src/orders.h"
#include "testutil.h"

/* alice (2) and bruno (3) are reps, chloe (4) support, david (5) a manager. */
static const char *const data[] = {
    "INSERT INTO customers(id, name, email, phone, address, city, country, created_at, updated_at) VALUES"
    " (1, 'Zoé Martin', 'zoe@example.fr', '', '', 'Lyon', 'France', 'x', 'x'),"
    " (2, '山田花子', 'hanako@example.jp', '', '', '東京', 'Japan', 'x', 'x');"
    "INSERT INTO products(id, sku, name, category, list_price, unit_cost, stock_on_hand, created_at,"
    " updated_at) VALUES (1, 'CAF-001', 'Café moulu', 'Café', 1000, 600, 50, 'x', 'x'),"
    " (2, 'THE-001', 'Thé vert', 'Thé', 100, 40, 50, 'x', 'x');"
    /* O1 alice 10 Nov (delivered a day late), O2 bruno 12 Nov (on time), O3 bruno 5 Oct */
    "INSERT INTO orders(id, number, channel, customer_id, rep_id, status, placed_at, placed_day, subtotal,"
    " tax_total, total, paid_total, first_promised_date, delivered_at, delivered_day) VALUES"
    " (1, 'O-1', 'b2c', 1, 2, 'delivered', '2026-11-10T09:00:00Z', '2026-11-10', 4000, 800, 4800, 4800,"
    "  '2026-11-14', '2026-11-15T10:00:00Z', '2026-11-15'),"
    " (2, 'O-2', 'b2c', 2, 3, 'delivered', '2026-11-12T09:00:00Z', '2026-11-12', 2600, 520, 3120, 3120,"
    "  '2026-11-20', '2026-11-16T10:00:00Z', '2026-11-16'),"
    " (3, 'O-3', 'b2c', 2, 3, 'delivered', '2026-10-05T09:00:00Z', '2026-10-05', 2000, 400, 2400, 2400,"
    "  '2026-10-10', '2026-10-08T10:00:00Z', '2026-10-08');"
    "INSERT INTO order_lines(id, order_id, line_no, kind, product_id, sku, category, quantity, unit_price,"
    " unit_cost, tax_included, net_amount, tax_amount, shipped_qty) VALUES"
    " (1, 1, 1, 'goods', 1, 'CAF-001', 'Café', 4, 1200, 600, 1, 4000, 800, 4),"
    " (2, 2, 1, 'goods', 1, 'CAF-001', 'Café', 2, 1200, 600, 1, 2000, 400, 2),"
    " (3, 2, 2, 'goods', 2, 'THE-001', 'Thé', 6, 120, 40, 1, 600, 120, 6),"
    " (4, 3, 1, 'goods', 1, 'CAF-001', 'Café', 2, 1200, 600, 1, 2000, 400, 2);"
    /* Noël (a code, a budget of 100.00, 15.00 granted), Bienvenue (automatic, no
     * budget), Printemps (ended in March, unused) */
    "INSERT INTO promotions(id, name, kind, value, activation, budget, uses, granted, starts_on, ends_on,"
    " created_at, updated_at) VALUES"
    " (1, 'Noël −10 %', 'percent', 1000, 'code', 10000, 3, 1500, NULL, NULL, '2024-01-01T00:00:00Z', 'x'),"
    " (2, 'Bienvenue', 'fixed', 300, 'auto', NULL, 1, 300, NULL, NULL, '2024-01-01T00:00:00Z', 'x'),"
    " (3, 'Printemps', 'percent', 2000, 'code', NULL, 0, 0, '2026-03-01', '2026-03-31',"
    "  '2024-01-01T00:00:00Z', 'x');"
    "INSERT INTO promotion_codes(promotion_id, code, single_use, created_at) VALUES"
    " (1, 'NOEL10', 0, 'x'), (3, 'PRINTEMPS', 0, 'x');"
    "INSERT INTO promotion_uses(promotion_id, order_id, amount, order_net, day) VALUES"
    " (1, 1, 500, 4000, '2026-11-10'), (1, 2, 600, 2600, '2026-11-12'), (2, 2, 300, 2600, '2026-11-12'),"
    " (1, 3, 400, 2000, '2026-10-05');",
    /* points: an opening balance of 500 in October; O1 earns 40 (released on
     * the 15th); O2 redeems 100 and earns 26; 50 expire; 30 restored; 10 given */
    "INSERT INTO loyalty_ledger(customer_id, at, day, kind, bucket, points, expires_on, order_id, user_id,"
    " reason) VALUES"
    " (2, '2026-10-01T08:00:00Z', '2026-10-01', 'opening', 'available', 500, '2028-10-01', NULL, NULL, ''),"
    " (1, '2026-11-10T09:00:00Z', '2026-11-10', 'earn', 'pending', 40, NULL, 1, NULL, ''),"
    " (2, '2026-11-12T09:00:00Z', '2026-11-12', 'redeem', 'available', -100, NULL, 2, NULL, ''),"
    " (2, '2026-11-12T09:00:00Z', '2026-11-12', 'earn', 'pending', 26, NULL, 2, NULL, ''),"
    " (1, '2026-11-15T10:00:00Z', '2026-11-15', 'release', 'pending', -40, NULL, 1, NULL, ''),"
    " (1, '2026-11-15T10:00:00Z', '2026-11-15', 'release', 'available', 40, '2028-11-15', 1, NULL, ''),"
    " (2, '2026-11-20T00:00:00Z', '2026-11-20', 'expire', 'available', -50, NULL, NULL, NULL, ''),"
    " (2, '2026-11-25T10:00:00Z', '2026-11-25', 'restore', 'available', 30, '2028-11-25', 2, NULL, ''),"
    " (1, '2026-11-26T10:00:00Z', '2026-11-26', 'adjust', 'available', 10, '2028-11-26', NULL, 5,"
    "  'goodwill');",
    /* returns: R1 one CAF of O2 damaged, refunded on the 21st; R2 one CAF of O1
     * (changed mind), requested; R3 two THE of O2, rejected; R4 one CAF of O3
     * in October, refunded on 2 November */
    "INSERT INTO payments(id, order_id, direction, method, amount, tax_amount, at, day) VALUES"
    " (101, 2, 'out', 'card', 1100, 183, '2026-11-21T10:00:00Z', '2026-11-21'),"
    " (102, 3, 'out', 'card', 1000, 167, '2026-11-02T10:00:00Z', '2026-11-02');",
    "INSERT INTO returns(id, number, order_id, status, requested_at, requested_day, requested_by,"
    " requested_by_real, received_at, received_by, refund_total, refund_tax, rejection) VALUES"
    " (1, 'R-1', 2, 'refunded', '2026-11-20T10:00:00Z', '2026-11-20', 4, 4, '2026-11-21T09:00:00Z', 4,"
    "  1100, 183, ''),"
    " (2, 'R-2', 1, 'requested', '2026-11-22T10:00:00Z', '2026-11-22', 4, 4, NULL, NULL, 1200, 200, ''),"
    " (3, 'R-3', 2, 'rejected', '2026-11-23T10:00:00Z', '2026-11-23', 4, 4, NULL, NULL, 200, 33, 'used'),"
    " (4, 'R-4', 3, 'refunded', '2026-10-20T10:00:00Z', '2026-10-20', 4, 4, '2026-11-01T09:00:00Z', 4,"
    "  1000, 167, '');"
    "INSERT INTO return_lines(return_id, order_line_id, quantity, reason, refund_amount, refund_tax,"
    " completes, released) VALUES"
    " (1, 2, 1, 'damaged', 1100, 183, 0, 0), (2, 1, 1, 'changed_mind', 1200, 200, 0, 0),"
    " (3, 3, 2, 'changed_mind', 200, 33, 0, 1), (4, 4, 1, 'damaged', 1000, 167, 0, 0);"
    "INSERT INTO refunds(return_id, order_id, amount, tax_amount, method, requested_at, requested_by,"
    " requested_by_real, needs_approval, paid_at, payment_id) VALUES"
    " (1, 2, 1100, 183, 'card', '2026-11-21T09:00:00Z', 4, 4, 0, '2026-11-21T10:00:00Z', 101),"
    " (4, 3, 1000, 167, 'card', '2026-11-01T09:00:00Z', 4, 4, 0, NULL, NULL);"
    "UPDATE refunds SET paid_at = '2026-11-02T10:00:00Z', payment_id = 102 WHERE return_id = 4;"};

static int setup(void **state)
{
    return report_fixture_setup(state, data, sizeof data / sizeof data[0]);
}

static void run(struct app *app, enum report_kind k, const char *from, const char *to, struct report *r)
{
    run_report(app, k, from, to, 0, r);
}

/* The row of section s whose first cell reads a. */
static const struct report_row *row_of(const struct report *r, int s, const char *a)
{
    const struct report_row *rows = r->sections[s].rows.items;
    for (int i = 0; i < r->sections[s].rows.n; i++)
        if (strcmp(rows[i].cells[0].text, a) == 0)
            return &rows[i];
    fail_msg("no row '%s' in section %d of %s", a, s, r->title);
    return NULL;
}

static bool has_row(const struct report *r, int s, const char *a)
{
    const struct report_row *rows = r->sections[s].rows.items;
    for (int i = 0; i < r->sections[s].rows.n; i++)
        if (strcmp(rows[i].cells[0].text, a) == 0)
            return true;
    return false;
}

/* The numbers of the orders behind a row, newest first, joined by spaces. */
static void orders_of(struct app *app, const struct report_row *row, char *out, size_t len)
{
    struct order rows[10];
    int n = 0;
    struct err e = {0};
    struct page_req q = {.limit = 10};
    assert_int_equal(row->link.kind, REPORT_LINK_ORDER_SET);
    if (report_link_orders(app, &row->link, &q, rows, &n, &e) != ERR_OK)
        fail_msg("orders of a row: %s", e.msg);
    out[0] = '\0';
    for (int i = 0; i < n; i++)
        snprintf(out + strlen(out), len - strlen(out), "%s%s", i ? " " : "", rows[i].number);
}

static void test_promotions_uses_discount_revenue_budget(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->david, REPORT_PROMOTIONS, "", "", &r); /* this month */
    assert_string_equal(r.from, "2026-11-01");
    const struct report_row *noel = row_of(&r, 0, "Noël −10 %"), *welcome = row_of(&r, 0, "Bienvenue");
    assert_string_equal(noel->cells[1].text, "NOEL10");
    assert_int_equal(noel->cells[2].value, 2);
    assert_int_equal(noel->cells[3].value, 1100);
    assert_int_equal(noel->cells[4].value, 6600);
    assert_int_equal(noel->cells[5].value, 8500); /* 100.00 - 15.00 granted */
    assert_string_equal(welcome->cells[1].text, "(auto)");
    assert_true(welcome->cells[5].empty);      /* no budget */
    assert_false(has_row(&r, 0, "Printemps")); /* ended in March */
    const struct report_row *total = row_of(&r, 0, "Total");
    assert_int_equal(total->cells[2].value, 3);
    assert_int_equal(total->cells[3].value, 1400);
    assert_int_equal(total->cells[4].value, 9200);
    char text[64], want[64];
    report_cell_show(&r.sections[0].cols[3], &noel->cells[3], "EUR", text, sizeof text);
    money_format(1100, "EUR", want, sizeof want);
    assert_string_equal(text, want); /* the money format, not "11.00" */
    report_cell_csv(&r.sections[0].cols[3], &noel->cells[3], text, sizeof text);
    assert_string_equal(text, "11.00");
    orders_of(&f->david, noel, text, sizeof text);
    assert_string_equal(text, "O-2 O-1");
    report_free(&r);

    run(&f->david, REPORT_PROMOTIONS, "2026-11-12", "2026-11-12", &r); /* a single day */
    assert_int_equal(row_of(&r, 0, "Noël −10 %")->cells[4].value, 2600);
    assert_int_equal(row_of(&r, 0, "Total")->cells[3].value, 900);
    report_free(&r);
    run(&f->david, REPORT_PROMOTIONS, "2025-01-01", "2025-01-31", &r); /* nothing used */
    assert_int_equal(row_of(&r, 0, "Total")->cells[2].value, 0);
    assert_int_equal(row_of(&r, 0, "Noël −10 %")->link.kind, REPORT_LINK_NONE);
    report_free(&r);
}

static void test_promotions_of_a_rep_and_a_released_use(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->alice, REPORT_PROMOTIONS, "", "", &r);
    assert_int_equal(row_of(&r, 0, "Noël −10 %")->cells[3].value, 500);
    assert_false(has_row(&r, 0, "Bienvenue")); /* not used on her orders */
    char text[64];
    orders_of(&f->alice, row_of(&r, 0, "Noël −10 %"), text, sizeof text);
    assert_string_equal(text, "O-1");
    report_free(&r);
    raw(f, "UPDATE promotion_uses SET released_at = '2026-11-26T10:00:00Z'"
           " WHERE promotion_id = 1 AND order_id = 2");
    run(&f->david, REPORT_PROMOTIONS, "", "", &r);
    assert_int_equal(row_of(&r, 0, "Noël −10 %")->cells[2].value, 1);
    assert_int_equal(row_of(&r, 0, "Noël −10 %")->cells[3].value, 500);
    report_free(&r);
}

static void test_loyalty_balance_worth_and_months(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->david, REPORT_LOYALTY, "", "", &r); /* the last 12 months */
    assert_int_equal(r.nsections, 2);
    const struct report_row *avail = row_of(&r, 0, "available");
    assert_int_equal(avail->cells[1].value, 430);
    assert_int_equal(avail->cells[2].value, 430); /* 100 points pay 1.00 */
    assert_int_equal(row_of(&r, 0, "Total")->cells[1].value, 456);
    const struct report_row *nov = row_of(&r, 1, "2026-11");
    assert_int_equal(nov->cells[1].value, 66); /* earned */
    assert_int_equal(nov->cells[2].value, 70); /* 100 redeemed, 30 given back */
    assert_int_equal(nov->cells[3].value, 50); /* expired */
    assert_int_equal(nov->cells[4].value, 10); /* adjusted */
    assert_int_equal(nov->cells[5].value, -44);
    assert_int_equal(row_of(&r, 1, "2026-10")->cells[4].value, 500); /* the opening balance */
    assert_int_equal(nov->link.kind, REPORT_LINK_NONE);
    assert_true(nov->link.text[0] != '\0'); /* says why it opens nothing */
    report_free(&r);
    run(&f->david, REPORT_LOYALTY, "2026-11-12", "2026-11-12", &r); /* a single day */
    assert_int_equal(row_of(&r, 0, "available")->cells[1].value, 400);
    assert_int_equal(row_of(&r, 0, "Total")->cells[1].value, 466);
    assert_int_equal(row_of(&r, 1, "2026-11")->cells[5].value, -74);
    report_free(&r);
    run(&f->david, REPORT_LOYALTY, "2025-01-01", "2025-01-31", &r); /* before anything */
    assert_int_equal(row_of(&r, 0, "Total")->cells[1].value, 0);
    assert_int_equal(r.sections[1].rows.n, 1); /* the total alone */
    report_free(&r);
}

static void test_loyalty_of_a_rep_is_their_orders_points(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->alice, REPORT_LOYALTY, "", "", &r);
    assert_int_equal(r.nsections, 1); /* no balance: it is every customer's */
    const struct report_row *nov = row_of(&r, 0, "2026-11");
    assert_int_equal(nov->cells[1].value, 40);
    assert_int_equal(nov->cells[5].value, 40);
    assert_false(has_row(&r, 0, "2026-10"));
    report_free(&r);
    struct report_query q = {.rep_id = f->bruno.user.id};
    struct err e = {0};
    assert_int_equal(report_run(&f->alice, REPORT_LOYALTY, &q, &r, &e), ERR_DENIED);
    assert_int_equal(report_run(&f->chloe, REPORT_RETURNS, &(struct report_query){0}, &r, &e), ERR_DENIED);
    q.account_id = 1;
    q.rep_id = 0;
    assert_int_equal(report_run(&f->david, REPORT_RETURNS, &q, &r, &e), ERR_INVALID);
}

static void test_returns_rates_by_product_reason_and_month(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->david, REPORT_RETURNS, "2026-11-01", "2026-11-30", &r);
    const struct report_row *caf = row_of(&r, 0, "CAF-001");
    assert_int_equal(caf->cells[2].value, 6); /* sold in November */
    assert_int_equal(caf->cells[3].value, 2);
    assert_int_equal(caf->cells[4].value, 3333);
    assert_int_equal(caf->cells[5].value, 2300);
    assert_false(has_row(&r, 0, "THE-001")); /* its return was rejected */
    const struct report_row *damaged = row_of(&r, 1, "damaged");
    assert_int_equal(damaged->cells[1].value, 1);
    assert_int_equal(damaged->cells[2].value, 5000); /* share of the units returned */
    assert_int_equal(damaged->cells[3].value, 833);  /* 1 of 12 units sold */
    assert_int_equal(row_of(&r, 1, "changed mind")->cells[4].value, 1200);
    assert_int_equal(row_of(&r, 1, "Total")->cells[3].value, 1667);
    const struct report_row *nov = row_of(&r, 2, "2026-11");
    assert_int_equal(nov->cells[1].value, 12);
    assert_int_equal(nov->cells[2].value, 2);
    assert_int_equal(nov->cells[4].value, 2); /* R-3 was rejected */
    assert_int_equal(nov->cells[5].value, 2); /* R-1 and October's R-4, paid in November */
    assert_int_equal(nov->cells[6].value, 2100);
    char text[64];
    orders_of(&f->david, caf, text, sizeof text);
    assert_string_equal(text, "O-2 O-1");
    orders_of(&f->david, damaged, text, sizeof text);
    assert_string_equal(text, "O-2");
    orders_of(&f->david, nov, text, sizeof text);
    assert_string_equal(text, "O-2 O-1");
    report_free(&r);
    run(&f->david, REPORT_RETURNS, "2026-10-20", "2026-10-20", &r); /* a single day: R-4's, nothing sold */
    assert_string_equal(r.range, "2026-10-20 … 2026-10-20");
    const struct report_row *oct = row_of(&r, 2, "2026-10");
    assert_int_equal(oct->cells[1].value, 0); /* O-3 was placed on the 5th */
    assert_int_equal(oct->cells[2].value, 1);
    assert_true(oct->cells[3].empty);
    assert_int_equal(oct->cells[4].value, 1);
    assert_int_equal(oct->cells[6].value, 0); /* refunded in November */
    assert_string_equal(oct->link.from, "2026-10-20");
    assert_string_equal(oct->link.to, "2026-10-20");
    assert_int_equal(row_of(&r, 0, "CAF-001")->cells[2].value, 0);
    assert_int_equal(row_of(&r, 1, "damaged")->cells[1].value, 1);
    report_free(&r);
    run(&f->david, REPORT_RETURNS, "2026-11-03", "2026-11-09", &r); /* an empty range */
    assert_int_equal(r.sections[0].rows.n, 0);
    assert_int_equal(r.sections[2].rows.n, 1); /* the total */
    assert_int_equal(row_of(&r, 2, "Total")->cells[6].value, 0);
    report_free(&r);
    /* two partial months: O-3, O-1, O-2 sold; asked, not R-2;
     * R-4's refund paid on 2 November, not R-1's on the 21st */
    run(&f->david, REPORT_RETURNS, "2026-10-05", "2026-11-20", &r);
    caf = row_of(&r, 0, "CAF-001");
    assert_int_equal(caf->cells[2].value, 8);
    assert_int_equal(caf->cells[3].value, 2);
    assert_int_equal(row_of(&r, 1, "damaged")->cells[1].value, 2);
    assert_false(has_row(&r, 1, "changed mind"));
    oct = row_of(&r, 2, "2026-10");
    assert_int_equal(oct->cells[1].value, 2);
    assert_int_equal(oct->cells[2].value, 1);
    nov = row_of(&r, 2, "2026-11");
    assert_int_equal(nov->cells[1].value, 12);
    assert_int_equal(nov->cells[2].value, 1);
    assert_int_equal(nov->cells[5].value, 1);
    assert_int_equal(nov->cells[6].value, 1000);
    assert_string_equal(nov->link.to, "2026-11-20");
    report_free(&r);
    run(&f->david, REPORT_RETURNS, "2025-01-01", "2025-01-31", &r); /* nothing */
    assert_int_equal(r.sections[0].rows.n, 0);
    assert_true(row_of(&r, 1, "Total")->cells[2].empty);
    assert_int_equal(r.sections[2].rows.n, 1);
    report_free(&r);
}

static void test_returns_of_a_rep_and_a_rejection(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->bruno, REPORT_RETURNS, "2026-11-01", "2026-11-30", &r);
    assert_int_equal(row_of(&r, 0, "CAF-001")->cells[2].value, 2); /* his own sales */
    assert_int_equal(row_of(&r, 0, "CAF-001")->cells[4].value, 5000);
    const struct report_row *nov = row_of(&r, 2, "2026-11");
    assert_int_equal(nov->cells[1].value, 8);
    assert_int_equal(nov->cells[4].value, 1);
    assert_int_equal(nov->cells[6].value, 2100);
    char text[64];
    orders_of(&f->bruno, nov, text, sizeof text);
    assert_string_equal(text, "O-2");
    report_free(&r);
    raw(f, "UPDATE returns SET status = 'rejected', rejection = 'late' WHERE id = 2;"
           "UPDATE return_lines SET released = 1 WHERE return_id = 2;");
    run(&f->david, REPORT_RETURNS, "2026-11-01", "2026-11-30", &r);
    assert_int_equal(row_of(&r, 2, "2026-11")->cells[4].value, 1);
    assert_int_equal(row_of(&r, 0, "CAF-001")->cells[3].value, 1);
    report_free(&r);
}

static void test_an_ontime_month_opens_its_deliveries(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->david, REPORT_ONTIME, "", "", &r);
    char text[64];
    orders_of(&f->david, row_of(&r, 0, "2026-11"), text, sizeof text);
    assert_string_equal(text, "O-2 O-1");
    orders_of(&f->david, row_of(&r, 1, "Overall"), text, sizeof text);
    assert_string_equal(text, "O-3 O-2 O-1");
    report_free(&r);
    run(&f->alice, REPORT_ONTIME, "", "", &r);
    orders_of(&f->alice, row_of(&r, 0, "2026-11"), text, sizeof text);
    assert_string_equal(text, "O-1"); /* a rep: their own */
    report_free(&r);
}

static void test_summaries_follow_a_rep_and_check_finds_tampering(void **state)
{
    struct fixture *f = *state;
    raw(f, "UPDATE orders SET rep_id = 3 WHERE id = 1"); /* O-1 is bruno's now */
    struct report r;
    run(&f->bruno, REPORT_PROMOTIONS, "", "", &r);
    assert_int_equal(row_of(&r, 0, "Noël −10 %")->cells[2].value, 2);
    report_free(&r);
    run(&f->bruno, REPORT_LOYALTY, "", "", &r);
    assert_int_equal(row_of(&r, 0, "2026-11")->cells[1].value, 66);
    report_free(&r);
    run(&f->bruno, REPORT_RETURNS, "2026-11-01", "2026-11-30", &r);
    assert_int_equal(row_of(&r, 2, "2026-11")->cells[4].value, 2); /* R-2 came along */
    report_free(&r);
    run(&f->alice, REPORT_RETURNS, "2026-11-01", "2026-11-30", &r);
    assert_int_equal(r.sections[0].rows.n, 0);
    report_free(&r);
    struct strbuf out = {0};
    int problems = 0;
    struct err e = {0};
    assert_int_equal(report_check(&f->david, &out, &problems, &e), ERR_OK);
    if (problems != 0)
        fail_msg("%s", strbuf_text(&out));
    raw(f, "UPDATE report_loyalty_day SET earned = earned + 1 WHERE day = '2026-11-10'");
    assert_int_equal(report_check(&f->david, &out, &problems, &e), ERR_OK);
    assert_int_equal(problems, 1);
    assert_non_null(strstr(strbuf_text(&out), "report_loyalty_day: differs"));
    strbuf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_promotions_uses_discount_revenue_budget, setup, teardown),
        cmocka_unit_test_setup_teardown(test_promotions_of_a_rep_and_a_released_use, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loyalty_balance_worth_and_months, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loyalty_of_a_rep_is_their_orders_points, setup, teardown),
        cmocka_unit_test_setup_teardown(test_returns_rates_by_product_reason_and_month, setup, teardown),
        cmocka_unit_test_setup_teardown(test_returns_of_a_rep_and_a_rejection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_an_ontime_month_opens_its_deliveries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summaries_follow_a_rep_and_check_finds_tampering, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
