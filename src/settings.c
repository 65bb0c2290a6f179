/* Settings: read with a fallback, changed by those allowed to, audited. */
#include <stdio.h>
#include <stdlib.h>

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
