// ctgov-json parses a record in place when the host keeps bytes readable past it
// (Document::readable_after), and copies it otherwise: what lies past the end never changes what
// the record says.
#include <gtest/gtest.h>

#include "extraction.hpp"

namespace trialgraph::test {
namespace {

// `document` followed by `after`, handed over as `document` alone with `after` readable past it.
Extraction extract_followed_by(const std::string& document, const std::string& after) {
  std::string storage = document + after;
  return extract_document_with(
      "ctgov-json", {"study.json", "study.json", std::string_view(storage).substr(0, document.size()), after.size()});
}

// Bytes that would change the parse, or break it, were they read as part of the record.
const std::string kHostileTail = std::string("\"], \"nctId\": \"NCT99999999\"} ,{[") + std::string(40, '9');

TEST(CtgovJson, ARecordParsedInPlaceSaysWhatItsCopySays) {
  std::string record = read_text(source_dir() / "examples/ctgov-v2/NCT00006150.json");
  ASSERT_GE(kHostileTail.size(), kDocumentPadding);
  Extraction copied = extract_with("ctgov-json", record, "study.json");
  Extraction in_place = extract_followed_by(record, kHostileTail);
  ASSERT_TRUE(copied.status.ok) << copied.status.error;
  ASSERT_TRUE(in_place.status.ok) << in_place.status.error;
  EXPECT_GT(copied.entities.size(), 1u);
  EXPECT_EQ(in_place.facts(), copied.facts());
  EXPECT_EQ(in_place.problems, copied.problems);
}

TEST(CtgovJson, NdjsonLinesParsedInPlaceSayWhatTheirCopiesSay) {
  std::string record = read_text(source_dir() / "examples/ctgov-v2/NCT00777179.json");
  std::string line;
  for (char c : record) line += (c == '\n' || c == '\r') ? ' ' : c;
  std::string ndjson = line + "\n" + line + "\n{\"broken\": \n";
  Extraction copied = extract_with("ctgov-json", ndjson, "studies.ndjson");
  Extraction in_place = extract_followed_by(ndjson, kHostileTail);
  ASSERT_TRUE(copied.status.ok) << copied.status.error;
  EXPECT_EQ(in_place.facts(), copied.facts());
  EXPECT_EQ(in_place.problems, copied.problems);
  EXPECT_TRUE(in_place.problem_mentions("line 3")) << "the broken last line is reported";
}

// Too little room past the end: the plugin copies, and a truncated record stays broken however
// its tail continues.
TEST(CtgovJson, ARecordWithoutRoomPastItIsCopied) {
  std::string record = read_text(source_dir() / "examples/ctgov-v2/NCT00006150.json");
  std::string truncated = record.substr(0, record.size() - 3);
  Extraction short_room = extract_followed_by(truncated, record.substr(record.size() - 3));
  EXPECT_FALSE(short_room.status.ok);
  Extraction room = extract_followed_by(truncated, record.substr(record.size() - 3) + kHostileTail);
  EXPECT_FALSE(room.status.ok);
}

}  // namespace
}  // namespace trialgraph::test
