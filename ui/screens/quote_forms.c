/* The small forms the quote editor opens — a line (add, edit), terms, notes,
 * the customer's counter-offer, approve / reject / cancel with a comment, and
 * the PDF path. Each save is one core call with the editor's copy of the
 * quote; a refusal is shown next to its field and nothing typed is lost, also
 * when someone else saved first (Ctrl-R then reloads the quote under the form). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/accounts.h"
#include "src/app.h"
#include "src/b2b/pricing.h"
#include "src/b2b/quotes.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/text.h"
#include "src/products.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/quote_private.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"

struct quote_form {
    struct screen base;
    struct form form;
    struct quote_editor *ed; /* below this form on the stack while it lives */
    enum quote_form_kind kind;
    int line_no;
    struct quote_line line; /* the line edited, as it was */
    char intro[300];
    bool conflict;                 /* the last save met someone else's change */
    const char *discount_units[3]; /* the order discount's unit: "%", the currency's symbol */
};

static struct app *form_app(const struct quote_form *f)
{
    return f->ed->base.con->app;
}

/* ------------------------------------------------------------ lookups */

/* Products by their SKU or part of their name (product_find: the SKU typed first). */
int quote_lookup_products(void *ctx, const char *text, struct rows *out, int max, struct err *e)
{
    struct app *app = ctx;
    struct rows found = {0};
    int rc = product_find(app, text, false, max, &found, e);
    const struct product *rows = found.items;
    rows_reset(out, sizeof(struct lookup_item));
    for (int i = 0; rc == ERR_OK && i < found.n; i++) {
        struct lookup_item *it = rows_add(out);
        char price[64];
        money_format(rows[i].list_price, app->currency, price, sizeof price);
        it->id = rows[i].id;
        snprintf(it->label, sizeof it->label, "%s — %s  %s", rows[i].sku, rows[i].name, price);
        snprintf(it->value, sizeof it->value, "%s", rows[i].sku);
    }
    out->more = found.more;
    rows_free(&found);
    return rc;
}

static int lookup_contacts(void *ctx, const char *text, struct rows *out, int max, struct err *e)
{
    struct quote_form *f = ctx;
    return lookup_contacts_of(form_app(f), f->ed->view->quote.account_id, text, out, max, e);
}

/* ------------------------------------------------------------- values */

/* A rate as typed in a field: "12.5", the unit standing outside the text. */
static void rate_plain(int64_t bp, char *out, size_t len)
{
    bp_format(bp, out, len);
    char *unit = strstr(out, " %");
    if (unit)
        *unit = '\0';
}

/* A discount ("12", "12.5 %") or a unit price, never both; neither = the account's price. */
static int read_price(struct form *fm, enum manual_price *manual, int64_t *value, struct err *e)
{
    char disc[64], price[64];
    FORM_COPY(fm, "discount", disc);
    FORM_COPY(fm, "price", price);
    *manual = MANUAL_NONE;
    *value = 0;
    if (disc[0] && price[0])
        return err_set(e, ERR_INVALID, "discount", "a discount or a unit price, not both");
    if (disc[0]) {
        *manual = MANUAL_DISCOUNT;
        return bp_parse(disc, value, e) == ERR_OK ? ERR_OK
                                                  : err_set(e, ERR_INVALID, "discount", "%s", e->msg);
    }
    if (price[0]) {
        *manual = MANUAL_PRICE;
        return money_parse(price, value, e) == ERR_OK ? ERR_OK
                                                      : err_set(e, ERR_INVALID, "price", "%s", e->msg);
    }
    return ERR_OK;
}

/* A line's values: quantity, its manual discount or price, its note. */
static void line_values(struct form *fm, const void *record)
{
    const struct quote_line *l = record;
    char t[32] = "";
    form_set_int(fm, "quantity", l->quantity);
    form_set(fm, "discount", "");
    form_set(fm, "price", "");
    if (l->manual == MANUAL_DISCOUNT) {
        rate_plain(l->manual_value, t, sizeof t);
        form_set(fm, "discount", t);
    } else if (l->manual == MANUAL_PRICE) {
        money_format_plain(l->manual_value, t, sizeof t);
        form_set(fm, "price", t);
    }
    form_set(fm, "note", l->note);
}

/* -------------------------------------------------------------- saves */

static int save_add_line(struct quote_form *f, struct err *e)
{
    struct form *fm = &f->form;
    char sku[120], note[401];
    int64_t qty = 0, value = 0;
    enum manual_price manual;
    struct quote_line out;
    FORM_COPY(fm, "sku", sku);
    FORM_COPY(fm, "note", note);
    if (form_get_int(fm, "quantity", &qty, e) != ERR_OK || read_price(fm, &manual, &value, e) != ERR_OK)
        return e->code;
    int rc = quote_add_line(form_app(f), &f->ed->view->quote, sku, qty, manual, value, note, &out, e);
    if (rc == ERR_OK)
        console_status(f->base.con, false, "Line %d: %lld × %s (%s).", out.line_no, (long long)out.quantity,
                       out.sku, out.price_source);
    return rc;
}

static int save_edit_line(struct quote_form *f, struct err *e)
{
    struct form *fm = &f->form;
    struct quote_line_change ch = {0};
    char note[401];
    int64_t qty = 0;
    if (form_get_int(fm, "quantity", &qty, e) != ERR_OK ||
        read_price(fm, &ch.manual, &ch.manual_value, e) != ERR_OK)
        return e->code;
    FORM_COPY(fm, "note", note);
    ch.set_quantity = qty != f->line.quantity;
    ch.quantity = qty;
    ch.set_price = ch.manual != f->line.manual || ch.manual_value != f->line.manual_value;
    ch.note = strcmp(note, f->line.note) != 0 ? note : NULL;
    if (!ch.set_quantity && !ch.set_price && ch.note == NULL)
        return ERR_OK;
    return quote_update_line(form_app(f), &f->ed->view->quote, f->line_no, &ch, e);
}

static int read_contact(struct quote_form *f, int64_t *contact_id, struct err *e)
{
    struct form_field *fl = form_field(&f->form, "contact");
    char text[201];
    FORM_COPY(&f->form, "contact", text);
    if (text[0] == '\0')
        *contact_id = 0;
    else if (fl->lookup_id != 0)
        *contact_id = fl->lookup_id;
    else if (strcmp(text, f->ed->view->quote.contact_name) != 0)
        return err_set(e, ERR_INVALID, "contact", "press Enter in the field to pick a contact");
    return ERR_OK;
}

static int save_terms(struct quote_form *f, struct err *e)
{
    struct form *fm = &f->form;
    struct quote_terms t;
    int64_t days = 0;
    char disc[64];
    quote_terms_of(f->ed->view, &t);
    FORM_COPY(fm, "valid_until", t.valid_until);
    FORM_COPY(fm, "requested_date", t.requested_date);
    FORM_COPY(fm, "order_discount", disc);
    if (form_get_int(fm, "payment_terms_days", &days, e) != ERR_OK ||
        read_contact(f, &t.contact_id, e) != ERR_OK)
        return e->code;
    t.payment_terms_days = (int)days;
    t.order_discount = t.order_discount_bp = 0;
    /* the number in the field, in the unit the choice beside it shows */
    bool percent = form_field(fm, "order_discount_unit")->choice == 0;
    if (disc[0] && (percent ? bp_parse(disc, &t.order_discount_bp, e)
                            : money_parse(disc, &t.order_discount, e)) != ERR_OK)
        return err_set(e, ERR_INVALID, "order_discount", "%s", e->msg);
    return quote_set_terms(form_app(f), &f->ed->view->quote, &t, e);
}

static int save_counter(struct quote_form *f, struct err *e)
{
    struct form *fm = &f->form;
    struct quote_counter_change ch = {0};
    char comment[1001], price[64], qty[32];
    int64_t line = 0;
    FORM_COPY(fm, "comment", comment);
    FORM_COPY(fm, "price", price);
    FORM_COPY(fm, "quantity", qty);
    if (form_get_int(fm, "line", &line, e) != ERR_OK)
        return e->code;
    ch.line_no = (int)line;
    if (price[0] && money_parse(price, &ch.price, e) != ERR_OK)
        return err_set(e, ERR_INVALID, "price", "%s", e->msg);
    if (qty[0] && form_get_int(fm, "quantity", &ch.quantity, e) != ERR_OK)
        return e->code;
    ch.set_price = price[0] != '\0';
    ch.set_quantity = qty[0] != '\0';
    if (!ch.set_price && !ch.set_quantity)
        return err_set(e, ERR_INVALID, "price", "give the price or the quantity the customer asks for");
    return quote_counter(form_app(f), &f->ed->view->quote, comment, &ch, 1, e);
}

static int save_comment_move(struct quote_form *f, struct err *e)
{
    char comment[1001];
    struct quote *q = &f->ed->view->quote;
    FORM_COPY(&f->form, "comment", comment);
    switch (f->kind) {
    case QUOTE_FORM_APPROVE: return quote_approve(form_app(f), q, comment, e);
    case QUOTE_FORM_REJECT: return quote_reject(form_app(f), q, comment, e);
    case QUOTE_FORM_CANCEL: return quote_cancel(form_app(f), q, comment, e);
    case QUOTE_FORM_NOTES: return quote_set_notes(form_app(f), q, comment, e);
    default: return ERR_INTERNAL;
    }
}

static int save_print(struct quote_form *f, struct err *e)
{
    char path[1024];
    FORM_COPY(&f->form, "path", path);
    if (path[0] == '\0')
        return err_set(e, ERR_INVALID, "path", "where should the PDF go?");
    int rc = quote_print_pdf(form_app(f), f->ed->number, path, e);
    if (rc == ERR_OK)
        console_status(f->base.con, false, "Wrote %s.", path);
    return rc;
}

static int form_save_kind(struct quote_form *f, struct err *e)
{
    switch (f->kind) {
    case QUOTE_FORM_ADD_LINE: return save_add_line(f, e);
    case QUOTE_FORM_EDIT_LINE: return save_edit_line(f, e);
    case QUOTE_FORM_TERMS: return save_terms(f, e);
    case QUOTE_FORM_COUNTER: return save_counter(f, e);
    case QUOTE_FORM_PRINT: return save_print(f, e);
    default: return save_comment_move(f, e);
    }
}

/* ------------------------------------------------------------- screen */

static const char *form_title(enum quote_form_kind k)
{
    static const char *const titles[] = {"Add line", "Edit line", "Terms",  "Notes", "Counter-offer",
                                         "Approve",  "Reject",    "Cancel", "Print"};
    return titles[k];
}

static int qform_save(void *owner)
{
    struct quote_form *f = owner;
    struct console *c = f->base.con;
    struct err e = {0};
    form_clear_errors(&f->form);
    if (f->ed->view == NULL)
        return UI_DONE;
    c->status[0] = '\0';
    if (form_save_kind(f, &e) == ERR_OK) {
        quote_editor_reload(f->ed);
        if (c->status[0] == '\0' && f->ed->view) /* the save said nothing of its own */
            console_status(c, false, "%s: done. %s is %s, revision %d.", form_title(f->kind), f->ed->number,
                           quote_status_name(f->ed->view->quote.status), f->ed->view->quote.revision);
        console_close(c, &f->base);
        return UI_LAYOUT;
    }
    /* the form keeps every character typed; only a message is added */
    form_show_error(&f->form, &e);
    f->conflict = e.code == ERR_CONFLICT;
    if (f->conflict)
        console_conflict(c, e.msg, true);
    else if (e.field[0])
        console_status(c, true, "%s: %s", e.field, e.msg);
    else
        console_error(c, &e);
    return UI_DRAW;
}

static int qform_discard(void *owner)
{
    struct quote_form *f = owner;
    console_close(f->base.con, &f->base);
    return UI_DRAW;
}

static int qform_cancel(void *owner)
{
    struct quote_form *f = owner;
    if (!f->form.dirty)
        return qform_discard(f);
    dialog_confirm(f->base.con, "Discard changes?", "Leave without saving what you typed?", qform_discard, f);
    return UI_DRAW;
}

static void terms_values(struct form *fm, const void *record);
static void form_intro(struct quote_form *f);

static void notes_values(struct form *fm, const void *record)
{
    form_set(fm, "comment", ((const struct quote_view *)record)->quote.notes);
}

/* The line this form edits, as the quote now has it (by its id: lines may
 * have moved); false when it is gone. */
static bool qform_fresh_line(struct quote_form *f)
{
    const struct quote_view *v = f->ed->view;
    for (int i = 0; v && i < v->nlines; i++)
        if (v->lines[i].line.id == f->line.id) {
            f->line = v->lines[i].line;
            f->line_no = f->line.line_no;
            return true;
        }
    return false;
}

/* The quote read again; the fields the user did not change show it as it
 * is now, so what the form shows is what Ctrl-S saves. */
static int qform_reload(void *owner)
{
    struct quote_form *f = owner;
    quote_editor_reload(f->ed);
    f->conflict = false;
    form_clear_errors(&f->form);
    if (f->ed->view == NULL)
        return UI_DRAW;
    if (f->kind == QUOTE_FORM_EDIT_LINE && !qform_fresh_line(f)) {
        console_status(f->base.con, true, "Line %d is no longer on %s: Esc leaves, n adds it again.",
                       f->line_no, f->ed->number);
        return UI_DRAW;
    }
    if (f->kind == QUOTE_FORM_EDIT_LINE)
        form_refill(&f->form, line_values, &f->line);
    else if (f->kind == QUOTE_FORM_TERMS)
        form_refill(&f->form, terms_values, f->ed->view);
    else if (f->kind == QUOTE_FORM_NOTES)
        form_refill(&f->form, notes_values, f->ed->view);
    form_intro(f);
    console_status(f->base.con, false,
                   "Reloaded %s (%s, changed by %s). What you typed is kept; Ctrl-S saves what "
                   "you see.",
                   f->ed->number, quote_status_name(f->ed->view->quote.status),
                   f->ed->view->quote.updated_by_login);
    return UI_DRAW;
}

/* Enter in a line's form: find the product typed, else add (or change) the
 * line; adding goes on with the next line's form, Esc ends. */
static int qform_enter(void *owner)
{
    struct quote_form *f = owner;
    struct console *c = f->base.con;
    if (form_lookup_pending(&f->form))
        return form_enter(&f->form);
    if (f->kind == QUOTE_FORM_ADD_LINE && !f->form.dirty)
        return form_enter(&f->form); /* nothing typed yet: Enter finds or moves on */
    int r = qform_save(f);
    if (f->base.closing && f->kind == QUOTE_FORM_ADD_LINE && f->ed->view && (f->ed->can & QUOTE_CAN_EDIT)) {
        console_push(c, quote_form_new(f->ed, QUOTE_FORM_ADD_LINE));
        size_t n = strlen(c->status);
        snprintf(c->status + n, sizeof c->status - n, " Next line, or Esc.");
    }
    return r | UI_LAYOUT;
}

static const struct keydef qform_keys[] = {
    {UA_RELOAD, qform_reload, KEYDEF_BAR, "Reload the quote, keep the text"},
};
static const struct keydef qform_add_keys[] = {
    {UA_ACCEPT, qform_enter, KEYDEF_BAR, "Add line"},
};
static const struct keydef qform_edit_keys[] = {
    {UA_ACCEPT, qform_enter, KEYDEF_BAR, "Save line"},
};

static int qform_intro_rows(const struct quote_form *f)
{
    int rows = draw_wrapped_lines(f->intro, f->base.w - 2);
    return rows > 3 ? 3 : rows;
}

static void qform_layout(struct screen *s)
{
    struct quote_form *f = (struct quote_form *)s;
    int top = qform_intro_rows(f) + 1;
    form_layout(&f->form, s->y + top, s->x + 2, s->h - top - 1, s->w - 4);
}

static void qform_draw(struct screen *s)
{
    struct quote_form *f = (struct quote_form *)s;
    draw_wrapped(s->y, s->x + 1, s->w - 2, qform_intro_rows(f), f->intro, STYLE_TITLE);
    form_draw(&f->form);
}

static int qform_keytables(struct screen *s, struct keytable *out, int max)
{
    struct quote_form *f = (struct quote_form *)s;
    int n = 0;
    if (f->conflict && max > 1)
        out[n++] = (struct keytable)KEYTABLE("Quote", qform_keys, f);
    if (f->kind == QUOTE_FORM_ADD_LINE && max > n + 1)
        out[n++] = (struct keytable)KEYTABLE("Line", qform_add_keys, f);
    else if (f->kind == QUOTE_FORM_EDIT_LINE && max > n + 1)
        out[n++] = (struct keytable)KEYTABLE("Line", qform_edit_keys, f);
    return n + form_keytables(&f->form, out + n, max - n);
}

static int qform_input(struct screen *s, int key)
{
    return form_input(&((struct quote_form *)s)->form, key);
}

static bool qform_typing(struct screen *s)
{
    (void)s;
    return true;
}

static bool qform_unsaved(struct screen *s)
{
    return ((struct quote_form *)s)->form.dirty;
}

static void qform_destroy(struct screen *s)
{
    free(s);
}

static const struct screen_ops quote_form_ops = {
    .kind = "quote-form",
    .layout = qform_layout,
    .draw = qform_draw,
    .keytables = qform_keytables,
    .input = qform_input,
    .typing = qform_typing,
    .unsaved = qform_unsaved,
    .destroy = qform_destroy,
};

/* ------------------------------------------------------------- fields */

static void fields_line(struct quote_form *f, const struct price_line *p)
{
    struct form *fm = &f->form;
    if (p == NULL) {
        struct form_field *sku = form_add(fm, "sku", "Product", FIELD_LOOKUP, 100);
        sku->lookup = quote_lookup_products;
        sku->lookup_ctx = form_app(f);
    }
    form_add(fm, "quantity", "Quantity", FIELD_NUMBER, 10);
    form_add(fm, "discount", "Discount", FIELD_TEXT, 12)->unit = "%";
    form_add(fm, "price", "Unit price", FIELD_MONEY, 20)->unit = money_currency_symbol(form_app(f)->currency);
    form_add(fm, "note", "Note", FIELD_TEXT, 400);
    if (p)
        line_values(fm, &p->line);
    else
        form_set_int(fm, "quantity", 1);
}

static void fields_terms(struct quote_form *f)
{
    struct form *fm = &f->form;
    const struct quote_view *v = f->ed->view;
    form_add(fm, "valid_until", "Valid until", FIELD_DATE, 10);
    form_add(fm, "payment_terms_days", "Payment terms", FIELD_NUMBER, 3)->unit = "days";
    form_add(fm, "requested_date", "Delivery date", FIELD_DATE, 10);
    struct form_field *ct = form_add(fm, "contact", "Contact", FIELD_LOOKUP, 200);
    ct->lookup = lookup_contacts;
    ct->lookup_ctx = f;
    ct->lookup_id = v->quote.contact_id;
    form_add(fm, "order_discount", "Order discount", FIELD_MONEY, 20);
    f->discount_units[0] = "%";
    f->discount_units[1] = money_currency_symbol(form_app(f)->currency);
    f->discount_units[2] = NULL;
    form_add(fm, "order_discount_unit", "Discount in", FIELD_CHOICE, 0)->choices = f->discount_units;
    terms_values(fm, v);
}

/* The terms of the quote as they are in its view. */
static void terms_values(struct form *fm, const void *record)
{
    const struct quote_view *v = record;
    form_field(fm, "contact")->lookup_id = v->quote.contact_id;
    form_set(fm, "order_discount", "");
    form_set(fm, "valid_until", v->quote.valid_until);
    form_set_int(fm, "payment_terms_days", v->quote.payment_terms_days);
    form_set(fm, "requested_date", v->quote.requested_date);
    form_set(fm, "contact", v->quote.contact_name);
    /* the number alone: its unit is the choice beside it */
    form_field(fm, "order_discount_unit")->choice =
        v->revision.order_discount && !v->revision.order_discount_bp;
    if (v->revision.order_discount_bp || v->revision.order_discount) {
        char t[32];
        money_format_plain(v->revision.order_discount_bp ? v->revision.order_discount_bp
                                                         : v->revision.order_discount,
                           t, sizeof t);
        form_set(fm, "order_discount", t);
    }
}

static void fields_counter(struct quote_form *f, const struct price_line *p)
{
    struct form *fm = &f->form;
    form_add(fm, "line", "Line", FIELD_NUMBER, 6);
    form_add(fm, "price", "Unit price they ask", FIELD_MONEY, 20)->unit =
        money_currency_symbol(form_app(f)->currency);
    form_add(fm, "quantity", "Quantity they ask", FIELD_NUMBER, 10);
    form_add(fm, "comment", "Their comment", FIELD_TEXT, 1000);
    form_set_int(fm, "line", p->line.line_no);
    fm->current = 1;
}

static void form_intro(struct quote_form *f)
{
    static const char *const what[] = {
        "add a line (Enter in Product finds it by SKU or name)",
        "line %d",
        "terms",
        "notes (no new approval needed)",
        "the customer's counter-offer on line %d: a new revision marked theirs",
        "approve this revision (comment optional)",
        "reject: a comment is required",
        "cancel the quote: why?",
        "print the quote to a PDF file",
    };
    char text[200];
    snprintf(text, sizeof text, what[f->kind], f->line_no);
    snprintf(f->intro, sizeof f->intro, "%s — %s", f->ed->number, text);
}

static void form_fields(struct quote_form *f, const struct price_line *p)
{
    struct form *fm = &f->form;
    switch (f->kind) {
    case QUOTE_FORM_ADD_LINE: fields_line(f, NULL); break;
    case QUOTE_FORM_EDIT_LINE: fields_line(f, p); break;
    case QUOTE_FORM_TERMS: fields_terms(f); break;
    case QUOTE_FORM_COUNTER: fields_counter(f, p); break;
    case QUOTE_FORM_PRINT: {
        char path[64];
        snprintf(path, sizeof path, "%s.pdf", f->ed->number);
        form_add(fm, "path", "PDF file", FIELD_TEXT, 1000);
        form_set(fm, "path", path);
        break;
    }
    case QUOTE_FORM_NOTES:
        form_add(fm, "comment", "Notes", FIELD_TEXT, 2000);
        form_set(fm, "comment", f->ed->view->quote.notes);
        break;
    default: form_add(fm, "comment", "Comment", FIELD_TEXT, 1000); break;
    }
    fm->dirty = false;
}

struct screen *quote_form_new(struct quote_editor *ed, enum quote_form_kind kind)
{
    struct quote_form *f = xcalloc(1, sizeof *f);
    const struct price_line *p = quote_editor_line(ed);
    screen_init(&f->base, &quote_form_ops, ed->base.con, form_title(kind));
    form_init(&f->form, ed->base.con, f);
    f->form.on_save = qform_save;
    f->form.on_cancel = qform_cancel;
    f->ed = ed;
    f->kind = kind;
    if (p) {
        f->line = p->line;
        f->line_no = p->line.line_no;
    }
    form_intro(f);
    form_fields(f, p);
    return &f->base;
}
