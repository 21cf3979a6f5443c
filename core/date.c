#include "config.h"
#include "core/date.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "core/i18n.h"

/* The desk only accepts dates from Meiji 6 (1873-01-01), the day Japan
 * adopted the Gregorian calendar; earlier Japanese dates were lunisolar and
 * ICU's proleptic mapping of them would be wrong on paper. */
static const od_date date_first = { 1873, 1, 1 };
static const od_date date_last = { 9999, 12, 31 };

#define MS_PER_DAY 86400000.0

/* One zone everywhere: a UDate here is always midnight UTC of the day, and
 * every ICU object is opened in UTC, so no date can shift by a day. */
static const UChar date_tz[] = u"UTC";

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && date_is_leap(y))
		return 29;
	return days[m - 1];
}

bool date_valid(od_date d)
{
	return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 &&
	       d.d >= 1 && d.d <= date_days_in_month(d.y, d.m);
}

int date_cmp(od_date a, od_date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

/* Day counting is hand-written (H. Hinnant's days_from_civil /
 * civil_from_days): opening an ICU calendar just to count days would cost
 * far more than this exact integer arithmetic on the proleptic Gregorian
 * calendar, and these run for every row of every eligibility query. */
long date_to_days(od_date d)
{
	const long y = (long)d.y - (d.m <= 2);
	const long era = (y >= 0 ? y : y - 399) / 400;
	const long yoe = y - era * 400;                          /* 0..399 */
	const long mp = (d.m + 9) % 12;                          /* March = 0 */
	const long doy = (153 * mp + 2) / 5 + d.d - 1;           /* 0..365 */
	const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  /* 0..146096 */

	return era * 146097 + doe - 719468;
}

od_date date_from_days(long days)
{
	const long z = days + 719468;
	const long era = (z >= 0 ? z : z - 146096) / 146097;
	const long doe = z - era * 146097;
	const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const long mp = (5 * doy + 2) / 153;
	const long d = doy - (153 * mp + 2) / 5 + 1;
	const long m = mp < 10 ? mp + 3 : mp - 9;
	const long y = yoe + era * 400 + (m <= 2);
	od_date r = { (int)y, (int)m, (int)d };

	return r;
}

od_date date_add_days(od_date d, long n)
{
	return date_from_days(date_to_days(d) + n);
}

long date_diff_days(od_date later, od_date earlier)
{
	return date_to_days(later) - date_to_days(earlier);
}

od_date date_flow_from(od_date notice, int months)
{
	const od_date s = date_add_days(notice, 1);  /* Civil Code Art. 140 */
	const long mi = (long)s.y * 12 + (s.m - 1) + months;
	od_date p = { (int)(mi / 12), (int)(mi % 12) + 1, s.d };

	/* Art. 143: no corresponding day in the last month -> the period ends
	 * on that month's last day, so data flows from the next month's 1st. */
	if (p.d > date_days_in_month(p.y, p.m)) {
		p.d = 1;
		if (++p.m > 12) {
			p.m = 1;
			p.y++;
		}
	}
	return p;
}

void date_format_iso(od_date d, char out[DATE_ISO_SIZE])
{
	if (!date_valid(d)) {
		out[0] = '\0';
		return;
	}
	/* The modulos only tell the compiler the widths date_valid ensured. */
	snprintf(out, DATE_ISO_SIZE, "%04u-%02u-%02u", (unsigned)d.y % 10000u,
		 (unsigned)d.m % 100u, (unsigned)d.d % 100u);
}

/* ---- ICU objects -------------------------------------------------------
 * Opening a UDateFormat costs far more than formatting with it, and the
 * search screen formats a date per row, so the objects are opened once and
 * kept in static storage. The program is single-threaded; these caches are
 * not safe to use from several threads at once. */

static UDateFormat *era_long_fmt;    /* 令和8年11月24日 */
static UDateFormat *era_narrow_fmt;  /* "R": English narrow era name */
static UCalendar *era_cal;           /* japanese calendar, for parsing */

/* The long date style of ja_JP@calendar=japanese is "Gy年M月d日", and ICU
 * applies the "y=jpanyear" numbering to it, so year 1 comes out as 元年
 * without any post-processing (checked against ICU 72 in test_date). */
static UDateFormat *era_long(void)
{
	UErrorCode st = U_ZERO_ERROR;

	if (era_long_fmt)
		return era_long_fmt;
	era_long_fmt = udat_open(UDAT_NONE, UDAT_LONG, "ja_JP@calendar=japanese",
				 date_tz, -1, NULL, 0, &st);
	if (U_FAILURE(st)) {
		udat_close(era_long_fmt);
		era_long_fmt = NULL;
	}
	return era_long_fmt;
}

static UDateFormat *era_narrow(void)
{
	UErrorCode st = U_ZERO_ERROR;

	if (era_narrow_fmt)
		return era_narrow_fmt;
	era_narrow_fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, "en_US@calendar=japanese",
				   date_tz, -1, u"GGGGG", -1, &st);
	if (U_FAILURE(st)) {
		udat_close(era_narrow_fmt);
		era_narrow_fmt = NULL;
	}
	return era_narrow_fmt;
}

static UCalendar *era_calendar(void)
{
	UErrorCode st = U_ZERO_ERROR;

	if (era_cal)
		return era_cal;
	era_cal = ucal_open(date_tz, -1, "ja_JP@calendar=japanese", UCAL_DEFAULT, &st);
	if (U_FAILURE(st)) {
		ucal_close(era_cal);
		era_cal = NULL;
	}
	return era_cal;
}

static UDate date_to_udate(od_date d)
{
	return (UDate)date_to_days(d) * MS_PER_DAY;
}

/* The English narrow era name of the era containing `t` if it is a single
 * letter (M T S H R for the modern eras), else 0. Earlier eras have long
 * names ("Keiō (1865–1868)"), which is how the modern ones are told apart. */
static char era_letter_at(UDate t)
{
	UDateFormat *f = era_narrow();
	UErrorCode st = U_ZERO_ERROR;
	UChar buf[32];
	int32_t n;

	if (!f)
		return 0;
	n = udat_format(f, t, buf, (int32_t)(sizeof buf / sizeof buf[0]), NULL, &st);
	if (U_FAILURE(st) || n != 1 || buf[0] < u'A' || buf[0] > u'Z')
		return 0;
	return (char)buf[0];
}

bool date_format_era(od_date d, char *out, size_t outsz)
{
	UDateFormat *f;
	UErrorCode st = U_ZERO_ERROR;
	UChar buf[DATE_ERA_SIZE];
	int32_t n;

	if (!out || outsz == 0)
		return false;
	out[0] = '\0';
	if (!date_valid(d) || date_cmp(d, date_first) < 0 || !(f = era_long()))
		return false;
	n = udat_format(f, date_to_udate(d), buf, DATE_ERA_SIZE, NULL, &st);
	if (U_FAILURE(st) || n >= DATE_ERA_SIZE)
		return false;
	u_strToUTF8(out, (int32_t)(outsz > INT32_MAX ? INT32_MAX : outsz), NULL, buf, n, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING) {
		out[0] = '\0';
		return false;
	}
	return true;
}

char date_era_letter(od_date d)
{
	if (!date_valid(d))
		return 0;
	return era_letter_at(date_to_udate(d));
}

/* ICU's era index for an era letter, found by walking ICU's eras from the
 * newest back until the names stop being single letters; -1 if none.
 * Cached per letter: the walk costs a few formats, the parse runs per row. */
static int era_index_of(char letter)
{
	static int cache[26];  /* 0 = not looked up yet, else index + 1, or -1 */
	UCalendar *c = era_calendar();
	UErrorCode st = U_ZERO_ERROR;
	int e, max, *slot;

	if (letter < 'A' || letter > 'Z' || !c)
		return -1;
	slot = &cache[letter - 'A'];
	if (*slot != 0)
		return *slot > 0 ? *slot - 1 : -1;
	*slot = -1;
	max = ucal_getLimit(c, UCAL_ERA, UCAL_MAXIMUM, &st);
	if (U_FAILURE(st))
		return -1;
	ucal_setAttribute(c, UCAL_LENIENT, 1);
	for (e = max; e >= 0; e--) {
		UDate t;
		char l;

		/* 31 December of year 1 lies inside every modern era. */
		st = U_ZERO_ERROR;
		ucal_clear(c);
		ucal_set(c, UCAL_ERA, e);
		ucal_set(c, UCAL_YEAR, 1);
		ucal_set(c, UCAL_MONTH, UCAL_DECEMBER);
		ucal_set(c, UCAL_DATE, 31);
		t = ucal_getMillis(c, &st);
		if (U_FAILURE(st) || !(l = era_letter_at(t)))
			break;
		if (l == letter) {
			*slot = e + 1;
			break;
		}
	}
	return *slot > 0 ? *slot - 1 : -1;
}

/* Gregorian date of era year `ey`, month `m`, day `d` in era `letter`,
 * validated by ICU (non-lenient) and by a round trip: ICU happily maps
 * 平成32年 to 2020 (令和2年), so the era and year must come back unchanged. */
static date_err era_to_gregorian(char letter, int ey, int m, int d, od_date *out)
{
	UCalendar *c = era_calendar();
	int era = era_index_of(letter);
	int pass;
	od_date g;

	if (era < 0 || !c)
		return DATE_ERR_ERA;
	if (ey < 1)
		return DATE_ERR_ERA_YEAR;
	if (m < 1 || m > 12)
		return DATE_ERR_MONTH;
	if (d < 1 || d > 31)
		return DATE_ERR_DAY;
	ucal_setAttribute(c, UCAL_LENIENT, 0);
	/* Pass 0 is the date itself; if ICU rejects it, pass 1 tries the 1st of
	 * that month to tell "no such day" from "no such era year". */
	for (pass = 0; pass < 2; pass++) {
		UErrorCode st = U_ZERO_ERROR;
		UDate t;

		ucal_clear(c);
		ucal_set(c, UCAL_ERA, era);
		ucal_set(c, UCAL_YEAR, ey);
		ucal_set(c, UCAL_MONTH, m - 1);
		ucal_set(c, UCAL_DATE, pass == 0 ? d : 1);
		t = ucal_getMillis(c, &st);
		if (U_FAILURE(st)) {
			if (pass == 0)
				continue;
			return DATE_ERR_ERA_YEAR;
		}
		if (ucal_get(c, UCAL_ERA, &st) != era || ucal_get(c, UCAL_YEAR, &st) != ey ||
		    U_FAILURE(st))
			return DATE_ERR_ERA_YEAR;
		if (pass == 1)
			return DATE_ERR_DAY;
		/* Midnight UTC: the division is exact. */
		g = date_from_days((long)(t / MS_PER_DAY));
		if (date_cmp(g, date_first) < 0 || date_cmp(g, date_last) > 0)
			return DATE_ERR_RANGE;
		*out = g;
		return DATE_OK;
	}
	return DATE_ERR_ERA_YEAR;
}

static date_err check_gregorian(int y, int m, int d, od_date *out)
{
	od_date r = { y, m, d };

	if (m < 1 || m > 12)
		return DATE_ERR_MONTH;
	if (d < 1 || d > date_days_in_month(y, m))
		return DATE_ERR_DAY;
	if (y < 1 || date_cmp(r, date_first) < 0 || date_cmp(r, date_last) > 0)
		return DATE_ERR_RANGE;
	*out = r;
	return DATE_OK;
}

/* Full-width digits, letters and punctuation (２０２６／１１／２４, Ｒ８．
 * １１．２４) and the ideographic space become ASCII through ICU's NFKC; the
 * result must then be plain ASCII, which every accepted form is. */
static bool date_normalize(const char *text, char *out, size_t outsz)
{
	enum { CAP = 128 };
	UChar src[CAP], dst[CAP];
	const UNormalizer2 *nfkc;
	UErrorCode st = U_ZERO_ERROR;
	int32_t n, i;

	u_strFromUTF8(src, CAP, &n, text, -1, &st);
	if (U_FAILURE(st) || n >= CAP)
		return false;
	nfkc = unorm2_getNFKCInstance(&st);
	if (U_FAILURE(st))
		return false;
	n = unorm2_normalize(nfkc, src, n, dst, CAP, &st);
	if (U_FAILURE(st) || n >= CAP || (size_t)n >= outsz)
		return false;
	for (i = 0; i < n; i++) {
		if (dst[i] == 0 || dst[i] > 0x7e)
			return false;
		out[i] = (char)dst[i];
	}
	out[n] = '\0';
	return true;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Reads 1..max digits; returns how many were read (0 = none or too many). */
static int read_num(const char **p, int max, int *val)
{
	int n = 0, v = 0;

	while (is_digit(**p)) {
		if (++n > max)
			return 0;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	*val = v;
	return n;
}

static int num_fixed(const char *s, int len)
{
	int v = 0;

	while (len-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* "Y<sep>M<sep>D" with the same separator ('-', '/' or '.') twice. */
static bool parse_separated(const char *p, int ymin, int ymax, int *y, int *m, int *d)
{
	char sep;
	int n = read_num(&p, ymax, y);

	if (n < ymin)
		return false;
	sep = *p;
	if (sep != '-' && sep != '/' && sep != '.')
		return false;
	p++;
	if (!read_num(&p, 2, m) || *p != sep)
		return false;
	p++;
	if (!read_num(&p, 2, d) || *p != '\0')
		return false;
	return true;
}

/* Accepted forms (after NFKC and trimming):
 *   YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD (8 digits)
 *   E Y.M.D, E Y/M/D, E Y-M-D, E YYMMDD (E = era letter, any case)
 *   NYYMMDD (7 digits; receipt-computer era code N: M=1 T=2 S=3 H=4 R=5) */
date_err date_parse(const char *text, od_date *out)
{
	/* The receipt-computer digit codes are a fixed convention of Japanese
	 * medical billing software, not calendar data, hence a table here. */
	static const char era_codes[] = "MTSHR";
	char buf[128];
	char *s, *e;
	size_t len, i;
	int y, m, d;

	if (!text || !out)
		return DATE_ERR_EMPTY;
	if (!date_normalize(text, buf, sizeof buf)) {
		/* Non-ASCII left after NFKC, or absurdly long: not a date form,
		 * unless it was only blanks. */
		return DATE_ERR_FORMAT;
	}
	s = buf;
	while (is_space(*s))
		s++;
	e = s + strlen(s);
	while (e > s && is_space(e[-1]))
		*--e = '\0';
	len = (size_t)(e - s);
	if (len == 0)
		return DATE_ERR_EMPTY;

	if (is_digit(s[0])) {
		bool all_digits = true;

		for (i = 0; i < len; i++)
			all_digits = all_digits && is_digit(s[i]);
		if (all_digits && len == 8)
			return check_gregorian(num_fixed(s, 4), num_fixed(s + 4, 2),
					       num_fixed(s + 6, 2), out);
		if (all_digits && len == 7) {
			const int code = s[0] - '0';

			if (code < 1 || code > 5)
				return DATE_ERR_ERA;
			return era_to_gregorian(era_codes[code - 1], num_fixed(s + 1, 2),
						num_fixed(s + 3, 2), num_fixed(s + 5, 2), out);
		}
		if (!all_digits && parse_separated(s, 4, 4, &y, &m, &d))
			return check_gregorian(y, m, d, out);
		return DATE_ERR_FORMAT;
	}

	if ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')) {
		const char letter = (char)(s[0] & ~0x20);  /* ASCII upper case */
		const char *r = s + 1;
		bool six = len == 7;

		for (i = 1; six && i < len; i++)
			six = is_digit(s[i]);
		if (six) {
			y = num_fixed(r, 2);
			m = num_fixed(r + 2, 2);
			d = num_fixed(r + 4, 2);
		} else if (!parse_separated(r, 1, 4, &y, &m, &d)) {
			return DATE_ERR_FORMAT;
		}
		return era_to_gregorian(letter, y, m, d, out);
	}
	return DATE_ERR_FORMAT;
}

const char *date_err_message(date_err e)
{
	switch (e) {
	case DATE_OK:
		return N_("the date is valid");
	case DATE_ERR_EMPTY:
		return N_("no date was given; type it as 2026-11-24, R8.11.24, S45.3.2 or 3450302");
	case DATE_ERR_FORMAT:
		return N_("not a date form we accept; type 2026-11-24, 2026/11/24, 20261124, "
			  "R8.11.24, S450302 or 3450302");
	case DATE_ERR_ERA:
		return N_("unknown era; use the letters M, T, S, H, R "
			  "or the codes 1 to 5 (M=1 T=2 S=3 H=4 R=5)");
	case DATE_ERR_ERA_YEAR:
		return N_("the year is outside that era's years; check the era letter "
			  "(M, T, S, H, R) and the year, as in R8.11.24 or H31.4.30");
	case DATE_ERR_MONTH:
		return N_("the month must be 1 to 12, as in 2026-11-24 or R8.11.24");
	case DATE_ERR_DAY:
		return N_("no such day in that month; check the day, as in 2026-02-28 or R8.2.28");
	case DATE_ERR_RANGE:
		return N_("the date must be between 1873-01-01 (Meiji 6) and 9999-12-31");
	}
	return N_("not a date form we accept; type 2026-11-24, 2026/11/24, 20261124, "
		  "R8.11.24, S450302 or 3450302");
}
