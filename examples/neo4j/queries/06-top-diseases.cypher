// The 10 diseases studied by the most trials.
MATCH (t:Trial)-[:STUDIES]->(d:Disease)
WITH d, count(DISTINCT t) AS trials
RETURN d.name AS disease, trials
ORDER BY trials DESC, disease, d.key
LIMIT 10
