/* Tables for the office's spreadsheets (issue 13): the register of
 * notices, stops and withdrawals and the patient list, written as CSV for
 * Excel on Japanese Windows (UTF-8 with a BOM, or CP932; CRLF; cells that
 * would run as formulas made text) or as .xlsx through libxlsxwriter (a
 * bold frozen header, column widths, dates as date cells, identifiers as
 * text). Written row by row: the table is never held whole. Never prints:
 * errors come back as text (translated) for the caller to show. */
#ifndef OD_EXCHANGE_SHEET_H
#define OD_EXCHANGE_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "exchange/exchange.h"

typedef enum sheet_format { SHEET_CSV, SHEET_XLSX } sheet_format;
/* "csv", "xlsx". */
bool sheet_format_parse(const char *word, sheet_format *out);

typedef enum sheet_type {
	SHEET_TEXT,      /* plain text */
	SHEET_ID,        /* an identifier: always text (patient number 0001) */
	SHEET_DATE,      /* an ISO date (YYYY-MM-DD) or "": a date cell */
} sheet_type;

typedef struct sheet_column {
	const char *title;             /* msgid of the header cell */
	sheet_type type;
	double width;                  /* in characters (.xlsx) */
} sheet_column;

typedef struct sheet_options {
	sheet_format format;
	exch_encoding encoding;        /* CSV: EXCH_ENC_UTF8 (with BOM) or
	                                  EXCH_ENC_CP932; .xlsx: ignored */
	const char *path;              /* the file written (created or truncated) */
	const char *name;              /* the worksheet's name (.xlsx) */
	const sheet_column *cols;
	size_t ncols;
} sheet_options;

typedef struct sheet sheet;
/* NULL with err filled. The header row is written at once. */
sheet *sheet_open(const sheet_options *o, exch_error *err);
/* One row of ncols cells (NULL counts as ""). CP932: a character it cannot
 * hold is an error naming the row and column (nothing is replaced). */
bool sheet_row(sheet *s, const char *const *cells, exch_error *err);
/* Rows written after the header. */
uint64_t sheet_rows(const sheet *s);
/* Finishes the file and frees s (also after an error); false with err
 * filled when the file could not be written whole. */
bool sheet_close(sheet *s, exch_error *err);

/* ---- the tables (exchange/registers.c) ---- */
/* The register of notices, stops and withdrawals (voided ones marked). */
sheet *sheet_register_open(sheet_options *o, exch_error *err);
bool sheet_register_add(sheet *s, const export_item *it, exch_error *err);
/* The patient list with each patient's state on asof. */
sheet *sheet_patients_open(sheet_options *o, exch_error *err);
bool sheet_patients_add(sheet *s, const patient *p, const elig_result *r,
                        exch_error *err);

#endif
