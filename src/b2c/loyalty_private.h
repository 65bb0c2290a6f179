/* What loyalty.c (operations) and loyalty_hooks.c (pricing steps and the
 * hook bus) share inside src/b2c: the writes every change of points goes
 * through, inside the caller's transaction. */
#ifndef COMPTOIR_B2C_LOYALTY_PRIVATE_H
#define COMPTOIR_B2C_LOYALTY_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/model/loyalty.h"
#include "src/base/err.h"

struct app;

/* The settings as stored (each within its bounds, else its default). */
void loyalty_settings_read(struct app *app, struct loyalty_settings *s);
/* The store-local day and the moment of a change. */
struct loyalty_when {
    char at[32];
    char day[11];
};
void loyalty_now(struct loyalty_when *w);
/* Points available to a customer now: the ledger's balance less what is due to expire today. */
int loyalty_available_now(struct app *app, int64_t customer_id, const char *today, int64_t *available,
                          struct err *e);
/* Writes the expiry row of what is due by today (nothing when nothing is);
 * every write for a customer does this first. *expired may be NULL. */
int loyalty_settle_expiry(struct app *app, int64_t customer_id, const struct loyalty_when *w,
                          int64_t *expired, struct err *e);
/* Appends a row and moves the cached balance of its bucket with it, in one
 * conditional UPDATE: ERR_CONFLICT (field "points") when it would fall
 * below 0. An available credit expires expire_months after w's day. */
int loyalty_write(struct app *app, struct loyalty_entry *l, const struct loyalty_when *w, struct err *e);
/* Puts the customer in the tier their spend of the last 12 months reaches;
 * a change is audited (*changed, may be NULL, says whether it moved). */
int loyalty_retier(struct app *app, int64_t customer_id, const char *today, bool *changed, struct err *e);

#endif
