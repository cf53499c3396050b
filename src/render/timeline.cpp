#include "render/timeline.hpp"

#include "render/placement.hpp"

#include "core/legal_status.hpp"
#include "core/stage.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

namespace waymark::render {

namespace {

using core::Date;
using core::Event;
using core::EventType;

// --- Dates ----------------------------------------------------------------------------------

// Weeks to the nearest whole week (90 days is "13 wks", not "12 wks", beside a 12-week threshold).
std::string weeks_text(core::Days d) {
    const std::int32_t w = (d.count + 3) / 7;
    return std::to_string(w) + (w == 1 ? " wk" : " wks");
}

// --- Events: categories, shapes and priorities -------------------------------------------------

enum class Category { hearing, review, decision, legal, order, refused, move, life_positive, life_negative, other };

Category category_of(const Event& e) {
    if (e.type >= id_of(EventType::builtin_count_)) return Category::other;
    switch (static_cast<EventType>(e.type)) {
        case EventType::grounds_hearing:
        case EventType::childrens_hearing:
        case EventType::advice_hearing:
            return Category::hearing;
        case EventType::post_admission_meeting:
        case EventType::lar:
        case EventType::mentoring_meeting:
            return Category::review;
        case EventType::permanence_plan_recorded:
        case EventType::permanence_recommendation:
        case EventType::permanence_panel:
        case EventType::adm_decision:
        case EventType::matched:
            return Category::decision;
        case EventType::legal_advice_requested:
        case EventType::legal_advice_received:
        case EventType::court_application_lodged:
        case EventType::court_hearing:
        case EventType::grounds_application_lodged:
        case EventType::referral_to_reporter:
            return Category::legal;
        case EventType::cpo:
        case EventType::order_granted:
            return Category::order;
        case EventType::order_refused:
            return Category::refused;
        case EventType::looked_after_at_home:
        case EventType::accommodated:
        case EventType::placement_change:
        case EventType::returned_home:
        case EventType::ceased_looked_after:
        case EventType::placed_with_permanent_carers:
            return Category::move;
        case EventType::life_event:
            if (e.attr("impact") == "positive") return Category::life_positive;
            if (e.attr("impact") == "negative") return Category::life_negative;
            return Category::other;
        default:
            return Category::other;
    }
}

struct Look {
    Shape shape;
    Colour colour;
    int priority;  // labels placed first, and chronology entries kept first
};

Look look_of(Category c) {
    switch (c) {
        case Category::order:
            return {Shape::star, kGreen, 90};
        case Category::refused:
            return {Shape::cross, kWarning, 85};
        case Category::decision:
            return {Shape::diamond, kPurple, 80};
        case Category::legal:
            return {Shape::triangle_up, kOrange, 60};
        case Category::hearing:
            return {Shape::circle, kBlue, 70};
        case Category::move:
            return {Shape::triangle_down, kInk, 75};
        case Category::life_positive:
            return {Shape::plus, kGreen, 40};
        case Category::life_negative:
            return {Shape::minus, kWarning, 40};
        case Category::review:
            return {Shape::square, kGreen, 30};
        case Category::other:
            return {Shape::circle, kGrey, 20};
    }
    return {Shape::circle, kGrey, 20};
}

// The events between which a child waits: hearings, reviews, decisions, court steps and orders,
// and the changes of legal status.
bool is_decision(const Event& e) {
    switch (category_of(e)) {
        case Category::hearing:
        case Category::decision:
        case Category::order:
        case Category::refused:
        case Category::move:
            return true;
        case Category::review:
            return e.is(EventType::lar);
        case Category::legal:
            return e.is(EventType::court_hearing);
        default:
            return false;
    }
}

std::string words(std::string_view code) {
    static const std::array<std::pair<std::string_view, std::string_view>, 19> kWords = {{
        {"cso", "CSO made"},
        {"cso_continued", "CSO continued"},
        {"cso_varied", "CSO varied"},
        {"icso", "interim CSO"},
        {"po", "PO"},
        {"poa", "POA"},
        {"kinship_care_order", "kinship care order"},
        {"prospective_adopters", "prospective adopters"},
        {"long_term_foster", "long-term foster"},
        {"return_home", "return home"},
        {"remain_home", "remain at home"},
        {"not_agreed", "not agreed"},
        {"ruled_in", "ruled in"},
        {"ruled_out", "ruled out"},
        {"s25", "s25"},
        {"plan_review", "plan review"},
        {"permanence", "permanence"},
        {"standard", "standard"},
        {"home", "home"},
    }};
    for (const auto& [k, v] : kWords) {
        if (k == code) return std::string(v);
    }
    std::string out(code);
    std::replace(out.begin(), out.end(), '_', ' ');
    return out;
}

std::string with(std::string label, std::string_view value) {
    if (value.empty()) return label;
    return label + ": " + words(value);
}

// --- Page geometry ------------------------------------------------------------------------------

struct Geometry {
    double width = 0;
    double height = 0;
    double margin = 24;
    double left = 0;   // start of the plot (after the row titles)
    double right = 0;  // end of the plot
    double label_top = 0;
    double lane_height = 9;
    int lanes = 0;
    double axis_y = 0;
    double summary_y = 0;
    double waits_y = 0;
    double band_y = 0;  // the legal status band
    double placement_y = 0;
    double band_h = 12;
    double clocks_y = 0;
    int clock_lanes = 3;
    double clock_lane_h = 10;
    double years_y = 0;
    double age_y = 0;
    double development_y = 0;
    double chronology_top = 0;
    double chronology_bottom = 0;
};

Geometry geometry(Paper paper) {
    Geometry g;
    g.width = paper == Paper::a3 ? 1190.55 : 841.89;
    g.height = paper == Paper::a3 ? 841.89 : 595.28;
    g.left = g.margin + 70;
    g.right = g.width - g.margin;
    g.label_top = g.margin + 104;  // under the key's three rows
    g.lanes = static_cast<int>(g.height * 0.24 / g.lane_height) - 1;
    g.axis_y = g.label_top + g.lanes * g.lane_height + 10;
    g.summary_y = g.axis_y + 8;
    g.waits_y = g.summary_y + 12;
    g.band_y = g.waits_y + 22;
    g.placement_y = g.band_y + g.band_h + 3;
    g.clocks_y = g.placement_y + g.band_h + 4;
    g.years_y = g.clocks_y + g.clock_lanes * g.clock_lane_h + 4;
    g.age_y = g.years_y + 14;
    g.development_y = g.age_y + 14;
    g.chronology_top = g.development_y + 30;
    g.chronology_bottom = g.height - g.margin - 16;
    return g;
}

// Dates to x. Usually one linear piece from the first date to the last; with a break in the
// axis, two: the years before the first involvement compressed into the left piece, the rest
// in the right, each linear (so each side's year and age scale is honest), with a gap between.
class Scale {
public:
    struct Piece {
        Date from;
        Date to;
        double x0;
        double x1;
        [[nodiscard]] double per_day() const { return (x1 - x0) / std::max(1, (to - from).count); }
    };
    Scale(Date from, Date to, double x0, double x1) : pieces_{{from, to, x0, x1}} {}
    explicit Scale(std::vector<Piece> pieces) : pieces_(std::move(pieces)) {}
    [[nodiscard]] double x(Date d) const {
        const Piece& p = piece_of(d);
        return p.x0 + p.per_day() * (d - p.from).count;
    }
    [[nodiscard]] double clamped(Date d) const { return std::clamp(x(d), pieces_.front().x0, pieces_.back().x1); }
    [[nodiscard]] const std::vector<Piece>& pieces() const { return pieces_; }
    [[nodiscard]] bool broken() const { return pieces_.size() > 1; }
    // Whether x lies within `margin` of the break (where tick labels of the two sides would meet).
    [[nodiscard]] bool near_break(double x, double margin) const {
        for (std::size_t i = 1; i < pieces_.size(); ++i) {
            if (x > pieces_[i - 1].x1 - margin && x < pieces_[i].x0 + margin) return true;
        }
        return false;
    }

private:
    [[nodiscard]] const Piece& piece_of(Date d) const {
        const Piece* p = &pieces_.front();
        for (const Piece& q : pieces_) {
            if (d >= q.from) p = &q;
        }
        return *p;
    }
    std::vector<Piece> pieces_;
};

const Font kTitleFont{16, true, false};
const Font kHeaderFont{8.5, false, false};
const Font kHeaderBold{8.5, true, false};
const Font kRowTitle{7, true, false};
const Font kSmall{6.5, false, false};
const Font kSmallBold{6.5, true, false};
const Font kTiny{6, false, false};
constexpr double kMaxLabelWidth = 140;  // a milestone label longer than this ends in an ellipsis

// --- The pieces of the page --------------------------------------------------------------------

struct Shown {
    const Event* event = nullptr;
    int number = 0;
    Category category = Category::other;
    double x = 0;
    std::string label;
};

struct Context {
    const TimelineInput& in;
    const TimelineOptions& options;
    const Writer& w;
    const Geometry& g;
    const Scale& scale;
    Date from;
    Date to;
    Date as_of;
    std::vector<Shown> shown;
};

std::string child_reference(const core::ChildRecord& c) {
    return c.local_authority + " " + c.child_id;
}

std::string display_name(const core::ChildRecord& c, bool names) {
    if (!names) return "Case " + child_reference(c);
    std::string n = c.given_name;
    if (!c.family_name.empty()) n += (n.empty() ? "" : " ") + c.family_name;
    return n.empty() ? "Case " + child_reference(c) : n;
}

std::string stage_words(core::Stage s) {
    switch (s) {
        case core::Stage::pre_birth:
            return "pre-birth";
        case core::Stage::awaiting_adoption:
            return "awaiting adoption";
        case core::Stage::permanent:
            return "permanent";
        case core::Stage::not_looked_after:
            return "not looked after";
        case core::Stage::away_assessment:
            return "away from home, assessment";
        case core::Stage::returning_home:
            return "returning home";
        case core::Stage::legal:
            return "legal";
        case core::Stage::panel:
            return "panel";
        case core::Stage::permanence_planning:
            return "permanence planning";
        case core::Stage::at_home:
            return "looked after at home";
    }
    return "";
}

void header(Scene& scene, const Context& c) {
    const auto& child = c.in.journey.child();
    Group& g = scene.add_group("header", "Child and date");
    const double top = c.g.margin;
    g.items.emplace_back(c.w.text(c.g.width / 2, top + 8, "OFFICIAL-SENSITIVE", kHeaderBold, kInk, Anchor::middle));
    const double half = (c.g.right - c.g.margin) / 2 - 10;
    g.items.emplace_back(
        c.w.text(c.g.margin, top + 30, c.w.fit(display_name(child, c.options.names), kTitleFont, half), kTitleFont));
    std::string details;
    if (c.options.names) {
        details = child.date_of_birth         ? "Born " + long_date(*child.date_of_birth)
                  : child.expected_birth_date ? "Expected " + long_date(*child.expected_birth_date)
                                              : "Date of birth not recorded";
        details += "  \u00b7  Case reference " + child.child_id;
    } else if (child.date_of_birth) {
        const int age = core::age_in_years(*child.date_of_birth, c.as_of);
        details = "Aged " + std::to_string(age) + (age == 1 ? " year" : " years") + " on the date of this timeline";
    } else {
        details = "Not yet born on the date of this timeline";
    }
    details += "  \u00b7  Council " + child.local_authority;
    g.items.emplace_back(c.w.text(c.g.margin, top + 44, c.w.fit(details, kHeaderFont, half), kHeaderFont));

    g.items.emplace_back(c.w.text(c.g.right, top + 28, "As of " + long_date(c.as_of), kHeaderBold, kInk, Anchor::end));
    std::string stage = "Stage: " + stage_words(c.in.stage.stage);
    if (c.in.stage.since) stage += " since " + short_date(*c.in.stage.since);
    g.items.emplace_back(
        c.w.text(c.g.right, top + 42, c.w.fit(stage, kHeaderFont, half), kHeaderFont, kInk, Anchor::end));
}

// --- Marker and legend swatches ---

Marker marker_for(const Shown& s, double y) {
    const Look look = look_of(s.category);
    return Marker{{s.x, y}, look.shape, 6.5, look.colour, s.event->status == core::EventStatus::planned, 1.2};
}

struct BandStyle {
    std::string_view name;
    Fill fill;
};

const BandStyle kAtHome{"At home", {{0xf6, 0xee, 0xb4}, Pattern::horizontal, {0x8a, 0x7a, 0x00}}};
const BandStyle kKinship{"Kinship", {{0xc4, 0xe6, 0xd9}, Pattern::diagonal, kGreen}};
const BandStyle kFoster{"Foster", {{0xc9, 0xe1, 0xf2}, Pattern::back_diagonal, kBlue}};
const BandStyle kResidential{"Residential", {{0xf4, 0xdc, 0xb4}, Pattern::cross, kOrange}};
const BandStyle kAdopters{"Prospective adopters", {{0xef, 0xd5, 0xe6}, Pattern::dots, kPurple}};
const BandStyle kSecure{"Secure", {{0xf4, 0xc9, 0xb6}, Pattern::vertical, kWarning}};
const BandStyle kOtherAway{"Away (other)", {{0xe2, 0xe2, 0xe2}, Pattern::none, kGrey}};
const BandStyle kPermanent{"Permanent", {{0x00, 0x5a, 0x42}, Pattern::none, kWhite}};
// Legal status (docs/timeline.md): what the child is looked after under, then the permanence
// orders; a POA or a placement order is awaiting adoption, not yet permanent.
const BandStyle kS25{"s25 (voluntary)", {{0xe8, 0xe8, 0xe8}, Pattern::none, kGrey}};
const BandStyle kCpo{"CPO", {{0xf4, 0xc9, 0xb6}, Pattern::none, kWarning}};
const BandStyle kIcso{"ICSO", {{0xdd, 0xec, 0xf7}, Pattern::horizontal, kBlue}};
const BandStyle kCso{"CSO", {{0xa9, 0xcf, 0xea}, Pattern::none, kBlue}};
const BandStyle kPoa{"POA: awaiting adoption", {{0xef, 0xd5, 0xe6}, Pattern::dots, kPurple}};
const BandStyle kPlacementOrder{"Placement order: awaiting adoption", {{0xef, 0xd5, 0xe6}, Pattern::dots, kPurple}};
const BandStyle kPo{"PO", {{0x00, 0x5a, 0x42}, Pattern::none, kWhite}};
const BandStyle kKco{"KCO", {{0x00, 0x5a, 0x42}, Pattern::none, kWhite}};
const BandStyle kAdopted{"Adopted", {{0x00, 0x5a, 0x42}, Pattern::none, kWhite}};
const BandStyle kLapsedNoOrder{"Lapsed", {kWhite, Pattern::diagonal, kWarning}};
const Fill kWarningFill{{0xfb, 0xe3, 0xd6}, Pattern::diagonal, kWarning};

const BandStyle& away_style(std::string_view placement) {
    if (placement == "kinship") return kKinship;
    if (placement == "foster") return kFoster;
    if (placement == "residential") return kResidential;
    if (placement == "prospective_adopters") return kAdopters;
    if (placement == "secure") return kSecure;
    return kOtherAway;
}

void legend(Scene& scene, const Context& c) {
    Group& g = scene.add_group("legend", "Key");
    double x = c.g.margin;
    double y = c.g.margin + 62;
    const auto item = [&](const std::function<void(double)>& swatch, double swatch_w, const std::string& label) {
        const double w = swatch_w + 3 + c.w.width(label, kSmall) + 10;
        if (x + w > c.g.right) {
            x = c.g.margin;
            y += 11;
        }
        swatch(x);
        g.items.emplace_back(c.w.text(x + swatch_w + 3, y + 2.3, label, kSmall));
        x += w;
    };
    const auto shape_item = [&](Category cat, bool hollow, const std::string& label) {
        const Look look = look_of(cat);
        item(
            [&](double sx) {
                g.items.emplace_back(Marker{{sx + 3.5, y}, look.shape, 6.5, look.colour, hollow, 1.2});
            },
            7, label);
    };
    shape_item(Category::hearing, false, "Hearing");
    shape_item(Category::review, false, "Review or meeting");
    shape_item(Category::decision, false, "Plan, recommendation or decision");
    shape_item(Category::legal, false, "Legal or court step");
    shape_item(Category::order, false, "Order granted");
    shape_item(Category::refused, false, "Order refused");
    shape_item(Category::move, false, "Move or change of status");
    shape_item(Category::life_positive, false, "Life event (positive)");
    shape_item(Category::life_negative, false, "Life event (negative)");
    shape_item(Category::hearing, true, "Planned (hollow)");
    const auto swatches = [&](const char* title, std::initializer_list<const BandStyle*> styles) {
        x = c.g.margin;
        y += 12;
        g.items.emplace_back(c.w.text(x, y + 2.3, title, kSmallBold));
        x += c.w.width(title, kSmallBold) + 6;
        for (const BandStyle* s : styles) {
            item(
                [&](double sx) {
                    g.items.emplace_back(box(sx, y - 3.5, 14, 7, s->fill, Stroke{kGrey, 0.4, Dash::solid}));
                },
                14, std::string(s->name));
        }
    };
    swatches("Legal status", {&kS25, &kCpo, &kIcso, &kCso, &kPoa, &kPo});
    item(
        [&](double sx) {
            g.items.emplace_back(box(sx, y - 3.5, 14, 7, kKco.fill, Stroke{kGrey, 0.4, Dash::solid}));
        },
        14, "KCO or adopted (permanent)");
    item(
        [&](double sx) {
            g.items.emplace_back(box(sx, y - 3.5, 14, 7, kLapsedNoOrder.fill, Stroke{kGrey, 0.4, Dash::solid}));
            g.items.emplace_back(line(sx, y - 5, sx, y + 5, Stroke{kWarning, 2, Dash::solid}));
        },
        14, "Order lapsed: not reviewed by its due day, so it ceased to have effect");
    swatches("Placement", {&kAtHome, &kKinship, &kFoster, &kResidential, &kAdopters, &kSecure});
    item(
        [&](double sx) {
            g.items.emplace_back(box(sx, y - 3.5, 14, 7, kWarningFill, Stroke{kWarning, 0.8, Dash::solid}));
        },
        14, "Timescale missed or overdue");
    item(
        [&](double sx) {
            g.items.emplace_back(Path{{{sx, y - 3}, {sx, y + 1}, {sx + 14, y + 1}, {sx + 14, y - 3}},
                                      Stroke{kInk, 0.8, Dash::solid},
                                      std::nullopt,
                                      false});
        },
        14, "Wait of over " + weeks_text(c.options.gap_threshold) + " between decisions");
}

// --- Axes ---

void row_title(Group& g, const Context& c, double y, std::string title) {
    g.items.emplace_back(
        c.w.text(c.g.margin, y, c.w.fit(std::move(title), kRowTitle, c.g.left - c.g.margin - 4), kRowTitle));
}

void time_axis(Scene& scene, const Context& c) {
    Group& g = scene.add_group("time-axis",
                               "Years from " + std::to_string(c.from.year()) + " to " + std::to_string(c.to.year()));
    row_title(g, c, c.g.years_y + 9, "Year");
    // Each piece of a broken axis has its own ticks, at the step its own scale allows; labels
    // next to the break are left out so that the two sides' labels never meet.
    for (const Scale::Piece& piece : c.scale.pieces()) {
        g.items.emplace_back(line(piece.x0, c.g.years_y, piece.x1, c.g.years_y, Stroke{kInk, 0.6, Dash::solid}));
        const int first = piece.from.year();
        const int last = piece.to.year();
        const double year_w = piece.per_day() * 365.25;
        const int step = year_w >= 26 ? 1 : year_w >= 13 ? 2 : 5;
        for (int y = first; y <= last + 1; ++y) {
            const Date d(y, 1, 1);
            if (d < piece.from || d > piece.to) continue;
            const double x = c.scale.x(d);
            g.items.emplace_back(line(x, c.g.years_y, x, c.g.years_y + 3, Stroke{kInk, 0.6, Dash::solid}));
            if (y % step == 0 && !c.scale.near_break(x, 12))
                g.items.emplace_back(c.w.text(x, c.g.years_y + 10, std::to_string(y), kTiny, kInk, Anchor::middle));
        }
        // Short stretches also show months, named where there is room (every month, or quarters).
        if ((piece.to - piece.from).count >= 3 * 366) continue;
        const double month_w = piece.per_day() * 30.44;
        const unsigned every = month_w >= 22 ? 1 : month_w >= 8 ? 3 : 0;
        // With no new year on the axis, the first month named says which year it is.
        bool year_shown = first != last;
        for (Date d(first, 1, 1); d <= piece.to; d = d + core::Months{1}) {
            const auto month = static_cast<unsigned>(d.ymd().month());
            if (d < piece.from || month == 1) continue;
            const double x = c.scale.x(d);
            g.items.emplace_back(line(x, c.g.years_y, x, c.g.years_y + 1.5, Stroke{kGrey, 0.4, Dash::solid}));
            if (every != 0 && (month - 1) % every == 0 && x + 8 < piece.x1 && !c.scale.near_break(x, 12)) {
                std::string name(month_short(month));
                if (!year_shown && month_w >= 22) name += " " + std::to_string(first);
                year_shown = true;
                g.items.emplace_back(c.w.text(x, c.g.years_y + 10, name, kTiny, kGrey, Anchor::middle));
            }
        }
    }
}

void age_axis(Scene& scene, const Context& c) {
    const auto& child = c.in.journey.child();
    if (!child.date_of_birth) return;
    const Date born = *child.date_of_birth;
    Group& g = scene.add_group("age", "Age in years");
    row_title(g, c, c.g.age_y + 9, "Age (years)");
    for (const Scale::Piece& piece : c.scale.pieces()) {
        g.items.emplace_back(line(piece.x0, c.g.age_y, piece.x1, c.g.age_y, Stroke{kGrey, 0.4, Dash::solid}));
        const double year_w = piece.per_day() * 365.25;
        const int step = year_w >= 14 ? 1 : year_w >= 7 ? 2 : 5;
        for (int age = 0; age <= 25; ++age) {
            const Date d = born + core::years(age);
            if (d < piece.from) continue;
            if (d > piece.to) break;
            const double x = c.scale.x(d);
            g.items.emplace_back(line(x, c.g.age_y, x, c.g.age_y + 3, Stroke{kGrey, 0.6, Dash::solid}));
            if (age % step == 0 && !c.scale.near_break(x, 8))
                g.items.emplace_back(c.w.text(x, c.g.age_y + 10, std::to_string(age), kTiny, kInk, Anchor::middle));
        }
    }

    Group& dev = scene.add_group("development", "Stage of development");
    row_title(dev, c, c.g.development_y + 7, "Development");
    struct Band {
        int from_age;
        int to_age;
        const char* name;
    };
    static constexpr std::array<Band, 5> kBands = {{{0, 1, "Infancy"},
                                                    {1, 3, "Toddler"},
                                                    {3, 5, "Early years"},
                                                    {5, 12, "Primary school"},
                                                    {12, 18, "Secondary school"}}};
    bool shade = false;
    for (const Band& b : kBands) {
        shade = !shade;
        // A band across the break is drawn (and named) on each side.
        for (const Scale::Piece& piece : c.scale.pieces()) {
            const Date start = std::max(born + core::years(b.from_age), piece.from);
            const Date end = std::min(born + core::years(b.to_age), piece.to);
            if (end <= start) continue;
            const double x0 = c.scale.x(start);
            const double x1 = c.scale.x(end);
            dev.items.emplace_back(
                box(x0, c.g.development_y, x1 - x0, 10,
                    Fill{shade ? Colour{0xee, 0xee, 0xee} : Colour{0xf8, 0xf8, 0xf8}, Pattern::none, {}},
                    Stroke{kLightGrey, 0.4, Dash::solid}));
            const std::string label = c.w.fit(b.name, kTiny, x1 - x0 - 4);
            if (!label.empty() && label != "\u2026") {
                dev.items.emplace_back(
                    c.w.text((x0 + x1) / 2, c.g.development_y + 7.2, label, kTiny, kInk, Anchor::middle));
            }
        }
    }
}

// --- Placement and legal status bands ---

struct Segment {
    Date start;
    Date end;
    const BandStyle* style = nullptr;  // nullptr: nothing to draw (not looked after, no order)
    const Event* source = nullptr;     // the event that began it (for a lapsed order's clock)
    bool lapsed = false;               // an order that lapsed at its end
};

// Consecutive states as segments from `states` (date, style, source) to the as-of date, cut to
// the page.
class Segments {
public:
    explicit Segments(Date from) : since_(from) {}
    void change(Date d, const BandStyle* next, const Event* source) {
        if (next == state_ && source == source_) return;
        if (state_ != nullptr && d > since_) out_.push_back({since_, d, state_, source_, false});
        state_ = next;
        source_ = source;
        since_ = d;
    }
    std::vector<Segment> finish(const Context& c) {
        change(c.as_of, nullptr, nullptr);
        return std::move(out_);
    }

private:
    const BandStyle* state_ = nullptr;
    const Event* source_ = nullptr;
    Date since_;
    std::vector<Segment> out_;
};

std::vector<Segment> on_page(std::vector<Segment> out, const Context& c) {
    for (Segment& s : out) {
        s.start = std::max(s.start, c.from);
        s.end = std::min(s.end, c.to);
    }
    std::erase_if(out, [](const Segment& s) { return s.end <= s.start; });
    // Neighbours of one style (a CSO continued, a move between foster carers) are one segment.
    std::vector<Segment> merged;
    for (const Segment& s : out) {
        if (!merged.empty() && merged.back().style == s.style && merged.back().end == s.start &&
            !merged.back().lapsed) {
            merged.back().end = s.end;
            merged.back().lapsed = s.lapsed;
        } else {
            merged.push_back(s);
        }
    }
    return merged;
}

// Where the child lives: at home (looked after at home, or returned home) or away, by the
// placement type. White is not looked after.
std::vector<Segment> placement_segments(const Context& c) {
    Segments seg(c.from);
    bool away = false;
    for (const Event* e : c.in.journey.events()) {
        if (e->status != core::EventStatus::occurred || e->type >= id_of(EventType::builtin_count_)) continue;
        switch (static_cast<EventType>(e->type)) {
            case EventType::looked_after_at_home:
            case EventType::returned_home:
                away = false;
                seg.change(e->date, &kAtHome, nullptr);
                break;
            case EventType::accommodated:
                away = true;
                seg.change(e->date, &away_style(e->attr("placement")), nullptr);
                break;
            case EventType::placement_change:
                if (away) seg.change(e->date, &away_style(e->attr("placement")), nullptr);
                break;
            case EventType::ceased_looked_after:
                away = false;
                seg.change(e->date, nullptr, nullptr);
                break;
            default:
                break;
        }
    }
    return on_page(seg.finish(c), c);
}

// The legal status (docs/timeline.md): a permanence order or adoption, when there is one,
// over the order or agreement the child is looked after under (s25, CPO, ICSO, CSO).
const BandStyle* legal_style(core::LegalStatus status) {
    switch (status) {
        case core::LegalStatus::none:
            return nullptr;
        case core::LegalStatus::s25:
            return &kS25;
        case core::LegalStatus::cpo:
            return &kCpo;
        case core::LegalStatus::icso:
            return &kIcso;
        case core::LegalStatus::cso:
            return &kCso;
        case core::LegalStatus::poa:
            return &kPoa;
        case core::LegalStatus::placement_order:
            return &kPlacementOrder;
        case core::LegalStatus::po:
            return &kPo;
        case core::LegalStatus::kinship_care_order:
            return &kKco;
        case core::LegalStatus::adopted:
            return &kAdopted;
    }
    return nullptr;
}

std::vector<Segment> legal_segments(const Context& c) {
    Segments seg(c.from);
    const auto& events = c.in.journey.events();
    for (const core::LegalStatusPeriod& p : core::legal_status_periods(c.in.journey)) {
        seg.change(p.start, legal_style(p.status), events[p.start_index]);
    }
    std::vector<Segment> out = seg.finish(c);
    // An order whose clock lapsed ends at the end of its due day; no order then until the next
    // change (a later hearing makes a new one).
    for (const core::Clock& clock : c.in.clocks) {
        if (clock.status != core::ClockStatus::lapsed || clock.start_event >= events.size()) continue;
        const Event* made = events[clock.start_event];
        const Date ceased = clock.due_on + core::Days{1};
        for (std::size_t i = 0; i < out.size(); ++i) {
            Segment& s = out[i];
            if (s.source != made || s.end < ceased || s.start >= ceased) continue;
            const Segment after{ceased, s.end, &kLapsedNoOrder, nullptr, false};
            s.end = ceased;
            s.lapsed = true;
            if (after.end > after.start) out.insert(out.begin() + static_cast<std::ptrdiff_t>(i) + 1, after);
            break;
        }
    }
    return on_page(std::move(out), c);
}

void draw_band(Group& g, const Context& c, double y, const std::vector<Segment>& segments) {
    g.items.emplace_back(
        box(c.g.left, y, c.g.right - c.g.left, c.g.band_h, std::nullopt, Stroke{kLightGrey, 0.4, Dash::solid}));
    for (const Segment& s : segments) {
        const double x0 = c.scale.x(s.start);
        const double x1 = c.scale.x(s.end);
        g.items.emplace_back(box(x0, y, x1 - x0, c.g.band_h, s.style->fill, Stroke{kGrey, 0.4, Dash::solid}));
        const bool dark = s.style->fill.colour == kPermanent.fill.colour;
        const Colour ink = s.style == &kLapsedNoOrder ? kWarning : dark ? kWhite : kInk;
        const std::string label = c.w.fit(std::string(s.style->name), kSmallBold, x1 - x0 - 6);
        if (!label.empty() && !label.starts_with("\u2026") && c.w.width(label, kSmallBold) <= x1 - x0 - 6) {
            // Text on a white backing so the pattern does not cross it.
            const double tw = c.w.width(label, kSmallBold);
            if (!dark) {
                g.items.emplace_back(box((x0 + x1) / 2 - tw / 2 - 1.5, y + 2.5, tw + 3, c.g.band_h - 5,
                                         Fill{kWhite, Pattern::none, {}}));
            }
            g.items.emplace_back(c.w.text((x0 + x1) / 2, y + 8.3, label, kSmallBold, ink, Anchor::middle));
        }
        if (s.lapsed) {
            // The lapse: a heavy mark in the warning colour where the order ceased to have effect.
            g.items.emplace_back(line(x1, y - 2, x1, y + c.g.band_h + 2, Stroke{kWarning, 2, Dash::solid}));
        }
    }
}

std::string band_summary(std::string what, const std::vector<Segment>& segments, const char* none) {
    what += ": ";
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (i > 0) what += "; ";
        what += std::string(segments[i].style->name) + " from " + short_date(segments[i].start);
        if (segments[i].lapsed) what += ", lapsed at the end of " + short_date(segments[i].end - core::Days{1});
    }
    if (segments.empty()) what += none;
    return what;
}

void status_bands(Scene& scene, const Context& c) {
    const auto legal = legal_segments(c);
    Group& g = scene.add_group("legal-status", band_summary("Legal status", legal, "no order in this period"));
    row_title(g, c, c.g.band_y + 8.5, "Legal status");
    draw_band(g, c, c.g.band_y, legal);
    const auto placement = placement_segments(c);
    Group& p = scene.add_group("placement", band_summary("Placement", placement, "never looked after in this period"));
    row_title(p, c, c.g.placement_y + 8.5, "Placement");
    draw_band(p, c, c.g.placement_y, placement);
}

// --- Milestones: markers, labels with leaders, summaries of what did not fit ---

void milestones(Scene& scene, Context& c) {
    Group& axis = scene.add_group("journey-axis");
    row_title(axis, c, c.g.axis_y + 2.5, "Milestones");
    axis.items.emplace_back(line(c.g.left, c.g.axis_y, c.g.right, c.g.axis_y, Stroke{kInk, 1, Dash::solid}));

    std::vector<LabelRequest> requests;
    requests.reserve(c.shown.size());
    std::vector<std::string> texts;
    for (const Shown& s : c.shown) {
        texts.push_back(c.w.fit(std::to_string(s.number) + " " + s.label, kSmall, kMaxLabelWidth));
        requests.push_back({s.x, c.w.width(texts.back(), kSmall), look_of(s.category).priority});
    }
    LaneSpec spec;
    spec.min_x = c.g.left;
    spec.max_x = c.g.right;
    spec.lanes = c.g.lanes;
    const LabelLayout layout = place_labels(requests, spec);

    std::vector<const PlacedLabel*> by_event(c.shown.size(), nullptr);
    for (const PlacedLabel& p : layout.placed) by_event[p.request] = &p;
    for (std::size_t i = 0; i < c.shown.size(); ++i) {
        const Shown& s = c.shown[i];
        const bool planned = s.event->status == core::EventStatus::planned;
        Group& g = scene.add_group("event-" + std::to_string(s.number), std::to_string(s.number) + ": " + s.label +
                                                                            (planned ? " (planned)" : "") + ", " +
                                                                            short_date(s.event->date));
        if (const PlacedLabel* p = by_event[i]) {
            const double baseline = c.g.axis_y - 10 - p->lane * c.g.lane_height - 2;
            const double top_of_leader = baseline + 1.5;
            g.items.emplace_back(line(s.x, c.g.axis_y - 4, s.x, top_of_leader,
                                      Stroke{kGrey, 0.4, planned ? Dash::dashed : Dash::solid}));
            g.items.emplace_back(c.w.text(p->x, baseline, texts[i], kSmall, planned ? kGrey : kInk));
        }
    }
    // The markers in one group drawn after the labels, the weightiest last so that an order or a
    // move is never hidden under a review on a nearby day (the groups above keep journey order
    // for screen readers).
    std::vector<const Shown*> by_weight;
    for (const Shown& s : c.shown) by_weight.push_back(&s);
    std::stable_sort(by_weight.begin(), by_weight.end(), [](const Shown* a, const Shown* b) {
        return look_of(a->category).priority < look_of(b->category).priority;
    });
    Group& markers = scene.add_group("markers");
    for (const Shown* s : by_weight) markers.items.emplace_back(marker_for(*s, c.g.axis_y));

    // What did not fit: a count under the axis for each dense stretch, with the entry numbers.
    if (layout.unplaced.empty()) return;
    std::vector<double> xs;
    std::vector<int> numbers;
    for (std::size_t i : layout.unplaced) {
        xs.push_back(c.shown[i].x);
        numbers.push_back(c.shown[i].number);
    }
    std::vector<std::size_t> order(xs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return xs[a] < xs[b]; });
    std::vector<double> sorted_x;
    std::vector<int> sorted_numbers;
    for (std::size_t i : order) {
        sorted_x.push_back(xs[i]);
        sorted_numbers.push_back(numbers[i]);
    }
    auto summary_text = [&](std::size_t first, std::size_t last) {
        const auto [lo, hi] = std::minmax_element(sorted_numbers.begin() + static_cast<std::ptrdiff_t>(first),
                                                  sorted_numbers.begin() + static_cast<std::ptrdiff_t>(last) + 1);
        const std::size_t n = last - first + 1;
        return "+" + std::to_string(n) +
               (*lo == *hi ? " (" + std::to_string(*lo) + ")"
                           : " (" + std::to_string(*lo) + "\u2013" + std::to_string(*hi) + ")");
    };
    // Widths depend on the numbers in the cluster, so measure the widest form for a count.
    const std::string widest = "+" + std::to_string(sorted_x.size()) + " (" + std::to_string(c.shown.back().number) +
                               "\u2013" + std::to_string(c.shown.back().number) + ")";
    const double label_w = c.w.width(widest, kTiny);
    const auto clusters =
        summarise_clusters(sorted_x, 12, c.g.left, c.g.right, 4, [&](std::size_t) { return label_w; });
    Group& g = scene.add_group("dense", "Events without a label, by number: see the chronology");
    for (const Cluster& cl : clusters) {
        const double x0 = sorted_x[cl.first];
        const double x1 = sorted_x[cl.last];
        g.items.emplace_back(
            Path{{{x0, c.g.summary_y - 3}, {x0, c.g.summary_y - 1}, {x1, c.g.summary_y - 1}, {x1, c.g.summary_y - 3}},
                 Stroke{kGrey, 0.5, Dash::solid},
                 std::nullopt,
                 false});
        g.items.emplace_back(c.w.text(cl.label_x + cl.label_width / 2, c.g.summary_y + 5.5,
                                      summary_text(cl.first, cl.last), kTiny, kGrey, Anchor::middle));
    }
}

// --- Waits between decisions ---

// A routine review: a looked after review other than the permanence review, or a review
// hearing. Once the child is permanent, the intervals up to these are the review cycle, not
// waits for a decision.
bool is_routine_review(const Event& e) {
    if (e.is(EventType::lar)) return e.attr("kind") != "permanence";
    return e.is(EventType::childrens_hearing) && e.attr("kind") == "review";
}

// Whether an event makes the child permanent (a PO, a kinship care order or adoption; the
// destinations of ceasing that the stage rules call permanent), or starts care again.
enum class Permanence { no_change, permanent, looked_after_again };
Permanence permanence_change(const Event& e) {
    if (e.is(EventType::order_granted)) {
        return core::is_permanence_order(e.attr("order")) ? Permanence::permanent : Permanence::no_change;
    }
    if (e.is(EventType::ceased_looked_after)) {
        return core::is_permanent_destination(e.attr("destination")) ? Permanence::permanent : Permanence::no_change;
    }
    if (e.is(EventType::accommodated) || e.is(EventType::looked_after_at_home)) return Permanence::looked_after_again;
    return Permanence::no_change;
}

void waits(Scene& scene, const Context& c) {
    struct Decision {
        Date date;
        bool routine;    // a routine review
        bool permanent;  // the child was permanent when it happened (after it, for an order)
    };
    std::vector<Decision> decisions;
    bool permanent = false;
    for (const Shown& s : c.shown) {
        if (s.event->status != core::EventStatus::occurred) continue;
        const auto change = permanence_change(*s.event);
        if (change != Permanence::no_change) permanent = change == Permanence::permanent;
        if (is_decision(*s.event)) decisions.push_back({s.event->date, is_routine_review(*s.event), permanent});
    }
    struct Wait {
        Date from;
        Date to;
        bool open;
    };
    std::vector<Wait> list;
    for (std::size_t i = 1; i < decisions.size(); ++i) {
        const Decision& a = decisions[i - 1];
        const Decision& b = decisions[i];
        if (a.permanent && b.routine) continue;  // the review cycle after permanence
        if (b.date - a.date > c.options.gap_threshold) list.push_back({a.date, b.date, false});
    }
    const auto st = c.in.stage.stage;
    const bool still_waiting =
        st != core::Stage::permanent && st != core::Stage::not_looked_after && st != core::Stage::pre_birth;
    if (still_waiting && !decisions.empty() && c.as_of - decisions.back().date > c.options.gap_threshold) {
        list.push_back({decisions.back().date, c.as_of, true});
    }
    std::string summary = list.empty() ? "No wait between decisions longer than " + weeks_text(c.options.gap_threshold)
                                       : std::to_string(list.size()) + " waits between decisions longer than " +
                                             weeks_text(c.options.gap_threshold);
    Group& g = scene.add_group("waits", summary);
    row_title(g, c, c.g.waits_y + 6, "Waits");
    // Two rows of text: the row where the text fits beside the previous wait's text.
    std::array<double, 2> row_end = {c.g.left - 100, c.g.left - 100};
    for (const Wait& wt : list) {
        const double x0 = c.scale.x(wt.from);
        const double x1 = c.scale.x(wt.to);
        const std::string text = weeks_text(wt.to - wt.from) + (wt.open ? " so far" : "");
        const double tw = c.w.width(text, kTiny);
        // An open wait ends at the as-of line: its text stays left of the line.
        const double centre = wt.open ? std::min((x0 + x1) / 2, x1 - 3 - tw / 2) : (x0 + x1) / 2;
        const double mid = std::clamp(centre, c.g.left + tw / 2, c.g.right - tw / 2);
        int row = -1;
        for (int r = 0; r < 2; ++r) {
            if (mid - tw / 2 >= row_end[static_cast<std::size_t>(r)] + 3) {
                row = r;
                break;
            }
        }
        const Stroke stroke{wt.open ? kWarning : kInk, 0.8, wt.open ? Dash::dashed : Dash::solid};
        const double y = c.g.waits_y;
        g.items.emplace_back(Path{{{x0, y - 3}, {x0, y}, {x1, y}, {x1, y - 3}}, stroke, std::nullopt, false});
        if (row < 0) continue;  // drawn without its length; the chronology has the dates
        row_end[static_cast<std::size_t>(row)] = mid + tw / 2;
        g.items.emplace_back(c.w.text(mid, y + 7 + row * 8, text, kTiny, wt.open ? kWarning : kInk, Anchor::middle));
    }
}

// --- Timescales missed, late or overdue ---

void timescales(Scene& scene, const Context& c) {
    std::vector<const core::Clock*> late;
    for (const core::Clock& clock : c.in.clocks) {
        if (clock.status == core::ClockStatus::missed || clock.status == core::ClockStatus::overdue ||
            clock.status == core::ClockStatus::met_late) {
            late.push_back(&clock);
        }
    }
    std::stable_sort(late.begin(), late.end(),
                     [](const core::Clock* a, const core::Clock* b) { return a->starts_on < b->starts_on; });
    Group& g = scene.add_group("timescales", std::to_string(late.size()) + " timescales missed, late or overdue");
    row_title(g, c, c.g.clocks_y + 7, "Timescales");
    std::vector<double> lane_end(static_cast<std::size_t>(c.g.clock_lanes), -1e9);
    int not_shown = 0;
    for (const core::Clock* clock : late) {
        const Date end = clock->stopped_on.value_or(c.as_of);
        const double xs = c.scale.clamped(clock->starts_on);
        const double xd = c.scale.clamped(clock->due_on);
        const double xe = c.scale.clamped(std::max(end, clock->due_on));
        const char* what = clock->status == core::ClockStatus::missed    ? "Missed: "
                           : clock->status == core::ClockStatus::overdue ? "Overdue: "
                                                                         : "Late: ";
        std::string label = what + clock->standard->title;
        if (clock->days_late) label += " (" + std::to_string(*clock->days_late) + " days late)";
        label = c.w.fit(label, kTiny, 230);
        const double lw = c.w.width(label, kTiny);
        // The label goes after the bar, or before it near the right edge. A *before* clock's
        // due date and stop come before its start: the bar spans all three.
        const double bar_lo = std::min({xs, xd, xe});
        const double bar_hi = std::max({xs, xd, xe});
        const bool after = bar_hi + 3 + lw <= c.g.right;
        const double lo = after ? bar_lo : bar_lo - 3 - lw;
        const double hi = after ? bar_hi + 3 + lw : bar_hi;
        if (!after && lo < c.g.left) {
            ++not_shown;
            continue;
        }
        std::size_t lane = 0;
        while (lane < lane_end.size() && lane_end[lane] + 4 > lo) ++lane;
        if (lane == lane_end.size()) {
            ++not_shown;
            continue;
        }
        lane_end[lane] = hi;
        const double y = c.g.clocks_y + static_cast<double>(lane) * c.g.clock_lane_h;
        g.items.emplace_back(
            box(xs, y + 1, std::max(0.5, xd - xs), 5, std::nullopt, Stroke{kWarning, 0.6, Dash::solid}));
        g.items.emplace_back(
            box(xd, y + 1, std::max(1.0, xe - xd), 5, kWarningFill, Stroke{kWarning, 0.8, Dash::solid}));
        g.items.emplace_back(c.w.text(after ? bar_hi + 3 : bar_lo - 3, y + 5.8, label, kTiny, kWarning,
                                      after ? Anchor::start : Anchor::end));
    }
    if (not_shown > 0) {
        g.items.emplace_back(
            c.w.text(c.g.margin, c.g.clocks_y + 15, "+" + std::to_string(not_shown) + " not drawn", kTiny, kWarning));
    }
}

// --- The break in the axis ---

// The usual double-slash mark where the compressed years meet the looked after period: a white
// gap through the rows drawn against time, with two slashes on each axis line.
void axis_break(Scene& scene, const Context& c) {
    if (!c.scale.broken()) return;
    const auto& pieces = c.scale.pieces();
    Group& g = scene.add_group("axis-break", "Break in the axis: the years from " + long_date(pieces.front().from) +
                                                 " to " + long_date(pieces.front().to) +
                                                 " are compressed; from then on the scale is the wider one");
    const double x0 = pieces.front().x1;
    const double x1 = pieces.back().x0;
    const double top = c.g.axis_y - 5;
    const double bottom = c.g.development_y + 11;
    g.items.emplace_back(box(x0, top, x1 - x0, bottom - top, Fill{kWhite, Pattern::none, {}}));
    const double mid = (x0 + x1) / 2;
    for (const double y : {c.g.axis_y, c.g.years_y, c.g.age_y}) {
        for (const double dx : {-1.8, 1.8}) {
            g.items.emplace_back(line(mid + dx - 2, y + 4, mid + dx + 2, y - 4, Stroke{kInk, 0.8, Dash::solid}));
        }
    }
}

// --- As-of line ---

void as_of_line(Scene& scene, const Context& c) {
    if (c.as_of < c.from || c.as_of > c.to) return;
    Group& g = scene.add_group("as-of", "As of " + long_date(c.as_of));
    const double x = c.scale.x(c.as_of);
    // From the axis down, so that it crosses no milestone label; named under the development row.
    g.items.emplace_back(line(x, c.g.axis_y - 6, x, c.g.development_y + 12, Stroke{kInk, 0.6, Dash::dashed}));
    const bool right = x + 60 > c.g.right;
    g.items.emplace_back(c.w.text(right ? x - 2 : x + 2, c.g.development_y + 18, "As of " + short_date(c.as_of), kTiny,
                                  kInk, right ? Anchor::end : Anchor::start));
}

// --- Chronology ---

struct EntryText {
    std::string date;
    std::string event;
    std::string source;
    std::string note;
};

void chronology(Scene& scene, const Context& c) {
    const double top = c.g.chronology_top;
    const double bottom = c.g.chronology_bottom;
    Group& g = scene.add_group("chronology", "Chronology: " + std::to_string(c.shown.size()) + " entries");
    g.items.emplace_back(c.w.text(c.g.margin, top, "Chronology", kHeaderBold));
    g.items.emplace_back(line(c.g.margin, top + 3, c.g.right, top + 3, Stroke{kLightGrey, 0.5, Dash::solid}));
    const double body_top = top + 12;
    const double avail_h = bottom - body_top;
    const double page_w = c.g.right - c.g.margin;

    // Full form (number, date, event, source, note) in two columns when everything fits; else
    // the compact form (number, date, event) in more columns; else the routine entries go.
    struct Form {
        int columns;
        double line_h;
        Font font;
        bool full;
    };
    const std::array<Form, 3> forms = {
        {{2, 8.2, kSmall, true}, {4, 7.4, kTiny, false}, {5, 6.8, Font{5.5, false, false}, false}}};
    const Form* form = &forms.back();
    for (const Form& f : forms) {
        const auto rows = static_cast<std::size_t>(avail_h / f.line_h);
        if (rows * static_cast<std::size_t>(f.columns) >= c.shown.size()) {
            form = &f;
            break;
        }
    }
    const auto rows = static_cast<std::size_t>(avail_h / form->line_h);
    std::size_t capacity = rows * static_cast<std::size_t>(form->columns);
    std::vector<const Shown*> entries;
    for (const Shown& s : c.shown) entries.push_back(&s);
    std::size_t omitted = 0;
    if (entries.size() > capacity) {
        capacity -= 1;  // a line to say what was left out
        // Keep the weightiest entries, in journey order.
        std::vector<const Shown*> ranked = entries;
        std::stable_sort(ranked.begin(), ranked.end(), [](const Shown* a, const Shown* b) {
            return look_of(a->category).priority > look_of(b->category).priority;
        });
        ranked.resize(capacity);
        std::sort(ranked.begin(), ranked.end(), [](const Shown* a, const Shown* b) { return a->number < b->number; });
        omitted = entries.size() - ranked.size();
        entries = std::move(ranked);
    }
    const double col_w = page_w / form->columns;
    const double num_w = c.w.width("000", form->font) + 3;
    const double date_w = c.w.width("30 Sep 2026", form->font) + 5;
    std::size_t i = 0;
    for (; i < entries.size(); ++i) {
        const Shown& s = *entries[i];
        const std::size_t column = i / rows;
        const double x = c.g.margin + col_w * static_cast<double>(column);
        const double y = body_top + form->line_h * static_cast<double>(i % rows);
        const bool planned = s.event->status == core::EventStatus::planned;
        const Colour colour = planned ? kGrey : kInk;
        Font bold = form->font;
        bold.bold = true;
        g.items.emplace_back(c.w.text(x + num_w - 3, y, std::to_string(s.number), bold, colour, Anchor::end));
        g.items.emplace_back(c.w.text(x + num_w, y, short_date(s.event->date), form->font, colour));
        // A life event's label is its note; here the note follows anyway.
        const bool life = s.event->is(EventType::life_event) && !s.event->note.empty();
        std::string what =
            (life ? with("Life event", s.event->attr("impact")) : s.label) + (planned ? " (planned)" : "");
        if (life && !form->full) what = s.label;
        const double text_x = x + num_w + date_w;
        const double text_w = col_w - num_w - date_w - 6;
        if (form->full) {
            std::string rest = what;
            if (!s.event->agency.empty()) rest += " \u00b7 " + words(s.event->agency);
            if (!s.event->note.empty()) rest += " \u00b7 " + s.event->note;
            g.items.emplace_back(c.w.text(text_x, y, c.w.fit(rest, form->font, text_w), form->font, colour));
        } else {
            g.items.emplace_back(c.w.text(text_x, y, c.w.fit(what, form->font, text_w), form->font, colour));
        }
    }
    if (omitted > 0) {
        const std::size_t column = i / rows;
        const double x = c.g.margin + col_w * static_cast<double>(column);
        const double y = body_top + form->line_h * static_cast<double>(i % rows);
        Font italic = form->font;
        italic.italic = true;
        g.items.emplace_back(
            c.w.text(x, y,
                     c.w.fit(std::to_string(omitted) + " routine entries not listed: see the full chronology", italic,
                             col_w - 6),
                     italic, kGrey));
    }
}

void footer(Scene& scene, const Context& c) {
    Group& g = scene.add_group("footer", "Handling and source");
    const double y = c.g.height - c.g.margin + 2;
    g.items.emplace_back(line(c.g.margin, y - 10, c.g.right, y - 10, Stroke{kLightGrey, 0.5, Dash::solid}));
    g.items.emplace_back(
        c.w.text(c.g.margin, y,
                 "Source: " + c.options.source_system + " \u00b7 generated " + long_date(c.options.generated), kTiny));
    g.items.emplace_back(c.w.text(c.g.width / 2, y, "OFFICIAL-SENSITIVE", kHeaderBold, kInk, Anchor::middle));
    g.items.emplace_back(c.w.text(c.g.right, y, "Page 1 of 1", kTiny, kInk, Anchor::end));
}

// --- The range of dates drawn ---

std::pair<Date, Date> date_range(const TimelineInput& in, const TimelineOptions& options) {
    const Date as_of = in.journey.as_of();
    const auto& child = in.journey.child();
    // From birth, or the first event (the pre-birth concern) if that is earlier; a child with
    // neither gets the year to the as-of date.
    std::optional<Date> start = child.date_of_birth;
    Date to = as_of;
    if (!child.date_of_birth && child.expected_birth_date) to = std::max(to, *child.expected_birth_date);
    for (const Event* e : in.journey.events()) {
        start = start ? std::min(*start, e->date) : e->date;
        to = std::max(to, e->date);
    }
    Date from = start.value_or(as_of - core::Days{365});
    if (options.from) from = *options.from;
    if (options.to) to = *options.to;
    if (to <= from) to = from + core::Days{30};
    // A little room after the last date so its marker is not on the edge.
    if (!options.to) to = to + core::Days{std::max(14, (to - from).count / 50)};
    return {from, to};
}

// The first event of the child's involvement with services: a concern, an early alert, a
// referral, a case conference, a child protection order, a hearing or its grounds, or becoming
// looked after (not a birth, a life event or a health assessment).
std::optional<Date> first_involvement(const core::Journey& journey) {
    for (const Event* e : journey.events()) {
        if (e->status == core::EventStatus::cancelled || e->type >= id_of(EventType::builtin_count_)) continue;
        switch (static_cast<EventType>(e->type)) {
            case EventType::pre_birth_concern:
            case EventType::scra_early_alert:
            case EventType::referral_to_reporter:
            case EventType::case_conference:
            case EventType::cpo:
            case EventType::grounds_application_lodged:
            case EventType::grounds_hearing:
            case EventType::childrens_hearing:
            case EventType::looked_after_at_home:
            case EventType::accommodated:
                return e->date;
            default:
                break;
        }
    }
    return std::nullopt;
}

// The axis: linear, or broken (docs/timeline.md): the years from the start of the page to three
// months before the first involvement are compressed into kBreakShare of the width when they
// are at least two years and would take more than a quarter of it drawn linearly.
constexpr double kBreakShare = 0.15;
constexpr double kBreakGap = 8;
Scale axis_scale(const TimelineInput& in, const TimelineOptions& options, Date from, Date to, const Geometry& g) {
    const auto involved = first_involvement(in.journey);
    if (!options.axis_break || !involved) return {from, to, g.left, g.right};
    const Date compress_to = *involved - core::Months{3};
    const auto stretch = (compress_to - from).count;
    const auto total = (to - from).count;
    if (compress_to <= from || compress_to >= to || stretch < 2 * 365 || stretch * 4 <= total) {
        return {from, to, g.left, g.right};
    }
    const double xb = g.left + (g.right - g.left) * kBreakShare;
    return Scale({{from, compress_to, g.left, xb}, {compress_to, to, xb + kBreakGap, g.right}});
}

std::string describe(const Context& c, const std::string& name) {
    std::string d = "Timeline of " + name + "'s journey from " + long_date(c.from) + " to " + long_date(c.to) +
                    ", as of " + long_date(c.as_of) + ": " + std::to_string(c.shown.size()) + " events, stage " +
                    stage_words(c.in.stage.stage) + ".";
    return d;
}

}  // namespace

std::string short_label(const Event& e, const core::Vocabulary& vocabulary) {
    if (e.type >= id_of(EventType::builtin_count_)) return vocabulary.spec(e.type).label;
    switch (static_cast<EventType>(e.type)) {
        case EventType::pre_birth_concern:
            return "Pre-birth concern";
        case EventType::scra_early_alert:
            return "SCRA early alert";
        case EventType::birth:
            return "Born";
        case EventType::referral_to_reporter:
            return "Referral to Reporter";
        case EventType::grounds_application_lodged:
            return "Grounds lodged";
        case EventType::grounds_hearing:
            return "Grounds hearing";
        case EventType::childrens_hearing:
            return with("Hearing", e.attr("outcome"));
        case EventType::advice_hearing:
            return "Advice hearing";
        case EventType::cpo:
            return "Child protection order";
        case EventType::looked_after_at_home:
            return "Looked after at home";
        case EventType::accommodated:
            return with("Accommodated", e.attr("placement"));
        case EventType::placement_change:
            return with("Moved", e.attr("placement"));
        case EventType::returned_home:
            return "Returned home";
        case EventType::ceased_looked_after:
            return with("Ceased", e.attr("destination"));
        case EventType::post_admission_meeting:
            return "72-hour meeting";
        case EventType::lar:
            return e.attr("kind") == "permanence" ? "Permanence review" : "Review";
        case EventType::permanence_plan_recorded:
            return with("Plan", e.attr("plan"));
        case EventType::permanence_recommendation:
            return with("Recommendation", e.attr("route"));
        case EventType::kinship_assessment_completed:
            return with("Kinship assessment", e.attr("outcome"));
        case EventType::legal_advice_requested:
            return "Legal advice asked";
        case EventType::legal_advice_received:
            return "Legal advice";
        case EventType::mentoring_meeting:
            return "Mentoring";
        case EventType::health_assessment_completed:
            return "Health assessment";
        case EventType::case_conference:
            return with("Case conference", e.attr("outcome"));
        case EventType::permanence_panel:
            return with("Panel", e.attr("recommendation"));
        case EventType::adm_decision:
            return with("ADM", e.attr("decision"));
        case EventType::matched:
            return "Matched";
        case EventType::placed_with_permanent_carers:
            return "Placed with permanent carers";
        case EventType::court_application_lodged:
            return with("Court application", e.attr("order"));
        case EventType::court_hearing:
            return "Court hearing";
        case EventType::order_granted:
            return with("Order granted", e.attr("order"));
        case EventType::order_refused:
            return with("Order refused", e.attr("order"));
        case EventType::life_event: {
            const auto impact = e.attr("impact");
            const std::string sign = impact == "positive" ? "+ " : impact == "negative" ? "\u2212 " : "";
            return sign + (e.note.empty() ? "Life event" : e.note);
        }
        case EventType::builtin_count_:
            break;
    }
    return vocabulary.spec(e.type).label;
}

Scene timeline_scene(const TimelineInput& in, const TimelineOptions& options, const TextMeasurer& measurer) {
    const Geometry g = geometry(options.paper);
    const Writer w(measurer);
    const auto [from, to] = date_range(in, options);
    const Scale scale = axis_scale(in, options, from, to, g);
    Context c{in, options, w, g, scale, from, to, in.journey.as_of(), {}};
    int number = 0;
    for (const Event* e : in.journey.events()) {
        if (e->date < from || e->date > to) continue;
        c.shown.push_back({e, ++number, category_of(*e), scale.x(e->date), short_label(*e, in.vocabulary)});
    }

    Scene scene;
    scene.width = g.width;
    scene.height = g.height;
    const std::string name = display_name(in.journey.child(), options.names);
    scene.title = "Timeline: " + name + ", as of " + long_date(c.as_of);
    scene.description = describe(c, name);
    scene.metadata.title = scene.title;
    scene.metadata.subject = "OFFICIAL-SENSITIVE: a looked after child's journey";
    scene.metadata.author = options.source_system;
    scene.metadata.created = options.generated.iso();

    header(scene, c);
    legend(scene, c);
    as_of_line(scene, c);
    milestones(scene, c);
    waits(scene, c);
    status_bands(scene, c);
    timescales(scene, c);
    time_axis(scene, c);
    age_axis(scene, c);
    axis_break(scene, c);
    chronology(scene, c);
    footer(scene, c);
    return scene;
}

Scene timeline_scene(const core::ChildRecord& child, std::span<const core::Event> events, core::Date as_of,
                     const core::Vocabulary& vocabulary, const std::vector<core::Standard>& standards,
                     const TimelineOptions& options, const TextMeasurer& measurer) {
    const core::Journey journey(child, events, as_of);
    const auto clocks = core::evaluate_clocks(journey, standards);
    return timeline_scene({journey, vocabulary, clocks, core::compute_stage(journey)}, options, measurer);
}

}  // namespace waymark::render
