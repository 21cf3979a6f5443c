/* Everything a document needs from the database, loaded in one place so
 * that the command line and the screens print the same way. This is the
 * one file of print/ that calls store/: through its typed functions only,
 * never SQL; it reads, and records that a document was printed. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "print/internal.h"

static bool op_collect(const operator_rec *op, void *ctx)
{
	print_context *pc = ctx;
	if (pc->noperators == pc->cap) {
		size_t cap = pc->cap ? pc->cap * 2 : 8;
		operator_rec *v = realloc(pc->operators, cap * sizeof *v);
		if (v == NULL)
			return false;
		pc->operators = v;
		pc->cap = cap;
	}
	pc->operators[pc->noperators++] = *op;
	return true;
}

store_rc print_context_load(store *st, print_context *pc)
{
	memset(pc, 0, sizeof *pc);
	store_rc rc = store_clinic_get(st, &pc->clinic);
	if (rc == STORE_OK)
		rc = store_operator_list(st, op_collect, pc);
	for (int k = 0; rc == STORE_OK && k < DOC_KIND_COUNT; k++) {
		rc = store_setting_get(st, doc_kind_setting((doc_kind)k),
		                       pc->settings.queue[k], sizeof pc->settings.queue[k]);
		if (rc == STORE_NOT_FOUND) {
			pc->settings.queue[k][0] = '\0';
			rc = STORE_OK;
		}
	}
	for (int k = 0; rc == STORE_OK && k < DOC_KIND_COUNT; k++) {
		char key[64], value[16];
		print_format_setting((doc_kind)k, key, sizeof key);
		rc = store_setting_get(st, key, value, sizeof value);
		pc->settings.format[k] = rc == STORE_OK && strcmp(value, "escpos") == 0 ? FMT_ESCPOS : FMT_PDF;
		if (rc == STORE_NOT_FOUND)
			rc = STORE_OK;
	}
	if (rc == STORE_OK) {
		rc = store_setting_get(st, PRINT_OUTDIR_SETTING, pc->settings.outdir,
		                       sizeof pc->settings.outdir);
		if (rc == STORE_NOT_FOUND || (rc == STORE_OK && pc->settings.outdir[0] == '\0')) {
			rc = STORE_OK;
			if (!print_default_outdir(pc->settings.outdir, sizeof pc->settings.outdir))
				pc->settings.outdir[0] = '\0';
		}
	}
	if (rc != STORE_OK)
		print_context_free(pc);
	return rc;
}

void print_format_setting(doc_kind k, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s.format", doc_kind_setting(k));
}

void print_context_free(print_context *pc)
{
	free(pc->operators);
	pc->operators = NULL;
	pc->noperators = pc->cap = 0;
}

bool print_context_hash(const print_context *pc, char out[PRINT_HASH_SIZE],
                        char *msg, size_t msgsz)
{
	return print_notice_items_hash(&pc->clinic, pc->operators, pc->noperators,
	                               out, msg, msgsz);
}

/* ---- documents of stored records (issue 8) -------------------------------- */

typedef struct stored_job {
	store *st;
	doc_kind kind;
	const char *staff;
} stored_job;

static bool stored_fail(doc_result *res, store_rc rc)
{
	snprintf(res->message, sizeof res->message, _("The document was not printed: %s"),
	         _(store_rc_message(rc)));
	return false;
}

/* Runs once the document can no longer be refused: what the record says
 * now, and the printing itself, recorded before the drawing so that the
 * document knows whether it is a reprint. (A printer that then fails
 * leaves the printing recorded: the next copy says 再発行, which errs on
 * the side of the truth that a copy may exist.) */
static bool stored_before(void *vctx, doc_data *d, doc_result *res)
{
	stored_job *job = vctx;
	const char *ref = NULL;
	int64_t pid = d->patient != NULL ? d->patient->id : 0;
	if ((job->kind == DOC_NOTICE || job->kind == DOC_SLIP) && d->notice != NULL) {
		elig_result er;
		memset(&er, 0, sizeof er);
		store_rc rc = store_patient_status(job->st, d->notice->patient_id, d->notice->date, &er);
		if (rc != STORE_OK)
			return stored_fail(res, rc);
		d->stop_in_effect = d->notice->stop_in_effect || er.state == ELIG_STOPPED;
		ref = d->notice->ref;
		pid = d->notice->patient_id;
	} else if (job->kind == DOC_RECEIPT && d->request != NULL) {
		ref = d->request->ref;
		pid = d->request->patient_id;
	}
	if (ref == NULL || ref[0] == '\0')
		return true;   /* a poster: nothing to record */
	int earlier = 0;
	char first_at[STORE_STAMP_SIZE] = "";
	store_rc rc = store_print_record(job->st, doc_kind_word(job->kind), ref, pid,
	                                 job->staff != NULL ? job->staff : "", &earlier, first_at);
	if (rc != STORE_OK)
		return stored_fail(res, rc);
	d->earlier = earlier;
	d->reprint_date = store_today(job->st);
	if (!date_valid(d->reprint_date))
		d->reprint_date = d->today;
	return true;
}

bool print_stored_document(store *st, const doc_request *req, doc_data *data,
                           const print_settings *ps, const char *staff,
                           doc_result *res)
{
	stored_job job = { .st = st, .kind = req->kind, .staff = staff };
	return print_document_with(req, data, ps, res, stored_before, &job);
}
