// RecordStream: cutting NDJSON files and JSON arrays into records without parsing them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "record_stream.hpp"

namespace trialgraph {
namespace {

struct Read {
  std::vector<std::string> records, wheres, errors;
};

Read read_all(const std::string& text, RecordStream::Shape shape, std::size_t limit = 1 << 20) {
  auto path = std::filesystem::temp_directory_path() / ("record_stream_" + std::to_string(::getpid()));
  std::ofstream(path, std::ios::binary) << text;
  RecordStream stream;
  std::string error, record, where;
  Read r;
  EXPECT_TRUE(stream.open(path, shape, limit, error)) << error;
  while (stream.next(record, where, error)) {
    r.records.push_back(record);
    r.wheres.push_back(where);
    r.errors.push_back(error);
  }
  std::filesystem::remove(path);
  return r;
}

TEST(RecordStream, TellsStreamsFromSingleDocuments) {
  RecordStream::Shape shape;
  EXPECT_TRUE(RecordStream::detect("{\"a\": 1}\n{\"a\": 2}\n", shape));
  EXPECT_EQ(shape, RecordStream::Shape::ndjson);
  EXPECT_TRUE(RecordStream::detect("\xEF\xBB\xBF  [\n {\"a\": 1}\n]", shape));
  EXPECT_EQ(shape, RecordStream::Shape::array);
  EXPECT_FALSE(RecordStream::detect("{\n  \"a\": 1\n}\n", shape)) << "pretty-printed: one document";
  EXPECT_FALSE(RecordStream::detect("{\"a\": 1}\n\n", shape)) << "one line: one document";
  EXPECT_FALSE(RecordStream::detect("{\"a\": \"}\"\n{\"b\": 1}", shape)) << "the first line is not a whole value";
  EXPECT_FALSE(RecordStream::detect("", shape));
}

TEST(RecordStream, CutsLinesSkippingBlankOnesAndKeepingTheLastWithoutNewline) {
  Read r = read_all("{\"a\": 1}\r\n\n   \n{\"b\": \"x\\ny\"}\n{\"c\": 3}", RecordStream::Shape::ndjson);
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0], "{\"a\": 1}\r");
  EXPECT_EQ(r.records[2], "{\"c\": 3}");
  EXPECT_EQ(r.wheres, (std::vector<std::string>{"line 1", "line 4", "line 5"}));
}

TEST(RecordStream, SkipsALineLongerThanTheLimitAndGoesOn) {
  std::string huge = "{\"a\": \"" + std::string(5000, 'x') + "\"}";
  Read r = read_all("{\"a\": 1}\n" + huge + "\n{\"b\": 2}\n", RecordStream::Shape::ndjson, 1000);
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[1], "");
  EXPECT_NE(r.errors[1].find("longer than the size limit"), std::string::npos);
  EXPECT_EQ(r.wheres[1], "line 2");
  EXPECT_EQ(r.records[2], "{\"b\": 2}");
}

TEST(RecordStream, CutsAnArrayAtItsTopLevelCommasOnly) {
  Read r = read_all("[\n {\"a\": \"],[{\\\"\", \"b\": [1, {\"c\": 2}]},\n  [3, 4] , \"s\",\n 5 ]", RecordStream::Shape::array);
  ASSERT_EQ(r.records.size(), 4u);
  EXPECT_EQ(r.records[0], "{\"a\": \"],[{\\\"\", \"b\": [1, {\"c\": 2}]}");
  EXPECT_EQ(r.records[1], "[3, 4]");
  EXPECT_EQ(r.records[2], "\"s\"");
  EXPECT_EQ(r.records[3], "5");
  EXPECT_EQ(r.wheres.back(), "element 4");
  EXPECT_EQ(read_all("[]", RecordStream::Shape::array).records.size(), 0u);
}

TEST(RecordStream, SaysWhereABrokenArrayBreaks) {
  Read r = read_all("[{\"a\": 1} {\"b\": 2}]", RecordStream::Shape::array);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.errors[0], "");
  EXPECT_NE(r.errors[1].find("expected ',' or ']' after element 1"), std::string::npos) << r.errors[1];
  Read cut = read_all("[{\"a\": 1}, {\"b\": [2", RecordStream::Shape::array);
  ASSERT_EQ(cut.records.size(), 2u);
  EXPECT_NE(cut.errors[1].find("element 2 is not closed"), std::string::npos) << cut.errors[1];
}

TEST(RecordStream, ReadsRecordsThatSpanItsBlocks) {
  std::string text = "[";
  for (int i = 0; i < 3000; ++i) text += (i ? "," : "") + std::string("{\"pad\": \"") + std::string(3000, 'p') + "\"}";
  text += "]";
  Read r = read_all(text, RecordStream::Shape::array, 1 << 20);
  ASSERT_EQ(r.records.size(), 3000u);
  for (const std::string& record : r.records) ASSERT_EQ(record.size(), 3011u);
}

}  // namespace
}  // namespace trialgraph
