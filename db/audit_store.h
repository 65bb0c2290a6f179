/* The audit log: append-only entries and the latest entries of an object.
 * Only the core (src/) includes this header: screens and CLI commands reach
 * the store through the core's functions. */
#ifndef COMPTOIR_DB_AUDIT_STORE_H
#define COMPTOIR_DB_AUDIT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/audit.h"
#include "src/base/page.h"
#include "src/base/rows.h"

/* Appends a (its id, prev_hash and hash are set here) inside the caller's
 * transaction, or its own: the chain's last link is read under the write
 * lock. */
int audit_store_append(struct db *db, struct audit_entry *a, struct err *e);
/* The latest entry's id and hash ("" when the log is empty). */
int audit_store_head(struct db *db, int64_t *id, char hash[65], struct err *e);
/* Walks the whole chain in one snapshot: the first entry whose hash is not
 * its content's or that does not follow the one before, and (head not NULL)
 * the entry whose hash is head, when the chain holds it unbroken. */
int audit_store_verify(struct db *db, const char *head, struct audit_verdict *v, struct err *e);
/* One object's entries, newest first: every one (q NULL) or a keyset window
 * of q, rows + more. The rows own their JSON texts: free them with
 * audit_entries_free (which also empties the rows a read starts from). */
int audit_store_for_object(struct db *db, const char *object_type, const char *object_key,
                           const struct page_req *q, struct rows *out, struct err *e);
void audit_entries_free(struct rows *r);

#endif
