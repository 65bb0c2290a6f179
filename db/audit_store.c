/* The audit log table: append and read back, and the hash chain that makes
 * it tamper-evident. UPDATE, DELETE and a replace by id are refused by
 * triggers; each entry also carries the hash of its fields and of the entry
 * before it, so a change made around the triggers (dropped, then recreated)
 * still shows: the chain breaks at the first entry changed, removed, added
 * or moved. Appending reads the last hash inside the write transaction, so
 * two writers never fork the chain (and a trigger refuses an entry that
 * does not follow the last one). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit_store.h"
#include "db/db_private.h"

/* ---------------------------------------------------------------- hash */

/* The fields of an entry as hashed, in this order; a NULL text stays NULL. */
struct hash_input {
    const char *prev_hash;
    int64_t id;
    const char *at;
    int64_t user_id, real_user_id;
    const char *text[6]; /* user_login, action, object_type, object_key, before_json, after_json */
    size_t len[6];
};

/* One field: its length then its bytes, or "-" for NULL, so that no two
 * different entries read the same. */
static void hash_field(crypto_generichash_state *st, const char *text, size_t n)
{
    char len[24];
    if (text == NULL) {
        crypto_generichash_update(st, (const unsigned char *)"-;", 2);
        return;
    }
    int k = snprintf(len, sizeof len, "%zu:", n);
    crypto_generichash_update(st, (const unsigned char *)len, (unsigned long long)k);
    crypto_generichash_update(st, (const unsigned char *)text, n);
    crypto_generichash_update(st, (const unsigned char *)";", 1);
}

static void hash_id(crypto_generichash_state *st, int64_t id)
{
    char num[24];
    int n = snprintf(num, sizeof num, "%lld", (long long)id);
    hash_field(st, id > 0 ? num : NULL, (size_t)n);
}

/* BLAKE2b-256 (libsodium), keyed by the format's name, in hex. */
static void audit_hash(const struct hash_input *in, char out[65])
{
    crypto_generichash_state st;
    unsigned char digest[32];
    crypto_generichash_init(&st, (const unsigned char *)"comptoir-audit-1", 16, sizeof digest);
    hash_field(&st, in->prev_hash ? in->prev_hash : "", in->prev_hash ? strlen(in->prev_hash) : 0);
    hash_id(&st, in->id);
    hash_field(&st, in->at ? in->at : "", in->at ? strlen(in->at) : 0);
    hash_id(&st, in->user_id);
    hash_id(&st, in->real_user_id);
    for (int i = 0; i < 6; i++)
        hash_field(&st, in->text[i], in->len[i]);
    crypto_generichash_final(&st, digest, sizeof digest);
    sodium_bin2hex(out, 65, digest, sizeof digest);
}

static void input_text(struct hash_input *in, int i, const char *text)
{
    in->text[i] = text;
    in->len[i] = text ? strlen(text) : 0;
}

static void entry_hash(const struct audit_entry *a, char out[65])
{
    struct hash_input in = {.prev_hash = a->prev_hash,
                            .id = a->id,
                            .at = a->at,
                            .user_id = a->user_id,
                            .real_user_id = a->real_user_id};
    input_text(&in, 0, a->user_login);
    input_text(&in, 1, a->action);
    input_text(&in, 2, a->object_type);
    input_text(&in, 3, a->object_key);
    input_text(&in, 4, a->before_json);
    input_text(&in, 5, a->after_json);
    audit_hash(&in, out);
}

/* comptoir_audit_hash(prev_hash, id, at, user_id, real_user_id, user_login,
 * action, object_type, object_key, before_json, after_json): for the
 * migration that chains the entries written before the chain existed. */
static void audit_hash_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    char out[65];
    struct hash_input in = {.prev_hash = (const char *)sqlite3_value_text(argv[0]),
                            .id = sqlite3_value_int64(argv[1]),
                            .at = (const char *)sqlite3_value_text(argv[2]),
                            .user_id = sqlite3_value_int64(argv[3]),
                            .real_user_id = sqlite3_value_int64(argv[4])};
    for (int i = 0; i < 6; i++)
        input_text(&in, i, (const char *)sqlite3_value_text(argv[5 + i]));
    audit_hash(&in, out);
    sqlite3_result_text(ctx, out, 64, SQLITE_TRANSIENT);
}

int db_audit_hash_register(sqlite3 *handle)
{
    if (sodium_init() < 0)
        return SQLITE_ERROR;
    return sqlite3_create_function_v2(handle, "comptoir_audit_hash", 11,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                      audit_hash_sql, NULL, NULL, NULL);
}

/* -------------------------------------------------------------- append */

/* The last entry's id and hash, read inside the write transaction. */
static int audit_last(struct db *db, int64_t *id, char hash[65], struct err *e)
{
    static const char sql[] = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
    DB_PREPARE_OR_RETURN(s, sql);
    int rc = sqlite3_step(s);
    *id = 0;
    hash[0] = '\0';
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        db_column_copy(s, 1, hash, 65);
    }
    return db_step_done(db, s, rc == SQLITE_ROW ? sqlite3_step(s) : rc, e, "reading the audit log");
}

static int audit_insert(struct db *db, const struct audit_entry *a, struct err *e)
{
    static const char sql[] =
        "INSERT INTO audit_log(id, at, user_id, real_user_id, user_login, action, object_type, object_key, "
        "before_json, after_json, prev_hash, hash) "
        "VALUES (:id, :at, :user_id, :real_user_id, :user_login, :action, :object_type, :object_key, "
        ":before, :after, :prev_hash, :hash)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":id"), a->id);
    db_bind_text(s, db_param(s, ":at"), a->at);
    db_bind_id_or_null(s, db_param(s, ":user_id"), a->user_id);
    db_bind_id_or_null(s, db_param(s, ":real_user_id"), a->real_user_id);
    db_bind_text(s, db_param(s, ":user_login"), a->user_login);
    db_bind_text(s, db_param(s, ":action"), a->action);
    db_bind_text(s, db_param(s, ":object_type"), a->object_type);
    db_bind_text(s, db_param(s, ":object_key"), a->object_key);
    db_bind_text_or_null(s, db_param(s, ":before"), a->before_json);
    db_bind_text_or_null(s, db_param(s, ":after"), a->after_json);
    db_bind_text(s, db_param(s, ":prev_hash"), a->prev_hash);
    db_bind_text(s, db_param(s, ":hash"), a->hash);
    return db_step_done(db, s, sqlite3_step(s), e, "writing the audit log");
}

int audit_store_append(struct db *db, struct audit_entry *a, struct err *e)
{
    /* Joins the caller's transaction (or makes one): the last hash is read
     * under the write lock, so nobody appends between the read and ours. */
    int rc = db_begin(db, e);
    if (rc != ERR_OK)
        return rc;
    int64_t last = 0;
    if ((rc = audit_last(db, &last, a->prev_hash, e)) == ERR_OK) {
        a->id = last + 1;
        entry_hash(a, a->hash);
        rc = audit_insert(db, a, e);
    }
    if (rc != ERR_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, e);
}

int audit_store_head(struct db *db, int64_t *id, char hash[65], struct err *e)
{
    return audit_last(db, id, hash, e);
}

/* -------------------------------------------------------------- verify */

#define AUDIT_ALL                                                                                            \
    "SELECT id, at, coalesce(user_id, 0), coalesce(real_user_id, 0), user_login, action, object_type, "      \
    "object_key, before_json, after_json, prev_hash, hash FROM audit_log ORDER BY id"

static const char *column_text(sqlite3_stmt *s, int col)
{
    return (const char *)sqlite3_column_text(s, col);
}

/* The hash of a row of AUDIT_ALL, from its columns (no copies: a million
 * entries are read in a few seconds). */
static void row_hash(sqlite3_stmt *s, char out[65])
{
    struct hash_input in = {.prev_hash = column_text(s, 10),
                            .id = sqlite3_column_int64(s, 0),
                            .at = column_text(s, 1),
                            .user_id = sqlite3_column_int64(s, 2),
                            .real_user_id = sqlite3_column_int64(s, 3)};
    for (int i = 0; i < 6; i++) {
        in.text[i] = column_text(s, 4 + i);
        in.len[i] = in.text[i] ? (size_t)sqlite3_column_bytes(s, 4 + i) : 0;
    }
    audit_hash(&in, out);
}

static void verdict_bad(struct audit_verdict *v, sqlite3_stmt *s, bool content)
{
    v->bad_id = sqlite3_column_int64(s, 0);
    v->bad_content = content;
    snprintf(v->bad_at, sizeof v->bad_at, "%s", column_text(s, 1) ? column_text(s, 1) : "");
    snprintf(v->bad_what, sizeof v->bad_what, "%s: %s %s %s", column_text(s, 4), column_text(s, 5),
             column_text(s, 6), column_text(s, 7));
}

int audit_store_verify(struct db *db, const char *head, struct audit_verdict *v, struct err *e)
{
    static const char sql[] = AUDIT_ALL;
    memset(v, 0, sizeof *v);
    int rc = db_begin_read(db, e); /* one snapshot, however long the log */
    if (rc != ERR_OK)
        return rc;
    sqlite3_stmt *s = db_stmt(db, sql, e);
    if (s == NULL) {
        db_end_read(db, NULL);
        return e ? e->code : ERR_INTERNAL;
    }
    char prev[65] = "", computed[65];
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        v->entries++;
        const char *stored_prev = column_text(s, 10), *stored = column_text(s, 11);
        if (v->bad_id == 0 && strcmp(stored_prev ? stored_prev : "", prev) != 0)
            verdict_bad(v, s, false);
        row_hash(s, computed);
        if (v->bad_id == 0 && strcmp(stored ? stored : "", computed) != 0)
            verdict_bad(v, s, true);
        if (v->bad_id == 0 && head && v->head_id == 0 && strcmp(computed, head) == 0)
            v->head_id = sqlite3_column_int64(s, 0);
        snprintf(prev, sizeof prev, "%s", stored ? stored : "");
        if (v->bad_id != 0 && (head == NULL || v->head_id != 0))
            break; /* the first break is what counts */
    }
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : db_fail(db, e, "reading the audit log");
    sqlite3_reset(s);
    snprintf(v->last_hash, sizeof v->last_hash, "%s", prev);
    int end = db_end_read(db, rc == ERR_OK ? e : NULL);
    return rc != ERR_OK ? rc : end;
}

/* ---------------------------------------------------------------- read */

/* A text column as an owned copy, or NULL. */
static const char *owned_text(sqlite3_stmt *s, int col)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    return t ? xstrdup((const char *)t) : NULL;
}

static void entry_from_row(sqlite3_stmt *s, void *row)
{
    struct audit_entry *a = row;
    a->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, a->at, sizeof a->at);
    a->user_id = sqlite3_column_int64(s, 2);
    db_column_copy(s, 3, a->user_login, sizeof a->user_login);
    db_column_copy(s, 4, a->action, sizeof a->action);
    db_column_copy(s, 5, a->object_type, sizeof a->object_type);
    db_column_copy(s, 6, a->object_key, sizeof a->object_key);
    a->before_json = owned_text(s, 7);
    a->after_json = owned_text(s, 8);
    a->real_user_id = sqlite3_column_int64(s, 9);
    db_column_copy(s, 10, a->prev_hash, sizeof a->prev_hash);
    db_column_copy(s, 11, a->hash, sizeof a->hash);
}

#define ENTRIES_OF                                                                                           \
    "SELECT id, at, coalesce(user_id, 0), user_login, action, object_type, object_key, before_json, "        \
    "after_json, coalesce(real_user_id, 0), prev_hash, hash FROM audit_log WHERE object_type = :type AND "   \
    "object_key = :object AND (:after = 0 OR (id, id) "

/* Newest first is the display order of an object's history. */
static const struct db_list_spec entries_of_object = {
    ENTRIES_OF "< (:key, :id)) ORDER BY id DESC",
    ENTRIES_OF "> (:key, :id)) ORDER BY id",
    sizeof(struct audit_entry),
    entry_from_row,
    false,
    "reading the audit log",
};

int audit_store_for_object(struct db *db, const char *object_type, const char *object_key,
                           const struct page_req *q, struct rows *out, struct err *e)
{
    audit_entries_free(out);
    sqlite3_stmt *s = db_list_prepare(db, &entries_of_object, 0, q, e);
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    db_bind_text(s, db_param(s, ":type"), object_type);
    db_bind_text(s, db_param(s, ":object"), object_key);
    return db_list_collect(db, s, &entries_of_object, q, out, e);
}

void audit_entries_free(struct rows *r)
{
    struct audit_entry *a = r->items;
    for (int i = 0; i < r->n; i++) {
        free((char *)a[i].before_json); /* read entries own their texts */
        free((char *)a[i].after_json);
    }
    rows_free(r);
}
