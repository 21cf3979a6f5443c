/* Shared between the exchange/ source files only. */
#ifndef OD_EXCHANGE_INTERNAL_H
#define OD_EXCHANGE_INTERNAL_H

#include "exchange/exchange.h"

/* A physical line (or a quoted field) longer than this is no patient
 * list: refused before it is held. */
#define EXCH_LINE_MAX (1024 * 1024)

/* Fills err: the field named and the message (already translated). */
void exch_say(exch_error *err, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Grows a buffer to at least need bytes (doubling); false when out of
 * memory (the buffer unchanged). */
bool exch_grow(char **buf, size_t *cap, size_t need);

/* ---- decode.c: bytes in any accepted encoding -> UTF-8, streamed ---- */
/* ICU's converter name of an encoding (NULL for AUTO): decoding in and the
 * CP932 CSV out (sheet.c) use the same one. */
const char *exch_encoding_icu(exch_encoding e);
typedef struct exch_decoder exch_decoder;
/* Opens path ("-": stdin), detects the encoding from the first bytes
 * (unless enc is given). NULL with err filled. */
exch_decoder *exch_decoder_open(const char *path, exch_encoding enc, exch_error *err);
/* Next piece of UTF-8 text; *len 0 at the end. false on a decode error
 * or read error (err filled, naming the line). */
bool exch_decoder_read(exch_decoder *d, const char **text, size_t *len, exch_error *err);
exch_encoding exch_decoder_encoding(const exch_decoder *d);
uint64_t exch_decoder_bytes(const exch_decoder *d);
uint64_t exch_decoder_total(const exch_decoder *d);   /* 0 when unknown */
void exch_decoder_close(exch_decoder *d);

/* ---- csvread.c: UTF-8 text -> rows ---- */
typedef struct exch_row {
	uint64_t line;         /* where the row starts */
	size_t n;              /* fields */
	char **f;              /* NUL-terminated fields */
} exch_row;
/* Returns false to stop (err filled by the callback). */
typedef bool (*exch_row_cb)(const exch_row *r, void *ctx);
typedef struct exch_csv exch_csv;
exch_csv *exch_csv_new(exch_row_cb cb, void *ctx, exch_error *err);
/* Feeds text; false on a parse error or when the callback stopped. */
bool exch_csv_feed(exch_csv *c, const char *text, size_t len);
/* End of input: false on an unterminated quote. */
bool exch_csv_finish(exch_csv *c);
/* True when the callback (not the parser) stopped the feed. */
bool exch_csv_stopped(const exch_csv *c);
void exch_csv_free(exch_csv *c);

/* ---- columns.c: which column holds which field ---- */
typedef struct exch_columns {
	int col[EXCH_FIELD_COUNT];     /* 0-based column of each field, -1 none */
	char name[EXCH_FIELD_COUNT][128]; /* header cell or "column N" */
} exch_columns;
/* The field a header cell names (trimmed, width-folded), or EXCH_NONE. */
exch_field exch_header_field(const char *cell);
/* Parses --map ("患者ID=number,カナ=kana" or "1=number,3=kana").
 * by_name entries are resolved against the header later. */
typedef struct exch_map_entry {
	int column;                    /* 0-based, or -1 when by name */
	char name[128];
	exch_field field;
} exch_map_entry;
#define EXCH_MAP_MAX 32
typedef struct exch_map {
	exch_map_entry e[EXCH_MAP_MAX];
	size_t n;
	bool by_name;                  /* any entry by name */
} exch_map;
bool exch_map_parse(const char *text, exch_map *out, exch_error *err);
/* The ORCA 患者情報 layout (exchange/orca-layout.md). */
void exch_columns_orca(exch_columns *c);
/* From a first row: true when it is a header (some cell names a field or a
 * --map name), c filled from it and the map. */
bool exch_columns_from_header(const exch_row *r, const exch_map *m, exch_columns *c);
/* Without a header: the map's column numbers. */
void exch_columns_from_map(const exch_map *m, exch_columns *c);

/* ---- values.c: one cell -> a field value ---- */
/* Trims ASCII blanks and U+3000 in place; returns s. */
char *exch_trim(char *s);
/* Half-width katakana (U+FF61-FF9F) to full-width, voiced marks joined. */
bool exch_kana_fullwidth(const char *in, char *out, size_t outsz);
/* YYYYMMDD and every form date_parse accepts. */
bool exch_parse_date(const char *s, od_date *out);
/* 1/2, 男/女, M/F (either case), 0/9/empty unknown. */
bool exch_parse_sex(const char *s, char *out);
/* "9:05", "09:05", "0905", "09:05:30" -> "09:05". */
bool exch_parse_time(const char *s, char out[6]);

/* ---- import.c: one import run ---- */
#define EXCH_VALUE_SIZE 1024
typedef struct exch_job {
	store *st;
	const exch_options *o;
	exch_summary *sum;
	exch_error *err;
	exch_decoder *dec;
	exch_map map;
	bool have_map;
	exch_columns cols;
	bool columns_known;
	int width;                     /* the clinic's patient number width */
	char source[256];              /* kept with each change */
	char val[EXCH_FIELD_COUNT][EXCH_VALUE_SIZE]; /* the row's values */
	bool row_rejected;
	bool fatal;                    /* the database failed: stop */
} exch_job;
/* Reports one bad cell of the current row (the row counts as rejected). */
void exch_reject_cell(exch_job *j, uint64_t line, exch_field f, const char *value,
                      const char *reason);
/* One row of each kind (patients.c, visits.c): false stops the import
 * (j->fatal, err filled). */
bool exch_patient_row(exch_job *j, uint64_t line);
bool exch_visit_row(exch_job *j, uint64_t line);
/* Checks the patient fields of j->val into p; rejects what is wrong.
 * need_all: name, kana and birth are required. */
bool exch_patient_fields(exch_job *j, uint64_t line, patient *p, bool *has_contact);
/* Writes a checked patient; counts it; rejects what the store refuses. */
bool exch_patient_write(exch_job *j, uint64_t line, patient *p, bool has_contact,
                        bool *written);

/* ---- xlsx.c: the .xlsx side of sheet.c (issue 13) ---- */
#include "exchange/sheet.h"
typedef struct xlsx_book xlsx_book;
xlsx_book *xlsx_open(const sheet_options *o, exch_error *err);
/* Data row `row` (1-based: the header is row 0). */
bool xlsx_row(xlsx_book *b, uint64_t row, const char *const *cells, exch_error *err);
/* Writes the file and frees b; `rows` data rows were written. */
bool xlsx_close(xlsx_book *b, uint64_t rows, exch_error *err);

#endif
