// Number of trials per status (a trial only listed as related has no status: the null row).
MATCH (t:Trial)
RETURN t.status AS status, count(*) AS trials
ORDER BY trials DESC, status
