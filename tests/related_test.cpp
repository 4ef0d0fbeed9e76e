// Related posts (issue 14): what the author tool ships with each post.
#include <catch2/catch.hpp>

#include "bundle.hpp"
#include "fixtures.hpp"
#include "related.hpp"

using namespace buildlog;

namespace {

SourcePost post(std::string slug, std::vector<std::string> tags, std::string title = "Untitled", std::string summary = "") {
  SourcePost p = test::published_post(std::move(slug), Date{2026, 1, 1}, std::move(tags));
  p.title = std::move(title);
  p.summary = std::move(summary);
  return p;
}

std::vector<std::vector<std::size_t>> related_of(const std::vector<SourcePost>& posts, std::size_t n = related_per_post) {
  std::vector<const SourcePost*> list;
  for (const auto& p : posts) list.push_back(&p);
  return related_posts(list, n);
}

}  // namespace

TEST_CASE("related posts share tags or words; rarer ones count more, the newer wins a tie") {
  const std::vector<SourcePost> posts = {
      post("a", {"aws", "kafka"}, "Event sourcing with Kafka"),
      post("b", {"aws"}, "Lambda cold starts"),
      post("c", {"aws", "kafka"}, "Kafka consumer groups"),
      post("d", {"aws"}, "Cost of NAT gateways"),
      post("e", {}, "Gardening notes", "Tomatoes"),
      post("f", {}, "Event sourcing pitfalls", "Replaying events sourcing state"),
  };
  const auto related = related_of(posts);
  // a: c shares the rarer tag (kafka) and a word; f shares two words; b and d only the common tag (b is newer).
  CHECK(related[0] == std::vector<std::size_t>{2, 5, 1});
  CHECK(related[1] == std::vector<std::size_t>{0, 2, 3});
  CHECK(related[4].empty());  // nothing in common with any post
  // One shared word alone is not enough: f shares only "event"-and-"sourcing" with a (two words).
  CHECK(related[5] == std::vector<std::size_t>{0});
  CHECK(related_of(posts, 1)[0] == std::vector<std::size_t>{2});
}

TEST_CASE("in a blog where every post shares a tag, each post's related are its neighbours in time, found in bounded work") {
  std::vector<SourcePost> posts;
  for (int i = 0; i < 5000; ++i) posts.push_back(post("p" + std::to_string(i), {"notes"}));
  const auto related = related_of(posts);
  CHECK(related[0] == std::vector<std::size_t>{1, 2, 3});
  for (const std::size_t j : related[2500]) CHECK((j >= 2500 - 256 && j <= 2500 + 256));
}

TEST_CASE("a post's part carries its related posts, and the engine reads them back") {
  Bundle b;
  b.site.title = "T";
  for (const char* slug : {"one", "two", "three"}) b.posts.push_back(post(slug, {"shared"}, std::string("Title ") + slug));
  sort_posts(b.posts);
  const SplitBundle split = split_bundle(b);
  int parts = 0;
  for (const Part& part : split.parts) {
    if (part.name.find("/p-") == std::string::npos) continue;
    Problems problems;
    const auto loaded = load_post_part(part.bytes, problems);
    INFO(part.bytes);
    REQUIRE(loaded);
    CHECK(loaded->related.size() == 2);
    for (const auto& link : loaded->related) CHECK(link.slug != loaded->post.slug);
    ++parts;
  }
  CHECK(parts == 3);
  Problems problems;
  CHECK_FALSE(load_post_part(R"({"post":{"slug":"x"},"newer":null,"older":null,"related":[{"slug":"Not A Slug","title":"t"}]})", problems));
  CHECK(std::find(problems.begin(), problems.end(), Problem{"related[0]", "must be a post's slug and title"}) != problems.end());
}
