/* Who holds the database, for those who wait on it. SQLite lets one writer
 * at a time; a write that finds the database taken waits here (SQLite's busy
 * handler) instead of failing at a fixed timeout, and can say whom it waits
 * for: each writer describes itself in a small side file next to the
 * database (DB-activity) and holds an fcntl lock on it while it holds the
 * database. The lock, not the text, says the description is current: a
 * writer killed with -9 loses its lock with its life, so a stale description
 * is never shown. A long writer cannot report progress inside its own
 * transaction; it rewrites its description instead (db_progress), and
 * waiters keep waiting as long as that description moves. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/db_private.h"

#define ACTIVITY_SIZE 512
#define ACTIVITY_MAGIC "comptoir-activity 1\n"
/* Waits shorter than this say nothing (a short save of someone else). */
#define WAIT_QUIET_MS 300
/* How often a waiter looks at the side file. */
#define WAIT_LOOK_MS 200
/* The holder's description is rewritten at most this often on progress. */
#define PROGRESS_WRITE_MS 200

static int64_t clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A description's text is one line: anything below a space becomes a space. */
static void one_line(char *out, size_t len, const char *in)
{
    snprintf(out, len, "%s", in ? in : "");
    for (char *p = out; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
}

static uint32_t fnv1a(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

void db_activity_open(struct db *db)
{
    char path[4200];
    struct stat st;
    db->activity_fd = -1;
    if (strcmp(db->path, ":memory:") == 0 || db->path[0] == '\0' || strncmp(db->path, "file:", 5) == 0)
        return;
    /* The side file has the database's permissions (shared: group read and
     * write; personal: the owner's only), whatever the umask. */
    mode_t mode = stat(db->path, &st) == 0 ? (st.st_mode & 0660) : 0600;
    snprintf(path, sizeof path, "%s-activity", db->path);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0)
        return; /* waiters then only say that someone is writing */
    struct stat fst;
    if (fstat(fd, &fst) == 0 && fst.st_size == 0 && (fst.st_mode & 0777) != mode)
        (void)fchmod(fd, mode);
    db->activity_fd = fd;
}

void db_activity_close(struct db *db)
{
    if (db->activity_fd >= 0)
        close(db->activity_fd);
    db->activity_fd = -1;
}

static void activity_write(struct db *db)
{
    char buf[ACTIVITY_SIZE];
    memset(buf, 0, sizeof buf);
    int n =
        snprintf(buf, sizeof buf - 24,
                 ACTIVITY_MAGIC "pid %ld\nwho %s\nwhat %s\ndone %lld\ntotal %lld\nsince %lld\nbeat %lld\n",
                 (long)getpid(), db->who, db->what, (long long)db->done, (long long)db->total,
                 (long long)db->claimed_at, (long long)db->beat);
    if (n < 0 || n >= (int)sizeof buf - 24)
        n = (int)sizeof buf - 25;
    snprintf(buf + n, sizeof buf - (size_t)n, "sum %08x\n", (unsigned)fnv1a(buf, (size_t)n));
    db->last_write_ms = clock_ms(CLOCK_MONOTONIC);
    if (pwrite(db->activity_fd, buf, sizeof buf, 0) != (ssize_t)sizeof buf)
        return; /* a description is a courtesy: the write itself goes on */
}

static bool activity_lock(struct db *db, short type)
{
    struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
    return fcntl(db->activity_fd, F_SETLK, &fl) == 0;
}

/* Called when this connection has just taken the write lock. */
void db_activity_claim(struct db *db)
{
    if (db->activity_fd < 0 || db->activity_claimed)
        return;
    /* The previous holder released its lock before its COMMIT; if it has
     * not yet, this writer is not described until its next progress. */
    if (!activity_lock(db, F_WRLCK))
        return;
    db->activity_claimed = true;
    db->claimed_at = clock_ms(CLOCK_REALTIME) / 1000;
    db->done = db->total = 0;
    db->beat++;
    activity_write(db);
}

/* Called just before COMMIT or ROLLBACK: from now on someone else may write. */
void db_activity_release(struct db *db)
{
    if (db->activity_fd < 0 || !db->activity_claimed)
        return;
    activity_lock(db, F_UNLCK);
    db->activity_claimed = false;
}

void db_set_activity(struct db *db, const char *who, const char *what)
{
    one_line(db->who, sizeof db->who, who);
    one_line(db->what, sizeof db->what, what);
}

void db_progress(struct db *db, int64_t done, int64_t total)
{
    if (db->activity_fd < 0 || db->depth == 0)
        return;
    if (!db->activity_claimed) {
        db_activity_claim(db);
        if (!db->activity_claimed)
            return;
    } else if (clock_ms(CLOCK_MONOTONIC) - db->last_write_ms < PROGRESS_WRITE_MS) {
        return;
    }
    db->done = done;
    db->total = total;
    db->beat++;
    activity_write(db);
}

/* ----------------------------------------------------------- the waiter */

static bool field(const char *buf, const char *key, char *out, size_t len)
{
    char pat[16];
    snprintf(pat, sizeof pat, "\n%s ", key);
    const char *p = strstr(buf, pat);
    if (p == NULL)
        return false;
    p += strlen(pat);
    size_t n = strcspn(p, "\n");
    snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), p);
    return true;
}

static int64_t field_int(const char *buf, const char *key)
{
    char v[32];
    return field(buf, key, v, sizeof v) ? strtoll(v, NULL, 10) : 0;
}

/* The current holder, when a comptoir process describes itself. */
static bool activity_read(struct db *db, struct db_holder *h)
{
    memset(h, 0, sizeof *h);
    if (db->activity_fd < 0)
        return false;
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
    if (fcntl(db->activity_fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK)
        return false;
    char buf[ACTIVITY_SIZE + 1];
    ssize_t n = pread(db->activity_fd, buf, ACTIVITY_SIZE, 0);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    char *sum = strstr(buf, "sum ");
    if (strncmp(buf, ACTIVITY_MAGIC, strlen(ACTIVITY_MAGIC)) != 0 || sum == NULL ||
        strtoul(sum + 4, NULL, 16) != fnv1a(buf, (size_t)(sum - buf)))
        return false; /* being rewritten: the next look reads it whole */
    h->pid = (long)field_int(buf, "pid");
    if (h->pid != (long)fl.l_pid)
        return false; /* the description of an earlier holder */
    field(buf, "who", h->who, sizeof h->who);
    field(buf, "what", h->what, sizeof h->what);
    h->done = field_int(buf, "done");
    h->total = field_int(buf, "total");
    h->beat = field_int(buf, "beat");
    int64_t since = field_int(buf, "since");
    h->held_s = since > 0 ? clock_ms(CLOCK_REALTIME) / 1000 - since : 0;
    h->known = true;
    return true;
}

void db_on_wait(struct db *db, db_wait_fn *fn, void *ctx)
{
    db->on_wait = fn;
    db->wait_ctx = ctx;
}

void db_set_wait_limit(struct db *db, int seconds)
{
    db->wait_limit_s = seconds > 0 ? seconds : DB_WAIT_LIMIT_S;
}

static void wait_gave_up(struct db *db, const struct db_holder *h)
{
    if (h->known)
        snprintf(db->gave_up, sizeof db->gave_up,
                 "%s's %s has held the database for %lld s without progress for %d s", h->who, h->what,
                 (long long)h->held_s, db->wait_limit_s);
    else
        snprintf(db->gave_up, sizeof db->gave_up,
                 "another program has held the database for more than %d s without saying what it does",
                 db->wait_limit_s);
}

/* SQLite's busy handler: count is 0 on the first call of a wait. Returns 1
 * to try again, 0 to give up (the statement then fails with SQLITE_BUSY). */
int db_busy_handler(void *p, int count)
{
    struct db *db = p;
    struct db_wait *w = &db->wait;
    int64_t now = clock_ms(CLOCK_MONOTONIC);
    if (count == 0) {
        memset(w, 0, sizeof *w);
        w->started = w->changed = now;
        w->looked = now - WAIT_LOOK_MS;
        db->gave_up[0] = '\0';
    }
    if (now - w->looked >= WAIT_LOOK_MS) {
        struct db_holder h;
        activity_read(db, &h);
        w->looked = now;
        if (h.known != w->holder.known || h.pid != w->holder.pid || h.beat != w->holder.beat)
            w->changed = now; /* another writer, or progress: keep waiting */
        w->holder = h;
        if (now - w->started >= WAIT_QUIET_MS && db->on_wait) {
            w->told = true;
            db->on_wait(db->wait_ctx, &h, now - w->started);
        }
    }
    if (now - w->changed >= (int64_t)db->wait_limit_s * 1000) {
        wait_gave_up(db, &w->holder);
        return 0;
    }
    /* Short sleeps first: most waits are another person's short save. */
    static const int sleeps_us[] = {200, 500, 1000, 2000, 5000, 10000};
    int n = (int)(sizeof sleeps_us / sizeof sleeps_us[0]);
    usleep((useconds_t)sleeps_us[count < n ? count : n - 1]);
    return 1;
}

void db_wait_over(struct db *db)
{
    if (db->wait.told && db->on_wait)
        db->on_wait(db->wait_ctx, NULL, 0);
    db->wait.told = false;
}
