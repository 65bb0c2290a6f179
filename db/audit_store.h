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

int audit_store_append(struct db *db, const struct audit_entry *a, struct err *e);
/* The latest entries for one object, newest first; the json pointers of the
 * returned rows point into buf (owned by the caller). */
int audit_store_for_object(struct db *db, const char *object_type, const char *object_key,
                           struct audit_entry *rows, int max, int *count, char *buf, size_t buflen,
                           struct err *e);

#endif
