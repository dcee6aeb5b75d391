// Sponsors that appear (any role) on trials together with the sponsor of most trials in the
// examples, the National Cancer Institute.
MATCH (big:Sponsor {key: 'national cancer institute nci'})<-[:SPONSORED_BY]-(t:Trial)-[:SPONSORED_BY]->(other:Sponsor)
WITH other, count(DISTINCT t) AS shared_trials
RETURN other.name AS sponsor, shared_trials
ORDER BY shared_trials DESC, sponsor, other.key
