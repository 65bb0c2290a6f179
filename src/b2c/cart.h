/* The cart: what a clerk (quick order), a script (`order new`) or a reorder
 * is about to sell, for one customer (B2C, prices tax included) or one
 * account (B2B, prices excluding tax). It lives in memory, never in the
 * database; placing it is one transaction (src/b2c/order_place.h).
 *
 * Pricing is a pipeline of steps over plain structs (cart_price, pure): the
 * B2C consumer price or the B2B waterfall, line discounts (promotions),
 * order discounts (promotions), points, shipping and fees, free shipping,
 * tax, points earned, the promised date, the payment. Issues 11 and 12 fill
 * their steps in their own files (src/b2c/b2c_hooks.h); cart_price_steps()
 * lists the table. Between steps a line's current amount is gross −
 * discount, in its basis (tax included for B2C); a discount step lowers it,
 * never below 0, and records each share in priced_cart.adjustments. */
#ifndef COMPTOIR_B2C_CART_H
#define COMPTOIR_B2C_CART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/model/cart.h"
#include "db/model/order.h"
#include "db/model/pricing.h"
#include "db/model/shipping.h"
#include "src/base/err.h"

struct app;

#define CART_MAX_LINES 1000
#define CART_MAX_COUPONS 8
#define CART_MAX_TAX_RATES 8
#define GIFT_MESSAGE_MAX_CHARS 250

/* ------------------------------------------------------------- the cart */

struct cart_line {
    int64_t product_id;
    char sku[65];
    int64_t quantity;
    bool backorder; /* the clerk agreed: what stock cannot cover waits */
};

struct cart {
    enum channel channel;
    int64_t customer_id;     /* B2C; 0 = a sale to nobody known (cash at the counter) */
    int64_t account_id;      /* B2B */
    int64_t contact_id;      /* B2B, optional */
    struct cart_line *lines; /* entry order = display order; a SKU twice merges */
    int nlines, cap;
    char shipping_method[17]; /* "" = standard */
    char requested_date[11];  /* YYYY-MM-DD or "" */
    bool gift_wrap;
    char gift_message[1001]; /* at most GIFT_MESSAGE_MAX_CHARS characters */
    enum payment_method pay;
    bool pay_chosen; /* false: the channel's default (card; on account for accounts) */
    char pay_reference[65];
    int64_t cash_tendered;              /* cash: what the customer hands over; 0 = the exact amount */
    char coupons[CART_MAX_COUPONS][33]; /* issue 11 prices them */
    int ncoupons;
    int64_t points;     /* issue 12: points asked */
    bool points_max;    /* issue 12: the most allowed */
    char po_number[65]; /* issue 13 */
    char note[2001];
    char idempotency_key[33]; /* kept across failed attempts, new after a placing */
};

/* A new empty cart for a channel, with a fresh idempotency key. */
struct cart *cart_new(enum channel channel);
void cart_free(struct cart **c);
/* The party: a customer (B2C, 0 = nobody known) or an account and its contact (B2B). */
void cart_set_customer(struct cart *c, int64_t customer_id);
void cart_set_account(struct cart *c, int64_t account_id, int64_t contact_id);
/* Adds quantity of a product, merging with its line when it has one; the
 * index of the line in *index. ERR_INVALID past CART_MAX_LINES or on a
 * quantity under 1 or too large. */
int cart_add(struct cart *c, int64_t product_id, const char *sku, int64_t quantity, int *index,
             struct err *e);
int cart_set_quantity(struct cart *c, int index, int64_t quantity, struct err *e);
void cart_remove(struct cart *c, int index);
void cart_set_backorder(struct cart *c, int index, bool backorder);
/* The payment method in effect (the chosen one, or the channel's default). */
enum payment_method cart_payment(const struct cart *c);
/* A new idempotency key (32 hex characters from the system's randomness). */
void cart_new_key(struct cart *c);
/* The cart without its lines and options, as new, for the same party and
 * channel, with a new key: after a placing. */
void cart_clear(struct cart *c);
/* A copy of the cart (its own lines). */
struct cart *cart_copy(const struct cart *c);
/* Sets the party from what a script names: a customer's e-mail, or an
 * account's code and optionally one of its contacts by name (any case). */
int cart_set_party(struct app *app, struct cart *c, const char *customer_email, const char *account_code,
                   const char *contact_name, struct err *e);
/* Sets the shipping method by code, refusing one that does not exist or is
 * no longer offered (the message lists those that are). */
int cart_set_shipping(struct app *app, struct cart *c, const char *code, struct err *e);
/* Adds a product by its SKU (any case), refusing one no longer sold
 * (ACT_ORDER_CREATE): what the console and `order new` call. */
int cart_add_sku(struct app *app, struct cart *c, const char *sku, int64_t quantity, int *index,
                 struct err *e);
/* Checks what was typed besides the lines (pure): the texts, a gift message
 * of at most 250 characters, a requested date not before today, a payment
 * reference, a cash amount. */
int cart_check_options(const struct cart *c, const char *today, struct err *e);
/* Reads what a clerk types into the product field: "3*CAF" → 3 and "CAF",
 * "CAF" → 1 and "CAF". false when the quantity is not a whole number from
 * 1 to 1,000,000. */
bool cart_parse_entry(const char *text, int64_t *quantity, char *query, size_t len);

/* ------------------------------------------------------------ the inputs */

struct promotion_set; /* issue 11: what its steps read (src/b2c/promotion_hooks.c) */
struct loyalty_state; /* issue 12: the customer's points and tier (src/b2c/loyalty_hooks.c) */

/* Everything cart_price reads, loaded by cart_inputs_load once for a cart
 * session (again when products are added, and inside placing); pricing
 * itself never touches the database. Arrays are owned: cart_inputs_free. */
struct cart_inputs {
    char today[11], now_hm[6];     /* store-local date and time */
    struct cart_product *products; /* sorted by id */
    int nproducts, products_cap;
    bool has_b2b;
    struct pricing_inputs b2b; /* an account's price lists, contracts and tiers */
    struct shipping_method *methods;
    int nmethods;
    char (*closures)[11]; /* business closures from today on, sorted */
    int nclosures;
    int64_t gift_wrap_fee; /* tax included */
    char gift_wrap_tax_class[17];
    int gift_wrap_rate_bp;
    int backorder_days; /* business days until stock comes, when a product says nothing */
    char account_code[33];
    int64_t credit_limit, open_balance; /* accounts */
    char customer_tier[17];
    bool first_order; /* the customer has no order yet (issue 11's condition) */
    struct promotion_set *promotions;
    struct loyalty_state *loyalty;
};

/* Loads the inputs for the cart's party and lines (ACT_ORDER_VIEW). */
int cart_inputs_load(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e);
/* The same for a caller that checked its own right to sell what it prices
 * (an exchange: ACT_RETURN_REFUND). */
int cart_inputs_load_for(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e);
/* Loads what lines added since lack (their products; an account's prices
 * again): cheap when nothing is missing. */
int cart_inputs_refresh(struct app *app, const struct cart *c, struct cart_inputs *in, struct err *e);
void cart_inputs_free(struct cart_inputs *in);
const struct cart_product *cart_inputs_product(const struct cart_inputs *in, int64_t product_id);
const struct shipping_method *cart_inputs_method(const struct cart_inputs *in, const char *code);

/* --------------------------------------------------------- a priced cart */

/* Problems of a line that stop a placing (besides enum price_issue bits). */
enum cart_issue {
    CART_ISSUE_MOQ = 1u << 0,
    CART_ISSUE_PACK = 1u << 1,
    CART_ISSUE_INACTIVE = 1u << 2,
    CART_ISSUE_STOCK = 1u << 3,   /* not enough stock, and no back-order asked */
    CART_ISSUE_UNKNOWN = 1u << 4, /* the product is gone */
};

struct line_adjustment {
    int line; /* index into priced_cart.lines */
    enum adjustment_kind kind;
    int64_t source_id; /* the promotion for ADJ_PROMOTION, else 0 */
    int64_t amount;    /* in the line's basis, > 0 */
    char label[65];
};

struct priced_line {
    enum line_kind kind;
    int cart_line; /* index into cart.lines; -1 for shipping and fees */
    int64_t product_id;
    char sku[65], description[201], category[101];
    int64_t quantity, list_price, unit_price, unit_cost; /* unit_price in the order's basis */
    char price_source[49], tax_class[17];
    int tax_rate_bp;
    int64_t gross, discount, net, tax, total; /* discount = the sum of the line's adjustments */
    int64_t free_stock, reserve_qty, backorder_qty;
    char expected_date[11];
    int64_t earn_points, redeem_points; /* issue 12 */
    bool stopped;                       /* issue 11: a 'stop' promotion took it */
    unsigned issues;                    /* enum cart_issue bits */
};

struct tax_total {
    char tax_class[17];
    int rate_bp;
    int64_t net, tax, total;
};

/* Issue 11: a code that applied, and its promotion (placing counts its use). */
struct applied_code {
    int64_t promotion_id, code_id;
};

enum cart_note_kind { NOTE_APPLIED, NOTE_NOT_APPLIED, NOTE_INFO, NOTE_WARNING };
struct cart_note {
    enum cart_note_kind kind;
    char text[160];
    bool has_amount;
    int64_t amount;
};

struct priced_cart {
    enum channel channel;
    bool tax_included;
    struct priced_line *lines; /* goods in entry order, then shipping, then fees */
    int nlines, lines_cap;
    int ngoods;
    struct line_adjustment *adjustments;
    int nadjustments, adj_cap;
    struct tax_total taxes[CART_MAX_TAX_RATES];
    int ntaxes;
    int64_t goods_gross;            /* the goods before any discount */
    int64_t goods_after_promotions; /* goods after line and order discounts (step 5 reads it) */
    int64_t goods_total, goods_net; /* the goods after every discount: total, and excluding tax */
    int64_t charges_total;          /* shipping and fees */
    int64_t discount_total, subtotal, tax_total, total; /* subtotal = Σ net; total = Σ line totals */
    int64_t points_available, points_redeemed, points_value, points_earned; /* issue 12 */
    struct applied_code codes[CART_MAX_COUPONS];                            /* issue 11 */
    int ncodes;
    char shipping_method[17];
    char promised_date[11];
    bool promise_after_request;
    enum payment_method pay;
    int64_t credit_exceeded_by; /* on account beyond the limit; 0 = within */
    int64_t change_due;         /* cash */
    int issues;                 /* lines with an issue, plus payment problems */
    char payment_issue[160];    /* "" or why the payment cannot be taken */
    struct cart_note *notes;
    int nnotes, notes_cap;
};

/* One step of the pipeline. */
typedef int (*cart_step_fn)(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                            struct err *e);
struct cart_step {
    const char *name;
    cart_step_fn run;
};
/* The pipeline's steps in order (n in *count): base, promotion lines,
 * promotion order, loyalty redeem, charges, promotion shipping, tax,
 * loyalty earn, promise, payment. */
const struct cart_step *cart_price_steps(int *count);

/* Prices the cart (pure): runs every step. p is reset first and owns its
 * arrays (priced_cart_free). ERR_INVALID on an amount too large. */
int cart_price(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p, struct err *e);
void priced_cart_free(struct priced_cart *p);
/* For the steps: adds a discount share to a line (amount > 0, at most its
 * current amount), and a note to the cart. */
int priced_cart_adjust(struct priced_cart *p, int line, enum adjustment_kind kind, int64_t source_id,
                       int64_t amount, const char *label, struct err *e);
void priced_cart_note(struct priced_cart *p, enum cart_note_kind kind, bool has_amount, int64_t amount,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A line's current amount: gross − discount, in its basis. */
int64_t priced_line_current(const struct priced_line *l);
/* Why a line cannot be placed, in words ("" when it can). */
void priced_line_issues(const struct priced_line *l, char *out, size_t len);
/* Compares what two pricings charge (every line's unit, quantity,
 * discount and amounts, the totals, the promise, the payment); false and
 * the first difference in words when they differ. */
bool priced_cart_same(const struct priced_cart *a, const struct priced_cart *b, char *diff, size_t len);

/* --------------------------------------------------------------- promise */

/* True on a business day: Monday to Friday and not a closure (sorted). */
bool business_day(const char *date, char (*closures)[11], int nclosures);
/* The business day n business days after date (n = 0: date itself when it
 * is one, else the next). */
void business_days_after(const char *date, int n, char (*closures)[11], int nclosures, char out[11]);
/* The day an order placed at today/now_hm leaves: today when it is a
 * business day and the method's cut-off (if any) is not past, else the
 * next business day. */
void promise_ship_day(const char *today, const char *now_hm, const struct shipping_method *m,
                      char (*closures)[11], int nclosures, char out[11]);

#endif
