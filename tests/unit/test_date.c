/* core/date: calendar arithmetic, the flow-from rule of the domain brief,
 * Japanese era formatting through ICU, and what staff type at the desk. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"

static od_date mk(int y, int m, int d)
{
	od_date r = { y, m, d };

	return r;
}

static void assert_date(od_date got, int y, int m, int d, const char *what)
{
	if (got.y != y || got.m != m || got.d != d)
		fail_msg("%s: got %04d-%02d-%02d, want %04d-%02d-%02d", what, got.y, got.m,
			 got.d, y, m, d);
}

static void test_leap_and_month_lengths(void **state)
{
	(void)state;
	assert_true(date_is_leap(2024));
	assert_true(date_is_leap(2000));
	assert_true(date_is_leap(2028));
	assert_false(date_is_leap(1900));
	assert_false(date_is_leap(2026));
	assert_false(date_is_leap(2100));
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2026, 2), 28);
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2026, 1), 31);
	assert_int_equal(date_days_in_month(2026, 4), 30);
	assert_int_equal(date_days_in_month(2026, 12), 31);
	assert_int_equal(date_days_in_month(2026, 0), 0);
	assert_int_equal(date_days_in_month(2026, 13), 0);
}

static void test_valid(void **state)
{
	(void)state;
	assert_true(date_valid(mk(2026, 11, 24)));
	assert_true(date_valid(mk(2024, 2, 29)));
	assert_true(date_valid(mk(2000, 2, 29)));
	assert_true(date_valid(mk(1, 1, 1)));
	assert_true(date_valid(mk(9999, 12, 31)));
	assert_false(date_valid(mk(2026, 2, 29)));
	assert_false(date_valid(mk(2009, 2, 29)));
	assert_false(date_valid(mk(1900, 2, 29)));
	assert_false(date_valid(mk(2026, 2, 30)));
	assert_false(date_valid(mk(2026, 4, 31)));
	assert_false(date_valid(mk(2026, 0, 1)));
	assert_false(date_valid(mk(2026, 13, 1)));
	assert_false(date_valid(mk(2026, 1, 0)));
	assert_false(date_valid(mk(2026, 1, 32)));
	assert_false(date_valid(mk(0, 1, 1)));
	assert_false(date_valid(mk(10000, 1, 1)));
	assert_false(date_valid(mk(-5, 1, 1)));
}

static void test_cmp(void **state)
{
	(void)state;
	assert_int_equal(date_cmp(mk(2026, 11, 24), mk(2026, 11, 24)), 0);
	assert_true(date_cmp(mk(2026, 11, 24), mk(2026, 11, 25)) < 0);
	assert_true(date_cmp(mk(2026, 12, 1), mk(2026, 11, 30)) > 0);
	assert_true(date_cmp(mk(2027, 1, 1), mk(2026, 12, 31)) > 0);
	assert_true(date_cmp(mk(1999, 12, 31), mk(2000, 1, 1)) < 0);
}

static void test_days_known_values(void **state)
{
	(void)state;
	assert_int_equal(date_to_days(mk(1970, 1, 1)), 0);
	assert_int_equal(date_to_days(mk(1970, 1, 2)), 1);
	assert_int_equal(date_to_days(mk(1969, 12, 31)), -1);
	assert_int_equal(date_to_days(mk(2000, 3, 1)), 11017);
	assert_int_equal(date_to_days(mk(2026, 11, 24)), 20781);
	assert_int_equal(date_to_days(mk(1873, 1, 1)), -35428);
	assert_int_equal(date_to_days(mk(9999, 12, 31)), 2932896);
	assert_date(date_from_days(0), 1970, 1, 1, "day 0");
	assert_date(date_from_days(-35428), 1873, 1, 1, "Meiji 6");
	assert_date(date_from_days(2932896), 9999, 12, 31, "last day");
	assert_date(date_from_days(11016), 2000, 2, 29, "2000 leap day");
}

/* Walks day by day with nothing but month lengths, an arithmetic
 * independent of the closed formulas under test. */
static void test_days_every_day(void **state)
{
	od_date d = mk(1873, 1, 1);
	long n = date_to_days(d);

	(void)state;
	while (d.y <= 2200) {
		od_date back = date_from_days(n);

		if (date_to_days(d) != n || date_cmp(back, d) != 0)
			fail_msg("day %ld: %04d-%02d-%02d", n, d.y, d.m, d.d);
		n++;
		if (++d.d > date_days_in_month(d.y, d.m)) {
			d.d = 1;
			if (++d.m > 12) {
				d.m = 1;
				d.y++;
			}
		}
	}
}

static void test_add_and_diff(void **state)
{
	(void)state;
	assert_date(date_add_days(mk(2026, 11, 24), 1), 2026, 11, 25, "+1");
	assert_date(date_add_days(mk(2026, 12, 31), 1), 2027, 1, 1, "year end");
	assert_date(date_add_days(mk(2028, 2, 28), 1), 2028, 2, 29, "leap day");
	assert_date(date_add_days(mk(2027, 2, 28), 1), 2027, 3, 1, "common year");
	assert_date(date_add_days(mk(2026, 3, 1), -1), 2026, 2, 28, "-1");
	assert_date(date_add_days(mk(2026, 1, 1), 365), 2027, 1, 1, "+365");
	assert_date(date_add_days(mk(2028, 1, 1), 365), 2028, 12, 31, "+365 leap");
	assert_int_equal(date_diff_days(mk(2026, 12, 25), mk(2026, 11, 24)), 31);
	assert_int_equal(date_diff_days(mk(2026, 11, 24), mk(2026, 12, 25)), -31);
	assert_int_equal(date_diff_days(mk(2029, 1, 1), mk(2028, 1, 1)), 366);
	assert_int_equal(date_diff_days(mk(2026, 11, 24), mk(2026, 11, 24)), 0);
}

struct flow_case {
	od_date notice;
	int months;
	od_date want;
};

static void test_flow_from(void **state)
{
	static const struct flow_case cases[] = {
		/* the table of the domain brief */
		{ { 2026, 11, 24 }, 1, { 2026, 12, 25 } },
		{ { 2026, 12, 31 }, 1, { 2027, 2, 1 } },
		{ { 2027, 1, 30 }, 1, { 2027, 3, 1 } },
		{ { 2028, 1, 28 }, 1, { 2028, 2, 29 } },
		{ { 2027, 3, 31 }, 1, { 2027, 5, 1 } },
		/* one month, more edges */
		{ { 2026, 11, 30 }, 1, { 2027, 1, 1 } },
		{ { 2026, 12, 30 }, 1, { 2027, 1, 31 } },
		{ { 2027, 1, 27 }, 1, { 2027, 2, 28 } },
		{ { 2027, 1, 28 }, 1, { 2027, 3, 1 } },
		{ { 2028, 1, 29 }, 1, { 2028, 3, 1 } },
		{ { 2027, 2, 28 }, 1, { 2027, 4, 1 } },
		{ { 2028, 2, 28 }, 1, { 2028, 3, 29 } },
		{ { 2028, 2, 29 }, 1, { 2028, 4, 1 } },
		{ { 2026, 8, 30 }, 1, { 2026, 10, 1 } },
		{ { 2026, 7, 31 }, 1, { 2026, 9, 1 } },
		/* two months */
		{ { 2026, 11, 24 }, 2, { 2027, 1, 25 } },
		{ { 2026, 12, 30 }, 2, { 2027, 3, 1 } },
		{ { 2027, 12, 28 }, 2, { 2028, 2, 29 } },
		{ { 2027, 12, 29 }, 2, { 2028, 3, 1 } },
		{ { 2027, 7, 30 }, 2, { 2027, 10, 1 } },
		/* three months */
		{ { 2026, 11, 24 }, 3, { 2027, 2, 25 } },
		{ { 2026, 11, 29 }, 3, { 2027, 3, 1 } },
		{ { 2026, 11, 30 }, 3, { 2027, 3, 1 } },
		{ { 2026, 10, 30 }, 3, { 2027, 1, 31 } },
		{ { 2027, 11, 28 }, 3, { 2028, 2, 29 } },
		{ { 2027, 3, 30 }, 3, { 2027, 7, 1 } },
		/* twelve months */
		{ { 2026, 11, 24 }, 12, { 2027, 11, 25 } },
		{ { 2026, 12, 31 }, 12, { 2028, 1, 1 } },
		{ { 2027, 2, 28 }, 12, { 2028, 3, 1 } },
		{ { 2027, 2, 27 }, 12, { 2028, 2, 28 } },
		{ { 2028, 2, 28 }, 12, { 2029, 3, 1 } },
		{ { 2027, 2, 28 }, 12, { 2028, 3, 1 } },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char what[64];

		snprintf(what, sizeof what, "notice %04d-%02d-%02d + %d month(s)",
			 cases[i].notice.y, cases[i].notice.m, cases[i].notice.d, cases[i].months);
		assert_date(date_flow_from(cases[i].notice, cases[i].months), cases[i].want.y,
			    cases[i].want.m, cases[i].want.d, what);
	}
}

/* The flow-from date is never earlier than a full month's wait: it is the
 * day after the corresponding day, and always a real date. */
static void test_flow_from_every_day(void **state)
{
	od_date n;

	(void)state;
	for (n = mk(2024, 1, 1); n.y < 2029; n = date_add_days(n, 1)) {
		const od_date p = date_flow_from(n, 1);
		const long wait = date_diff_days(p, n);

		if (!date_valid(p) || wait < 29 || wait > 33)
			fail_msg("%04d-%02d-%02d -> %04d-%02d-%02d (%ld days)", n.y, n.m, n.d,
				 p.y, p.m, p.d, wait);
	}
}

static void test_format_iso(void **state)
{
	char buf[DATE_ISO_SIZE];

	(void)state;
	date_format_iso(mk(2026, 11, 24), buf);
	assert_string_equal(buf, "2026-11-24");
	date_format_iso(mk(1873, 1, 1), buf);
	assert_string_equal(buf, "1873-01-01");
	date_format_iso(mk(999, 3, 4), buf);
	assert_string_equal(buf, "0999-03-04");
	date_format_iso(mk(9999, 12, 31), buf);
	assert_string_equal(buf, "9999-12-31");
	date_format_iso(mk(2026, 2, 30), buf);
	assert_string_equal(buf, "");
}

struct era_case {
	od_date d;
	const char *want;
	char letter;
};

static const struct era_case era_cases[] = {
	{ { 2026, 11, 24 }, "令和8年11月24日", 'R' },
	{ { 2019, 5, 1 }, "令和元年5月1日", 'R' },
	{ { 2019, 12, 31 }, "令和元年12月31日", 'R' },
	{ { 2020, 1, 1 }, "令和2年1月1日", 'R' },
	{ { 2019, 4, 30 }, "平成31年4月30日", 'H' },
	{ { 1989, 1, 8 }, "平成元年1月8日", 'H' },
	{ { 1990, 1, 1 }, "平成2年1月1日", 'H' },
	{ { 1989, 1, 7 }, "昭和64年1月7日", 'S' },
	{ { 1970, 3, 2 }, "昭和45年3月2日", 'S' },
	{ { 1926, 12, 25 }, "昭和元年12月25日", 'S' },
	{ { 1926, 12, 24 }, "大正15年12月24日", 'T' },
	{ { 1912, 7, 30 }, "大正元年7月30日", 'T' },
	{ { 1912, 7, 29 }, "明治45年7月29日", 'M' },
	{ { 1873, 1, 1 }, "明治6年1月1日", 'M' },
	{ { 9999, 12, 31 }, "令和7981年12月31日", 'R' },
};

static void test_format_era(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof era_cases / sizeof era_cases[0]; i++) {
		char buf[DATE_ERA_SIZE];

		memset(buf, 'x', sizeof buf);
		if (!date_format_era(era_cases[i].d, buf, sizeof buf))
			fail_msg("no era form for %s", era_cases[i].want);
		assert_string_equal(buf, era_cases[i].want);
	}
}

static void test_format_era_refuses(void **state)
{
	char buf[DATE_ERA_SIZE];

	(void)state;
	strcpy(buf, "junk");
	/* Before the Gregorian calendar reached Japan. */
	assert_false(date_format_era(mk(1872, 12, 31), buf, sizeof buf));
	assert_string_equal(buf, "");
	assert_false(date_format_era(mk(2026, 2, 30), buf, sizeof buf));
	/* Too small a buffer fails instead of cutting a character in half. */
	strcpy(buf, "junk");
	assert_false(date_format_era(mk(2026, 11, 24), buf, 8));
	assert_string_equal(buf, "");
	assert_false(date_format_era(mk(2026, 11, 24), buf, 0));
	assert_false(date_format_era(mk(2026, 11, 24), NULL, 10));
	/* 令和年月日 are 5 three-byte characters, plus 5 digits and the NUL:
	 * 21 bytes fit, 20 do not. */
	assert_true(date_format_era(mk(2026, 11, 24), buf, 21));
	assert_string_equal(buf, "令和8年11月24日");
	assert_false(date_format_era(mk(2026, 11, 24), buf, 20));
	assert_string_equal(buf, "");
}

static void test_era_letter(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof era_cases / sizeof era_cases[0]; i++) {
		const char got = date_era_letter(era_cases[i].d);

		if (got != era_cases[i].letter)
			fail_msg("%s: letter %c, want %c", era_cases[i].want, got ? got : '0',
				 era_cases[i].letter);
	}
	assert_int_equal(date_era_letter(mk(1860, 1, 1)), 0);
	assert_int_equal(date_era_letter(mk(1500, 6, 1)), 0);
	assert_int_equal(date_era_letter(mk(2026, 2, 30)), 0);
}

struct parse_case {
	const char *text;
	date_err want;
	od_date date;
};

static void check_parse(const struct parse_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		od_date got = { -1, -1, -1 };
		const date_err e = date_parse(c[i].text, &got);

		if (e != c[i].want)
			fail_msg("\"%s\": error %d, want %d", c[i].text, (int)e, (int)c[i].want);
		if (e == DATE_OK)
			assert_date(got, c[i].date.y, c[i].date.m, c[i].date.d, c[i].text);
		else if (got.y != -1 || got.m != -1 || got.d != -1)
			fail_msg("\"%s\": output written on error", c[i].text);
	}
}

static void test_parse_accepted(void **state)
{
	static const struct parse_case cases[] = {
		{ "2026-11-24", DATE_OK, { 2026, 11, 24 } },
		{ "2026/11/24", DATE_OK, { 2026, 11, 24 } },
		{ "2026.11.24", DATE_OK, { 2026, 11, 24 } },
		{ "20261124", DATE_OK, { 2026, 11, 24 } },
		{ "2026-1-5", DATE_OK, { 2026, 1, 5 } },
		{ "2026/01/05", DATE_OK, { 2026, 1, 5 } },
		{ "2024-02-29", DATE_OK, { 2024, 2, 29 } },
		{ "2000-02-29", DATE_OK, { 2000, 2, 29 } },
		{ "1873-01-01", DATE_OK, { 1873, 1, 1 } },
		{ "9999-12-31", DATE_OK, { 9999, 12, 31 } },
		{ "S45.3.2", DATE_OK, { 1970, 3, 2 } },
		{ "S45/3/2", DATE_OK, { 1970, 3, 2 } },
		{ "S45-3-2", DATE_OK, { 1970, 3, 2 } },
		{ "S450302", DATE_OK, { 1970, 3, 2 } },
		{ "s45.3.2", DATE_OK, { 1970, 3, 2 } },
		{ "s450302", DATE_OK, { 1970, 3, 2 } },
		{ "S45.03.02", DATE_OK, { 1970, 3, 2 } },
		{ "R8.11.24", DATE_OK, { 2026, 11, 24 } },
		{ "R08.11.24", DATE_OK, { 2026, 11, 24 } },
		{ "R081124", DATE_OK, { 2026, 11, 24 } },
		{ "r8/11/24", DATE_OK, { 2026, 11, 24 } },
		{ "R1.5.1", DATE_OK, { 2019, 5, 1 } },
		{ "R1/5/1", DATE_OK, { 2019, 5, 1 } },
		{ "H31.4.30", DATE_OK, { 2019, 4, 30 } },
		{ "H1.1.8", DATE_OK, { 1989, 1, 8 } },
		{ "h4.2.29", DATE_OK, { 1992, 2, 29 } },
		{ "S64.1.7", DATE_OK, { 1989, 1, 7 } },
		{ "S1.12.25", DATE_OK, { 1926, 12, 25 } },
		{ "T15.12.24", DATE_OK, { 1926, 12, 24 } },
		{ "T1.7.30", DATE_OK, { 1912, 7, 30 } },
		{ "M45.7.29", DATE_OK, { 1912, 7, 29 } },
		{ "M6.1.1", DATE_OK, { 1873, 1, 1 } },
		{ "m060101", DATE_OK, { 1873, 1, 1 } },
		/* receipt-computer era codes: M=1 T=2 S=3 H=4 R=5 */
		{ "3450302", DATE_OK, { 1970, 3, 2 } },
		{ "5081124", DATE_OK, { 2026, 11, 24 } },
		{ "5010501", DATE_OK, { 2019, 5, 1 } },
		{ "4310430", DATE_OK, { 2019, 4, 30 } },
		{ "4010108", DATE_OK, { 1989, 1, 8 } },
		{ "3640107", DATE_OK, { 1989, 1, 7 } },
		{ "2150101", DATE_OK, { 1926, 1, 1 } },
		{ "1060101", DATE_OK, { 1873, 1, 1 } },
		/* full width, as typed with the IME on */
		{ "２０２６－１１－２４", DATE_OK, { 2026, 11, 24 } },
		{ "２０２６／１１／２４", DATE_OK, { 2026, 11, 24 } },
		{ "２０２６１１２４", DATE_OK, { 2026, 11, 24 } },
		{ "Ｒ８．１１．２４", DATE_OK, { 2026, 11, 24 } },
		{ "ｓ４５．３．２", DATE_OK, { 1970, 3, 2 } },
		{ "Ｓ４５０３０２", DATE_OK, { 1970, 3, 2 } },
		{ "３４５０３０２", DATE_OK, { 1970, 3, 2 } },
		{ "R8.１１.24", DATE_OK, { 2026, 11, 24 } },
		/* blanks around, including the ideographic space */
		{ "  2026-11-24  ", DATE_OK, { 2026, 11, 24 } },
		{ "\t20261124\n", DATE_OK, { 2026, 11, 24 } },
		{ "\xe3\x80\x80R8.11.24\xe3\x80\x80", DATE_OK, { 2026, 11, 24 } },
		{ " 3450302 ", DATE_OK, { 1970, 3, 2 } },
	};

	(void)state;
	check_parse(cases, sizeof cases / sizeof cases[0]);
}

static void test_parse_errors(void **state)
{
	static const struct parse_case cases[] = {
		{ "", DATE_ERR_EMPTY, { 0, 0, 0 } },
		{ "   ", DATE_ERR_EMPTY, { 0, 0, 0 } },
		{ "\xe3\x80\x80", DATE_ERR_EMPTY, { 0, 0, 0 } },
		{ "hello", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "2026-11", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "2026-11-24-1", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "2026-11/24", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "26-11-24", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "02026-11-24", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "2026-011-24", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "2026-11-024", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "2026 11 24", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "-2026-11-24", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "202611245", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "261124", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "R8.11", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "R8.11.24x", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "R", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "RR8.11.24", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "S45032", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "S4503022", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "2026-11-24日", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "\xff\xfe", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "X45.3.2", DATE_ERR_ERA, { 0, 0, 0 } },
		{ "x450302", DATE_ERR_ERA, { 0, 0, 0 } },
		{ "A1.1.1", DATE_ERR_ERA, { 0, 0, 0 } },
		{ "9450302", DATE_ERR_ERA, { 0, 0, 0 } },
		{ "6081124", DATE_ERR_ERA, { 0, 0, 0 } },
		{ "0450302", DATE_ERR_ERA, { 0, 0, 0 } },
		{ "H32.1.1", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "4320101", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "H31.5.1", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "S1.12.24", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "3011224", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "S64.1.8", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "R1.4.30", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "R1.2.30", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "R0.5.1", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "H0.1.1", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "T15.12.25", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "T1.7.29", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "M45.7.30", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "2026-13-01", DATE_ERR_MONTH, { 0, 0, 0 } },
		{ "2026-00-10", DATE_ERR_MONTH, { 0, 0, 0 } },
		{ "20261301", DATE_ERR_MONTH, { 0, 0, 0 } },
		{ "R8.13.1", DATE_ERR_MONTH, { 0, 0, 0 } },
		{ "S45.0.1", DATE_ERR_MONTH, { 0, 0, 0 } },
		{ "3451302", DATE_ERR_MONTH, { 0, 0, 0 } },
		{ "2026-02-30", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "2026/02/29", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "20260230", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "1900-02-29", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "2026-04-31", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "2026-01-00", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "2026-01-32", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "R8.2.30", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "H31.2.30", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "S45.2.29", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "R8.4.31", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "R8.1.0", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "5080230", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "1872-12-31", DATE_ERR_RANGE, { 0, 0, 0 } },
		{ "0001-01-01", DATE_ERR_RANGE, { 0, 0, 0 } },
		{ "00001231", DATE_ERR_RANGE, { 0, 0, 0 } },
		{ "M5.12.31", DATE_ERR_RANGE, { 0, 0, 0 } },
		{ "M1.12.1", DATE_ERR_RANGE, { 0, 0, 0 } },
		{ "1051231", DATE_ERR_RANGE, { 0, 0, 0 } },
		{ "R7982.1.1", DATE_ERR_RANGE, { 0, 0, 0 } },
	};

	(void)state;
	check_parse(cases, sizeof cases / sizeof cases[0]);
}

static void test_parse_null(void **state)
{
	od_date d;

	(void)state;
	assert_int_equal(date_parse(NULL, &d), DATE_ERR_EMPTY);
	assert_int_equal(date_parse("2026-11-24", NULL), DATE_ERR_EMPTY);
}

/* Every day from Meiji 6 to 2040 typed as an era letter form and as the
 * receipt-computer code comes back as that day; the era year is derived
 * from the first Gregorian year of each era (a fact, not the code's table). */
static void test_parse_era_round_trip(void **state)
{
	static const struct { char letter; char code; int first_year; } eras[] = {
		{ 'M', '1', 1868 }, { 'T', '2', 1912 }, { 'S', '3', 1926 },
		{ 'H', '4', 1989 }, { 'R', '5', 2019 },
	};
	od_date d;

	(void)state;
	for (d = mk(1873, 1, 1); d.y <= 2040; d = date_add_days(d, 1)) {
		const char l = date_era_letter(d);
		char text[32];
		od_date got;
		size_t i;
		int ey = -1;
		char code = 0;

		for (i = 0; i < sizeof eras / sizeof eras[0]; i++)
			if (eras[i].letter == l) {
				ey = d.y - eras[i].first_year + 1;
				code = eras[i].code;
			}
		if (ey < 1)
			fail_msg("%04d-%02d-%02d: no era letter", d.y, d.m, d.d);
		snprintf(text, sizeof text, "%c%d.%d.%d", l, ey, d.m, d.d);
		if (date_parse(text, &got) != DATE_OK || date_cmp(got, d) != 0)
			fail_msg("\"%s\" is not %04d-%02d-%02d", text, d.y, d.m, d.d);
		snprintf(text, sizeof text, "%c%02d%02d%02d", code, ey % 100, d.m, d.d);
		if (ey < 100 && (date_parse(text, &got) != DATE_OK || date_cmp(got, d) != 0))
			fail_msg("\"%s\" is not %04d-%02d-%02d", text, d.y, d.m, d.d);
	}
}

static void test_parse_kanji(void **state)
{
	static const struct parse_case cases[] = {
		/* as written on insurance cards and forms */
		{ "令和8年11月24日", DATE_OK, { 2026, 11, 24 } },
		{ "平成30年4月1日", DATE_OK, { 2018, 4, 1 } },
		{ "令和元年5月1日", DATE_OK, { 2019, 5, 1 } },
		{ "令和1年5月1日", DATE_OK, { 2019, 5, 1 } },
		{ "平成元年1月8日", DATE_OK, { 1989, 1, 8 } },
		{ "昭和45年3月2日", DATE_OK, { 1970, 3, 2 } },
		{ "昭和64年1月7日", DATE_OK, { 1989, 1, 7 } },
		{ "昭和元年12月25日", DATE_OK, { 1926, 12, 25 } },
		{ "大正15年12月24日", DATE_OK, { 1926, 12, 24 } },
		{ "大正元年7月30日", DATE_OK, { 1912, 7, 30 } },
		{ "明治45年7月29日", DATE_OK, { 1912, 7, 29 } },
		{ "明治6年1月1日", DATE_OK, { 1873, 1, 1 } },
		{ "昭和45年03月02日", DATE_OK, { 1970, 3, 2 } },
		{ "2026年11月24日", DATE_OK, { 2026, 11, 24 } },
		{ "2026年1月5日", DATE_OK, { 2026, 1, 5 } },
		/* blanks between the parts and around, full-width digits */
		{ "平成 30年 4月 1日", DATE_OK, { 2018, 4, 1 } },
		{ "令和 元年 5月 1日", DATE_OK, { 2019, 5, 1 } },
		{ "昭和\xe3\x80\x80４５年\xe3\x80\x80３月２日", DATE_OK, { 1970, 3, 2 } },
		{ "令和８年１１月２４日", DATE_OK, { 2026, 11, 24 } },
		{ "２０２６年１１月２４日", DATE_OK, { 2026, 11, 24 } },
		{ " 令和8年11月24日 ", DATE_OK, { 2026, 11, 24 } },
		{ "\xe3\x80\x80平成30年4月1日\xe3\x80\x80", DATE_OK, { 2018, 4, 1 } },
		/* the era ligatures ㍻ and ㋿ (NFKC) and an era letter */
		{ "\xe3\x8d\xbb" "30年4月1日", DATE_OK, { 2018, 4, 1 } },
		{ "\xe3\x8b\xbf" "8年11月24日", DATE_OK, { 2026, 11, 24 } },
		{ "R8年11月24日", DATE_OK, { 2026, 11, 24 } },
		{ "s45年3月2日", DATE_OK, { 1970, 3, 2 } },
	};

	(void)state;
	check_parse(cases, sizeof cases / sizeof cases[0]);
}

static void test_parse_kanji_errors(void **state)
{
	static const struct parse_case cases[] = {
		{ "平成32年1月1日", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "平成31年5月1日", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "令和元年4月30日", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "昭和0年1月1日", DATE_ERR_ERA_YEAR, { 0, 0, 0 } },
		{ "令和8年2月30日", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "2026年2月30日", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "2026年4月31日", DATE_ERR_DAY, { 0, 0, 0 } },
		{ "令和8年13月1日", DATE_ERR_MONTH, { 0, 0, 0 } },
		{ "2026年0月1日", DATE_ERR_MONTH, { 0, 0, 0 } },
		{ "明治5年12月31日", DATE_ERR_RANGE, { 0, 0, 0 } },
		{ "1872年12月31日", DATE_ERR_RANGE, { 0, 0, 0 } },
		{ "天保3年1月1日", DATE_ERR_ERA, { 0, 0, 0 } },
		{ "令和令和8年11月24日", DATE_ERR_ERA, { 0, 0, 0 } },
		{ "X8年11月24日", DATE_ERR_ERA, { 0, 0, 0 } },
		{ "45年3月2日", DATE_ERR_FORMAT, { 0, 0, 0 } },      /* no era */
		{ "元年5月1日", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "02026年11月24日", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "令和8年11月", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "令和8年11月24", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "令和8年11月24日生", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "令和8年11月24日日", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "令和8年111月24日", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "令和8月11年24日", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "令和元元年5月1日", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "令和8.11.24日", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "令和", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "山田", DATE_ERR_FORMAT, { 0, 0, 0 } },
		{ "年月日", DATE_ERR_FORMAT, { 0, 0, 0 } },
	};

	(void)state;
	check_parse(cases, sizeof cases / sizeof cases[0]);
}

/* Every day from Meiji 6 to 2040 as ICU writes it (date_format_era), with
 * and without 元年 spelled as 1年, and as the Gregorian kanji form, reads
 * back as that day. */
static void test_parse_kanji_round_trip(void **state)
{
	od_date d;

	(void)state;
	for (d = mk(1873, 1, 1); d.y <= 2040; d = date_add_days(d, 1)) {
		char text[DATE_ERA_SIZE + 8];
		char *gan;
		od_date got;

		if (!date_format_era(d, text, sizeof text))
			fail_msg("%04d-%02d-%02d: no era form", d.y, d.m, d.d);
		if (date_parse(text, &got) != DATE_OK || date_cmp(got, d) != 0)
			fail_msg("\"%s\" is not %04d-%02d-%02d", text, d.y, d.m, d.d);
		if ((gan = strstr(text, "元")) != NULL) {
			/* 元 is three bytes, 1 is one. */
			gan[0] = '1';
			memmove(gan + 1, gan + 3, strlen(gan + 3) + 1);
			if (date_parse(text, &got) != DATE_OK || date_cmp(got, d) != 0)
				fail_msg("\"%s\" is not %04d-%02d-%02d", text, d.y, d.m, d.d);
		}
		snprintf(text, sizeof text, "%d年%d月%d日", d.y, d.m, d.d);
		if (date_parse(text, &got) != DATE_OK || date_cmp(got, d) != 0)
			fail_msg("\"%s\" is not %04d-%02d-%02d", text, d.y, d.m, d.d);
	}
}

static void test_today_in_zone(void **state)
{
	/* 2026-11-24T23:45:00Z: already the 25th in Tokyo (UTC+9). */
	const long long t = 1795563900LL;
	od_date d = { -1, -1, -1 };

	(void)state;
	assert_int_equal(date_to_days(mk(2026, 11, 24)) * 86400LL + 23 * 3600 + 45 * 60, t);
	assert_true(date_today_in_zone(t, "Asia/Tokyo", &d));
	assert_date(d, 2026, 11, 25, "Tokyo");
	assert_true(date_today_in_zone(t, "UTC", &d));
	assert_date(d, 2026, 11, 24, "UTC");
	assert_true(date_today_in_zone(t, "America/New_York", &d));
	assert_date(d, 2026, 11, 24, "New York");
	/* One second before midnight in Tokyo (15:00 UTC), and midnight. */
	const long long midnight = date_to_days(mk(2026, 11, 25)) * 86400LL - 9 * 3600;
	assert_true(date_today_in_zone(midnight - 1, "Asia/Tokyo", &d));
	assert_date(d, 2026, 11, 24, "Tokyo 23:59:59");
	assert_true(date_today_in_zone(midnight, "Asia/Tokyo", &d));
	assert_date(d, 2026, 11, 25, "Tokyo 00:00:00");
	assert_true(date_today_in_zone(0, "UTC", &d));
	assert_date(d, 1970, 1, 1, "epoch");
	/* Unknown zones are refused, not read as GMT; out is left alone. */
	d = mk(-1, -1, -1);
	assert_false(date_today_in_zone(t, "Not/AZone", &d));
	assert_false(date_today_in_zone(t, "Etc/Unknown", &d));
	assert_false(date_today_in_zone(t, "", &d));
	assert_false(date_today_in_zone(t, NULL, &d));
	assert_date(d, -1, -1, -1, "refused");
	assert_false(date_today_in_zone(t, "Asia/Tokyo", NULL));
	/* Before the desk's calendar and past year 9999. */
	assert_false(date_today_in_zone(-4000000000LL, "UTC", &d));
	assert_false(date_today_in_zone(300000000000LL, "UTC", &d));
}

static void test_zone_valid(void **state)
{
	(void)state;
	assert_true(date_zone_valid("Asia/Tokyo"));
	assert_true(date_zone_valid("UTC"));
	assert_true(date_zone_valid("Europe/London"));
	assert_false(date_zone_valid("Not/AZone"));
	assert_false(date_zone_valid("asia/tokio"));
	assert_false(date_zone_valid("Etc/Unknown"));
	assert_false(date_zone_valid("GMT+9"));
	assert_false(date_zone_valid(""));
	assert_false(date_zone_valid(NULL));
}

static void test_is_future(void **state)
{
	(void)state;
	assert_true(date_is_future(mk(2026, 11, 25), mk(2026, 11, 24)));
	assert_false(date_is_future(mk(2026, 11, 24), mk(2026, 11, 24)));
	assert_false(date_is_future(mk(1970, 3, 2), mk(2026, 11, 24)));
}

static void test_err_messages(void **state)
{
	static const date_err errs[] = {
		DATE_ERR_EMPTY, DATE_ERR_FORMAT, DATE_ERR_ERA, DATE_ERR_ERA_YEAR,
		DATE_ERR_MONTH, DATE_ERR_DAY, DATE_ERR_RANGE,
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof errs / sizeof errs[0]; i++) {
		const char *m = date_err_message(errs[i]);

		assert_non_null(m);
		assert_true(strlen(m) > 10);
		assert_null(strchr(m, '%'));  /* no arguments: the caller cannot pass any */
		for (j = 0; j < i; j++)
			assert_string_not_equal(m, date_err_message(errs[j]));
	}
	/* The messages staff see name the forms that work. */
	assert_non_null(strstr(date_err_message(DATE_ERR_FORMAT), "2026-11-24"));
	assert_non_null(strstr(date_err_message(DATE_ERR_FORMAT), "R8.11.24"));
	assert_non_null(strstr(date_err_message(DATE_ERR_FORMAT), "3450302"));
	assert_non_null(strstr(date_err_message(DATE_ERR_EMPTY), "R8.11.24"));
	/* ... including the one on insurance cards. */
	assert_non_null(strstr(date_err_message(DATE_ERR_FORMAT), "令和8年11月24日"));
	assert_non_null(strstr(date_err_message(DATE_ERR_EMPTY), "令和8年11月24日"));
	assert_non_null(strstr(date_err_message(DATE_ERR_ERA), "令和"));
	assert_non_null(strstr(date_err_message(DATE_ERR_ERA_YEAR), "平成31年4月30日"));
	assert_non_null(strstr(date_err_message(DATE_ERR_ERA), "H=4"));
	assert_non_null(strstr(date_err_message(DATE_ERR_DAY), "no such day"));
	assert_non_null(strstr(date_err_message(DATE_ERR_MONTH), "1 to 12"));
	assert_non_null(strstr(date_err_message(DATE_ERR_RANGE), "1873-01-01"));
	assert_non_null(date_err_message((date_err)99));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_and_month_lengths),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_days_known_values),
		cmocka_unit_test(test_days_every_day),
		cmocka_unit_test(test_add_and_diff),
		cmocka_unit_test(test_flow_from),
		cmocka_unit_test(test_flow_from_every_day),
		cmocka_unit_test(test_format_iso),
		cmocka_unit_test(test_format_era),
		cmocka_unit_test(test_format_era_refuses),
		cmocka_unit_test(test_era_letter),
		cmocka_unit_test(test_parse_accepted),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_null),
		cmocka_unit_test(test_parse_era_round_trip),
		cmocka_unit_test(test_parse_kanji),
		cmocka_unit_test(test_parse_kanji_errors),
		cmocka_unit_test(test_parse_kanji_round_trip),
		cmocka_unit_test(test_today_in_zone),
		cmocka_unit_test(test_zone_valid),
		cmocka_unit_test(test_is_future),
		cmocka_unit_test(test_err_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
