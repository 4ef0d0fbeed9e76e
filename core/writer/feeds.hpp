// The blog's feeds, for feed readers: an Atom feed and a JSON Feed (1.1) of
// the newest published posts with their full content, and the same per
// tag. They need the blog's address (site.yaml's `url`): feed readers follow
// absolute links only. Posts in progress and planned posts are never in a
// feed, nor is anything private (the writer's input is already selected).
#pragma once

#include <string>
#include <vector>

#include "bundle_writer.hpp"

namespace buildlog {

inline constexpr std::size_t feed_posts = 20;  // the newest, per feed

struct FeedFile {
  std::string path;  // beside posts.json: "feed.xml", "feed.json", "feeds/tag-aws.xml" ...
  std::string bytes;
  friend bool operator==(const FeedFile&, const FeedFile&) = default;
};

// Every feed of `blog` (none when site.url is empty), in a stable order.
std::vector<FeedFile> write_feeds(const Bundle& blog);

// The feeds' <link rel="alternate"> tags for the page's head (empty without site.url).
std::string feed_links(const Bundle& blog);

}  // namespace buildlog
