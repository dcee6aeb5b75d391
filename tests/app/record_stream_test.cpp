// RecordStream: cutting NDJSON files and JSON arrays into records without parsing them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "record_stream.hpp"

namespace trialgraph {
namespace {

struct Read {
  std::vector<std::string> records, wheres, errors;
  std::size_t offset = 0;  // where the stream stopped
};

// The records' bytes are read only once the whole file has been cut: a record must stay as it was
// while the stream reads on, as the workers read it while the next blocks are cut.
Read read_all(const std::string& text, RecordStream::Shape shape, std::size_t limit = 1 << 20,
              std::size_t block = RecordStream::kDefaultBlock) {
  auto path = std::filesystem::temp_directory_path() / ("record_stream_" + std::to_string(::getpid()));
  std::ofstream(path, std::ios::binary) << text;
  RecordStream stream(block);
  std::string error, where;
  SharedBytes record;
  std::vector<SharedBytes> held;
  Read r;
  EXPECT_TRUE(stream.open(path, shape, limit, error)) << error;
  while (stream.next(record, where, error)) {
    held.push_back(std::move(record));
    r.wheres.push_back(where);
    r.errors.push_back(error);
  }
  r.offset = stream.offset();
  for (const SharedBytes& h : held) r.records.emplace_back(h.view);
  std::filesystem::remove(path);
  return r;
}

// Blocks whose records are all let go are read into again: the records still held must not change,
// and they stay valid after the stream is gone (the workers hold them past the reading's end).
TEST(RecordStream, RecyclesBlocksWithoutTouchingHeldRecords) {
  auto path = std::filesystem::temp_directory_path() / ("record_stream_recycled_" + std::to_string(::getpid()));
  std::vector<std::string> lines;
  std::string text;
  for (int i = 0; i < 2000; ++i) {
    lines.push_back("{\"n\": " + std::to_string(i * 7919 % 100003) + "}");
    text += lines.back() + "\n";
  }
  std::ofstream(path, std::ios::binary) << text;
  std::vector<std::pair<std::size_t, SharedBytes>> held;
  {
    RecordStream stream(64);
    std::string error, where;
    SharedBytes record;
    ASSERT_TRUE(stream.open(path, RecordStream::Shape::ndjson, 1 << 20, error)) << error;
    for (std::size_t i = 0; stream.next(record, where, error); ++i)
      if (i % 37 == 0) held.emplace_back(i, std::move(record));
    ASSERT_EQ(stream.offset(), text.size());
  }
  std::filesystem::remove(path);
  ASSERT_EQ(held.size(), (lines.size() + 36) / 37);
  for (const auto& [i, record] : held) EXPECT_EQ(record.view, lines[i]) << "record " << i;
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

TEST(RecordStream, CutsTheSameRecordsWhateverItsBlockSize) {
  std::string ndjson = "{\"a\": 1}\n\n{\"b\": \"" + std::string(300, 'b') + "\"}\n  \n{\"c\": [1, 2]}\n{\"d\": 4}";
  std::string array = "[{\"a\": 1}, \"" + std::string(200, 's') + "\" ,\n [2, {\"b\": \"]\"}], 3 ]";
  Read whole_lines = read_all(ndjson, RecordStream::Shape::ndjson);
  Read whole_elements = read_all(array, RecordStream::Shape::array);
  ASSERT_EQ(whole_lines.records.size(), 4u);
  ASSERT_EQ(whole_elements.records.size(), 4u);
  for (std::size_t block : {1, 2, 7, 64, 301}) {
    Read lines = read_all(ndjson, RecordStream::Shape::ndjson, 1 << 20, block);
    EXPECT_EQ(lines.records, whole_lines.records) << "block " << block;
    EXPECT_EQ(lines.wheres, whole_lines.wheres) << "block " << block;
    EXPECT_EQ(lines.offset, ndjson.size()) << "block " << block;
    Read elements = read_all(array, RecordStream::Shape::array, 1 << 20, block);
    EXPECT_EQ(elements.records, whole_elements.records) << "block " << block;
    EXPECT_EQ(elements.errors, whole_elements.errors) << "block " << block;
    EXPECT_EQ(elements.offset, array.size()) << "block " << block;
  }
}

// A parser may read kDocumentPadding bytes past a record (simdjson does, to parse in place): they
// belong to the record's block, in every block size, also past the file's last record, where
// they are zeros rather than bytes no read wrote. Under ASan, a read past the block fails here.
TEST(RecordStream, KeepsPaddingReadablePastEveryRecord) {
  auto path = std::filesystem::temp_directory_path() / ("record_stream_padding_" + std::to_string(::getpid()));
  std::string text = "{\"a\": 1}\n{\"b\": \"" + std::string(300, 'b') + "\"}\n{\"c\": [1, 2]}";
  std::ofstream(path, std::ios::binary) << text;
  for (std::size_t block : {1, 7, 64, 301, 4096}) {
    RecordStream stream(block);
    std::string error, where;
    SharedBytes record;
    std::vector<SharedBytes> held;
    ASSERT_TRUE(stream.open(path, RecordStream::Shape::ndjson, 1 << 20, error)) << error;
    while (stream.next(record, where, error)) held.push_back(std::move(record));
    ASSERT_EQ(held.size(), 3u) << "block " << block;
    for (const SharedBytes& h : held) {
      ASSERT_GE(h.readable_after, kDocumentPadding) << "block " << block;
      unsigned sum = 0;
      for (std::size_t i = 0; i < kDocumentPadding; ++i) sum += static_cast<unsigned char>(h.view.data()[h.view.size() + i]);
      if (&h == &held.back()) EXPECT_EQ(sum, 0u) << "past the file's end, block " << block;
    }
  }
  std::filesystem::remove(path);
  SharedBytes owned = SharedBytes::own("{\"whole\": true}");
  ASSERT_GE(owned.readable_after, kDocumentPadding);
  EXPECT_EQ(owned.view.data()[owned.view.size() + kDocumentPadding - 1], '\0');
}

TEST(RecordStream, SkipsATooLongRecordWithSmallBlocksToo) {
  std::string huge = "{\"a\": \"" + std::string(5000, 'x') + "\"}";
  for (std::size_t block : {3, 100, 4096}) {
    Read lines = read_all("{\"a\": 1}\n" + huge + "\n{\"b\": 2}\n", RecordStream::Shape::ndjson, 1000, block);
    ASSERT_EQ(lines.records.size(), 3u) << "block " << block;
    EXPECT_EQ(lines.records[1], "");
    EXPECT_NE(lines.errors[1].find("longer than the size limit"), std::string::npos);
    EXPECT_EQ(lines.records[2], "{\"b\": 2}");
    Read elements = read_all("[{\"a\": 1}, " + huge + ", {\"b\": 2}]", RecordStream::Shape::array, 1000, block);
    ASSERT_EQ(elements.records.size(), 3u) << "block " << block;
    EXPECT_NE(elements.errors[1].find("longer than the size limit"), std::string::npos);
    EXPECT_EQ(elements.records[2], "{\"b\": 2}");
  }
}

}  // namespace
}  // namespace trialgraph
