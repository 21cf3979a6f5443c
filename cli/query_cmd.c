/* `status` and `eligible`: what the clinic's data pipeline asks. Their
 * stdout is machine-readable and never translated. */
#include "config.h"
#include <stdio.h>
#include "cli/cli.h"
#include "cli/cli_show.h"
#include "core/i18n.h"
#include "core/text.h"

int cli_status_main(const cli_ctx *ctx, int argc, char **argv)
{
	const char *number;
	od_date asof = ctx->today;
	char line[CLI_STATUS_LINE_SIZE];
	patient p;
	elig_result res;
	int rc;
	const cli_opt opts[] = {
		{ .name = "as-of", .kind = CLI_DATE, .out = &asof },
		{ .name = NULL },
	};

	if ((rc = cli_options("status", argc, argv, opts)) != CLI_PARSED)
		return rc;
	if ((rc = cli_one_argument(argc, argv, _("patient number"), &number)) != CLI_OK)
		return rc;

	store *st = cli_open_read(ctx);
	if (st == NULL)
		return CLI_FAIL;
	if ((rc = cli_find_patient(st, number, &p)) != CLI_OK) {
		store_close(st);
		return rc;
	}
	store_rc src = store_patient_status(st, p.id, asof, &res);
	store_close(st);
	if (src != STORE_OK)
		return cli_store_error(src);
	cli_status_line(&res, line, sizeof line);
	puts(line);
	/* Why a patient fails closed is for people: stderr, translated. */
	if (res.detail != NULL)
		fprintf(stderr, "%s: %s\n", PACKAGE, _(res.detail));
	return CLI_OK;
}

static bool print_number(const char *number, void *vctx)
{
	char shown[STORE_NUMBER_SIZE * 4];

	(void)vctx;
	text_sanitize(number, shown, sizeof shown);
	return puts(shown) >= 0;
}

int cli_eligible_main(const cli_ctx *ctx, int argc, char **argv)
{
	od_date asof;
	int rc;
	/* Required: a pipeline must say which day it provides data for. */
	const cli_opt opts[] = {
		{ .name = "as-of", .kind = CLI_DATE, .out = &asof, .required = true },
		{ .name = NULL },
	};

	if ((rc = cli_options("eligible", argc, argv, opts)) != CLI_PARSED ||
	    (rc = cli_no_argument(argc, argv)) != CLI_OK)
		return rc;

	store *st = cli_open_read(ctx);
	if (st == NULL)
		return CLI_FAIL;
	store_rc src = store_eligible(st, asof, print_number, NULL);
	store_close(st);
	if (src != STORE_OK)
		return cli_store_error(src);
	if (fflush(stdout) != 0)
		return cli_fail("%s", _("could not write the list"));
	return CLI_OK;
}
