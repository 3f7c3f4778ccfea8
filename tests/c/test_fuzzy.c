/*
 * test_fuzzy.c -- the fuzzy matcher: what matches, how it ranks, where the
 * positions land, that the fast scorer equals the reference recurrence,
 * and top-k over enough candidates to use threads.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "dossier.h"
#include "fuzzy.h"

static int32_t sc(const char *q, const char *s)
{
    return dsr_fuzzy_score(q, strlen(q), s, strlen(s), NULL);
}

static void subsequence_or_nothing(void **state)
{
    (void)state;
    assert_true(sc("kim", "Kim Jong Il") != DSR_FUZZY_NONE);
    assert_true(sc("kji", "Kim Jong Il") != DSR_FUZZY_NONE);
    assert_int_equal(sc("kmi", "Kim"), DSR_FUZZY_NONE);      /* order matters */
    assert_int_equal(sc("kimm", "Kim"), DSR_FUZZY_NONE);
    assert_int_equal(sc("", "Kim"), DSR_FUZZY_NONE);
    assert_int_equal(sc("x", ""), DSR_FUZZY_NONE);
}

static void smart_case(void **state)
{
    (void)state;
    assert_true(sc("wang", "WANG Jiarui") != DSR_FUZZY_NONE);   /* lower matches any case */
    assert_int_equal(sc("Wang", "wang jiarui"), DSR_FUZZY_NONE); /* upper is exact */
    assert_true(sc("Wang", "Wang jiarui") != DSR_FUZZY_NONE);
    assert_true(sc("2010-02", "2010-02-09  talks") != DSR_FUZZY_NONE);
}

static void ranking(void **state)
{
    (void)state;
    /* A run beats the same bytes scattered. */
    assert_true(sc("kim", "met Kim today") > sc("kim", "kind imam"));
    /* Word starts beat the middle of words. */
    assert_true(sc("kj", "Kim Jong") > sc("kj", "kajak"));
    /* The start of the string beats a later word start. */
    assert_true(sc("wa", "Wang met") > sc("wa", "met Wang"));
    /* Camel humps count as word starts. */
    assert_true(sc("fb", "fooBar") > sc("fb", "fobar"));
    /* A shorter gap beats a longer one. */
    assert_true(sc("ab", "a-b") > sc("ab", "a----------b"));
    /* Initials of a name at word starts beat a run in the middle of a word. */
    assert_true(sc("nk", "North Korea") > sc("nk", "tank"));
}

static void positions(void **state)
{
    uint32_t pos[8];
    const char *s = "2010-02-09   Wang met with Kim in Pyongyang.  (brief.md:12)";
    int32_t a, b;
    (void)state;
    a = dsr_fuzzy_score("kim", 3, s, strlen(s), pos);
    assert_true(a != DSR_FUZZY_NONE);
    assert_int_equal(pos[0], (uint32_t)(strstr(s, "Kim") - s));
    assert_int_equal(pos[1], pos[0] + 1);
    assert_int_equal(pos[2], pos[0] + 2);
    b = dsr_fuzzy_score("kim", 3, s, strlen(s), NULL);
    assert_int_equal(a, b);                 /* positions do not change the score */
    /* "wmk": the word starts, not the first bytes that would do. */
    assert_true(dsr_fuzzy_score("wmk", 3, s, strlen(s), pos) != DSR_FUZZY_NONE);
    assert_int_equal(pos[0], (uint32_t)(strstr(s, "Wang") - s));
    assert_int_equal(pos[1], (uint32_t)(strstr(s, "met") - s));
    assert_int_equal(pos[2], (uint32_t)(strstr(s, "Kim") - s));
}

/* Every position matches its query byte, in increasing order. */
static void positions_are_an_alignment(void **state)
{
    static const char *q[] = { "ab", "aaa", "a b", "xyz", "pyong", "e", "ee", "abcabc" };
    char s[300];
    uint32_t pos[16];
    unsigned seed = 7;
    int t, i, k;
    (void)state;
    for (t = 0; t < 3000; t++) {
        int n = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 200;
        for (i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            s[i] = "abcxyzpe -_ABCgon."[(seed >> 16) % 18];
        }
        s[n] = '\0';
        for (k = 0; k < 8; k++) {
            size_t m = strlen(q[k]);
            dsr_fzq fq;
            int32_t full = dsr_fuzzy_score(q[k], m, s, (size_t)n, pos);
            int32_t fast = dsr_fuzzy_score(q[k], m, s, (size_t)n, NULL);
            assert_int_equal(dsr_fzq_init(&fq, q[k], m), 0);
            assert_int_equal(fast, full);
            assert_int_equal(fast, dsr_fzq_score_dense(&fq, s, (size_t)n));
            if (full == DSR_FUZZY_NONE) continue;
            for (i = 0; i < (int)m; i++) {
                unsigned char c = (unsigned char)s[pos[i]], w = (unsigned char)q[k][i];
                assert_true(pos[i] < (uint32_t)n);
                assert_true(c == w || (c | 0x20) == w);
                if (i) assert_true(pos[i] > pos[i - 1]);
            }
        }
    }
}

static void long_inputs(void **state)
{
    char *s = malloc(100000), q[200];
    uint32_t pos[64];
    (void)state;
    memset(s, 'a', 99999);
    s[99999] = '\0';
    memset(q, 'a', sizeof q - 1);
    q[sizeof q - 1] = '\0';
    /* Queries past DSR_FZ_QMAX and strings past DSR_FZ_SMAX are cut. */
    assert_true(dsr_fuzzy_score(q, strlen(q), s, 99999, pos) != DSR_FUZZY_NONE);
    assert_true(dsr_fuzzy_score("ab", 2, s, 99999, NULL) == DSR_FUZZY_NONE);
    free(s);
}

/* top-k equals scoring everything and sorting: score, shorter, earlier. */
static void check_top_k(char *const *s, size_t n, const char *query, size_t k)
{
    dsr_fuzzy_hit *hits = malloc(k * sizeof *hits);
    int32_t *score = malloc(n * sizeof *score);
    size_t got, i, j, matched = 0;
    for (i = 0; i < n; i++) matched += (score[i] = sc(query, s[i])) != DSR_FUZZY_NONE;
    got = dsr_fuzzy_top(query, strlen(query), (const char *const *)s, NULL, n, k, hits);
    assert_int_equal(got, matched < k ? matched : k);
    for (j = 0; j < got; j++) {
        assert_int_equal(hits[j].score, score[hits[j].index]);
        if (j) {
            const dsr_fuzzy_hit *a = &hits[j - 1], *b = &hits[j];
            assert_true(a->score > b->score ||
                        (a->score == b->score && (strlen(s[a->index]) < strlen(s[b->index]) ||
                                                  (strlen(s[a->index]) == strlen(s[b->index]) &&
                                                   a->index < b->index))));
        }
    }
    for (i = 0; got && i < n; i++) {    /* nothing outside the top beats the k-th, ties included */
        const dsr_fuzzy_hit *last = &hits[got - 1];
        int in = 0;
        for (j = 0; j < got; j++) in |= hits[j].index == i;
        if (in) continue;
        assert_true(score[i] <= last->score);
        if (score[i] == last->score)
            assert_true(strlen(s[i]) > strlen(s[last->index]) ||
                        (strlen(s[i]) == strlen(s[last->index]) && i > last->index));
    }
    free(hits);
    free(score);
}

static void free_all(char **s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) free(s[i]);
    free(s);
}

static void top_k_matches_brute_force(void **state)
{
    enum { N = 70000 };
    char **s = malloc(N * sizeof *s);
    size_t i;
    unsigned seed = 1;
    (void)state;
    for (i = 0; i < N; i++) {
        size_t n = 5 + (i * 7919) % 60, j;
        s[i] = malloc(n + 1);
        for (j = 0; j < n; j++) {
            seed = seed * 1103515245u + 12345u;
            s[i][j] = "kimjong il-PYaeu "[(seed >> 16) % 17];
        }
        s[i][n] = '\0';
    }
    check_top_k(s, N, "kji", 25);
    free_all(s, N);
}

/* A line like a picker's event row: a date, capitalised names made of a
 * few syllables, common words, a file and line. */
static char *event_row(unsigned *seed)
{
    static const char *syl[] = { "ka", "lo", "mi", "te", "del", "wan", "bor", "ex" };
    static const char *words[] = { "met with", "wrote to", "in", "after the", "summit" };
    char line[400], *out;
    int w, nw, len;
    *seed = *seed * 1103515245u + 12345u;
    len = snprintf(line, sizeof line, "%04u-%02u-%02u   ", 2000 + (*seed >> 20) % 20, 1 + (*seed >> 8) % 12,
                   1 + (*seed >> 12) % 28);
    nw = 2 + (int)(*seed >> 16) % 9;
    for (w = 0; w < nw; w++) {
        int y, ny = 1 + (int)((*seed = *seed * 1103515245u + 12345u) >> 16) % 3;
        if ((*seed >> 20) % 3 == 0) {
            len += snprintf(line + len, sizeof line - (size_t)len, "%s ", words[(*seed >> 24) % 5]);
            continue;
        }
        for (y = 0; y < ny; y++) {
            const char *p = syl[((*seed = *seed * 1103515245u + 12345u) >> 16) % 8];
            line[len++] = (char)(y == 0 ? p[0] - 32 : p[0]);
            len += snprintf(line + len, sizeof line - (size_t)len, "%s", p + 1);
        }
        line[len++] = ' ';
    }
    len += snprintf(line + len, sizeof line - (size_t)len, "(brief-%u.md:%u)", (*seed >> 16) % 100, (*seed >> 8) % 40);
    out = malloc((size_t)len + 1);
    memcpy(out, line, (size_t)len + 1);
    return out;
}

/* Many equal top scores, long gaps and small k: the cases the bounds
 * that skip candidates against the worst kept must get exactly right. */
static void top_k_over_event_like_rows(void **state)
{
    static const char *queries[] = { "kalo", "wanmet", "mitedel", "bordel", "Wan", "kd", "e", "2010-0",
                                     "met with", "delexwanbor", "md:1" };
    enum { BIG = 40000, SMALL = 150, TRIALS = 150 };
    char **s = malloc(BIG * sizeof *s);
    size_t i, q, t;
    unsigned seed = 3;
    (void)state;
    for (i = 0; i < BIG; i++) s[i] = event_row(&seed);
    for (q = 0; q < sizeof queries / sizeof *queries; q++) check_top_k(s, BIG, queries[q], 50);
    free_all(s, BIG);
    for (t = 0; t < TRIALS; t++) {
        s = malloc(SMALL * sizeof *s);
        for (i = 0; i < SMALL; i++) s[i] = event_row(&seed);
        for (q = 0; q < sizeof queries / sizeof *queries; q++) check_top_k(s, SMALL, queries[q], 1 + t % 4);
        free_all(s, SMALL);
    }
}

/* Every candidate scores the same; the shorter ones, which win the tie,
 * are all in the second half (the second thread's slice): a slice must
 * not reject a candidate that only equals the score the other keeps. */
static void top_k_ties_across_slices(void **state)
{
    enum { N = 70000 };
    char **s = malloc(N * sizeof *s);
    size_t i;
    (void)state;
    for (i = 0; i < N; i++) {
        size_t n = 3 + (i < N / 2 ? 40 : 0) + i % 7;
        s[i] = malloc(n + 1);
        memset(s[i], '.', n);
        memcpy(s[i], "kim", 3);
        s[i][n] = '\0';
    }
    check_top_k(s, N, "kim", 25);
    free_all(s, N);
}

static void top_k_small_and_empty(void **state)
{
    const char *s[] = { "alpha", NULL, "beta", "alphabet", "" };
    dsr_fuzzy_hit h[5];
    size_t got;
    (void)state;
    got = dsr_fuzzy_top("al", 2, s, NULL, 5, 5, h);
    assert_int_equal(got, 2);
    assert_string_equal(s[h[0].index], "alpha");       /* same score: shorter first */
    assert_string_equal(s[h[1].index], "alphabet");
    assert_int_equal(dsr_fuzzy_top("al", 2, s, NULL, 5, 0, h), 0);
    assert_int_equal(dsr_fuzzy_top("", 0, s, NULL, 5, 5, h), 0);
    assert_int_equal(dsr_fuzzy_top("zz", 2, s, NULL, 5, 5, h), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(subsequence_or_nothing),
        cmocka_unit_test(smart_case),
        cmocka_unit_test(ranking),
        cmocka_unit_test(positions),
        cmocka_unit_test(positions_are_an_alignment),
        cmocka_unit_test(long_inputs),
        cmocka_unit_test(top_k_matches_brute_force),
        cmocka_unit_test(top_k_over_event_like_rows),
        cmocka_unit_test(top_k_ties_across_slices),
        cmocka_unit_test(top_k_small_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
