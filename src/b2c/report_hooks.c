/* Reports: `comptoir check` recomputes every summary table of 0017, 0018
 * and 0022 from the orders, lines, payments, quote events and approvals,
 * and of 0019 from the promotion uses, the points ledger, returns and
 * refunds, and compares both ways (db/report_store.c, db/report_b2c_store.c). */
#include "db/report_b2c_store.h"
#include "db/report_store.h"
#include "src/app.h"
#include "src/b2c/b2c_hooks.h"

int report_check(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    int rc = report_store_check(app->db, report, problems, e);
    return rc != ERR_OK ? rc : report_b2c_store_check(app->db, report, problems, e);
}
