#!/usr/bin/env bash
# Benchmark of the web application (issue 5 target: with `synth --children 100000` loaded, the
# children list of a 1,500-child council at 64 concurrent connections with wrk: p99 under
# 50 ms and at least 2,000 requests a second on a 2-core machine), against nginx serving a
# static copy of the same page in the same run.
#
#   bench/web.sh [--children N] [--council-children M] [--duration SECONDS] [--connections C]
#                [--db FILE]
#   (defaults: 100000, 1500, 20, 64)
#
# Writes `waymark synth --children N --seed 1` (council S12000049) and `synth --children M
# --seed 2 --local-authority S12000033`, both as of 2026-11-26, and imports both (synth puts
# every child in one council: the second is the manager's council of M); --db FILE uses a copy
# of a database made so before instead. Adds a team manager of S12000033 and (unless the
# database has them) 6 teams of 10 social workers and 6 reviewing officers with every child of
# the council allocated to one of each, as a council would have them; starts `waymark
# serve` (its default 2 threads), signs in with curl, saves the children list, and runs
# `wrk -t2 -cC -dSECONDS --latency` with the session cookie. Then nginx (a minimal nginx.conf
# in the temporary folder, 2 worker processes, on another port) serves the saved page, and the
# same wrk runs against it. Prints requests a second, median and p99 latency of each, and their
# ratio. Needs wrk, nginx (Debian: wrk, nginx-light), curl.
# Environment: WAYMARK (default build/waymark next to this folder), TMPDIR.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/lib.sh"
children=100000
council_children=1500
duration=20
connections=64
db=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --children) children=$2; shift 2 ;;
        --council-children) council_children=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --db) db=$2; shift 2 ;;
        *) help_or_unknown "$1" 22 ;;
    esac
done
for tool in wrk curl; do
    command -v "$tool" >/dev/null || { echo "web.sh: needs $tool (apt-get install $tool)" >&2; exit 1; }
done
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[[ -x "$NGINX" ]] || { echo "web.sh: needs nginx (apt-get install nginx-light)" >&2; exit 1; }

bench_setup web
server=""
nginx_started=""
cleanup() {
    [[ -n "$server" ]] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null
    [[ -n "$nginx_started" && -f "$tmp/nginx/nginx.pid" ]] && kill -QUIT "$(cat "$tmp/nginx/nginx.pid")" 2>/dev/null
    sleep 0.2
    rm -rf "$tmp"
}
trap cleanup EXIT

if [[ -n "$db" ]]; then
    cp "$db" "$tmp/w.db"
else
    synth_import "$tmp/big" "$children" 1
    synth_import "$tmp/council" "$council_children" 2 --local-authority S12000033
    rm -rf "$tmp/big" "$tmp/council"
fi
password="benchmark manager password"
echo "$password" | w user add bench-manager --role team_manager --local-authority S12000033 --password-stdin \
    >/dev/null
# The council allocated as a council would be: 6 teams of 10 social workers and 6 reviewing
# officers, each child allocated in turn (the manager's list reads every allocation).
if [[ -z "$db" ]] || ! w team list --local-authority S12000033 | grep -q "Team 6"; then
    for t in 1 2 3 4 5 6; do w team add --local-authority S12000033 "Team $t" >/dev/null; done
    for i in $(seq 1 60); do
        echo "bench worker password" | w user add "sw$i" --role social_worker --local-authority S12000033 \
            --team "Team $(((i - 1) / 10 + 1))" --password-stdin >/dev/null
    done
    for i in 1 2 3 4 5 6; do
        echo "bench worker password" | w user add "ro$i" --role reviewing_officer --local-authority S12000033 \
            --password-stdin >/dev/null
    done
    w status --local-authority S12000033 --format csv | awk -F, 'NR > 1 {
        printf "%s,S12000033,sw%d,ro%d,\n", $2, (n % 60) + 1, (n % 6) + 1; n++ }' |
        { echo "child_id,local_authority,worker,reviewing_officer,legal"; cat; } >"$tmp/allocations.csv"
    w allocate --from "$tmp/allocations.csv" >/dev/null
fi

# A free port on the loopback for nginx.
free_port() {
    local p
    for p in $(seq 18080 18180); do
        if ! (exec 9<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
    echo "web.sh: no free port in 18080-18180" >&2
    exit 1
}

serve_and_sign_in web.sh "$tmp/w.db" "$tmp" bench-manager "$password"
code=$(curl -s -o "$tmp/page.html" -w '%{http_code}' -H "Cookie: waymark_session=$session" "$base/children?scope=council")
[[ "$code" == 200 ]] || { echo "web.sh: GET /children answered $code" >&2; exit 1; }
# One case reference cell a row (a manager's rows begin with the move checkbox since issue 13).
rows=$(grep -o '<th scope="row" data-title="Case reference"' "$tmp/page.html" | wc -l)
bytes=$(wc -c <"$tmp/page.html")

# "Requests/sec:", and the 50% and 99% lines of --latency, in milliseconds.
run_wrk() {
    wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" >"$tmp/wrk.txt"
    local rps p50 p99 non2xx
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$tmp/wrk.txt")
    to_ms='{v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'
    p50=$(awk '$1 == "50%" '"$to_ms" "$tmp/wrk.txt")
    p99=$(awk '$1 == "99%" '"$to_ms" "$tmp/wrk.txt")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$tmp/wrk.txt")
    echo "$rps $p50 $p99 ${non2xx:-0}"
}
read -r w_rps w_p50 w_p99 w_bad < <(run_wrk -H "Cookie: waymark_session=$session" "$base/children?scope=council")
kill -TERM "$server"
wait "$server" || true
server=""

port=$(free_port)
mkdir -p "$tmp/nginx/www"
cp "$tmp/page.html" "$tmp/nginx/www/children"
# Started as root, nginx's workers run as nobody: they need to get through to the page.
chmod 711 "$tmp" "$tmp/nginx"
chmod 755 "$tmp/nginx/www"
chmod 644 "$tmp/nginx/www/children"
cat >"$tmp/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$port;
        root $tmp/nginx/www;
        default_type "text/html; charset=utf-8";
    }
}
CONF
"$NGINX" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log"
nginx_started=yes
sleep 0.3
cmp -s <(curl -s "http://127.0.0.1:$port/children") "$tmp/page.html" \
    || { echo "web.sh: nginx does not serve the saved page" >&2; exit 1; }
read -r n_rps n_p50 n_p99 n_bad < <(run_wrk "http://127.0.0.1:$port/children")

echo "children list, page 1 ($rows rows) of a ${council_children}-child council, manager's council view ($bytes bytes), $connections connections, ${duration} s, wrk -t2:"
printf '  %-34s %10s req/s   p50 %8s ms   p99 %8s ms   non-2xx %s\n' \
    "waymark serve (2 threads)" "$w_rps" "$w_p50" "$w_p99" "$w_bad" \
    "nginx, the same page as a file" "$n_rps" "$n_p50" "$n_p99" "$n_bad"
echo "  waymark/nginx requests a second:  $(awk -v a="$w_rps" -v b="$n_rps" 'BEGIN {printf "%.2f", a / b}')"
echo "  target (2,000 req/s, p99 < 50 ms): $(awk -v r="$w_rps" -v p="$w_p99" \
    'BEGIN {print (r >= 2000 && p < 50) ? "met" : "missed"}')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average \
at the end $(cut -d' ' -f1-3 /proc/loadavg)"
