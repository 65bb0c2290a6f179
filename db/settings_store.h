/* Settings (key/value text) and the named counters behind numbers (O-000123).
 * Only the core (src/) includes this header. */
#ifndef COMPTOIR_DB_SETTINGS_STORE_H
#define COMPTOIR_DB_SETTINGS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* ERR_NOTFOUND when the key has no value. */
int settings_store_get(struct db *db, const char *key, char *out, size_t len, struct err *e);
int settings_store_set(struct db *db, const char *key, const char *value, struct err *e);
/* Next value of a named counter ("order", "quote"), inside the caller's transaction. */
int counters_store_next(struct db *db, const char *name, int64_t *out, struct err *e);
/* Moves a counter to at least this value (a number taken from outside). */
int counters_store_raise(struct db *db, const char *name, int64_t at_least, struct err *e);

#endif
