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

// The destinations of ceased_looked_after that leave the child permanent (DATA.md, "Journey
// stage"): home, a kinship care order, a permanence order, adoption, and England's special
// guardianship and child arrangements orders.
bool is_permanent_destination(std::string_view destination) noexcept;
// An order that gives authority to adopt (Scotland's POA, England's placement order): the child
// is still looked after, waiting for adoption.
bool authorises_adoption(std::string_view order) noexcept;
// An order granted that makes the child permanent on its own: a permanence order, a kinship
// care order or adoption.
bool is_permanence_order(std::string_view order) noexcept;

}  // namespace waymark::core
