/* Text as people see it: UTF-8 validity, and the display width of UTF-8
 * (accents, CJK, combining marks) through wcwidth — the one width the CLI
 * and the console both use — with fitting into a column by an ellipsis that
 * never splits a wide character, and control characters made visible.
 * No curses: the console draws what these functions fit. */
#ifndef COMPTOIR_BASE_TEXT_H
#define COMPTOIR_BASE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/strbuf.h"

enum text_align { TEXT_LEFT, TEXT_RIGHT, TEXT_CENTER };

/* True when s is well-formed UTF-8 (no overlong forms, surrogates or code
 * points past U+10FFFF). */
bool utf8_valid(const char *s);
/* The same for n bytes; a NUL byte among them is invalid. */
bool utf8_valid_n(const char *s, size_t n);

enum { TEXT_SHOW_NEWLINES = 1 }; /* text_visible: a newline stays a line break */
/* Appends the n bytes of s to out with every control character made
 * visible, so that text anyone typed can be printed to a terminal without
 * the terminal obeying it: \n \r \t as such, other C0 bytes, DEL and bytes
 * that are not UTF-8 as \xNN, C1 controls (U+0080..U+009F) as \u0080..; with
 * TEXT_SHOW_NEWLINES a newline is kept. The one escape of the CLI, the
 * console (text_fit, text_width) and error messages. */
void text_visible(struct strbuf *out, const char *s, size_t n, unsigned flags);

/* Copies s into out (size bytes): whole when it fits, else cut on a
 * character boundary and ended with "…", so a shortened summary says so and
 * stays valid UTF-8. For summaries of text kept whole elsewhere; text that
 * is stored is checked (text_check) and refused when too long, never cut. */
void text_shorten(const char *s, char *out, size_t size);

/* Display columns of a UTF-8 string in the current locale (LC_CTYPE), as
 * text_fit shows it: a control character or a byte that does not decode
 * takes the columns of its visible form (\x1B: 4); a character the locale
 * cannot show counts one ('?'). */
int text_width(const char *s);
/* Writes s into out as exactly width display columns: padded with spaces, or
 * cut with an ellipsis ("…", or "~" when the locale has no UTF-8). out gets a
 * NUL-terminated multibyte string; len must hold width*4+4 bytes to be safe. */
void text_fit(const char *s, int width, enum text_align align, char *out, size_t len);
/* One line of s wrapped at width display columns: returns how many bytes of s
 * it shows (blanks at its end left out), broken after a space when the text
 * goes on (a word wider than the line is cut), and at a '\n'. *next gets where
 * the next line starts; it equals strlen(s) after the last line. */
size_t text_wrap(const char *s, int width, size_t *next);
/* The word for a count: one when n is 1 (or -1), many otherwise —
 * "1 row", "2 rows", "0 rows". */
const char *text_plural(long long n, const char *one, const char *many);
/* The ellipsis of the current locale. */
const char *text_ellipsis(void);
/* True when the locale encodes UTF-8 (wide characters can be shown). */
bool text_locale_utf8(void);
/* For a program that prints UTF-8 whatever the terminal (the CLI): the
 * character type of the environment, or C.UTF-8 when that is not UTF-8, so
 * widths are measured as the text is written. Only LC_CTYPE changes. */
void text_use_utf8_ctype(void);

#endif
