/* `print` and `qr` subcommands: owned by the documents work (issue 4). */
#include "config.h"
#include <stdio.h>
#include "cli/cli.h"
#include "core/i18n.h"

int cli_print_main(const cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc; (void)argv;
	return cli_fail("%s", _("printing is not available in this build"));
}

int cli_qr_main(const cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc; (void)argv;
	return cli_fail("%s", _("QR codes are not available in this build"));
}
