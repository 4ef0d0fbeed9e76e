// A file of the built site besides the bundle: a page, a feed, the sitemap.
#pragma once

#include <functional>
#include <string>

namespace buildlog {

struct SiteFile {
  std::string path;  // relative to the site's folder: "feed.xml", "post/saga/index.html"
  std::string bytes;
  friend bool operator==(const SiteFile&, const SiteFile&) = default;
};

// Takes each file as it is made, from several threads at once (so it must
// be thread-safe), and returns why it could not (empty: go on). The pages
// and the feeds are handed over this way, so that a build never holds them
// all: per-tag feeds with full content alone are 11 MB at 1,000 posts.
using SiteFileSink = std::function<std::string(SiteFile file)>;

}  // namespace buildlog
