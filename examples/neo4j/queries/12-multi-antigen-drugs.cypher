// Drugs that target two or more antigens (a CD19/CD22 CAR-T, a bispecific).
MATCH (d:Drug)-[:TARGETS]->(a:Antigen)
WITH d, count(DISTINCT a) AS antigens
WHERE antigens >= 2
RETURN d.name AS drug, antigens
ORDER BY antigens DESC, drug, d.key
