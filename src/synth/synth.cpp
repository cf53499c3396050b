#include "synth/synth.hpp"

#include "app/csv.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "synth/journey.hpp"

#include <array>

namespace waymark::synth {

namespace {

// YYYY-MM-DD without a std::string per date. Years are 1900-9999.
void put_date(std::string& out, Day serial) {
    char buf[10];
    core::write_iso(buf, core::Date::from_serial(serial));
    out.append(buf, sizeof buf);
}

void put_number(std::string& out, std::uint64_t v, int width) {
    char digits[24];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (int i = n; i < width; ++i) out.push_back('0');
    while (n > 0) out.push_back(digits[--n]);
}

// Journey stages (DATA.md, core::compute_stage): a few children in every thousand are drawn until
// they sit in one of these, in this order, so that small files still hold a child in every
// stage. A child awaiting adoption (on a POA, still looked after) takes the permanent slot.

constexpr std::array<core::Stage, 9> kForcedStages{
    core::Stage::pre_birth, core::Stage::away_assessment, core::Stage::permanence_planning,
    core::Stage::panel,     core::Stage::legal,           core::Stage::returning_home,
    core::Stage::at_home,   core::Stage::permanent,       core::Stage::not_looked_after};

}  // namespace

SynthCounts write_synthetic(const SynthOptions& options, std::ostream& children_csv, std::ostream& events_csv) {
    if (options.local_authority.empty()) {
        throw core::Error(core::ErrorKind::invalid_input, "synth: the council (local authority) must not be empty");
    }
    if (options.as_of < core::Date(1920, 1, 1) || options.as_of > core::Date(9000, 1, 1)) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "synth: as-of date " + options.as_of.iso() + " is outside 1920-01-01 to 9000-01-01");
    }
    const Day as_of = options.as_of.serial();
    std::string council;
    app::append_csv_field(council, options.local_authority);

    std::string children_out =
        "child_id,local_authority,family_name,given_name,date_of_birth,expected_birth_date,sex,sibling_group\n";
    std::string events_out = "child_id,local_authority,date,event,status,details,agency,note,event_id\n";
    constexpr std::size_t kFlushAt = std::size_t{1} << 20;
    children_out.reserve(kFlushAt + 4096);
    events_out.reserve(kFlushAt * 4 + 65536);

    SynthCounts counts;
    ChildJourney journey(as_of, is_pace_council(options.local_authority));
    const std::uint64_t base = mix64(options.seed ^ 0x5741594D41524B31ULL);  // "WAYMARK1"
    std::string child_id;
    // Brothers and sisters: consecutive children form a sibling group of one to four, who share
    // a family name and the group's id (that of its first child). Drawn from a generator of their
    // own, so that a child's journey does not depend on its neighbours'.
    Rng families(mix64(base ^ 0x5349424C494E4753ULL));  // "SIBLINGS"
    std::size_t group_left = 0;
    std::string group;
    const char* group_family = "";
    for (std::size_t i = 0; i < options.children; ++i) {
        bool group_start = false;
        if (group_left == 0) {
            group_left = 1 + families.weighted({50, 28, 14, 8});
            group.assign(group_left > 1 ? "G" : "");
            if (group_left > 1) put_number(group, i + 1, 6);
            group_start = true;
        }
        --group_left;
        journey.set_has_siblings(!group.empty());
        // A few children in every thousand are drawn until they sit in a chosen stage, so that even
        // a small file shows every stage; the rest are as they come.
        const std::size_t slot = i % 1000;
        const bool forced = slot < kForcedStages.size();
        for (std::uint64_t attempt = 0;; ++attempt) {
            Rng rng(mix64(base + static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ULL) +
                    attempt * 0xD1B54A32D192ED03ULL);
            journey.generate(rng);
            if (!forced || attempt >= 20000 || journey.stage(as_of) == kForcedStages[slot]) break;
        }

        if (group_start) group_family = journey.family_name();
        child_id.assign("C");
        put_number(child_id, i + 1, 6);
        children_out.append(child_id).push_back(',');
        children_out.append(council).push_back(',');
        app::append_csv_field(children_out, group_family);
        children_out.push_back(',');
        app::append_csv_field(children_out, journey.given_name());
        children_out.push_back(',');
        if (journey.date_of_birth() != kNone) put_date(children_out, journey.date_of_birth());
        children_out.push_back(',');
        if (journey.date_of_birth() == kNone) put_date(children_out, journey.expected_birth_date());
        children_out.push_back(',');
        children_out.append(kSexName[idx(journey.sex())]).push_back(',');
        children_out.append(group).push_back('\n');
        ++counts.children;

        for (const Event& e : journey.events()) {
            events_out.append(child_id).push_back(',');
            events_out.append(council).push_back(',');
            put_date(events_out, e.date);
            events_out.push_back(',');
            events_out.append(type_name(e.type)).push_back(',');
            events_out.append(core::to_string(e.status)).push_back(',');
            if (e.expected_birth) {
                events_out.append("expected_birth=");
                put_date(events_out, journey.expected_birth_detail());
            } else {
                events_out.append(e.details);
            }
            // A panel on a kinship care order plan has no recommendation, only the child's views.
            const auto attribute = [&](std::string_view name, std::string_view value) {
                if (events_out.back() != ',') events_out.push_back(';');
                events_out.append(name).append(value);
            };
            if (e.views != kUnset) attribute("child_views=", kViewsName[e.views]);
            if (e.siblings != kUnset) attribute("siblings=", kSiblingsName[e.siblings]);
            events_out.push_back(',');
            events_out.append(kAgencyName[idx(e.agency)]).push_back(',');
            app::append_csv_field(events_out, e.note);
            events_out.append(",E");
            put_number(events_out, ++counts.events, 7);
            events_out.push_back('\n');
        }
        if (events_out.size() >= kFlushAt * 4) {
            events_csv.write(events_out.data(), static_cast<std::streamsize>(events_out.size()));
            events_out.clear();
        }
        if (children_out.size() >= kFlushAt) {
            children_csv.write(children_out.data(), static_cast<std::streamsize>(children_out.size()));
            children_out.clear();
        }
    }
    children_csv.write(children_out.data(), static_cast<std::streamsize>(children_out.size()));
    events_csv.write(events_out.data(), static_cast<std::streamsize>(events_out.size()));
    return counts;
}

}  // namespace waymark::synth
