/* The console's life: the locale and the terminal set up, the main loop (read
 * a key, dispatch, redraw once), the data-version poll, the COMPTOIR_TRACE
 * timings, and the terminal restored on every way out — a normal quit, an
 * error, SIGINT/SIGTERM/SIGHUP and a crash. */
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "src/app.h"
#include "src/b2b/quotes.h"
#include "src/base/text.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/ui.h"
#include "ui/widgets/table.h"

int64_t ui_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The process start, as early as a program can see it: before main. */
static int64_t process_start_us;
__attribute__((constructor)) static void console_mark_start(void)
{
    process_start_us = ui_now_us();
}

/* ------------------------------------------------------------ signals */

/* Signal state has to be global: a handler gets no context. */
static volatile sig_atomic_t quit_signal;
static volatile sig_atomic_t interrupted; /* Ctrl-C: a quit that asks when work is unsaved */
static volatile sig_atomic_t curses_active;
static const int crash_signals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
#define NCRASH (int)(sizeof crash_signals / sizeof crash_signals[0])
static struct sigaction crash_previous[NCRASH];

static void on_quit_signal(int sig)
{
    if (sig == SIGINT)
        interrupted = 1;
    else
        quit_signal = sig;
}

/* A crash: give the terminal back first (endwin is not async-signal-safe, but a
 * wedged terminal is worse), then let the previous handler or the default
 * action (core dump, sanitizer report) happen. */
static void on_crash_signal(int sig, siginfo_t *info, void *context)
{
    (void)context;
    if (curses_active) {
        curses_active = 0;
        endwin();
    }
    for (int i = 0; i < NCRASH; i++)
        if (crash_signals[i] == sig)
            sigaction(sig, &crash_previous[i], NULL);
    if (info == NULL || info->si_code <= 0 || sig == SIGABRT)
        raise(sig); /* sent by kill or abort: delivered again once we return */
    /* a fault: returning runs the faulting instruction again, under the old action */
}

static void console_restore_at_exit(void)
{
    if (curses_active) {
        curses_active = 0;
        endwin();
    }
}

static void signals_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_quit_signal; /* no SA_RESTART: a waiting getch returns */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = NULL;
    sa.sa_sigaction = on_crash_signal;
    sa.sa_flags = SA_SIGINFO;
    for (int i = 0; i < NCRASH; i++)
        sigaction(crash_signals[i], &sa, &crash_previous[i]);
    atexit(console_restore_at_exit);
}

static void signals_restore(void)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    for (int i = 0; i < NCRASH; i++)
        sigaction(crash_signals[i], &crash_previous[i], NULL);
}

/* ------------------------------------------------------------ terminal */

/* The user's locale; when none is set at all, UTF-8 rather than ASCII, since
 * every terminal of today speaks it and names need their accents. */
static void console_locale(void)
{
    setlocale(LC_ALL, "");
    const char *vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && v[0])
            return;
    }
    if (!text_locale_utf8())
        setlocale(LC_CTYPE, "C.UTF-8");
}

static int terminal_start(void)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fputs("comptoir: the console needs a terminal (use the commands for scripts: comptoir --help)\n",
              stderr);
        return EX_USAGE;
    }
    /* newterm, unlike initscr, reports an unknown TERM instead of exiting */
    if (newterm(NULL, stdout, stdin) == NULL) {
        fprintf(stderr, "comptoir: cannot use terminal type '%s'\n", getenv("TERM") ? getenv("TERM") : "");
        return EX_UNAVAILABLE;
    }
    curses_active = 1;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    /* Ctrl-S saves a form: take it back from terminal flow control */
    struct termios tio;
    if (tcgetattr(STDIN_FILENO, &tio) == 0) {
        tio.c_iflag &= ~(tcflag_t)IXON;
        tcsetattr(STDIN_FILENO, TCSANOW, &tio);
        def_prog_mode();
    }
    intrflush(stdscr, FALSE);
    set_escdelay(25);
    timeout(UI_POLL_MS);
    const char *no_color = getenv("NO_COLOR");
    bool colour = has_colors() && !(no_color && no_color[0]);
    if (colour)
        colour = start_color() == OK;
    ui_styles_init(colour);
    return EX_OK;
}

static void terminal_stop(void)
{
    if (curses_active) {
        curses_active = 0;
        endwin();
    }
}

/* --------------------------------------------------------------- keys */

static int key_from_curses_code(wint_t code)
{
    static const struct {
        int curses, ui;
    } map[] = {
        {KEY_UP, UI_KEY_UP},       {KEY_DOWN, UI_KEY_DOWN},     {KEY_LEFT, UI_KEY_LEFT},
        {KEY_RIGHT, UI_KEY_RIGHT}, {KEY_PPAGE, UI_KEY_PGUP},    {KEY_NPAGE, UI_KEY_PGDN},
        {KEY_HOME, UI_KEY_HOME},   {KEY_END, UI_KEY_END},       {KEY_BACKSPACE, UI_KEY_BACKSPACE},
        {KEY_DC, UI_KEY_DELETE},   {KEY_IC, UI_KEY_INSERT},     {KEY_BTAB, UI_KEY_BTAB},
        {KEY_F(1), UI_KEY_F1},     {KEY_F(2), UI_KEY_F2},       {KEY_F(3), UI_KEY_F3},
        {KEY_F(4), UI_KEY_F4},     {KEY_F(5), UI_KEY_F5},       {KEY_F(6), UI_KEY_F6},
        {KEY_F(7), UI_KEY_F7},     {KEY_F(8), UI_KEY_F8},       {KEY_F(9), UI_KEY_F9},
        {KEY_F(10), UI_KEY_F10},   {KEY_RESIZE, UI_KEY_RESIZE}, {KEY_ENTER, UI_KEY_ENTER},
        {KEY_FIND, UI_KEY_HOME},   {KEY_SELECT, UI_KEY_END},    {KEY_A1, UI_KEY_HOME},
        {KEY_C1, UI_KEY_END},      {KEY_A3, UI_KEY_PGUP},       {KEY_C3, UI_KEY_PGDN},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if ((wint_t)map[i].curses == code)
            return map[i].ui;
    return UI_KEY_OTHER;
}

/* The next key in the console's codes, or UI_KEY_NONE after the poll time-out. */
static int console_read_key(void)
{
    wint_t ch;
    int rc = get_wch(&ch);
    if (rc == ERR)
        return UI_KEY_NONE;
    if (rc == KEY_CODE_YES)
        return key_from_curses_code(ch);
    if (ch == '\r')
        return UI_KEY_ENTER;
    if (ch == 127 || ch == 8)
        return UI_KEY_BACKSPACE;
    return (int)ch;
}

/* ------------------------------------------------------------- trace */

static void trace_open(struct console *c)
{
    const char *path = getenv("COMPTOIR_TRACE");
    if (path && path[0]) {
        c->trace = fopen(path, "a");
        if (c->trace)
            setvbuf(c->trace, NULL, _IOLBF, 0);
    }
}

static void trace_key(struct console *c, int key, int64_t started)
{
    char name[32];
    if (c->trace)
        fprintf(c->trace, "key=%s us=%lld\n", ui_key_name(key, name, sizeof name),
                (long long)(ui_now_us() - started));
}

/* ------------------------------------------------- lists behind the typing */

void console_table_behind(struct console *c, struct table *t)
{
    c->behind = t;
    c->behind_since = c->key_started;
}

void console_table_gone(struct console *c, const struct table *t)
{
    if (c->behind == t)
        c->behind = NULL;
    if (c->filling == t)
        c->filling = NULL;
}

/* A key waits to be read (or a signal asks to quit): the fetch running is
 * pointless. ncurses reads its input a byte at a time, so a key not read
 * yet is still on the terminal. */
static bool console_key_waiting(void *ctx)
{
    (void)ctx;
    struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
    return quit_signal != 0 || interrupted != 0 || poll(&in, 1, 0) > 0;
}

/* The rows of the list behind the typing, fetched while no key waits; a
 * key that comes meanwhile abandons the fetch, and it runs again for the
 * text as it then is. The trace says when the results were drawn, counted
 * from the key that asked for them. */
/* The rest of the page of a list caught up with one screen, while no key
 * waits; abandoned when one comes, and taken up again after it. */
static void console_fill(struct console *c)
{
    struct table *t = c->filling;
    if (t == NULL || console_key_waiting(c))
        return;
    int64_t started = ui_now_us();
    app_set_abandon(c->app, console_key_waiting, c);
    int rc = table_fill(t);
    app_set_abandon(c->app, NULL, NULL);
    if (rc == ERR_CANCELLED)
        return;
    c->filling = NULL;
    console_draw(c);
    if (c->trace)
        fprintf(c->trace, "filled rows=%d us=%lld\n", t->nrows, (long long)(ui_now_us() - started));
}

static void console_catch_up(struct console *c)
{
    struct table *t = c->behind;
    if (t == NULL) {
        console_fill(c);
        return;
    }
    if (console_key_waiting(c))
        return;
    int64_t started = ui_now_us();
    app_set_abandon(c->app, console_key_waiting, c);
    int rc = table_catch_up(t);
    app_set_abandon(c->app, NULL, NULL);
    if (rc == ERR_CANCELLED) {
        if (c->trace)
            fprintf(c->trace, "abandoned us=%lld\n", (long long)(ui_now_us() - started));
        return;
    }
    c->behind = NULL;
    c->filling = t->filling ? t : NULL;
    console_draw(c);
    if (c->trace)
        fprintf(c->trace, "results us=%lld\n", (long long)(ui_now_us() - c->behind_since));
}

/* -------------------------------------------------------- housekeeping */

/* Quotes past their date become expired while someone who may expire them (a
 * manager, an admin) has the console open: a batch before the first screen,
 * then a batch at a time while nobody types, so a backlog (a store reopened
 * after weeks, a restored copy) never keeps the console shut nor a key
 * waiting. `comptoir quote expire` from cron does the same without anyone.
 * A failure stops it for this session; it never keeps the console shut. */
#define EXPIRY_BATCH 10
#define EXPIRY_START_US 20000 /* before the first screen */
#define EXPIRY_IDLE_US 200000 /* per second of idling */

static void console_expire_quotes(struct console *c, int64_t budget_us)
{
    if (c->expiry_done)
        return;
    if (!rights_allows(c->app->user.role, ACT_QUOTE_EXPIRE)) {
        c->expiry_done = true;
        return;
    }
    int64_t start = ui_now_us();
    int total = 0;
    do {
        struct err e = {0};
        int n = 0;
        bool more = false;
        if (quote_expire_some(c->app, NULL, EXPIRY_BATCH, &n, &more, &e) != ERR_OK || !more)
            c->expiry_done = true;
        total += n;
    } while (!c->expiry_done && ui_now_us() - start < budget_us && !console_key_waiting(c));
    if (total > 0) {
        c->data_version = -1; /* our own commits: what shows reloads at the next poll */
        if (c->trace)
            fprintf(c->trace, "expired quotes=%d us=%lld\n", total, (long long)(ui_now_us() - start));
    }
}

/* ------------------------------------------------------------- waiting */

/* A save waits for someone else: the status line says whom, drawn alone (the
 * core is inside the save: no screen may read data now). The keys typed
 * meanwhile wait in the terminal and are read once the save returns. */
static void console_on_wait(void *ctx, const char *message)
{
    struct console *c = ctx;
    console_status(c, false, "%s", message ? message : "");
    console_draw_status(c);
}

/* ---------------------------------------------------------------- loop */

/* A usable size again: the keys typed meanwhile run now, in order. */
static int console_resized(struct console *c)
{
    console_layout(c);
    int r = UI_DRAW;
    if (!c->too_small && c->npending > 0) {
        r |= console_replay(c);
        console_layout(c);
    }
    return r;
}

/* The next key, Ctrl-C included (it arrives as SIGINT). */
static int console_next_key(void)
{
    if (interrupted) {
        interrupted = 0;
        return UI_KEY_INTERRUPT;
    }
    int key = console_read_key();
    if (key == UI_KEY_NONE && interrupted) {
        interrupted = 0;
        return UI_KEY_INTERRUPT;
    }
    return key;
}

static int console_loop(struct console *c)
{
    for (;;) {
        if (quit_signal)
            return 128 + quit_signal;
        console_catch_up(c);
        int key = console_next_key();
        if (key == UI_KEY_NONE || ui_now_us() - c->last_poll_us >= UI_POLL_MS * 1000) {
            if (key == UI_KEY_NONE)
                console_expire_quotes(c, EXPIRY_IDLE_US);
            if (console_poll(c))
                console_draw(c);
            if (key == UI_KEY_NONE)
                continue;
        }
        int64_t started = ui_now_us();
        c->key_started = started;
        int r = key == UI_KEY_RESIZE ? console_resized(c) : console_dispatch(c, key);
        r |= (r & UI_QUIT) ? 0 : console_apply_pops(c);
        if (r & UI_QUIT) /* Ctrl-C with nothing to lose leaves as interrupted programs do */
            return key == UI_KEY_INTERRUPT ? 128 + SIGINT : EX_OK;
        if (r & UI_LAYOUT)
            console_layout(c);
        if (r & (UI_DRAW | UI_LAYOUT))
            console_draw(c);
        trace_key(c, key, started);
    }
}

int ui_run(struct app *app)
{
    static struct console console; /* large (line editors): not on the stack */
    struct console *c = &console;
    memset(c, 0, sizeof *c);
    c->app = app;
    console_locale();
    signals_install();
    int rc = terminal_start();
    if (rc != EX_OK) {
        signals_restore();
        return rc;
    }
    trace_open(c);
    app_on_wait(app, console_on_wait, c);
    app_set_activity(app, "work in the console");
    c->data_version = app_data_version(app);
    c->last_poll_us = ui_now_us();
    c->lines = LINES;
    c->cols = COLS;
    console_layout(c);
    console_expire_quotes(c, EXPIRY_START_US);
    c->data_version = app_data_version(app);
    console_push(c, home_new(c));
    console_draw(c);
    if (c->trace)
        fprintf(c->trace, "ready us=%lld\n", (long long)(ui_now_us() - process_start_us));
    rc = console_loop(c);
    app_on_wait(app, NULL, NULL);
    console_free(c);
    terminal_stop();
    signals_restore();
    if (c->trace)
        fclose(c->trace);
    return rc;
}
