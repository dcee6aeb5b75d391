// `extract --report FILE`: one JSON line per document (path, plugin, status, counts, problems),
// and the summary's failures grouped by reason.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "pipeline.hpp"
#include "trialgraph/temp_output.hpp"

namespace trialgraph {

/// Written under a temporary name and renamed by commit(), so that an interrupted run leaves the
/// previous report or none, never half of one (the temporary file goes on SIGINT/SIGTERM too).
class DocumentReportFile {
 public:
  /// False, with the reason in `error`, when the file cannot be created.
  bool open(const std::filesystem::path& path, std::string& error);
  void write(const DocumentOutcome& outcome);
  bool commit(std::string& error);
  ~DocumentReportFile();

 private:
  std::filesystem::path path_, temp_;
  std::ofstream out_;
  std::unique_ptr<TempOutputGuard> guard_;
  bool committed_ = false;
};

/// Counts failed documents by the kind of their first problem ("not valid JSON", "empty file"),
/// and documents read in part under "read in part".
class FailureTally {
 public:
  void add(const DocumentOutcome& outcome);
  /// "3 not valid JSON, 1 empty file; 1 read in part", most frequent first; empty when none failed.
  std::string text() const;

 private:
  std::map<std::string, std::size_t> failed_by_kind_;
  std::size_t partial_ = 0;
};

/// The kind of a problem: its text before the details ("not valid JSON: parse error at ..." ->
/// "not valid JSON").
std::string problem_kind(const std::string& reason);

}  // namespace trialgraph
