/* The status line and the history listing (see cli/cli_show.h). */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "cli/cli_show.h"
#include "core/i18n.h"
#include "core/text.h"

void cli_status_line(const elig_result *res, char *out, size_t outsz)
{
	char a[DATE_ISO_SIZE], b[DATE_ISO_SIZE];
	const char *word = elig_state_word(res->state);

	switch (res->state) {
	case ELIG_WAITING:
		date_format_iso(res->notice_date, a);
		date_format_iso(res->flow_from, b);
		snprintf(out, outsz, "%s %s %s", word, a, b);
		break;
	case ELIG_MAY_FLOW:
		date_format_iso(res->flow_from, a);
		snprintf(out, outsz, "%s %s", word, a);
		break;
	case ELIG_STOPPED:
		date_format_iso(res->stopped_since, a);
		snprintf(out, outsz, "%s %s %s", word, a,
		         requester_kind_word(res->stopped_by));
		break;
	case ELIG_NEEDS_RENOTICE:
		if (date_valid(res->notice_date)) {
			date_format_iso(res->notice_date, a);
			snprintf(out, outsz, "%s %s", word, a);
		} else {
			snprintf(out, outsz, "%s", word);
		}
		break;
	default:
		snprintf(out, outsz, "%s", word);
		break;
	}
}

/* "保護者 山田 花子 (親)" / "本人": who acted, for one history line. */
static void who_text(const history_item *h, char *out, size_t outsz)
{
	char name[STORE_NAME_SIZE * 4];

	if (h->who_kind == REQ_SELF || h->who[0] == '\0') {
		snprintf(out, outsz, "%s", _(requester_kind_label(h->who_kind)));
		return;
	}
	text_sanitize(h->who, name, sizeof name);
	if (h->rel != REL_NONE)
		snprintf(out, outsz, "%s %s (%s)", _(requester_kind_label(h->who_kind)),
		         name, _(relationship_label(h->rel)));
	else
		snprintf(out, outsz, "%s %s", _(requester_kind_label(h->who_kind)), name);
}

typedef struct history_ctx {
	FILE *out;
	const char *number;      /* the patient's own number */
} history_ctx;

static bool history_line(const history_item *h, void *vctx)
{
	const history_ctx *hc = vctx;
	FILE *out = hc->out;
	const char *cur_number = hc->number;
	char iso[DATE_ISO_SIZE], who[STORE_NAME_SIZE * 5];
	char staff[STORE_STAFF_SIZE * 4], note[STORE_NOTE_SIZE * 4];
	char ref[REFCODE_SIZE * 4];

	date_format_iso(h->date, iso);
	text_sanitize(h->ref, ref, sizeof ref);
	text_sanitize(h->staff, staff, sizeof staff);
	text_sanitize(h->note, note, sizeof note);
	/* The event number is what `void #N` takes for entries without a
	 * reference; a voided entry stays, marked. */
	fprintf(out, "  %s  #%lld  %s", iso, (long long)h->rec_id, h->voided ? _("[VOIDED] ") : "");

	switch (h->kind) {
	case HIST_NOTICE:
		who_text(h, who, sizeof who);
		fprintf(out, "%s  %s: %s", ref, _("notice handed to"), who);
		break;
	case HIST_STOP:
	case HIST_WITHDRAW:
		who_text(h, who, sizeof who);
		fprintf(out, "%s  %s: %s; %s; %s: %s", ref,
		        h->kind == HIST_STOP ? _("stop request by") : _("withdrawal by"),
		        who, _(channel_label(h->ch)), _("identity check"),
		        _(id_check_label(h->idc)));
		if (h->delete_provided)
			fprintf(out, "; %s", _("asks that provided data be deleted"));
		if (h->mismatch)
			fprintf(out, "; %s", _("requester kind did not fit (recorded after staff checked)"));
		if (note[0] != '\0')
			fprintf(out, "; %s: %s", _("note"), note);
		break;
	case HIST_UNABLE:
		fprintf(out, "%s: %s", _("unable to decide"), note);
		break;
	case HIST_ABLE:
		fprintf(out, "%s", _("able to decide again"));
		break;
	case HIST_DEATH:
		fprintf(out, "%s", _("died"));
		break;
	case HIST_CONTACT:
		fprintf(out, "%s", _("contact details changed"));
		break;
	case HIST_CHANGE:
		text_sanitize(h->who, who, sizeof who);
		fprintf(out, "%s %s: %s", _("changed"), who, note);
		break;
	case HIST_MERGE:
		text_sanitize(h->who, who, sizeof who);
		fprintf(out, _("patient %s merged into this record: %s"), who, note);
		break;
	case HIST_REGISTER:
		fprintf(out, "%s: %s", _("registered as another person than"), note);
		break;
	}
	if (h->addition)
		fprintf(out, "; %s", _("added to the stop in effect"));
	if (h->kind != HIST_MERGE && h->number[0] && strcmp(h->number, cur_number) != 0) {
		char num[STORE_NUMBER_SIZE * 4];
		text_sanitize(h->number, num, sizeof num);
		fprintf(out, "; %s %s", _("recorded under number"), num);
	}
	fprintf(out, "  [%s: %s]\n", _("staff"), staff[0] ? staff : "-");
	if (h->voided) {
		char why[STORE_NOTE_SIZE * 4], by[STORE_STAFF_SIZE * 4];
		text_sanitize(h->void_reason, why, sizeof why);
		text_sanitize(h->void_staff, by, sizeof by);
		fprintf(out, "      %s %s, %s: %s  [%s: %s]\n", _("voided"), h->voided_at,
		        _("reason"), why, _("staff"), by[0] ? by : "-");
	}
	return true;
}

store_rc cli_history_print(store *st, int64_t patient_id, FILE *out)
{
	patient p;
	store_rc rc = store_patient_get_id(st, patient_id, &p);
	if (rc != STORE_OK)
		return rc;
	history_ctx hc = { out, p.number };
	return store_history(st, patient_id, history_line, &hc);
}
