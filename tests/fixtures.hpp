// Small posts and bundles built in code, for tests that need a blog.
#pragma once

#include "bundle.hpp"

namespace buildlog::test {

inline Post published_post(std::string slug, Date date, std::vector<std::string> tags = {}) {
  Post p;
  p.slug = slug;
  p.title = "Post " + slug;
  p.date = date;
  p.tags = std::move(tags);
  p.summary = "Summary of " + slug;
  p.status = Status::published;
  p.words = 460;
  p.reading_minutes = 2;
  p.body = "## Section\n\nBody of " + slug + " with `code`.\n";
  return p;
}

inline Post in_progress_post(std::string slug, int progress, std::vector<std::string> tags = {}) {
  Post p = published_post(std::move(slug), Date{2026, 6, 1}, std::move(tags));
  p.status = Status::in_progress;
  p.progress = progress;
  p.body.clear();
  p.words = 0;
  p.reading_minutes = 1;
  return p;
}

inline Bundle small_bundle() {
  Bundle b;
  b.site.title = "Test blog";
  b.site.tagline = "A tagline";
  b.site.author = "Tester";
  b.posts = {published_post("alpha", {2026, 1, 10}, {"aws", "iam"}), published_post("beta", {2026, 3, 5}, {"aws"}),
             published_post("gamma", {2026, 5, 12}, {"terraform"}), in_progress_post("delta", 40, {"aws"}),
             in_progress_post("epsilon", 75, {"k8s"})};
  sort_posts(b.posts);
  return b;
}

}  // namespace buildlog::test
