// The plugin as trialgraph sees it: loaded from its file, fed documents, its output checked
// against the graph contract by the SDK's DocumentBuffer.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "trialgraph/document_buffer.hpp"
#include "trialgraph/keys.hpp"
#include "trialgraph/loader.hpp"

namespace {
using namespace trialgraph;

std::shared_ptr<LoadedPlugin> plugin() {
  static std::shared_ptr<LoadedPlugin> loaded = [] {
    std::string error;
    auto p = load_plugin(PLUGIN_FILE, error);
    if (!p) ADD_FAILURE() << error;
    return p;
  }();
  return loaded;
}

std::string sample(const std::string& name) {
  std::ifstream in(std::string(SAMPLES_DIR) + "/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Extraction {
  ExtractStatus status;
  DocumentBuffer buffer;
};

std::unique_ptr<Extraction> extract(const std::string& text) {
  auto e = std::make_unique<Extraction>();
  e->status = plugin()->extractor->extract({"test.trials", "test.trials", text}, e->buffer);
  e->buffer.finish();
  return e;
}

bool has_entity(const DocumentBuffer& b, const std::string& label, const std::string& key) {
  return std::any_of(b.entities().begin(), b.entities().end(),
                     [&](const Entity& e) { return e.label == label && e.key == key; });
}

bool has_relation(const DocumentBuffer& b, const std::string& type, const std::string& from_key,
                  const std::string& to_label, const std::string& to_key) {
  return std::any_of(b.relations().begin(), b.relations().end(), [&](const Relation& r) {
    return r.type == type && r.from.key == from_key && r.to.label == to_label && r.to.key == to_key;
  });
}

TEST(TrialSheet, LoadsWithItsManifest) {
  ASSERT_TRUE(plugin());
  EXPECT_EQ(plugin()->manifest.name, "trial-sheet");
  EXPECT_EQ(plugin()->manifest.abi_version, kAbiVersion);
}

TEST(TrialSheet, ClaimsSheetsByTheirFirstLineOnly) {
  ASSERT_TRUE(plugin());
  EXPECT_EQ(plugin()->extractor->identify("x.txt", "# trial-sheet 1\ntrial: NCT1"), Confidence::yes);
  EXPECT_EQ(plugin()->extractor->identify("x.trials", "something else"), Confidence::maybe);
  EXPECT_EQ(plugin()->extractor->identify("x.json", "{\"studies\": []}"), Confidence::no);
}

TEST(TrialSheet, ARegistryTrialGetsTheRegistrysKeysAndCodes) {
  ASSERT_TRUE(plugin());
  auto e = extract(sample("cart-pipeline.trials"));
  ASSERT_TRUE(e->status.ok) << e->status.error;
  EXPECT_TRUE(e->buffer.problems().empty()) << e->buffer.problems().front();
  const DocumentBuffer& b = e->buffer;
  EXPECT_TRUE(has_entity(b, "Trial", "NCT06852573"));
  // The sponsor's key folds "Co., Ltd.", so it merges with the registry record's sponsor.
  EXPECT_TRUE(has_relation(b, "SPONSORED_BY", "NCT06852573", "Sponsor",
                           sponsor_key("Beijing Immunochina Medical Science & Technology Co., Ltd.")));
  EXPECT_TRUE(has_relation(b, "TESTS", "NCT06852573", "Drug", drug_key("ZM001 Injection")));
  EXPECT_TRUE(has_relation(b, "CONDUCTED_AT", "NCT06852573", "Site",
                           site_key("Peking Union Medical College Hospital", "Beijing", "Beijing", "China")));
  auto trial = std::find_if(b.entities().begin(), b.entities().end(),
                            [](const Entity& x) { return x.key == "NCT06852573"; });
  ASSERT_NE(trial, b.entities().end());
  auto status = std::find_if(trial->properties.begin(), trial->properties.end(),
                             [](const Property& p) { return p.name == "status"; });
  ASSERT_NE(status, trial->properties.end());
  EXPECT_EQ(std::get<std::string>(status->value), "RECRUITING");
}

TEST(TrialSheet, ProductTargetsComeFromTheText) {
  ASSERT_TRUE(plugin());
  auto e = extract(sample("cart-pipeline.trials"));
  std::string internal = trial_key("", "CD19/BCMA Dual-Target CAR-T Cells in Refractory Lupus Nephritis");
  EXPECT_TRUE(has_entity(e->buffer, "Trial", internal));
  EXPECT_TRUE(has_entity(e->buffer, "Antigen", "CD19"));
  EXPECT_TRUE(has_entity(e->buffer, "Antigen", "BCMA"));
}

TEST(TrialSheet, ABadLineIsReportedAndTheRestKept) {
  ASSERT_TRUE(plugin());
  auto e = extract("# trial-sheet 1\ntrial: NCT06852573\ncolour: blue\nenrollment: many\ntitle: A study\n");
  ASSERT_TRUE(e->status.ok) << e->status.error;
  ASSERT_EQ(e->buffer.problems().size(), 2u);
  EXPECT_EQ(e->buffer.problems()[0], "line 3: unknown field or bad value for 'colour'; ignored");
  EXPECT_EQ(e->buffer.problems()[1], "line 4: unknown field or bad value for 'enrollment'; ignored");
  EXPECT_TRUE(has_entity(e->buffer, "Trial", "NCT06852573"));
}

TEST(TrialSheet, ASheetWithoutTrialsFails) {
  ASSERT_TRUE(plugin());
  EXPECT_FALSE(extract("# trial-sheet 1\n# nothing yet\n")->status.ok);
  auto wrong = extract("trial: NCT06852573\n");
  EXPECT_FALSE(wrong->status.ok);
  EXPECT_NE(wrong->status.error.find("first line"), std::string::npos) << wrong->status.error;
}

}  // namespace
