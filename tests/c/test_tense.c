/*
 * test_tense.c -- reported speech and past narration.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "tense.h"
#include "text_helpers.h"

/* A test of tense.h over the whole of s. */
static int whole(int (*test)(const dsr_text *, const dsr_span *), const char *s)
{
    dsr_text t = text_of(s);
    dsr_span sp;
    sp.start = 0;
    sp.end = (uint32_t)t.len;
    return test(&t, &sp);
}

#define narrates(s) whole(dsr_tense_narrates, s)
#define reports(s) whole(dsr_tense_reports, s)

static void past_narration(void **state)
{
    (void)state;
    assert_true(narrates("The ferry docked at noon."));              /* regular past */
    assert_true(narrates("Her crew went ashore and slept."));        /* irregular past */
    assert_true(narrates("The hull was scraped against the pier."));
    /* a present or future verb makes it a statement of now, not narration */
    assert_false(narrates("The ferry is docked at noon."));
    assert_false(narrates("The crew will go ashore."));
    assert_false(narrates("The pier has been repaired."));
    assert_false(narrates("The harbour would be closed."));
    /* no verb in the past at all */
    assert_false(narrates("Ferries sail twice a day."));
    assert_false(narrates(""));
    /* the words of a quotation are the speaker's, not the narrator's */
    assert_true(narrates("The captain shouted, \"This is the last crossing.\""));
    assert_true(narrates("The mate replied, ``We have no fuel.''"));
    assert_true(narrates("The pilot smiled: \xE2\x80\x9CIt is fine.\xE2\x80\x9D"));
    assert_false(narrates("\"We docked,\" the captain says now and is glad."));
}

static void reported_speech(void **state)
{
    (void)state;
    assert_int_equal(reports("The harbour master said the channel was clear."), DSR_REPORTS);
    /* just completed: a present perfect */
    assert_int_equal(reports("The port has reopened."), DSR_REPORTS | DSR_REPORTS_PERFECT);
    assert_int_equal(reports("The owners have sold the ferry."), DSR_REPORTS | DSR_REPORTS_PERFECT);
    assert_int_equal(reports("The owners have announced a sale."), DSR_REPORTS | DSR_REPORTS_PERFECT);
    /* a quotation first: the speaker's words about their own time */
    assert_int_equal(reports("``We have sold the ferry,'' the owners said."), 0);
    assert_int_equal(reports("\"The port is open,\" she said."), 0);
    assert_false(reports("The ferry docked at noon."));
    assert_false(reports("The crew has no fuel."));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(past_narration),
        cmocka_unit_test(reported_speech),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
