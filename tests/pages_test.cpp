// The site's prerendered pages (core/writer/pages.hpp): each holds the
// engine's own view of its address, a head of its own built through the
// escaping layer, and the crawler files.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <mutex>

#include "fixtures.hpp"
#include "html_audit.hpp"
#include "pages.hpp"
#include "reader.hpp"
#include "test_support.hpp"

using namespace buildlog;

namespace {

PageTemplate real_template() {
  std::string error;
  auto page = PageTemplate::parse(test::slurp(test::source_dir() / "web/index.html"), error);
  INFO(error);
  REQUIRE(page);
  return *page;
}

std::map<std::string, std::string> pages_of(const Bundle& blog) {
  std::mutex mutex;
  std::map<std::string, std::string> files;
  const Problems problems = render_pages(blog, split_bundle(blog), real_template(), [&](SiteFile f) {
    const std::lock_guard lock(mutex);
    CHECK(files.emplace(f.path, std::move(f.bytes)).second);  // each page once
    return std::string();
  });
  CHECK(problems.empty());
  return files;
}

std::string app_of(const std::string& page) {
  const auto begin = page.find("<div id=\"app\">") + 14;
  return page.substr(begin, page.rfind("</div>\n</body>") - begin);
}

std::string head_of(const std::string& page) { return page.substr(0, page.find("</head>")); }

Bundle with_url(Bundle b) {
  b.site.url = "https://example.org/blog";
  return b;
}

}  // namespace

TEST_CASE("the page template is refused without its marked places") {
  std::string error;
  CHECK_FALSE(PageTemplate::parse("<html><head></head><body></body></html>", error));
  CHECK(error == "the page template has no <base href=\"./\">");
  CHECK_FALSE(PageTemplate::parse("<base href=\"./\"><!--page-body--><!--/page-body--><!--page-head--><!--/page-head-->", error));
  CHECK(error.find("out of order") != std::string::npos);
}

TEST_CASE("every view's page holds the engine's view of its address, under a base that finds the root") {
  const Bundle blog = with_url(test::small_bundle());
  const auto files = pages_of(blog);
  test::Reader reader(blog);
  const std::map<std::string, std::string> addresses{{"index.html", "./"},        {"post/alpha/index.html", "post/alpha/"},
                                                     {"post/delta/index.html", "post/delta/"}, {"tag/aws/index.html", "tag/aws/"},
                                                     {"search/index.html", "search/"}};
  for (const auto& [file, address] : addresses) {
    INFO(file);
    REQUIRE(files.contains(file));
    const Page view = reader.render(address);
    CHECK(app_of(files.at(file)) == view.body.str());
    CHECK(files.at(file).find("<title>" + view.title + "</title>") != std::string::npos);
  }
  CHECK(files.at("index.html").find("<base href=\"./\">") != std::string::npos);
  CHECK(files.at("post/alpha/index.html").find("<base href=\"../../\">") != std::string::npos);
  CHECK(files.at("404.html").find("<base href=\"/blog/\">") != std::string::npos);  // served at any depth
  CHECK(app_of(files.at("404.html")).find("Nothing lives at this address.") != std::string::npos);
  // 5 posts, 4 tags, the listing, search, 404, sitemap, robots.
  CHECK(files.size() == 5 + 4 + 1 + 1 + 3);
}

TEST_CASE("a post's head is its own: description, canonical address, OpenGraph, article tags, an absolute image") {
  Bundle blog = with_url(test::small_bundle());
  for (auto& p : blog.posts)
    if (p.slug == "beta") p.image = "/images/beta.png";
  const auto files = pages_of(blog);
  const std::string beta = head_of(files.at("post/beta/index.html"));
  CHECK(beta.find("<meta name=\"description\" content=\"Summary of beta\">") != std::string::npos);
  CHECK(beta.find("<link rel=\"canonical\" href=\"https://example.org/blog/post/beta/\">") != std::string::npos);
  CHECK(beta.find("<meta property=\"og:title\" content=\"Post beta\">") != std::string::npos);
  CHECK(beta.find("<meta property=\"og:type\" content=\"article\">") != std::string::npos);
  CHECK(beta.find("<meta property=\"article:published_time\" content=\"2026-03-05\">") != std::string::npos);
  CHECK(beta.find("<meta property=\"article:tag\" content=\"aws\">") != std::string::npos);
  CHECK(beta.find("<meta property=\"og:image\" content=\"https://example.org/blog/images/beta.png\">") != std::string::npos);
  CHECK(beta.find("<meta name=\"twitter:card\" content=\"summary_large_image\">") != std::string::npos);
  CHECK(beta.find("href=\"feed.xml\"") != std::string::npos);
  const std::string delta = head_of(files.at("post/delta/index.html"));  // in progress: a page, not an article
  CHECK(delta.find("content=\"website\"") != std::string::npos);
  CHECK(delta.find("article:published_time") == std::string::npos);
  CHECK(head_of(files.at("search/index.html")).find("<meta name=\"robots\" content=\"noindex\">") != std::string::npos);
  CHECK(head_of(files.at("tag/aws/index.html")).find("href=\"feeds/tag-aws.xml\"") != std::string::npos);
}

TEST_CASE("without the site's address a page has no absolute links, and robots.txt names no sitemap") {
  Bundle blog = test::small_bundle();
  blog.posts.front().image = "/images/x.png";  // relative: no address to make it absolute with
  const auto files = pages_of(blog);
  for (const auto& [path, bytes] : files) {
    INFO(path);
    CHECK(bytes.find("https://") == std::string::npos);
  }
  CHECK_FALSE(files.contains("sitemap.xml"));
  CHECK(files.at("robots.txt") == "User-agent: *\nAllow: /\n");
  CHECK(files.at("404.html").find("<base href=\"/\">") != std::string::npos);
}

TEST_CASE("the sitemap lists every page but search and 404, with the posts' dates") {
  const auto files = pages_of(with_url(test::small_bundle()));
  const std::string& sitemap = files.at("sitemap.xml");
  CHECK(sitemap.find("<loc>https://example.org/blog/</loc>") != std::string::npos);
  CHECK(sitemap.find("<url><loc>https://example.org/blog/post/gamma/</loc><lastmod>2026-05-12</lastmod></url>") != std::string::npos);
  CHECK(sitemap.find("<loc>https://example.org/blog/tag/k8s/</loc>") != std::string::npos);
  CHECK(sitemap.find("search") == std::string::npos);
  CHECK(sitemap.find("404") == std::string::npos);
  CHECK(files.at("robots.txt").find("Sitemap: https://example.org/blog/sitemap.xml\n") != std::string::npos);
}

TEST_CASE("a hostile blog's pages and heads pass the audit: every field escaped, unsafe images dropped") {
  Bundle blog = with_url(test::hostile_bundle());
  for (auto& p : blog.posts) p.image = "javascript:window.__pwned('image')";
  for (const auto& [path, bytes] : pages_of(blog)) {
    if (!path.ends_with(".html")) continue;
    INFO(path);
    CHECK(test::audit_html(app_of(bytes)) == "");
    // The head holds every field only escaped: no payload's markup or quote survives.
    const std::string head = head_of(bytes);
    for (const auto& payload : test::hostile_strings())
      if (payload.find_first_of("<\"") != std::string::npos) CHECK(head.find(payload) == std::string::npos);
    CHECK(bytes.find("javascript:window.__pwned('image')") == std::string::npos);
  }
}

TEST_CASE("asset names come from their content, and the template names them so") {
  const Asset a = hashed_asset("engine.wasm", "bytes"), b = hashed_asset("engine.wasm", "other bytes");
  CHECK(a.name == "engine.wasm");
  CHECK(a.hashed.starts_with("assets/engine."));
  CHECK(a.hashed.ends_with(".wasm"));
  CHECK(a.hashed.size() == std::string("assets/engine.0123456789abcdef.wasm").size());
  CHECK(a.hashed != b.hashed);
  CHECK(with_asset_names("<script src=\"engine.wasm\"></script> engine.wasm", {a}) == "<script src=\"" + a.hashed + "\"></script> engine.wasm");
}

TEST_CASE("a sink that fails stops the pages, and says which page and why") {
  const Bundle blog = test::small_bundle();
  std::atomic<int> taken = 0;
  const Problems problems = render_pages(blog, split_bundle(blog), real_template(), [&](const SiteFile& f) {
    ++taken;
    return f.path == "post/beta/index.html" ? std::string("no space left on device") : std::string();
  });
  REQUIRE(problems.size() == 1);
  CHECK(problems.front().to_string() == "post/beta/index.html: no space left on device");
  CHECK(taken < 13);  // the pages after it on its thread, 404.html, robots.txt: never made
}

TEST_CASE("pages made from the parts a split's sink took, read back, are the pages made from held parts") {
  for (const Bundle& blog : {with_url(test::small_bundle()), test::hostile_bundle()}) {
    std::mutex mutex;
    std::map<std::string, std::string> taken;
    const PartSink sink = [&](const Part& part) {
      const std::lock_guard lock(mutex);
      taken.emplace(part.name, part.bytes);
      return std::string();
    };
    const SplitBundle bundle = split_bundle(blog, nullptr, &sink);
    std::atomic<int> reads = 0;
    const PartSource source = [&](const std::string& name) -> std::optional<std::string> {
      ++reads;
      const auto it = taken.find(name);
      return it == taken.end() ? std::nullopt : std::optional(it->second);
    };
    std::map<std::string, std::string> files;
    const Problems problems = render_pages(blog, bundle, real_template(), [&](SiteFile f) {
      const std::lock_guard lock(mutex);
      files.emplace(f.path, std::move(f.bytes));
      return std::string();
    }, &source);
    CHECK(problems.empty());
    CHECK(reads > 0);
    CHECK(files == pages_of(blog));
    // A part the source cannot give back is a problem that names it.
    const PartSource lost = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
    const Problems missing = render_pages(blog, bundle, real_template(), [](const SiteFile&) { return std::string(); }, &lost);
    REQUIRE_FALSE(missing.empty());
    CHECK(missing.front().message == "is named by the bundle but was not written");
    CHECK(test::part_kind(missing.front().where) == PartKind::post);
  }
}

TEST_CASE("a page made alone, as the preview makes it, is the page the build writes") {
  for (const Bundle& blog : {with_url(test::small_bundle()), test::hostile_bundle()}) {
    const auto files = pages_of(blog);
    const SplitBundle bundle = split_bundle(blog);
    std::size_t pages = 0;
    for (const auto& [file, bytes] : files) {  // sitemap.xml and robots.txt too
      INFO(file);
      const auto alone = render_page(blog, bundle, real_template(), file);
      REQUIRE(alone);
      CHECK(*alone == bytes);
      ++pages;
    }
    CHECK(pages > 5);
    CHECK(files.contains("robots.txt"));
    CHECK(files.contains("sitemap.xml") == !blog.site.url.empty());
    CHECK(render_page(blog, bundle, real_template(), "sitemap.xml").has_value() == !blog.site.url.empty());
    CHECK_FALSE(render_page(blog, bundle, real_template(), "post/no-such-post/index.html"));
    CHECK_FALSE(render_page(blog, bundle, real_template(), "style.css"));
  }
}
