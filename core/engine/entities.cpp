#include "entities.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace buildlog {
namespace {

// Each entry: a name with its ';', its UTF-8, a NUL; sorted by name.
constexpr char table[] =
#include "named_entities.inc"
    ;

// Where each entry starts, found once: a binary search, not a scan, so a
// post of many entities costs a few comparisons each.
const std::vector<std::uint32_t>& entry_starts() {
  static const std::vector<std::uint32_t> starts = [] {
    std::vector<std::uint32_t> at;
    for (std::uint32_t i = 0; i + 1 < sizeof table; ++i)
      if (i == 0 || table[i - 1] == '\0') at.push_back(i);
    return at;
  }();
  return starts;
}

std::string_view name_at(std::uint32_t start) {
  const std::string_view entry(table + start);
  return entry.substr(0, entry.find(';') + 1);
}

}  // namespace

std::optional<std::string_view> named_entity(std::string_view name) {
  if (name.size() < 3 || name.front() != '&' || name.back() != ';') return std::nullopt;
  name.remove_prefix(1);
  const auto& starts = entry_starts();
  const auto it = std::lower_bound(starts.begin(), starts.end(), name, [](std::uint32_t start, std::string_view n) { return name_at(start) < n; });
  if (it == starts.end() || name_at(*it) != name) return std::nullopt;
  return std::string_view(table + *it).substr(name.size());
}

}  // namespace buildlog
