# Create the database with this program, then mark it as written by a future version.
set -eu
"$WAYMARK" --db "$DB" --today "$TODAY" status --as-of 2026-11-26 >/dev/null
sqlite3 "$DB" 'PRAGMA user_version=99'
