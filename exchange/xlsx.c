/* The .xlsx side of the tables (exchange/sheet.h), through libxlsxwriter:
 * the header row bold and frozen, with a filter; each column its width;
 * dates as date cells (yyyy-mm-dd), so the office can sort and count by
 * them; identifiers as text cells in a text-formatted column, so patient
 * number 0001 keeps its zeros and a receipt number is never read as a
 * number. Text cells are always strings, never formulas. Written in
 * libxlsxwriter's constant-memory mode: row by row, never held whole. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/text.h"
#include "exchange/internal.h"

struct xlsx_book {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date, *text;
	const sheet_column *cols;
	size_t ncols;
};

static bool failed(lxw_error e, exch_error *err)
{
	if (e == LXW_NO_ERROR)
		return false;
	exch_say(err, "-o", _("the .xlsx file could not be written: %s"), lxw_strerror(e));
	return true;
}

static bool out_of_memory(exch_error *err)
{
	exch_say(err, _("FILE"), "%s", _("out of memory"));
	return false;
}

/* A text cell, control characters shown as placeholders (as in CSV). */
static lxw_error put_text(xlsx_book *b, lxw_row_t row, lxw_col_t col, const char *s,
                          lxw_format *fmt, bool *oom)
{
	char *shown = text_sanitize_dup(s ? s : "");
	if (shown == NULL) {
		*oom = true;
		return LXW_NO_ERROR;
	}
	lxw_error e = shown[0] ? worksheet_write_string(b->ws, row, col, shown, fmt)
	                       : LXW_NO_ERROR;
	free(shown);
	return e;
}

xlsx_book *xlsx_open(const sheet_options *o, exch_error *err)
{
	xlsx_book *b = calloc(1, sizeof *b);
	if (b == NULL) {
		out_of_memory(err);
		return NULL;
	}
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE, .tmpdir = NULL,
	                            .use_zip64 = LXW_FALSE };
	b->wb = workbook_new_opt(o->path, &wo);
	b->ws = b->wb ? workbook_add_worksheet(b->wb, o->name) : NULL;
	if (b->ws == NULL) {
		if (b->wb)
			workbook_close(b->wb);
		free(b);
		exch_say(err, "-o", "%s", _("the .xlsx file could not be started (out of memory?)"));
		return NULL;
	}
	b->cols = o->cols;
	b->ncols = o->ncols;
	b->bold = workbook_add_format(b->wb);
	format_set_bold(b->bold);
	b->date = workbook_add_format(b->wb);
	format_set_num_format(b->date, "yyyy-mm-dd");
	b->text = workbook_add_format(b->wb);
	format_set_num_format(b->text, "@");
	lxw_error e = LXW_NO_ERROR;
	bool oom = false;
	for (size_t c = 0; c < o->ncols && e == LXW_NO_ERROR; c++) {
		lxw_format *colfmt = o->cols[c].type == SHEET_ID ? b->text
		                     : o->cols[c].type == SHEET_DATE ? b->date : NULL;
		e = worksheet_set_column(b->ws, (lxw_col_t)c, (lxw_col_t)c, o->cols[c].width, colfmt);
	}
	for (size_t c = 0; c < o->ncols && e == LXW_NO_ERROR; c++)
		e = put_text(b, 0, (lxw_col_t)c, _(o->cols[c].title), b->bold, &oom);
	worksheet_freeze_panes(b->ws, 1, 0);
	if (oom || failed(e, err)) {
		if (oom)
			out_of_memory(err);
		workbook_close(b->wb);
		free(b);
		return NULL;
	}
	return b;
}

bool xlsx_row(xlsx_book *b, uint64_t row, const char *const *cells, exch_error *err)
{
	if (row >= LXW_ROW_MAX) {
		exch_say(err, "--format",
		         _("more rows than a worksheet holds (%lu): narrow --from/--to, or use --format csv"),
		         (unsigned long)LXW_ROW_MAX - 1);
		return false;
	}
	lxw_error e = LXW_NO_ERROR;
	bool oom = false;
	for (size_t c = 0; c < b->ncols && e == LXW_NO_ERROR && !oom; c++) {
		const char *v = cells[c] ? cells[c] : "";
		od_date d;
		if (b->cols[c].type == SHEET_DATE && v[0] && date_parse(v, &d) == DATE_OK) {
			lxw_datetime dt = { .year = d.y, .month = d.m, .day = d.d };
			e = worksheet_write_datetime(b->ws, (lxw_row_t)row, (lxw_col_t)c, &dt, b->date);
		} else {
			e = put_text(b, (lxw_row_t)row, (lxw_col_t)c, v,
			             b->cols[c].type == SHEET_ID ? b->text : NULL, &oom);
		}
	}
	if (oom)
		return out_of_memory(err);
	return !failed(e, err);
}

bool xlsx_close(xlsx_book *b, uint64_t rows, exch_error *err)
{
	lxw_error e = LXW_NO_ERROR;
	if (b->ncols > 0)
		e = worksheet_autofilter(b->ws, 0, 0, (lxw_row_t)rows, (lxw_col_t)(b->ncols - 1));
	lxw_error closed = workbook_close(b->wb);
	free(b);
	return !failed(e != LXW_NO_ERROR ? e : closed, err);
}
