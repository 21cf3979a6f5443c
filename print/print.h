/* Documents and QR codes (issue 4). No curses, no SQL: print/ uses the
 * record types of store/store.h as plain data and never calls store_*. */
#ifndef OD_PRINT_H
#define OD_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include "store/store.h"

typedef enum doc_kind { DOC_NOTICE, DOC_SLIP, DOC_RECEIPT, DOC_POSTER, DOC_KIND_COUNT } doc_kind;
typedef enum doc_format { FMT_PDF, FMT_PNG, FMT_ESCPOS } doc_format;

/* What to produce. */
typedef struct doc_request {
	doc_kind kind;
	doc_format format;
	const char *lang;            /* "ja" (default) or "en" */
	bool large;                  /* large-print notice */
	const char *out_path;        /* write here; NULL: the configured queue, else the output folder */
} doc_request;

/* What the document shows; pointers are NULL where the kind has none
 * (a poster has no patient). Filled by the caller from store/. */
typedef struct doc_data {
	const clinic_settings *clinic;
	const patient *patient;
	const notice_rec *notice;    /* notice, slip */
	const request_rec *request;  /* receipt */
	od_date today;
	const operator_rec *operators;
	size_t noperators;
} doc_data;

/* Where documents go: a CUPS queue per kind ("" = none), else a folder. */
typedef struct print_settings {
	char queue[DOC_KIND_COUNT][256];
	char outdir[STORE_PATH_MAX];
} print_settings;

typedef struct doc_result {
	bool printed;                /* sent to a printer queue */
	char queue[256];
	char path[STORE_PATH_MAX];   /* file written, if any */
	char message[512];           /* translated sentence on failure */
} doc_result;

/* Renders and prints or saves one document. Never touches the database:
 * the record is saved before this is called, so a failure loses nothing. */
bool print_document(const doc_request *req, const doc_data *data,
                    const print_settings *ps, doc_result *res);

/* A QR code as a square of modules (1 = dark), quiet zone not included. */
typedef struct qr_matrix {
	int width;
	unsigned char *modules;   /* width * width */
} qr_matrix;
/* Encodes text (URL) with libqrencode; false if it does not fit. */
bool qr_encode(const char *text, qr_matrix *out);
void qr_free(qr_matrix *qr);
/* Half-block lines (qrencode -t ANSIUTF8 style) with a 4-module quiet zone:
 * rows = (width + 8 + 1) / 2, each (width + 8) columns. Caller frees with
 * qr_lines_free. Colours are the caller's (tui sets black on white). */
char **qr_text_lines(const qr_matrix *qr, int *nlines, int *cols);
void qr_lines_free(char **lines, int nlines);

/* The QR payload: the clinic's notice URL with {{ref}} replaced by ref (or
 * removed when ref is NULL). */
bool print_notice_url(const clinic_settings *cs, const char *ref, char *out, size_t outsz);

#endif
