/*
 * document.c -- one document: read it, find its date, run the extractors.
 *
 * The order of the document date sources is: front matter `date:`, a
 * per-file date in the config, a dateline at the top of the text, a date in
 * the file name, the config's folder-wide date, and last a date inferred
 * from the text.  Explicit beats guessed; the source is recorded so the
 * editor can say how sure it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "docdate.h"
#include "docread.h"
#include "dossier.h"
#include "document.h"
#include "refs.h"
#include "sentence.h"
#include "timex.h"

uint64_t dsr_hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Append a NUL-terminated copy of s[0..n) to the pool; its offset, or
 * DSR_NOSTR when memory ran out. */
static uint32_t pool_add(dsr_doc *d, const char *s, size_t n)
{
    uint32_t off = (uint32_t)d->pool.n;
    if (d->pool.n + n + 1 > UINT32_MAX - 1) return DSR_NOSTR;
    if (dsr_vec_reserve(&d->pool, d->pool.n + n + 1)) return DSR_NOSTR;
    memcpy(d->pool.v + d->pool.n, s, n);
    d->pool.v[d->pool.n + n] = '\0';
    d->pool.n += n + 1;
    return off;
}

/* A statement for a picker row: white space collapsed, at most ~400 bytes,
 * cut on a UTF-8 boundary. */
static uint32_t pool_add_collapsed(dsr_doc *d, const char *s, size_t n)
{
    char buf[420];
    size_t i, k = 0;
    int space = 0;
    for (i = 0; i < n && k < 400; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c == 0x7F) {   /* white space, and control characters as if they were */
            space = k > 0;
            continue;
        }
        if (c == 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] & 0xE0) == 0x80) {
            i++;                        /* a C1 control (U+0080-U+009F): the same */
            space = k > 0;
            continue;
        }
        if (space) buf[k++] = ' ';
        space = 0;
        buf[k++] = (char)c;
    }
    while (i < n && k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80) k--;  /* continuation */
    if (i < n && k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0xC0) k--;     /* lead byte */
    return pool_add(d, buf, k);
}

/* pool_add for text to be shown (titles): control characters, C0 and C1,
 * become spaces, so a document cannot send escape sequences to a terminal
 * (`dossier timeline`) or odd bytes to an editor window. */
static uint32_t pool_add_shown(dsr_doc *d, const char *s, size_t n)
{
    uint32_t off = pool_add(d, s, n);
    size_t i;
    if (off != DSR_NOSTR) {
        unsigned char *u = (unsigned char *)d->pool.v + off;
        for (i = 0; i < n; i++) {
            if (u[i] < 0x20 || u[i] == 0x7F) u[i] = ' ';
            else if (u[i] == 0xC2 && i + 1 < n && (u[i + 1] & 0xE0) == 0x80) u[i] = u[i + 1] = ' ';
        }
    }
    return off;
}

/* The first non-empty line of the body, without Markdown '#' marks. */
static uint32_t first_heading(dsr_doc *d, const dsr_text *t)
{
    const char *p = t->s + t->body, *end = t->s + t->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
        const char *a = p;
        while (a < e && (*a == '#' || *a == ' ' || *a == '\t')) a++;
        while (e > a && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t')) e--;
        if (e > a) return pool_add_shown(d, a, (size_t)(e - a) > 200 ? 200 : (size_t)(e - a));
        p = nl ? nl + 1 : end;
    }
    return pool_add(d, "", 0);
}

static const char *base_name(const char *rel)
{
    const char *b = strrchr(rel, '/');
    return b ? b + 1 : rel;
}

static void find_date(dsr_doc *d, const dsr_text *t, const dsr_fm *fm, const dsr_config *cfg)
{
    size_t i;
    int hint = cfg && cfg->date[0] ? atoi(cfg->date) : 0;
    if (fm->date[0]) {
        memcpy(d->date, fm->date, sizeof d->date);
        d->date_source = DSR_DATE_FRONT_MATTER;
        return;
    }
    for (i = 0; cfg && i < cfg->n_dates; i++)
        if (strcmp(cfg->dates[i].path, d->rel) == 0) {
            memcpy(d->date, cfg->dates[i].date, sizeof d->date);
            d->date_source = DSR_DATE_CONFIG;
            return;
        }
    if (dsr_docdate_filename(base_name(d->rel), d->date) && !hint) hint = atoi(d->date);
    d->date[0] = '\0';
    if (dsr_docdate_dateline(t, hint, d->date)) {
        d->date_source = DSR_DATE_DATELINE;
    } else if (dsr_docdate_filename(base_name(d->rel), d->date)) {
        d->date_source = DSR_DATE_FILENAME;
    } else if (cfg && cfg->date[0]) {
        memcpy(d->date, cfg->date, sizeof d->date);
        d->date_source = DSR_DATE_CONFIG;
    } else if (dsr_docdate_infer(t, d->date)) {
        d->date_source = DSR_DATE_INFERRED;
    } else {
        d->date[0] = '\0';
        d->date_source = DSR_DATE_NONE;
    }
}

/* Front matter aliases: "alias: canonical", or a plain name that is
 * another name of the document's title. */
static int keep_aliases(dsr_doc *d, const dsr_fm *fm)
{
    size_t i;
    for (i = 0; i < fm->n_aliases; i++) {
        const char *a = fm->aliases[i], *colon = strchr(a, ':');
        dsr_doc_alias al;
        if (colon) {
            const char *c = colon + 1;
            size_t an = (size_t)(colon - a);
            while (an && a[an - 1] == ' ') an--;
            while (*c == ' ') c++;
            if (!an || !*c) continue;
            al.alias = pool_add(d, a, an);
            al.canonical = pool_add(d, c, strlen(c));
        } else {
            if (!fm->title[0]) continue;
            al.alias = pool_add(d, a, strlen(a));
            al.canonical = pool_add(d, fm->title, strlen(fm->title));
        }
        if (al.alias == DSR_NOSTR || al.canonical == DSR_NOSTR || dsr_vec_push(&d->aliases, al))
            return -1;
    }
    return 0;
}

/* Line numbers, texts and referring words of the events: one pass over
 * the text, events visited in order of their start. */
/* Is st the headline: the first line of the body, a short statement that
 * does not end like a sentence?  (Short also bounds the work: a 10 MB
 * line with 100,000 dates is 100,000 events over one span.) */
static int is_headline(const dsr_text *t, const dsr_span *st)
{
    size_t p = t->body;
    unsigned char last;
    while (p < t->len && (t->s[p] == '#' || t->s[p] == ' ' || t->s[p] == '\t' || t->s[p] == '\r' || t->s[p] == '\n'))
        p++;
    if (st->start != p || st->end <= st->start || st->end > t->len || st->end - st->start > 200 ||
        memchr(t->s + st->start, '\n', st->end - st->start))
        return 0;
    last = (unsigned char)t->s[st->end - 1];
    return last != '.' && last != '?' && last != '!';
}

/* (after dsr_names_scan: the referring words are resolved to its mentions) */
static int event_infos(dsr_doc *d, const dsr_text *t)
{
    size_t i, pos = 0;
    dsr_span st;
    uint32_t line = 1;
    if (dsr_vec_reserve(&d->evi, d->ev.n)) return -1;
    d->evi.n = d->ev.n;
    for (i = 0; i < d->ev.n; i++) {
        const dsr_devent *e = &d->ev.v[i];
        size_t at = e->start < t->len ? e->start : t->len;
        if (at < pos) {             /* out of order: count again */
            pos = 0;
            line = 1;
        }
        for (; pos < at; pos++) line += t->s[pos] == '\n';
        /* zeroed whole: the unused ante[] slots go to the cache file as they are */
        memset(&d->evi.v[i], 0, sizeof d->evi.v[i]);
        d->evi.v[i].line = line;
        d->evi.v[i].text = pool_add_collapsed(d, t->s + e->start,
                                              e->end > e->start && e->end <= t->len ? e->end - e->start : 0);
        if (d->evi.v[i].text == DSR_NOSTR) return -1;
        st.start = e->start;
        st.end = e->end;
        d->evi.v[i].n_ante = (uint32_t)dsr_refs_link(t, &d->de, &st, is_headline(t, &st), d->evi.v[i].ante,
                                                     DSR_EV_ANTE);
    }
    return 0;
}

/* Give back the slack of the doubling vectors: the record lives as long
 * as the index, and the slack was a quarter of its memory. */
static void shrink_vec(void **v, size_t n, size_t *cap, size_t elem)
{
    void *p;
    if (*cap <= n || n == 0) return;
    if ((p = realloc(*v, n * elem))) {
        *v = p;
        *cap = n;
    }
}

#define SHRINK(vec) shrink_vec((void **)&(vec).v, (vec).n, &(vec).cap, sizeof *(vec).v)

static void shrink(dsr_doc *d)
{
    SHRINK(d->tx);
    SHRINK(d->ev);
    SHRINK(d->evi);
    SHRINK(d->aliases);
    SHRINK(d->de.ents);
    SHRINK(d->de.ments);
    SHRINK(d->de.pool);
    SHRINK(d->pool);
}

int dsr_doc_index_text(const char *rel, const char *s, size_t len, const dsr_config *cfg,
                       dsr_doc *d)
{
    dsr_text t;
    dsr_fm fm;
    dsr_spans sent = {0};
    dsr_timex_opts to;
    int r = -1;
    t.s = s;
    t.len = len;
    t.body = 0;
    if (!d->rel && !(d->rel = strdup(rel))) return -1;
    d->size = len;
    d->hash = dsr_hash_bytes(s, len);
    if (dsr_front_matter(&t, &fm)) goto out;
    find_date(d, &t, &fm, cfg);
    d->title = fm.title[0] ? pool_add_shown(d, fm.title, strlen(fm.title)) : first_heading(d, &t);
    if (d->title == DSR_NOSTR || keep_aliases(d, &fm)) goto out;
    to.dmy = cfg ? cfg->dmy : 0;
    if (dsr_timex_scan(&t, d->date, &to, &d->tx)) goto out;
    if (dsr_sentences(&t, &sent)) goto out;
    if (dsr_events_find(&t, &sent, &d->tx, &d->ev)) goto out;
    if (dsr_names_scan(&t, &d->de)) goto out;
    if (event_infos(d, &t)) goto out;
    shrink(d);
    r = 0;
out:
    dsr_fm_free(&fm);
    dsr_vec_free(&sent);
    return r;
}

int dsr_doc_index(const char *root, const char *rel, const dsr_config *cfg,
                  uint64_t max_size, dsr_doc *d, const char **reason)
{
    char path[4096];
    struct stat st;
    size_t len = 0;
    char *s;
    int r;
    memset(d, 0, sizeof *d);
    if ((size_t)snprintf(path, sizeof path, "%s/%s", root, rel) >= sizeof path) {
        *reason = "path too long";
        return 1;
    }
    if (!(s = dsr_doc_load(path, max_size, &len, reason))) return 1;
    if (stat(path, &st) == 0) {
        d->mtime = (int64_t)st.st_mtim.tv_sec;
        d->mtime_ns = (int64_t)st.st_mtim.tv_nsec;
    }
    r = dsr_doc_index_text(rel, s, len, cfg, d);
    free(s);
    if (r) *reason = "out of memory";
    return r;
}

void dsr_doc_free(dsr_doc *d)
{
    if (d->borrowed) {
        memset(d, 0, sizeof *d);
        return;
    }
    free(d->rel);
    dsr_vec_free(&d->tx);
    dsr_vec_free(&d->ev);
    dsr_vec_free(&d->evi);
    dsr_vec_free(&d->aliases);
    dsr_vec_free(&d->pool);
    dsr_docents_free(&d->de);
    memset(d, 0, sizeof *d);
}

/* Copy a vector's elements into a fresh one of the same type. */
static int copy_vec(void **dst, size_t *dn, size_t *dcap, const void *src, size_t n, size_t elem)
{
    *dst = NULL;
    *dn = *dcap = 0;
    if (n == 0) return 0;
    if (!(*dst = malloc(n * elem))) return -1;
    memcpy(*dst, src, n * elem);
    *dn = *dcap = n;
    return 0;
}

#define COPY_VEC(d, s) copy_vec((void **)&(d).v, &(d).n, &(d).cap, (s).v, (s).n, sizeof *(s).v)

int dsr_doc_copy(dsr_doc *dst, const dsr_doc *src)
{
    *dst = *src;
    dst->rel = NULL;
    dst->borrowed = 0;
    if (COPY_VEC(dst->tx, src->tx) | COPY_VEC(dst->ev, src->ev) | COPY_VEC(dst->evi, src->evi) |
        COPY_VEC(dst->aliases, src->aliases) | COPY_VEC(dst->de.ents, src->de.ents) |
        COPY_VEC(dst->de.ments, src->de.ments) | COPY_VEC(dst->de.pool, src->de.pool) |
        COPY_VEC(dst->pool, src->pool) || !(dst->rel = strdup(src->rel))) {
        dsr_doc_free(dst);
        return -1;
    }
    return 0;
}
