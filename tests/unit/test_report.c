/* Reports against a small hand-built data set with known answers: B2B vs
 * B2C (revenue net of a cancelled unpaid order and of a refund on its own
 * day, the period before), win rate, discounts and approvals, the pipeline,
 * products, on-time; an empty range, a single day, a rep who sees only their
 * own figures, support refused; the summary tables kept by triggers equal
 * their recomputation (check) and a tampered one is found; the chart scale. */
#include <sqlite3.h>
#include <time.h>

#include "report_fixture.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/report.h"
#include "src/b2c/report_private.h"
#include "src/base/chart.h"
#include "testutil.h"

/* alice (2) and bruno (3) are reps, david (5) a manager. */
static const char data[] =
    "INSERT INTO accounts(id, code, name, rep_id, created_at, updated_at) VALUES"
    " (1, 'ACME', 'Société Acme', 2, 'x', 'x'), (2, 'TOKYO', '東京商事', 3, 'x', 'x');"
    "INSERT INTO products(id, sku, name, category, list_price, unit_cost, stock_on_hand, created_at,"
    " updated_at) VALUES (1, 'CAF-001', 'Café moulu', 'Café', 1000, 600, 50, 'x', 'x'),"
    " (2, 'THE-001', 'Thé vert', 'Thé', 1000, 400, 5, 'x', 'x'),"
    " (3, 'MUG-001', 'Tasse', 'Vaisselle', 900, 300, 7, 'x', 'x');"
    /* O1 B2B alice, 10 Nov, delivered a day late; O2 B2C bruno 10 Nov; O3 B2C
     * cancelled before being paid; O4 B2B alice in October, on time */
    "INSERT INTO orders(id, number, channel, account_id, rep_id, status, placed_at, placed_day, subtotal,"
    " tax_total, total, paid_total, first_promised_date, delivered_at, delivered_day) VALUES"
    " (1, 'O-1', 'b2b', 1, 2, 'delivered', '2026-11-10T09:00:00Z', '2026-11-10', 10500, 2100, 12600, 12600,"
    "  '2026-11-14', '2026-11-15T10:00:00Z', '2026-11-15'),"
    " (2, 'O-2', 'b2c', NULL, 3, 'allocated', '2026-11-10T10:00:00Z', '2026-11-10', 2000, 400, 2400, 2400,"
    "  NULL, NULL, NULL),"
    " (3, 'O-3', 'b2c', NULL, 3, 'cancelled', '2026-11-20T10:00:00Z', '2026-11-20', 1000, 200, 1200, 0,"
    "  NULL, NULL, NULL),"
    " (4, 'O-4', 'b2b', 1, 2, 'delivered', '2026-10-05T09:00:00Z', '2026-10-05', 5000, 1000, 6000, 6000,"
    "  '2026-10-12', '2026-10-10T10:00:00Z', '2026-10-10');"
    "INSERT INTO order_lines(order_id, line_no, kind, product_id, sku, category, quantity, unit_price,"
    " unit_cost, tax_included, net_amount, tax_amount, shipped_qty, allocated_qty, cancelled_qty) VALUES"
    " (1, 1, 'goods', 1, 'CAF-001', 'Café', 10, 1000, 600, 0, 10000, 2000, 10, 0, 0),"
    " (1, 2, 'shipping', NULL, 'standard', '', 1, 500, 0, 0, 500, 100, 0, 0, 0),"
    " (2, 1, 'goods', 2, 'THE-001', 'Thé', 2, 1200, 400, 1, 2000, 400, 0, 2, 0),"
    " (3, 1, 'goods', 2, 'THE-001', 'Thé', 1, 1200, 400, 1, 1000, 200, 0, 0, 1),"
    " (4, 1, 'goods', 1, 'CAF-001', 'Café', 5, 1000, 600, 0, 5000, 1000, 5, 0, 0);"
    /* 12.00 paid back on O1 (10.00 + 2.00 tax) on 25 November */
    "INSERT INTO payments(order_id, direction, method, amount, tax_amount, at, day) VALUES"
    " (1, 'out', 'account', 1200, 200, '2026-11-25T10:00:00Z', '2026-11-25');"
    /* quotes: Q1 alice accepted two days after its send (10 %), Q2 alice waited
     * 3 h for david then expired (20 %), Q3 bruno rejected (5 %), Q4 alice open */
    "INSERT INTO quotes(id, number, account_id, owner_id, status, valid_until, created_at, updated_at) VALUES"
    " (1, 'Q-1', 1, 2, 'accepted', '2026-12-31', '2026-11-02T09:00:00Z', 'x'),"
    " (2, 'Q-2', 1, 2, 'expired', '2026-11-19', '2026-11-02T09:00:00Z', 'x'),"
    " (3, 'Q-3', 2, 3, 'rejected', '2026-12-31', '2026-11-02T09:00:00Z', 'x'),"
    " (4, 'Q-4', 1, 2, 'draft', '2026-11-30', '2026-11-25T09:00:00Z', 'x');"
    "INSERT INTO quote_revisions(quote_id, number, subtotal, total, discount_bp, created_at) VALUES"
    " (1, 1, 9000, 9000, 1000, 'x'), (2, 1, 8000, 8000, 2000, 'x'), (3, 1, 9500, 9500, 500, 'x'),"
    " (4, 1, 7000, 7000, 0, 'x');"
    "INSERT INTO quote_events(quote_id, revision, at, kind, from_status, to_status) VALUES"
    " (1, 1, '2026-11-02T09:00:00Z', 'create', '', 'draft'),"
    " (1, 1, '2026-11-03T09:00:00Z', 'send', 'draft', 'sent'),"
    " (1, 1, '2026-11-05T09:00:00Z', 'accept', 'sent', 'accepted'),"
    " (2, 1, '2026-11-02T09:00:00Z', 'create', '', 'draft'),"
    " (2, 1, '2026-11-03T09:00:00Z', 'submit', 'draft', 'pending'),"
    " (2, 1, '2026-11-03T12:00:00Z', 'approve', 'pending', 'approved'),"
    " (2, 1, '2026-11-04T09:00:00Z', 'send', 'approved', 'sent'),"
    " (2, 1, '2026-11-20T01:00:00Z', 'expire', 'sent', 'expired'),"
    " (3, 1, '2026-11-02T09:00:00Z', 'create', '', 'draft'),"
    " (3, 1, '2026-11-03T09:00:00Z', 'send', 'draft', 'sent'),"
    " (3, 1, '2026-11-10T09:00:00Z', 'reject', 'sent', 'rejected'),"
    " (4, 1, '2026-11-25T09:00:00Z', 'create', '', 'draft');"
    "INSERT INTO quote_approvals(quote_id, revision_id, approver_id, decision, at) VALUES"
    " (2, 2, 5, 'approve', '2026-11-03T12:00:00Z');";

static int setup(void **state)
{
    const char *const statements[] = {data};
    return report_fixture_setup(state, statements, 1);
}

static void run(struct app *app, enum report_kind k, const char *from, const char *to, struct report *r)
{
    run_report(app, k, from, to, 0, r);
}

/* The row of section s whose first cells read a (and b, when not NULL). */
static const struct report_row *row_of(const struct report *r, int s, const char *a, const char *b)
{
    const struct report_row *rows = r->sections[s].rows.items;
    for (int i = 0; i < r->sections[s].rows.n; i++)
        if (strcmp(rows[i].cells[0].text, a) == 0 && (b == NULL || strcmp(rows[i].cells[1].text, b) == 0))
            return &rows[i];
    fail_msg("no row '%s' '%s' in section %d of %s", a, b ? b : "", s, r->title);
    return NULL;
}

static void test_b2b_b2c_revenue_net_of_cancelled_and_refunds(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->david, REPORT_CHANNELS, "2026-11-01", "2026-11-30", &r);
    const struct report_row *b2b = row_of(&r, 0, "2026-11", "B2B"), *b2c = row_of(&r, 0, "2026-11", "B2C");
    assert_int_equal(b2b->cells[2].value, 1);
    assert_int_equal(b2b->cells[3].value, 9500); /* 105.00 - the 10.00 paid back */
    assert_int_equal(b2b->cells[5].value, 1);    /* October: one order */
    assert_int_equal(b2b->cells[6].value, 5000); /* of 50.00 */
    assert_int_equal(b2b->cells[7].value, 5000); /* its average */
    assert_int_equal(b2b->cells[8].value, 9000); /* +90 % */
    assert_int_equal(b2c->cells[2].value, 1);    /* O-3 was cancelled */
    assert_int_equal(b2c->cells[3].value, 2000);
    assert_true(b2c->cells[7].empty); /* no order the month before */
    assert_true(b2c->cells[8].empty);
    assert_int_equal(b2b->link.kind, REPORT_LINK_ORDERS);
    assert_string_equal(b2b->link.from, "2026-11-01");
    report_free(&r);
    run(&f->david, REPORT_CHANNELS, "2026-11-10", "2026-11-10", &r); /* one day: before the refund */
    assert_int_equal(row_of(&r, 0, "2026-11", "B2B")->cells[3].value, 10500);
    report_free(&r);
    run(&f->david, REPORT_CHANNELS, "2025-01-01", "2025-01-31", &r); /* nothing: the totals only, at 0 */
    assert_int_equal(r.sections[0].rows.n, 2);
    assert_int_equal(row_of(&r, 0, "Total", "B2B")->cells[3].value, 0);
    report_free(&r);
}

/* The period before: whole months compare with as many whole months (the
 * 31st and the 29th of February included), other ranges move back by the
 * months they touch, their days kept within their month. */
static void test_previous_period_of_whole_months_and_of_days(void **state)
{
    (void)state;
    static const char *const cases[][4] = {
        {"2026-11-01", "2026-11-30", "2026-10-01", "2026-10-31"}, /* not the 30th of October */
        {"2026-03-01", "2026-03-31", "2026-02-01", "2026-02-28"},
        {"2028-03-01", "2028-03-31", "2028-02-01", "2028-02-29"},
        {"2026-02-01", "2026-02-28", "2026-01-01", "2026-01-31"},
        {"2026-04-01", "2026-04-30", "2026-03-01", "2026-03-31"},
        {"2026-12-01", "2026-12-31", "2026-11-01", "2026-11-30"},
        {"2026-01-01", "2026-12-31", "2025-01-01", "2025-12-31"},
        {"2026-03-31", "2026-03-31", "2026-02-28", "2026-02-28"}, /* a day, clamped to February */
        {"2026-03-10", "2026-03-20", "2026-02-10", "2026-02-20"},
        {"2026-04-15", "2026-04-30", "2026-03-15", "2026-03-31"}, /* to a month's end: to the one before's */
        {"2025-12-15", "2026-12-14", "2024-11-15", "2025-11-14"}, /* 13 months touched */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct report_window w = {0};
        snprintf(w.from, sizeof w.from, "%s", cases[i][0]);
        snprintf(w.to, sizeof w.to, "%s", cases[i][1]);
        char from[11], to[11];
        int shift = 0;
        report_previous_period(&w, &shift, from, to);
        assert_string_equal(from, cases[i][2]);
        assert_string_equal(to, cases[i][3]);
    }
}

/* The 31st of October counts in November's period before; a month with
 * orders only in the period before still has its row. */
static void test_b2b_b2c_previous_orders_and_average(void **state)
{
    struct fixture *f = *state;
    raw(f, "INSERT INTO orders(id, number, channel, account_id, rep_id, status, placed_at, placed_day,"
           " subtotal, tax_total, total, paid_total) VALUES"
           " (10, 'O-10', 'b2c', NULL, 3, 'allocated', '2026-10-31T10:00:00Z', '2026-10-31', 3000, 600, 3600,"
           "  3600),"
           " (11, 'O-11', 'b2c', NULL, 3, 'allocated', '2026-10-31T11:00:00Z', '2026-10-31', 1000, 200, 1200,"
           "  1200);"
           "INSERT INTO order_lines(order_id, line_no, kind, product_id, sku, category, quantity, unit_price,"
           " unit_cost, tax_included, net_amount, tax_amount) VALUES"
           " (10, 1, 'goods', 2, 'THE-001', 'Thé', 3, 1200, 400, 1, 3000, 600),"
           " (11, 1, 'goods', 2, 'THE-001', 'Thé', 1, 1200, 400, 1, 1000, 200);");
    struct report r;
    run(&f->david, REPORT_CHANNELS, "2026-11-01", "2026-11-30", &r);
    const struct report_row *b2c = row_of(&r, 0, "2026-11", "B2C");
    assert_int_equal(b2c->cells[5].value, 2); /* the two orders of 31 October */
    assert_int_equal(b2c->cells[6].value, 4000);
    assert_int_equal(b2c->cells[7].value, 2000); /* their average */
    assert_int_equal(b2c->cells[8].value, -5000);
    const struct report_row *total = row_of(&r, 0, "Total", "B2C");
    assert_int_equal(total->cells[5].value, 2);
    assert_int_equal(total->cells[7].value, 2000);
    report_free(&r);
    /* December: nothing yet, but November's orders beside it */
    run(&f->david, REPORT_CHANNELS, "2026-12-01", "2026-12-31", &r);
    const struct report_row *dec = row_of(&r, 0, "2026-12", "B2B");
    assert_int_equal(dec->cells[2].value, 0);
    assert_true(dec->cells[4].empty);
    assert_int_equal(dec->cells[5].value, 1);
    assert_int_equal(dec->cells[6].value, 9500);
    assert_int_equal(dec->cells[8].value, -10000);
    report_free(&r);
}

static void test_win_rate_and_days_to_accept(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->david, REPORT_WIN_RATE, "", "", &r);
    const struct report_row *nov = row_of(&r, 0, "2026-11", NULL);
    assert_int_equal(nov->cells[1].value, 3);
    assert_int_equal(nov->cells[2].value, 1);
    assert_int_equal(nov->cells[6].value, 3333); /* 1 / 3 */
    assert_int_equal(nov->cells[7].value, 20);   /* 2.0 days from the send */
    assert_int_equal(row_of(&r, 1, "alice", NULL)->cells[6].value, 5000);
    assert_int_equal(row_of(&r, 1, "bruno", NULL)->cells[6].value, 0);
    char text[64];
    report_cell_format(&r.sections[0].cols[6], &nov->cells[6], text, sizeof text);
    assert_string_equal(text, "33.3 %");
    report_free(&r);
}

static void test_a_rep_sees_only_their_own(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->alice, REPORT_WIN_RATE, "", "", &r);
    assert_int_equal(row_of(&r, 0, "Total", NULL)->cells[1].value, 2);
    assert_int_equal(r.sections[1].rows.n, 1); /* only alice */
    report_free(&r);
    run(&f->bruno, REPORT_CHANNELS, "2026-11-01", "2026-11-30", &r);
    assert_int_equal(row_of(&r, 0, "Total", "B2B")->cells[3].value, 0);
    assert_int_equal(row_of(&r, 0, "Total", "B2C")->cells[3].value, 2000);
    report_free(&r);
    struct report_query q = {.rep_id = f->bruno.user.id};
    struct err e = {0};
    assert_int_equal(report_run(&f->alice, REPORT_PIPELINE, &q, &r, &e), ERR_DENIED);
    assert_int_equal(report_run(&f->chloe, REPORT_PIPELINE, &(struct report_query){0}, &r, &e), ERR_DENIED);
    q.rep_id = f->alice.user.id; /* a manager may read one rep's */
    assert_int_equal(report_run(&f->david, REPORT_WIN_RATE, &q, &r, &e), ERR_OK);
    assert_int_equal(row_of(&r, 0, "Total", NULL)->cells[1].value, 2);
    report_free(&r);
}

static void test_discounts_and_approvals(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->david, REPORT_DISCOUNTS, "", "", &r);
    const struct report_row *alice = row_of(&r, 0, "alice", NULL);
    assert_int_equal(alice->cells[1].value, 2);
    assert_int_equal(alice->cells[2].value, 1500); /* (10 % + 20 %) / 2 */
    assert_int_equal(alice->cells[3].value, 2000);
    assert_int_equal(alice->cells[4].value, 1);
    assert_int_equal(alice->cells[5].value, 5000);
    assert_string_equal(row_of(&r, 1, "ACME", NULL)->cells[1].text, "Société Acme");
    const struct report_row *david = row_of(&r, 2, "david", NULL);
    assert_int_equal(david->cells[1].value, 1);
    assert_int_equal(david->cells[3].value, 3 * 3600);
    char text[64];
    report_cell_format(&r.sections[2].cols[3], &david->cells[3], text, sizeof text);
    assert_string_equal(text, "3.0 h");
    report_free(&r);
}

static void test_pipeline_ages_and_expiring(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->david, REPORT_PIPELINE, "", "", &r);
    const struct report_row *draft = row_of(&r, 0, "alice", "draft");
    assert_int_equal(draft->cells[2].value, 1); /* 2 days old */
    assert_int_equal(draft->cells[6].value, 7000);
    assert_int_equal(draft->link.kind, REPORT_LINK_QUOTES);
    assert_int_equal(r.sections[1].rows.n, 1); /* valid until the 30th */
    const struct report_row *soon = r.sections[1].rows.items;
    assert_string_equal(soon->link.text, "Q-4");
    struct rows quotes = {0};
    struct err e = {0};
    assert_int_equal(report_link_quotes(&f->david, &draft->link, 10, &quotes, &e), ERR_OK);
    assert_int_equal(quotes.n, 1);
    assert_string_equal(((struct report_quote_item *)quotes.items)->number, "Q-4");
    rows_free(&quotes);
    report_free(&r);
}

static void test_products_and_categories(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->david, REPORT_PRODUCTS, "", "", &r); /* this month */
    const struct report_row *caf = row_of(&r, 0, "CAF-001", NULL);
    assert_int_equal(caf->cells[2].value, 10);
    assert_int_equal(caf->cells[3].value, 10000);
    assert_int_equal(caf->cells[4].value, 4000);
    assert_int_equal(row_of(&r, 0, "THE-001", NULL)->cells[2].value, 2); /* the cancelled one left out */
    assert_int_equal(row_of(&r, 2, "Thé", NULL)->cells[2].value, 2000);
    assert_int_equal(row_of(&r, 3, "MUG-001", NULL)->cells[3].value, 0); /* sold nothing */
    report_free(&r);
}

static void test_ontime_against_the_first_promise(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->david, REPORT_ONTIME, "", "", &r);
    const struct report_row *all = row_of(&r, 1, "Overall", NULL);
    assert_int_equal(all->cells[2].value, 2);
    assert_int_equal(all->cells[3].value, 1);
    assert_int_equal(all->cells[5].value, 5000);
    assert_int_equal(row_of(&r, 0, "2026-11", NULL)->cells[3].value, 1);
    report_free(&r);
}

/* Decisions of October for the ranges across two months: bruno rejects Q-5
 * (15 %, ACME's) on 25 October, alice's Q-6 (30 %) expires on 10 October. */
static void october_quotes(struct fixture *f)
{
    raw(f, "INSERT INTO quotes(id, number, account_id, owner_id, status, valid_until, created_at, updated_at)"
           " VALUES (5, 'Q-5', 1, 3, 'rejected', '2026-12-31', '2026-10-01T09:00:00Z', 'x'),"
           " (6, 'Q-6', 1, 2, 'expired', '2026-10-09', '2026-10-01T09:00:00Z', 'x');"
           "INSERT INTO quote_revisions(quote_id, number, subtotal, total, discount_bp, created_at) VALUES"
           " (5, 1, 1000, 1000, 1500, 'x'), (6, 1, 1000, 1000, 3000, 'x');"
           "INSERT INTO quote_events(quote_id, revision, at, kind, from_status, to_status) VALUES"
           " (5, 1, '2026-10-01T09:00:00Z', 'create', '', 'draft'),"
           " (5, 1, '2026-10-02T09:00:00Z', 'send', 'draft', 'sent'),"
           " (5, 1, '2026-10-25T09:00:00Z', 'reject', 'sent', 'rejected'),"
           " (6, 1, '2026-10-01T09:00:00Z', 'create', '', 'draft'),"
           " (6, 1, '2026-10-02T09:00:00Z', 'send', 'draft', 'sent'),"
           " (6, 1, '2026-10-10T01:00:00Z', 'expire', 'sent', 'expired');");
}

static void test_win_rate_reads_the_days_asked(void **state)
{
    struct fixture *f = *state;
    october_quotes(f);
    struct report r;
    run(&f->david, REPORT_WIN_RATE, "2026-11-05", "2026-11-05", &r); /* a single day: Q-1's acceptance */
    assert_string_equal(r.range, "2026-11-05 … 2026-11-05");
    const struct report_row *nov = row_of(&r, 0, "2026-11", NULL);
    assert_int_equal(nov->cells[1].value, 1);
    assert_int_equal(nov->cells[2].value, 1);
    assert_int_equal(nov->cells[6].value, 10000);
    assert_int_equal(nov->cells[7].value, 20);
    assert_string_equal(nov->link.from, "2026-11-05");
    assert_string_equal(nov->link.to, "2026-11-05");
    assert_int_equal(r.sections[1].rows.n, 1); /* alice alone */
    report_free(&r);
    run(&f->david, REPORT_WIN_RATE, "2026-11-06", "2026-11-09", &r); /* an empty range */
    assert_int_equal(r.sections[0].rows.n, 1);
    assert_int_equal(row_of(&r, 0, "Total", NULL)->cells[1].value, 0);
    assert_int_equal(r.sections[1].rows.n, 0);
    report_free(&r);
    run(&f->david, REPORT_WIN_RATE, "2026-10-20", "2026-11-07", &r);     /* two partial months */
    assert_int_equal(row_of(&r, 0, "2026-10", NULL)->cells[3].value, 1); /* Q-5, not Q-6 */
    assert_int_equal(row_of(&r, 0, "2026-10", NULL)->cells[1].value, 1);
    assert_int_equal(row_of(&r, 0, "2026-11", NULL)->cells[2].value, 1); /* Q-1, not Q-2 nor Q-3 */
    assert_int_equal(row_of(&r, 0, "2026-11", NULL)->cells[1].value, 1);
    assert_int_equal(row_of(&r, 1, "bruno", NULL)->cells[1].value, 1);
    report_free(&r);
    run(&f->david, REPORT_WIN_RATE, "2026-10-01", "2026-11-30", &r); /* whole months: every decision */
    assert_int_equal(row_of(&r, 0, "Total", NULL)->cells[1].value, 5);
    report_free(&r);
}

/* A decision's day is the store's local day: Q-3's rejection, 09:00 UTC on
 * 10 November, is on the 9th in Honolulu. */
static void test_days_of_decisions_are_local_days(void **state)
{
    struct fixture *f = *state;
    setenv("TZ", "Pacific/Honolulu", 1);
    tzset();
    struct report r;
    run(&f->david, REPORT_WIN_RATE, "2026-11-09", "2026-11-09", &r);
    const struct report_row *nov = row_of(&r, 0, "2026-11", NULL);
    assert_int_equal(nov->cells[1].value, 1);
    assert_int_equal(nov->cells[3].value, 1);
    report_free(&r);
    run(&f->david, REPORT_WIN_RATE, "2026-11-10", "2026-11-10", &r);
    assert_int_equal(row_of(&r, 0, "Total", NULL)->cells[1].value, 0);
    report_free(&r);
    setenv("TZ", "UTC", 1);
    tzset();
}

static void test_discounts_read_the_days_asked(void **state)
{
    struct fixture *f = *state;
    october_quotes(f);
    struct report r;
    run(&f->david, REPORT_DISCOUNTS, "2026-11-10", "2026-11-10", &r); /* a single day: Q-3 */
    assert_int_equal(r.sections[0].rows.n, 2);                        /* bruno, the total */
    assert_int_equal(row_of(&r, 0, "bruno", NULL)->cells[2].value, 500);
    const struct report_row *tokyo = row_of(&r, 1, "TOKYO", NULL);
    assert_int_equal(tokyo->cells[2].value, 1);
    assert_int_equal(tokyo->cells[4].value, 500);
    assert_int_equal(r.sections[2].rows.n, 0); /* no approval that day */
    report_free(&r);
    run(&f->david, REPORT_DISCOUNTS, "2026-11-03", "2026-11-03", &r); /* the day of david's approval */
    assert_int_equal(row_of(&r, 2, "david", NULL)->cells[1].value, 1);
    assert_int_equal(row_of(&r, 0, "Total", NULL)->cells[1].value, 0);
    report_free(&r);
    run(&f->david, REPORT_DISCOUNTS, "2026-11-11", "2026-11-19", &r); /* an empty range */
    assert_int_equal(row_of(&r, 0, "Total", NULL)->cells[1].value, 0);
    assert_int_equal(r.sections[1].rows.n, 0);
    assert_int_equal(r.sections[2].rows.n, 0);
    report_free(&r);
    run(&f->david, REPORT_DISCOUNTS, "2026-10-20", "2026-11-07", &r); /* Q-5 and Q-1, not Q-6 */
    const struct report_row *acme = row_of(&r, 1, "ACME", NULL);
    assert_int_equal(acme->cells[2].value, 2);
    assert_int_equal(acme->cells[3].value, 1250); /* (15 % + 10 %) / 2 */
    assert_int_equal(acme->cells[4].value, 1500); /* not Q-6's 30 % */
    assert_int_equal(row_of(&r, 0, "alice", NULL)->cells[3].value, 1000);
    report_free(&r);
}

static void test_products_read_the_days_asked(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->david, REPORT_PRODUCTS, "2026-11-10", "2026-11-10", &r); /* a single day: O-1 and O-2 */
    assert_int_equal(row_of(&r, 0, "CAF-001", NULL)->cells[2].value, 10);
    assert_int_equal(row_of(&r, 0, "THE-001", NULL)->cells[2].value, 2);
    assert_int_equal(row_of(&r, 2, "Café", NULL)->cells[1].value, 10);
    report_free(&r);
    run(&f->alice, REPORT_PRODUCTS, "2026-11-10", "2026-11-10", &r); /* alice's own: O-1 */
    assert_int_equal(r.sections[0].rows.n, 1);
    assert_int_equal(r.sections[2].rows.n, 1);
    report_free(&r);
    run(&f->david, REPORT_PRODUCTS, "2026-11-11", "2026-11-30", &r); /* an empty range */
    assert_int_equal(r.sections[0].rows.n, 0);
    assert_int_equal(r.sections[2].rows.n, 0);
    assert_int_equal(row_of(&r, 3, "CAF-001", NULL)->cells[3].value, 0); /* a slow mover */
    report_free(&r);
    run(&f->david, REPORT_PRODUCTS, "2026-10-05", "2026-11-09", &r); /* two partial months: O-4 */
    assert_int_equal(r.sections[0].rows.n, 1);
    assert_int_equal(row_of(&r, 0, "CAF-001", NULL)->cells[2].value, 5);
    assert_int_equal(row_of(&r, 2, "Café", NULL)->cells[2].value, 5000);
    report_free(&r);
    run(&f->david, REPORT_PRODUCTS, "2026-10-06", "2026-11-10", &r); /* O-1 and O-2, not O-4 */
    assert_int_equal(row_of(&r, 0, "CAF-001", NULL)->cells[2].value, 10);
    report_free(&r);
}

static void test_ontime_reads_the_days_asked(void **state)
{
    struct fixture *f = *state;
    struct report r;
    run(&f->david, REPORT_ONTIME, "2026-11-15", "2026-11-15", &r); /* a single day: O-1, late */
    assert_int_equal(row_of(&r, 0, "2026-11", NULL)->cells[3].value, 1);
    const struct report_row *all = row_of(&r, 1, "Overall", NULL);
    assert_int_equal(all->cells[2].value, 1);
    assert_int_equal(all->cells[3].value, 0);
    assert_string_equal(all->link.from, "2026-11-15");
    report_free(&r);
    run(&f->david, REPORT_ONTIME, "2026-11-01", "2026-11-14", &r); /* an empty range */
    assert_int_equal(r.sections[0].rows.n, 0);
    assert_int_equal(row_of(&r, 1, "Overall", NULL)->cells[2].value, 0);
    report_free(&r);
    run(&f->david, REPORT_ONTIME, "2026-10-10", "2026-11-14", &r); /* two partial months: O-4 */
    assert_int_equal(row_of(&r, 0, "2026-10", NULL)->cells[2].value, 1);
    assert_int_equal(r.sections[0].rows.n, 1);
    assert_int_equal(row_of(&r, 1, "ACME", NULL)->cells[3].value, 1);
    report_free(&r);
}

static void test_summaries_follow_changes_and_check_finds_tampering(void **state)
{
    struct fixture *f = *state;
    /* O-2 cancelled after it was paid: its refund comes the day it is paid back */
    raw(f, "UPDATE orders SET status = 'cancelled' WHERE id = 2;"
           "INSERT INTO payments(order_id, direction, method, amount, tax_amount, at, day) VALUES"
           " (2, 'out', 'card', 2400, 400, '2026-11-26T10:00:00Z', '2026-11-26');"
           "UPDATE order_lines SET unit_cost = 700 WHERE order_id = 1 AND line_no = 1;"
           "UPDATE orders SET delivered_day = '2026-11-14', delivered_at = '2026-11-14T10:00:00Z'"
           " WHERE id = 1;");
    struct report r;
    run(&f->david, REPORT_CHANNELS, "2026-11-01", "2026-11-30", &r);
    assert_int_equal(row_of(&r, 0, "2026-11", "B2C")->cells[3].value, 0);
    assert_int_equal(row_of(&r, 0, "2026-11", "B2C")->cells[2].value, 0);
    report_free(&r);
    run(&f->david, REPORT_ONTIME, "", "", &r);
    assert_int_equal(row_of(&r, 1, "Overall", NULL)->cells[3].value, 2);
    report_free(&r);
    struct strbuf out = {0};
    int problems = 0;
    struct err e = {0};
    assert_int_equal(report_check(&f->david, &out, &problems, &e), ERR_OK);
    assert_int_equal(problems, 0);
    raw(f, "UPDATE report_product_month SET net = net + 1 WHERE product_id = 1");
    assert_int_equal(report_check(&f->david, &out, &problems, &e), ERR_OK);
    assert_int_equal(problems, 1);
    assert_non_null(strstr(strbuf_text(&out), "report_product_month: differs"));
    strbuf_free(&out);
}

static void test_chart_clips_one_large_figure(void **state)
{
    (void)state;
    int64_t v[] = {100, 120, 90, 110, 105, 5000};
    int64_t scale = chart_scale(v, 6);
    assert_true(scale < 5000 && scale >= 120);
    char bar[256];
    chart_bar(5000, scale, 10, true, bar, sizeof bar);
    assert_non_null(strstr(bar, "▶"));
    assert_int_equal(chart_bar(100, 100, 10, false, bar, sizeof bar), 10);
    assert_string_equal(bar, "##########");
    assert_int_equal(chart_bar(0, 100, 10, true, bar, sizeof bar), 0);
    int64_t few[] = {1, 1000};
    assert_int_equal(chart_scale(few, 2), 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_b2b_b2c_revenue_net_of_cancelled_and_refunds, setup, teardown),
        cmocka_unit_test(test_previous_period_of_whole_months_and_of_days),
        cmocka_unit_test_setup_teardown(test_b2b_b2c_previous_orders_and_average, setup, teardown),
        cmocka_unit_test_setup_teardown(test_win_rate_and_days_to_accept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_win_rate_reads_the_days_asked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_days_of_decisions_are_local_days, setup, teardown),
        cmocka_unit_test_setup_teardown(test_discounts_read_the_days_asked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_products_read_the_days_asked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ontime_reads_the_days_asked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_rep_sees_only_their_own, setup, teardown),
        cmocka_unit_test_setup_teardown(test_discounts_and_approvals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pipeline_ages_and_expiring, setup, teardown),
        cmocka_unit_test_setup_teardown(test_products_and_categories, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ontime_against_the_first_promise, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summaries_follow_changes_and_check_finds_tampering, setup,
                                        teardown),
        cmocka_unit_test(test_chart_clips_one_large_figure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
