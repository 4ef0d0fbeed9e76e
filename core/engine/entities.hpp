// HTML's named character references ("&amp;", "&rarr;"), which md4c reports
// as entities for the renderer to decode.
//
// HTML defines 2,231 of them (html_entities(): md4c's table, compacted at
// build time by cmake/named_entities.cmake). That table would be about 11 KB
// of the reader's engine gzipped, so the engine does not carry it: the author
// tool gives each post the references its text uses (markdown_entities in
// markdown.hpp), its bundle part carries them (Post::entities), and the
// engine decodes those.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace buildlog {

// Bounds of a table a bundle carries, which the bundle's reader enforces.
// HTML's longest name has 31 characters, and its longest text is two code
// points; it has 2,231 names.
inline constexpr std::size_t max_entity_name_bytes = 32;
inline constexpr std::size_t max_entity_text_bytes = 8;
inline constexpr std::size_t max_table_entities = 4096;

// Named references and what each stands for, by name.
class EntityTable {
 public:
  // `name` without its '&' and ';' ("copy") stands for the UTF-8 `text`.
  // Names come in increasing order (as a JSON object's members do): false,
  // and nothing added, for a name not after the last one.
  bool add(std::string name, std::string text);

  // What `reference` stands for, given as md4c reports it ("&amp;"), or
  // nullopt when the table does not have it.
  std::optional<std::string_view> find(std::string_view reference) const;

  // By name, in increasing order.
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

  friend bool operator==(const EntityTable&, const EntityTable&) = default;

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

// Every reference HTML defines. The author tool's alone: nothing the engine
// runs calls it, so the engine's link leaves the table out.
const EntityTable& html_entities();

}  // namespace buildlog
