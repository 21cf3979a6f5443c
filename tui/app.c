#include "config.h"
#include <stdio.h>
#include "tui/tui.h"
#include "core/i18n.h"

int tui_run(const tui_options *opt)
{
	(void)opt;
	fprintf(stderr, "%s\n", _("The desk screens are not built yet."));
	return 1;
}
