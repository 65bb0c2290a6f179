/* Dialogs over the current screen: confirm (yes / no), message, and pick one
 * from a list. Each is an overlay screen; its answer comes back through a
 * callback once the dialog has closed itself, so the callback may open screens. */
#ifndef COMPTOIR_UI_DIALOG_H
#define COMPTOIR_UI_DIALOG_H

#include <stdint.h>

#include "ui/widgets/form.h"

struct console;

void dialog_confirm(struct console *c, const char *title, const char *text, int (*on_yes)(void *owner),
                    void *owner);
/* text (copied) may hold any number of lines separated by '\n'; one longer
 * than the screen scrolls (j k, PgUp PgDn, g G) and the frame says which
 * lines are in view. */
void dialog_message(struct console *c, const char *title, const char *text);
/* items are copied; on_pick gets the chosen one. more: how many also match
 * but are not offered (1 when not counted), said under the list. */
void dialog_pick(struct console *c, const char *title, const struct lookup_item *items, int n, int64_t more,
                 int (*on_pick)(void *owner, const struct lookup_item *item), void *owner);

/* A progress bar across width columns: done of total, and a label after it. */
void progress_draw(int y, int x, int width, int64_t done, int64_t total, const char *label);

#endif
