// The pages that record, plan, correct and cancel a child's events (app/recording.hpp).
// Every form posts with the session's CSRF token; on an error the form comes back with all
// that was typed, an error summary linked to the fields and each field's error; on success the
// browser goes back to the child's page (303), which says what was done.
#include "web/routes/events.hpp"

#include "app/recording.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/routes.hpp"
#include "web/routes/session.hpp"

#include <algorithm>
#include <charconv>
#include <variant>

namespace waymark::web {

namespace {

using views::EventForm;
using views::FormError;

std::string child_path(const ChildRequest& c) {
    return "/children/" + path_segment(c.council) + "/" + path_segment(c.child_id);
}

app::Author author_of(const Request& req, const AppContext& ctx, const app::SignedIn& who) {
    return {who.user.name, who.user.role, iso_utc(ctx.now), "web " + req.client, ctx.today};
}

std::optional<std::int64_t> parse_int(std::string_view s) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

std::string trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

// The types the user may record, in the vocabulary's order, with their labels.
std::vector<std::pair<std::string, std::string>> recordable_types(const core::Vocabulary& vocabulary, app::Role role) {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < vocabulary.size(); ++i) {
        const auto id = static_cast<core::EventTypeId>(i);
        if (app::may_record(role, id)) out.emplace_back(vocabulary.name(id), vocabulary.spec(id).label);
    }
    return out;
}

// The form's fields, as typed.
void read_fields(const Fields& fields, EventForm& form) {
    auto get = [&](std::string_view name) { return std::string(find_field(fields, name).value_or("")); };
    form.day = trimmed(get("date-day"));
    form.month = trimmed(get("date-month"));
    form.year = trimmed(get("date-year"));
    if (form.spec) {
        for (const auto& a : form.spec->attributes) form.attributes.emplace_back(a.key, get("attr-" + a.key));
    }
    form.agency = get("agency");
    form.note = get("note");
    form.reason = get("reason");
    if (form.kind == EventForm::Kind::correct) form.status = get("status");
}

// The date of the three fields as YYYY-MM-DD, or a problem in words ("" when all are empty:
// the use case says it is required).
std::variant<std::string, FormError> date_text(const EventForm& form) {
    if (form.day.empty() && form.month.empty() && form.year.empty()) return std::string();
    const auto digits = [](const std::string& s, std::size_t max) {
        return !s.empty() && s.size() <= max &&
               std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(form.day, 2) || !digits(form.month, 2) || form.year.size() != 4 || !digits(form.year, 4)) {
        return FormError{"date-day",
                         "Enter the date as a day, a month and a four-digit year in numbers, for example "
                         "27 3 2026"};
    }
    const std::string iso = form.year + "-" + (form.month.size() == 1 ? "0" : "") + form.month + "-" +
                            (form.day.size() == 1 ? "0" : "") + form.day;
    if (!core::Date::try_parse(iso)) {
        return FormError{"date-day", "There is no such date as " + form.day + " " + form.month + " " + form.year};
    }
    return iso;
}

// The details as key=value;key=value from the attribute fields that are filled in.
std::string details_text(const EventForm& form) {
    std::string out;
    for (const auto& [key, value] : form.attributes) {
        const std::string v = trimmed(value);
        if (v.empty()) continue;
        if (!out.empty()) out += ';';
        out.append(key).append("=").append(v);
    }
    return out;
}

// The field on the form where an error about a use case's field is shown.
std::string field_id(const EventForm& form, const app::FieldError& e) {
    if (e.field == "date") return "date-day";
    if (e.field == "details" && form.spec && !form.spec->attributes.empty()) {
        for (const auto& a : form.spec->attributes) {
            if (e.message.find(a.key) != std::string::npos) return "attr-" + a.key;
        }
        return "attr-" + form.spec->attributes.front().key;
    }
    if (e.field == "status" && form.kind == EventForm::Kind::correct) return "status-occurred";
    if (e.field == "agency" || e.field == "note" || e.field == "reason") return e.field;
    return "event";
}

std::string message_of(const app::FieldError& e) {
    if (e.message != "required") return e.message;
    if (e.field == "date") return "Enter the date";
    if (e.field == "event") return "Choose the kind of event";
    return "Enter the " + e.field;
}

// The form again, with what was typed and the errors: the use case's (and the date's own).
Response form_again(const app::SignedIn& who, EventForm form, const std::vector<app::FieldError>& errors,
                    std::optional<FormError> date_error, int status) {
    if (date_error) form.errors.push_back(*date_error);
    for (const auto& e : errors) {
        if (date_error && e.field == "date") continue;  // the date's own words say it better
        form.errors.push_back({field_id(form, e), message_of(e)});
    }
    return html(status, views::event_form_page(chrome_of(who), form));
}

// A gate for the event pages: the child's page may be seen, and the role records something.
struct EventRequest {
    ChildRequest child;
    std::optional<Response> refusal;
};
EventRequest event_request(const Request& req, AppContext& ctx, const Params& params, bool post) {
    EventRequest r{child_request(req, ctx, params), std::nullopt};
    if (r.child.gate.refusal) {
        r.refusal = std::move(r.child.gate.refusal);
        return r;
    }
    const auto& who = *r.child.gate.who;
    if (!app::may_record_any(who.user.role)) {
        r.refusal = error_response(who, 403, "Your role does not record events.");
    } else if (post && !csrf_ok(req, who)) {
        r.refusal = error_response(who, 403, "The form had expired. Go back, reload the page and try again.");
    } else if (!ctx.store.events().find_child(r.child.council, r.child.child_id)) {
        r.refusal = error_response(who, 404, "There is no such child in your council.");
    }
    return r;
}

EventForm new_form(const EventRequest& r, const AppContext& ctx, std::string_view event, bool planned) {
    EventForm form;
    form.kind = planned ? EventForm::Kind::plan : EventForm::Kind::record;
    form.child_id = r.child.child_id;
    form.back = child_path(r.child);
    form.action = form.back + "/events";
    form.csrf = r.child.gate.who->csrf;
    form.types = recordable_types(ctx.standards.vocabulary, r.child.gate.who->user.role);
    form.event = event;
    form.status = planned ? "planned" : "occurred";
    const bool offered =
        std::any_of(form.types.begin(), form.types.end(), [&](const auto& t) { return t.first == event; });
    if (offered) form.spec = &ctx.standards.vocabulary.spec(*ctx.standards.vocabulary.find(event));
    return form;
}

Response get_new_event(const Request& req, AppContext& ctx, const Params& params) {
    auto r = event_request(req, ctx, params, false);
    if (r.refusal) return std::move(*r.refusal);
    const std::string event = req.query_param("event").value_or("");
    EventForm form = new_form(r, ctx, event, req.query_param("status").value_or("") == "planned");
    if (!event.empty() && form.spec == nullptr)
        form.errors.push_back({"event", "Choose the kind of event from the list"});
    if (form.spec) form.action = form.back + "/events";
    if (!form.spec) form.action = form.back + "/events/new";
    return html(form.errors.empty() ? 200 : 422, views::event_form_page(chrome_of(*r.child.gate.who), form));
}

Response post_event(const Request& req, AppContext& ctx, const Params& params) {
    auto r = event_request(req, ctx, params, true);
    if (r.refusal) return std::move(*r.refusal);
    const auto& who = *r.child.gate.who;
    const Fields fields = req.form();
    const std::string event(find_field(fields, "event").value_or(""));
    const bool planned = find_field(fields, "status").value_or("") == "planned";
    EventForm form = new_form(r, ctx, event, planned);
    if (form.spec == nullptr) {
        form.action = form.back + "/events/new";
        form.errors.push_back({"event", "Choose the kind of event from the list"});
        return html(422, views::event_form_page(chrome_of(who), form));
    }
    read_fields(fields, form);
    const auto date = date_text(form);
    std::optional<FormError> date_error;
    app::EventInput input;
    if (const auto* e = std::get_if<FormError>(&date)) {
        date_error = *e;
    } else {
        input.date = std::get<std::string>(date);
    }
    input.event = event;
    input.status = form.status;
    input.details = details_text(form);
    input.agency = form.agency;
    input.note = form.note;
    if (date_error) {
        // Every other problem shows too; nothing is written.
        const auto child = ctx.store.events().find_child(r.child.council, r.child.child_id);
        const auto problems = app::event_problems(ctx.standards.vocabulary, input,
                                                  child ? child->date_of_birth : std::nullopt, ctx.today);
        return form_again(who, std::move(form), problems, date_error, 422);
    }
    try {
        const auto stored = app::record_event(ctx.store, ctx.standards.vocabulary, {r.child.council, r.child.child_id},
                                              input, author_of(req, ctx, who));
        return redirect(form.back + "?changed=" + std::to_string(stored.key) +
                        "&done=" + (planned ? "planned" : "recorded") + "#chronology");
    } catch (const app::InvalidEvent& e) {
        return form_again(who, std::move(form), e.errors(), std::nullopt, 422);
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::conflict) throw;
        return form_again(who, std::move(form), {{"date", e.what()}}, std::nullopt, 409);
    }
}

// The stored event a correct or cancel page is about, and its form filled in from it.
struct StoredForm {
    app::StoredEvent stored;
    EventForm form;
};
std::optional<StoredForm> stored_form(const EventRequest& r, AppContext& ctx, const Params& params,
                                      EventForm::Kind kind) {
    const auto key = parse_int(find_field(params, "event").value_or(""));
    if (!key) return std::nullopt;
    auto stored = ctx.store.events().find_event(r.child.council, r.child.child_id, *key);
    if (!stored) return std::nullopt;
    const auto& vocabulary = ctx.standards.vocabulary;
    const core::Event& e = stored->event;
    EventForm form;
    form.kind = kind;
    form.child_id = r.child.child_id;
    form.back = child_path(r.child);
    form.action = form.back + "/events/" + std::to_string(stored->key) +
                  (kind == EventForm::Kind::cancel ? "/cancel" : "/correct");
    form.csrf = r.child.gate.who->csrf;
    form.spec = &vocabulary.spec(e.type);
    form.event = vocabulary.name(e.type);
    form.status = core::to_string(e.status);
    const std::string iso = e.date.iso();
    form.year = iso.substr(0, 4);
    form.month = iso.substr(5, 2);
    form.day = iso.substr(8, 2);
    for (const auto& a : form.spec->attributes) form.attributes.emplace_back(a.key, std::string(e.attr(a.key)));
    form.agency = e.agency;
    form.note = e.note;
    form.version = std::to_string(app::event_version(vocabulary, e));
    form.summary = form.spec->label + " (" + std::string(core::to_string(e.status)) + ") of " + e.date.display();
    if (!e.details.empty()) form.summary += ": " + e.details;
    if (!e.note.empty()) form.summary += ". " + e.note;
    return StoredForm{std::move(*stored), std::move(form)};
}

// A request about one stored event: the event request's gate, then the event (else 404).
struct ChangeRequest {
    EventRequest r;
    std::optional<StoredForm> found;
    std::optional<Response> refusal;
};
ChangeRequest change_request(const Request& req, AppContext& ctx, const Params& params, EventForm::Kind kind,
                             bool post) {
    ChangeRequest c{event_request(req, ctx, params, post), std::nullopt, std::nullopt};
    if (c.r.refusal) {
        c.refusal = std::move(c.r.refusal);
        return c;
    }
    c.found = stored_form(c.r, ctx, params, kind);
    if (!c.found) c.refusal = error_response(c.r.child.gate.who, 404, "The child has no such event.");
    return c;
}

Response get_change_page(const Request& req, AppContext& ctx, const Params& params, EventForm::Kind kind) {
    auto [r, found, refusal] = change_request(req, ctx, params, kind, false);
    if (refusal) return std::move(*refusal);
    const auto& who = *r.child.gate.who;
    if (!app::may_record(who.user.role, found->stored.event.type)) {
        return error_response(who, 403, "Your role does not record or change this kind of event.");
    }
    if (found->stored.event.status == core::EventStatus::cancelled) {
        return error_response(who, 409, "This event is cancelled; record a new one if it is to happen after all.");
    }
    // The page shows what the event says: a view of the child's record.
    ctx.store.record_audit({iso_utc(ctx.now), who.user.name, "view_event", r.child.council, r.child.child_id,
                            "event " + std::to_string(found->stored.key), "web " + req.client});
    return html(200, views::event_form_page(chrome_of(who), found->form));
}

Response get_correct(const Request& req, AppContext& ctx, const Params& params) {
    return get_change_page(req, ctx, params, EventForm::Kind::correct);
}

Response get_cancel(const Request& req, AppContext& ctx, const Params& params) {
    return get_change_page(req, ctx, params, EventForm::Kind::cancel);
}

Response post_change(const Request& req, AppContext& ctx, const Params& params, EventForm::Kind kind) {
    auto [r, found, refusal] = change_request(req, ctx, params, kind, true);
    if (refusal) return std::move(*refusal);
    const auto& who = *r.child.gate.who;
    const Fields fields = req.form();
    EventForm form = std::move(found->form);
    const auto version = parse_int(find_field(fields, "version").value_or(""));
    std::optional<FormError> date_error;
    const app::ChildRef child{r.child.council, r.child.child_id};
    try {
        if (kind == EventForm::Kind::cancel) {
            form.reason = std::string(find_field(fields, "reason").value_or(""));
            app::cancel_event(ctx.store, ctx.standards.vocabulary, child, found->stored.key, form.reason, version,
                              author_of(req, ctx, who));
        } else {
            form.attributes.clear();
            read_fields(fields, form);
            app::EventInput input;
            const auto date = date_text(form);
            if (const auto* e = std::get_if<FormError>(&date)) {
                date_error = *e;
            } else {
                input.date = std::get<std::string>(date);
            }
            input.status = form.status;
            input.details = details_text(form);
            input.agency = form.agency;
            input.note = form.note;
            if (date_error) {
                input.date = found->stored.event.date.iso();  // checked, never written: the date is wrong
                auto problems = app::event_problems(
                    ctx.standards.vocabulary,
                    {input.date, form.event, input.status, input.details, input.agency, input.note, {}}, std::nullopt,
                    ctx.today);
                if (trimmed(form.reason).empty()) problems.push_back({"reason", "Say why the event is corrected"});
                return form_again(who, std::move(form), problems, date_error, 422);
            }
            app::correct_event(ctx.store, ctx.standards.vocabulary, child, found->stored.key, input, form.reason,
                               version, author_of(req, ctx, who));
        }
    } catch (const app::InvalidEvent& e) {
        return form_again(who, std::move(form), e.errors(), date_error, 422);
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::conflict) throw;
        return form_again(who, std::move(form), {{"date", e.what()}}, date_error, 409);
    }
    return redirect(form.back + "?changed=" + std::to_string(found->stored.key) + "&done=" +
                    (kind == EventForm::Kind::cancel ? "cancelled&cancelled=yes" : "corrected") + "#chronology");
}

Response post_correct(const Request& req, AppContext& ctx, const Params& params) {
    return post_change(req, ctx, params, EventForm::Kind::correct);
}

Response post_cancel(const Request& req, AppContext& ctx, const Params& params) {
    return post_change(req, ctx, params, EventForm::Kind::cancel);
}

}  // namespace

views::ChronologyOptions chronology_options(const Request& request, const AppContext& context, const app::SignedIn& who,
                                            const app::Chronology& chronology) {
    views::ChronologyOptions o;
    o.vocabulary = &context.standards.vocabulary;
    o.filter.group = request.query_param("group").value_or("");
    o.filter.agency = request.query_param("agency").value_or("");
    o.filter.from = trimmed(request.query_param("from").value_or(""));
    o.filter.to = trimmed(request.query_param("to").value_or(""));
    o.filter.show_cancelled = request.query_param("cancelled").value_or("") == "yes";
    const auto& vocabulary = context.standards.vocabulary;
    o.may_change.resize(vocabulary.size());
    for (std::size_t i = 0; i < vocabulary.size(); ++i) {
        o.may_change[i] = app::may_record(who.user.role, static_cast<core::EventTypeId>(i));
    }
    // After a change: "Looked after review recorded", named from the stored event itself.
    const auto done = request.query_param("done").value_or("");
    const auto key = parse_int(request.query_param("changed").value_or(""));
    if (key && (done == "recorded" || done == "planned" || done == "corrected" || done == "cancelled")) {
        for (const auto& e : chronology.entries) {
            if (e.event.seq == *key) o.banner = e.label + " " + done + ".";
        }
    }
    return o;
}

void add_events_routes(Router& r) {
    r.add("GET", "/children/{council}/{child_id}/events/new", get_new_event);
    r.add("POST", "/children/{council}/{child_id}/events", post_event);
    r.add("GET", "/children/{council}/{child_id}/events/{event}/correct", get_correct);
    r.add("POST", "/children/{council}/{child_id}/events/{event}/correct", post_correct);
    r.add("GET", "/children/{council}/{child_id}/events/{event}/cancel", get_cancel);
    r.add("POST", "/children/{council}/{child_id}/events/{event}/cancel", post_cancel);
}

}  // namespace waymark::web
