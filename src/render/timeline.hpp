#pragma once
// The one-page visual timeline of a child's journey (DOMAIN.md section 7): the journey against
// the child's age, the legal status as a band, milestones with numbered labels, the waits
// between decisions, the timescales missed or overdue, and the numbered chronology below.
// Pure layout: the result is a Scene for render/svg.hpp or render/cairo/.
#include "core/journey.hpp"
#include "core/stage.hpp"
#include "core/standards.hpp"
#include "core/vocabulary.hpp"
#include "render/scene.hpp"
#include "render/style.hpp"

#include <optional>
#include <span>
#include <string>

namespace waymark::render {

enum class Paper { a4, a3 };

struct TimelineOptions {
    Paper paper = Paper::a4;
    std::optional<core::Date> from;  // default: birth, or the pre-birth concern
    std::optional<core::Date> to;    // default: the as-of date, or the last planned event
    bool names = true;               // false: the case reference instead of names (panels, training)
    core::Days gap_threshold = core::weeks(12);
    // Compress the years before the first involvement when they are long (docs/timeline.md).
    bool axis_break = true;
    std::string source_system = "Waymark";
    core::Date generated;  // printed in the footer and the PDF metadata; never read from a clock
};

struct TimelineInput {
    const core::Journey& journey;  // as of the timeline's date, planned events included
    const core::Vocabulary& vocabulary;
    std::span<const core::Clock> clocks;  // evaluated on `journey`
    core::StageResult stage;
};

Scene timeline_scene(const TimelineInput& input, const TimelineOptions& options, const TextMeasurer& measurer);

// The timeline of a child's stored events (in event order) as of a date: the journey, every
// clock of `standards` and the stage are worked out here, then laid out as above.
Scene timeline_scene(const core::ChildRecord& child, std::span<const core::Event> events, core::Date as_of,
                     const core::Vocabulary& vocabulary, const std::vector<core::Standard>& standards,
                     const TimelineOptions& options, const TextMeasurer& measurer);

// The short marker label of an event: "Hearing: CSO made", "Panel: adoption", "Moved: foster".
std::string short_label(const core::Event& event, const core::Vocabulary& vocabulary);

}  // namespace waymark::render
