// Sites where two or more trials are conducted.
MATCH (t:Trial)-[:CONDUCTED_AT]->(s:Site)
WITH s, count(DISTINCT t) AS trials
WHERE trials >= 2
RETURN s.name AS site, s.country AS country, trials
ORDER BY trials DESC, site, s.key
LIMIT 10
