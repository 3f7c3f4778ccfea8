/*
 * walk.c -- finding the documents of a folder (see walk.h).
 *
 * The walk keeps a stack of the (device, inode) pairs of the directories
 * it is inside, which is all it needs to see a symbolic-link loop: a
 * directory that is its own ancestor.  Links are resolved with realpath and
 * must stay under the real path of the root.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "walk.h"

typedef struct {
    const char *root;
    char *real_root;
    size_t real_len;
    const dsr_config *cfg;
    const char *const *ext;
    uint64_t max_size;
    dsr_files *files;
    dsr_skips *skips;
    dev_t dev[DSR_WALK_MAX_DEPTH + 1];
    ino_t ino[DSR_WALK_MAX_DEPTH + 1];
} walker;

static int skip(walker *w, const char *rel, const char *reason)
{
    dsr_skipped s;
    if (!(s.rel = strdup(rel))) return -1;
    s.reason = reason;
    if (dsr_vec_push(w->skips, s)) {
        free(s.rel);
        return -1;
    }
    return 0;
}

static int has_ext(const walker *w, const char *name)
{
    const char *dot = strrchr(name, '.');
    size_t i;
    if (!dot || dot == name) return 0;
    for (i = 0; w->ext[i]; i++)
        if (strcasecmp(dot + 1, w->ext[i]) == 0) return 1;
    return 0;
}

static int wanted(const walker *w, const char *rel)
{
    size_t i;
    int in = w->cfg->n_include == 0;
    for (i = 0; !in && i < w->cfg->n_include; i++) in = dsr_glob_match(w->cfg->include[i], rel);
    for (i = 0; in && i < w->cfg->n_exclude; i++) in = !dsr_glob_match(w->cfg->exclude[i], rel);
    return in;
}

/* A link must resolve inside the root. */
static int inside(const walker *w, const char *abs)
{
    char *real = realpath(abs, NULL);
    int ok = real && strncmp(real, w->real_root, w->real_len) == 0 &&
             (real[w->real_len] == '/' || real[w->real_len] == '\0');
    free(real);
    return ok;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(walker *w, const char *rel, int depth);

static int visit(walker *w, const char *rel, const char *name, int depth)
{
    char abs[PATH_MAX];
    struct stat st, lst;
    if ((size_t)snprintf(abs, sizeof abs, "%s/%s", w->root, rel) >= sizeof abs)
        return skip(w, rel, "path too long");
    if (lstat(abs, &lst) != 0)
        return skip(w, rel, errno == ENOENT ? "vanished while indexing"
                          : errno == EACCES ? "unreadable: permission denied"
                          : errno == ENAMETOOLONG ? "path too long" : "unreadable: cannot stat");
    if (S_ISLNK(lst.st_mode)) {
        if (stat(abs, &st) != 0) return skip(w, rel, "broken symbolic link");
        if (!inside(w, abs)) return skip(w, rel, "symbolic link points outside the folder");
    } else {
        st = lst;
    }
    if (name[0] == '.') {
        if (S_ISDIR(st.st_mode)) return skip(w, rel, "hidden folder");
        if (strcmp(name, DSR_CONFIG_NAME) == 0) return 0;
        return has_ext(w, name) ? skip(w, rel, "hidden file") : 0;
    }
    if (S_ISDIR(st.st_mode)) {
        int d;
        for (d = 0; d <= depth; d++)
            if (w->dev[d] == st.st_dev && w->ino[d] == st.st_ino)
                return skip(w, rel, "symbolic link loop");
        if (depth + 1 > DSR_WALK_MAX_DEPTH) return skip(w, rel, "nested too deeply");
        w->dev[depth + 1] = st.st_dev;
        w->ino[depth + 1] = st.st_ino;
        return walk_dir(w, rel, depth + 1);
    }
    if (!S_ISREG(st.st_mode)) return has_ext(w, name) ? skip(w, rel, "not a regular file") : 0;
    if (!has_ext(w, name)) return 0;
    if (!wanted(w, rel)) return skip(w, rel, "excluded by the config");
    if ((uint64_t)st.st_size > w->max_size) return skip(w, rel, "too large (over max_file_size)");
    {
        dsr_file f;
        if (!(f.rel = strdup(rel))) return -1;
        f.size = (uint64_t)st.st_size;
        f.mtime = (int64_t)st.st_mtim.tv_sec;
        f.mtime_ns = (int64_t)st.st_mtim.tv_nsec;
        if (dsr_vec_push(w->files, f)) {
            free(f.rel);
            return -1;
        }
    }
    return 0;
}

static int walk_dir(walker *w, const char *rel, int depth)
{
    char abs[PATH_MAX], sub[PATH_MAX];
    DSR_VEC(char *) names = {0};
    struct dirent *de;
    DIR *d;
    size_t i;
    int r = 0;
    if ((size_t)snprintf(abs, sizeof abs, "%s%s%s", w->root, *rel ? "/" : "", rel) >= sizeof abs)
        return skip(w, rel, "path too long");
    if (!(d = opendir(abs)))
        return *rel ? skip(w, rel, errno == EACCES ? "unreadable folder: permission denied"
                                                   : "unreadable folder") : -1;
    while ((de = readdir(d)) != NULL) {
        char *n;
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        if (!(n = strdup(de->d_name)) || dsr_vec_push(&names, n)) {
            free(n);
            r = -1;
            break;
        }
    }
    closedir(d);
    if (r == 0 && names.n > 1) qsort(names.v, names.n, sizeof *names.v, cmp_names);
    for (i = 0; i < names.n; i++) {
        if (r == 0) {
            if ((size_t)snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", names.v[i]) >= sizeof sub)
                r = skip(w, names.v[i], "path too long");
            else
                r = visit(w, sub, names.v[i], depth);
        }
        free(names.v[i]);
    }
    free(names.v);
    return r;
}

int dsr_walk(const char *root, const dsr_config *cfg, const char *const *ext,
             uint64_t max_size, dsr_files *files, dsr_skips *skips)
{
    walker w;
    struct stat st;
    int r;
    memset(&w, 0, sizeof w);
    w.root = root;
    w.cfg = cfg;
    w.ext = ext;
    w.max_size = max_size;
    w.files = files;
    w.skips = skips;
    if (stat(root, &st) != 0) return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    if (!(w.real_root = realpath(root, NULL))) return -1;
    w.real_len = strlen(w.real_root);
    if (w.real_len == 1) w.real_len = 0;       /* the root is "/" */
    w.dev[0] = st.st_dev;
    w.ino[0] = st.st_ino;
    r = walk_dir(&w, "", 0);
    free(w.real_root);
    return r;
}

void dsr_walk_free(dsr_files *files, dsr_skips *skips)
{
    size_t i;
    for (i = 0; files && i < files->n; i++) free(files->v[i].rel);
    for (i = 0; skips && i < skips->n; i++) free(skips->v[i].rel);
    if (files) dsr_vec_free(files);
    if (skips) dsr_vec_free(skips);
}
