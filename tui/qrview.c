/* The QR code on screen, the way `qrencode -t ANSIUTF8` draws it: half
 * blocks, an explicit black-on-white pair and the 4-module quiet zone, only
 * when the whole code fits; otherwise the screen says so and offers to
 * print. Also the screen shown after saving a notice or a request. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

typedef struct qr_data {
	char url[STORE_URL_MAX + 64];
	char ref[REFCODE_SIZE];
	char **lines;
	int nlines, cols;
	char error[512];
	/* After saving: what was saved. */
	bool done;
	patient p;
	bool has_notice, has_request;
	notice_rec n;
	request_rec r;
	int wait_months;
} qr_data;

static void qr_load(app *a, qr_data *q)
{
	clinic_settings cs;
	qr_matrix m;
	const char *why = NULL;
	store_rc rc = store_clinic_get(a->st, &cs);
	q->error[0] = '\0';
	if (rc != STORE_OK) {
		snprintf(q->error, sizeof q->error, "%s", _(store_rc_message(rc)));
		return;
	}
	q->wait_months = cs.wait_months > 0 ? cs.wait_months : 1;
	if (cs.notice_url[0] == '\0') {
		snprintf(q->error, sizeof q->error, "%s", _("No notice URL is set: enter it in the settings (F8 on the search screen)."));
		return;
	}
	if (!print_url_check(cs.notice_url, &why)) {
		snprintf(q->error, sizeof q->error, _("the notice URL setting cannot be used: %s"), _(why));
		return;
	}
	if (!print_notice_url(&cs, q->ref[0] ? q->ref : NULL, q->url, sizeof q->url) ||
	    !qr_encode(q->url, &m)) {
		snprintf(q->error, sizeof q->error, "%s", _("the notice URL does not fit in a QR code"));
		return;
	}
	q->lines = qr_text_lines(&m, &q->nlines, &q->cols);
	qr_free(&m);
	if (q->lines == NULL)
		snprintf(q->error, sizeof q->error, "%s", _("Out of memory."));
}

/* Draws the code with its top-left corner at (y, x) if it fits in the
 * given room; false (nothing drawn) otherwise. */
static bool qr_draw_at(const app *a, const qr_data *q, int y, int x, int rows, int cols)
{
	if (q->lines == NULL || q->nlines > rows || q->cols > cols)
		return false;
	int attr = draw_attr(a, CP_QR);
	attron(attr);
	for (int i = 0; i < q->nlines; i++)
		mvaddstr(y + i, x, q->lines[i]);   /* our own half blocks: no outside text */
	attroff(attr);
	return true;
}

static void done_info(qr_data *q, int y, int cols)
{
	char line[512], era[DATE_ERA_SIZE];
	if (q->has_notice) {
		attron(A_BOLD);
		draw_text(y++, 1, cols, _("The notice is recorded."));
		attroff(A_BOLD);
		snprintf(line, sizeof line, _("Reference: %s"), q->n.ref);
		draw_text(y++, 1, cols, line);
		format_era(q->n.date, era, sizeof era);
		snprintf(line, sizeof line, _("Handed: %s"), era);
		draw_text(y++, 1, cols, line);
		if (q->n.stop_in_effect) {
			attron(A_BOLD);
			y += draw_wrapped(y, 1, cols, 3, _("A stop is in effect on that date: this notice promises no date from which data flows."));
			attroff(A_BOLD);
		} else {
			format_era(date_flow_from(q->n.date, q->wait_months), era, sizeof era);
			snprintf(line, sizeof line, _("Data may flow from: %s"), era);
			draw_text(y++, 1, cols, line);
		}
		y++;
		draw_text(y++, 1, cols, _("F3 or 1: print the notice"));
		draw_text(y++, 1, cols, _("F4 or 2: print the slip"));
		draw_text(y++, 1, cols, _("Esc: back without printing."));
	} else if (q->has_request) {
		attron(A_BOLD);
		draw_text(y++, 1, cols, q->r.stop ? _("The stop request is recorded.")
		                                  : _("The withdrawal is recorded."));
		attroff(A_BOLD);
		snprintf(line, sizeof line, _("Receipt number: %s"), q->r.ref);
		draw_text(y++, 1, cols, line);
		format_era(q->r.date, era, sizeof era);
		snprintf(line, sizeof line, _("Received: %s"), era);
		draw_text(y++, 1, cols, line);
		if (q->r.mismatch)
			draw_text(y++, 1, cols, _("Recorded as a mismatch of the requester kind, confirmed by staff."));
		if (q->r.addition)
			y += draw_wrapped(y, 1, cols, 3, _("A stop was already in effect: this request is recorded as an addition to it, asking that data already provided be deleted."));
		draw_text(y++, 1, cols, q->r.stop ? _("From this date on, the patient's data is not provided.")
		                                  : _("Data may flow again from this date, if the notice was given."));
		y++;
		draw_text(y++, 1, cols, _("F5 or 3: print the receipt"));
		draw_text(y++, 1, cols, _("Esc: back without printing."));
	}
}

static void qr_screen_draw(app *a, view *v)
{
	qr_data *q = v->data;
	if (q->done) {
		char title[STORE_NUMBER_SIZE + STORE_NAME_SIZE + 4];
		snprintf(title, sizeof title, "%s  %s", q->p.number, q->p.name);
		draw_title(a, title);
		/* The code on the right when it fits, the text on the left. */
		const int qx = q->lines != NULL ? COLS - q->cols - 1 : COLS;
		const bool qr = q->has_notice && qr_draw_at(a, q, 2, qx, screen_bottom() - 2, COLS - 40);
		done_info(q, 2, qr ? qx - 2 : COLS - 2);
		if (q->has_notice && !qr)
			draw_text(12, 1, COLS - 2, _("F9 shows the QR code."));
		return;
	}
	draw_title(a, _("QR code of the notice"));
	if (q->error[0]) {
		attron(draw_attr(a, CP_ERROR));
		draw_text(2, 1, COLS - 2, q->error);
		attroff(draw_attr(a, CP_ERROR));
		return;
	}
	draw_text(1, 1, COLS - 2, q->url);
	if (!qr_draw_at(a, q, 2, (COLS - q->cols) / 2 > 0 ? (COLS - q->cols) / 2 : 0,
	                screen_bottom() - 2, COLS)) {
		char msg[512];
		snprintf(msg, sizeof msg, _("The QR code does not fit on this screen (it needs %d×%d; the screen has %d×%d). Enlarge the window or print it: F4."),
		         q->cols, q->nlines + 4, COLS, LINES);
		draw_wrapped(3, 1, COLS - 2, 4, msg);
	}
}

static bool qr_screen_action(app *a, view *v, action_id id)
{
	qr_data *q = v->data;
	switch (id) {
	case A_PRINT_NOTICE:
		if (q->has_notice)
			tui_print(a, DOC_NOTICE, &q->p, &q->n, NULL);
		return q->has_notice;
	case A_PRINT_SLIP:
		if (q->has_notice)
			tui_print(a, DOC_SLIP, &q->p, &q->n, NULL);
		return true;
	case A_PRINT_POSTER:
		if (!q->done && !q->has_notice)
			tui_print(a, DOC_POSTER, NULL, NULL, NULL);   /* the clinic's code */
		return true;
	case A_PRINT_RECEIPT:
		if (q->has_request)
			tui_print(a, DOC_RECEIPT, &q->p, NULL, &q->r);
		return q->has_request;
	case A_QR:
		if (q->has_notice)
			app_push(a, qr_view(a, q->n.ref));
		return true;
	default:
		return false;
	}
}

static bool qr_offers(const view *v, action_id id)
{
	const qr_data *q = v->data;
	switch (id) {
	case A_PRINT_NOTICE: case A_QR: return q->has_notice;
	case A_PRINT_RECEIPT: return q->has_request;
	case A_PRINT_SLIP: return q->has_notice;
	case A_PRINT_POSTER: return !q->done && !q->has_notice;
	default: return true;
	}
}

static void qr_destroy(view *v)
{
	qr_data *q = v->data;
	qr_lines_free(q->lines, q->nlines);
	free(q);
}

static const view_ops qr_ops = {
	.screen = SCR_QR,
	.draw = qr_screen_draw,
	.action = qr_screen_action,
	.offers = qr_offers,
	.destroy = qr_destroy,
};

static const view_ops done_ops = {
	.screen = SCR_DONE,
	.draw = qr_screen_draw,
	.action = qr_screen_action,
	.offers = qr_offers,
	.destroy = qr_destroy,
};

view *qr_view(app *a, const char *ref)
{
	qr_data *q = calloc(1, sizeof *q);
	if (q == NULL)
		return NULL;
	if (ref != NULL) {
		snprintf(q->ref, sizeof q->ref, "%s", ref);
		/* With the notice, the QR screen can print its slip. */
		if (store_notice_get_ref(a->st, ref, &q->n) == STORE_OK &&
		    store_patient_get_id(a->st, q->n.patient_id, &q->p) == STORE_OK)
			q->has_notice = true;
	}
	qr_load(a, q);
	return view_new(&qr_ops, q);
}

view *done_view(app *a, const patient *p, const notice_rec *n, const request_rec *r)
{
	qr_data *q = calloc(1, sizeof *q);
	if (q == NULL)
		return NULL;
	q->done = true;
	q->p = *p;
	if (n != NULL) {
		q->n = *n;
		q->has_notice = true;
		snprintf(q->ref, sizeof q->ref, "%s", n->ref);
		qr_load(a, q);
	}
	if (r != NULL) {
		q->r = *r;
		q->has_request = true;
	}
	return view_new(&done_ops, q);
}
