/* core/refcode: random reference codes whose check character catches every
 * single wrong character and every swap of neighbours when typed back. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/refcode.h"

static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTVWXY";

static void test_form(void **state)
{
	(void)state;
	for (int i = 0; i < 200; i++) {
		char code[REFCODE_SIZE], canon[REFCODE_SIZE];
		refcode_new(i % 2 ? 'R' : 'N', code);
		assert_int_equal(strlen(code), 11);
		assert_int_equal(code[0], i % 2 ? 'R' : 'N');
		assert_int_equal(code[1], '-');
		assert_int_equal(code[6], '-');
		for (int k = 2; k < 11; k++)
			if (k != 6 && strchr(alphabet, code[k]) == NULL)
				fail_msg("%s has %c, not in the alphabet", code, code[k]);
		assert_true(refcode_normalize(code, canon));
		assert_string_equal(canon, code);
	}
}

static void test_random(void **state)
{
	(void)state;
	char a[REFCODE_SIZE], b[REFCODE_SIZE];
	int same = 0;
	for (int i = 0; i < 100; i++) {
		refcode_new('N', a);
		refcode_new('N', b);
		same += strcmp(a, b) == 0;
	}
	assert_int_equal(same, 0);
}

static void test_typed_forms(void **state)
{
	(void)state;
	char code[REFCODE_SIZE], typed[64], canon[REFCODE_SIZE];
	refcode_new('N', code);
	/* Lower case, no hyphens, spaces anywhere. */
	for (size_t i = 0, o = 0; i <= strlen(code); i++)
		if (code[i] != '-')
			typed[o++] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32 : code[i]);
	assert_true(refcode_normalize(typed, canon));
	assert_string_equal(canon, code);
	snprintf(typed, sizeof typed, " %.6s %s ", code, code + 6);
	assert_true(refcode_normalize(typed, canon));
	assert_string_equal(canon, code);
	/* Full width, as typed with the input method on, and ー for "-". */
	char *p = typed;
	for (size_t i = 0; i < strlen(code); i++) {
		unsigned c = (unsigned char)code[i];
		unsigned cp = c == '-' ? 0x30FC : c + 0xFEE0;   /* FF01..FF5E */
		*p++ = (char)(0xE0 | (cp >> 12));
		*p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*p++ = (char)(0x80 | (cp & 0x3F));
	}
	*p = '\0';
	assert_true(refcode_normalize(typed, canon));
	assert_string_equal(canon, code);
}

static void test_rejects(void **state)
{
	(void)state;
	char canon[REFCODE_SIZE];
	assert_false(refcode_normalize("", canon));
	assert_false(refcode_normalize(NULL, canon));
	assert_false(refcode_normalize("N-7K3M", canon));
	assert_false(refcode_normalize("hello world", canon));
	assert_false(refcode_normalize("N-7K3M-Q9PXX", canon));
	assert_false(refcode_normalize("N-0O1I-LUZ2", canon));
	assert_false(refcode_normalize("1001", canon));
}

/* Every single substitution and every neighbour swap of many codes is
 * caught: the check is a weighted sum modulo the prime 29. */
static void test_check_catches_typos(void **state)
{
	(void)state;
	for (int n = 0; n < 300; n++) {
		char code[REFCODE_SIZE], canon[REFCODE_SIZE], bad[REFCODE_SIZE];
		refcode_new(n % 2 ? 'R' : 'N', code);
		/* Positions of the characters after the prefix. */
		static const int pos[] = { 2, 3, 4, 5, 7, 8, 9, 10 };
		for (size_t i = 0; i < 8; i++) {
			for (const char *a = alphabet; *a; a++) {
				if (*a == code[pos[i]])
					continue;
				memcpy(bad, code, sizeof bad);
				bad[pos[i]] = *a;
				if (refcode_normalize(bad, canon))
					fail_msg("%s accepted for %s", bad, code);
			}
			if (i + 1 < 8 && code[pos[i]] != code[pos[i + 1]]) {
				memcpy(bad, code, sizeof bad);
				bad[pos[i]] = code[pos[i + 1]];
				bad[pos[i + 1]] = code[pos[i]];
				if (refcode_normalize(bad, canon))
					fail_msg("swap %s accepted for %s", bad, code);
			}
		}
		/* A notice code typed as a receipt's is not accepted either. */
		memcpy(bad, code, sizeof bad);
		bad[0] = code[0] == 'N' ? 'R' : 'N';
		assert_false(refcode_normalize(bad, canon));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_typed_forms),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_check_catches_typos),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
