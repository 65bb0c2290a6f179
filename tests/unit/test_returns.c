/* Returns and refunds through the core: every refund example of issue 14 to
 * the cent, read from the order's snapshot only (never re-priced); several
 * partial returns adding up to exactly what was paid, never more; shipping
 * kept or refunded by reason, setting and threshold; restock vs scrap
 * moves; the window; approval over the threshold and no self-approval
 * (core, --as, and direct SQL); exchanges with a price difference; a
 * rejected return releasing its units; two processes refunding at once. */
#include <sqlite3.h>
#include <sys/wait.h>
#include <time.h>

#include "src/b2c/cart.h"
#include "src/b2c/fulfilment.h"
#include "src/b2c/order_place.h"
#include "src/b2c/promotion.h"
#include "src/b2c/returns.h"
#include "testutil.h"

struct fixture {
    char path[64];
    struct db *db;
    sqlite3 *raw;
    struct app alice, chloe, david, emma;
};

static void raw(struct fixture *f, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(f->raw, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
}

static int raw_try(struct fixture *f, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(f->raw, sql, NULL, NULL, &msg);
    sqlite3_free(msg);
    return rc;
}

static int64_t one(struct fixture *f, const char *sql)
{
    sqlite3_stmt *s = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(f->raw, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static int setup(void **state)
{
    /* Friday 27 November 2026, 10:00 UTC */
    setenv("COMPTOIR_NOW", "2026-11-27T10:00:00Z", 1);
    setenv("TZ", "UTC", 1);
    tzset();
    struct fixture *f = xcalloc(1, sizeof *f);
    f->db = test_db_new(f->path);
    if (sqlite3_open(f->path, &f->raw) != SQLITE_OK)
        return -1;
    sqlite3_busy_timeout(f->raw, 5000);
    raw(f, "INSERT INTO products(id, sku, name, list_price, tax_class, unit_cost, stock_on_hand, created_at,"
           " updated_at) VALUES (1, 'A', 'Article A', 10000, 'standard', 500, 10, 'x', 'x'),"
           " (2, 'B', 'Article B', 4000, 'standard', 500, 10, 'x', 'x'),"
           " (3, 'CAF-001', 'Café 250 g', 1666, 'standard', 800, 10, 'x', 'x'),"
           " (4, 'THE-001', 'Thé vert', 1000, 'reduced', 400, 10, 'x', 'x');"
           "INSERT INTO customers(id, name, email, phone, address, city, country, created_at, updated_at)"
           " VALUES (1, 'Zoé Martin', 'zoe@example.fr', '0612349760', '3 rue Haute', 'Lyon', 'France',"
           " 'x', 'x');"
           "INSERT INTO accounts(id, code, name, rep_id, credit_limit, open_balance, shipping_address,"
           " created_at, updated_at) VALUES (1, 'ACME', 'Société Acme', 2, 10000000, 0, '1 quai Sud', 'x',"
           " 'x');");
    /* written around comptoir: its search indexes and sort keys built again */
    if (db_search_repair(f->db, NULL) != ERR_OK)
        return -1;
    f->alice = test_app_as(f->db, "alice");
    f->chloe = test_app_as(f->db, "chloe");
    f->david = test_app_as(f->db, "david");
    f->emma = test_app_as(f->db, "emma");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    sqlite3_close(f->raw);
    db_close(&f->db);
    test_db_remove(f->path);
    free(f);
    unsetenv("COMPTOIR_NOW");
    return 0;
}

/* ------------------------------------------------------------ orders */

struct spec_line {
    const char *sku;   /* "standard" for shipping */
    int64_t product;   /* 0: shipping */
    int64_t qty, unit; /* unit in the order's basis */
    int64_t discount;  /* Σ of its adjustments */
    int tax_bp;
};

/* Inserts a delivered order as placing and shipping leave it: lines by the
 * tax rule of their basis (tax included, or excluded as the B2C orders from
 * before the quick order and the demo's are), one adjustment per discounted
 * line, a shipment of every unit, a card payment of `paid` (the total when < 0). */
static void add_order_in_basis(struct fixture *f, const char *number, bool b2c, bool included,
                               const char *delivered_day, const struct spec_line *lines, int n, int64_t paid)
{
    char sql[2048];
    raw(f, "BEGIN IMMEDIATE");
    snprintf(
        sql, sizeof sql,
        "INSERT INTO orders(number, channel, source, account_id, customer_id, status, placed_at, placed_day,"
        " prices_include_tax, shipping_method, delivered_at, delivered_day, ship_name, ship_address)"
        " VALUES ('%s', '%s', 'counter', %s, %s, 'delivered', '2026-11-01T10:00:00Z', '2026-11-01', %d,"
        " 'standard', '%sT12:00:00Z', '%s', 'Zoé Martin', '3 rue Haute')",
        number, b2c ? "b2c" : "b2b", b2c ? "NULL" : "1", b2c ? "1" : "NULL", included ? 1 : 0, delivered_day,
        delivered_day);
    raw(f, sql);
    int64_t oid = one(f, "SELECT max(id) FROM orders");
    snprintf(sql, sizeof sql,
             "INSERT INTO shipments(order_id, seq, carrier, shipped_at, delivered_at, delivered_day)"
             " VALUES (%lld, 1, 'DHL', '2026-11-02T10:00:00Z', '%sT12:00:00Z', '%s')",
             (long long)oid, delivered_day, delivered_day);
    raw(f, sql);
    int64_t sid = one(f, "SELECT max(id) FROM shipments");
    for (int i = 0; i < n; i++) {
        const struct spec_line *l = &lines[i];
        int64_t cur = l->qty * l->unit - l->discount, net, tax;
        if (included) {
            tax = money_div_round(cur * l->tax_bp, 10000 + l->tax_bp);
            net = cur - tax;
        } else {
            net = cur;
            tax = money_div_round(cur * l->tax_bp, 10000);
        }
        bool goods = l->product > 0;
        char product[24];
        snprintf(product, sizeof product, goods ? "%lld" : "NULL", (long long)l->product);
        snprintf(
            sql, sizeof sql,
            "INSERT INTO order_lines(order_id, line_no, kind, product_id, sku, description, quantity,"
            " list_price, unit_price, tax_class, tax_rate_bp, tax_included, discount_amount, net_amount,"
            " tax_amount, shipped_qty) VALUES (%lld, %d, '%s', %s, '%s', '%s', %lld, %lld, %lld, 'standard',"
            " %d, %d, %lld, %lld, %lld, %lld)",
            (long long)oid, i + 1, goods ? "goods" : "shipping", product, l->sku, l->sku, (long long)l->qty,
            (long long)l->unit, (long long)l->unit, l->tax_bp, included ? 1 : 0, (long long)l->discount,
            (long long)net, (long long)tax, goods ? (long long)l->qty : 0LL);
        raw(f, sql);
        int64_t lid = one(f, "SELECT max(id) FROM order_lines");
        if (l->discount > 0) {
            snprintf(sql, sizeof sql,
                     "INSERT INTO order_line_adjustments(order_id, order_line_id, kind, amount, label)"
                     " VALUES (%lld, %lld, 'manual', %lld, 'discount')",
                     (long long)oid, (long long)lid, (long long)l->discount);
            raw(f, sql);
        }
        if (goods) {
            snprintf(
                sql, sizeof sql,
                "INSERT INTO shipment_lines(shipment_id, order_line_id, quantity) VALUES (%lld, %lld, %lld)",
                (long long)sid, (long long)lid, (long long)l->qty);
            raw(f, sql);
        }
    }
    static const char totals[] =
        "UPDATE orders SET (goods_total, discount_total, subtotal, tax_total, total) = (SELECT"
        " coalesce(sum(CASE kind WHEN 'goods' THEN total_amount END), 0), sum(discount_amount),"
        " sum(net_amount),"
        " sum(tax_amount), sum(net_amount) + sum(tax_amount) FROM order_lines WHERE order_id = :o) WHERE id"
        " = :o;"
        "UPDATE orders SET paid_total = CASE WHEN :paid < 0 THEN total ELSE :paid END WHERE id = :o;"
        "INSERT INTO order_status_history(order_id, from_status, to_status, at) VALUES (:o, NULL,"
        " 'delivered',"
        " '2026-11-01T10:00:00Z');"
        "UPDATE counters SET value = max(value, 5000) WHERE name = 'order';"
        "INSERT INTO payments(order_id, direction, method, amount, at, day, reason) SELECT id, 'in', :method,"
        " paid_total, placed_at, placed_day, 'placing' FROM orders WHERE id = :o AND paid_total > 0;";
    for (const char *tail = totals; tail && *tail;) {
        sqlite3_stmt *s = NULL;
        if (sqlite3_prepare_v2(f->raw, tail, -1, &s, &tail) != SQLITE_OK)
            fail_msg("%s", sqlite3_errmsg(f->raw));
        if (s == NULL)
            break;
        sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":o"), oid);
        if (sqlite3_bind_parameter_index(s, ":paid"))
            sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":paid"), paid);
        if (sqlite3_bind_parameter_index(s, ":method"))
            sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":method"), b2c ? "card" : "account", -1,
                              SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE)
            fail_msg("%s", sqlite3_errmsg(f->raw));
        sqlite3_finalize(s);
    }
    if (!b2c)
        raw(f,
            "UPDATE accounts SET open_balance = open_balance + (SELECT max(total) FROM orders) WHERE id = 1");
    raw(f, "COMMIT");
}

static void add_order(struct fixture *f, const char *number, bool b2c, const char *delivered_day,
                      const struct spec_line *lines, int n, int64_t paid)
{
    add_order_in_basis(f, number, b2c, b2c, delivered_day, lines, n, paid);
}

static int check_problems(struct fixture *f, char *report, size_t len)
{
    struct app root = test_app_as(f->db, "root");
    struct strbuf r = {0};
    int problems = 0;
    assert_int_equal(check_database(&root, &r, &problems, NULL), ERR_OK);
    snprintf(report, len, "%s", strbuf_text(&r));
    strbuf_free(&r);
    return problems;
}

#define ASSERT_CHECK_CLEAN(f)                                                                                \
    do {                                                                                                     \
        char report_[4096];                                                                                  \
        if (check_problems(f, report_, sizeof report_) != 0)                                                 \
            fail_msg("check: %s", report_);                                                                  \
    } while (0)

/* Opens a return of one item (or two) and says its number. */
static int open_return(struct app *app, const char *order, const char *item1, const char *item2,
                       enum return_resolution res, struct return_quote *q, struct err *e)
{
    struct return_item items[2];
    struct return_request req = {.items = items, .nitems = item2 ? 2 : 1, .resolution = res, .note = ""};
    snprintf(req.order_number, sizeof req.order_number, "%s", order);
    assert_int_equal(return_item_parse(item1, &items[0], NULL), ERR_OK);
    if (item2)
        assert_int_equal(return_item_parse(item2, &items[1], NULL), ERR_OK);
    return return_open(app, &req, q, e);
}

/* Opens, receives and refunds one item: the amount refunded. */
static int64_t return_and_refund(struct fixture *f, const char *order, const char *item)
{
    struct return_quote q;
    struct refund_result res;
    struct return_receipt rec;
    struct err e = {0};
    if (open_return(&f->chloe, order, item, NULL, RESOLUTION_REFUND, &q, &e) != ERR_OK)
        fail_msg("open %s %s: %s", order, item, e.msg);
    if (return_receive(&f->chloe, q.number, NULL, 0, &rec, &e) != ERR_OK)
        fail_msg("receive: %s", e.msg);
    if (return_refund(&f->chloe, q.number, false, PAY_CARD, "", &res, &e) != ERR_OK)
        fail_msg("refund: %s", e.msg);
    assert_int_equal(res.status, RETURN_REFUNDED);
    assert_int_equal(res.amount, q.total);
    return_quote_free(&q);
    return res.amount;
}

/* ------------------------------------------------------- the examples */

static void test_line_discount_refunds_what_was_paid(void **state)
{
    struct fixture *f = *state;
    /* 2 × 100.00 with 10 % tax and a 20.00 line discount: net 180.00, tax 18.00, paid 198.00 */
    const struct spec_line lines[] = {{"A", 1, 2, 10000, 2000, 1000}};
    add_order(f, "O-000101", false, "2026-11-20", lines, 1, -1);
    assert_int_equal(one(f, "SELECT paid_total FROM orders WHERE number = 'O-000101'"), 19800);
    struct return_quote q;
    struct err e = {0};
    /* the preview is what opening fixes */
    struct return_item it;
    assert_int_equal(return_item_parse("A:1:damaged", &it, NULL), ERR_OK);
    struct return_request req = {.items = &it, .nitems = 1};
    snprintf(req.order_number, sizeof req.order_number, "O-000101");
    assert_int_equal(return_preview(&f->chloe, &req, &q, &e), ERR_OK);
    assert_int_equal(q.total, 9900);
    assert_int_equal(q.tax, 900);
    return_quote_free(&q);
    assert_int_equal(return_and_refund(f, "O-000101", "A:1"), 9900);
    assert_int_equal(return_and_refund(f, "O-000101", "A:1"), 9900);
    assert_int_equal(one(f, "SELECT refunded_total FROM orders WHERE number = 'O-000101'"), 19800);
    assert_int_equal(one(f, "SELECT sum(tax_amount) FROM payments WHERE direction = 'out'"), 1800);
    /* nothing is left to return */
    assert_int_equal(open_return(&f->chloe, "O-000101", "A:1", NULL, RESOLUTION_REFUND, &q, &e), ERR_STATE);
    assert_non_null(strstr(e.msg, "0 units may be returned (2 shipped, 2 returned already)"));
    /* the account was credited back */
    assert_int_equal(one(f, "SELECT open_balance FROM accounts WHERE id = 1"), 0);
    ASSERT_CHECK_CLEAN(f);
}

static void test_order_coupon_share_is_refunded_not_the_list_price(void **state)
{
    struct fixture *f = *state;
    /* B2C 60.00 + 40.00 incl. 20 %, a 10 % order coupon: 6.00 / 4.00 off, paid 90.00 */
    const struct spec_line pct[] = {{"A", 1, 1, 6000, 600, 2000}, {"B", 2, 1, 4000, 400, 2000}};
    add_order(f, "O-000201", true, "2026-11-20", pct, 2, -1);
    assert_int_equal(one(f, "SELECT paid_total FROM orders WHERE number = 'O-000201'"), 9000);
    assert_int_equal(return_and_refund(f, "O-000201", "A:1"), 5400);
    /* the same with a 10.00 fixed coupon spread 6.00 / 4.00 */
    add_order(f, "O-000202", true, "2026-11-20", pct, 2, -1);
    assert_int_equal(return_and_refund(f, "O-000202", "A:1"), 5400);
    assert_int_equal(one(f, "SELECT refunded_tax FROM order_lines l JOIN orders o ON o.id = l.order_id"
                            " WHERE o.number = 'O-000202' AND l.sku = 'A'"),
                     900);
    ASSERT_CHECK_CLEAN(f);
}

static void test_an_ended_promotion_is_never_repriced(void **state)
{
    struct fixture *f = *state;
    /* sold at 90.00 (100.00 less a 10.00 promotion that has since ended) */
    const struct spec_line lines[] = {{"A", 1, 1, 10000, 1000, 2000}};
    add_order(f, "O-000301", true, "2026-11-20", lines, 1, -1);
    raw(f, "UPDATE products SET list_price = 20000, consumer_price = 24000 WHERE id = 1");
    assert_int_equal(return_and_refund(f, "O-000301", "A:1"), 9000);
    ASSERT_CHECK_CLEAN(f);
}

static void test_partial_returns_add_up_to_exactly_what_was_paid(void **state)
{
    struct fixture *f = *state;
    /* one line of 3 units, total 10.00, shipping 4.90: paid 14.90 */
    const struct spec_line lines[] = {{"A", 1, 3, 400, 200, 2000}, {"standard", 0, 1, 490, 0, 2000}};
    add_order(f, "O-000401", true, "2026-11-20", lines, 2, -1);
    assert_int_equal(one(f, "SELECT paid_total FROM orders WHERE number = 'O-000401'"), 1490);
    assert_int_equal(return_and_refund(f, "O-000401", "A:1"), 333);
    assert_int_equal(return_and_refund(f, "O-000401", "A:1"), 333);
    /* the last unit completes the line (3.34) and brings the whole order back: shipping too */
    struct return_quote q;
    struct err e = {0};
    assert_int_equal(open_return(&f->chloe, "O-000401", "A:1", NULL, RESOLUTION_REFUND, &q, &e), ERR_OK);
    assert_int_equal(q.shipping_rule, SHIPPING_WHOLE_ORDER);
    assert_int_equal(q.goods, 334);
    assert_int_equal(q.shipping, 490);
    assert_int_equal(q.total, 824);
    struct return_receipt rec;
    struct refund_result res;
    assert_int_equal(return_receive(&f->chloe, q.number, NULL, 0, &rec, &e), ERR_OK);
    assert_int_equal(return_refund(&f->chloe, q.number, false, PAY_CARD, "", &res, &e), ERR_OK);
    return_quote_free(&q);
    assert_int_equal(one(f, "SELECT refunded_total - paid_total FROM orders WHERE number = 'O-000401'"), 0);
    assert_int_equal(open_return(&f->chloe, "O-000401", "A:1", NULL, RESOLUTION_REFUND, &q, &e), ERR_STATE);
    ASSERT_CHECK_CLEAN(f);
}

static void test_shipping_kept_or_refunded_by_reason_and_threshold(void **state)
{
    struct fixture *f = *state;
    const struct spec_line lines[] = {
        {"A", 1, 1, 3000, 0, 2000}, {"B", 2, 2, 1000, 0, 2000}, {"standard", 0, 1, 490, 0, 2000}};
    add_order(f, "O-000501", true, "2026-11-20", lines, 3, -1);
    struct return_quote q;
    struct err e = {0};
    /* the customer's choice: shipping kept */
    assert_int_equal(open_return(&f->chloe, "O-000501", "A:1:changed_mind", NULL, RESOLUTION_REFUND, &q, &e),
                     ERR_OK);
    assert_int_equal(q.shipping_rule, SHIPPING_KEPT);
    assert_int_equal(q.total, 3000);
    return_quote_free(&q);
    /* our fault (damaged): shipping refunded, once */
    assert_int_equal(open_return(&f->chloe, "O-000501", "B:1:damaged", NULL, RESOLUTION_REFUND, &q, &e),
                     ERR_OK);
    assert_int_equal(q.shipping_rule, SHIPPING_OUR_FAULT);
    assert_int_equal(q.total, 1000 + 490);
    return_quote_free(&q);
    assert_int_equal(open_return(&f->chloe, "O-000501", "B:1:wrong-item", NULL, RESOLUTION_REFUND, &q, &e),
                     ERR_OK);
    assert_int_equal(q.shipping_rule, SHIPPING_REFUNDED_BEFORE);
    assert_int_equal(q.total, 1000);
    return_quote_free(&q);
    /* the setting off: a damaged item does not refund shipping */
    add_order(f, "O-000502", true, "2026-11-20", lines, 3, -1);
    raw(f, "UPDATE settings SET value = '0' WHERE key = 'returns.refund_shipping_our_fault'");
    assert_int_equal(open_return(&f->chloe, "O-000502", "B:1:late_delivery", NULL, RESOLUTION_REFUND, &q, &e),
                     ERR_OK);
    assert_int_equal(q.shipping_rule, SHIPPING_KEPT);
    return_quote_free(&q);
    /* free by threshold: stays free (never charged back), even when the whole order comes back */
    const struct spec_line free_lines[] = {{"A", 1, 2, 3000, 0, 2000}, {"standard", 0, 1, 0, 0, 2000}};
    add_order(f, "O-000503", true, "2026-11-20", free_lines, 2, -1);
    assert_int_equal(open_return(&f->chloe, "O-000503", "A:1", NULL, RESOLUTION_REFUND, &q, &e), ERR_OK);
    assert_int_equal(q.shipping_rule, SHIPPING_WAS_FREE);
    assert_int_equal(q.total, 3000);
    return_quote_free(&q);
    assert_int_equal(open_return(&f->chloe, "O-000503", "A:1:damaged", NULL, RESOLUTION_REFUND, &q, &e),
                     ERR_OK);
    assert_int_equal(q.shipping_rule, SHIPPING_WAS_FREE);
    assert_int_equal(q.total, 3000);
    return_quote_free(&q);
    assert_int_equal(one(f, "SELECT count(*) FROM returns WHERE shipping_rule = 'was_free'"), 2);
    ASSERT_CHECK_CLEAN(f);
}

static void test_restock_and_scrap_move_stock(void **state)
{
    struct fixture *f = *state;
    const struct spec_line lines[] = {{"A", 1, 2, 3000, 0, 2000}, {"B", 2, 2, 1000, 0, 2000}};
    add_order(f, "O-000601", true, "2026-11-20", lines, 2, -1);
    struct return_quote q;
    struct err e = {0};
    struct return_receipt rec;
    assert_int_equal(open_return(&f->chloe, "O-000601", "A:2:damaged", "B:1", RESOLUTION_REFUND, &q, &e),
                     ERR_OK);
    /* a SKU the return does not hold */
    struct return_disposition_item d[2];
    assert_int_equal(return_disposition_parse("THE-001:restock", &d[0], NULL), ERR_OK);
    assert_int_equal(return_receive(&f->chloe, q.number, d, 1, &rec, &e), ERR_INVALID);
    /* A damaged (scrapped by default), B restocked */
    assert_int_equal(return_receive(&f->chloe, q.number, NULL, 0, &rec, &e), ERR_OK);
    assert_int_equal(rec.scrapped, 2);
    assert_int_equal(rec.restocked, 1);
    assert_int_equal(one(f, "SELECT stock_on_hand FROM products WHERE id = 1"), 10);
    assert_int_equal(one(f, "SELECT stock_on_hand FROM products WHERE id = 2"), 11);
    assert_int_equal(one(f, "SELECT count(*) FROM stock_moves WHERE kind = 'scrap' AND product_id = 1"
                            " AND on_hand_delta = 0 AND return_id IS NOT NULL"),
                     1);
    assert_int_equal(
        one(f, "SELECT on_hand_delta FROM stock_moves WHERE kind = 'restock' AND product_id = 2"), 1);
    /* received once */
    assert_int_equal(return_receive(&f->chloe, q.number, NULL, 0, &rec, &e), ERR_STATE);
    return_quote_free(&q);
    /* told what to do: B damaged but restocked on our word, A scrapped */
    assert_int_equal(open_return(&f->chloe, "O-000601", "B:1:damaged", NULL, RESOLUTION_REFUND, &q, &e),
                     ERR_OK);
    assert_int_equal(return_disposition_parse("B:restock", &d[0], NULL), ERR_OK);
    assert_int_equal(return_receive(&f->chloe, q.number, d, 1, &rec, &e), ERR_OK);
    assert_int_equal(one(f, "SELECT stock_on_hand FROM products WHERE id = 2"), 12);
    return_quote_free(&q);
    ASSERT_CHECK_CLEAN(f);
}

static void test_the_window_is_for_managers_to_pass(void **state)
{
    struct fixture *f = *state;
    const struct spec_line lines[] = {{"A", 1, 2, 3000, 0, 2000}};
    add_order(f, "O-000701", true, "2026-10-28", lines, 1, -1);  /* 30 days before today: the last day */
    add_order(f, "O-000702", true, "2026-10-27", lines, 1, -1);  /* 31 days */
    add_order(f, "O-000703", false, "2026-01-10", lines, 1, -1); /* a business: no window */
    struct return_quote q;
    struct err e = {0};
    assert_int_equal(open_return(&f->chloe, "O-000701", "A:1", NULL, RESOLUTION_REFUND, &q, &e), ERR_OK);
    assert_false(q.late);
    assert_string_equal(q.deadline, "2026-11-27");
    return_quote_free(&q);
    assert_int_equal(open_return(&f->chloe, "O-000702", "A:1", NULL, RESOLUTION_REFUND, &q, &e), ERR_DENIED);
    assert_non_null(strstr(e.msg, "window closed on 2026-11-26; a manager may accept"));
    assert_int_equal(one(f, "SELECT count(*) FROM returns r JOIN orders o ON o.id = r.order_id"
                            " WHERE o.number = 'O-000702'"),
                     0);
    assert_int_equal(one(f, "SELECT returned_qty FROM order_lines l JOIN orders o ON o.id = l.order_id"
                            " WHERE o.number = 'O-000702'"),
                     0);
    assert_int_equal(open_return(&f->david, "O-000702", "A:1", NULL, RESOLUTION_REFUND, &q, &e), ERR_OK);
    assert_true(q.late);
    assert_int_equal(one(f, "SELECT late_accepted_by FROM returns ORDER BY id DESC LIMIT 1"),
                     f->david.user.id);
    return_quote_free(&q);
    assert_int_equal(open_return(&f->chloe, "O-000703", "A:1", NULL, RESOLUTION_REFUND, &q, &e), ERR_OK);
    return_quote_free(&q);
}

static void test_big_refunds_wait_for_another_manager(void **state)
{
    struct fixture *f = *state;
    const struct spec_line lines[] = {{"A", 1, 3, 10000, 0, 2000}};
    add_order(f, "O-000801", true, "2026-11-20", lines, 1, -1);
    struct return_quote q;
    struct refund_result res;
    struct return_receipt rec;
    struct err e = {0};
    assert_int_equal(open_return(&f->david, "O-000801", "A:3", NULL, RESOLUTION_REFUND, &q, &e), ERR_OK);
    assert_true(q.needs_approval); /* 300.00 > 200.00 */
    assert_int_equal(return_receive(&f->chloe, q.number, NULL, 0, &rec, &e), ERR_OK);
    /* support cannot refund it on their own either: it waits; but here a manager asks */
    assert_int_equal(return_refund(&f->david, q.number, true, PAY_TRANSFER, "IBAN FR76", &res, &e), ERR_OK);
    assert_int_equal(res.status, RETURN_AWAITING_APPROVAL);
    assert_int_equal(one(f, "SELECT refunded_total FROM orders WHERE number = 'O-000801'"), 0);
    struct rows waiting = {0};
    assert_int_equal(refund_waiting(&f->emma, NULL, &waiting, &e), ERR_OK);
    assert_int_equal(waiting.n, 1);
    rows_free(&waiting);
    assert_int_equal(refund_waiting(&f->chloe, NULL, &waiting, &e), ERR_DENIED);
    rows_free(&waiting);
    /* not the requester; not support; not through --as */
    assert_int_equal(return_approve(&f->david, q.number, "", &res, &e), ERR_DENIED);
    assert_non_null(strstr(e.msg, "nobody approves a refund they requested"));
    assert_int_equal(return_approve(&f->chloe, q.number, "", &res, &e), ERR_DENIED);
    struct app as = f->emma;
    snprintf(as.real_login, sizeof as.real_login, "david");
    assert_int_equal(return_approve(&as, q.number, "", &res, &e), ERR_DENIED);
    assert_non_null(strstr(e.msg, "even through --as"));
    /* nor by direct SQL: the requester, a support agent, a payment without approval */
    char sql[400];
    snprintf(sql, sizeof sql,
             "UPDATE refunds SET decision = 'approve', decided_at = 'x', decided_by = %lld, decided_by_real ="
             " %lld",
             (long long)f->david.user.id, (long long)f->emma.user.id);
    assert_int_not_equal(raw_try(f, sql), SQLITE_OK);
    snprintf(sql, sizeof sql,
             "UPDATE refunds SET decision = 'approve', decided_at = 'x', decided_by = %lld, decided_by_real ="
             " %lld",
             (long long)f->chloe.user.id, (long long)f->chloe.user.id);
    assert_int_not_equal(raw_try(f, sql), SQLITE_OK);
    assert_int_not_equal(raw_try(f, "UPDATE refunds SET paid_at = 'x'"), SQLITE_OK);
    assert_int_not_equal(
        raw_try(f, "INSERT INTO refunds(return_id, order_id, amount, method, requested_at,"
                   " requested_by, requested_by_real, needs_approval) VALUES (1, 1, 30000, 'card',"
                   " 'x', 4, 4, 0)"),
        SQLITE_OK);
    /* another manager approves: paid in the same transaction */
    assert_int_equal(return_approve(&f->emma, q.number, "checked the parcel", &res, &e), ERR_OK);
    assert_int_equal(res.status, RETURN_REFUNDED);
    assert_int_equal(res.amount, 30000);
    assert_int_equal(one(f, "SELECT refunded_total FROM orders WHERE number = 'O-000801'"), 30000);
    assert_int_equal(one(f, "SELECT count(*) FROM payments WHERE direction = 'out' AND method = 'transfer'"
                            " AND reference = 'IBAN FR76'"),
                     1);
    assert_int_equal(return_approve(&f->emma, q.number, "", &res, &e), ERR_STATE);
    return_quote_free(&q);
    ASSERT_CHECK_CLEAN(f);
}

static void test_exchange_charges_or_refunds_the_difference(void **state)
{
    struct fixture *f = *state;
    /* CAF-001 sold at 19.99 incl. 20 %; THE-001 today 10.55 incl. 5.5 % */
    const struct spec_line lines[] = {{"CAF-001", 3, 2, 1999, 0, 2000}, {"THE-001", 4, 1, 1055, 0, 550}};
    add_order(f, "O-000901", true, "2026-11-20", lines, 2, -1);
    raw(f, "UPDATE order_lines SET tax_class = 'reduced' WHERE sku = 'THE-001'");
    struct return_item it;
    struct return_request req = {.items = &it, .nitems = 1, .resolution = RESOLUTION_EXCHANGE, .note = ""};
    snprintf(req.order_number, sizeof req.order_number, "O-000901");
    assert_int_equal(return_item_parse("CAF-001:1:not_as_described", &it, NULL), ERR_OK);
    snprintf(it.exchange_sku, sizeof it.exchange_sku, "THE-001");
    struct return_quote q;
    struct return_receipt rec;
    struct refund_result res;
    struct err e = {0};
    assert_int_equal(return_open(&f->chloe, &req, &q, &e), ERR_OK);
    assert_int_equal(return_receive(&f->chloe, q.number, NULL, 0, &rec, &e), ERR_OK);
    if (return_refund(&f->chloe, q.number, false, PAY_CARD, "", &res, &e) != ERR_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(res.status, RETURN_EXCHANGED);
    assert_int_equal(res.amount, 1999 - 1055); /* the cheaper one: 9.44 back */
    assert_int_equal(res.charged, 0);
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT total FROM orders WHERE number = '%s' AND source = 'exchange'"
             " AND exchange_of = (SELECT id FROM orders WHERE number = 'O-000901')",
             res.exchange_number);
    assert_int_equal(one(f, sql), 1055);
    snprintf(sql, sizeof sql,
             "SELECT sum(amount) FROM payments p JOIN orders o ON o.id = p.order_id"
             " WHERE o.number = '%s' AND p.method = 'credit' AND p.direction = 'in'",
             res.exchange_number);
    assert_int_equal(one(f, sql), 1055);
    assert_int_equal(one(f, "SELECT refunded_total FROM orders WHERE number = 'O-000901'"), 1999);
    return_quote_free(&q);
    /* the dearer one: THE-001 (10.55) for CAF-001 (today 19.99): 9.44 to pay */
    assert_int_equal(return_item_parse("THE-001:1", &it, NULL), ERR_OK);
    snprintf(it.exchange_sku, sizeof it.exchange_sku, "CAF-001");
    assert_int_equal(return_open(&f->chloe, &req, &q, &e), ERR_OK);
    assert_int_equal(return_receive(&f->chloe, q.number, NULL, 0, &rec, &e), ERR_OK);
    assert_int_equal(return_refund(&f->chloe, q.number, false, PAY_CARD, "", &res, &e), ERR_OK);
    assert_int_equal(res.amount, 0);
    assert_int_equal(res.charged, 1999 - 1055);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id"
             " WHERE o.number = '%s' AND p.direction = 'in' AND ((p.method = 'credit' AND"
             " p.amount = 1055) OR (p.method = 'card' AND p.amount = 944))",
             res.exchange_number);
    assert_int_equal(one(f, sql), 2);
    return_quote_free(&q);
    /* a replacement: the same product at the price charged, nothing to pay or refund */
    req.resolution = RESOLUTION_REPLACEMENT;
    assert_int_equal(return_item_parse("CAF-001:1:damaged", &it, NULL), ERR_OK);
    assert_int_equal(return_open(&f->chloe, &req, &q, &e), ERR_OK);
    assert_int_equal(return_receive(&f->chloe, q.number, NULL, 0, &rec, &e), ERR_OK);
    raw(f, "UPDATE products SET consumer_price = 2500 WHERE sku = 'CAF-001'");
    assert_int_equal(return_refund(&f->chloe, q.number, false, PAY_CARD, "", &res, &e), ERR_OK);
    assert_int_equal(res.status, RETURN_REPLACED);
    assert_int_equal(res.amount, 0);
    assert_int_equal(res.charged, 0);
    snprintf(sql, sizeof sql, "SELECT total FROM orders WHERE number = '%s'", res.exchange_number);
    assert_int_equal(one(f, sql), 1999);
    return_quote_free(&q);
    assert_int_equal(one(f, "SELECT refunded_total = paid_total FROM orders WHERE number = 'O-000901'"), 1);
    ASSERT_CHECK_CLEAN(f);
}

/* Opens, receives and settles a return of one item (an exchange for
 * another SKU when `instead` is set); fails the test on any refusal. */
static void exchange_item(struct fixture *f, const char *order, const char *item, const char *instead,
                          enum return_resolution resolution, struct return_quote *q,
                          struct refund_result *res)
{
    struct return_item it;
    struct return_request req = {.items = &it, .nitems = 1, .resolution = resolution, .note = ""};
    struct return_receipt rec;
    struct err e = {0};
    snprintf(req.order_number, sizeof req.order_number, "%s", order);
    assert_int_equal(return_item_parse(item, &it, NULL), ERR_OK);
    snprintf(it.exchange_sku, sizeof it.exchange_sku, "%s", instead ? instead : "");
    if (return_open(&f->chloe, &req, q, &e) != ERR_OK)
        fail_msg("open %s %s: %s", order, item, e.msg);
    if (return_receive(&f->chloe, q->number, NULL, 0, &rec, &e) != ERR_OK)
        fail_msg("receive %s: %s", q->number, e.msg);
    if (return_refund(&f->chloe, q->number, false, PAY_CARD, "", res, &e) != ERR_OK)
        fail_msg("refund %s: %s", q->number, e.msg);
}

static int64_t order_value(struct fixture *f, const char *number, const char *column)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT %s FROM orders WHERE number = '%s'", column, number);
    return one(f, sql);
}

/* What an order paid out (direction out) by one method. */
static int64_t paid_out(struct fixture *f, const char *number, const char *method)
{
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT coalesce(sum(p.amount), 0) FROM payments p JOIN orders o ON o.id = p.order_id"
             " WHERE o.number = '%s' AND p.direction = 'out' AND p.method = '%s'",
             number, method);
    return one(f, sql);
}

/* A B2C order from before the quick order, its lines stored tax excluded
 * (as the demo's are): the returned units are worth what the customer paid
 * for them, tax included, after the line's share of the order's discount —
 * never their net, never re-priced. 3 × 16.66 excl. 20 %, 1.50 of the
 * order's discount: net 48.48, tax 9.70, paid 58.18; a unit is 19.39. */
static void test_exchange_of_a_tax_excluded_b2c_order_is_worth_what_was_paid(void **state)
{
    struct fixture *f = *state;
    const struct spec_line lines[] = {{"CAF-001", 3, 3, 1666, 150, 2000}};
    add_order_in_basis(f, "O-001401", true, false, "2026-11-20", lines, 1, -1);
    assert_int_equal(order_value(f, "O-001401", "paid_total"), 5818);
    struct return_quote q;
    struct refund_result res;
    /* one unit replaced: the new order is worth the unit's 19.39, nothing paid back nor charged */
    exchange_item(f, "O-001401", "CAF-001:1:damaged", NULL, RESOLUTION_REPLACEMENT, &q, &res);
    assert_int_equal(q.total, 1939);
    assert_int_equal(q.tax, 323);
    assert_int_equal(res.status, RETURN_REPLACED);
    assert_int_equal(res.amount, 0);
    assert_int_equal(res.charged, 0);
    assert_int_equal(order_value(f, res.exchange_number, "total"), 1939);
    assert_int_equal(order_value(f, res.exchange_number, "prices_include_tax"), 1);
    assert_int_equal(paid_out(f, "O-001401", "credit"), 1939);
    assert_int_equal(paid_out(f, "O-001401", "card"), 0);
    return_quote_free(&q);
    /* one unit for THE-001 (today 10.55 incl.): 19.39 − 10.55 = 8.84 back, not its net's difference */
    exchange_item(f, "O-001401", "CAF-001:1", "THE-001", RESOLUTION_EXCHANGE, &q, &res);
    assert_int_equal(res.status, RETURN_EXCHANGED);
    assert_int_equal(res.amount, 1939 - 1055);
    assert_int_equal(res.charged, 0);
    assert_int_equal(order_value(f, res.exchange_number, "total"), 1055);
    return_quote_free(&q);
    /* the last unit refunded completes the line: 58.18 − 2 × 19.39 */
    assert_int_equal(return_and_refund(f, "O-001401", "CAF-001:1"), 1940);
    assert_int_equal(order_value(f, "O-001401", "refunded_total"), 5818);
    assert_int_equal(paid_out(f, "O-001401", "card"), 884 + 1940);
    ASSERT_CHECK_CLEAN(f);
}

/* The same rule on an order stored tax included: a unit whose share of the
 * line carries the line's last cent (19.99 × 3 less 0.01: 19.98, 19.98,
 * 20.00) is exchanged for 20.00, not 19.99 and a cent back; on a B2B
 * order (tax excluded) the new line's net is the one whose tax brings it to
 * the credit exactly (4.00 = 3.33 + 0.67), not the credit's net (3.34 +
 * 0.67 = 4.01, a cent charged). */
static void test_an_exchange_is_worth_the_credit_to_the_cent(void **state)
{
    struct fixture *f = *state;
    const struct spec_line incl[] = {{"CAF-001", 3, 3, 1999, 1, 2000}};
    add_order(f, "O-001501", true, "2026-11-20", incl, 1, -1);
    assert_int_equal(return_and_refund(f, "O-001501", "CAF-001:2"), 3996);
    struct return_quote q;
    struct refund_result res;
    exchange_item(f, "O-001501", "CAF-001:1", NULL, RESOLUTION_REPLACEMENT, &q, &res);
    assert_int_equal(q.total, 2000);
    assert_int_equal(res.amount, 0);
    assert_int_equal(res.charged, 0);
    assert_int_equal(order_value(f, res.exchange_number, "total"), 2000);
    assert_int_equal(order_value(f, "O-001501", "refunded_total"), 5996);
    return_quote_free(&q);
    /* B2B: A × 3 at 4.00 less 2.00, 20 %: net 10.00, tax 2.00, paid 12.00; a unit 4.00, tax 0.66 */
    const struct spec_line excl[] = {{"A", 1, 3, 400, 200, 2000}};
    add_order(f, "O-001502", false, "2026-11-20", excl, 1, -1);
    exchange_item(f, "O-001502", "A:1:damaged", NULL, RESOLUTION_REPLACEMENT, &q, &res);
    assert_int_equal(q.total, 400);
    assert_int_equal(res.amount, 0);
    assert_int_equal(res.charged, 0);
    assert_int_equal(order_value(f, res.exchange_number, "total"), 400);
    assert_int_equal(order_value(f, res.exchange_number, "subtotal"), 333);
    return_quote_free(&q);
    ASSERT_CHECK_CLEAN(f);
}

/* A quick order (tax included) with a 10 % promotion on the order: the
 * returned units carry their share of it, for a refund and an exchange alike. */
static void test_returns_of_an_order_with_an_order_promotion(void **state)
{
    struct fixture *f = *state;
    struct err e = {0};
    struct promotion_edit in = {0};
    snprintf(in.p.name, sizeof in.p.name, "Noël");
    in.p.kind = PROMO_PERCENT;
    in.p.value = 1000;
    in.p.target = PROMO_ON_ORDER;
    in.p.activation = PROMO_AUTO;
    in.p.channel = -1;
    in.p.budget = -1;
    if (promotion_create(&f->david, &in, &e) != ERR_OK)
        fail_msg("promotion_create: %s", e.msg);
    struct cart *c = cart_new(CHANNEL_B2C);
    cart_set_customer(c, 1);
    snprintf(c->shipping_method, sizeof c->shipping_method, "pickup");
    assert_int_equal(cart_add_sku(&f->alice, c, "CAF-001", 3, NULL, NULL), ERR_OK);
    assert_int_equal(cart_add_sku(&f->alice, c, "B", 1, NULL, NULL), ERR_OK);
    struct cart_inputs ci;
    struct priced_cart shown = {0};
    struct place_result placed;
    assert_int_equal(cart_inputs_load(&f->alice, c, &ci, &e), ERR_OK);
    assert_int_equal(cart_price(&ci, c, &shown, &e), ERR_OK);
    cart_inputs_free(&ci);
    if (order_place(&f->alice, c, &shown, &placed, &e) != ERR_OK)
        fail_msg("order_place: %s", e.msg);
    char number[33];
    snprintf(number, sizeof number, "%s", placed.number);
    place_result_free(&placed);
    priced_cart_free(&shown);
    cart_free(&c);
    /* 3 × 19.99 = 59.97 less 6.00 → 53.97; B 48.00 less 4.80 → 43.20 */
    assert_int_equal(order_value(f, number, "total"), 5397 + 4320);
    struct app root = test_app_as(f->db, "root");
    struct ship_request ship = {.carrier = "La Poste"};
    struct ship_result shipped;
    struct deliver_result delivered;
    assert_int_equal(order_ship(&root, number, &ship, &shipped, &e), ERR_OK);
    assert_int_equal(order_deliver(&root, number, 0, "", &delivered, &e), ERR_OK);
    /* two of the three coffees replaced: 2 × ⌊53.97 / 3⌋, nothing paid back */
    struct return_quote q;
    struct refund_result res;
    exchange_item(f, number, "CAF-001:2", NULL, RESOLUTION_REPLACEMENT, &q, &res);
    assert_int_equal(q.total, 3598);
    assert_int_equal(res.amount, 0);
    assert_int_equal(res.charged, 0);
    assert_int_equal(order_value(f, res.exchange_number, "total"), 3598);
    return_quote_free(&q);
    /* B refunded: 43.20, not 48.00 */
    assert_int_equal(return_and_refund(f, number, "B:1"), 4320);
    ASSERT_CHECK_CLEAN(f);
}

static void test_a_rejected_return_gives_its_units_back(void **state)
{
    struct fixture *f = *state;
    const struct spec_line lines[] = {{"B", 2, 2, 1000, 0, 2000}};
    add_order(f, "O-001001", true, "2026-11-20", lines, 1, -1);
    struct return_quote q;
    struct return_receipt rec;
    struct err e = {0};
    assert_int_equal(open_return(&f->chloe, "O-001001", "B:2", NULL, RESOLUTION_REFUND, &q, &e), ERR_OK);
    assert_int_equal(return_receive(&f->chloe, q.number, NULL, 0, &rec, &e), ERR_OK);
    assert_int_equal(one(f, "SELECT stock_on_hand FROM products WHERE id = 2"), 12);
    assert_int_equal(return_reject(&f->chloe, q.number, "", &e), ERR_INVALID); /* a reason is required */
    assert_int_equal(return_reject(&f->chloe, q.number, "used, not resellable", &e), ERR_OK);
    assert_int_equal(one(f, "SELECT stock_on_hand FROM products WHERE id = 2"), 10);
    assert_int_equal(one(f, "SELECT returned_qty FROM order_lines WHERE sku = 'B'"), 0);
    return_quote_free(&q);
    assert_int_equal(open_return(&f->chloe, "O-001001", "B:2", NULL, RESOLUTION_REFUND, &q, &e), ERR_OK);
    assert_int_equal(q.total, 2000);
    return_quote_free(&q);
    ASSERT_CHECK_CLEAN(f);
    /* check sees a claim nobody made */
    raw(f, "UPDATE order_lines SET returned_qty = 1 WHERE sku = 'B'");
    char report[2048];
    assert_true(check_problems(f, report, sizeof report) > 0);
    assert_non_null(strstr(report, "1 units returned, but 2 in its returns"));
}

/* Each child refunds one return on its own connection at the same moment. */
static int child_refund(const char *path, const char *number, const struct timespec *start)
{
    struct db *db = NULL;
    struct err e = {0};
    if (db_open(path, &db, &e) != ERR_OK)
        return 3;
    struct app app = test_app_as(db, "chloe");
    clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, start, NULL);
    struct refund_result res;
    int rc = return_refund(&app, number, false, PAY_CARD, "", &res, &e);
    db_close(&db);
    return rc == ERR_OK ? 0 : rc == ERR_STATE || rc == ERR_CONFLICT || rc == ERR_BUSY ? 1 : 2;
}

static void test_two_processes_refunding_at_once_never_pass_what_was_paid(void **state)
{
    struct fixture *f = *state;
    const struct spec_line lines[] = {{"A", 1, 1, 6000, 0, 2000}, {"B", 2, 1, 4000, 0, 2000}};
    add_order(f, "O-001101", true, "2026-11-20", lines, 2, -1);
    struct return_quote q1, q2;
    struct return_receipt rec;
    struct err e = {0};
    assert_int_equal(open_return(&f->chloe, "O-001101", "A:1", NULL, RESOLUTION_REFUND, &q1, &e), ERR_OK);
    assert_int_equal(open_return(&f->chloe, "O-001101", "B:1", NULL, RESOLUTION_REFUND, &q2, &e), ERR_OK);
    assert_int_equal(return_receive(&f->chloe, q1.number, NULL, 0, &rec, &e), ERR_OK);
    assert_int_equal(return_receive(&f->chloe, q2.number, NULL, 0, &rec, &e), ERR_OK);
    /* 30.00 was paid back meanwhile by another way: only 70.00 remains, not the 100.00 both ask */
    raw(f,
        "INSERT INTO payments(order_id, direction, method, amount, at, day, reason) SELECT id, 'out', 'card',"
        " 3000, '2026-11-27T09:00:00Z', '2026-11-27', 'goodwill' FROM orders WHERE number = 'O-001101';"
        "UPDATE orders SET refunded_total = 3000 WHERE number = 'O-001101'");
    struct timespec start;
    clock_gettime(CLOCK_REALTIME, &start);
    start.tv_nsec += 300000000L; /* every child is ready by then */
    if (start.tv_nsec >= 1000000000L) {
        start.tv_sec++;
        start.tv_nsec -= 1000000000L;
    }
    const char *numbers[4] = {q1.number, q1.number, q2.number, q2.number};
    pid_t pids[4];
    for (int i = 0; i < 4; i++) {
        pids[i] = fork();
        if (pids[i] == 0)
            _exit(child_refund(f->path, numbers[i], &start));
    }
    int paid = 0, refused = 0;
    for (int i = 0; i < 4; i++) {
        int status = 0;
        waitpid(pids[i], &status, 0);
        assert_true(WIFEXITED(status));
        assert_true(WEXITSTATUS(status) <= 1);
        paid += WEXITSTATUS(status) == 0;
        refused += WEXITSTATUS(status) == 1;
    }
    assert_int_equal(paid, 1); /* 60.00 or 40.00 fits in 70.00; never both */
    assert_int_equal(refused, 3);
    int64_t refunded = one(f, "SELECT refunded_total FROM orders WHERE number = 'O-001101'");
    assert_true(refunded == 9000 || refunded == 7000);
    assert_true(refunded <= 10000);
    assert_int_equal(one(f, "SELECT count(*) FROM refunds WHERE paid_at IS NOT NULL"), 1);
    return_quote_free(&q1);
    return_quote_free(&q2);
}

static void test_reps_see_the_returns_of_orders_they_see(void **state)
{
    struct fixture *f = *state;
    const struct spec_line lines[] = {{"B", 2, 2, 1000, 0, 2000}};
    add_order(f, "O-001201", false, "2026-11-20", lines, 1, -1); /* ACME: alice's account */
    add_order(f, "O-001202", true, "2026-11-20", lines, 1, -1);  /* a consumer's */
    struct return_quote q;
    struct err e = {0};
    assert_int_equal(open_return(&f->chloe, "O-001201", "B:1", NULL, RESOLUTION_REFUND, &q, &e), ERR_OK);
    return_quote_free(&q);
    assert_int_equal(open_return(&f->chloe, "O-001202", "B:1", NULL, RESOLUTION_REFUND, &q, &e), ERR_OK);
    return_quote_free(&q);
    struct app bruno = test_app_as(f->db, "bruno");
    struct rows rows = {0};
    assert_int_equal(return_list(&f->alice, 0, NULL, &rows, &e), ERR_OK);
    assert_int_equal(rows.n, 2);
    assert_int_equal(return_list(&bruno, 0, NULL, &rows, &e), ERR_OK);
    assert_int_equal(rows.n, 1); /* only the consumer's: ACME is not his */
    assert_string_equal(((const struct return_record *)rows.items)[0].order_number, "O-001202");
    assert_int_equal(return_list(&f->chloe, RETURN_QUEUE_STATUSES, NULL, &rows, &e), ERR_OK);
    assert_int_equal(rows.n, 2);
    assert_int_equal(return_list(&f->chloe, 1u << RETURN_REFUNDED, NULL, &rows, &e), ERR_OK);
    assert_int_equal(rows.n, 0);
    rows_free(&rows);
    /* nor may he open one on it */
    assert_int_not_equal(open_return(&bruno, "O-001201", "B:1", NULL, RESOLUTION_REFUND, &q, &e), ERR_OK);
}

/* Points through the refund (issue 12's example): two items at 50.00, zero
 * rated, 1,000 points (10.00) redeemed, paid 90.00, earned 90. Each unit
 * refunded gives back 45.00, takes back 45 earned points and restores 500
 * redeemed ones, once. */
static void test_a_refund_reverses_and_restores_points_once(void **state)
{
    struct fixture *f = *state;
    struct err e = {0};
    struct customer jose = {.loyalty_points = 1500};
    snprintf(jose.name, sizeof jose.name, "José García");
    snprintf(jose.email, sizeof jose.email, "jose@example.es");
    struct app root = test_app_as(f->db, "root");
    assert_int_equal(customer_create(&root, &jose, NULL), ERR_OK);
    raw(f, "UPDATE products SET tax_class = 'zero', list_price = 5000, consumer_price = 5000 WHERE id = 2");
    struct cart *c = cart_new(CHANNEL_B2C);
    cart_set_customer(c, jose.id);
    assert_int_equal(cart_add_sku(&f->alice, c, "B", 2, NULL, NULL), ERR_OK);
    c->points = 1000;
    struct cart_inputs in;
    struct priced_cart shown = {0};
    struct place_result res;
    assert_int_equal(cart_inputs_load(&f->alice, c, &in, &e), ERR_OK);
    assert_int_equal(cart_price(&in, c, &shown, &e), ERR_OK);
    cart_inputs_free(&in);
    if (order_place(&f->alice, c, &shown, &res, &e) != ERR_OK)
        fail_msg("order_place: %s", e.msg);
    char number[33];
    snprintf(number, sizeof number, "%s", res.number);
    place_result_free(&res);
    priced_cart_free(&shown);
    cart_free(&c);
    struct ship_request req = {.carrier = "La Poste"};
    struct ship_result shipped;
    struct deliver_result delivered;
    assert_int_equal(order_ship(&root, number, &req, &shipped, &e), ERR_OK);
    assert_int_equal(order_deliver(&root, number, 0, "", &delivered, &e), ERR_OK);
    assert_int_equal(one(f, "SELECT loyalty_points FROM customers WHERE email = 'jose@example.es'"), 590);
    assert_int_equal(return_and_refund(f, number, "B:1"), 4500);
    assert_int_equal(one(f, "SELECT loyalty_points FROM customers WHERE email = 'jose@example.es'"), 1045);
    assert_int_equal(one(f, "SELECT earned_reversed FROM order_line_points"), 45);
    assert_int_equal(one(f, "SELECT redeemed_restored FROM order_line_points"), 500);
    assert_int_equal(return_and_refund(f, number, "B:1"), 4500);
    assert_int_equal(one(f, "SELECT loyalty_points FROM customers WHERE email = 'jose@example.es'"), 1500);
    assert_int_equal(one(f, "SELECT earned_reversed = earned AND redeemed_restored = redeemed FROM"
                            " order_line_points"),
                     1);
    assert_int_equal(
        one(f, "SELECT count(*) FROM loyalty_ledger WHERE kind = 'restore' AND return_id IS NOT NULL"), 2);
    ASSERT_CHECK_CLEAN(f);
}

/* A return closes by itself when nothing is left to do: a refund in the
 * refunding transaction; an exchange or a replacement once its new order has
 * shipped (in the shipping transaction). Each closing is in the order's
 * timeline and the audit; the open list leaves closed ones out; check sees
 * a closed return with nothing settled. */
static void test_a_return_closes_when_nothing_is_left_to_do(void **state)
{
    struct fixture *f = *state;
    const struct spec_line lines[] = {{"CAF-001", 3, 3, 1999, 0, 2000}};
    add_order(f, "O-001301", true, "2026-11-20", lines, 1, -1);
    struct return_quote q;
    struct return_receipt rec;
    struct refund_result res;
    struct err e = {0};
    /* a refund: closed with it */
    assert_int_equal(open_return(&f->chloe, "O-001301", "CAF-001:1", NULL, RESOLUTION_REFUND, &q, &e),
                     ERR_OK);
    assert_int_equal(return_receive(&f->chloe, q.number, NULL, 0, &rec, &e), ERR_OK);
    assert_int_equal(return_refund(&f->chloe, q.number, false, PAY_CARD, "", &res, &e), ERR_OK);
    assert_int_equal(res.status, RETURN_REFUNDED);
    assert_true(res.closed);
    struct return_record r;
    assert_int_equal(return_get(&f->chloe, q.number, &r, NULL, NULL, &e), ERR_OK);
    assert_int_equal(r.status, RETURN_CLOSED);
    assert_string_equal(r.closed_at, "2026-11-27T10:00:00Z");
    assert_int_equal(one(f, "SELECT count(*) FROM order_timeline WHERE kind = 'return closed'"
                            " AND detail = 'R-000001 closed: refund of 19.99 € paid to card'"),
                     1);
    assert_int_equal(
        one(f, "SELECT count(*) FROM audit_log WHERE action = 'close' AND object_key = 'R-000001'"), 1);
    return_quote_free(&q);
    /* a replacement: exchanged, open, until its new order ships */
    assert_int_equal(
        open_return(&f->chloe, "O-001301", "CAF-001:1:damaged", NULL, RESOLUTION_REPLACEMENT, &q, &e),
        ERR_OK);
    assert_int_equal(return_receive(&f->chloe, q.number, NULL, 0, &rec, &e), ERR_OK);
    assert_int_equal(return_refund(&f->chloe, q.number, false, PAY_CARD, "", &res, &e), ERR_OK);
    assert_int_equal(res.status, RETURN_REPLACED);
    assert_false(res.closed);
    char sql[300];
    snprintf(
        sql, sizeof sql,
        "SELECT count(*) FROM order_timeline WHERE kind = 'exchange' AND detail LIKE '%%new order %s (%%'",
        res.exchange_number);
    assert_int_equal(one(f, sql), 1); /* the timeline names the new order */
    struct rows rows = {0};
    assert_int_equal(return_list(&f->chloe, RETURN_OPEN_STATUSES, NULL, &rows, &e), ERR_OK);
    assert_int_equal(rows.n, 1);
    assert_string_equal(((const struct return_record *)rows.items)[0].number, q.number);
    assert_int_equal(return_list(&f->chloe, 1u << RETURN_CLOSED, NULL, &rows, &e), ERR_OK);
    assert_int_equal(rows.n, 1);
    assert_string_equal(((const struct return_record *)rows.items)[0].number, "R-000001");
    ASSERT_CHECK_CLEAN(f);
    struct app root = test_app_as(f->db, "root");
    struct ship_request ship = {.carrier = "La Poste"};
    struct ship_result shipped;
    if (order_ship(&root, res.exchange_number, &ship, &shipped, &e) != ERR_OK)
        fail_msg("ship %s: %s", res.exchange_number, e.msg);
    assert_int_equal(return_get(&f->chloe, q.number, &r, NULL, NULL, &e), ERR_OK);
    assert_int_equal(r.status, RETURN_CLOSED);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM order_timeline WHERE kind = 'return closed' AND detail = '%s closed: new"
             " order %s shipped'",
             q.number, res.exchange_number);
    assert_int_equal(one(f, sql), 1);
    assert_int_equal(return_list(&f->chloe, RETURN_OPEN_STATUSES, NULL, &rows, &e), ERR_OK);
    assert_int_equal(rows.n, 0);
    rows_free(&rows);
    return_quote_free(&q);
    ASSERT_CHECK_CLEAN(f);
    /* check: closed with no closing time, or refunded and left open */
    raw(f, "UPDATE returns SET closed_at = NULL WHERE number = 'R-000001'");
    char report[4096];
    assert_int_equal(check_problems(f, report, sizeof report), 1);
    assert_non_null(strstr(report, "R-000001 is closed but has no closing time"));
    raw(f, "UPDATE returns SET status = 'refunded' WHERE number = 'R-000001'");
    assert_int_equal(check_problems(f, report, sizeof report), 1);
    assert_non_null(strstr(report, "R-000001 is still refunded though nothing is left to do"));
}

static void test_items_parse(void **state)
{
    (void)state;
    struct return_item it;
    assert_int_equal(return_item_parse("CAF-001", &it, NULL), ERR_OK);
    assert_int_equal(it.quantity, 1);
    assert_int_equal(it.reason, REASON_CHANGED_MIND);
    assert_int_equal(return_item_parse("CAF-001:3:wrong-item", &it, NULL), ERR_OK);
    assert_int_equal(it.quantity, 3);
    assert_int_equal(it.reason, REASON_WRONG_ITEM);
    assert_int_equal(return_item_parse("CAF-001:2:Late_Delivery", &it, NULL), ERR_OK);
    assert_int_equal(it.reason, REASON_LATE_DELIVERY);
    struct err e = {0};
    assert_int_equal(return_item_parse("CAF-001:2:broken", &it, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "one of damaged, wrong_item"));
    assert_int_equal(return_item_parse("CAF-001:0", &it, NULL), ERR_INVALID);
    assert_int_equal(return_item_parse(":1", &it, NULL), ERR_INVALID);
    struct return_disposition_item d;
    assert_int_equal(return_disposition_parse("CAF-001:scrap", &d, NULL), ERR_OK);
    assert_int_equal(d.disposition, DISPOSITION_SCRAP);
    assert_int_equal(return_disposition_parse("CAF-001:bin", &d, NULL), ERR_INVALID);
    assert_int_equal(money_share_units(1000, 3, 1, 0), 333);
    assert_int_equal(money_share_units(1000, 3, 1, 1), 334);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_line_discount_refunds_what_was_paid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_order_coupon_share_is_refunded_not_the_list_price, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_an_ended_promotion_is_never_repriced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partial_returns_add_up_to_exactly_what_was_paid, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_shipping_kept_or_refunded_by_reason_and_threshold, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_restock_and_scrap_move_stock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_the_window_is_for_managers_to_pass, setup, teardown),
        cmocka_unit_test_setup_teardown(test_big_refunds_wait_for_another_manager, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exchange_charges_or_refunds_the_difference, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exchange_of_a_tax_excluded_b2c_order_is_worth_what_was_paid,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_an_exchange_is_worth_the_credit_to_the_cent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_returns_of_an_order_with_an_order_promotion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_rejected_return_gives_its_units_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_processes_refunding_at_once_never_pass_what_was_paid, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_reps_see_the_returns_of_orders_they_see, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_refund_reverses_and_restores_points_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_return_closes_when_nothing_is_left_to_do, setup, teardown),
        cmocka_unit_test(test_items_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
