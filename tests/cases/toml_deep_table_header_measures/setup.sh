# A table header of 100,000 parts on line 2 (it overflowed the stack inside toml++, exit 139).
{ echo "# measures"; printf "["; printf "a%.0s." $(seq 100000); echo "z]"; } > deep.toml
