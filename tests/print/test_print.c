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
#include "print/fields.h"
#include <stdlib.h>
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

static void test_section_errors(void **state)
{
	(void)state;
	expect_error("a\n<!-- else -->\n", "line 2", "without an");
	expect_error("a\n<!-- end -->\n", "line 2", "without an");
	expect_error("a\n<!-- if clinic_email -->\nb\n", "line 2", "not closed");
	expect_error("<!-- if clinic_fax -->\nb\n<!-- end -->\n", "line 1", "clinic_fax");
	expect_error("<!-- if -->\n<!-- end -->\n", "line 1", "if");
	expect_error("<!-- if staff -->\n<!-- paper a5 -->\n<!-- end -->\n", "line 2", "line 1");
	expect_error("<!-- if staff -->\n<!-- else -->\n<!-- elif ref -->\n<!-- end -->\n", "line 3", "else");
	expect_error("<!-- end staff -->\n", "line 1", "end");
}

/* The blocks a walk shows, as the first letter of each text block. */
static void shown(const tpl *t, const tpl_value *v, size_t n, bool qr, char *out)
{
	tpl_walk w = { .depth = 0 };
	for (size_t i = 0; i < t->nblocks; i++)
		if (tpl_walk_shows(&w, &t->blocks[i], v, n, qr) && t->blocks[i].kind == BLK_TEXT)
			*out++ = t->blocks[i].text[0];
	*out = '\0';
}

static void test_sections(void **state)
{
	(void)state;
	tpl t;
	char msg[512] = "", got[32];
	assert_true(tpl_parse(&t, "/x/s.tmpl",
	                      "A\n"
	                      "<!-- if clinic_email -->\n"
	                      "<!-- font IPAexMincho 20 -->\n"
	                      "E {{clinic_email}}\n"
	                      "<!-- end -->\n"
	                      "<!-- if child_name -->\nC\n"
	                      "<!-- elif not represented_name -->\nS\n"
	                      "<!-- if qr -->\nQ\n<!-- end -->\n"
	                      "<!-- else -->\nR\n"
	                      "<!-- end -->\n"
	                      "Z\n",
	                      msg, sizeof msg));
	/* the font set inside the section stays there */
	assert_string_equal(t.blocks[t.nblocks - 1].font, "IPAexGothic 10.5");
	const tpl_value none[] = { { "clinic_email", "" } };
	shown(&t, none, 1, false, got);
	assert_string_equal(got, "ASZ");
	shown(&t, none, 1, true, got);
	assert_string_equal(got, "ASQZ");
	const tpl_value child[] = { { "clinic_email", "a@b" }, { "child_name", "花子" } };
	shown(&t, child, 2, true, got);
	assert_string_equal(got, "AECZ");
	const tpl_value rep[] = { { "represented_name", "太郎" } };
	shown(&t, rep, 1, true, got);
	assert_string_equal(got, "ARZ");
	tpl_free(&t);
}

/* The shipped templates load, sections and all. */
static void test_shipped_templates(void **state)
{
	(void)state;
	const char *top = getenv("top_srcdir");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/templates", top != NULL ? top : "..");
	setenv("OPTOUT_DESK_DATADIR", dir, 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	static const char *const names[] = {
		"notice-ja", "notice-en", "notice-ja-large", "slip-ja", "receipt-ja", "poster-ja",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char msg[512] = "";
		if (!print_template_check(names[i], msg, sizeof msg))
			fail_msg("%s: %s", names[i], msg);
	}
}

static const char *value_of(const doc_values *dv, const char *name)
{
	for (size_t i = 0; i < dv->n; i++)
		if (strcmp(dv->vals[i].name, name) == 0)
			return dv->vals[i].value;
	return NULL;
}

static void test_values(void **state)
{
	(void)state;
	clinic_settings cs;
	patient p;
	notice_rec n;
	memset(&cs, 0, sizeof cs);
	memset(&p, 0, sizeof p);
	memset(&n, 0, sizeof n);
	strcpy(p.name, "山田 花子");
	n.date = (od_date){ 2026, 11, 24 };
	n.to = REQ_GUARDIAN;
	strcpy(n.recipient, "山田 一郎");
	strcpy(n.ref, "N-7K3M-Q9PX");
	doc_request req = { .kind = DOC_NOTICE, .lang = "ja" };
	doc_data d = { .clinic = &cs, .patient = &p, .notice = &n, .today = n.date };
	doc_values dv;
	doc_values_build(&dv, &req, &d);
	assert_string_equal(value_of(&dv, "recipient_name"), "山田 一郎");
	assert_string_equal(value_of(&dv, "child_name"), "山田 花子");
	assert_null(value_of(&dv, "represented_name"));
	assert_non_null(value_of(&dv, "flow_from"));
	assert_null(value_of(&dv, "stop_in_effect"));
	assert_null(value_of(&dv, "voided"));
	assert_null(value_of(&dv, "reprint_era"));
	doc_values_free(&dv);

	n.to = REQ_REPRESENTATIVE;
	n.voided = true;
	d.stop_in_effect = true;
	d.earlier = 1;
	d.reprint_date = (od_date){ 2026, 11, 30 };
	doc_values_build(&dv, &req, &d);
	assert_null(value_of(&dv, "child_name"));
	assert_string_equal(value_of(&dv, "represented_name"), "山田 花子");
	assert_null(value_of(&dv, "flow_from"));
	assert_null(value_of(&dv, "flow_from_iso"));
	assert_non_null(value_of(&dv, "stop_in_effect"));
	assert_string_equal(value_of(&dv, "voided"), "取消済");
	assert_string_equal(value_of(&dv, "reprint_iso"), "2026-11-30");
	doc_values_free(&dv);
}

/* The text a template shows with these values (sections decided). */
static char *shown_text(const char *name, const doc_values *dv)
{
	tpl t;
	char msg[512] = "";
	if (!tpl_load(&t, name, msg, sizeof msg))
		fail_msg("%s", msg);
	GString *out = g_string_new(NULL);
	tpl_walk w = { .depth = 0 };
	for (size_t i = 0; i < t.nblocks; i++) {
		if (!tpl_walk_shows(&w, &t.blocks[i], dv->vals, dv->n, dv->has_url) ||
		    t.blocks[i].kind != BLK_TEXT)
			continue;
		char *f = tpl_fill(t.blocks[i].text, dv->vals, dv->n);
		g_string_append(out, f);
		g_string_append_c(out, '\n');
		g_free(f);
	}
	tpl_free(&t);
	return g_string_free(out, FALSE);
}

/* A voided receipt says so; one without a staff name has no 受付者 line;
 * a clinic without e-mail has no e-mail label. */
static void test_receipt_text(void **state)
{
	test_shipped_templates(state);
	clinic_settings cs;
	patient p;
	request_rec r;
	memset(&cs, 0, sizeof cs);
	memset(&p, 0, sizeof p);
	memset(&r, 0, sizeof r);
	strcpy(cs.name, "さくら内科");
	strcpy(cs.phone, "03-1234-5678");
	strcpy(p.name, "山田 花子");
	r.stop = true;
	r.date = (od_date){ 2026, 11, 24 };
	strcpy(r.ref, "R-7K3M-Q9PX");
	doc_request req = { .kind = DOC_RECEIPT, .lang = "ja" };
	doc_data d = { .clinic = &cs, .patient = &p, .request = &r, .today = r.date };
	doc_values dv;
	doc_values_build(&dv, &req, &d);
	char *text = shown_text("receipt-ja", &dv);
	assert_null(strstr(text, "受付者"));
	assert_null(strstr(text, "電子メール"));
	assert_null(strstr(text, "取消済"));
	assert_null(strstr(text, "再発行"));
	assert_non_null(strstr(text, "03-1234-5678"));
	g_free(text);
	doc_values_free(&dv);

	strcpy(r.staff, "受付 花子");
	r.voided = true;
	d.earlier = 2;
	d.reprint_date = (od_date){ 2026, 11, 30 };
	doc_values_build(&dv, &req, &d);
	text = shown_text("receipt-ja", &dv);
	assert_non_null(strstr(text, "受付者　　受付 花子"));
	assert_non_null(strstr(text, "【取消済】"));
	assert_non_null(strstr(text, "再発行</b> 令和8年11月30日"));
	g_free(text);
	doc_values_free(&dv);

	/* a voided notice, in English */
	notice_rec n;
	memset(&n, 0, sizeof n);
	n.date = r.date;
	n.voided = true;
	strcpy(n.ref, "N-7K3M-Q9PX");
	doc_request nreq = { .kind = DOC_NOTICE, .lang = "en" };
	doc_data nd = { .clinic = &cs, .patient = &p, .notice = &n, .today = r.date };
	doc_values_build(&dv, &nreq, &nd);
	text = shown_text("notice-en", &dv);
	assert_non_null(strstr(text, "[VOIDED]"));
	assert_null(strstr(text, "E-mail:"));
	assert_null(strstr(text, "Child's name"));
	g_free(text);
	doc_values_free(&dv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_lines_shape),
		cmocka_unit_test(test_url_check),
		cmocka_unit_test(test_notice_url),
		cmocka_unit_test(test_template_errors),
		cmocka_unit_test(test_template_parse_fill),
		cmocka_unit_test(test_section_errors),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_shipped_templates),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_receipt_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
