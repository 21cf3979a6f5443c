/* The patient screen: a status panel a patient could read over the
 * counter, then the history newest first, and the actions on them. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

#define HIST_MAX 200

typedef struct patient_data {
	char number[STORE_NUMBER_SIZE];
	bool loaded;
	patient p;
	elig_result state;
	bool state_known;
	history_item *hist;
	int nhist, sel, scroll;
	bool hist_cut;
} patient_data;

static bool collect_hist(const history_item *h, void *ctx)
{
	patient_data *d = ctx;
	if (d->nhist == HIST_MAX) {
		d->hist_cut = true;
		return false;
	}
	d->hist[d->nhist++] = *h;
	return true;
}

static void patient_enter(app *a, view *v)
{
	patient_data *d = v->data;
	d->loaded = false;
	d->nhist = 0;
	d->hist_cut = false;
	store_rc rc = store_patient_get(a->st, d->number, &d->p);
	if (rc != STORE_OK) {
		app_store_error(a, rc);
		return;
	}
	d->state_known = store_patient_status(a->st, d->p.id, a->today, &d->state) == STORE_OK;
	rc = store_history(a->st, d->p.id, collect_hist, d);
	if (rc != STORE_OK)
		app_store_error(a, rc);
	if (d->sel >= d->nhist)
		d->sel = d->nhist > 0 ? d->nhist - 1 : 0;
	d->loaded = true;
}

static const char *hist_kind_label(const history_item *h)
{
	switch (h->kind) {
	case HIST_NOTICE: return _("Notice handed");
	case HIST_STOP: return _("Stop request");
	case HIST_WITHDRAW: return _("Withdrawal");
	case HIST_UNABLE: return _("Unable to decide");
	case HIST_ABLE: return _("Able to decide again");
	case HIST_DEATH: return _("Death recorded");
	case HIST_CONTACT: return _("Contact details changed");
	case HIST_CHANGE: return _("Particulars changed");
	case HIST_MERGE: return _("Records merged");
	case HIST_REGISTER: return _("Registered as another person");
	}
	return "";
}

/* Who, for notices and requests: 保護者等 山田 花子（親）. */
static void hist_who(const history_item *h, char *out, size_t outsz)
{
	out[0] = '\0';
	if (h->kind == HIST_NOTICE || h->kind == HIST_STOP || h->kind == HIST_WITHDRAW) {
		const char *kind = _(requester_kind_label(h->who_kind));
		if (h->who_kind == REQ_SELF || h->who[0] == '\0')
			snprintf(out, outsz, "%s", kind);
		else if (h->rel != REL_NONE)
			snprintf(out, outsz, "%s %s (%s)", kind, h->who, _(relationship_label(h->rel)));
		else
			snprintf(out, outsz, "%s %s", kind, h->who);
		if (h->mismatch) {
			size_t n = strlen(out);
			snprintf(out + n, outsz - n, " %s", _("[kind did not fit: confirmed by staff]"));
		}
	} else if (h->kind == HIST_UNABLE && h->note[0]) {
		snprintf(out, outsz, "%s", h->note);
	} else if (h->kind == HIST_CONTACT) {
		snprintf(out, outsz, "%s %s", h->who, h->note);
	}
}

/* The history's columns at this width: date, what, reference, who (and
 * the rest, wrapped), staff. */
enum { HC_DATE = 16, HC_KIND = 14, HC_REF = 12, HC_STAFF = 12, HIST_ROWS_MAX = 4 };

static int who_cols(void)
{
	return COLS - 1 - (HC_DATE + 1) - (HC_KIND + 1) - (HC_REF + 1) - (HC_STAFF + 2);
}

/* Lines s takes wrapped in cols columns (at least 1). */
static int wrapped_rows(const char *s, int cols)
{
	char part[1024];
	int rows = 0;
	while (*s && rows < HIST_ROWS_MAX) {
		text_fit(s, cols, part, sizeof part);
		if (part[0] == '\0')
			break;
		s += strlen(part);
		rows++;
	}
	return rows > 0 ? rows : 1;
}

static int hist_rows(const history_item *h)
{
	char who[STORE_NOTE_SIZE * 2 + STORE_NAME_SIZE + 256];
	hist_who(h, who, sizeof who);
	int n = wrapped_rows(who, who_cols());
	int k = wrapped_rows(hist_kind_label(h), HC_KIND);
	int st = wrapped_rows(h->staff, HC_STAFF);
	n = k > n ? k : n;
	return st > n ? st : n;
}

static void hist_draw(app *a, const history_item *h, int y, int maxrows)
{
	char era[DATE_ERA_SIZE], who[STORE_NOTE_SIZE * 2 + STORE_NAME_SIZE + 256];
	(void)a;
	format_era(h->date, era, sizeof era);
	hist_who(h, who, sizeof who);
	int x = 1;
	draw_text(y, x, HC_DATE, era); x += HC_DATE + 1;
	draw_wrapped(y, x, HC_KIND, maxrows, hist_kind_label(h)); x += HC_KIND + 1;
	draw_text(y, x, HC_REF, h->ref); x += HC_REF + 1;
	draw_wrapped(y, x, who_cols(), maxrows, who); x += who_cols() + 1;
	draw_wrapped(y, x, HC_STAFF, maxrows, h->staff);
}

static void patient_draw(app *a, view *v)
{
	patient_data *d = v->data;
	char title[256], line[STORE_FIELD_SIZE + 256], birth[96];
	snprintf(title, sizeof title, _("Patient %s"), d->number);
	draw_title(a, title);
	if (!d->loaded)
		return;
	const patient *p = &d->p;
	snprintf(line, sizeof line, "%s  (%s)", p->name, p->kana);
	attron(A_BOLD);
	draw_text(2, 1, COLS - 2, line);
	attroff(A_BOLD);
	format_birth(p, a->today, birth, sizeof birth);
	const char *sex = p->sex == 'm' ? _("male") : p->sex == 'f' ? _("female") : _("not recorded");
	snprintf(line, sizeof line, "%s: %s   %s: %s", _("Birth date"), birth, _("Sex"), sex);
	draw_text(3, 1, COLS - 2, line);
	int y = 4;
	if (p->address[0]) {
		snprintf(line, sizeof line, "%s: %s", _("Address"), p->address);
		draw_text(y++, 1, COLS - 2, line);
	}
	if (p->died || p->unable || p->phone[0]) {
		char era[DATE_ERA_SIZE];
		line[0] = '\0';
		if (p->died) {
			format_era(p->death, era, sizeof era);
			snprintf(line, sizeof line, _("Deceased (%s)"), era);
		}
		if (p->unable) {
			size_t n = strlen(line);
			snprintf(line + n, sizeof line - n, "%s%s", n ? "   " : "",
			         _("Unable to decide: a representative acts"));
		}
		if (p->phone[0]) {
			size_t n = strlen(line);
			snprintf(line + n, sizeof line - n, "%s%s: %s", n ? "   " : "", _("Phone"), p->phone);
		}
		draw_text(y++, 1, COLS - 2, line);
	}
	/* The status panel: the label in colour and in words. */
	y++;
	char state[512];
	if (d->state_known)
		format_state(&d->state, a->today, state, sizeof state);
	else
		snprintf(state, sizeof state, "%s", _("(the state could not be read)"));
	int attr = d->state_known ? draw_attr(a, draw_state_pair(d->state.state)) : (int)A_BOLD;
	int sx = 1 + draw_text(y, 1, COLS / 3, _("Data provision:")) + 1;
	attron(attr | A_BOLD);
	draw_text(y, sx, COLS - sx - 1, state);
	attroff(attr | A_BOLD);
	y += 2;
	attron(A_BOLD);
	draw_text(y++, 1, COLS - 2, _("History (newest first)"));
	attroff(A_BOLD);
	if (d->nhist == 0)
		draw_text(y, 3, COLS - 4, _("Nothing recorded yet. F3 records the notice."));
	const int bottom = screen_bottom();
	/* An entry takes as many lines as its longest column needs: names and
	 * reasons are wrapped, never cut. The selected one is kept in view. */
	if (d->sel < d->scroll)
		d->scroll = d->sel;
	while (d->scroll < d->sel) {
		int h = 0;
		for (int i = d->scroll; i <= d->sel; i++)
			h += hist_rows(&d->hist[i]);
		if (h <= bottom - y)
			break;
		d->scroll++;
	}
	for (int i = d->scroll; i < d->nhist && y < bottom; i++) {
		const history_item *h = &d->hist[i];
		const int n = hist_rows(h);
		const int maxrows = y + n <= bottom ? n : bottom - y;
		if (i == d->sel)
			attron(A_REVERSE);
		for (int r = 0; r < maxrows; r++)
			draw_text_pad(y + r, 0, COLS, "");
		hist_draw(a, h, y, maxrows);
		if (i == d->sel)
			attroff(A_REVERSE);
		y += maxrows;
	}
}

static void patient_key(app *a, view *v, wint_t ch, bool is_key)
{
	patient_data *d = v->data;
	(void)a;
	if (is_key && ch == KEY_DOWN && d->sel + 1 < d->nhist)
		d->sel++;
	else if (is_key && ch == KEY_UP && d->sel > 0)
		d->sel--;
}

/* The reference for the QR code: the selected notice, else the latest. */
static const char *notice_ref(const patient_data *d)
{
	if (d->sel < d->nhist && d->hist[d->sel].kind == HIST_NOTICE)
		return d->hist[d->sel].ref;
	for (int i = 0; i < d->nhist; i++)
		if (d->hist[i].kind == HIST_NOTICE)
			return d->hist[i].ref;
	return NULL;
}

static bool patient_action(app *a, view *v, action_id id)
{
	patient_data *d = v->data;
	if (!d->loaded)
		return false;
	switch (id) {
	case A_NOTICE: app_push(a, notice_form_view(a, &d->p)); return true;
	case A_STOP: app_push(a, request_form_view(a, &d->p, true)); return true;
	case A_WITHDRAW: app_push(a, request_form_view(a, &d->p, false)); return true;
	case A_CAPACITY: app_push(a, capacity_form_view(a, &d->p)); return true;
	case A_DEATH: app_push(a, death_form_view(a, &d->p)); return true;
	case A_CONTACT: app_push(a, contact_form_view(a, &d->p)); return true;
	case A_QR: app_push(a, qr_view(a, notice_ref(d))); return true;
	case A_REPRINT:
		if (d->sel < d->nhist)
			tui_reprint(a, &d->p, &d->hist[d->sel]);
		return true;
	default:
		return false;
	}
}

static void patient_destroy(view *v)
{
	patient_data *d = v->data;
	free(d->hist);
	free(d);
}

static const view_ops patient_ops = {
	.screen = SCR_PATIENT,
	.draw = patient_draw,
	.action = patient_action,
	.key = patient_key,
	.enter = patient_enter,
	.destroy = patient_destroy,
};

view *patient_view(app *a, const char *number)
{
	(void)a;
	patient_data *d = calloc(1, sizeof *d);
	if (d == NULL)
		return NULL;
	d->hist = calloc(HIST_MAX, sizeof *d->hist);
	if (d->hist == NULL) {
		free(d);
		return NULL;
	}
	snprintf(d->number, sizeof d->number, "%s", number);
	return view_new(&patient_ops, d);
}
