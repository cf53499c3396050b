#include "synth/journey.hpp"

#include "synth/names.hpp"

#include <algorithm>

namespace waymark::synth {

namespace {

Day add_months(Day d, std::int32_t months) {
    return (core::Date::from_serial(d) + core::Months{months}).serial();
}

int year_of(Day d) {
    return core::Date::from_serial(d).year();
}

// Whole years from `born` to `on`, close enough for choosing routes.
int age_years(Day born, Day on) {
    return on <= born ? 0 : (on - born) / 365;
}

}  // namespace

Event* ChildJourney::add(Day d, Type t, const char* details, const char* note, std::uint8_t sub) {
    if (d > horizon_) return &scratch_;
    events_.push_back(Event{d, seq_++, t, Status::occurred, info(t).agency, sub, false, details, note});
    Event& e = events_.back();
    if (t == Type::lar || t == Type::childrens_hearing || t == Type::permanence_panel) e.views = views_on(d);
    if (t == Type::accommodated || t == Type::placement_change) e.siblings = siblings_on();
    return &e;
}

// Most reviews, hearings and panels record how the child's views reached them: in person from
// school age, through an advocate or in writing, and for babies mostly not sought (DATA.md
// child_views); a few records leave it out.
std::uint8_t ChildJourney::views_on(Day d) {
    if (rng().chance(40)) return kUnset;
    if (age_years(dob_, d) < 4) return static_cast<std::uint8_t>(rng().weighted({0, 45, 15, 40}));
    return static_cast<std::uint8_t>(rng().weighted({55, 20, 17, 8}));
}

// A child with brothers or sisters is placed with all of them, some or none; one without has none
// looked after. A few placements leave it out.
std::uint8_t ChildJourney::siblings_on() {
    if (rng().chance(50)) return kUnset;
    if (!has_siblings_) return 3;
    return static_cast<std::uint8_t>(rng().weighted({55, 15, 30, 0}));
}

void ChildJourney::generate(Rng& rng) {
    rng_ = &rng;
    events_.clear();
    periods_.clear();
    seq_ = 0;
    dob_ = ebd_ = ebd_detail_ = first_contact_ = mentoring_ = kNone;

    const std::size_t s = rng.weighted({485, 485, 5, 25});
    sex_ = static_cast<Sex>(s);
    family_ = rng.pick(kFamilies);
    given_ = sex_ == Sex::female ? rng.pick(kGirls)
             : sex_ == Sex::male ? rng.pick(kBoys)
             : rng.chance(500)   ? rng.pick(kGirls)
                                 : rng.pick(kBoys);

    // About 5% of children come to notice before birth (DOMAIN.md section 2).
    if (rng.chance(50)) {
        pre_birth_child();
    } else {
        standard_child();
    }
    leave_care();
    if (dob_ != kNone) life_events(std::max(dob_, first_contact_));
    finish();
}

// Most young people still looked after at 16 or 17 leave care then (Scotland's ceasings include
// many of them): the period ends, the CSO is discharged, and the care journey generated after it
// is dropped. The rest stay until 18, after the as-of date (every child here is under 18).
void ChildJourney::leave_care() {
    if (dob_ == kNone || !rng().chance(750)) return;
    const Day leave = add_months(dob_, 16 * 12) + rng().between(0, 600);
    if (leave > as_of_) return;
    sort_events();
    bool in_period = false;
    bool cso = false;
    std::size_t keep = 0;
    for (; keep < events_.size() && events_[keep].date <= leave; ++keep) {
        const Event& e = events_[keep];
        if (e.status != Status::occurred) continue;
        if (e.type == Type::looked_after_at_home || e.type == Type::accommodated) in_period = true;
        if (e.type == Type::ceased_looked_after) in_period = cso = false;
        if (e.type == Type::childrens_hearing) {
            const auto o = static_cast<Outcome>(e.outcome);
            if (o == Outcome::cso || o == Outcome::cso_continued || o == Outcome::cso_varied) cso = true;
            if (o == Outcome::discharged) cso = false;
        }
    }
    if (!in_period) return;
    events_.resize(keep);
    if (cso) hearing(leave, HearingKind::review, Outcome::discharged);
    const std::size_t r = rng().weighted({50, 35, 15});
    const Destination dest = r == 0 ? Destination::independent : r == 1 ? Destination::home : Destination::other;
    add(leave, Type::ceased_looked_after, kCeasedDetails[idx(dest)], kCeasedNotes[idx(dest)],
        static_cast<std::uint8_t>(dest));
}

// Child protection: a third of referrals lead to an initial case conference that places the
// child's name on the register, reviewed about every six months until it is removed.
void ChildJourney::case_conferences(Day start) {
    if (!rng().chance(330)) return;
    Day d = start + rng().between(7, 28);
    if (!rng().chance(850)) {
        add(d, Type::case_conference, kConferenceDetails[1][1], kConferenceNotes[1]);
        return;
    }
    add(d, Type::case_conference, kConferenceDetails[1][0], kConferenceNotes[1]);
    const std::uint32_t reviews = 1 + rng().below(3);
    for (std::uint32_t i = 0; i < reviews; ++i) {
        d += rng().between(90, 190);
        add(d, Type::case_conference, kConferenceDetails[2][i + 1 == reviews ? 2 : 0], kConferenceNotes[2]);
    }
}

void ChildJourney::standard_child() {
    // Ages 0-17 on the as-of date. How long before the as-of date the council first heard of the
    // child (about as many each year for the last six, fewer before), and the child's age then
    // (babies and primary school ages most): a steady flow of new children, so that the looked
    // after population neither grows nor shrinks from one year to the next.
    const Day earliest = add_months(as_of_, -18 * 12) + 1;
    Day start = as_of_;
    for (int guard = 0; guard < 64; ++guard) {
        const Day lag = rng().weighted_between({{9, 0, 365}, {22, 366, 1095}, {32, 1096, 2190}, {37, 2191, 5400}});
        const Day age = rng().weighted_between(
            {{20, 0, 364}, {22, 365, 1824}, {33, 1825, 4379}, {22, 4380, 5839}, {3, 5840, 6400}});
        start = std::min(as_of_, as_of_ - lag);
        dob_ = start - age;
        if (dob_ >= earliest) break;
        dob_ = rng().between(earliest, start);  // if every draw is too old, any age will do
    }
    referral_journey(start, 0);
}

void ChildJourney::pre_birth_child() {
    const Day earliest = add_months(as_of_, -18 * 12) + 1;
    if (rng().chance(300)) {
        sex_ = rng().chance(600) ? Sex::unknown : sex_;
        // Not yet born on the as-of date.
        const Day concern = as_of_ - rng().between(0, 120);
        ebd_ = concern + rng().between(42, 180);
        if (ebd_ <= as_of_) ebd_ = as_of_ + rng().between(7, 120);
        ebd_detail_ = ebd_;
        if (rng().chance(700)) given_ = "";
        first_contact_ = concern;
        add(concern, Type::pre_birth_concern, "", kPreBirthNotes)->expected_birth = true;
        const Day referral = concern + rng().between(7, 56);
        if (referral < ebd_) add(referral, Type::referral_to_reporter, "", kPreBirthReferralNotes);
        if (const Day conference = concern + rng().between(14, 49); conference < ebd_ && rng().chance(700)) {
            add(conference, Type::case_conference, kConferenceDetails[0][rng().chance(850) ? 0 : 1],
                kConferenceNotes[0]);
        }
        if (rng().chance(750)) {
            const Day alert = ebd_ - rng().between(10, 18);
            if (alert > concern) add(alert, Type::scra_early_alert, "", kAlertNotes);
        }
        return;
    }

    // Born: most are babies or toddlers now, a tail is older.
    const Day age = rng().weighted_between({{60, 0, 365}, {28, 366, 1460}, {12, 1461, 6200}});
    dob_ = std::max(as_of_ - age, earliest);
    ebd_detail_ = dob_ + rng().between(-21, 14);
    const Day concern = ebd_detail_ - rng().between(56, 182);
    first_contact_ = concern;
    add(concern, Type::pre_birth_concern, "", kPreBirthNotes)->expected_birth = true;
    add(std::min(concern + rng().between(7, 56), dob_ - 1), Type::referral_to_reporter, "", kPreBirthReferralNotes);
    // A pre-birth case conference, dated before the birth (the chronology starts there).
    if (rng().chance(850)) {
        const Day held = concern + rng().between(14, 49);
        const Day latest = dob_ - rng().between(7, 28);
        add(std::min(held, latest), Type::case_conference, kConferenceDetails[0][rng().chance(900) ? 0 : 1],
            kConferenceNotes[0]);
    }
    // SCRA early alert 2 weeks before the birth (PACE test of change).
    if (rng().chance(750)) add(dob_ - rng().between(10, 18), Type::scra_early_alert, "", kAlertNotes);
    add(dob_, Type::birth, "", kBirthNotes);

    Period& p = periods_.emplace_back();
    const Placement placement = static_cast<Placement>(rng().weighted({35, 56, 0, 4, 0, 5}));
    Day start = 0;
    Basis basis = Basis::icso;
    // Initial hearing within 2 weeks of the birth (PACE), some late.
    if (rng().chance(250)) {
        start = dob_ + rng().between(0, 2);
        add(start, Type::cpo, "", kCpoNotes);
        basis = Basis::cpo;
        p.cso_from = hearings_to_cso(start + rng().between(1, 3), true);
    } else {
        const Day first = dob_ + (rng().chance(780) ? rng().between(1, 14) : rng().between(15, 45));
        if (rng().chance(500)) {
            start = std::min(dob_ + rng().between(0, 7), first);
            basis = Basis::s25;
        } else {
            start = first;
        }
        p.cso_from = hearings_to_cso(first, true);
    }
    away_episode(p, start, placement, basis, 0);
    cso_track(p);
}

void ChildJourney::referral_journey(Day start, int depth) {
    if (start > horizon_) return;
    if (first_contact_ == kNone) first_contact_ = start;
    const std::size_t r = rng().below(3);
    add(start, Type::referral_to_reporter, "", kReferralNotes[r])->agency = kReferralAgency[r];
    const int age = age_years(dob_, start);
    case_conferences(start);

    switch (rng().weighted({60, 125, 815})) {
        case 0: {
            // The Reporter or a hearing decides no order is needed.
            Day end = start + rng().between(14, 70);
            if (rng().chance(650)) hearing(end, HearingKind::initial, Outcome::discharged);
            if (depth < 2 && rng().chance(300)) referral_journey(end + rng().between(90, 1500), depth + 1);
            return;
        }
        case 1: {
            // Looked after at home on a CSO (DOMAIN.md section 8: 20%).
            const Day first = start + (rng().chance(850) ? rng().between(14, 70) : rng().between(71, 150));
            const Day cso = hearings_to_cso(first, false);
            Period& p = periods_.emplace_back();
            p.cso_from = cso;
            add(cso, Type::looked_after_at_home, "", kAtHomeNotes);
            at_home_phase(p, cso, false, depth);
            cso_track(p);
            return;
        }
        default:
            break;
    }

    // Away from home.
    Period& p = periods_.emplace_back();
    const Placement placement = choose_placement(age);
    Day d0 = start;
    Basis basis = Basis::icso;
    switch (rng().weighted({20, 38, 27, 10, 5})) {
        case 0:  // voluntary (s.25), often followed by hearings
            basis = Basis::s25;
            d0 = start + rng().between(0, 28);
            if (rng().chance(600)) p.cso_from = hearings_to_cso(start + rng().between(21, 90), false);
            break;
        case 1: {
            basis = Basis::icso;
            const Day first = start + rng().between(14, 60);
            d0 = first;
            p.cso_from = hearings_to_cso(first, true);
            break;
        }
        case 2:
            basis = Basis::cso;
            d0 = hearings_to_cso(start + rng().between(14, 60), false);
            p.cso_from = d0;
            break;
        case 3:
            basis = Basis::cpo;
            d0 = start + rng().between(0, 3);
            add(d0, Type::cpo, "", kCpoNotes);
            p.cso_from = hearings_to_cso(d0 + rng().between(1, 3), true);
            break;
        default:
            basis = Basis::other;
            d0 = start + rng().between(0, 14);
            if (rng().chance(500)) p.cso_from = hearings_to_cso(start + rng().between(21, 90), false);
            break;
    }
    away_episode(p, d0, placement, basis, depth);
    cso_track(p);
}

// A note from `notes`, leaving out the last, which quotes the child, for the very young.
const char* ChildJourney::note_for(const Notes& notes, Day d) {
    return notes[rng().below(age_years(dob_, d) < 5 ? 2 : 3)];
}

void ChildJourney::hearing(Day d, HearingKind kind, Outcome outcome) {
    add(d, Type::childrens_hearing, kHearingDetails[idx(kind)][idx(outcome)], note_for(kHearingNotes[idx(outcome)], d),
        static_cast<std::uint8_t>(kind))
        ->outcome = static_cast<std::uint8_t>(outcome);
}

// From the first hearing to the one that makes a CSO; returns that hearing's date. Grounds in
// dispute go to the sheriff (heard within 28 days, CH(S)A 2011 s.101(2)), with interim orders
// renewed within 22 days meanwhile (s.86(3)).
Day ChildJourney::hearings_to_cso(Day first, bool interim_first) {
    if (rng().chance(450)) {
        hearing(first, HearingKind::initial, Outcome::icso);
        const Day lodged = first + rng().between(0, 7);
        add(lodged, Type::grounds_application_lodged, "", kGroundsLodgedNotes);
        const Day heard = lodged + (rng().chance(850) ? rng().between(7, 28) : rng().between(29, 70));
        add(heard, Type::grounds_hearing, "", kGroundsHearingNotes);
        const Day cso = heard + rng().between(7, 28);
        // An ICSO lasts 22 days counting the day made (due = made + 21 days); the Reporter almost
        // always arranges the next hearing in time.
        Day last = first;
        while (cso - last > 21) {
            const Day next = last + (rng().chance(975) ? rng().between(14, 21) : rng().between(22, 35));
            if (next >= cso) break;
            hearing(next, HearingKind::other, Outcome::icso);
            last = next;
        }
        hearing(cso, HearingKind::other, Outcome::cso);
        return cso;
    }
    if (interim_first || rng().chance(250)) {
        hearing(first, HearingKind::initial, Outcome::icso);
        Day next = first + (rng().chance(975) ? rng().between(14, 21) : rng().between(22, 40));
        if (rng().chance(100)) {
            hearing(next, HearingKind::other, Outcome::continued);
            next += rng().between(7, 21);
        }
        hearing(next, HearingKind::other, Outcome::cso);
        return next;
    }
    hearing(first, HearingKind::initial, Outcome::cso);
    return first;
}

// Yearly reviews of the CSO (it lapses after a year, s.83(7)), variations where the child moves
// between home and away, and a discharge when the period ends at home.
void ChildJourney::cso_track(const Period& p) {
    if (p.cso_from == kNone) return;
    const Day end = std::min(p.cso_until, horizon_);
    std::vector<Day> variations = p.variations;
    std::sort(variations.begin(), variations.end());
    std::size_t v = 0;
    Day current = p.cso_from;
    for (int guard = 0; guard < 64; ++guard) {
        // The Reporter arranges the review before the CSO would lapse (s.133); a few are late and the
        // order lapses.
        const Day due = add_months(current, 12);
        Day next = rng().chance(975) ? due - rng().between(14, 75) : due + rng().between(1, 60);
        while (v < variations.size() && variations[v] <= current) ++v;
        if (v < variations.size() && variations[v] <= next && variations[v] < end) {
            hearing(variations[v], HearingKind::review, Outcome::cso_varied);
            current = variations[v++];
            continue;
        }
        // Many reviews come early, asked for by the child, a parent or social work (SCRA
        // 2019/20: 30,363 hearings for 12,849 children referred).
        if (rng().chance(450)) next = current + rng().between(90, 270);
        if (next >= end - 14) break;
        // A deferred hearing reviews nothing; the review follows it before the CSO would lapse.
        if (const Day deferred = next - rng().between(21, 42); rng().chance(80) && deferred > current + 14) {
            hearing(deferred, HearingKind::review, Outcome::continued);
        }
        hearing(next, HearingKind::review, rng().chance(700) ? Outcome::cso_continued : Outcome::cso_varied);
        current = next;
    }
    if (p.discharge_at_end && p.cso_until < kNever && p.cso_until > p.cso_from) {
        hearing(p.cso_until, HearingKind::review, Outcome::discharged);
    }
}

void ChildJourney::at_home_phase(Period& p, Day start, bool after_return, int depth) {
    if (start > horizon_) return;
    enum class Next : std::uint8_t { cease, accommodate, stay };
    // After a return home about one child in eight is accommodated again within a year.
    const Next next = after_return ? static_cast<Next>(rng().weighted({76, 14, 10}))
                                   : static_cast<Next>(rng().weighted({66, 22, 12}));
    Day end = kNever;
    if (next == Next::cease) end = start + (after_return ? rng().between(90, 540) : rng().between(240, 900));
    if (next == Next::accommodate) end = start + (after_return ? rng().between(30, 330) : rng().between(60, 900));
    if (depth >= 2 && next == Next::accommodate) end = kNever;

    // Review of the plan at 2 years on a home CSO (PACE Aim 1), also for a child who went home
    // from care still on the CSO (the home period starts at the return); a fifth drift without one.
    Day plan_review = kNever;
    {
        const std::size_t r = rng().weighted({65, 15, 20});
        if (r == 0) plan_review = start + rng().between(540, 730);
        if (r == 1) plan_review = start + rng().between(731, 1100);
    }
    // Reviews at home: frequency agreed locally (reg 44), here about every six months.
    Day d = start + rng().between(28, 90);
    for (int guard = 0; guard < 64 && d < end && d <= horizon_; ++guard) {
        if (plan_review < end && d + 45 >= plan_review && plan_review != kNone) {
            lar(plan_review, LarKind::plan_review);
            if (rng().chance(300)) {
                add(plan_review, Type::permanence_recommendation, kRouteDetails[idx(Route::remain_home)],
                    kRouteNotes[idx(Route::remain_home)], static_cast<std::uint8_t>(Route::remain_home));
            }
            d = plan_review;
            plan_review = kNone;
        } else {
            lar(d, LarKind::standard);
        }
        d = d + rng().between(150, 200);
    }
    if (plan_review != kNone && plan_review < end) {
        lar(plan_review, LarKind::plan_review);
    }

    if (end >= kNever || end > horizon_) return;
    if (next == Next::cease) {
        const int age = age_years(dob_, end);
        const std::size_t r = rng().weighted({85, 10, age >= 16 ? 5u : 0u});
        cease(p, end, r == 0 ? Destination::home : r == 1 ? Destination::other : Destination::independent, depth);
    } else {
        // The hearing adds a condition of residence and the child is accommodated.
        if (p.cso_from != kNone) p.variations.push_back(end);
        const int age = age_years(dob_, end);
        away_episode(p, end, choose_placement(age), Basis::cso, depth + 1);
    }
}

void ChildJourney::cease(Period& p, Day d, Destination dest, int depth) {
    if (d > horizon_) return;
    add(d, Type::ceased_looked_after, kCeasedDetails[idx(dest)], kCeasedNotes[idx(dest)],
        static_cast<std::uint8_t>(dest));
    p.cso_until = std::min(p.cso_until, d);
    p.discharge_at_end = dest == Destination::home || dest == Destination::other || dest == Destination::independent;
    // Some come back: a new referral and a new looked after period, after a return home mostly
    // within the year.
    if (depth < 2 && dest != Destination::adoption && rng().chance(dest == Destination::home ? 150 : 50)) {
        referral_journey(d + (rng().chance(750) ? rng().between(20, 300) : rng().between(301, 1200)), depth + 1);
    }
}

Placement ChildJourney::choose_placement(int age) {
    // Away from home, Scotland 2024: kinship 35%, foster 32%, residential 11%, prospective
    // adopters about 1% of all looked after children (DOMAIN.md section 8), i.e. of those away.
    if (age < 1) return static_cast<Placement>(rng().weighted({44, 53, 0, 2, 0, 1}));
    if (age < 12) return static_cast<Placement>(rng().weighted({52, 40, 6, 0, 0, 2}));
    return static_cast<Placement>(rng().weighted({33, 26, 36, 0, 3, 2}));
}

Route ChildJourney::choose_route(int age, Placement placement, int depth) {
    std::uint32_t home = 38;
    std::uint32_t kco = 16;
    std::uint32_t po = 30;
    std::uint32_t poa = 5;
    std::uint32_t adoption = 3;
    if (age < 5) {
        home = 32;
        kco = 14;
        po = 16;
        poa = 15;
        adoption = 8;
    } else if (age >= 12) {
        home = 45;
        kco = 22;
        po = 33;
        poa = 0;
        adoption = 0;
    }
    if (placement == Placement::kinship) kco *= 2;
    if (placement == Placement::prospective_adopters) {
        poa += 40;
        adoption += 30;
    }
    if (depth > 0) home /= 2;
    return static_cast<Route>(rng().weighted({home, 0, kco, po, poa, adoption}));
}

Placement ChildJourney::moves(Day from, Day to, Placement current, int age) {
    if (to - from < 10) return current;
    // Most never move; a few children move again and again.
    auto count =
        static_cast<std::size_t>(rng().weighted_between({{55, 0, 0}, {24, 1, 1}, {11, 2, 2}, {8, 3, 5}, {2, 6, 14}}));
    if (count == 0) return current;
    count = std::min<std::size_t>(count, static_cast<std::size_t>((to - from) / 10));
    std::array<Day, 16> dates{};
    for (std::size_t i = 0; i < count; ++i) dates[i] = rng().between(from, to);
    std::sort(dates.begin(), dates.begin() + static_cast<std::ptrdiff_t>(count));
    Day last = kNone;
    for (std::size_t i = 0; i < count; ++i) {
        if (dates[i] == last) continue;
        last = dates[i];
        Placement next = current;
        for (int guard = 0; guard < 8 && next == current; ++guard) {
            next = static_cast<Placement>(rng().weighted({32, 45, age >= 10 ? 30u : 5u, 0, age >= 12 ? 3u : 0u, 3}));
        }
        if (next == current) continue;
        current = next;
        add(dates[i], Type::placement_change, kPlacementDetails[idx(current)], kMoveNotes[idx(current)],
            static_cast<std::uint8_t>(current));
    }
    return current;
}

// First LAR within 6 weeks of the placement (reg 45(2)(a)); PACE councils test holding it at 2
// weeks, a practice that spread from 2016.
Day ChildJourney::first_lar(Day start) {
    std::uint32_t two_week = 50;
    if (pace_) {
        const int year = year_of(start);
        two_week = year <= 2015 ? 100 : year == 2016 ? 300 : year == 2017 ? 450 : 650;
    }
    const bool early = rng().chance(two_week);
    const Day target = early ? 14 : 42;
    return start + rng().weighted_between(
                       {{78, early ? 7 : 14, target}, {16, target + 1, target + 28}, {6, target + 29, target + 100}});
}

// Second LAR within 3 months of the first, then every 6 months (reg 45(2)(b), (c)).
Day ChildJourney::next_lar(Day previous, int number) {
    const Day due = add_months(previous, number == 1 ? 3 : 6);
    const Day d = due + rng().weighted_between({{85, 0, -28}, {12, 1, 45}, {3, 46, 150}});
    return std::max(d, previous + 7);
}

void ChildJourney::lar(Day d, LarKind kind) {
    // A few reviews are cancelled and held later.
    if (rng().chance(30)) {
        if (Event* e = add(d - rng().between(7, 21), Type::lar, kLarDetails[idx(kind)], kCancelledNote,
                           static_cast<std::uint8_t>(kind));
            e != &scratch_) {
            e->status = Status::cancelled;
            e->views = kUnset;  // a review that did not happen heard no views
        }
    }
    add(d, Type::lar, kLarDetails[idx(kind)], note_for(kLarNotes[idx(kind)], d), static_cast<std::uint8_t>(kind));
}

// Legal advice requested 8 weeks, and written advice received 4 weeks, before the Permanence LAR
// (PACE tests of change); sometimes late, sometimes never.
void ChildJourney::legal_advice(Day permanence_lar, Day episode_start, Route route) {
    if (!rng().chance(route == Route::return_home ? 300 : 850)) return;
    Day requested = rng().weighted_between({{60, -56, -75}, {22, -14, -55}, {18, kNone, kNone}});
    if (requested != kNone) requested += permanence_lar;
    if (requested != kNone && requested > episode_start) {
        add(requested, Type::legal_advice_requested, "", kLegalRequestNotes);
    } else {
        requested = episode_start;
    }
    Day received = rng().weighted_between({{55, -28, -35}, {30, 0, -27}, {15, kNone, kNone}});
    if (received != kNone) received += permanence_lar;
    if (received != kNone && received > requested) add(received, Type::legal_advice_received, "", kLegalAdviceNotes);
}

// Lodging to decision, with hearings between; court applications should be dealt with within 20
// weeks (PACE), many take longer. Returns whether the order was granted.
bool ChildJourney::court(Day lodged, Order order, Day& decided) {
    add(lodged, Type::court_application_lodged, kOrderDetails[idx(order)], kLodgedNotes);
    // An adoption petition after a POA, the parents' case already heard, is quicker.
    const Day delay = order == Order::adoption ? rng().weighted_between({{85, 42, 140}, {13, 141, 364}, {2, 365, 700}})
                                               : rng().weighted_between({{64, 42, 140}, {30, 141, 364}, {6, 365, 700}});
    decided = lodged + delay;
    // One draw per statement: the order in which operands are evaluated is unspecified, and the
    // output must not depend on the compiler.
    std::uint32_t hearings = 1 + rng().below(3);
    if (delay > 200) hearings += rng().below(3);
    std::array<Day, 8> dates{};
    for (std::uint32_t i = 0; i < hearings; ++i) dates[i] = rng().between(lodged + 7, decided - 7);
    std::sort(dates.begin(), dates.begin() + hearings);
    for (std::uint32_t i = 0; i < hearings; ++i) {
        if (i > 0 && dates[i] == dates[i - 1]) continue;
        if (rng().chance(40)) {
            if (Event* e = add(dates[i], Type::court_hearing, "", kCancelledNote); e != &scratch_) {
                e->status = Status::cancelled;
            }
            continue;
        }
        add(dates[i], Type::court_hearing, "", kCourtHearingNotes);
    }
    add(decided, Type::court_hearing, "", kCourtHearingNotes);
    if (rng().chance(order == Order::adoption ? 995 : 960)) {
        add(decided, Type::order_granted, kOrderDetails[idx(order)], kGrantedNotes, static_cast<std::uint8_t>(order));
        return true;
    }
    add(decided, Type::order_refused, kOrderDetails[idx(order)], kRefusedNotes, static_cast<std::uint8_t>(order));
    return false;
}

void ChildJourney::away_episode(Period& p, Day d0, Placement placement, Basis basis, int depth) {
    if (d0 > horizon_) return;
    add(d0, Type::accommodated, accommodated_details()[idx(placement) * 6 + idx(basis)].c_str(),
        kAccommodatedNotes[idx(placement)], static_cast<std::uint8_t>(placement));
    const int age = age_years(dob_, d0);
    const Day first = first_lar(d0);
    const Day health = first_steps(d0, first, placement, age);
    const Day recommendation = reviews_to_permanence_lar(d0, first);
    placement = moves(d0 + 7, std::min(recommendation, horizon_) - 7, placement, age);

    Day episode_end = kNever;
    std::vector<Day> later_permanence_lars;
    Route route = choose_route(age_years(dob_, recommendation), placement, depth);
    Day rec = recommendation;
    // A plan that fails at panel, ADM or court goes back to a new Permanence LAR.
    for (int attempt = 0; attempt < 4 && rec <= horizon_; ++attempt) {
        legal_advice(rec, d0, route);
        lar(rec, LarKind::permanence);
        if (rec != recommendation) later_permanence_lars.push_back(rec);
        add(rec, Type::permanence_recommendation, kRouteDetails[idx(route)], kRouteNotes[idx(route)],
            static_cast<std::uint8_t>(route));
        if (rng().chance(700)) {
            static constexpr std::array<Plan, 6> plan_for{Plan::return_home,      Plan::return_home, Plan::kinship,
                                                          Plan::long_term_foster, Plan::poa,         Plan::adoption};
            Plan plan = plan_for[idx(route)];
            if (route == Route::po && rng().chance(400)) plan = Plan::po;
            add(rec + rng().between(0, 28), Type::permanence_plan_recorded, kPlanDetails[idx(plan)], kPlanNotes);
        }
        if (route == Route::return_home) {
            episode_end = return_home(p, rec, depth);
            break;
        }
        // Mentoring meeting 2 weeks after a recommendation for permanence away from home (PACE).
        mentoring_ = rng().weighted_between({{72, 5, 14}, {26, 15, 45}, {2, kNone, kNone}});
        if (mentoring_ != kNone) mentoring_ += rec;
        if (mentoring_ != kNone) add(mentoring_, Type::mentoring_meeting, "", kMentoringNotes);
        const Attempt outcome = route == Route::kinship_care_order
                                    ? kinship_care_order(p, rec, placement, depth)
                                    : panel_and_court(p, rec, route, placement, age, attempt < 2, depth);
        if (!outcome.retry) {
            episode_end = outcome.episode_end;
            break;
        }
        rec = outcome.retry_on;
        route = outcome.retry_route;
    }
    reviews_after_permanence_lar(recommendation, later_permanence_lars, episode_end);

    // Health reviewed about yearly while away from home.
    if (health != kNone) {
        for (Day h = add_months(health, 12) + rng().between(-30, 60); h < episode_end && h <= as_of_;
             h = add_months(h, 12) + rng().between(-30, 60)) {
            if (rng().chance(750)) add(h, Type::health_assessment_completed, "", kHealthNotes);
        }
    }
}

// The first weeks away: the 72-hour meeting (PACE), a health assessment, a first plan and, for
// some, a kinship assessment. Returns the date of the health assessment (kNone if none).
Day ChildJourney::first_steps(Day d0, Day first_lar, Placement placement, int age) {
    // The 72-hour meeting comes before the first LAR, or not at all.
    // (The first LAR is at least a week after the placement, so it bounds only the late ones.)
    if (const Day meeting = rng().weighted_between({{82, 0, 3}, {16, 4, 14}, {2, kNone, kNone}}); meeting != kNone) {
        add(std::min(d0 + meeting, first_lar), Type::post_admission_meeting, "", kMeetingNotes);
    }
    // A health assessment within 4 weeks of the placement (Scottish Government guidance, 2014),
    // most on time.
    // Those not done in 4 weeks are mostly done within a few months; very few never.
    Day health = kNone;
    if (rng().chance(993)) {
        health = d0 + (rng().chance(850) ? rng().between(5, 28) : rng().between(29, 100));
        add(health, Type::health_assessment_completed, "", kHealthNotes);
    }
    // Every looked after child should have a recorded permanence plan (PACE).
    if (rng().chance(800)) {
        const auto plan =
            static_cast<Plan>(rng().weighted({60, 15, 10, 0, 0, age < 5 ? 10u : 0u, age >= 12 ? 5u : 0u}));
        add(d0 + rng().between(14, 84), Type::permanence_plan_recorded, kPlanDetails[idx(plan)], kPlanNotes);
    }
    // Kinship options ruled in or out by the 18-week LAR (Aberdeen PACE aim), later for some,
    // never for very few.
    if (rng().chance(985)) {
        const bool ruled_in = placement == Placement::kinship || rng().chance(450);
        add(d0 + (rng().chance(850) ? rng().between(28, 126) : rng().between(127, 260)),
            Type::kinship_assessment_completed, kKinshipDetails[ruled_in ? 0 : 1], kKinshipNotes[ruled_in ? 0 : 1]);
    }
    return health;
}

// Reviews from accommodation up to the Permanence LAR, which is the first review once the team is
// ready to recommend or, for some, a review called for the purpose. PACE aims at a recommendation
// within 6 months; a long tail drifts for years. Returns the Permanence LAR's date (not yet added).
Day ChildJourney::reviews_to_permanence_lar(Day d0, Day first) {
    const Day ready =
        d0 + rng().weighted_between({{68, 60, 180}, {22, 181, 280}, {7, 281, 450}, {2, 451, 900}, {1, 901, 1800}});
    if (first >= ready) return first;
    lar(first, LarKind::standard);
    Day previous = first;
    for (int number = 1; number < 64 && previous <= horizon_; ++number) {
        const Day next = next_lar(previous, number);
        if (next >= ready) return rng().chance(400) && ready > previous + 14 ? ready : next;
        lar(next, LarKind::standard);
        previous = next;
    }
    return kNever;
}

// Every 6 months after the Permanence LAR while the episode lasts; a later Permanence LAR (after a
// plan failed) takes the place of the review it falls before.
void ChildJourney::reviews_after_permanence_lar(Day permanence_lar, std::vector<Day>& later, Day episode_end) {
    if (permanence_lar > horizon_) return;
    std::sort(later.begin(), later.end());
    std::size_t k = 0;
    Day last = permanence_lar;
    for (int guard = 0; guard < 64; ++guard) {
        const Day next = next_lar(last, 2);
        if (k < later.size() && later[k] <= next) {
            last = std::max(last, later[k++]);
            continue;
        }
        if (next >= episode_end || next > horizon_) break;
        lar(next, LarKind::standard);
        last = next;
    }
}

// Route return home: the child goes home some weeks after the recommendation (the away episode
// ends) and stays looked after at home on the CSO, or, accommodated voluntarily, stops being
// looked after. Returns the day the episode ends.
Day ChildJourney::return_home(Period& p, Day rec, int depth) {
    const Day home = rec + (rng().chance(800) ? rng().between(14, 120) : rng().between(121, 365));
    if (p.cso_from == kNone) {
        if (rng().chance(300)) {
            add(home, Type::returned_home, "", kReturnedNotes);
            cease(p, home + rng().between(7, 56), Destination::home, depth);
        } else {
            cease(p, home, Destination::home, depth);
        }
        return home;
    }
    add(home, Type::returned_home, "", kReturnedNotes);
    if (rng().chance(500)) p.variations.push_back(home);
    at_home_phase(p, home, true, depth);
    return home;
}

// Route kinship care order: the child moves to the kinship carers if not already there; most
// councils take the plan to the permanence (or a kinship) panel, mostly within 12 weeks (the
// panel records no recommendation: DATA.md has no kinship value), and the agency decision maker
// agrees it; the council applies to court,
// and the order ends being looked after.
ChildJourney::Attempt ChildJourney::kinship_care_order(Period& p, Day rec, Placement& placement, int depth) {
    Day lodged = rec;
    if (placement != Placement::kinship) {
        lodged = rec + rng().between(7, 60);
        placement = Placement::kinship;
        add(lodged, Type::placement_change, kPlacementDetails[idx(placement)], kMoveNotes[idx(placement)],
            static_cast<std::uint8_t>(placement));
    }
    Day panel = rng().weighted_between({{80, 21, 84}, {12, 85, 180}, {8, kNone, kNone}});
    if (panel != kNone) panel += rec;
    Day agreed = kNone;
    if (panel != kNone) {
        if (mentoring_ != kNone && mentoring_ >= rec) panel = std::max(panel, mentoring_ + rng().between(7, 21));
        add(panel, Type::permanence_panel, "", kKinshipPanelNotes);
        // The agency decision maker agrees the plan, mostly within 14 days of the panel.
        agreed = panel + (rng().chance(850) ? rng().between(2, 14) : rng().between(15, 45));
        add(agreed, Type::adm_decision, kAdmDetails[0], kAdmNotes[0]);
    }
    lodged += rng().weighted_between({{75, 28, 90}, {20, 91, 200}, {5, 201, 400}});
    // Lodged after the decision maker agreed, when the plan went to panel.
    if (agreed != kNone && lodged <= agreed) lodged = agreed + rng().between(7, 28);
    Day decided = 0;
    if (court(lodged, Order::kinship_care_order, decided)) {
        const Day end = decided + (rng().chance(800) ? 0 : rng().between(1, 28));
        cease(p, end, Destination::kinship_care_order, depth);
        return {end, false, kNever, Route::po};
    }
    const Day retry_on = decided + rng().between(60, 270);
    return {kNever, true, retry_on, rng().chance(500) ? Route::return_home : Route::po};
}

// Routes PO, POA and adoption: permanence panel (local aim: within 12 weeks of the
// recommendation), the agency decision maker within 14 days (AA(S)R 2009 reg 13), the court, and
// for adoption matching, placement and the adoption order.
ChildJourney::Attempt ChildJourney::panel_and_court(Period& p, Day rec, Route route, Placement& placement, int age,
                                                    bool may_fail, int depth) {
    Day panel = rec + rng().weighted_between({{78, 28, 84}, {17, 85, 210}, {5, 211, 420}});
    if (mentoring_ != kNone && mentoring_ >= rec) panel = std::max(panel, mentoring_ + rng().between(7, 28));
    if (may_fail && rng().chance(50)) {
        add(panel, Type::permanence_panel, kPanelDetails[idx(PanelRec::not_agreed)],
            kPanelNotes[idx(PanelRec::not_agreed)]);
        return {kNever, true, panel + rng().between(60, 240), route};
    }
    const PanelRec panel_rec = route == Route::po    ? (rng().chance(150) ? PanelRec::long_term_foster : PanelRec::po)
                               : route == Route::poa ? PanelRec::poa
                                                     : PanelRec::adoption;
    add(panel, Type::permanence_panel, kPanelDetails[idx(panel_rec)], kPanelNotes[idx(panel_rec)]);
    const Day adm = panel + (rng().chance(800) ? rng().between(2, 14) : rng().between(15, 45));
    if (may_fail && rng().chance(50)) {
        add(adm, Type::adm_decision, kAdmDetails[1], kAdmNotes[1], 1);
        return {kNever, true, adm + rng().between(60, 240), route};
    }
    add(adm, Type::adm_decision, kAdmDetails[0], kAdmNotes[0]);

    Day adoption_from = adm;
    if (route == Route::po || route == Route::poa) {
        const Day lodged = adm + rng().weighted_between({{55, 28, 120}, {35, 121, 300}, {10, 301, 700}});
        // A hearing advises the sheriff when a child on a CSO is subject to the application; a
        // continued advice hearing should be rescheduled within 2 weeks (PACE).
        if (p.cso_from != kNone && lodged < p.cso_until) {
            const Day advice = lodged + rng().between(14, 70);
            if (rng().chance(750)) {
                add(advice, Type::advice_hearing, kAdviceDetails[0], kAdviceNotes[0]);
            } else {
                add(advice, Type::advice_hearing, kAdviceDetails[1], kAdviceNotes[1]);
                add(advice + (rng().chance(700) ? rng().between(7, 14) : rng().between(15, 49)), Type::advice_hearing,
                    kAdviceDetails[0], kAdviceNotes[0]);
            }
        }
        Day decided = 0;
        if (!court(lodged, route == Route::po ? Order::po : Order::poa, decided)) {
            const Day retry_on = decided + rng().between(60, 270);
            return {kNever, true, retry_on, rng().chance(500) ? Route::return_home : Route::po};
        }
        // With the permanence order in place a review hearing discharges the CSO.
        if (p.cso_from != kNone && decided < p.cso_until) {
            p.cso_until = decided + (rng().chance(900) ? rng().between(7, 42) : rng().between(43, 120));
            p.discharge_at_end = true;
        }
        if (route == Route::po) {
            // Some councils record the end of being looked after with the order; for most the
            // child is still looked after in long-term foster care, and still reviewed.
            if (rng().chance(350)) {
                const Day end = decided + rng().between(0, 90);
                cease(p, end, Destination::po, depth);
                return {end, false, kNever, route};
            }
            if (rng().chance(200)) placement = moves(decided + 60, horizon_, placement, age);
            return {kNever, false, kNever, route};
        }
        adoption_from = decided;
    }

    Day placed = 0;  // set on both branches below
    if (placement != Placement::prospective_adopters) {
        const Day match = adoption_from + (route == Route::poa ? rng().between(30, 365) : rng().between(30, 240));
        add(match, Type::matched, "", kMatchedNotes);
        placed = match + rng().between(14, 70);
        add(placed, Type::placed_with_permanent_carers, "", kPlacedNotes);
        placement = Placement::prospective_adopters;
        add(placed, Type::placement_change, kPlacementDetails[idx(placement)], kMoveNotes[idx(placement)],
            static_cast<std::uint8_t>(placement));
    } else {
        placed = adoption_from + rng().between(7, 60);
        add(placed, Type::placed_with_permanent_carers, "", kPlacedNotes);
    }
    // A refused adoption petition is rare; the child stays with the carers under the existing
    // order and the generator follows it no further.
    Day decided = 0;
    if (court(placed + rng().between(30, 120), Order::adoption, decided) && decided <= horizon_) {
        p.cso_until = std::min(p.cso_until, decided);
        cease(p, decided, Destination::adoption, depth);
        return {decided, false, kNever, route};
    }
    return {kNever, false, kNever, route};
}

void ChildJourney::life_events(Day from) {
    if (from == kNone || from > as_of_) return;
    // A case that has gone quiet is closed: nothing is recorded more than a year after the last
    // thing social work recorded by the as-of date. The dates are drawn as before and those past
    // the end dropped, so the random stream, and every later child, is the same.
    Day last_activity = from;
    for (const auto& e : events_) {
        if (e.date <= as_of_) last_activity = std::max(last_activity, e.date);
    }
    const Day end = std::min(as_of_, last_activity + 365);
    const Day span = as_of_ - from;
    const std::uint32_t count = 1 + rng().below(4) + static_cast<std::uint32_t>(std::min(span / 365, 8));
    for (std::uint32_t i = 0; i < count; ++i) {
        const Day d = rng().between(from, as_of_);
        const int age = age_years(dob_, d);
        const LifeEvent* e = &rng().pick(kLifeEvents);
        for (int guard = 0; guard < 8 && e->min_age > age; ++guard) e = &rng().pick(kLifeEvents);
        if (e->min_age > age || d > end) continue;
        add(d, Type::life_event, kImpactDetails[idx(e->impact)], e->note, static_cast<std::uint8_t>(e->impact))
            ->agency = e->agency;
    }
}

// Sorts the record and applies what a council's export would show on the as-of date: occurred
// events after it are dropped, except the next review, hearing or panel, which is recorded as
// planned; nothing (but what is allowed) before the date of birth; nothing before 1900.
void ChildJourney::sort_events() {
    std::sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
        if (a.date != b.date) return a.date < b.date;
        if (info(a.type).rank != info(b.type).rank) return info(a.type).rank < info(b.type).rank;
        return a.seq < b.seq;
    });
}

void ChildJourney::finish() {
    sort_events();
    // An adopted child leaves the council's care: nothing is recorded after the adoption.
    for (std::size_t i = 0; i < events_.size(); ++i) {
        if (events_[i].type == Type::ceased_looked_after && events_[i].status == Status::occurred &&
            events_[i].sub == static_cast<std::uint8_t>(Destination::adoption)) {
            events_.resize(i + 1);
            break;
        }
    }
    static const Day earliest = core::Date(1900, 1, 1).serial();
    std::array<bool, kTypeCount * 4> planned_seen{};
    std::size_t out = 0;
    for (std::size_t i = 0; i < events_.size(); ++i) {
        Event e = events_[i];
        if (e.date < earliest) continue;
        if (e.date > as_of_) {
            if (e.status != Status::occurred) continue;
            const char* note = planned_note(e.type);
            if (*note == '\0' || e.date > as_of_ + 365) continue;
            // One planned event of each kind: the next review of each kind, hearing, panel...
            const std::size_t key = idx(e.type) * 4 + (e.type == Type::lar ? e.sub : 0);
            if (planned_seen[key]) continue;
            planned_seen[key] = true;
            if (!rng().chance(850)) continue;
            e.status = Status::planned;
            e.note = note;
            if (e.type == Type::childrens_hearing) e.details = kHearingKindOnly[e.sub];
            if (e.type == Type::advice_hearing || e.type == Type::permanence_panel) e.details = "";
            e.views = kUnset;  // known once it has happened
        }
        // The types DATA.md allows before the date of birth that the generator writes there.
        const bool before_birth_ok = e.type == Type::pre_birth_concern || e.type == Type::scra_early_alert ||
                                     e.type == Type::referral_to_reporter || e.type == Type::case_conference;
        if (dob_ == kNone) {
            if (!before_birth_ok || e.status != Status::occurred) continue;
        } else if (e.date < dob_ && !before_birth_ok && e.status != Status::planned) {
            continue;
        }
        events_[out++] = e;
    }
    events_.resize(out);
}

core::Stage ChildJourney::stage(Day as_of) {
    stage_child_.date_of_birth.reset();
    if (dob_ != kNone) stage_child_.date_of_birth = core::Date::from_serial(dob_);
    stage_events_.clear();
    for (const Event& e : events_) {
        core::Event& c = stage_events_.emplace_back();
        c.date = core::Date::from_serial(e.date);
        c.type = core::id_of(e.type);
        c.status = e.status;
        c.details = e.expected_birth ? "" : e.details;
        c.seq = static_cast<std::int64_t>(stage_events_.size());
    }
    stage_journey_.assign(stage_child_, stage_events_, core::Date::from_serial(as_of));
    const core::Stage stage = core::compute_stage(stage_journey_).stage;
    return stage == core::Stage::awaiting_adoption ? core::Stage::permanent : stage;
}

bool is_pace_council(std::string_view council) {
    std::uint32_t h = 2166136261u;
    for (char c : council) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h % 32 < 27;
}

}  // namespace waymark::synth
