/* `comptoir check`: the core's invariants on top of SQLite's own checks —
 * every order's totals are the sums of its lines (and each line follows the
 * one rounding rule), histories, contacts, counters and search indexes agree. */
#include "src/check.h"
#include "db/check_store.h"
#include "db/db.h"
#include "db/order_store.h"
#include "src/app.h"
#include "src/base/err.h"

int check_database(struct app *app, char *buf, size_t len, int *problems, struct err *e)
{
    int rc = order_store_check_totals(app->db, buf, len, problems, e);
    if (rc == ERR_OK)
        rc = check_store_orders(app->db, buf, len, problems, e);
    if (rc == ERR_OK)
        rc = check_store_schema(app->db, buf, len, problems, e);
    return rc;
}

int check_structure(struct app *app, char *buf, size_t len, int *problems, struct err *e)
{
    return db_check_structure(app->db, buf, len, problems, e);
}
