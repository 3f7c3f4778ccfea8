/*
 * fuzz_cache.c -- the cache loader (dsr_cache_load), past its checks.
 *
 * A cache file with a bad checksum is refused at once, so random bytes
 * would never reach the record parser.  The harness therefore indexes a
 * small folder once (which writes a real cache file), keeps that file's
 * header as a template, and for each input writes
 *
 *     template header (document count, length, checksum made right)
 *     + the folder's real path + input[1..]   with input[0] documents
 *
 * then loads it, and if records come back, makes the folder tables from
 * the file (snapshot.c) and looks things up in them, then assembles the
 * index from the records and exports it, as an editor would after loading
 * the cache.  Mutations of the seed that keep the records' length reach
 * the tables' parser.  The header
 * fields are found by value, not by offset, so the harness follows the
 * layout of cache.c without knowing it.  The seed (run.sh writes it with
 * FUZZ_CACHE_SEED=path) is the real file's records.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fuzz_common.h"
#include "index.h"

static dsr_index *fc_ix;
static char fc_base[256], fc_file[4300];
static unsigned char *fc_head;          /* the header, before the root path */
static size_t fc_hlen, fc_off_len, fc_off_sum, fc_off_n;
static unsigned char *fc_seed;
static size_t fc_seed_len;

static void fc_put(const char *dir, const char *rel, const char *text)
{
    char p[600];
    FILE *f;
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    if (!(f = fopen(p, "w"))) abort();
    fputs(text, f);
    fclose(f);
}

static void fc_cleanup(void)
{
    char cmd[400];
    if (!fc_base[0]) return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fc_base);
    if (system(cmd)) {}
}

/* Offset of the only occurrence of v (n bytes) in h[0..hl), else abort. */
static size_t fc_find(const unsigned char *h, size_t hl, const void *v, size_t n, int last)
{
    size_t i, at = (size_t)-1;
    for (i = 0; i + n <= hl; i++)
        if (memcmp(h + i, v, n) == 0) {
            at = i;
            if (!last) break;
        }
    if (at == (size_t)-1) {
        fprintf(stderr, "fuzz_cache: the cache header has changed shape\n");
        abort();
    }
    return at;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char folder[400], cache[400], *err = NULL;
    dsr_options opt;
    DIR *d;
    struct dirent *de;
    unsigned char *buf;
    size_t len, rl;
    FILE *f;
    struct stat st;
    uint64_t plen, psum;
    uint32_t rl32, nd = 5;
    const char *seed_out = getenv("FUZZ_CACHE_SEED");
    (void)argc;
    (void)argv;
    snprintf(fc_base, sizeof fc_base, "%s/dossier-fuzz-cache-XXXXXX",
             stat("/dev/shm", &st) == 0 && access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(fc_base)) abort();
    atexit(fc_cleanup);
    snprintf(folder, sizeof folder, "%s/folder", fc_base);
    snprintf(cache, sizeof cache, "%s/cache", fc_base);
    mkdir(folder, 0755);
    {
        char sub[500];
        snprintf(sub, sizeof sub, "%s/sub", folder);
        mkdir(sub, 0755);
    }
    fc_put(folder, "a.md", "---\ntitle: Talks\ndate: 2010-03-01\naliases: [DPRK: North Korea]\n---\n\n"
                           "Kim Jong Il met the U.S. envoy Stephen Bosworth in Pyongyang on Feb. 9, 2010.\n");
    fc_put(folder, "b.txt", "GENEVA, March 3, 2010 -- The International Atomic Energy Agency said on Tuesday "
                            "that talks would resume next week.\n");
    fc_put(folder, "sub/c.md", "# Notes\n\nAirbus chief executive Tom Enders flew to Toulouse in April 2010.\n");
    fc_put(folder, "sub/d.md", "Nothing dated here, only Angela Merkel and the European Union.\n");
    fc_put(folder, "e.md", "");
    memset(&opt, 0, sizeof opt);
    opt.cache_dir = cache;
    if (!(fc_ix = dsr_index_open(folder, &opt, &err))) {
        fprintf(stderr, "fuzz_cache: %s\n", err ? err : "cannot index");
        abort();
    }
    if (!(d = opendir(cache))) abort();
    while ((de = readdir(d)))
    {
        size_t l = strlen(de->d_name);
        if (l > 5 && strcmp(de->d_name + l - 5, ".dsrc") == 0)
            snprintf(fc_file, sizeof fc_file, "%s/%s", cache, de->d_name);
    }
    closedir(d);
    if (!fc_file[0] || stat(fc_file, &st)) {
        fprintf(stderr, "fuzz_cache: no cache file was written\n");
        abort();
    }
    len = (size_t)st.st_size;
    if (!(buf = malloc(len)) || !(f = fopen(fc_file, "rb")) || fread(buf, 1, len, f) != len) abort();
    fclose(f);
    rl = strlen(fc_ix->real_root);
    fc_hlen = fc_find(buf, len, fc_ix->real_root, rl, 0);
    plen = len - fc_hlen;
    psum = dsr_cache_sum(buf + fc_hlen, plen);
    rl32 = (uint32_t)rl;
    fc_off_len = fc_find(buf, fc_hlen, &plen, 8, 0);
    fc_off_sum = fc_find(buf, fc_hlen, &psum, 8, 0);
    fc_off_n = fc_find(buf, fc_find(buf, fc_hlen, &rl32, 4, 1), &nd, 4, 1);
    if (!(fc_head = malloc(fc_hlen))) abort();
    memcpy(fc_head, buf, fc_hlen);
    fc_seed_len = 1 + len - fc_hlen - rl;
    if (!(fc_seed = malloc(fc_seed_len))) abort();
    fc_seed[0] = (unsigned char)nd;
    memcpy(fc_seed + 1, buf + fc_hlen + rl, fc_seed_len - 1);
    free(buf);
    if (seed_out) {
        if (!(f = fopen(seed_out, "wb")) || fwrite(fc_seed, 1, fc_seed_len, f) != fc_seed_len) abort();
        fclose(f);
    }
    return 0;
}

/* The tables of the loaded file, looked up as the editor would. */
static void fc_tables(dsr_docs *got)
{
    dsr_index stage;
    dsr_fuzzy_hit hits[8];
    uint32_t out[8];
    size_t i, len;
    if (dsr_tables_stage(fc_ix, got, &stage)) return;
    for (i = 0; i < stage.n_entities; i++) {
        const char *nm = stage.entities[i].name;
        size_t s0, e0, n = strlen(nm);
        dsr_lookup_at(&stage, nm, n, n / 2, &s0, &e0);
        FUZZ_CHECK(dsr_lookup_name(&stage, nm, n) < (long)stage.n_entities);
        dsr_complete(&stage, nm, n > 2 ? 2 : n, 8, out, NULL);
    }
    for (i = 0; i < stage.n_events; i++) FUZZ_CHECK(dsr_event_row(&stage, (uint32_t)i, &len) != NULL);
    dsr_fuzzy_events(&stage, "ab", 2, -1, NULL, NULL, 8, hits);
    dsr_tables_unstage(&stage);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t rl = strlen(fc_ix->real_root), body = size ? size - 1 : 0, n = fc_hlen + rl + body;
    unsigned char *file = malloc(n ? n : 1);
    uint64_t plen = rl + body, psum;
    uint32_t nd = size ? data[0] : 0;
    dsr_docs got, mine;
    FILE *f;
    if (!file) abort();
    memcpy(file, fc_head, fc_hlen);
    memcpy(file + fc_hlen, fc_ix->real_root, rl);
    if (body) memcpy(file + fc_hlen + rl, data + 1, body);
    psum = dsr_cache_sum(file + fc_hlen, (size_t)plen);
    memcpy(file + fc_off_len, &plen, 8);
    memcpy(file + fc_off_sum, &psum, 8);
    memcpy(file + fc_off_n, &nd, 4);
    if (!(f = fopen(fc_file, "wb")) || fwrite(file, 1, n, f) != n) abort();
    fclose(f);
    free(file);
    /* The last input's image goes first: this file was rewritten in place,
     * which no writer of the cache does (they rename a new file over it),
     * and its pages past the new end are gone.  fc_ix's own records are
     * its own (its first open had no cache file). */
    dsr_cache_unmap(fc_ix);
    if (dsr_cache_load(fc_ix, &got)) abort();
    if (fc_ix->blob) fc_tables(&got);
    if (got.n) {
        char *json;
        size_t i, k, ne;
        const dsr_entity *e;
        uint32_t out[8];
        mine = fc_ix->docs;
        fc_ix->docs = got;
        if (dsr_index_assemble(fc_ix) == 0) {
            if ((json = dsr_index_export_json(fc_ix, 0))) free(json);
            e = dsr_index_entities(fc_ix, &ne);
            for (i = 0; i < ne; i++) {
                size_t s0, e0;
                const char *nm = e[i].name;
                dsr_lookup_at(fc_ix, nm, strlen(nm), strlen(nm) / 2, &s0, &e0);
                dsr_lookup_name(fc_ix, nm, strlen(nm));
                dsr_complete(fc_ix, nm, strlen(nm) > 2 ? 2 : strlen(nm), 8, out, NULL);
                for (k = 0; k < e[i].n_mentions; k++) FUZZ_CHECK(e[i].mentions[k].doc < got.n);
            }
        }
        fc_ix->docs = mine;
        for (i = 0; i < got.n; i++) dsr_doc_free(&got.v[i]);
        dsr_vec_free(&got);
        if (dsr_index_assemble(fc_ix)) abort();
    }
    return 0;
}
