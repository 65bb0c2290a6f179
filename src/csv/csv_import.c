/* CSV import: one transaction for the whole file, rights checked once and one
 * audit entry for the import; every row checked by the core's validators and
 * written through the stores' prepared statements. Bad rows are reported as
 * FILE:LINE: column 'x': reason ("value"); unless --rejects is given, any bad
 * row means nothing is written. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "db/account_store.h"
#include "db/customer_store.h"
#include "db/db.h"
#include "db/product_store.h"
#include "db/user_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/rows.h"
#include "src/base/text.h"
#include "src/csv/csv_io.h"
#include "src/csv/csv_private.h"
#include "src/customers.h"
#include "src/products.h"
#include "src/users.h"
#include "src/validate.h"

/* ------------------------------------------------------ errors, values */

void import_error(struct import_run *r, const char *column, const char *reason, const char *value)
{
    csv_errors_add(&r->errs, r->rec->line, column, reason, value);
    r->row_bad = true;
    if (r->reason.len == 0)
        strbuf_addf(&r->reason, "line %lld: %s", (long long)r->rec->line, r->errs.last);
    else
        strbuf_addf(&r->reason, "; %s", r->errs.last);
}

const char *import_value(struct import_run *r, int field)
{
    return field < 0 ? NULL : csv_header_value(&r->h, r->rec, field);
}

const char *csv_core_reason(const char *msg, const char *column, const char *value)
{
    /* "line 3: …" counts an order's lines; FILE:LINE names the file's line */
    if (strncmp(msg, "line ", 5) == 0 && msg[5] >= '0' && msg[5] <= '9') {
        const char *p = msg + 5;
        while (*p >= '0' && *p <= '9')
            p++;
        if (p[0] == ':' && p[1] == ' ')
            return p + 2;
    }
    size_t n = column ? strlen(column) : 0;
    if (n && strncmp(msg, column, n) == 0 && msg[n] == ' ')
        msg += n + 1;
    size_t v = value ? strlen(value) : 0;
    if (value && msg[0] == '\'' && strncmp(msg + 1, value, v) == 0 && msg[v + 1] == '\'' && msg[v + 2] == ' ')
        msg += v + 3;
    return msg;
}

void import_core_error(struct import_run *r, const struct err *fe, const char *fallback_column)
{
    const char *column = fe->field[0] ? fe->field : fallback_column;
    int f = column ? csv_kind_field(r->spec, column) : -1;
    const char *value = f >= 0 ? import_value(r, f) : NULL;
    import_error(r, column, csv_core_reason(fe->msg[0] ? fe->msg : "invalid", column, value), value);
}

/* ------------------------------------------------------------- fields */

bool csv_parse_int64(const char *s, int64_t *out)
{
    while (*s == ' ')
        s++;
    bool negative = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    if (*s < '0' || *s > '9')
        return false;
    int64_t v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        int d = *s - '0';
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, negative ? -d : d, &v))
            return false;
    }
    while (*s == ' ')
        s++;
    *out = v;
    return *s == '\0';
}

static bool parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"1", "true", "yes", "y"}, *const no[] = {"0", "false", "no", "n"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(s, yes[i]) == 0 || strcasecmp(s, no[i]) == 0) {
            *out = strcasecmp(s, yes[i]) == 0;
            return true;
        }
    }
    return false;
}

static void import_range_error(struct import_run *r, const struct field_spec *f, const char *v)
{
    char reason[96];
    if (f->min == 0 && f->max == INT64_MAX)
        snprintf(reason, sizeof reason, "must not be negative");
    else if (f->max == INT64_MAX)
        snprintf(reason, sizeof reason, "must be at least %lld", (long long)f->min);
    else
        snprintf(reason, sizeof reason, "must be between %lld and %lld", (long long)f->min,
                 (long long)f->max);
    import_error(r, f->name, reason, v);
}

static void import_number(struct import_run *r, const struct field_spec *f, const char *v, char *target)
{
    int64_t n;
    if (f->type == F_MONEY) {
        char reason[400];
        if (!csv_parse_amount(v, r->opt->decimal, false, &n, reason, sizeof reason)) {
            import_error(r, f->name, reason, v);
            return;
        }
    } else if (!csv_parse_int64(v, &n)) {
        import_error(r, f->name, "not a whole number", v);
        return;
    }
    if (n < f->min || n > f->max) {
        import_range_error(r, f, v);
        return;
    }
    if (f->type == F_INT) {
        int i = (int)n;
        memcpy(target, &i, sizeof i);
    } else {
        memcpy(target, &n, sizeof n);
    }
}

/* One cell into its field. Empty text clears the field; an empty number
 * keeps what the record had (the default, or the stored value on --update). */
static void import_field(struct import_run *r, const struct field_spec *f, const char *v, char *target)
{
    switch (f->type) {
    case F_TEXT: {
        size_t n = strlen(v);
        struct err fe = {0};
        if (n >= f->size) {
            char reason[64];
            snprintf(reason, sizeof reason, "too long (%zu bytes, at most %zu)", n, f->size - 1);
            import_error(r, f->name, reason, v);
        } else if (text_check(f->name, v, f->size - 1, (f->flags & FIELD_MULTILINE) ? TEXT_MULTILINE : 0,
                              &fe) != ERR_OK) {
            import_error(r, f->name, csv_core_reason(fe.msg, f->name, v), v);
        } else {
            memcpy(target, v, n + 1);
        }
        break;
    }
    case F_INT:
    case F_I64:
    case F_MONEY:
        if (v[0] != '\0')
            import_number(r, f, v, target);
        break;
    case F_BOOL: {
        bool b;
        if (v[0] == '\0')
            break;
        if (parse_bool(v, &b))
            memcpy(target, &b, sizeof b);
        else
            import_error(r, f->name, "not a yes/no value (1 or 0)", v);
        break;
    }
    case F_SPECIAL: break;
    }
}

void import_fields(struct import_run *r, void *base, void *line)
{
    for (int i = 0; i < r->spec->nfields; i++) {
        const struct field_spec *f = &r->spec->fields[i];
        const char *v = import_value(r, i);
        if (v == NULL || f->type == F_SPECIAL)
            continue;
        if ((f->flags & CSV_COL_REQUIRED) && v[0] == '\0') {
            import_error(r, f->name, "must not be empty", v);
            continue;
        }
        char *target = (char *)((f->flags & FIELD_LINE) ? line : base) + f->offset;
        import_field(r, f, v, target);
    }
}

/* ------------------------------------------------------------ rejects */

static int rejects_open(struct import_run *r)
{
    if (r->opt->rejects_path == NULL)
        return ERR_OK;
    r->rejects = fopen(r->opt->rejects_path, "wb");
    if (r->rejects == NULL)
        return err_set(r->e, ERR_IO, "rejects", "cannot write %s: %s", r->opt->rejects_path, strerror(errno));
    csv_writer_init(&r->rejects_w, r->rejects);
    return ERR_OK;
}

/* The rejects file: the reason first (a bad row may have too many fields),
 * then the row as it came, so it can be fixed and imported again. It is
 * opened in a spreadsheet, so every cell has the formula guard of exports
 * (=HYPERLINK(…) is written '=HYPERLINK(…); import takes the ' off again). */
void import_reject_record(struct import_run *r, const struct csv_record *rec, const char *reason)
{
    if (r->rejects == NULL)
        return;
    csv_put_text(&r->rejects_w, reason);
    for (int i = 0; i < rec->nfields; i++)
        csv_put_text(&r->rejects_w, rec->fields[i]);
    csv_end_row(&r->rejects_w);
}

static void rejects_header(struct import_run *r, const struct csv_record *rec)
{
    if (r->rejects == NULL)
        return;
    csv_put_text(&r->rejects_w, "reason");
    for (int i = 0; i < rec->nfields; i++)
        csv_put_text(&r->rejects_w, rec->fields[i]);
    csv_end_row(&r->rejects_w);
}

/* ------------------------------------------------------------- kinds */

/* Looks a natural key up; ERR_OK found, ERR_NOTFOUND not, else fatal. */
static int import_lookup(int rc, bool *found)
{
    *found = rc == ERR_OK;
    return rc == ERR_NOTFOUND ? ERR_OK : rc;
}

/* A key that exists already is an error unless --update. */
static bool import_key_taken(struct import_run *r, bool found, const char *column, const char *key)
{
    if (found && !r->opt->update) {
        import_error(r, column, "already exists; --update changes existing records", key);
        return true;
    }
    return false;
}

/* With --update the header need not hold every required column; a row
 * that makes a new record still must. */
static void import_new_needs_required(struct import_run *r)
{
    for (int i = 0; i < r->spec->nfields; i++)
        if ((r->spec->fields[i].flags & CSV_COL_REQUIRED) && import_value(r, i) == NULL)
            import_error(r, r->spec->fields[i].name,
                         "needed for a new record, but the file has no such column", NULL);
}

/* A store's refusal of one row (a constraint the validator did not know)
 * rejects that row with the store's message; anything else stops the import.
 * These stores run single statements, so a refused one leaves the
 * transaction intact. */
static int import_store(struct import_run *r, int rc)
{
    if (rc == ERR_INVALID || rc == ERR_EXISTS) {
        import_error(r, r->e->field[0] ? r->e->field : NULL, r->e->msg, NULL);
        err_clear(r->e);
        return ERR_INVALID;
    }
    return rc;
}

/* Writes the row: an update when the key was found, else an insert. Without
 * --update nothing was looked up: the key's UNIQUE index tells instead, one
 * probe of the index fewer per row. */
static int import_write(struct import_run *r, bool found, int rc_write, const char *column, const char *key)
{
    if (!found && rc_write == ERR_EXISTS) {
        err_clear(r->e);
        import_key_taken(r, true, column, key);
        return ERR_INVALID;
    }
    return import_store(r, rc_write);
}

static int import_rep(struct import_run *r, struct account *a)
{
    const char *login = import_value(r, csv_kind_field(r->spec, "rep"));
    if (login == NULL)
        return ERR_OK;
    a->rep_id = 0;
    a->rep_login[0] = '\0';
    if (login[0] == '\0')
        return ERR_OK;
    struct user u;
    struct err fe = {0};
    int rc = user_store_find_login(r->app->db, login, &u, &fe);
    if (rc == ERR_NOTFOUND || (rc == ERR_OK && !u.active)) {
        import_error(r, "rep", rc == ERR_OK ? "this user is disabled" : "no such user", login);
        return ERR_OK;
    }
    if (rc != ERR_OK)
        return err_set(r->e, rc, NULL, "%s", fe.msg);
    a->rep_id = u.id;
    snprintf(a->rep_login, sizeof a->rep_login, "%s", u.login);
    return ERR_OK;
}

static int import_account_row(struct import_run *r)
{
    struct account a;
    struct err fe = {0};
    const char *code = import_value(r, 0);
    bool found = false;
    int rc =
        r->opt->update ? import_lookup(account_store_find_code(r->app->db, code, &a, &fe), &found) : ERR_OK;
    if (rc != ERR_OK)
        return err_set(r->e, rc, NULL, "%s", fe.msg);
    if (import_key_taken(r, found, "code", code))
        return ERR_INVALID;
    if (!found) {
        csv_account_defaults(&a);
        import_new_needs_required(r);
    }
    import_fields(r, &a, NULL);
    if ((rc = import_rep(r, &a)) != ERR_OK)
        return rc;
    if (r->row_bad)
        return ERR_INVALID;
    if (account_validate(&a, &fe) != ERR_OK) {
        import_core_error(r, &fe, NULL);
        return ERR_INVALID;
    }
    return import_write(r, found,
                        found ? account_store_update(r->app->db, &a, r->e)
                              : account_store_insert(r->app->db, &a, r->e),
                        "code", code);
}

/* An account's contact with this name and role, if any (contacts have no
 * other key: a person in two roles is two contacts). */
static int import_contact_find(struct import_run *r, int64_t account_id, const char *name, const char *role,
                               struct contact *out, bool *found)
{
    int rc = contact_store_find_name(r->app->db, account_id, name, role, out, r->e);
    *found = rc == ERR_OK;
    return rc == ERR_NOTFOUND ? ERR_OK : rc;
}

static int import_contact_row(struct import_run *r)
{
    struct contact c;
    struct account a;
    struct err fe = {0};
    const char *code = import_value(r, 0), *name = import_value(r, 1), *role = import_value(r, 2);
    if (role == NULL || role[0] == '\0')
        role = contact_roles[0]; /* a new contact's role */
    bool found;
    int rc = import_lookup(account_store_find_code(r->app->db, code, &a, &fe), &found);
    if (rc != ERR_OK)
        return err_set(r->e, rc, NULL, "%s", fe.msg);
    if (!found) {
        import_error(r, "account_code", "no account with this code", code);
        return ERR_INVALID;
    }
    if ((rc = import_contact_find(r, a.id, name, role, &c, &found)) != ERR_OK)
        return rc;
    if (import_key_taken(r, found, "name", name))
        return ERR_INVALID;
    if (!found) {
        csv_contact_defaults(&c);
        import_new_needs_required(r);
    }
    import_fields(r, &c, NULL);
    c.account_id = a.id;
    if (r->row_bad)
        return ERR_INVALID;
    if (contact_validate(&c, &fe) != ERR_OK) {
        import_core_error(r, &fe, NULL);
        return ERR_INVALID;
    }
    return import_store(r, found ? contact_store_update(r->app->db, &c, r->e)
                                 : contact_store_insert(r->app->db, &c, r->e));
}

static int import_customer_row(struct import_run *r)
{
    struct customer c;
    struct err fe = {0};
    const char *email = import_value(r, 1);
    bool found = false;
    int rc = ERR_OK;
    if (r->opt->update && email[0])
        rc = import_lookup(customer_store_find_email(r->app->db, email, &c, &fe), &found);
    if (rc != ERR_OK)
        return err_set(r->e, rc, NULL, "%s", fe.msg);
    if (import_key_taken(r, found, "email", email))
        return ERR_INVALID;
    if (!found) {
        csv_customer_defaults(&c);
        import_new_needs_required(r);
    }
    import_fields(r, &c, NULL);
    if (r->row_bad)
        return ERR_INVALID;
    if (customer_validate(&c, &fe) != ERR_OK) {
        import_core_error(r, &fe, NULL);
        return ERR_INVALID;
    }
    return import_write(r, found,
                        found ? customer_store_update(r->app->db, &c, r->e)
                              : customer_store_insert(r->app->db, &c, r->e),
                        "email", email);
}

int import_tax_rate(struct import_run *r, const char *code, int *rate_bp, bool *found)
{
    if (!r->taxes_loaded) {
        int rc = tax_store_list(r->app->db, &r->taxes, r->e);
        if (rc != ERR_OK)
            return rc;
        r->taxes_loaded = true;
    }
    const struct tax_class *tax = r->taxes.items;
    *found = false;
    for (int i = 0; i < r->taxes.n && !*found; i++)
        if (strcmp(tax[i].code, code) == 0) {
            *rate_bp = tax[i].rate_bp;
            *found = true;
        }
    return ERR_OK;
}

/* A tax class the schema does not know would fail its foreign key: say so. */
static int import_tax_class_check(struct import_run *r, const char *code, const char *column)
{
    int rate;
    bool found;
    int rc = import_tax_rate(r, code, &rate, &found);
    if (rc == ERR_OK && !found)
        import_error(r, column, "no such tax class (standard, reduced, zero, …)", code);
    return rc;
}

static int import_product_row(struct import_run *r)
{
    struct product p;
    struct err fe = {0};
    const char *sku = import_value(r, 0);
    bool found = false;
    int rc =
        r->opt->update ? import_lookup(product_store_find_sku(r->app->db, sku, &p, &fe), &found) : ERR_OK;
    if (rc != ERR_OK)
        return err_set(r->e, rc, NULL, "%s", fe.msg);
    if (import_key_taken(r, found, "sku", sku))
        return ERR_INVALID;
    if (!found) {
        csv_product_defaults(&p);
        import_new_needs_required(r);
    }
    import_fields(r, &p, NULL);
    if (!r->row_bad && (rc = import_tax_class_check(r, p.tax_class, "tax_class")) != ERR_OK)
        return rc;
    if (r->row_bad)
        return ERR_INVALID;
    if (product_validate(&p, &fe) != ERR_OK) {
        import_core_error(r, &fe, NULL);
        return ERR_INVALID;
    }
    return import_write(r, found,
                        found ? product_store_update(r->app->db, &p, r->e)
                              : product_store_insert(r->app->db, &p, r->e),
                        "sku", sku);
}

typedef int (*import_row_fn)(struct import_run *r);

static const import_row_fn row_functions[IMPORT_KIND_COUNT] = {
    [IMPORT_ACCOUNTS] = import_account_row,
    [IMPORT_CONTACTS] = import_contact_row,
    [IMPORT_CUSTOMERS] = import_customer_row,
    [IMPORT_PRODUCTS] = import_product_row,
    /* orders gather several rows into one order: import_order_row */
};

/* ------------------------------------------------------------ the run */

static double clock_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* At most about five updates a second; checked every 256 rows to stay cheap. */
static void import_progress(struct import_run *r, bool final)
{
    int64_t offset = r->offset, total = r->total_bytes;
    const struct import_options *o = r->opt;
    if (!final && (r->rep->rows_read & 255) != 0)
        return;
    app_progress(r->app, offset, total); /* for those who wait on this import */
    if (o->progress == NULL && o->on_progress == NULL)
        return;
    double t = clock_seconds();
    if (!final && t - r->last_progress < 0.2)
        return;
    r->last_progress = t;
    if (o->on_progress)
        o->on_progress(o->progress_ctx, r->rep->rows_read, offset, total);
    if (o->progress) {
        double rate = t > r->started ? (double)r->rep->rows_read / (t - r->started) : 0;
        fprintf(o->progress, "\r%s: %lld %s", r->path, (long long)r->rep->rows_read,
                text_plural(r->rep->rows_read, "row", "rows"));
        if (total > 0)
            fprintf(o->progress, " (%d%%)", (int)(offset * 100 / total));
        fprintf(o->progress, ", %.0f rows/s   %s", rate, final ? "\n" : "");
        fflush(o->progress);
    }
}

static int import_header(struct import_run *r, const struct csv_record *rec)
{
    int rc = csv_header_bind(&r->h, r->cols, r->spec->nfields, rec, r->opt->map, r->opt->null_text, &r->errs,
                             r->e);
    r->have_header = true;
    r->fatal = rc != ERR_OK;
    if (rc == ERR_USAGE)
        return rc;
    if (rc != ERR_OK)
        return err_set(r->e, ERR_INVALID, NULL, "%s: the header does not fit; nothing was imported", r->path);
    rejects_header(r, rec);
    return ERR_OK;
}

/* A row must have as many fields as the header and be valid UTF-8. */
static void import_row_shape(struct import_run *r, const struct csv_record *rec)
{
    if (rec->nfields != r->h.nfile) {
        char reason[128];
        snprintf(reason, sizeof reason, "%d fields where the header has %d%s", rec->nfields, r->h.nfile,
                 rec->nfields > r->h.nfile ? " (an unquoted comma?)" : "");
        import_error(r, NULL, reason, NULL);
    } else if (rec->bad_field >= 0) {
        import_error(r, r->h.names[rec->bad_field], "not valid UTF-8", rec->fields[rec->bad_field]);
    }
}

static int import_on_record(void *ctx, const struct csv_record *rec, struct err *e)
{
    struct import_run *r = ctx;
    (void)e;
    r->rec = rec;
    if (!r->have_header)
        return import_header(r, rec);
    r->rep->rows_read++;
    r->row_bad = false;
    strbuf_clear(&r->reason);
    import_row_shape(r, rec);
    int rc;
    bool orders = r->spec->kind == IMPORT_ORDERS;
    if (orders)
        rc = import_order_row(r); /* gathers lines; counts and rejects per order */
    else
        rc = r->row_bad ? ERR_INVALID : row_functions[r->spec->kind](r);
    if (rc != ERR_OK && (orders || rc != ERR_INVALID)) {
        r->fatal = true;
        return rc;
    }
    if (rc == ERR_INVALID) {
        r->rep->rows_rejected++;
        import_reject_record(r, rec, strbuf_text(&r->reason));
        rc = ERR_OK;
    } else if (!orders) {
        r->rep->rows_written++;
    }
    r->offset = rec->offset;
    import_progress(r, false);
    return rc;
}

/* Reads the whole file inside the open transaction. */
static int import_read(struct import_run *r, FILE *in)
{
    int rc = csv_read(in, r->path, import_on_record, r, r->e);
    if (rc == ERR_INVALID && r->have_header && !r->fatal) {
        /* the reader's own FILE:LINE error (a quote never closed): one more
         * bad row, after which the file cannot be read */
        r->errs.count++;
        fprintf(r->errs.out, "%s\n", r->e->msg);
        if (r->spec->kind == IMPORT_ORDERS)
            import_order_taint(r, r->e->msg);
        rc = ERR_OK;
    }
    if (rc == ERR_OK && r->spec->kind == IMPORT_ORDERS)
        rc = import_order_flush(r);
    if (rc == ERR_OK && r->spec->kind == IMPORT_ORDERS)
        rc = import_order_settle(r);
    if (rc == ERR_OK && !r->have_header) {
        csv_errors_add(&r->errs, 1, NULL, "the file is empty: a header row is required", NULL);
        rc = err_set(r->e, ERR_INVALID, NULL, "%s: no header row; nothing was imported", r->path);
    }
    return rc;
}

/* The end of an import taken whole (prices, promotions): the errors counted
 * and summed up, then, when there were none (and not a dry run), one audit
 * entry and the commit; else the rollback. rc is the reading's result. */
int csv_whole_import_end(struct app *app, const char *kind, const char *path,
                         const struct import_options *opt, struct import_report *rep, struct csv_errors *errs,
                         int rc, struct err *e)
{
    csv_errors_summary(errs);
    rep->errors = errs->count;
    if (rc == ERR_OK && errs->count > 0)
        rc = err_set(e, ERR_INVALID, NULL, "%s: %lld error%s; nothing was imported", path,
                     (long long)errs->count, errs->count == 1 ? "" : "s");
    if (rc == ERR_OK && !opt->dry_run) {
        struct json j;
        json_begin(&j);
        json_str(&j, "kind", kind);
        json_str(&j, "file", path);
        json_int(&j, "rows_written", rep->rows_written);
        size_t n = strlen(path);
        rc = audit_record(app, "import", "file", n > 64 ? path + n - 64 : path, NULL, json_end(&j), e);
        json_free(&j);
        if (rc == ERR_OK)
            return db_commit(app->db, e);
    }
    db_rollback(app->db);
    return rc;
}

/* One audit entry for the whole import: who, which file, what it did. */
static int import_audit(struct import_run *r)
{
    struct json j;
    json_begin(&j);
    json_str(&j, "kind", r->spec->name);
    json_str(&j, "file", r->path);
    json_int(&j, "rows_read", r->rep->rows_read);
    json_int(&j, "rows_written", r->rep->rows_written);
    json_int(&j, "rows_rejected", r->rep->rows_rejected);
    json_bool(&j, "update", r->opt->update);
    size_t n = strlen(r->path);
    const char *key = n > 64 ? r->path + n - 64 : r->path;
    int rc = audit_record(r->app, "import", "file", key, NULL, json_end(&j), r->e);
    json_free(&j);
    return rc;
}

static void import_warn_unknown_skus(struct import_run *r)
{
    if (r->unknown_skus == 0 || r->errs.out == NULL)
        return;
    char list[CSV_UNKNOWN_SHOWN * 68] = "";
    for (int i = 0; i < r->unknown_shown; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                 r->unknown_sample[i]);
    fprintf(r->errs.out,
            "%s: warning: %lld order line%s with a SKU not in the catalogue (%s%s): kept as lines "
            "without a product\n",
            r->path, (long long)r->unknown_skus, r->unknown_skus == 1 ? "" : "s", list,
            r->unknown_more ? ", …" : "");
}

/* Commits, or rolls back when anything was wrong, or on --dry-run. */
static int import_finish(struct import_run *r, int rc)
{
    struct db *db = r->app->db;
    csv_errors_summary(&r->errs);
    r->rep->errors = r->errs.count;
    if (rc == ERR_OK)
        import_warn_unknown_skus(r);
    if (rc == ERR_OK && r->errs.count > 0 && r->rejects == NULL)
        rc = err_set(r->e, ERR_INVALID, NULL, "%s: %lld error%s; nothing was imported", r->path,
                     (long long)r->errs.count, r->errs.count == 1 ? "" : "s");
    if (rc == ERR_OK && !r->opt->dry_run)
        rc = customer_store_openings_flush(db, r->e);
    if (rc != ERR_OK || r->opt->dry_run) {
        db_rollback(db);
        return rc;
    }
    if ((rc = import_audit(r)) != ERR_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, r->e);
}

static int import_run_file(struct import_run *r, FILE *in)
{
    int rc = rejects_open(r);
    if (rc == ERR_OK)
        rc = db_bulk_cache(r->app->db, true, r->e);
    customer_store_defer_openings(r->app->db, true);
    if (rc == ERR_OK && (rc = db_begin(r->app->db, r->e)) == ERR_OK) {
        rc = import_read(r, in);
        rc = import_finish(r, rc);
    }
    customer_store_defer_openings(r->app->db, false);
    db_bulk_cache(r->app->db, false, NULL);
    if (r->rejects) {
        struct err we = {0};
        if (csv_writer_finish(&r->rejects_w, r->opt->rejects_path, &we) != ERR_OK && rc == ERR_OK)
            rc = err_set(r->e, we.code, NULL, "%s", we.msg);
        fclose(r->rejects);
    }
    return rc;
}

/* The header's columns: an update may name only the key and the columns it
 * changes (a row that turns out to be new is checked for the rest). */
static struct csv_column *import_columns(const struct kind_spec *spec, const struct import_options *opt)
{
    struct csv_column *cols = xcalloc((size_t)spec->nfields, sizeof *cols);
    for (int i = 0; i < spec->nfields; i++) {
        unsigned flags = spec->fields[i].flags;
        if (opt->update && spec->kind != IMPORT_ORDERS && !(flags & FIELD_KEY))
            flags &= ~(unsigned)CSV_COL_REQUIRED;
        cols[i] = (struct csv_column){spec->fields[i].name, flags};
    }
    return cols;
}

int csv_import_file(struct app *app, enum import_kind kind, const char *path,
                    const struct import_options *opt, struct import_report *rep, struct err *e)
{
    memset(rep, 0, sizeof *rep);
    const struct kind_spec *spec = csv_kind_spec(kind);
    if (spec == NULL)
        return err_set(e, ERR_USAGE, "kind", "unknown kind of import");
    int rc = app_require(app, ACT_IMPORT, e);
    if (rc != ERR_OK)
        return rc;
    bool use_stdin = strcmp(path, "-") == 0;
    FILE *in = use_stdin ? stdin : fopen(path, "rb");
    if (in == NULL)
        return err_set(e, errno == ENOENT ? ERR_NOTFOUND : ERR_IO, "file", "cannot read %s: %s", path,
                       strerror(errno));
    struct import_run r = {.app = app, .spec = spec, .opt = opt, .path = path, .rep = rep, .e = e};
    char activity[128];
    snprintf(activity, sizeof activity, "import of %s",
             use_stdin            ? "standard input"
             : strrchr(path, '/') ? strrchr(path, '/') + 1
                                  : path);
    app_set_activity(app, activity);
    r.errs = (struct csv_errors){
        .out = opt->errors ? opt->errors : stderr, .file = path, .shown = CSV_ERRORS_SHOWN};
    r.cols = import_columns(spec, opt);
    struct stat st;
    if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
        r.total_bytes = (int64_t)st.st_size;
    r.started = r.last_progress = clock_seconds();
    rc = import_run_file(&r, in);
    rep->seconds = clock_seconds() - r.started;
    import_progress(&r, true);
    import_order_free(&r);
    csv_header_free(&r.h);
    free(r.cols);
    rows_free(&r.taxes);
    strbuf_free(&r.reason);
    if (!use_stdin)
        fclose(in);
    return rc;
}
