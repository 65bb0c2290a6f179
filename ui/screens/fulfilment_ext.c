/* The order screen's fulfilment section (order_sections.h): h ships (a form
 * with each line ready and how many of it, the carrier, tracking, parcels
 * and, when the account requires one, the PO number), l records a delivery
 * (which shipment, on which day), N adds a note, T reads the delivery,
 * shipments and the whole timeline in a pop-up. Cancelling is the status
 * key (m) of the screen. The core refuses; the forms keep what was typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/fulfilment.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/strbuf.h"
#include "src/orders.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/order_sections.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"

/* Lines a ship form lists one by one; an order with more ready ships them all. */
#define SHIP_FORM_LINES 16

/* ------------------------------------------------------------ shipping */

struct ship_form {
    char number[33];
    int nlines;
    bool all; /* more lines ready than the form lists: every one ships whole */
    bool need_po;
    struct {
        char sku[65];
        int64_t ready;
        char name[16];   /* the field's name: "q0" … */
        char label[100]; /* "CAF-001 (4 ready)" */
    } lines[SHIP_FORM_LINES];
};

static int ship_save(struct edit_screen *ed, struct err *e)
{
    struct ship_form *sf = ed->record;
    struct form *f = &ed->form;
    struct ship_item items[SHIP_FORM_LINES];
    struct ship_request req = {.items = items};
    for (int i = 0; !sf->all && i < sf->nlines; i++) {
        int64_t q = 0;
        int rc = form_get_int(f, sf->lines[i].name, &q, e);
        if (rc != ERR_OK)
            return rc;
        if (q < 0)
            return err_set(e, ERR_INVALID, sf->lines[i].name, "a quantity is 0 or more");
        if (q == 0)
            continue;
        snprintf(items[req.nitems].sku, sizeof items[0].sku, "%s", sf->lines[i].sku);
        items[req.nitems++].quantity = q;
    }
    if (!sf->all && req.nitems == 0)
        return err_set(e, ERR_INVALID, sf->nlines ? sf->lines[0].name : "carrier",
                       "nothing to ship: every quantity is 0");
    FORM_COPY(f, "carrier", req.carrier);
    FORM_COPY(f, "tracking", req.tracking);
    int64_t parcels = 1;
    int rc = form_get_int(f, "parcels", &parcels, e);
    if (rc != ERR_OK)
        return rc;
    if (parcels < 1 || parcels > 999)
        return err_set(e, ERR_INVALID, "parcels", "a shipment has 1 to 999 parcels");
    req.parcels = (int)parcels;
    if (sf->need_po)
        FORM_COPY(f, "po_number", req.po_number);
    struct ship_result res;
    if ((rc = order_ship(ed->base.con->app, sf->number, &req, &res, e)) != ERR_OK)
        return rc;
    snprintf(ed->saved, sizeof ed->saved, "%.32s: shipment %d, %lld unit%s, %s%s", sf->number, res.seq,
             (long long)res.units, res.units == 1 ? "" : "s", order_status_name(res.status),
             res.left > 0 ? " (more to ship)" : ".");
    return ERR_OK;
}

/* The lines with units ready to ship, into the form's record. */
static int ship_lines_ready(struct app *app, const struct order *o, struct ship_form *sf, int64_t *ready,
                            struct err *e)
{
    struct rows lines = {0};
    int rc = order_lines(app, o, NULL, &lines, e);
    const struct order_line *l = lines.items;
    int n = 0;
    *ready = 0;
    for (int i = 0; rc == ERR_OK && i < lines.n; i++) {
        if (l[i].kind != LINE_GOODS || l[i].allocated_qty == 0)
            continue;
        *ready += l[i].allocated_qty;
        if (n < SHIP_FORM_LINES) {
            snprintf(sf->lines[n].sku, sizeof sf->lines[n].sku, "%s", l[i].sku);
            sf->lines[n].ready = l[i].allocated_qty;
            snprintf(sf->lines[n].name, sizeof sf->lines[n].name, "q%d", n);
            snprintf(sf->lines[n].label, sizeof sf->lines[n].label, "%s (%lld ready)", l[i].sku,
                     (long long)l[i].allocated_qty);
        }
        n++;
    }
    sf->nlines = n < SHIP_FORM_LINES ? n : SHIP_FORM_LINES;
    sf->all = n > SHIP_FORM_LINES;
    rows_free(&lines);
    return rc;
}

static int fulfil_ship(void *target)
{
    struct order_view *v = target;
    return order_ship_form_open(order_view_console(v), order_view_order(v));
}

int order_ship_form_open(struct console *c, const struct order *o)
{
    struct ship_form *sf = xcalloc(1, sizeof *sf);
    struct err e = {0};
    int64_t ready = 0;
    snprintf(sf->number, sizeof sf->number, "%s", o->number);
    if (ship_lines_ready(c->app, o, sf, &ready, &e) != ERR_OK || ready == 0) {
        if (e.code != ERR_OK)
            console_error(c, &e);
        else
            console_status(c, true, "Nothing of %s is ready to ship (%s).", o->number,
                           order_status_name(o->status));
        free(sf);
        return UI_DRAW;
    }
    struct account_packing packing = {0};
    sf->need_po = o->account_id > 0 && o->po_number[0] == '\0' &&
                  account_packing_get(c->app, o->account_id, &packing, NULL) == ERR_OK && packing.requires_po;
    struct edit_screen *ed = edit_screen_new(c, "Ship", ship_save, sf);
    snprintf(ed->intro, sizeof ed->intro, "%s: %lld unit%s ready. %sCtrl-S ships, Esc leaves.", o->number,
             (long long)ready, ready == 1 ? "" : "s",
             sf->all ? "Every line ready ships whole (the command line ships a choice). " : "");
    struct form *f = &ed->form;
    for (int i = 0; !sf->all && i < sf->nlines; i++) {
        form_add(f, sf->lines[i].name, sf->lines[i].label, FIELD_NUMBER, 9);
        form_set_int(f, sf->lines[i].name, sf->lines[i].ready);
    }
    form_add(f, "carrier", "Carrier", FIELD_TEXT, 64);
    form_add(f, "tracking", "Tracking", FIELD_TEXT, 64);
    form_add(f, "parcels", "Parcels", FIELD_NUMBER, 3);
    form_set_int(f, "parcels", 1);
    if (sf->need_po)
        form_add(f, "po_number", "PO number", FIELD_TEXT, 64);
    f->dirty = false;
    console_push(c, &ed->base);
    return UI_DRAW;
}

/* ------------------------------------------------------------ delivery */

struct deliver_form {
    char number[33];
    char seqs[32][8]; /* the shipments on their way, as the choice shows them */
    const char *choices[33];
};

static int deliver_save(struct edit_screen *ed, struct err *e)
{
    struct deliver_form *df = ed->record;
    char seq[8], day[16];
    FORM_COPY(&ed->form, "shipment", seq);
    FORM_COPY(&ed->form, "at", day);
    struct deliver_result res;
    int rc = order_deliver(ed->base.con->app, df->number, atoi(seq), day, &res, e);
    if (rc == ERR_OK && res.order_delivered && !res.promised)
        snprintf(ed->saved, sizeof ed->saved, "%s: shipment %d delivered; the order is delivered.",
                 df->number, res.seq);
    else if (rc == ERR_OK && res.order_delivered && res.on_time)
        snprintf(ed->saved, sizeof ed->saved, "%s: shipment %d delivered; the order is delivered, on time.",
                 df->number, res.seq);
    else if (rc == ERR_OK && res.order_delivered)
        snprintf(ed->saved, sizeof ed->saved,
                 "%s: shipment %d delivered; the order is delivered, %d day%s late.", df->number, res.seq,
                 res.late_days, res.late_days == 1 ? "" : "s");
    else if (rc == ERR_OK)
        snprintf(ed->saved, sizeof ed->saved, "%s: shipment %d delivered.", df->number, res.seq);
    return rc;
}

static int fulfil_deliver(void *target)
{
    struct order_view *v = target;
    struct console *c = order_view_console(v);
    const struct order *o = order_view_order(v);
    struct rows shipments = {0};
    struct err e = {0};
    if (order_shipments(c->app, o, &shipments, &e) != ERR_OK) {
        console_error(c, &e);
        return UI_DRAW;
    }
    struct deliver_form *df = xcalloc(1, sizeof *df);
    snprintf(df->number, sizeof df->number, "%s", o->number);
    const struct shipment *s = shipments.items;
    int n = 0;
    for (int i = 0; i < shipments.n && n < 32; i++)
        if (s[i].delivered_at[0] == '\0') {
            snprintf(df->seqs[n], sizeof df->seqs[n], "%d", s[i].seq);
            df->choices[n] = df->seqs[n];
            n++;
        }
    rows_free(&shipments);
    if (n == 0) {
        console_status(c, true, "%s has no shipment on its way.", o->number);
        free(df);
        return UI_DRAW;
    }
    char today[11];
    datetime_today(today);
    struct edit_screen *ed = edit_screen_new(c, "Delivered", deliver_save, df);
    snprintf(ed->intro, sizeof ed->intro,
             "%s: %d shipment%s on %s way. The day it arrived (today, or a day since it left). "
             "Ctrl-S records it, Esc leaves.",
             o->number, n, n == 1 ? "" : "s", n == 1 ? "its" : "their");
    struct form_field *fl = form_add(&ed->form, "shipment", "Shipment", FIELD_CHOICE, 8);
    fl->choices = df->choices;
    form_add(&ed->form, "at", "Arrived on", FIELD_DATE, 10);
    form_set(&ed->form, "at", today);
    ed->form.dirty = false;
    console_push(c, &ed->base);
    return UI_DRAW;
}

/* ---------------------------------------------------------------- notes */

static int note_save(struct edit_screen *ed, struct err *e)
{
    const char *number = ed->record;
    char text[401];
    FORM_COPY(&ed->form, "note", text);
    int rc = order_add_note(ed->base.con->app, number, text, e);
    if (rc == ERR_OK)
        snprintf(ed->saved, sizeof ed->saved, "%s: note added.", number);
    return rc;
}

static int fulfil_note(void *target)
{
    struct order_view *v = target;
    struct console *c = order_view_console(v);
    char *number = xstrdup(order_view_order(v)->number);
    struct edit_screen *ed = edit_screen_new(c, "Note", note_save, number);
    snprintf(ed->intro, sizeof ed->intro,
             "A note on %s's timeline (and in the audit log), for whoever reads it next. "
             "Ctrl-S adds it, Esc leaves.",
             number);
    form_add(&ed->form, "note", "Note", FIELD_TEXT, 400);
    console_push(c, &ed->base);
    return UI_DRAW;
}

/* ------------------------------------------------------------ the whole */

/* What the order says of its delivery and shipments, then its timeline
 * newest first, each row whole. */
static int fulfil_whole(void *target)
{
    struct order_view *v = target;
    struct console *c = order_view_console(v);
    const struct order *o = order_view_order(v);
    struct rows rows = {0};
    struct strbuf text = {0};
    struct err e = {0};
    if (order_summary_rows(c->app, o, &rows, &e) == ERR_OK) {
        const struct order_summary_row *r = rows.items;
        for (int i = 0; i < rows.n; i++) {
            char amount[64] = "";
            if (r[i].has_amount)
                fmt_money(c, r[i].amount, amount, sizeof amount);
            if (i == 0 || strcmp(r[i].section, r[i - 1].section) != 0)
                strbuf_addf(&text, "%s%s\n", i ? "\n" : "", r[i].section);
            strbuf_addf(&text, "  %s%s%s\n", r[i].text, amount[0] ? "  " : "", amount);
        }
    }
    if (e.code == ERR_OK && order_timeline_newest(c->app, o, NULL, &rows, &e) == ERR_OK) {
        const struct order_timeline_entry *t = rows.items;
        strbuf_addf(&text, "%sTimeline, newest first\n", strbuf_text(&text)[0] ? "\n" : "");
        for (int i = 0; i < rows.n; i++) {
            char when[40], amount[64] = "";
            fmt_time(t[i].at, when, sizeof when);
            if (t[i].has_amount)
                fmt_money(c, t[i].amount, amount, sizeof amount);
            strbuf_addf(&text, "  %s  %s: %s%s%s%s%s%s%s\n", when, t[i].kind, amount, amount[0] ? " " : "",
                        t[i].detail, t[i].note[0] ? " — " : "", t[i].note, t[i].user_login[0] ? " · " : "",
                        t[i].user_login);
        }
    }
    rows_free(&rows);
    if (e.code != ERR_OK)
        console_error(c, &e);
    else
        dialog_message(c, o->number, strbuf_text(&text));
    strbuf_free(&text);
    return UI_DRAW;
}

static const struct keydef fulfil_keys[] = {
    {UA_SHIP, fulfil_ship, KEYDEF_BAR, "Ship…"},
    {UA_DELIVER, fulfil_deliver, KEYDEF_BAR, "Delivered…"},
    {UA_NOTES, fulfil_note, KEYDEF_BAR, "Add note…"},
    {UA_TIMELINE, fulfil_whole, KEYDEF_BAR, "Read whole"},
};

const struct order_section fulfilment_order_section = {"Shipments", fulfil_keys,
                                                       (int)(sizeof fulfil_keys / sizeof fulfil_keys[0])};
