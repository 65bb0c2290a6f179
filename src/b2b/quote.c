/* The quote life cycle: lines and terms of a draft, submit, approve or reject,
 * recall, send (freezing the revision), the customer's counter-offer, accept
 * (the order, in the same transaction), expire and cancel. Each change is one
 * transaction, checks rights and the quote's version, records a timeline
 * event and an audit entry. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/account_store.h"
#include "db/approval_store.h"
#include "db/db.h"
#include "db/order_store.h"
#include "db/pricing_store.h"
#include "db/product_store.h"
#include "db/quote_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2b/approval.h"
#include "src/b2b/pricing.h"
#include "src/b2b/quote_private.h"
#include "src/b2b/quotes.h"
#include "src/b2c/cart.h"
#include "src/b2c/order_place.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/orders.h"
#include "src/products.h"
#include "src/settings.h"
#include "src/users.h"
#include "src/validate.h"

/* One change in progress: the quote as read inside the transaction, and the
 * row as it will be saved. */
struct quote_op {
    struct app *app;
    struct quote_view *v;
    struct quote next;
    enum quote_status from;
    char *before;
    char note[401];
};

/* --------------------------------------------------------------- states */

bool quote_status_editable(enum quote_status s)
{
    return s == QUOTE_DRAFT || s == QUOTE_PENDING || s == QUOTE_APPROVED || s == QUOTE_REJECTED;
}

unsigned quote_open_statuses(void)
{
    return QUOTE_STATUS_BIT(QUOTE_DRAFT) | QUOTE_STATUS_BIT(QUOTE_PENDING) |
           QUOTE_STATUS_BIT(QUOTE_APPROVED) | QUOTE_STATUS_BIT(QUOTE_SENT);
}

bool quote_status_open(enum quote_status s)
{
    return (quote_open_statuses() & QUOTE_STATUS_BIT(s)) != 0;
}

/* Legal moves of the life cycle: from → the set of to (as bits). */
#define B(s) (1u << (s))
static const unsigned legal_moves[QUOTE_STATUS_COUNT] = {
    [QUOTE_DRAFT] =
        B(QUOTE_PENDING) | B(QUOTE_APPROVED) | B(QUOTE_SENT) | B(QUOTE_CANCELLED) | B(QUOTE_EXPIRED),
    [QUOTE_PENDING] =
        B(QUOTE_APPROVED) | B(QUOTE_DRAFT) | B(QUOTE_REJECTED) | B(QUOTE_CANCELLED) | B(QUOTE_EXPIRED),
    [QUOTE_APPROVED] = B(QUOTE_SENT) | B(QUOTE_DRAFT) | B(QUOTE_CANCELLED) | B(QUOTE_EXPIRED),
    [QUOTE_SENT] = B(QUOTE_DRAFT) | B(QUOTE_ACCEPTED) | B(QUOTE_CANCELLED) | B(QUOTE_EXPIRED),
    [QUOTE_ACCEPTED] = B(QUOTE_ORDERED),
    [QUOTE_REJECTED] = B(QUOTE_DRAFT) | B(QUOTE_CANCELLED),
};
#undef B

static const char *const state_hints[QUOTE_STATUS_COUNT] = {
    [QUOTE_DRAFT] = "it is still a draft",
    [QUOTE_PENDING] = "it is waiting for approval",
    [QUOTE_APPROVED] = "it is approved and not sent yet",
    [QUOTE_SENT] =
        "it was sent; record the customer's answer (counter-offer, accept) or start a new revision",
    [QUOTE_ACCEPTED] = "it was accepted",
    [QUOTE_ORDERED] = "it became an order and no longer changes",
    [QUOTE_REJECTED] = "it was rejected; change it, then submit it again",
    [QUOTE_EXPIRED] = "it expired and no longer changes",
    [QUOTE_CANCELLED] = "it was cancelled and no longer changes",
};

const char *quote_move_refusal(enum quote_status from, enum quote_status to)
{
    if ((unsigned)from >= QUOTE_STATUS_COUNT || (unsigned)to >= QUOTE_STATUS_COUNT)
        return "unknown status";
    return legal_moves[from] & (1u << to) ? NULL : state_hints[from];
}

static int refuse(const struct quote_op *op, const char *verb, struct err *e)
{
    return err_set(e, ERR_STATE, "status", "cannot %s quote %s: %s", verb, op->v->quote.number,
                   state_hints[op->from]);
}

/* ----------------------------------------------------------- operations */

static char *quote_json(const struct quote_view *v, const char *change)
{
    struct json j;
    json_begin(&j);
    if (change && change[0])
        json_str(&j, "change", change);
    json_str(&j, "number", v->quote.number);
    json_str(&j, "status", quote_status_name(v->quote.status));
    json_int(&j, "revision", v->quote.revision);
    json_str(&j, "valid_until", v->quote.valid_until);
    json_int(&j, "payment_terms_days", v->quote.payment_terms_days);
    json_int(&j, "lines", v->nlines);
    json_int(&j, "subtotal", v->priced.subtotal);
    json_int(&j, "total", v->priced.total);
    json_int(&j, "margin_bp", v->priced.margin_bp);
    json_int(&j, "max_line_discount_bp", v->priced.max_line_discount_bp);
    json_int(&j, "version", v->quote.version);
    char *out = xstrdup(json_end(&j));
    json_free(&j);
    return out;
}

static void op_free(struct quote_op *op)
{
    quote_view_free(&op->v);
    free(op->before);
    op->before = NULL;
}

static int op_fail(struct quote_op *op, int rc)
{
    db_rollback(op->app->db);
    op_free(op);
    return rc;
}

/* "quote Q-001042 was changed by david at 14:02 — reload": who saved last, and when. */
static int conflict(struct app *app, const struct quote *mine, struct err *e)
{
    struct quote now;
    char when[32];
    if (quote_store_get(app->db, mine->id, &now, NULL) != ERR_OK)
        return err_set(e, ERR_CONFLICT, "version", "quote %s was changed by someone else — reload",
                       mine->number);
    datetime_local(now.updated_at, DATETIME_CLOCK_TODAY, when, sizeof when);
    return err_set(e, ERR_CONFLICT, "version", "quote %s was changed by %s at %s — reload", mine->number,
                   now.updated_by_login[0] ? now.updated_by_login : "someone else", when);
}

/* Opens a change: rights, transaction, the current quote, its version. */
static int op_start(struct app *app, const struct quote *q, enum action action, struct quote_op *op,
                    struct err *e)
{
    memset(op, 0, sizeof *op);
    op->app = app;
    int rc = app_require(app, action, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = quote_view_load_id(app, q->id, &op->v, e)) != ERR_OK)
        return op_fail(op, rc);
    if ((rc = app_require_account(app, &op->v->account, action == ACT_QUOTE_EDIT, e)) != ERR_OK)
        return op_fail(op, rc);
    if (op->v->quote.version != q->version)
        return op_fail(op, conflict(app, q, e));
    op->next = op->v->quote;
    op->from = op->v->quote.status;
    op->before = quote_json(op->v, NULL);
    return ERR_OK;
}

static int record_event(struct quote_op *op, const char *kind, enum quote_status from, enum quote_status to,
                        struct err *e)
{
    struct quote_event ev = {.quote_id = op->v->quote.id,
                             .revision = op->v->quote.revision,
                             .user_id = op->app->user.id,
                             .real_user_id = app_real_id(op->app)};
    snprintf(ev.kind, sizeof ev.kind, "%s", kind);
    if (from != to) {
        snprintf(ev.from_status, sizeof ev.from_status, "%s", quote_status_name(from));
        snprintf(ev.to_status, sizeof ev.to_status, "%s", quote_status_name(to));
    }
    snprintf(ev.note, sizeof ev.note, "%s", op->note);
    return quote_store_add_event(op->app->db, &ev, e);
}

/* Saves the row, refreshes totals of a draft revision, records and commits. */
static int op_finish(struct quote_op *op, struct quote *q, const char *kind, struct err *e)
{
    struct db *db = op->app->db;
    int64_t id = op->v->quote.id;
    int rc = quote_store_update(db, &op->next, op->app->user.id, e);
    if (rc == ERR_CONFLICT)
        rc = conflict(op->app, &op->next, e);
    quote_view_free(&op->v);
    if (rc != ERR_OK || (rc = quote_view_load_id(op->app, id, &op->v, e)) != ERR_OK)
        return op_fail(op, rc);
    struct quote_revision *r = &op->v->revision;
    if (r->frozen_at[0] == '\0') {
        r->subtotal = op->v->priced.subtotal;
        r->tax_total = op->v->priced.tax_total;
        r->total = op->v->priced.total;
        r->cost_total = op->v->priced.cost;
        r->margin_bp = op->v->priced.margin_bp;
        r->discount_bp = op->v->priced.discount_bp;
        if ((rc = quote_store_update_revision(db, r, e)) != ERR_OK)
            return op_fail(op, rc);
        op->v->quote.total = r->subtotal;
    }
    char *after = quote_json(op->v, op->note);
    if ((rc = record_event(op, kind, op->from, op->v->quote.status, e)) == ERR_OK)
        rc = audit_record(op->app, kind, "quote", op->v->quote.number, op->before, after, e);
    free(after);
    if (rc != ERR_OK || (rc = db_commit(db, e)) != ERR_OK)
        return op_fail(op, rc);
    *q = op->v->quote;
    op_free(op);
    return ERR_OK;
}

/* The lines and terms change only while the revision is not frozen. */
static int require_editable(const struct quote_op *op, struct err *e)
{
    if (quote_status_editable(op->from))
        return ERR_OK;
    return refuse(op, "change", e);
}

/* The timeline's note of a step that carries a comment: the comment is kept
 * whole in its own record (the approval, the revision), so the note may be
 * shortened, visibly and on a character boundary. */
static void op_note(struct quote_op *op, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void op_note(struct quote_op *op, const char *fmt, ...)
{
    struct strbuf full = {0};
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(&full, fmt, ap);
    va_end(ap);
    text_shorten(strbuf_text(&full), op->note, sizeof op->note);
    strbuf_free(&full);
}

/* A price, quantity or term changed: approvals given so far no longer count. */
static int priced_change(struct quote_op *op, const char *what, struct err *e)
{
    snprintf(op->note, sizeof op->note, "%s", what);
    if (op->from == QUOTE_DRAFT)
        return ERR_OK;
    size_t used = strlen(op->note);
    snprintf(op->note + used, sizeof op->note - used, " — approval needed again");
    op->next.status = QUOTE_DRAFT;
    return approval_store_supersede(op->app->db, op->v->revision.id, e);
}

static struct price_line *line_by_no(struct quote_view *v, int line_no)
{
    for (int i = 0; i < v->nlines; i++)
        if (v->lines[i].line.line_no == line_no)
            return &v->lines[i];
    return NULL;
}

static int no_such_line(const struct quote_op *op, int line_no, struct err *e)
{
    return err_set(e, ERR_NOTFOUND, "line", "quote %s revision %d has no line %d", op->v->quote.number,
                   op->v->quote.revision, line_no);
}

/* --------------------------------------------------------------- create */

static int validity_days(struct app *app)
{
    return settings_get_int(app, "quote_validity_days", 1, 3650, 30);
}

static int check_contact(struct app *app, int64_t account_id, int64_t contact_id, struct err *e)
{
    struct contact c;
    if (contact_id <= 0)
        return ERR_OK;
    int rc = contact_store_get(app->db, contact_id, &c, e);
    if (rc != ERR_OK)
        return rc;
    if (c.account_id != account_id)
        return err_set(e, ERR_INVALID, "contact", "contact %lld is not a contact of this account",
                       (long long)contact_id);
    return ERR_OK;
}

static int create_in(struct app *app, const struct account *a, int64_t contact_id, struct quote *out,
                     struct err *e)
{
    memset(out, 0, sizeof *out);
    out->account_id = a->id;
    out->contact_id = contact_id;
    out->owner_id = app->user.id;
    out->status = QUOTE_DRAFT;
    out->payment_terms_days = a->payment_terms_days;
    datetime_date_in_days(validity_days(app), out->valid_until);
    int rc = check_contact(app, a->id, contact_id, e);
    if (rc == ERR_OK)
        rc = quote_store_insert(app->db, out, app->user.id, e);
    struct quote_event ev = {
        .quote_id = out->id, .revision = 1, .user_id = app->user.id, .real_user_id = app_real_id(app)};
    snprintf(ev.kind, sizeof ev.kind, "create");
    snprintf(ev.to_status, sizeof ev.to_status, "draft");
    snprintf(ev.note, sizeof ev.note, "for %s", a->code);
    if (rc == ERR_OK)
        rc = quote_store_add_event(app->db, &ev, e);
    if (rc == ERR_OK) {
        struct json j;
        json_begin(&j);
        json_str(&j, "number", out->number);
        json_str(&j, "account", a->code);
        json_str(&j, "valid_until", out->valid_until);
        json_int(&j, "payment_terms_days", out->payment_terms_days);
        rc = audit_record(app, "create", "quote", out->number, NULL, json_end(&j), e);
        json_free(&j);
    }
    return rc;
}

int quote_create(struct app *app, const char *account_code, int64_t contact_id, struct quote *out,
                 struct err *e)
{
    struct account a;
    int rc = app_require(app, ACT_QUOTE_EDIT, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    if ((rc = account_store_find_code(app->db, account_code, &a, e)) == ERR_OK &&
        (rc = app_require_account(app, &a, true, e)) == ERR_OK)
        rc = create_in(app, &a, contact_id, out, e);
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    if ((rc = db_commit(app->db, e)) != ERR_OK)
        return rc;
    return quote_store_get(app->db, out->id, out, e);
}

/* rc of reading q, then whether the user may see q's account. */
static int quote_visible(struct app *app, int rc, const struct quote *q, struct err *e)
{
    struct account a;
    if (rc == ERR_OK)
        rc = account_store_get(app->db, q->account_id, &a, e);
    if (rc == ERR_OK)
        rc = app_require_account(app, &a, false, e);
    return rc;
}

int quote_get(struct app *app, const char *number, struct quote *out, struct err *e)
{
    return quote_visible(app, quote_store_find_number(app->db, number, out, e), out, e);
}

int quote_page(struct app *app, const struct quote_filter *f, const struct page_req *q, struct quote *rows,
               int *count, struct err *e)
{
    struct page_req mine = *q;
    mine.owner_id = rights_allows(app->user.role, ACT_ACCOUNT_VIEW_ALL) ? 0 : app->user.id;
    return quote_store_page(app->db, f, &mine, rows, count, e);
}

void quote_cursor(const struct quote *q, int sort, struct page_cursor *c)
{
    quote_store_cursor(q, sort, c);
}

int quote_revision(struct app *app, const struct quote *q, int number, struct quote_revision *out,
                   struct err *e)
{
    struct quote check;
    int rc = quote_get(app, q->number, &check, e);
    return rc == ERR_OK ? quote_store_revision(app->db, q->id, number, out, e) : rc;
}

int quote_for_order(struct app *app, int64_t order_id, struct quote *out, struct err *e)
{
    return quote_visible(app, quote_store_find_by_order(app->db, order_id, out, e), out, e);
}

int quote_events(struct app *app, const struct quote *q, const struct page_req *req, struct rows *out,
                 struct err *e)
{
    struct quote check;
    rows_reset(out, sizeof(struct quote_event));
    int rc = quote_get(app, q->number, &check, e);
    return rc == ERR_OK ? quote_store_events(app->db, q->id, req, out, e) : rc;
}

void quote_event_cursor(const struct quote_event *ev, struct page_cursor *c)
{
    quote_store_event_cursor(ev, c);
}

int quote_revisions(struct app *app, const struct quote *q, const struct page_req *req, struct rows *out,
                    struct err *e)
{
    struct quote check;
    rows_reset(out, sizeof(struct quote_revision));
    int rc = quote_get(app, q->number, &check, e);
    return rc == ERR_OK ? quote_store_revisions(app->db, q->id, req, out, e) : rc;
}

/* ---------------------------------------------------------------- lines */

/* Runs the waterfall for one line with today's prices for this account. */
static int price_one(struct app *app, int64_t account_id, struct price_line *l, struct err *e)
{
    struct pricing_inputs in;
    char today[11];
    datetime_today(today);
    int rc = pricing_store_load(app->db, account_id, &l->line.product_id, 1, today, &in, e);
    if (rc != ERR_OK)
        return rc;
    const struct pricing_product *p = pricing_find_product(&in, l->line.product_id);
    rc = p ? pricing_price_line(&in, p, l, e)
           : err_set(e, ERR_NOTFOUND, "sku", "product %s is no longer in the catalogue", l->line.sku);
    pricing_inputs_free(&in);
    return rc;
}

/* Notes and comments: text that may hold several lines, never cut (max is
 * the size of the field it goes to). */
static int text_fits(const char *field, const char *text, size_t max, struct err *e)
{
    return text_check(field, text, max - 1, TEXT_MULTILINE, e);
}

static int new_line(struct quote_op *op, const char *sku, int64_t quantity, enum manual_price manual,
                    int64_t value, const char *note, struct price_line *l, struct err *e)
{
    struct product p;
    int rc = product_store_find_sku(op->app->db, sku, &p, e);
    if (rc != ERR_OK)
        return rc;
    if (!p.active)
        return err_set(e, ERR_INVALID, "sku", "%s is no longer sold", p.sku);
    if (op->v->nlines >= QUOTE_MAX_LINES)
        return err_set(e, ERR_INVALID, "line", "a quote holds at most %d lines", QUOTE_MAX_LINES);
    if ((rc = text_fits("note", note, sizeof l->line.note, e)) != ERR_OK)
        return rc;
    memset(l, 0, sizeof *l);
    l->line.revision_id = op->v->revision.id;
    l->line.product_id = p.id;
    snprintf(l->line.sku, sizeof l->line.sku, "%s", p.sku);
    l->line.quantity = quantity;
    l->line.manual = manual;
    l->line.manual_value = value;
    snprintf(l->line.note, sizeof l->line.note, "%s", note ? note : "");
    return price_one(op->app, op->v->quote.account_id, l, e);
}

int quote_add_line(struct app *app, struct quote *q, const char *sku, int64_t quantity,
                   enum manual_price manual, int64_t manual_value, const char *note, struct quote_line *out,
                   struct err *e)
{
    struct quote_op op;
    struct price_line l;
    int rc = op_start(app, q, ACT_QUOTE_EDIT, &op, e);
    if (rc != ERR_OK)
        return rc;
    if ((rc = require_editable(&op, e)) != ERR_OK ||
        (rc = new_line(&op, sku, quantity, manual, manual_value, note, &l, e)) != ERR_OK ||
        (rc = quote_store_insert_line(app->db, q->id, &l.line, e)) != ERR_OK)
        return op_fail(&op, rc);
    char what[200];
    snprintf(what, sizeof what, "line %d: %lld × %s (%s)", l.line.line_no, (long long)l.line.quantity,
             l.line.sku, l.line.price_source);
    if ((rc = priced_change(&op, what, e)) != ERR_OK)
        return op_fail(&op, rc);
    if (out)
        *out = l.line;
    return op_finish(&op, q, "line", e);
}

static int apply_line_change(struct quote_op *op, struct price_line *l, const struct quote_line_change *c,
                             bool *priced, struct err *e)
{
    int rc = ERR_OK;
    *priced = false;
    if (c->note && (rc = text_fits("note", c->note, sizeof l->line.note, e)) == ERR_OK)
        snprintf(l->line.note, sizeof l->line.note, "%s", c->note);
    if (c->set_quantity && c->quantity != l->line.quantity) {
        l->line.quantity = c->quantity;
        *priced = true;
    }
    if (c->set_price && (c->manual != l->line.manual || c->manual_value != l->line.manual_value)) {
        l->line.manual = c->manual;
        l->line.manual_value = c->manual_value;
        *priced = true;
    }
    if (rc == ERR_OK && *priced) /* a new quantity may cross a volume break */
        rc = price_one(op->app, op->v->quote.account_id, l, e);
    return rc;
}

int quote_update_line(struct app *app, struct quote *q, int line_no, const struct quote_line_change *c,
                      struct err *e)
{
    struct quote_op op;
    bool priced = false;
    int rc = op_start(app, q, ACT_QUOTE_EDIT, &op, e);
    if (rc != ERR_OK)
        return rc;
    struct price_line *l = line_by_no(op.v, line_no);
    if ((rc = require_editable(&op, e)) != ERR_OK)
        return op_fail(&op, rc);
    if (l == NULL)
        return op_fail(&op, no_such_line(&op, line_no, e));
    if ((rc = apply_line_change(&op, l, c, &priced, e)) != ERR_OK ||
        (rc = quote_store_update_line(app->db, &l->line, e)) != ERR_OK)
        return op_fail(&op, rc);
    char what[200], price[64];
    money_format(l->line.unit_price, app->currency, price, sizeof price);
    snprintf(what, sizeof what, "line %d: %lld × %s at %s (%s)", line_no, (long long)l->line.quantity,
             l->line.sku, price, l->line.price_source);
    if (priced)
        rc = priced_change(&op, what, e);
    else
        snprintf(op.note, sizeof op.note, "line %d: note", line_no);
    if (rc != ERR_OK)
        return op_fail(&op, rc);
    return op_finish(&op, q, priced ? "line" : "note", e);
}

int quote_remove_line(struct app *app, struct quote *q, int line_no, struct err *e)
{
    struct quote_op op;
    int rc = op_start(app, q, ACT_QUOTE_EDIT, &op, e);
    if (rc != ERR_OK)
        return rc;
    struct price_line *l = line_by_no(op.v, line_no);
    if ((rc = require_editable(&op, e)) != ERR_OK)
        return op_fail(&op, rc);
    if (l == NULL)
        return op_fail(&op, no_such_line(&op, line_no, e));
    char what[120];
    snprintf(what, sizeof what, "line %d removed (%s)", line_no, l->line.sku);
    if ((rc = quote_store_delete_line(app->db, l->line.id, e)) != ERR_OK ||
        (rc = priced_change(&op, what, e)) != ERR_OK)
        return op_fail(&op, rc);
    return op_finish(&op, q, "line", e);
}

int quote_move_line(struct app *app, struct quote *q, int line_no, int position, struct err *e)
{
    struct quote_op op;
    int rc = op_start(app, q, ACT_QUOTE_EDIT, &op, e);
    if (rc != ERR_OK)
        return rc;
    struct price_line *l = line_by_no(op.v, line_no);
    if ((rc = require_editable(&op, e)) != ERR_OK)
        return op_fail(&op, rc);
    if (l == NULL)
        return op_fail(&op, no_such_line(&op, line_no, e));
    if (position < 1 || position > op.v->nlines)
        return op_fail(&op,
                       err_set(e, ERR_INVALID, "position", "a position is between 1 and %d", op.v->nlines));
    int from = (int)(l - op.v->lines), next = 1;
    struct price_line moved = *l;
    memmove(&op.v->lines[from], &op.v->lines[from + 1], sizeof moved * (size_t)(op.v->nlines - from - 1));
    memmove(&op.v->lines[position], &op.v->lines[position - 1],
            sizeof moved * (size_t)(op.v->nlines - position));
    op.v->lines[position - 1] = moved;
    for (int i = 0; rc == ERR_OK && i < op.v->nlines; i++, next++) {
        if (op.v->lines[i].line.position == next)
            continue;
        op.v->lines[i].line.position = next;
        rc = quote_store_update_line(app->db, &op.v->lines[i].line, e);
    }
    snprintf(op.note, sizeof op.note, "line %d moved to position %d", line_no, position);
    return rc != ERR_OK ? op_fail(&op, rc) : op_finish(&op, q, "reorder", e);
}

/* ---------------------------------------------------------------- terms */

static int terms_validate(const struct quote_terms *t, struct err *e)
{
    char today[11];
    datetime_today(today);
    if (!datetime_is_date(t->valid_until))
        return err_set(e, ERR_INVALID, "valid_until", "valid until must be a date YYYY-MM-DD");
    if (strcmp(t->valid_until, today) < 0)
        return err_set(e, ERR_INVALID, "valid_until", "valid until %s is already past", t->valid_until);
    if (t->requested_date[0] && !datetime_is_date(t->requested_date))
        return err_set(e, ERR_INVALID, "requested_date", "the requested delivery date must be YYYY-MM-DD");
    if (t->payment_terms_days < 0 || t->payment_terms_days > 365)
        return err_set(e, ERR_INVALID, "payment_terms_days", "payment terms are 0 to 365 days");
    if (t->order_discount < 0 || t->order_discount_bp < 0 || t->order_discount_bp > 10000)
        return err_set(e, ERR_INVALID, "order_discount",
                       "an order discount is 0 to 100 %% or a positive amount");
    if (t->order_discount > 0 && t->order_discount_bp > 0)
        return err_set(e, ERR_INVALID, "order_discount",
                       "give the order discount as an amount or a rate, not both");
    return ERR_OK;
}

static bool terms_priced_change(const struct quote_view *v, const struct quote_terms *t)
{
    return strcmp(t->valid_until, v->quote.valid_until) != 0 ||
           t->payment_terms_days != v->quote.payment_terms_days ||
           strcmp(t->requested_date, v->quote.requested_date) != 0 ||
           t->order_discount != v->revision.order_discount ||
           t->order_discount_bp != v->revision.order_discount_bp;
}

int quote_set_terms(struct app *app, struct quote *q, const struct quote_terms *t, struct err *e)
{
    struct quote_op op;
    int rc = op_start(app, q, ACT_QUOTE_EDIT, &op, e);
    if (rc != ERR_OK)
        return rc;
    if ((rc = require_editable(&op, e)) != ERR_OK || (rc = terms_validate(t, e)) != ERR_OK ||
        (rc = check_contact(app, op.v->quote.account_id, t->contact_id, e)) != ERR_OK)
        return op_fail(&op, rc);
    bool priced = terms_priced_change(op.v, t);
    snprintf(op.next.valid_until, sizeof op.next.valid_until, "%s", t->valid_until);
    op.next.payment_terms_days = t->payment_terms_days;
    snprintf(op.next.requested_date, sizeof op.next.requested_date, "%s", t->requested_date);
    op.next.contact_id = t->contact_id;
    op.v->revision.order_discount = t->order_discount;
    op.v->revision.order_discount_bp = t->order_discount_bp;
    if ((rc = quote_store_update_revision(app->db, &op.v->revision, e)) != ERR_OK)
        return op_fail(&op, rc);
    /* an order discount larger than the lines is refused here, before saving */
    if ((rc = pricing_total(op.v->lines, op.v->nlines, t->order_discount, t->order_discount_bp, &op.v->priced,
                            e)) != ERR_OK)
        return op_fail(&op, rc);
    char what[160];
    snprintf(what, sizeof what, "terms: valid until %s, %d days", t->valid_until, t->payment_terms_days);
    if (priced)
        rc = priced_change(&op, what, e);
    else
        snprintf(op.note, sizeof op.note, "contact changed");
    return rc != ERR_OK ? op_fail(&op, rc) : op_finish(&op, q, priced ? "terms" : "contact", e);
}

int quote_set_notes(struct app *app, struct quote *q, const char *notes, struct err *e)
{
    struct quote_op op;
    int rc = op_start(app, q, ACT_QUOTE_EDIT, &op, e);
    if (rc != ERR_OK)
        return rc;
    if (!quote_status_editable(op.from) && op.from != QUOTE_SENT)
        return op_fail(&op, refuse(&op, "change the notes of", e));
    if ((rc = text_fits("notes", notes, sizeof op.next.notes, e)) != ERR_OK)
        return op_fail(&op, rc);
    snprintf(op.next.notes, sizeof op.next.notes, "%s", notes ? notes : "");
    snprintf(op.note, sizeof op.note, "notes changed");
    return op_finish(&op, q, "note", e);
}

/* ------------------------------------------------------------ approvals */

static int require_sendable_content(const struct quote_op *op, const char *verb, struct err *e)
{
    char today[11];
    datetime_today(today);
    if (op->v->nlines == 0)
        return err_set(e, ERR_STATE, "lines", "cannot %s quote %s: it has no lines yet", verb,
                       op->v->quote.number);
    if (op->v->issues[0])
        return err_set(e, ERR_STATE, "lines", "cannot %s quote %s: %s", verb, op->v->quote.number,
                       op->v->issues);
    if (strcmp(op->v->quote.valid_until, today) < 0)
        return err_set(e, ERR_STATE, "valid_until",
                       "cannot %s quote %s: it was valid until %s; set a new date", verb, op->v->quote.number,
                       op->v->quote.valid_until);
    return ERR_OK;
}

int quote_submit(struct app *app, struct quote *q, struct err *e)
{
    struct quote_op op;
    int rc = op_start(app, q, ACT_QUOTE_EDIT, &op, e);
    if (rc != ERR_OK)
        return rc;
    if (op.from != QUOTE_DRAFT)
        return op_fail(&op, refuse(&op, "submit", e));
    if ((rc = require_sendable_content(&op, "submit", e)) != ERR_OK)
        return op_fail(&op, rc);
    if (op.v->approval.level == 0) {
        op.next.status = QUOTE_APPROVED;
        snprintf(op.note, sizeof op.note, "no approval needed");
    } else if (op.v->approved_enough) {
        op.next.status = QUOTE_APPROVED;
        snprintf(op.note, sizeof op.note, "its approvals still hold");
    } else {
        op.next.status = QUOTE_PENDING;
        approval_reasons_text(&op.v->approval, "; ", op.note, sizeof op.note);
    }
    return op_finish(&op, q, "submit", e);
}

/* Whether this approver can add to a need still open. */
static bool approver_useful(const struct quote_view *v, enum role role)
{
    for (int i = 0; i < v->approval.nneeds; i++)
        if (v->approval.needs[i].have < v->approval.needs[i].count &&
            approval_role_qualifies(role, v->approval.needs[i].role))
            return true;
    return false;
}

/* The makers of the revision waiting for approval: its owner, and whoever
 * asked for the approval — each as the acting user and the real one. */
static int quote_makers(const struct app *app, const struct quote_view *v, struct rows *out, struct err *e)
{
    struct rows askers = {0};
    rows_reset(out, sizeof(struct actor));
    *(struct actor *)rows_add(out) = (struct actor){v->quote.owner_id, v->quote.owner_id};
    int rc = quote_store_askers(app->db, v->quote.id, v->quote.revision, &askers, e);
    for (int i = 0; rc == ERR_OK && i < askers.n; i++) {
        const struct quote_asker *a = rows_at(&askers, i);
        *(struct actor *)rows_add(out) = (struct actor){a->user_id, a->real_user_id};
    }
    rows_free(&askers);
    return rc;
}

/* Whether this person (acting or real) has an approval of this revision that counts. */
static bool approved_already(const struct app *app, const struct quote_view *v)
{
    struct actor me = app_actor(app);
    for (int i = 0; i < v->napprovals; i++)
        if (v->approvals[i].decision == APPROVAL_APPROVE &&
            (v->approvals[i].approver_id == me.user_id || v->approvals[i].real_approver_id == me.real_id))
            return true;
    return false;
}

static int check_approver(const struct quote_op *op, const char *verb, struct err *e)
{
    const struct app *app = op->app;
    struct rows makers = {0};
    if (op->from != QUOTE_PENDING)
        return refuse(op, verb, e);
    int rc = quote_makers(app, op->v, &makers, e);
    if (rc == ERR_OK)
        rc = app_require_checker(app, makers.items, makers.n, "quote", op->v->quote.number, e);
    rows_free(&makers);
    if (rc != ERR_OK)
        return rc;
    if (approved_already(app, op->v))
        return err_set(e, ERR_STATE, NULL, "you have already approved revision %d of %s",
                       op->v->quote.revision, op->v->quote.number);
    if (!approver_useful(op->v, app->user.role)) {
        char needs[200];
        approval_needs_text(&op->v->approval, needs, sizeof needs);
        return err_set(e, ERR_DENIED, NULL, "quote %s waits for %s; a %s cannot give them",
                       op->v->quote.number, needs, role_name(app->user.role));
    }
    return ERR_OK;
}

static int insert_decision(struct quote_op *op, enum approval_decision d, const char *comment, struct err *e)
{
    struct approval a = {.quote_id = op->v->quote.id,
                         .revision_id = op->v->revision.id,
                         .approver_id = op->app->user.id,
                         .real_approver_id = app_real_id(op->app),
                         .approver_role = op->app->user.role,
                         .decision = d};
    int rc = text_fits("comment", comment, sizeof a.comment, e);
    if (rc != ERR_OK)
        return rc;
    snprintf(a.comment, sizeof a.comment, "%s", comment ? comment : "");
    return approval_store_insert(op->app->db, &a, e);
}

int quote_approve(struct app *app, struct quote *q, const char *comment, struct err *e)
{
    struct quote_op op;
    int rc = op_start(app, q, ACT_QUOTE_APPROVE, &op, e);
    if (rc != ERR_OK)
        return rc;
    if ((rc = check_approver(&op, "approve", e)) != ERR_OK ||
        (rc = insert_decision(&op, APPROVAL_APPROVE, comment, e)) != ERR_OK ||
        (rc = quote_view_evaluate(app, op.v, e)) != ERR_OK)
        return op_fail(&op, rc);
    char needs[200];
    approval_needs_text(&op.v->approval, needs, sizeof needs);
    op_note(&op, "%s%s%s", needs, comment && comment[0] ? ": " : "", comment ? comment : "");
    if (op.v->approved_enough)
        op.next.status = QUOTE_APPROVED;
    return op_finish(&op, q, "approve", e);
}

int quote_reject(struct app *app, struct quote *q, const char *comment, struct err *e)
{
    struct quote_op op;
    if (comment == NULL || comment[strspn(comment, " \t\r\n")] == '\0')
        return err_set(e, ERR_INVALID, "comment", "a rejection needs a comment saying why");
    int rc = op_start(app, q, ACT_QUOTE_APPROVE, &op, e);
    if (rc != ERR_OK)
        return rc;
    if ((rc = check_approver(&op, "reject", e)) != ERR_OK ||
        (rc = insert_decision(&op, APPROVAL_REJECT, comment, e)) != ERR_OK)
        return op_fail(&op, rc);
    op.next.status = QUOTE_REJECTED;
    op_note(&op, "%s", comment);
    return op_finish(&op, q, "reject", e);
}

int quote_recall(struct app *app, struct quote *q, struct err *e)
{
    struct quote_op op;
    int rc = op_start(app, q, ACT_QUOTE_EDIT, &op, e);
    if (rc != ERR_OK)
        return rc;
    if (op.from != QUOTE_PENDING)
        return op_fail(&op, refuse(&op, "recall", e));
    op.next.status = QUOTE_DRAFT;
    snprintf(op.note, sizeof op.note, "approval request recalled");
    return op_finish(&op, q, "recall", e);
}

/* ------------------------------------------------------------- sending */

int quote_send(struct app *app, struct quote *q, struct err *e)
{
    struct quote_op op;
    int rc = op_start(app, q, ACT_QUOTE_EDIT, &op, e);
    if (rc != ERR_OK)
        return rc;
    if (op.from == QUOTE_PENDING) {
        char needs[200];
        approval_needs_text(&op.v->approval, needs, sizeof needs);
        return op_fail(&op, err_set(e, ERR_STATE, "status",
                                    "cannot send quote %s: it is waiting for approval (%s)",
                                    op.v->quote.number, needs));
    }
    if (op.from == QUOTE_DRAFT && op.v->approval.level > 0) {
        char why[600];
        approval_reasons_text(&op.v->approval, "; ", why, sizeof why);
        return op_fail(&op,
                       err_set(e, ERR_STATE, "status", "cannot send quote %s: it needs approval first (%s)",
                               op.v->quote.number, why));
    }
    if (op.from != QUOTE_DRAFT && op.from != QUOTE_APPROVED)
        return op_fail(&op, refuse(&op, "send", e));
    if ((rc = require_sendable_content(&op, "send", e)) != ERR_OK)
        return op_fail(&op, rc);
    op.v->revision.payment_terms_days = op.v->quote.payment_terms_days;
    snprintf(op.v->revision.valid_until, sizeof op.v->revision.valid_until, "%s", op.v->quote.valid_until);
    if ((rc = quote_store_freeze_revision(app->db, &op.v->revision, e)) != ERR_OK)
        return op_fail(&op, rc);
    op.next.status = QUOTE_SENT;
    snprintf(op.note, sizeof op.note, "revision %d sent, valid until %s", op.v->quote.revision,
             op.v->quote.valid_until);
    return op_finish(&op, q, "send", e);
}

/* A price the customer asked for reads "counter −20 %" rather than "manual −20 %". */
static void label_counter(struct price_line *l)
{
    if (strncmp(l->line.price_source, "manual", 6) != 0)
        return;
    char source[48];
    snprintf(source, sizeof source, "counter%s", l->line.price_source + 6);
    snprintf(l->line.price_source, sizeof l->line.price_source, "%s", source);
}

/* The customer's change: a unit price they ask for (kept as a manual price), a quantity. */
static int apply_counter(struct quote_op *op, struct price_line *l, const struct quote_counter_change *c,
                         struct err *e)
{
    int rc = ERR_OK;
    bool theirs = strncmp(l->line.price_source, "counter", 7) == 0;
    if (c->set_quantity) {
        if (c->quantity <= 0)
            return err_set(e, ERR_INVALID, "qty", "line %d: the quantity must be at least 1", c->line_no);
        l->line.quantity = c->quantity;
        rc = price_one(op->app, op->v->quote.account_id, l, e);
    }
    if (rc == ERR_OK && c->set_price) {
        if (c->price < 0)
            return err_set(e, ERR_INVALID, "price", "line %d: a price cannot be negative", c->line_no);
        l->line.manual = MANUAL_PRICE;
        l->line.manual_value = c->price;
        rc = pricing_apply_manual(l, e);
        theirs = true;
    }
    if (theirs)
        label_counter(l);
    return rc == ERR_OK ? quote_store_update_line(op->app->db, &l->line, e) : rc;
}

static int new_revision(struct quote_op *op, enum quote_side side, const char *comment, struct err *e)
{
    struct quote_revision r = {.quote_id = op->v->quote.id,
                               .proposed_by = side,
                               .created_by = op->app->user.id,
                               .order_discount = op->v->revision.order_discount,
                               .order_discount_bp = op->v->revision.order_discount_bp};
    int rc = text_fits("comment", comment, sizeof r.comment, e);
    if (rc != ERR_OK)
        return rc;
    snprintf(r.comment, sizeof r.comment, "%s", comment ? comment : "");
    if ((rc = quote_store_add_revision(op->app->db, &r, op->v->revision.id, e)) != ERR_OK)
        return rc;
    op->next.revision = r.number;
    op->next.status = QUOTE_DRAFT;
    /* the view now follows the new revision, so its lines can be changed */
    op->v->revision = r;
    op->v->quote.revision = r.number;
    return quote_view_load_lines(op->app, op->v, e);
}

int quote_counter(struct app *app, struct quote *q, const char *comment, const struct quote_counter_change *c,
                  int n, struct err *e)
{
    struct quote_op op;
    if (comment == NULL || comment[strspn(comment, " \t\r\n")] == '\0')
        return err_set(e, ERR_INVALID, "comment", "a counter-offer needs the customer's comment");
    int rc = op_start(app, q, ACT_QUOTE_EDIT, &op, e);
    if (rc != ERR_OK)
        return rc;
    if (op.from != QUOTE_SENT)
        return op_fail(&op, refuse(&op, "record a counter-offer on", e));
    if ((rc = new_revision(&op, QUOTE_SIDE_CUSTOMER, comment, e)) != ERR_OK)
        return op_fail(&op, rc);
    for (int i = 0; i < n; i++) {
        struct price_line *l = line_by_no(op.v, c[i].line_no);
        if (l == NULL)
            return op_fail(&op, no_such_line(&op, c[i].line_no, e));
        if ((rc = apply_counter(&op, l, &c[i], e)) != ERR_OK)
            return op_fail(&op, rc);
    }
    op_note(&op, "customer's counter-offer, revision %d: %s", op.next.revision, comment);
    return op_finish(&op, q, "counter", e);
}

int quote_revise(struct app *app, struct quote *q, const char *comment, struct err *e)
{
    struct quote_op op;
    int rc = op_start(app, q, ACT_QUOTE_EDIT, &op, e);
    if (rc != ERR_OK)
        return rc;
    if (op.from != QUOTE_SENT)
        return op_fail(&op, refuse(&op, "start a new revision of", e));
    if ((rc = new_revision(&op, QUOTE_SIDE_OURS, comment, e)) != ERR_OK)
        return op_fail(&op, rc);
    op_note(&op, "new revision %d%s%s", op.next.revision, comment && comment[0] ? ": " : "",
            comment ? comment : "");
    return op_finish(&op, q, "revise", e);
}

/* ------------------------------------------------------------- ordering */

static void order_from_quote(const struct quote_view *v, struct order *o)
{
    memset(o, 0, sizeof *o);
    o->channel = CHANNEL_B2B;
    o->source = ORDER_SOURCE_QUOTE;
    o->quote_id = v->quote.id;
    o->account_id = v->quote.account_id;
    o->contact_id = v->quote.contact_id;
    o->status = ORDER_PLACED;
    snprintf(o->requested_date, sizeof o->requested_date, "%s", v->quote.requested_date);
    snprintf(o->promised_date, sizeof o->promised_date, "%s", v->quote.requested_date);
    snprintf(o->ship_name, sizeof o->ship_name, "%s", v->account.name);
    snprintf(o->ship_address, sizeof o->ship_address, "%s",
             v->account.shipping_address[0] ? v->account.shipping_address : v->account.billing_address);
    snprintf(o->note, sizeof o->note, "from quote %s revision %d", v->quote.number, v->quote.revision);
}

/* The quote's lines as a priced cart (excluding tax): its prices exactly,
 * each line's share of the order discount a manual adjustment. */
static int priced_from_quote(const struct quote_view *v, struct priced_cart *p, struct err *e)
{
    memset(p, 0, sizeof *p);
    p->channel = CHANNEL_B2B;
    p->lines = xcalloc((size_t)v->nlines + 1, sizeof *p->lines);
    p->lines_cap = v->nlines + 1;
    p->ngoods = p->nlines = v->nlines;
    for (int i = 0; i < v->nlines; i++) {
        const struct price_line *l = &v->lines[i];
        struct priced_line *pl = &p->lines[i];
        pl->kind = LINE_GOODS;
        pl->cart_line = i;
        pl->product_id = l->line.product_id;
        snprintf(pl->sku, sizeof pl->sku, "%s", l->line.sku);
        snprintf(pl->description, sizeof pl->description, "%s", l->line.description);
        snprintf(pl->category, sizeof pl->category, "%s", l->category);
        pl->quantity = l->line.quantity;
        pl->list_price = l->line.list_price;
        pl->unit_price = l->line.unit_price;
        snprintf(pl->price_source, sizeof pl->price_source, "%s", l->line.price_source);
        pl->unit_cost = l->line.unit_cost;
        snprintf(pl->tax_class, sizeof pl->tax_class, "%s", l->line.tax_class);
        pl->tax_rate_bp = l->line.tax_rate_bp;
        pl->gross = l->gross;
        pl->net = l->net; /* gross − its share of the order discount */
        pl->tax = l->tax;
        pl->total = l->net + l->tax;
        if (l->order_discount > 0 &&
            priced_cart_adjust(p, i, ADJ_MANUAL, 0, l->order_discount, "order discount", e) != ERR_OK)
            return e ? e->code : ERR_INTERNAL;
    }
    p->subtotal = v->priced.subtotal;
    p->tax_total = v->priced.tax_total;
    p->total = v->priced.total;
    return ERR_OK;
}

/* The order through the snapshot path: stock short of a line waits, and
 * the credit limit does not refuse it (its approvals ran; the excess goes
 * on the order's timeline). */
static int place_order(struct quote_op *op, struct order *o, struct err *e)
{
    struct priced_cart p;
    struct place_result res = {0};
    struct order_snapshot s = {
        .priced = &p, .pay = PAY_ACCOUNT, .backorder_what_is_short = true, .credit_never_refused = true};
    order_from_quote(op->v, &s.order);
    int rc = priced_from_quote(op->v, &p, e);
    if (rc == ERR_OK)
        rc = order_place_snapshot(op->app, &s, &res, e);
    priced_cart_free(&p);
    place_result_free(&res);
    if (rc == ERR_OK)
        rc = quote_store_link_order(op->app->db, op->v->quote.id, s.order.id, e);
    *o = s.order;
    return rc;
}

int quote_accept(struct app *app, struct quote *q, struct order *order_out, struct err *e)
{
    struct quote_op op;
    struct order o;
    char today[11];
    int rc = op_start(app, q, ACT_QUOTE_EDIT, &op, e);
    if (rc != ERR_OK)
        return rc;
    datetime_today(today);
    if (op.from != QUOTE_SENT)
        return op_fail(&op, refuse(&op, "accept", e));
    if (strcmp(op.v->quote.valid_until, today) < 0)
        return op_fail(&op,
                       err_set(e, ERR_STATE, "valid_until", "cannot accept quote %s: it was valid until %s",
                               op.v->quote.number, op.v->quote.valid_until));
    if ((rc = app_require(app, ACT_ORDER_CREATE, e)) != ERR_OK || (rc = place_order(&op, &o, e)) != ERR_OK)
        return op_fail(&op, rc);
    snprintf(op.note, sizeof op.note, "revision %d accepted by the customer", op.v->quote.revision);
    op.v->quote.status = QUOTE_ACCEPTED;
    if ((rc = record_event(&op, "accept", QUOTE_SENT, QUOTE_ACCEPTED, e)) != ERR_OK)
        return op_fail(&op, rc);
    op.from = QUOTE_ACCEPTED;
    op.next.status = QUOTE_ORDERED;
    op.next.order_id = o.id;
    snprintf(op.note, sizeof op.note, "order %s", o.number);
    if ((rc = op_finish(&op, q, "order", e)) == ERR_OK && order_out)
        *order_out = o;
    return rc;
}

int quote_cancel(struct app *app, struct quote *q, const char *reason, struct err *e)
{
    struct quote_op op;
    /* the reason lives in the timeline only: refused when it does not fit */
    int rc = text_fits("comment", reason, sizeof op.note, e);
    if (rc == ERR_OK)
        rc = op_start(app, q, ACT_QUOTE_EDIT, &op, e);
    if (rc != ERR_OK)
        return rc;
    if (quote_move_refusal(op.from, QUOTE_CANCELLED))
        return op_fail(&op, refuse(&op, "cancel", e));
    op.next.status = QUOTE_CANCELLED;
    snprintf(op.note, sizeof op.note, "%s", reason && reason[0] ? reason : "cancelled");
    return op_finish(&op, q, "cancel", e);
}

/* One quote's expiry, inside the batch's transaction (db_begin nests). */
static int expire_one(struct app *app, int64_t id, struct err *e)
{
    struct quote_op op = {.app = app};
    int rc = db_begin(app->db, e);
    if (rc != ERR_OK)
        return rc;
    if ((rc = quote_view_load_id(app, id, &op.v, e)) != ERR_OK)
        return op_fail(&op, rc);
    op.next = op.v->quote;
    op.from = op.v->quote.status;
    if (!quote_status_open(op.from)) { /* moved on since it was listed: nothing to write */
        op_free(&op);
        return db_commit(app->db, e);
    }
    op.before = quote_json(op.v, NULL);
    op.next.status = QUOTE_EXPIRED;
    snprintf(op.note, sizeof op.note, "valid until %s", op.v->quote.valid_until);
    struct quote q = op.v->quote;
    return op_finish(&op, &q, "expire", e);
}

/* The oldest `max` quotes due, expired in one transaction: each keeps its own
 * timeline line and audit entry, and the batch shares one commit (a backlog
 * of 50,000 is 500 commits, not 50,000). */
int quote_expire_some(struct app *app, const char *today, int max, int *expired, bool *more, struct err *e)
{
    char date[11];
    int64_t ids[QUOTE_EXPIRY_BATCH_MAX];
    int n = 0, rc = app_require(app, ACT_QUOTE_EXPIRE, e);
    *expired = 0;
    *more = false;
    if (rc != ERR_OK)
        return rc;
    if (max < 1 || max > QUOTE_EXPIRY_BATCH_MAX)
        max = QUOTE_EXPIRY_BATCH_MAX;
    if (today)
        snprintf(date, sizeof date, "%s", today);
    else
        datetime_today(date);
    if ((rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    rc = quote_store_due_for_expiry(app->db, date, quote_open_statuses(), ids, max, &n, e);
    for (int i = 0; rc == ERR_OK && i < n; i++)
        rc = expire_one(app, ids[i], e);
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    if ((rc = db_commit(app->db, e)) != ERR_OK)
        return rc;
    *expired = n;
    *more = n == max;
    return ERR_OK;
}

int quote_expire_due(struct app *app, const char *today, int *expired, struct err *e)
{
    int n = 0, rc;
    bool more = true;
    *expired = 0;
    while (more) {
        if ((rc = quote_expire_some(app, today, QUOTE_EXPIRY_BATCH_MAX, &n, &more, e)) != ERR_OK)
            return rc;
        *expired += n;
    }
    return ERR_OK;
}

/* --------------------------------------------------------- for screens */

static bool approver_may(const struct app *app, const struct quote_view *v)
{
    struct rows makers = {0};
    if (!rights_allows(app->user.role, ACT_QUOTE_APPROVE) || approved_already(app, v))
        return false;
    bool checker = quote_makers(app, v, &makers, NULL) == ERR_OK &&
                   app_require_checker(app, makers.items, makers.n, "quote", v->quote.number, NULL) == ERR_OK;
    rows_free(&makers);
    return checker && approver_useful(v, app->user.role);
}

unsigned quote_actions(const struct app *app, const struct quote_view *v)
{
    enum quote_status s = v->quote.status;
    bool edit = rights_allows(app->user.role, ACT_QUOTE_EDIT) &&
                (rights_allows(app->user.role, ACT_ACCOUNT_VIEW_ALL) || v->account.rep_id == app->user.id);
    bool ready = v->nlines > 0 && v->issues[0] == '\0';
    unsigned can = 0;
    if (edit && quote_status_editable(s))
        can |= QUOTE_CAN_EDIT | QUOTE_CAN_NOTES;
    if (edit && s == QUOTE_SENT)
        can |= QUOTE_CAN_NOTES | QUOTE_CAN_COUNTER | QUOTE_CAN_ACCEPT;
    if (edit && s == QUOTE_DRAFT && ready)
        can |= QUOTE_CAN_SUBMIT;
    if (edit && ready && (s == QUOTE_APPROVED || (s == QUOTE_DRAFT && v->approval.level == 0)))
        can |= QUOTE_CAN_SEND;
    if (edit && s == QUOTE_PENDING)
        can |= QUOTE_CAN_RECALL;
    if (edit && quote_move_refusal(s, QUOTE_CANCELLED) == NULL)
        can |= QUOTE_CAN_CANCEL;
    if (s == QUOTE_PENDING && approver_may(app, v))
        can |= QUOTE_CAN_APPROVE;
    return can;
}

/* The approve/reject side of quote_action_refusal. */
static void approve_refusal(const struct app *app, const struct quote_view *v, char *out, size_t len)
{
    const char *n = v->quote.number;
    struct rows makers = {0};
    if (!rights_allows(app->user.role, ACT_QUOTE_APPROVE))
        snprintf(out, len, "only a manager approves or rejects quotes; %s (%s) may not", app->user.login,
                 role_name(app->user.role));
    else if (v->quote.status != QUOTE_PENDING)
        snprintf(out, len, "%s is %s: only a pending quote is approved or rejected", n,
                 quote_status_names[v->quote.status]);
    else if (approved_already(app, v))
        snprintf(out, len, "you approved %s already: another approver decides now", n);
    else if (quote_makers(app, v, &makers, NULL) != ERR_OK ||
             app_require_checker(app, makers.items, makers.n, "quote", n, NULL) != ERR_OK)
        snprintf(out, len, "%s is yours: another manager approves or rejects it", n);
    else
        snprintf(out, len, "the approvals %s needs are not of your role (%s)", n, role_name(app->user.role));
    rows_free(&makers);
}

void quote_action_refusal(const struct app *app, const struct quote_view *v, unsigned action, char *out,
                          size_t len)
{
    const char *n = v->quote.number, *status = quote_status_names[v->quote.status];
    bool edit = rights_allows(app->user.role, ACT_QUOTE_EDIT);
    out[0] = '\0';
    if ((quote_actions(app, v) & action) == action)
        return;
    if (action == QUOTE_CAN_APPROVE)
        approve_refusal(app, v, out, len);
    else if (!edit)
        snprintf(out, len, "%s (%s) may not change quotes", app->user.login, role_name(app->user.role));
    else if (!rights_allows(app->user.role, ACT_ACCOUNT_VIEW_ALL) && v->account.rep_id != app->user.id)
        snprintf(out, len, "%s is another rep's quote: only its rep changes it", n);
    else if (action == QUOTE_CAN_SUBMIT && v->quote.status == QUOTE_DRAFT)
        snprintf(out, len, "%s cannot be submitted yet: %s", n,
                 v->nlines == 0 ? "it has no line" : v->issues);
    else if (action == QUOTE_CAN_SEND && v->quote.status == QUOTE_DRAFT)
        snprintf(out, len, "%s needs a manager's approval before it is sent: submit it", n);
    else
        snprintf(out, len, "%s is %s: that is not possible now", n, status);
}

int quote_contract_prices(struct app *app, int64_t account_id, const struct page_req *q, struct rows *out,
                          struct err *e)
{
    struct account a;
    rows_reset(out, sizeof(struct contract_price));
    int rc = account_store_get(app->db, account_id, &a, e);
    if (rc == ERR_OK)
        rc = app_require_account(app, &a, false, e);
    return rc == ERR_OK ? contract_price_store_list(app->db, account_id, q, out, e) : rc;
}

void contract_price_cursor(const struct contract_price *c, struct page_cursor *cur)
{
    contract_price_store_cursor(c, cur);
}

/* -------------------------------------------------------- approval rules */

int approval_rule_save(struct app *app, struct approval_rule *r, struct err *e)
{
    int rc = app_require(app, ACT_APPROVAL_RULES, e);
    if (rc != ERR_OK || (rc = approval_rule_validate(r, e)) != ERR_OK ||
        (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    bool is_new = r->id == 0;
    rc = is_new ? approval_rule_store_insert(app->db, r, e) : approval_rule_store_update(app->db, r, e);
    if (rc == ERR_OK) {
        struct json j;
        char key[32];
        json_begin(&j);
        json_str(&j, "name", r->name);
        json_str(&j, "condition", approval_condition_name(r->condition));
        json_int(&j, "threshold", r->threshold);
        json_str(&j, "approver_role", role_name(r->approver_role));
        json_int(&j, "approvals_needed", r->approvals_needed);
        json_int(&j, "level", r->level);
        json_bool(&j, "active", r->active);
        snprintf(key, sizeof key, "%lld", (long long)r->id);
        rc = audit_record(app, is_new ? "create" : "update", "approval_rule", key, NULL, json_end(&j), e);
        json_free(&j);
    }
    if (rc != ERR_OK) {
        db_rollback(app->db);
        if (rc == ERR_CONFLICT) {
            char key[32], what[100];
            snprintf(key, sizeof key, "%lld", (long long)r->id);
            snprintf(what, sizeof what, "rule '%.64s'", r->name);
            rc = audit_conflict(app, "approval_rule", key, NULL, what, e);
        }
        return rc;
    }
    return db_commit(app->db, e);
}

int approval_rule_get(struct app *app, int64_t id, struct approval_rule *out, struct err *e)
{
    int rc = app_require(app, ACT_QUOTE_EDIT, e);
    return rc == ERR_OK ? approval_rule_store_get(app->db, id, out, e) : rc;
}

int approval_rule_list(struct app *app, const struct page_req *q, struct rows *out, struct err *e)
{
    rows_reset(out, sizeof(struct approval_rule));
    int rc = app_require(app, ACT_QUOTE_EDIT, e);
    return rc == ERR_OK ? approval_rule_store_list(app->db, q, out, e) : rc;
}

void approval_rule_cursor(const struct approval_rule *r, struct page_cursor *c)
{
    approval_rule_store_cursor(r, c);
}
