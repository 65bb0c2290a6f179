/* The form widget: fields drawn as label / value rows, one line editor per
 * field, moves between fields, choices and lookups, and validation messages
 * next to the field at fault. The text stays until the owner replaces it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/rows.h"
#include "src/base/text.h"
#include "ui/keys.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"
#include "ui/widgets/lineedit.h"

void form_init(struct form *f, struct console *con, void *owner)
{
    memset(f, 0, sizeof *f);
    f->con = con;
    f->owner = owner;
}

struct form_field *form_add(struct form *f, const char *name, const char *label, enum field_kind kind,
                            int max_chars)
{
    if (f->n >= FORM_MAX_FIELDS)
        return NULL;
    struct form_field *fl = &f->fields[f->n++];
    memset(fl, 0, sizeof *fl);
    fl->name = name;
    fl->label = label;
    fl->kind = kind;
    fl->edit.max = max_chars;
    return fl;
}

struct form_field *form_field(struct form *f, const char *name)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            return &f->fields[i];
    return NULL;
}

void form_set(struct form *f, const char *name, const char *text)
{
    struct form_field *fl = form_field(f, name);
    if (fl) {
        lineedit_set(&fl->edit, text ? text : "");
        fl->prefilled = fl->edit.len > 0;
    }
}

void form_set_money(struct form *f, const char *name, int64_t minor)
{
    char buf[64];
    money_format_plain(minor, buf, sizeof buf);
    form_set(f, name, buf);
}

void form_set_int(struct form *f, const char *name, int64_t value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)value);
    form_set(f, name, buf);
}

void form_set_choice(struct form *f, const char *name, const char *value)
{
    struct form_field *fl = form_field(f, name);
    if (fl == NULL || fl->choices == NULL)
        return;
    for (int i = 0; fl->choices[i]; i++)
        if (strcmp(fl->choices[i], value) == 0)
            fl->choice = i;
}

void form_get(const struct form *f, const char *name, char *out, size_t len)
{
    out[0] = '\0';
    for (int i = 0; i < f->n; i++) {
        const struct form_field *fl = &f->fields[i];
        if (strcmp(fl->name, name) != 0)
            continue;
        if (fl->kind == FIELD_CHOICE && fl->choices)
            snprintf(out, len, "%s", fl->choices[fl->choice]);
        else
            lineedit_get(&fl->edit, out, len);
        /* surrounding blanks are never meant */
        size_t n = strlen(out), start = 0;
        while (n > 0 && out[n - 1] == ' ')
            out[--n] = '\0';
        while (out[start] == ' ')
            start++;
        memmove(out, out + start, n - start + 1);
        return;
    }
}

void form_clear_errors(struct form *f)
{
    for (int i = 0; i < f->n; i++)
        f->fields[i].error[0] = '\0';
}

bool form_show_error(struct form *f, const struct err *e)
{
    form_clear_errors(f);
    if (e->field[0] == '\0')
        return false;
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->fields[i].name, e->field) == 0) {
            snprintf(f->fields[i].error, sizeof f->fields[i].error, "%s", e->msg);
            f->current = i;
            return true;
        }
    return false;
}

int form_get_int(struct form *f, const char *name, int64_t *out, struct err *e)
{
    char text[64], *end = NULL;
    form_get(f, name, text, sizeof text);
    long long v = strtoll(text, &end, 10);
    if (text[0] == '\0' || end == NULL || *end != '\0')
        return err_set(e, ERR_INVALID, name, "must be a whole number");
    *out = v;
    return ERR_OK;
}

int form_get_money(struct form *f, const char *name, int64_t *out, struct err *e)
{
    char text[64];
    form_get(f, name, text, sizeof text);
    int rc = money_parse(text, out, e);
    if (rc != ERR_OK)
        snprintf(e->field, sizeof e->field, "%s", name);
    return rc;
}

/* ------------------------------------------------------------ drawing */

static int form_label_width(const struct form *f)
{
    int w = 8;
    for (int i = 0; i < f->n; i++)
        if (text_width(f->fields[i].label) > w)
            w = text_width(f->fields[i].label);
    return w > 22 ? 22 : w;
}

static int form_value_width(const struct form *f)
{
    int w = (f->w - form_label_width(f) - 3) * 3 / 5; /* the rest shows messages */
    return w > 50 ? 50 : (w < 10 ? 10 : w);
}

/* The columns of a field's value box: the unit, when it has one, stands after it. */
static int form_box_width(const struct form *f, const struct form_field *fl)
{
    int vw = form_value_width(f);
    return fl->unit ? vw - text_width(fl->unit) - 1 : vw;
}

void form_layout(struct form *f, int y, int x, int h, int w)
{
    f->y = y;
    f->x = x;
    f->h = h < 1 ? 1 : h;
    f->w = w;
    if (f->current < f->scroll)
        f->scroll = f->current;
    if (f->current >= f->scroll + f->h)
        f->scroll = f->current - f->h + 1;
}

static void form_draw_field(struct form *f, int i, int y)
{
    struct form_field *fl = &f->fields[i];
    int lw = form_label_width(f), vw = form_box_width(f, fl), vx = f->x + lw + 2;
    bool active = i == f->current;
    enum ui_style field_style = fl->readonly ? STYLE_DIM : (active ? STYLE_FIELD_ACTIVE : STYLE_FIELD);
    if (active && fl->prefilled && !fl->readonly)
        field_style = STYLE_SELECTED; /* typing replaces it, as a selection would */
    draw_text(y, f->x, lw, fl->label, TEXT_LEFT, active ? STYLE_TITLE : STYLE_LABEL);
    char vis[2048];
    if (fl->kind == FIELD_CHOICE && fl->choices) {
        char c[160];
        snprintf(c, sizeof c, "< %s >", fl->choices[fl->choice]);
        draw_text(y, vx, vw, fl->readonly ? fl->choices[fl->choice] : c, TEXT_LEFT,
                  active ? STYLE_FIELD_ACTIVE : STYLE_FIELD);
    } else {
        int col = active ? lineedit_view(&fl->edit, vw) : (fl->edit.scroll = 0, 0);
        lineedit_visible(&fl->edit, vw, vis, sizeof vis);
        draw_text(y, vx, vw, vis, TEXT_LEFT, field_style);
        if (active && !fl->readonly)
            console_cursor(f->con, y, vx + col);
    }
    if (fl->unit)
        draw_text(y, vx + vw + 1, text_width(fl->unit), fl->unit, TEXT_LEFT, STYLE_LABEL);
    int ex = vx + form_value_width(f) + 1, ew = f->x + f->w - ex;
    if (fl->error[0] && ew > 3)
        draw_text(y, ex, ew, fl->error, TEXT_LEFT, STYLE_ERROR);
    else if (fl->readonly && ew > 3)
        draw_text(y, ex, ew, "read only", TEXT_LEFT, STYLE_DIM);
    else if (active && fl->kind == FIELD_LOOKUP && ew > 3)
        draw_text(y, ex, ew, "Enter: find", TEXT_LEFT, STYLE_DIM);
}

void form_draw(struct form *f)
{
    form_layout(f, f->y, f->x, f->h, f->w);
    for (int r = 0; r < f->h && f->scroll + r < f->n; r++)
        form_draw_field(f, f->scroll + r, f->y + r);
}

/* ---------------------------------------------------------------- keys */

static int form_move(struct form *f, int dir)
{
    int i = f->current;
    for (int step = 0; step < f->n; step++) {
        i = (i + dir + f->n) % f->n;
        if (!f->fields[i].readonly)
            break;
    }
    f->current = i;
    form_layout(f, f->y, f->x, f->h, f->w);
    return UI_DRAW;
}

static int form_key_next(void *p)
{
    return form_move(p, 1);
}

static int form_key_prev(void *p)
{
    return form_move(p, -1);
}

static int form_key_save(void *p)
{
    struct form *f = p;
    return f->on_save ? f->on_save(f->owner) : UI_DONE;
}

static int form_key_cancel(void *p)
{
    struct form *f = p;
    return f->on_cancel ? f->on_cancel(f->owner) : UI_DONE;
}

static int form_lookup_picked(void *owner, const struct lookup_item *item)
{
    struct form *f = owner;
    struct form_field *fl = &f->fields[f->current];
    lineedit_set(&fl->edit, item->value);
    fl->lookup_id = item->id;
    fl->prefilled = false;
    fl->touched = true;
    fl->error[0] = '\0';
    f->dirty = true;
    return form_move(f, 1); /* found: on to the next field */
}

int form_enter(struct form *f)
{
    struct form_field *fl = &f->fields[f->current];
    if (fl->kind != FIELD_LOOKUP || fl->lookup == NULL || fl->readonly)
        return form_move(f, 1);
    struct rows found = {0};
    struct err e = {0};
    char text[256];
    lineedit_get(&fl->edit, text, sizeof text);
    if (fl->lookup(fl->lookup_ctx, text, &found, LOOKUP_MAX, &e) != ERR_OK)
        snprintf(fl->error, sizeof fl->error, "%s", e.msg);
    else if (found.n == 0)
        snprintf(fl->error, sizeof fl->error, "nothing matches '%.200s'", text);
    else if (found.n == 1 && found.more == 0)
        form_lookup_picked(f, found.items);
    else
        dialog_pick(f->con, fl->label, found.items, found.n, found.more, form_lookup_picked, f);
    rows_free(&found);
    return UI_DRAW;
}

static int form_key_enter(void *p)
{
    return form_enter(p);
}

static int form_choice_step(struct form *f, int dir)
{
    struct form_field *fl = &f->fields[f->current];
    int n = 0;
    while (fl->choices[n])
        n++;
    fl->choice = (fl->choice + dir + n) % n;
    fl->touched = true;
    f->dirty = true;
    return UI_DRAW;
}

static const struct keydef form_keys[] = {
    {UA_SAVE, form_key_save, KEYDEF_BAR, NULL},
    {UA_BACK, form_key_cancel, KEYDEF_BAR, "Cancel"},
    {UA_NEXT, form_key_next, KEYDEF_BAR, "Next field"},
    {UA_PREVIOUS, form_key_prev, 0, "Previous field"},
    {UA_DOWN, form_key_next, 0, "Next field"},
    {UA_UP, form_key_prev, 0, "Previous field"},
    {UA_ACCEPT, form_key_enter, 0, "Next field; in a lookup, find"},
};

bool form_lookup_pending(const struct form *f)
{
    if (f->n == 0)
        return false;
    const struct form_field *fl = &f->fields[f->current];
    return fl->kind == FIELD_LOOKUP && !fl->readonly && fl->lookup_id == 0 && fl->edit.len > 0;
}

int form_keytables(struct form *f, struct keytable *out, int max)
{
    if (max < 1)
        return 0;
    out[0] = (struct keytable)KEYTABLE("Form", form_keys, f);
    return 1;
}

/* Whether a typed character belongs in a field of this kind. */
static bool form_accepts(enum field_kind kind, int key)
{
    if (!key_is_text(key))
        return true; /* editing keys */
    switch (kind) {
    case FIELD_NUMBER: return (key >= '0' && key <= '9') || key == '-';
    case FIELD_DATE: return (key >= '0' && key <= '9') || key == '-';
    case FIELD_MONEY:
        return (key >= '0' && key <= '9') || key == '-' || key == '.' || key == ',' || key == ' ';
    default: return true;
    }
}

int form_input(struct form *f, int key)
{
    if (f->n == 0)
        return UI_PASS;
    struct form_field *fl = &f->fields[f->current];
    if (fl->readonly)
        return key_is_text(key) ? UI_DONE : UI_PASS;
    if (fl->kind == FIELD_CHOICE && fl->choices) {
        if (key == UI_KEY_LEFT)
            return form_choice_step(f, -1);
        if (key == UI_KEY_RIGHT || key == ' ')
            return form_choice_step(f, 1);
        return key_is_text(key) ? UI_DONE : UI_PASS;
    }
    if (!form_accepts(fl->kind, key))
        return UI_DONE;
    if (fl->prefilled && key_is_text(key))
        lineedit_clear(&fl->edit); /* the first character typed replaces a given value */
    bool text_key = key_is_text(key) || key == UI_KEY_BACKSPACE || key == UI_KEY_DELETE ||
                    key == UI_CTRL('k') || key == UI_CTRL('u') || key == UI_CTRL('w') ||
                    key == UI_CTRL('d') || key == UI_CTRL('h');
    if (!lineedit_key(&fl->edit, key))
        return UI_PASS;
    fl->prefilled = false;
    if (text_key)
        fl->touched = true; /* the text changed, not only the cursor */
    f->dirty = true;
    if (fl->kind == FIELD_LOOKUP)
        fl->lookup_id = 0; /* the text no longer names what was picked */
    return UI_DRAW;
}

void form_refill(struct form *f, void (*fill)(struct form *f, const void *record), const void *record)
{
    struct form_field *kept = xmalloc(sizeof f->fields);
    memcpy(kept, f->fields, sizeof f->fields);
    int current = f->current;
    fill(f, record);
    for (int i = 0; i < f->n; i++)
        if (kept[i].touched) {
            f->fields[i].edit = kept[i].edit;
            f->fields[i].choice = kept[i].choice;
            f->fields[i].lookup_id = kept[i].lookup_id;
            f->fields[i].prefilled = false;
            f->fields[i].touched = true;
        }
    f->current = current;
    free(kept);
}
