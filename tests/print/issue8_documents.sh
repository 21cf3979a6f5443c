#!/bin/sh
# Issue 8, read back with pdftotext: a notice handed to a guardian or a
# representative names the patient it concerns; the receipt names the
# staff member as recorded; a second print says 再発行 and its date; a
# notice under a stop in effect promises no date; a slip or a QR code
# without a notice URL is refused; -o never overwrites a file without
# --force and never the database; the default folder is the documents one.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/print/common.sh"
setup_clinic
D=$TEST_TMP/docs
mkdir -p "$D"
# pdf_flat FILE: the text without spaces or line breaks (expect_phrase's view)
pdf_flat() { pdf_text "$1" | tr -d ' \n\t'; }

# ---- 1. the notice names the patient it concerns ------------------------------
ok "a child" patient add --no 2001 --name '山田 太郎' --kana 'ヤマダ タロウ' --birth 2015-04-01
ok "notice to the guardian" notice 2001 --date 2026-11-24 --to guardian \
	--recipient '山田 一郎' --relationship parent
ok "print the guardian's notice" print notice 2001 -o "$D/guardian.pdf"
T=$(pdf_text "$D/guardian.pdf")
expect_phrase "guardian: addressed to the guardian" "山田 一郎 様" "$T"
expect_phrase "guardian: the child's name" "お子様のお名前 山田 太郎 様" "$T"
expect_phrase "guardian: the child's information" "お子様（山田 太郎 様）の医療情報" "$T"
expect_no_match "guardian: not the recipient's own information" "あなたの医療情報" "$(pdf_flat "$D/guardian.pdf")"
ok "print it in English" print notice 2001 --lang en -o "$D/guardian-en.pdf"
expect_phrase "guardian, English: the child's name" "Child's name: 山田 太郎" "$(pdf_text "$D/guardian-en.pdf")"
expect_phrase "guardian, English: the child's information" "about your child (山田 太郎)" "$(pdf_text "$D/guardian-en.pdf")"
ok "large print" print notice 2001 --large -o "$D/guardian-large.pdf"
expect_phrase "guardian, large: the child's name" "お子様のお名前 山田 太郎" "$(pdf_text "$D/guardian-large.pdf")"
ok "slip" print slip 2001 -o "$D/guardian-slip.pdf"
expect_phrase "guardian, slip: the child's name" "お子様のお名前 山田 太郎" "$(pdf_text "$D/guardian-slip.pdf")"

ok "an adult" patient add --no 2002 --name '鈴木 三郎' --kana 'スズキ サブロウ' --birth 1940-01-01
ok "unable to decide" patient set 2002 --unable-to-decide '認知症' --date 2026-11-24
ok "notice to the representative" notice 2002 --date 2026-11-24 --to representative \
	--recipient '鈴木 四郎' --relationship child
ok "print the representative's notice" print notice 2002 -o "$D/rep.pdf"
T=$(pdf_text "$D/rep.pdf")
expect_phrase "representative: the patient's name" "ご本人のお名前 鈴木 三郎 様" "$T"
expect_phrase "representative: the patient's information" "ご本人（鈴木 三郎 様）の医療情報" "$T"
ok "print it in English" print notice 2002 --lang en -o "$D/rep-en.pdf"
expect_phrase "representative, English" "Patient's name: 鈴木 三郎" "$(pdf_text "$D/rep-en.pdf")"
# to the patient: addressed by name, as before, and no second name line
ok "the patient's own notice" print notice 1001 -o "$D/self.pdf"
T=$(pdf_text "$D/self.pdf")
expect_phrase "self: addressed by name" "山田 花子 様" "$T"
expect_no_match "self: no second name line" "お子様のお名前|ご本人のお名前" "$T"

# ---- 2. the staff member as recorded; no empty labels -----------------------------
ok "a stop recorded by a named staff member" --staff '受付 花子' \
	refuse 2002 --date 2026-11-24 --by representative --name '鈴木 四郎' \
	--relationship child --channel phone --id-check none
ok "print its receipt" print receipt 2002 -o "$D/staff.pdf"
T=$(pdf_text "$D/staff.pdf")
expect_phrase "receipt: the staff member's name" "受付者 受付 花子" "$T"
expect_no_match "receipt: not the login name" "$(id -un)" "$T"
# a clinic without e-mail, address or hours: those labels are left out
ok "a clinic without e-mail, address or hours" init --email '' --address '' --hours ''
ok "receipt of the bare clinic" print receipt 1001 -o "$D/bare-receipt.pdf"
T=$(pdf_text "$D/bare-receipt.pdf")
expect_no_match "receipt: no e-mail label" "^ *電子メール" "$T"
expect_no_match "receipt: no hours label" "受付時間" "$T"
expect_contains "receipt: the phone is still there" "03-1234-5678" "$T"
ok "notice of the bare clinic" print notice 1001 -o "$D/bare-notice.pdf"
T=$(pdf_text "$D/bare-notice.pdf")
expect_no_match "notice: no e-mail label" "^ *電子メール" "$T"
expect_no_match "notice: no address label" "住所　|住所 *$" "$T"
expect_no_match "notice: no hours label" "^ *受付時間" "$T"
ok "slip of the bare clinic" print slip 1001 -o "$D/bare-slip.pdf"
expect_no_match "slip: no e-mail label" "^ *電子メール" "$(pdf_text "$D/bare-slip.pdf")"
ok "poster of the bare clinic" print poster -o "$D/bare-poster.pdf"
expect_no_match "poster: no hours label" "受付時間" "$(pdf_text "$D/bare-poster.pdf")"

# ---- 3. a reprint says 再発行 and its date -----------------------------------------
ok "a withdrawal" withdraw 1001 --date 2026-11-24 --by self --channel desk --id-check mynumber
WREF=$OUT
ok "its first print" print receipt "$WREF" -o "$D/w1.pdf"
expect_no_match "first print: no 再発行" "再発行" "$(pdf_text "$D/w1.pdf")"
ok "its second print" print receipt "$WREF" -o "$D/w2.pdf"
T=$(pdf_text "$D/w2.pdf")
expect_phrase "second print: 再発行 and the date" "再発行 $ERA" "$T"
ok "the notice in the folder" print notice 2001
ok "the notice in the folder again" print notice 2001
expect_match "a reprint in the folder does not replace the first" "notice-N-[0-9A-Z-]+-[0-9]+\.pdf" "$OUT"
expect_phrase "the earlier notice print counts: 再発行" "再発行" "$(pdf_text "$(printf '%s' "$OUT" | sed 's/^Saved: //')")"

# ---- 4. a voided entry is marked, and still printed ---------------------------------
ok "a patient for voids" patient add --no 4001 --name '高橋 五郎' --kana 'タカハシ ゴロウ' --birth 1960-06-06
ok "a notice" notice 4001 --date 2026-11-24 --to self
VNREF=${OUT%% *}
ok "a stop" refuse 4001 --date 2026-11-24 --by self --channel desk --id-check license
VRREF=$OUT
ok "the receipt before the void" print receipt "$VRREF" -o "$D/v0.pdf"
expect_no_match "not voided: no mark" "取消済" "$(pdf_text "$D/v0.pdf")"
run_desk void "$VRREF" --reason '入力誤り'
[ "$RC" -eq 0 ] || run_desk void "$VRREF" --reason '入力誤り' --confirm-backdated
expect_rc "void the stop" 0
ok "the receipt of the voided stop" print receipt "$VRREF" -o "$D/v1.pdf"
expect_contains "voided receipt: 取消済" "【取消済】" "$(pdf_text "$D/v1.pdf")"
run_desk void "$VNREF" --reason '入力誤り'
[ "$RC" -eq 0 ] || run_desk void "$VNREF" --reason '入力誤り' --confirm-backdated
expect_rc "void the notice" 0
ok "the voided notice" print notice "$VNREF" -o "$D/vn.pdf"
expect_contains "voided notice: 取消済" "【取消済】" "$(pdf_text "$D/vn.pdf")"
ok "in English" print notice "$VNREF" --lang en -o "$D/vn-en.pdf"
expect_contains "voided notice, English: VOIDED" "[VOIDED]" "$(pdf_text "$D/vn-en.pdf")"

# ---- 5. no flow date under a stop in effect -----------------------------------------
ok "a patient who stopped" patient add --no 3001 --name '佐藤 次郎' --kana 'サトウ ジロウ' --birth 1970-01-01
ok "the stop" refuse 3001 --date 2026-11-24 --by self --channel desk --id-check mynumber
ok "a notice afterwards" notice 3001 --date 2026-11-24 --to self
ok "print it" print notice 3001 -o "$D/stopped.pdf"
T=$(pdf_text "$D/stopped.pdf")
expect_no_match "stopped: no flow-from date" "令和8年12月2[56]日|提供開始日|以降に始まります" "$T"
expect_phrase "stopped: says the stop is in effect" "提供停止のお申し出を受け付けております。情報は提供されません。" "$T"
ok "in English" print notice 3001 --lang en -o "$D/stopped-en.pdf"
T=$(pdf_text "$D/stopped-en.pdf")
expect_no_match "stopped, English: no date" "2026-12-2[56]|begins on" "$T"
expect_phrase "stopped, English: says so" "A request to stop is in effect: no information is provided." "$T"
ok "slip" print slip 3001 -o "$D/stopped-slip.pdf"
expect_no_match "stopped slip: no date" "令和8年12月" "$(pdf_text "$D/stopped-slip.pdf")"

# ---- 6. no notice URL: no slip, no QR code ---------------------------------------------
ok "the URL removed" init --url ''
bad_input "slip without a URL" "notice URL" print slip 1001 -o "$D/nourl-slip.pdf"
expect_contains "slip without a URL: how to set it" "optout-desk init --url" "$ERR"
expect_contains "slip without a URL: the settings screen" "settings screen" "$ERR"
if [ -e "$D/nourl-slip.pdf" ]; then fail "a slip was written without a URL"; else pass; fi
bad_input "qr without a URL" "notice URL" qr
bad_input "qr -o without a URL" "notice URL" qr --format png -o "$D/nourl.png"
ok "the notice still prints" print notice 1001 -o "$D/nourl-notice.pdf"
T=$(pdf_text "$D/nourl-notice.pdf")
expect_no_match "notice without a URL: no 'scan with your phone' over nothing" "スマートフォンで読み取れます" "$T"
ok "the poster too" print poster -o "$D/nourl-poster.pdf"
expect_no_match "poster without a URL: no 詳しくはこちら" "詳しくはこちら" "$(pdf_text "$D/nourl-poster.pdf")"
ok "the URL back" init --url "$URL_SETTING"

# ---- 7. -o: never over a file without --force, never over the database ------------------
printf 'keep me\n' >"$D/exists.pdf"
SUM=$(cksum <"$D/exists.pdf")
bad_input "-o over an existing file" "-o" print notice 1001 -o "$D/exists.pdf"
expect_contains "-o: says how" "--force" "$ERR"
expect_eq "-o: the file is unchanged" "$SUM" "$(cksum <"$D/exists.pdf")"
bad_input "qr -o over an existing file" "-o" qr --format svg -o "$D/exists.pdf"
expect_eq "qr -o: the file is unchanged" "$SUM" "$(cksum <"$D/exists.pdf")"
ok "--force replaces it" print notice 1001 -o "$D/exists.pdf" --force
expect_contains "--force: a PDF now" "$NREF" "$(pdf_text "$D/exists.pdf")"
expect_eq "--force: mode 600" "600" "$(stat -c %a "$D/exists.pdf")"
ok "qr --force" qr --format svg -o "$D/exists.pdf" --force
expect_contains "qr --force: an SVG now" "<svg" "$(cat "$D/exists.pdf")"
bad_input "--force without -o" "--force" print notice 1001 --force
ok "a new file" print receipt 1001 -o "$D/new.pdf"
expect_eq "new file: mode 600" "600" "$(stat -c %a "$D/new.pdf")"
ok "qr to a new file" qr --format png -o "$D/new.png"
expect_eq "new qr file: mode 600" "600" "$(stat -c %a "$D/new.png")"
expect_contains "qr -o: says the full path" "$D/new.png" "$OUT"
(cd "$D" && "$DESK" print notice 1001 -o relative.pdf) >"$TEST_TMP/rel.out" 2>&1 || fail "print -o relative.pdf"
expect_contains "relative -o: the message shows the full path" "Saved: $D/relative.pdf" "$(cat "$TEST_TMP/rel.out")"

DBSUM=$(cksum <"$OPTOUT_DESK_DB")
bad_input "-o the database" "-o" print notice 1001 -o "$OPTOUT_DESK_DB"
bad_input "-o the database, even with --force" "-o" print notice 1001 -o "$OPTOUT_DESK_DB" --force
expect_contains "-o the database: says why" "database" "$ERR"
bad_input "-o its -wal with --force" "-o" print notice 1001 -o "$OPTOUT_DESK_DB-wal" --force
bad_input "-o its -shm with --force" "-o" print notice 1001 -o "$OPTOUT_DESK_DB-shm" --force
ln -s "$OPTOUT_DESK_DB" "$D/link.pdf"
bad_input "-o a link to the database, with --force" "-o" print notice 1001 -o "$D/link.pdf" --force
bad_input "qr -o the database, with --force" "-o" qr --format png -o "$OPTOUT_DESK_DB" --force
RC=0
(cd "$(dirname "$OPTOUT_DESK_DB")" && "$DESK" print notice 1001 -o "./$(basename "$OPTOUT_DESK_DB")-wal" --force) >/dev/null 2>&1 || RC=$?
expect_eq "-o ./desk.sqlite3-wal from its folder: exit 2" "2" "$RC"
expect_eq "the database is unchanged" "$DBSUM" "$(cksum <"$OPTOUT_DESK_DB")"
ok "the database still opens" status 1001
expect_contains "status still answers" "2026" "$OUT"

# ---- 7. the default output folder: the documents folder ---------------------------------
ok "no queue, no -o: the documents folder" print receipt "$RREF"
expect_contains "default folder: $HOME/Documents/optout-desk" "Saved: $HOME/Documents/optout-desk/receipt-$RREF" "$OUT"
expect_eq "default folder: mode 700" "700" "$(stat -c %a "$HOME/Documents/optout-desk")"
F=$(printf '%s' "$OUT" | sed 's/^Saved: //')
expect_eq "saved file: mode 600" "600" "$(stat -c %a "$F")"
mkdir -p "$XDG_CONFIG_HOME"
cat >"$XDG_CONFIG_HOME/user-dirs.dirs" <<'EOF'
# written by xdg-user-dirs-update
XDG_DESKTOP_DIR="$HOME/Desktop"
XDG_DOCUMENTS_DIR="$HOME/書類"
EOF
ok "with user-dirs.dirs" print receipt "$RREF"
expect_contains "the documents folder of user-dirs.dirs" "Saved: $HOME/書類/optout-desk/receipt-$RREF" "$OUT"
ok "printer show names it" printer
expect_contains "printer show: the folder" "$HOME/書類/optout-desk" "$OUT"
ok "printer outdir PATH still wins" printer outdir "$TEST_TMP/out"
ok "print there" print receipt "$RREF"
expect_contains "saved in the folder set" "Saved: $TEST_TMP/out/receipt-$RREF" "$OUT"
ok "printer outdir default" printer outdir default
ok "print again" print receipt "$RREF"
expect_contains "back in the documents folder" "Saved: $HOME/書類/optout-desk/" "$OUT"

# ---- 7. printer settings: bad input names the field ----------------------------------------
bad_input "printer: unknown action" "action" printer frobnicate
bad_input "printer set: no kind" "document" printer set
bad_input "printer set: bad kind" "document" printer set leaflet q
bad_input "printer set: no queue" "queue" printer set notice
bad_input "printer set: a slash" "queue" printer set notice 'a/b'
bad_input "printer set: a control character" "queue" printer set notice "$(printf 'a\001b')"
bad_input "printer set: too long" "queue" printer set notice "$(printf '%0200d' 0)"
bad_input "printer set: extra" "extra" printer set notice q extra
bad_input "printer unset: no kind" "document" printer unset
bad_input "printer unset: bad kind" "document" printer unset leaflet
bad_input "printer format: no format" "format" printer format notice
bad_input "printer format: bad" "format" printer format notice bmp
bad_input "printer format: bad kind" "document" printer format leaflet pdf
bad_input "printer outdir: missing" "folder" printer outdir
bad_input "printer outdir: relative" "folder" printer outdir out
bad_input "printer outdir: a file" "folder" printer outdir "$D/new.pdf"
bad_input "printer outdir: control characters" "folder" printer outdir "$(printf '/tmp/a\nb')"
bad_input "printer outdir: too long" "folder" printer outdir "/$(printf '%05000d' 0)"
finish
