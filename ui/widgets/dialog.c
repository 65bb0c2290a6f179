/* Confirm, message and pick dialogs as overlay screens, and the progress bar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/base/mem.h"
#include "src/base/text.h"
#include "ui/keys.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"

enum dialog_kind { DIALOG_CONFIRM, DIALOG_MESSAGE, DIALOG_PICK };

struct dialog {
    struct screen base;
    enum dialog_kind kind;
    char *text; /* owned; lines separated by '\n' */
    int nlines;
    int top;  /* the first line shown: a long message scrolls */
    int rows; /* lines shown at the last draw */
    int (*on_yes)(void *owner);
    int (*on_pick)(void *owner, const struct lookup_item *item);
    void *owner;
    struct lookup_item *items;
    int nitems;
    int64_t more; /* picks that match but were not offered */
    struct table_view_lite {
        int cursor, top;
    } list;
};

/* Lines of a text; a final line break ends the last line, it starts none. */
static int dialog_text_lines(const char *text)
{
    int n = 1;
    for (const char *p = text; *p; p++)
        n += *p == '\n' && p[1] != '\0';
    return n;
}

/* A pick list, and below it how many more match when not all were offered. */
static void dialog_draw_pick(struct dialog *d, int y, int x, int w, int rows)
{
    if (d->more)
        rows--;
    if (d->list.cursor < d->list.top)
        d->list.top = d->list.cursor;
    if (d->list.cursor >= d->list.top + rows)
        d->list.top = d->list.cursor - rows + 1;
    for (int r = 0; r < rows && d->list.top + r < d->nitems; r++) {
        int i = d->list.top + r;
        draw_text(y + r, x, w, d->items[i].label, TEXT_LEFT,
                  i == d->list.cursor ? STYLE_SELECTED : STYLE_NORMAL);
    }
    if (d->more > 1)
        draw_textf(y + rows, x, w, STYLE_DIM, "%s %lld more match: type more to narrow", text_ellipsis(),
                   (long long)d->more);
    else if (d->more)
        draw_textf(y + rows, x, w, STYLE_DIM, "%s more match: type more to narrow", text_ellipsis());
}

/* The widest line of the text, in columns. */
static int dialog_text_width(const char *text)
{
    int widest = 0;
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, "\n");
        char *line = xmalloc(n + 1);
        memcpy(line, p, n);
        line[n] = '\0';
        int w = text_width(line);
        widest = w > widest ? w : widest;
        free(line);
        p += n + (p[n] == '\n');
    }
    return widest;
}

/* Lines of the text once wrapped at width columns. */
static int dialog_wrapped_count(const char *text, int width)
{
    int n = 0;
    size_t next = 0;
    for (const char *p = text; *p; p += next, n++)
        text_wrap(p, width, &next);
    return n > 0 ? n : 1;
}

/* The wrapped lines of the message from d->top that fit; the hint says where the view is. */
static void dialog_draw_text(struct dialog *d, int y, int x, int w, int rows)
{
    d->rows = rows;
    d->nlines = dialog_wrapped_count(d->text, w);
    if (d->top > d->nlines - rows)
        d->top = d->nlines - rows > 0 ? d->nlines - rows : 0;
    const char *p = d->text;
    size_t next = 0;
    for (int skip = 0; skip < d->top && *p; skip++, p += next)
        text_wrap(p, w, &next);
    for (int r = 0; r < rows && *p; r++, p += next) {
        size_t n = text_wrap(p, w, &next);
        char *line = xmalloc(n + 1);
        memcpy(line, p, n);
        line[n] = '\0';
        draw_text(y + r, x, w, line, TEXT_LEFT, STYLE_NORMAL);
        free(line);
    }
}

/* The box's width: its text's widest line, within the screen (wider screens show more). */
static int dialog_width(const struct dialog *d, const struct screen *s)
{
    int want = 40;
    if (d->kind == DIALOG_PICK) {
        for (int i = 0; i < d->nitems; i++)
            want = text_width(d->items[i].label) + 4 > want ? text_width(d->items[i].label) + 4 : want;
    } else {
        want = dialog_text_width(d->text) + 4 > want ? dialog_text_width(d->text) + 4 : want;
    }
    int most = s->w - 10;
    return want < most ? want : most;
}

static void dialog_draw(struct screen *s)
{
    struct dialog *d = (struct dialog *)s;
    int w = dialog_width(d, s), inner = s->h - 6;
    int lines = d->kind == DIALOG_PICK ? d->nitems + (d->more ? 1 : 0) : dialog_wrapped_count(d->text, w - 4);
    int h = (lines < inner ? lines : inner) + 4;
    int y = s->y + (s->h - h) / 2, x = s->x + (s->w - w) / 2;
    draw_box(y, x, h, w, s->title);
    if (d->kind == DIALOG_PICK) {
        dialog_draw_pick(d, y + 2, x + 2, w - 4, h - 4);
        return;
    }
    dialog_draw_text(d, y + 2, x + 2, w - 4, h - 4);
    char hint[96];
    if (d->kind == DIALOG_CONFIRM)
        snprintf(hint, sizeof hint, "[y] yes   [n] no");
    else if (d->nlines > d->rows)
        snprintf(hint, sizeof hint, "[Enter] close  [j k g G] %d-%d of %d", d->top + 1, d->top + d->rows,
                 d->nlines);
    else
        snprintf(hint, sizeof hint, "[Enter] close");
    draw_text(y + h - 1, x + w - text_width(hint) - 3, text_width(hint) + 2, hint, TEXT_CENTER, STYLE_TITLE);
}

static int dialog_yes(void *p)
{
    struct dialog *d = p;
    console_close(d->base.con, &d->base);
    if (d->kind == DIALOG_PICK && d->on_pick && d->nitems > 0)
        return d->on_pick(d->owner, &d->items[d->list.cursor]) | UI_DRAW;
    if (d->kind == DIALOG_CONFIRM && d->on_yes)
        return d->on_yes(d->owner) | UI_DRAW;
    return UI_DRAW;
}

static int dialog_no(void *p)
{
    struct dialog *d = p;
    console_close(d->base.con, &d->base);
    return UI_DRAW;
}

static int dialog_move(struct dialog *d, int by)
{
    d->list.cursor += by;
    if (d->list.cursor >= d->nitems)
        d->list.cursor = d->nitems - 1;
    if (d->list.cursor < 0)
        d->list.cursor = 0;
    return UI_DRAW;
}

static int dialog_down(void *p)
{
    return dialog_move(p, 1);
}

static int dialog_first(void *p)
{
    return dialog_move(p, -((struct dialog *)p)->nitems);
}

static int dialog_last(void *p)
{
    return dialog_move(p, ((struct dialog *)p)->nitems);
}

static int dialog_up(void *p)
{
    return dialog_move(p, -1);
}

/* A long message scrolls by a line, a page, or to either end (clamped when drawn). */
static int dialog_scroll(struct dialog *d, int by)
{
    int last = d->nlines - d->rows > 0 ? d->nlines - d->rows : 0;
    d->top = d->top + by < 0 ? 0 : d->top + by > last ? last : d->top + by;
    return UI_DRAW;
}

static int dialog_line_down(void *p)
{
    return dialog_scroll(p, 1);
}

static int dialog_line_up(void *p)
{
    return dialog_scroll(p, -1);
}

static int dialog_page_down(void *p)
{
    struct dialog *d = p;
    return dialog_scroll(d, d->rows > 1 ? d->rows - 1 : 1);
}

static int dialog_page_up(void *p)
{
    struct dialog *d = p;
    return dialog_scroll(d, -(d->rows > 1 ? d->rows - 1 : 1));
}

static int dialog_text_start(void *p)
{
    return dialog_scroll(p, -((struct dialog *)p)->nlines);
}

static int dialog_text_end(void *p)
{
    return dialog_scroll(p, ((struct dialog *)p)->nlines);
}

static const struct keydef confirm_keys[] = {
    {UA_YES, dialog_yes, KEYDEF_BAR, NULL}, {UA_NO, dialog_no, KEYDEF_BAR, NULL},
    {UA_OK, dialog_yes, 0, "Yes"},          {UA_BACK, dialog_no, 0, "No"},
    {UA_CLOSE, dialog_no, 0, "No"},
};
static const struct keydef message_keys[] = {
    {UA_OK, dialog_no, KEYDEF_BAR, "Close"},    {UA_BACK, dialog_no, 0, "Close"},
    {UA_CLOSE, dialog_no, 0, "Close"},          {UA_DOWN, dialog_line_down, 0, "Scroll down"},
    {UA_UP, dialog_line_up, 0, "Scroll up"},    {UA_PAGE_DOWN, dialog_page_down, 0, NULL},
    {UA_PAGE_UP, dialog_page_up, 0, NULL},      {UA_FIRST, dialog_text_start, 0, "First line"},
    {UA_LAST, dialog_text_end, 0, "Last line"},
};
static const struct keydef pick_keys[] = {
    {UA_OK, dialog_yes, KEYDEF_BAR, "Pick"}, {UA_BACK, dialog_no, KEYDEF_BAR, "Cancel"},
    {UA_CLOSE, dialog_no, 0, "Cancel"},      {UA_DOWN, dialog_down, 0, "Next"},
    {UA_UP, dialog_up, 0, "Previous"},       {UA_FIRST, dialog_first, 0, "First"},
    {UA_LAST, dialog_last, 0, "Last"},
};

static int dialog_keytables(struct screen *s, struct keytable *out, int max)
{
    struct dialog *d = (struct dialog *)s;
    (void)max;
    switch (d->kind) {
    case DIALOG_CONFIRM: out[0] = (struct keytable)KEYTABLE("Confirm", confirm_keys, d); break;
    case DIALOG_MESSAGE: out[0] = (struct keytable)KEYTABLE("Message", message_keys, d); break;
    case DIALOG_PICK: out[0] = (struct keytable)KEYTABLE("Pick", pick_keys, d); break;
    }
    return 1;
}

/* A pick list takes the first letter of an item: the next item starting with it. */
static int dialog_pick_letter(struct dialog *d, int key)
{
    char typed[32];
    ui_key_name(key, typed, sizeof typed);
    bool here = strncasecmp(d->items[d->list.cursor].label, typed, strlen(typed)) == 0;
    for (int step = here ? 1 : 0; step <= d->nitems; step++) { /* this one, else the next */
        int i = (d->list.cursor + step) % d->nitems;
        if (strncasecmp(d->items[i].label, typed, strlen(typed)) == 0) {
            d->list.cursor = i;
            return UI_DRAW;
        }
    }
    return UI_DONE;
}

static int dialog_input(struct screen *s, int key)
{
    struct dialog *d = (struct dialog *)s;
    if (d->kind == DIALOG_PICK && key_is_text(key) && d->nitems > 0)
        return dialog_pick_letter(d, key);
    return UI_DONE; /* modal */
}

static void dialog_destroy(struct screen *s)
{
    struct dialog *d = (struct dialog *)s;
    free(d->items);
    free(d->text);
    free(d);
}

static const struct screen_ops dialog_ops = {
    .kind = "dialog",
    .draw = dialog_draw,
    .keytables = dialog_keytables,
    .input = dialog_input,
    .destroy = dialog_destroy,
};

static struct dialog *dialog_new(struct console *c, enum dialog_kind kind, const char *title,
                                 const char *text)
{
    struct dialog *d = xcalloc(1, sizeof *d);
    screen_init(&d->base, &dialog_ops, c, title);
    d->base.overlay = true;
    d->kind = kind;
    d->text = xstrdup(text);
    d->nlines = dialog_text_lines(d->text);
    return d;
}

void dialog_confirm(struct console *c, const char *title, const char *text, int (*on_yes)(void *owner),
                    void *owner)
{
    struct dialog *d = dialog_new(c, DIALOG_CONFIRM, title, text);
    d->on_yes = on_yes;
    d->owner = owner;
    console_push(c, &d->base);
}

void dialog_message(struct console *c, const char *title, const char *text)
{
    console_push(c, &dialog_new(c, DIALOG_MESSAGE, title, text)->base);
}

void dialog_pick(struct console *c, const char *title, const struct lookup_item *items, int n, int64_t more,
                 int (*on_pick)(void *owner, const struct lookup_item *item), void *owner)
{
    struct dialog *d = dialog_new(c, DIALOG_PICK, title, NULL);
    d->items = xcalloc((size_t)(n > 0 ? n : 1), sizeof *items);
    memcpy(d->items, items, (size_t)n * sizeof *items);
    d->nitems = n;
    d->more = more;
    d->on_pick = on_pick;
    d->owner = owner;
    console_push(c, &d->base);
}

void progress_draw(int y, int x, int width, int64_t done, int64_t total, const char *label)
{
    int bar = width / 2;
    int filled = total > 0 ? (int)(done * bar / total) : 0;
    if (filled > bar)
        filled = bar;
    draw_fill(y, x, filled, STYLE_SELECTED);
    draw_fill(y, x + filled, bar - filled, STYLE_FIELD);
    char pct[32];
    snprintf(pct, sizeof pct, " %3d %% ", total > 0 ? (int)(done * 100 / total) : 0);
    draw_text(y, x + bar, 7, pct, TEXT_LEFT, STYLE_NORMAL);
    draw_text(y, x + bar + 7, width - bar - 7, label, TEXT_LEFT, STYLE_NORMAL);
}
