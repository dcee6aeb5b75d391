// libFuzzer target: trial text mining (core/src/recognizer.cpp, trial_text.cpp, sections.cpp):
// the RE2 recognizer with the built-in lexicons over any text, then the section-aware miner fed
// texts, products and conditions cut from the input, emitting into the host's checked sink.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "trialgraph/document_buffer.hpp"
#include "trialgraph/recognizer.hpp"
#include "trialgraph/sections.hpp"
#include "trialgraph/trial_text.hpp"

using namespace trialgraph;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::shared_ptr<const Recognizer> recognizer = shared_recognizer();
  std::string whole(reinterpret_cast<const char*>(data), size);

  LearnedAbbreviations learned;
  for (const Mention& m : recognizer->find(whole, &learned))
    if (m.begin > m.end || m.end > whole.size()) __builtin_trap();
  (void)split_eligibility(whole);

  FuzzedDataProvider in(data, size);
  TrialTextMiner miner(EntityRef{"Trial", "NCT00000000"}, recognizer);
  while (in.remaining_bytes() > 0) {
    switch (in.ConsumeIntegralInRange<int>(0, 2)) {
      case 0: {
        auto section = static_cast<Section>(in.ConsumeIntegralInRange<int>(0, int(Section::other)));
        miner.add_text(section, in.ConsumeRandomLengthString(4096));
        break;
      }
      case 1: {
        std::string name = in.ConsumeRandomLengthString(256);
        std::vector<std::string> others{in.ConsumeRandomLengthString(128)};
        std::string description = in.ConsumeRandomLengthString(1024);
        std::string type = in.ConsumeBool() ? "DRUG" : in.ConsumeRandomLengthString(16);
        (void)miner.add_product(name, others, description, type);
        break;
      }
      default:
        (void)miner.add_condition(in.ConsumeRandomLengthString(512));
    }
  }
  DocumentBuffer sink;
  miner.emit(sink);
  sink.finish();
  return 0;
}
