# Bytes that are not UTF-8, as a Latin-1 or Windows-1252 export writes them: 0xD3 is "Ó"
# in Latin-1, 0x96 an en dash in Windows-1252.
set -eu
printf 'B4,S12000033,\323 Briain,Siobh\341n,2019-05-05,,female\n' >> children.csv
printf 'B3,S12000033,2026-09-10,life_event,occurred,impact=positive,family,Contact went well \226 more planned,\n' >> events.csv
