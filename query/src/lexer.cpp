#include "lexer.hpp"

#include <cctype>
#include <cstdint>

namespace trialgraph::query {
namespace {

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)); }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    for (skip_space(); pos_ < text_.size(); skip_space()) tokens.push_back(next());
    Token end;
    end.position = here();
    end.begin = end.end = text_.size();
    tokens.push_back(end);
    return tokens;
  }

 private:
  Position here() const { return {line_, int(pos_ - line_start_) + 1}; }
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
  void advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }

  void skip_space() {
    while (pos_ < text_.size()) {
      if (std::isspace(static_cast<unsigned char>(peek()))) {
        advance();
      } else if (peek() == '/' && peek(1) == '/') {
        while (pos_ < text_.size() && peek() != '\n') advance();
      } else if (peek() == '/' && peek(1) == '*') {
        Position start = here();
        advance(), advance();
        while (pos_ < text_.size() && !(peek() == '*' && peek(1) == '/')) advance();
        if (pos_ >= text_.size()) throw QueryError(start, "unterminated comment");
        advance(), advance();
      } else {
        return;
      }
    }
  }

  Token next() {
    Token t;
    t.position = here();
    t.begin = pos_;
    char c = peek();
    if (ident_start(c)) {
      t.kind = TokenKind::identifier;
      while (ident_char(peek())) advance();
      t.text = std::string(text_.substr(t.begin, pos_ - t.begin));
    } else if (c == '`') {
      t.kind = TokenKind::identifier;
      t.text = quoted('`', t.position);
      t.quoted = true;
    } else if (digit(c)) {
      number(t);
    } else if (c == '\'' || c == '"') {
      t.kind = TokenKind::string;
      t.text = quoted(c, t.position);
    } else if (c == '$') {
      advance();
      t.kind = TokenKind::parameter;
      while (ident_char(peek())) advance();
      t.text = std::string(text_.substr(t.begin, pos_ - t.begin));
    } else {
      symbol(t);
    }
    t.end = pos_;
    return t;
  }

  void number(Token& t) {
    t.kind = TokenKind::integer;
    while (digit(peek())) advance();
    if (peek() == '.' && digit(peek(1))) {  // `1..3` is a range, not a real
      t.kind = TokenKind::real;
      advance();
      while (digit(peek())) advance();
    }
    if ((peek() == 'e' || peek() == 'E') && (digit(peek(1)) || ((peek(1) == '-' || peek(1) == '+') && digit(peek(2))))) {
      t.kind = TokenKind::real;
      advance(), advance();
      while (digit(peek())) advance();
    }
    if (ident_start(peek())) throw QueryError(here(), "unexpected '" + std::string(1, peek()) + "' in a number");
    t.text = std::string(text_.substr(t.begin, pos_ - t.begin));
  }

  // A quoted string or backticked name, with Cypher's escapes (strings only).
  std::string quoted(char quote, Position start) {
    advance();
    std::string out;
    while (true) {
      if (pos_ >= text_.size())
        throw QueryError(start, quote == '`' ? "unterminated `name`" : "unterminated string literal");
      char c = peek();
      if (c == quote) {
        advance();
        if (quote == '`' && peek() == '`') {  // `` inside a backticked name
          out += '`';
          advance();
          continue;
        }
        return out;
      }
      if (c == '\\' && quote != '`') {
        out += escape();
        continue;
      }
      out += c;
      advance();
    }
  }

  std::string escape() {
    Position at = here();
    advance();
    char e = peek();
    if (pos_ >= text_.size()) throw QueryError(at, "unterminated string literal");
    advance();
    switch (e) {
      case '\\': return "\\";
      case '\'': return "'";
      case '"': return "\"";
      case 'n': return "\n";
      case 't': return "\t";
      case 'r': return "\r";
      case 'b': return "\b";
      case 'f': return "\f";
      case 'u': case 'U': {
        std::size_t digits = e == 'u' ? 4 : 8;
        std::string hex(text_.substr(pos_, digits));
        if (hex.size() != digits || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
          throw QueryError(at, "invalid unicode escape \\" + std::string(1, e) + hex);
        for (std::size_t i = 0; i < digits; ++i) advance();
        std::string out;
        append_utf8(out, std::uint32_t(std::stoul(hex, nullptr, 16)));
        return out;
      }
      default:
        throw QueryError(at, "invalid escape sequence \\" + std::string(1, e));
    }
  }

  void symbol(Token& t) {
    static const char* const kTwo[] = {"<>", "<=", ">=", "=~", "..", "!="};
    t.kind = TokenKind::symbol;
    for (const char* two : kTwo) {
      if (peek() == two[0] && peek(1) == two[1]) {
        advance(), advance();
        t.text = two;
        return;
      }
    }
    if (std::string_view("()[]{},.:|-+*/%^=<>;").find(peek()) == std::string_view::npos)
      throw QueryError(t.position, "unexpected character '" + std::string(1, peek()) + "'");
    t.text = std::string(1, peek());
    advance();
  }

  std::string_view text_;
  std::size_t pos_ = 0, line_start_ = 0;
  int line_ = 1;
};

}  // namespace

bool Token::is_keyword(std::string_view word) const {
  if (kind != TokenKind::identifier || quoted || text.size() != word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(text[i])) != std::toupper(static_cast<unsigned char>(word[i])))
      return false;
  return true;
}

std::vector<Token> tokenize(std::string_view query) { return Lexer(query).run(); }

}  // namespace trialgraph::query
