// The one mapping from a source-neutral trial record to the graph.
#include <gtest/gtest.h>

#include "plugins/extraction.hpp"
#include "trialgraph/document_buffer.hpp"
#include "trialgraph/keys.hpp"
#include "trialgraph/trial_record.hpp"

namespace {
using namespace trialgraph;

std::string prop(const Entity& e, const std::string& name) { return test::Extraction::prop(&e, name); }

test::Extraction emitted(const TrialRecord& r) {
  DocumentBuffer sink;
  test::Extraction x;
  x.status = emit_trial_record(r, sink);
  sink.finish();
  x.entities = sink.entities();
  x.relations = sink.relations();
  return x;
}

TEST(TrialRecord, ValuesAsSourcesWriteThemBecomeRegistryCodes) {
  TrialRecord r;
  r.nct_id = "nct07038447";
  r.title = "A trial";
  r.status = "Active, not recruiting";
  r.phases = {"Phase 1/Phase 2", "PHASE2"};
  r.allocation = "N/A";
  r.intervention_model = "Single Group Assignment";
  r.sex = "All";
  DocumentBuffer sink;
  ASSERT_TRUE(emit_trial_record(r, sink).ok);
  const Entity& t = sink.entities().front();
  EXPECT_EQ(t.key, "NCT07038447");
  EXPECT_EQ(prop(t, "status"), "ACTIVE_NOT_RECRUITING");
  EXPECT_EQ(prop(t, "phase"), "PHASE1;PHASE2") << "each phase once";
  EXPECT_EQ(prop(t, "allocation"), "NA");
  EXPECT_EQ(prop(t, "intervention_model"), "SINGLE_GROUP");
  EXPECT_EQ(prop(t, "sex"), "ALL");
  EXPECT_EQ(prop(t, "url"), "https://clinicaltrials.gov/study/NCT07038447");
}

TEST(TrialRecord, LegacySpellingsMeanWhatTheV2CodesMean) {
  TrialRecord r;
  r.nct_id = "NCT00000115";
  r.study_type = "Observational [Patient Registry]";
  r.masking = "Double (Participant, Investigator)";
  r.intervention_model = "Parallel Assignment";
  r.start_date = "July 2025";
  r.completion_date = "July 15, 2025";
  r.first_posted = "2025-07-16";
  r.last_updated = "sometime soon";
  r.min_age = "18 Years";
  r.max_age = "N/A";
  r.enrollment_type = "Anticipated";
  r.sponsors = {{"NEI", "U.S. Fed", "lead", {}}, {"Jane Doe", "Individual", "collaborator", {}}};
  r.countries = {"United States"};
  r.sites = {{"Clinic A", "Paris", "", "", "France", "", {}, {}}, {"", "Boston", "MA", "", "United States", "", {}, {}}};
  test::Extraction x = emitted(r);
  ASSERT_TRUE(x.status.ok);
  const Entity* t = x.node("Trial", "NCT00000115");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(prop(*t, "study_type"), "OBSERVATIONAL");
  EXPECT_EQ(prop(*t, "masking"), "DOUBLE");
  EXPECT_EQ(prop(*t, "intervention_model"), "PARALLEL");
  EXPECT_EQ(prop(*t, "start_date"), "2025-07") << "a month-only date stays month-only";
  EXPECT_EQ(prop(*t, "completion_date"), "2025-07-15");
  EXPECT_EQ(prop(*t, "first_posted"), "2025-07-16");
  EXPECT_EQ(prop(*t, "last_updated"), "sometime soon") << "what is not a date is kept as written";
  EXPECT_EQ(prop(*t, "min_age"), "18 Years");
  EXPECT_EQ(prop(*t, "max_age"), "") << "N/A is no limit, which v2 leaves out";
  EXPECT_EQ(prop(*t, "enrollment_type"), "ESTIMATED");
  EXPECT_EQ(prop(*t, "countries"), "United States;France") << "the record's list, then its sites'";
  EXPECT_EQ(x.prop(x.node("Sponsor", "NEI"), "class"), "FED");
  EXPECT_EQ(x.prop(x.node("Sponsor", "Jane Doe"), "class"), "INDIV");
}

TEST(TrialRecord, MeshTermsWithoutIdsTakeTheLexiconsIdOrTheirName) {
  TrialRecord r;
  r.nct_id = "NCT00000115";
  r.conditions = {"Systemic Lupus Erythematosus", "Uveitis"};
  r.condition_meshes = {{"", "Lupus Erythematosus, Systemic"}, {"", "Uveitis"}, {"", "Macular Edema"}};
  test::Extraction x = emitted(r);
  ASSERT_TRUE(x.status.ok);
  const Entity* trial = x.node("Trial", "NCT00000115");
  const Entity* sle = x.node("Disease", "D008180");
  ASSERT_NE(sle, nullptr) << "the lexicon knows SLE's MeSH id";
  EXPECT_EQ(sle->name, "Lupus Erythematosus, Systemic");
  EXPECT_NE(x.edge("STUDIES", trial, sle), nullptr);
  EXPECT_NE(x.edge("STUDIES", trial, x.node("Disease", "uveitis")), nullptr);
  EXPECT_EQ(x.edge_prop(x.edge("STUDIES", trial, x.node("Disease", "macular edema")), "section"), "condition_mesh");
}

TEST(TrialRecord, WithoutIdOrTitleNothingIsEmitted) {
  TrialRecord r;
  r.sponsors.push_back({"Kite", "INDUSTRY", "lead", {}});
  DocumentBuffer sink;
  ExtractStatus s = emit_trial_record(r, sink);
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.error.find("neither an NCT id nor a title"), std::string::npos);
  EXPECT_TRUE(sink.entities().empty());
}

TEST(TrialRecord, RelatedTrialsAreIdentityOnlyNodesWithTheListingOnTheEdge) {
  TrialRecord r;
  r.nct_id = "NCT07038447";
  r.related = {{"NCT06888960", "Safety Study of CC312", "RECRUITING", "EARLY_PHASE1"},
               {"NCT07038447", "itself", "", ""},
               {"", "", "", ""}};
  DocumentBuffer sink;
  ASSERT_TRUE(emit_trial_record(r, sink).ok);
  sink.finish();
  ASSERT_EQ(sink.entities().size(), 2u) << "a listing of the trial itself, or of nothing, is skipped";
  const Entity& related = sink.entities().back();
  EXPECT_EQ(related.key, "NCT06888960");
  EXPECT_EQ(related.name, "Safety Study of CC312");
  EXPECT_EQ(prop(related, "status"), "");
  ASSERT_EQ(sink.relations().size(), 1u);
  const Relation& edge = sink.relations().front();
  EXPECT_EQ(edge.type, "RELATED_TO");
  Entity holder{"", "", "", {}, edge.properties};
  EXPECT_EQ(prop(holder, "listed_status"), "RECRUITING");
  EXPECT_EQ(prop(holder, "listed_phase"), "EARLY_PHASE1");
}

TEST(TrialRecord, SponsorAliasesAndOneEdgePerOrganization) {
  TrialRecord r;
  r.title = "A trial";
  r.sponsors = {{"Acme Bio", "", "collaborator", {}},
                {"Acme Bio, Inc.", "Industry", "lead", {"ACME BIO"}}};
  DocumentBuffer sink;
  ASSERT_TRUE(emit_trial_record(r, sink).ok);
  std::size_t edges = 0;
  for (const Relation& rel : sink.relations()) edges += rel.type == "SPONSORED_BY";
  EXPECT_EQ(edges, 1u);
  const Relation& lead = sink.relations().front();
  Entity holder{"", "", "", {}, lead.properties};
  EXPECT_EQ(prop(holder, "role"), "lead") << "the lead is emitted first whatever the order";
  const Entity& sponsor = sink.entities()[1];
  EXPECT_EQ(sponsor.name, "Acme Bio, Inc.");
  EXPECT_EQ(sponsor.aliases, std::vector<std::string>{"ACME BIO"});
  EXPECT_EQ(prop(sponsor, "class"), "INDUSTRY");
}

TEST(TrialRecord, PlacesAreCityStateCountry) {
  SiteRecord a = parse_place("Montreal, , Canada");
  EXPECT_EQ(a.city, "Montreal");
  EXPECT_EQ(a.state, "");
  EXPECT_EQ(a.country, "Canada");
  SiteRecord b = parse_place("Syndey, New South Wales, Australia");
  EXPECT_EQ(b.city, "Syndey");
  EXPECT_EQ(b.state, "New South Wales");
  SiteRecord c = parse_place("Tianjin, China");
  EXPECT_EQ(c.city, "Tianjin");
  EXPECT_EQ(c.country, "China");
  SiteRecord w = parse_place("Bunkyo-ku, Tokyo, , Japan");
  EXPECT_EQ(w.city, "Bunkyo-ku, Tokyo");
  EXPECT_EQ(w.state, "");
  EXPECT_EQ(w.country, "Japan");
  SiteRecord m = parse_place("Baltimore, MD, Maryland, United States");
  EXPECT_EQ(m.city, "Baltimore, MD");
  EXPECT_EQ(m.state, "Maryland");
  EXPECT_EQ(parse_place("Koriyama-shi, Fukushima, Japan, Japan").state, "Fukushima, Japan");
  EXPECT_EQ(parse_place("London, London, City of, United Kingdom").state, "London, City of");
  SiteRecord d = parse_place("Valencia, Valenciana, Comunitat, Spain");
  EXPECT_EQ(d.city, "Valencia");
  EXPECT_EQ(d.state, "Valenciana, Comunitat");
  EXPECT_EQ(d.country, "Spain");
  EXPECT_EQ(parse_place("Durham").city, "Durham");
  SiteRecord k = parse_place("Seoul, Seoul Teugbyeolsi, Korea, Republic of");
  EXPECT_EQ(k.city, "Seoul");
  EXPECT_EQ(k.state, "Seoul Teugbyeolsi");
  EXPECT_EQ(k.country, "Korea, Republic of");
  EXPECT_EQ(parse_place("Taipei, , Taiwan, Province of China").country, "Taiwan, Province of China");
  SiteRecord e = parse_place("Duarte, California, 91010, United States");
  EXPECT_EQ(e.city, "Duarte");
  EXPECT_EQ(e.state, "California");
  EXPECT_EQ(e.zip, "91010");
  EXPECT_EQ(e.country, "United States");
}

}  // namespace
