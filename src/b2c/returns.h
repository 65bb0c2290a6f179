/* Returns and refunds: a return (R-000123) of an order's shipped units,
 * each line with its reason, a resolution (refund, exchange, replacement);
 * received (restocked or scrapped, stock moves in the same transaction);
 * refunded from what the order charged — never re-priced — to the method it
 * was paid with (or another, with a reference); a refund above
 * `refund.approval_threshold` waits for a manager, and nobody decides a
 * refund they requested (nor the person behind their --as). An exchange
 * creates the replacement order in the refund's transaction.
 *
 * The refund of k of a line's q units is money_share_units(line total, q,
 * k, completes) (and its tax alike): the unit price charged less its share
 * of every discount, promotion and redeemed point, as stored. Shipping is
 * refunded when the whole order comes back or the reason is ours (damaged,
 * wrong item, late delivery), each a setting (`returns.refund_shipping_whole`,
 * `returns.refund_shipping_our_fault`); a shipping charge of 0 stays 0. Gift
 * wrap comes back with the whole order. The total refunded for an order never
 * exceeds what was paid (one conditional UPDATE when paying; `comptoir check`).
 * Consumers' returns are accepted `returns.window_days` after delivery;
 * later only a manager accepts one. Loyalty points hear of a refund through
 * the hook bus (ORDER_CHANGE_CREDITED, the credited lines and units). */
#ifndef COMPTOIR_B2C_RETURNS_H
#define COMPTOIR_B2C_RETURNS_H

#include <stdbool.h>
#include <stdint.h>

#include "db/model/order.h"
#include "db/model/return.h"
#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"

struct app;

#define RETURN_MAX_ITEMS 200

/* A line of a return as asked: SKU, units, reason; for an exchange, the
 * product to send instead ("" = the same). */
struct return_item {
    char sku[65];
    int64_t quantity;
    enum return_reason reason;
    char exchange_sku[65];
};
/* "SKU:QTY[:REASON]" (QTY 1 and reason changed_mind when left out; the
 * reason by its name, "wrong-item" or "wrong_item"). */
int return_item_parse(const char *text, struct return_item *out, struct err *e);

struct return_request {
    char order_number[33];
    const struct return_item *items;
    int nitems;
    enum return_resolution resolution;
    const char *note;
};

/* One line of what a return refunds. */
struct return_quote_line {
    int64_t order_line_id;
    enum line_kind kind;
    char sku[65];
    char description[201];
    int64_t quantity, line_quantity;
    int64_t unit_price; /* as charged, in the line's basis */
    enum return_reason reason;
    bool completes;
    int64_t amount, tax;
    int64_t exchange_product_id;
    char exchange_sku[65];
};
/* What a return refunds, line by line, and why (before it is opened, and
 * as opened). */
struct return_quote {
    char number[33]; /* set once opened */
    char order_number[33];
    bool tax_included;
    enum return_resolution resolution; /* an exchange's total is a credit toward the new order */
    struct return_quote_line *lines;   /* goods, then charges */
    int nlines;
    int64_t goods, charges, total, tax;
    enum shipping_rule shipping_rule;
    int64_t shipping; /* the shipping part of charges */
    bool late;        /* past the window: a manager accepts it */
    char deadline[11];
    bool needs_approval; /* total above the threshold */
    int64_t threshold;
    int64_t refundable; /* what is left of what was paid, after refunds and open returns */
};
void return_quote_free(struct return_quote *q);

/* What the return would refund, without writing anything (the form shows it). */
int return_preview(struct app *app, const struct return_request *req, struct return_quote *out,
                   struct err *e);
/* Opens the return (ACT_RETURN_OPEN; past the window ACT_RETURN_LATE):
 * claims the units (never more than shipped and not yet returned), fixes
 * the refund; out has the number and the lines. One transaction. */
int return_open(struct app *app, const struct return_request *req, struct return_quote *out, struct err *e);

/* What happens to a returned SKU's units on receipt. */
struct return_disposition_item {
    char sku[65];
    enum return_disposition disposition;
};
/* "SKU:restock" or "SKU:scrap". */
int return_disposition_parse(const char *text, struct return_disposition_item *out, struct err *e);
struct return_receipt {
    int64_t restocked, scrapped;
};
/* Receives the goods (ACT_RETURN_OPEN): each line restocked (back to
 * sellable stock, waiting orders served) or scrapped; a line not named is
 * scrapped when damaged, restocked otherwise. */
int return_receive(struct app *app, const char *number, const struct return_disposition_item *items, int n,
                   struct return_receipt *res, struct err *e);

struct refund_result {
    enum return_status status; /* refunded, exchanged, replaced, or awaiting_approval */
    int64_t amount;            /* paid back (or waiting) */
    enum payment_method method;
    char exchange_number[33]; /* the new order of an exchange */
    int64_t charged;          /* an exchange that costs more: what the customer pays */
    bool closed;              /* nothing is left to do: the return closed in the same transaction */
};
/* Refunds a received return (ACT_RETURN_REFUND) to method (or, when
 * has_method is false, the order's own) with a reference; above the
 * threshold it waits for a manager. An exchange or a replacement creates the
 * new order here. One transaction. */
int return_refund(struct app *app, const char *number, bool has_method, enum payment_method method,
                  const char *reference, struct refund_result *res, struct err *e);
/* A manager approves the refund waiting (ACT_REFUND_APPROVE; never one they
 * requested, nor through --as): it is paid in the same transaction. */
int return_approve(struct app *app, const char *number, const char *comment, struct refund_result *res,
                   struct err *e);
/* Rejects a return with a reason: before approval ACT_RETURN_OPEN; a refund
 * waiting for approval ACT_REFUND_APPROVE (never one's own). Its units are
 * released; restocked units leave the stock again (they go back to the
 * customer). */
int return_reject(struct app *app, const char *number, const char *comment, struct err *e);

/* A return is closed when nothing is left to do: a refund once it is paid
 * (in the refunding or approving transaction), an exchange or a replacement
 * once its new order has shipped in full (or was delivered, closed or
 * cancelled) — in the transaction that moves that order. Whoever moves an
 * order's status calls this inside their transaction, after the move. */
int return_exchange_order_moved(struct app *app, const struct order *o, struct err *e);

/* --------------------------------------------------------------- reading */

/* A return and its lines (struct return_line rows) and refunds (struct refund_record rows). */
int return_get(struct app *app, const char *number, struct return_record *out, struct rows *lines,
               struct rows *refunds, struct err *e);
/* Returns newest first of the statuses in `statuses` (bits of
 * 1u << return_status; 0 = any): at most q->limit after q's cursor, rows + more. */
int return_list(struct app *app, unsigned statuses, const struct page_req *q, struct rows *out,
                struct err *e);
void return_cursor(const struct return_record *r, struct page_cursor *c);
/* An order's returns, first first. */
int order_returns(struct app *app, const struct order *o, struct rows *out, struct err *e);
/* Refunds waiting for a manager (struct refund_waiting rows), oldest first. */
int refund_waiting(struct app *app, const struct page_req *q, struct rows *out, struct err *e);
void refund_waiting_cursor(const struct refund_waiting *w, struct page_cursor *c);
/* The support queue's groups: requested (to receive), received (to
 * refund), waiting approval. */
#define RETURN_QUEUE_STATUSES                                                                                \
    ((1u << RETURN_REQUESTED) | (1u << RETURN_RECEIVED) | (1u << RETURN_AWAITING_APPROVAL))
/* Open: every return not closed nor rejected — the queue's, and exchanges
 * waiting for their new order to ship (`return list --status open`, the
 * Returns screen's first view). */
#define RETURN_OPEN_STATUSES                                                                                 \
    (RETURN_QUEUE_STATUSES | (1u << RETURN_REFUNDED) | (1u << RETURN_EXCHANGED) | (1u << RETURN_REPLACED))

/* "damaged" → "damaged", "wrong_item" → "wrong item" (for people). */
const char *return_reason_label(enum return_reason r);
const char *return_status_label(enum return_status s);
/* "whole order back", "our fault (damaged)", "kept", "was free" … */
const char *shipping_rule_label(enum shipping_rule r);

#endif
