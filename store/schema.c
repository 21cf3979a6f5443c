/* The schema, as a list of migrations. Migration i brings a database from
 * PRAGMA user_version i to i + 1; each runs in its own transaction. Never
 * edit a migration that has shipped: append a new one. */
#include "config.h"

#include <stddef.h>
#include "store/schema.h"
#include "core/rules.h"

/* Enumerations are stored as their values in core/rules.h; the CHECK
 * ranges below are tied to those enums, so a change there breaks the build
 * here instead of silently breaking stored data. */
_Static_assert(REQ_KIND_COUNT == 4, "requester_kind values are stored: update the schema");
_Static_assert(REL_COUNT == 9, "relationship values are stored: update the schema");
_Static_assert(CH_COUNT == 4, "channel values are stored: update the schema");
_Static_assert(ID_COUNT == 7, "id_check values are stored: update the schema");

/* date(julianday(x)) normalizes 2026-02-30 to 2026-03-02, so comparing it
 * with x refuses days that do not exist (plain date(x) echoes them). */
#define ISO_DATE(c) \
	"CHECK(" c " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'" \
	" AND date(julianday(" c ")) IS " c ")"
#define STAMP(c) \
	"CHECK(" c " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T" \
	"[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z')"
#define BOOL(c) "CHECK(" c " IN (0, 1))"
#define APPEND_ONLY(t) \
	"CREATE TRIGGER " t "_no_update BEFORE UPDATE ON " t " BEGIN" \
	" SELECT RAISE(ABORT, '" t " is append-only'); END;\n" \
	"CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t " BEGIN" \
	" SELECT RAISE(ABORT, '" t " is append-only'); END;\n"
/* Event ids come from counters('event') (see store_next_event_id), so they
 * order events of every kind by the moment they were recorded. */
#define EVENT_HEAD \
	" id INTEGER PRIMARY KEY,\n" \
	" patient_id INTEGER NOT NULL REFERENCES patients(id),\n" \
	" date TEXT NOT NULL " ISO_DATE("date") ",\n"
#define EVENT_TAIL \
	" staff TEXT NOT NULL DEFAULT '',\n" \
	" recorded_at TEXT NOT NULL " STAMP("recorded_at") "\n"

static const char migration_1[] =
	"PRAGMA application_id = " STORE_APPLICATION_ID_TEXT ";\n"
	"CREATE TABLE settings(\n"
	" key TEXT PRIMARY KEY NOT NULL,\n"
	" value TEXT NOT NULL\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE counters(\n"
	" name TEXT PRIMARY KEY NOT NULL,\n"
	" value INTEGER NOT NULL\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO counters(name, value) VALUES ('event', 0);\n"
	"CREATE TABLE operators(\n"
	" id INTEGER PRIMARY KEY,\n"
	" name TEXT NOT NULL CHECK(length(name) > 0),\n"
	" kind TEXT NOT NULL CHECK(kind IN ('a', 'p')),\n"
	" address TEXT NOT NULL DEFAULT '',\n"
	" active INTEGER NOT NULL DEFAULT 1 " BOOL("active") ",\n"
	" created_at TEXT NOT NULL " STAMP("created_at") "\n"
	");\n"
	/* name_key and kana_key are text_search_key() of name and kana; the
	 * prefix searches run as index ranges on them. */
	"CREATE TABLE patients(\n"
	" id INTEGER PRIMARY KEY,\n"
	" number TEXT NOT NULL UNIQUE CHECK(length(number) BETWEEN 1 AND 31),\n"
	" name TEXT NOT NULL CHECK(length(name) > 0),\n"
	" kana TEXT NOT NULL CHECK(length(kana) > 0),\n"
	" name_key TEXT NOT NULL,\n"
	" kana_key TEXT NOT NULL,\n"
	" birth TEXT CHECK(birth IS NULL OR (birth GLOB"
	" '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(julianday(birth)) IS birth)),\n"
	" sex TEXT NOT NULL DEFAULT 'u' CHECK(sex IN ('m', 'f', 'u')),\n"
	" created_at TEXT NOT NULL " STAMP("created_at") "\n"
	");\n"
	"CREATE INDEX patients_kana ON patients(kana_key, number);\n"
	"CREATE INDEX patients_name ON patients(name_key, number);\n"
	"CREATE INDEX patients_birth ON patients(birth, kana_key, number);\n"
	/* A patient's record is the proof that a notice was given: never
	 * deleted. */
	"CREATE TRIGGER patients_no_delete BEFORE DELETE ON patients BEGIN"
	" SELECT RAISE(ABORT, 'patients are never deleted'); END;\n"
	"CREATE TABLE contact_events(\n"
	EVENT_HEAD
	" phone TEXT NOT NULL DEFAULT '',\n"
	" address TEXT NOT NULL DEFAULT '',\n"
	EVENT_TAIL
	");\n"
	"CREATE INDEX contact_events_patient ON contact_events(patient_id, date);\n"
	APPEND_ONLY("contact_events")
	"CREATE TABLE capacity_events(\n"
	EVENT_HEAD
	" unable INTEGER NOT NULL " BOOL("unable") ",\n"
	" reason TEXT NOT NULL DEFAULT '',\n"
	EVENT_TAIL
	");\n"
	"CREATE INDEX capacity_events_patient ON capacity_events(patient_id, date);\n"
	APPEND_ONLY("capacity_events")
	"CREATE TABLE death_events(\n"
	EVENT_HEAD
	EVENT_TAIL
	");\n"
	"CREATE INDEX death_events_patient ON death_events(patient_id, date);\n"
	APPEND_ONLY("death_events")
	"CREATE TABLE notice_versions(\n"
	" id INTEGER PRIMARY KEY,\n"
	" hash TEXT NOT NULL CHECK(length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),\n"
	" material INTEGER NOT NULL " BOOL("material") ",\n"
	" note TEXT NOT NULL DEFAULT '',\n"
	" created_at TEXT NOT NULL " STAMP("created_at") "\n"
	");\n"
	APPEND_ONLY("notice_versions")
	"CREATE TABLE notices(\n"
	EVENT_HEAD
	" recipient_kind INTEGER NOT NULL CHECK(recipient_kind BETWEEN 0 AND 3),\n"
	" recipient TEXT NOT NULL DEFAULT '',\n"
	" relationship INTEGER NOT NULL CHECK(relationship BETWEEN 0 AND 8),\n"
	" version INTEGER NOT NULL REFERENCES notice_versions(id),\n"
	" ref TEXT NOT NULL UNIQUE,\n"
	EVENT_TAIL
	");\n"
	"CREATE INDEX notices_patient ON notices(patient_id, date);\n"
	APPEND_ONLY("notices")
	"CREATE TABLE requests(\n"
	EVENT_HEAD
	" stop INTEGER NOT NULL " BOOL("stop") ",\n"
	" channel INTEGER NOT NULL CHECK(channel BETWEEN 0 AND 3),\n"
	" requester_kind INTEGER NOT NULL CHECK(requester_kind BETWEEN 0 AND 3),\n"
	" requester_name TEXT NOT NULL DEFAULT '',\n"
	" relationship INTEGER NOT NULL CHECK(relationship BETWEEN 0 AND 8),\n"
	" id_check INTEGER NOT NULL CHECK(id_check BETWEEN 0 AND 6),\n"
	" delete_provided INTEGER NOT NULL " BOOL("delete_provided") ",\n"
	" mismatch INTEGER NOT NULL " BOOL("mismatch") ",\n"
	" note TEXT NOT NULL DEFAULT '',\n"
	" ref TEXT NOT NULL UNIQUE,\n"
	EVENT_TAIL
	");\n"
	"CREATE INDEX requests_patient ON requests(patient_id, date);\n"
	APPEND_ONLY("requests");

/* Issue 8, one person one state. Keys are recomputed by the store's own
 * SQL functions (od_number_key, od_search_key, od_given_key: the core/text
 * rules), registered on every connection before migrating. The number key
 * is the width-independent form ("0001" and "1" are one number); it is not
 * declared UNIQUE because a database of 0.1 may already hold both forms:
 * the store refuses new clashes and lists old ones as possible duplicates.
 * merged_into is derived from the append-only merges table (a cache the
 * lookups need); name/kana/birth/sex changes keep their old values in
 * patient_changes. */
static const char migration_2[] =
	"ALTER TABLE patients ADD COLUMN number_key TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE patients ADD COLUMN given_name_key TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE patients ADD COLUMN given_kana_key TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE patients ADD COLUMN merged_into INTEGER REFERENCES patients(id);\n"
	"UPDATE patients SET number_key = od_number_key(number),"
	" name_key = od_search_key(name), kana_key = od_search_key(kana),"
	" given_name_key = od_given_key(name), given_kana_key = od_given_key(kana);\n"
	"CREATE INDEX patients_number_key ON patients(number_key);\n"
	"CREATE INDEX patients_given_name ON patients(given_name_key, number)"
	" WHERE given_name_key <> '';\n"
	"CREATE INDEX patients_given_kana ON patients(given_kana_key, number)"
	" WHERE given_kana_key <> '';\n"
	"CREATE INDEX patients_merged ON patients(merged_into) WHERE merged_into IS NOT NULL;\n"
	"CREATE INDEX patients_created ON patients(created_at);\n"
	/* field: name, kana, birth, sex, or 'register' (new record; `new`
	 * lists the numbers staff said were other people). */
	"CREATE TABLE patient_changes(\n"
	EVENT_HEAD
	" field TEXT NOT NULL CHECK(field IN ('name', 'kana', 'birth', 'sex', 'register')),\n"
	" old TEXT NOT NULL DEFAULT '',\n"
	" new TEXT NOT NULL DEFAULT '',\n"
	" source TEXT NOT NULL DEFAULT '',\n"
	EVENT_TAIL
	");\n"
	"CREATE INDEX patient_changes_patient ON patient_changes(patient_id, date);\n"
	APPEND_ONLY("patient_changes")
	/* patient_id is FROM, into_id INTO. */
	"CREATE TABLE merges(\n"
	EVENT_HEAD
	" into_id INTEGER NOT NULL REFERENCES patients(id) CHECK(into_id <> patient_id),\n"
	" reason TEXT NOT NULL CHECK(length(reason) > 0),\n"
	EVENT_TAIL
	");\n"
	"CREATE INDEX merges_patient ON merges(patient_id);\n"
	"CREATE INDEX merges_into ON merges(into_id);\n"
	APPEND_ONLY("merges")
	/* An entry made in error: event_id is the id of a notice, request,
	 * capacity, death or contact event (one counter numbers them all). */
	"CREATE TABLE voids(\n"
	EVENT_HEAD
	" event_id INTEGER NOT NULL UNIQUE,\n"
	" reason TEXT NOT NULL CHECK(length(reason) > 0),\n"
	EVENT_TAIL
	");\n"
	APPEND_ONLY("voids")
	/* A deletion request added on top of the stop in effect. */
	"ALTER TABLE requests ADD COLUMN addition INTEGER NOT NULL DEFAULT 0 " BOOL("addition") ";\n"
	"CREATE TABLE prints(\n"
	" id INTEGER PRIMARY KEY,\n"
	" kind TEXT NOT NULL,\n"
	" ref TEXT NOT NULL,\n"
	" patient_id INTEGER REFERENCES patients(id),\n"
	" staff TEXT NOT NULL DEFAULT '',\n"
	" printed_at TEXT NOT NULL " STAMP("printed_at") "\n"
	");\n"
	"CREATE INDEX prints_ref ON prints(ref, kind);\n"
	APPEND_ONLY("prints");

/* Issue 9, the day's visits (受付一覧) loaded from the receipt computer:
 * one row per arrival, append-only. time is "HH:MM" or '' when the list
 * gave none; source names the file it came from. */
static const char migration_visits[] =
	"CREATE TABLE visits(\n"
	" id INTEGER PRIMARY KEY,\n"
	" patient_id INTEGER NOT NULL REFERENCES patients(id),\n"
	" date TEXT NOT NULL " ISO_DATE("date") ",\n"
	" time TEXT NOT NULL DEFAULT '' CHECK(time = '' OR time GLOB '[0-2][0-9]:[0-5][0-9]'),\n"
	" department TEXT NOT NULL DEFAULT '',\n"
	" source TEXT NOT NULL DEFAULT '',\n"
	" staff TEXT NOT NULL DEFAULT '',\n"
	" recorded_at TEXT NOT NULL " STAMP("recorded_at") "\n"
	");\n"
	"CREATE INDEX visits_date ON visits(date, time, id);\n"
	"CREATE INDEX visits_patient ON visits(patient_id, date);\n"
	APPEND_ONLY("visits");
/* Issue 10, the hand-over. A provision (提供記録) is one hand-over of the
 * listed patients' records to an operator on a date; a forward is a
 * deletion request that must reach an operator which received a patient's
 * data, done once staff record when the operator was told. All append-only
 * and never deleted: they are the proof of what was sent to whom. */
static const char migration_handover[] =
	"CREATE TABLE provisions(\n"
	" id INTEGER PRIMARY KEY,\n"
	" date TEXT NOT NULL " ISO_DATE("date") ",\n"
	" operator_id INTEGER NOT NULL REFERENCES operators(id),\n"
	" items TEXT NOT NULL DEFAULT '',\n"
	EVENT_TAIL
	");\n"
	"CREATE INDEX provisions_date ON provisions(date);\n"
	APPEND_ONLY("provisions")
	/* number: as the list gave it (normalised); patient_id: the record it
	 * resolved to (a merged number answers for the patient it joined). */
	"CREATE TABLE provision_patients(\n"
	" provision_id INTEGER NOT NULL REFERENCES provisions(id),\n"
	" patient_id INTEGER NOT NULL REFERENCES patients(id),\n"
	" number TEXT NOT NULL,\n"
	" PRIMARY KEY(provision_id, patient_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX provision_patients_patient ON provision_patients(patient_id);\n"
	APPEND_ONLY("provision_patients")
	"CREATE TABLE forwards(\n"
	" id INTEGER PRIMARY KEY,\n"
	" request_id INTEGER NOT NULL REFERENCES requests(id),\n"
	" patient_id INTEGER NOT NULL REFERENCES patients(id),\n"
	" operator_id INTEGER NOT NULL REFERENCES operators(id),\n"
	" created_at TEXT NOT NULL " STAMP("created_at") ",\n"
	" UNIQUE(request_id, operator_id)\n"
	");\n"
	APPEND_ONLY("forwards")
	"CREATE TABLE forwards_done(\n"
	" forward_id INTEGER PRIMARY KEY REFERENCES forwards(id),\n"
	" date TEXT NOT NULL " ISO_DATE("date") ",\n"
	" note TEXT NOT NULL DEFAULT '',\n"
	EVENT_TAIL
	");\n"
	APPEND_ONLY("forwards_done");
/* Issue 12, idempotent retries: a write's request id and its result
 * (reference, patient number), written in the entry's transaction. kind is
 * the command, subject what it concerned: the same id for another is
 * refused. */
static const char migration_request_ids[] =
	"CREATE TABLE request_ids(\n"
	" key TEXT PRIMARY KEY NOT NULL CHECK(length(key) BETWEEN 1 AND 64),\n"
	" kind TEXT NOT NULL,\n"
	" subject TEXT NOT NULL,\n"
	" result TEXT NOT NULL,\n"
	" created_at TEXT NOT NULL " STAMP("created_at") "\n"
	") WITHOUT ROWID;\n"
	APPEND_ONLY("request_ids");
/* Issue 11, who did what. staff: the people who sign in (pwhash is
 * libsodium's crypto_pwhash_str, Argon2id; failures and locked_until are
 * the lockout's counters, left out of the audit's copy of the row).
 * audit: one append-only log, each entry chained to the one before by
 * BLAKE2b (store/audit.c defines the canonical form that is hashed); every
 * change writes its entry in its own transaction, with a copy of the row
 * as it was written (content), so `verify` can tell a row edited, deleted
 * or inserted behind the desk's back. */
static const char migration_audit[] =
	"CREATE TABLE staff(\n"
	" id INTEGER PRIMARY KEY,\n"
	" login TEXT NOT NULL UNIQUE CHECK(length(login) BETWEEN 1 AND 32"
	" AND login NOT GLOB '*[^a-z0-9._-]*'),\n"
	" name TEXT NOT NULL CHECK(length(name) > 0),\n"
	" role TEXT NOT NULL CHECK(role IN ('clerk', 'admin', 'pipeline')),\n"
	" pwhash TEXT NOT NULL,\n"
	" active INTEGER NOT NULL DEFAULT 1 " BOOL("active") ",\n"
	" failures INTEGER NOT NULL DEFAULT 0,\n"
	" locked_until INTEGER NOT NULL DEFAULT 0,\n"
	" created_at TEXT NOT NULL " STAMP("created_at") "\n"
	");\n"
	"CREATE TRIGGER staff_no_delete BEFORE DELETE ON staff BEGIN"
	" SELECT RAISE(ABORT, 'staff are never deleted: disable them'); END;\n"
	"CREATE TABLE audit(\n"
	" id INTEGER PRIMARY KEY,\n"
	" at TEXT NOT NULL " STAMP("at") ",\n"
	" actor TEXT NOT NULL DEFAULT '',\n"
	" action TEXT NOT NULL,\n"
	" tbl TEXT NOT NULL DEFAULT '',\n"
	" row_key TEXT NOT NULL DEFAULT '',\n"
	" patient_id INTEGER,\n"
	" detail TEXT NOT NULL DEFAULT '',\n"
	" day TEXT NOT NULL " ISO_DATE("day") ",\n"
	" content BLOB,\n"
	" prev TEXT NOT NULL,\n"
	" hash TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX audit_row ON audit(tbl, row_key, id) WHERE tbl <> '';\n"
	"CREATE INDEX audit_patient ON audit(patient_id, id) WHERE patient_id IS NOT NULL;\n"
	"CREATE INDEX audit_actor ON audit(actor, id);\n"
	APPEND_ONLY("audit");

/* Issue 11: the request ids (issue 12) join the audit log. Nothing in the
 * schema changes; store/db.c adopts the rows already there, so that
 * `verify` can tell one slipped in or deleted behind the desk's back. */
static const char migration_audit_request_ids[] =
	"-- request_ids joins the audit log (rows adopted by store/db.c)\n";

/* issue 9: the possible-duplicate check of every imported row reads only
 * this index (birth, both keys): with the name key outside it, each row of
 * the same birth date was fetched from the table, ~27 random reads a row
 * in a million-patient master. */
static const char migration_birth_keys[] =
	"DROP INDEX patients_birth;\n"
	"CREATE INDEX patients_birth ON patients(birth, kana_key, number, name_key);\n";

const char *const store_migrations[] = {
	migration_1,
	migration_2,
	migration_handover,
	migration_request_ids,
	migration_audit,
	migration_visits,
	migration_audit_request_ids,
	migration_birth_keys,
};

const char *const store_migration_audit = migration_audit;
const char *const store_migration_audit_request_ids = migration_audit_request_ids;

const int store_schema_version =
	(int)(sizeof store_migrations / sizeof store_migrations[0]);
