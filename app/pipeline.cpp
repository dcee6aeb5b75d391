#include "pipeline.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>


namespace trialgraph {
namespace fs = std::filesystem;

namespace {

bool hidden(const fs::path& p) { return p.filename().string().rfind('.', 0) == 0; }

// Walks `dir` recursively, not following links to folders. A folder that cannot be read is
// reported, and the walk goes on with the others.
void walk_folder(const fs::path& dir, std::vector<fs::path>& out, std::vector<Problem>& problems) {
  std::error_code ec;
  fs::directory_iterator it(dir, fs::directory_options::none, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    fs::file_status st = it->status(type_ec);  // follows links to files
    bool link = it->is_symlink(type_ec);
    if (hidden(it->path())) continue;
    if (fs::is_directory(st)) {
      if (!link) walk_folder(it->path(), out, problems);  // links to folders are not walked: no loops
    } else if (type_ec || !fs::exists(st)) {
      problems.push_back({it->path().string(), "", "cannot read: broken link or missing file"});
    } else if (!fs::is_regular_file(st)) {
      problems.push_back({it->path().string(), "", "not a regular file (a FIFO, socket or device); skipped"});
    } else {
      out.push_back(it->path());
    }
  }
  if (ec) problems.push_back({dir.string(), "", "cannot read folder: " + ec.message()});
}

}  // namespace

bool read_file(const fs::path& path, std::size_t limit, std::string& bytes, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  bytes.clear();
  char buffer[1 << 16];
  while (bytes.size() < limit && in.read(buffer, sizeof buffer).gcount() > 0) {
    bytes.append(buffer, std::size_t(in.gcount()));
    if (!in) break;
  }
  if (in.bad()) {
    error = std::string("read error: ") + std::strerror(errno);
    return false;
  }
  if (bytes.size() > limit) bytes.resize(limit);
  return true;
}


std::vector<InputDocument> collect_documents(const std::vector<fs::path>& inputs, std::vector<Problem>& problems) {
  std::vector<fs::path> named, in_folders;
  for (const fs::path& input : inputs) {
    std::error_code ec;
    fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) problems.push_back({input.string(), "", "no such file or folder"});
    else if (fs::is_directory(st)) walk_folder(input, in_folders, problems);
    else if (fs::is_regular_file(st)) named.push_back(input);
    else problems.push_back({input.string(), "", "not a regular file (a FIFO, socket or device); skipped"});
  }
  std::vector<std::pair<fs::path, InputDocument>> keyed;  // (canonical, as given)
  for (auto* list : {&named, &in_folders})
    for (const fs::path& p : *list) {
      std::error_code ec;
      fs::path canon = fs::weakly_canonical(p, ec);
      keyed.emplace_back(ec ? p : canon, InputDocument{p, list == &named});
    }
  // A file named and also found in a folder counts as named (it comes first among equals).
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return std::make_pair(a.first.filename(), a.first) < std::make_pair(b.first.filename(), b.first);
  });
  keyed.erase(std::unique(keyed.begin(), keyed.end(),
                          [](const auto& a, const auto& b) { return a.first == b.first; }),
              keyed.end());
  std::vector<InputDocument> documents;
  for (auto& k : keyed) documents.push_back(std::move(k.second));
  return documents;
}

const char* status_name(DocumentOutcome::Status status) {
  switch (status) {
    case DocumentOutcome::Status::ok: return "ok";
    case DocumentOutcome::Status::partial: return "partial";
    case DocumentOutcome::Status::failed: return "failed";
    case DocumentOutcome::Status::skipped: return "skipped";
  }
  return "?";
}

}  // namespace trialgraph
