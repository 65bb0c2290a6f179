/* Search that finds the same way everywhere (db/search.h): how stored text
 * is folded, how typed text becomes words, the test of a row, and the same
 * rules through the indexes of every kind (filters, pickers, order find). */
#include "db/db_private.h"
#include "db/search.h"
#include "testutil.h"

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

static void expect_fold(const char *text, const char *folded)
{
    char out[256];
    search_fold(text, -1, out, sizeof out);
    assert_string_equal(out, folded);
}

/* True when what was typed finds a row of these fields. */
static bool finds(const char *typed, const char *a, const char *b)
{
    struct search_query q;
    search_query_parse(typed, &q);
    const char *fields[] = {a, b ? b : ""};
    return search_row_matches(&q, fields, NULL, 2);
}

static void test_fold_drops_case_accents_and_punctuation(void **state)
{
    (void)state;
    expect_fold("Société Générale", "societe generale");
    expect_fold("Crème brûlée", "creme brulee");
    expect_fold("Bäckerei GROSS & Söhne", "backerei gross sohne");
    expect_fold("O'Neil", "oneil");
    expect_fold("jean.dupont@example.fr", "jean dupont example fr");
    expect_fold("  Müller--Lüdenscheidt  ", "muller ludenscheidt");
    expect_fold("ＴＯＫＹＯ １２", "tokyo 12"); /* full-width letters and digits */
    expect_fold("Ελλάδα ЁЛКА", "ελλαδα елка");
    expect_fold("Nguyễn Thị", "nguyen thi");
    expect_fold("Cafe\xcc\x81", "cafe"); /* an accent written apart */
}

static void test_fold_joins_cjk_across_spaces_only(void **state)
{
    (void)state;
    expect_fold("山田 花子", "山田花子");
    expect_fold("山田　花子", "山田花子"); /* ideographic space */
    expect_fold("株式会社・山田商事", "株式会社山田商事");
    expect_fold("Tokyo 東京", "tokyo 東京");
}

static void test_fold_keeps_a_phone_as_its_digits_with_and_without_country(void **state)
{
    (void)state;
    expect_fold("+33 7 22 90 97 60", "33722909760 0722909760");
    expect_fold("07 22 90 97 60", "0722909760");
    expect_fold("0033 (0)7 22 90 97 60", "330722909760 0722909760");
    expect_fold("+81 3-1234-5678", "81312345678 0312345678");
    expect_fold("+999 123 456", "999123456"); /* no such country code */
    expect_fold("12-345", "12 345");          /* too few digits for a phone */
}

static void test_query_words_and_their_kinds(void **state)
{
    (void)state;
    struct search_query q;
    search_query_parse("  Société   g ", &q);
    assert_int_equal(q.n, 2);
    assert_string_equal(q.words[0].text, "societe");
    assert_int_equal(q.words[0].kind, SEARCH_ANYWHERE);
    assert_string_equal(q.words[1].text, "g");
    assert_int_equal(q.words[1].kind, SEARCH_WORD_START);
    search_query_parse("山田", &q);
    assert_int_equal(q.n, 1);
    assert_int_equal(q.words[0].kind, SEARCH_ANYWHERE);
    assert_true(q.words[0].cjk);
    search_query_parse("07 22 90", &q);
    assert_true(q.phone);
    assert_int_equal(q.n, 1);
    assert_string_equal(q.words[0].text, "072290");
    search_query_parse("+33 7 22 90", &q);
    assert_string_equal(q.words[0].text, "72290"); /* the national number */
    search_query_parse("   ", &q);
    assert_int_equal(q.n, 0);
    search_query_parse("a a A", &q);
    assert_int_equal(q.n, 1); /* the same word once */
}

static void test_accents_and_case_do_not_count(void **state)
{
    (void)state;
    assert_true(finds("societe g", "Société Générale", NULL));
    assert_true(finds("SOCIÉTÉ GÉN", "societe generale", NULL));
    assert_false(finds("societe g", "Société Bourgogne", NULL)); /* g starts no word there */
    assert_true(finds("comte", "Comté 18 mois", NULL));
    assert_true(finds("creme brulee", "Crème brûlée", NULL));
    assert_true(finds("brulee creme", "Crème brûlée", NULL)); /* any order */
    assert_true(finds("muller", "Jürgen Müller", NULL));
}

static void test_one_or_two_letters_start_a_word(void **state)
{
    (void)state;
    assert_true(finds("du", "Jean Dupont", NULL));
    assert_true(finds("j", "Jean Dupont", NULL));
    assert_false(finds("ed", "Pierre Dupont", NULL)); /* "pierrE Dupont": not across words */
    assert_false(finds("up", "Jean Dupont", NULL));
    assert_true(finds("upo", "Jean Dupont", NULL));     /* three letters: anywhere */
    assert_true(finds("7", "Bulk Customer 177", NULL)); /* digits: anywhere */
    assert_true(finds("77", "Bulk Customer 177", NULL));
}

static void test_japanese_of_one_or_two_characters_and_across_spaces(void **state)
{
    (void)state;
    assert_true(finds("山田", "株式会社山田商事", NULL));
    assert_true(finds("商事", "株式会社山田商事", NULL));
    assert_true(finds("東京", "Jean", "東京"));
    assert_true(finds("包丁", "Santoku 三徳包丁", NULL));
    assert_true(finds("山", "山田 花子", NULL));
    assert_true(finds("山田花子", "山田 花子", NULL));
    assert_true(finds("花子", "山田 花子", NULL));
    assert_true(finds("花子 山田", "山田 花子", NULL));
    assert_false(finds("田中", "山田 花子", NULL));
}

static void test_phones_by_last_four_first_six_or_any_writing(void **state)
{
    (void)state;
    const char *phone = "+33 7 22 90 97 60";
    assert_true(finds("9760", "Ana", phone));
    assert_true(finds("07 22 90", "Ana", phone));
    assert_true(finds("072290", "Ana", phone));
    assert_true(finds("+33 7 22 90", "Ana", phone));
    assert_true(finds("0033722909760", "Ana", phone));
    assert_true(finds("07.22.90.97.60", "Ana", "07 22 90 97 60"));
    assert_true(finds("+33 7 22 90 97 60", "Ana", "07 22 90 97 60"));
    assert_false(finds("9761", "Ana", phone));
    assert_false(finds("07 22 91", "Ana", phone));
}

static void test_words_are_not_found_across_fields(void **state)
{
    (void)state;
    assert_true(finds("example.fr", "Frédéric", "f@example.fr"));
    assert_false(finds("example.fr", "Frédéric", "f@example.com")); /* "example" + "fr" elsewhere */
    assert_false(finds("ana ex", "Ana", "x@mail.org"));
}

/* The tokens any matching row has: each is in the index of the fields. */
static void test_tokens_of_a_match_are_in_its_index(void **state)
{
    (void)state;
    static const struct {
        const char *typed, *field;
    } cases[] = {
        {"societe g", "Société Générale"},
        {"山田", "株式会社山田商事"},
        {"山", "山田"},
        {"du", "Jean Dupont"},
        {"9760", "+33 7 22 90 97 60"},
        {"g", "G"},
        {"ab", "x abc"},
        {"77", "177"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct search_query q;
        struct search_token tokens[16];
        search_query_parse(cases[i].typed, &q);
        const char *field = cases[i].field;
        assert_true(search_row_matches(&q, &field, NULL, 1));
        int n = search_query_tokens(&q, tokens, 16);
        char framed[256] = " ";
        search_fold(cases[i].field, -1, framed + 1, sizeof framed - 4);
        strcat(framed, "$$");
        for (int t = 0; t < n; t++) {
            char *at = strstr(framed, tokens[t].text);
            assert_non_null(at);
            if (!tokens[t].prefix)
                assert_true(strlen(tokens[t].text) <= strlen(at));
        }
    }
}

static void add_customer(struct db *db, const char *name, const char *email, const char *phone,
                         const char *city)
{
    struct customer c = {0};
    snprintf(c.name, sizeof c.name, "%s", name);
    snprintf(c.email, sizeof c.email, "%s", email);
    snprintf(c.phone, sizeof c.phone, "%s", phone);
    snprintf(c.city, sizeof c.city, "%s", city);
    snprintf(c.loyalty_tier, sizeof c.loyalty_tier, "bronze");
    struct err e = {0};
    if (customer_store_insert(db, &c, &e) != ERR_OK)
        fail_msg("%s", e.msg);
}

static int customers_found(struct db *db, const char *typed, char names[][64], int max)
{
    struct customer rows[50];
    struct page_req q = {.filter = typed, .limit = 50};
    int n = 0;
    struct err e = {0};
    if (customer_store_page(db, &q, rows, &n, &e) != ERR_OK)
        fail_msg("%s: %s", typed, e.msg);
    for (int i = 0; i < n && i < max; i++)
        snprintf(names[i], 64, "%s", rows[i].name);
    return n;
}

/* The rules through the index and the planner, whichever way it goes. */
static void test_customer_filter_finds_by_every_rule(void **state)
{
    struct fixture *f = *state;
    add_customer(f->db, "山田 花子", "hanako@example.jp", "+81 90-8105-7694", "東京");
    add_customer(f->db, "Zoé Lefèvre", "zoe@example.fr", "+33 7 22 90 97 60", "Paris");
    add_customer(f->db, "Jean Dupont", "jean.dupont@example.com", "06 12 34 56 78", "Lyon");
    for (int i = 0; i < 40; i++) {
        char name[64], email[64];
        snprintf(name, sizeof name, "Filler %d", i);
        snprintf(email, sizeof email, "filler%d@example.org", i);
        add_customer(f->db, name, email, "", "Berlin");
    }
    static const struct {
        const char *typed, *first;
        int n;
    } cases[] = {
        {"zoe", "Zoé Lefèvre", 1},
        {"LEFEVRE", "Zoé Lefèvre", 1},
        {"山田", "山田 花子", 1},
        {"花子", "山田 花子", 1},
        {"山田花子", "山田 花子", 1},
        {"東京", "山田 花子", 1},
        {"9760", "Zoé Lefèvre", 1},
        {"07 22 90", "Zoé Lefèvre", 1},
        {"+33 6 12", "Jean Dupont", 1},
        {"du", "Jean Dupont", 1},
        {"example.fr", "Zoé Lefèvre", 1},
        {"filler 37", "Filler 37", 1},
        {"zq", NULL, 0},
        {"ed", NULL, 0},
    };
    int windows[][2] = {{-1, -1}, {0, 0}, {3, 0}, {0, 3}, {1000, 1000}};
    for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++) {
        if (windows[w][0] >= 0)
            db_page_set_walk_windows(f->db, windows[w][0], windows[w][1]);
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            char names[50][64];
            int n = customers_found(f->db, cases[i].typed, names, 50);
            if (n != cases[i].n)
                fail_msg("'%s' (windows %zu): %d rows, not %d", cases[i].typed, w, n, cases[i].n);
            if (n > 0)
                assert_string_equal(names[0], cases[i].first);
        }
    }
}

/* A change of a searched field moves the row in the index. */
static void test_index_follows_updates(void **state)
{
    struct fixture *f = *state;
    add_customer(f->db, "Jean Dupont", "jd@example.com", "06 12 34 56 78", "Lyon");
    struct customer c;
    struct err e = {0};
    assert_int_equal(customer_store_find_email(f->db, "jd@example.com", &c, &e), ERR_OK);
    snprintf(c.name, sizeof c.name, "Jeanne Durand");
    snprintf(c.phone, sizeof c.phone, "+33 7 00 00 00 01");
    assert_int_equal(customer_store_update(f->db, &c, &e), ERR_OK);
    char names[4][64];
    assert_int_equal(customers_found(f->db, "dupont", names, 4), 0);
    assert_int_equal(customers_found(f->db, "5678", names, 4), 0);
    assert_int_equal(customers_found(f->db, "durand", names, 4), 1);
    assert_int_equal(customers_found(f->db, "0001", names, 4), 1);
}

static void add_product(struct db *db, const char *sku, const char *name, bool active)
{
    struct product p = {.list_price = 100, .min_order_qty = 1, .pack_size = 1, .active = active};
    snprintf(p.sku, sizeof p.sku, "%s", sku);
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.unit, sizeof p.unit, "each");
    snprintf(p.tax_class, sizeof p.tax_class, "standard");
    struct err e = {0};
    if (product_store_insert(db, &p, &e) != ERR_OK)
        fail_msg("%s", e.msg);
}

/* The pickers of the quick order and the quote: the key typed first, then by name. */
static void test_pickers_put_the_key_typed_first(void **state)
{
    struct fixture *f = *state;
    add_product(f->db, "COM-1", "Comté 18 mois", true);
    add_product(f->db, "COM-2", "Comté 36 mois", false);
    add_product(f->db, "ABC", "Beurre com", true);
    add_product(f->db, "COMTE", "Zèbre", true);
    struct app chloe = test_app_as(f->db, "chloe");
    struct rows out = {0};
    struct err e = {0};
    assert_int_equal(product_find(&chloe, "comte", true, 10, &out, &e), ERR_OK);
    const struct product *p = out.items;
    assert_int_equal(out.n, 2);
    assert_string_equal(p[0].sku, "COMTE"); /* the SKU typed, in any case */
    assert_string_equal(p[1].sku, "COM-1"); /* then by name; COM-2 is not sold any more */
    assert_int_equal(product_find(&chloe, "comte", false, 2, &out, &e), ERR_OK);
    assert_int_equal(out.n, 2);
    assert_true(out.more > 0);
    add_customer(f->db, "Zoé Lefèvre", "zoe@example.fr", "+33 7 22 90 97 60", "Paris");
    add_customer(f->db, "Anna Zoeller", "anna@example.de", "", "Berlin");
    assert_int_equal(customer_find(&chloe, "ZOE@example.fr", 10, &out, &e), ERR_OK);
    assert_int_equal(out.n, 1);
    assert_int_equal(customer_find(&chloe, "zoe", 10, &out, &e), ERR_OK);
    const struct customer *c = out.items;
    assert_int_equal(out.n, 2);
    assert_string_equal(c[0].name, "Anna Zoeller"); /* by name */
    assert_int_equal(customer_find(&chloe, "9760", 10, &out, &e), ERR_OK);
    assert_int_equal(out.n, 1);
    rows_free(&out);
}

static int abandon_calls;

static bool abandon_at_once(void *ctx)
{
    (void)ctx;
    abandon_calls++;
    return true;
}

/* A key typed while a filter's query runs abandons it (the console's
 * progress handler): the store says so with ERR_CANCELLED and nothing else,
 * and the same connection answers the next query in full. */
static void test_a_query_is_abandoned_for_the_next_key(void **state)
{
    struct fixture *f = *state;
    struct err e = {0};
    assert_int_equal(db_begin(f->db, &e), ERR_OK);
    for (int i = 0; i < 300; i++) {
        char name[64], email[64];
        snprintf(name, sizeof name, "Filler %d", i);
        snprintf(email, sizeof email, "filler%d@example.org", i);
        add_customer(f->db, name, email, "", "Berlin");
    }
    assert_int_equal(db_commit(f->db, &e), ERR_OK);
    struct customer rows[50];
    struct page_req q = {.filter = "filler 1", .limit = 50};
    int n = -1;
    abandon_calls = 0;
    db_set_abandon(f->db, abandon_at_once, NULL);
    assert_int_equal(customer_store_page(f->db, &q, rows, &n, &e), ERR_CANCELLED);
    assert_true(abandon_calls > 0);
    assert_non_null(strstr(e.msg, "abandoned"));
    db_set_abandon(f->db, NULL, NULL);
    char names[50][64];
    assert_int_equal(customers_found(f->db, "filler 1", names, 50), 50); /* 1, 10-19, 100-199 … */
    assert_string_equal(names[0], "Filler 1");
    assert_int_equal(customers_found(f->db, "filler 299", names, 50), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_drops_case_accents_and_punctuation),
        cmocka_unit_test(test_fold_joins_cjk_across_spaces_only),
        cmocka_unit_test(test_fold_keeps_a_phone_as_its_digits_with_and_without_country),
        cmocka_unit_test(test_query_words_and_their_kinds),
        cmocka_unit_test(test_accents_and_case_do_not_count),
        cmocka_unit_test(test_one_or_two_letters_start_a_word),
        cmocka_unit_test(test_japanese_of_one_or_two_characters_and_across_spaces),
        cmocka_unit_test(test_phones_by_last_four_first_six_or_any_writing),
        cmocka_unit_test(test_words_are_not_found_across_fields),
        cmocka_unit_test(test_tokens_of_a_match_are_in_its_index),
        cmocka_unit_test_setup_teardown(test_customer_filter_finds_by_every_rule, setup, teardown),
        cmocka_unit_test_setup_teardown(test_index_follows_updates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pickers_put_the_key_typed_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_query_is_abandoned_for_the_next_key, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
