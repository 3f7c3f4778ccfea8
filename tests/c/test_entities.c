/*
 * test_entities.c -- dsr_ents_build over several documents written for
 * these tests: the same full name is one entity, unambiguous short forms
 * join it, ambiguous ones stay apart, acronyms and company designators,
 * user aliases, missing documents, mention order and nominal mentions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "entities.h"

#define MAXD 8

typedef struct {
    dsr_docents d[MAXD];
    const dsr_docents *p[MAXD];
    const char *s[MAXD];
    size_t n;
    dsr_ents *e;
} folder;

static void add(folder *f, const char *s)
{
    dsr_text t;
    t.s = s;
    t.len = strlen(s);
    t.body = 0;
    memset(&f->d[f->n], 0, sizeof f->d[f->n]);
    assert_int_equal(dsr_names_scan(&t, &f->d[f->n]), 0);
    f->s[f->n] = s;
    f->p[f->n] = &f->d[f->n];
    f->n++;
}

static void build(folder *f, const dsr_user_alias *ua, size_t n_ua)
{
    assert_int_equal(dsr_ents_build(f->p, f->n, ua, n_ua, &f->e), 0);
}

static void done(folder *f)
{
    size_t i;
    dsr_ents_free(f->e);
    for (i = 0; i < f->n; i++) dsr_docents_free(&f->d[i]);
}

static const dsr_ent *by_name(const folder *f, const char *name)
{
    size_t i;
    for (i = 0; i < dsr_ents_count(f->e); i++)
        if (strcmp(dsr_ents_get(f->e, i)->name, name) == 0) return dsr_ents_get(f->e, i);
    return NULL;
}

/* The entity holding the name mention `text` in document doc. */
static const dsr_ent *holding(const folder *f, size_t doc, const char *text)
{
    size_t i, k, n = strlen(text);
    for (i = 0; i < dsr_ents_count(f->e); i++) {
        const dsr_ent *e = dsr_ents_get(f->e, i);
        for (k = 0; k < e->n_ments; k++) {
            const dsr_ment *m = &e->ments[k];
            if (m->doc == doc && !m->nominal && m->end - m->start == n &&
                memcmp(f->s[doc] + m->start, text, n) == 0)
                return e;
        }
    }
    return NULL;
}

static int has_alias(const dsr_ent *e, const char *a)
{
    size_t i;
    for (i = 0; i < e->n_aliases; i++)
        if (strcmp(e->aliases[i], a) == 0) return 1;
    return 0;
}

static void test_full_name_and_short_form(void **st)
{
    folder f = {0};
    const dsr_ent *e;
    (void)st;
    add(&f, "The inquiry heard Margit Solberg, chair of the harbour board, on Monday.\n");
    add(&f, "Later Margit Solberg returned to the inquiry.\n");
    add(&f, "The board said Solberg would resign in June.\n");
    build(&f, NULL, 0);
    e = by_name(&f, "Margit Solberg");
    assert_non_null(e);
    assert_int_equal(e->type, DSR_PERSON);
    assert_ptr_equal(holding(&f, 1, "Margit Solberg"), e);
    assert_ptr_equal(holding(&f, 2, "Solberg"), e);
    assert_true(has_alias(e, "Solberg"));
    assert_non_null(e->desc);
    assert_non_null(strstr(e->desc, "chair of the harbour board"));
    assert_int_equal(e->desc_doc, 0);
    done(&f);
}

static void test_ambiguous_short_form(void **st)
{
    folder f = {0};
    const dsr_ent *a, *b, *k;
    (void)st;
    add(&f, "Envoys met Choi Dong Hyun in the capital.\n");
    add(&f, "The minister Choi Mi Ra spoke next.\n");
    add(&f, "A statement said Choi was tired.\n");
    build(&f, NULL, 0);
    a = by_name(&f, "Choi Dong Hyun");
    b = by_name(&f, "Choi Mi Ra");
    k = holding(&f, 2, "Choi");
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    assert_non_null(k);
    assert_ptr_not_equal(k, a);
    assert_ptr_not_equal(k, b);
    done(&f);
}

static void test_acronym_across_documents(void **st)
{
    folder f = {0};
    const dsr_ent *e;
    (void)st;
    add(&f, "A study by the Global Wetlands Foundation (GWF) found losses.\n");
    add(&f, "Critics of the GWF asked for the data.\n");
    build(&f, NULL, 0);
    e = by_name(&f, "Global Wetlands Foundation");
    assert_non_null(e);
    assert_ptr_equal(holding(&f, 1, "GWF"), e);
    assert_true(has_alias(e, "GWF"));
    done(&f);
}

static void test_designators_and_places(void **st)
{
    folder f = {0};
    const dsr_ent *e;
    (void)st;
    add(&f, "Shares of Halvorsen Shipping Inc. rose in Oslo.\n");
    add(&f, "Halvorsen Shipping said the U.S. market was weak.\n");
    add(&f, "Exports to the United States grew.\n");
    build(&f, NULL, 0);
    e = holding(&f, 0, "Halvorsen Shipping Inc.");
    assert_non_null(e);
    assert_ptr_equal(holding(&f, 1, "Halvorsen Shipping"), e);
    e = by_name(&f, "United States");
    assert_non_null(e);
    assert_int_equal(e->type, DSR_PLACE);
    assert_ptr_equal(holding(&f, 1, "U.S."), e);
    assert_ptr_equal(holding(&f, 2, "United States"), e);
    done(&f);
}

static void test_user_alias_and_key(void **st)
{
    folder f = {0};
    const dsr_ent *e;
    dsr_user_alias ua[1];
    char k[64];
    (void)st;
    ua[0].alias = "Karvonia";
    ua[0].canonical = "Republic of Karvonia";
    add(&f, "Delegates from the Republic of Karvonia arrived.\n");
    add(&f, "In Karvonia the vote was close.\n");
    build(&f, ua, 1);
    e = holding(&f, 1, "Karvonia");
    assert_non_null(e);
    assert_ptr_equal(holding(&f, 0, "Republic of Karvonia"), e);
    assert_string_equal(e->name, "Republic of Karvonia");
    dsr_name_key(e->name, strlen(e->name), k, sizeof k);
    assert_string_equal(k, "republic of karvonia");
    done(&f);
}

static void test_missing_documents_and_order(void **st)
{
    folder f = {0};
    const dsr_ent *e;
    size_t i;
    (void)st;
    add(&f, "Oslo was cold. Oslo was dark.\n");
    add(&f, "Ferries left Oslo.\n");
    f.p[1] = NULL;                       /* a document that failed */
    add(&f, "Oslo woke up. Snow covered Oslo.\n");
    build(&f, NULL, 0);
    e = by_name(&f, "Oslo");
    assert_non_null(e);
    assert_int_equal(e->n_ments, 4);
    for (i = 1; i < e->n_ments; i++)
        assert_true(e->ments[i - 1].doc < e->ments[i].doc ||
                    (e->ments[i - 1].doc == e->ments[i].doc &&
                     e->ments[i - 1].start < e->ments[i].start));
    assert_null(dsr_ents_get(f.e, dsr_ents_count(f.e)));
    done(&f);
}

static void test_nominal_mentions(void **st)
{
    folder f = {0};
    const dsr_ent *e;
    size_t k, nominal = 0;
    (void)st;
    add(&f, "The plan was backed by Ingrid Vasquez, the port authority director.\n");
    build(&f, NULL, 0);
    e = by_name(&f, "Ingrid Vasquez");
    assert_non_null(e);
    for (k = 0; k < e->n_ments; k++) nominal += e->ments[k].nominal;
    assert_true(nominal >= 1);
    assert_true(e->n_ments > nominal);
    done(&f);
}

static void test_empty(void **st)
{
    dsr_ents *e = NULL;
    (void)st;
    assert_int_equal(dsr_ents_build(NULL, 0, NULL, 0, &e), 0);
    assert_int_equal(dsr_ents_count(e), 0);
    dsr_ents_free(e);
    dsr_ents_free(NULL);
}

/* A product named after its maker does not take the maker's name as its
 * short form across documents; a lower-case brand's product does. */
static void test_maker_of_product(void **st)
{
    folder f = {0};
    const dsr_ent *chip, *maker, *store;
    (void)st;
    add(&f, "The laptops use Halvex Core Trio processors, the maker said.\n");
    add(&f, "Shares of Halvex fell on Monday after the results.\n");
    add(&f, "Songs sold on the iVault Music Store doubled this year.\n");
    add(&f, "Critics said iVault had lowered its prices.\n");
    build(&f, NULL, 0);
    chip = by_name(&f, "Halvex Core Trio");
    maker = holding(&f, 1, "Halvex");
    assert_non_null(chip);
    assert_non_null(maker);
    assert_ptr_not_equal(chip, maker);
    assert_int_equal(chip->type, DSR_OTHER);
    store = by_name(&f, "iVault Music Store");
    assert_non_null(store);
    assert_ptr_equal(holding(&f, 3, "iVault"), store);
    done(&f);
}

/* A generic head that documents use as a short form ("the Bank") ties no
 * two names, and an acronym leading a longer name is an entity of its own. */
static void test_generic_and_acronym_heads(void **st)
{
    folder f = {0};
    const dsr_ent *a, *b, *k;
    (void)st;
    add(&f, "The Bank of Varnholm raised its rate. The Bank said prices rose.\n");
    add(&f, "The Bank of Tessel cut its rate. The Bank said growth slowed.\n");
    add(&f, "Graders renamed the grade KTVA Prime last year, officials said.\n");
    add(&f, "A KTVA spokesman said the agency agreed.\n");
    build(&f, NULL, 0);
    a = by_name(&f, "Bank of Varnholm");
    b = by_name(&f, "Bank of Tessel");
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    k = holding(&f, 3, "KTVA");
    assert_non_null(k);
    assert_ptr_not_equal(k, holding(&f, 2, "KTVA Prime"));
    done(&f);
}

/* A company named after a place ("Texas Inc") is not the place. */
static void test_company_named_after_a_place(void **st)
{
    folder f = {0};
    const dsr_ent *co, *state;
    (void)st;
    add(&f, "Boots from Texas Inc, a maker of leather goods, sold well.\n");
    add(&f, "Storms hit Texas on Monday.\n");
    build(&f, NULL, 0);
    co = holding(&f, 0, "Texas Inc");
    state = holding(&f, 1, "Texas");
    assert_non_null(co);
    assert_non_null(state);
    assert_ptr_not_equal(co, state);
    assert_int_equal(state->type, DSR_PLACE);
    assert_false(has_alias(state, "Texas Inc"));
    done(&f);
}

/* A product's model number ties its names: the maker with the model
 * ("Korvane 919") is the longer name ("Korvane 919 Skylark"), the bare
 * number and its plural are that model, and the maker's number without the
 * model's letters ("Vestair 470") is the lettered model ("Vestair V470");
 * the entity is named in the singular however often the plural is used;
 * a model of another number or another maker stays apart, and an operator
 * before a model number is a name of its own ("Estoran Airlines 919"). */
static void test_model_numbers(void **st)
{
    folder f = {0};
    const dsr_ent *sky, *v470, *k2;
    (void)st;
    add(&f, "The Korvane 919 Skylark flew on Monday. Pilots said the 919 was quiet.\n");
    add(&f, "Orders for the Korvane 919 rose, and two airlines bought 919s.\n");
    add(&f, "The Vestair V470 landed in Oslo. The Vestair 470 carried 500 people.\n");
    add(&f, "The Korvane 727 was retired.\n");
    add(&f, "An Estoran Airlines 919 landed. The Korvane 919 Skylark is quiet.\n");
    add(&f, "Airlines bought six Korvane 919 Skylarks, then more Korvane 919 Skylarks, and in "
            "May two Korvane 919 Skylarks.\n");
    add(&f, "Fleets of the Tarsk 727 grew. Critics said the 727 was loud.\n");
    build(&f, NULL, 0);
    sky = by_name(&f, "Korvane 919 Skylark");
    assert_non_null(sky);
    assert_ptr_equal(holding(&f, 0, "919"), sky);
    assert_ptr_equal(holding(&f, 1, "Korvane 919"), sky);
    assert_ptr_equal(holding(&f, 1, "919s"), sky);
    assert_ptr_equal(holding(&f, 4, "919"), sky);
    assert_ptr_equal(holding(&f, 5, "Korvane 919 Skylarks"), sky);     /* named in the singular */
    assert_non_null(holding(&f, 4, "Estoran Airlines"));
    assert_ptr_not_equal(holding(&f, 4, "Estoran Airlines"), sky);
    v470 = holding(&f, 2, "Vestair V470");
    assert_non_null(v470);
    assert_ptr_equal(holding(&f, 2, "Vestair 470"), v470);
    k2 = holding(&f, 3, "Korvane 727");
    assert_non_null(k2);
    assert_ptr_not_equal(k2, sky);
    /* another maker's 727 is another model, and a bare "727" that two
     * makers' models share joins neither across documents */
    assert_non_null(holding(&f, 6, "Tarsk 727"));
    assert_ptr_not_equal(holding(&f, 6, "Tarsk 727"), k2);
    assert_ptr_not_equal(holding(&f, 6, "727"), k2);
    done(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_name_and_short_form),
        cmocka_unit_test(test_ambiguous_short_form),
        cmocka_unit_test(test_acronym_across_documents),
        cmocka_unit_test(test_designators_and_places),
        cmocka_unit_test(test_user_alias_and_key),
        cmocka_unit_test(test_missing_documents_and_order),
        cmocka_unit_test(test_nominal_mentions),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_maker_of_product),
        cmocka_unit_test(test_generic_and_acronym_heads),
        cmocka_unit_test(test_company_named_after_a_place),
        cmocka_unit_test(test_model_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
