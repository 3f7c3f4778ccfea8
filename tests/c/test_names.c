/*
 * test_names.c -- dsr_names_scan and dsr_name_key on sentences written for
 * these tests: names with initials and particles, possessives, acronyms,
 * lower-case names, headline and sentence-initial capitals, types,
 * per-document short forms and their ambiguity, descriptions, bad input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "entities.h"

typedef struct {
    dsr_docents d;
    const char *s;
} scan;

static void run(scan *x, const char *s)
{
    dsr_text t;
    memset(x, 0, sizeof *x);
    x->s = s;
    t.s = s;
    t.len = strlen(s);
    t.body = 0;
    assert_int_equal(dsr_names_scan(&t, &x->d), 0);
}

static const char *pool(const scan *x, uint32_t off)
{
    return off == DSR_NOSTR ? NULL : x->d.pool.v + off;
}

/* The entity whose name is `name`, or -1. */
static int ent(const scan *x, const char *name)
{
    size_t i;
    for (i = 0; i < x->d.ents.n; i++)
        if (strcmp(pool(x, x->d.ents.v[i].name), name) == 0) return (int)i;
    return -1;
}

/* How a mention's text is compared with the text asked for. */
enum { WHOLE, PREFIX };

/* The entity of the k-th mention (nominal or a name) whose text is `text`
 * (or starts with it), or -1. */
static int find_ment(const scan *x, const char *text, int nominal, int how, int k)
{
    size_t i, n = strlen(text);
    for (i = 0; i < x->d.ments.n; i++) {
        const dsr_dment *m = &x->d.ments.v[i];
        size_t len = m->end - m->start;
        if (m->nominal == nominal && (how == PREFIX ? len >= n : len == n) &&
            memcmp(x->s + m->start, text, n) == 0 && k-- == 0)
            return (int)m->ent;
    }
    return -1;
}

/* The entity of the (name) mention spelled `text`, the k-th such, or -1. */
static int ment_ent(const scan *x, const char *text, int k)
{
    return find_ment(x, text, 0, WHOLE, k);
}

static int has_mention_text(const scan *x, const char *text)
{
    return ment_ent(x, text, 0) >= 0;
}

/* Is there a name mention that starts with `text`? */
static int has_mention_prefix(const scan *x, const char *text)
{
    return find_ment(x, text, 0, PREFIX, 0) >= 0;
}

/* Is there a nominal mention spelled `text`? */
static int has_nominal(const scan *x, const char *text)
{
    return find_ment(x, text, 1, WHOLE, 0) >= 0;
}

static int has_alias(const scan *x, int e, const char *alias)
{
    const char *a = pool(x, x->d.ents.v[e].aliases);
    for (; a && *a; a += strlen(a) + 1)
        if (strcmp(a, alias) == 0) return 1;
    return 0;
}

static void done(scan *x) { dsr_docents_free(&x->d); }

static void test_initials_and_surname(void **st)
{
    scan x;
    int e;
    (void)st;
    run(&x, "Talks were chaired by J. Morgan Fairweather, deputy minister of trade and a former "
            "banker, who arrived on Monday. Fairweather said little. Reporters followed "
            "Fairweather to the car.\n");
    e = ent(&x, "J. Morgan Fairweather");
    assert_true(e >= 0);
    assert_int_equal(x.d.ents.v[e].type, DSR_PERSON);
    assert_int_equal(ment_ent(&x, "Fairweather", 0), e);
    assert_int_equal(ment_ent(&x, "Fairweather", 1), e);
    assert_true(has_alias(&x, e, "Fairweather"));
    assert_non_null(pool(&x, x.d.ents.v[e].desc));
    assert_non_null(strstr(pool(&x, x.d.ents.v[e].desc), "deputy minister of trade"));
    assert_true(x.d.ents.v[e].desc_score > 0);
    assert_memory_equal(x.s + x.d.ents.v[e].desc_start, "deputy minister", 15);
    done(&x);
}

static void test_same_surname_stays_apart(void **st)
{
    scan x;
    int a, b;
    (void)st;
    run(&x, "The delegation was led by Choi Dong Hyun of the trade office. Choi greeted the "
            "hosts warmly. Later Choi Mi Ra, his deputy, signed the papers.\n");
    a = ent(&x, "Choi Dong Hyun");
    b = ent(&x, "Choi Mi Ra");
    assert_true(a >= 0 && b >= 0 && a != b);
    assert_int_equal(ment_ent(&x, "Choi", 0), a);
    done(&x);
}

static void test_particles_and_hyphens(void **st)
{
    scan x;
    (void)st;
    run(&x, "Scholars compared Marguerite de Valois with Hassan al-Rashid and with "
            "Pieter van der Berg at the archive.\n");
    assert_true(has_mention_text(&x, "Marguerite de Valois"));
    assert_true(has_mention_text(&x, "Hassan al-Rashid"));
    assert_true(has_mention_text(&x, "Pieter van der Berg"));
    done(&x);
}

static void test_possessive(void **st)
{
    scan x;
    int e;
    (void)st;
    run(&x, "Observers praised Norway\xe2\x80\x99s response and criticised Norway's delay.\n");
    e = ent(&x, "Norway");
    assert_true(e >= 0);
    assert_int_equal(ment_ent(&x, "Norway", 0), e);
    assert_int_equal(ment_ent(&x, "Norway", 1), e);
    assert_int_equal(x.d.ents.v[e].type, DSR_PLACE);
    done(&x);
}

static void test_acronyms(void **st)
{
    scan x;
    int e;
    (void)st;
    run(&x, "A report by the Global Wetlands Foundation (GWF) was released. The GWF said "
            "that U.S. officials and the United States Senate had read it.\n");
    e = ent(&x, "Global Wetlands Foundation");
    assert_true(e >= 0);
    assert_int_equal(x.d.ents.v[e].type, DSR_ORGANIZATION);
    assert_int_equal(ment_ent(&x, "GWF", 0), e);
    assert_int_equal(ment_ent(&x, "GWF", 1), e);
    assert_true(ent(&x, "United States") >= 0);
    assert_int_equal(ment_ent(&x, "U.S.", 0), ent(&x, "United States"));
    done(&x);
}

static void test_lowercase_names(void **st)
{
    scan x;
    int e;
    (void)st;
    run(&x, "Shoppers queued for the new eFlow tablet. Diplomats prepared for the four-party "
            "talks next week.\n");
    e = ment_ent(&x, "eFlow", 0);
    assert_true(e >= 0);
    assert_int_equal(x.d.ents.v[e].type, DSR_OTHER);
    e = ment_ent(&x, "four-party talks", 0);
    assert_true(e >= 0);
    assert_int_equal(x.d.ents.v[e].type, DSR_OTHER);
    done(&x);
}

static void test_not_names(void **st)
{
    scan x;
    (void)st;
    run(&x, "Yesterday the rain stopped. On Tuesday in March the river rose.\n"
            "Describing the flood, residents were calm.\n");
    assert_false(has_mention_text(&x, "Yesterday"));
    assert_false(has_mention_text(&x, "Tuesday"));
    assert_false(has_mention_text(&x, "March"));
    assert_false(has_mention_text(&x, "Describing"));
    assert_false(has_mention_text(&x, "On"));
    done(&x);
}

static void test_headline(void **st)
{
    scan x;
    (void)st;
    run(&x, "Storm Batters Coastal Towns Across Norway\n\n"
            "The storm reached Norway on Sunday, and ferries stopped.\n");
    assert_true(has_mention_text(&x, "Norway"));
    assert_int_equal(ment_ent(&x, "Norway", 0), ment_ent(&x, "Norway", 1));
    assert_false(has_mention_text(&x, "Storm Batters Coastal Towns Across Norway"));
    assert_false(has_mention_text(&x, "Storm"));
    assert_false(has_mention_text(&x, "Coastal Towns"));
    done(&x);
}

static void test_types_from_cues(void **st)
{
    scan x;
    (void)st;
    run(&x, "Halvorsen Shipping Inc. signed the Varna Agreement with the Fisheries Ministry. "
            "Mr. Ostrander, a spokesman, said the Baltic Sea was calm.\n");
    assert_int_equal(x.d.ents.v[ment_ent(&x, "Halvorsen Shipping Inc.", 0)].type, DSR_ORGANIZATION);
    assert_int_equal(x.d.ents.v[ment_ent(&x, "Varna Agreement", 0)].type, DSR_OTHER);
    assert_int_equal(x.d.ents.v[ment_ent(&x, "Fisheries Ministry", 0)].type, DSR_ORGANIZATION);
    assert_int_equal(x.d.ents.v[ment_ent(&x, "Ostrander", 0)].type, DSR_PERSON);
    assert_int_equal(x.d.ents.v[ment_ent(&x, "Baltic Sea", 0)].type, DSR_PLACE);
    done(&x);
}

static void test_prenominal_description(void **st)
{
    scan x;
    int e;
    (void)st;
    run(&x, "On Friday Estonian finance minister Kadri Lepp said the budget was ready.\n");
    e = ent(&x, "Kadri Lepp");
    assert_true(e >= 0);
    assert_int_equal(x.d.ents.v[e].type, DSR_PERSON);
    assert_string_equal(pool(&x, x.d.ents.v[e].desc), "Estonian finance minister");
    done(&x);
}

static void test_comma_description(void **st)
{
    scan x;
    int e;
    (void)st;
    run(&x, "The envoy met the island\xe2\x80\x99s chief negotiator, Tomas Reyes.\n");
    e = ent(&x, "Tomas Reyes");
    assert_true(e >= 0);
    assert_non_null(pool(&x, x.d.ents.v[e].desc));
    assert_non_null(strstr(pool(&x, x.d.ents.v[e].desc), "chief negotiator"));
    done(&x);
}

static void test_title_split(void **st)
{
    scan x;
    (void)st;
    run(&x, "Analysts listened as Senator Ruth Okafor questioned Acme CEO Dana Whitlock.\n");
    assert_true(has_mention_text(&x, "Ruth Okafor"));
    assert_true(has_mention_text(&x, "Dana Whitlock"));
    assert_true(has_mention_text(&x, "Acme"));
    assert_int_equal(x.d.ents.v[ment_ent(&x, "Dana Whitlock", 0)].type, DSR_PERSON);
    done(&x);
}

static void test_body_offset_and_front_matter(void **st)
{
    dsr_docents d;
    dsr_text t;
    const char *s = "---\ntitle: Oslo Notes\n---\nFerries left Oslo at dawn.\n";
    (void)st;
    memset(&d, 0, sizeof d);
    t.s = s;
    t.len = strlen(s);
    t.body = (size_t)(strstr(s, "Ferries") - s);
    assert_int_equal(dsr_names_scan(&t, &d), 0);
    assert_int_equal(d.ments.n, 1);
    assert_int_equal(d.ments.v[0].start, (uint32_t)(strstr(s, "Oslo at") - s));
    dsr_docents_free(&d);
}

static void test_name_key(void **st)
{
    char k[64];
    (void)st;
    assert_int_equal(dsr_name_key("Kim Jong-il", 11, k, sizeof k), 11);
    assert_string_equal(k, "kim jong il");
    dsr_name_key("Kim Jong Il", 11, k, sizeof k);
    assert_string_equal(k, "kim jong il");
    dsr_name_key("  \xc3\x85lesund\xe2\x80\x99s  ", 15, k, sizeof k);
    assert_string_equal(k, "alesund s");
    dsr_name_key("U.S.", 4, k, sizeof k);
    assert_string_equal(k, "u s");
    dsr_name_key("\xc5\x81\xc3\xb3" "d\xc5\xba", 7, k, sizeof k);
    assert_string_equal(k, "lodz");
    /* truncation keeps the NUL inside cap */
    assert_true(dsr_name_key("Abcdefghij", 10, k, 5) <= 4);
    assert_int_equal(strlen(k), 4);
    /* invalid bytes are punctuation */
    dsr_name_key("a\xff\xfe" "b", 4, k, sizeof k);
    assert_string_equal(k, "a b");
    assert_int_equal(dsr_name_key("", 0, k, sizeof k), 0);
}

static void test_bad_input(void **st)
{
    static const char junk[] = "Acme\0Corp \xff\xfe Beta\xe2\x80 Gamma's \xe2\x80\x99s ''s (( ) "
                               "A. B. C. U.S.A. x-Y-z Zeta-";
    dsr_docents d;
    dsr_text t;
    char *big;
    size_t n = 3u << 20, i;
    (void)st;
    memset(&d, 0, sizeof d);
    t.s = junk;
    t.len = sizeof junk - 1;
    t.body = 0;
    assert_int_equal(dsr_names_scan(&t, &d), 0);
    for (i = 0; i < d.ments.n; i++) {
        assert_true(d.ments.v[i].end <= t.len);
        assert_true(d.ments.v[i].ent < d.ents.n);
    }
    /* one long line of capitalized words and no punctuation */
    big = malloc(n + 1);
    assert_non_null(big);
    for (i = 0; i < n; i++) big[i] = i % 7 == 6 ? ' ' : (char)(i % 7 == 0 ? 'Q' : 'a' + (char)(i % 5));
    big[n] = '\0';
    t.s = big;
    t.len = n;
    assert_int_equal(dsr_names_scan(&t, &d), 0);
    dsr_docents_free(&d);
    free(big);
    /* empty, and a body past the end */
    memset(&d, 0, sizeof d);
    t.s = "";
    t.len = 0;
    assert_int_equal(dsr_names_scan(&t, &d), 0);
    assert_int_equal(d.ments.n, 0);
    t.s = "Oslo";
    t.len = 4;
    t.body = 10;
    assert_int_equal(dsr_names_scan(&t, &d), 0);
    dsr_docents_free(&d);
}

static int type_of(const scan *x, const char *text)
{
    int e = ment_ent(x, text, 0);
    return e < 0 ? -1 : x->d.ents.v[e].type;
}

/* A single line break inside a paragraph is a space; a blank line, a short
 * line or a list marker is a boundary. */
static void test_wrapped_names(void **st)
{
    scan x;
    (void)st;
    run(&x, "The harbour board met on Friday, and its new chair, Margit\n"
            "Solheimsvik, said the Port Licensing Authority in Bergen would\n"
            "hear the ferry operators first, as the Coastal Shipping\n"
            "Directorate had asked in the spring.\n");
    assert_true(has_mention_text(&x, "Margit\nSolheimsvik"));
    assert_false(has_mention_text(&x, "Margit"));
    assert_int_equal(type_of(&x, "Margit\nSolheimsvik"), DSR_PERSON);
    assert_true(has_mention_text(&x, "Coastal Shipping\nDirectorate"));
    assert_int_equal(type_of(&x, "Coastal Shipping\nDirectorate"), DSR_ORGANIZATION);
    assert_int_equal(ent(&x, "Margit Solheimsvik"), ment_ent(&x, "Margit\nSolheimsvik", 0));
    done(&x);
    /* a short line, a blank line and a list item are boundaries */
    run(&x, "The letter was signed by Torvald Enge\nHalden Ferries\n\nSee also:\n- Nordby Freight\n"
            "- Askim Lines\n");
    assert_true(has_mention_text(&x, "Torvald Enge"));
    assert_true(has_mention_text(&x, "Halden Ferries"));
    assert_false(has_mention_text(&x, "Torvald Enge\nHalden Ferries"));
    assert_true(has_mention_text(&x, "Nordby Freight"));
    assert_true(has_mention_text(&x, "Askim Lines"));
    done(&x);
}

/* A wrapped paragraph line full of names is no headline, and an adjective
 * opening a sentence is no name. */
static void test_wrapped_line_not_headline(void **st)
{
    scan x;
    (void)st;
    run(&x, "Intro.\n\nÞórdís Kolbrún Ásgeirsdóttir, a hydrologist at the Polytechnic of Akureyri, noted the\n"
            "river was high for weeks. Dangerous floods followed.\n");
    assert_true(has_mention_text(&x, "Þórdís Kolbrún Ásgeirsdóttir"));
    assert_int_equal(type_of(&x, "Þórdís Kolbrún Ásgeirsdóttir"), DSR_PERSON);
    assert_false(has_mention_text(&x, "Dangerous"));
    done(&x);
}

/* Non-ASCII capitals start names: É, Ö, Ł, Š, Ž. */
static void test_utf8_capitals(void **st)
{
    scan x;
    (void)st;
    run(&x, "The delegation met Élodie Marchetti and Łukasz Żmuda in Gdańsk, "
            "then Örjan Šimek spoke.\n");
    assert_true(has_mention_text(&x, "Élodie Marchetti"));
    assert_true(has_mention_text(&x, "Łukasz Żmuda"));
    assert_true(has_mention_text(&x, "Örjan Šimek"));
    done(&x);
}

/* Natural features and facilities are places; "X of Y" takes X's kind. */
static void test_place_and_org_heads(void **st)
{
    scan x;
    (void)st;
    run(&x, "Ash from Hrafntindur, a volcano under the Skálafell ice cap, closed Vopnafjörður "
            "airport and flooded the Jökuldalur valley. The Hvítanes and Drangajökull glaciers "
            "melted. Researchers at the University of Tromsdal and the Kvaløy Institute said "
            "so.\n");
    assert_int_equal(type_of(&x, "Hrafntindur"), DSR_PLACE);
    assert_int_equal(type_of(&x, "Vopnafjörður"), DSR_PLACE);
    assert_int_equal(type_of(&x, "Jökuldalur"), DSR_PLACE);
    assert_int_equal(type_of(&x, "Hvítanes"), DSR_PLACE);
    assert_int_equal(type_of(&x, "Drangajökull"), DSR_PLACE);
    assert_int_equal(type_of(&x, "University of Tromsdal"), DSR_ORGANIZATION);
    assert_int_equal(type_of(&x, "Kvaløy Institute"), DSR_ORGANIZATION);
    done(&x);
}

/* "Ostvik-based" is a modifier; the word before a title is an organisation;
 * names in a pair agree; many bare mentions do not outvote one cue. */
static void test_org_cues(void **st)
{
    scan x;
    (void)st;
    run(&x, "Ostvik-based Tarrant Lindqvist won the order. Tarrant Lindqvist CEO Mara Oyelaran "
            "said the deal with Harwell Brant and NORDCO was done.\n");
    assert_false(has_mention_text(&x, "Ostvik-based Tarrant Lindqvist"));
    assert_int_equal(type_of(&x, "Tarrant Lindqvist"), DSR_ORGANIZATION);
    assert_int_equal(type_of(&x, "Mara Oyelaran"), DSR_PERSON);
    assert_int_equal(type_of(&x, "Harwell Brant"), DSR_ORGANIZATION);
    done(&x);
    run(&x, "Developers praised the new SDK on Monday, and the SDK is free.\n");
    assert_int_equal(type_of(&x, "SDK"), DSR_OTHER);
    done(&x);
    run(&x, "Ash rose from the Hekrafell volcano. Hekrafell erupted in 1910. Hekrafell is "
            "quiet now, but Hekrafell may wake. Scientists watch Hekrafell.\n");
    assert_int_equal(type_of(&x, "Hekrafell"), DSR_PLACE);
    done(&x);
}

/* An event or product named after its maker is not where the maker's
 * name leads: "Zentrix" alone is the company, not the summit. */
static void test_maker_not_short_for_event(void **st)
{
    scan x;
    int summit, maker;
    (void)st;
    run(&x, "Yesterday, at this year's Zentrix Developers Summit (ZDS), chief executive Ola "
            "Brandt showed two new phones to a full hall. Zentrix said later that sales of "
            "the phones had doubled, and shares of Zentrix rose.");
    summit = ent(&x, "Zentrix Developers Summit");
    assert_true(summit >= 0);
    assert_int_equal(x.d.ents.v[summit].type, DSR_OTHER);
    maker = ment_ent(&x, "Zentrix", 0);
    assert_true(maker >= 0);
    assert_int_not_equal(maker, summit);
    assert_int_equal(ment_ent(&x, "Zentrix", 1), maker);
    assert_false(has_alias(&x, summit, "Zentrix"));
    done(&x);
}

/* Indented rows of a results table are not sentences that go on: their
 * labels ("Shr", "Avg", "Revs") are no names, nor are abbreviations and
 * technical nouns in capitals. */
static void test_table_rows_and_common_terms(void **st)
{
    scan x;
    (void)st;
    run(&x, "Qtr to March 31\n"
            "Shr profit 12 cts vs loss four cts\n"
            "    Oper net 1,020,000 vs 880,000\n"
            "    Avg shrs 4,100,000 vs 3,900,000\n"
            "    Revs 9.1 mln vs 8.7 mln\n"
            "    Sales 7.5 mln vs 6.2 mln\n"
            "    Tax 1.1 mln vs 0.9 mln\n"
            "    NOTE: Tarvik Holdings pays the dividend May 2.\n");
    assert_false(has_mention_prefix(&x, "Qtr"));
    assert_false(has_mention_prefix(&x, "Shr"));
    assert_false(has_mention_prefix(&x, "Oper"));
    assert_false(has_mention_prefix(&x, "Avg"));
    assert_false(has_mention_prefix(&x, "Revs"));
    assert_false(has_mention_prefix(&x, "Sales"));
    assert_false(has_mention_prefix(&x, "Tax"));
    assert_false(has_mention_prefix(&x, "NOTE"));
    assert_true(has_mention_text(&x, "Tarvik Holdings"));
    done(&x);
    run(&x, "The handset reaches the Internet over Wi-Fi, and VoIP calls use a VPN. "
            "Its LED flash and DRM were criticised by Kestrel Labs.\n");
    assert_false(has_mention_text(&x, "Internet"));
    assert_false(has_mention_text(&x, "Wi-Fi"));
    assert_false(has_mention_text(&x, "VoIP"));
    assert_false(has_mention_text(&x, "VPN"));
    assert_false(has_mention_text(&x, "LED"));
    assert_false(has_mention_text(&x, "DRM"));
    assert_true(has_mention_text(&x, "Kestrel Labs"));
    done(&x);
}

/* A wire lead breaks its first, short line after the company name: the
 * designator on the next line goes on with the name, the line is no
 * headline, and two whole company names joined by "and" stay two. */
static void test_wire_lead(void **st)
{
    scan x;
    (void)st;
    run(&x, "Orvell Marine Freight\n"
            "Inc said it has\n"
            "acquired the assets of a broker for undisclosed terms, with\n"
            "underwriters Dalby Partners Inc and Kemmer Securities Inc.\n");
    assert_true(has_mention_text(&x, "Orvell Marine Freight\nInc"));
    assert_false(has_mention_text(&x, "Inc"));
    assert_true(has_mention_text(&x, "Dalby Partners Inc"));
    assert_true(has_mention_text(&x, "Kemmer Securities Inc."));
    done(&x);
    run(&x, "Halvard Brennick Lund Inc said it has\n"
            "acquired a rival in Oslo.\n");
    assert_true(has_mention_text(&x, "Halvard Brennick Lund Inc"));
    done(&x);
    /* "X and Co" is one name; a designator cut off its name is none */
    run(&x, "The notes were placed by Vantor and Co Inc and by Rothmere Merchant Bank "
            "(Singapore) Ltd, a dealer said.\n");
    assert_true(has_mention_text(&x, "Vantor and Co Inc"));
    assert_false(has_mention_prefix(&x, "Co"));
    assert_false(has_mention_prefix(&x, "Ltd"));
    done(&x);
}

/* Products and works: a kind of made thing before the name or as its
 * appositive, a verb of launching, quotation marks, a product noun after a
 * longer name.  A maker named first is not the product's short form. */
static void test_product_cues(void **st)
{
    scan x;
    (void)st;
    run(&x, "Users of the web browser Quillon complained. Brannock unveiled Tarnstone on "
            "Monday, and Vexa, the newest version of the Orrin operating system, ships in May "
            "with a feature dubbed ``Lantern''. Reviewers praised Lantern.\n");
    assert_int_equal(type_of(&x, "Quillon"), DSR_OTHER);
    assert_int_equal(type_of(&x, "Tarnstone"), DSR_OTHER);
    assert_int_equal(type_of(&x, "Vexa"), DSR_OTHER);
    assert_int_equal(type_of(&x, "Lantern"), DSR_OTHER);
    done(&x);
    run(&x, "The laptops use Halvex Core Trio processors. Halvex said supply was tight.\n");
    assert_int_equal(type_of(&x, "Halvex Core Trio"), DSR_OTHER);
    assert_int_not_equal(ment_ent(&x, "Halvex", 0), ment_ent(&x, "Halvex Core Trio", 0));
    done(&x);
    /* a list with a product passes the kind on; users, and a passive
     * verb of launching, mark products too */
    run(&x, "Stores stock the iVault Classic, Nano and Shuffle. Many Tessaly users waited until "
            "Marrow was released.\n");
    assert_int_equal(type_of(&x, "Nano"), DSR_OTHER);
    assert_int_equal(type_of(&x, "Shuffle"), DSR_OTHER);
    assert_int_equal(type_of(&x, "Tessaly"), DSR_OTHER);
    assert_int_equal(type_of(&x, "Marrow"), DSR_OTHER);
    done(&x);
    /* a brand in lower case leads its product's name: its short form */
    run(&x, "Songs sold on the iVault Music Store doubled, and iVault now leads.\n");
    assert_int_equal(ment_ent(&x, "iVault", 0), ment_ent(&x, "iVault Music Store", 0));
    done(&x);
}

/* "to", "from", "at" before a bare name are weak place cues, counted once
 * however often they recur; "in" is a strong one. */
static void test_weak_place_cues(void **st)
{
    scan x;
    (void)st;
    run(&x, "The plant was sold to Morvane. Parts came from Morvane, and engineers at Morvane "
            "agreed. Talks in Keldrath went on.\n");
    assert_int_equal(type_of(&x, "Morvane"), DSR_ORGANIZATION);
    assert_int_equal(type_of(&x, "Keldrath"), DSR_PLACE);
    done(&x);
    /* a venue: a head of both kinds after "at", a venue noun after */
    run(&x, "The keynote was given at the Hollis Convention Center on Monday, and the next "
            "one at the Varden West center.\n");
    assert_int_equal(type_of(&x, "Hollis Convention Center"), DSR_PLACE);
    assert_int_equal(type_of(&x, "Varden West"), DSR_PLACE);
    done(&x);
}

/* A lower-case role or kind before a name is no mention of its own ("rival
 * Kestrel"); a role with its company is ("Kestrel CEO"). */
static void test_lowercase_role_not_a_mention(void **st)
{
    scan x;
    (void)st;
    run(&x, "The code was licensed from rival Kestrel Systems, and Kestrel CEO Ida Moreno "
            "said so.\n");
    assert_true(has_mention_text(&x, "Kestrel Systems"));
    assert_false(has_nominal(&x, "rival"));
    assert_true(has_nominal(&x, "Kestrel CEO"));
    done(&x);
}

/* A single capital inside a name ("OS X") goes on with the name after it,
 * whose last word is then the product's short form; stock symbols are no
 * names. */
static void test_letter_and_ticker(void **st)
{
    scan x;
    (void)st;
    run(&x, "Users waited for Orrin OS X Lynx in the spring. Lynx sold well, and Kestrel "
            "shares (KSTL) rose. Dalby Radio Inc <DRI> gained too.\n");
    assert_true(has_mention_text(&x, "Orrin OS X Lynx"));
    assert_int_equal(ment_ent(&x, "Lynx", 0), ment_ent(&x, "Orrin OS X Lynx", 0));
    assert_false(has_mention_text(&x, "KSTL"));
    assert_false(has_mention_text(&x, "DRI"));
    assert_true(has_mention_text(&x, "Dalby Radio Inc"));
    done(&x);
}

/* Former countries (iso-codes 3166-3), agency abbreviations of US states,
 * a proper spelling for a place that is also a common noun ("Gulf"). */
static void test_gazetteer_names(void **st)
{
    scan x;
    int e;
    (void)st;
    run(&x, "Trade between West Germany and the Soviet Union grew, a firm in Fresno, Calif., "
            "said. USSR officials and tankers in the Gulf were cited, with prices in ECUs.\n");
    assert_int_equal(type_of(&x, "West Germany"), DSR_PLACE);
    assert_int_equal(type_of(&x, "Calif."), DSR_PLACE);
    assert_true(ent(&x, "California") >= 0);
    assert_int_equal(ment_ent(&x, "USSR", 0), ment_ent(&x, "Soviet Union", 0));
    e = ment_ent(&x, "Gulf", 0);
    assert_true(e >= 0);
    assert_string_equal(pool(&x, x.d.ents.v[e].name), "Gulf");
    assert_false(has_mention_text(&x, "ECUs"));
    done(&x);
}

/* An apostrophe that a tokenizer split off ("O 'Reilly", "O' Leary") stays
 * in the name; a possessive before the head word that ends a name of two
 * words or more is inside it. */
static void test_apostrophes_inside_names(void **st)
{
    scan x;
    (void)st;
    run(&x, "A view was offered by Niall O 'Rourke, and Aoife O' Dwyer agreed. They spoke "
            "at the Kestrel Developer's Conference, then Marrow's Summit opened.\n");
    assert_true(has_mention_text(&x, "Niall O 'Rourke"));
    assert_true(has_mention_text(&x, "Aoife O' Dwyer"));
    assert_false(has_mention_text(&x, "Niall O"));
    assert_true(has_mention_text(&x, "Kestrel Developer's Conference"));
    assert_false(has_mention_text(&x, "Conference"));
    assert_true(has_mention_text(&x, "Marrow"));
    assert_false(has_mention_prefix(&x, "Marrow's"));
    done(&x);
}

/* "Long Name (ACR)" ties the acronym to the long name even when a place
 * leading the name is a mention of its own; a contraction is no name. */
static void test_acronym_after_place_led_name(void **st)
{
    scan x;
    (void)st;
    run(&x, "Compensation was promised to Norway Seaways (NSW) last year. NSW said, "
            "``We've waited long enough.''\n");
    assert_true(has_mention_text(&x, "Norway"));
    assert_int_equal(ment_ent(&x, "NSW", 0), ment_ent(&x, "Norway Seaways", 0));
    assert_int_equal(ment_ent(&x, "NSW", 1), ment_ent(&x, "Norway Seaways", 0));
    assert_false(has_mention_text(&x, "We've"));
    done(&x);
}

/* "and" inside an agency's name after a plural field ("Securities and
 * Exchange Commission"), not between two names ("Acme and Varo Corp",
 * "Kelby Mart and Air Portugal": a head word before a place is none); a
 * title with "and" before a name ("Chairman and Chief Executive Jo Lin")
 * leaves no "and" in the name; a line of function words around two
 * capitals is no headline. */
static void test_and_inside_names(void **st)
{
    scan x;
    (void)st;
    run(&x, "Intro.\n\nThe fishing quotas set by the Fisheries and Coastal Affairs\n"
            "Commission were cut, said Chairman and Chief Executive Tove Lindqvist of Brann "
            "and Varo Corp.\n\nYesterday he said that the Ports and Marine\n"
            "Authority would rule. Buyers flew Kelby Mart and Air Portugal, and wrote to the Naval "
            "Aeronautic Defence and Space Company Vorn and the Nordic Coal and Steel Community.\n");
    assert_true(has_mention_text(&x, "Fisheries and Coastal Affairs\nCommission"));
    assert_false(has_mention_prefix(&x, "Kelby Mart and"));
    assert_true(has_mention_text(&x, "Air Portugal"));
    assert_true(has_mention_prefix(&x, "Nordic Coal and Steel Community"));
    assert_true(has_mention_prefix(&x, "Naval Aeronautic Defence and Space Company"));
    assert_false(has_mention_prefix(&x, "and"));
    assert_true(has_mention_prefix(&x, "Tove Lindqvist") || has_mention_prefix(&x, "Chief Executive Tove"));
    assert_false(has_mention_text(&x, "Brann and Varo Corp"));
    assert_true(has_mention_text(&x, "Ports and Marine\nAuthority"));
    done(&x);
}

/* Holidays are times, not names: "New Year", "Good Friday", "Christmas
 * Eve" (its "Eve" is not the start of the name after it); a company named
 * after one keeps its name. */
static void test_holidays(void **st)
{
    scan x;
    (void)st;
    run(&x, "Intro.\n\nShops did well over the Christmas and New Year weeks. On Good Friday "
            "the Tarrow Gazette wrote about New Year Holdings Ltd. On Christmas Eve Pat Lindqvist "
            "spoke.\n");
    assert_false(has_mention_text(&x, "New Year"));
    assert_false(has_mention_text(&x, "Good"));
    assert_true(has_mention_text(&x, "Tarrow Gazette"));
    assert_true(has_mention_text(&x, "New Year Holdings Ltd.") || has_mention_text(&x, "New Year Holdings Ltd"));
    assert_true(has_mention_text(&x, "Pat Lindqvist"));
    done(&x);
}

/* A hyphen that a tokenizer spaced out ("Varl - Mott") still joins a
 * name when the document never shows its two words apart, and the name is
 * one word, not a first and last name; two names that also occur alone
 * ("Brandt - Kessel talks", "Brandt") stay two, and so do a table's labels
 * and headings in capitals ("Loins - Regular - Select", "TIN - Steady"). */
static void test_spaced_hyphen(void **st)
{
    scan x;
    int e;
    (void)st;
    run(&x, "Intro.\n\nShoppers left Varl - Mott for other stores. Later Varl - Mott cut its "
            "prices.\nThe Brandt - Kessel talks ended, and Brandt went home to Kessel.\n"
            "Its table listed Loins - Regular - Select cuts, and the report said TIN - Steady.\n");
    e = ment_ent(&x, "Varl - Mott", 0);
    assert_true(e >= 0);
    assert_int_equal(ment_ent(&x, "Varl - Mott", 1), e);
    assert_int_equal(x.d.ents.v[e].type, DSR_ORGANIZATION);
    assert_false(has_mention_text(&x, "Varl"));
    assert_false(has_mention_text(&x, "Brandt - Kessel"));
    assert_true(has_mention_text(&x, "Brandt"));
    assert_false(has_mention_prefix(&x, "Loins - Regular"));
    assert_false(has_mention_prefix(&x, "TIN - Steady"));
    done(&x);
}

/* A bare model number resolves to the model named before it in the
 * document, whether the number ends the name ("Tarsk 727") or is inside it
 * ("Korvane 919 Skylark"). */
static void test_bare_model_numbers(void **st)
{
    scan x;
    int t, k;
    (void)st;
    run(&x, "Intro.\n\nFleets of the Tarsk 727 grew, and the Korvane 919 Skylark flew. Critics "
            "said the 727 was loud and the 919 quiet.\n");
    t = ment_ent(&x, "Tarsk 727", 0);
    k = ment_ent(&x, "Korvane 919 Skylark", 0);
    assert_true(t >= 0 && k >= 0 && t != k);
    assert_int_equal(ment_ent(&x, "727", 0), t);
    assert_int_equal(ment_ent(&x, "919", 0), k);
    done(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_initials_and_surname),
        cmocka_unit_test(test_same_surname_stays_apart),
        cmocka_unit_test(test_particles_and_hyphens),
        cmocka_unit_test(test_possessive),
        cmocka_unit_test(test_acronyms),
        cmocka_unit_test(test_lowercase_names),
        cmocka_unit_test(test_not_names),
        cmocka_unit_test(test_headline),
        cmocka_unit_test(test_types_from_cues),
        cmocka_unit_test(test_prenominal_description),
        cmocka_unit_test(test_comma_description),
        cmocka_unit_test(test_title_split),
        cmocka_unit_test(test_body_offset_and_front_matter),
        cmocka_unit_test(test_name_key),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_wrapped_names),
        cmocka_unit_test(test_wrapped_line_not_headline),
        cmocka_unit_test(test_utf8_capitals),
        cmocka_unit_test(test_place_and_org_heads),
        cmocka_unit_test(test_org_cues),
        cmocka_unit_test(test_maker_not_short_for_event),
        cmocka_unit_test(test_table_rows_and_common_terms),
        cmocka_unit_test(test_wire_lead),
        cmocka_unit_test(test_product_cues),
        cmocka_unit_test(test_weak_place_cues),
        cmocka_unit_test(test_lowercase_role_not_a_mention),
        cmocka_unit_test(test_letter_and_ticker),
        cmocka_unit_test(test_gazetteer_names),
        cmocka_unit_test(test_apostrophes_inside_names),
        cmocka_unit_test(test_acronym_after_place_led_name),
        cmocka_unit_test(test_and_inside_names),
        cmocka_unit_test(test_holidays),
        cmocka_unit_test(test_spaced_hyphen),
        cmocka_unit_test(test_bare_model_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
