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
#     upload to /import over 1 MiB (and 413 over 64 MiB; an upload from someone who may not
#     import answered without its body being read); two requests on one kept-alive
#     connection; the access log must not name a child, and gives each line's time, client and
#     user's id number, the server's own 431 and 413 included;
#  4. with a kept-alive connection left idle, SIGTERM: the server must exit 0 within 3 seconds.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/web_lib.sh"
web_setup "$@"
web_council 20
token=$("$bin" --db w.db token create --user sam | tail -n 1)
echo "another long password" | "$bin" --db w.db user add tam --role team_manager --local-authority S12000049 \
    --password-stdin >/dev/null || fail "user add tam"

start_server http

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
# Not signed in, or signed in with a role that may not import: the body is not read (the
# server answers from the headers, and closes the connection).
head -c 10000000 /dev/zero | tr '\0' 'a' >huge
[ "$(curl -s -o /dev/null -w '%{http_code}' -F "children=@huge" "$base/import")" = 303 ] \
    || fail "an anonymous 10 MB upload is not sent to sign in"
[ "$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -F "children=@huge" "$base/import")" = 403 ] \
    || fail "a social worker's 10 MB upload is not refused"
rm -f huge
# Keep-alive: curl asks for two pages on one connection, and the server keeps it open between.
curl -sv -o /dev/null -o /dev/null -b "$jar" "$base/children" "$base/children" 2>keepalive.txt \
    || fail "two requests on one connection"
grep -q 'Re-using existing connection' keepalive.txt || fail "the connection was not kept alive"
[ "$(grep -c '^< HTTP/1.1 200' keepalive.txt)" = 2 ] || fail "not two answers on the kept-alive connection"

grep -q "GET /children/{council}/{child_id} 200" serve.log || fail "the access log lacks the child page"
if grep -q "$child" serve.log; then fail "the access log names a child"; fi
# When (UTC), from where and who (by number, never by name), and the server's own refusals.
grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z 127\.0\.0\.1 user=[0-9]+ GET /children/\{council\}/\{child_id\} 200 [0-9.]+ms$' serve.log \
    || fail "the access log line of the child page lacks its time, client or user"
if grep -q "user=[^-0-9]" serve.log; then fail "the access log names a user"; fi
grep -Eq 'Z 127\.0\.0\.1 user=- [A-Z-]+ \(refused by the server\) 431 -$' serve.log || fail "the 431 is not logged"
grep -Eq 'Z 127\.0\.0\.1 user=- POST \(refused by the server\) 413 -$' serve.log || fail "the 413 is not logged"

# An idle kept-alive connection must not hold up the shutdown (its idle time-out is 60 s, the
# drain's 10 s): the server closes it at once.
hostport=${base#http://}
exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}" || fail "cannot connect"
printf 'GET /sign-in HTTP/1.1\r\nHost: x\r\n\r\n' >&3
sleep 0.2
stop_server
[ "$took" -lt 3000 ] || fail "shutdown took $took ms with an idle connection open"
exec 3<&-

# The audit log's head (id and hash only) is logged at start and at shutdown; the last line is
# the head `waymark audit head` prints now.
[ "$(grep -c '^waymark serve: audit head ' serve.log)" -ge 2 ] || fail "the audit head was not logged at start and stop"
logged=$(grep '^waymark serve: audit head ' serve.log | tail -n 1 | cut -d' ' -f5,6)
noted=$("$bin" --db w.db audit head | cut -d' ' -f3,4)
[ "$logged" = "$noted" ] || fail "the audit head logged at shutdown ($logged) is not the log's ($noted)"

# SIGTERM while connections come and go: a connection that closed just before the shutdown must
# not be cancelled as if open (it once aborted the server: "cancel: Bad file descriptor"). The
# race is narrow, so several rounds of 32 clients at once.
for round in 1 2 3 4 5 6; do
    start_server http
    (seq 1 300 | xargs -P 32 -I{} curl -s -o /dev/null -b "$jar" "$base/children" 2>/dev/null &)
    sleep 0.8
    stop_server
    if grep -q "terminate called" serve.log; then fail "the server aborted at shutdown under load (round $round)"; fi
done
echo "sign-in, children, child page, API, upload and graceful shutdown ($took ms): ok"
