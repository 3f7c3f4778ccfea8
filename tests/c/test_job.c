/*
 * test_job.c -- search jobs: a fuzzy query run on a thread gives the same
 * hits in the same order as the synchronous call, for events (all, of one
 * entity, within dates) and for entities; a cancelled search stops and
 * says so; a search superseded by the next one (cancelled, waited for,
 * let go) leaves the next one's result intact.  Under ASan, freeing the
 * index right after dsr_job_wait shows the thread no longer reads it.
 *
 * The folder is generated: a few hundred documents of dated sentences
 * over a small vocabulary, some ten thousand events, so the matcher's
 * cancel check (every 1024 candidates) is crossed many times.
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

#define DOCS 300
#define LINES 40
#define K 50

static char root[64];
static dsr_index *ix;

static const char *const people[] = {
    "Wang Jiarui", "Kim Jong Il", "Siim Kallas", "Angela Merkel", "Tom Enders", "Ban Ki-moon",
};
static const char *const verbs[] = { "met", "called", "visited", "thanked", "warned", "praised" };
static const char *const places[] = { "Pyongyang", "Beijing", "Brussels", "Berlin", "Toulouse", "Geneva" };
static const char *const months[] = { "January", "March", "May", "July", "September", "November" };

static unsigned lcg(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

static int write_doc(int d, unsigned *seed)
{
    char path[128];
    FILE *f;
    int i;
    snprintf(path, sizeof path, "%s/d%03d.md", root, d);
    if (!(f = fopen(path, "w"))) return -1;
    fprintf(f, "# Brief %d\n\n", d);
    for (i = 0; i < LINES; i++)
        fprintf(f, "On %s %u, %u %s %s %s in %s.\n", months[lcg(seed) % 6], lcg(seed) % 28 + 1,
                2000 + lcg(seed) % 12, people[lcg(seed) % 6], verbs[lcg(seed) % 6],
                people[lcg(seed) % 6], places[lcg(seed) % 6]);
    return fclose(f);
}

static int setup(void **state)
{
    dsr_options o;
    char *err = NULL;
    unsigned seed = 7;
    int d;
    (void)state;
    strcpy(root, "/tmp/dsr-job-XXXXXX");
    if (!mkdtemp(root)) return -1;
    for (d = 0; d < DOCS; d++)
        if (write_doc(d, &seed)) return -1;
    memset(&o, 0, sizeof o);
    ix = dsr_index_open(root, &o, &err);
    free(err);
    return ix ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    dsr_index_free(ix);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static dsr_search events_query(const char *q, long entity, const char *from, const char *to)
{
    dsr_search s;
    memset(&s, 0, sizeof s);
    s.what = DSR_SEARCH_EVENTS;
    s.query = q;
    s.qlen = strlen(q);
    s.entity = entity;
    s.from = from;
    s.to = to;
    s.k = K;
    return s;
}

/* Run `s` as a job to the end; assert it gives what the direct call gives. */
static void same_as_direct(const dsr_search *s)
{
    dsr_fuzzy_hit want[K];
    const dsr_fuzzy_hit *got;
    size_t nw, ng, i;
    dsr_job *j = dsr_job_search(ix, s);
    dsr_job_status st;
    assert_non_null(j);
    dsr_job_wait(j);
    st = dsr_job_poll(j);
    assert_true(st.done);
    assert_false(st.failed);
    got = dsr_job_hits(j, &ng);
    nw = s->what == DSR_SEARCH_EVENTS
             ? dsr_fuzzy_events(ix, s->query, s->qlen, s->entity, s->from, s->to, s->k, want)
             : dsr_fuzzy_entities(ix, s->query, s->qlen, s->k, want);
    assert_int_equal(ng, nw);
    for (i = 0; i < nw; i++) {
        assert_int_equal(got[i].index, want[i].index);
        assert_int_equal(got[i].score, want[i].score);
    }
    dsr_job_free(j);
}

static void events_equal_the_direct_search(void **state)
{
    size_t n;
    dsr_search s;
    long kim = dsr_lookup_name(ix, "Kim Jong Il", 11);
    (void)state;
    assert_true(dsr_index_stats(ix).events > 5000);     /* enough to cross the cancel checks */
    assert_true(kim >= 0);
    s = events_query("wang met", -1, NULL, NULL);
    same_as_direct(&s);
    s = events_query("kimpyong", -1, NULL, NULL);
    same_as_direct(&s);
    s = events_query("Berlin", kim, NULL, NULL);
    same_as_direct(&s);
    s = events_query("merkel", -1, "2003", "2005-06");
    same_as_direct(&s);
    s = events_query("zzzz", -1, NULL, NULL);           /* nothing matches */
    same_as_direct(&s);
    {
        dsr_job *j = dsr_job_search(ix, &s);
        dsr_job_wait(j);
        assert_non_null(dsr_job_hits(j, &n));     /* done well, with no hits */
        assert_int_equal(n, 0);
        dsr_job_free(j);
    }
}

/* An empty query lists the first k events of the filter in date order
 * (a picker before anything is typed); it finds no entity. */
static void empty_query_lists_events_by_date(void **state)
{
    long wang = dsr_lookup_name(ix, "Wang Jiarui", 11);
    dsr_search s = events_query("", wang, "2002", "2009");
    dsr_job *j = dsr_job_search(ix, &s);
    const dsr_fuzzy_hit *got;
    uint32_t *sel;
    size_t n, nsel, i;
    (void)state;
    dsr_job_wait(j);
    got = dsr_job_hits(j, &n);
    sel = dsr_events_select(ix, wang, "2002", "2009", &nsel);
    assert_true(nsel > K);
    assert_int_equal(n, K);
    for (i = 0; i < n; i++) {
        assert_int_equal(got[i].index, sel[i]);
        assert_int_equal(got[i].score, 0);
    }
    free(sel);
    dsr_job_free(j);
    s.what = DSR_SEARCH_ENTITIES;
    j = dsr_job_search(ix, &s);
    dsr_job_wait(j);
    assert_non_null(dsr_job_hits(j, &n));
    assert_int_equal(n, 0);
    dsr_job_free(j);
}

static void entities_equal_the_direct_search(void **state)
{
    dsr_search s = events_query("kim", -1, NULL, NULL);
    (void)state;
    s.what = DSR_SEARCH_ENTITIES;
    same_as_direct(&s);
    s.query = "brus";
    s.qlen = 4;
    same_as_direct(&s);
}

/* A search cancelled at once: done, failed with "cancelled", no hits.
 * (The thread could in principle finish before the cancel arrives on a
 * stalled machine, so a few tries are allowed; one must be cancelled.) */
static void cancel_stops_the_search(void **state)
{
    dsr_search s = events_query("wang met kim", -1, NULL, NULL);
    int tries, cancelled = 0;
    size_t n;
    (void)state;
    for (tries = 0; tries < 5 && !cancelled; tries++) {
        dsr_job *j = dsr_job_search(ix, &s);
        dsr_job_status st;
        assert_non_null(j);
        dsr_job_cancel(j);
        dsr_job_wait(j);
        st = dsr_job_poll(j);
        assert_true(st.done);
        if (st.failed) {
            assert_string_equal(st.error, "cancelled");
            assert_null(dsr_job_hits(j, &n));
            assert_int_equal(n, 0);
            cancelled = 1;
        }
        dsr_job_free(j);
    }
    assert_true(cancelled);
}

/* Typing: each key starts a search and supersedes the one before, which
 * is cancelled and let go while it may still run.  The last one's result
 * is the direct one's. */
static void superseding_keeps_the_last(void **state)
{
    const char *typed[] = { "w", "wa", "wan", "wang", "wang ", "wang m", "wang me", "wang met" };
    dsr_job *prev = NULL, *j = NULL;
    dsr_fuzzy_hit want[K];
    const dsr_fuzzy_hit *got;
    size_t i, n, nw;
    (void)state;
    for (i = 0; i < sizeof typed / sizeof *typed; i++) {
        dsr_search s = events_query(typed[i], -1, NULL, NULL);
        j = dsr_job_search(ix, &s);
        assert_non_null(j);
        if (prev) {
            dsr_job_cancel(prev);
            dsr_job_wait(prev);         /* the index stays valid: wait before letting go */
            dsr_job_free(prev);
        }
        prev = j;
    }
    dsr_job_wait(j);
    got = dsr_job_hits(j, &n);
    nw = dsr_fuzzy_events(ix, "wang met", 8, -1, NULL, NULL, K, want);
    assert_int_equal(n, nw);
    assert_true(nw > 0);
    assert_memory_equal(got, want, nw * sizeof *want);
    dsr_job_free(j);
}

/* Letting go of a search whose index is about to go, as dossier.h asks:
 * cancel, wait, then free -- the index is not read after dsr_job_wait. */
static void cancel_wait_free(void **state)
{
    dsr_search s = events_query("ban warned", -1, NULL, NULL);
    dsr_job *j = dsr_job_search(ix, &s), *w = dsr_job_search(ix, &s);
    char *err = NULL;
    (void)state;
    assert_non_null(j);
    dsr_job_cancel(j);
    dsr_job_wait(j);
    assert_true(dsr_job_poll(j).done);
    dsr_job_free(j);
    /* So for a refresh, which stops after the file it is reading. */
    assert_non_null(j = dsr_job_refresh(ix));
    dsr_job_cancel(j);
    dsr_job_wait(j);
    assert_true(dsr_job_poll(j).done);
    dsr_job_free(j);
    /* A search job builds no index. */
    dsr_job_wait(w);
    assert_null(dsr_job_take(w, &err));
    assert_string_equal(err, "a search job builds no index");
    free(err);
    dsr_job_free(w);
}

static void bad_arguments(void **state)
{
    dsr_search s = events_query("x", -1, NULL, NULL);
    size_t n;
    (void)state;
    assert_null(dsr_job_search(NULL, &s));
    assert_null(dsr_job_search(ix, NULL));
    s.what = 0;
    assert_null(dsr_job_search(ix, &s));
    assert_null(dsr_job_hits(NULL, &n));
    dsr_job_wait(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(events_equal_the_direct_search),
        cmocka_unit_test(empty_query_lists_events_by_date),
        cmocka_unit_test(entities_equal_the_direct_search),
        cmocka_unit_test(cancel_stops_the_search),
        cmocka_unit_test(superseding_keeps_the_last),
        cmocka_unit_test(cancel_wait_free),
        cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
