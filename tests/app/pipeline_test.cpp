#include <random>
#include <sstream>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <fstream>

#include "pipeline.hpp"
#include "test_support.hpp"
#include "trialgraph/exporters.hpp"

namespace {
using namespace trialgraph;
namespace fs = std::filesystem;

const PluginRegistry& bundled() {
  static PluginRegistry r = [] {
    PluginRegistry reg;
    reg.load_directory(test::plugin_dir());
    return reg;
  }();
  return r;
}

fs::path bad_input() { return test::source_dir() / "tests" / "fixtures" / "bad-input"; }

const Problem* problem_for(const RunReport& r, const std::string& file_name) {
  for (const Problem& p : r.problems)
    if (fs::path(p.path).filename() == file_name) return &p;
  return nullptr;
}

struct Extraction {
  Graph graph;
  RunReport report;
  std::vector<Problem> walk;
};

Extraction extract(const std::vector<fs::path>& inputs) {
  Extraction run;
  auto docs = collect_documents(inputs, run.walk);
  run.report = extract_documents(docs, bundled(), run.graph);
  return run;
}

TEST(Pipeline, BadDocumentsAreReportedAndTheOthersRead) {
  Extraction run = extract({bad_input()});
  EXPECT_EQ(run.report.documents, 7u);
  for (const char* f : {"not-json.json", "truncated.json", "not-a-study.json", "empty.json", "binary.json"}) {
    const Problem* p = problem_for(run.report, f);
    ASSERT_TRUE(p) << f << " was not reported";
    EXPECT_FALSE(p->reason.empty());
    EXPECT_TRUE(p->document_failed);
  }
  EXPECT_EQ(problem_for(run.report, "not-json.json")->plugin, "ctgov-json");
  EXPECT_NE(problem_for(run.report, "truncated.json")->reason.find("not valid JSON"), std::string::npos);
  EXPECT_NE(problem_for(run.report, "not-a-study.json")->reason.find("not a ClinicalTrials.gov v2 study"), std::string::npos);
  EXPECT_NE(problem_for(run.report, "binary.json")->reason.find("no plugin"), std::string::npos);
  EXPECT_NE(problem_for(run.report, "empty.json")->reason.find("empty"), std::string::npos);
  EXPECT_EQ(problem_for(run.report, "good-study.json"), nullptr);
}

TEST(Pipeline, OneBadLineOfManyKeepsTheOtherStudies) {
  Extraction run = extract({bad_input() / "one-bad-line.ndjson"});
  ASSERT_EQ(run.report.problems.size(), 1u);
  EXPECT_FALSE(run.report.problems[0].document_failed);
  EXPECT_NE(run.report.problems[0].reason.find("line 3"), std::string::npos) << run.report.problems[0].reason;
  EXPECT_EQ(run.report.failed, 1u) << "a partly read document still counts as failed";
  EXPECT_EQ(run.graph.nodes_by_label()["Trial"], 4u);
}

TEST(Pipeline, FifoAndBrokenLinkAreReportedNotRead) {
  fs::path dir = fs::temp_directory_path() / ("tg-pipeline-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  ASSERT_EQ(::mkfifo((dir / "pipe.json").c_str(), 0600), 0);
  fs::create_symlink(dir / "missing.json", dir / "dangling.json");
  fs::create_directory_symlink(dir, dir / "loop");  // a folder link back to itself is not followed
  fs::copy_file(bad_input() / "good-study.json", dir / "good.json");
  Extraction run = extract({dir});
  fs::remove_all(dir);
  EXPECT_EQ(run.report.documents, 1u);
  ASSERT_EQ(run.walk.size(), 2u);
  EXPECT_EQ(run.graph.nodes_by_label()["Trial"], 1u);
}

TEST(Pipeline, MissingInputIsReported) {
  Extraction run = extract({"/nonexistent/trialgraph/input.json"});
  ASSERT_EQ(run.walk.size(), 1u);
  EXPECT_NE(run.walk[0].reason.find("no such file"), std::string::npos);
}

TEST(Pipeline, SameInputsInAnyOrderGiveIdenticalFiles) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(test::examples_dir() / "ctgov-v2")) files.push_back(e.path());
  ASSERT_GT(files.size(), 10u);
  std::sort(files.begin(), files.end());
  std::vector<fs::path> reversed(files.rbegin(), files.rend());
  std::mt19937 rng(7);
  std::vector<fs::path> shuffled = files;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  auto render = [](const std::vector<fs::path>& in) {
    Extraction run = extract(in);
    std::ostringstream g, t;
    write_graphml(run.graph, g);
    write_turtle(run.graph, t, ExportOptions{});
    return g.str() + t.str();
  };
  std::string first = render(files);
  EXPECT_EQ(first, render(reversed));
  EXPECT_EQ(first, render(shuffled));
  EXPECT_EQ(first, render({test::examples_dir() / "ctgov-v2", files.front()})) << "a file named twice is read once";
}

TEST(Pipeline, CanonicalOrderIsByFileNameThenPath) {
  std::vector<Problem> problems;
  auto docs = collect_documents({bad_input() / "truncated.json", bad_input() / "empty.json"}, problems);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].path.filename(), "empty.json");
}

TEST(Pipeline, FilesInAFolderThatNoPluginClaimsAreSkippedNamedOnesFail) {
  fs::path dir = fs::temp_directory_path() / "trialgraph_skip_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(bad_input() / "good-study.json", dir / "good-study.json");
  std::ofstream(dir / "MANIFEST.tsv") << "local_file\tsource_repo\nv2json/NCT00465816.json\tctti\n";
  std::ofstream(dir / "README") << "Registry records, fetched 2026-11-01.\n";

  Extraction folder = extract({dir});
  EXPECT_EQ(folder.report.documents, 1u);
  EXPECT_EQ(folder.report.failed, 0u);
  EXPECT_EQ(folder.report.skipped.size(), 2u) << "a manifest and a README are not trial documents";

  Extraction named = extract({dir / "MANIFEST.tsv"});
  EXPECT_EQ(named.report.failed, 1u) << "a file the user names must be read";
  ASSERT_TRUE(problem_for(named.report, "MANIFEST.tsv"));
  EXPECT_NE(problem_for(named.report, "MANIFEST.tsv")->reason.find("no plugin reads"), std::string::npos);

  Extraction both = extract({dir, dir / "README"});
  EXPECT_EQ(both.report.skipped.size(), 1u) << "named as well as found: it counts as named";
  EXPECT_EQ(both.report.failed, 1u);
  fs::remove_all(dir);
}

}  // namespace

namespace {
using namespace trialgraph;

TEST(Pipeline, OneTrialFromTwoFormatsIsOneNodeAndEachFactOneEdge) {
  // NCT00023673 as legacy XML (2018) and as classic v1 JSON (2023).
  std::vector<fs::path> inputs = {test::source_dir() / "tests/fixtures/cross-format"};
  std::vector<Problem> walk;
  Graph g;
  RunReport report = extract_documents(collect_documents(inputs, walk), bundled(), g);
  ASSERT_EQ(report.failed, 0u);
  EXPECT_EQ(g.nodes_by_label()["Trial"], 1u);
  const std::set<std::string> both{"NCT00023673.v1classic.json", "NCT00023673.xml"};
  EXPECT_EQ(g.find("Trial", "NCT00023673")->sources, both);
  std::map<std::string, std::set<std::string>> studies_sources;  // disease key -> sources of the edge
  g.for_each_edge([&](const Node&, const Edge& e, const Node& to) {
    if (e.type == "STUDIES") studies_sources[to.key] = e.sources;
    if (e.type == "SPONSORED_BY") {
      EXPECT_EQ(e.sources, both) << to.key;
    }
  });
  ASSERT_TRUE(studies_sources.count("D008175")) << "the XML's \"Lung Neoplasms\" is the v1 record's D008175";
  EXPECT_EQ(studies_sources["D008175"], both);
  EXPECT_EQ(g.find("Disease", "lung neoplasms"), nullptr);
}

}  // namespace
