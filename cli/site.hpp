// A whole site as `buildlog build CONTENT -o DIR` writes it: the reader's
// page (index.html, style.css, favicon.svg, shim.js and the engine) and the
// bundle (posts.json and posts/). And the files `init` and `new` start an
// author with.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bundle_writer.hpp"
#include "content.hpp"
#include "feeds.hpp"

namespace buildlog {

// The page's files, in the order a site writes them.
inline constexpr const char* page_files[] = {"index.html", "style.css", "favicon.svg", "engine.wasm", "engine.js", "shim.js"};

// Where the page's files are: $BUILDLOG_PAGE_FILES when set; else, for an
// installed tool, PREFIX/share/buildlog/site beside its bin/; else, in a
// build tree, the source's web/ and the engine's build. Empty with `error`
// set when some file is missing.
std::vector<std::filesystem::path> find_page_files(const std::filesystem::path& executable, std::string& error);

// What a site holds besides the page and the bundle: feeds (feeds.hpp), and
// tags for the page's head that point at them.
struct SiteExtras {
  std::vector<FeedFile> files;
  std::string head;
};

// Writes `bundle`, the page's files and `extras` into `dir`: the page's files
// and extras, then parts, then posts.json (atomically, last), then parts no
// longer named are removed. A failure leaves posts.json (and so the site
// readers get) as it was.
BundleWrite write_site(const std::filesystem::path& dir, const SplitBundle& bundle, const std::vector<std::filesystem::path>& page_files, bool durable = true,
                       const SiteExtras& extras = {});

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
