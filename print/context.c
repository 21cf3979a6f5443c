/* Everything a document needs from the database, loaded in one place so
 * that the command line and the screens print the same way. This is the
 * one file of print/ that calls store/: through its typed functions only,
 * never SQL, and only to read. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "print/print.h"

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
