/* `import promotions` / `export promotions`, and a promotion's codes as CSV
 * for a mailing. The same rules as the other kinds: the header binds by name
 * (--map, --null), errors by FILE:LINE and column, --dry-run, one
 * transaction in which one bad row means nothing is written; every row goes
 * through the core (promotion_create / promotion_update), so an import
 * cannot make a promotion the editor would refuse. An exported file imports
 * again as it was (with --update, by id). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/db.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/promotion.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/csv/csv_io.h"
#include "src/csv/csv_private.h"
#include "src/users.h"

enum promo_col {
    P_ID,
    P_NAME,
    P_KIND,
    P_VALUE,
    P_ON,
    P_BUY,
    P_GET,
    P_GET_PERCENT,
    P_MAX_FREE,
    P_DEAREST,
    P_MIN_SUBTOTAL,
    P_MIN_QTY,
    P_FROM,
    P_TO,
    P_TRIGGER,
    P_CODE,
    P_LIMIT,
    P_PER_CUSTOMER,
    P_BUDGET,
    P_PRIORITY,
    P_EXCLUSIVE,
    P_STOP,
    P_CHANNEL,
    P_TIER,
    P_FIRST_ORDER,
    P_DISABLED,
    P_USES,    /* export only */
    P_GRANTED, /* export only */
    P_COUNT
};

static const struct csv_column promo_columns[P_COUNT] = {
    [P_ID] = {"id", 0},
    [P_NAME] = {"name", CSV_COL_REQUIRED | CSV_COL_TEXT},
    [P_KIND] = {"kind", CSV_COL_REQUIRED},
    [P_VALUE] = {"value", 0},
    [P_ON] = {"on", CSV_COL_TEXT},
    [P_BUY] = {"buy", 0},
    [P_GET] = {"get", 0},
    [P_GET_PERCENT] = {"get_percent", 0},
    [P_MAX_FREE] = {"max_free", 0},
    [P_DEAREST] = {"dearest", 0},
    [P_MIN_SUBTOTAL] = {"min_subtotal", 0},
    [P_MIN_QTY] = {"min_qty", 0},
    [P_FROM] = {"from", 0},
    [P_TO] = {"to", 0},
    [P_TRIGGER] = {"trigger", 0},
    [P_CODE] = {"code", 0},
    [P_LIMIT] = {"limit", 0},
    [P_PER_CUSTOMER] = {"per_customer", 0},
    [P_BUDGET] = {"budget", 0},
    [P_PRIORITY] = {"priority", 0},
    [P_EXCLUSIVE] = {"exclusive", 0},
    [P_STOP] = {"stop", 0},
    [P_CHANNEL] = {"channel", 0},
    [P_TIER] = {"tier", CSV_COL_TEXT},
    [P_FIRST_ORDER] = {"first_order", 0},
    [P_DISABLED] = {"disabled", 0},
    [P_USES] = {"uses", 0},
    [P_GRANTED] = {"granted", 0},
};

struct promo_import {
    struct app *app;
    const char *path;
    const struct import_options *opt;
    struct import_report *rep;
    struct csv_header h;
    bool have_header;
    struct csv_errors errs;
    const struct csv_record *rec;
    bool row_bad;
    struct err *e;
};

/* ------------------------------------------------------------- reading */

static void row_error(struct promo_import *r, int col, const char *reason, const char *value)
{
    csv_errors_add(&r->errs, r->rec->line, col >= 0 ? promo_columns[col].name : NULL, reason, value);
    r->row_bad = true;
}

static const char *cell(struct promo_import *r, int col)
{
    const char *v = csv_header_value(&r->h, r->rec, col);
    return v ? v : "";
}

static bool read_count(struct promo_import *r, int col, int64_t lo, int64_t hi, int64_t *out)
{
    if (cell(r, col)[0] == '\0')
        return true;
    if (csv_parse_int64(cell(r, col), out) && *out >= lo && *out <= hi)
        return true;
    row_error(r, col, "not a whole number in range", cell(r, col));
    return false;
}

static bool read_flag(struct promo_import *r, int col, bool *out)
{
    const char *v = cell(r, col);
    static const char *const yes[] = {"1", "true", "yes"}, *const no[] = {"", "0", "false", "no"};
    for (size_t i = 0; i < 3; i++)
        if (strcasecmp(v, yes[i]) == 0)
            return *out = true;
    for (size_t i = 0; i < 4; i++)
        if (strcasecmp(v, no[i]) == 0)
            return !(*out = false);
    row_error(r, col, "not yes or no (1/0, true/false)", v);
    return false;
}

static bool read_rate(struct promo_import *r, int col, int64_t *out)
{
    struct err ignore = {0};
    if (cell(r, col)[0] == '\0')
        return true;
    if (bp_parse(cell(r, col), out, &ignore) == ERR_OK && *out >= 1 && *out <= 10000)
        return true;
    row_error(r, col, "not a percentage from 0.01 to 100", cell(r, col));
    return false;
}

static bool read_amount(struct promo_import *r, int col, int64_t *out)
{
    struct err ignore = {0};
    if (cell(r, col)[0] == '\0')
        return true;
    if (money_parse(cell(r, col), out, &ignore) == ERR_OK && *out >= 0)
        return true;
    row_error(r, col, "not an amount", cell(r, col));
    return false;
}

static bool read_date(struct promo_import *r, int col, char out[11])
{
    out[0] = '\0';
    if (cell(r, col)[0] == '\0' || csv_parse_date(cell(r, col), out) == 0)
        return true;
    row_error(r, col, "not a date (YYYY-MM-DD)", cell(r, col));
    return false;
}

/* A core refusal names its column (the core's field names are the columns'). */
static void core_error(struct promo_import *r, const struct err *fe)
{
    int col = csv_column_find(promo_columns, P_COUNT, fe->field);
    row_error(r, col, fe->msg, NULL);
}

static bool read_kind_and_value(struct promo_import *r, struct promotion_edit *in)
{
    struct err fe = {0};
    if (promotion_parse_kind(cell(r, P_KIND), &in->p.kind, &fe) != ERR_OK) {
        row_error(r, P_KIND, "not percent, fixed, buy-get, free-shipping or price", cell(r, P_KIND));
        return false;
    }
    if (promotion_parse_value(cell(r, P_VALUE), in->p.kind, &in->p.value, &fe) != ERR_OK) {
        row_error(r, P_VALUE, fe.msg, NULL);
        return false;
    }
    if (promotion_parse_target(cell(r, P_ON), in, &fe) != ERR_OK) {
        row_error(r, P_ON, "not order, category:NAME or sku:SKU,SKU", cell(r, P_ON));
        return false;
    }
    return true;
}

static bool read_trigger(struct promo_import *r, struct promotion_edit *in)
{
    const char *t = cell(r, P_TRIGGER);
    int a = t[0] ? name_index(promotion_activation_names, PROMO_ACTIVATION_COUNT, t, true) : -1;
    if (t[0] && a < 0) {
        row_error(r, P_TRIGGER, "not auto or code", t);
        return false;
    }
    in->p.activation = a >= 0 ? (enum promotion_activation)a : cell(r, P_CODE)[0] ? PROMO_CODE : PROMO_AUTO;
    snprintf(in->code, sizeof in->code, "%s", cell(r, P_CODE));
    const char *ch = cell(r, P_CHANNEL);
    in->p.channel = -1;
    if (ch[0] && (in->p.channel = name_index((const char *const[]){"b2b", "b2c", NULL}, 2, ch, true)) < 0) {
        row_error(r, P_CHANNEL, "not b2c or b2b", ch);
        return false;
    }
    snprintf(in->p.tier, sizeof in->p.tier, "%s", cell(r, P_TIER));
    return true;
}

/* One row into an edit; false (errors reported) when a cell does not read. */
static bool read_row(struct promo_import *r, struct promotion_edit *in)
{
    int64_t priority = 0;
    memset(in, 0, sizeof *in);
    in->p.budget = -1;
    in->p.get_percent_bp = 10000;
    snprintf(in->p.name, sizeof in->p.name, "%s", cell(r, P_NAME));
    bool ok = read_kind_and_value(r, in) & read_trigger(r, in) &
              read_count(r, P_ID, 1, INT64_MAX, &in->p.id) & read_count(r, P_BUY, 0, 1000, &in->p.buy_qty) &
              read_count(r, P_GET, 0, 1000, &in->p.get_qty) &
              read_rate(r, P_GET_PERCENT, &in->p.get_percent_bp) &
              read_count(r, P_MAX_FREE, 0, 1000000, &in->p.max_free) &
              read_flag(r, P_DEAREST, &in->p.dearest) & read_amount(r, P_MIN_SUBTOTAL, &in->p.min_subtotal) &
              read_count(r, P_MIN_QTY, 0, 1000000, &in->p.min_qty) & read_date(r, P_FROM, in->p.starts_on) &
              read_date(r, P_TO, in->p.ends_on) & read_count(r, P_LIMIT, 1, INT64_MAX, &in->p.max_uses) &
              read_count(r, P_PER_CUSTOMER, 1, INT64_MAX, &in->p.per_customer) &
              read_count(r, P_PRIORITY, -999, 999, &priority) & read_flag(r, P_EXCLUSIVE, &in->p.exclusive) &
              read_flag(r, P_STOP, &in->p.stop) & read_flag(r, P_FIRST_ORDER, &in->p.first_order);
    if (cell(r, P_BUDGET)[0])
        ok = ok & read_amount(r, P_BUDGET, &in->p.budget);
    in->p.priority = (int)priority;
    return ok;
}

/* Creates the row's promotion, or (--update, an id that exists) changes it. */
static int promo_row(struct promo_import *r)
{
    struct promotion_edit in;
    struct err fe = {0};
    if (r->rec->nfields != r->h.nfile) {
        row_error(r, -1, "not as many fields as the header", NULL);
        return ERR_INVALID;
    }
    if (!read_row(r, &in))
        return ERR_INVALID;
    int rc;
    struct promotion old;
    if (in.p.id > 0 && promotion_get(r->app, in.p.id, &old, NULL) == ERR_OK) {
        if (!r->opt->update) {
            row_error(r, P_ID, "is a promotion already (--update changes it)", cell(r, P_ID));
            return ERR_INVALID;
        }
        in.p.version = old.version;
        if (!old.disabled_at[0])
            rc = promotion_update(r->app, &in, &fe);
        else
            rc = ERR_OK; /* a disabled promotion stays as it is */
    } else {
        in.p.id = 0;
        rc = promotion_create(r->app, &in, &fe);
    }
    if (rc == ERR_OK && cell(r, P_DISABLED)[0] && promotion_get(r->app, in.p.id, &old, NULL) == ERR_OK &&
        !old.disabled_at[0])
        rc = promotion_disable(r->app, in.p.id, &fe);
    if (rc != ERR_OK)
        core_error(r, &fe);
    return rc;
}

static int on_record(void *ctx, const struct csv_record *rec, struct err *e)
{
    struct promo_import *r = ctx;
    r->rec = rec;
    if (!r->have_header) {
        r->have_header = true;
        int rc =
            csv_header_bind(&r->h, promo_columns, P_COUNT, rec, r->opt->map, r->opt->null_text, &r->errs, e);
        if (rc == ERR_USAGE)
            return rc;
        return rc == ERR_OK ? ERR_OK
                            : err_set(e, ERR_INVALID, NULL,
                                      "%s: the header does not fit; nothing was imported", r->path);
    }
    r->rep->rows_read++;
    r->row_bad = false;
    if (promo_row(r) == ERR_OK && !r->row_bad)
        r->rep->rows_written++;
    else
        r->rep->rows_rejected++;
    return ERR_OK;
}

static int finish(struct promo_import *r, int rc)
{
    if (rc == ERR_OK && !r->have_header)
        rc = err_set(r->e, ERR_INVALID, NULL, "%s: no header row; nothing was imported", r->path);
    return csv_whole_import_end(r->app, "promotions", r->path, r->opt, r->rep, &r->errs, rc, r->e);
}

int csv_import_promotions(struct app *app, const char *path, const struct import_options *opt,
                          struct import_report *rep, struct err *e)
{
    memset(rep, 0, sizeof *rep);
    int rc = app_require(app, ACT_IMPORT, e);
    if (rc == ERR_OK)
        rc = app_require(app, ACT_PROMOTION_EDIT, e);
    if (rc != ERR_OK)
        return rc;
    if (opt->rejects_path)
        return err_set(e, ERR_USAGE, "rejects", "promotions are imported whole: --rejects does not apply");
    bool use_stdin = strcmp(path, "-") == 0;
    FILE *in = use_stdin ? stdin : fopen(path, "rb");
    if (in == NULL)
        return err_set(e, errno == ENOENT ? ERR_NOTFOUND : ERR_IO, "file", "cannot read %s: %s", path,
                       strerror(errno));
    struct promo_import r = {.app = app, .path = path, .opt = opt, .rep = rep, .e = e};
    r.errs = (struct csv_errors){
        .out = opt->errors ? opt->errors : stderr, .file = path, .shown = CSV_ERRORS_SHOWN};
    if ((rc = db_begin(app->db, e)) == ERR_OK)
        rc = finish(&r, csv_read(in, path, on_record, &r, e));
    csv_header_free(&r.h);
    if (!use_stdin)
        fclose(in);
    return rc;
}

/* --------------------------------------------------------------- export */

static void put_text(struct csv_writer *w, const char *s)
{
    csv_put_text(w, s ? s : "");
}

static void put_count(struct csv_writer *w, int64_t v, bool show)
{
    if (show)
        csv_put_int(w, v);
    else
        csv_put_raw(w, "", 0);
}

static void put_flag(struct csv_writer *w, bool v)
{
    csv_put_raw(w, v ? "1" : "0", 1);
}

static void put_rate(struct csv_writer *w, int64_t bp)
{
    char text[32];
    csv_rate_format(bp, text, sizeof text);
    csv_put_raw(w, text, strlen(text));
}

static void put_promotion(struct csv_writer *w, const struct promotion_edit *in)
{
    const struct promotion *p = &in->p;
    char text[4200];
    csv_put_int(w, p->id);
    put_text(w, p->name);
    put_text(w, promotion_kind_word(p->kind));
    promotion_format_value(p, text, sizeof text);
    put_text(w, text);
    promotion_format_target(in, text, sizeof text);
    put_text(w, text);
    bool buy_get = p->kind == PROMO_BUY_GET;
    put_count(w, p->buy_qty, buy_get);
    put_count(w, p->get_qty, buy_get);
    if (buy_get)
        put_rate(w, p->get_percent_bp);
    else
        csv_put_raw(w, "", 0);
    put_count(w, p->max_free, buy_get && p->max_free > 0);
    put_flag(w, p->dearest);
    if (p->min_subtotal > 0)
        csv_put_money(w, p->min_subtotal);
    else
        csv_put_raw(w, "", 0);
    put_count(w, p->min_qty, p->min_qty > 0);
    put_text(w, p->starts_on);
    put_text(w, p->ends_on);
    put_text(w, name_at(promotion_activation_names, PROMO_ACTIVATION_COUNT, (int)p->activation));
    put_text(w, in->code);
    put_count(w, p->max_uses, p->max_uses > 0);
    put_count(w, p->per_customer, p->per_customer > 0);
    if (p->budget >= 0)
        csv_put_money(w, p->budget);
    else
        csv_put_raw(w, "", 0);
    csv_put_int(w, p->priority);
    put_flag(w, p->exclusive);
    put_flag(w, p->stop);
    put_text(w, p->channel < 0 ? "" : channel_name((enum channel)p->channel));
    put_text(w, p->tier);
    put_flag(w, p->first_order);
    put_text(w, p->disabled_at);
    csv_put_int(w, p->uses);
    csv_put_money(w, p->granted);
    csv_end_row(w);
}

int csv_export_promotions(struct app *app, FILE *out, struct err *e)
{
    struct csv_writer w;
    int rc = app_require(app, ACT_EXPORT, e);
    if (rc != ERR_OK)
        return rc;
    csv_writer_init(&w, out);
    for (int i = 0; i < P_COUNT; i++)
        csv_put_raw(&w, promo_columns[i].name, strlen(promo_columns[i].name));
    csv_end_row(&w);
    struct page_req q = {.limit = 200};
    struct rows page = {0};
    struct promotion_edit *in = xcalloc(1, sizeof *in);
    do {
        if ((rc = promotion_list(app, 0, &q, &page, e)) != ERR_OK)
            break;
        const struct promotion *p = page.items;
        for (int i = 0; rc == ERR_OK && i < page.n; i++)
            if ((rc = promotion_edit_load(app, p[i].id, in, e)) == ERR_OK)
                put_promotion(&w, in);
        if (page.n > 0) {
            promotion_cursor(&p[page.n - 1], &q.cursor);
            q.has_cursor = true;
        }
    } while (rc == ERR_OK && page.more > 0);
    free(in);
    rows_free(&page);
    struct err we = {0};
    if (csv_writer_finish(&w, "promotions", &we) != ERR_OK && rc == ERR_OK)
        rc = err_set(e, we.code, NULL, "%s", we.msg);
    return rc;
}

int csv_export_promotion_codes(struct app *app, int64_t id, int64_t batch, FILE *out, int64_t *written,
                               struct err *e)
{
    enum { PAGE = 500 };
    struct csv_writer w;
    static const char *const head[] = {"code", "promotion", "batch", "used_order", "used_at"};
    struct promotion p;
    *written = 0;
    int rc = promotion_get(app, id, &p, e);
    if (rc != ERR_OK)
        return rc;
    csv_writer_init(&w, out);
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        csv_put_raw(&w, head[i], strlen(head[i]));
    csv_end_row(&w);
    struct promotion_code *rows = xcalloc(PAGE, sizeof *rows);
    int64_t after = 0;
    int n = 0;
    do {
        if ((rc = promotion_codes_page(app, id, after, rows, PAGE, &n, e)) != ERR_OK)
            break;
        for (int i = 0; i < n; i++) {
            after = rows[i].id;
            if (!rows[i].single_use || (batch > 0 && rows[i].batch != batch))
                continue;
            put_text(&w, rows[i].code);
            put_text(&w, p.name);
            csv_put_int(&w, rows[i].batch);
            put_text(&w, rows[i].used_order);
            put_text(&w, rows[i].used_at);
            csv_end_row(&w);
            (*written)++;
        }
    } while (n == PAGE);
    free(rows);
    struct err we = {0};
    if (csv_writer_finish(&w, "codes", &we) != ERR_OK && rc == ERR_OK)
        rc = err_set(e, we.code, NULL, "%s", we.msg);
    return rc;
}

int csv_promotion_codes_file(struct app *app, int64_t id, int generate, const char *prefix, const char *path,
                             int64_t *batch, int64_t *written, struct err *e)
{
    char tmp[4096];
    *batch = *written = 0;
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *out = fopen(tmp, "wb");
    if (out == NULL)
        return err_set(e, ERR_IO, "file", "cannot write %s: %s", tmp, strerror(errno));
    int rc = generate > 0 ? promotion_codes_generate(app, id, generate, prefix, batch, e) : ERR_OK;
    if (rc == ERR_OK)
        rc = csv_export_promotion_codes(app, id, *batch, out, written, e);
    if (fclose(out) != 0 && rc == ERR_OK)
        rc = err_set(e, ERR_IO, "file", "cannot write %s: %s", tmp, strerror(errno));
    if (rc == ERR_OK && rename(tmp, path) != 0)
        rc = err_set(e, ERR_IO, "file", "cannot rename %s to %s: %s", tmp, path, strerror(errno));
    if (rc != ERR_OK)
        remove(tmp);
    return rc;
}
