# Checks of a database that desks were killed on or raced on (issue 12):
# sourced by tests/crash/crash.sh and tests/concurrency/desks.sh. Each is
# one sqlite3 run, so that they can follow every kill.

# The SQL of db_problems: SQLite's integrity check, the event counter ahead
# of every event table (one counter numbers them all), and the
# one-true-state rules on the stored rows.
DB_PROBLEMS_SQL="
SELECT 'integrity_check: ' || integrity_check FROM pragma_integrity_check
	WHERE integrity_check <> 'ok';
SELECT 'counters(event) is ' || coalesce((SELECT value FROM counters WHERE name = 'event'), 'missing')
	|| ', below the event id ' || m FROM (SELECT max(m) AS m FROM (
	SELECT max(id) AS m FROM notices UNION ALL SELECT max(id) FROM requests
	UNION ALL SELECT max(id) FROM contact_events UNION ALL SELECT max(id) FROM capacity_events
	UNION ALL SELECT max(id) FROM death_events UNION ALL SELECT max(id) FROM patient_changes
	UNION ALL SELECT max(id) FROM merges UNION ALL SELECT max(id) FROM voids))
	WHERE m > coalesce((SELECT value FROM counters WHERE name = 'event'), -1);
WITH r AS (SELECT id, stop, addition, ref,
	lag(stop) OVER (PARTITION BY coalesce((SELECT merged_into FROM patients p
		WHERE p.id = requests.patient_id), patient_id) ORDER BY date, id) AS prev
	FROM requests WHERE id NOT IN (SELECT event_id FROM voids))
SELECT 'withdrawal without a stop in effect: ' || ref FROM r
	WHERE stop = 0 AND (prev IS NULL OR prev = 0)
UNION ALL
SELECT 'a second stop in effect: ' || ref FROM r WHERE stop = 1 AND prev = 1 AND addition = 0;
SELECT 'a void of nothing: #' || id FROM voids WHERE event_id NOT IN
	(SELECT id FROM notices UNION ALL SELECT id FROM requests
	 UNION ALL SELECT id FROM capacity_events UNION ALL SELECT id FROM death_events
	 UNION ALL SELECT id FROM contact_events);
SELECT 'a merge chain: ' || number FROM patients WHERE merged_into IN
	(SELECT id FROM patients WHERE merged_into IS NOT NULL);
"

# Every entry has its request id and every request id its entry (when
# every write was made with one; imported patients, numbered I-..., come
# without): one without the other is a half-written write; more entries
# than ids of a kind is a second entry for one id.
KEYED_PROBLEMS_SQL="
SELECT 'entry without its request id: ' || ref FROM
	(SELECT ref FROM notices UNION ALL SELECT ref FROM requests)
	WHERE ref NOT IN (SELECT result FROM request_ids);
SELECT 'request id without its entry: ' || key FROM request_ids
	WHERE kind IN ('notice', 'refuse', 'withdraw') AND result NOT IN
	(SELECT ref FROM notices UNION ALL SELECT ref FROM requests);
SELECT 'request id without its patient: ' || key FROM request_ids
	WHERE kind = 'patient-add' AND result NOT IN (SELECT number FROM patients);
SELECT 'request id without its event: ' || key FROM request_ids
	WHERE kind = 'patient-set' AND result LIKE '#%' AND CAST(substr(result, 2) AS INTEGER) NOT IN
	(SELECT id FROM capacity_events UNION ALL SELECT id FROM death_events);
SELECT 'entries and request ids differ: ' || kind FROM (SELECT kind, count(*) AS n
	FROM request_ids GROUP BY kind) WHERE n <> CASE kind
	WHEN 'notice' THEN (SELECT count(*) FROM notices)
	WHEN 'refuse' THEN (SELECT count(*) FROM requests WHERE stop = 1)
	WHEN 'withdraw' THEN (SELECT count(*) FROM requests WHERE stop = 0)
	WHEN 'patient-add' THEN (SELECT count(*) FROM patients WHERE number NOT LIKE 'I-%')
	WHEN 'patient-set' THEN (SELECT count(*) FROM capacity_events)
		+ (SELECT count(*) FROM death_events)
	WHEN 'void' THEN (SELECT count(*) FROM voids)
	WHEN 'patient-merge' THEN (SELECT count(*) FROM merges)
	ELSE n END;
"

# db_problems DB [keyed] [ACKED]: one line per problem (nothing when the
# file is sound). With "keyed", the request-id checks too; with ACKED (a
# file of "KEY RESULT" lines: answers a person saw), each must be there.
db_problems() {
	_sql=$DB_PROBLEMS_SQL
	[ "${2:-}" = keyed ] && _sql="$_sql$KEYED_PROBLEMS_SQL"
	if [ -n "${3:-}" ] && [ -s "$3" ]; then
		_vals=$(sed "s/^\([^ ]*\) \(.*\)\$/('\1', '\2'),/" "$3" | sed '$ s/,$//')
		_sql="$_sql
SELECT 'acknowledged but missing: ' || column1 || ' ' || column2 FROM (VALUES $_vals)
	WHERE column2 IS NOT (SELECT result FROM request_ids WHERE key = column1);"
	fi
	sqlite3 -bail "$1" "$_sql" 2>&1
}
