/* What a cart reads of the catalogue: one product's prices, tax, stock and
 * restocking delay (the core's src/b2c/cart.h prices with it). */
#ifndef COMPTOIR_DB_MODEL_CART_H
#define COMPTOIR_DB_MODEL_CART_H

#include <stdbool.h>
#include <stdint.h>

/* What pricing knows of a product. */
struct cart_product {
    int64_t id;
    char sku[65];
    char name[201];
    char category[101];
    int64_t list_price;     /* excluding tax */
    int64_t consumer_price; /* including tax; -1 = list price plus tax */
    int64_t unit_cost;
    int64_t min_order_qty, pack_size;
    char tax_class[17];
    int tax_rate_bp;
    int64_t free_stock;   /* on hand − reserved */
    int64_t restock_days; /* -1 = the store's default (stock.backorder_days) */
    bool active;
};

#endif
