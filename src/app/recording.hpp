#pragma once
// Recording a named child's events one at a time (the web application's forms and the API's
// POST): record an event that occurred or is planned, correct a stored one, cancel one. Every
// event is checked exactly as the importer checks an events.csv row (app/event_checks.hpp),
// with each problem naming its field; each change is one transaction with its history entry
// (who, when, from where, why, the event before and after) and its audit entry.
#include "app/auth.hpp"
#include "app/event_checks.hpp"
#include "app/reports.hpp"
#include "app/store.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::app {

// Who may record or change which events (DESIGN.md "Who uses it"): social workers and team
// managers any event; independent reviewing officers the reviews they chair (and the dates of
// the next ones); legal services legal advice and court steps; other roles none.
bool may_record(Role role, core::EventTypeId type) noexcept;
// Whether the role may record some event (so is offered the forms at all).
bool may_record_any(Role role) noexcept;

// An event as typed: the fields of an events.csv row (child and council come from the page or
// the address), untrimmed text.
struct EventInput {
    std::string date;
    std::string event;
    std::string status;
    std::string details;
    std::string agency;
    std::string note;
    std::string event_id;
};

struct FieldError {
    std::string field;  // the events.csv column at fault: date, event, status, details, ...
    std::string message;
};

// Bad input, with every field at fault (the first one is the message).
class InvalidEvent : public core::Error {
public:
    explicit InvalidEvent(std::vector<FieldError> errors);
    InvalidEvent(std::string field, std::string message);
    [[nodiscard]] const std::vector<FieldError>& errors() const noexcept { return errors_; }

private:
    std::vector<FieldError> errors_;
};

// Who is changing the record, when (UTC, ISO 8601) and from where, and as of which date
// (events that occurred cannot be after it).
struct Author {
    std::string actor;
    Role role = Role::social_worker;
    std::string at;
    std::string origin;
    core::Date today;
};

// The problems record_event would find with the input (for a child born on `date_of_birth`),
// without writing anything: a form that has found a problem of its own (a date it cannot
// read) still shows every other one at once.
std::vector<FieldError> event_problems(const core::Vocabulary& vocabulary, const EventInput& input,
                                       const std::optional<core::Date>& date_of_birth, core::Date today);

// A version of a stored event, for forms and API clients to send back with a change so that
// a change made meanwhile by someone else is not overwritten unseen.
std::int64_t event_version(const core::Vocabulary& vocabulary, const core::Event& event);

// Records a new event (occurred or planned) for the child. Throws InvalidEvent for bad input,
// Error(not_found) when there is no such child, (forbidden) when the role may not record the
// event's type, (conflict) when it is already stored.
StoredEvent record_event(Store& store, const core::Vocabulary& vocabulary, const ChildRef& child,
                         const EventInput& input, const Author& author);

// Corrects a stored event: its date, status (occurred or planned), details, agency and note
// from `input` (its event and event_id fields are not read: the type of an event never
// changes). `reason` is required. `version`, if given, must be the stored event's
// event_version (else Error(conflict)). Throws as record_event, and Error(not_found) when
// the child has no such event.
StoredEvent correct_event(Store& store, const core::Vocabulary& vocabulary, const ChildRef& child, std::int64_t key,
                          const EventInput& input, std::string_view reason, std::optional<std::int64_t> version,
                          const Author& author);

// The reason kept with the history entry of a planned event recorded as happened.
inline constexpr const char* kHappened = "recorded that the planned event happened";

// Records that a planned event happened: the same stored event (its key, type and history)
// becomes occurred on `input`'s date (today or earlier), with `input`'s details, agency and
// note; one transaction holding the change, its history entry (a correction, reason kHappened)
// and its audit entry (correct_event). No second event is recorded, so clocks waiting on the
// plan count it as met. Throws InvalidEvent("status") when the event is not planned, and
// otherwise as correct_event.
StoredEvent record_happened(Store& store, const core::Vocabulary& vocabulary, const ChildRef& child, std::int64_t key,
                            const EventInput& input, std::optional<std::int64_t> version, const Author& author);

// Cancels a stored event (it stays in the chronology as cancelled, and clocks no longer count
// it). `reason` is required. Throws as correct_event, and InvalidEvent when it is already
// cancelled.
StoredEvent cancel_event(Store& store, const core::Vocabulary& vocabulary, const ChildRef& child, std::int64_t key,
                         std::string_view reason, std::optional<std::int64_t> version, const Author& author);

// What a page or the API shows of a child's stored events (the form to change one, the API's
// read of one, the plans already made of a kind) is a view of the child's record: one audit
// entry, action view_event, the detail "event KEY, KEY" and then " (WHY)" when `why` is given,
// written before they are shown.
void audit_event_view(AuditLog& store, const Viewer& viewer, const ChildRef& child, std::span<const std::int64_t> keys,
                      std::string_view why = {});

}  // namespace waymark::app
