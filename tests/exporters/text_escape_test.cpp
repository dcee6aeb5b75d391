// The escapers scan runs of plain bytes 16 at a time: they must give what a character-by-character
// definition gives, wherever the special bytes fall against those 16-byte steps.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "text_escape.hpp"

namespace trialgraph {
namespace {

const std::string kReplacement = "\xEF\xBF\xBD";

// The UTF-8 sequence at `i`: its byte count and code point, or 0 when it is not a valid encoding
// (overlong, a surrogate, past U+10FFFF, cut short).
std::size_t decode(const std::string& s, std::size_t i, char32_t& cp) {
  unsigned char c = s[i];
  std::size_t n = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  cp = n == 1 ? c : c & (0xFF >> (n + 1));
  for (std::size_t k = 1; k < n; ++k) {
    unsigned char cc = s[i + k];
    if ((cc & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (cc & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// One character at a time: `escape` for ASCII, U+FFFD for what XML 1.0 cannot hold. A valid
// sequence of a character XML refuses is replaced whole; a broken one a byte at a time.
template <class Escape>
std::string by_characters(const std::string& s, Escape escape) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    std::size_t n = decode(s, i, cp);
    bool allowed = n > 0 && (cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF));
    if (!allowed) out += kReplacement;
    else if (n == 1) out += escape(s[i]);
    else out += s.substr(i, n);
    i += n == 0 ? 1 : n;
  }
  return out;
}

std::string xml_reference(const std::string& s) {
  return by_characters(s, [](char c) -> std::string {
    switch (c) {
      case '&': return "&amp;";
      case '<': return "&lt;";
      case '>': return "&gt;";
      case '"': return "&quot;";
      case '\r': return "&#13;";
      default: return std::string(1, c);
    }
  });
}

std::string turtle_reference(const std::string& s) {
  return by_characters(s, [](char c) -> std::string {
    switch (c) {
      case '\\': return "\\\\";
      case '"': return "\\\"";
      case '\n': return "\\n";
      case '\r': return "\\r";
      case '\t': return "\\t";
      default: return std::string(1, c);
    }
  });
}

std::string valid_reference(const std::string& s) {
  return by_characters(s, [](char c) { return std::string(1, c); });
}

// Runs of plain text of every length around 16, and between them the bytes the escapers stop at.
std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "&", "<", ">", "\"", "\\", "\t", "\n", "\r", "\x01", "\x1F", "\x7F", " ", "é", "中", "😀",
      "\xEF\xBF\xBE", "\xED\xA0\x80", "\xC0\xAF", "\xC3", "\xFF", "\xE2\x82", "\xF0\x9F\x98"};
  std::string text;
  int parts = std::uniform_int_distribution<int>(0, 8)(rng);
  for (int p = 0; p < parts; ++p) {
    int plain = std::uniform_int_distribution<int>(0, 40)(rng);
    for (int k = 0; k < plain; ++k) text += char(std::uniform_int_distribution<int>(0x20, 0x7E)(rng));
    text += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
  }
  return text;
}

TEST(TextEscape, SixteenBytesAtATimeEqualsOneCharacterAtATime) {
  std::mt19937 rng(20261122);
  for (int round = 0; round < 20000; ++round) {
    std::string text = random_text(rng);
    ASSERT_EQ(detail::xml_escape(text), xml_reference(text)) << text;
    ASSERT_EQ(detail::turtle_escape(text), turtle_reference(text)) << text;
    ASSERT_EQ(detail::valid_xml_text(text), valid_reference(text)) << text;
    std::string scratch;
    ASSERT_EQ(detail::valid_xml_view(text, scratch), valid_reference(text)) << text;
    std::string appended = "prefix";
    detail::append_xml_escaped(appended, text);
    ASSERT_EQ(appended, "prefix" + xml_reference(text)) << text;
  }
}

TEST(TextEscape, EverySpecialByteAtEveryPlaceOfALongRun) {
  for (char special : std::string("&<>\"\\\t\n\r\x01\x7F\xC3")) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string text(40, 'x');
      text[at] = special;
      EXPECT_EQ(detail::xml_escape(text), xml_reference(text)) << int(special) << " at " << at;
      EXPECT_EQ(detail::turtle_escape(text), turtle_reference(text)) << int(special) << " at " << at;
      EXPECT_EQ(detail::valid_xml_text(text), valid_reference(text)) << int(special) << " at " << at;
    }
  }
}

// GraphML's JSON lists are written by nlohmann or by append_json_escaped, as the list's bytes
// decide: the two must agree on every ASCII byte (lower-case hex in \u escapes included).
TEST(TextEscape, JsonIsWhatNlohmannWritesForEveryAsciiByte) {
  for (int c = 0; c < 0x80; ++c) {
    std::string text = "a" + std::string(1, char(c)) + "b";
    std::string ours = "\"";
    detail::append_json_escaped(ours, text);
    ours += '"';
    EXPECT_EQ(ours, nlohmann::json(text).dump()) << "byte " << c;
  }
  // Runs of plain bytes are passed over sixteen at a time: every byte at every place of a long one
  for (int c = 0; c < 0x80; ++c) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string text(40, 'x');
      text[at] = char(c);
      std::string ours = "\"";
      detail::append_json_escaped(ours, text);
      ours += '"';
      ASSERT_EQ(ours, nlohmann::json(text).dump()) << "byte " << c << " at " << at;
    }
  }
}

TEST(TextEscape, JsonAppendsWithoutTouchingWhatIsThere) {
  std::string out = "[\"x\",";
  detail::append_json_escaped(out, "say \"hi\"\\\n");
  EXPECT_EQ(out, R"(["x",say \"hi\"\\\n)");
}

TEST(TextEscape, AsciiIsEveryByteBelow0x80) {
  EXPECT_TRUE(detail::is_ascii(""));
  EXPECT_TRUE(detail::is_ascii(std::string("\x00\x7F plain", 8)));
  EXPECT_FALSE(detail::is_ascii("caf\xC3\xA9"));
  EXPECT_FALSE(detail::is_ascii("\x80"));
  EXPECT_FALSE(detail::is_ascii("end\xFF"));
}

}  // namespace
}  // namespace trialgraph
