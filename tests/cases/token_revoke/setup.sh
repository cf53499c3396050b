set -e
w() { "$WAYMARK" --db "$DB" --today "$TODAY" "$@"; }
echo "synthetic password 1" | w user add ann --role legal --local-authority S12000049 --password-stdin >/dev/null
w token create --user ann >/dev/null
