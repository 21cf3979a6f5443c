/* Calendar dates as the desk uses them: validation, arithmetic, the
 * flow-from rule of the domain brief, parsing of what reception staff type,
 * and Japanese era (和暦) formatting through ICU. No I/O, no clock: "today"
 * is always passed in. */
#ifndef OD_DATE_H
#define OD_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct od_date {
	int y; /* Gregorian year, 1..9999 */
	int m; /* 1..12 */
	int d; /* 1..31 */
} od_date;

#define DATE_ISO_SIZE 11   /* "2026-11-24" + NUL */
#define DATE_ERA_SIZE 64   /* "令和8年11月24日" with room to spare */

bool date_valid(od_date d);
int date_days_in_month(int y, int m);
bool date_is_leap(int y);
int date_cmp(od_date a, od_date b);          /* <0, 0, >0 */
long date_to_days(od_date d);                /* days since 1970-01-01 */
od_date date_from_days(long days);
od_date date_add_days(od_date d, long n);
long date_diff_days(od_date later, od_date earlier);

/* The day data may flow from for a notice handed on `notice`, waiting
 * `months` months (domain brief: S = notice + 1 day; P = S + months, or the
 * 1st of the following month when that day does not exist). */
od_date date_flow_from(od_date notice, int months);

void date_format_iso(od_date d, char out[DATE_ISO_SIZE]);

/* 令和8年11月24日, 令和元年5月1日 (era data from ICU). Returns false if ICU
 * fails or the date is before Meiji 6 (1873-01-01). */
bool date_format_era(od_date d, char *out, size_t outsz);

/* Era letter for a date: 'M','T','S','H','R', or 0 before Meiji. */
char date_era_letter(od_date d);

typedef enum date_err {
	DATE_OK = 0,
	DATE_ERR_EMPTY,      /* nothing typed */
	DATE_ERR_FORMAT,     /* not one of the accepted forms */
	DATE_ERR_ERA,        /* unknown era letter or code */
	DATE_ERR_ERA_YEAR,   /* year outside that era (平成32年) */
	DATE_ERR_MONTH,      /* month not 1..12 */
	DATE_ERR_DAY,        /* no such day in that month (2月30日) */
	DATE_ERR_RANGE,      /* outside 1873-01-01..9999-12-31 */
} date_err;

/* Parses what staff type: 2026-11-24, 2026/11/24, 20261124, S45.3.2,
 * S450302, R8.11.24, R1/5/1, and the receipt-computer code 3450302
 * (M=1 T=2 S=3 H=4 R=5); and the forms written on insurance cards and
 * forms: 令和8年11月24日, 令和元年5月1日, 平成 30年 4月 1日 (blanks between
 * the parts), 明治/大正/昭和 too, and 2026年11月24日. Full-width digits and
 * letters are accepted. Era letters are case-insensitive; era names and
 * years are checked against ICU's eras (平成32年 is DATE_ERR_ERA_YEAR).
 * *out is written only on DATE_OK. */
date_err date_parse(const char *text, od_date *out);

/* A msgid (mark with N_, translate at the caller) that says what went wrong
 * and which forms are accepted. */
const char *date_err_message(date_err e);

/* The calendar date at `epoch_seconds` (seconds since 1970-01-01T00:00Z)
 * in the time zone `tz_id` ("Asia/Tokyo"), through ICU: the clinic's
 * "today". Core reads no clock: the caller passes the time. False for a
 * zone date_zone_valid refuses or a date outside 1873..9999. */
bool date_today_in_zone(long long epoch_seconds, const char *tz_id, od_date *out);

/* Whether ICU knows tz_id as a zone of the tz database ("Asia/Tokyo",
 * "UTC"); false for unknown names and for bare offsets such as "GMT+9". */
bool date_zone_valid(const char *tz_id);

/* d is after today (a birth date or a notice date that cannot be yet). */
bool date_is_future(od_date d, od_date today);

#endif
