/* What every subcommand shares: messages on stderr with the exit codes of
 * the contract, opening the database, looking a patient up, and checking
 * option values (dates, text, the closed vocabularies, who acts). */
#include "config.h"
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"

/* Room for a sanitized echo of what was typed (placeholders grow text). */
#define SHOWN_SIZE 1024

static void vsay(const char *field, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", PACKAGE);
	if (field != NULL)
		fprintf(stderr, "%s: ", field);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_bad_input(const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(field, fmt, ap);
	va_end(ap);
	return CLI_BAD_INPUT;
}

int cli_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(NULL, fmt, ap);
	va_end(ap);
	return CLI_FAIL;
}

int cli_store_error(store_rc rc)
{
	if (rc == STORE_ERROR)
		return cli_fail("%s (%s: %s)", _(store_rc_message(rc)), _("log"), store_log_path());
	return cli_fail("%s", _(store_rc_message(rc)));
}

int cli_option_error(int c, char **argv)
{
	char shown[SHOWN_SIZE];
	const char *opt = optind > 0 ? argv[optind - 1] : "";
	const char *eq;

	if (c == '?' && optopt > 0 && optopt < 128 && optopt != '?') {
		char s[3] = { '-', (char)optopt, '\0' };
		text_sanitize(s, shown, sizeof shown);
	} else {
		text_sanitize(opt, shown, sizeof shown);
		if ((eq = strchr(shown, '=')) != NULL)
			shown[eq - shown] = '\0';
	}
	if (c == ':')
		return cli_bad_input(shown, "%s", _("this option needs a value"));
	return cli_bad_input(shown, "%s", _("no such option here; see --help"));
}

static void say_waiting(void *ctx)
{
	(void)ctx;
	fprintf(stderr, "%s: %s\n", PACKAGE, _("waiting for another desk…"));
}

store *cli_open_mode(const cli_ctx *ctx, store_mode mode)
{
	store *st = NULL;
	store_rc rc = store_open_mode(ctx->db_path, mode, &st);

	if (rc != STORE_OK) {
		char shown[SHOWN_SIZE];
		text_sanitize(ctx->db_path, shown, sizeof shown);
		if (rc == STORE_ERROR || rc == STORE_CORRUPT || rc == STORE_CANTOPEN)
			cli_fail("%s: %s (%s: %s)", shown, _(store_rc_message(rc)),
			         _("log"), store_log_path());
		else
			cli_fail("%s: %s", shown, _(store_rc_message(rc)));
		return NULL;
	}
	store_on_wait(st, say_waiting, NULL);
	/* A fixed today (--today, tests, training) wins; otherwise the
	 * clinic's today comes from the store, in the clinic's time zone.
	 * main()'s ctx is not const, so writing through it is defined. */
	/* Who acts, for the audit log: the signed-in login, else the name
	 * given with --staff (no staff set up). */
	store_set_actor(st, ctx->login[0] != '\0' ? ctx->login : ctx->staff);
	if (ctx->today_fixed)
		store_set_today(st, ctx->today);
	else
		((cli_ctx *)ctx)->today = store_today(st);
	return st;
}

store *cli_open_store(const cli_ctx *ctx)
{
	return cli_open_mode(ctx, STORE_WRITE);
}

static store *ready(store *st)
{
	if (st != NULL && !store_initialized(st)) {
		cli_fail("%s", _("the desk has no clinic settings yet: run `optout-desk init` first"));
		store_close(st);
		return NULL;
	}
	return st;
}

store *cli_open_ready(const cli_ctx *ctx)
{
	return ready(cli_open_mode(ctx, STORE_WRITE));
}

store *cli_open_read(const cli_ctx *ctx)
{
	return ready(cli_open_mode(ctx, STORE_READ));
}

int cli_store_refused(store *st, store_rc rc, const char *field)
{
	char a[DATE_ISO_SIZE], b[DATE_ISO_SIZE];
	switch (rc) {
	case STORE_FUTURE:
		date_format_iso(store_today(st), a);
		return cli_bad_input(field, _("is after today (%s): no entry may be dated in the future"), a);
	case STORE_BACKDATED: {
		const store_backdate *d = store_last_backdate(st);
		date_format_iso(d->first, a);
		date_format_iso(store_today(st), b);
		cli_bad_input(field, _("this back-dated entry changes the status on %s from %s to %s (today %s: %s → %s)"),
		              a, _(elig_state_label(d->before)), _(elig_state_label(d->after)),
		              b, _(elig_state_label(d->today_before)), _(elig_state_label(d->today_after)));
		return cli_bad_input("--confirm-backdated", "%s",
		                     _("records it anyway, once staff have checked the consequence"));
	}
	case STORE_CONFLICT: {
		const store_conflict *c = store_last_conflict(st);
		if (c->kind == STORE_CONFLICT_REQUEST_ID)
			field = "--request-id";
		if (c->ref[0]) {
			char shown[SHOWN_SIZE];
			text_sanitize(c->ref, shown, sizeof shown);
			date_format_iso(c->date, a);
			return cli_bad_input(field, "%s: %s (%s)", _(c->why ? c->why : "conflict"),
			                     shown, a);
		}
		return cli_bad_input(field, "%s", _(c->why ? c->why : "conflict"));
	}
	default:
		return cli_store_error(rc);
	}
}

int cli_request_id(store *st, const char *key, const char *kind,
                   const char *subject, const char **first)
{
	*first = NULL;
	if (key == NULL)
		return CLI_OK;
	store_rc rc = store_request_id_arm(st, key, kind, subject);
	if (rc == STORE_INVALID) {
		char shown[SHOWN_SIZE];
		text_sanitize(key, shown, sizeof shown);
		return cli_bad_input("--request-id", _("\"%s\": use 1 to 64 letters, digits or . _ : -"),
		                     shown);
	}
	if (rc == STORE_OK)
		rc = store_request_id_lookup(st);
	if (rc == STORE_NOT_FOUND)
		return CLI_OK;
	if (rc == STORE_REPLAYED) {
		*first = cli_replayed(st);
		return CLI_OK;
	}
	return cli_store_refused(st, rc, "--request-id");
}

const char *cli_replayed(store *st)
{
	fprintf(stderr, "%s: --request-id: %s\n", PACKAGE,
	        _("already recorded with this request id: this is the first result, nothing new was recorded"));
	const char *r = store_request_id_result(st);
	return r != NULL ? r : "";
}

int cli_one_argument(int argc, char **argv, const char *field, const char **out)
{
	if (optind >= argc)
		return cli_bad_input(field, "%s", _("missing"));
	if (optind + 1 < argc) {
		char shown[SHOWN_SIZE];
		text_sanitize(argv[optind + 1], shown, sizeof shown);
		return cli_bad_input(shown, "%s", _("unexpected argument"));
	}
	*out = argv[optind];
	return CLI_OK;
}

int cli_find_patient(store *st, const char *number, patient *out)
{
	store_rc rc;
	char shown[SHOWN_SIZE];

	text_sanitize(number, shown, sizeof shown);
	if (*number == '\0' || strlen(number) >= STORE_NUMBER_SIZE)
		return cli_bad_input(_("patient number"), _("\"%s\": no such patient"), shown);
	rc = store_patient_get(st, number, out);
	if (rc == STORE_NOT_FOUND)
		return cli_bad_input(_("patient number"), _("\"%s\": no such patient"), shown);
	if (rc != STORE_OK)
		return cli_store_error(rc);
	if (out->looked_up_as[0]) {
		char into[SHOWN_SIZE];
		text_sanitize(out->number, into, sizeof into);
		fprintf(stderr, _("%s: note: patient %s was merged into %s; using %s\n"),
		        PACKAGE, shown, into, into);
	}
	return CLI_OK;
}

bool cli_parse_date(const char *field, const char *text, od_date *out)
{
	date_err e = date_parse(text, out);
	char shown[SHOWN_SIZE];

	if (e == DATE_OK)
		return true;
	text_sanitize(text, shown, sizeof shown);
	cli_bad_input(field, "\"%s\": %s", shown, _(date_err_message(e)));
	return false;
}

static bool text_result(const char *field, text_err e)
{
	if (e == TEXT_OK)
		return true;
	cli_bad_input(field, "%s", _(text_err_message(e)));
	return false;
}

bool cli_check_text(const char *field, const char *s, size_t max_chars,
                    bool required)
{
	return text_result(field, text_check(s != NULL ? s : "", max_chars, required));
}

bool cli_check_kana(const char *field, const char *s, size_t max_chars,
                    bool required)
{
	return text_result(field, text_check_kana(s != NULL ? s : "", max_chars, required));
}

/* "\"%s\": use one of: a, b, c" for a vocabulary given by its word function. */
static bool bad_word(const char *field, const char *word,
                     const char *(*word_of)(int), int first, int count)
{
	char list[512] = "";
	char shown[SHOWN_SIZE];
	size_t len = 0;

	for (int i = first; i < count; i++) {
		const char *w = word_of(i);
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
		                        len > 0 ? ", " : "", w);
		if (len >= sizeof list)
			break;
	}
	text_sanitize(word != NULL ? word : "", shown, sizeof shown);
	cli_bad_input(field, _("\"%s\": use one of: %s"), shown, list);
	return false;
}

static const char *kind_word_of(int i) { return requester_kind_word((requester_kind)i); }
static const char *rel_word_of(int i) { return relationship_word((relationship)i); }
static const char *channel_word_of(int i) { return channel_word((channel)i); }
static const char *idc_word_of(int i) { return id_check_word((id_check)i); }

bool cli_parse_kind(const char *field, const char *word, bool allow_bereaved,
                    requester_kind *out)
{
	int count = allow_bereaved ? REQ_KIND_COUNT : REQ_BEREAVED;

	if (word != NULL && requester_kind_parse(word, out) && (int)*out < count)
		return true;
	return bad_word(field, word, kind_word_of, 0, count);
}

bool cli_parse_relationship(const char *field, const char *word,
                            relationship *out)
{
	/* REL_NONE is the patient themself: not a word anyone types here. */
	if (word != NULL && relationship_parse(word, out) && *out != REL_NONE)
		return true;
	return bad_word(field, word, rel_word_of, REL_NONE + 1, REL_COUNT);
}

bool cli_parse_channel(const char *field, const char *word, channel *out)
{
	if (word != NULL && channel_parse(word, out))
		return true;
	return bad_word(field, word, channel_word_of, 0, CH_COUNT);
}

bool cli_parse_id_check(const char *field, const char *word, id_check *out)
{
	if (word != NULL && id_check_parse(word, out))
		return true;
	return bad_word(field, word, idc_word_of, 0, ID_COUNT);
}

bool cli_requester_check(const cli_requester *in, bool allow_bereaved,
                         requester_kind *kind, relationship *rel)
{
	if (in->kind_word == NULL) {
		cli_bad_input(in->kind_field, "%s", _("missing"));
		return false;
	}
	if (!cli_parse_kind(in->kind_field, in->kind_word, allow_bereaved, kind))
		return false;

	if (*kind == REQ_SELF) {
		*rel = REL_NONE;
		if (in->name != NULL) {
			cli_bad_input(in->name_field, _("only for someone acting for the patient (%s other than self)"),
			              in->kind_field);
			return false;
		}
		if (in->rel_word != NULL) {
			cli_bad_input("--relationship", _("only for someone acting for the patient (%s other than self)"),
			              in->kind_field);
			return false;
		}
		return true;
	}

	if (in->name == NULL) {
		cli_bad_input(in->name_field, _("required when %s is %s"),
		              in->kind_field, requester_kind_word(*kind));
		return false;
	}
	if (!cli_check_text(in->name_field, in->name, TEXT_NAME_MAX, true))
		return false;
	if (in->rel_word == NULL) {
		cli_bad_input("--relationship", _("required when %s is %s"),
		              in->kind_field, requester_kind_word(*kind));
		return false;
	}
	if (!cli_parse_relationship("--relationship", in->rel_word, rel))
		return false;
	if (!rules_relationship_fits(*kind, *rel)) {
		unsigned fits = rules_relationships_for(*kind);
		char list[512] = "";
		size_t len = 0;
		for (int r = REL_NONE + 1; r < REL_COUNT && len < sizeof list; r++)
			if (fits & (1u << r))
				len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
				                        len > 0 ? ", " : "",
				                        relationship_word((relationship)r));
		cli_bad_input("--relationship", _("\"%s\" does not fit %s %s; use one of: %s"),
		              in->rel_word, in->kind_field, requester_kind_word(*kind), list);
		return false;
	}
	return true;
}

int cli_verdict_refused(const char *field, const rule_verdict *v,
                        bool overridable_hint)
{
	char list[512] = "";
	size_t len = 0;

	for (int k = 0; k < REQ_KIND_COUNT && len < sizeof list; k++) {
		if (!(v->fits & (1u << k)))
			continue;
		const char *label = _(requester_kind_label((requester_kind)k));
		const char *word = requester_kind_word((requester_kind)k);
		if (strcmp(label, word) == 0)
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
			                        len > 0 ? ", " : "", word);
		else
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s (%s)",
			                        len > 0 ? ", " : "", label, word);
	}
	cli_bad_input(field, "%s", v->why != NULL ? _(v->why)
	              : _("this requester does not fit the patient's state on that date"));
	if (len > 0)
		cli_bad_input(field, _("would fit: %s"), list);
	else
		cli_bad_input(field, "%s", _("no requester kind fits the patient's state on that date"));
	if (overridable_hint && v->overridable)
		cli_bad_input("--accept-mismatch", "%s",
		              _("records this stop anyway, marked as a mismatch, once staff have checked the request"));
	return CLI_BAD_INPUT;
}

/* ---- documents (shared by print and report) --------------------------------- */

int cli_check_output(const cli_ctx *ctx, const char *field, const char *path, bool force)
{
	const char *why = NULL;
	if (path == NULL || store_output_allowed(path, force, ctx->db_path, &why))
		return CLI_OK;
	char shown[256];
	text_sanitize(path, shown, sizeof shown);
	return cli_bad_input(field, "%s: %s", shown, _(why));
}

void cli_say_document(const char *out_path, const doc_result *res)
{
	if (res->printed)
		printf(_("Sent to the printer “%s”.\n"), res->queue);
	else if (out_path == NULL || strcmp(out_path, "-") != 0)
		printf(_("Saved: %s\n"), res->path);
}
