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

/* The number prefix is in the key form the store keeps in number_key
 * (text_number_key), whatever width the clinic pads numbers to. */
static void test_number_key_form(void **state)
{
	(void)state;
	patient_query q;
	char key[TEXT_NUMBER_MAX + 1];
	assert_true(query_parse("0001", &q));
	assert_true(q.by_number);
	assert_string_equal(q.number, "1");
	assert_false(q.by_key);
	assert_true(text_number_key("0001", key, sizeof key));
	assert_string_equal(q.number, key);
	assert_true(query_parse("００１２", &q));
	assert_true(q.by_number);
	assert_string_equal(q.number, "12");
	assert_true(query_parse(" 0012 ", &q));
	assert_string_equal(q.number, "12");
	assert_true(query_parse("0", &q));
	assert_true(q.by_number);
	assert_string_equal(q.number, "0");
	/* Letters: upper case, zeros after them kept, as in the key. */
	assert_true(query_parse("abc-01", &q));
	assert_true(q.by_number);
	assert_string_equal(q.number, "ABC-01");
	assert_true(text_number_key("ABC-01", key, sizeof key));
	assert_string_equal(q.number, key);
	/* Letters alone are a name typed in romaji, not a number. */
	assert_true(query_parse("abc", &q));
	assert_false(q.by_number);
	assert_true(q.by_key);
	/* Not a number at all. */
	assert_true(query_parse("12 34", &q));
	assert_false(q.by_number);
}

/* Dates as written on insurance cards, typed into the search field. */
static void test_kanji_birth(void **state)
{
	(void)state;
	patient_query q;
	assert_true(query_parse("昭和45年3月2日", &q));
	assert_birth(&q, 1970, 3, 2);
	assert_false(q.by_number);
	assert_false(q.by_key);
	assert_true(query_parse("令和元年5月1日", &q));
	assert_birth(&q, 2019, 5, 1);
	assert_true(query_parse("平成 30年 4月 1日", &q));
	assert_birth(&q, 2018, 4, 1);
	assert_false(q.by_key);
	assert_true(query_parse("１９７０年３月２日", &q));
	assert_birth(&q, 1970, 3, 2);
	assert_false(q.by_number);
	/* Not a date: searched as a name. */
	assert_true(query_parse("平成32年1月1日", &q));
	assert_false(q.by_birth);
	assert_true(q.by_key);
	assert_true(query_parse("昭和", &q));
	assert_false(q.by_birth);
	assert_true(q.by_key);
}

/* A surname's variant kanji meet in the name key. */
static void test_variant_kanji_name(void **state)
{
	(void)state;
	patient_query q;
	assert_true(query_parse("髙橋", &q));
	assert_true(q.by_key);
	assert_string_equal(q.key, "高橋");
	assert_true(query_parse("渡邉", &q));
	assert_string_equal(q.key, "渡辺");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_era_coded_birth),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_number_key_form),
		cmocka_unit_test(test_kanji_birth),
		cmocka_unit_test(test_variant_kanji_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
