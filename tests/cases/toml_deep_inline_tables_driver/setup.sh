# Inline tables 100,000 deep, then arrays: the first is refused at part 33.
{ echo "reference = \"D-1\""; printf "aim = "; printf "{a=%.0s" $(seq 100000); echo; } > deep.toml
