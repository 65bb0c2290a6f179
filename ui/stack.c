/* The screen stack and the chrome around it: header with the breadcrumb and
 * the user, the status line, the key bar drawn from the key tables, the `:`
 * command line, and the dispatch of a key through the tables. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "src/app.h"
#include "src/base/err.h"
#include "src/base/text.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/lineedit.h"

void screen_init(struct screen *s, const struct screen_ops *ops, struct console *con, const char *title)
{
    memset(s, 0, sizeof *s);
    s->ops = ops;
    s->con = con;
    screen_set_title(s, title ? title : "");
}

void screen_set_title(struct screen *s, const char *title)
{
    size_t n = strlen(title);
    if (n >= sizeof s->title) {
        n = sizeof s->title - 1;
        while (n > 0 && ((unsigned char)title[n] & 0xC0) == 0x80)
            n--; /* never cut a UTF-8 sequence */
    }
    memcpy(s->title, title, n);
    s->title[n] = '\0';
}

struct screen *console_top(const struct console *c)
{
    return c->depth > 0 ? c->stack[c->depth - 1] : NULL;
}

static void screen_place(struct console *c, struct screen *s)
{
    s->y = 1;
    s->x = 0;
    s->h = c->lines - 3;
    s->w = c->cols;
    if (!c->too_small && s->ops->layout)
        s->ops->layout(s);
}

/* What the database looks like now, to tell whether a screen's data is stale. */
static int64_t console_stamp(const struct console *c)
{
    return c->app ? app_change_stamp(c->app) : 0;
}

void console_push(struct console *c, struct screen *s)
{
    if (c->depth >= UI_STACK_MAX) {
        s->ops->destroy(s);
        console_status(c, true, "too many screens open: close some with q");
        return;
    }
    s->stamp = console_stamp(c);
    c->stack[c->depth++] = s;
    screen_place(c, s);
}

void console_pop(struct console *c)
{
    struct screen *top = console_top(c);
    if (top)
        console_close(c, top);
}

void console_close(struct console *c, struct screen *s)
{
    (void)c;
    s->closing = true;
}

void console_pop_to_home(struct console *c)
{
    for (int i = 1; i < c->depth; i++)
        c->stack[i]->closing = true;
}

int console_apply_pops(struct console *c)
{
    int kept = 0, closed = 0;
    for (int i = 0; i < c->depth; i++) {
        struct screen *s = c->stack[i];
        if (s->closing) {
            s->ops->destroy(s);
            closed++;
        } else {
            c->stack[kept++] = s;
        }
    }
    c->depth = kept;
    if (closed == 0)
        return UI_DONE;
    struct screen *top = console_top(c);
    if (top == NULL)
        return UI_QUIT;
    /* what lies under may show data an edit above just changed; when nothing
     * changed (a look at a detail, a cancelled form) it keeps what it shows */
    int64_t stamp = console_stamp(c);
    if (top->ops->reload && top->stamp != stamp) {
        top->ops->reload(top);
        top->stamp = stamp;
    }
    return UI_DRAW;
}

void console_free(struct console *c)
{
    while (c->depth > 0) {
        struct screen *s = c->stack[--c->depth];
        s->ops->destroy(s);
    }
}

void console_status(struct console *c, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->status, sizeof c->status, fmt, ap);
    va_end(ap);
    c->status_error = error;
}

void console_error(struct console *c, const struct err *e)
{
    const char *msg = e->msg[0] ? e->msg : "failed";
    if (e->code == ERR_BUSY)
        console_status(c, true, "%s — the database is busy, try again; nothing was lost", msg);
    else
        console_status(c, true, "%s", msg);
}

void console_cursor(struct console *c, int y, int x)
{
    c->cursor_y = y;
    c->cursor_x = x;
}

void console_layout(struct console *c)
{
    c->lines = LINES;
    c->cols = COLS;
    c->too_small = c->lines < UI_MIN_LINES || c->cols < UI_MIN_COLS;
    for (int i = 0; i < c->depth; i++)
        screen_place(c, c->stack[i]);
}

bool console_poll(struct console *c)
{
    c->last_poll_us = ui_now_us();
    int64_t v = app_data_version(c->app);
    if (v == c->data_version)
        return false;
    c->data_version = v;
    /* only what shows reloads now; a covered screen reloads when uncovered */
    int base = c->depth - 1;
    while (base > 0 && c->stack[base]->overlay)
        base--;
    int64_t stamp = console_stamp(c);
    for (int i = base < 0 ? 0 : base; i < c->depth; i++) {
        if (c->stack[i]->ops->reload)
            c->stack[i]->ops->reload(c->stack[i]);
        c->stack[i]->stamp = stamp;
    }
    return true;
}

/* ------------------------------------------------------- global keys */

static int global_help(void *target)
{
    struct console *c = target;
    c->cmd_open = false;
    console_push(c, help_new(c, console_top(c)));
    return UI_DRAW;
}

static int global_command(void *target)
{
    struct console *c = target;
    c->cmd_open = true;
    lineedit_clear(&c->cmd);
    return UI_DRAW;
}

/* Esc: one step back; on Home there is nothing behind, and Esc never leaves. */
static int global_back(void *target)
{
    struct console *c = target;
    if (c->depth <= 1) {
        console_status(c, false, "This is Home: q or F10 quits.");
        return UI_DRAW;
    }
    console_pop(c);
    return UI_DRAW;
}

/* q: closes the screen; on Home, where the key bar says Quit, it quits. */
static int global_close(void *target)
{
    struct console *c = target;
    if (c->depth <= 1)
        return console_request_quit(c);
    console_pop(c);
    return UI_DRAW;
}

static int global_redraw(void *target)
{
    (void)target;
    clearok(curscr, TRUE);
    return UI_LAYOUT;
}

static int global_quit(void *target)
{
    return console_request_quit(target);
}

static int global_go(struct console *c, const char *name)
{
    return command_run(c, name);
}

static int global_accounts(void *c)
{
    return global_go(c, "accounts");
}

static int global_customers(void *c)
{
    return global_go(c, "customers");
}

static int global_products(void *c)
{
    return global_go(c, "products");
}

static int global_orders(void *c)
{
    return global_go(c, "orders");
}

static int global_quotes(void *c)
{
    return global_go(c, "quotes");
}

static int global_approvals(void *c)
{
    return global_go(c, "approvals");
}

static int global_admin(void *c)
{
    return global_go(c, "admin");
}

static int global_fulfilment(void *c)
{
    return global_go(c, "fulfilment");
}

static const struct keydef global_keys[] = {
    {UA_HELP, global_help, KEYDEF_BAR, NULL},
    {UA_GO, global_command, KEYDEF_BAR, NULL},
    {UA_CLOSE, global_close, KEYDEF_BAR, NULL},
    {UA_BACK, global_back, 0, NULL},
    {UA_QUIT, global_quit, 0, NULL},
    {UA_REDRAW, global_redraw, 0, NULL},
    {UA_GO_ACCOUNTS, global_accounts, 0, NULL},
    {UA_GO_CUSTOMERS, global_customers, 0, NULL},
    {UA_GO_PRODUCTS, global_products, 0, NULL},
    {UA_GO_ORDERS, global_orders, 0, NULL},
    {UA_GO_QUOTES, global_quotes, 0, NULL},
    {UA_GO_APPROVALS, global_approvals, 0, NULL},
    {UA_GO_ADMIN, global_admin, 0, NULL},
    {UA_GO_FULFILMENT, global_fulfilment, 0, NULL},
};

/* On Home nothing lies behind: q quits, and the bar says so (these come
 * before the global keys and shadow theirs). */
static const struct keydef global_home_keys[] = {
    {UA_CLOSE, global_close, KEYDEF_BAR, "Quit"},
    {UA_BACK, global_back, 0, "Nothing (Home)"},
};

/* What stays reachable while typing: keys that are not text. */
static const struct keydef global_typing_keys[] = {
    {UA_HELP, global_help, KEYDEF_BAR, NULL},
    {UA_QUIT, global_quit, 0, NULL},
    {UA_REDRAW, global_redraw, 0, NULL},
};

static bool screen_typing(struct screen *s)
{
    return s && s->ops->typing && s->ops->typing(s);
}

/* ------------------------------------------------------------ quitting */

#define QUIT_TITLE "Quit?"

static int quit_confirmed(void *target)
{
    (void)target;
    return UI_QUIT;
}

/* The deepest screen holding text typed and not saved, or NULL. */
static struct screen *console_unsaved(struct console *c)
{
    for (int i = c->depth - 1; i >= 0; i--)
        if (c->stack[i]->ops->unsaved && c->stack[i]->ops->unsaved(c->stack[i]))
            return c->stack[i];
    return NULL;
}

int console_request_quit(struct console *c)
{
    struct screen *s = console_unsaved(c), *top = console_top(c);
    if (s == NULL)
        return UI_QUIT;
    if (top && top->overlay && strcmp(top->title, QUIT_TITLE) == 0)
        return UI_DONE; /* the question is on screen already */
    char text[300];
    snprintf(text, sizeof text, "What you typed in \"%s\" is not saved.\nQuit and lose it?", s->title);
    dialog_confirm(c, QUIT_TITLE, text, quit_confirmed, c);
    return UI_DRAW;
}
/* --------------------------------------------------- the command line */

static int command_line_close(void *target)
{
    struct console *c = target;
    c->cmd_open = false;
    return UI_DRAW;
}

static int command_line_run(void *target)
{
    struct console *c = target;
    char text[512];
    c->cmd_open = false;
    lineedit_get(&c->cmd, text, sizeof text);
    return command_run(c, text) | UI_DRAW;
}

static int command_line_complete(void *target)
{
    struct console *c = target;
    char text[512], done[512];
    lineedit_get(&c->cmd, text, sizeof text);
    if (command_complete(text, done, sizeof done))
        lineedit_set(&c->cmd, done);
    return UI_DRAW;
}

static const struct keydef command_line_keys[] = {
    {UA_ACCEPT, command_line_run, KEYDEF_BAR, "Go"},
    {UA_BACK, command_line_close, KEYDEF_BAR, "Cancel"},
    {UA_NEXT, command_line_complete, KEYDEF_BAR, "Complete"},
};

static int command_line_input(struct console *c, int key)
{
    lineedit_key(&c->cmd, key);
    if (c->cmd.len == 0 && key == UI_KEY_BACKSPACE)
        c->cmd_open = false; /* backspace over the ':' closes it, as in vi */
    return UI_DRAW;
}

/* ------------------------------------------------------------ dispatch */

int console_keytables(struct console *c, struct screen *s, struct keytable *out, int max)
{
    int n = 0;
    bool typing = c->cmd_open || screen_typing(s);
    if (c->cmd_open && s == console_top(c))
        out[n++] = (struct keytable)KEYTABLE("Go to (:)", command_line_keys, c);
    else if (s && s->ops->keytables)
        n = s->ops->keytables(s, out, max - 1);
    if (s == NULL || !s->overlay) {
        if (typing)
            out[n++] = (struct keytable)KEYTABLE("Everywhere", global_typing_keys, c);
        else if (c->depth <= 1 && n + 2 <= max)
            out[n++] = (struct keytable)KEYTABLE("On Home", global_home_keys, c);
        if (!typing)
            out[n++] = (struct keytable)KEYTABLE("Everywhere", global_keys, c);
    }
    for (int t = 0; t < n; t++) {
        out[t].typing = typing;
        out[t].modal = s != NULL && s->overlay;
    }
    return n;
}

/* Keys that cannot wait for a usable size: a quit with nothing to lose. */
static bool console_key_now(struct console *c, int key)
{
    return (key == UI_KEY_INTERRUPT || key == UI_KEY_F10) && console_unsaved(c) == NULL;
}

int console_dispatch(struct console *c, int key)
{
    if (c->too_small && !console_key_now(c, key)) {
        if (c->npending < UI_PENDING_MAX && key != UI_KEY_NONE)
            c->pending[c->npending++] = key; /* nothing is lost: keys wait for a usable size */
        return UI_DONE;
    }
    bool had_status = c->status[0] != '\0';
    c->status[0] = '\0';
    struct screen *s = console_top(c);
    int r;
    if (key == UI_KEY_INTERRUPT) {
        r = console_request_quit(c); /* Ctrl-C, whatever has the keys */
    } else {
        struct keytable tables[10] = {0};
        int n = console_keytables(c, s, tables, 10);
        const struct keytable *from = NULL;
        const struct keydef *d = keytables_find(tables, n, key, &from);
        r = d ? d->run(from->target) : UI_PASS;
        if ((r & UI_PASS) && c->cmd_open)
            r = command_line_input(c, key);
        else if ((r & UI_PASS) && s && s->ops->input)
            r = s->ops->input(s, key);
    }
    r &= ~UI_PASS;
    if (had_status || c->status[0])
        r |= UI_DRAW;
    return r;
}

int console_replay(struct console *c)
{
    int r = UI_DONE, n = c->npending;
    int keys[UI_PENDING_MAX];
    memcpy(keys, c->pending, (size_t)n * sizeof keys[0]);
    c->npending = 0;
    for (int i = 0; i < n && !c->too_small; i++) {
        r |= console_dispatch(c, keys[i]);
        if (r & UI_QUIT)
            return r;
        r |= console_apply_pops(c);
        if (r & UI_QUIT)
            return r;
    }
    return r;
}

/* --------------------------------------------------------------- chrome */

static void draw_header(struct console *c)
{
    char crumbs[512] = "", who[160];
    size_t used = 0;
    for (int i = 0; i < c->depth; i++) {
        if (c->stack[i]->overlay)
            continue;
        used += (size_t)snprintf(crumbs + used, sizeof crumbs - used, "%s%s", used ? ui_arrow() : " ",
                                 c->stack[i]->title);
        if (used >= sizeof crumbs)
            break;
    }
    const struct user *u = &c->app->user;
    snprintf(who, sizeof who, "%s (%s) ", u->full_name[0] ? u->full_name : u->login, role_name(u->role));
    int ww = text_width(who);
    if (ww > c->cols / 2)
        ww = c->cols / 2;
    draw_text(0, 0, c->cols - ww, crumbs, TEXT_LEFT, STYLE_HEADER);
    draw_text(0, c->cols - ww, ww, who, TEXT_RIGHT, STYLE_HEADER);
}

/* One key of the bar at x; returns the x after it, or -1 when it does not fit before end. */
static int draw_bar_key(int y, int x, int end, const struct keytable *t, const struct keydef *d)
{
    char shown[64];
    keydef_shown(d, t->typing, shown, sizeof shown);
    const char *label = keydef_label(d);
    int kw = text_width(shown), lw = text_width(label);
    if (kw == 0 || !keytable_binds(t, d))
        return x; /* its keys are text while typing, or it is not for this mode */
    if (x + kw + lw + 2 > end)
        return -1;
    draw_text(y, x, kw, shown, TEXT_LEFT, STYLE_KEY);
    draw_text(y, x + kw, lw + 2, label, TEXT_CENTER, STYLE_NORMAL);
    return x + kw + lw + 2;
}

/* The width a key takes in the bar. */
static int bar_key_width(const struct keytable *t, const struct keydef *d)
{
    char shown[64];
    keydef_shown(d, t->typing, shown, sizeof shown);
    return text_width(shown) + text_width(keydef_label(d)) + 2;
}

/* The first binding of an action in the tables (the one a key reaches). */
static const struct keydef *bar_find(const struct keytable *tables, int n, enum ui_action a,
                                     const struct keytable **table)
{
    for (int t = 0; t < n; t++)
        for (int i = 0; i < tables[t].n; i++)
            if (tables[t].defs[i].action == a && (tables[t].defs[i].flags & KEYDEF_BAR)) {
                *table = &tables[t];
                return &tables[t].defs[i];
            }
    return NULL;
}

/* The keys of the screen from its tables, in order; the way back (q) and the
 * help keep their places at the right end, whatever else must give way. */
static void draw_key_bar(struct console *c)
{
    struct keytable tables[10];
    int n = console_keytables(c, console_top(c), tables, 10), x = 0, y = c->lines - 1, end = c->cols;
    static const enum ui_action right[] = {UA_HELP, UA_CLOSE};
    const struct keydef *kept[2] = {NULL, NULL};
    draw_fill(y, 0, c->cols, STYLE_NORMAL);
    for (int k = 0; k < 2; k++) {
        const struct keytable *t = NULL;
        if ((kept[k] = bar_find(tables, n, right[k], &t)) != NULL) {
            end -= bar_key_width(t, kept[k]);
            draw_bar_key(y, end, c->cols, t, kept[k]);
        }
    }
    for (int t = 0; t < n; t++)
        for (int i = 0; i < tables[t].n; i++) {
            const struct keydef *d = &tables[t].defs[i];
            if (!(d->flags & KEYDEF_BAR) || d == kept[0] || d == kept[1] || keytables_shadowed(tables, t, i))
                continue;
            if ((x = draw_bar_key(y, x, end, &tables[t], d)) < 0)
                return;
        }
}

static void draw_status(struct console *c)
{
    int y = c->lines - 2;
    if (c->cmd_open) {
        char vis[1024];
        int col = lineedit_view(&c->cmd, c->cols - 2);
        lineedit_visible(&c->cmd, c->cols - 2, vis, sizeof vis);
        draw_text(y, 0, 1, ":", TEXT_LEFT, STYLE_NORMAL);
        draw_text(y, 1, c->cols - 1, vis, TEXT_LEFT, STYLE_NORMAL);
        console_cursor(c, y, 1 + col);
        return;
    }
    /* a message longer than the line takes the lines above it until the next key */
    int rows = draw_wrapped_lines(c->status, c->cols - 1);
    rows = rows > 3 ? 3 : rows;
    draw_wrapped(y - rows + 1, 0, c->cols - 1, rows, c->status, c->status_error ? STYLE_ERROR : STYLE_OK);
}

void console_draw_status(struct console *c)
{
    if (c->too_small || c->lines < 2)
        return;
    int y, x;
    getyx(stdscr, y, x);
    move(c->lines - 2, 0);
    clrtoeol();
    draw_status(c);
    move(y, x);
    refresh();
}

static void draw_centered(int y, int cols, const char *msg, enum ui_style style)
{
    int w = text_width(msg) < cols ? text_width(msg) : cols;
    if (w > 0 && y >= 0)
        draw_text(y, (cols - w) / 2, w, msg, TEXT_LEFT, style);
}

static void draw_too_small(struct console *c)
{
    char need[80], now[80];
    snprintf(need, sizeof need, "at least %dx%d is needed,", UI_MIN_COLS, UI_MIN_LINES);
    snprintf(now, sizeof now, "it is %dx%d now.", c->cols, c->lines);
    draw_centered(c->lines / 2 - 1, c->cols, "Please enlarge the terminal:", STYLE_ERROR);
    draw_centered(c->lines / 2, c->cols, need, STYLE_NORMAL);
    draw_centered(c->lines / 2 + 1, c->cols, now, STYLE_NORMAL);
}

void console_draw(struct console *c)
{
    c->cursor_y = c->cursor_x = -1;
    erase();
    if (c->too_small) {
        draw_too_small(c);
    } else {
        draw_header(c);
        int base = c->depth - 1;
        while (base > 0 && c->stack[base]->overlay)
            base--;
        for (int i = base < 0 ? 0 : base; i < c->depth; i++) {
            c->cursor_y = -1; /* only the top screen's text cursor shows */
            c->stack[i]->ops->draw(c->stack[i]);
        }
        draw_status(c);
        draw_key_bar(c);
    }
    if (c->cursor_y >= 0) {
        curs_set(1);
        move(c->cursor_y, c->cursor_x);
    } else {
        curs_set(0);
        move(c->lines - 1, c->cols - 1);
    }
    refresh();
}
