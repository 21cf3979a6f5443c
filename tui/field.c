/* Form fields. Text is kept as wide characters, as get_wch delivers what
 * the terminal's input method composed: the cursor moves by character,
 * Backspace removes a whole wide glyph, and what is shown scrolls by
 * columns (wcwidth) so a glyph is never cut at the edge. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

void field_set_text(field *f, const char *utf8)
{
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	const char *src = utf8 != NULL ? utf8 : "";
	size_t n = mbsrtowcs(f->buf, &src, FIELD_MAX_CHARS, &ps);
	if (n == (size_t)-1)
		n = 0;
	f->buf[n] = L'\0';
	f->len = (int)n;
	f->cur = f->len;
	f->scroll = 0;
}

bool field_text(const field *f, char *out, size_t outsz)
{
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	const wchar_t *src = f->buf;
	size_t n = wcsrtombs(out, &src, outsz, &ps);
	if (n == (size_t)-1 || src != NULL) {
		if (outsz)
			out[0] = '\0';
		return false;
	}
	return true;
}

bool field_empty(const field *f)
{
	for (int i = 0; i < f->len; i++)
		if (f->buf[i] != L' ' && f->buf[i] != 0x3000)
			return false;
	return true;
}

int field_value(const field *f)
{
	return f->nchoices > 0 ? f->value[f->choice] : -1;
}

void field_select_value(field *f, int value)
{
	for (int i = 0; i < f->nchoices; i++)
		if (f->value[i] == value)
			f->choice = i;
}

void field_add_choice(field *f, const char *label, int value)
{
	if (f->nchoices < FIELD_MAX_CHOICES) {
		f->choices[f->nchoices] = label;
		f->value[f->nchoices] = value;
		f->nchoices++;
	}
}

static bool insert(field *f, wchar_t c)
{
	/* What cannot be shown (controls, unassigned) is not typed in. */
	if (wcwidth(c) < 0 || f->len >= FIELD_MAX_CHARS ||
	    (f->max_chars > 0 && f->len >= f->max_chars))
		return false;
	memmove(f->buf + f->cur + 1, f->buf + f->cur,
	        (size_t)(f->len - f->cur + 1) * sizeof(wchar_t));
	f->buf[f->cur++] = c;
	f->len++;
	return true;
}

static bool delete_at(field *f, int i)
{
	if (i < 0 || i >= f->len)
		return false;
	memmove(f->buf + i, f->buf + i + 1, (size_t)(f->len - i) * sizeof(wchar_t));
	f->len--;
	return true;
}

bool field_key(field *f, wint_t ch, bool is_key)
{
	if (f->type == F_CHOICE) {
		if (f->nchoices == 0)
			return false;
		if ((is_key && ch == KEY_RIGHT) || (!is_key && ch == L' ')) {
			f->choice = (f->choice + 1) % f->nchoices;
			return true;
		}
		if (is_key && ch == KEY_LEFT) {
			f->choice = (f->choice + f->nchoices - 1) % f->nchoices;
			return true;
		}
		return false;
	}
	if (f->type == F_CHECK) {
		if (!is_key && (ch == L' ' || ch == L'y' || ch == L'n')) {
			f->checked = ch == L' ' ? !f->checked : ch == L'y';
			return true;
		}
		if (is_key && (ch == KEY_LEFT || ch == KEY_RIGHT)) {
			f->checked = !f->checked;
			return true;
		}
		return false;
	}
	if (is_key) {
		switch (ch) {
		case KEY_LEFT: if (f->cur > 0) f->cur--; return false;
		case KEY_RIGHT: if (f->cur < f->len) f->cur++; return false;
		case KEY_HOME: f->cur = 0; return false;
		case KEY_END: f->cur = f->len; return false;
		case KEY_BACKSPACE:
			if (f->cur > 0 && delete_at(f, f->cur - 1)) {
				f->cur--;
				return true;
			}
			return false;
		case KEY_DC: return delete_at(f, f->cur);
		default: return false;
		}
	}
	switch (ch) {
	case 0x7f: case 0x08:          /* Backspace as a character */
		if (f->cur > 0 && delete_at(f, f->cur - 1)) {
			f->cur--;
			return true;
		}
		return false;
	case 0x15:                                    /* Ctrl-U: clear */
		if (f->len == 0)
			return false;
		f->len = f->cur = f->scroll = 0;
		f->buf[0] = L'\0';
		return true;
	case 0x01: f->cur = 0; return false;          /* Ctrl-A */
	case 0x05: f->cur = f->len; return false;     /* Ctrl-E (in fields) */
	default:
		if (ch < 0x20)
			return false;
		return insert(f, (wchar_t)ch);
	}
}

/* Columns of buf[from..to). */
static int cols_of(const field *f, int from, int to)
{
	int w = 0;
	for (int i = from; i < to; i++) {
		int cw = f->secret ? 1 : wcwidth(f->buf[i]);   /* one * each */
		w += cw > 0 ? cw : 0;
	}
	return w;
}

void field_draw(const app *a, const field *f, int y, int x, int cols, bool focused)
{
	int attr = focused ? draw_attr(a, CP_FOCUS) : (int)A_UNDERLINE;
	char buf[1024];

	if (cols <= 0)
		return;
	if (f->type == F_CHOICE || f->type == F_CHECK) {
		if (f->type == F_CHOICE)
			snprintf(buf, sizeof buf, "< %s >",
			         f->nchoices ? _(f->choices[f->choice]) : "");
		else
			snprintf(buf, sizeof buf, "[%s] %s", f->checked ? "x" : " ",
			         f->checked ? _("yes") : _("no"));
		attron(attr);
		draw_text_pad(y, x, cols < text_width(buf) + 1 ? cols : text_width(buf) + 1, buf);
		attroff(attr);
		if (focused)
			move(y, x + 1);
		return;
	}
	/* Scroll so that the cursor is visible, by whole characters. */
	field *mf = (field *)f;   /* scroll is view state, not content */
	if (mf->scroll > f->cur)
		mf->scroll = f->cur;
	while (cols_of(f, f->scroll, f->cur) >= cols && mf->scroll < f->cur)
		mf->scroll++;
	int used = 0;
	attron(attr);
	move(y, x);
	for (int i = f->scroll; i < f->len; i++) {
		int cw = f->secret ? 1 : wcwidth(f->buf[i]);
		if (cw < 0)
			cw = 0;
		if (used + cw > cols)
			break;
		cchar_t cc;
		wchar_t wc[2] = { f->secret ? L'*' : f->buf[i], L'\0' };
		setcchar(&cc, wc, A_NORMAL, 0, NULL);
		add_wch(&cc);
		used += cw;
	}
	for (; used < cols; used++)
		addch(' ');
	attroff(attr);
	if (focused)
		move(y, x + cols_of(f, f->scroll, f->cur));
}
