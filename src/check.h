/* `comptoir check`: SQLite's own checks and the core's invariants on top. */
#ifndef COMPTOIR_CHECK_H
#define COMPTOIR_CHECK_H

#include <stddef.h>

#include "src/base/err.h"

struct app;

/* integrity and foreign keys; problems appended as lines to buf, counted in *problems. */
int check_structure(struct app *app, char *buf, size_t len, int *problems, struct err *e);
/* The core's invariants on top of SQLite's checks; problems as lines in buf. */
int check_database(struct app *app, char *buf, size_t len, int *problems, struct err *e);

#endif
