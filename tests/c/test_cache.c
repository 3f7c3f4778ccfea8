/*
 * test_cache.c -- the index kept between runs: reopening without reading
 * documents, refusing damaged, truncated, forged and old cache files
 * (and replacing them), incremental updates for changed, touched, added
 * and removed files, atomic saves from two processes at once, and
 * nothing written into the briefing folder.
 *
 * Every check compares the index with one built from scratch through the
 * JSON export, so "from the cache" must mean "the same index".
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include "index.h"

#define HEAD 56                 /* sizeof(cache_head) in cache.c */
#define TABLES_OFF 48           /* its tables_off */
#define PAD8(n) (((n) + 7) & ~(size_t)7)

static char base[256], root[300], cache[300];

static void put(const char *rel, const char *s)
{
    char p[600];
    FILE *f;
    snprintf(p, sizeof p, "%s/%s", root, rel);
    f = fopen(p, "wb");
    assert_non_null(f);
    fputs(s, f);
    fclose(f);
}

static const char doc_a[] =
    "---\ndate: 2010-02-10\ntitle: Talks\n---\n\n"
    "Wang Jiarui met Kim Jong Il in Pyongyang on Feb. 8, 2010.\n"
    "On Feb. 9 the envoy Wang Jiarui left for Beijing.\n";
static const char doc_b[] =
    "March 3, 2010\n\nNorth Korea said on Tuesday that talks would resume in April.\n"
    "Kim Jong Il visited a factory in Hamhung last week.\n";
static const char doc_c[] = "Undated notes about the Korean Peninsula and Seoul.\n";

static int setup(void **state)
{
    (void)state;
    strcpy(base, "/tmp/dsr-cache-XXXXXX");
    if (!mkdtemp(base)) return -1;
    snprintf(root, sizeof root, "%s/briefs", base);
    snprintf(cache, sizeof cache, "%s/xdg/dossier", base);  /* made by the cache */
    return mkdir(root, 0755);
}

static int teardown(void **state)
{
    char cmd[400];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    return system(cmd) == 0 ? 0 : -1;
}

static void fresh_folder(void)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s/xdg' && mkdir '%s'", root, base, root);
    assert_int_equal(system(cmd), 0);
    put("a.md", doc_a);
    put("b.txt", doc_b);
    put("c.md", doc_c);
}

static dsr_index *open_ix(const char *cache_dir)
{
    dsr_options o;
    char *err = NULL;
    dsr_index *ix;
    memset(&o, 0, sizeof o);
    o.cache_dir = cache_dir;
    ix = dsr_index_open(root, &o, &err);
    if (!ix) fail_msg("open: %s", err);
    return ix;
}

/* The index as built from scratch, as JSON. */
static char *truth(void)
{
    dsr_index *ix = open_ix(NULL);
    char *j = dsr_index_export_json(ix, 0);
    dsr_index_free(ix);
    return j;
}

static void assert_same(dsr_index *ix)
{
    char *a = dsr_index_export_json(ix, 0), *b = truth();
    assert_string_equal(a, b);
    free(a);
    free(b);
}

/* The one cache file in the cache folder. */
static void cache_file(char *out, size_t cap)
{
    DIR *d = opendir(cache);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') {
            snprintf(out, cap, "%s/%s", cache, e->d_name);
            n++;
        }
    closedir(d);
    assert_int_equal(n, 1);                 /* no temporary files left behind */
}

static char *slurp(const char *p, size_t *n)
{
    FILE *f = fopen(p, "rb");
    char *b;
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    b = malloc(*n + 1);
    assert_int_equal(fread(b, 1, *n, f), *n);
    fclose(f);
    return b;
}

static void spit(const char *p, const char *b, size_t n)
{
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, n, f), n);
    fclose(f);
}

static void cold_then_warm(void **state)
{
    dsr_index *ix;
    dsr_stats s;
    struct stat st;
    char path[700];
    (void)state;
    fresh_folder();
    ix = open_ix(cache);
    s = dsr_index_stats(ix);
    assert_int_equal(s.documents, 3);
    assert_int_equal(s.reindexed, 3);
    assert_int_equal(s.from_cache, 0);
    assert_true(s.cache_written);
    dsr_index_free(ix);
    assert_int_equal(stat(cache, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    cache_file(path, sizeof path);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 077, 0);  /* private */
    ix = open_ix(cache);
    s = dsr_index_stats(ix);
    assert_int_equal(s.reindexed, 0);
    assert_int_equal(s.from_cache, 3);
    assert_false(s.cache_written);          /* nothing changed: not rewritten */
    assert_same(ix);
    dsr_index_free(ix);
}

/* A fresh folder and its cache file, damaged with `how`. */
static void damage_cache(void (*how)(char *b, size_t *n))
{
    char path[700], *b;
    size_t n;
    fresh_folder();
    dsr_index_free(open_ix(cache));
    cache_file(path, sizeof path);
    b = slurp(path, &n);
    how(b, &n);
    spit(path, b, n);
    free(b);
}

/* Damage the cache file with `how`, reopen: rebuilt, same index, the
 * reason noted, and the file replaced by a good one. */
static void damaged(void (*how)(char *b, size_t *n), const char *note)
{
    dsr_index *ix;
    dsr_stats s;
    damage_cache(how);
    ix = open_ix(cache);
    s = dsr_index_stats(ix);
    assert_int_equal(s.from_cache, 0);
    assert_int_equal(s.reindexed, 3);
    /* "=note": exactly that note (a forged file must fail the bounds
     * checks, not the checksum). */
    if (note[0] == '=' ? strcmp(s.cache_note, note + 1) != 0 : !strstr(s.cache_note, note))
        fail_msg("note \"%s\", wanted \"%s\"", s.cache_note, note);
    assert_true(s.cache_written);
    assert_same(ix);
    dsr_index_free(ix);
    ix = open_ix(cache);
    assert_int_equal(dsr_index_stats(ix).from_cache, 3);
    dsr_index_free(ix);
}

static void flip_byte(char *b, size_t *n) { b[*n / 2] ^= 0x5a; }
static void truncate_half(char *b, size_t *n) { (void)b; *n /= 2; }
static void truncate_header(char *b, size_t *n) { (void)b; *n = 10; }
static void empty(char *b, size_t *n) { (void)b; *n = 0; }
static void old_version(char *b, size_t *n) { (void)n; b[8] = (char)(b[8] + 1); }
static void not_ours(char *b, size_t *n) { memcpy(b, "#!/bin/sh\nrm -rf /\n", 19); *n = 19; }

/* Put the right checksum on contents changed by a forger. */
static void reseal(char *b, size_t n)
{
    uint64_t sum = dsr_cache_sum(b + HEAD, n - HEAD);
    memcpy(b + 32, &sum, 8);
}

/* Where the first document's record starts: after the padded root. */
static size_t first_doc(const char *b)
{
    uint32_t root_len;
    memcpy(&root_len, b + 44, 4);
    return HEAD + PAD8(root_len);
}

/* A checksum that matches damaged contents: only the bounds checks stand
 * between this file and the index. */
static void forged_offset(char *b, size_t *n)
{
    uint32_t bad = 0xFFFFFF00u;
    memcpy(b + first_doc(b) + 36, &bad, 4);     /* the first document's title */
    reseal(b, *n);
}

static void forged_count(char *b, size_t *n)
{
    uint32_t bad = 0x7FFFFFFFu;
    memcpy(b + first_doc(b) + 40, &bad, 4);     /* the first document's timex count */
    reseal(b, *n);
}

/* The tables said to start elsewhere than where the records end. */
static void forged_tables_off(char *b, size_t *n)
{
    uint64_t off;
    memcpy(&off, b + TABLES_OFF, 8);
    off += 8;
    memcpy(b + TABLES_OFF, &off, 8);
    reseal(b, *n);
}

static void damaged_files_are_rebuilt(void **state)
{
    (void)state;
    damaged(flip_byte, "damaged");
    damaged(truncate_half, "truncated");
    damaged(truncate_header, "not a cache file");
    damaged(empty, "not a cache file");
    damaged(old_version, "version");
    damaged(not_ours, "not a cache file");
    damaged(forged_offset, "=damaged cache file");
    damaged(forged_count, "=damaged cache file");
    damaged(forged_tables_off, "=damaged cache file");
}

/* What the export leaves out: per-entity events, dates and related
 * entities, the picker rows and the lookup tables. */
static void assert_same_tables(const dsr_index *a, const dsr_index *b)
{
    static const char *const prefixes[] = { "k", "kim", "w", "n", "pyo", "" };
    size_t na, nb, i, k;
    const dsr_entity *ea = dsr_index_entities(a, &na), *eb = dsr_index_entities(b, &nb);
    assert_int_equal(na, nb);
    for (i = 0; i < na; i++) {
        assert_int_equal(ea[i].n_names, eb[i].n_names);
        assert_int_equal(ea[i].n_documents, eb[i].n_documents);
        assert_string_equal(ea[i].first_date, eb[i].first_date);
        assert_string_equal(ea[i].last_date, eb[i].last_date);
        assert_int_equal(ea[i].n_events, eb[i].n_events);
        assert_int_equal(ea[i].n_related, eb[i].n_related);
        for (k = 0; k < ea[i].n_events; k++) assert_int_equal(ea[i].events[k], eb[i].events[k]);
        for (k = 0; k < ea[i].n_related; k++) assert_int_equal(ea[i].related[k], eb[i].related[k]);
        assert_int_equal(dsr_lookup_name(a, ea[i].name, strlen(ea[i].name)),
                         dsr_lookup_name(b, eb[i].name, strlen(eb[i].name)));
        for (k = 0; k < ea[i].n_aliases; k++)
            assert_int_equal(dsr_lookup_name(a, ea[i].aliases[k], strlen(ea[i].aliases[k])),
                             dsr_lookup_name(b, ea[i].aliases[k], strlen(ea[i].aliases[k])));
    }
    dsr_index_events(a, &na);
    dsr_index_events(b, &nb);
    assert_int_equal(na, nb);
    for (i = 0; i < na; i++) assert_string_equal(dsr_event_row(a, (uint32_t)i, NULL), dsr_event_row(b, (uint32_t)i, NULL));
    for (i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        uint32_t oa[50], ob[50];
        const char *fa[50], *fb[50];
        size_t ca = dsr_complete(a, prefixes[i], strlen(prefixes[i]), 50, oa, fa);
        size_t cb = dsr_complete(b, prefixes[i], strlen(prefixes[i]), 50, ob, fb);
        assert_int_equal(ca, cb);
        for (k = 0; k < ca; k++) {
            assert_int_equal(oa[k], ob[k]);
            assert_string_equal(fa[k], fb[k]);
        }
    }
}

/* Reopened from an unchanged cache, the tables are the file's, not
 * assembled again, and they are the tables of a fresh build. */
static void tables_from_cache(void **state)
{
    dsr_index *ix, *fresh;
    (void)state;
    fresh_folder();
    put("d.md", "---\ndate: 2010-04-01\naliases:\n  Dear Leader: Kim Jong Il\n---\n"
                "The Dear Leader met Wang Jiarui on March 30. He said talks would go on.\n");
    dsr_index_free(open_ix(cache));
    ix = open_ix(cache);
    assert_int_equal(dsr_index_stats(ix).from_cache, 4);
    assert_true(ix->tables_borrowed);
    assert_same(ix);
    fresh = open_ix(NULL);
    assert_false(fresh->tables_borrowed);
    assert_same_tables(ix, fresh);
    dsr_index_free(fresh);
    dsr_index_free(ix);
}

/* Tables that fail their checks: the records are still used, the tables
 * assembled from them, and the file replaced. */
static void damaged_tables(void (*how)(char *b, size_t *n))
{
    dsr_index *ix, *fresh;
    dsr_stats s;
    damage_cache(how);
    ix = open_ix(cache);
    s = dsr_index_stats(ix);
    assert_int_equal(s.from_cache, 3);
    assert_int_equal(s.reindexed, 0);
    assert_string_equal(s.cache_note, "cache file without usable tables");
    assert_false(ix->tables_borrowed);
    assert_true(s.cache_written);
    assert_same(ix);
    fresh = open_ix(NULL);
    assert_same_tables(ix, fresh);
    dsr_index_free(fresh);
    dsr_index_free(ix);
    ix = open_ix(cache);
    assert_true(ix->tables_borrowed);
    assert_false(dsr_index_stats(ix).cache_written);
    dsr_index_free(ix);
}

static size_t tables_at(const char *b)
{
    uint64_t off;
    memcpy(&off, b + TABLES_OFF, 8);
    return HEAD + (size_t)off;
}

static void forged_doc_count(char *b, size_t *n)
{
    uint32_t bad = 2;                           /* snap_head.n_docs */
    memcpy(b + tables_at(b), &bad, 4);
    reseal(b, *n);
}

static void forged_name(char *b, size_t *n)
{
    uint32_t bad = 0xFFFFFFF0u;                 /* the first entity's name */
    memcpy(b + tables_at(b) + 32, &bad, 4);
    reseal(b, *n);
}

static void forged_entity_count(char *b, size_t *n)
{
    uint32_t bad = 0x10000000u;                 /* snap_head.n_entities */
    memcpy(b + tables_at(b) + 4, &bad, 4);
    reseal(b, *n);
}

static void bad_tables_are_assembled(void **state)
{
    (void)state;
    damaged_tables(forged_doc_count);
    damaged_tables(forged_name);
    damaged_tables(forged_entity_count);
}

/* A file changed, one added, one removed. */
static void edit_folder(void)
{
    char path[700];
    put("a.md", "---\ndate: 2010-02-11\n---\nKim Jong Il met Hu Jintao in Beijing on Feb. 10.\n");
    put("d.md", "On April 2, 2010 the Security Council met about North Korea.\n");
    snprintf(path, sizeof path, "%s/b.txt", root);
    assert_int_equal(unlink(path), 0);
}

/* ix brought up to date after edit_folder, and saved. */
static void assert_edited(dsr_index *ix)
{
    dsr_stats s = dsr_index_stats(ix);
    assert_int_equal(s.documents, 3);
    assert_int_equal(s.reindexed, 2);
    assert_true(s.cache_written);
    assert_same(ix);
}

static void incremental(void **state)
{
    dsr_index *ix;
    dsr_stats s;
    char *err = NULL, path[700];
    struct timespec ts[2];
    (void)state;
    fresh_folder();
    ix = open_ix(cache);
    /* Touched but not changed: the content hash keeps the record. */
    snprintf(path, sizeof path, "%s/c.md", root);
    clock_gettime(CLOCK_REALTIME, &ts[0]);
    ts[0].tv_sec += 5;
    ts[1] = ts[0];
    assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
    assert_int_equal(dsr_index_refresh(ix, &err), 0);
    assert_int_equal(dsr_index_stats(ix).reindexed, 0);
    edit_folder();
    assert_int_equal(dsr_index_refresh(ix, &err), 0);
    assert_edited(ix);
    dsr_index_free(ix);
    /* The saved cache is the refreshed index. */
    ix = open_ix(cache);
    s = dsr_index_stats(ix);
    assert_int_equal(s.from_cache, 3);
    assert_int_equal(s.reindexed, 0);
    assert_same(ix);
    dsr_index_free(ix);
}

static void config_change_reindexes_everything(void **state)
{
    dsr_index *ix;
    (void)state;
    fresh_folder();
    dsr_index_free(open_ix(cache));
    put(".dossier.json", "{\"date\": \"2009-12-01\"}");
    ix = open_ix(cache);
    assert_int_equal(dsr_index_stats(ix).from_cache, 0);
    assert_int_equal(dsr_index_stats(ix).reindexed, 3);
    assert_same(ix);
    dsr_index_free(ix);
}

/* Two processes saving the same cache file over and over: every reader
 * sees a whole file. */
static void concurrent_saves(void **state)
{
    pid_t pid[2];
    int i, k, st;
    char path[700];
    dsr_index *ix;
    (void)state;
    fresh_folder();
    for (k = 0; k < 2; k++) {
        if ((pid[k] = fork()) == 0) {
            for (i = 0; i < 15; i++) {
                dsr_options o;
                char *err = NULL;
                dsr_index *x;
                memset(&o, 0, sizeof o);
                o.cache_dir = cache;
                if (!(x = dsr_index_open(root, &o, &err))) _exit(1);
                if (dsr_cache_save(x)) _exit(2);
                dsr_index_free(x);
            }
            _exit(0);
        }
    }
    for (k = 0; k < 2; k++) {
        assert_int_equal(waitpid(pid[k], &st, 0), pid[k]);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    cache_file(path, sizeof path);
    ix = open_ix(cache);
    assert_int_equal(dsr_index_stats(ix).from_cache, 3);
    dsr_index_free(ix);
}

static void nothing_written_in_the_folder(void **state)
{
    DIR *d;
    struct dirent *e;
    int n = 0;
    dsr_index *ix;
    char *err = NULL;
    (void)state;
    fresh_folder();
    ix = open_ix(cache);
    assert_int_equal(dsr_index_refresh(ix, &err), 0);
    dsr_index_free(ix);
    d = opendir(root);
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    closedir(d);
    assert_int_equal(n, 3);
}

static dsr_job_status wait_job(dsr_job *j)
{
    dsr_job_status st;
    while (!(st = dsr_job_poll(j)).done) usleep(1000);
    return st;
}

/* Jobs: a build on a thread handed over once, a refresh job's copy,
 * cancellation, and letting go of a running job (its thread cleans up;
 * ASan's leak check sees that). */
static void jobs(void **state)
{
    dsr_options o;
    dsr_job *j;
    dsr_job_status st;
    dsr_index *ix, *ix2;
    char *err = NULL;
    (void)state;
    fresh_folder();
    memset(&o, 0, sizeof o);
    o.cache_dir = cache;
    j = dsr_job_open(root, &o);
    assert_non_null(j);
    st = wait_job(j);
    assert_false(st.failed);
    assert_int_equal(st.files_done, 3);
    assert_int_equal(st.files_total, 3);
    ix = dsr_job_take(j, &err);
    assert_non_null(ix);
    assert_null(dsr_job_take(j, &err));         /* once */
    free(err);
    dsr_job_free(j);
    assert_same(ix);
    put("e.md", "On May 5, 2010 Wang Jiarui returned to Beijing.\n");
    j = dsr_job_refresh(ix);
    st = wait_job(j);
    ix2 = dsr_job_take(j, &err);
    assert_non_null(ix2);
    dsr_job_free(j);
    assert_int_equal(dsr_index_stats(ix2).reindexed, 1);
    assert_int_equal(dsr_index_stats(ix).documents, 3);     /* the original is untouched */
    assert_same(ix2);
    dsr_index_free_later(ix);
    dsr_index_free(ix2);
    j = dsr_job_open(root, &o);
    dsr_job_cancel(j);
    st = wait_job(j);
    if (st.failed) assert_string_equal(st.error, "cancelled");
    dsr_job_free(j);
    j = dsr_job_open(root, NULL);
    dsr_job_free(j);                            /* still running, most likely */
    j = dsr_job_open(root, &o);
    wait_job(j);
    dsr_job_free(j);                            /* done, never taken */
    usleep(300000);                             /* let the detached threads end */
}

/* Refreshed in place or by a job, after each round of edits, the index
 * is the one a fresh open builds: export and tables.  The rounds change
 * front-matter aliases (which merge entities across documents), add and
 * remove the documents that carry them, and rename an entity's mentions. */
static void refresh_equals_fresh_open(void **state)
{
    static const char *const rounds[][2] = {
        { "e.md", "---\naliases:\n  Dear Leader: Kim Jong Il\n---\nThe Dear Leader met Wang Jiarui on March 30, 2010.\n" },
        { "e.md", "---\naliases:\n  Dear Leader: Hu Jintao\n---\nThe Dear Leader met Wang Jiarui on March 30, 2010.\n" },
        { "f.md", "---\naliases: [Pyongyang: North Korea]\n---\nPyongyang said on April 1, 2010 that Kim Jong Il was well.\n" },
        { "e.md", NULL },
        { "a.md", "Kim Jong-il and Wang Jiarui met again on Feb. 12, 2010 in Pyongyang.\n" },
        { "f.md", NULL },
    };
    dsr_index *ix, *jx, *fresh;
    char *err = NULL, path[700];
    size_t r;
    (void)state;
    fresh_folder();
    ix = open_ix(cache);
    jx = open_ix(cache);
    for (r = 0; r < sizeof rounds / sizeof *rounds; r++) {
        dsr_job *j;
        dsr_index *next;
        if (rounds[r][1]) {
            put(rounds[r][0], rounds[r][1]);
        } else {
            snprintf(path, sizeof path, "%s/%s", root, rounds[r][0]);
            assert_int_equal(unlink(path), 0);
        }
        assert_int_equal(dsr_index_refresh(ix, &err), 0);
        j = dsr_job_refresh(jx);
        wait_job(j);
        if (!(next = dsr_job_take(j, &err))) fail_msg("refresh: %s", err);
        dsr_job_free(j);
        dsr_index_free(jx);
        jx = next;
        fresh = open_ix(NULL);
        assert_same(ix);
        assert_same(jx);
        assert_same_tables(ix, fresh);
        assert_same_tables(jx, fresh);
        dsr_index_free(fresh);
    }
    dsr_index_free(ix);
    dsr_index_free(jx);
}

static dsr_index *open_later(void)
{
    dsr_options o;
    char *err = NULL;
    dsr_index *ix;
    memset(&o, 0, sizeof o);
    o.cache_dir = cache;
    o.verify_later = 1;
    if (!(ix = dsr_index_open(root, &o, &err))) fail_msg("open: %s", err);
    return ix;
}

/* The refreshed copy of ix a job makes (ix is freed). */
static dsr_index *verified(dsr_index *ix)
{
    dsr_job *j = dsr_job_refresh(ix);
    dsr_index *v;
    char *err = NULL;
    assert_non_null(j);
    wait_job(j);
    if (!(v = dsr_job_take(j, &err))) fail_msg("refresh: %s", err);
    dsr_job_free(j);
    dsr_index_free(ix);
    assert_false(dsr_index_stats(v).unverified);
    return v;
}

/* dsr_options.verify_later: the cache answers at once; what changed while
 * no index was open shows after the refresh that verifies it. */
static void verify_later(void **state)
{
    dsr_index *ix;
    dsr_stats s;
    char *stale, *now;
    (void)state;
    fresh_folder();
    ix = open_later();                          /* no cache file: the usual open */
    s = dsr_index_stats(ix);
    assert_false(s.unverified);
    assert_int_equal(s.reindexed, 3);
    ix = verified(ix);                          /* from the file it wrote: nothing assembled */
    assert_int_equal(dsr_index_stats(ix).reindexed, 0);
    assert_true(ix->tables_borrowed);
    dsr_index_free(ix);
    ix = open_later();
    s = dsr_index_stats(ix);
    assert_true(s.unverified);
    assert_int_equal(s.from_cache, 3);
    assert_true(ix->tables_borrowed);
    assert_same(ix);
    ix = verified(ix);                          /* nothing changed: the file's tables again */
    s = dsr_index_stats(ix);
    assert_int_equal(s.reindexed, 0);
    assert_true(ix->tables_borrowed);
    assert_false(s.cache_written);
    assert_same(ix);
    stale = dsr_index_export_json(ix, 0);
    dsr_index_free(ix);
    edit_folder();
    ix = open_later();                          /* changed while closed: not seen yet */
    assert_true(dsr_index_stats(ix).unverified);
    now = dsr_index_export_json(ix, 0);
    assert_string_equal(now, stale);
    free(now);
    free(stale);
    ix = verified(ix);
    assert_edited(ix);
    dsr_index_free(ix);
    ix = open_later();                          /* the verified index was saved */
    assert_true(dsr_index_stats(ix).unverified);
    assert_same(ix);
    dsr_index_free(ix);
}

/* Documents are extracted on several threads; the index must not depend
 * on how many. */
static void threads_give_the_same_index(void **state)
{
    dsr_options o;
    char *err = NULL, *a, *b, name[32], text[200];
    dsr_index *one, *many;
    int i;
    (void)state;
    fresh_folder();
    for (i = 0; i < 60; i++) {
        snprintf(name, sizeof name, "n%02d.md", i);
        snprintf(text, sizeof text, "On March %d, 2010 Wang Jiarui met Kim Jong Il in Pyongyang.\n%s",
                 i % 28 + 1, i % 7 ? "" : "\x01\x02 bin\0");
        put(name, text);
    }
    memset(&o, 0, sizeof o);
    o.threads = 1;
    one = dsr_index_open(root, &o, &err);
    o.threads = 8;
    many = dsr_index_open(root, &o, &err);
    assert_non_null(one);
    assert_non_null(many);
    a = dsr_index_export_json(one, 0);
    b = dsr_index_export_json(many, 0);
    assert_string_equal(a, b);
    assert_int_equal(dsr_index_stats(many).reindexed, dsr_index_stats(one).reindexed);
    free(a);
    free(b);
    dsr_index_free(one);
    dsr_index_free(many);
}

/* Temporary files left by a writer killed before its rename: old ones
 * are removed by the next save, a fresh one (maybe being written) stays. */
static void stale_temporaries_removed(void **state)
{
    char path[700], stale[720], fresh[720], *err = NULL;
    struct timespec ts[2];
    struct stat st;
    dsr_index *ix;
    (void)state;
    fresh_folder();
    dsr_index_free(open_ix(cache));
    cache_file(path, sizeof path);
    snprintf(stale, sizeof stale, "%s.Ab12Cd", path);
    snprintf(fresh, sizeof fresh, "%s.Zz98Yx", path);
    spit(stale, "half", 4);
    spit(fresh, "half", 4);
    clock_gettime(CLOCK_REALTIME, &ts[0]);
    ts[0].tv_sec -= 3600;
    ts[1] = ts[0];
    assert_int_equal(utimensat(AT_FDCWD, stale, ts, 0), 0);
    ix = open_ix(cache);
    put("c.md", "Changed notes about Seoul.\n");
    assert_int_equal(dsr_index_refresh(ix, &err), 0);   /* saves */
    assert_true(dsr_index_stats(ix).cache_written);
    dsr_index_free(ix);
    assert_int_not_equal(stat(stale, &st), 0);
    assert_int_equal(stat(fresh, &st), 0);
    unlink(fresh);
}

static void default_dir(void **state)
{
    char *d;
    (void)state;
    setenv("XDG_CACHE_HOME", "/x/cache", 1);
    d = dsr_cache_default_dir();
    assert_string_equal(d, "/x/cache/dossier");
    free(d);
    setenv("XDG_CACHE_HOME", "relative", 1);    /* not absolute: ignored */
    setenv("HOME", "/home/u", 1);
    d = dsr_cache_default_dir();
    assert_string_equal(d, "/home/u/.cache/dossier");
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cold_then_warm),
        cmocka_unit_test(damaged_files_are_rebuilt),
        cmocka_unit_test(tables_from_cache),
        cmocka_unit_test(bad_tables_are_assembled),
        cmocka_unit_test(incremental),
        cmocka_unit_test(refresh_equals_fresh_open),
        cmocka_unit_test(config_change_reindexes_everything),
        cmocka_unit_test(concurrent_saves),
        cmocka_unit_test(nothing_written_in_the_folder),
        cmocka_unit_test(jobs),
        cmocka_unit_test(verify_later),
        cmocka_unit_test(threads_give_the_same_index),
        cmocka_unit_test(stale_temporaries_removed),
        cmocka_unit_test(default_dir),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
