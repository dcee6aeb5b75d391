#include "trialgraph/loader.hpp"

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include <dlfcn.h>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include "elf_file.hpp"

namespace trialgraph {
namespace fs = std::filesystem;

namespace {

constexpr const char* kAbiSymbol = "trialgraph_plugin_abi";
constexpr const char* kManifestSymbol = "trialgraph_plugin_manifest";
constexpr const char* kFactorySymbol = "trialgraph_create_plugin";

using Library = std::shared_ptr<boost::dll::shared_library>;

// Boost.DLL keeps only errno ("Bad file descriptor"); the dynamic loader says what is wrong
// ("invalid ELF header", "undefined symbol: ...").
std::string loader_reason(const fs::path& file, std::string fallback) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return "no such file";
  if (void* handle = ::dlopen(file.c_str(), RTLD_LAZY | RTLD_LOCAL)) {
    ::dlclose(handle);
  } else if (const char* why = ::dlerror()) {
    fallback = why;
  }
  return fallback;
}

Library open_library(const fs::path& file, std::string& error) {
  boost::system::error_code ec;
  auto lib = std::make_shared<boost::dll::shared_library>();
  // rtld_local: two plugins may define the same internal symbols without clashing.
  lib->load(boost::dll::fs::path(file.string()), ec,
            boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local);
  if (ec) {
    error = "cannot be loaded as a shared library: " + loader_reason(file, ec.message());
    return nullptr;
  }
  return lib;
}

std::string no_abi_symbol() { return std::string("not a trialgraph plugin: no symbol '") + kAbiSymbol + "'"; }

std::string abi_mismatch(std::uint32_t abi) {
  return "ABI mismatch: the plugin was built for ABI version " + std::to_string(abi) +
         ", this trialgraph reads ABI version " + std::to_string(kAbiVersion) +
         "; rebuild the plugin against this trialgraph";
}

bool check_abi(const boost::dll::shared_library& lib, std::string& error) {
  if (!lib.has(kAbiSymbol)) {
    error = no_abi_symbol();
    return false;
  }
  std::uint32_t abi = lib.get<const std::uint32_t>(kAbiSymbol);
  if (abi != kAbiVersion) {
    error = abi_mismatch(abi);
    return false;
  }
  return true;
}

// Before the loader maps the file and runs its constructors: a truncated or foreign ELF file, a
// library that is no plugin, or a plugin for another ABI is refused from its headers alone.
bool check_file(const fs::path& file, std::string& error, LoadStep& step) {
  detail::ElfLook look = detail::look_at_elf(file, kAbiSymbol);
  if (!look.elf) return true;  // not ELF, or unreadable: dlopen says what is wrong
  if (!look.problem.empty()) {
    error = "cannot be loaded as a shared library: " + look.problem;
    return false;
  }
  if (!look.symbols_read) return true;
  if (!look.defines_symbol) error = no_abi_symbol();
  else if (look.value && *look.value != kAbiVersion) error = abi_mismatch(*look.value);
  if (!error.empty()) step = LoadStep::abi;  // a whole shared library, but not one for us
  return error.empty();
}

std::optional<Manifest> read_manifest(const boost::dll::shared_library& lib, std::string& error) {
  if (!lib.has(kManifestSymbol)) {
    error = std::string("no symbol '") + kManifestSymbol + "'";
    return std::nullopt;
  }
  const char* text = lib.get<const char* const>(kManifestSymbol);
  std::string why;
  std::optional<Manifest> manifest = parse_manifest(text ? text : "", why);
  if (!manifest) {
    error = "invalid manifest: " + why;
  } else if (manifest->abi_version != kAbiVersion) {
    error = "manifest says ABI version " + std::to_string(manifest->abi_version) +
            " but the library exports ABI version " + std::to_string(kAbiVersion);
    manifest.reset();
  }
  return manifest;
}

std::shared_ptr<const ExtractorPlugin> create_extractor(const Library& lib, std::string& error) {
  if (!lib->has(kFactorySymbol)) {
    error = std::string("no factory symbol '") + kFactorySymbol + "'";
    return nullptr;
  }
  auto& factory = lib->get<ExtractorPlugin*()>(kFactorySymbol);
  ExtractorPlugin* raw = factory();
  if (!raw) {
    error = std::string("the factory '") + kFactorySymbol + "' returned no plugin";
    return nullptr;
  }
  // The deleter holds the library: it is unloaded only after the last user lets go of the plugin.
  return std::shared_ptr<const ExtractorPlugin>(raw, [lib](const ExtractorPlugin* p) { delete p; });
}

bool looks_like_shared_library(const fs::path& p) {
  std::string name = p.filename().string();
  return p.extension() == ".so" || name.find(".so.") != std::string::npos;
}

}  // namespace

std::shared_ptr<LoadedPlugin> load_plugin(const fs::path& file, std::string& error, LoadStep* reached) {
  LoadStep ignored;
  LoadStep& step = reached ? *reached : ignored;
  step = LoadStep::open;
  if (!check_file(file, error, step)) return nullptr;
  Library lib = open_library(file, error);
  if (!lib) return nullptr;
  step = LoadStep::abi;
  if (!check_abi(*lib, error)) return nullptr;
  step = LoadStep::manifest;
  std::optional<Manifest> manifest = read_manifest(*lib, error);
  if (!manifest) return nullptr;
  step = LoadStep::factory;
  auto extractor = create_extractor(lib, error);
  if (!extractor) return nullptr;
  step = LoadStep::done;
  return std::make_shared<LoadedPlugin>(LoadedPlugin{std::move(*manifest), file, std::move(extractor)});
}

void PluginRegistry::load_directory(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && looks_like_shared_library(it->path())) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::string error;
    if (auto plugin = load_plugin(file, error)) add(std::move(plugin));
    else errors_.push_back({file, error});
  }
}

void PluginRegistry::add(std::shared_ptr<LoadedPlugin> plugin) {
  for (const auto& existing : plugins_) {
    if (existing->manifest.name == plugin->manifest.name) {
      errors_.push_back({plugin->path, "plugin '" + plugin->manifest.name + "' is already loaded from " +
                                           existing->path.string() + "; this copy is ignored"});
      return;
    }
  }
  plugins_.push_back(std::move(plugin));
}

Detection PluginRegistry::detect(std::string_view file_name, std::string_view head) const {
  Detection best;
  for (const auto& plugin : plugins_) {
    Confidence c = plugin->extractor->identify(file_name, head);
    if (c == Confidence::no) continue;
    bool better = !best.plugin || c > best.confidence ||
                  (c == best.confidence &&
                   (plugin->manifest.priority > best.plugin->manifest.priority ||
                    (plugin->manifest.priority == best.plugin->manifest.priority &&
                     plugin->manifest.name < best.plugin->manifest.name)));
    if (better) best = {plugin, c};
  }
  return best;
}

std::vector<fs::path> plugin_search_path(const std::vector<fs::path>& extra) {
  std::vector<fs::path> dirs;
  fs::path exe_dir = boost::dll::program_location().parent_path().string();
  dirs.push_back(exe_dir / "plugins");
  dirs.push_back(exe_dir / ".." / "lib" / "trialgraph" / "plugins");
  if (const char* env = std::getenv("TRIALGRAPH_PLUGIN_PATH")) {
    std::string_view rest = env;
    while (!rest.empty()) {
      std::size_t colon = rest.find(':');
      std::string_view entry = rest.substr(0, colon);
      if (!entry.empty()) dirs.emplace_back(std::string(entry));
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  dirs.insert(dirs.end(), extra.begin(), extra.end());
  // The same folder reached two ways is searched once.
  std::vector<fs::path> unique;
  for (const fs::path& d : dirs) {
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(d, ec);
    if (ec) canon = d;
    if (std::find(unique.begin(), unique.end(), canon) == unique.end()) unique.push_back(canon);
  }
  return unique;
}

}  // namespace trialgraph
