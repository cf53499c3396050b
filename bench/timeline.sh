#!/usr/bin/env bash
# Benchmark of `waymark timeline --all`: one council's timelines, one file a child.
#
#   bench/timeline.sh [--children N] [--runs R] [--format pdf|svg|png]   (defaults: 1500, 5, pdf)
#
# Writes `waymark synth --children N --seed 1 --as-of 2026-11-26` to a temporary folder,
# imports it, then times `timeline --all --local-authority S12000049 --out DIR` R times into a
# fresh folder each time. Prints the median and every run's seconds, the files written and
# their total size. The issue 3 target: 1,500 children as PDF in under 30 s on 2 cores.
# Environment: WAYMARK (default build/waymark next to this folder), TMPDIR.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/lib.sh"

children=1500
runs=5
format=pdf
while [[ $# -gt 0 ]]; do
    case "$1" in
        --children) children=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --format) format=$2; shift 2 ;;
        *) help_or_unknown "$1" 10 ;;
    esac
done
bench_setup timeline
trap 'rm -rf "$tmp"' EXIT
synth_import "$tmp" "$children" 1
sync

# Each run writes into a fresh folder.
draw_all() { rm -rf "$tmp/out" && w timeline --all --local-authority S12000049 --as-of 2026-11-26 --format "$format" --out "$tmp/out" 2>/dev/null; }
result=$(time_runs "$runs" /dev/null draw_all)
times=$(echo "$result" | head -1)
median=$(echo "$result" | tail -1)
files=$(find "$tmp/out" -type f | wc -l)
bytes=$(du -sb "$tmp/out" | cut -f1)
echo "timeline --all, $children children, $format: median $(printf '%.2f' "$median") s over $runs runs ($times); $files files, $((bytes / 1024)) KiB"
