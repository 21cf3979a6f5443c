/* `export fhir`: notices, stops and withdrawals as an HL7 FHIR R4 Bundle
 * for the data pipeline (issue 10). */
#include "config.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"
#include "exchange/fhir.h"

/* --since: a stamp as the export writes it (2026-11-24T09:30:00Z) or a
 * date (everything recorded on or after that day, UTC). */
static bool since_ok(const char *s)
{
	static const char stamp[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t n = strlen(s);
	if (n != 10 && n != sizeof stamp - 1)
		return false;
	for (size_t i = 0; i < n; i++)
		if (stamp[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != stamp[i])
			return false;
	od_date d;
	char day[11];
	memcpy(day, s, 10);
	day[10] = '\0';
	return date_parse(day, &d) == DATE_OK;
}

static bool export_one(const export_item *it, void *ctx)
{
	return fhir_add(ctx, it);
}

int cli_export_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *since = NULL, *path = NULL;
	bool force = false;
	int c;

	if (argc < 2 || strcmp(argv[1], "fhir") != 0) {
		if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			cli_usage(stdout, "export");
			return CLI_OK;
		}
		return cli_bad_input(_("format"), "%s", _("use export fhir"));
	}
	argc--;
	argv++;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 's': since = optarg; break;
		case 'o': path = optarg; break;
		case 'F': force = true; break;
		case 'h': cli_usage(stdout, "export"); return CLI_OK;
		default: return cli_option_error(c, argv);
		}
	}
	if (optind < argc) {
		char shown[256];
		text_sanitize(argv[optind], shown, sizeof shown);
		return cli_bad_input(shown, "%s", _("unexpected argument"));
	}
	if (since != NULL && !since_ok(since))
		return cli_bad_input("--since", "%s",
		                     _("use the timestamp of the last export (2026-11-24T09:30:00Z) or a date (2026-11-24)"));
	if (force && path == NULL)
		return cli_bad_input("--force", "%s", _("only with -o FILE"));
	struct stat sb;
	if (path != NULL && (*path == '\0' || strcmp(path, ctx->db_path) == 0))
		return cli_bad_input("-o", "%s", _("give a file other than the database"));
	if (path != NULL && !force && stat(path, &sb) == 0)
		return cli_bad_input("-o", "%s", _("the file exists: add --force to replace it"));

	store *st = cli_open_read(ctx);
	if (st == NULL)
		return CLI_FAIL;
	clinic_settings cs;
	char code[32] = "";
	if (store_clinic_get(st, &cs) != STORE_OK)
		cs.name[0] = '\0';
	if (store_setting_get(st, "institution_code", code, sizeof code) != STORE_OK)
		code[0] = '\0';

	/* The stamp is taken before reading: what is recorded while the export
	 * runs is at or after it, so the next --since finds it. */
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);

	char tmp[STORE_PATH_MAX + 16];
	FILE *out = stdout;
	if (path != NULL) {
		snprintf(tmp, sizeof tmp, "%s.tmp", path);
		out = fopen(tmp, "w");
		if (out == NULL) {
			store_close(st);
			return cli_bad_input("-o", "%s", strerror(errno));
		}
	}
	fhir_writer w;
	bool ok = fhir_begin(&w, out, cs.name, code, stamp);
	store_rc src = store_export(st, since, export_one, &w);
	ok = fhir_end(&w) && ok;
	store_close(st);
	if (path != NULL) {
		ok = fclose(out) == 0 && ok;
		if (ok && src == STORE_OK && rename(tmp, path) != 0)
			ok = false;
		if (!ok || src != STORE_OK)
			unlink(tmp);
	} else if (fflush(stdout) != 0) {
		ok = false;
	}
	if (src != STORE_OK)
		return cli_store_error(src);
	if (!ok)
		return cli_fail("%s", _("could not write the export"));
	return CLI_OK;
}
