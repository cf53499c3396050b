# The setup of allocate_csv: two councils, a team, a user of each role that is allocated.
. "$WAYMARK_SOURCE/tests/cases/allocate_csv/setup.sh"
