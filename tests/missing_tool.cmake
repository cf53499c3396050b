# The test of a program that CMake did not find when it configured the build
# (tests/CMakeLists.txt, waymark_test_needing): fails, naming the program and how to get it.
#   cmake -DTEST=NAME -DMISSING="what is missing" -P missing_tool.cmake
message(FATAL_ERROR "${TEST} needs ${MISSING}, which CMake did not find when it configured the build. "
                    "Install it with scripts/install-deps (or apt-get install the package), or give "
                    "its path with -DVAR=PATH, then configure again: cmake -S . -B build")
