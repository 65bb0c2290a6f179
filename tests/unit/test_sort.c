/* The sort key lists order names by (db_sort_key), and the lists that page
 * by it: accents ignored, forwards and backwards across pages. */
#include <sqlite3.h>

#include "db/db_private.h"
#include "testutil.h"

struct fixture {
    struct db *db;
    char path[64];
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    f->db = test_db_new(f->path);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    db_close(&f->db);
    test_db_remove(f->path);
    free(f);
    return 0;
}

static void expect_key(const char *name, const char *key)
{
    char out[256];
    db_sort_key(name, out, sizeof out);
    assert_string_equal(out, key);
}

static void test_key_folds_accents_and_ascii_case(void **state)
{
    (void)state;
    expect_key("Établissements Petit", "etablissements petit");
    expect_key("Bäckerei Groß", "backerei gross");
    expect_key("ŒUVRE Cœur", "oeuvre coeur");
    expect_key("Ærø Łódź Đắk", "aero lodz d\xe1\xba\xafk"); /* ắ is outside Latin-1/Extended-A */
    expect_key("Ñandú Çà Ÿ ſ", "nandu ca y s");
    expect_key("株式会社 山田", "株式会社 山田");
    expect_key("× ÷", "× ÷");
}

static void test_key_is_cut_at_a_whole_character(void **state)
{
    (void)state;
    char out[4];
    db_sort_key("abß", out, sizeof out); /* "abss" does not fit: "ab" */
    assert_string_equal(out, "ab");
    db_sort_key("a株", out, sizeof out); /* 1 + 3 bytes + NUL > 4 */
    assert_string_equal(out, "a");
    db_sort_key("Ab", out, sizeof out);
    assert_string_equal(out, "ab");
}

/* In the order French, German and Spanish users expect; CJK after Latin. */
static const char *const ordered[] = {"Álvaro",       "Bäckerei Groß", "Brown Ltd",    "Établissements Petit",
                                      "Williams Ltd", "Zoë",           "株式会社 山田"};
#define NORDERED ((int)(sizeof ordered / sizeof ordered[0]))
#define PAGE 2

static void add_accounts(struct db *db)
{
    static const int shuffle[NORDERED] = {4, 1, 6, 3, 0, 5, 2};
    struct err e = {0};
    for (int i = 0; i < NORDERED; i++) {
        struct account a = {.payment_terms_days = 30};
        snprintf(a.code, sizeof a.code, "A%d", i);
        snprintf(a.name, sizeof a.name, "%s", ordered[shuffle[i]]);
        snprintf(a.city, sizeof a.city, "%s", ordered[shuffle[(i + 3) % NORDERED]]);
        assert_int_equal(account_store_insert(db, &a, &e), ERR_OK);
    }
}

static const char *account_text(const struct account *a, int sort)
{
    return sort == ACCOUNT_SORT_CITY ? a->city : a->name;
}

/* Pages through the accounts by sort in pages of 2, forwards to the end and
 * then backwards to the start; both must show the names in order. */
static void check_accounts(struct db *db, int sort, bool desc)
{
    struct page_req q = {.sort = sort, .descending = desc, .limit = PAGE};
    struct account rows[PAGE], first = {0};
    struct err e = {0};
    int n = 0, count = 0;
    do {
        assert_int_equal(account_store_page(db, &q, rows, &count, &e), ERR_OK);
        for (int i = 0; i < count; i++, n++)
            assert_string_equal(account_text(&rows[i], sort), ordered[desc ? NORDERED - 1 - n : n]);
        if (count > 0) {
            first = rows[0];
            account_store_cursor(&rows[count - 1], sort, &q.cursor);
            q.has_cursor = true;
        }
    } while (count == PAGE);
    assert_int_equal(n, NORDERED);
    n -= NORDERED % PAGE ? NORDERED % PAGE : PAGE;
    account_store_cursor(&first, sort, &q.cursor);
    q.before = true;
    while (n > 0) {
        assert_int_equal(account_store_page(db, &q, rows, &count, &e), ERR_OK);
        assert_int_equal(count, PAGE);
        n -= PAGE;
        for (int i = 0; i < count; i++)
            assert_string_equal(account_text(&rows[i], sort), ordered[desc ? NORDERED - 1 - n - i : n + i]);
        account_store_cursor(&rows[0], sort, &q.cursor);
    }
    assert_int_equal(account_store_page(db, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 0);
}

static void test_accounts_page_by_name_and_city_ignoring_accents(void **state)
{
    struct fixture *f = *state;
    add_accounts(f->db);
    check_accounts(f->db, ACCOUNT_SORT_NAME, false);
    check_accounts(f->db, ACCOUNT_SORT_NAME, true);
    check_accounts(f->db, ACCOUNT_SORT_CITY, false);
    check_accounts(f->db, ACCOUNT_SORT_CITY, true);
}

static void test_customers_and_products_sort_ignoring_accents(void **state)
{
    struct fixture *f = *state;
    struct err e = {0};
    for (int i = NORDERED - 1; i >= 0; i--) {
        struct customer c = {0};
        snprintf(c.name, sizeof c.name, "%s", ordered[i]);
        snprintf(c.email, sizeof c.email, "c%d@example.com", i);
        assert_int_equal(customer_store_insert(f->db, &c, &e), ERR_OK);
        struct product p = {.list_price = 100, .min_order_qty = 1, .pack_size = 1, .active = true};
        snprintf(p.sku, sizeof p.sku, "P%d", i);
        snprintf(p.name, sizeof p.name, "%s", ordered[i]);
        snprintf(p.category, sizeof p.category, "%s", ordered[i]);
        snprintf(p.unit, sizeof p.unit, "each");
        snprintf(p.tax_class, sizeof p.tax_class, "standard");
        assert_int_equal(product_store_insert(f->db, &p, &e), ERR_OK);
    }
    struct customer cs[NORDERED];
    struct product ps[NORDERED];
    int count = 0;
    struct page_req q = {.sort = CUSTOMER_SORT_NAME, .limit = NORDERED};
    assert_int_equal(customer_store_page(f->db, &q, cs, &count, &e), ERR_OK);
    assert_int_equal(count, NORDERED);
    for (int i = 0; i < NORDERED; i++)
        assert_string_equal(cs[i].name, ordered[i]);
    q.sort = PRODUCT_SORT_CATEGORY;
    assert_int_equal(product_store_page(f->db, &q, ps, &count, &e), ERR_OK);
    assert_int_equal(count, NORDERED);
    for (int i = 0; i < NORDERED; i++)
        assert_string_equal(ps[i].category, ordered[i]);
}

/* A one- or two-letter filter starts a word, accents or not; the rows come in key order. */
static void test_customer_word_start_keeps_every_match_in_key_order(void **state)
{
    struct fixture *f = *state;
    struct err e = {0};
    static const char *const names[] = {"brown Ltd", "Émile", "Bäckerei Groß", "Eve", "Zoë", "BRUN"};
    for (int i = 0; i < 6; i++) {
        struct customer c = {0};
        snprintf(c.name, sizeof c.name, "%s", names[i]);
        snprintf(c.email, sizeof c.email, "p%d@mail.test", i);
        assert_int_equal(customer_store_insert(f->db, &c, &e), ERR_OK);
    }
    struct customer rows[6];
    int count = 0;
    struct page_req q = {.filter = "b", .sort = CUSTOMER_SORT_NAME, .limit = 6};
    assert_int_equal(customer_store_page(f->db, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 3);
    assert_string_equal(rows[0].name, "Bäckerei Groß");
    assert_string_equal(rows[1].name, "brown Ltd");
    assert_string_equal(rows[2].name, "BRUN");
    q.filter = "É";
    assert_int_equal(customer_store_page(f->db, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 2);
    assert_string_equal(rows[0].name, "Émile");
    assert_string_equal(rows[1].name, "Eve");
    q.filter = "Bä";
    q.descending = true;
    assert_int_equal(customer_store_page(f->db, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 1);
    assert_string_equal(rows[0].name, "Bäckerei Groß");
}

static void key_of(struct db *db, const char *sql, int64_t id, char *out, size_t len)
{
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->handle, sql, -1, &s, NULL), SQLITE_OK);
    sqlite3_bind_int64(s, 1, id);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    snprintf(out, len, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
}

/* Ete → Été keeps the key "ete"; the lower() fallback trigger must not win. */
static void test_rename_that_keeps_the_key_keeps_it_folded(void **state)
{
    struct fixture *f = *state;
    struct err e = {0};
    struct customer c = {0};
    snprintf(c.name, sizeof c.name, "Ete");
    snprintf(c.email, sizeof c.email, "ete@example.com");
    assert_int_equal(customer_store_insert(f->db, &c, &e), ERR_OK);
    snprintf(c.name, sizeof c.name, "Été");
    assert_int_equal(customer_store_update(f->db, &c, &e), ERR_OK);
    char key[64];
    key_of(f->db, "SELECT name_key FROM customers WHERE id = ?", c.id, key, sizeof key);
    assert_string_equal(key, "ete");
}

/* Another program (the sqlite3 shell) writes a name without its key: check
 * says so, and check --repair gives it its folded key. */
static void test_rows_written_by_another_program_get_their_key_on_repair(void **state)
{
    struct fixture *f = *state;
    sqlite3 *plain = NULL;
    assert_int_equal(sqlite3_open_v2(f->path, &plain, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(plain, 5000);
    assert_int_equal(sqlite3_exec(plain,
                                  "INSERT INTO accounts(code, name, city, created_at, updated_at) "
                                  "VALUES ('CLI', 'Dupont SA', 'Paris', 'x', 'x');"
                                  "UPDATE accounts SET name = 'DURAND Été' WHERE code = 'CLI';",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(plain);
    struct app root = test_app_as(f->db, "root");
    struct strbuf report = {0};
    int problems = 0;
    struct err e = {0};
    assert_int_equal(check_database(&root, &report, &problems, &e), ERR_OK);
    assert_non_null(strstr(strbuf_text(&report), "the sort keys of 1 accounts are out of step"));
    assert_non_null(strstr(strbuf_text(&report), "search index of accounts"));
    strbuf_free(&report);
    struct app alice = test_app_as(f->db, "alice");
    assert_int_equal(check_repair(&alice, &e), ERR_DENIED);
    assert_int_equal(check_repair(&root, &e), ERR_OK);
    char key[64];
    key_of(f->db, "SELECT name_key || '|' || city_key FROM accounts WHERE code = 'CLI' AND ?1 = ?1", 0, key,
           sizeof key);
    assert_string_equal(key, "durand ete|paris");
    problems = 0;
    assert_int_equal(check_database(&root, &report, &problems, &e), ERR_OK);
    assert_int_equal(problems, 0);
    strbuf_free(&report);
    struct account rows[2];
    int n = 0;
    struct page_req q = {.filter = "durand ete", .limit = 2};
    assert_int_equal(account_page(&root, &q, rows, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
}

/* The migration fills existing rows' keys with the function on our connection. */
static void test_sql_function_computes_the_same_key(void **state)
{
    struct fixture *f = *state;
    char key[64];
    key_of(f->db, "SELECT comptoir_sort_key('Œuvres Ñandú' || ?1)", 7, key, sizeof key);
    assert_string_equal(key, "oeuvres nandu7");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_folds_accents_and_ascii_case),
        cmocka_unit_test(test_key_is_cut_at_a_whole_character),
        cmocka_unit_test_setup_teardown(test_accounts_page_by_name_and_city_ignoring_accents, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_customers_and_products_sort_ignoring_accents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_customer_word_start_keeps_every_match_in_key_order, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rename_that_keeps_the_key_keeps_it_folded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rows_written_by_another_program_get_their_key_on_repair, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sql_function_computes_the_same_key, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
