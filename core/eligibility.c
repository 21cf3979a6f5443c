/* May this patient's data flow on a date? (domain brief). Everything is
 * derived from the append-only events; whatever cannot be known fails
 * closed, i.e. never says may-flow. */
#include "config.h"
#include "core/eligibility.h"
#include "core/i18n.h"

static const char *const state_words[ELIG_STATE_COUNT] = {
	"not-notified", "waiting", "may-flow", "stopped", "needs-re-notice",
};
static const char *const state_labels[ELIG_STATE_COUNT] = {
	N_("Not notified"), N_("Waiting"), N_("May flow"), N_("Stopped"),
	N_("Needs re-notice"),
};

const char *elig_state_word(elig_state s)
{
	return (unsigned)s < ELIG_STATE_COUNT ? state_words[s] : "not-notified";
}

const char *elig_state_label(elig_state s)
{
	return (unsigned)s < ELIG_STATE_COUNT ? state_labels[s] : state_labels[0];
}

bool eligibility_notice_valid(const elig_input *in, const notice_event *n)
{
	if (!date_valid(n->date))
		return false;
	patient_on_date st = rules_state_on(&in->facts, n->date);
	return rules_check(ACT_NOTICE, n->to, st).ok;
}

elig_result eligibility_on(const elig_input *in, od_date asof)
{
	elig_result r = { .state = ELIG_NOT_NOTIFIED };

	if (!date_valid(asof)) {
		r.detail = N_("the as-of date is not a valid date");
		return r;
	}

	/* 2. The latest stop or withdrawal received on or before the date
	 * decides, whatever the notices say. Requests come in date order, then
	 * recording order, so the last applicable one wins a same-day tie. */
	const request_event *last = NULL, *unreadable_stop = NULL;
	for (size_t i = 0; i < in->nrequests; i++) {
		const request_event *q = &in->requests[i];
		if (!date_valid(q->date)) {
			/* A stop whose date cannot be read may be in force on any
			 * date: it stops. A withdrawal that cannot be read could
			 * only let data flow, so it is left out. */
			if (q->stop && unreadable_stop == NULL)
				unreadable_stop = q;
			continue;
		}
		if (date_cmp(q->date, asof) > 0)
			continue;
		if (last == NULL || date_cmp(q->date, last->date) >= 0)
			last = q;
	}
	if (unreadable_stop != NULL) {
		r.state = ELIG_STOPPED;
		r.stopped_since = unreadable_stop->date;
		r.stopped_by = unreadable_stop->by;
		r.detail = N_("a stop request on record has an unreadable date; it is treated as in force");
		return r;
	}
	if (last != NULL && last->stop) {
		r.state = ELIG_STOPPED;
		r.stopped_since = last->date;
		r.stopped_by = last->by;
		return r;
	}

	if (!in->facts.birth_known || !date_valid(in->facts.birth)) {
		/* Under 16 or not cannot be told, so no notice can be judged. */
		r.detail = N_("the birth date is not recorded");
		return r;
	}
	/* A waiting period below one month would be against the brief's
	 * reading of the law; an unreadable setting waits the default. */
	const int months = in->wait_months >= 1 ? in->wait_months : 1;

	/* 1. A valid notice under the current material version, dated on or
	 * before the date. Flow-from dates never decrease with the notice
	 * date, so the earliest such notice gives the earliest flow-from date:
	 * the day data may flow (or, while waiting, will). */
	const notice_event *cur = NULL, *old = NULL;
	bool refused = false;    /* a notice so far went to the wrong person */
	for (size_t i = 0; i < in->nnotices; i++) {
		const notice_event *n = &in->notices[i];
		if (!date_valid(n->date) || date_cmp(n->date, asof) > 0)
			continue;
		if (!eligibility_notice_valid(in, n)) {
			refused = true;
			continue;
		}
		if (n->version >= in->material_version) {
			if (cur == NULL || date_cmp(n->date, cur->date) < 0)
				cur = n;
		} else if (old == NULL || date_cmp(n->date, old->date) > 0) {
			old = n;
		}
	}
	if (cur != NULL) {
		r.has_notice = true;
		r.notice_date = cur->date;
		r.flow_from = date_flow_from(cur->date, months);
		/* A flow-from date past 9999 is invalid and compares as later
		 * than any as-of date: waiting, never may-flow. */
		r.state = date_valid(r.flow_from) && date_cmp(asof, r.flow_from) >= 0
		          ? ELIG_MAY_FLOW : ELIG_WAITING;
		return r;
	}
	if (old != NULL) {
		r.state = ELIG_NEEDS_RENOTICE;
		r.notice_date = old->date;
		r.detail = N_("the notice was given under an earlier version; the notice items have changed materially since");
		return r;
	}
	/* Say why only when a notice was handed by then; one dated later, or
	 * none at all, needs no explanation beyond "not notified". */
	if (refused)
		r.detail = N_("no notice on record was given to a recipient that fits the patient's state on its date");
	return r;
}

bool eligibility_first_change(const elig_input *a, const elig_input *b,
                              od_date from, od_date to, od_date *first,
                              elig_result *ra, elig_result *rb)
{
	if (!date_valid(from) || !date_valid(to))
		return false;
	/* States change only at event and flow-from dates, but a walk over
	 * every day is cheap (a few thousand days at most) and plainly
	 * right, which matters more here than speed. */
	for (od_date d = from; date_cmp(d, to) <= 0; d = date_add_days(d, 1)) {
		elig_result x = eligibility_on(a, d), y = eligibility_on(b, d);
		if ((x.state == ELIG_MAY_FLOW) != (y.state == ELIG_MAY_FLOW)) {
			*first = d;
			*ra = x;
			*rb = y;
			return true;
		}
	}
	return false;
}

long requests_in_effect(const request_event *ev, size_t n, od_date on)
{
	long last = -1;
	for (size_t i = 0; i < n; i++)
		if (date_valid(ev[i].date) && date_cmp(ev[i].date, on) <= 0)
			last = (long)i;
	return last >= 0 && ev[last].stop ? last : -1;
}

long requests_stray_withdrawal(const request_event *ev, size_t n)
{
	bool stopped = false;
	for (size_t i = 0; i < n; i++) {
		if (!ev[i].stop && !stopped)
			return (long)i;
		stopped = ev[i].stop;
	}
	return -1;
}
