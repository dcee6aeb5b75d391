#include "cli.hpp"

#include <cctype>
#include <cerrno>
#include <csignal>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "check_plugin_command.hpp"
#include "document_report.hpp"
#include "pipeline.hpp"
#include "query_commands.hpp"
#include "trialgraph/document_buffer.hpp"
#include "trialgraph/exporters.hpp"
#include "trialgraph/loader.hpp"
#include "trialgraph/recognizer.hpp"
#include "trialgraph/temp_output.hpp"

namespace trialgraph {
namespace fs = std::filesystem;

namespace {

const char* kMainHelp =
    "usage: trialgraph <command> [options]\n"
    "\n"
    "Turns clinical-trial documents into one knowledge graph.\n"
    "\n"
    "commands:\n"
    "  extract INPUT... -o OUT   extract documents (files or folders) into a graph file\n"
    "  plugins                   list the loaded plugins, where from, formats and versions\n"
    "  detect FILE...            say which plugin reads each file and how sure it is\n"
    "  check-plugin PATH [SAMPLES...]  run the conformance checks on a plugin file\n"
    "  query GRAPH 'CYPHER'      answer a read-only Cypher query over a graph (or --from INPUT...)\n"
    "  path A B --graph GRAPH    a shortest path between two entities (by key or name)\n"
    "  stats GRAPH               counts by label and type, degree extremes, connected components\n"
    "\n"
    "options for every command:\n"
    "  --plugin-dir DIR          also load plugins from DIR (repeatable);\n"
    "                            TRIALGRAPH_PLUGIN_PATH (':'-separated) adds more\n"
    "  -h, --help                this text, or a command's own with 'trialgraph COMMAND --help'\n"
    "\n"
    "exit codes: 0 all read, 1 some documents failed (the rest is written; nothing when all\n"
    "            failed), 2 usage error,\n"
    "            3 the run could not be done (no plugins, output not written)\n";

const char* kExtractHelp =
    "usage: trialgraph extract [options] INPUT... -o OUT [-o OUT2 ...]\n"
    "\n"
    "Reads every document under the INPUTs (files, or folders walked recursively), lets the most\n"
    "confident plugin extract each, merges everything into one graph and writes it out.\n"
    "A document that cannot be read is reported (file, plugin, reason); the others go on.\n"
    "A file in a folder that no plugin claims (a README, a manifest) is skipped and listed.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE    where to write; the format follows the extension (.graphml, .ttl,\n"
    "                       .nt, .nq); repeat to write several formats from one extraction\n"
    "  --format NAME        for outputs whose extension says none: graphml, turtle, ntriples,\n"
    "                       nquads (one named graph per source document), or neo4j-csv (-o names\n"
    "                       a folder: CSV files for neo4j-admin, whose import command is printed)\n"
    "  --base-iri IRI       base for local entity IRIs in RDF (default https://w3id.org/trialgraph/id/)\n"
    "  --plugin-dir DIR     also load plugins from DIR (repeatable)\n"
    "  --lexicon FILE       add a lexicon (JSON, as core/lexicons/*.json) to the built-in ones;\n"
    "                       its entries extend those of the same name (repeatable)\n"
    "  --report FILE        one JSON line per document: path, plugin, status (ok, partial, failed,\n"
    "                       skipped), bytes, entities, relations, problems\n"
    "  --fail-fast          stop at the first document that fails; nothing but the report is written\n"
    "  -j, --jobs N         extraction and writing threads (default: one per core); the output is the same for any N\n"
    "  --max-document-size MIB   a larger document, or record of an NDJSON file or JSON array,\n"
    "                       fails (default 64)\n"
    "  --max-entities N     a document emitting more entities and relations fails (default 1000000)\n"
    "  --time-budget SECONDS     a document taking longer fails; a plugin call that does not come\n"
    "                       back is abandoned (default 60)\n"
    "  -q, --quiet          no progress line and no summary; problems are still printed\n"
    "  -h, --help           this text\n";

const char* kPluginsHelp =
    "usage: trialgraph plugins [--plugin-dir DIR]\n"
    "\n"
    "Lists the plugins found (name, version, ABI, formats, file) and the files in the plugin\n"
    "folders that could not be loaded, with the reason. Exit code 0 when all loaded, 1 otherwise.\n";

const char* kDetectHelp =
    "usage: trialgraph detect [--plugin-dir DIR] FILE...\n"
    "\n"
    "For each file (folders are walked), prints the plugin that would read it and how sure it is\n"
    "(yes or maybe), or that no plugin claims it. Exit code 1 when some file is not claimed.\n";

const char* kCheckPluginHelp =
    "usage: trialgraph check-plugin [--timeout SECONDS] PLUGIN.so [SAMPLE...]\n"
    "\n"
    "Checks that a plugin file keeps the plugin contract (docs/plugins.md): it loads, its ABI\n"
    "version matches, its manifest is valid, it claims its own samples with 'yes' and reads them\n"
    "with relations only between entities it emitted (the same facts when read twice), it declines\n"
    "the bundled formats' samples, and it survives empty, garbage and truncated input.\n"
    "SAMPLEs are files or folders of the plugin's own format; a bundled plugin's own are used when\n"
    "none are given. The checks run in a child process: a crash or a hang fails, naming the input.\n"
    "\n"
    "options:\n"
    "  --timeout SECONDS    how long one step may take before the plugin is said to hang (default 60)\n"
    "\n"
    "Exit code 0 when every check passed, 1 when one failed, 2 usage error.\n";

struct Options {
  std::string command;
  std::vector<fs::path> inputs;
  std::vector<fs::path> outputs;
  std::vector<fs::path> plugin_dirs;
  std::vector<std::string> lexicons;
  std::optional<OutputFormat> format;
  ExportOptions export_options;
  std::optional<fs::path> report;
  bool fail_fast = false;
  ExtractOptions extract;
  bool quiet = false;
  bool help = false;
  int timeout_seconds = 60;
};

struct UsageError {
  std::string message;
};

// A positive whole number for `option`, at most `max`.
std::size_t whole_number(const std::string& option, const std::string& v, std::size_t max) {
  if (v.empty() || v.size() > 12 || v.find_first_not_of("0123456789") != std::string::npos || std::stoull(v) == 0 ||
      std::stoull(v) > max)
    throw UsageError{option + " needs a whole number from 1 to " + std::to_string(max) + ", got '" + v + "'"};
  return std::stoull(v);
}

Options parse_args(int argc, char** argv) {
  Options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto value = [&](std::size_t& i) -> std::string {
    if (i + 1 >= args.size()) throw UsageError{args[i] + " needs a value"};
    return args[++i];
  };
  bool only_positional = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (only_positional || a.empty() || a[0] != '-' || a == "-") {
      if (o.command.empty()) o.command = a;
      else o.inputs.emplace_back(a);
    } else if (a == "--") {
      only_positional = true;
    } else if (a == "-h" || a == "--help") {
      o.help = true;
    } else if (a == "-o" || a == "--output") {
      o.outputs.emplace_back(value(i));
    } else if (a == "--plugin-dir") {
      o.plugin_dirs.emplace_back(value(i));
    } else if (a == "--lexicon") {
      o.lexicons.emplace_back(value(i));
    } else if (a == "--format") {
      std::string name = value(i);
      o.format = format_from_name(name);
      if (!o.format) throw UsageError{"unknown format '" + name + "' (graphml, turtle, ntriples, nquads, neo4j-csv)"};
    } else if (a == "--base-iri") {
      o.export_options.base_iri = value(i);
      if (!valid_base_iri(o.export_options.base_iri))
        throw UsageError{"--base-iri must be an absolute IRI ending in / or #, got '" +
                         o.export_options.base_iri + "'"};
    } else if (a == "--timeout") {
      std::string v = value(i);
      o.timeout_seconds = std::atoi(v.c_str());
      if (o.timeout_seconds <= 0 || v.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError{"--timeout needs a whole number of seconds, got '" + v + "'"};
    } else if (a == "--report") {
      o.report = value(i);
    } else if (a == "--fail-fast") {
      o.fail_fast = true;
    } else if (a == "-j" || a == "--jobs") {
      o.extract.jobs = o.export_options.jobs = unsigned(whole_number(a, value(i), 1024));
    } else if (a.rfind("-j", 0) == 0 && a.size() > 2 && std::isdigit((unsigned char)a[2])) {
      o.extract.jobs = o.export_options.jobs = unsigned(whole_number("-j", a.substr(2), 1024));
    } else if (a == "--max-document-size") {
      o.extract.limits.max_document_bytes = whole_number(a, value(i), 1 << 20) << 20;
    } else if (a == "--max-entities") {
      o.extract.limits.max_entities = whole_number(a, value(i), std::size_t(1) << 40);
    } else if (a == "--time-budget") {
      o.extract.limits.time_budget_seconds = double(whole_number(a, value(i), 1'000'000));
    } else if (a == "-q" || a == "--quiet") {
      o.quiet = true;
    } else {
      throw UsageError{"unknown option '" + a + "'"};
    }
  }
  return o;
}

PluginRegistry load_plugins(const Options& o) {
  PluginRegistry registry;
  for (const fs::path& dir : plugin_search_path(o.plugin_dirs)) registry.load_directory(dir);
  return registry;
}

void report_load_errors(const PluginRegistry& registry) {
  for (const LoadError& e : registry.errors())
    std::cerr << "trialgraph: plugin " << e.path.string() << ": " << e.reason << "\n";
}

void print_problem(const Problem& p) {
  std::cerr << "trialgraph: " << (p.document_failed ? "error: " : "warning: ") << p.path;
  if (!p.plugin.empty()) std::cerr << " [" << p.plugin << "]";
  std::cerr << ": " << clip_text(p.reason) << "\n";  // a plugin may quote a whole 200 MB line
}

std::string counts_text(const std::map<std::string, std::size_t>& counts) {
  std::string text;
  for (const auto& [name, n] : counts) text += (text.empty() ? "" : ", ") + name + " " + std::to_string(n);
  return text;
}

// A one-line progress display on a terminal, redrawn at most ten times a second: documents and
// records done, the share of the input bytes read, the rate, and the time left.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()) {}
  void update(const ExtractProgress& p) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double share = p.total_bytes ? std::min(1.0, double(p.bytes) / double(p.total_bytes)) : 1.0;
    double left = share > 0 ? secs * (1 - share) / share : 0;
    std::fprintf(stderr, "\r\033[K%zu documents, %zu records  %3.0f%%  %.0f records/s  %.1f MB/s  %.0f s left",
                 p.documents, p.records, 100 * share, secs > 0 ? p.records / secs : 0.0,
                 secs > 0 ? p.bytes / 1e6 / secs : 0.0, left);
    shown_ = true;
  }
  void clear() {
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point start_, last_;
};

std::vector<std::pair<fs::path, OutputFormat>> resolve_outputs(const Options& o) {
  if (o.outputs.empty())
    throw UsageError{"extract needs an output: -o FILE.graphml, -o FILE.ttl (.nt, .nq) or -o DIR --format neo4j-csv"};
  std::vector<std::pair<fs::path, OutputFormat>> outputs;
  for (const fs::path& out : o.outputs) {
    std::optional<OutputFormat> f = format_from_path(out);
    if (!f) f = o.format;
    if (!f)
      throw UsageError{"cannot tell the format of '" + out.string() + "' (use .graphml, .ttl, .nt, .nq or --format)"};
    outputs.emplace_back(out, *f);
  }
  return outputs;
}

// What an output path names, and the folder it goes into: "csv/" names the folder csv in ".".
struct OutputPlace {
  fs::path target, folder;
  explicit OutputPlace(const fs::path& out)
      : target(out.has_filename() ? out : out.parent_path()),
        folder(target.parent_path().empty() ? fs::path(".") : target.parent_path()) {}
};

// Why `out` cannot be written, said before the extraction rather than after minutes of it: its
// folder is missing or read-only, or a file output names a folder. Empty when it looks writable.
std::string unwritable_output(const fs::path& out, OutputFormat format) {
  const auto [target, folder] = OutputPlace(out);
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return "cannot write " + out.string() + ": the folder " + folder.string() + " does not exist";
  if (::access(folder.c_str(), W_OK) != 0) return "cannot write " + out.string() + ": the folder " + folder.string() + " is not writable";
  if (format != OutputFormat::neo4j_csv && fs::is_directory(target, ec)) return "cannot write " + out.string() + ": it is a folder";
  return "";
}

// A run killed outright (SIGKILL, as the kernel's out-of-memory killer sends) cannot remove its
// temporary output, which may be gigabytes beside the target. A file `<output>.tmp-<pid>` whose
// process is gone is removed, and said; a live process's is left alone.
void remove_stale_temporaries(const fs::path& out, bool quiet) {
  const auto [target, folder] = OutputPlace(out);
  const std::string prefix = target.filename().string() + kTemporaryInfix;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid <= 0 || pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
    std::error_code io;
    if (!it->is_regular_file(io)) {
      std::cerr << "trialgraph: " << it->path().string() << " was left by an interrupted run (process " << pid
                << " is gone); remove it by hand\n";
      continue;
    }
    std::error_code size_error;
    const std::uintmax_t bytes = it->file_size(size_error);
    if (fs::remove(it->path(), io) && !quiet)
      std::cerr << "trialgraph: removed " << it->path().string() << " (" << (size_error ? 0 : bytes >> 20)
                << " MiB), left by an interrupted run (process " << pid << " is gone)\n";
  }
}

// Writes every output; false when one could not be written (each is said on stderr).
bool write_outputs(const Graph& graph, const std::vector<std::pair<fs::path, OutputFormat>>& outputs,
                   const Options& o, std::vector<std::string>& import_commands) {
  bool written = true;
  for (const auto& [path, format] : outputs) {
    std::string error, command;
    bool ok = format == OutputFormat::neo4j_csv ? export_neo4j_csv(graph, path, command, error, o.export_options)
                                                : export_to_file(graph, path, format, o.export_options, error);
    if (!ok) std::cerr << "trialgraph: error: " << error << "\n";
    if (!command.empty()) import_commands.push_back(command);
    written = written && ok;
  }
  return written;
}

void print_summary(const RunReport& report, std::size_t failed, const FailureTally& tally, const Graph& graph,
                   double read_secs, double write_secs) {
  std::ostringstream line;
  line << "trialgraph: " << report.documents << " documents read, " << failed << " failed";
  if (!report.skipped.empty()) line << ", " << report.skipped.size() << " other files skipped";
  line << "; " << graph.node_count() << " nodes (" << counts_text(graph.nodes_by_label()) << "), "
       << graph.edge_count() << " edges (" << counts_text(graph.edges_by_type()) << ") in " << std::fixed
       << std::setprecision(2) << read_secs + write_secs << " s (extracting " << read_secs << " s, writing "
       << write_secs << " s)";
  std::cout << line.str() << "\n";
  if (failed) std::cout << "trialgraph: failed: " << tally.text() << "\n";
  for (const std::string& path : report.skipped)
    std::cout << "trialgraph: skipped " << path << " (no plugin reads this kind of file)\n";
}

// Still reachable, so leak checkers do not report it; volatile, so the store is not optimised away.
Graph* volatile graph_left_to_exit = nullptr;

// Called as the process ends: freeing millions of nodes, strings and edges one by one takes a
// second or more at the registry's size, and the system takes the memory back at once.
void leave_to_exit(std::unique_ptr<Graph> graph) { graph_left_to_exit = graph.release(); }

int run_extract(const Options& o) {
  if (o.inputs.empty()) throw UsageError{"extract needs at least one INPUT"};
  std::vector<std::pair<fs::path, OutputFormat>> outputs = resolve_outputs(o);
  for (const auto& [path, format] : outputs)
    if (std::string why = unwritable_output(path, format); !why.empty()) {
      std::cerr << "trialgraph: error: " << why << "\n";
      return kExitFatal;
    }
  for (const auto& [path, format] : outputs) remove_stale_temporaries(path, o.quiet);
  try {
    if (!o.lexicons.empty()) use_lexicon_files(o.lexicons);
  } catch (const LexiconError& e) {
    std::cerr << "trialgraph: error: lexicon " << e.what() << "\n";
    return kExitFatal;
  }
  PluginRegistry registry = load_plugins(o);
  report_load_errors(registry);
  if (registry.plugins().empty()) {
    std::cerr << "trialgraph: no plugins could be loaded; use --plugin-dir or TRIALGRAPH_PLUGIN_PATH\n";
    return kExitFatal;
  }
  DocumentReportFile report_file;
  std::string error;
  if (o.report && !report_file.open(*o.report, error)) {
    std::cerr << "trialgraph: error: " << error << "\n";
    return kExitFatal;
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<Problem> walk_problems;
  std::vector<InputDocument> documents = collect_documents(o.inputs, walk_problems);
  FailureTally tally;
  for (const Problem& p : walk_problems) {
    print_problem(p);
    DocumentOutcome outcome{p.path, "", DocumentOutcome::Status::failed, 0, 0, 0, {p.reason}};
    report_file.write(outcome);
    tally.add(outcome);
  }

  auto owned = std::make_unique<Graph>();
  Graph& graph = *owned;
  Progress progress(!o.quiet && ::isatty(STDERR_FILENO));
  ExtractCallbacks callbacks;
  callbacks.on_problem = [&](const Problem& p) { progress.clear(); print_problem(p); };
  callbacks.on_progress = [&](const ExtractProgress& p) { progress.update(p); };
  callbacks.on_document = [&](const DocumentOutcome& d) {
    report_file.write(d);
    tally.add(d);
  };
  callbacks.stop_at_first_failure = o.fail_fast;
  RunReport report;
  if (!(o.fail_fast && !walk_problems.empty())) report = extract_documents(documents, registry, graph, callbacks, o.extract);
  progress.clear();
  std::size_t failed = report.failed + walk_problems.size();
  bool report_written = !o.report || report_file.commit(error);
  if (!report_written) std::cerr << "trialgraph: error: " << error << "\n";
  if (o.fail_fast && failed) {
    std::cerr << "trialgraph: stopped at the first failure (--fail-fast); no graph written\n";
    return kExitDocumentsFailed;
  }
  if (failed && graph.node_count() == 0) {  // an empty graph would replace earlier outputs with nothing
    std::cerr << "trialgraph: error: nothing could be read (" << tally.text()
              << "); no graph written, earlier outputs are left as they were\n";
    return kExitDocumentsFailed;
  }

  auto extracted = std::chrono::steady_clock::now();
  std::vector<std::string> import_commands;
  bool written = write_outputs(graph, outputs, o, import_commands) && report_written;
  auto end = std::chrono::steady_clock::now();
  double read_secs = std::chrono::duration<double>(extracted - start).count();
  double write_secs = std::chrono::duration<double>(end - extracted).count();
  if (!o.quiet) {
    print_summary(report, failed, tally, graph, read_secs, write_secs);
    if (written)
      for (const auto& [path, format] : outputs) std::cout << "trialgraph: wrote " << path.string() << "\n";
    if (written && o.report) std::cout << "trialgraph: wrote the report " << o.report->string() << "\n";
  }
  for (const std::string& command : import_commands)  // printed even with -q: it is what the user asked for
    std::cout << "trialgraph: load the CSV files (database stopped and empty) with:\n" << command << "\n";
  int code = !written ? kExitFatal : failed ? kExitDocumentsFailed : kExitOk;
  if (report.abandoned_calls) {  // a plugin thread is still running: leave before destructors run
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(code);
  }
  leave_to_exit(std::move(owned));
  return code;
}

int run_plugins(const Options& o) {
  PluginRegistry registry = load_plugins(o);
  for (const auto& p : registry.plugins()) {
    const Manifest& m = p->manifest;
    std::string formats, exts;
    for (const auto& f : m.formats) formats += (formats.empty() ? "" : ", ") + f;
    for (const auto& e : m.extensions) exts += (exts.empty() ? "" : " ") + e;
    std::cout << m.name << " " << m.version << " (ABI " << m.abi_version << ", priority " << m.priority
              << ")\n  formats: " << formats << "\n  extensions: " << exts << "\n  file: " << p->path.string()
              << "\n";
    if (!m.description.empty()) std::cout << "  " << m.description << "\n";
  }
  for (const LoadError& e : registry.errors())
    std::cout << "not loaded: " << e.path.string() << "\n  " << e.reason << "\n";
  if (registry.plugins().empty()) std::cout << "no plugins found\n";
  return registry.errors().empty() && !registry.plugins().empty() ? kExitOk : kExitDocumentsFailed;
}

int run_detect(const Options& o) {
  if (o.inputs.empty()) throw UsageError{"detect needs at least one FILE"};
  PluginRegistry registry = load_plugins(o);
  report_load_errors(registry);
  std::vector<Problem> problems;
  std::vector<InputDocument> files = collect_documents(o.inputs, problems);
  for (const Problem& p : problems) print_problem(p);
  bool all_claimed = problems.empty();
  for (const InputDocument& input : files) {
    const fs::path& file = input.path;
    std::string head, error;
    if (!read_file(file, kHeadBytes, head, error)) {
      std::cout << file.string() << "\tunreadable: " << error << "\n";
      all_claimed = false;
      continue;
    }
    Detection d = registry.detect(file.filename().string(), head);
    if (d.plugin)
      std::cout << file.string() << "\t" << d.plugin->manifest.name << "\t"
                << (d.confidence == Confidence::yes ? "yes" : "maybe") << "\n";
    else
      std::cout << file.string() << "\tnone\n";
    all_claimed = all_claimed && d.plugin;
  }
  return all_claimed ? kExitOk : kExitDocumentsFailed;
}

int run_check_plugin_command(const Options& o) {
  if (o.inputs.empty()) throw UsageError{"check-plugin needs the plugin file to check"};
  PluginCheckInputs inputs;
  inputs.plugin_file = o.inputs.front();
  std::vector<fs::path> samples(o.inputs.begin() + 1, o.inputs.end());
  for (const fs::path& s : samples)
    if (!fs::exists(s)) throw UsageError{"no such sample: '" + s.string() + "'"};
  inputs.own_samples = files_under(samples);
  inputs.conformance_dir = bundled_conformance_dir();
  return run_check_plugin(inputs, o.timeout_seconds);
}

}  // namespace

int run_cli(int argc, char** argv) {
  // query, path and stats read their own options (--format means a result format there).
  if (argc > 1)
    for (const GraphCommand& c : graph_commands())
      if (argv[1] == std::string(c.name)) return c.run(std::vector<std::string>(argv + 2, argv + argc));
  Options o;
  try {
    o = parse_args(argc, argv);
    const std::map<std::string, std::pair<const char*, int (*)(const Options&)>> commands = {
        {"extract", {kExtractHelp, run_extract}},
        {"plugins", {kPluginsHelp, run_plugins}},
        {"detect", {kDetectHelp, run_detect}},
        {"check-plugin", {kCheckPluginHelp, run_check_plugin_command}},
    };
    if (o.command.empty() || o.command == "help") {
      (o.help || o.command == "help" ? std::cout : std::cerr) << kMainHelp;
      return o.help || o.command == "help" ? kExitOk : kExitUsage;
    }
    auto cmd = commands.find(o.command);
    if (cmd == commands.end()) throw UsageError{"unknown command '" + o.command + "'"};
    if (o.help) {
      std::cout << cmd->second.first;
      return kExitOk;
    }
    return cmd->second.second(o);
  } catch (const UsageError& e) {
    std::cerr << "trialgraph: " << e.message << "\n(see 'trialgraph " << (o.command.empty() ? "" : o.command + " ")
              << "--help')\n";
    return kExitUsage;
  }
}

}  // namespace trialgraph
