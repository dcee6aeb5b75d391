// A plugin built for another ABI version: the loader must refuse it before touching the factory.
#include "trialgraph/plugin_api.hpp"
#include "trialgraph_manifest.h"

namespace {
class NeverCreated final : public trialgraph::ExtractorPlugin {
 public:
  trialgraph::Confidence identify(std::string_view, std::string_view) const noexcept override {
    return trialgraph::Confidence::yes;
  }
  trialgraph::ExtractStatus extract(const trialgraph::Document&, trialgraph::EntitySink&) const noexcept override {
    return trialgraph::ExtractStatus::failure("must never run");
  }
};
}  // namespace

extern "C" BOOST_SYMBOL_EXPORT const std::uint32_t trialgraph_plugin_abi = 99;  // as its manifest says; no trialgraph reads it
extern "C" BOOST_SYMBOL_EXPORT const char* const trialgraph_plugin_manifest = TRIALGRAPH_PLUGIN_MANIFEST;
extern "C" BOOST_SYMBOL_EXPORT trialgraph::ExtractorPlugin* trialgraph_create_plugin() noexcept {
  return new NeverCreated();
}
