/*
 * bench.c -- timings of the core for bench/run.sh.
 *
 *   bench build DIR [CACHE]        open DIR (with the cache folder CACHE):
 *                                  seconds, docs, bytes, from_cache, reindexed
 *   bench verify DIR CACHE         open with verify_later, then the refresh
 *                                  that verifies it (what the job does)
 *   bench phases DIR CACHE         where a reopen from the cache spends its time
 *   bench refresh DIR CACHE REL    open, rewrite REL (same bytes plus a line),
 *                                  time dsr_index_refresh; restores REL
 *   bench lookup DIR               at-cursor lookups and completion in C
 *   bench gen N FILE               write N generated event rows to FILE
 *   bench fuzzy FILE QUERY...      top-50 over the rows of FILE, median ms
 *                                  (no query: just read and split FILE)
 *   bench rss DIR [CACHE]          peak RSS of opening DIR, per byte of text
 *
 * $BENCH_THREADS sets dsr_options.threads (1: one core); $BENCH_VERIFY_LATER=1
 * sets dsr_options.verify_later.
 * Output is "key value" lines that run.sh reads.  Generated text is made
 * here, from syllables, never copied from a corpus.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "dossier.h"
#include "index.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int threads;             /* dsr_options.threads: $BENCH_THREADS, 0 = default */
static int verify_later;        /* dsr_options.verify_later: $BENCH_VERIFY_LATER */

static dsr_index *open_or_die(const char *dir, const char *cache)
{
    dsr_options o;
    char *err = NULL;
    dsr_index *ix;
    memset(&o, 0, sizeof o);
    o.cache_dir = cache && *cache ? cache : NULL;
    o.threads = threads;
    o.verify_later = verify_later;
    if (!(ix = dsr_index_open(dir, &o, &err))) {
        fprintf(stderr, "bench: %s\n", err);
        exit(1);
    }
    return ix;
}

static int cmd_build(const char *dir, const char *cache)
{
    double t0 = now();
    dsr_index *ix = open_or_die(dir, cache);
    double t = now() - t0;
    dsr_stats s = dsr_index_stats(ix);
    printf("seconds %.6f\ndocuments %u\nbytes %llu\nfrom_cache %d\nreindexed %u\nentities %u\nevents %u\n"
           "unverified %d\n", t, s.documents, (unsigned long long)s.bytes, s.from_cache, s.reindexed, s.entities,
           s.events, s.unverified);
    dsr_index_free(ix);
    return 0;
}

/* Open with verify_later, then verify: the refreshed copy a job makes. */
static int cmd_verify(const char *dir, const char *cache)
{
    dsr_index *ix, *v;
    char *err = NULL;
    double t0, t1, t2;
    verify_later = 1;
    t0 = now();
    ix = open_or_die(dir, cache);
    t1 = now();
    if (!(v = dsr_index_refreshed(ix, NULL, &err))) {
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
    t2 = now();
    printf("open_seconds %.6f\nunverified %d\nverify_seconds %.6f\nverify_reindexed %u\n", t1 - t0,
           dsr_index_stats(ix).unverified, t2 - t1, dsr_index_stats(v).reindexed);
    dsr_index_free(v);
    dsr_index_free(ix);
    return 0;
}

/* Reopen from the cache, phase by phase, with the same calls index.c
 * makes (the walk runs while another thread loads the image and makes
 * its tables), then what assembling the tables from the records costs:
 * what a reopen did before the tables were cached, and what a refresh
 * still does when a document changed. */
static int cmd_phases(const char *dir, const char *cache)
{
    dsr_index *ix = open_or_die(dir, cache);   /* make sure the cache is there */
    dsr_index probe, stage;
    double t0, t1, t2, t3;
    dsr_docs docs;
    dsr_files files = {0};
    dsr_skips skips = {0};
    t0 = now();
    dsr_walk(ix->root, &ix->cfg, (const char *const *)ix->ext, ix->max_size, &files, &skips);
    t1 = now();
    probe = *ix;                        /* a second image, not ix's */
    probe.blob = NULL;
    dsr_cache_load(&probe, &docs);
    t2 = now();
    if (dsr_tables_stage(&probe, &docs, &stage) == 0) dsr_tables_unstage(&stage);
    t3 = now();
    printf("walk_ms %.2f\ncache_load_ms %.2f\ntables_load_ms %.2f\n", (t1 - t0) * 1e3, (t2 - t1) * 1e3,
           (t3 - t2) * 1e3);
    dsr_vec_free(&docs);                /* the records borrow from the image */
    dsr_cache_unmap(&probe);
    dsr_walk_free(&files, &skips);
    t0 = now();
    dsr_index_assemble(ix);
    printf("assemble_ms %.2f\n", (now() - t0) * 1e3);
    t0 = now();
    dsr_lookup_free(ix->lookup);
    ix->lookup = NULL;
    dsr_lookup_build(ix);
    printf("lookup_build_ms %.2f\n", (now() - t0) * 1e3);
    t0 = now();
    dsr_rows_build(ix);
    printf("rows_build_ms %.2f\n", (now() - t0) * 1e3);
    t0 = now();
    dsr_index_free(ix);
    printf("free_ms %.2f\n", (now() - t0) * 1e3);
    return 0;
}

/* The whole of file `path`, NUL-terminated, its length in *len; NULL if unreadable. */
static char *read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static int cmd_refresh(const char *dir, const char *cache, const char *rel)
{
    dsr_index *ix = open_or_die(dir, cache);
    char path[4096], *orig, *err = NULL;
    size_t len;
    FILE *f;
    double t0, t;
    dsr_stats s;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    if (!(orig = read_whole(path, &len)) || !(f = fopen(path, "wb"))) return 1;
    fwrite(orig, 1, len, f);
    fputs("\nOn 1987-03-02 the board met again.\n", f);
    fclose(f);
    t0 = now();
    if (dsr_index_refresh(ix, &err)) fprintf(stderr, "bench: %s\n", err);
    t = now() - t0;
    s = dsr_index_stats(ix);
    printf("refresh_seconds %.6f\nreindexed %u\nfile_bytes %zu\ncache_written %d\n", t, s.reindexed, len,
           s.cache_written);
    /* The same file alone, extracted: the "+ that file" part. */
    {
        dsr_doc d;
        memset(&d, 0, sizeof d);
        t0 = now();
        dsr_doc_index_text(rel, orig, len, &ix->cfg, &d);
        printf("file_extract_seconds %.6f\n", now() - t0);
        dsr_doc_free(&d);
    }
    f = fopen(path, "wb");
    fwrite(orig, 1, len, f);
    fclose(f);
    free(orig);
    dsr_index_free(ix);
    return 0;
}

/* Hover: lines of documents with the cursor on every word start. */
static int cmd_lookup(const char *dir)
{
    dsr_index *ix = open_or_die(dir, NULL);
    size_t ne, n = 0, i, hits = 0, k;
    const dsr_entity *e = dsr_index_entities(ix, &ne);
    static char lines[2000][200];
    double *t, t0;
    uint32_t out[50];
    static const char *prefixes[] = { "a", "b", "c", "s", "st", "sta", "mi", "n", "new", "u" };
    /* Lines around real mentions: the text a writer types about them. */
    for (i = 0; i < ne && n < 2000; i += 7) {
        snprintf(lines[n], sizeof lines[n], "Yesterday %s's office said that talks with the delegation went on.",
                 e[i].name);
        n++;
    }
    t = malloc(sizeof *t * n * 64);
    for (k = 0, i = 0; i < n; i++) {
        size_t len = strlen(lines[i]), col, s, en;
        for (col = 0; col < len; col += 3) {
            t0 = now();
            hits += dsr_lookup_at(ix, lines[i], len, col, &s, &en) >= 0;
            t[k++] = now() - t0;
        }
    }
    qsort(t, k, sizeof *t, cmp_double);
    printf("lookup_calls %zu\nlookup_hits %zu\nlookup_median_us %.3f\nlookup_p99_us %.3f\n", k, hits,
           t[k / 2] * 1e6, t[k * 99 / 100] * 1e6);
    for (k = 0, i = 0; i < 200; i++) {
        const char *p = prefixes[i % 10];
        t0 = now();
        dsr_complete(ix, p, strlen(p), 50, out, NULL);
        t[k++] = now() - t0;
    }
    qsort(t, k, sizeof *t, cmp_double);
    printf("complete_median_us %.3f\ncomplete_p99_us %.3f\n", t[k / 2] * 1e6, t[k * 99 / 100] * 1e6);
    free(t);
    dsr_index_free(ix);
    return 0;
}

/* ---- generated event rows ---- */

static uint64_t rng = 88172645463325252ULL;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static void word(char *out, int cap_first)
{
    static const char *syl[] = { "ka", "lo", "mi", "ran", "te", "vo", "shi", "gun", "del", "ar", "pe",
                                 "zu", "bor", "qui", "na", "ex", "ty", "wan", "jo", "sel" };
    int k = 2 + (int)rnd(2), i;
    out[0] = '\0';
    for (i = 0; i < k; i++) strcat(out, syl[rnd(20)]);
    if (cap_first) out[0] = (char)(out[0] - 32);
}

static int cmd_gen(long n, const char *file)
{
    static const char *verbs[] = { "met with", "called", "visited", "criticised", "signed a deal with",
                                   "wrote to", "accused", "praised", "hosted", "sanctioned" };
    static const char *tails[] = { "about the shipping dispute", "over trade quotas", "after the summit",
                                   "despite earlier objections", "to discuss the harbour",
                                   "on the sidelines of the council", "ahead of the election",
                                   "in a closed session" };
    FILE *f = fopen(file, "w");
    long i;
    char a[32], b[32], c[32], d[32];
    if (!f) return 1;
    for (i = 0; i < n; i++) {
        word(a, 1), word(b, 1), word(c, 1), word(d, 1);
        fprintf(f, "%04u-%02u-%02u   %s %s %s %s in %s %s.  (brief-%04u.md:%u)\n", 1980 + rnd(40),
                1 + rnd(12), 1 + rnd(28), a, b, verbs[rnd(10)], c, d, tails[rnd(8)], rnd(5000),
                1 + rnd(300));
    }
    fclose(f);
    return 0;
}

static int cmd_fuzzy(const char *file, int nq, char **queries)
{
    char *buf, **lines;
    size_t len, n = 0, i, cap = 1 << 20;
    dsr_fuzzy_hit hits[50];
    int q;
    if (!(buf = read_whole(file, &len))) return 1;
    lines = malloc(cap * sizeof *lines);
    size_t *lens = malloc(cap * sizeof *lens);
    for (i = 0; i < len;) {
        char *nl = memchr(buf + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - buf) : len;
        if (n == cap) {
            cap *= 2;
            lines = realloc(lines, cap * sizeof *lines);
            lens = realloc(lens, cap * sizeof *lens);
        }
        buf[e] = '\0';
        lines[n] = buf + i;
        lens[n++] = e - i;
        i = e + 1;
    }
    printf("rows %zu\n", n);
    for (q = 0; q < nq; q++) {
        double t[7], c[7], t0;
        clock_t c0;
        size_t got = 0;
        int r;
        for (r = 0; r < 7; r++) {
            t0 = now();
            c0 = clock();
            got = dsr_fuzzy_top(queries[q], strlen(queries[q]), (const char *const *)lines, lens, n, 50, hits);
            t[r] = now() - t0;
            c[r] = (double)(clock() - c0) / CLOCKS_PER_SEC;
        }
        qsort(t, 7, sizeof *t, cmp_double);
        qsort(c, 7, sizeof *c, cmp_double);
        printf("query %s\nms %.3f\ncpu_ms %.3f\nhits %zu\nbest %s\n", queries[q], t[3] * 1e3, c[3] * 1e3, got,
               got ? lines[hits[0].index] : "");
    }
    free(lines);
    free(lens);
    free(buf);
    return 0;
}

static int cmd_rss(const char *dir, const char *cache)
{
    struct rusage ru;
    dsr_index *ix = open_or_die(dir, cache);
    dsr_stats s = dsr_index_stats(ix);
    getrusage(RUSAGE_SELF, &ru);
    printf("peak_rss_kb %ld\nbytes %llu\nrss_per_byte %.3f\n", ru.ru_maxrss, (unsigned long long)s.bytes,
           ru.ru_maxrss * 1024.0 / (double)(s.bytes ? s.bytes : 1));
    dsr_index_free(ix);
    return 0;
}

int main(int argc, char **argv)
{
    if (getenv("BENCH_THREADS")) threads = atoi(getenv("BENCH_THREADS"));
    if (getenv("BENCH_VERIFY_LATER")) verify_later = atoi(getenv("BENCH_VERIFY_LATER"));
    if (argc >= 3 && strcmp(argv[1], "build") == 0) return cmd_build(argv[2], argc > 3 ? argv[3] : NULL);
    if (argc >= 4 && strcmp(argv[1], "verify") == 0) return cmd_verify(argv[2], argv[3]);
    if (argc >= 4 && strcmp(argv[1], "phases") == 0) return cmd_phases(argv[2], argv[3]);
    if (argc >= 5 && strcmp(argv[1], "refresh") == 0) return cmd_refresh(argv[2], argv[3], argv[4]);
    if (argc >= 3 && strcmp(argv[1], "lookup") == 0) return cmd_lookup(argv[2]);
    if (argc >= 4 && strcmp(argv[1], "gen") == 0) return cmd_gen(atol(argv[2]), argv[3]);
    if (argc >= 3 && strcmp(argv[1], "fuzzy") == 0) return cmd_fuzzy(argv[2], argc - 3, argv + 3);
    if (argc >= 3 && strcmp(argv[1], "rss") == 0) return cmd_rss(argv[2], argc > 3 ? argv[3] : NULL);
    fprintf(stderr, "usage: see bench/bench.c\n");
    return 2;
}
