/* Customers (B2C people): validation, rights, audited changes, lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/customer_store.h"
#include "db/db.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/base/err.h"
#include "src/base/page.h"
#include "src/customers.h"
#include "src/users.h"
#include "src/validate.h"

#define MAX(field) (sizeof(field) - 1)

int customer_validate(const struct customer *c, struct err *e)
{
    if (text_check("name", c->name, MAX(c->name), TEXT_REQUIRED, e) != ERR_OK ||
        text_check("email", c->email, MAX(c->email), TEXT_REQUIRED, e) != ERR_OK ||
        text_check_email("email", c->email, true, e) != ERR_OK ||
        text_check("phone", c->phone, MAX(c->phone), 0, e) != ERR_OK ||
        text_check_phone("phone", c->phone, e) != ERR_OK ||
        text_check("address", c->address, MAX(c->address), TEXT_MULTILINE, e) != ERR_OK ||
        text_check("city", c->city, MAX(c->city), 0, e) != ERR_OK ||
        text_check("country", c->country, MAX(c->country), 0, e) != ERR_OK ||
        text_check("loyalty_tier", c->loyalty_tier, MAX(c->loyalty_tier), 0, e) != ERR_OK)
        return ERR_INVALID;
    if (c->loyalty_points < 0)
        return err_set(e, ERR_INVALID, "loyalty_points", "loyalty_points must not be negative");
    return ERR_OK;
}

static int finish(struct app *app, int rc, struct err *e)
{
    if (rc == ERR_OK)
        return db_commit(app->db, e);
    db_rollback(app->db);
    return rc;
}

static int customer_audit(struct app *app, const char *action, const struct customer *before,
                          const struct customer *after, struct err *e)
{
    char *b = before ? customer_to_json(before) : NULL;
    char *a = customer_to_json(after);
    int rc = audit_record(app, action, "customer", after->email, b, a, e);
    free(b);
    free(a);
    return rc;
}

int customer_create(struct app *app, struct customer *c, struct err *e)
{
    struct customer work = *c;
    if (work.loyalty_tier[0] == '\0')
        snprintf(work.loyalty_tier, sizeof work.loyalty_tier, "bronze");
    int rc = customer_validate(&work, e);
    if (rc == ERR_OK)
        rc = app_require(app, ACT_CUSTOMER_EDIT, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    rc = customer_store_insert(app->db, &work, e);
    if (rc == ERR_OK)
        rc = customer_audit(app, "create", NULL, &work, e);
    if ((rc = finish(app, rc, e)) == ERR_OK)
        *c = work;
    return rc;
}

int customer_update(struct app *app, struct customer *c, struct err *e)
{
    struct customer work = *c, before;
    int rc = customer_validate(&work, e);
    if (rc == ERR_OK)
        rc = app_require(app, ACT_CUSTOMER_EDIT, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    rc = customer_store_get(app->db, work.id, &before, e);
    if (rc == ERR_OK)
        rc = customer_store_update(app->db, &work, e);
    if (rc == ERR_OK)
        rc = customer_store_get(app->db, work.id, &work, e);
    if (rc == ERR_OK)
        rc = customer_audit(app, "update", &before, &work, e);
    if ((rc = finish(app, rc, e)) == ERR_OK) {
        *c = work;
    } else if (rc == ERR_CONFLICT) {
        char what[240];
        snprintf(what, sizeof what, "customer %s", before.name);
        rc = audit_conflict(app, "customer", before.email, before.updated_at, what, e);
    }
    return rc;
}

/* Every role serves customers, so every role may read them. */
int customer_get(struct app *app, int64_t id, struct customer *out, struct err *e)
{
    return customer_store_get(app->db, id, out, e);
}

int customer_find_email(struct app *app, const char *email, struct customer *out, struct err *e)
{
    return customer_store_find_email(app->db, email, out, e);
}

int customer_page(struct app *app, const struct page_req *q, struct customer *rows, int *count, struct err *e)
{
    return customer_store_page(app->db, q, rows, count, e);
}

void customer_cursor(const struct customer *c, int sort, struct page_cursor *cur)
{
    customer_store_cursor(c, sort, cur);
}
