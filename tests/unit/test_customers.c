/* Customers: validation messages, unique e-mail, keyset paging on every sort
 * in both directions with prefix and trigram filters, optimistic locking,
 * rights of each role, and the audit trail. */
#include "db/db_private.h"
#include "testutil.h"

#define PAGE 4
#define NDATA 19

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

static struct customer valid_customer(const char *name, const char *email)
{
    struct customer c = {0};
    snprintf(c.name, sizeof c.name, "%s", name);
    snprintf(c.email, sizeof c.email, "%s", email);
    return c;
}

/* ------------------------------------------------------------ validation */

static void expect_invalid(const struct customer *c, const char *field)
{
    struct err e = {0};
    assert_err_field(customer_validate(c, &e), e, ERR_INVALID, field);
    assert_non_null(strstr(e.msg, field));
}

static void test_customer_validation_names_the_field(void **state)
{
    (void)state;
    struct customer c = valid_customer("Léa Dupont", "lea@example.fr");
    struct err e = {0};
    assert_int_equal(customer_validate(&c, &e), ERR_OK);
    c = valid_customer("", "lea@example.fr");
    expect_invalid(&c, "name");
    c = valid_customer("Léa", "");
    expect_invalid(&c, "email");
    c = valid_customer("Léa", "lea.example.fr");
    expect_invalid(&c, "email");
    c = valid_customer("Léa", "lea@example");
    expect_invalid(&c, "email");
    c = valid_customer("Léa", "lea @example.fr");
    expect_invalid(&c, "email");
    c = valid_customer("Léa", "lea@example.fr");
    snprintf(c.phone, sizeof c.phone, "06 12 34 56 78 ext");
    expect_invalid(&c, "phone");
    c = valid_customer("Léa", "lea@example.fr");
    c.loyalty_points = -5;
    expect_invalid(&c, "loyalty_points");
    c = valid_customer("Léa", "lea@example.fr");
    snprintf(c.city, sizeof c.city, "Caf\xC3\x28");
    expect_invalid(&c, "city");
    c = valid_customer("Léa", "lea@example.fr");
    memset(c.country, 'F', sizeof c.country);
    expect_invalid(&c, "country");
}

/* ------------------------------------------------------- create, unique */

static void test_duplicate_email_is_refused_whatever_its_case(void **state)
{
    struct fixture *f = *state;
    struct app chloe = test_app_as(f->db, "chloe");
    struct customer a = valid_customer("Léa Dupont", "lea@example.fr");
    struct customer b = valid_customer("Lea D.", "LEA@Example.FR");
    struct err e = {0};
    assert_int_equal(customer_create(&chloe, &a, &e), ERR_OK);
    assert_string_equal(a.loyalty_tier, "bronze");
    assert_err_field(customer_create(&chloe, &b, &e), e, ERR_EXISTS, "email");
    assert_string_equal(e.msg, "email 'LEA@Example.FR' already exists");
    struct customer found;
    assert_int_equal(customer_store_find_email(f->db, "Lea@example.fr", &found, &e), ERR_OK);
    assert_int_equal(found.id, a.id);
    assert_int_equal(test_audit_count(f->db, "customer", "lea@example.fr"), 1);
}

/* --------------------------------------------------------------- paging */

static struct customer data[NDATA];
static int sort_mode;

static void fill_data(struct db *db)
{
    static const char *const names[NDATA] = {"Léa Dupont",
                                             "lea dupont",
                                             "Hans Müller",
                                             "佐藤 花子",
                                             "José García",
                                             "Émile Zola",
                                             "Zoë Martin",
                                             "anna Schmidt",
                                             "Anna Schmidt",
                                             "鈴木 一郎",
                                             "Société Générale CE",
                                             "Bob",
                                             "bob",
                                             "Carla",
                                             "David Lee",
                                             "Éva",
                                             "Ólafur",
                                             "yuki",
                                             "Xavier"};
    static const char *const cities[] = {"Paris", "berlin", "東京", "Madrid", "paris"};
    struct err e = {0};
    for (int i = 0; i < NDATA; i++) {
        struct customer *c = &data[i];
        memset(c, 0, sizeof *c);
        snprintf(c->name, sizeof c->name, "%s", names[i]);
        snprintf(c->email, sizeof c->email, "%c%02d@%s", "mAzB"[i % 4], (i * 5) % 19,
                 i % 2 ? "example.com" : "mail.fr");
        snprintf(c->city, sizeof c->city, "%s", cities[i % 5]);
        snprintf(c->loyalty_tier, sizeof c->loyalty_tier, "bronze");
        assert_int_equal(customer_store_insert(db, c, &e), ERR_OK);
    }
}

/* The lists' order of names, cities and categories: their sort keys, byte by byte. */
static int sort_key_cmp(const char *a, const char *b)
{
    char ka[256], kb[256];
    db_sort_key(a, ka, sizeof ka);
    db_sort_key(b, kb, sizeof kb);
    return strcmp(ka, kb);
}

static const char *sort_text(const struct customer *c)
{
    return sort_mode == CUSTOMER_SORT_EMAIL ? c->email : sort_mode == CUSTOMER_SORT_CITY ? c->city : c->name;
}

static int compare_customers(const void *x, const void *y)
{
    const struct customer *a = x, *b = y;
    int c = sort_mode == CUSTOMER_SORT_ID      ? 0
            : sort_mode == CUSTOMER_SORT_EMAIL ? test_nocase_cmp(a->email, b->email)
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

static bool matches(const struct customer *c, const char *filter)
{
    if (filter == NULL || filter[0] == '\0')
        return true;
    if (utf8_chars(filter) < 3)
        return nocase_prefix(c->name, filter); /* e-mails are searched from 3 characters */
    return contains(c->name, filter) || contains(c->email, filter) || contains(c->phone, filter);
}

static int expected_ids(int sort, bool desc, const char *filter, int64_t *ids)
{
    struct customer sorted[NDATA];
    memcpy(sorted, data, sizeof data);
    sort_mode = sort;
    qsort(sorted, NDATA, sizeof sorted[0], compare_customers);
    int n = 0;
    for (int i = 0; i < NDATA; i++) {
        const struct customer *c = &sorted[desc ? NDATA - 1 - i : i];
        if (matches(c, filter))
            ids[n++] = c->id;
    }
    return n;
}

static int page_of(struct app *app, const struct page_req *q, void *rows, int *count, struct err *e)
{
    return customer_page(app, q, rows, count, e);
}

static void cursor_of(const void *row, int sort, struct page_cursor *c)
{
    customer_store_cursor(row, sort, c);
}

static int64_t id_of(const void *row)
{
    return ((const struct customer *)row)->id;
}

static const struct test_lister customers_lister = {page_of, cursor_of, id_of, sizeof(struct customer)};

static void check_paging(struct app *app, int sort, bool desc, const char *filter)
{
    int64_t want[NDATA];
    int nwant = expected_ids(sort, desc, filter, want);
    test_check_paging(app, &customers_lister, sort, desc, filter, want, nwant, PAGE);
}

static void test_paging_walks_every_sort_both_ways(void **state)
{
    struct fixture *f = *state;
    fill_data(f->db);
    struct app chloe = test_app_as(f->db, "chloe");
    for (int sort = CUSTOMER_SORT_NAME; sort <= CUSTOMER_SORT_ID; sort++) {
        check_paging(&chloe, sort, false, NULL);
        check_paging(&chloe, sort, true, NULL);
    }
}

static void test_short_filter_is_a_prefix_of_the_name(void **state)
{
    struct fixture *f = *state;
    fill_data(f->db);
    struct app alice = test_app_as(f->db, "alice");
    static const char *const filters[] = {"an", "B", "m", "É", "佐", "z0"};
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
        for (int sort = CUSTOMER_SORT_NAME; sort <= CUSTOMER_SORT_ID; sort++) {
            check_paging(&alice, sort, false, filters[i]);
            check_paging(&alice, sort, true, filters[i]);
        }
}

static void test_long_filter_finds_accents_japanese_and_email_parts(void **state)
{
    struct fixture *f = *state;
    fill_data(f->db);
    struct app chloe = test_app_as(f->db, "chloe");
    struct customer rows[PAGE];
    int count = 0;
    struct err e = {0};
    struct page_req q = {.filter = "Générale", .limit = PAGE};
    assert_int_equal(customer_page(&chloe, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 1);
    assert_string_equal(rows[0].name, "Société Générale CE");
    q.filter = "花子";
    assert_int_equal(customer_page(&chloe, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 0); /* two characters: a prefix, and no name begins so */
    q.filter = "佐藤 花子";
    assert_int_equal(customer_page(&chloe, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 1);
    q.filter = "Müller";
    assert_int_equal(customer_page(&chloe, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 1);
    for (int sort = CUSTOMER_SORT_NAME; sort <= CUSTOMER_SORT_ID; sort++) {
        check_paging(&chloe, sort, false, "example.com");
        check_paging(&chloe, sort, true, "example.com");
        check_paging(&chloe, sort, false, "schmidt");
    }
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
            struct customer c = valid_customer(names[r], email);
            snprintf(c.city, sizeof c.city, "%s", n % 3 ? "Lyon" : "Paris");
            assert_int_equal(customer_store_insert(db, &c, &e), ERR_OK);
        }
}

/* Every page forward, then every page back from the end: the ids in order. */
static int walk_all_pages(struct app *app, int sort, bool desc, const char *filter, int64_t *ids, int max)
{
    return test_walk_all_pages(app, &customers_lister, sort, desc, filter, ids, max);
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
        for (int sort = CUSTOMER_SORT_NAME; sort <= CUSTOMER_SORT_ID; sort++)
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
    assert_int_equal(walk_all_pages(&chloe, CUSTOMER_SORT_NAME, false, "kar", kelvin, 8), 1);
    db_page_set_walk_windows(f->db, 1000, 0); /* LIKE alone would miss the KELVIN SIGN */
    assert_int_equal(walk_all_pages(&chloe, CUSTOMER_SORT_NAME, false, "kar", kelvin, 8), 1);
}

/* ------------------------------------------------------ version conflict */

static void test_second_save_of_a_stale_copy_is_refused(void **state)
{
    struct fixture *f = *state;
    struct app alice = test_app_as(f->db, "alice"), chloe = test_app_as(f->db, "chloe");
    struct customer c = valid_customer("Hans Müller", "hans@example.de"), one, two;
    struct err e = {0};
    assert_int_equal(customer_create(&alice, &c, &e), ERR_OK);
    assert_int_equal(customer_get(&alice, c.id, &one, &e), ERR_OK);
    assert_int_equal(customer_get(&chloe, c.id, &two, &e), ERR_OK);
    snprintf(one.phone, sizeof one.phone, "+49 30 123456");
    assert_int_equal(customer_update(&alice, &one, &e), ERR_OK);
    snprintf(two.phone, sizeof two.phone, "+49 89 999999");
    assert_err_field(customer_update(&chloe, &two, &e), e, ERR_CONFLICT, "version");
    assert_non_null(
        strstr(e.msg, "customer Hans Müller was changed by alice at ")); /* who and when (issue 9) */
    assert_string_equal(two.phone, "+49 89 999999");
    struct customer now;
    assert_int_equal(customer_get(&chloe, c.id, &now, &e), ERR_OK);
    assert_string_equal(now.phone, "+49 30 123456");
    assert_int_equal(now.version, 2);
    assert_int_equal(test_audit_count(f->db, "customer", "hans@example.de"), 2);
}

/* --------------------------------------------------------- rights, audit */

static void test_every_role_may_create_and_edit_customers(void **state)
{
    struct fixture *f = *state;
    static const char *const logins[] = {"alice", "chloe", "david", "root"};
    struct err e = {0};
    for (size_t i = 0; i < 4; i++) {
        struct app app = test_app_as(f->db, logins[i]);
        char email[64];
        snprintf(email, sizeof email, "by.%s@example.com", logins[i]);
        struct customer c = valid_customer("Walk-in", email);
        assert_int_equal(customer_create(&app, &c, &e), ERR_OK);
        snprintf(c.city, sizeof c.city, "Lyon");
        assert_int_equal(customer_update(&app, &c, &e), ERR_OK);
        assert_int_equal(c.version, 2);
    }
}

static void test_customer_changes_are_audited_with_before_and_after(void **state)
{
    struct fixture *f = *state;
    struct app chloe = test_app_as(f->db, "chloe");
    struct customer c = valid_customer("José García", "jose@example.es");
    struct err e = {0};
    assert_int_equal(customer_create(&chloe, &c, &e), ERR_OK);
    snprintf(c.address, sizeof c.address, "Calle Mayor 1\n28013 Madrid");
    assert_int_equal(customer_update(&chloe, &c, &e), ERR_OK);
    struct rows rows_read = {0};
    assert_int_equal(audit_store_for_object(f->db, "customer", "jose@example.es", NULL, &rows_read, &e),
                     ERR_OK);
    const struct audit_entry *rows = rows_read.items;
    int n = rows_read.n;
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].action, "update");
    assert_string_equal(rows[0].user_login, "chloe");
    assert_null(strstr(rows[0].before_json, "Calle Mayor"));
    assert_non_null(strstr(rows[0].after_json, "Calle Mayor"));
    assert_string_equal(rows[1].action, "create");
    assert_null(rows[1].before_json);
    /* a refused change writes nothing */
    c.email[0] = '\0';
    assert_int_equal(customer_update(&chloe, &c, &e), ERR_INVALID);
    assert_int_equal(test_audit_count(f->db, "customer", "jose@example.es"), 2);
    audit_entries_free(&rows_read);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_customer_validation_names_the_field),
        cmocka_unit_test_setup_teardown(test_duplicate_email_is_refused_whatever_its_case, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paging_walks_every_sort_both_ways, setup, teardown),
        cmocka_unit_test_setup_teardown(test_short_filter_is_a_prefix_of_the_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_filter_finds_accents_japanese_and_email_parts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bounded_walks_give_the_trigram_results_in_order, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_second_save_of_a_stale_copy_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_role_may_create_and_edit_customers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_customer_changes_are_audited_with_before_and_after, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
