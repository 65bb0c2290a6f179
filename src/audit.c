/* The audit log from the core's side: who did what to which object, with JSON
 * images of the object before and after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit_store.h"
#include "db/model/audit.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/strbuf.h"
#include "src/users.h"

int audit_record(struct app *app, const char *action, const char *object_type, const char *object_key,
                 const char *before_json, const char *after_json, struct err *e)
{
    struct audit_entry a = {0};
    datetime_now_utc(a.at);
    a.user_id = app->user.id;
    a.real_user_id = app_real_id(app);
    app_actor_name(app, a.user_login, sizeof a.user_login); /* "root as david" */
    snprintf(a.action, sizeof a.action, "%s", action);
    snprintf(a.object_type, sizeof a.object_type, "%s", object_type);
    snprintf(a.object_key, sizeof a.object_key, "%s", object_key);
    a.before_json = before_json;
    a.after_json = after_json;
    return audit_store_append(app->db, &a, e);
}

int audit_head(struct app *app, char hash[65], struct err *e)
{
    int64_t id = 0;
    int rc = app_require(app, ACT_AUDIT, e);
    return rc == ERR_OK ? audit_store_head(app->db, &id, hash, e) : rc;
}

int audit_check_chain(struct app *app, const char *head, struct strbuf *report, int *problems, struct err *e)
{
    struct audit_verdict v;
    int rc = audit_store_verify(app->db, head, &v, e);
    if (rc != ERR_OK)
        return rc;
    if (v.bad_id != 0) {
        char when[32];
        datetime_local(v.bad_at, DATETIME_MINUTE, when, sizeof when);
        (*problems)++;
        if (v.bad_content)
            strbuf_addf(report,
                        "audit entry %lld (%s, %s) does not match its hash: it was changed after it "
                        "was written\n",
                        (long long)v.bad_id, when, v.bad_what);
        else
            strbuf_addf(report,
                        "audit entry %lld (%s, %s) does not follow the entry before it: entries were "
                        "removed, added or moved there\n",
                        (long long)v.bad_id, when, v.bad_what);
    }
    if (head && v.head_id == 0) {
        (*problems)++;
        strbuf_addf(report,
                    "the audit log does not hold the head %s unbroken: entries up to it were changed "
                    "or removed\n",
                    head);
    } else if (head) {
        strbuf_addf(report, "audit: the head you kept is entry %lld; nothing up to it was changed\n",
                    (long long)v.head_id);
    }
    return ERR_OK;
}

/* ---------------------------------------------------------------- json */

static void json_put(struct json *j, const char *s, size_t n)
{
    if (j->len + n + 1 > j->cap) {
        while (j->len + n + 1 > j->cap)
            j->cap = j->cap ? j->cap * 2 : 256;
        j->buf = xrealloc(j->buf, j->cap);
    }
    memcpy(j->buf + j->len, s, n);
    j->len += n;
    j->buf[j->len] = '\0';
}

static void json_quoted(struct json *j, const char *s)
{
    json_put(j, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        char esc[8];
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            json_put(j, esc, 2);
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            json_put(j, esc, 6);
        } else {
            json_put(j, (const char *)p, 1);
        }
    }
    json_put(j, "\"", 1);
}

static void json_key(struct json *j, const char *key)
{
    if (!j->first)
        json_put(j, ",", 1);
    j->first = false;
    json_quoted(j, key);
    json_put(j, ":", 1);
}

void json_begin(struct json *j)
{
    memset(j, 0, sizeof *j);
    j->first = true;
    json_put(j, "{", 1);
}

void json_str(struct json *j, const char *key, const char *value)
{
    json_key(j, key);
    json_quoted(j, value);
}

void json_int(struct json *j, const char *key, int64_t value)
{
    char num[32];
    json_key(j, key);
    snprintf(num, sizeof num, "%lld", (long long)value);
    json_put(j, num, strlen(num));
}

void json_bool(struct json *j, const char *key, bool value)
{
    json_key(j, key);
    json_put(j, value ? "true" : "false", value ? 4 : 5);
}

const char *json_end(struct json *j)
{
    json_put(j, "}", 1);
    return j->buf;
}

void json_free(struct json *j)
{
    free(j->buf);
    memset(j, 0, sizeof *j);
}

int audit_conflict(struct app *app, const char *object_type, const char *object_key, const char *changed_at,
                   const char *what, struct err *e)
{
    struct rows last = {0};
    struct page_req q = {.limit = 1};
    char when[DATETIME_LEN] = "";
    const char *who = "someone else";
    const struct audit_entry *a = NULL;
    if (audit_store_for_object(app->db, object_type, object_key, &q, &last, NULL) == ERR_OK && last.n > 0)
        a = last.items;
    if (a && changed_at && changed_at[0] && strcmp(a->at, changed_at) < 0)
        a = NULL; /* the last change left no entry of its own (an import): say when, not who */
    if (a)
        who = a->user_login[0] ? a->user_login : who;
    if (a || (changed_at && changed_at[0]))
        datetime_local(a ? a->at : changed_at, DATETIME_CLOCK_TODAY, when, sizeof when);
    err_set(e, ERR_CONFLICT, "version", "%s was changed by %s%s%s — reload", what, who, when[0] ? " at " : "",
            when);
    audit_entries_free(&last);
    return ERR_CONFLICT;
}
