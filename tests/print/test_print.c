/* Units of print/: QR text lines, the URL check, the payload, and the
 * template checks that must name the file and the line. */
#include "config.h"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "print/print.h"
#include "print/template.h"
#include <glib.h>

static void test_text_lines_shape(void **state)
{
	(void)state;
	qr_matrix qr;
	assert_true(qr_encode("https://clinic.example.jp/notice", &qr));
	int n = 0, cols = 0;
	char **lines = qr_text_lines(&qr, &n, &cols);
	assert_non_null(lines);
	assert_int_equal(cols, qr.width + 8);
	assert_int_equal(n, (qr.width + 8 + 1) / 2);
	/* the first two module rows are quiet zone: all spaces */
	for (int i = 0; i < cols; i++)
		assert_int_equal(lines[0][i], ' ');
	/* row 2 (line 2, top half) starts the finder pattern at column 4 */
	assert_memory_equal(lines[2], "    \u2588", 4 + 3);
	qr_lines_free(lines, n);
	qr_free(&qr);
}

static void test_url_check(void **state)
{
	(void)state;
	const char *why = NULL;
	assert_true(print_url_check("https://clinic.example.jp/notice?ref={{ref}}", &why));
	assert_null(why);
	assert_true(print_url_check("http://192.0.2.1:8080/n", &why));
	assert_false(print_url_check("ftp://clinic.example.jp/", &why));
	assert_string_equal(why, "only http:// and https:// addresses can be used");
	assert_false(print_url_check("https:///path", &why));
	assert_non_null(why);
	assert_false(print_url_check("https://clinic.example.jp/a b", &why));
	assert_non_null(strstr(why, "space"));
	assert_false(print_url_check("https://clinic.example.jp/\xe3\x81\x82", &why));
	assert_false(print_url_check("", &why));
	char long_url[900] = "https://clinic.example.jp/";
	memset(long_url + strlen(long_url), 'a', 600);
	assert_false(print_url_check(long_url, &why));
	assert_non_null(strstr(why, "QR"));
}

static void test_notice_url(void **state)
{
	(void)state;
	clinic_settings cs;
	char out[256];
	memset(&cs, 0, sizeof cs);
	assert_false(print_notice_url(&cs, "N-7K3M-Q9PX", out, sizeof out));
	strcpy(cs.notice_url, "https://c.example.jp/n?ref={{ref}}&x=1");
	assert_true(print_notice_url(&cs, "N-7K3M-Q9PX", out, sizeof out));
	assert_string_equal(out, "https://c.example.jp/n?ref=N-7K3M-Q9PX&x=1");
	assert_true(print_notice_url(&cs, NULL, out, sizeof out));
	assert_string_equal(out, "https://c.example.jp/n?ref=&x=1");
	assert_false(print_notice_url(&cs, "N-7K3M-Q9PX", out, 10));
}

static void expect_error(const char *src, const char *needle1, const char *needle2)
{
	tpl t;
	char msg[512] = "";
	assert_false(tpl_parse(&t, "/x/bad.tmpl", src, msg, sizeof msg));
	if (strstr(msg, needle1) == NULL || strstr(msg, needle2) == NULL)
		fail_msg("message [%s] lacks [%s] or [%s]", msg, needle1, needle2);
}

static void test_template_errors(void **state)
{
	(void)state;
	expect_error("<!-- paper a4 -->\nHello {{clinic_name}}\nBye {{bogus}}\n",
	             "/x/bad.tmpl, line 3", "{{bogus}}");
	expect_error("first\n<b>open\nsecond\n", "/x/bad.tmpl, line ", "markup");
	expect_error("ok\n\n<!-- page -->\nfine\nnot <i>closed</b>\n", "line 5", "markup");
	expect_error("<!-- papr a4 -->\n", "line 1", "papr");
	expect_error("x {{qr}}\n", "line 1", "{{qr}}");
	expect_error("a {{ref\n", "line 1", "{{");
}

static void test_template_parse_fill(void **state)
{
	(void)state;
	tpl t;
	char msg[512] = "";
	assert_true(tpl_parse(&t, "/x/ok.tmpl",
	                      "<!-- paper roll80 -->\n<!-- align center -->\n<b>{{clinic_name}}</b>\n{{qr}}\n<!-- rule -->\ntail\n",
	                      msg, sizeof msg));
	assert_int_equal(t.paper, PAPER_ROLL80);
	assert_int_equal(t.nblocks, 4);
	assert_int_equal(t.blocks[0].kind, BLK_TEXT);
	assert_int_equal(t.blocks[0].align, TPL_CENTER);
	assert_int_equal(t.blocks[1].kind, BLK_QR);
	assert_int_equal(t.blocks[2].kind, BLK_RULE);
	assert_int_equal(t.blocks[3].line, 6);
	const tpl_value v[] = { { "clinic_name", "A&B <C>" } };
	char *filled = tpl_fill(t.blocks[0].text, v, 1);
	assert_string_equal(filled, "<b>A&amp;B &lt;C&gt;</b>");
	g_free(filled);
	tpl_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_lines_shape),
		cmocka_unit_test(test_url_check),
		cmocka_unit_test(test_notice_url),
		cmocka_unit_test(test_template_errors),
		cmocka_unit_test(test_template_parse_fill),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
