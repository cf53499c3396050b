-- What a council's allocations, teams and users are at, for the join of its children with their
-- allocations that is kept between requests (app::StatusCache::council_children): a manager's
-- list of 1,500 children read every allocation and user of the council on every visit. The
-- triggers raise meta.caseload_changed on every write of an allocation or a team, and on the
-- writes of a user that change who sees what (not on sign-in's failed-attempt counts).
INSERT INTO meta (key, value) VALUES ('caseload_changed', 0);

CREATE TRIGGER allocations_inserted_count AFTER INSERT ON allocations
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'caseload_changed';
END;
CREATE TRIGGER allocations_updated_count AFTER UPDATE ON allocations
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'caseload_changed';
END;
CREATE TRIGGER allocations_deleted_count AFTER DELETE ON allocations
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'caseload_changed';
END;
CREATE TRIGGER teams_inserted_count AFTER INSERT ON teams
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'caseload_changed';
END;
CREATE TRIGGER teams_updated_count AFTER UPDATE ON teams
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'caseload_changed';
END;
CREATE TRIGGER teams_deleted_count AFTER DELETE ON teams
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'caseload_changed';
END;
CREATE TRIGGER users_inserted_count AFTER INSERT ON users
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'caseload_changed';
END;
CREATE TRIGGER users_updated_count AFTER UPDATE OF name, role, local_authority, team, disabled ON users
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'caseload_changed';
END;
CREATE TRIGGER users_deleted_count AFTER DELETE ON users
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'caseload_changed';
END;
