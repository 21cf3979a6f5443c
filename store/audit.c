/* The audit log (issue 11): one append-only table whose entries are
 * chained by BLAKE2b, written by every change in the change's own
 * transaction, and `verify`, which recomputes the chain and checks every
 * row the log covers against the log's copy of it.
 *
 * The canonical form (what is hashed; it never changes for a stored entry):
 *   value  := tag (1 byte: 'N' null, 'I' integer, 'R' real, 'T' text,
 *             'B' blob) || length (4 bytes, big-endian) || bytes
 *             (integers as decimal ASCII, reals as "%.17g", text as UTF-8)
 *   content of a row := value(table) || value(key) || value(column) for
 *             each column of audited[] below, in that order
 *   entry  := value(id) || value(at) || value(day) || value(actor) ||
 *             value(action) || value(tbl) || value(row_key) ||
 *             value(patient_id) || value(detail) || value(content)
 *   hash   := BLAKE2b-256(prev || entry), prev being the previous entry's
 *             hash (32 zero bytes for the first); both kept in hex.
 * Anyone with write access to the file can recompute the whole chain; what
 * witnesses it is a head hash printed earlier (`verify --head`, the daily
 * report) that must still be an entry of the chain (`verify --witness`). */
#include "config.h"

#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "store/internal.h"

#define HASH_BYTES 32
#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* The tables the log covers, with their columns in canonical order. A
 * table joins with one row here and a store_audit_row_locked call after
 * each of its INSERTs and UPDATEs (same transaction). Columns derived from
 * others (search keys) and the lockout counters of staff are left out, and
 * so is the password hash (the log keeps no copy of it). A migration that
 * adds a column to a table here must not add it to this list for rows
 * already logged: add it at the end with a new table entry version, or
 * leave it out. */
typedef struct audited {
	const char *table;
	const char *keycol;         /* the row's key column */
	bool text_key;              /* keyed by text (settings), else an integer */
	const char *pidcol;         /* the patient column, or NULL */
	const char *cols;           /* no commas inside an expression */
} audited;
static const audited audited_tables[] = {
	{ "settings", "key", true, NULL, "key, value" },
	{ "operators", "id", false, NULL, "id, name, kind, address, active, created_at" },
	{ "staff", "id", false, NULL, "id, login, name, role, active, created_at" },
	{ "patients", "id", false, "id",
	  "id, number, name, kana, birth, sex, created_at, merged_into" },
	{ "contact_events", "id", false, "patient_id",
	  "id, patient_id, date, phone, address, staff, recorded_at" },
	{ "capacity_events", "id", false, "patient_id",
	  "id, patient_id, date, unable, reason, staff, recorded_at" },
	{ "death_events", "id", false, "patient_id", "id, patient_id, date, staff, recorded_at" },
	{ "notice_versions", "id", false, NULL, "id, hash, material, note, created_at" },
	{ "notices", "id", false, "patient_id", "id, ref, patient_id, date, recipient_kind,"
	  " recipient, relationship, version, staff, recorded_at" },
	{ "requests", "id", false, "patient_id", "id, ref, patient_id, date, stop, channel,"
	  " requester_kind, requester_name, relationship, id_check, delete_provided, mismatch,"
	  " note, staff, recorded_at, addition" },
	{ "patient_changes", "id", false, "patient_id", "id, patient_id, date, field, old, new,"
	  " source, staff, recorded_at" },
	{ "merges", "id", false, "patient_id",
	  "id, patient_id, date, into_id, reason, staff, recorded_at" },
	{ "voids", "id", false, "patient_id",
	  "id, patient_id, date, event_id, reason, staff, recorded_at" },
	{ "prints", "id", false, "patient_id", "id, kind, ref, patient_id, staff, printed_at" },
	/* issue 10: a provision with its list of patients (so a patient taken
	 * off the list shows as a change of the provision), the forwards and
	 * when each was done */
	{ "provisions", "id", false, NULL, "id, date, operator_id, items, staff, recorded_at,"
	  " (SELECT group_concat(x) FROM (SELECT pp.patient_id || ':' || pp.number AS x"
	  " FROM provision_patients pp WHERE pp.provision_id = provisions.id"
	  " ORDER BY pp.patient_id)) AS patients" },
	{ "forwards", "id", false, "patient_id",
	  "id, request_id, patient_id, operator_id, created_at" },
	{ "forwards_done", "forward_id", false, NULL,
	  "forward_id, date, note, staff, recorded_at" },
	/* issue 9: the visits loaded from the reception list */
	{ "visits", "id", false, "patient_id",
	  "id, patient_id, date, time, department, source, staff, recorded_at" },
	/* issue 12's request ids: a row slipped in behind the desk's back
	 * would make a later write with that id answer "already recorded"
	 * and record nothing (a stop silently lost) */
	{ "request_ids", "key", true, NULL, "key, kind, subject, result, created_at" },
};
#define NAUDITED ((int)(sizeof audited_tables / sizeof audited_tables[0]))
_Static_assert(NAUDITED <= SQL_AUDIT_ROW_END - SQL_AUDIT_ROW + 1,
               "more audited tables than statement slots");

static int audited_index(const char *table)
{
	for (int i = 0; i < NAUDITED; i++)
		if (strcmp(audited_tables[i].table, table) == 0)
			return i;
	return -1;
}

/* ---- the canonical form ------------------------------------------------------ */

/* A growing byte buffer; it may start on the caller's stack (own false),
 * so that the audit entry of one row costs no malloc. With gs set it
 * keeps nothing and feeds the bytes to the hash instead: an entry is
 * hashed without being built in memory. */
typedef struct buf {
	unsigned char *p;
	size_t n, cap;
	bool oom;
	bool own;                   /* p is ours to free */
	crypto_generichash_state *gs;
} buf;

static void buf_free(buf *b)
{
	if (b->own)
		free(b->p);
}

static void buf_put(buf *b, const void *data, size_t len)
{
	if (b->gs) {
		if (len)
			crypto_generichash_update(b->gs, data, len);
		return;
	}
	if (b->oom)
		return;
	if (b->n + len > b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 256;
		while (ncap < b->n + len)
			ncap *= 2;
		unsigned char *np = b->own ? realloc(b->p, ncap) : malloc(ncap);
		if (!np) {
			b->oom = true;
			return;
		}
		if (!b->own && b->n)
			memcpy(np, b->p, b->n);
		b->p = np;
		b->cap = ncap;
		b->own = true;
	}
	if (len)
		memcpy(b->p + b->n, data, len);
	b->n += len;
}

static void put_value(buf *b, char tag, const void *data, size_t len)
{
	unsigned char head[5] = { (unsigned char)tag, (unsigned char)(len >> 24),
	                          (unsigned char)(len >> 16), (unsigned char)(len >> 8),
	                          (unsigned char)len };
	buf_put(b, head, sizeof head);
	buf_put(b, data, len);
}

static void put_text(buf *b, const char *s)
{
	put_value(b, 'T', s, strlen(s));
}

static void put_int(buf *b, int64_t v)
{
	char num[24];
	int n = snprintf(num, sizeof num, "%lld", (long long)v);
	put_value(b, 'I', num, (size_t)n);
}

/* Column `col` of a row as a canonical value. */
static void put_column(buf *b, sqlite3_stmt *s, int col)
{
	switch (sqlite3_column_type(s, col)) {
	case SQLITE_NULL:
		put_value(b, 'N', NULL, 0);
		break;
	case SQLITE_INTEGER:
		put_int(b, sqlite3_column_int64(s, col));
		break;
	case SQLITE_FLOAT: {
		char num[40];
		int n = snprintf(num, sizeof num, "%.17g", sqlite3_column_double(s, col));
		put_value(b, 'R', num, (size_t)n);
		break;
	}
	case SQLITE_BLOB: {
		const void *p = sqlite3_column_blob(s, col);
		put_value(b, 'B', p, (size_t)sqlite3_column_bytes(s, col));
		break;
	}
	default: {
		const unsigned char *t = sqlite3_column_text(s, col);
		put_value(b, 'T', t, (size_t)sqlite3_column_bytes(s, col));
	}
	}
}

/* Content of the current row of s: columns 0 key, 1.. the table's own. */
static void put_row(buf *b, const audited *a, sqlite3_stmt *s)
{
	put_text(b, a->table);
	put_column(b, s, 0);
	int n = sqlite3_column_count(s);
	for (int c = 1; c < n; c++)
		put_column(b, s, c);
}

typedef struct entry_fields {
	int64_t id;
	const char *at, *day, *actor, *action, *tbl, *row_key, *detail;
	int64_t patient_id;               /* 0: NULL */
	const unsigned char *content;     /* NULL: NULL */
	size_t content_len;
} entry_fields;

static bool hex_to_raw(const char *hex, unsigned char raw[HASH_BYTES])
{
	size_t len = 0;
	return hex && strlen(hex) == 2 * HASH_BYTES &&
	       sodium_hex2bin(raw, HASH_BYTES, hex, 2 * HASH_BYTES, NULL, &len, NULL) == 0 &&
	       len == HASH_BYTES;
}

/* hash = BLAKE2b-256(prev || entry), prev raw. */
static void entry_hash_raw(const unsigned char prev[HASH_BYTES], const entry_fields *f,
                           unsigned char h[HASH_BYTES])
{
	crypto_generichash_state gs;
	crypto_generichash_init(&gs, NULL, 0, HASH_BYTES);
	crypto_generichash_update(&gs, prev, HASH_BYTES);
	buf b = { .gs = &gs };
	put_int(&b, f->id);
	put_text(&b, f->at);
	put_text(&b, f->day);
	put_text(&b, f->actor);
	put_text(&b, f->action);
	put_text(&b, f->tbl);
	put_text(&b, f->row_key);
	if (f->patient_id)
		put_int(&b, f->patient_id);
	else
		put_value(&b, 'N', NULL, 0);
	put_text(&b, f->detail);
	if (f->content)
		put_value(&b, 'B', f->content, f->content_len);
	else
		put_value(&b, 'N', NULL, 0);
	crypto_generichash_final(&gs, h, HASH_BYTES);
}

/* The same, prev and hash in hex; false when prev is not a hash. */
static bool entry_hash(const char *prev_hex, const entry_fields *f,
                       char out[STORE_HASH_HEX])
{
	unsigned char prev[HASH_BYTES], h[HASH_BYTES];
	if (!hex_to_raw(prev_hex, prev))
		return false;
	entry_hash_raw(prev, f, h);
	sodium_bin2hex(out, STORE_HASH_HEX, h, HASH_BYTES);
	return true;
}

/* sodium_init takes a lock on every call: once is enough (atomic: the
 * desk verifies in a thread of its own). */
static bool sodium_ready(void)
{
	static atomic_bool ready;
	if (!atomic_load(&ready) && sodium_init() >= 0)
		atomic_store(&ready, true);
	return atomic_load(&ready);
}

/* ---- writing ------------------------------------------------------------------ */

void store_set_actor(store *st, const char *login)
{
	snprintf(st->actor, sizeof st->actor, "%s", login ? login : "");
}

const char *store_actor(const store *st)
{
	return st->actor;
}

static store_rc append(store *st, const char *action, const char *tbl, const char *key,
                       int64_t pid, const char *detail, const buf *content)
{
	if (!sodium_ready())
		return store_fail(st, STORE_ERROR, "libsodium could not start");
	int64_t last = 0;
	unsigned char prev_raw[HASH_BYTES] = { 0 };
	if (st->held.head_known) {
		last = st->held.head_id;
		memcpy(prev_raw, st->held.head, HASH_BYTES);
	} else {
		sqlite3_stmt *s = store_stmt(st, SQL_AUDIT_LAST,
			"SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
		if (!s)
			return STORE_ERROR;
		char prev_hex[STORE_HASH_HEX] = ZERO_HASH;
		int src = sqlite3_step(s);
		if (src == SQLITE_ROW) {
			last = sqlite3_column_int64(s, 0);
			store_col_text(s, 1, prev_hex, sizeof prev_hex);
		}
		sqlite3_reset(s);
		if (src != SQLITE_ROW && src != SQLITE_DONE)
			return store_sqlite_fail(st, src, "reading the audit log");
		if (!hex_to_raw(prev_hex, prev_raw))
			return store_fail(st, STORE_CORRUPT, "audit entry %lld: its hash is not a hash",
			                  (long long)last);
	}
	char now[STORE_STAMP_SIZE], day[DATE_ISO_SIZE];
	char prev[STORE_HASH_HEX], hash[STORE_HASH_HEX];
	store_now_stamp(now);
	od_date today = st->today;
	/* While migrating, before the clinic's today is known. */
	if (!date_valid(today) &&
	    !date_today_in_zone((long long)time(NULL), STORE_TIME_ZONE_DEFAULT, &today))
		today = (od_date){ 1970, 1, 1 };
	date_format_iso(today, day);
	entry_fields f = {
		.id = last + 1, .at = now, .day = day, .actor = st->actor, .action = action,
		.tbl = tbl ? tbl : "", .row_key = key ? key : "", .detail = detail ? detail : "",
		.patient_id = pid, .content = content ? content->p : NULL,
		.content_len = content ? content->n : 0,
	};
	unsigned char h[HASH_BYTES];
	entry_hash_raw(prev_raw, &f, h);
	sodium_bin2hex(prev, sizeof prev, prev_raw, HASH_BYTES);
	sodium_bin2hex(hash, sizeof hash, h, HASH_BYTES);
	sqlite3_stmt *s = store_stmt(st, SQL_AUDIT_ADD,
		"INSERT INTO audit(id, at, day, actor, action, tbl, row_key, patient_id, detail,"
		" content, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
	if (!s)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, f.id);
	sqlite3_bind_text(s, 2, f.at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, f.day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, f.actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, f.action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, f.tbl, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, f.row_key, -1, SQLITE_STATIC);
	if (pid)
		sqlite3_bind_int64(s, 8, pid);
	sqlite3_bind_text(s, 9, f.detail, -1, SQLITE_STATIC);
	if (f.content)
		sqlite3_bind_blob(s, 10, f.content, (int)f.content_len, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, hash, -1, SQLITE_STATIC);
	store_rc rc = store_step_done(st, s, "writing the audit log");
	/* Under the write lock the next entry follows this one: no need to
	 * read it back (held is forgotten on rollback). */
	if (rc == STORE_OK && st->depth > 0 && st->reqid.in_write) {
		st->held.head_known = true;
		st->held.head_id = f.id;
		memcpy(st->held.head, h, HASH_BYTES);
	}
	return rc;
}

/* The statement reading one row of table a (or every row, ordered by its
 * key as text, when all). */
static sqlite3_stmt *row_stmt(store *st, int idx)
{
	const audited *a = &audited_tables[idx];
	char sql[768];
	snprintf(sql, sizeof sql, "SELECT CAST(%s AS TEXT), %s FROM %s WHERE %s = ?1",
	         a->keycol, a->cols, a->table, a->keycol);
	return store_stmt(st, (enum store_slot)(SQL_AUDIT_ROW + idx), sql);
}

static store_rc audit_row(store *st, const char *table, const char *tkey, int64_t ikey,
                          int64_t pid, const char *action, const char *detail)
{
	int idx = audited_index(table);
	if (idx < 0)
		return store_fail(st, STORE_ERROR, "table %s is not in the audit list", table);
	sqlite3_stmt *s = row_stmt(st, idx);
	if (!s)
		return STORE_ERROR;
	if (tkey)
		sqlite3_bind_text(s, 1, tkey, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(s, 1, ikey);
	int src = sqlite3_step(s);
	if (src != SQLITE_ROW) {
		sqlite3_reset(s);
		return src == SQLITE_DONE
		       ? store_fail(st, STORE_ERROR, "audit: row %s of %s is gone",
		                    tkey ? tkey : "?", table)
		       : store_sqlite_fail(st, src, "audit: reading the row");
	}
	unsigned char room[1024];
	buf b = { .p = room, .cap = sizeof room };
	char key[64];
	store_col_text(s, 0, key, sizeof key);
	put_row(&b, &audited_tables[idx], s);
	sqlite3_reset(s);
	store_rc rc = b.oom ? store_fail(st, STORE_ERROR, "out of memory")
	              : append(st, action, table, key, pid, detail, &b);
	buf_free(&b);
	return rc;
}

store_rc store_audit_row_locked(store *st, const char *table, int64_t key,
                                int64_t pid, const char *action, const char *detail)
{
	return audit_row(st, table, NULL, key, pid, action, detail);
}

store_rc store_audit_key_locked(store *st, const char *table, const char *key,
                                const char *action)
{
	return audit_row(st, table, key, 0, 0, action, NULL);
}

store_rc store_audit_entry_locked(store *st, const char *action, int64_t pid,
                                  const char *detail)
{
	return append(st, action, NULL, NULL, pid, detail, NULL);
}

store_rc store_audit_access(store *st, int64_t patient_id, const char *what)
{
	store_rc rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	return store_tx_end(st, append(st, "access", NULL, NULL, patient_id, what, NULL));
}

store_rc store_audit_note(store *st, const char *action, const char *detail)
{
	store_rc rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	return store_tx_end(st, append(st, action, NULL, NULL, 0, detail, NULL));
}

static bool table_exists(store *st, const char *table)
{
	sqlite3_stmt *s;
	bool yes = false;
	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
	                       " AND name = ?1", -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
		yes = sqlite3_step(s) == SQLITE_ROW;
	}
	sqlite3_finalize(s);
	return yes;
}

/* Rows of tables made by later migrations do not exist yet: those tables
 * are skipped (they start empty). A table that joins the log later (only)
 * has its rows without an entry adopted. */
store_rc store_audit_adopt_locked(store *st, const char *only)
{
	store_rc rc = STORE_OK;
	for (int i = 0; i < NAUDITED && rc == STORE_OK; i++) {
		const audited *a = &audited_tables[i];
		if (!table_exists(st, a->table) || (only && strcmp(only, a->table) != 0))
			continue;
		char sql[1024], where[256] = "";
		if (only)
			snprintf(where, sizeof where, " WHERE CAST(%s AS TEXT) NOT IN"
			         " (SELECT row_key FROM audit WHERE tbl = '%s')", a->keycol, a->table);
		snprintf(sql, sizeof sql, "SELECT CAST(%s AS TEXT), %s, %s FROM %s%s ORDER BY %s",
		         a->keycol, a->cols, a->pidcol ? a->pidcol : "NULL", a->table, where,
		         a->keycol);
		sqlite3_stmt *s;
		int src = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
		if (src != SQLITE_OK) {
			sqlite3_finalize(s);
			return store_sqlite_fail(st, src, "audit: adopting");
		}
		int ncol = sqlite3_column_count(s);
		while (rc == STORE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
			/* The last column (the patient) is not part of the row's
			 * content: put_row stops before it. */
			buf b = { 0 };
			char key[64];
			store_col_text(s, 0, key, sizeof key);
			put_text(&b, a->table);
			for (int c = 0; c < ncol - 1; c++)
				put_column(&b, s, c);
			rc = b.oom ? store_fail(st, STORE_ERROR, "out of memory")
			     : append(st, "adopt", a->table, key, sqlite3_column_int64(s, ncol - 1),
			              NULL, &b);
			buf_free(&b);
		}
		if (rc == STORE_OK && src != SQLITE_DONE)
			rc = store_sqlite_fail(st, src, "audit: adopting");
		sqlite3_finalize(s);
	}
	return rc;
}

/* ---- verify ------------------------------------------------------------------- */

#define MAXVALS 32
typedef struct vals {
	int n;
	char tag[MAXVALS];
	const unsigned char *p[MAXVALS];
	size_t len[MAXVALS];
} vals;

/* Splits canonical content into its values; false when it is not one. */
static bool decode(const unsigned char *p, size_t n, vals *v)
{
	size_t i = 0;
	v->n = 0;
	while (i < n) {
		if (n - i < 5 || v->n == MAXVALS)
			return false;
		size_t len = ((size_t)p[i + 1] << 24) | ((size_t)p[i + 2] << 16) |
		             ((size_t)p[i + 3] << 8) | p[i + 4];
		if (len > n - i - 5)
			return false;
		v->tag[v->n] = (char)p[i];
		v->p[v->n] = p + i + 5;
		v->len[v->n] = len;
		v->n++;
		i += 5 + len;
	}
	return true;
}

/* The name of column c (0-based, after table and key) of a. */
static void col_name(const audited *a, int c, char *out, size_t outsz)
{
	const char *s = a->cols;
	for (int i = 0; i < c && s; i++) {
		s = strchr(s, ',');
		if (s)
			s++;
	}
	while (s && *s == ' ')
		s++;
	size_t len = s ? strcspn(s, ",") : 0;
	/* an expression is named by its AS */
	for (size_t i = 0; s && i + 4 <= len; i++)
		if (memcmp(s + i, " AS ", 4) == 0) {
			s += i + 4;
			len -= i + 4;
			i = 0;
		}
	snprintf(out, outsz, "%.*s", (int)len, s ? s : "");
}

/* Appends ", name=value" (or ", name: then → now" with w) to out. */
static void append_value(char *out, size_t outsz, size_t *used, const char *name,
                         const vals *v, int i, const vals *w)
{
	if (*used >= outsz)
		return;
	int n;
	if (w)
		n = snprintf(out + *used, outsz - *used, "%s%s: %.*s → %.*s", *used ? ", " : "",
		             name, (int)v->len[i], (const char *)v->p[i], (int)w->len[i],
		             (const char *)w->p[i]);
	else
		n = snprintf(out + *used, outsz - *used, "%s%s=%.*s", *used ? ", " : "", name,
		             (int)v->len[i], (const char *)v->p[i]);
	*used = n < 0 || *used + (size_t)n >= outsz ? outsz : *used + (size_t)n;
}

/* "col=value, ..." of a row's content; with `now`, only the columns that
 * differ, as "col: then → now". */
static void describe(const audited *a, const unsigned char *p, size_t n,
                     const unsigned char *now, size_t nown, char *out, size_t outsz)
{
	vals v, w;
	size_t used = 0;
	out[0] = '\0';
	if (!decode(p, n, &v) || (now && (!decode(now, nown, &w) || w.n != v.n))) {
		snprintf(out, outsz, "%s", "(unreadable copy)");
		return;
	}
	/* values 0 and 1 are the table and the key */
	for (int i = 2; i < v.n; i++) {
		char name[40];
		col_name(a, i - 2, name, sizeof name);
		if (!now) {
			append_value(out, outsz, &used, name, &v, i, NULL);
		} else if (v.len[i] != w.len[i] || v.tag[i] != w.tag[i] ||
		           memcmp(v.p[i], w.p[i], v.len[i]) != 0) {
			append_value(out, outsz, &used, name, &v, i, &w);
		}
	}
}

static bool text_eq(sqlite3_stmt *s, int col, const char *want)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	return t && strcmp((const char *)t, want) == 0;
}

static void problem(store_verify_result *r, int64_t entry, const char *what,
                    const char *table, const char *key)
{
	r->ok = false;
	if (r->problems++ > 0)
		return;
	r->entry = entry;
	r->what = what;
	snprintf(r->table, sizeof r->table, "%s", table ? table : "");
	snprintf(r->key, sizeof r->key, "%s", key ? key : "");
}

static store_rc verify_chain(store *st, store_verify_result *r)
{
	sqlite3_stmt *s;
	int src = sqlite3_prepare_v2(st->db,
		"SELECT id, at, day, actor, action, tbl, row_key, patient_id, detail, content,"
		" prev, hash FROM audit ORDER BY id", -1, &s, NULL);
	if (src != SQLITE_OK) {
		sqlite3_finalize(s);
		return store_sqlite_fail(st, src, "verify: reading the log");
	}
	char expect[STORE_HASH_HEX] = ZERO_HASH;
	int64_t last = 0;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		char key[64];
		store_col_text(s, 6, key, sizeof key);
		const char *tbl = (const char *)sqlite3_column_text(s, 5);
		char tblc[32];
		snprintf(tblc, sizeof tblc, "%s", tbl ? tbl : "");
		if (!text_eq(s, 10, expect)) {
			problem(r, id, id > last + 1
			        ? N_("entries before this one were deleted from the log")
			        : N_("the chain is broken before this entry: an entry was deleted, inserted or moved"),
			        tblc, key);
		}
		entry_fields f = {
			.id = id,
			.at = (const char *)sqlite3_column_text(s, 1),
			.day = (const char *)sqlite3_column_text(s, 2),
			.actor = (const char *)sqlite3_column_text(s, 3),
			.action = (const char *)sqlite3_column_text(s, 4),
			.tbl = (const char *)sqlite3_column_text(s, 5),
			.row_key = (const char *)sqlite3_column_text(s, 6),
			.patient_id = sqlite3_column_int64(s, 7),
			.detail = (const char *)sqlite3_column_text(s, 8),
		};
		if (sqlite3_column_type(s, 9) != SQLITE_NULL) {
			f.content = sqlite3_column_blob(s, 9);
			f.content_len = (size_t)sqlite3_column_bytes(s, 9);
			if (!f.content)
				f.content = (const unsigned char *)"";
		}
		char h[STORE_HASH_HEX];
		const char *prev = (const char *)sqlite3_column_text(s, 10);
		bool fields = f.at && f.day && f.actor && f.action && f.tbl && f.row_key && f.detail;
		if (!fields || !entry_hash(prev ? prev : "", &f, h) || !text_eq(s, 11, h))
			problem(r, id, N_("this entry of the log was edited"), tblc, key);
		store_col_text(s, 11, expect, sizeof expect);
		last = id;
		r->entries++;
	}
	sqlite3_finalize(s);
	if (src != SQLITE_DONE)
		return store_sqlite_fail(st, src, "verify: reading the log");
	snprintf(r->head, sizeof r->head, "%s", r->entries ? expect : ZERO_HASH);
	return STORE_OK;
}

/* Merges the table's rows (by key as text) with the newest entry of each
 * key in the log. */
static store_rc verify_table(store *st, const audited *a, store_verify_result *r)
{
	char sql[768];
	snprintf(sql, sizeof sql, "SELECT CAST(%s AS TEXT) AS k, %s FROM %s ORDER BY k",
	         a->keycol, a->cols, a->table);
	sqlite3_stmt *rows = NULL, *log = NULL;
	int src = sqlite3_prepare_v2(st->db, sql, -1, &rows, NULL);
	if (src == SQLITE_OK)
		/* max(id) makes content and id those of the newest entry */
		src = sqlite3_prepare_v2(st->db,
			"SELECT row_key, content, max(id) FROM audit WHERE tbl = ?1"
			" GROUP BY row_key ORDER BY row_key", -1, &log, NULL);
	if (src != SQLITE_OK) {
		sqlite3_finalize(rows);
		sqlite3_finalize(log);
		return store_sqlite_fail(st, src, "verify: reading a table");
	}
	sqlite3_bind_text(log, 1, a->table, -1, SQLITE_STATIC);
	int rs = sqlite3_step(rows), ls = sqlite3_step(log);
	buf b = { 0 };
	while (rs == SQLITE_ROW || ls == SQLITE_ROW) {
		const char *rk = rs == SQLITE_ROW ? (const char *)sqlite3_column_text(rows, 0) : NULL;
		const char *lk = ls == SQLITE_ROW ? (const char *)sqlite3_column_text(log, 0) : NULL;
		int c = !rk ? 1 : !lk ? -1 : strcmp(rk, lk);
		bool report = r->problems == 0;
		if (c < 0) {
			if (report) {
				b.n = 0;
				put_row(&b, a, rows);
				if (!b.oom)
					describe(a, b.p, b.n, NULL, 0, r->detail, sizeof r->detail);
			}
			problem(r, 0, N_("this row has no entry in the log: it was added behind the desk's back"),
			        a->table, rk);
			rs = sqlite3_step(rows);
		} else if (c > 0) {
			if (report)
				describe(a, sqlite3_column_blob(log, 1),
				         (size_t)sqlite3_column_bytes(log, 1), NULL, 0,
				         r->detail, sizeof r->detail);
			problem(r, sqlite3_column_int64(log, 2),
			        N_("this row was deleted behind the desk's back"), a->table, lk);
			ls = sqlite3_step(log);
		} else {
			b.n = 0;
			put_row(&b, a, rows);
			const void *copy = sqlite3_column_blob(log, 1);
			size_t clen = (size_t)sqlite3_column_bytes(log, 1);
			if (!b.oom && (clen != b.n || (clen && memcmp(copy, b.p, clen) != 0))) {
				if (report)
					describe(a, copy, clen, b.p, b.n, r->detail, sizeof r->detail);
				problem(r, sqlite3_column_int64(log, 2),
				        N_("this row was changed behind the desk's back since its entry"),
				        a->table, rk);
			}
			rs = sqlite3_step(rows);
			ls = sqlite3_step(log);
		}
		if (b.oom)
			break;
	}
	buf_free(&b);
	sqlite3_finalize(rows);
	sqlite3_finalize(log);
	if (b.oom)
		return store_fail(st, STORE_ERROR, "out of memory");
	if (rs != SQLITE_DONE && rs != SQLITE_ROW)
		return store_sqlite_fail(st, rs, "verify: reading a table");
	if (ls != SQLITE_DONE && ls != SQLITE_ROW)
		return store_sqlite_fail(st, ls, "verify: reading the log");
	return STORE_OK;
}

store_rc store_verify(store *st, store_verify_result *out)
{
	memset(out, 0, sizeof *out);
	out->ok = true;
	if (!sodium_ready())
		return store_fail(st, STORE_ERROR, "libsodium could not start");
	/* One read transaction: the rows and the log of one moment. */
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	rc = verify_chain(st, out);
	for (int i = 0; i < NAUDITED && rc == STORE_OK; i++)
		if (table_exists(st, audited_tables[i].table))
			rc = verify_table(st, &audited_tables[i], out);
	return store_tx_end(st, rc);
}

store_rc store_audit_head(store *st, int64_t *entries, char head[STORE_HASH_HEX])
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_AUDIT_LAST,
		"SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	int src = sqlite3_step(s);
	*entries = src == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	snprintf(head, STORE_HASH_HEX, "%s", ZERO_HASH);
	if (src == SQLITE_ROW)
		store_col_text(s, 1, head, STORE_HASH_HEX);
	sqlite3_reset(s);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = store_sqlite_fail(st, src, "reading the audit log");
	return store_tx_end(st, rc);
}

store_rc store_audit_witness(store *st, const char *hash, int64_t *entry)
{
	*entry = 0;
	char lower[STORE_HASH_HEX];
	unsigned char raw[HASH_BYTES];
	if (!hex_to_raw(hash, raw))
		return store_fail(st, STORE_INVALID, "a head hash is 64 hex digits");
	sodium_bin2hex(lower, sizeof lower, raw, HASH_BYTES);
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_AUDIT_WITNESS, "SELECT id FROM audit WHERE hash = ?1");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_text(s, 1, lower, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		*entry = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (src == SQLITE_DONE)
		rc = store_fail(st, STORE_NOT_FOUND, "no entry has that hash");
	else if (src != SQLITE_ROW)
		rc = store_sqlite_fail(st, src, "reading the audit log");
	return store_tx_end(st, rc);
}

/* ---- listing ----------------------------------------------------------------- */

store_rc store_audit_list(store *st, const audit_filter *f, audit_cb cb, void *ctx)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_AUDIT_LIST,
		"SELECT id, at, day, actor, action, tbl, row_key, patient_id, detail FROM audit"
		" WHERE (?1 IS NULL OR patient_id = ?1) AND (?2 IS NULL OR actor = ?2)"
		" AND (?3 IS NULL OR day >= ?3) AND (?4 IS NULL OR day <= ?4) ORDER BY id");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	if (f && f->patient_id)
		sqlite3_bind_int64(s, 1, f->patient_id);
	if (f && f->actor)
		sqlite3_bind_text(s, 2, f->actor, -1, SQLITE_STATIC);
	if (f && f->has_from)
		store_bind_date(s, 3, f->from);
	if (f && f->has_to)
		store_bind_date(s, 4, f->to);
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		audit_entry e;
		memset(&e, 0, sizeof e);
		e.id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, e.at, sizeof e.at);
		store_date_from_text(sqlite3_column_text(s, 2), &e.day);
		store_col_text(s, 3, e.actor, sizeof e.actor);
		store_col_text(s, 4, e.action, sizeof e.action);
		store_col_text(s, 5, e.table, sizeof e.table);
		store_col_text(s, 6, e.key, sizeof e.key);
		e.patient_id = sqlite3_column_int64(s, 7);
		store_col_text(s, 8, e.detail, sizeof e.detail);
		if (!cb(&e, ctx))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = store_sqlite_fail(st, src, "listing the audit log");
	return store_tx_end(st, rc);
}
