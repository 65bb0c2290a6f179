/* `comptoir check`: the core's invariants on top of SQLite's own checks —
 * every order's totals are the sums of its lines (and each line follows the
 * one rounding rule), histories, contacts, counters and search indexes agree,
 * the triggers are comptoir's and the audit log's hash chain is whole. */
#include "src/check.h"
#include "db/check_store.h"
#include "db/db.h"
#include "db/order_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/base/err.h"
#include "src/base/strbuf.h"

int check_database_head(struct app *app, const char *audit_head, struct strbuf *report, int *problems,
                        struct err *e)
{
    int rc = order_store_check_totals(app->db, report, problems, e);
    if (rc == ERR_OK)
        rc = check_store_orders(app->db, report, problems, e);
    if (rc == ERR_OK)
        rc = check_store_schema(app->db, report, problems, e);
    if (rc == ERR_OK)
        rc = audit_check_chain(app, audit_head, report, problems, e);
    return rc;
}

int check_database(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    return check_database_head(app, NULL, report, problems, e);
}

int check_structure(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    return db_check_structure(app->db, report, problems, e);
}
