/* A rep's figures on the days of the months a range covers in part (0025:
 * report_product_rep_day, report_category_rep_day): a rep's products,
 * categories and units sold by month answer what the rows say after an
 * order is placed, cancelled, brought back, its lines edited, given to
 * another rep (or none) and moved to another day; check finds nothing after
 * each, and finds a row of either table changed by hand. */
#include <sqlite3.h>
#include <time.h>

#include "report_fixture.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/report.h"
#include "src/check.h"
#include "testutil.h"

/* alice (2) sells to ACME, bruno (3) to TOKYO and consumers; orders on days
 * mid-month from December 2025 to November 2026; O-4 has no rep. */
static const char data[] =
    "INSERT INTO accounts(id, code, name, rep_id, created_at, updated_at) VALUES"
    " (1, 'ACME', 'Société Acme', 2, 'x', 'x'), (2, 'TOKYO', '東京商事', 3, 'x', 'x');"
    "INSERT INTO products(id, sku, name, category, list_price, unit_cost, stock_on_hand, active, created_at,"
    " updated_at) VALUES (1, 'CAF-001', 'Café moulu', 'Café', 1000, 600, 50, 1, 'x', 'x'),"
    " (2, 'THE-001', 'Thé vert', 'Thé', 1000, 400, 5, 1, 'x', 'x'),"
    " (3, 'MUG-001', 'Tasse', 'Vaisselle', 900, 300, 7, 1, 'x', 'x'),"
    " (5, 'PEN-001', 'Stylo', 'Bureau', 100, 50, 9, 1, 'x', 'x');"
    "INSERT INTO orders(id, number, channel, account_id, rep_id, status, placed_at, placed_day, subtotal,"
    " tax_total, total, paid_total) VALUES"
    " (1, 'O-1', 'b2b', 1, 2, 'placed', '2025-12-15T09:00:00Z', '2025-12-15', 4000, 800, 4800, 0),"
    " (2, 'O-2', 'b2b', 1, 2, 'placed', '2026-03-10T09:00:00Z', '2026-03-10', 11000, 2200, 13200, 0),"
    " (3, 'O-3', 'b2c', NULL, 3, 'placed', '2026-06-05T09:00:00Z', '2026-06-05', 3900, 780, 4680, 0),"
    " (4, 'O-4', 'b2c', NULL, NULL, 'placed', '2026-06-20T09:00:00Z', '2026-06-20', 500, 100, 600, 0),"
    " (5, 'O-5', 'b2b', 2, 3, 'placed', '2026-11-10T09:00:00Z', NULL, 1800, 360, 2160, 0);"
    "INSERT INTO order_lines(order_id, line_no, kind, product_id, sku, category, quantity, unit_price,"
    " unit_cost, tax_included, net_amount, tax_amount, shipped_qty, allocated_qty, cancelled_qty) VALUES"
    " (1, 1, 'goods', 1, 'CAF-001', 'Café', 4, 1000, 600, 0, 4000, 800, 0, 0, 0),"
    " (2, 1, 'goods', 1, 'CAF-001', 'Café', 10, 1000, 600, 0, 10000, 2000, 0, 0, 0),"
    " (2, 2, 'goods', 2, 'THE-001', 'Thé', 1, 1000, 400, 0, 1000, 200, 0, 0, 0),"
    " (3, 1, 'goods', 2, 'THE-001', 'Thé', 3, 1200, 400, 1, 3000, 600, 0, 0, 0),"
    " (3, 2, 'goods', 3, 'MUG-001', 'Vaisselle', 1, 1080, 300, 1, 900, 180, 0, 0, 0),"
    " (4, 1, 'goods', 5, 'PEN-001', 'Bureau', 5, 100, 50, 0, 500, 100, 0, 0, 0),"
    " (5, 1, 'goods', 3, 'MUG-001', 'Vaisselle', 2, 900, 300, 0, 1800, 360, 0, 0, 0);";

static int setup(void **state)
{
    const char *const statements[] = {data};
    return report_fixture_setup(state, statements, 1);
}

static void run(struct app *app, enum report_kind k, const char *from, const char *to, struct report *r)
{
    run_report(app, k, from, to, 0, r);
}

/* The section of r whose title starts with title (total rows left out), as
 * rows_text says them: the first cell, then the values of columns cols. */
static void cells_text_of(const struct report *r, const char *title, const int *cols, int ncols, char *out,
                          size_t len)
{
    for (int s = 0; s < r->nsections; s++)
        if (strncmp(r->sections[s].title, title, strlen(title)) == 0) {
            cells_text(r, s, cols, ncols, out, len);
            return;
        }
    fail_msg("no section '%s'", title);
}

/* What the rows give over the window's days, for rep ?3. */
#define REP_GOODS                                                                                            \
    " FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN products p ON p.id = l.product_id"     \
    " WHERE l.kind = 'goods' AND o.status <> 'cancelled' AND o.rep_id = ?3"                                  \
    " AND coalesce(o.placed_day, date(o.placed_at, 'localtime')) BETWEEN ?1 AND ?2"
#define FIGURES " sum(l.quantity), sum(l.net_amount), sum(l.net_amount - l.unit_cost * l.quantity)"
static const struct {
    enum report_kind kind;
    const char *title;
    int ncols;
    int cols[3];
    const char *sql;
} recomputed[] = {
    {REPORT_PRODUCTS,
     "Top products by revenue",
     3,
     {2, 3, 4},
     "SELECT p.sku," FIGURES REP_GOODS " GROUP BY p.id ORDER BY 3 DESC, p.sku"},
    {REPORT_PRODUCTS,
     "Categories",
     3,
     {1, 2, 3},
     "SELECT l.category," FIGURES REP_GOODS " GROUP BY l.category ORDER BY 3 DESC, l.category"},
    {REPORT_RETURNS,
     "By month",
     1,
     {1},
     "SELECT substr(coalesce(o.placed_day, date(o.placed_at, 'localtime')), 1, 7), sum(l.quantity)" REP_GOODS
     " GROUP BY 1 ORDER BY 1"},
};

/* Windows that start and end mid-month (the rep's day tables), one inside
 * a month, and one of whole months (their months alone). */
static const char *const windows[][2] = {
    {"2025-12-15", "2026-03-14"}, {"2025-12-16", "2026-03-10"}, {"2026-03-11", "2026-11-09"},
    {"2026-06-05", "2026-06-20"}, {"2025-12-03", "2026-12-02"}, {"2025-12-01", "2026-11-30"},
};

#define rep_figures_equal_rows(f) rep_figures_equal_rows_at(f, __LINE__)

static void rep_figures_equal_rows_at(struct fixture *f, int line)
{
    struct app *reps[] = {&f->alice, &f->bruno};
    for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++)
        for (size_t u = 0; u < sizeof reps / sizeof reps[0]; u++)
            for (size_t q = 0; q < sizeof recomputed / sizeof recomputed[0]; q++) {
                struct report r;
                char got[1024], want[1024];
                run(reps[u], recomputed[q].kind, windows[w][0], windows[w][1], &r);
                cells_text_of(&r, recomputed[q].title, recomputed[q].cols, recomputed[q].ncols, got,
                              sizeof got);
                report_free(&r);
                rows_text(f, recomputed[q].sql, windows[w][0], windows[w][1], reps[u]->user.id, want,
                          sizeof want);
                if (strcmp(got, want) != 0)
                    fail_msg("line %d: %s %s … %s as %s '%s': got '%s', want '%s'", line,
                             report_names[recomputed[q].kind], windows[w][0], windows[w][1],
                             reps[u]->user.login, recomputed[q].title, got, want);
            }
}

/* A write, then check clean and a rep's figures those of the rows. */
static void write_and_compare(struct fixture *f, const char *sql, int line)
{
    raw(f, sql);
    if (check_problems_at(f, NULL, line) != 0)
        fail_msg("line %d: check found problems", line);
    rep_figures_equal_rows_at(f, line);
}

static void test_known_answers_of_a_rep_partial_days(void **state)
{
    struct fixture *f = *state;
    struct report r;
    char got[512];
    static const int product_cols[] = {2, 3};
    /* 15 December … 14 March: O-1 (the 15th) and O-2 (10 March), alice's */
    run(&f->alice, REPORT_PRODUCTS, "2025-12-15", "2026-03-14", &r);
    cells_text_of(&r, "Top products by revenue", product_cols, 2, got, sizeof got);
    assert_string_equal(got, "CAF-001=14/14000 THE-001=1/1000");
    report_free(&r);
    /* 16 December … 9 March: neither */
    run(&f->alice, REPORT_PRODUCTS, "2025-12-16", "2026-03-09", &r);
    cells_text_of(&r, "Top products by revenue", product_cols, 2, got, sizeof got);
    assert_string_equal(got, "");
    report_free(&r);
    /* bruno's O-5 has no day, only its time: read by its local day */
    run(&f->bruno, REPORT_PRODUCTS, "2026-06-05", "2026-11-10", &r);
    static const int units_col[] = {1};
    cells_text_of(&r, "Categories", units_col, 1, got, sizeof got);
    assert_string_equal(got, "Thé=3 Vaisselle=3");
    report_free(&r);
    assert_int_equal(check_problems(f, NULL), 0);
    rep_figures_equal_rows(f);
}

static void test_rep_days_follow_writes(void **state)
{
    struct fixture *f = *state;
    /* an order placed mid-month by alice */
    write_and_compare(
        f,
        "INSERT INTO orders(id, number, channel, account_id, rep_id, status, placed_at, placed_day,"
        " subtotal, tax_total, total, paid_total) VALUES (6, 'O-6', 'b2b', 1, 2, 'placed',"
        " '2026-11-20T09:00:00Z', '2026-11-20', 2000, 400, 2400, 0);"
        "INSERT INTO order_lines(order_id, line_no, kind, product_id, sku, category, quantity,"
        " unit_price, unit_cost, tax_included, net_amount, tax_amount, shipped_qty,"
        " allocated_qty, cancelled_qty) VALUES"
        " (6, 1, 'goods', 3, 'MUG-001', 'Vaisselle', 2, 1000, 300, 0, 2000, 400, 0, 0, 0),"
        " (6, 2, 'goods', 5, 'PEN-001', 'Bureau', 3, 100, 50, 0, 300, 60, 0, 0, 0),"
        " (6, 3, 'shipping', NULL, 'SHIP', '', 1, 500, 0, 0, 500, 100, 0, 0, 0);",
        __LINE__);
    /* cancelled, then back */
    write_and_compare(f, "UPDATE orders SET status = 'cancelled' WHERE id = 6;", __LINE__);
    write_and_compare(f, "UPDATE orders SET status = 'placed' WHERE id = 6;", __LINE__);
    /* a line's quantity, cost and amount edited; another given another product */
    write_and_compare(f,
                      "UPDATE order_lines SET quantity = 4, net_amount = 4000, unit_cost = 350"
                      " WHERE order_id = 6 AND line_no = 1;"
                      "UPDATE order_lines SET product_id = 2, sku = 'THE-001', category = 'Thé'"
                      " WHERE order_id = 6 AND line_no = 2;",
                      __LINE__);
    /* given to bruno, to no rep, back to alice */
    write_and_compare(f, "UPDATE orders SET rep_id = 3 WHERE id = 6;", __LINE__);
    write_and_compare(f, "UPDATE orders SET rep_id = NULL WHERE id = 6;", __LINE__);
    write_and_compare(f, "UPDATE orders SET rep_id = 2 WHERE id = 6;", __LINE__);
    /* an order without a rep given one */
    write_and_compare(f, "UPDATE orders SET rep_id = 3 WHERE id = 4;", __LINE__);
    /* moved to another day of its month, to another month, and dated by its
     * time alone */
    write_and_compare(f, "UPDATE orders SET placed_day = '2026-11-25' WHERE id = 6;", __LINE__);
    write_and_compare(f,
                      "UPDATE orders SET placed_day = '2026-03-12', placed_at = '2026-03-12T09:00:00Z'"
                      " WHERE id = 6;",
                      __LINE__);
    write_and_compare(
        f, "UPDATE orders SET placed_day = NULL, placed_at = '2025-12-20T09:00:00Z' WHERE id = 6;", __LINE__);
    /* cancelled while given to another rep, and back with another day */
    write_and_compare(f, "UPDATE orders SET status = 'cancelled', rep_id = 3 WHERE id = 2;", __LINE__);
    write_and_compare(f, "UPDATE orders SET status = 'placed', placed_day = '2026-03-02' WHERE id = 2;",
                      __LINE__);
    /* a line moved to another order, one deleted */
    write_and_compare(
        f, "UPDATE order_lines SET order_id = 1, line_no = 9 WHERE order_id = 6 AND line_no = 2;", __LINE__);
    write_and_compare(f, "DELETE FROM order_lines WHERE order_id = 6 AND line_no = 1;", __LINE__);
    /* what the tables now say, by hand: bruno's O-2 on 2 March */
    struct report r;
    char got[512];
    static const int cols[] = {2, 3};
    run(&f->bruno, REPORT_PRODUCTS, "2026-03-02", "2026-03-03", &r);
    cells_text_of(&r, "Top products by revenue", cols, 2, got, sizeof got);
    assert_string_equal(got, "CAF-001=10/10000 THE-001=1/1000");
    report_free(&r);
    run(&f->alice, REPORT_PRODUCTS, "2026-03-02", "2026-03-03", &r);
    cells_text_of(&r, "Top products by revenue", cols, 2, got, sizeof got);
    assert_string_equal(got, "");
    report_free(&r);
}

static void test_a_rep_day_row_changed_by_hand_is_found(void **state)
{
    struct fixture *f = *state;
    static const char *const tables[] = {"report_product_rep_day", "report_category_rep_day"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "UPDATE %s SET net = net + 1 WHERE rep_id = 3 AND day = '2026-11-10'",
                 tables[i]);
        raw(f, sql);
        assert_int_equal(check_problems(f, tables[i]), 1);
        /* the repair sums it again from the rows */
        struct err e = {0};
        assert_int_equal(check_repair(&f->root, &e), ERR_OK);
        assert_int_equal(check_problems(f, NULL), 0);
        rep_figures_equal_rows(f);
    }
    /* a row missing is found too */
    raw(f, "DELETE FROM report_category_rep_day WHERE rep_id = 2 AND day = '2025-12-15'");
    assert_int_equal(check_problems(f, "report_category_rep_day"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_known_answers_of_a_rep_partial_days, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rep_days_follow_writes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_rep_day_row_changed_by_hand_is_found, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
