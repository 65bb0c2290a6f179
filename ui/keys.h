/* Keys as data: the console's own key codes (no curses constants, so the
 * lookups and names are testable without a terminal) and the key tables each
 * screen and widget declares. One table draws the key bar, the `?` help and
 * dispatches the key, so the three cannot disagree. */
#ifndef COMPTOIR_UI_KEYS_H
#define COMPTOIR_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

/* Characters are their Unicode code point; named keys live above Unicode. */
enum ui_key {
    UI_KEY_NONE = 0,
    UI_KEY_TAB = '\t',
    UI_KEY_ENTER = '\n',
    UI_KEY_ESC = 27,
    UI_KEY_BASE = 0x110000,
    UI_KEY_UP = UI_KEY_BASE,
    UI_KEY_DOWN,
    UI_KEY_LEFT,
    UI_KEY_RIGHT,
    UI_KEY_PGUP,
    UI_KEY_PGDN,
    UI_KEY_HOME,
    UI_KEY_END,
    UI_KEY_BACKSPACE,
    UI_KEY_DELETE,
    UI_KEY_INSERT,
    UI_KEY_BTAB, /* shift-tab */
    UI_KEY_F1,
    UI_KEY_F2,
    UI_KEY_F5,
    UI_KEY_F10,
    UI_KEY_RESIZE,
    UI_KEY_OTHER /* a function key the console does not use */
};

#define UI_CTRL(c) ((c) & 0x1f)

/* What a handler changed; the loop redraws once after it. */
enum ui_result {
    UI_DONE = 0,        /* handled, nothing to redraw */
    UI_DRAW = 1 << 0,   /* redraw the screen */
    UI_LAYOUT = 1 << 1, /* lay the stack out again, then redraw */
    UI_QUIT = 1 << 2,   /* leave the console */
    UI_PASS = 1 << 3    /* not handled: try the next table */
};

/* A handler gets the object its table belongs to (a screen, a widget, the console). */
typedef int (*ui_handler)(void *target);

enum keydef_flags {
    KEYDEF_BAR = 1 << 0 /* shown in the key bar at the bottom */
};

struct keydef {
    int keys[3];       /* up to three keys for one action; 0 ends the list */
    const char *shown; /* as the key bar and help show them: "j ↓" */
    const char *name;  /* the action's name: "down" (also the trace's wording) */
    const char *label; /* a short label: "Down" */
    ui_handler run;
    unsigned flags;
};

/* One table in the chain a key walks through, and what its handlers get. */
struct keytable {
    const char *title; /* the help overlay's section: "List", "Everywhere" */
    const struct keydef *defs;
    int n;
    void *target;
};

/* The definition bound to key in the table, or NULL. */
const struct keydef *keydef_find(const struct keydef *defs, int n, int key);
/* Walks the tables in order; the first binding wins. *table gets its table. */
const struct keydef *keytables_find(const struct keytable *tables, int ntables, int key,
                                    const struct keytable **table);
/* A key's name for traces and help: "j", "Down", "C-l", "Esc", "Enter", "é". */
const char *ui_key_name(int key, char *buf, size_t len);
/* True for a key that inserts text (a printable character). */
bool key_is_text(int key);

#define KEYTABLE(title, defs, target) {(title), (defs), (int)(sizeof(defs) / sizeof((defs)[0])), (target)}

#endif
