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
#include "src/base/page.h"
#include "src/base/rows.h"

int approval_rule_store_insert(struct db *db, struct approval_rule *r, struct err *e);
int approval_rule_store_update(struct db *db, struct approval_rule *r, struct err *e);
int approval_rule_store_get(struct db *db, int64_t id, struct approval_rule *out, struct err *e);
/* Every active rule, by level then id. */
int approval_rule_store_active(struct db *db, struct rows *out, struct err *e);
/* Every rule (q NULL) or a keyset window of them, by level then id. */
int approval_rule_store_list(struct db *db, const struct page_req *q, struct rows *out, struct err *e);
void approval_rule_store_cursor(const struct approval_rule *r, struct page_cursor *c);
/* Refused by the schema when the approver owns the quote. */
int approval_store_insert(struct db *db, struct approval *a, struct err *e);
/* Every approval of a revision that still counts, oldest first. */
int approval_store_current(struct db *db, int64_t revision_id, struct rows *out, struct err *e);
/* Marks the counting approvals of a revision as superseded (a price changed). */
int approval_store_supersede(struct db *db, int64_t revision_id, struct err *e);

#endif
