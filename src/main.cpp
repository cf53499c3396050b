// waymark: the program. The composition root: the only place that names the concrete store.
// The command line (cli/) and the web application (web/) reach it through app's ports.
#include "cli/run.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <memory>

int main(int argc, char** argv) {
    return waymark::cli::run(argc, argv, [](const std::string& path, const waymark::core::Vocabulary& vocabulary) {
        return std::make_unique<waymark::store::SqliteStore>(path, vocabulary);
    });
}
