/* Placing an order: one transaction that re-prices the cart, refuses when
 * anything differs from what was shown, and writes the snapshot — number,
 * lines at the prices shown, discount shares, stock reserved (a conditional
 * update per line: two clerks selling the last unit, exactly one gets it),
 * credit used, payment, promise, status history, hooks, audit. A retry with
 * the same idempotency key gives back the order it placed, writing nothing.
 * Quote acceptance (and issue 14's exchanges) write through the same
 * snapshot path. */
#ifndef COMPTOIR_B2C_ORDER_PLACE_H
#define COMPTOIR_B2C_ORDER_PLACE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/model/order.h"
#include "src/b2c/cart.h"
#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"

struct app;

/* Why a placing was refused (besides bad input). */
enum place_refusal {
    PLACE_OK,
    PLACE_INVALID, /* bad input, MOQ/pack, inactive, short stock not back-ordered (ERR_INVALID/ERR_STATE) */
    PLACE_PRICES_CHANGED,  /* re-pricing differs from what was shown (ERR_CONFLICT) */
    PLACE_OUT_OF_STOCK,    /* someone took the stock meanwhile (ERR_CONFLICT) */
    PLACE_PROMOTION_LIMIT, /* a promotion's limit was reached meanwhile (ERR_CONFLICT, field "promotion") */
    PLACE_POINTS,          /* the points were spent meanwhile (ERR_CONFLICT, field "points") */
    PLACE_CREDIT_LIMIT     /* on account beyond the limit, not a manager (ERR_DENIED) */
};

struct place_result {
    char number[33];
    int64_t order_id;
    bool replayed; /* the key had placed this cart already: nothing was written */
    enum place_refusal refusal;
    int line;          /* the priced line at fault, -1 = none */
    int64_t short_by;  /* PLACE_OUT_OF_STOCK: units missing; PLACE_CREDIT_LIMIT: amount over */
    bool has_repriced; /* PLACE_PRICES_CHANGED: the cart as it prices now */
    struct priced_cart repriced;
};
void place_result_free(struct place_result *r);

/* Places the cart as shown (ACT_ORDER_CREATE; a rep for their accounts).
 * The cart is not changed: on any refusal it is as it was; after a placing
 * the caller clears it (cart_clear, a new key). */
int order_place(struct app *app, const struct cart *c, const struct priced_cart *shown,
                struct place_result *res, struct err *e);

/* What the snapshot path writes, whoever priced it. */
struct order_snapshot {
    struct order order; /* party, source, quote, shipping, dates, gift, notes; totals come from priced */
    const struct priced_cart *priced;
    enum payment_method pay;
    char pay_reference[65];
    int64_t tendered;
    bool backorder_what_is_short; /* stock short of a line waits (an accepted quote), never a refusal */
    bool credit_never_refused;    /* an accepted quote: its approvals ran; the excess goes on the timeline */
    int64_t
        credit; /* an exchange: what a return's credit pays of the total (a 'credit' payment); pay the rest */
};
/* Writes an order priced elsewhere, inside the caller's transaction (or its
 * own): no re-pricing. o->order gets its id, number and status. */
int order_place_snapshot(struct app *app, struct order_snapshot *s, struct place_result *res, struct err *e);

/* A past order's goods lines in a new cart at today's prices (reorder):
 * products no longer sold are left out; one line of text per line whose
 * price moved ("CAF-001 was 19.99, now 20.49") or that was left out, into
 * notes (char[160] rows, reset). The new cart has the old order's party and
 * shipping method. */
int order_reorder_cart(struct app *app, const char *number, struct cart **out, struct rows *notes,
                       struct err *e);

/* What placing wrote besides lines, for `order show` and the order screen. */
int order_payments(struct app *app, const struct order *o, struct rows *out, struct err *e);
int order_adjustments(struct app *app, const struct order *o, struct rows *out, struct err *e);
/* Status moves and timeline entries (struct order_timeline_entry), oldest
 * first: every row (q NULL) or a keyset window. */
int order_timeline(struct app *app, const struct order *o, const struct page_req *q, struct rows *out,
                   struct err *e);
void order_timeline_cursor(const struct order_timeline_entry *t, struct page_cursor *c);

#endif
