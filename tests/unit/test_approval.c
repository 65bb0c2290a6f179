/* Approval rules: matching and its reasons, levels that stack, the count of
 * approvals (distinct people, never the owner, admins for managers). */
#include "src/b2b/quotes.h"
#include "src/base/names.h"
#include "testutil.h"

static struct approval_rule rule(int64_t id, const char *name, enum approval_condition c, int64_t threshold,
                                 enum role role, int needed, int level)
{
    struct approval_rule r = {.id = id,
                              .condition = c,
                              .threshold = threshold,
                              .approver_role = role,
                              .approvals_needed = needed,
                              .level = level,
                              .active = true};
    snprintf(r.name, sizeof r.name, "%s", name);
    return r;
}

/* Four lines of 100.00 costing 60.00 each; line_discounts in bp per line. */
static void quote_with(struct price_line lines[4], const int64_t discounts[4], int64_t cost,
                       struct priced_quote *pq)
{
    for (int i = 0; i < 4; i++) {
        memset(&lines[i], 0, sizeof lines[i]);
        lines[i].line.line_no = i + 1;
        lines[i].line.quantity = 1;
        lines[i].line.list_price = lines[i].line.base_price = 10000;
        lines[i].line.manual = MANUAL_DISCOUNT;
        lines[i].line.manual_value = discounts[i];
        lines[i].line.unit_cost = cost;
        lines[i].line.tax_rate_bp = 2000;
        assert_int_equal(pricing_apply_manual(&lines[i], NULL), ERR_OK);
    }
    assert_int_equal(pricing_total(lines, 4, 0, 0, pq, NULL), ERR_OK);
}

static const struct approval_terms standard_terms = {.payment_terms_days = 30, .account_terms_days = 30};

static void test_no_rule_matched_needs_nothing(void **state)
{
    (void)state;
    struct approval_rule rules[] = {rule(1, "rep limit", APPROVAL_LINE_DISCOUNT, 1500, ROLE_MANAGER, 1, 1)};
    struct price_line lines[4];
    struct priced_quote pq;
    struct approval_result res;
    quote_with(lines, (const int64_t[]){0, 1000, 1500, 0}, 6000, &pq);
    approval_match(rules, 1, &pq, &standard_terms, &res);
    assert_int_equal(res.level, 0);
    assert_int_equal(res.nneeds, 0);
    assert_int_equal(res.nreasons, 0);
    assert_true(approval_count(&res, NULL, 0, 2));
}

static void test_reasons_name_the_line_and_the_floor(void **state)
{
    (void)state;
    struct approval_rule rules[] = {rule(1, "rep limit", APPROVAL_LINE_DISCOUNT, 1500, ROLE_MANAGER, 1, 1),
                                    rule(2, "floor", APPROVAL_MARGIN, 1200, ROLE_MANAGER, 1, 1)};
    struct price_line lines[4];
    struct priced_quote pq;
    struct approval_result res;
    /* 378.00 for 347.76 of cost: a margin of 8 % */
    quote_with(lines, (const int64_t[]){0, 0, 2200, 0}, 8694, &pq);
    approval_match(rules, 2, &pq, &standard_terms, &res);
    char text[400];
    approval_reasons_text(&res, "; ", text, sizeof text);
    assert_string_equal(text, "line 3: 22 % > rep limit 15 %; margin 8.00 % < floor 12 %");
    assert_int_equal(res.nneeds, 1);
    assert_int_equal(res.needs[0].role, ROLE_MANAGER);
    assert_int_equal(res.needs[0].count, 1);
    assert_int_equal(res.reasons[0].line_no, 3);
}

static void test_levels_stack_to_two_managers_over_30_percent(void **state)
{
    (void)state;
    struct approval_rule rules[] = {
        rule(1, "rep limit", APPROVAL_LINE_DISCOUNT, 1500, ROLE_MANAGER, 1, 1),
        rule(2, "manager limit", APPROVAL_LINE_DISCOUNT, 3000, ROLE_MANAGER, 2, 2),
    };
    struct price_line lines[4];
    struct priced_quote pq;
    struct approval_result res;
    quote_with(lines, (const int64_t[]){2000, 3500, 0, 0}, 5000, &pq);
    approval_match(rules, 2, &pq, &standard_terms, &res);
    assert_int_equal(res.level, 2);
    assert_int_equal(res.nneeds, 1);
    assert_int_equal(res.needs[0].count, 2);
    assert_int_equal(res.nreasons, 2); /* one per line: the strongest rule it breaks */
    assert_string_equal(res.reasons[0].text, "line 1: 20 % > rep limit 15 %");
    assert_string_equal(res.reasons[1].text, "line 2: 35 % > manager limit 30 %");
}

static void test_total_discount_total_and_terms_conditions(void **state)
{
    (void)state;
    struct approval_rule rules[] = {
        rule(1, "team limit", APPROVAL_TOTAL_DISCOUNT, 400, ROLE_MANAGER, 1, 1),
        rule(2, "big deal", APPROVAL_TOTAL, 30000, ROLE_ADMIN, 1, 3),
        rule(3, "standard terms", APPROVAL_PAYMENT_TERMS, 0, ROLE_MANAGER, 1, 1),
    };
    struct price_line lines[4];
    struct priced_quote pq;
    struct approval_result res;
    struct approval_terms terms = {.payment_terms_days = 60, .account_terms_days = 30};
    quote_with(lines, (const int64_t[]){1000, 1000, 0, 0}, 5000, &pq);
    approval_match(rules, 3, &pq, &terms, &res);
    char text[400];
    approval_reasons_text(&res, "; ", text, sizeof text);
    assert_string_equal(text, "total discount 5 % > team limit 4 %; total 380.00 > big deal 300.00; "
                              "payment terms 60 days > standard terms 30 days");
    rules[0].threshold = 500; /* 5 % is not above 5 % */
    approval_match(rules, 3, &pq, &terms, &res);
    assert_int_equal(res.nreasons, 2);
    assert_int_equal(res.nneeds, 2);
    assert_int_equal(res.level, 3);
}

static void test_inactive_rules_are_ignored(void **state)
{
    (void)state;
    struct approval_rule rules[] = {rule(1, "rep limit", APPROVAL_LINE_DISCOUNT, 1500, ROLE_MANAGER, 1, 1)};
    rules[0].active = false;
    struct price_line lines[4];
    struct priced_quote pq;
    struct approval_result res;
    quote_with(lines, (const int64_t[]){5000, 0, 0, 0}, 1000, &pq);
    approval_match(rules, 1, &pq, &standard_terms, &res);
    assert_int_equal(res.level, 0);
}

static struct approval approval_by(int64_t who, enum role role, enum approval_decision d)
{
    return (struct approval){.approver_id = who, .approver_role = role, .decision = d};
}

static void test_two_approvals_must_come_from_two_people(void **state)
{
    (void)state;
    struct approval_result res = {.nneeds = 1, .needs = {{.role = ROLE_MANAGER, .count = 2, .level = 2}}};
    struct approval a[3] = {approval_by(5, ROLE_MANAGER, APPROVAL_APPROVE),
                            approval_by(5, ROLE_MANAGER, APPROVAL_APPROVE)};
    assert_false(approval_count(&res, a, 2, 2));
    assert_int_equal(res.needs[0].have, 1);
    a[2] = approval_by(6, ROLE_MANAGER, APPROVAL_APPROVE);
    assert_true(approval_count(&res, a, 3, 2));
    char text[100];
    approval_needs_text(&res, text, sizeof text);
    assert_string_equal(text, "2 of 2 manager approvals");
}

static void test_owner_rep_superseded_and_rejections_do_not_count(void **state)
{
    (void)state;
    struct approval_result res = {.nneeds = 1, .needs = {{.role = ROLE_MANAGER, .count = 1, .level = 1}}};
    struct approval a[4] = {approval_by(5, ROLE_MANAGER, APPROVAL_APPROVE), /* the owner */
                            approval_by(2, ROLE_REP, APPROVAL_APPROVE),
                            approval_by(6, ROLE_MANAGER, APPROVAL_REJECT),
                            approval_by(7, ROLE_MANAGER, APPROVAL_APPROVE)};
    snprintf(a[3].superseded_at, sizeof a[3].superseded_at, "2026-11-25T10:00:00Z");
    assert_false(approval_count(&res, a, 4, 5));
    a[3].superseded_at[0] = '\0';
    assert_true(approval_count(&res, a, 4, 5));
}

static void test_an_admin_may_approve_for_a_manager_not_the_reverse(void **state)
{
    (void)state;
    assert_true(approval_role_qualifies(ROLE_ADMIN, ROLE_MANAGER));
    assert_false(approval_role_qualifies(ROLE_MANAGER, ROLE_ADMIN));
    assert_false(approval_role_qualifies(ROLE_REP, ROLE_MANAGER));
    struct approval_result res = {.nneeds = 1, .needs = {{.role = ROLE_ADMIN, .count = 1}}};
    struct approval a[1] = {approval_by(5, ROLE_MANAGER, APPROVAL_APPROVE)};
    assert_false(approval_count(&res, a, 1, 2));
}

/* The approver roles a form offers are exactly those a rule may name, and
 * every condition's threshold reads in one unit. */
static void test_approver_roles_and_units_have_one_definition(void **state)
{
    (void)state;
    struct err e = {0};
    for (int role = 0; role < ROLE_COUNT; role++) {
        struct approval_rule r = rule(1, "r", APPROVAL_TOTAL, 100, (enum role)role, 1, 1);
        bool offered =
            name_index(approval_approver_roles, ROLE_COUNT, role_name((enum role)role), false) >= 0;
        assert_int_equal(approval_rule_validate(&r, &e) == ERR_OK, offered);
    }
    assert_int_equal(approval_condition_unit(APPROVAL_MARGIN), APPROVAL_UNIT_RATE);
    assert_int_equal(approval_condition_unit(APPROVAL_TOTAL), APPROVAL_UNIT_AMOUNT);
    assert_int_equal(approval_condition_unit(APPROVAL_PAYMENT_TERMS), APPROVAL_UNIT_DAYS);
    struct approval_rule rate = rule(1, "r", APPROVAL_LINE_DISCOUNT, 10001, ROLE_MANAGER, 1, 1);
    assert_int_equal(approval_rule_validate(&rate, &e), ERR_INVALID); /* a rate is at most 100 % */
    struct approval_rule amount = rule(1, "r", APPROVAL_TOTAL, 10001, ROLE_MANAGER, 1, 1);
    assert_int_equal(approval_rule_validate(&amount, &e), ERR_OK); /* an amount is not */
}

static void test_rules_are_validated(void **state)
{
    (void)state;
    struct err e = {0};
    struct approval_rule r = rule(1, "rep limit", APPROVAL_LINE_DISCOUNT, 1500, ROLE_MANAGER, 1, 1);
    assert_int_equal(approval_rule_validate(&r, &e), ERR_OK);
    r.approver_role = ROLE_REP;
    assert_int_equal(approval_rule_validate(&r, &e), ERR_INVALID);
    assert_string_equal(e.field, "approver_role");
    r.approver_role = ROLE_MANAGER;
    r.threshold = 12000;
    assert_int_equal(approval_rule_validate(&r, &e), ERR_INVALID);
    assert_string_equal(e.field, "threshold");
    r.threshold = 1500;
    r.approvals_needed = 0;
    assert_int_equal(approval_rule_validate(&r, &e), ERR_INVALID);
    enum approval_condition c;
    assert_int_equal(approval_condition_parse("margin", &c), ERR_OK);
    assert_int_equal(c, APPROVAL_MARGIN);
    assert_int_equal(approval_condition_parse("nonsense", &c), ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_rule_matched_needs_nothing),
        cmocka_unit_test(test_reasons_name_the_line_and_the_floor),
        cmocka_unit_test(test_levels_stack_to_two_managers_over_30_percent),
        cmocka_unit_test(test_total_discount_total_and_terms_conditions),
        cmocka_unit_test(test_inactive_rules_are_ignored),
        cmocka_unit_test(test_two_approvals_must_come_from_two_people),
        cmocka_unit_test(test_owner_rep_superseded_and_rejections_do_not_count),
        cmocka_unit_test(test_an_admin_may_approve_for_a_manager_not_the_reverse),
        cmocka_unit_test(test_rules_are_validated),
        cmocka_unit_test(test_approver_roles_and_units_have_one_definition),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
