/* core/age: birthdays with the 29 February rule, completed years, and the
 * "under 16" test that decides who may act for a patient. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "tests/unit/helpers.h"

#include "core/age.h"

static void test_birthday_plain(void **state)
{
	(void)state;
	assert_date(age_birthday(mk(2010, 11, 24), 16), 2026, 11, 24);
	assert_date(age_birthday(mk(2010, 11, 24), 0), 2010, 11, 24);
	assert_date(age_birthday(mk(1970, 3, 2), 20), 1990, 3, 2);
	assert_date(age_birthday(mk(2010, 2, 28), 1), 2011, 2, 28);
	assert_date(age_birthday(mk(2010, 3, 1), 2), 2012, 3, 1);
	assert_date(age_birthday(mk(2010, 12, 31), 16), 2026, 12, 31);
}

static void test_birthday_29_february(void **state)
{
	(void)state;
	/* Leap-year birthdays stay on 29 February... */
	assert_date(age_birthday(mk(2008, 2, 29), 16), 2024, 2, 29);
	assert_date(age_birthday(mk(2012, 2, 29), 16), 2028, 2, 29);
	assert_date(age_birthday(mk(2000, 2, 29), 4), 2004, 2, 29);
	/* ...and fall on 1 March in common years (2100 is one). */
	assert_date(age_birthday(mk(2000, 2, 29), 17), 2017, 3, 1);
	assert_date(age_birthday(mk(2000, 2, 29), 1), 2001, 3, 1);
	assert_date(age_birthday(mk(2084, 2, 29), 16), 2100, 3, 1);
}

static void test_birthday_invalid(void **state)
{
	(void)state;
	/* 2009 is not a leap year: nobody was born on 2009-02-29. */
	assert_false(date_valid(mk(2009, 2, 29)));
	assert_false(date_valid(age_birthday(mk(2009, 2, 29), 16)));
	assert_false(date_valid(age_birthday(mk(2010, 13, 1), 16)));
	assert_false(date_valid(age_birthday(mk(2010, 11, 24), -1)));
	assert_false(date_valid(age_birthday(mk(9990, 1, 1), 16)));
}

static void test_years(void **state)
{
	(void)state;
	assert_int_equal(age_years(mk(2010, 11, 24), mk(2026, 11, 23)), 15);
	assert_int_equal(age_years(mk(2010, 11, 24), mk(2026, 11, 24)), 16);
	assert_int_equal(age_years(mk(2010, 11, 24), mk(2026, 11, 25)), 16);
	assert_int_equal(age_years(mk(2010, 11, 24), mk(2010, 11, 24)), 0);
	assert_int_equal(age_years(mk(2010, 11, 24), mk(2011, 11, 23)), 0);
	assert_int_equal(age_years(mk(2010, 11, 24), mk(2011, 11, 24)), 1);
	assert_int_equal(age_years(mk(1926, 12, 25), mk(2026, 12, 25)), 100);
	/* asof before birth */
	assert_int_equal(age_years(mk(2010, 11, 24), mk(2010, 11, 23)), -1);
	assert_int_equal(age_years(mk(2010, 11, 24), mk(2000, 1, 1)), -1);
	/* impossible dates */
	assert_int_equal(age_years(mk(2009, 2, 29), mk(2026, 1, 1)), -1);
	assert_int_equal(age_years(mk(2010, 1, 1), mk(2026, 2, 30)), -1);
}

static void test_years_29_february(void **state)
{
	(void)state;
	assert_int_equal(age_years(mk(2000, 2, 29), mk(2017, 2, 28)), 16);
	assert_int_equal(age_years(mk(2000, 2, 29), mk(2017, 3, 1)), 17);
	assert_int_equal(age_years(mk(2000, 2, 29), mk(2016, 2, 28)), 15);
	assert_int_equal(age_years(mk(2000, 2, 29), mk(2016, 2, 29)), 16);
	assert_int_equal(age_years(mk(2008, 2, 29), mk(2024, 2, 28)), 15);
	assert_int_equal(age_years(mk(2008, 2, 29), mk(2024, 2, 29)), 16);
	assert_int_equal(age_years(mk(2012, 2, 29), mk(2028, 2, 28)), 15);
	assert_int_equal(age_years(mk(2012, 2, 29), mk(2028, 2, 29)), 16);
}

static void test_under16(void **state)
{
	(void)state;
	assert_true(age_under16(mk(2010, 11, 24), mk(2026, 11, 23)));
	assert_false(age_under16(mk(2010, 11, 24), mk(2026, 11, 24)));
	assert_false(age_under16(mk(2010, 11, 24), mk(2030, 1, 1)));
	assert_true(age_under16(mk(2010, 11, 24), mk(2010, 11, 24)));
	assert_true(age_under16(mk(2010, 11, 24), mk(2020, 6, 1)));
	/* 29 February births */
	assert_true(age_under16(mk(2008, 2, 29), mk(2024, 2, 28)));
	assert_false(age_under16(mk(2008, 2, 29), mk(2024, 2, 29)));
	assert_true(age_under16(mk(2012, 2, 29), mk(2028, 2, 28)));
	assert_false(age_under16(mk(2012, 2, 29), mk(2028, 2, 29)));
	assert_true(age_under16(mk(2011, 2, 28), mk(2027, 2, 27)));
	assert_false(age_under16(mk(2011, 2, 28), mk(2027, 2, 28)));
	/* unknown or impossible birth: fail closed, treated as under 16 */
	assert_true(age_under16(mk(2009, 2, 29), mk(2030, 1, 1)));
	assert_true(age_under16(mk(0, 0, 0), mk(2030, 1, 1)));
	assert_true(age_under16(mk(1970, 1, 1), mk(2026, 2, 30)));
}

/* A 29 February birth in a common 16th year: under 16 up to and including
 * 28 February, 16 from 1 March (the birthday "counts as 1 March"). */
static void test_under16_common_year(void **state)
{
	(void)state;
	assert_true(age_under16(mk(2004, 2, 29), mk(2020, 2, 28)));  /* 2020 leap */
	assert_false(age_under16(mk(2004, 2, 29), mk(2020, 2, 29)));
	assert_true(age_under16(mk(2084, 2, 29), mk(2100, 2, 28)));  /* 2100 common */
	assert_false(age_under16(mk(2084, 2, 29), mk(2100, 3, 1)));
	assert_int_equal(age_years(mk(2084, 2, 29), mk(2100, 2, 28)), 15);
	assert_int_equal(age_years(mk(2084, 2, 29), mk(2100, 3, 1)), 16);
}

/* age_under16 agrees with age_years < 16 on every day around the 16th
 * birthday, for births on every day of a leap year and a common year. */
static void test_under16_agrees_with_years(void **state)
{
	od_date b;

	(void)state;
	for (b = mk(2007, 1, 1); b.y < 2009; b = date_add_days(b, 1)) {
		od_date a;

		for (a = date_add_days(age_birthday(b, 16), -3);
		     date_cmp(a, date_add_days(age_birthday(b, 16), 3)) <= 0;
		     a = date_add_days(a, 1)) {
			if (age_under16(b, a) != (age_years(b, a) < 16))
				fail_msg("born %04d-%02d-%02d, as of %04d-%02d-%02d", b.y, b.m,
					 b.d, a.y, a.m, a.d);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_birthday_plain),
		cmocka_unit_test(test_birthday_29_february),
		cmocka_unit_test(test_birthday_invalid),
		cmocka_unit_test(test_years),
		cmocka_unit_test(test_years_29_february),
		cmocka_unit_test(test_under16),
		cmocka_unit_test(test_under16_common_year),
		cmocka_unit_test(test_under16_agrees_with_years),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
