// From input paths to a merged graph: walk, detect, extract, check, merge, and say what failed.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "trialgraph/graph.hpp"
#include "trialgraph/loader.hpp"

namespace trialgraph {

/// Something that went wrong with one document (or an input path), for the user.
struct Problem {
  std::string path;
  std::string plugin;  ///< empty when no plugin was involved
  std::string reason;
  bool document_failed = true;  ///< false: the document was read, but part of it was not
};

struct RunReport {
  std::size_t documents = 0;  ///< documents attempted
  std::size_t failed = 0;     ///< documents that failed, wholly or in part
  std::size_t bytes = 0;
  std::vector<Problem> problems;
  /// Files found in a folder that no plugin claims (a README, a manifest): not trial documents.
  std::vector<std::string> skipped;
  bool stopped_early = false;  ///< stop_at_first_failure cut the run short
  /// A plugin call that never came back was left running: exit without running destructors.
  bool abandoned_calls = false;
};

struct InputDocument {
  std::filesystem::path path;
  bool named = false;  ///< given on the command line, not found in a folder
};

/// The documents under `inputs` (files, or folders walked recursively without following folder
/// links), deduplicated and in a canonical order (base name, then path) so that the command-line
/// order does not change the graph. Paths that cannot be walked or read are added to `problems`.
std::vector<InputDocument> collect_documents(const std::vector<std::filesystem::path>& inputs,
                                             std::vector<Problem>& problems);

/// How much of a file plugins see in identify().
inline constexpr std::size_t kHeadBytes = 64 * 1024;

/// Reads at most `limit` bytes of a file into `bytes`; false with the reason in `error`.
bool read_file(const std::filesystem::path& path, std::size_t limit, std::string& bytes, std::string& error);

/// What became of one document, for the per-document report (`--report FILE`).
struct DocumentOutcome {
  enum class Status { ok, partial, failed, skipped };
  std::string path;
  std::string plugin;  ///< empty when no plugin claimed it
  Status status = Status::ok;
  std::size_t bytes = 0, entities = 0, relations = 0;
  std::vector<std::string> problems;  ///< the failure, or what was not read of a partial document
};

/// "ok", "partial", "failed" or "skipped".
const char* status_name(DocumentOutcome::Status status);

/// Progress so far: documents finished, records merged (a document is one record unless it is a
/// stream of them), and bytes read of all the inputs' bytes.
struct ExtractProgress {
  std::size_t documents = 0, records = 0, bytes = 0, total_bytes = 0;
};

struct ExtractCallbacks {
  std::function<void(const Problem&)> on_problem;            ///< as each problem occurs
  std::function<void(const ExtractProgress&)> on_progress;   ///< often, from the calling thread
  std::function<void(const DocumentOutcome&)> on_document;   ///< as each document is done
  bool stop_at_first_failure = false;  ///< --fail-fast: documents after a failed one are not read
};

/// What one document (or one record of a stream) may take before it fails.
struct ExtractLimits {
  std::size_t max_document_bytes = std::size_t(64) << 20;   ///< a whole document, or one record
  std::size_t max_entities = 1'000'000;                     ///< entities and relations it emits
  double time_budget_seconds = 60;                          ///< for its extraction
};

struct ExtractOptions {
  unsigned jobs = 0;  ///< extraction threads; 0: one per core
  ExtractLimits limits;
};

/// Extracts every document into `graph`. A failing document is reported and the others go on. A
/// file no plugin claims fails when it was named, or when its name promises a format a plugin reads
/// but it holds binary bytes; otherwise (a README or manifest found in a folder) it is skipped.
/// Documents (and the records of an NDJSON file or JSON array, for plugins that read records
/// alone) are extracted by `jobs` threads and merged in input order: the graph is the same
/// whatever the number of threads.
RunReport extract_documents(const std::vector<InputDocument>& documents,
                            const PluginRegistry& plugins, Graph& graph,
                            const ExtractCallbacks& callbacks = {}, const ExtractOptions& options = {});

}  // namespace trialgraph
