#include "trialgraph/keys.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "trialgraph/vocabulary.hpp"
#include "ascii.hpp"
#include "byte_blocks.hpp"

namespace trialgraph {
namespace {

std::vector<std::string> split_words(const std::string& folded) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// Legal-form words that say nothing about which organization it is.
bool is_legal_suffix(const std::string& w) {
  static const std::array<const char*, 24> suffixes = {
      "inc", "incorporated", "co", "corp", "corporation", "ltd", "limited", "llc", "plc", "gmbh",
      "ag", "sa", "sas", "bv", "nv", "srl", "spa", "kk", "pty", "lp", "llp", "ab", "as", "oy"};
  for (const char* s : suffixes)
    if (w == s) return true;
  return false;
}

// Decodes one UTF-8 sequence at `i`; returns the code point and advances `i` (invalid bytes: U+FFFD).
char32_t decode_utf8(std::string_view s, std::size_t& i) {
  unsigned char c = s[i];
  int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (extra < 0 || i + extra >= s.size()) { ++i; return 0xFFFD; }
  char32_t cp = extra == 0 ? c : (c & (0x3F >> extra));
  for (int k = 1; k <= extra; ++k) {
    unsigned char cc = s[i + k];
    if ((cc >> 6) != 2) { ++i; return 0xFFFD; }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += extra + 1;
  return cp;
}

// Latin-1 letters to their base letters, so "Investigación" slugs as "investigacion"; "" otherwise.
std::string transliterate(char32_t cp) {
  static const char* latin1 =  // U+00C0 .. U+00FF; '*' marks signs that are not letters
      "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo*ouuuuyty";
  if (cp == 0xDF) return "ss";
  if (cp == 0xC6 || cp == 0xE6) return "ae";
  if (cp < 0xC0 || cp > 0xFF || latin1[cp - 0xC0] == '*') return "";
  return std::string(1, ascii::to_lower(latin1[cp - 0xC0]));
}

}  // namespace

namespace {

// Lower case of the letters UTF-8 writes in two bytes: Latin-1, Latin Extended-A, Greek, Cyrillic,
// so that a page's "HÔPITAUX" and a record's "Hôpitaux" fold alike.
char32_t lower_code_point(char32_t c) {
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c >= 0x100 && c <= 0x17F) {
    if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
    if (c == 0x178) return 0xFF;
    bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    return (c % 2 == (odd_upper ? 1u : 0u)) ? c + 1 : c;
  }
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 0x20;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}

// Writes the lower-cased letter at text[i] (two UTF-8 bytes) at `out`; false when it is no such letter.
bool write_lower_two_byte(std::string_view text, std::size_t i, char* out) {
  auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0xC2 || lead > 0xDF || i + 1 >= text.size()) return false;
  auto next = static_cast<unsigned char>(text[i + 1]);
  if ((next & 0xC0) != 0x80) return false;
  char32_t c = lower_code_point(char32_t((lead & 0x1F) << 6 | (next & 0x3F)));  // two bytes still
  out[0] = char(0xC0 | (c >> 6));
  out[1] = char(0x80 | (c & 0x3F));
  return true;
}

constexpr std::string_view kRightSingleQuote = "\xE2\x80\x99";  // ’, the web's apostrophe

// The typographic ligatures U+FB00..U+FB04 (ﬀ ﬁ ﬂ ﬃ ﬄ) that PDFs leave in names ("Afﬁliated").
std::string_view ligature_letters(std::string_view text, std::size_t i) {
  static constexpr std::string_view kLetters[] = {"ff", "fi", "fl", "ffi", "ffl"};
  if (text.substr(i, 2) != "\xEF\xAC" || i + 2 >= text.size()) return {};
  auto last = static_cast<unsigned char>(text[i + 2]);
  return last >= 0x80 && last <= 0x84 ? kLetters[last - 0x80] : std::string_view();
}

}  // namespace

namespace {
// What folding makes of each ASCII byte: a letter or digit in lower case, a separator, or nothing
// (the apostrophe).
constexpr char kSeparator = ' ', kDropped = '\0';
constexpr std::array<char, 128> kFoldedAscii = [] {
  std::array<char, 128> table{};
  for (int c = 0; c < 128; ++c)
    table[std::size_t(c)] = c == '\'' ? kDropped : ascii::is_alnum(char(c)) ? ascii::to_lower(char(c)) : kSeparator;
  return table;
}();

// Copies the run of ASCII letters and digits at text[i] in lower case to w; returns its length.
// Sixteen bytes at a time where the processor can: names are mostly such runs.
std::size_t copy_lower_alnum_run(std::string_view text, std::size_t i, char* w) {
  const std::size_t from = i;
#if defined(__SSE2__)
  // Writes sixteen bytes whatever the run's length: w never runs ahead of i (folding does not
  // lengthen), so they fall inside the room made for the whole text.
  using namespace byte_blocks;
  while (i + kSize <= text.size()) {
    __m128i bytes = load(text.data() + i);
    __m128i folded = lower_letters(bytes);  // digits stay as they are
    unsigned alnum = within(folded, 'a', 'z') | within(bytes, '0', '9');
    unsigned run = unsigned(__builtin_ctz(~alnum));  // 0..16
    _mm_storeu_si128(reinterpret_cast<__m128i*>(w + (i - from)), folded);
    i += run;
    if (run < kSize) return i - from;
  }
#endif
  for (; i < text.size() && ascii::is_alnum(text[i]); ++i) w[i - from] = ascii::to_lower(text[i]);
  return i - from;
}

// fold_text's work, appended to `out`: keys of several folded fields are built in one string.
// Folding never makes a text longer (a space stands for at least one byte dropped, a letter for as
// many bytes as it had, or fewer), so the room is made once and written into.
void append_folded(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  out.resize(start + text.size());
  char* const first = out.data() + start;
  char* w = first;
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    // "Sjögren's", "Sjögren’s" and "Sjögrens" are one name.
    if (c < 0x80) {
      char folded = kFoldedAscii[c];
      if (folded == kSeparator) {
        pending_space = true;
        continue;
      }
      if (folded == kDropped) continue;
      if (pending_space && w > first) *w++ = ' ';
      pending_space = false;
      std::size_t run = copy_lower_alnum_run(text, i, w);  // folded is a letter or digit: its run with it
      w += run;
      i += run - 1;
      continue;
    }
    if (c == 0xE2 && text.substr(i, 3) == kRightSingleQuote) {
      i += 2;
      continue;
    }
    if (pending_space && w > first) *w++ = ' ';
    pending_space = false;
    if (std::string_view letters = c == 0xEF ? ligature_letters(text, i) : std::string_view(); !letters.empty()) {
      w = std::copy(letters.begin(), letters.end(), w);
      i += 2;
    } else if (write_lower_two_byte(text, i, w)) {
      w += 2;
      ++i;
    } else {
      *w++ = char(c);
    }
  }
  out.resize(std::size_t(w - out.data()));
}
}  // namespace

std::string fold_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_folded(out, text);
  return out;
}

std::string normalize_nct_id(std::string_view text) {
  text = trim(text);
  if (text.size() != 11) return "";
  std::string id;
  for (std::size_t i = 0; i < 3; ++i) id.push_back(char(text[i] & ~0x20));
  if (id != "NCT") return "";
  for (std::size_t i = 3; i < 11; ++i) {
    if (text[i] < '0' || text[i] > '9') return "";
    id.push_back(text[i]);
  }
  return id;
}

std::string trial_key(std::string_view nct_id, std::string_view title) {
  std::string id = normalize_nct_id(nct_id);
  if (!id.empty()) return id;
  std::string folded = fold_text(title);
  return folded.empty() ? std::string() : "title:" + folded;
}

std::string sponsor_key(std::string_view name) {
  std::vector<std::string> words = split_words(fold_text(name));
  while (words.size() > 1 && is_legal_suffix(words.back())) words.pop_back();
  // "S.A." and "S. A." fold to "s a": drop a trailing pair of single letters that spell a suffix.
  while (words.size() > 2 && words.back().size() == 1 && words[words.size() - 2].size() == 1 &&
         is_legal_suffix(words[words.size() - 2] + words.back())) {
    words.pop_back();
    words.pop_back();
  }
  std::string key;
  for (const std::string& w : words) key += (key.empty() ? "" : " ") + w;
  return key;
}

// The lowest number MeSH gave a nine-digit descriptor id (2017); every older one is below it.
constexpr unsigned long kFirstNineDigitMeshNumber = 67000;

std::string drug_key(std::string_view name) { return fold_text(name); }

std::string normalize_mesh_id(std::string_view text) {
  std::string_view id = trim(text);
  if (id.size() < 2 || (id[0] != 'D' && id[0] != 'd') || id.size() > 12) return "";
  unsigned long number = 0;
  for (char c : id.substr(1)) {
    if (c < '0' || c > '9') return "";
    number = number * 10 + unsigned(c - '0');
  }
  // The registry writes old descriptors both ways (D008180, D000008180); MeSH's own form of the
  // descriptors from before 2017 is six digits, of the later ones (D000080443) nine.
  std::string digits = std::to_string(number);
  std::size_t width = number < kFirstNineDigitMeshNumber ? 6 : 9;
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return "D" + digits;
}

std::string disease_key(std::string_view mesh_id, std::string_view name) {
  std::string id = normalize_mesh_id(mesh_id);
  return id.empty() ? fold_text(name) : id;
}

std::string antigen_key(std::string_view symbol) {
  std::string key;
  for (unsigned char c : trim(symbol)) key.push_back(c < 0x80 ? char(std::toupper(c)) : char(c));
  return key;
}

std::string site_key(std::string_view facility, std::string_view city, std::string_view state,
                     std::string_view country) {
  std::string key;
  key.reserve(facility.size() + city.size() + state.size() + country.size() + 3);
  append_folded(key, facility);
  key += '|';
  append_folded(key, city);
  key += '|';
  append_folded(key, state);
  key += '|';
  append_folded(key, country);
  return key;
}

namespace {

// The readable part of a slug, appended to `out`; see append_slug() for when it is all of it.
void append_slug_words(std::string& out, std::string_view key) {
  const std::size_t start = out.size();
  bool pending_hyphen = false;
  auto put = [&](std::string_view piece) {
    if (pending_hyphen && out.size() > start) out.push_back('-');
    pending_hyphen = false;
    out += piece;
  };
  for (std::size_t i = 0; i < key.size();) {
    unsigned char c = key[i];
    if (c < 0x80) {
      ++i;
      if (c == '|') {  // the field separator of composite keys: "--", so fields cannot run together
        out += "--";
        pending_hyphen = false;
      } else if (ascii::is_alnum(c)) {
        if (pending_hyphen && out.size() > start) out.push_back('-');
        pending_hyphen = false;
        out.push_back(ascii::to_lower(c));
      } else {
        pending_hyphen = true;
      }
      continue;
    }
    char32_t cp = decode_utf8(key, i);
    if (std::string base = transliterate(cp); !base.empty()) {
      put(base);
      continue;
    }
    char hex[16];
    std::snprintf(hex, sizeof hex, "u%x", unsigned(cp));
    pending_hyphen = true;
    put(hex);
    pending_hyphen = true;
  }
}

}  // namespace

std::uint64_t fnv1a_64(std::string_view text, std::uint64_t hash) {
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

// Keys of lower-case ASCII letters, digits, '|' and single spaces between words map one to one
// onto their slugs: a lone hyphen is a space, 2k hyphens are k '|'. Anything else (upper case,
// punctuation, accents, other scripts) is lost or merged on the way, and the slug gets the key's
// hash (the one-to-one slugs have no odd run of three or more hyphens, so the two kinds never meet).
void append_slug(std::string& out, std::string_view key) {
  std::size_t pipes = 0;
  for (std::size_t i = 0; i < key.size(); ++i) {
    unsigned char c = key[i];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) continue;
    if (c == '|') {
      ++pipes;
      continue;
    }
    if (c == ' ' && i > 0 && i + 1 < key.size() && ascii::is_alnum(key[i - 1]) && ascii::is_alnum(key[i + 1])) continue;
    append_slug_words(out, key);
    std::uint64_t hash = fnv1a_64(key);
    char hashed[19] = {'-', '-', '-'};
    for (int k = 18; k >= 3; --k, hash >>= 4) hashed[k] = "0123456789abcdef"[hash & 15];
    out.append(hashed, sizeof hashed);
    return;
  }
  const std::size_t start = out.size();
  out.resize(start + key.size() + pipes);
  char* w = out.data() + start;
  for (char c : key) {
    if (c == '|') *w++ = '-';
    *w++ = c == ' ' || c == '|' ? '-' : c;
  }
}

std::string slug(std::string_view key) {
  std::string out;
  append_slug(out, key);
  return out;
}

}  // namespace trialgraph
