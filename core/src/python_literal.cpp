#include "trialgraph/python_literal.hpp"

#include <cerrno>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace trialgraph {
namespace {

using nlohmann::json;

struct ParseError {
  std::string what;
  std::size_t at;
};

// The text ended inside a value: with `keep_truncated`, each open container keeps what it holds.
struct Truncated : ParseError {};

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(char(cp));
  } else if (cp < 0x800) {
    out.push_back(char(0xC0 | (cp >> 6)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(char(0xE0 | (cp >> 12)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (cp >> 18)));
    out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  }
}

class Parser {
 public:
  Parser(std::string_view text, std::size_t max_depth, bool keep_truncated)
      : s_(text), max_depth_(max_depth), keep_truncated_(keep_truncated) {}

  json value(std::size_t depth = 0) {
    if (depth > max_depth_) fail("nested deeper than " + std::to_string(max_depth_) + " levels");
    skip_space();
    if (at_end()) cut("unexpected end of text, expected a value");
    char c = s_[i_];
    if (c == '{') return dict(depth);
    if (c == '[') return sequence(depth, ']');
    if (c == '(') return sequence(depth, ')');
    if (c == '\'' || c == '"') return json(string());
    if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) return number();
    return keyword();
  }

  void skip_space() {
    while (!at_end() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  std::size_t position() const { return i_; }
  bool truncated() const { return truncated_; }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw ParseError{what, i_}; }
  [[noreturn]] void cut(const std::string& what) const { throw Truncated{{what, i_}}; }

  // Runs a container's loop; a text that ends inside it leaves the container with what it holds.
  template <typename Loop>
  json keep_if_cut(json container, Loop loop) {
    try {
      loop(container);
    } catch (const Truncated&) {
      if (!keep_truncated_) throw;
      truncated_ = true;
    }
    return container;
  }
  bool at_end() const { return i_ >= s_.size(); }

  void expect(char c) {
    skip_space();
    if (at_end()) cut(std::string("unexpected end of text, expected '") + c + "'");
    if (s_[i_] != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }

  // After an item: ',' then maybe the closer (a trailing comma), or the closer. True when closed.
  bool item_done(char closer) {
    skip_space();
    if (at_end()) cut(std::string("unexpected end of text, expected ',' or '") + closer + "'");
    if (s_[i_] == closer) return ++i_, true;
    if (s_[i_] != ',') fail(std::string("expected ',' or '") + closer + "'");
    ++i_;
    skip_space();
    if (!at_end() && s_[i_] == closer) return ++i_, true;
    return false;
  }

  json dict(std::size_t depth) {
    ++i_;
    skip_space();
    if (!at_end() && s_[i_] == '}') return ++i_, json::object();
    return keep_if_cut(json::object(), [&](json& obj) {
      do {
        json key = value(depth + 1);
        if (!key.is_string()) key = json(key.dump());  // JSON keys are strings; 1 -> "1"
        expect(':');
        json item = value(depth + 1);
        obj[key.get<std::string>()] = std::move(item);
      } while (!item_done('}'));
    });
  }

  json sequence(std::size_t depth, char closer) {
    ++i_;
    skip_space();
    if (!at_end() && s_[i_] == closer) return ++i_, json::array();
    return keep_if_cut(json::array(), [&](json& arr) {
      do {
        arr.push_back(value(depth + 1));
      } while (!item_done(closer));
    });
  }

  std::string string() {
    std::string out;
    // Adjacent literals concatenate, as in Python source.
    do {
      read_one_string(out);
      skip_space();
    } while (!at_end() && (s_[i_] == '\'' || s_[i_] == '"'));
    return out;
  }

  void read_one_string(std::string& out) {
    char quote = s_[i_++];
    while (true) {
      if (at_end()) cut("unterminated string");
      char c = s_[i_++];
      if (c == quote) return;
      if (c == '\n') fail("line break inside a string");
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (at_end()) cut("unterminated string");
      escape(out, s_[i_++]);
    }
  }

  char32_t hex(std::size_t digits) {
    if (i_ + digits > s_.size()) cut("truncated escape");
    char32_t cp = 0;
    for (std::size_t k = 0; k < digits; ++k) {
      char h = s_[i_++];
      int v = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
      if (v < 0) fail("bad hexadecimal digit in escape");
      cp = cp * 16 + char32_t(v);
    }
    return cp;
  }

  void escape(std::string& out, char e) {
    switch (e) {
      case 'n': out.push_back('\n'); return;
      case 't': out.push_back('\t'); return;
      case 'r': out.push_back('\r'); return;
      case 'b': out.push_back('\b'); return;
      case 'f': out.push_back('\f'); return;
      case 'v': out.push_back('\v'); return;
      case 'a': out.push_back('\a'); return;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        char32_t cp = char32_t(e - '0');
        for (int k = 0; k < 2 && !at_end() && s_[i_] >= '0' && s_[i_] <= '7'; ++k) cp = cp * 8 + char32_t(s_[i_++] - '0');
        append_utf8(out, cp);
        return;
      }
      case 'x': append_utf8(out, hex(2)); return;
      case 'u': append_utf8(out, hex(4)); return;
      case 'U': append_utf8(out, hex(8)); return;
      case '\n': return;  // a backslash-newline continues the line
      case '\\': case '\'': case '"': out.push_back(e); return;
      default:  // Python keeps unknown escapes as written
        out.push_back('\\');
        out.push_back(e);
    }
  }

  json number() {
    std::size_t start = i_;
    while (!at_end() && std::string_view("+-0123456789.eEjJ_xXabcdefABCDEF").find(s_[i_]) != std::string_view::npos) ++i_;
    std::string text;
    for (char c : s_.substr(start, i_ - start))
      if (c != '_') text.push_back(c);
    char* end = nullptr;
    bool real = text.find_first_of(".eE") != std::string::npos && text.find_first_of("xX") == std::string::npos;
    if (real) {
      double d = std::strtod(text.c_str(), &end);
      if (end != text.c_str() + text.size()) fail("bad number '" + text + "'");
      return json(d);
    }
    errno = 0;
    long long v = std::strtoll(text.c_str(), &end, 0);
    if (end != text.c_str() + text.size()) fail("bad number '" + text + "'");
    if (errno == ERANGE) return json(std::strtod(text.c_str(), nullptr));
    return json(std::int64_t(v));
  }

  json keyword() {
    for (auto [word, value] : {std::pair<std::string_view, json>{"True", true}, {"False", false}, {"None", nullptr}}) {
      if (s_.substr(i_, word.size()) == word) {
        i_ += word.size();
        return value;
      }
    }
    fail("unexpected character '" + std::string(1, s_[i_]) + "'");
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::size_t max_depth_;
  bool keep_truncated_;
  bool truncated_ = false;
};

}  // namespace

PythonLiteralResult parse_python_literal(std::string_view text, nlohmann::json& out, std::size_t max_depth,
                                         bool keep_truncated) {
  PythonLiteralResult result;
  Parser parser(text, max_depth, keep_truncated);
  try {
    out = parser.value();
    result.ok = true;
    result.truncated = parser.truncated();
    result.consumed = parser.position();
  } catch (const ParseError& e) {
    result.error = e.what + " at byte " + std::to_string(e.at);
  } catch (const std::exception& e) {  // e.g. out of memory
    result.error = e.what();
  }
  return result;
}

}  // namespace trialgraph
