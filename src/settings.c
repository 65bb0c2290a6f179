/* Settings: read with a fallback, changed by those allowed to, audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
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

int settings_set(struct app *app, const char *key, const char *value, struct err *e)
{
    char before[256];
    int rc = app_require(app, ACT_SETTINGS, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    settings_get(app, key, "", before, sizeof before);
    struct json b, a;
    json_begin(&b);
    json_str(&b, key, before);
    json_begin(&a);
    json_str(&a, key, value);
    rc = settings_store_set(app->db, key, value, e);
    if (rc == ERR_OK)
        rc = audit_record(app, "update", "setting", key, json_end(&b), json_end(&a), e);
    json_free(&b);
    json_free(&a);
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
    return settings_set(app, key, value, e);
}
