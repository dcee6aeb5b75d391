#include "pipeline.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "trialgraph/document_buffer.hpp"

namespace trialgraph {
namespace fs = std::filesystem;

namespace {

bool hidden(const fs::path& p) { return p.filename().string().rfind('.', 0) == 0; }

void walk_folder(const fs::path& dir, std::vector<fs::path>& out, std::vector<Problem>& problems) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    fs::file_status st = it->status(type_ec);  // follows links to files; links to folders are not walked
    if (fs::is_directory(st)) {
      if (hidden(it->path())) it.disable_recursion_pending();
    } else if (hidden(it->path())) {
      continue;
    } else if (type_ec || !fs::exists(st)) {
      problems.push_back({it->path().string(), "", "cannot read: broken link or missing file"});
    } else if (!fs::is_regular_file(st)) {
      problems.push_back({it->path().string(), "", "not a regular file (a FIFO, socket or device); skipped"});
    } else {
      out.push_back(it->path());
    }
  }
  // After an error the iterator cannot go on: say where the walk stopped.
  if (ec) problems.push_back({dir.string(), "", "cannot read folder: " + ec.message()});
}

// A file whose name promises a format a plugin reads (".json") but that holds binary bytes is a
// broken document; other files no plugin claims (a README, a manifest) are simply not documents.
bool broken_by_its_name(const PluginRegistry& plugins, const fs::path& path, std::string_view head) {
  bool utf16 = head.size() >= 2 && ((unsigned char)head[0] == 0xFF || (unsigned char)head[0] == 0xFE);
  if (utf16 || head.find('\0') == std::string_view::npos) return false;
  std::string extension = path.extension().string();
  for (const auto& plugin : plugins.plugins())
    for (const std::string& declared : plugin->manifest.extensions)
      if (declared == extension) return true;
  return false;
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

namespace {

DocumentOutcome failed(const fs::path& path, std::string plugin, std::string why) {
  DocumentOutcome o{path.string(), std::move(plugin), DocumentOutcome::Status::failed};
  o.problems.push_back(std::move(why));
  return o;
}

// Reads, detects and extracts one document, merging what it gave into `graph` when it succeeded.
// `bytes` is reused from document to document.
DocumentOutcome extract_one(const InputDocument& document, const PluginRegistry& plugins, Graph& graph,
                            std::string& bytes) {
  const fs::path& path = document.path;
  std::string error;
  std::string source = path.filename().string();
  if (!read_file(path, kHeadBytes, bytes, error)) return failed(path, "", error);
  if (bytes.empty()) return failed(path, "", "empty file");
  Detection found = plugins.detect(source, bytes);
  if (!found.plugin) {
    if (!document.named && !broken_by_its_name(plugins, path, bytes))
      return {path.string(), "", DocumentOutcome::Status::skipped};
    return failed(path, "", "no plugin reads this kind of document (see 'trialgraph plugins')");
  }
  const std::string& plugin_name = found.plugin->manifest.name;
  if (bytes.size() == kHeadBytes && !read_file(path, std::string::npos, bytes, error))
    return failed(path, plugin_name, error);
  DocumentBuffer buffer;
  ExtractStatus status = found.plugin->extractor->extract(Document{path.native(), source, bytes}, buffer);
  if (!status.ok) {
    DocumentOutcome o = failed(path, plugin_name, status.error.empty() ? "extraction failed" : status.error);
    o.bytes = bytes.size();
    return o;
  }
  buffer.finish();
  for (const Entity& e : buffer.entities()) graph.merge_entity(e, source);
  for (const Relation& r : buffer.relations()) graph.merge_relation(r, source);
  DocumentOutcome o{path.string(), plugin_name,
                    buffer.problems().empty() ? DocumentOutcome::Status::ok : DocumentOutcome::Status::partial};
  o.bytes = bytes.size();
  o.entities = buffer.entities().size();
  o.relations = buffer.relations().size();
  o.problems = buffer.problems();
  return o;
}

}  // namespace

RunReport extract_documents(const std::vector<InputDocument>& documents, const PluginRegistry& plugins,
                            Graph& graph, const ExtractCallbacks& callbacks) {
  RunReport report;
  std::string bytes;
  for (const InputDocument& document : documents) {
    DocumentOutcome outcome = extract_one(document, plugins, graph, bytes);
    if (outcome.status == DocumentOutcome::Status::skipped) {
      report.skipped.push_back(outcome.path);
    } else {
      ++report.documents;
      report.bytes += outcome.bytes;
      if (outcome.status != DocumentOutcome::Status::ok) ++report.failed;
      bool document_failed = outcome.status == DocumentOutcome::Status::failed;
      for (const std::string& why : outcome.problems) {
        Problem p{outcome.path, outcome.plugin, why, document_failed};
        if (callbacks.on_problem) callbacks.on_problem(p);
        report.problems.push_back(std::move(p));
      }
    }
    if (callbacks.on_document) callbacks.on_document(outcome);
    if (callbacks.on_progress)
      callbacks.on_progress(report.documents + report.skipped.size(), documents.size(), report.bytes);
    if (callbacks.stop_at_first_failure && report.failed) {
      report.stopped_early = &document != &documents.back();
      break;
    }
  }
  // The legacy XML names MeSH terms without their ids: such a disease is the coded one of that name.
  graph.merge_named_into_coded(label::kDisease, "mesh_id");
  return report;
}

}  // namespace trialgraph
