#!/usr/bin/env bash
# tests/audit_verify.sh WAYMARK_BINARY
#
# `waymark audit verify` and `audit head` end to end, against a log tampered with by sqlite3
# as someone with the database file would (triggers dropped first). The rows' times and
# hashes change from run to run, so this is a script rather than a golden case:
#
#  1. import 5 synthetic children (an `import` row each): verify checks from the first row and
#     records checkpoint 1 at row 5;
#  2. three chronology views (rows 6-8): verify checks from checkpoint 1 and records 2 at row 8;
#     the head noted then (row 8) passes --expect-head;
#  3. row 2 (before the checkpoints) changed: verify still passes (it starts at checkpoint 2),
#     verify --full fails (exit 4) naming row 2;
#  4. two more views (rows 9-10), `audit head` noted (row 10), row 10 deleted: verify passes
#     (rows 8-9 are intact; checkpoint 3 at row 9), verify --expect-head fails naming the head
#     noted;
#  5. two more views (rows 10-11), row 11 changed after checkpoint 3: verify fails naming it.
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
command -v sqlite3 >/dev/null || { echo "audit_verify.sh: needs sqlite3" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/waymark-audit.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
w() { "$bin" --db w.db --today 2026-11-26 "$@"; }
fail() {
    echo "FAIL: $*" >&2
    echo "--- out:" >&2
    cat out >&2
    echo "--- err:" >&2
    cat err >&2
    exit 1
}
# run EXPECTED_EXIT ARGS...: runs waymark, output in out and err.
run() {
    local want=$1
    shift
    w "$@" >out 2>err
    local rc=$?
    [ "$rc" = "$want" ] || fail "waymark $* exited $rc, not $want"
}
expect_out() { grep -qF -- "$1" out || fail "standard output lacks: $1"; }
expect_err() { grep -qF -- "$1" err || fail "standard error lacks: $1"; }

echo "1. import, first check"
w synth --children 5 --seed 1 --as-of 2026-11-26 --out d >/dev/null || fail "synth"
w import --children d/children.csv --events d/events.csv >/dev/null || fail "import"
child=$(sed -n 2p d/children.csv | cut -d, -f1)
run 0 audit verify
expect_out "intact: 5 rows checked from the first row"
expect_out "Recorded checkpoint 1 at row 5"
expect_out "audit head 5 "

echo "2. more rows, a check from checkpoint 1; the head noted is still there"
for _ in 1 2 3; do w chronology "$child" >/dev/null || fail "chronology $child"; done
run 0 audit verify
expect_out "intact: 4 rows checked from checkpoint 1 (row 5, recorded "
expect_out "Recorded checkpoint 2 at row 8"
run 0 audit head
read -r _ _ head_id head_hash _ <out
run 0 audit verify --expect-head "$head_id:$head_hash"
expect_out "The head noted, row 8, is still there with the hash noted."

echo "3. a row before the checkpoint changed: found by --full only"
sqlite3 w.db "DROP TRIGGER audit_append_only_update; UPDATE audit SET actor = 'someone else' WHERE id = 2" \
    || fail "sqlite3 update"
run 0 audit verify
expect_out "intact: 1 row checked from checkpoint 2 (row 8"
run 4 audit verify --full
expect_out "row 2: "
expect_err "the audit log's chain is broken at row 2 "
expect_err "the row was changed"

echo "4. the newest rows removed: found only against the head noted"
for _ in 1 2; do w chronology "$child" >/dev/null || fail "chronology $child"; done
run 0 audit head
read -r _ _ head_id head_hash _ <out
[ "$head_id" = 10 ] || fail "audit head names row $head_id, not 10"
sqlite3 w.db "DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE id >= 10" || fail "sqlite3 delete"
run 0 audit verify
expect_out "intact: 2 rows checked from checkpoint 2 (row 8"
expect_out "Recorded checkpoint 3 at row 9"
run 4 audit verify --expect-head "$head_id:$head_hash"
expect_err "the head noted, row 10 with hash $head_hash, is no longer in the audit log (its last row is now 9)"

echo "5. a row after the latest checkpoint changed"
for _ in 1 2; do w chronology "$child" >/dev/null || fail "chronology $child"; done
sqlite3 w.db "UPDATE audit SET detail = 'nothing to see' WHERE id = 11" || fail "sqlite3 update"
run 4 audit verify
expect_out "row 11: "
expect_err "the audit log's chain is broken at row 11 (3 rows checked from checkpoint 3 (row 9"
expect_err "the row was changed"
echo "ok"
