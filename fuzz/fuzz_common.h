/*
 * fuzz_common.h -- shared bits of the fuzz targets (fuzz/run.sh).
 *
 * Each fuzz_*.c defines LLVMFuzzerTestOneInput; the replay test
 * (tests/c/test_badfuzz.c) includes them all under other names and runs
 * every file of fuzz/regressions/ and fuzz/corpus/ through them, so a
 * crash found once stays fixed under the ordinary and the ASan builds.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A NUL-terminated copy: every reader in the core relies on s[len] == 0. */
static inline char *fuzz_dup(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) abort();
    if (size) memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Fail loudly on a broken invariant (libFuzzer reports the abort). */
#define FUZZ_CHECK(c) do { if (!(c)) abort(); } while (0)

#endif
