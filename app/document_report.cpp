#include "document_report.hpp"

#include <algorithm>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "trialgraph/document_buffer.hpp"

namespace trialgraph {
namespace fs = std::filesystem;

bool DocumentReportFile::open(const fs::path& path, std::string& error) {
  path_ = path;
  temp_ = temporary_beside(path);
  guard_ = std::make_unique<TempOutputGuard>(temp_, TempOutputGuard::Kind::file);
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) error = "cannot write the report " + temp_.string() + ": " + std::generic_category().message(errno);
  return bool(out_);
}

void DocumentReportFile::write(const DocumentOutcome& o) {
  if (!out_.is_open()) return;
  std::vector<std::string> problems;  // a failure's reason comes from the plugin as it wrote it: clip it
  for (const std::string& p : o.problems) problems.push_back(clip_text(p));
  nlohmann::ordered_json line = {{"path", o.path},   {"plugin", o.plugin},       {"status", status_name(o.status)},
                         {"bytes", o.bytes},       {"entities", o.entities},   {"relations", o.relations},
                         {"problems", problems}};
  // Paths and problems quote documents, which may hold invalid UTF-8: replace it, never fail.
  out_ << line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

bool DocumentReportFile::commit(std::string& error) {
  out_.close();
  std::error_code ec;
  if (!out_) {
    error = "writing the report " + temp_.string() + " failed";
  } else {
    fs::rename(temp_, path_, ec);
    if (!ec) return committed_ = true;
    error = "cannot move " + temp_.string() + " to " + path_.string() + ": " + ec.message();
  }
  fs::remove(temp_, ec);
  return false;
}

DocumentReportFile::~DocumentReportFile() {
  if (committed_ || temp_.empty()) return;
  out_.close();
  std::error_code ignored;
  fs::remove(temp_, ignored);
}

std::string problem_kind(const std::string& reason) {
  std::size_t end = std::min({reason.find(':'), reason.find(" ("), reason.find(';')});
  std::string kind = reason.substr(0, end);
  return kind.size() > 60 ? kind.substr(0, 57) + "..." : kind;
}

void FailureTally::add(const DocumentOutcome& o) {
  if (o.status == DocumentOutcome::Status::partial) ++partial_;
  if (o.status == DocumentOutcome::Status::failed)
    ++failed_by_kind_[o.problems.empty() ? "failed" : problem_kind(o.problems.front())];
}

std::string FailureTally::text() const {
  std::vector<std::pair<std::string, std::size_t>> kinds(failed_by_kind_.begin(), failed_by_kind_.end());
  std::stable_sort(kinds.begin(), kinds.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string text;
  for (const auto& [kind, n] : kinds) text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
  if (partial_) text += (text.empty() ? "" : "; ") + std::to_string(partial_) + " read in part";
  return text;
}

}  // namespace trialgraph
