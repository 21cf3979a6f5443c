/* Who may receive a notice and who may file a stop or a withdrawal
 * (domain brief, "Requests to stop"). The asymmetry is deliberate: a stop
 * refused by mistake breaks the law, one accepted by mistake only keeps
 * data back, so a mismatched stop can be confirmed and a mismatched notice
 * or withdrawal cannot. */
#include "config.h"
#include <string.h>
#include "core/age.h"
#include "core/i18n.h"
#include "core/rules.h"

patient_on_date rules_state_on(const patient_facts *p, od_date on)
{
	patient_on_date st = { 0 };

	st.birth_known = p->birth_known && date_valid(p->birth);
	st.born = !st.birth_known || date_cmp(on, p->birth) >= 0;
	/* age_under16 fails closed on a bad birth date; only ask when known. */
	st.under16 = st.birth_known && st.born && age_under16(p->birth, on);
	st.deceased = p->died && date_cmp(p->death, on) <= 0;
	/* The flag as last set on or before the date; events are oldest first,
	 * so the last one that applies wins. */
	for (size_t i = 0; i < p->ncapacity; i++)
		if (date_cmp(p->capacity[i].date, on) <= 0)
			st.unable = p->capacity[i].unable;
	return st;
}

#define BIT(k) (1u << (k))

/* The kinds that fit each act in a state, before any explanation. */
static unsigned fitting_kinds(request_action act, patient_on_date st)
{
	unsigned fits = 0;

	if (st.deceased)
		/* The bereaved may stop or withdraw; nobody receives a notice. */
		return act == ACT_NOTICE ? 0 : BIT(REQ_BEREAVED);
	if (st.under16)
		fits |= BIT(REQ_GUARDIAN);
	if (st.unable)
		fits |= BIT(REQ_REPRESENTATIVE);
	switch (act) {
	case ACT_STOP:
		fits |= BIT(REQ_SELF);   /* anyone alive, a child too */
		break;
	case ACT_NOTICE:
	case ACT_WITHDRAW:
		/* A notice handed only to a child under 16 does not count, and
		 * a child cannot let data flow again: the guardian acts. */
		if (!st.under16 && !st.unable)
			fits |= BIT(REQ_SELF);
		break;
	default:
		break;
	}
	return fits;
}

/* Why `who` does not fit, as one sentence a receptionist can read out. */
static const char *why_not(request_action act, requester_kind who, patient_on_date st)
{
	if (st.deceased) {
		if (act == ACT_NOTICE)
			return N_("The patient has died on or before that date, so no notice can be given; the bereaved family may still file a stop.");
		return N_("The patient has died on or before that date, so only the bereaved family can act for them.");
	}
	switch (who) {
	case REQ_SELF:
		if (st.under16 && act == ACT_NOTICE)
			return N_("The patient is under 16 on that date, so the notice must go to a guardian; a notice handed only to the child does not count.");
		if (st.under16)
			return N_("The patient is under 16 on that date, so a withdrawal must come from a guardian.");
		if (act == ACT_NOTICE)
			return N_("The patient is recorded as unable to decide on that date, so the notice must go to a representative.");
		return N_("The patient is recorded as unable to decide on that date, so a withdrawal must come from a representative.");
	case REQ_GUARDIAN:
		return N_("The patient is 16 or older on that date, so a guardian cannot act for them.");
	case REQ_REPRESENTATIVE:
		return N_("The patient is not recorded as unable to decide on that date, so a representative cannot act for them; record the patient as unable to decide first if that is the case.");
	case REQ_BEREAVED:
		return N_("The patient is alive on that date (no death is recorded), so the bereaved family cannot act for them.");
	default:
		return N_("That requester kind is not known.");
	}
}

rule_verdict rules_check(request_action act, requester_kind who, patient_on_date st)
{
	rule_verdict v = { .ok = false, .overridable = false, .fits = 0, .why = NULL };

	if ((unsigned)act >= ACT_COUNT || (unsigned)who >= REQ_KIND_COUNT) {
		v.why = N_("That requester kind is not known.");
		return v;
	}
	/* A stop can always be confirmed, whatever we know or not. */
	v.overridable = act == ACT_STOP;
	if (!st.birth_known && !st.deceased) {
		/* Under 16 or not cannot be decided: fail closed. A stop by
		 * the patient is accepted, and by a representative when the
		 * flag says so (it does not depend on age); anyone else only on
		 * confirmation. Notices and withdrawals wait for the birth date. */
		if (act == ACT_STOP)
			v.fits = BIT(REQ_SELF) | (st.unable ? BIT(REQ_REPRESENTATIVE) : 0);
		if (v.fits & BIT(who)) {
			v.ok = true;
			v.overridable = false;
			return v;
		}
		/* A representative or bereaved stop fails for a reason that
		 * does not depend on the birth date: say that one. */
		if (act == ACT_STOP && who != REQ_GUARDIAN)
			v.why = why_not(act, who, st);
		else
			v.why = N_("The patient's birth date is not recorded, so the desk cannot tell whether a guardian must act; record the birth date first.");
		return v;
	}
	if (st.birth_known && !st.born) {
		v.why = N_("That date is before the patient's birth date.");
		return v;
	}
	v.fits = fitting_kinds(act, st);
	if (v.fits & BIT(who)) {
		v.ok = true;
		v.overridable = false;
		return v;
	}
	v.why = why_not(act, who, st);
	return v;
}

requester_kind rules_proposed_recipient(patient_on_date st)
{
	if (st.birth_known && st.under16)
		return REQ_GUARDIAN;
	if (st.unable)
		return REQ_REPRESENTATIVE;
	return REQ_SELF;
}

unsigned rules_relationships_for(requester_kind who)
{
	switch (who) {
	case REQ_SELF:
		return BIT(REL_NONE);
	case REQ_GUARDIAN:
		return BIT(REL_PARENT) | BIT(REL_GUARDIAN);
	case REQ_BEREAVED:
		/* The relatives Japanese medical guidelines list as 遺族. */
		return BIT(REL_SPOUSE) | BIT(REL_CHILD) | BIT(REL_PARENT) |
		       BIT(REL_GRANDCHILD) | BIT(REL_GRANDPARENT) | BIT(REL_SIBLING);
	case REQ_REPRESENTATIVE: {
		unsigned all = 0;
		for (int r = REL_NONE + 1; r < REL_COUNT; r++)
			all |= BIT(r);
		return all;
	}
	default:
		return 0;
	}
}

bool rules_relationship_fits(requester_kind who, relationship rel)
{
	return (unsigned)rel < REL_COUNT && (rules_relationships_for(who) & BIT(rel)) != 0;
}

/* ---- the closed vocabularies -------------------------------------------- */

static const char *const kind_words[REQ_KIND_COUNT] = {
	"self", "guardian", "representative", "bereaved",
};
static const char *const kind_labels[REQ_KIND_COUNT] = {
	N_("patient"), N_("guardian"), N_("representative"), N_("bereaved family"),
};
static const char *const rel_words[REL_COUNT] = {
	"none", "parent", "guardian", "spouse", "child", "grandchild",
	"grandparent", "sibling", "other",
};
static const char *const rel_labels[REL_COUNT] = {
	N_("the patient"), N_("parent"), N_("legal guardian"), N_("spouse"), N_("child"),
	N_("grandchild"), N_("grandparent"), N_("sibling"), N_("other relationship"),
};
static const char *const channel_words[CH_COUNT] = {
	"desk", "phone", "post", "email",
};
static const char *const channel_labels[CH_COUNT] = {
	N_("at the desk"), N_("by phone"), N_("by post"), N_("by e-mail"),
};
static const char *const idc_words[ID_COUNT] = {
	"mynumber", "license", "insurance", "passport", "residence", "other", "none",
};
static const char *const idc_labels[ID_COUNT] = {
	N_("My Number card"), N_("driver's licence"),
	N_("insurance card or eligibility certificate"), N_("passport"),
	N_("residence card"), N_("other document"), N_("not verified"),
};

static const char *word_at(const char *const *words, int n, int i)
{
	return i >= 0 && i < n ? words[i] : "?";
}

static bool word_find(const char *const *words, int n, const char *word, int *out)
{
	if (word == NULL)
		return false;
	for (int i = 0; i < n; i++)
		if (strcmp(words[i], word) == 0) {
			*out = i;
			return true;
		}
	return false;
}

const char *requester_kind_word(requester_kind k) { return word_at(kind_words, REQ_KIND_COUNT, (int)k); }
const char *requester_kind_label(requester_kind k) { return word_at(kind_labels, REQ_KIND_COUNT, (int)k); }
const char *relationship_word(relationship r) { return word_at(rel_words, REL_COUNT, (int)r); }
const char *relationship_label(relationship r) { return word_at(rel_labels, REL_COUNT, (int)r); }
const char *channel_word(channel c) { return word_at(channel_words, CH_COUNT, (int)c); }
const char *channel_label(channel c) { return word_at(channel_labels, CH_COUNT, (int)c); }
const char *id_check_word(id_check k) { return word_at(idc_words, ID_COUNT, (int)k); }
const char *id_check_label(id_check k) { return word_at(idc_labels, ID_COUNT, (int)k); }

bool requester_kind_parse(const char *word, requester_kind *out)
{
	int i;
	if (!word_find(kind_words, REQ_KIND_COUNT, word, &i))
		return false;
	*out = (requester_kind)i;
	return true;
}

bool relationship_parse(const char *word, relationship *out)
{
	int i;
	if (!word_find(rel_words, REL_COUNT, word, &i))
		return false;
	*out = (relationship)i;
	return true;
}

bool channel_parse(const char *word, channel *out)
{
	int i;
	if (!word_find(channel_words, CH_COUNT, word, &i))
		return false;
	*out = (channel)i;
	return true;
}

bool id_check_parse(const char *word, id_check *out)
{
	int i;
	if (!word_find(idc_words, ID_COUNT, word, &i))
		return false;
	*out = (id_check)i;
	return true;
}
