/*
 * timex_cal.c -- proleptic Gregorian calendar arithmetic.
 *
 * Dates are {year, month, day} with 0 for an unknown part.  Day counting
 * goes through a days-from-civil number so adding days never loops.
 */
#include <stdio.h>
#include <stdlib.h>
#include "timex_int.h"

int tx_days_in_month(int y, int m)
{
    static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12) return 30;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

/* Days since 1970-01-01 (Howard Hinnant's civil algorithm, restated). */
static long days_from_civil(int y, int m, int d)
{
    long era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, tx_date *dt)
{
    long era, doe, yoe, doy, mp, y;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    dt->d = (int)(doy - (153 * mp + 2) / 5 + 1);
    dt->m = (int)(mp < 10 ? mp + 3 : mp - 9);
    dt->y = (int)(y + (dt->m <= 2));
}

int tx_weekday(int y, int m, int d)
{
    long z = days_from_civil(y, m, d);
    long w = (z + 3) % 7;           /* 1970-01-01 was a Thursday */
    if (w < 0) w += 7;
    return (int)w + 1;
}

void tx_add_days(tx_date *dt, long n)
{
    if (!dt->y || !dt->m || !dt->d) return;
    civil_from_days(days_from_civil(dt->y, dt->m, dt->d) + n, dt);
}

void tx_add_months(tx_date *dt, int n)
{
    int t = dt->y * 12 + (dt->m - 1) + n;
    dt->y = t / 12;
    dt->m = t % 12 + 1;
    if (dt->d > tx_days_in_month(dt->y, dt->m)) dt->d = tx_days_in_month(dt->y, dt->m);
}

int tx_iso_week(int y, int m, int d, int *wyear)
{
    long z = days_from_civil(y, m, d);
    int wd = tx_weekday(y, m, d);
    tx_date th;
    long jan1;
    civil_from_days(z - wd + 4, &th);      /* the Thursday of this week */
    jan1 = days_from_civil(th.y, 1, 1);
    *wyear = th.y;
    return (int)((days_from_civil(th.y, th.m, th.d) - jan1) / 7 + 1);
}

int tx_parse_date(const char *s, tx_date *dt)
{
    int i;
    dt->y = dt->m = dt->d = 0;
    if (!s) return 0;
    for (i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    dt->y = atoi(s);
    if (s[4] == '-' && s[5] >= '0' && s[5] <= '9' && s[6] >= '0' && s[6] <= '9') {
        dt->m = (s[5] - '0') * 10 + (s[6] - '0');
        if (dt->m < 1 || dt->m > 12) { dt->m = 0; return 1; }
        if (s[7] == '-' && s[8] >= '0' && s[8] <= '9' && s[9] >= '0' && s[9] <= '9') {
            dt->d = (s[8] - '0') * 10 + (s[9] - '0');
            if (dt->d < 1 || dt->d > tx_days_in_month(dt->y, dt->m)) dt->d = 0;
        }
    }
    return 1;
}

void tx_fmt_date(char *out, size_t n, const tx_date *dt)
{
    if (dt->y <= 0) snprintf(out, n, "XXXX");
    else if (!dt->m) snprintf(out, n, "%04d", dt->y % 10000);
    else if (!dt->d) snprintf(out, n, "%04d-%02d", dt->y % 10000, dt->m);
    else snprintf(out, n, "%04d-%02d-%02d", dt->y % 10000, dt->m, dt->d);
}
