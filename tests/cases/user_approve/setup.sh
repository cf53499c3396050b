# An administrator and a social worker of S12000049; the social worker waits for approval of
# their addition by the administrator (as /admin/users leaves them).
set -e
w() { "$WAYMARK" --db "$DB" --today "$TODAY" "$@"; }
add() { echo "synthetic password 1" | w user add "$@" --password-stdin >/dev/null; }
add boss --role administrator --local-authority S12000049
add ann --role social_worker --local-authority S12000049
sqlite3 "$DB" "UPDATE users SET pending_by=(SELECT id FROM users WHERE name='boss'), pending_change='add' WHERE name='ann'"
