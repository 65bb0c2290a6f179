/* Quotes in the core: a quote as shown (struct quote_view: its account, the
 * current revision's lines priced and totalled, what the approval rules ask
 * and who approved), the life cycle — lines and terms of a draft, submit,
 * approve or reject, recall, send, the customer's counter-offer, accept (the
 * order), expire, cancel — the comparison of revisions, what the acting user
 * may do now, and the quote document. Every change checks rights and the
 * quote's version, runs in one transaction, records a timeline event and an
 * audit entry. */
#ifndef COMPTOIR_B2B_QUOTES_H
#define COMPTOIR_B2B_QUOTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/model/account.h"
#include "db/model/order.h"
#include "db/model/quote.h"
#include "src/b2b/approval.h"
#include "src/b2b/pricing.h"
#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"

struct app;

/* A quote holds at most this many lines (adding one more is refused). */
#define QUOTE_MAX_LINES 1000

/* A quote as the editor and the CLI show it: the quote, its account, the
 * current revision with its lines priced and totalled, what the approval
 * rules ask and who has approved. Owned; quote_view_free releases. */
struct quote_view {
    struct quote quote;
    struct account account;
    struct quote_revision revision;
    struct price_line *lines;
    int nlines;
    struct priced_quote priced;
    struct approval_result approval; /* level 0: no rule matched */
    bool approved_enough;            /* every need has its approvals */
    struct approval *approvals;      /* those of this revision that count (owned) */
    int napprovals;
    char *issues; /* the lines' issues, "; "-separated, "" when none (owned) */
};

int quote_view_load(struct app *app, const char *number, struct quote_view **out, struct err *e);
void quote_view_free(struct quote_view **v);

/* A new draft for an account (by code) and contact (0 = none), owned by the
 * acting user, valid for the quote_validity_days setting, with the account's terms. */
int quote_create(struct app *app, const char *account_code, int64_t contact_id, struct quote *out,
                 struct err *e);
int quote_get(struct app *app, const char *number, struct quote *out, struct err *e);
/* The keyset cursor of a quote row for a sort (QUOTE_SORT_*), to page after it. */
void quote_cursor(const struct quote *q, int sort, struct page_cursor *c);
/* Revision number of a quote the user may see. */
int quote_revision(struct app *app, const struct quote *q, int number, struct quote_revision *out,
                   struct err *e);
/* Quotes by filter; reps see the quotes of their own accounts only. */
int quote_page(struct app *app, const struct quote_filter *f, const struct page_req *q, struct quote *rows,
               int *count, struct err *e);

/* Every change below takes the caller's copy of the quote: refused with
 * ERR_CONFLICT ("changed by david at 14:02 — reload") when its version is not
 * current, and on success the copy is refreshed (new version, status). A
 * change to a price, a quantity or a term after submitting asks for approval
 * again; a change to a note does not. */
int quote_add_line(struct app *app, struct quote *q, const char *sku, int64_t quantity,
                   enum manual_price manual, int64_t manual_value, const char *note, struct quote_line *out,
                   struct err *e);

/* What to change in a line; fields left unset keep their value. */
struct quote_line_change {
    bool set_quantity;
    int64_t quantity;
    bool set_price;
    enum manual_price manual; /* MANUAL_NONE goes back to the account's price */
    int64_t manual_value;
    const char *note; /* NULL = unchanged */
};
int quote_update_line(struct app *app, struct quote *q, int line_no, const struct quote_line_change *c,
                      struct err *e);
int quote_remove_line(struct app *app, struct quote *q, int line_no, struct err *e);
/* Moves a line to a 1-based position in the display order. */
int quote_move_line(struct app *app, struct quote *q, int line_no, int position, struct err *e);

struct quote_terms {
    char valid_until[11];
    int payment_terms_days;
    char requested_date[11];
    int64_t contact_id;
    int64_t order_discount;    /* minor units, or */
    int64_t order_discount_bp; /* a rate; at most one of the two */
};
void quote_terms_of(const struct quote_view *v, struct quote_terms *out);
int quote_set_terms(struct app *app, struct quote *q, const struct quote_terms *t, struct err *e);
int quote_set_notes(struct app *app, struct quote *q, const char *notes, struct err *e);

int quote_submit(struct app *app, struct quote *q, struct err *e);
int quote_approve(struct app *app, struct quote *q, const char *comment, struct err *e);
int quote_reject(struct app *app, struct quote *q, const char *comment, struct err *e);
int quote_recall(struct app *app, struct quote *q, struct err *e);
int quote_send(struct app *app, struct quote *q, struct err *e);

/* One change of the customer's counter-offer. */
struct quote_counter_change {
    int line_no;
    bool set_price; /* a unit price they ask for */
    int64_t price;
    bool set_quantity;
    int64_t quantity;
};
/* The customer's counter-offer on a sent quote: a new draft revision marked
 * theirs, with their comment and changes. */
int quote_counter(struct app *app, struct quote *q, const char *comment, const struct quote_counter_change *c,
                  int n, struct err *e);
/* Our own new revision of a sent quote, to propose something else. */
int quote_revise(struct app *app, struct quote *q, const char *comment, struct err *e);
/* The customer accepts the sent revision: the B2B order is created at exactly
 * its prices in the same transaction; the quote becomes ordered. */
int quote_accept(struct app *app, struct quote *q, struct order *order_out, struct err *e);
int quote_cancel(struct app *app, struct quote *q, const char *reason, struct err *e);
/* Expires the open quotes valid until before today (YYYY-MM-DD; NULL = today),
 * a batch per transaction. */
int quote_expire_due(struct app *app, const char *today, int *expired, struct err *e);
/* At most `max` of them (1..QUOTE_EXPIRY_BATCH_MAX), oldest first, in one
 * transaction; *more when others may be due (the console expires a backlog
 * a batch at a time while nobody types). */
#define QUOTE_EXPIRY_BATCH_MAX 100
int quote_expire_some(struct app *app, const char *today, int max, int *expired, bool *more, struct err *e);
/* The quote an order came from (ERR_NOTFOUND when none). */
int quote_for_order(struct app *app, int64_t order_id, struct quote *out, struct err *e);

/* A quote's timeline (oldest first) and its revisions (by number): every row
 * (req NULL) or a keyset window of req — rows + more (src/base/rows.h). */
int quote_events(struct app *app, const struct quote *q, const struct page_req *req, struct rows *out,
                 struct err *e);
void quote_event_cursor(const struct quote_event *ev, struct page_cursor *c);
int quote_revisions(struct app *app, const struct quote *q, const struct page_req *req, struct rows *out,
                    struct err *e);

enum quote_diff_kind { QUOTE_DIFF_SAME, QUOTE_DIFF_ADDED, QUOTE_DIFF_REMOVED, QUOTE_DIFF_CHANGED };

struct quote_diff_line {
    int line_no;
    char sku[65];
    enum quote_diff_kind kind;
    int64_t quantity_a, quantity_b;
    int64_t price_a, price_b; /* unit prices */
    int64_t net_a, net_b;
};

struct quote_diff {
    int revision_a, revision_b;
    struct quote_diff_line *lines; /* owned; quote_diff_free */
    int nlines;
    int64_t total_a, total_b, total_delta; /* excluding tax */
    int64_t margin_a_bp, margin_b_bp, margin_delta_bp;
};
/* Compares two priced revisions line by line (pure). */
void quote_diff_compute(const struct priced_quote *a, const struct priced_quote *b, struct quote_diff *out);
int quote_diff(struct app *app, const struct quote *q, int revision_a, int revision_b, struct quote_diff *out,
               struct err *e);
void quote_diff_free(struct quote_diff *d);

/* What the acting user may do to a quote now, as QUOTE_CAN_* bits: the
 * editor shows these actions and hides the others (the core still checks). */
enum {
    QUOTE_CAN_EDIT = 1u << 0, /* lines and terms */
    QUOTE_CAN_SUBMIT = 1u << 1,
    QUOTE_CAN_APPROVE = 1u << 2, /* and reject */
    QUOTE_CAN_RECALL = 1u << 3,
    QUOTE_CAN_SEND = 1u << 4,
    QUOTE_CAN_COUNTER = 1u << 5, /* and start a new revision of our own */
    QUOTE_CAN_ACCEPT = 1u << 6,
    QUOTE_CAN_CANCEL = 1u << 7,
    QUOTE_CAN_NOTES = 1u << 8
};
unsigned quote_actions(const struct app *app, const struct quote_view *v);
/* Why the acting user may not do action (one QUOTE_CAN_* bit) to the quote
 * now, in words for the screen: "only a manager approves quotes; alice (rep)
 * may not". Empty when quote_actions allows it. */
void quote_action_refusal(const struct app *app, const struct quote_view *v, unsigned action, char *out,
                          size_t len);
/* An account's contract prices by SKU (the account screen), with the same
 * rights as the account: every one (q NULL) or a keyset window, rows + more. */
int quote_contract_prices(struct app *app, int64_t account_id, const struct page_req *q, struct rows *out,
                          struct err *e);
void contract_price_cursor(const struct contract_price *c, struct page_cursor *cur);

/* The statuses of an open quote (draft, pending, approved, sent: it may still
 * be sent, accepted or expire) as QUOTE_STATUS_BIT bits — the one definition
 * that lists (struct quote_filter), counts and expiry filter with. */
unsigned quote_open_statuses(void);
bool quote_status_open(enum quote_status s);
/* True when a quote in this status may still change (lines, terms). */
bool quote_status_editable(enum quote_status s);
/* Why a move is refused, or NULL when from → to is legal. */
const char *quote_move_refusal(enum quote_status from, enum quote_status to);

/* The quote document: a PDF with seller and customer, lines excluding tax,
 * tax, totals, validity, terms and revision number. */
int quote_print_pdf(struct app *app, const char *number, const char *path, struct err *e);

#endif
