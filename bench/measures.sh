#!/usr/bin/env bash
# Benchmark of the measures (issue 4 target: every measure for `synth --children 100000`, by
# month over ten years, in under 2 seconds), with one interval measure asked in plain SQL.
#
#   bench/measures.sh [--children N] [--runs R]      (defaults: 100000, 5)
#
# Writes `waymark synth --children N --seed 1 --as-of 2026-11-26`, imports it, then times R
# runs each of `measure all` and `measure days-to-recommendation` (months 2016-12 to 2026-11,
# CSV) and of bench/sql/days_to_recommendation.sql in the sqlite3 shell on the same database.
# Prints medians, the waymark/SQL ratio, and whether the SQL's monthly counts and medians agree
# with waymark's (months whose counts waymark shows, i.e. 5 or more).
# Environment: WAYMARK (default build/waymark next to this folder), SQLITE3, TMPDIR.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/lib.sh"
children=100000
runs=5
while [[ $# -gt 0 ]]; do
    case "$1" in
        --children) children=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) help_or_unknown "$1" 13 ;;
    esac
done
SQLITE3=${SQLITE3:-sqlite3}
bench_setup measures
trap 'rm -rf "$tmp"' EXIT
synth_import "$tmp" "$children" 1
sync

range=(--from 2016-12-01 --to 2026-11-26 --as-of 2026-11-26 --format csv)
all=$(time_runs "$runs" "$tmp/all.csv" w measure all "${range[@]}" | tail -1)
one=$(time_runs "$runs" "$tmp/one.csv" w measure days-to-recommendation "${range[@]}" | tail -1)
sql=$(time_runs "$runs" "$tmp/sql.txt" "$SQLITE3" -separator , "$tmp/w.db" ".read $root/bench/sql/days_to_recommendation.sql" | tail -1)

# Compare: waymark's month,completed,median_completed (shown counts only) with the SQL's.
awk -F, 'NR > 1 && $3 == "" && $10 != "<5" && $10 != "0" {print $4 "," $10 "," $11}' "$tmp/one.csv" | sort >"$tmp/a"
awk -F, -v OFS=, '$2 >= 5 {print $1, $2, $3 + 0}' "$tmp/sql.txt" | sort >"$tmp/b"
if diff -q "$tmp/a" "$tmp/b" >/dev/null; then agree="yes ($(wc -l <"$tmp/a") months)"; else agree="NO"; diff "$tmp/a" "$tmp/b" | head -5 >&2; fi
echo "measures, $children children, months 2016-12 to 2026-11, medians of $runs runs:"
echo "  measure all (16 measures):           ${all} s"
echo "  measure days-to-recommendation:      ${one} s"
echo "  the same in plain SQL (sqlite3):     ${sql} s   waymark/SQL $(awk -v a="$one" -v b="$sql" 'BEGIN {printf "%.2f", a / b}')"
echo "  SQL agrees with waymark:             $agree"
