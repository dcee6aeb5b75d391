// The CSV/TSV search-export plugin on real exports (legacy 27 columns, current 20 columns, TSV)
// and on broken ones: no header, stray quotes, rows cut short, other encodings.
#include <gtest/gtest.h>

#include <filesystem>

#include "extraction.hpp"
#include "trialgraph/delimited_text.hpp"

namespace {
using namespace trialgraph;
using test::Extraction;
namespace fs = std::filesystem;

const char* kPlugin = "ctgov-csv";

std::string sample(const std::string& name) {
  return test::read_text(test::source_dir() / "plugins/ctgov-csv/samples" / name);
}

std::string header_of(const std::string& csv) { return csv.substr(0, csv.find('\n') + 1); }
std::string body_of(const std::string& csv) { return csv.substr(csv.find('\n') + 1); }

TEST(CtgovCsv, LegacyExportRowGivesTheContract) {
  Extraction x = test::extract_with(kPlugin, sample("NCT00004197.legacy_export.csv"), "a.csv");
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty());
  const Entity* t = x.node("Trial", "NCT00004197");
  ASSERT_TRUE(t);
  EXPECT_EQ(Extraction::prop(t, "status"), "COMPLETED");
  EXPECT_EQ(Extraction::prop(t, "phase"), "PHASE2");
  EXPECT_EQ(Extraction::prop(t, "enrollment"), "") << "\"null\" is no value";
  EXPECT_EQ(Extraction::prop(t, "min_age"), "18 Years");
  EXPECT_EQ(Extraction::prop(t, "max_age"), "120 Years");
  EXPECT_EQ(Extraction::prop(t, "start_date"), "1999-06");
  EXPECT_EQ(Extraction::prop(t, "first_posted"), "2004-06-25");
  EXPECT_EQ(Extraction::prop(t, "purpose"), "TREATMENT");
  EXPECT_EQ(Extraction::prop(t, "org_study_id"), "197-99");
  EXPECT_EQ(Extraction::prop(t, "secondary_ids"), "P30CA036727;UNMC-197-99;GENITOPE-9902;SUMC-9902");
  const Relation* lead = x.edge("SPONSORED_BY", t, x.node("Sponsor", "University of Nebraska"));
  EXPECT_EQ(Extraction::edge_prop(lead, "role"), "lead");
  EXPECT_EQ(Extraction::prop(x.node("Sponsor", "University of Nebraska"), "class"), "OTHER")
      << "\"Funded Bys\" gives one class per sponsor here";
  EXPECT_EQ(Extraction::edge_prop(x.edge("SPONSORED_BY", t, x.node("Sponsor", "National Cancer Institute (NCI)")), "role"),
            "collaborator");
  EXPECT_EQ(Extraction::prop(x.node("Drug", "sargramostim"), "intervention_type"), "BIOLOGICAL");
  EXPECT_TRUE(x.edge("TESTS", t, x.node("Drug", "keyhole limpet hemocyanin")));
  EXPECT_TRUE(x.edge("STUDIES", t, x.node("Disease", "Lymphoma")));
  const Entity* stanford = x.node("Site", "Stanford University Medical Center");
  ASSERT_TRUE(stanford);
  EXPECT_EQ(Extraction::prop(stanford, "city"), "Stanford");
  EXPECT_EQ(Extraction::prop(stanford, "state"), "California");
  EXPECT_EQ(Extraction::prop(stanford, "country"), "United States");
  EXPECT_TRUE(x.edge("CONDUCTED_AT", t, stanford));
}

TEST(CtgovCsv, ManyRowsAreManyTrials) {
  Extraction x = test::extract_with(kPlugin, sample("search_results_cart.csv"), "search_results_cart.csv");
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty());
  EXPECT_EQ(x.count("Trial"), 12u);
  const Entity* jichi = x.node("Trial", "NCT02134262");
  EXPECT_EQ(Extraction::prop(jichi, "status"), "UNKNOWN") << "\"Unknown status\" is the registry's UNKNOWN";
  EXPECT_EQ(Extraction::prop(jichi, "phase"), "PHASE1;PHASE2");
  const Entity* site = x.node("Site", "Jichi Medical University");
  ASSERT_TRUE(site);
  EXPECT_EQ(Extraction::prop(site, "city"), "Shimotsuke");
  EXPECT_EQ(Extraction::prop(site, "state"), "Tochigi") << "a known prefecture is the state";
  const Entity* shanghai = x.node("Site", "Innovative Cellular Therapeutics CO., LTD.");
  ASSERT_TRUE(shanghai) << "a comma inside the facility's name";
  EXPECT_EQ(Extraction::prop(shanghai, "city"), "Shanghai");
  EXPECT_EQ(Extraction::prop(shanghai, "state"), "");
}

TEST(CtgovCsv, CurrentExportSpeaksInCodes) {
  Extraction x = test::extract_with(kPlugin, sample("ctg-studies.csv"), "ctg-studies.csv");
  ASSERT_TRUE(x.status.ok) << x.status.error;
  const Entity* t = x.node("Trial", "NCT03556982");
  ASSERT_TRUE(t);
  EXPECT_EQ(Extraction::prop(t, "phase"), "PHASE1;PHASE2");
  EXPECT_EQ(Extraction::prop(t, "status"), "UNKNOWN");
  EXPECT_EQ(Extraction::prop(t, "study_type"), "INTERVENTIONAL");
  EXPECT_TRUE(x.edge("TESTS", t, x.node("Drug", "CART-123 cells")));
  const Entity* terminated = x.node("Trial", "NCT03473457");
  EXPECT_EQ(Extraction::prop(terminated, "phase"), "NA");
  EXPECT_EQ(Extraction::edge_prop(x.edge("SPONSORED_BY", terminated, x.node("Sponsor", "Zhujiang Hospital")), "role"),
            "lead");
  EXPECT_TRUE(x.edge("SPONSORED_BY", terminated, x.node("Sponsor", "Nanfang Hospital, Southern Medical University")));
  EXPECT_FALSE(Extraction::prop(terminated, "start_date").empty());
}

TEST(CtgovCsv, LegacyAndCurrentSpellingsMeanTheSame) {
  // One row in both exports' spellings: "Recruiting" and RECRUITING, "Phase 1|Phase 2" and PHASE1|PHASE2.
  std::string legacy =
      "\"NCT Number\",\"Title\",\"Status\",\"Phases\",\"Sponsor/Collaborators\",\"Study Type\",\"Interventions\"\n"
      "\"NCT09999999\",\"A trial\",\"Recruiting\",\"Phase 1|Phase 2\",\"Kite\",\"Interventional\",\"Biological: KITE-363\"\n";
  std::string current =
      "NCT Number,Study Title,Study Status,Phases,Sponsor,Study Type,Interventions\n"
      "NCT09999999,A trial,RECRUITING,PHASE1|PHASE2,Kite,INTERVENTIONAL,BIOLOGICAL: KITE-363\n";
  Extraction a = test::extract_with(kPlugin, legacy, "legacy.csv"), b = test::extract_with(kPlugin, current, "current.csv");
  ASSERT_TRUE(a.status.ok && b.status.ok);
  EXPECT_EQ(a.facts(), b.facts());
}

TEST(CtgovCsv, TsvFieldsMayBeginWithAQuote) {
  Extraction x = test::extract_with(kPlugin, sample("NCT02663973.legacy_export.tsv"), "NCT02663973.legacy_export.tsv");
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty());
  const Entity* t = x.node("Trial", "NCT02663973");
  ASSERT_TRUE(t);
  EXPECT_EQ(Extraction::prop(t, "sex"), "FEMALE");
  EXPECT_EQ(Extraction::prop(t, "min_age"), "18 Years");
  EXPECT_EQ(Extraction::edge_prop(x.edge("SPONSORED_BY", t, x.node("Sponsor", "Latin American Cooperative Oncology Group")), "role"),
            "lead");
  EXPECT_TRUE(x.edge("SPONSORED_BY", t, x.node("Sponsor", "Ministry of Health, Brazil")));
}

TEST(CtgovCsv, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  std::string csv =
      "NCT Number,Study Title,Conditions,Sponsor\n"
      "NCT09999998,\"A \"\"quoted\"\", multi-line\ntitle\",\"Lupus, Systemic|Lupus Nephritis\",\"Kite, a Gilead company\"\n";
  Extraction x = test::extract_with(kPlugin, csv, "q.csv");
  ASSERT_TRUE(x.status.ok) << x.status.error;
  const Entity* t = x.node("Trial", "NCT09999998");
  EXPECT_EQ(Extraction::prop(t, "title"), "A \"quoted\", multi-line\ntitle");
  EXPECT_TRUE(x.edge("SPONSORED_BY", t, x.node("Sponsor", "Kite, a Gilead company")));
  EXPECT_TRUE(x.edge("STUDIES", t, x.node("Disease", "Lupus Nephritis")));
}

TEST(CtgovCsv, AStrayQuoteSpoilsOnlyItsOwnRow) {
  std::string csv = sample("search_results_cart.csv");
  std::string rows = body_of(csv);
  // A title whose quote opens and never closes where it should: it swallows the start of the next row.
  std::string broken = header_of(csv) + "903,\"NCT09999997\",\"Unbalanced \"title, still open\n" + rows;
  Extraction x = test::extract_with(kPlugin, broken, "broken.csv");
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_EQ(x.count("Trial"), 12u) << "every good row is read, the one after the stray quote too";
  EXPECT_FALSE(x.node("Trial", "NCT09999997"));
  ASSERT_EQ(x.problems.size(), 1u);
  EXPECT_TRUE(x.problem_mentions("line 2")) << x.problems.front();

  // A quote that never closes at all.
  std::string unclosed = header_of(csv) + rows + "905,\"NCT09999995\",\"Never closed\n";
  Extraction z = test::extract_with(kPlugin, unclosed, "unclosed.csv");
  ASSERT_TRUE(z.status.ok);
  EXPECT_EQ(z.count("Trial"), 12u);
  EXPECT_TRUE(z.problem_mentions("never closed")) << z.problems.front();

  // A row cut short (too few fields) is reported; the others are read.
  std::string short_row = header_of(csv) + "904,\"NCT09999996\",\"Short\"\n" + rows;
  Extraction y = test::extract_with(kPlugin, short_row, "short.csv");
  ASSERT_TRUE(y.status.ok);
  EXPECT_EQ(y.count("Trial"), 12u);
  EXPECT_TRUE(y.problem_mentions("3 fields where the header has 27")) << y.problems.front();
}

TEST(CtgovCsv, WithoutItsHeaderTheFileIsRefusedWithTheReason) {
  std::string csv = sample("NCT00004197.legacy_export.csv");
  Extraction x = test::extract_with(kPlugin, body_of(csv), "no_header.csv");
  EXPECT_FALSE(x.status.ok);
  EXPECT_NE(x.status.error.find("no header row"), std::string::npos) << x.status.error;
  EXPECT_NE(x.status.error.find("NCT00004197"), std::string::npos) << x.status.error;

  Extraction other = test::extract_with(kPlugin, "name,age\nAda,36\n", "people.csv");
  EXPECT_FALSE(other.status.ok);
  EXPECT_NE(other.status.error.find("no \"NCT Number\" column"), std::string::npos) << other.status.error;
  EXPECT_FALSE(test::extract_with(kPlugin, header_of(csv), "header_only.csv").status.ok);
  EXPECT_FALSE(test::extract_with(kPlugin, "", "empty.csv").status.ok);
}

TEST(CtgovCsv, SpreadsheetEncodingsReadAlike) {
  std::string csv = sample("NCT00004197.legacy_export.csv");
  std::set<std::string> facts = test::extract_with(kPlugin, csv).facts();
  EXPECT_EQ(test::extract_with(kPlugin, "\xEF\xBB\xBF" + csv).facts(), facts) << "UTF-8 with a BOM";
  std::string utf16 = test::utf16le_of(csv);
  EXPECT_EQ(test::detected_plugin("SearchResults.txt", utf16), kPlugin);
  EXPECT_EQ(test::extract_with(kPlugin, utf16).facts(), facts) << "UTF-16 as spreadsheets save \"Unicode text\"";
  EXPECT_EQ(test::extract_with(kPlugin, test::with_crlf(csv)).facts(), facts);

  std::string latin1 = csv;
  latin1.replace(latin1.find("Stanford University"), 8, "St\xE4nford");
  Extraction x = test::extract_with(kPlugin, latin1);
  ASSERT_TRUE(x.status.ok);
  EXPECT_TRUE(x.problem_mentions("not valid UTF-8"));
  EXPECT_TRUE(x.node("Site", "St\xC3\xA4nford University Medical Center"));
}

TEST(CtgovCsv, IdentifiesExportsByTheirHeader) {
  EXPECT_EQ(test::detected_plugin("x.csv", sample("ctg-studies.csv")), kPlugin);
  EXPECT_EQ(test::detected_plugin("results", sample("NCT00004197.legacy_export.csv")), kPlugin);
  std::string headless = body_of(sample("NCT00004197.legacy_export.csv"));
  EXPECT_EQ(test::detected_plugin("lost_header.csv", headless), kPlugin) << "maybe: its records say what it is";
  EXPECT_EQ(test::detected_plugin("MANIFEST.tsv", "local_file\tsource_repo\nxml/NCT00000115.xml\tctti\n"), "")
      << "other tables are not ours";
  EXPECT_EQ(test::detected_plugin("notes.txt", headless), "") << "nor is a text file";
}

TEST(DelimitedReader, RowsAndTheirLines) {
  DelimitedReader r("a,\"b\nc\",d\r\n\n\"e\"\"\",f\n", ',', DelimitedReader::Quoting::rfc4180);
  DelimitedRow row;
  ASSERT_TRUE(r.next(row));
  EXPECT_EQ(row.fields, (std::vector<std::string>{"a", "b\nc", "d"}));
  EXPECT_EQ(row.line, 1u);
  EXPECT_EQ(row.end_line, 2u);
  ASSERT_TRUE(r.next(row));
  EXPECT_EQ(row.fields, (std::vector<std::string>{"e\"", "f"}));
  EXPECT_EQ(row.line, 4u);
  EXPECT_FALSE(r.next(row));

  DelimitedReader tsv("\"x\", y\tz\n", '\t', DelimitedReader::Quoting::none);
  ASSERT_TRUE(tsv.next(row));
  EXPECT_EQ(row.fields, (std::vector<std::string>{"\"x\", y", "z"}));

  DelimitedReader stray("\"never closed,1\n2,3\n", ',', DelimitedReader::Quoting::rfc4180);
  ASSERT_TRUE(stray.next(row));
  EXPECT_NE(stray.row_problem().find("line 1 is never closed"), std::string::npos);
  stray.restart_after_last_row();
  ASSERT_TRUE(stray.next(row));
  EXPECT_EQ(row.fields, (std::vector<std::string>{"2", "3"}));
  EXPECT_EQ(row.line, 2u);
}

// Found by fuzz_delimited_text (heap-buffer-overflow): a delimiter that ends the text was read past
// and its empty last field counted twice, so the last row of an export without a final line break
// and with an empty last column had a field too many and was lost.
TEST(DelimitedReader, ADelimiterThatEndsTheTextGivesOneEmptyField) {
  for (std::string text : {"a,b,", "a,b,\n", "a,b,\r\n"}) {
    std::vector<char> exact(text.begin(), text.end());  // no terminating NUL after it: ASan sees a read past
    DelimitedReader r(std::string_view(exact.data(), exact.size()), ',', DelimitedReader::Quoting::rfc4180);
    DelimitedRow row;
    ASSERT_TRUE(r.next(row)) << text;
    EXPECT_EQ(row.fields, (std::vector<std::string>{"a", "b", ""})) << text;
    EXPECT_FALSE(r.next(row));
  }
  DelimitedReader tsv("a\tb\t", '\t', DelimitedReader::Quoting::none);
  DelimitedRow row;
  ASSERT_TRUE(tsv.next(row));
  EXPECT_EQ(row.fields, (std::vector<std::string>{"a", "b", ""}));
}

TEST(CtgovCsv, TheLastRowWithAnEmptyLastColumnAndNoLineBreakIsRead) {
  test::Extraction x = test::extract_with(
      "ctgov-csv", "NCT Number,Study Title,Conditions\nNCT01234567,A trial,Lupus\nNCT01234568,Another trial,",
      "search.csv");
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty()) << x.problems.front();
  EXPECT_TRUE(x.node("Trial", "NCT01234568"));
}

TEST(CtgovCsv, EveryRegistryExportReads) {
  std::vector<fs::path> files = test::shared_files("other", {".csv", ".tsv"});
  if (files.empty()) GTEST_SKIP() << "no ../shared/data/other beside the repository";
  for (const fs::path& f : files) test::expect_reads_cleanly(kPlugin, f);
  EXPECT_EQ(files.size(), 290u);
}

}  // namespace
