/* Accounts and contacts: validation messages, unique codes, keyset paging on
 * every sort in both directions with prefix and trigram filters, optimistic
 * locking, rights of each role, and the audit trail. */
#include "db/db_private.h"
#include "testutil.h"

#define PAGE 5
#define NDATA 23

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

static struct account valid_account(const char *code, const char *name)
{
    struct account a = {.payment_terms_days = 30};
    snprintf(a.code, sizeof a.code, "%s", code);
    snprintf(a.name, sizeof a.name, "%s", name);
    return a;
}

/* ------------------------------------------------------------ validation */

static void expect_invalid(const struct account *a, const char *field)
{
    struct err e = {0};
    assert_err_field(account_validate(a, &e), e, ERR_INVALID, field);
    assert_non_null(strstr(e.msg, field));
}

static void test_valid_account_passes_with_accents_and_japanese(void **state)
{
    (void)state;
    struct account a = valid_account("SG", "Société Générale");
    snprintf(a.city, sizeof a.city, "東京");
    snprintf(a.email, sizeof a.email, "achats@societe-generale.fr");
    snprintf(a.phone, sizeof a.phone, "+33 (1) 42-14.20.00");
    snprintf(a.billing_address, sizeof a.billing_address, "29 bd Haussmann\n75009 Paris");
    struct err e = {0};
    assert_int_equal(account_validate(&a, &e), ERR_OK);
}

static void test_account_validation_names_the_field(void **state)
{
    (void)state;
    struct account a = valid_account("", "Acme");
    expect_invalid(&a, "code");
    a = valid_account(" ACME", "Acme");
    expect_invalid(&a, "code");
    a = valid_account("ACME", "");
    expect_invalid(&a, "name");
    a = valid_account("ACME", "Acme\nLtd");
    expect_invalid(&a, "name");
    a = valid_account("ACME", "Acme");
    snprintf(a.city, sizeof a.city, "Par\x01is");
    expect_invalid(&a, "city");
    a = valid_account("ACME", "Acme");
    a.payment_terms_days = 366;
    expect_invalid(&a, "payment_terms_days");
    a.payment_terms_days = -1;
    expect_invalid(&a, "payment_terms_days");
    a = valid_account("ACME", "Acme");
    a.credit_limit = -1;
    expect_invalid(&a, "credit_limit");
    a = valid_account("ACME", "Acme");
    snprintf(a.phone, sizeof a.phone, "01 23 ab");
    expect_invalid(&a, "phone");
    snprintf(a.phone, sizeof a.phone, "+-()");
    expect_invalid(&a, "phone");
}

static void test_account_email_must_have_one_at_and_a_dot_after_it(void **state)
{
    (void)state;
    static const char *const bad[] = {"acme",      "a@b",       "a@@b.com", "a@b@c.com",
                                      "a b@c.com", "@acme.com", "a@.com",   "a@acme."};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct account a = valid_account("ACME", "Acme");
        snprintf(a.email, sizeof a.email, "%s", bad[i]);
        expect_invalid(&a, "email");
    }
}

static void test_too_long_text_says_the_maximum(void **state)
{
    (void)state;
    struct account a = valid_account("ACME", "Acme");
    memset(a.code, 'A', sizeof a.code); /* no terminator: longer than the field */
    struct err e = {0};
    assert_err_field(account_validate(&a, &e), e, ERR_INVALID, "code");
    assert_non_null(strstr(e.msg, "at most 32"));
    a = valid_account("ACME", "Acme");
    memset(a.notes, 'x', sizeof a.notes);
    assert_err_field(account_validate(&a, &e), e, ERR_INVALID, "notes");
    assert_non_null(strstr(e.msg, "at most 2000"));
}

static void test_invalid_utf8_is_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {"Caf\xC3",      "Caf\xC3\x28",      "\xC0\xAF",
                                      "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct account a = valid_account("ACME", bad[i]);
        struct err e = {0};
        assert_err_field(account_validate(&a, &e), e, ERR_INVALID, "name");
        assert_non_null(strstr(e.msg, "UTF-8"));
    }
    assert_true(utf8_valid("株式会社 Société \xF0\x9F\x98\x80"));
}

static void test_contact_validation_names_the_field(void **state)
{
    (void)state;
    struct contact c = {.account_id = 1};
    snprintf(c.name, sizeof c.name, "Hana Sato");
    snprintf(c.role, sizeof c.role, "buyer");
    struct err e = {0};
    assert_int_equal(contact_validate(&c, &e), ERR_OK);
    snprintf(c.role, sizeof c.role, "boss");
    assert_err_field(contact_validate(&c, &e), e, ERR_INVALID, "role");
    snprintf(c.role, sizeof c.role, "approver");
    snprintf(c.email, sizeof c.email, "hana@");
    assert_err_field(contact_validate(&c, &e), e, ERR_INVALID, "email");
    c.email[0] = '\0';
    c.name[0] = '\0';
    assert_err_field(contact_validate(&c, &e), e, ERR_INVALID, "name");
    snprintf(c.name, sizeof c.name, "Hana");
    c.account_id = 0;
    assert_err_field(contact_validate(&c, &e), e, ERR_INVALID, "account");
}

/* The roles a form offers are the roles the validation accepts: one list. */
static void test_every_contact_role_offered_is_accepted_and_named(void **state)
{
    (void)state;
    struct contact c = {.account_id = 1};
    struct err e = {0};
    snprintf(c.name, sizeof c.name, "Hana Sato");
    int n = 0;
    for (; contact_roles[n]; n++) {
        snprintf(c.role, sizeof c.role, "%s", contact_roles[n]);
        assert_int_equal(contact_validate(&c, &e), ERR_OK);
    }
    assert_int_equal(n, CONTACT_ROLE_COUNT);
    snprintf(c.role, sizeof c.role, "ceo");
    assert_int_equal(contact_validate(&c, &e), ERR_INVALID);
    for (int i = 0; i < n; i++)
        assert_non_null(strstr(e.msg, contact_roles[i])); /* the refusal lists them all */
}

/* -------------------------------------------------------- create, unique */

static void test_create_then_get_round_trips(void **state)
{
    struct fixture *f = *state;
    struct app david = test_app_as(f->db, "david");
    struct account a = valid_account("SG", "Société Générale");
    a.rep_id = test_app_as(f->db, "alice").user.id;
    a.credit_limit = 500000;
    struct err e = {0};
    assert_int_equal(account_create(&david, &a, &e), ERR_OK);
    assert_true(a.id > 0);
    assert_int_equal(a.version, 1);
    struct account got;
    assert_int_equal(account_get(&david, a.id, &got, &e), ERR_OK);
    assert_string_equal(got.name, "Société Générale");
    assert_string_equal(got.rep_login, "alice");
    assert_int_equal(got.credit_limit, 500000);
    assert_int_equal(account_find_code(&david, "SG", &got, &e), ERR_OK);
    assert_int_equal(got.id, a.id);
    assert_int_equal(account_find_code(&david, "NOPE", &got, &e), ERR_NOTFOUND);
}

static void test_duplicate_code_names_the_code(void **state)
{
    struct fixture *f = *state;
    struct app david = test_app_as(f->db, "david");
    struct account a = valid_account("ACME", "Acme"), b = valid_account("ACME", "Other");
    struct err e = {0};
    assert_int_equal(account_create(&david, &a, &e), ERR_OK);
    assert_err_field(account_create(&david, &b, &e), e, ERR_EXISTS, "code");
    assert_string_equal(e.msg, "code 'ACME' already exists");
    assert_int_equal(b.id, 0); /* the caller's struct keeps what was typed */
    assert_int_equal(test_audit_count(f->db, "account", "ACME"), 1);
}

/* --------------------------------------------------------------- paging */

static struct account data[NDATA];
static int sort_mode;

static void fill_data(struct db *db)
{
    static const char *const names[NDATA] = {"Acme",
                                             "acme",
                                             "Boulangerie Martin",
                                             "Société Générale",
                                             "株式会社トヨタ",
                                             "Zeta GmbH",
                                             "alpha",
                                             "Alpha",
                                             "Émile Frères",
                                             "Müller AG",
                                             "Beta",
                                             "Acme",
                                             "Delta Ltd",
                                             "Gamma SA",
                                             "Omega",
                                             "Épicerie",
                                             "Tomo",
                                             "株式会社ソニー",
                                             "Zulu",
                                             "yankee",
                                             "Kilo",
                                             "Lima",
                                             "Mike"};
    static const char *const cities[] = {"Paris", "lyon", "Berlin", "Tokyo", "paris", "Madrid", "東京"};
    struct user alice, bruno;
    struct err e = {0};
    assert_int_equal(user_store_find_login(db, "alice", &alice, &e), ERR_OK);
    assert_int_equal(user_store_find_login(db, "bruno", &bruno, &e), ERR_OK);
    for (int i = 0; i < NDATA; i++) {
        struct account *a = &data[i];
        memset(a, 0, sizeof *a);
        snprintf(a->code, sizeof a->code, "%c%02d", "AbCdE"[i % 5], (i * 7) % 23);
        snprintf(a->name, sizeof a->name, "%s", names[i]);
        snprintf(a->city, sizeof a->city, "%s", cities[i % 7]);
        snprintf(a->email, sizeof a->email, "%s", i % 2 ? "info@example.com" : "sales@shop.fr");
        a->open_balance = (i * 37) % 11 * 1000 - 3000;
        a->rep_id = i % 3 == 0 ? alice.id : i % 3 == 1 ? bruno.id : 0;
        assert_int_equal(account_store_insert(db, a, &e), ERR_OK);
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

static const char *sort_text(const struct account *a)
{
    return sort_mode == ACCOUNT_SORT_CODE ? a->code : sort_mode == ACCOUNT_SORT_CITY ? a->city : a->name;
}

static int compare_accounts(const void *x, const void *y)
{
    const struct account *a = x, *b = y;
    int c = 0;
    if (sort_mode == ACCOUNT_SORT_BALANCE)
        c = (a->open_balance > b->open_balance) - (a->open_balance < b->open_balance);
    else
        c = sort_mode == ACCOUNT_SORT_CODE ? test_nocase_cmp(a->code, b->code)
                                           : sort_key_cmp(sort_text(a), sort_text(b));
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* ASCII-case-insensitive substring, as the trigram index matches ASCII. */
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
    size_t n = strlen(prefix);
    char head[256];
    snprintf(head, sizeof head, "%.*s", (int)n, s);
    return test_nocase_cmp(head, prefix) == 0;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static bool matches(const struct account *a, const char *filter, int64_t owner)
{
    if (owner && a->rep_id != owner)
        return false;
    if (filter == NULL || filter[0] == '\0')
        return true;
    if (utf8_chars(filter) < 3)
        return nocase_prefix(a->name, filter) || nocase_prefix(a->code, filter);
    return contains(a->code, filter) || contains(a->name, filter) || contains(a->email, filter) ||
           contains(a->phone, filter);
}

/* The ids the list must show, in display order. */
static int expected_ids(int sort, bool desc, const char *filter, int64_t owner, int64_t *ids)
{
    struct account sorted[NDATA];
    memcpy(sorted, data, sizeof data);
    sort_mode = sort;
    qsort(sorted, NDATA, sizeof sorted[0], compare_accounts);
    int n = 0;
    for (int i = 0; i < NDATA; i++) {
        const struct account *a = &sorted[desc ? NDATA - 1 - i : i];
        if (matches(a, filter, owner))
            ids[n++] = a->id;
    }
    return n;
}

static int page_of(struct app *app, const struct page_req *q, void *rows, int *count, struct err *e)
{
    return account_page(app, q, rows, count, e);
}

static void cursor_of(const void *row, int sort, struct page_cursor *c)
{
    account_store_cursor(row, sort, c);
}

static int64_t id_of(const void *row)
{
    return ((const struct account *)row)->id;
}

static const struct test_lister accounts_lister = {page_of, cursor_of, id_of, sizeof(struct account)};

static void check_paging(struct app *app, int sort, bool desc, const char *filter)
{
    int64_t want[NDATA];
    int64_t owner = rights_allows(app->user.role, ACT_ACCOUNT_VIEW_ALL) ? 0 : app->user.id;
    int nwant = expected_ids(sort, desc, filter, owner, want);
    test_check_paging(app, &accounts_lister, sort, desc, filter, want, nwant, PAGE);
}

static void test_paging_walks_every_sort_both_ways(void **state)
{
    struct fixture *f = *state;
    fill_data(f->db);
    struct app david = test_app_as(f->db, "david");
    for (int sort = ACCOUNT_SORT_NAME; sort <= ACCOUNT_SORT_BALANCE; sort++) {
        check_paging(&david, sort, false, NULL);
        check_paging(&david, sort, true, NULL);
    }
}

static void test_short_filter_is_a_prefix_of_name_or_code(void **state)
{
    struct fixture *f = *state;
    fill_data(f->db);
    struct app david = test_app_as(f->db, "david");
    static const char *const filters[] = {"ac", "A", "b", "É", "z"};
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
        for (int sort = ACCOUNT_SORT_NAME; sort <= ACCOUNT_SORT_BALANCE; sort++) {
            check_paging(&david, sort, false, filters[i]);
            check_paging(&david, sort, true, filters[i]);
        }
    struct page_req q = {.filter = "ac", .limit = PAGE};
    int64_t n = 0;
    struct err e = {0};
    assert_int_equal(account_store_count(f->db, &q, &n, &e), ERR_OK);
    assert_int_equal(n, 3); /* Acme, acme, Acme */
}

static void test_long_filter_uses_trigrams_with_accents_and_japanese(void **state)
{
    struct fixture *f = *state;
    fill_data(f->db);
    struct app david = test_app_as(f->db, "david");
    struct account rows[PAGE];
    int count = 0;
    struct err e = {0};
    struct page_req q = {.filter = "Générale", .limit = PAGE};
    assert_int_equal(account_page(&david, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 1);
    assert_string_equal(rows[0].name, "Société Générale");
    q.filter = "  Générale ";
    assert_int_equal(account_page(&david, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 1);
    q.filter = "   "; /* only spaces: no filter */
    assert_int_equal(account_page(&david, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, PAGE);
    q.filter = "株式会社";
    assert_int_equal(account_page(&david, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 2);
    assert_string_equal(rows[0].name, "株式会社ソニー"); /* by name: ソ before ト */
    assert_string_equal(rows[1].name, "株式会社トヨタ");
    q.filter = "cme"; /* inside the word, not a prefix */
    assert_int_equal(account_page(&david, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 3);
    /* "example" is in half the e-mails: more than one page */
    for (int sort = ACCOUNT_SORT_NAME; sort <= ACCOUNT_SORT_BALANCE; sort++) {
        check_paging(&david, sort, false, "example");
        check_paging(&david, sort, true, "example");
        check_paging(&david, sort, false, "株式会社");
    }
}

static void test_rep_lists_only_own_accounts(void **state)
{
    struct fixture *f = *state;
    fill_data(f->db);
    struct app alice = test_app_as(f->db, "alice");
    for (int sort = ACCOUNT_SORT_NAME; sort <= ACCOUNT_SORT_BALANCE; sort++) {
        check_paging(&alice, sort, false, NULL);
        check_paging(&alice, sort, true, "example");
    }
    /* asking for someone else's accounts does not widen a rep's view */
    struct page_req q = {.limit = 50, .owner_id = test_app_as(f->db, "bruno").user.id};
    struct account rows[50];
    int count = 0;
    struct err e = {0};
    assert_int_equal(account_page(&alice, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 8); /* i % 3 == 0 of 23 */
    for (int i = 0; i < count; i++)
        assert_int_equal(rows[i].rep_id, alice.user.id);
    /* support sees every account; a manager may narrow to one rep */
    struct app chloe = test_app_as(f->db, "chloe"), david = test_app_as(f->db, "david");
    check_paging(&chloe, ACCOUNT_SORT_NAME, false, NULL);
    assert_int_equal(account_page(&david, &q, rows, &count, &e), ERR_OK);
    assert_int_equal(count, 8); /* i % 3 == 1 of 23 */
    for (int i = 0; i < count; i++)
        assert_string_equal(rows[i].rep_login, "bruno");
}

/* ------------------------------------------------------ version conflict */

static void test_second_save_of_a_stale_copy_is_refused(void **state)
{
    struct fixture *f = *state;
    struct app david = test_app_as(f->db, "david"), emma = test_app_as(f->db, "emma");
    struct account a = valid_account("ACME", "Acme"), one, two;
    struct err e = {0};
    assert_int_equal(account_create(&david, &a, &e), ERR_OK);
    assert_int_equal(account_get(&david, a.id, &one, &e), ERR_OK);
    assert_int_equal(account_get(&emma, a.id, &two, &e), ERR_OK);
    snprintf(one.name, sizeof one.name, "Acme Industries");
    assert_int_equal(account_update(&david, &one, &e), ERR_OK);
    assert_int_equal(one.version, 2);
    snprintf(two.name, sizeof two.name, "Acme Corp");
    assert_err_field(account_update(&emma, &two, &e), e, ERR_CONFLICT, "version");
    /* issue 9: the refusal names who saved first and when, as a quote's does */
    assert_true(strncmp(e.msg, "account ACME was changed by david at ", 37) == 0);
    assert_non_null(strstr(e.msg, " — reload"));
    assert_string_equal(two.name, "Acme Corp"); /* what emma typed is still there */
    assert_int_equal(two.version, 1);
    struct account now;
    assert_int_equal(account_get(&david, a.id, &now, &e), ERR_OK);
    assert_string_equal(now.name, "Acme Industries");
    assert_int_equal(test_audit_count(f->db, "account", "ACME"), 2);
}

/* --------------------------------------------------------------- rights */

static void test_rep_who_creates_an_account_becomes_its_rep(void **state)
{
    struct fixture *f = *state;
    struct app alice = test_app_as(f->db, "alice");
    struct account a = valid_account("ALC", "Alice's client");
    struct err e = {0};
    assert_int_equal(account_create(&alice, &a, &e), ERR_OK);
    assert_int_equal(a.rep_id, alice.user.id);
    assert_string_equal(a.rep_login, "alice");
}

static void test_rep_may_not_give_an_account_to_another_rep(void **state)
{
    struct fixture *f = *state;
    struct app alice = test_app_as(f->db, "alice"), bruno = test_app_as(f->db, "bruno");
    struct account a = valid_account("ALC", "Alice's client");
    a.rep_id = bruno.user.id;
    struct err e = {0};
    assert_err_field(account_create(&alice, &a, &e), e, ERR_DENIED, "rep");
    a.rep_id = 0;
    assert_int_equal(account_create(&alice, &a, &e), ERR_OK);
    a.rep_id = bruno.user.id;
    assert_err_field(account_update(&alice, &a, &e), e, ERR_DENIED, "rep");
    struct app david = test_app_as(f->db, "david");
    assert_int_equal(account_update(&david, &a, &e), ERR_OK);
    assert_string_equal(a.rep_login, "bruno");
}

static void test_support_may_not_create_or_edit_accounts(void **state)
{
    struct fixture *f = *state;
    struct app chloe = test_app_as(f->db, "chloe"), root = test_app_as(f->db, "root");
    struct account a = valid_account("SUP", "Support's try");
    struct err e = {0};
    assert_int_equal(account_create(&chloe, &a, &e), ERR_DENIED);
    assert_non_null(strstr(e.msg, "chloe (support) may not create accounts"));
    assert_int_equal(account_create(&root, &a, &e), ERR_OK);
    struct account seen;
    assert_int_equal(account_get(&chloe, a.id, &seen, &e), ERR_OK);
    snprintf(seen.name, sizeof seen.name, "Renamed by support");
    assert_int_equal(account_update(&chloe, &seen, &e), ERR_DENIED);
    assert_int_equal(test_audit_count(f->db, "account", "SUP"), 1);
}

static void test_rep_sees_and_edits_only_own_accounts(void **state)
{
    struct fixture *f = *state;
    struct app alice = test_app_as(f->db, "alice"), bruno = test_app_as(f->db, "bruno");
    struct app david = test_app_as(f->db, "david"), root = test_app_as(f->db, "root");
    struct account a = valid_account("BRU", "Bruno's client"), seen;
    struct err e = {0};
    assert_int_equal(account_create(&bruno, &a, &e), ERR_OK);
    assert_int_equal(account_get(&alice, a.id, &seen, &e), ERR_DENIED);
    assert_non_null(strstr(e.msg, "belongs to another rep"));
    assert_int_equal(account_find_code(&alice, "BRU", &seen, &e), ERR_DENIED);
    struct account typed = a;
    snprintf(typed.name, sizeof typed.name, "Taken by Alice");
    assert_int_equal(account_update(&alice, &typed, &e), ERR_DENIED);
    assert_int_equal(account_get(&bruno, a.id, &seen, &e), ERR_OK);
    snprintf(seen.name, sizeof seen.name, "Bruno's best client");
    assert_int_equal(account_update(&bruno, &seen, &e), ERR_OK);
    /* managers and admins see and edit every account */
    assert_int_equal(account_get(&david, a.id, &seen, &e), ERR_OK);
    snprintf(seen.tier, sizeof seen.tier, "gold");
    assert_int_equal(account_update(&david, &seen, &e), ERR_OK);
    snprintf(seen.tier, sizeof seen.tier, "platinum");
    assert_int_equal(account_update(&root, &seen, &e), ERR_OK);
    assert_int_equal(seen.version, 4);
}

/* ---------------------------------------------------------------- audit */

static void test_changes_are_audited_with_before_and_after(void **state)
{
    struct fixture *f = *state;
    struct app alice = test_app_as(f->db, "alice");
    struct account a = valid_account("AUD", "Old Name");
    struct err e = {0};
    assert_int_equal(account_create(&alice, &a, &e), ERR_OK);
    snprintf(a.name, sizeof a.name, "New Name");
    assert_int_equal(account_update(&alice, &a, &e), ERR_OK);
    struct rows rows_read = {0};
    assert_int_equal(audit_store_for_object(f->db, "account", "AUD", NULL, &rows_read, &e), ERR_OK);
    const struct audit_entry *rows = rows_read.items;
    int n = rows_read.n;
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].action, "update");
    assert_string_equal(rows[0].user_login, "alice");
    assert_non_null(strstr(rows[0].before_json, "Old Name"));
    assert_non_null(strstr(rows[0].after_json, "New Name"));
    assert_null(strstr(rows[0].after_json, "Old Name"));
    assert_string_equal(rows[1].action, "create");
    assert_null(rows[1].before_json);
    assert_non_null(strstr(rows[1].after_json, "Old Name"));
    audit_entries_free(&rows_read);
}

/* ------------------------------------------------------------- contacts */

/* 101 contacts: all of them read, and a window of 100 says 1 more (a table
 * of one page used to stop at 100 as if that were all). */
static void test_an_account_with_101_contacts_lists_them_all(void **state)
{
    struct fixture *f = *state;
    struct app alice = test_app_as(f->db, "alice");
    struct account a = valid_account("MANY", "Many People SA");
    assert_int_equal(account_create(&alice, &a, NULL), ERR_OK);
    for (int i = 0; i < 101; i++) {
        struct contact c = {.account_id = a.id};
        snprintf(c.name, sizeof c.name, "Person %03d", i);
        snprintf(c.role, sizeof c.role, "buyer");
        assert_int_equal(contact_add(&alice, &c, NULL), ERR_OK);
    }
    struct rows got = {0};
    assert_int_equal(contact_list(&alice, a.id, NULL, &got, NULL), ERR_OK);
    assert_int_equal(got.n, 101);
    assert_string_equal(((const struct contact *)got.items)[100].name, "Person 100");
    struct page_req q = {.limit = 100};
    assert_int_equal(contact_list(&alice, a.id, &q, &got, NULL), ERR_OK);
    assert_int_equal(got.n, 100);
    assert_int_equal(got.more, 1);
    contact_cursor(rows_at(&got, 99), &q.cursor);
    q.has_cursor = true;
    assert_int_equal(contact_list(&alice, a.id, &q, &got, NULL), ERR_OK);
    assert_int_equal(got.n, 1);
    assert_string_equal(((const struct contact *)got.items)[0].name, "Person 100");
    rows_free(&got);
}

/* Issue 9: contacts had no guard; a stale copy overwrote what another saved. */
static void test_a_stale_contact_is_refused_naming_who_saved(void **state)
{
    struct fixture *f = *state;
    struct app alice = test_app_as(f->db, "alice"), david = test_app_as(f->db, "david");
    struct account a = valid_account("OSA", "大阪商事");
    struct err e = {0};
    assert_int_equal(account_create(&alice, &a, &e), ERR_OK);
    struct contact c = {.account_id = a.id}, mine, theirs;
    snprintf(c.name, sizeof c.name, "Jean Dupont");
    snprintf(c.role, sizeof c.role, "buyer");
    assert_int_equal(contact_add(&alice, &c, &e), ERR_OK);
    assert_int_equal(contact_get(&alice, c.id, &mine, &e), ERR_OK);
    assert_int_equal(contact_get(&david, c.id, &theirs, &e), ERR_OK);
    snprintf(theirs.updated_at, sizeof theirs.updated_at, "2000-01-01T00:00:00Z"); /* read long ago */
    snprintf(mine.title, sizeof mine.title, "Acheteur");
    assert_int_equal(contact_update(&alice, &mine, &e), ERR_OK);
    snprintf(theirs.phone, sizeof theirs.phone, "+33 6 00 00 00 00");
    assert_err_field(contact_update(&david, &theirs, &e), e, ERR_CONFLICT, "version");
    assert_true(strncmp(e.msg, "contact Jean Dupont was changed by alice at ", 44) == 0);
    struct contact now;
    assert_int_equal(contact_get(&david, c.id, &now, &e), ERR_OK);
    assert_string_equal(now.title, "Acheteur");
    assert_string_equal(now.phone, ""); /* nothing of the stale save */
    struct app bruno = test_app_as(f->db, "bruno");
    assert_int_equal(contact_get(&bruno, c.id, &now, &e), ERR_DENIED); /* another rep's account */
}

static void test_contacts_are_added_listed_updated_and_audited(void **state)
{
    struct fixture *f = *state;
    struct app alice = test_app_as(f->db, "alice"), bruno = test_app_as(f->db, "bruno");
    struct account a = valid_account("KAI", "株式会社カイ");
    struct err e = {0};
    assert_int_equal(account_create(&alice, &a, &e), ERR_OK);
    struct contact c = {.account_id = a.id};
    snprintf(c.name, sizeof c.name, "佐藤 花子");
    snprintf(c.role, sizeof c.role, "approver");
    snprintf(c.email, sizeof c.email, "hanako@kai.co.jp");
    assert_int_equal(contact_add(&alice, &c, &e), ERR_OK);
    assert_true(c.id > 0);
    assert_string_equal(c.account_code, "KAI");
    struct contact other = c;
    assert_int_equal(contact_add(&bruno, &other, &e), ERR_DENIED);
    struct rows got = {0};
    assert_int_equal(contact_list(&bruno, a.id, NULL, &got, &e), ERR_DENIED);
    assert_int_equal(contact_list(&alice, a.id, NULL, &got, &e), ERR_OK);
    assert_int_equal(got.n, 1);
    assert_string_equal(((const struct contact *)got.items)[0].name, "佐藤 花子");
    rows_free(&got);
    snprintf(c.title, sizeof c.title, "Purchasing");
    assert_int_equal(contact_update(&bruno, &c, &e), ERR_DENIED);
    assert_int_equal(contact_update(&alice, &c, &e), ERR_OK);
    char key[64];
    snprintf(key, sizeof key, "KAI/%lld", (long long)c.id);
    assert_int_equal(test_audit_count(f->db, "contact", key), 2);
    snprintf(c.role, sizeof c.role, "chief");
    assert_err_field(contact_update(&alice, &c, &e), e, ERR_INVALID, "role");
}

static void test_contact_export_pages_by_account_code(void **state)
{
    struct fixture *f = *state;
    struct app david = test_app_as(f->db, "david");
    static const char *const codes[] = {"ZED", "ALP", "MID"};
    struct err e = {0};
    for (int i = 0; i < 3; i++) {
        struct account a = valid_account(codes[i], codes[i]);
        assert_int_equal(account_create(&david, &a, &e), ERR_OK);
        for (int k = 0; k < 3; k++) {
            struct contact c = {.account_id = a.id};
            snprintf(c.name, sizeof c.name, "Contact %d", k);
            snprintf(c.role, sizeof c.role, "buyer");
            assert_int_equal(contact_add(&david, &c, &e), ERR_OK);
        }
    }
    struct page_req q = {.limit = 4};
    struct contact rows[4];
    char seen[10][33];
    int total = 0, count = 0;
    do {
        assert_int_equal(contact_store_page(f->db, &q, rows, &count, &e), ERR_OK);
        for (int i = 0; i < count; i++)
            snprintf(seen[total++], sizeof seen[0], "%s", rows[i].account_code);
        if (count > 0) {
            snprintf(q.cursor.text, sizeof q.cursor.text, "%s", rows[count - 1].account_code);
            q.cursor.id = rows[count - 1].id;
            q.has_cursor = true;
        }
    } while (count == 4);
    assert_int_equal(total, 9);
    assert_string_equal(seen[0], "ALP");
    assert_string_equal(seen[3], "MID");
    assert_string_equal(seen[8], "ZED");
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
    struct user rep;
    assert_int_equal(user_store_find_login(db, "alice", &rep, &e), ERR_OK);
    int n = 0;
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++)
        for (int i = 0; i < runs[r]; i++, n++) {
            char email[64];
            snprintf(email, sizeof email, "%s%d@%s.example", n % 17 == 0 ? "mar" : "p", n,
                     n % 5 ? "mail" : "post");
            char code[16];
            snprintf(code, sizeof code, "C%03d", (n * 37) % 101);
            struct account c = valid_account(code, names[r]);
            snprintf(c.email, sizeof c.email, "%s", email);
            snprintf(c.city, sizeof c.city, "%s", n % 3 ? "Lyon" : "Paris");
            c.open_balance = (n * 13) % 7 * 100;
            c.rep_id = n % 2 ? rep.id : 0;
            assert_int_equal(account_store_insert(db, &c, &e), ERR_OK);
        }
}

/* Every page forward, then every page back from the end: the ids in order. */
static int walk_all_pages(struct app *app, int sort, bool desc, const char *filter, int64_t *ids, int max)
{
    return test_walk_all_pages(app, &accounts_lister, sort, desc, filter, ids, max);
}

static void test_bounded_walks_give_the_trigram_results_in_order(void **state)
{
    struct fixture *f = *state;
    fill_runs(f->db);
    struct app chloe = test_app_as(f->db, "chloe"), alice = test_app_as(f->db, "alice");
    struct app *who[] = {&chloe, &alice}; /* alice is a rep: her accounts only */
    static const char *const filters[] = {"mar", "MAR", "kar", "arl", "mél", "ART", "example", "c01", "zzz"};
    static const int windows[][2] = {{1000, 60000}, {5, 0}, {0, 7}, {5, 7}, {2, 2}, {200, 0}};
    static int64_t want[400], got[400];
    for (int u = 0; u < 2; u++)
        for (size_t fi = 0; fi < sizeof filters / sizeof filters[0]; fi++)
            for (int sort = ACCOUNT_SORT_NAME; sort <= ACCOUNT_SORT_BALANCE; sort++)
                for (int desc = 0; desc < 2; desc++) {
                    db_page_set_walk_windows(f->db, 0, 0); /* the trigram sort alone */
                    int nwant = walk_all_pages(who[u], sort, desc, filters[fi], want, 400);
                    for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++) {
                        db_page_set_walk_windows(f->db, windows[w][0], windows[w][1]);
                        int ngot = walk_all_pages(who[u], sort, desc, filters[fi], got, 400);
                        assert_int_equal(ngot, nwant);
                        assert_memory_equal(got, want, sizeof want[0] * (size_t)nwant);
                    }
                }
    db_page_set_walk_windows(f->db, 0, 0);
    int64_t kelvin[8];
    assert_int_equal(walk_all_pages(&chloe, ACCOUNT_SORT_NAME, false, "kar", kelvin, 8), 1);
    db_page_set_walk_windows(f->db, 1000, 0); /* LIKE alone would miss the KELVIN SIGN */
    assert_int_equal(walk_all_pages(&chloe, ACCOUNT_SORT_NAME, false, "kar", kelvin, 8), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_account_passes_with_accents_and_japanese),
        cmocka_unit_test(test_account_validation_names_the_field),
        cmocka_unit_test(test_account_email_must_have_one_at_and_a_dot_after_it),
        cmocka_unit_test(test_too_long_text_says_the_maximum),
        cmocka_unit_test(test_invalid_utf8_is_refused),
        cmocka_unit_test(test_contact_validation_names_the_field),
        cmocka_unit_test(test_every_contact_role_offered_is_accepted_and_named),
        cmocka_unit_test_setup_teardown(test_create_then_get_round_trips, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_code_names_the_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paging_walks_every_sort_both_ways, setup, teardown),
        cmocka_unit_test_setup_teardown(test_short_filter_is_a_prefix_of_name_or_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_filter_uses_trigrams_with_accents_and_japanese, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rep_lists_only_own_accounts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_save_of_a_stale_copy_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rep_who_creates_an_account_becomes_its_rep, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rep_may_not_give_an_account_to_another_rep, setup, teardown),
        cmocka_unit_test_setup_teardown(test_support_may_not_create_or_edit_accounts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rep_sees_and_edits_only_own_accounts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changes_are_audited_with_before_and_after, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contacts_are_added_listed_updated_and_audited, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_stale_contact_is_refused_naming_who_saved, setup, teardown),
        cmocka_unit_test_setup_teardown(test_an_account_with_101_contacts_lists_them_all, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contact_export_pages_by_account_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bounded_walks_give_the_trigram_results_in_order, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
