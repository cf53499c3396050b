#pragma once
// `waymark import --ssda903 YEAR:FOLDER ... --local-authority CODE` (docs/interop.md).
#include "cli/commands.hpp"

#include <string>
#include <vector>

namespace waymark::cli {

struct ImportSsda903Args {
    std::vector<std::string> returns;  // YEAR:FOLDER, as given
    std::string local_authority;
    bool include_short_breaks = false;
    bool progress = false;  // force progress output even when not on a terminal
    bool no_progress = false;
};
int cmd_import_ssda903(const Context& ctx, const ImportSsda903Args& args);

}  // namespace waymark::cli
