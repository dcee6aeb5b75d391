#include <cstdlib>

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "trialgraph/loader.hpp"

namespace {
using namespace trialgraph;
namespace fs = std::filesystem;

const LoadError* error_for(const PluginRegistry& r, const std::string& file_name) {
  for (const LoadError& e : r.errors())
    if (e.path.filename() == file_name) return &e;
  return nullptr;
}

TEST(Loader, LoadsTheBundledPluginWithItsManifest) {
  std::string error;
  auto plugin = load_plugin(test::plugin_dir() / "tg_ctgov-json.so", error);
  ASSERT_TRUE(plugin) << error;
  EXPECT_EQ(plugin->manifest.name, "ctgov-json");
  EXPECT_EQ(plugin->manifest.abi_version, kAbiVersion);
  EXPECT_FALSE(plugin->manifest.formats.empty());
}

TEST(Loader, RefusesWrongAbiNamingBothVersions) {
  PluginRegistry r;
  r.load_directory(test::test_plugin_dir());
  const LoadError* e = error_for(r, "tg_test-wrong-abi.so");
  ASSERT_TRUE(e);
  EXPECT_NE(e->reason.find("ABI mismatch"), std::string::npos) << e->reason;
  EXPECT_NE(e->reason.find("ABI version 99"), std::string::npos) << e->reason;
  EXPECT_NE(e->reason.find("ABI version " + std::to_string(kAbiVersion)), std::string::npos) << e->reason;
}

TEST(Loader, RefusesMissingFactoryNamingTheSymbol) {
  PluginRegistry r;
  r.load_directory(test::test_plugin_dir());
  const LoadError* e = error_for(r, "tg_test-missing-factory.so");
  ASSERT_TRUE(e);
  EXPECT_NE(e->reason.find("trialgraph_create_plugin"), std::string::npos) << e->reason;
}

TEST(Loader, RefusesALibraryThatIsNotAPlugin) {
  PluginRegistry r;
  r.load_directory(test::test_plugin_dir());
  const LoadError* e = error_for(r, "test_not_a_plugin.so");
  ASSERT_TRUE(e);
  EXPECT_NE(e->reason.find("not a trialgraph plugin"), std::string::npos) << e->reason;
}

TEST(Loader, RefusesAnInvalidManifest) {
  PluginRegistry r;
  r.load_directory(test::test_plugin_dir());
  const LoadError* e = error_for(r, "tg_test-bad-manifest.so");
  ASSERT_TRUE(e);
  EXPECT_NE(e->reason.find("invalid manifest"), std::string::npos) << e->reason;
  EXPECT_TRUE(r.plugins().empty()) << "no broken test plugin may load";
}

TEST(Loader, RefusesAFileThatIsNoSharedLibrary) {
  fs::path dir = fs::temp_directory_path() / ("tg-loader-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  { std::ofstream(dir / "garbage.so") << "this is not an ELF file"; }
  PluginRegistry r;
  r.load_directory(dir);
  fs::remove_all(dir);
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_NE(r.errors()[0].reason.find("cannot be loaded"), std::string::npos) << r.errors()[0].reason;
}

// Refused from its headers: the dynamic loader never runs its constructor (which aborts).
TEST(Loader, RefusesALibraryThatIsNotAPluginBeforeRunningItsCode) {
  std::string error;
  LoadStep reached = LoadStep::open;
  EXPECT_FALSE(load_plugin(test::test_plugin_dir() / "test_aborts_when_loaded.so", error, &reached));
  EXPECT_NE(error.find("not a trialgraph plugin: no symbol 'trialgraph_plugin_abi'"), std::string::npos) << error;
  EXPECT_EQ(reached, LoadStep::abi);
}

// A copy cut off (an interrupted install) made dlopen die of SIGBUS; now its segments are checked.
TEST(Loader, RefusesATruncatedPlugin) {
  fs::path dir = fs::temp_directory_path() / ("tg-truncated-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string whole = test::read_text(test::plugin_dir() / "tg_ctgov-xml.so");
  for (std::size_t keep : {std::size_t(20000), whole.size() / 2, whole.size() - 100}) {
    fs::path cut = dir / ("tg_cut-" + std::to_string(keep) + ".so");
    std::ofstream(cut, std::ios::binary) << whole.substr(0, keep);
    std::string error;
    LoadStep reached = LoadStep::done;
    EXPECT_FALSE(load_plugin(cut, error, &reached)) << keep;
    EXPECT_NE(error.find("cannot be loaded as a shared library: truncated"), std::string::npos) << keep << ": " << error;
    EXPECT_EQ(reached, LoadStep::open);
  }
  PluginRegistry r;
  r.load_directory(dir);
  fs::remove_all(dir);
  EXPECT_EQ(r.errors().size(), 3u);
  EXPECT_TRUE(r.plugins().empty());
}

TEST(Loader, LibraryStaysLoadedWhilePluginLives) {
  std::shared_ptr<const ExtractorPlugin> extractor;
  {
    PluginRegistry r;
    r.load_directory(test::plugin_dir());
    ASSERT_FALSE(r.plugins().empty());
    for (const auto& p : r.plugins())
      if (p->manifest.name == "ctgov-json") extractor = p->extractor;
    ASSERT_TRUE(extractor);
  }
  // The registry and its LoadedPlugin are gone; calling into the plugin must still work.
  EXPECT_EQ(extractor->identify("x.json", "{\"protocolSection\": {}}"), Confidence::yes);
}

TEST(Loader, DetectPicksTheMostConfidentPlugin) {
  PluginRegistry r;
  r.load_directory(test::plugin_dir());
  Detection d = r.detect("NCT1.json", "{\"protocolSection\": {}}");
  ASSERT_TRUE(d.plugin);
  EXPECT_EQ(d.plugin->manifest.name, "ctgov-json");
  EXPECT_EQ(d.confidence, Confidence::yes);
  Detection page = r.detect("page.txt", "Basic Information\nNCT ID: NCT07038447\n");
  ASSERT_TRUE(page.plugin);
  EXPECT_EQ(page.plugin->manifest.name, "basic-info-page");
  EXPECT_FALSE(r.detect("notes.txt", "Some notes about a trial\nwith no known layout\n").plugin);
}

TEST(Loader, SearchPathReadsTheEnvironmentAndExtraFolders) {
  ::setenv("TRIALGRAPH_PLUGIN_PATH", "/tmp/tg-a:/tmp/tg-b", 1);
  auto path = plugin_search_path({"/tmp/tg-c"});
  ::unsetenv("TRIALGRAPH_PLUGIN_PATH");
  auto has = [&](const char* p) { return std::find(path.begin(), path.end(), fs::path(p)) != path.end(); };
  EXPECT_TRUE(has("/tmp/tg-a"));
  EXPECT_TRUE(has("/tmp/tg-b"));
  EXPECT_TRUE(has("/tmp/tg-c"));
  EXPECT_EQ(path.front().filename(), "plugins") << "the folder beside the program comes first";
}

}  // namespace
