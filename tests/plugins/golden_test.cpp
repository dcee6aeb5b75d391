// Golden cases, found by scanning tests/golden/<plugin>/: each input document next to the GraphML
// expected from it. TRIALGRAPH_UPDATE_GOLDEN=1 rewrites the expectations (review the diff!).
#include <cstdlib>
#include <sstream>

#include <gtest/gtest.h>

#include "pipeline.hpp"
#include "test_support.hpp"
#include "trialgraph/exporters.hpp"

namespace {
using namespace trialgraph;
namespace fs = std::filesystem;

TEST(Golden, EveryCaseGivesItsExpectedGraph) {
  PluginRegistry plugins;
  plugins.load_directory(test::plugin_dir());
  std::size_t cases = 0;
  for (const auto& entry : fs::recursive_directory_iterator(test::source_dir() / "tests" / "golden")) {
    fs::path input = entry.path();
    if (!entry.is_regular_file() || input.extension() == ".graphml") continue;
    fs::path expected = fs::path(input).replace_extension(".graphml");
    SCOPED_TRACE(input.string());
    std::vector<Problem> problems;
    Graph graph;
    RunReport report = extract_documents(collect_documents({input}, problems), plugins, graph);
    EXPECT_EQ(report.failed, 0u);
    std::ostringstream out;
    write_graphml(graph, out);
    if (std::getenv("TRIALGRAPH_UPDATE_GOLDEN")) std::ofstream(expected, std::ios::binary) << out.str();
    ASSERT_TRUE(fs::exists(expected)) << "no expectation; run with TRIALGRAPH_UPDATE_GOLDEN=1 and review it";
    EXPECT_EQ(out.str(), test::read_text(expected));
    ++cases;
  }
  EXPECT_GE(cases, 3u);
}

}  // namespace
