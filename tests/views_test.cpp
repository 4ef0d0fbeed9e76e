#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "catalog.hpp"
#include "fixtures.hpp"
#include "reader.hpp"
#include "test_support.hpp"
#include "views.hpp"

using namespace buildlog;

namespace {

struct Fixture {
  test::Reader reader{test::small_bundle()};
  Page at(std::string_view address) { return reader.render(address); }
};

// A blog of `n` published posts, one a day from 2020-01-01 (post-0000 oldest),
// every third tagged "odd-one".
Bundle big_bundle(int n) {
  Bundle b;
  b.site.title = "Big blog";
  for (int i = 0; i < n; ++i) {
    char slug[16];
    std::snprintf(slug, sizeof slug, "post-%04d", i);
    const int day = i % 28 + 1, month = (i / 28) % 12 + 1, year = 2000 + i / (28 * 12);
    b.posts.push_back(test::published_post(slug, Date{year, month, day}, i % 3 == 0 ? std::vector<std::string>{"odd-one"} : std::vector<std::string>{}));
  }
  sort_posts(b.posts);
  return b;
}

int count(const std::string& haystack, std::string_view needle) {
  int n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

// Compares with tests/golden/NAME.html; BUILDLOG_UPDATE_GOLDEN=1 rewrites it.
void check_golden(const std::string& name, const Page& page) {
  const auto path = test::source_dir() / "tests/golden" / (name + ".html");
  const std::string actual = "<!-- title: " + page.title + " -->\n" + page.body.str() + "\n";
  if (std::getenv("BUILDLOG_UPDATE_GOLDEN") != nullptr) test::spit(path, actual);
  INFO("golden file " << path << " (BUILDLOG_UPDATE_GOLDEN=1 rewrites it after review)");
  CHECK(actual == test::slurp(path));
}

}  // namespace

TEST_CASE("the listing shows counts, what is being written, and cards newest first") {
  Fixture f;
  const auto page = f.at("./");
  const auto& html = page.body.str();
  CHECK(page.title == "Test blog");
  CHECK(html.find("<li><strong>3</strong> published</li><li><strong>2</strong> in progress</li><li>Last post: <strong>May 2026</strong></li>") != std::string::npos);
  CHECK(html.find("<progress max=\"100\" value=\"75\"") < html.find("<progress max=\"100\" value=\"40\""));
  CHECK(html.find("post/gamma/") < html.find("post/beta/"));
  CHECK(html.find("post/beta/") < html.find("post/alpha/"));
  CHECK(count(html, "class=\"card card-soon\"") == 2);
  CHECK(html.find("<a class=\"tag\" href=\"tag/aws/\">aws <span class=\"count\">3</span></a>") != std::string::npos);
  CHECK(html.find("2 min read") != std::string::npos);
  check_golden("listing", page);
}

TEST_CASE("a tag view narrows the listing and says how to clear it") {
  Fixture f;
  const auto page = f.at("tag/aws/");
  const auto& html = page.body.str();
  CHECK(html.find("3 posts · <a href=\"./\">Clear filter</a>") != std::string::npos);
  CHECK(html.find("post/gamma/") == std::string::npos);
  CHECK(html.find("aria-current=\"page\">aws") != std::string::npos);
  check_golden("tag", page);
}

TEST_CASE("a tag address finds the tag whatever its case") {
  Fixture f;
  const auto page = f.at("tag/AWS/");
  CHECK(page.found);
  CHECK(page.title == "#aws — Test blog");
  CHECK(page.body.str().find("3 posts") != std::string::npos);
}

TEST_CASE("a post view renders its body, tags and neighbours") {
  Fixture f;
  const auto page = f.at("post/beta/");
  const auto& html = page.body.str();
  CHECK(page.title == "Post beta — Test blog");
  CHECK(html.find("<h2 id=\"section\">Section<a class=\"anchor\" href=\"post/beta/#section\" aria-label=\"Link to this section: Section\">#</a></h2>") != std::string::npos);
  CHECK(html.find("class=\"toc\"") == std::string::npos);  // one section: no contents
  CHECK(html.find("<code>code</code>") != std::string::npos);
  CHECK(html.find("<time datetime=\"2026-03-05\">5 March 2026</time>") != std::string::npos);
  CHECK(html.find("rel=\"prev\" href=\"post/alpha/\"") != std::string::npos);
  CHECK(html.find("rel=\"next\" href=\"post/gamma/\"") != std::string::npos);
  check_golden("post", page);
}

TEST_CASE("a post in progress shows its progress, never a body") {
  Fixture f;
  const std::string html = f.at("post/delta/").body.str();
  CHECK(html.find("Still being written.") != std::string::npos);
  CHECK(html.find("class=\"prose\"") == std::string::npos);
}

TEST_CASE("search finds by title, tag, summary and body, title first") {
  Fixture f;
  const std::string html = f.at("search/?q=alpha").body.str();
  CHECK(html.find("1 result for “alpha”") != std::string::npos);
  CHECK(f.at("search/?q=terra").body.str().find("post/gamma/") != std::string::npos);  // prefix of a tag
  CHECK(f.at("search/?q=section+gam").body.str().find("1 result") != std::string::npos);
  const auto none = f.at("search/?q=zzz").body.str();
  CHECK(none.find("No results for “zzz”") != std::string::npos);
  CHECK(none.find("class=\"tag-nav\"") != std::string::npos);
}

TEST_CASE("a search result's snippet marks the matched words and escapes the text around them") {
  Bundle b = test::small_bundle();
  auto gamma = std::find_if(b.posts.begin(), b.posts.end(), [](const SourcePost& p) { return p.slug == "gamma"; });
  gamma->body = "Intro words here.\n\nThen the visibility <map> of things and more words after.\n";
  test::Reader reader(b);
  const std::string html = reader.render("search/?q=visibility+map").body.str();
  CHECK(html.find("<mark>visibility</mark> &lt;<mark>map</mark>&gt;") != std::string::npos);
  const std::string summary_only = reader.render("search/?q=post").body.str();  // only in titles: the summary stands in
  CHECK(summary_only.find("<p class=\"summary snippet\">Summary of gamma</p>") != std::string::npos);
}

TEST_CASE("unknown posts, tags and routes get a helpful not-found page") {
  Fixture f;
  for (const char* address : {"post/nope/", "tag/nope/", "elsewhere"}) {
    const auto page = f.at(address);
    INFO(address);
    CHECK_FALSE(page.found);
    CHECK(page.title == "Not found — Test blog");
    CHECK(page.body.str().find("<h1>Not found</h1>") != std::string::npos);
    CHECK(page.body.str().find("Latest posts") != std::string::npos);
  }
  check_golden("not_found", f.at("post/nope/"));
  CHECK(f.at("tag/nope/").body.str().find("class=\"tag-nav\"") != std::string::npos);  // "every tag in use is listed below"
}

TEST_CASE("route parameters reach the page only escaped") {
  Fixture f;
  for (const char* address : {"post/%3Cimg%20src=x%20onerror=alert(1)%3E/", "tag/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
                           "search/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", "%3Csvg%20onload=alert(1)%3E"}) {
    INFO(address);
    const std::string html = f.at(address).body.str();
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<svg") == std::string::npos);
    CHECK(html.find("&lt;") != std::string::npos);  // the payload is there, as text
  }
}

TEST_CASE("the error view lists the problems") {
  const auto page = render_error_view("posts.json is not a valid blog bundle:", {{"posts[0].date", "must be <a date>"}});
  CHECK(page.title == "Blog unavailable");
  CHECK(page.body.str().find("<li><code>posts[0].date</code>: must be &lt;a date&gt;</li>") != std::string::npos);
  CHECK(page.body.str().find("role=\"alert\"") != std::string::npos);
}

TEST_CASE("a long listing is paged, and the counts stay exact") {
  test::Reader reader(big_bundle(45));
  const auto first = reader.render("./");
  const auto& html = first.body.str();
  CHECK(reader.fetched().empty());  // page 1 is in posts.json
  CHECK(html.find("<strong>45</strong> published") != std::string::npos);
  CHECK(count(html, "class=\"card\"") == 20);
  CHECK(html.find("Page 1 of 3") != std::string::npos);
  CHECK(html.find("rel=\"next\" href=\"page/2/\"") != std::string::npos);
  CHECK(html.find("odd-one <span class=\"count\">15</span>") != std::string::npos);

  const auto last = reader.render("page/3/");
  REQUIRE(reader.fetched().size() == 2);  // the list's directory, then that page: nothing else
  CHECK(test::part_kind(reader.fetched()[0]) == PartKind::directory);
  CHECK(test::part_kind(reader.fetched()[1]) == PartKind::listing_page);
  reader.render("page/2/");
  CHECK(reader.fetched().size() == 3);  // the directory is known now
  CHECK(count(last.body.str(), "class=\"card\"") == 5);
  CHECK(last.body.str().find("post/post-0000/") != std::string::npos);
  CHECK(last.body.str().find("rel=\"prev\" href=\"page/2/\"") != std::string::npos);
  CHECK_FALSE(reader.render("page/4/").found);

  const auto tagged = reader.render("tag/odd-one/page/1/");
  CHECK(tagged.body.str().find("15 posts") != std::string::npos);
  CHECK(count(tagged.body.str(), "class=\"card\"") == 15);
  CHECK_FALSE(reader.render("tag/odd-one/page/2/").found);
}

TEST_CASE("opening a post fetches that post and nothing else") {
  test::Reader reader(big_bundle(600));
  reader.render("./");
  REQUIRE(reader.fetched().empty());
  reader.render("post/post-0599/");  // on page 1: its part is known
  CHECK(reader.fetched().size() == 1);
  CHECK(test::part_kind(reader.fetched().front()) == PartKind::post);
  reader.forget_fetched();
  const auto deep = reader.render("post/post-0001/");  // a deep link: its slug's shard, then the post
  CHECK(deep.title == "Post post-0001 — Big blog");
  REQUIRE(reader.fetched().size() == 2);
  CHECK(test::part_kind(reader.fetched()[0]) == PartKind::slug_shard);
  CHECK(test::part_kind(reader.fetched()[1]) == PartKind::post);
}

TEST_CASE("a catalog that forgets its posts and lists asks for them again, and keeps its slug shards") {
  const SplitBundle split = split_bundle(big_bundle(600));
  std::map<std::string, std::string, std::less<>> parts;
  for (const Part& p : split.parts) parts.emplace(p.name, p.bytes);
  auto loaded = load_entry(split.entry);
  REQUIRE(loaded.entry);
  Catalog catalog(*loaded.entry);
  std::vector<PartKind> fetched;
  const auto render = [&](const Route& route) {
    for (int round = 0; round < 8; ++round) {
      Page page = render_view(catalog, route);
      if (page.needs.empty()) return page.body.str();
      for (const auto& name : page.needs) {
        fetched.push_back(test::part_kind(name).value());
        CHECK(catalog.provide(name, parts.at(name)).empty());
      }
    }
    FAIL("the view still needs parts");
    return std::string();
  };
  const std::string post = render(PostRoute{"post-0001"}), listing = render(ListingRoute{20});
  CHECK(std::count(fetched.begin(), fetched.end(), PartKind::slug_shard) == 1);

  fetched.clear();
  render(PostRoute{"post-0001"});
  render(ListingRoute{20});
  CHECK(fetched.empty());  // all held

  catalog.forget_posts_and_lists();
  CHECK(render(PostRoute{"post-0001"}) == post);
  CHECK(render(ListingRoute{20}) == listing);
  CHECK(std::count(fetched.begin(), fetched.end(), PartKind::post) == 1);
  CHECK(std::count(fetched.begin(), fetched.end(), PartKind::listing_page) == 1);
  CHECK(std::count(fetched.begin(), fetched.end(), PartKind::slug_shard) == 0);
}

TEST_CASE("a part that cannot be fetched or read shows the error view, and the rest of the blog still works") {
  test::Reader reader(test::small_bundle());
  const Page first = reader.engine().render("post/beta/");
  REQUIRE(first.needs.size() == 1);
  reader.parts().erase(first.needs[0]);
  const auto missing = reader.render("post/beta/");
  CHECK(missing.title == "Blog unavailable");
  CHECK(missing.body.str().find("HTTP 404 Not Found") != std::string::npos);
  CHECK(missing.body.str().find("data-reload") != std::string::npos);
  CHECK(reader.render("./").title == "Test blog");

  const Page gamma = reader.engine().render("post/gamma/");
  REQUIRE(gamma.needs.size() == 1);
  CHECK_FALSE(reader.engine().provide(gamma.needs[0], "{\"post\": 1}"));
  const auto broken = reader.render("post/gamma/").body.str();
  CHECK(broken.find(gamma.needs[0]) != std::string::npos);
  CHECK(broken.find("post: must be an object") != std::string::npos);
}

TEST_CASE("posts still to come past the first page are found by address and by search") {
  Bundle b = big_bundle(3);
  for (int i = 0; i < 25; ++i) {
    char slug[16];
    std::snprintf(slug, sizeof slug, "draft-%02d", i);
    SourcePost p = test::in_progress_post(slug, i * 4);
    p.title = "Draft number " + std::to_string(i);
    b.posts.push_back(p);
  }
  sort_posts(b.posts);
  test::Reader reader(b);
  const auto listing = reader.render("./").body.str();
  CHECK(listing.find("<strong>25</strong> in progress") != std::string::npos);
  CHECK(listing.find("… and 19 more in the works") != std::string::npos);
  // draft-00 is the least written: last of the upcoming list, on its second page.
  const auto deep = reader.render("post/draft-00/");
  CHECK(deep.title == "Draft number 0 — Big blog");
  CHECK(deep.body.str().find("Still being written.") != std::string::npos);
  REQUIRE(reader.fetched().size() == 2);
  CHECK(test::part_kind(reader.fetched()[0]) == PartKind::slug_shard);
  CHECK(test::part_kind(reader.fetched()[1]) == PartKind::upcoming_page);
  const auto found = reader.render("search/?q=number").body.str();
  CHECK(found.find("25 results") != std::string::npos);
  const auto second = reader.render("search/?q=number&page=3").body.str();
  CHECK(second.find("Page 3 of 3") != std::string::npos);
  CHECK(second.find("post/draft-") != std::string::npos);
}

TEST_CASE("a post of three sections or more opens with its contents, sections and their subsections linked (issue 14)") {
  Bundle b = test::small_bundle();
  auto& post = *std::find_if(b.posts.begin(), b.posts.end(), [](const SourcePost& p) { return p.status == Status::published; });
  post.body = "Intro.\n\n## One\n\n### One, first\n\n### One, second\n\n## Two\n\n#### Deep\n\n## Three\n";
  test::Reader reader{b};
  const std::string at = to_address(PostRoute{post.slug});
  const auto html = reader.render(at).body.str();
  INFO(html);
  CHECK(html.find("<nav class=\"toc\" aria-labelledby=\"toc-heading\"><h2 id=\"toc-heading\">Contents</h2><ol>"
                  "<li><a href=\"" + at + "#one\">One</a><ol><li><a href=\"" + at + "#one-first\">One, first</a></li>"
                  "<li><a href=\"" + at + "#one-second\">One, second</a></li></ol></li>"
                  "<li><a href=\"" + at + "#two\">Two</a></li><li><a href=\"" + at + "#three\">Three</a></li></ol></nav>"
                  "<div class=\"prose\">") != std::string::npos);
  post.body = "## One\n\n## Two\n";
  CHECK(test::Reader{b}.render(at).body.str().find("class=\"toc\"") == std::string::npos);
}
