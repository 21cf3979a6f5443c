/* core/query: what the search field's text is taken to mean. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/query.h"

static void assert_birth(const patient_query *q, int y, int m, int d)
{
	assert_true(q->by_birth);
	if (q->birth.y != y || q->birth.m != m || q->birth.d != d)
		fail_msg("birth %d-%d-%d, want %d-%d-%d", q->birth.y, q->birth.m, q->birth.d, y, m, d);
}

static void test_number(void **state)
{
	(void)state;
	patient_query q;
	assert_true(query_parse("1001", &q));
	assert_true(q.by_number);
	assert_string_equal(q.number, "1001");
	assert_false(q.by_key);
	/* Full-width digits typed with the input method on. */
	assert_true(query_parse("１００１", &q));
	assert_true(q.by_number);
	assert_string_equal(q.number, "1001");
	/* Numbers with letters and hyphens are searched as numbers too. */
	assert_true(query_parse("a-12", &q));
	assert_true(q.by_number);
	assert_string_equal(q.number, "A-12");
	assert_true(q.by_key);
}

static void test_era_coded_birth(void **state)
{
	(void)state;
	patient_query q;
	/* 3450302: a number prefix and 昭和45年3月2日 at once. */
	assert_true(query_parse("3450302", &q));
	assert_true(q.by_number);
	assert_birth(&q, 1970, 3, 2);
	assert_true(query_parse("S45.3.2", &q));
	assert_false(q.by_number);
	assert_false(q.by_key);
	assert_birth(&q, 1970, 3, 2);
	assert_true(query_parse("1970-03-02", &q));
	assert_birth(&q, 1970, 3, 2);
	assert_true(query_parse("R8.11.24", &q));
	assert_birth(&q, 2026, 11, 24);
}

static void test_names(void **state)
{
	(void)state;
	patient_query q;
	assert_true(query_parse("やまだ", &q));
	assert_true(q.by_key);
	assert_false(q.by_number);
	assert_false(q.by_birth);
	assert_string_equal(q.key, "やまだ");
	assert_true(query_parse("ヤマダ　タ", &q));
	assert_string_equal(q.key, "やまだた");
	assert_true(query_parse("山田", &q));
	assert_string_equal(q.key, "山田");
}

static void test_empty(void **state)
{
	(void)state;
	patient_query q;
	assert_false(query_parse("", &q));
	assert_false(query_parse("  　", &q));
	assert_false(query_parse(NULL, &q));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_era_coded_birth),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
