/* The reports of issue 13 as lines of text: what `report` prints on
 * standard output and what the report screen shows, line for line. ISO
 * dates with 和暦 beside them; columns aligned by terminal width (Japanese
 * labels take two columns a character); month and year with bars of block
 * characters. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include "core/i18n.h"
#include "core/text.h"
#include "print/print.h"

#define BAR_COLS 24
#define NUM_COLS 6

typedef struct sink {
	report_line_cb cb;
	void *ctx;
	bool stopped;
} sink;

static void emit(sink *o, GString *g)
{
	if (!o->stopped && !o->cb(g->str, o->ctx))
		o->stopped = true;
	g_string_truncate(g, 0);
}

/* s in cols columns, padded with spaces (right: before it). */
static void cell(GString *g, const char *s, int cols, bool right)
{
	char fit[512];
	int w = text_fit(s, cols, fit, sizeof fit);
	if (!right)
		g_string_append(g, fit);
	for (int i = w; i < cols; i++)
		g_string_append_c(g, ' ');
	if (right)
		g_string_append(g, fit);
}

static void num(GString *g, long n, int cols)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", n);
	cell(g, buf, cols, true);
}

static int width_of(const char *s, int min)
{
	int w = text_width(s);
	return w > min ? w : min;
}

void report_date_text(od_date d, bool paper, char *buf, size_t bufsz)
{
	char iso[DATE_ISO_SIZE], era[DATE_ERA_SIZE];
	date_format_iso(d, iso);
	if (!date_format_era(d, era, sizeof era))
		snprintf(buf, bufsz, "%s", iso);
	else if (paper)
		snprintf(buf, bufsz, "%s", era);
	else
		snprintf(buf, bufsz, "%s（%s）", iso, era);
}

const char *report_title(report_span s)
{
	return s == REPORT_DAY ? _("Daily report") : s == REPORT_MONTH ? _("Monthly report")
	                                                                : _("Yearly report");
}

void report_period_text(const report_counts *r, bool paper, char *buf, size_t bufsz)
{
	char a[DATE_ISO_SIZE + DATE_ERA_SIZE + 8], b[sizeof a];
	report_date_text(r->from, paper, a, sizeof a);
	if (r->span == REPORT_DAY) {
		snprintf(buf, bufsz, "%s", a);
		return;
	}
	report_date_text(r->to, paper, b, sizeof b);
	snprintf(buf, bufsz, paper ? "%s〜%s" : "%s – %s", a, b);
}

/* "label   N" with the breakdown lines under it. */
static void total_line(sink *o, GString *g, const char *label, long n)
{
	g_string_append(g, "  ");
	cell(g, label, 34, false);
	num(g, n, NUM_COLS);
	emit(o, g);
}

/* Stops or withdrawals: channel (rows) by requester kind (columns). */
static void cross_table(sink *o, GString *g, const report_tally *t, report_event ev)
{
	if (report_sum(t, ev) == 0)
		return;
	int w[REQ_KIND_COUNT];
	g_string_append(g, "    ");
	cell(g, "", 12, false);
	for (int k = 0; k < REQ_KIND_COUNT; k++) {
		w[k] = width_of(_(requester_kind_label((requester_kind)k)), NUM_COLS);
		g_string_append_c(g, ' ');
		cell(g, _(requester_kind_label((requester_kind)k)), w[k], true);
	}
	emit(o, g);
	for (int c = 0; c < CH_COUNT; c++) {
		if (report_sum_channel(t, ev, (channel)c) == 0)
			continue;
		g_string_append(g, "    ");
		cell(g, _(channel_label((channel)c)), 12, false);
		for (int k = 0; k < REQ_KIND_COUNT; k++) {
			g_string_append_c(g, ' ');
			num(g, ev == REV_STOP ? t->stops[c][k] : t->withdrawals[c][k], w[k]);
		}
		emit(o, g);
	}
}

static void totals(sink *o, GString *g, const report_tally *t)
{
	total_line(o, g, _("Notices handed"), report_sum(t, REV_NOTICE));
	if (report_sum(t, REV_NOTICE) > 0) {
		g_string_append(g, "   ");
		for (int k = 0; k < REQ_KIND_COUNT; k++)
			if (t->notices[k] > 0)
				g_string_append_printf(g, " %s %ld", _(requester_kind_label((requester_kind)k)),
				                       t->notices[k]);
		emit(o, g);
	}
	total_line(o, g, _("Stop requests"), report_sum(t, REV_STOP));
	cross_table(o, g, t, REV_STOP);
	total_line(o, g, _("Withdrawals"), report_sum(t, REV_WITHDRAW));
	cross_table(o, g, t, REV_WITHDRAW);
	total_line(o, g, _("Deletion requests added to a stop"), report_sum(t, REV_ADDITION));
	total_line(o, g, _("Documents printed"), report_sum(t, REV_PRINT));
}

static const report_event columns[] = {
	REV_NOTICE, REV_STOP, REV_WITHDRAW, REV_ADDITION, REV_PRINT,
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

const char *report_column_label(report_event ev)
{
	switch (ev) {
	case REV_NOTICE: return _("Notices");
	case REV_STOP: return _("Stops");
	case REV_WITHDRAW: return _("Withdr.");
	case REV_ADDITION: return _("Deletion");
	case REV_PRINT: return _("Prints");
	case REV_COUNT: break;
	}
	return "";
}

const char *report_staff_label(const report_staff *s)
{
	return s->others ? _("(others)") : s->name[0] ? s->name : _("(no name recorded)");
}

static void staff_table(sink *o, GString *g, const report_counts *r)
{
	g_string_append(g, _("By staff member"));
	emit(o, g);
	if (r->nstaff == 0) {
		g_string_append_printf(g, "  %s", _("(nothing recorded)"));
		emit(o, g);
		return;
	}
	int w[NCOLUMNS];
	g_string_append(g, "  ");
	cell(g, _("Staff"), 20, false);
	for (size_t c = 0; c < NCOLUMNS; c++) {
		w[c] = width_of(report_column_label(columns[c]), NUM_COLS);
		g_string_append_c(g, ' ');
		cell(g, report_column_label(columns[c]), w[c], true);
	}
	emit(o, g);
	for (int i = 0; i < r->nstaff; i++) {
		g_string_append(g, "  ");
		cell(g, report_staff_label(&r->staff[i]), 20, false);
		for (size_t c = 0; c < NCOLUMNS; c++) {
			g_string_append_c(g, ' ');
			num(g, report_sum(&r->staff[i].t, columns[c]), w[c]);
		}
		emit(o, g);
	}
}

void report_bucket_label(const report_counts *r, int i, char *buf, size_t bufsz)
{
	od_date d = report_bucket_date(r, i);
	if (r->span == REPORT_YEAR)
		snprintf(buf, bufsz, "%04d-%02d", d.y, d.m);
	else
		date_format_iso(d, buf);
}

/* One line a day or month, the notices drawn as a bar. */
static void bucket_table(sink *o, GString *g, const report_counts *r)
{
	g_string_append(g, r->span == REPORT_MONTH ? _("By day") : _("By month"));
	emit(o, g);
	int w[NCOLUMNS];
	g_string_append(g, "  ");
	cell(g, r->span == REPORT_MONTH ? _("Date") : _("Month"), 10, false);
	for (size_t c = 0; c < NCOLUMNS; c++) {
		w[c] = width_of(report_column_label(columns[c]), NUM_COLS);
		g_string_append_c(g, ' ');
		cell(g, report_column_label(columns[c]), w[c], true);
	}
	g_string_append_printf(g, "  %s", _("Notices handed"));
	emit(o, g);
	const long max = report_bucket_max(r, REV_NOTICE);
	for (int i = 0; i < r->nbuckets; i++) {
		char label[DATE_ISO_SIZE], bar[BAR_COLS * 3 + 4];
		report_bucket_label(r, i, label, sizeof label);
		g_string_append(g, "  ");
		cell(g, label, 10, false);
		for (size_t c = 0; c < NCOLUMNS; c++) {
			g_string_append_c(g, ' ');
			num(g, report_sum(&r->bucket[i], columns[c]), w[c]);
		}
		if (report_bar(report_sum(&r->bucket[i], REV_NOTICE), max, BAR_COLS, bar, sizeof bar) > 0)
			g_string_append_printf(g, "  %s", bar);
		emit(o, g);
	}
}

static void states_table(sink *o, GString *g, const report_counts *r)
{
	char asof[DATE_ISO_SIZE + DATE_ERA_SIZE + 8];
	report_date_text(r->states_asof, false, asof, sizeof asof);
	g_string_append_printf(g, _("Patients by state, as of %s: %ld"), asof, r->patients);
	emit(o, g);
	static const elig_state order[] = {
		ELIG_MAY_FLOW, ELIG_WAITING, ELIG_STOPPED, ELIG_NOT_NOTIFIED, ELIG_NEEDS_RENOTICE,
	};
	long max = 0;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (r->states[order[i]] > max)
			max = r->states[order[i]];
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		const long n = r->states[order[i]];
		const long tenths = report_share_tenths(n, r->patients);
		char pct[32], bar[BAR_COLS * 3 + 4];
		snprintf(pct, sizeof pct, "%ld.%ld%%", tenths / 10, tenths % 10);
		g_string_append(g, "  ");
		cell(g, _(elig_state_label(order[i])), 16, false);
		num(g, n, 8);
		g_string_append_c(g, ' ');
		cell(g, pct, 7, true);
		if (r->span != REPORT_DAY &&
		    report_bar(n, max, BAR_COLS, bar, sizeof bar) > 0)
			g_string_append_printf(g, "  %s", bar);
		emit(o, g);
	}
}

void report_text(const report_counts *r, const clinic_settings *cs,
                 report_line_cb cb, void *ctx)
{
	sink o = { cb, ctx, false };
	GString *g = g_string_new(NULL);
	char period[2 * (DATE_ISO_SIZE + DATE_ERA_SIZE + 8) + 8];
	report_period_text(r, false, period, sizeof period);
	g_string_append_printf(g, "%s　%s", report_title(r->span), cs != NULL ? cs->name : "");
	emit(&o, g);
	g_string_append(g, period);
	emit(&o, g);
	emit(&o, g);
	totals(&o, g, &r->total);
	emit(&o, g);
	staff_table(&o, g, r);
	if (r->span != REPORT_DAY) {
		emit(&o, g);
		bucket_table(&o, g, r);
	}
	if (r->has_states) {
		emit(&o, g);
		states_table(&o, g, r);
	}
	if (r->span == REPORT_DAY && r->has_head) {
		emit(&o, g);
		/* the hash on a line of its own: 64 columns fit an 80-column screen */
		g_string_append_printf(g, _("Audit log head (%lld entries):"), (long long)r->entries);
		emit(&o, g);
		g_string_append_printf(g, "  %s", r->head);
		emit(&o, g);
	}
	g_string_free(g, TRUE);
}
