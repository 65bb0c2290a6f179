/* The order record: an order, its lines (a snapshot of what was charged)
 * and its status history. */
#ifndef COMPTOIR_DB_MODEL_ORDER_H
#define COMPTOIR_DB_MODEL_ORDER_H

#include <stdint.h>

enum order_status {
    ORDER_PLACED,
    ORDER_ALLOCATED,
    ORDER_SHIPPED,
    ORDER_DELIVERED,
    ORDER_CLOSED,
    ORDER_CANCELLED
};
#define ORDER_STATUS_COUNT (ORDER_CANCELLED + 1)
/* A set of statuses: the bit of each (0 = any). */
#define ORDER_STATUS_BIT(s) (1u << (s))
enum channel { CHANNEL_B2B, CHANNEL_B2C };

/* "placed" … "cancelled" in enum order_status order, then NULL. */
extern const char *const order_status_names[ORDER_STATUS_COUNT + 1];
const char *order_status_name(enum order_status s);
/* ERR_OK and *out, or ERR_INVALID; case is ignored. */
int order_status_parse(const char *text, enum order_status *out);
const char *channel_name(enum channel c);
int channel_parse(const char *text, enum channel *out);

struct order {
    int64_t id;
    char number[33]; /* O-000123, or the number an import brought */
    enum channel channel;
    int64_t account_id;  /* 0 = none */
    int64_t contact_id;  /* 0 = none */
    int64_t customer_id; /* 0 = none (cash sale) */
    enum order_status status;
    char placed_at[32];
    char shipping_method[17];
    char requested_date[11]; /* YYYY-MM-DD or "" */
    char promised_date[11];
    char ship_name[201];
    char ship_address[401];
    int64_t subtotal;  /* sum of line net amounts */
    int64_t tax_total; /* sum of line tax amounts */
    int64_t total;     /* subtotal + tax_total */
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
    int64_t product_id; /* 0 = not a catalogue product */
    char sku[65];
    char description[201];
    int64_t quantity;
    int64_t unit_price; /* charged, excluding tax, minor units */
    int tax_rate_bp;
    int64_t discount_amount; /* this line's share of an order discount, >= 0 */
    int64_t net_amount;      /* quantity × unit_price − discount_amount */
    int64_t tax_amount;      /* net × rate, rounded half away from zero */
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
