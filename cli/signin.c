/* Signing in on the command line (issue 11): once any staff exist, every
 * subcommand (but the few the role table lets run without) needs --staff
 * LOGIN and that person's password, and the role table says whether their
 * role may run it. Without staff (a fresh install) nothing changes. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sodium.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"

static bool read_line(FILE *f, char *out, size_t outsz)
{
	if (fgets(out, (int)outsz, f) == NULL)
		return false;
	size_t n = strlen(out);
	bool whole = n > 0 && out[n - 1] == '\n';
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	/* A line longer than the buffer is not silently cut into another
	 * password. */
	return whole || feof(f) || n + 1 < outsz;
}

static bool ask_tty(const char *prompt, char *out, size_t outsz)
{
	FILE *tty = fopen("/dev/tty", "r+");
	if (tty == NULL)
		return false;
	struct termios old, quiet;
	bool have = tcgetattr(fileno(tty), &old) == 0;
	if (have) {
		quiet = old;
		quiet.c_lflag &= (tcflag_t)~(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	}
	fprintf(tty, "%s", prompt);
	fflush(tty);
	bool ok = read_line(tty, out, outsz);
	if (have)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	return ok;
}

bool cli_read_password(const char *file, const char *prompt, bool confirm,
                       char *out, size_t outsz)
{
	out[0] = '\0';
	if (file != NULL && *file != '\0') {
		FILE *f = fopen(file, "r");
		char shown[1024];
		text_sanitize(file, shown, sizeof shown);
		if (f == NULL) {
			cli_bad_input("--password-file", "%s: %s", shown, strerror(errno));
			return false;
		}
		bool ok = read_line(f, out, outsz);
		fclose(f);
		if (!ok) {
			cli_bad_input("--password-file", _("%s: the first line is the password (at most %d bytes)"),
			              shown, STORE_PASSWORD_MAX);
			return false;
		}
		return true;
	}
	if (!isatty(STDIN_FILENO) || !ask_tty(prompt, out, outsz)) {
		cli_fail("%s", _("not signed in: no terminal to ask the password on; use --password-file FILE or OPTOUT_DESK_PASSWORD_FILE"));
		return false;
	}
	if (confirm) {
		char again[STORE_PASSWORD_MAX + 2];
		if (!ask_tty(_("Again: "), again, sizeof again) || strcmp(again, out) != 0) {
			sodium_memzero(again, sizeof again);
			cli_bad_input(_("password"), "%s", _("the two passwords typed differ"));
			return false;
		}
		sodium_memzero(again, sizeof again);
	}
	return true;
}

int cli_log_access(const cli_ctx *ctx, store *st, int64_t patient_id, const char *what)
{
	/* Without staff too (issue 11): the entry then names the --staff
	 * name, or nobody (cli_open_mode set the actor). */
	(void)ctx;
	store_rc rc = store_audit_access(st, patient_id, what);
	return rc == STORE_OK ? CLI_OK : cli_store_error(rc);
}

static void warn_permissions(const cli_ctx *ctx)
{
	char where[STORE_PATH_MAX + 16], shown[STORE_PATH_MAX * 2];
	if (!store_permissions_open(ctx->db_path, where, sizeof where))
		return;
	text_sanitize(where, shown, sizeof shown);
	fprintf(stderr, _("%s: warning: %s can be read or written by other users of this computer; make it private (chmod go-rwx)\n"),
	        PACKAGE, shown);
}

int cli_signin(cli_ctx *ctx, int argc, char **argv)
{
	const char *cmd = argv[0];
	const char *action = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return CLI_OK;   /* usage only: nothing read */

	store *st = NULL;
	/* No database yet: the subcommand says so (or init makes one). */
	if (store_open_mode(ctx->db_path, STORE_READ, &st) != STORE_OK)
		return CLI_OK;
	warn_permissions(ctx);
	const role_rule *rule = roles_rule(cmd, action);
	if (!store_staff_any(st) || (rule != NULL && rule->no_signin)) {
		store_close(st);
		return CLI_OK;
	}
	if (ctx->staff[0] == '\0' || !store_login_valid(ctx->staff)) {
		store_close(st);
		return cli_fail("%s", _("not signed in: staff are set up, so give --staff LOGIN (or OPTOUT_DESK_STAFF) and the password"));
	}
	char login[STORE_LOGIN_SIZE], pw[STORE_PASSWORD_MAX + 2];
	memcpy(login, ctx->staff, strlen(ctx->staff) + 1);   /* valid: < 33 bytes */
	char prompt[128];
	snprintf(prompt, sizeof prompt, _("Password for %s: "), login);
	if (!cli_read_password(ctx->password_file, prompt, false, pw, sizeof pw)) {
		store_close(st);
		return CLI_FAIL;
	}
	if (ctx->today_fixed)
		store_set_today(st, ctx->today);
	store_set_actor(st, login);
	staff_rec who;
	long wait = 0;
	store_rc rc = store_staff_signin(st, login, pw, &who, &wait);
	sodium_memzero(pw, sizeof pw);
	store_close(st);
	if (rc == STORE_LOCKED)
		return cli_fail(_("not signed in: too many wrong passwords for %s; try again in %ld seconds (or an administrator sets a new password)"),
		                login, wait);
	if (rc == STORE_DENIED)
		return cli_fail("%s", _("not signed in: the login or the password is wrong, or the login is disabled"));
	if (rc != STORE_OK)
		return cli_store_error(rc);
	if (!roles_allow(who.role, cmd, action)) {
		char what[128];
		const role_rule *r = roles_rule(cmd, action);
		bool with_action = r != NULL && r->action != NULL;
		snprintf(what, sizeof what, "%s%s%s", cmd, with_action ? " " : "",
		         with_action ? r->action : "");
		return cli_fail(_("not allowed: %s (%s) may not run `%s`"), login,
		                _(role_label(who.role)), what);
	}
	snprintf(ctx->login, sizeof ctx->login, "%s", who.login);
	snprintf(ctx->staff, sizeof ctx->staff, "%s", who.name);
	ctx->role = who.role;
	return CLI_OK;
}
