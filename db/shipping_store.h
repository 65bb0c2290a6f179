/* Shipping methods (a table the admin edits) and the days nobody ships.
 * Only the core (src/) includes this header. */
#ifndef COMPTOIR_DB_SHIPPING_STORE_H
#define COMPTOIR_DB_SHIPPING_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/shipping.h"
#include "src/base/rows.h"

/* Every method (struct shipping_method rows), by position then code, into out (reset). */
int shipping_store_list(struct db *db, struct rows *out, struct err *e);
int shipping_store_get(struct db *db, const char *code, struct shipping_method *out, struct err *e);
/* Inserts m (m->version 0), or updates it when m->version is the stored
 * one (ERR_CONFLICT otherwise); m->version and updated_at follow. */
int shipping_store_save(struct db *db, struct shipping_method *m, struct err *e);
/* The closures from day on (struct business_closure rows, by day), into out (reset). */
int shipping_store_closures(struct db *db, const char *from_day, struct rows *out, struct err *e);
/* Adds (or, remove, deletes) a closing day. */
int shipping_store_closure_set(struct db *db, const char *day, const char *reason, bool remove,
                               struct err *e);

#endif
