/*
 * refs.h -- words that refer back to an entity named earlier.
 *
 * "He", "his", "the company", "the aircraft": a statement with such a
 * word is about an entity of that kind named before it.  The document
 * finds that entity's mention for each event (dsr_refs_link) and the
 * index links the event to its entity; the event finder takes a
 * referring word as a sign that an undated sentence goes on with the
 * story of the one before.
 */
#ifndef DSR_REFS_H
#define DSR_REFS_H

#include "entities.h"
#include "text.h"

enum {
    DSR_REF_PERSON = 1,         /* he, his, him, she, her */
    DSR_REF_ORG = 2,            /* the company, the firm, the airline, ... */
    DSR_REF_THING = 4           /* the aircraft, the device, the product, ... */
};

/* The DSR_REF_* kinds of the referring words in s[0..n) (its first KB). */
uint32_t dsr_refs_find(const char *s, size_t n);

/* The mentions of de that the referring words of the statement st point
 * back to, one per kind, as their spans in out (at most cap); how many.
 * `headline`: st is the document's headline, whose nouns need no "the"
 * and may point forward. */
size_t dsr_refs_link(const dsr_text *t, const dsr_docents *de, const dsr_span *st, int headline,
                     dsr_span *out, size_t cap);

#endif
