/* May this patient's data flow on date D? A pure function from the
 * patient's events to a state (domain brief, "May this patient's data flow
 * on date D?"). Unknowns fail closed. */
#ifndef OD_ELIGIBILITY_H
#define OD_ELIGIBILITY_H

#include <stdbool.h>
#include <stddef.h>
#include "core/date.h"
#include "core/rules.h"

typedef struct notice_event {
	od_date date;
	requester_kind to;   /* recipient kind as recorded */
	long version;        /* notice version id (increasing) */
} notice_event;

typedef struct request_event {
	od_date date;        /* date received */
	bool stop;           /* true: stop; false: withdrawal */
	requester_kind by;
} request_event;

typedef struct elig_input {
	patient_facts facts;
	const notice_event *notices;     /* any order */
	size_t nnotices;
	const request_event *requests;   /* by date received, then recording order */
	size_t nrequests;
	long material_version;           /* notices under versions >= this count */
	int wait_months;                 /* setting; default 1 */
} elig_input;

typedef enum elig_state {
	ELIG_NOT_NOTIFIED = 0,
	ELIG_WAITING,
	ELIG_MAY_FLOW,
	ELIG_STOPPED,
	ELIG_NEEDS_RENOTICE,
	ELIG_STATE_COUNT
} elig_state;

typedef struct elig_result {
	elig_state state;
	bool has_notice;         /* a valid current notice dated <= as-of */
	od_date notice_date;     /* that notice's date */
	od_date flow_from;       /* its flow-from date */
	od_date stopped_since;   /* STOPPED: date the stop was received */
	requester_kind stopped_by;
	const char *detail;      /* msgid for a fail-closed reason, or NULL */
} elig_result;

/* A stop in force wins over everything (one whose date cannot be read is
 * in force on every date). Otherwise the earliest valid notice under the
 * current material version dated <= asof gives waiting or may-flow; failing
 * that, a valid notice under an older version gives needs-re-notice (with
 * the latest such notice's date). An unknown birth date or an invalid asof
 * is not-notified with a detail. */
elig_result eligibility_on(const elig_input *in, od_date asof);

/* Was this notice given to someone the rules accept, on its own date? */
bool eligibility_notice_valid(const elig_input *in, const notice_event *n);

/* The first date in [from, to] on which a and b disagree on whether data
 * may flow (with the results on that date); false when they agree on
 * every date. This is how the desk finds what a back-dated entry would
 * change: a move between not-notified and waiting (a notice entered the
 * day after it was handed) changes no hand-over, one into or out of
 * may-flow may have (our reading, domain brief). */
bool eligibility_first_change(const elig_input *a, const elig_input *b,
                              od_date from, od_date to, od_date *first,
                              elig_result *ra, elig_result *rb);

/* Requests in date order, then recording order (as elig_input keeps
 * them). The index of the stop in effect on `on` (the latest request dated
 * on or before it, when that is a stop), or -1. */
long requests_in_effect(const request_event *ev, size_t n, od_date on);
/* The index of the first withdrawal that has no stop in effect just
 * before it, or -1: a withdrawal of nothing, which the desk never keeps
 * (a stray one would cancel a back-dated stop entered later). */
long requests_stray_withdrawal(const request_event *ev, size_t n);

/* "not-notified", "waiting", "may-flow", "stopped", "needs-re-notice" */
const char *elig_state_word(elig_state s);
/* msgid for people: 未通知 / 待機中 / 提供可 / 提供停止中 / 再通知が必要 */
const char *elig_state_label(elig_state s);

#endif
