/* The core's invariants that only SQL can see (`comptoir check`). Each
 * appends one line per problem to the report and counts it in *problems.
 * Only the core (src/) includes this header: screens and CLI commands reach
 * the store through the core's functions. */
#ifndef COMPTOIR_DB_CHECK_STORE_H
#define COMPTOIR_DB_CHECK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "src/base/strbuf.h"

/* Orders whose status is not where their history ends, orders without lines,
 * B2B orders whose contact belongs to another account. */
int check_store_orders(struct db *db, struct strbuf *report, int *problems, struct err *e);
/* Counters behind the numbers in use, triggers missing, changed or added
 * (compared by their full SQL with a fresh database's), full-text indexes
 * out of step with their tables. */
int check_store_schema(struct db *db, struct strbuf *report, int *problems, struct err *e);

#endif
