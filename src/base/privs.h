/* The shared host (`make install`): the program is set-group-ID to the group
 * comptoir, which alone reaches the shared database's folder. The group is
 * kept only to open that database: privs_init drops it at once (it stays the
 * saved set-group-ID), privs_raise takes it back for the open and privs_drop
 * lets it go again, so every other file (CSV read, exports, backups, PDFs,
 * the trace, a --db given by the person) is read and written as the person
 * alone. Identity is the real uid. */
#ifndef COMPTOIR_BASE_PRIVS_H
#define COMPTOIR_BASE_PRIVS_H

#include <stdbool.h>
#include <stddef.h>

/* First thing in main: remembers and drops the group of a set-group-ID
 * program, and makes the files written for the person 0600 (umask 077), or
 * what COMPTOIR_FILE_MODE asks (an octal mode such as 0640). */
void privs_init(void);
/* True when the program runs set-group-ID (installed for a shared host). */
bool privs_shared(void);
/* Takes the group back (only for opening the shared database) / drops it. */
void privs_raise(void);
void privs_drop(void);
/* The shared database of an installed program: PREFIX/var/lib/comptoir/
 * comptoir.db, PREFIX being the folder above the one of the binary (so an
 * install into any prefix finds its own). False when not set-group-ID. */
bool privs_shared_db_path(char *out, size_t len);

#endif
