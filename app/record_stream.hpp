// Cuts a large JSON file into its records as it reads it: NDJSON (one record per line) or one
// top-level array. A multi-gigabyte bulk download is never held in memory whole.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace trialgraph {

class RecordStream {
 public:
  enum class Shape { ndjson, array };

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
  bool next(std::string& record, std::string& where, std::string& error);

  /// Bytes consumed so far, for progress.
  std::size_t offset() const { return consumed_ + pos_; }
  /// Set when reading the file failed (then next() returns false).
  const std::string& read_error() const { return read_error_; }

 private:
  bool fill();
  bool next_line(std::string& record, std::string& error);
  bool next_element(std::string& record, std::string& error);
  bool skip_space();
  std::string too_long() const;

  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> file_;
  Shape shape_ = Shape::ndjson;
  std::size_t max_record_ = 0;
  std::string buffer_;
  std::size_t pos_ = 0;        // next unread byte in buffer_
  std::size_t consumed_ = 0;   // bytes of the file before buffer_[pos_]
  std::size_t line_ = 0, element_ = 0;
  bool eof_ = false, array_open_ = false, array_closed_ = false;
  std::string read_error_;
};

}  // namespace trialgraph
