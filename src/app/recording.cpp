#include "app/recording.hpp"

#include "app/csv_table.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <array>

namespace waymark::app {

using core::Error;
using core::ErrorKind;
using core::EventType;

namespace {

// What each role may record beyond nothing; social workers and team managers record anything.
struct RoleTypes {
    Role role;
    std::array<EventType, 6> types;
    std::size_t count;
};
constexpr RoleTypes kLimitedRoles[] = {
    {Role::reviewing_officer, {EventType::lar}, 1},
    {Role::legal,
     {EventType::legal_advice_requested, EventType::legal_advice_received, EventType::court_application_lodged,
      EventType::court_hearing, EventType::order_granted, EventType::order_refused},
     6},
};

std::string message_of(const std::vector<FieldError>& errors) {
    std::string out = "the event is not valid: ";
    for (std::size_t i = 0; i < errors.size(); ++i) {
        if (i > 0) out += "; ";
        out += errors[i].field + ": " + errors[i].message;
    }
    return out;
}

std::string_view trimmed(const std::string& s) {
    return trim(s);
}

// The event the input describes, checked as the importer checks a row, for a child born on
// `date_of_birth`; `errors` gets every problem (and the event is then not to be used).
core::Event checked_event(const core::Vocabulary& vocabulary, const EventInput& input,
                          const std::optional<core::Date>& date_of_birth, core::Date today,
                          std::vector<FieldError>& errors) {
    const EventProblem problem = [&errors](EventField field, std::string message) {
        errors.push_back({std::string(field_name(field)), std::move(message)});
    };
    // The event_id's form (is_reference) is checked below: it has no control characters.
    const EventText text{trimmed(input.date),    trimmed(input.event),  trimmed(input.status),
                         trimmed(input.details), trimmed(input.agency), trimmed(input.note)};
    const auto [type, status, date] = check_event_fields(vocabulary, text, {today, date_of_birth}, problem);
    if (status == core::EventStatus::cancelled) {
        problem(EventField::status, "an event is recorded as occurred or planned; a stored event can be cancelled");
    }
    const auto event_id = trimmed(input.event_id);
    if (!event_id.empty() && !core::is_reference(event_id)) {
        problem(EventField::event_id,
                "'" + std::string(event_id) + "' is not an event_id (1-64 characters of A-Z a-z 0-9 - _ . /)");
    }
    core::Event e;
    if (!errors.empty()) return e;
    e.date = *date;
    e.type = *type;
    e.status = *status;
    e.details = vocabulary.canonical_details(*type, text.details);
    e.agency = text.agency;
    e.note = trimmed(input.note);
    e.event_id = event_id;
    return e;
}

core::Event checked_event(const core::Vocabulary& vocabulary, const EventInput& input,
                          const std::optional<core::Date>& date_of_birth, const Author& author) {
    std::vector<FieldError> errors;
    core::Event e = checked_event(vocabulary, input, date_of_birth, author.today, errors);
    if (!errors.empty()) throw InvalidEvent(std::move(errors));
    return e;
}

void check_may_record(Role role, const core::Vocabulary& vocabulary, core::EventTypeId type) {
    if (!may_record(role, type)) {
        throw Error(ErrorKind::forbidden, "a " + std::string(to_string(role)) + " may not record or change a " +
                                              std::string(vocabulary.spec(type).label) + " event");
    }
}

StoredEvent stored_event(Store& store, const ChildRef& child, std::int64_t key, std::optional<std::int64_t> version,
                         const core::Vocabulary& vocabulary) {
    auto stored = store.events().find_event(child.local_authority, child.child_id, key);
    if (!stored) {
        throw Error(ErrorKind::not_found, "child " + child.child_id + " of " + child.local_authority +
                                              " has no event " + std::to_string(key));
    }
    if (version && *version != event_version(vocabulary, stored->event)) {
        throw Error(ErrorKind::conflict, "the event was changed by someone else since it was read; look at it again");
    }
    return *stored;
}

std::string required_reason(std::string_view reason) {
    const auto r = trim(reason);
    if (r.empty()) throw InvalidEvent("reason", "required: say why the event is changed");
    if (auto why = core::control_character_problem(r, core::TextKind::free_text)) {
        throw InvalidEvent("reason", std::move(*why));
    }
    return std::string(r);
}

StoredEvent change(Store& store, const core::Vocabulary& vocabulary, const StoredEvent& before,
                   const core::Event& after, std::string_view action, std::string reason, const Author& author) {
    const std::string detail = std::string(vocabulary.name(before.event.type)) + " of " + before.event.date.iso() +
                               " (event " + std::to_string(before.key) + ")";
    const EventChange c{std::string(action), author.at, author.actor, author.origin, std::move(reason)};
    const AuditEntry audit{author.at,       author.actor, std::string(action), before.local_authority,
                           before.child_id, detail,       author.origin};
    return store.events().change_event(before, after, c, audit);
}

}  // namespace

bool may_record(Role role, core::EventTypeId type) noexcept {
    if (role == Role::social_worker || role == Role::team_manager) return true;
    for (const auto& limited : kLimitedRoles) {
        if (limited.role != role) continue;
        const auto* end = limited.types.begin() + limited.count;
        return std::find_if(limited.types.begin(), end, [&](EventType t) { return core::id_of(t) == type; }) != end;
    }
    return false;
}

bool may_record_any(Role role) noexcept {
    if (role == Role::social_worker || role == Role::team_manager) return true;
    return std::any_of(std::begin(kLimitedRoles), std::end(kLimitedRoles),
                       [&](const RoleTypes& r) { return r.role == role; });
}

InvalidEvent::InvalidEvent(std::vector<FieldError> errors)
    : core::Error(ErrorKind::invalid_input, message_of(errors)), errors_(std::move(errors)) {}

InvalidEvent::InvalidEvent(std::string field, std::string message)
    : InvalidEvent(std::vector<FieldError>{{std::move(field), std::move(message)}}) {}

std::vector<FieldError> event_problems(const core::Vocabulary& vocabulary, const EventInput& input,
                                       const std::optional<core::Date>& date_of_birth, core::Date today) {
    std::vector<FieldError> errors;
    (void)checked_event(vocabulary, input, date_of_birth, today, errors);
    return errors;
}

std::int64_t event_version(const core::Vocabulary& vocabulary, const core::Event& event) {
    return event_fingerprint(event, vocabulary.name(event.type));
}

StoredEvent record_event(Store& store, const core::Vocabulary& vocabulary, const ChildRef& child,
                         const EventInput& input, const Author& author) {
    const auto found = store.events().find_child(child.local_authority, child.child_id);
    if (!found) throw Error(ErrorKind::not_found, "no child " + child.child_id + " of " + child.local_authority);
    const core::Event e = checked_event(vocabulary, input, found->date_of_birth, author);
    check_may_record(author.role, vocabulary, e.type);
    const EventChange c{"record_event", author.at, author.actor, author.origin, {}};
    const AuditEntry audit{
        author.at,
        author.actor,
        "record_event",
        child.local_authority,
        child.child_id,
        std::string(vocabulary.name(e.type)) + " " + std::string(core::to_string(e.status)) + " on " + e.date.iso(),
        author.origin};
    return store.events().add_event(child.local_authority, child.child_id, e,
                                    event_fingerprint(e, vocabulary.name(e.type)), c, audit);
}

StoredEvent correct_event(Store& store, const core::Vocabulary& vocabulary, const ChildRef& child, std::int64_t key,
                          const EventInput& input, std::string_view reason, std::optional<std::int64_t> version,
                          const Author& author) {
    const StoredEvent before = stored_event(store, child, key, version, vocabulary);
    check_may_record(author.role, vocabulary, before.event.type);
    const auto found = store.events().find_child(child.local_authority, child.child_id);
    EventInput typed = input;
    typed.event = vocabulary.name(before.event.type);
    typed.event_id.clear();
    std::vector<FieldError> errors;
    std::optional<core::Event> after;
    try {
        after = checked_event(vocabulary, typed, found ? found->date_of_birth : std::nullopt, author);
    } catch (const InvalidEvent& e) {
        errors = e.errors();
    }
    std::string why;
    try {
        why = required_reason(reason);
    } catch (const InvalidEvent& e) {
        errors.insert(errors.end(), e.errors().begin(), e.errors().end());
    }
    if (!errors.empty()) throw InvalidEvent(std::move(errors));
    if (after->date == before.event.date && after->status == before.event.status &&
        after->details == before.event.details && after->agency == before.event.agency &&
        after->note == before.event.note) {
        throw InvalidEvent("date", "nothing was changed: change what is wrong, or go back");
    }
    return change(store, vocabulary, before, *after, "correct_event", std::move(why), author);
}

StoredEvent record_happened(Store& store, const core::Vocabulary& vocabulary, const ChildRef& child, std::int64_t key,
                            const EventInput& input, std::optional<std::int64_t> version, const Author& author) {
    const StoredEvent before = stored_event(store, child, key, version, vocabulary);
    check_may_record(author.role, vocabulary, before.event.type);
    if (before.event.status != core::EventStatus::planned) {
        throw InvalidEvent("status", "the event is not planned: it has happened already or was cancelled");
    }
    const auto found = store.events().find_child(child.local_authority, child.child_id);
    EventInput typed = input;
    typed.event = vocabulary.name(before.event.type);
    typed.status = "occurred";
    typed.event_id.clear();
    const core::Event after = checked_event(vocabulary, typed, found ? found->date_of_birth : std::nullopt, author);
    return change(store, vocabulary, before, after, "correct_event", kHappened, author);
}

StoredEvent cancel_event(Store& store, const core::Vocabulary& vocabulary, const ChildRef& child, std::int64_t key,
                         std::string_view reason, std::optional<std::int64_t> version, const Author& author) {
    const StoredEvent before = stored_event(store, child, key, version, vocabulary);
    check_may_record(author.role, vocabulary, before.event.type);
    if (before.event.status == core::EventStatus::cancelled) {
        throw InvalidEvent("status", "the event is already cancelled");
    }
    std::string why = required_reason(reason);
    core::Event after = before.event;
    after.status = core::EventStatus::cancelled;
    return change(store, vocabulary, before, after, "cancel_event", std::move(why), author);
}

void audit_event_view(AuditLog& store, const Viewer& viewer, const ChildRef& child, std::span<const std::int64_t> keys,
                      std::string_view why) {
    std::string detail = "event ";
    for (std::size_t i = 0; i < keys.size(); ++i) detail += (i == 0 ? "" : ", ") + std::to_string(keys[i]);
    if (!why.empty()) detail += " (" + std::string(why) + ")";
    store.record_audit(
        {viewer.at, viewer.actor, "view_event", child.local_authority, child.child_id, detail, viewer.origin});
}

}  // namespace waymark::app
