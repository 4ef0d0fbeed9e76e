#include "post.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace buildlog {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::published: return "published";
    case Status::in_progress: return "in-progress";
    case Status::planned: return "planned";
  }
  return "published";
}

std::optional<Status> parse_status(std::string_view text) {
  std::string key;
  for (const char c : text) key += (c == ' ' || c == '_') ? '-' : static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  static constexpr std::array<std::pair<std::string_view, Status>, 7> names{{
      {"published", Status::published},
      {"publish", Status::published},
      {"in-progress", Status::in_progress},
      {"wip", Status::in_progress},
      {"writing", Status::in_progress},
      {"planned", Status::planned},
      {"idea", Status::planned},
  }};
  for (const auto& [name, status] : names)
    if (key == name) return status;
  return std::nullopt;
}

bool comes_before(const PostCard& a, const PostCard& b) { return a.date != b.date ? a.date > b.date : a.slug < b.slug; }

std::string slugify(std::string_view text, std::size_t max_bytes) {
  std::string slug;
  for (const char c : text) {
    if (slug.size() >= max_bytes) break;
    const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) slug += lower;
    else if (!slug.empty() && slug.back() != '-') slug += '-';
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

bool is_valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > max_slug_bytes || slug.front() == '-' || slug.back() == '-') return false;
  return std::all_of(slug.begin(), slug.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

}  // namespace buildlog
