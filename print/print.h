/* Documents and QR codes (issue 4). No curses, no SQL: print/ uses the
 * record types of store/store.h as plain data and never calls store_*. */
#ifndef OD_PRINT_H
#define OD_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include "store/store.h"

typedef enum doc_kind { DOC_NOTICE, DOC_SLIP, DOC_RECEIPT, DOC_POSTER } doc_kind;
typedef enum doc_format { FMT_PDF, FMT_PNG, FMT_ESCPOS } doc_format;

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
