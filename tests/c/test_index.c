/*
 * test_index.c -- a whole folder, end to end: walk, dates, skips with
 * reasons, bad input next to good input, refresh, export.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <cJSON.h>
#include "dossier.h"
#include "index_helpers.h"

static char root[256];

static void put(const char *rel, const char *data, size_t n)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", root, rel);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

static void puts_file(const char *rel, const char *s) { put(rel, s, strlen(s)); }

static int setup(void **state)
{
    char path[512];
    (void)state;
    strcpy(root, "/tmp/dossier-test-index-XXXXXX");
    if (!mkdtemp(root)) return -1;
    chmod(root, 0755);
    snprintf(path, sizeof path, "%s/sub", root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/.git", root);
    mkdir(path, 0755);
    puts_file("a.md", "---\ndate: 2010-03-01\ntitle: Talks\n---\n\nThe envoy met officials on Feb. 9 in the capital.\n");
    puts_file("sub/notes.txt", "Plain notes without any date at all.\n");
    puts_file("empty.md", "");
    puts_file("bad-utf8.md", "Caf\xc3 \xff\xfe and \xe2\x80 broken bytes, still a text.\n");
    put("photo.md", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    put("utf16.txt", "\xff\xfeH\0i\0", 6);
    puts_file(".git/config.md", "not indexed\n");
    puts_file("image.png", "ignored by extension\n");
    puts_file("locked.md", "secret\n");
    snprintf(path, sizeof path, "%s/locked.md", root);
    chmod(path, 0);
    puts_file(".dossier.json", "{\"dates\": {\"sub/notes.txt\": \"2009-12-31\"}, \"exclude\": [\"drafts/**\"]}\n");
    return 0;
}

static int teardown(void **state)
{
    char cmd[600];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}


static void bad_input_next_to_good(void **state)
{
    char *err = NULL;
    dsr_index *ix = dsr_index_open(root, NULL, &err);
    size_t nw;
    (void)state;
    assert_non_null(ix);
    assert_null(err);
    /* indexed */
    assert_non_null(doc_named(ix, "a.md"));
    assert_non_null(doc_named(ix, "sub/notes.txt"));
    assert_non_null(doc_named(ix, "empty.md"));
    assert_non_null(doc_named(ix, "bad-utf8.md"));
    /* skipped with a reason */
    assert_non_null(strstr(skip_reason(ix, "photo.md"), "binary"));
    assert_non_null(strstr(skip_reason(ix, "utf16.txt"), "UTF-16"));
    assert_non_null(strstr(skip_reason(ix, ".git"), "hidden"));
    assert_null(doc_named(ix, "image.png"));
    dsr_index_warnings(ix, &nw);
    assert_int_equal(nw, 0);
    /* as root, permission bits do not stop reading: the file is indexed */
    if (geteuid() == 0) assert_non_null(doc_named(ix, "locked.md"));
    else assert_non_null(strstr(skip_reason(ix, "locked.md"), "permission"));
    dsr_index_free(ix);
}

/* The unreadable case for real: as root, index as `nobody` in a child. */
static void unreadable_file_as_unprivileged_user(void **state)
{
    pid_t pid;
    int status;
    (void)state;
    if (geteuid() != 0) skip();     /* covered by bad_input_next_to_good */
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char *err = NULL;
        dsr_index *ix;
        const char *r;
        if (setgid(65534) || setuid(65534)) _exit(2);
        ix = dsr_index_open(root, NULL, &err);
        if (!ix) _exit(3);
        r = skip_reason(ix, "locked.md");
        _exit(r && strstr(r, "permission") && doc_named(ix, "a.md") ? 0 : 4);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* A malformed config is a warning naming file, line and problem, and the
 * folder is indexed with the defaults. */
static void malformed_config_is_a_warning(void **state)
{
    char *err = NULL, path[512];
    dsr_index *ix;
    size_t nw;
    const char *const *w;
    (void)state;
    puts_file(".dossier.json", "{\n  \"dates\": {\"sub/notes.txt\": \"2009-12-31\"},\n  \"exclude\": [\"drafts/**\"\n}\n");
    ix = dsr_index_open(root, NULL, &err);
    assert_non_null(ix);
    w = dsr_index_warnings(ix, &nw);
    assert_int_equal(nw, 1);
    assert_non_null(strstr(w[0], ".dossier.json:4:"));
    assert_non_null(strstr(w[0], "malformed JSON"));
    assert_non_null(doc_named(ix, "a.md"));
    assert_string_equal(doc_named(ix, "sub/notes.txt")->date, "");   /* config dates not applied */
    dsr_index_free(ix);
    snprintf(path, sizeof path, "%s/.dossier.json", root);
    unlink(path);
}

/* A user alias finds its entity even when no document uses the alias. */
static void user_alias_finds_entity(void **state)
{
    char *err = NULL, path[512];
    dsr_index *ix;
    long e;
    size_t n;
    const dsr_entity *ents;
    (void)state;
    puts_file(".dossier.json", "{\"aliases\": {\"Met Office\": \"Icelandic Meteorological Office\"}}");
    puts_file("met.md", "The Icelandic Meteorological Office measured the plume on Friday.\n");
    ix = dsr_index_open(root, NULL, &err);
    assert_non_null(ix);
    e = dsr_lookup_name(ix, "met office", 10);
    assert_true(e >= 0);
    ents = dsr_index_entities(ix, &n);
    assert_string_equal(ents[e].name, "Icelandic Meteorological Office");
    assert_int_equal(dsr_lookup_name(ix, "Icelandic Meteorological Office", 31), e);
    dsr_index_free(ix);
    snprintf(path, sizeof path, "%s/.dossier.json", root);
    unlink(path);
    snprintf(path, sizeof path, "%s/met.md", root);
    unlink(path);
}

/* "He" and "the company" link an event to the entity they point back to. */
static void events_link_referring_words(void **state)
{
    char *err = NULL, path[512];
    dsr_index *ix;
    size_t n, ne, i, k;
    const dsr_event *ev;
    const dsr_entity *ents;
    int person = 0, org = 0;
    (void)state;
    puts_file("ref.md", "---\ndate: 2010-03-01\n---\n\nEnvoy Lynn Pascoe arrived in Beijing on Monday.\n"
                        "He met officials there on Feb. 9.\n\nAcme Industries builds engines.\n"
                        "The company said on Feb. 11 that output had doubled.\n");
    ix = dsr_index_open(root, NULL, &err);
    assert_non_null(ix);
    ev = dsr_index_events(ix, &n);
    ents = dsr_index_entities(ix, &ne);
    for (i = 0; i < n; i++)
        for (k = 0; k < ev[i].n_entities; k++) {
            const char *name = ents[ev[i].entities[k]].name;
            if (strcmp(ev[i].date, "2010-02-09") == 0 && strstr(name, "Pascoe")) person = 1;
            if (strcmp(ev[i].date, "2010-02-11") == 0 && strstr(name, "Acme")) org = 1;
        }
    assert_true(person);
    assert_true(org);
    dsr_index_free(ix);
    snprintf(path, sizeof path, "%s/ref.md", root);
    unlink(path);
}

/* A written-out escape ("\\t" in wire dumps) does not glue onto a word. */
static void written_escapes_are_space(void **state)
{
    char *err = NULL, path[512];
    dsr_index *ix;
    size_t n, i;
    const dsr_entity *ents;
    (void)state;
    puts_file("wire.md", "Cocoa review.\n&\\tThe dry period means the harvest will be late.\n"
                         "&\\tArrivals rose, Comissaria Smith said.\n");
    ix = dsr_index_open(root, NULL, &err);
    assert_non_null(ix);
    ents = dsr_index_entities(ix, &n);
    for (i = 0; i < n; i++) {
        assert_null(strstr(ents[i].name, "tThe"));
        assert_null(strstr(ents[i].name, "tArrivals"));
    }
    assert_true(dsr_lookup_name(ix, "Comissaria Smith", 16) >= 0);
    dsr_index_free(ix);
    snprintf(path, sizeof path, "%s/wire.md", root);
    unlink(path);
}

static void document_dates_and_sources(void **state)
{
    char *err = NULL;
    dsr_index *ix = dsr_index_open(root, NULL, &err);
    const dsr_document *a, *n;
    (void)state;
    assert_non_null(ix);
    a = doc_named(ix, "a.md");
    assert_string_equal(a->date, "2010-03-01");
    assert_int_equal(a->date_source, DSR_DATE_FRONT_MATTER);
    assert_string_equal(a->title, "Talks");
    n = doc_named(ix, "sub/notes.txt");
    assert_string_equal(n->date, "2009-12-31");
    assert_int_equal(n->date_source, DSR_DATE_CONFIG);
    assert_string_equal(dsr_date_source_name(a->date_source), "front-matter");
    dsr_index_free(ix);
}

static void missing_folder_is_an_error(void **state)
{
    char *err = NULL;
    (void)state;
    assert_null(dsr_index_open("/nonexistent/dossier/folder", NULL, &err));
    assert_non_null(err);
    assert_non_null(strstr(err, "/nonexistent/dossier/folder"));
    free(err);
}

static void export_is_valid_json(void **state)
{
    char *err = NULL, *json;
    dsr_index *ix = dsr_index_open(root, NULL, &err);
    cJSON *j, *docs, *d;
    int found = 0;
    (void)state;
    assert_non_null(ix);
    json = dsr_index_export_json(ix, 0);
    assert_non_null(json);
    j = cJSON_Parse(json);
    assert_non_null(j);
    assert_int_equal(cJSON_GetObjectItem(j, "version")->valueint, 1);
    docs = cJSON_GetObjectItem(j, "documents");
    assert_true(cJSON_IsArray(docs));
    cJSON_ArrayForEach(d, docs) {
        if (strcmp(cJSON_GetObjectItem(d, "path")->valuestring, "a.md") == 0) {
            found = 1;
            assert_string_equal(cJSON_GetObjectItem(d, "date")->valuestring, "2010-03-01");
            assert_string_equal(cJSON_GetObjectItem(d, "date_source")->valuestring, "front-matter");
            assert_true(cJSON_IsArray(cJSON_GetObjectItem(d, "timexes")));
            assert_true(cJSON_IsArray(cJSON_GetObjectItem(d, "events")));
        }
    }
    assert_true(found);
    assert_true(cJSON_IsArray(cJSON_GetObjectItem(j, "entities")));
    cJSON_Delete(j);
    free(json);
    dsr_index_free(ix);
}

static void refresh_sees_added_changed_removed(void **state)
{
    char *err = NULL, path[512];
    dsr_index *ix = dsr_index_open(root, NULL, &err);
    dsr_stats s0, s1;
    (void)state;
    assert_non_null(ix);
    s0 = dsr_index_stats(ix);
    puts_file("added.md", "A new note about the talks.\n");
    puts_file("a.md", "---\ndate: 2011-05-05\n---\nChanged, and longer than before.\n");
    snprintf(path, sizeof path, "%s/empty.md", root);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(dsr_index_refresh(ix, &err), 0);
    s1 = dsr_index_stats(ix);
    assert_int_equal(s1.documents, s0.documents);       /* +1 added, -1 removed */
    assert_int_equal(s1.reindexed, 2);                  /* added.md and a.md only */
    assert_non_null(doc_named(ix, "added.md"));
    assert_null(doc_named(ix, "empty.md"));
    assert_string_equal(doc_named(ix, "a.md")->date, "2011-05-05");
    dsr_index_free(ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bad_input_next_to_good),
        cmocka_unit_test(unreadable_file_as_unprivileged_user),
        cmocka_unit_test(document_dates_and_sources),
        cmocka_unit_test(malformed_config_is_a_warning),
        cmocka_unit_test(user_alias_finds_entity),
        cmocka_unit_test(events_link_referring_words),
        cmocka_unit_test(written_escapes_are_space),
        cmocka_unit_test(missing_folder_is_an_error),
        cmocka_unit_test(export_is_valid_json),
        cmocka_unit_test(refresh_sees_added_changed_removed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
