/* Placing an order through the database: the snapshot is what was shown
 * (to the cent), the retry key places once, a change meanwhile is refused
 * and writes nothing, credit limits and who may exceed them, back-orders,
 * reorder at today's prices, quote acceptance through the same path, the
 * check of it all, and the rebuild of orders that keeps every index. */
#include <sqlite3.h>
#include <time.h>

#include "db/db_migrations.h"
#include "db/db_private.h"
#include "src/b2c/cart.h"
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
    struct fixture *f = xcalloc(1, sizeof *f);
    f->db = test_db_new(f->path);
    if (sqlite3_open(f->path, &f->raw) != SQLITE_OK)
        return -1;
    sqlite3_busy_timeout(f->raw, 2000);
    raw(f,
        "INSERT INTO products(id, sku, name, list_price, tax_class, unit_cost, stock_on_hand, created_at,"
        " updated_at) VALUES (1, 'CAF-001', 'Café 250 g', 1666, 'standard', 800, 10, 'x', 'x'),"
        " (2, 'THE-001', 'Thé vert', 1000, 'reduced', 400, 2, 'x', 'x'),"
        " (3, 'VER-001', 'Verre', 2500, 'standard', 900, 1, 'x', 'x');"
        "INSERT INTO customers(id, name, email, phone, address, city, country, created_at, updated_at)"
        " VALUES (1, 'Zoé Martin', 'zoe@example.fr', '0612349760', '3 rue Haute', 'Lyon', 'France',"
        " 'x', 'x');"
        "INSERT INTO accounts(id, code, name, rep_id, credit_limit, open_balance, shipping_address,"
        " created_at, updated_at) VALUES (1, 'ACME', 'Acme SA', 2, 10000, 9000, '1 quai Sud', 'x', 'x');"
        "INSERT INTO contract_prices(account_id, product_id, price, created_at) VALUES (1, 1, 1500, 'x');");
    /* written around comptoir: its search indexes and sort keys built again */
    if (db_search_repair(f->db, NULL) != ERR_OK)
        return -1;
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
    return 0;
}

/* A cart priced as the screen prices it. */
static void price(struct app *app, const struct cart *c, struct priced_cart *p)
{
    struct cart_inputs in;
    struct err e = {0};
    if (cart_inputs_load(app, c, &in, &e) != ERR_OK)
        fail_msg("cart_inputs_load: %s", e.msg);
    if (cart_price(&in, c, p, &e) != ERR_OK)
        fail_msg("cart_price: %s", e.msg);
    cart_inputs_free(&in);
}

static struct cart *zoe_cart(struct app *app)
{
    struct cart *c = cart_new(CHANNEL_B2C);
    cart_set_customer(c, 1);
    assert_int_equal(cart_add_sku(app, c, "caf-001", 3, NULL, NULL), ERR_OK);
    assert_int_equal(cart_add_sku(app, c, "THE-001", 1, NULL, NULL), ERR_OK);
    return c;
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

/* ------------------------------------------------------------ the snapshot */

static void test_the_order_stores_what_the_cart_showed(void **state)
{
    struct fixture *f = *state;
    struct cart *c = zoe_cart(&f->alice);
    c->gift_wrap = true;
    snprintf(c->gift_message, sizeof c->gift_message, "Joyeux Noël, Léa !");
    snprintf(c->shipping_method, sizeof c->shipping_method, "express");
    struct priced_cart shown = {0};
    price(&f->alice, c, &shown);
    struct place_result res;
    struct err e = {0};
    assert_int_equal(order_place(&f->alice, c, &shown, &res, &e), ERR_OK);
    struct order o;
    assert_int_equal(order_get(&f->alice, res.number, &o, NULL), ERR_OK);
    assert_int_equal(o.total, shown.total);
    assert_int_equal(o.tax_total, shown.tax_total);
    assert_int_equal(o.paid_total, shown.total);
    assert_true(o.prices_include_tax);
    assert_int_equal(o.source, ORDER_SOURCE_COUNTER);
    assert_int_equal(o.status, ORDER_ALLOCATED);
    assert_int_equal(o.rep_id, f->alice.user.id);
    assert_string_equal(o.gift_message, "Joyeux Noël, Léa !");
    assert_string_equal(o.promised_date, shown.promised_date);
    assert_string_equal(o.first_promised_date, shown.promised_date);
    assert_string_equal(o.ship_address, "3 rue Haute, Lyon, France");
    struct rows lines = {0};
    assert_int_equal(order_lines(&f->alice, &o, NULL, &lines, NULL), ERR_OK);
    assert_int_equal(lines.n, shown.nlines); /* 2 goods, shipping, gift wrap */
    const struct order_line *l = lines.items;
    for (int i = 0; i < lines.n; i++) {
        assert_int_equal(l[i].unit_price, shown.lines[i].unit_price);
        assert_int_equal(l[i].total_amount, shown.lines[i].total);
        assert_int_equal(l[i].tax_amount, shown.lines[i].tax);
        assert_true(l[i].tax_included);
    }
    assert_int_equal(l[0].allocated_qty, 3);
    assert_int_equal(l[2].kind, LINE_SHIPPING);
    assert_int_equal(l[3].kind, LINE_FEE);
    assert_int_equal(one(f, "SELECT stock_reserved FROM products WHERE id = 1"), 3);
    assert_int_equal(one(f, "SELECT count(*) FROM payments WHERE reason = 'placing' AND method = 'card'"), 1);
    assert_int_equal(test_audit_count(f->db, "order", o.number), 1);
    char report[2000];
    assert_int_equal(check_problems(f, report, sizeof report), 0);
    rows_free(&lines);
    priced_cart_free(&shown);
    place_result_free(&res);
    cart_free(&c);
}

/* A retry after a lost answer gives back the order it placed: once. */
static void test_the_same_key_places_once(void **state)
{
    struct fixture *f = *state;
    struct cart *c = zoe_cart(&f->alice);
    struct priced_cart shown = {0};
    price(&f->alice, c, &shown);
    struct place_result a, b;
    assert_int_equal(order_place(&f->alice, c, &shown, &a, NULL), ERR_OK);
    price(&f->alice, c, &shown); /* what a retry shows: the stock is now reserved */
    assert_int_equal(order_place(&f->alice, c, &shown, &b, NULL), ERR_OK);
    assert_true(b.replayed);
    assert_string_equal(a.number, b.number);
    assert_int_equal(one(f, "SELECT count(*) FROM orders"), 1);
    assert_int_equal(one(f, "SELECT stock_reserved FROM products WHERE id = 1"), 3);
    /* The same key for another cart is refused. */
    assert_int_equal(cart_add_sku(&f->alice, c, "CAF-001", 1, NULL, NULL), ERR_OK);
    price(&f->alice, c, &shown);
    struct err e = {0};
    assert_int_equal(order_place(&f->alice, c, &shown, &b, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "already placed"));
    place_result_free(&a);
    place_result_free(&b);
    priced_cart_free(&shown);
    cart_free(&c);
}

static void test_a_price_changed_meanwhile_is_refused_and_nothing_written(void **state)
{
    struct fixture *f = *state;
    struct cart *c = zoe_cart(&f->alice);
    struct priced_cart shown = {0};
    price(&f->alice, c, &shown);
    raw(f, "UPDATE products SET list_price = 1708 WHERE id = 1");
    struct place_result res;
    struct err e = {0};
    assert_int_equal(order_place(&f->alice, c, &shown, &res, &e), ERR_CONFLICT);
    assert_int_equal(res.refusal, PLACE_PRICES_CHANGED);
    assert_true(res.has_repriced);
    assert_int_equal(res.repriced.lines[0].unit_price, 2050);
    assert_non_null(strstr(e.msg, "CAF-001: 59.97 is now 61.50"));
    assert_int_equal(one(f, "SELECT count(*) FROM orders"), 0);
    assert_int_equal(one(f, "SELECT stock_reserved FROM products WHERE id = 1"), 0);
    assert_int_equal(c->nlines, 2); /* the cart is as it was */
    place_result_free(&res);
    priced_cart_free(&shown);
    cart_free(&c);
}

/* Someone sold the last units between showing and placing. */
static void test_stock_taken_meanwhile_is_refused(void **state)
{
    struct fixture *f = *state;
    struct cart *c = cart_new(CHANNEL_B2C);
    cart_set_customer(c, 1);
    assert_int_equal(cart_add_sku(&f->alice, c, "VER-001", 1, NULL, NULL), ERR_OK);
    struct priced_cart shown = {0};
    price(&f->alice, c, &shown);
    assert_int_equal(shown.lines[0].reserve_qty, 1);
    raw(f, "UPDATE products SET stock_reserved = 1 WHERE id = 3");
    struct place_result res;
    struct err e = {0};
    assert_int_equal(order_place(&f->alice, c, &shown, &res, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "VER-001: only 0 in stock"));
    assert_int_equal(one(f, "SELECT count(*) FROM orders"), 0);
    place_result_free(&res);
    priced_cart_free(&shown);
    cart_free(&c);
}

static void test_a_back_order_waits_and_pushes_the_promise(void **state)
{
    struct fixture *f = *state;
    struct cart *c = cart_new(CHANNEL_B2C);
    cart_set_customer(c, 1);
    int index = 0;
    assert_int_equal(cart_add_sku(&f->alice, c, "THE-001", 5, &index, NULL), ERR_OK);
    struct priced_cart shown = {0};
    price(&f->alice, c, &shown);
    struct place_result res;
    struct err e = {0};
    assert_int_equal(order_place(&f->alice, c, &shown, &res, &e), ERR_STATE); /* not asked */
    assert_non_null(strstr(e.msg, "THE-001: only 2 in stock (back-order the other 3?)"));
    cart_set_backorder(c, index, true);
    price(&f->alice, c, &shown);
    assert_int_equal(order_place(&f->alice, c, &shown, &res, &e), ERR_OK);
    struct order o;
    struct rows lines = {0};
    assert_int_equal(order_get(&f->alice, res.number, &o, NULL), ERR_OK);
    assert_int_equal(o.status, ORDER_PLACED); /* not everything is reserved */
    assert_int_equal(order_lines(&f->alice, &o, NULL, &lines, NULL), ERR_OK);
    const struct order_line *l = lines.items;
    assert_int_equal(l[0].allocated_qty, 2);
    assert_int_equal(l[0].backorder_qty, 3);
    assert_string_equal(l[0].expected_date, shown.lines[0].expected_date);
    assert_true(strcmp(o.promised_date, l[0].expected_date) > 0);
    rows_free(&lines);
    place_result_free(&res);
    priced_cart_free(&shown);
    cart_free(&c);
}

/* Placing writes the order's row once: the promise it adds (0020's
 * order_promises_follow) moves nothing, so no update of the row, its indexes
 * and its update triggers; a later promise still moves the order. */
static void test_placing_writes_the_order_row_once(void **state)
{
    struct fixture *f = *state;
    raw(f, "CREATE TABLE order_rewrites(order_id INTEGER);"
           "CREATE TRIGGER order_rewrites AFTER UPDATE ON orders BEGIN"
           " INSERT INTO order_rewrites VALUES (NEW.id); END;");
    struct cart *c = zoe_cart(&f->alice);
    struct priced_cart shown = {0};
    price(&f->alice, c, &shown);
    struct place_result res;
    struct err e = {0};
    assert_int_equal(order_place(&f->alice, c, &shown, &res, &e), ERR_OK);
    assert_int_equal(one(f, "SELECT count(*) FROM order_rewrites"), 0);
    assert_int_equal(one(f, "SELECT count(*) FROM order_promises"), 1);
    assert_int_equal(one(f, "SELECT count(*) FROM orders o JOIN order_promises p ON p.order_id = o.id"
                            " WHERE o.first_promised_date = p.promised_date"
                            " AND o.promised_date = p.promised_date"),
                     1);
    raw(f, "INSERT INTO order_promises(order_id, promised_date, at, reason)"
           " SELECT id, '2026-12-24', 'x', 'late' FROM orders");
    assert_int_equal(one(f, "SELECT count(*) FROM order_rewrites"), 1);
    assert_int_equal(one(f, "SELECT count(*) FROM orders WHERE promised_date = '2026-12-24'"
                            " AND first_promised_date < promised_date"),
                     1);
    raw(f, "DROP TRIGGER order_rewrites; DROP TABLE order_rewrites;");
    char report[2000];
    assert_int_equal(check_problems(f, report, sizeof report), 0);
    place_result_free(&res);
    priced_cart_free(&shown);
    cart_free(&c);
}

/* ------------------------------------------------------------ accounts */

static struct cart *acme_cart(struct app *app)
{
    struct cart *c = cart_new(CHANNEL_B2B);
    struct err e = {0};
    if (cart_set_party(app, c, NULL, "ACME", NULL, &e) != ERR_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(cart_add_sku(app, c, "CAF-001", 6, NULL, NULL), ERR_OK);
    return c;
}

static void test_on_account_beyond_the_limit_only_a_manager(void **state)
{
    struct fixture *f = *state;
    struct cart *c = acme_cart(&f->alice);
    struct priced_cart shown = {0};
    price(&f->alice, c, &shown);
    assert_int_equal(shown.lines[0].unit_price, 1500);
    assert_string_equal(shown.lines[0].price_source, "contract");
    assert_int_equal(shown.total, 10800); /* 90.00 + 20 %; shipping free over 50.00 */
    struct place_result res;
    struct err e = {0};
    assert_int_equal(order_place(&f->alice, c, &shown, &res, &e), ERR_DENIED);
    assert_int_equal(res.refusal, PLACE_CREDIT_LIMIT);
    assert_string_equal(e.msg, "exceeds ACME's credit limit by 98.00 €; a manager may place it");
    assert_int_equal(one(f, "SELECT open_balance FROM accounts WHERE id = 1"), 9000);
    assert_int_equal(one(f, "SELECT count(*) FROM orders"), 0);
    place_result_free(&res);
    /* A manager places it; the timeline says by how much. */
    assert_int_equal(order_place(&f->david, c, &shown, &res, &e), ERR_OK);
    assert_int_equal(one(f, "SELECT open_balance FROM accounts WHERE id = 1"), 9000 + shown.total);
    assert_int_equal(one(f, "SELECT amount FROM order_timeline WHERE kind = 'credit'"), 9800);
    assert_int_equal(one(f, "SELECT rep_id FROM orders"), f->alice.user.id); /* the account's rep */
    place_result_free(&res);
    priced_cart_free(&shown);
    cart_free(&c);
}

static void test_support_does_not_sell(void **state)
{
    struct fixture *f = *state;
    struct cart *c = zoe_cart(&f->alice);
    struct cart_inputs in;
    struct err e = {0};
    assert_int_equal(cart_inputs_load(&f->chloe, c, &in, &e), ERR_DENIED);
    assert_string_equal(e.msg, "chloe (support) may not place orders");
    struct priced_cart shown = {0};
    price(&f->alice, c, &shown);
    struct place_result res;
    assert_int_equal(order_place(&f->chloe, c, &shown, &res, &e), ERR_DENIED);
    place_result_free(&res);
    priced_cart_free(&shown);
    cart_free(&c);
}

static void test_an_inactive_product_is_refused_with_a_message(void **state)
{
    struct fixture *f = *state;
    raw(f, "UPDATE products SET active = 0 WHERE id = 3");
    struct cart *c = cart_new(CHANNEL_B2C);
    struct err e = {0};
    assert_int_equal(cart_add_sku(&f->alice, c, "VER-001", 1, NULL, &e), ERR_STATE);
    assert_string_equal(e.msg, "VER-001 (Verre) is no longer sold");
    cart_free(&c);
}

/* ------------------------------------------------------------ reorder */

static void test_reorder_prices_today_and_says_what_moved(void **state)
{
    struct fixture *f = *state;
    struct cart *c = zoe_cart(&f->alice);
    struct priced_cart shown = {0};
    price(&f->alice, c, &shown);
    struct place_result res;
    assert_int_equal(order_place(&f->alice, c, &shown, &res, NULL), ERR_OK);
    raw(f, "UPDATE products SET list_price = 1708 WHERE id = 1");
    struct cart *again = NULL;
    struct rows notes = {0};
    struct err e = {0};
    assert_int_equal(order_reorder_cart(&f->alice, res.number, &again, &notes, &e), ERR_OK);
    assert_int_equal(again->nlines, 2);
    assert_int_equal(again->lines[0].quantity, 3);
    assert_int_equal(notes.n, 1);
    assert_string_equal((const char *)rows_at(&notes, 0), "CAF-001 was 19.99, now 20.50");
    assert_string_not_equal(again->idempotency_key, c->idempotency_key);
    rows_free(&notes);
    cart_free(&again);
    place_result_free(&res);
    priced_cart_free(&shown);
    cart_free(&c);
}

/* ------------------------------------------------------------ the rebuild */

/* The names and SQL of every index and trigger on orders and order_lines. */
static void schema_objects(sqlite3 *db, struct strbuf *out)
{
    sqlite3_stmt *s = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT type || ' ' || name FROM sqlite_schema WHERE tbl_name IN "
                           "('orders', 'order_lines') AND type IN ('index', 'trigger') ORDER BY 1",
                           -1, &s, NULL),
        SQLITE_OK);
    while (sqlite3_step(s) == SQLITE_ROW)
        strbuf_addf(out, "%s\n", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
}

/* Migrates a new file with the migrations before 0011, adds an index and a
 * trigger as another migration might have, then runs the rest: every
 * index and trigger is still there, with 0011's and 0012's own added. */
static void test_the_rebuild_keeps_every_index_and_trigger(void **state)
{
    (void)state;
    char path[64];
    test_db_path(path);
    test_db_remove(path);
    sqlite3 *raw_db = NULL;
    assert_int_equal(sqlite3_open(path, &raw_db), SQLITE_OK);
    assert_int_equal(db_sort_key_register(raw_db), SQLITE_OK);
    assert_int_equal(db_search_register(raw_db), SQLITE_OK);     /* 0009's tokenizer */
    assert_int_equal(db_audit_hash_register(raw_db), SQLITE_OK); /* 0008 chains the audit log */
    for (int i = 0; i < db_migration_count && db_migrations[i].version < 11; i++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", db_migrations[i].version);
        assert_int_equal(sqlite3_exec(raw_db, db_migrations[i].sql, NULL, NULL, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_exec(raw_db, pragma, NULL, NULL, NULL), SQLITE_OK);
    }
    assert_int_equal(sqlite3_exec(raw_db,
                                  "CREATE INDEX orders_someone_else ON orders(ship_name);"
                                  "CREATE TRIGGER order_lines_someone_else AFTER INSERT ON order_lines "
                                  "BEGIN SELECT 1; END;"
                                  "INSERT INTO orders(id, number, channel, status, placed_at, subtotal, "
                                  "tax_total, total) VALUES (1, 'O-000001', 'b2c', 'shipped', "
                                  "'2026-01-01T10:00:00Z', 1000, 200, 1200);"
                                  "INSERT INTO order_lines(order_id, line_no, sku, quantity, unit_price, "
                                  "tax_rate_bp, net_amount, tax_amount) VALUES (1, 1, 'X', 2, 500, 2000, "
                                  "1000, 200);",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    struct strbuf before = {0}, after = {0};
    schema_objects(raw_db, &before);
    sqlite3_close(raw_db);
    struct db *db = NULL;
    struct err e = {0};
    if (db_open(path, &db, &e) != ERR_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(sqlite3_open(path, &raw_db), SQLITE_OK);
    schema_objects(raw_db, &after);
    /* everything from before, plus what 0011 and 0012 add */
    const char *added[] = {"trigger orders_first_promise_once\n", "trigger orders_placed_day_fallback\n"};
    for (size_t i = 0; i < sizeof added / sizeof added[0]; i++) {
        assert_null(strstr(strbuf_text(&before), added[i]));
        assert_non_null(strstr(strbuf_text(&after), added[i]));
    }
    for (const char *line = strbuf_text(&before); *line; line = strchr(line, '\n') + 1) {
        char one_line[128];
        snprintf(one_line, sizeof one_line, "%.*s", (int)(strchr(line, '\n') - line + 1), line);
        if (strstr(strbuf_text(&after), one_line) == NULL)
            fail_msg("lost in the rebuild: %s", one_line);
    }
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(raw_db,
                                        "SELECT shipped_qty, backorder_qty, gross_amount, total_amount FROM "
                                        "order_lines",
                                        -1, &s, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 2); /* a shipped order's units were shipped */
    assert_int_equal(sqlite3_column_int(s, 1), 0);
    assert_int_equal(sqlite3_column_int(s, 2), 1000);
    assert_int_equal(sqlite3_column_int(s, 3), 1200);
    sqlite3_finalize(s);
    assert_int_equal(sqlite3_exec(raw_db, "PRAGMA foreign_key_check", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw_db);
    strbuf_free(&before);
    strbuf_free(&after);
    db_close(&db);
    test_db_remove(path);
}

int main(void)
{
    /* Friday 27 November 2026, 10:00 in the store's zone. */
    setenv("TZ", "UTC", 1);
    setenv("COMPTOIR_NOW", "2026-11-27T10:00:00Z", 1);
    tzset();
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_the_order_stores_what_the_cart_showed),
        T(test_the_same_key_places_once),
        T(test_a_price_changed_meanwhile_is_refused_and_nothing_written),
        T(test_stock_taken_meanwhile_is_refused),
        T(test_a_back_order_waits_and_pushes_the_promise),
        T(test_placing_writes_the_order_row_once),
        T(test_on_account_beyond_the_limit_only_a_manager),
        T(test_support_does_not_sell),
        T(test_an_inactive_product_is_refused_with_a_message),
        T(test_reorder_prices_today_and_says_what_moved),
        cmocka_unit_test(test_the_rebuild_keeps_every_index_and_trigger),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
