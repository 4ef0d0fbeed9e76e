#include "entities.hpp"

#include <algorithm>

namespace buildlog {
namespace {

// Each entry: a name with its ';', its UTF-8, a NUL.
constexpr char html_table[] =
#include "named_entities.inc"
    ;

bool name_less(const std::pair<std::string, std::string>& entry, std::string_view name) { return entry.first < name; }

}  // namespace

bool EntityTable::add(std::string name, std::string text) {
  if (!entries_.empty() && !(entries_.back().first < name)) return false;
  entries_.emplace_back(std::move(name), std::move(text));
  return true;
}

std::optional<std::string_view> EntityTable::find(std::string_view reference) const {
  if (reference.size() < 3 || reference.front() != '&' || reference.back() != ';') return std::nullopt;
  const std::string_view name = reference.substr(1, reference.size() - 2);
  const auto it = std::lower_bound(entries_.begin(), entries_.end(), name, name_less);
  if (it == entries_.end() || it->first != name) return std::nullopt;
  return it->second;
}

const EntityTable& html_entities() {
  static const EntityTable table = [] {
    std::vector<std::pair<std::string, std::string>> entries;
    for (std::string_view rest(html_table, sizeof html_table - 1); !rest.empty();) {
      const std::string_view entry(rest.data());  // up to its NUL
      const auto semicolon = entry.find(';');
      entries.emplace_back(entry.substr(0, semicolon), entry.substr(semicolon + 1));
      rest.remove_prefix(entry.size() + 1);
    }
    std::sort(entries.begin(), entries.end());  // by name: the generated order has each ';', and "sup;" comes after "sup1;"
    EntityTable t;
    for (auto& [name, text] : entries) t.add(std::move(name), std::move(text));
    return t;
  }();
  return table;
}

}  // namespace buildlog
