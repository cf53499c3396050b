-- What children and events are at, for what is worked out from them and kept between requests
-- (the children list's status rows, app::StatusCache). A store reads it as three numbers:
-- meta.journeys_changed, which the triggers below raise on every update or delete of a child
-- or an event, and the largest child and event row ids, which every insert raises (a row id is
-- reused only after the row with the largest id was deleted, which the triggers count). An
-- insert costs nothing more: a trigger on each inserted event would add about a second (a
-- fifth) to the import of a national history's 2.7 million events.
INSERT INTO meta (key, value) VALUES ('journeys_changed', 0);

CREATE TRIGGER children_updated_count AFTER UPDATE ON children
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'journeys_changed';
END;
CREATE TRIGGER children_deleted_count AFTER DELETE ON children
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'journeys_changed';
END;
CREATE TRIGGER events_updated_count AFTER UPDATE ON events
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'journeys_changed';
END;
CREATE TRIGGER events_deleted_count AFTER DELETE ON events
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'journeys_changed';
END;
