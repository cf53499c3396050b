#include "cli/commands.hpp"

namespace waymark::cli {

app::StandardSet Context::standards() const {
    return standards_path ? app::load_standards_file(*standards_path) : app::default_standards();
}

app::MeasureSet Context::measures(const app::StandardSet& standards) const {
    return measures_path ? app::load_measures_file(*measures_path, standards) : app::default_measures(standards);
}

}  // namespace waymark::cli
