# The fake return as the validator ships it, less its deliberately invalid file.
mkdir f
for n in header episodes reviews uasc oc2 oc3 ad1 placed_for_adoption previous_permanence missing sw_episodes DoLo; do
    cp "$WAYMARK_SOURCE/tests/fixtures/ssda903-fake/$n.csv" f/
done
