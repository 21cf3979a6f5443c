/* QR codes: encoding (libqrencode), the payload URL, the URL check for the
 * settings, and the simple renderers (terminal half blocks, SVG, PNG, cairo
 * vector rectangles for PDF pages). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <qrencode.h>
#include <glib.h>
#include <cairo.h>
#include "core/i18n.h"
#include "print/print.h"
#include "print/internal.h"

/* Encodes at level M (about 15 % of the code may be damaged or dirty) and
 * refuses what needs a version above PRINT_QR_MAX_VERSION: bigger codes
 * have modules too small for an 80 mm slip or a phone held at arm's length. */
bool qr_encode(const char *text, qr_matrix *out)
{
	out->width = 0;
	out->modules = NULL;
	if (text == NULL || text[0] == '\0')
		return false;
	QRcode *code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (code == NULL)
		return false;
	if (code->version > PRINT_QR_MAX_VERSION) {
		QRcode_free(code);
		return false;
	}
	size_t n = (size_t)code->width * (size_t)code->width;
	out->modules = malloc(n);
	if (out->modules == NULL) {
		QRcode_free(code);
		return false;
	}
	/* libqrencode keeps other flags in the upper bits; bit 0 is dark. */
	for (size_t i = 0; i < n; i++)
		out->modules[i] = code->data[i] & 1u;
	out->width = code->width;
	QRcode_free(code);
	return true;
}

void qr_free(qr_matrix *qr)
{
	if (qr == NULL)
		return;
	free(qr->modules);
	qr->modules = NULL;
	qr->width = 0;
}

/* Dark module at (x, y) of the code with its quiet zone around it. */
static bool qr_dark_q(const qr_matrix *qr, int x, int y)
{
	x -= QR_QUIET;
	y -= QR_QUIET;
	if (x < 0 || y < 0 || x >= qr->width || y >= qr->width)
		return false;
	return qr->modules[(size_t)y * (size_t)qr->width + (size_t)x] != 0;
}

char **qr_text_lines(const qr_matrix *qr, int *nlines, int *cols)
{
	/* Each character cell holds two modules stacked (qrencode -t ANSIUTF8). */
	static const char *const glyph[4] = { " ", "\u2580", "\u2584", "\u2588" };
	const int w = qr->width + 2 * QR_QUIET;
	const int rows = (w + 1) / 2;
	char **lines = calloc((size_t)rows, sizeof *lines);
	if (lines == NULL)
		return NULL;
	for (int r = 0; r < rows; r++) {
		/* at most 3 bytes per cell, plus the NUL */
		char *line = malloc((size_t)w * 3 + 1);
		if (line == NULL) {
			qr_lines_free(lines, r);
			return NULL;
		}
		char *p = line;
		for (int x = 0; x < w; x++) {
			int g = (qr_dark_q(qr, x, 2 * r) ? 1 : 0) |
			        (qr_dark_q(qr, x, 2 * r + 1) ? 2 : 0);
			size_t len = strlen(glyph[g]);
			memcpy(p, glyph[g], len);
			p += len;
		}
		*p = '\0';
		lines[r] = line;
	}
	*nlines = rows;
	*cols = w;
	return lines;
}

void qr_lines_free(char **lines, int nlines)
{
	if (lines == NULL)
		return;
	for (int i = 0; i < nlines; i++)
		free(lines[i]);
	free(lines);
}

bool print_notice_url(const clinic_settings *cs, const char *ref, char *out, size_t outsz)
{
	if (cs == NULL || cs->notice_url[0] == '\0' || outsz == 0)
		return false;
	char *esc = NULL;
	if (ref != NULL && ref[0] != '\0')
		esc = g_uri_escape_string(ref, NULL, FALSE);
	GString *s = g_string_new(NULL);
	const char *p = cs->notice_url;
	const char *hit;
	while ((hit = strstr(p, "{{ref}}")) != NULL) {
		g_string_append_len(s, p, hit - p);
		if (esc != NULL)
			g_string_append(s, esc);
		p = hit + strlen("{{ref}}");
	}
	g_string_append(s, p);
	bool ok = s->len < outsz;
	if (ok)
		memcpy(out, s->str, s->len + 1);
	g_string_free(s, TRUE);
	g_free(esc);
	return ok;
}

bool print_url_check(const char *url, const char **why_msgid)
{
	const char *why = NULL;
	if (url == NULL || url[0] == '\0') {
		why = N_("the URL is empty");
		goto out;
	}
	for (const unsigned char *c = (const unsigned char *)url; *c; c++) {
		if (*c <= 0x20 || *c == 0x7f) {
			why = N_("the URL contains a space or a control character");
			goto out;
		}
		if (*c >= 0x80) {
			/* Phones open percent-encoded URLs reliably; raw UTF-8 in a
			 * QR code depends on the reader. */
			why = N_("the URL contains non-ASCII characters (write them percent-encoded, like %E3%81%82)");
			goto out;
		}
	}
	/* Check the URL as it will be printed, with the longest reference. */
	clinic_settings cs;
	memset(&cs, 0, sizeof cs);
	if (strlen(url) >= sizeof cs.notice_url) {
		why = N_("the URL is too long");
		goto out;
	}
	memcpy(cs.notice_url, url, strlen(url) + 1);
	char sample[STORE_URL_MAX + 64];
	if (!print_notice_url(&cs, "N-XXXX-XXXX", sample, sizeof sample)) {
		why = N_("the URL is too long");
		goto out;
	}
	GUri *uri = g_uri_parse(sample, G_URI_FLAGS_NONE, NULL);
	if (uri == NULL) {
		why = N_("this is not a valid URL (example: https://clinic.example.jp/notice)");
		goto out;
	}
	const char *scheme = g_uri_get_scheme(uri);
	const char *host = g_uri_get_host(uri);
	bool web = scheme != NULL && (g_ascii_strcasecmp(scheme, "http") == 0 ||
	                              g_ascii_strcasecmp(scheme, "https") == 0);
	bool has_host = host != NULL && host[0] != '\0';
	g_uri_unref(uri);
	if (!web) {
		why = N_("only http:// and https:// addresses can be used");
		goto out;
	}
	if (!has_host) {
		why = N_("the URL has no host name (example: https://clinic.example.jp/notice)");
		goto out;
	}
	qr_matrix qr;
	if (!qr_encode(sample, &qr)) {
		why = N_("the URL is too long for a QR code that phones can read easily; use a shorter address");
		goto out;
	}
	qr_free(&qr);
out:
	if (why_msgid != NULL)
		*why_msgid = why;
	return why == NULL;
}

bool qr_write_svg(const qr_matrix *qr, FILE *out)
{
	/* One rect per horizontal run of dark modules; crispEdges keeps
	 * viewers from blurring the module edges. */
	const int w = qr->width + 2 * QR_QUIET;
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	        "width=\"%dmm\" height=\"%dmm\" viewBox=\"0 0 %d %d\" "
	        "shape-rendering=\"crispEdges\">\n"
	        "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
	        w / 2, w / 2, w, w, w, w);
	for (int y = 0; y < qr->width; y++) {
		for (int x = 0; x < qr->width;) {
			if (!qr->modules[(size_t)y * (size_t)qr->width + (size_t)x]) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < qr->width &&
			       qr->modules[(size_t)y * (size_t)qr->width + (size_t)(x + run)])
				run++;
			fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"1\" fill=\"#000000\"/>\n",
			        x + QR_QUIET, y + QR_QUIET, run);
			x += run;
		}
	}
	fputs("</svg>\n", out);
	return fflush(out) == 0 && !ferror(out);
}

void qr_draw_cairo(cairo_t *cr, const qr_matrix *qr, double x, double y, double size)
{
	/* size covers the quiet zone too; vector rectangles, one per run. */
	const int w = qr->width + 2 * QR_QUIET;
	const double m = size / w;
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, size, size);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int r = 0; r < qr->width; r++) {
		for (int c = 0; c < qr->width;) {
			if (!qr->modules[(size_t)r * (size_t)qr->width + (size_t)c]) {
				c++;
				continue;
			}
			int run = 1;
			while (c + run < qr->width &&
			       qr->modules[(size_t)r * (size_t)qr->width + (size_t)(c + run)])
				run++;
			cairo_rectangle(cr, x + (c + QR_QUIET) * m, y + (r + QR_QUIET) * m,
			                run * m, m);
			c += run;
		}
	}
	cairo_fill(cr);
	cairo_restore(cr);
}

static cairo_status_t png_write_file(void *closure, const unsigned char *data,
                                     unsigned int length)
{
	FILE *f = closure;
	return fwrite(data, 1, length, f) == length ? CAIRO_STATUS_SUCCESS
	                                           : CAIRO_STATUS_WRITE_ERROR;
}

bool qr_write_png(const qr_matrix *qr, int dpi, FILE *out)
{
	/* A module of 0.5 mm at the asked resolution, whole pixels so that
	 * the edges stay sharp; at least 2 px for screens. */
	if (dpi <= 0)
		dpi = 300;
	int px = (int)(0.5 / 25.4 * dpi + 0.5);
	if (px < 2)
		px = 2;
	const int side = (qr->width + 2 * QR_QUIET) * px;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
	cairo_t *cr = cairo_create(s);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	qr_draw_cairo(cr, qr, 0, 0, side);
	cairo_destroy(cr);
	bool ok = cairo_surface_write_to_png_stream(s, png_write_file, out) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	return ok && fflush(out) == 0;
}
