-- Question (c), due, in plain SQL: every clock of the lar-first standard (DOMAIN.md section 5),
-- the rows of `waymark due --all --standard lar-first --format csv`.
--
-- Run by bench/run.sh as
--   sqlite3 -bail -csv -header -cmd ".parameter set @as_of \"'2026-11-26'\"" waymark.db < due_lar_first.sql
--
-- lar-first: starts at each occurred `accommodated`; stops at the first occurred `lar` dated on
-- or after the start and within the away-from-home episode the start opens (on or before the
-- day it ended); limit 6 weeks (42 days); closes with that episode, which ends at the next
-- occurred `returned_home`, `ceased_looked_after` or `accommodated` after the start in journey
-- order (date, then file order = events.id). Warning window 14 days. Only occurred events
-- dated on or before @as_of count; planned and cancelled events do nothing here.
--
-- The standard is written out by hand: unlike the program, this does not read the standards
-- file, and it answers for one standard where `waymark due --all` evaluates all eighteen.
WITH
starts AS (
    SELECT child, id, date FROM events
    WHERE event = 'accommodated' AND status = 'occurred' AND date <= @as_of
),
clocks AS MATERIALIZED (
    SELECT s.child, s.date AS starts_on, date(s.date, '+42 days') AS due_on,
           -- the day the episode ended, if it has
           (SELECT x.date FROM events x
            WHERE x.child = s.child AND (x.date, x.id) > (s.date, s.id) AND x.date <= @as_of
              AND x.status = 'occurred' AND x.event IN ('returned_home', 'ceased_looked_after', 'accommodated')
            ORDER BY x.date, x.id LIMIT 1) AS ended_on
    FROM starts s
),
stopped AS MATERIALIZED (
    SELECT c.*,
           (SELECT l.date FROM events l
            WHERE l.child = c.child AND l.date >= c.starts_on AND l.date <= coalesce(c.ended_on, @as_of)
              AND l.date <= @as_of AND l.event = 'lar' AND l.status = 'occurred'
            ORDER BY l.date LIMIT 1) AS stop_on
    FROM clocks c
),
rated AS (
    SELECT child, starts_on, due_on, stop_on, ended_on,
           CASE WHEN stop_on IS NOT NULL THEN (CASE WHEN stop_on <= due_on THEN 'met' ELSE 'met_late' END)
                WHEN ended_on IS NOT NULL THEN (CASE WHEN ended_on <= due_on THEN 'closed' ELSE 'missed' END)
                WHEN @as_of > due_on THEN 'overdue'
                WHEN julianday(due_on) - julianday(@as_of) <= 14 THEN 'due_soon'
                ELSE 'open' END AS status
    FROM stopped
)
SELECT ch.local_authority, ch.child_id, 'lar-first' AS standard, r.starts_on, r.due_on, r.status,
       coalesce(r.stop_on, r.ended_on) AS stopped_on,
       CAST(CASE r.status
            WHEN 'met_late' THEN julianday(r.stop_on) - julianday(r.due_on)
            WHEN 'missed' THEN julianday(r.ended_on) - julianday(r.due_on)
            WHEN 'overdue' THEN julianday(@as_of) - julianday(r.due_on)
            END AS INTEGER) AS days_late
FROM rated r
JOIN children ch ON ch.id = r.child
ORDER BY r.due_on, ch.child_id, r.starts_on;
