/* Shared helpers of the unit tests: cmocka, a fresh database in a temp file,
 * and an app acting as a user of a given role. Header-only because each test
 * file is its own program. */
#ifndef COMPTOIR_TESTUTIL_H
#define COMPTOIR_TESTUTIL_H

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/account_store.h"
#include "db/approval_store.h"
#include "db/audit_store.h"
#include "db/customer_store.h"
#include "db/db.h"
#include "db/order_store.h"
#include "db/pricing_store.h"
#include "db/product_store.h"
#include "db/quote_store.h"
#include "db/settings_store.h"
#include "db/user_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/check.h"
#include "src/cli/cli.h"
#include "src/csv/csv_io.h"
#include "src/customers.h"
#include "src/demo/demo.h"
#include "src/home.h"
#include "src/orders.h"
#include "src/products.h"
#include "src/users.h"
#include "src/validate.h"

/* The folder of the tests' temporary files: $TMPDIR (tests/run.sh points it
 * at a memory file system when there is one: no disk syncs) when it is short
 * enough for the paths of 64 bytes below, else /tmp. */
static inline const char *test_tmp_dir(void)
{
    const char *d = getenv("TMPDIR");
    return d && *d == '/' && strlen(d) <= 32 ? d : "/tmp";
}

/* A temp database file path, unique per call; removed by test_db_remove. */
static inline void test_db_path(char out[64])
{
    static int counter;
    snprintf(out, 64, "%s/comptoir-unit-%ld-%d.db", test_tmp_dir(), (long)getpid(), counter++);
}

static inline void test_db_remove(const char *path)
{
    char side[80];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-activity", path);
    unlink(side);
}

/* A fresh migrated database with one user of each role, made the long way:
 * every migration, then the users. */
static inline struct db *test_db_make(const char *path)
{
    struct db *db = NULL;
    struct err e = {0};
    test_db_remove(path);
    if (db_open(path, &db, &e) != ERR_OK) {
        fprintf(stderr, "test_db_new: %s\n", e.msg);
        abort();
    }
    static const struct {
        const char *login;
        enum role role;
    } users[] = {{"root", ROLE_ADMIN},    {"alice", ROLE_REP},     {"bruno", ROLE_REP},
                 {"chloe", ROLE_SUPPORT}, {"david", ROLE_MANAGER}, {"emma", ROLE_MANAGER}};
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
        struct user u = {.role = users[i].role, .active = true};
        snprintf(u.login, sizeof u.login, "%s", users[i].login);
        snprintf(u.full_name, sizeof u.full_name, "%s", users[i].login);
        if (user_store_insert(db, &u, NULL, &e) != ERR_OK) {
            fprintf(stderr, "test_db_new: %s\n", e.msg);
            abort();
        }
    }
    return db;
}

/* Copies a closed database file (one file: the last close of a WAL database
 * checkpoints it and removes its -wal) to a new file of mode 0600. */
static inline bool test_copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        return false;
    int fd = open(to, O_WRONLY | O_CREAT | O_EXCL, 0600);
    FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
    bool ok = out != NULL;
    char buf[1 << 16];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    ok = ok && !ferror(in);
    fclose(in);
    if (out)
        ok = fclose(out) == 0 && ok;
    else if (fd >= 0)
        close(fd);
    if (!ok)
        unlink(to);
    return ok;
}

/* Databases made once per process and copied for each test that needs one:
 * a copy is the very same database, made in a fraction of the time (running
 * every migration for each test was most of the unit tests' time). Each is
 * removed at exit by the process that made it, not by a forked child. */
struct test_cache {
    char path[64];
    pid_t owner; /* the process that made it; 0: none yet */
};
static struct test_cache *test_caches[8];
static inline void test_caches_remove(void)
{
    for (size_t i = 0; i < sizeof test_caches / sizeof test_caches[0] && test_caches[i]; i++)
        if (test_caches[i]->owner == getpid())
            test_db_remove(test_caches[i]->path);
}

/* Opens at a new path a copy of c's database, made first by make(PATH),
 * which leaves it closed. */
static inline struct db *test_db_cached(struct test_cache *c, void (*make)(const char *path), char path[64])
{
    struct db *db = NULL;
    struct err e = {0};
    test_db_path(path);
    test_db_remove(path);
    if (c->owner != getpid() || !test_copy_file(c->path, path)) {
        size_t i = 0;
        while (i < sizeof test_caches / sizeof test_caches[0] && test_caches[i] && test_caches[i] != c)
            i++;
        if (i == 0 && test_caches[0] == NULL)
            atexit(test_caches_remove);
        if (i < sizeof test_caches / sizeof test_caches[0])
            test_caches[i] = c;
        c->owner = 0;
        test_db_path(c->path);
        test_db_remove(c->path);
        make(c->path);
        c->owner = getpid();
        if (!test_copy_file(c->path, path)) {
            fprintf(stderr, "test_db_cached: cannot copy %s to %s\n", c->path, path);
            abort();
        }
    }
    if (db_open(path, &db, &e) != ERR_OK) {
        fprintf(stderr, "test_db_cached: %s\n", e.msg);
        abort();
    }
    return db;
}

static inline void test_make_with_users(const char *path)
{
    struct db *db = test_db_make(path);
    db_close(&db);
}

/* Opens a fresh migrated database with one user of each role: admin "root"
 * (id 1), "alice" and "bruno" (reps), "chloe" (support), "david" (manager). */
static inline struct db *test_db_new(char path[64])
{
    static struct test_cache cache;
    return test_db_cached(&cache, test_make_with_users, path);
}

static inline void test_make_bare(const char *path)
{
    struct db *db = NULL;
    struct err e = {0};
    if (db_open(path, &db, &e) != ERR_OK) {
        fprintf(stderr, "test_db_bare: %s\n", e.msg);
        abort();
    }
    db_close(&db);
}

/* Opens a fresh migrated database without any user, as a new file opens. */
static inline struct db *test_db_bare(char path[64])
{
    static struct test_cache cache;
    return test_db_cached(&cache, test_make_bare, path);
}

/* An app over db acting as the user with this login. */
static inline struct app test_app_as(struct db *db, const char *login)
{
    struct app app;
    struct err e = {0};
    memset(&app, 0, sizeof app);
    app.db = db;
    if (user_store_find_login(db, login, &app.user, &e) != ERR_OK) {
        fprintf(stderr, "test_app_as: %s\n", e.msg);
        abort();
    }
    snprintf(app.real_login, sizeof app.real_login, "%s", login);
    snprintf(app.currency, sizeof app.currency, "EUR");
    return app;
}

/* SQLite's NOCASE order, to compute what a sorted list must show: ASCII
 * letters folded, every other byte compared as it is. */
static inline int test_nocase_cmp(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (;; x++, y++) {
        int cx = (*x >= 'A' && *x <= 'Z') ? *x + 32 : *x;
        int cy = (*y >= 'A' && *y <= 'Z') ? *y + 32 : *y;
        if (cx != cy || cx == 0)
            return cx - cy;
    }
}

/* How many audit entries an object has (at most 64). */
static inline int test_audit_count(struct db *db, const char *type, const char *key)
{
    struct rows entries = {0};
    struct err e = {0};
    if (audit_store_for_object(db, type, key, NULL, &entries, &e) != ERR_OK) {
        fprintf(stderr, "test_audit_count: %s\n", e.msg);
        abort();
    }
    int n = entries.n;
    audit_entries_free(&entries);
    return n;
}

/* Asserts that an operation failed with this kind of error on this field. */
#define assert_err_field(call, e, code_, field_)                                                             \
    do {                                                                                                     \
        assert_int_equal((call), (code_));                                                                   \
        assert_int_equal((e).code, (code_));                                                                 \
        assert_string_equal((e).field, (field_));                                                            \
    } while (0)

/* A kind of list for test_check_paging: how to fetch a page and read a row. */
struct test_lister {
    int (*page)(struct app *app, const struct page_req *q, void *rows, int *count, struct err *e);
    void (*cursor)(const void *row, int sort, struct page_cursor *c);
    int64_t (*id)(const void *row);
    size_t size;
};

/* Pages forward to the end, `page` rows at a time, then backward from the last
 * page: both walks must show exactly want[0..nwant) in display order. */
static inline void test_check_paging(struct app *app, const struct test_lister *l, int sort, bool desc,
                                     const char *filter, const int64_t *want, int nwant, int page)
{
    struct page_req q = {.filter = filter, .sort = sort, .descending = desc, .limit = page};
    char *rows = xcalloc((size_t)page, l->size), *first_of_last = xcalloc(1, l->size);
    int64_t *got = xcalloc((size_t)nwant + 1, sizeof *got);
    int ngot = 0, count = 0;
    struct err e = {0};
    for (;;) {
        assert_int_equal(l->page(app, &q, rows, &count, &e), ERR_OK);
        assert_true(ngot + count <= nwant);
        for (int i = 0; i < count; i++)
            got[ngot++] = l->id(rows + (size_t)i * l->size);
        if (count > 0)
            memcpy(first_of_last, rows, l->size);
        if (count < page)
            break;
        l->cursor(rows + (size_t)(count - 1) * l->size, sort, &q.cursor);
        q.has_cursor = true;
    }
    assert_int_equal(ngot, nwant);
    assert_memory_equal(got, want, sizeof want[0] * (size_t)nwant);
    if (nwant > 0) {
        /* backward: the last page is known; read the pages before it */
        int pos = nwant - (nwant % page ? nwant % page : page);
        l->cursor(first_of_last, sort, &q.cursor);
        q.has_cursor = true;
        q.before = true;
        while (pos > 0) {
            assert_int_equal(l->page(app, &q, rows, &count, &e), ERR_OK);
            assert_int_equal(count, page);
            pos -= count;
            for (int i = 0; i < count; i++)
                assert_int_equal(l->id(rows + (size_t)i * l->size), want[pos + i]);
            l->cursor(rows, sort, &q.cursor);
        }
        assert_int_equal(l->page(app, &q, rows, &count, &e), ERR_OK);
        assert_int_equal(count, 0);
    }
    free(rows);
    free(first_of_last);
    free(got);
}

/* Every page forward, then every page back from the end, three rows a page:
 * the ids in the order seen (the walk back adds them last first), at most max. */
static inline int test_walk_all_pages(struct app *app, const struct test_lister *l, int sort, bool desc,
                                      const char *filter, int64_t *ids, int max)
{
    struct page_req q = {.filter = filter, .sort = sort, .descending = desc, .limit = 3};
    char *rows = xcalloc(3, l->size);
    struct err e = {0};
    int n = 0, count = 0;
    do {
        assert_int_equal(l->page(app, &q, rows, &count, &e), ERR_OK);
        for (int i = 0; i < count && n < max; i++)
            ids[n++] = l->id(rows + (size_t)i * l->size);
        if (count > 0)
            l->cursor(rows + (size_t)(count - 1) * l->size, sort, &q.cursor);
        q.has_cursor = true;
    } while (count == 3);
    q.before = true;
    do {
        assert_int_equal(l->page(app, &q, rows, &count, &e), ERR_OK);
        for (int i = count - 1; i >= 0 && n < max; i--)
            ids[n++] = l->id(rows + (size_t)i * l->size);
        if (count > 0)
            l->cursor(rows, sort, &q.cursor);
    } while (count == 3);
    free(rows);
    return n;
}

#endif
