-- Restricted records (issue 11): once an adoption plan starts, only those named on the child's
-- allocation (and their team's managers) see the child (app/access.hpp). A child is restricted
-- by any restricting event recorded as occurred, and stays restricted whatever later events,
-- corrections, cancellations or as-of dates say: only an administrator's recorded lift (an
-- audited decision, restriction_lifts) takes it off. So the restriction is kept here, set by
-- the triggers below in the transaction of the write that restricts, whichever way the event
-- came (an import, the web forms, the API), and never derived again from today's events.

-- The restricting events: a type and a key=value of its details (DATA.md). An adoption or a
-- permanence order with authority to adopt as the plan, the recommendation's route, the
-- panel's recommendation, or the order granted (England's placement order is its authority to
-- place for adoption).
CREATE TABLE restricting_details (
    event TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (event, detail)
) WITHOUT ROWID;
INSERT INTO restricting_details (event, detail) VALUES
    ('permanence_plan_recorded', 'plan=adoption'),
    ('permanence_plan_recorded', 'plan=poa'),
    ('permanence_recommendation', 'route=adoption'),
    ('permanence_recommendation', 'route=poa'),
    ('permanence_panel', 'recommendation=adoption'),
    ('permanence_panel', 'recommendation=poa'),
    ('order_granted', 'order=adoption'),
    ('order_granted', 'order=poa'),
    ('order_granted', 'order=placement_order');

-- One row for each child ever restricted. `restricted` is 0 only after a lift; `event` is the
-- event that last restricted the child.
CREATE TABLE restrictions (
    child INTEGER PRIMARY KEY REFERENCES children (id),
    restricted INTEGER NOT NULL DEFAULT 1 CHECK (restricted IN (0, 1)),
    event INTEGER NOT NULL
);

-- Administrators' decisions to lift a restriction: who, when, from where and why. Append-only.
CREATE TABLE restriction_lifts (
    id INTEGER PRIMARY KEY,
    child INTEGER NOT NULL REFERENCES children (id),
    event INTEGER NOT NULL,             -- the restricting event the restriction was from
    at TEXT NOT NULL,                   -- UTC, ISO 8601
    actor TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT '',    -- "command line", "web ADDRESS"
    reason TEXT NOT NULL CHECK (reason <> '')
);
CREATE INDEX restriction_lifts_by_child ON restriction_lifts (child);
CREATE TRIGGER restriction_lifts_append_only_update BEFORE UPDATE ON restriction_lifts
BEGIN
    SELECT RAISE(ABORT, 'the restriction lifts are append-only');
END;
CREATE TRIGGER restriction_lifts_append_only_delete BEFORE DELETE ON restriction_lifts
BEGIN
    SELECT RAISE(ABORT, 'the restriction lifts are append-only');
END;
-- A restriction is never removed, only lifted.
CREATE TRIGGER restrictions_never_deleted BEFORE DELETE ON restrictions
BEGIN
    SELECT RAISE(ABORT, 'a restriction is lifted, never deleted');
END;
-- A lift changes who sees the child: what is kept between requests must be worked out again
-- (migration 0007).
CREATE TRIGGER restrictions_updated_count AFTER UPDATE ON restrictions
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'journeys_changed';
END;

-- An event that occurred and is restricting restricts its child: a new one, or one that a
-- change made restricting (a planned one now occurred, another plan corrected to adoption). A
-- change to an event that was already restricting (a note corrected, the same row imported
-- again) does not undo a lift.
CREATE TRIGGER events_inserted_restrict AFTER INSERT ON events
WHEN NEW.status = 'occurred' AND EXISTS (
    SELECT 1 FROM restricting_details r
    WHERE r.event = NEW.event AND instr(';' || NEW.details || ';', ';' || r.detail || ';') > 0)
BEGIN
    INSERT INTO restrictions (child, restricted, event) VALUES (NEW.child, 1, NEW.id)
    ON CONFLICT (child) DO UPDATE SET restricted = 1, event = excluded.event WHERE restricted = 0;
END;
CREATE TRIGGER events_updated_restrict AFTER UPDATE ON events
WHEN NEW.status = 'occurred' AND EXISTS (
    SELECT 1 FROM restricting_details r
    WHERE r.event = NEW.event AND instr(';' || NEW.details || ';', ';' || r.detail || ';') > 0)
  AND NOT (OLD.status = 'occurred' AND OLD.child = NEW.child AND EXISTS (
    SELECT 1 FROM restricting_details r
    WHERE r.event = OLD.event AND instr(';' || OLD.details || ';', ';' || r.detail || ';') > 0))
BEGIN
    INSERT INTO restrictions (child, restricted, event) VALUES (NEW.child, 1, NEW.id)
    ON CONFLICT (child) DO UPDATE SET restricted = 1, event = excluded.event WHERE restricted = 0;
END;

-- Databases written before this migration: every child with a restricting event that occurred,
-- as stored now or in any version kept in the history of event changes (a restricting event
-- corrected or cancelled away before today still restricts).
INSERT INTO restrictions (child, restricted, event)
SELECT child, 1, max(event) FROM (
    SELECT e.child AS child, e.id AS event FROM events e
    WHERE e.status = 'occurred' AND EXISTS (
        SELECT 1 FROM restricting_details r
        WHERE r.event = e.event AND instr(';' || e.details || ';', ';' || r.detail || ';') > 0)
    UNION ALL
    SELECT e.child, e.id FROM event_changes c JOIN events e ON e.id = c.event
    WHERE (c.before_status = 'occurred' AND EXISTS (
              SELECT 1 FROM restricting_details r
              WHERE r.event = c.event_type
                AND instr(';' || c.before_details || ';', ';' || r.detail || ';') > 0))
       OR (c.after_status = 'occurred' AND EXISTS (
              SELECT 1 FROM restricting_details r
              WHERE r.event = c.event_type
                AND instr(';' || c.after_details || ';', ';' || r.detail || ';') > 0))
)
GROUP BY child;
