/*
 * config.c -- `.dossier.json`, read with cJSON.
 *
 * The config is typed by hand, so it is read defensively: each key is
 * checked for its type and each bad value becomes a warning, naming the
 * file, the line and the problem, while the rest of the config still
 * applies.  A syntax error makes the whole file a warning (with the line
 * and column cJSON stopped at) and indexing goes on with defaults.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cJSON.h>
#include "config.h"
#include "docread.h"

int dsr_config_warn(dsr_config *cfg, const char *fmt, ...)
{
    char buf[512], **nw;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (cfg->n_warnings >= 1000) return 0;      /* enough to tell the story */
    nw = realloc(cfg->warnings, (cfg->n_warnings + 1) * sizeof *nw);
    if (!nw) return -1;
    cfg->warnings = nw;
    if (!(nw[cfg->n_warnings] = strdup(buf))) return -1;
    cfg->n_warnings++;
    return 0;
}

/* A relative path that stays inside the folder: no leading '/', no "..". */
static int path_inside(const char *p)
{
    const char *s = p;
    if (*p == '/' || *p == '\0') return 0;
    while (*s) {
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 2 && s[0] == '.' && s[1] == '.') return 0;
        s += n + (e ? 1 : 0);
    }
    return 1;
}

static int str_list(const char *name, const cJSON *v, const char *key, char ***out, size_t *n,
                    dsr_config *cfg)
{
    const cJSON *it;
    if (!v) return 0;
    if (!cJSON_IsArray(v))
        return dsr_config_warn(cfg, "%s: \"%s\" must be a list of strings; ignored", name, key);
    cJSON_ArrayForEach(it, v) {
        char **nv;
        if (!cJSON_IsString(it) || !*it->valuestring) {
            if (dsr_config_warn(cfg, "%s: \"%s\" has an item that is not a string; skipped", name, key))
                return -1;
            continue;
        }
        if (strcmp(key, "extensions") != 0 && strlen(it->valuestring) >= DSR_GLOB_MAX) {
            if (dsr_config_warn(cfg, "%s: \"%s\" has a glob longer than %d bytes; skipped", name, key,
                                DSR_GLOB_MAX - 1))
                return -1;
            continue;
        }
        nv = realloc(*out, (*n + 1) * sizeof **out);
        if (!nv) return -1;
        *out = nv;
        if (!(nv[*n] = strdup(it->valuestring[0] == '.' && strcmp(key, "extensions") == 0
                              ? it->valuestring + 1 : it->valuestring)))
            return -1;
        (*n)++;
    }
    return 0;
}

static int read_dates(const char *name, const cJSON *v, dsr_config *cfg)
{
    const cJSON *it;
    if (!v) return 0;
    if (!cJSON_IsObject(v))
        return dsr_config_warn(cfg, "%s: \"dates\" must be an object of path: date; ignored", name);
    cJSON_ArrayForEach(it, v) {
        dsr_cfg_date *nd;
        char d[11];
        if (!cJSON_IsString(it) || !dsr_iso_date_prefix(it->valuestring, strlen(it->valuestring), d)) {
            if (dsr_config_warn(cfg, "%s: \"dates\".\"%s\" is not a YYYY-MM-DD date; ignored", name, it->string))
                return -1;
            continue;
        }
        if (!path_inside(it->string)) {
            if (dsr_config_warn(cfg, "%s: \"dates\".\"%s\" points outside the folder; ignored", name, it->string))
                return -1;
            continue;
        }
        nd = realloc(cfg->dates, (cfg->n_dates + 1) * sizeof *nd);
        if (!nd) return -1;
        cfg->dates = nd;
        if (!(nd[cfg->n_dates].path = strdup(it->string))) return -1;
        memcpy(nd[cfg->n_dates].date, d, sizeof d);
        cfg->n_dates++;
    }
    return 0;
}

static int read_aliases(const char *name, const cJSON *v, dsr_config *cfg)
{
    const cJSON *it;
    if (!v) return 0;
    if (!cJSON_IsObject(v))
        return dsr_config_warn(cfg, "%s: \"aliases\" must be an object of alias: name; ignored", name);
    cJSON_ArrayForEach(it, v) {
        dsr_user_alias *na;
        char *a, *c;
        if (!cJSON_IsString(it) || !*it->valuestring || !*it->string) {
            if (dsr_config_warn(cfg, "%s: \"aliases\".\"%s\" must name an entity (a string); ignored",
                                name, it->string))
                return -1;
            continue;
        }
        na = realloc(cfg->aliases, (cfg->n_aliases + 1) * sizeof *na);
        if (!na) return -1;
        cfg->aliases = na;
        a = strdup(it->string);
        c = strdup(it->valuestring);
        if (!a || !c) {
            free(a);
            free(c);
            return -1;
        }
        na[cfg->n_aliases].alias = a;
        na[cfg->n_aliases].canonical = c;
        cfg->n_aliases++;
    }
    return 0;
}

static const char *const known_keys[] = {
    "extensions", "include", "exclude", "date", "dates", "aliases", "date_order",
    "max_file_size", NULL
};

static int read_scalars(const char *name, const cJSON *root, dsr_config *cfg)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "date");
    if (v && !(cJSON_IsString(v) && dsr_iso_date_prefix(v->valuestring, strlen(v->valuestring), cfg->date)))
        if (dsr_config_warn(cfg, "%s: \"date\" is not a YYYY-MM-DD date; ignored", name)) return -1;
    v = cJSON_GetObjectItemCaseSensitive(root, "date_order");
    if (v) {
        if (cJSON_IsString(v) && strcmp(v->valuestring, "dmy") == 0) cfg->dmy = 1;
        else if (!(cJSON_IsString(v) && strcmp(v->valuestring, "mdy") == 0))
            if (dsr_config_warn(cfg, "%s: \"date_order\" must be \"mdy\" or \"dmy\"; using mdy", name)) return -1;
    }
    v = cJSON_GetObjectItemCaseSensitive(root, "max_file_size");
    if (v) {
        if (cJSON_IsNumber(v) && v->valuedouble >= 1 && v->valuedouble < 1e12)
            cfg->max_file_size = (uint64_t)v->valuedouble;
        else if (dsr_config_warn(cfg, "%s: \"max_file_size\" must be a positive number of bytes; ignored", name))
            return -1;
    }
    return 0;
}

/* Line and column of byte `at` in text, 1-based. */
static void line_col(const char *text, size_t at, int *line, int *col)
{
    size_t i;
    *line = 1;
    *col = 1;
    for (i = 0; i < at; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

int dsr_config_parse(const char *name, const char *text, size_t len, dsr_config *cfg)
{
    const char *endp = NULL;
    cJSON *root, *it;
    int r = 0;
    /* cJSON recurses per nesting level; it refuses more than
     * CJSON_NESTING_LIMIT (1000) levels itself, so a hostile config cannot
     * exhaust the stack. */
    root = cJSON_ParseWithLengthOpts(text, len, &endp, 0);
    if (!root) {
        int line, col;
        size_t at = endp && endp >= text && endp <= text + len ? (size_t)(endp - text) : 0;
        if (!endp) {
            const char *e = cJSON_GetErrorPtr();
            at = e && e >= text && e <= text + len ? (size_t)(e - text) : 0;
        }
        line_col(text, at, &line, &col);
        return dsr_config_warn(cfg, "%s:%d:%d: malformed JSON (syntax error here); using defaults",
                               name, line, col);
    }
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return dsr_config_warn(cfg, "%s:1:1: the config must be a JSON object; using defaults", name);
    }
    cJSON_ArrayForEach(it, root) {
        int k, known = 0;
        for (k = 0; known_keys[k]; k++) known |= strcmp(it->string, known_keys[k]) == 0;
        if (!known && dsr_config_warn(cfg, "%s: unknown key \"%s\"; ignored", name, it->string)) r = -1;
    }
    if (!r) r = str_list(name, cJSON_GetObjectItemCaseSensitive(root, "extensions"), "extensions", &cfg->ext, &cfg->n_ext, cfg);
    if (!r) r = str_list(name, cJSON_GetObjectItemCaseSensitive(root, "include"), "include", &cfg->include, &cfg->n_include, cfg);
    if (!r) r = str_list(name, cJSON_GetObjectItemCaseSensitive(root, "exclude"), "exclude", &cfg->exclude, &cfg->n_exclude, cfg);
    if (!r) r = read_dates(name, cJSON_GetObjectItemCaseSensitive(root, "dates"), cfg);
    if (!r) r = read_aliases(name, cJSON_GetObjectItemCaseSensitive(root, "aliases"), cfg);
    if (!r) r = read_scalars(name, root, cfg);
    cJSON_Delete(root);
    return r;
}

int dsr_config_load(const char *root, dsr_config *cfg)
{
    char path[4096], *text;
    const char *reason = NULL;
    size_t len = 0;
    struct stat st;
    memset(cfg, 0, sizeof *cfg);
    if ((size_t)snprintf(path, sizeof path, "%s/%s", root, DSR_CONFIG_NAME) >= sizeof path) return 0;
    if (lstat(path, &st) != 0) return 0;
    if (S_ISLNK(st.st_mode)) {      /* like a document's: a link must stay inside the folder */
        char *real = realpath(path, NULL), *rroot = realpath(root, NULL);
        size_t n = rroot ? strlen(rroot) : 0;
        int ok;
        if (n == 1) n = 0;          /* the root is "/" */
        ok = real && rroot && strncmp(real, rroot, n) == 0 && real[n] == '/';
        free(real);
        free(rroot);
        if (!ok)
            return dsr_config_warn(cfg, "%s: a symbolic link that points outside the folder (or nowhere); "
                                        "using defaults", DSR_CONFIG_NAME);
    }
    text = dsr_doc_load(path, DSR_CONFIG_MAX, &len, &reason);
    if (!text) return dsr_config_warn(cfg, "%s: %s; using defaults", DSR_CONFIG_NAME, reason);
    {
        int r = dsr_config_parse(DSR_CONFIG_NAME, text, len, cfg);
        free(text);
        return r;
    }
}

static void free_list(char **v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) free(v[i]);
    free(v);
}

void dsr_config_free(dsr_config *cfg)
{
    size_t i;
    free_list(cfg->ext, cfg->n_ext);
    free_list(cfg->include, cfg->n_include);
    free_list(cfg->exclude, cfg->n_exclude);
    free_list(cfg->warnings, cfg->n_warnings);
    for (i = 0; i < cfg->n_dates; i++) free(cfg->dates[i].path);
    free(cfg->dates);
    for (i = 0; i < cfg->n_aliases; i++) {
        free((char *)cfg->aliases[i].alias);
        free((char *)cfg->aliases[i].canonical);
    }
    free(cfg->aliases);
    memset(cfg, 0, sizeof *cfg);
}

/* ---- globs ------------------------------------------------------------ */

/* A glob is compiled to tokens and run as a set of states over the path,
 * one byte at a time: time O(glob x path) whatever the stars, where
 * backtracking was exponential ("*a*a*a*a*b" against a long name). */
enum { G_LIT, G_ANY, G_STAR, G_DSTAR, G_REST };
typedef struct { unsigned char k, c; } gtok;

/* Add state j and what it reaches without reading: stars match nothing,
 * "**" zero segments.  1 when a trailing "**" was reached: it takes the rest. */
static int g_add(const gtok *t, size_t nt, unsigned char *set, size_t j)
{
    for (; j < nt; j++) {
        if (t[j].k == G_REST) return 1;
        set[j] = 1;
        if (t[j].k != G_STAR && t[j].k != G_DSTAR) return 0;
    }
    set[nt] = 1;
    return 0;
}

static int glob_at(const char *g, const char *p)
{
    gtok t[DSR_GLOB_MAX];
    unsigned char a[DSR_GLOB_MAX + 1], b[DSR_GLOB_MAX + 1], ma[DSR_GLOB_MAX], mb[DSR_GLOB_MAX];
    unsigned char *cur = a, *nxt = b, *mid = ma, *nmid = mb, *sw;
    size_t nt = 0, j;
    while (*g) {
        if (nt >= DSR_GLOB_MAX) return 0;
        if (g[0] == '*' && g[1] == '*') {
            g += 2;
            if (*g == '\0') {
                t[nt++].k = G_REST;
                break;
            }
            if (*g == '/') g++;
            t[nt++].k = G_DSTAR;          /* zero or more whole segments */
        } else {
            t[nt].k = *g == '*' ? G_STAR : *g == '?' ? G_ANY : G_LIT;
            t[nt++].c = (unsigned char)*g++;
        }
    }
    memset(cur, 0, nt + 1);
    memset(mid, 0, nt);
    if (g_add(t, nt, cur, 0)) return 1;
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        int any = 0;
        memset(nxt, 0, nt + 1);
        memset(nmid, 0, nt);
        for (j = 0; j < nt; j++) {
            if (mid[j]) {               /* inside a segment that "**" takes */
                any = 1;
                if (c == '/') { if (g_add(t, nt, nxt, j)) return 1; }
                else nmid[j] = 1;
            }
            if (!cur[j]) continue;
            any = 1;
            switch (t[j].k) {
            case G_LIT:
                if (c == t[j].c && g_add(t, nt, nxt, j + 1)) return 1;
                break;
            case G_ANY:
                if (c != '/' && g_add(t, nt, nxt, j + 1)) return 1;
                break;
            case G_STAR:
                if (c != '/' && g_add(t, nt, nxt, j)) return 1;
                break;
            case G_DSTAR:
                if (c == '/') { if (g_add(t, nt, nxt, j)) return 1; }
                else nmid[j] = 1;
                break;
            }
        }
        if (!any) return 0;
        sw = cur; cur = nxt; nxt = sw;
        sw = mid; mid = nmid; nmid = sw;
    }
    return cur[nt];
}

int dsr_glob_match(const char *glob, const char *path)
{
    if (!strchr(glob, '/')) {
        const char *base = strrchr(path, '/');
        return glob_at(glob, base ? base + 1 : path);
    }
    return glob_at(glob, path);
}
