# The same seed and --as-of give byte-identical files.
set -eu
"$WAYMARK" --today "$TODAY" synth --children 5 --seed 3 --as-of 2026-11-26 --out first >/dev/null
"$WAYMARK" --today "$TODAY" synth --children 5 --seed 3 --as-of 2026-11-26 --out second >/dev/null
cmp first/children.csv second/children.csv
cmp first/events.csv second/events.csv
