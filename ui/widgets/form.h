/* The form: labelled fields of a few kinds (text, number, money, date, choice,
 * lookup), each with its own line editor, a validation message next to the
 * field that the core named in struct err, and the rule that nothing typed is
 * lost when a save fails — the screen owns the save, the form keeps the text. */
#ifndef COMPTOIR_UI_FORM_H
#define COMPTOIR_UI_FORM_H

#include <stdbool.h>
#include <stdint.h>

#include "src/base/err.h"
#include "src/base/rows.h"
#include "ui/keys.h"
#include "ui/widgets/lineedit.h"

struct console;

enum field_kind { FIELD_TEXT, FIELD_NUMBER, FIELD_MONEY, FIELD_DATE, FIELD_CHOICE, FIELD_LOOKUP };

/* One match of a lookup field: what to show and the id it stands for. */
struct lookup_item {
    int64_t id;
    char label[160];
    char value[120]; /* the text the field takes when picked */
};

/* Fills out with at most max matches of text (struct lookup_item rows) and
 * says in out->more how many more match (1 when they were not counted). */
typedef int (*lookup_fn)(void *ctx, const char *text, struct rows *out, int max, struct err *e);

/* The matches a lookup offers at once; the pick dialog says how many more. */
#define LOOKUP_MAX 20

#define FORM_MAX_FIELDS 24

struct form_field {
    const char *name;  /* the core's field name: "email", "list_price" */
    const char *label; /* "E-mail" */
    enum field_kind kind;
    bool readonly;
    const char *const *choices; /* FIELD_CHOICE: NULL-terminated */
    int choice;
    lookup_fn lookup; /* FIELD_LOOKUP */
    void *lookup_ctx;
    int64_t lookup_id; /* what the lookup picked, 0 = nothing */
    const char *unit;  /* shown after the value, outside the text: "%", "€", "days" */
    bool prefilled;    /* the value was given, not typed: the first character typed replaces it */
    bool touched;      /* the user changed it: a reload under the form keeps it */
    struct lineedit edit;
    char error[520];
};

struct form {
    struct form_field fields[FORM_MAX_FIELDS];
    int n;
    int current;
    int scroll;
    int y, x, h, w;
    bool dirty;
    struct console *con;
    /* the owner's actions: Ctrl-S / F2 saves, Esc leaves */
    int (*on_save)(void *owner);
    int (*on_cancel)(void *owner);
    void *owner;
};

void form_init(struct form *f, struct console *con, void *owner);
struct form_field *form_add(struct form *f, const char *name, const char *label, enum field_kind kind,
                            int max_chars);
struct form_field *form_field(struct form *f, const char *name);
void form_set(struct form *f, const char *name, const char *text);
void form_set_money(struct form *f, const char *name, int64_t minor);
void form_set_int(struct form *f, const char *name, int64_t value);
/* The field's text (a choice's chosen word) into out. */
void form_get(const struct form *f, const char *name, char *out, size_t len);
void form_set_choice(struct form *f, const char *name, const char *value);
/* Clears every message, then puts e's message next to the field it names and
 * moves there; false when e names no field of the form. */
bool form_show_error(struct form *f, const struct err *e);
void form_clear_errors(struct form *f);
/* Parses a number / money field; on failure the field gets the message. */
int form_get_int(struct form *f, const char *name, int64_t *out, struct err *e);
int form_get_money(struct form *f, const char *name, int64_t *out, struct err *e);

void form_layout(struct form *f, int y, int x, int h, int w);
void form_draw(struct form *f);
int form_keytables(struct form *f, struct keytable *out, int max);
/* Enter: in a lookup field, finds what was typed (one match is taken and the
 * next field follows; several open a pick); elsewhere, the next field. */
int form_enter(struct form *f);
/* True when the current field is a lookup whose text names nothing picked yet. */
bool form_lookup_pending(const struct form *f);
int form_input(struct form *f, int key);
/* Sets the fields again from a record read anew (fill sets every field, as
 * when the form opened), except those the user changed: what they typed
 * stays, the rest shows the record as it is now — what a save will write. */
void form_refill(struct form *f, void (*fill)(struct form *f, const void *record), const void *record);

#endif
