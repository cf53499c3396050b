#include "app/event_words.hpp"

#include "app/chronology_export.hpp"

#include "core/date.hpp"

#include <algorithm>

namespace waymark::app {

namespace {

// An attribute value's words: (type or "" for any type, key, value, words). The type-specific
// entries come first, so that a children's hearing's "continued" and an advice hearing's differ.
struct ValueWords {
    std::string_view type;
    std::string_view key;
    std::string_view value;
    std::string_view words;
};
constexpr ValueWords kValueWords[] = {
    {"lar", "kind", "standard", "Standard review"},
    {"lar", "kind", "permanence", "Permanence review"},
    {"lar", "kind", "plan_review", "Review of the child's plan"},
    {"childrens_hearing", "kind", "initial", "First hearing"},
    {"childrens_hearing", "kind", "review", "Review hearing"},
    {"childrens_hearing", "kind", "other", "Other hearing"},
    {"childrens_hearing", "outcome", "continued", "Hearing continued"},
    {"case_conference", "kind", "pre_birth", "Pre-birth conference"},
    {"case_conference", "kind", "initial", "Initial conference"},
    {"case_conference", "kind", "review", "Review conference"},
    {"advice_hearing", "outcome", "given", "Advice given"},
    {"advice_hearing", "outcome", "continued", "Continued"},
    {"ceased_looked_after", "destination", "home", "Home"},
    {"ceased_looked_after", "destination", "other", "Somewhere else"},
    {"", "placement", "kinship", "Kinship care"},
    {"", "placement", "foster", "Foster care"},
    {"", "placement", "residential", "Residential care"},
    {"", "placement", "prospective_adopters", "With prospective adopters"},
    {"", "placement", "secure", "Secure care"},
    {"", "placement", "other", "Another placement"},
    {"", "siblings", "together", "Placed with all their brothers and sisters"},
    {"", "siblings", "some", "Placed with some of their brothers and sisters"},
    {"", "siblings", "apart", "Placed apart from their brothers and sisters"},
    {"", "siblings", "none", "No brothers or sisters to place with"},
    {"", "child_views", "attended", "The child took part"},
    {"", "child_views", "advocate", "Through an advocate"},
    {"", "child_views", "written", "In writing"},
    {"", "child_views", "not_sought", "Not asked for"},
    {"", "outcome", "cso", "Compulsory supervision order made"},
    {"", "outcome", "cso_continued", "Compulsory supervision order continued"},
    {"", "outcome", "cso_varied", "Compulsory supervision order varied"},
    {"", "outcome", "icso", "Interim compulsory supervision order"},
    {"", "outcome", "discharged", "Discharged"},
    {"", "outcome", "ruled_in", "Ruled in"},
    {"", "outcome", "ruled_out", "Ruled out"},
    {"", "outcome", "registered", "Registered"},
    {"", "outcome", "not_registered", "Not registered"},
    {"", "outcome", "deregistered", "Deregistered"},
    {"", "", "return_home", "Return home"},
    {"", "", "remain_home", "Remain at home"},
    {"", "", "kinship", "Kinship care"},
    {"", "", "long_term_foster", "Long-term foster care"},
    {"", "", "residential", "Residential care"},
    {"", "", "po", "Permanence order"},
    {"", "", "poa", "Permanence order with authority to adopt"},
    {"", "", "adoption", "Adoption"},
    {"", "", "kinship_care_order", "Kinship care order"},
    {"", "", "placement_order", "Placement order"},
    {"", "", "sgo", "Special guardianship order"},
    {"", "", "cao", "Child arrangements order"},
    {"", "", "independent", "Independent living"},
    {"", "", "agreed", "Agreed"},
    {"", "", "not_agreed", "Not agreed"},
    {"", "", "positive", "Positive"},
    {"", "", "negative", "Negative"},
    {"", "", "neutral", "Neutral"},
};

// What "kind" is a kind of, for each type that has one.
std::string_view kind_noun(std::string_view type) {
    if (type == "lar") return "review";
    if (type == "childrens_hearing") return "hearing";
    if (type == "case_conference") return "conference";
    return "event";
}

}  // namespace

std::string attribute_label(const core::EventTypeSpec& spec, std::string_view key) {
    static constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
        {"outcome", "Outcome"},
        {"child_views", "The child's views"},
        {"placement", "Placement"},
        {"siblings", "Brothers and sisters"},
        {"destination", "Where the child went"},
        {"plan", "Plan"},
        {"route", "Route to permanence"},
        {"recommendation", "Recommendation"},
        {"decision", "Decision"},
        {"order", "Order"},
        {"impact", "Effect on the child"},
        {"expected_birth", "Expected date of birth"},
    };
    if (key == "kind") return "Kind of " + std::string(kind_noun(spec.name));
    for (const auto& [k, label] : kLabels) {
        if (k == key) return std::string(label);
    }
    return code_in_words(key);
}

std::string attribute_value_words(const core::EventTypeSpec& spec, std::string_view key, std::string_view value) {
    const auto it = std::find_if(spec.attributes.begin(), spec.attributes.end(),
                                 [&](const core::AttributeSpec& a) { return a.key == key; });
    if (it != spec.attributes.end() && it->is_date) {
        const auto date = core::Date::try_parse(value, true);
        return date ? date->long_display() : std::string(value);
    }
    for (const auto& w : kValueWords) {
        if (w.type == spec.name && w.key == key && w.value == value) return std::string(w.words);
    }
    for (const auto& w : kValueWords) {
        if (w.type.empty() && (w.key.empty() || w.key == key) && w.value == value) return std::string(w.words);
    }
    return code_in_words(value);
}

std::string details_words(const core::EventTypeSpec& spec, std::string_view details) {
    std::string out;
    for (const auto& a : spec.attributes) {
        const auto value = core::detail_value(details, a.key);
        if (value.empty()) continue;
        if (!out.empty()) out += ". ";
        out += attribute_label(spec, a.key) + ": " + attribute_value_words(spec, a.key, value);
    }
    return out;
}

}  // namespace waymark::app
