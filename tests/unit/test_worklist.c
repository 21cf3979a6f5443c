/* core/worklist: who must be told again (issue 13), at the edges the
 * command-line test cannot reach: a 29 February birthday in a year
 * without one, the order of the reasons, the dead and the stopped. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "tests/unit/helpers.h"

#include "core/worklist.h"

typedef struct fixture {
	elig_input in;
	notice_event n[4];
	request_event r[4];
	capacity_event cap[4];
} fixture;

static void init(fixture *f, od_date birth)
{
	memset(f, 0, sizeof *f);
	f->in.facts.birth_known = true;
	f->in.facts.birth = birth;
	f->in.facts.capacity = f->cap;
	f->in.notices = f->n;
	f->in.requests = f->r;
	f->in.material_version = 2;
	f->in.wait_months = 1;
}

static void notice(fixture *f, od_date d, requester_kind to, long version)
{
	f->n[f->in.nnotices++] = (notice_event){ .date = d, .to = to, .version = version };
}

static void capacity(fixture *f, od_date d, bool unable)
{
	f->cap[f->in.facts.ncapacity++] = (capacity_event){ .date = d, .unable = unable };
}

static renotice_reason reason_on(fixture *f, od_date asof, od_date *since)
{
	*since = mk(0, 0, 0);
	return worklist_renotice(&f->in, asof, since);
}

static void test_turned_16_on_1_march(void **state)
{
	(void)state;
	fixture f;
	od_date since;
	/* 2100 has no 29 February: the 16th birthday is 1 March. */
	init(&f, mk(2084, 2, 29));
	notice(&f, mk(2090, 1, 10), REQ_GUARDIAN, 2);
	assert_int_equal(reason_on(&f, mk(2100, 2, 28), &since), RENOTICE_NONE);
	assert_int_equal(reason_on(&f, mk(2100, 3, 1), &since), RENOTICE_TURNED_16);
	assert_date(since, 2100, 3, 1);
	/* Told in person since: off the list. */
	notice(&f, mk(2100, 3, 2), REQ_SELF, 2);
	assert_int_equal(reason_on(&f, mk(2100, 3, 2), &since), RENOTICE_NONE);
	/* A notice to self under an earlier version does not end it. */
	f.n[1].version = 1;
	assert_int_equal(reason_on(&f, mk(2100, 3, 2), &since), RENOTICE_TURNED_16);
}

static void test_able_again(void **state)
{
	(void)state;
	fixture f;
	od_date since;
	init(&f, mk(1950, 1, 1));
	capacity(&f, mk(2026, 1, 5), true);
	notice(&f, mk(2026, 1, 10), REQ_REPRESENTATIVE, 2);
	assert_int_equal(reason_on(&f, mk(2026, 6, 1), &since), RENOTICE_NONE);
	capacity(&f, mk(2026, 7, 1), false);
	assert_int_equal(reason_on(&f, mk(2026, 6, 30), &since), RENOTICE_NONE);
	assert_int_equal(reason_on(&f, mk(2026, 7, 1), &since), RENOTICE_ABLE);
	assert_date(since, 2026, 7, 1);
}

static void test_version_first_and_who_is_left_out(void **state)
{
	(void)state;
	fixture f;
	od_date since;
	init(&f, mk(2010, 11, 1));
	notice(&f, mk(2026, 5, 1), REQ_GUARDIAN, 1);
	/* Only an earlier version: that is the reason, with its date. */
	assert_int_equal(reason_on(&f, mk(2026, 11, 24), &since), RENOTICE_VERSION);
	assert_date(since, 2026, 5, 1);
	/* A stop in force: nobody to tell. */
	f.r[f.in.nrequests++] = (request_event){ .date = mk(2026, 11, 1), .stop = true,
	                                         .by = REQ_SELF };
	assert_int_equal(reason_on(&f, mk(2026, 11, 24), &since), RENOTICE_NONE);
	f.in.nrequests = 0;
	/* The dead are told nothing. */
	f.in.facts.died = true;
	f.in.facts.death = mk(2026, 11, 2);
	assert_int_equal(reason_on(&f, mk(2026, 11, 24), &since), RENOTICE_NONE);
	/* No valid notice at all: that is the not-notified list. */
	init(&f, mk(2010, 11, 1));
	notice(&f, mk(2026, 5, 1), REQ_SELF, 2);   /* a child's own: invalid */
	assert_int_equal(reason_on(&f, mk(2026, 11, 24), &since), RENOTICE_NONE);
	assert_true(worklist_needs_notice(eligibility_on(&f.in, mk(2026, 11, 24)).state));
}

static void test_words(void **state)
{
	(void)state;
	for (int k = 0; k < WL_COUNT; k++) {
		worklist_kind got;
		assert_true(worklist_parse(worklist_word((worklist_kind)k), &got));
		assert_int_equal(got, k);
	}
	worklist_kind got;
	assert_false(worklist_parse("everyone", &got));
	assert_false(worklist_needs_notice(ELIG_STOPPED));
	assert_false(worklist_needs_notice(ELIG_WAITING));
	assert_true(worklist_needs_notice(ELIG_NEEDS_RENOTICE));
	assert_string_equal(renotice_reason_word(RENOTICE_ABLE), "able-again");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_turned_16_on_1_march),
		cmocka_unit_test(test_able_again),
		cmocka_unit_test(test_version_first_and_who_is_left_out),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
