#!/usr/bin/env bash
# Narrow ports (issue 14): every port interface in src/app (a class with pure virtual methods)
# declares at most MAX (10) of them, so that no use case takes more than it uses. Counts the
# declarations ending in `= 0;` (after `)` or `const`) between each class's braces.
# Usage: check_port_size.sh APP_DIR [MAX]
set -u
dir=$1
max=${2:-10}
out=$(awk -v max="$max" '
  FNR == 1 { name = ""; pending = ""; depth = 0 }
  { sub(/\/\/.*/, "") }
  name == "" && /^[ \t]*class[ \t]+[A-Za-z_][A-Za-z0-9_]*[^;]*$/ {
    line = $0; sub(/^[ \t]*class[ \t]+/, "", line); sub(/[^A-Za-z0-9_].*/, "", line)
    pending = line; pending_line = FNR
  }
  {
    for (i = 1; i <= length($0); i++) {
      c = substr($0, i, 1)
      if (c == "{") {
        if (name == "" && pending != "") { name = pending; where = FILENAME ":" pending_line; count = 0; pending = ""; top = depth }
        depth++
      } else if (c == "}") {
        depth--
        if (name != "" && depth == top) {
          if (count > max) printf "%s: %s declares %d pure virtual methods (at most %d)\n", where, name, count, max
          else if (count > 0) printf "ok %s %d\n", name, count
          name = ""
        }
      }
    }
    if (name != "") count += gsub(/(\)|const)[ \t]*=[ \t]*0[ \t]*;/, "&")
    if ($0 ~ /;[ \t]*$/) pending = ""
  }
' "$dir"/*.hpp)
echo "$out" | grep '^ok ' | sed 's/^ok /port /'
bad=$(echo "$out" | grep -v '^ok ' | grep -v '^$')
if [ -n "$bad" ]; then
  echo "$bad"
  exit 1
fi
echo "every port in $dir has at most $max pure virtual methods"
