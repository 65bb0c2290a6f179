/* Approval rules as data, matched against a priced quote: why it needs
 * approval (line by line) and whose approvals, counted without the owner. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/b2b/approval.h"
#include "src/b2b/pricing.h"
#include "src/b2b/quotes.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/users.h"
#include "src/validate.h"

bool approval_role_qualifies(enum role approver, enum role needed)
{
    return approver == needed || approver == ROLE_ADMIN;
}

const char *const approval_approver_roles[] = {"manager", "admin", NULL};

enum approval_unit approval_condition_unit(enum approval_condition c)
{
    switch (c) {
    case APPROVAL_TOTAL: return APPROVAL_UNIT_AMOUNT;
    case APPROVAL_PAYMENT_TERMS: return APPROVAL_UNIT_DAYS;
    default: return APPROVAL_UNIT_RATE;
    }
}

int approval_rule_validate(const struct approval_rule *r, struct err *e)
{
    if (r->name[0] == '\0')
        return err_set(e, ERR_INVALID, "name", "a rule needs a name (it is shown in the reasons)");
    if (text_check("name", r->name, sizeof r->name - 1, 0, e) != ERR_OK)
        return ERR_INVALID;
    if ((unsigned)r->condition >= APPROVAL_CONDITION_COUNT)
        return err_set(e, ERR_INVALID, "condition", "unknown condition");
    if (r->threshold < 0)
        return err_set(e, ERR_INVALID, "threshold", "the threshold cannot be negative");
    if (approval_condition_unit(r->condition) == APPROVAL_UNIT_RATE && r->threshold > 10000)
        return err_set(e, ERR_INVALID, "threshold", "a rate threshold is at most 100 %%");
    if (name_index(approval_approver_roles, ROLE_COUNT, role_name(r->approver_role), false) < 0)
        return err_set(e, ERR_INVALID, "approver_role", "approvers are managers or admins");
    if (r->approvals_needed < 1 || r->approvals_needed > 5)
        return err_set(e, ERR_INVALID, "approvals_needed", "a rule needs 1 to 5 approvals");
    if (r->level < 1 || r->level > 9)
        return err_set(e, ERR_INVALID, "level", "levels go from 1 to 9");
    return ERR_OK;
}

/* ------------------------------------------------------------- matching */

static void add_reason(struct approval_result *out, const struct approval_rule *r, int line_no,
                       const char *text)
{
    if (out->nreasons == APPROVAL_MAX_REASONS) {
        out->omitted++;
        return;
    }
    struct approval_reason *reason = &out->reasons[out->nreasons++];
    reason->rule_id = r->id;
    reason->level = r->level;
    reason->line_no = line_no;
    snprintf(reason->text, sizeof reason->text, "%s", text);
}

static void add_need(struct approval_result *out, const struct approval_rule *r)
{
    int i;
    for (i = 0; i < out->nneeds; i++)
        if (out->needs[i].role == r->approver_role)
            break;
    if (i == out->nneeds) {
        if (out->nneeds == APPROVAL_MAX_NEEDS)
            return;
        out->needs[out->nneeds++] = (struct approval_need){.role = r->approver_role};
    }
    /* Rules stack: the stricter rule for a role sets how many of them sign. */
    if (r->approvals_needed > out->needs[i].count)
        out->needs[i].count = r->approvals_needed;
    if (r->level > out->needs[i].level)
        out->needs[i].level = r->level;
    if (r->level > out->level)
        out->level = r->level;
}

/* Whether a quote-level rule matches; its reason goes into text. */
static bool quote_rule_matches(const struct approval_rule *r, const struct priced_quote *pq,
                               const struct approval_terms *t, char *text, size_t len)
{
    char got[40], limit[40];
    switch (r->condition) {
    case APPROVAL_TOTAL_DISCOUNT:
        bp_format(pq->discount_bp, got, sizeof got);
        bp_format(r->threshold, limit, sizeof limit);
        snprintf(text, len, "total discount %s > %s %s", got, r->name, limit);
        return pq->discount_bp > r->threshold;
    case APPROVAL_MARGIN:
        bp_format(pq->margin_bp, got, sizeof got);
        bp_format(r->threshold, limit, sizeof limit);
        snprintf(text, len, "margin %s < %s %s", got, r->name, limit);
        return pq->nlines > 0 && pq->margin_bp < r->threshold;
    case APPROVAL_TOTAL:
        money_format_plain(pq->subtotal, got, sizeof got);
        money_format_plain(r->threshold, limit, sizeof limit);
        snprintf(text, len, "total %s > %s %s", got, r->name, limit);
        return pq->subtotal > r->threshold;
    case APPROVAL_PAYMENT_TERMS:
        snprintf(text, len, "payment terms %d days > %s %lld days", t->payment_terms_days, r->name,
                 (long long)(t->account_terms_days + r->threshold));
        return t->payment_terms_days > t->account_terms_days + r->threshold;
    default: return false;
    }
}

/* The matched line-discount rule to show for a line: the highest level, then the highest limit. */
static const struct approval_rule *strongest_line_rule(const struct approval_rule *rules, const bool *matched,
                                                       int nrules, int64_t discount_bp)
{
    const struct approval_rule *best = NULL;
    for (int i = 0; i < nrules; i++) {
        const struct approval_rule *r = &rules[i];
        if (!matched[i] || r->condition != APPROVAL_LINE_DISCOUNT || discount_bp <= r->threshold)
            continue;
        if (best == NULL || r->level > best->level ||
            (r->level == best->level && r->threshold > best->threshold))
            best = r;
    }
    return best;
}

static void line_reasons(const struct approval_rule *rules, const bool *matched, int nrules,
                         const struct priced_quote *pq, struct approval_result *out)
{
    for (int i = 0; i < pq->nlines; i++) {
        const struct quote_line *l = &pq->lines[i].line;
        const struct approval_rule *r = strongest_line_rule(rules, matched, nrules, l->discount_bp);
        if (r == NULL)
            continue;
        char got[40], limit[40], text[160];
        bp_format(l->discount_bp, got, sizeof got);
        bp_format(r->threshold, limit, sizeof limit);
        snprintf(text, sizeof text, "line %d: %s > %s %s", l->line_no, got, r->name, limit);
        add_reason(out, r, l->line_no, text);
    }
}

void approval_match(const struct approval_rule *rules, int nrules, const struct priced_quote *pq,
                    const struct approval_terms *terms, struct approval_result *out)
{
    bool *matched = xcalloc((size_t)(nrules > 0 ? nrules : 1), sizeof *matched);
    bool any_line = false;
    memset(out, 0, sizeof *out);
    for (int i = 0; i < nrules; i++) {
        const struct approval_rule *r = &rules[i];
        if (!r->active)
            continue;
        if (r->condition == APPROVAL_LINE_DISCOUNT) {
            matched[i] = pq->max_line_discount_bp > r->threshold;
            any_line = any_line || matched[i];
        }
        if (matched[i])
            add_need(out, r);
    }
    if (any_line) /* lines first, in their order, as the quote shows them */
        line_reasons(rules, matched, nrules, pq, out);
    for (int i = 0; i < nrules; i++) {
        char text[160];
        if (!rules[i].active || rules[i].condition == APPROVAL_LINE_DISCOUNT ||
            !quote_rule_matches(&rules[i], pq, terms, text, sizeof text))
            continue;
        add_need(out, &rules[i]);
        add_reason(out, &rules[i], 0, text);
    }
    free(matched);
}

/* ------------------------------------------------------------- counting */

static bool seen_before(const struct approval *a, int i)
{
    for (int j = 0; j < i; j++)
        if (a[j].approver_id == a[i].approver_id && a[j].decision == APPROVAL_APPROVE &&
            a[j].superseded_at[0] == '\0')
            return true;
    return false;
}

bool approval_count(struct approval_result *r, const struct approval *approvals, int n, int64_t owner_id)
{
    bool all = true;
    for (int k = 0; k < r->nneeds; k++) {
        struct approval_need *need = &r->needs[k];
        need->have = 0;
        for (int i = 0; i < n; i++) {
            const struct approval *a = &approvals[i];
            if (a->decision != APPROVAL_APPROVE || a->superseded_at[0] || a->approver_id == owner_id ||
                !approval_role_qualifies(a->approver_role, need->role) || seen_before(approvals, i))
                continue;
            need->have++;
        }
        if (need->have < need->count)
            all = false;
    }
    return all;
}

void approval_reasons_text(const struct approval_result *r, const char *sep, char *out, size_t len)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < r->nreasons && used + 1 < len; i++)
        used += (size_t)snprintf(out + used, len - used, "%s%s", i ? sep : "", r->reasons[i].text);
    if (r->omitted && used + 1 < len)
        snprintf(out + used, len - used, "%s… and %d more", sep, r->omitted);
}

void approval_needs_text(const struct approval_result *r, char *out, size_t len)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < r->nneeds && used + 1 < len; i++) {
        const struct approval_need *n = &r->needs[i];
        used += (size_t)snprintf(out + used, len - used, "%s%d of %d %s approval%s", i ? "; " : "", n->have,
                                 n->count, role_name(n->role), n->count > 1 ? "s" : "");
    }
}
