# Writes OUT, a C++ file defining `extern const char* const NAME` with the text of IN, so that
# the program carries its defaults (standards, migrations) without reading files at run time.
# Usage: cmake -DIN=... -DOUT=... -DNAME=... -DNAMESPACE=... -P embed.cmake
file(READ "${IN}" text)
set(delim "WAYMARK_EMBED")
file(WRITE "${OUT}.tmp" "// Generated from ${IN}; do not edit.\nnamespace ${NAMESPACE} {\nextern const char* const ${NAME};\nconst char* const ${NAME} = R\"${delim}(${text})${delim}\";\n}\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
