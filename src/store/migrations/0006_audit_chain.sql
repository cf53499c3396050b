-- The audit log chained by hashes, and users whose access is taken away (issue 5).
-- Depends on 0001 and 0003 only.
--
-- Each audit row carries prev_hash (the hash of the row before it, 64 zeros for the first) and
-- hash = BLAKE2b-256 over prev_hash and the row's fields (app/audit.hpp says exactly how), both
-- as 64 lower-case hex digits. Changing, removing or inserting a row breaks the chain at that
-- row, which `waymark audit verify` and /admin/audit report. SQL cannot compute BLAKE2b, so
-- the rows already written when this migration runs are chained by the program straight after
-- it, when it first opens the database (SqliteStore::chain_unchained_audit); until then their
-- hash is NULL.
ALTER TABLE audit ADD COLUMN prev_hash TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;
CREATE INDEX audit_unchained ON audit (id) WHERE hash IS NULL;
-- The audit pages filter by these, newest first.
CREATE INDEX audit_by_council ON audit (local_authority, id);

-- Still append-only. The one update allowed is the one-off chaining of a row written before
-- this migration: its hashes set, nothing else changed.
DROP TRIGGER audit_append_only_update;
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
WHEN OLD.hash IS NOT NULL OR NEW.hash IS NULL OR NEW.prev_hash IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor OR NEW.action IS NOT OLD.action
  OR NEW.local_authority IS NOT OLD.local_authority OR NEW.child_id IS NOT OLD.child_id
  OR NEW.detail IS NOT OLD.detail OR NEW.origin IS NOT OLD.origin
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- Every new row comes chained.
CREATE TRIGGER audit_chained_insert BEFORE INSERT ON audit
WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
BEGIN
    SELECT RAISE(ABORT, 'an audit row needs prev_hash and hash');
END;

-- An administrator takes a user's access away: disabled is the Unix time it was done (0 while
-- the user may sign in). The user's sessions and API tokens are deleted in the same
-- transaction, and sign-in, sessions and tokens all refuse a disabled user.
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
