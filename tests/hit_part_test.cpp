#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bundle.hpp"
#include "bundle_writer.hpp"
#include "engine.hpp"
#include "hit_part.hpp"
#include "markdown.hpp"
#include "render_with_parts.hpp"
#include "route.hpp"

using namespace buildlog;

namespace {

PostCard sample_card() {
  PostCard c;
  c.slug = "state-at-scale";
  c.title = "Terraform state at <scale>";
  c.date = *parse_date("2026-05-12");
  c.tags = {"terraform", "IaC"};
  c.summary = "Splitting state by blast radius.";
  c.words = 812;
  c.reading_minutes = 4;
  return c;
}

SourcePost published(std::string slug, std::string date, std::string body) {
  SourcePost p;
  p.slug = slug;
  p.title = "Post " + slug;
  p.date = *parse_date(date);
  p.tags = {"ops", "aws"};
  p.summary = "About " + slug + ".";
  p.body = std::move(body);
  p.words = 10;
  p.reading_minutes = 1;
  return p;
}

}  // namespace

TEST_CASE("a hit part reads back as written, and refuses anything else") {
  const PostCard card = sample_card();
  const std::string text = "Remote state lives in S3.\nZürich, ☃ and all.";
  const std::string bytes = encode_hit_part(card, text);
  const auto hit = decode_hit_part(bytes);
  REQUIRE(hit);
  CHECK(hit->card == card);
  CHECK(hit->text == text);

  SECTION("cut short anywhere, or with a byte more") {
    for (std::size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(decode_hit_part(bytes.substr(0, n)));
    CHECK_FALSE(decode_hit_part(bytes + "x"));
  }
  SECTION("fields a listing's record may not have") {
    auto refused = [](auto change) {
      PostCard c = sample_card();
      change(c);
      return !decode_hit_part(encode_hit_part(c, "text")).has_value();
    };
    CHECK(refused([](PostCard& c) { c.slug = "Not A Slug"; }));
    CHECK(refused([](PostCard& c) { c.slug = std::string(max_slug_bytes + 1, 'a'); }));
    CHECK(refused([](PostCard& c) { c.title.clear(); }));
    CHECK(refused([](PostCard& c) { c.tags.push_back(""); }));
    CHECK(refused([](PostCard& c) { c.tags.push_back(std::string(max_tag_bytes + 1, 't')); }));
    CHECK(refused([](PostCard& c) { c.summary = std::string(max_summary_bytes + 1, 's'); }));
    CHECK(refused([](PostCard& c) { c.reading_minutes = 0; }));
    CHECK_FALSE(refused([](PostCard& c) { c.tags.clear(); }));
    CHECK_FALSE(refused([](PostCard& c) { c.tags.assign(5000, "t"); }));  // any number the author tool takes
  }
  SECTION("a date that is not a calendar day") {
    std::string bad = bytes;
    const auto at = bad.find("2026-05-12");
    REQUIRE(at != std::string::npos);
    bad.replace(at, 10, "2026-02-30");
    CHECK_FALSE(decode_hit_part(bad));
  }
  CHECK_FALSE(decode_hit_part("BLH2" + bytes.substr(4)));
}

TEST_CASE("search results come from hit parts: no post part is fetched for a result") {
  Bundle blog;
  blog.site.title = "Blog";
  for (int i = 0; i < 90; ++i) {
    const std::string n = std::to_string(i);
    blog.posts.push_back(published("post-" + n, "2026-01-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1),
                                   "# Heading " + n + "\n\nA *marked* word: kubernetes" + (i == 7 ? " and zanzibar." : ".") + "\n\n```\ncode\n```\n"));
  }
  const SplitBundle split = split_bundle(blog);
  std::map<std::string, std::string> parts;
  for (const Part& p : split.parts) parts[p.name] = p.bytes;
  Engine engine;
  REQUIRE(engine.load(split.entry).empty());
  std::vector<std::string> fetched;
  const auto view = test::render_with_parts(engine, parts, to_address(SearchRoute{"zanzibar"}), &fetched);
  REQUIRE(view);
  const std::string html = view->body.str();
  INFO(html);
  CHECK(html.find("1 result for") != std::string::npos);
  CHECK(html.find("Post post-7") != std::string::npos);
  // The snippet is the body as text (the code block's fence gone), the match marked.
  CHECK(html.find("<p class=\"summary snippet\">… word: kubernetes and <mark>zanzibar</mark>.\ncode\n</p>") != std::string::npos);
  CHECK(std::none_of(fetched.begin(), fetched.end(), [](const std::string& name) { return PartName::parse(name)->kind == PartKind::post; }));
  CHECK(std::count_if(fetched.begin(), fetched.end(), [](const std::string& name) { return PartName::parse(name)->kind == PartKind::search_hit; }) == 1);
}

TEST_CASE("posts.json names as many parts at 1,000 posts as at 20,000") {
  // Entries with the same tags at two sizes, every number made 0: what is
  // left (the lists of part names, the first pages) must be the same size.
  const auto shape = [](int posts) {
    Bundle blog;
    blog.site.title = "Blog";
    for (int i = 0; i < posts; ++i) blog.posts.push_back(published("p" + std::to_string(i), "2025-03-04", "Body."));
    const SplitBundle split = split_bundle(blog);
    nlohmann::json entry = nlohmann::json::parse(split.entry);
    const auto zero = [](auto& self, nlohmann::json& j) -> void {
      if (j.is_number()) j = 0;
      if (j.is_structured())
        for (auto& child : j) self(self, child);
    };
    zero(zero, entry);
    for (auto& p : entry["posts"]["first"]) p["slug"] = "", p["title"] = "", p["summary"] = "", p["part"] = "";
    return entry.dump().size();
  };
  CHECK(shape(1'000) == shape(20'000));
  CHECK(shape(10) < shape(1'000));  // a small blog names fewer
}
