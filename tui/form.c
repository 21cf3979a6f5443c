/* A form is a view: labelled fields, Tab/arrows between them, F12 saves
 * through the form's commit function, Esc asks before dropping what was
 * typed (the app does that through .dirty). */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

form *form_new(const form_ops *ops, const char *title, void *ctx)
{
	form *f = calloc(1, sizeof *f);
	if (f == NULL)
		return NULL;
	f->ops = ops;
	f->title = title;
	f->ctx = ctx;
	/* One request id per opened form (issue 12): saving it again, after
	 * a crash or a second F12, returns the first entry. */
	unsigned char r[16];
	randombytes_buf(r, sizeof r);
	memcpy(f->request_id, "tui-", 4);
	sodium_bin2hex(f->request_id + 4, sizeof f->request_id - 4, r, sizeof r);
	return f;
}

field *form_add(form *f, field_type type, const char *label, bool required, int max_chars)
{
	if (f->n >= FORM_MAX_FIELDS)
		abort();   /* a programming error: the forms are fixed */
	field *fl = &f->fields[f->n++];
	memset(fl, 0, sizeof *fl);
	fl->type = type;
	fl->label = label;
	fl->required = required;
	fl->max_chars = max_chars > 0 && max_chars < FIELD_MAX_CHARS ? max_chars : FIELD_MAX_CHARS;
	return fl;
}

bool form_error(app *a, form *f, int i, const char *fmt, ...)
{
	va_list ap;
	char msg[TUI_MSG_SIZE];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (i >= 0 && i < f->n) {
		f->focus = i;
		app_say(a, true, "%s: %s", _(f->fields[i].label), msg);
	} else {
		app_say(a, true, "%s", msg);
	}
	return false;
}

bool form_date(app *a, form *f, int i, od_date *out)
{
	char text[128];
	if (!field_text(&f->fields[i], text, sizeof text))
		return form_error(a, f, i, "%s", _(date_err_message(DATE_ERR_FORMAT)));
	date_err e = date_parse(text, out);
	if (e != DATE_OK)
		return form_error(a, f, i, "%s", _(date_err_message(e)));
	return true;
}

bool form_string(app *a, form *f, int i, bool kana, char *out, size_t outsz)
{
	const field *fl = &f->fields[i];
	if (!field_text(fl, out, outsz))
		return form_error(a, f, i, "%s", _(text_err_message(TEXT_TOO_LONG)));
	text_err e = kana ? text_check_kana(out, (size_t)fl->max_chars, fl->required)
	                  : text_check(out, (size_t)fl->max_chars, fl->required);
	if (e != TEXT_OK)
		return form_error(a, f, i, "%s", _(text_err_message(e)));
	return true;
}

/* ---- the view ------------------------------------------------------------ */

#define LABEL_COLS 24

static void form_draw(app *a, view *v)
{
	form *f = v->data;
	draw_title(a, _(f->title));
	if (f->subtitle[0])
		draw_text(1, 1, COLS - 2, f->subtitle);
	int y = 3, focus_y = -1, focus_x = 0;
	const int value_cols = COLS - LABEL_COLS - 3;
	/* More fields than lines (the settings at 80x24): scroll so that the
	 * focused one shows, and say that there are more. */
	int rows = screen_bottom() - 1 - y, nshown = 0, focus_k = 0;
	for (int i = 0; i < f->n; i++)
		if (!f->fields[i].hidden) {
			if (i == f->focus)
				focus_k = nshown;
			nshown++;
		}
	if (nshown <= rows)
		f->top = 0;
	else {
		rows--;   /* a line for the "more" marks */
		if (focus_k < f->top)
			f->top = focus_k;
		if (focus_k >= f->top + rows)
			f->top = focus_k - rows + 1;
		if (f->top > nshown - rows)
			f->top = nshown - rows;
	}
	int k = -1;
	for (int i = 0; i < f->n && y < 3 + rows; i++) {
		const field *fl = &f->fields[i];
		if (fl->hidden || ++k < f->top)
			continue;
		char label[128];
		snprintf(label, sizeof label, "%s%s", _(fl->label), fl->required ? " *" : "");
		if (i == f->focus)
			attron(A_BOLD);
		draw_text(y, 1, LABEL_COLS, label);
		if (i == f->focus)
			attroff(A_BOLD);
		int w = fl->type == F_DATE ? 14 : value_cols;
		if (fl->type == F_TEXT && fl->max_chars < value_cols)
			w = fl->max_chars * 2 + 1 < value_cols ? fl->max_chars * 2 + 1 : value_cols;
		field_draw(a, fl, y, LABEL_COLS + 2, w, false);
		if (fl->type == F_DATE && !field_empty(fl)) {
			/* The date as understood, in 和暦, beside what was typed. */
			char text[64], shown[DATE_ERA_SIZE + DATE_ISO_SIZE + 16];
			od_date d;
			if (field_text(fl, text, sizeof text) && date_parse(text, &d) == DATE_OK) {
				char era[DATE_ERA_SIZE], iso[DATE_ISO_SIZE];
				format_era(d, era, sizeof era);
				date_format_iso(d, iso);
				snprintf(shown, sizeof shown, "= %s (%s)", era, iso);
			} else {
				snprintf(shown, sizeof shown, "%s", _("(not a date yet)"));
			}
			draw_text(y, LABEL_COLS + 2 + w + 1, COLS - (LABEL_COLS + 2 + w + 2), shown);
		}
		if (i == f->focus) {
			focus_y = y;
			focus_x = w;
		}
		y++;
	}
	if (nshown > rows) {
		char more[128];
		snprintf(more, sizeof more, "%s%s", f->top > 0 ? _("↑ more above  ") : "",
		         f->top + rows < nshown ? _("↓ more below") : "");
		draw_text(y, LABEL_COLS + 2, COLS - LABEL_COLS - 3, more);
	} else if (f->ops->extra)
		f->ops->extra(a, f, y + 1);
	/* Draw the focused field last so the cursor ends up in it. */
	if (focus_y >= 0) {
		curs_set(1);
		field_draw(a, &f->fields[f->focus], focus_y, LABEL_COLS + 2, focus_x, true);
	}
}

static void move_focus(form *f, int dir)
{
	for (int k = 0; k < f->n; k++) {
		f->focus = (f->focus + dir + f->n) % f->n;
		if (!f->fields[f->focus].hidden)
			return;
	}
}

static void form_key(app *a, view *v, wint_t ch, bool is_key)
{
	form *f = v->data;
	if ((!is_key && (ch == L'\t' || ch == L'\n' || ch == L'\r')) ||
	    (is_key && (ch == KEY_DOWN || ch == KEY_ENTER))) {
		move_focus(f, 1);
		return;
	}
	if (is_key && (ch == KEY_BTAB || ch == KEY_UP)) {
		move_focus(f, -1);
		return;
	}
	field *fl = &f->fields[f->focus];
	if (field_key(fl, ch, is_key)) {
		fl->touched = true;
		f->dirty = true;
		a->msg[0] = '\0';
		a->msg_error = false;
		if (f->ops->changed)
			f->ops->changed(a, f, f->focus);
	}
}

static bool form_action(app *a, view *v, action_id id)
{
	form *f = v->data;
	if (id != A_COMMIT)
		return f->ops->action ? f->ops->action(a, f, id) : false;
	/* The commit may pop this view: nothing of f is used after it. */
	if (a->st != NULL)
		store_request_id_arm(a->st, f->request_id, "tui-form", "");
	f->ops->commit(a, f);
	if (a->st != NULL)
		store_request_id_arm(a->st, NULL, NULL, NULL);
	return true;
}

static bool form_offers(const view *v, action_id id)
{
	const form *f = v->data;
	if (f->ops->offers)
		return f->ops->offers(f, id);
	return id != A_IMPORT;   /* the settings form's own */
}

static bool form_dirty(const view *v)
{
	const form *f = v->data;
	return f->dirty;
}

static void form_destroy(view *v)
{
	form *f = v->data;
	if (f->ops->destroy)
		f->ops->destroy(f);
	free(f);
}

static const view_ops form_view_ops = {
	.screen = SCR_FORM,
	.draw = form_draw,
	.action = form_action,
	.key = form_key,
	.dirty = form_dirty,
	.offers = form_offers,
	.destroy = form_destroy,
};

view *form_view(form *f)
{
	return f != NULL ? view_new(&form_view_ops, f) : NULL;
}
