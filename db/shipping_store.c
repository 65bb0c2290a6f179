/* Shipping methods and closing days: small tables, read whole. */
#include <stdio.h>
#include <string.h>

#include "db/db_private.h"
#include "db/shipping_store.h"
#include "src/base/datetime.h"

#define METHOD_SELECT                                                                                        \
    "SELECT m.code, m.name, m.fee, m.tax_class, coalesce(t.rate_bp, 0), coalesce(m.free_over, -1), "         \
    "m.lead_days, coalesce(m.cutoff, ''), m.active, m.position, m.updated_at, m.version "                    \
    "FROM shipping_methods m LEFT JOIN tax_classes t ON t.code = m.tax_class"

static void method_row(sqlite3_stmt *s, void *row)
{
    struct shipping_method *m = row;
    memset(m, 0, sizeof *m);
    db_column_copy(s, 0, m->code, sizeof m->code);
    db_column_copy(s, 1, m->name, sizeof m->name);
    m->fee = sqlite3_column_int64(s, 2);
    db_column_copy(s, 3, m->tax_class, sizeof m->tax_class);
    m->tax_rate_bp = sqlite3_column_int(s, 4);
    m->free_over = sqlite3_column_int64(s, 5);
    m->lead_days = sqlite3_column_int(s, 6);
    db_column_copy(s, 7, m->cutoff, sizeof m->cutoff);
    m->active = sqlite3_column_int(s, 8) != 0;
    m->position = sqlite3_column_int(s, 9);
    db_column_copy(s, 10, m->updated_at, sizeof m->updated_at);
    m->version = sqlite3_column_int64(s, 11);
}

int shipping_store_list(struct db *db, struct rows *out, struct err *e)
{
    static const char sql[] = METHOD_SELECT " ORDER BY m.position, m.code";
    rows_reset(out, sizeof(struct shipping_method));
    DB_PREPARE_OR_RETURN(s, sql);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        method_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading shipping methods");
}

int shipping_store_get(struct db *db, const char *code, struct shipping_method *out, struct err *e)
{
    static const char sql[] = METHOD_SELECT " WHERE m.code = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, code);
    char what[40];
    snprintf(what, sizeof what, "'%.30s'", code ? code : "");
    const struct db_fetch_what w = {"shipping method", "method", what, "reading a shipping method"};
    return db_fetch_one(db, s, method_row, out, e, &w);
}

static void method_bind(sqlite3_stmt *s, const struct shipping_method *m, const char *now)
{
    db_bind_text(s, db_param(s, ":code"), m->code);
    db_bind_text(s, db_param(s, ":name"), m->name);
    sqlite3_bind_int64(s, db_param(s, ":fee"), m->fee);
    db_bind_text(s, db_param(s, ":tax_class"), m->tax_class[0] ? m->tax_class : "standard");
    if (m->free_over >= 0)
        sqlite3_bind_int64(s, db_param(s, ":free_over"), m->free_over);
    else
        sqlite3_bind_null(s, db_param(s, ":free_over"));
    sqlite3_bind_int(s, db_param(s, ":lead_days"), m->lead_days);
    db_bind_text_or_null(s, db_param(s, ":cutoff"), m->cutoff);
    sqlite3_bind_int(s, db_param(s, ":active"), m->active);
    sqlite3_bind_int(s, db_param(s, ":position"), m->position);
    db_bind_text(s, db_param(s, ":now"), now);
}

int shipping_store_save(struct db *db, struct shipping_method *m, struct err *e)
{
    static const char insert[] =
        "INSERT INTO shipping_methods(code, name, fee, tax_class, free_over, lead_days, cutoff, active, "
        "position, updated_at, version) VALUES (:code, :name, :fee, :tax_class, :free_over, :lead_days, "
        ":cutoff, :active, CASE WHEN :position > 0 THEN :position ELSE "
        "(SELECT coalesce(max(position), 0) + 1 FROM shipping_methods) END, :now, 1)";
    static const char update[] =
        "UPDATE shipping_methods SET name = :name, fee = :fee, tax_class = :tax_class, "
        "free_over = :free_over, lead_days = :lead_days, cutoff = :cutoff, active = :active, "
        "position = :position, updated_at = :now, version = version + 1 "
        "WHERE code = :code AND version = :version";
    char now[32];
    datetime_now_utc(now);
    DB_PREPARE_OR_RETURN(s, m->version == 0 ? insert : update);
    method_bind(s, m, now);
    if (m->version != 0)
        sqlite3_bind_int64(s, db_param(s, ":version"), m->version);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(db, e, "saving a shipping method");
    if (sqlite3_changes(db->handle) == 0)
        return err_set(e, ERR_CONFLICT, "version", "shipping method %s was changed by someone else — reload",
                       m->code);
    m->version++;
    memcpy(m->updated_at, now, sizeof m->updated_at);
    return ERR_OK;
}

static void closure_row(sqlite3_stmt *s, void *row)
{
    struct business_closure *c = row;
    memset(c, 0, sizeof *c);
    db_column_copy(s, 0, c->day, sizeof c->day);
    db_column_copy(s, 1, c->reason, sizeof c->reason);
}

int shipping_store_closures(struct db *db, const char *from_day, struct rows *out, struct err *e)
{
    static const char sql[] = "SELECT day, reason FROM business_closures WHERE day >= ? ORDER BY day";
    rows_reset(out, sizeof(struct business_closure));
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, from_day);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        closure_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading closing days");
}

int shipping_store_closure_set(struct db *db, const char *day, const char *reason, bool remove, struct err *e)
{
    static const char add[] = "INSERT INTO business_closures(day, reason) VALUES (?1, ?2) "
                              "ON CONFLICT (day) DO UPDATE SET reason = excluded.reason";
    static const char del[] = "DELETE FROM business_closures WHERE day = ?1";
    DB_PREPARE_OR_RETURN(s, remove ? del : add);
    db_bind_text(s, 1, day);
    if (!remove)
        db_bind_text(s, 2, reason);
    return db_step_done(db, s, sqlite3_step(s), e, "saving a closing day");
}
