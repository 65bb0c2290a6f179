/* Promotions through the database: who may run them, every field checked
 * by name, placing with a code (the snapshot, the use, the budget, the
 * code), limits counted inside the placing transaction (a limit reached
 * meanwhile refuses and writes nothing, a placing that fails later uses
 * nothing, a retry counts once), single-use and per-customer codes, the
 * release when a whole order is cancelled, `check`, and the date window in
 * the store's zone at 23:59:59 and 00:00:00 local, across both changes of
 * daylight saving time. */
#include <sqlite3.h>
#include <time.h>

#include "db/promotion_store.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/cart.h"
#include "src/b2c/fulfilment.h"
#include "src/b2c/order_place.h"
#include "src/b2c/promotion.h"
#include "src/b2c/shipping.h"
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
    raw(f, "INSERT INTO products(id, sku, name, category, list_price, tax_class, unit_cost, stock_on_hand,"
           " created_at, updated_at) VALUES (1, 'CAF-001', 'Café 250 g', 'Café', 5000, 'standard', 800, 100,"
           " 'x', 'x'), (2, 'THE-001', 'Thé vert', 'Thé', 3334, 'standard', 400, 100, 'x', 'x');"
           "UPDATE products SET consumer_price = 6000 WHERE id = 1;"
           "UPDATE products SET consumer_price = 4000 WHERE id = 2;"
           "INSERT INTO customers(id, name, email, created_at, updated_at) VALUES"
           " (1, 'Zoé Martin', 'zoe@example.fr', 'x', 'x'), (2, '山田花子', 'hanako@example.jp', 'x', 'x');");
    struct err e = {0};
    if (db_search_repair(f->db, &e) != ERR_OK) /* rows written around the stores */
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

/* A 10 % promotion on the order, by a code unless code is NULL. */
static int64_t make_promotion(struct fixture *f, const char *name, const char *code, int64_t max_uses)
{
    struct promotion_edit in = {0};
    snprintf(in.p.name, sizeof in.p.name, "%s", name);
    in.p.kind = PROMO_PERCENT;
    in.p.value = 1000;
    in.p.target = PROMO_ON_ORDER;
    in.p.activation = code ? PROMO_CODE : PROMO_AUTO;
    in.p.channel = -1;
    in.p.budget = -1;
    in.p.max_uses = max_uses;
    snprintf(in.code, sizeof in.code, "%s", code ? code : "");
    struct err e = {0};
    if (promotion_create(&f->david, &in, &e) != ERR_OK)
        fail_msg("promotion_create: %s (%s)", e.msg, e.field);
    return in.p.id;
}

static struct cart *cart_for(struct fixture *f, int64_t customer, const char *coupon)
{
    struct cart *c = cart_new(CHANNEL_B2C);
    cart_set_customer(c, customer);
    snprintf(c->shipping_method, sizeof c->shipping_method, "pickup");
    assert_int_equal(cart_add_sku(&f->alice, c, "CAF-001", 1, NULL, NULL), ERR_OK);
    assert_int_equal(cart_add_sku(&f->alice, c, "THE-001", 1, NULL, NULL), ERR_OK);
    if (coupon) {
        snprintf(c->coupons[0], sizeof c->coupons[0], "%s", coupon);
        c->ncoupons = 1;
    }
    return c;
}

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

static bool has_note(const struct priced_cart *p, const char *text)
{
    for (int i = 0; i < p->nnotes; i++)
        if (strstr(p->notes[i].text, text))
            return true;
    return false;
}

/* Prices and places the cart as shown; the result's code. */
static int place(struct fixture *f, struct cart *c, struct place_result *res, struct err *e)
{
    struct priced_cart shown = {0};
    price(&f->alice, c, &shown);
    int rc = order_place(&f->alice, c, &shown, res, e);
    priced_cart_free(&shown);
    return rc;
}

static int problems(struct fixture *f, char *report, size_t len)
{
    struct app root = test_app_as(f->db, "root");
    struct strbuf r = {0};
    int n = 0;
    assert_int_equal(check_database(&root, &r, &n, NULL), ERR_OK);
    snprintf(report, len, "%s", strbuf_text(&r));
    strbuf_free(&r);
    return n;
}

/* ------------------------------------------------------------ managing */

static void test_managers_run_promotions_and_reps_only_apply_codes(void **state)
{
    struct fixture *f = *state;
    struct promotion_edit in = {0};
    snprintf(in.p.name, sizeof in.p.name, "Noël −10 %%");
    in.p.kind = PROMO_PERCENT;
    in.p.value = 1000;
    in.p.channel = -1;
    in.p.budget = -1;
    in.p.activation = PROMO_CODE;
    snprintf(in.code, sizeof in.code, "NOEL10");
    struct err e = {0};
    assert_int_equal(promotion_create(&f->alice, &in, &e), ERR_DENIED);
    assert_int_equal(promotion_create(&f->chloe, &in, &e), ERR_DENIED);
    assert_int_equal(promotion_create(&f->david, &in, &e), ERR_OK);
    assert_true(in.p.id > 0);
    struct promotion p;
    assert_int_equal(promotion_find(&f->chloe, "noel10", &p, &e), ERR_OK); /* support reads them */
    assert_int_equal(p.id, in.p.id);
    assert_string_equal(p.code, "NOEL10");
    assert_int_equal(promotion_disable(&f->alice, in.p.id, &e), ERR_DENIED);
    int64_t batch = 0;
    assert_int_equal(promotion_codes_generate(&f->alice, in.p.id, 5, "X", &batch, &e), ERR_DENIED);
    assert_int_equal(one(f, "SELECT count(*) FROM audit_log WHERE object_type = 'promotion'"), 1);
}

/* Each field at fault is named, so the editor says it next to the field. */
static void test_every_field_is_checked_by_name(void **state)
{
    struct fixture *f = *state;
    struct promotion_edit good = {0};
    snprintf(good.p.name, sizeof good.p.name, "Ok");
    good.p.kind = PROMO_PERCENT;
    good.p.value = 1000;
    good.p.channel = -1;
    good.p.budget = -1;
    good.p.get_percent_bp = 10000;
    struct err e = {0};
    assert_int_equal(promotion_validate(&good, &e), ERR_OK);
    struct promotion_edit in = good;
    in.p.name[0] = '\0';
    assert_int_equal(promotion_validate(&in, &e), ERR_INVALID);
    assert_string_equal(e.field, "name");
    in = good;
    snprintf(in.p.name, sizeof in.p.name, "%s",
             "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé");
    assert_int_equal(promotion_validate(&in, &e), ERR_INVALID); /* 65 characters */
    assert_string_equal(e.field, "name");
    in = good;
    in.p.value = 10001;
    assert_int_equal(promotion_validate(&in, &e), ERR_INVALID);
    assert_string_equal(e.field, "value");
    in = good;
    in.p.kind = PROMO_PRICE;
    assert_int_equal(promotion_validate(&in, &e), ERR_INVALID);
    assert_string_equal(e.field, "on");
    in = good;
    in.p.kind = PROMO_BUY_GET;
    in.p.buy_qty = 2;
    assert_int_equal(promotion_validate(&in, &e), ERR_INVALID);
    assert_string_equal(e.field, "get");
    in = good;
    snprintf(in.p.starts_on, sizeof in.p.starts_on, "2026-12-31");
    snprintf(in.p.ends_on, sizeof in.p.ends_on, "2026-12-01");
    assert_int_equal(promotion_validate(&in, &e), ERR_INVALID);
    assert_string_equal(e.field, "to");
    in = good;
    in.p.activation = PROMO_AUTO;
    snprintf(in.code, sizeof in.code, "AUTO1");
    assert_int_equal(promotion_validate(&in, &e), ERR_INVALID);
    assert_string_equal(e.field, "code");
    in = good;
    in.p.activation = PROMO_CODE;
    snprintf(in.code, sizeof in.code, "a b");
    assert_int_equal(promotion_validate(&in, &e), ERR_INVALID);
    assert_string_equal(e.field, "code");
    in = good;
    in.p.target = PROMO_ON_SKUS;
    snprintf(in.skus, sizeof in.skus, "CAF-001, NOPE-9");
    assert_int_equal(promotion_create(&f->david, &in, &e), ERR_INVALID);
    assert_string_equal(e.field, "on");
    assert_non_null(strstr(e.msg, "NOPE-9"));
    assert_int_equal(one(f, "SELECT count(*) FROM promotions"), 0); /* nothing written */
    /* a code is another promotion's already, in any case */
    make_promotion(f, "One", "SAME", 0);
    in = good;
    in.p.activation = PROMO_CODE;
    snprintf(in.code, sizeof in.code, "same");
    assert_int_equal(promotion_create(&f->david, &in, &e), ERR_INVALID);
    assert_string_equal(e.field, "code");
    assert_int_equal(one(f, "SELECT count(*) FROM promotions"), 1);
}

/* ------------------------------------------------------------ placing */

/* A code on the counter: the snapshot holds each line's share, the use,
 * the budget and the timeline; the order shows its promotions. */
static void test_a_code_placed_is_counted_once_with_its_shares(void **state)
{
    struct fixture *f = *state;
    int64_t id = make_promotion(f, "Noël −10 %", "NOEL10", 0);
    raw(f, "UPDATE promotions SET budget = 100000");
    struct cart *c = cart_for(f, 1, "noel10");
    struct priced_cart shown = {0};
    price(&f->alice, c, &shown);
    assert_true(has_note(&shown, "Noël −10 % (NOEL10)"));
    assert_int_equal(shown.total, 9000); /* 60.00 + 40.00, 10 % off */
    struct place_result res, again;
    struct err e = {0};
    assert_int_equal(order_place(&f->alice, c, &shown, &res, &e), ERR_OK);
    assert_int_equal(one(f, "SELECT total FROM orders"), 9000);
    assert_int_equal(one(f, "SELECT count(*) FROM order_line_adjustments WHERE kind = 'promotion'"), 2);
    assert_int_equal(one(f, "SELECT sum(amount) FROM order_line_adjustments WHERE source_id = 1"), 1000);
    assert_int_equal(one(f, "SELECT uses FROM promotions"), 1);
    assert_int_equal(one(f, "SELECT granted FROM promotions"), 1000);
    assert_int_equal(one(f, "SELECT amount FROM promotion_uses"), 1000);
    assert_int_equal(one(f, "SELECT code_id FROM promotion_uses"), 1);
    assert_int_equal(
        one(f, "SELECT count(*) FROM order_timeline WHERE kind = 'promotion' AND amount = -1000"), 1);
    /* a retry of the same cart places nothing and counts nothing */
    assert_int_equal(order_place(&f->alice, c, &shown, &again, &e), ERR_OK);
    assert_true(again.replayed);
    assert_int_equal(one(f, "SELECT uses FROM promotions"), 1);
    assert_int_equal(one(f, "SELECT count(*) FROM promotion_uses"), 1);
    /* what the order shows */
    struct order o;
    assert_int_equal(order_get(&f->alice, res.number, &o, &e), ERR_OK);
    struct rows rows = {0};
    rows_reset(&rows, sizeof(struct order_summary_row));
    assert_int_equal(promotion_order_summary(&f->alice, &o, &rows, &e), ERR_OK);
    assert_int_equal(rows.n, 1);
    const struct order_summary_row *r = rows.items;
    assert_string_equal(r[0].section, "Promotions");
    assert_string_equal(r[0].text, "Noël −10 % (NOEL10)");
    assert_int_equal(r[0].amount, -1000);
    rows_free(&rows);
    char report[2000];
    assert_int_equal(problems(f, report, sizeof report), 0);
    (void)id;
    place_result_free(&res);
    place_result_free(&again);
    priced_cart_free(&shown);
    cart_free(&c);
}

/* The last use taken between showing and placing: refused, nothing written. */
static void test_a_limit_reached_meanwhile_refuses_and_writes_nothing(void **state)
{
    struct fixture *f = *state;
    make_promotion(f, "Cent", "CENT", 100);
    struct cart *c = cart_for(f, 1, "CENT");
    struct priced_cart shown = {0};
    price(&f->alice, c, &shown);
    assert_int_equal(shown.discount_total, 1000);
    raw(f, "UPDATE promotions SET uses = 100"); /* 99 others placed meanwhile */
    struct place_result res;
    struct err e = {0};
    assert_int_equal(order_place(&f->alice, c, &shown, &res, &e), ERR_CONFLICT);
    assert_int_equal(res.refusal, PLACE_PRICES_CHANGED);
    assert_true(has_note(&res.repriced, "CENT — used 100 of 100"));
    assert_int_equal(one(f, "SELECT count(*) FROM orders"), 0);
    assert_int_equal(one(f, "SELECT count(*) FROM promotion_uses"), 0);
    assert_int_equal(one(f, "SELECT uses FROM promotions"), 100);
    place_result_free(&res);
    priced_cart_free(&shown);
    cart_free(&c);
}

/* Behind the re-pricing, the hook's conditional update holds the limit by itself. */
static void test_the_conditional_update_refuses_past_the_limit(void **state)
{
    struct fixture *f = *state;
    make_promotion(f, "Un", "UN1", 1);
    struct cart *c = cart_for(f, 1, "UN1");
    struct place_result res;
    struct err e = {0};
    assert_int_equal(place(f, c, &res, &e), ERR_OK);
    struct priced_cart priced = {0};
    raw(f, "UPDATE promotions SET max_uses = 2");
    price(&f->alice, c, &priced); /* it applies while 1 of 2 */
    raw(f, "UPDATE promotions SET max_uses = 1");
    struct order o;
    assert_int_equal(order_get(&f->alice, res.number, &o, &e), ERR_OK);
    struct order_change ch = {.kind = ORDER_CHANGE_PLACED, .order = &o, .priced = &priced};
    assert_int_equal(db_begin(f->db, &e), ERR_OK);
    assert_int_equal(promotion_on_order(&f->alice, &ch, &e), ERR_CONFLICT);
    assert_string_equal(e.field, "promotion");
    assert_non_null(strstr(e.msg, "used 1 of 1"));
    db_rollback(f->db);
    assert_int_equal(one(f, "SELECT uses FROM promotions"), 1);
    place_result_free(&res);
    priced_cart_free(&priced);
    cart_free(&c);
}

/* A placing that fails after the code was counted uses nothing. */
static void test_a_placing_failing_after_the_count_uses_nothing(void **state)
{
    struct fixture *f = *state;
    int64_t id = make_promotion(f, "Lot", NULL, 0);
    struct err e = {0};
    raw(f, "UPDATE promotions SET activation = 'code'");
    int64_t batch = 0;
    assert_int_equal(promotion_codes_generate(&f->david, id, 2, "LOT-", &batch, &e), ERR_OK);
    assert_int_equal(batch, 1);
    char code[33];
    struct promotion_code rows[2];
    int n = 0;
    assert_int_equal(promotion_codes_page(&f->david, id, 0, rows, 2, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    snprintf(code, sizeof code, "%s", rows[0].code);
    assert_int_equal(strncmp(code, "LOT-", 4), 0);
    assert_int_equal(strlen(code), 12);
    raw(f, "CREATE TRIGGER fail_late BEFORE INSERT ON order_status_history"
           " WHEN NEW.to_status = 'allocated' BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;");
    struct cart *c = cart_for(f, 1, code);
    struct place_result res;
    assert_int_not_equal(place(f, c, &res, &e), ERR_OK);
    assert_int_equal(one(f, "SELECT count(*) FROM orders"), 0);
    assert_int_equal(one(f, "SELECT uses FROM promotions"), 0);
    assert_int_equal(one(f, "SELECT count(*) FROM promotion_codes WHERE used_order_id IS NOT NULL"), 0);
    assert_int_equal(one(f, "SELECT count(*) FROM promotion_uses"), 0);
    place_result_free(&res);
    raw(f, "DROP TRIGGER fail_late");
    /* then it works, once: the single-use code is spent */
    assert_int_equal(place(f, c, &res, &e), ERR_OK);
    assert_int_equal(one(f, "SELECT count(*) FROM promotion_codes WHERE used_order_id IS NOT NULL"), 1);
    place_result_free(&res);
    cart_free(&c);
    c = cart_for(f, 2, code);
    struct priced_cart p = {0};
    price(&f->alice, c, &p);
    char want[80];
    snprintf(want, sizeof want, "%s — code already used on O-000001", code);
    assert_true(has_note(&p, want));
    assert_int_equal(p.discount_total, 0);
    priced_cart_free(&p);
    cart_free(&c);
}

static void test_a_customer_uses_it_as_often_as_allowed(void **state)
{
    struct fixture *f = *state;
    make_promotion(f, "Bienvenue", "HELLO", 0);
    raw(f, "UPDATE promotions SET per_customer = 1");
    struct cart *c = cart_for(f, 1, "HELLO");
    struct place_result res;
    struct err e = {0};
    assert_int_equal(place(f, c, &res, &e), ERR_OK);
    place_result_free(&res);
    cart_new_key(c);
    struct priced_cart p = {0};
    price(&f->alice, c, &p);
    assert_true(has_note(&p, "HELLO — already used by this customer"));
    priced_cart_free(&p);
    cart_free(&c);
    c = cart_for(f, 2, "HELLO"); /* another customer may */
    price(&f->alice, c, &p);
    assert_int_equal(p.discount_total, 1000);
    priced_cart_free(&p);
    cart_set_customer(c, 0); /* nobody known may not */
    price(&f->alice, c, &p);
    assert_true(has_note(&p, "HELLO — needs a known customer"));
    priced_cart_free(&p);
    cart_free(&c);
    assert_int_equal(one(f, "SELECT uses FROM promotion_party_uses WHERE party_id = 1"), 1);
}

/* A whole order cancelled gives the use, the budget and the code back. */
static void test_a_cancelled_order_gives_its_uses_back(void **state)
{
    struct fixture *f = *state;
    int64_t id = make_promotion(f, "Lot", NULL, 1);
    raw(f, "UPDATE promotions SET activation = 'code', per_customer = 1, budget = 5000");
    int64_t batch = 0;
    struct err e = {0};
    assert_int_equal(promotion_codes_generate(&f->david, id, 1, "", &batch, &e), ERR_OK);
    struct promotion_code code;
    int n = 0;
    assert_int_equal(promotion_codes_page(&f->david, id, 0, &code, 1, &n, &e), ERR_OK);
    struct cart *c = cart_for(f, 1, code.code);
    struct place_result res;
    assert_int_equal(place(f, c, &res, &e), ERR_OK);
    assert_int_equal(one(f, "SELECT granted FROM promotions"), 1000);
    /* issue 13's cancel: the status, then the hook */
    struct cancel_result cancelled;
    if (order_cancel(&f->david, res.number, "the customer changed their mind", &cancelled, &e) != ERR_OK)
        fail_msg("order_cancel: %s", e.msg);
    struct order o;
    assert_int_equal(order_get(&f->david, res.number, &o, &e), ERR_OK);
    struct order_change ch = {.kind = ORDER_CHANGE_CANCELLED, .order = &o, .whole_order = true};
    assert_int_equal(db_begin(f->db, &e), ERR_OK);
    assert_int_equal(order_hooks_run(&f->alice, &ch, &e), ERR_OK); /* again: given back once */
    assert_int_equal(db_commit(f->db, &e), ERR_OK);
    assert_int_equal(one(f, "SELECT uses FROM promotions"), 0);
    assert_int_equal(one(f, "SELECT granted FROM promotions"), 0);
    assert_int_equal(one(f, "SELECT uses FROM promotion_party_uses"), 0);
    assert_int_equal(one(f, "SELECT count(*) FROM promotion_codes WHERE used_order_id IS NULL"), 1);
    assert_int_equal(one(f, "SELECT count(*) FROM promotion_uses WHERE released_at IS NOT NULL"), 1);
    assert_int_equal(one(f, "SELECT sum(amount) FROM order_line_adjustments"), 1000); /* the snapshot stays */
    char report[2000];
    if (problems(f, report, sizeof report) != 0)
        fail_msg("%s", report);
    /* the code works again */
    cart_new_key(c);
    struct priced_cart p = {0};
    price(&f->alice, c, &p);
    assert_int_equal(p.discount_total, 1000);
    priced_cart_free(&p);
    place_result_free(&res);
    cart_free(&c);
}

/* check finds counters that disagree with the uses. */
static void test_check_sees_counters_that_lie(void **state)
{
    struct fixture *f = *state;
    make_promotion(f, "Noël", "NOEL", 0);
    struct cart *c = cart_for(f, 1, "NOEL");
    struct place_result res;
    struct err e = {0};
    assert_int_equal(place(f, c, &res, &e), ERR_OK);
    char report[2000];
    assert_int_equal(problems(f, report, sizeof report), 0);
    raw(f, "UPDATE promotions SET uses = 5, granted = 1");
    assert_int_equal(problems(f, report, sizeof report), 2);
    assert_non_null(strstr(report, "promotion 1: uses is 5 but should be 1"));
    assert_non_null(strstr(report, "promotion 1: granted is 0.01 but should be 10.00"));
    place_result_free(&res);
    cart_free(&c);
}

/* ------------------------------------------------------------ the store's day */

struct moment {
    const char *now; /* UTC */
    const char *starts, *ends;
    bool applies;
};

/* Europe/Paris: an end date holds to 23:59:59 local and a start date from
 * 00:00:00 local, in winter (UTC+1), in summer (UTC+2) and on the days the
 * clocks change (29 March and 25 October 2026). */
static void test_the_window_follows_the_store_s_day_across_daylight_saving(void **state)
{
    struct fixture *f = *state;
    static const struct moment moments[] = {
        {"2026-11-30T22:59:59Z", NULL, "2026-11-30", true},  /* 23:59:59 CET */
        {"2026-11-30T23:00:00Z", NULL, "2026-11-30", false}, /* 00:00:00 CET the next day */
        {"2026-03-29T21:59:59Z", NULL, "2026-03-29", true},  /* clocks went forward at 02:00 */
        {"2026-03-29T22:00:00Z", NULL, "2026-03-29", false},
        {"2026-10-25T22:59:59Z", NULL, "2026-10-25", true}, /* clocks went back at 03:00 */
        {"2026-10-25T23:00:00Z", NULL, "2026-10-25", false},
        {"2026-03-28T22:59:59Z", "2026-03-29", NULL, false}, /* 23:59:59 CET the day before */
        {"2026-03-28T23:00:00Z", "2026-03-29", NULL, true},  /* 00:00:00 on its first day */
        {"2026-10-24T21:59:59Z", "2026-10-25", NULL, false}, /* 23:59:59 CEST */
        {"2026-10-24T22:00:00Z", "2026-10-25", NULL, true},
    };
    make_promotion(f, "Fenêtre", "WINDOW", 0);
    setenv("TZ", "Europe/Paris", 1);
    tzset();
    for (size_t i = 0; i < sizeof moments / sizeof moments[0]; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "UPDATE promotions SET starts_on = %s%s%s, ends_on = %s%s%s",
                 moments[i].starts ? "'" : "", moments[i].starts ? moments[i].starts : "NULL",
                 moments[i].starts ? "'" : "", moments[i].ends ? "'" : "",
                 moments[i].ends ? moments[i].ends : "NULL", moments[i].ends ? "'" : "");
        raw(f, sql);
        setenv("COMPTOIR_NOW", moments[i].now, 1);
        struct cart *c = cart_for(f, 1, "WINDOW");
        struct priced_cart p = {0};
        price(&f->alice, c, &p);
        if ((p.discount_total > 0) != moments[i].applies)
            fail_msg("at %s (%s … %s) it %s", moments[i].now, moments[i].starts ? moments[i].starts : "",
                     moments[i].ends ? moments[i].ends : "",
                     moments[i].applies ? "should apply" : "should not");
        if (!moments[i].applies)
            assert_true(has_note(&p, moments[i].ends ? "ended on" : "starts on"));
        priced_cart_free(&p);
        cart_free(&c);
    }
    setenv("TZ", "UTC", 1);
    setenv("COMPTOIR_NOW", "2026-11-27T10:00:00Z", 1);
    tzset();
}

/* A save over someone else's says who saved first, and when (issue 9). */
static void test_a_stale_save_names_who_changed_it_and_when(void **state)
{
    struct fixture *f = *state;
    struct app emma = test_app_as(f->db, "emma");
    int64_t id = make_promotion(f, "Noël", "NOEL10", 0);
    struct promotion_edit one, two;
    struct err e = {0};
    assert_int_equal(promotion_edit_load(&f->david, id, &one, &e), ERR_OK);
    assert_int_equal(promotion_edit_load(&emma, id, &two, &e), ERR_OK);
    one.p.value = 1500;
    assert_int_equal(promotion_update(&f->david, &one, &e), ERR_OK);
    two.p.value = 2000;
    assert_int_equal(promotion_update(&emma, &two, &e), ERR_CONFLICT);
    assert_string_equal(e.field, "version");
    char want[80];
    snprintf(want, sizeof want, "promotion %lld (Noël) was changed by david at ", (long long)id);
    if (strncmp(e.msg, want, strlen(want)) != 0)
        fail_msg("got '%s'", e.msg);
    assert_int_equal(one.p.value, 1500);
}

/* The same for a shipping method (issue 9). */
static void test_a_stale_shipping_save_names_who_changed_it_and_when(void **state)
{
    struct fixture *f = *state;
    struct app root = test_app_as(f->db, "root"), other = test_app_as(f->db, "root");
    struct shipping_method one, two;
    struct err e = {0};
    assert_int_equal(shipping_get(&root, "standard", &one, &e), ERR_OK);
    assert_int_equal(shipping_get(&other, "standard", &two, &e), ERR_OK);
    one.fee += 100;
    assert_int_equal(shipping_set(&root, &one, &e), ERR_OK);
    two.fee += 200;
    assert_int_equal(shipping_set(&other, &two, &e), ERR_CONFLICT);
    const char *want = "shipping method standard was changed by root at ";
    if (strncmp(e.msg, want, strlen(want)) != 0)
        fail_msg("got '%s'", e.msg);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    setenv("COMPTOIR_NOW", "2026-11-27T10:00:00Z", 1);
    tzset();
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_managers_run_promotions_and_reps_only_apply_codes),
        T(test_every_field_is_checked_by_name),
        T(test_a_code_placed_is_counted_once_with_its_shares),
        T(test_a_limit_reached_meanwhile_refuses_and_writes_nothing),
        T(test_the_conditional_update_refuses_past_the_limit),
        T(test_a_placing_failing_after_the_count_uses_nothing),
        T(test_a_customer_uses_it_as_often_as_allowed),
        T(test_a_cancelled_order_gives_its_uses_back),
        T(test_check_sees_counters_that_lie),
        T(test_the_window_follows_the_store_s_day_across_daylight_saving),
        T(test_a_stale_save_names_who_changed_it_and_when),
        T(test_a_stale_shipping_save_names_who_changed_it_and_when),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
