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

static void test_labels(void **state)
{
	(void)state;
	for (int s = 0; s < ELIG_STATE_COUNT; s++) {
		assert_non_null(elig_state_label((elig_state)s));
		assert_non_null(elig_state_word((elig_state)s));
	}
	assert_string_equal(elig_state_word((elig_state)99), "not-notified");
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
		cmocka_unit_test(test_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
