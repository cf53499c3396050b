-- Question (b), status, in plain SQL: every child's journey stage and stage_since as of a date
-- (DATA.md, "Journey stage"), the first four columns of `waymark status --format csv`.
--
-- Run by bench/run.sh as
--   sqlite3 -bail -csv -header -cmd ".parameter set @as_of \"'2026-11-26'\"" waymark.db < status.sql
--
-- One pass over the occurred events dated on or before @as_of of the ten types the rules read,
-- in journey order (date, then file order = events.id; the index events_by_child gives that
-- order, so nothing is sorted), with window functions for what needs the events before each
-- event (is a looked after period open just before it?) or the whole journey (the latest
-- permanence recommendation), then one row per child (children with no events included).
--
-- A place in the journey is written as sortable text, date || id padded to 10 digits
-- ("2026-11-260000012345"): the last event of a kind is max(k), and "after" is k > k'.
--
-- This computes only stage and stage_since, not days_in_stage, looked_after_since, placement,
-- nor the clocks behind overdue, next_due_on and next_standard: it does less than
-- `waymark status` does. The rules themselves are not simplified.
WITH
ev AS (
    SELECT child, id, date, event, details, date || printf('%010d', id) AS k
    FROM events
    WHERE status = 'occurred' AND date <= @as_of
      AND event IN ('pre_birth_concern', 'birth', 'looked_after_at_home', 'accommodated', 'returned_home',
                    'ceased_looked_after', 'order_granted', 'permanence_recommendation', 'adm_decision',
                    'permanence_panel')
),
walked AS (
    SELECT child, date, event, details, k,
           -- the last start and the last end of a looked after period before this event
           max(CASE WHEN event IN ('looked_after_at_home', 'accommodated') THEN k END) OVER before_it AS opened_k,
           max(CASE WHEN event = 'ceased_looked_after' THEN k END) OVER before_it AS closed_k,
           -- the child's latest permanence recommendation
           max(CASE WHEN event = 'permanence_recommendation' THEN k END) OVER whole AS last_rec_k
    FROM ev
    WINDOW journey AS (PARTITION BY child ORDER BY date, id),
           before_it AS (journey ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
           whole AS (journey ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
),
marked AS (
    SELECT *, opened_k IS NOT NULL AND (closed_k IS NULL OR opened_k > closed_k) AS la_open_before
    FROM walked
),
per_child AS (
    SELECT child,
           max(event = 'birth') AS has_birth,
           min(CASE WHEN event = 'pre_birth_concern' THEN date END) AS concern_on,
           -- the current or last looked after period: the last event that opened one, and the
           -- last event that closed one (with its details, for the destination)
           max(CASE WHEN event IN ('looked_after_at_home', 'accommodated') AND NOT la_open_before THEN k END) AS la_start_k,
           max(CASE WHEN event = 'ceased_looked_after' AND la_open_before THEN k || ';' || details || ';' END) AS la_end,
           max(CASE WHEN event IN ('looked_after_at_home', 'accommodated') THEN k END) AS last_la_k,
           -- the latest order granted, with its details (which order)
           max(CASE WHEN event = 'order_granted' THEN k || ';' || details || ';' END) AS last_order,
           -- the current away-from-home episode: the last accommodation, unless ended since
           max(CASE WHEN event = 'accommodated' THEN k END) AS last_acc_k,
           max(CASE WHEN event IN ('returned_home', 'ceased_looked_after') THEN k END) AS last_away_end_k,
           max(CASE WHEN event = 'permanence_recommendation' THEN k || ';' || details || ';' END) AS last_rec,
           min(CASE WHEN event = 'adm_decision' AND ';' || details || ';' LIKE '%;decision=agreed;%'
                     AND k > last_rec_k THEN date END) AS adm_on,
           min(CASE WHEN event = 'permanence_panel' AND k > last_rec_k THEN date END) AS panel_on,
           max(CASE WHEN event IN ('looked_after_at_home', 'returned_home') THEN date END) AS last_home_on
    FROM marked
    GROUP BY child
),
facts AS (
    SELECT c.local_authority, c.child_id,
           (c.date_of_birth IS NOT NULL AND c.date_of_birth <= @as_of) OR coalesce(p.has_birth, 0) AS born,
           p.concern_on,
           p.la_start_k,
           substr(p.la_start_k, 1, 10) AS la_start_on,
           p.la_start_k IS NOT NULL AND (p.la_end IS NULL OR substr(p.la_end, 1, 20) < p.la_start_k) AS in_la,
           CASE WHEN substr(p.la_end, 1, 20) > p.la_start_k THEN substr(p.la_end, 1, 10) END AS la_end_on,
           CASE WHEN substr(p.la_end, 1, 20) > p.la_start_k THEN substr(p.la_end, 21) END AS la_end_details,
           -- the period's order: after its last start, and not after the day it ended
           CASE WHEN substr(p.last_order, 1, 20) > p.last_la_k
                 AND NOT coalesce(substr(p.la_end, 1, 20) > p.la_start_k
                                  AND substr(p.last_order, 1, 10) > substr(p.la_end, 1, 10), 0)
                THEN substr(p.last_order, 1, 10) END AS order_on,
           substr(p.last_order, 21) AS order_details,
           p.last_acc_k IS NOT NULL AND (p.last_away_end_k IS NULL OR p.last_away_end_k < p.last_acc_k) AS away,
           substr(p.last_acc_k, 1, 10) AS away_on,
           CASE WHEN substr(p.last_rec, 1, 20) > p.last_acc_k THEN substr(p.last_rec, 1, 10) END AS rec_on,
           substr(p.last_rec, 21) AS rec_details,
           p.adm_on, p.panel_on, p.last_home_on
    FROM children c
    LEFT JOIN per_child p ON p.child = c.id
),
staged AS (
    SELECT local_authority, child_id,
        CASE
        WHEN NOT born THEN 'pre_birth'
        WHEN in_la AND order_on IS NOT NULL
          AND (order_details LIKE '%;order=poa;%' OR order_details LIKE '%;order=placement_order;%') THEN 'awaiting_adoption'
        WHEN order_on IS NOT NULL THEN 'permanent'
        WHEN la_end_details LIKE '%;destination=home;%' OR la_end_details LIKE '%;destination=kinship_care_order;%'
          OR la_end_details LIKE '%;destination=po;%' OR la_end_details LIKE '%;destination=adoption;%'
          OR la_end_details LIKE '%;destination=sgo;%' OR la_end_details LIKE '%;destination=cao;%' THEN 'permanent'
        WHEN NOT in_la THEN 'not_looked_after'
        WHEN away AND rec_on IS NULL THEN 'away_assessment'
        WHEN away AND (rec_details LIKE '%;route=return_home;%' OR rec_details LIKE '%;route=remain_home;%') THEN 'returning_home'
        WHEN away AND (rec_details LIKE '%;route=kinship_care_order;%' OR adm_on IS NOT NULL) THEN 'legal'
        WHEN away AND panel_on IS NOT NULL THEN 'panel'
        WHEN away THEN 'permanence_planning'
        ELSE 'at_home'
        END AS stage,
        CASE
        WHEN NOT born THEN concern_on
        WHEN order_on IS NOT NULL THEN order_on
        WHEN la_end_details LIKE '%;destination=home;%' OR la_end_details LIKE '%;destination=kinship_care_order;%'
          OR la_end_details LIKE '%;destination=po;%' OR la_end_details LIKE '%;destination=adoption;%'
          OR la_end_details LIKE '%;destination=sgo;%' OR la_end_details LIKE '%;destination=cao;%' THEN la_end_on
        WHEN NOT in_la THEN la_end_on
        WHEN away AND rec_on IS NULL THEN away_on
        WHEN away AND (rec_details LIKE '%;route=return_home;%' OR rec_details LIKE '%;route=remain_home;%') THEN rec_on
        WHEN away AND rec_details LIKE '%;route=kinship_care_order;%' THEN rec_on
        WHEN away AND adm_on IS NOT NULL THEN adm_on
        WHEN away AND panel_on IS NOT NULL THEN panel_on
        WHEN away THEN rec_on
        ELSE max(la_start_on, coalesce(last_home_on, la_start_on))
        END AS stage_since
    FROM facts
)
SELECT local_authority, child_id, stage, stage_since
FROM staged
ORDER BY local_authority, child_id;
