// Countries by number of Site nodes.
MATCH (s:Site)
RETURN s.country AS country, count(*) AS sites
ORDER BY sites DESC, country
LIMIT 10
