-- Events recorded, corrected and cancelled in the web application or through the API
-- (issue 5): each change with who made it, when, from where and why, and the event before and
-- after it, so that nothing once stored is lost. Depends only on 0001. Append-only, as the
-- audit log is. An event's type never changes (a wrong type is cancelled and recorded anew),
-- so it is kept once per change; the event's fields are as in events.
CREATE TABLE event_changes (
    id INTEGER PRIMARY KEY,
    event INTEGER NOT NULL REFERENCES events (id),
    local_authority TEXT NOT NULL,
    child_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('record_event', 'correct_event', 'cancel_event')),
    at TEXT NOT NULL,                  -- UTC, ISO 8601
    actor TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT '',   -- "web ADDRESS", "api ADDRESS"
    reason TEXT NOT NULL DEFAULT '',
    event_type TEXT NOT NULL,
    before_date TEXT,                  -- NULL when the change recorded the event
    before_status TEXT,
    before_details TEXT,
    before_agency TEXT,
    before_note TEXT,
    after_date TEXT NOT NULL,
    after_status TEXT NOT NULL,
    after_details TEXT NOT NULL,
    after_agency TEXT NOT NULL,
    after_note TEXT NOT NULL,
    -- Recording has no "before"; a correction or a cancellation has one, and a reason.
    CHECK ((action = 'record_event') = (before_date IS NULL)),
    CHECK (action = 'record_event' OR reason <> '')
);
CREATE INDEX event_changes_by_event ON event_changes (event);
CREATE INDEX event_changes_by_child ON event_changes (local_authority, child_id);

CREATE TRIGGER event_changes_append_only_update BEFORE UPDATE ON event_changes
BEGIN
    SELECT RAISE(ABORT, 'the history of event changes is append-only');
END;
CREATE TRIGGER event_changes_append_only_delete BEFORE DELETE ON event_changes
BEGIN
    SELECT RAISE(ABORT, 'the history of event changes is append-only');
END;
