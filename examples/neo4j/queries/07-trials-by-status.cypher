// Number of trials per status (a trial known only from another page's listing has no status and is left out).
MATCH (t:Trial)
WHERE t.status IS NOT NULL
RETURN t.status AS status, count(*) AS trials
ORDER BY trials DESC, status
