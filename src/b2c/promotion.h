/* Promotions and coupon codes: rules as data (kind, target, trigger,
 * conditions, limits, stacking), managed by managers and admins, applied
 * to carts by the pricing pipeline (steps 2, 3 and 6, promotion_hooks.c)
 * and counted by placing inside its transaction.
 *
 * The arithmetic (promotion_match.c, pure) is one place:
 *   - a percentage is computed per line and rounded per line;
 *   - a fixed amount is spread over its lines in proportion to what they
 *     cost then (money_spread, cumulative rounding, lines by SKU): the shares
 *     add up to the amount exactly — 10.00 over three 100.00 lines A < B < C
 *     gives 3.33, 3.34, 3.33;
 *   - a fixed price brings each line of its target to quantity × price;
 *   - buy X get Y: of every X + Y units of the target, Y are discounted, the
 *     cheapest (or the dearest) first, ties by SKU, at most max_free; the
 *     result does not depend on the order lines were added;
 *   - B2C discounts lower the tax-included amount; the tax step recomputes
 *     each line's tax from what is left.
 * Stacking: levels of priority, highest first; the promotions of one level
 * all compute on the amounts the levels above left (so creation order never
 * matters), a line's discount capped at what is left of it, the cap taken
 * in id order; a 'stop' promotion keeps lower levels off the lines it
 * discounted, in every later step; if an exclusive promotion applies, only
 * the best one does (highest priority, then largest discount, then lowest
 * id) and every other says "not combinable with …". Date windows are
 * store-local dates, both ends inclusive (an end date holds to 23:59:59).
 *
 * What an order got is its own snapshot (order_line_adjustments, kind
 * promotion, source_id = the promotion; promotion_uses per promotion):
 * returns and reports read that, never these rules again. */
#ifndef COMPTOIR_B2C_PROMOTION_H
#define COMPTOIR_B2C_PROMOTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db/model/order.h"
#include "db/model/promotion.h"
#include "src/b2c/cart.h"
#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"

struct app;

/* ------------------------------------------- the rules a cart is priced with */

/* A promotion as a cart sees it. */
struct promotion_rule {
    struct promotion p;
    const int64_t *skus; /* target SKUs: product ids, ascending */
    int nskus;
    int skus_at;        /* where they start in the set's block */
    int64_t party_uses; /* the cart's customer's (or account's) uses so far */
    int coupon;         /* the index of the cart's coupon that names it; -1 = none */
    int64_t code_id;    /* that code */
    bool single_use;
    char code[33];       /* that code as stored */
    char used_order[33]; /* a single-use code used already: by this order */
};

/* A coupon typed into the cart, and what it names. */
struct promotion_coupon {
    char typed[33];
    int rule; /* index into rules; -1 = no such code */
};

/* Everything the promotion steps read (cart_inputs.promotions). */
struct promotion_set {
    char currency[8];             /* for amounts in the cart's notes */
    struct promotion_rule *rules; /* by id */
    int nrules, rules_cap;
    int64_t *skus; /* the rules' SKU lists, one block */
    int nskus, skus_cap;
    struct promotion_coupon coupons[CART_MAX_COUPONS];
    int ncoupons;
    bool first_order; /* the party has no order yet (false for nobody known) */
    /* what it was loaded for: loaded again when any of them changes */
    int64_t customer_id, account_id;
    char today[11];
};

/* A set built by hand (tests and benchmarks; the loader uses the same):
 * add the rules (and their SKUs, ascending) in any order, then finish. */
struct promotion_set *promotion_set_new(const char *currency);
void promotion_set_free(struct promotion_set **s);
struct promotion_rule *promotion_set_add(struct promotion_set *s, const struct promotion *p,
                                         const int64_t *skus, int nskus);
/* Sorts the rules by id and points each at its SKUs; call after the last add. */
void promotion_set_finish(struct promotion_set *s);
/* The rule of a promotion, or NULL. */
const struct promotion_rule *promotion_set_find(const struct promotion_set *s, int64_t id);

/* The steps (promotion_hooks.c calls them with the step's kinds). */
enum promotion_step {
    PROMO_STEP_LINES,   /* SKU, category, buy X get Y, fixed price */
    PROMO_STEP_ORDER,   /* percent and fixed off the order */
    PROMO_STEP_SHIPPING /* free shipping */
};
int promotion_apply(const struct cart_inputs *in, const struct cart *c, struct priced_cart *p,
                    enum promotion_step step, struct err *e);
/* The step a kind and target belong to. */
enum promotion_step promotion_step_of(const struct promotion *p);

/* Where a promotion stands on a day (YYYY-MM-DD, store-local). */
enum promotion_state promotion_state_on(const struct promotion *p, const char *today);
/* What it gives, in words: "10 % off", "5.00 off", "buy 2 get 1 free",
 * "free shipping", "at 9.99". */
void promotion_describe(const struct promotion *p, char *out, size_t len);
/* Its target in words: "the order", "category Thé", "3 SKUs". */
void promotion_target_text(const struct promotion *p, int nskus, char *out, size_t len);

/* ------------------------------------------------------------ managing */

/* What a form, a command or a CSV row gives to create or change one. */
struct promotion_edit {
    struct promotion p; /* the fields as given (p.id and p.version for a change) */
    char code[33];      /* the shared code, "" = none (set once, never changed) */
    char skus[4001];    /* target SKUs, separated by commas or spaces */
};

/* What people type, read and written back the same way by the command
 * line, CSV and the editor: a kind ("percent", "buy-get" or "buy_get" …), a
 * target ("order", "category:Thé", "sku:CAF-001,THE-001"), a value by kind
 * (a percentage "12.5" for percent, an amount "10.00" for fixed and price). */
int promotion_parse_kind(const char *text, enum promotion_kind *out, struct err *e);
int promotion_parse_target(const char *text, struct promotion_edit *out, struct err *e);
int promotion_parse_value(const char *text, enum promotion_kind kind, int64_t *out, struct err *e);
void promotion_format_target(const struct promotion_edit *in, char *out, size_t len);
void promotion_format_value(const struct promotion *p, char *out, size_t len);
/* The kind as people write it: "percent", "fixed", "buy-get", "free-shipping", "price". */
const char *promotion_kind_word(enum promotion_kind k);

/* The editor's fields as text, by the core's field names (also the CSV
 * columns): name kind value on buy get get_percent max_free dearest
 * min_subtotal min_qty from to trigger code limit per_customer budget
 * priority exclusive stop channel tier first_order. A flag reads yes/no,
 * trigger auto/code, channel any/b2c/b2b; empty is "none" or the default. */
extern const char *const promotion_field_names[];
/* Reads the fields given by get (NULL or "" = empty; the text may live
 * only until get's next call) into out (its id and version kept):
 * ERR_INVALID with e->field the field that does not read. */
int promotion_edit_read(const char *(*get)(void *ctx, const char *field), void *ctx,
                        struct promotion_edit *out, struct err *e);
/* One field of an edit as the editor shows it. */
void promotion_edit_field(const struct promotion_edit *in, const char *field, char *out, size_t len);

/* Checks every field (pure): ERR_INVALID with e->field the first field at
 * fault ("name", "value", "on", "buy", "code", "to" …) and a message. */
int promotion_validate(const struct promotion_edit *in, struct err *e);
/* Creates it (ACT_PROMOTION_EDIT), its SKUs and its shared code, audited;
 * in->p.id is set. */
int promotion_create(struct app *app, struct promotion_edit *in, struct err *e);
/* Saves a change (ACT_PROMOTION_EDIT; in->p.version the one read), audited. */
int promotion_update(struct app *app, struct promotion_edit *in, struct err *e);
/* Disables it from now (ACT_PROMOTION_EDIT), audited. */
int promotion_disable(struct app *app, int64_t id, struct err *e);
/* One promotion (ACT_PROMOTION_VIEW), by id or by one of its codes ("12",
 * "#12" or "NOEL25"). */
int promotion_get(struct app *app, int64_t id, struct promotion *out, struct err *e);
int promotion_find(struct app *app, const char *id_or_code, struct promotion *out, struct err *e);
/* A promotion as an edit: its fields, shared code and SKUs as text. */
int promotion_edit_load(struct app *app, int64_t id, struct promotion_edit *out, struct err *e);
/* Promotions of the states in the set (bits 1u << state, 0 = all) as of
 * today (ACT_PROMOTION_VIEW); every row (q NULL) or a keyset window. */
int promotion_list(struct app *app, unsigned states, const struct page_req *q, struct rows *out,
                   struct err *e);
void promotion_cursor(const struct promotion *p, struct page_cursor *c);
/* Its target SKUs (struct promotion_sku rows of db/promotion_store.h: product id and SKU). */
int promotion_sku_list(struct app *app, int64_t id, struct rows *out, struct err *e);
/* Makes n single-use codes (1 to 100,000) PREFIX + 8 characters from an
 * alphabet without look-alikes (ACT_PROMOTION_EDIT), in one transaction,
 * audited; *batch is their batch number. */
int promotion_codes_generate(struct app *app, int64_t id, int n, const char *prefix, int64_t *batch,
                             struct err *e);
/* Up to max codes of a promotion after the code id after, by id (ACT_PROMOTION_EDIT):
 * one page of an export. */
int promotion_codes_page(struct app *app, int64_t id, int64_t after, struct promotion_code *rows, int max,
                         int *count, struct err *e);
/* The promotions an order used (struct promotion_use rows: the promotion,
 * its code, the amount as the customer saw it, released or not), for
 * returns (14), reports (15) and the order's screen. */
int promotion_uses_of_order(struct app *app, const struct order *o, struct rows *out, struct err *e);
/* A code typed at the counter: into the cart, or out of it when the cart
 * has it already (in any case); *added says which. Spaces around it are
 * dropped; ERR_INVALID for an empty code, one longer than 32 characters or a
 * ninth code. An unknown code goes in: pricing says "unknown code". */
int promotion_cart_code(struct cart *c, const char *typed, bool *added, struct err *e);
/* Today's store-local date, as promotions see it. */
void promotion_today(char out[11]);

#endif
