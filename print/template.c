/* Document templates: Pango markup with {{placeholders}} and a few layout
 * directives written as whole-line comments (templates/README). Loading
 * checks everything it can before anything is filled, so a clinic's bad
 * override is reported with its file and line, not as a blank page. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <pango/pango.h>
#include "core/i18n.h"
#include "print/print.h"
#include "print/template.h"

/* The placeholders templates may use (templates/README lists their meaning).
 * A name outside this list is a typo in a template: an error, not blank. */
static const char *const tpl_names[] = {
	"clinic_name", "clinic_address", "clinic_phone", "clinic_email",
	"clinic_hours", "national_url", "notice_url", "operators",
	"ref", "date_era", "date_iso", "today_era", "today_iso",
	"flow_from", "flow_from_iso", "wait_months",
	"patient_number", "patient_name", "patient_kana",
	"recipient_name", "recipient_kind", "recipient_relationship",
	"request_kind", "requester_kind", "requester_name",
	"requester_relationship", "channel", "id_check", "delete_provided",
	"staff", "qr",
	/* issue 8 */
	"child_name", "represented_name", "stop_in_effect", "voided",
	"reprint_era", "reprint_iso",
};

bool tpl_name_known(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof tpl_names / sizeof tpl_names[0]; i++)
		if (strlen(tpl_names[i]) == len && memcmp(tpl_names[i], name, len) == 0)
			return true;
	return false;
}

static void tpl_error(char *msg, size_t msgsz, const char *path, int line,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void tpl_error(char *msg, size_t msgsz, const char *path, int line,
                      const char *fmt, ...)
{
	char what[384];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	snprintf(msg, msgsz, _("%s, line %d: %s"), path, line, what);
}

/* Every directory a template may come from, in lookup order. */
static int tpl_dirs(char dirs[3][TPL_PATH_MAX])
{
	int n = 0;
	const char *cfg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (cfg != NULL && cfg[0] == '/')
		snprintf(dirs[n++], TPL_PATH_MAX, "%s/optout-desk/templates", cfg);
	else if (home != NULL && home[0] != '\0')
		snprintf(dirs[n++], TPL_PATH_MAX, "%s/.config/optout-desk/templates", home);
	const char *data = getenv("OPTOUT_DESK_DATADIR");
	if (data != NULL && data[0] != '\0')
		snprintf(dirs[n++], TPL_PATH_MAX, "%s", data);
	snprintf(dirs[n++], TPL_PATH_MAX, "%s", PKGDATADIR);
	return n;
}

bool tpl_find(const char *name, char *path, size_t pathsz)
{
	char dirs[3][TPL_PATH_MAX];
	int n = tpl_dirs(dirs);
	for (int i = 0; i < n; i++) {
		snprintf(path, pathsz, "%s/%s%s", dirs[i], name, TPL_SUFFIX);
		if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
			return true;
	}
	return false;
}

/* Markup check of one text block, placeholders still in it (they are plain
 * text to Pango). Pango's own parser context gives the position of the
 * error, which becomes a line of the file. */
static bool tpl_check_markup(const char *text, const char *path, int first_line,
                             char *msg, size_t msgsz)
{
	GError *err = NULL;
	GMarkupParseContext *ctx = pango_markup_parser_new(0);
	bool ok = g_markup_parse_context_parse(ctx, "<markup>", -1, &err) &&
	          g_markup_parse_context_parse(ctx, text, -1, &err) &&
	          g_markup_parse_context_parse(ctx, "</markup>", -1, &err);
	int line = 0, col = 0;
	g_markup_parse_context_get_position(ctx, &line, &col);
	if (ok) {
		PangoAttrList *attrs = NULL;
		ok = pango_markup_parser_finish(ctx, &attrs, NULL, NULL, &err);
		if (attrs != NULL)
			pango_attr_list_unref(attrs);
	}
	g_markup_parse_context_free(ctx);
	if (!ok) {
		tpl_error(msg, msgsz, path, first_line + (line > 0 ? line - 1 : 0),
		          _("the markup is not valid: %s"), err ? err->message : "?");
		g_clear_error(&err);
	}
	return ok;
}

/* Checks the {{names}} of one line. */
static bool tpl_check_line(const char *line, const char *path, int lineno,
                           char *msg, size_t msgsz)
{
	const char *p = line;
	while ((p = strstr(p, "{{")) != NULL) {
		const char *end = strstr(p + 2, "}}");
		if (end == NULL) {
			tpl_error(msg, msgsz, path, lineno, _("“%s” is not closed with }}"), "{{");
			return false;
		}
		size_t len = (size_t)(end - (p + 2));
		if (!tpl_name_known(p + 2, len)) {
			char name[96];
			snprintf(name, sizeof name, "{{%.*s}}", (int)(len < 80 ? len : 80), p + 2);
			tpl_error(msg, msgsz, path, lineno, _("unknown placeholder %s"), name);
			return false;
		}
		if (len == 2 && memcmp(p + 2, "qr", 2) == 0 &&
		    (p != line || strcmp(end, "}}") != 0)) {
			tpl_error(msg, msgsz, path, lineno,
			          _("%s must stand alone on its line"), "{{qr}}");
			return false;
		}
		p = end + 2;
	}
	return true;
}

static tpl_block *tpl_push(tpl *t, tpl_block_kind kind, int line)
{
	tpl_block *b = realloc(t->blocks, (t->nblocks + 1) * sizeof *b);
	if (b == NULL)
		return NULL;
	t->blocks = b;
	b = &t->blocks[t->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->line = line;
	return b;
}

/* Reads "<!-- word rest -->"; false if the line is not a directive. */
static bool tpl_directive(const char *line, char *word, size_t wordsz,
                          char *rest, size_t restsz)
{
	size_t len = strlen(line);
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
		len--;
	if (len < 7 || strncmp(line, "<!--", 4) != 0 || strncmp(line + len - 3, "-->", 3) != 0)
		return false;
	char *inner = g_strndup(line + 4, len - 7);
	g_strstrip(inner);
	size_t w = strcspn(inner, " \t");
	snprintf(word, wordsz, "%.*s", (int)w, inner);
	const char *r = inner + w;
	while (*r == ' ' || *r == '\t')
		r++;
	snprintf(rest, restsz, "%s", r);
	g_free(inner);
	return true;
}

static bool tpl_number(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = g_ascii_strtod(s, &end);
	if (end == s || *end != '\0' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* Applies a directive line to t; false with msg on a bad one. */
static bool tpl_apply(tpl *t, const char *word, const char *rest, int lineno,
                      tpl_state *st, char *msg, size_t msgsz)
{
	const char *path = t->path;
	double v;
	if (strcmp(word, "note") == 0)
		return true;
	if (strcmp(word, "paper") == 0) {
		if (strcmp(rest, "a4") == 0) t->paper = PAPER_A4;
		else if (strcmp(rest, "a5") == 0) t->paper = PAPER_A5;
		else if (strcmp(rest, "roll80") == 0) t->paper = PAPER_ROLL80;
		else {
			tpl_error(msg, msgsz, path, lineno, _("unknown paper “%s” (use a4, a5 or roll80)"), rest);
			return false;
		}
		return true;
	}
	if (strcmp(word, "margin") == 0) {
		if (!tpl_number(rest, 0, 50, &v)) {
			tpl_error(msg, msgsz, path, lineno, _("the margin must be a number of millimetres from 0 to 50, not “%s”"), rest);
			return false;
		}
		t->margin_mm = v;
		return true;
	}
	if (strcmp(word, "font") == 0) {
		snprintf(st->font, sizeof st->font, "%.127s", rest);
		return true;
	}
	if (strcmp(word, "align") == 0) {
		if (strcmp(rest, "left") == 0) st->align = TPL_LEFT;
		else if (strcmp(rest, "center") == 0) st->align = TPL_CENTER;
		else if (strcmp(rest, "right") == 0) st->align = TPL_RIGHT;
		else {
			tpl_error(msg, msgsz, path, lineno, _("unknown alignment “%s” (use left, center or right)"), rest);
			return false;
		}
		return true;
	}
	if (strcmp(word, "qr-size") == 0) {
		if (!tpl_number(rest, 15, 150, &v)) {
			tpl_error(msg, msgsz, path, lineno, _("the QR size must be a number of millimetres from 15 to 150, not “%s”"), rest);
			return false;
		}
		st->qr_mm = v;
		return true;
	}
	tpl_block *b;
	if (strcmp(word, "page") == 0 || strcmp(word, "rule") == 0) {
		b = tpl_push(t, word[0] == 'p' ? BLK_PAGE : BLK_RULE, lineno);
		return b != NULL;
	}
	if (strcmp(word, "space") == 0) {
		if (!tpl_number(rest, 0, 300, &v)) {
			tpl_error(msg, msgsz, path, lineno, _("the space must be a number of millimetres, not “%s”"), rest);
			return false;
		}
		b = tpl_push(t, BLK_SPACE, lineno);
		if (b != NULL)
			b->mm = v;
		return b != NULL;
	}
	tpl_error(msg, msgsz, path, lineno, _("unknown directive “%s” (see templates/README)"), word);
	return false;
}

static bool tpl_flush_text(tpl *t, GString *buf, int first_line, const tpl_state *st,
                           char *msg, size_t msgsz)
{
	if (buf->len == 0)
		return true;
	if (buf->str[buf->len - 1] == '\n')
		g_string_truncate(buf, buf->len - 1);
	if (!tpl_check_markup(buf->str, t->path, first_line, msg, msgsz))
		return false;
	tpl_block *b = tpl_push(t, BLK_TEXT, first_line);
	if (b == NULL)
		return false;
	b->text = g_strdup(buf->str);
	b->align = st->align;
	snprintf(b->font, sizeof b->font, "%s", st->font);
	g_string_truncate(buf, 0);
	return true;
}

/* The open sections while parsing: each remembers its line (for "not
 * closed") and the layout state at its start, which its branches begin
 * with and which its end restores, so that a font or an alignment set in
 * a section never leaks into what follows it, shown or not. */
typedef struct tpl_open {
	int depth;
	struct { int line; bool seen_else; tpl_state saved; } lv[TPL_DEPTH_MAX];
} tpl_open;

/* if / elif / else / end: true if word is one (with *handled set). */
static bool tpl_section(tpl *t, const char *word, const char *rest, int lineno,
                        tpl_state *st, tpl_open *open, bool *handled,
                        char *msg, size_t msgsz)
{
	const char *path = t->path;
	const bool is_if = strcmp(word, "if") == 0, is_elif = strcmp(word, "elif") == 0;
	const bool is_else = strcmp(word, "else") == 0, is_end = strcmp(word, "end") == 0;
	*handled = is_if || is_elif || is_else || is_end;
	if (!*handled) {
		if (open->depth > 0 && (strcmp(word, "paper") == 0 || strcmp(word, "margin") == 0)) {
			tpl_error(msg, msgsz, path, lineno, _("“%s” applies to the whole document: put it outside the section that starts on line %d"),
			          word, open->lv[open->depth - 1].line);
			return false;
		}
		return true;
	}
	bool negate = false;
	const char *name = rest;
	if ((is_if || is_elif)) {
		if (strncmp(name, "not ", 4) == 0) {
			negate = true;
			name += 4;
			while (*name == ' ' || *name == '\t')
				name++;
		}
		if (name[0] == '\0' || strcspn(name, " \t") != strlen(name) ||
		    !tpl_name_known(name, strlen(name))) {
			tpl_error(msg, msgsz, path, lineno, _("“%s %s”: name one placeholder to test, like “if clinic_email” or “if not stop_in_effect”"),
			          word, rest);
			return false;
		}
	} else if (rest[0] != '\0') {
		tpl_error(msg, msgsz, path, lineno, _("“%s” takes nothing after it"), word);
		return false;
	}
	if (is_if) {
		if (open->depth == TPL_DEPTH_MAX) {
			tpl_error(msg, msgsz, path, lineno, _("more than %d sections inside one another"), TPL_DEPTH_MAX);
			return false;
		}
		open->lv[open->depth].line = lineno;
		open->lv[open->depth].seen_else = false;
		open->lv[open->depth].saved = *st;
		open->depth++;
	} else if (open->depth == 0) {
		tpl_error(msg, msgsz, path, lineno, _("“%s” without an “if” before it"), word);
		return false;
	} else if (open->lv[open->depth - 1].seen_else && !is_end) {
		tpl_error(msg, msgsz, path, lineno, _("“%s” after the “else” of the section that starts on line %d"),
		          word, open->lv[open->depth - 1].line);
		return false;
	} else {
		*st = open->lv[open->depth - 1].saved;
		if (is_else)
			open->lv[open->depth - 1].seen_else = true;
		if (is_end)
			open->depth--;
	}
	tpl_block *b = tpl_push(t, is_if ? BLK_IF : is_elif ? BLK_ELIF : is_else ? BLK_ELSE : BLK_END, lineno);
	if (b == NULL)
		return false;
	if (is_if || is_elif) {
		snprintf(b->cond, sizeof b->cond, "%.31s", name);   /* a known name: short */
		b->negate = negate;
	}
	return true;
}

bool tpl_parse(tpl *t, const char *path, const char *source, char *msg, size_t msgsz)
{
	memset(t, 0, sizeof *t);
	snprintf(t->path, sizeof t->path, "%s", path);
	t->paper = PAPER_A4;
	t->margin_mm = 15;
	t->source = g_strdup(source);
	if (!g_utf8_validate(source, -1, NULL)) {
		tpl_error(msg, msgsz, path, 1, "%s", _("the file is not UTF-8 text"));
		tpl_free(t);
		return false;
	}
	tpl_state st = { .align = TPL_LEFT, .qr_mm = 30 };
	snprintf(st.font, sizeof st.font, "IPAexGothic 10.5");
	char **lines = g_strsplit(source, "\n", -1);
	GString *buf = g_string_new(NULL);
	int first = 0;
	bool ok = true;
	tpl_open open = { .depth = 0 };
	for (int i = 0; ok && lines[i] != NULL; i++) {
		const int lineno = i + 1;
		char *line = lines[i];
		size_t len = strlen(line);
		if (len > 0 && line[len - 1] == '\r')
			line[len - 1] = '\0';
		/* the empty string after the last newline is not a line */
		if (lines[i + 1] == NULL && line[0] == '\0')
			break;
		char word[64], rest[256];
		if (tpl_directive(line, word, sizeof word, rest, sizeof rest)) {
			bool section = false;
			ok = tpl_flush_text(t, buf, first, &st, msg, msgsz) &&
			     tpl_section(t, word, rest, lineno, &st, &open, &section, msg, msgsz) &&
			     (section || tpl_apply(t, word, rest, lineno, &st, msg, msgsz));
			continue;
		}
		if (!tpl_check_line(line, path, lineno, msg, msgsz)) {
			ok = false;
			break;
		}
		if (strcmp(line, "{{qr}}") == 0) {
			ok = tpl_flush_text(t, buf, first, &st, msg, msgsz);
			tpl_block *b = ok ? tpl_push(t, BLK_QR, lineno) : NULL;
			if (b != NULL) {
				b->mm = st.qr_mm;
				b->align = st.align;
			}
			ok = ok && b != NULL;
			continue;
		}
		if (buf->len == 0)
			first = lineno;
		g_string_append(buf, line);
		g_string_append_c(buf, '\n');
	}
	ok = ok && tpl_flush_text(t, buf, first, &st, msg, msgsz);
	if (ok && open.depth > 0) {
		tpl_error(msg, msgsz, path, open.lv[open.depth - 1].line, "%s",
		          _("this section is not closed with “<!-- end -->”"));
		ok = false;
	}
	g_string_free(buf, TRUE);
	g_strfreev(lines);
	if (!ok)
		tpl_free(t);
	return ok;
}

bool tpl_load(tpl *t, const char *name, char *msg, size_t msgsz)
{
	char path[TPL_PATH_MAX];
	memset(t, 0, sizeof *t);
	if (!tpl_find(name, path, sizeof path)) {
		snprintf(msg, msgsz, _("the document template “%s” was not found (looked in the clinic's templates folder and in %s)"),
		         name, PKGDATADIR);
		return false;
	}
	char *src = NULL;
	GError *err = NULL;
	if (!g_file_get_contents(path, &src, NULL, &err)) {
		snprintf(msg, msgsz, _("the document template %s could not be read: %s"),
		         path, err->message);
		g_error_free(err);
		return false;
	}
	bool ok = tpl_parse(t, path, src, msg, msgsz);
	g_free(src);
	return ok;
}

void tpl_free(tpl *t)
{
	for (size_t i = 0; i < t->nblocks; i++)
		g_free(t->blocks[i].text);
	free(t->blocks);
	g_free(t->source);
	t->blocks = NULL;
	t->nblocks = 0;
	t->source = NULL;
}

char *tpl_fill(const char *text, const tpl_value *vals, size_t nvals)
{
	GString *out = g_string_new(NULL);
	const char *p = text;
	const char *hit;
	while ((hit = strstr(p, "{{")) != NULL) {
		const char *end = strstr(hit + 2, "}}");
		if (end == NULL)
			break;   /* cannot happen after tpl_parse */
		g_string_append_len(out, p, hit - p);
		size_t len = (size_t)(end - (hit + 2));
		for (size_t i = 0; i < nvals; i++) {
			if (strlen(vals[i].name) == len && memcmp(vals[i].name, hit + 2, len) == 0) {
				/* Every value is text, never markup. */
				char *esc = g_markup_escape_text(vals[i].value ? vals[i].value : "", -1);
				g_string_append(out, esc);
				g_free(esc);
				break;
			}
		}
		p = end + 2;
	}
	g_string_append(out, p);
	return g_string_free(out, FALSE);
}

static bool tpl_value_set(const tpl_value *vals, size_t nvals, const char *name)
{
	for (size_t i = 0; i < nvals; i++)
		if (strcmp(vals[i].name, name) == 0)
			return vals[i].value != NULL && vals[i].value[0] != '\0';
	return false;
}

bool tpl_walk_shows(tpl_walk *w, const tpl_block *b, const tpl_value *vals,
                    size_t nvals, bool have_qr)
{
	const bool outer = w->depth == 0 || w->lv[w->depth - 1].active;
	bool test = false;
	if (b->kind == BLK_IF || b->kind == BLK_ELIF) {
		test = strcmp(b->cond, "qr") == 0 ? have_qr : tpl_value_set(vals, nvals, b->cond);
		if (b->negate)
			test = !test;
	}
	switch (b->kind) {
	case BLK_IF:
		if (w->depth < TPL_DEPTH_MAX) {
			w->lv[w->depth].outer = outer;
			w->lv[w->depth].taken = test;
			w->lv[w->depth].active = outer && test;
			w->depth++;
		}
		return false;
	case BLK_ELIF:
	case BLK_ELSE:
		if (w->depth > 0) {
			tpl_level *l = &w->lv[w->depth - 1];
			if (b->kind == BLK_ELSE)
				test = true;
			l->active = l->outer && !l->taken && test;
			l->taken = l->taken || test;
		}
		return false;
	case BLK_END:
		if (w->depth > 0)
			w->depth--;
		return false;
	default:
		return outer;
	}
}

bool print_template_check(const char *name, char *msg, size_t msgsz)
{
	tpl t;
	if (!tpl_load(&t, name, msg, msgsz))
		return false;
	tpl_free(&t);
	return true;
}
