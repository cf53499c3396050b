# Limits on what one row may hold (issue 11: a row of tens of millions of empty fields took
# the server to 1.2 GB): a field of more than 65,536 bytes, a row of more than 1,000 fields.
# Each is reported where it starts to go wrong, and the rest of that file is not read.
set -eu
printf 'B4,S12000033,%s,Siobhan,2019-05-05,,female\n' "$(head -c 65537 /dev/zero | tr '\0' x)" >> children.csv
printf 'B3,S12000033,2026-09-10,life_event%s\n' "$(head -c 997 /dev/zero | tr '\0' ,)" >> events.csv
printf 'B3,S12000033,2026-09-11,life_event,occurred,impact=positive,family,,BE8\n' >> events.csv
