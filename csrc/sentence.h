/*
 * sentence.h -- sentence segmentation.
 *
 * Splits the body of a document into sentences (byte spans, trimmed of
 * surrounding white space), surviving abbreviations ("Feb.", "U.S.",
 * "B. Lynn", "Mr.", "Inc."), quotes, headlines and blank-line paragraphs.
 */
#ifndef DSR_SENTENCE_H
#define DSR_SENTENCE_H

#include "text.h"

int dsr_sentences(const dsr_text *t, dsr_spans *out);

#endif
