/* Documents for people (the quote, the order confirmation, issue 13's
 * packing slip): an A4 PDF drawn with cairo, text laid out by pango (which
 * falls back to a CJK font for Japanese names). A document is a page and a
 * pen: the line the text sits on moves down as it is written. */
#ifndef COMPTOIR_DOC_H
#define COMPTOIR_DOC_H

#include <stdbool.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "src/base/err.h"

#define DOC_PAGE_W 595.0 /* A4 in points */
#define DOC_PAGE_H 842.0
#define DOC_MARGIN 48.0
#define DOC_LINE_H 14.0

struct doc {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoLayout *layout;
    double y; /* the baseline of the current line */
    int page;
};

/* Starts a PDF at path (page 1, the pen at the top margin). */
int doc_open(struct doc *d, const char *path, struct err *e);
/* Ends the last page and writes the file; ERR_IO when it could not be written. */
int doc_close(struct doc *d, const char *path, struct err *e);
void doc_font(struct doc *d, double size, bool bold);
/* The width the text takes in the current font, in points. */
double doc_text_width(struct doc *d, const char *text);
/* Text with its baseline on the current line, from x; ending at x; kept
 * inside width (cut at a character boundary with "…"). */
void doc_text_at(struct doc *d, double x, const char *text);
void doc_text_right(struct doc *d, double x, const char *text);
void doc_text_clipped(struct doc *d, double x, double width, const char *text);
void doc_next_line(struct doc *d, double h);
/* A thin rule under the current line, from x0 to x1. */
void doc_rule(struct doc *d, double x0, double x1);
/* Starts a new page; true when one was started because need points do not fit. */
bool doc_page_break(struct doc *d, double need);

#endif
