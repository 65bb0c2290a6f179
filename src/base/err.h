/* Errors as values: what kind of failure (the CLI maps kinds to sysexits.h
 * codes) and a message for a person, with the field at fault when there is
 * one. Every layer returns these; nobody exits on an ordinary error. */
#ifndef COMPTOIR_BASE_ERR_H
#define COMPTOIR_BASE_ERR_H

enum err_code {
    ERR_OK = 0,
    ERR_USAGE,     /* bad command line */
    ERR_INVALID,   /* bad input: a field, a row, a value */
    ERR_NOTFOUND,  /* no such object */
    ERR_EXISTS,    /* a natural key already taken */
    ERR_DENIED,    /* the user's role or ownership forbids it */
    ERR_STATE,     /* an illegal move in a life cycle */
    ERR_CONFLICT,  /* someone else saved first (version mismatch) */
    ERR_BUSY,      /* the database stayed locked past the busy timeout */
    ERR_IO,        /* a file could not be read or written */
    ERR_SCHEMA,    /* the database was made by a newer comptoir */
    ERR_CANCELLED, /* a read abandoned for newer input (the console's typing; see app_set_abandon) */
    ERR_INTERNAL   /* a bug or a corrupt database */
};

/* An error as a value: the kind, and a message for a person. */
struct err {
    enum err_code code;
    char field[64]; /* the field at fault, when there is one ("email") */
    char msg[512];
};

/* Sets *e (when e is not NULL) and returns code, so callers can write
 * `return err_set(e, ERR_INVALID, "name", "must not be empty");`. */
int err_set(struct err *e, enum err_code code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void err_clear(struct err *e);

#endif
