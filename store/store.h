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
	STORE_NO_FILE,       /* no database at that path (only init creates one) */
	STORE_EMPTY_FILE,    /* a zero-length file: the records are missing */
	STORE_CONFLICT,      /* contradicts the record: see store_last_conflict */
	STORE_BACKDATED,     /* changes the state of past dates: confirm, see
	                        store_last_backdate */
	STORE_DUPLICATE,     /* possibly the same person: see store_patient_similar */
	STORE_FUTURE,        /* dated after today */
	STORE_REPLAYED,      /* the request id was recorded already: nothing
	                        new written, see store_request_id_result */
	STORE_DENIED,        /* wrong login or password, or a disabled login */
	STORE_LOCKED,        /* too many wrong passwords: wait */
} store_rc;

/* A sentence for people (msgid; translate with _()). */
const char *store_rc_message(store_rc rc);
/* Technical detail of the last failure, for --verbose and logs only. */
const char *store_last_error(const store *st);

#define STORE_PATH_MAX 4096
/* The clinic time zone when the setting time_zone is not set. */
#define STORE_TIME_ZONE_DEFAULT "Asia/Tokyo"
/* $OPTOUT_DESK_DB, else $XDG_DATA_HOME/optout-desk/desk.sqlite3, else
 * $HOME/.local/share/optout-desk/desk.sqlite3. */
bool store_default_path(char *out, size_t outsz);

/* How a command uses the database. STORE_READ never takes the write lock
 * (unless the schema is behind and must be migrated) and never creates a
 * file; STORE_WRITE opens an existing database; STORE_CREATE also creates
 * a missing one (folder 0700, file 0600) — only `init` and the first-run
 * screen, after asking. A zero-length file is STORE_EMPTY_FILE whatever
 * the mode: it is never silently made a new database. */
typedef enum store_mode { STORE_READ, STORE_WRITE, STORE_CREATE } store_mode;
store_rc store_open_mode(const char *path, store_mode mode, store **out);
/* store_open_mode(path, STORE_WRITE, out). */
store_rc store_open(const char *path, store **out);
void store_close(store *st);
/* (store_last_error(NULL) gives the detail of a failed store_open.) */

/* The log of technical failures: $XDG_STATE_HOME/optout-desk/desk.log (else
 * ~/.local/state/optout-desk/desk.log), 0600, rotated at 1 MiB to desk.log.1.
 * store/ writes SQLite's own error text and the operation there on every
 * STORE_ERROR/STORE_CORRUPT/STORE_CANTOPEN; callers may add lines. */
const char *store_log_path(void);
void store_log(const char *op, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The clinic's today, used for "no event after today" and for events that
 * have no date of their own. store_open_mode sets it from the clock in the
 * clinic's time zone (setting `time_zone`, default Asia/Tokyo); the command
 * line's --today and the tests fix it with store_set_today. */
void store_set_today(store *st, od_date today);
od_date store_today(const store *st);

/* Called once per handle when a statement has waited about a second for
 * another desk's lock (it waits up to 10 s, and a write retries a few
 * times more): the command line says "waiting for another desk…". */
void store_on_wait(store *st, void (*fn)(void *ctx), void *ctx);

/* Has another connection committed since this handle last looked?
 * (PRAGMA data_version; cheap, for screens that redraw when another desk
 * saves.) The first call returns false. */
bool store_changed(store *st);

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
	int64_t merged_into;              /* 0, or the patient this one was merged into */
	char looked_up_as[STORE_NUMBER_SIZE]; /* store_patient_get: the merged number
	                                   typed, when it led here; else "" */
} patient;

typedef bool (*patient_cb)(const patient *p, void *ctx);   /* false stops */

/* The clinic's patient number width (setting `patient_number_width`, 0 =
 * none) and a number normalised with it (text_number_normalize). */
int store_number_width(store *st);
bool store_number_normalize(store *st, const char *in, char *out, size_t outsz);

/* The one rule for each text a patient record (or a visit) holds, applied
 * by registration, changes, contact events, visits and imports (which
 * report every bad cell of a row with it): NULL when value may be stored,
 * else why not (untranslated: pass it through _()). */
typedef enum store_particular {
	STORE_P_NAME, STORE_P_KANA, STORE_P_PHONE, STORE_P_ADDRESS, STORE_P_DEPARTMENT
} store_particular;
const char *store_particular_problem(store_particular f, const char *value);

/* Inserts a new patient (sets p->id; p->number is normalised in place).
 * STORE_EXISTS if the number (compared as text_number_key) is taken.
 * STORE_DUPLICATE when a registered patient has the same kana key and
 * birth date, or the same name key and birth date (store_patient_similar
 * lists them), unless not_duplicate: then the numbers it was told apart
 * from are recorded in its history. */
store_rc store_patient_add_checked(store *st, patient *p, bool not_duplicate,
                                   const char *staff);
/* store_patient_add_checked(st, p, true, "") for bulk loads and tests that
 * make their own checks. */
store_rc store_patient_add(store *st, patient *p);
/* Patients that may be the same person as p (same kana key + birth, or same
 * name key + birth; merged-away records and p->id itself excluded). */
store_rc store_patient_similar(store *st, const patient *p, patient_cb cb, void *ctx);
/* Every pair of possible duplicates (a < b by id), for the worklist. */
typedef bool (*patient_pair_cb)(const patient *a, const patient *b, void *ctx);
store_rc store_duplicate_pairs(store *st, patient_pair_cb cb, void *ctx);
/* Today's and recent patients for an empty search: newest activity
 * (registration or any event) first, merged-away records excluded. */
store_rc store_patient_recent(store *st, int limit, patient_cb cb, void *ctx);
/* Looks up by number (normalised and compared by key). A number merged
 * into another patient returns that patient, with looked_up_as set. */
store_rc store_patient_get(store *st, const char *number, patient *out);
store_rc store_patient_get_id(store *st, int64_t id, patient *out);
/* Number prefix, folded name/kana key prefix, birth date: union of the
 * parts the query has, ordered by kana key then number, at most `limit`.
 * When more match, each part contributes its first `limit` rows in its own
 * key's order (the screen asks the user to type more). */
store_rc store_patient_find(store *st, const patient_query *q, int limit,
                            patient_cb cb, void *ctx);
/* Changes name, kana, birth date or sex (fields left equal are unchanged):
 * each change is an event with the old and new value, who, when and the
 * source ("desk", a file name, ...). Refused like an add when the new
 * values make a possible duplicate (unless not_duplicate), and with
 * STORE_BACKDATED when a new birth date changes the state of a past date
 * (unless confirm_backdated). */
typedef struct patient_edit {
	const char *name, *kana;          /* NULL: unchanged */
	bool set_birth;
	bool birth_known;
	od_date birth;
	char sex;                         /* 0: unchanged */
	const char *source;
	const char *staff;
	bool not_duplicate;
	bool confirm_backdated;
} patient_edit;
store_rc store_patient_update(store *st, int64_t id, const patient_edit *e);

/* Merges FROM into INTO (two records of one person): FROM's events count
 * for INTO from then on, FROM's number finds INTO. Append-only (a merge
 * record; FROM is kept). Refused (STORE_CONFLICT) for the same patient, a
 * patient already merged, or INTO merged away. */
store_rc store_patient_merge(store *st, int64_t from_id, int64_t into_id,
                             const char *reason, const char *staff);

/* Appends a contact-details event (the latest one is current). */
store_rc store_patient_set_contact(store *st, int64_t id, const char *phone,
                                   const char *address, const char *staff);
/* Appends an unable-to-decide / able-again event. Like every dated event:
 * STORE_FUTURE after today, STORE_BACKDATED (unless confirm_backdated) when
 * it changes the state of a past date. */
store_rc store_patient_set_capacity(store *st, int64_t id, bool unable,
                                    od_date date, const char *reason,
                                    const char *staff, bool confirm_backdated);
/* Appends a death event (a later one corrects an earlier one). */
store_rc store_patient_set_death(store *st, int64_t id, od_date date,
                                 const char *staff, bool confirm_backdated);

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
	bool confirm_backdated;           /* in: record though past dates change */
	bool stop_in_effect;              /* out: a stop was in effect on n->date,
	                                     so the notice promises no flow date */
	bool voided;                      /* read: voided since */
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
	bool addition;                    /* a deletion request added on top of
	                                     the stop in effect */
	bool confirm_backdated;           /* in: record though past dates change */
	bool voided;                      /* read: voided since */
} request_rec;
/* Records a stop or withdrawal with a fresh receipt number, checking the
 * requester with rules_check on r->date. A mismatched stop is recorded only
 * when accept_mismatch (then r->mismatch is set); otherwise, and for every
 * mismatched withdrawal, STORE_REFUSED with *verdict filled.
 * Against the record: a withdrawal needs a stop in effect on its date and
 * must leave every later withdrawal with one; a stop while one is in
 * effect is refused, except a deletion request on a stop that did not ask
 * for it (recorded with r->addition): STORE_CONFLICT, store_last_conflict
 * names the stop in effect. No date after today (STORE_FUTURE); a date
 * that changes the state of past dates needs r->confirm_backdated
 * (STORE_BACKDATED, store_last_backdate). Notices obey the same two date
 * rules. */
store_rc store_request_add(store *st, request_rec *r, bool accept_mismatch,
                           rule_verdict *verdict);
store_rc store_request_get_ref(store *st, const char *ref, request_rec *out);

/* What a refused STORE_CONFLICT ran into. */
typedef struct store_conflict {
	int kind;                         /* 0 none, 1 stop in effect, 2 no stop in
	                                     effect, 3 a later withdrawal would be
	                                     left without a stop, 4 merge refused,
	                                     5 already voided / not voidable,
	                                     6 operator retired (issue 10),
	                                     7 request id used for another */
	char ref[REFCODE_SIZE];           /* the record it ran into, if any */
	od_date date;
	const char *why;                  /* msgid for people */
} store_conflict;
const store_conflict *store_last_conflict(const store *st);

/* What a STORE_BACKDATED entry would change: the first past date whose
 * state changes, the state there before and after, and the state today
 * before and after. */
typedef struct store_backdate {
	od_date first;
	elig_state before, after;
	elig_state today_before, today_after;
} store_backdate;
const store_backdate *store_last_backdate(const store *st);

/* ---- idempotent retries (issue 12) -------------------------------------- */
/* A command given a request id (--request-id; each screen form has one)
 * arms the handle with it before writing: kind names the command
 * ("notice", "refuse", "patient-add", ...), subject what it concerns (the
 * patient number as typed, the entry voided). The write records the id and
 * its result (a reference, a patient number) in the same transaction as
 * the entry. A write that finds the id recorded for the same kind and
 * subject writes nothing and returns STORE_REPLAYED; for another kind or
 * subject, STORE_CONFLICT (conflict kind STORE_CONFLICT_REQUEST_ID).
 * STORE_INVALID for a malformed id (1..64 of A-Z a-z 0-9 . _ : -). A NULL
 * key disarms. Ids are kept per database, for good (append-only). */
#define STORE_REQUEST_ID_MAX 64
#define STORE_CONFLICT_REQUEST_ID 7
store_rc store_request_id_arm(store *st, const char *key, const char *kind,
                              const char *subject);
/* Without writing: STORE_NOT_FOUND (a new id, or none armed),
 * STORE_REPLAYED or STORE_CONFLICT as above. */
store_rc store_request_id_lookup(store *st);
/* After STORE_REPLAYED: the first result; otherwise NULL. */
const char *store_request_id_result(const store *st);

/* ---- voids --------------------------------------------------------------- */
/* Voids an entry made in error: `what` is a notice or receipt reference, or
 * "#ID" with the event number the history shows (capacity, death, contact).
 * The entry stays in the history (voided, who, when, why) and stops
 * counting. Refused (STORE_CONFLICT) when already voided, or when voiding a
 * stop would leave a later withdrawal without a stop; STORE_BACKDATED unless
 * confirm_backdated when it changes past dates. Sets *patient_id. */
store_rc store_void(store *st, const char *what, const char *reason,
                    const char *staff, bool confirm_backdated,
                    int64_t *patient_id);

/* ---- documents printed ------------------------------------------------------ */
/* Records that a document was printed; *earlier is how many times the same
 * kind for the same reference was printed before (0: the original, else
 * a reprint, 再発行), *first_at the stamp of the first printing. */
store_rc store_print_record(store *st, const char *kind, const char *ref,
                            int64_t patient_id, const char *staff,
                            int *earlier, char first_at[STORE_STAMP_SIZE]);

/* ---- history and eligibility -------------------------------------------- */
typedef enum history_kind {
	HIST_NOTICE, HIST_STOP, HIST_WITHDRAW, HIST_UNABLE, HIST_ABLE,
	HIST_DEATH, HIST_CONTACT,
	HIST_CHANGE,      /* name/kana/birth/sex: `who` the field, `note` "old → new" */
	HIST_MERGE,       /* `who` the other number, `note` the reason */
	HIST_REGISTER     /* registered; `note` numbers told apart (not duplicates) */
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
	bool addition;                    /* stop: deletion request added */
	char number[STORE_NUMBER_SIZE];   /* the number it was recorded under
	                                     (differs after a merge) */
	bool voided;
	char void_reason[STORE_NOTE_SIZE];
	char void_staff[STORE_STAFF_SIZE];
	char voided_at[STORE_STAMP_SIZE];
} history_item;
typedef bool (*history_cb)(const history_item *h, void *ctx);
/* Newest first (by date, then recording order), including the events of
 * patients merged into this one. For HIST_CONTACT, `who` is the phone and
 * `note` the address. rec_id is the event number ("#ID" for store_void). */
store_rc store_history(store *st, int64_t patient_id, history_cb cb, void *ctx);

/* What the desk needs of a request beyond what eligibility_on reads. */
typedef struct store_req_info {
	int64_t id;
	char ref[REFCODE_SIZE];
	bool delete_provided;
} store_req_info;
/* Everything eligibility_on needs for one patient (and the patients merged
 * into it; voided entries left out); owns its arrays. */
typedef struct store_elig {
	elig_input in;
	capacity_event *cap;
	notice_event *notices;
	request_event *requests;
	store_req_info *rinfo;            /* parallel to requests */
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

/* ---- bulk import (issue 9) ------------------------------------------------ */
typedef enum store_import_outcome {
	STORE_IMPORT_ADDED, STORE_IMPORT_UPDATED, STORE_IMPORT_UNCHANGED
} store_import_outcome;
typedef struct store_import_row {
	patient p;               /* number, name, kana, birth, sex, phone, address */
	bool has_contact;        /* the file has phone/address columns */
	bool has_sex;            /* the file has a sex column (else the stored
	                            sex stays as it is) */
	const char *source;      /* the file name, kept with each change */
	const char *staff;
	bool confirm_backdated;  /* a new birth date may change past states */
	/* out: */
	store_import_outcome outcome;
	size_t similar;          /* possible duplicates of an added or changed row
	                            (issue 5's rule), imported all the same */
	char similar_numbers[256]; /* their numbers, space-separated (cut short) */
} store_import_row;
/* Upserts one patient by number inside a batch (store_batch_begin): a new
 * number is added; the same values leave it unchanged; a different name,
 * kana, birth date or sex is recorded as changes with the old value and
 * r->source (as store_patient_update, refused STORE_BACKDATED unless
 * confirmed); different contact details append a contact event. Never
 * refused as a duplicate: r->similar counts them. No per-row savepoint:
 * a failure other than STORE_INVALID/STORE_FUTURE/STORE_BACKDATED (which
 * write nothing) leaves the batch to be rolled back. */
store_rc store_patient_import(store *st, store_import_row *r);
/* Marks a bulk import in progress (on) or over (off): desks that want to
 * write meanwhile wait for it, however long, instead of failing busy. */
void store_import_mark(store *st, bool on);

/* ---- visits (issue 9) ----------------------------------------------------- */
#define STORE_DEPT_SIZE 128
typedef struct visit_rec {
	int64_t id;
	int64_t patient_id;
	od_date date;
	char time[6];                     /* "HH:MM" or "" */
	char department[STORE_DEPT_SIZE];
	char source[STORE_FIELD_SIZE];
} visit_rec;
/* Appends a visit unless the same patient, date, time and department is
 * already there (*added false): loading one list twice adds nothing. */
store_rc store_visit_add(store *st, const visit_rec *v, const char *staff, bool *added);
/* The visits of a date in arrival order (time, then recording order), each
 * with its patient (merged-away records resolved). The callback runs after
 * the read transaction: it may use the store. */
typedef bool (*visit_cb)(const visit_rec *v, const patient *p, void *ctx);
store_rc store_visit_list(store *st, od_date date, visit_cb cb, void *ctx);
/* ---- the hand-over (issue 10) ------------------------------------------- */
store_rc store_operator_get(store *st, int64_t id, operator_rec *out);

/* One number of a list checked against the record on a date. */
typedef struct store_check_item {
	const char *text;                 /* the number as listed */
	bool number_ok;                   /* text is a patient number at all */
	char number[STORE_NUMBER_SIZE];   /* normalised (when number_ok) */
	bool found;                       /* a registered patient */
	int64_t patient_id;               /* the record it answers for */
	char patient_number[STORE_NUMBER_SIZE]; /* that record's number */
	bool merged;                      /* number was merged into patient_number */
	bool died;                        /* a death is recorded */
	elig_result res;                  /* when found */
} store_check_item;
/* next() gives the numbers one by one (false at the end); cb gets each
 * result in the same order (false stops). One read transaction: every
 * number is judged on one snapshot. */
typedef bool (*check_next_cb)(void *ctx, const char **text);
typedef bool (*check_cb)(const store_check_item *it, void *ctx);
store_rc store_check_list(store *st, od_date asof, check_next_cb next,
                          check_cb cb, void *ctx);

/* A provision record (提供記録): the patients' records handed to an
 * operator on a date. */
typedef struct provision_rec {
	int64_t id;
	od_date date;
	int64_t operator_id;
	char operator_name[256];
	char items[STORE_NOTE_SIZE];
	char staff[STORE_STAFF_SIZE];
	char recorded_at[STORE_STAMP_SIZE];
	int64_t npatients;
} provision_rec;
typedef bool (*provision_cb)(const provision_rec *p, void *ctx);
/* Records a hand-over of the listed numbers (p->date, p->operator_id,
 * p->items, p->staff; sets p->id and p->npatients) in one write
 * transaction, judging every number again on p->date inside it: when any
 * may not flow (or is unknown, or no number) nothing is recorded,
 * `offender` is called for each and STORE_REFUSED returned. STORE_FUTURE
 * after today; STORE_NOT_FOUND for no such operator, STORE_CONFLICT for a
 * retired one. A patient listed twice is recorded once. */
store_rc store_provision_add(store *st, provision_rec *p, const char *const *numbers,
                             size_t n, check_cb offender, void *ctx);
/* Provisions dated in [from, to] (an invalid date leaves that end open),
 * by date then id. */
store_rc store_provision_list(store *st, od_date from, od_date to,
                              provision_cb cb, void *ctx);
store_rc store_provision_get(store *st, int64_t id, provision_rec *out);
typedef struct provided_patient {
	char number[STORE_NUMBER_SIZE];   /* as listed */
	char patient_number[STORE_NUMBER_SIZE];
	char name[STORE_NAME_SIZE];
} provided_patient;
typedef bool (*provided_cb)(const provided_patient *pp, void *ctx);
store_rc store_provision_patients(store *st, int64_t id, provided_cb cb, void *ctx);
/* The provisions that included this patient (or a record merged into
 * it), newest first. */
store_rc store_patient_provisions(store *st, int64_t patient_id, int limit,
                                  provision_cb cb, void *ctx);
/* The operators that received this patient's data: who must be told of a
 * deletion request (the stop form says so before saving). */
store_rc store_provided_operators(store *st, int64_t patient_id,
                                  operator_cb cb, void *ctx);

/* A deletion request to forward to an operator. */
typedef struct forward_rec {
	int64_t id;
	int64_t request_id;
	char request_ref[REFCODE_SIZE];
	od_date request_date;
	int64_t patient_id;
	char number[STORE_NUMBER_SIZE];
	int64_t operator_id;
	char operator_name[256];
	char created_at[STORE_STAMP_SIZE];
	bool request_voided;              /* the stop was voided: nothing to tell */
	bool done;
	od_date done_date;
	char note[STORE_NOTE_SIZE];
	char staff[STORE_STAFF_SIZE];
} forward_rec;
typedef bool (*forward_cb)(const forward_rec *f, void *ctx);
/* Oldest first; pending_only: not done and the stop not voided. */
store_rc store_forward_list(store *st, bool pending_only, forward_cb cb, void *ctx);
store_rc store_forward_get(store *st, int64_t id, forward_rec *out);
/* Records when the operator was told. STORE_NOT_FOUND, STORE_FUTURE,
 * STORE_INVALID (before the request), STORE_CONFLICT (already done, or
 * the stop was voided). */
store_rc store_forward_done(store *st, int64_t id, od_date date,
                            const char *note, const char *staff);

/* ---- what the FHIR export reads (issue 10) -------------------------------- */
typedef enum export_kind { EXPORT_NOTICE, EXPORT_STOP, EXPORT_WITHDRAW } export_kind;
typedef struct export_item {
	export_kind kind;
	int64_t id;                       /* event number */
	od_date date;                     /* handed / received */
	od_date flow_from;                /* notices: the day data may flow from */
	requester_kind who;
	char who_name[STORE_NAME_SIZE];
	relationship rel;
	channel ch;                       /* requests */
	id_check idc;                     /* requests */
	bool delete_provided;
	char ref[REFCODE_SIZE];
	char staff[STORE_STAFF_SIZE];
	char recorded_at[STORE_STAMP_SIZE];
	bool voided;
	bool withdrawn;                   /* stops: a later withdrawal ended it */
	patient pat;                      /* the patient it counts for now */
	/* issue 13: the register shows a voided entry, marked */
	od_date voided_on;
	char void_reason[STORE_NOTE_SIZE];
} export_item;
typedef bool (*export_cb)(const export_item *it, void *ctx);
/* Which entries: since (FHIR: recorded, voided or withdrawn at or after
 * that stamp; NULL all), the entry's own date within from..to (the
 * register); by recording order, or by date when by_date. */
typedef struct export_filter {
	const char *since;
	bool has_from, has_to;
	od_date from, to;
	bool by_date;
} export_filter;
/* Every notice, stop and withdrawal in recording order; with `since` (a
 * stamp or date, compared as text with recorded_at) only those recorded,
 * voided or withdrawn at or after it: a pipeline that polls with the last
 * export's stamp misses nothing (and may see an entry twice). */
store_rc store_export(store *st, const export_filter *f, export_cb cb, void *ctx);
/* issue 13: every patient (merged-away records left out) by number, with
 * the state on asof; the callback runs inside one read transaction. */
typedef bool (*patient_state_cb)(const patient *p, const elig_result *res, void *ctx);
store_rc store_export_patients(store *st, od_date asof, patient_state_cb cb, void *ctx);
/* ---- staff, the audit log, backups (issue 11) ------------------------------ */
#include "core/roles.h"

#define STORE_LOGIN_SIZE 33           /* [a-z0-9._-], 1..32 */
#define STORE_PASSWORD_MIN 8          /* bytes */
#define STORE_PASSWORD_MAX 256
#define STORE_HASH_HEX 65             /* BLAKE2b-256 in hex */
/* Wrong passwords in a row before the account waits, and the first wait
 * (doubling with each further wrong one, up to the last). */
#define STORE_SIGNIN_TRIES 5
#define STORE_LOCK_FIRST_SECONDS 30
#define STORE_LOCK_MAX_SECONDS 3600

typedef struct staff_rec {
	int64_t id;
	char login[STORE_LOGIN_SIZE];
	char name[STORE_STAFF_SIZE];      /* display name: on records and receipts */
	staff_role role;
	bool active;
	int failures;                     /* wrong passwords in a row */
	long long locked_until;           /* unix seconds, 0 none */
	char created_at[STORE_STAMP_SIZE];
} staff_rec;

/* Who acts on this handle (the signed-in login, else the --staff name):
 * written into every audit entry. */
void store_set_actor(store *st, const char *login);
const char *store_actor(const store *st);

/* Has anyone ever been added as staff (then everyone signs in)? */
bool store_staff_any(store *st);
/* Adds a person (password hashed with Argon2id, never kept in clear).
 * STORE_EXISTS for a login taken, STORE_INVALID for a bad login, name,
 * role or a password shorter than STORE_PASSWORD_MIN. */
store_rc store_staff_add(store *st, const staff_rec *s, const char *password);
store_rc store_staff_passwd(store *st, const char *login, const char *password);
store_rc store_staff_disable(store *st, const char *login);
store_rc store_staff_get(store *st, const char *login, staff_rec *out);
typedef bool (*staff_cb)(const staff_rec *s, void *ctx);
store_rc store_staff_list(store *st, staff_cb cb, void *ctx);
/* Checks a login and password and logs the attempt, whatever its outcome.
 * STORE_OK (out filled, the count of wrong ones reset); STORE_DENIED for an
 * unknown or disabled login or a wrong password; STORE_LOCKED after
 * STORE_SIGNIN_TRIES wrong ones in a row, *wait_seconds until it may try
 * again (the password is not even checked meanwhile). */
store_rc store_staff_signin(store *st, const char *login, const char *password,
                            staff_rec *out, long *wait_seconds);
/* A login is 1..32 of a-z 0-9 . _ - */
bool store_login_valid(const char *login);

/* Logs a look at a patient's record (`what`: "patient show", "screen",
 * "find", ...) under the handle's actor. */
store_rc store_audit_access(store *st, int64_t patient_id, const char *what);
/* Logs something that is not a row: "signout", "lock", ... */
store_rc store_audit_note(store *st, const char *action, const char *detail);

typedef struct store_verify_result {
	bool ok;
	int64_t entries;
	char head[STORE_HASH_HEX];        /* hash of the newest entry */
	int64_t problems;                 /* how many were found */
	/* the first problem: */
	int64_t entry;                    /* the entry concerned (0: none has one) */
	const char *what;                 /* msgid: what happened */
	char table[32];
	char key[64];                     /* the row's id (settings: the key) */
	char detail[512];                 /* the row's columns, or what changed */
} store_verify_result;
/* Recomputes the chain and checks each row the log covers against its
 * newest entry, and each entry against its row. STORE_OK when it could
 * look (then out->ok says whether all was well). */
store_rc store_verify(store *st, store_verify_result *out);
/* The newest entry's hash and the number of entries (no checking). */
store_rc store_audit_head(store *st, int64_t *entries, char head[STORE_HASH_HEX]);
/* Is `hash` (a head printed earlier) still an entry of the chain? */
store_rc store_audit_witness(store *st, const char *hash, int64_t *entry);

typedef struct audit_entry {
	int64_t id;
	char at[STORE_STAMP_SIZE];
	od_date day;                      /* the clinic's date */
	char actor[STORE_STAFF_SIZE];
	char action[16];
	char table[32];
	char key[64];
	int64_t patient_id;               /* 0: none */
	char detail[256];
} audit_entry;
typedef struct audit_filter {
	int64_t patient_id;               /* 0: all */
	const char *actor;                /* NULL: all */
	bool has_from, has_to;
	od_date from, to;                 /* the clinic's dates, inclusive */
} audit_filter;
typedef bool (*audit_cb)(const audit_entry *e, void *ctx);
store_rc store_audit_list(store *st, const audit_filter *f, audit_cb cb, void *ctx);

/* Copies the database to `path` with SQLite's online backup API (a
 * consistent copy while other desks write, WAL included), created 0600 and
 * never over an existing file, then checks the copy (integrity_check and
 * the chain): STORE_CORRUPT when it fails (the copy is removed). *entries:
 * the copy's log entries. */
store_rc store_backup(store *st, const char *path, int64_t *entries);
/* Into the backup folder (setting backup_dir, default "backups" beside the
 * database) with a dated name, keeping the newest backup_keep (default 14).
 * `out` gets the path written. */
store_rc store_backup_dated(store *st, const char *db_path, char *out, size_t outsz,
                            int64_t *entries);
/* store_backup_dated once a day: when the setting backup_last is not
 * today. *made says whether it did. */
store_rc store_backup_daily(store *st, const char *db_path, bool *made, char *out,
                            size_t outsz);
/* Checks a copy without changing it (read-only): an optout-desk database
 * of this or an older schema with the log, integrity_check ok, chain ok.
 * STORE_CORRUPT (detail in store_last_error) when not. */
store_rc store_backup_check(const char *path, int64_t *entries, store_verify_result *vr);
/* Replaces the records of the open database with those of `path` (which
 * must pass store_backup_check), after keeping the current ones as
 * `kept` (db_path.replaced-YYYY-MM-DD, numbered if taken). */
store_rc store_restore(store *st, const char *db_path, const char *path,
                       char *kept, size_t keptsz, int64_t *entries);
/* When the database or its folder may be read or written by other users:
 * true and a sentence's details in out ("folder /x is writable by others"). */
bool store_permissions_open(const char *db_path, char *out, size_t outsz);

/* May a document, QR code or export be written at path (-o)? "-" always
 * may. An existing regular file only with force; the database at db_path
 * (same device and inode, also through links), or a file named like its
 * -wal, -shm or -journal in its folder, never, not even with force. A
 * device or a pipe (a thermal printer at /dev/usb/lp0) may. On false,
 * *why_msgid says why (a msgid without conversions: translate with _()). */
bool store_output_allowed(const char *path, bool force, const char *db_path,
                          const char **why_msgid);
/* ---- the office's worklists (issue 13) ------------------------------------ */
#include "core/worklist.h"

/* One patient on the not-notified or renotice list. */
typedef struct worklist_item {
	patient pat;
	elig_result state;                /* on the day asked */
	renotice_reason reason;           /* renotice: why */
	od_date since;                    /* renotice: the day the reason arose */
	char time[6];                     /* not-notified: the (first) arrival */
	char department[STORE_DEPT_SIZE];
} worklist_item;
typedef bool (*worklist_cb)(const worklist_item *it, void *ctx);
/* The visitors of `day` (store_visit_list, each patient once, in arrival
 * order) who still need the notice on that day (worklist_needs_notice). */
store_rc store_worklist_not_notified(store *st, od_date day, worklist_cb cb, void *ctx);
/* Patients who must be told again on `asof` (worklist_renotice), by
 * number. Only patients with a notice under an earlier version or given
 * to a guardian or representative are judged. */
store_rc store_worklist_renotice(store *st, od_date asof, worklist_cb cb, void *ctx);
/* Pairs of store_duplicate_pairs, counted by the same query. */
store_rc store_duplicate_count(store *st, int64_t *n);
/* Forwards store_forward_list(st, true, ...) would list, counted. */
store_rc store_forward_pending_count(store *st, int64_t *n);
/* How many rows each list has on `day` (the search screen's header):
 * counts, no patient records read for the last two. Seconds on a million
 * patients: screens keep them until store_generation changes. */
store_rc store_worklist_counts(store *st, od_date day, int64_t counts[WL_COUNT]);
/* Changes whenever anyone committed, this handle (sqlite3_total_changes)
 * or another desk (PRAGMA data_version), unlike store_changed, which
 * sees only the others and reports each change once. */
uint64_t store_generation(store *st);

/* ---- reports (issue 13) -------------------------------------------------- */
#include "core/report.h"

/* How many patients (merged-away records left out) are in each state on
 * `asof`, judged by eligibility_on exactly as store_eligible judges them,
 * in one read transaction. */
store_rc store_state_counts(store *st, od_date asof, long counts[ELIG_STATE_COUNT],
                            long *patients);
/* Fills r (report_init'ed with its span and period) in one read
 * transaction: notices handed, stops, withdrawals and deletion requests
 * added (by their date, channel and requester kind; voided entries left
 * out), documents printed (by the clinic's date of the printing), each
 * per staff member; the share of patients in each state as of the
 * period's last day, or today when that is later; and the audit chain's
 * head. */
store_rc store_report_load(store *st, report_counts *r);

#endif
