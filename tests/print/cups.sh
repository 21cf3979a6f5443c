#!/bin/sh
# Printing through a real CUPS scheduler, started here on loopback only with
# private folders: a cups-pdf queue must receive the notice and the PDF it
# writes must decode to the notice URL; a raw queue must receive the
# ESC/POS bytes unchanged; a missing queue and a stopped scheduler give a
# clear sentence, and the record stays saved.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/print/common.sh"

CUPSD=/usr/sbin/cupsd
PPD=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
for need in "$CUPSD" "$PPD" /usr/lib/cups/backend/cups-pdf; do
	[ -e "$need" ] || { echo "FAIL: $need is missing (cups, printer-driver-cups-pdf)" >&2; exit 1; }
done
if [ "$(id -u)" -ne 0 ]; then
	# cups-pdf reads its output folder from /etc/cups only.
	skip "the CUPS round trip needs root (cups-pdf is configured in /etc/cups); CI runs it as root"
	exit 77
fi

setup_clinic
C=$TEST_TMP/cups
INST="optout-test-$$"
PORT=$((20000 + $$ % 20000))
CONF=/etc/cups/cups-pdf-$INST.conf
mkdir -p "$C/root" "$C/spool/tmp" "$C/cache" "$C/state" "$C/log" "$C/pdf"
# the filters run as lp: the private folders must be reachable
chmod 755 "$TEST_TMP" "$C" "$C/root" "$C/cache" "$C/state" "$C/log"
chmod 1777 "$C/spool/tmp" "$C/pdf"
cat >"$C/root/cupsd.conf" <<CONF
Listen 127.0.0.1:$PORT
LogLevel warn
WebInterface No
Browsing No
DefaultAuthType None
PreserveJobFiles Yes
<Location />
  Order allow,deny
  Allow 127.0.0.1
</Location>
<Location /admin>
  Order allow,deny
  Allow 127.0.0.1
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
cat >"$C/root/cups-files.conf" <<CONF
ServerRoot $C/root
RequestRoot $C/spool
TempDir $C/spool/tmp
CacheDir $C/cache
StateDir $C/state
ErrorLog $C/log/error_log
AccessLog $C/log/access_log
PageLog $C/log/page_log
FileDevice Yes
CONF
# cups-pdf reads /etc/cups/cups-pdf-INSTANCE.conf for the device URI
# cups-pdf:/INSTANCE: a file of our own, removed on exit.
cat >"$CONF" <<CONF
Out $C/pdf
AnonDirName $C/pdf
Label 0
CONF
"$CUPSD" -f -c "$C/root/cupsd.conf" -s "$C/root/cups-files.conf" >"$C/cupsd.out" 2>&1 &
CUPSD_PID=$!
trap 'kill "$CUPSD_PID" 2>/dev/null || true; wait "$CUPSD_PID" 2>/dev/null || true; rm -f "$CONF"; rm -rf "$TEST_TMP"' EXIT
export CUPS_SERVER=127.0.0.1:$PORT
i=0
# lpstat -r exits 0 either way: read what it says.
until lpstat -r 2>/dev/null | grep -q "is running"; do
	i=$((i + 1))
	if [ $i -gt 50 ]; then echo "FAIL: cupsd did not start: $(cat "$C/cupsd.out")" >&2; exit 1; fi
	sleep 0.1
done
lpadmin -p optout-pdf -v "cups-pdf:/$INST" -E -P "$PPD" 2>"$C/lpadmin.err" || { echo "FAIL: lpadmin: $(cat "$C/lpadmin.err")" >&2; exit 1; }
lpadmin -p optout-thermal -v "file:///dev/null" -E -m raw 2>"$C/lpadmin.err" || { echo "FAIL: lpadmin: $(cat "$C/lpadmin.err")" >&2; exit 1; }

# wait_for FILE-GLOB SECONDS: the first file matching appears
wait_for() {
	_n=0
	while [ $_n -lt $(($2 * 10)) ]; do
		for _f in $1; do [ -s "$_f" ] && { echo "$_f"; return 0; }; done
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}

# ---- a notice through the cups-pdf queue ---------------------------------------
ok "printer set notice" printer set notice optout-pdf
ok "print notice to the queue" print notice 1001
expect_contains "says which printer" "optout-pdf" "$OUT"
if PDF=$(wait_for "$C/pdf/*.pdf" 30); then
	pass
	# cups-pdf writes the file in pieces: wait until it reads as a PDF.
	_n=0
	until pdfinfo "$PDF" >/dev/null 2>&1 || [ $_n -gt 300 ]; do sleep 0.1; _n=$((_n + 1)); done
	expect_qr "cups-pdf output" "$PDF" "$URL_BASE$NREF"
	# cups-pdf redraws the pages through Ghostscript (the text does not
	# survive as text): the same number of pages is what can be checked.
	ok "the notice as a file" print notice 1001 -o "$TEST_TMP/direct.pdf"
	expect_eq "cups-pdf output: every page printed" \
		"$(pdfinfo "$TEST_TMP/direct.pdf" | grep '^Pages:')" "$(pdfinfo "$PDF" | grep '^Pages:')"
else
	fail "cups-pdf wrote no PDF: $(tail -5 "$C/log/error_log")"
fi

# ---- ESC/POS to a raw queue: the bytes arrive unchanged ------------------------
ok "printer set slip" printer set slip optout-thermal
# Every print is recorded and a reprint says 再発行 with today's date: the
# file to compare with is a reprint too, like the jobs sent after it.
ok "escpos to file (the first print)" print slip 1001 --format escpos -o "$TEST_TMP/slip-first.bin"
ok "escpos to file (a reprint)" print slip 1001 --format escpos -o "$TEST_TMP/slip.bin"
ok "print slip to the raw queue" print slip 1001 --format escpos
expect_contains "slip: says which printer" "optout-thermal" "$OUT"
if JOB=$(wait_for "$C/spool/d*-001" 10); then
	# the second job is the slip (the first was the notice)
	JOB=$(ls "$C"/spool/d*-001 | sort | tail -n 1)
	if cmp -s "$JOB" "$TEST_TMP/slip.bin"; then pass; else fail "the raw queue got other bytes than the ESC/POS stream"; fi
else
	fail "the raw queue received nothing"
fi

# ---- the queue's format is a setting: no --format needed ------------------------
ok "printer format slip escpos" printer format slip escpos
expect_contains "the list shows it" "optout-thermal (escpos)" "$OUT"
ok "print slip to the raw queue, format from the setting" print slip 1001
if wait_for "$C/spool/d*-001" 10 >/dev/null; then
	_n=0
	while [ "$(ls "$C"/spool/d*-001 | wc -l)" -lt 3 ] && [ $_n -lt 100 ]; do sleep 0.1; _n=$((_n + 1)); done
	JOB=$(ls "$C"/spool/d*-001 | sort | tail -n 1)
	if cmp -s "$JOB" "$TEST_TMP/slip.bin"; then pass; else fail "the set format was not used: the raw queue got other bytes than ESC/POS"; fi
fi
bad_input "printer format: only pdf or escpos" format printer format slip png

# ---- the daily report's short form on the receipt printer (issue 13) ------------
# The slip's queue is the receipt printer: the short form goes there in the
# format it is set to take, and arrives as the same bytes as the file.
ok "report: the short form as a file" report day --print --format escpos -o "$TEST_TMP/report.bin"
ok "report: the short form to the slip's queue" report day --print
expect_contains "report: says which printer" "optout-thermal" "$OUT"
_n=0
while [ "$(ls "$C"/spool/d*-001 2>/dev/null | wc -l)" -lt 4 ] && [ $_n -lt 100 ]; do sleep 0.1; _n=$((_n + 1)); done
JOB=$(ls "$C"/spool/d*-001 | sort | tail -n 1)
if cmp -s "$JOB" "$TEST_TMP/report.bin"; then pass; else fail "the raw queue did not get the report's ESC/POS stream"; fi
run_desk report day --print --printer no-such-queue
expect_rc "report: a missing queue" 1
expect_contains "report: names the missing queue" "no-such-queue" "$ERR"
expect_no_match "report: no record to print again from a history" "history" "$ERR"

# ---- a queue that does not exist ----------------------------------------------
ok "printer set receipt" printer set receipt no-such-queue
run_desk print receipt 1001
expect_rc "missing queue" 1
expect_contains "missing queue: names it" "no-such-queue" "$ERR"
expect_contains "missing queue: says it does not exist" "does not exist" "$ERR"
ok "record kept" patient show 1001
expect_contains "the stop is still recorded" "$RREF" "$OUT"

# ---- the scheduler is down ----------------------------------------------------
kill "$CUPSD_PID"
wait "$CUPSD_PID" 2>/dev/null || true
run_desk print notice 1001
expect_rc "scheduler down" 1
expect_contains "scheduler down: says CUPS cannot be reached" "cannot be reached" "$ERR"
ok "record kept" patient show 1001
expect_contains "the notice is still recorded" "$NREF" "$OUT"
finish
