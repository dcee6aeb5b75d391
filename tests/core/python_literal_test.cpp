#include <pthread.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "trialgraph/python_literal.hpp"

namespace {
using namespace trialgraph;
using nlohmann::json;

json parse(std::string_view text) {
  json out;
  auto r = parse_python_literal(text, out);
  EXPECT_TRUE(r.ok) << r.error;
  return out;
}

std::string error_of(std::string_view text, std::size_t depth = 512) {
  json out;
  auto r = parse_python_literal(text, out, depth);
  EXPECT_FALSE(r.ok);
  return r.error;
}

TEST(PythonLiteral, ReadsWhatReprWrites) {
  json j = parse("{'a': [1, -2.5, True, False, None], \"b\": (3,), 'c': {}}");
  EXPECT_EQ(j, json::parse(R"({"a": [1, -2.5, true, false, null], "b": [3], "c": {}})"));
}

TEST(PythonLiteral, StringsHoldBothQuoteKindsAndEscapes) {
  EXPECT_EQ(parse(R"("it's")"), "it's");
  EXPECT_EQ(parse(R"('say "hi"')"), "say \"hi\"");
  EXPECT_EQ(parse(R"('a\'b')"), "a'b");
  EXPECT_EQ(parse(R"('line\nbreak\ttab\\slash')"), "line\nbreak\ttab\\slash");
  EXPECT_EQ(parse(R"('\xe9\u00e9\U0001F600')"), "\xC3\xA9\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(parse("'Pérez Martínez'"), "Pérez Martínez");
  EXPECT_EQ(parse(R"('a' 'b')"), "ab");
  EXPECT_EQ(parse(R"('\d')"), "\\d") << "unknown escapes stay as written, as in Python";
}

TEST(PythonLiteral, ReportsWhereItStopped) {
  EXPECT_NE(error_of("{'a': 1").find("expected ',' or '}'"), std::string::npos);
  EXPECT_NE(error_of("{'a': 'open").find("unterminated string"), std::string::npos);
  EXPECT_NE(error_of("{'a': nope}").find("at byte 6"), std::string::npos);
  EXPECT_NE(error_of("").find("unexpected end"), std::string::npos);
}

TEST(PythonLiteral, DeepNestingIsAnErrorNotACrash) {
  std::string deep(1000000, '[');
  EXPECT_NE(error_of(deep, 100).find("nested deeper than 100"), std::string::npos);
  EXPECT_NE(error_of(deep).find("nested deeper"), std::string::npos);
}

// The deepest nesting allowed fits a worker thread's stack with room to spare: 512 levels of lists
// (dicts) in a thread of 1 MiB (the default is 8 MiB); about 4 KiB a level under AddressSanitizer,
// whose redzones widen every frame, so 4 MiB there.
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kSmallStack = 4 << 20;
#else
constexpr std::size_t kSmallStack = 1 << 20;
#endif

TEST(PythonLiteral, TheDeepestNestingAllowedFitsASmallThreadStack) {
  std::string lists = std::string(512, '[') + std::string(512, ']');
  std::string dicts;
  for (int i = 0; i < 512; ++i) dicts += "{'k': ";
  dicts += "1" + std::string(512, '}');
  struct Job {
    const std::string* text;
    bool ok = false;
  } jobs[] = {{&lists}, {&dicts}};
  for (Job& job : jobs) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, kSmallStack);
    pthread_t thread;
    ASSERT_EQ(pthread_create(&thread, &attr, [](void* arg) -> void* {
      auto* j = static_cast<Job*>(arg);
      json out;
      j->ok = parse_python_literal(*j->text, out).ok;
      return nullptr;
    }, &job), 0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
    EXPECT_TRUE(job.ok) << job.text->substr(0, 20);
  }
}

TEST(PythonLiteral, ConsumedStopsAtTheValue) {
  json out;
  auto r = parse_python_literal("  {'a': 1}\ntrailing page text", out);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.consumed, 10u);
}

TEST(PythonLiteral, TheSeedPageDumpEqualsTheRecord) {
  std::string page = test::read_text(test::source_dir() / "plugins/ctgov-raw-json-page/samples/004_12ad7b77f5f507e9.txt");
  json record;
  auto r = parse_python_literal(std::string_view(page).substr(page.find("{'hasResults'")), record);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(record["protocolSection"]["identificationModule"]["nctId"], "NCT06709469");
  EXPECT_EQ(record["protocolSection"]["designModule"]["enrollmentInfo"]["count"], 10);
  EXPECT_EQ(record["hasResults"], false);
  std::string description = record["protocolSection"]["outcomesModule"]["otherOutcomes"][0]["description"];
  EXPECT_NE(description.find("\n\n* Results in death"), std::string::npos);
}

}  // namespace

namespace {

TEST(PythonLiteral, ATruncatedLiteralKeepsTheContainersReadSoFarWhenAsked) {
  nlohmann::json out;
  std::string cut = "{'a': 1, 'b': [1, 2, {'c': 'x'}, 'unfinish";
  EXPECT_FALSE(trialgraph::parse_python_literal(cut, out).ok) << "by default a cut literal is an error";
  auto r = trialgraph::parse_python_literal(cut, out, 512, true);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(out, nlohmann::json::parse(R"({"a": 1, "b": [1, 2, {"c": "x"}]})"));
  auto whole = trialgraph::parse_python_literal("{'a': 1}", out, 512, true);
  EXPECT_TRUE(whole.ok);
  EXPECT_FALSE(whole.truncated);
  EXPECT_FALSE(trialgraph::parse_python_literal("{'a': Flase", out, 512, true).ok) << "a broken literal stays an error";
  auto key_only = trialgraph::parse_python_literal("{'a': 1, 'b'", out, 512, true);
  ASSERT_TRUE(key_only.ok);
  EXPECT_EQ(out, nlohmann::json::parse(R"({"a": 1})"));
}

}  // namespace
