# Inline tables 100,000 deep (toml++ stops at 256; Waymark refuses them first, at 32).
{ echo "reference = \"D-1\""; printf "aim = "; printf "{a=%.0s" $(seq 100000); echo; } > deep.toml
