// Format choice and atomic outputs: a file or a folder is written beside its target under a
// temporary name and renamed into place, so a failed run never leaves half an output.
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <vector>
#include <functional>
#include <system_error>
#include <unistd.h>

#include "trialgraph/exporters.hpp"
#include "trialgraph/temp_output.hpp"

namespace trialgraph {
namespace fs = std::filesystem;

namespace {

constexpr const char* kScriptMark = "# Written by trialgraph extract --format neo4j-csv";

std::string errno_text() { return std::generic_category().message(errno); }

// Flushes what was written to `path` to the disk, so that a rename never puts in place a file whose
// data is still only in memory (a crash would leave it empty); a full disk may only show here.
bool sync_file(const fs::path& path, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    error = "writing " + path.string() + " failed: " + errno_text();
    if (fd >= 0) ::close(fd);
    return false;
  }
  ::close(fd);
  return true;
}

// Writes the whole of `path` (no rename): the caller owns atomicity.
bool write_plain(const fs::path& path, const std::function<void(std::ostream&)>& write, std::string& error) {
  std::vector<char> buffer(std::size_t(1) << 20);  // large writes: outputs run to gigabytes
  std::ofstream out;
  out.rdbuf()->pubsetbuf(buffer.data(), std::streamsize(buffer.size()));
  out.open(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    error = "cannot write " + path.string() + ": " + errno_text();
    return false;
  }
  write(out);
  out.close();  // flushes; a full disk or a file-size limit fails here at the latest
  if (!out) {
    error = "writing " + path.string() + " failed: " + errno_text();
    return false;
  }
  return sync_file(path, error);
}

bool write_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write, std::string& error) {
  fs::path temp = temporary_beside(path);
  TempOutputGuard guard(temp, TempOutputGuard::Kind::file);  // removed if the run is interrupted
  std::error_code ec;
  if (!write_plain(temp, write, error)) {
    fs::remove(temp, ec);
    return false;
  }
  fs::rename(temp, path, ec);
  if (ec) {
    error = "cannot move " + temp.string() + " to " + path.string() + ": " + ec.message();
    fs::remove(temp, ec);
    return false;
  }
  return true;
}

// --- neo4j-csv folders --------------------------------------------------------------------------

bool starts_with(const std::string& s, std::string_view prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A folder export_neo4j_csv wrote: its script carries the mark, and it holds nothing else of ours.
bool is_previous_output(const fs::path& dir) {
  std::ifstream script(dir / kNeo4jImportScript);
  std::string shebang, mark;
  if (!std::getline(script, shebang) || !std::getline(script, mark) || !starts_with(mark, kScriptMark)) return false;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    bool ours = name == kNeo4jImportScript ||
                ((starts_with(name, "nodes_") || starts_with(name, "relationships_")) && ends_with(name, ".csv"));
    if (!ours || !entry.is_regular_file()) return false;
  }
  return true;
}

// Why `dir` may not be replaced, or "" when it may.
std::string replace_refusal(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return "";
  if (!fs::is_directory(dir, ec)) return dir.string() + " exists and is not a folder";
  if (fs::is_empty(dir, ec) || is_previous_output(dir)) return "";
  return dir.string() + " is a folder with other files in it, not an earlier neo4j-csv output; "
         "name a new or empty folder";
}

std::string import_script(const Neo4jCsv& csv) {
  return std::string("#!/bin/sh\n") + kScriptMark +
         ": loads the CSV files beside this script into the database \"neo4j\" (stopped, empty).\n"
         "# Extra options (e.g. --overwrite-destination=true) are passed on to neo4j-admin.\n"
         "cd \"$(dirname \"$0\")\" && exec " + csv.import_command("") + " \"$@\"\n";
}

// Every CSV file open at once, so that one pass over the graph sends each row to its file.
class CsvFiles {
 public:
  explicit CsvFiles(fs::path folder) : folder_(std::move(folder)) {}

  void write(const Neo4jCsv::File& file, std::size_t index, std::string_view text) {
    if (index >= files_.size()) files_.resize(index + 1);
    std::unique_ptr<Open>& f = files_[index];
    if (!f) {
      f = std::make_unique<Open>();
      f->path = folder_ / file.name;
      f->out.rdbuf()->pubsetbuf(f->buffer.data(), std::streamsize(f->buffer.size()));
      f->out.open(f->path, std::ios::binary | std::ios::trunc);
      if (!f->out && error_.empty()) error_ = "cannot write " + f->path.string() + ": " + errno_text();
    }
    f->out.write(text.data(), std::streamsize(text.size()));  // a failed stream ignores it: seen at close
  }

  bool close(std::string& error) {
    for (std::unique_ptr<Open>& f : files_) {
      if (!f) continue;
      f->out.close();  // flushes; a full disk or a file-size limit fails here at the latest
      if (!f->out && error_.empty()) error_ = "writing " + f->path.string() + " failed: " + errno_text();
      if (error_.empty()) sync_file(f->path, error_);
    }
    error = error_;
    return error_.empty();
  }

 private:
  struct Open {
    fs::path path;
    std::vector<char> buffer = std::vector<char>(std::size_t(1) << 18);
    std::ofstream out;
  };
  fs::path folder_;
  std::vector<std::unique_ptr<Open>> files_;
  std::string error_;
};

bool write_folder(const Graph& graph, const fs::path& folder, std::string& command, const fs::path& dir,
                  const ExportOptions& options, std::string& error) {
  CsvFiles files(folder);
  Neo4jCsv csv = neo4j_csv(graph, [&](const Neo4jCsv::File& file, std::size_t index, std::string_view text) {
    files.write(file, index, text);
  }, options);
  if (!files.close(error)) return false;
  command = csv.import_command(dir.string());
  std::string script = import_script(csv);
  if (!write_plain(folder / kNeo4jImportScript, [&](std::ostream& out) { out << script; }, error)) return false;
  std::error_code ec;
  fs::permissions(folder / kNeo4jImportScript, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                  fs::perm_options::add, ec);
  return true;
}

// Two renames, for kernels without an atomic swap: the old output is moved aside first and put
// back when the new one cannot take its place.
bool swap_by_renames(const fs::path& temp, const fs::path& dir, std::error_code& ec) {
  fs::path old = dir;
  old += ".old-" + std::to_string(::getpid());
  fs::rename(dir, old, ec);
  if (ec) return false;
  fs::rename(temp, dir, ec);
  std::error_code ignored;
  if (ec) {
    fs::rename(old, dir, ignored);
    return false;
  }
  fs::rename(old, temp, ignored);  // removed with temp by the caller
  return true;
}

// Puts the finished `temp` folder where `dir` is; an old `dir` ends up as `temp`, for the caller to remove.
bool swap_into_place(const fs::path& temp, const fs::path& dir, std::string& error) {
  std::error_code ec;
  bool done = false;
  if (!fs::exists(dir, ec) || fs::is_empty(dir, ec)) {
    fs::remove(dir, ec);  // an empty folder, or nothing
    fs::rename(temp, dir, ec);
    done = !ec;
  } else {
#ifdef RENAME_EXCHANGE  // one atomic swap where the kernel offers it
    done = ::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) == 0;
#endif
    if (!done) done = swap_by_renames(temp, dir, ec);
  }
  if (!done) error = "cannot move " + temp.string() + " to " + dir.string() + (ec ? ": " + ec.message() : "");
  return done;
}

}  // namespace

std::optional<OutputFormat> format_from_name(std::string_view name) {
  if (name == "graphml") return OutputFormat::graphml;
  if (name == "turtle" || name == "ttl") return OutputFormat::turtle;
  if (name == "ntriples" || name == "nt") return OutputFormat::ntriples;
  if (name == "nquads" || name == "nq") return OutputFormat::nquads;
  if (name == "neo4j-csv") return OutputFormat::neo4j_csv;
  return std::nullopt;
}

std::optional<OutputFormat> format_from_path(const fs::path& path) {
  std::string ext = path.extension().string();
  if (ext == ".graphml") return OutputFormat::graphml;
  if (ext == ".ttl") return OutputFormat::turtle;
  if (ext == ".nt") return OutputFormat::ntriples;
  if (ext == ".nq") return OutputFormat::nquads;
  return std::nullopt;
}

bool export_neo4j_csv(const Graph& graph, const fs::path& target, std::string& command, std::string& error) {
  return export_neo4j_csv(graph, target, command, error, ExportOptions());
}

bool export_neo4j_csv(const Graph& graph, const fs::path& target, std::string& command, std::string& error,
                      const ExportOptions& options) {
  fs::path dir = target.has_filename() ? target : target.parent_path();  // "out/" is the folder "out"
  error = replace_refusal(dir);
  if (!error.empty()) return false;
  fs::path temp = temporary_beside(dir);
  TempOutputGuard guard(temp, TempOutputGuard::Kind::folder);  // removed if the run is interrupted
  std::error_code ec;
  fs::remove_all(temp, ec);
  if (!fs::create_directory(temp, ec)) {
    error = "cannot create " + temp.string() + ": " + (ec ? ec.message() : "it exists");
    return false;
  }
  std::string made_command;
  bool done = write_folder(graph, temp, made_command, dir, options, error) && swap_into_place(temp, dir, error);
  fs::remove_all(temp, ec);  // the unfinished folder, or the replaced one
  if (!done) return false;
  command = made_command;
  return true;
}

bool export_to_file(const Graph& graph, const fs::path& path, OutputFormat format,
                    const ExportOptions& options, std::string& error) {
  switch (format) {
    case OutputFormat::graphml:
      return write_atomically(path, [&](std::ostream& out) { write_graphml(graph, out, options); }, error);
    case OutputFormat::turtle:
      return write_atomically(path, [&](std::ostream& out) { write_turtle(graph, out, options); }, error);
    case OutputFormat::ntriples:
      return write_atomically(path, [&](std::ostream& out) { write_ntriples(graph, out, options); }, error);
    case OutputFormat::nquads:
      return write_atomically(path, [&](std::ostream& out) { write_nquads(graph, out, options); }, error);
    case OutputFormat::neo4j_csv: {
      std::string command;
      return export_neo4j_csv(graph, path, command, error, options);
    }
  }
  return false;
}

}  // namespace trialgraph
