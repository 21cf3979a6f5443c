/* Who may receive a notice and who may file a stop or a withdrawal, given
 * the patient's state on the date concerned (domain brief, "Requests to
 * stop"). Also the closed vocabularies the desk records: requester kinds,
 * relationships, channels, identity checks. Pure: no I/O. */
#ifndef OD_RULES_H
#define OD_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include "core/date.h"

typedef enum requester_kind {
	REQ_SELF = 0,
	REQ_GUARDIAN,        /* 保護者等: for a patient under 16 */
	REQ_REPRESENTATIVE,  /* 法定代理人等: for a patient unable to decide */
	REQ_BEREAVED,        /* 遺族: for a deceased patient */
	REQ_KIND_COUNT
} requester_kind;

typedef enum relationship {
	REL_NONE = 0,        /* the patient themself */
	REL_PARENT,
	REL_GUARDIAN,
	REL_SPOUSE,
	REL_CHILD,
	REL_GRANDCHILD,
	REL_GRANDPARENT,
	REL_SIBLING,
	REL_OTHER,
	REL_COUNT
} relationship;

typedef enum channel {
	CH_DESK = 0, CH_PHONE, CH_POST, CH_EMAIL, CH_COUNT
} channel;

typedef enum id_check {
	ID_MYNUMBER = 0, ID_LICENSE, ID_INSURANCE, ID_PASSPORT, ID_RESIDENCE,
	ID_OTHER, ID_NONE, ID_COUNT
} id_check;

typedef enum request_action {
	ACT_NOTICE = 0,      /* receiving the notice document */
	ACT_STOP,            /* 提供停止の求め */
	ACT_WITHDRAW,        /* 撤回 */
	ACT_COUNT
} request_action;

/* One change of the unable-to-decide flag. */
typedef struct capacity_event {
	od_date date;
	bool unable;
} capacity_event;

/* What the desk knows of a patient, independent of any date. */
typedef struct patient_facts {
	bool birth_known;
	od_date birth;
	bool died;
	od_date death;
	const capacity_event *capacity;  /* oldest first; may be NULL */
	size_t ncapacity;
} patient_facts;

/* The patient's state on one date, as the rules need it. */
typedef struct patient_on_date {
	bool birth_known;
	bool under16;        /* meaningful only when birth_known */
	bool unable;         /* flagged unable to decide on that date */
	bool deceased;       /* died on or before that date */
	bool born;           /* false if the date is before the birth date */
} patient_on_date;

patient_on_date rules_state_on(const patient_facts *p, od_date on);

typedef struct rule_verdict {
	bool ok;
	bool overridable;    /* a mismatched stop may be recorded on confirmation */
	unsigned fits;       /* kinds that would fit: bit (1u << requester_kind) */
	const char *why;     /* msgid explaining the mismatch; NULL when ok */
} rule_verdict;

/* Is `who` a valid requester (or recipient, for ACT_NOTICE) for `act`
 * given the patient's state on that date? `fits` is filled whether or not
 * `who` fits. Only a stop is ever overridable, and every refused stop by a
 * known kind is.
 * Unknown birth date (patient alive): a stop by the patient, or by a
 * representative when flagged unable, fits; any other stop is overridable;
 * notices and withdrawals are refused. A date before the birth date
 * refuses everything (a stop still overridable). */
rule_verdict rules_check(request_action act, requester_kind who, patient_on_date st);

/* The recipient kind the notice form should propose. */
requester_kind rules_proposed_recipient(patient_on_date st);

/* Relationships that fit a requester kind (bit (1u << relationship)):
 * guardian: parent, guardian; bereaved: spouse, child, parent, grandchild,
 * grandparent, sibling (the domain brief's list, parent included);
 * representative: any but none; self: none only. */
unsigned rules_relationships_for(requester_kind who);
bool rules_relationship_fits(requester_kind who, relationship rel);

/* Machine words used on the command line and in the database
 * ("self", "guardian", ...) and their parsers. */
const char *requester_kind_word(requester_kind k);
bool requester_kind_parse(const char *word, requester_kind *out);
const char *relationship_word(relationship r);
bool relationship_parse(const char *word, relationship *out);
const char *channel_word(channel c);
bool channel_parse(const char *word, channel *out);
const char *id_check_word(id_check k);
bool id_check_parse(const char *word, id_check *out);

/* Labels for people (msgids: translate with _()). */
const char *requester_kind_label(requester_kind k);
const char *relationship_label(relationship r);
const char *channel_label(channel c);
const char *id_check_label(id_check k);

#endif
