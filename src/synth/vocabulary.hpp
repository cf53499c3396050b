#pragma once
// Vocabulary (DATA.md). Only these names and attribute values are ever written.
#include "core/vocabulary.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace waymark::synth {

enum class Agency : std::uint8_t {
    social_work,
    health,
    education,
    legal,
    scra,
    hearings,
    court,
    police,
    carer,
    family,
    other
};
inline constexpr std::array<std::string_view, 11> kAgencyName{
    "social_work", "health", "education", "legal", "scra", "hearings", "court", "police", "carer", "family", "other"};

// The vocabulary's own types and statuses (core/vocabulary.hpp), so the two cannot drift apart.
using Status = core::EventStatus;
using Type = core::EventType;
inline constexpr std::size_t kTypeCount = static_cast<std::size_t>(core::EventType::builtin_count_);

// rank orders events on one day: births, then period starts (so that the day's hearing, review
// or meeting falls inside the period it belongs to), then the day's business, then period ends.
struct TypeInfo {
    std::uint8_t rank;
    Agency agency;
};
// In the order of core::EventType.
inline constexpr std::array<TypeInfo, kTypeCount> kTypeInfo{{
    {0, Agency::health},        // pre_birth_concern
    {1, Agency::social_work},   // scra_early_alert
    {3, Agency::health},        // birth
    {2, Agency::social_work},   // referral_to_reporter
    {7, Agency::scra},          // grounds_application_lodged
    {8, Agency::court},         // grounds_hearing
    {9, Agency::hearings},      // childrens_hearing
    {10, Agency::hearings},     // advice_hearing
    {4, Agency::court},         // cpo
    {5, Agency::social_work},   // looked_after_at_home
    {5, Agency::social_work},   // accommodated
    {6, Agency::social_work},   // placement_change
    {24, Agency::social_work},  // returned_home
    {25, Agency::social_work},  // ceased_looked_after
    {11, Agency::social_work},  // post_admission_meeting
    {12, Agency::social_work},  // lar
    {14, Agency::social_work},  // permanence_plan_recorded
    {13, Agency::social_work},  // permanence_recommendation
    {11, Agency::social_work},  // kinship_assessment_completed
    {11, Agency::social_work},  // legal_advice_requested
    {11, Agency::legal},        // legal_advice_received
    {15, Agency::social_work},  // mentoring_meeting
    {11, Agency::health},       // health_assessment_completed
    {16, Agency::social_work},  // permanence_panel
    {17, Agency::social_work},  // adm_decision
    {21, Agency::social_work},  // matched
    {22, Agency::carer},        // placed_with_permanent_carers
    {18, Agency::legal},        // court_application_lodged
    {19, Agency::court},        // court_hearing
    {20, Agency::court},        // order_granted
    {20, Agency::court},        // order_refused
    {23, Agency::social_work},  // life_event
    {2, Agency::social_work},   // case_conference
}};

constexpr std::size_t idx(auto e) {
    return static_cast<std::size_t>(e);
}
std::string_view type_name(Type t);
constexpr const TypeInfo& info(Type t) {
    return kTypeInfo[idx(t)];
}

enum class Placement : std::uint8_t { kinship, foster, residential, prospective_adopters, secure, other };
enum class Basis : std::uint8_t { s25, cso, icso, cpo, po, other };
enum class Destination : std::uint8_t { home, kinship_care_order, po, adoption, independent, other };
enum class LarKind : std::uint8_t { standard, permanence, plan_review };
enum class Plan : std::uint8_t { return_home, kinship, long_term_foster, po, poa, adoption, residential };
enum class Route : std::uint8_t { return_home, remain_home, kinship_care_order, po, poa, adoption };
enum class HearingKind : std::uint8_t { initial, review, other };
enum class Outcome : std::uint8_t { cso, cso_continued, cso_varied, icso, continued, discharged };
enum class PanelRec : std::uint8_t { po, poa, adoption, long_term_foster, not_agreed };
enum class Order : std::uint8_t { po, poa, adoption, kinship_care_order };
enum class Impact : std::uint8_t { positive, negative, neutral };
enum class Sex : std::uint8_t { female, male, other, unknown };
inline constexpr std::array<std::string_view, 4> kSexName{"female", "male", "other", "unknown"};

inline constexpr std::array<std::array<const char*, 6>, 3> kHearingDetails{{
    {"kind=initial;outcome=cso", "kind=initial;outcome=cso_continued", "kind=initial;outcome=cso_varied",
     "kind=initial;outcome=icso", "kind=initial;outcome=continued", "kind=initial;outcome=discharged"},
    {"kind=review;outcome=cso", "kind=review;outcome=cso_continued", "kind=review;outcome=cso_varied",
     "kind=review;outcome=icso", "kind=review;outcome=continued", "kind=review;outcome=discharged"},
    {"kind=other;outcome=cso", "kind=other;outcome=cso_continued", "kind=other;outcome=cso_varied",
     "kind=other;outcome=icso", "kind=other;outcome=continued", "kind=other;outcome=discharged"},
}};
inline constexpr std::array<const char*, 3> kHearingKindOnly{"kind=initial", "kind=review", "kind=other"};
inline constexpr std::array<const char*, 2> kAdviceDetails{"outcome=given", "outcome=continued"};
inline constexpr std::array<std::string_view, 6> kPlacementName{
    "kinship", "foster", "residential", "prospective_adopters", "secure", "other"};
inline constexpr std::array<std::string_view, 6> kBasisName{"s25", "cso", "icso", "cpo", "po", "other"};
inline constexpr std::array<const char*, 6> kPlacementDetails{"placement=kinship",     "placement=foster",
                                                              "placement=residential", "placement=prospective_adopters",
                                                              "placement=secure",      "placement=other"};
inline constexpr std::array<const char*, 6> kCeasedDetails{"destination=home",        "destination=kinship_care_order",
                                                           "destination=po",          "destination=adoption",
                                                           "destination=independent", "destination=other"};
inline constexpr std::array<const char*, 3> kLarDetails{"kind=standard", "kind=permanence", "kind=plan_review"};
inline constexpr std::array<const char*, 7> kPlanDetails{"plan=return_home", "plan=kinship", "plan=long_term_foster",
                                                         "plan=po",          "plan=poa",     "plan=adoption",
                                                         "plan=residential"};
inline constexpr std::array<const char*, 6> kRouteDetails{
    "route=return_home", "route=remain_home", "route=kinship_care_order", "route=po", "route=poa", "route=adoption"};
inline constexpr std::array<const char*, 2> kKinshipDetails{"outcome=ruled_in", "outcome=ruled_out"};
inline constexpr std::array<const char*, 5> kPanelDetails{"recommendation=po", "recommendation=poa",
                                                          "recommendation=adoption", "recommendation=long_term_foster",
                                                          "recommendation=not_agreed"};
inline constexpr std::array<const char*, 2> kAdmDetails{"decision=agreed", "decision=not_agreed"};
inline constexpr std::array<const char*, 4> kOrderDetails{"order=po", "order=poa", "order=adoption",
                                                          "order=kinship_care_order"};
inline constexpr std::array<const char*, 3> kImpactDetails{"impact=positive", "impact=negative", "impact=neutral"};
// How the child's views reached a review, hearing or panel, and whether a child placed away from
// home is with their looked after brothers and sisters (DATA.md); written after the details.
inline constexpr std::uint8_t kUnset = 255;
inline constexpr std::array<std::string_view, 4> kViewsName{"attended", "advocate", "written", "not_sought"};
inline constexpr std::array<std::string_view, 4> kSiblingsName{"together", "some", "apart", "none"};
inline constexpr std::array<std::array<const char*, 3>, 3> kConferenceDetails{{
    {"kind=pre_birth;outcome=registered", "kind=pre_birth;outcome=not_registered", ""},
    {"kind=initial;outcome=registered", "kind=initial;outcome=not_registered", ""},
    {"kind=review;outcome=registered", "", "kind=review;outcome=deregistered"},
}};

// "placement=...;basis=..." for every pair, built once.
const std::array<std::string, 36>& accommodated_details();

}  // namespace waymark::synth
