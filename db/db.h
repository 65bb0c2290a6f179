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
