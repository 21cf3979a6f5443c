/* Who is on the office's worklists (issue 13). The store brings the
 * candidates' events; these rules decide, so that the screen, the command
 * line and the counts in the search header always agree. */
#include "config.h"

#include <string.h>
#include "core/age.h"
#include "core/i18n.h"
#include "core/worklist.h"

static const char *const words[WL_COUNT] = {
	"not-notified", "renotice", "duplicates", "forwards",
};
static const char *const labels[WL_COUNT] = {
	N_("Visitors not notified"), N_("To notify again"), N_("Possible duplicates"),
	N_("Deletions to forward"),
};

const char *worklist_word(worklist_kind k)
{
	return (unsigned)k < WL_COUNT ? words[k] : "";
}

bool worklist_parse(const char *word, worklist_kind *out)
{
	for (int k = 0; word && k < WL_COUNT; k++)
		if (strcmp(word, words[k]) == 0) {
			*out = (worklist_kind)k;
			return true;
		}
	return false;
}

const char *worklist_label(worklist_kind k)
{
	return (unsigned)k < WL_COUNT ? labels[k] : "";
}

bool worklist_needs_notice(elig_state s)
{
	return s == ELIG_NOT_NOTIFIED || s == ELIG_NEEDS_RENOTICE;
}

static const char *const reason_words[RENOTICE_COUNT] = {
	"", "version", "turned-16", "able-again",
};
static const char *const reason_labels[RENOTICE_COUNT] = {
	"",
	N_("notified under an earlier version of the notice"),
	N_("notified through a guardian; 16 years old since"),
	N_("notified through a representative; able to decide since"),
};

const char *renotice_reason_word(renotice_reason r)
{
	return (unsigned)r < RENOTICE_COUNT ? reason_words[r] : "";
}

const char *renotice_reason_label(renotice_reason r)
{
	return (unsigned)r < RENOTICE_COUNT ? reason_labels[r] : "";
}

/* The day the latest capacity event on or before asof was recorded for:
 * the day the patient was marked able again, when the flag is off. */
static od_date capacity_since(const patient_facts *f, od_date asof)
{
	od_date since = { 0, 0, 0 };
	for (size_t i = 0; i < f->ncapacity; i++)
		if (date_valid(f->capacity[i].date) && date_cmp(f->capacity[i].date, asof) <= 0 &&
		    (!date_valid(since) || date_cmp(f->capacity[i].date, since) >= 0))
			since = f->capacity[i].date;
	return since;
}

renotice_reason worklist_renotice(const elig_input *in, od_date asof, od_date *since)
{
	elig_result r = eligibility_on(in, asof);
	patient_on_date now = rules_state_on(&in->facts, asof);
	/* Nobody to tell: the dead, and a stop in force (nothing flows; a
	 * withdrawal later brings the patient back on the list). Without a
	 * valid notice the patient belongs to the not-notified list. */
	if (now.deceased || r.state == ELIG_STOPPED || r.state == ELIG_NOT_NOTIFIED)
		return RENOTICE_NONE;
	if (r.state == ELIG_NEEDS_RENOTICE) {
		*since = r.notice_date;
		return RENOTICE_VERSION;
	}
	/* A current notice counts: to whom were the current ones given? */
	bool self = false, guardian = false, representative = false;
	for (size_t i = 0; i < in->nnotices; i++) {
		const notice_event *n = &in->notices[i];
		if (!date_valid(n->date) || date_cmp(n->date, asof) > 0 ||
		    n->version < in->material_version || !eligibility_notice_valid(in, n))
			continue;
		self |= n->to == REQ_SELF;
		guardian |= n->to == REQ_GUARDIAN;
		representative |= n->to == REQ_REPRESENTATIVE;
	}
	if (self || !now.birth_known)
		return RENOTICE_NONE;
	/* Someone unable to decide, already told through a representative,
	 * is told no more by turning 16. */
	if (guardian && !now.under16 && !(now.unable && representative)) {
		*since = age_birthday(in->facts.birth, 16);
		return RENOTICE_TURNED_16;
	}
	if (representative && !now.unable) {
		*since = capacity_since(&in->facts, asof);
		return RENOTICE_ABLE;
	}
	return RENOTICE_NONE;
}
