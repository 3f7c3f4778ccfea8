/*
 * rows.c -- the index as picker rows: events and entities for fuzzy.c.
 *
 * An event's row is the one line a picker shows for it:
 *
 *     2010-02-09   Wang met with Kim in Pyongyang.  (brief.md:12)
 *
 * the date (start..end for a range) padded to 12 columns, a space, the
 * statement (white space already collapsed by document.c), two spaces,
 * path:line in parentheses -- the format lua/dossier/timeline.lua uses
 * when it has to make rows itself.  The rows of all
 * events are built once per assembly into one buffer (`rows`, each row
 * NUL-terminated, row i at row_off[i], row_off[n] the end) so a query
 * touches no allocator and the Lua layer can hand out `row` without
 * formatting it again.  Fuzzy positions are byte offsets into this text.
 *
 * An entity's candidate is its name and aliases joined by spaces ("North
 * Korea DPRK"), packed the same way per query (entity_rows) -- far fewer
 * than the events, and only the entity pickers ask.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzzy.h"
#include "index.h"

int dsr_rows_build(dsr_index *ix)
{
    size_t i, total = 0;
    char *p;
    free(ix->rows);
    free(ix->row_off);
    ix->rows = NULL;
    ix->row_off = NULL;
    for (i = 0; i < ix->n_events; i++) {
        const dsr_event *ev = &ix->events[i];
        total += strlen(ev->date) + strlen(ev->end_date) + strlen(ev->text) +
                 strlen(ix->documents[ev->doc].path) + 32;   /* padding, separators, line */
    }
    if (total >= UINT32_MAX) return -1;
    if (!(ix->rows = malloc(total + 1)) || !(ix->row_off = malloc((ix->n_events + 1) * sizeof *ix->row_off)))
        return -1;
    p = ix->rows;
    /* Pieces copied rather than formatted: snprintf was a tenth of
     * reopening a folder from the cache. */
    for (i = 0; i < ix->n_events; i++) {
        const dsr_event *ev = &ix->events[i];
        const char *path = ix->documents[ev->doc].path;
        size_t dn = strlen(ev->date), en = strlen(ev->end_date), tn = strlen(ev->text);
        size_t pn = strlen(path), w = dn + (en ? 2 + en : 0);
        char num[16];
        int nn = snprintf(num, sizeof num, ":%u)", (unsigned)ev->line);
        ix->row_off[i] = (uint32_t)(p - ix->rows);
        memcpy(p, ev->date, dn);
        p += dn;
        if (en) {
            memcpy(p, "..", 2);
            memcpy(p + 2, ev->end_date, en);
            p += 2 + en;
        }
        for (; w < 12; w++) *p++ = ' ';    /* the date padded to 12 columns */
        *p++ = ' ';
        memcpy(p, ev->text, tn);
        p += tn;
        memcpy(p, "  (", 3);
        memcpy(p + 3, path, pn);
        p += 3 + pn;
        memcpy(p, num, (size_t)nn);
        p += nn;
        *p++ = '\0';
    }
    ix->row_off[ix->n_events] = (uint32_t)(p - ix->rows);
    return 0;
}

const char *dsr_event_row(const dsr_index *ix, uint32_t event, size_t *len)
{
    if (!ix || event >= ix->n_events || !ix->rows) {
        if (len) *len = 0;
        return NULL;
    }
    if (len) *len = ix->row_off[event + 1] - ix->row_off[event] - 1;
    return ix->rows + ix->row_off[event];
}

size_t dsr_fz_events(const dsr_index *ix, const char *query, size_t qlen, long entity,
                     const char *from, const char *to, size_t k, dsr_fuzzy_hit *out,
                     const int *cancel)
{
    dsr_fzq q;
    dsr_fzsrc src;
    uint32_t *sel = NULL;
    size_t n, got;
    if (!ix || !ix->rows || dsr_fzq_init(&q, query, qlen)) return 0;
    memset(&src, 0, sizeof src);
    src.buf = ix->rows;
    src.off = ix->row_off;
    src.n = ix->n_events;
    src.cancel = cancel;
    if (entity >= 0 || (from && *from) || (to && *to)) {
        if (!(sel = dsr_events_select(ix, entity, from, to, &n))) return 0;
        src.subset = sel;
        src.n = n;
    }
    got = dsr_fz_top(&q, &src, k, out);
    free(sel);
    return got;
}

size_t dsr_fuzzy_events(const dsr_index *ix, const char *query, size_t qlen, long entity,
                        const char *from, const char *to, size_t k, dsr_fuzzy_hit *out)
{
    return dsr_fz_events(ix, query, qlen, entity, from, to, k, out, NULL);
}

/* An entity's candidate text: its name, then its aliases, space-separated
 * ("North Korea DPRK"), so a query by any of its names finds it.  Packed
 * like the event rows (NUL after each, row i at off[i]); NULL without
 * memory.  *off_out gets the offsets. */
static char *entity_rows(const dsr_index *ix, uint32_t **off_out)
{
    size_t i, a, total = 1;
    char *buf, *p;
    uint32_t *off;
    for (i = 0; i < ix->n_entities; i++) {
        const dsr_entity *e = &ix->entities[i];
        total += strlen(e->name) + 1;
        for (a = 0; a < e->n_aliases; a++) total += strlen(e->aliases[a]) + 1;
    }
    if (total >= UINT32_MAX) return NULL;
    buf = malloc(total);
    off = malloc((ix->n_entities + 1) * sizeof *off);
    if (!buf || !off) {
        free(buf);
        free(off);
        return NULL;
    }
    for (p = buf, i = 0; i < ix->n_entities; i++) {
        const dsr_entity *e = &ix->entities[i];
        size_t n = strlen(e->name);
        off[i] = (uint32_t)(p - buf);
        memcpy(p, e->name, n);
        p += n;
        for (a = 0; a < e->n_aliases; a++) {
            n = strlen(e->aliases[a]);
            *p++ = ' ';
            memcpy(p, e->aliases[a], n);
            p += n;
        }
        *p++ = '\0';
    }
    off[ix->n_entities] = (uint32_t)(p - buf);
    *off_out = off;
    return buf;
}

size_t dsr_fz_entities(const dsr_index *ix, const char *query, size_t qlen, size_t k,
                       dsr_fuzzy_hit *out, const int *cancel)
{
    dsr_fzq q;
    dsr_fzsrc src;
    float *rank;
    uint32_t *off = NULL;
    char *buf;
    size_t i, got = 0;
    if (!ix || dsr_fzq_init(&q, query, qlen)) return 0;
    rank = malloc((ix->n_entities + 1) * sizeof *rank);
    buf = rank ? entity_rows(ix, &off) : NULL;
    if (buf) {
        for (i = 0; i < ix->n_entities; i++) rank[i] = (float)ix->entities[i].n_names;
        memset(&src, 0, sizeof src);
        src.buf = buf;
        src.off = off;
        src.rank = rank;
        src.n = ix->n_entities;
        src.cancel = cancel;
        got = dsr_fz_top(&q, &src, k, out);
    }
    free(buf);
    free(off);
    free(rank);
    return got;
}

size_t dsr_fuzzy_entities(const dsr_index *ix, const char *query, size_t qlen, size_t k,
                          dsr_fuzzy_hit *out)
{
    return dsr_fz_entities(ix, query, qlen, k, out, NULL);
}
