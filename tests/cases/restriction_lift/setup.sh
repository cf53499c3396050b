# Three children of S12000049: C1 restricted by a permanence order with authority to adopt, C2
# by a panel's adoption recommendation, C3 not restricted; an administrator (ada) and a social
# worker (sam) of the council, and an administrator of another council (oth).
set -e
w() { "$WAYMARK" --db "$DB" --today "$TODAY" "$@"; }
w import --children children.csv --events events.csv >/dev/null
add() { echo "synthetic password 1" | w user add "$@" --password-stdin >/dev/null; }
add ada --role administrator --local-authority S12000049
add sam --role social_worker --local-authority S12000049
add oth --role administrator --local-authority S12000033
