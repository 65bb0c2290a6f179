/* ui/ — the ncurses console: the application shell (screen stack, key tables,
 * key bar, help, resize), reusable widgets (ui/widgets) and one file per screen
 * (ui/screens). Screens call the core (src/core.h) and never run SQL. Only ui/
 * includes curses headers; this public header includes none. */
#ifndef COMPTOIR_UI_H
#define COMPTOIR_UI_H

struct app;

/* Runs the console until the user quits; returns a sysexits.h code. The
 * terminal is restored on every exit. */
int ui_run(struct app *app);

#endif
