// The feeds' content (core/writer/feeds.hpp): what a feed reader gets must
// work without the site's pages around it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "feeds.hpp"
#include "fixtures.hpp"

using namespace buildlog;

TEST_CASE("feed content has every address absolute: the root's, the origin's, the post's for fragments") {
  const std::string root = "https://example.org/blog/", post = "https://example.org/blog/post/saga/";
  CHECK(absolute_addresses(R"(<a href="post/other/">x</a> <img src="assets/a.1.png" alt="">)", root, post) ==
        R"(<a href="https://example.org/blog/post/other/">x</a> <img src="https://example.org/blog/assets/a.1.png" alt="">)");
  // Footnotes and headings link within the post, not the feed.
  CHECK(absolute_addresses(R"(<sup><a href="#fn-1" id="fnref-1-1">1</a></sup>)", root, post) ==
        R"(<sup><a href="https://example.org/blog/post/saga/#fn-1" id="fnref-1-1">1</a></sup>)");
  CHECK(absolute_addresses(R"(<a href="/about/">a</a>)", root, post) == R"(<a href="https://example.org/about/">a</a>)");
  // Addresses that are absolute already stay as written.
  for (const std::string kept : {R"(<a href="https://x.org/a">a</a>)", R"(<a href="mailto:me@x.org">m</a>)", R"(<img src="//cdn.x.org/i.png">)"})
    CHECK(absolute_addresses(kept, root, post) == kept);
  // Text that only looks like an attribute is escaped by the renderer, so it is left alone.
  const std::string code = R"(<code>&lt;a href=&quot;x&quot;&gt;</code>)";
  CHECK(absolute_addresses(code, root, post) == code);
  // A colon after the path's first slash is not a scheme.
  CHECK(absolute_addresses(R"(<a href="notes/a:b">n</a>)", root, post) == R"(<a href="https://example.org/blog/notes/a:b">n</a>)");
}

namespace {

// Every feed of `blog`, as write_feeds hands them over, in the order of their paths.
std::vector<SiteFile> all_feeds(const Bundle& blog) {
  std::mutex mutex;
  std::vector<SiteFile> files;
  const std::string error = write_feeds(blog, [&](SiteFile file) {
    const std::lock_guard lock(mutex);
    files.push_back(std::move(file));
    return std::string();
  });
  CHECK(error.empty());
  std::sort(files.begin(), files.end(), [](const SiteFile& a, const SiteFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace

TEST_CASE("a feed made alone, as the preview makes it, is the feed the build writes") {
  Bundle blog = test::small_bundle();
  blog.site.url = "https://example.org/blog/";
  const auto files = all_feeds(blog);
  REQUIRE(files.size() == 2 * 4);  // the blog's feeds, and those of aws, iam and terraform (k8s is only on a post in progress)
  CHECK(files[0].path == "feed.json");
  CHECK(files[1].path == "feed.xml");
  CHECK(files[2].path == "feeds/tag-aws.json");
  for (const SiteFile& f : files) {
    INFO(f.path);
    CHECK(is_feed_file(f.path));
    const auto alone = feed_file(blog, f.path);
    REQUIRE(alone);
    CHECK(*alone == f.bytes);
  }
  for (const std::string other : {"feeds/tag-k8s.xml", "posts.json", "sitemap.xml", "feeds/tag-aws.html"}) CHECK_FALSE(feed_file(blog, other));
  for (const std::string other : {"posts.json", "sitemap.xml", "feeds/tag-aws.html", "feeds/old/tag-aws.xml", "posts/ab/p-0123456789abcdef.json", "feed.xml.gz"})
    CHECK_FALSE(is_feed_file(other));
  blog.site.url.clear();
  CHECK(all_feeds(blog).empty());
  CHECK_FALSE(feed_file(blog, "feed.xml"));
}

TEST_CASE("the feeds stop at the first file that cannot be written, and say why") {
  Bundle blog = test::small_bundle();
  blog.site.url = "https://example.org/blog/";
  for (const std::string failing : {"feed.xml", "feeds/tag-iam.json"}) {
    INFO(failing);
    std::atomic<int> handed = 0;
    const std::string error = write_feeds(blog, [&](SiteFile file) {
      ++handed;
      return file.path == failing ? "cannot write " + file.path + ": No space left on device" : std::string();
    });
    CHECK(error == "cannot write " + failing + ": No space left on device");
    if (failing == "feed.xml") CHECK(handed < 2 * 4);  // its own JSON Feed, at least, was not made after it
  }
}
