#pragma once
// Chronology notes: short plain English, some with commas and double quotes so that every
// reader of the files has to get RFC 4180 quoting right.
#include "synth/vocabulary.hpp"

#include <array>

namespace waymark::synth {

using Notes = std::array<const char*, 3>;
inline constexpr Notes kPreBirthNotes{
    "Midwife raised concern about parental substance use during pregnancy",
    "Pre-birth referral from health visitor, concerns about domestic abuse",
    "Unborn baby discussed at pre-birth planning meeting; risk described as \"high\""};
inline constexpr Notes kAlertNotes{"Early alert sent to the Reporter ahead of the birth",
                                   "Reporter alerted two weeks before the due date, as agreed at pre-birth meeting",
                                   "SCRA early alert sent; hearing to be arranged after the birth"};
inline constexpr Notes kBirthNotes{"Baby born in hospital", "Born at the maternity unit, baby well",
                                   "Baby born early, kept in special care for a week"};
inline constexpr Notes kReferralNotes{
    "Police concern report sent to the Reporter", "Referral to the Reporter following school concerns about neglect",
    "Social work referral to the Reporter: parental alcohol use, poor home conditions"};
inline constexpr Notes kPreBirthReferralNotes{"Pre-birth referral to the Reporter",
                                              "Social work referred the unborn baby to the Reporter",
                                              "Referral to the Reporter after pre-birth case conference"};
inline constexpr std::array<Agency, 3> kReferralAgency{Agency::police, Agency::education, Agency::social_work};
inline constexpr Notes kGroundsLodgedNotes{"Reporter lodged application to the sheriff to establish grounds",
                                           "Grounds not accepted by parents; application lodged with the sheriff",
                                           "Grounds not understood by the child, application lodged"};
inline constexpr Notes kGroundsHearingNotes{"Sheriff heard grounds application; grounds established",
                                            "Proof at sheriff court, grounds found established",
                                            "Grounds hearing held, parents' solicitor present"};
inline constexpr std::array<Notes, 6> kHearingNotes{{
    {"Compulsory supervision order made", "CSO made with a condition of residence",
     "Hearing made a CSO; contact with mum, dad and siblings set"},
    {"Hearing reviewed the CSO and continued it", "CSO continued, no change to measures",
     "Review hearing: CSO continued, child said \"I'm happy where I am\""},
    {"CSO varied by the hearing, measures updated", "CSO varied: contact reduced to once a week",
     "Hearing varied the CSO, residence condition changed"},
    {"Interim compulsory supervision order made", "ICSO made, child to reside with carers",
     "ICSO made pending grounds, contact supervised"},
    {"Hearing continued to gather further reports", "Hearing deferred, safeguarder appointed",
     "Hearing continued; reports \"not available in time\""},
    {"CSO terminated, hearing discharged the referral", "Referral discharged, no order needed",
     "Hearing discharged the referral; family support to continue"},
}};
inline constexpr std::array<Notes, 2> kAdviceNotes{{
    {"Advice hearing held; advice to the sheriff given", "Advice given to the court on the permanence application",
     "Advice hearing: panel supported the application"},
    {"Advice hearing continued, reports not available", "Advice hearing continued, parents not notified in time",
     "Advice hearing continued to a later date"},
}};
inline constexpr Notes kCpoNotes{"Child protection order granted by the sheriff",
                                 "CPO granted out of hours; child removed to a place of safety",
                                 "CPO granted, police and social work attended"};
inline constexpr Notes kAtHomeNotes{"Looked after at home on a compulsory supervision order",
                                    "Looked after at home with parents, supported by the family support team",
                                    "CSO at home, with supervision by social work"};
inline constexpr std::array<Notes, 6> kAccommodatedNotes{{
    {"Accommodated with grandparents in kinship care", "Moved to live with maternal aunt, the \"only safe option\"",
     "Kinship placement with older sister, her partner and their children"},
    {"Placed with foster carers", "Emergency placement with foster carers, siblings placed together",
     "Placed with foster carers out of the area"},
    {"Admitted to a residential house", "Residential placement, no foster carers available",
     "Placed in a residential school, weekly contact agreed"},
    {"Placed with concurrency carers (prospective adopters)", "Placed with prospective adopters from hospital",
     "Concurrent planning placement, carers approved as adopters"},
    {"Admitted to secure care", "Secure placement authorised by the hearing", "Placed in secure accommodation"},
    {"Accommodated in a supported placement", "Placed with a parent and baby unit",
     "Accommodated in respite care, later extended"},
}};
inline constexpr std::array<Notes, 6> kMoveNotes{{
    {"Moved to live with kinship carers", "Moved to paternal grandmother, kinship assessment positive",
     "Planned move to aunt and uncle"},
    {"Moved to new foster carers after placement ended at carers' request", "Planned move to long-term foster carers",
     "Moved to foster carers nearer school"},
    {"Moved to a residential house", "Moved to residential care after placement breakdown",
     "Emergency move to a residential unit, \"no other option\""},
    {"Moved to prospective adopters", "Moved to live with adoptive parents",
     "Introductions completed; moved to adopters"},
    {"Moved to secure accommodation", "Secure placement after repeated missing episodes", "Moved to secure care"},
    {"Moved to a supported placement", "Moved to supported lodgings", "Moved to a specialist placement"},
}};
inline constexpr Notes kReturnedNotes{"Returned home to mother's care",
                                      "Rehabilitation home completed; child returned to parents",
                                      "Returned home to father, with daily support"};
inline constexpr std::array<Notes, 6> kCeasedNotes{{
    {"No longer looked after; CSO terminated, child at home", "Ceased to be looked after, family doing well",
     "Supervision ended, child settled at home"},
    {"Kinship care order granted; no longer looked after",
     "No longer looked after, living with grandparents under a KCO", "Ceased: kinship care order in place"},
    {"Permanence order granted; ceased to be looked after", "Ceased to be looked after under a PO", "Ceased on PO"},
    {"Adoption order granted; child no longer looked after", "Adopted, no longer looked after", "Adoption order made"},
    {"Moved to independent living", "Ceased to be looked after, own tenancy",
     "Left care for supported independent living"},
    {"Ceased to be looked after, moved to live with father in England", "Ceased: moved out of the council area",
     "No longer looked after, living with a relative abroad"},
}};
inline constexpr Notes kMeetingNotes{"72-hour meeting held with carers, parents and school",
                                     "Post-admission meeting held; contact, health and education agreed",
                                     "Post-admission meeting: standing agenda followed, actions set"};
inline constexpr std::array<Notes, 3> kLarNotes{{
    {"Looked after review held; plan to remain with foster carers",
     "LAR held, IRO chair; contact with mum, dad and siblings reviewed",
     "Looked after review: child said \"I like it here\""},
    {"Permanence LAR held; recommendation made", "Permanence looked after review, all agencies present",
     "Permanence LAR: plan agreed, legal advice considered"},
    {"Review of plan at two years on a home CSO", "Plan review: progress at home considered",
     "Review of the child's plan, CSO at home, next steps agreed"},
}};
inline constexpr Notes kPlanNotes{"Permanence plan recorded on file", "Plan recorded after review, shared with family",
                                  "Permanence plan updated"};
inline constexpr std::array<Notes, 6> kRouteNotes{{
    {"LAR recommended rehabilitation home", "Recommended return home, with support",
     "Return home recommended, parents engaging"},
    {"Recommended child remains at home with support", "Remain at home recommended",
     "Plan: remain home, CSO to continue"},
    {"Recommended permanence with kinship carers through a kinship care order",
     "Kinship care order recommended, grandparents agree", "KCO route recommended"},
    {"Recommended permanence order, long-term foster care", "PO recommended; carers want to keep the child",
     "Permanence away from home recommended (PO)"},
    {"Recommended permanence order with authority to adopt", "POA recommended, adoption the plan",
     "Recommended POA; birth parents oppose"},
    {"Recommended adoption", "Adoption recommended, parents consent", "Plan for adoption agreed at LAR"},
}};
inline constexpr std::array<Notes, 2> kKinshipNotes{{
    {"Kinship assessment of grandmother completed, ruled in", "Kinship assessment of aunt: ruled in",
     "Kinship carers assessed and approved"},
    {"Kinship assessment of paternal aunt completed; ruled out", "Kinship assessment: grandparents ruled out",
     "Kinship options ruled out, no suitable relatives"},
}};
inline constexpr Notes kLegalRequestNotes{"Legal advice requested ahead of the permanence LAR",
                                          "Referral to legal services", "Legal advice sought on grounds for a PO"};
inline constexpr Notes kLegalAdviceNotes{"Written legal advice received", "Legal advice received: grounds for a PO met",
                                         "Written advice from solicitor received"};
inline constexpr Notes kMentoringNotes{"Mentoring meeting held to plan the permanence timeline",
                                       "Mentoring meeting: timeline to panel agreed",
                                       "Mentoring meeting, legal and IRO present"};
inline constexpr Notes kKinshipPanelNotes{"Panel considered the kinship care order plan",
                                          "Kinship panel: plan supported",
                                          "Panel agreed to support a kinship care order application"};
inline constexpr Notes kHealthNotes{"Initial health assessment completed by LAC nurse", "Health assessment completed",
                                    "Health assessment done, dental and eye checks booked"};
inline constexpr std::array<Notes, 5> kPanelNotes{{
    {"Permanence panel recommended a permanence order", "Panel recommended PO", "Panel: PO agreed"},
    {"Permanence panel recommended POA", "Panel recommended a PO with authority to adopt", "Panel: POA agreed"},
    {"Panel recommended adoption", "Adoption panel recommendation made", "Panel agreed adoption plan"},
    {"Panel recommended long-term foster care", "Panel agreed long-term fostering", "Panel: long-term foster care"},
    {"Panel did not agree the plan; further work requested", "Panel not agreed, assessment gaps",
     "Panel deferred: \"more evidence needed\""},
}};
inline constexpr std::array<Notes, 2> kAdmNotes{{
    {"Agency decision maker agreed the panel's recommendation", "ADM agreed",
     "ADM decision: agreed, letter to parents"},
    {"ADM did not agree; plan to return to panel", "ADM not agreed", "ADM asked for a further assessment"},
}};
inline constexpr Notes kMatchedNotes{"Matched with adopters at panel", "Match agreed with prospective adopters",
                                     "Matching panel: match approved"};
inline constexpr Notes kPlacedNotes{"Moved to live with adoptive parents", "Placed with permanent carers",
                                    "Introductions completed, placed with adopters"};
inline constexpr Notes kLodgedNotes{"Application lodged at the sheriff court", "Court application lodged",
                                    "Petition lodged with the sheriff court"};
inline constexpr Notes kCourtHearingNotes{"Child welfare hearing at sheriff court", "Procedural hearing; proof fixed",
                                          "Court hearing, parents' solicitor asked for more time"};
inline constexpr Notes kGrantedNotes{"Order granted by the sheriff", "Order granted",
                                     "Sheriff granted the order, \"in the child's best interests\""};
inline constexpr std::array<Notes, 3> kConferenceNotes{{
    {"Pre-birth child protection case conference; unborn baby's name placed on the register",
     "Pre-birth case conference held, midwife, health visitor and police present",
     "Pre-birth case conference: plan for the baby's care after the birth agreed"},
    {"Initial child protection case conference; name placed on the register",
     "Initial case conference held, child protection plan agreed", "Initial case conference, parents attended"},
    {"Review child protection case conference", "Case conference reviewed the child protection plan",
     "Review case conference: risks \"reduced but not removed\""},
}};
inline constexpr Notes kRefusedNotes{"Sheriff refused the application", "Order refused",
                                     "Application refused, plan to be reviewed"};

struct LifeEvent {
    Impact impact;
    Agency agency;
    int min_age;  // years; no school exclusions for babies
    const char* note;
};
inline constexpr std::array<LifeEvent, 18> kLifeEvents{{
    {Impact::positive, Agency::education, 4, "Started at new primary school"},
    {Impact::positive, Agency::carer, 6, "Joined a local football team"},
    {Impact::positive, Agency::education, 6, "Good progress at school, reading at expected level"},
    {Impact::positive, Agency::family, 0, "Contact with grandparents restarted, carers say \"a happy visit\""},
    {Impact::positive, Agency::health, 2, "Speech and language therapy completed, good progress"},
    {Impact::positive, Agency::health, 0, "Developmental check: meeting milestones"},
    {Impact::positive, Agency::education, 2, "Started at nursery, settling well"},
    {Impact::neutral, Agency::education, 5, "Changed school, moved to new area"},
    {Impact::neutral, Agency::social_work, 0, "Contact arrangements changed to fortnightly"},
    {Impact::neutral, Agency::social_work, 0, "New social worker allocated"},
    {Impact::neutral, Agency::health, 1, "Routine dental check"},
    {Impact::negative, Agency::family, 0, "Contact with father suspended after incident"},
    {Impact::negative, Agency::health, 0, "Hospital admission, \"serious\" injury at home"},
    {Impact::negative, Agency::education, 6, "Excluded from school for 3 days, after an incident in class"},
    {Impact::negative, Agency::police, 11, "Reported missing overnight, found safe"},
    {Impact::negative, Agency::family, 0, "Mother's new partner, known to police, moved in"},
    {Impact::negative, Agency::other, 0, "Bereavement: death of grandmother"},
    {Impact::negative, Agency::family, 0, "Parent missed three contacts in a row"},
}};

// Notes for events recorded ahead of time (status planned), by type.
inline const char* planned_note(Type t) {
    switch (t) {
        case Type::lar:
            return "Looked after review booked";
        case Type::childrens_hearing:
            return "Children's hearing arranged by the Reporter";
        case Type::court_hearing:
            return "Court hearing fixed";
        case Type::permanence_panel:
            return "Permanence panel date booked";
        case Type::advice_hearing:
            return "Advice hearing scheduled";
        case Type::mentoring_meeting:
            return "Mentoring meeting booked";
        default:
            return "";
    }
}
inline constexpr const char* kCancelledNote = "Cancelled, rescheduled";

}  // namespace waymark::synth
