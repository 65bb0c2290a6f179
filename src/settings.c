/* Settings: read with a fallback, changed by those allowed to, audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "db/report_store.h"
#include "db/settings_store.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/settings.h"

void settings_get(struct app *app, const char *key, const char *fallback, char *out, size_t len)
{
    if (settings_store_get(app->db, key, out, len, NULL) != ERR_OK)
        snprintf(out, len, "%s", fallback ? fallback : "");
}

int settings_get_int(struct app *app, const char *key, int lo, int hi, int fallback)
{
    char text[32];
    settings_get(app, key, "", text, sizeof text);
    char *end = NULL;
    long v = strtol(text, &end, 10);
    return end != text && v >= lo && v <= hi ? (int)v : fallback;
}

/* The audit entry of a setting changed from before to value. */
static int setting_audit(struct app *app, const char *key, const char *before, const char *value,
                         struct err *e)
{
    struct json b, a;
    json_begin(&b);
    json_str(&b, key, before);
    json_begin(&a);
    json_str(&a, key, value);
    int rc = audit_record(app, "update", "setting", key, json_end(&b), json_end(&a), e);
    json_free(&b);
    json_free(&a);
    return rc;
}

int settings_set(struct app *app, const char *key, const char *value, struct err *e)
{
    char before[256];
    int rc = app_require(app, ACT_SETTINGS, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    settings_get(app, key, "", before, sizeof before);
    rc = settings_store_set(app->db, key, value, e);
    if (rc == ERR_OK)
        rc = setting_audit(app, key, before, value, e);
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}

/* A zone the process can take: the default, "host", or a file of the
 * system's zone database (a relative name, no "..", printable ASCII). */
static bool time_zone_known(const char *zone)
{
    if (zone[0] == '\0' || strcmp(zone, "host") == 0 || strcmp(zone, APP_DEFAULT_TIME_ZONE) == 0)
        return true;
    if (zone[0] == '/' || strstr(zone, "..") || strlen(zone) > 100)
        return false;
    for (const char *c = zone; *c; c++)
        if (*c <= ' ' || *c > '~')
            return false;
    char file[160];
    snprintf(file, sizeof file, "/usr/share/zoneinfo/%s", zone);
    return access(file, R_OK) == 0;
}

/* The store's days are local days: the summary tables of the reports, kept
 * by day and month in the zone that was the store's, are summed again in
 * the new one, in the transaction that changes it (the process takes the
 * new zone first; it takes the old one back when anything fails). */
static int settings_change_time_zone(struct app *app, const char *before, const char *value, struct err *e)
{
    const char *tz = getenv("TZ");
    char old_tz[160];
    snprintf(old_tz, sizeof old_tz, "%s", tz ? tz : "");
    int rc = db_begin(app->db, e);
    if (rc != ERR_OK)
        return rc;
    rc = settings_store_set(app->db, "store.time_zone", value, e);
    if (rc == ERR_OK) {
        app_apply_time_zone(app);
        rc = report_store_rebuild(app->db, e);
    }
    if (rc == ERR_OK)
        rc = setting_audit(app, "store.time_zone", before, value, e);
    if (rc == ERR_OK)
        rc = db_commit(app->db, e);
    else
        db_rollback(app->db);
    if (rc != ERR_OK) {
        if (tz)
            setenv("TZ", old_tz, 1);
        else
            unsetenv("TZ");
        tzset();
    }
    return rc;
}

int settings_change(struct app *app, const char *key, const char *value, struct err *e)
{
    char before[256];
    int rc = app_require(app, ACT_SETTINGS, e);
    if (rc != ERR_OK)
        return rc;
    if (settings_store_get(app->db, key, before, sizeof before, NULL) != ERR_OK)
        return err_set(e, ERR_NOTFOUND, key, "no setting '%s'", key);
    if (strcmp(key, "store.time_zone") == 0 && !time_zone_known(value))
        return err_set(e, ERR_INVALID, key,
                       "'%s' is not a time zone this system knows (e.g. Europe/Paris, America/Montreal, "
                       "or host for the host's)",
                       value);
    if (strcmp(key, "store.time_zone") != 0)
        return settings_set(app, key, value, e);
    return settings_change_time_zone(app, before, value, e);
}
