// The interface between trialgraph and an extractor plugin (a shared library loaded with Boost.DLL).
//
// A plugin exports three C symbols, best written with TRIALGRAPH_PLUGIN(ClassName):
//   trialgraph_plugin_abi       const std::uint32_t, checked before anything else is touched;
//   trialgraph_plugin_manifest  const char*, the plugin's manifest.json (name, version, formats);
//   trialgraph_create_plugin    ExtractorPlugin* (), the factory.
// No exception may leave a plugin: every entry point is noexcept and reports through return values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/config.hpp>

#include "trialgraph/entity.hpp"

namespace trialgraph {

/// Bumped whenever a type crossing the plugin boundary changes layout or meaning.
inline constexpr std::uint32_t kAbiVersion = 2;

/// How sure a plugin is that it can read a document.
enum class Confidence : int { no = 0, maybe = 1, yes = 2 };

/// How many bytes past a document's end the host keeps readable: a parser that reads ahead in
/// blocks (simdjson reads up to 64 bytes past the end) can parse the bytes where they lie.
inline constexpr std::size_t kDocumentPadding = 64;

/// A whole document in memory. `source` is the name recorded in `sources` (the file's base name).
struct Document {
  std::string_view path;
  std::string_view source;
  std::string_view bytes;
  /// Bytes past the end of `bytes` that may be read, but are not the document's (0: none).
  std::size_t readable_after = 0;
};

/// Where a plugin emits what it finds. Implemented by the host; never throws.
class EntitySink {
 public:
  virtual void add_entity(Entity entity) noexcept = 0;
  virtual void add_relation(Relation relation) noexcept = 0;
  /// A part of the document that could not be read (e.g. one bad record of many); the rest is kept.
  virtual void report_problem(std::string_view where, std::string_view what) noexcept = 0;

 protected:
  ~EntitySink() = default;
};

/// The outcome of one extraction. On failure the host discards what the document emitted.
struct ExtractStatus {
  bool ok = true;
  std::string error;

  static ExtractStatus success() { return {}; }
  static ExtractStatus failure(std::string why) { return {false, std::move(why)}; }
};

/// One source format. Instances are shared across threads: both calls must be const-safe.
class ExtractorPlugin {
 public:
  virtual ~ExtractorPlugin() = default;
  /// Cheap: looks only at the file name and the first bytes of the document (`head`).
  virtual Confidence identify(std::string_view file_name, std::string_view head) const noexcept = 0;
  virtual ExtractStatus extract(const Document& document, EntitySink& sink) const noexcept = 0;
};

}  // namespace trialgraph

/// Exports the three plugin symbols. The manifest text comes from the build
/// (trialgraph_add_plugin turns manifest.json into TRIALGRAPH_PLUGIN_MANIFEST).
#define TRIALGRAPH_PLUGIN(ClassName)                                                              \
  extern "C" BOOST_SYMBOL_EXPORT const std::uint32_t trialgraph_plugin_abi =                      \
      ::trialgraph::kAbiVersion;                                                                  \
  extern "C" BOOST_SYMBOL_EXPORT const char* const trialgraph_plugin_manifest =                   \
      TRIALGRAPH_PLUGIN_MANIFEST;                                                                 \
  extern "C" BOOST_SYMBOL_EXPORT ::trialgraph::ExtractorPlugin* trialgraph_create_plugin() noexcept { \
    try {                                                                                         \
      return new ClassName();                                                                     \
    } catch (...) {                                                                               \
      return nullptr;                                                                             \
    }                                                                                             \
  }
