/*
 * fuzz_docread.c -- the document reader and front matter, then one
 * document through every extractor (dsr_doc_index_text), as indexing does.
 */
#include "fuzz_common.h"
#include "docread.h"
#include "document.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_dup(data, size), date[11];
    dsr_text t;
    dsr_fm fm;
    dsr_doc d;
    size_t i;
    dsr_iso_date_prefix(s, size, date);
    FUZZ_CHECK(strlen(date) <= 10);
    if (dsr_doc_binary_reason(s, size)) {
        free(s);
        return 0;
    }
    t.s = s;
    t.len = size;
    t.body = 0;
    if (dsr_front_matter(&t, &fm) == 0) {
        FUZZ_CHECK(t.body <= size);
        FUZZ_CHECK(strlen(fm.title) < sizeof fm.title);
        for (i = 0; i < fm.n_aliases; i++) FUZZ_CHECK(fm.aliases[i] != NULL);
        for (i = 0; i < fm.n_tags; i++) FUZZ_CHECK(fm.tags[i] != NULL);
        dsr_fm_free(&fm);
    }
    memset(&d, 0, sizeof d);
    if (dsr_doc_index_text("fuzz/2010-03-01-brief.md", s, size, NULL, &d) == 0) {
        FUZZ_CHECK(d.title < d.pool.n || (d.pool.n == 0 && d.title == 0));
        for (i = 0; i < d.tx.n; i++)
            FUZZ_CHECK(d.tx.v[i].start <= d.tx.v[i].end && d.tx.v[i].end <= size);
        for (i = 0; i < d.ev.n; i++)
            FUZZ_CHECK(d.ev.v[i].start <= d.ev.v[i].end && d.ev.v[i].end <= size);
        for (i = 0; i < d.de.ments.n; i++)
            FUZZ_CHECK(d.de.ments.v[i].end <= size && d.de.ments.v[i].ent < d.de.ents.n);
    }
    dsr_doc_free(&d);
    free(s);
    return 0;
}
