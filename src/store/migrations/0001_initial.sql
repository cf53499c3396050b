-- Waymark schema version 1: children and their dated events.
-- Dates are ISO text (YYYY-MM-DD) so the data reads well in plain SQL; the view chronology
-- joins it all up for people who query the database directly.
CREATE TABLE children (
    id INTEGER PRIMARY KEY,
    local_authority TEXT NOT NULL,
    child_id TEXT NOT NULL,
    family_name TEXT NOT NULL DEFAULT '',
    given_name TEXT NOT NULL DEFAULT '',
    date_of_birth TEXT,
    expected_birth_date TEXT,
    sex TEXT NOT NULL DEFAULT '',
    UNIQUE (local_authority, child_id)
);

-- Reports scan the whole table: what clocks and stages read comes first, the chronology's
-- words (agency, note) last.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,            -- insertion order: orders events dated on one day
    child INTEGER NOT NULL REFERENCES children (id),
    local_authority TEXT NOT NULL,     -- event_id is unique per council
    date TEXT NOT NULL,
    event TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'occurred',  -- occurred, planned or cancelled (checked on import)
    details TEXT NOT NULL DEFAULT '',
    event_id TEXT,
    content_hash INTEGER NOT NULL,     -- finds a re-imported row that has no event_id
    agency TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);

CREATE INDEX events_by_child ON events (child);
CREATE UNIQUE INDEX events_by_event_id ON events (local_authority, event_id) WHERE event_id IS NOT NULL;
CREATE UNIQUE INDEX events_by_content ON events (child, content_hash) WHERE event_id IS NULL;

CREATE VIEW chronology AS
SELECT c.local_authority, c.child_id, e.date, e.event, e.status, e.details, e.agency, e.note, e.event_id
FROM events e
JOIN children c ON c.id = e.child;

-- Who viewed or changed a named child's record, and when. Append-only: the triggers refuse
-- any change to what is written.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,                  -- UTC, ISO 8601
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    local_authority TEXT NOT NULL,
    child_id TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Every event type stored, so that a report can tell at once whether the standards in use
-- know them all (a local type needs the standards file that declares it).
CREATE TABLE event_types (
    name TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Bookkeeping. 'writes' goes up by one in every write transaction, so that two connections
-- can tell they read the same snapshot (reports read with two at once).
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO meta (key, value) VALUES ('writes', 0);
