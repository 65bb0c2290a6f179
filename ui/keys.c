/* Key tables: lookup through a chain of tables, and key names for help and
 * traces. Pure: no curses calls, so it is unit-tested without a terminal. */
#include <limits.h>
#include <stdio.h>
#include <wchar.h>
#include <wctype.h>

#include "ui/keys.h"

const struct keydef *keydef_find(const struct keydef *defs, int n, int key)
{
    if (key == UI_KEY_NONE)
        return NULL;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < 3 && defs[i].keys[k] != 0; k++)
            if (defs[i].keys[k] == key)
                return &defs[i];
    return NULL;
}

const struct keydef *keytables_find(const struct keytable *tables, int ntables, int key,
                                    const struct keytable **table)
{
    for (int t = 0; t < ntables; t++) {
        const struct keydef *d = keydef_find(tables[t].defs, tables[t].n, key);
        if (d != NULL) {
            if (table)
                *table = &tables[t];
            return d;
        }
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
    {UI_KEY_F5, "F5"},
    {UI_KEY_F10, "F10"},
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
