/* Fulfilment through the core: partial shipments that add up and never
 * exceed what was ordered, stock and reservations exact after every step
 * (check clean), back-orders served oldest promise first, the promise that
 * moves with its reason, deliveries per shipment, cancelling what is left
 * (released, credited to the cent), the on-time rate against the first
 * promise, and the small pure helpers. */
#include <sqlite3.h>
#include <time.h>

#include "src/b2c/cart.h"
#include "src/b2c/fulfilment.h"
#include "src/b2c/order_place.h"
#include "testutil.h"

struct fixture {
    char path[64];
    struct db *db;
    sqlite3 *raw;
    struct app alice, chloe, david;
};

static void raw(struct fixture *f, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(f->raw, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
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
    sqlite3_busy_timeout(f->raw, 2000);
    raw(f, "INSERT INTO products(id, sku, name, list_price, tax_class, unit_cost, stock_on_hand, created_at,"
           " updated_at) VALUES (1, 'CAF-001', 'Café 250 g', 1666, 'standard', 800, 10, 'x', 'x'),"
           " (2, 'THE-001', 'Thé vert', 1000, 'reduced', 400, 0, 'x', 'x');"
           "INSERT INTO customers(id, name, email, phone, address, city, country, created_at, updated_at)"
           " VALUES (1, 'Zoé Martin', 'zoe@example.fr', '0612349760', '3 rue Haute', 'Lyon', 'France',"
           " 'x', 'x');"
           "INSERT INTO accounts(id, code, name, rep_id, credit_limit, open_balance, shipping_address,"
           " created_at, updated_at) VALUES (1, 'ACME', 'Acme SA', 2, 1000000, 0, '1 quai Sud', 'x', 'x');");
    f->alice = test_app_as(f->db, "alice");
    f->chloe = test_app_as(f->db, "chloe");
    f->david = test_app_as(f->db, "david");
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

/* Places a consumer order of the SKUs (back-ordering what is short) as the
 * counter does; its number into number. */
static void place(struct fixture *f, const char *requested, const char *const *skus, const int64_t *qty,
                  int n, char number[33])
{
    struct cart *c = cart_new(CHANNEL_B2C);
    cart_set_customer(c, 1);
    for (int i = 0; i < n; i++) {
        int index = 0;
        assert_int_equal(cart_add_sku(&f->alice, c, skus[i], qty[i], &index, NULL), ERR_OK);
        cart_set_backorder(c, index, true);
    }
    if (requested)
        snprintf(c->requested_date, sizeof c->requested_date, "%s", requested);
    struct cart_inputs in;
    struct priced_cart shown = {0};
    struct err e = {0};
    assert_int_equal(cart_inputs_load(&f->alice, c, &in, &e), ERR_OK);
    assert_int_equal(cart_price(&in, c, &shown, &e), ERR_OK);
    cart_inputs_free(&in);
    struct place_result res;
    if (order_place(&f->alice, c, &shown, &res, &e) != ERR_OK)
        fail_msg("placing: %s", e.msg);
    snprintf(number, 33, "%s", res.number);
    place_result_free(&res);
    priced_cart_free(&shown);
    cart_free(&c);
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
        char report_[2048];                                                                                  \
        if (check_problems(f, report_, sizeof report_) != 0)                                                 \
            fail_msg("check: %s", report_);                                                                  \
    } while (0)

static struct ship_request ship_of(const struct ship_item *items, int n)
{
    struct ship_request r = {.items = items, .nitems = n, .parcels = 1};
    snprintf(r.carrier, sizeof r.carrier, "DHL");
    return r;
}

/* ------------------------------------------------------------ shipping */

static void test_partial_shipments_add_up_and_never_exceed(void **state)
{
    struct fixture *f = *state;
    static const char *const skus[] = {"CAF-001"};
    static const int64_t qty[] = {6};
    char number[33];
    place(f, NULL, skus, qty, 1, number);
    assert_int_equal(one(f, "SELECT stock_reserved FROM products WHERE id = 1"), 6);
    struct err e = {0};
    struct ship_result res;
    struct ship_item two = {"CAF-001", 2}, five = {"caf-001", 5}, four = {"CAF-001", 4};
    struct ship_request req = ship_of(&two, 1);
    assert_int_equal(order_ship(&f->chloe, number, &req, &res, &e), ERR_OK);
    assert_int_equal(res.seq, 1);
    assert_int_equal(res.units, 2);
    assert_int_equal(res.left, 4);
    assert_int_equal(res.status, ORDER_PARTIALLY_SHIPPED);
    assert_int_equal(one(f, "SELECT stock_on_hand * 100 + stock_reserved FROM products WHERE id = 1"), 804);
    ASSERT_CHECK_CLEAN(f);
    req = ship_of(&five, 1);
    assert_int_equal(order_ship(&f->chloe, number, &req, &res, &e), ERR_STATE); /* 4 left */
    assert_non_null(strstr(e.msg, "6 were ordered and 2 have shipped: 4 left to ship"));
    assert_int_equal(one(f, "SELECT count(*) FROM shipments"), 1); /* nothing written */
    req = ship_of(&four, 1);
    assert_int_equal(order_ship(&f->chloe, number, &req, &res, &e), ERR_OK);
    assert_int_equal(res.seq, 2);
    assert_int_equal(res.status, ORDER_SHIPPED);
    assert_int_equal(one(f, "SELECT shipped_qty FROM order_lines WHERE kind = 'goods'"), 6);
    assert_int_equal(one(f, "SELECT sum(quantity) FROM shipment_lines"), 6);
    assert_int_equal(one(f, "SELECT stock_on_hand * 100 + stock_reserved FROM products WHERE id = 1"), 400);
    assert_int_equal(one(f, "SELECT sum(on_hand_delta) FROM stock_moves WHERE product_id = 1"), 4);
    ASSERT_CHECK_CLEAN(f);
    req = ship_of(NULL, 0);
    assert_int_equal(order_ship(&f->chloe, number, &req, &res, &e), ERR_STATE);
}

static void test_delivery_per_shipment_then_the_order(void **state)
{
    struct fixture *f = *state;
    static const char *const skus[] = {"CAF-001"};
    static const int64_t qty[] = {3};
    char number[33];
    place(f, NULL, skus, qty, 1, number);
    struct err e = {0};
    struct ship_result sr;
    struct ship_item one_unit = {"CAF-001", 1};
    struct ship_request req = ship_of(&one_unit, 1);
    assert_int_equal(order_ship(&f->chloe, number, &req, &sr, &e), ERR_OK);
    req = ship_of(NULL, 0);
    assert_int_equal(order_ship(&f->chloe, number, &req, &sr, &e), ERR_OK);
    struct deliver_result dr;
    assert_int_equal(order_deliver(&f->chloe, number, 0, "", &dr, &e), ERR_INVALID); /* which one? */
    assert_int_equal(order_deliver(&f->chloe, number, 3, "", &dr, &e), ERR_NOTFOUND);
    assert_int_equal(order_deliver(&f->chloe, number, 2, "2026-11-28", &dr, &e), ERR_INVALID); /* future */
    assert_int_equal(order_deliver(&f->chloe, number, 2, "", &dr, &e), ERR_OK);
    assert_false(dr.order_delivered);
    assert_int_equal(order_deliver(&f->chloe, number, 2, "", &dr, &e), ERR_STATE); /* once */
    assert_int_equal(order_deliver(&f->chloe, number, 0, "", &dr, &e), ERR_OK);    /* the one left */
    assert_true(dr.order_delivered);
    assert_true(dr.on_time);
    struct order o;
    assert_int_equal(order_get(&f->chloe, number, &o, &e), ERR_OK);
    assert_int_equal(o.status, ORDER_DELIVERED);
    assert_string_equal(o.delivered_day, "2026-11-27");
    ASSERT_CHECK_CLEAN(f);
}

/* ----------------------------------------------------------- receiving */

static void test_stock_goes_to_the_oldest_promise_first(void **state)
{
    struct fixture *f = *state;
    static const char *const skus[] = {"THE-001"};
    static const int64_t qty[] = {3};
    char late[33], early[33];
    /* placed first but promised later (the customer asked for a later day) */
    place(f, "2026-12-31", skus, qty, 1, late);
    place(f, NULL, skus, qty, 1, early);
    struct err e = {0};
    struct receive_result r;
    assert_int_equal(stock_receive(&f->chloe, "THE-001", 4, "", &r, &e), ERR_DENIED); /* support */
    assert_int_equal(stock_receive(&f->david, "THE-001", 4, "delivery 118", &r, &e), ERR_OK);
    assert_int_equal(r.allocated, 4);
    assert_int_equal(r.orders, 2);
    assert_int_equal(r.orders_complete, 1);
    assert_int_equal(r.free, 0);
    struct order o;
    assert_int_equal(order_get(&f->david, early, &o, &e), ERR_OK);
    assert_int_equal(o.status, ORDER_ALLOCATED); /* complete: it became allocated */
    assert_string_equal(o.promised_date, "2026-12-02");
    assert_string_equal(o.first_promised_date, "2026-12-16"); /* the first promise stays */
    assert_int_equal(one(f, "SELECT count(*) FROM order_promises WHERE reason = "
                            "'stock of THE-001 received on 2026-11-27'"),
                     1);
    assert_int_equal(order_get(&f->david, late, &o, &e), ERR_OK);
    assert_int_equal(o.status, ORDER_PLACED); /* 1 of 3, still waiting */
    assert_int_equal(one(f, "SELECT allocated_qty FROM order_lines l JOIN orders o ON o.id = l.order_id"
                            " WHERE o.number = 'O-000001' AND l.kind = 'goods'"),
                     1);
    ASSERT_CHECK_CLEAN(f);
}

/* ------------------------------------------------------------ cancelling */

static void test_cancel_releases_and_credits_to_the_cent(void **state)
{
    struct fixture *f = *state;
    static const char *const skus[] = {"CAF-001", "THE-001"};
    static const int64_t qty[] = {3, 2};
    char number[33];
    place(f, NULL, skus, qty, 2, number); /* 3 × 19.99 reserved, 2 × 10.55 waiting */
    struct err e = {0};
    struct ship_result sr;
    struct ship_item item = {"CAF-001", 1};
    struct ship_request req = ship_of(&item, 1);
    assert_int_equal(order_ship(&f->chloe, number, &req, &sr, &e), ERR_OK);
    struct cancel_result cr;
    assert_int_equal(order_cancel(&f->alice, number, "the rest is not needed", &cr, &e), ERR_OK);
    assert_int_equal(cr.units, 4);
    assert_int_equal(cr.status, ORDER_SHIPPED);
    /* 2 of 3 CAF-001 (59.97): 2 × 19.99; 2 of 2 THE-001 (21.10): all of it */
    assert_int_equal(cr.refunded, 2 * 1999 + 2110);
    assert_int_equal(one(f, "SELECT stock_reserved FROM products WHERE id = 1"), 0);
    assert_int_equal(one(f, "SELECT sum(refunded_amount) FROM order_lines"), cr.refunded);
    assert_int_equal(one(f, "SELECT refunded_total FROM orders"), cr.refunded);
    assert_int_equal(one(f, "SELECT amount FROM payments WHERE direction = 'out'"), cr.refunded);
    assert_int_equal(order_cancel(&f->alice, number, "", &cr, &e), ERR_STATE); /* it has all shipped */
    ASSERT_CHECK_CLEAN(f);
}

static void test_cancel_before_anything_shipped_pays_everything_back(void **state)
{
    struct fixture *f = *state;
    static const char *const skus[] = {"CAF-001"};
    static const int64_t qty[] = {1};
    char number[33];
    place(f, NULL, skus, qty, 1, number); /* 19.99 + standard shipping 4.90 */
    struct err e = {0};
    struct cancel_result cr;
    assert_int_equal(order_cancel(&f->alice, number, "", &cr, &e), ERR_OK);
    assert_int_equal(cr.status, ORDER_CANCELLED);
    assert_int_equal(cr.refunded, 1999 + 490);
    assert_int_equal(one(f, "SELECT refunded_total = paid_total FROM orders"), 1);
    ASSERT_CHECK_CLEAN(f);
}

/* ------------------------------------------------------------- on time */

static void test_on_time_counts_against_the_first_promise(void **state)
{
    struct fixture *f = *state;
    /* on the day, a day late, moved later and kept (late all the same) */
    raw(f,
        "INSERT INTO orders(id, number, channel, source, account_id, status, placed_at, first_promised_date,"
        " promised_date, delivered_at, delivered_day, subtotal, tax_total, total) VALUES"
        " (50, 'H-1', 'b2b', 'import', 1, 'delivered', '2026-05-01T08:00:00Z', '2026-05-10', '2026-05-10',"
        "  '2026-05-10T12:00:00Z', '2026-05-10', 0, 0, 0),"
        " (51, 'H-2', 'b2b', 'import', 1, 'delivered', '2026-05-01T08:00:00Z', '2026-05-10', '2026-05-10',"
        "  '2026-05-11T12:00:00Z', '2026-05-11', 0, 0, 0),"
        " (52, 'H-3', 'b2b', 'import', 1, 'delivered', '2026-05-01T08:00:00Z', '2026-05-10', '2026-05-14',"
        "  '2026-05-13T12:00:00Z', '2026-05-13', 0, 0, 0),"
        " (53, 'H-4', 'b2c', 'import', NULL, 'delivered', '2024-05-01T08:00:00Z', '2024-05-10',"
        "  '2024-05-10', '2024-05-09T12:00:00Z', '2024-05-09', 0, 0, 0);");
    struct ontime_row r;
    struct err e = {0};
    assert_int_equal(ontime_account(&f->alice, 1, &r, &e), ERR_OK); /* alice is ACME's rep */
    assert_int_equal(r.delivered, 3);
    assert_int_equal(r.on_time, 1);
    char rate[32];
    ontime_rate_format(&r, rate, sizeof rate);
    assert_string_equal(rate, "33.3 %");
    struct rows rows = {0};
    struct ontime_row all;
    struct ontime_query q = {.from = "2024-01-01", .to = "2026-11-27"};
    assert_int_equal(ontime_report(&f->chloe, &q, &rows, &all, &e), ERR_DENIED); /* support */
    assert_int_equal(ontime_report(&f->david, &q, &rows, &all, &e), ERR_OK);
    assert_int_equal(rows.n, 2); /* consumers first, then ACME */
    assert_int_equal(((const struct ontime_row *)rows.items)[0].account_id, 0);
    assert_int_equal(all.delivered, 4);
    assert_int_equal(all.on_time, 2);
    assert_int_equal(ontime_rate_bp(&all), 5000);
    rows_free(&rows);
}

/* ------------------------------------------------------------ helpers */

static void test_ship_items_parse(void **state)
{
    (void)state;
    struct ship_item it;
    assert_int_equal(ship_item_parse("CAF-001:12", &it, NULL), ERR_OK);
    assert_string_equal(it.sku, "CAF-001");
    assert_int_equal(it.quantity, 12);
    assert_int_equal(ship_item_parse("THE-001", &it, NULL), ERR_OK);
    assert_int_equal(it.quantity, 1);
    assert_int_equal(ship_item_parse("CAF-001:0", &it, NULL), ERR_INVALID);
    assert_int_equal(ship_item_parse("CAF-001:", &it, NULL), ERR_INVALID);
    assert_int_equal(ship_item_parse(":3", &it, NULL), ERR_INVALID);
    assert_int_equal(ship_item_parse("CAF-001:2x", &it, NULL), ERR_INVALID);
}

static void test_promise_notes_say_slips_and_lateness(void **state)
{
    (void)state;
    struct order o = {.status = ORDER_ALLOCATED};
    char note[160];
    snprintf(o.promised_date, sizeof o.promised_date, "2026-12-04");
    snprintf(o.first_promised_date, sizeof o.first_promised_date, "2026-12-01");
    order_promise_note(&o, "2026-11-27", note, sizeof note);
    assert_string_equal(note, "slipped 3 days from the first promise, 2026-12-01");
    order_promise_note(&o, "2026-12-05", note, sizeof note);
    assert_string_equal(note, "1 day past its promise, which slipped 3 days from 2026-12-01");
    o.status = ORDER_DELIVERED;
    snprintf(o.promised_date, sizeof o.promised_date, "2026-12-01");
    order_promise_note(&o, "2026-12-05", note, sizeof note);
    assert_string_equal(note, "");
    assert_int_equal(date_days_between("2026-02-27", "2026-03-01"), 2);
    assert_int_equal(date_days_between("2026-03-01", "2026-02-27"), -2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_partial_shipments_add_up_and_never_exceed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delivery_per_shipment_then_the_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stock_goes_to_the_oldest_promise_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cancel_releases_and_credits_to_the_cent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cancel_before_anything_shipped_pays_everything_back, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_on_time_counts_against_the_first_promise, setup, teardown),
        cmocka_unit_test(test_ship_items_parse),
        cmocka_unit_test(test_promise_notes_say_slips_and_lateness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
