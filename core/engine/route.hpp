// Every view has an address of its own, relative to the site's root, that a
// static host serves as a file (the author tool prerenders each one):
//   ./  listing · tag/NAME/ · post/SLUG/ · search/?q=TEXT · else: not found.
// Lists have pages from 2 on: page/N/, tag/NAME/page/N/, search/?q=TEXT&page=N.
// Addresses from before (#/post/SLUG, #/tag/NAME: the route in the hash) read
// the same. Parameters come from the address bar: they are percent-decoded,
// capped in length, and only ever reach HTML through the escaping layer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace buildlog {

struct ListingRoute {
  std::size_t page = 1;
  friend bool operator==(const ListingRoute&, const ListingRoute&) = default;
};
struct TagRoute {
  std::string tag;
  std::size_t page = 1;
  friend bool operator==(const TagRoute&, const TagRoute&) = default;
};
struct SearchRoute {
  std::string query;
  std::size_t page = 1;
  friend bool operator==(const SearchRoute&, const SearchRoute&) = default;
};
struct PostRoute {
  std::string slug;
  friend bool operator==(const PostRoute&, const PostRoute&) = default;
};
struct NotFoundRoute {
  std::string path;  // what was asked for, decoded
  friend bool operator==(const NotFoundRoute&, const NotFoundRoute&) = default;
};

using Route = std::variant<ListingRoute, TagRoute, SearchRoute, PostRoute, NotFoundRoute>;

inline constexpr std::size_t max_route_bytes = 2048;
inline constexpr std::size_t max_route_page = 1'000'000;

// The route for an address relative to the site's root ("tag/aws/",
// "post/x", "search/?q=a", "" for the root) or an old hash ("#/tag/aws").
// A trailing slash and "index.html" are optional. Never fails: anything
// unrecognised is a NotFoundRoute.
Route parse_route(std::string_view address);

// The address parse_route() reads back as `route`, percent-encoded, relative
// to the site's root: "./", "tag/aws/", "post/x/", "search/?q=a".
std::string to_address(const Route& route);

// Where a static host finds the page for `route`, relative to the site's
// root ("tag/event driven/index.html"): the address's path, decoded. None
// for the search results of a query (the search page answers those) and for
// a name a file system or host would not take (a tag with '/', a control
// character, or a leading '.'): the engine renders such a view from 404.html.
std::optional<std::string> page_file(const Route& route);

// Percent-decoding as browsers leave addresses: "%20" -> " ", bad escapes
// kept as written; '+' stays '+' (only the search query reads it as a space).
std::string percent_decode(std::string_view s);

}  // namespace buildlog
