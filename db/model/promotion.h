/* The promotion record: a rule as data (kind, target, trigger, conditions,
 * limits, stacking), its codes and its uses. What an order got is not here:
 * it is the order's own snapshot (order_line_adjustments, kind promotion). */
#ifndef COMPTOIR_DB_MODEL_PROMOTION_H
#define COMPTOIR_DB_MODEL_PROMOTION_H

#include <stdbool.h>
#include <stdint.h>

/* What a promotion gives. */
enum promotion_kind { PROMO_PERCENT, PROMO_FIXED, PROMO_BUY_GET, PROMO_FREE_SHIPPING, PROMO_PRICE };
#define PROMO_KIND_COUNT (PROMO_PRICE + 1)
/* What it applies to. */
enum promotion_target { PROMO_ON_ORDER, PROMO_ON_CATEGORY, PROMO_ON_SKUS };
#define PROMO_TARGET_COUNT (PROMO_ON_SKUS + 1)
/* How it is triggered: by itself, or by a code typed into the cart. */
enum promotion_activation { PROMO_AUTO, PROMO_CODE };
#define PROMO_ACTIVATION_COUNT (PROMO_CODE + 1)
/* Where it stands today (derived, never stored). */
enum promotion_state { PROMO_ACTIVE, PROMO_SCHEDULED, PROMO_ENDED, PROMO_DISABLED };
#define PROMO_STATE_COUNT (PROMO_DISABLED + 1)

/* "percent" … "price", "order" …, "auto" "code", "active" …: the stored
 * words, in enum order, then NULL. */
extern const char *const promotion_kind_names[PROMO_KIND_COUNT + 1];
extern const char *const promotion_target_names[PROMO_TARGET_COUNT + 1];
extern const char *const promotion_activation_names[PROMO_ACTIVATION_COUNT + 1];
extern const char *const promotion_state_names[PROMO_STATE_COUNT + 1];

struct promotion {
    int64_t id;
    char name[257]; /* 1 to 64 characters */
    enum promotion_kind kind;
    int64_t value; /* percent: basis points; fixed and price: minor units in the cart's basis */
    enum promotion_target target;
    char category[101]; /* target category */
    int64_t buy_qty, get_qty;
    int64_t get_percent_bp;          /* buy X get Y: how much off the Y units (10000 = free) */
    int64_t max_free;                /* buy X get Y: at most this many discounted units; 0 = no maximum */
    bool dearest;                    /* buy X get Y: the dearest units are discounted, not the cheapest */
    int64_t min_subtotal;            /* goods before promotions, in the cart's basis; 0 = none */
    int64_t min_qty;                 /* units of the target; 0 = none */
    char starts_on[11], ends_on[11]; /* store-local dates, inclusive; "" = open */
    enum promotion_activation activation;
    int channel;   /* -1 = any, else enum channel */
    char tier[17]; /* "" = any */
    bool first_order;
    int64_t max_uses;     /* 0 = no limit */
    int64_t per_customer; /* 0 = no limit */
    int64_t budget;       /* -1 = none */
    int64_t uses, granted;
    int priority;
    bool exclusive, stop;
    char disabled_at[32]; /* "" = not disabled */
    char created_at[32];
    int64_t created_by;
    char updated_at[32];
    int64_t version;
    /* read only, joined */
    char code[33];             /* the shared code, "" = none */
    int64_t codes, codes_used; /* single-use codes made and used */
};

/* A code of a promotion, as stored. */
struct promotion_code {
    int64_t id;
    int64_t promotion_id;
    char code[33];
    bool single_use;
    int64_t batch; /* 0 = the shared code */
    char created_at[32];
    int64_t used_order_id; /* 0 = not used */
    char used_at[32];
    char used_order[33]; /* read only: the order's number */
};

/* One use: the promotion an order got, and how much. */
struct promotion_use {
    int64_t promotion_id;
    int64_t order_id;
    int64_t code_id; /* 0 = automatic */
    int64_t amount;
    int64_t order_net;
    char day[11];
    char released_at[32]; /* "" = in force */
    /* read only, joined */
    char name[257];
    char code[33];
    char order_number[33];
};

#endif
