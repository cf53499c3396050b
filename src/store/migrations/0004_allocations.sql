-- Teams and allocations (issue 5): who holds each child's case. Depends on 0001 and 0003.
-- The import files (DATA.md) carry no worker or team: a council keeps allocations in its case
-- system and loads them here (waymark allocate), or a team manager reallocates on the web.
CREATE TABLE teams (
    local_authority TEXT NOT NULL,
    name TEXT NOT NULL,
    created INTEGER NOT NULL,                  -- Unix seconds (UTC)
    PRIMARY KEY (local_authority, name)
) WITHOUT ROWID;

-- One row per allocated child: its social worker, and the reviewing officer and legal worker
-- named for it (user names; '' when none). Every change is also written to the audit log, in
-- the same transaction, as action 'allocate'.
CREATE TABLE allocations (
    local_authority TEXT NOT NULL,
    child_id TEXT NOT NULL,
    worker TEXT NOT NULL DEFAULT '',
    reviewing_officer TEXT NOT NULL DEFAULT '',
    legal TEXT NOT NULL DEFAULT '',
    allocated_by TEXT NOT NULL,
    allocated_at TEXT NOT NULL,                -- UTC, ISO 8601
    PRIMARY KEY (local_authority, child_id),
    FOREIGN KEY (local_authority, child_id) REFERENCES children (local_authority, child_id)
) WITHOUT ROWID;
CREATE INDEX allocations_by_worker ON allocations (worker);
