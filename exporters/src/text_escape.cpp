#include "text_escape.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace trialgraph::detail {
namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence at `i`, or 0 when it is not one.
std::size_t utf8_length(std::string_view s, std::size_t i, char32_t& cp) {
  unsigned char c = s[i];
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  cp = n == 1 ? c : c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    unsigned char cc = s[i + k];
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static const char32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_length[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool xml_allowed(char32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

}  // namespace

namespace {

// Plain ASCII text needs neither validation nor replacement: most values are such.
bool plain_ascii(unsigned char c) { return c >= 0x20 && c < 0x80; }
// ASCII that XML text takes as it is (before any escaping).
bool ascii_xml_char(unsigned char c) { return plain_ascii(c) || c == '\t' || c == '\n' || c == '\r'; }

// Which bytes pass unchanged, as a table; and, for the scan 16 bytes at a time, the few printable
// ASCII bytes that do not (every byte below 0x20 or above 0x7F is looked at one by one anyway).
struct PlainBytes {
  bool plain[256] = {};
  char specials[4] = {};  // unused ones stay 0, a byte the wide scan stops at anyway
  bool wide_scan = true;  // false when more than four printable bytes are special
  template <class Plain>
  explicit PlainBytes(Plain is_plain) {
    int count = 0;
    for (int c = 0; c < 256; ++c) {
      plain[c] = is_plain(static_cast<unsigned char>(c));
      if (c >= 0x20 && c < 0x80 && !plain[c]) {
        if (count < 4) specials[count] = char(c);
        wide_scan = ++count <= 4;
      }
    }
  }
};

// Where the run of plain bytes starting at `i` ends. Text is mostly long runs of printable ASCII:
// with SSE2 those are passed over 16 bytes at a time, stopping at any byte below 0x20 or above
// 0x7F (one signed compare catches both) or at a special one; a plain control (tab, newline)
// costs one table look.
std::size_t plain_run_end(std::string_view text, std::size_t i, const PlainBytes& plain) {
  const char* p = text.data();
  const std::size_t n = text.size();
#if defined(__SSE2__)
  if (plain.wide_scan) {
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i s0 = _mm_set1_epi8(plain.specials[0]), s1 = _mm_set1_epi8(plain.specials[1]),
                  s2 = _mm_set1_epi8(plain.specials[2]), s3 = _mm_set1_epi8(plain.specials[3]);
    while (i + 16 <= n) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      __m128i stop = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                  _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, s0), _mm_cmpeq_epi8(v, s1)),
                                               _mm_or_si128(_mm_cmpeq_epi8(v, s2), _mm_cmpeq_epi8(v, s3))));
      int mask = _mm_movemask_epi8(stop);
      if (mask == 0) {
        i += 16;
        continue;
      }
      i += std::size_t(__builtin_ctz(unsigned(mask)));
      if (!plain.plain[static_cast<unsigned char>(p[i])]) return i;
      ++i;
    }
  }
#endif
  while (i < n && plain.plain[static_cast<unsigned char>(p[i])]) ++i;
  return i;
}

// Appends `text` made valid XML text (see valid_xml_text): runs of bytes `plain` passes are copied
// whole, every other character goes through `put` (or is validated and replaced).
template <class Put>
void each_valid_char(std::string_view text, std::string& out, const PlainBytes& plain, Put put) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t run = plain_run_end(text, i, plain);
    out.append(text.data() + i, run - i);
    if ((i = run) == text.size()) break;
    unsigned char c = text[i];
    if (ascii_xml_char(c)) {
      put(out, char(c));
      ++i;
      continue;
    }
    char32_t cp = 0;
    std::size_t n = utf8_length(text, i, cp);
    if (n == 0 || !xml_allowed(cp)) {
      out += kReplacement;
      i += n == 0 ? 1 : n;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
}

}  // namespace

std::string valid_xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  static const PlainBytes plain(ascii_xml_char);
  each_valid_char(text, out, plain, [](std::string& o, char c) { o.push_back(c); });
  return out;
}

std::string_view valid_xml_view(std::string_view text, std::string& scratch) {
  static const PlainBytes plain(ascii_xml_char);
  if (plain_run_end(text, 0, plain) != text.size()) return scratch = valid_xml_text(text);
  return text;
}

void append_xml_escaped(std::string& out, std::string_view text) {
  static const PlainBytes plain([](unsigned char c) {
    return (plain_ascii(c) && c != '&' && c != '<' && c != '>' && c != '"') || c == '\t' || c == '\n';
  });
  each_valid_char(text, out, plain, [](std::string& o, char c) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\r': o += "&#13;"; break;
      default: o.push_back(c);
    }
  });
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_xml_escaped(out, text);
  return out;
}

void append_turtle_escaped(std::string& out, std::string_view text) {
  // Turtle allows more, but U+FFFD for controls reads the same
  static const PlainBytes plain([](unsigned char c) { return plain_ascii(c) && c != '\\' && c != '"'; });
  each_valid_char(text, out, plain, [](std::string& o, char c) {
    switch (c) {
      case '\\': o += "\\\\"; break;
      case '"': o += "\\\""; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      default: o.push_back(c);
    }
  });
}

std::string turtle_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_turtle_escaped(out, text);
  return out;
}

void append_iri_escaped(std::string& out, std::string_view iri) {
  // Bytes an IRI keeps as they are; almost every IRI is only those, and is appended as it is.
  static const PlainBytes plain([](unsigned char c) {
    return c > 0x20 && c < 0x7F && std::string_view("<>\"{}|^`\\").find(char(c)) == std::string_view::npos;
  });
  std::size_t first_other = 0;
  while (first_other < iri.size() && plain.plain[static_cast<unsigned char>(iri[first_other])]) ++first_other;
  out.append(iri.substr(0, first_other));
  if (first_other == iri.size()) return;
  for (char c : valid_xml_text(iri.substr(first_other))) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || (u < 0x80 && !plain.plain[u] && u != 0x7F)) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%%%02X", u);  // percent-encoded: still the same IRI to a reader
      out += buf;
    } else {
      out.push_back(c);
    }
  }
}

std::string iri_escape(std::string_view iri) {
  std::string out;
  append_iri_escaped(out, iri);
  return out;
}

bool is_ascii(std::string_view text) {
  unsigned char any = 0;
  for (char c : text) any |= static_cast<unsigned char>(c);
  return any < 0x80;
}

void append_json_escaped(std::string& out, std::string_view ascii) {
  static const PlainBytes plain([](unsigned char c) { return plain_ascii(c) && c != '"' && c != '\\'; });
  // What each other byte below 0x60 is written as; empty: the byte itself
  static const std::array<std::string, 0x60> escapes = [] {
    std::array<std::string, 0x60> e;
    static constexpr char kHex[] = "0123456789abcdef";
    for (int c = 0; c < 0x20; ++c) e[c] = std::string("\\u00") + kHex[c >> 4] + kHex[c & 0xF];
    const std::pair<char, char> short_forms[] = {{'\b', 'b'}, {'\f', 'f'}, {'\n', 'n'}, {'\r', 'r'}, {'\t', 't'}};
    for (auto [c, letter] : short_forms) e[c] = std::string("\\") + letter;
    e['"'] = "\\\"";
    e['\\'] = "\\\\";
    return e;
  }();
  for (std::size_t i = 0; i < ascii.size(); ++i) {
    std::size_t run = plain_run_end(ascii, i, plain);
    out.append(ascii.data() + i, run - i);
    if ((i = run) == ascii.size()) break;
    auto b = static_cast<unsigned char>(ascii[i]);
    if (b < escapes.size() && !escapes[b].empty()) {
      out += escapes[b];
    } else {
      out += char(b);
    }
  }
}

std::string format_double(double value) {
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, result.ptr);
}

}  // namespace trialgraph::detail
