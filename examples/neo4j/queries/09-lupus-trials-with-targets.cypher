// Trials studying a disease whose name contains "Lupus", with the antigens their drugs target
// (null when they test no targeting drug).
MATCH (t:Trial)-[:STUDIES]->(d:Disease)
WHERE d.name CONTAINS 'Lupus'
WITH DISTINCT t
OPTIONAL MATCH (t)-[:TESTS]->(:Drug)-[:TARGETS]->(a:Antigen)
RETURN DISTINCT t.key AS trial, a.key AS antigen
ORDER BY trial, antigen
