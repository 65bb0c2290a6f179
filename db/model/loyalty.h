/* The loyalty records: a row of the points ledger, a tier, the settings of
 * earning, redeeming and expiry, and the points an order line earned and
 * redeemed (with what was reversed and restored of them). */
#ifndef COMPTOIR_DB_MODEL_LOYALTY_H
#define COMPTOIR_DB_MODEL_LOYALTY_H

#include <stdbool.h>
#include <stdint.h>

/* What a ledger row records. */
enum loyalty_kind {
    LOYALTY_OPENING, /* the balance from before the ledger (migration, import) */
    LOYALTY_EARN,    /* an order placed: pending points */
    LOYALTY_RELEASE, /* the order delivered: pending → available (a pair of rows) */
    LOYALTY_CANCEL,  /* the order (or units of it) cancelled before delivery: pending points vanish */
    LOYALTY_REDEEM,  /* points spent at the counter */
    LOYALTY_RESTORE, /* redeemed points given back (cancel, return) */
    LOYALTY_REVERSE, /* earned points taken back (a return, a cancel after delivery) */
    LOYALTY_EXPIRE,  /* points past their day, oldest first */
    LOYALTY_ADJUST   /* a manager's or admin's change, with a reason */
};
#define LOYALTY_KIND_COUNT (LOYALTY_ADJUST + 1)
enum loyalty_bucket { LOYALTY_PENDING, LOYALTY_AVAILABLE };
#define LOYALTY_BUCKET_COUNT (LOYALTY_AVAILABLE + 1)

/* "opening" … "adjust" and "pending", "available", in enum order, then NULL. */
extern const char *const loyalty_kind_names[LOYALTY_KIND_COUNT + 1];
extern const char *const loyalty_bucket_names[LOYALTY_BUCKET_COUNT + 1];

/* A row of the ledger (append-only). */
struct loyalty_entry {
    int64_t id;
    int64_t customer_id;
    char at[32];
    char day[11]; /* store-local day */
    enum loyalty_kind kind;
    enum loyalty_bucket bucket;
    int64_t points;      /* signed: + credits the bucket, − debits it */
    char expires_on[11]; /* available credits: the first day they can no longer be used; else "" */
    int64_t order_id;    /* 0 = none */
    int64_t return_id;   /* 0 = none */
    int64_t user_id;     /* 0 = none (the system) */
    char reason[201];
    int64_t shortfall; /* reverse: points due that were already spent (not taken) */
    /* read only, joined or computed */
    char order_number[33];
    char user_login[65];
    int64_t available_after, pending_after; /* the buckets' sums up to this row */
};

struct loyalty_tier {
    char name[17];
    int64_t min_spend; /* goods excl. tax delivered in the last 12 months, net of refunds */
    int multiplier_bp; /* 10000 = ×1; 15000 = ×1.5 */
};

struct loyalty_settings {
    int64_t earn_points, earn_per;     /* earn_points points per earn_per minor units spent */
    int64_t worth_points, worth_cents; /* worth_points points pay worth_cents */
    int max_share_bp;                  /* points pay at most this share of the goods */
    int expire_months;                 /* available points expire this many months later */
};

/* The points of one goods line of an order. */
struct loyalty_line_points {
    int64_t order_line_id, order_id;
    int64_t quantity; /* the line's units */
    int64_t earned, earned_reversed;
    int64_t redeemed, redeemed_restored;
    int64_t units_credited; /* units cancelled or returned so far */
};

#endif
