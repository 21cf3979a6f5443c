/* `notice`, `refuse` and `withdraw`: recording the hand-over of the notice
 * and requests to stop or to let data flow again. The rules (core/rules.h)
 * are applied by the store on the date concerned; here they are explained
 * when they refuse. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"

/* A retry with a request id already recorded: the first notice's line
 * again (its reference, and the date data may flow from, or "-" while a
 * stop is in effect on its date). */
static int notice_replay(store *st, const char *ref)
{
	notice_rec n;
	clinic_settings cs;
	elig_result res;
	store_rc src = store_notice_get_ref(st, ref, &n);
	if (src == STORE_OK)
		src = store_clinic_get(st, &cs);
	if (src != STORE_OK)
		return cli_store_error(src);
	char shown[REFCODE_SIZE * 4], iso[DATE_ISO_SIZE] = "-";
	text_sanitize(n.ref, shown, sizeof shown);
	if (store_patient_status(st, n.patient_id, n.date, &res) != STORE_OK ||
	    res.state != ELIG_STOPPED)
		date_format_iso(date_flow_from(n.date, cs.wait_months > 0 ? cs.wait_months : 1), iso);
	printf("%s %s\n", shown, iso);
	return CLI_OK;
}

int cli_notice_main(const cli_ctx *ctx, int argc, char **argv)
{
	cli_requester who = { .kind_field = "--to", .name_field = "--recipient" };
	const char *number, *reqid = NULL, *first;
	notice_rec n;
	int rc;

	memset(&n, 0, sizeof n);
	const cli_opt opts[] = {
		{ .name = "date", .kind = CLI_DATE, .out = &n.date, .required = true },
		{ .name = "to", .kind = CLI_TEXT, .out = &who.kind_word },
		{ .name = "recipient", .kind = CLI_TEXT, .out = &who.name },
		{ .name = "relationship", .kind = CLI_TEXT, .out = &who.rel_word },
		{ .name = "confirm-backdated", .kind = CLI_FLAG, .out = &n.confirm_backdated },
		{ .name = "request-id", .kind = CLI_TEXT, .out = &reqid },
		{ .name = NULL },
	};
	if ((rc = cli_options("notice", argc, argv, opts)) != CLI_PARSED)
		return rc;
	if ((rc = cli_one_argument(argc, argv, _("patient number"), &number)) != CLI_OK)
		return rc;
	if (!cli_requester_check(&who, false, &n.to, &n.rel))
		return CLI_BAD_INPUT;
	if (who.name != NULL)
		snprintf(n.recipient, sizeof n.recipient, "%s", who.name);
	snprintf(n.staff, sizeof n.staff, "%s", ctx->staff);

	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	if ((rc = cli_request_id(st, reqid, "notice", number, &first)) != CLI_OK || first) {
		if (rc == CLI_OK)
			rc = notice_replay(st, first);
		store_close(st);
		return rc;
	}
	patient p;
	if ((rc = cli_find_patient(st, number, &p)) != CLI_OK) {
		store_close(st);
		return rc;
	}
	clinic_settings cs;
	store_rc src = store_clinic_get(st, &cs);
	if (src == STORE_OK) {
		rule_verdict v = { 0 };
		n.patient_id = p.id;
		src = store_notice_add(st, &n, &v);
		if (src == STORE_REPLAYED) {
			rc = notice_replay(st, cli_replayed(st));
			store_close(st);
			return rc;
		}
		if (src == STORE_REFUSED) {
			store_close(st);
			return cli_verdict_refused("--to", &v, false);
		}
	}
	if (src != STORE_OK) {
		rc = cli_store_refused(st, src, "--date");
		store_close(st);
		return rc;
	}
	store_close(st);

	char iso[DATE_ISO_SIZE], ref[REFCODE_SIZE * 4];
	text_sanitize(n.ref, ref, sizeof ref);
	if (n.stop_in_effect) {
		/* The notice is on record, but it promises no date: nothing
		 * flows while the stop is in effect. */
		printf("%s -\n", ref);
		fprintf(stderr, "%s: %s\n", PACKAGE,
		        _("a stop is in effect for this patient: the notice is recorded, and no data flows from it"));
		return CLI_OK;
	}
	date_format_iso(date_flow_from(n.date, cs.wait_months > 0 ? cs.wait_months : 1), iso);
	printf("%s %s\n", ref, iso);
	return CLI_OK;
}

static int request_replay(const char *ref)
{
	char shown[REFCODE_SIZE * 4];
	text_sanitize(ref, shown, sizeof shown);
	printf("%s\n", shown);
	return CLI_OK;
}

int cli_request_main(const cli_ctx *ctx, int argc, char **argv)
{
	const bool stop = strcmp(argv[0], "refuse") == 0;
	cli_requester who = { .kind_field = "--by", .name_field = "--name" };
	const char *ch = NULL, *idc = NULL, *note = NULL, *number;
	const char *reqid = NULL, *first;
	bool accept = false;
	request_rec r;
	int rc;

	memset(&r, 0, sizeof r);
	const cli_opt opts[] = {
		{ .name = "date", .kind = CLI_DATE, .out = &r.date, .required = true },
		{ .name = "by", .kind = CLI_TEXT, .out = &who.kind_word },
		{ .name = "name", .kind = CLI_TEXT, .out = &who.name },
		{ .name = "relationship", .kind = CLI_TEXT, .out = &who.rel_word },
		{ .name = "channel", .kind = CLI_TEXT, .out = &ch, .required = true },
		{ .name = "id-check", .kind = CLI_TEXT, .out = &idc, .required = true },
		{ .name = "delete-provided", .kind = CLI_FLAG, .out = &r.delete_provided },
		{ .name = "note", .kind = CLI_TEXT, .out = &note },
		{ .name = "accept-mismatch", .kind = CLI_FLAG, .out = &accept },
		{ .name = "confirm-backdated", .kind = CLI_FLAG, .out = &r.confirm_backdated },
		{ .name = "request-id", .kind = CLI_TEXT, .out = &reqid },
		{ .name = NULL },
	};
	if ((rc = cli_options(argv[0], argc, argv, opts)) != CLI_PARSED)
		return rc;
	if ((rc = cli_one_argument(argc, argv, _("patient number"), &number)) != CLI_OK)
		return rc;
	if (!stop && accept)
		return cli_bad_input("--accept-mismatch", "%s",
		                     _("not for withdrawals: only a requester of the fitting kind may withdraw a stop"));
	if (!cli_requester_check(&who, true, &r.by, &r.rel))
		return CLI_BAD_INPUT;
	if (!cli_parse_channel("--channel", ch, &r.ch))
		return CLI_BAD_INPUT;
	if (!cli_parse_id_check("--id-check", idc, &r.idc))
		return CLI_BAD_INPUT;
	if (note != NULL && !cli_check_text("--note", note, TEXT_NOTE_MAX, false))
		return CLI_BAD_INPUT;
	r.stop = stop;
	if (who.name != NULL)
		snprintf(r.name, sizeof r.name, "%s", who.name);
	if (note != NULL)
		snprintf(r.note, sizeof r.note, "%s", note);
	snprintf(r.staff, sizeof r.staff, "%s", ctx->staff);

	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	if ((rc = cli_request_id(st, reqid, argv[0], number, &first)) != CLI_OK || first) {
		if (rc == CLI_OK)
			rc = request_replay(first);
		store_close(st);
		return rc;
	}
	patient p;
	if ((rc = cli_find_patient(st, number, &p)) != CLI_OK) {
		store_close(st);
		return rc;
	}
	rule_verdict v = { 0 };
	r.patient_id = p.id;
	store_rc src = store_request_add(st, &r, stop && accept, &v);
	if (src == STORE_REPLAYED) {
		rc = request_replay(cli_replayed(st));
		store_close(st);
		return rc;
	}
	if (src == STORE_REFUSED) {
		store_close(st);
		return cli_verdict_refused("--by", &v, stop);
	}
	if (src != STORE_OK) {
		rc = cli_store_refused(st, src, src == STORE_CONFLICT ? argv[0] : "--date");
		store_close(st);
		return rc;
	}
	store_close(st);
	if (r.addition)
		fprintf(stderr, "%s: %s\n", PACKAGE,
		        _("a stop is already in effect: this deletion request is recorded as an addition to it"));

	char ref[REFCODE_SIZE * 4];
	text_sanitize(r.ref, ref, sizeof ref);
	if (r.mismatch) {
		fprintf(stderr, "%s: %s: %s", PACKAGE, _("warning"),
		        _("the requester kind did not fit; the stop is recorded as a mismatch after staff checked it"));
		if (v.why != NULL)
			fprintf(stderr, " (%s)", _(v.why));
		fputc('\n', stderr);
	}
	printf("%s\n", ref);
	return CLI_OK;
}
