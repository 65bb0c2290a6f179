/* The packing slip and the address labels (see fulfilment.h), drawn with
 * the documents' library (src/doc.h) from the order and its shipments:
 * quantities, never prices; the account's PO number and packing
 * instructions, or the gift message of a gift order; one label a parcel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/fulfilment_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/fulfilment.h"
#include "src/b2c/fulfilment_private.h"
#include "src/base/datetime.h"
#include "src/base/mem.h"
#include "src/doc.h"
#include "src/orders.h"
#include "src/settings.h"
#include "src/users.h"

#define SLIP_WIDTH (DOC_PAGE_W - 2 * DOC_MARGIN)

/* What a document of one shipment (or of what is ready to ship) shows. */
struct slip {
    struct app *app;
    struct order o;
    struct account_packing packing;
    bool has_shipment; /* else: what is ready to ship now */
    struct shipment sh;
    int nshipments;
    struct rows lines; /* struct shipment_line rows */
    struct doc page;
};

/* Text wrapped at spaces within width, one line each, from x. */
static void text_wrapped(struct doc *d, double x, double width, const char *text)
{
    char line[512] = "";
    const char *p = text;
    while (*p) {
        size_t word = strcspn(p, " \n");
        char next[512];
        snprintf(next, sizeof next, "%s%s%.*s", line, line[0] ? " " : "", (int)word, p);
        if (line[0] && doc_text_width(d, next) > width) {
            doc_text_clipped(d, x, width, line);
            doc_next_line(d, DOC_LINE_H);
            snprintf(line, sizeof line, "%.*s", (int)word, p);
        } else
            snprintf(line, sizeof line, "%s", next);
        p += word;
        if (*p == '\n' && line[0]) {
            doc_text_clipped(d, x, width, line);
            doc_next_line(d, DOC_LINE_H);
            line[0] = '\0';
        }
        while (*p == ' ' || *p == '\n')
            p++;
    }
    if (line[0]) {
        doc_text_clipped(d, x, width, line);
        doc_next_line(d, DOC_LINE_H);
    }
}

static bool slip_is_gift(const struct order *o)
{
    return o->channel == CHANNEL_B2C && (o->gift_wrap || o->gift_message[0]);
}

/* ------------------------------------------------------------ loading */

/* The shipment seq (0: the last), or what is ready to ship when there is none yet. */
static int slip_pick(struct slip *s, int seq, bool need_shipment, struct err *e)
{
    struct rows shipments = {0};
    int rc = order_shipments(s->app, &s->o, &shipments, e);
    const struct shipment *sh = shipments.items;
    s->nshipments = shipments.n;
    for (int i = 0; rc == ERR_OK && i < shipments.n; i++)
        if (seq == 0 || sh[i].seq == seq) {
            s->sh = sh[i];
            s->has_shipment = true;
        }
    rows_free(&shipments);
    if (rc != ERR_OK)
        return rc;
    if (seq > 0 && !s->has_shipment)
        return err_set(e, ERR_NOTFOUND, "shipment", "%s has no shipment %d", s->o.number, seq);
    if (!s->has_shipment && need_shipment)
        return err_set(e, ERR_STATE, "shipment",
                       "%s has not shipped yet: labels come with a shipment (order ship … --parcels N)",
                       s->o.number);
    return ERR_OK;
}

/* The lines of the shipment, or each line's allocated units when none. */
static int slip_lines(struct slip *s, struct err *e)
{
    if (s->has_shipment)
        return order_shipment_lines(s->app, &s->o, s->sh.seq, &s->lines, e);
    struct rows lines = {0};
    rows_reset(&s->lines, sizeof(struct shipment_line));
    int rc = order_lines(s->app, &s->o, NULL, &lines, e);
    const struct order_line *l = lines.items;
    for (int i = 0; rc == ERR_OK && i < lines.n; i++) {
        if (l[i].kind != LINE_GOODS || l[i].allocated_qty == 0)
            continue;
        struct shipment_line *sl = rows_add(&s->lines);
        sl->order_line_id = l[i].id;
        sl->quantity = l[i].allocated_qty;
        sl->line_no = l[i].line_no;
        snprintf(sl->sku, sizeof sl->sku, "%s", l[i].sku);
        snprintf(sl->description, sizeof sl->description, "%s", l[i].description);
        sl->ordered = l[i].quantity;
        sl->shipped = l[i].shipped_qty;
        sl->cancelled = l[i].cancelled_qty;
    }
    rows_free(&lines);
    if (rc == ERR_OK && s->lines.n == 0)
        rc =
            err_set(e, ERR_STATE, "shipment", "%s has not shipped and nothing is ready to ship", s->o.number);
    return rc;
}

static int slip_load(struct slip *s, const char *number, int seq, bool labels, struct err *e)
{
    int rc = order_get(s->app, number, &s->o, e);
    if (rc == ERR_OK && s->o.account_id > 0)
        rc = fulfilment_store_packing(s->app->db, s->o.account_id, &s->packing, e);
    if (rc == ERR_OK)
        rc = slip_pick(s, seq, labels, e);
    return rc == ERR_OK && !labels ? slip_lines(s, e) : rc;
}

/* ------------------------------------------------------------ the slip */

static void slip_title(struct slip *s)
{
    char line[200], when[32];
    doc_font(&s->page, 18, true);
    snprintf(line, sizeof line, "Packing slip %s", s->o.number);
    doc_text_at(&s->page, DOC_MARGIN, line);
    doc_font(&s->page, 10, false);
    if (s->has_shipment) {
        datetime_local(s->sh.shipped_at, DATETIME_MINUTE, when, sizeof when);
        snprintf(line, sizeof line, "Shipment %d · %s", s->sh.seq, when);
    } else
        snprintf(line, sizeof line, "To ship (shipment %d)", s->nshipments + 1);
    doc_text_right(&s->page, DOC_PAGE_W - DOC_MARGIN, line);
    doc_next_line(&s->page, DOC_LINE_H * 2);
}

static void slip_parties(struct slip *s)
{
    char seller[201] = "", address[401] = "";
    settings_get(s->app, "company_name", "Comptoir", seller, sizeof seller);
    settings_get(s->app, "company_address", "", address, sizeof address);
    double half = DOC_PAGE_W / 2, width = half - DOC_MARGIN - 10;
    doc_font(&s->page, 10, true);
    doc_text_at(&s->page, DOC_MARGIN, "From");
    doc_text_at(&s->page, half, "Deliver to");
    doc_font(&s->page, 10, false);
    doc_next_line(&s->page, DOC_LINE_H);
    doc_text_clipped(&s->page, DOC_MARGIN, width, seller);
    doc_text_clipped(&s->page, half, width, s->o.ship_name[0] ? s->o.ship_name : s->o.party_name);
    doc_next_line(&s->page, DOC_LINE_H);
    doc_text_clipped(&s->page, DOC_MARGIN, width, address);
    double y = s->page.y;
    text_wrapped(&s->page, half, width, s->o.ship_address);
    if (s->page.y == y)
        doc_next_line(&s->page, DOC_LINE_H);
    doc_next_line(&s->page, DOC_LINE_H);
}

/* B2B: the account, its PO number and packing instructions. */
static void slip_account(struct slip *s)
{
    char line[300];
    if (s->o.account_id == 0)
        return;
    doc_font(&s->page, 10, true);
    snprintf(line, sizeof line, "Account %s — %s", s->o.party_code, s->o.party_name);
    doc_text_clipped(&s->page, DOC_MARGIN, SLIP_WIDTH, line);
    doc_next_line(&s->page, DOC_LINE_H);
    if (s->o.po_number[0])
        snprintf(line, sizeof line, "Your purchase order: %s", s->o.po_number);
    else
        snprintf(line, sizeof line, "Your purchase order: %s",
                 s->packing.requires_po ? "(required, not given yet)" : "—");
    doc_text_clipped(&s->page, DOC_MARGIN, SLIP_WIDTH, line);
    doc_next_line(&s->page, DOC_LINE_H);
    doc_font(&s->page, 10, false);
    if (s->packing.instructions[0]) {
        doc_font(&s->page, 10, true);
        doc_text_at(&s->page, DOC_MARGIN, "Packing instructions");
        doc_font(&s->page, 10, false);
        doc_next_line(&s->page, DOC_LINE_H);
        text_wrapped(&s->page, DOC_MARGIN, SLIP_WIDTH, s->packing.instructions);
    }
    doc_next_line(&s->page, DOC_LINE_H * 0.5);
}

/* A gift: the message, and no price anywhere. */
static void slip_gift(struct slip *s)
{
    if (!slip_is_gift(&s->o))
        return;
    doc_font(&s->page, 12, true);
    doc_text_at(&s->page, DOC_MARGIN, s->o.gift_wrap ? "A gift, wrapped for you" : "A gift for you");
    doc_next_line(&s->page, DOC_LINE_H * 1.5);
    doc_font(&s->page, 11, false);
    if (s->o.gift_message[0])
        text_wrapped(&s->page, DOC_MARGIN, SLIP_WIDTH, s->o.gift_message);
    doc_next_line(&s->page, DOC_LINE_H);
}

static void slip_carrier(struct slip *s)
{
    char line[300];
    if (!s->has_shipment)
        return;
    doc_font(&s->page, 10, false);
    snprintf(line, sizeof line, "Carrier: %s%s%s · %d parcel%s", s->sh.carrier,
             s->sh.tracking[0] ? " · tracking " : "", s->sh.tracking, s->sh.parcels,
             s->sh.parcels == 1 ? "" : "s");
    doc_text_clipped(&s->page, DOC_MARGIN, SLIP_WIDTH, line);
    doc_next_line(&s->page, DOC_LINE_H * 1.5);
}

/* Columns: # | SKU | description | ordered | in this parcel | to follow */
static const double col_no = DOC_MARGIN, col_sku = DOC_MARGIN + 22, col_desc = DOC_MARGIN + 110,
                    col_ordered = 400, col_here = 470, col_follow = DOC_PAGE_W - DOC_MARGIN;

static void slip_table_head(struct slip *s)
{
    doc_font(&s->page, 9, true);
    doc_text_at(&s->page, col_no, "#");
    doc_text_at(&s->page, col_sku, "SKU");
    doc_text_at(&s->page, col_desc, "Description");
    doc_text_right(&s->page, col_ordered, "Ordered");
    doc_text_right(&s->page, col_here, s->has_shipment ? "Shipped" : "To pack");
    doc_text_right(&s->page, col_follow, "To follow");
    doc_rule(&s->page, DOC_MARGIN, DOC_PAGE_W - DOC_MARGIN);
    doc_next_line(&s->page, DOC_LINE_H + 2);
    doc_font(&s->page, 9, false);
}

static void slip_line(struct slip *s, const struct shipment_line *l)
{
    char text[64];
    if (doc_page_break(&s->page, DOC_LINE_H * 2))
        slip_table_head(s);
    snprintf(text, sizeof text, "%d", l->line_no);
    doc_text_at(&s->page, col_no, text);
    doc_text_clipped(&s->page, col_sku, col_desc - col_sku - 6, l->sku);
    doc_text_clipped(&s->page, col_desc, col_ordered - col_desc - 50, l->description);
    snprintf(text, sizeof text, "%lld", (long long)l->ordered);
    doc_text_right(&s->page, col_ordered, text);
    snprintf(text, sizeof text, "%lld", (long long)l->quantity);
    doc_text_right(&s->page, col_here, text);
    /* what this line still owes after this parcel (pending: after packing it) */
    int64_t follow = l->ordered - l->shipped - l->cancelled - (s->has_shipment ? 0 : l->quantity);
    snprintf(text, sizeof text, "%lld", (long long)(follow > 0 ? follow : 0));
    doc_text_right(&s->page, col_follow, text);
    doc_next_line(&s->page, DOC_LINE_H);
}

static int slip_draw(struct slip *s, const char *path, struct err *e)
{
    int rc = doc_open(&s->page, path, e);
    if (rc != ERR_OK)
        return rc;
    slip_title(s);
    slip_parties(s);
    slip_account(s);
    slip_gift(s);
    slip_carrier(s);
    slip_table_head(s);
    const struct shipment_line *l = s->lines.items;
    int64_t units = 0;
    for (int i = 0; i < s->lines.n; i++) {
        slip_line(s, &l[i]);
        units += l[i].quantity;
    }
    char line[120];
    doc_next_line(&s->page, DOC_LINE_H * 0.5);
    doc_font(&s->page, 10, true);
    snprintf(line, sizeof line, "%lld unit%s", (long long)units, units == 1 ? "" : "s");
    doc_text_right(&s->page, col_here, line);
    return doc_close(&s->page, path, e);
}

static int slip_audit(struct slip *s, const char *what, struct err *e)
{
    struct json j;
    json_begin(&j);
    json_str(&j, "file", what);
    json_int(&j, "shipment", s->has_shipment ? s->sh.seq : 0);
    int rc = audit_record(s->app, "print", "order", s->o.number, NULL, json_end(&j), e);
    json_free(&j);
    return rc;
}

int order_print_packing_slip(struct app *app, const char *number, int seq, const char *path, struct err *e)
{
    struct slip s = {.app = app};
    int rc = slip_load(&s, number, seq, false, e);
    if (rc == ERR_OK)
        rc = slip_draw(&s, path, e);
    if (rc == ERR_OK)
        rc = slip_audit(&s, "packing slip", e);
    rows_free(&s.lines);
    return rc;
}

/* ------------------------------------------------------------ labels */

static void label_draw(struct slip *s, int parcel)
{
    char line[300], seller[201] = "", address[401] = "";
    settings_get(s->app, "company_name", "Comptoir", seller, sizeof seller);
    settings_get(s->app, "company_address", "", address, sizeof address);
    struct doc *d = &s->page;
    doc_font(d, 10, true);
    doc_text_at(d, DOC_MARGIN, "From");
    doc_font(d, 10, false);
    doc_next_line(d, DOC_LINE_H);
    doc_text_clipped(d, DOC_MARGIN, SLIP_WIDTH, seller);
    doc_next_line(d, DOC_LINE_H);
    doc_text_clipped(d, DOC_MARGIN, SLIP_WIDTH, address);
    doc_next_line(d, DOC_LINE_H * 3);
    doc_font(d, 12, true);
    doc_text_at(d, DOC_MARGIN, "Deliver to");
    doc_next_line(d, DOC_LINE_H * 2);
    doc_font(d, 20, true);
    doc_text_clipped(d, DOC_MARGIN, SLIP_WIDTH, s->o.ship_name[0] ? s->o.ship_name : s->o.party_name);
    doc_next_line(d, DOC_LINE_H * 2);
    doc_font(d, 14, false);
    text_wrapped(d, DOC_MARGIN, SLIP_WIDTH, s->o.ship_address);
    doc_next_line(d, DOC_LINE_H * 2);
    doc_font(d, 12, false);
    snprintf(line, sizeof line, "Order %s%s%s", s->o.number, s->o.po_number[0] ? " · PO " : "",
             s->o.po_number);
    doc_text_clipped(d, DOC_MARGIN, SLIP_WIDTH, line);
    doc_next_line(d, DOC_LINE_H * 1.5);
    snprintf(line, sizeof line, "%s%s%s · shipment %d", s->sh.carrier, s->sh.tracking[0] ? " " : "",
             s->sh.tracking, s->sh.seq);
    doc_text_clipped(d, DOC_MARGIN, SLIP_WIDTH, line);
    doc_next_line(d, DOC_LINE_H * 4);
    doc_font(d, 48, true);
    snprintf(line, sizeof line, "%d/%d", parcel, s->sh.parcels);
    doc_text_at(d, DOC_MARGIN, line);
}

int order_print_labels(struct app *app, const char *number, int seq, const char *path, struct err *e)
{
    struct slip s = {.app = app};
    int rc = slip_load(&s, number, seq, true, e);
    if (rc == ERR_OK)
        rc = doc_open(&s.page, path, e);
    if (rc != ERR_OK)
        return rc;
    for (int p = 1; p <= s.sh.parcels; p++) {
        if (p > 1)
            doc_page_break(&s.page, DOC_PAGE_H); /* one label a page */
        label_draw(&s, p);
    }
    if ((rc = doc_close(&s.page, path, e)) == ERR_OK)
        rc = slip_audit(&s, "labels", e);
    return rc;
}
