/* Internals of ui/screens: the two shapes most screens take — a list over a
 * table, an edit screen over a form — and small formatting helpers, so each
 * screen file holds only what is its own (columns, fields, core calls). */
#ifndef COMPTOIR_UI_SCREENS_KIT_H
#define COMPTOIR_UI_SCREENS_KIT_H

#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"
#include "ui/widgets/table.h"

/* ------------------------------------------------------------- a list */

struct list_screen {
    struct screen base;
    struct table table;
    const char *keys_title; /* the help's section for keys */
    const struct keydef *keys;
    int nkeys;
    const char *intro; /* a line above the table, or NULL */
};

/* Pushes an edit screen over the list; once it saves, the list shows the
 * record it saved (a new one included) with the cursor on it. */
void list_push_editor(struct list_screen *l, struct screen *editor);

/* Sets up a list screen (the caller allocated l, possibly inside a larger
 * struct whose first member it is) and fetches the first page. */
void list_screen_init(struct list_screen *l, struct console *c, const char *title,
                      const struct table_source *src, const struct keydef *keys, int nkeys,
                      int (*on_open)(void *owner));
extern const struct screen_ops list_screen_ops;

/* ------------------------------------------------------- an edit form */

struct edit_screen;
/* Reads the form, calls the core; ERR_OK closes the screen. */
typedef int (*edit_save_fn)(struct edit_screen *e, struct err *err);

/* Sets every field of the form from a record (as when the form opens). */
typedef void (*edit_fill_fn)(struct form *f, const void *record);
/* Reads the record again as it is stored now into fresh. */
typedef int (*edit_load_fn)(struct app *app, const void *record, void *fresh, struct err *e);

struct edit_screen {
    struct screen base;
    struct form form;
    edit_save_fn save;
    void *record;    /* what is edited (owned, freed with the screen) */
    char intro[600]; /* a line above the fields */
    bool read_only;  /* nothing may change: Ctrl-S still asks the core */
    char saved[120]; /* what the status line says once saved ("Saved." when empty) */
    /* someone else saved first: Ctrl-R reads the record again under what was typed */
    edit_fill_fn fill;
    edit_load_fn load;
    size_t record_size;
    bool conflict;
    char conflict_msg[512];
    /* after a save, the screen below may show the record (a new one in its list) */
    void (*on_saved)(void *owner, const void *record);
    void *saved_owner;
};

struct edit_screen *edit_screen_new(struct console *c, const char *title, edit_save_fn save, void *record);
/* An editor of a stored record: fill sets the fields (called now), load reads
 * it anew; with them, a save refused because someone else saved first offers
 * Ctrl-R, which reloads the record and keeps every field the user changed. */
void edit_screen_reloadable(struct edit_screen *e, edit_fill_fn fill, edit_load_fn load, size_t record_size);

/* ------------------------------------------------------------ helpers */

void fmt_money(const struct console *c, int64_t minor, char *out, size_t len);
/* The core's "X was changed by bruno at 14:02 — reload" as every editor says
 * it: "X was changed by bruno at 14:02: Ctrl-R reloads it under what you
 * typed." (typed) or "…: Ctrl-R reloads it." */
void console_conflict(struct console *c, const char *msg, bool typed);
/* A place as "Lyon, France", "Lyon", "France" or "": the parts that are
 * there, no stray comma. */
void place_text(const char *city, const char *country, char *out, size_t len);
/* The same text without the core's " — reload", into out. */
void conflict_text(const char *msg, char *out, size_t len);
void fmt_int(int64_t v, char *out, size_t len);
/* "2026-11-25T14:02:11Z" shown as local "2026-11-25 15:02". */
void fmt_time(const char *utc, char *out, size_t len);
struct order;
/* An order's promise in a few words: "late 2 days", "+3 days on the first",
 * "late 1 day, +3 days on the first", "kept so far", "no promise". */
void fmt_promise(const struct order *o, char *out, size_t len);
/* Copies the field's text into a fixed buffer of a record. */
#define FORM_COPY(form, name, dst) form_get((form), (name), (dst), sizeof(dst))

/* Lookups a form field can use (see lookup_fn): users by part of their login
 * or name (ctx is the app); an account's contacts by part of their name. */
int lookup_users(void *ctx, const char *text, struct rows *out, int max, struct err *e);
int lookup_contacts_of(struct app *app, int64_t account_id, const char *text, struct rows *out, int max,
                       struct err *e);

/* Every table source's ctx is the screen that owns the table. */

/* The table columns of orders, shared by the Orders search and the lists of
 * an account's or a customer's orders. */
extern const struct table_column order_columns[];
extern const int order_ncolumns;
void order_cell(void *ctx, const void *row, int col, char *out, size_t len);
/* Its Status cell at most width wide (0: in full): "partially shipped",
 * "part. shipped", "partial". */
void order_status_text(int status, int width, char *out, size_t len);
void order_cell_short(void *ctx, const void *row, int col, int width, char *out, size_t len);
void order_row_cursor(const void *row, int sort, struct page_cursor *c);
int64_t order_row_id(const void *row);

#endif
