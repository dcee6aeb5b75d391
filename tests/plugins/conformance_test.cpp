// Every built plugin passes check-plugin's checks (app/plugin_check.cpp, one copy of them): it
// loads, reads its own samples, declines the other formats, emits only relations between entities
// it emitted, and survives empty and garbage input. And the checks catch a plugin that does not.
#include <gtest/gtest.h>

#include "plugin_check.hpp"
#include "test_support.hpp"
#include "trialgraph/loader.hpp"

namespace {
using namespace trialgraph;
namespace fs = std::filesystem;

std::vector<CheckResult> check(const fs::path& plugin, std::vector<fs::path> samples = {}) {
  std::vector<CheckResult> results;
  PluginCheckCallbacks callbacks;
  callbacks.on_result = [&](const CheckResult& r) { results.push_back(r); };
  check_plugin({plugin, std::move(samples), test::conformance_dir()}, callbacks);
  return results;
}

const CheckResult* find(const std::vector<CheckResult>& results, const std::string& check_start) {
  for (const CheckResult& r : results)
    if (r.check.rfind(check_start, 0) == 0) return &r;
  return nullptr;
}

TEST(Conformance, EveryPluginFolderBuiltAPlugin) {
  PluginRegistry bundled;
  bundled.load_directory(test::plugin_dir());
  for (const auto& dir : fs::directory_iterator(test::source_dir() / "plugins")) {
    if (!fs::exists(dir.path() / "manifest.json")) continue;
    bool loaded = false;
    for (const auto& p : bundled.plugins()) loaded = loaded || p->manifest.name == dir.path().filename();
    EXPECT_TRUE(loaded) << dir.path() << " has a manifest but no plugin of that name loaded";
    EXPECT_TRUE(fs::is_directory(test::conformance_dir() / "samples" / dir.path().filename()))
        << "its samples are not where check-plugin looks";
  }
  EXPECT_TRUE(bundled.errors().empty());
}

TEST(Conformance, EveryBundledPluginPassesEveryCheck) {
  std::size_t plugins = 0;
  for (const auto& entry : fs::directory_iterator(test::plugin_dir())) {
    if (entry.path().extension() != ".so") continue;
    SCOPED_TRACE(entry.path().string());
    std::vector<CheckResult> results = check(entry.path());
    EXPECT_EQ(results.size(), 8u);
    for (const CheckResult& r : results) EXPECT_TRUE(r.passed) << r.check << ": " << r.detail;
    const CheckResult* declines = find(results, "declines");
    ASSERT_TRUE(declines);
    EXPECT_NE(declines->detail.rfind("0 ", 0), 0u) << "no foreign documents were tried";
    ++plugins;
  }
  EXPECT_GE(plugins, 7u);
}

TEST(Conformance, ARelationToAnEntityNeverEmittedFailsTheCheck) {
  fs::path samples = test::source_dir() / "tests" / "test_plugins" / "samples" / "one.dangling";
  std::vector<CheckResult> results = check(test::misbehaving_plugin_dir() / "tg_test-dangling-relation.so", {samples});
  const CheckResult* reads = find(results, "reads its samples");
  ASSERT_TRUE(reads);
  EXPECT_FALSE(reads->passed);
  EXPECT_NE(reads->detail.find("SPONSORED_BY relation from Trial 'NCT99999999' to Sponsor 'nobody' names an entity "
                               "the document did not emit"),
            std::string::npos)
      << reads->detail;
  EXPECT_TRUE(find(results, "declines")->passed);
  EXPECT_TRUE(find(results, "identifies its own samples")->passed);
}

TEST(Conformance, APluginWithoutSamplesFailsSayingSo) {
  std::vector<CheckResult> results = check(test::misbehaving_plugin_dir() / "tg_test-dangling-relation.so");
  const CheckResult* identifies = find(results, "identifies its own samples");
  ASSERT_TRUE(identifies);
  EXPECT_FALSE(identifies->passed);
  EXPECT_NE(identifies->detail.find("no samples of its own format"), std::string::npos) << identifies->detail;
}

TEST(Conformance, ALoadFailureStopsAtTheStepThatFailed) {
  std::vector<CheckResult> results = check(test::test_plugin_dir() / "tg_test-wrong-abi.so");
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(results[0].passed);
  EXPECT_FALSE(results[1].passed);
  EXPECT_NE(results[1].detail.find("ABI version 99"), std::string::npos) << results[1].detail;
}

}  // namespace
