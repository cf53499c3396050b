#include "cli/commands.hpp"

namespace waymark::cli {

app::StandardSet Context::standards() const {
    return standards_path ? app::load_standards_file(*standards_path) : app::default_standards();
}

}  // namespace waymark::cli
