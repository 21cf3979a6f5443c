/* `staff add | passwd | disable | list` (issue 11): the people who sign
 * in. Passwords come from the subcommand's own --password-file (the global
 * one is the signed-in administrator's) or the terminal, typed twice. */
#include "config.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"

static int staff_usage_error(void)
{
	cli_usage(stderr, "staff");
	return cli_bad_input(_("command"), "%s", _("use staff add, staff passwd, staff disable or staff list"));
}

static bool login_ok(const char *login)
{
	if (store_login_valid(login))
		return true;
	char shown[256];
	text_sanitize(login != NULL ? login : "", shown, sizeof shown);
	cli_bad_input(_("login"), _("\"%s\": use 1 to 32 of a-z, 0-9, dot, underscore or hyphen"), shown);
	return false;
}

/* A new password: from --password-file, else typed twice. */
static bool new_password(const char *file, const char *login, char *out, size_t outsz)
{
	char prompt[128];
	snprintf(prompt, sizeof prompt, _("New password for %s: "), login);
	if (!cli_read_password(file, prompt, true, out, outsz))
		return false;
	size_t n = strlen(out);
	if (n < STORE_PASSWORD_MIN || n > STORE_PASSWORD_MAX) {
		cli_bad_input(file != NULL ? "--password-file" : _("password"),
		              _("use %d to %d characters"), STORE_PASSWORD_MIN, STORE_PASSWORD_MAX);
		return false;
	}
	return true;
}

/* Parses [--password-file FILE] (and --name/--role for add) after the
 * action word and the login. */
typedef struct staff_opts {
	const char *name, *role, *pwfile, *login;
} staff_opts;

static int parse(int argc, char **argv, bool add, staff_opts *o)
{
	/* name and role are for `staff add` only. */
	const cli_opt opts[] = {
		{ .name = "name", .kind = CLI_TEXT, .out = &o->name },
		{ .name = "role", .kind = CLI_TEXT, .out = &o->role },
		{ .name = "password-file", .kind = CLI_TEXT, .out = &o->pwfile },
		{ .name = NULL },
	};
	memset(o, 0, sizeof *o);
	int rc = cli_options("staff", argc, argv, add ? opts : opts + 2);
	if (rc != CLI_PARSED)
		return rc == CLI_OK ? -1 : rc;   /* -1: --help was answered */
	rc = cli_one_argument(argc, argv, _("login"), &o->login);
	if (rc != CLI_OK)
		return rc;
	return login_ok(o->login) ? CLI_OK : CLI_BAD_INPUT;
}

static int staff_add(const cli_ctx *ctx, int argc, char **argv)
{
	staff_opts o;
	staff_rec s;
	int rc = parse(argc, argv, true, &o);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	memset(&s, 0, sizeof s);
	if (o.name == NULL)
		return cli_bad_input("--name", "%s", _("missing: the name printed on records and receipts"));
	if (!cli_check_text("--name", o.name, TEXT_NAME_MAX, true))
		return CLI_BAD_INPUT;
	if (o.role == NULL || !role_parse(o.role, &s.role))
		return cli_bad_input("--role", "%s", _("use clerk, admin or pipeline"));
	snprintf(s.login, sizeof s.login, "%s", o.login);
	snprintf(s.name, sizeof s.name, "%s", o.name);

	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	if (!store_staff_any(st)) {
		store_close(st);
		return cli_fail("%s", _("no staff are set up yet: create the first administrator with `optout-desk init --admin LOGIN`"));
	}
	char pw[STORE_PASSWORD_MAX + 2];
	if (!new_password(o.pwfile, s.login, pw, sizeof pw)) {
		store_close(st);
		return CLI_BAD_INPUT;
	}
	store_rc src = store_staff_add(st, &s, pw);
	sodium_memzero(pw, sizeof pw);
	store_close(st);
	if (src == STORE_EXISTS)
		return cli_bad_input(_("login"), _("\"%s\" is already taken"), s.login);
	if (src != STORE_OK)
		return cli_store_error(src);
	char name[STORE_STAFF_SIZE * 4];
	text_sanitize(s.name, name, sizeof name);
	printf(_("Added %s (%s, %s).\n"), s.login, name, _(role_label(s.role)));
	return CLI_OK;
}

static int staff_passwd(const cli_ctx *ctx, int argc, char **argv)
{
	staff_opts o;
	int rc = parse(argc, argv, false, &o);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	/* One's own password, or anyone's by an administrator. */
	if (ctx->login[0] != '\0' && ctx->role != ROLE_ADMIN && strcmp(ctx->login, o.login) != 0)
		return cli_fail(_("not allowed: only an administrator sets another person's password"));
	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	staff_rec s;
	store_rc src = store_staff_get(st, o.login, &s);
	if (src == STORE_NOT_FOUND) {
		store_close(st);
		return cli_bad_input(_("login"), _("\"%s\": no such staff"), o.login);
	}
	char pw[STORE_PASSWORD_MAX + 2];
	if (src == STORE_OK && !new_password(o.pwfile, o.login, pw, sizeof pw)) {
		store_close(st);
		return CLI_BAD_INPUT;
	}
	if (src == STORE_OK)
		src = store_staff_passwd(st, o.login, pw);
	sodium_memzero(pw, sizeof pw);
	store_close(st);
	if (src != STORE_OK)
		return cli_store_error(src);
	printf(_("New password set for %s.\n"), o.login);
	return CLI_OK;
}

typedef struct admins {
	int active;
} admins;

static bool count_admin(const staff_rec *s, void *vctx)
{
	admins *a = vctx;
	if (s->active && s->role == ROLE_ADMIN)
		a->active++;
	return true;
}

static int staff_disable(const cli_ctx *ctx, int argc, char **argv)
{
	staff_opts o;
	int rc = parse(argc, argv, false, &o);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	staff_rec s;
	admins a = { 0 };
	store_rc src = store_staff_get(st, o.login, &s);
	if (src == STORE_NOT_FOUND) {
		store_close(st);
		return cli_bad_input(_("login"), _("\"%s\": no such staff"), o.login);
	}
	if (src == STORE_OK)
		src = store_staff_list(st, count_admin, &a);
	/* Nobody could manage staff any more. */
	if (src == STORE_OK && s.active && s.role == ROLE_ADMIN && a.active <= 1) {
		store_close(st);
		return cli_bad_input(_("login"), _("\"%s\" is the last administrator: add another one first"), o.login);
	}
	if (src == STORE_OK)
		src = store_staff_disable(st, o.login);
	store_close(st);
	if (src != STORE_OK)
		return cli_store_error(src);
	printf(_("Disabled %s: they can no longer sign in. Their records keep their name.\n"), o.login);
	return CLI_OK;
}

static bool print_staff(const staff_rec *s, void *vctx)
{
	char name[STORE_STAFF_SIZE * 4];
	(void)vctx;
	text_sanitize(s->name, name, sizeof name);
	const char *state = !s->active ? "disabled"
	                    : s->locked_until > (long long)time(NULL) ? "locked" : "active";
	printf("%s\t%s\t%s\t%s\n", s->login, name, role_word(s->role), state);
	return true;
}

static int staff_list(const cli_ctx *ctx, int argc, char **argv)
{
	if (argc > 1)
		return cli_bad_input(argv[1], "%s", _("unexpected argument"));
	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	store_rc src = store_staff_list(st, print_staff, NULL);
	store_close(st);
	return src == STORE_OK ? CLI_OK : cli_store_error(src);
}

int cli_staff_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(const cli_ctx *, int, char **);
	} actions[] = {
		{ "add", staff_add }, { "passwd", staff_passwd },
		{ "disable", staff_disable }, { "list", staff_list },
	};
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		cli_usage(stdout, "staff");
		return CLI_OK;
	}
	for (size_t i = 0; argc >= 2 && i < sizeof actions / sizeof actions[0]; i++)
		if (strcmp(argv[1], actions[i].name) == 0)
			return actions[i].run(ctx, argc - 1, argv + 1);
	return staff_usage_error();
}
