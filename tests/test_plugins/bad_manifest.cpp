// A plugin whose compiled-in manifest is not valid: the loader must say so.
#include "trialgraph/plugin_api.hpp"

#define TRIALGRAPH_PLUGIN_MANIFEST "{\"version\": \"1\"}"

namespace {
class Unused final : public trialgraph::ExtractorPlugin {
 public:
  trialgraph::Confidence identify(std::string_view, std::string_view) const noexcept override {
    return trialgraph::Confidence::no;
  }
  trialgraph::ExtractStatus extract(const trialgraph::Document&, trialgraph::EntitySink&) const noexcept override {
    return trialgraph::ExtractStatus::success();
  }
};
}  // namespace

TRIALGRAPH_PLUGIN(Unused)
