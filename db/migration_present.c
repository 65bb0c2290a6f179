/* Whether a migration already ran on a database made before the ledger of
 * migrations (schema_migrations) existed: such a database only kept the
 * highest migration in user_version, and migrations land out of order (0008
 * after 0015), so a number below user_version may never have run. What a
 * migration leaves behind is read from its SQL: the tables, indexes, triggers
 * and views it creates and the columns it adds. Objects it drops or renames,
 * and those of a table it drops or renames (a rebuild), existed before it or
 * are gone after it: they say nothing and are left out. The migration ran
 * when one of the rest is there; one that leaves nothing to look for is
 * taken as run. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/db_private.h"

#define MP_NAME 64
#define MP_MAX 256

struct mp_tokens {
    char (*t)[MP_NAME];
    int n, cap;
};

static void mp_push(struct mp_tokens *k, const char *s, size_t len)
{
    if (k->n == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 256;
        k->t = xrealloc(k->t, sizeof *k->t * (size_t)k->cap);
    }
    if (len >= MP_NAME)
        len = MP_NAME - 1;
    memcpy(k->t[k->n], s, len);
    k->t[k->n][len] = '\0';
    k->n++;
}

/* Words (names unquoted), and ; ( ) . , as tokens of their own; strings,
 * comments and other punctuation are skipped. */
static void mp_lex(const char *p, struct mp_tokens *k)
{
    while (*p) {
        if (p[0] == '-' && p[1] == '-') {
            p += strcspn(p, "\n");
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
        } else if (*p == '\'') {
            for (p++; *p && !(p[0] == '\'' && p[1] != '\''); p += p[0] == '\'' ? 2 : 1)
                ;
            if (*p)
                p++;
        } else if (*p == '"' || *p == '`' || *p == '[') {
            char close = *p == '[' ? ']' : *p;
            const char *end = strchr(p + 1, close);
            size_t len = end ? (size_t)(end - p - 1) : strlen(p + 1);
            mp_push(k, p + 1, len);
            p += len + 1 + (end != NULL);
        } else if (isalnum((unsigned char)*p) || *p == '_') {
            size_t len = 0;
            while (isalnum((unsigned char)p[len]) || p[len] == '_')
                len++;
            mp_push(k, p, len);
            p += len;
        } else {
            if (strchr(";().,", *p))
                mp_push(k, p, 1);
            p++;
        }
    }
}

struct mp_object {
    char kind; /* 't' table, 'i' index, 'r' trigger, 'v' view, 'c' column */
    char name[MP_NAME], table[MP_NAME];
};

struct mp_scan {
    struct mp_object made[MP_MAX];
    int nmade;
    char gone[MP_MAX][MP_NAME]; /* dropped or renamed, either way */
    int ngone;
};

static bool mp_is(const struct mp_tokens *k, int i, const char *word)
{
    return i < k->n && strcasecmp(k->t[i], word) == 0;
}

/* The name at token i ("main . x" is x); i moves past it. */
static const char *mp_name(const struct mp_tokens *k, int *i)
{
    if (*i >= k->n)
        return "";
    if (mp_is(k, *i + 1, ".") && *i + 2 < k->n)
        *i += 2;
    return k->t[(*i)++];
}

static void mp_gone(struct mp_scan *s, const char *name)
{
    if (s->ngone < MP_MAX)
        snprintf(s->gone[s->ngone++], MP_NAME, "%s", name);
}

static void mp_made(struct mp_scan *s, char kind, const char *name, const char *table)
{
    if (s->nmade < MP_MAX)
        s->made[s->nmade++] = (struct mp_object){.kind = kind};
    else
        return;
    snprintf(s->made[s->nmade - 1].name, MP_NAME, "%s", name);
    snprintf(s->made[s->nmade - 1].table, MP_NAME, "%s", table);
}

static void mp_create(const struct mp_tokens *k, int i, struct mp_scan *s)
{
    while (mp_is(k, i, "UNIQUE") || mp_is(k, i, "VIRTUAL") || mp_is(k, i, "TEMP") || mp_is(k, i, "TEMPORARY"))
        i++;
    char kind = mp_is(k, i, "TABLE")     ? 't'
                : mp_is(k, i, "INDEX")   ? 'i'
                : mp_is(k, i, "TRIGGER") ? 'r'
                : mp_is(k, i, "VIEW")    ? 'v'
                                         : 0;
    if (kind == 0)
        return;
    i++;
    if (mp_is(k, i, "IF")) /* IF NOT EXISTS: may have been there before */
        return;
    const char *name = mp_name(k, &i);
    const char *table = "";
    if (kind == 'i' || kind == 'r') {
        while (i < k->n && !mp_is(k, i, "ON") && !mp_is(k, i, ";") && !mp_is(k, i, "BEGIN"))
            i++;
        if (mp_is(k, i, "ON")) {
            i++;
            table = mp_name(k, &i);
        }
    }
    mp_made(s, kind, name, table);
}

static void mp_alter(const struct mp_tokens *k, int i, struct mp_scan *s)
{
    if (!mp_is(k, i, "TABLE"))
        return;
    i++;
    const char *table = mp_name(k, &i);
    if (mp_is(k, i, "RENAME") && mp_is(k, i + 1, "TO")) {
        i += 2;
        mp_gone(s, table);
        mp_gone(s, mp_name(k, &i));
    } else if (mp_is(k, i, "ADD")) {
        i += 1 + mp_is(k, i + 1, "COLUMN");
        mp_made(s, 'c', mp_name(k, &i), table);
    }
}

static void mp_scan_sql(const char *sql, struct mp_scan *s)
{
    struct mp_tokens k = {0};
    mp_lex(sql, &k);
    for (int i = 0; i < k.n; i++) {
        if (i > 0 && !mp_is(&k, i - 1, ";"))
            continue;
        if (mp_is(&k, i, "CREATE")) {
            mp_create(&k, i + 1, s);
        } else if (mp_is(&k, i, "ALTER")) {
            mp_alter(&k, i + 1, s);
        } else if (mp_is(&k, i, "DROP")) {
            int j = i + 2;
            if (mp_is(&k, j, "IF"))
                j += 2;
            mp_gone(s, mp_name(&k, &j));
        }
    }
    free(k.t);
}

static bool mp_is_gone(const struct mp_scan *s, const char *name)
{
    for (int i = 0; i < s->ngone; i++)
        if (name[0] && strcasecmp(s->gone[i], name) == 0)
            return true;
    return false;
}

static bool mp_exists(struct db *db, const struct mp_object *o)
{
    static const char object_sql[] =
        "SELECT 1 FROM sqlite_schema WHERE type = ?1 AND name = ?2 COLLATE NOCASE";
    static const char column_sql[] = "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2 COLLATE NOCASE";
    static const char *const kinds[] = {"t", "table", "i", "index", "r", "trigger", "v", "view"};
    sqlite3_stmt *s = db_stmt(db, o->kind == 'c' ? column_sql : object_sql, NULL);
    if (s == NULL)
        return false;
    if (o->kind == 'c') {
        db_bind_text(s, 1, o->table);
    } else {
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i += 2)
            if (kinds[i][0] == o->kind)
                db_bind_text(s, 1, kinds[i + 1]);
    }
    db_bind_text(s, 2, o->name);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_reset(s);
    return found;
}

bool db_migration_present(struct db *db, const char *sql)
{
    struct mp_scan *s = xcalloc(1, sizeof *s);
    mp_scan_sql(sql, s);
    int looked = 0;
    bool present = false;
    for (int i = 0; i < s->nmade && !present; i++) {
        const struct mp_object *o = &s->made[i];
        if ((o->kind != 'c' && mp_is_gone(s, o->name)) || mp_is_gone(s, o->table))
            continue;
        looked++;
        present = mp_exists(db, o);
    }
    free(s);
    return present || looked == 0;
}
