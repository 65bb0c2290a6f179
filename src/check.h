/* `comptoir check`: SQLite's own checks and the core's invariants on top. */
#ifndef COMPTOIR_CHECK_H
#define COMPTOIR_CHECK_H

#include <stddef.h>

#include "src/base/err.h"
#include "src/base/strbuf.h"

struct app;

/* Each appends a line per problem to the report (a growing string: nothing
 * is cut) and counts it in *problems. SQLite's integrity and foreign keys: */
int check_structure(struct app *app, struct strbuf *report, int *problems, struct err *e);
/* The core's invariants on top of SQLite's checks. */
int check_database(struct app *app, struct strbuf *report, int *problems, struct err *e);
/* Builds the search indexes and the sort keys again from their tables
 * (another program changed them); an admin's (ACT_SETTINGS). */
int check_repair(struct app *app, struct err *e);
/* The same, and the audit log must hold audit_head (a hash kept from
 * `comptoir audit head`) unbroken: nothing up to it was changed. */
int check_database_head(struct app *app, const char *audit_head, struct strbuf *report, int *problems,
                        struct err *e);

#endif
