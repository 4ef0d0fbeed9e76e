// Routes live in the URL hash so one static page serves every view:
//   #/  listing · #/tag/NAME · #/search?q=TEXT · #/post/SLUG · else: not found.
// Lists have pages from 2 on: #/page/N, #/tag/NAME/page/N, #/search?q=TEXT&page=N.
// Parameters come from the address bar: they are percent-decoded, capped in
// length, and only ever reach HTML through the escaping layer.
#pragma once

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

// The route for a location hash ("#/tag/aws", "/tag/aws" or ""). Never fails:
// anything unrecognised is a NotFoundRoute.
Route parse_route(std::string_view hash);

// The hash that parse_route() reads back as `route`, percent-encoded.
std::string to_hash(const Route& route);

// Percent-decoding as browsers leave hashes: "%20" -> " ", bad escapes kept as
// written; '+' stays '+' (only the search query reads it as a space).
std::string percent_decode(std::string_view s);

}  // namespace buildlog
