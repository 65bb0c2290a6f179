/* Reading a password for the CLI: from the terminal without echo, from
 * $COMPTOIR_PASSWORD, or from one line of stdin (scripts and tests). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "src/base/err.h"
#include "src/cli/cli_private.h"

/* The terminal's settings while echo is off, so that a signal can put them
 * back; a signal handler can reach nothing else. */
static struct termios saved_termios;
static volatile sig_atomic_t echo_is_off;

static void restore_echo_and_die(int sig)
{
    if (echo_is_off)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Reads one line into out without its newline; false at end of input. */
static bool read_line(FILE *in, char *out, size_t len)
{
    if (fgets(out, (int)len, in) == NULL)
        return false;
    out[strcspn(out, "\r\n")] = '\0';
    return true;
}

static int read_without_echo(const char *prompt, char *out, size_t len, struct err *e)
{
    struct termios quiet;
    struct sigaction sa = {0}, old_int, old_term;
    if (tcgetattr(STDIN_FILENO, &saved_termios) != 0)
        return err_set(e, ERR_IO, NULL, "cannot read the terminal's settings");
    sa.sa_handler = restore_echo_and_die;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    quiet = saved_termios;
    quiet.c_lflag &= (tcflag_t)~ECHO;
    fputs(prompt, stderr);
    fflush(stderr);
    echo_is_off = 1;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    bool got = read_line(stdin, out, len);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
    echo_is_off = 0;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    fputc('\n', stderr);
    return got ? ERR_OK : err_set(e, ERR_USAGE, "password", "no password given");
}

int cli_read_password(const char *prompt, bool confirm, char *out, size_t len, struct err *e)
{
    const char *env = getenv("COMPTOIR_PASSWORD");
    if (env) {
        snprintf(out, len, "%s", env);
        return ERR_OK;
    }
    if (!isatty(STDIN_FILENO)) {
        if (!read_line(stdin, out, len))
            return err_set(e, ERR_USAGE, "password",
                           "no password given (no terminal: set COMPTOIR_PASSWORD or write it on stdin)");
        return ERR_OK;
    }
    int rc = read_without_echo(prompt, out, len, e);
    if (rc != ERR_OK || !confirm)
        return rc;
    char again[256];
    rc = read_without_echo("Again: ", again, sizeof again, e);
    if (rc == ERR_OK && strcmp(out, again) != 0)
        rc = err_set(e, ERR_INVALID, "password", "the two passwords differ");
    explicit_bzero(again, sizeof again);
    if (rc != ERR_OK)
        explicit_bzero(out, len);
    return rc;
}
