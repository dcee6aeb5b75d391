// Facts from a trial document's free text: which antigens its products target and which diseases
// it studies, decided by where each mention stands (sections.hpp). Every plugin uses this one
// implementation, so a fact means the same whatever the source format.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trialgraph/entity.hpp"
#include "trialgraph/plugin_api.hpp"
#include "trialgraph/recognizer.hpp"
#include "trialgraph/sections.hpp"

namespace trialgraph {

/// Collects one trial document's texts and products, then emits the facts they support.
class TrialTextMiner {
 public:
  explicit TrialTextMiner(EntityRef trial, std::shared_ptr<const Recognizer> recognizer = shared_recognizer());
  ~TrialTextMiner();

  /// Reads an intervention (type: the registry's DRUG, BIOLOGICAL, ...) and returns its Drug node:
  /// a lexicon drug under its canonical name (Cytoxan -> Cyclophosphamide, with `role`), otherwise
  /// the name as written; other names, and a product code only the description gives ("CAR-T
  /// Therapy": "CT1192 cells infusion"), become aliases.
  Entity add_product(std::string_view name, const std::vector<std::string>& other_names,
                     std::string_view description, std::string_view intervention_type);
  /// Reads a condition string and returns the lexicon's diseases in it, one entity each (several
  /// when a page runs them together on one line); empty when the lexicon knows none of them.
  std::vector<Entity> add_condition(std::string_view condition);
  /// Section::eligibility text is cut into its inclusion and exclusion parts first.
  void add_text(Section section, std::string_view text);
  /// Antigen and Disease nodes, and TARGETS / STUDIES relations with `section` and `evidence`.
  void emit(EntitySink& sink);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace trialgraph
