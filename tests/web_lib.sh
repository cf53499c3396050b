# Shared by the tests of `waymark serve` over a real socket (sourced after `set -uo pipefail`):
#   web_setup "$@"            checks the one argument (the program), sets $bin, makes and enters
#                             $work (removed at exit, with a server still running killed)
#   fail MESSAGE              prints it and the server's log, exits 1
#   web_council N             a synthetic council S12000049 of N children in w.db, as of
#                             2026-11-26, and a social worker sam ("a long enough password")
#                             to whom its first child ($child) is allocated
#   start_server SCHEME ARGS  `waymark --db w.db --today 2026-11-26 serve --listen 127.0.0.1:0
#                             ARGS` in the background, its log in serve.log; sets $pid and $base
#                             (SCHEME://127.0.0.1:PORT) once it listens
#   stop_server [MAX_MS]      SIGTERM; fails unless it exits 0 within 10 s; sets $took (ms)

web_setup() {
    if [ $# -ne 1 ]; then
        echo "usage: $0 WAYMARK_BINARY" >&2
        exit 2
    fi
    bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
    export TZ=UTC LC_ALL=C.UTF-8
    unset WAYMARK_DB WAYMARK_CONFIG
    work=$(mktemp -d)
    pid=""
    trap web_cleanup EXIT
    cd "$work" || exit 1
}

web_cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
    rm -rf "$work"
}

fail() {
    echo "FAIL: $*" >&2
    echo "--- server log" >&2
    cat "$work/serve.log" >&2 2>/dev/null
    exit 1
}

web_council() {
    "$bin" synth --children "$1" --seed 3 --as-of 2026-11-26 --out . >/dev/null || fail "synth"
    "$bin" --db w.db --today 2026-11-26 import --children children.csv --events events.csv --no-progress >/dev/null \
        || fail "import"
    echo "a long enough password" | "$bin" --db w.db user add sam --role social_worker --local-authority S12000049 \
        --password-stdin >/dev/null || fail "user add"
    child=$(sed -n 2p children.csv | cut -d, -f1)
    # Social workers see the children allocated to them (docs/web.md, "Who sees which child").
    "$bin" --db w.db allocate "$child" --local-authority S12000049 --worker sam >/dev/null || fail "allocate"
}

start_server() {
    local scheme=$1
    shift
    "$bin" --db w.db --today 2026-11-26 serve --listen 127.0.0.1:0 "$@" 2>serve.log &
    pid=$!
    base=""
    for _ in $(seq 1 100); do
        base=$(grep -o "$scheme://127\.0\.0\.1:[0-9]*" serve.log 2>/dev/null | head -n 1)
        [ -n "$base" ] && break
        kill -0 "$pid" 2>/dev/null || fail "the server exited at start"
        sleep 0.1
    done
    [ -n "$base" ] || fail "the server did not say it listens on $scheme://"
    echo "server at $base"
}

stop_server() {
    local started rc
    started=$(date +%s%N)
    kill -TERM "$pid"
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && fail "still running 10 s after SIGTERM"
    wait "$pid"
    rc=$?
    pid=""
    [ "$rc" = 0 ] || fail "exit status $rc after SIGTERM"
    took=$((($(date +%s%N) - started) / 1000000))
}
