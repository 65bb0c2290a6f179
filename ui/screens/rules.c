/* Approval rules (managers and admins): the rules as data — condition,
 * threshold, approver role, approvals needed, level — listed by level;
 * Enter edits one, n adds one, d disables or enables the one under the
 * cursor. The core checks the rights and the values; the form shows where. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/b2b/approval.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/text.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/form.h"
#include "ui/widgets/table.h"

static const char *const active_choices[] = {"yes", "no", NULL};

struct rules {
    struct list_screen list; /* first: the list screen's ops see only this */
};

static const struct table_column rule_columns[] = {
    {"Level", 5, TEXT_RIGHT, -1},      {"Name", 0, TEXT_LEFT, -1},     {"Condition", 15, TEXT_LEFT, -1},
    {"Threshold", 12, TEXT_RIGHT, -1}, {"Approver", 8, TEXT_LEFT, -1}, {"Needed", 6, TEXT_RIGHT, -1},
    {"Active", 6, TEXT_LEFT, -1},
};

/* "15 %", "50 000,00 €" or "15 days", as the condition reads its threshold. */
static void threshold_text(const struct console *c, const struct approval_rule *r, char *out, size_t len)
{
    switch (approval_condition_unit(r->condition)) {
    case APPROVAL_UNIT_RATE: bp_format(r->threshold, out, len); break;
    case APPROVAL_UNIT_AMOUNT: fmt_money(c, r->threshold, out, len); break;
    case APPROVAL_UNIT_DAYS: snprintf(out, len, "%lld days", (long long)r->threshold); break;
    }
}

static int rules_fetch(void *ctx, const struct page_req *q, struct rows *out, struct err *e)
{
    struct rules *r = ctx;
    return approval_rule_list(r->list.base.con->app, q, out, e);
}

static void rules_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    approval_rule_cursor(row, c);
}

static int64_t rules_id(const void *row)
{
    return ((const struct approval_rule *)row)->id;
}

static void rules_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct approval_rule *r = row;
    struct rules *rs = ctx;
    switch (col) {
    case 0: snprintf(out, len, "%d", r->level); break;
    case 1: snprintf(out, len, "%s", r->name); break;
    case 2: snprintf(out, len, "%s", approval_condition_name(r->condition)); break;
    case 3: threshold_text(rs->list.base.con, r, out, len); break;
    case 4: snprintf(out, len, "%s", role_name(r->approver_role)); break;
    case 5: snprintf(out, len, "%d", r->approvals_needed); break;
    default: snprintf(out, len, "%s", r->active ? "yes" : "no"); break;
    }
}

/* ------------------------------------------------------------ the form */

/* The threshold as typed, read the way the chosen condition reads it. */
static int rule_read_threshold(struct form *f, struct approval_rule *r, struct err *e)
{
    char text[64];
    form_get(f, "threshold", text, sizeof text);
    switch (approval_condition_unit(r->condition)) {
    case APPROVAL_UNIT_RATE:
        return bp_parse(text, &r->threshold, e) == ERR_OK
                   ? ERR_OK
                   : err_set(e, ERR_INVALID, "threshold", "a rate such as 15 or 12.5 %%");
    case APPROVAL_UNIT_AMOUNT: return form_get_money(f, "threshold", &r->threshold, e);
    case APPROVAL_UNIT_DAYS: break;
    }
    return form_get_int(f, "threshold", &r->threshold, e);
}

static int rule_save(struct edit_screen *es, struct err *e)
{
    struct approval_rule r = *(struct approval_rule *)es->record;
    struct form *f = &es->form;
    char text[64];
    int64_t needed = 0, level = 0;
    FORM_COPY(f, "name", r.name);
    form_get(f, "condition", text, sizeof text);
    approval_condition_parse(text, &r.condition);
    form_get(f, "approver_role", text, sizeof text);
    role_parse(text, &r.approver_role);
    r.active = form_field(f, "active")->choice == 0;
    int rc = rule_read_threshold(f, &r, e);
    if (rc == ERR_OK)
        rc = form_get_int(f, "approvals_needed", &needed, e);
    if (rc == ERR_OK)
        rc = form_get_int(f, "level", &level, e);
    if (rc != ERR_OK)
        return rc;
    if (needed < 1 || needed > 10)
        return err_set(e, ERR_INVALID, "approvals_needed", "from 1 to 10 approvals");
    if (level < 1 || level > 99)
        return err_set(e, ERR_INVALID, "level", "a level from 1 to 99");
    r.approvals_needed = (int)needed;
    r.level = (int)level;
    rc = approval_rule_save(es->base.con->app, &r, e);
    if (rc == ERR_OK)
        *(struct approval_rule *)es->record = r;
    return rc;
}

static void rule_form_values(struct form *f, const void *record)
{
    const struct approval_rule *r = record;
    char text[64];
    form_set(f, "name", r->name);
    form_set_choice(f, "condition", approval_condition_name(r->condition));
    switch (approval_condition_unit(r->condition)) {
    case APPROVAL_UNIT_RATE:
        snprintf(text, sizeof text, "%lld.%02lld", (long long)(r->threshold / 100),
                 (long long)(r->threshold % 100));
        break;
    case APPROVAL_UNIT_AMOUNT: money_format_plain(r->threshold, text, sizeof text); break;
    case APPROVAL_UNIT_DAYS: snprintf(text, sizeof text, "%lld", (long long)r->threshold); break;
    }
    form_set(f, "threshold", text);
    form_set_choice(f, "approver_role", role_name(r->approver_role));
    form_set_int(f, "approvals_needed", r->approvals_needed);
    form_set_int(f, "level", r->level);
    form_set_choice(f, "active", r->active ? "yes" : "no");
}

static int rule_load(struct app *app, const void *record, void *fresh, struct err *e)
{
    return approval_rule_get(app, ((const struct approval_rule *)record)->id, fresh, e);
}

struct screen *rule_edit_new(struct console *c, const struct approval_rule *r)
{
    struct approval_rule *copy = xcalloc(1, sizeof *copy);
    *copy = *r;
    struct edit_screen *es = edit_screen_new(c, r->id ? r->name : "New rule", rule_save, copy);
    struct form *f = &es->form;
    snprintf(es->intro, sizeof es->intro, "%s — Ctrl-S saves, Esc leaves",
             r->id ? "Approval rule" : "New approval rule");
    form_add(f, "name", "Name", FIELD_TEXT, 64);
    form_add(f, "condition", "Condition", FIELD_CHOICE, 0)->choices = approval_condition_names;
    form_add(f, "threshold", "Threshold", FIELD_TEXT, 30);
    form_add(f, "approver_role", "Approver role", FIELD_CHOICE, 0)->choices = approval_approver_roles;
    form_add(f, "approvals_needed", "Approvals needed", FIELD_NUMBER, 3);
    form_add(f, "level", "Level", FIELD_NUMBER, 3);
    form_add(f, "active", "Active", FIELD_CHOICE, 0)->choices = active_choices;
    rule_form_values(f, copy);
    if (r->id)
        edit_screen_reloadable(es, rule_form_values, rule_load, sizeof *copy);
    f->dirty = false;
    return &es->base;
}

/* ------------------------------------------------------------- actions */

static int rules_open(void *owner)
{
    struct rules *rs = owner;
    const struct approval_rule *r = table_selected(&rs->list.table);
    if (r != NULL)
        console_push(rs->list.base.con, rule_edit_new(rs->list.base.con, r));
    return UI_DRAW;
}

static int rules_edit(void *p)
{
    return rules_open(p);
}

static int rules_add(void *p)
{
    struct rules *rs = p;
    struct approval_rule r = {.condition = APPROVAL_LINE_DISCOUNT,
                              .threshold = 1500,
                              .approver_role = ROLE_MANAGER,
                              .approvals_needed = 1,
                              .level = 1,
                              .active = true};
    console_push(rs->list.base.con, rule_edit_new(rs->list.base.con, &r));
    return UI_DRAW;
}

static int rules_do_toggle(void *p)
{
    struct rules *rs = p;
    struct console *c = rs->list.base.con;
    const struct approval_rule *sel = table_selected(&rs->list.table);
    if (sel == NULL)
        return UI_DONE;
    struct approval_rule r = *sel;
    struct err e = {0};
    r.active = !r.active;
    if (approval_rule_save(c->app, &r, &e) != ERR_OK)
        console_error(c, &e);
    else
        console_status(c, false, "Rule \"%s\" %s.", r.name, r.active ? "enabled" : "disabled");
    table_refresh(&rs->list.table);
    return UI_DRAW;
}

static int rules_toggle(void *p)
{
    struct rules *rs = p;
    const struct approval_rule *sel = table_selected(&rs->list.table);
    char text[200];
    if (sel == NULL)
        return UI_DONE;
    snprintf(text, sizeof text, "%s the rule \"%s\"?%s", sel->active ? "Disable" : "Enable", sel->name,
             sel->active ? " Quotes stop waiting for it." : " Quotes meeting it will wait for approval.");
    dialog_confirm(rs->list.base.con, sel->active ? "Disable rule" : "Enable rule", text, rules_do_toggle,
                   rs);
    return UI_DRAW;
}

static const struct keydef rules_keys[] = {
    {UA_NEW, rules_add, KEYDEF_BAR, "New rule"},
    {UA_EDIT, rules_edit, KEYDEF_BAR, NULL},
    {UA_ENABLE, rules_toggle, KEYDEF_BAR, NULL},
};

struct screen *rules_new(struct console *c)
{
    struct rules *rs = xcalloc(1, sizeof *rs);
    struct table_source src = {.cols = rule_columns,
                               .ncols = (int)(sizeof rule_columns / sizeof rule_columns[0]),
                               .row_size = sizeof(struct approval_rule),
                               .fetch_rows = rules_fetch,
                               .cursor = rules_cursor,
                               .id = rules_id,
                               .cell = rules_cell,
                               .ctx = rs};
    list_screen_init(&rs->list, c, "Approval rules", &src, rules_keys,
                     (int)(sizeof rules_keys / sizeof rules_keys[0]), rules_open);
    rs->list.intro = "A quote meeting a rule waits for its approvals; rules stack by level. Enter edits.";
    rs->list.table.empty_text = "No rules: every quote may be sent without approval. n adds one.";
    return &rs->list.base;
}
