// The pages that record, plan, correct and cancel a child's events (app/recording.hpp).
// Every form posts with the session's CSRF token; on an error the form comes back with all
// that was typed, an error summary linked to the fields and each field's error; on success the
// browser goes back to the child's page (303), which says what was done.
#include "web/routes/events.hpp"

#include "app/planned.hpp"
#include "app/recording.hpp"
#include "web/routes/respond.hpp"
#include "web/routes/routes.hpp"
#include "web/routes/session.hpp"

#include <algorithm>
#include <array>
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
        for (const auto& a : form.spec->attributes) {
            if (!a.is_date) {
                form.attributes.emplace_back(a.key, get("attr-" + a.key));
                continue;
            }
            // A date attribute: three fields, kept as typed, and the date they make (or, when they
            // make none, what was typed, which the use case refuses naming the attribute).
            const std::string day = trimmed(get("attr-" + a.key + "-day"));
            const std::string month = trimmed(get("attr-" + a.key + "-month"));
            const std::string year = trimmed(get("attr-" + a.key + "-year"));
            const auto date = views::typed_date(day, month, year);
            std::string value;
            if (date) {
                value = date->iso();
            } else if (!day.empty() || !month.empty() || !year.empty()) {
                value.append(day).append("/").append(month).append("/").append(year);
            }
            form.attributes.emplace_back(a.key, value);
            form.attributes.emplace_back(a.key + "-day", day);
            form.attributes.emplace_back(a.key + "-month", month);
            form.attributes.emplace_back(a.key + "-year", year);
        }
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
    const auto date = views::typed_date(form.day, form.month, form.year);
    if (!date) {
        return FormError{"date-day", "There is no such date as " + form.day + " " + form.month + " " + form.year +
                                         ". Check the day and the month"};
    }
    const std::string iso = date->iso();
    return iso;
}

// The details as key=value;key=value from the attribute fields that are filled in.
std::string details_text(const EventForm& form) {
    std::string out;
    if (form.spec == nullptr) return out;
    for (const auto& a : form.spec->attributes) {
        const std::string& key = a.key;
        const std::string v = trimmed(find_field(form.attributes, key).value_or(""));
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
            if (e.message.find(a.key) != std::string::npos) return "attr-" + a.key + (a.is_date ? "-day" : "");
        }
        const auto& first = form.spec->attributes.front();
        return "attr-" + first.key + (first.is_date ? "-day" : "");
    }
    if (e.field == "status" && form.kind == EventForm::Kind::correct) return "status-occurred";
    if (e.field == "status" && form.kind == EventForm::Kind::happened) return "date-day";
    if (e.field == "agency" || e.field == "note" || e.field == "reason") return e.field;
    return "event";
}

bool contains(std::string_view s, std::string_view part) {
    return s.find(part) != std::string_view::npos;
}

// A use case's message in plain words that say what to do (its own words when there are none).
std::string message_of(const EventForm& form, const app::FieldError& e) {
    const std::string what = form.spec ? form.spec->label : std::string("event");
    const std::string lower = views::lower_first(what);
    if (e.field == "date") {
        if (e.message == "required") return "Enter the date";
        if (contains(e.message, "is after today for an event that has occurred")) {
            if (form.kind == EventForm::Kind::correct) {
                return "The date must be today or earlier. If the " + lower +
                       " has not happened yet, choose 'No, it is "
                       "planned'";
            }
            if (form.kind == EventForm::Kind::happened) {
                return "The date must be today or earlier. If the " + lower +
                       " has not happened yet, go back and change the date it is planned for";
            }
            return "The date must be today or earlier. If the " + lower +
                   " has not happened yet, choose 'Plan an event'";
        }
        if (contains(e.message, "before the child's date of birth")) {
            return "The date must be on or after the child's date of birth";
        }
        if (contains(e.message, "before 1900")) return "The date must be in 1900 or later";
        if (contains(e.message, "nothing was changed"))
            return "Nothing was changed. Change what is wrong, or go back to the child";
        if (contains(e.message, "changed by someone else")) {
            return "Someone else changed this event while you had it open. Go back to the child, look at the event "
                   "again and make your change again";
        }
        if (contains(e.message, "already recorded for the child")) {
            return "This " + lower + " is already recorded for the child with the same date and details";
        }
    }
    if (e.field == "event") return "Choose the kind of event";
    if (e.field == "reason") {
        if (e.message.starts_with("required")) {
            return form.kind == EventForm::Kind::cancel ? "Say why the event is cancelled"
                                                        : "Say why the event is corrected";
        }
    }
    if (e.field == "status" && form.kind == EventForm::Kind::happened) {
        return "This " + lower + " is not planned any more: it has been recorded as happened or cancelled";
    }
    if (e.message == "required") return "Enter the " + e.field;
    if (e.message.starts_with("has ")) return "The " + e.field + " " + e.message;  // "has a control character ..."
    std::string m = e.message;
    if (!m.empty() && m.front() >= 'a' && m.front() <= 'z') m.front() = static_cast<char>(m.front() - 'a' + 'A');
    return m;
}

// The form again, with what was typed and the errors: the use case's (and the date's own).
Response form_again(const app::SignedIn& who, EventForm form, const std::vector<app::FieldError>& errors,
                    std::optional<FormError> date_error, int status) {
    if (date_error) form.errors.push_back(*date_error);
    for (const auto& e : errors) {
        if (date_error && e.field == "date") continue;  // the date's own words say it better
        form.errors.push_back({field_id(form, e), message_of(form, e)});
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
    if (planned && find_field(fields, "another").value_or("") != "yes") {
        // A second plan of the same type (and kind) is probably a mistake: ask first.
        const app::ChildRef child{r.child.council, r.child.child_id};
        const auto type = *ctx.standards.vocabulary.find(event);
        const auto kind = find_field(form.attributes, "kind").value_or("");
        if (const auto plans = app::same_plans(ctx.store, child, ctx.standards.vocabulary, type, kind);
            !plans.empty()) {
            std::vector<views::ExistingPlan> existing;
            std::vector<std::int64_t> keys;
            for (const auto& p : plans) {
                existing.push_back({p.key, p.event.date});
                keys.push_back(p.key);
            }
            // The page shows the planned events' dates: a view of the child's record.
            app::audit_event_view(ctx.store, {who.user.name, iso_utc(ctx.now), "web " + req.client}, child, keys,
                                  "already planned");
            return html(200, views::duplicate_plan_page(chrome_of(who), form, existing));
        }
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
    const char* verb = "/correct";
    if (kind == EventForm::Kind::cancel) verb = "/cancel";
    if (kind == EventForm::Kind::happened) verb = "/happened";
    form.action = form.back + "/events/" + std::to_string(stored->key) + verb;
    form.csrf = r.child.gate.who->csrf;
    form.spec = &vocabulary.spec(e.type);
    form.event = vocabulary.name(e.type);
    form.status = core::to_string(e.status);
    // Recording that a plan happened: on the planned date, or today when that is still to come.
    const core::Date shown = kind == EventForm::Kind::happened && ctx.today < e.date ? ctx.today : e.date;
    const auto split = [](core::Date d, std::string& day, std::string& month, std::string& year) {
        const auto ymd = d.ymd();
        day = std::to_string(static_cast<unsigned>(ymd.day()));
        month = std::to_string(static_cast<unsigned>(ymd.month()));
        year = std::to_string(static_cast<int>(ymd.year()));
    };
    split(shown, form.day, form.month, form.year);
    for (const auto& a : form.spec->attributes) {
        form.attributes.emplace_back(a.key, std::string(e.attr(a.key)));
        if (!a.is_date) continue;
        std::string day;
        std::string month;
        std::string year;
        if (const auto d = core::Date::try_parse(e.attr(a.key), true)) split(*d, day, month, year);
        form.attributes.emplace_back(a.key + "-day", day);
        form.attributes.emplace_back(a.key + "-month", month);
        form.attributes.emplace_back(a.key + "-year", year);
    }
    form.agency = e.agency;
    form.note = e.note;
    form.version = std::to_string(app::event_version(vocabulary, e));
    if (e.status == core::EventStatus::planned) {
        form.summary = form.spec->label + ", planned for " + e.date.long_display();
    } else {
        form.summary = form.spec->label + (e.status == core::EventStatus::cancelled ? ", cancelled, of " : " of ") +
                       e.date.long_display();
    }
    if (const auto details = views::details_words(*form.spec, e.details); !details.empty())
        form.summary += ". " + details;
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
        return error_response(who, 409, "This event is cancelled. Record a new one if it is to happen after all.");
    }
    if (kind == EventForm::Kind::happened && found->stored.event.status != core::EventStatus::planned) {
        return error_response(who, 409, "This event is already recorded as happened. Go back to the child to see it.");
    }
    // The page shows what the event says: a view of the child's record.
    const std::array keys{found->stored.key};
    app::audit_event_view(ctx.store, {who.user.name, iso_utc(ctx.now), "web " + req.client},
                          {r.child.council, r.child.child_id}, keys);
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
            if (kind == EventForm::Kind::happened) form.status = "occurred";
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
                if (kind == EventForm::Kind::correct && trimmed(form.reason).empty()) {
                    problems.push_back({"reason", "Say why the event is corrected"});
                }
                return form_again(who, std::move(form), problems, date_error, 422);
            }
            if (kind == EventForm::Kind::happened) {
                app::record_happened(ctx.store, ctx.standards.vocabulary, child, found->stored.key, input, version,
                                     author_of(req, ctx, who));
            } else {
                app::correct_event(ctx.store, ctx.standards.vocabulary, child, found->stored.key, input, form.reason,
                                   version, author_of(req, ctx, who));
            }
        }
    } catch (const app::InvalidEvent& e) {
        return form_again(who, std::move(form), e.errors(), date_error, 422);
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::conflict) throw;
        return form_again(who, std::move(form), {{"date", e.what()}}, date_error, 409);
    }
    const char* done = "corrected";
    if (kind == EventForm::Kind::cancel) done = "cancelled&cancelled=yes";
    if (kind == EventForm::Kind::happened) done = "happened";
    return redirect(form.back + "?changed=" + std::to_string(found->stored.key) + "&done=" + done + "#chronology");
}

Response post_correct(const Request& req, AppContext& ctx, const Params& params) {
    return post_change(req, ctx, params, EventForm::Kind::correct);
}

Response post_cancel(const Request& req, AppContext& ctx, const Params& params) {
    return post_change(req, ctx, params, EventForm::Kind::cancel);
}

Response get_happened(const Request& req, AppContext& ctx, const Params& params) {
    return get_change_page(req, ctx, params, EventForm::Kind::happened);
}

Response post_happened(const Request& req, AppContext& ctx, const Params& params) {
    return post_change(req, ctx, params, EventForm::Kind::happened);
}

// The planned events of the user's children whose date has passed, oldest first: one audit
// entry listing the children (app/planned.hpp).
Response get_planned_passed(const Request& req, AppContext& ctx, const Params&) {
    auto gate = named_children_gate(req, ctx);
    if (gate.refusal) return std::move(*gate.refusal);
    const auto& user = gate.who->user;
    const auto list = app::planned_passed(ctx.store, ctx.standards, user, ctx.today,
                                          {user.name, iso_utc(ctx.now), "web " + req.client}, ctx.status_cache);
    const auto& vocabulary = ctx.standards.vocabulary;
    std::vector<views::PlannedPassedRow> rows;
    rows.reserve(list.events.size());
    for (const auto& p : list.events) {
        const auto& spec = vocabulary.spec(p.event.type);
        const auto name = list.names.find(p.child_id);
        rows.push_back({"/children/" + path_segment(p.local_authority) + "/" + path_segment(p.child_id), p.child_id,
                        name == list.names.end() ? std::string() : name->second, p.key, spec.label,
                        views::details_words(spec, p.event.details), p.event.date,
                        app::may_record(user.role, p.event.type)});
    }
    return html(200, views::planned_passed_page(chrome_of(*gate.who), rows, ctx.today));
}

}  // namespace

views::ChronologyOptions chronology_options(const Request& request, const AppContext& context, const app::SignedIn& who,
                                            const app::Chronology& chronology) {
    views::ChronologyOptions o;
    o.vocabulary = &context.standards.vocabulary;
    o.filter.group = request.query_param("group").value_or("");
    o.filter.agency = request.query_param("agency").value_or("");
    o.today = context.today;
    // A date filter: its three fields, or (from a link) one parameter, YYYY-MM-DD or DD/MM/YYYY.
    const auto typed = [&request](const std::string& name) {
        views::ChronologyFilter::TypedDate d{trimmed(request.query_param(name + "-day").value_or("")),
                                             trimmed(request.query_param(name + "-month").value_or("")),
                                             trimmed(request.query_param(name + "-year").value_or(""))};
        const std::string one = trimmed(request.query_param(name).value_or(""));
        if (!d.empty() || one.empty()) return d;
        if (const auto date = core::Date::try_parse(one, true)) {
            const auto ymd = date->ymd();
            return views::ChronologyFilter::TypedDate{std::to_string(static_cast<unsigned>(ymd.day())),
                                                      std::to_string(static_cast<unsigned>(ymd.month())),
                                                      std::to_string(static_cast<int>(ymd.year()))};
        }
        return views::ChronologyFilter::TypedDate{one, "", ""};
    };
    o.filter.from = typed("from");
    o.filter.to = typed("to");
    o.filter.show_cancelled = request.query_param("cancelled").value_or("") == "yes";
    const auto& vocabulary = context.standards.vocabulary;
    o.may_change.resize(vocabulary.size());
    for (std::size_t i = 0; i < vocabulary.size(); ++i) {
        o.may_change[i] = app::may_record(who.user.role, static_cast<core::EventTypeId>(i));
    }
    // After a change: "Looked after review recorded", named from the stored event itself.
    const auto done = request.query_param("done").value_or("");
    const auto key = parse_int(request.query_param("changed").value_or(""));
    if (key &&
        (done == "recorded" || done == "planned" || done == "corrected" || done == "cancelled" || done == "happened")) {
        for (const auto& e : chronology.entries) {
            if (e.event.seq != *key) continue;
            o.banner =
                done == "happened" ? e.label + " recorded as happened." : e.label + " " + std::string(done) + ".";
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
    r.add("GET", "/children/{council}/{child_id}/events/{event}/happened", get_happened);
    r.add("POST", "/children/{council}/{child_id}/events/{event}/happened", post_happened);
    r.add("GET", "/planned-passed", get_planned_passed);
}

}  // namespace waymark::web
