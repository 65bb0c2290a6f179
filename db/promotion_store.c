/* Promotions, SKUs, codes and uses (see the header). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_private.h"
#include "db/model/order.h"
#include "db/promotion_store.h"
#include "src/base/datetime.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/base/strbuf.h"

/* The columns of a promotion, and what promotion_read reads after them. */
#define PROMO_COLUMNS                                                                                        \
    "p.id, p.name, p.kind, p.value, p.target, p.category, p.buy_qty, p.get_qty, p.get_percent_bp, "          \
    "coalesce(p.max_free, 0), p.dearest, p.min_subtotal, p.min_qty, coalesce(p.starts_on, ''), "             \
    "coalesce(p.ends_on, ''), p.activation, coalesce(p.channel, ''), coalesce(p.tier, ''), p.first_order, "  \
    "coalesce(p.max_uses, 0), coalesce(p.per_customer, 0), coalesce(p.budget, -1), p.uses, p.granted, "      \
    "p.priority, p.exclusive, p.stop, coalesce(p.disabled_at, ''), p.created_at, "                           \
    "coalesce(p.created_by, 0), p.updated_at, p.version"
#define PROMO_COLUMN_COUNT 32
#define PROMO_EXTRAS                                                                                         \
    ", coalesce((SELECT code FROM promotion_codes WHERE promotion_id = p.id AND single_use = 0 "             \
    "ORDER BY id LIMIT 1), ''), "                                                                            \
    "(SELECT count(*) FROM promotion_codes WHERE promotion_id = p.id AND single_use = 1), "                  \
    "(SELECT count(*) FROM promotion_codes WHERE promotion_id = p.id AND single_use = 1 "                    \
    "AND used_order_id IS NOT NULL)"

static int column_name(sqlite3_stmt *s, int col, const char *const *names, int n)
{
    const char *text = (const char *)sqlite3_column_text(s, col);
    int i = name_index(names, n, text ? text : "", false);
    return i < 0 ? 0 : i;
}

static void promotion_read(sqlite3_stmt *s, void *row)
{
    struct promotion *p = row;
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, p->name, sizeof p->name);
    p->kind = (enum promotion_kind)column_name(s, 2, promotion_kind_names, PROMO_KIND_COUNT);
    p->value = sqlite3_column_int64(s, 3);
    p->target = (enum promotion_target)column_name(s, 4, promotion_target_names, PROMO_TARGET_COUNT);
    db_column_copy(s, 5, p->category, sizeof p->category);
    p->buy_qty = sqlite3_column_int64(s, 6);
    p->get_qty = sqlite3_column_int64(s, 7);
    p->get_percent_bp = sqlite3_column_int64(s, 8);
    p->max_free = sqlite3_column_int64(s, 9);
    p->dearest = sqlite3_column_int(s, 10) != 0;
    p->min_subtotal = sqlite3_column_int64(s, 11);
    p->min_qty = sqlite3_column_int64(s, 12);
    db_column_copy(s, 13, p->starts_on, sizeof p->starts_on);
    db_column_copy(s, 14, p->ends_on, sizeof p->ends_on);
    p->activation =
        (enum promotion_activation)column_name(s, 15, promotion_activation_names, PROMO_ACTIVATION_COUNT);
    const char *channel = (const char *)sqlite3_column_text(s, 16);
    p->channel = channel == NULL || channel[0] == '\0' ? -1
                 : strcmp(channel, "b2b") == 0         ? CHANNEL_B2B
                                                       : CHANNEL_B2C;
    db_column_copy(s, 17, p->tier, sizeof p->tier);
    p->first_order = sqlite3_column_int(s, 18) != 0;
    p->max_uses = sqlite3_column_int64(s, 19);
    p->per_customer = sqlite3_column_int64(s, 20);
    p->budget = sqlite3_column_int64(s, 21);
    p->uses = sqlite3_column_int64(s, 22);
    p->granted = sqlite3_column_int64(s, 23);
    p->priority = sqlite3_column_int(s, 24);
    p->exclusive = sqlite3_column_int(s, 25) != 0;
    p->stop = sqlite3_column_int(s, 26) != 0;
    db_column_copy(s, 27, p->disabled_at, sizeof p->disabled_at);
    db_column_copy(s, 28, p->created_at, sizeof p->created_at);
    p->created_by = sqlite3_column_int64(s, 29);
    db_column_copy(s, 30, p->updated_at, sizeof p->updated_at);
    p->version = sqlite3_column_int64(s, 31);
}

static void promotion_read_full(sqlite3_stmt *s, void *row)
{
    struct promotion *p = row;
    promotion_read(s, row);
    db_column_copy(s, PROMO_COLUMN_COUNT, p->code, sizeof p->code);
    p->codes = sqlite3_column_int64(s, PROMO_COLUMN_COUNT + 1);
    p->codes_used = sqlite3_column_int64(s, PROMO_COLUMN_COUNT + 2);
}

/* ------------------------------------------------------------ writing */

static void bind_optional(sqlite3_stmt *s, const char *name, int64_t value, int64_t none)
{
    if (value == none)
        sqlite3_bind_null(s, db_param(s, name));
    else
        sqlite3_bind_int64(s, db_param(s, name), value);
}

static void promotion_bind(sqlite3_stmt *s, const struct promotion *p, const char *now)
{
    db_bind_text(s, db_param(s, ":name"), p->name);
    db_bind_text(s, db_param(s, ":kind"), name_at(promotion_kind_names, PROMO_KIND_COUNT, (int)p->kind));
    sqlite3_bind_int64(s, db_param(s, ":value"), p->value);
    db_bind_text(s, db_param(s, ":target"),
                 name_at(promotion_target_names, PROMO_TARGET_COUNT, (int)p->target));
    db_bind_text(s, db_param(s, ":category"), p->target == PROMO_ON_CATEGORY ? p->category : "");
    sqlite3_bind_int64(s, db_param(s, ":buy_qty"), p->buy_qty);
    sqlite3_bind_int64(s, db_param(s, ":get_qty"), p->get_qty);
    sqlite3_bind_int64(s, db_param(s, ":get_percent_bp"), p->get_percent_bp > 0 ? p->get_percent_bp : 10000);
    bind_optional(s, ":max_free", p->max_free, 0);
    sqlite3_bind_int(s, db_param(s, ":dearest"), p->dearest);
    sqlite3_bind_int64(s, db_param(s, ":min_subtotal"), p->min_subtotal);
    sqlite3_bind_int64(s, db_param(s, ":min_qty"), p->min_qty);
    db_bind_text_or_null(s, db_param(s, ":starts_on"), p->starts_on);
    db_bind_text_or_null(s, db_param(s, ":ends_on"), p->ends_on);
    db_bind_text(s, db_param(s, ":activation"),
                 name_at(promotion_activation_names, PROMO_ACTIVATION_COUNT, (int)p->activation));
    db_bind_text_or_null(s, db_param(s, ":channel"),
                         p->channel < 0 ? "" : channel_name((enum channel)p->channel));
    db_bind_text_or_null(s, db_param(s, ":tier"), p->tier);
    sqlite3_bind_int(s, db_param(s, ":first_order"), p->first_order);
    bind_optional(s, ":max_uses", p->max_uses, 0);
    bind_optional(s, ":per_customer", p->per_customer, 0);
    bind_optional(s, ":budget", p->budget, -1);
    sqlite3_bind_int(s, db_param(s, ":priority"), p->priority);
    sqlite3_bind_int(s, db_param(s, ":exclusive"), p->exclusive);
    sqlite3_bind_int(s, db_param(s, ":stop"), p->stop);
    db_bind_text(s, db_param(s, ":now"), now);
}

int promotion_store_insert(struct db *db, struct promotion *p, struct err *e)
{
    static const char sql[] =
        "INSERT INTO promotions(name, kind, value, target, category, buy_qty, get_qty, get_percent_bp, "
        "max_free, dearest, min_subtotal, min_qty, starts_on, ends_on, activation, channel, tier, "
        "first_order, max_uses, per_customer, budget, priority, exclusive, stop, created_at, created_by, "
        "updated_at, version) VALUES (:name, :kind, :value, :target, :category, :buy_qty, :get_qty, "
        ":get_percent_bp, :max_free, :dearest, :min_subtotal, :min_qty, :starts_on, :ends_on, :activation, "
        ":channel, :tier, :first_order, :max_uses, :per_customer, :budget, :priority, :exclusive, :stop, "
        ":now, :created_by, :now, 1)";
    char now[32];
    datetime_now_utc(now);
    DB_PREPARE_OR_RETURN(s, sql);
    promotion_bind(s, p, now);
    db_bind_id_or_null(s, db_param(s, ":created_by"), p->created_by);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "saving a promotion");
    if (rc != ERR_OK)
        return rc;
    p->id = sqlite3_last_insert_rowid(db->handle);
    p->version = 1;
    memcpy(p->created_at, now, sizeof now);
    memcpy(p->updated_at, now, sizeof now);
    return ERR_OK;
}

int promotion_store_update(struct db *db, struct promotion *p, struct err *e)
{
    static const char sql[] =
        "UPDATE promotions SET name = :name, kind = :kind, value = :value, target = :target, "
        "category = :category, buy_qty = :buy_qty, get_qty = :get_qty, get_percent_bp = :get_percent_bp, "
        "max_free = :max_free, dearest = :dearest, min_subtotal = :min_subtotal, min_qty = :min_qty, "
        "starts_on = :starts_on, ends_on = :ends_on, activation = :activation, channel = :channel, "
        "tier = :tier, first_order = :first_order, max_uses = :max_uses, per_customer = :per_customer, "
        "budget = :budget, priority = :priority, exclusive = :exclusive, stop = :stop, updated_at = :now, "
        "version = version + 1 WHERE id = :id AND version = :version";
    char now[32];
    datetime_now_utc(now);
    DB_PREPARE_OR_RETURN(s, sql);
    promotion_bind(s, p, now);
    sqlite3_bind_int64(s, db_param(s, ":id"), p->id);
    sqlite3_bind_int64(s, db_param(s, ":version"), p->version);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "saving a promotion");
    if (rc != ERR_OK)
        return rc;
    if (sqlite3_changes(db->handle) == 0)
        return err_set(e, ERR_CONFLICT, "version", "promotion %lld was changed by someone else — reload",
                       (long long)p->id);
    p->version++;
    memcpy(p->updated_at, now, sizeof now);
    return ERR_OK;
}

int promotion_store_disable(struct db *db, int64_t id, const char *at, struct err *e)
{
    static const char sql[] =
        "UPDATE promotions SET disabled_at = ?2, updated_at = ?2, version = version + 1 "
        "WHERE id = ?1 AND disabled_at IS NULL";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    db_bind_text(s, 2, at);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "disabling a promotion");
    if (rc == ERR_OK && sqlite3_changes(db->handle) == 0)
        rc = err_set(e, ERR_STATE, "promotion", "promotion %lld is disabled already", (long long)id);
    return rc;
}

int promotion_store_get(struct db *db, int64_t id, struct promotion *out, struct err *e)
{
    static const char sql[] = "SELECT " PROMO_COLUMNS PROMO_EXTRAS " FROM promotions p WHERE p.id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)id);
    const struct db_fetch_what w = {"promotion", "promotion", key, "reading a promotion"};
    return db_fetch_one(db, s, promotion_read_full, out, e, &w);
}

/* The state of a row as of :today, as enum promotion_state. */
#define PROMO_STATE_SQL                                                                                      \
    "(CASE WHEN p.disabled_at IS NOT NULL THEN 3 WHEN p.starts_on > :today THEN 1 "                          \
    "WHEN p.ends_on < :today THEN 2 ELSE 0 END)"
#define PROMO_LIST_WHERE                                                                                     \
    " WHERE (:states = 0 OR (:states >> " PROMO_STATE_SQL ") & 1) "                                          \
    "AND (:filter = '' OR instr(lower(p.name), lower(:filter)) > 0) "

int promotion_store_list(struct db *db, unsigned states, const char *today, const struct page_req *q,
                         struct rows *out, struct err *e)
{
    static const struct db_list_spec spec = {
        .forward = "SELECT " PROMO_COLUMNS PROMO_EXTRAS " FROM promotions p" PROMO_LIST_WHERE
                   "AND (:after = 0 OR (p.id, p.id) > (:key, :id)) ORDER BY p.id",
        .backward = "SELECT " PROMO_COLUMNS PROMO_EXTRAS " FROM promotions p" PROMO_LIST_WHERE
                    "AND (:after = 0 OR (p.id, p.id) < (:key, :id)) ORDER BY p.id DESC",
        .size = sizeof(struct promotion),
        .read = promotion_read_full,
        .what = "listing promotions"};
    rows_reset(out, spec.size);
    sqlite3_stmt *s = db_list_prepare(db, &spec, 0, q, e);
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    sqlite3_bind_int64(s, db_param(s, ":states"), states);
    db_bind_text(s, db_param(s, ":today"), today);
    db_bind_text(s, db_param(s, ":filter"), q && q->filter ? q->filter : "");
    return db_list_collect(db, s, &spec, q, out, e);
}

/* ------------------------------------------------------------ SKUs */

static void sku_read(sqlite3_stmt *s, void *row)
{
    struct promotion_sku *k = row;
    memset(k, 0, sizeof *k);
    k->promotion_id = sqlite3_column_int64(s, 0);
    k->product_id = sqlite3_column_int64(s, 1);
    db_column_copy(s, 2, k->sku, sizeof k->sku);
}

int promotion_store_skus(struct db *db, int64_t id, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT k.promotion_id, k.product_id, p.sku FROM promotion_skus k "
        "JOIN products p ON p.id = k.product_id WHERE k.promotion_id = ? ORDER BY p.sku";
    rows_reset(out, sizeof(struct promotion_sku));
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        sku_read(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading a promotion's SKUs");
}

int promotion_store_set_skus(struct db *db, int64_t id, const int64_t *product_ids, int n, struct err *e)
{
    static const char del[] = "DELETE FROM promotion_skus WHERE promotion_id = ?";
    static const char add[] = "INSERT OR IGNORE INTO promotion_skus(promotion_id, product_id) VALUES (?, ?)";
    DB_PREPARE_OR_RETURN(s, del);
    sqlite3_bind_int64(s, 1, id);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "saving a promotion's SKUs");
    for (int i = 0; rc == ERR_OK && i < n; i++) {
        sqlite3_stmt *a = db_stmt(db, add, e);
        if (a == NULL)
            return e ? e->code : ERR_INTERNAL;
        sqlite3_bind_int64(a, 1, id);
        sqlite3_bind_int64(a, 2, product_ids[i]);
        rc = db_step_done(db, a, sqlite3_step(a), e, "saving a promotion's SKUs");
    }
    return rc;
}

/* A JSON list of ids, for `IN (SELECT value FROM json_each(?))`. */
static void ids_json(const int64_t *ids, int n, struct strbuf *b)
{
    strbuf_add(b, "[");
    for (int i = 0; i < n; i++)
        strbuf_addf(b, "%s%lld", i ? "," : "", (long long)ids[i]);
    strbuf_add(b, "]");
}

int promotion_store_skus_of(struct db *db, const int64_t *ids, int n, struct rows *out, struct err *e)
{
    static const char sql[] = "SELECT k.promotion_id, k.product_id, '' FROM promotion_skus k "
                              "WHERE k.promotion_id IN (SELECT value FROM json_each(?)) "
                              "ORDER BY k.promotion_id, k.product_id";
    if (n == 0)
        return ERR_OK;
    DB_PREPARE_OR_RETURN(s, sql);
    struct strbuf list = {0};
    ids_json(ids, n, &list);
    db_bind_text(s, 1, strbuf_text(&list));
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        sku_read(s, rows_add(out));
    strbuf_free(&list);
    return db_step_done(db, s, rc, e, "reading promotions' SKUs");
}

/* ------------------------------------------------------------ codes */

#define CODE_COLUMNS                                                                                         \
    "c.id, c.promotion_id, c.code, c.single_use, coalesce(c.batch, 0), c.created_at, "                       \
    "coalesce(c.used_order_id, 0), coalesce(c.used_at, ''), coalesce(o.number, '') "                         \
    "FROM promotion_codes c LEFT JOIN orders o ON o.id = c.used_order_id"

static void code_read(sqlite3_stmt *s, void *row)
{
    struct promotion_code *c = row;
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(s, 0);
    c->promotion_id = sqlite3_column_int64(s, 1);
    db_column_copy(s, 2, c->code, sizeof c->code);
    c->single_use = sqlite3_column_int(s, 3) != 0;
    c->batch = sqlite3_column_int64(s, 4);
    db_column_copy(s, 5, c->created_at, sizeof c->created_at);
    c->used_order_id = sqlite3_column_int64(s, 6);
    db_column_copy(s, 7, c->used_at, sizeof c->used_at);
    db_column_copy(s, 8, c->used_order, sizeof c->used_order);
}

int promotion_store_code_find(struct db *db, const char *code, struct promotion_code *out, struct err *e)
{
    static const char sql[] = "SELECT " CODE_COLUMNS " WHERE c.code = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, code);
    char key[48];
    snprintf(key, sizeof key, "%.40s", code);
    const struct db_fetch_what w = {"code", "code", key, "reading a code"};
    return db_fetch_one(db, s, code_read, out, e, &w);
}

int promotion_store_code_get(struct db *db, int64_t id, struct promotion_code *out, struct err *e)
{
    static const char sql[] = "SELECT " CODE_COLUMNS " WHERE c.id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)id);
    const struct db_fetch_what w = {"code", "code", key, "reading a code"};
    return db_fetch_one(db, s, code_read, out, e, &w);
}

int promotion_store_code_insert(struct db *db, struct promotion_code *c, bool *taken, struct err *e)
{
    static const char sql[] =
        "INSERT INTO promotion_codes(promotion_id, code, single_use, batch, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (code) DO NOTHING";
    DB_PREPARE_OR_RETURN(s, sql);
    if (c->created_at[0] == '\0')
        datetime_now_utc(c->created_at);
    sqlite3_bind_int64(s, 1, c->promotion_id);
    db_bind_text(s, 2, c->code);
    sqlite3_bind_int(s, 3, c->single_use);
    db_bind_id_or_null(s, 4, c->single_use ? c->batch : 0);
    db_bind_text(s, 5, c->created_at);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "saving a code");
    *taken = rc == ERR_OK && sqlite3_changes(db->handle) == 0;
    if (rc == ERR_OK && !*taken)
        c->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

int promotion_store_next_batch(struct db *db, int64_t id, int64_t *batch, struct err *e)
{
    static const char sql[] =
        "SELECT coalesce(max(batch), 0) + 1 FROM promotion_codes WHERE promotion_id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    *batch = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 1;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    return db_step_done(db, s, rc, e, "numbering a batch of codes");
}

int promotion_store_codes_page(struct db *db, int64_t id, int64_t after, struct promotion_code *rows, int max,
                               int *count, struct err *e)
{
    static const char sql[] =
        "SELECT " CODE_COLUMNS " WHERE c.promotion_id = ?1 AND c.id > ?2 ORDER BY c.id LIMIT ?3";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, after);
    sqlite3_bind_int(s, 3, max);
    return db_read_rows(db, s, code_read, rows, sizeof *rows, count, e, "reading codes");
}

/* ------------------------------------------------------------ a cart's reads */

static int read_promotions(struct db *db, sqlite3_stmt *s, struct rows *out, struct err *e)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        promotion_read(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading promotions");
}

int promotion_store_live(struct db *db, const char *today, struct rows *out, struct err *e)
{
    static const char sql[] = "SELECT " PROMO_COLUMNS " FROM promotions p "
                              "WHERE p.disabled_at IS NULL AND p.activation = 'auto' "
                              "AND (p.ends_on IS NULL OR p.ends_on >= ?1) "
                              "AND (p.starts_on IS NULL OR p.starts_on <= ?1) ORDER BY p.id";
    rows_reset(out, sizeof(struct promotion));
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, today);
    return read_promotions(db, s, out, e);
}

int promotion_store_by_ids(struct db *db, const int64_t *ids, int n, struct rows *out, struct err *e)
{
    static const char sql[] = "SELECT " PROMO_COLUMNS " FROM promotions p "
                              "WHERE p.id IN (SELECT value FROM json_each(?)) ORDER BY p.id";
    rows_reset(out, sizeof(struct promotion));
    if (n == 0)
        return ERR_OK;
    DB_PREPARE_OR_RETURN(s, sql);
    struct strbuf list = {0};
    ids_json(ids, n, &list);
    db_bind_text(s, 1, strbuf_text(&list));
    int rc = read_promotions(db, s, out, e);
    strbuf_free(&list);
    return rc;
}

int promotion_store_party_uses(struct db *db, const char *party_kind, int64_t party_id, const int64_t *ids,
                               int n, int64_t *uses, struct err *e)
{
    static const char sql[] = "SELECT uses FROM promotion_party_uses "
                              "WHERE promotion_id = ?1 AND party_kind = ?2 AND party_id = ?3";
    for (int i = 0; i < n; i++) {
        DB_PREPARE_OR_RETURN(s, sql);
        sqlite3_bind_int64(s, 1, ids[i]);
        db_bind_text(s, 2, party_kind);
        sqlite3_bind_int64(s, 3, party_id);
        int rc = sqlite3_step(s);
        uses[i] = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
        if (rc == SQLITE_ROW)
            rc = sqlite3_step(s);
        if ((rc = db_step_done(db, s, rc, e, "reading a party's uses")) != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

int promotion_store_account_first_order(struct db *db, int64_t account_id, bool *first, struct err *e)
{
    static const char sql[] =
        "SELECT NOT EXISTS (SELECT 1 FROM orders WHERE account_id = ? AND status <> 'cancelled')";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, account_id);
    int rc = sqlite3_step(s);
    *first = rc == SQLITE_ROW && sqlite3_column_int(s, 0) != 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    return db_step_done(db, s, rc, e, "reading an account's orders");
}

/* ------------------------------------------------------------ placing */

/* Runs a prepared write and says whether it changed one row. */
static int step_changed(struct db *db, sqlite3_stmt *s, bool *done, struct err *e, const char *what)
{
    int rc = db_step_done(db, s, sqlite3_step(s), e, what);
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

int promotion_store_count_use(struct db *db, int64_t id, int64_t amount, bool *done, struct err *e)
{
    static const char sql[] =
        "UPDATE promotions SET uses = uses + 1, granted = granted + :amount "
        "WHERE id = :id AND disabled_at IS NULL AND (max_uses IS NULL OR uses + 1 <= max_uses) "
        "AND (budget IS NULL OR granted + :amount <= budget)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":id"), id);
    sqlite3_bind_int64(s, db_param(s, ":amount"), amount);
    return step_changed(db, s, done, e, "counting a promotion's use");
}

int promotion_store_count_party(struct db *db, int64_t id, const char *party_kind, int64_t party_id,
                                int64_t per_customer, bool *done, struct err *e)
{
    static const char sql[] =
        "INSERT INTO promotion_party_uses(promotion_id, party_kind, party_id, uses) "
        "VALUES (:id, :kind, :party, 1) ON CONFLICT (promotion_id, party_kind, party_id) "
        "DO UPDATE SET uses = uses + 1 WHERE uses + 1 <= :limit";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":id"), id);
    db_bind_text(s, db_param(s, ":kind"), party_kind);
    sqlite3_bind_int64(s, db_param(s, ":party"), party_id);
    sqlite3_bind_int64(s, db_param(s, ":limit"), per_customer);
    return step_changed(db, s, done, e, "counting a customer's use");
}

int promotion_store_take_code(struct db *db, int64_t code_id, int64_t order_id, const char *at, bool *done,
                              struct err *e)
{
    static const char sql[] = "UPDATE promotion_codes SET used_order_id = ?2, used_at = ?3 "
                              "WHERE id = ?1 AND single_use = 1 AND used_order_id IS NULL";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, code_id);
    sqlite3_bind_int64(s, 2, order_id);
    db_bind_text(s, 3, at);
    return step_changed(db, s, done, e, "using a code");
}

int promotion_store_use_insert(struct db *db, const struct promotion_use *u, const char *party_kind,
                               int64_t party_id, struct err *e)
{
    static const char sql[] =
        "INSERT INTO promotion_uses(promotion_id, order_id, code_id, party_kind, party_id, amount, "
        "order_net, day) VALUES (:promotion, :order, :code, :kind, :party, :amount, :net, :day)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":promotion"), u->promotion_id);
    sqlite3_bind_int64(s, db_param(s, ":order"), u->order_id);
    db_bind_id_or_null(s, db_param(s, ":code"), u->code_id);
    db_bind_text_or_null(s, db_param(s, ":kind"), party_kind ? party_kind : "");
    db_bind_id_or_null(s, db_param(s, ":party"), party_kind && party_kind[0] ? party_id : 0);
    sqlite3_bind_int64(s, db_param(s, ":amount"), u->amount);
    sqlite3_bind_int64(s, db_param(s, ":net"), u->order_net);
    db_bind_text(s, db_param(s, ":day"), u->day);
    return db_step_done(db, s, sqlite3_step(s), e, "recording a promotion's use");
}

static void use_read(sqlite3_stmt *s, void *row)
{
    struct promotion_use *u = row;
    memset(u, 0, sizeof *u);
    u->promotion_id = sqlite3_column_int64(s, 0);
    u->order_id = sqlite3_column_int64(s, 1);
    u->code_id = sqlite3_column_int64(s, 2);
    u->amount = sqlite3_column_int64(s, 3);
    u->order_net = sqlite3_column_int64(s, 4);
    db_column_copy(s, 5, u->day, sizeof u->day);
    db_column_copy(s, 6, u->released_at, sizeof u->released_at);
    db_column_copy(s, 7, u->name, sizeof u->name);
    db_column_copy(s, 8, u->code, sizeof u->code);
    db_column_copy(s, 9, u->order_number, sizeof u->order_number);
}

int promotion_store_uses_of_order(struct db *db, int64_t order_id, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT u.promotion_id, u.order_id, coalesce(u.code_id, 0), u.amount, u.order_net, u.day, "
        "coalesce(u.released_at, ''), p.name, coalesce(c.code, ''), o.number FROM promotion_uses u "
        "JOIN promotions p ON p.id = u.promotion_id JOIN orders o ON o.id = u.order_id "
        "LEFT JOIN promotion_codes c ON c.id = u.code_id WHERE u.order_id = ? "
        "ORDER BY p.priority DESC, u.promotion_id";
    rows_reset(out, sizeof(struct promotion_use));
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        use_read(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading an order's promotions");
}

int promotion_store_release(struct db *db, int64_t promotion_id, int64_t order_id, const char *at, bool *done,
                            struct err *e)
{
    static const char *const sql[] = {
        "UPDATE promotion_uses SET released_at = :at "
        "WHERE promotion_id = :promotion AND order_id = :order AND released_at IS NULL",
        "UPDATE promotions SET uses = uses - 1, granted = granted - u.amount FROM promotion_uses u "
        "WHERE promotions.id = :promotion AND u.promotion_id = :promotion AND u.order_id = :order "
        "AND promotions.uses >= 1 AND promotions.granted >= u.amount",
        "UPDATE promotion_party_uses SET uses = uses - 1 FROM promotion_uses u "
        "WHERE promotion_party_uses.promotion_id = :promotion AND u.promotion_id = :promotion "
        "AND u.order_id = :order AND promotion_party_uses.party_kind = u.party_kind "
        "AND promotion_party_uses.party_id = u.party_id AND promotion_party_uses.uses >= 1",
        "UPDATE promotion_codes SET used_order_id = NULL, used_at = NULL "
        "WHERE promotion_id = :promotion AND used_order_id = :order AND single_use = 1"};
    *done = false;
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        DB_PREPARE_OR_RETURN(s, sql[i]);
        sqlite3_bind_int64(s, db_param(s, ":promotion"), promotion_id);
        sqlite3_bind_int64(s, db_param(s, ":order"), order_id);
        if (i == 0)
            db_bind_text(s, db_param(s, ":at"), at);
        bool changed = false;
        int rc = step_changed(db, s, &changed, e, "giving back a promotion's use");
        if (rc != ERR_OK)
            return rc;
        if (i == 0 && !changed)
            return ERR_OK; /* released already: nothing to give back twice */
        if (i == 1 && !changed)
            return err_set(e, ERR_INTERNAL, "promotion", "promotion %lld counts fewer uses than it has",
                           (long long)promotion_id);
    }
    *done = true;
    return ERR_OK;
}

/* ------------------------------------------------------------ check */

static void note(struct strbuf *report, int *problems, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void note(struct strbuf *report, int *problems, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    strbuf_addf(report, "%s\n", line);
    (*problems)++;
}

/* Each row: the promotion's id, a label, what is stored, what it should be, and whether money. */
static int check_rows(struct db *db, const char *sql, struct strbuf *report, int *problems, struct err *e)
{
    DB_PREPARE_OR_RETURN(s, sql);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        char stored[32], should[32];
        bool money = sqlite3_column_int(s, 4) != 0;
        int64_t a = sqlite3_column_int64(s, 2), b = sqlite3_column_int64(s, 3);
        if (money) {
            money_format_plain(a, stored, sizeof stored);
            money_format_plain(b, should, sizeof should);
        } else {
            snprintf(stored, sizeof stored, "%lld", (long long)a);
            snprintf(should, sizeof should, "%lld", (long long)b);
        }
        note(report, problems, "promotion %lld: %s is %s but should be %s",
             (long long)sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1), stored, should);
    }
    return db_step_done(db, s, rc, e, "checking promotions");
}

int promotion_store_check(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    static const char counters[] =
        "SELECT id, label, stored, should, money FROM ("
        " SELECT p.id, 'uses' AS label, p.uses AS stored,"
        "  (SELECT count(*) FROM promotion_uses u WHERE u.promotion_id = p.id AND u.released_at IS NULL)"
        "  AS should, 0 AS money FROM promotions p"
        " UNION ALL SELECT p.id, 'granted', p.granted, (SELECT coalesce(sum(amount), 0) FROM promotion_uses u"
        "  WHERE u.promotion_id = p.id AND u.released_at IS NULL), 1 FROM promotions p"
        " UNION ALL SELECT p.id, 'uses beyond the limit', p.uses, p.max_uses, 0 FROM promotions p"
        "  WHERE p.uses > p.max_uses"
        " UNION ALL SELECT p.id, 'granted beyond the budget', p.granted, p.budget, 1 FROM promotions p"
        "  WHERE p.granted > p.budget)"
        " WHERE stored <> should ORDER BY id, label";
    static const char shares[] =
        "SELECT u.promotion_id, 'the use of order ' || o.number, u.amount,"
        " (SELECT coalesce(sum(a.amount), 0) FROM order_line_adjustments a WHERE a.order_id = u.order_id"
        "  AND a.kind = 'promotion' AND a.source_id = u.promotion_id), 1"
        " FROM promotion_uses u JOIN orders o ON o.id = u.order_id"
        " WHERE u.amount <> (SELECT coalesce(sum(a.amount), 0) FROM order_line_adjustments a"
        "  WHERE a.order_id = u.order_id AND a.kind = 'promotion' AND a.source_id = u.promotion_id)"
        " UNION ALL SELECT a.source_id, 'shares without a use on order ' || o.number, sum(a.amount), 0, 1"
        " FROM order_line_adjustments a JOIN orders o ON o.id = a.order_id"
        " WHERE a.kind = 'promotion' AND NOT EXISTS (SELECT 1 FROM promotion_uses u"
        "  WHERE u.promotion_id = a.source_id AND u.order_id = a.order_id) GROUP BY a.source_id, a.order_id"
        " ORDER BY 1, 2";
    static const char parties[] =
        "SELECT q.promotion_id, q.party_kind || ' ' || q.party_id || ' uses', q.uses,"
        " (SELECT count(*) FROM promotion_uses u WHERE u.promotion_id = q.promotion_id"
        "  AND u.party_kind = q.party_kind AND u.party_id = q.party_id AND u.released_at IS NULL), 0"
        " FROM promotion_party_uses q WHERE q.uses <> (SELECT count(*) FROM promotion_uses u"
        "  WHERE u.promotion_id = q.promotion_id AND u.party_kind = q.party_kind"
        "  AND u.party_id = q.party_id AND u.released_at IS NULL)"
        " UNION ALL SELECT q.promotion_id, q.party_kind || ' ' || q.party_id || ' uses beyond the limit',"
        " q.uses, p.per_customer, 0 FROM promotion_party_uses q JOIN promotions p ON p.id = q.promotion_id"
        " WHERE q.uses > p.per_customer ORDER BY 1, 2";
    static const char codes[] =
        "SELECT c.promotion_id, 'single-use code ' || c.code || ' used', c.used_order_id IS NOT NULL,"
        " EXISTS (SELECT 1 FROM promotion_uses u WHERE u.code_id = c.id AND u.released_at IS NULL), 0"
        " FROM promotion_codes c WHERE c.single_use = 1 AND (c.used_order_id IS NOT NULL) <>"
        " EXISTS (SELECT 1 FROM promotion_uses u WHERE u.code_id = c.id AND u.released_at IS NULL"
        "  AND u.order_id = c.used_order_id) ORDER BY 1, 2";
    const char *const all[] = {counters, shares, parties, codes};
    int rc = ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < sizeof all / sizeof all[0]; i++)
        rc = check_rows(db, all[i], report, problems, e);
    return rc;
}
