// parse_manifest: a plugin's manifest.json is checked before the plugin is trusted.
#include <gtest/gtest.h>

#include "trialgraph/manifest.hpp"

namespace {

using namespace trialgraph;

TEST(ParseManifest, ReadsAValidManifest) {
  std::string error;
  auto m = parse_manifest(R"({"name": "ctgov-json", "version": "1.2.0", "abi_version": 1,
      "description": "v2 records", "formats": ["ClinicalTrials.gov API v2 JSON"],
      "extensions": [".json"], "priority": 5})", error);
  ASSERT_TRUE(m) << error;
  EXPECT_EQ(m->name, "ctgov-json");
  EXPECT_EQ(m->version, "1.2.0");
  EXPECT_EQ(m->abi_version, 1u);
  EXPECT_EQ(m->description, "v2 records");
  EXPECT_EQ(m->formats, std::vector<std::string>{"ClinicalTrials.gov API v2 JSON"});
  EXPECT_EQ(m->extensions, std::vector<std::string>{".json"});
  EXPECT_EQ(m->priority, 5);
}

TEST(ParseManifest, RejectsAMissingName) {
  std::string error;
  EXPECT_FALSE(parse_manifest(R"({"version": "1", "abi_version": 1, "formats": ["x"]})", error));
  EXPECT_NE(error.find("name"), std::string::npos) << error;
}

TEST(ParseManifest, RejectsAnEmptyName) {
  std::string error;
  EXPECT_FALSE(parse_manifest(R"({"name": "", "version": "1", "abi_version": 1, "formats": ["x"]})", error));
  EXPECT_FALSE(error.empty());
}

TEST(ParseManifest, RejectsAMissingAbiVersion) {
  std::string error;
  EXPECT_FALSE(parse_manifest(R"({"name": "p", "version": "1", "formats": ["x"]})", error));
  EXPECT_NE(error.find("abi_version"), std::string::npos) << error;
}

TEST(ParseManifest, RejectsANegativeOrTextAbiVersion) {
  std::string error;
  EXPECT_FALSE(parse_manifest(R"({"name": "p", "version": "1", "abi_version": -1, "formats": ["x"]})", error));
  EXPECT_FALSE(parse_manifest(R"({"name": "p", "version": "1", "abi_version": "1", "formats": ["x"]})", error));
}

TEST(ParseManifest, RejectsAnAbiVersionTooLargeForItsType) {
  std::string error;
  // 2^32 + 1 must not be read as ABI version 1.
  auto m = parse_manifest(
      R"({"name": "p", "version": "1", "abi_version": 4294967297, "formats": ["x"]})", error);
  EXPECT_FALSE(m) << "read as abi_version " << m->abi_version;
}

TEST(ParseManifest, RejectsFormatsThatAreNotAList) {
  std::string error;
  EXPECT_FALSE(parse_manifest(R"({"name": "p", "version": "1", "abi_version": 1, "formats": "x"})", error));
  EXPECT_NE(error.find("formats"), std::string::npos) << error;
}

TEST(ParseManifest, RejectsFormatsWithANonString) {
  std::string error;
  EXPECT_FALSE(parse_manifest(R"({"name": "p", "version": "1", "abi_version": 1, "formats": ["x", 2]})", error));
  EXPECT_NE(error.find("formats"), std::string::npos) << error;
}

TEST(ParseManifest, RejectsNoFormats) {
  std::string error;
  EXPECT_FALSE(parse_manifest(R"({"name": "p", "version": "1", "abi_version": 1, "formats": []})", error));
  EXPECT_FALSE(parse_manifest(R"({"name": "p", "version": "1", "abi_version": 1})", error));
}

TEST(ParseManifest, RejectsTextThatIsNotJson) {
  std::string error;
  EXPECT_FALSE(parse_manifest("name = p", error));
  EXPECT_FALSE(error.empty());
  error.clear();
  EXPECT_FALSE(parse_manifest(R"(["not", "an", "object"])", error));
  EXPECT_FALSE(error.empty());
}

}  // namespace
