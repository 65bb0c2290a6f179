/* The approval records: a rule that makes a quote need approval (data,
 * edited by managers), and an approval or rejection given on a revision. */
#ifndef COMPTOIR_DB_MODEL_APPROVAL_H
#define COMPTOIR_DB_MODEL_APPROVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "db/model/user.h"

enum approval_condition {
    APPROVAL_LINE_DISCOUNT,  /* the largest line discount is above threshold bp */
    APPROVAL_TOTAL_DISCOUNT, /* the quote's total discount is above threshold bp */
    APPROVAL_MARGIN,         /* the quote's margin is under threshold bp */
    APPROVAL_TOTAL,          /* the total excluding tax is above threshold minor units */
    APPROVAL_PAYMENT_TERMS,  /* terms longer than the account's by more than threshold days */
    APPROVAL_CONDITION_COUNT
};
/* "line_discount" … "payment_terms" in enum order, then NULL (a form's choices). */
extern const char *const approval_condition_names[APPROVAL_CONDITION_COUNT + 1];
const char *approval_condition_name(enum approval_condition c);
/* ERR_OK and *out, or ERR_INVALID for a word that names no condition. */
int approval_condition_parse(const char *text, enum approval_condition *out);

struct approval_rule {
    int64_t id;
    char name[65]; /* shown in the reasons: "rep limit" */
    enum approval_condition condition;
    int64_t threshold;
    enum role approver_role;
    int approvals_needed;
    int level; /* rules stack: a higher level asks more */
    bool active;
    int64_t version;
};

enum approval_decision { APPROVAL_APPROVE, APPROVAL_REJECT };

struct approval {
    int64_t id;
    int64_t quote_id;
    int64_t revision_id;
    int64_t approver_id;
    int64_t real_approver_id; /* the person behind an --as (0: the approver) */
    char approver_login[65];  /* read only, joined: "emma", or "root as emma" */
    enum role approver_role;  /* read only, joined */
    enum approval_decision decision;
    char comment[1001];
    char at[32];
    char superseded_at[32]; /* "" = still counts */
};

#endif
