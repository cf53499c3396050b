# Shared by the benchmark scripts (sourced): medians and timed runs.

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
