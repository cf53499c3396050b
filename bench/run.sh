#!/usr/bin/env bash
# End-to-end benchmark of waymark, with the same questions asked in plain SQL as a baseline.
#
#   bench/run.sh [--children N] [--runs R] [--out FILE]     (defaults: N=100000, R=5)
#
# Writes `waymark synth --children N --seed 1 --as-of 2026-11-26` to a temporary folder,
# imports it R times into a fresh database, runs `due --all`, `due`, `status` and
# `due --all --standard lar-first` R times each on it, and asks the sqlite3 CLI the same
# questions (bench/sql/*.sql: import, status, lar-first) on the same files and database.
# Prints a Markdown report (medians, rates, peak memory, waymark/SQL ratios, and whether the
# SQL answers agree with waymark's) to stdout, and to FILE with --out.
#
# Environment: WAYMARK (the program; default build/waymark, else build-bench/waymark, next to
# this folder), SQLITE3 (default sqlite3), TMPDIR (where the temporary folder goes).
# See bench/README.md. Results belong in docs/performance.md.
set -euo pipefail

usage() {
    sed -n '4p' "$0" | sed 's/^#  *//' >&2
    exit 2
}

children=100000
runs=5
out=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --children) [[ $# -ge 2 ]] || usage; children=$2; shift 2 ;;
        --runs) [[ $# -ge 2 ]] || usage; runs=$2; shift 2 ;;
        --out) [[ $# -ge 2 ]] || usage; out=$2; shift 2 ;;
        -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument '$1'" >&2; usage ;;
    esac
done
[[ "$children" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --children must be a positive whole number" >&2; exit 2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs must be a positive whole number" >&2; exit 2; }

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench_dir")
if [[ -z "${WAYMARK:-}" ]]; then
    for candidate in "$root/build/waymark" "$root/build-bench/waymark"; do
        if [[ -x "$candidate" ]]; then WAYMARK=$candidate; break; fi
    done
fi
WAYMARK=${WAYMARK:-}
SQLITE3=${SQLITE3:-sqlite3}
[[ -n "$WAYMARK" && -x "$WAYMARK" ]] || {
    echo "run.sh: no waymark program; build it first:" >&2
    echo "  cmake -S $root -B $root/build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build $root/build-bench" >&2
    exit 1
}
command -v "$SQLITE3" >/dev/null || { echo "run.sh: no sqlite3 CLI (apt-get install sqlite3)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "run.sh: no /usr/bin/time (apt-get install time)" >&2; exit 1; }
WAYMARK=$(cd "$(dirname "$WAYMARK")" && pwd)/$(basename "$WAYMARK")

as_of=2026-11-26
tmp=$(mktemp -d "${TMPDIR:-/tmp}/waymark-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# No config file or database from the environment: the defaults only.
unset WAYMARK_CONFIG WAYMARK_DB
wm=("$WAYMARK" --today "$as_of")
sq=("$SQLITE3" -bail -batch)
sq_param=(-cmd ".parameter set @as_of \"'$as_of'\"")

log() { echo "run.sh: $*" >&2; }

# measure NAME STDOUT_FILE CMD...: runs CMD once with its output to STDOUT_FILE, appends
# "seconds peak_kb" to $tmp/m/NAME and fails loudly (with the command's stderr) if it fails.
mkdir -p "$tmp/m"
measure() {
    local name=$1 stdout=$2
    shift 2
    local start end status=0
    start=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$tmp/time" "$@" >"$stdout" 2>"$tmp/stderr" || status=$?
    end=$(date +%s.%N)
    if [[ $status -ne 0 ]]; then
        echo "run.sh: FAILED (exit $status): $*" >&2
        cat "$tmp/stderr" >&2
        exit 1
    fi
    awk -v a="$start" -v b="$end" -v kb="$(tail -n 1 "$tmp/time")" 'BEGIN { printf "%.3f %d\n", b - a, kb }' >>"$tmp/m/$name"
}
median() { cut -d' ' -f1 "$tmp/m/$1" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
peak_mb() { cut -d' ' -f2 "$tmp/m/$1" | sort -g | tail -n 1 | awk '{ printf "%.0f", $1 / 1024 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

# --- synthetic data -------------------------------------------------------------------------
log "synth --children $children"
data="$tmp/data"
cmd_synth="waymark synth --children $children --seed 1 --as-of $as_of --out DIR"
measure synth /dev/null "${wm[@]}" synth --children "$children" --seed 1 --as-of "$as_of" --out "$data"
events=$(($(wc -l <"$data/events.csv") - 1))
child_rows=$(($(wc -l <"$data/children.csv") - 1))
csv_mb=$(du -cm "$data/children.csv" "$data/events.csv" | tail -n 1 | cut -f1)

# --- import ---------------------------------------------------------------------------------
db="$tmp/waymark.db"
cmd_import="waymark --db FRESH.db import --children children.csv --events events.csv"
for ((i = 1; i <= runs; i++)); do
    log "import $i/$runs"
    rm -f "$db" "$db-wal" "$db-shm"
    measure import /dev/null "${wm[@]}" --db "$db" import --children "$data/children.csv" --events "$data/events.csv"
done

# The SQL baseline: .import into staging tables, INSERT ... SELECT into the same schema.
sqldir="$tmp/sql-import"
mkdir -p "$sqldir"
cp "$root/src/store/migrations/0001_initial.sql" "$sqldir/schema.sql"
ln -s "$data/children.csv" "$sqldir/children.csv"
ln -s "$data/events.csv" "$sqldir/events.csv"
cmd_sql_import="sqlite3 FRESH.db < bench/sql/import.sql"
for ((i = 1; i <= runs; i++)); do
    log "SQL import $i/$runs"
    rm -f "$sqldir/sql.db" "$sqldir/sql.db-wal" "$sqldir/sql.db-shm"
    (cd "$sqldir" && measure sql_import /dev/null "${sq[@]}" sql.db <"$bench_dir/sql/import.sql")
done
counts() { "${sq[@]}" "$1" "SELECT (SELECT count(*) FROM children) || ' ' || (SELECT count(*) FROM events) || ' ' || (SELECT count(*) FROM events WHERE agency <> '' OR note <> '')"; }
wm_counts=$(counts "$db")
sql_counts=$(counts "$sqldir/sql.db")
if [[ "$wm_counts" != "$sql_counts" ]]; then
    echo "run.sh: the SQL import stored different numbers of children, events, notes ($sql_counts) from waymark ($wm_counts)" >&2
    exit 1
fi
rm -rf "$sqldir"

# --- reports --------------------------------------------------------------------------------
# The imports above leave about a gigabyte of dirty pages for the kernel to write back; let it
# finish first, so that the reports are timed against the database, not against writeback.
sync
sleep 2
res="$tmp/results"
mkdir -p "$res"
cmd_due_all="waymark due --all --as-of $as_of --format csv > /dev/null"
cmd_due="waymark due --as-of $as_of --format csv > /dev/null"
cmd_status="waymark status --as-of $as_of --format csv > status.csv"
cmd_lar="waymark due --all --standard lar-first --as-of $as_of --format csv > lar-first.csv"
cmd_sql_status="sqlite3 -csv -header waymark.db < bench/sql/status.sql > status.csv"
cmd_sql_lar="sqlite3 -csv -header waymark.db < bench/sql/due_lar_first.sql > lar-first.csv"
for ((i = 1; i <= runs; i++)); do
    log "reports $i/$runs"
    measure due_all /dev/null "${wm[@]}" --db "$db" due --all --as-of "$as_of" --format csv
    measure due /dev/null "${wm[@]}" --db "$db" due --as-of "$as_of" --format csv
    measure status "$res/status.csv" "${wm[@]}" --db "$db" status --as-of "$as_of" --format csv
    measure sql_status "$res/sql_status.csv" "${sq[@]}" -csv -header "${sq_param[@]}" "$db" <"$bench_dir/sql/status.sql"
    measure lar "$res/lar.csv" "${wm[@]}" --db "$db" due --all --standard lar-first --as-of "$as_of" --format csv
    measure sql_lar "$res/sql_lar.csv" "${sq[@]}" -csv -header "${sq_param[@]}" "$db" <"$bench_dir/sql/due_lar_first.sql"
done

# --- agreement ------------------------------------------------------------------------------
# Rows compared as text, data rows only (sqlite3 prints no header when there are no rows).
body() { tail -n +2 "$1" | cut -d, -f"$2" | LC_ALL=C sort; }
agree() { LC_ALL=C comm -12 <(body "$1" "$3") <(body "$2" "$3") | wc -l; }
rows() { tail -n +2 "$1" | wc -l; }
status_children=$(rows "$res/status.csv")
status_sql_rows=$(rows "$res/sql_status.csv")
stage_agree=$(agree "$res/status.csv" "$res/sql_status.csv" 1-3)
since_agree=$(agree "$res/status.csv" "$res/sql_status.csv" 1-4)
lar_rows=$(rows "$res/lar.csv")
lar_sql_rows=$(rows "$res/sql_lar.csv")
lar_agree=$(agree "$res/lar.csv" "$res/sql_lar.csv" 1-8)
differences() {  # the first few rows that differ, "<" waymark, ">" SQL
    LC_ALL=C diff <(body "$1" "$3") <(body "$2" "$3") | grep '^[<>]' | head -n 10 | sed 's/^/    /' || true
}
status_diff=$(differences "$res/status.csv" "$res/sql_status.csv" 1-4)
lar_diff=$(differences "$res/lar.csv" "$res/sql_lar.csv" 1-8)
if [[ -n "$status_diff$lar_diff" || $status_sql_rows -ne $status_children || $lar_sql_rows -ne $lar_rows ]]; then
    log "WARNING: the SQL answers differ from waymark's; see the report"
fi

# --- report ---------------------------------------------------------------------------------
cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
ram=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then commit="$commit (with uncommitted changes)"; fi
sqlite_version=$("$SQLITE3" --version | cut -d' ' -f1)
sqlite_lib=$("${sq[@]}" :memory: 'SELECT sqlite_version()')

row() {  # name command key rate_count [sql_key]
    local name=$1 cmd=$2 key=$3 n=$4 sql_key=${5:-}
    local s
    s=$(median "$key")
    local sql_cell="" ratio_cell=""
    if [[ -n "$sql_key" ]]; then
        sql_cell="$(median "$sql_key") s, $(peak_mb "$sql_key") MB"
        ratio_cell=$(ratio "$s" "$(median "$sql_key")")
    fi
    echo "| $name | \`$cmd\` | $s | $(thousands "$(rate "$n" "$s")") | $(peak_mb "$key") | $sql_cell | $ratio_cell |"
}

report() {
    cat <<EOF
# Waymark benchmark: $(thousands "$child_rows") children, $(thousands "$events") events

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); waymark commit $commit
- Machine: $(nproc) cores, $cpu, $ram RAM, Linux $(uname -r)
- SQLite: sqlite3 CLI $sqlite_version (library $sqlite_lib)
- Data: \`$cmd_synth\` ($csv_mb MB of CSV); as of $as_of; $runs runs of each step
- Command: \`bench/run.sh --children $children --runs $runs\`

Seconds are the median wall-clock time of $runs runs (synth: one run); the rate is events per
second (the events in events.csv over the median); peak MB is the largest maximum resident set
size over the runs (\`/usr/bin/time -f %M\`). The SQL columns are the same question asked of the
sqlite3 CLI in plain SQL (\`bench/sql/\`, same files, same database); the ratio is waymark's
seconds over SQL's (below 1: waymark is faster).

| step | command | median s | events/s | peak MB | SQL (median s, peak MB) | waymark/SQL |
|---|---|---:|---:|---:|---|---:|
$(row synth "$cmd_synth" synth "$events")
$(row import "$cmd_import" import "$events" sql_import)
$(row "due --all" "$cmd_due_all" due_all "$events")
$(row due "$cmd_due" due "$events")
$(row status "$cmd_status" status "$events" sql_status)
$(row "due lar-first" "$cmd_lar" lar "$events" sql_lar)

SQL commands (all with \`-bail -batch\`; the two queries also with
\`-cmd ".parameter set @as_of \"'$as_of'\""\`):
- import: \`$cmd_sql_import\`, run in a folder holding schema.sql (a copy of
  src/store/migrations/0001_initial.sql), children.csv and events.csv
- status: \`$cmd_sql_status\`
- lar-first: \`$cmd_sql_lar\`

What the SQL does not do (so its times are lower bounds for the same work):
- import: no validation, no error reporting by line and column, no canonical details, no
  event_id replacement (see the head of bench/sql/import.sql). Both stored the same
  children, events and notes ($wm_counts).
- status: stage and stage_since only; waymark also works out looked_after_since, placement
  and every child's clocks (overdue, next_due_on, next_standard).
- lar-first: one standard written out by hand; waymark reads it from the standards file.

Agreement of the SQL answers with waymark's:
- status, stage: agreement: $stage_agree of $status_children children (SQL rows: $status_sql_rows)
- status, stage and stage_since: agreement: $since_agree of $status_children children
- due lar-first, whole rows: agreement: $lar_agree of $lar_rows rows (SQL rows: $lar_sql_rows)
EOF
    if [[ -n "$status_diff" ]]; then
        echo
        echo "First status rows that differ (< waymark, > SQL):"
        echo
        echo "$status_diff"
    fi
    if [[ -n "$lar_diff" ]]; then
        echo
        echo "First lar-first rows that differ (< waymark, > SQL):"
        echo
        echo "$lar_diff"
    fi
}

if [[ -n "$out" ]]; then
    report | tee "$out"
else
    report
fi

# The SQL is a second, independent reading of DATA.md: any disagreement fails the run (the
# test suite runs a small one, so a change that breaks either side is caught).
if [[ "$stage_agree" != "$status_children" || "$since_agree" != "$status_children" || "$lar_agree" != "$lar_rows" ||
      "$status_sql_rows" != "$status_children" || "$lar_sql_rows" != "$lar_rows" ]]; then
    echo "run.sh: the SQL answers disagree with waymark's (see above)" >&2
    exit 3
fi
