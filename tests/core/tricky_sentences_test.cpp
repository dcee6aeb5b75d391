// Precision and recall of the text miner on a corpus of tricky sentences (tests/fixtures/text-mining):
// real sentences from the seeds and registry records, and written edge cases, each a mini-trial
// with the facts it must give (all of them) and traps it must not fall into.
#include <gtest/gtest.h>

#include <iostream>
#include <set>

#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "trialgraph/document_buffer.hpp"
#include "trialgraph/keys.hpp"
#include "trialgraph/trial_text.hpp"

namespace trialgraph {
namespace {

using nlohmann::json;
using Fact = std::tuple<std::string, std::string, std::string>;  // type, from key, to key

struct Case {
  std::set<Fact> produced, expected, forbidden;
};

std::string antigen_key_of(const Recognizer& r, const std::string& name) {
  const LexiconEntry* e = r.lexicon().find(EntityKind::antigen, name);
  return antigen_key(e ? e->name : name);
}

std::string disease_key_of(const Recognizer& r, const std::string& name) {
  const LexiconEntry* e = r.lexicon().find(EntityKind::disease, name);
  if (!e)
    for (const Mention& m : r.find(name))
      if (m.kind == EntityKind::disease && m.entry && m.begin == 0) e = m.entry;
  return e ? disease_key(e->mesh_id, e->name) : fold_text(name);
}

Case run_case(const json& c, const Recognizer& r, const std::shared_ptr<const Recognizer>& shared) {
  Case out;
  EntityRef trial{label::kTrial, "trial"};
  TrialTextMiner miner(trial, shared);
  std::map<std::string, std::string> drug_key_by_name;
  for (const json& p : c.value("products", json::array())) {
    std::string name = p.value("name", ""), description = p.value("description", ""), type = p.value("type", "");
    drug_key_by_name[name] = miner.add_product(name, {}, description, type).key;
  }
  for (const json& f : c["fields"]) {
    auto section = section_from_name(f["section"].get<std::string>());
    EXPECT_TRUE(section) << c["id"] << ": unknown section " << f["section"];
    if (section) miner.add_text(*section, f["text"].get<std::string>());
  }
  DocumentBuffer buffer;
  miner.emit(buffer);
  for (const Relation& rel : buffer.relations())
    out.produced.insert({rel.type, rel.from.label == label::kTrial ? "Trial" : rel.from.key, rel.to.key});
  auto fact_of = [&](const json& f) -> Fact {
    std::string type = f["type"];
    if (type == rel::kStudies) return {type, "Trial", disease_key_of(r, f["to"])};
    std::string from = f.value("from", "Trial");
    return {type, from == "Trial" ? "Trial" : drug_key_by_name[from], antigen_key_of(r, f["to"])};
  };
  for (const json& f : c.value("expect", json::array())) out.expected.insert(fact_of(f));
  for (const json& f : c.value("forbid", json::array())) out.forbidden.insert(fact_of(f));
  return out;
}

std::string show(const Fact& f) { return std::get<1>(f) + " " + std::get<0>(f) + " " + std::get<2>(f); }

TEST(TrickySentences, PrecisionAndRecallOfTheTextMiner) {
  json corpus = json::parse(test::read_text(test::source_dir() / "tests/fixtures/text-mining/tricky_sentences.json"));
  ASSERT_GE(corpus.size(), 40u);
  auto shared = shared_recognizer();
  std::size_t true_positive = 0, false_positive = 0, false_negative = 0, trapped = 0;
  for (const json& c : corpus) {
    Case result = run_case(c, *shared, shared);
    for (const Fact& f : result.produced) {
      bool wanted = result.expected.count(f) > 0;
      (wanted ? true_positive : false_positive)++;
      if (result.forbidden.count(f)) {
        ++trapped;
        ADD_FAILURE() << c["id"] << ": forbidden fact " << show(f);
      } else if (!wanted) {
        std::cout << "  extra   " << c["id"] << ": " << show(f) << "\n";
      }
    }
    for (const Fact& f : result.expected)
      if (!result.produced.count(f)) {
        ++false_negative;
        std::cout << "  missing " << c["id"] << ": " << show(f) << "\n";
      }
  }
  double precision = double(true_positive) / double(std::max<std::size_t>(1, true_positive + false_positive));
  double recall = double(true_positive) / double(std::max<std::size_t>(1, true_positive + false_negative));
  std::cout << "tricky sentences: " << corpus.size() << " cases, precision " << precision << " ("
            << true_positive << "/" << true_positive + false_positive << "), recall " << recall << " ("
            << true_positive << "/" << true_positive + false_negative << "), traps fallen into: " << trapped << "\n";
  EXPECT_EQ(trapped, 0u);
  EXPECT_GE(precision, 0.95);
  EXPECT_GE(recall, 0.90);
}

}  // namespace
}  // namespace trialgraph
