/*
 * cache.c -- the index kept on disk between runs.
 *
 * What is kept is both layers of the index (index.h): the per-document
 * records (dsr_doc, document.h), and the folder-wide tables assembled from
 * them (snapshot.c).  The file is a flat image (blob.h): every array starts
 * at a multiple of 8 bytes, so loading is one read into one buffer, which
 * the index then keeps and uses in place -- the loaded records borrow their
 * arrays from it (dsr_doc.borrowed), and when the folder is unchanged the
 * tables are taken from it too instead of being assembled again.
 *
 * One file per indexed folder, in the cache folder (dsr_cache_default_dir:
 * $XDG_CACHE_HOME/dossier or ~/.cache/dossier, created 0700), named by a
 * hash of the folder's real path: <16 hex digits>.dsrc.  Nothing is ever
 * written into the indexed folder.
 *
 * The file:
 *
 *   header     magic "DSRCACHE", format version, layout (the sizes of the
 *              records, which change with the build), the fingerprint of
 *              what extraction depends on (config file, extensions, size
 *              limit, extractor version), payload length and checksum,
 *              document count, root length
 *   payload    the real root path, then per document a fixed record
 *              (size, content hash, mtime, date, counts) followed by its
 *              path (NUL-terminated) and arrays, in path order; then the
 *              tables (snapshot.c), at tables_off, or nothing when 0
 *
 * A file whose magic, version, layout, root, fingerprint, length or
 * checksum is wrong is not used (the folder is indexed from scratch and
 * the file replaced).  A file that passes is still not trusted: every
 * count is checked against the bytes left and every offset against the
 * array or pool it points into, so a damaged or forged file can make the
 * index re-read documents but never read out of bounds.
 *
 * Saving writes a temporary file next to the cache file and renames it
 * over the old one: a reader sees the old file or the new one, never a
 * mix, and two editors saving the same folder at once each replace the
 * file whole.  Nothing is fsync'ed: a cache need not survive a crash of
 * the machine, and whatever a crash leaves (an empty or partly written
 * file under the final name) fails the length or checksum check and is
 * rebuilt.  The fsyncs cost about 30 ms of every refresh of Reuters.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "blob.h"
#include "index.h"

#define CACHE_MAGIC "DSRCACHE"
#define CACHE_VERSION 2u
#define CACHE_MAX ((uint64_t)4 << 30)  /* a larger file is not ours */

typedef struct {
    char magic[8];
    uint32_t version, layout;
    uint64_t fingerprint, payload_len, payload_sum;
    uint32_t n_docs, root_len;
    uint64_t tables_off;        /* payload offset of the tables, or 0 */
} cache_head;

typedef struct {
    uint64_t size, hash;
    int64_t mtime, mtime_ns;
    uint32_t rel_len, title;
    uint32_t n_tx, n_ev, n_alias, n_dent, n_dment, n_depool, n_pool;
    char date[11];
    uint8_t date_source;
} cache_doc;

/* ---- hashing ----------------------------------------------------------- */

static uint64_t mix64(uint64_t h)
{
    h ^= h >> 31;
    h *= 0x7fb5d329728ea185ULL;
    h ^= h >> 27;
    h *= 0x81dadef4bc2dd44dULL;
    h ^= h >> 33;
    return h;
}

/* The payload checksum: four independent lanes of 8-byte words so the
 * multiplications overlap; a few GB/s, which keeps loading I/O-bound.  It
 * can be taken in pieces (sum_add), as the file is written. */
typedef struct {
    uint64_t l[4], total;
    unsigned char tail[32];     /* bytes short of a block */
    size_t nt;
} sum_state;

#define SUM_K 0x9e3779b97f4a7c15ULL

static void sum_init(sum_state *st)
{
    static const uint64_t l0[4] = { 0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL,
                                    0xa4093822299f31d0ULL, 0x082efa98ec4e6c89ULL };
    memcpy(st->l, l0, sizeof l0);
    st->total = 0;
    st->nt = 0;
}

static void sum_blocks(uint64_t *l, const unsigned char *s, size_t blocks)
{
    uint64_t w;
    size_t i;
    for (; blocks > 0; blocks--, s += 32)
        for (i = 0; i < 4; i++) {
            memcpy(&w, s + 8 * i, 8);
            l[i] = (l[i] ^ w) * SUM_K;
            l[i] ^= l[i] >> 29;
        }
}

static void sum_add(sum_state *st, const void *p, size_t n)
{
    const unsigned char *s = p;
    size_t k;
    st->total += n;
    if (st->nt) {
        k = 32 - st->nt < n ? 32 - st->nt : n;
        memcpy(st->tail + st->nt, s, k);
        st->nt += k;
        s += k;
        n -= k;
        if (st->nt < 32) return;
        sum_blocks(st->l, st->tail, 1);
        st->nt = 0;
    }
    sum_blocks(st->l, s, n / 32);
    memcpy(st->tail, s + n / 32 * 32, n % 32);
    st->nt = n % 32;
}

static uint64_t sum_end(const sum_state *st)
{
    const uint64_t *l = st->l;
    uint64_t h = mix64(l[0]) ^ mix64(l[1] + 1) ^ mix64(l[2] + 2) ^ mix64(l[3] + 3);
    size_t i;
    for (i = 0; i < st->nt; i++) h = (h ^ st->tail[i]) * SUM_K;
    return mix64(h ^ st->total);
}

uint64_t dsr_cache_sum(const void *p, size_t n)
{
    sum_state st;
    sum_init(&st);
    sum_add(&st, p, n);
    return sum_end(&st);
}

static uint32_t layout(void)
{
    uint64_t v[] = { sizeof(cache_head), sizeof(cache_doc), sizeof(dsr_timex), sizeof(dsr_devent),
                     sizeof(dsr_evinfo), sizeof(dsr_doc_alias), sizeof(dsr_dent), sizeof(dsr_dment),
                     DSR_EXTRACT_VERSION, dsr_snap_layout() };
    return (uint32_t)dsr_cache_sum(v, sizeof v);
}

/* What a document's record depends on besides its bytes. */
uint64_t dsr_cache_fingerprint(const dsr_index *ix)
{
    char path[4096];
    uint64_t h = mix64(DSR_EXTRACT_VERSION) ^ mix64(ix->max_size + 7);
    size_t i;
    FILE *f;
    for (i = 0; ix->ext && ix->ext[i]; i++) h = mix64(h ^ dsr_cache_sum(ix->ext[i], strlen(ix->ext[i])));
    snprintf(path, sizeof path, "%s/%s", ix->root, DSR_CONFIG_NAME);
    if ((f = fopen(path, "rb"))) {
        char buf[8192];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0) h = mix64(h ^ dsr_cache_sum(buf, n));
        fclose(f);
    }
    return h;
}

/* ---- where ------------------------------------------------------------- */

char *dsr_cache_default_dir(void)
{
    const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char buf[4096];
    if (x && x[0] == '/') snprintf(buf, sizeof buf, "%s/dossier", x);
    else if (home && home[0] == '/') snprintf(buf, sizeof buf, "%s/.cache/dossier", home);
    else return NULL;
    return strdup(buf);
}

/* The cache file of the index's folder, or -1 when the path is too long. */
static int cache_path(const dsr_index *ix, char *out, size_t cap)
{
    const char *real = ix->real_root ? ix->real_root : ix->root;
    uint64_t h = dsr_cache_sum(real, strlen(real));
    int n = snprintf(out, cap, "%s/%016llx.dsrc", ix->cache_dir, (unsigned long long)h);
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

/* mkdir -p, new folders 0700: the cache says what the briefings contain. */
static int make_dirs(const char *dir)
{
    char buf[4096];
    size_t i, n = strlen(dir);
    if (n == 0 || n >= sizeof buf) return -1;
    memcpy(buf, dir, n + 1);
    for (i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0') continue;
        buf[i] = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST) return -1;
        buf[i] = i < n ? '/' : '\0';
    }
    return 0;
}

/* ---- saving ------------------------------------------------------------ */

static int put_doc(dsr_wbuf *w, const dsr_doc *d)
{
    cache_doc h;
    memset(&h, 0, sizeof h);
    h.size = d->size;
    h.hash = d->hash;
    h.mtime = d->mtime;
    h.mtime_ns = d->mtime_ns;
    h.rel_len = (uint32_t)strlen(d->rel);
    h.title = d->title;
    h.n_tx = (uint32_t)d->tx.n;
    h.n_ev = (uint32_t)d->ev.n;
    h.n_alias = (uint32_t)d->aliases.n;
    h.n_dent = (uint32_t)d->de.ents.n;
    h.n_dment = (uint32_t)d->de.ments.n;
    h.n_depool = (uint32_t)d->de.pool.n;
    h.n_pool = (uint32_t)d->pool.n;
    memcpy(h.date, d->date, sizeof h.date);
    h.date_source = d->date_source;
    if (d->evi.n != d->ev.n) return -1;
    return dsr_put(w, &h, sizeof h) || dsr_put(w, d->rel, h.rel_len + 1) ||
           dsr_put(w, d->tx.v, d->tx.n * sizeof *d->tx.v) ||
           dsr_put(w, d->ev.v, d->ev.n * sizeof *d->ev.v) ||
           dsr_put(w, d->evi.v, d->evi.n * sizeof *d->evi.v) ||
           dsr_put(w, d->aliases.v, d->aliases.n * sizeof *d->aliases.v) ||
           dsr_put(w, d->de.ents.v, d->de.ents.n * sizeof *d->de.ents.v) ||
           dsr_put(w, d->de.ments.v, d->de.ments.n * sizeof *d->de.ments.v) ||
           dsr_put(w, d->de.pool.v, d->de.pool.n) || dsr_put(w, d->pool.v, d->pool.n);
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Temporary files of this cache file left by a writer that was killed
 * between creating and renaming them.  One still being written is fresh,
 * so only those untouched for STALE_TMP seconds go. */
#define STALE_TMP 600

static void remove_stale(const char *dir, const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t bn = strlen(base);
    time_t now = time(NULL);
    struct dirent *e;
    DIR *d = opendir(dir);
    if (!d) return;
    while ((e = readdir(d))) {
        char p[4300];
        struct stat st;
        if (strncmp(e->d_name, base, bn) != 0 || e->d_name[bn] != '.') continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > STALE_TMP) unlink(p);
    }
    closedir(d);
}

/* Where the writer's bytes go: the temporary file, and the checksum of
 * all but the header (written first as a placeholder, last for real). */
typedef struct {
    int fd;
    uint64_t at;                /* bytes written */
    sum_state sum;
    int failed;                 /* a write failed (not memory) */
} save_sink;

static int sink_write(void *ctx, const void *p, size_t n)
{
    save_sink *k = ctx;
    size_t skip = k->at < sizeof(cache_head) ? (size_t)(sizeof(cache_head) - k->at) : 0;
    if (skip > n) skip = n;
    if (write_all(k->fd, p, n)) {
        k->failed = 1;
        return -1;
    }
    sum_add(&k->sum, (const char *)p + skip, n - skip);
    k->at += n;
    return 0;
}

/* The image, into the open file k->fd: records, then tables. */
static int write_image(dsr_index *ix, save_sink *k)
{
    const char *real = ix->real_root ? ix->real_root : ix->root;
    dsr_wbuf w;
    cache_head h;
    uint64_t docs_end;
    size_t i;
    int r = -1;
    memset(&w, 0, sizeof w);
    w.sink = sink_write;
    w.ctx = k;
    memset(&h, 0, sizeof h);
    if (dsr_put(&w, &h, sizeof h) || dsr_put(&w, real, strlen(real))) goto out;
    for (i = 0; i < ix->docs.n; i++)
        if (put_doc(&w, &ix->docs.v[i])) goto out;
    docs_end = w.done + w.n;
    if (dsr_snap_save(ix, &w) || dsr_drain(&w)) goto out;
    memcpy(h.magic, CACHE_MAGIC, 8);
    h.version = CACHE_VERSION;
    h.layout = layout();
    h.fingerprint = ix->fingerprint;
    h.payload_len = k->at - sizeof h;
    h.payload_sum = sum_end(&k->sum);
    h.n_docs = (uint32_t)ix->docs.n;
    h.root_len = (uint32_t)strlen(real);
    h.tables_off = docs_end - sizeof h;
    if (pwrite(k->fd, &h, sizeof h, 0) != (ssize_t)sizeof h) k->failed = 1;
    else r = 0;
out:
    dsr_vec_free(&w);
    return r;
}

int dsr_cache_save(dsr_index *ix)
{
    char path[4200], tmp[4300];
    save_sink k;
    int r;
    if (!ix->cache_dir) return 0;
    if (cache_path(ix, path, sizeof path) || make_dirs(ix->cache_dir)) {
        ix->stats.cache_note = "cannot create the cache folder";
        return -1;
    }
    memset(&k, 0, sizeof k);
    sum_init(&k.sum);
    snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
    if ((k.fd = mkstemp(tmp)) < 0) {
        ix->stats.cache_note = "cannot write the cache file";
        return -1;
    }
    r = write_image(ix, &k);
    if (close(k.fd)) r = -1, k.failed = 1;
    /* On any failure the old file stays: its records are still checked
     * file by file against the folder when it is next used. */
    if (r || rename(tmp, path)) {
        unlink(tmp);
        ix->stats.cache_note = r && !k.failed ? "out of memory saving the cache" : "cannot write the cache file";
        return -1;
    }
    remove_stale(ix->cache_dir, path);
    ix->stats.cache_written = 1;
    return 0;
}

/* ---- loading ----------------------------------------------------------- */

/* Point vec at the next `count` records of the image (NULL when none). */
#define GET(r, vec, count) \
    (((vec).v = dsr_get((r), (count), sizeof *(vec).v)) == NULL ? -1 \
     : ((vec).n = (vec).cap = (count), (count) ? 0 : ((vec).v = NULL, 0)))

static int str_in(const char *pool, size_t n, uint32_t off)
{
    return off < n;                 /* the pool ends with a NUL (checked) */
}

/* A NUL-separated list ending with an empty string, inside the pool. */
static int list_in(const char *pool, size_t n, uint32_t off)
{
    size_t p = off;
    while (p < n && pool[p]) p += strlen(pool + p) + 1;
    return p < n;
}

/* The image is mapped read-only: a string of a fixed array that does not
 * end inside it is refused, not cut. */
#define ENDED(s) (memchr((s), '\0', sizeof(s)) != NULL)

/* Is the record sane?  Offsets inside pools, spans inside the document,
 * references inside arrays; fixed strings are cut to their arrays. */
static int check_doc(dsr_doc *d)
{
    size_t i;
    const char *pool = d->pool.v, *dp = d->de.pool.v;
    size_t pn = d->pool.n, dn = d->de.pool.n;
    if (pn && pool[pn - 1]) return -1;
    if (dn && dp[dn - 1]) return -1;
    if (!str_in(pool, pn, d->title)) return -1;
    if (d->date_source > DSR_DATE_INFERRED) return -1;
    d->date[sizeof d->date - 1] = '\0';        /* a copy, in the record */
    for (i = 0; i < d->tx.n; i++) {
        dsr_timex *x = &d->tx.v[i];
        if (x->start > x->end || x->end > d->size || x->type > DSR_TX_SET) return -1;
        if (!ENDED(x->value) || !ENDED(x->mod) || !ENDED(x->end_value)) return -1;
    }
    for (i = 0; i < d->ev.n; i++) {
        dsr_devent *e = &d->ev.v[i];
        if (e->start > e->end || e->end > d->size) return -1;
        if (!str_in(pool, pn, d->evi.v[i].text) || d->evi.v[i].n_ante > DSR_EV_ANTE) return -1;
        if (!ENDED(e->date) || !ENDED(e->end_date)) return -1;
    }
    for (i = 0; i < d->aliases.n; i++)
        if (!str_in(pool, pn, d->aliases.v[i].alias) || !str_in(pool, pn, d->aliases.v[i].canonical))
            return -1;
    for (i = 0; i < d->de.ents.n; i++) {
        const dsr_dent *e = &d->de.ents.v[i];
        if (!str_in(dp, dn, e->name) || e->type > DSR_OTHER) return -1;
        if (e->aliases != DSR_NOSTR && !list_in(dp, dn, e->aliases)) return -1;
        if (e->desc != DSR_NOSTR && !str_in(dp, dn, e->desc)) return -1;
        if (e->desc_start > e->desc_end || e->desc_end > d->size) return -1;
    }
    for (i = 0; i < d->de.ments.n; i++) {
        const dsr_dment *m = &d->de.ments.v[i];
        if (m->ent >= d->de.ents.n || m->start > m->end || m->end > d->size) return -1;
    }
    return 0;
}

/* The next document of the image, borrowing its arrays. */
static int read_doc(dsr_rbuf *r, dsr_doc *d)
{
    const cache_doc *h;
    memset(d, 0, sizeof *d);
    if (!(h = dsr_get(r, 1, sizeof *h))) return -1;
    if (h->rel_len == 0 || h->rel_len > 4096 || !(d->rel = dsr_get(r, h->rel_len + 1, 1))) return -1;
    if (memchr(d->rel, '\0', h->rel_len) || d->rel[h->rel_len]) return -1;
    d->borrowed = 1;
    d->size = h->size;
    d->hash = h->hash;
    d->mtime = h->mtime;
    d->mtime_ns = h->mtime_ns;
    memcpy(d->date, h->date, sizeof d->date);
    d->date_source = h->date_source;
    d->title = h->title;
    if (GET(r, d->tx, h->n_tx) || GET(r, d->ev, h->n_ev) || GET(r, d->evi, h->n_ev) ||
        GET(r, d->aliases, h->n_alias) || GET(r, d->de.ents, h->n_dent) ||
        GET(r, d->de.ments, h->n_dment) || GET(r, d->de.pool, h->n_depool) ||
        GET(r, d->pool, h->n_pool))
        return -1;
    return check_doc(d);
}

/* Map the whole file read-only; NULL when absent, unreadable or too short
 * to be ours (*len still set).  Mapped, not read: the pages are the page
 * cache's, so loading copies nothing (reading 50 MB into fresh memory cost
 * more than everything else a reopen does).  Writers never change a cache
 * file in place (they rename a new one over it), so the mapping stays
 * whole while the index uses it. */
static char *map_file(const char *path, size_t *len)
{
    struct stat st;
    void *p;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    *len = 0;
    if (fd < 0) return NULL;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > CACHE_MAX) {
        close(fd);
        return NULL;
    }
    *len = (size_t)st.st_size;
    p = *len < sizeof(cache_head) ? MAP_FAILED
        : mmap(NULL, *len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

void dsr_cache_unmap(dsr_index *ix)
{
    if (ix->blob) munmap(ix->blob, ix->blob_len);
    ix->blob = NULL;
    ix->blob_len = ix->tables_at = 0;
}

/* The header's verdict on the file: NULL when it may be read, else why not. */
static const char *check_head(const dsr_index *ix, const cache_head *h, const char *buf, size_t len)
{
    const char *real = ix->real_root ? ix->real_root : ix->root;
    if (len < sizeof *h || memcmp(h->magic, CACHE_MAGIC, 8) != 0) return "not a cache file";
    if (h->version != CACHE_VERSION || h->layout != layout()) return "cache file of another version";
    if (h->payload_len != len - sizeof *h) return "truncated cache file";
    if (h->payload_sum != dsr_cache_sum(buf + sizeof *h, len - sizeof *h)) return "damaged cache file (checksum)";
    if (h->root_len != strlen(real) || h->root_len > len - sizeof *h ||
        memcmp(buf + sizeof *h, real, h->root_len) != 0)
        return "cache file of another folder";
    if (h->fingerprint != ix->fingerprint) return "config or extractors changed";
    return NULL;
}

/* The documents of the image, in path order (each after the one before). */
static int read_docs(dsr_rbuf *r, uint32_t n, dsr_docs *out)
{
    size_t i;
    if (n > (r->n - r->pos) / sizeof(cache_doc) || dsr_vec_reserve(out, n)) return -1;
    for (i = 0; i < n; i++) {
        if (read_doc(r, &out->v[i])) return -1;
        out->n++;
        if (i > 0 && strcmp(out->v[i - 1].rel, out->v[i].rel) >= 0) return -1;
    }
    return 0;
}

int dsr_cache_load(dsr_index *ix, dsr_docs *out)
{
    char path[4200];
    cache_head h;
    dsr_rbuf r;
    size_t len = 0;
    char *buf;
    const char *why;
    memset(out, 0, sizeof *out);
    if (!ix->cache_dir || cache_path(ix, path, sizeof path)) return 0;
    if (!(buf = map_file(path, &len))) {
        ix->stats.cache_note = len || access(path, F_OK) == 0 ? "not a cache file" : "no cache file";
        return 0;
    }
    memset(&h, 0, sizeof h);
    memcpy(&h, buf, len < sizeof h ? len : sizeof h);
    if ((why = check_head(ix, &h, buf, len))) {
        ix->stats.cache_note = why;
        munmap(buf, len);
        return 0;
    }
    r.p = buf;
    r.n = len;
    r.pos = sizeof h;
    if (!dsr_get(&r, h.root_len, 1) || read_docs(&r, h.n_docs, out) ||
        (h.tables_off ? r.pos - sizeof h != h.tables_off : r.pos != r.n)) {
        ix->stats.cache_note = "damaged cache file";
        dsr_vec_free(out);              /* the records borrow from buf */
        munmap(buf, len);
        return 0;
    }
    dsr_cache_unmap(ix);
    ix->blob = buf;
    ix->blob_len = len;
    ix->tables_at = h.tables_off ? sizeof h + h.tables_off : 0;
    ix->stats.cache_note = "";
    return 0;
}
