// neo4j-admin CSV: headers, typed columns, quoting of tricky values, array delimiters, the import
// command, and the folder written atomically. Files are read back with the RFC 4180 reader.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

#include "test_support.hpp"
#include "trialgraph/delimited_text.hpp"
#include "trialgraph/exporters.hpp"

namespace {

using namespace trialgraph;
namespace fs = std::filesystem;

const std::string kTricky = "Say \"hi\", then; go\nnext line — Sjögren 中国";

Graph tricky_graph() {
  Graph g;
  g.merge_entity({"Trial", "NCT01234567", kTricky, {},
                  {{"nct_id", std::string("NCT01234567")},
                   {"enrollment", std::int64_t(120)},
                   {"healthy_volunteers", true},
                   {"phase", std::string("PHASE1")},
                   {"keywords", std::vector<std::string>{"a,b", "c\"d"}}}},
                 "a.json");
  g.merge_entity({"Trial", "NCT07654321", "Other", {},
                  {{"enrollment", std::int64_t(7)},
                   {"healthy_volunteers", false},
                   {"phase", std::vector<std::string>{"PHASE1", "PHASE2"}},
                   {"keywords", std::vector<std::string>{}}}},
                 "b.json");
  g.merge_entity({"Site", "h|madrid||spain", "H", {}, {{"lat", 40.4165}, {"lon", std::int64_t(-3)}}}, "a.json");
  g.merge_entity({"Drug", "cart", "CAR-T", {}, {}}, "a.json");
  g.merge_entity({"Antigen", "CD19", "CD19", {}, {}}, "a.json");
  g.merge_relation({"CONDUCTED_AT", {"Trial", "NCT01234567"}, {"Site", "h|madrid||spain"},
                    {{"status", std::string("RECRUITING")}}}, "a.json");
  g.merge_relation({"TARGETS", {"Drug", "cart"}, {"Antigen", "CD19"}, {}}, "a.json");
  g.merge_relation({"TARGETS", {"Trial", "NCT07654321"}, {"Antigen", "CD19"}, {}}, "b.json");
  g.merge_relation({"TESTS", {"Trial", "NCT01234567"}, {"Drug", "cart"}, {}}, "b.json");
  return g;
}

const Neo4jCsv::File& file(const Neo4jCsv& csv, const std::string& name) {
  for (const auto& f : csv.files)
    if (f.name == name) return f;
  throw std::runtime_error("no file " + name);
}

// Rows as maps from header cell to field, read back with the RFC 4180 reader.
std::vector<std::map<std::string, std::string>> rows(const Neo4jCsv::File& f) {
  DelimitedReader reader(f.content, ',', DelimitedReader::Quoting::rfc4180);
  DelimitedRow header, row;
  EXPECT_TRUE(reader.next(header));
  std::vector<std::map<std::string, std::string>> out;
  while (reader.next(row)) {
    EXPECT_EQ(row.fields.size(), header.fields.size()) << "line " << row.line;
    std::map<std::string, std::string> m;
    for (std::size_t i = 0; i < header.fields.size() && i < row.fields.size(); ++i)
      m[header.fields[i]] = row.fields[i];
    out.push_back(m);
  }
  return out;
}

std::string header_line(const Neo4jCsv::File& f) { return f.content.substr(0, f.content.find('\n')); }

TEST(Neo4jCsv, OneNodeFilePerLabelWithItsIdSpace) {
  Neo4jCsv csv = neo4j_csv(tricky_graph());
  EXPECT_EQ(header_line(file(csv, "nodes_Trial.csv")),
            "key:ID(Trial),:LABEL,enrollment:long,healthy_volunteers:boolean,keywords:string[],"
            "name,nct_id,phase:string[],sources:string[]");
  EXPECT_EQ(header_line(file(csv, "nodes_Site.csv")), "key:ID(Site),:LABEL,lat:double,lon:long,name,sources:string[]");
  EXPECT_EQ(rows(file(csv, "nodes_Trial.csv")).size(), 2u);
}

TEST(Neo4jCsv, OneRelationshipFilePerTypeAndLabelPair) {
  Neo4jCsv csv = neo4j_csv(tricky_graph());
  EXPECT_EQ(header_line(file(csv, "relationships_TARGETS_Drug_Antigen.csv")),
            ":START_ID(Drug),:END_ID(Antigen),:TYPE,sources:string[]");
  EXPECT_EQ(header_line(file(csv, "relationships_TARGETS_Trial_Antigen.csv")),
            ":START_ID(Trial),:END_ID(Antigen),:TYPE,sources:string[]");
  auto conducted = rows(file(csv, "relationships_CONDUCTED_AT_Trial_Site.csv"));
  ASSERT_EQ(conducted.size(), 1u);
  EXPECT_EQ(conducted[0][":START_ID(Trial)"], "NCT01234567");
  EXPECT_EQ(conducted[0][":END_ID(Site)"], "h|madrid||spain");
  EXPECT_EQ(conducted[0][":TYPE"], "CONDUCTED_AT");
  EXPECT_EQ(conducted[0]["status"], "RECRUITING");
  EXPECT_EQ(csv.files.size(), 4u + 4u);
}

TEST(Neo4jCsv, TrickyTextReadsBackUnchanged) {
  auto trials = rows(file(neo4j_csv(tricky_graph()), "nodes_Trial.csv"));
  EXPECT_EQ(trials[0]["name"], kTricky);
  EXPECT_EQ(trials[0]["key:ID(Trial)"], "NCT01234567");
  EXPECT_EQ(trials[0]["keywords:string[]"], "a,b;c\"d");
}

TEST(Neo4jCsv, TypedValuesAreBareAndAbsentValuesEmpty) {
  auto trials = rows(file(neo4j_csv(tricky_graph()), "nodes_Trial.csv"));
  EXPECT_EQ(trials[0]["enrollment:long"], "120");
  EXPECT_EQ(trials[0]["healthy_volunteers:boolean"], "true");
  EXPECT_EQ(trials[1]["healthy_volunteers:boolean"], "false");
  EXPECT_EQ(trials[1]["nct_id"], "");             // no property
  EXPECT_EQ(trials[1]["keywords:string[]"], "");  // an empty list is no property, as in GraphML
  // A column that holds a list somewhere is an array column: a lone value is a one-element array.
  EXPECT_EQ(trials[0]["phase:string[]"], "PHASE1");
  EXPECT_EQ(trials[1]["phase:string[]"], "PHASE1;PHASE2");
  auto sites = rows(file(neo4j_csv(tricky_graph()), "nodes_Site.csv"));
  EXPECT_EQ(sites[0]["lat:double"], "40.4165");
  EXPECT_EQ(std::string(file(neo4j_csv(tricky_graph()), "nodes_Trial.csv").content).find("\"120\""),
            std::string::npos);
}

TEST(Neo4jCsv, MixedNumbersWidenToDoubleAndMixedScalarsToString) {
  Graph g;
  g.merge_entity({"Site", "a", "A", {}, {{"lat", std::int64_t(40)}, {"zip", std::int64_t(28001)}}}, "s");
  g.merge_entity({"Site", "b", "B", {}, {{"lat", 40.5}, {"zip", std::string("SW1A 1AA")}}}, "s");
  auto f = file(neo4j_csv(g), "nodes_Site.csv");
  EXPECT_EQ(header_line(f), "key:ID(Site),:LABEL,lat:double,name,sources:string[],zip");
  auto r = rows(f);
  EXPECT_EQ(r[0]["lat:double"], "40");
  EXPECT_EQ(r[0]["zip"], "28001");
  EXPECT_EQ(r[1]["zip"], "SW1A 1AA");
}

TEST(Neo4jCsv, ArrayDelimiterAvoidsWhatElementsHold) {
  Graph g;
  g.merge_entity({"Drug", "x", "X; not an element", {}, {}}, "s");  // ';' outside arrays is harmless
  EXPECT_EQ(neo4j_csv(g).array_delimiter, ";");
  g.merge_entity({"Drug", "y", "Y", {}, {{"aliases_extra", std::vector<std::string>{"a;b"}}}}, "s");
  EXPECT_EQ(neo4j_csv(g).array_delimiter, "|");
  g.merge_entity({"Drug", "z", "Z", {}, {{"aliases_extra", std::vector<std::string>{"c|d"}}}}, "s");
  Neo4jCsv csv = neo4j_csv(g);
  EXPECT_EQ(csv.array_delimiter, "\x1f");
  EXPECT_NE(csv.import_command("out").find("--array-delimiter=U+001F"), std::string::npos);
  auto drugs = rows(file(csv, "nodes_Drug.csv"));
  EXPECT_EQ(drugs[1]["aliases_extra:string[]"], "a;b");
}

// The delimiter is chosen in the pass that finds the columns' types: a text value seen before its
// column turns out to be an array is an element all the same.
TEST(Neo4jCsv, ATextValueCountsOnceItsColumnBecomesAnArray) {
  Graph g;
  g.merge_entity({"Drug", "p", "P", {}, {{"tags", std::string("a;b")}}}, "s");
  EXPECT_EQ(neo4j_csv(g).array_delimiter, ";");  // a text column: its ';' is no element's
  g.merge_entity({"Drug", "q", "Q", {}, {{"tags", std::vector<std::string>{"c"}}}}, "s");
  Neo4jCsv csv = neo4j_csv(g);
  EXPECT_EQ(csv.array_delimiter, "|");
  EXPECT_EQ(rows(file(csv, "nodes_Drug.csv"))[0]["tags:string[]"], "a;b");
}

TEST(Neo4jCsv, ImportCommandNamesEveryFileAndTheQuotingRules) {
  Neo4jCsv csv = neo4j_csv(tricky_graph());
  std::string cmd = csv.import_command("out dir");
  EXPECT_EQ(cmd.rfind("neo4j-admin database import full neo4j ", 0), 0u) << cmd;
  EXPECT_NE(cmd.find("'--nodes=Trial=out dir/nodes_Trial.csv'"), std::string::npos) << cmd;
  EXPECT_NE(cmd.find("'--relationships=TARGETS=out dir/relationships_TARGETS_Drug_Antigen.csv'"), std::string::npos);
  EXPECT_NE(cmd.find("--array-delimiter=';'"), std::string::npos);
  EXPECT_NE(cmd.find("--quote='\"'"), std::string::npos);
  EXPECT_NE(cmd.find("--multiline-fields=true"), std::string::npos);  // the trial's name has a line break
  Graph plain;
  plain.merge_entity({"Drug", "x", "X", {}, {}}, "s");
  EXPECT_EQ(neo4j_csv(plain).import_command("o").find("multiline"), std::string::npos);
}

// --- the folder ---------------------------------------------------------------------------------

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("trialgraph-neo4j-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST(ExportNeo4jCsv, WritesTheFilesAndTheScriptAndLeavesNothingElse) {
  TempDir dir;
  std::string command, error;
  ASSERT_TRUE(export_neo4j_csv(tricky_graph(), dir.path / "csv", command, error)) << error;
  EXPECT_EQ(dir.names(), std::vector<std::string>{"csv"});
  Neo4jCsv expected = neo4j_csv(tricky_graph());
  for (const auto& f : expected.files) EXPECT_EQ(test::read_text(dir.path / "csv" / f.name), f.content) << f.name;
  EXPECT_EQ(command, expected.import_command((dir.path / "csv").string()));
  std::string script = test::read_text(dir.path / "csv" / kNeo4jImportScript);
  EXPECT_NE(script.find(expected.import_command("")), std::string::npos) << script;
}

TEST(ExportNeo4jCsv, ReplacesItsOwnEarlierOutput) {
  TempDir dir;
  std::string command, error;
  Graph small;
  small.merge_entity({"Drug", "x", "X", {}, {}}, "s");
  ASSERT_TRUE(export_neo4j_csv(small, dir.path / "csv", command, error)) << error;
  ASSERT_TRUE(fs::exists(dir.path / "csv" / "nodes_Drug.csv"));
  ASSERT_TRUE(export_neo4j_csv(tricky_graph(), dir.path / "csv/", command, error)) << error;
  EXPECT_TRUE(fs::exists(dir.path / "csv" / "nodes_Trial.csv"));
  EXPECT_EQ(test::read_text(dir.path / "csv" / "nodes_Drug.csv"), file(neo4j_csv(tricky_graph()), "nodes_Drug.csv").content);
  EXPECT_EQ(dir.names(), std::vector<std::string>{"csv"});  // no temporary or old folder left
}

TEST(ExportNeo4jCsv, RefusesAFolderItDidNotWrite) {
  TempDir dir;
  fs::create_directories(dir.path / "mine");
  { std::ofstream(dir.path / "mine" / "notes.txt") << "keep me"; }
  std::string command, error;
  EXPECT_FALSE(export_neo4j_csv(tricky_graph(), dir.path / "mine", command, error));
  EXPECT_NE(error.find("not an earlier neo4j-csv output"), std::string::npos) << error;
  EXPECT_EQ(test::read_text(dir.path / "mine" / "notes.txt"), "keep me");
  EXPECT_EQ(dir.names(), std::vector<std::string>{"mine"});

  // An earlier output with a stranger added is not ours to delete either.
  ASSERT_TRUE(export_neo4j_csv(tricky_graph(), dir.path / "csv", command, error)) << error;
  { std::ofstream(dir.path / "csv" / "notes.txt") << "keep me"; }
  EXPECT_FALSE(export_neo4j_csv(tricky_graph(), dir.path / "csv", command, error));
  EXPECT_TRUE(fs::exists(dir.path / "csv" / "notes.txt"));
}

TEST(ExportNeo4jCsv, FillsAnEmptyFolderAndRefusesAFile) {
  TempDir dir;
  fs::create_directories(dir.path / "empty");
  std::string command, error;
  EXPECT_TRUE(export_neo4j_csv(tricky_graph(), dir.path / "empty", command, error)) << error;
  EXPECT_TRUE(fs::exists(dir.path / "empty" / "nodes_Trial.csv"));
  { std::ofstream(dir.path / "file") << "x"; }
  EXPECT_FALSE(export_neo4j_csv(tricky_graph(), dir.path / "file", command, error));
  EXPECT_NE(error.find("not a folder"), std::string::npos) << error;
}

TEST(ExportNeo4jCsv, FailsCleanlyWhereNothingCanBeWritten) {
  TempDir dir;
  std::string command, error;
  EXPECT_FALSE(export_neo4j_csv(tricky_graph(), dir.path / "missing" / "csv", command, error));
  EXPECT_FALSE(error.empty());
  EXPECT_TRUE(dir.names().empty());
}

}  // namespace
