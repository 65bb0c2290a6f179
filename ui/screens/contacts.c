/* The contact form: a person at an account (buyer, approver, billing). */
#include <stdio.h>
#include <stdlib.h>

#include "src/accounts.h"
#include "src/app.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/form.h"

static int contact_save(struct edit_screen *ed, struct err *e)
{
    struct contact ct = *(struct contact *)ed->record;
    struct form *f = &ed->form;
    FORM_COPY(f, "name", ct.name);
    FORM_COPY(f, "role", ct.role);
    FORM_COPY(f, "title", ct.title);
    FORM_COPY(f, "email", ct.email);
    FORM_COPY(f, "phone", ct.phone);
    struct app *app = ed->base.con->app;
    int rc = ct.id ? contact_update(app, &ct, e) : contact_add(app, &ct, e);
    if (rc == ERR_OK)
        *(struct contact *)ed->record = ct;
    return rc;
}

static void contact_form_values(struct form *f, const void *record)
{
    const struct contact *ct = record;
    form_set(f, "name", ct->name);
    form_set_choice(f, "role", ct->role);
    form_set(f, "title", ct->title);
    form_set(f, "email", ct->email);
    form_set(f, "phone", ct->phone);
}

static int contact_load(struct app *app, const void *record, void *fresh, struct err *e)
{
    return contact_get(app, ((const struct contact *)record)->id, fresh, e);
}

struct screen *contact_edit_new(struct console *c, const struct contact *ct)
{
    struct contact *rec = xmalloc(sizeof *rec);
    *rec = *ct;
    struct edit_screen *ed = edit_screen_new(c, ct->id ? ct->name : "New contact", contact_save, rec);
    snprintf(ed->intro, sizeof ed->intro, "%s — Ctrl-S saves, Esc leaves",
             ct->id ? "Contact" : "New contact");
    struct form *f = &ed->form;
    form_add(f, "name", "Name", FIELD_TEXT, 200);
    form_add(f, "role", "Role", FIELD_CHOICE, 0)->choices = contact_roles;
    form_add(f, "title", "Title", FIELD_TEXT, 100);
    form_add(f, "email", "E-mail", FIELD_TEXT, 200);
    form_add(f, "phone", "Phone", FIELD_TEXT, 40);
    contact_form_values(f, rec);
    if (ct->id)
        edit_screen_reloadable(ed, contact_form_values, contact_load, sizeof *rec);
    return &ed->base;
}
