/* `comptoir demo`: a database full of realistic, seeded demo data. */
#ifndef COMPTOIR_DEMO_H
#define COMPTOIR_DEMO_H

#include <stdint.h>
#include <stdio.h>

#include "src/base/err.h"

struct app;

struct demo_options {
    unsigned seed;
    int64_t accounts, customers, products, orders; /* 0 = the default size */
};
int demo_fill(struct app *app, const struct demo_options *opt, FILE *progress, struct err *e);

/* The default (small) and large sizes of `comptoir demo`. */
#define DEMO_SMALL_ACCOUNTS 300
#define DEMO_SMALL_CUSTOMERS 3000
#define DEMO_SMALL_PRODUCTS 300
#define DEMO_SMALL_ORDERS 5000
#define DEMO_LARGE_ACCOUNTS 50000
#define DEMO_LARGE_CUSTOMERS 1000000
#define DEMO_LARGE_PRODUCTS 100000
#define DEMO_LARGE_ORDERS 1000000

#endif
