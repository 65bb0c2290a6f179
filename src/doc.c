/* Documents for people: an A4 PDF through cairo, text through pango. */
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>

#include "src/doc.h"

#define DOC_FONT "DejaVu Sans"

int doc_open(struct doc *d, const char *path, struct err *e)
{
    memset(d, 0, sizeof *d);
    d->surface = cairo_pdf_surface_create(path, DOC_PAGE_W, DOC_PAGE_H);
    if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(d->surface);
        d->surface = NULL;
        return err_set(e, ERR_IO, "path", "cannot write %s", path);
    }
    d->cr = cairo_create(d->surface);
    d->layout = pango_cairo_create_layout(d->cr);
    cairo_set_source_rgb(d->cr, 0, 0, 0);
    d->y = DOC_MARGIN + 10;
    d->page = 1;
    return ERR_OK;
}

int doc_close(struct doc *d, const char *path, struct err *e)
{
    cairo_show_page(d->cr);
    g_object_unref(d->layout);
    cairo_destroy(d->cr);
    cairo_surface_finish(d->surface);
    cairo_status_t st = cairo_surface_status(d->surface);
    cairo_surface_destroy(d->surface);
    memset(d, 0, sizeof *d);
    if (st != CAIRO_STATUS_SUCCESS)
        return err_set(e, ERR_IO, "path", "cannot write %s: %s", path, cairo_status_to_string(st));
    return ERR_OK;
}

void doc_font(struct doc *d, double size, bool bold)
{
    PangoFontDescription *f = pango_font_description_new();
    pango_font_description_set_family(f, DOC_FONT);
    pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    pango_layout_set_font_description(d->layout, f);
    pango_font_description_free(f);
}

double doc_text_width(struct doc *d, const char *text)
{
    int w, h;
    pango_layout_set_text(d->layout, text, -1);
    pango_layout_get_size(d->layout, &w, &h);
    return (double)w / PANGO_SCALE;
}

void doc_text_at(struct doc *d, double x, const char *text)
{
    pango_layout_set_text(d->layout, text, -1);
    double baseline = (double)pango_layout_get_baseline(d->layout) / PANGO_SCALE;
    cairo_move_to(d->cr, x, d->y - baseline);
    pango_cairo_show_layout(d->cr, d->layout);
}

void doc_text_right(struct doc *d, double x, const char *text)
{
    doc_text_at(d, x - doc_text_width(d, text), text);
}

void doc_text_clipped(struct doc *d, double x, double width, const char *text)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", text);
    size_t n = strlen(buf);
    while (doc_text_width(d, buf) > width && n > 0) {
        do
            n--;
        while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80);
        snprintf(buf + n, sizeof buf - n, "…");
    }
    doc_text_at(d, x, buf);
}

void doc_next_line(struct doc *d, double h)
{
    d->y += h;
}

void doc_rule(struct doc *d, double x0, double x1)
{
    cairo_move_to(d->cr, x0, d->y + 4);
    cairo_line_to(d->cr, x1, d->y + 4);
    cairo_set_line_width(d->cr, 0.5);
    cairo_stroke(d->cr);
}

bool doc_page_break(struct doc *d, double need)
{
    if (d->y + need < DOC_PAGE_H - DOC_MARGIN)
        return false;
    cairo_show_page(d->cr);
    d->page++;
    d->y = DOC_MARGIN;
    return true;
}
