/*
 * docdate.c -- the date of a document without front matter.
 *
 * Datelines are read with the time expression recogniser itself, run on
 * the first few lines of the body without a document date: a line whose
 * date is all of it ("June 6, 2005") or that opens with a place and a
 * comma and the date ("WASHINGTON, March 3, 2010 --") gives the date.
 * File names are scanned for YYYY-MM-DD, YYYY_MM_DD or YYYYMMDD.  An
 * undated text is given the latest full date it states, or else the
 * latest year: news reports on what just happened.
 */
#include <stdlib.h>
#include <string.h>
#include "docdate.h"
#include "timex.h"
#include "timex_int.h"

#define DATELINE_LINES 6
#define DATELINE_BYTES 1500

static void copy_date(char out[11], const char *v, int year)
{
    if (!strncmp(v, "XXXX", 4)) {
        char y[5];
        y[0] = (char)('0' + year / 1000 % 10);
        y[1] = (char)('0' + year / 100 % 10);
        y[2] = (char)('0' + year / 10 % 10);
        y[3] = (char)('0' + year % 10);
        y[4] = '\0';
        memcpy(out, y, 4);
        memcpy(out + 4, v + 4, 6);
    } else {
        memcpy(out, v, 10);
    }
    out[10] = '\0';
}

static int is_full_date(const char *v)
{
    size_t n = strlen(v);
    return n == 10 && v[4] == '-' && v[7] == '-';
}

/* Is the line [a, b) a dateline around the date at [ds, de)? */
static int dateline_shape(const char *s, size_t a, size_t b, size_t ds, size_t de)
{
    size_t k, caps = 0, letters = 0;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) b--;
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '#' || s[a] == '*' || s[a] == '_')) a++;
    /* the date is the line ("June 6, 2005", "Friday, June 6, 2005") */
    if (de + 2 >= b && ds <= a + 12) {
        for (k = a; k < ds; k++)
            if (s[k] == '.' || s[k] == '!' || s[k] == '?') return 0;
        return 1;
    }
    /* "PLACE, Date -" / "PLACE (AP) Date --": a short prefix ending in a comma, then a dash */
    if (ds > a && ds - a <= 40) {
        for (k = a; k < ds; k++) {
            unsigned char c = (unsigned char)s[k];
            if (c >= 'A' && c <= 'Z') caps++;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) letters++;
        }
        if (letters && caps * 2 >= letters) {
            size_t q = de;
            while (q < b && (s[q] == ' ' || s[q] == ',')) q++;
            if (q == b || s[q] == '-' || ((unsigned char)s[q] == 0xE2) || s[q] == '(' || s[q] == '/') return 1;
        }
    }
    return 0;
}

int dsr_docdate_dateline(const dsr_text *t, int year_hint, char out[11])
{
    size_t p = t->body, lines = 0, end = t->len < t->body + DATELINE_BYTES ? t->len : t->body + DATELINE_BYTES;
    out[0] = '\0';
    while (p < end && lines < DATELINE_LINES) {
        const char *nl = memchr(t->s + p, '\n', end - p);
        size_t e = nl ? (size_t)(nl - t->s) : end, k;
        dsr_text line;
        dsr_timexes tx = { 0 };
        int found = 0;
        line.s = t->s;
        line.len = e;
        line.body = p;
        for (k = p; k < e && (t->s[k] == ' ' || t->s[k] == '\t' || t->s[k] == '\r'); k++) {}
        if (k < e) {
            lines++;
            if (dsr_timex_scan(&line, "", NULL, &tx) == 0) {
                size_t i;
                for (i = 0; i < tx.n && !found; i++) {
                    const dsr_timex *x = &tx.v[i];
                    if (x->type != DSR_TX_DATE || !is_full_date(x->value)) continue;
                    if (!dateline_shape(t->s, p, e, x->start, x->end)) continue;
                    if (!strncmp(x->value, "XXXX", 4)) {
                        if (year_hint <= 0 || year_hint > 9999) continue;
                        copy_date(out, x->value, year_hint);
                    } else {
                        copy_date(out, x->value, 0);
                    }
                    found = 1;
                }
            }
            dsr_vec_free(&tx);
            if (found) return 1;
        }
        p = e + 1;
    }
    return 0;
}

static int digits(const char *s, int n)
{
    int i, v = 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int dsr_docdate_filename(const char *name, char out[11])
{
    size_t i, n = name ? strlen(name) : 0;
    out[0] = '\0';
    for (i = 0; i + 8 <= n; i++) {
        int y, m, d, sep;
        if (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9') continue;
        y = digits(name + i, 4);
        if (y < 1900 || y > 2099) continue;
        sep = name[i + 4] == '-' || name[i + 4] == '_' || name[i + 4] == '.';
        if (sep) {
            if (i + 10 > n || name[i + 7] != name[i + 4]) continue;
            m = digits(name + i + 5, 2);
            d = digits(name + i + 8, 2);
            if (i + 10 < n && name[i + 10] >= '0' && name[i + 10] <= '9') continue;
        } else {
            m = digits(name + i + 4, 2);
            d = digits(name + i + 6, 2);
            if (i + 8 < n && name[i + 8] >= '0' && name[i + 8] <= '9') continue;
        }
        if (m < 1 || m > 12 || d < 1 || d > tx_days_in_month(y, m)) continue;
        out[0] = (char)('0' + y / 1000);
        out[1] = (char)('0' + y / 100 % 10);
        out[2] = (char)('0' + y / 10 % 10);
        out[3] = (char)('0' + y % 10);
        out[4] = '-';
        out[5] = (char)('0' + m / 10);
        out[6] = (char)('0' + m % 10);
        out[7] = '-';
        out[8] = (char)('0' + d / 10);
        out[9] = (char)('0' + d % 10);
        out[10] = '\0';
        return 1;
    }
    return 0;
}

int dsr_docdate_infer(const dsr_text *t, char out[11])
{
    dsr_timexes tx = { 0 };
    char best_full[11] = "", best_year[5] = "";
    size_t i;
    out[0] = '\0';
    if (dsr_timex_scan(t, "", NULL, &tx)) {
        dsr_vec_free(&tx);
        return 0;
    }
    for (i = 0; i < tx.n; i++) {
        const char *v = tx.v[i].value;
        if (tx.v[i].type != DSR_TX_DATE && tx.v[i].type != DSR_TX_TIME) continue;
        if (digits(v, 4) < 0) continue;
        if (is_full_date(v) || (strlen(v) > 10 && v[10] == 'T')) {
            if (strncmp(v, best_full, 10) > 0) copy_date(best_full, v, 0);
        } else if (strlen(v) == 4 || v[4] == '-') {
            if (strncmp(v, best_year, 4) > 0) { memcpy(best_year, v, 4); best_year[4] = '\0'; }
        }
    }
    dsr_vec_free(&tx);
    if (best_full[0] && strncmp(best_full, best_year, 4) >= 0) {
        memcpy(out, best_full, 11);
        return 1;
    }
    if (best_year[0]) {
        memcpy(out, best_year, 5);
        return 1;
    }
    return 0;
}
