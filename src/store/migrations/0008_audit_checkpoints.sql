-- Checkpoints of the audit log's hash chain (issue 5), so that a check need not start from the
-- first row every time. Depends on 0006.
--
-- A checkpoint says: a check found the chain intact from the first row, or from the checkpoint
-- before, up to row audit_id, whose hash was then `hash`. A later check starts there: it makes
-- sure that row still has that hash and checks only the rows after it. Only the program writes
-- checkpoints, and only straight after such a check (app::record_audit_checkpoint): nobody can
-- type one in. A row changed BEFORE the latest checkpoint without its hashes recomputed is not
-- seen by a check that starts at the checkpoint; `waymark audit verify --full` checks every row
-- and every checkpoint against the rows. A forger who recomputes the hashes changes the hash of
-- the checkpoint's row (found), unless they also forge a checkpoint, which needs the triggers
-- below dropped; the head noted outside the database (`waymark audit head`) still shows it.
CREATE TABLE audit_checkpoint (
    id INTEGER PRIMARY KEY,
    audit_id INTEGER NOT NULL,         -- the last row the check reached
    hash TEXT NOT NULL,                -- that row's hash, 64 lower-case hex digits
    from_first_row INTEGER NOT NULL,   -- 1: the check began at the first row; 0: at the checkpoint before
    at TEXT NOT NULL,                  -- when (UTC, ISO 8601)
    actor TEXT NOT NULL,               -- who ran the check
    origin TEXT NOT NULL               -- "command line", or "web ADDRESS"
);

-- Append-only, like the log itself, and each checkpoint names a stored row, with the hash that
-- row has, past the latest checkpoint.
CREATE TRIGGER audit_checkpoint_append_only_update BEFORE UPDATE ON audit_checkpoint
BEGIN
    SELECT RAISE(ABORT, 'audit checkpoints are append-only');
END;
CREATE TRIGGER audit_checkpoint_append_only_delete BEFORE DELETE ON audit_checkpoint
BEGIN
    SELECT RAISE(ABORT, 'audit checkpoints are append-only');
END;
CREATE TRIGGER audit_checkpoint_names_a_row BEFORE INSERT ON audit_checkpoint
WHEN NOT EXISTS (SELECT 1 FROM audit WHERE id = NEW.audit_id AND hash = NEW.hash)
  OR NEW.audit_id <= (SELECT coalesce(max(audit_id), 0) FROM audit_checkpoint)
BEGIN
    SELECT RAISE(ABORT, 'an audit checkpoint must name a stored row, with its hash, after the latest checkpoint');
END;
