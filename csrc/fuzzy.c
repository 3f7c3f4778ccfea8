/*
 * fuzzy.c -- fuzzy matching and top-k selection for the pickers.
 *
 * A candidate matches when every query byte occurs in it, in order (ASCII
 * letters of a query without upper case match either case).  Among the
 * alignments of a matching candidate the best one scores
 *
 *   per matched byte   MATCH + its position's bonus:
 *                        FIRST  at the very start,
 *                        WORD   after a space or punctuation,
 *                        CAMEL  an upper-case letter after a lower-case one,
 *                      or, right after the previous matched byte, the larger
 *                      of that bonus and CONSEC;
 *   per gap            GAP_OPEN for the first skipped byte, GAP_EXT for
 *                      each further one;
 *   before the match   one point per LEAD_STEP skipped bytes, at most LEAD_MAX.
 *
 * The best alignment is found by dynamic programming over (query byte i,
 * candidate byte j) with two values per cell: M, the best score with query
 * byte i matched at j, and G, the best score with query byte i matched
 * somewhere before j and a gap running up to j (the affine-gap recurrence
 * of sequence alignment):
 *
 *   M[i][j] = MATCH + max(M[i-1][j-1] + max(bonus[j], CONSEC), G[i-1][j-1] + bonus[j])
 *   G[i][j] = max(M[i][j-1] + GAP_OPEN, G[i][j-1] + GAP_EXT)
 *
 * Row i only needs the columns between where a greedy forward scan and a
 * greedy backward scan place query byte i; everything outside cannot be
 * part of a complete alignment.  Scoring keeps two rows; positions (for
 * highlighting, asked only for the few rows shown) keep the whole band and
 * trace back from the best last match.
 *
 * The forward scan doubles as the filter that rejects most candidates, so
 * it is vectorised where SSE2 is available (every x86-64).  Top-k keeps a
 * binary min-heap of k hits; a large input is cut into as many slices as
 * there are processors, each with its own heap, merged at the end.  Once
 * k hits are kept, a candidate must beat the worst of them (the floor),
 * and everything after the forward scan is a bound against the floor
 * that skips the rest as soon as the candidate cannot reach it: the lead
 * penalty limits where the first query byte may start, then the shape of
 * the alignment, then bit sets of the matches, then the recurrence itself,
 * row by row (see "the sparse form" below).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzzy.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum {
    MATCH = 16, FIRST = 12, WORD = 10, CAMEL = 8, CONSEC = 8,
    GAP_OPEN = -5, GAP_EXT = -1, LEAD_STEP = 3, LEAD_MAX = 8,
    NEG = -1000000
};

#define PARALLEL_MIN 32768      /* candidates below which one thread is faster */
#define MAX_THREADS 16

static int cls(unsigned char c);

int dsr_fzq_init(dsr_fzq *q, const char *query, size_t qlen)
{
    size_t i;
    int exact = 0;
    if (!query) return -1;
    if (qlen > DSR_FZ_QMAX) qlen = DSR_FZ_QMAX;
    for (i = 0; i < qlen; i++) exact |= query[i] >= 'A' && query[i] <= 'Z';
    for (i = 0; i < qlen; i++) {
        unsigned char c = (unsigned char)query[i];
        int letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        q->fold[i] = letter && !exact ? 0x20 : 0;
        q->c[i] = letter && !exact ? (unsigned char)(c | 0x20) : c;
    }
    q->m = qlen;
    /* The shape bound of may_reach: every later byte joined to the one
     * before earns at most CONSEC, or WORD after a separator; apart, at
     * most WORD + GAP_OPEN. */
    q->joined = (int32_t)qlen * MATCH;
    q->least = 1 << 30;
    for (i = 1; i < qlen; i++) {
        int32_t join = cls(q->c[i - 1]) == 0 ? WORD : CONSEC, gain = join - (WORD + GAP_OPEN);
        q->joined += join;
        if (gain < q->least) q->least = gain;
    }
    return qlen ? 0 : -1;
}

/* ---- scanning ------------------------------------------------------------ */

/* The first j in [p, n) where s[j] matches (c, fold), or n.  The last
 * 16 bytes are read as one overlapping chunk rather than byte by byte. */
#if defined(__GNUC__)
__attribute__((always_inline))  /* per query byte per candidate: ~15% less CPU inlined (bench) */
#endif
static inline size_t find_fwd(const unsigned char *s, size_t p, size_t n, unsigned char c, unsigned char fold)
{
#if defined(__SSE2__)
    __m128i vc = _mm_set1_epi8((char)c), vf = _mm_set1_epi8((char)fold);
    unsigned mask;
    if (n >= 16) {
        while (p + 16 <= n) {
            __m128i x = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + p)), vf);
            mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vc));
            if (mask) return p + (size_t)__builtin_ctz(mask);
            p += 16;
        }
        if (p < n) {
            __m128i x = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + n - 16)), vf);
            mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vc));
            mask &= ~0u << (p - (n - 16));
            if (mask) return n - 16 + (size_t)__builtin_ctz(mask);
        }
        return n;
    }
#endif
    for (; p < n; p++)
        if ((s[p] | fold) == c) return p;
    return n;
}

/* Greedy placement: query byte i at first[i] (earliest) and last[i]
 * (latest).  0 when the query is not a subsequence. */
static int band(const dsr_fzq *q, const unsigned char *s, size_t n, uint32_t *first, uint32_t *last)
{
    size_t i, p = 0;
    long j;
    for (i = 0; i < q->m; i++) {
        p = find_fwd(s, p, n, q->c[i], q->fold[i]);
        if (p >= n) return 0;
        first[i] = (uint32_t)p++;
    }
    j = (long)n - 1;
    for (i = q->m; i-- > 0;) {
        while ((s[j] | q->fold[i]) != q->c[i]) j--;
        last[i] = (uint32_t)j--;
    }
    return 1;
}

static int cls(unsigned char c)    /* 0 separator, 1 lower, 2 upper, 3 digit, 4 other */
{
    if (c >= 'a' && c <= 'z') return 1;
    if (c >= 'A' && c <= 'Z') return 2;
    if (c >= '0' && c <= '9') return 3;
    return c >= 0x80 ? 4 : 0;
}

static int bonus_at(const unsigned char *s, size_t j)
{
    int a, b;
    if (j == 0) return FIRST;
    a = cls(s[j - 1]);
    b = cls(s[j]);
    if (a == 0 && b != 0) return WORD;
    if (a == 1 && b == 2) return CAMEL;
    return 0;
}

static int32_t max32(int32_t a, int32_t b) { return a > b ? a : b; }

/* The penalty for a first match at position j. */
static int32_t lead_penalty(size_t j)
{
    size_t lead = j / LEAD_STEP;
    return (int32_t)(lead < LEAD_MAX ? lead : LEAD_MAX);
}

/* One row of the recurrence over columns [lo, hi] (relative to base);
 * M may be non-NEG only up to mhi.  pM/pG: the previous row (NULL for row
 * 0). */
static void dp_row(const dsr_fzq *q, size_t i, const unsigned char *s, const uint8_t *bonus,
                   size_t base, size_t lo, size_t mhi, size_t hi,
                   const int32_t *pM, const int32_t *pG, int32_t *M, int32_t *G)
{
    size_t j;
    int32_t m_prev = NEG, g_prev = NEG;
    unsigned char c = q->c[i], f = q->fold[i];
    for (j = lo; j <= hi; j++) {
        size_t r = j - base;
        int32_t m = NEG;
        if (j <= mhi && (s[j] | f) == c) {
            if (!pM) {
                m = MATCH + bonus[r] - lead_penalty(j);
            } else if (r > 0) {
                int32_t cons = pM[r - 1] + max32(bonus[r], CONSEC);
                int32_t gap = pG[r - 1] + bonus[r];
                m = MATCH + max32(cons, gap);
                if (m < NEG / 2) m = NEG;
            }
        }
        M[r] = m;
        G[r] = max32(m_prev + GAP_OPEN, g_prev + GAP_EXT);
        if (G[r] < NEG / 2) G[r] = NEG;
        m_prev = m;
        g_prev = G[r];
    }
}

static int32_t score_band(const dsr_fzq *q, const unsigned char *s, const uint32_t *first,
                          const uint32_t *last, int32_t *Mall, int32_t *Gall, size_t width,
                          size_t *best_j)
{
    int32_t rows[4][DSR_FZ_SMAX];
    uint8_t bonus[DSR_FZ_SMAX];
    size_t base = first[0], i, j, end = last[q->m - 1];
    int32_t best = NEG;
    for (j = base; j <= end; j++) bonus[j - base] = (uint8_t)bonus_at(s, j);
    for (i = 0; i < q->m; i++) {
        int32_t *M, *G;
        const int32_t *pM = NULL, *pG = NULL;
        size_t hi = i + 1 < q->m ? last[i + 1] - 1 : last[i];
        if (Mall) {
            M = Mall + i * width;
            G = Gall + i * width;
            if (i) {
                pM = Mall + (i - 1) * width;
                pG = Gall + (i - 1) * width;
            }
        } else {
            M = rows[(i & 1) * 2];
            G = rows[(i & 1) * 2 + 1];
            if (i) {
                pM = rows[((i - 1) & 1) * 2];
                pG = rows[((i - 1) & 1) * 2 + 1];
            }
        }
        dp_row(q, i, s, bonus, base, first[i], last[i], hi, pM, pG, M, G);
        if (i + 1 == q->m)
            for (j = first[i]; j <= last[i]; j++)
                if (M[j - base] > best) {
                    best = M[j - base];
                    *best_j = j;
                }
    }
    return best;
}

/* Trace the best alignment back through the stored band. */
static void trace(const dsr_fzq *q, const unsigned char *s, const uint32_t *first, size_t width,
                  const int32_t *Mall, const int32_t *Gall, size_t j, uint32_t *pos)
{
    size_t base = first[0], i = q->m - 1;
    for (;;) {
        const int32_t *pM, *pG;
        size_t r = j - base;
        int b;
        pos[i] = (uint32_t)j;
        if (i == 0) return;
        pM = Mall + (i - 1) * width;
        pG = Gall + (i - 1) * width;
        b = bonus_at(s, j);
        if (pM[r - 1] > NEG && Mall[i * width + r] == MATCH + pM[r - 1] + max32(b, CONSEC)) {
            j--;                        /* consecutive */
        } else {
            size_t k = r - 1;           /* the gap ending at j-1: find its start */
            while (k > 0 && pG[k] != pM[k - 1] + GAP_OPEN) k--;
            j = base + k - 1;
        }
        i--;
    }
}

/* ---- scoring without positions: the sparse form ------------------------ */

/* The same recurrence, evaluated only where query bytes match.
 *
 * A candidate first goes through the subsequence test (subsequence(), one
 * pass in 16-byte chunks; most candidates fail here).  Then, for the
 * survivors, bit sets over the candidate's bytes are built with 16-byte
 * compares: one per query byte (where it matches), and two for the
 * bonuses (word starts, camel humps).  From the bit sets alone comes an
 * upper bound on the score (upper_bound()): each query byte adds at most
 * MATCH plus either the consecutive bonus (only if it matches right after
 * a match of the byte before) or its best position bonus less a gap
 * opening and the shortest gap back to the byte before.  When the bound is
 * below the worst score kept so far, the candidate cannot enter the top k
 * and the recurrence is skipped -- the common case once the heap is full.
 *
 * Otherwise row i of the recurrence visits only the matches of query byte
 * i, and drops a cell whose value plus the bound on the bytes after i is
 * below the floor.  A gap's cost is linear in its length after the first byte, so the
 * best gap into column j is a running maximum of M[p] - GAP_EXT * p over
 * the previous row's matches p < j - 1.  Scores equal score_band's (the
 * tests compare them). */

#define WORDS (DSR_FZ_SMAX / 64)

static long next_bit(const uint64_t *b, size_t words, size_t p);

typedef struct {
#if defined(__SSE2__)
    __m128i vc[DSR_FZ_QMAX], vf[DSR_FZ_QMAX];   /* the query's c and fold, in every lane */
#endif
    size_t first[DSR_FZ_QMAX];          /* the greedy positions (subsequence) */
    uint64_t q[DSR_FZ_QMAX][WORDS];     /* matches of each query byte */
    uint64_t word[WORDS], camel[WORDS]; /* positions with those bonuses */
    unsigned char buf[DSR_FZ_SMAX + 64] __attribute__((aligned(16)));
    uint16_t pos[2][DSR_FZ_SMAX];
    int32_t val[2][DSR_FZ_SMAX];
} fz_scratch;

#if defined(__SSE2__)
/* Where 16 bytes match a query byte (its c and fold in every lane). */
static inline unsigned chunk_mask(__m128i x, __m128i vc, __m128i vf)
{
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(x, vf), vc));
}

/* The kinds of 16 bytes as masks: word bytes (letters, digits,
 * non-ASCII), lower-case letters, upper-case letters. */
static void chunk_kinds(__m128i x, unsigned *wd, unsigned *lo, unsigned *up)
{
    __m128i xl = _mm_or_si128(x, _mm_set1_epi8(0x20));
    __m128i l = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('a' - 1)), _mm_cmpgt_epi8(_mm_set1_epi8('z' + 1), x));
    __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(xl, _mm_set1_epi8('a' - 1)),
                                   _mm_cmpgt_epi8(_mm_set1_epi8('z' + 1), xl));
    __m128i d = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)), _mm_cmpgt_epi8(_mm_set1_epi8('9' + 1), x));
    unsigned ml = (unsigned)_mm_movemask_epi8(l), mlet = (unsigned)_mm_movemask_epi8(letter);
    *wd = mlet | (unsigned)_mm_movemask_epi8(d) | (unsigned)_mm_movemask_epi8(x);
    *lo = ml;
    *up = mlet & ~ml;
}
#endif

/* The bit sets of z for the candidate in z->buf (n bytes, zero-padded to
 * a multiple of 64): one 64-byte block at a time, each chunk loaded once
 * for every query byte and the byte kinds.  Word starts = word byte after
 * a non-word byte, humps = upper after lower; the bits carry across
 * blocks. */
static void build_bits(const dsr_fzq *q, fz_scratch *z, size_t n)
{
    const unsigned char *s = z->buf;
    size_t i, k, c, w = (n + 63) / 64;
    uint64_t prev_word = 0, prev_lower = 0;
    for (k = 0; k < w; k++) {
        uint64_t wd = 0, lo = 0, up = 0;
#if defined(__SSE2__)
        __m128i x[4];
        for (c = 0; c < 4; c++) {
            unsigned mw, ml, mu;
            x[c] = _mm_load_si128((const __m128i *)(s + k * 64 + c * 16));
            chunk_kinds(x[c], &mw, &ml, &mu);
            wd |= (uint64_t)mw << (c * 16);
            lo |= (uint64_t)ml << (c * 16);
            up |= (uint64_t)mu << (c * 16);
        }
        for (i = 0; i < q->m; i++)
            z->q[i][k] = (uint64_t)chunk_mask(x[0], z->vc[i], z->vf[i]) |
                         (uint64_t)chunk_mask(x[1], z->vc[i], z->vf[i]) << 16 |
                         (uint64_t)chunk_mask(x[2], z->vc[i], z->vf[i]) << 32 |
                         (uint64_t)chunk_mask(x[3], z->vc[i], z->vf[i]) << 48;
#else
        for (i = 0; i < q->m; i++) z->q[i][k] = 0;
        for (c = 0; c < 64 && k * 64 + c < n; c++) {
            unsigned char b = s[k * 64 + c];
            int kind = cls(b);
            wd |= (uint64_t)(kind != 0) << c;
            lo |= (uint64_t)(kind == 1) << c;
            up |= (uint64_t)(kind == 2) << c;
            for (i = 0; i < q->m; i++) z->q[i][k] |= (uint64_t)((b | q->fold[i]) == q->c[i]) << c;
        }
#endif
        z->word[k] = wd & ~((wd << 1) | prev_word);
        z->camel[k] = up & ((lo << 1) | prev_lower);
        prev_word = wd >> 63;
        prev_lower = lo >> 63;
    }
    if (n & 63)                         /* the padding matches nothing */
        for (i = 0; i < q->m; i++) z->q[i][w - 1] &= ~0ULL >> (64 - (n & 63));
    z->word[0] |= 1;                    /* position 0: FIRST, counted below */
}

/* The best position bonus among the set bits of x. */
static int32_t best_bonus(const fz_scratch *z, const uint64_t *x, size_t w)
{
    size_t k;
    int32_t b = 0;
    if (x[0] & 1) return FIRST;
    for (k = 0; k < w; k++) {
        if (x[k] & z->word[k]) return WORD;
        if (x[k] & z->camel[k]) b = CAMEL;
    }
    return b;
}

/* The first position set in both a and b, or -1. */
static long first_common(const uint64_t *a, const uint64_t *b, size_t w)
{
    size_t k;
    for (k = 0; k < w; k++)
        if (a[k] & b[k]) return (long)(k * 64 + (size_t)__builtin_ctzll(a[k] & b[k]));
    return -1;
}

/* The most the first query byte can earn: a position's bonus less its
 * lead penalty, which grows with the position, so for each kind of
 * bonus the earliest position of that kind is the best. */
static int32_t first_gain(const fz_scratch *z, size_t w, size_t first0)
{
    int32_t best = -lead_penalty(first0);
    long j = first_common(z->q[0], z->word, w);
    if (j >= 0) best = max32(best, (j == 0 ? FIRST : WORD) - lead_penalty((size_t)j));
    if ((j = first_common(z->q[0], z->camel, w)) >= 0) best = max32(best, CAMEL - lead_penalty((size_t)j));
    return best;
}

/* The last set bit at or before p, or -1. */
static long prev_bit(const uint64_t *b, long p)
{
    long w = p >> 6;
    uint64_t x;
    if (p < 0) return -1;
    x = b[w] & (~0ULL >> (63 - (p & 63)));
    while (!x) {
        if (--w < 0) return -1;
        x = b[w];
    }
    return w * 64 + 63 - __builtin_clzll(x);
}

/* The most query byte i (> 0) can earn apart from byte i-1: a position's
 * bonus and the cost of the shortest gap back to a match of byte i-1.  A
 * position without a bonus earns at most GAP_OPEN (after a one-byte gap);
 * the few with one (word starts, humps) are looked at one by one. */
static int32_t gap_gain(const fz_scratch *z, size_t i, size_t w)
{
    int32_t best = GAP_OPEN;
    size_t k;
    for (k = 0; k < w; k++) {
        uint64_t x = z->q[i][k] & (z->word[k] | z->camel[k]);
        while (x) {
            int bit = __builtin_ctzll(x);
            long j = (long)(k * 64) + bit, p = prev_bit(z->q[i - 1], j - 2);
            int32_t b = (z->word[k] >> bit & 1) ? WORD : CAMEL;
            if (p >= 0) best = max32(best, b + GAP_OPEN + GAP_EXT * (int32_t)(j - p - 2));
            x &= x - 1;
        }
    }
    return best;
}

/* An upper bound on the score from the bit sets: each query byte earns at
 * most MATCH and the better of its gain joined to the byte before (only if
 * it matches right after a match of that byte) and apart from it (its best
 * position bonus less a gap opening).  Only when that bound reaches the
 * floor is the gain apart narrowed by the length of the gap (gap_gain,
 * dearer).  rest[i] gets the part of the bound from the bytes after i, for
 * pruning the recurrence. */
static int32_t upper_bound(const dsr_fzq *q, const fz_scratch *z, size_t w, size_t first0, int32_t floor,
                           int32_t *rest)
{
    uint64_t cons[WORDS];
    int32_t joined[DSR_FZ_QMAX], apart[DSR_FZ_QMAX], ub = MATCH + first_gain(z, w, first0);
    size_t i, k;
    for (i = 1; i < q->m; i++) {
        uint64_t carry = 0, any = 0;
        for (k = 0; k < w; k++) {
            cons[k] = z->q[i][k] & ((z->q[i - 1][k] << 1) | carry);
            carry = z->q[i - 1][k] >> 63;
            any |= cons[k];
        }
        joined[i] = any ? max32(best_bonus(z, cons, w), CONSEC) : NEG;
        apart[i] = best_bonus(z, z->q[i], w) + GAP_OPEN;
        ub += MATCH + max32(joined[i], apart[i]);
    }
    if (ub >= floor)
        for (i = 1; i < q->m; i++)
            if (apart[i] > joined[i]) {
                int32_t narrowed = max32(joined[i], gap_gain(z, i, w));
                ub -= apart[i] - narrowed;
                apart[i] = narrowed;
            }
    rest[q->m - 1] = 0;
    for (i = q->m - 1; i > 0; i--) rest[i - 1] = rest[i] + MATCH + max32(joined[i], apart[i]);
    return ub;
}

static int32_t bonus_bits(const fz_scratch *z, size_t j)
{
    uint64_t bit = 1ULL << (j & 63);
    if (j == 0) return FIRST;
    if (z->word[j >> 6] & bit) return WORD;
    if (z->camel[j >> 6] & bit) return CAMEL;
    return 0;
}

/* Does the query fit, as a subsequence, in a window of at most w bytes
 * starting at or after p?  Each start is an occurrence of the first byte,
 * and the greedy match from a start ends the soonest; once a window
 * reaches the end of the candidate, no later start can do better. */
static int in_window(const dsr_fzq *q, const unsigned char *s, size_t n, size_t p, size_t w)
{
    while ((p = find_fwd(s, p, n, q->c[0], q->fold[0])) < n) {
        size_t i = 1, j, lim = w < n - p ? p + w : n;
        for (j = p + 1; i < q->m && j < lim; j++)  /* no branch on the byte: it is a coin toss */
            i += (s[j] | q->fold[i]) == q->c[i];
        if (i == q->m) return 1;
        if (lim == n) return 0;
        p++;
    }
    return 0;
}

/* Before any bit set: can the candidate reach `floor` at all?  Bound the
 * score by the alignment's shape alone (q->joined, q->least): the first
 * byte earns at most FIRST (only at position 0, else WORD) less the lead
 * penalty of the earliest position it can take (first0); every later byte
 * earns at most CONSEC, or WORD after a separator, when it follows its
 * predecessor, and at most WORD + GAP_OPEN when it does not.  Scanning for
 * the first byte need not go past lead_limit: beyond it even the best
 * shape is below the floor.
 *
 * A pair apart loses at least q->least against that bound, and its gap
 * GAP_EXT more for every byte skipped after the first: since q->least +
 * GAP_EXT >= 0 (checked below), every byte skipped inside the alignment
 * costs at least -GAP_EXT.  So with a bound `all` and a floor, the whole
 * alignment fits in m + (all - floor) / -GAP_EXT bytes, and in m (the
 * query as one run) when even one pair apart is too many.  One scan per
 * occurrence of the first byte decides (in_window); with a high floor the
 * window is a few bytes, and that rejects most candidates that hold the
 * query's bytes far apart. */
typedef char fz_gap_costs_bytes[CONSEC - WORD - GAP_OPEN + GAP_EXT >= 0 ? 1 : -1];

static size_t lead_limit(const dsr_fzq *q, int32_t floor)
{
    int32_t slack = q->joined + WORD - floor;
    if (floor <= NEG) return SIZE_MAX;
    if (slack < 0) return q->joined + FIRST >= floor ? 1 : 0;
    return slack >= LEAD_MAX ? SIZE_MAX : (size_t)LEAD_STEP * (size_t)(slack + 1);
}

static int may_reach(const dsr_fzq *q, const unsigned char *s, size_t n, size_t first0, int32_t floor)
{
    int32_t all = q->joined + (first0 == 0 ? FIRST : WORD) - lead_penalty(first0);
    size_t w;
    if (all < floor) return 0;
    if (floor <= NEG) return 1;
    w = q->m > 1 && all - q->least < floor ? q->m : q->m + (size_t)(all - floor) / (size_t)-GAP_EXT;
    return in_window(q, s, n, first0, w);
}

/* Set the query's broadcast vectors in z (once per search, not per line). */
static void prepare(const dsr_fzq *q, fz_scratch *z)
{
#if defined(__SSE2__)
    size_t i;
    for (i = 0; i < q->m; i++) {
        z->vc[i] = _mm_set1_epi8((char)q->c[i]);
        z->vf[i] = _mm_set1_epi8((char)q->fold[i]);
    }
#else
    (void)q, (void)z;
#endif
}

/* The subsequence test: the greedy (earliest) position of every query
 * byte, the first one before `limit`; 0 when there is none.
 *
 * Most candidates are rejected here, so it is one pass over the candidate
 * in 16-byte chunks: a chunk's compare against the current query byte is
 * a handful of instructions, and when it matches, the next query byte is
 * compared against the same chunk, after the match.  The last chunk
 * overlaps the one before rather than reading past the end. */

#if defined(__GNUC__)
__attribute__((always_inline))  /* once per candidate: the call alone is a tenth of the test */
#endif
static inline int subsequence(const dsr_fzq *q, const fz_scratch *z, const unsigned char *s, size_t n,
                              size_t limit, size_t *first)
{
    size_t i = 0, p = 0, end = limit < n ? limit : n;
#if defined(__SSE2__)
    if (n >= 16) {
        __m128i vc = z->vc[0], vf = z->vf[0], x = _mm_setzero_si128();
        size_t stop = end < n - 15 ? end : n - 15;     /* where whole chunks start */
        for (;;) {
            unsigned mask = 0;
            size_t at;
            for (; p < stop; p += 16)   /* the chunks without the current byte */
                if ((mask = chunk_mask(x = _mm_loadu_si128((const __m128i *)(s + p)), vc, vf))) break;
            at = p;
            if (!mask) {                /* the last chunk, overlapping */
                if (p >= end) return 0;
                at = n - 16;
                x = _mm_loadu_si128((const __m128i *)(s + at));
                if (!(mask = chunk_mask(x, vc, vf) & (~0u << (p - at)))) return 0;
            }
            if (i == 0 && at + (size_t)__builtin_ctz(mask) >= end) return 0;
            do {                        /* the next bytes, in the same chunk */
                size_t j = at + (size_t)__builtin_ctz(mask);
                first[i++] = j;
                if (i == q->m) return 1;
                vc = z->vc[i];
                vf = z->vf[i];
                mask = chunk_mask(x, vc, vf) & (~1u << (j - at));
            } while (mask);
            p = at + 16;
            end = n;
            stop = n - 15;
        }
    }
#else
    (void)z;
#endif
    for (; p < end; p++)
        if ((s[p] | q->fold[i]) == q->c[i]) {
            first[i++] = p;
            if (i == q->m) return 1;
            end = n;
        }
    return 0;
}

/* The score, or DSR_FUZZY_NONE when the score would be below `floor`,
 * of a candidate that passed the subsequence test (z->first). */
static int32_t score_sparse(const dsr_fzq *q, const unsigned char *str, size_t n, int32_t floor,
                            fz_scratch *z)
{
    size_t cnt[2] = {0, 0}, words = (n + 63) / 64, i, k;
    const size_t *first = z->first;
    int32_t best = NEG, rest[DSR_FZ_QMAX];
    if (floor > NEG && !may_reach(q, str, n, first[0], floor)) return DSR_FUZZY_NONE;
    memcpy(z->buf, str, n);
    memset(z->buf + n, 0, 64);
    build_bits(q, z, n);
    if (floor > NEG && upper_bound(q, z, words, first[0], floor, rest) < floor) return DSR_FUZZY_NONE;
    for (i = 0; i < q->m; i++) {
        size_t cur = i & 1, prev = cur ^ 1, limit = n - (q->m - 1 - i), kp = 0;
        int32_t run = NEG;              /* max of M[p] - GAP_EXT * p over p < j - 1 */
        long j;
        cnt[cur] = 0;
        for (j = (long)first[i]; j >= 0 && (size_t)j < limit; j = next_bit(z->q[i], words, (size_t)j + 1)) {
            int32_t b = bonus_bits(z, (size_t)j), m;
            if (i == 0) {
                m = MATCH + b - lead_penalty((size_t)j);
            } else {
                int32_t cons = NEG, gap = NEG;
                while (kp < cnt[prev] && z->pos[prev][kp] < j - 1) {
                    int32_t v = z->val[prev][kp] - GAP_EXT * (int32_t)z->pos[prev][kp];
                    if (v > run) run = v;
                    kp++;
                }
                if (kp < cnt[prev] && z->pos[prev][kp] == j - 1) cons = z->val[prev][kp] + max32(b, CONSEC);
                if (run > NEG) gap = run + GAP_OPEN + GAP_EXT * (int32_t)(j - 2) + b;
                if (cons == NEG && gap == NEG) continue;
                m = MATCH + max32(cons, gap);
            }
            if (floor > NEG && m + rest[i] < floor) continue;  /* cannot reach the floor from here */
            z->pos[cur][cnt[cur]] = (uint16_t)j;
            z->val[cur][cnt[cur]++] = m;
        }
        if (!cnt[cur]) return DSR_FUZZY_NONE;
    }
    for (k = 0; k < cnt[(q->m - 1) & 1]; k++)
        if (z->val[(q->m - 1) & 1][k] > best) best = z->val[(q->m - 1) & 1][k];
    return best >= floor ? best : DSR_FUZZY_NONE;
}

/* The first set bit at or after p, or -1. */
static long next_bit(const uint64_t *b, size_t words, size_t p)
{
    size_t w = p >> 6;
    uint64_t x;
    if (w >= words) return -1;
    x = b[w] & (~0ULL << (p & 63));
    while (!x) {
        if (++w >= words) return -1;
        x = b[w];
    }
    return (long)(w * 64 + (size_t)__builtin_ctzll(x));
}

int32_t dsr_fzq_score(const dsr_fzq *q, const char *str, size_t n, uint32_t *pos)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t first[DSR_FZ_QMAX], last[DSR_FZ_QMAX];
    size_t best_j = 0, width;
    int32_t *Mall, *Gall, score;
    if (q->m == 0 || !s) return DSR_FUZZY_NONE;
    if (n > DSR_FZ_SMAX) n = DSR_FZ_SMAX;
    if (n < q->m) return DSR_FUZZY_NONE;
    if (!pos) {
        fz_scratch *z = malloc(sizeof *z);
        if (!z) return dsr_fzq_score_dense(q, str, n);
        prepare(q, z);
        score = subsequence(q, z, s, n, SIZE_MAX, z->first) ? score_sparse(q, s, n, NEG, z) : DSR_FUZZY_NONE;
        free(z);
        return score;
    }
    if (!band(q, s, n, first, last)) return DSR_FUZZY_NONE;
    width = last[q->m - 1] - first[0] + 1;
    Mall = malloc(2 * q->m * width * sizeof *Mall);
    if (!Mall) {                        /* no room for the band: greedy positions */
        memcpy(pos, first, q->m * sizeof *pos);
        return score_band(q, s, first, last, NULL, NULL, 0, &best_j);
    }
    Gall = Mall + q->m * width;
    score = score_band(q, s, first, last, Mall, Gall, width, &best_j);
    trace(q, s, first, width, Mall, Gall, best_j, pos);
    free(Mall);
    return score;
}

/* The dense form, for the tests: must equal dsr_fzq_score. */
int32_t dsr_fzq_score_dense(const dsr_fzq *q, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t first[DSR_FZ_QMAX], last[DSR_FZ_QMAX];
    size_t best_j = 0;
    if (q->m == 0 || !s) return DSR_FUZZY_NONE;
    if (n > DSR_FZ_SMAX) n = DSR_FZ_SMAX;
    if (n < q->m || !band(q, s, n, first, last)) return DSR_FUZZY_NONE;
    return score_band(q, s, first, last, NULL, NULL, 0, &best_j);
}

int32_t dsr_fuzzy_score(const char *query, size_t qlen, const char *s, size_t slen, uint32_t *pos)
{
    dsr_fzq q;
    if (dsr_fzq_init(&q, query, qlen)) return DSR_FUZZY_NONE;
    return dsr_fzq_score(&q, s, slen, pos);
}

/* ---- top-k ------------------------------------------------------------- */

typedef struct {
    dsr_fuzzy_hit h;
    float rank;
    uint32_t len;
} fz_item;

/* Is a a better hit than b?  Score, then rank, shorter, earlier. */
static int fz_better(const fz_item *a, const fz_item *b)
{
    if (a->h.score != b->h.score) return a->h.score > b->h.score;
    if (a->rank != b->rank) return a->rank > b->rank;
    if (a->len != b->len) return a->len < b->len;
    return a->h.index < b->h.index;
}

/* A min-heap of the k best: heap[0] is the worst kept. */
typedef struct { fz_item *v; size_t n, k; } fz_heap;

static void heap_push(fz_heap *hp, const fz_item *it)
{
    size_t i, c;
    if (hp->n == hp->k) {
        if (!fz_better(it, &hp->v[0])) return;
        i = 0;                          /* replace the root, sift down */
        for (;;) {
            c = 2 * i + 1;
            if (c >= hp->n) break;
            if (c + 1 < hp->n && fz_better(&hp->v[c], &hp->v[c + 1])) c++;
            if (!fz_better(it, &hp->v[c])) break;
            hp->v[i] = hp->v[c];
            i = c;
        }
        hp->v[i] = *it;
        return;
    }
    i = hp->n++;                        /* sift up */
    while (i > 0 && fz_better(&hp->v[(i - 1) / 2], it)) {
        hp->v[i] = hp->v[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    hp->v[i] = *it;
}

static const char *src_get(const dsr_fzsrc *src, size_t i, uint32_t *id, size_t *len)
{
    uint32_t x = src->subset ? src->subset[i] : (uint32_t)i;
    *id = x;
    if (src->buf) {
        *len = src->off[x + 1] - src->off[x] - 1;
        return src->buf + src->off[x];
    }
    if (!src->strs[x]) {
        *len = 0;
        return "";
    }
    *len = src->lens ? src->lens[x] : strlen(src->strs[x]);
    return src->strs[x];
}

/* One thread's part of the candidates.  The slices share one number:
 * the highest worst-kept score of any slice whose heap is full.  That
 * slice keeps k hits at least that good, so a candidate scoring below it
 * cannot be in the overall top k (an equal one may still win a tie), and
 * every slice can reject against it -- the heaps fill up and the floor
 * rises twice as fast, which is what the slow queries wait on. */
typedef struct {
    const dsr_fzq *q;
    const dsr_fzsrc *src;
    size_t from, to;
    fz_heap heap;
    fz_scratch *z;
    int32_t *shared;
} fz_slice;

static void raise_shared(int32_t *shared, int32_t v)
{
    int32_t cur = __atomic_load_n(shared, __ATOMIC_RELAXED);
    while (v > cur && !__atomic_compare_exchange_n(shared, &cur, v, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {}
}

static void *run_slice(void *arg)
{
    fz_slice *sl = arg;
    const dsr_fzsrc src = *sl->src;     /* copies: the compiler then knows they do not change */
    const dsr_fzq *q = sl->q;
    fz_scratch *z = sl->z;
    fz_heap *hp = &sl->heap;
    size_t i, limit = SIZE_MAX;
    int32_t others = NEG;               /* the shared floor, read now and then */
    int32_t limit_floor = NEG;          /* lead_limit of this floor (it seldom changes) */
    for (i = sl->from; i < sl->to; i++) {
        fz_item it;
        size_t len;
        const char *s;
        int32_t floor = NEG;
        if ((i & 255) == 0) others = __atomic_load_n(sl->shared, __ATOMIC_RELAXED);
        if ((i & 1023) == 0 && src.cancel && __atomic_load_n(src.cancel, __ATOMIC_RELAXED))
            break;              /* a job was cancelled: its hits are dropped */
        s = src_get(&src, i, &it.h.index, &len);
        it.rank = src.rank ? src.rank[it.h.index] : 0;
        it.len = (uint32_t)(len < UINT32_MAX ? len : UINT32_MAX);
        if (hp->n == hp->k) {
            /* To get in, beat the worst kept: its score, or only a higher
             * one when it wins a tie (common words give many equal top
             * scores, and without this every one of them is scored). */
            it.h.score = floor = hp->v[0].h.score;
            if (!fz_better(&it, &hp->v[0])) floor++;
        }
        if (others > floor) floor = others;
        if (len > DSR_FZ_SMAX) len = DSR_FZ_SMAX;
        if (floor != limit_floor) limit = lead_limit(q, limit_floor = floor);
        if (len < q->m || !subsequence(q, z, (const unsigned char *)s, len, limit, z->first)) continue;
        it.h.score = score_sparse(q, (const unsigned char *)s, len, floor, z);
        if (it.h.score == DSR_FUZZY_NONE) continue;
        heap_push(hp, &it);
        if (hp->n == hp->k) raise_shared(sl->shared, hp->v[0].h.score);
    }
    return NULL;
}

static int cmp_item(const void *a, const void *b)
{
    return fz_better(a, b) ? -1 : fz_better(b, a) ? 1 : 0;
}

static size_t processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (size_t)n;
}

size_t dsr_fz_top(const dsr_fzq *q, const dsr_fzsrc *src, size_t k, dsr_fuzzy_hit *out)
{
    fz_slice sl[MAX_THREADS];
    pthread_t th[MAX_THREADS];
    int started[MAX_THREADS] = {0};
    size_t nt = 1, t, i, got = 0;
    int32_t shared = NEG;
    fz_item *all;
    if (k == 0 || src->n == 0 || q->m == 0) return 0;
    if (src->n >= PARALLEL_MIN) nt = processors();
    if (nt > src->n / (PARALLEL_MIN / 2)) nt = src->n / (PARALLEL_MIN / 2);
    if (nt < 1) nt = 1;
    if (!(all = malloc(nt * k * sizeof *all))) return 0;
    for (t = 0; t < nt; t++)
        if (!(sl[t].z = malloc(sizeof *sl[t].z))) {
            while (t--) free(sl[t].z);
            free(all);
            return 0;
        }
    for (t = 0; t < nt; t++) {
        prepare(q, sl[t].z);
        sl[t].q = q;
        sl[t].src = src;
        sl[t].from = src->n * t / nt;
        sl[t].to = src->n * (t + 1) / nt;
        sl[t].heap.v = all + t * k;
        sl[t].heap.n = 0;
        sl[t].heap.k = k;
        sl[t].shared = &shared;
    }
    for (t = 1; t < nt; t++) started[t] = pthread_create(&th[t], NULL, run_slice, &sl[t]) == 0;
    run_slice(&sl[0]);
    for (t = 1; t < nt; t++) {
        if (started[t]) pthread_join(th[t], NULL);
        else run_slice(&sl[t]);         /* no thread: do it here */
    }
    /* Gather the slices' heaps, sort, keep k. */
    for (t = 0; t < nt; t++) {
        memmove(all + got, sl[t].heap.v, sl[t].heap.n * sizeof *all);
        got += sl[t].heap.n;
    }
    for (t = 0; t < nt; t++) free(sl[t].z);
    qsort(all, got, sizeof *all, cmp_item);
    if (got > k) got = k;
    for (i = 0; i < got; i++) out[i] = all[i].h;
    free(all);
    return got;
}

size_t dsr_fuzzy_top(const char *query, size_t qlen, const char *const *s, const size_t *lens,
                     size_t n, size_t k, dsr_fuzzy_hit *out)
{
    dsr_fzq q;
    dsr_fzsrc src;
    if (dsr_fzq_init(&q, query, qlen) || !s) return 0;
    memset(&src, 0, sizeof src);
    src.strs = s;
    src.lens = lens;
    src.n = n;
    return dsr_fz_top(&q, &src, k, out);
}
