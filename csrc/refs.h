/*
 * refs.h -- words that refer back to an entity named earlier.
 *
 * "He", "his", "the company", "the aircraft": a statement with such a
 * word is about an entity of that kind named before it.  The index links
 * the statement's event to that entity; the event finder takes a
 * referring word as a sign that an undated sentence goes on with the
 * story of the one before.
 */
#ifndef DSR_REFS_H
#define DSR_REFS_H

#include <stddef.h>
#include <stdint.h>

enum {
    DSR_REF_PERSON = 1,         /* he, his, him, she, her */
    DSR_REF_ORG = 2,            /* the company, the firm, the airline, ... */
    DSR_REF_THING = 4           /* the aircraft, the device, the product, ... */
};

/* The DSR_REF_* kinds of the referring words in s[0..n) (its first KB). */
uint32_t dsr_refs_find(const char *s, size_t n);

#endif
