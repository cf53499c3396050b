#pragma once
// `waymark synth`: realistic synthetic children and events in the import format (DATA.md), for
// demonstrations, tests and benchmarks. Only synthetic data belongs in the repository
// (DOMAIN.md section 9); this is where it comes from.
//
// Each child's journey is a small state machine (referral, hearings, at home or away from home,
// reviews, permanence recommendation, panel, agency decision, court, order) whose rates and
// timescales follow DOMAIN.md sections 4 and 8 (docs/synthetic-data.md), with drift and delay in a
// tail so that every standard is met, met late, missed and overdue somewhere. The output depends
// only on the options: the random numbers come from our own generator and integer helpers, so the
// same seed gives the same bytes on every platform.
#include "core/date.hpp"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>

namespace waymark::synth {

struct SynthOptions {
    std::size_t children = 100;
    std::uint64_t seed = 1;
    std::string local_authority = "S12000049";
    core::Date as_of;  // histories end here: no occurred event after it; planned events may lie after it
};

struct SynthCounts {
    std::size_t children = 0;
    std::size_t events = 0;
};

// Writes children.csv (with the sibling_group column) and events.csv (DATA.md format, header rows,
// RFC 4180 quoting, '\n' line ends). docs/synthetic-data.md gives the shares it aims at. Throws Error(invalid_input)
// for an empty council or an as-of date outside 1920-9000.
SynthCounts write_synthetic(const SynthOptions& options, std::ostream& children_csv, std::ostream& events_csv);

}  // namespace waymark::synth
