#include "trialgraph/delimited_text.hpp"

#include <algorithm>

namespace trialgraph {

DelimitedReader::DelimitedReader(std::string_view text, char delimiter, Quoting quoting)
    : text_(text), delimiter_(delimiter), quoting_(quoting) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool DelimitedReader::at_line_end(std::size_t i) const {
  return i >= text_.size() || text_[i] == '\n' || (text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] == '\n'));
}

void DelimitedReader::skip_line_end() {
  if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '\n') {
    ++pos_;
    ++line_;
  }
}

std::string DelimitedReader::plain_field() {
  std::size_t start = pos_;
  while (!at_line_end(pos_) && text_[pos_] != delimiter_) ++pos_;
  return std::string(text_.substr(start, pos_ - start));
}

// A quote closes the field only before a delimiter or a line end; elsewhere it is a stray quote,
// kept as written, and "" is an escaped quote.
std::string DelimitedReader::quoted_field() {
  std::size_t opened_on = line_;
  std::string out;
  for (++pos_; pos_ < text_.size(); ++pos_) {
    char c = text_[pos_];
    if (c == '"' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
      out += '"';
      ++pos_;
    } else if (c == '"' && (at_line_end(pos_ + 1) || text_[pos_ + 1] == delimiter_)) {
      ++pos_;
      return out;
    } else {
      if (c == '\n') ++line_;
      out += c;
    }
  }
  row_problem_ = "a quoted field opened on line " + std::to_string(opened_on) + " is never closed";
  return out;
}

bool DelimitedReader::next(DelimitedRow& row) {
  row_problem_.clear();
  while (pos_ < text_.size() && at_line_end(pos_)) skip_line_end();
  if (pos_ >= text_.size()) return false;
  row.line = line_;
  row.fields.clear();
  last_row_line_ = line_;
  last_row_offset_ = pos_;
  while (true) {
    // After a delimiter that ends the text, the last field is empty: plain_field() reads nothing.
    bool quoted = quoting_ == Quoting::rfc4180 && pos_ < text_.size() && text_[pos_] == '"';
    row.fields.push_back(quoted ? quoted_field() : plain_field());
    if (pos_ < text_.size() && text_[pos_] == delimiter_) {
      ++pos_;
      continue;
    }
    row.end_line = line_;
    skip_line_end();
    return true;
  }
}

void DelimitedReader::restart_after_last_row() {
  std::size_t end = text_.find('\n', last_row_offset_);
  pos_ = end == std::string_view::npos ? text_.size() : end + 1;
  line_ = last_row_line_ + 1;
}

char guess_delimiter(std::string_view header_line) {
  auto tabs = std::count(header_line.begin(), header_line.end(), '\t');
  auto commas = std::count(header_line.begin(), header_line.end(), ',');
  return tabs > commas ? '\t' : ',';
}

}  // namespace trialgraph
