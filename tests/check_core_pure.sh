#!/usr/bin/env bash
# core/ is pure (DESIGN.md): no file or network I/O, no clock, no database. Checks the symbols
# the core library needs from outside and the headers its sources include.
set -u
lib=$1
src=$2
fail=0
bad_symbols=$(nm -C --undefined-only "$lib" | grep -E '\b(fopen|fread|fwrite|open|read|write|socket|connect|time|clock_gettime|gettimeofday|sqlite3_[a-z_]+|cairo_[a-z_]+|std::chrono::_V2::system_clock::now|std::chrono::_V2::steady_clock::now|std::basic_ifstream|std::basic_ofstream|std::filesystem)\b' | sort -u)
if [ -n "$bad_symbols" ]; then
  echo "core/ reaches outside itself through these symbols:"
  echo "$bad_symbols"
  fail=1
fi
bad_includes=$(grep -rnE '#include *[<"](sqlite3|libpq|pqxx|boost/|cairo|pango|fstream|iostream|filesystem|cstdio|ctime|toml|CLI/|fmt/|spdlog)' "$src")
if [ -n "$bad_includes" ]; then
  echo "core/ includes headers outside the standard library's pure part:"
  echo "$bad_includes"
  fail=1
fi
clock=$(grep -rnE 'system_clock|steady_clock|std::time\(|time\(nullptr\)' "$src")
if [ -n "$clock" ]; then
  echo "core/ reads the clock:"
  echo "$clock"
  fail=1
fi
[ $fail -eq 0 ] && echo "core/ is pure"
exit $fail
