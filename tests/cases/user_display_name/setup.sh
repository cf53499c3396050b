# A social worker of S12000049 with no display name yet.
set -e
echo "synthetic password 1" | "$WAYMARK" --db "$DB" --today "$TODAY" user add ann --role social_worker \
    --local-authority S12000049 --password-stdin >/dev/null
