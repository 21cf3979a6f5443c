/* The import itself: the decoder feeds the CSV parser line by line, the
 * first row settles the columns, and every row is checked like
 * `patient add` and upserted inside one write transaction, committed only
 * when every row went in (or with skip_invalid), never on a dry run. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "core/i18n.h"
#include "core/text.h"
#include "exchange/internal.h"

static void set_err(exch_error *err, const char *field, const char *msg)
{
	snprintf(err->field, sizeof err->field, "%s", field);
	snprintf(err->message, sizeof err->message, "%s", msg);
}

void exch_reject_cell(exch_job *j, uint64_t line, exch_field f, const char *value,
                      const char *reason)
{
	exch_reject r;
	memset(&r, 0, sizeof r);
	r.line = line;
	if (f != EXCH_NONE && j->cols.name[f][0])
		text_sanitize(j->cols.name[f], r.column, sizeof r.column);
	else
		snprintf(r.column, sizeof r.column, "%s", f != EXCH_NONE ? exch_field_word(f) : "");
	text_sanitize(value ? value : "", r.value, sizeof r.value);
	snprintf(r.reason, sizeof r.reason, "%s", reason);
	j->row_rejected = true;
	if (j->o->rejected)
		j->o->rejected(&r, j->o->ctx);
}

/* The cell of field f in this row, trimmed and with half-width kana made
 * full-width, in j->val[f] ("" when the file has no such column). */
static void take_values(exch_job *j, const exch_row *r)
{
	for (int f = 1; f < EXCH_FIELD_COUNT; f++) {
		j->val[f][0] = '\0';
		int c = j->cols.col[f];
		if (c < 0 || (size_t)c >= r->n)
			continue;
		char *cell = exch_trim(r->f[c]);
		/* An address written on two lines in the receipt computer
		 * keeps its parts, on one line. */
		if (f == EXCH_ADDRESS) {
			char *w = cell;
			for (char *q = cell; *q; q++) {
				if (*q == '\r' && q[1] == '\n')
					continue;
				*w++ = *q == '\r' || *q == '\n' ? ' ' : *q;
			}
			*w = '\0';
		}
		if (!exch_kana_fullwidth(cell, j->val[f], sizeof j->val[f]))
			snprintf(j->val[f], sizeof j->val[f], "%.*s", (int)sizeof j->val[f] - 1, cell);
	}
}

static bool settle_columns(exch_job *j, const exch_row *r, bool *is_header)
{
	*is_header = false;
	if (j->o->orca) {
		exch_columns_orca(&j->cols);
	} else if (exch_columns_from_header(r, j->have_map ? &j->map : NULL, &j->cols)) {
		*is_header = true;
	} else if (j->have_map && !j->map.by_name) {
		exch_columns_from_map(&j->map, &j->cols);
	} else {
		char msg[512];
		snprintf(msg, sizeof msg,
		         _("line %llu: no column name is recognised (患者番号, 氏名, カナ氏名, 生年月日, 性別, 住所, 電話番号, or number, name, kana, birth, sex, address, phone): name the columns with --map, e.g. --map 1=number,2=name,3=kana,4=birth"),
		         (unsigned long long)r->line);
		set_err(j->err, _("FILE"), msg);
		return false;
	}
	static const exch_field need_patients[] = { EXCH_NUMBER, EXCH_NAME, EXCH_KANA, EXCH_BIRTH };
	static const exch_field need_visits[] = { EXCH_NUMBER };
	const exch_field *need = j->o->kind == EXCH_PATIENTS ? need_patients : need_visits;
	size_t nneed = j->o->kind == EXCH_PATIENTS ? 4 : 1;
	for (size_t i = 0; i < nneed; i++)
		if (j->cols.col[need[i]] < 0) {
			char msg[512];
			snprintf(msg, sizeof msg,
			         _("no column for the field \"%s\": name it in the header or with --map COLUMN=%s"),
			         exch_field_word(need[i]), exch_field_word(need[i]));
			set_err(j->err, "--map", msg);
			return false;
		}
	return true;
}

static bool on_row(const exch_row *r, void *ctx)
{
	exch_job *j = ctx;
	if (!j->columns_known) {
		bool header;
		if (!settle_columns(j, r, &header))
			return false;
		j->columns_known = true;
		if (header)
			return true;
	}
	j->row_rejected = false;
	take_values(j, r);
	j->sum->rows++;
	if (j->o->max_rows) {
		const char *vals[EXCH_FIELD_COUNT];
		for (int f = 0; f < EXCH_FIELD_COUNT; f++)
			vals[f] = j->val[f];
		if (j->o->preview)
			j->o->preview(r->line, vals, j->o->ctx);
		return j->sum->rows < j->o->max_rows;
	}
	bool ok = j->o->kind == EXCH_PATIENTS ? exch_patient_row(j, r->line)
	                                      : exch_visit_row(j, r->line);
	if (!ok)
		return false;
	if (j->row_rejected)
		j->sum->rejected++;
	if (j->o->progress && (j->sum->rows & 255) == 0) {
		exch_progress p = { j->sum->rows, exch_decoder_bytes(j->dec), exch_decoder_total(j->dec) };
		j->o->progress(&p, j->o->ctx);
	}
	return true;
}

/* SQLite frees and takes back a few hundred KB at the top of the heap for
 * every statement of a write transaction that has grown large (its
 * savepoint bitmaps); glibc hands that back to the kernel each time, two
 * system calls a statement (30,000 rows: 1.9 s of system time, 0.7 s
 * with this). Keeping 16 MB of freed memory in the process ends that;
 * the peak it can reach is the same. */
static void keep_heap(void)
{
#ifdef __GLIBC__
	mallopt(M_TRIM_THRESHOLD, 16 * 1024 * 1024);
	mallopt(M_TOP_PAD, 1024 * 1024);
#endif
}

exch_rc exch_import(store *st, const exch_options *o, exch_summary *sum, exch_error *err)
{
	exch_job j;
	memset(&j, 0, sizeof j);
	memset(sum, 0, sizeof *sum);
	memset(err, 0, sizeof *err);
	j.st = st;
	j.o = o;
	j.sum = sum;
	j.err = err;
	if (o->map) {
		if (!exch_map_parse(o->map, &j.map, err))
			return EXCH_BAD_OPTION;
		j.have_map = true;
	}
	if (o->orca && o->kind != EXCH_PATIENTS) {
		set_err(err, "--format", _("orca: the ORCA layout is for the patient master (import patients)"));
		return EXCH_BAD_OPTION;
	}
	if (st)
		j.width = store_number_width(st);
	const char *src = o->source;
	if (!src || !*src) {
		const char *slash = strrchr(o->path, '/');
		src = strcmp(o->path, "-") == 0 ? "stdin" : slash ? slash + 1 : o->path;
	}
	snprintf(j.source, sizeof j.source, "%s", src);

	j.dec = exch_decoder_open(o->path, o->encoding, err);
	if (!j.dec)
		return EXCH_BAD_FILE;
	sum->encoding = exch_decoder_encoding(j.dec);
	exch_csv *csv = exch_csv_new(on_row, &j, err);
	if (!csv) {
		exch_decoder_close(j.dec);
		return EXCH_BAD_FILE;
	}
	bool writing = !o->max_rows && st;
	if (writing)
		keep_heap();
	store_rc src_rc = writing ? store_batch_begin(st) : STORE_OK;
	if (writing && src_rc == STORE_OK)
		store_import_mark(st, true);
	exch_rc rc = EXCH_OK;
	if (src_rc != STORE_OK) {
		err->store = src_rc;
		rc = EXCH_STORE;
		writing = false;
	}
	const char *text;
	size_t len;
	bool more = rc == EXCH_OK;
	while (more) {
		if (!exch_decoder_read(j.dec, &text, &len, err)) {
			rc = EXCH_BAD_FILE;
			break;
		}
		if (len == 0) {
			if (!exch_csv_finish(csv) && !exch_csv_stopped(csv))
				rc = EXCH_BAD_FILE;
			break;
		}
		if (!exch_csv_feed(csv, text, len)) {
			if (o->max_rows && j.sum->rows >= o->max_rows && !j.fatal && !err->message[0])
				break;   /* the preview has its rows */
			rc = j.fatal ? EXCH_STORE : EXCH_BAD_FILE;
			break;
		}
	}
	if (rc == EXCH_BAD_FILE && exch_csv_stopped(csv) && j.fatal)
		rc = EXCH_STORE;
	if (rc == EXCH_BAD_FILE && strcmp(err->field, "--map") == 0)
		rc = EXCH_BAD_OPTION;   /* the columns the map (or its absence) left */
	if (rc == EXCH_OK && !j.columns_known) {
		set_err(err, _("FILE"), _("the file has no rows"));
		rc = EXCH_BAD_FILE;
	}
	if (rc == EXCH_OK && sum->rejected)
		rc = EXCH_REJECTED;
	if (o->progress && rc != EXCH_BAD_FILE && rc != EXCH_STORE) {
		exch_progress p = { sum->rows, exch_decoder_bytes(j.dec), exch_decoder_total(j.dec) };
		o->progress(&p, o->ctx);
	}
	exch_csv_free(csv);
	exch_decoder_close(j.dec);
	if (writing) {
		bool commit = !o->dry_run && (rc == EXCH_OK || (rc == EXCH_REJECTED && o->skip_invalid));
		store_rc e = store_batch_end(st, commit);
		store_import_mark(st, false);
		if (e != STORE_OK) {
			err->store = e;
			rc = EXCH_STORE;
		} else {
			sum->committed = commit;
		}
	}
	return rc;
}
