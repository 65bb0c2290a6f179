/* Set-group-ID for the shared database only (see privs.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/base/privs.h"

static gid_t privs_group;
static bool privs_setgid;

void privs_init(void)
{
    gid_t real = getgid(), effective = getegid();
    privs_setgid = real != effective;
    privs_group = effective;
    if (privs_setgid && setegid(real) != 0)
        _exit(70); /* never go on with the group kept */
    const char *mode = getenv("COMPTOIR_FILE_MODE");
    char *end = NULL;
    long m = mode && mode[0] ? strtol(mode, &end, 8) : -1;
    umask(m >= 0 && m <= 0777 && end && *end == '\0' ? (mode_t)(~m & 0777) : 077);
}

bool privs_shared(void)
{
    return privs_setgid;
}

void privs_raise(void)
{
    if (privs_setgid && setegid(privs_group) != 0)
        return; /* the open then fails on the folder's rights */
}

void privs_drop(void)
{
    if (privs_setgid && setegid(getgid()) != 0)
        _exit(70);
}

bool privs_shared_db_path(char *out, size_t len)
{
    char exe[PATH_MAX];
    if (!privs_setgid)
        return false;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return false;
    *slash = '\0'; /* PREFIX/bin */
    slash = strrchr(exe, '/');
    if (slash == NULL)
        return false;
    *slash = '\0'; /* PREFIX */
    return snprintf(out, len, "%s/var/lib/comptoir/comptoir.db", exe) < (int)len;
}
