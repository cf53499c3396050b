#include "app/chronology_export.hpp"

#include "app/event_words.hpp"

#include "app/csv.hpp"

#include <cctype>
#include <optional>

namespace waymark::app {

namespace {

std::string iso_or_empty(const std::optional<core::Date>& d) {
    return d ? d->iso() : std::string();
}

std::string number_or_empty(const std::optional<int>& n) {
    return n ? std::to_string(*n) : std::string();
}

std::string sentence_case(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

}  // namespace

std::string code_in_words(std::string_view code) {
    std::string s(code);
    for (char& ch : s) {
        if (ch == '_') ch = ' ';
    }
    return sentence_case(std::move(s));
}

std::vector<ChronologyRowWords> chronology_in_words(const Chronology& c, const core::Vocabulary& vocabulary) {
    std::vector<ChronologyRowWords> rows;
    rows.reserve(c.entries.size());
    for (const auto& e : c.entries) {
        const std::string status(core::to_string(e.event.status));
        std::string event = e.label;
        if (e.event.status != core::EventStatus::occurred) event += " (" + status + ")";
        rows.push_back({e.event.date.long_display(), std::move(event), code_in_words(status),
                        code_in_words(e.event.agency), details_words(vocabulary.spec(e.event.type), e.event.details),
                        e.event.note});
    }
    return rows;
}

std::string chronology_csv(const Chronology& c, const core::Vocabulary& vocabulary, ChronologyCsvStyle style) {
    std::string out;
    if (style == ChronologyCsvStyle::words) {
        out = "Date,Event,Status,Source,Details,Note\n";
        for (const auto& r : chronology_in_words(c, vocabulary)) {
            append_csv_row(out, {r.date, r.event, r.status, r.source, r.details, r.note});
        }
        return out;
    }
    out = "date,event,status,source,details,note,event_id\n";
    for (const auto& e : c.entries) {
        append_csv_row(out, {e.event.date.iso(), vocabulary.name(e.event.type), core::to_string(e.event.status),
                             e.event.agency, e.event.details, e.event.note, e.event.event_id});
    }
    out += "\nstandard,title,basis,starts_on,due_on,status,stopped_on,days_late\n";
    for (const auto& k : c.clocks) {
        append_csv_row(out, {k.standard->id, k.standard->title, k.standard->basis, k.starts_on.iso(), k.due_on.iso(),
                             core::to_string(k.status), iso_or_empty(k.stopped_on), number_or_empty(k.days_late)});
    }
    return out;
}

}  // namespace waymark::app
