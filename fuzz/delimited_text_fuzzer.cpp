// libFuzzer target: the CSV/TSV reader (core/src/delimited_text.cpp), read the way ctgov-csv reads
// it: rows until the end, reading on after a row whose quote never closed. The reader must end
// (never more rows than lines) and keep its line numbers in order.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trialgraph/delimited_text.hpp"

using trialgraph::DelimitedReader;
using trialgraph::DelimitedRow;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t lines = 1;
  for (char c : text) lines += c == '\n';
  std::string_view header = text.substr(0, text.find('\n'));
  char guessed = trialgraph::guess_delimiter(header);
  for (char delimiter : {guessed, ',', '\t'}) {
    for (auto quoting : {DelimitedReader::Quoting::rfc4180, DelimitedReader::Quoting::none}) {
      DelimitedReader reader(text, delimiter, quoting);
      std::size_t rows = 0, last_line = 0;
      for (DelimitedRow row; reader.next(row);) {
        if (++rows > lines) __builtin_trap();  // a row starts on each line at most once
        if (row.line == 0 || row.end_line < row.line || row.line < last_line || row.fields.empty())
          __builtin_trap();
        last_line = row.line;
        if (!reader.row_problem().empty() && row.end_line > row.line) reader.restart_after_last_row();
      }
    }
  }
  return 0;
}
