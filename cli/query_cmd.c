/* `status` and `eligible`: what the clinic's data pipeline asks. Their
 * stdout is machine-readable and never translated. */
#include "config.h"
#include <getopt.h>
#include <stdio.h>
#include "cli/cli.h"
#include "cli/cli_show.h"
#include "core/i18n.h"
#include "core/text.h"

int cli_status_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as-of", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *number;
	od_date asof = ctx->today;
	char line[CLI_STATUS_LINE_SIZE];
	patient p;
	elig_result res;
	int c, rc;

	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			if (!cli_parse_date("--as-of", optarg, &asof))
				return CLI_BAD_INPUT;
			break;
		case 'h': cli_usage(stdout, "status"); return CLI_OK;
		default: return cli_option_error(c, argv);
		}
	}
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
	static const struct option opts[] = {
		{ "as-of", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *asof_text = NULL;
	od_date asof;
	int c;

	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': asof_text = optarg; break;
		case 'h': cli_usage(stdout, "eligible"); return CLI_OK;
		default: return cli_option_error(c, argv);
		}
	}
	if (optind < argc) {
		char shown[256];
		text_sanitize(argv[optind], shown, sizeof shown);
		return cli_bad_input(shown, "%s", _("unexpected argument"));
	}
	/* Required: a pipeline must say which day it provides data for. */
	if (asof_text == NULL)
		return cli_bad_input("--as-of", "%s", _("missing"));
	if (!cli_parse_date("--as-of", asof_text, &asof))
		return CLI_BAD_INPUT;

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
