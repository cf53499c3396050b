#!/usr/bin/env bash
# The composition root (DESIGN.md, src/README.md): only the program's main (src/main.cpp) names
# the concrete store. No file under src/cli or src/web includes a store/ header, and neither the
# web library nor the command line's library links the store, directly or through a library
# they link. Usage: check_layers.sh SRC_DIR LINKS_DIR, where LINKS_DIR holds TARGET.links files
# (written by CMakeLists.txt at generate time: each target's link libraries, one a line).
set -u
src=$1
links=$2
fail=0
includes=$(grep -rnE '#include *[<"]store/' "$src/cli" "$src/web")
if [ -n "$includes" ]; then
  echo "cli/ and web/ include store/ headers (only src/main.cpp may):"
  echo "$includes"
  fail=1
fi
for target in waymark_web waymark_cli; do
  file="$links/$target.links"
  if [ ! -f "$file" ]; then
    echo "$target: no list of its link libraries ($file): is it a library target?"
    fail=1
    continue
  fi
  store=$(grep -nE 'waymark_store|store_sqlite|SQLite' "$file")
  if [ -n "$store" ]; then
    echo "$target links the store (only the waymark executable may):"
    echo "$store"
    fail=1
  fi
done
[ $fail -eq 0 ] && echo "cli/ and web/ reach the store only through app's ports"
exit $fail
