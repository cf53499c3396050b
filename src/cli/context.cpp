#include "cli/commands.hpp"
#include "cli/environment.hpp"

namespace waymark::cli {

app::StandardSet Context::standards() const {
    return standards_path ? app::load_standards_file(*standards_path) : app::default_standards();
}

app::MeasureSet Context::measures(const app::StandardSet& standards) const {
    return measures_path ? app::load_measures_file(*measures_path, standards) : app::default_measures(standards);
}

core::Date as_of_or_today(const Context& ctx, const std::string& text) {
    return text.empty() ? ctx.today : parse_date_option(text, "--as-of");
}

}  // namespace waymark::cli
