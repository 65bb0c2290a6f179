/* The order rules: line and total arithmetic with the one rounding rule, the
 * life cycle, and create / get / move / find with their rights and audit. */
#include <sqlite3.h>

#include "testutil.h"

#include "src/b2c/fulfilment.h"

/* ------------------------------------------------------------ arithmetic */

static struct order_line line_of(int64_t qty, int64_t price, int rate)
{
    struct order_line l = {.line_no = 1, .quantity = qty, .unit_price = price, .tax_rate_bp = rate};
    snprintf(l.sku, sizeof l.sku, "SKU-1");
    return l;
}

static void test_line_net_is_quantity_times_price(void **state)
{
    (void)state;
    struct order_line l = line_of(3, 1999, 2000);
    struct err e = {0};
    assert_int_equal(order_line_compute(&l, &e), ERR_OK);
    assert_int_equal(l.net_amount, 5997);
    assert_int_equal(l.tax_amount, 1199); /* 1199.4 */
}

static void test_line_tax_rounds_half_away_from_zero(void **state)
{
    (void)state;
    static const struct {
        int64_t qty, price;
        int rate;
        int64_t tax;
    } cases[] = {
        {1, 5, 1000, 1},  /* 0.05 at 10 %: 0.5 cent → 1 */
        {1, 4, 1000, 0},  /* 0.04 at 10 %: 0.4 cent → 0 */
        {1, 45, 1000, 5}, /* 4.5 → 5 */
        {1, 10, 550, 1},  /* 0.55 → 1 */
        {1, 100, 550, 6}, /* 5.5 → 6 */
        {1, 25, 2000, 5}, /* exactly 5 */
        {3, 5, 1000, 2},  /* 0.15 at 10 %: 1.5 → 2, per line not per unit */
        {1, 0, 2000, 0},  /* a free line */
        {7, 1234, 0, 0},  /* zero rate */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct order_line l = line_of(cases[i].qty, cases[i].price, cases[i].rate);
        assert_int_equal(order_line_compute(&l, NULL), ERR_OK);
        assert_int_equal(l.tax_amount, cases[i].tax);
    }
}

static void test_line_overflow_is_refused(void **state)
{
    (void)state;
    struct err e = {0};
    struct order_line l = line_of(INT64_MAX / 2, 3, 0);
    assert_int_equal(order_line_compute(&l, &e), ERR_INVALID);
    assert_string_equal(e.field, "quantity");
    l = line_of(1, INT64_MAX / 1000, 2000); /* the net fits, net × rate does not */
    assert_int_equal(order_line_compute(&l, &e), ERR_INVALID);
}

static void test_totals_are_sums_of_lines(void **state)
{
    (void)state;
    struct order_line lines[3] = {line_of(1, 5, 1000), line_of(1, 5, 1000), line_of(1, 5, 1000)};
    for (int i = 0; i < 3; i++)
        order_line_compute(&lines[i], NULL);
    struct order o = {0};
    assert_int_equal(order_totals_compute(&o, lines, 3, NULL), ERR_OK);
    assert_int_equal(o.subtotal, 15);
    assert_int_equal(o.tax_total, 3); /* three rounded lines, not round(1.5) = 2 */
    assert_int_equal(o.total, 18);
}

static void test_totals_overflow_is_refused(void **state)
{
    (void)state;
    struct order_line lines[2] = {line_of(1, INT64_MAX - 10, 0), line_of(1, 20, 0)};
    lines[0].net_amount = INT64_MAX - 10;
    lines[1].net_amount = 20;
    struct order o = {0};
    struct err e = {0};
    assert_int_equal(order_totals_compute(&o, lines, 2, &e), ERR_INVALID);
    assert_int_equal(o.total, 0);
}

/* ------------------------------------------------------------ life cycle */

static void test_every_status_move(void **state)
{
    (void)state;
    /* rows: from; columns: to, in enum order placed … cancelled. By hand:
     * cancelling what has not shipped, closing what was delivered; stock,
     * shipments and deliveries make the other moves (issue 13). */
    static const bool legal[7][7] = {
        /* placed            */ {0, 0, 0, 0, 0, 0, 1},
        /* allocated         */ {0, 0, 0, 0, 0, 0, 1},
        /* partially_shipped */ {0, 0, 0, 0, 0, 0, 1}, /* the rest: it ends shipped or delivered */
        /* shipped           */ {0, 0, 0, 0, 0, 0, 0},
        /* delivered         */ {0, 0, 0, 0, 0, 1, 0},
        /* closed            */ {0, 0, 0, 0, 0, 0, 0},
        /* cancelled         */ {0, 0, 0, 0, 0, 0, 0},
    };
    for (int from = 0; from < 7; from++)
        for (int to = 0; to < 7; to++)
            assert_int_equal(order_can_move((enum order_status)from, (enum order_status)to), legal[from][to]);
}

/* Open: on its way, so it can still move to shipped or beyond. */
static void test_open_orders_are_placed_allocated_or_shipped(void **state)
{
    (void)state;
    static const bool open[ORDER_STATUS_COUNT] = {1, 1, 1, 1, 0, 0, 0};
    for (int s = 0; s < ORDER_STATUS_COUNT; s++)
        assert_int_equal((order_open_statuses() & ORDER_STATUS_BIT(s)) != 0, open[s]);
}

/* ------------------------------------------------------------ operations */

struct fixture {
    char path[64];
    struct db *db;
    sqlite3 *raw;
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    f->db = test_db_new(f->path);
    if (sqlite3_open(f->path, &f->raw) != SQLITE_OK)
        return -1;
    sqlite3_busy_timeout(f->raw, 2000);
    char *msg = NULL;
    /* alice (id 2) and bruno (id 3) are reps, each with an account */
    if (sqlite3_exec(f->raw,
                     "INSERT INTO accounts(id, code, name, rep_id, created_at, updated_at) VALUES"
                     " (1, 'ALICE-1', 'Alice Client SA', 2, 'x', 'x'),"
                     " (2, 'BRUNO-1', 'Bruno Kunde GmbH', 3, 'x', 'x');"
                     "INSERT INTO contacts(id, account_id, name, created_at, updated_at) VALUES"
                     " (1, 1, 'Anne Achat', 'x', 'x'), (2, 2, 'Bernd Einkauf', 'x', 'x');"
                     "INSERT INTO customers(id, name, email, created_at, updated_at) VALUES"
                     " (1, 'Zoé Martin', 'zoe@example.fr', 'x', 'x');",
                     NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "setup: %s\n", msg);
        return -1;
    }
    /* written around comptoir: its search indexes and sort keys built again */
    if (db_search_repair(f->db, NULL) != ERR_OK)
        return -1;
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

/* Every order placed in the same second: the id must break the tie. */
static void raw_exec_orders_same_second(struct fixture *f)
{
    char *msg = NULL;
    if (sqlite3_exec(f->raw, "UPDATE orders SET placed_at = '2026-06-01T10:00:00Z'", NULL, NULL, &msg) !=
        SQLITE_OK)
        fail_msg("%s", msg);
}

/* Creates a b2b order for account (or b2c for customer when account is 0). */
static int create(struct fixture *f, const char *login, int64_t account, int64_t customer, struct order *o,
                  struct err *e)
{
    struct app app = test_app_as(f->db, login);
    memset(o, 0, sizeof *o);
    o->channel = account ? CHANNEL_B2B : CHANNEL_B2C;
    o->account_id = account;
    o->customer_id = customer;
    struct order_line lines[2] = {line_of(2, 1050, 2000), line_of(1, 5, 1000)};
    return order_create(&app, o, lines, 2, e);
}

static void test_create_recomputes_lines_and_totals(void **state)
{
    struct fixture *f = *state;
    struct app app = test_app_as(f->db, "alice");
    struct order o = {.channel = CHANNEL_B2B, .account_id = 1, .contact_id = 1};
    o.total = 1; /* what a caller claims is ignored */
    struct order_line lines[2] = {line_of(2, 1050, 2000), line_of(1, 5, 1000)};
    lines[0].net_amount = 99999;
    lines[0].tax_amount = 99999;
    struct err e = {0};
    assert_int_equal(order_create(&app, &o, lines, 2, &e), ERR_OK);
    assert_string_equal(o.number, "O-000001");
    assert_int_equal(o.subtotal, 2105);
    assert_int_equal(o.tax_total, 421); /* 420 + 1 (0.5 rounded up) */
    assert_int_equal(o.total, 2526);
    struct rows got = {0};
    int n = 0;
    assert_int_equal(order_store_lines(f->db, o.id, NULL, &got, &e), ERR_OK);
    const struct order_line *saved = got.items;
    assert_int_equal(got.n, 2);
    assert_int_equal(saved[0].net_amount, 2100);
    assert_int_equal(saved[0].tax_amount, 420);
    assert_int_equal(saved[1].line_no, 2);
    rows_free(&got);
    struct rows a_read = {0};
    assert_int_equal(audit_store_for_object(f->db, "order", "O-000001", NULL, &a_read, &e), ERR_OK);
    const struct audit_entry *a = a_read.items;
    n = a_read.n;
    assert_int_equal(n, 1);
    assert_string_equal(a[0].action, "create");
    assert_string_equal(a[0].user_login, "alice");
    assert_non_null(strstr(a[0].after_json, "\"total\":2526"));
    audit_entries_free(&a_read);
}

static void test_create_refuses_bad_lines(void **state)
{
    struct fixture *f = *state;
    struct app app = test_app_as(f->db, "david");
    struct order o = {.channel = CHANNEL_B2C};
    struct order_line l = line_of(0, 100, 2000);
    struct err e = {0};
    assert_int_equal(order_create(&app, &o, &l, 1, &e), ERR_INVALID);
    assert_string_equal(e.field, "quantity");
    l = line_of(1, -1, 2000);
    assert_int_equal(order_create(&app, &o, &l, 1, &e), ERR_INVALID);
    assert_string_equal(e.field, "unit_price");
    assert_int_equal(order_create(&app, &o, &l, 0, &e), ERR_INVALID);
    assert_string_equal(e.field, "lines");
    l = line_of(INT64_MAX / 2, 3, 0);
    assert_int_equal(order_create(&app, &o, &l, 1, &e), ERR_INVALID);
    struct page_req q = {.limit = 5};
    struct order rows[5];
    int n = -1;
    assert_int_equal(order_store_page(f->db, &q, rows, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
}

static void test_create_checks_the_party(void **state)
{
    struct fixture *f = *state;
    struct order o;
    struct err e = {0};
    assert_int_equal(create(f, "david", 0, 0, &o, &e), ERR_OK); /* a cash sale */
    assert_int_equal(create(f, "david", 0, 1, &o, &e), ERR_OK); /* a known customer */
    assert_int_equal(create(f, "david", 0, 42, &o, &e), ERR_NOTFOUND);
    struct app app = test_app_as(f->db, "david");
    struct order b2b = {.channel = CHANNEL_B2B};
    struct order_line l = line_of(1, 100, 2000);
    assert_int_equal(order_create(&app, &b2b, &l, 1, &e), ERR_INVALID);
    assert_string_equal(e.field, "account");
    struct order wrong_contact = {.channel = CHANNEL_B2B, .account_id = 1, .contact_id = 2};
    assert_int_equal(order_create(&app, &wrong_contact, &l, 1, &e), ERR_INVALID);
    assert_string_equal(e.field, "contact");
    struct order b2c_account = {.channel = CHANNEL_B2C, .account_id = 1};
    assert_int_equal(order_create(&app, &b2c_account, &l, 1, &e), ERR_INVALID);
}

static void test_create_needs_the_right(void **state)
{
    struct fixture *f = *state;
    struct order o;
    struct err e = {0};
    assert_int_equal(create(f, "chloe", 0, 1, &o, &e), ERR_DENIED); /* support */
    assert_non_null(strstr(e.msg, "chloe"));
    assert_int_equal(create(f, "alice", 2, 0, &o, &e), ERR_DENIED); /* bruno's account */
    assert_int_equal(create(f, "alice", 1, 0, &o, &e), ERR_OK);
    assert_int_equal(create(f, "alice", 0, 1, &o, &e), ERR_OK); /* reps take consumer orders */
}

/* The order's units allocated, as a receipt of stock does (the fixture's
 * lines name no product). */
static void allocate_by_hand(struct fixture *f, struct order *o)
{
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE order_lines SET allocated_qty = quantity WHERE order_id = %lld",
             (long long)o->id);
    char *msg = NULL;
    if (sqlite3_exec(f->raw, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s", msg);
    struct err e = {0};
    assert_int_equal(order_store_set_status(f->db, o, ORDER_ALLOCATED, 0, "", &e), ERR_OK);
}

static void test_move_walks_the_life_cycle_with_audit(void **state)
{
    struct fixture *f = *state;
    struct order o;
    struct err e = {0};
    assert_int_equal(create(f, "david", 0, 1, &o, &e), ERR_OK);
    allocate_by_hand(f, &o);
    struct app app = test_app_as(f->db, "chloe");
    struct ship_request req = {.carrier = "DHL"};
    struct ship_result shipped;
    struct deliver_result delivered;
    assert_int_equal(order_ship(&app, o.number, &req, &shipped, &e), ERR_OK);
    assert_int_equal(shipped.status, ORDER_SHIPPED);
    assert_int_equal(order_deliver(&app, o.number, 0, "", &delivered, &e), ERR_OK);
    assert_true(delivered.order_delivered);
    assert_int_equal(order_get(&app, o.number, &o, &e), ERR_OK);
    assert_int_equal(o.status, ORDER_DELIVERED);
    assert_int_equal(order_move(&app, &o, ORDER_CLOSED, "ok", &e), ERR_OK);
    assert_int_equal(o.status, ORDER_CLOSED);
    assert_int_equal(o.version,
                     6); /* created, allocated, shipped, delivered (twice: day and status), closed */
    struct rows got = {0};
    int n = 0;
    assert_int_equal(order_store_events(f->db, o.id, NULL, &got, &e), ERR_OK);
    const struct order_event *ev = got.items;
    assert_int_equal(got.n, 5);
    assert_string_equal(ev[4].from_status, "delivered");
    assert_string_equal(ev[4].to_status, "closed");
    rows_free(&got);
    struct rows a_read = {0};
    assert_int_equal(audit_store_for_object(f->db, "order", o.number, NULL, &a_read, &e), ERR_OK);
    const struct audit_entry *a = a_read.items;
    n = a_read.n;
    assert_int_equal(n, 4);                     /* create, ship, deliver, status */
    assert_string_equal(a[0].action, "status"); /* newest first */
    assert_string_equal(a[1].action, "deliver");
    assert_string_equal(a[2].action, "ship");
    assert_non_null(strstr(a[0].before_json, "\"status\":\"delivered\""));
    assert_non_null(strstr(a[0].after_json, "\"status\":\"closed\""));
    audit_entries_free(&a_read);
}

static void test_illegal_move_says_why(void **state)
{
    struct fixture *f = *state;
    struct order o;
    struct err e = {0};
    assert_int_equal(create(f, "david", 0, 1, &o, &e), ERR_OK);
    struct app app = test_app_as(f->db, "david");
    assert_int_equal(order_move(&app, &o, ORDER_SHIPPED, NULL, &e), ERR_STATE);
    assert_string_equal(e.msg, "O-000001 is placed: it becomes shipped when it ships (comptoir order ship)");
    assert_int_equal(order_move(&app, &o, ORDER_ALLOCATED, NULL, &e), ERR_STATE);
    assert_string_equal(
        e.msg, "O-000001 is placed: it becomes allocated when stock is allocated to it (comptoir stock "
               "receive)");
    assert_int_equal(order_store_set_status(f->db, &o, ORDER_DELIVERED, 0, "", &e), ERR_OK);
    assert_int_equal(order_move(&app, &o, ORDER_PLACED, NULL, &e), ERR_STATE);
    assert_string_equal(e.msg, "O-000001 is delivered: it can only be closed");
    assert_int_equal(order_move(&app, &o, ORDER_DELIVERED, NULL, &e), ERR_STATE);
    assert_string_equal(e.msg, "O-000001 is already delivered");
    assert_int_equal(order_move(&app, &o, ORDER_CLOSED, NULL, &e), ERR_OK);
    assert_int_equal(order_move(&app, &o, ORDER_CANCELLED, NULL, &e), ERR_STATE);
    assert_string_equal(e.msg, "O-000001 is closed: it cannot change any more");
    struct order now;
    assert_int_equal(order_get(&app, "O-000001", &now, &e), ERR_OK);
    assert_int_equal(now.status, ORDER_CLOSED);
}

static void test_concurrent_move_is_a_conflict(void **state)
{
    struct fixture *f = *state;
    struct order o;
    struct err e = {0};
    assert_int_equal(create(f, "david", 0, 1, &o, &e), ERR_OK);
    assert_int_equal(order_store_set_status(f->db, &o, ORDER_DELIVERED, 0, "", &e), ERR_OK);
    struct app app = test_app_as(f->db, "chloe");
    struct order stale = o;
    assert_int_equal(order_move(&app, &o, ORDER_CLOSED, "paid", &e), ERR_OK);
    assert_int_equal(order_move(&app, &stale, ORDER_CLOSED, NULL, &e), ERR_CONFLICT);
    assert_int_equal(stale.status, ORDER_DELIVERED);
    assert_int_equal(stale.version, 2);
    int n = 0;
    struct rows a_read = {0};
    assert_int_equal(audit_store_for_object(f->db, "order", o.number, NULL, &a_read, &e), ERR_OK);
    n = a_read.n;
    assert_int_equal(n, 2); /* create and the one move that won */
    audit_entries_free(&a_read);
}

static void test_reps_see_only_their_accounts_orders(void **state)
{
    struct fixture *f = *state;
    struct order o;
    struct err e = {0};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(create(f, "alice", 1, 0, &o, &e), ERR_OK);
        assert_int_equal(create(f, "bruno", 2, 0, &o, &e), ERR_OK);
    }
    struct app alice = test_app_as(f->db, "alice");
    struct order got;
    assert_int_equal(order_get(&alice, o.number, &got, &e), ERR_DENIED); /* bruno's */
    assert_int_equal(order_move(&alice, &got, ORDER_CANCELLED, NULL, &e), ERR_DENIED);
    /* the newest orders alternate between them: alice's page is refilled with hers */
    struct page_req q = {.limit = 2};
    struct order rows[2];
    int n = 0;
    assert_int_equal(order_find(&alice, "", &q, rows, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    for (int i = 0; i < n; i++)
        assert_string_equal(rows[i].party_code, "ALICE-1");
    struct app david = test_app_as(f->db, "david");
    assert_int_equal(order_find(&david, "", &q, rows, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].party_code, "BRUNO-1");
    assert_int_equal(order_get(&david, "O-000404", &got, &e), ERR_NOTFOUND);
}

static void test_lines_and_events_only_of_an_order_one_may_see(void **state)
{
    struct fixture *f = *state;
    struct order o;
    struct err e = {0};
    assert_int_equal(create(f, "bruno", 2, 0, &o, &e), ERR_OK);
    struct app alice = test_app_as(f->db, "alice"), bruno = test_app_as(f->db, "bruno");
    struct rows got = {0};
    assert_int_equal(order_lines(&bruno, &o, NULL, &got, &e), ERR_OK);
    assert_int_equal(got.n, 2);
    assert_int_equal(order_events(&bruno, &o, NULL, &got, &e), ERR_OK);
    assert_int_equal(got.n, 1);
    assert_int_equal(order_lines(&alice, &o, NULL, &got, &e), ERR_DENIED);
    assert_int_equal(got.n, 0);
    assert_int_equal(order_events(&alice, &o, NULL, &got, &e), ERR_DENIED);
    struct order forged = o; /* a copy that claims to be alice's is read again */
    forged.account_id = 1;
    assert_int_equal(order_lines(&alice, &forged, NULL, &got, &e), ERR_DENIED);
    rows_free(&got);
}

/* Pages one party's orders forward, then back from the last page. */
static int party_pages(struct app *app, int64_t account, int64_t customer, int64_t *ids, struct err *e)
{
    struct page_req q = {.limit = 2};
    struct order rows[2];
    int n = 0, total = 0, rc;
    do {
        rc = account ? order_page_for_account(app, account, &q, rows, &n, e)
                     : order_page_for_customer(app, customer, &q, rows, &n, e);
        if (rc != ERR_OK)
            return -rc;
        for (int i = 0; i < n; i++)
            ids[total++] = rows[i].id;
        if (n > 0)
            order_store_cursor(&rows[n - 1], ORDER_SORT_PLACED, &q.cursor);
        q.has_cursor = true;
    } while (n == 2);
    q.before = true;
    order_store_cursor(&rows[0], ORDER_SORT_PLACED, &q.cursor);
    if (n == 0 || total < 3)
        return total;
    assert_int_equal(account ? order_page_for_account(app, account, &q, rows, &n, e)
                             : order_page_for_customer(app, customer, &q, rows, &n, e),
                     ERR_OK);
    assert_int_equal(n, 2); /* the page before the last one, in display order */
    assert_int_equal(rows[0].id, ids[total - n - (total % 2 ? 1 : 2)]);
    assert_int_equal(rows[1].id, ids[total - n - (total % 2 ? 0 : 1)]);
    return total;
}

static void test_party_orders_page_newest_first_for_its_rep_only(void **state)
{
    struct fixture *f = *state;
    struct order o;
    struct err e = {0};
    int64_t mine[5];
    for (int i = 0; i < 5; i++) {
        assert_int_equal(create(f, "alice", 1, 0, &o, &e), ERR_OK);
        mine[4 - i] = o.id;
        assert_int_equal(create(f, "bruno", 2, 0, &o, &e), ERR_OK);
        if (i < 2)
            assert_int_equal(create(f, "david", 0, 1, &o, &e), ERR_OK);
    }
    raw_exec_orders_same_second(f);
    struct app alice = test_app_as(f->db, "alice"), david = test_app_as(f->db, "david");
    int64_t ids[20];
    assert_int_equal(party_pages(&alice, 1, 0, ids, &e), 5);
    assert_memory_equal(ids, mine, sizeof mine);
    assert_int_equal(party_pages(&alice, 2, 0, ids, &e), -ERR_DENIED);
    assert_int_equal(party_pages(&david, 2, 0, ids, &e), 5);
    assert_int_equal(party_pages(&david, 0, 1, ids, &e), 2);
    assert_true(ids[0] > ids[1]);
    assert_int_equal(party_pages(&david, 0, 404, ids, &e), -ERR_NOTFOUND);
}

/* Pages of order_find_filtered until the end: how many, in *ids (newest first). */
static int filtered_pages(struct app *app, const char *text, const struct order_filter *flt, int64_t *ids,
                          struct err *e)
{
    struct page_req q = {.limit = 2};
    struct order rows[2];
    int n = 0, count;
    do {
        if (order_find_filtered(app, text, flt, &q, rows, &count, e) != ERR_OK)
            return -1;
        for (int i = 0; i < count; i++) {
            ids[n++] = rows[i].id;
            if (i > 0)
                assert_true(strcmp(rows[i - 1].placed_at, rows[i].placed_at) > 0 ||
                            rows[i - 1].id > rows[i].id); /* newest first */
        }
        q.has_cursor = count > 0;
        if (count > 0)
            order_cursor(&rows[count - 1], ORDER_SORT_PLACED, &q.cursor);
    } while (count == 2);
    return n;
}

/* Issue 9: orders narrowed by status and channel from the Orders screen,
 * with or without text, and a rep still sees only their accounts' orders. */
static void test_orders_are_narrowed_by_status_and_channel(void **state)
{
    struct fixture *f = *state;
    struct order o;
    struct err e = {0};
    int64_t cancelled_b2b = 0;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(create(f, "alice", 1, 0, &o, &e), ERR_OK);
        if (i == 1) {
            struct app david = test_app_as(f->db, "david"); /* status moves: support, managers */
            assert_int_equal(order_move(&david, &o, ORDER_CANCELLED, "", &e), ERR_OK);
            cancelled_b2b = o.id;
        }
        assert_int_equal(create(f, "david", 0, 1, &o, &e), ERR_OK);
        assert_int_equal(create(f, "bruno", 2, 0, &o, &e), ERR_OK);
    }
    struct app david = test_app_as(f->db, "david"), alice = test_app_as(f->db, "alice");
    int64_t ids[40];
    struct order_filter any = {.status = -1, .channel = -1}, b2c = {.status = -1, .channel = CHANNEL_B2C},
                        cancelled = {.status = ORDER_CANCELLED, .channel = -1},
                        placed_b2b = {.status = ORDER_PLACED, .channel = CHANNEL_B2B};
    assert_int_equal(filtered_pages(&david, "", &any, ids, &e), 12);
    assert_int_equal(filtered_pages(&david, "", &b2c, ids, &e), 4);
    assert_int_equal(filtered_pages(&david, "", &cancelled, ids, &e), 1);
    assert_int_equal(ids[0], cancelled_b2b);
    assert_int_equal(filtered_pages(&david, "", &placed_b2b, ids, &e), 7);
    assert_int_equal(filtered_pages(&david, "Zoé", &b2c, ids, &e), 4); /* text and channel */
    assert_int_equal(filtered_pages(&david, "Zoé", &placed_b2b, ids, &e), 0);
    assert_int_equal(filtered_pages(&alice, "", &placed_b2b, ids, &e), 3); /* hers only */
    assert_int_equal(filtered_pages(&alice, "", &cancelled, ids, &e), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_orders_are_placed_allocated_or_shipped),
        cmocka_unit_test(test_line_net_is_quantity_times_price),
        cmocka_unit_test(test_line_tax_rounds_half_away_from_zero),
        cmocka_unit_test(test_line_overflow_is_refused),
        cmocka_unit_test(test_totals_are_sums_of_lines),
        cmocka_unit_test(test_totals_overflow_is_refused),
        cmocka_unit_test(test_every_status_move),
        cmocka_unit_test_setup_teardown(test_orders_are_narrowed_by_status_and_channel, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_recomputes_lines_and_totals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_refuses_bad_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_checks_the_party, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_needs_the_right, setup, teardown),
        cmocka_unit_test_setup_teardown(test_move_walks_the_life_cycle_with_audit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_illegal_move_says_why, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_move_is_a_conflict, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reps_see_only_their_accounts_orders, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lines_and_events_only_of_an_order_one_may_see, setup, teardown),
        cmocka_unit_test_setup_teardown(test_party_orders_page_newest_first_for_its_rep_only, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
