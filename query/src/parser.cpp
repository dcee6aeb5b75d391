// Recursive descent over the token list. Constructs outside the subset are recognised where they
// start and refused by name, so that a user learns what to change rather than "syntax error".
#include <algorithm>
#include <cctype>
#include <set>

#include "ast.hpp"
#include "functions.hpp"
#include "lexer.hpp"

namespace trialgraph::query {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Clauses Cypher has and the subset refuses, with the reason shown to the user.
const char* refused_clause(const Token& t) {
  static const std::pair<const char*, const char*> kRefused[] = {
      {"CREATE", "CREATE is not supported: trialgraph query is read-only"},
      {"MERGE", "MERGE is not supported: trialgraph query is read-only"},
      {"DELETE", "DELETE is not supported: trialgraph query is read-only"},
      {"DETACH", "DETACH DELETE is not supported: trialgraph query is read-only"},
      {"SET", "SET is not supported: trialgraph query is read-only"},
      {"REMOVE", "REMOVE is not supported: trialgraph query is read-only"},
      {"CALL", "CALL (procedures and subqueries) is not supported"},
      {"UNWIND", "UNWIND is not supported"},
      {"FOREACH", "FOREACH is not supported: trialgraph query is read-only"},
      {"LOAD", "LOAD CSV is not supported"},
      {"UNION", "UNION is not supported"},
      {"USE", "USE is not supported"},
      {"SHOW", "SHOW is not supported"},
      {"START", "START is not supported"},
      {"EXPLAIN", "EXPLAIN is not supported"},
      {"PROFILE", "PROFILE is not supported"},
  };
  for (const auto& [word, why] : kRefused)
    if (t.is_keyword(word)) return why;
  return nullptr;
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens) : text_(text), tokens_(std::move(tokens)) {}

  Query query() {
    Query q;
    while (!at_end()) {
      if (peek().is_symbol(";") && peek(1).kind == TokenKind::end) break;
      if (!q.clauses.empty() && q.clauses.back().projection && q.clauses.back().projection->is_return)
        fail(peek(), "nothing may follow RETURN, found " + describe(peek()));
      q.clauses.push_back(clause());
    }
    if (q.clauses.empty()) fail(peek(), "empty query: expected MATCH, WITH or RETURN");
    if (!q.clauses.back().projection || !q.clauses.back().projection->is_return)
      fail(peek(), "a query must end with RETURN");
    return q;
  }

 private:
  // --- tokens -----------------------------------------------------------------------------
  const Token& peek(std::size_t ahead = 0) const { return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)]; }
  bool at_end() const { return peek().kind == TokenKind::end; }
  const Token& take() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  const Token& previous() const { return tokens_[pos_ - 1]; }
  bool accept_symbol(std::string_view s) { return peek().is_symbol(s) ? (take(), true) : false; }
  bool accept_keyword(std::string_view w) { return peek().is_keyword(w) ? (take(), true) : false; }

  [[noreturn]] void fail(const Token& at, const std::string& message) const { throw QueryError(at.position, message); }

  static std::string describe(const Token& t) {
    if (t.kind == TokenKind::end) return "the end of the query";
    if (t.kind == TokenKind::string) return "a string";
    return "'" + t.text + "'";
  }
  void expect_symbol(std::string_view s, const char* context) {
    if (!accept_symbol(s)) fail(peek(), "expected '" + std::string(s) + "' " + context + ", found " + describe(peek()));
  }
  void expect_keyword(std::string_view w, const char* context) {
    if (!accept_keyword(w)) fail(peek(), "expected " + std::string(w) + " " + context + ", found " + describe(peek()));
  }
  std::string name(const char* what) {
    if (peek().kind != TokenKind::identifier) fail(peek(), std::string("expected ") + what + ", found " + describe(peek()));
    return take().text;
  }
  std::string span(std::size_t first_token) const {
    std::size_t b = tokens_[first_token].begin, e = previous().end;
    return std::string(text_.substr(b, e - b));
  }

  // --- clauses ----------------------------------------------------------------------------
  Clause clause() {
    const Token& t = peek();
    Clause c;
    if (t.is_keyword("OPTIONAL")) {
      take();
      if (!peek().is_keyword("MATCH")) fail(peek(), "expected MATCH after OPTIONAL, found " + describe(peek()));
      c.match = match(true, t.position);
    } else if (t.is_keyword("MATCH")) {
      c.match = match(false, t.position);
    } else if (t.is_keyword("WITH") || t.is_keyword("RETURN")) {
      c.projection = projection();
    } else if (const char* why = refused_clause(t)) {
      fail(t, why);
    } else {
      fail(t, "expected MATCH, OPTIONAL MATCH, WITH or RETURN, found " + describe(t));
    }
    return c;
  }

  std::unique_ptr<MatchClause> match(bool optional, Position position) {
    take();  // MATCH
    auto m = std::make_unique<MatchClause>();
    m->position = position;
    m->optional = optional;
    do m->patterns.push_back(path()); while (accept_symbol(","));
    if (accept_keyword("WHERE")) m->where = expression();
    return m;
  }

  std::unique_ptr<Projection> projection() {
    auto p = std::make_unique<Projection>();
    p->position = peek().position;
    p->is_return = take().is_keyword("RETURN");
    p->distinct = accept_keyword("DISTINCT");
    if (accept_symbol("*")) p->star = true;
    if (!p->star || accept_symbol(",")) {
      do p->items.push_back(projection_item()); while (accept_symbol(","));
    }
    if (accept_keyword("ORDER")) {
      expect_keyword("BY", "after ORDER");
      do p->order_by.push_back(sort_item()); while (accept_symbol(","));
    }
    if (accept_keyword("SKIP")) p->skip = count_literal("SKIP");
    if (accept_keyword("LIMIT")) p->limit = count_literal("LIMIT");
    if (!p->is_return && accept_keyword("WHERE")) p->where = expression();
    return p;
  }

  ProjectionItem projection_item() {
    ProjectionItem item;
    std::size_t first = pos_;
    item.expr = expression();
    item.column = span(first);
    if (accept_keyword("AS")) {
      item.column = name("a name after AS");
      item.aliased = true;
    }
    return item;
  }

  SortItem sort_item() {
    SortItem s;
    s.expr = expression();
    if (accept_keyword("DESC") || accept_keyword("DESCENDING")) s.descending = true;
    else if (!accept_keyword("ASC")) accept_keyword("ASCENDING");
    return s;
  }

  std::int64_t count_literal(const char* clause) {
    const Token& t = peek();
    if (t.kind != TokenKind::integer)
      fail(t, std::string(clause) + " takes a non-negative integer literal, found " + describe(t));
    take();
    try {
      return std::stoll(t.text);
    } catch (const std::exception&) {
      fail(t, std::string(clause) + " value is too large");
    }
  }

  // --- patterns ---------------------------------------------------------------------------
  PathPattern path() {
    if (peek().kind == TokenKind::identifier && peek(1).is_symbol("="))
      fail(peek(), "path variables ('" + peek().text + " = ...') are not supported");
    if (peek().is_keyword("shortestPath") || peek().is_keyword("allShortestPaths"))
      fail(peek(), peek().text + " is not supported; use 'trialgraph path A B'");
    PathPattern p;
    p.nodes.push_back(node_pattern());
    while (peek().is_symbol("-") || (peek().is_symbol("<") && peek(1).is_symbol("-"))) {
      p.rels.push_back(rel_pattern());
      p.nodes.push_back(node_pattern());
    }
    return p;
  }

  NodePattern node_pattern() {
    NodePattern n;
    n.position = peek().position;
    expect_symbol("(", "to start a node pattern");
    if (peek().kind == TokenKind::identifier) n.variable = take().text;
    while (accept_symbol(":")) {
      n.labels.push_back({name("a label")});
      while (accept_symbol("|")) {
        accept_symbol(":");
        n.labels.back().push_back(name("a label"));
      }
    }
    if (peek().is_symbol("{")) n.properties = property_map();
    else if (peek().kind == TokenKind::parameter) fail(peek(), "parameters ($name) are not supported");
    if (peek().is_keyword("WHERE")) fail(peek(), "WHERE inside a node pattern is not supported; use MATCH ... WHERE");
    expect_symbol(")", "to close the node pattern");
    return n;
  }

  RelPattern rel_pattern() {
    RelPattern r;
    r.position = peek().position;
    bool left = accept_symbol("<");
    expect_symbol("-", "in a relationship pattern");
    if (accept_symbol("[")) rel_detail(r);
    expect_symbol("-", "in a relationship pattern");
    bool right = accept_symbol(">");
    if (left && right) fail(tokens_[pos_ - 1], "a relationship cannot point both ways (<-->)");
    r.direction = left ? Direction::right_to_left : right ? Direction::left_to_right : Direction::either;
    return r;
  }

  void rel_detail(RelPattern& r) {
    if (peek().kind == TokenKind::identifier) r.variable = take().text;
    if (accept_symbol(":")) {
      r.types.push_back(name("a relationship type"));
      while (accept_symbol("|")) {
        accept_symbol(":");
        r.types.push_back(name("a relationship type"));
      }
    }
    if (accept_symbol("*")) hops(r);
    if (peek().is_symbol("{")) r.properties = property_map();
    else if (peek().kind == TokenKind::parameter) fail(peek(), "parameters ($name) are not supported");
    if (peek().is_keyword("WHERE")) fail(peek(), "WHERE inside a relationship pattern is not supported; use MATCH ... WHERE");
    expect_symbol("]", "to close the relationship pattern");
  }

  void hops(RelPattern& r) {
    r.variable_length = true;
    auto bound = [&]() -> std::optional<std::size_t> {
      if (peek().kind != TokenKind::integer) return std::nullopt;
      return std::size_t(std::stoull(take().text));
    };
    std::optional<std::size_t> low = bound();
    if (accept_symbol("..")) {
      r.min_hops = low.value_or(1);
      r.max_hops = bound();
    } else if (low) {
      r.min_hops = *low;
      r.max_hops = *low;
    }
    if (r.max_hops && *r.max_hops < r.min_hops)
      fail(previous(), "variable-length relationship: the upper bound is below the lower bound");
  }

  std::vector<PropertyConstraint> property_map() {
    expect_symbol("{", "");
    std::vector<PropertyConstraint> props;
    if (!peek().is_symbol("}")) {
      do {
        PropertyConstraint c;
        c.key = name("a property name");
        expect_symbol(":", "after a property name");
        c.value = expression();
        props.push_back(std::move(c));
      } while (accept_symbol(","));
    }
    expect_symbol("}", "to close the property map");
    return props;
  }

  // --- expressions, loosest binding first ---------------------------------------------------
  ExprPtr expression() { return binary_level(0); }

  struct Level {
    std::vector<std::pair<const char*, BinaryOp>> keywords;
  };

  ExprPtr make_binary(BinaryOp op, ExprPtr lhs, ExprPtr rhs, const Token& at, std::size_t first) {
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::binary;
    e->op = op;
    e->position = at.position;
    e->args.push_back(std::move(lhs));
    e->args.push_back(std::move(rhs));
    e->text = span(first);
    return e;
  }

  // OR, XOR, AND: left-associative keyword operators.
  ExprPtr binary_level(int level) {
    static const std::pair<const char*, BinaryOp> kOps[] = {
        {"OR", BinaryOp::logical_or}, {"XOR", BinaryOp::logical_xor}, {"AND", BinaryOp::logical_and}};
    if (level == 3) return not_expression();
    std::size_t first = pos_;
    ExprPtr lhs = binary_level(level + 1);
    while (peek().is_keyword(kOps[level].first)) {
      const Token& op = take();
      ExprPtr rhs = binary_level(level + 1);
      lhs = make_binary(kOps[level].second, std::move(lhs), std::move(rhs), op, first);
    }
    return lhs;
  }

  ExprPtr not_expression() {
    if (!peek().is_keyword("NOT")) return comparison();
    std::size_t first = pos_;
    const Token& t = take();
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::logical_not;
    e->position = t.position;
    e->args.push_back(not_expression());
    e->text = span(first);
    return e;
  }

  std::optional<BinaryOp> comparison_op() const {
    static const std::pair<const char*, BinaryOp> kOps[] = {{"=", BinaryOp::eq}, {"<>", BinaryOp::ne},
                                                            {"<", BinaryOp::lt}, {"<=", BinaryOp::le},
                                                            {">", BinaryOp::gt}, {">=", BinaryOp::ge}};
    for (const auto& [s, op] : kOps)
      if (peek().is_symbol(s)) return op;
    if (peek().is_symbol("!=")) fail(peek(), "'!=' is not Cypher; use '<>'");
    return std::nullopt;
  }

  ExprPtr comparison() {
    std::size_t first = pos_;
    ExprPtr lhs = predicate();
    while (auto op = comparison_op()) {
      const Token& t = take();
      ExprPtr rhs = predicate();
      lhs = make_binary(*op, std::move(lhs), std::move(rhs), t, first);
    }
    return lhs;
  }

  // IN, STARTS WITH, ENDS WITH, CONTAINS, =~, IS [NOT] NULL: they bind tighter than comparisons.
  ExprPtr predicate() {
    std::size_t first = pos_;
    ExprPtr lhs = additive();
    while (true) {
      const Token& t = peek();
      std::optional<BinaryOp> op;
      if (t.is_keyword("IN")) op = BinaryOp::in_list;
      else if (t.is_keyword("CONTAINS")) op = BinaryOp::contains;
      else if (t.is_symbol("=~")) op = BinaryOp::regex_match;
      else if ((t.is_keyword("STARTS") || t.is_keyword("ENDS")) && peek(1).is_keyword("WITH"))
        op = t.is_keyword("STARTS") ? BinaryOp::starts_with : BinaryOp::ends_with;
      else if (t.is_keyword("IS")) {
        lhs = null_test(std::move(lhs), first);
        continue;
      }
      if (!op) return lhs;
      take();
      if (*op == BinaryOp::starts_with || *op == BinaryOp::ends_with) take();  // WITH
      ExprPtr rhs = additive();
      lhs = make_binary(*op, std::move(lhs), std::move(rhs), t, first);
    }
  }

  ExprPtr null_test(ExprPtr operand, std::size_t first) {
    const Token& is = take();
    bool negated = accept_keyword("NOT");
    if (!accept_keyword("NULL")) fail(peek(), "expected NULL after IS" + std::string(negated ? " NOT" : "") +
                                                  " (type predicates are not supported), found " + describe(peek()));
    auto e = std::make_unique<Expr>();
    e->kind = negated ? ExprKind::is_not_null : ExprKind::is_null;
    e->position = is.position;
    e->args.push_back(std::move(operand));
    e->text = span(first);
    return e;
  }

  ExprPtr arithmetic(int level) {
    // level 0: + -, level 1: * / %, level 2: ^
    static const std::vector<std::pair<const char*, BinaryOp>> kOps[] = {
        {{"+", BinaryOp::add}, {"-", BinaryOp::subtract}},
        {{"*", BinaryOp::multiply}, {"/", BinaryOp::divide}, {"%", BinaryOp::modulo}},
        {{"^", BinaryOp::power}}};
    std::size_t first = pos_;
    ExprPtr lhs = level == 2 ? unary() : arithmetic(level + 1);
    while (true) {
      auto op = std::find_if(kOps[level].begin(), kOps[level].end(), [&](auto& o) { return peek().is_symbol(o.first); });
      if (op == kOps[level].end()) return lhs;
      const Token& t = take();
      ExprPtr rhs = level == 2 ? unary() : arithmetic(level + 1);
      lhs = make_binary(op->second, std::move(lhs), std::move(rhs), t, first);
    }
  }
  ExprPtr additive() { return arithmetic(0); }

  ExprPtr unary() {
    std::size_t first = pos_;
    if (accept_symbol("+")) return unary();
    if (!peek().is_symbol("-")) return postfix();
    const Token& t = take();
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::negate;
    e->position = t.position;
    e->args.push_back(unary());
    e->text = span(first);
    return e;
  }

  ExprPtr postfix() {
    std::size_t first = pos_;
    ExprPtr e = atom();
    while (true) {
      if (peek().is_symbol(".")) {
        const Token& dot = take();
        auto p = std::make_unique<Expr>();
        p->kind = ExprKind::property;
        p->position = tokens_[first].position;  // errors point at the whole `x.prop`
        (void)dot;
        p->name = name("a property name after '.'");
        p->args.push_back(std::move(e));
        p->text = span(first);
        e = std::move(p);
      } else if (peek().is_symbol("[")) {
        fail(peek(), "list indexing and slicing ([...]) are not supported");
      } else if (peek().is_symbol("{")) {
        fail(peek(), "map projections (x {.prop}) are not supported");
      } else if (peek().is_symbol(":") ) {
        fail(peek(), "label predicates (x:Label) in expressions are not supported; use labels(x)");
      } else {
        return e;
      }
    }
  }

  ExprPtr literal_expr(CypherValue v, const Token& t) {
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::literal;
    e->literal = std::move(v);
    e->position = t.position;
    e->text = std::string(text_.substr(t.begin, t.end - t.begin));
    return e;
  }

  ExprPtr atom() {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::integer: {
        take();
        try {
          return literal_expr(CypherValue(std::int64_t(std::stoll(t.text))), t);
        } catch (const std::out_of_range&) {
          fail(t, "integer literal " + t.text + " is too large");
        }
      }
      case TokenKind::real: take(); return literal_expr(CypherValue(std::stod(t.text)), t);
      case TokenKind::string: take(); return literal_expr(CypherValue(t.text), t);
      case TokenKind::parameter: fail(t, "parameters (" + t.text + ") are not supported");
      case TokenKind::end: fail(t, "expected an expression, found the end of the query");
      case TokenKind::symbol: return symbol_atom(t);
      case TokenKind::identifier: return identifier_atom(t);
    }
    fail(t, "expected an expression");
  }

  ExprPtr symbol_atom(const Token& t) {
    if (t.is_symbol("(")) {
      if (looks_like_pattern()) fail(t, "pattern expressions in WHERE or RETURN are not supported; use MATCH or OPTIONAL MATCH");
      take();
      ExprPtr inner = expression();
      expect_symbol(")", "to close the parenthesis");
      return inner;
    }
    if (t.is_symbol("[")) return list_literal();
    if (t.is_symbol("{")) fail(t, "map literals are not supported");
    fail(t, "expected an expression, found " + describe(t));
  }

  // `(a)-->(b)`, `(a:Label)`, `(a)<-[...]`: a pattern where an expression was expected.
  bool looks_like_pattern() const {
    if (peek(1).is_symbol(")")) return true;
    if (peek(1).kind != TokenKind::identifier) return false;
    if (peek(2).is_symbol(":") || peek(2).is_symbol("{")) return true;
    if (!peek(2).is_symbol(")")) return false;
    const Token& after = peek(3);
    return (after.is_symbol("-") && (peek(4).is_symbol("-") || peek(4).is_symbol("[") || peek(4).is_symbol(">"))) ||
           (after.is_symbol("<") && peek(4).is_symbol("-"));
  }

  ExprPtr list_literal() {
    std::size_t first = pos_;
    const Token& open = take();
    if (peek().kind == TokenKind::identifier && peek(1).is_keyword("IN"))
      fail(open, "list comprehensions ([x IN list ...]) are not supported");
    if (peek().is_symbol("(")) fail(open, "pattern comprehensions ([(a)-->(b) | ...]) are not supported");
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::list;
    e->position = open.position;
    if (!peek().is_symbol("]")) {
      do e->args.push_back(expression()); while (accept_symbol(","));
    }
    expect_symbol("]", "to close the list");
    e->text = span(first);
    return e;
  }

  ExprPtr identifier_atom(const Token& t) {
    if (!t.quoted) {
      if (t.is_keyword("true") || t.is_keyword("false")) return take(), literal_expr(CypherValue(t.is_keyword("true")), t);
      if (t.is_keyword("null")) return take(), literal_expr(CypherValue(), t);
      if (t.is_keyword("CASE")) fail(t, "CASE expressions are not supported");
      if ((t.is_keyword("EXISTS") || t.is_keyword("COUNT") || t.is_keyword("COLLECT")) && peek(1).is_symbol("{"))
        fail(t, lower(t.text) == "exists" ? "EXISTS subqueries are not supported" : t.text + " subqueries are not supported");
      if (t.is_keyword("shortestPath") || t.is_keyword("allShortestPaths"))
        fail(t, t.text + " is not supported; use 'trialgraph path A B'");
      if (t.is_keyword("reduce") || t.is_keyword("all") || t.is_keyword("any") || t.is_keyword("none") ||
          t.is_keyword("single"))
        if (peek(1).is_symbol("(")) fail(t, t.text + "(...) is not supported");
    }
    if (is_call_ahead()) return function_call();
    take();
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::variable;
    e->name = t.text;
    e->position = t.position;
    e->text = t.text;
    return e;
  }

  // name( or a.namespaced.name(
  bool is_call_ahead() const {
    std::size_t i = 1;
    while (peek(i).is_symbol(".") && peek(i + 1).kind == TokenKind::identifier) i += 2;
    return peek(i).is_symbol("(");
  }

  ExprPtr function_call() {
    std::size_t first = pos_;
    const Token& start = take();
    std::string fname = start.text;
    while (accept_symbol(".")) fname += "." + take().text;  // a namespaced name: apoc.coll.sort
    const FunctionInfo* info = find_function(fname);
    if (!info) fail(start, "unknown function '" + fname + "' (not in the supported subset)");
    expect_symbol("(", "");
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::function;
    e->name = info->name;
    e->position = start.position;
    if (info->aggregate && accept_keyword("DISTINCT")) e->distinct = true;
    if (e->name == "count" && accept_symbol("*")) {
      if (e->distinct) fail(previous(), "count(DISTINCT *) is not valid");
      e->kind = ExprKind::count_star;
    } else if (!peek().is_symbol(")")) {
      do e->args.push_back(expression()); while (accept_symbol(","));
    }
    expect_symbol(")", "to close the call");
    if (e->kind == ExprKind::function &&
        (e->args.size() < info->min_args || e->args.size() > info->max_args))
      fail(start, "wrong number of arguments for " + fname + "(): " + std::to_string(e->args.size()));
    e->text = span(first);
    return e;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

bool aggregate_name(const std::string& name) {
  const FunctionInfo* f = find_function(name);
  return f && f->aggregate;
}

}  // namespace

bool Expr::is_aggregate() const {
  return kind == ExprKind::count_star || (kind == ExprKind::function && aggregate_name(name));
}

bool Expr::contains_aggregate() const {
  if (is_aggregate()) return true;
  return std::any_of(args.begin(), args.end(), [](const ExprPtr& a) { return a->contains_aggregate(); });
}

QueryError::QueryError(Position where, const std::string& message)
    : std::runtime_error(std::to_string(where.line) + ":" + std::to_string(where.column) + ": " + message),
      position_(where),
      message_(message) {}

Query parse_query(std::string_view text) { return Parser(text, tokenize(text)).query(); }

}  // namespace trialgraph::query
