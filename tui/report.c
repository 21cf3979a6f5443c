/* The report screen (issue 13): the daily report for a chosen date, the
 * month and the year with bars of block characters, and the actions that
 * save the PDF or print it. The screen shows the very lines `report`
 * prints (report_text over store_report_load), and saves and prints
 * through print_report as the command line does. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

typedef struct report_view_data {
	report_span span;
	od_date anchor;
	report_counts *r;
	bool loaded;
	char **lines;
	int nlines, cap;
	int top;                       /* first line shown */
} report_view_data;

static void lines_free(report_view_data *d)
{
	for (int i = 0; i < d->nlines; i++)
		free(d->lines[i]);
	d->nlines = 0;
}

static bool add_line(const char *line, void *ctx)
{
	report_view_data *d = ctx;
	if (d->nlines == d->cap) {
		int cap = d->cap ? d->cap * 2 : 64;
		char **p = realloc(d->lines, (size_t)cap * sizeof *p);
		if (p == NULL)
			return false;
		d->lines = p;
		d->cap = cap;
	}
	char *copy = strdup(line);
	if (copy == NULL)
		return false;
	d->lines[d->nlines++] = copy;
	return true;
}

/* The counts and the clinic, read again (another desk may have saved). */
static bool load(app *a, report_view_data *d, print_context *pc)
{
	report_init(d->r, d->span, d->anchor);
	store_rc rc = print_context_load(a->st, pc);
	if (rc == STORE_OK)
		rc = store_report_load(a->st, d->r);
	if (rc != STORE_OK) {
		print_context_free(pc);
		app_store_error(a, rc);
		return false;
	}
	return true;
}

static void report_enter(app *a, view *v)
{
	report_view_data *d = v->data;
	print_context pc;
	lines_free(d);
	d->loaded = load(a, d, &pc);
	if (!d->loaded)
		return;
	report_text(d->r, &pc.clinic, add_line, d);
	print_context_free(&pc);
	if (d->top > d->nlines - 1)
		d->top = d->nlines > 0 ? d->nlines - 1 : 0;
}

static int page_rows(void)
{
	int n = screen_bottom() - 2;
	return n < 1 ? 1 : n;
}

static void report_draw(app *a, view *v)
{
	report_view_data *d = v->data;
	draw_title(a, report_title(d->span));
	const int rows = page_rows();
	for (int i = 0; i < rows && d->top + i < d->nlines; i++)
		draw_text(2 + i, 1, COLS - 2, d->lines[d->top + i]);
	if (d->top + rows < d->nlines)
		draw_text(screen_bottom() - 1, COLS - 4, 3, "↓");
}

static void go(app *a, view *v, report_span span, od_date anchor)
{
	report_view_data *d = v->data;
	d->span = span;
	d->anchor = anchor;
	d->top = 0;
	report_enter(a, v);
}

static void report_key(app *a, view *v, wint_t ch, bool is_key)
{
	report_view_data *d = v->data;
	if (!is_key)
		return;
	switch (ch) {
	case KEY_UP: if (d->top > 0) d->top--; break;
	case KEY_DOWN: if (d->top + page_rows() < d->nlines) d->top++; break;
	case KEY_PPAGE: d->top = d->top > page_rows() ? d->top - page_rows() : 0; break;
	case KEY_NPAGE:
		if (d->top + page_rows() < d->nlines)
			d->top += page_rows();
		break;
	/* the day, month or year before and after */
	case KEY_LEFT: go(a, v, d->span, report_step(d->r, -1)); break;
	case KEY_RIGHT: go(a, v, d->span, report_step(d->r, 1)); break;
	default: break;
	}
}

/* ---- the period asked for --------------------------------------------------- */

static bool period_commit(app *a, form *f)
{
	view *target = f->ctx;
	report_view_data *d = target->data;
	char text[64];
	od_date anchor;
	if (!form_string(a, f, 0, false, text, sizeof text))
		return false;
	bool ok = d->span == REPORT_DAY ? date_parse(text, &anchor) == DATE_OK
	        : d->span == REPORT_MONTH ? report_parse_month(text, &anchor)
	        : report_parse_year(text, &anchor);
	if (!ok)
		return form_error(a, f, 0, "%s", d->span == REPORT_DAY
			? _("Type a date: 2026-11-24, R8.11.24 or 令和8年11月24日.")
			: d->span == REPORT_MONTH ? _("Type the month as YYYY-MM (2026-11).")
			                          : _("Type the year as YYYY (2026)."));
	d->anchor = anchor;
	d->top = 0;
	app_pop(a);   /* the report comes back on top and reads itself again */
	return true;
}

static const form_ops period_ops = { .commit = period_commit };

static view *period_form(report_view_data *d, view *target)
{
	form *f = form_new(&period_ops, d->span == REPORT_DAY ? N_("Daily report for the date")
	                   : d->span == REPORT_MONTH ? N_("Monthly report for the month")
	                                             : N_("Yearly report for the year"), target);
	if (f == NULL)
		return NULL;
	field *fl = form_add(f, F_TEXT, d->span == REPORT_DAY ? N_("Date")
	                     : d->span == REPORT_MONTH ? N_("Month (YYYY-MM)") : N_("Year (YYYY)"),
	                     true, 20);
	char text[DATE_ISO_SIZE];
	date_format_iso(d->r->from, text);
	text[d->span == REPORT_DAY ? 10 : d->span == REPORT_MONTH ? 7 : 4] = '\0';
	field_set_text(fl, text);
	return form_view(f);
}

/* ---- paper ------------------------------------------------------------------- */

/* Saves the A4 PDF in the output folder, or prints: the day's short form
 * on the receipt printer, the month's or year's A4 on the notice printer;
 * without a queue it is saved. */
static void paper(app *a, report_view_data *d, bool print)
{
	print_context pc;
	if (!load(a, d, &pc))
		return;
	report_request rq = { .form = REPORT_FULL, .format = FMT_PDF, .made = a->today };
	if (print)
		print_report_route(&rq, &pc.settings, d->span == REPORT_DAY, NULL, false);
	doc_result res;
	bool ok = print_report(d->r, &pc.clinic, &rq, &pc.settings, &res);
	print_context_free(&pc);
	if (!ok)
		app_say(a, true, "%s", res.message);
	else if (res.printed)
		app_say(a, false, _("Sent to the printer “%s”."), res.queue);
	else if (print)
		app_say(a, false, _("No printer is set up: saved as %s"), res.path);
	else
		app_say(a, false, _("Saved as %s"), res.path);
}

static bool report_action(app *a, view *v, action_id id)
{
	report_view_data *d = v->data;
	const od_date anchor = report_bucket(d->r, a->today) >= 0 ? a->today : d->r->from;
	switch (id) {
	/* Another span of the same time: today when it falls in the period
	 * shown, else the period's first day. */
	case A_REPORT_DAY: go(a, v, REPORT_DAY, anchor); return true;
	case A_REPORT_MONTH: go(a, v, REPORT_MONTH, anchor); return true;
	case A_REPORT_YEAR: go(a, v, REPORT_YEAR, anchor); return true;
	case A_REPORT_DATE: app_push(a, period_form(d, v)); return true;
	case A_REPORT_SAVE: paper(a, d, false); return true;
	case A_REPORT_PRINT: paper(a, d, true); return true;
	default: return false;
	}
}

static void report_destroy(view *v)
{
	report_view_data *d = v->data;
	lines_free(d);
	free(d->lines);
	free(d->r);
	free(d);
}

static const view_ops report_ops = {
	.screen = SCR_REPORT,
	.draw = report_draw,
	.action = report_action,
	.key = report_key,
	.enter = report_enter,
	.destroy = report_destroy,
};

view *report_view(app *a)
{
	report_view_data *d = calloc(1, sizeof *d);
	if (d != NULL)
		d->r = malloc(sizeof *d->r);
	if (d == NULL || d->r == NULL) {
		free(d);
		return NULL;
	}
	d->span = REPORT_DAY;
	d->anchor = a->today;
	report_init(d->r, d->span, d->anchor);
	return view_new(&report_ops, d);
}
