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
#define PROV_SHOWN 3          /* "provided to" lines: the newest */

typedef struct patient_data {
	char number[STORE_NUMBER_SIZE];
	char merged_from[STORE_NUMBER_SIZE];  /* the merged-away number typed, if so */
	bool loaded;
	patient p;
	elig_result state;
	bool state_known;
	history_item *hist;
	int nhist, sel, scroll;
	bool hist_cut;
	/* issue 10: the provisions that included this patient, newest first */
	provision_rec prov[PROV_SHOWN + 1];
	int nprov;
} patient_data;

static bool collect_prov(const provision_rec *p, void *ctx)
{
	patient_data *d = ctx;
	d->prov[d->nprov++] = *p;
	return d->nprov < PROV_SHOWN + 1;
}

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
	/* Opened by a number merged into another: the screen is that
	 * other's, and says so; reloads go by the number kept. */
	if (d->p.looked_up_as[0]) {
		snprintf(d->merged_from, sizeof d->merged_from, "%s", d->p.looked_up_as);
		snprintf(d->number, sizeof d->number, "%s", d->p.number);
	}
	d->state_known = store_patient_status(a->st, d->p.id, a->today, &d->state) == STORE_OK;
	d->nprov = 0;
	/* One more than shown, to say that there are more. */
	rc = store_patient_provisions(a->st, d->p.id, PROV_SHOWN + 1, collect_prov, d);
	if (rc != STORE_OK)
		app_store_error(a, rc);
	rc = store_history(a->st, d->p.id, collect_hist, d);
	if (rc != STORE_OK)
		app_store_error(a, rc);
	if (d->sel >= d->nhist)
		d->sel = d->nhist > 0 ? d->nhist - 1 : 0;
	d->loaded = true;
}

static void patient_draw(app *a, view *v)
{
	patient_data *d = v->data;
	char title[256], line[STORE_FIELD_SIZE + 256], birth[96];
	snprintf(title, sizeof title, _("Patient %s"), d->number);
	if (d->merged_from[0]) {
		size_t n = strlen(title);
		snprintf(title + n, sizeof title - n, "  ");
		n = strlen(title);
		snprintf(title + n, sizeof title - n, _("(%s → merged into %s)"), d->merged_from,
		         d->number);
	}
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
	y++;
	/* Where the data went: who must be told if deletion is asked. */
	for (int i = 0; i < d->nprov && i < PROV_SHOWN; i++) {
		char era[DATE_ERA_SIZE], iso[DATE_ISO_SIZE], when[DATE_ERA_SIZE + DATE_ISO_SIZE + 4];
		format_era(d->prov[i].date, era, sizeof era);
		date_format_iso(d->prov[i].date, iso);
		snprintf(when, sizeof when, "%s (%s)", era, iso);
		snprintf(line, sizeof line, _("provided to %s on %s (provision %lld)"),
		         d->prov[i].operator_name, when, (long long)d->prov[i].id);
		draw_text(y++, 3, COLS - 4, line);
	}
	if (d->nprov > PROV_SHOWN)
		draw_text(y++, 3, COLS - 4, _("… and earlier provisions (optout-desk patient show)"));
	y++;
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
			h += history_rows(&d->hist[i], d->p.number);
		if (h <= bottom - y)
			break;
		d->scroll++;
	}
	for (int i = d->scroll; i < d->nhist && y < bottom; i++) {
		const history_item *h = &d->hist[i];
		const int n = history_rows(h, d->p.number);
		const int maxrows = y + n <= bottom ? n : bottom - y;
		if (i == d->sel)
			attron(A_REVERSE);
		for (int r = 0; r < maxrows; r++)
			draw_text_pad(y + r, 0, COLS, "");
		history_draw(h, d->p.number, y, maxrows);
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
	case A_EDIT: app_push(a, edit_form_view(a, &d->p)); return true;
	case A_MERGE: app_push(a, merge_form_view(a, &d->p, NULL)); return true;
	case A_VOID:
		if (d->sel < d->nhist && history_voidable(&d->hist[d->sel]))
			app_push(a, void_form_view(a, &d->p, &d->hist[d->sel]));
		return true;
	case A_REPRINT:
		if (d->sel < d->nhist)
			tui_reprint(a, &d->p, &d->hist[d->sel]);
		return true;
	default:
		return false;
	}
}

/* Voiding applies to the selected entry when it can be voided: otherwise
 * the key is not on the bar. */
static bool patient_offers(const view *v, action_id id)
{
	const patient_data *d = v->data;
	if (id == A_VOID)
		return d->loaded && d->sel < d->nhist && history_voidable(&d->hist[d->sel]);
	return true;
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
	.offers = patient_offers,
	.destroy = patient_destroy,
};

view *patient_view(app *a, const char *number)
{
	login_opened(a, number);
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
