// Breaks the relation contract: it links its trial to a sponsor it never emitted.
#include "trialgraph/plugin_api.hpp"
#include "trialgraph_manifest.h"

namespace {
using namespace trialgraph;

class DanglingRelation final : public ExtractorPlugin {
 public:
  Confidence identify(std::string_view file_name, std::string_view) const noexcept override {
    return file_name.size() > 9 && file_name.substr(file_name.size() - 9) == ".dangling" ? Confidence::yes
                                                                                          : Confidence::no;
  }
  ExtractStatus extract(const Document&, EntitySink& sink) const noexcept override {
    sink.add_entity({label::kTrial, "NCT99999999", "A trial", {}, {}});
    sink.add_relation({rel::kSponsoredBy, {label::kTrial, "NCT99999999"}, {label::kSponsor, "nobody"}, {}});
    return ExtractStatus::success();
  }
};
}  // namespace

TRIALGRAPH_PLUGIN(DanglingRelation)
