// Cypher text into tokens, each with its position and the span of text it covers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "trialgraph/query.hpp"

namespace trialgraph::query {

enum class TokenKind { identifier, integer, real, string, symbol, parameter, end };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;   ///< identifier or symbol as written; a string's unescaped contents
  Position position;
  std::size_t begin = 0, end = 0;  ///< byte span in the query, for column names
  bool quoted = false;             ///< a `backticked` name: never a keyword

  bool is_symbol(std::string_view s) const { return kind == TokenKind::symbol && text == s; }
  /// Keywords are identifiers compared without case (`match`, `MATCH`).
  bool is_keyword(std::string_view word) const;
};

/// Throws QueryError on an unterminated string or comment, a bad escape or an unknown character.
std::vector<Token> tokenize(std::string_view query);

}  // namespace trialgraph::query
