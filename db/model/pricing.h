/* The pricing records: what pricing knows of a product, price lists and their
 * items, contract prices, volume tiers, floors, and everything that prices one
 * account's lines (struct pricing_inputs). */
#ifndef COMPTOIR_DB_MODEL_PRICING_H
#define COMPTOIR_DB_MODEL_PRICING_H

#include <stdbool.h>
#include <stdint.h>

/* What pricing needs to know of a product. */
struct pricing_product {
    int64_t product_id;
    char sku[65];
    char name[201];
    char category[101];
    int64_t list_price; /* minor units, excluding tax */
    int64_t unit_cost;
    int64_t min_order_qty;
    int64_t pack_size;
    char tax_class[17];
    int tax_rate_bp;
    bool active;
};

/* A price list: its own prices for some products, and a discount off the
 * list price for the others. Accounts get one explicitly, or through their tier. */
struct price_list {
    int64_t id;
    char code[33];
    char name[101];
    char tier[33];       /* accounts of this tier use it unless they have their own; "" = none */
    int64_t discount_bp; /* off the list price of products without an item */
    int64_t version;
};

struct price_list_item {
    int64_t price_list_id;
    char price_list_code[33]; /* read only, joined */
    int64_t product_id;
    char sku[65]; /* read only, joined */
    int64_t price;
};

/* An account's negotiated price for one product, between two dates (inclusive;
 * "" = open). */
struct contract_price {
    int64_t id;
    int64_t account_id;
    char account_code[33]; /* read only, joined */
    int64_t product_id;
    char sku[65]; /* read only, joined */
    int64_t price;
    char valid_from[11];
    char valid_to[11];
};

/* A quantity break: from min_qty units, a unit price or a discount. It belongs
 * to a product (everyone), a price list (all its products), or both. */
struct volume_tier {
    int64_t id;
    int64_t product_id;    /* 0 = every product of the price list */
    char sku[65];          /* read only, joined */
    int64_t price_list_id; /* 0 = every account */
    char price_list_code[33];
    int64_t min_qty;
    int64_t price;       /* 0 = none: the discount applies */
    int64_t discount_bp; /* 0 = none: the price applies */
};

/* The lowest acceptable unit price or margin, for a product or a category. */
struct price_floor {
    int64_t id;
    int64_t product_id; /* 0 = the category's floor */
    char sku[65];       /* read only, joined */
    char category[101];
    int64_t min_price;     /* minor units; 0 = none */
    int64_t min_margin_bp; /* -1 = none */
};

/* Everything that prices one account's lines, loaded in a handful of queries.
 * Arrays are sorted by product_id (tiers then by min_qty); owned, see
 * pricing_inputs_free. */
struct pricing_inputs {
    int64_t account_id;
    bool has_list;
    bool list_from_tier; /* the list came from the account's tier, not its own */
    struct price_list list;
    struct pricing_product *products;
    int nproducts;
    struct price_list_item *items;
    int nitems;
    struct contract_price *contracts;
    int ncontracts;
    struct volume_tier *tiers;
    int ntiers;
    struct price_floor *floors;
    int nfloors;
};
/* Frees the arrays of in (the struct itself is the caller's). */
void pricing_inputs_free(struct pricing_inputs *in);

/* An account tied to a price list of its own. */
struct account_price_list {
    int64_t account_id;
    char account_code[33];
    int64_t price_list_id;
    char price_list_code[33];
};

#endif
