/* The values a document's placeholders take, from the records the caller
 * read. Labels (channel, identity check, ...) follow the document's
 * language, not the screen's: a Japanese notice printed from an English
 * desk is still all Japanese. That is why they are tables here and not
 * gettext lookups, which follow the locale of the process. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include "core/date.h"
#include "print/fields.h"

/* Shown when the clinic left the national URL setting empty: the Cabinet
 * Office's page on the Act. */

typedef struct label2 { const char *ja, *en; } label2;

static const label2 kind_labels[REQ_KIND_COUNT] = {
	[REQ_SELF] = { "本人", "The patient" },
	[REQ_GUARDIAN] = { "保護者等（親権者・未成年後見人）", "Guardian (parent or legal guardian)" },
	[REQ_REPRESENTATIVE] = { "法定代理人等", "Representative" },
	[REQ_BEREAVED] = { "遺族", "Bereaved family" },
};
static const label2 rel_labels[REL_COUNT] = {
	[REL_NONE] = { "", "" },
	[REL_PARENT] = { "親", "Parent" },
	[REL_GUARDIAN] = { "未成年後見人", "Legal guardian" },
	[REL_SPOUSE] = { "配偶者", "Spouse" },
	[REL_CHILD] = { "子", "Child" },
	[REL_GRANDCHILD] = { "孫", "Grandchild" },
	[REL_GRANDPARENT] = { "祖父母", "Grandparent" },
	[REL_SIBLING] = { "兄弟姉妹", "Sibling" },
	[REL_OTHER] = { "その他", "Other" },
};
static const label2 ch_labels[CH_COUNT] = {
	[CH_DESK] = { "窓口", "At the desk" },
	[CH_PHONE] = { "電話", "By phone" },
	[CH_POST] = { "郵送", "By post" },
	[CH_EMAIL] = { "電子メール", "By e-mail" },
};
static const label2 idc_labels[ID_COUNT] = {
	[ID_MYNUMBER] = { "マイナンバーカード", "My Number card" },
	[ID_LICENSE] = { "運転免許証", "Driver's licence" },
	[ID_INSURANCE] = { "健康保険証・資格確認書", "Health insurance card or eligibility certificate" },
	[ID_PASSPORT] = { "旅券（パスポート）", "Passport" },
	[ID_RESIDENCE] = { "在留カード", "Residence card" },
	[ID_OTHER] = { "その他の書類", "Other document" },
	[ID_NONE] = { "確認なし（電話等）", "Not verified (e.g. by phone)" },
};

static const char *pick(const label2 *l, bool en)
{
	return en ? l->en : l->ja;
}

/* Keeps a copy alive until doc_values_free. */
static const char *keep(doc_values *dv, char *owned)
{
	g_ptr_array_add(dv->owned, owned);
	return owned;
}

static void put(doc_values *dv, const char *name, const char *value)
{
	if (dv->n < DOC_VALUES_MAX) {
		dv->vals[dv->n].name = name;
		dv->vals[dv->n].value = value ? value : "";
		dv->n++;
	}
}

static void put_date(doc_values *dv, const char *era_name, const char *iso_name, od_date d)
{
	char era[DATE_ERA_SIZE], iso[DATE_ISO_SIZE];
	if (!date_valid(d))
		return;
	if (!date_format_era(d, era, sizeof era))
		era[0] = '\0';
	date_format_iso(d, iso);
	put(dv, era_name, keep(dv, g_strdup(era[0] ? era : iso)));
	if (iso_name != NULL)
		put(dv, iso_name, keep(dv, g_strdup(iso)));
}

static const char *operators_text(doc_values *dv, const doc_data *d, bool en)
{
	GString *s = g_string_new(NULL);
	for (size_t i = 0; i < d->noperators; i++) {
		const operator_rec *op = &d->operators[i];
		if (!op->active)
			continue;
		const char *kind = op->kind == 'p'
			? (en ? "certified producer of pseudonymized medical data" : "認定仮名加工医療情報作成事業者")
			: (en ? "certified producer of anonymized medical data" : "認定匿名加工医療情報作成事業者");
		if (s->len > 0)
			g_string_append_c(s, '\n');
		g_string_append_printf(s, en ? "• %s (%s)" : "・%s（%s）", op->name, kind);
	}
	if (s->len == 0)
		g_string_append(s, en ? "(none registered yet)" : "（登録されている事業者はまだありません）");
	return keep(dv, g_string_free(s, FALSE));
}

void doc_values_build(doc_values *dv, const doc_request *req, const doc_data *d)
{
	memset(dv, 0, sizeof *dv);
	dv->owned = g_ptr_array_new_with_free_func(g_free);
	const bool en = req->lang != NULL && strcmp(req->lang, "en") == 0;
	const clinic_settings *c = d->clinic;

	if (c != NULL) {
		put(dv, "clinic_name", c->name);
		put(dv, "clinic_address", c->address);
		put(dv, "clinic_phone", c->phone);
		put(dv, "clinic_email", c->email);
		put(dv, "clinic_hours", c->hours);
		put(dv, "national_url", c->national_url[0] ? c->national_url : PRINT_NATIONAL_URL_DEFAULT);
		put(dv, "wait_months", keep(dv, g_strdup_printf("%d", c->wait_months > 0 ? c->wait_months : 1)));
	}
	put(dv, "operators", operators_text(dv, d, en));
	put_date(dv, "today_era", "today_iso", d->today);

	const char *ref = NULL;
	const char *staff = NULL;
	if ((req->kind == DOC_NOTICE || req->kind == DOC_SLIP) && d->notice != NULL) {
		const notice_rec *n = d->notice;
		ref = n->ref;
		staff = n->staff;
		put_date(dv, "date_era", "date_iso", n->date);
		/* A notice recorded while a stop is in effect changes nothing: it
		 * must not promise a date (domain brief), so there is none to print. */
		if (d->stop_in_effect)
			put(dv, "stop_in_effect", en ? "Stopped" : "提供停止中");
		else
			put_date(dv, "flow_from", "flow_from_iso",
			         date_flow_from(n->date, c != NULL && c->wait_months > 0 ? c->wait_months : 1));
		const bool self = n->to == REQ_SELF;
		put(dv, "recipient_name", self && d->patient ? d->patient->name : n->recipient);
		/* Handed to someone acting for the patient: the document names
		 * the patient it concerns. */
		if (!self && d->patient != NULL)
			put(dv, n->to == REQ_GUARDIAN ? "child_name" : "represented_name", d->patient->name);
		if (n->voided)
			put(dv, "voided", en ? "VOIDED" : "取消済");
		if ((unsigned)n->to < REQ_KIND_COUNT)
			put(dv, "recipient_kind", pick(&kind_labels[n->to], en));
		if ((unsigned)n->rel < REL_COUNT)
			put(dv, "recipient_relationship", pick(&rel_labels[n->rel], en));
	} else if (req->kind == DOC_RECEIPT && d->request != NULL) {
		const request_rec *r = d->request;
		ref = r->ref;
		staff = r->staff;
		put_date(dv, "date_era", "date_iso", r->date);
		put(dv, "request_kind", r->stop
		    ? (en ? "Request to stop providing medical information" : "提供停止の求め")
		    : (en ? "Withdrawal of a request to stop" : "提供停止の求めの撤回"));
		if ((unsigned)r->by < REQ_KIND_COUNT)
			put(dv, "requester_kind", pick(&kind_labels[r->by], en));
		put(dv, "requester_name", r->by == REQ_SELF && d->patient ? d->patient->name : r->name);
		if ((unsigned)r->rel < REL_COUNT)
			put(dv, "requester_relationship", pick(&rel_labels[r->rel], en));
		if ((unsigned)r->ch < CH_COUNT)
			put(dv, "channel", pick(&ch_labels[r->ch], en));
		if ((unsigned)r->idc < ID_COUNT)
			put(dv, "id_check", pick(&idc_labels[r->idc], en));
		put(dv, "delete_provided", r->delete_provided
		    ? (en ? "Yes: the operators are asked to delete data already provided" : "あり（提供済みのデータの削除を事業者に求めます）")
		    : (en ? "No" : "なし"));
		if (r->voided)
			put(dv, "voided", en ? "VOIDED" : "取消済");
	} else {
		put_date(dv, "date_era", "date_iso", d->today);
	}
	if (d->patient != NULL) {
		put(dv, "patient_number", d->patient->number);
		put(dv, "patient_name", d->patient->name);
		put(dv, "patient_kana", d->patient->kana);
	}
	put(dv, "ref", ref);
	/* The name recorded on the entry, as typed; none: no 受付者 line. */
	put(dv, "staff", staff);
	if (d->earlier > 0)
		put_date(dv, "reprint_era", "reprint_iso",
		         date_valid(d->reprint_date) ? d->reprint_date : d->today);

	/* The QR payload: a receipt or a poster points at the notice itself. */
	dv->has_url = c != NULL &&
	              print_notice_url(c, req->kind == DOC_NOTICE || req->kind == DOC_SLIP ? ref : NULL,
	                               dv->url, sizeof dv->url);
	put(dv, "notice_url", dv->has_url ? dv->url : "");
}

void doc_values_free(doc_values *dv)
{
	if (dv->owned != NULL)
		g_ptr_array_free(dv->owned, TRUE);
	dv->owned = NULL;
	dv->n = 0;
}
