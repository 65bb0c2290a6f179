/* Home's counts and sales chart in the core: sums per local day and channel
 * from a date range (cancelled and other months left out), a local day cut
 * at local midnight, the approval queue count, a rep's open quotes, and a
 * rep counting only the orders they may see. */
#include <time.h>

#include "src/b2b/quotes.h"
#include "testutil.h"

struct fixture {
    char path[64];
    struct db *db;
    struct app alice, bruno, david, root;
    int64_t acme, muller; /* alice's account, bruno's account */
};

static int64_t add_account(struct db *db, const char *code, int64_t rep_id)
{
    struct account a = {.payment_terms_days = 30, .rep_id = rep_id};
    snprintf(a.code, sizeof a.code, "%s", code);
    snprintf(a.name, sizeof a.name, "Account %s", code);
    assert_int_equal(account_store_insert(db, &a, NULL), ERR_OK);
    return a.id;
}

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    setenv("TZ", "UTC", 1);
    tzset();
    f->db = test_db_new(f->path);
    f->alice = test_app_as(f->db, "alice");
    f->bruno = test_app_as(f->db, "bruno");
    f->david = test_app_as(f->db, "david");
    f->root = test_app_as(f->db, "root");
    f->acme = add_account(f->db, "ACME", f->alice.user.id);
    f->muller = add_account(f->db, "MULLER", f->bruno.user.id);
    struct product p = {
        .list_price = 10000, .unit_cost = 6000, .min_order_qty = 1, .pack_size = 1, .active = true};
    snprintf(p.sku, sizeof p.sku, "P1");
    snprintf(p.name, sizeof p.name, "Product P1");
    snprintf(p.unit, sizeof p.unit, "each");
    snprintf(p.tax_class, sizeof p.tax_class, "standard");
    assert_int_equal(product_store_insert(f->db, &p, NULL), ERR_OK);
    struct approval_rule r = {.condition = APPROVAL_LINE_DISCOUNT,
                              .threshold = 1500,
                              .approver_role = ROLE_MANAGER,
                              .approvals_needed = 1,
                              .level = 1,
                              .active = true};
    snprintf(r.name, sizeof r.name, "rep limit");
    assert_int_equal(approval_rule_save(&f->david, &r, NULL), ERR_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    db_close(&f->db);
    test_db_remove(f->path);
    free(f);
    setenv("TZ", "UTC", 1);
    tzset();
    return 0;
}

/* An order of one line worth subtotal, placed at a UTC time. */
/* An order placed by placer (0: root). */
static void add_order_by(struct fixture *f, int64_t placer, const char *placed_at, enum channel ch,
                         int64_t account_id, int64_t subtotal, enum order_status status)
{
    struct order o = {.channel = ch, .account_id = account_id, .status = status};
    struct order_line l = {.line_no = 1, .quantity = 1, .unit_price = subtotal, .tax_rate_bp = 0};
    snprintf(o.placed_at, sizeof o.placed_at, "%s", placed_at);
    snprintf(l.sku, sizeof l.sku, "P1");
    snprintf(l.description, sizeof l.description, "Product P1");
    assert_int_equal(order_line_compute(&l, NULL), ERR_OK);
    assert_int_equal(order_totals_compute(&o, &l, 1, NULL), ERR_OK);
    assert_int_equal(order_store_insert(f->db, &o, &l, 1, placer ? placer : f->root.user.id, NULL), ERR_OK);
}

static void add_order(struct fixture *f, const char *placed_at, enum channel ch, int64_t account_id,
                      int64_t subtotal, enum order_status status)
{
    add_order_by(f, 0, placed_at, ch, account_id, subtotal, status);
}

static void now_utc_minus(int seconds, char out[32])
{
    time_t t = time(NULL) - seconds;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void test_sales_are_summed_per_day_and_channel(void **state)
{
    struct fixture *f = *state;
    struct home_sales s;
    add_order(f, "2026-11-03T09:00:00Z", CHANNEL_B2B, f->acme, 10000, ORDER_PLACED);
    add_order(f, "2026-11-03T17:00:00Z", CHANNEL_B2C, 0, 2550, ORDER_DELIVERED);
    add_order(f, "2026-11-03T18:00:00Z", CHANNEL_B2B, f->muller, 5000, ORDER_SHIPPED);
    add_order(f, "2026-11-30T23:59:59Z", CHANNEL_B2C, 0, 100, ORDER_PLACED);
    add_order(f, "2026-11-04T10:00:00Z", CHANNEL_B2B, f->acme, 99999, ORDER_CANCELLED);
    add_order(f, "2026-10-31T23:00:00Z", CHANNEL_B2B, f->acme, 77777, ORDER_PLACED);
    add_order(f, "2026-12-01T00:00:00Z", CHANNEL_B2B, f->acme, 88888, ORDER_PLACED);
    assert_int_equal(home_sales_month(&f->root, 2026, 11, &s, NULL), ERR_OK);
    assert_int_equal(s.ndays, 30);
    assert_int_equal(s.b2b[2], 15000);
    assert_int_equal(s.b2c[2], 2550);
    assert_int_equal(s.b2b[3], 0); /* the cancelled order is no sale */
    assert_int_equal(s.b2c[29], 100);
    assert_int_equal(s.total_b2b, 15000);
    assert_int_equal(s.total_b2c, 2650);
    assert_int_equal(s.orders, 4);
}

static void test_sales_days_are_cut_at_local_midnight(void **state)
{
    struct fixture *f = *state;
    struct home_sales s;
    add_order(f, "2026-11-09T22:30:00Z", CHANNEL_B2C, 0, 1000, ORDER_PLACED);       /* 23:30 local */
    add_order(f, "2026-11-09T23:30:00Z", CHANNEL_B2C, 0, 2000, ORDER_PLACED);       /* 00:30 the next day */
    add_order(f, "2026-10-31T23:30:00Z", CHANNEL_B2B, f->acme, 4000, ORDER_PLACED); /* Nov 1st, local */
    setenv("TZ", "XYZ-1", 1); /* one hour east of UTC, no daylight saving */
    tzset();
    assert_int_equal(home_sales_month(&f->root, 2026, 11, &s, NULL), ERR_OK);
    assert_int_equal(s.b2c[8], 1000);
    assert_int_equal(s.b2c[9], 2000);
    assert_int_equal(s.b2b[0], 4000);
}

static void test_a_rep_sums_only_the_orders_they_see(void **state)
{
    struct fixture *f = *state;
    struct home_sales s;
    add_order(f, "2026-11-03T09:00:00Z", CHANNEL_B2B, f->acme, 10000, ORDER_PLACED);
    add_order(f, "2026-11-03T10:00:00Z", CHANNEL_B2B, f->muller, 5000, ORDER_PLACED);
    add_order(f, "2026-11-03T11:00:00Z", CHANNEL_B2C, 0, 300, ORDER_PLACED);
    add_order_by(f, f->alice.user.id, "2026-11-03T12:00:00Z", CHANNEL_B2C, 0, 70, ORDER_PLACED);
    assert_int_equal(home_sales_month(&f->alice, 2026, 11, &s, NULL), ERR_OK);
    assert_int_equal(s.total_b2b, 10000);
    assert_int_equal(s.total_b2c, 70); /* the consumer orders she placed, not every one */
}

static void test_a_bad_month_is_refused(void **state)
{
    struct fixture *f = *state;
    struct home_sales s;
    struct err e = {0};
    assert_err_field(home_sales_month(&f->root, 2026, 13, &s, &e), e, ERR_INVALID, "month");
}

static void test_counts_today_and_open_orders(void **state)
{
    struct fixture *f = *state;
    struct home_counts c;
    char now[32];
    now_utc_minus(0, now);
    add_order(f, now, CHANNEL_B2B, f->acme, 1000, ORDER_PLACED);
    add_order(f, now, CHANNEL_B2B, f->muller, 1000, ORDER_CANCELLED);
    add_order(f, "2020-01-01T10:00:00Z", CHANNEL_B2C, 0, 1000, ORDER_SHIPPED);
    add_order(f, "2020-01-01T11:00:00Z", CHANNEL_B2C, 0, 1000, ORDER_CLOSED);
    assert_int_equal(home_counts_load(&f->root, &c, NULL), ERR_OK);
    assert_int_equal(c.orders_today, 2);
    assert_int_equal(c.open_orders, 2);
    assert_int_equal(home_counts_load(&f->alice, &c, NULL), ERR_OK);
    assert_int_equal(c.orders_today, 1); /* bruno's account's order is not hers */
    assert_int_equal(c.open_orders, 1);  /* nor the consumer order someone else placed */
}

static void test_counts_open_quotes_and_the_approval_queue(void **state)
{
    struct fixture *f = *state;
    struct home_counts c;
    struct quote q, q2;
    assert_int_equal(quote_create(&f->alice, "ACME", 0, &q, NULL), ERR_OK);
    assert_int_equal(quote_add_line(&f->alice, &q, "P1", 10, MANUAL_DISCOUNT, 2200, NULL, NULL, NULL),
                     ERR_OK);
    assert_int_equal(quote_submit(&f->alice, &q, NULL), ERR_OK);
    assert_int_equal(q.status, QUOTE_PENDING);
    assert_int_equal(quote_create(&f->alice, "ACME", 0, &q2, NULL), ERR_OK);
    assert_int_equal(home_counts_load(&f->alice, &c, NULL), ERR_OK);
    assert_int_equal(c.open_quotes, 2);
    assert_int_equal(c.awaiting, 0); /* a rep approves nothing */
    assert_int_equal(home_counts_load(&f->david, &c, NULL), ERR_OK);
    assert_int_equal(c.awaiting, 1);
    assert_int_equal(c.open_quotes, 0);
    assert_int_equal(quote_approve(&f->david, &q, "fine", NULL), ERR_OK);
    assert_int_equal(home_counts_load(&f->david, &c, NULL), ERR_OK);
    assert_int_equal(c.awaiting, 0);
    assert_int_equal(quote_cancel(&f->alice, &q2, "not needed", NULL), ERR_OK);
    assert_int_equal(home_counts_load(&f->alice, &c, NULL), ERR_OK);
    assert_int_equal(c.open_quotes, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sales_are_summed_per_day_and_channel, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sales_days_are_cut_at_local_midnight, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_rep_sums_only_the_orders_they_see, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_bad_month_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counts_today_and_open_orders, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counts_open_quotes_and_the_approval_queue, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
