// Antigens by number of distinct trials testing a drug that targets them.
MATCH (t:Trial)-[:TESTS]->(:Drug)-[:TARGETS]->(a:Antigen)
RETURN a.key AS antigen, count(DISTINCT t) AS trials
ORDER BY trials DESC, antigen
