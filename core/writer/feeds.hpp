// The blog's feeds, for feed readers: an Atom feed and a JSON Feed (1.1) of
// the newest published posts with their full content, and the same per
// tag. They need the blog's address (site.yaml's `url`): feed readers follow
// absolute links only. Posts in progress and planned posts are never in a
// feed, nor is anything private (the writer's input is already selected).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bundle_writer.hpp"
#include "html.hpp"
#include "site_file.hpp"

namespace buildlog {

inline constexpr std::size_t feed_posts = 20;  // the newest, per feed

// Makes every feed of `blog` (none when site.url is empty): "feed.xml",
// "feed.json", then "feeds/tag-aws.xml" ... beside posts.json. The feeds
// are made in parallel, and each is handed to `sink` as soon as it is made
// and let go, so that only a few are held at once. Returns the sink's first
// error (the rest are then not made), or empty. The same blog gives the
// same bytes; which feed is handed over first may differ from run to run.
std::string write_feeds(const Bundle& blog, const SiteFileSink& sink);

// Whether `path` (relative to the site) is where write_feeds puts feeds:
// "feed.xml", "feed.json", or an .xml or .json file in "feeds/".
bool is_feed_file(std::string_view path);

// The one feed file of `blog` at `path` ("feed.xml", "feeds/tag-aws.json"),
// byte for byte as write_feeds makes it, with only its own posts rendered;
// nullopt when the blog has no feed there. For the author's preview, which
// makes a feed when it is asked for instead of every feed on every save.
std::optional<std::string> feed_file(const Bundle& blog, std::string_view path);

// `html` (a post's content) with every link and image address absolute, as
// a feed needs it: the site's pages resolve addresses from the blog's root
// (their <base href>) and fragments ("#fn-1") within the post, and a feed
// reader has neither page (JSON Feed has no base at all). Addresses with a
// scheme stay; "/x" takes the root's origin; "#x" becomes `post` + "#x";
// others are relative to `root`.
std::string absolute_addresses(std::string_view html, std::string_view root, std::string_view post);

// Where each tag's feeds are, without the extension: tag -> "feeds/tag-aws".
std::map<std::string, std::string> tag_feeds(const Bundle& blog);

// The <link rel="alternate"> tags for a page's head: the blog's feeds, and
// `tag_feed`'s (from tag_feeds()) when not empty. Empty without site.url.
Html feed_links(const Bundle& blog, std::string_view tag = {}, std::string_view tag_feed = {});

}  // namespace buildlog
