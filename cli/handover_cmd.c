/* `operator`, `provisions`, `forwards` and `forward done`: the registry of
 * certified operators and the records of what was handed to them (issue
 * 10). Lists are tab-separated, machine-readable and never translated;
 * what people must read (hints, refusals) goes to stderr, translated. */
#include "config.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cli_show.h"
#include "core/i18n.h"
#include "core/text.h"

#define SHOWN 1024

static bool parse_id(const char *field, const char *text, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = text != NULL ? strtoll(text, &end, 10) : 0;
	if (text == NULL || errno || end == text || *end != '\0' || v <= 0) {
		char shown[SHOWN];
		text_sanitize(text ? text : "", shown, sizeof shown);
		cli_bad_input(field, _("\"%s\": give a number from the list"), shown);
		return false;
	}
	*out = v;
	return true;
}

/* Nothing may follow the arguments a command takes. */
static int no_more(int argc, char **argv, int from)
{
	if (from < argc) {
		char shown[SHOWN];
		text_sanitize(argv[from], shown, sizeof shown);
		return cli_bad_input(shown, "%s", _("unexpected argument"));
	}
	return CLI_OK;
}

static void put_field(const char *s)
{
	char shown[SHOWN];
	text_sanitize(s, shown, sizeof shown);
	/* A tab or line break inside would shift the columns. */
	for (char *p = shown; *p; p++)
		if (*p == '\t' || *p == '\n')
			*p = ' ';
	fputs(shown, stdout);
}

/* ---- operator ------------------------------------------------------------ */

static bool operator_line(const operator_rec *op, void *ctx)
{
	(void)ctx;
	printf("%lld\t%s\t%s\t", (long long)op->id,
	       op->kind == 'p' ? "pseudonymized" : "anonymized",
	       op->active ? "active" : "retired");
	put_field(op->name);
	putchar('\t');
	put_field(op->address);
	putchar('\n');
	return true;
}

static void notice_hint(void)
{
	/* The notice lists the active operators: a change is a change of the
	 * notice items, which patients may have to be told again. */
	fprintf(stderr, "%s: %s\n", PACKAGE,
	        _("the notice lists the active operators: see `optout-desk template status`"));
}

static int operator_add(const cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "kind", required_argument, NULL, 'k' },
		{ "address", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL, *kind = NULL, *address = "";
	int c, rc;

	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'k': kind = optarg; break;
		case 'a': address = optarg; break;
		default: return cli_option_error(c, argv);
		}
	}
	if ((rc = no_more(argc, argv, optind)) != CLI_OK)
		return rc;
	if (name == NULL)
		return cli_bad_input("--name", "%s", _("missing"));
	if (!cli_check_text("--name", name, TEXT_FIELD_MAX, true) ||
	    !cli_check_text("--address", address, TEXT_FIELD_MAX, false))
		return CLI_BAD_INPUT;
	operator_rec op = { .active = true };
	if (kind != NULL && strcmp(kind, "anonymized") == 0)
		op.kind = 'a';
	else if (kind != NULL && strcmp(kind, "pseudonymized") == 0)
		op.kind = 'p';
	else
		return cli_bad_input("--kind", _("use one of: %s"), "anonymized, pseudonymized");
	if (strlen(name) >= sizeof op.name || strlen(address) >= sizeof op.address)
		return cli_bad_input(strlen(name) >= sizeof op.name ? "--name" : "--address",
		                     "%s", _("too long"));
	snprintf(op.name, sizeof op.name, "%s", name);
	snprintf(op.address, sizeof op.address, "%s", address);

	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	store_rc src = store_operator_add(st, &op);
	store_close(st);
	if (src != STORE_OK)
		return cli_store_error(src);
	printf("%lld\n", (long long)op.id);
	notice_hint();
	return CLI_OK;
}

static int operator_retire(const cli_ctx *ctx, int argc, char **argv)
{
	int64_t id;
	int rc;

	if (argc < 2)
		return cli_bad_input("ID", "%s", _("missing"));
	if (!parse_id("ID", argv[1], &id))
		return CLI_BAD_INPUT;
	if ((rc = no_more(argc, argv, 2)) != CLI_OK)
		return rc;
	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	operator_rec op;
	store_rc src = store_operator_get(st, id, &op);
	if (src == STORE_OK && !op.active) {
		store_close(st);
		return cli_bad_input("ID", _("operator %lld is already retired"), (long long)id);
	}
	if (src == STORE_OK)
		src = store_operator_set_active(st, id, false);
	store_close(st);
	if (src == STORE_NOT_FOUND)
		return cli_bad_input("ID", _("no operator %lld (optout-desk operator list)"), (long long)id);
	if (src != STORE_OK)
		return cli_store_error(src);
	notice_hint();
	return CLI_OK;
}

int cli_operator_main(const cli_ctx *ctx, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "list";

	if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0) {
		cli_usage(stdout, "operator");
		return CLI_OK;
	}
	if (strcmp(verb, "add") == 0)
		return operator_add(ctx, argc - 1, argv + 1);
	if (strcmp(verb, "retire") == 0)
		return operator_retire(ctx, argc - 1, argv + 1);
	if (strcmp(verb, "list") != 0) {
		char shown[SHOWN];
		text_sanitize(verb, shown, sizeof shown);
		return cli_bad_input(_("command"), _("\"%s\": use operator add, list or retire"), shown);
	}
	int rc = no_more(argc, argv, 2);
	if (rc != CLI_OK)
		return rc;
	store *st = cli_open_read(ctx);
	if (st == NULL)
		return CLI_FAIL;
	store_rc src = store_operator_list(st, operator_line, NULL);
	store_close(st);
	return src == STORE_OK ? CLI_OK : cli_store_error(src);
}

/* ---- provisions ---------------------------------------------------------- */

static bool provision_line(const provision_rec *p, void *ctx)
{
	char iso[DATE_ISO_SIZE];
	(void)ctx;
	date_format_iso(p->date, iso);
	printf("%lld\t%s\t%lld\t", (long long)p->id, iso, (long long)p->operator_id);
	put_field(p->operator_name);
	printf("\t%lld\t", (long long)p->npatients);
	put_field(p->items);
	putchar('\t');
	put_field(p->staff);
	printf("\t%s\n", p->recorded_at);
	return true;
}

static bool provided_line(const provided_patient *pp, void *ctx)
{
	(void)ctx;
	put_field(pp->number);
	putchar('\t');
	put_field(pp->patient_number);
	putchar('\t');
	put_field(pp->name);
	putchar('\n');
	return true;
}

int cli_provisions_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	od_date from = { 0 }, to = { 0 };
	int c, rc;

	if (argc > 1 && strcmp(argv[1], "show") == 0) {
		int64_t id;
		if (argc < 3)
			return cli_bad_input("ID", "%s", _("missing"));
		if (!parse_id("ID", argv[2], &id))
			return CLI_BAD_INPUT;
		if ((rc = no_more(argc, argv, 3)) != CLI_OK)
			return rc;
		store *st = cli_open_read(ctx);
		if (st == NULL)
			return CLI_FAIL;
		provision_rec p;
		store_rc src = store_provision_get(st, id, &p);
		if (src == STORE_OK) {
			provision_line(&p, NULL);
			src = store_provision_patients(st, id, provided_line, NULL);
		}
		store_close(st);
		if (src == STORE_NOT_FOUND)
			return cli_bad_input("ID", _("no provision %lld (optout-desk provisions)"), (long long)id);
		return src == STORE_OK ? CLI_OK : cli_store_error(src);
	}
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!cli_parse_date("--from", optarg, &from))
				return CLI_BAD_INPUT;
			break;
		case 't':
			if (!cli_parse_date("--to", optarg, &to))
				return CLI_BAD_INPUT;
			break;
		case 'h': cli_usage(stdout, "provisions"); return CLI_OK;
		default: return cli_option_error(c, argv);
		}
	}
	if ((rc = no_more(argc, argv, optind)) != CLI_OK)
		return rc;
	if (date_valid(from) && date_valid(to) && date_cmp(from, to) > 0)
		return cli_bad_input("--to", "%s", _("is before --from"));
	store *st = cli_open_read(ctx);
	if (st == NULL)
		return CLI_FAIL;
	store_rc src = store_provision_list(st, from, to, provision_line, NULL);
	store_close(st);
	return src == STORE_OK ? CLI_OK : cli_store_error(src);
}

/* ---- forwards ------------------------------------------------------------ */

static bool forward_line(const forward_rec *f, void *ctx)
{
	char a[DATE_ISO_SIZE], b[DATE_ISO_SIZE], state[32];
	(void)ctx;
	date_format_iso(f->request_date, a);
	if (f->done) {
		date_format_iso(f->done_date, b);
		snprintf(state, sizeof state, "done %s", b);
	} else {
		snprintf(state, sizeof state, "%s", f->request_voided ? "voided" : "pending");
	}
	printf("%lld\t%s\t%s\t%s\t", (long long)f->id, state, f->request_ref, a);
	put_field(f->number);
	printf("\t%lld\t", (long long)f->operator_id);
	put_field(f->operator_name);
	putchar('\t');
	put_field(f->note);
	putchar('\n');
	return true;
}

int cli_forwards_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "pending", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool pending = false;
	int c, rc;

	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': pending = true; break;
		case 'h': cli_usage(stdout, "forwards"); return CLI_OK;
		default: return cli_option_error(c, argv);
		}
	}
	if ((rc = no_more(argc, argv, optind)) != CLI_OK)
		return rc;
	store *st = cli_open_read(ctx);
	if (st == NULL)
		return CLI_FAIL;
	store_rc src = store_forward_list(st, pending, forward_line, NULL);
	store_close(st);
	return src == STORE_OK ? CLI_OK : cli_store_error(src);
}

int cli_forward_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "note", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *note = "";
	od_date date = { 0 };
	bool have_date = false;
	int64_t id;
	int c, rc;

	if (argc < 2 || strcmp(argv[1], "done") != 0) {
		if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			cli_usage(stdout, "forward");
			return CLI_OK;
		}
		return cli_bad_input(_("command"), "%s", _("use forward done ID --date DATE [--note TEXT]"));
	}
	argc--;
	argv++;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!cli_parse_date("--date", optarg, &date))
				return CLI_BAD_INPUT;
			have_date = true;
			break;
		case 'n': note = optarg; break;
		case 'h': cli_usage(stdout, "forward"); return CLI_OK;
		default: return cli_option_error(c, argv);
		}
	}
	if (optind >= argc)
		return cli_bad_input("ID", "%s", _("missing"));
	if (!parse_id("ID", argv[optind], &id))
		return CLI_BAD_INPUT;
	if ((rc = no_more(argc, argv, optind + 1)) != CLI_OK)
		return rc;
	if (!have_date)
		return cli_bad_input("--date", "%s", _("missing"));
	if (!cli_check_text("--note", note, TEXT_NOTE_MAX, false))
		return CLI_BAD_INPUT;
	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	store_rc src = store_forward_done(st, id, date, note, ctx->staff);
	if (src == STORE_NOT_FOUND)
		rc = cli_bad_input("ID", _("no forward %lld (optout-desk forwards)"), (long long)id);
	else if (src == STORE_INVALID)
		rc = cli_bad_input("--date", "%s", _("is before the deletion request was received"));
	else if (src == STORE_FUTURE)
		rc = cli_store_refused(st, src, "--date");
	else if (src == STORE_CONFLICT)
		rc = cli_store_refused(st, src, "ID");
	else
		rc = src == STORE_OK ? CLI_OK : cli_store_error(src);
	store_close(st);
	return rc;
}

/* For `patient show` (people read it: translated): "provided to X on D". */
static bool provided_to_line(const provision_rec *p, void *ctx)
{
	char iso[DATE_ISO_SIZE], name[SHOWN];
	(void)ctx;
	date_format_iso(p->date, iso);
	text_sanitize(p->operator_name, name, sizeof name);
	printf("  ");
	printf(_("provided to %s on %s (provision %lld)"), name, iso, (long long)p->id);
	putchar('\n');
	return true;
}

store_rc cli_provisions_of_patient(store *st, int64_t patient_id)
{
	return store_patient_provisions(st, patient_id, 0, provided_to_line, NULL);
}
