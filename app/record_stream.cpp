#include "record_stream.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <vector>

namespace trialgraph {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view skip_bom_and_space(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return s;
}

// Follows JSON's nesting through strings and escapes, a byte at a time, so that a value can be
// found in a stream without parsing it.
struct Nesting {
  int depth = 0;
  bool in_string = false, escaped = false;

  // Feeds `c`; true when it closes the value that began at depth 0.
  bool feed(char c) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      return false;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') ++depth;
    else if ((c == '}' || c == ']') && --depth == 0) return true;
    return false;
  }
};

// True when `line` holds exactly one object or array (and spaces).
bool one_value(std::string_view line) {
  line = skip_bom_and_space(line);
  if (line.empty() || (line.front() != '{' && line.front() != '[')) return false;
  Nesting n;
  for (std::size_t i = 0; i < line.size(); ++i)
    if (n.feed(line[i])) return skip_bom_and_space(line.substr(i + 1)).empty();
  return false;
}

}  // namespace

// Blocks of the usual size whose records have all been let go, kept to be read into again. Memory
// the process has not touched lately is slow to fault in on some machines (a VM whose balloon hands
// free pages back to the host): into recycled blocks, reading 100,000 studies took half the time.
// It never holds more blocks than were alive at once, which the readers' bounded work keeps few.
class RecordStream::BlockPool : public std::enable_shared_from_this<BlockPool> {
 public:
  explicit BlockPool(std::size_t block_bytes) : block_bytes_(block_bytes) {}
  ~BlockPool() {
    for (char* block : free_) delete[] block;
  }

  // A block of `capacity` bytes and kDocumentPadding more, not zeroed: it is read into before it
  // is read. The padding is zeroed: a parser may read it, and reads only bytes that were written.
  std::shared_ptr<char[]> take(std::size_t capacity) {
    if (capacity != block_bytes_) return std::shared_ptr<char[]>(padded(capacity));
    char* block = nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!free_.empty()) {
        block = free_.back();
        free_.pop_back();
      }
    }
    if (!block) block = padded(capacity);
    // Records may outlive the stream, and are let go on other threads: the pool lives on with them.
    return std::shared_ptr<char[]>(block, [pool = shared_from_this()](char* b) { pool->give_back(b); });
  }

 private:
  static char* padded(std::size_t capacity) {
    char* block = new char[capacity + kDocumentPadding];
    std::memset(block + capacity, 0, kDocumentPadding);
    return block;
  }

  void give_back(char* block) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(block);
  }

  std::size_t block_bytes_;
  std::mutex mutex_;
  std::vector<char*> free_;
};

RecordStream::RecordStream(std::size_t block_bytes)
    : block_bytes_(block_bytes ? block_bytes : 1), pool_(std::make_shared<BlockPool>(block_bytes_)) {}

RecordStream::~RecordStream() = default;

SharedBytes SharedBytes::own(std::string text) {
  // Zeroed, also when the string has the room already: a parser reading past the end reads bytes
  // that were written (valgrind would flag the string's unused capacity).
  const std::size_t size = text.size();
  text.resize(size + kDocumentPadding);
  text.resize(size);
  auto owned = std::make_shared<const std::string>(std::move(text));
  std::string_view view = *owned;
  return {std::move(owned), view, kDocumentPadding};
}

bool RecordStream::detect(std::string_view head, Shape& shape) {
  std::string_view body = skip_bom_and_space(head);
  if (body.empty()) return false;
  if (body.front() == '[') {
    shape = Shape::array;
    return true;
  }
  // NDJSON: the first line is a whole value and another follows. A pretty-printed document's
  // first line is not a whole value. A first record longer than the head is read whole.
  std::size_t newline = body.find('\n');
  if (newline == std::string_view::npos || !one_value(body.substr(0, newline))) return false;
  if (skip_bom_and_space(body.substr(newline)).empty()) return false;
  shape = Shape::ndjson;
  return true;
}

bool RecordStream::detect(const std::filesystem::path& path, std::string_view head, std::size_t max_record,
                          Shape& shape) {
  if (detect(head, shape)) return true;
  std::string_view body = skip_bom_and_space(head);
  if (body.empty() || body.front() != '{' || head.find('\n') != std::string_view::npos) return false;
  // The first line goes on past the head: find where it ends, keeping at most max_record of it.
  std::unique_ptr<std::FILE, Closer> file(std::fopen(path.c_str(), "rb"));
  if (!file) return false;
  std::string prefix, block(1 << 20, '\0');
  std::size_t line_end = std::string::npos, got;
  bool kept_all = true;
  while (line_end == std::string::npos && (got = std::fread(block.data(), 1, block.size(), file.get())) > 0) {
    std::size_t newline = std::string_view(block.data(), got).find('\n');
    if (kept_all) prefix.append(block.data(), newline == std::string::npos ? got : newline);
    if (prefix.size() > max_record) kept_all = false, prefix.resize(std::min(prefix.size(), max_record));
    if (newline != std::string::npos) {
      line_end = newline;
      // What follows the first line: another record must start there.
      std::string_view rest(block.data() + newline, got - newline);
      std::string after(rest);
      if (skip_bom_and_space(after).empty() && (got = std::fread(block.data(), 1, 4096, file.get())) > 0)
        after.assign(block.data(), got);
      std::string_view next = skip_bom_and_space(after);
      if (next.empty() || next.front() != '{') return false;
    }
  }
  if (line_end == std::string::npos) return false;
  if (kept_all && !one_value(prefix)) return false;
  shape = Shape::ndjson;
  return true;
}

bool RecordStream::open(const std::filesystem::path& path, Shape shape, std::size_t max_record_bytes,
                        std::string& error) {
  file_.reset(std::fopen(path.c_str(), "rb"));
  if (!file_) {
    error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  shape_ = shape;
  max_record_ = max_record_bytes;
  block_.reset();
  capacity_ = size_ = pos_ = consumed_ = line_ = element_ = 0;
  eof_ = array_open_ = array_closed_ = false;
  read_error_.clear();
  return true;
}

bool RecordStream::fill() {
  if (eof_) return false;
  if (size_ == capacity_) {  // full: the unread rest moves to a new block, the old one stays with its records
    std::size_t rest = size_ - pos_;
    std::size_t capacity = std::max(block_bytes_, 2 * rest);
    std::shared_ptr<char[]> fresh = pool_->take(capacity);
    if (rest > 0) std::memcpy(fresh.get(), block_.get() + pos_, rest);
    consumed_ += pos_;
    block_ = std::move(fresh);
    capacity_ = capacity;
    size_ = rest;
    pos_ = 0;
  }
  std::size_t wanted = capacity_ - size_;
  std::size_t got = std::fread(block_.get() + size_, 1, wanted, file_.get());
  size_ += got;
  if (got < wanted) {
    eof_ = true;
    // The last record may be followed by block bytes no read wrote: a parser may read them.
    std::memset(block_.get() + size_, 0, std::min(wanted - got, kDocumentPadding));
    if (std::ferror(file_.get())) read_error_ = std::string("read error: ") + std::strerror(errno);
  }
  return got > 0;
}

SharedBytes RecordStream::share(std::size_t begin, std::size_t end) const {
  return {block_, std::string_view(block_.get() + begin, end - begin), capacity_ + kDocumentPadding - end};
}

bool RecordStream::next(SharedBytes& record, std::string& where, std::string& error) {
  record = {};
  error.clear();
  bool more = shape_ == Shape::ndjson ? next_line(record, error) : next_element(record, error);
  if (more) where = shape_ == Shape::ndjson ? "line " + std::to_string(line_) : "element " + std::to_string(element_);
  return more;
}

std::string RecordStream::too_long() const {
  return "longer than the size limit (" + std::to_string(max_record_ >> 20) +
         " MiB, --max-document-size); skipped";
}

bool RecordStream::next_line(SharedBytes& record, std::string& error) {
  for (;;) {
    bool dropped = false;
    std::size_t searched = 0;  // bytes after pos_ known to hold no newline
    std::size_t end;
    while ((end = data().find('\n', pos_ + searched)) == std::string::npos) {
      searched = size_ - pos_;
      if (searched > max_record_) {  // read on to the line's end, without keeping it
        dropped = true;
        pos_ = size_;
        searched = 0;
      }
      if (!fill()) break;
    }
    if (end == std::string::npos) {  // the last line has no newline
      if (pos_ >= size_ && !dropped) return false;
      end = size_;
    }
    ++line_;
    std::size_t begin = pos_;
    pos_ = std::min(end + 1, size_);
    if (dropped || end - begin > max_record_) {
      error = too_long();
      return true;
    }
    if (skip_bom_and_space(data().substr(begin, end - begin)).empty()) continue;  // blank lines separate nothing
    record = share(begin, end);
    return true;
  }
}

bool RecordStream::skip_space() {
  for (;;) {
    while (pos_ < size_ && is_space(block_[pos_])) ++pos_;
    if (pos_ < size_) return true;
    if (!fill()) return false;
  }
}

bool RecordStream::next_element(SharedBytes& record, std::string& error) {
  if (array_closed_) return false;
  if (!array_open_) {  // detect() saw the '[' after an optional byte order mark
    fill();
    if (data().substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    skip_space();
    ++pos_;
    array_open_ = true;
  }
  auto broken = [&](std::string why) {
    array_closed_ = true;
    error = std::move(why);
    return true;
  };
  if (!skip_space()) return broken("the array is not closed (truncated file?)");
  if (block_[pos_] == ']') {
    array_closed_ = true;
    ++pos_;
    return false;
  }
  if (element_ > 0) {
    if (block_[pos_] != ',')
      return broken("expected ',' or ']' after element " + std::to_string(element_) + "; the rest is not read");
    ++pos_;
    if (!skip_space()) return broken("the array is not closed (truncated file?)");
  }
  ++element_;
  // An object or array runs to its closing bracket; a scalar to the next separator.
  bool scalar = block_[pos_] != '{' && block_[pos_] != '[';
  Nesting nesting;
  std::size_t scan = pos_;
  bool found = false, dropped = false;
  while (!found) {
    for (; scan < size_; ++scan) {
      char b = block_[scan];
      if (scalar && !nesting.in_string && (b == ',' || b == ']' || is_space(b))) {
        found = true;
        break;
      }
      if (nesting.feed(b)) {
        found = true;
        ++scan;
        break;
      }
    }
    if (found) break;
    if (size_ - pos_ > max_record_) {  // scan on to the element's end, without keeping it
      dropped = true;
      pos_ = scan = size_;
    }
    std::size_t before = pos_;
    if (!fill()) {
      if (scalar && !dropped) break;  // a scalar may end the file
      return broken("element " + std::to_string(element_) + " is not closed (truncated file?)");
    }
    scan = scan - before + pos_;  // fill() may have moved the unread bytes to a new block
  }
  std::size_t begin = pos_;
  pos_ = scan;
  if (dropped || scan - begin > max_record_) {
    error = too_long();
    return true;
  }
  record = share(begin, scan);
  return true;
}

}  // namespace trialgraph
