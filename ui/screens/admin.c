/* Admin: import a CSV file with a progress bar and its errors listed by line,
 * or export a kind to a file. The core checks the rights and does the work;
 * this screen picks the file, shows progress and lists what went wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/app.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/page.h"
#include "src/base/text.h"
#include "src/csv/csv_io.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"
#include "ui/widgets/table.h"

#define ADMIN_MAX_ERRORS 5000

struct error_line {
    int64_t n; /* 1-based position in the list */
    char text[400];
};

struct admin {
    struct screen base;
    struct form form;
    struct table errors;
    struct error_line *lines;
    int nlines;
    int64_t more; /* error lines past ADMIN_MAX_ERRORS */
    char summary[300];
    int64_t last_progress_us;
    bool focus_errors;
    enum import_kind export_kind; /* what a confirmed export writes */
    char export_path[1024];
};

static const char *const kind_names[] = {"accounts", "contacts", "customers", "products", "orders", NULL};
static const char *const modes[] = {"import", "import, dry run", "import, update existing", "export", NULL};

/* ----------------------------------------------------- the error list */

static const struct table_column error_columns[] = {{"Errors (file:line: message)", 0, TEXT_LEFT, -1}};

static int errors_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    (void)e;
    struct admin *a = ctx;
    struct error_line *out = rows;
    bool forward = q->descending == q->before;
    int i = q->has_cursor ? (int)q->cursor.id - 1 + (forward ? 1 : -1) : (forward ? 0 : a->nlines - 1);
    *count = 0;
    for (; i >= 0 && i < a->nlines && *count < q->limit; i += forward ? 1 : -1)
        out[(*count)++] = a->lines[i];
    for (int l = 0, r = *count - 1; q->before && l < r; l++, r--) { /* display order */
        struct error_line tmp = out[l];
        out[l] = out[r];
        out[r] = tmp;
    }
    return ERR_OK;
}

static void errors_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    memset(c, 0, sizeof *c);
    c->id = ((const struct error_line *)row)->n;
}

static int64_t errors_id(const void *row)
{
    return ((const struct error_line *)row)->n;
}

static void errors_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    (void)ctx;
    (void)col;
    snprintf(out, len, "%s", ((const struct error_line *)row)->text);
}

/* Keeps the lines the import wrote to its error stream. */
static void admin_collect_errors(struct admin *a, FILE *f)
{
    char buf[400];
    a->nlines = 0;
    a->more = 0;
    rewind(f);
    while (fgets(buf, sizeof buf, f)) {
        buf[strcspn(buf, "\n")] = '\0';
        if (a->nlines >= ADMIN_MAX_ERRORS) {
            a->more++;
            continue;
        }
        struct error_line *l = &a->lines[a->nlines++];
        l->n = a->nlines;
        snprintf(l->text, sizeof l->text, "%s", buf);
    }
    table_reload(&a->errors);
}

/* ------------------------------------------------------------ running */

static void admin_progress(void *ctx, int64_t rows, int64_t bytes, int64_t total)
{
    struct admin *a = ctx;
    int64_t now = ui_now_us();
    if (now - a->last_progress_us < 50000 && bytes < total)
        return; /* twenty frames a second is plenty */
    a->last_progress_us = now;
    char label[80];
    snprintf(label, sizeof label, "%lld %s", (long long)rows, text_plural(rows, "row", "rows"));
    struct screen *s = &a->base;
    progress_draw(s->y + a->form.n + 3, s->x + 2, s->w - 4, bytes, total, label);
    refresh(); /* long work: the one place that draws outside the loop */
}

static int admin_import(struct admin *a, enum import_kind kind, const char *path, int mode)
{
    struct console *c = a->base.con;
    struct import_options opt = {0};
    struct import_report rep = {0};
    struct err e = {0};
    FILE *errors = tmpfile();
    opt.dry_run = mode == 1;
    opt.update = mode == 2;
    opt.errors = errors;
    opt.on_progress = admin_progress;
    opt.progress_ctx = a;
    a->last_progress_us = 0;
    int rc = csv_import_file(c->app, kind, path, &opt, &rep, &e);
    if (errors)
        admin_collect_errors(a, errors);
    if (errors)
        fclose(errors);
    char more[64] = "";
    if (a->more)
        snprintf(more, sizeof more, " (%s %lld more lines not listed)", text_ellipsis(), (long long)a->more);
    snprintf(a->summary, sizeof a->summary, "%s%lld %s read, %lld written, %lld rejected, %lld %s%s",
             opt.dry_run ? "Dry run: " : "", (long long)rep.rows_read,
             text_plural(rep.rows_read, "row", "rows"), (long long)rep.rows_written,
             (long long)rep.rows_rejected, (long long)rep.errors, text_plural(rep.errors, "error", "errors"),
             more);
    if (rc != ERR_OK)
        console_error(c, &e);
    else
        console_status(c, false, "Import finished.");
    return UI_DRAW;
}

static int admin_export(struct admin *a, enum import_kind kind, const char *path)
{
    struct console *c = a->base.con;
    struct err e = {0};
    FILE *out = fopen(path, "w");
    if (out == NULL) {
        console_status(c, true, "cannot write %s", path);
        return UI_DRAW;
    }
    int rc = csv_export(c->app, kind, out, &e);
    if (fclose(out) != 0 && rc == ERR_OK)
        rc = err_set(&e, ERR_IO, "file", "cannot write %s", path);
    if (rc != ERR_OK)
        console_error(c, &e);
    else
        console_status(c, false, "Exported %s to %s.", import_kind_name(kind), path);
    snprintf(a->summary, sizeof a->summary, "%s", rc == ERR_OK ? "Export done." : "Export failed.");
    return UI_DRAW;
}

static int admin_export_confirmed(void *owner)
{
    struct admin *a = owner;
    return admin_export(a, a->export_kind, a->export_path);
}

static int admin_run(void *owner)
{
    struct admin *a = owner;
    char kind_text[32], path[1024];
    form_get(&a->form, "kind", kind_text, sizeof kind_text);
    form_get(&a->form, "file", path, sizeof path);
    int mode = form_field(&a->form, "mode")->choice;
    enum import_kind kind;
    form_clear_errors(&a->form);
    if (path[0] == '\0') {
        snprintf(form_field(&a->form, "file")->error, 100, "which file?");
        return UI_DRAW;
    }
    if (import_kind_parse(kind_text, &kind) != ERR_OK)
        return UI_DONE;
    if (mode == 3 && access(path, F_OK) == 0) { /* a file would be lost: ask first */
        char text[1200];
        a->export_kind = kind;
        snprintf(a->export_path, sizeof a->export_path, "%s", path);
        snprintf(text, sizeof text, "%s exists. Replace it with the export of %s?", path,
                 import_kind_name(kind));
        dialog_confirm(a->base.con, "Replace the file?", text, admin_export_confirmed, a);
        return UI_DRAW;
    }
    return mode == 3 ? admin_export(a, kind, path) : admin_import(a, kind, path, mode);
}

/* ------------------------------------------------------------- screen */

static void admin_layout(struct screen *s)
{
    struct admin *a = (struct admin *)s;
    form_layout(&a->form, s->y + 1, s->x + 2, a->form.n, s->w - 4);
    int top = a->form.n + 5;
    table_layout(&a->errors, s->y + top, s->x, s->h - top, s->w);
}

static void admin_draw(struct screen *s)
{
    struct admin *a = (struct admin *)s;
    draw_text(s->y, s->x + 1, s->w - 2,
              "Import or export CSV — Ctrl-S runs · F9 the errors · :rules the approval rules", TEXT_LEFT,
              STYLE_TITLE);
    form_draw(&a->form);
    draw_text(s->y + a->form.n + 2, s->x + 2, s->w - 4, a->summary, TEXT_LEFT, STYLE_NORMAL);
    a->errors.inactive = !a->focus_errors;
    table_draw(&a->errors);
    if (a->focus_errors)
        console_cursor(s->con, -1, -1);
}

static int admin_switch(void *p)
{
    struct admin *a = p;
    a->focus_errors = !a->focus_errors;
    return UI_DRAW;
}

static int admin_back(void *p)
{
    struct admin *a = p;
    console_close(a->base.con, &a->base);
    return UI_DRAW;
}

static const struct keydef admin_keys[] = {
    {UA_SAVE, admin_run, KEYDEF_BAR, "Run"},
    {UA_OTHER_PANE, admin_switch, KEYDEF_BAR, NULL},
    {UA_BACK, admin_back, KEYDEF_BAR, NULL},
};

static int admin_keytables(struct screen *s, struct keytable *out, int max)
{
    struct admin *a = (struct admin *)s;
    out[0] = (struct keytable)KEYTABLE("Import / export", admin_keys, a);
    if (a->focus_errors)
        return 1 + table_keytables(&a->errors, out + 1, max - 1);
    return 1 + form_keytables(&a->form, out + 1, max - 1);
}

static int admin_input(struct screen *s, int key)
{
    struct admin *a = (struct admin *)s;
    return a->focus_errors ? table_input(&a->errors, key) : form_input(&a->form, key);
}

static bool admin_typing(struct screen *s)
{
    struct admin *a = (struct admin *)s;
    return a->focus_errors ? a->errors.filtering : true;
}

static void admin_destroy(struct screen *s)
{
    struct admin *a = (struct admin *)s;
    table_free(&a->errors);
    free(a->lines);
    free(a);
}

static const struct screen_ops admin_ops = {
    .kind = "admin",
    .layout = admin_layout,
    .draw = admin_draw,
    .keytables = admin_keytables,
    .input = admin_input,
    .typing = admin_typing,
    .destroy = admin_destroy,
};

struct screen *admin_new(struct console *c)
{
    struct admin *a = xcalloc(1, sizeof *a);
    screen_init(&a->base, &admin_ops, c, "Import / export");
    a->lines = xcalloc(ADMIN_MAX_ERRORS, sizeof *a->lines);
    form_init(&a->form, c, a);
    a->form.on_save = admin_run;
    a->form.on_cancel = admin_back;
    form_add(&a->form, "kind", "Kind", FIELD_CHOICE, 0)->choices = kind_names;
    form_add(&a->form, "file", "File", FIELD_TEXT, 1000);
    form_add(&a->form, "mode", "What", FIELD_CHOICE, 0)->choices = modes;
    struct table_source src = {.cols = error_columns,
                               .ncols = 1,
                               .row_size = sizeof(struct error_line),
                               .fetch = errors_fetch,
                               .cursor = errors_cursor,
                               .id = errors_id,
                               .cell = errors_cell,
                               .ctx = a,
                               .forward_only = false,
                               .page = 200};
    table_init(&a->errors, &src);
    a->errors.con = c;
    a->errors.empty_text = "No errors.";
    struct err e = {0};
    if (app_require(c->app, ACT_IMPORT, &e) != ERR_OK)
        snprintf(a->summary, sizeof a->summary, "Note: %.250s", e.msg);
    return &a->base;
}
