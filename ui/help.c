/* The `?` help overlay: every key of the screen below, drawn from the same key
 * tables that dispatch them, section by section, then the `:` names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/mem.h"
#include "src/base/text.h"
#include "ui/keys.h"
#include "ui/shell.h"

struct help {
    struct screen base;
    struct keytable tables[9];
    int ntables;
    int scroll;
    int nlines;
};

/* Line i of the help text into out; returns its style. */
static enum ui_style help_line(const struct help *h, int i, char *out, size_t len)
{
    for (int t = 0; t < h->ntables; t++) {
        if (i == 0) {
            snprintf(out, len, "%s", h->tables[t].title);
            return STYLE_TITLE;
        }
        i--;
        if (i < h->tables[t].n) {
            const struct keydef *d = &h->tables[t].defs[i];
            char keys[64];
            text_fit(d->shown, 12, TEXT_LEFT, keys, sizeof keys);
            snprintf(out, len, "  %s %s", keys, d->label);
            return STYLE_NORMAL;
        }
        i -= h->tables[t].n;
        if (i == 0) {
            out[0] = '\0';
            return STYLE_NORMAL;
        }
        i--;
    }
    if (i == 0) {
        snprintf(out, len, "Go to (:)");
        return STYLE_TITLE;
    }
    size_t used = (size_t)snprintf(out, len, "  ");
    for (int k = 0; command_name(k) && used < len; k++)
        used += (size_t)snprintf(out + used, len - used, ":%s ", command_name(k));
    if (used < len)
        snprintf(out + used, len - used, ":O-000123 :CODE :SKU");
    return STYLE_NORMAL;
}

static void help_layout(struct screen *s)
{
    struct help *h = (struct help *)s;
    if (h->scroll > h->nlines - 1)
        h->scroll = h->nlines > 0 ? h->nlines - 1 : 0;
}

static void help_draw(struct screen *s)
{
    struct help *h = (struct help *)s;
    int w = s->w - 8 < 76 ? s->w - 8 : 76, bh = s->h - 2;
    int y = s->y + 1, x = s->x + (s->w - w) / 2;
    draw_box(y, x, bh, w, "Keys — q or Esc closes");
    char line[512];
    for (int r = 0; r < bh - 2 && h->scroll + r < h->nlines; r++) {
        enum ui_style st = help_line(h, h->scroll + r, line, sizeof line);
        draw_text(y + 1 + r, x + 2, w - 4, line, TEXT_LEFT, st);
    }
}

static int help_scroll(struct help *h, int by)
{
    h->scroll += by;
    if (h->scroll > h->nlines - 1)
        h->scroll = h->nlines - 1;
    if (h->scroll < 0)
        h->scroll = 0;
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

static int help_close(void *t)
{
    console_pop(((struct screen *)t)->con);
    return UI_DRAW;
}

static const struct keydef help_keys[] = {
    {{'j', UI_KEY_DOWN, UI_KEY_PGDN}, "j ↓", "down", "Scroll down", help_down, KEYDEF_BAR},
    {{'k', UI_KEY_UP, UI_KEY_PGUP}, "k ↑", "up", "Scroll up", help_up, KEYDEF_BAR},
    {{'q', UI_KEY_ESC, '?'}, "q", "close", "Close", help_close, KEYDEF_BAR},
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
    free(s);
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
    screen_init(&h->base, &help_ops, c, "Help");
    h->base.overlay = true;
    h->ntables = console_keytables(c, below, h->tables, 9);
    h->nlines = 2;
    for (int t = 0; t < h->ntables; t++)
        h->nlines += h->tables[t].n + 2;
    return &h->base;
}
