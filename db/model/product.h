/* The product record and the tax classes its tax_class names. */
#ifndef COMPTOIR_DB_MODEL_PRODUCT_H
#define COMPTOIR_DB_MODEL_PRODUCT_H

#include <stdbool.h>
#include <stdint.h>

struct product {
    int64_t id;
    char sku[65];
    char name[201];
    char category[101];
    char unit[17];
    int64_t list_price; /* minor units, excluding tax */
    char tax_class[17];
    int64_t unit_cost; /* minor units */
    int64_t stock_on_hand;
    int64_t stock_reserved;
    int64_t min_order_qty;
    int64_t pack_size;
    bool active;
    char created_at[32];
    char updated_at[32];
    int64_t version;
};

enum product_sort { PRODUCT_SORT_NAME, PRODUCT_SORT_SKU, PRODUCT_SORT_CATEGORY, PRODUCT_SORT_PRICE };

struct tax_class {
    char code[17];
    char name[65];
    int rate_bp;
};

#endif
