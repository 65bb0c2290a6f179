/* Checks of typed text shared by the validations: UTF-8, lengths, control
 * characters, e-mail and phone shapes. Pure: no database. */
#ifndef COMPTOIR_VALIDATE_H
#define COMPTOIR_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/err.h"

enum text_flags {
    TEXT_REQUIRED = 1,  /* must not be empty */
    TEXT_MULTILINE = 2, /* newlines allowed (addresses, notes, comments, messages) */
    TEXT_KEY = 4        /* a natural key: no space at either end */
};
/* The one check of text that enters, from a CSV file, the command line or
 * the console: valid UTF-8, no control character (C0, DEL, C1; no tab, no
 * carriage return) except a newline in a TEXT_MULTILINE field, at most max
 * bytes — longer is refused, never cut; ERR_INVALID naming field and saying
 * why. Reads at most max + 1 bytes. */
int text_check(const char *field, const char *value, size_t max, unsigned flags, struct err *e);
/* An e-mail address: one @, a dot after it, no spaces. Empty passes unless required. */
int text_check_email(const char *field, const char *value, bool required, struct err *e);
/* A phone number: digits, spaces and + - . ( ) only, at least one digit. Empty passes. */
int text_check_phone(const char *field, const char *value, struct err *e);

#endif
