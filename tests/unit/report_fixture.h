/* The fixture of the reports' unit tests (test_report*.c): a test database
 * at a fixed moment (Friday 27 November 2026, 10:00 UTC) with the rows a
 * test file writes by hand, a raw handle on it, and its people as apps. */
#ifndef COMPTOIR_TESTS_REPORT_FIXTURE_H
#define COMPTOIR_TESTS_REPORT_FIXTURE_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/b2c/b2c_hooks.h"
#include "src/b2c/report.h"
#include "src/base/strbuf.h"
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

/* The rows of sql (bound: ?1 the first day, ?2 the last, ?3 the rep or 0)
 * as "first=second/third/…" joined by spaces. */
static inline void rows_text(struct fixture *f, const char *sql, const char *from, const char *to,
                             int64_t rep, char *out, size_t len)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(f->raw, sql, -1, &s, NULL) != SQLITE_OK)
        fail_msg("%s", sqlite3_errmsg(f->raw));
    sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, rep);
    size_t n = 0;
    out[0] = '\0';
    while (sqlite3_step(s) == SQLITE_ROW && n < len) {
        n += (size_t)snprintf(out + n, len - n, "%s%s=", n ? " " : "",
                              (const char *)sqlite3_column_text(s, 0));
        for (int c = 1; c < sqlite3_column_count(s) && n < len; c++)
            n += (size_t)snprintf(out + n, len - n, "%s%lld", c > 1 ? "/" : "", sqlite3_column_int64(s, c));
    }
    sqlite3_finalize(s);
}

/* Section s of a report (its total rows left out) as rows_text says them:
 * the first cell, then the values of columns cols. */
static inline void cells_text(const struct report *r, int s, const int *cols, int ncols, char *out,
                              size_t len)
{
    const struct report_row *rows = r->sections[s].rows.items;
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < r->sections[s].rows.n && n < len; i++) {
        if (rows[i].total)
            continue;
        n += (size_t)snprintf(out + n, len - n, "%s%s=", n ? " " : "", rows[i].cells[0].text);
        for (int c = 0; c < ncols && n < len; c++)
            n += (size_t)snprintf(out + n, len - n, "%s%lld", c ? "/" : "",
                                  (long long)rows[i].cells[cols[c]].value);
    }
}

#define check_problems(f, table) check_problems_at(f, table, __LINE__)

static inline int check_problems_at(struct fixture *f, const char *table, int line)
{
    struct strbuf out = {0};
    int problems = 0;
    struct err e = {0};
    assert_int_equal(report_check(&f->david, &out, &problems, &e), ERR_OK);
    if (table != NULL && strstr(strbuf_text(&out), table) == NULL)
        fail_msg("line %d: check did not name %s: %s", line, table, strbuf_text(&out));
    if (table == NULL && problems != 0)
        fail_msg("line %d: check: %s", line, strbuf_text(&out));
    strbuf_free(&out);
    return problems;
}

#endif
