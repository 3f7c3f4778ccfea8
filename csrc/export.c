/*
 * export.c -- the folder export of shared/eval/FORMAT.md, as JSON.
 *
 * Built as a cJSON tree and printed once: cJSON escapes every string
 * (quotes, control characters), and invalid UTF-8 from a document is
 * replaced by U+FFFD first so the output is always valid JSON text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "index.h"

/* Length of a valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    size_t len, i;
    unsigned cp;
    if (s[0] < 0x80) return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) { len = 2; cp = s[0] & 0x1F; }
    else if (s[0] >= 0xE0 && s[0] <= 0xEF) { len = 3; cp = s[0] & 0x0F; }
    else if (s[0] >= 0xF0 && s[0] <= 0xF4) { len = 4; cp = s[0] & 0x07; }
    else return 0;
    if (len > n) return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;                       /* overlong or surrogate */
    return len;
}

/* A cJSON string of s with invalid UTF-8 replaced; NULL s gives null. */
static cJSON *jstr(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n, i, k = 0;
    char small[256], *buf;
    cJSON *j;
    if (!s) return cJSON_CreateNull();
    n = strlen(s);
    for (i = 0; i < n; i++)
        if (u[i] >= 0x80) break;
    if (i == n) return cJSON_CreateString(s);
    buf = n * 3 + 1 <= sizeof small ? small : malloc(n * 3 + 1);
    if (!buf) return NULL;
    for (i = 0; i < n;) {
        size_t l = utf8_seq(u + i, n - i);
        if (l) {
            memcpy(buf + k, s + i, l);
            k += l;
            i += l;
        } else {
            memcpy(buf + k, "\xEF\xBF\xBD", 3);
            k += 3;
            i++;
        }
    }
    buf[k] = '\0';
    j = cJSON_CreateString(buf);
    if (buf != small) free(buf);
    return j;
}

/* Attach v to o (an object, or an array: k unused).  Adding to an object
 * copies the key and can fail: then v is not attached, is freed here, and
 * the export fails rather than silently missing a field. */
static int add(cJSON *o, const char *k, cJSON *v)
{
    if (!v) return -1;
    if (!(cJSON_IsArray(o) ? cJSON_AddItemToArray(o, v) : cJSON_AddItemToObject(o, k, v))) {
        cJSON_Delete(v);
        return -1;
    }
    return 0;
}

static int add_num(cJSON *o, const char *k, double v) { return add(o, k, cJSON_CreateNumber(v)); }
static int add_str(cJSON *o, const char *k, const char *s) { return add(o, k, jstr(s)); }
static int add_opt(cJSON *o, const char *k, const char *s) { return add(o, k, s && *s ? jstr(s) : cJSON_CreateNull()); }

static int eid(char *buf, size_t n, uint32_t e) { return snprintf(buf, n, "e%u", e); }

static cJSON *export_timex(const dsr_timex_rec *t)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || add_num(o, "start", t->start) || add_num(o, "end", t->end) ||
        add_str(o, "type", dsr_timex_type_name(t->type)) || add_str(o, "value", t->value) ||
        add_opt(o, "mod", t->mod) || (t->end_value[0] && add_str(o, "end_value", t->end_value))) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *export_event(const dsr_event *e)
{
    cJSON *o = cJSON_CreateObject(), *ents;
    uint32_t k;
    if (!o || add_str(o, "date", e->date) || add_opt(o, "end_date", e->end_date) ||
        add_num(o, "start", e->start) || add_num(o, "end", e->end) || add_num(o, "line", e->line) ||
        add_str(o, "text", e->text) || add(o, "entities", ents = cJSON_CreateArray()))
        goto fail;
    for (k = 0; k < e->n_entities; k++) {
        char id[16];
        eid(id, sizeof id, e->entities[k]);
        if (add(ents, "", cJSON_CreateString(id))) goto fail;
    }
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

static cJSON *export_document(const dsr_index *ix, uint32_t i, const uint32_t *doc_events,
                              const uint32_t *first)
{
    const dsr_document *d = &ix->documents[i];
    cJSON *o = cJSON_CreateObject(), *tx, *ev;
    uint32_t k;
    if (!o || add_str(o, "path", d->path) || add_str(o, "title", d->title) ||
        add_opt(o, "date", d->date) || add_str(o, "date_source", dsr_date_source_name(d->date_source)) ||
        add(o, "timexes", tx = cJSON_CreateArray()) || add(o, "events", ev = cJSON_CreateArray()))
        goto fail;
    for (k = 0; k < d->n_timexes; k++)
        if (add(tx, "", export_timex(&ix->timexes[d->first_timex + k]))) goto fail;
    for (k = first[i]; k < first[i + 1]; k++)
        if (add(ev, "", export_event(&ix->events[doc_events[k]]))) goto fail;
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

static cJSON *export_entity(const dsr_index *ix, uint32_t i)
{
    const dsr_entity *e = &ix->entities[i];
    cJSON *o = cJSON_CreateObject(), *al, *ms;
    char id[16];
    uint32_t k;
    eid(id, sizeof id, i);
    if (!o || add_str(o, "id", id) || add_str(o, "name", e->name) ||
        add_str(o, "type", dsr_type_name(e->type)) || add(o, "aliases", al = cJSON_CreateArray()) ||
        add_opt(o, "description", e->description) || add(o, "mentions", ms = cJSON_CreateArray()))
        goto fail;
    if (e->description && (add_str(o, "description_path", ix->documents[e->desc_doc].path) ||
                           add_num(o, "description_start", e->desc_start)))
        goto fail;
    for (k = 0; k < e->n_aliases; k++)
        if (add(al, "", jstr(e->aliases[k]))) goto fail;
    for (k = 0; k < e->n_mentions; k++) {
        const dsr_mention *m = &e->mentions[k];
        cJSON *mo = cJSON_CreateObject();
        if (add(ms, "", mo) || add_str(mo, "path", ix->documents[m->doc].path) ||
            add_num(mo, "start", m->start) || add_num(mo, "end", m->end))
            goto fail;
    }
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

typedef struct { uint32_t doc, start, ev; } evpos;

static int cmp_pos(const void *a, const void *b)
{
    const evpos *x = a, *y = b;
    if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return (x->ev > y->ev) - (x->ev < y->ev);
}

char *dsr_index_export_json(const dsr_index *ix, int pretty)
{
    cJSON *root = cJSON_CreateObject(), *docs, *ents, *skipped;
    uint32_t *doc_events = NULL, *first = NULL, i;
    evpos *order = NULL;
    size_t nd = ix->docs.n;
    char *out = NULL;
    /* Events are kept in date order; the export lists them per document in
     * text order: sort (doc, start, event) triples, then count per doc. */
    doc_events = malloc((ix->n_events ? ix->n_events : 1) * sizeof *doc_events);
    order = malloc((ix->n_events ? ix->n_events : 1) * sizeof *order);
    first = calloc(nd + 1, sizeof *first);
    if (!root || !doc_events || !order || !first) goto out;
    for (i = 0; i < ix->n_events; i++) {
        order[i].doc = ix->events[i].doc;
        order[i].start = ix->events[i].start;
        order[i].ev = i;
    }
    qsort(order, ix->n_events, sizeof *order, cmp_pos);
    for (i = 0; i < ix->n_events; i++) {
        doc_events[i] = order[i].ev;
        first[order[i].doc + 1]++;
    }
    for (i = 1; i <= nd; i++) first[i] += first[i - 1];
    if (add_num(root, "version", 1) || add_str(root, "root", ix->root) ||
        add(root, "documents", docs = cJSON_CreateArray()) ||
        add(root, "entities", ents = cJSON_CreateArray()) ||
        add(root, "skipped", skipped = cJSON_CreateArray()))
        goto out;
    for (i = 0; i < nd; i++)
        if (add(docs, "", export_document(ix, i, doc_events, first))) goto out;
    for (i = 0; i < ix->n_entities; i++)
        if (add(ents, "", export_entity(ix, i))) goto out;
    for (i = 0; i < ix->skips.n; i++) {
        cJSON *s = cJSON_CreateObject();
        if (add(skipped, "", s) || add_str(s, "path", ix->skip_recs[i].path) ||
            add_str(s, "reason", ix->skip_recs[i].reason))
            goto out;
    }
    out = pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
out:
    cJSON_Delete(root);
    free(doc_events);
    free(order);
    free(first);
    return out;
}
