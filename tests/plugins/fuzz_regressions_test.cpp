// Every input under tests/fixtures/fuzz-regressions/ (inputs that once crashed or misbehaved, kept
// after the fix) through the code its fuzz target drives, in every build: under the sanitizer
// build (CMakePresets.json "asan") undefined behaviour or a memory error fails here too.
#include <gtest/gtest.h>
#include <sstream>
#include <nlohmann/json.hpp>

#include "extraction.hpp"
#include "trialgraph/delimited_text.hpp"
#include "trialgraph/exporters.hpp"
#include "trialgraph/graphml_reader.hpp"
#include "trialgraph/python_literal.hpp"

namespace trialgraph {
namespace {
namespace fs = std::filesystem;

fs::path regressions() { return test::source_dir() / "tests" / "fixtures" / "fuzz-regressions"; }

TEST(FuzzRegressions, EveryInputRunsCleanThroughItsTarget) {
  std::size_t inputs = 0;
  for (const auto& target : fs::directory_iterator(regressions())) {
    if (!target.is_directory()) continue;
    std::string name = target.path().filename().string();
    for (const auto& file : fs::directory_iterator(target.path())) {
      std::string bytes = test::read_text(file.path());
      SCOPED_TRACE(name + "/" + file.path().filename().string());
      ++inputs;
      if (name.rfind("fuzz_plugin_", 0) == 0) {
        std::string plugin = name.substr(std::string("fuzz_plugin_").size());
        (void)test::detected_plugin(file.path().filename().string(), bytes);
        test::Extraction e = test::extract_with(plugin, bytes, file.path().filename().string());
        EXPECT_TRUE(e.status.ok || !e.status.error.empty()) << "a failure says why";
      } else if (name == "fuzz_python_literal") {
        nlohmann::json out;
        PythonLiteralResult r = parse_python_literal(bytes, out, 512, true);
        EXPECT_TRUE(r.ok || !r.error.empty()) << "a refusal says why";
      } else if (name == "fuzz_delimited_text") {
        // The exact bytes, as the fuzzer hands them: no NUL after them to hide a read past the end.
        std::vector<char> exact(bytes.begin(), bytes.end());
        std::string_view text(exact.data(), exact.size());
        for (char delimiter : {guess_delimiter(text.substr(0, text.find('\n'))), ',', '\t'})
          for (auto quoting : {DelimitedReader::Quoting::rfc4180, DelimitedReader::Quoting::none}) {
            DelimitedReader reader(text, delimiter, quoting);
            for (DelimitedRow row; reader.next(row);)
              if (!reader.row_problem().empty() && row.end_line > row.line) reader.restart_after_last_row();
          }
      } else if (name == "fuzz_graphml_reader") {
        // What the reader accepts, written back, reads again to the same counts.
        std::istringstream in(bytes);
        Graph graph;
        try {
          graph = read_graphml(in);
        } catch (const GraphmlReadError& refused) {
          EXPECT_NE(std::string(refused.what()), "") << "a refusal says why";
          continue;
        }
        std::ostringstream out;
        write_graphml(graph, out);
        std::istringstream again(out.str());
        Graph reread = read_graphml(again);
        EXPECT_EQ(reread.node_count(), graph.node_count());
        EXPECT_EQ(reread.edge_count(), graph.edge_count());
      } else {
        ADD_FAILURE() << "no driver for the fuzz target " << name << " in this test";
      }
    }
  }
  EXPECT_GE(inputs, 2u);
}

// "count": 1e300 has no integer value: the enrollment is left out, the study read.
TEST(FuzzRegressions, AnEnrollmentNoIntegerHoldsIsLeftOutOfAV2Study) {
  std::string bytes = test::read_text(regressions() / "fuzz_plugin_ctgov-json" / "enrollment-1e300.json");
  test::Extraction e = test::extract_with("ctgov-json", bytes, "study.json");
  ASSERT_TRUE(e.status.ok) << e.status.error;
  const Entity* trial = e.node("Trial", "NCT01234567");
  ASSERT_TRUE(trial);
  EXPECT_EQ(test::Extraction::prop(trial, "enrollment"), "");
}

// 23 digits of enrollment: the record is read without it (std::stoll threw; the record was lost).
TEST(FuzzRegressions, AnEnrollmentOfTwentyThreeDigitsIsLeftOutOfAnXmlRecord) {
  std::string bytes = test::read_text(regressions() / "fuzz_plugin_ctgov-xml" / "enrollment-23-digits.xml");
  test::Extraction e = test::extract_with("ctgov-xml", bytes, "NCT01234567.xml");
  ASSERT_TRUE(e.status.ok) << e.status.error;
  const Entity* trial = e.node("Trial", "NCT01234567");
  ASSERT_TRUE(trial);
  EXPECT_EQ(test::Extraction::prop(trial, "enrollment"), "");
}

}  // namespace
}  // namespace trialgraph
