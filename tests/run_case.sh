#!/usr/bin/env bash
# Runs one golden case: tests/run_case.sh WAYMARK_BINARY CASE_DIR
#
# A case is a folder holding:
#   cmd              one line: the arguments to waymark, e.g. `due --as-of 2026-11-26 --format csv`
#                    (shell quoting works: `chronology "C 1"`). The harness puts
#                    `--db $TMP/w.db --today TODAY` in front of it.
#   expected         the exact expected standard output of cmd
#   expected_stderr  optional: the exact expected standard error (if absent, it must be empty)
#   exit             optional: the expected exit code (default 0)
#   today            optional: the date passed as --today (default 2026-11-26)
#   setup            optional: lines of waymark arguments run first (each with --db and --today);
#                    each must exit 0. Blank lines and lines starting with # are skipped.
#   setup.sh         optional: a bash script run after `setup`, in the work folder, with DB (the
#                    database path), WAYMARK (the program) and TODAY set; it must exit 0.
#   post             optional: lines of waymark arguments run after cmd (each with --db and
#                    --today, each must exit 0); their standard outputs, joined, must equal
#                    `expected_post`. Used to prove that a failed command changed nothing.
#   children.csv, events.csv, standards.toml, ...: input files, named relative to the folder.
#                    Files of the source tree (the examples) are named through $WAYMARK_SOURCE,
#                    e.g. `pdsa import "$WAYMARK_SOURCE/examples/pace/tests_of_change.csv"`.
#
# If there is no `setup` and no `setup.sh`, cmd is not an import (has no `import` word), and
# children.csv or events.csv exist, they are imported first (`import --children children.csv
# --events events.csv`, each only if present).
#
# The case folder is copied to a fresh temporary folder and every command runs from inside
# the copy (so `synth --out out` writes nothing into the source tree). The database is
# $TMP/w.db, new for every run. The environment is pinned: TZ=UTC, LC_ALL=C.UTF-8, and
# WAYMARK_DB and WAYMARK_CONFIG are unset. In standard output and standard error the
# temporary folder's path is replaced by the literal text `$TMP`, so that expected files are
# stable (e.g. "... into $TMP/w.db"), and likewise the source tree's path by `$WAYMARK_SOURCE`.
#
# Outputs are compared with `diff -u`; the script exits non-zero on any difference.
#
# For developers: WAYMARK_UPDATE_GOLDEN=1 tests/run_case.sh BIN CASE_DIR rewrites `expected`,
# `expected_stderr` (kept only when standard error is not empty), `exit` (kept only when the
# code is not 0) and `expected_post` from what the program does now. Check the diff by hand
# (git diff) before committing: a golden file is a claim about what is right, not a capture.
set -uo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 WAYMARK_BINARY CASE_DIR" >&2
    exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
case_dir=$(cd "$2" && pwd)
name=$(basename "$case_dir")
update=${WAYMARK_UPDATE_GOLDEN:-0}

if [ ! -x "$bin" ]; then
    echo "$name: $bin is not an executable" >&2
    exit 2
fi
if [ ! -f "$case_dir/cmd" ]; then
    echo "$name: no cmd file in $case_dir" >&2
    exit 2
fi

export TZ=UTC
export LC_ALL=C.UTF-8
WAYMARK_SOURCE=$(cd "$(dirname "$0")/.." && pwd)
export WAYMARK_SOURCE
unset WAYMARK_DB WAYMARK_CONFIG

TMP=$(mktemp -d "${TMPDIR:-/tmp}/waymark-case.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/w.db
work=$TMP/case
cp -R "$case_dir" "$work"
cd "$work" || exit 2

today=2026-11-26
if [ -f "$case_dir/today" ]; then today=$(tr -d ' \r\n' <"$case_dir/today"); fi

failed=0
fail() {
    echo "FAIL $name: $*" >&2
    failed=1
}

# Replaces the temporary folder's path with `$TMP`, and the source tree's with `$WAYMARK_SOURCE`.
normalise() { sed -e "s|$TMP|\$TMP|g" -e "s|$WAYMARK_SOURCE|\$WAYMARK_SOURCE|g"; }

# Splits one line of arguments with shell quoting into the array `args`.
split_args() {
    args=()
    eval "args=($1)"
}

# Runs waymark with one line of arguments; stdout to $2, stderr to $3; returns its exit code.
run_line() {
    local line=$1 out=$2 err=$3
    split_args "$line"
    "$bin" --db "$DB" --today "$today" "${args[@]}" >"$out.raw" 2>"$err.raw"
    local rc=$?
    normalise <"$out.raw" >"$out"
    normalise <"$err.raw" >"$err"
    rm -f "$out.raw" "$err.raw"
    return $rc
}

# Lines of a file that are not blank or comments.
lines_of() { grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$1" || true; }

cmd_line=$(lines_of "$case_dir/cmd" | head -n 1)
split_args "$cmd_line"
is_import=0
for a in "${args[@]}"; do [ "$a" = import ] && is_import=1; done

# 1. Automatic import, setup lines, setup.sh.
if [ ! -f "$case_dir/setup" ] && [ ! -f "$case_dir/setup.sh" ] && [ "$is_import" = 0 ]; then
    auto=""
    [ -f children.csv ] && auto+=" --children children.csv"
    [ -f events.csv ] && auto+=" --events events.csv"
    if [ -n "$auto" ]; then
        if ! run_line "import$auto" "$TMP/setup.out" "$TMP/setup.err"; then
            fail "automatic import (import$auto) failed:"
            cat "$TMP/setup.out" "$TMP/setup.err" >&2
            exit 1
        fi
    fi
fi
if [ -f "$case_dir/setup" ]; then
    while IFS= read -r line; do
        if ! run_line "$line" "$TMP/setup.out" "$TMP/setup.err"; then
            fail "setup line failed: waymark $line"
            cat "$TMP/setup.out" "$TMP/setup.err" >&2
            exit 1
        fi
    done < <(lines_of "$case_dir/setup")
fi
if [ -f "$case_dir/setup.sh" ]; then
    if ! DB="$DB" WAYMARK="$bin" TODAY="$today" bash "$work/setup.sh" >"$TMP/setup.out" 2>"$TMP/setup.err"; then
        fail "setup.sh failed:"
        cat "$TMP/setup.out" "$TMP/setup.err" >&2
        exit 1
    fi
fi

# 2. The command.
run_line "$cmd_line" "$TMP/stdout" "$TMP/stderr"
rc=$?

# 3. Post lines.
have_post=0
if [ -f "$case_dir/post" ]; then
    have_post=1
    : >"$TMP/post"
    while IFS= read -r line; do
        if ! run_line "$line" "$TMP/post.out" "$TMP/post.err"; then
            fail "post line failed: waymark $line"
            cat "$TMP/post.err" >&2
        fi
        cat "$TMP/post.out" >>"$TMP/post"
    done < <(lines_of "$case_dir/post")
fi

if [ "$update" = "1" ]; then
    cp "$TMP/stdout" "$case_dir/expected"
    if [ -s "$TMP/stderr" ]; then cp "$TMP/stderr" "$case_dir/expected_stderr"; else rm -f "$case_dir/expected_stderr"; fi
    if [ "$rc" -ne 0 ]; then echo "$rc" >"$case_dir/exit"; else rm -f "$case_dir/exit"; fi
    if [ "$have_post" = 1 ]; then cp "$TMP/post" "$case_dir/expected_post"; fi
    echo "updated $name (exit $rc)"
    exit "$failed"
fi

# 4. Compare.
want_rc=0
if [ -f "$case_dir/exit" ]; then want_rc=$(tr -d ' \r\n' <"$case_dir/exit"); fi
if [ "$rc" != "$want_rc" ]; then
    fail "exit code $rc, expected $want_rc (waymark $cmd_line)"
fi
if [ -f "$case_dir/expected" ]; then
    if ! diff -u --label expected --label actual "$case_dir/expected" "$TMP/stdout" >&2; then
        fail "standard output differs (waymark $cmd_line)"
    fi
else
    fail "no expected file"
fi
if [ -f "$case_dir/expected_stderr" ]; then
    if ! diff -u --label expected_stderr --label actual "$case_dir/expected_stderr" "$TMP/stderr" >&2; then
        fail "standard error differs (waymark $cmd_line)"
    fi
elif [ -s "$TMP/stderr" ]; then
    fail "unexpected standard error (waymark $cmd_line):"
    cat "$TMP/stderr" >&2
fi
if [ "$have_post" = 1 ]; then
    if [ ! -f "$case_dir/expected_post" ]; then
        fail "post given but no expected_post"
    elif ! diff -u --label expected_post --label actual "$case_dir/expected_post" "$TMP/post" >&2; then
        fail "post output differs (for a failed command: it changed what is stored)"
    fi
fi

if [ "$failed" = 0 ]; then echo "ok $name"; fi
exit "$failed"
