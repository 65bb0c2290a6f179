/* Returns, their lines and refunds: the claims a return makes on its order's
 * lines (returned units, a charge line once), each limit one conditional
 * UPDATE whose row count says whether it held (*done); reading a return, an
 * order's returns, the support queue and the refunds waiting for a manager;
 * the payments a refund writes; the checks `comptoir check` runs.
 * Only the core (src/) includes this header. */
#ifndef COMPTOIR_DB_RETURN_STORE_H
#define COMPTOIR_DB_RETURN_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/return.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/strbuf.h"

/* Records a return (r->id is set); its number is given. */
int return_store_insert(struct db *db, struct return_record *r, struct err *e);
/* One of its lines (l->id is set). */
int return_store_add_line(struct db *db, struct return_line *l, struct err *e);
/* Claims k more returned units of a goods line when k are shipped and not
 * yet returned (*done); then *returned, *cancelled, *quantity are the
 * line's after the claim. */
int return_store_claim_units(struct db *db, int64_t order_line_id, int64_t k, bool *done, int64_t *returned,
                             int64_t *cancelled, int64_t *quantity, struct err *e);
/* Gives k returned units back (a rejected return). */
int return_store_release_units(struct db *db, int64_t order_line_id, int64_t k, bool *done, struct err *e);
/* True when a return not rejected already refunds this charge line. */
int return_store_charge_claimed(struct db *db, int64_t order_line_id, bool *claimed, struct err *e);
/* What the order's open returns (not rejected, not yet paid) will refund. */
int return_store_open_claims(struct db *db, int64_t order_id, int64_t *amount, struct err *e);

int return_store_get(struct db *db, int64_t id, struct return_record *out, struct err *e);
int return_store_find_number(struct db *db, const char *number, struct return_record *out, struct err *e);
/* A return's lines (struct return_line rows), goods by line number then charges, into out (reset). */
int return_store_lines(struct db *db, int64_t return_id, struct rows *out, struct err *e);
/* An order's returns, first first (struct return_record rows), into out (reset). */
int return_store_for_order(struct db *db, int64_t order_id, struct rows *out, struct err *e);
/* Returns, newest first, of the statuses in `statuses` (bits; 0 = any):
 * at most q->limit after q's cursor (the id), into out (reset), with
 * out->more the rows past them. q->owner_id > 0: only the returns of the
 * orders a rep sees (B2C, their accounts', those they placed). */
int return_store_page(struct db *db, unsigned statuses, const struct page_req *q, struct rows *out,
                      struct err *e);

/* Moves a return from one of the statuses `from` (bits) to `to`, when its
 * version is `version` (0: any); *done says it moved (the version rises). */
int return_store_move(struct db *db, int64_t id, unsigned from, enum return_status to, int64_t version,
                      bool *done, struct err *e);
/* requested → received, by user at `at`. */
int return_store_receive(struct db *db, int64_t id, const char *at, int64_t user_id, bool *done,
                         struct err *e);
/* A line's disposition, set once. */
int return_store_set_disposition(struct db *db, int64_t line_id, enum return_disposition d, bool *done,
                                 struct err *e);
/* → rejected with its reason (from requested, received or awaiting_approval);
 * the lines are released. */
int return_store_reject(struct db *db, int64_t id, const char *rejection, bool *done, struct err *e);
/* → exchanged or replaced, with the new order. */
int return_store_set_exchange(struct db *db, int64_t id, int64_t order_id, enum return_status to, bool *done,
                              struct err *e);

/* refunded, exchanged or replaced → closed at `at`, once (*done). */
int return_store_close(struct db *db, int64_t id, const char *at, bool *done, struct err *e);
/* The returns exchanged or replaced (not yet closed) whose new order is order_id, into out (reset). */
int return_store_for_exchange_order(struct db *db, int64_t order_id, struct rows *out, struct err *e);

/* Records a refund (f->id is set). */
int refund_store_insert(struct db *db, struct refund_record *f, struct err *e);
/* The refund of a return that is not rejected; ERR_NOTFOUND when none. */
int refund_store_open(struct db *db, int64_t return_id, struct refund_record *out, struct err *e);
/* Every refund of a return (struct refund_record rows), first first. */
int refund_store_for_return(struct db *db, int64_t return_id, struct rows *out, struct err *e);
/* Decides a refund waiting for approval (decision 1 approve, 2 reject), once (*done). */
int refund_store_decide(struct db *db, int64_t refund_id, int decision, const char *at, int64_t by,
                        int64_t by_real, const char *comment, bool *done, struct err *e);
/* Marks a refund paid by payment_id (0: nothing to pay), once (*done). */
int refund_store_paid(struct db *db, int64_t refund_id, const char *at, int64_t payment_id, bool *done,
                      struct err *e);
/* Refunds waiting for a manager, oldest first (struct refund_waiting rows):
 * every row (q NULL) or at most q->limit after q's cursor (requested_at, id). */
int refund_store_waiting(struct db *db, const struct page_req *q, struct rows *out, struct err *e);
/* A payment in or out tied to a return and its refund (p->id is set). */
int return_store_payment(struct db *db, struct payment *p, int64_t return_id, int64_t refund_id,
                         struct err *e);

/* The demo: about `per_hundred` in a hundred of its delivered orders (at
 * least `at_least` when there are as many, at most `at_most`), spread over
 * the year, first delivered first; then the `latest` delivered last that are
 * not among them (fresh), last first (struct return_demo_order rows). */
struct return_demo_order {
    char number[33];
    char delivered_at[32];
    int64_t goods; /* the order's goods lines' total */
    bool fresh;
};
int return_store_demo_orders(struct db *db, int per_hundred, int at_least, int at_most, int latest,
                             struct rows *out, struct err *e);

/* `comptoir check`: returned units, refunds and their payments, approvals. */
int return_store_check(struct db *db, struct strbuf *report, int *problems, struct err *e);

#endif
