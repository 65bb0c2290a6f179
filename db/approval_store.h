/* Approval rules and the approvals given on quote revisions.
 * Only the core (src/) includes this header: screens and CLI commands reach
 * the store through the core's functions. */
#ifndef COMPTOIR_DB_APPROVAL_STORE_H
#define COMPTOIR_DB_APPROVAL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/approval.h"

int approval_rule_store_insert(struct db *db, struct approval_rule *r, struct err *e);
int approval_rule_store_update(struct db *db, struct approval_rule *r, struct err *e);
int approval_rule_store_get(struct db *db, int64_t id, struct approval_rule *out, struct err *e);
/* The active rules (tens, a few hundred at most), by level then id. */
int approval_rule_store_active(struct db *db, struct approval_rule *rows, int max, int *count,
                               struct err *e);
/* Every rule, by level then id, for the admin screen. */
int approval_rule_store_list(struct db *db, struct approval_rule *rows, int max, int *count, struct err *e);
/* Refused by the schema when the approver owns the quote. */
int approval_store_insert(struct db *db, struct approval *a, struct err *e);
/* The approvals of a revision that still count, oldest first. */
int approval_store_current(struct db *db, int64_t revision_id, struct approval *rows, int max, int *count,
                           struct err *e);
/* Every decision on a quote, oldest first (the timeline). */
int approval_store_for_quote(struct db *db, int64_t quote_id, struct approval *rows, int max, int *count,
                             struct err *e);
/* Marks the counting approvals of a revision as superseded (a price changed). */
int approval_store_supersede(struct db *db, int64_t revision_id, struct err *e);

#endif
