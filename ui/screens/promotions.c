/* Promotions (managers and admins): the list by state — active, scheduled,
 * ended, disabled, or all (f) — with each one's uses and budget spent; n
 * adds one, Enter or e edits one in a form holding every field (the core
 * checks them and the form shows its message next to the field at fault),
 * E disables one (asks first), B makes a batch of single-use codes and
 * writes it as CSV for a mailing (or writes every code made so far). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/b2c/promotion.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/text.h"
#include "src/csv/csv_io.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"
#include "ui/widgets/table.h"

const bool promotions_screen_ready = true;

struct promotions {
    struct list_screen list; /* first: the list screen's ops see only this */
    int state;               /* -1 = every state, else enum promotion_state */
    char intro[300];
};

static const struct table_column promo_columns[] = {
    {"ID", 3, TEXT_RIGHT, -1},    {"State", 9, TEXT_LEFT, -1},  {"Name", 0, TEXT_LEFT, -1},
    {"Gives", 0, TEXT_LEFT, -1},  {"Code", 10, TEXT_LEFT, -1},  {"Uses", 4, TEXT_RIGHT, -1},
    {"Spent", 5, TEXT_RIGHT, -1}, {"Window", 0, TEXT_LEFT, -1},
};

static int promos_fetch(void *ctx, const struct page_req *q, struct rows *out, struct err *e)
{
    struct promotions *ps = ctx;
    unsigned states = ps->state < 0 ? 0 : 1u << ps->state;
    return promotion_list(ps->list.base.con->app, states, q, out, e);
}

static void promos_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    promotion_cursor(row, c);
}

static int64_t promos_id(const void *row)
{
    return ((const struct promotion *)row)->id;
}

/* "2026-12-01 → 2026-12-31", "→ 2026-12-31", "2026-12-01 →", "always". */
static void window_text(const struct promotion *p, char *out, size_t len)
{
    if (p->starts_on[0] && p->ends_on[0])
        snprintf(out, len, "%s → %s", p->starts_on, p->ends_on);
    else if (p->ends_on[0])
        snprintf(out, len, "→ %s", p->ends_on);
    else if (p->starts_on[0])
        snprintf(out, len, "%s →", p->starts_on);
    else
        snprintf(out, len, "always");
}

static void promos_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct promotion *p = row;
    struct promotions *ps = ctx;
    struct console *c = ps->list.base.con;
    char today[11], a[64], b[64];
    switch (col) {
    case 0: snprintf(out, len, "%lld", (long long)p->id); break;
    case 1:
        promotion_today(today);
        snprintf(out, len, "%s",
                 name_at(promotion_state_names, PROMO_STATE_COUNT, (int)promotion_state_on(p, today)));
        break;
    case 2: snprintf(out, len, "%s", p->name); break;
    case 3: promotion_describe(p, out, len); break;
    case 4:
        if (p->activation == PROMO_AUTO)
            snprintf(out, len, "auto");
        else if (p->code[0])
            snprintf(out, len, "%s", p->code);
        else
            snprintf(out, len, "%lld %s", (long long)p->codes, text_plural(p->codes, "code", "codes"));
        break;
    case 5:
        if (p->max_uses > 0)
            snprintf(out, len, "%lld of %lld", (long long)p->uses, (long long)p->max_uses);
        else
            snprintf(out, len, "%lld", (long long)p->uses);
        break;
    case 6:
        fmt_money(c, p->granted, a, sizeof a);
        if (p->budget >= 0) {
            money_format_plain(p->budget, b, sizeof b);
            snprintf(out, len, "%s of %s", a, b);
        } else
            snprintf(out, len, "%s", a);
        break;
    default: window_text(p, out, len); break;
    }
}

/* ------------------------------------------------------------ the form */

static const char *const kind_choices[] = {"percent", "fixed", "buy-get", "free-shipping", "price", NULL};
static const char *const no_yes[] = {"no", "yes", NULL};
static const char *const trigger_choices[] = {"code", "auto", NULL};
static const char *const channel_choices[] = {"any", "b2c", "b2b", NULL};

static const char *form_text(void *ctx, const char *field)
{
    static char text[4001];
    struct form *f = ctx;
    if (form_field(f, field) == NULL)
        return "";
    form_get(f, field, text, sizeof text);
    return text;
}

static int promo_save(struct edit_screen *es, struct err *e)
{
    struct promotion_edit *rec = es->record, in = *rec;
    struct app *app = es->base.con->app;
    int rc = promotion_edit_read(form_text, &es->form, &in, e);
    if (rc == ERR_OK)
        rc = in.p.id ? promotion_update(app, &in, e) : promotion_create(app, &in, e);
    if (rc != ERR_OK)
        return rc;
    snprintf(es->saved, sizeof es->saved, "Promotion %lld \"%.60s\" saved.", (long long)in.p.id, in.p.name);
    if (promotion_edit_load(app, in.p.id, rec, NULL) != ERR_OK)
        *rec = in; /* the list shows it by its id either way */
    return ERR_OK;
}

static void promo_fill(struct form *f, const void *record)
{
    const struct promotion_edit *in = record;
    char text[4100];
    for (int i = 0; promotion_field_names[i]; i++) {
        struct form_field *fl = form_field(f, promotion_field_names[i]);
        if (fl == NULL)
            continue;
        promotion_edit_field(in, promotion_field_names[i], text, sizeof text);
        if (fl->kind == FIELD_CHOICE)
            form_set_choice(f, promotion_field_names[i], text);
        else
            form_set(f, promotion_field_names[i], text);
    }
}

static int promo_load(struct app *app, const void *record, void *fresh, struct err *e)
{
    return promotion_edit_load(app, ((const struct promotion_edit *)record)->p.id, fresh, e);
}

static void promo_intro(struct edit_screen *es, const struct promotion_edit *in)
{
    struct console *c = es->base.con;
    if (in->p.id == 0) {
        snprintf(es->intro, sizeof es->intro,
                 "New promotion. Value: a percentage or an amount. On: order, category:NAME or sku:A,B. "
                 "Priority: higher first. Shared code empty: single-use codes (B on the list). Empty: none. "
                 "Ctrl-S saves, Esc leaves");
        return;
    }
    char today[11], granted[64], budget[64] = "";
    promotion_today(today);
    fmt_money(c, in->p.granted, granted, sizeof granted);
    if (in->p.budget >= 0)
        money_format_plain(in->p.budget, budget, sizeof budget);
    char uses[64];
    if (in->p.max_uses > 0)
        snprintf(uses, sizeof uses, "%lld of %lld", (long long)in->p.uses, (long long)in->p.max_uses);
    else
        snprintf(uses, sizeof uses, "%lld", (long long)in->p.uses);
    snprintf(es->intro, sizeof es->intro,
             "Promotion %lld, %s: used %s, granted %s%s%s%s. On: order, category:NAME or sku:A,B. Ctrl-S "
             "saves, Esc leaves",
             (long long)in->p.id,
             name_at(promotion_state_names, PROMO_STATE_COUNT, (int)promotion_state_on(&in->p, today)), uses,
             granted, budget[0] ? " of " : "", budget,
             in->p.codes > 0 ? "; single-use codes: B on the list" : "");
}

static struct screen *promo_edit_new(struct console *c, const struct promotion_edit *in)
{
    struct promotion_edit *copy = xcalloc(1, sizeof *copy);
    *copy = *in;
    struct edit_screen *es = edit_screen_new(c, in->p.id ? in->p.name : "New promotion", promo_save, copy);
    struct form *f = &es->form;
    promo_intro(es, in);
    form_add(f, "name", "Name", FIELD_TEXT, 64);
    form_add(f, "kind", "Kind", FIELD_CHOICE, 0)->choices = kind_choices;
    form_add(f, "value", "Value", FIELD_TEXT, 16);
    form_add(f, "on", "On", FIELD_TEXT, 400);
    form_add(f, "buy", "Buy X", FIELD_NUMBER, 5);
    form_add(f, "get", "Get Y", FIELD_NUMBER, 5);
    form_add(f, "get_percent", "Y items off", FIELD_TEXT, 8)->unit = "%";
    form_add(f, "max_free", "At most free", FIELD_NUMBER, 8);
    form_add(f, "dearest", "Dearest first", FIELD_CHOICE, 0)->choices = no_yes;
    form_add(f, "min_subtotal", "Min. subtotal", FIELD_TEXT, 16);
    form_add(f, "min_qty", "Min. items", FIELD_NUMBER, 8);
    form_add(f, "from", "From", FIELD_DATE, 10);
    form_add(f, "to", "To (inclusive)", FIELD_DATE, 10);
    form_add(f, "trigger", "Trigger", FIELD_CHOICE, 0)->choices = trigger_choices;
    form_add(f, "code", "Shared code", FIELD_TEXT, 32);
    form_add(f, "limit", "Uses at most", FIELD_NUMBER, 10);
    form_add(f, "per_customer", "Per customer", FIELD_NUMBER, 10);
    form_add(f, "budget", "Budget", FIELD_TEXT, 16);
    form_add(f, "priority", "Priority", FIELD_NUMBER, 4);
    form_add(f, "exclusive", "Exclusive", FIELD_CHOICE, 0)->choices = no_yes;
    form_add(f, "stop", "Stop lower", FIELD_CHOICE, 0)->choices = no_yes;
    form_add(f, "channel", "Channel", FIELD_CHOICE, 0)->choices = channel_choices;
    form_add(f, "tier", "Loyalty tier", FIELD_TEXT, 16);
    form_add(f, "first_order", "First order", FIELD_CHOICE, 0)->choices = no_yes;
    promo_fill(f, copy);
    if (in->p.id) {
        edit_screen_reloadable(es, promo_fill, promo_load, sizeof *copy);
        if (in->p.disabled_at[0]) {
            es->read_only = true;
            for (int i = 0; i < f->n; i++)
                f->fields[i].readonly = true;
            snprintf(es->intro + strlen(es->intro), sizeof es->intro - strlen(es->intro),
                     " — disabled: it stays as it was");
        }
    }
    f->dirty = false;
    return &es->base;
}

/* ------------------------------------------------------------ codes */

struct codes_form {
    int64_t id;
};

static int codes_save(struct edit_screen *es, struct err *e)
{
    struct codes_form *cf = es->record;
    struct app *app = es->base.con->app;
    int64_t n = 0, batch = 0, written = 0;
    char prefix[40], path[1024];
    FORM_COPY(&es->form, "prefix", prefix);
    FORM_COPY(&es->form, "file", path);
    int rc = form_get_int(&es->form, "generate", &n, e);
    if (rc == ERR_OK && (n < 0 || n > 100000))
        rc = err_set(e, ERR_INVALID, "generate", "from 0 (write the codes made so far) to 100,000");
    if (rc == ERR_OK && path[0] == '\0')
        rc = err_set(e, ERR_INVALID, "file", "which file?");
    if (rc == ERR_OK && access(path, F_OK) == 0) /* never over a file someone may need */
        rc = err_set(e, ERR_INVALID, "file", "%s exists: another name (nothing was made)", path);
    if (rc == ERR_OK)
        rc = csv_promotion_codes_file(app, cf->id, (int)n, prefix, path, &batch, &written, e);
    char full[4096];
    if (rc == ERR_OK && realpath(path, full) == NULL)
        snprintf(full, sizeof full, "%s", path);
    if (rc == ERR_OK && batch > 0)
        snprintf(es->saved, sizeof es->saved, "Batch %lld: %lld %s in %.80s", (long long)batch,
                 (long long)written, text_plural(written, "code", "codes"), full);
    else if (rc == ERR_OK)
        snprintf(es->saved, sizeof es->saved, "%lld %s in %.80s", (long long)written,
                 text_plural(written, "code", "codes"), full);
    return rc;
}

static struct screen *codes_new(struct console *c, const struct promotion *p)
{
    struct codes_form *cf = xcalloc(1, sizeof *cf);
    cf->id = p->id;
    char title[300];
    snprintf(title, sizeof title, "Codes of %s", p->name);
    struct edit_screen *es = edit_screen_new(c, title, codes_save, cf);
    snprintf(es->intro, sizeof es->intro,
             "Single-use codes of \"%.80s\" (%lld made, %lld used): a new batch of N codes, written with the "
             "promotion, batch and the order that used each as CSV for a mailing; 0 writes every code made. "
             "Ctrl-S makes and writes them",
             p->name, (long long)p->codes, (long long)p->codes_used);
    form_add(&es->form, "generate", "New codes", FIELD_NUMBER, 6);
    form_add(&es->form, "prefix", "Prefix", FIELD_TEXT, 12);
    form_add(&es->form, "file", "File", FIELD_TEXT, 1000);
    char path[200];
    snprintf(path, sizeof path, "promotion-%lld-codes.csv", (long long)p->id);
    form_set_int(&es->form, "generate", 100);
    form_set(&es->form, "file", path);
    es->form.dirty = false;
    return &es->base;
}

/* ------------------------------------------------------------- actions */

static void promos_intro(struct promotions *ps)
{
    snprintf(ps->intro, sizeof ps->intro,
             "State: %s (f) · uses and the budget spent so far · Enter edits, n adds, E disables, B codes",
             ps->state < 0 ? "all" : promotion_state_names[ps->state]);
    ps->list.intro = ps->intro;
}

static int promos_step_state(struct promotions *ps, int dir)
{
    ps->state += dir;
    if (ps->state >= PROMO_STATE_COUNT)
        ps->state = -1;
    else if (ps->state < -1)
        ps->state = PROMO_STATE_COUNT - 1;
    promos_intro(ps);
    table_reload(&ps->list.table);
    return UI_DRAW;
}

static int promos_next_state(void *p)
{
    return promos_step_state(p, 1);
}

static int promos_prev_state(void *p)
{
    return promos_step_state(p, -1);
}

static int promos_open(void *owner)
{
    struct promotions *ps = owner;
    struct console *c = ps->list.base.con;
    const struct promotion *sel = table_selected(&ps->list.table);
    if (sel == NULL)
        return UI_DONE;
    struct promotion_edit in;
    struct err e = {0};
    if (promotion_edit_load(c->app, sel->id, &in, &e) != ERR_OK) {
        console_error(c, &e);
        return UI_DRAW;
    }
    list_push_editor(&ps->list, promo_edit_new(c, &in));
    return UI_DRAW;
}

static int promos_add(void *p)
{
    struct promotions *ps = p;
    struct promotion_edit in = {0};
    in.p.kind = PROMO_PERCENT;
    in.p.activation = PROMO_CODE;
    in.p.channel = -1;
    in.p.budget = -1;
    in.p.get_percent_bp = 10000;
    list_push_editor(&ps->list, promo_edit_new(ps->list.base.con, &in));
    return UI_DRAW;
}

static int promos_do_disable(void *p)
{
    struct promotions *ps = p;
    struct console *c = ps->list.base.con;
    const struct promotion *sel = table_selected(&ps->list.table);
    if (sel == NULL)
        return UI_DONE;
    struct err e = {0};
    int64_t id = sel->id;
    char name[260];
    snprintf(name, sizeof name, "%s", sel->name);
    if (promotion_disable(c->app, id, &e) != ERR_OK)
        console_error(c, &e);
    else
        console_status(c, false, "Promotion %lld \"%s\" disabled: no cart gets it from now on.",
                       (long long)id, name);
    table_refresh(&ps->list.table);
    return UI_DRAW;
}

static int promos_disable(void *p)
{
    struct promotions *ps = p;
    const struct promotion *sel = table_selected(&ps->list.table);
    if (sel == NULL)
        return UI_DONE;
    if (sel->disabled_at[0]) {
        console_status(ps->list.base.con, true, "\"%s\" is disabled already (it stays so).", sel->name);
        return UI_DRAW;
    }
    char text[600];
    snprintf(
        text, sizeof text,
        "Disable \"%s\"? No cart gets it from now on (its codes stop working); orders keep what they got. "
        "It cannot be enabled again.",
        sel->name);
    dialog_confirm(ps->list.base.con, "Disable promotion", text, promos_do_disable, ps);
    return UI_DRAW;
}

static int promos_codes(void *p)
{
    struct promotions *ps = p;
    struct console *c = ps->list.base.con;
    const struct promotion *sel = table_selected(&ps->list.table);
    if (sel == NULL)
        return UI_DONE;
    if (sel->activation == PROMO_AUTO) {
        console_status(c, true, "\"%s\" is automatic: it takes no codes.", sel->name);
        return UI_DRAW;
    }
    console_push(c, codes_new(c, sel));
    return UI_DRAW;
}

static const struct keydef promos_keys[] = {
    {UA_NEW, promos_add, KEYDEF_BAR, "New promotion"},
    {UA_EDIT, promos_open, KEYDEF_BAR, NULL},
    {UA_ENABLE, promos_disable, KEYDEF_BAR, "Disable"},
    {UA_CODES, promos_codes, KEYDEF_BAR, NULL},
    {UA_FILTER_STATUS, promos_next_state, KEYDEF_BAR, "State"},
    {UA_FILTER_STATUS_BACK, promos_prev_state, 0, NULL},
};

struct screen *promotions_new(struct console *c)
{
    struct promotions *ps = xcalloc(1, sizeof *ps);
    ps->state = PROMO_ACTIVE;
    struct table_source src = {.cols = promo_columns,
                               .ncols = (int)(sizeof promo_columns / sizeof promo_columns[0]),
                               .row_size = sizeof(struct promotion),
                               .fetch_rows = promos_fetch,
                               .cursor = promos_cursor,
                               .id = promos_id,
                               .cell = promos_cell,
                               .ctx = ps};
    promos_intro(ps);
    list_screen_init(&ps->list, c, "Promotions", &src, promos_keys,
                     (int)(sizeof promos_keys / sizeof promos_keys[0]), promos_open);
    ps->list.table.empty_text = "No promotion in this state: f shows another, n adds one.";
    return &ps->list.base;
}
