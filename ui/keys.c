/* Key tables: lookup through a chain of tables (a binding answers the keys
 * the key map gives its action), and key names for help and traces. Pure: no
 * curses calls, so it is unit-tested without a terminal. */
#include <limits.h>
#include <stdio.h>
#include <wchar.h>
#include <wctype.h>

#include "ui/keys.h"

const struct ui_action_def *keydef_action(const struct keydef *d)
{
    return &ui_actions[d->action];
}

const char *keydef_label(const struct keydef *d)
{
    return d->label ? d->label : ui_actions[d->action].label;
}

/* The short name of a key in the bar: arrows as arrows. */
static const char *key_short_name(int key, char *buf, size_t len)
{
    switch (key) {
    case UI_KEY_DOWN: return "↓";
    case UI_KEY_UP: return "↑";
    case UI_KEY_LEFT: return "←";
    case UI_KEY_RIGHT: return "→";
    case UI_KEY_DELETE: return "Del";
    default: return ui_key_name(key, buf, len);
    }
}

const char *keydef_shown(const struct keydef *d, bool typing, char *buf, size_t len)
{
    const struct ui_action_def *a = keydef_action(d);
    if (!typing) {
        snprintf(buf, len, "%s", a->shown);
        return buf;
    }
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < 4 && a->keys[k] != 0 && used < len; k++) {
        char name[32];
        if (key_is_text(a->keys[k]) || a->keys[k] == UI_KEY_INTERRUPT)
            continue;
        used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? " " : "",
                                 key_short_name(a->keys[k], name, sizeof name));
    }
    return buf;
}

bool keydef_has_key(const struct keydef *d, int key, bool typing)
{
    if (key == UI_KEY_NONE || (typing && key_is_text(key)))
        return false;
    const struct ui_action_def *a = keydef_action(d);
    if (a->flags & ACTION_DOC)
        return false; /* the line editor does it */
    for (int k = 0; k < 4 && a->keys[k] != 0; k++)
        if (a->keys[k] == key)
            return true;
    return false;
}

const struct keydef *keydef_find(const struct keydef *defs, int n, int key)
{
    for (int i = 0; i < n; i++)
        if (keydef_has_key(&defs[i], key, false))
            return &defs[i];
    return NULL;
}

unsigned keytable_mode(const struct keytable *t)
{
    return t->typing ? KEYMODE_TYPING : (t->modal ? KEYMODE_MODAL : KEYMODE_BROWSE);
}

bool keytable_binds(const struct keytable *t, const struct keydef *d)
{
    return (keydef_action(d)->modes & keytable_mode(t)) != 0;
}

bool keytables_shadowed(const struct keytable *tables, int t, int i)
{
    const struct keydef *d = &tables[t].defs[i];
    for (int u = 0; u <= t; u++)
        for (int j = 0; j < (u == t ? i : tables[u].n); j++)
            if (tables[u].defs[j].action == d->action && keytable_binds(&tables[u], &tables[u].defs[j]))
                return true;
    return false;
}

const struct keydef *keytables_find(const struct keytable *tables, int ntables, int key,
                                    const struct keytable **table)
{
    for (int t = 0; t < ntables; t++)
        for (int i = 0; i < tables[t].n; i++)
            if (keytable_binds(&tables[t], &tables[t].defs[i]) &&
                keydef_has_key(&tables[t].defs[i], key, tables[t].typing)) {
                if (table)
                    *table = &tables[t];
                return &tables[t].defs[i];
            }
    return NULL;
}

static const struct {
    int key;
    const char *name;
} named_keys[] = {
    {UI_KEY_UP, "Up"},
    {UI_KEY_DOWN, "Down"},
    {UI_KEY_LEFT, "Left"},
    {UI_KEY_RIGHT, "Right"},
    {UI_KEY_PGUP, "PgUp"},
    {UI_KEY_PGDN, "PgDn"},
    {UI_KEY_HOME, "Home"},
    {UI_KEY_END, "End"},
    {UI_KEY_BACKSPACE, "Backspace"},
    {UI_KEY_DELETE, "Delete"},
    {UI_KEY_INSERT, "Insert"},
    {UI_KEY_BTAB, "S-Tab"},
    {UI_KEY_F1, "F1"},
    {UI_KEY_F2, "F2"},
    {UI_KEY_F3, "F3"},
    {UI_KEY_F4, "F4"},
    {UI_KEY_F5, "F5"},
    {UI_KEY_F6, "F6"},
    {UI_KEY_F7, "F7"},
    {UI_KEY_F8, "F8"},
    {UI_KEY_F9, "F9"},
    {UI_KEY_F10, "F10"},
    {UI_KEY_INTERRUPT, "C-c"},
    {UI_KEY_RESIZE, "Resize"},
    {UI_KEY_OTHER, "Other"},
    {UI_KEY_TAB, "Tab"},
    {UI_KEY_ENTER, "Enter"},
    {UI_KEY_ESC, "Esc"},
    {' ', "Space"},
    {127, "Backspace"},
};

const char *ui_key_name(int key, char *buf, size_t len)
{
    for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
        if (named_keys[i].key == key) {
            snprintf(buf, len, "%s", named_keys[i].name);
            return buf;
        }
    if (key > 0 && key < 32) {
        snprintf(buf, len, "C-%c", key + 'a' - 1);
        return buf;
    }
    if (key > 0 && key < 128) {
        snprintf(buf, len, "%c", key);
        return buf;
    }
    char mb[MB_LEN_MAX + 1];
    mbstate_t st = {0};
    size_t n = (key > 0 && key < UI_KEY_BASE) ? wcrtomb(mb, (wchar_t)key, &st) : (size_t)-1;
    if (n != (size_t)-1) {
        mb[n] = '\0';
        snprintf(buf, len, "%s", mb);
    } else {
        snprintf(buf, len, "U+%04X", (unsigned)key);
    }
    return buf;
}

bool key_is_text(int key)
{
    return key >= ' ' && key != 127 && key < UI_KEY_BASE && iswprint((wint_t)key);
}
