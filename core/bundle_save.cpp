// Writing a bundle, apart from loading it (bundle.cpp): only the author tool
// writes bundles, so the reader's engine does not link this file.
#include <nlohmann/json.hpp>

#include "bundle.hpp"

namespace buildlog {

std::string save_bundle(const Bundle& bundle) {
  // ordered_json keeps the keys in the order written here, so the file reads
  // top-down (version, site, posts) and is byte-stable.
  using ordered = nlohmann::ordered_json;
  ordered posts = ordered::array();
  std::vector<Post> in_order = bundle.posts;
  sort_posts(in_order);
  for (const Post& p : in_order) {
    ordered j = {{"slug", p.slug},   {"title", p.title},         {"date", to_iso(p.date)},
              {"tags", p.tags},   {"summary", p.summary},     {"status", to_string(p.status)},
              {"words", p.words}, {"reading_minutes", p.reading_minutes}};
    if (p.status == Status::in_progress) j["progress"] = p.progress;
    if (p.status == Status::published) j["body"] = p.body;
    posts.push_back(std::move(j));
  }
  const Site& s = bundle.site;
  const ordered root = {
      {"version", bundle_version},
      {"site", {{"title", s.title}, {"tagline", s.tagline}, {"kicker", s.kicker}, {"author", s.author}, {"allow_raw_html", s.allow_raw_html}}},
      {"posts", std::move(posts)},
  };
  return root.dump(2, ' ', false, ordered::error_handler_t::replace) + "\n";
}

}  // namespace buildlog
