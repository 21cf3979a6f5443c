/* Documents and QR codes (issue 4). No curses, no SQL: print/ uses the
 * record types of store/store.h as plain data; only print_context_load
 * (print/context.c) reads through store's typed functions. */
#ifndef OD_PRINT_H
#define OD_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
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
	int dpi;                     /* PNG resolution; 0: 150 (additive) */
	bool force;                  /* out_path may replace an existing file
	                                (never the database: store_output_allowed) */
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
	/* Filled by print_stored_document (issue 8); zero: an original, and
	 * the notice's flow date is printed. */
	bool stop_in_effect;         /* notice, slip: a stop was in effect on the
	                                notice date, so no flow date is promised */
	int earlier;                 /* printed this many times before: a reprint
	                                (再発行) when > 0 */
	od_date reprint_date;        /* the date of this reprint */
} doc_data;

/* Where documents go: a CUPS queue per kind ("" = none), else a folder. */
typedef struct print_settings {
	char queue[DOC_KIND_COUNT][256];
	/* What a queue is sent: PDF, or ESC/POS for a raw thermal queue
	 * (setting "printer.KIND.format"; default PDF). Additive. */
	doc_format format[DOC_KIND_COUNT];
	char outdir[STORE_PATH_MAX];
} print_settings;

typedef struct doc_result {
	bool printed;                /* sent to a printer queue */
	char queue[256];
	char path[STORE_PATH_MAX];   /* file written, if any */
	char message[512];           /* translated sentence on failure */
} doc_result;

/* Renders and prints or saves one document. Never touches the database:
 * the record is saved before this is called, so a failure loses nothing.
 * A slip without a usable notice URL is refused (its QR code is the point
 * of it). Documents of stored records go through print_stored_document. */
bool print_document(const doc_request *req, const doc_data *data,
                    const print_settings *ps, doc_result *res);

/* Prints the document of a stored notice or request the way every desk
 * must, from the command line and from the screens alike: the notice's
 * stop_in_effect comes from the patient's state on the notice date
 * (store_patient_status), and the printing is recorded with
 * store_print_record under `staff` before it is drawn, so a second print
 * of the same kind and reference says 再発行 with today's date
 * (store_today). Printing to a file counts. A poster is not recorded.
 * Checks that cannot depend on the record (the template, the slip's URL)
 * come first, so a refused document is not counted as printed. */
bool print_stored_document(store *st, const doc_request *req, doc_data *data,
                           const print_settings *ps, const char *staff,
                           doc_result *res);

/* Writes len bytes to path as print_document writes its documents: "-" is
 * standard output; a new file is created 0600 with O_EXCL; with force an
 * existing one is replaced by a 0600 file written beside it and renamed; a
 * device or a pipe is written as it is. Sets abs_path to the full path of
 * the file written. On false, msg says why (translated). */
bool print_write_output(const char *path, bool force, const void *data, size_t len,
                        char *abs_path, size_t abs_pathsz, char *msg, size_t msgsz);

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

/* ---- additions (issue 4) ------------------------------------------------ */

/* Highest QR version accepted (57 x 57 modules): larger codes are too fine
 * for an 80 mm slip and for the terminal. Encoded at level M. */
#define PRINT_QR_MAX_VERSION 10

/* Is url acceptable as the clinic's notice URL setting? http or https, a
 * host, ASCII without spaces or control characters, and small enough for
 * the QR code (with the longest {{ref}} put in). On false, *why_msgid says
 * why (a msgid: translate with _()). */
bool print_url_check(const char *url, const char **why_msgid);

/* QR code files: SVG (vector), PNG (0.5 mm modules at dpi; 0: 300). */
bool qr_write_svg(const qr_matrix *qr, FILE *out);
bool qr_write_png(const qr_matrix *qr, int dpi, FILE *out);

/* "notice", "slip", "receipt", "poster". */
const char *doc_kind_word(doc_kind k);
/* The setting that names the CUPS queue of a kind: "printer.notice", ... */
const char *doc_kind_setting(doc_kind k);
/* The setting that names the output folder, and its default: the user's
 * documents folder as `xdg-user-dir DOCUMENTS` gives it (XDG_DOCUMENTS_DIR
 * in $XDG_CONFIG_HOME/user-dirs.dirs, else $HOME/Documents) followed by
 * /optout-desk. The folder is created 0700 when a document is saved. */
#define PRINT_OUTDIR_SETTING "output.dir"
bool print_default_outdir(char *out, size_t outsz);

/* Hex SHA-256 of the notice items: the text of the notice template
 * (notice-ja, as found by the template lookup) plus the clinic's contact
 * settings and the active operators. A change of any of them gives a new
 * hash, i.e. a new notice version (store_notice_version_add). On false,
 * msg holds a translated sentence (template missing or unreadable). */
#define PRINT_HASH_SIZE 65
bool print_notice_items_hash(const clinic_settings *cs,
                             const operator_rec *ops, size_t nops,
                             char out[PRINT_HASH_SIZE],
                             char *msg, size_t msgsz);

/* Loads and checks one template by name ("notice-ja", "slip-ja", ...):
 * markup and placeholders. On false, msg names the file and line. */
bool print_template_check(const char *name, char *msg, size_t msgsz);

/* The setting of the format sent to a kind's queue: "printer.slip.format"
 * = "pdf" | "escpos". Writes the key into out. */
void print_format_setting(doc_kind k, char *out, size_t outsz);

/* The national information page on the Act, printed when the clinic has
 * not set its own (Cabinet Office, 次世代医療基盤法). */
#define PRINT_NATIONAL_URL_DEFAULT "https://www8.cao.go.jp/iryou/"

/* What every document needs from the database: the clinic, the active
 * certified operators and where documents go. Shared by cli/ and tui/. */
typedef struct print_context {
	clinic_settings clinic;
	operator_rec *operators;
	size_t noperators, cap;
	print_settings settings;
} print_context;
store_rc print_context_load(store *st, print_context *pc);
void print_context_free(print_context *pc);
/* print_notice_items_hash over the loaded context. */
bool print_context_hash(const print_context *pc, char out[PRINT_HASH_SIZE],
                        char *msg, size_t msgsz);

/* ---- reports (issue 13) --------------------------------------------------- */

/* Lines of a report for the screen and standard output (print/report_text.c):
 * the clinic and the period (ISO dates with 和暦 beside them), the totals
 * with stops and withdrawals by channel and requester kind, the staff
 * table, for month and year a line per day or month with a bar of block
 * characters, the share of patients in each state, and for the day the
 * audit chain's head. cb gets each line (UTF-8, no newline); false stops. */
typedef bool (*report_line_cb)(const char *line, void *ctx);
void report_text(const report_counts *r, const clinic_settings *cs,
                 report_line_cb cb, void *ctx);
/* Pieces shared by the text, the screen and the paper: */
/* "2026-11-24（令和8年11月24日）" on screen, "令和8年11月24日" on paper
 * (ISO alone if ICU fails). */
void report_date_text(od_date d, bool paper, char *buf, size_t bufsz);
/* The whole period that way ("A – B", on paper "A〜B", for month and
 * year). */
void report_period_text(const report_counts *r, bool paper, char *buf, size_t bufsz);
/* 日報 / 月報 / 年報 (translated). */
const char *report_title(report_span s);
/* A count's short column heading, translated. */
const char *report_column_label(report_event ev);
/* A staff row's name, or what stands for none / the overflow. */
const char *report_staff_label(const report_staff *s);
/* "2026-11-05" for a day of a month, "2026-11" for a month of a year. */
void report_bucket_label(const report_counts *r, int i, char *buf, size_t bufsz);

/* Which paper: the A4 report, or the day's short form for the 80 mm
 * receipt printer (the slip printer). */
typedef enum report_form { REPORT_FULL, REPORT_SHORT } report_form;
typedef struct report_request {
	report_form form;
	doc_format format;           /* FMT_PDF, or FMT_ESCPOS for the short form */
	const char *out_path;        /* write here (print_write_output); NULL: the
	                                queue, else the output folder */
	bool force;                  /* out_path may replace a file (never the
	                                database: checked by the caller with
	                                store_output_allowed) */
	const char *queue;           /* CUPS queue; NULL or "": none */
	od_date made;                /* the day it is made (printed on it) */
} report_request;
/* Draws the report (print/report.c: cairo and Pango, IPAexGothic, dates in
 * 和暦, tables of the counts and, for month and year, a bar chart) and
 * writes, prints or saves it as print_document does. Nothing is recorded:
 * the report is read from the records and changes none. */
/* Where printing a report goes, as the screen and the command line both
 * decide: the short form (short_form) to the receipt printer — the slip's
 * queue, in the format that queue takes — the full form to the notice's
 * (A4) queue; `queue` (not NULL) names another; a format the caller was
 * given (format_given) is kept. Without a queue print_report saves it. */
void print_report_route(report_request *rq, const print_settings *ps, bool short_form,
                        const char *queue, bool format_given);
bool print_report(const report_counts *r, const clinic_settings *cs,
                  const report_request *rq, const print_settings *ps, doc_result *res);

#endif
