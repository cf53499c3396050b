# The council of tests/fixtures/allocations (its setup.sh says who holds which child).
bash "$WAYMARK_SOURCE/tests/fixtures/allocations/setup.sh"
