# The council of tests/fixtures/teams (its setup.sh says who is in which team).
bash "$WAYMARK_SOURCE/tests/fixtures/teams/setup.sh"
