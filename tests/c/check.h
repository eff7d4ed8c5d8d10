/* Minimal test harness for the C tests: each check prints a TAP-style "ok N - what" or
 * "not ok N - what" line; tests/c/run-tests.sh adds them up. */
#ifndef LIBIMAP_CHECK_H
#define LIBIMAP_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libimap.h"

static int check_count;
static int check_failures;

static inline int check_report(int ok, const char *file, int line, const char *what) {
    check_count++;
    if (ok) {
        printf("ok %d - %s\n", check_count, what);
    } else {
        check_failures++;
        printf("not ok %d - %s (%s:%d)\n", check_count, what, file, line);
    }
    fflush(stdout);
    return ok;
}

#define CHECK(cond, what) check_report((cond) != 0, __FILE__, __LINE__, (what))

/* Strings, with NULL equal only to NULL; the values are shown on failure. */
static inline int check_str(const char *got, const char *want, const char *file, int line, const char *what) {
    int ok = (got == NULL || want == NULL) ? got == want : strcmp(got, want) == 0;
    if (!ok) {
        printf("#   %s: got %s%s%s, want %s%s%s\n", what, got ? "\"" : "", got ? got : "NULL", got ? "\"" : "",
               want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
    }
    return check_report(ok, file, line, what);
}
#define CHECK_STR(got, want, what) check_str((got), (want), __FILE__, __LINE__, (what))

static inline int check_int(long long got, long long want, const char *file, int line, const char *what) {
    if (got != want) {
        printf("#   %s: got %lld, want %lld\n", what, got, want);
    }
    return check_report(got == want, file, line, what);
}
#define CHECK_INT(got, want, what) check_int((long long)(got), (long long)(want), __FILE__, __LINE__, (what))

static inline int check_result(imap_result got, imap_result want, const char *file, int line, const char *what) {
    if (got != want) {
        printf("#   %s: got %s, want %s\n", what, imap_result_name(got), imap_result_name(want));
    }
    return check_report(got == want, file, line, what);
}
#define CHECK_RESULT(got, want, what) check_result((got), (want), __FILE__, __LINE__, (what))

/* ASCII case-insensitive equality (strcasecmp is not in C11). */
static inline int ascii_equal_nocase(const char *a, const char *b) {
    if (a == NULL || b == NULL) {
        return a == b;
    }
    for (; *a && *b; a++, b++) {
        char x = (*a >= 'A' && *a <= 'Z') ? (char)(*a + 32) : *a;
        char y = (*b >= 'A' && *b <= 'Z') ? (char)(*b + 32) : *b;
        if (x != y) {
            return 0;
        }
    }
    return *a == *b;
}

/* Required environment variable; a missing one is a failed check and ends the program. */
static inline const char *require_env(const char *name) {
    const char *v = getenv(name);
    if (v == NULL || *v == '\0') {
        printf("# %s is not set: start the fixture (tests/dovecot/fixture.sh) and source its env\n", name);
        check_report(0, __FILE__, __LINE__, name);
        exit(1);
    }
    return v;
}

static inline uint16_t require_port(const char *name) {
    long p = strtol(require_env(name), NULL, 10);
    if (p <= 0 || p > 65535) {
        check_report(0, __FILE__, __LINE__, name);
        exit(1);
    }
    return (uint16_t)p;
}

/* Reads a whole file; NULL on failure. The caller frees the buffer. */
static inline unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0;
    if (f == NULL) {
        return NULL;
    }
    for (;;) {
        if (n == cap) {
            unsigned char *bigger;
            cap = cap ? cap * 2 : 4096;
            bigger = realloc(buf, cap);
            if (bigger == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = bigger;
        }
        {
            size_t got = fread(buf + n, 1, cap - n, f);
            n += got;
            if (got == 0) {
                break;
            }
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static inline int check_finish(const char *program) {
    printf("# %s: %d checks, %d failed\n", program, check_count, check_failures);
    return check_failures == 0 ? 0 : 1;
}

#endif
