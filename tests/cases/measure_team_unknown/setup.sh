# One council's teams (DATA.md has none): North (ann, 10 children), South (ben, 3 children) and
# East (no one); cat, a team manager in no team, holds Z1; U1 and U2 are not allocated. K1 is
# another council's child.
set -e
w() { "$WAYMARK" --db "$DB" --today "$TODAY" "$@"; }
w import --children children.csv --events events.csv >/dev/null
for t in North South East; do w team add --local-authority S12000049 "$t" >/dev/null; done
add() { echo "synthetic password 1" | w user add "$@" --password-stdin >/dev/null; }
add ann --role social_worker --local-authority S12000049 --team North
add ben --role social_worker --local-authority S12000049 --team South
add cat --role team_manager --local-authority S12000049
w allocate --from allocations.csv >/dev/null
