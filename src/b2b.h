/* B2B selling in the core: the price waterfall and quote totals (pricing.c),
 * approval rules matched against a priced quote (approval.c), and the quote
 * life cycle (quote.c). Private to src/; screens reach it through core.h.
 * Includes core.h (and through it db/db.h); never ncurses. */
#ifndef COMPTOIR_B2B_H
#define COMPTOIR_B2B_H

#include "core.h"

/* ------------------------------------------------------------- pricing */

/* Problems of a line that block submitting or sending the quote. */
enum price_issue {
    PRICE_ISSUE_MOQ = 1u << 0,      /* quantity under the minimum order quantity */
    PRICE_ISSUE_PACK = 1u << 1,     /* quantity not a multiple of the pack size */
    PRICE_ISSUE_FLOOR = 1u << 2,    /* unit price under the floor price */
    PRICE_ISSUE_MARGIN = 1u << 3,   /* margin under the floor margin */
    PRICE_ISSUE_INACTIVE = 1u << 4, /* the product is no longer sold */
};

/* One line priced: the stored line (the waterfall fills its base_price,
 * unit_price, discount_bp and price_source) plus what the totals compute. */
struct price_line {
    struct quote_line line;
    /* product facts the checks need */
    char category[101];
    int64_t min_order_qty;
    int64_t pack_size;
    bool inactive;
    int64_t floor_price;     /* 0 = none */
    int64_t floor_margin_bp; /* -1 = none */
    /* amounts, minor units */
    int64_t gross;          /* quantity × unit price */
    int64_t order_discount; /* this line's share of the order discount */
    int64_t net;            /* gross − share: what is charged, excluding tax */
    int64_t tax;            /* net × rate, rounded half away from zero */
    int64_t base_amount;    /* quantity × base price */
    int64_t list_amount;    /* quantity × list price */
    int64_t cost;           /* quantity × unit cost */
    int64_t margin;         /* net − cost */
    int64_t margin_bp;      /* margin / net; 0 when net is 0 */
    unsigned issues;        /* enum price_issue bits */
};

#define PRICING_MAX_TAX_CLASSES 8

struct tax_subtotal {
    char tax_class[17];
    int rate_bp;
    int64_t net;
    int64_t tax;
};

/* A quote's lines with their totals. */
struct priced_quote {
    struct price_line *lines; /* not owned */
    int nlines;
    int64_t order_discount_asked; /* the revision's discount, as an amount */
    int64_t gross;          /* sum of line gross */
    int64_t order_discount; /* sum of the shares (equals the asked amount) */
    int64_t subtotal;       /* excluding tax: sum of line net */
    struct tax_subtotal taxes[PRICING_MAX_TAX_CLASSES];
    int ntaxes;
    int64_t tax_total;
    int64_t total;          /* including tax */
    int64_t list_amount;
    int64_t base_amount;
    int64_t cost;
    int64_t margin;
    int64_t margin_bp;
    int64_t discount_bp;      /* subtotal against base amount: what the rep gave away */
    int64_t max_line_discount_bp;
    int max_line_no;          /* the line with the largest discount, 0 = none */
    int issues;               /* lines with at least one issue */
};

/* Fills l->line.list_price/unit_cost/tax from p and runs the waterfall: list
 * price → the account's price list or tier → contract price → volume tier →
 * the rep's discount or price. Sets the source ("contract", "tier 100+",
 * "manual −12 %"), the floor and the MOQ/pack checks. */
int pricing_price_line(const struct pricing_inputs *in, const struct pricing_product *p,
                       struct price_line *l, struct err *e);
/* Finds a product among the inputs (bsearch); NULL when absent. */
const struct pricing_product *pricing_find_product(const struct pricing_inputs *in, int64_t product_id);
/* Checks a line whose prices are already set (a stored line) against the
 * product's MOQ, pack size, floor and active flag, without repricing it. */
void pricing_check_line(const struct pricing_inputs *in, const struct pricing_product *p, struct price_line *l);
/* Applies the manual step alone to a line whose base price is known. */
int pricing_apply_manual(struct price_line *l, struct err *e);
/* The amounts of lines whose unit prices are set: gross, the order discount
 * (order_discount minor units, or order_discount_bp of the gross) spread by
 * largest remainder, net, tax per line and per class, cost and margin. */
int pricing_total(struct price_line *lines, int n, int64_t order_discount, int64_t order_discount_bp,
                  struct priced_quote *out, struct err *e);
/* One line per issue of a line ("line 2: 5 under the minimum order quantity 10"). */
void pricing_describe_issues(const struct price_line *l, char *out, size_t len);
/* (a − b) / a in basis points, rounded; 0 when a is 0. */
int64_t pricing_ratio_bp(int64_t a, int64_t b);

/* ------------------------------------------------------------ approvals */

#define APPROVAL_MAX_REASONS 64
#define APPROVAL_MAX_NEEDS 4

struct approval_reason {
    int64_t rule_id;
    int level;
    int line_no; /* 0 = the whole quote */
    char text[160];
};

/* Approvals a quote needs from one role (admins may give any of them). */
struct approval_need {
    enum role role;
    int count;
    int level;
    int have; /* filled by approval_count */
};

struct approval_result {
    struct approval_reason reasons[APPROVAL_MAX_REASONS];
    int nreasons;
    int omitted; /* reasons beyond the array */
    struct approval_need needs[APPROVAL_MAX_NEEDS];
    int nneeds;
    int level; /* the highest level matched, 0 = no rule matched */
};

/* What the rules look at besides the priced lines. */
struct approval_terms {
    int payment_terms_days;
    int account_terms_days;
};

/* Matches a priced quote against rules: the reasons, line by line, and the
 * approvals needed per role. No rule matched = nothing needed. */
void approval_match(const struct approval_rule *rules, int nrules, const struct priced_quote *pq,
                    const struct approval_terms *terms, struct approval_result *out);
/* Counts the approvals that satisfy each need: qualifying role, distinct
 * people, never the owner. True when every need is met. */
bool approval_count(struct approval_result *r, const struct approval *approvals, int n, int64_t owner_id);
/* "line 3: 22 % > rep limit 15 %; margin 8 % < floor 12 %". */
void approval_reasons_text(const struct approval_result *r, const char *sep, char *out, size_t len);
/* "1 of 2 manager approvals". */
void approval_needs_text(const struct approval_result *r, char *out, size_t len);
/* True when a user of this role may give an approval that role needs. */
bool approval_role_qualifies(enum role approver, enum role needed);
/* A rule as data is checked before it is saved. */
int approval_rule_validate(const struct approval_rule *r, struct err *e);

/* --------------------------------------------------------------- quotes */

#define QUOTE_MAX_LINES 1000
#define QUOTE_MAX_APPROVALS 32

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
    struct approval approvals[QUOTE_MAX_APPROVALS]; /* those of this revision that count */
    int napprovals;
    char issues[1024]; /* the lines' issues, "; "-separated, "" when none */
};

int quote_view_load(struct app *app, const char *number, struct quote_view **out, struct err *e);
void quote_view_free(struct quote_view **v);
/* Internals shared by quote.c and quote_view.c: load by id (no rights
 * check), recompute totals and approvals, today's local date. */
int quote_view_load_id(struct app *app, int64_t id, struct quote_view **out, struct err *e);
int quote_view_evaluate(struct app *app, struct quote_view *v, struct err *e);
void quote_today(char out[11]);

/* A new draft for an account (by code) and contact (0 = none), owned by the
 * acting user, valid for the quote_validity_days setting, with the account's terms. */
int quote_create(struct app *app, const char *account_code, int64_t contact_id, struct quote *out,
                 struct err *e);
int quote_get(struct app *app, const char *number, struct quote *out, struct err *e);
/* Quotes by filter; reps see the quotes of their own accounts only. */
int quote_page(struct app *app, const struct quote_filter *f, const struct page_req *q, struct quote *rows,
               int *count, struct err *e);

/* Every change below takes the caller's copy of the quote: refused with
 * ERR_CONFLICT ("changed by david at 14:02 — reload") when its version is not
 * current, and on success the copy is refreshed (new version, status). A
 * change to a price, a quantity or a term after submitting asks for approval
 * again; a change to a note does not. */
int quote_add_line(struct app *app, struct quote *q, const char *sku, int64_t quantity, enum manual_price manual,
                   int64_t manual_value, const char *note, struct quote_line *out, struct err *e);

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
/* Expires the open quotes valid until before today (YYYY-MM-DD; NULL = today). */
int quote_expire_due(struct app *app, const char *today, int *expired, struct err *e);
/* The quote an order came from (ERR_NOTFOUND when none). */
int quote_for_order(struct app *app, int64_t order_id, struct quote *out, struct err *e);

int quote_events(struct app *app, const struct quote *q, struct quote_event *rows, int max, int *count,
                 struct err *e);
int quote_revisions(struct app *app, const struct quote *q, struct quote_revision *rows, int max, int *count,
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
/* An account's contract prices (the account screen), with the same rights as the account. */
int quote_contract_prices(struct app *app, int64_t account_id, struct contract_price *rows, int max, int *count,
                          struct err *e);

/* True when a quote in this status may still change (lines, terms). */
bool quote_status_editable(enum quote_status s);
/* Why a move is refused, or NULL when from → to is legal. */
const char *quote_move_refusal(enum quote_status from, enum quote_status to);

/* Approval rules (managers and admins). */
int approval_rule_save(struct app *app, struct approval_rule *r, struct err *e);
int approval_rule_list(struct app *app, struct approval_rule *rows, int max, int *count, struct err *e);

/* The quote document: a PDF with seller and customer, lines excluding tax,
 * tax, totals, validity, terms and revision number. */
int quote_print_pdf(struct app *app, const char *number, const char *path, struct err *e);

/* `import prices FILE` / `export prices`: price lists, items, account links,
 * contract prices, volume tiers and floors in one CSV (a "kind" column says
 * which); errors by line, and one bad row means nothing is written. */
int csv_import_prices(struct app *app, const char *path, const struct import_options *opt,
                      struct import_report *rep, struct err *e);
int csv_export_prices(struct app *app, FILE *out, struct err *e);

/* The B2B part of `comptoir demo` (called by demo_fill after the accounts,
 * products and users exist): approval rules, tier price lists, volume tiers,
 * contract prices, and quotes in every state. */
int demo_fill_b2b(struct app *app, unsigned seed, FILE *progress, struct err *e);

#endif
