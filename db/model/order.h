/* The order record: an order, its lines (a snapshot of what was charged:
 * every price, discount share and tax, in the basis the customer saw) and
 * its status history; payments, promises and timeline entries. */
#ifndef COMPTOIR_DB_MODEL_ORDER_H
#define COMPTOIR_DB_MODEL_ORDER_H

#include <stdbool.h>
#include <stdint.h>

enum order_status {
    ORDER_PLACED,
    ORDER_ALLOCATED,
    ORDER_PARTIALLY_SHIPPED,
    ORDER_SHIPPED,
    ORDER_DELIVERED,
    ORDER_CLOSED,
    ORDER_CANCELLED
};
#define ORDER_STATUS_COUNT (ORDER_CANCELLED + 1)
/* A set of statuses: the bit of each (0 = any). */
#define ORDER_STATUS_BIT(s) (1u << (s))
enum channel { CHANNEL_B2B, CHANNEL_B2C };
/* How an order came in: imported (or from before), the counter (quick order,
 * `order new`, reorder), an accepted quote, the demo, a return's exchange. */
enum order_source {
    ORDER_SOURCE_IMPORT,
    ORDER_SOURCE_COUNTER,
    ORDER_SOURCE_QUOTE,
    ORDER_SOURCE_DEMO,
    ORDER_SOURCE_EXCHANGE
};
#define ORDER_SOURCE_COUNT (ORDER_SOURCE_EXCHANGE + 1)
/* What a line charges for: goods, the shipping, a fee (gift wrap). */
enum line_kind { LINE_GOODS, LINE_SHIPPING, LINE_FEE };
#define LINE_KIND_COUNT (LINE_FEE + 1)
/* How a payment was made (in) or a refund paid (out). */
enum payment_method { PAY_CARD, PAY_CASH, PAY_TRANSFER, PAY_ACCOUNT, PAY_CREDIT };
#define PAY_METHOD_COUNT (PAY_CREDIT + 1)
/* A share of a line's discount: a manual (quote) discount, a promotion,
 * redeemed points, an exchange credit. */
enum adjustment_kind { ADJ_MANUAL, ADJ_PROMOTION, ADJ_POINTS, ADJ_EXCHANGE };
#define ADJ_KIND_COUNT (ADJ_EXCHANGE + 1)

/* "placed" … "cancelled" in enum order_status order, then NULL. */
extern const char *const order_status_names[ORDER_STATUS_COUNT + 1];
const char *order_status_name(enum order_status s);
/* ERR_OK and *out, or ERR_INVALID; case is ignored. */
int order_status_parse(const char *text, enum order_status *out);
const char *channel_name(enum channel c);
int channel_parse(const char *text, enum channel *out);
/* The stored words of the enums above, in enum order, then NULL. */
extern const char *const order_source_names[ORDER_SOURCE_COUNT + 1];
extern const char *const line_kind_names[LINE_KIND_COUNT + 1];
extern const char *const payment_method_names[PAY_METHOD_COUNT + 1];
extern const char *const adjustment_kind_names[ADJ_KIND_COUNT + 1];

struct order {
    int64_t id;
    char number[33]; /* O-000123, or the number an import brought */
    enum channel channel;
    int64_t account_id;  /* 0 = none */
    int64_t contact_id;  /* 0 = none */
    int64_t customer_id; /* 0 = none (cash sale) */
    enum order_status status;
    enum order_source source;
    int64_t quote_id;    /* 0 = none */
    int64_t exchange_of; /* the order an exchange replaces, 0 = none */
    char placed_at[32];
    char placed_day[11];      /* the store-local day it was placed */
    int64_t rep_id;           /* the credited seller: the account's rep, or the clerk */
    char idempotency_key[33]; /* a placing's retry key; "" for imports */
    char cart_fingerprint[65];
    bool prices_include_tax;
    char shipping_method[17];
    char requested_date[11]; /* YYYY-MM-DD or "" */
    char promised_date[11];  /* the current promise */
    char first_promised_date[11];
    char delivered_at[32]; /* "" until delivered */
    char delivered_day[11];
    char ship_name[201];
    char ship_address[401];
    char po_number[65];
    bool gift_wrap;
    char gift_message[1001]; /* at most 250 characters; never on the invoice */
    int64_t goods_total;     /* sum of goods line totals */
    int64_t discount_total;  /* sum of line discounts */
    int64_t subtotal;        /* sum of line net amounts */
    int64_t tax_total;       /* sum of line tax amounts */
    int64_t total;           /* subtotal + tax_total */
    int64_t paid_total;      /* sum of payments in */
    int64_t refunded_total;  /* sum of payments out */
    char note[2001];
    int64_t created_by;
    int64_t version;
    /* read only, joined: who the order is for */
    char party_code[33];  /* account code, or "" */
    char party_name[201]; /* account or customer name */
    char party_email[201];
    char party_phone[41];
    int line_count;
};

struct order_line {
    int64_t id;
    int64_t order_id;
    int line_no;
    enum line_kind kind;
    int64_t product_id; /* 0 = not a catalogue product */
    char sku[65];       /* shipping: the method's code; fee: "gift-wrap" */
    char description[201];
    char category[101];
    int64_t quantity;
    int64_t list_price; /* the catalogue's, excluding tax */
    int64_t unit_price; /* as charged, in the line's basis (tax_included or not) */
    char price_source[49];
    int64_t unit_cost;
    char tax_class[17];
    int tax_rate_bp;
    bool tax_included;       /* the line's prices include tax (B2C) */
    int64_t gross_amount;    /* quantity × unit_price (read only) */
    int64_t discount_amount; /* the sum of the line's adjustments, >= 0 */
    int64_t net_amount;      /* excluding tax */
    int64_t tax_amount;      /* the line's tax, rounded half away from zero */
    int64_t total_amount;    /* net + tax (read only) */
    int64_t allocated_qty, shipped_qty, cancelled_qty;
    int64_t backorder_qty; /* quantity − allocated − shipped − cancelled (read only) */
    int64_t returned_qty, refunded_qty, refunded_amount, refunded_tax;
    char expected_date[11]; /* a back-order: when stock is expected */
};

/* A payment in, or a refund out. */
struct payment {
    int64_t id;
    int64_t order_id;
    bool out;
    enum payment_method method;
    int64_t amount;
    int64_t tax_amount; /* out: the tax refunded */
    char reference[65];
    int64_t tendered; /* cash in: what the customer handed over; 0 = not cash */
    char at[32];
    char day[11];
    int64_t user_id;
    char reason[65];
};

/* A share of a line's discount, as stored. */
struct line_adjustment_row {
    int64_t id;
    int64_t order_id;
    int64_t order_line_id;
    enum adjustment_kind kind;
    int64_t source_id; /* the promotion, for ADJ_PROMOTION */
    int64_t amount;
    char label[65];
};

/* An entry of the order's timeline: a status move (kind "status", from
 * order_status_history) or anything else placing and the later issues
 * record (payment, promise, credit, note, allocation, shipment …). */
struct order_timeline_entry {
    int64_t id;
    int64_t order_id;
    char at[32];
    char user_login[65]; /* read only, joined */
    int64_t user_id;
    char kind[25];
    int64_t ref_id;
    bool has_amount;
    int64_t amount;
    char detail[401]; /* status rows: "placed → allocated" */
    char note[401];   /* status rows: the note of the move */
};

struct order_event {
    int64_t id;
    char from_status[17];
    char to_status[17];
    char at[32];
    char user_login[65];
    char note[401];
};

enum order_sort { ORDER_SORT_PLACED, ORDER_SORT_NUMBER, ORDER_SORT_TOTAL, ORDER_SORT_STATUS };

#endif
