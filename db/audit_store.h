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

int audit_store_append(struct db *db, const struct audit_entry *a, struct err *e);
/* One object's entries, newest first: every one (q NULL) or a keyset window
 * of q, rows + more. The rows own their JSON texts: free them with
 * audit_entries_free (which also empties the rows a read starts from). */
int audit_store_for_object(struct db *db, const char *object_type, const char *object_key,
                           const struct page_req *q, struct rows *out, struct err *e);
void audit_entries_free(struct rows *r);

#endif
