/* The command line: `comptoir [--db PATH] [--as USER] [COMMAND [ARGS]]`.
 * A front end over the core like the console: it never calls the store. */
#ifndef COMPTOIR_CLI_H
#define COMPTOIR_CLI_H

#include "src/base/err.h"

struct app;

/* Parses argv, runs a command, returns a sysexits.h code. */
int cli_main(int argc, char **argv);
/* The sysexits.h code for an error kind. */
int exit_code_for(enum err_code code);
/* The console entry point; main() wires it to ui_run so the core never links ncurses. */
extern int (*cli_console_entry)(struct app *app);

#endif
