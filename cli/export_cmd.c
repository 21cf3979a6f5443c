/* `export fhir`: notices, stops and withdrawals as an HL7 FHIR R4 Bundle
 * for the data pipeline (issue 10); `export register` and `export
 * patients`: the office's tables as CSV for Excel or .xlsx (issue 13).
 * Every export reads patient data, so each is logged in the audit chain
 * (its kind and how many rows) before the file is handed over: written to
 * a private temporary file first (0600), logged, then renamed into place
 * or copied to standard output. A failure leaves nothing behind. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
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
#include "exchange/sheet.h"

/* ---- the file handed over ---------------------------------------------------- */

typedef struct out_file {
	const char *path;               /* -o FILE, or NULL: standard output */
	char tmp[STORE_PATH_MAX + 32];  /* written here first */
} out_file;

/* -o and --force, checked before anything is read: the same rules as a
 * printed document's (never the database, an existing file only with
 * --force). */
static int out_check(const cli_ctx *ctx, const char *path, bool force)
{
	if (force && path == NULL)
		return cli_bad_input("--force", "%s", _("only with -o FILE"));
	if (path != NULL && strlen(path) >= STORE_PATH_MAX)
		return cli_bad_input("-o", "%s", _("the file name is too long"));
	return cli_check_output(ctx, "-o", path, force);
}

/* Creates the private temporary file (0600: it holds patient data). */
static int out_begin(out_file *o, const char *path)
{
	int fd;
	o->path = path;
	if (path != NULL) {
		snprintf(o->tmp, sizeof o->tmp, "%s.tmp", path);
		fd = open(o->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 && fchmod(fd, 0600) != 0) {
			close(fd);
			fd = -1;
		}
	} else {
		const char *dir = getenv("TMPDIR");
		snprintf(o->tmp, sizeof o->tmp, "%s/optout-desk-export.XXXXXX",
		         dir != NULL && *dir == '/' ? dir : "/tmp");
		fd = mkstemp(o->tmp);
	}
	if (fd < 0) {
		int e = errno;
		char shown[STORE_PATH_MAX * 2];
		text_sanitize(o->tmp, shown, sizeof shown);
		o->tmp[0] = '\0';
		return cli_bad_input("-o", "%s: %s", shown, strerror(e));
	}
	close(fd);
	return CLI_OK;
}

static void out_abandon(out_file *o)
{
	if (o->tmp[0] != '\0')
		unlink(o->tmp);
	o->tmp[0] = '\0';
}

/* Renames the file into place, or copies it to standard output. */
static bool out_deliver(out_file *o)
{
	bool ok;
	if (o->path != NULL) {
		ok = rename(o->tmp, o->path) == 0;
	} else {
		FILE *in = fopen(o->tmp, "rb");
		char buf[65536];
		size_t n;
		ok = in != NULL;
		while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
			ok = fwrite(buf, 1, n, stdout) == n;
		ok = ok && in != NULL && !ferror(in) && fflush(stdout) == 0;
		if (in != NULL)
			fclose(in);
	}
	out_abandon(o);
	return ok;
}

/* The audit entry of an export (issue 11: every access to patient data),
 * then the file. CLI_OK, or CLI_FAIL said, and then nothing handed over. */
static int out_finish(out_file *o, store *st, const char *detail)
{
	store_rc rc = store_audit_note(st, "export", detail);
	if (rc != STORE_OK) {
		out_abandon(o);
		return cli_store_error(rc);
	}
	if (!out_deliver(o))
		return cli_fail("%s", _("could not write the export"));
	return CLI_OK;
}

/* ---- export fhir ------------------------------------------------------------------ */

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

/* ---- the options of every export ------------------------------------------------- */

enum { KIND_FHIR, KIND_REGISTER, KIND_PATIENTS };

typedef struct export_opts {
	const char *path, *since, *format, *encoding;
	export_filter f;                 /* register: --from, --to */
	od_date asof;                    /* patients */
	bool has_asof, force;
} export_opts;

/* An option of another export is refused naming the one it belongs to. */
static int not_here(const char *option, int kind)
{
	return cli_bad_input(option, "%s", kind == KIND_FHIR
	                     ? _("not for export fhir (it takes --since, -o and --force)")
	                     : kind == KIND_REGISTER
	                     ? _("only for export patients (export register takes --from and --to)")
	                     : _("only for export register (export patients takes --as-of)"));
}

/* CLI_OK, CLI_BAD_INPUT (said), or -1 after --help. Every export's
 * options are known to each, so that one given to another export is named
 * as such. */
static int parse(int kind, int argc, char **argv, export_opts *o)
{
	bool since = false, format = false, encoding = false;
	memset(o, 0, sizeof *o);
	o->f.by_date = kind == KIND_REGISTER;
	const cli_opt opts[] = {
		{ .name = "since", .kind = CLI_TEXT, .out = &o->since, .given = &since },
		{ .name = "from", .kind = CLI_DATE, .out = &o->f.from, .given = &o->f.has_from },
		{ .name = "to", .kind = CLI_DATE, .out = &o->f.to, .given = &o->f.has_to },
		{ .name = "as-of", .kind = CLI_DATE, .out = &o->asof, .given = &o->has_asof },
		{ .name = "format", .kind = CLI_TEXT, .out = &o->format, .given = &format },
		{ .name = "encoding", .kind = CLI_TEXT, .out = &o->encoding, .given = &encoding },
		{ .name = "output", .short_name = 'o', .kind = CLI_TEXT, .out = &o->path },
		{ .name = "force", .kind = CLI_FLAG, .out = &o->force },
		{ .name = NULL },
	};
	int rc = cli_options("export", argc, argv, opts);
	if (rc != CLI_PARSED)
		return rc == CLI_OK ? -1 : rc;
	if (since && kind != KIND_FHIR)
		return not_here("--since", kind);
	if ((o->f.has_from || o->f.has_to) && kind != KIND_REGISTER)
		return not_here(o->f.has_from ? "--from" : "--to", kind);
	if (o->has_asof && kind != KIND_PATIENTS)
		return not_here("--as-of", kind);
	if ((format || encoding) && kind == KIND_FHIR)
		return not_here(format ? "--format" : "--encoding", kind);
	if (o->path != NULL && strcmp(o->path, "-") == 0)
		o->path = NULL;   /* standard output */
	return cli_no_argument(argc, argv);
}

static int export_fhir(const cli_ctx *ctx, const export_opts *eo)
{
	const char *since = eo->since, *path = eo->path;
	int rc;

	if (since != NULL && !since_ok(since))
		return cli_bad_input("--since", "%s",
		                     _("use the timestamp of the last export (2026-11-24T09:30:00Z) or a date (2026-11-24)"));
	if ((rc = out_check(ctx, path, eo->force)) != CLI_OK)
		return rc;

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

	out_file o;
	if ((rc = out_begin(&o, path)) != CLI_OK) {
		store_close(st);
		return rc;
	}
	FILE *out = fopen(o.tmp, "w");
	if (out == NULL) {
		int e = errno;
		out_abandon(&o);
		store_close(st);
		return cli_bad_input("-o", "%s", strerror(e));
	}
	fhir_writer w;
	bool ok = fhir_begin(&w, out, cs.name, code, stamp);
	export_filter f = { .since = since };
	store_rc src = store_export(st, &f, export_one, &w);
	size_t entries = w.entries;
	ok = fhir_end(&w) && ok;
	ok = fclose(out) == 0 && ok;
	if (src != STORE_OK || !ok) {
		out_abandon(&o);
		store_close(st);
		return src != STORE_OK ? cli_store_error(src)
		       : cli_fail("%s", _("could not write the export"));
	}
	char detail[128];
	snprintf(detail, sizeof detail, "fhir: %zu entries%s%s", entries,
	         since ? " since " : "", since ? since : "");
	rc = out_finish(&o, st, detail);
	store_close(st);
	return rc;
}

/* ---- export register | patients ------------------------------------------------- */

typedef struct sheet_run {
	sheet *sh;
	exch_error err;
	bool failed;
} sheet_run;

static bool register_one(const export_item *it, void *vctx)
{
	sheet_run *r = vctx;
	r->failed = !sheet_register_add(r->sh, it, &r->err);
	return !r->failed;
}

static bool patient_one(const patient *p, const elig_result *res, void *vctx)
{
	sheet_run *r = vctx;
	r->failed = !sheet_patients_add(r->sh, p, res, &r->err);
	return !r->failed;
}

static int sheet_error(const exch_error *err)
{
	return cli_bad_input(err->field[0] ? err->field : "-o", "%s", err->message);
}

static int export_sheet(const cli_ctx *ctx, bool patients, const export_opts *eo)
{
	const char *path = eo->path, *format = eo->format, *encoding = eo->encoding;
	const export_filter *fl = &eo->f;
	int rc;

	sheet_options so = { .encoding = EXCH_ENC_UTF8 };
	if (format == NULL)
		return cli_bad_input("--format", "%s", _("missing: use csv or xlsx"));
	if (!sheet_format_parse(format, &so.format))
		return cli_bad_input("--format", "%s", _("use csv or xlsx"));
	if (encoding != NULL && so.format != SHEET_CSV)
		return cli_bad_input("--encoding", "%s", _("only with --format csv (an .xlsx file is always Unicode)"));
	if (encoding != NULL && (!exch_encoding_parse(encoding, &so.encoding) ||
	                         (so.encoding != EXCH_ENC_UTF8 && so.encoding != EXCH_ENC_CP932)))
		return cli_bad_input("--encoding", "%s", _("use utf-8 (with the BOM Excel needs) or cp932"));
	if (fl->has_from && fl->has_to && date_cmp(fl->from, fl->to) > 0)
		return cli_bad_input("--to", "%s", _("is before --from"));
	if (so.format == SHEET_XLSX && path == NULL && isatty(STDOUT_FILENO))
		return cli_bad_input("-o", "%s", _("an .xlsx file is not text: give -o FILE.xlsx"));
	if ((rc = out_check(ctx, path, eo->force)) != CLI_OK)
		return rc;

	store *st = cli_open_read(ctx);
	if (st == NULL)
		return CLI_FAIL;
	/* Default: the clinic's today, known now that the store is open. */
	od_date asof = eo->has_asof ? eo->asof : ctx->today;
	out_file o;
	if ((rc = out_begin(&o, path)) != CLI_OK) {
		store_close(st);
		return rc;
	}
	so.path = o.tmp;
	so.name = patients ? _("Patients") : _("Register");
	sheet_run run = { 0 };
	run.sh = patients ? sheet_patients_open(&so, &run.err) : sheet_register_open(&so, &run.err);
	store_rc src = STORE_OK;
	if (run.sh != NULL)
		src = patients ? store_export_patients(st, asof, patient_one, &run)
		      : store_export(st, fl, register_one, &run);
	uint64_t rows = run.sh != NULL ? sheet_rows(run.sh) : 0;
	exch_error cerr;
	bool closed = run.sh != NULL && sheet_close(run.sh, &cerr);
	if (run.sh == NULL || run.failed || src != STORE_OK || !closed) {
		out_abandon(&o);
		store_close(st);
		if (run.sh == NULL || run.failed)
			return sheet_error(&run.err);
		return src != STORE_OK ? cli_store_error(src) : sheet_error(&cerr);
	}

	char detail[160], a[DATE_ISO_SIZE], b[DATE_ISO_SIZE];
	const char *fmt = so.format == SHEET_XLSX ? "xlsx" : exch_encoding_name(so.encoding);
	if (patients) {
		date_format_iso(asof, a);
		snprintf(detail, sizeof detail, "patients %s: %llu row%s, as of %s", fmt,
		         (unsigned long long)rows, rows == 1 ? "" : "s", a);
	} else {
		snprintf(a, sizeof a, "%s", "");
		snprintf(b, sizeof b, "%s", "");
		if (fl->has_from)
			date_format_iso(fl->from, a);
		if (fl->has_to)
			date_format_iso(fl->to, b);
		snprintf(detail, sizeof detail, "register %s: %llu row%s, %s", fmt,
		         (unsigned long long)rows, rows == 1 ? "" : "s", fl->has_from || fl->has_to ? "" : "every date");
		if (fl->has_from || fl->has_to)
			snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "%s..%s", a, b);
	}
	rc = out_finish(&o, st, detail);
	store_close(st);
	return rc;
}

int cli_export_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const char *const kinds[] = { "fhir", "register", "patients" };
	const char *what = argc > 1 ? argv[1] : "";
	if (strcmp(what, "--help") == 0 || strcmp(what, "-h") == 0) {
		cli_usage(stdout, "export");
		return CLI_OK;
	}
	for (int kind = KIND_FHIR; kind <= KIND_PATIENTS; kind++) {
		if (strcmp(what, kinds[kind]) != 0)
			continue;
		export_opts o;
		int rc = parse(kind, argc - 1, argv + 1, &o);
		if (rc != CLI_OK)
			return rc < 0 ? CLI_OK : rc;
		return kind == KIND_FHIR ? export_fhir(ctx, &o)
		       : export_sheet(ctx, kind == KIND_PATIENTS, &o);
	}
	return cli_bad_input(_("format"), "%s", _("use export fhir, export register or export patients"));
}
