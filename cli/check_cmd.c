/* `check` and `provide`: the data pipeline's side of the desk (issue 10).
 * Both read a list with the one reader of exchange/list.h and judge every
 * number the same way (store_check_list / store_provision_add). Their
 * stdout is machine-readable and never translated. */
#include "config.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"
#include "exchange/exchange.h"
#include "exchange/list.h"

/* The answer for one listed number: status word, the date it may flow
 * from (may-flow, waiting), and why, in English words a pipeline can log. */
typedef struct check_answer {
	const char *status;
	char from[DATE_ISO_SIZE];
	char reason[256];
	bool may_flow;
} check_answer;

static void check_answer_of(const store_check_item *it, check_answer *a)
{
	char d[DATE_ISO_SIZE];
	const elig_result *r = &it->res;

	memset(a, 0, sizeof *a);
	if (!it->number_ok) {
		a->status = "invalid";
		snprintf(a->reason, sizeof a->reason, "%s",
		         it->text == NULL || it->text[0] == '\0' ? "blank line" : "not a patient number");
		return;
	}
	if (!it->found) {
		a->status = "unknown";
		snprintf(a->reason, sizeof a->reason, "not registered at the desk");
		return;
	}
	a->status = elig_state_word(r->state);
	switch (r->state) {
	case ELIG_MAY_FLOW:
		a->may_flow = true;
		date_format_iso(r->flow_from, a->from);
		date_format_iso(r->notice_date, d);
		snprintf(a->reason, sizeof a->reason, "notified %s", d);
		break;
	case ELIG_WAITING:
		date_format_iso(r->flow_from, a->from);
		date_format_iso(r->notice_date, d);
		snprintf(a->reason, sizeof a->reason, "notified %s; waiting period", d);
		break;
	case ELIG_STOPPED:
		if (r->stopped_by == REQ_BEREAVED)
			a->status = "deceased-objected";
		if (date_valid(r->stopped_since)) {
			date_format_iso(r->stopped_since, d);
			snprintf(a->reason, sizeof a->reason, "stop received %s from %s", d,
			         requester_kind_word(r->stopped_by));
		} else {
			snprintf(a->reason, sizeof a->reason, "a stop on record has an unreadable date");
		}
		break;
	case ELIG_NEEDS_RENOTICE:
		snprintf(a->reason, sizeof a->reason, "notified under an earlier version of the notice");
		break;
	default:
		snprintf(a->reason, sizeof a->reason, "%s",
		         r->detail != NULL ? r->detail : "no notice on record");
		break;
	}
	if (it->merged) {
		size_t n = strlen(a->reason);
		snprintf(a->reason + n, sizeof a->reason - n, "; merged into %s",
		         it->patient_number);
	}
}

/* ---- check -------------------------------------------------------------- */

typedef struct check_run {
	list_reader in;
	FILE *out;
	bool json, only_eligible;
	size_t written;
	bool write_failed;
} check_run;

static bool check_next(void *vctx, const char **text)
{
	check_run *c = vctx;
	*text = list_next(&c->in);
	return *text != NULL;
}

static bool check_print(const store_check_item *it, void *vctx)
{
	check_run *c = vctx;
	check_answer a;
	const char *number = it->number_ok ? it->number : (it->text ? it->text : "");

	check_answer_of(it, &a);
	if (c->only_eligible && !a.may_flow)
		return true;
	if (c->json) {
		json_t *o = c->only_eligible ? json_string(number)
			: json_pack("{s:I, s:s, s:s, s:s?, s:s, s:s?}",
			            "line", (json_int_t)c->in.lineno, "number", number,
			            "status", a.status, "from", a.from[0] ? a.from : NULL,
			            "reason", a.reason,
			            "patient", it->found ? it->patient_number : NULL);
		char *s = o ? json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
		if (s == NULL) {
			/* Invalid UTF-8 from the list: said as no number. */
			json_decref(o);
			o = json_pack("{s:I, s:s, s:s}", "line", (json_int_t)c->in.lineno,
			              "status", "invalid", "reason", "not UTF-8 text");
			s = o ? json_dumps(o, JSON_COMPACT) : NULL;
		}
		fprintf(c->out, "%s%s", c->written ? ",\n" : "[\n", s ? s : "null");
		free(s);
		json_decref(o);
	} else if (c->only_eligible) {
		exch_csv_field(c->out, number);
		putc('\n', c->out);
	} else {
		exch_csv_field(c->out, number);
		fprintf(c->out, ",%s,%s,", a.status, a.from);
		exch_csv_field(c->out, a.reason);
		putc('\n', c->out);
	}
	c->written++;
	if (ferror(c->out)) {
		c->write_failed = true;
		return false;
	}
	return true;
}

int cli_check_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const char *const formats[] = { "csv", "json", NULL };
	const char *path = "-";
	check_run run = { .out = stdout };
	od_date asof;
	int format = 0, rc;
	const cli_opt opts[] = {
		{ .name = "as-of", .kind = CLI_DATE, .out = &asof, .required = true },
		{ .name = "format", .kind = CLI_CHOICE, .out = &format, .choices = formats },
		{ .name = "only-eligible", .kind = CLI_FLAG, .out = &run.only_eligible },
		{ .name = NULL },
	};

	if ((rc = cli_options("check", argc, argv, opts)) != CLI_PARSED ||
	    (rc = cli_no_more(argc, argv, optind + 1)) != CLI_OK)
		return rc;
	run.json = format == 1;
	if (optind < argc)
		path = argv[optind];
	if (!list_open(&run.in, path)) {
		char shown[1024];
		text_sanitize(path, shown, sizeof shown);
		return cli_bad_input(_("FILE"), "\"%s\": %s", shown, strerror(errno));
	}
	store *st = cli_open_read(ctx);
	if (st == NULL) {
		list_close(&run.in);
		return CLI_FAIL;
	}
	store_rc src = store_check_list(st, asof, check_next, check_print, &run);
	store_close(st);
	int err = run.in.err;
	list_close(&run.in);
	if (run.json)
		fputs(run.written ? "\n]\n" : "[]\n", stdout);
	if (src != STORE_OK)
		return cli_store_error(src);
	if (err != 0)
		return cli_bad_input(_("FILE"), _("could not be read: %s"), strerror(err));
	if (run.write_failed || fflush(stdout) != 0)
		return cli_fail("%s", _("could not write the list"));
	return CLI_OK;
}

/* ---- provide ------------------------------------------------------------ */

typedef struct number_list {
	char **v;
	long *lines;
	size_t n, cap;
} number_list;

static bool list_push(number_list *l, const char *s, long line)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		char **v = realloc(l->v, cap * sizeof *v);
		if (v == NULL)
			return false;
		l->v = v;
		long *ln = realloc(l->lines, cap * sizeof *ln);
		if (ln == NULL)
			return false;
		l->lines = ln;
		l->cap = cap;
	}
	if ((l->v[l->n] = strdup(s)) == NULL)
		return false;
	l->lines[l->n++] = line;
	return true;
}

static void list_free(number_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	free(l->lines);
}

typedef struct offenders {
	const number_list *list;
	size_t n;
} offenders;

static bool offender_say(const store_check_item *it, void *vctx)
{
	offenders *o = vctx;
	check_answer a;
	char shown[256];
	long line = 0;

	for (size_t i = 0; i < o->list->n; i++)
		if (o->list->v[i] == it->text) {
			line = o->list->lines[i];
			break;
		}
	check_answer_of(it, &a);
	text_sanitize(it->number_ok ? it->number : (it->text ? it->text : ""), shown, sizeof shown);
	fprintf(stderr, "%s: %s %ld: %s,%s,%s,%s\n", PACKAGE, _("line"), line, shown,
	        a.status, a.from, a.reason);
	o->n++;
	return true;
}

int cli_provide_main(const cli_ctx *ctx, int argc, char **argv)
{
	const char *items = "", *path;
	provision_rec p = { 0 };
	int64_t opid = 0;
	int rc;
	const cli_opt opts[] = {
		{ .name = "operator", .kind = CLI_ID, .out = &opid, .required = true,
		  .hint = N_("give the operator's ID (optout-desk operator list)") },
		{ .name = "date", .kind = CLI_DATE, .out = &p.date, .required = true },
		{ .name = "items", .kind = CLI_TEXT, .out = &items },
		{ .name = NULL },
	};

	if ((rc = cli_options("provide", argc, argv, opts)) != CLI_PARSED)
		return rc;
	if (!cli_check_text("--items", items, TEXT_NOTE_MAX, false))
		return CLI_BAD_INPUT;
	if ((rc = cli_one_argument(argc, argv, _("FILE"), &path)) != CLI_OK)
		return rc;

	list_reader in;
	if (!list_open(&in, path)) {
		char shown[1024];
		text_sanitize(path, shown, sizeof shown);
		return cli_bad_input(_("FILE"), "\"%s\": %s", shown, strerror(errno));
	}
	number_list l = { 0 };
	const char *text;
	while ((text = list_next(&in)) != NULL)
		if (!list_push(&l, text, in.lineno)) {
			list_close(&in);
			list_free(&l);
			return cli_fail("%s", _("out of memory"));
		}
	int err = in.err;
	list_close(&in);
	if (err != 0) {
		list_free(&l);
		return cli_bad_input(_("FILE"), _("could not be read: %s"), strerror(err));
	}
	if (l.n == 0) {
		list_free(&l);
		return cli_bad_input(_("FILE"), "%s", _("the list names no patient"));
	}

	store *st = cli_open_ready(ctx);
	if (st == NULL) {
		list_free(&l);
		return CLI_FAIL;
	}
	p.operator_id = opid;
	snprintf(p.items, sizeof p.items, "%s", items);
	snprintf(p.staff, sizeof p.staff, "%s", ctx->staff);
	offenders o = { .list = &l };
	store_rc src = store_provision_add(st, &p, (const char *const *)l.v, l.n,
	                                   offender_say, &o);
	if (src == STORE_REFUSED) {
		char iso[DATE_ISO_SIZE];
		date_format_iso(p.date, iso);
		rc = cli_bad_input(_("FILE"), _("%zu listed patient(s) may not flow on %s: nothing was recorded"),
		                   o.n, iso);
	} else if (src == STORE_NOT_FOUND) {
		rc = cli_bad_input("--operator", _("no operator %lld (optout-desk operator list)"), (long long)opid);
	} else if (src == STORE_FUTURE || src == STORE_CONFLICT) {
		rc = cli_store_refused(st, src, src == STORE_FUTURE ? "--date" : "--operator");
	} else if (src != STORE_OK) {
		rc = cli_store_error(src);
	} else {
		printf("%lld\n", (long long)p.id);
		rc = CLI_OK;
	}
	store_close(st);
	list_free(&l);
	return rc;
}
