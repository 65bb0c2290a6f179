/* Shipping methods and closing days as data: the list everyone reads
 * (quick order, `shipping list`), the changes an admin makes (`shipping
 * set`), audited. */
#ifndef COMPTOIR_B2C_SHIPPING_H
#define COMPTOIR_B2C_SHIPPING_H

#include <stdbool.h>

#include "db/model/shipping.h"
#include "src/base/err.h"
#include "src/base/rows.h"

struct app;

/* Pure: a code, a name, a fee and threshold >= 0, lead days 0-60, a cut-off HH:MM. */
int shipping_validate(const struct shipping_method *m, struct err *e);
/* Every method (struct shipping_method rows), by position. */
int shipping_list(struct app *app, struct rows *out, struct err *e);
int shipping_get(struct app *app, const char *code, struct shipping_method *out, struct err *e);
/* Creates the method or changes it (ACT_SHIPPING_EDIT), audited; m->version
 * 0 creates, else it must be the stored one. */
int shipping_set(struct app *app, struct shipping_method *m, struct err *e);
/* Closing days from day on (struct business_closure rows). */
int shipping_closures(struct app *app, const char *from_day, struct rows *out, struct err *e);
/* Adds or removes a closing day (ACT_SHIPPING_EDIT), audited. */
int shipping_closure_set(struct app *app, const char *day, const char *reason, bool remove, struct err *e);

#endif
