-- An event's status is one of the three DATA.md names: occurred, planned or cancelled (issue 14).
-- The program reads any other as a storage error, never as an event that occurred; the schema
-- refuses to store one, whichever way it comes (an import, the forms, the API, plain SQL).
--
-- SQLite adds no CHECK to a table it has: that takes rebuilding events, copying every row and
-- its three indexes, under the foreign keys of event_changes and restrictions and the triggers
-- of migrations 0007 and 0011, in one transaction that holds the database for as long as the
-- copy takes on a national history. Triggers take no time to add on any size of database and
-- leave each stored row as it is (one with a status the program does not know, written before
-- this migration, is named by the reads as a storage error).
--
-- The check on insert rides on the trigger every inserted event already runs (0011's
-- events_inserted_restrict): in the import of `synth --children 20000` (636,000 events) a
-- second trigger on each inserted event cost 0.2 s of CPU, the extra condition in the one there
-- is nothing measurable. The statuses are compared one by one: `NOT IN (...)` builds its list
-- again on each row a trigger runs for, which cost 1.2 s. A trigger of its own guards updates,
-- which are few (corrections, an import's replacements by event_id).
DROP TRIGGER events_inserted_restrict;
CREATE TRIGGER events_inserted_restrict AFTER INSERT ON events
WHEN (NEW.status <> 'occurred' AND NEW.status <> 'planned' AND NEW.status <> 'cancelled')
  OR (NEW.status = 'occurred' AND EXISTS (
    SELECT 1 FROM restricting_details r
    WHERE r.event = NEW.event AND instr(';' || NEW.details || ';', ';' || r.detail || ';') > 0))
BEGIN
    SELECT RAISE(ABORT, 'events.status must be occurred, planned or cancelled')
    WHERE NEW.status <> 'occurred' AND NEW.status <> 'planned' AND NEW.status <> 'cancelled';
    INSERT INTO restrictions (child, restricted, event) VALUES (NEW.child, 1, NEW.id)
    ON CONFLICT (child) DO UPDATE SET restricted = 1, event = excluded.event WHERE restricted = 0;
END;
CREATE TRIGGER events_status_updated BEFORE UPDATE OF status ON events
WHEN NEW.status <> 'occurred' AND NEW.status <> 'planned' AND NEW.status <> 'cancelled'
BEGIN
    SELECT RAISE(ABORT, 'events.status must be occurred, planned or cancelled');
END;
