/* Foreign formats in: the patient master and the day's reception list as
 * the receipt computer (レセコン, ORCA) exports them. Bytes are decoded
 * strictly (UTF-8, CP932/Shift_JIS, EUC-JP), parsed as CSV (libcsv),
 * streamed row by row (the file is never held whole), mapped to fields by
 * header name, --map or the ORCA layout, validated like `patient add`, and
 * written in one transaction: all or nothing. Never prints: messages come
 * back as text (translated) for the caller to show. */
#ifndef OD_EXCHANGE_H
#define OD_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "store/store.h"

typedef enum exch_encoding {
	EXCH_ENC_AUTO = 0, EXCH_ENC_UTF8, EXCH_ENC_CP932, EXCH_ENC_EUCJP
} exch_encoding;
/* "utf-8", "cp932" (also sjis, shift_jis, windows-31j), "euc-jp". */
bool exch_encoding_parse(const char *word, exch_encoding *out);
const char *exch_encoding_name(exch_encoding e);

/* The fields a column can hold. */
typedef enum exch_field {
	EXCH_NONE = 0, EXCH_NUMBER, EXCH_NAME, EXCH_KANA, EXCH_BIRTH, EXCH_SEX,
	EXCH_ADDRESS, EXCH_PHONE, EXCH_TIME, EXCH_DEPARTMENT, EXCH_DATE,
	EXCH_FIELD_COUNT
} exch_field;
/* "number", "name", "kana", ... (the English names the CLI uses). */
const char *exch_field_word(exch_field f);

typedef enum exch_kind { EXCH_PATIENTS, EXCH_VISITS } exch_kind;

/* One rejected row: where, which column, what it held and why. */
typedef struct exch_reject {
	uint64_t line;                 /* physical line where the row starts */
	char column[128];              /* header cell (or "column N") */
	char value[256];               /* as read, sanitized, cut short */
	char reason[256];              /* translated */
} exch_reject;

typedef struct exch_progress {
	uint64_t rows;
	uint64_t bytes, total_bytes;   /* total 0 when unknown (a pipe) */
} exch_progress;

typedef struct exch_options {
	exch_kind kind;
	const char *path;              /* "-" reads standard input */
	exch_encoding encoding;        /* AUTO: detected from the bytes */
	const char *map;               /* --map text, or NULL */
	bool orca;                     /* --format orca (patients only) */
	bool dry_run;                  /* everything but the commit */
	bool skip_invalid;             /* write the valid rows anyway */
	bool confirm_backdated;        /* birth date changes that alter past states */
	od_date visit_date;            /* visits: the date of rows without one */
	const char *source;            /* kept with changes; default: the file name */
	const char *staff;
	/* Called for every rejected row (the report, the first 20 on screen). */
	void (*rejected)(const exch_reject *r, void *ctx);
	/* Called for every possible duplicate: the row's number, the line,
	 * and the numbers it may be the same person as. */
	void (*duplicate)(uint64_t line, const char *number, const char *others, void *ctx);
	/* Called now and then (the caller limits how often it draws). */
	void (*progress)(const exch_progress *p, void *ctx);
	void *ctx;
	/* Stops after this many data rows without writing (0: all): the
	 * settings screen's preview of the first rows. */
	uint64_t max_rows;
	/* With max_rows: called with each mapped row (field values, after
	 * conversion, "" when absent) for the preview. */
	void (*preview)(uint64_t line, const char *const values[EXCH_FIELD_COUNT], void *ctx);
} exch_options;

typedef struct exch_summary {
	uint64_t rows, added, updated, unchanged, rejected, duplicates;
	uint64_t patients_added;       /* visits: patients registered from the list */
	bool committed;
	exch_encoding encoding;        /* as detected or given */
} exch_summary;

typedef enum exch_rc {
	EXCH_OK = 0,
	EXCH_REJECTED,     /* some rows rejected (written only with skip_invalid) */
	EXCH_BAD_OPTION,   /* --map / --encoding / --date wrong: err names it */
	EXCH_BAD_FILE,     /* the file cannot be read as a list: nothing written */
	EXCH_STORE,        /* the database failed: nothing written */
} exch_rc;

typedef struct exch_error {
	char field[64];                /* "--map", "FILE", ... */
	char message[512];             /* translated, names the line */
	store_rc store;                /* EXCH_STORE */
} exch_error;

exch_rc exch_import(store *st, const exch_options *o, exch_summary *sum, exch_error *err);

/* ---- CSV out (exchange/csvout.c): the one CSV cell writer ---- */
/* The cell as written: control characters and bytes that are not UTF-8 as
 * placeholders (text_sanitize_dup), RFC 4180 quoted when needed, and a
 * cell a spreadsheet would take for a formula (= + - @ first, or a tab/CR)
 * quoted with an apostrophe first so that it stays text. malloc'd; NULL
 * when out of memory. */
char *exch_csv_quote(const char *s);
/* Writes that cell alone; false when out of memory or the write failed. */
bool exch_csv_field(FILE *out, const char *s);
/* The cell and "," after it, or CRLF after the last of a row (RFC 4180,
 * and what Excel writes). */
bool exch_csv_cell(FILE *out, const char *s, bool last);

#endif
