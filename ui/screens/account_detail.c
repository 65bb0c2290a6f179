/* One account: its fields, its on-time rate and packing instructions, its
 * contacts (Enter edits one, C adds one), and below them its quotes (Enter
 * opens one; n starts one at once), its orders, its open orders by promise
 * or its contract prices, Tab going round; its notes; e edits the account,
 * I its packing instructions and whether it requires a PO number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/accounts.h"
#include "src/b2b/pricing.h"
#include "src/b2b/quotes.h"
#include "src/b2c/fulfilment.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/text.h"
#include "src/orders.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/table.h"

enum detail_focus { FOCUS_CONTACTS, FOCUS_QUOTES, FOCUS_ORDERS, FOCUS_OPEN, FOCUS_PRICES, FOCUS_COUNT };

struct account_detail {
    struct screen base;
    int64_t id;
    struct account account;
    struct err load_error;
    struct table contacts;
    struct table orders;
    struct table quotes;
    struct table prices;
    struct table open; /* open orders by promise */
    int focus;         /* enum detail_focus */
    int lower;         /* the list shown under the contacts: quotes, orders, open orders or prices */
    struct account_packing packing;
    struct ontime_row ontime; /* the last 12 months */
};

/* --------------------------------------------------------- the contacts */

static const struct table_column contact_columns[] = {
    {"Name", 0, TEXT_LEFT, -1},
    {"Role", 9, TEXT_LEFT, -1},
    {"Title", 16, TEXT_LEFT, -1},
    {"E-mail", 0, TEXT_LEFT, -1},
    {"Phone", TABLE_WHOLE(16), TEXT_LEFT, -1},
};

static int contact_fetch(void *ctx, const struct page_req *q, struct rows *out, struct err *e)
{
    struct account_detail *d = ctx;
    return contact_list(d->base.con->app, d->id, q, out, e);
}

static void contact_row_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    contact_cursor(row, c);
}

static int64_t contact_id(const void *row)
{
    return ((const struct contact *)row)->id;
}

static void contact_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    (void)ctx;
    const struct contact *ct = row;
    const char *v[] = {ct->name, ct->role, ct->title, ct->email, ct->phone};
    snprintf(out, len, "%s", v[col]);
}

/* ----------------------------------------------------------- the orders */

static int account_orders_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct account_detail *d = ctx;
    return order_page_for_account(d->base.con->app, d->id, q, rows, count, e);
}

/* ----------------------------------------------------------- the quotes */

static const struct table_column account_quote_columns[] = {
    {"Quote", 9, TEXT_LEFT, QUOTE_SORT_NUMBER},
    {"Status", 9, TEXT_LEFT, -1},
    {"Owner", 0, TEXT_LEFT, -1},
    {"Valid until", 11, TEXT_LEFT, QUOTE_SORT_VALID},
    {"Rev", 3, TEXT_RIGHT, -1},
    {"Amount", 14, TEXT_RIGHT, QUOTE_SORT_TOTAL},
    {"Margin", 7, TEXT_RIGHT, -1},
};

static int account_quotes_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct account_detail *d = ctx;
    struct quote_filter f = {.account_id = d->id};
    return quote_page(d->base.con->app, &f, q, rows, count, e);
}

static void account_quote_cursor(const void *row, int sort, struct page_cursor *c)
{
    quote_cursor(row, sort, c);
}

static int64_t account_quote_id(const void *row)
{
    return ((const struct quote *)row)->id;
}

static void account_quote_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct quote *q = row;
    struct account_detail *d = ctx;
    switch (col) {
    case 0: snprintf(out, len, "%s", q->number); break;
    case 1: snprintf(out, len, "%s", quote_status_name(q->status)); break;
    case 2: snprintf(out, len, "%s", q->owner_login); break;
    case 3: snprintf(out, len, "%s", q->valid_until); break;
    case 4: snprintf(out, len, "%d", q->revision); break;
    case 5: fmt_money(d->base.con, q->total, out, len); break;
    default: margin_format(q->margin_bp, out, len); break;
    }
}

/* ------------------------------------------------- the contract prices */

static const struct table_column price_columns[] = {
    {"Contract price: SKU", 0, TEXT_LEFT, -1},
    {"Price", 14, TEXT_RIGHT, -1},
    {"From", 11, TEXT_LEFT, -1},
    {"To", 11, TEXT_LEFT, -1},
};

static int price_fetch(void *ctx, const struct page_req *q, struct rows *out, struct err *e)
{
    struct account_detail *d = ctx;
    return quote_contract_prices(d->base.con->app, d->id, q, out, e);
}

static void price_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    contract_price_cursor(row, c);
}

static int64_t price_id(const void *row)
{
    return ((const struct contract_price *)row)->id;
}

static void price_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct contract_price *p = row;
    struct account_detail *d = ctx;
    switch (col) {
    case 0: snprintf(out, len, "%s", p->sku); break;
    case 1: fmt_money(d->base.con, p->price, out, len); break;
    case 2: snprintf(out, len, "%s", p->valid_from[0] ? p->valid_from : "—"); break;
    default: snprintf(out, len, "%s", p->valid_to[0] ? p->valid_to : "—"); break;
    }
}

/* ------------------------------------------------ open orders by promise */

static const struct table_column open_columns[] = {
    {"Order", 9, TEXT_LEFT, -1},  {"Status", 17, TEXT_LEFT, -1},     {"Promised", 10, TEXT_LEFT, -1},
    {"First", 10, TEXT_LEFT, -1}, {"The promise", 0, TEXT_LEFT, -1},
};

static int open_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct account_detail *d = ctx;
    return fulfilment_open_orders(d->base.con->app, d->id, q, rows, count, e);
}

static void open_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    fulfilment_cursor(row, false, c);
}

static int64_t open_id(const void *row)
{
    return ((const struct fulfilment_row *)row)->order.id;
}

static void open_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    (void)ctx;
    const struct order *o = &((const struct fulfilment_row *)row)->order;
    switch (col) {
    case 0: snprintf(out, len, "%s", o->number); break;
    case 1: snprintf(out, len, "%s", order_status_name(o->status)); break;
    case 2: snprintf(out, len, "%s", o->promised_date[0] ? o->promised_date : "—"); break;
    case 3: snprintf(out, len, "%s", o->first_promised_date[0] ? o->first_promised_date : "—"); break;
    default: fmt_promise(o, out, len); break;
    }
}

/* --------------------------------------------------------------- screen */

static struct table *detail_lower(struct account_detail *d)
{
    return d->lower == FOCUS_QUOTES   ? &d->quotes
           : d->lower == FOCUS_PRICES ? &d->prices
           : d->lower == FOCUS_OPEN   ? &d->open
                                      : &d->orders;
}

static struct table *detail_focused(struct account_detail *d)
{
    return d->focus == FOCUS_CONTACTS ? &d->contacts : detail_lower(d);
}

static int detail_load(struct account_detail *d)
{
    err_clear(&d->load_error);
    if (account_get(d->base.con->app, d->id, &d->account, &d->load_error) != ERR_OK)
        return d->load_error.code;
    screen_set_title(&d->base, d->account.name);
    /* what fulfilment knows of it: shown when it can be read, else left out */
    if (account_packing_get(d->base.con->app, d->id, &d->packing, NULL) != ERR_OK)
        memset(&d->packing, 0, sizeof d->packing);
    if (ontime_account(d->base.con->app, d->id, &d->ontime, NULL) != ERR_OK)
        memset(&d->ontime, 0, sizeof d->ontime);
    return ERR_OK;
}

static void detail_layout(struct screen *s)
{
    struct account_detail *d = (struct account_detail *)s;
    int top = 8, rest = s->h - top;
    int hc = rest / 2;
    table_layout(&d->contacts, s->y + top, s->x, hc, s->w);
    table_layout(&d->orders, s->y + top + hc, s->x, rest - hc, s->w);
    table_layout(&d->quotes, s->y + top + hc, s->x, rest - hc, s->w);
    table_layout(&d->prices, s->y + top + hc, s->x, rest - hc, s->w);
    table_layout(&d->open, s->y + top + hc, s->x, rest - hc, s->w);
}

/* The on-time rate over twelve months, and the packing instructions. */
static void detail_draw_fulfilment(struct account_detail *d, int y)
{
    struct screen *s = &d->base;
    char v[700], rate[32];
    int half = s->w / 2;
    ontime_rate_format(&d->ontime, rate, sizeof rate);
    if (d->ontime.delivered > 0) {
        snprintf(v, sizeof v, "%s (%lld of %lld, 12 months)", rate, (long long)d->ontime.on_time,
                 (long long)d->ontime.delivered);
        if (text_width(v) > half - 16) /* 80 columns: the short form, whole */
            snprintf(v, sizeof v, "%s (%lld/%lld, 12 mo)", rate, (long long)d->ontime.on_time,
                     (long long)d->ontime.delivered);
    } else
        snprintf(v, sizeof v, "— none in 12 months");
    draw_field(y, s->x + half, 14, half - 1, "On time", v);
    snprintf(v, sizeof v, "%s%s", d->packing.instructions[0] ? d->packing.instructions : "—",
             d->packing.requires_po ? " · PO number on every order" : "");
    draw_field(y + 1, s->x + 1, 10, s->w - 2, "Packing", v);
}

static void detail_draw(struct screen *s)
{
    struct account_detail *d = (struct account_detail *)s;
    const struct account *a = &d->account;
    if (d->load_error.code != ERR_OK) {
        draw_text(s->y + 1, s->x + 2, s->w - 4, d->load_error.msg, TEXT_LEFT, STYLE_ERROR);
        return;
    }
    char v[256], w[256];
    int half = s->w / 2;
    draw_textf(s->y, s->x + 1, s->w - 2, STYLE_TITLE, "%s  (%s)", a->name, a->code);
    place_text(a->city, a->country, v, sizeof v);
    draw_field(s->y + 1, s->x + 1, 10, half - 2, "E-mail", a->email);
    draw_field(s->y + 2, s->x + 1, 10, half - 2, "Phone", a->phone);
    draw_field(s->y + 3, s->x + 1, 10, half - 2, "City", v);
    draw_field(s->y + 4, s->x + 1, 10, half - 2, "VAT", a->vat_number);
    fmt_money(s->con, a->credit_limit, v, sizeof v);
    fmt_money(s->con, a->open_balance, w, sizeof w);
    draw_field(s->y + 1, s->x + half, 14, half - 1, "Credit limit", v);
    draw_field(s->y + 2, s->x + half, 14, half - 1, "Open balance", w);
    snprintf(v, sizeof v, "net %d days", a->payment_terms_days);
    draw_field(s->y + 3, s->x + half, 14, half - 1, "Terms", v);
    snprintf(v, sizeof v, "%s%s%s", a->rep_login[0] ? a->rep_login : "(none)", a->tier[0] ? " · tier " : "",
             a->tier);
    draw_field(s->y + 4, s->x + half, 14, half - 1, "Rep", v);
    draw_field(s->y + 5, s->x + 1, 10, half - 2, "Notes", a->notes[0] ? a->notes : "—");
    detail_draw_fulfilment(d, s->y + 5);
    static const char *const where[FOCUS_COUNT] = {
        "Contacts (Tab: quotes) · n starts a quote", "Quotes, latest first (Tab: orders) · n starts one",
        "Orders (Tab: open orders by promise)", "Open orders by promise (Tab: contract prices)",
        "Contract prices (Tab: contacts)"};
    draw_text(s->y + 7, s->x + 1, s->w - 2, where[d->focus], TEXT_LEFT, STYLE_DIM);
    d->contacts.inactive = d->focus != FOCUS_CONTACTS;
    detail_lower(d)->inactive = d->focus == FOCUS_CONTACTS;
    table_draw(&d->contacts);
    table_draw(detail_lower(d));
}

static int detail_edit(void *p)
{
    struct account_detail *d = p;
    if (d->load_error.code != ERR_OK)
        return UI_DONE;
    console_push(d->base.con, account_edit_new(d->base.con, &d->account));
    return UI_DRAW;
}

static int detail_add_contact(void *p)
{
    struct account_detail *d = p;
    struct contact ct = {.account_id = d->id};
    snprintf(ct.role, sizeof ct.role, "%s", contact_roles[0]);
    console_push(d->base.con, contact_edit_new(d->base.con, &ct));
    return UI_DRAW;
}

/* The contact a new quote goes to: the one under the cursor when the user
 * chose it, else the account's first buyer, else none (t sets it later). */
static const struct contact *detail_quote_contact(struct account_detail *d)
{
    if (d->focus == FOCUS_CONTACTS && d->contacts.view.cursor > 0)
        return table_selected(&d->contacts);
    for (int i = 0; i < d->contacts.nrows; i++) {
        const struct contact *ct = table_row(&d->contacts, i);
        if (strcmp(ct->role, "buyer") == 0)
            return ct;
    }
    return NULL;
}

/* A quote for this account at once, its first line's form open: one key
 * from the account to typing a product. */
static int detail_new_quote(void *p)
{
    struct account_detail *d = p;
    struct console *c = d->base.con;
    const struct contact *ct = detail_quote_contact(d);
    struct quote q;
    struct err e = {0};
    if (d->load_error.code != ERR_OK)
        return UI_DONE;
    if (quote_create(c->app, d->account.code, ct ? ct->id : 0, &q, &e) != ERR_OK) {
        console_error(c, &e);
        return UI_DRAW;
    }
    console_status(c, false, "%s created for %s%s%s.", q.number, d->account.name, ct ? ", contact " : "",
                   ct ? ct->name : "");
    quote_editor_open(c, q.number);
    return UI_DRAW;
}

static int detail_switch(void *p)
{
    struct account_detail *d = p;
    d->focus = (d->focus + 1) % FOCUS_COUNT;
    if (d->focus != FOCUS_CONTACTS)
        d->lower = d->focus;
    return UI_DRAW;
}

static int detail_open_contact(void *owner)
{
    struct account_detail *d = owner;
    const struct contact *ct = table_selected(&d->contacts);
    console_push(d->base.con, contact_edit_new(d->base.con, ct));
    return UI_DRAW;
}

static int detail_open_order(void *owner)
{
    struct account_detail *d = owner;
    const struct order *o = table_selected(&d->orders);
    console_push(d->base.con, order_detail_new(d->base.con, o->number));
    return UI_DRAW;
}

static int detail_open_open(void *owner)
{
    struct account_detail *d = owner;
    const struct fulfilment_row *r = table_selected(&d->open);
    if (r != NULL)
        console_push(d->base.con, order_detail_new(d->base.con, r->order.number));
    return UI_DRAW;
}

/* ------------------------------------------------------------- packing */

static const char *const po_choices[] = {"not required", "on every order", NULL};

static int packing_save(struct edit_screen *ed, struct err *e)
{
    struct account_packing p = *(const struct account_packing *)ed->record;
    char po[32];
    FORM_COPY(&ed->form, "packing_instructions", p.instructions);
    FORM_COPY(&ed->form, "requires_po", po);
    p.requires_po = strcmp(po, po_choices[1]) == 0;
    return account_packing_set(ed->base.con->app, &p, e);
}

static int detail_packing(void *p)
{
    struct account_detail *d = p;
    if (d->load_error.code != ERR_OK)
        return UI_DONE;
    struct account_packing *rec = xcalloc(1, sizeof *rec);
    *rec = d->packing;
    rec->account_id = d->id;
    struct edit_screen *ed = edit_screen_new(d->base.con, "Packing", packing_save, rec);
    snprintf(
        ed->intro, sizeof ed->intro,
        "How %s wants its parcels (printed on every packing slip), and whether its purchase-order number "
        "must be on every order and document. Ctrl-S saves, Esc leaves.",
        d->account.code);
    form_add(&ed->form, "packing_instructions", "Instructions", FIELD_TEXT, 500);
    struct form_field *po = form_add(&ed->form, "requires_po", "PO number", FIELD_CHOICE, 16);
    po->choices = po_choices;
    form_set(&ed->form, "packing_instructions", rec->instructions);
    form_set_choice(&ed->form, "requires_po", po_choices[rec->requires_po ? 1 : 0]);
    ed->form.dirty = false;
    console_push(d->base.con, &ed->base);
    return UI_DRAW;
}

static int detail_open_quote(void *owner)
{
    struct account_detail *d = owner;
    const struct quote *q = table_selected(&d->quotes);
    if (q != NULL)
        console_push(d->base.con, quote_editor_new(d->base.con, q->number));
    return UI_DRAW;
}

static const struct keydef detail_keys[] = {
    {UA_NEW, detail_new_quote, KEYDEF_BAR, "New quote"},
    {UA_EDIT, detail_edit, KEYDEF_BAR, "Edit account"},
    {UA_ADD_CONTACT, detail_add_contact, KEYDEF_BAR, NULL},
    {UA_PACKING, detail_packing, 0, NULL},
    {UA_NEXT, detail_switch, KEYDEF_BAR, "Next list"},
};

static int detail_keytables(struct screen *s, struct keytable *out, int max)
{
    struct account_detail *d = (struct account_detail *)s;
    struct table *t = detail_focused(d);
    int n = 0;
    if (!t->filtering)
        out[n++] = (struct keytable)KEYTABLE("Account", detail_keys, d);
    return n + table_keytables(t, out + n, max - n);
}

static int detail_input(struct screen *s, int key)
{
    struct account_detail *d = (struct account_detail *)s;
    return table_input(detail_focused(d), key);
}

static bool detail_typing(struct screen *s)
{
    struct account_detail *d = (struct account_detail *)s;
    return d->contacts.filtering || d->orders.filtering || d->quotes.filtering || d->prices.filtering ||
           d->open.filtering;
}

static int detail_reload(struct screen *s)
{
    struct account_detail *d = (struct account_detail *)s;
    if (detail_load(d) == ERR_OK) {
        table_refresh(&d->contacts);
        table_refresh(&d->orders);
        table_refresh(&d->quotes);
        table_refresh(&d->prices);
        table_refresh(&d->open);
    }
    return UI_DRAW;
}

static void detail_destroy(struct screen *s)
{
    struct account_detail *d = (struct account_detail *)s;
    table_free(&d->contacts);
    table_free(&d->orders);
    table_free(&d->quotes);
    table_free(&d->prices);
    table_free(&d->open);
    free(d);
}

static const struct screen_ops account_detail_ops = {
    .kind = "account",
    .layout = detail_layout,
    .draw = detail_draw,
    .keytables = detail_keytables,
    .input = detail_input,
    .reload = detail_reload,
    .typing = detail_typing,
    .destroy = detail_destroy,
};

struct screen *account_detail_new(struct console *c, int64_t id)
{
    struct account_detail *d = xcalloc(1, sizeof *d);
    screen_init(&d->base, &account_detail_ops, c, "Account");
    d->id = id;
    struct table_source contacts = {.cols = contact_columns,
                                    .ncols = 5,
                                    .row_size = sizeof(struct contact),
                                    .fetch_rows = contact_fetch,
                                    .cursor = contact_row_cursor,
                                    .id = contact_id,
                                    .cell = contact_cell,
                                    .ctx = d};
    struct table_source orders = {.cols = order_columns,
                                  .ncols = order_ncolumns,
                                  .row_size = sizeof(struct order),
                                  .fetch = account_orders_fetch,
                                  .cursor = order_row_cursor,
                                  .id = order_row_id,
                                  .cell = order_cell,
                                  .cell_short = order_cell_short,
                                  .ctx = d,
                                  .forward_only = true,
                                  .page = 50};
    struct table_source quotes = {.cols = account_quote_columns,
                                  .ncols = 7,
                                  .row_size = sizeof(struct quote),
                                  .fetch = account_quotes_fetch,
                                  .cursor = account_quote_cursor,
                                  .id = account_quote_id,
                                  .cell = account_quote_cell,
                                  .ctx = d,
                                  .forward_only = false,
                                  .page = 50};
    struct table_source prices = {.cols = price_columns,
                                  .ncols = 4,
                                  .row_size = sizeof(struct contract_price),
                                  .fetch_rows = price_fetch,
                                  .cursor = price_cursor,
                                  .id = price_id,
                                  .cell = price_cell,
                                  .ctx = d};
    table_init(&d->contacts, &contacts);
    table_init(&d->orders, &orders);
    table_init(&d->quotes, &quotes);
    table_init(&d->prices, &prices);
    struct table_source open = {.cols = open_columns,
                                .ncols = (int)(sizeof open_columns / sizeof open_columns[0]),
                                .row_size = sizeof(struct fulfilment_row),
                                .fetch = open_fetch,
                                .cursor = open_cursor,
                                .id = open_id,
                                .cell = open_cell,
                                .ctx = d,
                                .forward_only = true,
                                .page = 50};
    table_init(&d->open, &open);
    d->open.con = c;
    d->open.owner = d;
    d->open.on_open = detail_open_open;
    d->open.empty_text = "No open order.";
    d->quotes.descending = true; /* the latest quote first */
    d->quotes.con = d->prices.con = c;
    d->quotes.owner = d->prices.owner = d;
    d->quotes.on_open = detail_open_quote;
    d->quotes.empty_text = "No quotes for this account.";
    d->prices.empty_text = "No contract prices: the account pays its price list.";
    d->lower = FOCUS_QUOTES; /* an account's quotes show at once: they are what a rep works on */
    d->contacts.con = d->orders.con = c;
    d->contacts.owner = d->orders.owner = d;
    d->contacts.on_open = detail_open_contact;
    d->orders.on_open = detail_open_order;
    d->contacts.empty_text = "No contacts: a adds one.";
    d->orders.empty_text = "No orders yet.";
    if (detail_load(d) == ERR_OK) {
        table_reload(&d->contacts);
        table_reload(&d->orders);
        table_reload(&d->quotes);
        table_reload(&d->prices);
        table_reload(&d->open);
    }
    return &d->base;
}
