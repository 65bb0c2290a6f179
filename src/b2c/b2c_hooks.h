/* The seams of the B2C wave: what issues 11 (promotions), 12 (loyalty),
 * 13 (fulfilment), 14 (returns) and 15 (reports) fill, each in its own
 * file, so that they are built in parallel without touching the same code.
 * Issue 10 declares everything here and ships each as a stub that does
 * nothing; a signature changes only by a small change to main agreed by the
 * owners of the branches in flight.
 *
 *   src/b2c/promotion_hooks.c   issue 11   steps 2, 3, 6; promotion_cart_*; promotion_on_order; …
 *   src/b2c/loyalty_hooks.c     issue 12   steps 4, 8; loyalty_cart_*; loyalty_on_order; …
 *   src/b2c/fulfilment_hooks.c  issue 13   fulfilment_order_summary, fulfilment_check, fulfilment_demo
 *   src/b2c/return_hooks.c      issue 14   return_order_summary, return_check, return_demo
 *   src/b2c/report_hooks.c      issue 15   report_check
 *
 * Who calls what: cart_price runs the steps (src/b2c/cart_price.c);
 * cart_inputs_load calls the *_cart_load functions; placing runs
 * order_hooks_run(PLACED) inside its transaction; 13 runs it for
 * CANCELLED and DELIVERED, 14 for CREDITED; `order show` and the order
 * screen print the *_order_summary rows; `comptoir check` calls the
 * *_check functions; `comptoir demo` the *_demo steps, after the orders. */
#ifndef COMPTOIR_B2C_HOOKS_H
#define COMPTOIR_B2C_HOOKS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "db/model/order.h"
#include "src/b2c/cart.h"
#include "src/base/err.h"
#include "src/base/rows.h"
#include "src/base/strbuf.h"

struct app;

/* ------------------------------------------------------ pricing steps */

/* Issue 11: SKU, category, buy-get and price promotions → ADJ_PROMOTION
 * shares on goods lines; a 'stop' promotion sets priced_line.stopped. */
int promotion_step_lines(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                         struct err *e);
/* Issue 11: order-target percent and fixed promotions, spread over the
 * goods lines; a note per candidate (applied, or why not), coupons too. */
int promotion_step_order(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                         struct err *e);
/* Issue 11: free shipping → an ADJ_PROMOTION share on the shipping line. */
int promotion_step_shipping(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                            struct err *e);
/* Issue 12: redeemed points → ADJ_POINTS shares over the goods lines,
 * priced_line.redeem_points and priced_cart.points_*. */
int loyalty_step_redeem(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                        struct err *e);
/* Issue 12: priced_line.earn_points and priced_cart.points_earned. */
int loyalty_step_earn(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                      struct err *e);

/* What those steps read, loaded into cart_inputs.promotions / .loyalty by
 * cart_inputs_load (again inside placing) and freed by cart_inputs_free. */
int promotion_cart_load(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e);
void promotion_cart_free(struct cart_inputs *in);
int loyalty_cart_load(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e);
void loyalty_cart_free(struct cart_inputs *in);

/* ------------------------------------------------------------ the bus */

enum order_change_kind {
    ORDER_CHANGE_PLACED,
    ORDER_CHANGE_CANCELLED,
    ORDER_CHANGE_DELIVERED,
    ORDER_CHANGE_CREDITED
};

/* Units of an order line credited by a cancel or a return. */
struct order_credit_line {
    int64_t order_line_id, units;
    bool completes; /* this credit brings the line's credited units to its quantity */
    int64_t amount, tax;
};

struct order_change {
    enum order_change_kind kind;
    const struct order *order;               /* as stored after the change */
    const struct priced_cart *priced;        /* PLACED: what was charged */
    const int64_t *line_ids;                 /* PLACED: order_lines.id of priced->lines[i] */
    const struct order_credit_line *credits; /* CANCELLED, CREDITED */
    int ncredits;
    bool whole_order;  /* CANCELLED before anything shipped */
    int64_t return_id; /* CREDITED: the crediting return */
};

/* Runs promotion_on_order, then loyalty_on_order, inside the caller's
 * transaction; the first error stops it (the caller rolls back). */
int order_hooks_run(struct app *app, const struct order_change *change, struct err *e);
/* Issue 11: count uses, budget, party uses, single-use codes (PLACED);
 * release them (CANCELLED with whole_order). Each a conditional UPDATE. */
int promotion_on_order(struct app *app, const struct order_change *change, struct err *e);
/* Issue 12: redeem and earn (PLACED), release (DELIVERED), reverse and
 * restore (CANCELLED, CREDITED). */
int loyalty_on_order(struct app *app, const struct order_change *change, struct err *e);

/* ------------------------------------------- what an order shows of them */

/* A row for `order show` and the order screen ("Promotion", "Noël −10 %", −6.00). */
struct order_summary_row {
    char section[33]; /* "Promotions", "Points", "Shipments", "Returns" */
    char text[161];
    bool has_amount;
    int64_t amount;
};
/* Each appends its rows (struct order_summary_row) to out (rows_reset by the caller). */
int promotion_order_summary(struct app *app, const struct order *o, struct rows *out, struct err *e);
int loyalty_order_summary(struct app *app, const struct order *o, struct rows *out, struct err *e);
int fulfilment_order_summary(struct app *app, const struct order *o, struct rows *out, struct err *e);
int return_order_summary(struct app *app, const struct order *o, struct rows *out, struct err *e);
/* Every issue's rows in turn, into out (reset first). */
int order_summary_rows(struct app *app, const struct order *o, struct rows *out, struct err *e);

/* ---------------------------------------------------- comptoir check */

/* Each appends a line per problem to report and counts it in *problems. */
int promotion_check(struct app *app, struct strbuf *report, int *problems, struct err *e);
int loyalty_check(struct app *app, struct strbuf *report, int *problems, struct err *e);
int fulfilment_check(struct app *app, struct strbuf *report, int *problems, struct err *e);
int return_check(struct app *app, struct strbuf *report, int *problems, struct err *e);
int report_check(struct app *app, struct strbuf *report, int *problems, struct err *e);

/* ----------------------------------------------------- comptoir demo */

/* Run by demo_fill after the orders, inside its transaction, in this order. */
int promotion_demo(struct app *app, unsigned seed, FILE *progress, struct err *e);
int loyalty_demo(struct app *app, unsigned seed, FILE *progress, struct err *e);
int fulfilment_demo(struct app *app, unsigned seed, FILE *progress, struct err *e);
int return_demo(struct app *app, unsigned seed, FILE *progress, struct err *e);

#endif
