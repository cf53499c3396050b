# A valid standards file of one comment over 1 MiB.
{ printf "#"; head -c 1048576 /dev/zero | tr "\\0" "x"; echo; } > big.toml
