/* The return record: a return of an order's shipped units (its lines, a
 * reason each, what happens to them on receipt), the refund it makes (fixed
 * from the order's snapshot when it is opened) and its refund row (who
 * requested it, who decided it, when it was paid). */
#ifndef COMPTOIR_DB_MODEL_RETURN_H
#define COMPTOIR_DB_MODEL_RETURN_H

#include <stdbool.h>
#include <stdint.h>

#include "db/model/order.h"

enum return_status {
    RETURN_REQUESTED,
    RETURN_RECEIVED,
    RETURN_AWAITING_APPROVAL,
    RETURN_REFUNDED,
    RETURN_EXCHANGED,
    RETURN_REPLACED,
    RETURN_REJECTED,
    RETURN_CLOSED
};
#define RETURN_STATUS_COUNT (RETURN_CLOSED + 1)
enum return_resolution { RESOLUTION_REFUND, RESOLUTION_EXCHANGE, RESOLUTION_REPLACEMENT };
#define RESOLUTION_COUNT (RESOLUTION_REPLACEMENT + 1)
enum return_reason {
    REASON_DAMAGED,
    REASON_WRONG_ITEM,
    REASON_NOT_AS_DESCRIBED,
    REASON_CHANGED_MIND,
    REASON_LATE_DELIVERY
};
#define RETURN_REASON_COUNT (REASON_LATE_DELIVERY + 1)
/* Why shipping is refunded or kept: kept (the customer's choice), the whole
 * order came back, our fault (damaged, wrong item, late), it was free (and
 * stays free), the order has no shipping charge, refunded by an earlier return. */
enum shipping_rule {
    SHIPPING_KEPT,
    SHIPPING_WHOLE_ORDER,
    SHIPPING_OUR_FAULT,
    SHIPPING_WAS_FREE,
    SHIPPING_NONE,
    SHIPPING_REFUNDED_BEFORE
};
#define SHIPPING_RULE_COUNT (SHIPPING_REFUNDED_BEFORE + 1)
enum return_disposition { DISPOSITION_NONE, DISPOSITION_RESTOCK, DISPOSITION_SCRAP };
#define DISPOSITION_COUNT (DISPOSITION_SCRAP + 1)

/* The stored words, in enum order, then NULL (the disposition's first is ""). */
extern const char *const return_status_names[RETURN_STATUS_COUNT + 1];
extern const char *const return_resolution_names[RESOLUTION_COUNT + 1];
extern const char *const return_reason_names[RETURN_REASON_COUNT + 1];
extern const char *const shipping_rule_names[SHIPPING_RULE_COUNT + 1];
extern const char *const return_disposition_names[DISPOSITION_COUNT + 1];

struct return_record {
    int64_t id;
    char number[33]; /* R-000123 */
    int64_t order_id;
    char order_number[33]; /* read only, joined */
    enum return_status status;
    enum return_resolution resolution;
    char requested_at[32];
    char requested_day[11];
    int64_t requested_by, requested_by_real;
    char requested_login[65]; /* read only, joined */
    int64_t late_accepted_by; /* 0 = within the window */
    char received_at[32];     /* "" = not received */
    int64_t received_by;
    int64_t refund_total; /* goods and charges, tax included */
    int64_t refund_tax;
    int64_t shipping_refund;
    enum shipping_rule shipping_rule;
    int64_t exchange_order_id;
    char exchange_number[33]; /* read only, joined */
    char note[401];
    char rejection[401];
    char closed_at[32];
    int64_t version;
    char party_name[201]; /* read only, joined: the order's customer or account */
};

struct return_line {
    int64_t id;
    int64_t return_id;
    int64_t order_line_id;
    bool charge; /* a shipping or fee line refunded with the goods */
    int64_t quantity;
    enum return_reason reason; /* goods lines */
    enum return_disposition disposition;
    int64_t refund_amount, refund_tax;
    bool completes;
    int64_t exchange_product_id; /* 0 = the same product */
    bool released;
    /* read only, joined from the order line */
    int line_no;
    enum line_kind kind;
    int64_t product_id;
    char sku[65];
    char description[201];
    int64_t unit_price, line_quantity, line_total; /* unit_price in the line's basis */
    bool line_tax_included;
    int line_tax_rate_bp;
    char exchange_sku[65];
};

struct refund_record {
    int64_t id;
    int64_t return_id;
    int64_t order_id;
    int64_t amount, tax_amount;
    enum payment_method method;
    char reference[65];
    char requested_at[32];
    int64_t requested_by, requested_by_real;
    bool needs_approval;
    int decision; /* 0 none, 1 approve, 2 reject */
    char decided_at[32];
    int64_t decided_by, decided_by_real;
    char comment[401];
    char paid_at[32];
    int64_t payment_id;
    char requested_login[65], decided_login[65]; /* read only, joined */
};

/* A refund waiting for a manager (the Approvals queue). */
struct refund_waiting {
    int64_t refund_id;
    char return_number[33];
    char order_number[33];
    char party_name[201];
    int64_t amount;
    char requested_at[32];
    char requested_login[65];
    int64_t requested_by, requested_by_real;
};

#endif
