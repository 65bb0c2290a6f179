/* The reports' faster readings (migrations 0018 and 0022): each form a
 * window picks — one whole year, several, months of a year, any months
 * across a year's end, a rep's own tables, one account — answers what the
 * rows say (a recomputation from the orders and quotes, window by window);
 * the tables of 0018 and 0022 follow orders placed, cancelled, moved and
 * refunded and quotes changed (check finds nothing), and a tampered row of
 * any of them is found, in that table alone. */
#include <sqlite3.h>
#include <time.h>

#include "report_fixture.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/report.h"
#include "testutil.h"

/* alice (2) sells to ACME, bruno (3) to TOKYO and consumers; orders from
 * December 2025 to November 2026; O-4 placed then cancelled (PEN-001 sold
 * nothing else); quotes decided in December 2025, February and May 2026. */
static const char data[] =
    "INSERT INTO accounts(id, code, name, rep_id, created_at, updated_at) VALUES"
    " (1, 'ACME', 'Société Acme', 2, 'x', 'x'), (2, 'TOKYO', '東京商事', 3, 'x', 'x');"
    "INSERT INTO products(id, sku, name, category, list_price, unit_cost, stock_on_hand, active, created_at,"
    " updated_at) VALUES (1, 'CAF-001', 'Café moulu', 'Café', 1000, 600, 50, 1, 'x', 'x'),"
    " (2, 'THE-001', 'Thé vert', 'Thé', 1000, 400, 5, 1, 'x', 'x'),"
    " (3, 'MUG-001', 'Tasse', 'Vaisselle', 900, 300, 7, 1, 'x', 'x'),"
    " (4, 'OLD-001', 'Ancien', 'Vaisselle', 900, 300, 3, 0, 'x', 'x'),"
    " (5, 'PEN-001', 'Stylo', 'Bureau', 100, 50, 9, 1, 'x', 'x');"
    "INSERT INTO orders(id, number, channel, account_id, rep_id, status, placed_at, placed_day, subtotal,"
    " tax_total, total, paid_total, first_promised_date, delivered_at, delivered_day) VALUES"
    " (1, 'O-1', 'b2b', 1, 2, 'delivered', '2025-12-15T09:00:00Z', '2025-12-15', 4000, 800, 4800, 4800,"
    "  '2025-12-18', '2025-12-20T09:00:00Z', '2025-12-20'),"
    " (2, 'O-2', 'b2b', 1, 2, 'delivered', '2026-03-10T09:00:00Z', '2026-03-10', 11000, 2200, 13200, 13200,"
    "  '2026-03-14', '2026-03-12T09:00:00Z', '2026-03-12'),"
    " (3, 'O-3', 'b2c', NULL, 3, 'allocated', '2026-06-05T09:00:00Z', '2026-06-05', 3900, 780, 4680, 4680,"
    "  NULL, NULL, NULL),"
    " (4, 'O-4', 'b2b', 2, 3, 'placed', '2026-06-20T09:00:00Z', '2026-06-20', 500, 100, 600, 0,"
    "  NULL, NULL, NULL),"
    " (5, 'O-5', 'b2b', 2, 3, 'delivered', '2026-11-10T09:00:00Z', '2026-11-10', 1800, 360, 2160, 2160,"
    "  '2026-11-12', '2026-11-15T09:00:00Z', '2026-11-15');"
    "INSERT INTO order_lines(order_id, line_no, kind, product_id, sku, category, quantity, unit_price,"
    " unit_cost, tax_included, net_amount, tax_amount, shipped_qty, allocated_qty, cancelled_qty) VALUES"
    " (1, 1, 'goods', 1, 'CAF-001', 'Café', 4, 1000, 600, 0, 4000, 800, 4, 0, 0),"
    " (2, 1, 'goods', 1, 'CAF-001', 'Café', 10, 1000, 600, 0, 10000, 2000, 10, 0, 0),"
    " (2, 2, 'goods', 2, 'THE-001', 'Thé', 1, 1000, 400, 0, 1000, 200, 1, 0, 0),"
    " (3, 1, 'goods', 2, 'THE-001', 'Thé', 3, 1200, 400, 1, 3000, 600, 0, 3, 0),"
    " (3, 2, 'goods', 3, 'MUG-001', 'Vaisselle', 1, 1080, 300, 1, 900, 180, 0, 1, 0),"
    " (4, 1, 'goods', 5, 'PEN-001', 'Bureau', 5, 100, 50, 0, 500, 100, 0, 0, 0),"
    " (5, 1, 'goods', 3, 'MUG-001', 'Vaisselle', 2, 900, 300, 0, 1800, 360, 2, 0, 0);"
    "UPDATE orders SET status = 'cancelled' WHERE id = 4;"
    "INSERT INTO quotes(id, number, account_id, owner_id, status, valid_until, created_at, updated_at) VALUES"
    " (1, 'Q-1', 1, 2, 'accepted', '2025-12-31', '2025-12-01T09:00:00Z', 'x'),"
    " (2, 'Q-2', 2, 3, 'rejected', '2026-03-01', '2026-02-01T09:00:00Z', 'x'),"
    " (3, 'Q-3', 1, 2, 'accepted', '2026-06-01', '2026-05-01T09:00:00Z', 'x'),"
    " (4, 'Q-4', 1, 2, 'draft', '2026-12-31', '2026-11-20T09:00:00Z', 'x'),"
    " (5, 'Q-5', 2, 3, 'sent', '2026-12-01', '2026-10-01T09:00:00Z', 'x');"
    "INSERT INTO quote_revisions(quote_id, number, subtotal, total, discount_bp, created_at) VALUES"
    " (1, 1, 9000, 9000, 1000, 'x'), (2, 1, 8000, 8000, 3000, 'x'), (3, 1, 9500, 9500, 500, 'x'),"
    " (4, 1, 7000, 7000, 0, 'x'), (5, 1, 5000, 5000, 0, 'x');"
    "INSERT INTO quote_events(quote_id, revision, at, kind, from_status, to_status) VALUES"
    " (1, 1, '2025-12-01T09:00:00Z', 'create', '', 'draft'),"
    " (1, 1, '2025-12-02T09:00:00Z', 'send', 'draft', 'sent'),"
    " (1, 1, '2025-12-10T09:00:00Z', 'accept', 'sent', 'accepted'),"
    " (2, 1, '2026-02-01T09:00:00Z', 'create', '', 'draft'),"
    " (2, 1, '2026-02-02T09:00:00Z', 'send', 'draft', 'sent'),"
    " (2, 1, '2026-02-15T09:00:00Z', 'reject', 'sent', 'rejected'),"
    " (3, 1, '2026-05-01T09:00:00Z', 'create', '', 'draft'),"
    " (3, 1, '2026-05-02T09:00:00Z', 'send', 'draft', 'sent'),"
    " (3, 1, '2026-05-03T09:00:00Z', 'accept', 'sent', 'accepted'),"
    " (4, 1, '2026-11-20T09:00:00Z', 'create', '', 'draft'),"
    " (5, 1, '2026-10-01T09:00:00Z', 'create', '', 'draft'),"
    " (5, 1, '2026-10-02T09:00:00Z', 'send', 'draft', 'sent');";

static int setup(void **state)
{
    const char *const statements[] = {data};
    return report_fixture_setup(state, statements, 1);
}

static void run(struct app *app, enum report_kind k, const char *from, const char *to, int64_t account,
                struct report *r)
{
    run_report(app, k, from, to, account, r);
}

/* The rows of section s as "FIRST=value of column c" joined by spaces. */
static void section_text(const struct report *r, int s, int c, char *out, size_t len)
{
    const struct report_row *rows = r->sections[s].rows.items;
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < r->sections[s].rows.n && n < len; i++)
        n += (size_t)snprintf(out + n, len - n, "%s%s=%lld", i ? " " : "", rows[i].cells[0].text,
                              (long long)rows[i].cells[c].value);
}

static void expect(struct app *app, enum report_kind k, const char *from, const char *to, int64_t account,
                   int s, int c, const char *want)
{
    struct report r;
    char got[512];
    run(app, k, from, to, account, &r);
    section_text(&r, s, c, got, sizeof got);
    if (strcmp(got, want) != 0)
        fail_msg("%s %s … %s section %d: got '%s', want '%s'", report_names[k], from, to, s, got, want);
    report_free(&r);
}

static void test_products_by_every_form(void **state)
{
    struct fixture *f = *state;
    /* one year, nothing outside the range in it. PEN-001's one order was
     * cancelled: it sold nothing and is in no list (before 0022 everyone's
     * lists showed it at 0 from the zeros the cancellation left in a
     * summary row, which a rebuild of the tables took away) */
    expect(&f->david, REPORT_PRODUCTS, "2026-01-01", "2026-12-31", 0, 0, 3,
           "CAF-001=10000 THE-001=4000 MUG-001=2700");
    expect(&f->david, REPORT_PRODUCTS, "2026-03-01", "2026-11-30", 0, 0, 3,
           "CAF-001=10000 THE-001=4000 MUG-001=2700");
    expect(&f->david, REPORT_PRODUCTS, "2026-01-01", "2026-12-31", 0, 1, 4, /* by margin */
           "CAF-001=4000 THE-001=2400 MUG-001=1800");
    /* nor is its category, Bureau (units by category) */
    expect(&f->david, REPORT_PRODUCTS, "2026-01-01", "2026-12-31", 0, 2, 1, "Café=10 Thé=4 Vaisselle=3");
    /* two years */
    expect(&f->david, REPORT_PRODUCTS, "2025-12-01", "2026-11-30", 0, 0, 2, "CAF-001=14 THE-001=4 MUG-001=3");
    /* months: March holds sales outside June … November */
    expect(&f->david, REPORT_PRODUCTS, "2026-06-01", "2026-11-30", 0, 0, 3, "THE-001=3000 MUG-001=2700");
    /* slow movers: the active products in stock, fewest units first */
    expect(&f->david, REPORT_PRODUCTS, "2026-01-01", "2026-12-31", 0, 3, 3,
           "PEN-001=0 MUG-001=3 THE-001=4 CAF-001=10");
    expect(&f->david, REPORT_PRODUCTS, "2026-06-01", "2026-11-30", 0, 3, 3,
           "CAF-001=0 PEN-001=0 MUG-001=3 THE-001=3");
    /* a rep's own: their year, their months, one account's lines; a
     * cancelled order's product is not theirs */
    expect(&f->bruno, REPORT_PRODUCTS, "2026-01-01", "2026-12-31", 0, 0, 2, "THE-001=3 MUG-001=3");
    expect(&f->bruno, REPORT_PRODUCTS, "2026-06-01", "2026-10-31", 0, 0, 2, "THE-001=3 MUG-001=1");
    expect(&f->bruno, REPORT_PRODUCTS, "2026-06-01", "2026-10-31", 0, 2, 2, "Thé=3000 Vaisselle=900");
    expect(&f->bruno, REPORT_PRODUCTS, "2026-01-01", "2026-12-31", 2, 0, 2, "MUG-001=2");
    expect(&f->alice, REPORT_PRODUCTS, "2025-12-01", "2026-11-30", 0, 0, 2, "CAF-001=14 THE-001=1");
    struct report r;
    run(&f->david, REPORT_PRODUCTS, "2026-01-01", "2026-12-31", 0, &r);
    assert_int_equal(r.sections[3].rows.n, 4); /* OLD-001 is not active */
    report_free(&r);
}

static void test_accounts_and_quotes_by_every_form(void **state)
{
    struct fixture *f = *state;
    /* on time by account: one year, two years, months */
    expect(&f->david, REPORT_ONTIME, "2026-01-01", "2026-12-31", 0, 1, 2, "TOKYO=1 ACME=1 Overall=2");
    expect(&f->david, REPORT_ONTIME, "2025-12-01", "2026-11-30", 0, 1, 4, "ACME=1 TOKYO=1 Overall=2");
    expect(&f->david, REPORT_ONTIME, "2026-03-01", "2026-03-31", 0, 1, 3, "ACME=1 Overall=1");
    expect(&f->david, REPORT_ONTIME, "2025-12-01", "2026-11-30", 0, 0, 1, "2025-12=1 2026-03=1 2026-11=1");
    expect(&f->alice, REPORT_ONTIME, "2025-12-01", "2026-11-30", 0, 1, 2, "ACME=2 Overall=2");
    /* discounts by account (average, in basis points) */
    expect(&f->david, REPORT_DISCOUNTS, "2026-01-01", "2026-12-31", 0, 1, 3, "TOKYO=3000 ACME=500");
    expect(&f->david, REPORT_DISCOUNTS, "2025-12-01", "2026-11-30", 0, 1, 3, "TOKYO=3000 ACME=750");
    expect(&f->david, REPORT_DISCOUNTS, "2026-05-01", "2026-05-31", 0, 1, 3, "ACME=500");
    expect(&f->david, REPORT_DISCOUNTS, "2025-12-01", "2026-11-30", 1, 1, 4, "ACME=1000");
    expect(&f->david, REPORT_DISCOUNTS, "2025-12-01", "2026-11-30", 0, 0, 1, "alice=2 bruno=1 Total=3");
    /* win rate by month and rep, every account or one */
    expect(&f->david, REPORT_WIN_RATE, "2025-12-01", "2026-11-30", 0, 0, 2,
           "2025-12=1 2026-02=0 2026-05=1 Total=2");
    expect(&f->david, REPORT_WIN_RATE, "2025-12-01", "2026-11-30", 2, 1, 3, "bruno=1");
    expect(&f->bruno, REPORT_WIN_RATE, "2025-12-01", "2026-11-30", 0, 1, 1, "bruno=1");
    /* the pipeline: every account, one account, a rep */
    expect(&f->david, REPORT_PIPELINE, "", "", 0, 0, 6, "alice=7000 bruno=5000 Total=12000");
    expect(&f->david, REPORT_PIPELINE, "", "", 0, 0, 4, "alice=0 bruno=1 Total=1"); /* 31+ days */
    expect(&f->david, REPORT_PIPELINE, "", "", 2, 0, 6, "bruno=5000 Total=5000");
    expect(&f->alice, REPORT_PIPELINE, "2026-11-01", "2026-11-30", 0, 0, 5, "alice=1 Total=1");
    expect(&f->david, REPORT_PIPELINE, "", "", 0, 1, 4, "Q-5=5000"); /* expires on 1 December */
}

/* What the rows give, summed over the window's days. */
#define GOODS_IN_WINDOW                                                                                      \
    " FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id"          \
    " WHERE l.kind = 'goods' AND o.status <> 'cancelled' AND (?3 = 0 OR o.rep_id = ?3)"                      \
    " AND o.placed_day BETWEEN ?1 AND ?2 GROUP BY p.id"
#define PRODUCT_FIGURES                                                                                      \
    "SELECT p.sku, sum(l.quantity), sum(l.net_amount), sum(l.net_amount - l.unit_cost * l.quantity)"
static const struct {
    enum report_kind kind;
    int section;
    int cols[3];
    const char *sql;
} recomputed[] = {
    {REPORT_PRODUCTS, 0, {2, 3, 4}, PRODUCT_FIGURES GOODS_IN_WINDOW " ORDER BY 3 DESC, p.sku"},
    {REPORT_PRODUCTS, 1, {2, 3, 4}, PRODUCT_FIGURES GOODS_IN_WINDOW " ORDER BY 4 DESC, p.sku"},
    /* on time by account: the consumers first, then the most late */
    {REPORT_ONTIME,
     1,
     {2, 3, 4},
     "SELECT CASE WHEN o.account_id IS NULL THEN '(B2C)' ELSE a.code END, count(*),"
     " sum(o.delivered_day <= o.first_promised_date), sum(o.delivered_day > o.first_promised_date)"
     " FROM orders o LEFT JOIN accounts a ON a.id = o.account_id"
     " WHERE o.first_promised_date IS NOT NULL AND (?3 = 0 OR o.rep_id = ?3)"
     " AND o.delivered_day BETWEEN ?1 AND ?2"
     " GROUP BY o.account_id ORDER BY o.account_id IS NOT NULL, 4 DESC, a.code"},
    /* discounts by account: quotes decided (once each here), average and
     * largest discount of the decided revision, the largest average first */
    {REPORT_DISCOUNTS,
     1,
     {2, 3, 4},
     "SELECT a.code, count(*), (2 * sum(r.discount_bp) + count(*)) / (2 * count(*)), max(r.discount_bp)"
     " FROM quote_events e JOIN quotes q ON q.id = e.quote_id JOIN accounts a ON a.id = q.account_id"
     " JOIN quote_revisions r ON r.quote_id = q.id AND r.number = e.revision"
     " WHERE e.to_status IN ('accepted', 'rejected', 'expired', 'cancelled') AND (?3 = 0 OR q.owner_id = ?3)"
     " AND date(e.at, 'localtime') BETWEEN ?1 AND ?2"
     " GROUP BY a.id ORDER BY sum(r.discount_bp) * 1.0 / count(*) DESC, a.code"},
};

/* Any range reads exactly its days: its whole months from the year-to-date
 * rows (0022: one a year, merged), the days of the months it covers in part
 * from the rows. Ranges that start and end mid-month, across a year's end,
 * over three years, or past the last sale, for everyone and for each rep,
 * list what the rows give. */
static void test_any_range_equals_the_rows(void **state)
{
    struct fixture *f = *state;
    /* known answers: 15 December 2025 … 14 March 2026 reads O-1 (the 15th) and O-2 (10 March) */
    expect(&f->david, REPORT_PRODUCTS, "2025-12-15", "2026-03-14", 0, 0, 3, "CAF-001=14000 THE-001=1000");
    expect(&f->david, REPORT_PRODUCTS, "2025-12-15", "2026-03-14", 0, 3, 3, /* slow movers */
           "PEN-001=0 MUG-001=0 THE-001=1 CAF-001=14"); /* ties: the most in stock first */
    expect(&f->david, REPORT_DISCOUNTS, "2025-12-15", "2026-05-14", 0, 1, 4, "TOKYO=3000 ACME=500");
    expect(&f->david, REPORT_DISCOUNTS, "2025-12-10", "2026-05-14", 0, 1, 4, "TOKYO=3000 ACME=1000");
    expect(&f->david, REPORT_DISCOUNTS, "2026-01-15", "2026-12-14", 0, 1, 4, "TOKYO=3000 ACME=500");
    expect(&f->david, REPORT_ONTIME, "2025-12-20", "2026-03-11", 0, 1, 2, "ACME=1 Overall=1");
    expect(&f->david, REPORT_ONTIME, "2025-12-20", "2026-03-12", 0, 1, 2, "ACME=2 Overall=2");
    static const char *const windows[][2] = {
        {"2025-12-15", "2026-03-14"}, {"2025-12-31", "2026-01-01"}, {"2026-03-11", "2026-11-09"},
        {"2025-06-15", "2026-06-14"}, {"2024-06-15", "2026-06-14"}, {"2026-06-15", "2027-06-14"},
        {"2026-02-16", "2026-02-16"}, {"2025-11-30", "2026-12-01"},
    };
    struct app *who[] = {&f->david, &f->alice, &f->bruno};
    for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++)
        for (size_t u = 0; u < sizeof who / sizeof who[0]; u++)
            for (size_t q = 0; q < sizeof recomputed / sizeof recomputed[0]; q++) {
                struct report r;
                char got[1024], want[1024];
                run(who[u], recomputed[q].kind, windows[w][0], windows[w][1], 0, &r);
                cells_text(&r, recomputed[q].section, recomputed[q].cols, 3, got, sizeof got);
                report_free(&r);
                rows_text(f, recomputed[q].sql, windows[w][0], windows[w][1], u == 0 ? 0 : who[u]->user.id,
                          want, sizeof want);
                if (strcmp(got, want) != 0)
                    fail_msg("%s %s … %s as %s section %d: got '%s', want '%s'",
                             report_names[recomputed[q].kind], windows[w][0], windows[w][1],
                             who[u]->user.login, recomputed[q].section, got, want);
            }
    /* a product whose id is far past the others' (the slow movers then find
     * each one's units by halving, not in a table by id) */
    raw(f, "INSERT INTO products(id, sku, name, category, list_price, unit_cost, stock_on_hand, active,"
           " created_at, updated_at) VALUES (5000000, 'BIG-001', 'Grand', 'Café', 100, 50, 2, 1, 'x', 'x');"
           "INSERT INTO order_lines(order_id, line_no, kind, product_id, sku, category, quantity, unit_price,"
           " unit_cost, tax_included, net_amount, tax_amount, shipped_qty, allocated_qty, cancelled_qty)"
           " VALUES (2, 3, 'goods', 5000000, 'BIG-001', 'Café', 1, 100, 50, 0, 100, 20, 1, 0, 0);");
    expect(&f->david, REPORT_PRODUCTS, "2026-01-15", "2026-12-14", 0, 3, 3,
           "PEN-001=0 BIG-001=1 MUG-001=3 THE-001=4 CAF-001=10");
}

static void test_summaries_follow_writes_and_tampering_is_found(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(check_problems(f, NULL), 0);
    /* an order placed, one cancelled, one given to another rep, one moved to
     * the year before, a line's cost corrected, a line deleted, a refund */
    raw(f, "INSERT INTO orders(id, number, channel, account_id, rep_id, status, placed_at, placed_day,"
           " subtotal, tax_total, total, paid_total) VALUES (6, 'O-6', 'b2b', 1, 2, 'placed',"
           " '2026-11-20T09:00:00Z', '2026-11-20', 2000, 400, 2400, 0);"
           "INSERT INTO order_lines(order_id, line_no, kind, product_id, sku, category, quantity, unit_price,"
           " unit_cost, tax_included, net_amount, tax_amount, shipped_qty, allocated_qty, cancelled_qty)"
           " VALUES (6, 1, 'goods', 3, 'MUG-001', 'Vaisselle', 2, 1000, 300, 0, 2000, 400, 0, 0, 0);");
    assert_int_equal(check_problems(f, NULL), 0);
    raw(f, "UPDATE orders SET status = 'cancelled' WHERE id = 3;");
    assert_int_equal(check_problems(f, NULL), 0);
    raw(f, "UPDATE orders SET rep_id = 3 WHERE id = 2;");
    assert_int_equal(check_problems(f, NULL), 0);
    raw(f, "UPDATE orders SET placed_day = '2025-11-30', placed_at = '2025-11-30T09:00:00Z',"
           " delivered_day = '2025-12-01', delivered_at = '2025-12-01T09:00:00Z' WHERE id = 5;");
    assert_int_equal(check_problems(f, NULL), 0);
    raw(f, "UPDATE order_lines SET unit_cost = 700 WHERE order_id = 2 AND line_no = 1;"
           "DELETE FROM order_lines WHERE order_id = 2 AND line_no = 2;"
           "INSERT INTO payments(order_id, direction, method, amount, tax_amount, at, day) VALUES"
           " (2, 'out', 'account', 1200, 200, '2026-11-25T10:00:00Z', '2026-11-25');");
    assert_int_equal(check_problems(f, NULL), 0);
    expect(&f->bruno, REPORT_PRODUCTS, "2026-01-01", "2026-12-31", 0, 0, 3, "CAF-001=10000"); /* O-2 now */
    expect(&f->david, REPORT_PRODUCTS, "2026-01-01", "2026-12-31", 0, 1, 4, /* margin after the cost */
           "CAF-001=3000 MUG-001=1400"); /* THE-001's line deleted, its other order cancelled */
    /* quotes: a draft sent, a new revision made current, its amount changed,
     * one accepted, a new one */
    raw(f, "UPDATE quotes SET status = 'sent' WHERE id = 4;"
           "INSERT INTO quote_events(quote_id, revision, at, kind, from_status, to_status) VALUES"
           " (4, 1, '2026-11-21T09:00:00Z', 'send', 'draft', 'sent');"
           "INSERT INTO quote_revisions(quote_id, number, subtotal, total, discount_bp, created_at) VALUES"
           " (4, 2, 6500, 6500, 700, 'x');"
           "UPDATE quotes SET revision = 2 WHERE id = 4;"
           "UPDATE quote_revisions SET subtotal = 6000, total = 6000 WHERE quote_id = 4 AND number = 2;"
           "UPDATE quotes SET status = 'accepted' WHERE id = 5;"
           "INSERT INTO quote_events(quote_id, revision, at, kind, from_status, to_status) VALUES"
           " (5, 1, '2026-11-26T09:00:00Z', 'accept', 'sent', 'accepted');"
           "INSERT INTO quotes(id, number, account_id, owner_id, status, valid_until, created_at, updated_at)"
           " VALUES (6, 'Q-6', 2, 3, 'pending', '2026-12-31', '2026-11-26T09:00:00Z', 'x');"
           "INSERT INTO quote_revisions(quote_id, number, subtotal, total, discount_bp, created_at) VALUES"
           " (6, 1, 4000, 4000, 0, 'x');");
    assert_int_equal(check_problems(f, NULL), 0);
    expect(&f->david, REPORT_PIPELINE, "", "", 0, 0, 6, "alice=6000 bruno=4000 Total=10000");
    expect(&f->david, REPORT_WIN_RATE, "2026-01-01", "2026-12-31", 0, 1, 2, "alice=1 bruno=1");
    /* a row of each table of 0018 and 0022 changed by hand: that table, alone */
    static const char *const tampered[][2] = {
        {"report_quote_rep_month", "sent"},     {"report_quote_ytd", "bp_sum_07"},
        {"report_ontime_rep_month", "on_time"}, {"report_ontime_ytd", "on_time_12"},
        {"report_open_quote_day", "amount"},    {"report_product_rep_month", "net"},
        {"report_category_rep_month", "net"},   {"report_product_ytd", "net_04"},
    };
    for (size_t i = 0; i < sizeof tampered / sizeof tampered[0]; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "UPDATE %s SET %s = %s + 1", tampered[i][0], tampered[i][1],
                 tampered[i][1]);
        raw(f, sql);
        assert_int_equal(check_problems(f, tampered[i][0]), 1);
        snprintf(sql, sizeof sql, "UPDATE %s SET %s = %s - 1", tampered[i][0], tampered[i][1],
                 tampered[i][1]);
        raw(f, sql);
        assert_int_equal(check_problems(f, NULL), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_products_by_every_form, setup, teardown),
        cmocka_unit_test_setup_teardown(test_accounts_and_quotes_by_every_form, setup, teardown),
        cmocka_unit_test_setup_teardown(test_any_range_equals_the_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summaries_follow_writes_and_tampering_is_found, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
