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

#endif
