/* PLACEHOLDER until the console lands. */
#include "ui.h"
int ui_run(struct app *app)
{
    (void)app;
    return 69;
}
