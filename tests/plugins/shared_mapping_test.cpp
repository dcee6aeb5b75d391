// The Raw-JSON study page and the same record as API v2 JSON give the same graph: both plugins
// go through the one v2 mapping, and the Python-literal reader agrees with Python's own
// (the JSON fixture was written by Python's ast.literal_eval from the page).
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace {
using namespace trialgraph;
namespace fs = std::filesystem;

std::string graphml_of(const fs::path& document) {
  std::size_t failed = 0;
  std::string text = test::graphml_of({document}, failed);
  EXPECT_EQ(failed, 0u);
  // Only the provenance may differ.
  std::string source = document.filename().string();
  for (std::size_t at; (at = text.find(source)) != std::string::npos;) text.replace(at, source.size(), "SOURCE");
  return text;
}

TEST(SharedMapping, RawJsonPageAndV2JsonGiveTheSameGraph) {
  std::string page = graphml_of(test::source_dir() / "plugins/ctgov-raw-json-page/samples/004_12ad7b77f5f507e9.txt");
  std::string json = graphml_of(test::source_dir() / "tests/fixtures/NCT06709469.from-python-ast.json");
  EXPECT_NE(page.find("NCT06709469"), std::string::npos);
  EXPECT_EQ(page, json);
}

}  // namespace
