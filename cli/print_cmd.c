/* `print`, `qr`, `template` and `printer`: documents and QR codes from the
 * command line (issue 4). The records come from store/; print/ draws them
 * and sends them to a printer or a folder. */
#include "config.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/refcode.h"
#include "core/text.h"
#include "print/print.h"

#define SHOWN 256

/* ---- what every document needs from the database ------------------------ */

/* Clinic settings, operators and print settings; CLI_OK or said why. */
static int load_context(store *st, print_context *pc)
{
	store_rc rc = print_context_load(st, pc);
	return rc == STORE_OK ? CLI_OK : cli_store_error(rc);
}

static bool parse_kind(const char *word, doc_kind *out)
{
	for (int k = 0; k < DOC_KIND_COUNT; k++)
		if (strcmp(word, doc_kind_word((doc_kind)k)) == 0) {
			*out = (doc_kind)k;
			return true;
		}
	return false;
}

/* The newest notice, or the newest stop/withdrawal, of a patient. */
typedef struct latest_ref {
	bool want_notice;
	char ref[REFCODE_SIZE];
} latest_ref;

static bool latest_cb(const history_item *h, void *ctx)
{
	latest_ref *l = ctx;
	bool hit = l->want_notice ? h->kind == HIST_NOTICE
	                          : (h->kind == HIST_STOP || h->kind == HIST_WITHDRAW);
	if (!hit)
		return true;
	snprintf(l->ref, sizeof l->ref, "%s", h->ref);
	return false;   /* newest first: the first one is the latest */
}

/* Finds the record a REF-or-N argument means for this kind of document. */
static int find_record(store *st, doc_kind kind, const char *arg, patient *p,
                       notice_rec *n, request_rec *r, bool *have_n, bool *have_r)
{
	char ref[REFCODE_SIZE], shown[SHOWN];
	const bool want_notice = kind != DOC_RECEIPT;
	store_rc rc;
	text_sanitize(arg, shown, sizeof shown);
	if (!refcode_normalize(arg, ref)) {
		int crc = cli_find_patient(st, arg, p);
		if (crc != CLI_OK)
			return crc;
		latest_ref l = { .want_notice = want_notice };
		rc = store_history(st, p->id, latest_cb, &l);
		if (rc != STORE_OK)
			return cli_store_error(rc);
		if (l.ref[0] == '\0')
			return cli_bad_input(_("patient number"), want_notice
			        ? _("\"%s\": no notice has been recorded for this patient (record one with `optout-desk notice`)")
			        : _("\"%s\": no stop or withdrawal has been recorded for this patient"), shown);
		snprintf(ref, sizeof ref, "%s", l.ref);
	}
	if (want_notice && ref[0] != 'N')
		return cli_bad_input(_("reference"), _("\"%s\": a notice or slip needs a notice reference (N-...) or a patient number"), shown);
	if (!want_notice && ref[0] != 'R')
		return cli_bad_input(_("reference"), _("\"%s\": a receipt needs a receipt reference (R-...) or a patient number"), shown);
	int64_t pid;
	if (want_notice) {
		rc = store_notice_get_ref(st, ref, n);
		*have_n = rc == STORE_OK;
		pid = n->patient_id;
	} else {
		rc = store_request_get_ref(st, ref, r);
		*have_r = rc == STORE_OK;
		pid = r->patient_id;
	}
	if (rc == STORE_NOT_FOUND)
		return cli_bad_input(_("reference"), _("\"%s\": no such reference"), shown);
	if (rc == STORE_OK)
		rc = store_patient_get_id(st, pid, p);
	return rc == STORE_OK ? CLI_OK : cli_store_error(rc);
}

/* The clinic's notice URL, needed by a slip and by `qr`: exit 2 naming the
 * setting and how to set it. */
static int check_notice_url(const clinic_settings *cs)
{
	const char *why = NULL;
	if (cs->notice_url[0] == '\0')
		return cli_bad_input(_("notice URL"), "%s",
		                     _("not set, so the QR code would point nowhere; set it with `optout-desk init --url URL` or on the settings screen"));
	if (!print_url_check(cs->notice_url, &why))
		return cli_bad_input(_("notice URL"), _("the setting cannot be used (%s); set it again with `optout-desk init --url URL` or on the settings screen"),
		                     _(why));
	return CLI_OK;
}

int cli_print_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const char *const langs[] = { "ja", "en", NULL };
	static const char *const formats[] = { "pdf", "png", "escpos", NULL };
	static const doc_format format_of[] = { FMT_PDF, FMT_PNG, FMT_ESCPOS };
	doc_request req = { .lang = "ja", .format = FMT_PDF };
	const char *printer = NULL;
	int lang = 0, format = 0, rc;
	bool format_given = false;
	const cli_opt opts[] = {
		{ .name = "lang", .kind = CLI_CHOICE, .out = &lang, .choices = langs },
		{ .name = "large", .kind = CLI_FLAG, .out = &req.large },
		{ .name = "output", .short_name = 'o', .kind = CLI_TEXT, .out = &req.out_path },
		{ .name = "format", .kind = CLI_CHOICE, .out = &format, .choices = formats,
		  .given = &format_given },
		{ .name = "printer", .kind = CLI_TEXT, .out = &printer },
		{ .name = "dpi", .kind = CLI_INT, .out = &req.dpi, .min = 72, .max = 1200 },
		{ .name = "force", .kind = CLI_FLAG, .out = &req.force },
		{ .name = NULL },
	};
	if ((rc = cli_options("print", argc, argv, opts)) != CLI_PARSED)
		return rc;
	req.lang = langs[lang];
	req.format = format_of[format];
	if (optind >= argc)
		return cli_bad_input(_("document"), "%s", _("missing: use notice, slip, receipt or poster"));
	if (!parse_kind(argv[optind], &req.kind))
		return cli_bad_input(_("document"), "%s", _("use notice, slip, receipt or poster"));
	optind++;
	if (req.large && req.kind != DOC_NOTICE)
		return cli_bad_input("--large", "%s", _("only the notice has a large-print version"));
	if (req.large && strcmp(req.lang, "ja") != 0)
		return cli_bad_input("--large", "%s", _("the large-print notice is in Japanese only (--lang ja)"));
	if (req.kind != DOC_NOTICE && strcmp(req.lang, "ja") != 0)
		return cli_bad_input("--lang", "%s", _("only the notice has an English version; use ja"));
	const char *arg = NULL;
	if (req.kind == DOC_POSTER) {
		if (optind < argc) {
			char shown[SHOWN];
			text_sanitize(argv[optind], shown, sizeof shown);
			return cli_bad_input(shown, "%s", _("unexpected argument (the poster is for every patient)"));
		}
	} else if ((rc = cli_one_argument(argc, argv, _("reference or patient number"), &arg)) != CLI_OK) {
		return rc;
	}
	if (req.force && req.out_path == NULL)
		return cli_bad_input("--force", "%s", _("only with -o FILE (documents saved in the output folder never replace one another)"));
	if ((rc = cli_check_output(ctx, "-o", req.out_path, req.force)) != CLI_OK)
		return rc;

	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	print_context pc;
	patient p;
	notice_rec n;
	request_rec r;
	bool have_n = false, have_r = false;
	memset(&p, 0, sizeof p);
	rc = load_context(st, &pc);
	if (rc == CLI_OK && req.kind == DOC_SLIP)
		rc = check_notice_url(&pc.clinic);
	if (rc == CLI_OK && arg != NULL)
		rc = find_record(st, req.kind, arg, &p, &n, &r, &have_n, &have_r);
	if (rc != CLI_OK) {
		store_close(st);
		print_context_free(&pc);
		return rc;
	}
	if (printer != NULL)
		snprintf(pc.settings.queue[req.kind], sizeof pc.settings.queue[req.kind], "%s", printer);
	/* To a queue, without --format: what the queue is set to take. */
	if (!format_given && req.out_path == NULL && pc.settings.queue[req.kind][0] != '\0')
		req.format = pc.settings.format[req.kind];

	doc_data data = {
		.clinic = &pc.clinic,
		.patient = arg != NULL ? &p : NULL,
		.notice = have_n ? &n : NULL,
		.request = have_r ? &r : NULL,
		.today = ctx->today,
		.operators = pc.operators,
		.noperators = pc.noperators,
	};
	doc_result res;
	/* Recorded as printed (a second copy says 再発行), like the screens. */
	bool ok = print_stored_document(st, &req, &data, &pc.settings, ctx->staff, &res);
	store_close(st);
	print_context_free(&pc);
	if (!ok)
		return cli_fail("%s", res.message);
	cli_say_document(req.out_path, &res);
	return CLI_OK;
}

int cli_qr_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const char *const formats[] = { "utf8", "png", "svg", NULL };
	const char *refarg = NULL, *out_path = NULL;
	bool force = false;
	int dpi = 300, fmt = 0, rc;
	const cli_opt opts[] = {
		{ .name = "format", .kind = CLI_CHOICE, .out = &fmt, .choices = formats },
		{ .name = "ref", .kind = CLI_TEXT, .out = &refarg },
		{ .name = "output", .short_name = 'o', .kind = CLI_TEXT, .out = &out_path },
		{ .name = "dpi", .kind = CLI_INT, .out = &dpi, .min = 72, .max = 1200 },
		{ .name = "force", .kind = CLI_FLAG, .out = &force },
		{ .name = NULL },
	};
	if ((rc = cli_options("qr", argc, argv, opts)) != CLI_PARSED ||
	    (rc = cli_no_argument(argc, argv)) != CLI_OK)
		return rc;
	const char *format = formats[fmt];
	char ref[REFCODE_SIZE];
	if (refarg != NULL && !refcode_normalize(refarg, ref)) {
		char shown[SHOWN];
		text_sanitize(refarg, shown, sizeof shown);
		return cli_bad_input("--ref", _("\"%s\": not a reference number (like N-7K3M-Q9PX)"), shown);
	}
	if (force && out_path == NULL)
		return cli_bad_input("--force", "%s", _("only with -o FILE"));
	rc = cli_check_output(ctx, "-o", out_path, force);
	if (rc != CLI_OK)
		return rc;

	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	clinic_settings cs;
	store_rc src = store_clinic_get(st, &cs);
	store_close(st);
	if (src != STORE_OK)
		return cli_store_error(src);
	if ((rc = check_notice_url(&cs)) != CLI_OK)
		return rc;
	char url[STORE_URL_MAX + 64];
	qr_matrix qr;
	if (!print_notice_url(&cs, refarg != NULL ? ref : NULL, url, sizeof url) || !qr_encode(url, &qr))
		return cli_fail("%s", _("the notice URL does not fit in a QR code"));

	/* Drawn in memory, then written as documents are: never over an
	 * existing file without --force, never over the database. */
	const bool to_file = out_path != NULL && strcmp(out_path, "-") != 0;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = to_file ? open_memstream(&buf, &len) : stdout;
	if (out == NULL) {
		qr_free(&qr);
		return cli_fail(_("%s could not be written: %s"), out_path, strerror(errno));
	}
	bool ok = true;
	if (strcmp(format, "utf8") == 0) {
		int nl = 0, cols = 0;
		char **lines = qr_text_lines(&qr, &nl, &cols);
		/* On a terminal, black on white whatever its colours; in a file
		 * or a pipe, the bare characters. */
		const bool tty = out == stdout && isatty(fileno(stdout));
		ok = lines != NULL;
		for (int i = 0; ok && i < nl; i++)
			fprintf(out, tty ? "\033[30;47m%s\033[0m\n" : "%s\n", lines[i]);
		qr_lines_free(lines, nl);
		ok = ok && fflush(out) == 0 && !ferror(out);
	} else if (strcmp(format, "svg") == 0) {
		ok = qr_write_svg(&qr, out);
	} else {
		ok = qr_write_png(&qr, dpi, out);
	}
	qr_free(&qr);
	if (!to_file) {
		if (!ok)
			return cli_fail(_("%s could not be written: %s"), _("standard output"), strerror(errno));
		return CLI_OK;
	}
	if (fclose(out) != 0)
		ok = false;
	if (!ok) {
		free(buf);
		return cli_fail(_("%s could not be written: %s"), out_path, strerror(errno));
	}
	char full[STORE_PATH_MAX], msg[512];
	ok = print_write_output(out_path, force, buf, len, full, sizeof full, msg, sizeof msg);
	free(buf);
	if (!ok)
		return cli_fail("%s", msg);
	printf(_("Saved: %s\n"), full);
	return CLI_OK;
}

/* ---- template status|accept|check ---------------------------------------- */

static const char *const shipped_templates[] = {
	"notice-ja", "notice-en", "notice-ja-large", "slip-ja", "receipt-ja", "poster-ja",
};

int cli_template_main(const cli_ctx *ctx, int argc, char **argv)
{
	bool major = false, minor = false;
	const char *note = NULL;
	int rc;
	const cli_opt opts[] = {
		{ .name = "material", .kind = CLI_FLAG, .out = &major },
		{ .name = "minor", .kind = CLI_FLAG, .out = &minor },
		{ .name = "note", .kind = CLI_TEXT, .out = &note },
		{ .name = NULL },
	};
	if ((rc = cli_options("template", argc, argv, opts)) != CLI_PARSED)
		return rc;
	if (major && minor)
		return cli_bad_input("--material", "%s", _("give either --material or --minor, not both"));
	int material = major ? 1 : minor ? 0 : -1;
	const char *verb = optind < argc ? argv[optind] : NULL;
	if (verb == NULL)
		return cli_bad_input(_("action"), "%s", _("missing: use status, check or accept"));
	if (optind + 1 < argc) {
		char shown[SHOWN];
		text_sanitize(argv[optind + 1], shown, sizeof shown);
		return cli_bad_input(shown, "%s", _("unexpected argument"));
	}
	const bool accept = strcmp(verb, "accept") == 0;
	if (!accept && strcmp(verb, "status") != 0 && strcmp(verb, "check") != 0)
		return cli_bad_input(_("action"), "%s", _("use status, check or accept"));
	if (accept && material == -1)
		return cli_bad_input("--material", "%s",
		                     _("say whether the change is material (--material: every patient must be notified again) or not (--minor)"));
	if (!accept && (material != -1 || note != NULL))
		return cli_bad_input(material != -1 ? (material ? "--material" : "--minor") : "--note",
		                     "%s", _("only with `template accept`"));
	if (note != NULL && !cli_check_text("--note", note, TEXT_FIELD_MAX, false))
		return CLI_BAD_INPUT;

	char msg[512];
	if (strcmp(verb, "check") == 0) {
		/* Every document, as the clinic's overrides make it. */
		int bad = 0;
		for (size_t i = 0; i < sizeof shipped_templates / sizeof shipped_templates[0]; i++) {
			if (print_template_check(shipped_templates[i], msg, sizeof msg)) {
				printf(_("%s: correct\n"), shipped_templates[i]);
			} else {
				fprintf(stderr, "%s: %s\n", PACKAGE, msg);
				bad++;
			}
		}
		return bad ? CLI_FAIL : CLI_OK;
	}

	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	print_context pc;
	rc = load_context(st, &pc);
	char hash[PRINT_HASH_SIZE];
	if (rc == CLI_OK && !print_context_hash(&pc, hash, msg, sizeof msg))
		rc = cli_fail("%s", msg);
	print_context_free(&pc);
	notice_version cur;
	int64_t material_id = 0;
	store_rc src = STORE_OK;
	if (rc == CLI_OK)
		src = store_notice_version_current(st, &cur, &material_id);
	if (rc == CLI_OK && src != STORE_OK && src != STORE_NOT_FOUND)
		rc = cli_store_error(src);
	if (rc != CLI_OK) {
		store_close(st);
		return rc;
	}
	const bool same = src == STORE_OK && strcmp(cur.hash, hash) == 0;
	if (!accept) {
		store_close(st);
		printf(_("Notice items: %s\n"), hash);
		if (src == STORE_OK)
			printf(_("Current version: %lld (%s), recorded %s\n"), (long long)cur.id,
			       cur.material ? _("material") : _("minor"), cur.created_at);
		if (same)
			printf("%s\n", _("The notice items are unchanged."));
		else
			printf("%s\n", _("The notice items have changed: record the new version with `optout-desk template accept --material` (every patient must be notified again) or `--minor`."));
		return CLI_OK;
	}
	int64_t id = 0;
	bool created = false;
	src = store_notice_version_add(st, hash, material == 1, note != NULL ? note : "", &id, &created);
	store_close(st);
	if (src != STORE_OK)
		return cli_store_error(src);
	if (created)
		printf(material ? _("Notice version %lld recorded as a material change: patients need the new notice.\n")
		                : _("Notice version %lld recorded as a minor change.\n"), (long long)id);
	else
		printf(_("The notice items are unchanged (version %lld).\n"), (long long)id);
	return CLI_OK;
}

static bool has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return true;
	return false;
}

/* ---- printer show | printer set KIND QUEUE | printer unset KIND | outdir -- */

int cli_printer_main(const cli_ctx *ctx, int argc, char **argv)
{
	int rc;
	if ((rc = cli_options("printer", argc, argv, cli_no_options)) != CLI_PARSED)
		return rc;
	const int nargs = argc - optind;
	char **a = argv + optind;
	const char *verb = nargs > 0 ? a[0] : "show";
	int want;
	if (strcmp(verb, "show") == 0) want = 1;
	else if (strcmp(verb, "set") == 0) want = 3;
	else if (strcmp(verb, "unset") == 0 || strcmp(verb, "outdir") == 0) want = 2;
	else if (strcmp(verb, "format") == 0) want = 3;
	else return cli_bad_input(_("action"), "%s", _("use show, set, unset, format or outdir"));
	if (nargs > want) {
		char shown[SHOWN];
		text_sanitize(a[want], shown, sizeof shown);
		return cli_bad_input(shown, "%s", _("unexpected argument"));
	}
	if (want > 1 && nargs < want)
		return cli_bad_input(want == 3 && nargs == 2 ? (strcmp(verb, "format") == 0 ? _("format") : _("queue"))
		                     : strcmp(verb, "outdir") == 0 ? _("folder") : _("document"),
		                     "%s", _("missing"));
	doc_kind kind = DOC_NOTICE;
	if ((strcmp(verb, "set") == 0 || strcmp(verb, "unset") == 0 || strcmp(verb, "format") == 0) &&
	    !parse_kind(a[1], &kind))
		return cli_bad_input(_("document"), "%s", _("use notice, slip, receipt or poster"));
	if (strcmp(verb, "set") == 0 && (a[2][0] == '\0' || strlen(a[2]) > 127 ||
	                                  strpbrk(a[2], " /\\#'\"?") != NULL || has_control(a[2])))
		return cli_bad_input(_("queue"), "%s", _("a CUPS queue name: at most 127 characters, no spaces, control characters, slashes, quotes, ? or #"));
	if (strcmp(verb, "format") == 0 && strcmp(a[2], "pdf") != 0 && strcmp(a[2], "escpos") != 0)
		return cli_bad_input(_("format"), "%s", _("use pdf, or escpos for a raw thermal-printer queue"));
	if (strcmp(verb, "outdir") == 0 && strcmp(a[1], "default") != 0) {
		struct stat sb;
		if (a[1][0] != '/')
			return cli_bad_input(_("folder"), "%s", _("give an absolute path (starting with /) or `default`"));
		if (has_control(a[1]))
			return cli_bad_input(_("folder"), "%s", _("the path has control characters"));
		/* room for the file names put in it */
		if (strlen(a[1]) >= STORE_PATH_MAX - 64)
			return cli_bad_input(_("folder"), "%s", _("the path is too long"));
		if (stat(a[1], &sb) == 0 && !S_ISDIR(sb.st_mode))
			return cli_bad_input(_("folder"), "%s", _("this is a file, not a folder"));
	}

	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	store_rc src = STORE_OK;
	if (strcmp(verb, "set") == 0)
		src = store_setting_set(st, doc_kind_setting(kind), a[2]);
	else if (strcmp(verb, "unset") == 0)
		src = store_setting_set(st, doc_kind_setting(kind), "");
	else if (strcmp(verb, "outdir") == 0)
		src = store_setting_set(st, PRINT_OUTDIR_SETTING, strcmp(a[1], "default") == 0 ? "" : a[1]);
	else if (strcmp(verb, "format") == 0) {
		char key[64];
		print_format_setting(kind, key, sizeof key);
		src = store_setting_set(st, key, a[2]);
	}
	print_context pc;
	int crc = src == STORE_OK ? load_context(st, &pc) : cli_store_error(src);
	store_close(st);
	if (crc != CLI_OK)
		return crc;
	const print_settings *ps = &pc.settings;
	for (int k = 0; k < DOC_KIND_COUNT; k++)
		printf("%-8s %s%s\n", doc_kind_word((doc_kind)k),
		       ps->queue[k][0] ? ps->queue[k] : _("(no printer: saved as PDF in the output folder)"),
		       ps->queue[k][0] && ps->format[k] == FMT_ESCPOS ? " (escpos)" : "");
	printf("%-8s %s\n", "output", ps->outdir);
	print_context_free(&pc);
	return CLI_OK;
}
