/* Lays a filled template out with Pango and draws it with cairo: PDF
 * (vector, fonts embedded by cairo), PNG (pages stacked in one image) and
 * ESC/POS raster for 80 mm thermal printers. Every output runs the same
 * layout twice: once to measure (page count, roll length), once to draw. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include "core/i18n.h"
#include "print/internal.h"
#include "print/render.h"

#define MM (72.0 / 25.4)           /* points per millimetre */
#define ROLL_WIDTH_MM 80.0
#define ROLL_SIDE_MM 4.0           /* 80 mm printers print the middle 72 mm */
#define ESCPOS_BAND 256            /* rows per GS v 0 command */
#define PNG_GAP_PT 6.0             /* grey strip between stacked pages */

typedef struct layout_run {
	const tpl *t;
	const doc_values *dv;
	const qr_matrix *qr;           /* NULL: no notice URL, no QR drawn */
	tpl_paper paper;
	double pw, ph;                 /* page size in points (ph: roll = 0) */
	double mx, my;                 /* margins in points */
	/* the page sink */
	bool measuring;
	cairo_t *cr;                   /* the current page's context */
	double y;                      /* next free line on the page */
	int page;                      /* pages begun so far */
	double heights[RENDER_MAX_PAGES];
	double yoff;                   /* stacked output: top of this page */
	cairo_surface_t *pdf;          /* PDF: set the size per page */
} layout_run;

static void page_begin(layout_run *r)
{
	r->y = r->my;
	if (r->measuring || r->page >= RENDER_MAX_PAGES) {
		r->page++;
		return;
	}
	double h = r->heights[r->page];
	if (r->pdf != NULL) {
		cairo_pdf_surface_set_size(r->pdf, r->pw, h);
	} else {
		cairo_save(r->cr);
		cairo_translate(r->cr, 0, r->yoff);
		cairo_set_source_rgb(r->cr, 1, 1, 1);
		cairo_rectangle(r->cr, 0, 0, r->pw, h);
		cairo_fill(r->cr);
		cairo_restore(r->cr);
	}
	r->page++;
}

static void page_end(layout_run *r)
{
	const int i = r->page - 1;
	if (i < 0 || i >= RENDER_MAX_PAGES)
		return;
	if (r->measuring) {
		r->heights[i] = r->ph > 0 ? r->ph : r->y + r->my;
		return;
	}
	if (r->pdf != NULL)
		cairo_show_page(r->cr);
	else
		r->yoff += r->heights[i] + PNG_GAP_PT;
}

/* Page y to device y for stacked outputs. */
static double Y(const layout_run *r, double y)
{
	return r->pdf != NULL ? y : y + r->yoff;
}

static bool page_full(const layout_run *r, double need)
{
	/* A roll has no page end; an empty page takes what comes. */
	return r->ph > 0 && r->y > r->my + 0.01 && r->y + need > r->ph - r->my;
}

static void page_break(layout_run *r)
{
	page_end(r);
	page_begin(r);
}

PangoLayout *render_layout_new(cairo_t *cr, const char *font)
{
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoContext *pc = pango_layout_get_context(lay);
	/* Points as units and no hinting of metrics: the same line breaks in
	 * the measuring pass, the PDF and the 203 dpi raster. */
	pango_cairo_context_set_resolution(pc, 72.0);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
	pango_layout_context_changed(lay);

	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(lay, fd);
	pango_font_description_free(fd);
	return lay;
}

static PangoLayout *make_layout(layout_run *r, const tpl_block *b)
{
	PangoLayout *lay = render_layout_new(r->cr, b->font);
	pango_layout_set_width(lay, pango_units_from_double(r->pw - 2 * r->mx));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(lay, b->align == TPL_CENTER ? PANGO_ALIGN_CENTER :
	                           b->align == TPL_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	return lay;
}

static bool draw_text(layout_run *r, const tpl_block *b, char *msg, size_t msgsz)
{
	char *markup = tpl_fill(b->text, r->dv->vals, r->dv->n);
	GError *err = NULL;
	PangoAttrList *attrs = NULL;
	char *plain = NULL;
	/* Values are escaped, so this only fails on a template bug that the
	 * load-time check could not see. */
	if (!pango_parse_markup(markup, -1, 0, &attrs, &plain, NULL, &err)) {
		snprintf(msg, msgsz, _("%s, line %d: the markup is not valid: %s"),
		         r->t->path, b->line, err->message);
		g_error_free(err);
		g_free(markup);
		return false;
	}
	PangoLayout *lay = make_layout(r, b);
	pango_layout_set_text(lay, plain, -1);
	pango_layout_set_attributes(lay, attrs);
	pango_attr_list_unref(attrs);
	g_free(plain);
	g_free(markup);

	/* Line by line, so that a long block continues on the next page. */
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	double base = r->y;   /* page y of the layout's top */
	do {
		PangoRectangle lr;
		pango_layout_iter_get_line_extents(it, NULL, &lr);
		const double top = pango_units_to_double(lr.y);
		const double h = pango_units_to_double(lr.height);
		if (r->ph > 0 && base + top + h > r->ph - r->my && base + top > r->my + 0.01) {
			page_break(r);
			base = r->my - top;
		}
		if (!r->measuring) {
			PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
			cairo_set_source_rgb(r->cr, 0, 0, 0);
			cairo_move_to(r->cr, r->mx + pango_units_to_double(lr.x),
			              Y(r, base + pango_units_to_double(pango_layout_iter_get_baseline(it))));
			pango_cairo_show_layout_line(r->cr, line);
		}
		r->y = base + top + h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(lay);
	return true;
}

static void draw_qr(layout_run *r, const tpl_block *b)
{
	if (r->qr == NULL)
		return;
	double side = b->mm * MM;
	const double room = r->pw - 2 * r->mx;
	if (side > room)
		side = room;
	if (page_full(r, side))
		page_break(r);
	double x = r->mx;
	if (b->align == TPL_CENTER)
		x = (r->pw - side) / 2;
	else if (b->align == TPL_RIGHT)
		x = r->pw - r->mx - side;
	if (!r->measuring) {
		/* crisp module edges in raster output */
		cairo_save(r->cr);
		cairo_set_antialias(r->cr, CAIRO_ANTIALIAS_NONE);
		qr_draw_cairo(r->cr, r->qr, x, Y(r, r->y), side);
		cairo_restore(r->cr);
	}
	r->y += side;
}

static void draw_rule(layout_run *r, bool dashed)
{
	const double gap = 2 * MM;
	if (page_full(r, 2 * gap))
		page_break(r);
	if (!r->measuring) {
		cairo_save(r->cr);
		cairo_set_source_rgb(r->cr, 0, 0, 0);
		cairo_set_line_width(r->cr, 0.8);
		if (dashed) {
			const double d[] = { 3.0, 3.0 };
			cairo_set_dash(r->cr, d, 2, 0);
		}
		cairo_move_to(r->cr, r->mx, Y(r, r->y + gap));
		cairo_line_to(r->cr, r->pw - r->mx, Y(r, r->y + gap));
		cairo_stroke(r->cr);
		cairo_restore(r->cr);
	}
	r->y += 2 * gap;
}

static bool run_layout(layout_run *r, char *msg, size_t msgsz)
{
	r->page = 0;
	r->yoff = 0;
	page_begin(r);
	tpl_walk walk = { .depth = 0 };
	for (size_t i = 0; i < r->t->nblocks; i++) {
		const tpl_block *b = &r->t->blocks[i];
		if (!tpl_walk_shows(&walk, b, r->dv->vals, r->dv->n, r->qr != NULL))
			continue;
		switch (b->kind) {
		case BLK_TEXT:
			if (!draw_text(r, b, msg, msgsz))
				return false;
			break;
		case BLK_QR:
			draw_qr(r, b);
			break;
		case BLK_RULE:
			draw_rule(r, false);
			break;
		case BLK_SPACE:
			if (page_full(r, b->mm * MM))
				page_break(r);
			else
				r->y += b->mm * MM;
			break;
		case BLK_PAGE:
			/* A roll has no pages: a dashed line marks the side. */
			if (r->ph <= 0)
				draw_rule(r, true);
			else
				page_break(r);
			break;
		case BLK_IF:
		case BLK_ELIF:
		case BLK_ELSE:
		case BLK_END:
			break;   /* never shown: tpl_walk_shows decided */
		}
	}
	page_end(r);
	if (r->page > RENDER_MAX_PAGES) {
		snprintf(msg, msgsz, _("%s: the document has more than %d pages"),
		         r->t->path, RENDER_MAX_PAGES);
		return false;
	}
	return true;
}

static cairo_status_t to_bytes(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Pass 1: page count and heights, on a scratch surface. */
static bool measure(layout_run *r, char *msg, size_t msgsz)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 8);
	r->cr = cairo_create(s);
	r->measuring = true;
	bool ok = run_layout(r, msg, msgsz);
	cairo_destroy(r->cr);
	cairo_surface_destroy(s);
	r->cr = NULL;
	r->measuring = false;
	return ok;
}

static double total_height(const layout_run *r)
{
	double h = 0;
	for (int i = 0; i < r->page && i < RENDER_MAX_PAGES; i++)
		h += r->heights[i] + (i > 0 ? PNG_GAP_PT : 0);
	return h;
}

/* ESC/POS: ESC @, the raster in GS v 0 bands of 72 bytes x up to 256
 * rows (1 = black, most significant bit leftmost), feed, partial cut. */
void render_escpos_encode(cairo_surface_t *img, GByteArray *out)
{
	static const unsigned char init[] = { 0x1b, 0x40 };
	static const unsigned char tail[] = { 0x1b, 0x64, 0x04, 0x1d, 0x56, 0x42, 0x00 };
	const int w = cairo_image_surface_get_width(img);
	const int h = cairo_image_surface_get_height(img);
	const int stride = cairo_image_surface_get_stride(img);
	const unsigned char *px = cairo_image_surface_get_data(img);
	const int bytes = ESCPOS_DOTS / 8;
	cairo_surface_flush(img);
	g_byte_array_append(out, init, sizeof init);
	for (int y0 = 0; y0 < h; y0 += ESCPOS_BAND) {
		const int rows = h - y0 < ESCPOS_BAND ? h - y0 : ESCPOS_BAND;
		const unsigned char head[] = { 0x1d, 0x76, 0x30, 0x00,
			(unsigned char)(bytes & 0xff), (unsigned char)(bytes >> 8),
			(unsigned char)(rows & 0xff), (unsigned char)(rows >> 8) };
		g_byte_array_append(out, head, sizeof head);
		for (int y = y0; y < y0 + rows; y++) {
			const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
			for (int bx = 0; bx < bytes; bx++) {
				unsigned char v = 0;
				for (int bit = 0; bit < 8; bit++) {
					const int x = bx * 8 + bit;
					if (x >= w)
						continue;
					const uint32_t p = row[x];
					/* luminance of RGB24, threshold at the middle */
					const unsigned lum = (((p >> 16) & 0xff) * 30 + ((p >> 8) & 0xff) * 59 +
					                      (p & 0xff) * 11) / 100;
					if (lum < 128)
						v |= (unsigned char)(0x80u >> bit);
				}
				g_byte_array_append(out, &v, 1);
			}
		}
	}
	g_byte_array_append(out, tail, sizeof tail);
}

cairo_t *render_raster_begin(doc_format fmt, int dpi, double pw, double height,
                             cairo_surface_t **surface, char *msg, size_t msgsz)
{
	const double scale = (fmt == FMT_ESCPOS ? ESCPOS_DPI : (dpi > 0 ? dpi : 150)) / 72.0;
	const int w = fmt == FMT_ESCPOS ? ESCPOS_DOTS : (int)(pw * scale + 0.5);
	const int h = (int)(height * scale + 0.5);
	if (h <= 0 || h > 32000) {
		snprintf(msg, msgsz, "%s", _("the document is too long for an image at this resolution"));
		return NULL;
	}
	*surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(*surface);
	cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
	cairo_paint(cr);
	if (fmt == FMT_ESCPOS)
		/* keep the printable 72 mm in the middle of the roll */
		cairo_translate(cr, -(pw * scale - ESCPOS_DOTS) / 2, 0);
	cairo_scale(cr, scale, scale);
	return cr;
}

bool render_document(const tpl *t, const doc_values *dv, const qr_matrix *qr,
                     doc_format fmt, int dpi, GByteArray *out, char *msg, size_t msgsz)
{
	layout_run r;
	memset(&r, 0, sizeof r);
	r.t = t;
	r.dv = dv;
	r.qr = qr;
	/* ESC/POS is always the 80 mm roll, whatever paper the template names. */
	r.paper = fmt == FMT_ESCPOS ? PAPER_ROLL80 : t->paper;
	switch (r.paper) {
	case PAPER_A4: r.pw = 210 * MM; r.ph = 297 * MM; break;
	case PAPER_A5: r.pw = 148 * MM; r.ph = 210 * MM; break;
	case PAPER_ROLL80: r.pw = ROLL_WIDTH_MM * MM; r.ph = 0; break;
	}
	r.mx = r.paper == PAPER_ROLL80 ? ROLL_SIDE_MM * MM : t->margin_mm * MM;
	r.my = (r.paper == PAPER_ROLL80 && t->paper != PAPER_ROLL80 ? 4 : t->margin_mm) * MM;
	if (!measure(&r, msg, msgsz))
		return false;

	bool ok;
	if (fmt == FMT_PDF) {
		cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_bytes, out, r.pw, r.heights[0]);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, PACKAGE_STRING);
		r.pdf = s;
		r.cr = cairo_create(s);
		ok = run_layout(&r, msg, msgsz);
		cairo_destroy(r.cr);
		cairo_surface_finish(s);
		ok = ok && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
		cairo_surface_destroy(s);
	} else {
		cairo_surface_t *s;
		r.cr = render_raster_begin(fmt, dpi, r.pw, total_height(&r), &s, msg, msgsz);
		if (r.cr == NULL)
			return false;
		ok = run_layout(&r, msg, msgsz);
		cairo_destroy(r.cr);
		if (ok && fmt == FMT_PNG)
			ok = cairo_surface_write_to_png_stream(s, to_bytes, out) == CAIRO_STATUS_SUCCESS;
		else if (ok)
			render_escpos_encode(s, out);
		cairo_surface_destroy(s);
	}
	if (!ok && msg[0] == '\0')
		snprintf(msg, msgsz, "%s", _("the document could not be drawn"));
	return ok;
}
