// The CAR-T and other targeted-therapy trials among the bundled registry records: each product
// targets what its registry record names, and nothing that only the exclusion criteria mention
// becomes a fact.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "pipeline.hpp"
#include "test_support.hpp"
#include "trialgraph/graph.hpp"
#include "trialgraph/keys.hpp"
#include "trialgraph/recognizer.hpp"
#include "trialgraph/sections.hpp"

namespace trialgraph {
namespace {

namespace fs = std::filesystem;
using Targets = std::map<std::pair<std::string, std::string>, std::set<std::string>>;  // (trial, drug key)

const Graph& examples_graph() {
  static const Graph graph = [] {
    PluginRegistry plugins;
    plugins.load_directory(test::plugin_dir());
    std::vector<Problem> problems;
    Graph g;
    extract_documents(collect_documents({test::examples_dir() / "ctgov-v2"}, problems), plugins, g);
    return g;
  }();
  return graph;
}

// TARGETS by (trial, product): a product's trial is the one that TESTS it; "Trial" for the trial's own.
Targets targets_of(const Graph& g) {
  std::map<std::string, std::set<std::string>> trials_of_drug;
  g.for_each_edge([&](const Node& from, const Edge& e, const Node& to) {
    if (e.type == rel::kTests) trials_of_drug[to.key].insert(from.key);
  });
  Targets out;
  g.for_each_edge([&](const Node& from, const Edge& e, const Node& to) {
    if (e.type != rel::kTargets) return;
    if (from.label == label::kTrial) out[{from.key, "Trial"}].insert(to.key);
    else
      for (const std::string& trial : trials_of_drug[from.key]) out[{trial, from.key}].insert(to.key);
  });
  return out;
}

TEST(CarTTargets, EachProductTargetsWhatItsRecordNames) {
  // Read by hand from each record's intervention names, descriptions and titles.
  const Targets expected = {
      {{"NCT03198546", "gpc3 and or tgfβ targeting car t cells"}, {"GPC3"}},
      {{"NCT04185038", "scri carb7h3 s b7h3 specific chimeric antigen receptor car t cel"}, {"CD276"}},
      {{"NCT04385173", "b7 h3 car t"}, {"CD276"}},
      {{"NCT04544592", "cd19car cd3zeta 4 1bb expressing autologous t lymphocyte cells"}, {"CD19"}},
      {{"NCT04637503", "gd2 psma and cd276 car t cells"}, {"CD276", "GD2", "PSMA"}},
      {{"NCT04670068", "car b7 h3"}, {"CD276"}},
      {{"NCT05366179", "car b7 h3t cells infusion"}, {"CD276"}},
      {{"NCT05515185", "kt095 car t injection"}, {"CD276"}},  // from the title: the trial's one product
      {{"NCT05752877", "targeted b7 h3 ucar t cell injection"}, {"CD276"}},
      {{"NCT05752877", "targeted il 13 rα2 ucar t cell injection"}, {"IL13RA2"}},
      {{"NCT05768880", "sc car4brain"}, {"CD276", "EGFR", "HER2", "IL13RA2"}},
      {{"NCT06500819", "b7 h3cart dose intravenous"}, {"CD276"}},
      {{"NCT06612645", "b7h3 il7ra car t cells"}, {"CD276"}},
      {{"NCT06694298", "sys6020"}, {"BCMA"}},
      {{"NCT07033299", "car t therapy"}, {"CD19", "CD20"}},  // "Universal CD19/20 CAR-T"
      {{"NCT07148791", "anti bcma cd19 car t cells"}, {"BCMA", "CD19"}},
      {{"NCT07307053", "mt027"}, {"CD276"}},
      {{"NCT07307053", "tc n201"}, {"NY-ESO-1"}},
      {{"NCT07307053", "yl 201"}, {"CD276"}},
      {{"NCT07390539", "b7 h3 cd28z cart"}, {"CD276"}},
      {{"NCT07428993", "sjcarb7h3 41bbl infusion"}, {"CD276"}},
      {{"NCT06993766", "Trial"}, {"CD19"}},  // observational: no product, the trial itself
  };
  Targets got = targets_of(examples_graph());
  for (const auto& [who, antigens] : expected) {
    auto it = got.find(who);
    ASSERT_NE(it, got.end()) << who.first << " " << who.second << " targets nothing";
    EXPECT_EQ(it->second, antigens) << who.first << " " << who.second;
  }
  // Lymphodepletion never targets anything, whatever its description says.
  for (const auto& [who, antigens] : got)
    EXPECT_TRUE(who.second != "fludarabine" && who.second != "cyclophosphamide") << who.first << " " << who.second;
}

TEST(CarTTargets, NothingOnlyTheExclusionCriteriaNameBecomesAFact) {
  const Graph& g = examples_graph();
  auto recognizer = shared_recognizer();
  std::size_t records = 0, checked = 0;
  for (const auto& entry : fs::directory_iterator(test::examples_dir() / "ctgov-v2")) {
    nlohmann::json p = nlohmann::json::parse(test::read_text(entry.path()))["protocolSection"];
    nlohmann::json& eligibility = p["eligibilityModule"];
    std::string criteria = eligibility.is_object() ? eligibility.value("eligibilityCriteria", "") : "";
    if (eligibility.is_object()) eligibility.erase("eligibilityCriteria");
    std::string elsewhere = p.dump();  // everything else the record says
    std::set<const LexiconEntry*> outside, excluded;
    for (const Mention& m : recognizer->find(elsewhere)) outside.insert(m.entry);
    for (const SectionText& part : split_eligibility(criteria)) {
      for (const Mention& m : recognizer->find(part.text))
        (part.section == Section::exclusion ? excluded : outside).insert(m.entry);
    }
    std::string nct = p["identificationModule"]["nctId"];
    std::set<std::string> only_excluded;
    for (const LexiconEntry* e : excluded)
      if (e && !outside.count(e) && e->kind != EntityKind::drug)
        only_excluded.insert(e->kind == EntityKind::antigen ? antigen_key(e->name) : disease_key(e->mesh_id, e->name));
    if (only_excluded.empty()) continue;
    ++records;
    g.for_each_edge([&](const Node& from, const Edge& e, const Node& to) {
      if (e.type != rel::kStudies && e.type != rel::kTargets) return;
      if (!e.sources.count(nct + ".json")) return;
      ++checked;
      EXPECT_FALSE(only_excluded.count(to.key)) << nct << ": " << from.key << " " << e.type << " " << to.key
                                                << " is named only in the exclusion criteria";
    });
  }
  EXPECT_GE(records, 5u) << "the examples should have records whose exclusion criteria name lexicon entries";
  EXPECT_GT(checked, 0u);
}

}  // namespace
}  // namespace trialgraph
