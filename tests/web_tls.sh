#!/usr/bin/env bash
# tests/web_tls.sh WAYMARK_BINARY
#
# `waymark serve --tls-cert --tls-key` over a real socket, with a self-signed certificate made
# here (openssl req):
#  1. a certificate with another certificate's key, a missing file and a key given as the
#     certificate are refused at start, with the file named;
#  2. with curl trusting that certificate: the sign-in page over HTTPS with
#     Strict-Transport-Security, sign-in with a Secure session cookie, the children list;
#     TLS 1.2 and 1.3 both work, TLS 1.1 and ciphers without forward secrecy are refused;
#  3. plain HTTP to the same port gets no answer;
#  4. SIGTERM: exit 0.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/web_lib.sh"
web_setup "$@"
web_council 5

# P-256 keys: quick to make. The certificate names 127.0.0.1, so curl can check it.
selfsigned() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=$3" \
        -addext "subjectAltName=IP:127.0.0.1" -keyout "$2" -out "$1" 2>/dev/null || fail "openssl req"
}
selfsigned cert.pem key.pem waymark-test
selfsigned other-cert.pem other-key.pem someone-else

# 1. Refused at start, naming the file.
refused() {
    local expect=$1
    shift
    "$bin" --db w.db serve --listen 127.0.0.1:0 "$@" 2>err.txt >/dev/null
    local rc=$?
    [ "$rc" = 2 ] || fail "serve $* exited $rc, not 2 (usage)"
    grep -qF -- "$expect" err.txt || fail "serve $*: the error does not say '$expect': $(cat err.txt)"
}
refused "--tls-key other-key.pem is not the private key of the certificate in --tls-cert cert.pem" \
    --tls-cert cert.pem --tls-key other-key.pem
refused "--tls-cert missing.pem: cannot read it" --tls-cert missing.pem --tls-key key.pem
refused "--tls-cert key.pem: not a PEM certificate" --tls-cert key.pem --tls-key key.pem
refused "--tls-key cert.pem: not an unencrypted PEM private key" --tls-cert cert.pem --tls-key cert.pem
refused "--tls-cert and --tls-key go together" --tls-cert cert.pem

# 2. HTTPS.
start_server https --tls-cert cert.pem --tls-key key.pem

jar=$work/cookies
status() { curl -s --cacert cert.pem -D headers -o body -w '%{http_code}' -b "$jar" -c "$jar" "$@"; }
[ "$(status "$base/sign-in")" = 200 ] || fail "sign-in page over HTTPS"
grep -qi '^strict-transport-security: max-age=31536000; includeSubDomains' headers || fail "no Strict-Transport-Security header with includeSubDomains"
csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' body | cut -d'"' -f4)
[ -n "$csrf" ] || fail "no CSRF token on the sign-in form"
[ "$(status --data-urlencode "csrf=$csrf" --data-urlencode name=sam \
    --data-urlencode "password=a long enough password" "$base/sign-in")" = 303 ] || fail "sign-in"
grep -i '^set-cookie: __Host-waymark_session=' headers | grep -qi '; *secure' || fail "the session cookie is not Secure and __Host-"
grep -i '^set-cookie: __Host-waymark_session=' headers | grep -qi 'domain=' && fail "a __Host- cookie has no Domain"
[ "$(status "$base/children")" = 200 ] || fail "children list over HTTPS"
grep -q 'href="/children/S12000049/' body || fail "the children list lists no child"
[ "$(curl -s --cacert cert.pem --tls-max 1.2 -o /dev/null -w '%{http_code}' "$base/sign-in")" = 200 ] \
    || fail "TLS 1.2"
[ "$(curl -s --cacert cert.pem --tlsv1.3 -o /dev/null -w '%{http_code}' "$base/sign-in")" = 200 ] || fail "TLS 1.3"
# TLS 1.1, and TLS 1.2 without forward secrecy, are refused by the server: the client here
# offers them at OpenSSL's security level 0, so that any refusal is the server's.
hostport=${base#https://}
echo | openssl s_client -connect "$hostport" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' >s_client.txt 2>&1
grep -q 'alert protocol version' s_client.txt || fail "TLS 1.1 was not refused: $(head -c 600 s_client.txt)"
echo | openssl s_client -connect "$hostport" -tls1_2 -cipher 'AES128-SHA:@SECLEVEL=0' >s_client.txt 2>&1
grep -q 'alert handshake failure' s_client.txt || fail "TLS 1.2 with AES128-SHA was not refused"
# A certificate the client does not trust is refused by the client (the server sends its own).
if curl -s -o /dev/null "$base/sign-in"; then fail "curl trusted a self-signed certificate without --cacert"; fi

# 3. Plain HTTP on the HTTPS port: no HTTP answer.
plain=${base/https:/http:}
code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$plain/sign-in")
[ "$code" = 000 ] || fail "plain HTTP got an answer ($code)"
kill -0 "$pid" 2>/dev/null || fail "the server died after a plain HTTP request"
[ "$(status "$base/children")" = 200 ] || fail "HTTPS after a plain HTTP request"

# 4. Graceful exit.
stop_server
echo "TLS: refused bad certificates and keys, HTTPS with HSTS and a Secure cookie, TLS 1.2 and 1.3, no plain HTTP: ok"
