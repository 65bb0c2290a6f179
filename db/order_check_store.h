/* `comptoir check` over the order snapshot (issue 10's part): discount
 * shares, cached totals, payments, stock reserved, promises (their
 * append-only triggers are compared with every other trigger by
 * check_store_schema). Each appends a line per problem to the report and
 * counts it. Only the core (src/) includes this header. */
#ifndef COMPTOIR_DB_ORDER_CHECK_STORE_H
#define COMPTOIR_DB_ORDER_CHECK_STORE_H

#include "db/db.h"
#include "src/base/strbuf.h"

/* Lines whose shares do not sum to their discount; orders whose goods or
 * discount totals are not their lines', whose paid or refunded totals are
 * not their payments'. */
int order_check_store_money(struct db *db, struct strbuf *report, int *problems, struct err *e);
/* Products whose reserved stock is not what their lines hold, or more than on hand. */
int order_check_store_stock(struct db *db, struct strbuf *report, int *problems, struct err *e);
/* Orders whose first promised date is not their first promise. */
int order_check_store_promises(struct db *db, struct strbuf *report, int *problems, struct err *e);

#endif
