#!/usr/bin/env bash
# Benchmark of finding a child (issue 13, item 2): with `synth --children N` loaded (one council,
# S12000049), a team manager of that council (who may see every child but the restricted ones)
# searches by part of a name, by part of a case reference, by a whole case reference (the 303 to
# the child) and for nothing that matches, R times each after one search that fills the status
# cache. Prints the median and the slowest server time of each (the access log's time: handling
# only, no network), and the median time curl waited.
#
#   bench/search.sh [--children N] [--repeat R]     (defaults: 20000, 21)
#
# Needs curl. Environment: WAYMARK (default build/waymark next to this folder), TMPDIR.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/lib.sh"
children=20000
repeat=21
while [[ $# -gt 0 ]]; do
    case "$1" in
        --children) children=$2; shift 2 ;;
        --repeat) repeat=$2; shift 2 ;;
        *) help_or_unknown "$1" 12 ;;
    esac
done
command -v curl >/dev/null || { echo "search.sh: needs curl" >&2; exit 1; }
bench_setup search
server=""
cleanup() {
    [[ -n "$server" ]] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

synth_import "$tmp/synth" "$children" 1
# A family name and a case reference of the data to search for: the first child's.
name=$(awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "family_name") f = i} NR == 2 {print $f}' \
    "$tmp/synth/children.csv")
reference=$(awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "child_id") f = i} NR == 2 {print $f}' \
    "$tmp/synth/children.csv")
password="benchmark manager password"
echo "$password" | w user add bench-manager --role team_manager --local-authority S12000049 --password-stdin \
    >/dev/null

serve_and_sign_in search.sh "$tmp/w.db" "$tmp" bench-manager "$password"
get() { curl -s -o "$tmp/page.html" -w '%{http_code} %{time_total}\n' -H "Cookie: waymark_session=$session" "$base$1"; }
get "/search?q=x" >/dev/null # fills the status cache

echo "search.sh: $children children in one council; $repeat searches each (ms)"
printf '%-34s %8s %9s %10s %8s\n' "search" "status" "median" "slowest" "curl"
for q in "$name" "${name:0:3}" "${reference:0:5}" "$reference" "zzzzzz"; do
    : >"$tmp/curl.txt"
    lines=$(grep -c ' GET /search ' "$tmp/serve.log" || true)
    for _ in $(seq 1 "$repeat"); do get "/search?q=$q" >>"$tmp/curl.txt"; done
    status=$(awk '{print $1}' "$tmp/curl.txt" | sort -u | tr '\n' ' ')
    server_ms=$(grep ' GET /search ' "$tmp/serve.log" | tail -n +"$((lines + 1))" |
        awk '{v = $NF; sub(/ms$/, "", v); if ($NF ~ /us$/) {sub(/us$/, "", v); v /= 1000} print v}')
    found=$(grep -o '[0-9]* children match\|1 child matches\|No children match' "$tmp/page.html" | head -n 1 || true)
    printf '%-34s %8s %9s %10s %8.2f\n' "${q} (${found:-to the child})" "$status" \
        "$(median_of <<<"$server_ms")" "$(sort -n <<<"$server_ms" | tail -n 1)" \
        "$(awk '{print $2 * 1000}' "$tmp/curl.txt" | median_of)"
done
