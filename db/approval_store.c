/* Approval rules (data edited by managers) and the approvals given on quote
 * revisions: append-only, superseded when a price changes, never by the owner. */
#include <stdio.h>
#include <string.h>

#include "db/approval_store.h"
#include "db/db_private.h"
#include "src/base/datetime.h"

/* ---------------------------------------------------------------- rules */

#define RULE_COLUMNS                                                                                         \
    "id, name, condition, threshold, approver_role, approvals_needed, level, active, version FROM "          \
    "approval_rules "

static void rule_from_row(sqlite3_stmt *s, void *row)
{
    struct approval_rule *r = row;
    char text[32];
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(s, 0);
    db_column_copy(s, 1, r->name, sizeof r->name);
    db_column_copy(s, 2, text, sizeof text);
    if (approval_condition_parse(text, &r->condition) != ERR_OK)
        r->condition = APPROVAL_TOTAL;
    r->threshold = sqlite3_column_int64(s, 3);
    db_column_copy(s, 4, text, sizeof text);
    if (role_parse(text, &r->approver_role) != ERR_OK)
        r->approver_role = ROLE_ADMIN;
    r->approvals_needed = sqlite3_column_int(s, 5);
    r->level = sqlite3_column_int(s, 6);
    r->active = sqlite3_column_int(s, 7) != 0;
    r->version = sqlite3_column_int64(s, 8);
}

/* Binds the rule's columns and the time (:now) by name. */
static void bind_rule(sqlite3_stmt *s, const struct approval_rule *r, const char *now)
{
    db_bind_text(s, db_param(s, ":name"), r->name);
    db_bind_text(s, db_param(s, ":condition"), approval_condition_name(r->condition));
    sqlite3_bind_int64(s, db_param(s, ":threshold"), r->threshold);
    db_bind_text(s, db_param(s, ":approver_role"), role_name(r->approver_role));
    sqlite3_bind_int(s, db_param(s, ":approvals_needed"), r->approvals_needed);
    sqlite3_bind_int(s, db_param(s, ":level"), r->level);
    sqlite3_bind_int(s, db_param(s, ":active"), r->active ? 1 : 0);
    db_bind_text(s, db_param(s, ":now"), now);
}

int approval_rule_store_insert(struct db *db, struct approval_rule *r, struct err *e)
{
    static const char sql[] =
        "INSERT INTO approval_rules(name, condition, threshold, approver_role, approvals_needed, level, "
        "active, created_at, updated_at) "
        "VALUES (:name, :condition, :threshold, :approver_role, :approvals_needed, :level, :active, :now, "
        ":now)";
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    bind_rule(s, r, now);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "adding an approval rule");
    if (rc == ERR_OK) {
        r->id = sqlite3_last_insert_rowid(db->handle);
        r->version = 1;
    }
    return rc;
}

int approval_rule_store_update(struct db *db, struct approval_rule *r, struct err *e)
{
    static const char sql[] =
        "UPDATE approval_rules SET name = :name, condition = :condition, threshold = :threshold, "
        "approver_role = :approver_role, approvals_needed = :approvals_needed, level = :level, "
        "active = :active, updated_at = :now, version = version + 1 WHERE id = :id AND version = :version";
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    bind_rule(s, r, now);
    sqlite3_bind_int64(s, db_param(s, ":id"), r->id);
    sqlite3_bind_int64(s, db_param(s, ":version"), r->version);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "saving an approval rule");
    if (rc != ERR_OK)
        return rc;
    if (sqlite3_changes(db->handle) == 0)
        return err_set(e, ERR_CONFLICT, NULL, "rule '%s' was changed by someone else — reload", r->name);
    r->version++;
    return ERR_OK;
}

int approval_rule_store_get(struct db *db, int64_t id, struct approval_rule *out, struct err *e)
{
    static const char sql[] = "SELECT " RULE_COLUMNS "WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        rule_from_row(s, out);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return ERR_OK;
    if (rc == SQLITE_DONE)
        return err_set(e, ERR_NOTFOUND, "rule", "no approval rule #%lld", (long long)id);
    return db_fail(db, e, "reading an approval rule");
}

#define RULE_PAGE(where) "SELECT " RULE_COLUMNS "WHERE " where " AND (:after = 0 OR (level, id) "

static const struct db_list_spec rules_active = {
    RULE_PAGE("active = 1") "> (:key, :id)) ORDER BY level, id",
    RULE_PAGE("active = 1") "< (:key, :id)) ORDER BY level DESC, id DESC",
    sizeof(struct approval_rule),
    rule_from_row,
    false,
    "listing approval rules",
};

static const struct db_list_spec rules_all = {
    RULE_PAGE("1") "> (:key, :id)) ORDER BY level, id",
    RULE_PAGE("1") "< (:key, :id)) ORDER BY level DESC, id DESC",
    sizeof(struct approval_rule),
    rule_from_row,
    false,
    "listing approval rules",
};

int approval_rule_store_active(struct db *db, struct rows *out, struct err *e)
{
    return db_list_read(db, &rules_active, 0, NULL, out, e);
}

int approval_rule_store_list(struct db *db, const struct page_req *q, struct rows *out, struct err *e)
{
    return db_list_read(db, &rules_all, 0, q, out, e);
}

void approval_rule_store_cursor(const struct approval_rule *r, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    c->num = r->level;
    c->id = r->id;
}

/* ------------------------------------------------------------ approvals */

int approval_store_insert(struct db *db, struct approval *a, struct err *e)
{
    /* with how long the quote has waited: since it last went to approval (0027) */
    static const char sql[] =
        "INSERT INTO quote_approvals(quote_id, revision_id, approver_id, real_approver_id, decision, "
        "comment, at, waited_seconds) VALUES (:quote_id, :revision_id, :approver_id, :real_approver_id, "
        ":decision, :comment, :at, max(0, coalesce(CAST(strftime('%s', :at) AS INTEGER) - (SELECT "
        "CAST(strftime('%s', max(p.at)) AS INTEGER) FROM quote_events p WHERE p.quote_id = :quote_id "
        "AND p.to_status = 'pending' AND p.at <= :at), 0)))";
    DB_PREPARE_OR_RETURN(s, sql);
    datetime_now_utc(a->at);
    sqlite3_bind_int64(s, db_param(s, ":quote_id"), a->quote_id);
    sqlite3_bind_int64(s, db_param(s, ":revision_id"), a->revision_id);
    sqlite3_bind_int64(s, db_param(s, ":approver_id"), a->approver_id);
    db_bind_id_or_null(s, db_param(s, ":real_approver_id"), a->real_approver_id);
    db_bind_text(s, db_param(s, ":decision"), a->decision == APPROVAL_REJECT ? "reject" : "approve");
    db_bind_text(s, db_param(s, ":comment"), a->comment);
    db_bind_text(s, db_param(s, ":at"), a->at);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE) {
        a->id = sqlite3_last_insert_rowid(db->handle);
        return ERR_OK;
    }
    rc = db_fail(db, e, "recording an approval");
    const char *msg = sqlite3_errmsg(db->handle);
    if (strstr(msg, "their own quote"))
        return err_set(e, ERR_DENIED, NULL, "nobody approves their own quote");
    if (rc == ERR_EXISTS)
        return err_set(e, ERR_EXISTS, NULL, "you have already approved this revision");
    return rc;
}

#define APPROVAL_COLUMNS                                                                                     \
    "x.id, x.quote_id, x.revision_id, x.approver_id, "                                                       \
    "CASE WHEN r.id <> u.id THEN r.login || ' as ' || u.login ELSE u.login END, u.role, x.decision, "        \
    "x.comment, x.at, coalesce(x.superseded_at, ''), coalesce(x.real_approver_id, 0) "                       \
    "FROM quote_approvals x JOIN users u ON u.id = x.approver_id "                                           \
    "LEFT JOIN users r ON r.id = x.real_approver_id "

static void approval_from_row(sqlite3_stmt *s, void *row)
{
    struct approval *a = row;
    char text[16];
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(s, 0);
    a->quote_id = sqlite3_column_int64(s, 1);
    a->revision_id = sqlite3_column_int64(s, 2);
    a->approver_id = sqlite3_column_int64(s, 3);
    db_column_copy(s, 4, a->approver_login, sizeof a->approver_login);
    db_column_copy(s, 5, text, sizeof text);
    if (role_parse(text, &a->approver_role) != ERR_OK)
        a->approver_role = ROLE_REP;
    db_column_copy(s, 6, text, sizeof text);
    a->decision = strcmp(text, "reject") == 0 ? APPROVAL_REJECT : APPROVAL_APPROVE;
    db_column_copy(s, 7, a->comment, sizeof a->comment);
    db_column_copy(s, 8, a->at, sizeof a->at);
    db_column_copy(s, 9, a->superseded_at, sizeof a->superseded_at);
    a->real_approver_id = sqlite3_column_int64(s, 10);
}

#define CURRENT_PAGE                                                                                         \
    "SELECT " APPROVAL_COLUMNS "WHERE x.revision_id = :parent AND x.superseded_at IS NULL "                  \
    "AND (:after = 0 OR (x.id, x.id) "

static const struct db_list_spec approvals_current = {
    CURRENT_PAGE "> (:key, :id)) ORDER BY x.id",
    CURRENT_PAGE "< (:key, :id)) ORDER BY x.id DESC",
    sizeof(struct approval),
    approval_from_row,
    false,
    "reading approvals",
};

int approval_store_current(struct db *db, int64_t revision_id, struct rows *out, struct err *e)
{
    return db_list_read(db, &approvals_current, revision_id, NULL, out, e);
}

int approval_store_supersede(struct db *db, int64_t revision_id, struct err *e)
{
    static const char sql[] = "UPDATE quote_approvals SET superseded_at = ? WHERE revision_id = ? "
                              "AND superseded_at IS NULL";
    DB_PREPARE_OR_RETURN(s, sql);
    char now[32];
    datetime_now_utc(now);
    db_bind_text(s, 1, now);
    sqlite3_bind_int64(s, 2, revision_id);
    return db_step_done(db, s, sqlite3_step(s), e, "superseding approvals");
}
