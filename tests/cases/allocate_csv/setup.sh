# Two councils' children; a team of S12000049 with a worker and a manager, a reviewing
# officer and a legal user; a social worker of S12000033.
set -e
w() { "$WAYMARK" --db "$DB" --today "$TODAY" "$@"; }
w import --children children.csv --events events.csv >/dev/null
w team add --local-authority S12000049 Permanence >/dev/null
add() { echo "synthetic password 1" | w user add "$@" --password-stdin >/dev/null; }
add ann --role social_worker --local-authority S12000049 --team Permanence
add bea --role team_manager --local-authority S12000049 --team Permanence
add cal --role reviewing_officer --local-authority S12000049
add dee --role legal --local-authority S12000049
add eve --role social_worker --local-authority S12000033
