#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bundle.hpp"
#include "fixtures.hpp"
#include "test_support.hpp"

using namespace buildlog;
using nlohmann::json;

namespace {

std::vector<std::string> problem_texts(const BundleLoad& load) {
  std::vector<std::string> out;
  for (const auto& p : load.problems) out.push_back(p.to_string());
  return out;
}

json valid_json() { return json::parse(save_bundle(test::small_bundle())); }

}  // namespace

TEST_CASE("a bundle survives a save and load round trip") {
  const Bundle b = test::small_bundle();
  const auto loaded = load_bundle(save_bundle(b));
  REQUIRE(loaded.problems.empty());
  CHECK(*loaded.bundle == b);
  CHECK(save_bundle(*loaded.bundle) == save_bundle(b));
}

TEST_CASE("saving is deterministic whatever order posts arrive in") {
  Bundle a = test::small_bundle();
  Bundle b = a;
  std::reverse(b.posts.begin(), b.posts.end());
  CHECK(save_bundle(a) == save_bundle(b));
  CHECK(save_bundle(a).back() == '\n');
}

TEST_CASE("a post that is not published never ships its body") {
  Bundle b = test::small_bundle();
  for (auto& p : b.posts)
    if (p.status != Status::published) p.body = "SECRET DRAFT TEXT";
  const auto saved = save_bundle(b);
  CHECK(saved.find("SECRET DRAFT TEXT") == std::string::npos);
  auto j = json::parse(saved);
  for (const auto& p : j["posts"]) CHECK(p.contains("body") == (p["status"] == "published"));
}

TEST_CASE("problems name the post and the field") {
  json j = valid_json();
  j["posts"][1]["date"] = "May 12";
  j["posts"][2]["progress"] = 150;
  j["posts"][3].erase("title");
  j["posts"][4]["tags"] = "aws";
  const auto loaded = load_bundle(j.dump());
  CHECK_FALSE(loaded.bundle);
  const auto texts = problem_texts(loaded);
  const std::string s1 = j["posts"][1]["slug"], s2 = j["posts"][2]["slug"], s3 = j["posts"][3]["slug"], s4 = j["posts"][4]["slug"];
  CHECK_THAT(texts, Catch::Matchers::VectorContains("posts[1] \"" + s1 + "\".date: must be a calendar date YYYY-MM-DD, got \"May 12\""));
  CHECK_THAT(texts, Catch::Matchers::VectorContains("posts[2] \"" + s2 + "\".progress: must be 0-100, got 150"));
  CHECK_THAT(texts, Catch::Matchers::VectorContains("posts[3] \"" + s3 + "\".title: is missing"));
  CHECK_THAT(texts, Catch::Matchers::VectorContains("posts[4] \"" + s4 + "\".tags: must be a list of strings, got string"));
  CHECK(texts.size() == 4);
}

TEST_CASE("wrong shapes, unknown fields and duplicates are problems, not crashes") {
  SECTION("a bundle from a newer schema") {
    json j = valid_json();
    j["version"] = 2;
    const auto texts = problem_texts(load_bundle(j.dump()));
    REQUIRE(texts.size() == 1);
    CHECK(texts[0].starts_with("version: this bundle is version 2, newer than this engine reads (1)"));
  }
  SECTION("extra and missing fields") {
    json j = valid_json();
    j["extra"] = true;
    j["posts"][0]["color"] = "red";
    j.erase("site");
    const auto texts = problem_texts(load_bundle(j.dump()));
    CHECK_THAT(texts, Catch::Matchers::VectorContains(std::string("extra: is not a field of a version 1 bundle")));
    CHECK_THAT(texts, Catch::Matchers::VectorContains(std::string("site: is missing")));
    CHECK(texts.size() == 3);
  }
  SECTION("a duplicate slug") {
    json j = valid_json();
    j["posts"][1]["slug"] = j["posts"][0]["slug"];
    const auto texts = problem_texts(load_bundle(j.dump()));
    REQUIRE(texts.size() == 1);
    CHECK(texts[0].find("is used by an earlier post") != std::string::npos);
  }
  SECTION("types that are all wrong") {
    for (const char* text : {"[]", "42", "\"posts\"", "null", "{\"version\":\"1\",\"site\":{},\"posts\":{}}",
                             "{\"version\":1,\"site\":[],\"posts\":[1,\"x\",null,[]]}"}) {
      INFO(text);
      const auto loaded = load_bundle(text);
      CHECK_FALSE(loaded.bundle);
      CHECK_FALSE(loaded.problems.empty());
    }
  }
  SECTION("a truncated file says where it ends") {
    const std::string full = save_bundle(test::small_bundle());
    const auto loaded = load_bundle(full.substr(0, full.size() / 2));
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].message.starts_with("not valid JSON: parse error at line "));
  }
  SECTION("an absurd size is refused before parsing") {
    const std::string huge(max_bundle_bytes + 1, ' ');
    const auto loaded = load_bundle(huge);
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].message.find("more than the limit") != std::string::npos);
  }
}

TEST_CASE("every JSONTestSuite document loads or is refused with a problem, never a crash") {
  const auto dir = test::shared_dir() / "corpora/jsontestsuite";
  REQUIRE(std::filesystem::is_directory(dir));
  int files = 0, n_files = 0, invalid_reported = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    const auto loaded = load_bundle(test::slurp(entry.path()));
    INFO(name);
    ++files;
    // None of these is a blog bundle: every one must be refused with a reason.
    CHECK_FALSE(loaded.bundle);
    REQUIRE_FALSE(loaded.problems.empty());
    // 100,000 opening brackets are refused for their depth before the syntax error is reached.
    if (name.starts_with("n_"))
      invalid_reported += loaded.problems[0].message.starts_with("not valid JSON") || loaded.problems[0].message.starts_with("is nested more than");
    n_files += name.starts_with("n_");
  }
  CHECK(files > 300);
  // nlohmann stops reading at a NUL byte, so "123\0" is refused as "not an
  // object" rather than "not valid JSON": still refused, with a reason.
  CHECK(invalid_reported >= n_files - 1);
}

TEST_CASE("the committed posts.json is a valid bundle of the sample blog") {
  const auto loaded = load_bundle(test::slurp(test::source_dir() / "posts.json"));
  INFO((loaded.problems.empty() ? "" : loaded.problems[0].to_string()));
  REQUIRE(loaded.bundle);
  int published = 0, in_progress = 0;
  for (const auto& p : loaded.bundle->posts) {
    published += p.status == Status::published;
    in_progress += p.status == Status::in_progress;
  }
  CHECK(published == 3);
  CHECK(in_progress == 3);
}

TEST_CASE("a hostile bundle cannot make the loader collect problems without bound") {
  std::string many = "{\"version\":1,\"site\":{\"title\":\"x\"},\"posts\":[";
  for (int i = 0; i < 10000; ++i) many += i == 0 ? "{}" : ",{}";
  many += "]}";
  const auto loaded = load_bundle(many);
  CHECK_FALSE(loaded.bundle);
  CHECK(loaded.problems.size() <= max_reported_problems + 10);
  CHECK(loaded.problems.back().message.starts_with("stopped checking at posts["));
}

TEST_CASE("more posts than the limit are refused, not half-loaded") {
  std::string many = "{\"version\":1,\"site\":{\"title\":\"x\"},\"posts\":[";
  for (std::size_t i = 0; i <= max_bundle_posts; ++i) many += i == 0 ? "0" : ",0";
  many += "]}";
  const auto loaded = load_bundle(many);
  REQUIRE(loaded.problems.size() == 1);
  CHECK(loaded.problems[0].to_string() == "posts: has 100001 posts, more than the limit of 100000");
}

TEST_CASE("documents too large or too deep to be a bundle are refused before they are built") {
  std::string values = "[";
  for (std::size_t i = 0; i <= max_bundle_values; ++i) values += i == 0 ? "0" : ",0";
  values += "]";
  const auto wide = load_bundle(values);
  REQUIRE(wide.problems.size() == 1);
  CHECK(wide.problems[0].message == "has more than 4000000 JSON values, more than any bundle needs");
  const auto deep = load_bundle(std::string(100, '[') + std::string(100, ']'));
  REQUIRE(deep.problems.size() == 1);
  CHECK(deep.problems[0].message == "is nested more than 32 levels deep, more than any bundle needs");
}
