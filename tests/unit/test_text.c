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

static void test_key_variant_kanji(void **state)
{
	(void)state;
	/* Registers and insurance cards spell these surnames either way. */
	key_is("髙橋", "高橋");
	key_is("山﨑", "山崎");
	key_is("渡邊", "渡辺");
	key_is("渡邉", "渡辺");
	key_is("齋藤", "斉藤");
	key_is("齊藤", "斉藤");
	key_is("斎藤", "斉藤");
	key_is("斉藤", "斉藤");
	key_is("濵田", "浜田");
	key_is("濱田", "浜田");
	key_is("德永", "徳永");
	key_is("冨田", "富田");
	key_is("曻", "昇");
	key_is("櫻井", "桜井");
	key_is("澤田", "沢田");
	key_is("大嶋", "大島");
	key_is("國分", "国分");
	/* The forms that are already the target stay. */
	key_is("高橋 花子", "高橋花子");
	/* Width and kana folding still apply around them. */
	key_is("髙橋 ﾊﾅｺ", "高橋はなこ");
}

static void test_key_variation_selectors(void **state)
{
	(void)state;
	/* 葛 with an IVS (U+E0100) and 辻 with VS1 (U+FE00) pick a glyph,
	 * not another name. */
	key_is("葛\xF3\xA0\x84\x80城", "葛城");
	key_is("辻\xEF\xB8\x80本", "辻本");
	key_is("髙\xF3\xA0\x84\x81橋", "高橋");
}

static void given_is(const char *name, const char *want)
{
	char out[TEXT_KEY_SIZE];
	if (!text_given_name_key(name, out, sizeof out))
		fail_msg("no given-name key for \"%s\"", name);
	if (strcmp(out, want) != 0)
		fail_msg("given-name key of \"%s\" is \"%s\", want \"%s\"", name, out, want);
}

static void test_given_name_key(void **state)
{
	(void)state;
	given_is("山田 花子", "花子");
	given_is("ヤマダ　ハナコ", "はなこ");            /* U+3000 */
	given_is("ﾔﾏﾀﾞ ﾊﾅｺ", "はなこ");
	given_is("　山田　花子", "花子");                 /* a blank before */
	given_is("山田  花子 ", "花子");
	given_is("ジョン スミス ジュニア", "すみすじゅにあ");
	given_is("髙橋 曻", "昇");
	/* A search by ハナコ or 花子 is a prefix of these keys. */
	char key[TEXT_KEY_SIZE], typed[TEXT_KEY_SIZE];
	assert_true(text_given_name_key("ヤマダ ハナコ", key, sizeof key));
	assert_true(text_search_key("ハナ", typed, sizeof typed));
	assert_int_equal(strncmp(key, typed, strlen(typed)), 0);

	char out[TEXT_KEY_SIZE];
	strcpy(out, "junk");
	assert_false(text_given_name_key("山田", out, sizeof out));
	assert_string_equal(out, "");
	strcpy(out, "junk");
	assert_false(text_given_name_key("山田 ", out, sizeof out));
	assert_string_equal(out, "");
	assert_false(text_given_name_key("山田　 ", out, sizeof out));
	assert_false(text_given_name_key("", out, sizeof out));
	assert_false(text_given_name_key(NULL, out, sizeof out));
	assert_false(text_given_name_key("山田 \xff", out, sizeof out));
	/* Does not fit: no partial key. */
	strcpy(out, "junk");
	assert_false(text_given_name_key("山田 花子", out, 4));
	assert_string_equal(out, "");
}

static void number_is(const char *in, int width, const char *want)
{
	char out[TEXT_NUMBER_MAX + 1];
	memset(out, 'x', sizeof out);
	if (!text_number_normalize(in, width, out, sizeof out))
		fail_msg("\"%s\" (width %d) is refused", in, width);
	if (strcmp(out, want) != 0)
		fail_msg("\"%s\" (width %d) is \"%s\", want \"%s\"", in, width, out, want);
	if (!text_patient_number_ok(out))
		fail_msg("\"%s\" is not an accepted normalised number", out);
}

static void test_number_normalize(void **state)
{
	(void)state;
	number_is("1", 0, "1");
	number_is("0001", 0, "0001");          /* no width: as the card shows it */
	number_is("1", 4, "0001");
	number_is("01", 4, "0001");
	number_is("0001", 4, "0001");
	number_is("00012", 6, "000012");
	number_is("12345", 4, "12345");        /* longer than the width: whole */
	number_is("0", 0, "0");
	number_is("0000", 0, "0000");
	number_is("00001", 4, "0001");          /* the width decides, not the typing */
	number_is("000", 4, "0000");
	number_is("１２", 4, "0012");           /* full width, IME on */
	number_is("　０１２　", 0, "012");        /* blanks around, U+3000 */
	number_is(" 12\t", 3, "012");
	number_is("abc-1", 0, "ABC-1");
	number_is("abc-1", 8, "ABC-1");          /* not all digits: no padding */
	number_is("ＡＢＣ－０１", 8, "ABC-01");  /* leading zeros kept after letters */
	number_is("0a1", 0, "0A1");
	number_is("12ー3", 0, "12-3");            /* ー typed for a hyphen */
	number_is("12\xE2\x88\x92" "3", 0, "12-3"); /* U+2212 MINUS SIGN */
	number_is("1234567890123456789012345678901", 0, "1234567890123456789012345678901");
	number_is("12", 31, "0000000000000000000000000000012");
}

static void number_refused(const char *in, int width)
{
	char out[TEXT_NUMBER_MAX + 1];
	strcpy(out, "junk");
	if (text_number_normalize(in, width, out, sizeof out))
		fail_msg("\"%s\" (width %d) is accepted as \"%s\"", in, width, out);
	if (out[0] != '\0')
		fail_msg("\"%s\": out is \"%s\" after a refusal", in, out);
}

static void test_number_refused(void **state)
{
	(void)state;
	number_refused("", 0);
	number_refused("   ", 0);
	number_refused("\xE3\x80\x80", 0);
	number_refused(NULL, 0);
	number_refused("1 2", 0);                  /* a space inside */
	number_refused("12_3", 0);
	number_refused("12.3", 0);
	number_refused("山田", 0);
	number_refused("やまだ", 0);
	number_refused("-", 0);
	number_refused("--", 0);
	number_refused("1\x1b", 0);
	number_refused("\xff" "1", 0);
	number_refused("12345678901234567890123456789012", 0);  /* 32 characters */
	number_refused("1", 32);                    /* wider than any number */
	number_refused("A-12", -3);                 /* no such width */
	/* Too small a buffer is a refusal, not a cut number. */
	char out[8];
	strcpy(out, "junk");
	assert_false(text_number_normalize("1", 4, out, 4));
	assert_string_equal(out, "");
	assert_true(text_number_normalize("1", 3, out, 4));
	assert_string_equal(out, "001");
	assert_false(text_number_normalize("1", 0, NULL, 4));
	assert_false(text_number_normalize("1", 0, out, 0));
}

/* The key is what the database keeps unique: every way of typing one
 * number gives one key, and different numbers never share one. */
static void test_number_key(void **state)
{
	(void)state;
	static const char *const ones[] = { "1", "01", "0001", "１", "００１", " 1 " };
	char key[TEXT_NUMBER_MAX + 1];
	for (size_t i = 0; i < sizeof ones / sizeof ones[0]; i++) {
		if (!text_number_key(ones[i], key, sizeof key) || strcmp(key, "1") != 0)
			fail_msg("key of \"%s\" is \"%s\", want \"1\"", ones[i], key);
	}
	assert_true(text_number_key("abc-1", key, sizeof key));
	assert_string_equal(key, "ABC-1");
	assert_true(text_number_key("ABC-1", key, sizeof key));
	assert_string_equal(key, "ABC-1");
	assert_true(text_number_key("10", key, sizeof key));
	assert_string_equal(key, "10");
	assert_true(text_number_key("0", key, sizeof key));
	assert_string_equal(key, "0");
	assert_false(text_number_key("1 0", key, sizeof key));
	/* The key of a normalised number at any width is the key itself. */
	char shown[TEXT_NUMBER_MAX + 1], again[TEXT_NUMBER_MAX + 1];
	for (int w = 0; w <= 8; w++) {
		assert_true(text_number_normalize("0042", w, shown, sizeof shown));
		assert_true(text_number_key(shown, again, sizeof again));
		assert_string_equal(again, "42");
	}
}

static void test_number_ok(void **state)
{
	(void)state;
	assert_true(text_patient_number_ok("1001"));
	assert_true(text_patient_number_ok("0001"));
	assert_true(text_patient_number_ok("A-12"));
	assert_true(text_patient_number_ok("1234567890123456789012345678901"));
	/* Not normalised: lower case, full width, blanks. */
	assert_false(text_patient_number_ok("a-12"));
	assert_false(text_patient_number_ok("１２"));
	assert_false(text_patient_number_ok(" 12"));
	assert_false(text_patient_number_ok("12345678901234567890123456789012"));
	assert_false(text_patient_number_ok(""));
	assert_false(text_patient_number_ok(NULL));
	assert_false(text_patient_number_ok("-"));
	assert_false(text_patient_number_ok("1_2"));
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
		cmocka_unit_test(test_key_variant_kanji),
		cmocka_unit_test(test_key_variation_selectors),
		cmocka_unit_test(test_given_name_key),
		cmocka_unit_test(test_number_normalize),
		cmocka_unit_test(test_number_refused),
		cmocka_unit_test(test_number_key),
		cmocka_unit_test(test_number_ok),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
