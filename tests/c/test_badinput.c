/*
 * test_badinput.c -- never crash, never lose, never trust: bad input.
 *
 * Every case builds its folder at run time in a temporary directory, next
 * to a good document ("good.md"), and checks the stated outcome of each bad
 * entry (indexed, skipped with a reason, or a warning) and that the rest of
 * the folder was indexed.  The export of every folder must be strict JSON
 * (valid UTF-8, no raw control characters, parsable).
 *
 * Heavy cases (100,000 files, a 10 MB line) are divided by DSR_BAD_SCALE
 * (default 1, or 5 when built with AddressSanitizer): they always run.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include <cJSON.h>
#include "docread.h"
#include "dossier.h"

#include "index_helpers.h"

#define STABLE "Stable text about the talks in Geneva on March 3, 2010.\n"
#define GOOD "# Good\n\nThe envoy met officials in Geneva on March 3, 2010.\n"

static char root[256];          /* the folder of the current test */
static char outside[300];       /* a sibling folder, outside of it */

static int scale(void)
{
    const char *e = getenv("DSR_BAD_SCALE");
    int s = e ? atoi(e) : (UNDER_ASAN ? 5 : 1);
    return s < 1 ? 1 : s;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void pathof(char *buf, size_t n, const char *rel)
{
    assert_true((size_t)snprintf(buf, n, "%s/%s", root, rel) < n);
}

static void put(const char *rel, const char *data, size_t n)
{
    char path[4096];
    int fd;
    pathof(path, sizeof path, rel);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) fail_msg("create %s: %s", path, strerror(errno));
    assert_int_equal(write(fd, data, n), (ssize_t)n);
    close(fd);
}

static void puts_file(const char *rel, const char *s) { put(rel, s, strlen(s)); }

static void mkdir_rel(const char *rel)
{
    char path[4096];
    pathof(path, sizeof path, rel);
    assert_int_equal(mkdir(path, 0755), 0);
}

static void link_rel(const char *target, const char *rel)
{
    char path[4096];
    pathof(path, sizeof path, rel);
    assert_int_equal(symlink(target, path), 0);
}

static void chmod_rel(const char *rel, mode_t m)
{
    char path[4096];
    pathof(path, sizeof path, rel);
    assert_int_equal(chmod(path, m), 0);
}

static void rmrf(const char *dir)
{
    char cmd[700];
    if (!dir[0]) return;
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", dir, dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

static int setup(void **state)
{
    (void)state;
    alarm(300);                 /* a case that hangs fails (SIGALRM) instead of stalling make test */
    strcpy(root, "/tmp/dossier-bad-XXXXXX");
    if (!mkdtemp(root)) return -1;
    chmod(root, 0755);          /* `nobody` must reach it in the privilege cases */
    snprintf(outside, sizeof outside, "%s-outside", root);
    if (mkdir(outside, 0755)) return -1;
    put("good.md", GOOD, strlen(GOOD));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    alarm(0);
    rmrf(root);
    rmrf(outside);
    return 0;
}

static dsr_index *open_ok(const dsr_options *opt)
{
    char *err = NULL;
    dsr_index *ix = dsr_index_open(root, opt, &err);
    if (!ix) fail_msg("dsr_index_open: %s", err ? err : "(no message)");
    assert_null(err);
    return ix;
}

static size_t n_docs(const dsr_index *ix)
{
    size_t n;
    dsr_index_documents(ix, &n);
    return n;
}

#define assert_indexed(ix, rel) \
    do { if (!doc_named((ix), (rel))) fail_msg("%s: not indexed (skip: %s)", (rel), \
                                                 skip_reason((ix), (rel)) ? skip_reason((ix), (rel)) : "none"); } while (0)
#define assert_skipped(ix, rel, why) \
    do { const char *r_ = skip_reason((ix), (rel)); \
         if (!r_ || !strstr(r_, (why))) fail_msg("%s: expected skip \"%s\", got %s", (rel), (why), \
                                                 r_ ? r_ : (doc_named((ix), (rel)) ? "indexed" : "nothing")); } while (0)

static const char *warning_with(const dsr_index *ix, const char *what)
{
    size_t n, i;
    const char *const *w = dsr_index_warnings(ix, &n);
    for (i = 0; i < n; i++)
        if (strstr(w[i], what)) return w[i];
    return NULL;
}

/* Strict JSON text: valid UTF-8 (no overlong forms or surrogates), no raw
 * control character anywhere (the unformatted export has no white space),
 * and it parses. */
static void assert_strict_json(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, n = strlen(s);
    cJSON *j;
    while (i < n) {
        unsigned c = u[i], cp = 0, len = 0, k;
        if (c < 0x20) fail_msg("raw control byte 0x%02x at %zu", c, i);
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
        else fail_msg("invalid UTF-8 lead byte 0x%02x at %zu", c, i);
        if (i + len > n) fail_msg("truncated UTF-8 at %zu", i);
        for (k = 1; k < len; k++) {
            if ((u[i + k] & 0xC0) != 0x80) fail_msg("bad UTF-8 continuation at %zu", i + k);
            cp = (cp << 6) | (u[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            fail_msg("overlong or surrogate UTF-8 at %zu", i);
        i += len;
    }
    j = cJSON_Parse(s);
    if (!j) fail_msg("export does not parse near: %.40s", cJSON_GetErrorPtr());
    cJSON_Delete(j);
}

static void assert_strict_json_pretty(const char *s)
{
    cJSON *j = cJSON_Parse(s);
    char *flat;
    assert_non_null(j);
    flat = cJSON_PrintUnformatted(j);
    assert_non_null(flat);
    assert_strict_json(flat);
    free(flat);
    cJSON_Delete(j);
}

static void assert_export_ok(const dsr_index *ix)
{
    char *json = dsr_index_export_json(ix, 0);
    assert_non_null(json);
    assert_strict_json(json);
    free(json);
}

/* Text meant to be shown (titles, event statements) carries no control
 * characters, C0 or C1: a document cannot drive a terminal. */
static int has_controls(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    for (; *u; u++)
        if (*u < 0x20 || *u == 0x7F || (u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F)) return 1;
    return 0;
}

static void assert_no_controls_shown(const dsr_index *ix)
{
    size_t n, i;
    const dsr_document *d = dsr_index_documents(ix, &n);
    const dsr_event *e;
    for (i = 0; i < n; i++)
        if (has_controls(d[i].title)) fail_msg("title of %s has control characters", d[i].path);
    e = dsr_index_events(ix, &n);
    for (i = 0; i < n; i++)
        if (has_controls(e[i].text)) fail_msg("event text has control characters: %s", e[i].text);
}

/* ---- encodings ---------------------------------------------------------- */

static void binary_nul_utf16_and_invalid_utf8(void **state)
{
    static const char elf[] = "\x7f" "ELF\2\1\1\0\0\0\0\0\0\0\0\0\3\0>\0";
    static const char nul_mid[] = "A text with a\0NUL byte in the middle.\n";
    static const char u16le[] = "\xff\xfe#\0 \0T\0i\0t\0l\0e\0\n\0";
    static const char u16be[] = "\xfe\xff\0#\0 \0T\0i\0t\0l\0e\0\n";
    static const char u16nobom[] = "H\0e\0l\0l\0o\0\n\0";
    dsr_index *ix;
    const dsr_document *d;
    (void)state;
    put("elf.md", elf, sizeof elf - 1);
    put("nul-mid.md", nul_mid, sizeof nul_mid - 1);
    put("nul-last.txt", "text then a NUL\0", 16);
    put("utf16le.md", u16le, sizeof u16le - 1);
    put("utf16be.txt", u16be, sizeof u16be - 1);
    put("utf16-nobom.md", u16nobom, sizeof u16nobom - 1);
    /* invalid UTF-8: stray bytes, overlong '/', overlong NUL (C0 80), a
     * surrogate, beyond U+10FFFF, and a sequence cut by the end of file */
    puts_file("invalid-utf8.md", "# Caf\xe9 \xff\xfe\n\nOverlong \xc0\xaf \xe0\x80\xaf \xc0\x80, surrogate \xed\xa0\x80, "
                                 "too high \xf4\x90\x80\x80, Geneva on March 3, 2010. cut \xe2\x82");
    puts_file("bom-only.md", "\xEF\xBB\xBF");
    puts_file("bom-fm.md", "\xEF\xBB\xBF---\ntitle: With BOM\n---\nBody.\n");
    puts_file("crlf.md", "---\r\ntitle: Carriage\r\ndate: 2010-04-01\r\n---\r\nLine one.\r\nLine two.\r\n");
    puts_file("cr-only.md", "# Old Mac\rline\rline\r");
    puts_file("empty.md", "");
    puts_file("newlines.md", "\n\n\n\n");
    puts_file("controls.md", "# \x1b[31mRed\x1b[0m \x07 bell \x01\x02\x7f\n\nOn March 3, 2010, text \x1b]0;title\x07 here "
                             "\xc2\x9b" "2J and \x0b\x0c more.\n");
    puts_file("latin1.txt", "Z\xfcrich und K\xf6ln, M\xe4rz 2010.\n");
    puts_file("no-newline.md", "No final newline, 3 March 2010");
    ix = open_ok(NULL);
    assert_indexed(ix, "good.md");
    assert_skipped(ix, "elf.md", "binary");
    assert_skipped(ix, "nul-mid.md", "binary");
    assert_skipped(ix, "nul-last.txt", "binary");
    assert_skipped(ix, "utf16le.md", "UTF-16");
    assert_skipped(ix, "utf16be.txt", "UTF-16");
    assert_skipped(ix, "utf16-nobom.md", "binary");
    assert_indexed(ix, "invalid-utf8.md");
    assert_indexed(ix, "bom-only.md");
    assert_string_equal(doc_named(ix, "bom-only.md")->title, "");
    assert_indexed(ix, "bom-fm.md");
    assert_string_equal(doc_named(ix, "bom-fm.md")->title, "With BOM");
    d = doc_named(ix, "crlf.md");
    assert_non_null(d);
    assert_string_equal(d->title, "Carriage");
    assert_string_equal(d->date, "2010-04-01");
    assert_indexed(ix, "cr-only.md");
    assert_indexed(ix, "empty.md");
    assert_indexed(ix, "newlines.md");
    assert_indexed(ix, "controls.md");
    assert_indexed(ix, "latin1.txt");
    assert_indexed(ix, "no-newline.md");
    assert_int_equal(n_docs(ix), 11);
    assert_export_ok(ix);
    assert_no_controls_shown(ix);
    dsr_index_free(ix);
}

/* ---- size --------------------------------------------------------------- */

static void sparse(const char *rel, off_t size, const char *head)
{
    char path[4096];
    int fd;
    pathof(path, sizeof path, rel);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    if (head) assert_int_equal(write(fd, head, strlen(head)), (ssize_t)strlen(head));
    assert_int_equal(ftruncate(fd, size), 0);
    close(fd);
}

static void huge_files(void **state)
{
    dsr_index *ix;
    dsr_options opt;
    double t0;
    (void)state;
    /* 200 MB: over the default 32 MiB limit, refused by its size, unread. */
    sparse("huge.md", 200 * 1024 * 1024, "# Huge\n");
    t0 = now();
    ix = open_ok(NULL);
    assert_skipped(ix, "huge.md", "too large");
    assert_indexed(ix, "good.md");
    assert_true(now() - t0 < 30);
    dsr_index_free(ix);
    /* With the limit raised it is read whole (it is sparse: NULs after the
     * heading) and refused as binary, in one piece of memory. */
    memset(&opt, 0, sizeof opt);
    opt.max_file_size = 256u * 1024 * 1024;
    ix = open_ok(&opt);
    assert_skipped(ix, "huge.md", "binary");
    assert_indexed(ix, "good.md");
    dsr_index_free(ix);
    /* A limit over 4 GiB is held to what 32-bit offsets can address. */
    opt.max_file_size = UINT64_MAX;
    ix = open_ok(&opt);
    assert_skipped(ix, "huge.md", "binary");
    dsr_index_free(ix);
}

static void ten_megabyte_line(void **state)
{
    static const char unit[] = "The envoy met Kim Jong Il and the Foreign Ministry in Pyongyang on March 3, 2010 and ";
    size_t target = (size_t)10 * 1024 * 1024 / (size_t)scale(), n = 0, u = sizeof unit - 1;
    char *buf = malloc(target + u);
    dsr_index *ix;
    const dsr_document *d;
    double t0;
    (void)state;
    assert_non_null(buf);
    while (n < target) {
        memcpy(buf + n, unit, u);
        n += u;
    }
    put("one-line.md", buf, n);                 /* no newline at all */
    free(buf);
    t0 = now();
    ix = open_ok(NULL);
    print_message("%zu-byte single line indexed in %.2f s\n", n, now() - t0);
    d = doc_named(ix, "one-line.md");
    assert_non_null(d);
    assert_int_equal(d->size, n);
    assert_indexed(ix, "good.md");
    assert_true(now() - t0 < 120);
    assert_export_ok(ix);
    dsr_index_free(ix);
}

/* The read loop when a file is larger than its size says (/proc files say
 * 0), and the limit still holds while it grows. */
static void file_growing_while_read(void **state)
{
    size_t len = 0;
    const char *reason = NULL;
    char *s;
    (void)state;
    s = dsr_doc_load("/proc/self/maps", 1u << 24, &len, &reason);
    assert_non_null(s);
    assert_true(len > 0 && strlen(s) == len);
    free(s);
    reason = NULL;
    assert_null(dsr_doc_load("/proc/self/maps", 10, &len, &reason));
    assert_non_null(reason);
    assert_non_null(strstr(reason, "too large"));
    reason = NULL;
    /* A file longer than the limit but shorter than the buffer grown for
     * it (/proc/self/comm: stable length, says its size is 0). */
    s = dsr_doc_load("/proc/self/comm", 1u << 20, &len, &reason);
    assert_non_null(s);
    free(s);
    {
        size_t full = len;
        reason = NULL;
        assert_null(dsr_doc_load("/proc/self/comm", full - 1, &len, &reason));
        assert_non_null(reason);
        assert_non_null(strstr(reason, "too large"));
        s = dsr_doc_load("/proc/self/comm", full, &len, &reason);
        assert_non_null(s);
        assert_int_equal(len, full);
        free(s);
    }
}

static void many_tiny_files(void **state)
{
    int n = 100000 / scale(), i;
    char rel[64], text[128];
    dsr_index *ix;
    double t0 = now();
    (void)state;
    mkdir_rel("many");
    for (i = 0; i < n; i++) {
        int k;
        snprintf(rel, sizeof rel, "many/n%06d.md", i);
        k = snprintf(text, sizeof text, "Note %d: talks in Geneva on March %d, 2010.\n", i, 1 + i % 28);
        put(rel, text, (size_t)k);
    }
    print_message("%d files written in %.2f s\n", n, now() - t0);
    t0 = now();
    ix = open_ok(NULL);
    print_message("%d files indexed in %.2f s\n", n, now() - t0);
    assert_int_equal(n_docs(ix), (size_t)n + 1);
    assert_indexed(ix, "many/n000000.md");
    snprintf(rel, sizeof rel, "many/n%06d.md", n - 1);
    assert_indexed(ix, rel);
    t0 = now();
    {
        char *err = NULL;
        assert_int_equal(dsr_index_refresh(ix, &err), 0);
        assert_int_equal(dsr_index_stats(ix).reindexed, 0);
    }
    print_message("refresh of %d unchanged files in %.2f s\n", n, now() - t0);
    dsr_index_free(ix);
}

/* ---- structure ------------------------------------------------------------ */

static void deep_nesting_and_long_paths(void **state)
{
    char rel[4096] = "";
    char name[200];
    dsr_index *ix;
    int i, fd, dfd;
    (void)state;
    /* 70 levels: 64 are walked, the 65th folder is skipped as too deep. */
    for (i = 1; i <= 70; i++) {
        strcat(rel, i == 1 ? "d" : "/d");
        mkdir_rel(rel);
        {
            char f[4200];
            snprintf(f, sizeof f, "%s/f.md", rel);
            puts_file(f, "Deep note.\n");
        }
    }
    /* A path longer than PATH_MAX, made with *at() calls. */
    memset(name, 'x', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    dfd = open(root, O_RDONLY | O_DIRECTORY);
    assert_true(dfd >= 0);
    assert_int_equal(mkdirat(dfd, "long", 0755), 0);
    {
        int nd = openat(dfd, "long", O_RDONLY | O_DIRECTORY);
        close(dfd);
        dfd = nd;
    }
    for (i = 0; i < 25; i++) {          /* 25 x 200 bytes > 4096 */
        int nd;
        fd = openat(dfd, "n.md", O_WRONLY | O_CREAT, 0644);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, "Long path note.\n", 16), 16);
        close(fd);
        assert_int_equal(mkdirat(dfd, name, 0755), 0);
        nd = openat(dfd, name, O_RDONLY | O_DIRECTORY);
        assert_true(nd >= 0);
        close(dfd);
        dfd = nd;
    }
    fd = openat(dfd, "deepest.md", O_WRONLY | O_CREAT, 0644);
    assert_true(fd >= 0);
    close(fd);
    close(dfd);

    ix = open_ok(NULL);
    assert_indexed(ix, "good.md");
    assert_indexed(ix, "d/f.md");
    {
        char f[4000] = "d", s[4200];
        for (i = 2; i <= 64; i++) strcat(f, "/d");
        snprintf(s, sizeof s, "%s/f.md", f);
        assert_indexed(ix, s);              /* level 64 */
        snprintf(s, sizeof s, "%s/d", f);
        assert_skipped(ix, s, "nested too deeply");
    }
    assert_indexed(ix, "long/n.md");
    {
        size_t n, k, toolong = 0, longdocs = 0;
        const dsr_skip *sk = dsr_index_skipped(ix, &n);
        const dsr_document *d;
        for (k = 0; k < n; k++) toolong += strstr(sk[k].reason, "path too long") != NULL;
        assert_true(toolong >= 1);
        d = dsr_index_documents(ix, &n);
        for (k = 0; k < n; k++) longdocs += strncmp(d[k].path, "long/", 5) == 0;
        print_message("long path: %zu documents indexed, %zu skipped as too long\n", longdocs, toolong);
        assert_true(longdocs >= 15);        /* every n.md whose path fits */
    }
    assert_export_ok(ix);
    dsr_index_free(ix);
}

static void symlinks_loops_and_escapes(void **state)
{
    char target[400];
    dsr_index *ix;
    (void)state;
    snprintf(target, sizeof target, "%s/secret.md", outside);
    {
        FILE *f = fopen(target, "w");
        assert_non_null(f);
        fputs("# SECRET-OUTSIDE\n\nNever indexed.\n", f);
        fclose(f);
    }
    mkdir_rel("sub");
    puts_file("sub/note.md", "A note in sub.\n");
    link_rel(".", "loop-root");                 /* a folder that is its own ancestor */
    link_rel("..", "sub/up");
    link_rel("self.md", "self.md");             /* ELOOP */
    link_rel("ping.md", "pong.md");
    link_rel("pong.md", "ping.md");
    link_rel("missing.md", "dangling.md");
    link_rel(outside, "out-dir");               /* absolute, outside */
    link_rel(target, "out-abs.md");
    {
        char rel[400];
        const char *base = strrchr(outside, '/') + 1;
        snprintf(rel, sizeof rel, "../%s/secret.md", base);
        link_rel(rel, "out-rel.md");            /* relative, outside; the sibling shares our prefix */
        snprintf(rel, sizeof rel, "../../%s", base);
        link_rel(rel, "sub/out-up");
    }
    link_rel("/etc/passwd", "passwd.md");
    link_rel("/dev/zero", "zero.md");
    link_rel("good.md", "in-link.md");          /* inside: indexed under its own name */
    link_rel("sub", "alias-dir");               /* inside: walked */
    ix = open_ok(NULL);
    assert_indexed(ix, "good.md");
    assert_indexed(ix, "sub/note.md");
    assert_skipped(ix, "loop-root", "loop");
    assert_skipped(ix, "sub/up", "loop");
    assert_skipped(ix, "self.md", "broken symbolic link");
    assert_skipped(ix, "ping.md", "broken symbolic link");
    assert_skipped(ix, "dangling.md", "broken symbolic link");
    assert_skipped(ix, "out-dir", "outside");
    assert_skipped(ix, "out-abs.md", "outside");
    assert_skipped(ix, "out-rel.md", "outside");
    assert_skipped(ix, "sub/out-up", "outside");
    assert_skipped(ix, "passwd.md", "outside");
    assert_skipped(ix, "zero.md", "outside");
    assert_indexed(ix, "in-link.md");
    assert_indexed(ix, "alias-dir/note.md");
    assert_int_equal(n_docs(ix), 4);
    {
        char *json = dsr_index_export_json(ix, 0);
        assert_non_null(json);
        assert_null(strstr(json, "SECRET-OUTSIDE"));
        assert_null(strstr(json, "root:x:0"));
        assert_strict_json(json);
        free(json);
    }
    dsr_index_free(ix);
}

/* ---- permissions ---------------------------------------------------------- */

static int setgroups_none(void) { return setgroups(0, NULL); }

/* Run fn in a child; as root, after dropping to nobody (permission bits do
 * not stop root).  The child's exit status is the number of the failed
 * check, 0 when all held. */
static int as_unprivileged(int (*fn)(void))
{
    pid_t pid;
    int status;
    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgroups_none() || setgid(65534) || setuid(65534))) _exit(100);
        if (geteuid() == 0) _exit(100);
        _exit(fn());
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status)) fail_msg("child died with signal %d", WTERMSIG(status));
    if (WEXITSTATUS(status) == 100) {
        print_message("SKIP: running as root and cannot drop to nobody (setuid refused), "
                      "so permission bits cannot be tested\n");
        skip();
    }
    return WEXITSTATUS(status);
}

static int check_unreadable(void)
{
    char *err = NULL;
    dsr_index *ix = dsr_index_open(root, NULL, &err);
    const char *r;
    int code = 0;
    if (!ix) return 1;
    if (!doc_named(ix, "good.md")) code = 2;
    else if (!(r = skip_reason(ix, "locked.md")) || !strstr(r, "permission denied")) code = 3;
    else if (!(r = skip_reason(ix, "locked-dir")) || !strstr(r, "permission denied")) code = 4;
    else if (!(r = skip_reason(ix, "search-only-missing/x.md")) || !strstr(r, "permission denied")) code = 5;
    else if (!doc_named(ix, "open-dir/ok.md")) code = 6;
    else if (doc_named(ix, "locked-dir/inner.md")) code = 7;
    else if (!(r = skip_reason(ix, "exec-only")) || !strstr(r, "permission denied")) code = 8;
    else if (doc_named(ix, "exec-only/known.md")) code = 9;
    dsr_index_free(ix);
    return code;
}

static int check_unreadable_root(void)
{
    char *err = NULL, sub[400];
    dsr_index *ix;
    snprintf(sub, sizeof sub, "%s/locked-dir", root);
    ix = dsr_index_open(sub, NULL, &err);
    if (ix) {
        dsr_index_free(ix);
        return 1;
    }
    if (!err || !strstr(err, "Permission denied") || !strstr(err, "locked-dir")) return 2;
    free(err);
    return 0;
}

static void unreadable_files_and_folders(void **state)
{
    int code;
    (void)state;
    puts_file("locked.md", "secret\n");
    chmod_rel("locked.md", 0);
    mkdir_rel("locked-dir");
    puts_file("locked-dir/inner.md", "inner\n");
    chmod_rel("locked-dir", 0);
    mkdir_rel("open-dir");
    puts_file("open-dir/ok.md", "ok\n");
    /* readable but not searchable: names can be listed, not looked at */
    mkdir_rel("search-only-missing");
    puts_file("search-only-missing/x.md", "x\n");
    chmod_rel("search-only-missing", 0644);
    /* searchable but not readable: cannot be listed */
    mkdir_rel("exec-only");
    puts_file("exec-only/known.md", "known\n");
    chmod_rel("exec-only", 0711);
    code = as_unprivileged(check_unreadable);
    if (code) fail_msg("unreadable check %d failed (%s)", code, geteuid() == 0 ? "as nobody" : "as user");
    code = as_unprivileged(check_unreadable_root);
    if (code) fail_msg("unreadable root check %d failed", code);
    /* Root reads everything: then locked.md is indexed. */
    if (geteuid() == 0) {
        dsr_index *ix = open_ok(NULL);
        assert_indexed(ix, "locked.md");
        assert_indexed(ix, "locked-dir/inner.md");
        dsr_index_free(ix);
    }
}

/* ---- churn ---------------------------------------------------------------- */

static pid_t churner;            /* the churning child, killed by teardown */

static int kill_churner(void **state)
{
    if (churner > 0) {
        kill(churner, SIGKILL);
        waitpid(churner, NULL, 0);
        churner = 0;
    }
    return teardown(state);
}

static void churn(int n_churn, pid_t parent)
{
    char rel[64], tmp[64], path[4096], path2[4096];
    unsigned it = 0;
    prctl(PR_SET_PDEATHSIG, SIGKILL);   /* never outlive a crashed test */
    for (;;) {
        int i;
        if (getppid() != parent) _exit(0);
        for (i = 0; i < n_churn; i++, it++) {
            snprintf(rel, sizeof rel, "churn/c%03d.md", i);
            pathof(path, sizeof path, rel);
            switch ((it * 7 + (unsigned)i) % 7) {
            case 0: unlink(path); rmdir(path); break;
            case 1: {                       /* rewritten in place, growing */
                FILE *f = fopen(path, "w");
                int k;
                if (!f) break;
                for (k = 0; k < (int)(it % 50); k++) fputs("Rewritten on May 5, 2010 by the envoy. ", f);
                fclose(f);
                break;
            }
            case 2: if (truncate(path, 0)) {} break;
            case 3:                         /* atomically replaced */
                snprintf(tmp, sizeof tmp, "churn/c%03d.tmp", i);
                pathof(path2, sizeof path2, tmp);
                {
                    FILE *f = fopen(path2, "w");
                    if (f) {
                        fputs("Replaced text from June 1, 2010.\n", f);
                        fclose(f);
                        rename(path2, path);
                    }
                }
                break;
            case 4: unlink(path); mkdir(path, 0755); break;     /* a folder with a .md name */
            case 5: rmdir(path); unlink(path); if (symlink("../good.md", path)) {} break;
            case 6: unlink(path); rmdir(path); {
                    FILE *f = fopen(path, "w");
                    if (f) { fputs("\xff\xfeU\0T\0F\0", f); fclose(f); }
                } break;
            }
        }
    }
}

static void files_changing_while_indexed(void **state)
{
    int n_stable = 100, n_churn = 50, rounds = 30 / (scale() > 3 ? 3 : scale()), i;
    char rel[64];
    pid_t pid;
    size_t outcomes[3] = {0, 0, 0};
    (void)state;
    mkdir_rel("stable");
    mkdir_rel("churn");
    for (i = 0; i < n_stable; i++) {
        snprintf(rel, sizeof rel, "stable/s%03d.md", i);
        puts_file(rel, STABLE);
    }
    for (i = 0; i < n_churn; i++) {
        snprintf(rel, sizeof rel, "churn/c%03d.md", i);
        puts_file(rel, "Initial.\n");
    }
    fflush(NULL);
    {
        pid_t parent = getpid();
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            churn(n_churn, parent);
            _exit(0);
        }
    }
    churner = pid;
    for (i = 0; i < rounds; i++) {
        char *err = NULL;
        dsr_index *ix = dsr_index_open(root, NULL, &err);
        int k, r;
        if (!ix) {
            kill(pid, SIGKILL);
            fail_msg("open during churn: %s", err ? err : "?");
        }
        for (r = 0; r < 3; r++) {
            for (k = 0; k < n_stable; k++) {
                const dsr_document *d;
                snprintf(rel, sizeof rel, "stable/s%03d.md", k);
                d = doc_named(ix, rel);
                if (!d || d->size != strlen(STABLE)) {
                    kill(pid, SIGKILL);
                    fail_msg("stable file %s lost during churn", rel);
                }
            }
            for (k = 0; k < n_churn; k++) {
                const char *why;
                snprintf(rel, sizeof rel, "churn/c%03d.md", k);
                why = skip_reason(ix, rel);
                if (doc_named(ix, rel)) outcomes[0]++;
                else if (why && *why) outcomes[1]++;
                else outcomes[2]++;         /* gone at walk time */
            }
            assert_export_ok(ix);
            if (r < 2 && dsr_index_refresh(ix, &err)) {
                kill(pid, SIGKILL);
                fail_msg("refresh during churn: %s", err ? err : "?");
            }
        }
        dsr_index_free(ix);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    churner = 0;
    print_message("churned files over %d rounds: %zu indexed, %zu skipped with a reason, %zu absent\n",
                  rounds, outcomes[0], outcomes[1], outcomes[2]);
}

/* An empty folder, and folders of nothing but empty folders. */
static void empty_folders(void **state)
{
    char path[4096];
    dsr_index *ix;
    char *err = NULL, *json;
    (void)state;
    pathof(path, sizeof path, "good.md");
    assert_int_equal(unlink(path), 0);
    ix = open_ok(NULL);
    assert_int_equal(n_docs(ix), 0);
    assert_int_equal(dsr_index_refresh(ix, &err), 0);
    json = dsr_index_export_json(ix, 1);
    assert_non_null(json);
    assert_strict_json_pretty(json);
    free(json);
    dsr_index_free(ix);
    mkdir_rel("a");
    mkdir_rel("a/b");
    mkdir_rel("c.md");                  /* a folder named like a document */
    ix = open_ok(NULL);
    assert_int_equal(n_docs(ix), 0);
    assert_export_ok(ix);
    puts_file("a/b/late.md", "Added later.\n");
    assert_int_equal(dsr_index_refresh(ix, &err), 0);
    assert_indexed(ix, "a/b/late.md");
    dsr_index_free(ix);
}

/* ---- names ------------------------------------------------------------------ */

static void hostile_file_names(void **state)
{
    static const char *const names[] = {
        "caf\xe9.md",                       /* Latin-1, not UTF-8 */
        "\xff\xfe\xfd.md",
        "over\xc0\xaflong.md",
        "new\nline.md", "tab\there.md", "ret\rurn.md", "esc\x1b[2Jape.md", "bell\x07.md",
        "quote\"d.md", "back\\slash.md", "apo'strophe.md", "$(touch PWNED).md", "`touch PWNED`.md",
        "; rm -rf x.md", "-rf.md", " leading space.md", "trailing space .md", "%s%n%x.md",
        "\xe2\x80\xae" "dm.exe.md",          /* right-to-left override */
        NULL
    };
    char longname[256];
    dsr_index *ix;
    size_t i;
    struct stat st;
    char sentinel[4096];
    (void)state;
    for (i = 0; names[i]; i++) puts_file(names[i], "# \"Quoted\" \\ title \x01\n\nThe envoy met officials on March 3, 2010.\n");
    memset(longname, 'L', 251);
    strcpy(longname + 251, ".md");          /* 254 bytes, the most a name can have here */
    puts_file(longname, "Long name.\n");
    ix = open_ok(NULL);
    for (i = 0; names[i]; i++) assert_indexed(ix, names[i]);
    assert_indexed(ix, longname);
    assert_indexed(ix, "good.md");
    assert_export_ok(ix);
    dsr_index_free(ix);
    pathof(sentinel, sizeof sentinel, "PWNED");
    assert_int_not_equal(stat(sentinel, &st), 0);
    assert_int_not_equal(stat("PWNED", &st), 0);
}

/* ---- front matter ---------------------------------------------------------- */

static void front_matter_edge_cases(void **state)
{
    size_t big = 4u * 1024 * 1024, n = 0, i;
    char *buf = malloc(big + 4096);
    dsr_index *ix;
    const dsr_document *d;
    (void)state;
    assert_non_null(buf);
    puts_file("fm-empty.md", "---\n---\n# Heading after empty front matter\n");
    puts_file("fm-only-open.md", "---\n");
    puts_file("fm-only-dashes.md", "---");
    puts_file("fm-unclosed.md", "---\ntitle: Never closed\ndate: 2010-01-01\n");
    puts_file("fm-dots.md", "---\ntitle: Dots\n...\nBody.\n");
    puts_file("fm-bad-dates.md", "---\ndate: 2010-19-39\n---\nBody.\n");
    puts_file("fm-feb30.md", "---\ndate: 2010-02-30\n---\nBody.\n");
    puts_file("fm-garbage.md", "---\n: :\n:::\n- - -\n[[[[\naliases: [\naliases: [,,,\"\n"
                               "aliases:\n  - \n  -\n  - \"\"\ntags: [\"unterminated\n---\nBody.\n");
    puts_file("fm-controls.md", "---\ntitle: \"Ti\x01tle\x1b[1m \\\" \\\\ \xff\xfe\"\naliases: [\"A\x02: B\x03\"]\n---\nBody.\n");
    /* 4 MB of front matter: 100,000+ alias items, a 100 KB title. */
    n += (size_t)sprintf(buf + n, "---\ntitle: ");
    for (i = 0; i < 100000; i++) buf[n++] = "Long title "[i % 11];
    n += (size_t)sprintf(buf + n, "\naliases:\n");
    while (n < big) n += (size_t)sprintf(buf + n, "  - Alias number %zu: Somebody\n", n);
    put("fm-huge-unclosed.md", buf, n);     /* never closed: all of it is text */
    n += (size_t)sprintf(buf + n, "---\nBody after a huge front matter.\n");
    put("fm-huge.md", buf, n);
    free(buf);
    ix = open_ok(NULL);
    assert_indexed(ix, "good.md");
    d = doc_named(ix, "fm-empty.md");
    assert_non_null(d);
    assert_string_equal(d->title, "Heading after empty front matter");
    assert_indexed(ix, "fm-only-open.md");
    assert_indexed(ix, "fm-only-dashes.md");
    d = doc_named(ix, "fm-unclosed.md");
    assert_non_null(d);
    assert_int_not_equal(d->date_source, DSR_DATE_FRONT_MATTER);   /* not front matter */
    assert_string_equal(doc_named(ix, "fm-dots.md")->title, "Dots");
    d = doc_named(ix, "fm-bad-dates.md");
    assert_non_null(d);
    assert_int_not_equal(d->date_source, DSR_DATE_FRONT_MATTER);   /* month 19 is no date */
    assert_int_not_equal(doc_named(ix, "fm-feb30.md")->date_source, DSR_DATE_FRONT_MATTER);
    assert_indexed(ix, "fm-garbage.md");
    assert_indexed(ix, "fm-controls.md");
    d = doc_named(ix, "fm-huge.md");
    assert_non_null(d);
    assert_true(strlen(d->title) < 256);
    assert_true(strncmp(d->title, "Long title", 10) == 0);
    assert_indexed(ix, "fm-huge-unclosed.md");
    assert_export_ok(ix);
    dsr_index_free(ix);
}

/* ---- the config ------------------------------------------------------------- */

static dsr_index *open_with_config(const char *json, size_t len)
{
    put(".dossier.json", json, len);
    return open_ok(NULL);
}

static dsr_index *open_with_config_s(const char *json) { return open_with_config(json, strlen(json)); }

static void config_malformed_huge_nested(void **state)
{
    size_t n = 200000, i;
    char *buf = malloc(2 * 1024 * 1024 + 16);
    dsr_index *ix;
    const char *w;
    (void)state;
    assert_non_null(buf);
    puts_file("sub.md", "Another note.\n");

    /* malformed: a warning with line and column, defaults apply */
    ix = open_with_config_s("{\n \"exclude\": [\"sub.md\",\n}");
    assert_non_null(w = warning_with(ix, "malformed JSON"));
    assert_non_null(strstr(w, ".dossier.json:3:"));
    assert_indexed(ix, "sub.md");
    assert_indexed(ix, "good.md");
    dsr_index_free(ix);

    /* 200,000 levels of nesting: cJSON's nesting limit, no stack overflow */
    for (i = 0; i < n; i++) buf[i] = '[';
    ix = open_with_config(buf, n);
    assert_non_null(warning_with(ix, "malformed JSON"));
    assert_indexed(ix, "sub.md");
    dsr_index_free(ix);
    /* deep but within the limit, under a known key */
    n = (size_t)sprintf(buf, "{\"aliases\": ");
    for (i = 0; i < 900; i++) buf[n++] = '[';
    for (i = 0; i < 900; i++) buf[n++] = ']';
    buf[n++] = '}';
    ix = open_with_config(buf, n);
    assert_non_null(warning_with(ix, "\"aliases\" must be an object"));
    assert_indexed(ix, "sub.md");
    dsr_index_free(ix);

    /* over 1 MiB: refused whole, with a warning */
    n = (size_t)sprintf(buf, "{\"exclude\": [\"sub.md\"], \"pad\": \"");
    while (n < 2 * 1024 * 1024) buf[n++] = 'x';
    n += (size_t)sprintf(buf + n, "\"}");
    ix = open_with_config(buf, n);
    assert_non_null(warning_with(ix, "too large"));
    assert_indexed(ix, "sub.md");
    dsr_index_free(ix);

    /* 50,000 unknown keys: warnings are capped, indexing goes on */
    n = (size_t)sprintf(buf, "{");
    for (i = 0; i < 50000; i++) n += (size_t)sprintf(buf + n, "%s\"k%zu%%s%%n\": 1", i ? "," : "", i);
    buf[n++] = '}';
    ix = open_with_config(buf, n);
    {
        size_t nw;
        dsr_index_warnings(ix, &nw);
        assert_true(nw >= 1 && nw <= 1000);
    }
    assert_indexed(ix, "sub.md");
    dsr_index_free(ix);

    /* not an object; binary; UTF-16; empty */
    ix = open_with_config_s("[1, 2]");
    assert_non_null(warning_with(ix, "must be a JSON object"));
    dsr_index_free(ix);
    ix = open_with_config("{\"a\":\0}", 7);
    assert_non_null(warning_with(ix, "binary"));
    assert_indexed(ix, "sub.md");
    dsr_index_free(ix);
    ix = open_with_config("\xff\xfe{\0}\0", 6);
    assert_non_null(warning_with(ix, "UTF-16"));
    dsr_index_free(ix);
    ix = open_with_config("", 0);
    assert_non_null(warning_with(ix, "malformed JSON"));
    assert_indexed(ix, "sub.md");
    dsr_index_free(ix);

    /* every key with the wrong type */
    {
        static const char j[] = "{\"extensions\": 5, \"include\": {\"a\": 1}, \"exclude\": [1, null, \"\"],"
                                "\"date\": [], \"dates\": [\"x\"], \"aliases\": 3, \"date_order\": \"ymd\","
                                "\"max_file_size\": -1}";
        ix = open_with_config(j, sizeof j - 1);
        assert_non_null(warning_with(ix, "\"extensions\""));
        assert_non_null(warning_with(ix, "\"include\""));
        assert_non_null(warning_with(ix, "\"exclude\""));
        assert_non_null(warning_with(ix, "\"date\""));
        assert_non_null(warning_with(ix, "\"dates\""));
        assert_non_null(warning_with(ix, "\"aliases\""));
        assert_non_null(warning_with(ix, "\"date_order\""));
        assert_non_null(warning_with(ix, "\"max_file_size\""));
        assert_indexed(ix, "sub.md");
        assert_indexed(ix, "good.md");
        assert_export_ok(ix);
        dsr_index_free(ix);
    }
    {
        static const char j[] = "{\"max_file_size\": 1e300, \"date\": \"2010-19-39\", "
                                "\"dates\": {\"sub.md\": \"2010-02-31\"}}";
        ix = open_with_config(j, sizeof j - 1);
        assert_non_null(warning_with(ix, "\"max_file_size\""));
        assert_non_null(warning_with(ix, "\"date\" is not"));
        assert_non_null(warning_with(ix, "\"dates\".\"sub.md\""));
        assert_indexed(ix, "sub.md");
        dsr_index_free(ix);
    }
    /* the config is a folder */
    {
        char path[4096];
        pathof(path, sizeof path, ".dossier.json");
        unlink(path);
        assert_int_equal(mkdir(path, 0755), 0);
        ix = open_ok(NULL);
        assert_non_null(warning_with(ix, "not a regular file"));
        assert_indexed(ix, "sub.md");
        dsr_index_free(ix);
        rmdir(path);
    }
    free(buf);
}

static void config_paths_escaping_the_folder(void **state)
{
    static const char j[] =
        "{\"dates\": {\"../x.md\": \"2010-01-01\", \"/etc/passwd\": \"2010-01-01\", \"a/../../b.md\": \"2010-01-01\","
        "            \"sub/..\": \"2010-01-01\", \"\": \"2010-01-01\", \"good.md\": \"2001-02-03\"},"
        " \"include\": [\"../**\", \"/**\", \"**\"],"
        " \"exclude\": [\"../*/secret.md\"],"
        " \"extensions\": [\"md\", \"../../etc/passwd\", \"/md\", \".\"]}";
    char target[400];
    dsr_index *ix;
    const dsr_document *d;
    (void)state;
    snprintf(target, sizeof target, "%s/secret.md", outside);
    {
        FILE *f = fopen(target, "w");
        assert_non_null(f);
        fputs("# SECRET-OUTSIDE\n", f);
        fclose(f);
    }
    ix = open_with_config(j, sizeof j - 1);
    assert_non_null(warning_with(ix, "\"../x.md\" points outside"));
    assert_non_null(warning_with(ix, "\"/etc/passwd\" points outside"));
    assert_non_null(warning_with(ix, "\"a/../../b.md\" points outside"));
    assert_non_null(warning_with(ix, "\"sub/..\" points outside"));
    d = doc_named(ix, "good.md");
    assert_non_null(d);
    assert_string_equal(d->date, "2001-02-03");     /* the good entry still applies */
    assert_int_equal(n_docs(ix), 1);
    {
        char *json = dsr_index_export_json(ix, 0);
        assert_non_null(json);
        assert_null(strstr(json, "SECRET-OUTSIDE"));
        assert_null(strstr(json, "root:x:0"));
        free(json);
    }
    dsr_index_free(ix);
}

/* .dossier.json as a symbolic link: inside the folder it applies, outside
 * (or dangling) it is a warning and the defaults apply. */
static void config_symlinks(void **state)
{
    char target[400], path[4096];
    dsr_index *ix;
    (void)state;
    puts_file("sub.md", "Another note.\n");
    snprintf(target, sizeof target, "%s/config.json", outside);
    {
        FILE *f = fopen(target, "w");
        assert_non_null(f);
        fputs("{\"exclude\": [\"*.md\"]}", f);
        fclose(f);
    }
    link_rel(target, ".dossier.json");
    ix = open_ok(NULL);
    assert_non_null(warning_with(ix, "points outside the folder"));
    assert_indexed(ix, "sub.md");
    assert_indexed(ix, "good.md");
    dsr_index_free(ix);
    pathof(path, sizeof path, ".dossier.json");
    assert_int_equal(unlink(path), 0);
    mkdir_rel("conf");
    puts_file("conf/real.json", "{\"exclude\": [\"sub.md\"]}");
    link_rel("conf/real.json", ".dossier.json");
    ix = open_ok(NULL);
    assert_skipped(ix, "sub.md", "excluded");
    assert_indexed(ix, "good.md");
    dsr_index_free(ix);
    assert_int_equal(unlink(path), 0);
    link_rel("nowhere.json", ".dossier.json");
    ix = open_ok(NULL);
    assert_non_null(warning_with(ix, "symbolic link"));
    assert_indexed(ix, "sub.md");
    dsr_index_free(ix);
}

/* Globs that made the old backtracking matcher take exponential time. */
static void config_pathological_globs(void **state)
{
    char name[300], j[2000], big[1200];
    size_t n;
    int i;
    dsr_index *ix;
    double t0;
    (void)state;
    memset(name, 'a', 200);
    strcpy(name + 200, ".md");
    puts_file(name, "A long name.\n");
    n = (size_t)sprintf(j, "{\"exclude\": [\"");
    for (i = 0; i < 30; i++) n += (size_t)sprintf(j + n, "*a");
    n += (size_t)sprintf(j + n, "*b\", \"");
    for (i = 0; i < 30; i++) n += (size_t)sprintf(j + n, "**/a*");
    n += (size_t)sprintf(j + n, "x\", \"");
    memset(big, '*', 1000);
    big[1000] = '\0';
    n += (size_t)sprintf(j + n, "%s\"]}", big);     /* over the glob limit: warned */
    t0 = now();
    ix = open_with_config(j, n);
    assert_true(now() - t0 < 5);
    assert_indexed(ix, name);
    assert_indexed(ix, "good.md");
    assert_non_null(warning_with(ix, "longer than"));
    dsr_index_free(ix);
}

/* ---- trust ------------------------------------------------------------------ */

/* Everything about the folder that indexing could change. */
static char *snapshot(void)
{
    char cmd[600], *out = NULL;
    size_t cap = 0;
    FILE *p;
    snprintf(cmd, sizeof cmd, "cd '%s' && find . -printf '%%p %%y %%s %%m %%T@ %%C@\\n' | LC_ALL=C sort", root);
    p = popen(cmd, "r");
    assert_non_null(p);
    {
        size_t n = 0;
        char chunk[4096];
        size_t k;
        while ((k = fread(chunk, 1, sizeof chunk, p)) > 0) {
            out = realloc(out, cap = n + k + 1);
            assert_non_null(out);
            memcpy(out + n, chunk, k);
            n += k;
        }
        if (!out) out = calloc(1, 1);
        out[n] = '\0';
    }
    assert_int_equal(pclose(p), 0);
    (void)cap;
    return out;
}

static void never_writes_into_the_folder(void **state)
{
    char *before, *after, cache[400];
    dsr_index *ix;
    dsr_options opt;
    char *err = NULL, *json;
    (void)state;
    mkdir_rel("sub");
    puts_file("sub/a.md", "---\ntitle: A\n---\nThe envoy met Kim Jong Il on March 3, 2010.\n");
    puts_file(".dossier.json", "{\"aliases\": {\"DPRK\": \"North Korea\"}}");
    snprintf(cache, sizeof cache, "%s/cache", outside);
    memset(&opt, 0, sizeof opt);
    opt.cache_dir = cache;
    sleep(1);                           /* so that a touch would show in %T@ */
    before = snapshot();
    ix = open_ok(&opt);
    assert_int_equal(dsr_index_refresh(ix, &err), 0);
    json = dsr_index_export_json(ix, 1);
    assert_non_null(json);
    free(json);
    dsr_index_free(ix);
    ix = open_ok(&opt);                 /* again, through the cache if there is one */
    dsr_index_free(ix);
    after = snapshot();
    assert_string_equal(before, after);
    free(before);
    free(after);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(binary_nul_utf16_and_invalid_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(huge_files, setup, teardown),
        cmocka_unit_test_setup_teardown(ten_megabyte_line, setup, teardown),
        cmocka_unit_test(file_growing_while_read),
        cmocka_unit_test_setup_teardown(many_tiny_files, setup, teardown),
        cmocka_unit_test_setup_teardown(deep_nesting_and_long_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(symlinks_loops_and_escapes, setup, teardown),
        cmocka_unit_test_setup_teardown(unreadable_files_and_folders, setup, teardown),
        cmocka_unit_test_setup_teardown(files_changing_while_indexed, setup, kill_churner),
        cmocka_unit_test_setup_teardown(empty_folders, setup, teardown),
        cmocka_unit_test_setup_teardown(hostile_file_names, setup, teardown),
        cmocka_unit_test_setup_teardown(front_matter_edge_cases, setup, teardown),
        cmocka_unit_test_setup_teardown(config_malformed_huge_nested, setup, teardown),
        cmocka_unit_test_setup_teardown(config_paths_escaping_the_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(config_pathological_globs, setup, teardown),
        cmocka_unit_test_setup_teardown(config_symlinks, setup, teardown),
        cmocka_unit_test_setup_teardown(never_writes_into_the_folder, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
