#!/usr/bin/env bash
# tests/kill_import.sh WAYMARK_BINARY
#
# Proves that an import killed part way (kill -9, no chance to clean up) leaves the database
# exactly as it was, and that the next import runs normally (no stale lock, no damage):
#
#  1. import a small synthetic council (50 children, seed 1) and record what the program
#     shows: `status` and `due --all` (CSV, as of 2026-11-26) and the number of stored events
#     (summed from each child's chronology; the program's output only, no sqlite3);
#  2. write a large synthetic council (30,000 children, seed 2) with another council code,
#     so that its case references cannot clash with the first;
#  3. start `import --progress` of it in the background, wait (at most 60 s) until it reports
#     progress of at least 50% (by then SQLite has spilled uncommitted pages of the import's
#     transaction into the write-ahead log, so recovery has real work to ignore), and kill -9
#     it; fail if the import finishes first;
#  4. check the database opens and `status`, `due --all` and the event count are unchanged,
#     and that importing the small council again finds every one of its rows already stored;
#  5. run the same import to completion: it must exit 0 and add every row, and the first
#     council's status must still be as recorded.
#
# Prints what it does; exits non-zero on any failure.
set -uo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 WAYMARK_BINARY" >&2
    exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export TZ=UTC LC_ALL=C.UTF-8
unset WAYMARK_DB WAYMARK_CONFIG

TMP=$(mktemp -d "${TMPDIR:-/tmp}/waymark-kill.XXXXXX")
pid=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
    rm -rf "$TMP"
}
trap cleanup EXIT

DB=$TMP/w.db
AS_OF=2026-11-26
SMALL_LA=S12000049
BIG_LA=S12000050
wm() { "$bin" --db "$DB" --today "$AS_OF" "$@"; }
die() {
    echo "FAIL: $*" >&2
    exit 1
}
step() { echo "== $*"; }

# The number of stored events of one council's children, from their chronologies.
count_events() {
    local la=$1 total=0 n id
    while IFS=, read -r _ id _; do
        n=$(wm chronology "$id" --local-authority "$la" --as-of "$AS_OF" --format csv | awk 'NR == 1 { next } $0 == "" { done = 1 } !done { n++ } END { print n + 0 }') ||
            return 1
        total=$((total + n))
    done < <(wm status --local-authority "$la" --as-of "$AS_OF" --format csv | tail -n +2)
    echo "$total"
}

record() {
    local tag=$1
    wm status --as-of "$AS_OF" --format csv >"$TMP/status.$tag" || die "status failed ($tag)"
    wm due --all --as-of "$AS_OF" --format csv >"$TMP/due.$tag" || die "due failed ($tag)"
    count_events "$SMALL_LA" >"$TMP/events.$tag" || die "chronology failed ($tag)"
}

step "1. small base: synth 50 children (seed 1) and import"
wm synth --children 50 --seed 1 --as-of "$AS_OF" --out "$TMP/small" >"$TMP/small.wrote" || die "synth (small) failed"
cat "$TMP/small.wrote"
wm import --children "$TMP/small/children.csv" --events "$TMP/small/events.csv" || die "import (small) failed"
record before
echo "   recorded: $(($(wc -l <"$TMP/status.before") - 1)) children, $(($(wc -l <"$TMP/due.before") - 1)) clocks, $(cat "$TMP/events.before") events"
[ "$(($(wc -l <"$TMP/status.before") - 1))" -eq 50 ] || die "expected 50 children after the base import"

step "2. large set: synth 30000 children (seed 2) for council $BIG_LA"
wrote=$(wm synth --children 30000 --seed 2 --as-of "$AS_OF" --local-authority "$BIG_LA" --out "$TMP/big") || die "synth (large) failed"
echo "   $wrote"
big_events=$(sed -n 's/.* and \([0-9]*\) events to .*/\1/p' <<<"$wrote")
[ -n "$big_events" ] || die "could not read the event count from: $wrote"

step "3. import it with --progress in the background, kill -9 part way"
: >"$TMP/killed.err"
"$bin" --db "$DB" --today "$AS_OF" import --progress --children "$TMP/big/children.csv" --events "$TMP/big/events.csv" \
    >"$TMP/killed.out" 2>"$TMP/killed.err" &
pid=$!
deadline=$((SECONDS + 60))
seen=""
while :; do
    seen=$(awk '/^progress [0-9]+%/ { p = $2 + 0; if (p >= 50) { print $0; exit } }' "$TMP/killed.err")
    [ -n "$seen" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid"
        die "the import finished (exit $?) before it reported 50% progress; nothing was killed"
    fi
    [ "$SECONDS" -ge "$deadline" ] && die "no progress of 50% within 60 s"
    sleep 0.05
done
wal=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
kill -9 "$pid" || die "could not kill $pid"
wait "$pid" 2>/dev/null
rc=$?
pid=""
echo "   killed the import at '$seen' (exit status $rc; write-ahead log $wal bytes)"
[ "$rc" -eq 137 ] || die "the import was not killed by SIGKILL (exit status $rc)"
if [ -s "$TMP/killed.out" ]; then die "the killed import reported success: $(cat "$TMP/killed.out")"; fi

step "4. the database opens and holds exactly what it held before"
record after
diff -u "$TMP/status.before" "$TMP/status.after" || die "status changed after the killed import"
diff -u "$TMP/due.before" "$TMP/due.after" || die "due --all changed after the killed import"
[ "$(cat "$TMP/events.before")" = "$(cat "$TMP/events.after")" ] ||
    die "the event count changed: $(cat "$TMP/events.before") -> $(cat "$TMP/events.after")"
echo "   status, due --all and the event count ($(cat "$TMP/events.after")) are unchanged"
again=$(wm import --children "$TMP/small/children.csv" --events "$TMP/small/events.csv") || die "re-importing the small council failed"
small_events=$(sed -n 's/.* and \([0-9]*\) events to .*/\1/p' <"$TMP/small.wrote")
want="Imported 50 children rows (0 added, 0 updated) and $small_events event rows (0 added, 0 replaced, $small_events already stored)"
case "$again" in
"$want"*) echo "   re-importing the small council: every row already stored" ;;
*) die "re-importing the small council: expected '$want', got '$again'" ;;
esac

step "5. the same import runs to completion"
out=$(wm import --no-progress --children "$TMP/big/children.csv" --events "$TMP/big/events.csv" 2>"$TMP/full.err")
rc=$?
[ "$rc" -eq 0 ] || die "the import after the kill failed (exit $rc): $(cat "$TMP/full.err")"
echo "   $out"
want="Imported 30000 children rows (30000 added, 0 updated) and $big_events event rows ($big_events added, 0 replaced, 0 already stored)"
case "$out" in
"$want"*) ;;
*) die "expected: $want ..." ;;
esac
wm status --local-authority "$SMALL_LA" --as-of "$AS_OF" --format csv >"$TMP/status.small" || die "status failed"
diff -u "$TMP/status.before" "$TMP/status.small" || die "the first council's status changed"
children=$(($(wm status --as-of "$AS_OF" --format csv | wc -l) - 1))
[ "$children" -eq 30050 ] || die "expected 30050 children after the full import, found $children"
echo "   30050 children stored; the first council unchanged"

step "6. a first load into an empty database (it runs without the WAL), killed part way"
DB2=$TMP/first.db
"$bin" --db "$DB2" --today "$AS_OF" standards >/dev/null || die "could not create $DB2"
: >"$TMP/killed2.err"
"$bin" --db "$DB2" --today "$AS_OF" import --progress --children "$TMP/big/children.csv" --events "$TMP/big/events.csv" \
    >"$TMP/killed2.out" 2>"$TMP/killed2.err" &
pid=$!
deadline=$((SECONDS + 60))
while :; do
    seen=$(awk '/^progress [0-9]+%/ { p = $2 + 0; if (p >= 50) { print $0; exit } }' "$TMP/killed2.err")
    [ -n "$seen" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid"
        die "the first load finished (exit $?) before it reported 50% progress"
    fi
    [ "$SECONDS" -ge "$deadline" ] && die "no progress of 50% within 60 s (first load)"
    sleep 0.05
done
journal=$(stat -c %s "$DB2-journal" 2>/dev/null || echo none)
kill -9 "$pid" || die "could not kill $pid"
wait "$pid" 2>/dev/null
pid=""
echo "   killed the first load at '$seen' (rollback journal: $journal bytes; file $(stat -c %s "$DB2") bytes)"
left=$("$bin" --db "$DB2" status --as-of "$AS_OF" --format csv) || die "the database does not open after the killed first load"
[ "$(wc -l <<<"$left")" -eq 1 ] || die "the killed first load left children behind: $(wc -l <<<"$left") lines"
out=$("$bin" --db "$DB2" --today "$AS_OF" import --no-progress --children "$TMP/big/children.csv" --events "$TMP/big/events.csv") ||
    die "the first load after the kill failed"
case "$out" in
"Imported 30000 children rows (30000 added, 0 updated) and $big_events event rows ($big_events added,"*) ;;
*) die "unexpected: $out" ;;
esac
echo "   nothing was left behind, and the load then ran to completion"

echo "ok: a killed import left the database as it was, and the next import succeeded"
