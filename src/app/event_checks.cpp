#include "app/event_checks.hpp"

#include "app/csv_table.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace waymark::app {

using core::Date;

namespace {

// UTF-8 code points: the bytes that do not continue a character.
std::size_t characters(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// 12345 as "12,345".
std::string thousands(std::size_t n) {
    std::string digits = std::to_string(n);
    for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3) digits.insert(digits.begin() + i, ',');
    return digits;
}

}  // namespace

std::string_view field_name(EventField field) noexcept {
    switch (field) {
        case EventField::date:
            return "date";
        case EventField::event:
            return "event";
        case EventField::status:
            return "status";
        case EventField::details:
            return "details";
        case EventField::agency:
            return "agency";
        case EventField::note:
            return "note";
        case EventField::event_id:
            return "event_id";
    }
    return "event";
}

namespace {

// DATA.md: the types whose occurred events may be dated before the child's date of birth (a
// chronology starts before birth).
bool may_come_before_birth(core::EventTypeId type) noexcept {
    using core::EventType;
    for (const auto t : {EventType::pre_birth_concern, EventType::scra_early_alert, EventType::referral_to_reporter,
                         EventType::case_conference, EventType::life_event, EventType::legal_advice_requested,
                         EventType::legal_advice_received}) {
        if (type == core::id_of(t)) return true;
    }
    return false;
}

}  // namespace

CheckedFields check_event_fields(const core::Vocabulary& vocabulary, const EventText& text, const EventBounds& bounds,
                                 const EventProblem& problem) {
    static const Date earliest(1900, 1, 1);
    CheckedFields out;
    if (text.event.empty()) {
        problem(EventField::event, "required");
    } else if (!(out.type = vocabulary.find(text.event))) {
        problem(EventField::event,
                "'" + std::string(text.event) +
                    "' is not an event type in the vocabulary (DATA.md), nor declared by the standards file");
    }
    out.status = core::parse_event_status(text.status);
    if (!out.status) {
        problem(EventField::status,
                "'" + std::string(text.status) + "' is not allowed (expected occurred, planned or cancelled)");
    }

    const auto& status = out.status;
    const auto& type = out.type;
    if (text.date.empty()) {
        problem(EventField::date, "required");
    } else if (auto date = Date::try_parse(text.date, true); !date) {
        problem(EventField::date, "'" + std::string(text.date) + "' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)");
    } else if (*date < earliest) {
        problem(EventField::date, date->iso() + " is before 1900");
    } else if (status == core::EventStatus::occurred && *date > bounds.today) {
        problem(EventField::date, date->iso() + " is after today for an event that has occurred (status planned?)");
    } else if (bounds.date_of_birth && *date < *bounds.date_of_birth && type && status != core::EventStatus::planned &&
               !may_come_before_birth(*type)) {
        // The date of birth itself is not said: whoever sent the row may not see the child.
        problem(EventField::date, date->iso() + " is before the child's date of birth");
    } else {
        out.date = date;
    }

    if (auto control = core::control_character_problem(text.details, core::TextKind::free_text)) {
        problem(EventField::details, std::move(*control));
    } else if (type && !text.details.empty()) {
        if (auto why = vocabulary.check_details(*type, text.details); !why.empty()) {
            problem(EventField::details, std::move(why));
        }
    }
    const auto& agencies = core::Vocabulary::agencies();
    if (!text.agency.empty() && std::find(agencies.begin(), agencies.end(), text.agency) == agencies.end()) {
        problem(EventField::agency,
                "'" + std::string(text.agency) + "' is not allowed (expected " + join(agencies) + ")");
    }
    if (auto why = core::control_character_problem(text.note, core::TextKind::free_text)) {
        problem(EventField::note, std::move(*why));
    } else if (const std::size_t n = characters(text.note); n > kMaxNoteCharacters) {
        problem(EventField::note, "A note must be " + thousands(kMaxNoteCharacters) +
                                      " characters or fewer; this one has " + thousands(n) +
                                      ". Shorten it, or keep the full text in the case file and "
                                      "summarise it here");
    }
    if (auto why = core::control_character_problem(text.event_id, core::TextKind::identifier)) {
        problem(EventField::event_id, std::move(*why));
    }
    return out;
}

}  // namespace waymark::app
