/* The list screen and the edit screen most screens are made of, and the
 * formatting helpers they share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "src/accounts.h"
#include "src/app.h"
#include "src/b2c/fulfilment.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/rows.h"
#include "src/base/text.h"
#include "src/orders.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"
#include "ui/widgets/table.h"

/* --------------------------------------------------------------- list */

/* The line above the table wraps to a second one when it must. */
static int list_intro_rows(const struct list_screen *l)
{
    if (l->intro == NULL)
        return 0;
    return draw_wrapped_lines(l->intro, l->base.w - 2) > 1 ? 2 : 1;
}

static void list_layout(struct screen *s)
{
    struct list_screen *l = (struct list_screen *)s;
    int top = list_intro_rows(l);
    table_layout(&l->table, s->y + top, s->x, s->h - top, s->w);
}

static void list_draw(struct screen *s)
{
    struct list_screen *l = (struct list_screen *)s;
    if (l->intro) {
        list_layout(s); /* the intro may have changed its length */
        draw_wrapped(s->y, s->x + 1, s->w - 2, list_intro_rows(l), l->intro, STYLE_DIM);
    }
    table_draw(&l->table);
}

static int list_keytables(struct screen *s, struct keytable *out, int max)
{
    struct list_screen *l = (struct list_screen *)s;
    int n = 0;
    if (!l->table.filtering && l->nkeys > 0 && max > 1)
        out[n++] = (struct keytable){l->keys_title, l->keys, l->nkeys, l, false, false};
    return n + table_keytables(&l->table, out + n, max - n);
}

static int list_input(struct screen *s, int key)
{
    return table_input(&((struct list_screen *)s)->table, key);
}

static bool list_typing(struct screen *s)
{
    return ((struct list_screen *)s)->table.filtering;
}

static int list_reload(struct screen *s)
{
    table_refresh(&((struct list_screen *)s)->table);
    return UI_DRAW;
}

static void list_destroy(struct screen *s)
{
    struct list_screen *l = (struct list_screen *)s;
    table_free(&l->table);
    free(l);
}

const struct screen_ops list_screen_ops = {
    .kind = "list",
    .layout = list_layout,
    .draw = list_draw,
    .keytables = list_keytables,
    .input = list_input,
    .reload = list_reload,
    .typing = list_typing,
    .destroy = list_destroy,
};

static void list_show_saved(void *owner, const void *record)
{
    struct list_screen *l = owner;
    table_show_record(&l->table, record);
}

void list_push_editor(struct list_screen *l, struct screen *editor)
{
    struct edit_screen *e = (struct edit_screen *)editor;
    e->on_saved = list_show_saved;
    e->saved_owner = l;
    console_push(l->base.con, editor);
}

void list_screen_init(struct list_screen *l, struct console *c, const char *title,
                      const struct table_source *src, const struct keydef *keys, int nkeys,
                      int (*on_open)(void *owner))
{
    screen_init(&l->base, &list_screen_ops, c, title);
    table_init(&l->table, src);
    l->table.con = c;
    l->table.owner = l;
    l->table.on_open = on_open;
    l->keys = keys;
    l->nkeys = nkeys;
    l->keys_title = title;
    table_reload(&l->table);
}

/* --------------------------------------------------------------- edit */

/* The intro wraps (up to four lines: a reject form names the quote, its
 * account and amount in full); the fields follow it. */
static int edit_intro_rows(const struct edit_screen *e)
{
    int rows = draw_wrapped_lines(e->intro, e->base.w - 2);
    return rows > 4 ? 4 : rows;
}

static void edit_layout(struct screen *s)
{
    struct edit_screen *e = (struct edit_screen *)s;
    int top = edit_intro_rows(e) + 1;
    form_layout(&e->form, s->y + top, s->x + 2, s->h - top - 1, s->w - 4);
}

static void edit_draw(struct screen *s)
{
    struct edit_screen *e = (struct edit_screen *)s;
    edit_layout(s);
    draw_wrapped(s->y, s->x + 1, s->w - 2, edit_intro_rows(e), e->intro, STYLE_TITLE);
    form_draw(&e->form);
}

static int edit_reload(void *owner)
{
    struct edit_screen *e = owner;
    struct console *c = e->base.con;
    struct err err = {0};
    if (e->load == NULL || e->fill == NULL)
        return UI_DONE;
    void *fresh = xcalloc(1, e->record_size);
    if (e->load(c->app, e->record, fresh, &err) != ERR_OK) {
        free(fresh);
        console_error(c, &err);
        return UI_DRAW;
    }
    form_refill(&e->form, e->fill, fresh);
    memcpy(e->record, fresh, e->record_size);
    free(fresh);
    form_clear_errors(&e->form);
    if (e->conflict)
        console_status(c, false, "Reloaded: %s. What you typed is kept; Ctrl-S saves what you see.",
                       e->conflict_msg);
    else
        console_status(c, false, "Reloaded. What you typed is kept; Ctrl-S saves what you see.");
    e->conflict = false;
    return UI_DRAW;
}

static const struct keydef edit_conflict_keys[] = {
    {UA_RELOAD, edit_reload, KEYDEF_BAR, "Reload, keep my text"},
};
static const struct keydef edit_reload_keys[] = {
    {UA_RELOAD, edit_reload, 0, "Reload, keep my text"},
};

static int edit_keytables(struct screen *s, struct keytable *out, int max)
{
    struct edit_screen *e = (struct edit_screen *)s;
    int n = 0;
    if (e->load && e->conflict && max > 1)
        out[n++] = (struct keytable)KEYTABLE("Record", edit_conflict_keys, e);
    else if (e->load && max > 1)
        out[n++] = (struct keytable)KEYTABLE("Record", edit_reload_keys, e);
    return n + form_keytables(&e->form, out + n, max - n);
}

static int edit_input(struct screen *s, int key)
{
    return form_input(&((struct edit_screen *)s)->form, key);
}

static bool edit_typing(struct screen *s)
{
    (void)s;
    return true;
}

static bool edit_unsaved(struct screen *s)
{
    return ((struct edit_screen *)s)->form.dirty;
}

static void edit_destroy(struct screen *s)
{
    struct edit_screen *e = (struct edit_screen *)s;
    free(e->record);
    free(e);
}

static const struct screen_ops edit_ops = {
    .kind = "edit",
    .layout = edit_layout,
    .draw = edit_draw,
    .keytables = edit_keytables,
    .input = edit_input,
    .typing = edit_typing,
    .unsaved = edit_unsaved,
    .destroy = edit_destroy,
};

static int edit_save(void *owner)
{
    struct edit_screen *e = owner;
    struct console *c = e->base.con;
    struct err err = {0};
    form_clear_errors(&e->form);
    if (e->save(e, &err) == ERR_OK) {
        console_status(c, false, "%s", e->saved[0] ? e->saved : "Saved.");
        if (e->on_saved)
            e->on_saved(e->saved_owner, e->record);
        console_close(c, &e->base);
        return UI_DRAW;
    }
    /* the form keeps every character typed; only a message is added */
    form_show_error(&e->form, &err);
    e->conflict = err.code == ERR_CONFLICT;
    if (e->conflict)
        conflict_text(err.msg, e->conflict_msg, sizeof e->conflict_msg);
    if (e->conflict && e->load)
        console_conflict(c, err.msg, true);
    else if (e->conflict)
        console_status(c, true, "%s — your text is kept: note it, Esc, and open the record again", err.msg);
    else if (err.field[0])
        console_status(c, true, "%s: %s", err.field, err.msg);
    else
        console_error(c, &err);
    return UI_DRAW;
}

static int edit_discard(void *owner)
{
    struct edit_screen *e = owner;
    console_close(e->base.con, &e->base);
    return UI_DRAW;
}

static int edit_cancel(void *owner)
{
    struct edit_screen *e = owner;
    if (!e->form.dirty)
        return edit_discard(e);
    dialog_confirm(e->base.con, "Discard changes?", "Leave without saving what you typed?", edit_discard, e);
    return UI_DRAW;
}

void edit_screen_reloadable(struct edit_screen *e, edit_fill_fn fill, edit_load_fn load, size_t record_size)
{
    e->fill = fill;
    e->load = load;
    e->record_size = record_size;
    fill(&e->form, e->record);
    e->form.dirty = false;
}

struct edit_screen *edit_screen_new(struct console *c, const char *title, edit_save_fn save, void *record)
{
    struct edit_screen *e = xcalloc(1, sizeof *e);
    screen_init(&e->base, &edit_ops, c, title);
    form_init(&e->form, c, e);
    e->form.on_save = edit_save;
    e->form.on_cancel = edit_cancel;
    e->save = save;
    e->record = record;
    return e;
}

/* ------------------------------------------------------------ helpers */

void place_text(const char *city, const char *country, char *out, size_t len)
{
    snprintf(out, len, "%s%s%s", city, city[0] && country[0] ? ", " : "", country);
}

void conflict_text(const char *msg, char *out, size_t len)
{
    snprintf(out, len, "%s", msg);
    char *tail = strstr(out, " — reload");
    if (tail)
        *tail = '\0';
}

void console_conflict(struct console *c, const char *msg, bool typed)
{
    char text[600];
    conflict_text(msg, text, sizeof text);
    console_status(c, true, "%s: Ctrl-R reloads it%s.", text, typed ? " under what you typed" : "");
}

void fmt_money(const struct console *c, int64_t minor, char *out, size_t len)
{
    money_format(minor, c->app->currency, out, len);
}

void fmt_int(int64_t v, char *out, size_t len)
{
    snprintf(out, len, "%lld", (long long)v);
}

void fmt_time(const char *utc, char *out, size_t len)
{
    datetime_local(utc, DATETIME_MINUTE, out, len);
}

void fmt_promise(const struct order *o, char *out, size_t len)
{
    char today[11], late_text[40] = "", slip_text[40] = "";
    datetime_today(today);
    if (o->promised_date[0] == '\0') {
        snprintf(out, len, "no promise");
        return;
    }
    bool open = (order_open_statuses() & ORDER_STATUS_BIT(o->status)) != 0;
    int late = open ? date_days_between(o->promised_date, today) : 0;
    int slipped = o->first_promised_date[0] ? date_days_between(o->first_promised_date, o->promised_date) : 0;
    if (late > 0)
        snprintf(late_text, sizeof late_text, "late %d day%s", late, late == 1 ? "" : "s");
    if (slipped > 0)
        snprintf(slip_text, sizeof slip_text, "+%d day%s on the first", slipped, slipped == 1 ? "" : "s");
    snprintf(out, len, "%s%s%s", late_text, late_text[0] && slip_text[0] ? ", " : "",
             late_text[0] || slip_text[0] ? slip_text : "kept so far");
}

/* Case-insensitive (ASCII) substring test. */
static bool contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return n == 0;
}

/* Adds a match to out while it has fewer than max; counts it in out->more after. */
static struct lookup_item *lookup_add(struct rows *out, int max)
{
    if (out->n < max)
        return rows_add(out);
    out->more++;
    return NULL;
}

int lookup_users(void *ctx, const char *text, struct rows *out, int max, struct err *e)
{
    struct app *app = ctx;
    struct rows users = {0};
    rows_reset(out, sizeof(struct lookup_item));
    int rc = user_list(app, NULL, &users, e);
    const struct user *u = users.items;
    for (int i = 0; rc == ERR_OK && i < users.n; i++) {
        if (text[0] && !contains_nocase(u[i].login, text) && !contains_nocase(u[i].full_name, text))
            continue;
        struct lookup_item *it = lookup_add(out, max);
        if (it == NULL)
            continue;
        it->id = u[i].id;
        snprintf(it->label, sizeof it->label, "%s — %s (%s)", u[i].login, u[i].full_name,
                 role_name(u[i].role));
        snprintf(it->value, sizeof it->value, "%s", u[i].login);
    }
    rows_free(&users);
    return rc;
}

int lookup_contacts_of(struct app *app, int64_t account_id, const char *text, struct rows *out, int max,
                       struct err *e)
{
    struct rows contacts = {0};
    rows_reset(out, sizeof(struct lookup_item));
    int rc = contact_list(app, account_id, NULL, &contacts, e);
    const struct contact *c = contacts.items;
    for (int i = 0; rc == ERR_OK && i < contacts.n; i++) {
        if (!contains_nocase(c[i].name, text))
            continue;
        struct lookup_item *it = lookup_add(out, max);
        if (it == NULL)
            continue;
        it->id = c[i].id;
        snprintf(it->label, sizeof it->label, "%s — %s %s", c[i].name, c[i].title, c[i].email);
        snprintf(it->value, sizeof it->value, "%s", c[i].name);
    }
    rows_free(&contacts);
    return rc;
}