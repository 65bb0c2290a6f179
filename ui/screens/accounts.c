/* Accounts: the list (filter, sort; a rep sees their own — the core decides),
 * and the account form for creating and editing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/accounts.h"
#include "src/app.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/text.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/form.h"
#include "ui/widgets/table.h"

/* ------------------------------------------------------------- the list */

static const struct table_column account_columns[] = {
    {"Name", 0, TEXT_LEFT, ACCOUNT_SORT_NAME},         {"Code", 12, TEXT_LEFT, ACCOUNT_SORT_CODE},
    {"City", 16, TEXT_LEFT, ACCOUNT_SORT_CITY},        {"Rep", 10, TEXT_LEFT, -1},
    {"Balance", 14, TEXT_RIGHT, ACCOUNT_SORT_BALANCE},
};

static int account_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct screen *s = ctx;
    return account_page(s->con->app, q, rows, count, e);
}

static void account_row_cursor(const void *row, int sort, struct page_cursor *cur)
{
    account_cursor(row, sort, cur);
}

static int64_t account_id(const void *row)
{
    return ((const struct account *)row)->id;
}

static void account_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct account *a = row;
    switch (col) {
    case 0: snprintf(out, len, "%s", a->name); break;
    case 1: snprintf(out, len, "%s", a->code); break;
    case 2: snprintf(out, len, "%s", a->city); break;
    case 3: snprintf(out, len, "%s", a->rep_login); break;
    case 4: fmt_money(((struct screen *)ctx)->con, a->open_balance, out, len); break;
    }
}

static int accounts_open(void *owner)
{
    struct list_screen *l = owner;
    const struct account *a = table_selected(&l->table);
    console_push(l->base.con, account_detail_new(l->base.con, a->id));
    return UI_DRAW;
}

static int accounts_new_account(void *owner)
{
    struct list_screen *l = owner;
    struct err e = {0};
    if (app_require(l->base.con->app, ACT_ACCOUNT_CREATE, &e) != ERR_OK) {
        console_error(l->base.con, &e);
        return UI_DRAW;
    }
    list_push_editor(l, account_edit_new(l->base.con, NULL));
    return UI_DRAW;
}

static int accounts_edit(void *owner)
{
    struct list_screen *l = owner;
    const struct account *a = table_selected(&l->table);
    if (a == NULL)
        return UI_DONE;
    list_push_editor(l, account_edit_new(l->base.con, a));
    return UI_DRAW;
}

static const struct keydef accounts_keys[] = {
    {UA_NEW, accounts_new_account, KEYDEF_BAR, NULL},
    {UA_EDIT, accounts_edit, KEYDEF_BAR, NULL},
};

struct screen *accounts_new(struct console *c)
{
    struct list_screen *l = xcalloc(1, sizeof *l);
    struct table_source src = {.cols = account_columns,
                               .ncols = 5,
                               .row_size = sizeof(struct account),
                               .fetch = account_fetch,
                               .cursor = account_row_cursor,
                               .id = account_id,
                               .cell = account_cell,
                               .ctx = l,
                               .forward_only = false,
                               .page = 0};
    list_screen_init(l, c, "Accounts", &src, accounts_keys,
                     (int)(sizeof accounts_keys / sizeof accounts_keys[0]), accounts_open);
    l->table.empty_text =
        c->app->user.role == ROLE_REP ? "No account is assigned to you yet." : "No accounts yet.";
    return &l->base;
}

/* ------------------------------------------------------------- the form */

static int account_save(struct edit_screen *ed, struct err *e)
{
    struct account a = *(struct account *)ed->record;
    struct form *f = &ed->form;
    FORM_COPY(f, "code", a.code);
    FORM_COPY(f, "name", a.name);
    FORM_COPY(f, "vat_number", a.vat_number);
    FORM_COPY(f, "email", a.email);
    FORM_COPY(f, "phone", a.phone);
    FORM_COPY(f, "billing_address", a.billing_address);
    FORM_COPY(f, "shipping_address", a.shipping_address);
    FORM_COPY(f, "city", a.city);
    FORM_COPY(f, "country", a.country);
    FORM_COPY(f, "tier", a.tier);
    FORM_COPY(f, "notes", a.notes);
    int64_t terms = 0;
    if (form_get_int(f, "payment_terms_days", &terms, e) != ERR_OK)
        return e->code;
    a.payment_terms_days = (int)terms;
    if (form_get_money(f, "credit_limit", &a.credit_limit, e) != ERR_OK)
        return e->code;
    struct form_field *rep = form_field(f, "rep");
    char rep_text[65];
    FORM_COPY(f, "rep", rep_text);
    if (rep_text[0] == '\0')
        a.rep_id = 0;
    else if (rep->lookup_id != 0)
        a.rep_id = rep->lookup_id;
    else if (strcmp(rep_text, a.rep_login) != 0)
        return err_set(e, ERR_INVALID, "rep", "press Enter in the field to pick a user");
    int rc = a.id ? account_update(ed->base.con->app, &a, e) : account_create(ed->base.con->app, &a, e);
    if (rc == ERR_OK)
        *(struct account *)ed->record = a;
    return rc;
}

static void account_form_fields(struct form *f, struct console *c, const struct account *a)
{
    form_add(f, "code", "Code", FIELD_TEXT, 32);
    form_add(f, "name", "Name", FIELD_TEXT, 200);
    form_add(f, "vat_number", "VAT number", FIELD_TEXT, 32);
    form_add(f, "email", "E-mail", FIELD_TEXT, 200);
    form_add(f, "phone", "Phone", FIELD_TEXT, 40);
    form_add(f, "billing_address", "Billing address", FIELD_TEXT, 400);
    form_add(f, "shipping_address", "Shipping address", FIELD_TEXT, 400);
    form_add(f, "city", "City", FIELD_TEXT, 100);
    form_add(f, "country", "Country", FIELD_TEXT, 60);
    form_add(f, "payment_terms_days", "Payment terms", FIELD_NUMBER, 3)->unit = "days";
    form_add(f, "credit_limit", "Credit limit", FIELD_MONEY, 20)->unit =
        money_currency_symbol(c->app->currency);
    form_add(f, "tier", "Tier", FIELD_TEXT, 32);
    struct form_field *rep = form_add(f, "rep", "Rep", FIELD_LOOKUP, 64);
    rep->lookup = lookup_users;
    rep->lookup_ctx = c->app;
    rep->lookup_id = a->rep_id;
    rep->readonly = !rights_allows(c->app->user.role, ACT_ACCOUNT_ASSIGN);
    form_add(f, "notes", "Notes", FIELD_TEXT, 2000);
}

static void account_form_values(struct form *f, const void *record)
{
    const struct account *a = record;
    form_set(f, "code", a->code);
    form_set(f, "name", a->name);
    form_set(f, "vat_number", a->vat_number);
    form_set(f, "email", a->email);
    form_set(f, "phone", a->phone);
    form_set(f, "billing_address", a->billing_address);
    form_set(f, "shipping_address", a->shipping_address);
    form_set(f, "city", a->city);
    form_set(f, "country", a->country);
    form_set_int(f, "payment_terms_days", a->payment_terms_days);
    form_set_money(f, "credit_limit", a->credit_limit);
    form_set(f, "tier", a->tier);
    form_set(f, "rep", a->rep_login);
    form_field(f, "rep")->lookup_id = a->rep_id;
    form_set(f, "notes", a->notes);
}

static int account_load(struct app *app, const void *record, void *fresh, struct err *e)
{
    return account_get(app, ((const struct account *)record)->id, fresh, e);
}

struct screen *account_edit_new(struct console *c, const struct account *a)
{
    struct account *rec = xcalloc(1, sizeof *rec);
    if (a)
        *rec = *a;
    else
        rec->payment_terms_days = 30;
    struct edit_screen *ed = edit_screen_new(c, a ? "Edit" : "New account", account_save, rec);
    if (a)
        snprintf(ed->intro, sizeof ed->intro, "Account %s — Ctrl-S saves, Esc leaves", rec->code);
    else
        snprintf(ed->intro, sizeof ed->intro, "New account — Ctrl-S saves, Esc leaves");
    account_form_fields(&ed->form, c, rec);
    account_form_values(&ed->form, rec);
    if (a) {
        ed->form.fields[0].readonly = true; /* the code is the account's key */
        edit_screen_reloadable(ed, account_form_values, account_load, sizeof *rec);
    }
    ed->form.current = a ? 1 : 0;
    return &ed->base;
}
