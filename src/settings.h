/* Settings: the database's key/value preferences (currency, quote validity). */
#ifndef COMPTOIR_SETTINGS_H
#define COMPTOIR_SETTINGS_H

#include <stddef.h>

#include "src/base/err.h"

struct app;

/* The value of key, or fallback when it has none. */
void settings_get(struct app *app, const char *key, const char *fallback, char *out, size_t len);
/* A whole number setting within [lo, hi], or fallback when unset or out of range. */
int settings_get_int(struct app *app, const char *key, int lo, int hi, int fallback);
/* Changes a setting (ACT_SETTINGS), audited. */
int settings_set(struct app *app, const char *key, const char *value, struct err *e);
/* An admin's change of a setting that exists (`comptoir setting KEY VALUE`):
 * ERR_NOTFOUND for a key the database does not have, ERR_INVALID for a value
 * it cannot take (store.time_zone: empty for the default Europe/Paris, "host",
 * or a zone of the system's zone database such as America/Montreal). */
int settings_change(struct app *app, const char *key, const char *value, struct err *e);

#endif
