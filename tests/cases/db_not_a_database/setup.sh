# A file that is not an SQLite database where the database should be.
set -eu
printf 'child_id,local_authority\nC1,S12000033\n' > "$DB"
