// Rows of CSV (RFC 4180, as spreadsheets and registry exports write it) and TSV (IANA
// text/tab-separated-values: no quoting, no tab or line break inside a field).
// Real exports hold stray quotes: a quote inside a field is kept as a character, and a quoted
// field that never closes spoils only its own row, which is reported; reading goes on after it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace trialgraph {

struct DelimitedRow {
  std::size_t line = 0;      ///< where the row starts, from 1
  std::size_t end_line = 0;  ///< where it ends (later than `line` when a quoted field holds line breaks)
  std::vector<std::string> fields;
};

class DelimitedReader {
 public:
  enum class Quoting { rfc4180, none };

  DelimitedReader(std::string_view text, char delimiter, Quoting quoting);

  /// Reads the next row; false at the end. Blank lines are skipped.
  bool next(DelimitedRow& row);
  /// After a row that did not fit (its quote swallowed what follows), reads on from the line
  /// after the one the last row started on.
  void restart_after_last_row();
  /// Why the last row read ended early ("" when it did not): a quote opened on line N never closed.
  const std::string& row_problem() const { return row_problem_; }

 private:
  bool at_line_end(std::size_t i) const;
  void skip_line_end();
  std::string quoted_field();
  std::string plain_field();

  std::string_view text_;
  char delimiter_;
  Quoting quoting_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::string row_problem_;
  std::size_t last_row_line_ = 0, last_row_offset_ = 0;
};

/// The delimiter a header line uses: a tab when it has more tabs than commas, else a comma.
char guess_delimiter(std::string_view header_line);

}  // namespace trialgraph
