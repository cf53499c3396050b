# C0 control characters in free text and in an event_id (issue 11): a NUL in an event_id
# would store a second event beside the clean one; each is refused, and the report shows the
# bytes as \xNN so that nothing cuts it short. A line break (CR LF) inside a quoted note is
# text and stays allowed.
set -eu
printf 'B4,S12000033,Ross\033[2J,Ai\001la,2019-05-05,,female\n' >> children.csv
printf 'B3,S12000033,2026-09-10,life_event,occurred,impact=positive,family,"Contact went well\r\nmore planned",\n' >> events.csv
printf 'B3,S12000033,2026-09-11,life_event,occurred,impact=positive,family,,BE9\000\n' >> events.csv
printf 'B3,S12000033,2026-09-12,life_event,occurred,impact=positive,family,Bell\007 and NUL\000 here,\n' >> events.csv
printf 'B3,S12000033,2026-09-13,life_event,occurred,impact=posi\000tive,family,,\n' >> events.csv
printf 'B3,S12000033,2026-09-1\000,life_event,occurred,impact=positive,family,,\n' >> events.csv
