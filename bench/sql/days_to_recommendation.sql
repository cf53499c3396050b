-- The measure days-to-recommendation in plain SQL, for bench/measures.sh: for each
-- accommodation, the next of {accommodated, returned_home, ceased_looked_after,
-- permanence_recommendation} in the child's journey (date, then file order); when that is a
-- recommendation, the wait is complete. Per month of the recommendation: the number of
-- waits and their median in days. As of 2026-11-26, months from 2016-12 to 2026-11.
WITH ev AS (
    SELECT child, date, id, event FROM events
    WHERE status = 'occurred' AND date <= '2026-11-26'
      AND event IN ('accommodated', 'returned_home', 'ceased_looked_after', 'permanence_recommendation')
),
nxt AS (
    SELECT event, date, LEAD(event) OVER w AS next_event, LEAD(date) OVER w AS next_date
    FROM ev WINDOW w AS (PARTITION BY child ORDER BY date, id)
),
done AS (
    SELECT substr(next_date, 1, 7) AS month, julianday(next_date) - julianday(date) AS days
    FROM nxt
    WHERE event = 'accommodated' AND next_event = 'permanence_recommendation'
      AND next_date BETWEEN '2016-12-01' AND '2026-11-30'
),
ranked AS (
    SELECT month, days, ROW_NUMBER() OVER (PARTITION BY month ORDER BY days) AS r,
           COUNT(*) OVER (PARTITION BY month) AS n
    FROM done
)
SELECT month, n, AVG(days) FROM ranked WHERE r IN ((n + 1) / 2, (n + 2) / 2) GROUP BY month ORDER BY month;
