#include "blog.hpp"

#include "text.hpp"

#include <algorithm>
#include <map>

namespace buildlog {

Blog::Blog(Bundle loaded) : bundle(std::move(loaded)) {
  sort_posts(bundle.posts);
  std::map<std::string, int, std::less<>> counts;
  for (const Post& p : bundle.posts) {
    switch (p.status) {
      case Status::published: published.push_back(&p); break;
      case Status::in_progress: in_progress.push_back(&p); break;
      case Status::planned: planned.push_back(&p); break;
    }
    if (p.status != Status::planned)
      for (const auto& t : p.tags) ++counts[t];
  }
  std::stable_sort(in_progress.begin(), in_progress.end(), [](const Post* a, const Post* b) { return a->progress > b->progress; });
  for (const auto& [tag, n] : counts) tags.push_back({tag, n});
  std::stable_sort(tags.begin(), tags.end(), [](const TagCount& a, const TagCount& b) { return a.posts > b.posts; });
  if (!published.empty()) last_published = published.front()->date;
}

const Post* Blog::find(std::string_view slug) const {
  for (const Post& p : bundle.posts)
    if (p.slug == slug) return &p;
  return nullptr;
}

const std::string* Blog::find_tag(std::string_view name) const {
  for (const TagCount& t : tags)
    if (t.tag == name) return &t.tag;
  const std::string folded = fold(name);
  for (const TagCount& t : tags)
    if (fold(t.tag) == folded) return &t.tag;
  return nullptr;
}

}  // namespace buildlog
