// Documents arrive in whatever encoding their tool saved them in: UTF-8 with or without a BOM,
// UTF-16 from spreadsheet "Unicode text" exports, Windows-1252 from older exports. Plugins read
// UTF-8 only; this turns any of those into UTF-8 and says when it had to guess.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace trialgraph {

struct DecodedText {
  std::string text;     ///< UTF-8, without a byte order mark
  std::string problem;  ///< empty, or why the bytes were not what they claimed to be
};

/// Decodes `bytes`: a UTF-16 BOM means UTF-16; otherwise UTF-8, unless `declared_charset` names
/// Latin-1 / Windows-1252. Bytes that are not valid UTF-8 are read as Windows-1252, and `problem`
/// names the first bad byte, so nothing is lost and nothing invalid goes on.
DecodedText decode_text(std::string_view bytes, std::string_view declared_charset = "");

/// The offset of the first byte that is not part of valid UTF-8, if any.
std::optional<std::size_t> first_invalid_utf8(std::string_view bytes);

}  // namespace trialgraph
