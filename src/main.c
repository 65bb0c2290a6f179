/* The entry point: wires the console into the CLI and runs it. */
#include "src/cli/cli.h"
#include "ui/ui.h"

int main(int argc, char **argv)
{
    cli_console_entry = ui_run;
    return cli_main(argc, argv);
}
