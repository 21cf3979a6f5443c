/* Fuzz target: the document templates (templates/README) as a clinic may
 * edit them: tpl_parse of the whole input, then every text block filled
 * (tpl_fill) with values that carry markup, escapes and wide characters,
 * and the sections walked (tpl_walk_shows). A filled block must stay
 * well-formed Pango markup: a value never opens a tag. */
#include "config.h"
#include <glib.h>
#include <pango/pango.h>
#include "fuzz/fuzz.h"
#include "print/template.h"

/* The same names with plain values: markup that fails with these (a
 * placeholder in a colour attribute) is the template's own fault. */
static const tpl_value plain[] = {
	{ "clinic_name", "x" }, { "patient_name", "x" }, { "ref", "x" },
	{ "date_era", "x" }, { "staff", "x" }, { "notice_url", "x" },
};

static const tpl_value vals[] = {
	{ "clinic_name", "<b>テスト</b> & \"内科\"" },
	{ "patient_name", "\x1b[31m𠮷野 葛\xf3\xa0\x84\x80\xe2\x80\xae" },
	{ "ref", "N-7K3M-Q9PX" },
	{ "date_era", "令和8年11月24日" },
	{ "staff", "" },
	{ "notice_url", "https://example.jp/?a=1&b=<2>" },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 16384)
		return 0;
	char *s = fuzz_string(data, size);
	tpl t;
	char msg[512];
	memset(&t, 0, sizeof t);
	if (tpl_parse(&t, "/fuzz/input.tmpl", s, msg, sizeof msg)) {
		tpl_walk w;
		memset(&w, 0, sizeof w);
		size_t n = sizeof vals / sizeof vals[0];
		for (size_t i = 0; i < t.nblocks; i++) {
			bool shown = tpl_walk_shows(&w, &t.blocks[i], vals, n, (i & 1) != 0);
			if (t.blocks[i].kind != BLK_TEXT || !shown)
				continue;
			char *filled = tpl_fill(t.blocks[i].text, vals, n);
			char *base = tpl_fill(t.blocks[i].text, plain, n);
			FUZZ_ASSERT(filled != NULL && base != NULL);
			/* Escaped values keep markup that holds with plain
			 * values well-formed: a value never opens a tag. */
			if (pango_parse_markup(base, -1, 0, NULL, NULL, NULL, NULL))
				FUZZ_ASSERT(pango_parse_markup(filled, -1, 0, NULL, NULL, NULL, NULL));
			g_free(base);
			g_free(filled);
		}
	}
	tpl_free(&t);
	free(s);
	return 0;
}
