// Trials that test a drug targeting CD19 and study a disease whose name contains "Leukemia".
MATCH (t:Trial)-[:TESTS]->(:Drug)-[:TARGETS]->(:Antigen {key: 'CD19'}),
      (t)-[:STUDIES]->(d:Disease)
WHERE d.name CONTAINS 'Leukemia'
RETURN DISTINCT t.key AS trial, t.title AS title
ORDER BY trial
