# Files as a Windows export writes them: a UTF-8 byte order mark and CRLF line ends
# (written here so that no tool can normalise them in the repository).
set -eu
printf '\357\273\277child_id,local_authority,family_name,given_name,date_of_birth\r\n' > children.csv
printf 'CR1,S12000033,N\303\255 Dhomhnaill,M\303\240iri,2017-02-02\r\n' >> children.csv
printf '\357\273\277child_id,date,event,details,note\r\n' > events.csv
printf 'CR1,2026-11-02,accommodated,placement=foster,"Placed, at night"\r\n' >> events.csv
printf 'CR1,2026-11-04,post_admission_meeting,,\r\n' >> events.csv
