// Every built plugin keeps the contract: it reads its own samples, declines the other formats,
// emits only relations between entities it emitted, and survives empty and garbage input.
#include <random>

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "trialgraph/document_buffer.hpp"
#include "trialgraph/loader.hpp"

namespace {
using namespace trialgraph;
namespace fs = std::filesystem;

PluginRegistry& bundled() {
  static PluginRegistry r = [] {
    PluginRegistry reg;
    reg.load_directory(test::plugin_dir());
    return reg;
  }();
  return r;
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  if (fs::is_directory(dir))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

fs::path samples_of(const LoadedPlugin& p) { return test::source_dir() / "plugins" / p.manifest.name / "samples"; }

std::string head_of(const std::string& bytes) { return bytes.substr(0, 64 * 1024); }

TEST(Conformance, EveryPluginFolderBuiltAPlugin) {
  for (const auto& dir : fs::directory_iterator(test::source_dir() / "plugins")) {
    if (!fs::exists(dir.path() / "manifest.json")) continue;
    bool loaded = false;
    for (const auto& p : bundled().plugins()) loaded = loaded || p->manifest.name == dir.path().filename();
    EXPECT_TRUE(loaded) << dir.path() << " has a manifest but no plugin of that name loaded";
  }
  EXPECT_TRUE(bundled().errors().empty());
}

TEST(Conformance, ReadsItsOwnSamplesAndKeepsTheRelationContract) {
  for (const auto& plugin : bundled().plugins()) {
    auto samples = files_in(samples_of(*plugin));
    EXPECT_GE(samples.size(), 1u) << plugin->manifest.name << " has no samples";
    for (const fs::path& sample : samples) {
      SCOPED_TRACE(sample.string());
      std::string bytes = test::read_text(sample);
      Detection d = bundled().detect(sample.filename().string(), head_of(bytes));
      ASSERT_TRUE(d.plugin);
      EXPECT_EQ(d.plugin->manifest.name, plugin->manifest.name);
      DocumentBuffer buffer;
      std::string source = sample.filename().string();
      ExtractStatus s = plugin->extractor->extract({sample.native(), source, bytes}, buffer);
      ASSERT_TRUE(s.ok) << s.error;
      buffer.finish();  // reports each relation to an entity the document did not emit
      EXPECT_TRUE(buffer.problems().empty()) << buffer.problems().front();
      EXPECT_FALSE(buffer.entities().empty());
    }
  }
}

TEST(Conformance, DeclinesOtherPluginsSamplesAndOtherFormats) {
  std::vector<fs::path> foreign = files_in(test::source_dir() / "tests" / "fixtures" / "foreign");
  for (const auto& plugin : bundled().plugins()) {
    std::vector<fs::path> others = foreign;
    for (const auto& other : bundled().plugins())
      if (other != plugin)
        for (auto& f : files_in(samples_of(*other))) others.push_back(f);
    for (const fs::path& f : others) {
      std::string bytes = test::read_text(f);
      EXPECT_NE(plugin->extractor->identify(f.filename().string(), head_of(bytes)), Confidence::yes)
          << plugin->manifest.name << " claims " << f;
    }
  }
  EXPECT_FALSE(foreign.empty());
}

TEST(Conformance, SurvivesEmptyAndGarbageInput) {
  std::mt19937 rng(20261121);
  for (const auto& plugin : bundled().plugins()) {
    std::vector<std::string> inputs = {"", "\0\0\0", "{", "[", "{}", "[]", "null", "{\"studies\": 7}",
                                       "{\"protocolSection\": []}", std::string(100000, '[')};
    for (int i = 0; i < 50; ++i) {
      std::string junk(rng() % 4096, '\0');
      for (char& c : junk) c = char(rng());
      inputs.push_back(junk);
    }
    for (const fs::path& sample : files_in(samples_of(*plugin))) {
      std::string bytes = test::read_text(sample);
      for (std::size_t cut : {bytes.size() / 3, bytes.size() / 2, bytes.size() - 1}) inputs.push_back(bytes.substr(0, cut));
    }
    for (const std::string& input : inputs) {
      DocumentBuffer buffer;
      plugin->extractor->identify("x.json", input);
      ExtractStatus s = plugin->extractor->extract({"x.json", "x.json", input}, buffer);
      if (!s.ok) {
        EXPECT_FALSE(s.error.empty()) << plugin->manifest.name << ": a failure must say why";
      }
      buffer.finish();
    }
  }
}

}  // namespace
