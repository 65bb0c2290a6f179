/* The order screen's returns section: `n` opens the Return form — each
 * line that may come back with its quantity and reason, the resolution and
 * a note; Ctrl-S shows the refund, line by line, and asks before opening
 * the return (the core computes it from what the order charged). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/b2c/returns.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/names.h"
#include "src/base/strbuf.h"
#include "src/orders.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/order_sections.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"

/* Lines a form holds: two fields each, with the resolution and the note. */
#define RETURN_FORM_LINES 10

static const char *const qty_fields[RETURN_FORM_LINES] = {"q0", "q1", "q2", "q3", "q4",
                                                          "q5", "q6", "q7", "q8", "q9"};
static const char *const reason_fields[RETURN_FORM_LINES] = {"r0", "r1", "r2", "r3", "r4",
                                                             "r5", "r6", "r7", "r8", "r9"};

struct return_form {
    struct order_view *view;
    char order_number[33];
    int n;
    char sku[RETURN_FORM_LINES][65];
    char qty_label[RETURN_FORM_LINES][100];
    char reason_label[RETURN_FORM_LINES][40];
    struct return_item items[RETURN_FORM_LINES];
    struct return_request req;
    char note[401];
    int64_t shown; /* the refund the confirmation showed */
};

/* The request as typed; ERR_INVALID naming the field when a quantity is not one. */
static int return_form_read(struct edit_screen *e, struct err *err)
{
    struct return_form *r = e->record;
    char word[40];
    r->req = (struct return_request){.items = r->items, .nitems = 0, .note = ""};
    snprintf(r->req.order_number, sizeof r->req.order_number, "%s", r->order_number);
    for (int i = 0; i < r->n; i++) {
        int64_t q = 0;
        form_get(&e->form, qty_fields[i], word, sizeof word);
        if (word[0] == '\0')
            continue;
        int rc = form_get_int(&e->form, qty_fields[i], &q, err);
        if (rc != ERR_OK)
            return rc;
        if (q == 0)
            continue;
        struct return_item *it = &r->items[r->req.nitems++];
        memset(it, 0, sizeof *it);
        snprintf(it->sku, sizeof it->sku, "%s", r->sku[i]);
        it->quantity = q;
        form_get(&e->form, reason_fields[i], word, sizeof word);
        int k = name_index(return_reason_names, RETURN_REASON_COUNT, word, false);
        it->reason = k < 0 ? REASON_CHANGED_MIND : (enum return_reason)k;
    }
    form_get(&e->form, "resolution", word, sizeof word);
    int k = name_index(return_resolution_names, RESOLUTION_COUNT, word, false);
    r->req.resolution = k < 0 ? RESOLUTION_REFUND : (enum return_resolution)k;
    form_get(&e->form, "note", r->note, sizeof r->note);
    r->req.note = r->note;
    if (r->req.nitems == 0)
        return err_set(err, ERR_INVALID, qty_fields[0], "give how many units come back on at least one line");
    return ERR_OK;
}

/* What the return refunds, as the confirmation says it. */
static void return_form_text(struct console *c, const struct return_quote *q, struct strbuf *out)
{
    char amount[64];
    for (int i = 0; i < q->nlines; i++) {
        const struct return_quote_line *l = &q->lines[i];
        fmt_money(c, l->amount, amount, sizeof amount);
        if (l->kind == LINE_GOODS)
            strbuf_addf(out, "%s ×%lld  %s  %s\n", l->sku, (long long)l->quantity,
                        return_reason_label(l->reason), amount);
        else
            strbuf_addf(out, "%s %s  %s\n", l->kind == LINE_SHIPPING ? "Shipping" : "Fee", l->sku, amount);
    }
    if (q->shipping_rule != SHIPPING_NONE)
        strbuf_addf(out, "Shipping: %s\n", shipping_rule_label(q->shipping_rule));
    fmt_money(c, q->total, amount, sizeof amount);
    /* what the customer paid for the units, tax included whatever the order's basis */
    strbuf_addf(out, "%s %s (tax included)\n",
                q->resolution == RESOLUTION_REFUND ? "Refund" : "Credit toward the new order", amount);
    if (q->late)
        strbuf_addf(out, "Past the window (closed %s): a manager accepts it.\n", q->deadline);
    if (q->needs_approval) {
        fmt_money(c, q->threshold, amount, sizeof amount);
        strbuf_addf(out, "Above %s: a manager approves the refund.\n", amount);
    }
    strbuf_addf(out, "Open this return?");
}

static int return_form_confirmed(void *owner)
{
    struct edit_screen *e = owner;
    struct return_form *r = e->record;
    struct console *c = e->base.con;
    struct return_quote q;
    struct err err = {0};
    if (return_open(c->app, &r->req, &q, &err) != ERR_OK) {
        form_show_error(&e->form, &err);
        console_error(c, &err);
        return UI_DRAW;
    }
    char amount[64];
    fmt_money(c, q.total, amount, sizeof amount);
    if (q.total != r->shown)
        console_status(c, true, "%s opened: refund %s — not what was shown (the order changed meanwhile).",
                       q.number, amount);
    else
        console_status(c, false, "%s opened: refund %s once the goods are back.", q.number, amount);
    return_quote_free(&q);
    e->form.dirty = false;
    console_close(c, &e->base);
    order_view_reload(r->view);
    return UI_DRAW;
}

/* Ctrl-S: the refund first, then the question. */
static int return_form_save(void *owner)
{
    struct edit_screen *e = owner;
    struct console *c = e->base.con;
    struct return_form *r = e->record;
    struct return_quote q;
    struct err err = {0};
    form_clear_errors(&e->form);
    if (return_form_read(e, &err) != ERR_OK || return_preview(c->app, &r->req, &q, &err) != ERR_OK) {
        form_show_error(&e->form, &err);
        console_error(c, &err);
        return UI_DRAW;
    }
    struct strbuf text = {0};
    r->shown = q.total;
    return_form_text(c, &q, &text);
    return_quote_free(&q);
    dialog_confirm(c, "Return", strbuf_text(&text), return_form_confirmed, e);
    strbuf_free(&text);
    return UI_DRAW;
}

static int return_form_unused(struct edit_screen *e, struct err *err)
{
    (void)e, (void)err;
    return ERR_OK;
}

/* The lines of the order that may come back: shipped, not yet returned. */
static int return_form_lines(struct app *app, const struct order *o, struct return_form *r, int *more,
                             struct err *e)
{
    struct rows lines = {0};
    int rc = order_lines(app, o, NULL, &lines, e);
    const struct order_line *l = lines.items;
    *more = 0;
    for (int i = 0; rc == ERR_OK && i < lines.n; i++) {
        int64_t may = l[i].shipped_qty - l[i].returned_qty;
        if (l[i].kind != LINE_GOODS || may <= 0)
            continue;
        if (r->n == RETURN_FORM_LINES) {
            (*more)++;
            continue;
        }
        snprintf(r->sku[r->n], sizeof r->sku[0], "%s", l[i].sku);
        snprintf(r->qty_label[r->n], sizeof r->qty_label[0], "%.40s (up to %lld)", l[i].sku, (long long)may);
        snprintf(r->reason_label[r->n], sizeof r->reason_label[0], "  reason");
        r->n++;
    }
    rows_free(&lines);
    return rc;
}

static int return_ext_new(void *target)
{
    struct order_view *v = target;
    struct console *c = order_view_console(v);
    const struct order *o = order_view_order(v);
    struct return_form *r = xcalloc(1, sizeof *r);
    struct err err = {0};
    int more = 0;
    r->view = v;
    snprintf(r->order_number, sizeof r->order_number, "%s", o->number);
    if (app_require(c->app, ACT_RETURN_OPEN, &err) != ERR_OK ||
        return_form_lines(c->app, o, r, &more, &err) != ERR_OK) {
        console_error(c, &err);
        free(r);
        return UI_DRAW;
    }
    if (r->n == 0) {
        console_status(c, true, "Nothing of %s can come back: nothing shipped is left to return.", o->number);
        free(r);
        return UI_DRAW;
    }
    char title[64];
    snprintf(title, sizeof title, "Return %s", o->number);
    struct edit_screen *e = edit_screen_new(c, title, return_form_unused, r);
    e->form.on_save = return_form_save;
    snprintf(e->intro, sizeof e->intro,
             "Return from %s (%s): how many of each come back and why; Ctrl-S shows the refund before "
             "anything is done, Esc leaves.%s",
             o->number, o->party_name,
             more ? " More lines than fit here: open a second return for the rest." : "");
    for (int i = 0; i < r->n; i++) {
        form_add(&e->form, qty_fields[i], r->qty_label[i], FIELD_NUMBER, 7);
        struct form_field *f = form_add(&e->form, reason_fields[i], r->reason_label[i], FIELD_CHOICE, 0);
        f->choices = return_reason_names;
        form_set_choice(&e->form, reason_fields[i], "changed_mind");
    }
    form_add(&e->form, "resolution", "Resolution", FIELD_CHOICE, 0)->choices = return_resolution_names;
    form_add(&e->form, "note", "Note", FIELD_TEXT, 400);
    e->form.dirty = false;
    console_push(c, &e->base);
    return UI_DRAW;
}

static const struct keydef return_keys[] = {
    {UA_NEW, return_ext_new, KEYDEF_BAR, "Return…"},
};

const struct order_section return_order_section = {"Returns", return_keys,
                                                   (int)(sizeof return_keys / sizeof return_keys[0])};
