/* Internals shared by returns.c and refund.c (src/b2c only): an order
 * loaded for a return with the settings that price it, the pure arithmetic,
 * loading a return for an operation, the person behind --as, the audit. */
#ifndef COMPTOIR_B2C_RETURNS_PRIVATE_H
#define COMPTOIR_B2C_RETURNS_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/model/order.h"
#include "db/model/return.h"
#include "src/b2c/returns.h"
#include "src/base/err.h"
#include "src/base/rows.h"

struct app;

/* What pricing a return reads: the order, its lines (struct order_line),
 * which charge lines an open return already refunds, what open returns will
 * refund, the settings, today. */
struct return_work {
    struct order o;
    struct rows lines;
    bool *charge_taken; /* per line */
    int64_t open_claims;
    int window_days;
    bool refund_whole, refund_our_fault;
    int64_t threshold;
    char today[11];
};
int return_work_load(struct app *app, const char *number, int action, struct return_work *w, struct err *e);
void return_work_free(struct return_work *w);
/* The refund of a request over w, line by line (pure: no database). */
int return_compute(const struct return_work *w, const struct return_request *req, struct return_quote *q,
                   struct err *e);
/* The return by number when the user may do action to its order; its lines when lines is not NULL. */
int return_load(struct app *app, const char *number, int action, struct return_record *r, struct order *o,
                struct rows *lines, struct err *e);
/* The user behind an --as (the acting user otherwise). */
int64_t return_real_id(struct app *app);
int return_audit(struct app *app, const char *action, const char *number, const char *after_json,
                 struct err *e);

/* Closes a settled return (refunded, exchanged or replaced) inside the
 * caller's transaction: status closed at `at`, a "return closed" line in its
 * order's timeline saying why, the audit. */
int return_close_settled(struct app *app, const struct return_record *r, const char *at, const char *why,
                         struct err *e);

#endif
