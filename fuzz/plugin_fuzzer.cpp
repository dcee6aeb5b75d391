// libFuzzer driver for one extractor plugin, linked with that plugin's own sources (so it is
// instrumented like the rest): identify() under each file name the manifest declares, then
// extract() of the whole input into the host's checked sink, as the pipeline does.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trialgraph/document_buffer.hpp"
#include "trialgraph/manifest.hpp"
#include "trialgraph/plugin_api.hpp"

// Defined by TRIALGRAPH_PLUGIN() in the plugin's source.
extern "C" trialgraph::ExtractorPlugin* trialgraph_create_plugin() noexcept;
extern "C" const char* const trialgraph_plugin_manifest;

namespace {

constexpr std::size_t kHeadBytes = 64 * 1024;  // what the pipeline shows identify()

struct Target {
  std::unique_ptr<trialgraph::ExtractorPlugin> plugin;
  std::vector<std::string> names;  // "document.json", ... one per declared extension
  std::string path;                // where the extracted document says it comes from
};

const Target& target() {
  static const Target t = [] {
    Target t;
    t.plugin.reset(trialgraph_create_plugin());
    if (!t.plugin) __builtin_trap();
    std::string error;
    auto manifest = trialgraph::parse_manifest(trialgraph_plugin_manifest, error);
    if (!manifest) __builtin_trap();
    for (const std::string& ext : manifest->extensions) t.names.push_back("document" + ext);
    t.names.push_back("document.txt");
    t.path = "/fuzz/" + t.names.front();
    return t;
  }();
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Target& t = target();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string_view head = bytes.substr(0, kHeadBytes);
  for (const std::string& name : t.names) {
    auto c = t.plugin->identify(name, head);
    if (c != trialgraph::Confidence::no && c != trialgraph::Confidence::maybe && c != trialgraph::Confidence::yes)
      __builtin_trap();
  }
  trialgraph::DocumentBuffer buffer;
  trialgraph::ExtractStatus status =
      t.plugin->extract(trialgraph::Document{t.path, t.names.front(), bytes}, buffer);
  (void)status;
  buffer.finish();
  return 0;
}
