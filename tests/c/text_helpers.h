/*
 * text_helpers.h -- a dsr_text over a C string, for the extractor tests.
 * Header-only: each test program is one translation unit.
 */
#ifndef DSR_TEST_TEXT_HELPERS_H
#define DSR_TEST_TEXT_HELPERS_H

#include <string.h>
#include "text.h"

static inline dsr_text text_of(const char *s)
{
    dsr_text t;
    t.s = s;
    t.len = strlen(s);
    t.body = 0;
    return t;
}

#endif
