/* `init`: the clinic settings that the notice names (contacts, hours, the
 * web pages, the waiting period) and the first notice version. Safe to run
 * again: later runs change only the settings given. */
#include "config.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"
#include "print/print.h"
#include <sodium.h>

/* As store/settings.c accepts. */
#define WAIT_MONTHS_MAX 24

/* A text option that must fit its settings field byte for byte. */
static bool field_set(const char *opt, const char *value, size_t max_chars,
                      bool required, char *dst, size_t dstsz)
{
	if (value == NULL)
		return true;
	if (!cli_check_text(opt, value, max_chars, required))
		return false;
	if (strlen(value) >= dstsz) {
		cli_bad_input(opt, "%s", _(text_err_message(TEXT_TOO_LONG)));
		return false;
	}
	snprintf(dst, dstsz, "%s", value);
	return true;
}

int cli_init_main(const cli_ctx *ctx, int argc, char **argv)
{
	const char *clinic = NULL, *address = NULL, *phone = NULL, *email = NULL;
	const char *hours = NULL, *url = NULL, *national = NULL, *wait = NULL;
	const char *zone = NULL, *width = NULL;
	const char *admin = NULL, *admin_name = NULL, *pwfile = NULL;
	const char *backup_dir = NULL, *backup_keep = NULL, *idle = NULL;
	clinic_settings cs;
	int wait_months = 0, rc;
	const cli_opt opts[] = {
		{ .name = "clinic", .kind = CLI_TEXT, .out = &clinic },
		{ .name = "address", .kind = CLI_TEXT, .out = &address },
		{ .name = "phone", .kind = CLI_TEXT, .out = &phone },
		{ .name = "email", .kind = CLI_TEXT, .out = &email },
		{ .name = "hours", .kind = CLI_TEXT, .out = &hours },
		{ .name = "url", .kind = CLI_TEXT, .out = &url },
		{ .name = "national-url", .kind = CLI_TEXT, .out = &national },
		{ .name = "wait-months", .kind = CLI_TEXT, .out = &wait },
		{ .name = "time-zone", .kind = CLI_TEXT, .out = &zone },
		{ .name = "number-width", .kind = CLI_TEXT, .out = &width },
		{ .name = "admin", .kind = CLI_TEXT, .out = &admin },
		{ .name = "admin-name", .kind = CLI_TEXT, .out = &admin_name },
		{ .name = "password-file", .kind = CLI_TEXT, .out = &pwfile },
		{ .name = "backup-dir", .kind = CLI_TEXT, .out = &backup_dir },
		{ .name = "backup-keep", .kind = CLI_TEXT, .out = &backup_keep },
		{ .name = "idle-lock-minutes", .kind = CLI_TEXT, .out = &idle },
		{ .name = NULL },
	};

	if ((rc = cli_options("init", argc, argv, opts)) != CLI_PARSED ||
	    (rc = cli_no_argument(argc, argv)) != CLI_OK)
		return rc;

	/* Check everything before touching the database. */
	memset(&cs, 0, sizeof cs);
	/* The limits are the store's (store/settings.c). */
	if (!field_set("--clinic", clinic, TEXT_NAME_MAX * 2, true, cs.name, sizeof cs.name) ||
	    !field_set("--address", address, TEXT_FIELD_MAX, false, cs.address, sizeof cs.address) ||
	    !field_set("--phone", phone, 40, false, cs.phone, sizeof cs.phone) ||
	    !field_set("--email", email, TEXT_FIELD_MAX, false, cs.email, sizeof cs.email) ||
	    !field_set("--hours", hours, TEXT_FIELD_MAX, false, cs.hours, sizeof cs.hours) ||
	    !field_set("--url", url, STORE_URL_MAX - 1, false, cs.notice_url, sizeof cs.notice_url) ||
	    !field_set("--national-url", national, STORE_URL_MAX - 1, false,
	               cs.national_url, sizeof cs.national_url))
		return CLI_BAD_INPUT;
	if (email != NULL && *email != '\0' && !text_email_ok(email))
		return cli_bad_input("--email", "%s", _("use an address such as desk@example.jp"));
	const char *why = NULL;
	if (url != NULL && *url != '\0' && !print_url_check(url, &why))
		return cli_bad_input("--url", "%s", _(why));
	if (national != NULL && *national != '\0' && !print_url_check(national, &why))
		return cli_bad_input("--national-url", "%s", _(why));
	if (wait != NULL) {
		char *end;
		long v = strtol(wait, &end, 10);
		if (end == wait || *end != '\0' || v < 1 || v > WAIT_MONTHS_MAX) {
			char shown[256];
			text_sanitize(wait, shown, sizeof shown);
			return cli_bad_input("--wait-months", _("\"%s\": use a whole number of months from 1 to %d"), shown, WAIT_MONTHS_MAX);
		}
		wait_months = (int)v;
	}

	if (zone != NULL && !date_zone_valid(zone)) {
		char shown[256];
		text_sanitize(zone, shown, sizeof shown);
		return cli_bad_input("--time-zone", _("\"%s\": use a time zone name such as Asia/Tokyo"), shown);
	}
	if (width != NULL) {
		char *end;
		long v = strtol(width, &end, 10);
		if (end == width || *end != '\0' || v < 0 || v >= STORE_NUMBER_SIZE) {
			char shown[256];
			text_sanitize(width, shown, sizeof shown);
			return cli_bad_input("--number-width", _("\"%s\": use 0 (no padding) or the receipt computer's number width, up to %d"),
			                     shown, STORE_NUMBER_SIZE - 1);
		}
	}

	/* issue 11: the first administrator and the settings of backups and
	 * of the lock screen. */
	staff_rec first;
	char pw[STORE_PASSWORD_MAX + 2] = "";
	memset(&first, 0, sizeof first);
	if (admin_name != NULL && admin == NULL)
		return cli_bad_input("--admin-name", "%s", _("only with --admin LOGIN"));
	if (admin != NULL) {
		if (!store_login_valid(admin))
			return cli_bad_input("--admin", "%s", _("use 1 to 32 of a-z, 0-9, dot, underscore or hyphen"));
		if (admin_name != NULL && !cli_check_text("--admin-name", admin_name, TEXT_NAME_MAX, true))
			return CLI_BAD_INPUT;
		snprintf(first.login, sizeof first.login, "%s", admin);
		snprintf(first.name, sizeof first.name, "%s", admin_name != NULL ? admin_name : admin);
		first.role = ROLE_ADMIN;
	}
	if (backup_dir != NULL && (*backup_dir != '/' || strlen(backup_dir) >= STORE_NOTE_SIZE))
		return cli_bad_input("--backup-dir", "%s", _("give an absolute path (a folder on another disk is best)"));
	if (backup_keep != NULL) {
		char *end;
		long v = strtol(backup_keep, &end, 10);
		if (end == backup_keep || *end != '\0' || v < 1 || v > 1000)
			return cli_bad_input("--backup-keep", "%s", _("use a whole number of backups to keep, from 1 to 1000"));
	}
	if (idle != NULL) {
		char *end;
		long v = strtol(idle, &end, 10);
		if (end == idle || *end != '\0' || v < 1 || v > 240)
			return cli_bad_input("--idle-lock-minutes", "%s", _("use a whole number of minutes from 1 to 240"));
	}

	/* Only init creates a database, and only the first one, with the
	 * clinic's name: a mistyped --db elsewhere never makes an empty one. */
	store *st = NULL;
	if (store_open_mode(ctx->db_path, STORE_WRITE, &st) == STORE_NO_FILE) {
		if (clinic == NULL)
			return cli_bad_input("--clinic", "%s", _("missing (the first `init` needs the clinic's name)"));
		st = cli_open_mode(ctx, STORE_CREATE);
	} else {
		store_close(st);
		st = cli_open_mode(ctx, STORE_WRITE);
	}
	if (st == NULL)
		return CLI_FAIL;
	clinic_settings cur;
	memset(&cur, 0, sizeof cur);
	if (store_initialized(st)) {
		store_rc src = store_clinic_get(st, &cur);
		if (src != STORE_OK) {
			store_close(st);
			return cli_store_error(src);
		}
	} else if (clinic == NULL) {
		store_close(st);
		return cli_bad_input("--clinic", "%s", _("missing (the first `init` needs the clinic's name)"));
	}
	/* Overlay what was given on what is saved. */
	if (clinic != NULL) memcpy(cur.name, cs.name, sizeof cur.name);
	if (address != NULL) memcpy(cur.address, cs.address, sizeof cur.address);
	if (phone != NULL) memcpy(cur.phone, cs.phone, sizeof cur.phone);
	if (email != NULL) memcpy(cur.email, cs.email, sizeof cur.email);
	if (hours != NULL) memcpy(cur.hours, cs.hours, sizeof cur.hours);
	if (url != NULL) memcpy(cur.notice_url, cs.notice_url, sizeof cur.notice_url);
	if (national != NULL) memcpy(cur.national_url, cs.national_url, sizeof cur.national_url);
	if (wait_months > 0) cur.wait_months = wait_months;
	if (cur.wait_months < 1) cur.wait_months = 1;
	if (cur.retention_years < 3) cur.retention_years = 3;

	if (admin != NULL && store_staff_any(st)) {
		store_close(st);
		return cli_bad_input("--admin", "%s", _("staff are already set up: add people with `optout-desk staff add`"));
	}
	if (admin != NULL) {
		char prompt[128];
		snprintf(prompt, sizeof prompt, _("New password for %s: "), admin);
		if (!cli_read_password(pwfile != NULL ? pwfile : ctx->password_file, prompt, true,
		                       pw, sizeof pw)) {
			store_close(st);
			return CLI_BAD_INPUT;
		}
		if (strlen(pw) < STORE_PASSWORD_MIN) {
			store_close(st);
			sodium_memzero(pw, sizeof pw);
			return cli_bad_input("--password-file", _("use %d to %d characters"),
			                     STORE_PASSWORD_MIN, STORE_PASSWORD_MAX);
		}
	}
	store_rc src = store_clinic_set(st, &cur);
	if (src == STORE_OK && backup_dir != NULL)
		src = store_setting_set(st, "backup_dir", backup_dir);
	if (src == STORE_OK && backup_keep != NULL)
		src = store_setting_set(st, "backup_keep", backup_keep);
	if (src == STORE_OK && idle != NULL)
		src = store_setting_set(st, "idle_lock_minutes", idle);
	if (src == STORE_OK && admin != NULL)
		src = store_staff_add(st, &first, pw);
	sodium_memzero(pw, sizeof pw);
	if (src == STORE_OK && zone != NULL)
		src = store_setting_set(st, "time_zone", zone);
	if (src == STORE_OK && width != NULL)
		src = store_setting_set(st, "patient_number_width", width);
	if (src != STORE_OK) {
		store_close(st);
		return cli_store_error(src);
	}

	/* The notice items as the shipped (or the clinic's) notice template
	 * and these settings make them: version 1 on the first run. */
	char hash[PRINT_HASH_SIZE], msg[512];
	notice_version ver;
	int64_t material = 0, id = 0;
	bool created = false;
	print_context pc;
	src = print_context_load(st, &pc);
	if (src != STORE_OK) {
		store_close(st);
		return cli_store_error(src);
	}
	bool hashed = print_context_hash(&pc, hash, msg, sizeof msg);
	print_context_free(&pc);
	if (!hashed) {
		store_close(st);
		return cli_fail("%s", msg);
	}
	src = store_notice_version_current(st, &ver, &material);
	if (src == STORE_NOT_FOUND)
		src = store_notice_version_add(st, hash, true, "init", &id, &created);
	store_close(st);
	if (src != STORE_OK)
		return cli_store_error(src);

	printf("%s\n", _("Clinic settings saved."));
	if (admin != NULL)
		printf(_("Administrator %s added: from now on everyone signs in.\n"), admin);
	if (created)
		printf(_("Notice version %lld created.\n"), (long long)id);
	else if (strcmp(ver.hash, hash) != 0)
		/* Whether a change is material is for the clinic to decide (it
		 * may need a new notice to every patient), so init never does. */
		fprintf(stderr, "%s: %s\n", PACKAGE,
		        _("the notice items changed; record the new version with `optout-desk template accept --material` (every patient must be notified again) or `--minor`"));
	return CLI_OK;
}
