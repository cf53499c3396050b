#pragma once
// One synthetic child's journey (synth/synth.hpp): a small state machine (referral, hearings, at
// home or away from home, reviews, permanence recommendation, panel, agency decision, court,
// order) whose rates and timescales follow DOMAIN.md sections 4 and 8 (docs/synthetic-data.md).
#include "core/journey.hpp"
#include "core/stage.hpp"
#include "synth/notes.hpp"
#include "synth/random.hpp"
#include "synth/vocabulary.hpp"

#include <cstdint>
#include <deque>
#include <string_view>
#include <vector>

namespace waymark::synth {

struct Event {
    Day date;
    std::uint32_t seq;
    Type type;
    Status status;
    Agency agency;
    std::uint8_t sub;     // the value that matters to stages and planning: kind, route, destination...
    bool expected_birth;  // details are expected_birth=<the child's expected birth date>
    const char* details;
    const char* note;
    std::uint8_t outcome = 0;        // a hearing's outcome
    std::uint8_t views = kUnset;     // child_views, appended to the details
    std::uint8_t siblings = kUnset;  // siblings, appended to the details
};

// A looked after period as it is being generated: the compulsory supervision order that runs
// through it (if any) and how it ended.
struct Period {
    Day cso_from = kNone;
    Day cso_until = kNever;
    bool discharge_at_end = false;
    std::vector<Day> variations;
};

class ChildJourney {
public:
    ChildJourney(Day as_of, bool pace_council) : as_of_(as_of), horizon_(as_of + 400), pace_(pace_council) {
        events_.reserve(256);
    }

    // Generates one child's record; the result is in events() (sorted, filtered) and the fields.
    void generate(Rng& rng);

    [[nodiscard]] const std::vector<Event>& events() const { return events_; }
    [[nodiscard]] Day date_of_birth() const { return dob_; }        // kNone when not yet born
    [[nodiscard]] Day expected_birth_date() const { return ebd_; }  // for children not yet born
    [[nodiscard]] Day expected_birth_detail() const { return ebd_detail_; }
    [[nodiscard]] Sex sex() const { return sex_; }
    [[nodiscard]] const char* given_name() const { return given_; }
    [[nodiscard]] const char* family_name() const { return family_; }
    // The child's stage on the as-of date (core::compute_stage), a child awaiting adoption
    // counted as permanent.
    core::Stage stage(Day as_of);
    // Whether the child has brothers or sisters in the council's records (a sibling group): the
    // placements then say whether they are placed together.
    void set_has_siblings(bool has) { has_siblings_ = has; }

private:
    Rng& rng() { return *rng_; }
    Event* add(Day d, Type t, const char* details, const char* note, std::uint8_t sub = 0);
    Event* add(Day d, Type t, const char* details, const Notes& notes, std::uint8_t sub = 0) {
        return add(d, t, details, rng().pick(notes), sub);
    }

    void standard_child();
    void pre_birth_child();
    void referral_journey(Day start, int depth);
    Day hearings_to_cso(Day first, bool interim_first);
    const char* note_for(const Notes& notes, Day d);
    void hearing(Day d, HearingKind kind, Outcome outcome);
    void cso_track(const Period& p);
    void at_home_phase(Period& p, Day start, bool after_return, int depth);
    // How one try at a permanence route ended: the away episode's end (kNever while open), or a
    // failure at panel, ADM or court that sends the plan back to a new Permanence LAR.
    struct Attempt {
        Day episode_end;
        bool retry;
        Day retry_on;
        Route retry_route;
    };
    void away_episode(Period& p, Day start, Placement placement, Basis basis, int depth);
    Day first_steps(Day d0, Day first_lar, Placement placement, int age);
    Day reviews_to_permanence_lar(Day d0, Day first);
    void reviews_after_permanence_lar(Day permanence_lar, std::vector<Day>& later, Day episode_end);
    Day return_home(Period& p, Day rec, int depth);
    Attempt kinship_care_order(Period& p, Day rec, Placement& placement, int depth);
    Attempt panel_and_court(Period& p, Day rec, Route route, Placement& placement, int age, bool may_fail, int depth);
    void cease(Period& p, Day d, Destination dest, int depth);
    Placement moves(Day from, Day to, Placement current, int age);
    Day first_lar(Day start);
    Day next_lar(Day previous, int number);
    void lar(Day d, LarKind kind);
    void legal_advice(Day permanence_lar, Day episode_start, Route route);
    bool court(Day lodged, Order order, Day& decided);
    Route choose_route(int age, Placement placement, int depth);
    Placement choose_placement(int age);
    void life_events(Day from);
    void case_conferences(Day start);
    void leave_care();
    std::uint8_t views_on(Day d);
    std::uint8_t siblings_on();
    void sort_events();
    void finish();

    Day as_of_;
    Day horizon_;  // nothing is generated after this; occurred events after as_of_ become planned or go
    bool pace_;
    Rng* rng_ = nullptr;
    std::uint32_t seq_ = 0;
    std::vector<Event> events_;
    std::deque<Period> periods_;  // stable references while journeys nest
    Event scratch_{};
    Day dob_ = kNone;
    Day ebd_ = kNone;
    Day ebd_detail_ = kNone;
    Day first_contact_ = kNone;
    Sex sex_ = Sex::unknown;
    bool has_siblings_ = false;
    Day mentoring_ = kNone;  // the latest mentoring meeting, which comes before the panel
    const char* given_ = "";
    const char* family_ = "";
    // Reused by stage().
    core::ChildRecord stage_child_;
    std::vector<core::Event> stage_events_;
    core::Journey stage_journey_;
};

// PACE ran in 27 of Scotland's 32 council areas (DOMAIN.md section 1); which ones is not in our
// sources, so a stable hash of the council code decides.
bool is_pace_council(std::string_view council);

}  // namespace waymark::synth
