/* Nobody approves their own work, even through --as: the one maker-checker
 * rule (app_require_checker) compares the real person behind --as as well as
 * the user acted as, on both sides; approvals, the quote timeline, order
 * history and the audit log record both ("root as david"). */
#include <sqlite3.h>

#include "src/b2b/quotes.h"
#include "testutil.h"

struct fixture {
    char path[64];
    struct db *db;
    struct app alice, david, emma, root;
};

/* root (the admin, the person at the terminal) acting as login. */
static struct app root_as(struct db *db, const char *login)
{
    struct app app = test_app_as(db, login);
    struct app root = test_app_as(db, "root");
    app.real_id = root.user.id;
    snprintf(app.real_login, sizeof app.real_login, "root");
    return app;
}

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    f->db = test_db_new(f->path);
    f->alice = test_app_as(f->db, "alice");
    f->david = test_app_as(f->db, "david");
    f->emma = test_app_as(f->db, "emma");
    f->root = test_app_as(f->db, "root");
    struct account a = {.payment_terms_days = 30, .rep_id = f->alice.user.id};
    snprintf(a.code, sizeof a.code, "ACME");
    snprintf(a.name, sizeof a.name, "Acme Industries");
    assert_int_equal(account_store_insert(f->db, &a, NULL), ERR_OK);
    struct product p = {
        .list_price = 10000, .unit_cost = 6000, .min_order_qty = 1, .pack_size = 1, .active = true};
    snprintf(p.sku, sizeof p.sku, "P1");
    snprintf(p.name, sizeof p.name, "Torch");
    snprintf(p.tax_class, sizeof p.tax_class, "standard");
    assert_int_equal(product_store_insert(f->db, &p, NULL), ERR_OK);
    struct approval_rule r = {.condition = APPROVAL_LINE_DISCOUNT,
                              .threshold = 1500,
                              .approver_role = ROLE_MANAGER,
                              .approvals_needed = 2,
                              .level = 1,
                              .active = true};
    snprintf(r.name, sizeof r.name, "two managers");
    assert_int_equal(approval_rule_save(&f->david, &r, NULL), ERR_OK);
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

/* A quote made and submitted by maker, waiting for two managers. */
static struct quote pending_by(struct app *maker)
{
    struct quote q;
    assert_int_equal(quote_create(maker, "ACME", 0, &q, NULL), ERR_OK);
    assert_int_equal(quote_add_line(maker, &q, "P1", 10, MANUAL_DISCOUNT, 2000, NULL, NULL, NULL), ERR_OK);
    assert_int_equal(quote_submit(maker, &q, NULL), ERR_OK);
    assert_int_equal(q.status, QUOTE_PENDING);
    return q;
}

static void test_the_rule_compares_both_people_on_both_sides(void **state)
{
    struct fixture *f = *state;
    struct app root_as_david = root_as(f->db, "david");
    struct err e = {0};
    struct actor made_by_root = {f->root.user.id, f->root.user.id};
    struct actor made_by_root_as_alice = {f->alice.user.id, f->root.user.id};
    struct actor made_by_alice = {f->alice.user.id, f->alice.user.id};
    assert_int_equal(app_require_checker(&root_as_david, &made_by_root, 1, "quote", "Q-1", &e), ERR_DENIED);
    assert_non_null(strstr(e.msg, "even through --as: Q-1 is root's (you are root as david)"));
    assert_int_equal(app_require_checker(&root_as_david, &made_by_root_as_alice, 1, "quote", "Q-1", &e),
                     ERR_DENIED);
    assert_int_equal(app_require_checker(&root_as_david, &made_by_alice, 1, "quote", "Q-1", &e), ERR_OK);
    assert_int_equal(app_require_checker(&f->alice, &made_by_root_as_alice, 1, "refund", "R-1", &e),
                     ERR_DENIED);
    assert_non_null(strstr(e.msg, "nobody approves their own refund: R-1 is alice's"));
    assert_int_equal(app_require_checker(&f->david, &made_by_root_as_alice, 1, "quote", "Q-1", &e), ERR_OK);
}

static void test_the_admin_does_not_approve_their_own_quote_as_a_manager(void **state)
{
    struct fixture *f = *state;
    struct quote q = pending_by(&f->root);
    struct app root_as_david = root_as(f->db, "david");
    struct err e = {0};
    assert_int_equal(quote_approve(&root_as_david, &q, NULL, &e), ERR_DENIED);
    assert_non_null(strstr(e.msg, "even through --as"));
    assert_int_equal(q.status, QUOTE_PENDING);
    /* the schema says no too: the real approver is the owner */
    struct approval a = {.quote_id = q.id,
                         .revision_id = q.revision_id,
                         .approver_id = f->david.user.id,
                         .real_approver_id = f->root.user.id,
                         .decision = APPROVAL_APPROVE};
    assert_int_equal(approval_store_insert(f->db, &a, &e), ERR_DENIED);
}

static void test_what_the_admin_submitted_as_a_rep_they_do_not_approve(void **state)
{
    struct fixture *f = *state;
    struct app root_as_alice = root_as(f->db, "alice");
    struct app root_as_david = root_as(f->db, "david");
    struct quote q = pending_by(&root_as_alice);
    struct err e = {0};
    assert_int_equal(quote_approve(&root_as_david, &q, NULL, &e), ERR_DENIED);
    assert_int_equal(quote_approve(&f->david, &q, NULL, &e), ERR_OK); /* david himself may */
}

static void test_one_person_as_two_managers_counts_once(void **state)
{
    struct fixture *f = *state;
    struct quote q = pending_by(&f->alice);
    struct app root_as_david = root_as(f->db, "david");
    struct app root_as_emma = root_as(f->db, "emma");
    struct err e = {0};
    assert_int_equal(quote_approve(&root_as_david, &q, NULL, &e), ERR_OK);
    assert_int_equal(q.status, QUOTE_PENDING);
    assert_int_equal(quote_approve(&root_as_emma, &q, NULL, &e), ERR_STATE);
    assert_non_null(strstr(e.msg, "already approved"));
    assert_int_equal(quote_approve(&f->emma, &q, NULL, &e), ERR_OK);
    assert_int_equal(q.status, QUOTE_APPROVED);
}

static void test_records_show_both_people(void **state)
{
    struct fixture *f = *state;
    struct quote q = pending_by(&f->alice);
    struct app root_as_david = root_as(f->db, "david");
    assert_int_equal(quote_approve(&root_as_david, &q, "fine", NULL), ERR_OK);
    struct rows events = {0};
    assert_int_equal(quote_events(&f->alice, &q, NULL, &events, NULL), ERR_OK);
    const struct quote_event *last = rows_at(&events, events.n - 1);
    assert_string_equal(last->kind, "approve");
    assert_string_equal(last->user_login, "root as david");
    const struct quote_event *first = rows_at(&events, 0);
    assert_string_equal(first->user_login, "alice");
    rows_free(&events);
    struct quote_view *v = NULL;
    assert_int_equal(quote_view_load(&f->alice, q.number, &v, NULL), ERR_OK);
    assert_int_equal(v->napprovals, 1);
    assert_string_equal(v->approvals[0].approver_login, "root as david");
    quote_view_free(&v);
    struct rows audit = {0};
    assert_int_equal(audit_store_for_object(f->db, "quote", q.number, NULL, &audit, NULL), ERR_OK);
    const struct audit_entry *newest = rows_at(&audit, 0);
    assert_string_equal(newest->user_login, "root as david");
    assert_int_equal(newest->real_user_id, f->root.user.id);
    assert_int_equal(newest->user_id, f->david.user.id);
    audit_entries_free(&audit);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_the_rule_compares_both_people_on_both_sides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_the_admin_does_not_approve_their_own_quote_as_a_manager, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_what_the_admin_submitted_as_a_rep_they_do_not_approve, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_one_person_as_two_managers_counts_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_records_show_both_people, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
