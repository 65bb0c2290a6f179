/* Internals of the demo data generator: a small seeded PRNG and pure
 * functions that make one record from (seed, index), so that any record can be
 * made again later (an order needs its customer's name) without keeping it in
 * memory. Only src/demo/ and tests/unit/test_demo.c include this header. */
#ifndef COMPTOIR_DEMO_PRIVATE_H
#define COMPTOIR_DEMO_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "db/model/account.h"
#include "db/model/customer.h"
#include "db/model/product.h"
#include "src/demo/demo.h"

/* splitmix64: tiny, fast, and the same sequence on every platform (never rand()). */
struct demo_rng {
    uint64_t state;
};

/* One independent stream per kind of record, so adding a kind later does not
 * change the records of the others. */
enum demo_stream {
    DEMO_STREAM_ACCOUNT = 1,
    DEMO_STREAM_CONTACT,
    DEMO_STREAM_CUSTOMER,
    DEMO_STREAM_PRODUCT,
    DEMO_STREAM_ORDER,
    DEMO_STREAM_CALENDAR,
    DEMO_STREAM_SINCE
};

void demo_rng_seed(struct demo_rng *r, uint64_t seed, enum demo_stream stream, uint64_t index);
uint64_t demo_rng_next(struct demo_rng *r);
/* A number in [0, n); n > 0. */
uint64_t demo_rng_below(struct demo_rng *r, uint64_t n);
/* A number in [lo, hi], both included. */
int64_t demo_rng_range(struct demo_rng *r, int64_t lo, int64_t hi);
/* True percent times out of a hundred. */
bool demo_rng_chance(struct demo_rng *r, int percent);

/* A business customer and what its contacts and orders need to know of it. */
struct demo_company {
    int country;     /* index into the country table */
    int city;        /* index into that country's cities */
    char domain[96]; /* e-mail domain, e.g. mueller-gmbh.example */
    int ncontacts;   /* 1 to 4 */
};

/* Fills everything of account number index (0-based) but its rep and id. */
void demo_make_account(uint64_t seed, int64_t index, struct account *a, struct demo_company *co);
/* Contact k (0-based; 0 is the buyer) of account number index. */
void demo_make_contact(uint64_t seed, int64_t index, int k, const struct demo_company *co, struct contact *c);
void demo_make_customer(uint64_t seed, int64_t index, struct customer *c);
/* Fills the product; tax_class is one of standard, reduced, zero. */
void demo_make_product(uint64_t seed, int64_t index, struct product *p);
/* The number of product categories the demo uses. */
int demo_category_count(void);

/* The B2B part of `comptoir demo` (called by demo_fill after the accounts,
 * products and users exist): approval rules, tier price lists, volume tiers,
 * contract prices, and quotes in every state. */
int demo_fill_b2b(struct app *app, unsigned seed, FILE *progress, struct err *e);

#endif
