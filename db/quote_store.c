/* The quotes: the quote row (optimistic version), its revisions (frozen once
 * sent), the lines of each revision, and the timeline of events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db_private.h"
#include "db/quote_store.h"
#include "db/settings_store.h"
#include "src/base/datetime.h"

/* ------------------------------------------------------------ the quote */

#define QUOTE_COLUMNS                                                                                        \
    "q.id, q.number, q.account_id, coalesce(q.contact_id, 0), q.owner_id, q.status, q.valid_until, "         \
    "q.payment_terms_days, coalesce(q.requested_date, ''), q.notes, q.revision, r.id, "                      \
    "coalesce(q.order_id, 0), q.created_at, q.updated_at, coalesce(q.updated_by, 0), q.version, "            \
    "a.code, a.name, coalesce(c.name, ''), u.login, coalesce(ub.login, ''), coalesce(o.number, ''), "        \
    "r.subtotal, r.margin_bp "
#define QUOTE_FROM                                                                                           \
    "FROM quotes q JOIN accounts a ON a.id = q.account_id LEFT JOIN contacts c ON c.id = q.contact_id "      \
    "JOIN users u ON u.id = q.owner_id LEFT JOIN users ub ON ub.id = q.updated_by "                          \
    "LEFT JOIN orders o ON o.id = q.order_id "                                                               \
    "JOIN quote_revisions r ON r.quote_id = q.id AND r.number = q.revision "

static void quote_from_row(sqlite3_stmt *s, void *row)
{
    struct quote *q = row;
    char status[16];
    memset(q, 0, sizeof *q);
    q->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, q->number, sizeof q->number);
    q->account_id = sqlite3_column_int64(s, 2);
    q->contact_id = sqlite3_column_int64(s, 3);
    q->owner_id = sqlite3_column_int64(s, 4);
    db_column_copy(s, 5, status, sizeof status);
    if (quote_status_parse(status, &q->status) != ERR_OK)
        q->status = QUOTE_DRAFT;
    db_column_copy(s, 6, q->valid_until, sizeof q->valid_until);
    q->payment_terms_days = sqlite3_column_int(s, 7);
    db_column_copy(s, 8, q->requested_date, sizeof q->requested_date);
    db_column_copy(s, 9, q->notes, sizeof q->notes);
    q->revision = sqlite3_column_int(s, 10);
    q->revision_id = sqlite3_column_int64(s, 11);
    q->order_id = sqlite3_column_int64(s, 12);
    db_column_copy(s, 13, q->created_at, sizeof q->created_at);
    db_column_copy(s, 14, q->updated_at, sizeof q->updated_at);
    q->updated_by = sqlite3_column_int64(s, 15);
    q->version = sqlite3_column_int64(s, 16);
    db_column_copy(s, 17, q->account_code, sizeof q->account_code);
    db_column_copy(s, 18, q->account_name, sizeof q->account_name);
    db_column_copy(s, 19, q->contact_name, sizeof q->contact_name);
    db_column_copy(s, 20, q->owner_login, sizeof q->owner_login);
    db_column_copy(s, 21, q->updated_by_login, sizeof q->updated_by_login);
    db_column_copy(s, 22, q->order_number, sizeof q->order_number);
    q->total = sqlite3_column_int64(s, 23);
    q->margin_bp = sqlite3_column_int64(s, 24);
}

static int quote_fetch_one(struct db *db, sqlite3_stmt *s, struct quote *out, const char *what, struct err *e)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        quote_from_row(s, out);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return ERR_OK;
    if (rc == SQLITE_DONE)
        return err_set(e, ERR_NOTFOUND, "quote", "no quote %s", what);
    return db_fail(db, e, "reading a quote");
}

int quote_store_get(struct db *db, int64_t id, struct quote *out, struct err *e)
{
    static const char sql[] = "SELECT " QUOTE_COLUMNS QUOTE_FROM "WHERE q.id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    char what[32];
    snprintf(what, sizeof what, "#%lld", (long long)id);
    return quote_fetch_one(db, s, out, what, e);
}

int quote_store_find_number(struct db *db, const char *number, struct quote *out, struct err *e)
{
    static const char sql[] = "SELECT " QUOTE_COLUMNS QUOTE_FROM "WHERE q.number = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, number);
    char what[64];
    snprintf(what, sizeof what, "'%.40s'", number);
    return quote_fetch_one(db, s, out, what, e);
}

int quote_store_find_by_order(struct db *db, int64_t order_id, struct quote *out, struct err *e)
{
    static const char sql[] = "SELECT " QUOTE_COLUMNS QUOTE_FROM "WHERE q.order_id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    return quote_fetch_one(db, s, out, "for this order", e);
}

static int insert_first_revision(struct db *db, struct quote *q, int64_t user_id, struct err *e)
{
    static const char sql[] =
        "INSERT INTO quote_revisions(quote_id, number, proposed_by, created_at, created_by) "
        "VALUES (?, 1, 'ours', ?, ?)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, q->id);
    db_bind_text(s, 2, q->created_at);
    db_bind_id_or_null(s, 3, user_id);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "adding a quote revision");
    if (rc == ERR_OK) {
        q->revision = 1;
        q->revision_id = sqlite3_last_insert_rowid(db->handle);
    }
    return rc;
}

/* Binds by name what insert and update both write of a quote. */
static void quote_bind(sqlite3_stmt *s, const struct quote *q, const char *now, int64_t user_id)
{
    db_bind_id_or_null(s, db_param(s, ":contact_id"), q->contact_id);
    sqlite3_bind_int64(s, db_param(s, ":owner_id"), q->owner_id);
    db_bind_text(s, db_param(s, ":status"), quote_status_name(q->status));
    db_bind_text(s, db_param(s, ":valid_until"), q->valid_until);
    sqlite3_bind_int(s, db_param(s, ":payment_terms_days"), q->payment_terms_days);
    db_bind_text_or_null(s, db_param(s, ":requested_date"), q->requested_date);
    db_bind_text(s, db_param(s, ":notes"), q->notes);
    db_bind_text(s, db_param(s, ":now"), now);
    db_bind_id_or_null(s, db_param(s, ":user_id"), user_id);
}

int quote_store_insert(struct db *db, struct quote *q, int64_t user_id, struct err *e)
{
    static const char sql[] =
        "INSERT INTO quotes(number, account_id, contact_id, owner_id, status, valid_until, "
        "payment_terms_days, requested_date, notes, created_at, updated_at, updated_by) "
        "VALUES (:number, :account_id, :contact_id, :owner_id, :status, :valid_until, :payment_terms_days, "
        ":requested_date, :notes, :now, :now, :user_id)";
    int rc;
    if (q->number[0] == '\0') {
        int64_t n;
        if ((rc = counters_store_next(db, "quote", &n, e)) != ERR_OK)
            return rc;
        snprintf(q->number, sizeof q->number, "Q-%06lld", (long long)n);
    }
    DB_PREPARE_OR_RETURN(s, sql);
    datetime_now_utc(q->created_at);
    snprintf(q->updated_at, sizeof q->updated_at, "%s", q->created_at);
    db_bind_text(s, db_param(s, ":number"), q->number);
    sqlite3_bind_int64(s, db_param(s, ":account_id"), q->account_id);
    quote_bind(s, q, q->created_at, user_id);
    if ((rc = db_step_done(db, s, sqlite3_step(s), e, "adding a quote")) != ERR_OK) {
        if (rc == ERR_EXISTS)
            err_set(e, ERR_EXISTS, "number", "quote %s already exists", q->number);
        return rc;
    }
    q->id = sqlite3_last_insert_rowid(db->handle);
    q->version = 1;
    q->updated_by = user_id;
    return insert_first_revision(db, q, user_id, e);
}

int quote_store_update(struct db *db, struct quote *q, int64_t user_id, struct err *e)
{
    static const char sql[] =
        "UPDATE quotes SET contact_id = :contact_id, owner_id = :owner_id, status = :status, "
        "valid_until = :valid_until, payment_terms_days = :payment_terms_days, "
        "requested_date = :requested_date, notes = :notes, revision = :revision, order_id = :order_id, "
        "updated_at = :now, updated_by = :user_id, version = version + 1 "
        "WHERE id = :id AND version = :version";
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    quote_bind(s, q, now, user_id);
    sqlite3_bind_int(s, db_param(s, ":revision"), q->revision);
    db_bind_id_or_null(s, db_param(s, ":order_id"), q->order_id);
    sqlite3_bind_int64(s, db_param(s, ":id"), q->id);
    sqlite3_bind_int64(s, db_param(s, ":version"), q->version);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "saving a quote");
    if (rc != ERR_OK)
        return rc;
    if (sqlite3_changes(db->handle) == 0)
        return err_set(e, ERR_CONFLICT, "version", "quote %s was changed by someone else", q->number);
    q->version++;
    snprintf(q->updated_at, sizeof q->updated_at, "%s", now);
    q->updated_by = user_id;
    return ERR_OK;
}

int quote_store_link_order(struct db *db, int64_t quote_id, int64_t order_id, struct err *e)
{
    static const char sql[] = "UPDATE orders SET quote_id = ? WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, quote_id);
    sqlite3_bind_int64(s, 2, order_id);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "linking an order to its quote");
    if (rc == ERR_OK && sqlite3_changes(db->handle) == 0)
        return err_set(e, ERR_NOTFOUND, "order", "no order #%lld", (long long)order_id);
    return rc;
}

/* --------------------------------------------------------------- paging */

/* Bound by name: :statuses (a JSON list of status names, NULL = any),
 * :owner, :account, :like (a LIKE pattern or NULL), :awaiting (the user whose
 * approval queue this is), :rep (the rep whose accounts these are), :after,
 * :key, :id (the cursor) and :limit. */
#define QUOTE_WHERE                                                                                          \
    "WHERE (:statuses IS NULL OR q.status IN (SELECT value FROM json_each(:statuses))) "                     \
    "AND (:owner = 0 OR q.owner_id = :owner) AND (:account = 0 OR q.account_id = :account) "                 \
    "AND (:like IS NULL OR q.number LIKE :like ESCAPE '\\' OR a.name LIKE :like ESCAPE '\\') "               \
    "AND (:awaiting = 0 OR (q.status = 'pending' AND q.owner_id <> :awaiting AND NOT EXISTS (SELECT 1 "      \
    "FROM quote_approvals x WHERE x.revision_id = r.id AND x.approver_id = :awaiting "                       \
    "AND x.superseded_at IS NULL))) AND (:rep = 0 OR a.rep_id = :rep) "
#define QUOTE_PAGE(key, cmp, dir)                                                                            \
    "SELECT " QUOTE_COLUMNS QUOTE_FROM QUOTE_WHERE "AND (:after = 0 OR (" key ", q.id) " cmp                 \
    " (:key, :id)) "                                                                                         \
    "ORDER BY " key " " dir ", q.id " dir " LIMIT :limit"

static const char page_number_up[] = QUOTE_PAGE("q.number", ">", "ASC");
static const char page_number_down[] = QUOTE_PAGE("q.number", "<", "DESC");
static const char page_updated_up[] = QUOTE_PAGE("q.updated_at", ">", "ASC");
static const char page_updated_down[] = QUOTE_PAGE("q.updated_at", "<", "DESC");
static const char page_valid_up[] = QUOTE_PAGE("q.valid_until", ">", "ASC");
static const char page_valid_down[] = QUOTE_PAGE("q.valid_until", "<", "DESC");
static const char page_total_up[] = QUOTE_PAGE("r.subtotal", ">", "ASC");
static const char page_total_down[] = QUOTE_PAGE("r.subtotal", "<", "DESC");

static const char *page_sql(int sort, bool upward)
{
    switch (sort) {
    case QUOTE_SORT_UPDATED: return upward ? page_updated_up : page_updated_down;
    case QUOTE_SORT_VALID: return upward ? page_valid_up : page_valid_down;
    case QUOTE_SORT_TOTAL: return upward ? page_total_up : page_total_down;
    default: return upward ? page_number_up : page_number_down;
    }
}

static void bind_filter(sqlite3_stmt *s, const struct quote_filter *f, const struct page_req *q)
{
    static const struct quote_filter any = {0};
    char like[300];
    f = f ? f : &any;
    db_bind_name_set(s, db_param(s, ":statuses"), f->statuses, quote_status_names, QUOTE_STATUS_COUNT);
    sqlite3_bind_int64(s, db_param(s, ":owner"), f->owner_id);
    sqlite3_bind_int64(s, db_param(s, ":account"), f->account_id);
    if (q->filter && q->filter[0]) {
        db_like_prefix(q->filter, like, sizeof like);
        db_bind_text(s, db_param(s, ":like"), like);
    }
    sqlite3_bind_int64(s, db_param(s, ":awaiting"), f->awaiting_role_of);
    sqlite3_bind_int64(s, db_param(s, ":rep"), q->owner_id);
}

int quote_store_page(struct db *db, const struct quote_filter *f, const struct page_req *q,
                     struct quote *rows, int *count, struct err *e)
{
    /* Rows before the cursor are read the other way round, then put back in display order. */
    bool upward = q->descending == q->before;
    DB_PREPARE_OR_RETURN(s, page_sql(q->sort, upward));
    bind_filter(s, f, q);
    sqlite3_bind_int(s, db_param(s, ":after"), q->has_cursor ? 1 : 0);
    if (q->sort == QUOTE_SORT_TOTAL)
        sqlite3_bind_int64(s, db_param(s, ":key"), q->cursor.num);
    else
        db_bind_text(s, db_param(s, ":key"), q->cursor.text);
    sqlite3_bind_int64(s, db_param(s, ":id"), q->cursor.id);
    sqlite3_bind_int(s, db_param(s, ":limit"), db_page_limit(q));
    *count = 0;
    int rc = db_read_rows(db, s, quote_from_row, rows, sizeof *rows, count, e, "listing quotes");
    if (rc == ERR_OK && q->before)
        db_page_reverse(rows, *count, sizeof *rows);
    return rc;
}

void quote_store_cursor(const struct quote *q, int sort, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    c->id = q->id;
    switch (sort) {
    case QUOTE_SORT_UPDATED: snprintf(c->text, sizeof c->text, "%s", q->updated_at); break;
    case QUOTE_SORT_VALID: snprintf(c->text, sizeof c->text, "%s", q->valid_until); break;
    case QUOTE_SORT_TOTAL: c->num = q->total; break;
    default: snprintf(c->text, sizeof c->text, "%s", q->number); break;
    }
}

int quote_store_due_for_expiry(struct db *db, const char *date, unsigned statuses, int64_t *ids, int max,
                               int *count, struct err *e)
{
    /* quotes_valid (0004) holds only the open quotes, by the day they
     * expire: its own condition must be spelled out for SQLite to use it,
     * and named, or the planner sorts every open quote by the status index
     * (60 ms a batch on 200,000 quotes instead of 0.1). */
    static const char sql[] =
        "SELECT id FROM quotes INDEXED BY quotes_valid WHERE valid_until < :date "
        "AND status IN ('draft', 'pending', 'approved', 'sent') "
        "AND status IN (SELECT value FROM json_each(:statuses)) ORDER BY valid_until, id "
        "LIMIT :limit";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, db_param(s, ":date"), date);
    db_bind_name_set(s, db_param(s, ":statuses"), statuses, quote_status_names, QUOTE_STATUS_COUNT);
    sqlite3_bind_int(s, db_param(s, ":limit"), max);
    int rc;
    *count = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        ids[(*count)++] = sqlite3_column_int64(s, 0);
    return db_step_done(db, s, rc, e, "finding quotes to expire");
}

/* ------------------------------------------------------------ revisions */

#define REVISION_COLUMNS                                                                                     \
    "r.id, r.quote_id, r.number, r.proposed_by, r.comment, r.order_discount, r.order_discount_bp, "          \
    "coalesce(r.payment_terms_days, -1), coalesce(r.valid_until, ''), r.subtotal, r.tax_total, r.total, "    \
    "r.cost_total, r.margin_bp, r.discount_bp, r.created_at, coalesce(r.created_by, 0), "                    \
    "coalesce(u.login, ''), coalesce(r.frozen_at, '') FROM quote_revisions r "                               \
    "LEFT JOIN users u ON u.id = r.created_by "

static void revision_from_row(sqlite3_stmt *s, void *row)
{
    struct quote_revision *r = row;
    char side[16];
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(s, 0);
    r->quote_id = sqlite3_column_int64(s, 1);
    r->number = sqlite3_column_int(s, 2);
    db_column_copy(s, 3, side, sizeof side);
    r->proposed_by = strcmp(side, "customer") == 0 ? QUOTE_SIDE_CUSTOMER : QUOTE_SIDE_OURS;
    db_column_copy(s, 4, r->comment, sizeof r->comment);
    r->order_discount = sqlite3_column_int64(s, 5);
    r->order_discount_bp = sqlite3_column_int64(s, 6);
    r->payment_terms_days = sqlite3_column_int(s, 7);
    db_column_copy(s, 8, r->valid_until, sizeof r->valid_until);
    r->subtotal = sqlite3_column_int64(s, 9);
    r->tax_total = sqlite3_column_int64(s, 10);
    r->total = sqlite3_column_int64(s, 11);
    r->cost_total = sqlite3_column_int64(s, 12);
    r->margin_bp = sqlite3_column_int64(s, 13);
    r->discount_bp = sqlite3_column_int64(s, 14);
    db_column_copy(s, 15, r->created_at, sizeof r->created_at);
    r->created_by = sqlite3_column_int64(s, 16);
    db_column_copy(s, 17, r->created_by_login, sizeof r->created_by_login);
    db_column_copy(s, 18, r->frozen_at, sizeof r->frozen_at);
}

int quote_store_revision(struct db *db, int64_t quote_id, int number, struct quote_revision *out,
                         struct err *e)
{
    static const char sql[] = "SELECT " REVISION_COLUMNS "WHERE r.quote_id = ? AND r.number = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, quote_id);
    sqlite3_bind_int(s, 2, number);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        revision_from_row(s, out);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return ERR_OK;
    if (rc == SQLITE_DONE)
        return err_set(e, ERR_NOTFOUND, "revision", "no revision %d", number);
    return db_fail(db, e, "reading a revision");
}

#define REVISION_PAGE                                                                                        \
    "SELECT " REVISION_COLUMNS "WHERE r.quote_id = :parent AND (:after = 0 OR (r.number, r.id) "

static const struct db_list_spec revisions_list = {
    REVISION_PAGE "> (:key, :id)) ORDER BY r.number, r.id",
    REVISION_PAGE "< (:key, :id)) ORDER BY r.number DESC, r.id DESC",
    sizeof(struct quote_revision),
    revision_from_row,
    false,
    "listing revisions",
};

int quote_store_revisions(struct db *db, int64_t quote_id, const struct page_req *q, struct rows *out,
                          struct err *e)
{
    return db_list_read(db, &revisions_list, quote_id, q, out, e);
}

static int copy_lines(struct db *db, int64_t to_id, int64_t from_id, struct err *e)
{
    static const char sql[] =
        "INSERT INTO quote_lines(revision_id, line_no, position, product_id, sku, description, quantity, "
        "list_price, base_price, unit_price, discount_bp, manual, manual_value, price_source, unit_cost, "
        "tax_class, tax_rate_bp, note) SELECT ?, line_no, position, product_id, sku, description, quantity, "
        "list_price, base_price, unit_price, discount_bp, manual, manual_value, price_source, unit_cost, "
        "tax_class, tax_rate_bp, note FROM quote_lines WHERE revision_id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, to_id);
    sqlite3_bind_int64(s, 2, from_id);
    return db_step_done(db, s, sqlite3_step(s), e, "copying lines into a new revision");
}

/* Binds by name the comment, discount and totals of a revision. */
static void revision_bind(sqlite3_stmt *s, const struct quote_revision *r)
{
    db_bind_text(s, db_param(s, ":comment"), r->comment);
    sqlite3_bind_int64(s, db_param(s, ":order_discount"), r->order_discount);
    sqlite3_bind_int64(s, db_param(s, ":order_discount_bp"), r->order_discount_bp);
    sqlite3_bind_int64(s, db_param(s, ":subtotal"), r->subtotal);
    sqlite3_bind_int64(s, db_param(s, ":tax_total"), r->tax_total);
    sqlite3_bind_int64(s, db_param(s, ":total"), r->total);
    sqlite3_bind_int64(s, db_param(s, ":cost_total"), r->cost_total);
    sqlite3_bind_int64(s, db_param(s, ":margin_bp"), r->margin_bp);
    sqlite3_bind_int64(s, db_param(s, ":discount_bp"), r->discount_bp);
}

int quote_store_add_revision(struct db *db, struct quote_revision *r, int64_t from_id, struct err *e)
{
    static const char sql[] =
        "INSERT INTO quote_revisions(quote_id, number, proposed_by, comment, order_discount, "
        "order_discount_bp, subtotal, tax_total, total, cost_total, margin_bp, discount_bp, created_at, "
        "created_by) "
        "SELECT :quote_id, coalesce(max(number), 0) + 1, :proposed_by, :comment, :order_discount, "
        ":order_discount_bp, :subtotal, :tax_total, :total, :cost_total, :margin_bp, :discount_bp, :now, "
        ":created_by FROM quote_revisions WHERE quote_id = :quote_id RETURNING id, number";
    DB_PREPARE_OR_RETURN(s, sql);
    datetime_now_utc(r->created_at);
    sqlite3_bind_int64(s, db_param(s, ":quote_id"), r->quote_id);
    db_bind_text(s, db_param(s, ":proposed_by"), r->proposed_by == QUOTE_SIDE_CUSTOMER ? "customer" : "ours");
    revision_bind(s, r);
    db_bind_text(s, db_param(s, ":now"), r->created_at);
    db_bind_id_or_null(s, db_param(s, ":created_by"), r->created_by);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        r->id = sqlite3_column_int64(s, 0);
        r->number = sqlite3_column_int(s, 1);
        rc = sqlite3_step(s);
    }
    r->frozen_at[0] = '\0';
    if ((rc = db_step_done(db, s, rc, e, "adding a revision")) != ERR_OK)
        return rc;
    return from_id > 0 ? copy_lines(db, r->id, from_id, e) : ERR_OK;
}

int quote_store_update_revision(struct db *db, const struct quote_revision *r, struct err *e)
{
    static const char sql[] =
        "UPDATE quote_revisions SET comment = :comment, order_discount = :order_discount, "
        "order_discount_bp = :order_discount_bp, subtotal = :subtotal, tax_total = :tax_total, "
        "total = :total, cost_total = :cost_total, margin_bp = :margin_bp, discount_bp = :discount_bp "
        "WHERE id = :id";
    DB_PREPARE_OR_RETURN(s, sql);
    revision_bind(s, r);
    sqlite3_bind_int64(s, db_param(s, ":id"), r->id);
    return db_step_done(db, s, sqlite3_step(s), e, "saving a revision");
}

int quote_store_freeze_revision(struct db *db, struct quote_revision *r, struct err *e)
{
    static const char sql[] =
        "UPDATE quote_revisions SET frozen_at = ?, payment_terms_days = ?, valid_until = ? "
        "WHERE id = ? AND frozen_at IS NULL";
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    db_bind_text(s, 1, now);
    sqlite3_bind_int(s, 2, r->payment_terms_days);
    db_bind_text(s, 3, r->valid_until);
    sqlite3_bind_int64(s, 4, r->id);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "freezing a revision");
    if (rc == ERR_OK)
        snprintf(r->frozen_at, sizeof r->frozen_at, "%s", now);
    return rc;
}

/* ---------------------------------------------------------------- lines */

#define LINE_COLUMNS                                                                                         \
    "id, revision_id, line_no, position, coalesce(product_id, 0), sku, description, quantity, list_price, "  \
    "base_price, unit_price, discount_bp, manual, manual_value, price_source, unit_cost, tax_class, "        \
    "tax_rate_bp, note "

static const char *manual_name(enum manual_price m)
{
    return m == MANUAL_DISCOUNT ? "discount" : m == MANUAL_PRICE ? "price" : "none";
}

static void line_from_row(sqlite3_stmt *s, void *row)
{
    struct quote_line *l = row;
    char manual[16];
    memset(l, 0, sizeof *l);
    l->id = sqlite3_column_int64(s, 0);
    l->revision_id = sqlite3_column_int64(s, 1);
    l->line_no = sqlite3_column_int(s, 2);
    l->position = sqlite3_column_int(s, 3);
    l->product_id = sqlite3_column_int64(s, 4);
    db_column_copy(s, 5, l->sku, sizeof l->sku);
    db_column_copy(s, 6, l->description, sizeof l->description);
    l->quantity = sqlite3_column_int64(s, 7);
    l->list_price = sqlite3_column_int64(s, 8);
    l->base_price = sqlite3_column_int64(s, 9);
    l->unit_price = sqlite3_column_int64(s, 10);
    l->discount_bp = sqlite3_column_int64(s, 11);
    db_column_copy(s, 12, manual, sizeof manual);
    l->manual = strcmp(manual, "discount") == 0 ? MANUAL_DISCOUNT
                : strcmp(manual, "price") == 0  ? MANUAL_PRICE
                                                : MANUAL_NONE;
    l->manual_value = sqlite3_column_int64(s, 13);
    db_column_copy(s, 14, l->price_source, sizeof l->price_source);
    l->unit_cost = sqlite3_column_int64(s, 15);
    db_column_copy(s, 16, l->tax_class, sizeof l->tax_class);
    l->tax_rate_bp = sqlite3_column_int(s, 17);
    db_column_copy(s, 18, l->note, sizeof l->note);
}

#define LINE_PAGE                                                                                            \
    "SELECT " LINE_COLUMNS                                                                                   \
    "FROM quote_lines WHERE revision_id = :parent AND (:after = 0 OR (position, line_no) "

static const struct db_list_spec lines_list = {
    LINE_PAGE "> (:key, :id)) ORDER BY position, line_no",
    LINE_PAGE "< (:key, :id)) ORDER BY position DESC, line_no DESC",
    sizeof(struct quote_line),
    line_from_row,
    false,
    "reading quote lines",
};

int quote_store_lines(struct db *db, int64_t revision_id, struct rows *out, struct err *e)
{
    return db_list_read(db, &lines_list, revision_id, NULL, out, e);
}

/* A removed line's number is never given again, so revisions compare by number. */
static int next_numbers(struct db *db, int64_t quote_id, struct quote_line *l, struct err *e)
{
    static const char sql[] =
        "SELECT (SELECT coalesce(max(l.line_no), 0) + 1 FROM quote_lines l JOIN quote_revisions r "
        "ON r.id = l.revision_id WHERE r.quote_id = ?1), "
        "(SELECT coalesce(max(position), 0) + 1 FROM quote_lines WHERE revision_id = ?2)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, quote_id);
    sqlite3_bind_int64(s, 2, l->revision_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        if (l->line_no <= 0)
            l->line_no = sqlite3_column_int(s, 0);
        if (l->position <= 0)
            l->position = sqlite3_column_int(s, 1);
        rc = sqlite3_step(s);
    }
    return db_step_done(db, s, rc, e, "numbering a quote line");
}

/* Binds a line's columns by name (insert and update name them alike). */
static void bind_line(sqlite3_stmt *s, const struct quote_line *l)
{
    sqlite3_bind_int(s, db_param(s, ":line_no"), l->line_no);
    sqlite3_bind_int(s, db_param(s, ":position"), l->position);
    db_bind_id_or_null(s, db_param(s, ":product_id"), l->product_id);
    db_bind_text(s, db_param(s, ":sku"), l->sku);
    db_bind_text(s, db_param(s, ":description"), l->description);
    sqlite3_bind_int64(s, db_param(s, ":quantity"), l->quantity);
    sqlite3_bind_int64(s, db_param(s, ":list_price"), l->list_price);
    sqlite3_bind_int64(s, db_param(s, ":base_price"), l->base_price);
    sqlite3_bind_int64(s, db_param(s, ":unit_price"), l->unit_price);
    sqlite3_bind_int64(s, db_param(s, ":discount_bp"), l->discount_bp);
    db_bind_text(s, db_param(s, ":manual"), manual_name(l->manual));
    sqlite3_bind_int64(s, db_param(s, ":manual_value"), l->manual_value);
    db_bind_text(s, db_param(s, ":price_source"), l->price_source);
    sqlite3_bind_int64(s, db_param(s, ":unit_cost"), l->unit_cost);
    db_bind_text(s, db_param(s, ":tax_class"), l->tax_class);
    sqlite3_bind_int(s, db_param(s, ":tax_rate_bp"), l->tax_rate_bp);
    db_bind_text(s, db_param(s, ":note"), l->note);
}

#define LINE_VALUES                                                                                          \
    ":line_no, :position, :product_id, :sku, :description, :quantity, :list_price, :base_price, "            \
    ":unit_price, :discount_bp, :manual, :manual_value, :price_source, :unit_cost, :tax_class, "             \
    ":tax_rate_bp, :note"

int quote_store_insert_line(struct db *db, int64_t quote_id, struct quote_line *l, struct err *e)
{
    static const char sql[] =
        "INSERT INTO quote_lines(line_no, position, product_id, sku, description, quantity, list_price, "
        "base_price, unit_price, discount_bp, manual, manual_value, price_source, unit_cost, tax_class, "
        "tax_rate_bp, note, revision_id) VALUES (" LINE_VALUES ", :revision_id)";
    int rc = next_numbers(db, quote_id, l, e);
    if (rc != ERR_OK)
        return rc;
    DB_PREPARE_OR_RETURN(s, sql);
    bind_line(s, l);
    sqlite3_bind_int64(s, db_param(s, ":revision_id"), l->revision_id);
    if ((rc = db_step_done(db, s, sqlite3_step(s), e, "adding a quote line")) == ERR_OK)
        l->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

int quote_store_update_line(struct db *db, const struct quote_line *l, struct err *e)
{
    static const char sql[] =
        "UPDATE quote_lines SET line_no = :line_no, position = :position, product_id = :product_id, "
        "sku = :sku, description = :description, quantity = :quantity, list_price = :list_price, "
        "base_price = :base_price, unit_price = :unit_price, discount_bp = :discount_bp, manual = :manual, "
        "manual_value = :manual_value, price_source = :price_source, unit_cost = :unit_cost, "
        "tax_class = :tax_class, tax_rate_bp = :tax_rate_bp, note = :note WHERE id = :id";
    DB_PREPARE_OR_RETURN(s, sql);
    bind_line(s, l);
    sqlite3_bind_int64(s, db_param(s, ":id"), l->id);
    return db_step_done(db, s, sqlite3_step(s), e, "saving a quote line");
}

int quote_store_delete_line(struct db *db, int64_t line_id, struct err *e)
{
    static const char sql[] = "DELETE FROM quote_lines WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, line_id);
    return db_step_done(db, s, sqlite3_step(s), e, "removing a quote line");
}

/* --------------------------------------------------------------- events */

int quote_store_add_event(struct db *db, struct quote_event *ev, struct err *e)
{
    static const char sql[] =
        "INSERT INTO quote_events(quote_id, revision, at, user_id, real_user_id, kind, from_status, "
        "to_status, note) VALUES (:quote_id, :revision, :at, :user_id, :real_user_id, :kind, :from, :to, "
        ":note)";
    DB_PREPARE_OR_RETURN(s, sql);
    datetime_now_utc(ev->at);
    sqlite3_bind_int64(s, db_param(s, ":quote_id"), ev->quote_id);
    sqlite3_bind_int(s, db_param(s, ":revision"), ev->revision);
    db_bind_text(s, db_param(s, ":at"), ev->at);
    db_bind_id_or_null(s, db_param(s, ":user_id"), ev->user_id);
    db_bind_id_or_null(s, db_param(s, ":real_user_id"), ev->real_user_id);
    db_bind_text(s, db_param(s, ":kind"), ev->kind);
    db_bind_text(s, db_param(s, ":from"), ev->from_status);
    db_bind_text(s, db_param(s, ":to"), ev->to_status);
    db_bind_text(s, db_param(s, ":note"), ev->note);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "recording a quote event");
    if (rc == ERR_OK)
        ev->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

static void event_from_row(sqlite3_stmt *s, void *row)
{
    struct quote_event *ev = row;
    memset(ev, 0, sizeof *ev);
    ev->id = sqlite3_column_int64(s, 0);
    ev->quote_id = sqlite3_column_int64(s, 1);
    ev->revision = sqlite3_column_int(s, 2);
    db_column_copy(s, 3, ev->at, sizeof ev->at);
    ev->user_id = sqlite3_column_int64(s, 4);
    db_column_copy(s, 5, ev->user_login, sizeof ev->user_login);
    db_column_copy(s, 6, ev->kind, sizeof ev->kind);
    db_column_copy(s, 7, ev->from_status, sizeof ev->from_status);
    db_column_copy(s, 8, ev->to_status, sizeof ev->to_status);
    db_column_copy(s, 9, ev->note, sizeof ev->note);
    ev->real_user_id = sqlite3_column_int64(s, 10);
}

/* The login reads "root as david" when someone acted as another (--as). */
#define EVENT_PAGE                                                                                           \
    "SELECT ev.id, ev.quote_id, ev.revision, ev.at, coalesce(ev.user_id, 0), "                               \
    "CASE WHEN r.id <> u.id THEN r.login || ' as ' || u.login ELSE coalesce(u.login, '') END, "              \
    "ev.kind, ev.from_status, ev.to_status, ev.note, coalesce(ev.real_user_id, 0) FROM quote_events ev "     \
    "LEFT JOIN users u ON u.id = ev.user_id LEFT JOIN users r ON r.id = ev.real_user_id "                    \
    "WHERE ev.quote_id = :parent AND (:after = 0 OR (ev.id, ev.id) "

static const struct db_list_spec events_list = {
    EVENT_PAGE "> (:key, :id)) ORDER BY ev.id",
    EVENT_PAGE "< (:key, :id)) ORDER BY ev.id DESC",
    sizeof(struct quote_event),
    event_from_row,
    false,
    "reading the quote timeline",
};

int quote_store_events(struct db *db, int64_t quote_id, const struct page_req *q, struct rows *out,
                       struct err *e)
{
    return db_list_read(db, &events_list, quote_id, q, out, e);
}

static void asker_from_row(sqlite3_stmt *s, void *row)
{
    struct quote_asker *a = row;
    a->user_id = sqlite3_column_int64(s, 0);
    a->real_user_id = sqlite3_column_int64(s, 1);
}

int quote_store_askers(struct db *db, int64_t quote_id, int revision, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT DISTINCT coalesce(user_id, 0), coalesce(real_user_id, 0) FROM quote_events "
        "WHERE quote_id = ? AND revision = ? AND kind = 'submit'";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, quote_id);
    sqlite3_bind_int(s, 2, revision);
    rows_reset(out, sizeof(struct quote_asker));
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        asker_from_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading who asked for approval");
}

void quote_store_event_cursor(const struct quote_event *ev, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    c->num = ev->id;
    c->id = ev->id;
}