/* `verify`, `audit`, `backup` and `restore` (issue 11): the record that
 * shows tampering, and copies of it that can be trusted. */
#include "config.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"

#define SHOWN 2048

/* Says what verify found first, on stderr. */
static void say_problem(const store_verify_result *r)
{
	char detail[SHOWN], key[256];
	text_sanitize(r->detail, detail, sizeof detail);
	text_sanitize(r->key, key, sizeof key);
	if (r->entry)
		fprintf(stderr, _("%s: verify: entry %lld"), PACKAGE, (long long)r->entry);
	else
		fprintf(stderr, _("%s: verify: no entry"), PACKAGE);
	if (r->table[0])
		fprintf(stderr, " (%s #%s)", r->table, key);
	fprintf(stderr, ": %s\n", _(r->what ? r->what : "?"));
	if (detail[0])
		fprintf(stderr, "%s: verify:   %s\n", PACKAGE, detail);
	if (r->problems > 1)
		fprintf(stderr, P_("%s: verify: and %lld more problem\n",
		                   "%s: verify: and %lld more problems\n", r->problems - 1),
		        PACKAGE, (long long)(r->problems - 1));
}

int cli_verify_main(const cli_ctx *ctx, int argc, char **argv)
{
	bool head = false;
	const char *witness = NULL;
	int rc;
	const cli_opt opts[] = {
		{ .name = "head", .kind = CLI_FLAG, .out = &head },
		{ .name = "witness", .kind = CLI_TEXT, .out = &witness },
		{ .name = NULL },
	};
	if ((rc = cli_options("verify", argc, argv, opts)) != CLI_PARSED ||
	    (rc = cli_no_argument(argc, argv)) != CLI_OK)
		return rc;
	if (head && witness != NULL)
		return cli_bad_input("--witness", "%s", _("give --head or --witness, not both"));
	store *st = cli_open_read(ctx);
	if (st == NULL)
		return CLI_FAIL;
	store_rc src;
	if (head) {
		int64_t n = 0;
		char h[STORE_HASH_HEX];
		src = store_audit_head(st, &n, h);
		store_close(st);
		if (src != STORE_OK)
			return cli_store_error(src);
		printf("%s\n", h);
		return CLI_OK;
	}
	if (witness != NULL) {
		int64_t entry = 0;
		src = store_audit_witness(st, witness, &entry);
		store_close(st);
		if (src == STORE_INVALID)
			return cli_bad_input("--witness", "%s", _("a head hash is 64 hexadecimal digits, as `verify --head` prints it"));
		if (src == STORE_NOT_FOUND)
			return cli_fail("%s", _("verify: that head hash is not in the log: the log was rewritten since it was printed (or the hash was copied wrongly)"));
		if (src != STORE_OK)
			return cli_store_error(src);
		printf(_("ok: that head hash is entry %lld of the log\n"), (long long)entry);
		return CLI_OK;
	}
	store_verify_result r;
	src = store_verify(st, &r);
	store_close(st);
	if (src != STORE_OK)
		return cli_store_error(src);
	if (!r.ok) {
		say_problem(&r);
		return CLI_FAIL;
	}
	printf(_("ok: %lld entries, head %s\n"), (long long)r.entries, r.head);
	return CLI_OK;
}

typedef struct list_ctx {
	store *st;
} list_ctx;

static bool print_entry(const audit_entry *e, void *vctx)
{
	list_ctx *l = vctx;
	char actor[STORE_STAFF_SIZE * 4], detail[1024], key[256], iso[DATE_ISO_SIZE];
	char number[STORE_NUMBER_SIZE * 4] = "-";
	text_sanitize(e->actor, actor, sizeof actor);
	text_sanitize(e->detail, detail, sizeof detail);
	text_sanitize(e->key, key, sizeof key);
	date_format_iso(e->day, iso);
	if (e->patient_id) {
		patient p;
		if (store_patient_get_id(l->st, e->patient_id, &p) == STORE_OK)
			text_sanitize(p.number, number, sizeof number);
	}
	printf("%lld\t%s\t%s\t%s\t%s\t%s%s%s\t%s\t%s\n", (long long)e->id, e->at, iso,
	       actor[0] ? actor : "-", e->action, e->table[0] ? e->table : "-",
	       e->table[0] ? "#" : "", e->table[0] ? key : "", number, detail);
	return true;
}

int cli_audit_main(const cli_ctx *ctx, int argc, char **argv)
{
	audit_filter f;
	const char *number = NULL;
	int rc;
	memset(&f, 0, sizeof f);
	const cli_opt opts[] = {
		{ .name = "patient", .kind = CLI_TEXT, .out = &number },
		{ .name = "staff", .kind = CLI_TEXT, .out = &f.actor },
		{ .name = "from", .kind = CLI_DATE, .out = &f.from, .given = &f.has_from },
		{ .name = "to", .kind = CLI_DATE, .out = &f.to, .given = &f.has_to },
		{ .name = NULL },
	};
	if ((rc = cli_options("audit", argc, argv, opts)) != CLI_PARSED ||
	    (rc = cli_no_argument(argc, argv)) != CLI_OK)
		return rc;
	if (f.has_from && f.has_to && date_cmp(f.from, f.to) > 0)
		return cli_bad_input("--to", "%s", _("is before --from"));
	store *st = cli_open_read(ctx);
	if (st == NULL)
		return CLI_FAIL;
	if (number != NULL) {
		patient p;
		if ((rc = cli_find_patient(st, number, &p)) != CLI_OK) {
			store_close(st);
			return rc == CLI_BAD_INPUT ? cli_bad_input("--patient", "%s", _("no such patient")) : rc;
		}
		f.patient_id = p.id;
	}
	list_ctx l = { st };
	store_rc src = store_audit_list(st, &f, print_entry, &l);
	store_close(st);
	return src == STORE_OK ? CLI_OK : cli_store_error(src);
}

int cli_backup_main(const cli_ctx *ctx, int argc, char **argv)
{
	int rc;
	if ((rc = cli_options("backup", argc, argv, cli_no_options)) != CLI_PARSED)
		return rc;
	if (optind + 1 < argc)
		return cli_bad_input(argv[optind + 1], "%s", _("unexpected argument"));
	const char *file = optind < argc ? argv[optind] : NULL;
	char shown[SHOWN], out[STORE_PATH_MAX];
	if (file != NULL && (*file == '\0' || strlen(file) >= sizeof out))
		return cli_bad_input("FILE", "%s", _("give the path of the new backup file"));
	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	int64_t entries = 0;
	store_rc src;
	if (file != NULL) {
		snprintf(out, sizeof out, "%s", file);
		src = store_backup(st, file, &entries);
	} else {
		src = store_backup_dated(st, ctx->db_path, out, sizeof out, &entries);
	}
	char detail[SHOWN];
	text_sanitize(store_last_error(st), detail, sizeof detail);
	store_close(st);
	text_sanitize(out, shown, sizeof shown);
	if (src == STORE_EXISTS)
		return cli_bad_input("FILE", _("%s exists: a backup never replaces a file"), shown);
	if (src == STORE_CORRUPT)
		return cli_fail(_("the copy failed its check and was removed: %s"), detail);
	if (src != STORE_OK)
		return cli_store_error(src);
	printf(_("Backup written and checked: %s (%lld entries in its log)\n"), shown,
	       (long long)entries);
	return CLI_OK;
}

int cli_restore_main(const cli_ctx *ctx, int argc, char **argv)
{
	const char *file;
	int rc;
	if ((rc = cli_options("restore", argc, argv, cli_no_options)) != CLI_PARSED)
		return rc;
	if ((rc = cli_one_argument(argc, argv, "FILE", &file)) != CLI_OK)
		return rc;
	char shown[SHOWN], kept[STORE_PATH_MAX], detail[SHOWN];
	text_sanitize(file, shown, sizeof shown);
	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	int64_t entries = 0;
	store_rc src = store_restore(st, ctx->db_path, file, kept, sizeof kept, &entries);
	text_sanitize(store_last_error(st), detail, sizeof detail);
	store_close(st);
	if (src == STORE_NO_FILE)
		return cli_bad_input("FILE", _("%s: no such file"), shown);
	if (src == STORE_CORRUPT || src == STORE_NEWER)
		return cli_fail(_("%s fails its check, so nothing was restored: %s"), shown, detail);
	if (src != STORE_OK)
		return cli_store_error(src);
	char k[SHOWN];
	text_sanitize(kept, k, sizeof k);
	printf(_("Restored %s: %lld entries in its log.\n"), shown, (long long)entries);
	printf(_("The records it replaced are kept in %s.\n"), k);
	return CLI_OK;
}
