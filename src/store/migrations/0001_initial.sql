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

-- What the clocks and stages read, kept narrow: reports scan the whole table.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,            -- insertion order: orders events dated on one day
    child INTEGER NOT NULL REFERENCES children (id),
    local_authority TEXT NOT NULL,     -- event_id is unique per council
    date TEXT NOT NULL,
    event TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'occurred',  -- occurred, planned or cancelled (checked on import)
    details TEXT NOT NULL DEFAULT '',
    event_id TEXT,
    content_hash INTEGER NOT NULL      -- finds a re-imported row that has no event_id
);

CREATE INDEX events_by_child ON events (child);
CREATE UNIQUE INDEX events_by_event_id ON events (local_authority, event_id) WHERE event_id IS NOT NULL;
CREATE UNIQUE INDEX events_by_content ON events (child, content_hash) WHERE event_id IS NULL;

-- The chronology's words, read only when a person reads a chronology.
CREATE TABLE event_notes (
    event INTEGER PRIMARY KEY REFERENCES events (id),
    agency TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);

CREATE VIEW chronology AS
SELECT c.local_authority, c.child_id, e.date, e.event, e.status, e.details,
       coalesce(n.agency, '') AS agency, coalesce(n.note, '') AS note, e.event_id
FROM events e
JOIN children c ON c.id = e.child
LEFT JOIN event_notes n ON n.event = e.id;
