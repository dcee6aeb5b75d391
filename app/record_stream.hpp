// Cuts a large JSON file into its records as it reads it: NDJSON (one record per line) or one
// top-level array. A multi-gigabyte bulk download is never held in memory whole.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "trialgraph/plugin_api.hpp"

namespace trialgraph {

/// Bytes that keep their storage alive: the records cut from one block of a stream share it, so a
/// record is handed on without being copied.
struct SharedBytes {
  std::shared_ptr<const void> owner;
  std::string_view view;
  std::size_t readable_after = 0;  ///< bytes past the view's end that may be read (Document's)

  /// `text`, moved into storage of its own, with at least kDocumentPadding bytes readable after it.
  static SharedBytes own(std::string text);
};

class RecordStream {
 public:
  enum class Shape { ndjson, array };
  static constexpr std::size_t kDefaultBlock = 4 << 20;

  /// Reads the file `block_bytes` at a time (a record longer than that gets a block of its own).
  /// Every block has kDocumentPadding bytes past its end, so each record has at least that many
  /// readable after it.
  explicit RecordStream(std::size_t block_bytes = kDefaultBlock);
  ~RecordStream();

  /// The stream's shape from the file's first bytes (`head`), or false when the file is one value
  /// (or not JSON): then it is read whole, as any document.
  static bool detect(std::string_view head, Shape& shape);
  /// As detect(), reading on past `head` when its first line is longer: an NDJSON file whose first
  /// record is larger than the head, or than `max_record` (then the next line must start a record).
  static bool detect(const std::filesystem::path& path, std::string_view head, std::size_t max_record, Shape& shape);

  /// Opens `path` to read records of `shape`; false with the reason in `error`.
  bool open(const std::filesystem::path& path, Shape shape, std::size_t max_record_bytes, std::string& error);

  /// The next record (its bytes, and where it is, "line 7" or "element 3"); false at the end.
  /// A record longer than the limit, or an unterminated one, is returned with `error` set and no bytes.
  /// The bytes stay valid, and unchanged, for as long as `record.owner` is held.
  bool next(SharedBytes& record, std::string& where, std::string& error);

  /// Bytes consumed so far, for progress.
  std::size_t offset() const { return consumed_ + pos_; }
  /// Set when reading the file failed (then next() returns false).
  const std::string& read_error() const { return read_error_; }

 private:
  bool fill();
  std::string_view data() const { return {block_.get(), size_}; }
  SharedBytes share(std::size_t begin, std::size_t end) const;
  bool next_line(SharedBytes& record, std::string& error);
  bool next_element(SharedBytes& record, std::string& error);
  bool skip_space();
  std::string too_long() const;

  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  class BlockPool;
  std::unique_ptr<std::FILE, Closer> file_;
  Shape shape_ = Shape::ndjson;
  std::size_t max_record_ = 0;
  std::size_t block_bytes_;
  std::shared_ptr<BlockPool> pool_;  // blocks whose records are all gone, to be read into again
  // The block being cut. Records handed out point into it: its bytes before size_ never change.
  std::shared_ptr<char[]> block_;
  std::size_t capacity_ = 0, size_ = 0;  // of block_: allocated, and read into
  std::size_t pos_ = 0;                  // next unread byte in block_
  std::size_t consumed_ = 0;             // bytes of the file before block_[0]
  std::size_t line_ = 0, element_ = 0;
  bool eof_ = false, array_open_ = false, array_closed_ = false;
  std::string read_error_;
};

}  // namespace trialgraph
