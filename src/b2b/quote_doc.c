/* The quote document: an A4 PDF drawn with cairo, its text laid out by pango
 * (which falls back to a CJK font for Japanese names) — seller and customer,
 * the lines with prices excluding tax, tax per class, totals, validity,
 * payment terms and the revision number. */
#include <stdio.h>
#include <string.h>

#include "db/settings_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2b/pricing.h"
#include "src/b2b/quotes.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/money.h"
#include "src/doc.h"

#define PAGE_W DOC_PAGE_W
#define MARGIN DOC_MARGIN
#define LINE_H DOC_LINE_H

/* The page and pen, and the quote they draw. */
struct quote_doc {
    struct doc page;
    struct app *app;
    const struct quote_view *v;
};

static void font(struct quote_doc *d, double size, bool bold)
{
    doc_font(&d->page, size, bold);
}

static void text_at(struct quote_doc *d, double x, const char *text)
{
    doc_text_at(&d->page, x, text);
}

static void text_right(struct quote_doc *d, double x, const char *text)
{
    doc_text_right(&d->page, x, text);
}

static void text_clipped(struct quote_doc *d, double x, double width, const char *text)
{
    doc_text_clipped(&d->page, x, width, text);
}

static void next_line(struct quote_doc *d, double h)
{
    doc_next_line(&d->page, h);
}

static void amount(const struct quote_doc *d, int64_t minor, char *out, size_t len)
{
    money_format(minor, d->app->currency, out, len);
}

static void draw_parties(struct quote_doc *d)
{
    const struct quote_view *v = d->v;
    char seller[201] = "", address[401] = "", vat[64] = "";
    settings_store_get(d->app->db, "company_name", seller, sizeof seller, NULL);
    settings_store_get(d->app->db, "company_address", address, sizeof address, NULL);
    settings_store_get(d->app->db, "company_vat", vat, sizeof vat, NULL);
    double top = d->page.y;
    font(d, 10, true);
    text_at(d, MARGIN, "From");
    text_at(d, PAGE_W / 2, "For");
    font(d, 10, false);
    next_line(d, LINE_H);
    text_clipped(d, MARGIN, PAGE_W / 2 - MARGIN - 10, seller[0] ? seller : "Comptoir");
    text_clipped(d, PAGE_W / 2, PAGE_W / 2 - MARGIN, v->account.name);
    next_line(d, LINE_H);
    text_clipped(d, MARGIN, PAGE_W / 2 - MARGIN - 10, address);
    text_clipped(d, PAGE_W / 2, PAGE_W / 2 - MARGIN, v->account.billing_address);
    next_line(d, LINE_H);
    text_clipped(d, MARGIN, PAGE_W / 2 - MARGIN - 10, vat[0] ? vat : "");
    char line[300];
    snprintf(line, sizeof line, "%s%s%s", v->account.city,
             v->account.city[0] && v->account.country[0] ? ", " : "", v->account.country);
    text_clipped(d, PAGE_W / 2, PAGE_W / 2 - MARGIN, line);
    next_line(d, LINE_H);
    snprintf(line, sizeof line, "Account %s%s%s", v->account.code, v->account.vat_number[0] ? " · VAT " : "",
             v->account.vat_number);
    text_clipped(d, PAGE_W / 2, PAGE_W / 2 - MARGIN, line);
    if (v->quote.contact_name[0]) {
        next_line(d, LINE_H);
        snprintf(line, sizeof line, "Attn. %s", v->quote.contact_name);
        text_clipped(d, PAGE_W / 2, PAGE_W / 2 - MARGIN, line);
    }
    d->page.y = top + 6 * LINE_H;
}

static void draw_title(struct quote_doc *d)
{
    const struct quote *q = &d->v->quote;
    char line[200], today[11];
    datetime_today(today);
    font(d, 18, true);
    snprintf(line, sizeof line, "Quote %s", q->number);
    text_at(d, MARGIN, line);
    font(d, 10, false);
    snprintf(line, sizeof line, "Revision %d · %s", q->revision, today);
    text_right(d, PAGE_W - MARGIN, line);
    next_line(d, LINE_H * 1.6);
    if (q->status != QUOTE_SENT && q->status != QUOTE_APPROVED && q->status != QUOTE_ACCEPTED &&
        q->status != QUOTE_ORDERED) {
        snprintf(line, sizeof line, "Status: %s — not a binding offer", quote_status_name(q->status));
        text_at(d, MARGIN, line);
        next_line(d, LINE_H);
    }
    next_line(d, LINE_H * 0.5);
}

/* Columns: # | SKU | description | qty | unit price | discount | net */
static const double col_no = MARGIN, col_sku = MARGIN + 22, col_desc = MARGIN + 100, col_qty = 355,
                    col_unit = 425, col_disc = 470, col_net = PAGE_W - MARGIN;

static void draw_table_head(struct quote_doc *d)
{
    font(d, 9, true);
    text_at(d, col_no, "#");
    text_at(d, col_sku, "SKU");
    text_at(d, col_desc, "Description");
    text_right(d, col_qty, "Qty");
    text_right(d, col_unit, "Unit price");
    text_right(d, col_disc, "Disc.");
    text_right(d, col_net, "Net excl. tax");
    doc_rule(&d->page, MARGIN, PAGE_W - MARGIN);
    next_line(d, LINE_H + 2);
    font(d, 9, false);
}

static void new_page_if_needed(struct quote_doc *d, double need)
{
    if (!doc_page_break(&d->page, need))
        return;
    char line[64];
    font(d, 9, false);
    snprintf(line, sizeof line, "Quote %s · page %d", d->v->quote.number, d->page.page);
    text_right(d, PAGE_W - MARGIN, line);
    next_line(d, LINE_H * 1.5);
    draw_table_head(d);
}

static void draw_line(struct quote_doc *d, const struct price_line *pl)
{
    const struct quote_line *l = &pl->line;
    char text[64];
    new_page_if_needed(d, LINE_H * 2);
    snprintf(text, sizeof text, "%d", l->line_no);
    text_at(d, col_no, text);
    text_clipped(d, col_sku, col_desc - col_sku - 6, l->sku);
    text_clipped(d, col_desc, col_qty - col_desc - 40, l->description);
    snprintf(text, sizeof text, "%lld", (long long)l->quantity);
    text_right(d, col_qty, text);
    amount(d, l->unit_price, text, sizeof text);
    text_right(d, col_unit, text);
    if (l->discount_bp > 0) {
        rate_format(l->discount_bp, text, sizeof text);
        text_right(d, col_disc, text);
    }
    amount(d, pl->gross, text, sizeof text);
    text_right(d, col_net, text);
    next_line(d, LINE_H);
    if (l->note[0]) {
        font(d, 8, false);
        text_clipped(d, col_desc, col_net - col_desc, l->note);
        font(d, 9, false);
        next_line(d, LINE_H);
    }
}

static void total_row(struct quote_doc *d, const char *label, int64_t value, bool bold)
{
    char text[64];
    new_page_if_needed(d, LINE_H);
    font(d, 10, bold);
    text_right(d, col_unit + 45, label);
    amount(d, value, text, sizeof text);
    text_right(d, col_net, text);
    next_line(d, LINE_H);
}

static void draw_totals(struct quote_doc *d)
{
    const struct priced_quote *pq = &d->v->priced;
    char label[96], rate[32];
    next_line(d, LINE_H * 0.5);
    if (pq->order_discount) {
        total_row(d, "Lines", pq->gross, false);
        total_row(d, "Order discount", -pq->order_discount, false);
    }
    total_row(d, "Total excl. tax", pq->subtotal, true);
    for (int i = 0; i < pq->ntaxes; i++) {
        bp_format(pq->taxes[i].rate_bp, rate, sizeof rate);
        snprintf(label, sizeof label, "Tax %s (%s)", pq->taxes[i].tax_class, rate);
        total_row(d, label, pq->taxes[i].tax, false);
    }
    total_row(d, "Total incl. tax", pq->total, true);
}

static void draw_terms(struct quote_doc *d)
{
    const struct quote *q = &d->v->quote;
    char line[200];
    new_page_if_needed(d, LINE_H * 6);
    next_line(d, LINE_H);
    font(d, 10, false);
    snprintf(line, sizeof line, "Valid until %s", q->valid_until);
    text_at(d, MARGIN, line);
    next_line(d, LINE_H);
    snprintf(line, sizeof line, "Payment terms: %d days net", q->payment_terms_days);
    text_at(d, MARGIN, line);
    next_line(d, LINE_H);
    if (q->requested_date[0]) {
        snprintf(line, sizeof line, "Requested delivery: %s", q->requested_date);
        text_at(d, MARGIN, line);
        next_line(d, LINE_H);
    }
    text_at(d, MARGIN, "Prices are in the currency shown and exclude tax unless stated.");
    next_line(d, LINE_H);
    if (q->notes[0])
        text_clipped(d, MARGIN, PAGE_W - 2 * MARGIN, q->notes);
}

static int draw(struct app *app, const struct quote_view *v, const char *path, struct err *e)
{
    struct quote_doc d = {.app = app, .v = v};
    int rc = doc_open(&d.page, path, e);
    if (rc != ERR_OK)
        return rc;
    draw_title(&d);
    draw_parties(&d);
    draw_table_head(&d);
    for (int i = 0; i < v->nlines; i++)
        draw_line(&d, &v->lines[i]);
    draw_totals(&d);
    draw_terms(&d);
    return doc_close(&d.page, path, e);
}

int quote_print_pdf(struct app *app, const char *number, const char *path, struct err *e)
{
    struct quote_view *v = NULL;
    int rc = quote_view_load(app, number, &v, e);
    if (rc != ERR_OK)
        return rc;
    rc = draw(app, v, path, e);
    if (rc == ERR_OK) {
        char after[160];
        snprintf(after, sizeof after, "{\"revision\":%d,\"file\":\"pdf\"}", v->quote.revision);
        rc = audit_record(app, "print", "quote", v->quote.number, NULL, after, e);
    }
    quote_view_free(&v);
    return rc;
}
