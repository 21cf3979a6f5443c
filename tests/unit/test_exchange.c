/* exchange/ (issue 9): the values of one cell (half-width kana, the date
 * and sex codes of receipt computers, times), header names, --map, and
 * CSV cells written for spreadsheets. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "exchange/internal.h"

static void full_is(const char *in, const char *want)
{
	char out[256];
	assert_true(exch_kana_fullwidth(in, out, sizeof out));
	assert_string_equal(out, want);
}

static void test_kana_fullwidth(void **state)
{
	(void)state;
	full_is("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ");
	full_is("ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ", "パピプペポ");
	full_is("ｶﾞｷﾞｸﾞｹﾞｺﾞ", "ガギグゲゴ");
	full_is("ｳﾞｧｲｵﾘﾝ", "ヴァイオリン");
	full_is("ｷｮｳｺ", "キョウコ");
	full_is("ｰ･", "ー・");
	full_is("ｱﾞ", "ア゛");              /* a mark that cannot join stays a mark */
	full_is("山田 花子", "山田 花子");   /* everything else as it was */
	full_is("ﾏ", "マ");                 /* at the very end */
	char small[4];
	assert_false(exch_kana_fullwidth("ﾔﾏﾀﾞ", small, sizeof small));
}

static void test_dates(void **state)
{
	(void)state;
	od_date d;
	assert_true(exch_parse_date("19700302", &d));
	assert_int_equal(d.y, 1970);
	assert_int_equal(d.m, 3);
	assert_int_equal(d.d, 2);
	assert_false(exch_parse_date("19701399", &d));
	assert_false(exch_parse_date("20230229", &d));
	assert_true(exch_parse_date("S45.3.2", &d));
	assert_int_equal(d.y, 1970);
	assert_true(exch_parse_date("2001/04/05", &d));
	assert_false(exch_parse_date("", &d));
	assert_false(exch_parse_date("yesterday", &d));
}

static void test_sex_and_time(void **state)
{
	(void)state;
	char s, t[6];
	assert_true(exch_parse_sex("1", &s)); assert_int_equal(s, 'm');
	assert_true(exch_parse_sex("女", &s)); assert_int_equal(s, 'f');
	assert_true(exch_parse_sex("F", &s)); assert_int_equal(s, 'f');
	assert_true(exch_parse_sex("", &s)); assert_int_equal(s, 'u');
	assert_true(exch_parse_sex("9", &s)); assert_int_equal(s, 'u');
	assert_false(exch_parse_sex("X", &s));
	assert_true(exch_parse_time("9:05", t)); assert_string_equal(t, "09:05");
	assert_true(exch_parse_time("0930", t)); assert_string_equal(t, "09:30");
	assert_true(exch_parse_time("23:59:59", t)); assert_string_equal(t, "23:59");
	assert_false(exch_parse_time("24:00", t));
	assert_false(exch_parse_time("9:5", t));
	assert_false(exch_parse_time("noon", t));
}

static void test_trim(void **state)
{
	(void)state;
	char a[] = "  \xE3\x80\x80山田\xE3\x80\x80 ";
	assert_string_equal(exch_trim(a), "山田");
	char b[] = "   ";
	assert_string_equal(exch_trim(b), "");
}

static void test_headers_and_map(void **state)
{
	(void)state;
	assert_int_equal(exch_header_field("患者番号"), EXCH_NUMBER);
	assert_int_equal(exch_header_field("ｶﾅ氏名"), EXCH_KANA);   /* width folded */
	assert_int_equal(exch_header_field("フリガナ"), EXCH_KANA);
	assert_int_equal(exch_header_field("Birth"), EXCH_BIRTH);
	assert_int_equal(exch_header_field("備考"), EXCH_NONE);
	exch_map m;
	exch_error err;
	assert_true(exch_map_parse("患者ID=number, カナ = kana", &m, &err));
	assert_int_equal(m.n, 2);
	assert_true(m.by_name);
	assert_string_equal(m.e[1].name, "カナ");
	assert_int_equal(m.e[1].field, EXCH_KANA);
	assert_true(exch_map_parse("1=number,3=kana", &m, &err));
	assert_false(m.by_name);
	assert_int_equal(m.e[1].column, 2);
	assert_false(exch_map_parse("1=shoe", &m, &err));
	assert_string_equal(err.field, "--map");
	assert_false(exch_map_parse("number", &m, &err));
	assert_false(exch_map_parse("", &m, &err));
}

static char *cell(const char *s, bool last)
{
	static char buf[256];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	exch_csv_cell(f, s, last);
	fclose(f);
	return buf;
}

static void test_csv_cells(void **state)
{
	(void)state;
	assert_string_equal(cell("山田", false), "山田,");
	assert_string_equal(cell("a,b", false), "\"a,b\",");
	assert_string_equal(cell("say \"hi\"", true), "\"say \"\"hi\"\"\"\r\n");
	/* A line break inside a cell would split the row for line readers. */
	assert_string_equal(cell("two\nlines", false), "two^Jlines,");
	assert_string_equal(cell("tab\tin", true), "tab^Iin\r\n");
	/* What a spreadsheet would run is made text. */
	assert_string_equal(cell("=1+1", false), "\"'=1+1\",");
	assert_string_equal(cell("+81", false), "\"'+81\",");
	assert_string_equal(cell("-3", false), "\"'-3\",");
	assert_string_equal(cell("@SUM(A1)", false), "\"'@SUM(A1)\",");
	assert_string_equal(cell("\tx", false), "^Ix,");   /* shown, so no formula */
	assert_string_equal(cell("=\"a\"", false), "\"'=\"\"a\"\"\",");
	assert_string_equal(cell(" lead", false), "\" lead\",");
	/* Bytes that are not UTF-8 become U+FFFD: a spreadsheet never gets
	 * half a character. */
	assert_string_equal(cell("a\xff", false), "a\xEF\xBF\xBD,");
	assert_string_equal(cell("", true), "\r\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kana_fullwidth),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_sex_and_time),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_headers_and_map),
		cmocka_unit_test(test_csv_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
