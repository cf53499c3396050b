# A config file with a dotted key of 100,000 parts on line 3.
{ echo "db = \"w.db\""; echo; printf "a%.0s." $(seq 100000); echo "z = \"x\""; } > deep.toml
