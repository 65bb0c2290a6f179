/* Bars for the terminal, shared by the console and the command line: the
 * scale a set of figures is drawn to (one large figure does not flatten the
 * rest: past three times the 75th percentile a bar is clipped and marked), and a
 * bar of eighth blocks (U+2588…U+258F) or of '#' where Unicode is not shown. */
#ifndef COMPTOIR_BASE_CHART_H
#define COMPTOIR_BASE_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The figure a full bar stands for: the largest of values, or three times
 * their 75th percentile when the largest is further out (four figures or more). */
int64_t chart_scale(const int64_t *values, int n);
/* A bar of value against scale, at most width cells, into out: eighth
 * blocks when unicode, else '#'; a clipped bar ends with '▶' (or '>').
 * Negative and zero values draw nothing. Returns the cells drawn. */
int chart_bar(int64_t value, int64_t scale, int width, bool unicode, char *out, size_t len);
/* Whether the user's locale (LC_ALL, LC_CTYPE, LANG: the first set) speaks
 * UTF-8, or none is set: then blocks; a locale set to anything else: '#'. */
bool chart_unicode_locale(void);

#endif
