/* Shipping methods and closing days: validation, rights, audit. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/shipping_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/shipping.h"
#include "src/base/datetime.h"
#include "src/validate.h"

static bool cutoff_valid(const char *t)
{
    return strlen(t) == 5 && isdigit((unsigned char)t[0]) && isdigit((unsigned char)t[1]) && t[2] == ':' &&
           isdigit((unsigned char)t[3]) && isdigit((unsigned char)t[4]) && atoi(t) <= 23 && atoi(t + 3) <= 59;
}

int shipping_validate(const struct shipping_method *m, struct err *e)
{
    int rc = text_check("method", m->code, 16, TEXT_REQUIRED | TEXT_KEY, e);
    if (rc == ERR_OK)
        rc = text_check("name", m->name, 64, TEXT_REQUIRED, e);
    if (rc != ERR_OK)
        return rc;
    for (const char *p = m->code; *p; p++)
        if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-')
            return err_set(e, ERR_INVALID, "method", "a method's code is lower-case letters, digits and -");
    if (m->fee < 0)
        return err_set(e, ERR_INVALID, "fee", "a fee is 0 or more");
    if (m->free_over < -1)
        return err_set(e, ERR_INVALID, "free_over", "a free-shipping threshold is 0 or more");
    if (m->lead_days < 0 || m->lead_days > 60)
        return err_set(e, ERR_INVALID, "days", "lead days are 0 to 60 business days");
    if (m->cutoff[0] && !cutoff_valid(m->cutoff))
        return err_set(e, ERR_INVALID, "cutoff", "a cut-off is a time HH:MM, not '%s'", m->cutoff);
    return ERR_OK;
}

int shipping_list(struct app *app, struct rows *out, struct err *e)
{
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    return rc != ERR_OK ? rc : shipping_store_list(app->db, out, e);
}

int shipping_get(struct app *app, const char *code, struct shipping_method *out, struct err *e)
{
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    return rc != ERR_OK ? rc : shipping_store_get(app->db, code, out, e);
}

static char *shipping_to_json(const struct shipping_method *m)
{
    struct json j;
    json_begin(&j);
    json_str(&j, "code", m->code);
    json_str(&j, "name", m->name);
    json_int(&j, "fee", m->fee);
    json_str(&j, "tax_class", m->tax_class);
    json_int(&j, "free_over", m->free_over);
    json_int(&j, "lead_days", m->lead_days);
    json_str(&j, "cutoff", m->cutoff);
    json_bool(&j, "active", m->active);
    json_end(&j);
    return j.buf;
}

static int shipping_save_audited(struct app *app, struct shipping_method *m, struct err *e)
{
    struct shipping_method before;
    struct err ignore = {0};
    bool existed = shipping_store_get(app->db, m->code, &before, &ignore) == ERR_OK;
    if (existed && m->version != before.version && m->version != 0)
        return err_set(e, ERR_CONFLICT, "version", "shipping method %s was changed by someone else — reload",
                       m->code);
    if (existed && m->version == 0)
        m->version = before.version;
    if (!existed && m->version != 0)
        return err_set(e, ERR_NOTFOUND, "method", "no shipping method '%s'", m->code);
    char *b = existed ? shipping_to_json(&before) : NULL;
    int rc = shipping_store_save(app->db, m, e);
    if (rc == ERR_OK) {
        char *a = shipping_to_json(m);
        rc = audit_record(app, existed ? "update" : "create", "shipping_method", m->code, b, a, e);
        free(a);
    }
    free(b);
    return rc;
}

int shipping_set(struct app *app, struct shipping_method *m, struct err *e)
{
    int rc = app_require(app, ACT_SHIPPING_EDIT, e);
    if (rc == ERR_OK)
        rc = shipping_validate(m, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    struct shipping_method saved = *m;
    if ((rc = shipping_save_audited(app, m, e)) != ERR_OK) {
        db_rollback(app->db);
        *m = saved;
        struct shipping_method now;
        struct err ignore = {0};
        if (rc == ERR_CONFLICT && shipping_store_get(app->db, m->code, &now, &ignore) == ERR_OK) {
            char what[96];
            snprintf(what, sizeof what, "shipping method %s", m->code);
            rc = audit_conflict(app, "shipping_method", m->code, now.updated_at, what, e);
        }
        return rc;
    }
    return db_commit(app->db, e);
}

int shipping_closures(struct app *app, const char *from_day, struct rows *out, struct err *e)
{
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    return rc != ERR_OK ? rc : shipping_store_closures(app->db, from_day, out, e);
}

int shipping_closure_set(struct app *app, const char *day, const char *reason, bool remove, struct err *e)
{
    int rc = app_require(app, ACT_SHIPPING_EDIT, e);
    if (rc == ERR_OK && !datetime_is_date(day))
        rc = err_set(e, ERR_INVALID, "day", "a closing day is a date YYYY-MM-DD, not '%s'", day);
    if (rc == ERR_OK)
        rc = text_check("reason", reason, 100, 0, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    struct json j;
    json_begin(&j);
    json_str(&j, "day", day);
    json_str(&j, "reason", reason);
    json_end(&j);
    rc = shipping_store_closure_set(app->db, day, reason, remove, e);
    if (rc == ERR_OK)
        rc = audit_record(app, remove ? "delete" : "create", "closure", day, remove ? j.buf : NULL,
                          remove ? NULL : j.buf, e);
    json_free(&j);
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}
