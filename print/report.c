/* The reports of issue 13 on paper: the A4 report (PDF) with its tables
 * and, for month and year, a bar chart drawn with cairo; and the day's
 * short form for the 80 mm receipt printer (PDF or ESC/POS). Dates in 和暦,
 * IPAexGothic like every document of the desk. Every output is laid out
 * twice: once to measure (pages, roll length), once to draw. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include "core/i18n.h"
#include "print/internal.h"

#define MM (72.0 / 25.4)
#define FONT "IPAexGothic 10"
#define FONT_SMALL "IPAexGothic 8"
#define FONT_TITLE "IPAexGothic Bold 16"
#define FONT_HEAD "IPAexGothic Bold 11"
#define ROW_PAD 2.0               /* points above and below a table row */
#define MAX_PAGES 16

typedef struct paper {
	cairo_t *cr;
	cairo_surface_t *pdf;         /* PDF: pages are shown on it */
	bool measuring;
	double pw, ph;                /* ph 0: a roll, no pages */
	double mx, my;
	double y;
	int pages;
	double height;                /* measured: the roll's length */
	bool is_short;
} paper;

static void new_page(paper *p)
{
	if (!p->measuring && p->pdf != NULL)
		cairo_show_page(p->cr);
	p->pages++;
	p->y = p->my;
}

/* Room for h more points on this page, else the next one. */
static void need(paper *p, double h)
{
	if (p->ph > 0 && p->y + h > p->ph - p->my && p->y > p->my + 0.01)
		new_page(p);
}

static PangoLayout *layout(paper *p, const char *font, const char *text, double width,
                           PangoAlignment align)
{
	PangoLayout *lay = render_layout_new(p->cr, font);
	pango_layout_set_width(lay, pango_units_from_double(width));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(lay, align);
	pango_layout_set_text(lay, text, -1);
	return lay;
}

static double layout_height(PangoLayout *lay)
{
	int w, h;
	pango_layout_get_size(lay, &w, &h);
	return pango_units_to_double(h);
}

static void show(paper *p, PangoLayout *lay, double x, double y)
{
	if (p->measuring)
		return;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, lay);
}

/* A paragraph across the page. */
static void para(paper *p, const char *font, const char *text, PangoAlignment align)
{
	PangoLayout *lay = layout(p, font, text, p->pw - 2 * p->mx, align);
	double h = layout_height(lay);
	need(p, h);
	show(p, lay, p->mx, p->y);
	p->y += h;
	g_object_unref(lay);
}

static void gap(paper *p, double pt)
{
	p->y += pt;
}

static void rule(paper *p, double y, double x0, double x1, double width)
{
	if (p->measuring)
		return;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
}

/* One table row: cells in columns of the given widths (fractions of the
 * page's width); the first column left-aligned, the others right. */
static void row(paper *p, const char *font, const char *const *cells, const double *frac,
                int n, bool head)
{
	const double width = p->pw - 2 * p->mx;
	PangoLayout *lays[16];
	double h = 0;
	n = n > 16 ? 16 : n;
	for (int i = 0; i < n; i++) {
		lays[i] = layout(p, font, cells[i], frac[i] * width - 4,
		                 i == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
		double lh = layout_height(lays[i]);
		if (lh > h)
			h = lh;
	}
	need(p, h + 2 * ROW_PAD);
	double x = p->mx;
	for (int i = 0; i < n; i++) {
		show(p, lays[i], x + 2, p->y + ROW_PAD);
		x += frac[i] * width;
		g_object_unref(lays[i]);
	}
	p->y += h + 2 * ROW_PAD;
	rule(p, p->y, p->mx, p->pw - p->mx, head ? 0.8 : 0.3);
}

static void heading(paper *p, const char *text)
{
	gap(p, 8);
	need(p, 40);
	para(p, FONT_HEAD, text, PANGO_ALIGN_LEFT);
	gap(p, 2);
}

static char *count_text(long n)
{
	return g_strdup_printf("%ld", n);
}

static void title_block(paper *p, const report_counts *r, const clinic_settings *cs,
                        od_date made)
{
	char period[2 * (DATE_ISO_SIZE + DATE_ERA_SIZE + 8) + 8], made_era[DATE_ERA_SIZE];
	char *t = g_strdup_printf("%s　%s", report_title(r->span), cs->name);
	para(p, p->is_short ? FONT_HEAD : FONT_TITLE, t, PANGO_ALIGN_LEFT);
	g_free(t);
	report_period_text(r, true, period, sizeof period);
	para(p, FONT, period, PANGO_ALIGN_LEFT);
	report_date_text(made, true, made_era, sizeof made_era);
	t = g_strdup_printf(_("Made on %s"), made_era);
	para(p, FONT_SMALL, t, PANGO_ALIGN_LEFT);
	g_free(t);
}

static const report_event columns[] = {
	REV_NOTICE, REV_STOP, REV_WITHDRAW, REV_ADDITION, REV_PRINT,
};
#define NCOLUMNS 5

static void totals_table(paper *p, const report_tally *t)
{
	static const double frac[] = { 0.7, 0.3 };
	static const struct { report_event ev; const char *label; } lines[] = {
		{ REV_NOTICE, N_("Notices handed") },
		{ REV_STOP, N_("Stop requests") },
		{ REV_WITHDRAW, N_("Withdrawals") },
		{ REV_ADDITION, N_("Deletion requests added to a stop") },
		{ REV_PRINT, N_("Documents printed") },
	};
	heading(p, _("Totals"));
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		char *n = count_text(report_sum(t, lines[i].ev));
		const char *cells[] = { _(lines[i].label), n };
		row(p, FONT, cells, frac, 2, false);
		g_free(n);
	}
}

/* Notices by recipient kind; stops and withdrawals by channel and kind. */
static void kinds_table(paper *p, const report_tally *t)
{
	double frac[REQ_KIND_COUNT + 2];
	const char *cells[REQ_KIND_COUNT + 2];
	frac[0] = 0.34;
	for (int k = 0; k <= REQ_KIND_COUNT; k++)
		frac[k + 1] = 0.66 / (REQ_KIND_COUNT + 1);
	heading(p, _("By channel and requester kind"));
	cells[0] = "";
	for (int k = 0; k < REQ_KIND_COUNT; k++)
		cells[k + 1] = _(requester_kind_label((requester_kind)k));
	cells[REQ_KIND_COUNT + 1] = _("Total");
	row(p, FONT, cells, frac, REQ_KIND_COUNT + 2, true);
	char *owned[REQ_KIND_COUNT + 1];
	/* notices: one line */
	cells[0] = _("Notices handed");
	for (int k = 0; k < REQ_KIND_COUNT; k++)
		cells[k + 1] = owned[k] = count_text(t->notices[k]);
	cells[REQ_KIND_COUNT + 1] = owned[REQ_KIND_COUNT] = count_text(report_sum(t, REV_NOTICE));
	row(p, FONT, cells, frac, REQ_KIND_COUNT + 2, false);
	for (int k = 0; k <= REQ_KIND_COUNT; k++)
		g_free(owned[k]);
	for (int e = 0; e < 2; e++) {
		const report_event ev = e == 0 ? REV_STOP : REV_WITHDRAW;
		for (int c = 0; c < CH_COUNT; c++) {
			char *label = g_strdup_printf("%s（%s）", e == 0 ? _("Stop requests") : _("Withdrawals"),
			                              _(channel_label((channel)c)));
			cells[0] = label;
			for (int k = 0; k < REQ_KIND_COUNT; k++)
				cells[k + 1] = owned[k] = count_text(ev == REV_STOP ? t->stops[c][k]
				                                                    : t->withdrawals[c][k]);
			cells[REQ_KIND_COUNT + 1] = owned[REQ_KIND_COUNT] =
				count_text(report_sum_channel(t, ev, (channel)c));
			row(p, FONT, cells, frac, REQ_KIND_COUNT + 2, false);
			for (int k = 0; k <= REQ_KIND_COUNT; k++)
				g_free(owned[k]);
			g_free(label);
		}
	}
}

static void staff_table(paper *p, const report_counts *r, const char *font)
{
	static const double frac[] = { 0.35, 0.13, 0.13, 0.13, 0.13, 0.13 };
	const char *cells[NCOLUMNS + 1];
	char *owned[NCOLUMNS];
	heading(p, _("By staff member"));
	cells[0] = _("Staff");
	for (int c = 0; c < NCOLUMNS; c++)
		cells[c + 1] = report_column_label(columns[c]);
	row(p, font, cells, frac, NCOLUMNS + 1, true);
	for (int i = 0; i < r->nstaff; i++) {
		cells[0] = report_staff_label(&r->staff[i]);
		for (int c = 0; c < NCOLUMNS; c++)
			cells[c + 1] = owned[c] = count_text(report_sum(&r->staff[i].t, columns[c]));
		row(p, font, cells, frac, NCOLUMNS + 1, false);
		for (int c = 0; c < NCOLUMNS; c++)
			g_free(owned[c]);
	}
}

/* Grouped bars per day or month: notices, stops, withdrawals, in three
 * shades of grey (they print on any printer), with a scale and a legend. */
static void bar_chart(paper *p, const report_counts *r)
{
	static const report_event evs[] = { REV_NOTICE, REV_STOP, REV_WITHDRAW };
	static const double shade[] = { 0.15, 0.5, 0.8 };
	const double chart_h = 60 * MM, label_h = 14, legend_h = 16;
	heading(p, r->span == REPORT_MONTH ? _("By day") : _("By month"));
	need(p, chart_h + label_h + legend_h);
	const double x0 = p->mx + 24, x1 = p->pw - p->mx, top = p->y + 6;
	const double base = top + chart_h;
	long max = 0;
	for (size_t e = 0; e < 3; e++) {
		long m = report_bucket_max(r, evs[e]);
		if (m > max)
			max = m;
	}
	/* A scale of whole steps: 1, 2, 5, 10, 20, 50 ... per gridline. */
	long step = 1;
	for (int k = 0; max / step > 5; k++)
		step = k % 3 == 1 ? step * 5 / 2 : step * 2;   /* 1 2 5 10 20 50 ... */
	long top_value = max <= 0 ? 1 : ((max + step - 1) / step) * step;
	if (!p->measuring) {
		for (long v = 0; v <= top_value; v += step) {
			double y = base - chart_h * (double)v / (double)top_value;
			rule(p, y, x0, x1, v == 0 ? 0.8 : 0.2);
			char *t = count_text(v);
			PangoLayout *lay = layout(p, FONT_SMALL, t, 20, PANGO_ALIGN_RIGHT);
			show(p, lay, p->mx, y - layout_height(lay) / 2);
			g_object_unref(lay);
			g_free(t);
		}
		const double slot = (x1 - x0) / r->nbuckets;
		const double bw = slot * 0.8 / 3;
		for (int i = 0; i < r->nbuckets; i++) {
			for (size_t e = 0; e < 3; e++) {
				long n = report_sum(&r->bucket[i], evs[e]);
				if (n <= 0)
					continue;
				double h = chart_h * (double)n / (double)top_value;
				cairo_set_source_rgb(p->cr, shade[e], shade[e], shade[e]);
				cairo_rectangle(p->cr, x0 + i * slot + slot * 0.1 + e * bw, base - h, bw, h);
				cairo_fill(p->cr);
			}
			/* every day's number would crowd a month: every fifth and the first */
			od_date d = report_bucket_date(r, i);
			int label = r->span == REPORT_YEAR ? d.m : d.d;
			if (r->span == REPORT_YEAR || label == 1 || label % 5 == 0) {
				char *t = g_strdup_printf("%d", label);
				PangoLayout *lay = layout(p, FONT_SMALL, t, slot * 3, PANGO_ALIGN_CENTER);
				show(p, lay, x0 + i * slot + slot / 2 - slot * 1.5, base + 2);
				g_object_unref(lay);
				g_free(t);
			}
		}
	}
	p->y = base + label_h;
	/* the legend */
	double x = x0;
	for (size_t e = 0; e < 3; e++) {
		PangoLayout *lay = layout(p, FONT_SMALL, report_column_label(evs[e]), 80,
		                          PANGO_ALIGN_LEFT);
		if (!p->measuring) {
			cairo_set_source_rgb(p->cr, shade[e], shade[e], shade[e]);
			cairo_rectangle(p->cr, x, p->y + 2, 8, 8);
			cairo_fill(p->cr);
		}
		show(p, lay, x + 11, p->y);
		int w, h;
		pango_layout_get_pixel_size(lay, &w, &h);
		x += 11 + w + 14;
		g_object_unref(lay);
	}
	p->y += legend_h;
}

static void bucket_table(paper *p, const report_counts *r)
{
	static const double frac[] = { 0.25, 0.15, 0.15, 0.15, 0.15, 0.15 };
	const char *cells[NCOLUMNS + 1];
	char *owned[NCOLUMNS];
	gap(p, 6);
	cells[0] = r->span == REPORT_MONTH ? _("Date") : _("Month");
	for (int c = 0; c < NCOLUMNS; c++)
		cells[c + 1] = report_column_label(columns[c]);
	row(p, FONT_SMALL, cells, frac, NCOLUMNS + 1, true);
	for (int i = 0; i < r->nbuckets; i++) {
		char label[DATE_ERA_SIZE];
		od_date d = report_bucket_date(r, i);
		if (r->span == REPORT_YEAR) {
			/* 令和8年11月: the era date without its day */
			report_date_text(d, true, label, sizeof label);
			char *day = strstr(label, "月");
			if (day != NULL)
				day[strlen("月")] = '\0';
		} else {
			report_date_text(d, true, label, sizeof label);
		}
		cells[0] = label;
		for (int c = 0; c < NCOLUMNS; c++)
			cells[c + 1] = owned[c] = count_text(report_sum(&r->bucket[i], columns[c]));
		row(p, FONT_SMALL, cells, frac, NCOLUMNS + 1, false);
		for (int c = 0; c < NCOLUMNS; c++)
			g_free(owned[c]);
	}
}

static void states_table(paper *p, const report_counts *r, const char *font)
{
	static const double frac[] = { 0.5, 0.25, 0.25 };
	static const elig_state order[] = {
		ELIG_MAY_FLOW, ELIG_WAITING, ELIG_STOPPED, ELIG_NOT_NOTIFIED, ELIG_NEEDS_RENOTICE,
	};
	char asof[DATE_ERA_SIZE];
	report_date_text(r->states_asof, true, asof, sizeof asof);
	char *h = g_strdup_printf(_("Patients by state, as of %s: %ld"), asof, r->patients);
	heading(p, h);
	g_free(h);
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		long n = r->states[order[i]];
		long tenths = report_share_tenths(n, r->patients);
		char *c1 = count_text(n);
		char *c2 = g_strdup_printf("%ld.%ld%%", tenths / 10, tenths % 10);
		const char *cells[] = { _(elig_state_label(order[i])), c1, c2 };
		row(p, font, cells, frac, 3, false);
		g_free(c1);
		g_free(c2);
	}
}

static void head_lines(paper *p, const report_counts *r)
{
	if (!r->has_head)
		return;
	gap(p, 8);
	char *t = g_strdup_printf(_("Audit log head: %s (%lld entries)"), r->head,
	                          (long long)r->entries);
	para(p, FONT_SMALL, t, PANGO_ALIGN_LEFT);
	g_free(t);
}

static void lay_full(paper *p, const report_counts *r, const clinic_settings *cs, od_date made)
{
	p->pages = 1;
	p->y = p->my;
	title_block(p, r, cs, made);
	totals_table(p, &r->total);
	kinds_table(p, &r->total);
	staff_table(p, r, FONT);
	if (r->span != REPORT_DAY) {
		bar_chart(p, r);
		bucket_table(p, r);
	}
	if (r->has_states)
		states_table(p, r, FONT);
	if (r->span == REPORT_DAY)
		head_lines(p, r);
}

/* The receipt printer's short form: the day's totals, each staff member's
 * counts, and the audit head that the paper witnesses. */
static void lay_short(paper *p, const report_counts *r, const clinic_settings *cs, od_date made)
{
	static const double frac[] = { 0.7, 0.3 };
	p->pages = 1;
	p->y = p->my;
	title_block(p, r, cs, made);
	gap(p, 4);
	rule(p, p->y, p->mx, p->pw - p->mx, 0.8);
	for (int c = 0; c < NCOLUMNS; c++) {
		static const char *const labels[NCOLUMNS] = {
			N_("Notices handed"), N_("Stop requests"), N_("Withdrawals"),
			N_("Deletion requests added to a stop"), N_("Documents printed"),
		};
		char *n = count_text(report_sum(&r->total, columns[c]));
		const char *cells[] = { _(labels[c]), n };
		row(p, FONT_SMALL, cells, frac, 2, false);
		g_free(n);
	}
	staff_table(p, r, FONT_SMALL);
	head_lines(p, r);
	p->height = p->y + p->my;
}

static cairo_status_t to_bytes(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

typedef void (*lay_fn)(paper *p, const report_counts *r, const clinic_settings *cs, od_date made);

static bool render(const report_counts *r, const clinic_settings *cs, const report_request *rq,
                   GByteArray *out, char *msg, size_t msgsz)
{
	paper p;
	memset(&p, 0, sizeof p);
	p.is_short = rq->form == REPORT_SHORT;
	lay_fn lay = p.is_short ? lay_short : lay_full;
	if (p.is_short) {
		p.pw = 80 * MM;
		p.mx = p.my = 4 * MM;
	} else {
		p.pw = 210 * MM;
		p.ph = 297 * MM;
		p.mx = p.my = 15 * MM;
	}
	/* pass 1: pages and the roll's length */
	cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 8);
	p.cr = cairo_create(scratch);
	p.measuring = true;
	lay(&p, r, cs, rq->made);
	cairo_destroy(p.cr);
	cairo_surface_destroy(scratch);
	p.measuring = false;
	if (p.pages > MAX_PAGES) {
		snprintf(msg, msgsz, _("the report has more than %d pages"), MAX_PAGES);
		return false;
	}
	const double h = p.is_short ? p.height : p.ph;
	bool ok;
	if (rq->format == FMT_ESCPOS) {
		if (!p.is_short) {
			snprintf(msg, msgsz, "%s", _("only the day's short form is printed as ESC/POS"));
			return false;
		}
		cairo_surface_t *s;
		p.cr = render_raster_begin(FMT_ESCPOS, 0, p.pw, h, &s, msg, msgsz);
		if (p.cr == NULL)
			return false;
		lay(&p, r, cs, rq->made);
		cairo_destroy(p.cr);
		ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
		if (ok)
			render_escpos_encode(s, out);
		cairo_surface_destroy(s);
	} else {
		cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_bytes, out, p.pw, h);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, PACKAGE_STRING);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, report_title(r->span));
		p.pdf = s;
		p.cr = cairo_create(s);
		lay(&p, r, cs, rq->made);
		cairo_show_page(p.cr);
		cairo_destroy(p.cr);
		cairo_surface_finish(s);
		ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
		cairo_surface_destroy(s);
	}
	if (!ok)
		snprintf(msg, msgsz, "%s", _("the document could not be drawn"));
	return ok;
}

void print_report_route(report_request *rq, const print_settings *ps, bool short_form,
                        const char *queue, bool format_given)
{
	const doc_kind k = short_form ? DOC_SLIP : DOC_NOTICE;
	rq->form = short_form ? REPORT_SHORT : REPORT_FULL;
	rq->queue = queue != NULL ? queue : ps->queue[k];
	/* A4 is never raster for a roll; a file is PDF unless asked. */
	if (!format_given)
		rq->format = short_form && rq->out_path == NULL && rq->queue[0] != '\0'
		             ? ps->format[k] : FMT_PDF;
}

bool print_report(const report_counts *r, const clinic_settings *cs,
                  const report_request *rq, const print_settings *ps, doc_result *res)
{
	memset(res, 0, sizeof *res);
	GByteArray *bytes = g_byte_array_new();
	bool ok = render(r, cs, rq, bytes, res->message, sizeof res->message);
	char iso[DATE_ISO_SIZE];
	date_format_iso(r->from, iso);
	/* report-day-2026-11-24, report-month-2026-11, report-year-2026 */
	char *stem = g_strdup_printf("report-%s-%.*s%s", report_span_word(r->span),
	                             r->span == REPORT_DAY ? 10 : r->span == REPORT_MONTH ? 7 : 4,
	                             iso, rq->form == REPORT_SHORT ? "-short" : "");
	if (ok && rq->out_path != NULL)
		ok = print_write_output(rq->out_path, rq->force, bytes->data, bytes->len,
		                        res->path, sizeof res->path, res->message, sizeof res->message);
	else if (ok && rq->queue != NULL && rq->queue[0] != '\0')
		ok = print_send_queue(rq->queue, bytes, rq->format == FMT_ESCPOS, stem, false, res);
	else if (ok)
		ok = print_save_in_folder(ps, stem, rq->format == FMT_ESCPOS ? "bin" : "pdf", bytes, res);
	g_free(stem);
	g_byte_array_free(bytes, TRUE);
	return ok;
}
