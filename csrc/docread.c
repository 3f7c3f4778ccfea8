/*
 * docread.c -- reading one document: bytes, BOM, front matter.
 *
 * A document is read whole: briefings are small, extractors want random
 * access, and offsets must be byte offsets into the file as stored, so the
 * text is never rewritten (no CRLF folding, no re-encoding).  Everything
 * here tolerates CRLF, invalid UTF-8 and a missing final newline.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "docread.h"

char *dsr_doc_load(const char *path, uint64_t limit, size_t *len, const char **reason)
{
    struct stat st;
    char *buf;
    size_t cap, n = 0;
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        *reason = errno == EACCES ? "unreadable: permission denied" : "unreadable: cannot open";
        return NULL;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        *reason = "not a regular file";
        return NULL;
    }
    /* Offsets into a document are 32-bit: no limit can go beyond that. */
    if (limit > DSR_DOC_MAX) limit = DSR_DOC_MAX;
    if ((uint64_t)st.st_size > limit) {
        close(fd);
        *reason = "too large (over max_file_size)";
        return NULL;
    }
    /* The file may grow while we read it; read up to the limit + 1 so a
     * file that grew past the limit is still refused. */
    cap = (size_t)st.st_size + 1;
    buf = malloc(cap + 1);
    if (!buf) {
        close(fd);
        *reason = "out of memory";
        return NULL;
    }
    for (;;) {
        ssize_t r;
        if (n == cap) {
            char *nb;
            if (cap > limit) {
                free(buf);
                close(fd);
                *reason = "too large (grew while read)";
                return NULL;
            }
            nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                close(fd);
                *reason = "out of memory";
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            free(buf);
            close(fd);
            *reason = "read error";
            return NULL;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    close(fd);
    if ((uint64_t)n > limit) {      /* grew past the limit, short of doubling */
        free(buf);
        *reason = "too large (grew while read)";
        return NULL;
    }
    buf[n] = '\0';
    if ((*reason = dsr_doc_binary_reason(buf, n)) != NULL) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

const char *dsr_doc_binary_reason(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return "UTF-16 text (convert it to UTF-8)";
    if (memchr(s, '\0', len))
        return "binary (contains NUL bytes)";
    return NULL;
}

/* ---- front matter ---------------------------------------------------- */

/* The next line of [p, end): sets *eol to its end (before CR/LF) and
 * returns the start of the following line. */
static const char *next_line(const char *p, const char *end, const char **eol)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    if (e > p && e[-1] == '\r') e--;
    *eol = e;
    return nl ? nl + 1 : end;
}

static void trim(const char **a, const char **b)
{
    while (*a < *b && (**a == ' ' || **a == '\t')) (*a)++;
    while (*b > *a && ((*b)[-1] == ' ' || (*b)[-1] == '\t')) (*b)--;
}

/* Strip one level of matching quotes. */
static void unquote(const char **a, const char **b)
{
    trim(a, b);
    if (*b - *a >= 2 && (**a == '"' || **a == '\'') && (*b)[-1] == **a) {
        (*a)++;
        (*b)--;
    }
}

static int is_line(const char *a, const char *b, const char *what)
{
    size_t n = strlen(what);
    trim(&a, &b);
    return (size_t)(b - a) == n && memcmp(a, what, n) == 0;
}

int dsr_iso_date_prefix(const char *s, size_t n, char out[11])
{
    size_t i = 0, k;
    out[0] = '\0';
    for (k = 0; k < 4; k++)
        if (k >= n || s[k] < '0' || s[k] > '9') return 0;
    i = 4;
    if (n >= 7 && s[4] == '-' && s[5] >= '0' && s[5] <= '1' && s[6] >= '0' && s[6] <= '9') {
        i = 7;
        if (n >= 10 && s[7] == '-' && s[8] >= '0' && s[8] <= '3' && s[9] >= '0' && s[9] <= '9')
            i = 10;
    }
    if (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '-')) return 0;  /* 20100301, 2010-3 */
    if (i >= 7) {               /* a real month and day: 2010-19 or 2010-02-30 is no date */
        static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        int m = (s[5] - '0') * 10 + (s[6] - '0'), d;
        if (m < 1 || m > 12) return 0;
        if (i == 10) {
            d = (s[8] - '0') * 10 + (s[9] - '0');
            if (d < 1 || d > mdays[m - 1]) return 0;
            if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return 0;
        }
    }
    memcpy(out, s, i);
    out[i] = '\0';
    return 1;
}

static int push_str(char ***v, size_t *n, const char *a, const char *b)
{
    char **nv;
    char *s;
    if (b <= a) return 0;
    if (*n >= 256) return 0;    /* a huge front matter list is not worth more */
    nv = realloc(*v, (*n + 1) * sizeof **v);
    if (!nv) return -1;
    *v = nv;
    s = malloc((size_t)(b - a) + 1);
    if (!s) return -1;
    memcpy(s, a, (size_t)(b - a));
    s[b - a] = '\0';
    (*v)[(*n)++] = s;
    return 0;
}

/* "[a, "b, c", d]" -> items. */
static int push_inline_list(char ***v, size_t *n, const char *a, const char *b)
{
    a++;                        /* '[' */
    if (b > a && b[-1] == ']') b--;
    while (a < b) {
        const char *s = a, *e;
        char q = 0;
        while (s < b && (*s == ' ' || *s == '\t')) s++;
        if (s < b && (*s == '"' || *s == '\'')) q = *s;
        e = s + (q ? 1 : 0);
        while (e < b && (q ? *e != q : *e != ',')) e++;
        if (q && e < b) e++;
        {
            const char *x = s, *y = e;
            unquote(&x, &y);
            if (push_str(v, n, x, y)) return -1;
        }
        while (e < b && *e != ',') e++;
        a = e + 1;
    }
    return 0;
}

enum { K_NONE, K_ALIASES, K_TAGS, K_OTHER };

static int fm_key(dsr_fm *fm, const char *k, const char *ke, const char *v, const char *ve)
{
    size_t kl = (size_t)(ke - k);
    unquote(&v, &ve);
    if (kl == 4 && memcmp(k, "date", 4) == 0) {
        dsr_iso_date_prefix(v, (size_t)(ve - v), fm->date);
        return K_OTHER;
    }
    if (kl == 5 && memcmp(k, "title", 5) == 0) {
        size_t n = (size_t)(ve - v);
        if (n >= sizeof fm->title) n = sizeof fm->title - 1;
        memcpy(fm->title, v, n);
        fm->title[n] = '\0';
        return K_OTHER;
    }
    if ((kl == 7 && memcmp(k, "aliases", 7) == 0) || (kl == 5 && memcmp(k, "alias", 5) == 0)) {
        if (v < ve && *v == '[') return push_inline_list(&fm->aliases, &fm->n_aliases, v, ve) ? -1 : K_ALIASES;
        if (push_str(&fm->aliases, &fm->n_aliases, v, ve)) return -1;
        return K_ALIASES;
    }
    if (kl == 4 && memcmp(k, "tags", 4) == 0) {
        if (v < ve && *v == '[') return push_inline_list(&fm->tags, &fm->n_tags, v, ve) ? -1 : K_TAGS;
        if (push_str(&fm->tags, &fm->n_tags, v, ve)) return -1;
        return K_TAGS;
    }
    return K_OTHER;
}

int dsr_front_matter(dsr_text *t, dsr_fm *fm)
{
    const char *s = t->s, *end = t->s + t->len, *p, *eol;
    int list = K_NONE;
    memset(fm, 0, sizeof *fm);
    t->body = 0;
    if (t->len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) t->body = 3;
    p = next_line(s + t->body, end, &eol);
    if (!is_line(s + t->body, eol, "---")) return 0;
    while (p < end) {
        const char *line = p, *colon;
        p = next_line(p, end, &eol);
        if (is_line(line, eol, "---") || is_line(line, eol, "...")) {
            fm->has = 1;
            t->body = (size_t)(p - s);
            return 0;
        }
        {
            const char *a = line, *b = eol;
            trim(&a, &b);
            if (a < b && *a == '-' && (list == K_ALIASES || list == K_TAGS)) {
                const char *x = a + 1, *y = b;
                unquote(&x, &y);
                if (push_str(list == K_ALIASES ? &fm->aliases : &fm->tags,
                             list == K_ALIASES ? &fm->n_aliases : &fm->n_tags, x, y))
                    return -1;
                continue;
            }
            if (line < eol && (*line == ' ' || *line == '\t') && list == K_ALIASES) {
                /* "  DPRK: North Korea" under `aliases:` -- a map entry. */
                if (push_str(&fm->aliases, &fm->n_aliases, a, b)) return -1;
                continue;
            }
        }
        colon = memchr(line, ':', (size_t)(eol - line));
        if (!colon || line == eol || *line == ' ' || *line == '#') {
            list = K_NONE;
            continue;
        }
        {
            const char *k = line, *ke = colon;
            int r;
            trim(&k, &ke);
            r = fm_key(fm, k, ke, colon + 1, eol);
            if (r < 0) return -1;
            list = r;
        }
    }
    /* No closing line: not front matter after all; the whole file is text. */
    dsr_fm_free(fm);
    memset(fm, 0, sizeof *fm);
    t->body = (t->len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    return 0;
}

void dsr_fm_free(dsr_fm *fm)
{
    size_t i;
    for (i = 0; i < fm->n_aliases; i++) free(fm->aliases[i]);
    for (i = 0; i < fm->n_tags; i++) free(fm->tags[i]);
    free(fm->aliases);
    free(fm->tags);
    fm->aliases = fm->tags = NULL;
    fm->n_aliases = fm->n_tags = 0;
}
