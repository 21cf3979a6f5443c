#include "config.h"
#include "core/date.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "core/date_era.h"
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
static UDateFormat *era_name_fmt;    /* "令和": Japanese era name */
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

/* The era's name as printed on insurance cards and forms (令和, 平成). */
static UDateFormat *era_name(void)
{
	UErrorCode st = U_ZERO_ERROR;

	if (era_name_fmt)
		return era_name_fmt;
	era_name_fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, "ja_JP@calendar=japanese",
				 date_tz, -1, u"GGGG", -1, &st);
	if (U_FAILURE(st)) {
		udat_close(era_name_fmt);
		era_name_fmt = NULL;
	}
	return era_name_fmt;
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

/* The modern eras as ICU knows them, found by walking ICU's eras from the
 * newest back until the English narrow names stop being single letters:
 * ICU's era index, the letter staff type and the name written on paper.
 * Walked once: it costs a few formats, and parsing runs per row. */
typedef struct era_info {
	int index;      /* ICU's UCAL_ERA value */
	char letter;    /* 'R' */
	UChar name[8];  /* u"令和", NUL-terminated */
} era_info;

#define ERA_SLOTS 16  /* five modern eras today; room for those to come */
static era_info eras[ERA_SLOTS];
static int era_count = -1;  /* -1: not walked yet */

/* The instant of 31 December of year 1 of ICU era `e`, which lies inside
 * every modern era; false if ICU cannot compute it. */
static bool era_probe(UCalendar *c, int e, UDate *t)
{
	UErrorCode st = U_ZERO_ERROR;

	ucal_setAttribute(c, UCAL_LENIENT, 1);
	ucal_clear(c);
	ucal_set(c, UCAL_ERA, e);
	ucal_set(c, UCAL_YEAR, 1);
	ucal_set(c, UCAL_MONTH, UCAL_DECEMBER);
	ucal_set(c, UCAL_DATE, 31);
	*t = ucal_getMillis(c, &st);
	return U_SUCCESS(st);
}

static void era_walk(void)
{
	UCalendar *c = era_calendar();
	UDateFormat *f = era_name();
	UErrorCode st = U_ZERO_ERROR;
	int e, max;

	era_count = 0;
	if (!c || !f)
		return;
	max = ucal_getLimit(c, UCAL_ERA, UCAL_MAXIMUM, &st);
	for (e = max; U_SUCCESS(st) && e >= 0 && era_count < ERA_SLOTS; e--) {
		era_info *r = &eras[era_count];
		int32_t n;
		UDate t;

		if (!era_probe(c, e, &t) || !(r->letter = era_letter_at(t)))
			break;
		n = udat_format(f, t, r->name, (int32_t)(sizeof r->name / sizeof r->name[0]),
				NULL, &st);
		if (U_FAILURE(st) || n >= (int32_t)(sizeof r->name / sizeof r->name[0]))
			break;
		r->index = e;
		era_count++;
	}
}

static int era_total(void)
{
	if (era_count < 0)
		era_walk();
	return era_count;
}

char date_era_letter_named(const UChar *name, int32_t len)
{
	int i;

	for (i = 0; i < era_total(); i++)
		if (u_strlen(eras[i].name) == len && u_strncmp(eras[i].name, name, len) == 0)
			return eras[i].letter;
	return 0;
}

/* ICU's era index for an era letter, or -1. */
static int era_index_of(char letter)
{
	int i;

	for (i = 0; i < era_total(); i++)
		if (eras[i].letter == letter)
			return eras[i].index;
	return -1;
}

/* Gregorian date of era year `ey`, month `m`, day `d` in era `letter`,
 * validated by ICU (non-lenient) and by a round trip: ICU happily maps
 * 平成32年 to 2020 (令和2年), so the era and year must come back unchanged. */
date_err date_era_to_gregorian(char letter, int ey, int m, int d, od_date *out)
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

date_err date_check_gregorian(int y, int m, int d, od_date *out)
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

/* Here rather than in date_parse.c, where they belong by meaning:
 * po/POTFILES.in lists date.c, and moving them would drop the msgids from
 * the catalogue. */
const char *date_err_message(date_err e)
{
	switch (e) {
	case DATE_OK:
		return N_("the date is valid");
	case DATE_ERR_EMPTY:
		return N_("no date was given; type it as 2026-11-24, R8.11.24, 令和8年11月24日, "
			  "S45.3.2 or 3450302");
	case DATE_ERR_FORMAT:
		return N_("not a date form we accept; use 2026-11-24, 2026/11/24, 20261124, "
			  "R8.11.24, 令和8年11月24日, S450302 or 3450302");
	case DATE_ERR_ERA:
		return N_("unknown era; use the letters M, T, S, H, R, the codes 1 to 5 "
			  "(M=1 T=2 S=3 H=4 R=5) or the names 明治, 大正, 昭和, 平成, 令和");
	case DATE_ERR_ERA_YEAR:
		return N_("the year is outside that era's years; check the era and the year, "
			  "as in R8.11.24, H31.4.30 or 平成31年4月30日");
	case DATE_ERR_MONTH:
		return N_("the month must be 1 to 12, as in 2026-11-24 or R8.11.24");
	case DATE_ERR_DAY:
		return N_("no such day in that month; check the day, as in 2026-02-28 or R8.2.28");
	case DATE_ERR_RANGE:
		return N_("the date must be between 1873-01-01 (Meiji 6) and 9999-12-31");
	}
	return N_("not a date form we accept; use 2026-11-24, 2026/11/24, 20261124, "
		  "R8.11.24, 令和8年11月24日, S450302 or 3450302");
}

/* ---- the clinic's today ------------------------------------------------- */

/* Only zones of the tz database as ICU knows them ("Asia/Tokyo", "UTC"):
 * ICU quietly opens anything else as "Etc/Unknown", which is GMT, and a
 * clinic whose setting was mistyped would see yesterday's date after
 * 15:00 without a word. Custom "GMT+9" ids are refused for the same
 * reason: a zone name keeps summer time and history right, an offset not. */
static bool zone_id(const char *tz_id, UChar id[64])
{
	UErrorCode st = U_ZERO_ERROR;
	UChar canon[64];
	UBool system = 0;
	int32_t n;

	if (!tz_id || !tz_id[0])
		return false;
	u_strFromUTF8(id, 64, &n, tz_id, -1, &st);
	if (U_FAILURE(st) || n >= 64)
		return false;
	ucal_getCanonicalTimeZoneID(id, n, canon, 64, &system, &st);
	return U_SUCCESS(st) && system;
}

bool date_zone_valid(const char *tz_id)
{
	UChar id[64];

	return zone_id(tz_id, id);
}

/* Opened per call, not cached: "today" is asked once per screen or
 * command, not per row. */
bool date_today_in_zone(long long epoch_seconds, const char *tz_id, od_date *out)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar id[64];
	UCalendar *c;
	od_date r;

	if (!out || !zone_id(tz_id, id))
		return false;
	c = ucal_open(id, -1, "en_US@calendar=gregorian", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st)) {
		ucal_close(c);
		return false;
	}
	ucal_setMillis(c, (UDate)epoch_seconds * 1000.0, &st);
	r.y = ucal_get(c, UCAL_YEAR, &st);
	r.m = ucal_get(c, UCAL_MONTH, &st) + 1;
	r.d = ucal_get(c, UCAL_DATE, &st);
	/* ERA 0 is BC; ICU counts those years backwards. */
	if (ucal_get(c, UCAL_ERA, &st) != 1)
		st = U_ILLEGAL_ARGUMENT_ERROR;
	ucal_close(c);
	if (U_FAILURE(st) || !date_valid(r) || date_cmp(r, date_first) < 0)
		return false;
	*out = r;
	return true;
}

bool date_is_future(od_date d, od_date today)
{
	return date_cmp(d, today) > 0;
}
