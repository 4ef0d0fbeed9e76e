// The names of the bundle's parts: the one place their grammar lives.
//
//   posts/HH/K-HHHHHHHHHHHHHHHH.EXT
//
// K is the part's kind, the sixteen hex digits are a 64-bit hash of its
// bytes (so a changed part gets a new name and hosts may cache parts
// forever), HH repeats the hash's first two digits (a folder per 256th keeps
// folders small) and EXT follows from the kind. Names come from the bundle
// and become fetch() addresses in the page, so parsing accepts nothing else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace buildlog {

inline constexpr std::string_view bundle_parts_folder = "posts";

enum class PartKind : char {
  post = 'p',           // one published post with its body (JSON)
  listing_page = 'l',   // a page of published posts, each naming its post part (JSON)
  upcoming_page = 'u',  // a page of posts in progress and planned (JSON)
  directory = 'd',      // the pages of a list (JSON)
  slug_shard = 's',     // slug -> the part that holds the post (JSON)
  term_bucket = 't',    // search terms and where their postings are (binary)
  postings = 'i',       // search postings (binary)
  positions = 'x',      // search word positions (binary)
  doc_part = 'n',       // search document numbers -> their hit parts (binary)
  search_hit = 'h',     // a published post as a search result shows it (binary, hit_part.hpp)
};

struct PartName {
  PartKind kind = PartKind::post;
  std::uint64_t hash = 0;

  // "posts/01/p-0123456789abcdef.json".
  std::string str() const;
  // The name's form exactly, or nullopt.
  static std::optional<PartName> parse(std::string_view name);

  friend bool operator==(const PartName&, const PartName&) = default;
};

// True when `name` parses as a part name.
bool is_part_name(std::string_view name);

}  // namespace buildlog
