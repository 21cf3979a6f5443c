/* Shared between the store/ source files only: the handle, the prepared
 * statement cache, transactions with retries, and small conversions. */
#ifndef OD_STORE_INTERNAL_H
#define OD_STORE_INTERNAL_H

#include <sqlite3.h>
#include "store/store.h"

/* One slot per SQL statement; each is prepared once per handle with
 * SQLITE_PREPARE_PERSISTENT and reused (search-as-you-type on a million
 * rows cannot afford to re-parse). The SQL text sits next to its use. */
enum store_slot {
	SQL_SETTING_GET, SQL_SETTING_SET,
	SQL_OPERATOR_ADD, SQL_OPERATOR_ACTIVE, SQL_OPERATOR_LIST,
	SQL_NEXT_ID_BUMP, SQL_NEXT_ID_GET,
	SQL_PATIENT_ADD, SQL_PATIENT_GET, SQL_PATIENT_GET_ID, SQL_PATIENT_EXISTS,
	SQL_FIND_NUMBER, SQL_FIND_KANA, SQL_FIND_NAME, SQL_FIND_BIRTH,
	SQL_CONTACT_ADD, SQL_CAPACITY_ADD, SQL_DEATH_ADD,
	SQL_VERSION_NEWEST, SQL_VERSION_MATERIAL, SQL_VERSION_ADD,
	SQL_NOTICE_ADD, SQL_NOTICE_GET_REF,
	SQL_REQUEST_ADD, SQL_REQUEST_GET_REF,
	SQL_HISTORY,
	SQL_ELIG_PATIENT, SQL_ELIG_CAPACITY, SQL_ELIG_DEATH, SQL_ELIG_NOTICES, SQL_ELIG_REQUESTS,
	SQL_ALL_PATIENTS, SQL_ALL_CAPACITY, SQL_ALL_DEATH, SQL_ALL_NOTICES,
	SQL_ALL_REQUESTS,
	SQL_PATIENT_BY_KEY, SQL_SIMILAR, SQL_DUP_PAIRS, SQL_RECENT,
	SQL_FIND_GIVEN_NAME, SQL_FIND_GIVEN_KANA,
	SQL_CHANGE_ADD, SQL_PATIENT_SET, SQL_MERGE_ADD, SQL_MERGE_POINT,
	SQL_ELIG_GROUP_FACTS,
	SQL_VOID_ADD, SQL_VOID_FIND_REF, SQL_VOID_FIND_ID, SQL_IS_VOIDED,
	SQL_PRINT_COUNT, SQL_PRINT_ADD,
	SQL_REQ_LIST, SQL_MERGED_INTO_LIST,
	/* issue 9: bulk import and visits */
	SQL_IMPORT_ADD, SQL_IMPORT_CONTACT_GET, SQL_IMPORT_CONTACT_ADD,
	SQL_VISIT_ADD, SQL_VISIT_EXISTS, SQL_VISIT_LIST, SQL_IMPORT_SIMILAR,
	/* issue 10: the hand-over (store/handover.c) */
	SQL_PROVISION_ADD, SQL_PROVISION_PATIENT_ADD, SQL_PROVISION_LIST,
	SQL_PROVISION_GET, SQL_PROVISION_PATIENTS, SQL_PATIENT_PROVISIONS,
	SQL_FORWARD_MAKE, SQL_FORWARD_LIST, SQL_FORWARD_DONE, SQL_FORWARD_GET,
	SQL_OPERATOR_GET, SQL_PROVIDED_OPERATORS, SQL_EXPORT_NOTICES,
	SQL_EXPORT_REQUESTS, SQL_EXPORT_PATIENT,
	SQL_ALL_NUMBERS, SQL_ALL_HEADS,
	/* issue 12: idempotent retries (reqid.c) */
	SQL_REQID_GET, SQL_REQID_ADD,
	/* issue 11: staff and the audit log (one row-copy slot per audited
	 * table, SQL_AUDIT_ROW + its index in store/audit.c) */
	SQL_STAFF_ANY, SQL_STAFF_ADD, SQL_STAFF_GET, SQL_STAFF_LIST, SQL_STAFF_PW,
	SQL_STAFF_DISABLE, SQL_STAFF_FAIL, SQL_STAFF_OK,
	SQL_AUDIT_LAST, SQL_AUDIT_ADD, SQL_AUDIT_LIST, SQL_AUDIT_WITNESS, SQL_AUDIT_MERGED,
	SQL_AUDIT_FORWARDS,
	SQL_AUDIT_ROW, SQL_AUDIT_ROW_END = SQL_AUDIT_ROW + 31,
	/* issue 13: the worklists (worklist.c, and the counts in identity.c
	 * and handover.c) */
	SQL_WL_RENOTICE, SQL_DUP_COUNT, SQL_FORWARD_COUNT, SQL_WL_VERSION,
	/* issue 13: the reports (store/report.c) */
	SQL_REPORT_NOTICES, SQL_REPORT_REQUESTS, SQL_REPORT_PRINTS,
	SQL_SLOT_COUNT
};

struct store {
	sqlite3 *db;
	sqlite3_stmt *stmt[SQL_SLOT_COUNT];
	int depth;              /* transaction nesting (0: none open) */
	char err[512];          /* technical detail of the last failure */
	od_date today;          /* the clinic's today (store_set_today) */
	int data_version;       /* last PRAGMA data_version seen, -1 none */
	store_conflict conflict;   /* of the last STORE_CONFLICT */
	store_backdate backdate;   /* of the last STORE_BACKDATED */
	void (*on_wait)(void *);   /* store_on_wait (issue 12) */
	void *on_wait_ctx;
	bool wait_said;            /* on_wait called already */
	long long busy_since;      /* ms, when the current wait began */
	struct {                   /* store_request_id_arm (issue 12) */
		bool armed;
		bool has_result;   /* the write set its result: record on commit */
		bool in_write;     /* the open transaction is a write one */
		bool pending;      /* inserted in the open transaction */
		bool recorded;     /* committed with its entry */
		bool replayed;     /* found recorded: result is the first one */
		char key[STORE_REQUEST_ID_MAX + 1];
		char kind[32];
		char subject[STORE_NUMBER_SIZE * 2 + REFCODE_SIZE];
		char result[STORE_NUMBER_SIZE + REFCODE_SIZE];
	} reqid;
	char actor[STORE_STAFF_SIZE]; /* who acts: into every audit entry */
	/* Known while this connection holds the write lock (BEGIN IMMEDIATE),
	 * forgotten at every BEGIN and every rollback: nobody else can change
	 * them meanwhile, so a bulk import (issue 9) reads them once instead
	 * of once a row. */
	struct {
		bool head_known;           /* the newest audit entry */
		int64_t head_id;
		unsigned char head[32];    /* its hash, raw */
		bool width_known;          /* patient_number_width */
		int width;
	} held;
};

/* A condition that leaves voided entries out (col: the event's id). */
#define NOT_VOIDED(col) " AND " col " NOT IN (SELECT event_id FROM voids)"

/* The statement for `slot`, prepared on first use from `sql`, reset and with
 * its bindings cleared. NULL on failure (detail in st->err). */
sqlite3_stmt *store_stmt(store *st, enum store_slot slot, const char *sql);

/* Records the technical detail and returns rc. */
store_rc store_fail(store *st, store_rc rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Maps a SQLite result code to a store_rc, recording sqlite3_errmsg. */
store_rc store_sqlite_fail(store *st, int src, const char *what);

/* BEGIN IMMEDIATE (write) or BEGIN (read) at depth 0, SAVEPOINT inside, with
 * retries on SQLITE_BUSY beyond the busy timeout. */
store_rc store_tx_begin(store *st, bool write);
/* Commits (or releases the savepoint) when ok, rolls back otherwise.
 * Returns rc unchanged when it was not STORE_OK. */
store_rc store_tx_end(store *st, store_rc rc);

/* Steps a write statement to SQLITE_DONE with the right store_rc
 * (constraint violations become STORE_INVALID or STORE_EXISTS). */
store_rc store_step_done(store *st, sqlite3_stmt *s, const char *what);

/* Next id from the one counter shared by every event table, so that the
 * recording order can be compared across kinds of events. */
store_rc store_next_event_id(store *st, int64_t *id);

/* UTC "YYYY-MM-DDTHH:MM:SSZ" from the real clock. */
void store_now_stamp(char out[STORE_STAMP_SIZE]);
/* ISO date column <-> od_date. */
bool store_date_from_text(const unsigned char *txt, od_date *out);
void store_bind_date(sqlite3_stmt *s, int idx, od_date d);
/* Copies a text column (NULL becomes ""), never overflowing. */
void store_col_text(sqlite3_stmt *s, int col, char *out, size_t outsz);

/* Validation helpers: STORE_OK or STORE_INVALID with detail naming `field`. */
store_rc store_check_text(store *st, const char *field, const char *s,
                          size_t max_chars, size_t max_bytes, bool required);

/* Loads facts, capacity, notices and requests of one patient without
 * opening a transaction (callers hold one). STORE_NOT_FOUND if no patient. */
/* Only what rules_state_on needs: birth, death, capacity events. */
store_rc store_facts_load_locked(store *st, int64_t patient_id, store_elig *out);
store_rc store_elig_load_locked(store *st, int64_t patient_id, store_elig *out);
store_rc store_notice_version_current_locked(store *st, notice_version *cur,
                                             int64_t *material_id);
int store_wait_months(store *st);
/* STORE_OK if the patient exists, STORE_NOT_FOUND if not. */
store_rc store_patient_exists_locked(store *st, int64_t id);

/* Group of a patient: itself and the patients merged into it. The
 * patient a record resolves to (following merged_into), or pid itself. */
int64_t store_resolve_locked(store *st, int64_t pid);

/* The checks every dated event passes inside its write transaction:
 * STORE_FUTURE after today; STORE_BACKDATED (st->backdate filled) when
 * `after` gives another state than `before` on a date before today, unless
 * confirmed. `before` and `after` are the patient's inputs without and
 * with the new entry. */
store_rc store_check_dated(store *st, od_date date, const elig_input *before,
                           const elig_input *after, bool confirmed);
/* Fills st->conflict and returns STORE_CONFLICT. */
store_rc store_conflict_fail(store *st, int kind, const char *ref, od_date date,
                             const char *why);

/* ---- request ids (reqid.c, issue 12) ---- */
/* Inside a write transaction at depth 0 (store_tx_begin calls it): the
 * armed id already recorded gives STORE_REPLAYED or STORE_CONFLICT. */
store_rc store_request_id_check_locked(store *st);
/* What the write made (a reference, a patient number, "#id"): what a
 * retry with the same id gets back. Each write of a command sets it
 * before its transaction ends. */
void store_request_id_result_set(store *st, const char *result);
/* Just before COMMIT (store_tx_end): the id and its result. */
store_rc store_request_id_record_locked(store *st);

/* ---- patients (patients.c, identity.c) ---- */
typedef struct patient_keys {
	char number_key[STORE_NUMBER_SIZE];
	char name_key[TEXT_KEY_SIZE], kana_key[TEXT_KEY_SIZE];
	char given_name[TEXT_KEY_SIZE], given_kana[TEXT_KEY_SIZE];
} patient_keys;
/* Validates a patient's fields (normalising p->number and p->sex) and
 * computes its keys: STORE_OK, STORE_INVALID or STORE_FUTURE. */
store_rc store_patient_check_fields(store *st, patient *p, patient_keys *k);
/* The phone and address of a contact event (store_particular_problem). */
store_rc store_contact_check(store *st, const char *phone, const char *address);
/* The id of the patient whose number has this key (an exact match of the
 * text first, for databases of 0.1 holding both "0001" and "1"), or 0. */
store_rc store_id_by_key_locked(store *st, const char *key, const char *number,
                                int64_t *id);
/* The same record with its id, name, kana, birth and sex as stored (the
 * rest zero); id 0 when there is none. */
store_rc store_patient_by_key_locked(store *st, const char *key, const char *number,
                                     patient *found);
/* Appends a patient_changes event dated today. */
store_rc store_add_change_locked(store *st, int64_t pid, const char *field,
                                 const char *old, const char *new,
                                 const char *source, const char *staff);
typedef struct store_id_list {
	int64_t *ids;
	size_t n, cap;
} store_id_list;
bool store_id_push(store_id_list *l, int64_t id);
/* Steps s to the end, pushing its first `ncols` columns (ids) of every
 * row; resets it. `what` names the query in the error. */
store_rc store_id_rows(store *st, sqlite3_stmt *s, int ncols, store_id_list *out,
                       const char *what);
/* A one-number query (SELECT count(*) ...) in its own read transaction. */
store_rc store_count(store *st, enum store_slot slot, const char *sql, const char *what,
                     int64_t *n);
/* Ids of patients that may be p (p->id itself excluded). */
store_rc store_similar_ids_locked(store *st, const patient *p, const patient_keys *k,
                                  store_id_list *out);

/* Whether another live desk is importing (store_import_mark, issue 9). */
bool store_import_running(store *st);

/* ---- the audit log (audit.c, issue 11) ---- */
/* Logs the row `key` of `table` as it now is (a copy in the entry), inside
 * the caller's write transaction: every writer calls it right after its
 * INSERT or UPDATE. action: "add", "change". pid: the patient, 0 none. */
store_rc store_audit_row_locked(store *st, const char *table, int64_t key,
                                int64_t pid, const char *action, const char *detail);
/* The same for a table keyed by text (settings). */
store_rc store_audit_key_locked(store *st, const char *table, const char *key,
                                const char *action);
/* An entry with no row (access, sign-in), inside a write transaction. */
store_rc store_audit_entry_locked(store *st, const char *action, int64_t pid,
                                  const char *detail);
/* Every row the log covers gets an "adopt" entry: when the log is made on
 * a database that already holds records (migration); with `only`, the
 * rows of that table that have no entry yet (a table joining the log). */
store_rc store_audit_adopt_locked(store *st, const char *only);

/* For tests (EXPLAIN QUERY PLAN): the SQL of each part of
 * store_patient_find, 0 number, 1 kana key, 2 name key, 3 birth date. */
const char *store_find_sql(int part);
/* The cursors of store_eligible: 0 patients, 1 capacity, 2 death,
 * 3 notices, 4 requests (pass 1, by patient id), 5 numbers (pass 2),
 * 6 merged-into heads. */
const char *store_eligible_sql(int part);

/* Issue 10: inside store_request_add's transaction, a stop asking that
 * provided data be deleted makes one forward per operator that received
 * the patient's (group's) data. */
store_rc store_forwards_make_locked(store *st, int64_t request_id, int64_t patient_id);

#endif
