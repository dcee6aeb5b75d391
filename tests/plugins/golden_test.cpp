// Golden cases, found by scanning tests/golden/<plugin>/: each input document next to the GraphML
// expected from it. TRIALGRAPH_UPDATE_GOLDEN=1 rewrites the expectations (review the diff!).
#include <cstdlib>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace {
using namespace trialgraph;
namespace fs = std::filesystem;

TEST(Golden, EveryCaseGivesItsExpectedGraph) {
  std::size_t cases = 0;
  for (const auto& entry : fs::recursive_directory_iterator(test::source_dir() / "tests" / "golden")) {
    fs::path input = entry.path();
    if (!entry.is_regular_file() || input.extension() == ".graphml") continue;
    fs::path expected = fs::path(input).replace_extension(".graphml");
    SCOPED_TRACE(input.string());
    std::size_t failed = 0;
    std::string graphml = test::graphml_of({input}, failed);
    EXPECT_EQ(failed, 0u);
    if (std::getenv("TRIALGRAPH_UPDATE_GOLDEN")) std::ofstream(expected, std::ios::binary) << graphml;
    ASSERT_TRUE(fs::exists(expected)) << "no expectation; run with TRIALGRAPH_UPDATE_GOLDEN=1 and review it";
    EXPECT_EQ(graphml, test::read_text(expected));
    ++cases;
  }
  EXPECT_GE(cases, 3u);
}

}  // namespace
