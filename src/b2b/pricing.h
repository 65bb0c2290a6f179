/* Pricing in the core: the price waterfall of a quote line (list price →
 * the account's price list or tier → contract price → volume tier → the
 * rep's discount or price), the checks of a line (minimum quantity, pack,
 * floor, inactive product) and the totals of a quote. Pure functions over
 * struct pricing_inputs, which the core loads in a handful of queries. */
#ifndef COMPTOIR_B2B_PRICING_H
#define COMPTOIR_B2B_PRICING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/model/pricing.h"
#include "db/model/quote.h"
#include "src/base/err.h"

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
    int64_t gross;                /* sum of line gross */
    int64_t order_discount;       /* sum of the shares (equals the asked amount) */
    int64_t subtotal;             /* excluding tax: sum of line net */
    struct tax_subtotal taxes[PRICING_MAX_TAX_CLASSES];
    int ntaxes;
    int64_t tax_total;
    int64_t total; /* including tax */
    int64_t list_amount;
    int64_t base_amount;
    int64_t cost;
    int64_t margin;
    int64_t margin_bp;
    int64_t discount_bp; /* subtotal against base amount: what the rep gave away */
    int64_t max_line_discount_bp;
    int max_line_no; /* the line with the largest discount, 0 = none */
    int issues;      /* lines with at least one issue */
};

/* Fills l->line.list_price/unit_cost/tax from p and runs the waterfall: list
 * price → the account's price list or tier → contract price → volume tier →
 * the rep's discount or price. Sets the source ("contract", "tier 100+",
 * "manual −12 %"), the floor and the MOQ/pack checks. */
int pricing_price_line(const struct pricing_inputs *in, const struct pricing_product *p, struct price_line *l,
                       struct err *e);
/* Finds a product among the inputs (bsearch); NULL when absent. */
const struct pricing_product *pricing_find_product(const struct pricing_inputs *in, int64_t product_id);
/* Checks a line whose prices are already set (a stored line) against the
 * product's MOQ, pack size, floor and active flag, without repricing it. */
void pricing_check_line(const struct pricing_inputs *in, const struct pricing_product *p,
                        struct price_line *l);
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

#endif
