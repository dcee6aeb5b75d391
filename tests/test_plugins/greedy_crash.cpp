// Claims every document, and dies on an empty one: check-plugin must survive it and say so.
#include <csignal>

#include "trialgraph/plugin_api.hpp"
#include "trialgraph_manifest.h"

namespace {
using namespace trialgraph;

class GreedyCrash final : public ExtractorPlugin {
 public:
  Confidence identify(std::string_view, std::string_view) const noexcept override { return Confidence::yes; }
  ExtractStatus extract(const Document& document, EntitySink& sink) const noexcept override {
    if (document.bytes.empty()) std::raise(SIGSEGV);
    if (document.bytes == "hang") for (volatile bool forever = true; forever;) {
      }
    sink.add_entity({label::kTrial, "NCT99999998", "A greedy trial", {}, {}});
    return ExtractStatus::success();
  }
};
}  // namespace

TRIALGRAPH_PLUGIN(GreedyCrash)
