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
#   base             optional: one line naming a folder, relative to the case's (e.g. `../_base`),
#                    that the case starts from: the base's files are laid down first and the
#                    case's own files over them, so that a family of cases shares its inputs and
#                    its usual expectations and each case holds only what differs. A base has no
#                    base itself. A case file the same as the base's is an error (delete it from
#                    the case); to undo a base's `exit`, the case says `0`.
#   children.csv, events.csv, standards.toml, ...: input files, named relative to the folder.
#                    Files of the source tree (the examples) are named through $WAYMARK_SOURCE,
#                    e.g. `pdsa import "$WAYMARK_SOURCE/examples/pace/tests_of_change.csv"`.
#
# If there is no `setup` and no `setup.sh`, cmd is not an import (has no `import` word), and
# children.csv or events.csv exist, they are imported first (`import --children children.csv
# --events events.csv`, each only if present).
#
# The case folder (over its base, if it has one) is copied to a fresh temporary folder and every command runs from inside
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
# code is not 0) and `expected_post` from what the program does now; a case with a base keeps
# only the files that differ from the base's (the base itself is never written). Check the diff by hand
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

export TZ=UTC
export LC_ALL=C.UTF-8
WAYMARK_SOURCE=$(cd "$(dirname "$0")/.." && pwd)
export WAYMARK_SOURCE
unset WAYMARK_DB WAYMARK_CONFIG

TMP=$(mktemp -d "${TMPDIR:-/tmp}/waymark-case.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/w.db
work=$TMP/case

# Lines of a file that are not blank or comments.
lines_of() { grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$1" || true; }

# The case as the harness reads it ($spec): the base's files, then the case's own over them.
spec=$TMP/spec
mkdir "$spec"
base_dir=""
if [ -f "$case_dir/base" ]; then
    base_name=$(lines_of "$case_dir/base" | head -n 1)
    if [ -z "$base_name" ] || ! base_dir=$(cd "$case_dir/$base_name" 2>/dev/null && pwd); then
        echo "$name: its base '$base_name' is not a folder (base names one, relative to $case_dir)" >&2
        exit 2
    fi
    if [ -f "$base_dir/base" ]; then
        echo "$name: its base $base_name has a base of its own (one level only)" >&2
        exit 2
    fi
    for f in "$case_dir"/*; do
        b=$base_dir/$(basename "$f")
        if [ -f "$f" ] && [ -f "$b" ] && cmp -s "$f" "$b"; then
            echo "$name: $(basename "$f") is the same as its base's ($base_name): delete it from the case" >&2
            exit 2
        fi
    done
    cp -R "$base_dir/." "$spec/"
fi
cp -R "$case_dir/." "$spec/"
rm -f "$spec/base"
if [ ! -f "$spec/cmd" ]; then
    echo "$name: no cmd file in $case_dir${base_dir:+ or its base}" >&2
    exit 2
fi
cp -R "$spec" "$work"
cd "$work" || exit 2

today=2026-11-26
if [ -f "$spec/today" ]; then today=$(tr -d ' \r\n' <"$spec/today"); fi

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

cmd_line=$(lines_of "$spec/cmd" | head -n 1)
split_args "$cmd_line"
is_import=0
for a in "${args[@]}"; do [ "$a" = import ] && is_import=1; done

# 1. Automatic import, setup lines, setup.sh.
if [ ! -f "$spec/setup" ] && [ ! -f "$spec/setup.sh" ] && [ "$is_import" = 0 ]; then
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
if [ -f "$spec/setup" ]; then
    while IFS= read -r line; do
        if ! run_line "$line" "$TMP/setup.out" "$TMP/setup.err"; then
            fail "setup line failed: waymark $line"
            cat "$TMP/setup.out" "$TMP/setup.err" >&2
            exit 1
        fi
    done < <(lines_of "$spec/setup")
fi
if [ -f "$spec/setup.sh" ]; then
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
if [ -f "$spec/post" ]; then
    have_post=1
    : >"$TMP/post"
    while IFS= read -r line; do
        if ! run_line "$line" "$TMP/post.out" "$TMP/post.err"; then
            fail "post line failed: waymark $line"
            cat "$TMP/post.err" >&2
        fi
        cat "$TMP/post.out" >>"$TMP/post"
    done < <(lines_of "$spec/post")
fi

# Keeps what the program did ($2) as the case's file $1; $3 is 1 when that is what the file's
# absence means. With a base, a file the same as the base's is left to the base.
record() {
    local file=$1 content=$2 absent_means_this=$3
    if [ -n "$base_dir" ] && [ -f "$base_dir/$file" ]; then
        if cmp -s "$content" "$base_dir/$file"; then rm -f "$case_dir/$file"; else cp "$content" "$case_dir/$file"; fi
    elif [ "$absent_means_this" = 1 ]; then
        rm -f "$case_dir/$file"
    else
        cp "$content" "$case_dir/$file"
    fi
}

if [ "$update" = "1" ]; then
    record expected "$TMP/stdout" 0
    if [ -s "$TMP/stderr" ]; then record expected_stderr "$TMP/stderr" 0; else record expected_stderr "$TMP/stderr" 1; fi
    echo "$rc" >"$TMP/exit"
    if [ "$rc" -ne 0 ]; then record exit "$TMP/exit" 0; else record exit "$TMP/exit" 1; fi
    if [ "$have_post" = 1 ]; then record expected_post "$TMP/post" 0; fi
    echo "updated $name (exit $rc)"
    exit "$failed"
fi

# 4. Compare.
want_rc=0
if [ -f "$spec/exit" ]; then want_rc=$(tr -d ' \r\n' <"$spec/exit"); fi
if [ "$rc" != "$want_rc" ]; then
    fail "exit code $rc, expected $want_rc (waymark $cmd_line)"
fi
if [ -f "$spec/expected" ]; then
    if ! diff -u --label expected --label actual "$spec/expected" "$TMP/stdout" >&2; then
        fail "standard output differs (waymark $cmd_line)"
    fi
else
    fail "no expected file"
fi
if [ -f "$spec/expected_stderr" ]; then
    if ! diff -u --label expected_stderr --label actual "$spec/expected_stderr" "$TMP/stderr" >&2; then
        fail "standard error differs (waymark $cmd_line)"
    fi
elif [ -s "$TMP/stderr" ]; then
    fail "unexpected standard error (waymark $cmd_line):"
    cat "$TMP/stderr" >&2
fi
if [ "$have_post" = 1 ]; then
    if [ ! -f "$spec/expected_post" ]; then
        fail "post given but no expected_post"
    elif ! diff -u --label expected_post --label actual "$spec/expected_post" "$TMP/post" >&2; then
        fail "post output differs (for a failed command: it changed what is stored)"
    fi
fi

if [ "$failed" = 0 ]; then echo "ok $name"; fi
exit "$failed"
