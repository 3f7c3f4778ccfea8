/*
 * fuzz_timex.c -- the time extractor: sentences, time expressions against
 * several document dates (dmy and mdy), datelines, dates in file names,
 * inferred dates, and the dated events that come of them.
 */
#include "fuzz_common.h"
#include "docdate.h"
#include "events.h"
#include "sentence.h"
#include "timex.h"

static const char *const fuzz_dcts[] = { "", "2010", "2010-02", "2010-02-28", "2012-02-29", "1999-12-31", "0001-01-01", "9999-12" };

static void fuzz_check_date(const char *d)
{
    size_t n = strlen(d);
    FUZZ_CHECK(n == 0 || n == 4 || n == 7 || n == 10);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s, out[11];
    dsr_text t;
    dsr_spans sent = {0};
    dsr_timexes tx = {0};
    dsr_devents ev = {0};
    dsr_timex_opts o;
    size_t i;
    unsigned sel = size ? data[0] : 0;
    s = fuzz_dup(data, size);
    t.s = s;
    t.len = size;
    t.body = size ? 1 : 0;                      /* the selector byte is not text */
    o.dmy = sel & 1;
    if (dsr_sentences(&t, &sent) == 0) {
        for (i = 0; i < sent.n; i++)
            FUZZ_CHECK(sent.v[i].start <= sent.v[i].end && sent.v[i].end <= size);
    }
    if (dsr_timex_scan(&t, fuzz_dcts[(sel >> 1) % 8], &o, &tx) == 0) {
        for (i = 0; i < tx.n; i++) {
            FUZZ_CHECK(tx.v[i].start <= tx.v[i].end && tx.v[i].end <= size);
            FUZZ_CHECK(memchr(tx.v[i].value, '\0', sizeof tx.v[i].value) != NULL);
            FUZZ_CHECK(memchr(tx.v[i].mod, '\0', sizeof tx.v[i].mod) != NULL);
            FUZZ_CHECK(memchr(tx.v[i].end_value, '\0', sizeof tx.v[i].end_value) != NULL);
        }
        if (dsr_events_find(&t, &sent, &tx, &ev) == 0)
            for (i = 0; i < ev.n; i++) {
                FUZZ_CHECK(ev.v[i].start <= ev.v[i].end && ev.v[i].end <= size);
                FUZZ_CHECK(ev.v[i].timex < tx.n);
            }
    }
    if (dsr_docdate_dateline(&t, (sel & 0x10) ? 2010 : 0, out)) fuzz_check_date(out);
    if (dsr_docdate_infer(&t, out)) fuzz_check_date(out);
    if (dsr_docdate_filename(s + t.body, out)) fuzz_check_date(out);
    dsr_vec_free(&sent);
    dsr_vec_free(&tx);
    dsr_vec_free(&ev);
    free(s);
    return 0;
}
