# Shared by the benchmark scripts (sourced): their options, program and data, medians, timed
# runs, and a signed-in server.

# help_or_unknown ARG LAST: an argument the script does not take. -h or --help prints the
# script's head comment (lines 2 to LAST) and exits 0; anything else is an error (exit 2).
help_or_unknown() {
    local script=${BASH_SOURCE[1]}
    if [[ "$1" == -h || "$1" == --help ]]; then
        sed -n "2,${2}p" "$script" | sed 's/^# \{0,1\}//'
        exit 0
    fi
    echo "$(basename "$script"): unknown argument '$1'" >&2
    exit 2
}

# bench_setup NAME: the program, $WAYMARK (default build/waymark next to this folder), must be
# there; makes the temporary folder `tmp` (waymark-NAME-bench.XXXXXX), which the caller removes
# (in its own trap: some stop a server first). `w ARGS...` runs the program on $tmp/w.db as of
# 2026-11-26.
bench_setup() {
    WAYMARK=${WAYMARK:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build/waymark}
    [[ -x "$WAYMARK" ]] || { echo "$1.sh: no program at $WAYMARK: build first" >&2; exit 1; }
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/waymark-$1-bench.XXXXXX")
}
w() { "$WAYMARK" --db "$tmp/w.db" --today 2026-11-26 "$@"; }

# synth_import DIR CHILDREN SEED [SYNTH OPTIONS...]: writes `synth --children CHILDREN --seed
# SEED` as of 2026-11-26 into DIR and imports it.
synth_import() {
    local dir=$1 children=$2 seed=$3
    shift 3
    mkdir -p "$dir"
    w synth --children "$children" --seed "$seed" --as-of 2026-11-26 "$@" --out "$dir" >/dev/null
    w import --children "$dir/children.csv" --events "$dir/events.csv" --no-progress >/dev/null
}

# The median of the numbers on standard input, one a line.
median_of() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# time_runs RUNS OUTFILE COMMAND...: runs COMMAND RUNS times with its output to OUTFILE; prints
# every run's seconds on one line, then the median on the next.
time_runs() {
    local runs=$1 out=$2
    shift 2
    local times=() start end
    for ((i = 1; i <= runs; i++)); do
        start=$(date +%s.%N)
        "$@" >"$out"
        end=$(date +%s.%N)
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')")
    done
    echo "${times[*]}"
    printf '%s\n' "${times[@]}" | median_of
}

# serve_and_sign_in NAME DB DIR USER PASSWORD: starts `waymark serve` ($WAYMARK) on DB on a free
# loopback port, its log in DIR/serve.log, and signs USER in through the form. Sets `server`
# (its pid, for the caller's cleanup), `base` (its address) and `session` (the cookie's value);
# NAME is the calling script's, for the errors. Not through a wrapper: $! must be the server.
serve_and_sign_in() {
    local name=$1 db=$2 dir=$3 user=$4 password=$5
    "$WAYMARK" --db "$db" --today 2026-11-26 serve --listen 127.0.0.1:0 2>"$dir/serve.log" &
    server=$!
    base=""
    for _ in $(seq 1 100); do
        base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$dir/serve.log" 2>/dev/null | head -n 1) || true
        [[ -n "$base" ]] && break
        sleep 0.1
    done
    [[ -n "$base" ]] || { echo "$name: the server did not start" >&2; cat "$dir/serve.log" >&2; exit 1; }
    local jar=$dir/cookies csrf
    curl -s -c "$jar" -b "$jar" -o "$dir/sign-in.html" "$base/sign-in"
    csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' "$dir/sign-in.html" | cut -d'"' -f4)
    curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$csrf" --data-urlencode "name=$user" \
        --data-urlencode "password=$password" "$base/sign-in"
    session=$(awk '$6 == "waymark_session" {print $7}' "$jar")
    [[ -n "$session" ]] || { echo "$name: could not sign in" >&2; exit 1; }
}
