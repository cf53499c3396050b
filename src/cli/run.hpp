#pragma once
// The command line as a function: the program's main (src/main.cpp, the composition root) calls
// it with the way to open the store, which only main names.
#include "app/database.hpp"
#include "core/vocabulary.hpp"

#include <functional>
#include <memory>
#include <string>

namespace waymark::cli {

// Opens (creating and migrating if need be) the database at a path, with the standards'
// vocabulary; throws core::Error(storage) when it cannot, keeping the store's own message.
using OpenDatabase = std::function<std::unique_ptr<app::Database>(const std::string& path, const core::Vocabulary&)>;

// Parses the arguments, works out the configuration and runs one command; returns the exit code.
int run(int argc, char** argv, const OpenDatabase& open);

}  // namespace waymark::cli
