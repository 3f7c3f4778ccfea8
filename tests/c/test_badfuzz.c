/*
 * test_badfuzz.c -- every fuzz target (fuzz/fuzz_*.c) replayed over its
 * seed corpus (fuzz/corpus/<target>/) and its regressions
 * (fuzz/regressions/<target>/: inputs that once crashed), under the
 * ordinary and the ASan/UBSan builds of make test.  A target aborts on a
 * broken invariant, so a regression that comes back fails this test.
 * Run from the repository root (tests/run.sh does), or set DSR_SRC.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define LLVMFuzzerTestOneInput fuzz_docread_one
#include "../../fuzz/fuzz_docread.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_names_one
#include "../../fuzz/fuzz_names.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_timex_one
#include "../../fuzz/fuzz_timex.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_config_one
#include "../../fuzz/fuzz_config.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerInitialize fuzz_cache_init
#define LLVMFuzzerTestOneInput fuzz_cache_one
#include "../../fuzz/fuzz_cache.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize
#define LLVMFuzzerInitialize fuzz_lookup_init
#define LLVMFuzzerTestOneInput fuzz_lookup_one
#include "../../fuzz/fuzz_lookup.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize

typedef int (*one_fn)(const uint8_t *, size_t);

/* Replay every file of fuzz/<kind>/<target>/; how many. */
static size_t replay_dir(const char *kind, const char *target, one_fn fn)
{
    const char *src = getenv("DSR_SRC");
    char dir[1024], path[2048];
    DIR *d;
    struct dirent *de;
    size_t n = 0;
    snprintf(dir, sizeof dir, "%s/fuzz/%s/%s", src ? src : ".", kind, target);
    if (!(d = opendir(dir))) return 0;
    while ((de = readdir(d))) {
        FILE *f;
        long len;
        unsigned char *buf;
        if (de->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (!(f = fopen(path, "rb"))) continue;
        fseek(f, 0, SEEK_END);
        len = ftell(f);
        fseek(f, 0, SEEK_SET);
        buf = malloc(len > 0 ? (size_t)len : 1);
        assert_non_null(buf);
        assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
        fclose(f);
        print_message("  %s/%s/%s\n", kind, target, de->d_name);
        fn(buf, (size_t)len);
        free(buf);
        n++;
    }
    closedir(d);
    return n;
}

static void replay(const char *target, one_fn fn)
{
    size_t seeds = replay_dir("corpus", target, fn);
    size_t regs = replay_dir("regressions", target, fn);
    if (seeds == 0) fail_msg("no seeds in fuzz/corpus/%s (run from the repository root or set DSR_SRC)", target);
    print_message("%s: %zu seeds, %zu regressions replayed\n", target, seeds, regs);
}

static void docread(void **state) { (void)state; replay("docread", fuzz_docread_one); }
static void names(void **state) { (void)state; replay("names", fuzz_names_one); }
static void timex(void **state) { (void)state; replay("timex", fuzz_timex_one); }
static void config(void **state) { (void)state; replay("config", fuzz_config_one); }

static void cache(void **state)
{
    (void)state;
    fuzz_cache_init(NULL, NULL);
    fuzz_cache_one(fc_seed, fc_seed_len);      /* the real records of this build */
    replay("cache", fuzz_cache_one);
    dsr_index_free(fc_ix);
    free(fc_head);
    free(fc_seed);
}

static void lookup(void **state)
{
    const char *src = getenv("DSR_SRC");
    char dir[1024];
    (void)state;
    snprintf(dir, sizeof dir, "%s/examples/briefings", src ? src : ".");
    setenv("FUZZ_LOOKUP_DIR", dir, 1);
    fuzz_lookup_init(NULL, NULL);
    replay("lookup", fuzz_lookup_one);
    dsr_index_free(fl_ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(docread),
        cmocka_unit_test(names),
        cmocka_unit_test(timex),
        cmocka_unit_test(config),
        cmocka_unit_test(cache),
        cmocka_unit_test(lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
