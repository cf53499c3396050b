#pragma once
// The event vocabulary of DATA.md: event types, their attributes and the values each
// attribute may take. Built-in types have fixed ids that the engine refers to by name
// (EventType::accommodated); a standards file may declare further types and attributes,
// which get ids after the built-in ones.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::core {

using EventTypeId = std::uint16_t;

// Order matters: ids are the enumerator values, names are in kBuiltinEventNames.
enum class EventType : EventTypeId {
    pre_birth_concern,
    scra_early_alert,
    birth,
    referral_to_reporter,
    grounds_application_lodged,
    grounds_hearing,
    childrens_hearing,
    advice_hearing,
    cpo,
    looked_after_at_home,
    accommodated,
    placement_change,
    returned_home,
    ceased_looked_after,
    post_admission_meeting,
    lar,
    permanence_plan_recorded,
    permanence_recommendation,
    kinship_assessment_completed,
    legal_advice_requested,
    legal_advice_received,
    mentoring_meeting,
    health_assessment_completed,
    permanence_panel,
    adm_decision,
    matched,
    placed_with_permanent_carers,
    court_application_lodged,
    court_hearing,
    order_granted,
    order_refused,
    life_event,
    case_conference,  // added in 2026-12 (DATA.md): ids are positions, names are stored
    builtin_count_
};

constexpr EventTypeId id_of(EventType t) {
    return static_cast<EventTypeId>(t);
}

enum class EventStatus : std::uint8_t { occurred, planned, cancelled };
std::optional<EventStatus> parse_event_status(std::string_view s) noexcept;
std::string_view to_string(EventStatus s) noexcept;

// An attribute's allowed values; an empty list with `is_date` means a YYYY-MM-DD date.
struct AttributeSpec {
    std::string key;
    std::vector<std::string> values;
    bool is_date = false;
};

struct EventTypeSpec {
    std::string name;
    std::vector<AttributeSpec> attributes;
    std::string label;  // plain English for chronologies: "Looked after review"
};

class Vocabulary {
public:
    // The built-in vocabulary of DATA.md.
    Vocabulary();

    [[nodiscard]] std::optional<EventTypeId> find(std::string_view name) const noexcept;
    [[nodiscard]] const EventTypeSpec& spec(EventTypeId id) const { return types_.at(id); }
    [[nodiscard]] std::string_view name(EventTypeId id) const { return types_.at(id).name; }
    [[nodiscard]] std::size_t size() const noexcept { return types_.size(); }

    // Declares a new event type (or returns the existing id).
    EventTypeId declare_event(std::string name, std::string label);
    // Declares an attribute of an event type, or adds values to an existing one.
    void declare_attribute(EventTypeId type, const std::string& key, const std::vector<std::string>& values);

    // Checks a details string (key=value;key=value) for `type`. Returns an empty string when
    // it is valid, otherwise what is wrong in words.
    [[nodiscard]] std::string check_details(EventTypeId type, std::string_view details) const;
    // The stored form of valid details: key=value;key=value without spaces, dates as YYYY-MM-DD.
    [[nodiscard]] std::string canonical_details(EventTypeId type, std::string_view details) const;

    static const std::vector<std::string>& agencies();
    static const std::vector<std::string>& sexes();

private:
    std::vector<EventTypeSpec> types_;
    // Open addressing over the names (a power of two, at most half full): one hash and
    // usually one comparison per lookup.
    std::vector<std::int32_t> slots_;
    void reindex();
};

// Finds `key` in a details string `k=v;k=v` and returns its value, or an empty view.
std::string_view detail_value(std::string_view details, std::string_view key) noexcept;
// Splits a details string into key/value pairs (keys and values trimmed of spaces).
std::vector<std::pair<std::string_view, std::string_view>> split_details(std::string_view details);

// A council's reference for a record (a child's case reference, a test of change's PACE-1):
// 1-64 characters of A-Z a-z 0-9 - _ . / (DATA.md).
bool is_reference(std::string_view text) noexcept;

}  // namespace waymark::core
