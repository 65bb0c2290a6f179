/* Customers (consumers): validation, audited changes, keyset pages. */
#ifndef COMPTOIR_CUSTOMERS_H
#define COMPTOIR_CUSTOMERS_H

#include <stdint.h>

#include "db/model/customer.h"
#include "src/base/err.h"
#include "src/base/page.h"

struct app;

int customer_validate(const struct customer *c, struct err *e);
int customer_create(struct app *app, struct customer *c, struct err *e);
int customer_update(struct app *app, struct customer *c, struct err *e);
int customer_get(struct app *app, int64_t id, struct customer *out, struct err *e);
/* The customer with this e-mail (any case); ERR_NOTFOUND when none. */
int customer_find_email(struct app *app, const char *email, struct customer *out, struct err *e);
int customer_page(struct app *app, const struct page_req *q, struct customer *rows, int *count,
                  struct err *e);
/* The keyset cursor of a customer row for a sort (CUSTOMER_SORT_*). */
void customer_cursor(const struct customer *c, int sort, struct page_cursor *cur);

#endif
