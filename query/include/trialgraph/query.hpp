// Ad-hoc read-only Cypher over the graph, with Neo4j's semantics for the subset it accepts
// (docs/query.md). A query outside the subset is refused with the construct and its position,
// never answered differently from Neo4j.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "trialgraph/graph.hpp"

namespace trialgraph::query {

/// A place in the query text, both counted from 1.
struct Position {
  int line = 1;
  int column = 1;
};

/// A query that cannot be run: a syntax error, a construct outside the subset, an unknown
/// variable or function, or an error while evaluating (a type error, a division by zero).
/// what() is "line:column: message".
class QueryError : public std::runtime_error {
 public:
  QueryError(Position where, const std::string& message);
  Position position() const { return position_; }
  const std::string& message() const { return message_; }

 private:
  Position position_;
  std::string message_;
};

/// One value of a result, already rendered: scalars as plain text (numbers as Neo4j prints them),
/// lists, nodes and relationships as JSON text.
struct Cell {
  enum class Kind { null, boolean, integer, real, string, json };
  Kind kind = Kind::null;
  std::string text;
};

struct ResultTable {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

class GraphIndex;

/// Answers queries over one graph. Building it indexes the graph once (labels, keys, in- and
/// out-edges); the graph must outlive it and stay unchanged.
class QueryEngine {
 public:
  explicit QueryEngine(const Graph& graph);
  ~QueryEngine();
  QueryEngine(const QueryEngine&) = delete;
  QueryEngine& operator=(const QueryEngine&) = delete;

  /// Parses, checks and runs one query. Throws QueryError.
  ResultTable run(std::string_view cypher) const;

 private:
  std::unique_ptr<GraphIndex> index_;
};

enum class ResultFormat { table, csv, tsv, json };

/// "table", "csv", "tsv" or "json".
std::optional<ResultFormat> result_format_from_name(std::string_view name);

/// table: aligned columns under a header; csv: RFC 4180 with a header row, null as an empty field;
/// tsv: tab-separated, tabs and newlines in values escaped as \t and \n; json: an array of objects.
void write_result(const ResultTable& result, ResultFormat format, std::ostream& out);

}  // namespace trialgraph::query
