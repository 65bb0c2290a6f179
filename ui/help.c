/* The `?` help overlay: every key of the screen below, drawn from the same key
 * tables that dispatch them, section by section; the editing keys when the
 * screen below is typing; then the `:` names. Long lines wrap to the box, and
 * the text scrolls to its last line and no further. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/mem.h"
#include "src/base/text.h"
#include "ui/keys.h"
#include "ui/shell.h"

struct help_line {
    char *text;
    enum ui_style style;
};

struct help {
    struct screen base;
    struct help_line *lines; /* as written, before wrapping */
    int nlines, cap;
    struct help_line *shown; /* wrapped to the box's width */
    int nshown, width;
    int scroll;
    int rows; /* lines of text the box shows */
};

static void help_add(struct help *h, enum ui_style style, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void help_add(struct help *h, enum ui_style style, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (h->nlines == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 64;
        h->lines = xrealloc(h->lines, (size_t)h->cap * sizeof *h->lines);
    }
    h->lines[h->nlines++] = (struct help_line){xstrdup(buf), style};
}

/* One binding: its keys, its label, and whether it asks before it acts. */
static void help_add_binding(struct help *h, const struct keytable *t, const struct keydef *d)
{
    char shown[64], keys[128];
    keydef_shown(d, t->typing, shown, sizeof shown);
    if (shown[0] == '\0' || !keytable_binds(t, d))
        return; /* its keys are text while typing, or it is not for this mode */
    text_fit(shown, 12, TEXT_LEFT, keys, sizeof keys);
    help_add(h, STYLE_NORMAL, "  %s %s%s", keys, keydef_label(d),
             (keydef_action(d)->flags & ACTION_ASKS) ? " (asks first)" : "");
}

static void help_add_editing(struct help *h)
{
    help_add(h, STYLE_TITLE, "Editing a text");
    help_add(h, STYLE_NORMAL, "  The first character typed into a pre-filled field replaces its value.");
    for (int a = 0; a < UA_COUNT; a++)
        if (ui_actions[a].flags & ACTION_DOC) {
            char keys[128];
            text_fit(ui_actions[a].shown, 12, TEXT_LEFT, keys, sizeof keys);
            help_add(h, STYLE_NORMAL, "  %s %s", keys, ui_actions[a].label);
        }
    help_add(h, STYLE_NORMAL, "%s", "");
}

static void help_add_commands(struct help *h)
{
    char line[1024];
    size_t used = 0;
    help_add(h, STYLE_TITLE, "Go to (:) — Tab completes");
    used += (size_t)snprintf(line + used, sizeof line - used, " ");
    for (int k = 0; command_name(k) && used < sizeof line; k++)
        used += (size_t)snprintf(line + used, sizeof line - used, " :%s", command_name(k));
    if (used < sizeof line)
        snprintf(line + used, sizeof line - used, " :O-000123 :Q-001042 :ACCOUNT-CODE :SKU");
    help_add(h, STYLE_NORMAL, "%s", line);
}

static void help_free_shown(struct help *h)
{
    for (int i = 0; i < h->nshown; i++)
        free(h->shown[i].text);
    free(h->shown);
    h->shown = NULL;
    h->nshown = 0;
}

/* Wraps every line to width columns; a wrapped key line keeps its indent. */
static void help_wrap(struct help *h, int width)
{
    help_free_shown(h);
    h->width = width;
    int cap = 0;
    for (int i = 0; i < h->nlines; i++) {
        const char *p = h->lines[i].text;
        bool first = true;
        do {
            size_t next = 0, n = text_wrap(p, first ? width : width - 15, &next);
            if (h->nshown == cap) {
                cap = cap ? cap * 2 : 64;
                h->shown = xrealloc(h->shown, (size_t)cap * sizeof *h->shown);
            }
            char *t = xmalloc(n + 16);
            snprintf(t, n + 16, "%s%.*s", first ? "" : "               ", (int)n, p);
            h->shown[h->nshown++] = (struct help_line){t, h->lines[i].style};
            p += next;
            first = false;
        } while (*p);
    }
}

static int help_box_width(const struct screen *s)
{
    return s->w - 8 < 100 ? s->w - 8 : 100;
}

static int help_last_top(const struct help *h)
{
    return h->nshown > h->rows ? h->nshown - h->rows : 0;
}

static void help_layout(struct screen *s)
{
    struct help *h = (struct help *)s;
    help_wrap(h, help_box_width(s) - 4);
    h->rows = s->h - 4;
    if (h->scroll > help_last_top(h))
        h->scroll = help_last_top(h);
}

static void help_draw(struct screen *s)
{
    struct help *h = (struct help *)s;
    int w = help_box_width(s), bh = s->h - 2;
    int y = s->y + 1, x = s->x + (s->w - w) / 2;
    if (h->width != w - 4)
        help_layout(s);
    draw_box(y, x, bh, w, "Keys — q or Esc closes");
    for (int r = 0; r < h->rows && h->scroll + r < h->nshown; r++)
        draw_text(y + 1 + r, x + 2, w - 4, h->shown[h->scroll + r].text, TEXT_LEFT,
                  h->shown[h->scroll + r].style);
    if (h->nshown > h->rows) {
        char where[64];
        snprintf(where, sizeof where, " j k g G: %d-%d of %d ", h->scroll + 1, h->scroll + h->rows,
                 h->nshown);
        draw_text(y + bh - 1, x + w - text_width(where) - 2, text_width(where), where, TEXT_LEFT,
                  STYLE_TITLE);
    }
}

static int help_scroll(struct help *h, int by)
{
    int last = help_last_top(h);
    h->scroll = h->scroll + by < 0 ? 0 : (h->scroll + by > last ? last : h->scroll + by);
    return UI_DRAW;
}

static int help_down(void *t)
{
    return help_scroll(t, 1);
}

static int help_up(void *t)
{
    return help_scroll(t, -1);
}

static int help_page_down(void *t)
{
    struct help *h = t;
    return help_scroll(h, h->rows > 1 ? h->rows - 1 : 1);
}

static int help_page_up(void *t)
{
    struct help *h = t;
    return help_scroll(h, -(h->rows > 1 ? h->rows - 1 : 1));
}

static int help_first(void *t)
{
    return help_scroll(t, -((struct help *)t)->nshown);
}

static int help_last(void *t)
{
    return help_scroll(t, ((struct help *)t)->nshown);
}

static int help_close(void *t)
{
    console_pop(((struct screen *)t)->con);
    return UI_DRAW;
}

static const struct keydef help_keys[] = {
    {UA_DOWN, help_down, KEYDEF_BAR, "Scroll down"},
    {UA_UP, help_up, KEYDEF_BAR, "Scroll up"},
    {UA_PAGE_DOWN, help_page_down, 0, NULL},
    {UA_PAGE_UP, help_page_up, 0, NULL},
    {UA_FIRST, help_first, 0, "Top"},
    {UA_LAST, help_last, 0, "End"},
    {UA_CLOSE, help_close, KEYDEF_BAR, "Close"},
    {UA_BACK, help_close, 0, "Close"},
    {UA_HELP, help_close, 0, "Close"},
};

static int help_keytables(struct screen *s, struct keytable *out, int max)
{
    (void)max;
    out[0] = (struct keytable)KEYTABLE("Help", help_keys, s);
    return 1;
}

static int help_input(struct screen *s, int key)
{
    (void)s;
    (void)key;
    return UI_DONE; /* modal: other keys do nothing */
}

static void help_destroy(struct screen *s)
{
    struct help *h = (struct help *)s;
    help_free_shown(h);
    for (int i = 0; i < h->nlines; i++)
        free(h->lines[i].text);
    free(h->lines);
    free(h);
}

static const struct screen_ops help_ops = {
    .kind = "help",
    .layout = help_layout,
    .draw = help_draw,
    .keytables = help_keytables,
    .input = help_input,
    .destroy = help_destroy,
};

struct screen *help_new(struct console *c, struct screen *below)
{
    struct help *h = xcalloc(1, sizeof *h);
    struct keytable tables[10];
    screen_init(&h->base, &help_ops, c, "Help");
    h->base.overlay = true;
    int n = console_keytables(c, below, tables, 10);
    for (int t = 0; t < n; t++) {
        if (t == n - 1 && tables[t].typing)
            help_add_editing(h); /* the screen's keys, how to edit a text, then what works everywhere */
        help_add(h, STYLE_TITLE, "%s", tables[t].title);
        for (int i = 0; i < tables[t].n; i++)
            if (!keytables_shadowed(tables, t, i))
                help_add_binding(h, &tables[t], &tables[t].defs[i]);
        help_add(h, STYLE_NORMAL, "%s", "");
    }
    help_add_commands(h);
    return &h->base;
}
