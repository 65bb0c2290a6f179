/* Loyalty: points earned on what customers buy, pending until the order is
 * delivered, spent at the counter, expired oldest first, reversed and
 * restored in proportion when goods are cancelled or returned, and tiers by
 * what a customer spent in the last 12 months. Every change of points is a
 * row of an append-only ledger; a balance is the sum of its rows.
 *
 * Earning: earn_points per earn_per spent on the goods after every
 * discount (points included), excluding tax, shipping and fees, times the
 * tier's multiplier, rounded down once for the order (goods 100.00 excl.,
 * a 10 % coupon → 90.00 → 90 points at 1 per 1.00; gold ×1.5 → 135), then
 * spread over the goods lines by their net so a return takes back each
 * line's share. Redeeming: worth_points points pay worth_cents, at most
 * max_share of the goods after promotions and only from the points
 * available now; the value is a discount spread over the goods lines, so
 * tax is computed on what is paid. Expiry: available points expire
 * expire_months after they became available, oldest first; what is due by
 * a day D is max(0, credits expiring by D − every debit), so balances are
 * shown net of it before any cron wrote the expiry row.
 *
 * Who calls what: the pricing steps 4 and 8 and the hook bus are in
 * loyalty_hooks.c (b2c_hooks.h); returns (issue 14) reverse points by
 * running order_hooks_run(ORDER_CHANGE_CREDITED) with the credited lines
 * (which calls loyalty_credit_units) and preview them with
 * loyalty_credit_preview;
 * the CLI (`comptoir loyalty`) and the console call the functions below. */
#ifndef COMPTOIR_B2C_LOYALTY_H
#define COMPTOIR_B2C_LOYALTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/model/loyalty.h"
#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"

struct app;
struct order;
struct order_credit_line;

/* ------------------------------------------------------------ arithmetic */

/* The smallest number of points whose worth is a whole number of cents
 * (100 points = 1.00 € → 1; 3 points = 0.02 € → 3). */
int64_t loyalty_points_step(const struct loyalty_settings *s);
/* What points are worth, in minor units (points a multiple of the step). */
int64_t loyalty_points_worth(const struct loyalty_settings *s, int64_t points);
/* The most points (a multiple of the step) worth at most cents. */
int64_t loyalty_points_for(const struct loyalty_settings *s, int64_t cents);
/* Points earned on base (goods net of every discount, excluding tax) at a
 * tier multiplier: ⌊base × earn_points × multiplier / (earn_per × 10000)⌋.
 * ERR_INVALID when the numbers are too large. */
int loyalty_points_earned(const struct loyalty_settings *s, int64_t base, int multiplier_bp, int64_t *out,
                          struct err *e);
/* A tier's multiplier as people read it: "x1.5" (15000), "x1.25", "x2". */
void loyalty_multiplier_text(int multiplier_bp, char *out, size_t len);
/* Points due to expire: what the available balance holds beyond the credits
 * still valid (debits take the oldest credits first), never below 0. The
 * same as the credits expiring by the day less every debit. */
int64_t loyalty_due(int64_t available, int64_t still_valid);
/* Spreads amount over n lines in proportion to weights, in the canonical
 * order of spreads (SKU ascending, byte order), so the parts are the same
 * whatever order the lines were entered in; parts sum to amount. */
int loyalty_spread(int64_t amount, const int64_t *weights, const char *const *skus, int n, int64_t *parts,
                   struct err *e);

/* What the pricing steps read of a customer, loaded by loyalty_cart_load
 * (cart_inputs.loyalty; NULL for an account or a sale to nobody known). */
struct loyalty_state {
    int64_t customer_id;
    struct loyalty_settings settings;
    int64_t available; /* net of what is due to expire today */
    char tier[17];
    int multiplier_bp;
};

/* ----------------------------------------------------------- operations */

/* A customer's points as people see them: every figure net of what has
 * expired (ACT_LOYALTY_VIEW). */
struct loyalty_summary {
    int64_t customer_id;
    int64_t available, pending;
    int64_t available_worth; /* what the available points pay */
    int64_t expiring;        /* points that expire within expiring_days */
    int expiring_days;       /* 30 */
    char expiring_first[11]; /* the first day some of them go ("" when none) */
    char tier[17];
    int multiplier_bp;
    int64_t spend;           /* goods excl. tax delivered in the last 12 months, net of refunds */
    char spend_since[11];    /* the first day of that window */
    char next_tier[17];      /* "" at the top */
    int64_t next_tier_spend; /* its threshold */
    int64_t to_next_tier;    /* what is left to spend to reach it */
};
int loyalty_summary_get(struct app *app, int64_t customer_id, struct loyalty_summary *out, struct err *e);
/* A customer's ledger (struct loyalty_entry rows, with running balances),
 * in the order things happened: every row (q NULL) or a window
 * (q->descending: newest first; q->filter: rows of a kind, or whose order,
 * reason or author holds the text), as the console's tables and the CLI
 * page it (ACT_LOYALTY_VIEW). */
int loyalty_ledger(struct app *app, int64_t customer_id, const struct page_req *q, struct rows *out,
                   struct err *e);
void loyalty_ledger_cursor(const struct loyalty_entry *l, struct page_cursor *c);
/* Adds (points > 0) or takes away (points < 0, at most what is available)
 * points with a reason, audited (ACT_LOYALTY_ADJUST: managers and admins).
 * *written (may be NULL) gets the ledger row. */
int loyalty_adjust(struct app *app, int64_t customer_id, int64_t points, const char *reason,
                   struct loyalty_entry *written, struct err *e);
/* The settings and the tiers (struct loyalty_tier rows, by spend). */
int loyalty_settings_get(struct app *app, struct loyalty_settings *s, struct rows *tiers, struct err *e);
/* Checks settings and tiers (pure): positive amounts, a share from 0 to
 * 100 %, 1 to 600 months, tiers with distinct names and spends, the first
 * at 0, multipliers from 0 to ×10. */
int loyalty_settings_check(const struct loyalty_settings *s, const struct loyalty_tier *tiers, int ntiers,
                           struct err *e);
/* Changes the settings and, when ntiers >= 0, replaces the tiers and puts
 * every customer in their tier again (*retiered, may be NULL, counts those
 * that moved); audited (ACT_SETTINGS: admins). */
int loyalty_settings_set(struct app *app, const struct loyalty_settings *s, const struct loyalty_tier *tiers,
                         int ntiers, int64_t *retiered, struct err *e);
/* The cron's run: writes the expiry rows of every customer whose points
 * passed their day since the last run, and moves the tier of every
 * customer whose 12-month window lost an order (ACT_LOYALTY_EXPIRE). */
struct loyalty_expiry_run {
    int64_t customers, points; /* expiry rows written, points expired */
    int64_t tiers_checked, tiers_changed;
};
int loyalty_expire(struct app *app, struct loyalty_expiry_run *out, struct err *e);
/* Points past their day on `day` (store-local YYYY-MM-DD) that no expiry
 * row written by then records, every customer's summed: what a balance read
 * from the ledger's sums (the loyalty report's outstanding) still holds and
 * must not — a point past its day is never outstanding, whether or not
 * `loyalty expire` has run; the run only writes it down. Only customers with
 * credits expiring since the run last went through are read when day is on
 * or after it. The caller checks its own right (the report's). */
int loyalty_expired_unrecorded(struct app *app, const char *day, int64_t *points, struct err *e);

/* ------------------------------------------- credited units (returns) */

/* What crediting units of an order's goods lines does to its points. */
struct loyalty_credit {
    int64_t earned_back;   /* earned points taken back: from pending before delivery, else available */
    int64_t shortfall;     /* of those, already spent: written on the row as due, not taken */
    int64_t redeemed_back; /* redeemed points given back: a new credit, expiring expire_months on */
};
/* For returns (issue 14), inside the refund's transaction (after writing
 * order_lines.refunded_*, which the tier's spend reads): for each credited
 * line (order_credit_line: order_line_id, units), takes back its share of
 * what it earned and gives back its share of what it redeemed —
 * k·⌊points/q⌋, plus the remainder when the line's credited units (returns
 * and cancels together) reach its quantity q — then puts the customer in
 * their tier again. ORDER_CHANGE_CREDITED on the bus (order_hooks_run)
 * calls this; call one or the other, never both. Never twice: a return
 * (return_id > 0) credits a line once (loyalty_return_lines), a unit is
 * credited once; either refusal is ERR_CONFLICT, field "points", and the
 * caller rolls back. Orders without a customer, or of accounts: nothing.
 * The caller checks its own right (ACT_RETURN_REFUND). *out may be NULL. */
int loyalty_credit_units(struct app *app, const struct order *o, const struct order_credit_line *credits,
                         int ncredits, int64_t return_id, struct loyalty_credit *out, struct err *e);
/* What loyalty_credit_units would do now, writing nothing (what `return
 * new` prints): the same shares, and the shortfall if the earned points
 * were spent since. */
int loyalty_credit_preview(struct app *app, const struct order *o, const struct order_credit_line *credits,
                           int ncredits, struct loyalty_credit *out, struct err *e);

/* The customer of an e-mail, for the CLI (ACT_LOYALTY_VIEW). */
int loyalty_customer_find(struct app *app, const char *email, int64_t *customer_id, struct err *e);

#endif
