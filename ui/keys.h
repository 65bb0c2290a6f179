/* Keys as data: the console's own key codes (no curses constants, so the
 * lookups and names are testable without a terminal), the key map — every
 * action of the console with its keys, written once in ui/keymap.c — and the
 * key tables each screen and widget declares by naming actions. One table
 * draws the key bar, the `?` help and dispatches the key, so the three cannot
 * disagree; a screen cannot give a key a meaning of its own. */
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
    UI_KEY_F3,
    UI_KEY_F4,
    UI_KEY_F5,
    UI_KEY_F6,
    UI_KEY_F7,
    UI_KEY_F8,
    UI_KEY_F9,
    UI_KEY_F10,
    UI_KEY_RESIZE,
    UI_KEY_INTERRUPT, /* Ctrl-C (SIGINT), turned into a key by the loop */
    UI_KEY_OTHER      /* a function key the console does not use */
};

#define UI_CTRL(c) ((c)&0x1f)

/* What a handler changed; the loop redraws once after it. */
enum ui_result {
    UI_DONE = 0,        /* handled, nothing to redraw */
    UI_DRAW = 1 << 0,   /* redraw the screen */
    UI_LAYOUT = 1 << 1, /* lay the stack out again, then redraw */
    UI_QUIT = 1 << 2,   /* leave the console */
    UI_PASS = 1 << 3    /* not handled: try the next table */
};

/* ------------------------------------------------------------ the key map */

/* Every action of the console. Its keys, name and label live in one table
 * (ui/keymap.c); screens bind an action to a handler, never a raw key. */
enum ui_action {
    /* everywhere */
    UA_HELP,
    UA_GO,
    UA_BACK,
    UA_CLOSE,
    UA_QUIT,
    UA_REDRAW,
    UA_GO_ACCOUNTS,
    UA_GO_CUSTOMERS,
    UA_GO_PRODUCTS,
    UA_GO_ORDERS,
    UA_GO_QUOTES,
    UA_GO_APPROVALS,
    UA_GO_ADMIN,
    UA_GO_FULFILMENT,
    /* lists */
    UA_OPEN,
    UA_FILTER,
    UA_DOWN,
    UA_UP,
    UA_PAGE_DOWN,
    UA_PAGE_UP,
    UA_FIRST,
    UA_LAST,
    UA_SORT,
    UA_SORT_BACK,
    UA_REVERSE,
    UA_NEXT,
    UA_PREVIOUS,
    UA_FILTER_STATUS,
    UA_FILTER_STATUS_BACK,
    UA_FILTER_CHANNEL,
    UA_FILTER_DATES,
    /* records */
    UA_NEW,
    UA_EDIT,
    UA_REMOVE,
    UA_RELOAD,
    UA_STATUS,
    UA_ENABLE,
    UA_PRINT,
    UA_TIMELINE,
    UA_ADD_CONTACT,
    UA_PACKING,
    UA_OTHER_PANE,
    UA_CODES,
    /* orders */
    UA_SHIP,
    UA_DELIVER,
    /* quotes */
    UA_APPROVE,
    UA_REJECT,
    UA_COUNTER,
    UA_TERMS,
    UA_NOTES,
    UA_COMPARE,
    UA_OPEN_ORDER,
    UA_LINE_DOWN,
    UA_LINE_UP,
    UA_REVISION_A,
    UA_REVISION_B,
    UA_SWAP,
    /* while typing: forms, filter and command lines */
    UA_SAVE,
    UA_ACCEPT,
    UA_EDIT_LEFT,
    UA_EDIT_RIGHT,
    UA_EDIT_START,
    UA_EDIT_END,
    UA_EDIT_BACKSPACE,
    UA_EDIT_DELETE,
    UA_EDIT_KILL_END,
    UA_EDIT_KILL_START,
    UA_EDIT_KILL_WORD,
    /* Quick order (issue 10 builds the screen on these keys) */
    UA_QO_SHIPPING,
    UA_QO_GIFT,
    UA_QO_PAYMENT,
    UA_QO_COUPON,
    UA_QO_POINTS,
    UA_QO_BACKORDER,
    UA_QO_QUANTITY,
    /* dialogs and the help overlay */
    UA_OK,
    UA_YES,
    UA_NO,
    UA_COUNT
};

/* Where an action may be bound: the mode a table is in when a key reaches it. */
enum key_mode {
    KEYMODE_BROWSE = 1 << 0, /* a screen that is not typing: letters are keys */
    KEYMODE_TYPING = 1 << 1, /* a form, a filter or the command line: characters are text */
    KEYMODE_MODAL = 1 << 2   /* a dialog or the help over a screen */
};

enum ui_action_flags {
    ACTION_ASKS = 1 << 0,     /* changes a state or cannot be undone: asks before doing it */
    ACTION_DOC = 1 << 1,      /* done by the line editor itself: in the help, never in a table */
    ACTION_RESERVED = 1 << 2, /* reserved for a screen still to come (the key map keeps its keys) */
};

struct ui_action_def {
    int keys[4];       /* up to four keys; 0 ends the list */
    const char *shown; /* as the key bar and help show them outside typing: "j ↓" */
    const char *name;  /* one word for traces and the README: "down" */
    const char *label; /* the short label when a table gives none: "Down" */
    unsigned modes;    /* enum key_mode: where it may be bound */
    unsigned flags;    /* enum ui_action_flags */
    const char *where; /* for the README: the screens that bind it */
};

/* The key map: ui_actions[a] for every enum ui_action a. */
extern const struct ui_action_def ui_actions[UA_COUNT];

struct strbuf;
/* The key map as the README's tables, section by section (`make keymap`
 * writes it into README.md; a unit test fails when the two differ). */
void keymap_markdown(struct strbuf *out);

/* ---------------------------------------------------------- key tables */

/* A handler gets the object its table belongs to (a screen, a widget, the console). */
typedef int (*ui_handler)(void *target);

enum keydef_flags {
    KEYDEF_BAR = 1 << 0 /* shown in the key bar at the bottom */
};

/* One binding of a table: an action of the key map, what it does here and,
 * when the map's label is too general, what it is called here. */
struct keydef {
    enum ui_action action;
    ui_handler run;
    unsigned flags;
    const char *label; /* NULL: the map's label */
};

/* One table in the chain a key walks through, and what its handlers get. */
struct keytable {
    const char *title; /* the help overlay's section: "List", "Everywhere" */
    const struct keydef *defs;
    int n;
    void *target;
    bool typing; /* consulted while typing: its character keys are text, not bindings */
    bool modal;  /* a dialog's or the help's: only actions of the modal mode answer */
};

/* The key map's entry of a binding, its label here and its keys as shown
 * (text keys left out while typing: "Esc", not "q Esc"). */
const struct ui_action_def *keydef_action(const struct keydef *d);
const char *keydef_label(const struct keydef *d);
const char *keydef_shown(const struct keydef *d, bool typing, char *buf, size_t len);
/* True when the binding answers key (a character key never does while typing). */
bool keydef_has_key(const struct keydef *d, int key, bool typing);
/* The mode a table is consulted in (enum key_mode); a binding whose action the
 * key map does not allow there never answers, and the bar and help skip it. */
unsigned keytable_mode(const struct keytable *t);
bool keytable_binds(const struct keytable *t, const struct keydef *d);
/* The definition bound to key in the table, or NULL. */
const struct keydef *keydef_find(const struct keydef *defs, int n, int key);
/* True when an earlier binding of the chain takes the same action: this one
 * never runs, and the bar and help leave it out. */
bool keytables_shadowed(const struct keytable *tables, int t, int i);
/* Walks the tables in order; the first binding wins. *table gets its table. */
const struct keydef *keytables_find(const struct keytable *tables, int ntables, int key,
                                    const struct keytable **table);
/* A key's name for traces and help: "j", "Down", "C-l", "Esc", "Enter", "é". */
const char *ui_key_name(int key, char *buf, size_t len);
/* True for a key that inserts text (a printable character). */
bool key_is_text(int key);

#define KEYTABLE(title, defs, target)                                                                        \
    {                                                                                                        \
        (title), (defs), (int)(sizeof(defs) / sizeof((defs)[0])), (target), false, false                     \
    }

#endif
