/* One person, one state on the command line: the possible-duplicate
 * refusal of `patient add`, `patient merge` and `void`. */
#include "config.h"
#include <getopt.h> /* optind: the positional arguments cli_options left */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"

static bool say_similar(const patient *p, void *vctx)
{
	int *n = vctx;
	char number[STORE_NUMBER_SIZE * 4], name[STORE_NAME_SIZE * 4];
	char kana[STORE_NAME_SIZE * 4], iso[DATE_ISO_SIZE] = "-";

	text_sanitize(p->number, number, sizeof number);
	text_sanitize(p->name, name, sizeof name);
	text_sanitize(p->kana, kana, sizeof kana);
	if (p->birth_known)
		date_format_iso(p->birth, iso);
	fprintf(stderr, "  %s\t%s\t%s\t%s\n", number, name, kana, iso);
	(*n)++;
	return true;
}

int cli_similar_refused(store *st, const patient *p)
{
	int n = 0;
	cli_bad_input(_("patient"), "%s",
	              _("possibly the same person as a registered patient (same kana or name and birth date):"));
	store_patient_similar(st, p, say_similar, &n);
	cli_bad_input("--not-duplicate", "%s",
	              _("registers it anyway once staff have checked it is another person (recorded); or merge the records with `patient merge`"));
	return CLI_BAD_INPUT;
}

static int merge_said(const char *from, const char *into, bool with_state,
                      elig_state state)
{
	char a[STORE_NUMBER_SIZE * 4], b[STORE_NUMBER_SIZE * 4];
	text_sanitize(from, a, sizeof a);
	text_sanitize(into, b, sizeof b);
	printf(_("Patient %s is merged into %s; both histories count for %s.\n"), a, b, b);
	if (with_state)
		printf("%s: %s\n", _("Status"), _(elig_state_label(state)));
	return CLI_OK;
}

int cli_patient_merge(const cli_ctx *ctx, int argc, char **argv)
{
	const char *reason = NULL, *reqid = NULL, *first;
	int rc;
	const cli_opt opts[] = {
		{ .name = "reason", .kind = CLI_TEXT, .out = &reason, .required = true },
		{ .name = "request-id", .kind = CLI_TEXT, .out = &reqid },
		{ .name = NULL },
	};

	if ((rc = cli_options("patient", argc, argv, opts)) != CLI_PARSED)
		return rc;
	if (argc - optind != 2)
		return cli_bad_input(_("patient numbers"), "%s",
		                     _("give two: FROM (the record to merge) and INTO (the one kept)"));
	if (!cli_check_text("--reason", reason, TEXT_NOTE_MAX, true))
		return CLI_BAD_INPUT;
	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	char subject[STORE_NUMBER_SIZE * 2 + 2];
	snprintf(subject, sizeof subject, "%.*s>%.*s", STORE_NUMBER_SIZE - 1, argv[optind],
	         STORE_NUMBER_SIZE - 1, argv[optind + 1]);
	if ((rc = cli_request_id(st, reqid, "patient-merge", subject, &first)) != CLI_OK || first) {
		if (rc == CLI_OK)
			rc = merge_said(argv[optind], argv[optind + 1], false, 0);
		store_close(st);
		return rc;
	}
	patient from, into;
	if ((rc = cli_find_patient(st, argv[optind], &from)) != CLI_OK ||
	    (rc = cli_find_patient(st, argv[optind + 1], &into)) != CLI_OK) {
		store_close(st);
		return rc;
	}
	if (from.looked_up_as[0]) {
		store_close(st);
		return cli_bad_input("FROM", "%s", _("That patient was already merged into another"));
	}
	store_rc src = store_patient_merge(st, from.id, into.id, reason, ctx->staff);
	if (src == STORE_REPLAYED) {
		cli_replayed(st);
		store_close(st);
		return merge_said(from.number, into.number, false, 0);
	}
	if (src != STORE_OK) {
		rc = cli_store_refused(st, src, _("patient numbers"));
		store_close(st);
		return rc;
	}
	elig_result res;
	src = store_patient_status(st, into.id, store_today(st), &res);
	store_close(st);
	return merge_said(from.number, into.number, src == STORE_OK, res.state);
}

int cli_void_main(const cli_ctx *ctx, int argc, char **argv)
{
	const char *reason = NULL, *what, *reqid = NULL, *first;
	bool confirm = false;
	int rc;
	const cli_opt opts[] = {
		{ .name = "reason", .kind = CLI_TEXT, .out = &reason, .required = true },
		{ .name = "confirm-backdated", .kind = CLI_FLAG, .out = &confirm },
		{ .name = "request-id", .kind = CLI_TEXT, .out = &reqid },
		{ .name = NULL },
	};

	if ((rc = cli_options("void", argc, argv, opts)) != CLI_PARSED)
		return rc;
	if ((rc = cli_one_argument(argc, argv, _("reference"), &what)) != CLI_OK)
		return rc;
	if (!cli_check_text("--reason", reason, TEXT_NOTE_MAX, true))
		return CLI_BAD_INPUT;
	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	int64_t pid = 0;
	if ((rc = cli_request_id(st, reqid, "void", what, &first)) != CLI_OK) {
		store_close(st);
		return rc;
	}
	store_rc src = first ? STORE_OK : store_void(st, what, reason, ctx->staff, confirm, &pid);
	if (src == STORE_REPLAYED) {
		cli_replayed(st);
		src = STORE_OK;
	}
	char shown[256];
	text_sanitize(what, shown, sizeof shown);
	if (src == STORE_NOT_FOUND) {
		store_close(st);
		return cli_bad_input(_("reference"), _("\"%s\": no such entry (give a notice or receipt reference, or #N from the history)"), shown);
	}
	if (src != STORE_OK) {
		rc = cli_store_refused(st, src, _("reference"));
		store_close(st);
		return rc;
	}
	store_close(st);
	printf(_("%s is voided; it stays in the history and no longer counts.\n"), shown);
	return CLI_OK;
}
