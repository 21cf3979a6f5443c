/* main(): global options, the environment that fixes today, the database
 * and the staff name, and dispatch to the subcommands of cli/. Without a
 * subcommand the desk screens open. */
#include "config.h"
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"
#include "tui/tui.h"

/* The usage lines of the contract, one per subcommand; --help prints them
 * all, `SUB --help` prints its own. Kept in English: they are syntax. */
static const struct {
	const char *sub;
	const char *usage;
} usages[] = {
	{ "", "optout-desk [--db PATH] [--today YYYY-MM-DD] [--staff NAME|LOGIN]"
	  " [--password-file FILE] [--lang ja|en]" },
	{ "", "optout-desk --keys    (the keys of the desk screens)" },
	{ "init", "optout-desk init --clinic NAME [--address TEXT] [--phone TEXT]"
	  " [--email TEXT] [--hours TEXT] [--url URL] [--national-url URL]"
	  " [--wait-months N] [--time-zone ZONE] [--number-width N]"
	  " [--admin LOGIN [--admin-name NAME] [--password-file FILE]]"
	  " [--backup-dir PATH] [--backup-keep N] [--idle-lock-minutes N]" },
	{ "patient", "optout-desk patient add --no N --name NAME --kana KANA"
	  " --birth DATE [--sex m|f|u] [--not-duplicate] [--request-id KEY]" },
	{ "patient", "optout-desk patient show N" },
	{ "patient", "optout-desk patient find TEXT" },
	{ "patient", "optout-desk patient set N (--unable-to-decide REASON |"
	  " --able | --died DATE) [--date DATE] [--confirm-backdated] [--request-id KEY]" },
	{ "patient", "optout-desk patient set N [--name NAME] [--kana KANA]"
	  " [--birth DATE] [--sex m|f|u] [--source TEXT] [--not-duplicate]"
	  " [--confirm-backdated] [--request-id KEY]" },
	{ "patient", "optout-desk patient merge FROM INTO --reason TEXT [--request-id KEY]" },
	{ "notice", "optout-desk notice N --date DATE"
	  " --to self|guardian|representative"
	  " [--recipient NAME --relationship REL] [--confirm-backdated] [--request-id KEY]" },
	{ "refuse", "optout-desk refuse N --date DATE"
	  " --by self|guardian|representative|bereaved"
	  " [--name NAME --relationship REL] --channel desk|phone|post|email"
	  " --id-check KIND [--delete-provided] [--note TEXT]"
	  " [--accept-mismatch] [--confirm-backdated] [--request-id KEY]" },
	{ "withdraw", "optout-desk withdraw N --date DATE"
	  " --by self|guardian|representative|bereaved"
	  " [--name NAME --relationship REL] --channel desk|phone|post|email"
	  " --id-check KIND [--delete-provided] [--note TEXT]"
	  " [--confirm-backdated] [--request-id KEY]" },
	{ "void", "optout-desk void REF|#N --reason TEXT [--confirm-backdated] [--request-id KEY]" },
	{ "status", "optout-desk status N [--as-of DATE]" },
	{ "eligible", "optout-desk eligible --as-of DATE" },
	{ "print", "optout-desk print notice|slip|receipt|poster [REF-or-N]"
	  " [--lang ja|en] [--large] [-o FILE [--force]] [--format pdf|png|escpos]"
	  " [--printer QUEUE] [--dpi N]" },
	{ "qr", "optout-desk qr [--format utf8|png|svg] [--ref REF] [-o FILE [--force]]"
	  " [--dpi N]" },
	{ "template", "optout-desk template status|check"
	  " | template accept (--material|--minor) [--note TEXT]" },
	{ "import", "optout-desk import patients FILE|- [--encoding utf-8|cp932|euc-jp]"
	  " [--format csv|orca] [--map COL=FIELD,...] [--report FILE] [--skip-invalid]"
	  " [--dry-run] [--confirm-backdated]" },
	{ "import", "optout-desk import visits FILE|- [--date DATE] [--encoding E]"
	  " [--map COL=FIELD,...] [--report FILE] [--skip-invalid] [--dry-run]" },
	{ "visits", "optout-desk visits [--date DATE] [--not-notified]" },
	{ "printer", "optout-desk printer [show] | printer set KIND QUEUE"
	  " | printer unset KIND | printer format KIND pdf|escpos"
	  " | printer outdir PATH|default" },
	{ "check", "optout-desk check --as-of DATE [FILE|-] [--format csv|json]"
	  " [--only-eligible]" },
	{ "operator", "optout-desk operator add --name NAME"
	  " --kind anonymized|pseudonymized [--address TEXT]"
	  " | operator list | operator retire ID" },
	{ "provide", "optout-desk provide --operator ID --date DATE [--items TEXT]"
	  " FILE|-" },
	{ "provisions", "optout-desk provisions [--from DATE] [--to DATE]"
	  " | provisions show ID" },
	{ "forwards", "optout-desk forwards [--pending]" },
	{ "forward", "optout-desk forward done ID --date DATE [--note TEXT]" },
	{ "export", "optout-desk export fhir [--since TIMESTAMP] [-o FILE [--force]]" },
	{ "export", "optout-desk export register [--from DATE] [--to DATE] --format csv|xlsx"
	  " [--encoding utf-8|cp932] [-o FILE [--force]]" },
	{ "export", "optout-desk export patients [--as-of DATE] --format csv|xlsx"
	  " [--encoding utf-8|cp932] [-o FILE [--force]]" },
	{ "staff", "optout-desk staff add LOGIN --name NAME --role clerk|admin|pipeline"
	  " [--password-file FILE]" },
	{ "staff", "optout-desk staff passwd LOGIN [--password-file FILE]"
	  " | staff disable LOGIN | staff list" },
	{ "verify", "optout-desk verify [--head | --witness HASH]" },
	{ "audit", "optout-desk audit [--patient N] [--staff LOGIN] [--from DATE] [--to DATE]" },
	{ "backup", "optout-desk backup [FILE]" },
	{ "restore", "optout-desk restore FILE" },
	{ "worklist", "optout-desk worklist not-notified|renotice|duplicates|forwards"
	  " [--date DATE] [--format csv|table]" },
	{ "report", "optout-desk report day [DATE] | report month [YYYY-MM] | report year [YYYY]"
	  " [--pdf FILE|-o FILE [--force]]" },
	{ "report", "optout-desk report day [DATE] --print [--printer QUEUE]"
	  " [--format pdf|escpos] [-o FILE [--force]]" },
};

void cli_usage(FILE *out, const char *sub)
{
	bool all = sub == NULL;

	fprintf(out, "%s\n", _("Usage:"));
	for (size_t i = 0; i < sizeof usages / sizeof usages[0]; i++)
		if (all || strcmp(usages[i].sub, sub) == 0)
			fprintf(out, "  %s\n", usages[i].usage);
	if (!all)
		return;
	fprintf(out, "\n  KIND: mynumber|license|insurance|passport|residence|other|none\n"
	        "  REL:  parent|guardian|spouse|child|grandchild|grandparent|sibling|other\n\n");
	fprintf(out, "%s\n", _("Dates: 2026-11-24, 2026/11/24, R8.11.24, S45.3.2 or 3450302."));
	fprintf(out, "%s\n", _("Exit status: 0 done, 2 bad input, 1 anything else."));
	fprintf(out, "%s\n", _("See optout-desk(1) for the details."));
}

/* ---- the language of the desk -------------------------------------------- */

/* Japanese unless someone chose otherwise: --lang, else a ja or en locale
 * named in LANGUAGE, LC_ALL, LC_MESSAGES or LANG (gettext's order; C,
 * C.UTF-8 and POSIX are what servers and containers default to, not a
 * choice, so they are passed over), else the clinic's setting `language`,
 * else Japanese. */
typedef enum desk_lang { LANG_NONE, LANG_JA, LANG_EN } desk_lang;

static desk_lang lang_word(const char *s, size_t n)
{
	if (n >= 2 && (n == 2 || strchr("_.@", s[2]) != NULL)) {
		if (strncmp(s, "ja", 2) == 0)
			return LANG_JA;
		if (strncmp(s, "en", 2) == 0)
			return LANG_EN;
	}
	return LANG_NONE;
}

static desk_lang lang_from_env(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		/* LANGUAGE is a list: its first ja or en entry. */
		while (v != NULL && *v != '\0') {
			size_t n = strcspn(v, ":");
			desk_lang l = lang_word(v, n);
			if (l != LANG_NONE)
				return l;
			if (i > 0)
				break;
			v += n + (v[n] == ':');
		}
	}
	return LANG_NONE;
}

static desk_lang lang_arg(const char *s)
{
	return strcmp(s, "ja") == 0 ? LANG_JA : strcmp(s, "en") == 0 ? LANG_EN : LANG_NONE;
}

/* The clinic's `language` setting, read without creating or changing the
 * database (none yet, or an empty file: no setting). */
static desk_lang lang_of_clinic(const char *db_path)
{
	struct stat sb;
	store *st = NULL;
	char value[16];
	desk_lang l = LANG_NONE;
	if (stat(db_path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size == 0)
		return LANG_NONE;
	if (store_open_mode(db_path, STORE_READ, &st) != STORE_OK)
		return LANG_NONE;
	if (store_setting_get(st, "language", value, sizeof value) == STORE_OK)
		l = lang_arg(value);
	store_close(st);
	return l;
}

static bool utf8_codeset(void)
{
	const char *cs = nl_langinfo(CODESET);
	return strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0;
}

/* Speaks l from the next message on, through gettext: LANGUAGE names the
 * catalogue (gettext reads it on every call; textdomain() drops what it
 * cached). Names and kana need a UTF-8 codeset whatever the language: under
 * plain C or POSIX the characters are read and drawn as C.UTF-8. */
static void lang_apply(desk_lang l)
{
	static const char *const utf8[] = { "C.UTF-8", "ja_JP.UTF-8", "en_US.UTF-8" };
	for (size_t i = 0; !utf8_codeset() && i < sizeof utf8 / sizeof utf8[0]; i++)
		setlocale(LC_CTYPE, utf8[i]);
	if (l == LANG_EN) {
		setenv("LANGUAGE", "en", 1);
	} else {
		setenv("LANGUAGE", "ja", 1);
		/* gettext ignores LANGUAGE while LC_MESSAGES is "C". */
		const char *m = setlocale(LC_MESSAGES, NULL);
		if (m == NULL || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0)
			if (setlocale(LC_MESSAGES, "ja_JP.UTF-8") == NULL)
				setlocale(LC_MESSAGES, "C.UTF-8");
	}
	textdomain(PACKAGE);
}

static bool lang_overridden;   /* --lang or the environment chose */

/* The settings screen changed the clinic's language: it applies at once
 * unless someone chose a language for this desk. */
static void lang_setting_changed(const char *value)
{
	desk_lang l = lang_arg(value);
	if (!lang_overridden && l != LANG_NONE)
		lang_apply(l);
}

/* Today in the default clinic zone until the store is open and says which
 * zone the clinic set (cli_open_mode); the server's own TZ never decides. */
static od_date today_from_clock(void)
{
	od_date d = { 1970, 1, 1 };
	date_today_in_zone((long long)time(NULL), STORE_TIME_ZONE_DEFAULT, &d);
	return d;
}

static bool staff_set(cli_ctx *ctx, const char *field, const char *name)
{
	text_err e = text_check(name, TEXT_NAME_MAX, true);

	if (e != TEXT_OK || strlen(name) >= sizeof ctx->staff) {
		cli_bad_input(field, "%s", _(text_err_message(e != TEXT_OK ? e : TEXT_TOO_LONG)));
		return false;
	}
	snprintf(ctx->staff, sizeof ctx->staff, "%s", name);
	return true;
}

/* Fills ctx from the options seen (NULL when absent) and the environment.
 * Returns CLI_OK or an exit code. */
static int ctx_fill(cli_ctx *ctx, const char *db, const char *today,
                    const char *staff, const char *pwfile)
{
	const char *env;

	if (pwfile == NULL && (env = getenv("OPTOUT_DESK_PASSWORD_FILE")) != NULL && *env != '\0')
		pwfile = env;
	if (pwfile != NULL) {
		if (*pwfile == '\0' || strlen(pwfile) >= sizeof ctx->password_file)
			return cli_bad_input("--password-file", "%s", _("give the path of a file whose first line is the password"));
		snprintf(ctx->password_file, sizeof ctx->password_file, "%s", pwfile);
	}

	if (db == NULL && (env = getenv("OPTOUT_DESK_DB")) != NULL && *env != '\0')
		db = env;
	if (db != NULL) {
		if (*db == '\0' || strlen(db) >= sizeof ctx->db_path)
			return cli_bad_input("--db", "%s", _("give the path of the database file"));
		snprintf(ctx->db_path, sizeof ctx->db_path, "%s", db);
	} else if (!store_default_path(ctx->db_path, sizeof ctx->db_path)) {
		return cli_fail("%s", _("no place for the database: set HOME or use --db"));
	}

	if (today != NULL) {
		if (!cli_parse_date("--today", today, &ctx->today))
			return CLI_BAD_INPUT;
		ctx->today_fixed = true;
	} else if ((env = getenv("OPTOUT_DESK_TODAY")) != NULL && *env != '\0') {
		if (!cli_parse_date("OPTOUT_DESK_TODAY", env, &ctx->today))
			return CLI_BAD_INPUT;
		ctx->today_fixed = true;
	} else {
		ctx->today = today_from_clock();
	}

	if (staff != NULL)
		return staff_set(ctx, "--staff", staff) ? CLI_OK : CLI_BAD_INPUT;
	if ((env = getenv("OPTOUT_DESK_STAFF")) != NULL && *env != '\0')
		return staff_set(ctx, "OPTOUT_DESK_STAFF", env) ? CLI_OK : CLI_BAD_INPUT;
	/* No Unix login: a receipt that says 受付者 root names nobody. */
	ctx->staff[0] = '\0';
	return CLI_OK;
}

static const struct {
	const char *name;
	int (*run)(const cli_ctx *ctx, int argc, char **argv);
} subcommands[] = {
	{ "init", cli_init_main },
	{ "patient", cli_patient_main },
	{ "notice", cli_notice_main },
	{ "refuse", cli_request_main },
	{ "withdraw", cli_request_main },
	{ "status", cli_status_main },
	{ "eligible", cli_eligible_main },
	{ "print", cli_print_main },
	{ "qr", cli_qr_main },
	{ "template", cli_template_main },
	{ "printer", cli_printer_main },
	{ "void", cli_void_main },
	{ "import", cli_import_main },
	{ "visits", cli_visits_main },
	{ "check", cli_check_main },
	{ "operator", cli_operator_main },
	{ "provide", cli_provide_main },
	{ "provisions", cli_provisions_main },
	{ "forwards", cli_forwards_main },
	{ "forward", cli_forward_main },
	{ "export", cli_export_main },
	{ "staff", cli_staff_main },
	{ "verify", cli_verify_main },
	{ "audit", cli_audit_main },
	{ "backup", cli_backup_main },
	{ "restore", cli_restore_main },
	{ "worklist", cli_worklist_main },
	{ "report", cli_report_main },
};

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "today", required_argument, NULL, 't' },
		{ "staff", required_argument, NULL, 's' },
		{ "password-file", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "keys", optional_argument, NULL, 'k' },
		{ "lang", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *today = NULL, *staff = NULL, *pwfile = NULL;
	const char *dir;
	cli_ctx ctx;
	int c, rc;

	setlocale(LC_ALL, "");
	dir = getenv("OPTOUT_DESK_LOCALEDIR");
	bindtextdomain(PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	desk_lang chosen = lang_from_env();
	lang_apply(chosen);

	opterr = 0;
	/* "+": stop at the subcommand, whose options are its own. */
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 't': today = optarg; break;
		case 's': staff = optarg; break;
		case 'p': pwfile = optarg; break;
		case 'L':
			/* At once, so that what follows speaks it. */
			chosen = lang_arg(optarg);
			if (chosen == LANG_NONE)
				return cli_bad_input("--lang", "%s", _("use ja or en"));
			lang_apply(chosen);
			break;
		case 'h': cli_usage(stdout, NULL); return CLI_OK;
		case 'V': printf("%s %s\n", PACKAGE, VERSION); return CLI_OK;
		case 'k':
			/* The desk's keys from its action table; --keys=roff is
			 * how the build writes them into the man page. */
			if (optarg != NULL && strcmp(optarg, "roff") != 0)
				return cli_bad_input("--keys", "%s", _("use --keys or --keys=roff"));
			tui_keys_print(stdout, optarg != NULL);
			return CLI_OK;
		default: return cli_option_error(c, argv);
		}
	}

	lang_overridden = chosen != LANG_NONE;

	memset(&ctx, 0, sizeof ctx);
	rc = ctx_fill(&ctx, db, today, staff, pwfile);
	if (rc != CLI_OK)
		return rc;
	if (!lang_overridden) {
		desk_lang clinic = lang_of_clinic(ctx.db_path);
		if (clinic != LANG_NONE)
			lang_apply(clinic);
	}

	if (optind >= argc) {
		tui_options t = { .db_path = ctx.db_path, .today = ctx.today,
		                  .today_fixed = ctx.today_fixed, .staff = ctx.staff,
		                  .language_changed = lang_setting_changed };
		return tui_run(&t);
	}

	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++) {
		if (strcmp(argv[optind], subcommands[i].name) == 0) {
			char **sub_argv = argv + optind;
			int sub_argc = argc - optind;
			if ((rc = cli_signin(&ctx, sub_argc, sub_argv)) != CLI_OK)
				return rc;
			optind = 0;    /* glibc: start afresh on the subcommand's argv */
			return subcommands[i].run(&ctx, sub_argc, sub_argv);
		}
	}
	/* The words come from the table, so the message never falls behind. */
	char shown[256], words[1024] = "";
	text_sanitize(argv[optind], shown, sizeof shown);
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++) {
		if (i > 0)
			strncat(words, ", ", sizeof words - strlen(words) - 1);
		strncat(words, subcommands[i].name, sizeof words - strlen(words) - 1);
	}
	return cli_bad_input(_("command"), _("\"%s\": use one of: %s"), shown, words);
}
