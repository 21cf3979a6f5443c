/* `report day|month|year` (issue 13): the daily report (日報) and the month
 * and year reports, as text on standard output, as an A4 PDF, or the day's
 * short form on the receipt printer. The counts come from
 * store_report_load, the text from report_text and the paper from
 * print_report: the report screen calls the same three. */
#include "config.h"
#include <stdio.h>
#include <unistd.h>   /* optind, where cli_options left it */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"
#include "print/print.h"

static bool put_line(const char *line, void *ctx)
{
	(void)ctx;
	return printf("%s\n", line) >= 0;
}

/* The period argument of a span (none: today's day, month or year). */
static int parse_period(const cli_ctx *ctx, report_span span, const char *arg, od_date *anchor)
{
	char shown[64];
	*anchor = ctx->today;
	if (arg == NULL)
		return CLI_OK;
	text_sanitize(arg, shown, sizeof shown);
	switch (span) {
	case REPORT_DAY:
		return cli_parse_date(_("date"), arg, anchor) ? CLI_OK : CLI_BAD_INPUT;
	case REPORT_MONTH:
		if (!report_parse_month(arg, anchor))
			return cli_bad_input(_("month"), _("\"%s\": give the month as YYYY-MM (2026-11)"), shown);
		return CLI_OK;
	case REPORT_YEAR:
		if (!report_parse_year(arg, anchor))
			return cli_bad_input(_("year"), _("\"%s\": give the year as YYYY (2026)"), shown);
		return CLI_OK;
	}
	return CLI_OK;
}

int cli_report_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const char *const formats[] = { "pdf", "escpos", NULL };
	static const doc_format format_of[] = { FMT_PDF, FMT_ESCPOS };
	report_request rq = { .form = REPORT_FULL, .format = FMT_PDF };
	const char *printer = NULL, *pdf = NULL, *output = NULL;
	int format = 0, rc;
	bool print = false, format_given = false;
	const cli_opt opts[] = {
		{ .name = "pdf", .kind = CLI_TEXT, .out = &pdf },
		{ .name = "output", .short_name = 'o', .kind = CLI_TEXT, .out = &output },
		{ .name = "force", .kind = CLI_FLAG, .out = &rq.force },
		{ .name = "print", .kind = CLI_FLAG, .out = &print },
		{ .name = "printer", .kind = CLI_TEXT, .out = &printer },
		{ .name = "format", .kind = CLI_CHOICE, .out = &format, .choices = formats,
		  .given = &format_given },
		{ .name = NULL },
	};
	if ((rc = cli_options("report", argc, argv, opts)) != CLI_PARSED)
		return rc;
	if (pdf != NULL && output != NULL)
		return cli_bad_input("--pdf", "%s", _("give either --pdf FILE or -o FILE"));
	/* refusals name the option as it was typed */
	const char *out_opt = pdf != NULL ? "--pdf" : "-o";
	rq.out_path = pdf != NULL ? pdf : output;
	rq.format = format_of[format];
	report_span span;
	if (optind >= argc)
		return cli_bad_input(_("report"), "%s", _("missing: use day, month or year"));
	if (strcmp(argv[optind], "day") == 0)
		span = REPORT_DAY;
	else if (strcmp(argv[optind], "month") == 0)
		span = REPORT_MONTH;
	else if (strcmp(argv[optind], "year") == 0)
		span = REPORT_YEAR;
	else
		return cli_bad_input(_("report"), "%s", _("use day, month or year"));
	optind++;
	const char *arg = optind < argc ? argv[optind++] : NULL;
	if ((rc = cli_no_more(argc, argv, optind)) != CLI_OK)
		return rc;
	od_date anchor;
	if ((rc = parse_period(ctx, span, arg, &anchor)) != CLI_OK)
		return rc;
	if (print && span != REPORT_DAY)
		return cli_bad_input("--print", "%s", _("only the daily report has a short form for the receipt printer; save the month or year as PDF with --pdf FILE"));
	if ((printer != NULL || format_given) && !print)
		return cli_bad_input(printer != NULL ? "--printer" : "--format", "%s",
		                     _("only with --print (the short form on the receipt printer)"));
	if (rq.force && rq.out_path == NULL)
		return cli_bad_input("--force", "%s", _("only with --pdf FILE or -o FILE"));
	if ((rc = cli_check_output(ctx, out_opt, rq.out_path, rq.force)) != CLI_OK)
		return rc;

	store *st = cli_open_read(ctx);
	if (st == NULL)
		return CLI_FAIL;
	print_context pc;
	store_rc src = print_context_load(st, &pc);
	report_counts *r = malloc(sizeof *r);
	if (r == NULL) {
		store_close(st);
		if (src == STORE_OK)
			print_context_free(&pc);
		return cli_fail("%s", _("out of memory"));
	}
	report_init(r, span, anchor);
	if (src == STORE_OK)
		src = store_report_load(st, r);
	store_close(st);
	if (src != STORE_OK) {
		free(r);
		print_context_free(&pc);
		return cli_store_error(src);
	}
	rq.made = ctx->today;
	rc = CLI_OK;
	if (print)
		print_report_route(&rq, &pc.settings, true, printer, format_given);
	if (print || rq.out_path != NULL) {
		doc_result res;
		if (print_report(r, &pc.clinic, &rq, &pc.settings, &res))
			cli_say_document(rq.out_path, &res);
		else
			rc = cli_fail("%s", res.message);
	} else {
		report_text(r, &pc.clinic, put_line, NULL);
		if (fflush(stdout) != 0)
			rc = cli_fail("%s", _("standard output could not be written"));
	}
	free(r);
	print_context_free(&pc);
	return rc;
}
