/* Accounts (B2B companies) and their contacts: validation, rights (a rep
 * sees and edits only the accounts assigned to them), audited changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/account_store.h"
#include "db/db.h"
#include "db/user_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/base/err.h"
#include "src/base/names.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/users.h"
#include "src/validate.h"

#define MAX(field) (sizeof(field) - 1)

int account_validate(const struct account *a, struct err *e)
{
    if (text_check("code", a->code, MAX(a->code), TEXT_REQUIRED | TEXT_KEY, e) != ERR_OK ||
        text_check("name", a->name, MAX(a->name), TEXT_REQUIRED, e) != ERR_OK ||
        text_check("vat_number", a->vat_number, MAX(a->vat_number), 0, e) != ERR_OK ||
        text_check("email", a->email, MAX(a->email), 0, e) != ERR_OK ||
        text_check_email("email", a->email, false, e) != ERR_OK ||
        text_check("phone", a->phone, MAX(a->phone), 0, e) != ERR_OK ||
        text_check_phone("phone", a->phone, e) != ERR_OK ||
        text_check("billing_address", a->billing_address, MAX(a->billing_address), TEXT_MULTILINE, e) !=
            ERR_OK ||
        text_check("shipping_address", a->shipping_address, MAX(a->shipping_address), TEXT_MULTILINE, e) !=
            ERR_OK ||
        text_check("city", a->city, MAX(a->city), 0, e) != ERR_OK ||
        text_check("country", a->country, MAX(a->country), 0, e) != ERR_OK ||
        text_check("tier", a->tier, MAX(a->tier), 0, e) != ERR_OK ||
        text_check("notes", a->notes, MAX(a->notes), TEXT_MULTILINE, e) != ERR_OK)
        return ERR_INVALID;
    if (a->payment_terms_days < 0 || a->payment_terms_days > 365)
        return err_set(e, ERR_INVALID, "payment_terms_days",
                       "payment_terms_days must be between 0 and 365 days (not %d)", a->payment_terms_days);
    if (a->credit_limit < 0)
        return err_set(e, ERR_INVALID, "credit_limit", "credit_limit must not be negative");
    return ERR_OK;
}

const char *const contact_roles[CONTACT_ROLE_COUNT + 1] = {"buyer", "approver", "billing", "other", NULL};

int contact_validate(const struct contact *c, struct err *e)
{
    if (c->account_id <= 0)
        return err_set(e, ERR_INVALID, "account", "account must be given");
    if (text_check("name", c->name, MAX(c->name), TEXT_REQUIRED, e) != ERR_OK ||
        text_check("email", c->email, MAX(c->email), 0, e) != ERR_OK ||
        text_check_email("email", c->email, false, e) != ERR_OK ||
        text_check("phone", c->phone, MAX(c->phone), 0, e) != ERR_OK ||
        text_check_phone("phone", c->phone, e) != ERR_OK ||
        text_check("title", c->title, MAX(c->title), 0, e) != ERR_OK)
        return ERR_INVALID;
    if (name_index(contact_roles, CONTACT_ROLE_COUNT, c->role, false) >= 0)
        return ERR_OK;
    char roles[80] = "";
    for (int i = 0; i < CONTACT_ROLE_COUNT; i++) {
        size_t used = strlen(roles);
        snprintf(roles + used, sizeof roles - used, "%s%s", i ? ", " : "", contact_roles[i]);
    }
    return err_set(e, ERR_INVALID, "role", "role '%.16s' is not one of %s", c->role, roles);
}

/* ------------------------------------------------------------ helpers */

/* Says which field a refusal is about (app_require names none). */
static int err_name_field(struct err *e, const char *field, int rc)
{
    if (e)
        snprintf(e->field, sizeof e->field, "%s", field);
    return rc;
}

/* Commits on success, rolls back otherwise; returns the first error. */
static int finish(struct app *app, int rc, struct err *e)
{
    if (rc == ERR_OK)
        return db_commit(app->db, e);
    db_rollback(app->db);
    return rc;
}

static int account_audit(struct app *app, const char *action, const struct account *before,
                         const struct account *after, struct err *e)
{
    char *b = before ? account_to_json(before) : NULL;
    char *a = account_to_json(after);
    int rc = audit_record(app, action, "account", after->code, b, a, e);
    free(b);
    free(a);
    return rc;
}

/* The rep must be a user who is still active. */
static int account_check_rep(struct app *app, int64_t rep_id, struct err *e)
{
    struct user u;
    if (rep_id == 0)
        return ERR_OK;
    if (user_store_get(app->db, rep_id, &u, NULL) != ERR_OK)
        return err_set(e, ERR_INVALID, "rep", "rep: no user with id %lld", (long long)rep_id);
    if (!u.active)
        return err_set(e, ERR_INVALID, "rep", "rep: user %s is disabled", u.login);
    return ERR_OK;
}

/* Reps who create an account become its rep; naming someone else takes
 * the right to assign accounts. */
static int account_assign_on_create(struct app *app, struct account *a, struct err *e)
{
    if (a->rep_id == 0 && app->user.role == ROLE_REP)
        a->rep_id = app->user.id;
    if (a->rep_id != 0 && a->rep_id != app->user.id) {
        int rc = app_require(app, ACT_ACCOUNT_ASSIGN, e);
        if (rc != ERR_OK)
            return err_name_field(e, "rep", rc);
    }
    return ERR_OK;
}

/* ----------------------------------------------------------- accounts */

int account_create(struct app *app, struct account *a, struct err *e)
{
    struct account work = *a;
    int rc = account_validate(&work, e);
    if (rc == ERR_OK)
        rc = app_require(app, ACT_ACCOUNT_CREATE, e);
    if (rc == ERR_OK)
        rc = account_assign_on_create(app, &work, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    rc = account_check_rep(app, work.rep_id, e);
    if (rc == ERR_OK)
        rc = account_store_insert(app->db, &work, e);
    if (rc == ERR_OK)
        rc = account_store_get(app->db, work.id, &work, e);
    if (rc == ERR_OK)
        rc = account_audit(app, "create", NULL, &work, e);
    if ((rc = finish(app, rc, e)) == ERR_OK)
        *a = work;
    return rc;
}

/* Rights against the stored account, not the one the user typed. */
static int account_may_update(struct app *app, const struct account *before, const struct account *after,
                              struct err *e)
{
    int rc = app_require_account(app, before, true, e);
    if (rc == ERR_OK && after->rep_id != before->rep_id) {
        if ((rc = app_require(app, ACT_ACCOUNT_ASSIGN, e)) != ERR_OK)
            err_name_field(e, "rep", rc);
        else
            rc = account_check_rep(app, after->rep_id, e);
    }
    return rc;
}

int account_update(struct app *app, struct account *a, struct err *e)
{
    struct account work = *a, before;
    int rc = account_validate(&work, e);
    if (rc == ERR_OK)
        rc = app_require(app, ACT_ACCOUNT_EDIT, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    rc = account_store_get(app->db, work.id, &before, e);
    if (rc == ERR_OK)
        rc = account_may_update(app, &before, &work, e);
    if (rc == ERR_OK)
        rc = account_store_update(app->db, &work, e);
    if (rc == ERR_OK)
        rc = account_store_get(app->db, work.id, &work, e);
    if (rc == ERR_OK)
        rc = account_audit(app, "update", &before, &work, e);
    if ((rc = finish(app, rc, e)) == ERR_OK)
        *a = work;
    else if (rc == ERR_CONFLICT) {
        char what[64];
        snprintf(what, sizeof what, "account %s", a->code);
        rc = audit_conflict(app, "account", a->code, before.updated_at, what, e);
    }
    return rc;
}

int account_get(struct app *app, int64_t id, struct account *out, struct err *e)
{
    struct account a;
    int rc = account_store_get(app->db, id, &a, e);
    if (rc == ERR_OK)
        rc = app_require_account(app, &a, false, e);
    if (rc == ERR_OK)
        *out = a;
    return rc;
}

int account_find_code(struct app *app, const char *code, struct account *out, struct err *e)
{
    struct account a;
    int rc = account_store_find_code(app->db, code, &a, e);
    if (rc == ERR_OK)
        rc = app_require_account(app, &a, false, e);
    if (rc == ERR_OK)
        *out = a;
    return rc;
}

int account_page(struct app *app, const struct page_req *q, struct account *rows, int *count, struct err *e)
{
    struct page_req mine = *q;
    if (!rights_allows(app->user.role, ACT_ACCOUNT_VIEW_ALL))
        mine.owner_id = app->user.id;
    return account_store_page(app->db, &mine, rows, count, e);
}

/* ----------------------------------------------------------- contacts */

static int contact_audit(struct app *app, const char *action, const struct contact *before,
                         const struct contact *after, struct err *e)
{
    char key[64];
    snprintf(key, sizeof key, "%.32s/%lld", after->account_code, (long long)after->id);
    char *b = before ? contact_to_json(before) : NULL;
    char *a = contact_to_json(after);
    int rc = audit_record(app, action, "contact", key, b, a, e);
    free(b);
    free(a);
    return rc;
}

/* Loads the account and checks that the user may see or edit it. */
static int contact_account_allowed(struct app *app, int64_t account_id, bool edit, struct err *e)
{
    struct account a;
    int rc = account_store_get(app->db, account_id, &a, e);
    if (rc == ERR_NOTFOUND)
        return err_set(e, ERR_INVALID, "account", "account: no account with id %lld", (long long)account_id);
    return rc == ERR_OK ? app_require_account(app, &a, edit, e) : rc;
}

int contact_add(struct app *app, struct contact *c, struct err *e)
{
    struct contact work = *c;
    int rc = contact_validate(&work, e);
    if (rc == ERR_OK)
        rc = app_require(app, ACT_ACCOUNT_EDIT, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    rc = contact_account_allowed(app, work.account_id, true, e);
    if (rc == ERR_OK)
        rc = contact_store_insert(app->db, &work, e);
    if (rc == ERR_OK)
        rc = contact_store_get(app->db, work.id, &work, e);
    if (rc == ERR_OK)
        rc = contact_audit(app, "create", NULL, &work, e);
    if ((rc = finish(app, rc, e)) == ERR_OK)
        *c = work;
    return rc;
}

int contact_update(struct app *app, const struct contact *c, struct err *e)
{
    struct contact before, after;
    int rc = contact_validate(c, e);
    if (rc == ERR_OK)
        rc = app_require(app, ACT_ACCOUNT_EDIT, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    rc = contact_store_get(app->db, c->id, &before, e);
    if (rc == ERR_OK)
        rc = contact_account_allowed(app, before.account_id, true, e);
    if (rc == ERR_OK && c->account_id != before.account_id)
        rc = contact_account_allowed(app, c->account_id, true, e);
    if (rc == ERR_OK)
        rc = contact_store_update(app->db, c, e);
    if (rc == ERR_OK)
        rc = contact_store_get(app->db, c->id, &after, e);
    if (rc == ERR_OK)
        rc = contact_audit(app, "update", &before, &after, e);
    rc = finish(app, rc, e);
    if (rc == ERR_CONFLICT) {
        char key[64], what[240];
        snprintf(key, sizeof key, "%.32s/%lld", before.account_code, (long long)c->id);
        snprintf(what, sizeof what, "contact %s", before.name);
        rc = audit_conflict(app, "contact", key, before.updated_at, what, e);
    }
    return rc;
}

int contact_get(struct app *app, int64_t id, struct contact *out, struct err *e)
{
    struct contact c;
    int rc = contact_store_get(app->db, id, &c, e);
    if (rc == ERR_OK)
        rc = contact_account_allowed(app, c.account_id, false, e);
    if (rc == ERR_OK)
        *out = c;
    return rc;
}

int contact_list(struct app *app, int64_t account_id, const struct page_req *q, struct rows *out,
                 struct err *e)
{
    rows_reset(out, sizeof(struct contact));
    int rc = contact_account_allowed(app, account_id, false, e);
    if (rc == ERR_INVALID)
        return err_set(e, ERR_NOTFOUND, "account", "no account with id %lld", (long long)account_id);
    if (rc != ERR_OK)
        return rc;
    return contact_store_list_for_account(app->db, account_id, q, out, e);
}

void contact_cursor(const struct contact *c, struct page_cursor *cur)
{
    contact_store_cursor(c, cur);
}

void account_cursor(const struct account *a, int sort, struct page_cursor *c)
{
    account_store_cursor(a, sort, c);
}
