// Lead sponsors by number of distinct CAR-T trials (a trial testing a drug that targets an antigen).
MATCH (s:Sponsor)<-[:SPONSORED_BY {role: 'lead'}]-(t:Trial)-[:TESTS]->(:Drug)-[:TARGETS]->(:Antigen)
WITH s, count(DISTINCT t) AS trials
RETURN s.name AS sponsor, trials
ORDER BY trials DESC, sponsor, s.key
LIMIT 10
