/* core/eligibility: may this patient's data flow on a date? Every example
 * of the domain brief, and the fail-closed cases. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "tests/unit/helpers.h"

#include "core/eligibility.h"

/* A patient born 1970-03-02 with up to 8 notices and requests. */
typedef struct fixture {
	elig_input in;
	notice_event n[8];
	request_event r[8];
	capacity_event cap[4];
} fixture;

static void init(fixture *f, od_date birth)
{
	memset(f, 0, sizeof *f);
	f->in.facts.birth_known = true;
	f->in.facts.birth = birth;
	f->in.notices = f->n;
	f->in.requests = f->r;
	f->in.material_version = 1;
	f->in.wait_months = 1;
}

static void notice(fixture *f, od_date d, requester_kind to, long version)
{
	f->n[f->in.nnotices++] = (notice_event){ .date = d, .to = to, .version = version };
}

static void request(fixture *f, od_date d, bool stop, requester_kind by)
{
	f->r[f->in.nrequests++] = (request_event){ .date = d, .stop = stop, .by = by };
}

static elig_state state_on(fixture *f, od_date d)
{
	return eligibility_on(&f->in, d).state;
}

static void test_not_notified(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	elig_result r = eligibility_on(&f.in, mk(2026, 11, 24));
	assert_int_equal(r.state, ELIG_NOT_NOTIFIED);
	assert_false(r.has_notice);
	assert_string_equal(elig_state_word(r.state), "not-notified");
}

static void test_waiting_then_may_flow(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	notice(&f, mk(2026, 11, 24), REQ_SELF, 1);
	elig_result r = eligibility_on(&f.in, mk(2026, 11, 24));
	assert_int_equal(r.state, ELIG_WAITING);
	assert_true(r.has_notice);
	assert_date(r.notice_date, 2026, 11, 24);
	assert_date(r.flow_from, 2026, 12, 25);
	assert_int_equal(state_on(&f, mk(2026, 12, 24)), ELIG_WAITING);
	assert_int_equal(state_on(&f, mk(2026, 12, 25)), ELIG_MAY_FLOW);
	/* Before the notice date it did not exist yet. */
	assert_int_equal(state_on(&f, mk(2026, 11, 23)), ELIG_NOT_NOTIFIED);
	assert_string_equal(elig_state_word(ELIG_MAY_FLOW), "may-flow");
	assert_string_equal(elig_state_word(ELIG_WAITING), "waiting");
}

/* The brief's table of flow-from dates, through eligibility. */
static void test_flow_from_table(void **state)
{
	(void)state;
	static const struct { od_date notice, from; } table[] = {
		{ { 2026, 11, 24 }, { 2026, 12, 25 } },
		{ { 2026, 12, 31 }, { 2027, 2, 1 } },
		{ { 2027, 1, 30 }, { 2027, 3, 1 } },
		{ { 2028, 1, 28 }, { 2028, 2, 29 } },
		{ { 2027, 3, 31 }, { 2027, 5, 1 } },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		fixture f;
		init(&f, mk(1970, 3, 2));
		notice(&f, table[i].notice, REQ_SELF, 1);
		elig_result r = eligibility_on(&f.in, table[i].from);
		assert_int_equal(r.state, ELIG_MAY_FLOW);
		assert_date(r.flow_from, table[i].from.y, table[i].from.m, table[i].from.d);
		od_date before = date_add_days(table[i].from, -1);
		assert_int_equal(state_on(&f, before), ELIG_WAITING);
	}
}

static void test_wait_months_setting(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	f.in.wait_months = 2;
	notice(&f, mk(2026, 11, 24), REQ_SELF, 1);
	assert_date(eligibility_on(&f.in, mk(2026, 12, 1)).flow_from, 2027, 1, 25);
	/* An unreadable setting waits at least the default month. */
	f.in.wait_months = 0;
	assert_date(eligibility_on(&f.in, mk(2026, 12, 1)).flow_from, 2026, 12, 25);
}

static void test_stop_and_withdrawal(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	notice(&f, mk(2026, 1, 10), REQ_SELF, 1);
	request(&f, mk(2026, 6, 1), true, REQ_SELF);
	request(&f, mk(2026, 9, 1), false, REQ_SELF);
	request(&f, mk(2026, 11, 1), true, REQ_SELF);
	assert_int_equal(state_on(&f, mk(2026, 5, 31)), ELIG_MAY_FLOW);
	/* Effective at once, on the date received. */
	elig_result r = eligibility_on(&f.in, mk(2026, 6, 1));
	assert_int_equal(r.state, ELIG_STOPPED);
	assert_date(r.stopped_since, 2026, 6, 1);
	assert_int_equal(r.stopped_by, REQ_SELF);
	/* A withdrawal lets data flow again, the next stop stops it. */
	assert_int_equal(state_on(&f, mk(2026, 9, 1)), ELIG_MAY_FLOW);
	assert_int_equal(state_on(&f, mk(2026, 10, 31)), ELIG_MAY_FLOW);
	assert_int_equal(state_on(&f, mk(2026, 11, 1)), ELIG_STOPPED);
	assert_string_equal(elig_state_word(ELIG_STOPPED), "stopped");
}

static void test_stop_without_notice(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	/* A stop before any notice is still a stop. */
	request(&f, mk(2026, 2, 1), true, REQ_SELF);
	assert_int_equal(state_on(&f, mk(2026, 11, 24)), ELIG_STOPPED);
	/* A withdrawal alone does not make data flow without a notice. */
	request(&f, mk(2026, 3, 1), false, REQ_SELF);
	assert_int_equal(state_on(&f, mk(2026, 11, 24)), ELIG_NOT_NOTIFIED);
}

static void test_same_day_recording_order(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	notice(&f, mk(2026, 1, 10), REQ_SELF, 1);
	request(&f, mk(2026, 6, 1), true, REQ_SELF);
	request(&f, mk(2026, 6, 1), false, REQ_SELF);
	assert_int_equal(state_on(&f, mk(2026, 6, 1)), ELIG_MAY_FLOW);
	request(&f, mk(2026, 6, 1), true, REQ_SELF);
	assert_int_equal(state_on(&f, mk(2026, 6, 1)), ELIG_STOPPED);
}

static void test_future_stop_is_ignored(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	notice(&f, mk(2026, 1, 10), REQ_SELF, 1);
	request(&f, mk(2026, 12, 1), true, REQ_SELF);
	assert_int_equal(state_on(&f, mk(2026, 11, 30)), ELIG_MAY_FLOW);
	assert_int_equal(state_on(&f, mk(2026, 12, 1)), ELIG_STOPPED);
}

static void test_guardian_for_child(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(2011, 3, 1));     /* 15 on 2026-11-24 */
	/* A notice handed only to the child does not count. */
	notice(&f, mk(2026, 11, 24), REQ_SELF, 1);
	elig_result r = eligibility_on(&f.in, mk(2027, 1, 1));
	assert_int_equal(r.state, ELIG_NOT_NOTIFIED);
	assert_non_null(r.detail);
	/* The guardian's does. */
	notice(&f, mk(2026, 11, 25), REQ_GUARDIAN, 1);
	r = eligibility_on(&f.in, mk(2027, 1, 1));
	assert_int_equal(r.state, ELIG_MAY_FLOW);
	assert_date(r.notice_date, 2026, 11, 25);
	/* The guardian's notice stays valid after the 16th birthday: it was
	 * valid on its own date. */
	assert_int_equal(state_on(&f, mk(2028, 1, 1)), ELIG_MAY_FLOW);
	/* A stop by the parent. */
	request(&f, mk(2027, 2, 1), true, REQ_GUARDIAN);
	r = eligibility_on(&f.in, mk(2027, 2, 1));
	assert_int_equal(r.state, ELIG_STOPPED);
	assert_int_equal(r.stopped_by, REQ_GUARDIAN);
}

static void test_representative_when_unable(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1940, 5, 5));
	f.cap[0] = (capacity_event){ mk(2026, 1, 1), true };
	f.in.facts.capacity = f.cap;
	f.in.facts.ncapacity = 1;
	notice(&f, mk(2026, 11, 24), REQ_SELF, 1);
	assert_int_equal(state_on(&f, mk(2027, 1, 1)), ELIG_NOT_NOTIFIED);
	notice(&f, mk(2026, 11, 24), REQ_REPRESENTATIVE, 1);
	assert_int_equal(state_on(&f, mk(2027, 1, 1)), ELIG_MAY_FLOW);
}

static void test_material_version_needs_renotice(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	notice(&f, mk(2025, 4, 1), REQ_SELF, 1);
	f.in.material_version = 3;    /* the items changed materially since */
	elig_result r = eligibility_on(&f.in, mk(2026, 11, 24));
	assert_int_equal(r.state, ELIG_NEEDS_RENOTICE);
	assert_date(r.notice_date, 2025, 4, 1);
	assert_string_equal(elig_state_word(r.state), "needs-re-notice");
	/* A minor version after the material one still counts. */
	notice(&f, mk(2026, 11, 24), REQ_SELF, 4);
	r = eligibility_on(&f.in, mk(2026, 11, 30));
	assert_int_equal(r.state, ELIG_WAITING);
	assert_date(r.flow_from, 2026, 12, 25);
}

static void test_unknown_birth_fails_closed(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	f.in.facts.birth_known = false;
	notice(&f, mk(2025, 4, 1), REQ_SELF, 1);
	elig_result r = eligibility_on(&f.in, mk(2026, 11, 24));
	assert_int_not_equal(r.state, ELIG_MAY_FLOW);
	assert_non_null(r.detail);
	/* An impossible birth date is treated the same. */
	init(&f, mk(2009, 2, 29));
	notice(&f, mk(2025, 4, 1), REQ_SELF, 1);
	assert_int_not_equal(state_on(&f, mk(2026, 11, 24)), ELIG_MAY_FLOW);
	/* A broken notice date never counts. */
	init(&f, mk(1970, 3, 2));
	notice(&f, mk(2026, 2, 30), REQ_SELF, 1);
	assert_int_equal(state_on(&f, mk(2026, 11, 24)), ELIG_NOT_NOTIFIED);
}

static void test_deceased(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1940, 5, 5));
	notice(&f, mk(2025, 4, 1), REQ_SELF, 1);
	f.in.facts.died = true;
	f.in.facts.death = mk(2026, 8, 1);
	/* Deceased patients stay eligible unless the bereaved object. */
	assert_int_equal(state_on(&f, mk(2026, 11, 24)), ELIG_MAY_FLOW);
	request(&f, mk(2026, 10, 1), true, REQ_BEREAVED);
	elig_result r = eligibility_on(&f.in, mk(2026, 11, 24));
	assert_int_equal(r.state, ELIG_STOPPED);
	assert_int_equal(r.stopped_by, REQ_BEREAVED);
	/* A notice dated after death does not count. */
	fixture g;
	init(&g, mk(1940, 5, 5));
	g.in.facts.died = true;
	g.in.facts.death = mk(2026, 8, 1);
	notice(&g, mk(2026, 9, 1), REQ_SELF, 1);
	assert_int_equal(state_on(&g, mk(2026, 11, 24)), ELIG_NOT_NOTIFIED);
}

static void test_earliest_valid_notice_counts(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	notice(&f, mk(2026, 11, 20), REQ_SELF, 1);
	notice(&f, mk(2026, 10, 1), REQ_SELF, 1);
	elig_result r = eligibility_on(&f.in, mk(2026, 11, 24));
	assert_int_equal(r.state, ELIG_MAY_FLOW);
	assert_date(r.flow_from, 2026, 11, 2);
}

/* A notice dated after the as-of date is not a refused one: no reason to
 * give beyond "not notified". */
static void test_future_notice_needs_no_reason(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	notice(&f, mk(2026, 11, 24), REQ_SELF, 1);
	elig_result r = eligibility_on(&f.in, mk(2026, 11, 23));
	assert_int_equal(r.state, ELIG_NOT_NOTIFIED);
	assert_null(r.detail);
	assert_false(r.has_notice);
}

static void test_stop_before_notice_then_withdrawal(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	request(&f, mk(2026, 1, 5), true, REQ_SELF);
	notice(&f, mk(2026, 2, 1), REQ_SELF, 1);
	request(&f, mk(2026, 3, 10), false, REQ_SELF);
	/* Stopped whatever the notice says... */
	elig_result r = eligibility_on(&f.in, mk(2026, 3, 9));
	assert_int_equal(r.state, ELIG_STOPPED);
	assert_date(r.stopped_since, 2026, 1, 5);
	/* ...and after the withdrawal the notice's own date counts: its
	 * month ran out on 2026-03-02. */
	r = eligibility_on(&f.in, mk(2026, 3, 10));
	assert_int_equal(r.state, ELIG_MAY_FLOW);
	assert_date(r.flow_from, 2026, 3, 2);
	/* A withdrawal soon after a fresh notice: still waiting. */
	init(&f, mk(1970, 3, 2));
	notice(&f, mk(2026, 3, 1), REQ_SELF, 1);
	request(&f, mk(2026, 3, 5), true, REQ_SELF);
	request(&f, mk(2026, 3, 20), false, REQ_SELF);
	r = eligibility_on(&f.in, mk(2026, 3, 20));
	assert_int_equal(r.state, ELIG_WAITING);
	assert_date(r.flow_from, 2026, 4, 2);
}

/* A stop or withdrawal is judged by kind elsewhere; here every stop
 * stops, whoever filed it (a mismatched stop recorded on confirmation
 * stops too), and the state says who. */
static void test_stop_by_any_kind_stops(void **state)
{
	(void)state;
	for (int k = 0; k < REQ_KIND_COUNT; k++) {
		fixture f;
		init(&f, mk(1970, 3, 2));
		notice(&f, mk(2025, 1, 10), REQ_SELF, 1);
		request(&f, mk(2026, 6, 1), true, (requester_kind)k);
		elig_result r = eligibility_on(&f.in, mk(2026, 6, 1));
		assert_int_equal(r.state, ELIG_STOPPED);
		assert_int_equal(r.stopped_by, k);
	}
}

static void test_unreadable_stop_date_stops(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	notice(&f, mk(2025, 1, 10), REQ_SELF, 1);
	request(&f, mk(0, 0, 0), true, REQ_SELF);
	request(&f, mk(2026, 6, 1), false, REQ_SELF);
	elig_result r = eligibility_on(&f.in, mk(2026, 11, 24));
	assert_int_equal(r.state, ELIG_STOPPED);
	assert_non_null(r.detail);
	/* A withdrawal that cannot be read lets nothing flow. */
	init(&f, mk(1970, 3, 2));
	notice(&f, mk(2025, 1, 10), REQ_SELF, 1);
	request(&f, mk(2026, 1, 1), true, REQ_SELF);
	request(&f, mk(2026, 2, 30), false, REQ_SELF);
	assert_int_equal(state_on(&f, mk(2026, 11, 24)), ELIG_STOPPED);
}

static void test_invalid_asof_fails_closed(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	notice(&f, mk(2025, 1, 10), REQ_SELF, 1);
	elig_result r = eligibility_on(&f.in, mk(2026, 2, 30));
	assert_int_not_equal(r.state, ELIG_MAY_FLOW);
	assert_non_null(r.detail);
	r = eligibility_on(&f.in, mk(0, 0, 0));
	assert_int_not_equal(r.state, ELIG_MAY_FLOW);
}

/* The 16th birthday, 29 February births included, decides whether a
 * notice to the patient counted. */
static void test_notice_around_16th_birthday(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(2010, 11, 25));
	notice(&f, mk(2026, 11, 24), REQ_SELF, 1);     /* still 15 */
	assert_int_equal(state_on(&f, mk(2027, 6, 1)), ELIG_NOT_NOTIFIED);
	notice(&f, mk(2026, 11, 25), REQ_SELF, 1);     /* 16 today */
	elig_result r = eligibility_on(&f.in, mk(2027, 6, 1));
	assert_int_equal(r.state, ELIG_MAY_FLOW);
	assert_date(r.notice_date, 2026, 11, 25);
	/* A guardian's notice after the 16th birthday does not count. */
	init(&f, mk(2010, 11, 25));
	notice(&f, mk(2026, 12, 1), REQ_GUARDIAN, 1);
	assert_int_equal(state_on(&f, mk(2027, 6, 1)), ELIG_NOT_NOTIFIED);
	/* Born 2084-02-29: 2100 has no 29 February, so the patient is still
	 * 15 on 28 February and the guardian receives the notice then. */
	init(&f, mk(2084, 2, 29));
	notice(&f, mk(2100, 2, 28), REQ_SELF, 1);
	assert_int_equal(state_on(&f, mk(2100, 6, 1)), ELIG_NOT_NOTIFIED);
	notice(&f, mk(2100, 2, 28), REQ_GUARDIAN, 1);
	r = eligibility_on(&f.in, mk(2100, 6, 1));
	assert_int_equal(r.state, ELIG_MAY_FLOW);
	assert_date(r.flow_from, 2100, 4, 1);   /* S = 1 March */
	init(&f, mk(2084, 2, 29));
	notice(&f, mk(2100, 3, 1), REQ_SELF, 1);
	assert_int_equal(state_on(&f, mk(2100, 6, 1)), ELIG_MAY_FLOW);
}

/* A notice valid on its date stays valid when the patient's state changes
 * later: the law asks for notice once, to the right person at the time. */
static void test_notice_survives_later_changes(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1940, 5, 5));
	f.cap[0] = (capacity_event){ mk(2026, 3, 1), true };
	f.cap[1] = (capacity_event){ mk(2026, 9, 1), false };
	f.in.facts.capacity = f.cap;
	f.in.facts.ncapacity = 2;
	/* To the patient before the flag, to the representative under it. */
	notice(&f, mk(2026, 1, 10), REQ_SELF, 1);
	assert_int_equal(state_on(&f, mk(2026, 6, 1)), ELIG_MAY_FLOW);
	init(&f, mk(1940, 5, 5));
	f.cap[0] = (capacity_event){ mk(2026, 3, 1), true };
	f.cap[1] = (capacity_event){ mk(2026, 9, 1), false };
	f.in.facts.capacity = f.cap;
	f.in.facts.ncapacity = 2;
	notice(&f, mk(2026, 4, 1), REQ_REPRESENTATIVE, 1);
	assert_int_equal(state_on(&f, mk(2026, 10, 1)), ELIG_MAY_FLOW);
	/* The patient alone while flagged: does not count. */
	notice(&f, mk(2026, 4, 1), REQ_SELF, 1);
	f.in.notices = f.n + 1;
	f.in.nnotices = 1;
	elig_result r = eligibility_on(&f.in, mk(2026, 10, 1));
	assert_int_equal(r.state, ELIG_NOT_NOTIFIED);
	assert_non_null(r.detail);
}

static void test_renotice_details(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1970, 3, 2));
	f.in.material_version = 5;
	notice(&f, mk(2024, 4, 1), REQ_SELF, 2);
	notice(&f, mk(2025, 4, 1), REQ_SELF, 4);
	/* The latest of the old notices is the one to show. */
	elig_result r = eligibility_on(&f.in, mk(2026, 11, 24));
	assert_int_equal(r.state, ELIG_NEEDS_RENOTICE);
	assert_false(r.has_notice);
	assert_date(r.notice_date, 2025, 4, 1);
	assert_non_null(r.detail);
	/* The re-notice starts its own waiting period. */
	notice(&f, mk(2026, 11, 24), REQ_SELF, 5);
	r = eligibility_on(&f.in, mk(2026, 12, 24));
	assert_int_equal(r.state, ELIG_WAITING);
	assert_date(r.notice_date, 2026, 11, 24);
	assert_date(r.flow_from, 2026, 12, 25);
	assert_null(r.detail);
	assert_int_equal(state_on(&f, mk(2026, 12, 25)), ELIG_MAY_FLOW);
	/* Before the re-notice, the date still needs one. */
	assert_int_equal(state_on(&f, mk(2026, 11, 23)), ELIG_NEEDS_RENOTICE);
	/* An old notice to a child alone does not even need re-notice. */
	init(&f, mk(2011, 3, 1));
	f.in.material_version = 5;
	notice(&f, mk(2025, 4, 1), REQ_SELF, 4);
	assert_int_equal(state_on(&f, mk(2026, 11, 24)), ELIG_NOT_NOTIFIED);
	/* A stop outranks the need for re-notice. */
	init(&f, mk(1970, 3, 2));
	f.in.material_version = 5;
	notice(&f, mk(2025, 4, 1), REQ_SELF, 4);
	request(&f, mk(2026, 1, 1), true, REQ_SELF);
	assert_int_equal(state_on(&f, mk(2026, 11, 24)), ELIG_STOPPED);
}

static void test_deceased_bereaved_withdraw(void **state)
{
	(void)state;
	fixture f;
	init(&f, mk(1940, 5, 5));
	f.in.facts.died = true;
	f.in.facts.death = mk(2026, 8, 1);
	notice(&f, mk(2025, 4, 1), REQ_SELF, 1);
	request(&f, mk(2026, 9, 1), true, REQ_BEREAVED);
	request(&f, mk(2026, 10, 1), false, REQ_BEREAVED);
	assert_int_equal(state_on(&f, mk(2026, 9, 30)), ELIG_STOPPED);
	assert_int_equal(state_on(&f, mk(2026, 10, 1)), ELIG_MAY_FLOW);
	/* A stop the patient filed in life still stands after death. */
	init(&f, mk(1940, 5, 5));
	f.in.facts.died = true;
	f.in.facts.death = mk(2026, 8, 1);
	notice(&f, mk(2025, 4, 1), REQ_SELF, 1);
	request(&f, mk(2026, 1, 1), true, REQ_SELF);
	elig_result r = eligibility_on(&f.in, mk(2026, 11, 24));
	assert_int_equal(r.state, ELIG_STOPPED);
	assert_int_equal(r.stopped_by, REQ_SELF);
	/* Unknown birth date and deceased: still fails closed. */
	init(&f, mk(1940, 5, 5));
	f.in.facts.birth_known = false;
	f.in.facts.died = true;
	f.in.facts.death = mk(2026, 8, 1);
	notice(&f, mk(2025, 4, 1), REQ_SELF, 1);
	assert_int_not_equal(state_on(&f, mk(2026, 11, 24)), ELIG_MAY_FLOW);
}

/* Whatever the events, may-flow only ever comes with a valid current
 * notice whose waiting period is over and no stop in force. */
static void test_may_flow_invariant(void **state)
{
	(void)state;
	static const od_date dates[] = {
		{ 2026, 1, 1 }, { 2026, 1, 31 }, { 2026, 2, 28 }, { 2026, 3, 1 }, { 2026, 6, 1 },
	};
	const size_t nd = sizeof dates / sizeof dates[0];
	for (size_t a = 0; a < nd; a++)
		for (int who = 0; who < REQ_KIND_COUNT; who++)
			for (int req = 0; req < 4; req++)
				for (size_t b = 0; b < nd; b++)
					for (size_t asof = 0; asof < nd; asof++) {
						fixture f;
						init(&f, mk(2011, 1, 31));   /* turns 16 on 2027-01-31 */
						notice(&f, dates[a], (requester_kind)who, 1);
						if (req > 0)
							request(&f, dates[b], req == 1, REQ_SELF);
						if (req == 3)   /* withdrawal then stop, same day */
							request(&f, dates[b], true, REQ_GUARDIAN);
						elig_result r = eligibility_on(&f.in, dates[asof]);
						const bool stop_in_force = (req == 1 || req == 3) &&
							date_cmp(dates[b], dates[asof]) <= 0;
						if (stop_in_force) {
							assert_int_equal(r.state, ELIG_STOPPED);
							continue;
						}
						/* Under 16 all year: only the guardian's notice counts. */
						const bool valid = who == REQ_GUARDIAN &&
							date_cmp(dates[a], dates[asof]) <= 0;
						if (!valid) {
							assert_int_equal(r.state, ELIG_NOT_NOTIFIED);
							continue;
						}
						const od_date from = date_flow_from(dates[a], 1);
						assert_int_equal(r.state, date_cmp(dates[asof], from) >= 0
						                 ? ELIG_MAY_FLOW : ELIG_WAITING);
						assert_true(r.has_notice);
					}
}

static void test_labels(void **state)
{
	(void)state;
	for (int s = 0; s < ELIG_STATE_COUNT; s++) {
		assert_non_null(elig_state_label((elig_state)s));
		assert_non_null(elig_state_word((elig_state)s));
	}
	assert_string_equal(elig_state_word((elig_state)99), "not-notified");
	/* The words scripts read (issue 2's contract). */
	static const char *const words[] = { "not-notified", "waiting", "may-flow", "stopped",
	                                     "needs-re-notice" };
	for (int s = 0; s < ELIG_STATE_COUNT; s++)
		assert_string_equal(elig_state_word((elig_state)s), words[s]);
	assert_string_equal(elig_state_label(ELIG_MAY_FLOW), "May flow");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_notified),
		cmocka_unit_test(test_waiting_then_may_flow),
		cmocka_unit_test(test_flow_from_table),
		cmocka_unit_test(test_wait_months_setting),
		cmocka_unit_test(test_stop_and_withdrawal),
		cmocka_unit_test(test_stop_without_notice),
		cmocka_unit_test(test_same_day_recording_order),
		cmocka_unit_test(test_future_stop_is_ignored),
		cmocka_unit_test(test_guardian_for_child),
		cmocka_unit_test(test_representative_when_unable),
		cmocka_unit_test(test_material_version_needs_renotice),
		cmocka_unit_test(test_unknown_birth_fails_closed),
		cmocka_unit_test(test_deceased),
		cmocka_unit_test(test_earliest_valid_notice_counts),
		cmocka_unit_test(test_future_notice_needs_no_reason),
		cmocka_unit_test(test_stop_before_notice_then_withdrawal),
		cmocka_unit_test(test_stop_by_any_kind_stops),
		cmocka_unit_test(test_unreadable_stop_date_stops),
		cmocka_unit_test(test_invalid_asof_fails_closed),
		cmocka_unit_test(test_notice_around_16th_birthday),
		cmocka_unit_test(test_notice_survives_later_changes),
		cmocka_unit_test(test_renotice_details),
		cmocka_unit_test(test_deceased_bereaved_withdraw),
		cmocka_unit_test(test_may_flow_invariant),
		cmocka_unit_test(test_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
