/*
 * fuzz_lookup.c -- what the editor asks of an index with what the user
 * types: the name under the cursor (dsr_lookup_at, any column of any
 * line), exact names, completion, fuzzy matching, fuzzy event and entity
 * pickers, date ranges.  The index is of examples/briefings (the
 * repository's demo folder; FUZZ_LOOKUP_DIR overrides), built once.
 */
#include <stdio.h>
#include "fuzz_common.h"
#include "dossier.h"

static dsr_index *fl_ix;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *dir = getenv("FUZZ_LOOKUP_DIR");
    char *err = NULL;
    (void)argc;
    (void)argv;
    if (!(fl_ix = dsr_index_open(dir ? dir : "examples/briefings", NULL, &err))) {
        fprintf(stderr, "fuzz_lookup: %s (run from the repository root)\n", err ? err : "?");
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_dup(data, size);
    size_t col = size ? data[0] % (size + 1) : 0, st = 0, en = 0, i, n, ne;
    uint32_t ids[16], pos[64];
    const char *forms[16];
    dsr_fuzzy_hit hits[16];
    const char *strs[3];
    long e = dsr_lookup_at(fl_ix, s, size, col, &st, &en);
    dsr_index_entities(fl_ix, &ne);
    if (e >= 0) FUZZ_CHECK((size_t)e < ne && st <= en && en <= size);
    e = dsr_lookup_name(fl_ix, s, size);
    FUZZ_CHECK(e < (long)ne);
    n = dsr_complete(fl_ix, s, size, 16, ids, forms);
    for (i = 0; i < n; i++) FUZZ_CHECK(ids[i] < ne && forms[i]);
    n = dsr_fuzzy_entities(fl_ix, s, size, 16, hits);
    for (i = 0; i < n; i++) FUZZ_CHECK(hits[i].index < ne);
    n = dsr_fuzzy_events(fl_ix, s, size, size > 1 ? (long)(data[1] % (ne + 1)) - 1 : -1,
                         size > 2 && data[2] & 1 ? s : NULL, size > 2 && data[2] & 2 ? "2010-04" : NULL, 16, hits);
    for (i = 0; i < n; i++) {
        size_t len = 0;
        FUZZ_CHECK(dsr_event_row(fl_ix, hits[i].index, &len) != NULL);
    }
    {
        static const char glacier[] = "Eyjafjallaj\xc3\xb6kull glacier";
        dsr_fuzzy_score(s, size, glacier, sizeof glacier - 1, pos);
    }
    if (size > 1) dsr_fuzzy_score(s, size / 2, s + size / 2, size - size / 2, pos);
    strs[0] = s;
    strs[1] = "Icelandic Met Office";
    strs[2] = "";
    dsr_fuzzy_top(size > 3 ? s + 3 : "", size > 3 ? size - 3 : 0, strs, NULL, 3, 2, hits);
    free(s);
    return 0;
}
