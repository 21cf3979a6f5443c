/* Printing from the screens. The record is always saved before this runs,
 * so a printer that fails loses nothing: the message says what happened
 * and the document can be printed again from the patient's history. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "core/i18n.h"
#include "tui/internal.h"

void tui_print(app *a, doc_kind kind, const patient *p, const notice_rec *n,
               const request_rec *r)
{
	print_context pc;
	store_rc rc = print_context_load(a->st, &pc);
	if (rc != STORE_OK) {
		app_store_error(a, rc);
		return;
	}
	/* A queue gets what it is set to take (ESC/POS for a raw thermal
	 * queue); a file in the output folder is always a PDF. */
	doc_request req = { .kind = kind, .lang = "ja",
	                    .format = pc.settings.queue[kind][0] ? pc.settings.format[kind] : FMT_PDF };
	doc_data data = {
		.clinic = &pc.clinic, .patient = p, .notice = n, .request = r,
		.today = a->today, .operators = pc.operators, .noperators = pc.noperators,
	};
	doc_result res;
	memset(&res, 0, sizeof res);
	/* Recorded before it is drawn: a second printing says 再発行. */
	bool ok = print_stored_document(a->st, &req, &data, &pc.settings, a->staff, &res);
	print_context_free(&pc);
	if (!ok)
		app_say(a, true, "%s", res.message);
	else if (res.printed)
		app_say(a, false, _("Sent to the printer “%s”."), res.queue);
	else
		app_say(a, false, _("No printer is set up: saved as %s"), res.path);
}

void tui_reprint(app *a, const patient *p, const history_item *h)
{
	store_rc rc;
	if (h->kind == HIST_NOTICE) {
		notice_rec n;
		rc = store_notice_get_ref(a->st, h->ref, &n);
		if (rc == STORE_OK)
			tui_print(a, DOC_NOTICE, p, &n, NULL);
	} else if (h->kind == HIST_STOP || h->kind == HIST_WITHDRAW) {
		request_rec r;
		rc = store_request_get_ref(a->st, h->ref, &r);
		if (rc == STORE_OK)
			tui_print(a, DOC_RECEIPT, p, NULL, &r);
	} else {
		app_say(a, true, "%s", _("This line of the history has no document: select a notice or a request."));
		return;
	}
	if (rc != STORE_OK)
		app_store_error(a, rc);
}
