/* db/ — the SQLite store. This header: the connection (pragmas, migrations),
 * transactions, the data version and the whole-file operations (backup,
 * structural check). Each aggregate's SQL sits behind its own store header
 * (db/<aggregate>_store.h) and its records in db/model/; only the core (src/) includes
 * them. Only db/ includes sqlite3.h. See db/README.md for the files. */
#ifndef COMPTOIR_DB_H
#define COMPTOIR_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/err.h"
#include "src/base/strbuf.h"

struct db;

/* Opens (creating if needed) the database at path, applies the connection
 * pragmas (foreign keys, WAL, busy timeout, synchronous=FULL) and migrates the
 * schema. Refuses a database whose schema is newer than this program. */
int db_open(const char *path, struct db **out, struct err *e);
/* Opens without migrating (for `check` and read-only inspection). */
int db_open_existing(const char *path, struct db **out, struct err *e);
void db_close(struct db **db);
int db_migrate(struct db *db, struct err *e);
int db_schema_version(struct db *db);
int db_latest_schema_version(void);
const char *db_path(const struct db *db);

/* Transactions. Writes use BEGIN IMMEDIATE; nested begins join the outer
 * transaction (a depth counter). A rollback at any depth dooms the whole. */
int db_begin(struct db *db, struct err *e);
/* A bulk write (an import, the demo) keeps the indexes it grows in memory: a
 * page cache of DB_BULK_CACHE_MB while on, the usual one (DB_CACHE_MB) after.
 * Without it, a million rows' indexes outgrow the usual cache and every
 * insert reads and writes their pages again (56 s instead of 14 s). */
#define DB_CACHE_MB 8
#define DB_BULK_CACHE_MB 256
int db_bulk_cache(struct db *db, bool on, struct err *e);
int db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);
/* A read that must see one snapshot (a long export): BEGIN DEFERRED, joined
 * with the same depth counter (inside a transaction it just joins; a write
 * inside it joins too and takes the write lock at its first write). */
int db_begin_read(struct db *db, struct err *e);
/* Ends what db_begin_read began (COMMIT at the outermost level; ROLLBACK when
 * an inner step failed). */
int db_end_read(struct db *db, struct err *e);
bool db_in_transaction(const struct db *db);

/* While check is set, a statement that runs long asks check(ctx) every few
 * thousand steps and stops (ERR_CANCELLED) when it answers true: for reads
 * that newer input makes pointless (the console's filters as one types).
 * Never set it around a write: an interrupted write rolls its transaction
 * back. NULL turns it off. */
void db_set_abandon(struct db *db, bool (*check)(void *ctx), void *ctx);

/* Waiting for another writer (db/activity.c). One process writes at a time;
 * a write that finds the database taken waits as long as the holder makes
 * progress, and says whom it waits for. */
struct db_holder {
    bool known; /* a comptoir process described itself */
    long pid;
    char who[65];        /* the person: "alice" */
    char what[128];      /* "import of customers.csv" */
    int64_t done, total; /* its progress; total 0 when unknown */
    int64_t beat;        /* changes with each description it writes */
    int64_t held_s;      /* seconds it has held the database */
};
/* Called about five times a second while a write waits (after a short
 * quiet time), with the holder and the milliseconds waited; called once with
 * h NULL when such a wait is over. */
typedef void db_wait_fn(void *ctx, const struct db_holder *h, int64_t waited_ms);
void db_on_wait(struct db *db, db_wait_fn *fn, void *ctx);
/* A wait gives up (ERR_BUSY, saying why) when the holder has not moved
 * (no progress, no other writer) for this many seconds. */
#define DB_WAIT_LIMIT_S 60
void db_set_wait_limit(struct db *db, int seconds);
/* Describes this connection's writes to those who wait: who (the person)
 * and what ("import of customers.csv"). */
void db_set_activity(struct db *db, const char *who, const char *what);
/* The progress of this connection's write in progress (done of total;
 * total 0 when unknown): it keeps the waiters waiting. Cheap to call often. */
void db_progress(struct db *db, int64_t done, int64_t total);

/* The person at the terminal (the real user behind --as; 0 when unknown):
 * histories written through this connection record it beside the acting
 * user. */
void db_set_person(struct db *db, int64_t real_user_id);
int64_t db_person(const struct db *db);

/* Changes whenever another connection commits (PRAGMA data_version). */
int64_t db_data_version(struct db *db);
/* Changes whenever anyone, this connection included, changed the database:
 * data_version plus the rows this connection changed (both only grow). */
int64_t db_change_stamp(struct db *db);
/* Online backup through SQLite's backup API, safe while others write. */
int db_backup_to(struct db *db, const char *dest_path, struct err *e);
/* Builds the search indexes and the sort keys again from their tables, in
 * one transaction: after another program changed a searched field or a
 * name (`comptoir check` names them; `comptoir check --repair`). */
int db_search_repair(struct db *db, struct err *e);
/* integrity_check and foreign_key_check; a line per problem appended to the
 * report and counted in *problems. */
int db_check_structure(struct db *db, struct strbuf *report, int *problems, struct err *e);

#endif
