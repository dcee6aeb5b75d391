// Pairs of distinct drugs that target the same antigen (each pair once: drug_a's key < drug_b's).
MATCH (a:Drug)-[:TARGETS]->(g:Antigen)<-[:TARGETS]-(b:Drug)
WHERE a.key < b.key
RETURN g.key AS antigen, a.name AS drug_a, b.name AS drug_b
ORDER BY antigen, drug_a, drug_b, a.key, b.key
LIMIT 15
