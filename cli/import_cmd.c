/* `import patients|visits FILE|-` and `visits`: the receipt computer's
 * patient master and reception list in (exchange/ does the work), and the
 * day's visits out as CSV. */
#include "config.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"
#include "exchange/exchange.h"

#define SHOW_MAX 20   /* rejected rows and duplicates shown on stderr */

typedef struct import_ui {
	const char *file;
	FILE *report;
	uint64_t shown_rejects, shown_dups;
	bool bar;                      /* stderr is a terminal */
	double started, last_draw;
	bool drawn;
} import_ui;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_reject(const exch_reject *r, void *ctx)
{
	import_ui *ui = ctx;
	char line[32];
	snprintf(line, sizeof line, "%llu", (unsigned long long)r->line);
	if (ui->report) {
		exch_csv_cell(ui->report, line, false);
		exch_csv_cell(ui->report, r->column, false);
		exch_csv_cell(ui->report, r->value, false);
		exch_csv_cell(ui->report, r->reason, true);
	}
	if (ui->shown_rejects++ < SHOW_MAX) {
		if (ui->drawn)
			fputs("\r\033[K", stderr);
		fprintf(stderr, _("%s: line %s: %s: \"%s\": %s\n"), PACKAGE, line,
		        r->column[0] ? r->column : "-", r->value, r->reason);
	}
}

static void on_duplicate(uint64_t line, const char *number, const char *others, void *ctx)
{
	import_ui *ui = ctx;
	char no[STORE_NUMBER_SIZE * 4], ot[1024], l[32], why[1200];
	text_sanitize(number, no, sizeof no);
	text_sanitize(others, ot, sizeof ot);
	snprintf(l, sizeof l, "%llu", (unsigned long long)line);
	snprintf(why, sizeof why, _("possible duplicate of %s (imported; see the duplicates worklist)"), ot);
	if (ui->report) {
		exch_csv_cell(ui->report, l, false);
		exch_csv_cell(ui->report, "number", false);
		exch_csv_cell(ui->report, no, false);
		exch_csv_cell(ui->report, why, true);
	}
	if (ui->shown_dups++ < SHOW_MAX) {
		if (ui->drawn)
			fputs("\r\033[K", stderr);
		fprintf(stderr, _("%s: line %s: patient %s: %s\n"), PACKAGE, l, no, why);
	}
}

/* rows, rows/s and the ETA on one line, redrawn at most ten times a
 * second, only on a terminal. */
static void on_progress(const exch_progress *p, void *ctx)
{
	import_ui *ui = ctx;
	if (!ui->bar)
		return;
	double t = now_s();
	bool last = p->total_bytes && p->bytes >= p->total_bytes;
	if (ui->drawn && t - ui->last_draw < 0.1 && !last)
		return;
	ui->last_draw = t;
	ui->drawn = true;
	double el = t - ui->started;
	double rate = el > 0 ? (double)p->rows / el : 0;
	char bar[23] = "[                    ]";
	char eta[32] = "--:--";
	if (p->total_bytes) {
		double f = (double)p->bytes / (double)p->total_bytes;
		for (int i = 0; i < (int)(f * 20) && i < 20; i++)
			bar[1 + i] = '#';
		if (f > 0 && el > 0) {
			long s = (long)(el / f - el + 0.5);
			snprintf(eta, sizeof eta, "%ld:%02ld", s / 60, s % 60);
		}
	}
	fputc('\r', stderr);
	fprintf(stderr, _("%s %llu rows  %.0f rows/s  ETA %s"), p->total_bytes ? bar : "",
	        (unsigned long long)p->rows, rate, eta);
	fputs("\033[K", stderr);
	fflush(stderr);
}

static int import_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "encoding", required_argument, NULL, 'e' },
		{ "map", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ "report", required_argument, NULL, 'r' },
		{ "skip-invalid", no_argument, NULL, 'S' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "date", required_argument, NULL, 'd' },
		{ "confirm-backdated", no_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	exch_options o;
	memset(&o, 0, sizeof o);
	const char *report = NULL, *date = NULL;
	int c;
	if (argc < 2 || (strcmp(argv[1], "patients") != 0 && strcmp(argv[1], "visits") != 0)) {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			cli_usage(stdout, "import");
			return CLI_OK;
		}
		char shown[256];
		text_sanitize(argc >= 2 ? argv[1] : "", shown, sizeof shown);
		return cli_bad_input(_("what to import"), _("\"%s\": use patients or visits"), shown);
	}
	o.kind = strcmp(argv[1], "patients") == 0 ? EXCH_PATIENTS : EXCH_VISITS;
	argc--;
	argv++;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'e':
			if (!exch_encoding_parse(optarg, &o.encoding)) {
				char shown[256];
				text_sanitize(optarg, shown, sizeof shown);
				return cli_bad_input("--encoding", _("\"%s\": use one of: %s"), shown,
				                     "utf-8, cp932, shift_jis, euc-jp");
			}
			break;
		case 'm': o.map = optarg; break;
		case 'f':
			if (strcmp(optarg, "orca") == 0)
				o.orca = true;
			else if (strcmp(optarg, "csv") != 0) {
				char shown[256];
				text_sanitize(optarg, shown, sizeof shown);
				return cli_bad_input("--format", _("\"%s\": use one of: %s"), shown, "csv, orca");
			}
			break;
		case 'r': report = optarg; break;
		case 'S': o.skip_invalid = true; break;
		case 'n': o.dry_run = true; break;
		case 'd': date = optarg; break;
		case 'B': o.confirm_backdated = true; break;
		case 'h': cli_usage(stdout, "import"); return CLI_OK;
		default: return cli_option_error(c, argv);
		}
	}
	int rc = cli_one_argument(argc, argv, "FILE", &o.path);
	if (rc != CLI_OK)
		return rc;
	if (date && o.kind != EXCH_VISITS)
		return cli_bad_input("--date", "%s", _("only for import visits (the date of the list)"));
	o.visit_date = ctx->today;
	if (date && !cli_parse_date("--date", date, &o.visit_date))
		return CLI_BAD_INPUT;
	if (date_cmp(o.visit_date, ctx->today) > 0) {
		char iso[DATE_ISO_SIZE];
		date_format_iso(ctx->today, iso);
		return cli_bad_input("--date", _("is after today (%s): no entry may be dated in the future"), iso);
	}
	if (o.orca && o.kind != EXCH_PATIENTS)
		return cli_bad_input("--format", "%s", _("orca: the ORCA layout is for import patients"));
	if (strcmp(o.path, "-") != 0 && access(o.path, R_OK) != 0) {
		char shown[1024];
		text_sanitize(o.path, shown, sizeof shown);
		return cli_bad_input("FILE", _("\"%s\": no such file, or it cannot be read"), shown);
	}
	import_ui ui = { .file = o.path, .bar = isatty(STDERR_FILENO) != 0, .started = now_s() };
	if (report) {
		ui.report = fopen(report, "w");
		if (!ui.report) {
			char shown[1024];
			text_sanitize(report, shown, sizeof shown);
			return cli_bad_input("--report", _("\"%s\": cannot be written"), shown);
		}
		fputs("line,column,value,reason\r\n", ui.report);
	}
	store *st = cli_open_ready(ctx);
	if (!st) {
		if (ui.report)
			fclose(ui.report);
		return CLI_FAIL;
	}
	o.staff = ctx->staff;
	o.rejected = on_reject;
	o.duplicate = on_duplicate;
	o.progress = on_progress;
	o.ctx = &ui;
	exch_summary sum;
	exch_error err;
	exch_rc xrc = exch_import(st, &o, &sum, &err);
	store_close(st);
	if (ui.drawn)
		fputs("\r\033[K", stderr);
	if (ui.report && fclose(ui.report) != 0)
		fprintf(stderr, _("%s: --report: could not be written completely\n"), PACKAGE);
	switch (xrc) {
	case EXCH_BAD_OPTION:
		return cli_bad_input(err.field, "%s", err.message);
	case EXCH_BAD_FILE: {
		char shown[1024];
		text_sanitize(o.path, shown, sizeof shown);
		cli_bad_input(shown, "%s", err.message);
		fprintf(stderr, "%s: %s\n", PACKAGE, _("nothing was written"));
		return CLI_BAD_INPUT;
	}
	case EXCH_STORE:
		if (err.message[0])
			fprintf(stderr, "%s: %s\n", PACKAGE, err.message);
		fprintf(stderr, "%s: %s\n", PACKAGE, _("nothing was written"));
		return cli_store_error(err.store);
	default:
		break;
	}
	if (o.kind == EXCH_PATIENTS)
		printf(_("added %llu, updated %llu, unchanged %llu, rejected %llu, possible duplicates %llu\n"),
		       (unsigned long long)sum.added, (unsigned long long)sum.updated,
		       (unsigned long long)sum.unchanged, (unsigned long long)sum.rejected,
		       (unsigned long long)sum.duplicates);
	else
		printf(_("visits added %llu, already recorded %llu, patients registered %llu, rejected %llu, possible duplicates %llu\n"),
		       (unsigned long long)sum.added, (unsigned long long)sum.unchanged,
		       (unsigned long long)sum.patients_added, (unsigned long long)sum.rejected,
		       (unsigned long long)sum.duplicates);
	if (ui.shown_rejects > SHOW_MAX)
		fprintf(stderr, _("%s: … and %llu more rejected cells%s\n"), PACKAGE,
		        (unsigned long long)(ui.shown_rejects - SHOW_MAX),
		        report ? _(" (all in the report)") : _(" (use --report FILE for all)"));
	if (o.dry_run)
		fprintf(stderr, "%s: %s\n", PACKAGE, _("dry run: nothing was written"));
	if (xrc == EXCH_REJECTED) {
		if (o.skip_invalid && !o.dry_run)
			fprintf(stderr, _("%s: %llu rejected rows left out; the other rows were written\n"),
			        PACKAGE, (unsigned long long)sum.rejected);
		else if (!o.dry_run)
			fprintf(stderr, _("%s: %llu rows rejected: nothing was written (fix them, or use --skip-invalid)\n"),
			        PACKAGE, (unsigned long long)sum.rejected);
		return CLI_BAD_INPUT;
	}
	return CLI_OK;
}

int cli_import_main(const cli_ctx *ctx, int argc, char **argv)
{
	return import_main(ctx, argc, argv);
}

typedef struct visits_out {
	store *st;
	od_date date;
	bool not_notified;
	store_rc rc;
} visits_out;

static bool print_visit(const visit_rec *v, const patient *p, void *ctx)
{
	visits_out *vo = ctx;
	elig_result res;
	vo->rc = store_patient_status(vo->st, p->id, vo->date, &res);
	if (vo->rc != STORE_OK)
		return false;
	bool needs = res.state == ELIG_NOT_NOTIFIED || res.state == ELIG_NEEDS_RENOTICE;
	if (vo->not_notified && !needs)
		return true;
	char iso[DATE_ISO_SIZE];
	date_format_iso(v->date, iso);
	exch_csv_cell(stdout, iso, false);
	exch_csv_cell(stdout, v->time, false);
	exch_csv_cell(stdout, p->number, false);
	exch_csv_cell(stdout, p->name, false);
	exch_csv_cell(stdout, p->kana, false);
	exch_csv_cell(stdout, v->department, false);
	exch_csv_cell(stdout, elig_state_word(res.state), true);
	return true;
}

int cli_visits_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "not-notified", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	visits_out vo = { .date = ctx->today };
	const char *date = NULL;
	int c;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': date = optarg; break;
		case 'n': vo.not_notified = true; break;
		case 'h': cli_usage(stdout, "visits"); return CLI_OK;
		default: return cli_option_error(c, argv);
		}
	}
	if (optind < argc) {
		char shown[256];
		text_sanitize(argv[optind], shown, sizeof shown);
		return cli_bad_input(shown, "%s", _("unexpected argument"));
	}
	if (date && !cli_parse_date("--date", date, &vo.date))
		return CLI_BAD_INPUT;
	store *st = cli_open_read(ctx);
	if (!st)
		return CLI_FAIL;
	if (!date)
		vo.date = store_today(st);
	vo.st = st;
	fputs("date,time,number,name,kana,department,status\r\n", stdout);
	store_rc rc = store_visit_list(st, vo.date, print_visit, &vo);
	if (rc == STORE_OK)
		rc = vo.rc;
	store_close(st);
	if (rc != STORE_OK)
		return cli_store_error(rc);
	return fflush(stdout) == 0 ? CLI_OK : cli_fail("%s", _("cannot write the list"));
}
