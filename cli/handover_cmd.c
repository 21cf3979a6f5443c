/* `operator`, `provisions`, `forwards` and `forward done`: the registry of
 * certified operators and the records of what was handed to them (issue
 * 10). Lists are tab-separated, machine-readable and never translated;
 * what people must read (hints, refusals) goes to stderr, translated. */
#include "config.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cli_show.h"
#include "core/i18n.h"
#include "core/text.h"

#define SHOWN 1024

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
	static const char *const kinds[] = { "anonymized", "pseudonymized", NULL };
	const char *name = NULL, *address = "";
	int kind = -1, rc;
	const cli_opt opts[] = {
		{ .name = "name", .kind = CLI_TEXT, .out = &name, .required = true },
		{ .name = "kind", .kind = CLI_CHOICE, .out = &kind, .choices = kinds, .required = true },
		{ .name = "address", .kind = CLI_TEXT, .out = &address },
		{ .name = NULL },
	};

	if ((rc = cli_options("operator", argc, argv, opts)) != CLI_PARSED ||
	    (rc = cli_no_argument(argc, argv)) != CLI_OK)
		return rc;
	if (!cli_check_text("--name", name, TEXT_FIELD_MAX, true) ||
	    !cli_check_text("--address", address, TEXT_FIELD_MAX, false))
		return CLI_BAD_INPUT;
	operator_rec op = { .active = true, .kind = kind == 0 ? 'a' : 'p' };
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
	if (!cli_parse_id("ID", argv[1], NULL, &id))
		return CLI_BAD_INPUT;
	if ((rc = cli_no_more(argc, argv, 2)) != CLI_OK)
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
	int rc = cli_no_more(argc, argv, 2);
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
	od_date from = { 0 }, to = { 0 };
	int rc;

	if (argc > 1 && strcmp(argv[1], "show") == 0) {
		int64_t id;
		if (argc < 3)
			return cli_bad_input("ID", "%s", _("missing"));
		if (!cli_parse_id("ID", argv[2], NULL, &id))
			return CLI_BAD_INPUT;
		if ((rc = cli_no_more(argc, argv, 3)) != CLI_OK)
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
	const cli_opt opts[] = {
		{ .name = "from", .kind = CLI_DATE, .out = &from },
		{ .name = "to", .kind = CLI_DATE, .out = &to },
		{ .name = NULL },
	};
	if ((rc = cli_options("provisions", argc, argv, opts)) != CLI_PARSED ||
	    (rc = cli_no_argument(argc, argv)) != CLI_OK)
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
	bool pending = false;
	int rc;
	const cli_opt opts[] = {
		{ .name = "pending", .kind = CLI_FLAG, .out = &pending },
		{ .name = NULL },
	};

	if ((rc = cli_options("forwards", argc, argv, opts)) != CLI_PARSED ||
	    (rc = cli_no_argument(argc, argv)) != CLI_OK)
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
	const char *note = "";
	od_date date = { 0 };
	int64_t id;
	int rc;
	const cli_opt opts[] = {
		{ .name = "date", .kind = CLI_DATE, .out = &date, .required = true },
		{ .name = "note", .kind = CLI_TEXT, .out = &note },
		{ .name = NULL },
	};

	if (argc < 2 || strcmp(argv[1], "done") != 0) {
		if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			cli_usage(stdout, "forward");
			return CLI_OK;
		}
		return cli_bad_input(_("command"), "%s", _("use forward done ID --date DATE [--note TEXT]"));
	}
	argc--;
	argv++;
	if ((rc = cli_options("forward", argc, argv, opts)) != CLI_PARSED)
		return rc;
	if (optind >= argc)
		return cli_bad_input("ID", "%s", _("missing"));
	if (!cli_parse_id("ID", argv[optind], NULL, &id))
		return CLI_BAD_INPUT;
	if ((rc = cli_no_more(argc, argv, optind + 1)) != CLI_OK)
		return rc;
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
