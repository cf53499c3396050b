#pragma once
// The checks on one event's fields, as an events.csv row has them (DATA.md): shared by the
// importer (app/import.cpp) and by recording an event on the web or through the API
// (app/recording.hpp), so that an event is valid or not whichever way it comes in.
#include "core/date.hpp"
#include "core/vocabulary.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace waymark::app {

// The fields of an events.csv row that describe the event itself, in the file's column order.
enum class EventField { date, event, status, details, agency, note, event_id };
// The column's name in events.csv ("date", "event", ...): the field an error names.
std::string_view field_name(EventField field) noexcept;

// The longest note, in characters (UTF-8 code points): about four pages of typed text. A note
// says what happened at the event; a longer report belongs in the case file. The cap keeps the
// child page and its PDF fast (docs/performance.md) and the chronology readable. Notes stored
// before the cap still display: cut short on the picture, whole in the chronology.
inline constexpr std::size_t kMaxNoteCharacters = 10'000;

// The row's text, trimmed.
struct EventText {
    std::string_view date;
    std::string_view event;
    std::string_view status;
    std::string_view details;
    std::string_view agency;
    std::string_view note = {};      // free text: no control characters but tab and line breaks
    std::string_view event_id = {};  // no control characters at all (callers check its form)
};

// What the checks found valid (each is set only when its field is).
struct CheckedFields {
    std::optional<core::EventTypeId> type;
    std::optional<core::EventStatus> status;
    std::optional<core::Date> date;
};

// What an event is checked against: today (an event that has occurred cannot be later), and
// the child's date of birth when the child is known.
struct EventBounds {
    core::Date today;
    std::optional<core::Date> date_of_birth;
};

using EventProblem = std::function<void(EventField, std::string message)>;

// Checks the fields in the importer's order (event, status, date, details, agency, note,
// event_id; details, note and event_id for control characters by core::control_character_problem, the note
// for its length, kMaxNoteCharacters) and calls
// `problem` for each that is wrong, in words that name the value. Planned events, and events
// of the types DATA.md allows before birth (pre_birth_concern, scra_early_alert,
// referral_to_reporter, case_conference, life_event, legal_advice_requested and
// legal_advice_received), may be dated before the date of birth.
CheckedFields check_event_fields(const core::Vocabulary& vocabulary, const EventText& text, const EventBounds& bounds,
                                 const EventProblem& problem);

}  // namespace waymark::app
