/* Internals shared by the fulfilment files of src/b2c (shipment.c,
 * stock.c, order_cancel.c, fulfilment_view.c, fulfilment_docs.c,
 * fulfilment_hooks.c): loading an order for an operation, its timeline and
 * audit rows, status moves, promises. Only src/b2c includes this header. */
#ifndef COMPTOIR_B2C_FULFILMENT_PRIVATE_H
#define COMPTOIR_B2C_FULFILMENT_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/model/order.h"
#include "src/b2c/fulfilment.h"
#include "src/base/err.h"

struct app;

/* The order by number when the user may do action to it (the core's
 * visibility rule: a rep, the orders they may see). */
int fulfil_order(struct app *app, const char *number, int action, struct order *o, struct err *e);
/* A timeline row of the order at `at` (now when NULL), by the acting user. */
int fulfil_timeline(struct app *app, int64_t order_id, const char *at, const char *kind, int64_t ref_id,
                    bool has_amount, int64_t amount, const char *detail, struct err *e);
/* Moves the order (read again for its version) to `to` when it is elsewhere,
 * recording the move; o is updated. */
int fulfil_set_status(struct app *app, struct order *o, enum order_status to, const char *note,
                      struct err *e);
/* An audit entry "action" on the order with a small JSON image (owned text). */
int fulfil_audit(struct app *app, const char *action, const struct order *o, const char *after_json,
                 struct err *e);
/* The local date and HH:MM now. */
void fulfil_clock(char today[11], char now_hm[6]);
/* The promise an order gets when its last units are allocated now: the ship
 * day from now (its method's cut-off, business days) plus the method's lead
 * days, never before the customer's requested date; "" when the order has
 * no promise to keep. */
int fulfil_promise_now(struct app *app, const struct order *o, char out[11], struct err *e);
/* Allocates free stock of a product to the lines waiting for it, oldest
 * promise first, inside the caller's transaction; each order that got
 * units gets a timeline row; one with nothing left waiting becomes
 * allocated, and its promise moves when it differs (a promise row: "stock
 * of SKU <why> on <day>", why being "received", "counted", "returned" …).
 * res adds up what happened. */
int fulfil_allocate_waiting(struct app *app, int64_t product_id, const char *sku, const char *why,
                            struct receive_result *res, struct err *e);
/* The order's status from its units: shipped when nothing is left to ship,
 * partially_shipped when some shipped, else allocated or placed. */
enum order_status fulfil_status_of(int64_t allocated, int64_t waiting, int64_t shipped);

#endif
