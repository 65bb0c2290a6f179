/* Internals shared by the quote editor (quote_editor.c) and the small forms
 * it opens (quote_forms.c): the editor's state and what a form may ask of it. */
#ifndef COMPTOIR_UI_QUOTE_PRIVATE_H
#define COMPTOIR_UI_QUOTE_PRIVATE_H

#include "src/b2b/quotes.h"
#include "ui/screens/kit.h"

#define QUOTE_EDITOR_KEYS 24

struct quote_editor {
    struct screen base;
    char number[17];
    struct quote_view *view; /* NULL while it cannot be loaded */
    struct err load_error;
    unsigned can; /* QUOTE_CAN_* for this user now */
    struct table lines;
    const int *colids;                     /* the columns shown for this width */
    struct keydef keys[QUOTE_EDITOR_KEYS]; /* the actions allowed now */
    int nkeys;
    int pending_form; /* enum quote_form_kind: the form a question opens once answered */
};

/* Loads the quote again (after a change here or elsewhere) and keeps the
 * cursor on the same line. */
int quote_editor_reload(struct quote_editor *ed);
/* The line under the cursor, or NULL. */
const struct price_line *quote_editor_line(const struct quote_editor *ed);

enum quote_form_kind {
    QUOTE_FORM_ADD_LINE,
    QUOTE_FORM_EDIT_LINE,
    QUOTE_FORM_TERMS,
    QUOTE_FORM_NOTES,
    QUOTE_FORM_COUNTER,
    QUOTE_FORM_APPROVE,
    QUOTE_FORM_REJECT,
    QUOTE_FORM_CANCEL,
    QUOTE_FORM_PRINT
};

/* A form over the editor; its save calls the core with the editor's copy of
 * the quote. A save refused with ERR_CONFLICT keeps the text and offers
 * Ctrl-R, which reloads the quote under the form. */
struct screen *quote_form_new(struct quote_editor *ed, enum quote_form_kind kind);

/* Products by part of their SKU or name (the add-line form). */
int quote_lookup_products(void *ctx, const char *text, struct rows *out, int max, struct err *e);

#endif
