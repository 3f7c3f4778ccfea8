/*
 * job.c -- building an index, or searching one, on a thread of its own.
 *
 * The editor must never wait for a folder walk, so a job runs
 * dsr_index_open (or builds a refreshed copy of an index) on a pthread and
 * the editor polls it.  Nor for a fuzzy query over tens of thousands of
 * events: a search job runs the matcher (rows.c, fuzzy.c) on a thread and
 * keeps the k best hits; the matcher looks at the job's cancel flag every
 * thousand candidates, so a superseded search stops within a fraction of
 * a millisecond and dsr_job_wait never waits long for it.  The index being built belongs to the job's thread
 * until the job is done; only then is it handed over (dsr_job_take), so no
 * index is ever touched by two threads at once, except that a refresh
 * job reads the index it copies -- which the caller promises not to change
 * meanwhile (dossier.h).
 *
 * The job record is shared by the two sides and freed by the last one to
 * let go (a reference count under the mutex).  Dropping a running job
 * (dsr_job_free) only cancels it and lets go: the thread finishes the
 * file it is reading, frees what it built and the record.  So the editor
 * side never joins, never blocks on anything but a mutex held for a few
 * instructions (or, in dsr_job_wait, for a cancelled search to see its
 * flag).  Progress counters are written with atomic stores by the
 * builder (dsr_progress, index.h) and read with atomic loads.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#endif
#include "fuzzy.h"
#include "index.h"

/* How much lower than the editor a job's threads run (nice levels). */
#define JOB_NICE 5

struct dsr_job {
    pthread_mutex_t mu;
    pthread_cond_t ended;       /* signalled when done is set */
    int refs;                   /* 2 while the thread runs, then 1 */
    int done;
    dsr_progress pg;            /* pg.cancel also stops a search */
    /* what to build */
    char *dir;
    dsr_options opt;
    char **ext;                 /* copies of opt's strings */
    char *cache_dir;
    const dsr_index *base;      /* refresh: the index to copy */
    /* a search of base: what to find (copies) and what was found */
    int search;                 /* 0, or DSR_SEARCH_EVENTS / _ENTITIES */
    char *query, *from, *to;
    size_t qlen, k;
    long entity;
    dsr_fuzzy_hit *hits;
    size_t n_hits;
    /* what was built */
    dsr_index *ix;
    char *err;
};

static void job_release(dsr_job *j)
{
    int last;
    size_t i;
    pthread_mutex_lock(&j->mu);
    last = --j->refs == 0;
    pthread_mutex_unlock(&j->mu);
    if (!last) return;
    pthread_mutex_destroy(&j->mu);
    pthread_cond_destroy(&j->ended);
    dsr_index_free(j->ix);
    free(j->query);
    free(j->from);
    free(j->to);
    free(j->hits);
    free(j->err);
    free(j->dir);
    for (i = 0; j->ext && j->ext[i]; i++) free(j->ext[i]);
    free(j->ext);
    free(j->cache_dir);
    free(j);
}

/* The first k events of the filter in date order, as hits of score 0. */
static size_t first_events(dsr_job *j)
{
    size_t n, i;
    uint32_t *sel = dsr_events_select(j->base, j->entity, j->from, j->to, &n);
    if (!sel) return 0;
    if (n > j->k) n = j->k;
    for (i = 0; i < n; i++) {
        j->hits[i].index = sel[i];
        j->hits[i].score = 0;
    }
    free(sel);
    return n;
}

/* A search job's work: the k best into j->hits.  NULL, or why not. */
static char *job_search(dsr_job *j)
{
    if (!(j->hits = malloc((j->k ? j->k : 1) * sizeof *j->hits))) return strdup("out of memory");
    if (j->search == DSR_SEARCH_EVENTS && j->qlen == 0)
        j->n_hits = first_events(j);
    else if (j->search == DSR_SEARCH_EVENTS)
        j->n_hits = dsr_fz_events(j->base, j->query, j->qlen, j->entity, j->from, j->to, j->k,
                                  j->hits, &j->pg.cancel);
    else
        j->n_hits = dsr_fz_entities(j->base, j->query, j->qlen, j->k, j->hits, &j->pg.cancel);
    /* A cancelled search stopped part way: its hits are not the best. */
    return __atomic_load_n(&j->pg.cancel, __ATOMIC_RELAXED) ? strdup("cancelled") : NULL;
}

/* Yield to the editor: with as many busy threads as processors (the
 * extraction and matcher threads a job starts), the editor's own thread
 * would otherwise wait its turn for the processor.  On Linux the nice
 * value belongs to the thread (and the threads it starts inherit it);
 * elsewhere setpriority would lower the whole process, editor included,
 * so it is left alone.  Raising one's nice value never needs privileges. */
static void lower_priority(void)
{
#ifdef __linux__
    setpriority(PRIO_PROCESS, 0, getpriority(PRIO_PROCESS, 0) + JOB_NICE);
#endif
}

static void *job_main(void *arg)
{
    dsr_job *j = arg;
    char *err = NULL;
    dsr_index *ix = NULL;
    lower_priority();
    if (j->search) err = job_search(j);
    else if (j->base) ix = dsr_index_refreshed(j->base, &j->pg, &err);
    else ix = dsr_index_open_pg(j->dir, &j->opt, &j->pg, &err);
    pthread_mutex_lock(&j->mu);
    j->ix = ix;
    j->err = err;
    j->done = 1;
    pthread_cond_broadcast(&j->ended);
    pthread_mutex_unlock(&j->mu);
    job_release(j);
    return NULL;
}

static dsr_job *job_start(dsr_job *j)
{
    pthread_t th;
    pthread_attr_t at;
    int r;
    pthread_mutex_init(&j->mu, NULL);
    pthread_cond_init(&j->ended, NULL);
    j->refs = 2;
    if (pthread_attr_init(&at)) {
        j->refs = 1;
        job_release(j);
        return NULL;
    }
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    r = pthread_create(&th, &at, job_main, j);
    pthread_attr_destroy(&at);
    if (r) {
        j->refs = 1;
        job_release(j);
        return NULL;
    }
    return j;
}

/* Free a job that never started. */
static dsr_job *job_drop(dsr_job *j)
{
    pthread_mutex_init(&j->mu, NULL);
    pthread_cond_init(&j->ended, NULL);
    j->refs = 1;
    job_release(j);
    return NULL;
}

dsr_job *dsr_job_open(const char *dir, const dsr_options *opt)
{
    dsr_job *j = calloc(1, sizeof *j);
    size_t n = 0, i;
    if (!j) return NULL;
    if (opt) j->opt = *opt;
    j->opt.extensions = NULL;
    j->opt.cache_dir = NULL;
    if (!(j->dir = strdup(dir ? dir : ""))) goto oom;
    if (opt && opt->cache_dir && !(j->opt.cache_dir = j->cache_dir = strdup(opt->cache_dir))) goto oom;
    if (opt && opt->extensions) {
        while (opt->extensions[n]) n++;
        if (!(j->ext = calloc(n + 1, sizeof *j->ext))) goto oom;
        for (i = 0; i < n; i++)
            if (!(j->ext[i] = strdup(opt->extensions[i]))) goto oom;
        j->opt.extensions = (const char *const *)j->ext;
    }
    return job_start(j);
oom:
    return job_drop(j);
}

dsr_job *dsr_job_refresh(const dsr_index *ix)
{
    dsr_job *j;
    if (!ix || !(j = calloc(1, sizeof *j))) return NULL;
    j->base = ix;
    return job_start(j);
}

static char *dup_opt(const char *s)
{
    return s && *s ? strdup(s) : NULL;
}

dsr_job *dsr_job_search(const dsr_index *ix, const dsr_search *what)
{
    dsr_job *j;
    if (!ix || !what || (what->what != DSR_SEARCH_EVENTS && what->what != DSR_SEARCH_ENTITIES))
        return NULL;
    if (!(j = calloc(1, sizeof *j))) return NULL;
    j->base = ix;
    j->search = what->what;
    j->qlen = what->query ? what->qlen : 0;
    j->entity = what->entity;
    j->k = what->k;
    if (!(j->query = malloc(j->qlen + 1))) return job_drop(j);
    if (j->qlen) memcpy(j->query, what->query, j->qlen);
    j->query[j->qlen] = '\0';
    j->from = dup_opt(what->from);
    j->to = dup_opt(what->to);
    if ((what->from && *what->from && !j->from) || (what->to && *what->to && !j->to)) return job_drop(j);
    return job_start(j);
}

const dsr_fuzzy_hit *dsr_job_hits(dsr_job *j, size_t *n)
{
    const dsr_fuzzy_hit *h = NULL;
    *n = 0;
    if (!j) return NULL;
    pthread_mutex_lock(&j->mu);
    if (j->done && !j->err && j->search) {
        h = j->hits;
        *n = j->n_hits;
    }
    pthread_mutex_unlock(&j->mu);
    return h;
}

void dsr_job_wait(dsr_job *j)
{
    if (!j) return;
    pthread_mutex_lock(&j->mu);
    while (!j->done) pthread_cond_wait(&j->ended, &j->mu);
    pthread_mutex_unlock(&j->mu);
}

dsr_job_status dsr_job_poll(dsr_job *j)
{
    dsr_job_status s;
    memset(&s, 0, sizeof s);
    if (!j) return s;
    pthread_mutex_lock(&j->mu);
    s.done = j->done;
    s.failed = j->done && j->err;
    if (s.failed) strncpy(s.error, j->err, sizeof s.error - 1);
    pthread_mutex_unlock(&j->mu);
    s.files_done = __atomic_load_n(&j->pg.files_done, __ATOMIC_RELAXED);
    s.files_total = __atomic_load_n(&j->pg.files_total, __ATOMIC_RELAXED);
    s.bytes_done = __atomic_load_n(&j->pg.bytes_done, __ATOMIC_RELAXED);
    s.bytes_total = __atomic_load_n(&j->pg.bytes_total, __ATOMIC_RELAXED);
    return s;
}

dsr_index *dsr_job_take(dsr_job *j, char **err)
{
    dsr_index *ix = NULL;
    *err = NULL;
    if (!j) {
        *err = strdup("no job");
        return NULL;
    }
    pthread_mutex_lock(&j->mu);
    if (!j->done) *err = strdup("the job is still running");
    else if (j->search) *err = strdup("a search job builds no index");
    else if (j->ix) {
        ix = j->ix;
        j->ix = NULL;
    } else *err = strdup(j->err ? j->err : "the index was taken already");
    pthread_mutex_unlock(&j->mu);
    return ix;
}

void dsr_job_cancel(dsr_job *j)
{
    if (j) __atomic_store_n(&j->pg.cancel, 1, __ATOMIC_RELAXED);
}

void dsr_job_free(dsr_job *j)
{
    if (!j) return;
    dsr_job_cancel(j);
    job_release(j);
}

static void *free_main(void *arg)
{
    lower_priority();
    dsr_index_free(arg);
    return NULL;
}

void dsr_index_free_later(dsr_index *ix)
{
    pthread_t th;
    pthread_attr_t at;
    int started = 0;
    if (!ix) return;
    if (pthread_attr_init(&at) == 0) {
        pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
        started = pthread_create(&th, &at, free_main, ix) == 0;
        pthread_attr_destroy(&at);
    }
    if (!started) dsr_index_free(ix);
}
