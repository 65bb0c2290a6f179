/* The fixture of the reports' unit tests (test_report*.c): a test database
 * at a fixed moment (Friday 27 November 2026, 10:00 UTC) with the rows a
 * test file writes by hand, a raw handle on it, and its people as apps. */
#ifndef COMPTOIR_TESTS_REPORT_FIXTURE_H
#define COMPTOIR_TESTS_REPORT_FIXTURE_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "src/b2c/report.h"
#include "testutil.h"

struct fixture {
    char path[64];
    struct db *db;
    sqlite3 *raw;
    struct app alice, bruno, chloe, david, root;
};

static inline void raw(struct fixture *f, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(f->raw, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
}

/* setup: a fresh fixture with the statements of data (n of them) run. */
static inline int report_fixture_setup(void **state, const char *const *data, size_t n)
{
    setenv("COMPTOIR_NOW", "2026-11-27T10:00:00Z", 1);
    setenv("TZ", "UTC", 1);
    tzset();
    struct fixture *f = xcalloc(1, sizeof *f);
    f->db = test_db_new(f->path);
    if (sqlite3_open(f->path, &f->raw) != SQLITE_OK)
        return -1;
    sqlite3_busy_timeout(f->raw, 2000);
    for (size_t i = 0; i < n; i++)
        raw(f, data[i]);
    f->alice = test_app_as(f->db, "alice");
    f->bruno = test_app_as(f->db, "bruno");
    f->chloe = test_app_as(f->db, "chloe");
    f->david = test_app_as(f->db, "david");
    f->root = test_app_as(f->db, "root");
    *state = f;
    return 0;
}

static inline int teardown(void **state)
{
    struct fixture *f = *state;
    sqlite3_close(f->raw);
    db_close(&f->db);
    test_db_remove(f->path);
    free(f);
    unsetenv("COMPTOIR_NOW");
    return 0;
}

/* Runs report k as app over from … to; fails the test when it cannot. */
static inline void run_report(struct app *app, enum report_kind k, const char *from, const char *to,
                              int64_t account, struct report *r)
{
    struct report_query q = {.account_id = account};
    snprintf(q.from, sizeof q.from, "%s", from);
    snprintf(q.to, sizeof q.to, "%s", to);
    struct err e = {0};
    if (report_run(app, k, &q, r, &e) != ERR_OK)
        fail_msg("report %s: %s", report_names[k], e.msg);
}

#endif
