// trialgraph query / path / stats: load a graph (a GraphML file the tool wrote, or documents
// extracted on the spot with --from) and answer from it.
#include "query_commands.hpp"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <optional>

#include <unistd.h>

#include "cli.hpp"
#include "pipeline.hpp"
#include "trialgraph/graph_algorithms.hpp"
#include "trialgraph/graphml_reader.hpp"
#include "trialgraph/query.hpp"

namespace trialgraph {
namespace fs = std::filesystem;

namespace {

const char* kQueryHelp =
    "usage: trialgraph query GRAPH 'CYPHER' [--format table|csv|tsv|json]\n"
    "       trialgraph query --from INPUT... 'CYPHER' [--format ...]\n"
    "\n"
    "Answers a read-only Cypher query (a subset: MATCH, OPTIONAL MATCH, WHERE, WITH, RETURN,\n"
    "ORDER BY, SKIP, LIMIT, count/collect/min/max/sum/avg; see docs/query.md) over a GraphML file\n"
    "written by 'trialgraph extract', or over documents extracted first with --from (the last\n"
    "argument is then the query). Rows are what Neo4j gives after apoc.import.graphml.\n"
    "\n"
    "options:\n"
    "  --format NAME        table (the default), csv (header row, RFC 4180, null as empty),\n"
    "                       tsv, or json (an array of objects)\n"
    "  --from               extract the INPUTs (files or folders) instead of loading GRAPH\n"
    "  --plugin-dir DIR     also load plugins from DIR, with --from (repeatable)\n"
    "  -h, --help           this text\n"
    "\n"
    "exit codes: 0 answered, 2 usage or query error (the message gives line:column),\n"
    "            3 the graph could not be loaded\n";

const char* kPathHelp =
    "usage: trialgraph path A B (--graph GRAPH | --from INPUT...)\n"
    "\n"
    "Prints a shortest path between two entities, relationships taken in either direction:\n"
    "each node (label, key, name) and the relationship type crossed. A and B are 'Label:key',\n"
    "a key, or a name (exact, then ignoring case); an ambiguous one lists its candidates.\n"
    "\n"
    "exit codes: 0 found, 1 not connected, 2 usage error or unknown/ambiguous entity,\n"
    "            3 the graph could not be loaded\n";

const char* kStatsHelp =
    "usage: trialgraph stats GRAPH\n"
    "       trialgraph stats --from INPUT...\n"
    "\n"
    "Counts nodes by label and relationships by type, lists the nodes of highest degree and the\n"
    "connected components (relationships taken in either direction): how many, the largest sizes.\n";

struct UsageError {
  std::string message;
};

struct GraphArgs {
  std::vector<std::string> positional;
  std::vector<fs::path> plugin_dirs;
  std::optional<std::string> graph_file;
  bool from = false;
  bool help = false;
  std::string format;
};

GraphArgs parse(const std::vector<std::string>& args) {
  GraphArgs g;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw UsageError{a + " needs a value"};
      return args[++i];
    };
    if (a == "-h" || a == "--help") g.help = true;
    else if (a == "--from") g.from = true;
    else if (a == "--graph") g.graph_file = value();
    else if (a == "--format") g.format = value();
    else if (a == "--plugin-dir") g.plugin_dirs.emplace_back(value());
    else if (a == "--") { g.positional.insert(g.positional.end(), args.begin() + i + 1, args.end()); break; }
    else if (a.size() > 1 && a[0] == '-' && a.find_first_of(" \n(") == std::string::npos) throw UsageError{"unknown option '" + a + "'"};
    else g.positional.push_back(a);
  }
  return g;
}

struct LoadFailure {
  std::string message;
};

Graph extract_inputs(const std::vector<fs::path>& inputs, const std::vector<fs::path>& plugin_dirs) {
  PluginRegistry registry;
  for (const fs::path& dir : plugin_search_path(plugin_dirs)) registry.load_directory(dir);
  if (registry.plugins().empty()) throw LoadFailure{"no plugins could be loaded; use --plugin-dir or TRIALGRAPH_PLUGIN_PATH"};
  std::vector<Problem> problems;
  std::vector<InputDocument> documents = collect_documents(inputs, problems);
  Graph graph;
  ExtractCallbacks callbacks;
  callbacks.on_problem = [](const Problem& p) { std::cerr << "trialgraph: warning: " << p.path << ": " << p.reason << "\n"; };
  extract_documents(documents, registry, graph, callbacks);
  for (const Problem& p : problems) std::cerr << "trialgraph: warning: " << p.path << ": " << p.reason << "\n";
  return graph;
}

Graph load_graph(const std::optional<std::string>& file, const std::vector<fs::path>& inputs, const GraphArgs& g) {
  if (g.from) return extract_inputs(inputs, g.plugin_dirs);
  try {
    return read_graphml_file(*file);
  } catch (const GraphmlReadError& e) {
    throw LoadFailure{e.what()};
  }
}

// Runs a command body, turning the ways it fails into messages and exit codes.
template <class Body> int guarded(const char* command, Body body) {
  try {
    return body();
  } catch (const UsageError& e) {
    std::cerr << "trialgraph: " << e.message << "\n(see 'trialgraph " << command << " --help')\n";
    return kExitUsage;
  } catch (const LoadFailure& e) {
    std::cerr << "trialgraph: error: cannot load the graph: " << e.message << "\n";
    return kExitFatal;
  } catch (const query::QueryError& e) {
    std::cerr << "trialgraph: query error at " << e.what() << "\n";
    return kExitUsage;
  }
}

int run_query(const std::vector<std::string>& args) {
  return guarded("query", [&] {
    GraphArgs g = parse(args);
    if (g.help) return std::cout << kQueryHelp, int(kExitOk);
    auto format = query::result_format_from_name(g.format.empty() ? "table" : g.format);
    if (!format) throw UsageError{"unknown format '" + g.format + "' (table, csv, tsv, json)"};
    std::size_t need = g.from ? 2 : (g.graph_file ? 1 : 2);
    if (g.positional.size() < need || (!g.from && g.positional.size() != need))
      throw UsageError{g.from ? "query --from needs INPUT... and a query" : "query needs GRAPH and a query"};
    std::string cypher = g.positional.back();
    std::optional<std::string> file = g.graph_file ? g.graph_file : std::optional<std::string>(g.positional.front());
    std::vector<fs::path> inputs(g.positional.begin(), g.positional.end() - 1);
    Graph graph = load_graph(file, inputs, g);
    query::QueryEngine engine(graph);
    query::write_result(engine.run(cypher), *format, std::cout);
    return int(kExitOk);
  });
}

std::string describe(const Graph& graph, Graph::Vertex v) {
  const Node& n = graph.store()[v];
  return "(:" + n.label + " {key: \"" + n.key + "\"" + (n.name != n.key ? ", name: \"" + n.name + "\"" : "") + "})";
}

Graph::Vertex resolve(const Graph& graph, const std::string& text) {
  std::vector<Graph::Vertex> found = find_nodes(graph, text);
  if (found.empty()) throw UsageError{"no node has the key or name '" + text + "'"};
  if (found.size() == 1) return found[0];
  std::string list;
  for (std::size_t i = 0; i < found.size() && i < 10; ++i) list += "\n  " + describe(graph, found[i]);
  if (found.size() > 10) list += "\n  ... and " + std::to_string(found.size() - 10) + " more";
  throw UsageError{"'" + text + "' is ambiguous (" + std::to_string(found.size()) +
                   " nodes); name one as Label:key:" + list};
}

int run_path(const std::vector<std::string>& args) {
  return guarded("path", [&] {
    GraphArgs g = parse(args);
    if (g.help) return std::cout << kPathHelp, int(kExitOk);
    if (g.positional.size() < 2) throw UsageError{"path needs two entities, A and B"};
    if (!g.from && !g.graph_file) throw UsageError{"path needs --graph GRAPH or --from INPUT..."};
    if (!g.from && g.positional.size() != 2) throw UsageError{"path takes two entities, A and B"};
    std::vector<fs::path> inputs(g.positional.begin() + 2, g.positional.end());
    if (g.from && inputs.empty()) throw UsageError{"path --from needs at least one INPUT"};
    Graph graph = load_graph(g.graph_file, inputs, g);
    Graph::Vertex a = resolve(graph, g.positional[0]), b = resolve(graph, g.positional[1]);
    auto steps = shortest_path(graph, a, b);
    if (!steps) {
      std::cout << "no path between " << describe(graph, a) << " and " << describe(graph, b) << "\n";
      return int(kExitDocumentsFailed);
    }
    std::cout << describe(graph, a) << "\n";
    for (const PathStep& s : *steps)
      std::cout << (s.forward ? "  -[:" : "  <-[:") << s.type << (s.forward ? "]->" : "]-") << " " << describe(graph, s.to) << "\n";
    std::cout << steps->size() << (steps->size() == 1 ? " relationship\n" : " relationships\n");
    return int(kExitOk);
  });
}

int run_stats(const std::vector<std::string>& args) {
  return guarded("stats", [&] {
    GraphArgs g = parse(args);
    if (g.help) return std::cout << kStatsHelp, int(kExitOk);
    if (g.positional.empty() || (!g.from && g.positional.size() != 1))
      throw UsageError{g.from ? "stats --from needs at least one INPUT" : "stats needs one GRAPH"};
    std::vector<fs::path> inputs(g.positional.begin(), g.positional.end());
    Graph graph = load_graph(g.positional.front(), inputs, g);
    GraphStats s = graph_stats(graph);
    std::cout << "nodes: " << graph.node_count() << "\n";
    for (const auto& [label, n] : s.nodes_by_label) std::cout << "  " << std::left << std::setw(14) << label << n << "\n";
    std::cout << "relationships: " << graph.edge_count() << "\n";
    for (const auto& [type, n] : s.edges_by_type) std::cout << "  " << std::left << std::setw(14) << type << n << "\n";
    std::cout << "highest degree (in + out):\n";
    for (const auto& [v, d] : s.top_degrees) std::cout << "  " << std::right << std::setw(6) << d << "  " << describe(graph, v) << "\n";
    std::cout << "isolated nodes: " << s.isolated_nodes << "\n";
    std::cout << "connected components: " << s.components << "\nlargest components:";
    for (std::size_t size : s.largest_components) std::cout << " " << size;
    std::cout << "\n";
    return int(kExitOk);
  });
}

}  // namespace

const std::vector<GraphCommand>& graph_commands() {
  static const std::vector<GraphCommand> commands = {
      {"query", kQueryHelp, run_query}, {"path", kPathHelp, run_path}, {"stats", kStatsHelp, run_stats}};
  return commands;
}

}  // namespace trialgraph
