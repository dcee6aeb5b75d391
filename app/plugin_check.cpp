#include "plugin_check.hpp"

#include <algorithm>
#include <random>
#include <system_error>

#include "pipeline.hpp"
#include "trialgraph/document_buffer.hpp"
#include "trialgraph/loader.hpp"

namespace trialgraph {
namespace fs = std::filesystem;

namespace {

// The bundled samples of `plugin` (none when it is not a bundled plugin).
std::vector<fs::path> bundled_samples(const fs::path& conformance_dir, const std::string& plugin) {
  std::error_code ec;
  fs::path dir = conformance_dir / "samples" / plugin;
  if (conformance_dir.empty() || plugin.empty() || !fs::is_directory(dir, ec)) return {};
  return files_under({dir});
}

// Samples of every bundled plugin but `except_plugin`, plus documents of foreign formats.
std::vector<fs::path> foreign_documents(const fs::path& conformance_dir, const std::string& except_plugin) {
  std::error_code ec;
  if (conformance_dir.empty()) return {};
  std::vector<fs::path> dirs;
  if (fs::is_directory(conformance_dir / "foreign", ec)) dirs.push_back(conformance_dir / "foreign");
  for (fs::directory_iterator it(conformance_dir / "samples", ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename() != except_plugin) dirs.push_back(it->path());
  return files_under(dirs);
}

// Offenders named in a failed check's detail; the rest are counted.
constexpr std::size_t kOffendersShown = 3;

class Checker {
 public:
  Checker(const PluginCheckInputs& inputs, const PluginCheckCallbacks& callbacks)
      : inputs_(inputs), callbacks_(callbacks) {}

  bool run() {
    if (!load()) return false;
    own_samples_ = inputs_.own_samples.empty() ? bundled_samples(inputs_.conformance_dir, plugin_->manifest.name)
                                               : inputs_.own_samples;
    foreign_ = foreign_documents(inputs_.conformance_dir, plugin_->manifest.name);
    identify_own_samples();
    extract_own_samples();
    decline_foreign_documents();
    survive_hostile_input();
    return all_passed_;
  }

 private:
  struct Offenders {
    std::size_t count = 0;
    std::string shown;
    void add(const std::string& what) {
      if (count++ < kOffendersShown) shown += (shown.empty() ? "" : "; ") + what;
    }
    std::string text() const {
      return count > kOffendersShown ? shown + "; and " + std::to_string(count - kOffendersShown) + " more"
                                     : shown;
    }
  };

  void report(std::string check, bool passed, std::string detail) {
    all_passed_ = all_passed_ && passed;
    if (callbacks_.on_result) callbacks_.on_result({std::move(check), passed, std::move(detail)});
  }
  void step(const std::string& what) {
    if (callbacks_.on_step) callbacks_.on_step(what);
  }
  void report_offenders(const std::string& check, const Offenders& bad, const std::string& good) {
    report(check, bad.count == 0, bad.count == 0 ? good : bad.text());
  }

  bool load() {
    step("load " + inputs_.plugin_file.string());
    std::string error;
    LoadStep reached = LoadStep::open;
    plugin_ = load_plugin(inputs_.plugin_file, error, &reached);
    const std::pair<LoadStep, const char*> steps[] = {
        {LoadStep::open, "loads as a shared library"},
        {LoadStep::abi, "exports the ABI version this trialgraph reads"},
        {LoadStep::manifest, "carries a valid manifest"},
        {LoadStep::factory, "its factory creates the plugin"}};
    for (const auto& [s, check] : steps) {
      bool passed = reached == LoadStep::done || s < reached;
      report(check, passed, passed ? pass_detail(s) : error);
      if (!passed) break;  // the later steps cannot be tried
    }
    return plugin_ != nullptr;
  }

  std::string pass_detail(LoadStep s) const {
    if (s == LoadStep::abi) return "ABI " + std::to_string(kAbiVersion);
    if (s == LoadStep::manifest && plugin_)
      return plugin_->manifest.name + " " + plugin_->manifest.version;
    return "";
  }

  void identify_own_samples() {
    Offenders bad;
    for (const fs::path& sample : own_samples_) {
      step("identify " + sample.string());
      std::string head = read(sample, kHeadBytes, bad);
      Confidence c = plugin_->extractor->identify(sample.filename().string(), head);
      if (c != Confidence::yes)
        bad.add(sample.filename().string() + " is claimed with '" + (c == Confidence::maybe ? "maybe" : "no") +
                "', not 'yes'");
    }
    if (own_samples_.empty())
      bad.add("no samples of its own format: name sample documents after the plugin file");
    report_offenders("identifies its own samples", bad,
                     std::to_string(own_samples_.size()) + " of " +
                         std::to_string(own_samples_.size()) + " with 'yes'");
  }

  void extract_own_samples() {
    Offenders bad;
    std::size_t entities = 0, relations = 0;
    for (const fs::path& sample : own_samples_) {
      step("extract " + sample.string());
      std::string bytes = read(sample, kMaxSampleBytes, bad);
      std::string name = sample.filename().string();
      DocumentBuffer first, second;
      ExtractStatus s = plugin_->extractor->extract({sample.native(), name, bytes}, first);
      first.finish();
      if (!s.ok) bad.add(name + " fails: " + s.error);
      else if (!first.problems().empty()) bad.add(name + ": " + first.problems().front());
      else if (first.entities().empty()) bad.add(name + " gives no entities");
      if (!s.ok || !first.problems().empty() || first.entities().empty()) continue;
      step("extract again " + sample.string());
      plugin_->extractor->extract({sample.native(), name, bytes}, second);
      second.finish();
      if (!same_facts(first, second)) bad.add(name + " gives different facts when read twice");
      entities += first.entities().size();
      relations += first.relations().size();
    }
    report_offenders("reads its samples, with relations only between entities it emitted", bad,
                     std::to_string(entities) + " entities, " + std::to_string(relations) +
                         " relations, the same when read twice");
  }

  void decline_foreign_documents() {
    Offenders bad;
    for (const fs::path& doc : foreign_) {
      step("identify " + doc.string());
      std::string head = read(doc, kHeadBytes, bad);
      if (plugin_->extractor->identify(doc.filename().string(), head) == Confidence::yes)
        bad.add("claims " + doc.parent_path().filename().string() + "/" + doc.filename().string() + " with 'yes'");
    }
    if (foreign_.empty()) bad.add("no documents of other formats to try: the bundled samples were not found");
    report_offenders("declines documents of other formats", bad,
                     std::to_string(foreign_.size()) + " declined or only 'maybe'");
  }

  void survive_hostile_input() {
    Offenders bad;
    std::vector<std::pair<std::string, std::string>> inputs = hostile_inputs();
    std::vector<std::string> names = {"input.json", "input.xml", "input.csv", "input.txt", "input"};
    for (const std::string& ext : plugin_->manifest.extensions) names.push_back("input" + ext);
    for (const auto& [what, bytes] : inputs) {
      for (const std::string& name : names) {
        step("identify and extract " + what + " as " + name);
        plugin_->extractor->identify(name, std::string_view(bytes).substr(0, kHeadBytes));
        DocumentBuffer buffer;
        ExtractStatus s = plugin_->extractor->extract({name, name, bytes}, buffer);
        buffer.finish();
        if (!s.ok && s.error.empty()) bad.add("fails on " + what + " without saying why");
      }
    }
    report_offenders("survives empty, garbage and truncated input", bad,
                     std::to_string(inputs.size() * names.size()) + " inputs");
  }

  std::vector<std::pair<std::string, std::string>> hostile_inputs() const {
    std::vector<std::pair<std::string, std::string>> inputs = {
        {"an empty document", ""},
        {"NUL bytes", std::string(3, '\0')},
        {"'{'", "{"},
        {"'[]'", "[]"},
        {"'null'", "null"},
        {"'<'", "<"},
        {"a lone quote", "\""},
        {"100,000 '['", std::string(100000, '[')},
        {"100,000 '<a>'", [] {
           std::string s;
           for (int i = 0; i < 100000; ++i) s += "<a>";
           return s;
         }()},
    };
    std::mt19937 rng(20261122);
    for (int i = 0; i < 20; ++i) {
      std::string junk(rng() % 4096, '\0');
      for (char& c : junk) c = char(rng());
      inputs.emplace_back("random bytes #" + std::to_string(i + 1), std::move(junk));
    }
    for (const fs::path& sample : own_samples_) {
      Offenders ignored;
      std::string bytes = read(sample, kMaxSampleBytes, ignored);
      for (std::size_t cut : {bytes.size() / 3, bytes.size() / 2, bytes.size() ? bytes.size() - 1 : 0})
        inputs.emplace_back(sample.filename().string() + " cut at byte " + std::to_string(cut), bytes.substr(0, cut));
    }
    return inputs;
  }

  static bool same_facts(const DocumentBuffer& a, const DocumentBuffer& b) {
    auto entity_keys = [](const DocumentBuffer& d) {
      std::vector<std::string> keys;
      for (const Entity& e : d.entities()) keys.push_back(e.label + "\x1f" + e.key + "\x1f" + e.name);
      return keys;
    };
    auto relation_keys = [](const DocumentBuffer& d) {
      std::vector<std::string> keys;
      for (const Relation& r : d.relations())
        keys.push_back(r.type + "\x1f" + r.from.label + "\x1f" + r.from.key + "\x1f" + r.to.label + "\x1f" + r.to.key);
      return keys;
    };
    return entity_keys(a) == entity_keys(b) && relation_keys(a) == relation_keys(b);
  }

  static std::string read(const fs::path& file, std::size_t limit, Offenders& bad) {
    std::string bytes, error;
    if (!read_file(file, limit, bytes, error)) bad.add(file.string() + ": " + error);
    return bytes;
  }

  static constexpr std::size_t kMaxSampleBytes = 64 * 1024 * 1024;

  const PluginCheckInputs& inputs_;
  const PluginCheckCallbacks& callbacks_;
  std::shared_ptr<LoadedPlugin> plugin_;
  std::vector<fs::path> own_samples_, foreign_;
  bool all_passed_ = true;
};

}  // namespace

bool check_plugin(const PluginCheckInputs& inputs, const PluginCheckCallbacks& callbacks) {
  return Checker(inputs, callbacks).run();
}

std::vector<fs::path> files_under(const std::vector<fs::path>& paths) {
  std::vector<fs::path> files;
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      files.push_back(p);
      continue;
    }
    for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

fs::path bundled_conformance_dir() {
  std::error_code ec;
  fs::path exe_dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  if (ec) return {};
  for (const fs::path& dir : {exe_dir / "conformance", exe_dir / ".." / "share" / "trialgraph" / "conformance"})
    if (fs::is_directory(dir / "samples", ec)) return fs::weakly_canonical(dir, ec);
  return {};
}

}  // namespace trialgraph
