/* core/text: search keys that fold kana and width, validation of names,
 * kana and notes, and the safe, width-aware display of outside text. */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/text.h"

static void key_is(const char *in, const char *want)
{
	char out[TEXT_KEY_SIZE];
	if (!text_search_key(in, out, sizeof out))
		fail_msg("no key for \"%s\"", in);
	if (strcmp(out, want) != 0)
		fail_msg("key of \"%s\" is \"%s\", want \"%s\"", in, out, want);
}

static void test_key_kana_folding(void **state)
{
	(void)state;
	/* Katakana, hiragana and half-width katakana meet in one key. */
	key_is("ヤマダ", "やまだ");
	key_is("やまだ", "やまだ");
	key_is("ﾔﾏﾀﾞ", "やまだ");
	key_is("ｻﾄｳ ﾊﾅｺ", "さとうはなこ");
	key_is("ヤマダ　タロウ", "やまだたろう");  /* U+3000 between names */
	key_is("ヴァイオリン", "ゔぁいおりん");
	key_is("ﾊﾟﾊﾟ", "ぱぱ");
	/* The long vowel mark stays (it is part of the name). */
	key_is("ジョージ", "じょーじ");
	key_is("ｼﾞｮｰｼﾞ", "じょーじ");
}

static void test_key_width_and_case(void **state)
{
	(void)state;
	key_is("ＹＡＭＡＤＡ", "yamada");
	key_is("Yamada", "yamada");
	key_is("１２３４", "1234");
	key_is("山田 太郎", "山田太郎");
	key_is("", "");
}

static void test_key_prefix_matches(void **state)
{
	(void)state;
	/* What is typed first is a prefix of the stored key. */
	char full[TEXT_KEY_SIZE], typed[TEXT_KEY_SIZE];
	assert_true(text_search_key("ヤマダ タロウ", full, sizeof full));
	assert_true(text_search_key("やま", typed, sizeof typed));
	assert_int_equal(strncmp(full, typed, strlen(typed)), 0);
	assert_true(text_search_key("ﾔﾏﾀﾞ ﾀ", typed, sizeof typed));
	assert_int_equal(strncmp(full, typed, strlen(typed)), 0);
}

static void test_key_refuses_bad_input(void **state)
{
	(void)state;
	char out[8];
	assert_false(text_search_key("\xff\xfe", out, sizeof out));
	/* Does not fit: no partial key. */
	assert_false(text_search_key("やまだたろう", out, sizeof out));
	assert_string_equal(out, "");
}

static void test_check(void **state)
{
	(void)state;
	assert_int_equal(text_check("山田 太郎", TEXT_NAME_MAX, true), TEXT_OK);
	assert_int_equal(text_check("", TEXT_NAME_MAX, true), TEXT_EMPTY);
	assert_int_equal(text_check(" 　", TEXT_NAME_MAX, true), TEXT_EMPTY);
	assert_int_equal(text_check("", TEXT_NAME_MAX, false), TEXT_OK);
	assert_int_equal(text_check(NULL, TEXT_NAME_MAX, false), TEXT_OK);
	assert_int_equal(text_check("山田\x1b[31m", TEXT_NAME_MAX, true), TEXT_CONTROL);
	assert_int_equal(text_check("a\nb", TEXT_NOTE_MAX, true), TEXT_CONTROL);
	assert_int_equal(text_check("a\tb", TEXT_NOTE_MAX, true), TEXT_CONTROL);
	assert_int_equal(text_check("a\x7f", TEXT_NOTE_MAX, true), TEXT_CONTROL);
	assert_int_equal(text_check("a\xc2\x85", TEXT_NOTE_MAX, true), TEXT_CONTROL);   /* NEL */
	assert_int_equal(text_check("abc\xe2\x80\xae" "evil", TEXT_NOTE_MAX, true), TEXT_CONTROL); /* RLO */
	assert_int_equal(text_check("a\xe2\x80\xa8", TEXT_NOTE_MAX, true), TEXT_CONTROL); /* LS */
	assert_int_equal(text_check("\xe5\xb1", TEXT_NAME_MAX, true), TEXT_BAD_UTF8);
	assert_int_equal(text_check("\xc0\xaf", TEXT_NAME_MAX, true), TEXT_BAD_UTF8);
	assert_non_null(text_err_message(TEXT_TOO_LONG));
	assert_non_null(text_err_message(TEXT_CONTROL));
}

static void test_length_in_characters(void **state)
{
	(void)state;
	/* Three kanji are 9 bytes but 3 characters. */
	assert_int_equal(text_chars("山田太"), 3);
	assert_int_equal(text_check("山田太", 3, true), TEXT_OK);
	assert_int_equal(text_check("山田太郎", 3, true), TEXT_TOO_LONG);
	char name[TEXT_NAME_MAX * 3 + 4] = "";
	for (int i = 0; i < TEXT_NAME_MAX; i++)
		strcat(name, "あ");
	assert_int_equal(text_check(name, TEXT_NAME_MAX, true), TEXT_OK);
	strcat(name, "あ");
	assert_int_equal(text_check(name, TEXT_NAME_MAX, true), TEXT_TOO_LONG);
}

static void test_check_kana(void **state)
{
	(void)state;
	assert_int_equal(text_check_kana("ヤマダ タロウ", TEXT_NAME_MAX, true), TEXT_OK);
	assert_int_equal(text_check_kana("やまだ　たろう", TEXT_NAME_MAX, true), TEXT_OK);
	assert_int_equal(text_check_kana("ﾔﾏﾀﾞ ﾀﾛｳ", TEXT_NAME_MAX, true), TEXT_OK);
	assert_int_equal(text_check_kana("ジョージ・スミス", TEXT_NAME_MAX, true), TEXT_OK);
	assert_int_equal(text_check_kana("山田", TEXT_NAME_MAX, true), TEXT_NOT_KANA);
	assert_int_equal(text_check_kana("yamada", TEXT_NAME_MAX, true), TEXT_NOT_KANA);
	assert_int_equal(text_check_kana("", TEXT_NAME_MAX, true), TEXT_EMPTY);
	assert_int_equal(text_check_kana("ヤマダ\x1b", TEXT_NAME_MAX, true), TEXT_CONTROL);
}

static void test_width_and_fit(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("山田"), 4);
	assert_int_equal(text_width("ﾔﾏﾀﾞ"), 4);
	/* A wide glyph is never cut: 5 columns hold two kanji, not 2.5. */
	assert_int_equal(text_fit("山田太郎", 5, out, sizeof out), 4);
	assert_string_equal(out, "山田");
	assert_int_equal(text_fit("a山田", 4, out, sizeof out), 3);
	assert_string_equal(out, "a山");
	assert_int_equal(text_fit("山田", 0, out, sizeof out), 0);
	assert_string_equal(out, "");
	/* Nor is a character cut by a small buffer. */
	assert_int_equal(text_fit("山田", 10, out, 5), 2);
	assert_string_equal(out, "山");
}

static void test_sanitize(void **state)
{
	(void)state;
	char out[128];
	/* An escape sequence in a name never reaches the terminal. */
	text_sanitize("山田\x1b[2J太郎", out, sizeof out);
	assert_string_equal(out, "山田^[[2J太郎");
	assert_null(strchr(out, 0x1b));
	text_sanitize("a\nb\tc\x7f", out, sizeof out);
	assert_string_equal(out, "a^Jb^Ic^?");
	text_sanitize("bad\xff!", out, sizeof out);
	assert_string_equal(out, "bad\xef\xbf\xbd!");
	text_sanitize("\xc2\x9b" "31m", out, sizeof out);       /* C1 CSI */
	assert_string_equal(out, "\xef\xbf\xbd" "31m");
	assert_int_equal(text_width("a\x1b"), 3);
	/* Placeholders count in the fit. */
	assert_int_equal(text_fit("\x1b\x1b", 3, out, sizeof out), 2);
	assert_string_equal(out, "^[");
}

int main(void)
{
	/* Widths are the terminal's: wcwidth under a UTF-8 locale. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "en_US.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_kana_folding),
		cmocka_unit_test(test_key_width_and_case),
		cmocka_unit_test(test_key_prefix_matches),
		cmocka_unit_test(test_key_refuses_bad_input),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_length_in_characters),
		cmocka_unit_test(test_check_kana),
		cmocka_unit_test(test_width_and_fit),
		cmocka_unit_test(test_sanitize),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
