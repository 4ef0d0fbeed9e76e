// A file of the built site besides the bundle: a page, a feed, the sitemap.
#pragma once

#include <string>

namespace buildlog {

struct SiteFile {
  std::string path;  // relative to the site's folder: "feed.xml", "post/saga/index.html"
  std::string bytes;
  friend bool operator==(const SiteFile&, const SiteFile&) = default;
};

}  // namespace buildlog
