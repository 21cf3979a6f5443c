/* core/report: the periods and their buckets, the staff rows (with the
 * overflow row), the sums by channel and kind, shares and the block bars
 * the screens draw. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "tests/unit/helpers.h"

#include "core/report.h"

static report_counts *made(report_span span, od_date anchor)
{
	report_counts *r = malloc(sizeof *r);
	assert_non_null(r);
	report_init(r, span, anchor);
	return r;
}

static void test_periods(void **state)
{
	(void)state;
	report_counts *r = made(REPORT_MONTH, mk(2028, 2, 17));
	assert_date(r->from, 2028, 2, 1);
	assert_date(r->to, 2028, 2, 29);
	assert_int_equal(r->nbuckets, 29);
	assert_int_equal(report_bucket(r, mk(2028, 2, 29)), 28);
	assert_int_equal(report_bucket(r, mk(2028, 3, 1)), -1);
	assert_date(report_step(r, -1), 2028, 1, 1);
	assert_date(report_step(r, 11), 2029, 1, 1);
	report_init(r, REPORT_YEAR, mk(2026, 11, 24));
	assert_int_equal(r->nbuckets, 12);
	assert_int_equal(report_bucket(r, mk(2026, 11, 24)), 10);
	assert_date(report_bucket_date(r, 10), 2026, 11, 1);
	report_init(r, REPORT_DAY, mk(2026, 12, 31));
	assert_date(report_step(r, 1), 2027, 1, 1);
	assert_int_equal(report_bucket(r, mk(2026, 12, 30)), -1);
	free(r);
}

static void test_counts(void **state)
{
	(void)state;
	report_counts *r = made(REPORT_MONTH, mk(2026, 11, 1));
	report_row stop = { .ev = REV_STOP, .date = mk(2026, 11, 3), .staff = "花子",
	                    .kind = REQ_GUARDIAN, .ch = CH_PHONE, .n = 2 };
	assert_true(report_add(r, &stop));
	report_row notice = { .ev = REV_NOTICE, .date = mk(2026, 11, 24), .staff = "",
	                      .kind = REQ_SELF, .n = 3 };
	assert_true(report_add(r, &notice));
	report_row outside = notice;
	outside.date = mk(2026, 12, 1);
	assert_false(report_add(r, &outside));
	report_row bad = stop;
	bad.ch = CH_COUNT;
	assert_false(report_add(r, &bad));
	assert_int_equal(report_sum(&r->total, REV_STOP), 2);
	assert_int_equal(report_sum_channel(&r->total, REV_STOP, CH_PHONE), 2);
	assert_int_equal(report_sum_kind(&r->total, REV_STOP, REQ_GUARDIAN), 2);
	assert_int_equal(report_sum(&r->total, REV_NOTICE), 3);
	assert_int_equal(report_sum(&r->bucket[2], REV_STOP), 2);
	assert_int_equal(report_bucket_max(r, REV_NOTICE), 3);
	assert_int_equal(r->nstaff, 2);
	assert_string_equal(r->staff[0].name, "花子");
	assert_string_equal(r->staff[1].name, "");
	free(r);
}

/* More names than rows: the last row takes the rest, and says so. */
static void test_staff_overflow(void **state)
{
	(void)state;
	report_counts *r = made(REPORT_DAY, mk(2026, 11, 24));
	char name[16];
	for (int i = 0; i < REPORT_STAFF_MAX + 5; i++) {
		snprintf(name, sizeof name, "staff%d", i);
		report_row row = { .ev = REV_PRINT, .date = mk(2026, 11, 24), .staff = name, .n = 1 };
		assert_true(report_add(r, &row));
	}
	assert_int_equal(r->nstaff, REPORT_STAFF_MAX);
	assert_true(r->staff[REPORT_STAFF_MAX - 1].others);
	assert_int_equal(r->staff[REPORT_STAFF_MAX - 1].t.prints, 6);
	assert_int_equal(r->total.prints, REPORT_STAFF_MAX + 5);
	free(r);
}

static void test_parse(void **state)
{
	(void)state;
	od_date d;
	assert_true(report_parse_month("2026-11", &d));
	assert_date(d, 2026, 11, 1);
	assert_true(report_parse_month("２０２６／０３", &d));
	assert_date(d, 2026, 3, 1);
	assert_false(report_parse_month("2026-13", &d));
	assert_false(report_parse_month("2026-11-01", &d));
	assert_false(report_parse_month("26-11", &d));
	assert_true(report_parse_year("2026", &d));
	assert_date(d, 2026, 1, 1);
	assert_false(report_parse_year("20261", &d));
	assert_false(report_parse_year("1800", &d));
	assert_false(report_parse_year("", &d));
}

static void test_share_and_bar(void **state)
{
	(void)state;
	assert_int_equal(report_share_tenths(1, 3), 333);
	assert_int_equal(report_share_tenths(2, 3), 667);
	assert_int_equal(report_share_tenths(0, 0), 0);
	char bar[128];
	assert_int_equal(report_bar(10, 10, 4, bar, sizeof bar), 4);
	assert_string_equal(bar, "████");
	assert_int_equal(report_bar(1, 16, 4, bar, sizeof bar), 1);
	assert_string_equal(bar, "▎");         /* two eighths of a column */
	assert_int_equal(report_bar(1, 1000, 4, bar, sizeof bar), 1);
	assert_string_equal(bar, "▏");         /* never nothing for a count */
	assert_int_equal(report_bar(0, 10, 4, bar, sizeof bar), 0);
	assert_string_equal(bar, "");
	assert_int_equal(report_bar(5, 10, 3, bar, sizeof bar), 2);
	assert_string_equal(bar, "█▌");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_staff_overflow),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_share_and_bar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
