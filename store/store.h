/* The SQLite database: the only place with SQL. Every function takes the
 * open handle first, returns a store_rc, and never prints. Event tables are
 * append-only (enforced by triggers); the current state of a patient is
 * derived from events. Several desk processes may share one file (WAL, busy
 * timeout, retries): STORE_BUSY reaches the caller only after that. */
#ifndef OD_STORE_H
#define OD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/date.h"
#include "core/rules.h"
#include "core/eligibility.h"
#include "core/query.h"
#include "core/refcode.h"
#include "core/text.h"

typedef struct store store;

typedef enum store_rc {
	STORE_OK = 0,
	STORE_NOT_FOUND,     /* no such patient / record / setting */
	STORE_EXISTS,        /* unique key already taken (patient number) */
	STORE_BUSY,          /* another desk held the database too long */
	STORE_CANTOPEN,      /* file or folder could not be created or opened */
	STORE_NEWER,         /* database made by a newer optout-desk */
	STORE_CORRUPT,       /* not an optout-desk database, or damaged */
	STORE_INVALID,       /* a value the schema refuses */
	STORE_REFUSED,       /* the rules refuse it: see the rule_verdict */
	STORE_ERROR,         /* anything else (details in store_last_error) */
} store_rc;

/* A sentence for people (msgid; translate with _()). */
const char *store_rc_message(store_rc rc);
/* Technical detail of the last failure, for --verbose and logs only. */
const char *store_last_error(const store *st);

#define STORE_PATH_MAX 4096
/* $OPTOUT_DESK_DB, else $XDG_DATA_HOME/optout-desk/desk.sqlite3, else
 * $HOME/.local/share/optout-desk/desk.sqlite3. */
bool store_default_path(char *out, size_t outsz);

/* Opens (creating the folder 0700 and the file 0600 if needed) and
 * migrates to the current schema. */
store_rc store_open(const char *path, store **out);
void store_close(store *st);
/* (store_last_error(NULL) gives the detail of a failed store_open.) */

/* Groups many changes into one transaction (bulk import, benchmarks): every
 * store function called in between joins it. A failed call inside is
 * undone on its own; store_batch_end(st, false) undoes the whole batch. */
store_rc store_batch_begin(store *st);
store_rc store_batch_end(store *st, bool commit);

/* ---- settings ---------------------------------------------------------- */
#define STORE_URL_MAX 1024
typedef struct clinic_settings {
	char name[256];
	char address[512];
	char phone[64];
	char email[256];
	char hours[256];
	char notice_url[STORE_URL_MAX];   /* may contain {{ref}} */
	char national_url[STORE_URL_MAX];
	int wait_months;                  /* default 1 */
	int retention_years;              /* default 3, never less */
} clinic_settings;

/* True once `init` (or the first-run form) has saved a clinic name. */
bool store_initialized(store *st);
store_rc store_clinic_get(store *st, clinic_settings *out);
/* Saves all fields in one transaction. */
store_rc store_clinic_set(store *st, const clinic_settings *in);
store_rc store_setting_get(store *st, const char *key, char *out, size_t outsz);
store_rc store_setting_set(store *st, const char *key, const char *value);

/* ---- certified operators ------------------------------------------------ */
typedef struct operator_rec {
	int64_t id;
	char name[256];
	char kind;           /* 'a' anonymized (匿名加工), 'p' pseudonymized (仮名加工) */
	char address[512];
	bool active;
} operator_rec;
store_rc store_operator_add(store *st, operator_rec *op);         /* sets id */
store_rc store_operator_set_active(store *st, int64_t id, bool active);
typedef bool (*operator_cb)(const operator_rec *op, void *ctx);  /* false stops */
store_rc store_operator_list(store *st, operator_cb cb, void *ctx);

/* ---- patients ----------------------------------------------------------- */
#define STORE_NUMBER_SIZE 32
#define STORE_NAME_SIZE (TEXT_NAME_MAX * 4 + 1)
#define STORE_NOTE_SIZE (TEXT_NOTE_MAX * 4 + 1)
#define STORE_FIELD_SIZE (TEXT_FIELD_MAX * 4 + 1)
#define STORE_STAFF_SIZE 128
#define STORE_STAMP_SIZE 32   /* "2026-11-24T09:30:00Z" */

typedef struct patient {
	int64_t id;
	char number[STORE_NUMBER_SIZE];
	char name[STORE_NAME_SIZE];
	char kana[STORE_NAME_SIZE];
	bool birth_known;
	od_date birth;
	char sex;                         /* 'm', 'f', 'u' */
	char phone[64];                   /* contact details (latest) */
	char address[STORE_FIELD_SIZE];
	/* derived from events when read: */
	bool died;
	od_date death;
	bool unable;                      /* latest capacity event */
} patient;

/* Inserts a new patient (sets p->id). STORE_EXISTS if the number is taken. */
store_rc store_patient_add(store *st, patient *p);
store_rc store_patient_get(store *st, const char *number, patient *out);
store_rc store_patient_get_id(store *st, int64_t id, patient *out);
typedef bool (*patient_cb)(const patient *p, void *ctx);   /* false stops */
/* Number prefix, folded name/kana key prefix, birth date: union of the
 * parts the query has, ordered by kana key then number, at most `limit`.
 * When more match, each part contributes its first `limit` rows in its own
 * key's order (the screen asks the user to type more). */
store_rc store_patient_find(store *st, const patient_query *q, int limit,
                            patient_cb cb, void *ctx);
/* Appends a contact-details event (the latest one is current). */
store_rc store_patient_set_contact(store *st, int64_t id, const char *phone,
                                   const char *address, const char *staff);
/* Appends an unable-to-decide / able-again event. */
store_rc store_patient_set_capacity(store *st, int64_t id, bool unable,
                                    od_date date, const char *reason,
                                    const char *staff);
/* Appends a death event (a later one corrects an earlier one). */
store_rc store_patient_set_death(store *st, int64_t id, od_date date,
                                 const char *staff);

/* ---- notice versions ---------------------------------------------------- */
typedef struct notice_version {
	int64_t id;
	char hash[65];                    /* hex SHA-256 of the notice items */
	bool material;                    /* patients need re-notice */
	char note[STORE_FIELD_SIZE];
	char created_at[STORE_STAMP_SIZE];
} notice_version;
/* The newest version, and the id of the newest material one (notices under
 * versions >= that id are current). STORE_NOT_FOUND before `init`. */
store_rc store_notice_version_current(store *st, notice_version *cur,
                                      int64_t *material_id);
/* Adds a version unless the newest already has this hash (then returns it,
 * with *created false). */
store_rc store_notice_version_add(store *st, const char *hash, bool material,
                                  const char *note, int64_t *id, bool *created);

/* ---- notices and requests (append-only) --------------------------------- */
typedef struct notice_rec {
	int64_t id;
	int64_t patient_id;
	od_date date;                     /* date handed over */
	requester_kind to;
	char recipient[STORE_NAME_SIZE];  /* when not self */
	relationship rel;
	int64_t version;                  /* set by store_notice_add */
	char ref[REFCODE_SIZE];           /* set by store_notice_add */
	char staff[STORE_STAFF_SIZE];
	char recorded_at[STORE_STAMP_SIZE];
} notice_rec;
/* Records a notice under the current version with a fresh reference
 * (store_record_notice in the style brief's words). Checks the recipient
 * against the patient's state on n->date with rules_check(ACT_NOTICE):
 * STORE_REFUSED with *verdict filled when it does not fit (strict). */
store_rc store_notice_add(store *st, notice_rec *n, rule_verdict *verdict);
store_rc store_notice_get_ref(store *st, const char *ref, notice_rec *out);

typedef struct request_rec {
	int64_t id;
	int64_t patient_id;
	bool stop;                        /* true stop, false withdrawal */
	od_date date;                     /* date received */
	channel ch;
	requester_kind by;
	char name[STORE_NAME_SIZE];       /* requester name when not self */
	relationship rel;
	id_check idc;
	bool delete_provided;             /* also asks operators to delete */
	bool mismatch;                    /* kind did not fit; staff confirmed */
	char note[STORE_NOTE_SIZE];
	char ref[REFCODE_SIZE];           /* receipt number, set on add */
	char staff[STORE_STAFF_SIZE];
	char recorded_at[STORE_STAMP_SIZE];
} request_rec;
/* Records a stop or withdrawal with a fresh receipt number, checking the
 * requester with rules_check on r->date. A mismatched stop is recorded only
 * when accept_mismatch (then r->mismatch is set); otherwise, and for every
 * mismatched withdrawal, STORE_REFUSED with *verdict filled. */
store_rc store_request_add(store *st, request_rec *r, bool accept_mismatch,
                           rule_verdict *verdict);
store_rc store_request_get_ref(store *st, const char *ref, request_rec *out);

/* ---- history and eligibility -------------------------------------------- */
typedef enum history_kind {
	HIST_NOTICE, HIST_STOP, HIST_WITHDRAW, HIST_UNABLE, HIST_ABLE,
	HIST_DEATH, HIST_CONTACT
} history_kind;
typedef struct history_item {
	history_kind kind;
	int64_t rec_id;
	od_date date;
	char ref[REFCODE_SIZE];           /* notices and requests */
	requester_kind who_kind;
	char who[STORE_NAME_SIZE];
	relationship rel;
	bool mismatch;
	channel ch;
	id_check idc;
	bool delete_provided;
	char note[STORE_NOTE_SIZE];       /* reason, note */
	char staff[STORE_STAFF_SIZE];
	char recorded_at[STORE_STAMP_SIZE];
} history_item;
typedef bool (*history_cb)(const history_item *h, void *ctx);
/* Newest first (by date, then recording order). For HIST_CONTACT, `who` is
 * the phone and `note` the address. */
store_rc store_history(store *st, int64_t patient_id, history_cb cb, void *ctx);

/* Everything eligibility_on needs for one patient; owns its arrays. */
typedef struct store_elig {
	elig_input in;
	capacity_event *cap;
	notice_event *notices;
	request_event *requests;
} store_elig;
store_rc store_elig_load(store *st, int64_t patient_id, store_elig *out);
void store_elig_free(store_elig *e);
/* Patient state on a date: loads, computes, frees. */
store_rc store_patient_status(store *st, int64_t patient_id, od_date asof,
                              elig_result *out);
/* Numbers of patients whose data may flow on `asof`, in byte order of the
 * number, streamed (no per-patient query: one pass over ordered cursors).
 * The callback runs inside the read transaction: it must not write. */
typedef bool (*number_cb)(const char *number, void *ctx);
store_rc store_eligible(store *st, od_date asof, number_cb cb, void *ctx);

#endif
