/* `worklist not-notified|renotice|duplicates|forwards` (issue 13): the
 * office's lists, as a table for people (headers and states translated,
 * columns aligned by display width) or as CSV for a spreadsheet (machine
 * words, cells that would run as formulas quoted by exch_csv_cell). */
#include "config.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"
#include "exchange/exchange.h"

#define WL_MAX_COLS 8
#define CELL_SIZE 1024

/* The rows of one list; the table is printed once every width is known. */
typedef struct table {
	bool csv;
	int ncols;
	char **cells;          /* ncols per row, sanitised copies */
	size_t nrows, cap;
	bool oom;
	store *st;             /* for readers that need the store again */
	od_date day;
} table;

static void table_row(table *t, const char *const *cells)
{
	if (t->csv) {
		for (int c = 0; c < t->ncols; c++)
			exch_csv_cell(stdout, cells[c], c == t->ncols - 1);
		return;
	}
	if (t->nrows == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 32;
		char **p = realloc(t->cells, ncap * (size_t)t->ncols * sizeof *p);
		if (!p) {
			t->oom = true;
			return;
		}
		t->cells = p;
		t->cap = ncap;
	}
	char **row = &t->cells[t->nrows * (size_t)t->ncols];
	for (int c = 0; c < t->ncols; c++) {
		char shown[CELL_SIZE];
		text_sanitize(cells[c] ? cells[c] : "", shown, sizeof shown);
		row[c] = strdup(shown);
		if (!row[c])
			t->oom = true;
	}
	t->nrows++;
}

/* Pads with spaces to `w` display columns (Japanese names are two a
 * character); the last column is not padded. */
static void table_print(const table *t)
{
	int w[WL_MAX_COLS] = { 0 };
	for (size_t r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * (size_t)t->ncols + c];
			int tw = s ? text_width(s) : 0;
			if (tw > w[c])
				w[c] = tw;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * (size_t)t->ncols + c];
			fputs(s ? s : "", stdout);
			if (c == t->ncols - 1)
				break;
			for (int k = s ? text_width(s) : 0; k < w[c] + 2; k++)
				putchar(' ');
		}
		putchar('\n');
	}
}

static void table_free(table *t)
{
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
}

/* Headers: CSV's are machine words, the table's are for people. */
static void table_head(table *t, const char *const *words, const char *const *labels)
{
	const char *cells[WL_MAX_COLS];
	for (int c = 0; c < t->ncols; c++)
		cells[c] = t->csv ? words[c] : _(labels[c]);
	table_row(t, cells);
}

static void birth_text(const patient *p, char out[DATE_ISO_SIZE])
{
	if (p->birth_known)
		date_format_iso(p->birth, out);
	else
		out[0] = '\0';
}

static const char *state_text(const table *t, elig_state s)
{
	return t->csv ? elig_state_word(s) : _(elig_state_label(s));
}

static bool not_notified_row(const worklist_item *it, void *ctx)
{
	table *t = ctx;
	char day[DATE_ISO_SIZE], birth[DATE_ISO_SIZE];
	date_format_iso(t->day, day);
	birth_text(&it->pat, birth);
	const char *cells[] = { day, it->time, it->pat.number, it->pat.name, it->pat.kana,
	                        birth, it->department, state_text(t, it->state.state) };
	table_row(t, cells);
	return !t->oom;
}

static bool renotice_row(const worklist_item *it, void *ctx)
{
	table *t = ctx;
	char since[DATE_ISO_SIZE] = "", birth[DATE_ISO_SIZE];
	if (date_valid(it->since))
		date_format_iso(it->since, since);
	birth_text(&it->pat, birth);
	const char *cells[] = { it->pat.number, it->pat.name, it->pat.kana, birth,
	                        t->csv ? renotice_reason_word(it->reason)
	                               : _(renotice_reason_label(it->reason)),
	                        since, state_text(t, it->state.state) };
	table_row(t, cells);
	return !t->oom;
}

static bool duplicate_row(const patient *a, const patient *b, void *ctx)
{
	table *t = ctx;
	char ba[DATE_ISO_SIZE], bb[DATE_ISO_SIZE];
	birth_text(a, ba);
	birth_text(b, bb);
	const char *cells[] = { a->number, a->name, a->kana, ba, b->number, b->name, b->kana, bb };
	table_row(t, cells);
	return !t->oom;
}

static bool forward_row(const forward_rec *f, void *ctx)
{
	table *t = ctx;
	char id[24], op[24], date[DATE_ISO_SIZE];
	snprintf(id, sizeof id, "%lld", (long long)f->id);
	snprintf(op, sizeof op, "%lld", (long long)f->operator_id);
	date_format_iso(f->request_date, date);
	const char *cells[] = { id, f->request_ref, date, f->number, op, f->operator_name,
	                        f->created_at };
	table_row(t, cells);
	return !t->oom;
}

static store_rc run_list(table *t, worklist_kind k)
{
	static const char *const nn_words[] = { "date", "time", "number", "name", "kana",
	                                        "birth", "department", "status" };
	static const char *const nn_labels[] = { N_("Date"), N_("Time"), N_("Number"), N_("Name"),
	                                         N_("Kana"), N_("Birth date"), N_("Department"),
	                                         N_("State") };
	static const char *const rn_words[] = { "number", "name", "kana", "birth", "reason",
	                                        "since", "status" };
	static const char *const rn_labels[] = { N_("Number"), N_("Name"), N_("Kana"),
	                                         N_("Birth date"), N_("Reason"), N_("Since"),
	                                         N_("State") };
	static const char *const dup_words[] = { "number", "name", "kana", "birth", "other_number",
	                                         "other_name", "other_kana", "other_birth" };
	static const char *const dup_labels[] = { N_("Number"), N_("Name"), N_("Kana"),
	                                          N_("Birth date"), N_("Other number"),
	                                          N_("Name"), N_("Kana"), N_("Birth date") };
	static const char *const fw_words[] = { "id", "request", "request_date", "number",
	                                        "operator_id", "operator", "created_at" };
	static const char *const fw_labels[] = { N_("ID"), N_("Receipt number"), N_("Date received"),
	                                         N_("Number"), N_("Operator ID"), N_("Operator"),
	                                         N_("Recorded at") };
	switch (k) {
	case WL_NOT_NOTIFIED:
		t->ncols = 8;
		table_head(t, nn_words, nn_labels);
		return store_worklist_not_notified(t->st, t->day, not_notified_row, t);
	case WL_RENOTICE:
		t->ncols = 7;
		table_head(t, rn_words, rn_labels);
		return store_worklist_renotice(t->st, t->day, renotice_row, t);
	case WL_DUPLICATES:
		t->ncols = 8;
		table_head(t, dup_words, dup_labels);
		return store_duplicate_pairs(t->st, duplicate_row, t);
	default:
		t->ncols = 7;
		table_head(t, fw_words, fw_labels);
		return store_forward_list(t->st, true, forward_row, t);
	}
}

int cli_worklist_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const char *const formats[] = { "table", "csv", NULL };
	table t = { 0 };
	bool dated = false;
	int format = 0, rc;
	const cli_opt opts[] = {
		{ .name = "date", .kind = CLI_DATE, .out = &t.day, .given = &dated },
		{ .name = "format", .kind = CLI_CHOICE, .out = &format, .choices = formats },
		{ .name = NULL },
	};
	if ((rc = cli_options("worklist", argc, argv, opts)) != CLI_PARSED)
		return rc;
	t.csv = format == 1;
	worklist_kind k;
	if (optind >= argc)
		return cli_bad_input(_("list"), "%s", _("missing: use not-notified, renotice, duplicates or forwards"));
	if (!worklist_parse(argv[optind], &k)) {
		char shown[256];
		text_sanitize(argv[optind], shown, sizeof shown);
		return cli_bad_input(_("list"), _("\"%s\": use not-notified, renotice, duplicates or forwards"), shown);
	}
	if ((rc = cli_no_more(argc, argv, optind + 1)) != CLI_OK)
		return rc;
	if (dated && k != WL_NOT_NOTIFIED && k != WL_RENOTICE)
		return cli_bad_input("--date", "%s", _("only the not-notified and renotice lists are of a date"));
	t.st = cli_open_read(ctx);
	if (!t.st)
		return CLI_FAIL;
	if (!dated)
		t.day = store_today(t.st);
	/* The lists name patients: the look is logged, as an export is
	 * (issue 11), before anything is shown. */
	char detail[64];
	snprintf(detail, sizeof detail, "worklist %s", worklist_word(k));
	store_rc src = store_audit_note(t.st, "worklist", detail);
	if (src == STORE_OK)
		src = run_list(&t, k);
	store_close(t.st);
	if (src == STORE_OK && t.oom)
		src = STORE_ERROR;
	if (src == STORE_OK && !t.csv) {
		table_print(&t);
		if (t.nrows <= 1)
			printf("%s\n", _("Nobody is on this list."));
	}
	table_free(&t);
	if (src != STORE_OK)
		return cli_store_error(src);
	return fflush(stdout) == 0 ? CLI_OK : cli_fail("%s", _("cannot write the list"));
}
