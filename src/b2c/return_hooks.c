/* Returns on orders: an order's returns in its summary (`order show`, the
 * order screen), their checks (`comptoir check`) and the demo's returns. */
#include <stdio.h>
#include <string.h>

#include "db/return_store.h"
#include "src/app.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/returns.h"
#include "src/base/names.h"

int return_order_summary(struct app *app, const struct order *o, struct rows *out, struct err *e)
{
    struct rows returns = {0};
    int rc = return_store_for_order(app->db, o->id, &returns, e);
    const struct return_record *r = returns.items;
    for (int i = 0; rc == ERR_OK && i < returns.n; i++) {
        struct order_summary_row *row = rows_add(out);
        snprintf(row->section, sizeof row->section, "Returns");
        snprintf(row->text, sizeof row->text, "%s %s (%s)%s%s", r[i].number, return_status_label(r[i].status),
                 name_at(return_resolution_names, RESOLUTION_COUNT, (int)r[i].resolution),
                 r[i].exchange_number[0] ? " → " : "", r[i].exchange_number);
        row->has_amount = true;
        row->amount = r[i].refund_total;
    }
    rows_free(&returns);
    return rc;
}

int return_check(struct app *app, struct strbuf *report, int *problems, struct err *e)
{
    return return_store_check(app->db, report, problems, e);
}

int return_demo(struct app *app, unsigned seed, FILE *progress, struct err *e)
{
    (void)app, (void)seed, (void)progress, (void)e;
    return ERR_OK;
}
