/* Products and tax classes: validation messages, unique SKU, the tax class
 * check, keyset paging on every sort in both directions with prefix and
 * trigram filters, optimistic locking, price rights of each role, audit. */
#include "db/db_private.h"
#include "testutil.h"

#define PAGE 6
#define NDATA 27

struct fixture {
    char path[64];
    struct db *db;
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

static struct product valid_product(const char *sku, const char *name, int64_t price)
{
    struct product p = {.list_price = price, .min_order_qty = 1, .pack_size = 1, .active = true};
    snprintf(p.sku, sizeof p.sku, "%s", sku);
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.unit, sizeof p.unit, "each");
    snprintf(p.tax_class, sizeof p.tax_class, "standard");
    return p;
}

/* ------------------------------------------------------------ validation */

static void expect_invalid(const struct product *p, const char *field)
{
    struct err e = {0};
    assert_err_field(product_validate(p, &e), e, ERR_INVALID, field);
    assert_non_null(strstr(e.msg, field));
}

static void test_product_validation_names_the_field(void **state)
{
    (void)state;
    struct product p = valid_product("CAF-250", "Café moulu 250 g", 495);
    struct err e = {0};
    assert_int_equal(product_validate(&p, &e), ERR_OK);
    p = valid_product("", "Café", 495);
    expect_invalid(&p, "sku");
    p = valid_product("CAF-250 ", "Café", 495);
    expect_invalid(&p, "sku");
    p = valid_product("CAF-250", "", 495);
    expect_invalid(&p, "name");
    p = valid_product("CAF-250", "Café", -1);
    expect_invalid(&p, "list_price");
    p = valid_product("CAF-250", "Café", 495);
    p.unit_cost = -1;
    expect_invalid(&p, "unit_cost");
    p = valid_product("CAF-250", "Café", 495);
    p.min_order_qty = 0;
    expect_invalid(&p, "min_order_qty");
    p = valid_product("CAF-250", "Café", 495);
    p.pack_size = -6;
    expect_invalid(&p, "pack_size");
    p = valid_product("CAF-250", "Café", 495);
    p.stock_on_hand = -1;
    expect_invalid(&p, "stock_on_hand");
    p = valid_product("CAF-250", "Café", 495);
    p.tax_class[0] = '\0';
    expect_invalid(&p, "tax_class");
    p = valid_product("CAF-250", "Café", 495);
    snprintf(p.category, sizeof p.category, "\xE6\x97");
    expect_invalid(&p, "category");
    p = valid_product("CAF-250", "Café", 495);
    memset(p.sku, 'S', sizeof p.sku);
    assert_err_field(product_validate(&p, &e), e, ERR_INVALID, "sku");
    assert_non_null(strstr(e.msg, "at most 64"));
}

static void test_unknown_tax_class_lists_the_known_ones(void **state)
{
    struct fixture *f = *state;
    struct app david = test_app_as(f->db, "david");
    struct product p = valid_product("CAF-250", "Café", 495);
    snprintf(p.tax_class, sizeof p.tax_class, "luxury");
    struct err e = {0};
    assert_err_field(product_create(&david, &p, &e), e, ERR_INVALID, "tax_class");
    assert_string_equal(e.msg, "tax_class 'luxury' is not one of the tax classes (reduced, standard, zero)");
    struct tax_class t;
    assert_int_equal(tax_store_get(f->db, "reduced", &t, &e), ERR_OK);
    assert_int_equal(t.rate_bp, 550);
    struct rows all = {0};
    assert_int_equal(tax_store_list(f->db, &all, &e), ERR_OK);
    assert_int_equal(all.n, 3);
    rows_free(&all);
}

static void test_create_fills_defaults_and_refuses_a_taken_sku(void **state)
{
    struct fixture *f = *state;
    struct app root = test_app_as(f->db, "root");
    struct product p = {.list_price = 1200};
    snprintf(p.sku, sizeof p.sku, "THE-100");
    snprintf(p.name, sizeof p.name, "抹茶 100 g");
    struct err e = {0};
    assert_int_equal(product_create(&root, &p, &e), ERR_OK);
    assert_string_equal(p.unit, "each");
    assert_string_equal(p.tax_class, "standard");
    assert_int_equal(p.min_order_qty, 1);
    struct product again = valid_product("THE-100", "Other tea", 100);
    assert_err_field(product_create(&root, &again, &e), e, ERR_EXISTS, "sku");
    assert_string_equal(e.msg, "sku 'THE-100' already exists");
    struct product found;
    assert_int_equal(product_find_sku(&root, "THE-100", &found, &e), ERR_OK);
    assert_string_equal(found.name, "抹茶 100 g");
    assert_int_equal(product_find_sku(&root, "the-100", &found, &e), ERR_NOTFOUND);
}

/* --------------------------------------------------------------- paging */

static struct product data[NDATA];
static int sort_mode;

static void fill_data(struct db *db)
{
    static const char *const names[] = {"Café moulu", "café en grains", "Thé vert",
                                        "抹茶",       "Chocolat noir",  "Müsli",
                                        "Brot",       "Bière blonde",   "Eau"};
    static const char *const categories[] = {"Épicerie", "boissons", "Boissons", "お茶", ""};
    struct err e = {0};
    for (int i = 0; i < NDATA; i++) {
        char sku[16], name[64];
        snprintf(sku, sizeof sku, "%c%c-%03d", "aBcD"[i % 4], "xY"[i % 2], (i * 11) % 27);
        snprintf(name, sizeof name, "%s %d", names[i % 9], i / 9);
        data[i] = valid_product(sku, name, (i * 13) % 7 * 250);
        snprintf(data[i].category, sizeof data[i].category, "%s", categories[i % 5]);
        assert_int_equal(product_store_insert(db, &data[i], &e), ERR_OK);
    }
}

static const char *sort_text(const struct product *p)
{
    return sort_mode == PRODUCT_SORT_SKU        ? p->sku
           : sort_mode == PRODUCT_SORT_CATEGORY ? p->category
                                                : p->name;
}

/* The lists' order of names, cities and categories: their sort keys, byte by byte. */
static int sort_key_cmp(const char *a, const char *b)
{
    char ka[256], kb[256];
    db_sort_key(a, ka, sizeof ka);
    db_sort_key(b, kb, sizeof kb);
    return strcmp(ka, kb);
}

static int compare_products(const void *x, const void *y)
{
    const struct product *a = x, *b = y;
    int c = sort_mode == PRODUCT_SORT_PRICE
                ? (a->list_price > b->list_price) - (a->list_price < b->list_price)
            : sort_mode == PRODUCT_SORT_SKU ? test_nocase_cmp(a->sku, b->sku)
                                            : sort_key_cmp(sort_text(a), sort_text(b));
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

static bool contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && (hay[i] | 0x20) == (needle[i] | 0x20))
            i++;
        if (i == n)
            return true;
    }
    return n == 0;
}

static bool nocase_prefix(const char *s, const char *prefix)
{
    char head[256];
    snprintf(head, sizeof head, "%.*s", (int)strlen(prefix), s);
    return test_nocase_cmp(head, prefix) == 0;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static bool matches(const struct product *p, const char *filter)
{
    if (filter == NULL || filter[0] == '\0')
        return true;
    if (utf8_chars(filter) < 3)
        return nocase_prefix(p->name, filter) || nocase_prefix(p->sku, filter);
    return contains(p->sku, filter) || contains(p->name, filter) || contains(p->category, filter);
}

static int expected_ids(int sort, bool desc, const char *filter, int64_t *ids)
{
    struct product sorted[NDATA];
    memcpy(sorted, data, sizeof data);
    sort_mode = sort;
    qsort(sorted, NDATA, sizeof sorted[0], compare_products);
    int n = 0;
    for (int i = 0; i < NDATA; i++) {
        const struct product *p = &sorted[desc ? NDATA - 1 - i : i];
        if (matches(p, filter))
            ids[n++] = p->id;
    }
    return n;
}

static int page_of(struct app *app, const struct page_req *q, void *rows, int *count, struct err *e)
{
    return product_page(app, q, rows, count, e);
}

static void cursor_of(const void *row, int sort, struct page_cursor *c)
{
    product_store_cursor(row, sort, c);
}

static int64_t id_of(const void *row)
{
    return ((const struct product *)row)->id;
}

static const struct test_lister products_lister = {page_of, cursor_of, id_of, sizeof(struct product)};

static void check_paging(struct app *app, int sort, bool desc, const char *filter)
{
    int64_t want[NDATA];
    int nwant = expected_ids(sort, desc, filter, want);
    test_check_paging(app, &products_lister, sort, desc, filter, want, nwant, PAGE);
}

static void test_paging_walks_every_sort_both_ways(void **state)
{
    struct fixture *f = *state;
    fill_data(f->db);
    struct app alice = test_app_as(f->db, "alice");
    for (int sort = PRODUCT_SORT_NAME; sort <= PRODUCT_SORT_PRICE; sort++) {
        check_paging(&alice, sort, false, NULL);
        check_paging(&alice, sort, true, NULL);
    }
}

static void test_short_filter_is_a_prefix_of_name_or_sku(void **state)
{
    struct fixture *f = *state;
    fill_data(f->db);
    struct app chloe = test_app_as(f->db, "chloe");
    static const char *const filters[] = {"ca", "B", "dy", "抹", "x"};
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
        for (int sort = PRODUCT_SORT_NAME; sort <= PRODUCT_SORT_PRICE; sort++) {
            check_paging(&chloe, sort, false, filters[i]);
            check_paging(&chloe, sort, true, filters[i]);
        }
}

static void test_long_filter_searches_sku_name_and_category(void **state)
{
    struct fixture *f = *state;
    fill_data(f->db);
    struct app chloe = test_app_as(f->db, "chloe");
    struct product rows[PAGE];
    int count = 0;
    struct err e = {0};
    struct page_req q = {.filter = "Bière", .limit = PAGE};
    assert_int_equal(product_page(&chloe, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 3);
    q.filter = "お茶"; /* two characters: a prefix of name or SKU, and there is none */
    assert_int_equal(product_page(&chloe, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 0);
    static const char *const filters[] = {"picerie", "boissons", "café", "-01", "抹茶 1"};
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
        for (int sort = PRODUCT_SORT_NAME; sort <= PRODUCT_SORT_PRICE; sort++) {
            check_paging(&chloe, sort, false, filters[i]);
            check_paging(&chloe, sort, true, filters[i]);
        }
}

static void test_search_index_follows_renames(void **state)
{
    struct fixture *f = *state;
    struct app david = test_app_as(f->db, "david");
    struct product p = valid_product("RAM-1", "Ramen", 300);
    struct err e = {0};
    assert_int_equal(product_create(&david, &p, &e), ERR_OK);
    snprintf(p.name, sizeof p.name, "ラーメン 醤油");
    assert_int_equal(product_update(&david, &p, &e), ERR_OK);
    struct product rows[2];
    int count = 0;
    struct page_req q = {.filter = "Ramen", .limit = 2};
    assert_int_equal(product_page(&david, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 0);
    q.filter = "ラーメン";
    assert_int_equal(product_page(&david, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 1);
}

/* ------------------------------------------------------ version conflict */

static void test_second_save_of_a_stale_copy_is_refused(void **state)
{
    struct fixture *f = *state;
    struct app david = test_app_as(f->db, "david"), emma = test_app_as(f->db, "emma");
    struct product p = valid_product("CAF-250", "Café", 495), one, two;
    struct err e = {0};
    assert_int_equal(product_create(&david, &p, &e), ERR_OK);
    assert_int_equal(product_get(&david, p.id, &one, &e), ERR_OK);
    assert_int_equal(product_get(&emma, p.id, &two, &e), ERR_OK);
    one.list_price = 550;
    assert_int_equal(product_update(&david, &one, &e), ERR_OK);
    two.list_price = 450;
    assert_err_field(product_update(&emma, &two, &e), e, ERR_CONFLICT, "version");
    /* issue 9: who saved first, and when */
    assert_true(strncmp(e.msg, "product CAF-250 was changed by david at ", 40) == 0);
    assert_int_equal(two.list_price, 450);
    struct product now;
    assert_int_equal(product_get(&emma, p.id, &now, &e), ERR_OK);
    assert_int_equal(now.list_price, 550);
    assert_int_equal(test_audit_count(f->db, "product", "CAF-250"), 2);
}

/* --------------------------------------------------------------- rights */

static void test_support_cannot_change_price(void **state)
{
    struct fixture *f = *state;
    struct app david = test_app_as(f->db, "david"), chloe = test_app_as(f->db, "chloe");
    struct product p = valid_product("CAF-250", "Café", 495), seen;
    struct err e = {0};
    assert_int_equal(product_create(&david, &p, &e), ERR_OK);
    assert_int_equal(product_get(&chloe, p.id, &seen, &e), ERR_OK);
    seen.list_price = 1;
    assert_err_field(product_update(&chloe, &seen, &e), e, ERR_DENIED, "list_price");
    assert_string_equal(e.msg, "chloe (support) may not change prices");
    seen.list_price = p.list_price;
    seen.unit_cost = 100;
    assert_err_field(product_update(&chloe, &seen, &e), e, ERR_DENIED, "unit_cost");
    struct product now;
    assert_int_equal(product_get(&chloe, p.id, &now, &e), ERR_OK);
    assert_int_equal(now.list_price, 495);
    assert_int_equal(now.unit_cost, 0);
    assert_int_equal(now.version, 1);
    assert_int_equal(test_audit_count(f->db, "product", "CAF-250"), 1);
}

static void test_only_managers_and_admins_edit_the_catalogue(void **state)
{
    struct fixture *f = *state;
    struct app alice = test_app_as(f->db, "alice"), chloe = test_app_as(f->db, "chloe");
    struct app david = test_app_as(f->db, "david"), root = test_app_as(f->db, "root");
    struct product p = valid_product("CAF-250", "Café", 495);
    struct err e = {0};
    assert_int_equal(product_create(&alice, &p, &e), ERR_DENIED);
    assert_int_equal(product_create(&chloe, &p, &e), ERR_DENIED);
    assert_int_equal(p.id, 0);
    assert_int_equal(product_create(&root, &p, &e), ERR_OK);
    snprintf(p.category, sizeof p.category, "Épicerie");
    assert_int_equal(product_update(&alice, &p, &e), ERR_DENIED);
    assert_non_null(strstr(e.msg, "may not edit products"));
    assert_int_equal(product_update(&chloe, &p, &e), ERR_DENIED);
    assert_int_equal(product_update(&david, &p, &e), ERR_OK);
    p.list_price = 525;
    p.unit_cost = 300;
    assert_int_equal(product_update(&david, &p, &e), ERR_OK);
    p.list_price = 530;
    assert_int_equal(product_update(&root, &p, &e), ERR_OK);
    assert_int_equal(p.version, 4);
}

/* ---------------------------------------------------------------- audit */

static void test_price_change_is_audited_with_before_and_after(void **state)
{
    struct fixture *f = *state;
    struct app david = test_app_as(f->db, "david");
    struct product p = valid_product("CAF-250", "Café", 495);
    struct err e = {0};
    assert_int_equal(product_create(&david, &p, &e), ERR_OK);
    p.list_price = 599;
    assert_int_equal(product_update(&david, &p, &e), ERR_OK);
    struct rows rows_read = {0};
    assert_int_equal(audit_store_for_object(f->db, "product", "CAF-250", NULL, &rows_read, &e), ERR_OK);
    const struct audit_entry *rows = rows_read.items;
    int n = rows_read.n;
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].action, "update");
    assert_string_equal(rows[0].user_login, "david");
    assert_non_null(strstr(rows[0].before_json, "495"));
    assert_non_null(strstr(rows[0].after_json, "599"));
    assert_string_equal(rows[1].action, "create");
    assert_null(rows[1].before_json);
    audit_entries_free(&rows_read);
}

/* ------------------------------------------------ bounded filter walks */

/* Names in runs, as real data comes: a filter is dense in some stretches of
 * the sort order and absent from others. U+212A (KELVIN SIGN) is folded to
 * "k" by the trigram index but not by LIKE. */
static void fill_runs(struct db *db)
{
    static const char *const names[] = {"Aaron Smith",
                                        "Amélie Martin",
                                        "Bob Jones",
                                        "Omar Diaz",
                                        "Zoé Brun",
                                        "\xE2\x84\xAA"
                                        "arl Weiss",
                                        "Émile Marchand"};
    static const int runs[] = {30, 8, 25, 3, 30, 1, 4};
    struct err e = {0};
    int n = 0;
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++)
        for (int i = 0; i < runs[r]; i++, n++) {
            char email[64];
            snprintf(email, sizeof email, "%s%d@%s.example", n % 17 == 0 ? "mar" : "p", n,
                     n % 5 ? "mail" : "post");
            struct product c = valid_product(email, names[r], (n * 37) % 11 * 100);
            snprintf(c.category, sizeof c.category, "%s", n % 3 ? "Lyon" : "Paris");
            assert_int_equal(product_store_insert(db, &c, &e), ERR_OK);
        }
}

/* Every page forward, then every page back from the end: the ids in order. */
static int walk_all_pages(struct app *app, int sort, bool desc, const char *filter, int64_t *ids, int max)
{
    return test_walk_all_pages(app, &products_lister, sort, desc, filter, ids, max);
}

static void test_bounded_walks_give_the_trigram_results_in_order(void **state)
{
    struct fixture *f = *state;
    fill_runs(f->db);
    struct app chloe = test_app_as(f->db, "chloe");
    static const char *const filters[] = {"mar", "MAR", "kar", "arl", "mél", "ART", "example", "zzz"};
    static const int windows[][2] = {{1000, 60000}, {5, 0}, {0, 7}, {5, 7}, {2, 2}, {200, 0}};
    static int64_t want[400], got[400];
    for (size_t fi = 0; fi < sizeof filters / sizeof filters[0]; fi++)
        for (int sort = PRODUCT_SORT_NAME; sort <= PRODUCT_SORT_PRICE; sort++)
            for (int desc = 0; desc < 2; desc++) {
                db_page_set_walk_windows(f->db, 0, 0); /* the trigram sort alone */
                int nwant = walk_all_pages(&chloe, sort, desc, filters[fi], want, 400);
                for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++) {
                    db_page_set_walk_windows(f->db, windows[w][0], windows[w][1]);
                    int ngot = walk_all_pages(&chloe, sort, desc, filters[fi], got, 400);
                    assert_int_equal(ngot, nwant);
                    assert_memory_equal(got, want, sizeof want[0] * (size_t)nwant);
                }
            }
    db_page_set_walk_windows(f->db, 0, 0);
    int64_t kelvin[8];
    assert_int_equal(walk_all_pages(&chloe, PRODUCT_SORT_NAME, false, "kar", kelvin, 8), 1);
    db_page_set_walk_windows(f->db, 1000, 0); /* LIKE alone would miss the KELVIN SIGN */
    assert_int_equal(walk_all_pages(&chloe, PRODUCT_SORT_NAME, false, "kar", kelvin, 8), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_product_validation_names_the_field),
        cmocka_unit_test_setup_teardown(test_unknown_tax_class_lists_the_known_ones, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_fills_defaults_and_refuses_a_taken_sku, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paging_walks_every_sort_both_ways, setup, teardown),
        cmocka_unit_test_setup_teardown(test_short_filter_is_a_prefix_of_name_or_sku, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_filter_searches_sku_name_and_category, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_index_follows_renames, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_save_of_a_stale_copy_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_support_cannot_change_price, setup, teardown),
        cmocka_unit_test_setup_teardown(test_only_managers_and_admins_edit_the_catalogue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_price_change_is_audited_with_before_and_after, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bounded_walks_give_the_trigram_results_in_order, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
