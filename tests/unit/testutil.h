/* Shared helpers of the unit tests: cmocka, a fresh database, an app as a role. */
#ifndef COMPTOIR_TESTUTIL_H
#define COMPTOIR_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#endif
