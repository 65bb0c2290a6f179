/* Promotions, their SKUs and codes, and their uses: the rules managers
 * edit, what a cart reads of them, and the counters placing moves by
 * conditional updates (one row changed, or the limit refused). Only the
 * core (src/) includes this header. */
#ifndef COMPTOIR_DB_PROMOTION_STORE_H
#define COMPTOIR_DB_PROMOTION_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/promotion.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/strbuf.h"

/* A SKU of a promotion's target. */
struct promotion_sku {
    int64_t promotion_id, product_id;
    char sku[65];
};

/* p->id, version and times are set. */
int promotion_store_insert(struct db *db, struct promotion *p, struct err *e);
/* Saves p when p->version is the stored one (ERR_CONFLICT otherwise); the
 * counters (uses, granted) are never written here. */
int promotion_store_update(struct db *db, struct promotion *p, struct err *e);
/* Disables the promotion from at (once; ERR_STATE when it already is). */
int promotion_store_disable(struct db *db, int64_t id, const char *at, struct err *e);
/* One promotion with its shared code and code counts; ERR_NOTFOUND. */
int promotion_store_get(struct db *db, int64_t id, struct promotion *out, struct err *e);
/* The promotions of the states in the set (bits 1u << enum promotion_state,
 * 0 = all) as of today, by id (q->descending: newest first), whose name
 * holds q->filter; every row (q NULL) or a keyset window (cursor: id). */
int promotion_store_list(struct db *db, unsigned states, const char *today, const struct page_req *q,
                         struct rows *out, struct err *e);

/* The SKUs of one promotion (struct promotion_sku rows, by SKU), into out (reset). */
int promotion_store_skus(struct db *db, int64_t id, struct rows *out, struct err *e);
/* Replaces the SKUs of a promotion by the products given. */
int promotion_store_set_skus(struct db *db, int64_t id, const int64_t *product_ids, int n, struct err *e);

/* A code by its text, in any case (struct promotion_code, with the number
 * of the order that used it); ERR_NOTFOUND. */
int promotion_store_code_find(struct db *db, const char *code, struct promotion_code *out, struct err *e);
/* A code by its id; ERR_NOTFOUND. */
int promotion_store_code_get(struct db *db, int64_t id, struct promotion_code *out, struct err *e);
/* Adds a code (c->id set); *taken true (nothing written) when the text is
 * another code's already, in any case. */
int promotion_store_code_insert(struct db *db, struct promotion_code *c, bool *taken, struct err *e);
/* The next batch number of a promotion's single-use codes. */
int promotion_store_next_batch(struct db *db, int64_t id, int64_t *batch, struct err *e);
/* Up to max codes of a promotion after the code id after (0: from the
 * first), by id: one page of an export. */
int promotion_store_codes_page(struct db *db, int64_t id, int64_t after, struct promotion_code *rows, int max,
                               int *count, struct err *e);

/* What a cart reads: the automatic promotions live today (not disabled,
 * today within their dates), then those given by id (the cart's codes),
 * into out (struct promotion rows, reset; no code counts). */
int promotion_store_live(struct db *db, const char *today, struct rows *out, struct err *e);
int promotion_store_by_ids(struct db *db, const int64_t *ids, int n, struct rows *out, struct err *e);
/* The SKUs of the promotions given (struct promotion_sku rows, by
 * promotion then product id), appended to out. */
int promotion_store_skus_of(struct db *db, const int64_t *ids, int n, struct rows *out, struct err *e);
/* A party's uses of each promotion given: uses[i] for ids[i]. */
int promotion_store_party_uses(struct db *db, const char *party_kind, int64_t party_id, const int64_t *ids,
                               int n, int64_t *uses, struct err *e);
/* True when the account has no order that was not cancelled. */
int promotion_store_account_first_order(struct db *db, int64_t account_id, bool *first, struct err *e);

/* Placing (inside its transaction). Each sets *done false and changes
 * nothing when its limit stops it. */
/* uses + 1 and granted + amount within max_uses and the budget, not disabled. */
int promotion_store_count_use(struct db *db, int64_t id, int64_t amount, bool *done, struct err *e);
/* The party's uses + 1 within per_customer. */
int promotion_store_count_party(struct db *db, int64_t id, const char *party_kind, int64_t party_id,
                                int64_t per_customer, bool *done, struct err *e);
/* A single-use code taken by an order (not used yet). */
int promotion_store_take_code(struct db *db, int64_t code_id, int64_t order_id, const char *at, bool *done,
                              struct err *e);
/* The use of a promotion by an order. */
int promotion_store_use_insert(struct db *db, const struct promotion_use *u, const char *party_kind,
                               int64_t party_id, struct err *e);
/* The uses of an order (struct promotion_use rows, with names and codes), into out (reset). */
int promotion_store_uses_of_order(struct db *db, int64_t order_id, struct rows *out, struct err *e);
/* Gives back one use (the whole order was cancelled): the counters, the
 * party's use, the code, and the use row's released_at; *done false when
 * the use was released already. */
int promotion_store_release(struct db *db, int64_t promotion_id, int64_t order_id, const char *at, bool *done,
                            struct err *e);

/* `comptoir check`: counters against the uses, uses against the order
 * shares, party uses, single-use codes, limits; a line per problem. */
int promotion_store_check(struct db *db, struct strbuf *report, int *problems, struct err *e);

#endif
