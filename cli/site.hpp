// A whole site as `buildlog build CONTENT -o DIR` writes it: a page for
// every view, the engine and the page's other files, the feeds and the
// bundle (posts.json and posts/). And the files `init` and `new` start an
// author with.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bundle_writer.hpp"
#include "content.hpp"
#include "pages.hpp"

namespace buildlog {

// The page's files, in the order a site writes them: index.html is the
// template of every page (pages.hpp); the others are its assets.
inline constexpr const char* page_files[] = {"index.html", "style.css", "favicon.svg", "engine.wasm", "engine.js", "shim.js"};

// The running program's own path (`argv0` when the system does not say),
// to find the files installed beside it.
std::filesystem::path executable_path(const char* argv0);

// Where the page's files are: $BUILDLOG_PAGE_FILES when set; else, for an
// installed tool, PREFIX/share/buildlog/site beside its bin/; else, in a
// build tree, the source's web/ and the engine's build. Empty with `error`
// set when some file is missing.
std::vector<std::filesystem::path> find_page_files(const std::filesystem::path& executable, std::string& error);

// The list of the redirect pages (redirects.hpp) a build wrote, in the
// site's folder, so that the next build removes those it no longer writes.
inline constexpr std::string_view redirect_list_name = ".buildlog-redirects";

// Writes the whole site for `blog` (split into `bundle`) into the folder of
// `bundle_folder` (which the split's sink may have written parts into): the
// page's files under content-hashed names in assets/, the feeds, every
// prerendered page (pages.hpp), 404.html, sitemap.xml and robots.txt, then
// the files beside posts, the pages at posts' old addresses, then the bundle
// (parts, then posts.json atomically), then removes what this build no
// longer writes: old parts, assets, feeds, pages and redirects. Each file is
// replaced atomically and only when its bytes change; until posts.json is
// replaced, the previous site keeps working, and a failure before it
// leaves posts.json (and every part it names) as it was.
// `with_pages_and_feeds` false leaves the pages (each view's, 404.html,
// sitemap.xml, robots.txt) and the feeds as they are, neither written nor
// removed: the author's preview makes each page and feed when it is asked
// for (render_page, feed_file), pages from the template this build used,
// which `page_used` gets when not null.
BundleWrite write_site(BundleFolder& bundle_folder, const Bundle& blog, const SplitBundle& bundle, const std::vector<std::filesystem::path>& page_files,
                       bool durable = true, bool with_pages_and_feeds = true, PageTemplate* page_used = nullptr);

// Today, in the machine's time zone: posts dated after it wait.
Date today();

// A new blog in `dir` (which must not exist or be empty): content/site.yaml,
// a first post, a .gitignore for the built site, a README saying how to
// write and build. Returns the files written, or an error.
struct Started {
  std::vector<std::filesystem::path> files;
  std::string error;
};
Started init_blog(const std::filesystem::path& dir, std::string_view title, const Date& day);

// A new post in `content`: DATE-SLUG.md with front matter for `title`,
// private until the author says otherwise.
Started new_post(const std::filesystem::path& content, std::string_view title, const Date& day);

}  // namespace buildlog
