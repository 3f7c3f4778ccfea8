/*
 * cli.c -- the `dossier` command: a thin layer over dossier.h.
 *
 * Exit status: 0 done, 1 the folder could not be indexed (or an entity
 * was not found), 2 bad usage, 3 out of memory or an output error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dossier.h"

#define EXIT_NOTFOUND 1
#define EXIT_USAGE 2
#define EXIT_INTERNAL 3

static const char usage[] =
    "usage: dossier COMMAND [OPTIONS] DIR\n"
    "\n"
    "Index a folder of briefing documents (.md, .markdown, .txt) and report\n"
    "who is named in them and when things happened.\n"
    "\n"
    "commands:\n"
    "  export --json DIR        the whole index as JSON (shared/eval/FORMAT.md)\n"
    "  entities DIR             entities, most mentioned first\n"
    "  timeline DIR             dated events in date order\n"
    "     [--entity NAME]       only the events of one entity\n"
    "     [--from DATE] [--to DATE]   only events in a date range (YYYY[-MM[-DD]])\n"
    "  show DIR NAME            what the index knows of one entity (a hover card)\n"
    "  status DIR               counts, skipped files with reasons, config warnings\n"
    "\n"
    "options:\n"
    "  --pretty                 indented JSON (export)\n"
    "  --cache DIR              keep the index in DIR between runs\n"
    "  -h, --help               this help\n"
    "  --version                the version\n"
    "\n"
    "exit status: 0 done, 1 folder or entity not found, 2 bad usage, 3 internal error\n";

typedef struct {
    const char *cmd, *dir, *name, *entity, *from, *to, *cache;
    int pretty;
} args;

static int parse(int argc, char **argv, args *a)
{
    int i;
    memset(a, 0, sizeof *a);
    for (i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (strcmp(s, "--json") == 0) continue;    /* the only export format */
        if (strcmp(s, "--pretty") == 0) a->pretty = 1;
        else if (strcmp(s, "--entity") == 0 && i + 1 < argc) a->entity = argv[++i];
        else if (strcmp(s, "--from") == 0 && i + 1 < argc) a->from = argv[++i];
        else if (strcmp(s, "--to") == 0 && i + 1 < argc) a->to = argv[++i];
        else if (strcmp(s, "--cache") == 0 && i + 1 < argc) a->cache = argv[++i];
        else if (s[0] == '-' && s[1]) {
            fprintf(stderr, "dossier: unknown option %s (see dossier --help)\n", s);
            return -1;
        } else if (!a->cmd) a->cmd = s;
        else if (!a->dir) a->dir = s;
        else if (!a->name) a->name = s;
        else {
            fprintf(stderr, "dossier: unexpected argument %s\n", s);
            return -1;
        }
    }
    if (!a->cmd || !a->dir) {
        fprintf(stderr, "dossier: %s (see dossier --help)\n", a->cmd ? "no folder given" : "no command given");
        return -1;
    }
    return 0;
}

static void print_warnings(const dsr_index *ix)
{
    size_t n, i;
    const char *const *w = dsr_index_warnings(ix, &n);
    for (i = 0; i < n; i++) fprintf(stderr, "dossier: warning: %s\n", w[i]);
}

static int cmd_export(const dsr_index *ix, const args *a)
{
    char *json = dsr_index_export_json(ix, a->pretty);
    int ok;
    if (!json) return EXIT_INTERNAL;
    ok = fputs(json, stdout) >= 0 && fputc('\n', stdout) != EOF;
    free(json);
    return ok ? 0 : EXIT_INTERNAL;
}

/* Print text that came from a document or a file name: control bytes
 * (an ESC in a file name, say) become '?', so nothing in a briefing can
 * drive the terminal. */
static void out(const char *s)
{
    const unsigned char *p;
    for (p = (const unsigned char *)s; *p; p++) putchar(*p < 0x20 || *p == 0x7F ? '?' : *p);
}

/* out(s) padded to `width` columns, counting UTF-8 characters, not bytes. */
static void print_padded(const char *s, int width)
{
    int cols = 0;
    const unsigned char *p;
    for (p = (const unsigned char *)s; *p; p++) cols += (*p & 0xC0) != 0x80;
    out(s);
    while (cols++ < width) putchar(' ');
}

/* "a, b, c": the first `max` of a list of names. */
static void out_list(const char *const *v, size_t n, size_t max)
{
    size_t i;
    for (i = 0; i < n && i < max; i++) {
        if (i) fputs(", ", stdout);
        out(v[i]);
    }
}

static int cmp_mentions(const void *x, const void *y, const dsr_entity *e)
{
    const dsr_entity *a = &e[*(const uint32_t *)x], *b = &e[*(const uint32_t *)y];
    if (a->n_names != b->n_names) return a->n_names > b->n_names ? -1 : 1;
    return strcmp(a->name, b->name);
}

static const dsr_entity *sort_base;
static int cmp_by_mentions(const void *x, const void *y) { return cmp_mentions(x, y, sort_base); }

static int cmd_entities(const dsr_index *ix)
{
    size_t n, i;
    const dsr_entity *e = dsr_index_entities(ix, &n);
    uint32_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order) return EXIT_INTERNAL;
    for (i = 0; i < n; i++) order[i] = (uint32_t)i;
    sort_base = e;
    qsort(order, n, sizeof *order, cmp_by_mentions);
    for (i = 0; i < n; i++) {
        const dsr_entity *x = &e[order[i]];
        print_padded(x->name, 32);
        printf(" %-12s %3u mention%s in %u doc%s", dsr_type_name(x->type), x->n_names,
               x->n_names == 1 ? "" : "s", x->n_documents, x->n_documents == 1 ? "" : "s");
        if (x->n_aliases) {
            fputs("  aka ", stdout);
            out_list(x->aliases, x->n_aliases, 4);
        }
        if (x->description) {
            fputs("  -- ", stdout);
            out(x->description);
        }
        putchar('\n');
    }
    free(order);
    return 0;
}

/* Does a date (possibly partial) fall within [from, to]?  Comparisons are
 * on the common prefix, so "2010-02" is within 2010-02-01..2010-02-28. */
static int in_range(const char *d, const char *from, const char *to)
{
    if (from && strncmp(d, from, strlen(d) < strlen(from) ? strlen(d) : strlen(from)) < 0) return 0;
    if (to && strncmp(d, to, strlen(d) < strlen(to) ? strlen(d) : strlen(to)) > 0) return 0;
    return 1;
}

static void print_event(const dsr_index *ix, const dsr_event *ev)
{
    size_t nd;
    const dsr_document *docs = dsr_index_documents(ix, &nd);
    char date[64];
    snprintf(date, sizeof date, "%s%s%s", ev->date, ev->end_date[0] ? ".." : "", ev->end_date);
    print_padded(date, 22);
    putchar(' ');
    out(ev->text);
    fputs("  (", stdout);
    out(docs[ev->doc].path);
    printf(":%u)\n", ev->line);
}

static int cmd_timeline(const dsr_index *ix, const args *a)
{
    size_t n, i;
    const dsr_event *ev = dsr_index_events(ix, &n);
    if (a->entity) {
        size_t ne;
        long e = dsr_lookup_name(ix, a->entity, strlen(a->entity));
        const dsr_entity *ents = dsr_index_entities(ix, &ne);
        if (e < 0) {
            fprintf(stderr, "dossier: no entity named \"%s\"\n", a->entity);
            return EXIT_NOTFOUND;
        }
        for (i = 0; i < ents[e].n_events; i++) {
            const dsr_event *x = &ev[ents[e].events[i]];
            if (in_range(x->date, a->from, a->to)) print_event(ix, x);
        }
        return 0;
    }
    for (i = 0; i < n; i++)
        if (in_range(ev[i].date, a->from, a->to)) print_event(ix, &ev[i]);
    return 0;
}

static int cmd_show(const dsr_index *ix, const args *a)
{
    size_t ne, nd, i;
    const dsr_entity *ents = dsr_index_entities(ix, &ne);
    const dsr_document *docs = dsr_index_documents(ix, &nd);
    const dsr_event *ev = dsr_index_events(ix, &i);
    const dsr_entity *e;
    long id;
    if (!a->name) {
        fprintf(stderr, "dossier: show needs a NAME\n");
        return EXIT_USAGE;
    }
    if ((id = dsr_lookup_name(ix, a->name, strlen(a->name))) < 0) {
        fprintf(stderr, "dossier: no entity named \"%s\"\n", a->name);
        return EXIT_NOTFOUND;
    }
    e = &ents[id];
    out(e->name);
    printf(" -- %s\n", dsr_type_name(e->type));
    if (e->n_aliases) {
        fputs("also: ", stdout);
        out_list(e->aliases, e->n_aliases, e->n_aliases);
        putchar('\n');
    }
    if (e->description) {
        out(e->description);
        fputs("  (", stdout);
        out(docs[e->desc_doc].path);
        fputs(")\n", stdout);
    }
    printf("%u mention%s in %u document%s", e->n_names, e->n_names == 1 ? "" : "s",
           e->n_documents, e->n_documents == 1 ? "" : "s");
    if (e->first_date[0]) printf("; dated %s..%s", e->first_date, e->last_date);
    putchar('\n');
    for (i = 0; i < e->n_events && i < 8; i++) print_event(ix, &ev[e->events[i]]);
    if (e->n_related) {
        fputs("related: ", stdout);
        for (i = 0; i < e->n_related && i < 6; i++) {
            if (i) fputs(", ", stdout);
            out(ents[e->related[i]].name);
        }
        putchar('\n');
    }
    return 0;
}

static int cmd_status(const dsr_index *ix)
{
    dsr_stats s = dsr_index_stats(ix);
    size_t n, i;
    const dsr_skip *sk = dsr_index_skipped(ix, &n);
    printf("folder     %s\ndocuments  %u (%llu bytes)\nentities   %u (%u mentions)\n"
           "timexes    %u\nevents     %u\nskipped    %u\nindexed in %.3f s\n",
           dsr_index_root(ix), s.documents, (unsigned long long)s.bytes, s.entities, s.mentions,
           s.timexes, s.events, s.skipped, s.seconds);
    for (i = 0; i < n; i++) {
        fputs("  skipped ", stdout);
        out(sk[i].path);
        printf(": %s\n", sk[i].reason);
    }
    return 0;
}

int main(int argc, char **argv)
{
    args a;
    dsr_options opt;
    dsr_index *ix;
    char *err = NULL;
    int rc;
    if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0)) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("dossier %s\n", DOSSIER_VERSION);
        return 0;
    }
    if (parse(argc, argv, &a)) return EXIT_USAGE;
    if (strcmp(a.cmd, "export") && strcmp(a.cmd, "entities") && strcmp(a.cmd, "timeline") &&
        strcmp(a.cmd, "show") && strcmp(a.cmd, "status")) {
        fprintf(stderr, "dossier: unknown command %s (see dossier --help)\n", a.cmd);
        return EXIT_USAGE;
    }
    memset(&opt, 0, sizeof opt);
    opt.cache_dir = a.cache;
    if (!(ix = dsr_index_open(a.dir, &opt, &err))) {
        fprintf(stderr, "dossier: %s\n", err ? err : "out of memory");
        rc = err && strcmp(err, "out of memory") ? EXIT_NOTFOUND : EXIT_INTERNAL;
        free(err);
        return rc;
    }
    print_warnings(ix);
    if (strcmp(a.cmd, "export") == 0) rc = cmd_export(ix, &a);
    else if (strcmp(a.cmd, "entities") == 0) rc = cmd_entities(ix);
    else if (strcmp(a.cmd, "timeline") == 0) rc = cmd_timeline(ix, &a);
    else if (strcmp(a.cmd, "show") == 0) rc = cmd_show(ix, &a);
    else rc = cmd_status(ix);
    dsr_index_free(ix);
    if (fflush(stdout) != 0) rc = EXIT_INTERNAL;
    return rc;
}
