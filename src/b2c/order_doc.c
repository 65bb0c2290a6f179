/* The order confirmation (see order_doc.h), drawn from the snapshot only:
 * nothing is priced again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/settings_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/order_doc.h"
#include "src/b2c/order_place.h"
#include "src/base/datetime.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/doc.h"
#include "src/orders.h"

struct order_doc {
    struct doc page;
    struct app *app;
    const struct order *o;
    struct rows lines, payments;
};

/* Columns: # | SKU | description | qty | unit price | discount | amount */
static const double col_no = DOC_MARGIN, col_sku = DOC_MARGIN + 22, col_desc = DOC_MARGIN + 100,
                    col_qty = 345, col_unit = 415, col_disc = 470, col_amount = DOC_PAGE_W - DOC_MARGIN;

static void amount(const struct order_doc *d, int64_t minor, char *out, size_t len)
{
    money_format(minor, d->app->currency, out, len);
}

static void draw_title(struct order_doc *d)
{
    char line[200], when[32];
    datetime_local(d->o->placed_at, DATETIME_MINUTE, when, sizeof when);
    doc_font(&d->page, 18, true);
    snprintf(line, sizeof line, "Order confirmation %s", d->o->number);
    doc_text_at(&d->page, DOC_MARGIN, line);
    doc_font(&d->page, 10, false);
    doc_text_right(&d->page, DOC_PAGE_W - DOC_MARGIN, when);
    doc_next_line(&d->page, DOC_LINE_H * 2);
}

static void draw_parties(struct order_doc *d)
{
    char seller[201] = "", address[401] = "", vat[64] = "";
    settings_store_get(d->app->db, "company_name", seller, sizeof seller, NULL);
    settings_store_get(d->app->db, "company_address", address, sizeof address, NULL);
    settings_store_get(d->app->db, "company_vat", vat, sizeof vat, NULL);
    const struct order *o = d->o;
    double half = DOC_PAGE_W / 2, width = DOC_PAGE_W / 2 - DOC_MARGIN - 10;
    doc_font(&d->page, 10, true);
    doc_text_at(&d->page, DOC_MARGIN, "From");
    doc_text_at(&d->page, half, "Deliver to");
    doc_font(&d->page, 10, false);
    doc_next_line(&d->page, DOC_LINE_H);
    doc_text_clipped(&d->page, DOC_MARGIN, width, seller[0] ? seller : "Comptoir");
    doc_text_clipped(&d->page, half, width, o->ship_name[0] ? o->ship_name : o->party_name);
    doc_next_line(&d->page, DOC_LINE_H);
    doc_text_clipped(&d->page, DOC_MARGIN, width, address);
    doc_text_clipped(&d->page, half, width, o->ship_address);
    doc_next_line(&d->page, DOC_LINE_H);
    doc_text_clipped(&d->page, DOC_MARGIN, width, vat);
    char line[300];
    snprintf(line, sizeof line, "%s%s%s", o->party_code[0] ? "Account " : "", o->party_code,
             o->po_number[0] ? " · PO " : "");
    if (o->po_number[0])
        snprintf(line + strlen(line), sizeof line - strlen(line), "%s", o->po_number);
    doc_text_clipped(&d->page, half, width, line);
    doc_next_line(&d->page, DOC_LINE_H * 2);
}

static void draw_table_head(struct order_doc *d)
{
    doc_font(&d->page, 9, true);
    doc_text_at(&d->page, col_no, "#");
    doc_text_at(&d->page, col_sku, "SKU");
    doc_text_at(&d->page, col_desc, "Description");
    doc_text_right(&d->page, col_qty, "Qty");
    doc_text_right(&d->page, col_unit, "Unit price");
    doc_text_right(&d->page, col_disc, "Disc.");
    doc_text_right(&d->page, col_amount, d->o->prices_include_tax ? "Amount incl. tax" : "Amount excl. tax");
    doc_rule(&d->page, DOC_MARGIN, DOC_PAGE_W - DOC_MARGIN);
    doc_next_line(&d->page, DOC_LINE_H + 2);
    doc_font(&d->page, 9, false);
}

static void page_break(struct order_doc *d, double need)
{
    if (!doc_page_break(&d->page, need))
        return;
    char line[64];
    doc_font(&d->page, 9, false);
    snprintf(line, sizeof line, "Order %s · page %d", d->o->number, d->page.page);
    doc_text_right(&d->page, DOC_PAGE_W - DOC_MARGIN, line);
    doc_next_line(&d->page, DOC_LINE_H * 1.5);
    draw_table_head(d);
}

static void draw_line(struct order_doc *d, const struct order_line *l)
{
    char text[160];
    page_break(d, DOC_LINE_H * 2);
    snprintf(text, sizeof text, "%d", l->line_no);
    doc_text_at(&d->page, col_no, text);
    doc_text_clipped(&d->page, col_sku, col_desc - col_sku - 6, l->kind == LINE_GOODS ? l->sku : "");
    doc_text_clipped(&d->page, col_desc, col_qty - col_desc - 40, l->description);
    snprintf(text, sizeof text, "%lld", (long long)l->quantity);
    doc_text_right(&d->page, col_qty, text);
    amount(d, l->unit_price, text, sizeof text);
    doc_text_right(&d->page, col_unit, text);
    if (l->discount_amount > 0) {
        amount(d, -l->discount_amount, text, sizeof text);
        doc_text_right(&d->page, col_disc, text);
    }
    amount(d, l->tax_included ? l->total_amount : l->net_amount, text, sizeof text);
    doc_text_right(&d->page, col_amount, text);
    doc_next_line(&d->page, DOC_LINE_H);
    if (l->backorder_qty > 0 && l->kind == LINE_GOODS) {
        doc_font(&d->page, 8, false);
        snprintf(text, sizeof text, "%lld to follow%s%s", (long long)l->backorder_qty,
                 l->expected_date[0] ? ", stock expected " : "", l->expected_date);
        doc_text_clipped(&d->page, col_desc, col_amount - col_desc, text);
        doc_font(&d->page, 9, false);
        doc_next_line(&d->page, DOC_LINE_H);
    }
}

static void total_row(struct order_doc *d, const char *label, int64_t value, bool bold)
{
    char text[64];
    page_break(d, DOC_LINE_H);
    doc_font(&d->page, 10, bold);
    doc_text_right(&d->page, col_unit + 45, label);
    amount(d, value, text, sizeof text);
    doc_text_right(&d->page, col_amount, text);
    doc_next_line(&d->page, DOC_LINE_H);
}

/* The tax of each rate, from the lines (the snapshot). */
struct rate_tax {
    int rate_bp;
    int64_t tax;
};

static int taxes_by_rate(const struct order_doc *d, struct rate_tax *out, int max)
{
    const struct order_line *l = d->lines.items;
    int n = 0;
    for (int i = 0; i < d->lines.n; i++) {
        int k = 0;
        while (k < n && out[k].rate_bp != l[i].tax_rate_bp)
            k++;
        if (k == n && n == max)
            continue;
        if (k == n)
            out[n++] = (struct rate_tax){l[i].tax_rate_bp, 0};
        out[k].tax += l[i].tax_amount;
    }
    return n;
}

static void tax_rows(struct order_doc *d, const struct rate_tax *t, int n, const char *prefix)
{
    for (int k = 0; k < n; k++) {
        char label[64], pct[16];
        bp_format(t[k].rate_bp, pct, sizeof pct);
        snprintf(label, sizeof label, "%sVAT %s", prefix, pct);
        total_row(d, label, t[k].tax, false);
    }
}

/* Consumers see the total and the tax it holds; businesses the net, the tax, the total. */
static void draw_totals(struct order_doc *d)
{
    struct rate_tax taxes[16];
    int n = taxes_by_rate(d, taxes, 16);
    doc_next_line(&d->page, DOC_LINE_H * 0.5);
    if (d->o->prices_include_tax) {
        total_row(d, "Total incl. tax", d->o->total, true);
        tax_rows(d, taxes, n, "of which ");
        return;
    }
    total_row(d, "Total excl. tax", d->o->subtotal, true);
    tax_rows(d, taxes, n, "");
    total_row(d, "Total incl. tax", d->o->total, true);
}

static void draw_terms(struct order_doc *d)
{
    char line[300], money[64];
    const struct order *o = d->o;
    page_break(d, DOC_LINE_H * 6);
    doc_next_line(&d->page, DOC_LINE_H);
    doc_font(&d->page, 10, false);
    const struct payment *p = d->payments.items;
    for (int i = 0; i < d->payments.n; i++) {
        amount(d, p[i].amount, money, sizeof money);
        snprintf(line, sizeof line, "%s %s %s%s%s", p[i].out ? "Refunded" : "Paid", money,
                 name_at(payment_method_names, PAY_METHOD_COUNT, (int)p[i].method),
                 p[i].reference[0] ? " " : "", p[i].reference);
        doc_text_clipped(&d->page, DOC_MARGIN, DOC_PAGE_W - 2 * DOC_MARGIN, line);
        doc_next_line(&d->page, DOC_LINE_H);
    }
    snprintf(line, sizeof line, "Shipping: %s%s", o->shipping_method, o->gift_wrap ? " · gift wrapped" : "");
    doc_text_at(&d->page, DOC_MARGIN, line);
    doc_next_line(&d->page, DOC_LINE_H);
    if (o->promised_date[0]) {
        snprintf(line, sizeof line, "Promised delivery: %s%s%s", o->promised_date,
                 o->requested_date[0] ? " (requested " : "", o->requested_date[0] ? o->requested_date : "");
        if (o->requested_date[0])
            snprintf(line + strlen(line), sizeof line - strlen(line), ")");
        doc_text_at(&d->page, DOC_MARGIN, line);
        doc_next_line(&d->page, DOC_LINE_H);
    }
    doc_text_at(&d->page, DOC_MARGIN,
                o->prices_include_tax ? "Prices include tax." : "Prices exclude tax unless stated.");
}

static int draw(struct order_doc *d, const char *path, struct err *e)
{
    int rc = doc_open(&d->page, path, e);
    if (rc != ERR_OK)
        return rc;
    draw_title(d);
    draw_parties(d);
    draw_table_head(d);
    const struct order_line *l = d->lines.items;
    for (int i = 0; i < d->lines.n; i++)
        draw_line(d, &l[i]);
    draw_totals(d);
    draw_terms(d);
    return doc_close(&d->page, path, e);
}

int order_print_pdf(struct app *app, const char *number, const char *path, struct err *e)
{
    struct order o;
    struct order_doc d = {.app = app, .o = &o};
    int rc = order_get(app, number, &o, e);
    if (rc == ERR_OK)
        rc = order_lines(app, &o, NULL, &d.lines, e);
    if (rc == ERR_OK)
        rc = order_payments(app, &o, &d.payments, e);
    if (rc == ERR_OK)
        rc = draw(&d, path, e);
    if (rc == ERR_OK)
        rc = audit_record(app, "print", "order", o.number, NULL, "{\"file\":\"pdf\"}", e);
    rows_free(&d.lines);
    rows_free(&d.payments);
    return rc;
}
