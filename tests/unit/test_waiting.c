/* Reading never waits for writing, and a write that must wait says for whom:
 * opening a current database takes no write lock, a read goes on while
 * another process writes, a waiting write names the holder and its progress
 * and keeps waiting while that progresses, gives up (without SQLite's words)
 * when it stalls, and a holder killed with -9 leaves no stale name. The
 * other process is a child (fork): a process never waits on itself. */
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <time.h>

#include "db/db_private.h"
#include "testutil.h"

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A child that holds the write lock: raw SQLite (describes nothing), or a
 * comptoir connection describing itself as alice's import, with progress
 * every 100 ms for `moving_ms` (0: no progress). It says "ready" on the
 * pipe, then holds the lock for hold_ms (or until killed). */
struct holder {
    pid_t pid;
    int ready; /* read end */
};

static void child_hold(const char *path, bool describe, int hold_ms, int moving_ms, int ready_fd)
{
    if (!describe) {
        sqlite3 *h = NULL;
        sqlite3_open(path, &h);
        if (sqlite3_exec(h, "BEGIN IMMEDIATE; INSERT INTO settings(key, value) VALUES ('held', '1')", NULL,
                         NULL, NULL) != SQLITE_OK)
            _exit(2);
        if (write(ready_fd, "r", 1) != 1)
            _exit(2);
        usleep((useconds_t)hold_ms * 1000);
        sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(h);
        _exit(0);
    }
    struct db *db = NULL;
    struct err e = {0};
    if (db_open(path, &db, &e) != ERR_OK)
        _exit(2);
    db_set_activity(db, "alice", "import of customers.csv");
    if (db_begin(db, &e) != ERR_OK)
        _exit(2);
    db_progress(db, 40, 100);
    if (write(ready_fd, "r", 1) != 1)
        _exit(2);
    for (int t = 0; t < hold_ms; t += 100) {
        usleep(100000);
        if (t < moving_ms)
            db_progress(db, 40 + t / 100, 100);
    }
    db_rollback(db);
    db_close(&db);
    _exit(0);
}

static struct holder holder_start(const char *path, bool describe, int hold_ms, int moving_ms)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    struct holder h = {.pid = fork()};
    assert_true(h.pid >= 0);
    if (h.pid == 0) {
        close(fds[0]);
        child_hold(path, describe, hold_ms, moving_ms, fds[1]);
    }
    close(fds[1]);
    h.ready = fds[0];
    char c;
    assert_int_equal(read(h.ready, &c, 1), 1);
    return h;
}

/* Waits for the child; stop: ends its hold at once (SIGKILL, as a crash would). */
static int holder_end(struct holder *h, bool stop)
{
    int status = 0;
    if (stop)
        kill(h->pid, SIGKILL);
    waitpid(h->pid, &status, 0);
    close(h->ready);
    return status;
}

/* What the wait callback saw. */
struct seen {
    int calls, overs;
    struct db_holder last;
};

static void on_wait(void *ctx, const struct db_holder *h, int64_t waited_ms)
{
    struct seen *s = ctx;
    (void)waited_ms;
    if (h == NULL) {
        s->overs++;
        return;
    }
    s->calls++;
    s->last = *h;
}

static char *fresh_database(char path[64])
{
    struct db *db = test_db_new(path);
    db_close(&db);
    return path;
}

static void test_opening_and_reading_never_wait_for_a_writer(void **state)
{
    (void)state;
    char path[64];
    fresh_database(path);
    struct holder h = holder_start(path, false, 3000, 0);
    struct db *db = NULL;
    struct err e = {0};
    int64_t t0 = now_ms();
    assert_int_equal(db_open(path, &db, &e), ERR_OK); /* no migration: no write lock */
    char v[8];
    assert_int_equal(settings_store_get(db, "currency", v, sizeof v, &e), ERR_OK);
    assert_string_equal(v, "EUR");
    assert_int_equal(settings_store_get(db, "held", v, sizeof v, NULL), ERR_NOTFOUND); /* not committed */
    assert_int_equal(db_begin_read(db, &e), ERR_OK);
    assert_int_equal(db_end_read(db, &e), ERR_OK);
    assert_true(now_ms() - t0 < 1000);
    db_close(&db);
    holder_end(&h, true);
    test_db_remove(path);
}

static void test_a_stalled_unknown_holder_gives_up_in_our_words(void **state)
{
    (void)state;
    char path[64];
    fresh_database(path);
    struct holder h = holder_start(path, false, 4000, 0);
    struct db *db = NULL;
    struct err e = {0};
    struct seen seen = {0};
    assert_int_equal(db_open(path, &db, &e), ERR_OK);
    db_on_wait(db, on_wait, &seen);
    db_set_wait_limit(db, 1);
    int64_t t0 = now_ms();
    assert_int_equal(db_begin(db, &e), ERR_BUSY);
    assert_true(now_ms() - t0 >= 900 && now_ms() - t0 < 3000);
    assert_null(strstr(e.msg, "locked"));
    assert_non_null(strstr(e.msg, "another program"));
    assert_non_null(strstr(e.msg, "nothing was changed"));
    assert_true(seen.calls > 0);
    assert_false(seen.last.known);
    assert_int_equal(seen.overs, 1);
    db_close(&db);
    holder_end(&h, true);
    test_db_remove(path);
}

static void test_a_waiting_write_names_the_holder_and_waits_while_it_progresses(void **state)
{
    (void)state;
    char path[64];
    fresh_database(path);
    /* 2.5 s of progress, far past a 1 s limit: the wait goes on. */
    struct holder h = holder_start(path, true, 2500, 2500);
    struct db *db = NULL;
    struct err e = {0};
    struct seen seen = {0};
    assert_int_equal(db_open(path, &db, &e), ERR_OK);
    db_on_wait(db, on_wait, &seen);
    db_set_wait_limit(db, 1);
    int64_t t0 = now_ms();
    assert_int_equal(db_begin(db, &e), ERR_OK);
    assert_true(now_ms() - t0 >= 1500);
    assert_true(seen.last.known);
    assert_string_equal(seen.last.who, "alice");
    assert_string_equal(seen.last.what, "import of customers.csv");
    assert_int_equal(seen.last.total, 100);
    assert_true(seen.last.done > 40);
    assert_int_equal(seen.last.pid, (long)h.pid);
    assert_int_equal(seen.overs, 1);
    db_rollback(db);
    db_close(&db);
    holder_end(&h, false);
    test_db_remove(path);
}

static void test_a_stalled_holder_is_named_when_the_wait_gives_up(void **state)
{
    (void)state;
    char path[64];
    fresh_database(path);
    struct holder h = holder_start(path, true, 4000, 0);
    struct db *db = NULL;
    struct err e = {0};
    assert_int_equal(db_open(path, &db, &e), ERR_OK);
    db_set_wait_limit(db, 1);
    assert_int_equal(db_begin(db, &e), ERR_BUSY);
    assert_non_null(strstr(e.msg, "alice's import of customers.csv"));
    assert_null(strstr(e.msg, "locked"));
    db_close(&db);
    holder_end(&h, true);
    test_db_remove(path);
}

static void test_a_holder_killed_leaves_no_stale_name(void **state)
{
    (void)state;
    char path[64];
    fresh_database(path);
    struct holder h = holder_start(path, true, 60000, 0);
    holder_end(&h, true);
    /* its description is still in the side file, but nobody holds its lock */
    struct holder raw = holder_start(path, false, 1500, 0);
    struct db *db = NULL;
    struct err e = {0};
    struct seen seen = {0};
    assert_int_equal(db_open(path, &db, &e), ERR_OK);
    db_on_wait(db, on_wait, &seen);
    assert_int_equal(db_begin(db, &e), ERR_OK);
    assert_true(seen.calls > 0);
    assert_false(seen.last.known);
    db_rollback(db);
    db_close(&db);
    holder_end(&raw, false);
    test_db_remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opening_and_reading_never_wait_for_a_writer),
        cmocka_unit_test(test_a_stalled_unknown_holder_gives_up_in_our_words),
        cmocka_unit_test(test_a_waiting_write_names_the_holder_and_waits_while_it_progresses),
        cmocka_unit_test(test_a_stalled_holder_is_named_when_the_wait_gives_up),
        cmocka_unit_test(test_a_holder_killed_leaves_no_stale_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
