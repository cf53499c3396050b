# A dotted key of 100,000 parts (it overflowed the stack inside toml++, exit 139).
{ printf "a%.0s." $(seq 100000); echo "z = 1"; } > deep.toml
