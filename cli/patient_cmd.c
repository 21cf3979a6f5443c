/* `patient add | show | find | set`: registering patients, reading one
 * with its history, searching, and the unable-to-decide and death events. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cli_show.h"
#include "core/age.h"
#include "core/i18n.h"
#include "core/query.h"
#include "core/text.h"

#define FIND_LIMIT 200

/* Patient numbers are what the clinic's own system prints: letters,
 * digits and hyphens, so they survive every script and barcode. */
static int patient_add(const cli_ctx *ctx, int argc, char **argv)
{
	const char *no = NULL, *name = NULL, *kana = NULL, *sex = NULL;
	const char *reqid = NULL, *first;
	bool not_duplicate = false;
	patient p;
	int rc;

	memset(&p, 0, sizeof p);
	const cli_opt opts[] = {
		{ .name = "no", .kind = CLI_TEXT, .out = &no, .required = true },
		{ .name = "name", .kind = CLI_TEXT, .out = &name, .required = true },
		{ .name = "kana", .kind = CLI_TEXT, .out = &kana, .required = true },
		{ .name = "birth", .kind = CLI_DATE, .out = &p.birth, .required = true },
		{ .name = "sex", .kind = CLI_TEXT, .out = &sex },
		{ .name = "not-duplicate", .kind = CLI_FLAG, .out = &not_duplicate },
		{ .name = "request-id", .kind = CLI_TEXT, .out = &reqid },
		{ .name = NULL },
	};
	if ((rc = cli_options("patient", argc, argv, opts)) != CLI_PARSED)
		return rc;
	if ((rc = cli_no_argument(argc, argv)) != CLI_OK)
		return rc;
	{
		char norm[STORE_NUMBER_SIZE];
		if (!text_number_normalize(no, 0, norm, sizeof norm)) {
			char shown[256];
			text_sanitize(no, shown, sizeof shown);
			return cli_bad_input("--no", _("\"%s\": use up to 31 letters, digits or hyphens"), shown);
		}
	}
	if (!cli_check_text("--name", name, TEXT_NAME_MAX, true))
		return CLI_BAD_INPUT;
	if (!cli_check_kana("--kana", kana, TEXT_NAME_MAX, true))
		return CLI_BAD_INPUT;
	if (date_cmp(p.birth, ctx->today) > 0) {
		char iso[DATE_ISO_SIZE];
		date_format_iso(p.birth, iso);
		return cli_bad_input("--birth", _("\"%s\" is after today"), iso);
	}
	p.sex = 'u';
	if (sex != NULL) {
		if ((strcmp(sex, "m") != 0 && strcmp(sex, "f") != 0 && strcmp(sex, "u") != 0)) {
			char shown[256];
			text_sanitize(sex, shown, sizeof shown);
			return cli_bad_input("--sex", _("\"%s\": use one of: %s"), shown, "m, f, u");
		}
		p.sex = sex[0];
	}
	snprintf(p.number, sizeof p.number, "%s", no);
	snprintf(p.name, sizeof p.name, "%s", name);
	snprintf(p.kana, sizeof p.kana, "%s", kana);
	p.birth_known = true;

	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	int ret = cli_request_id(st, reqid, "patient-add", no, &first);
	if (ret != CLI_OK) {
		store_close(st);
		return ret;
	}
	store_rc src = STORE_OK;
	if (first == NULL)
		src = store_patient_add_checked(st, &p, not_duplicate, ctx->staff);
	if (src == STORE_REPLAYED) {
		first = cli_replayed(st);
		src = STORE_OK;
	}
	if (first != NULL)
		snprintf(p.number, sizeof p.number, "%s", first);
	if (src == STORE_DUPLICATE) {
		ret = cli_similar_refused(st, &p);
		store_close(st);
		return ret;
	}
	if (src == STORE_FUTURE) {
		ret = cli_store_refused(st, src, "--birth");
		store_close(st);
		return ret;
	}
	store_close(st);
	if (src == STORE_EXISTS) {
		char shown[STORE_NUMBER_SIZE * 4];
		text_sanitize(p.number, shown, sizeof shown);
		return cli_bad_input("--no", _("\"%s\": a patient with this number is already registered"), shown);
	}
	if (src != STORE_OK)
		return cli_store_error(src);
	printf(_("Patient %s registered.\n"), p.number);
	return CLI_OK;
}

static const char *sex_label(char sex)
{
	switch (sex) {
	case 'm': return _("male");
	case 'f': return _("female");
	default: return _("not recorded");
	}
}

static int patient_show(const cli_ctx *ctx, int argc, char **argv)
{
	const char *number;
	char buf[STORE_NAME_SIZE * 4], iso[DATE_ISO_SIZE], era[DATE_ERA_SIZE];
	char line[CLI_STATUS_LINE_SIZE];
	patient p;
	elig_result res;
	int rc;

	if ((rc = cli_options("patient", argc, argv, cli_no_options)) != CLI_PARSED)
		return rc;
	if ((rc = cli_one_argument(argc, argv, _("patient number"), &number)) != CLI_OK)
		return rc;

	store *st = cli_open_read(ctx);
	if (st == NULL)
		return CLI_FAIL;
	if ((rc = cli_find_patient(st, number, &p)) != CLI_OK ||
	    (rc = cli_log_access(ctx, st, p.id, "patient show")) != CLI_OK) {
		store_close(st);
		return rc;
	}

	text_sanitize(p.number, buf, sizeof buf);
	printf("%s: %s\n", _("Patient number"), buf);
	text_sanitize(p.name, buf, sizeof buf);
	printf("%s: %s\n", _("Name"), buf);
	text_sanitize(p.kana, buf, sizeof buf);
	printf("%s: %s\n", _("Kana"), buf);
	if (p.birth_known) {
		date_format_iso(p.birth, iso);
		if (!date_format_era(p.birth, era, sizeof era))
			era[0] = '\0';
		int age = age_years(p.birth, ctx->today);
		printf("%s: %s", _("Birth date"), iso);
		if (era[0] != '\0')
			printf(" (%s)", era);
		if (age >= 0)
			printf(P_(", %d year old", ", %d years old", age), age);
		putchar('\n');
	} else {
		printf("%s: %s\n", _("Birth date"), _("not known"));
	}
	printf("%s: %s\n", _("Sex"), sex_label(p.sex));
	if (p.died) {
		date_format_iso(p.death, iso);
		printf("%s: %s\n", _("Deceased"), iso);
	}
	if (p.unable)
		printf("%s: %s\n", _("Unable to decide"), _("yes (a representative acts)"));

	store_rc src = store_patient_status(st, p.id, ctx->today, &res);
	if (src != STORE_OK) {
		store_close(st);
		return cli_store_error(src);
	}
	cli_status_line(&res, line, sizeof line);
	printf("%s: %s (%s)\n", _("Status"), line, _(elig_state_label(res.state)));
	if (res.detail != NULL)
		printf("  %s\n", _(res.detail));

	printf("%s\n", _("History (newest first):"));
	src = cli_history_print(st, p.id, stdout);
	if (src == STORE_OK) {
		printf("%s\n", _("Provisions (newest first):"));
		src = cli_provisions_of_patient(st, p.id);
	}
	store_close(st);
	if (src != STORE_OK)
		return cli_store_error(src);
	return CLI_OK;
}

/* Matches are collected first so that each one's state can be read
 * without a second statement running inside the search cursor. */
typedef struct found {
	patient *v;
	size_t n, cap;
	bool nomem;
} found;

static bool found_add(const patient *p, void *vctx)
{
	found *f = vctx;

	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		patient *v = realloc(f->v, cap * sizeof *v);
		if (v == NULL) {
			f->nomem = true;
			return false;
		}
		f->v = v;
		f->cap = cap;
	}
	f->v[f->n++] = *p;
	return true;
}

static int patient_find(const cli_ctx *ctx, int argc, char **argv)
{
	const char *text;
	patient_query q;
	found f = { 0 };
	int rc;

	if ((rc = cli_options("patient", argc, argv, cli_no_options)) != CLI_PARSED)
		return rc;
	if ((rc = cli_one_argument(argc, argv, _("search text"), &text)) != CLI_OK)
		return rc;
	if (!cli_check_text(_("search text"), text, TEXT_NAME_MAX, true))
		return CLI_BAD_INPUT;
	if (!query_parse(text, &q))
		return cli_bad_input(_("search text"), "%s",
		                     _("type a patient number, a birth date or a name"));

	store *st = cli_open_read(ctx);
	if (st == NULL)
		return CLI_FAIL;
	store_rc src = store_patient_find(st, &q, FIND_LIMIT, found_add, &f);
	if (src == STORE_OK && f.nomem)
		src = STORE_ERROR;
	for (size_t i = 0; src == STORE_OK && i < f.n; i++) {
		const patient *p = &f.v[i];
		char number[STORE_NUMBER_SIZE * 4], name[STORE_NAME_SIZE * 4];
		char kana[STORE_NAME_SIZE * 4], iso[DATE_ISO_SIZE] = "-";
		elig_result res;

		src = store_patient_status(st, p->id, ctx->today, &res);
		if (src != STORE_OK)
			break;
		if (cli_log_access(ctx, st, p->id, "patient find") != CLI_OK) {
			free(f.v);
			store_close(st);
			return CLI_FAIL;
		}
		text_sanitize(p->number, number, sizeof number);
		text_sanitize(p->name, name, sizeof name);
		text_sanitize(p->kana, kana, sizeof kana);
		if (p->birth_known)
			date_format_iso(p->birth, iso);
		printf("%s\t%s\t%s\t%s\t%s\n", number, name, kana, iso,
		       elig_state_word(res.state));
	}
	free(f.v);
	store_close(st);
	if (src != STORE_OK)
		return cli_store_error(src);
	return CLI_OK;
}

static int patient_edit_cmd(const cli_ctx *ctx, const char *number, patient_edit *ed,
                            const char *birth, const char *sex, const char *reqid)
{
	const char *first;
	if (ed->name && !cli_check_text("--name", ed->name, TEXT_NAME_MAX, true))
		return CLI_BAD_INPUT;
	if (ed->kana && !cli_check_kana("--kana", ed->kana, TEXT_NAME_MAX, true))
		return CLI_BAD_INPUT;
	if (ed->source && !cli_check_text("--source", ed->source, TEXT_NAME_MAX, false))
		return CLI_BAD_INPUT;
	if (birth) {
		if (!cli_parse_date("--birth", birth, &ed->birth))
			return CLI_BAD_INPUT;
		ed->set_birth = ed->birth_known = true;
	}
	if (sex) {
		if (strcmp(sex, "m") != 0 && strcmp(sex, "f") != 0 && strcmp(sex, "u") != 0) {
			char shown[256];
			text_sanitize(sex, shown, sizeof shown);
			return cli_bad_input("--sex", _("\"%s\": use one of: %s"), shown, "m, f, u");
		}
		ed->sex = sex[0];
	}
	ed->staff = ctx->staff;
	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	patient p;
	int rc = cli_request_id(st, reqid, "patient-set", number, &first);
	if (rc == CLI_OK)
		rc = cli_find_patient(st, number, &p);
	if (rc != CLI_OK) {
		store_close(st);
		return rc;
	}
	store_rc src = first ? STORE_OK : store_patient_update(st, p.id, ed);
	if (src == STORE_REPLAYED) {
		cli_replayed(st);
		src = STORE_OK;
	}
	if (src == STORE_DUPLICATE) {
		patient probe = p;
		if (ed->name)
			snprintf(probe.name, sizeof probe.name, "%s", ed->name);
		if (ed->kana)
			snprintf(probe.kana, sizeof probe.kana, "%s", ed->kana);
		if (ed->set_birth)
			probe.birth = ed->birth;
		rc = cli_similar_refused(st, &probe);
	} else if (src != STORE_OK) {
		rc = cli_store_refused(st, src, birth ? "--birth" : "--name");
	} else {
		char shown[STORE_NUMBER_SIZE * 4];
		text_sanitize(p.number, shown, sizeof shown);
		printf(_("Patient %s changed; the old values are kept in the history.\n"), shown);
		rc = CLI_OK;
	}
	store_close(st);
	return rc;
}

static int patient_set(const cli_ctx *ctx, int argc, char **argv)
{
	const char *reason = NULL, *number;
	const char *birth = NULL, *sex = NULL, *reqid = NULL, *first;
	patient_edit ed = { 0 };
	bool able = false, confirm = false, died = false, dated = false;
	od_date on = ctx->today, death;
	patient p;
	int rc, actions;

	const cli_opt opts[] = {
		{ .name = "unable-to-decide", .kind = CLI_TEXT, .out = &reason },
		{ .name = "able", .kind = CLI_FLAG, .out = &able },
		{ .name = "died", .kind = CLI_DATE, .out = &death, .given = &died },
		{ .name = "date", .kind = CLI_DATE, .out = &on, .given = &dated },
		{ .name = "name", .kind = CLI_TEXT, .out = &ed.name },
		{ .name = "kana", .kind = CLI_TEXT, .out = &ed.kana },
		{ .name = "birth", .kind = CLI_TEXT, .out = &birth },
		{ .name = "sex", .kind = CLI_TEXT, .out = &sex },
		{ .name = "source", .kind = CLI_TEXT, .out = &ed.source },
		{ .name = "not-duplicate", .kind = CLI_FLAG, .out = &ed.not_duplicate },
		{ .name = "confirm-backdated", .kind = CLI_FLAG, .out = &confirm },
		{ .name = "request-id", .kind = CLI_TEXT, .out = &reqid },
		{ .name = NULL },
	};
	if ((rc = cli_options("patient", argc, argv, opts)) != CLI_PARSED)
		return rc;
	if ((rc = cli_one_argument(argc, argv, _("patient number"), &number)) != CLI_OK)
		return rc;
	if (ed.name || ed.kana || birth || sex) {
		if (reason != NULL || able || died || dated)
			return cli_bad_input("--name/--kana/--birth/--sex", "%s",
			                     _("change particulars in a command of their own"));
		ed.confirm_backdated = confirm;
		return patient_edit_cmd(ctx, number, &ed, birth, sex, reqid);
	}
	actions = (reason != NULL) + able + died;
	if (actions != 1)
		return cli_bad_input("--unable-to-decide/--able/--died", "%s",
		                     _("give exactly one of them (or --name, --kana, --birth, --sex)"));
	if (reason != NULL && !cli_check_text("--unable-to-decide", reason, TEXT_NOTE_MAX, true))
		return CLI_BAD_INPUT;
	if (died && dated)
		return cli_bad_input("--date", "%s", _("not used with --died (its value is the date)"));

	store *st = cli_open_ready(ctx);
	if (st == NULL)
		return CLI_FAIL;
	if ((rc = cli_request_id(st, reqid, "patient-set", number, &first)) != CLI_OK ||
	    (rc = cli_find_patient(st, number, &p)) != CLI_OK) {
		store_close(st);
		return rc;
	}
	od_date when = died ? death : on;
	if (p.birth_known && date_cmp(when, p.birth) < 0) {
		store_close(st);
		return cli_bad_input(died ? "--died" : "--date", "%s",
		                     _("is before the patient's birth date"));
	}
	store_rc src = STORE_OK;
	if (first != NULL)
		;   /* recorded by the first run of this request id */
	else if (died)
		src = store_patient_set_death(st, p.id, death, ctx->staff, confirm);
	else
		src = store_patient_set_capacity(st, p.id, reason != NULL, on,
		                                 reason != NULL ? reason : "", ctx->staff, confirm);
	if (src == STORE_REPLAYED) {
		cli_replayed(st);
		src = STORE_OK;
	}
	if (src != STORE_OK) {
		rc = cli_store_refused(st, src, died ? "--died" : "--date");
		store_close(st);
		return rc;
	}
	store_close(st);
	char shown[STORE_NUMBER_SIZE * 4];
	text_sanitize(p.number, shown, sizeof shown);
	if (died)
		printf(_("Recorded the death of patient %s.\n"), shown);
	else if (reason != NULL)
		printf(_("Patient %s is recorded as unable to decide; a representative acts for them.\n"), shown);
	else
		printf(_("Patient %s is recorded as able to decide again.\n"), shown);
	return CLI_OK;
}

int cli_patient_main(const cli_ctx *ctx, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(const cli_ctx *, int, char **);
	} verbs[] = {
		{ "add", patient_add }, { "show", patient_show },
		{ "find", patient_find }, { "set", patient_set },
		{ "merge", cli_patient_merge },
	};

	if (argc < 2)
		return cli_bad_input("patient", "%s", _("use add, show, find, set or merge"));
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cli_usage(stdout, "patient");
		return CLI_OK;
	}
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(argv[1], verbs[i].name) == 0)
			return verbs[i].run(ctx, argc - 1, argv + 1);
	char shown[256];
	text_sanitize(argv[1], shown, sizeof shown);
	return cli_bad_input("patient", _("\"%s\": use add, show, find, set or merge"), shown);
}
