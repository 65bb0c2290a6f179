/* The order store: numbering, history, optimistic status changes, keyset
 * pages, the support search by what a caller says, and the totals check. */
#include <sqlite3.h>

#include "db/db_private.h"
#include "testutil.h"

struct fixture {
    char path[64];
    struct db *db;
    sqlite3 *raw; /* a second connection for what the store has no function for */
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    f->db = test_db_new(f->path);
    if (sqlite3_open(f->path, &f->raw) != SQLITE_OK)
        return -1;
    sqlite3_busy_timeout(f->raw, 2000);
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

static void raw_exec(struct fixture *f, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(f->raw, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
}

/* Rows written on the second connection, then the search indexes built
 * again (that connection has no tokenizer: comptoir check --repair). */
static void raw_indexed(struct fixture *f, const char *sql)
{
    struct err e = {0};
    raw_exec(f, sql);
    if (db_search_repair(f->db, &e) != ERR_OK)
        fail_msg("repair: %s", e.msg);
}

/* Parties the searches look for; ids are fixed so orders can name them. */
static void seed_parties(struct fixture *f)
{
    raw_indexed(f, "INSERT INTO customers(id, name, email, phone, created_at, updated_at) VALUES"
                   " (1, 'Jean Dupont', 'jean.dupont@example.fr', '+33 6 12 34 56 78', 'x', 'x'),"
                   " (2, '山田太郎', 'taro@example.jp', '03-1234-5678', 'x', 'x'),"
                   " (3, 'Ana García', 'ana@correo.es', '(612) 555-0199', 'x', 'x'),"
                   " (4, '田中花子', 'hanako@example.jp', '', 'x', 'x');"
                   "INSERT INTO accounts(id, code, name, email, phone, created_at, updated_at) VALUES"
                   " (1, 'SOCGEN', 'Société Générale', 'achats@socgen.example', '01 42 14 20 00', 'x', 'x'),"
                   " (2, 'ACME', 'Acme Industries', 'buy@acme.example', '', 'x', 'x');"
                   "INSERT INTO contacts(id, account_id, name, email, phone, created_at, updated_at) VALUES"
                   " (1, 2, 'Wilhelmina Koch', 'w.koch@acme.example', '+49 30 901820', 'x', 'x');");
}

static struct order_line line_of(const char *sku, int64_t qty, int64_t price)
{
    struct order_line l = {.quantity = qty, .unit_price = price, .tax_rate_bp = 2000};
    snprintf(l.sku, sizeof l.sku, "%s", sku);
    snprintf(l.description, sizeof l.description, "item %s", sku);
    l.net_amount = qty * price;
    l.tax_amount = (l.net_amount * 2000 + 5000) / 10000;
    return l;
}

/* Inserts an order for a customer (customer > 0) or an account (account > 0). */
static struct order add_order(struct fixture *f, int64_t customer, int64_t account, const char *at,
                              const char *sku)
{
    struct order o = {
        .channel = account ? CHANNEL_B2B : CHANNEL_B2C, .customer_id = customer, .account_id = account};
    snprintf(o.placed_at, sizeof o.placed_at, "%s", at);
    struct order_line l = line_of(sku, 2, 1050);
    o.subtotal = l.net_amount;
    o.tax_total = l.tax_amount;
    o.total = o.subtotal + o.tax_total;
    struct err e = {0};
    if (order_store_insert(f->db, &o, &l, 1, 1, &e) != ERR_OK)
        fail_msg("insert: %s", e.msg);
    return o;
}

static void test_orders_are_numbered_in_sequence(void **state)
{
    struct fixture *f = *state;
    struct order a = add_order(f, 0, 0, "2026-01-01T10:00:00Z", "X1");
    struct order b = add_order(f, 0, 0, "2026-01-01T11:00:00Z", "X1");
    assert_string_equal(a.number, "O-000001");
    assert_string_equal(b.number, "O-000002");
    assert_int_equal(b.version, 1);
}

static void test_imported_number_is_kept_and_unique(void **state)
{
    struct fixture *f = *state;
    struct order o = {.channel = CHANNEL_B2C};
    snprintf(o.number, sizeof o.number, "10248");
    struct order_line l = line_of("X", 1, 100);
    o.subtotal = 100, o.tax_total = 20, o.total = 120;
    struct err e = {0};
    assert_int_equal(order_store_insert(f->db, &o, &l, 1, 0, &e), ERR_OK);
    struct order again = {.channel = CHANNEL_B2C};
    snprintf(again.number, sizeof again.number, "10248");
    assert_int_equal(order_store_insert(f->db, &again, &l, 1, 0, &e), ERR_EXISTS);
    assert_string_equal(e.field, "number");
    struct order got;
    assert_int_equal(order_store_find_number(f->db, "10248", &got, &e), ERR_OK);
    assert_int_equal(got.total, 120);
}

static void test_failed_insert_leaves_nothing(void **state)
{
    struct fixture *f = *state;
    struct order o = {.channel = CHANNEL_B2B}; /* b2b without an account: the schema refuses */
    struct order_line l = line_of("X", 1, 100);
    o.subtotal = 100, o.tax_total = 20, o.total = 120;
    struct err e = {0};
    assert_int_not_equal(order_store_insert(f->db, &o, &l, 1, 0, &e), ERR_OK);
    struct page_req q = {.limit = 10};
    struct order rows[10];
    int n = -1;
    assert_int_equal(order_store_page(f->db, &q, rows, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    int64_t next = 0;
    assert_int_equal(db_begin(f->db, &e), ERR_OK);
    assert_int_equal(counters_store_next(f->db, "order", &next, &e), ERR_OK);
    db_rollback(f->db);
    assert_int_equal(next, 1); /* the number taken by the failed insert was given back */
}

static void test_insert_records_lines_and_first_event(void **state)
{
    struct fixture *f = *state;
    seed_parties(f);
    struct order o = add_order(f, 1, 0, "2026-02-03T09:00:00Z", "CAFE-250");
    struct order got;
    struct err e = {0};
    assert_int_equal(order_store_get(f->db, o.id, &got, &e), ERR_OK);
    assert_string_equal(got.party_name, "Jean Dupont");
    assert_string_equal(got.party_email, "jean.dupont@example.fr");
    assert_int_equal(got.line_count, 1);
    struct rows read = {0};
    assert_int_equal(order_store_lines(f->db, o.id, NULL, &read, &e), ERR_OK);
    const struct order_line *lines = read.items;
    assert_int_equal(read.n, 1);
    assert_int_equal(lines[0].line_no, 1);
    assert_int_equal(lines[0].net_amount, 2100);
    assert_int_equal(order_store_events(f->db, o.id, NULL, &read, &e), ERR_OK);
    const struct order_event *ev = read.items;
    assert_int_equal(read.n, 1);
    assert_string_equal(ev[0].from_status, "");
    assert_string_equal(ev[0].to_status, "placed");
    assert_string_equal(ev[0].user_login, "root");
    rows_free(&read);
}

static void test_status_change_bumps_version_and_records_event(void **state)
{
    struct fixture *f = *state;
    struct order o = add_order(f, 0, 0, "2026-01-01T10:00:00Z", "X1");
    struct err e = {0};
    assert_int_equal(order_store_set_status(f->db, &o, ORDER_ALLOCATED, 4, "stock found", &e), ERR_OK);
    assert_int_equal(o.status, ORDER_ALLOCATED);
    assert_int_equal(o.version, 2);
    struct rows got = {0};
    assert_int_equal(order_store_events(f->db, o.id, NULL, &got, &e), ERR_OK);
    const struct order_event *ev = got.items;
    assert_int_equal(got.n, 2);
    assert_string_equal(ev[1].from_status, "placed");
    assert_string_equal(ev[1].to_status, "allocated");
    assert_string_equal(ev[1].user_login, "chloe");
    assert_string_equal(ev[1].note, "stock found");
    rows_free(&got);
}

static void test_concurrent_status_change_is_a_conflict(void **state)
{
    struct fixture *f = *state;
    struct order o = add_order(f, 0, 0, "2026-01-01T10:00:00Z", "X1");
    struct db *other = NULL;
    struct err e = {0};
    assert_int_equal(db_open(f->path, &other, &e), ERR_OK);
    struct order mine, theirs;
    assert_int_equal(order_store_get(f->db, o.id, &mine, &e), ERR_OK);
    assert_int_equal(order_store_get(other, o.id, &theirs, &e), ERR_OK);
    assert_int_equal(order_store_set_status(other, &theirs, ORDER_CANCELLED, 1, "", &e), ERR_OK);
    assert_int_equal(order_store_set_status(f->db, &mine, ORDER_ALLOCATED, 1, "", &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "reload"));
    assert_int_equal(mine.status, ORDER_PLACED); /* unchanged on failure */
    struct order now;
    assert_int_equal(order_store_get(f->db, o.id, &now, &e), ERR_OK);
    assert_int_equal(now.status, ORDER_CANCELLED);
    struct rows got = {0};
    assert_int_equal(order_store_events(f->db, o.id, NULL, &got, &e), ERR_OK);
    assert_int_equal(got.n, 2); /* the losing change left no event */
    rows_free(&got);
    db_close(&other);
}

static void test_note_save_checks_version(void **state)
{
    struct fixture *f = *state;
    struct order o = add_order(f, 0, 0, "2026-01-01T10:00:00Z", "X1");
    struct order stale = o;
    struct err e = {0};
    snprintf(o.note, sizeof o.note, "called back");
    assert_int_equal(order_store_set_note(f->db, &o, &e), ERR_OK);
    snprintf(stale.note, sizeof stale.note, "other note");
    assert_int_equal(order_store_set_note(f->db, &stale, &e), ERR_CONFLICT);
    struct order got;
    assert_int_equal(order_store_get(f->db, o.id, &got, &e), ERR_OK);
    assert_string_equal(got.note, "called back");
}

/* Runs a search and returns how many orders it found (first page of 50). */
static int found(struct fixture *f, const char *text, struct order *rows)
{
    struct page_req q = {.limit = 50};
    int n = -1;
    struct err e = {0};
    if (order_store_search(f->db, text, &q, rows, &n, &e) != ERR_OK)
        fail_msg("search '%s': %s", text, e.msg);
    return n;
}

static void seed_search(struct fixture *f)
{
    seed_parties(f);
    add_order(f, 1, 0, "2026-03-01T10:00:00Z", "CAFE-250"); /* O-000001 Jean Dupont */
    add_order(f, 2, 0, "2026-03-02T10:00:00Z", "THE-100");  /* O-000002 山田太郎 */
    add_order(f, 3, 0, "2026-03-03T10:00:00Z", "THE-100");  /* O-000003 Ana García */
    add_order(f, 0, 1, "2026-03-04T10:00:00Z", "PAPER-A4"); /* O-000004 Société Générale */
    add_order(f, 0, 2, "2026-03-05T10:00:00Z", "PAPER-A4"); /* O-000005 Acme */
    add_order(f, 4, 0, "2026-03-06T10:00:00Z", "X");        /* O-000006 田中花子 */
}

static void test_search_by_order_number_as_said(void **state)
{
    struct fixture *f = *state;
    seed_search(f);
    struct order rows[50];
    assert_int_equal(found(f, "O-000003", rows), 1);
    assert_string_equal(rows[0].number, "O-000003");
    assert_int_equal(found(f, "3", rows), 1);
    assert_string_equal(rows[0].number, "O-000003");
    assert_int_equal(found(f, "o-3", rows), 1);
    assert_int_equal(found(f, " 000003 ", rows), 1);
    assert_int_equal(found(f, "O-000009", rows), 0);
}

static void test_search_by_partial_email(void **state)
{
    struct fixture *f = *state;
    seed_search(f);
    struct order rows[50];
    assert_int_equal(found(f, "dupont@exa", rows), 1);
    assert_string_equal(rows[0].party_name, "Jean Dupont");
    assert_int_equal(found(f, "JEAN.DUPONT", rows), 1);
}

static void test_search_by_phone_however_typed(void **state)
{
    struct fixture *f = *state;
    seed_search(f);
    struct order rows[50];
    assert_int_equal(found(f, "0612345678", rows), 1); /* stored as +33 6 12 34 56 78 */
    assert_string_equal(rows[0].party_name, "Jean Dupont");
    assert_int_equal(found(f, "06.12.34.56.78", rows), 1);
    assert_int_equal(found(f, "+33612345678", rows), 1);
    assert_int_equal(found(f, "03 1234 5678", rows), 1);
    assert_string_equal(rows[0].party_name, "山田太郎");
    assert_int_equal(found(f, "+33 1 42 14 20 00", rows), 1); /* an account's phone */
    assert_string_equal(rows[0].party_name, "Société Générale");
    assert_int_equal(found(f, "030901820", rows), 1); /* a contact's phone: the account's orders */
    assert_string_equal(rows[0].party_name, "Acme Industries");
}

/* The stores keep the index in step: a changed phone, a customer gone. */
static void test_search_follows_a_changed_phone(void **state)
{
    struct fixture *f = *state;
    seed_search(f);
    struct order rows[50];
    struct err e = {0};
    struct customer c;
    assert_int_equal(customer_store_get(f->db, 1, &c, &e), ERR_OK);
    snprintf(c.phone, sizeof c.phone, "07 00 00 00 01");
    assert_int_equal(customer_store_update(f->db, &c, &e), ERR_OK);
    struct account a;
    assert_int_equal(account_store_get(f->db, 1, &a, &e), ERR_OK);
    a.phone[0] = '\0';
    assert_int_equal(account_store_update(f->db, &a, &e), ERR_OK);
    assert_int_equal(contact_store_delete(f->db, 1, &e), ERR_OK); /* Wilhelmina Koch, +49 30 901820 */
    assert_int_equal(found(f, "0612345678", rows), 0);
    assert_int_equal(found(f, "+33 7 00 00 00 01", rows), 1);
    assert_string_equal(rows[0].party_name, "Jean Dupont");
    assert_int_equal(found(f, "01 42 14 20 00", rows), 0);
    assert_int_equal(found(f, "901820", rows), 0);
    assert_int_equal(found(f, "Wilhelmina", rows), 0);
    struct app root = test_app_as(f->db, "root");
    struct strbuf report = {0};
    int problems = 0;
    assert_int_equal(check_database(&root, &report, &problems, &e), ERR_OK);
    assert_int_equal(problems, 0); /* the indexes agree with the tables */
    strbuf_free(&report);
}

static void test_search_by_company_name_with_accents(void **state)
{
    struct fixture *f = *state;
    seed_search(f);
    struct order rows[50];
    assert_int_equal(found(f, "Société Générale", rows), 1);
    assert_string_equal(rows[0].number, "O-000004");
    assert_int_equal(found(f, "générale", rows), 1);
    assert_int_equal(found(f, "garcía", rows), 1);
    assert_string_equal(rows[0].party_name, "Ana García");
}

static void test_search_by_japanese_name(void **state)
{
    struct fixture *f = *state;
    seed_search(f);
    struct order rows[50];
    assert_int_equal(found(f, "山田太郎", rows), 1);
    assert_string_equal(rows[0].number, "O-000002");
    assert_int_equal(found(f, "田中", rows), 1); /* two characters: below a trigram */
    assert_string_equal(rows[0].party_name, "田中花子");
}

static void test_search_by_sku_and_contact(void **state)
{
    struct fixture *f = *state;
    seed_search(f);
    struct order rows[50];
    assert_int_equal(found(f, "the-100", rows), 2);
    assert_string_equal(rows[0].number, "O-000003"); /* newest first */
    assert_string_equal(rows[1].number, "O-000002");
    assert_int_equal(found(f, "Wilhelmina", rows), 1);
    assert_string_equal(rows[0].party_code, "ACME");
    assert_int_equal(found(f, "nobody-here", rows), 0);
}

static void test_search_words_in_any_order_or_as_typed(void **state)
{
    struct fixture *f = *state;
    seed_search(f);
    raw_indexed(f, "INSERT INTO customers(id, name, email, created_at, updated_at)"
                   " VALUES (9, 'Marie de la Tour', 'mdlt@example.fr', 'x', 'x')");
    add_order(f, 9, 0, "2026-03-09T10:00:00Z", "X");
    struct order rows[50];
    assert_int_equal(found(f, "Dupont Jean", rows), 1);
    assert_int_equal(found(f, "de la Tour", rows), 1); /* short words start a word */
    assert_string_equal(rows[0].party_name, "Marie de la Tour");
    assert_int_equal(found(f, "la de Tour", rows), 1); /* every word, in any order */
    assert_int_equal(found(f, "ou de", rows), 0);      /* "ou" starts no word */
}

/* Two matching contacts of one account, or two lines of one SKU, must not
 * count an order twice and cut the page short. */
static void test_search_page_is_full_when_an_order_matches_twice(void **state)
{
    struct fixture *f = *state;
    seed_parties(f);
    raw_indexed(f, "INSERT INTO contacts(account_id, name, created_at, updated_at)"
                   " VALUES (2, 'Wilhelm Koch', 'x', 'x')");
    for (int i = 0; i < 3; i++)
        add_order(f, 0, 2,
                  i == 0   ? "2026-01-01T00:00:00Z"
                  : i == 1 ? "2026-01-02T00:00:00Z"
                           : "2026-01-03T00:00:00Z",
                  "TWICE");
    raw_exec(f,
             "INSERT INTO order_lines(order_id, line_no, sku, quantity, unit_price, net_amount, tax_amount)"
             " SELECT id, 2, 'TWICE', 1, 0, 0, 0 FROM orders");
    const char *texts[] = {"Koch", "TWICE"};
    for (int t = 0; t < 2; t++) {
        struct page_req q = {.limit = 2};
        struct order rows[2];
        int n = 0;
        struct err e = {0};
        assert_int_equal(order_store_search(f->db, texts[t], &q, rows, &n, &e), ERR_OK);
        assert_int_equal(n, 2);
        q.has_cursor = true;
        order_store_cursor(&rows[1], ORDER_SORT_PLACED, &q.cursor);
        assert_int_equal(order_store_search(f->db, texts[t], &q, rows, &n, &e), ERR_OK);
        assert_int_equal(n, 1);
        assert_string_equal(rows[0].number, "O-000001");
    }
}

static void test_search_pages_newest_first(void **state)
{
    struct fixture *f = *state;
    seed_parties(f);
    char at[32];
    for (int i = 0; i < 25; i++) {
        /* two orders share each second: the id breaks the tie */
        snprintf(at, sizeof at, "2026-04-%02dT08:00:00Z", 1 + i / 2);
        add_order(f, 1, 0, at, "CAFE-250");
    }
    struct page_req q = {.limit = 10};
    struct order rows[10], all[30];
    int total = 0, n = 0;
    struct err e = {0};
    do {
        assert_int_equal(order_store_search(f->db, "dupont", &q, rows, &n, &e), ERR_OK);
        for (int i = 0; i < n; i++)
            all[total++] = rows[i];
        if (n > 0) {
            q.has_cursor = true;
            order_store_cursor(&rows[n - 1], ORDER_SORT_PLACED, &q.cursor);
        }
    } while (n == 10);
    assert_int_equal(total, 25);
    for (int i = 1; i < total; i++) {
        int c = strcmp(all[i - 1].placed_at, all[i].placed_at);
        assert_true(c > 0 || (c == 0 && all[i - 1].id > all[i].id));
    }
    /* and back: the page before the last one read */
    q.before = true;
    order_store_cursor(&all[20], ORDER_SORT_PLACED, &q.cursor);
    assert_int_equal(order_store_search(f->db, "dupont", &q, rows, &n, &e), ERR_OK);
    assert_int_equal(n, 10);
    assert_int_equal(rows[0].id, all[10].id);
    assert_int_equal(rows[9].id, all[19].id);
}

/* Every page forward from the newest, then every page back: the ids in order. */
static int search_all_pages(struct fixture *f, const char *text, int64_t *ids, int max)
{
    struct page_req q = {.limit = 3};
    struct order rows[3];
    struct err e = {0};
    int n = 0, count = 0;
    do {
        if (order_store_search(f->db, text, &q, rows, &count, &e) != ERR_OK)
            fail_msg("search '%s': %s", text, e.msg);
        for (int i = 0; i < count && n < max; i++)
            ids[n++] = rows[i].id;
        if (count > 0)
            order_store_cursor(&rows[count - 1], ORDER_SORT_PLACED, &q.cursor);
        q.has_cursor = true;
    } while (count == 3);
    q.before = true;
    do {
        if (order_store_search(f->db, text, &q, rows, &count, &e) != ERR_OK)
            fail_msg("search '%s': %s", text, e.msg);
        for (int i = count - 1; i >= 0 && n < max; i--)
            ids[n++] = rows[i].id;
        if (count > 0)
            order_store_cursor(&rows[0], ORDER_SORT_PLACED, &q.cursor);
    } while (count == 3);
    return n;
}

/* Common texts walk the orders newest first instead of sorting every order
 * of every person they name: the pages must be the very same. */
static void test_search_walk_gives_the_same_pages_as_the_branches(void **state)
{
    struct fixture *f = *state;
    seed_parties(f);
    raw_indexed(f, "INSERT INTO customers(id, name, email, phone, created_at, updated_at) VALUES"
                   " (5, 'Dupuis Marc', 'marc@dupuis.example', '', 'x', 'x'),"
                   " (6, '\xE2\x84\xAA"
                   "arl Weiss', 'kw@example.de', '', 'x', 'x'),"
                   " (7, 'Zoé Brun', 'z.brun@mail.example', '06 11 22 33 44', 'x', 'x');"
                   "INSERT INTO contacts(id, account_id, name, email, phone, created_at, updated_at) VALUES"
                   " (2, 1, 'Denise Dupré', 'dd@socgen.example', '', 'x', 'x'),"
                   " (3, 1, 'Paul Durand', 'pd@socgen.example', '', 'x', 'x');");
    static const int64_t who[][2] = {{1, 0}, {5, 0}, {7, 0}, {0, 1}, {0, 2}, {6, 0}, {3, 0}, {2, 0}};
    static const char *const skus[] = {"CAFE-250", "THE-100", "DUP-1", "PAPER-A4"};
    char at[32];
    for (int i = 0; i < 40; i++) {
        snprintf(at, sizeof at, "2026-05-%02dT08:00:00Z", 1 + (i * 7) % 13); /* ties broken by id */
        add_order(f, who[i % 8][0], who[i % 8][1], at, skus[i % 4]);
    }
    static const char *const texts[] = {"dup",      "DUP", "d",       "du",     "example",
                                        "acme",     "kar", "marc",    "socgen", "0611223344",
                                        "o-000012", "12",  "the-100", "zoé",    "Dupuis Marc"};
    static const int windows[][2] = {{1000, 0}, {5, 0}, {1, 0}, {0, 1000}, {0, 4}, {0, 1}, {2, 3}};
    int64_t want[200], got[200];
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        db_page_set_walk_windows(f->db, 0, 0); /* the branches alone */
        int nwant = search_all_pages(f, texts[t], want, 200);
        for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++) {
            db_page_set_walk_windows(f->db, windows[w][0], windows[w][1]);
            int ngot = search_all_pages(f, texts[t], got, 200);
            assert_int_equal(ngot, nwant);
            assert_memory_equal(got, want, sizeof want[0] * (size_t)nwant);
        }
    }
    db_page_set_walk_windows(f->db, 1000, 0);
    assert_int_equal(search_all_pages(f, "kar", got, 200), 9); /* 5 + 4 back: the KELVIN SIGN, by the index */
    db_page_set_walk_windows(f->db, 0, 1000);
    assert_int_equal(search_all_pages(f, "kar", got, 200), 9);
    assert_int_equal(search_all_pages(f, "dup", got, 200) > 20, true);
}

static void test_page_sorts_and_filters_by_number(void **state)
{
    struct fixture *f = *state;
    for (int i = 0; i < 12; i++)
        add_order(f, 0, 0, i % 2 ? "2026-05-02T08:00:00Z" : "2026-05-01T08:00:00Z", "X");
    struct page_req q = {.limit = 5, .sort = ORDER_SORT_NUMBER, .descending = true};
    struct order rows[5];
    int n = 0;
    struct err e = {0};
    assert_int_equal(order_store_page(f->db, &q, rows, &n, &e), ERR_OK);
    assert_int_equal(n, 5);
    assert_string_equal(rows[0].number, "O-000012");
    q.has_cursor = true;
    order_store_cursor(&rows[4], ORDER_SORT_NUMBER, &q.cursor);
    assert_int_equal(order_store_page(f->db, &q, rows, &n, &e), ERR_OK);
    assert_string_equal(rows[0].number, "O-000007");
    /* a number prefix, listed by date */
    struct page_req p = {.limit = 5, .filter = "o-00001", .sort = ORDER_SORT_PLACED};
    assert_int_equal(order_store_page(f->db, &p, rows, &n, &e), ERR_OK);
    assert_int_equal(n, 3);                          /* O-000010, 11, 12 */
    assert_string_equal(rows[0].number, "O-000011"); /* placed on the 1st */
    assert_string_equal(rows[1].number, "O-000010");
    assert_string_equal(rows[2].number, "O-000012");
    /* by status then date */
    struct page_req s = {.limit = 5, .sort = ORDER_SORT_STATUS};
    assert_int_equal(order_store_page(f->db, &s, rows, &n, &e), ERR_OK);
    assert_int_equal(n, 5);
    s.has_cursor = true;
    order_store_cursor(&rows[4], ORDER_SORT_STATUS, &s.cursor);
    struct order more[5];
    assert_int_equal(order_store_page(f->db, &s, more, &n, &e), ERR_OK);
    assert_int_equal(n, 5);
    assert_true(more[0].id != rows[4].id);
}

static void test_page_by_total_pages_backwards(void **state)
{
    struct fixture *f = *state;
    for (int i = 0; i < 6; i++)
        add_order(f, 0, 0, "2026-05-01T08:00:00Z", "X");
    struct page_req q = {.limit = 2, .sort = ORDER_SORT_TOTAL};
    struct order rows[2];
    int n = 0;
    struct err e = {0};
    assert_int_equal(order_store_page(f->db, &q, rows, &n, &e), ERR_OK);
    int64_t first = rows[0].id;
    q.has_cursor = true;
    order_store_cursor(&rows[1], ORDER_SORT_TOTAL, &q.cursor);
    assert_int_equal(order_store_page(f->db, &q, rows, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    q.before = true;
    order_store_cursor(&rows[0], ORDER_SORT_TOTAL, &q.cursor);
    assert_int_equal(order_store_page(f->db, &q, rows, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].id, first);
}

static void test_check_totals_finds_a_tampered_order(void **state)
{
    struct fixture *f = *state;
    add_order(f, 0, 0, "2026-01-01T10:00:00Z", "X1");
    struct order bad = add_order(f, 0, 0, "2026-01-02T10:00:00Z", "X2");
    struct strbuf report = {0};
    int problems = 0;
    struct err e = {0};
    assert_int_equal(order_store_check_totals(f->db, &report, &problems, &e), ERR_OK);
    assert_int_equal(problems, 0);
    char sql[200];
    snprintf(sql, sizeof sql, "UPDATE orders SET subtotal = subtotal + 1, total = total + 1 WHERE id = %lld",
             (long long)bad.id);
    raw_exec(f, sql);
    assert_int_equal(order_store_check_totals(f->db, &report, &problems, &e), ERR_OK);
    assert_int_equal(problems, 1);
    assert_non_null(strstr(strbuf_text(&report), "O-000002"));
    assert_non_null(strstr(strbuf_text(&report), "21.01"));
    raw_exec(f, "UPDATE order_lines SET tax_amount = tax_amount + 1 WHERE order_id = 1;"
                "UPDATE orders SET tax_total = tax_total + 1, total = total + 1 WHERE id = 1");
    problems = 0;
    strbuf_free(&report);
    assert_int_equal(order_store_check_totals(f->db, &report, &problems, &e), ERR_OK);
    assert_int_equal(problems, 2);
    assert_non_null(strstr(strbuf_text(&report), "O-000001: 1 line(s)"));
    strbuf_free(&report);
}

/* An order of n lines (line_no 1..n), inserted straight into the table. */
static struct order order_of_lines(struct fixture *f, int n)
{
    struct order o = add_order(f, 0, 0, "2026-01-01T10:00:00Z", "X1");
    char sql[400];
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE k(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM k WHERE i < %d) "
             "INSERT INTO order_lines(order_id, line_no, sku, quantity, unit_price, net_amount, tax_amount) "
             "SELECT %lld, i, 'X' || i, 1, 100, 100, 20 FROM k",
             n, (long long)o.id);
    raw_exec(f, sql);
    return o;
}

static void test_order_lines_page_both_ways_and_count_what_is_left(void **state)
{
    struct fixture *f = *state;
    struct order o = order_of_lines(f, 3);
    struct rows got = {0};
    struct page_req q = {.limit = 2};
    assert_int_equal(order_store_lines(f->db, o.id, NULL, &got, NULL), ERR_OK);
    assert_int_equal(got.n, 3); /* every line */
    assert_int_equal(got.more, 0);
    assert_int_equal(order_store_lines(f->db, o.id, &q, &got, NULL), ERR_OK);
    assert_int_equal(got.n, 2); /* a window of 2, and 1 more: never 3 shown as 2 */
    assert_int_equal(got.more, 1);
    order_store_line_cursor(rows_at(&got, 1), &q.cursor);
    q.has_cursor = true;
    assert_int_equal(order_store_lines(f->db, o.id, &q, &got, NULL), ERR_OK);
    assert_int_equal(got.n, 1);
    assert_int_equal(((const struct order_line *)got.items)[0].line_no, 3);
    assert_int_equal(got.more, 0);
    order_store_line_cursor(rows_at(&got, 0), &q.cursor);
    q.before = true;
    assert_int_equal(order_store_lines(f->db, o.id, &q, &got, NULL), ERR_OK);
    assert_int_equal(got.n, 2); /* the two before, in display order */
    assert_int_equal(((const struct order_line *)got.items)[0].line_no, 1);
    assert_int_equal(((const struct order_line *)got.items)[1].line_no, 2);
    struct page_req last = {.limit = 1, .descending = true}; /* how a table jumps to the end */
    assert_int_equal(order_store_lines(f->db, o.id, &last, &got, NULL), ERR_OK);
    assert_int_equal(got.n, 1);
    assert_int_equal(((const struct order_line *)got.items)[0].line_no, 3);
    assert_int_equal(got.more, 2);
    rows_free(&got);
}

static void test_a_history_of_501_events_is_read_whole(void **state)
{
    struct fixture *f = *state;
    struct order o = add_order(f, 0, 0, "2026-01-01T10:00:00Z", "X1");
    char sql[400];
    snprintf(
        sql, sizeof sql,
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 500) "
        "INSERT INTO order_status_history(order_id, from_status, to_status, at, note) "
        "SELECT %lld, 'placed', 'placed', printf('2026-02-01T10:%%02d:%%02dZ', i / 60, i %% 60), 'n' || i "
        "FROM k",
        (long long)o.id);
    raw_exec(f, sql);
    struct rows got = {0};
    assert_int_equal(order_store_events(f->db, o.id, NULL, &got, NULL), ERR_OK);
    assert_int_equal(got.n, 501);
    assert_string_equal(((const struct order_event *)got.items)[500].note, "n500"); /* the newest, last */
    struct page_req q = {.limit = 500};
    assert_int_equal(order_store_events(f->db, o.id, &q, &got, NULL), ERR_OK);
    assert_int_equal(got.n, 500);
    assert_int_equal(got.more, 1);
    rows_free(&got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_order_lines_page_both_ways_and_count_what_is_left, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_history_of_501_events_is_read_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_orders_are_numbered_in_sequence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_imported_number_is_kept_and_unique, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_insert_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_insert_records_lines_and_first_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status_change_bumps_version_and_records_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_status_change_is_a_conflict, setup, teardown),
        cmocka_unit_test_setup_teardown(test_note_save_checks_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_by_order_number_as_said, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_by_partial_email, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_by_phone_however_typed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_follows_a_changed_phone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_by_company_name_with_accents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_by_japanese_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_by_sku_and_contact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_words_in_any_order_or_as_typed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_page_is_full_when_an_order_matches_twice, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_search_pages_newest_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_walk_gives_the_same_pages_as_the_branches, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_page_sorts_and_filters_by_number, setup, teardown),
        cmocka_unit_test_setup_teardown(test_page_by_total_pages_backwards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_totals_finds_a_tampered_order, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
