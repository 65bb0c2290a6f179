/* What a cart reads: the products it prices (with their free stock) and
 * what a customer's promotions look at. Only the core (src/) includes it. */
#ifndef COMPTOIR_DB_CART_STORE_H
#define COMPTOIR_DB_CART_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/cart.h"
#include "src/base/rows.h"

/* The products of ids (any order, unknown ids left out) appended to out as
 * struct cart_product rows (out is not reset). */
int cart_store_products(struct db *db, const int64_t *ids, int n, struct rows *out, struct err *e);
/* A customer's loyalty tier and whether they have no order yet. */
int cart_store_customer_facts(struct db *db, int64_t customer_id, char *tier, size_t len, bool *first_order,
                              struct err *e);

#endif
