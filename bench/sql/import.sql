-- Question (a), import, in plain SQL: the baseline for `waymark import`.
--
-- Run by bench/run.sh as `sqlite3 -bail FRESH.db < import.sql` from a folder holding
-- schema.sql (a copy of src/store/migrations/0001_initial.sql), children.csv and events.csv.
--
-- Loads both files with .import into TEMP staging tables (every column TEXT, named by the
-- header row), then copies them into the program's own schema (children, events, with all its
-- indexes) with INSERT ... SELECT, all in one transaction, with the pragmas the
-- program uses (sqlite_store.cpp), including a first load through the rollback journal rather
-- than the WAL.
--
-- What it does NOT do that `waymark import` does, so the SQL side is a lower bound:
--   * no validation at all: event types, statuses, attributes, agencies, child_id syntax,
--     duplicate event_ids and occurred events in the future are not checked, and a bad row
--     is not reported by file, line and column (a missing child would just drop the row);
--   * details are copied as they are, not put in canonical key=value order;
--   * content_hash is the row's place in the file, not a hash of its content (every synth
--     row has an event_id, so the partial index on content_hash is never used anyway);
--   * no replacement of stored events by event_id, nor skipping of rows already stored: the
--     database is always fresh.
-- It does accept DD/MM/YYYY dates, as the program does.
PRAGMA page_size=16384;
PRAGMA journal_mode=WAL;
PRAGMA journal_mode=DELETE;
PRAGMA synchronous=NORMAL;
PRAGMA foreign_keys=ON;
PRAGMA cache_size=-65536;

BEGIN;
.read schema.sql
PRAGMA user_version=1;

.import --csv --schema temp children.csv stage_children
.import --csv --schema temp events.csv stage_events

INSERT INTO children (local_authority, child_id, family_name, given_name, date_of_birth, expected_birth_date, sex)
SELECT local_authority, child_id, family_name, given_name,
       CASE WHEN date_of_birth = '' THEN NULL
            WHEN date_of_birth LIKE '__/__/____'
            THEN substr(date_of_birth, 7, 4) || '-' || substr(date_of_birth, 4, 2) || '-' || substr(date_of_birth, 1, 2)
            ELSE date_of_birth END,
       CASE WHEN expected_birth_date = '' THEN NULL
            WHEN expected_birth_date LIKE '__/__/____'
            THEN substr(expected_birth_date, 7, 4) || '-' || substr(expected_birth_date, 4, 2) || '-' || substr(expected_birth_date, 1, 2)
            ELSE expected_birth_date END,
       sex
FROM temp.stage_children
ORDER BY rowid;

-- events.id is the row's place in the file (the program keeps file order the same way).
INSERT INTO events (id, child, local_authority, date, event, status, details, event_id, content_hash, agency, note)
SELECT s.rowid, c.id, c.local_authority,
       CASE WHEN s.date LIKE '__/__/____'
            THEN substr(s.date, 7, 4) || '-' || substr(s.date, 4, 2) || '-' || substr(s.date, 1, 2)
            ELSE s.date END,
       s.event, coalesce(nullif(s.status, ''), 'occurred'), s.details, nullif(s.event_id, ''), s.rowid,
       s.agency, s.note
FROM temp.stage_events s
JOIN children c ON c.child_id = s.child_id AND (s.local_authority = '' OR c.local_authority = s.local_authority)
ORDER BY s.rowid;

COMMIT;
PRAGMA journal_mode=WAL;
