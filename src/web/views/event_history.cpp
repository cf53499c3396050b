#include "web/views/event_history.hpp"

#include "web/views/layout.hpp"

namespace waymark::web::views {

namespace {

// How the version came to be and who made it, in words.
std::string how_words(const app::EventVersion& v) {
    const auto by = [&v](std::string_view what) {
        return std::string(what) + " by " + v.change.actor + ", " + when_words(v.change.at);
    };
    switch (v.source) {
        case app::VersionSource::imported:
            return "Imported from a file";
        case app::VersionSource::recorded:
            return by("Recorded");
        case app::VersionSource::corrected:
            return by("Corrected");
        case app::VersionSource::cancelled:
            return by("Cancelled");
        case app::VersionSource::reimported:
            // Replacements made before imports kept their history entries say nothing of who.
            return v.change.actor.empty() ? "Replaced by an import of a file" : by("Replaced by an import");
    }
    return {};
}

Html versions_table(const app::EventHistory& history) {
    Html h = scroll_region("Versions of the event, table");
    h += Html{
        "<table class=\"ds_table\" data-smallscreen=\"boxes\"><caption class=\"visually-hidden\">Every version "
        "of the event, oldest first</caption><thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Date</th>"
        "<th scope=\"col\">Status</th><th scope=\"col\">Details and note</th><th scope=\"col\">Source</th>"
        "<th scope=\"col\">How, by whom and when</th><th scope=\"col\">Reason</th></tr></thead><tbody>"};
    for (const auto& v : history.versions) {
        const bool current = v.number == static_cast<int>(history.versions.size());
        h += "<tr><th scope=\"row\" data-title=\"Version\">";
        h.add_text(v.number);
        if (current) h += " (now)";
        h += "</th><td data-title=\"Date\">" + text(v.event.date.display()) + "</td><td data-title=\"Status\">" +
             text(core::to_string(v.event.status)) + "</td><td data-title=\"Details and note\">";
        std::string details = v.event.details;
        if (!v.event.note.empty()) details += (details.empty() ? "" : ". ") + v.event.note;
        h += user_text(details.empty() ? "-" : details) + "</td><td data-title=\"Source\">" +
             text(v.event.agency.empty() ? "-" : words(v.event.agency)) +
             "</td><td data-title=\"How, by whom and when\">" + text(how_words(v)) + "</td><td data-title=\"Reason\">" +
             user_text(v.change.reason.empty() ? "-" : v.change.reason) + "</td></tr>";
    }
    return h + "</tbody></table></div>";
}

}  // namespace

std::string when_words(std::string_view at) {
    // YYYY-MM-DDTHH:MM:SSZ
    if (at.size() < 17 || at[10] != 'T') return std::string(at);
    const auto day = core::Date::try_parse(at.substr(0, 10));
    if (!day) return std::string(at);
    return day->display() + " at " + std::string(at.substr(11, 5)) + " UTC";
}

std::string event_history_page(const Chrome& chrome, const app::EventHistory& history,
                               const core::Vocabulary& vocabulary, const std::string& back,
                               const std::string& correct) {
    const core::Event& now = history.current.event;
    const std::string label = vocabulary.spec(now.type).label;
    Html h{"<p class=\"ds_leader\">Case reference "};
    h += text(history.current.child_id) + ".</p><ul class=\"ds_summary-list\">";
    h += summary_row("Event", text(label));
    h += summary_row("Now", text(std::string(core::to_string(now.status)) + ", " + now.date.display()));
    h += summary_row("Versions", text(static_cast<long long>(history.versions.size())));
    h += "</ul>";
    if (now.status == core::EventStatus::cancelled) {
        h += "<p>This event is cancelled: it stays in the chronology, and no clock counts it.</p>";
    }
    h += versions_table(history);
    h += "<p>";
    if (!correct.empty()) h += "<a class=\"ds_link\" href=\"" + text(correct) + "\">Correct the event</a> or ";
    h += "<a class=\"ds_link\" href=\"" + text(back) + "#chronology\">";
    h += correct.empty() ? Html("Back") : Html("go back");
    h += " to the child's chronology</a></p>";
    return document(chrome, "Event history: " + label + ", " + now.date.display(), h);
}

}  // namespace waymark::web::views
