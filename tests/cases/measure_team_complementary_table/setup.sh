# The council of tests/fixtures/teams_complementary (its setup.sh says who is in which team).
bash "$WAYMARK_SOURCE/tests/fixtures/teams_complementary/setup.sh"
