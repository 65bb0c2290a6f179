/* Internals of the console shared by ui/, ui/widgets and ui/screens: the
 * screen interface and stack, styles, drawing helpers and the console's
 * services (status line, pushing and popping screens, jumping by name). Only
 * ui/ includes this header and curses. */
#ifndef COMPTOIR_UI_SHELL_H
#define COMPTOIR_UI_SHELL_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "src/app.h"
#include "src/base/err.h"
#include "src/base/text.h"
#include "ui/keys.h"
#include "ui/widgets/lineedit.h"

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24
#define UI_STACK_MAX 24
#define UI_POLL_MS 1000    /* how often the data version is looked at */
#define UI_PENDING_MAX 256 /* keys kept while the terminal is too small */

/* ---------------------------------------------------------------- styles */

enum ui_style {
    STYLE_NORMAL,
    STYLE_HEADER,
    STYLE_SELECTED,
    STYLE_KEY,
    STYLE_LABEL,
    STYLE_ERROR,
    STYLE_OK,
    STYLE_DIM,
    STYLE_TITLE,
    STYLE_FIELD,
    STYLE_FIELD_ACTIVE,
    STYLE_COLUMN_HEAD,
    STYLE_COUNT
};

/* Colours only when the terminal has them and NO_COLOR is unset; otherwise
 * bold, reverse and underline, which vt100 and linux consoles show. */
void ui_styles_init(bool colour);
attr_t ui_attr(enum ui_style s);

/* ------------------------------------------------------------- drawing */

/* Text fitted into exactly width columns at y, x. */
void draw_text(int y, int x, int width, const char *s, enum text_align align, enum ui_style style);
/* Like draw_text, printf-style, left-aligned. */
void draw_textf(int y, int x, int width, enum ui_style style, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void draw_fill(int y, int x, int width, enum ui_style style);
/* A framed box with a title, its inside cleared. */
void draw_box(int y, int x, int h, int w, const char *title);
/* A label and a value on one line: "Label  value". */
void draw_field(int y, int x, int label_width, int width, const char *label, const char *value);
/* Text wrapped at width columns (and at its line breaks): how many lines it takes. */
int draw_wrapped_lines(const char *s, int width);
/* Draws s wrapped into at most max_rows lines from y; the last line ends with
 * an ellipsis when more is left. Returns the lines drawn. */
int draw_wrapped(int y, int x, int width, int max_rows, const char *s, enum ui_style style);
/* The separator used between breadcrumb parts: "›" or ">". */
const char *ui_arrow(void);

/* -------------------------------------------------------------- screens */

struct console;
struct screen;

/* What a screen (or an overlay: dialog, help) does. Only draw is required. */
struct screen_ops {
    const char *kind; /* "accounts", "dialog" … */
    /* s->y/x/h/w were set: place the widgets. */
    void (*layout)(struct screen *s);
    void (*draw)(struct screen *s);
    /* The key tables of the screen in its current state, first match wins. */
    int (*keytables)(struct screen *s, struct keytable *out, int max);
    /* Keys no table took (typing into a field); UI_PASS when not taken. */
    int (*input)(struct screen *s, int key);
    /* The database changed (another terminal, or after a save below). */
    int (*reload)(struct screen *s);
    /* True while keys go into a text field: printable global keys (q, :, ?)
     * are then text, and the key bar and help must not offer them. */
    bool (*typing)(struct screen *s);
    /* True while it holds text typed and not saved: quitting asks first. */
    bool (*unsaved)(struct screen *s);
    void (*destroy)(struct screen *s);
};

struct screen {
    const struct screen_ops *ops;
    struct console *con;
    char title[96]; /* its part of the breadcrumb */
    int y, x, h, w; /* its area */
    bool overlay;   /* drawn over the screen below (dialogs, help) */
    bool closing;   /* leaves the stack once the running handler returns */
    int64_t stamp;  /* app_change_stamp when it last loaded its data */
};

struct console {
    struct app *app;
    struct screen *stack[UI_STACK_MAX];
    int depth;
    int lines, cols;
    bool too_small;
    char status[256];
    bool status_error;
    bool cmd_open; /* the ':' command line */
    struct lineedit cmd;
    int64_t data_version;
    int64_t last_poll_us;
    FILE *trace;
    int cursor_y, cursor_x;      /* where the text cursor shows after a draw; -1 = hidden */
    int pending[UI_PENDING_MAX]; /* keys typed while the terminal was too small */
    int npending;
    struct table *behind;  /* a list whose rows lag behind the filter typed (table_set_filter_later) */
    struct table *filling; /* a list caught up with one screen, the rest of its page to come (table_fill) */
    int64_t key_started;   /* when the key being handled was read */
    int64_t behind_since;  /* when the key that left them behind was read */
    bool expiry_done;      /* no quote is left to expire (or this user may not) */
};

void screen_init(struct screen *s, const struct screen_ops *ops, struct console *con, const char *title);
/* The breadcrumb part, cut to fit (at a character boundary). */
void screen_set_title(struct screen *s, const char *title);
void console_push(struct console *c, struct screen *s);
/* Closes the top screen (or s) once the running handler returns, so a handler
 * may close its own screen and push another in the same breath. */
void console_pop(struct console *c);
void console_close(struct console *c, struct screen *s);
struct screen *console_top(const struct console *c);
/* Closes everything above Home. */
void console_pop_to_home(struct console *c);
void console_status(struct console *c, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The core's message on the status line (field name included when there is one). */
void console_error(struct console *c, const struct err *e);
/* Gives every screen in the stack its area again (after a resize, a push). */
void console_layout(struct console *c);
/* Draws the whole console once: header, the visible screens, status, key bar. */
void console_draw(struct console *c);
/* Draws the status line alone, now: from inside a core call (a save waiting
 * for someone else), when nothing else may be drawn or read. */
void console_draw_status(struct console *c);
/* Runs one key through the command line, the top screen and the global keys. */
int console_dispatch(struct console *c, int key);
/* Runs the keys typed while the terminal was too small, in order, once it is
 * large enough again; what changed (UI_*). */
int console_replay(struct console *c);
/* Quitting (Q, F10, Ctrl-C, :quit, q on Home): UI_QUIT at once when nothing
 * typed is unsaved, otherwise asks first (a dialog whose yes quits). */
int console_request_quit(struct console *c);
/* Closes the screens marked closing; UI_QUIT when none is left. */
int console_apply_pops(struct console *c);
/* The database changed elsewhere: the screens in view reload; true when they did. */
bool console_poll(struct console *c);
/* Shows the text cursor at y, x after this draw (a field being edited). */
void console_cursor(struct console *c, int y, int x);
void console_free(struct console *c);

/* `:` — opens a screen by name or an object by number; what changed (UI_*).
 * An unknown name leaves a message on the status line. */
int command_run(struct console *c, const char *text);
/* Completes the command line text (Tab); true when it changed. */
bool command_complete(const char *typed, char *out, size_t len);
/* The i-th name `:` knows (its table is the one list of them), NULL past the last. */
const char *command_name(int i);

/* The key tables a key walks through on screen s: its own, then the
 * console's global keys. Used by dispatch and by the help overlay. */
int console_keytables(struct console *c, struct screen *s, struct keytable *out, int max);

/* The help overlay for the screen below it. */
struct screen *help_new(struct console *c, struct screen *below);

/* Microseconds of a monotonic clock. */
int64_t ui_now_us(void);

#endif
