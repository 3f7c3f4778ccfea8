/*
 * fuzz_names.c -- the name extractor (dsr_names_scan) on one document, the
 * folder table built from it with a user alias taken from the input, and
 * the lookup key of the raw bytes.
 */
#include "fuzz_common.h"
#include "entities.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_dup(data, size), key[64];
    dsr_text t;
    dsr_docents de;
    dsr_ents *ents = NULL;
    size_t i, k;
    t.s = s;
    t.len = size;
    t.body = size > 0 ? data[0] % (size + 1) : 0;   /* any start of the body */
    if (t.body > 0 && size >= 3 && data[0] == 0xEF) t.body = 3;
    k = dsr_name_key(s, size, key, sizeof key);
    FUZZ_CHECK(k < sizeof key && strlen(key) == k);
    memset(&de, 0, sizeof de);
    if (dsr_names_scan(&t, &de) == 0) {
        const dsr_docents *docs[2];
        dsr_user_alias ua;
        for (i = 0; i < de.ments.n; i++) {
            FUZZ_CHECK(de.ments.v[i].start <= de.ments.v[i].end && de.ments.v[i].end <= size);
            FUZZ_CHECK(de.ments.v[i].ent < de.ents.n);
        }
        for (i = 0; i < de.ents.n; i++) {
            FUZZ_CHECK(de.ents.v[i].name < de.pool.n);
            FUZZ_CHECK(de.ents.v[i].desc == DSR_NOSTR || de.ents.v[i].desc < de.pool.n);
        }
        docs[0] = &de;
        docs[1] = NULL;                 /* a document that failed */
        ua.alias = de.ents.n ? de.pool.v + de.ents.v[0].name : "Alias";
        ua.canonical = de.ents.n > 1 ? de.pool.v + de.ents.v[de.ents.n - 1].name : "Canonical Name";
        if (dsr_ents_build(docs, 2, &ua, 1, &ents) == 0) {
            size_t n = dsr_ents_count(ents);
            for (i = 0; i < n; i++) {
                const dsr_ent *e = dsr_ents_get(ents, i);
                FUZZ_CHECK(e && e->name);
                for (k = 0; k < e->n_ments; k++) FUZZ_CHECK(e->ments[k].doc == 0 && e->ments[k].end <= size);
            }
            dsr_ents_free(ents);
        }
    }
    dsr_docents_free(&de);
    free(s);
    return 0;
}
