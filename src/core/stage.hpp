#pragma once
// A child's journey stage as of a date (DATA.md, "Journey stage").
#include "core/journey.hpp"

#include <optional>
#include <string_view>

namespace waymark::core {

enum class Stage : std::uint8_t {
    pre_birth,
    awaiting_adoption,  // on a POA (or placement order), still looked after: not yet permanent
    permanent,
    not_looked_after,
    away_assessment,
    returning_home,
    legal,
    panel,
    permanence_planning,
    at_home
};
std::string_view to_string(Stage s) noexcept;

struct StageResult {
    Stage stage = Stage::not_looked_after;
    std::optional<Date> since;               // the event that put the child in the stage
    std::optional<Date> looked_after_since;  // start of the current looked after period
    std::string_view placement;              // of the current away episode, if any
};

StageResult compute_stage(const Journey& journey);

}  // namespace waymark::core
