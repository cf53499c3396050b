#!/usr/bin/env bash
# tests/web_serve.sh WAYMARK_BINARY
#
# The web application end to end over a real socket:
#  1. a synthetic council (20 children) imported, and a social worker added and allocated one;
#  2. `waymark serve --listen 127.0.0.1:0` started in the background (port 0: the kernel picks
#     a free one, which the server prints);
#  3. with curl: the sign-in page (its CSRF token), sign-in, the children list, a child's page
#     (with its timeline), a measure's page (with its chart) and its PNG, an asset, 431 and 413
#     for headers and a body over the limits, and the JSON API with and without a token, an
#     upload to /import over 1 MiB (and 413 over 64 MiB); the access log must not name a child;
#  4. with a kept-alive connection left idle, SIGTERM: the server must exit 0 within 3 seconds.
set -uo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 WAYMARK_BINARY" >&2
    exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export TZ=UTC LC_ALL=C.UTF-8
unset WAYMARK_DB WAYMARK_CONFIG
work=$(mktemp -d)
pid=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    echo "--- server log" >&2
    cat "$work/serve.log" >&2
    exit 1
}
cd "$work" || exit 1

"$bin" synth --children 20 --seed 3 --as-of 2026-11-26 --out . >/dev/null || fail "synth"
"$bin" --db w.db --today 2026-11-26 import --children children.csv --events events.csv --no-progress >/dev/null \
    || fail "import"
echo "a long enough password" | "$bin" --db w.db user add sam --role social_worker --local-authority S12000049 \
    --password-stdin >/dev/null || fail "user add"
token=$("$bin" --db w.db token create --user sam | tail -n 1)
echo "another long password" | "$bin" --db w.db user add tam --role team_manager --local-authority S12000049 \
    --password-stdin >/dev/null || fail "user add tam"
child=$(sed -n 2p children.csv | cut -d, -f1)
# Social workers see the children allocated to them (docs/web.md, "Who sees which child").
"$bin" --db w.db allocate "$child" --local-authority S12000049 --worker sam >/dev/null || fail "allocate"

"$bin" --db w.db --today 2026-11-26 serve --listen 127.0.0.1:0 2>serve.log &
pid=$!
base=""
for _ in $(seq 1 100); do
    base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' serve.log 2>/dev/null | head -n 1)
    [ -n "$base" ] && break
    kill -0 "$pid" 2>/dev/null || fail "the server exited at start"
    sleep 0.1
done
[ -n "$base" ] || fail "the server did not say where it listens"
echo "server at $base"

jar=$work/cookies
status() { curl -s -o "$work/body" -w '%{http_code}' -b "$jar" -c "$jar" "$@"; }

[ "$(status "$base/sign-in")" = 200 ] || fail "sign-in page"
csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' body | cut -d'"' -f4)
[ -n "$csrf" ] || fail "no CSRF token on the sign-in form"
[ "$(status --data-urlencode "csrf=$csrf" --data-urlencode name=sam \
    --data-urlencode "password=a long enough password" "$base/sign-in")" = 303 ] || fail "sign-in"
grep -q waymark_session "$jar" || fail "no session cookie"
[ "$(status "$base/children")" = 200 ] || fail "children list"
grep -q "href=\"/children/S12000049/$child\"" body || fail "the children list does not link to $child"
[ "$(status "$base/children/S12000049/$child")" = 200 ] || fail "child page"
grep -q '<svg' body || fail "no timeline on the child page"
[ "$(status "$base/measures/in-drift?period=quarter")" = 200 ] || fail "measure page"
grep -q '<svg' body || fail "no chart on the measure page"
if grep -q "$child" body; then fail "the measure page names a child"; fi
[ "$(status "$base/measures/in-drift.png")" = 200 ] || fail "measure PNG"
[ "$(head -c 4 body | od -An -tx1 | tr -d ' ')" = 89504e47 ] || fail "the measure PNG is not a PNG"
[ "$(status "$base/assets/ds-$(sed -n 's/.*"@scottish-government\/design-system": "\(.*\)".*/\1/p' \
    "$(dirname "$bin")/../package.json" 2>/dev/null || echo x)/css/design-system.min.css")" = 200 ] \
    || echo "note: assets not checked (node_modules missing?)"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $(head -c 10000 /dev/zero | tr '\0' 'a')" \
    "$base/sign-in")" = 431 ] || fail "no 431 for 10 kB of headers"
head -c 2000000 /dev/zero | tr '\0' 'a' >big
[ "$(curl -s -o /dev/null -w '%{http_code}' --data-binary @big "$base/sign-in")" = 413 ] || fail "no 413 for 2 MB"
[ "$(curl -s -o body -w '%{http_code}' "$base/api/v1/children")" = 401 ] || fail "API without a token"
[ "$(curl -s -o body -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/v1/children")" = 200 ] \
    || fail "API with a token"
grep -q "\"child_id\":\"$child\"" body || fail "the API does not list $child"

# Import by upload, as a team manager: bodies over 1 MiB are taken on /import only (up to
# 64 MiB); the re-import of the same files stores nothing new.
tjar=$work/tam-cookies
tstatus() { curl -s -o "$work/body" -w '%{http_code}' -b "$tjar" -c "$tjar" "$@"; }
[ "$(tstatus "$base/sign-in")" = 200 ] || fail "sign-in page (tam)"
csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' body | cut -d'"' -f4)
[ "$(tstatus --data-urlencode "csrf=$csrf" --data-urlencode name=tam \
    --data-urlencode "password=another long password" "$base/sign-in")" = 303 ] || fail "sign-in (tam)"
[ "$(tstatus "$base/import")" = 200 ] || fail "import page"
csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' body | head -n 1 | cut -d'"' -f4)
[ "$(tstatus -F "csrf=$csrf" -F "children=@children.csv" -F "events=@events.csv" "$base/import")" = 200 ] \
    || fail "upload"
grep -q "already stored" body || fail "the upload's counts are missing"
[ "$(tstatus -F "csrf=$csrf" -F "children=@big;filename=children.csv" "$base/import")" = 400 ] \
    || fail "a 2 MB upload is not checked"
grep -q "children.csv:1" body || fail "the 2 MB upload's problems are missing"
head -c 70000000 /dev/zero | tr '\0' 'a' >huge
[ "$(curl -s -o /dev/null -w '%{http_code}' -b "$tjar" -F "children=@huge" "$base/import")" = 413 ] \
    || fail "no 413 for a 70 MB upload"
rm -f huge

grep -q "GET /children/{council}/{child_id} 200" serve.log || fail "the access log lacks the child page"
if grep -q "$child" serve.log; then fail "the access log names a child"; fi

# An idle kept-alive connection must not hold up the shutdown (its idle time-out is 60 s, the
# drain's 10 s): the server closes it at once.
hostport=${base#http://}
exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}" || fail "cannot connect"
printf 'GET /sign-in HTTP/1.1\r\nHost: x\r\n\r\n' >&3
sleep 0.2
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
[ "$took" -lt 3000 ] || fail "shutdown took $took ms with an idle connection open"
exec 3<&-
echo "sign-in, children, child page, API, upload and graceful shutdown ($took ms): ok"
