#include "core/vocabulary.hpp"
#include "core/text.hpp"

#include "core/date.hpp"

#include <algorithm>
#include <stdexcept>

namespace waymark::core {

namespace {

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

const std::vector<std::string> kPlacements{"kinship", "foster", "residential", "prospective_adopters",
                                           "secure",  "other"};
// What a court is asked for; an order granted or refused may also be England's placement order.
const std::vector<std::string> kApplications{"po", "poa", "adoption", "kinship_care_order"};
const std::vector<std::string> kOrders{"po", "poa", "adoption", "kinship_care_order", "placement_order"};
const std::vector<std::string> kChildViews{"attended", "advocate", "written", "not_sought"};
const std::vector<std::string> kSiblings{"together", "some", "apart", "none"};

}  // namespace

std::optional<EventStatus> parse_event_status(std::string_view s) noexcept {
    if (s.empty() || s == "occurred") return EventStatus::occurred;
    if (s == "planned") return EventStatus::planned;
    if (s == "cancelled") return EventStatus::cancelled;
    return std::nullopt;
}

std::string_view to_string(EventStatus s) noexcept {
    switch (s) {
        case EventStatus::occurred:
            return "occurred";
        case EventStatus::planned:
            return "planned";
        case EventStatus::cancelled:
            return "cancelled";
    }
    return "occurred";
}

Vocabulary::Vocabulary() {
    // DATA.md, "Event vocabulary". Labels are the chronology's plain-English event names.
    const std::vector<EventTypeSpec> builtin{
        {"pre_birth_concern", {{"expected_birth", {}, true}}, "Pre-birth concern"},
        {"scra_early_alert", {}, "Early alert to the Reporter"},
        {"birth", {}, "Birth"},
        {"referral_to_reporter", {}, "Referral to the Reporter"},
        {"grounds_application_lodged", {}, "Grounds application lodged"},
        {"grounds_hearing", {}, "Grounds hearing"},
        {"childrens_hearing",
         {{"kind", {"initial", "review", "other"}},
          {"outcome", {"cso", "cso_continued", "cso_varied", "icso", "continued", "discharged"}},
          {"child_views", kChildViews}},
         "Children's hearing"},
        {"advice_hearing", {{"outcome", {"given", "continued"}}}, "Advice hearing"},
        {"cpo", {}, "Child protection order"},
        {"looked_after_at_home", {}, "Looked after at home"},
        {"accommodated",
         {{"placement", kPlacements},
          {"basis",
           {"s25", "cso", "icso", "cpo", "po", "other", "s20", "care_order", "interim_care_order", "emergency",
            "youth_justice"}},
          {"siblings", kSiblings}},
         "Accommodated"},
        {"placement_change", {{"placement", kPlacements}, {"siblings", kSiblings}}, "Placement change"},
        {"returned_home", {}, "Returned home"},
        {"ceased_looked_after",
         {{"destination", {"home", "kinship_care_order", "po", "adoption", "sgo", "cao", "independent", "other"}}},
         "Ceased to be looked after"},
        {"post_admission_meeting", {}, "Post-admission meeting"},
        {"lar",
         {{"kind", {"standard", "permanence", "plan_review"}}, {"child_views", kChildViews}},
         "Looked after review"},
        {"permanence_plan_recorded",
         {{"plan", {"return_home", "kinship", "long_term_foster", "po", "poa", "adoption", "residential"}}},
         "Permanence plan recorded"},
        {"permanence_recommendation",
         {{"route", {"return_home", "remain_home", "kinship_care_order", "po", "poa", "adoption"}}},
         "Permanence recommendation"},
        {"kinship_assessment_completed", {{"outcome", {"ruled_in", "ruled_out"}}}, "Kinship assessment completed"},
        {"legal_advice_requested", {}, "Legal advice requested"},
        {"legal_advice_received", {}, "Legal advice received"},
        {"mentoring_meeting", {}, "Mentoring meeting"},
        {"health_assessment_completed", {}, "Health assessment completed"},
        {"permanence_panel",
         {{"recommendation", {"po", "poa", "adoption", "long_term_foster", "not_agreed"}},
          {"child_views", kChildViews}},
         "Permanence panel"},
        {"adm_decision", {{"decision", {"agreed", "not_agreed"}}}, "Agency decision maker"},
        {"matched", {}, "Matched"},
        {"placed_with_permanent_carers", {}, "Placed with permanent carers"},
        {"court_application_lodged", {{"order", kApplications}}, "Court application lodged"},
        {"court_hearing", {}, "Court hearing"},
        {"order_granted", {{"order", kOrders}}, "Order granted"},
        {"order_refused", {{"order", kOrders}}, "Order refused"},
        {"life_event", {{"impact", {"positive", "negative", "neutral"}}}, "Life event"},
        {"case_conference",
         {{"kind", {"pre_birth", "initial", "review"}}, {"outcome", {"registered", "not_registered", "deregistered"}}},
         "Child protection case conference"},
    };
    if (builtin.size() != static_cast<std::size_t>(EventType::builtin_count_)) {
        throw std::logic_error("built-in vocabulary and EventType disagree");
    }
    types_ = builtin;
    reindex();
}

namespace {
std::size_t name_hash(std::string_view s) noexcept {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return static_cast<std::size_t>(h ^ (h >> 32));
}
}  // namespace

void Vocabulary::reindex() {
    std::size_t size = 64;
    while (size < types_.size() * 2) size *= 2;
    slots_.assign(size, -1);
    for (std::size_t i = 0; i < types_.size(); ++i) {
        std::size_t k = name_hash(types_[i].name) & (size - 1);
        while (slots_[k] >= 0) k = (k + 1) & (size - 1);
        slots_[k] = static_cast<std::int32_t>(i);
    }
}

std::optional<EventTypeId> Vocabulary::find(std::string_view name) const noexcept {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t k = name_hash(name) & mask; slots_[k] >= 0; k = (k + 1) & mask) {
        if (types_[static_cast<std::size_t>(slots_[k])].name == name) return static_cast<EventTypeId>(slots_[k]);
    }
    return std::nullopt;
}

EventTypeId Vocabulary::declare_event(std::string name, std::string label) {
    if (auto id = find(name)) return *id;
    const auto id = static_cast<EventTypeId>(types_.size());
    types_.push_back({std::move(name), {}, std::move(label)});
    reindex();
    return id;
}

void Vocabulary::declare_attribute(EventTypeId type, const std::string& key, const std::vector<std::string>& values) {
    auto& attrs = types_.at(type).attributes;
    auto it = std::find_if(attrs.begin(), attrs.end(), [&](const AttributeSpec& a) { return a.key == key; });
    if (it == attrs.end()) {
        attrs.push_back({key, values, false});
        return;
    }
    for (const auto& v : values) {
        if (std::find(it->values.begin(), it->values.end(), v) == it->values.end()) it->values.push_back(v);
    }
}

std::string Vocabulary::check_details(EventTypeId type, std::string_view details) const {
    const auto& spec = types_.at(type);
    std::vector<std::string_view> seen;
    for (const auto& [key_view, value] : split_details(details)) {
        const std::string_view key = key_view;  // lambdas below capture it (not a binding)
        if (key.empty()) return "'" + std::string(details) + "' is not key=value;key=value";
        auto it = std::find_if(spec.attributes.begin(), spec.attributes.end(),
                               [&](const AttributeSpec& a) { return a.key == key; });
        if (it == spec.attributes.end()) {
            if (spec.attributes.empty())
                return "'" + spec.name + "' takes no attributes, found '" + std::string(key) + "'";
            std::vector<std::string> keys;
            for (const auto& a : spec.attributes) keys.push_back(a.key);
            return "unknown attribute '" + std::string(key) + "' for " + spec.name + " (expected " + join(keys) + ")";
        }
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            return "attribute '" + std::string(key) + "' given twice";
        seen.push_back(key);
        if (it->is_date) {
            if (!Date::try_parse(value, true)) {
                return std::string(key) + "='" + std::string(value) +
                       "' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)";
            }
        } else if (std::find(it->values.begin(), it->values.end(), value) == it->values.end()) {
            return std::string(key) + "='" + std::string(value) + "' is not allowed (expected one of " +
                   join(it->values) + ")";
        }
    }
    return {};
}

const std::vector<std::string>& Vocabulary::agencies() {
    static const std::vector<std::string> v{"social_work", "health", "education", "legal",  "scra", "hearings",
                                            "court",       "police", "carer",     "family", "other"};
    return v;
}

bool is_reference(std::string_view text) noexcept {
    if (text.empty() || text.size() > 64) return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.' || c == '/';
    });
}

const std::vector<std::string>& Vocabulary::sexes() {
    static const std::vector<std::string> v{"female", "male", "other", "unknown"};
    return v;
}

std::string Vocabulary::canonical_details(EventTypeId type, std::string_view details) const {
    const auto& spec = types_.at(type);
    std::string out;
    for (const auto& [key_view, value] : split_details(details)) {
        const std::string_view key = key_view;  // lambdas below capture it (not a binding)
        if (!out.empty()) out += ';';
        out.append(key).append("=");
        auto it = std::find_if(spec.attributes.begin(), spec.attributes.end(),
                               [&](const AttributeSpec& a) { return a.key == key; });
        const auto date = it != spec.attributes.end() && it->is_date ? Date::try_parse(value, true) : std::nullopt;
        if (date) {
            out += date->iso();
        } else {
            out.append(value);
        }
    }
    return out;
}

std::string_view detail_value(std::string_view details, std::string_view key) noexcept {
    while (!details.empty()) {
        const auto semi = details.find(';');
        std::string_view item = details.substr(0, semi);
        const auto eq = item.find('=');
        if (eq != std::string_view::npos && trim(item.substr(0, eq)) == key) return trim(item.substr(eq + 1));
        if (semi == std::string_view::npos) break;
        details.remove_prefix(semi + 1);
    }
    return {};
}

std::vector<std::pair<std::string_view, std::string_view>> split_details(std::string_view details) {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    while (!trim(details).empty()) {
        const auto semi = details.find(';');
        std::string_view item = trim(details.substr(0, semi));
        if (!item.empty()) {
            const auto eq = item.find('=');
            if (eq == std::string_view::npos) {
                out.emplace_back(std::string_view{}, item);
            } else {
                out.emplace_back(trim(item.substr(0, eq)), trim(item.substr(eq + 1)));
            }
        }
        if (semi == std::string_view::npos) break;
        details.remove_prefix(semi + 1);
    }
    return out;
}

}  // namespace waymark::core
