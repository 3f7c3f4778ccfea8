/*
 * test_fault.c -- faults: memory running out at every allocation, two
 * processes indexing one folder at once, a process killed while it writes
 * the cache, and the cache folder's permissions.
 *
 * Out of memory: this test replaces malloc, calloc, realloc and free (the
 * executable's definitions take precedence for the core, cJSON and libc
 * alike) with wrappers that can fail the Nth allocation and that count
 * live blocks.  For every N until an open no longer fails, dsr_index_open
 * must return an index or NULL with "out of memory", and leave nothing
 * allocated once that is freed; likewise refresh and export.  Under
 * AddressSanitizer the allocator cannot be replaced: that case then says
 * so and is skipped, and runs in the ordinary build.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "dossier.h"

#include "index_helpers.h"

/* ---- the failing allocator ------------------------------------------------ */

static long fail_at;        /* fail the allocation with this number (1-based); 0: never */
static long n_allocs;       /* allocations since arming */
static long live;           /* blocks allocated minus blocks freed since arming */
static int armed;
static long all_live;       /* blocks allocated minus freed, armed or not */
static int fresh_cache;     /* open_step: remove the cache file first */

#if !UNDER_ASAN
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static int fail_now(void)
{
    long k;
    if (!__atomic_load_n(&armed, __ATOMIC_SEQ_CST)) return 0;
    k = __atomic_add_fetch(&n_allocs, 1, __ATOMIC_SEQ_CST);
    return k == __atomic_load_n(&fail_at, __ATOMIC_SEQ_CST);
}

static void count(long d)
{
    __atomic_add_fetch(&all_live, d, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&armed, __ATOMIC_SEQ_CST)) __atomic_add_fetch(&live, d, __ATOMIC_SEQ_CST);
}

void *malloc(size_t n)
{
    void *p;
    if (fail_now()) {
        errno = ENOMEM;
        return NULL;
    }
    if ((p = __libc_malloc(n))) count(1);
    return p;
}

void *calloc(size_t a, size_t b)
{
    void *p;
    if (fail_now()) {
        errno = ENOMEM;
        return NULL;
    }
    if ((p = __libc_calloc(a, b))) count(1);
    return p;
}

void *realloc(void *q, size_t n)
{
    if (!q) return malloc(n);
    if (n == 0) {
        count(-1);
        return __libc_realloc(q, 0);
    }
    if (fail_now()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(q, n);
}

void free(void *p)
{
    if (p) count(-1);
    __libc_free(p);
}
#endif

static void arm(long at)
{
    __atomic_store_n(&n_allocs, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&live, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&fail_at, at, __ATOMIC_SEQ_CST);
    __atomic_store_n(&armed, 1, __ATOMIC_SEQ_CST);
}

static void disarm(void) { __atomic_store_n(&armed, 0, __ATOMIC_SEQ_CST); }

/* ---- folders ------------------------------------------------------------ */

static char root[256], cache[300];

static void put(const char *rel, const char *text)
{
    char path[600];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", root, rel);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    char path[400];
    (void)state;
    strcpy(root, "/tmp/dossier-fault-XXXXXX");
    if (!mkdtemp(root)) return -1;
    snprintf(cache, sizeof cache, "%s-cache", root);
    snprintf(path, sizeof path, "%s/sub", root);
    mkdir(path, 0755);
    put("a.md", "---\ntitle: Talks\ndate: 2010-03-01\naliases: [DPRK: North Korea]\n---\n\n"
                "Kim Jong Il met the U.S. envoy Stephen Bosworth in Pyongyang on Feb. 9, 2010. "
                "North Korea said the talks would resume next week.\n");
    put("b.txt", "GENEVA, March 3, 2010 -- The International Atomic Energy Agency said on Tuesday "
                 "that inspectors would return in April.\n");
    put("sub/c.md", "# Notes\n\nAirbus chief executive Tom Enders flew to Toulouse in April 2010.\n");
    {
        char bad[400];
        FILE *f;
        snprintf(bad, sizeof bad, "%s/bad.md", root);
        f = fopen(bad, "wb");
        assert_non_null(f);
        fwrite("binary\0", 1, 7, f);
        fclose(f);
    }
    put(".dossier.json", "{\"aliases\": {\"IAEA\": \"International Atomic Energy Agency\"}, \"exclude\": [\"x/**\"]}");
    return 0;
}

static int teardown(void **state)
{
    char cmd[800];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", root, cache);
    return system(cmd) == 0 ? 0 : -1;
}

static char *export_of(const dsr_options *opt)
{
    char *err = NULL, *json;
    dsr_index *ix = dsr_index_open(root, opt, &err);
    if (!ix) fail_msg("open: %s", err ? err : "?");
    json = dsr_index_export_json(ix, 0);
    assert_non_null(json);
    dsr_index_free(ix);
    return json;
}

/* ---- out of memory -------------------------------------------------------- */

/* Fail allocation 1, 2, ... of fn until a run with no failure; check each. */
typedef int (*step_fn)(const dsr_options *opt, long at);

static long sweep_by(const char *what, step_fn fn, const dsr_options *opt, long stride)
{
    long at, total = 0, failed = 0;
    for (at = 1;; at += stride) {
        int r = fn(opt, at);
        if (r < 0) fail_msg("%s: allocation %ld failed: %s", what, at,
                            r == -1 ? "crashed or lost the error" : r == -2 ? "leaked" : "wrong result");
        failed += r == 1;
        if (n_allocs < at) {            /* no allocation was failed: done */
            total = n_allocs;
            break;
        }
    }
    print_message("%s: %ld allocations, %s failed once: %ld runs reported out of memory, "
                  "the others recovered; no leaks\n", what, total, stride == 1 ? "each" : "every few", failed);
    return total;
}

static long sweep(const char *what, step_fn fn, const dsr_options *opt) { return sweep_by(what, fn, opt, 1); }

/* 0: succeeded, 1: reported out of memory; -1/-2/-3: broken. */
static int open_step(const dsr_options *opt, long at)
{
    char *err = NULL;
    dsr_index *ix;
    int r;
    if (fresh_cache) {
        char cmd[400];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache);
        if (system(cmd)) return -3;
    }
    arm(at);
    ix = dsr_index_open(root, opt, &err);
    if (ix) {
        r = err == NULL ? 0 : -3;
        dsr_index_free(ix);
    } else {
        r = err && strcmp(err, "out of memory") == 0 ? 1 : -1;
        if (r < 0) print_message("error: %s\n", err ? err : "(none)");
        free(err);
    }
    disarm();
    if (live != 0) {
        print_message("%ld blocks left after failing allocation %ld\n", live, at);
        return -2;
    }
    return r;
}

/* Open (no faults), refresh with allocation `at` failing, export, refresh
 * again and free: every block allocated since before the open is freed. */
static int refresh_export_step(const dsr_options *opt, long at)
{
    char *err = NULL, *json;
    dsr_index *ix;
    long base = all_live, n;
    int r, rr;
    put("b.txt", "Changed on June 1, 2010 by the envoy.\n");
    if (!(ix = dsr_index_open(root, opt, &err))) return -3;
    put("b.txt", "Changed again on June 2, 2010, by the International Atomic Energy Agency.\n");
    arm(at);
    rr = dsr_index_refresh(ix, &err);
    if (rr == 0) r = err == NULL ? 0 : -3;
    else r = err && strcmp(err, "out of memory") == 0 ? 1 : -1;
    free(err);
    err = NULL;
    json = dsr_index_export_json(ix, 0);            /* usable after a failed refresh */
    disarm();
    n = n_allocs;
    free(json);
    if (dsr_index_refresh(ix, &err)) r = -3;        /* and it recovers */
    free(err);
    dsr_index_free(ix);
    n_allocs = n;                       /* what the sweep counts: refresh + export */
    if (all_live != base) {
        print_message("%ld blocks left after failing allocation %ld\n", all_live - base, at);
        return -2;
    }
    return r;
}

static void out_of_memory_everywhere(void **state)
{
    dsr_options opt;
    char *err = NULL;
    (void)state;
    if (UNDER_ASAN) {
        print_message("SKIP: under AddressSanitizer malloc cannot be replaced; "
                      "this case runs in the ordinary build (build/tests/test_fault)\n");
        skip();
    }
    {
        /* Warm up: threads glibc creates (reader threads for a folder of
         * many files, the cache loader) allocate thread blocks that it keeps
         * for reuse after they end: not leaks, but they would count as such. */
        char warm[400], rel[500], cmd[900];
        int i;
        FILE *f;
        dsr_index *ix;
        snprintf(warm, sizeof warm, "%s-warm", root);
        mkdir(warm, 0755);
        for (i = 0; i < 200; i++) {
            snprintf(rel, sizeof rel, "%s/w%03d.md", warm, i);
            if ((f = fopen(rel, "w"))) {
                fputs("Warm-up text of March 3, 2010.\n", f);
                fclose(f);
            }
        }
        memset(&opt, 0, sizeof opt);
        opt.threads = 16;
        ix = dsr_index_open(warm, &opt, &err);
        assert_non_null(ix);
        dsr_index_free(ix);
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", warm);
        assert_int_equal(system(cmd), 0);
    }
    memset(&opt, 0, sizeof opt);
    assert_true(sweep("dsr_index_open", open_step, &opt) > 100);
    opt.cache_dir = cache;
    {
        /* Warm up: the first thread glibc creates allocates its thread
         * block, kept for reuse after the thread ends (not a leak). */
        char *json = export_of(&opt), cmd[400];
        free(json);
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache);
        assert_int_equal(system(cmd), 0);
    }
    fresh_cache = 1;
    sweep("dsr_index_open with a cache (writing it)", open_step, &opt);
    fresh_cache = 0;
    {
        dsr_index *ix = dsr_index_open(root, &opt, &err);    /* a cache to read */
        assert_non_null(ix);
        dsr_index_free(ix);
    }
    sweep("dsr_index_open with a cache (reading it)", open_step, &opt);
    memset(&opt, 0, sizeof opt);
    sweep("dsr_index_refresh and export", refresh_export_step, &opt);
    {
        /* 100 files: read on several threads; every 7th allocation failed */
        char rel[64], text[200], cmd[600];
        int i;
        snprintf(cmd, sizeof cmd, "mkdir '%s/many'", root);
        assert_int_equal(system(cmd), 0);
        for (i = 0; i < 100; i++) {
            snprintf(rel, sizeof rel, "many/m%03d.md", i);
            snprintf(text, sizeof text, "Note %d: Kim Jong Il met Stephen Bosworth on March %d, 2010.\n", i, 1 + i % 28);
            put(rel, text);
        }
        opt.threads = 4;
        sweep_by("dsr_index_open of 100 files on 4 threads", open_step, &opt, 7);
        snprintf(cmd, sizeof cmd, "rm -rf '%s/many'", root);
        assert_int_equal(system(cmd), 0);
    }
}

/* ---- two processes ------------------------------------------------------- */

static void two_processes_at_once(void **state)
{
    dsr_options opt;
    char *want;
    pid_t pid[2];
    int i, status;
    (void)state;
    memset(&opt, 0, sizeof opt);
    want = export_of(&opt);             /* the truth, without a cache */
    opt.cache_dir = cache;
    fflush(NULL);
    for (i = 0; i < 2; i++) {
        pid[i] = fork();
        assert_true(pid[i] >= 0);
        if (pid[i] == 0) {
            int k;
            for (k = 0; k < 25; k++) {
                char *err = NULL, *json;
                dsr_index *ix = dsr_index_open(root, &opt, &err);
                if (!ix) _exit(1);
                json = dsr_index_export_json(ix, 0);
                if (!json || strcmp(json, want) != 0) _exit(2);
                free(json);
                if (k % 5 == 4 && (dsr_index_refresh(ix, &err) || dsr_index_stats(ix).documents != 3)) _exit(3);
                dsr_index_free(ix);
            }
            _exit(0);
        }
    }
    for (i = 0; i < 2; i++) {
        assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            fail_msg("process %d: %s %d", i, WIFEXITED(status) ? "exit" : "signal",
                     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    }
    {
        char *json = export_of(&opt);   /* and the cache they left is good */
        assert_string_equal(json, want);
        free(json);
    }
    free(want);
}

/* ---- killed while writing the cache -------------------------------------- */

static int count_files(const char *dir, const char *suffix, int with)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;
    if (!d) return 0;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name), s = strlen(suffix);
        int ends = l >= s && strcmp(de->d_name + l - s, suffix) == 0;
        if (de->d_name[0] != '.' && ends == with) n++;
    }
    closedir(d);
    return n;
}

static void killed_while_writing_the_cache(void **state)
{
    dsr_options opt, nocache;
    char rel[64], text[300];
    int i, round, rounds = UNDER_ASAN ? 12 : 30, tmp_left;
    (void)state;
    /* enough documents that writing the cache takes a while */
    for (i = 0; i < 400; i++) {
        snprintf(rel, sizeof rel, "sub/n%03d.md", i);
        snprintf(text, sizeof text, "Note %d. Kim Jong Il met Stephen Bosworth in Pyongyang on March %d, 2010, "
                                    "and the International Atomic Energy Agency said so.\n", i, 1 + i % 28);
        put(rel, text);
    }
    memset(&nocache, 0, sizeof nocache);
    memset(&opt, 0, sizeof opt);
    opt.cache_dir = cache;
    srand(7);
    for (round = 0; round < rounds; round++) {
        pid_t pid;
        int status;
        char *want, *got;
        dsr_index *ix;
        char *err = NULL;
        snprintf(text, sizeof text, "Round %d: the talks resumed on May %d, 2010.\n", round, 1 + round % 28);
        put("a.md", text);              /* something to re-read and save */
        fflush(NULL);
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            ix = dsr_index_open(root, &opt, &err);
            _exit(ix ? 0 : 1);
        }
        {
            struct timespec ts;
            ts.tv_sec = 0;
            ts.tv_nsec = (long)(rand() % 40000) * 1000;    /* 0-40 ms */
            nanosleep(&ts, NULL);
        }
        kill(pid, SIGKILL);
        assert_int_equal(waitpid(pid, &status, 0), pid);
        /* whatever the kill interrupted, the next open is right */
        want = export_of(&nocache);
        ix = dsr_index_open(root, &opt, &err);
        if (!ix) fail_msg("open after a kill: %s", err ? err : "?");
        got = dsr_index_export_json(ix, 0);
        assert_non_null(got);
        if (strcmp(got, want) != 0) fail_msg("round %d: the index read through the cache differs", round);
        dsr_index_free(ix);
        free(want);
        free(got);
        assert_true(count_files(cache, ".dsrc", 1) <= 1);
    }
    tmp_left = count_files(cache, ".dsrc", 0);
    print_message("%d kills; %d left a temporary file behind (killed between create and rename); "
                  "the cache file was never found damaged\n", rounds, tmp_left);
}

static void cache_folder_is_private(void **state)
{
    dsr_options opt;
    char dir[400], *err = NULL;
    dsr_index *ix;
    struct stat st;
    mode_t old = umask(022);
    (void)state;
    snprintf(dir, sizeof dir, "%s/new/nested", cache);
    memset(&opt, 0, sizeof opt);
    opt.cache_dir = dir;
    ix = dsr_index_open(root, &opt, &err);
    assert_non_null(ix);
    dsr_index_free(ix);
    umask(old);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    snprintf(dir, sizeof dir, "%s/new", cache);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    {
        DIR *d;
        struct dirent *de;
        int files = 0;
        snprintf(dir, sizeof dir, "%s/new/nested", cache);
        d = opendir(dir);
        assert_non_null(d);
        while ((de = readdir(d))) {
            char p[800];
            if (de->d_name[0] == '.') continue;
            snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
            assert_int_equal(stat(p, &st), 0);
            if ((st.st_mode & 077) != 0) fail_msg("cache file %s is mode %o", p, (unsigned)(st.st_mode & 0777));
            files++;
        }
        closedir(d);
        assert_true(files >= 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(out_of_memory_everywhere, setup, teardown),
        cmocka_unit_test_setup_teardown(two_processes_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(killed_while_writing_the_cache, setup, teardown),
        cmocka_unit_test_setup_teardown(cache_folder_is_private, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
