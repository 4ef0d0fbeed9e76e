// The blog's own settings: what content/site.yaml holds and the bundle
// carries in posts.json's "site". `site_fields` is the one list of them: the
// author tool reads site.yaml with it, the writer writes the bundle with it
// and the engine reads the bundle with it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace buildlog {

struct Site {
  std::string title = "Build log";
  std::string tagline;
  std::string kicker = "// build log";  // the small line above the title
  std::string author;
  std::string note;  // a line under the counts ("Updated as I build and learn")
  std::string url;  // where the blog lives ("https://example.org/blog/"): feeds need absolute links
  bool allow_raw_html = false;  // trusts every post's raw HTML (markdown.hpp)

  friend bool operator==(const Site&, const Site&) = default;
};

// One setting: a text (with its longest value) or a true/false flag.
struct SiteField {
  std::string_view key;
  std::string Site::*text = nullptr;
  bool Site::*flag = nullptr;
  std::size_t max_bytes = 0;  // texts only
  bool required = false;      // in the bundle; site.yaml may leave any out
};

// In the order the bundle writes them.
inline constexpr SiteField site_fields[] = {
    {"title", &Site::title, nullptr, 200, true},
    {"tagline", &Site::tagline, nullptr, 1000, false},
    {"kicker", &Site::kicker, nullptr, 200, false},
    {"author", &Site::author, nullptr, 200, false},
    {"note", &Site::note, nullptr, 200, false},
    {"url", &Site::url, nullptr, 500, false},
    {"allow_raw_html", nullptr, &Site::allow_raw_html, 0, false},
};

// "title, tagline, kicker, author, allow_raw_html": for messages.
std::string site_field_names();

}  // namespace buildlog
