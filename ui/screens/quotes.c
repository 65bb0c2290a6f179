/* Quotes: the list by scope (mine, awaiting my approval, all the core lets
 * this user see) and status, filtered and sorted in SQL; Enter opens the
 * editor; n starts a quote for an account found by typing part of its name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/accounts.h"
#include "src/app.h"
#include "src/b2b/quotes.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/text.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/form.h"
#include "ui/widgets/table.h"

enum quotes_scope { SCOPE_MINE, SCOPE_AWAITING, SCOPE_ALL, SCOPE_COUNT };

static const char *const scope_names[SCOPE_COUNT] = {"mine", "awaiting my approval", "all I may see"};

struct quotes_list {
    struct list_screen list; /* first: the list screen's ops see only this */
    enum quotes_scope scope;
    int status; /* -1 = any */
    char intro[240];
};

static const struct table_column quote_columns[] = {
    {"Number", 9, TEXT_LEFT, QUOTE_SORT_NUMBER},
    {"Status", 9, TEXT_LEFT, -1},
    {"Account", 0, TEXT_LEFT, -1},
    {"Owner", 8, TEXT_LEFT, -1},
    {"Valid", 10, TEXT_LEFT, QUOTE_SORT_VALID},
    {"Rev", 3, TEXT_RIGHT, -1},
    {"Total", 14, TEXT_RIGHT, QUOTE_SORT_TOTAL},
    {"Margin", 7, TEXT_RIGHT, -1},
};

static bool scope_offered(const struct app *app, enum quotes_scope s)
{
    switch (s) {
    case SCOPE_MINE: return rights_allows(app->user.role, ACT_QUOTE_EDIT);
    case SCOPE_AWAITING: return rights_allows(app->user.role, ACT_QUOTE_APPROVE);
    default: return true;
    }
}

static void quotes_intro(struct quotes_list *ql)
{
    snprintf(ql->intro, sizeof ql->intro, "Quotes: %s · status %s   (Tab: scope · f: status · n: new)",
             scope_names[ql->scope],
             ql->status < 0 ? "any" : quote_status_name((enum quote_status)ql->status));
    ql->list.intro = ql->intro;
}

static int quotes_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct quotes_list *ql = ctx;
    struct app *app = ql->list.base.con->app;
    struct quote_filter f = {0};
    if (ql->status >= 0)
        f.statuses = QUOTE_STATUS_BIT(ql->status);
    if (ql->scope == SCOPE_MINE)
        f.owner_id = app->user.id;
    else if (ql->scope == SCOPE_AWAITING)
        f.awaiting_role_of = app->user.id;
    return quote_page(app, &f, q, rows, count, e);
}

static void quotes_cursor(const void *row, int sort, struct page_cursor *c)
{
    quote_cursor(row, sort, c);
}

static int64_t quotes_id(const void *row)
{
    return ((const struct quote *)row)->id;
}

static void quotes_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct quote *q = row;
    struct quotes_list *ql = ctx;
    switch (col) {
    case 0: snprintf(out, len, "%s", q->number); break;
    case 1: snprintf(out, len, "%s", quote_status_name(q->status)); break;
    case 2: snprintf(out, len, "%s", q->account_name); break;
    case 3: snprintf(out, len, "%s", q->owner_login); break;
    case 4: snprintf(out, len, "%s", q->valid_until); break;
    case 5: snprintf(out, len, "%d", q->revision); break;
    case 6: fmt_money(ql->list.base.con, q->total, out, len); break;
    case 7: bp_format(q->margin_bp, out, len); break;
    }
}

static int quotes_open(void *owner)
{
    struct quotes_list *ql = owner;
    const struct quote *q = table_selected(&ql->list.table);
    console_push(ql->list.base.con, quote_editor_new(ql->list.base.con, q->number));
    return UI_DRAW;
}

static int quotes_next_scope(void *owner)
{
    struct quotes_list *ql = owner;
    const struct app *app = ql->list.base.con->app;
    do
        ql->scope = (ql->scope + 1) % SCOPE_COUNT;
    while (!scope_offered(app, ql->scope));
    quotes_intro(ql);
    table_reload(&ql->list.table);
    return UI_DRAW;
}

static int quotes_step_status(struct quotes_list *ql, int dir)
{
    ql->status += dir;
    if (ql->status >= QUOTE_STATUS_COUNT)
        ql->status = -1;
    else if (ql->status < -1)
        ql->status = QUOTE_STATUS_COUNT - 1;
    quotes_intro(ql);
    table_reload(&ql->list.table);
    return UI_DRAW;
}

static int quotes_next_status(void *owner)
{
    return quotes_step_status(owner, 1);
}

static int quotes_prev_status(void *owner)
{
    return quotes_step_status(owner, -1);
}

/* ------------------------------------------------------ a new quote */

/* Accounts by name: a keyset page of one more than shown says whether more match. */
static int lookup_accounts(void *ctx, const char *text, struct rows *out, int max, struct err *e)
{
    struct app *app = ctx;
    struct page_req q = {.filter = text, .sort = ACCOUNT_SORT_NAME, .limit = max + 1};
    struct account *rows = xcalloc((size_t)q.limit, sizeof *rows);
    int n = 0, rc = account_page(app, &q, rows, &n, e);
    rows_reset(out, sizeof(struct lookup_item));
    for (int i = 0; rc == ERR_OK && i < n && i < max; i++) {
        struct lookup_item *it = rows_add(out);
        it->id = rows[i].id;
        snprintf(it->label, sizeof it->label, "%s — %s, %s", rows[i].code, rows[i].name, rows[i].city);
        snprintf(it->value, sizeof it->value, "%s", rows[i].code);
    }
    out->more = n > max; /* some, not counted */
    free(rows);
    return rc;
}

/* The contacts of the account picked above, by part of their name. */
static int lookup_account_contacts(void *ctx, const char *text, struct rows *out, int max, struct err *e)
{
    struct edit_screen *ed = ctx;
    struct form_field *acc = form_field(&ed->form, "account");
    if (acc->lookup_id == 0)
        return err_set(e, ERR_INVALID, "contact", "pick the account first");
    return lookup_contacts_of(ed->base.con->app, acc->lookup_id, text, out, max, e);
}

static int new_quote_save(struct edit_screen *ed, struct err *e)
{
    struct form *f = &ed->form;
    struct form_field *ct = form_field(f, "contact");
    char code[120], contact[201];
    struct quote q;
    FORM_COPY(f, "account", code);
    FORM_COPY(f, "contact", contact);
    if (contact[0] && ct->lookup_id == 0)
        return err_set(e, ERR_INVALID, "contact", "press Enter in the field to pick a contact");
    int rc = quote_create(ed->base.con->app, code, contact[0] ? ct->lookup_id : 0, &q, e);
    if (rc == ERR_OK)
        quote_editor_open(ed->base.con, q.number);
    return rc;
}

static int quotes_new_quote(void *owner)
{
    struct quotes_list *ql = owner;
    struct console *c = ql->list.base.con;
    struct err e = {0};
    if (app_require(c->app, ACT_QUOTE_EDIT, &e) != ERR_OK) {
        console_error(c, &e);
        return UI_DRAW;
    }
    struct edit_screen *ed = edit_screen_new(c, "New quote", new_quote_save, NULL);
    snprintf(ed->intro, sizeof ed->intro,
             "New quote — Enter in a field finds by name; Ctrl-S creates, Esc leaves");
    struct form_field *acc = form_add(&ed->form, "account", "Account", FIELD_LOOKUP, 100);
    acc->lookup = lookup_accounts;
    acc->lookup_ctx = c->app;
    struct form_field *ct = form_add(&ed->form, "contact", "Contact", FIELD_LOOKUP, 200);
    ct->lookup = lookup_account_contacts;
    ct->lookup_ctx = ed;
    console_push(c, &ed->base);
    return UI_DRAW;
}

static const struct keydef quotes_keys[] = {
    {UA_NEW, quotes_new_quote, KEYDEF_BAR, "New quote"},
    {UA_NEXT, quotes_next_scope, KEYDEF_BAR, "Mine / awaiting me / all"},
    {UA_FILTER_STATUS, quotes_next_status, KEYDEF_BAR, "Status"},
    {UA_FILTER_STATUS_BACK, quotes_prev_status, 0, NULL},
};

struct screen *quotes_new(struct console *c)
{
    struct quotes_list *ql = xcalloc(1, sizeof *ql);
    const struct app *app = c->app;
    ql->status = -1;
    ql->scope = scope_offered(app, SCOPE_AWAITING) ? SCOPE_AWAITING
                : scope_offered(app, SCOPE_MINE)   ? SCOPE_MINE
                                                   : SCOPE_ALL;
    struct table_source src = {.cols = quote_columns,
                               .ncols = 8,
                               .row_size = sizeof(struct quote),
                               .fetch = quotes_fetch,
                               .cursor = quotes_cursor,
                               .id = quotes_id,
                               .cell = quotes_cell,
                               .ctx = ql,
                               .forward_only = false,
                               .page = 0};
    quotes_intro(ql);
    list_screen_init(&ql->list, c, "Quotes", &src, quotes_keys,
                     (int)(sizeof quotes_keys / sizeof quotes_keys[0]), quotes_open);
    ql->list.table.empty_text = "No quotes here: Tab changes the scope, f the status, n starts one.";
    return &ql->list.base;
}
