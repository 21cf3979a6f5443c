/* core/rules: who may receive a notice and who may file a stop or a
 * withdrawal, on the date concerned (domain brief, "Actors", "The notice",
 * "Age", "Requests to stop"). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "tests/unit/helpers.h"

#include "core/rules.h"

#define BIT(k) (1u << (k))
#define ALL_KINDS (BIT(REQ_SELF) | BIT(REQ_GUARDIAN) | BIT(REQ_REPRESENTATIVE) | BIT(REQ_BEREAVED))

static patient_facts born(int y, int m, int d)
{
	patient_facts f = { .birth_known = true, .birth = mk(y, m, d) };
	return f;
}

/* The verdict for `who` doing `act` for patient `f` on y-m-d. */
static rule_verdict check_on(const patient_facts *f, request_action act, requester_kind who,
                             int y, int m, int d)
{
	return rules_check(act, who, rules_state_on(f, mk(y, m, d)));
}

static void assert_says(const char *why, const char *words)
{
	if (why == NULL)
		fail_msg("no explanation, want one that says \"%s\"", words);
	if (strstr(why, words) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", why, words);
}

/* ---- the state on a date ------------------------------------------------- */

static void test_state_under16_on_the_date(void **state)
{
	(void)state;
	patient_facts f = born(2010, 11, 25);
	/* 15 on 2026-11-24, 16 from 2026-11-25. */
	assert_true(rules_state_on(&f, mk(2026, 11, 24)).under16);
	assert_false(rules_state_on(&f, mk(2026, 11, 25)).under16);
	/* The check is made as of the date, never "today". */
	assert_true(rules_state_on(&f, mk(2020, 1, 1)).under16);
	assert_false(rules_state_on(&f, mk(2040, 1, 1)).under16);
	patient_on_date st = rules_state_on(&f, mk(2026, 11, 24));
	assert_true(st.birth_known);
	assert_true(st.born);
	assert_false(st.deceased);
	assert_false(st.unable);
}

static void test_state_29_february(void **state)
{
	(void)state;
	/* Born on 29 February of a leap year, 16 in a leap year: the 16th
	 * birthday is 29 February itself. */
	patient_facts f = born(2008, 2, 29);
	assert_true(rules_state_on(&f, mk(2024, 2, 28)).under16);
	assert_false(rules_state_on(&f, mk(2024, 2, 29)).under16);
	/* 2100 has no 29 February: someone born 2084-02-29 is still 15 on
	 * 28 February and turns 16 on 1 March. */
	f = born(2084, 2, 29);
	assert_true(rules_state_on(&f, mk(2100, 2, 28)).under16);
	assert_false(rules_state_on(&f, mk(2100, 3, 1)).under16);
	/* So the notice goes to the guardian on the 28th, to the patient on
	 * 1 March. */
	assert_true(check_on(&f, ACT_NOTICE, REQ_GUARDIAN, 2100, 2, 28).ok);
	assert_false(check_on(&f, ACT_NOTICE, REQ_SELF, 2100, 2, 28).ok);
	assert_true(check_on(&f, ACT_NOTICE, REQ_SELF, 2100, 3, 1).ok);
	assert_false(check_on(&f, ACT_NOTICE, REQ_GUARDIAN, 2100, 3, 1).ok);
}

static void test_state_capacity_and_death(void **state)
{
	(void)state;
	capacity_event cap[] = {
		{ mk(2025, 1, 10), true },
		{ mk(2026, 6, 1), false },
		{ mk(2026, 6, 1), true },    /* same day: the later record wins */
		{ mk(2026, 9, 1), false },
	};
	patient_facts f = born(1950, 5, 5);
	f.capacity = cap;
	f.ncapacity = 4;
	assert_false(rules_state_on(&f, mk(2025, 1, 9)).unable);
	assert_true(rules_state_on(&f, mk(2025, 1, 10)).unable);
	assert_true(rules_state_on(&f, mk(2026, 5, 31)).unable);
	assert_true(rules_state_on(&f, mk(2026, 6, 1)).unable);
	assert_true(rules_state_on(&f, mk(2026, 8, 31)).unable);
	assert_false(rules_state_on(&f, mk(2026, 9, 1)).unable);
	/* No events at all: able. */
	f.ncapacity = 0;
	assert_false(rules_state_on(&f, mk(2026, 8, 31)).unable);
	f.ncapacity = 4;

	f.died = true;
	f.death = mk(2026, 10, 1);
	assert_false(rules_state_on(&f, mk(2026, 9, 30)).deceased);
	assert_true(rules_state_on(&f, mk(2026, 10, 1)).deceased);
	assert_true(rules_state_on(&f, mk(2026, 11, 24)).deceased);
	/* Before the death, the living rules apply. */
	assert_true(check_on(&f, ACT_NOTICE, REQ_SELF, 2026, 9, 30).ok);
	assert_false(check_on(&f, ACT_NOTICE, REQ_SELF, 2026, 10, 1).ok);
}

static void test_state_before_birth_and_unknown(void **state)
{
	(void)state;
	patient_facts f = born(2020, 4, 1);
	assert_false(rules_state_on(&f, mk(2020, 3, 31)).born);
	assert_true(rules_state_on(&f, mk(2020, 4, 1)).born);
	assert_true(rules_state_on(&f, mk(2020, 4, 1)).under16);
	patient_facts u = { .birth_known = false };
	patient_on_date st = rules_state_on(&u, mk(2026, 11, 24));
	assert_false(st.birth_known);
	assert_false(st.under16);
	/* An impossible birth date is no better than none. */
	patient_facts bad = born(2009, 2, 29);
	assert_false(rules_state_on(&bad, mk(2026, 11, 24)).birth_known);
}

/* ---- verdicts ------------------------------------------------------------ */

static patient_on_date adult(void) { return (patient_on_date){ .birth_known = true, .born = true }; }
static patient_on_date child(void) { return (patient_on_date){ .birth_known = true, .born = true, .under16 = true }; }
static patient_on_date unable(void) { return (patient_on_date){ .birth_known = true, .born = true, .unable = true }; }
static patient_on_date dead(void) { return (patient_on_date){ .birth_known = true, .born = true, .deceased = true }; }

static void test_notice_recipients(void **state)
{
	(void)state;
	assert_true(rules_check(ACT_NOTICE, REQ_SELF, adult()).ok);
	/* A guardian for a 15-year-old; the child alone does not count. */
	assert_true(rules_check(ACT_NOTICE, REQ_GUARDIAN, child()).ok);
	rule_verdict v = rules_check(ACT_NOTICE, REQ_SELF, child());
	assert_false(v.ok);
	assert_false(v.overridable);
	assert_int_equal(v.fits, BIT(REQ_GUARDIAN));
	assert_says(v.why, "under 16");
	assert_says(v.why, "does not count");
	/* A representative for someone unable to decide. */
	assert_true(rules_check(ACT_NOTICE, REQ_REPRESENTATIVE, unable()).ok);
	v = rules_check(ACT_NOTICE, REQ_SELF, unable());
	assert_false(v.ok);
	assert_int_equal(v.fits, BIT(REQ_REPRESENTATIVE));
	assert_says(v.why, "unable to decide");
	/* A child who is also unable to decide: either may receive it. */
	patient_on_date both = child();
	both.unable = true;
	assert_true(rules_check(ACT_NOTICE, REQ_GUARDIAN, both).ok);
	assert_true(rules_check(ACT_NOTICE, REQ_REPRESENTATIVE, both).ok);
	assert_false(rules_check(ACT_NOTICE, REQ_SELF, both).ok);
	/* Nobody receives a notice for the dead, and the desk says so. */
	for (int k = 0; k < REQ_KIND_COUNT; k++) {
		v = rules_check(ACT_NOTICE, (requester_kind)k, dead());
		assert_false(v.ok);
		assert_false(v.overridable);
		assert_int_equal(v.fits, 0);
		assert_says(v.why, "died");
	}
	/* A guardian for an adult is refused, naming the kind that fits. */
	v = rules_check(ACT_NOTICE, REQ_GUARDIAN, adult());
	assert_false(v.ok);
	assert_false(v.overridable);
	assert_int_equal(v.fits, BIT(REQ_SELF));
	assert_says(v.why, "16 or older");
	/* The bereaved are no recipients for the living. */
	v = rules_check(ACT_NOTICE, REQ_BEREAVED, adult());
	assert_false(v.ok);
	assert_says(v.why, "alive");
}

/* The brief's examples with real dates. */
static void test_domain_examples(void **state)
{
	(void)state;
	/* A 15-year-old: the guardian receives the notice and may stop. */
	patient_facts f = born(2011, 3, 1);
	assert_true(check_on(&f, ACT_NOTICE, REQ_GUARDIAN, 2026, 11, 24).ok);
	assert_true(check_on(&f, ACT_STOP, REQ_GUARDIAN, 2026, 11, 24).ok);
	assert_true(check_on(&f, ACT_STOP, REQ_SELF, 2026, 11, 24).ok);
	assert_false(check_on(&f, ACT_WITHDRAW, REQ_SELF, 2026, 11, 24).ok);
	assert_true(check_on(&f, ACT_WITHDRAW, REQ_GUARDIAN, 2026, 11, 24).ok);
	/* The parent of a 17-year-old: a stop is explained and overridable,
	 * naming the patient as the one who fits. */
	f = born(2009, 5, 1);
	rule_verdict v = check_on(&f, ACT_STOP, REQ_GUARDIAN, 2026, 11, 24);
	assert_false(v.ok);
	assert_true(v.overridable);
	assert_int_equal(v.fits, BIT(REQ_SELF));
	assert_says(v.why, "16 or older");
	/* ...a withdrawal by that parent is simply refused. */
	v = check_on(&f, ACT_WITHDRAW, REQ_GUARDIAN, 2026, 11, 24);
	assert_false(v.ok);
	assert_false(v.overridable);
	assert_int_equal(v.fits, BIT(REQ_SELF));
	/* A relative of a living adult holding a letter of delegation. */
	f = born(1970, 3, 2);
	v = check_on(&f, ACT_STOP, REQ_REPRESENTATIVE, 2026, 11, 24);
	assert_false(v.ok);
	assert_true(v.overridable);
	assert_int_equal(v.fits, BIT(REQ_SELF));
	assert_says(v.why, "unable to decide");
	v = check_on(&f, ACT_STOP, REQ_BEREAVED, 2026, 11, 24);
	assert_false(v.ok);
	assert_true(v.overridable);
	/* The bereaved family of a deceased patient. */
	f.died = true;
	f.death = mk(2026, 8, 1);
	assert_true(check_on(&f, ACT_STOP, REQ_BEREAVED, 2026, 11, 24).ok);
	assert_true(check_on(&f, ACT_WITHDRAW, REQ_BEREAVED, 2026, 11, 24).ok);
	/* ...but not the day before the death. */
	v = check_on(&f, ACT_STOP, REQ_BEREAVED, 2026, 7, 31);
	assert_false(v.ok);
	assert_true(v.overridable);
	assert_says(v.why, "alive");
	/* The turn of the 16th birthday: guardian until the day before. */
	f = born(2010, 11, 25);
	assert_true(check_on(&f, ACT_WITHDRAW, REQ_GUARDIAN, 2026, 11, 24).ok);
	assert_false(check_on(&f, ACT_WITHDRAW, REQ_GUARDIAN, 2026, 11, 25).ok);
	assert_true(check_on(&f, ACT_WITHDRAW, REQ_SELF, 2026, 11, 25).ok);
}

static void test_stop_is_lopsided(void **state)
{
	(void)state;
	/* The parent of a 17-year-old: explained, and overridable. */
	rule_verdict v = rules_check(ACT_STOP, REQ_GUARDIAN, adult());
	assert_false(v.ok);
	assert_true(v.overridable);
	assert_int_equal(v.fits, BIT(REQ_SELF));
	assert_non_null(v.why);
	/* A child under 16 may file too, as may the guardian. */
	assert_true(rules_check(ACT_STOP, REQ_SELF, child()).ok);
	assert_true(rules_check(ACT_STOP, REQ_GUARDIAN, child()).ok);
	assert_true(rules_check(ACT_STOP, REQ_REPRESENTATIVE, unable()).ok);
	/* Self always, while alive: someone flagged unable too. */
	assert_true(rules_check(ACT_STOP, REQ_SELF, unable()).ok);
	/* The bereaved for a deceased patient, and only for one. */
	assert_true(rules_check(ACT_STOP, REQ_BEREAVED, dead()).ok);
	v = rules_check(ACT_STOP, REQ_BEREAVED, adult());
	assert_false(v.ok);
	assert_true(v.overridable);
	assert_says(v.why, "alive");
	/* A stop "by the patient" after their death cannot be theirs:
	 * explained, still recordable on confirmation. */
	v = rules_check(ACT_STOP, REQ_SELF, dead());
	assert_false(v.ok);
	assert_true(v.overridable);
	assert_int_equal(v.fits, BIT(REQ_BEREAVED));
	assert_says(v.why, "bereaved");
	/* A guardian for a child who has died: the bereaved act now. */
	patient_on_date dead_child = dead();
	dead_child.under16 = true;
	v = rules_check(ACT_STOP, REQ_GUARDIAN, dead_child);
	assert_false(v.ok);
	assert_true(v.overridable);
	assert_int_equal(v.fits, BIT(REQ_BEREAVED));
}

static void test_withdrawal_is_strict(void **state)
{
	(void)state;
	assert_true(rules_check(ACT_WITHDRAW, REQ_SELF, adult()).ok);
	/* A child under 16 cannot withdraw; the guardian can. */
	rule_verdict v = rules_check(ACT_WITHDRAW, REQ_SELF, child());
	assert_false(v.ok);
	assert_false(v.overridable);
	assert_int_equal(v.fits, BIT(REQ_GUARDIAN));
	assert_says(v.why, "guardian");
	assert_true(rules_check(ACT_WITHDRAW, REQ_GUARDIAN, child()).ok);
	v = rules_check(ACT_WITHDRAW, REQ_GUARDIAN, adult());
	assert_false(v.ok);
	assert_false(v.overridable);
	/* Someone unable to decide cannot withdraw alone. */
	v = rules_check(ACT_WITHDRAW, REQ_SELF, unable());
	assert_false(v.ok);
	assert_false(v.overridable);
	assert_int_equal(v.fits, BIT(REQ_REPRESENTATIVE));
	assert_says(v.why, "representative");
	assert_true(rules_check(ACT_WITHDRAW, REQ_BEREAVED, dead()).ok);
	assert_false(rules_check(ACT_WITHDRAW, REQ_SELF, dead()).ok);
	assert_false(rules_check(ACT_WITHDRAW, REQ_SELF, dead()).overridable);
}

static void test_unknown_birth_fails_closed(void **state)
{
	(void)state;
	patient_on_date st = { .birth_known = false, .born = true };
	for (int k = 0; k < REQ_KIND_COUNT; k++) {
		rule_verdict n = rules_check(ACT_NOTICE, (requester_kind)k, st);
		rule_verdict w = rules_check(ACT_WITHDRAW, (requester_kind)k, st);
		assert_false(n.ok);
		assert_false(n.overridable);
		assert_false(w.ok);
		assert_false(w.overridable);
		assert_says(n.why, "birth date");
		assert_says(w.why, "birth date");
		/* A stop is always recordable, at worst on confirmation. */
		rule_verdict s = rules_check(ACT_STOP, (requester_kind)k, st);
		assert_true(s.ok || s.overridable);
	}
	assert_true(rules_check(ACT_STOP, REQ_SELF, st).ok);
	rule_verdict v = rules_check(ACT_STOP, REQ_GUARDIAN, st);
	assert_false(v.ok);
	assert_true(v.overridable);
	assert_int_equal(v.fits, BIT(REQ_SELF));
	assert_says(v.why, "birth date");
	/* Whether the patient is unable to decide does not hang on the birth
	 * date: the representative's stop fits, and a representative's stop
	 * for someone able says that, not "birth date". */
	v = rules_check(ACT_STOP, REQ_REPRESENTATIVE, st);
	assert_false(v.ok);
	assert_says(v.why, "unable to decide");
	st.unable = true;
	v = rules_check(ACT_STOP, REQ_REPRESENTATIVE, st);
	assert_true(v.ok);
	assert_null(v.why);
	assert_int_equal(v.fits, BIT(REQ_SELF) | BIT(REQ_REPRESENTATIVE));
	/* Still no notice or withdrawal until the birth date is known. */
	assert_false(rules_check(ACT_NOTICE, REQ_REPRESENTATIVE, st).ok);
	assert_false(rules_check(ACT_WITHDRAW, REQ_REPRESENTATIVE, st).ok);
	/* Deceased with no birth date: the bereaved still act. */
	patient_on_date d = { .birth_known = false, .born = true, .deceased = true };
	assert_true(rules_check(ACT_STOP, REQ_BEREAVED, d).ok);
	assert_true(rules_check(ACT_WITHDRAW, REQ_BEREAVED, d).ok);
	assert_false(rules_check(ACT_NOTICE, REQ_SELF, d).ok);
}

static void test_before_birth(void **state)
{
	(void)state;
	patient_on_date st = { .birth_known = true, .born = false };
	for (int a = 0; a < ACT_COUNT; a++)
		for (int k = 0; k < REQ_KIND_COUNT; k++) {
			rule_verdict v = rules_check((request_action)a, (requester_kind)k, st);
			assert_false(v.ok);
			assert_int_equal(v.fits, 0);
			assert_says(v.why, "before the patient's birth");
			assert_int_equal(v.overridable, a == ACT_STOP);
		}
	/* With real dates: a notice dated the day before the birth. */
	patient_facts f = born(2020, 4, 1);
	assert_false(check_on(&f, ACT_NOTICE, REQ_GUARDIAN, 2020, 3, 31).ok);
	assert_true(check_on(&f, ACT_NOTICE, REQ_GUARDIAN, 2020, 4, 1).ok);
}

static void test_unknown_values(void **state)
{
	(void)state;
	rule_verdict v = rules_check(ACT_STOP, (requester_kind)REQ_KIND_COUNT, adult());
	assert_false(v.ok);
	assert_false(v.overridable);
	assert_non_null(v.why);
	v = rules_check((request_action)ACT_COUNT, REQ_SELF, adult());
	assert_false(v.ok);
	assert_non_null(v.why);
	v = rules_check(ACT_STOP, (requester_kind)-1, adult());
	assert_false(v.ok);
}

/* What the domain brief says, written out separately from the code. */
static bool brief_fits(request_action act, requester_kind who, patient_on_date st)
{
	if (st.birth_known && !st.born)
		return false;
	if (st.deceased)
		return act != ACT_NOTICE && who == REQ_BEREAVED;
	if (!st.birth_known)
		return act == ACT_STOP &&
		       (who == REQ_SELF || (who == REQ_REPRESENTATIVE && st.unable));
	switch (who) {
	case REQ_SELF:
		return act == ACT_STOP || (!st.under16 && !st.unable);
	case REQ_GUARDIAN:
		return st.under16;
	case REQ_REPRESENTATIVE:
		return st.unable;
	default:
		return false;
	}
}

/* Every kind, act and state: the rules as the brief states them, and the
 * invariants the law asks for. */
static void test_exhaustive(void **state)
{
	(void)state;
	for (unsigned mask = 0; mask < 32; mask++) {
		const bool known = mask & 1;
		patient_on_date st = {
			.birth_known = known, .under16 = known && (mask & 2),
			.unable = mask & 4, .deceased = mask & 8, .born = !known || !(mask & 16),
		};
		if (!known && (mask & (2 | 16)))
			continue;   /* same states as with those bits clear */
		for (int a = 0; a < ACT_COUNT; a++) {
			unsigned want_fits = 0;
			for (int k = 0; k < REQ_KIND_COUNT; k++)
				if (brief_fits((request_action)a, (requester_kind)k, st))
					want_fits |= BIT(k);
			for (int k = 0; k < REQ_KIND_COUNT; k++) {
				rule_verdict v = rules_check((request_action)a, (requester_kind)k, st);
				const bool want = brief_fits((request_action)a, (requester_kind)k, st);
				if (v.ok != want || v.fits != want_fits)
					fail_msg("act %d kind %d state %#x: ok %d fits %#x, want %d %#x",
					         a, k, mask, v.ok, v.fits, want, want_fits);
				/* Notices and withdrawals are never overridable; every
				 * refused stop is. */
				assert_int_equal(v.overridable, !v.ok && a == ACT_STOP);
				/* A refusal always explains itself, an acceptance never. */
				if (v.ok)
					assert_null(v.why);
				else
					assert_true(v.why != NULL && v.why[0] != '\0');
				/* A stop by a living patient is never refused. */
				if (a == ACT_STOP && st.born && !st.deceased && k == REQ_SELF)
					assert_true(v.ok);
			}
			/* Alive, born, birth date known: someone can always act, and
			 * the proposed notice recipient is one of them. */
			if (st.birth_known && st.born && !st.deceased) {
				assert_int_not_equal(want_fits, 0);
				if (a == ACT_NOTICE)
					assert_true(rules_check(ACT_NOTICE, rules_proposed_recipient(st), st).ok);
			}
			/* Only a deceased patient's bereaved act for the dead. */
			if (st.deceased && st.born)
				assert_int_equal(want_fits, a == ACT_NOTICE ? 0u : BIT(REQ_BEREAVED));
			assert_int_equal(want_fits & ~ALL_KINDS, 0);
		}
	}
}

static void test_proposed_recipient(void **state)
{
	(void)state;
	assert_int_equal(rules_proposed_recipient(adult()), REQ_SELF);
	assert_int_equal(rules_proposed_recipient(child()), REQ_GUARDIAN);
	assert_int_equal(rules_proposed_recipient(unable()), REQ_REPRESENTATIVE);
	patient_on_date both = child();
	both.unable = true;
	assert_int_equal(rules_proposed_recipient(both), REQ_GUARDIAN);
	assert_true(rules_check(ACT_NOTICE, rules_proposed_recipient(both), both).ok);
}

static void test_relationships(void **state)
{
	(void)state;
	assert_int_equal(rules_relationships_for(REQ_SELF), BIT(REL_NONE));
	assert_int_equal(rules_relationships_for(REQ_GUARDIAN), BIT(REL_PARENT) | BIT(REL_GUARDIAN));
	/* The brief's list of the bereaved, parent included. */
	assert_int_equal(rules_relationships_for(REQ_BEREAVED),
	                 BIT(REL_SPOUSE) | BIT(REL_CHILD) | BIT(REL_PARENT) | BIT(REL_GRANDCHILD) |
	                 BIT(REL_GRANDPARENT) | BIT(REL_SIBLING));
	for (int r = 0; r < REL_COUNT; r++)
		assert_int_equal(rules_relationship_fits(REQ_REPRESENTATIVE, (relationship)r),
		                 r != REL_NONE);
	assert_true(rules_relationship_fits(REQ_GUARDIAN, REL_PARENT));
	assert_false(rules_relationship_fits(REQ_GUARDIAN, REL_SPOUSE));
	assert_false(rules_relationship_fits(REQ_GUARDIAN, REL_NONE));
	assert_true(rules_relationship_fits(REQ_BEREAVED, REL_PARENT));
	assert_false(rules_relationship_fits(REQ_BEREAVED, REL_OTHER));
	assert_false(rules_relationship_fits(REQ_BEREAVED, REL_GUARDIAN));
	assert_false(rules_relationship_fits(REQ_BEREAVED, REL_NONE));
	assert_true(rules_relationship_fits(REQ_SELF, REL_NONE));
	assert_false(rules_relationship_fits(REQ_SELF, REL_PARENT));
	assert_false(rules_relationship_fits(REQ_SELF, (relationship)99));
	assert_false(rules_relationship_fits((requester_kind)9, REL_PARENT));
	assert_int_equal(rules_relationships_for((requester_kind)9), 0);
}

/* The words scripts type (issue 2's command-line contract) and the labels
 * people read. */
static void test_words_and_labels(void **state)
{
	(void)state;
	static const char *const kinds[] = { "self", "guardian", "representative", "bereaved" };
	static const char *const rels[] = { "none", "parent", "guardian", "spouse", "child",
	                                    "grandchild", "grandparent", "sibling", "other" };
	static const char *const chans[] = { "desk", "phone", "post", "email" };
	static const char *const idcs[] = { "mynumber", "license", "insurance", "passport",
	                                    "residence", "other", "none" };
	assert_int_equal(REQ_KIND_COUNT, 4);
	assert_int_equal(REL_COUNT, 9);
	assert_int_equal(CH_COUNT, 4);
	assert_int_equal(ID_COUNT, 7);
	for (int i = 0; i < REQ_KIND_COUNT; i++) {
		requester_kind k;
		assert_true(requester_kind_parse(kinds[i], &k));
		assert_int_equal(k, i);
		assert_string_equal(requester_kind_word(k), kinds[i]);
		assert_true(requester_kind_label(k)[0] != '\0');
		for (int j = 0; j < i; j++)
			assert_string_not_equal(requester_kind_label(k),
			                        requester_kind_label((requester_kind)j));
	}
	for (int i = 0; i < REL_COUNT; i++) {
		relationship r;
		assert_true(relationship_parse(rels[i], &r));
		assert_int_equal(r, i);
		assert_string_equal(relationship_word(r), rels[i]);
		assert_true(relationship_label(r)[0] != '\0');
		for (int j = 0; j < i; j++)
			assert_string_not_equal(relationship_label(r), relationship_label((relationship)j));
	}
	for (int i = 0; i < CH_COUNT; i++) {
		channel c;
		assert_true(channel_parse(chans[i], &c));
		assert_int_equal(c, i);
		assert_string_equal(channel_word(c), chans[i]);
		assert_true(channel_label(c)[0] != '\0');
	}
	for (int i = 0; i < ID_COUNT; i++) {
		id_check c;
		assert_true(id_check_parse(idcs[i], &c));
		assert_int_equal(c, i);
		assert_string_equal(id_check_word(c), idcs[i]);
		assert_true(id_check_label(c)[0] != '\0');
	}
	/* Exact words only: scripts must not depend on lenient matching. */
	requester_kind k = REQ_BEREAVED;
	assert_false(requester_kind_parse("Self", &k));
	assert_false(requester_kind_parse("self ", &k));
	assert_false(requester_kind_parse("", &k));
	assert_false(requester_kind_parse(NULL, &k));
	assert_int_equal(k, REQ_BEREAVED);   /* untouched on failure */
	channel c;
	assert_false(channel_parse("fax", &c));
	relationship r;
	assert_false(relationship_parse("mother", &r));
	id_check idc;
	assert_false(id_check_parse("licence", &idc));
	/* Out of range: a placeholder, never a crash or a wrong word. */
	assert_string_equal(requester_kind_word((requester_kind)42), "?");
	assert_string_equal(relationship_word((relationship)-1), "?");
	assert_string_equal(channel_word((channel)CH_COUNT), "?");
	assert_string_equal(id_check_word((id_check)ID_COUNT), "?");
	assert_non_null(requester_kind_label((requester_kind)42));
	/* The labels the receipt and screens show. */
	assert_string_equal(requester_kind_label(REQ_BEREAVED), "bereaved family");
	assert_string_equal(id_check_label(ID_NONE), "not verified");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_under16_on_the_date),
		cmocka_unit_test(test_state_29_february),
		cmocka_unit_test(test_state_capacity_and_death),
		cmocka_unit_test(test_state_before_birth_and_unknown),
		cmocka_unit_test(test_notice_recipients),
		cmocka_unit_test(test_domain_examples),
		cmocka_unit_test(test_stop_is_lopsided),
		cmocka_unit_test(test_withdrawal_is_strict),
		cmocka_unit_test(test_unknown_birth_fails_closed),
		cmocka_unit_test(test_before_birth),
		cmocka_unit_test(test_unknown_values),
		cmocka_unit_test(test_exhaustive),
		cmocka_unit_test(test_proposed_recipient),
		cmocka_unit_test(test_relationships),
		cmocka_unit_test(test_words_and_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
