/* Approvals in the core: the rules (data edited by managers) matched
 * against a priced quote — the reasons, line by line, and the approvals
 * needed per role — counted against the approvals given; and the saving and
 * listing of rules. */
#ifndef COMPTOIR_B2B_APPROVAL_H
#define COMPTOIR_B2B_APPROVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/model/approval.h"
#include "src/b2b/pricing.h"
#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"

struct app;

#define APPROVAL_MAX_REASONS 64
#define APPROVAL_MAX_NEEDS 4

struct approval_reason {
    int64_t rule_id;
    int level;
    int line_no; /* 0 = the whole quote */
    char text[160];
};

/* Approvals a quote needs from one role (admins may give any of them). */
struct approval_need {
    enum role role;
    int count;
    int level;
    int have; /* filled by approval_count */
};

struct approval_result {
    struct approval_reason reasons[APPROVAL_MAX_REASONS];
    int nreasons;
    int omitted; /* reasons beyond the array */
    struct approval_need needs[APPROVAL_MAX_NEEDS];
    int nneeds;
    int level; /* the highest level matched, 0 = no rule matched */
};

/* What the rules look at besides the priced lines. */
struct approval_terms {
    int payment_terms_days;
    int account_terms_days;
};

/* Matches a priced quote against rules: the reasons, line by line, and the
 * approvals needed per role. No rule matched = nothing needed. */
void approval_match(const struct approval_rule *rules, int nrules, const struct priced_quote *pq,
                    const struct approval_terms *terms, struct approval_result *out);
/* Counts the approvals that satisfy each need: qualifying role, distinct
 * people, never the owner. True when every need is met. */
bool approval_count(struct approval_result *r, const struct approval *approvals, int n, int64_t owner_id);
/* "line 3: 22 % > rep limit 15 %; margin 8 % < floor 12 %". */
void approval_reasons_text(const struct approval_result *r, const char *sep, char *out, size_t len);
/* "1 of 2 manager approvals". */
void approval_needs_text(const struct approval_result *r, char *out, size_t len);
/* True when a user of this role may give an approval that role needs. */
bool approval_role_qualifies(enum role approver, enum role needed);
/* What a condition's threshold counts: a rate (basis points), an amount
 * (minor units) or days. The one definition forms, the CLI and the checks read. */
enum approval_unit { APPROVAL_UNIT_RATE, APPROVAL_UNIT_AMOUNT, APPROVAL_UNIT_DAYS };
enum approval_unit approval_condition_unit(enum approval_condition c);
/* The roles a rule may ask an approval of, by name, then NULL (a form's choices). */
extern const char *const approval_approver_roles[];
/* A rule as data is checked before it is saved. */
int approval_rule_validate(const struct approval_rule *r, struct err *e);

/* Approval rules (managers and admins). */
int approval_rule_save(struct app *app, struct approval_rule *r, struct err *e);
/* Every rule (q NULL) or a keyset window of them, by level: rows + more. */
int approval_rule_list(struct app *app, const struct page_req *q, struct rows *out, struct err *e);
/* One rule as stored now (a form's reload after someone else saved it). */
int approval_rule_get(struct app *app, int64_t id, struct approval_rule *out, struct err *e);
void approval_rule_cursor(const struct approval_rule *r, struct page_cursor *c);

#endif
