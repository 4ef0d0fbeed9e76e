#include "part_name.hpp"

namespace buildlog {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";
constexpr std::size_t hash_digits = 16;

std::string_view extension(PartKind kind) {
  switch (kind) {
    case PartKind::term_bucket:
    case PartKind::postings:
    case PartKind::positions:
    case PartKind::doc_part:
    case PartKind::search_hit: return ".bin";
    default: return ".json";
  }
}

std::optional<PartKind> kind_from(char c) {
  switch (static_cast<PartKind>(c)) {
    case PartKind::post:
    case PartKind::listing_page:
    case PartKind::upcoming_page:
    case PartKind::directory:
    case PartKind::slug_shard:
    case PartKind::term_bucket:
    case PartKind::postings:
    case PartKind::positions:
    case PartKind::doc_part:
    case PartKind::search_hit: return static_cast<PartKind>(c);
  }
  return std::nullopt;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string PartName::str() const {
  char digits[hash_digits];
  for (std::size_t i = 0; i < hash_digits; ++i) digits[i] = hex_digits[(hash >> (60 - 4 * i)) & 0xF];
  std::string name(bundle_parts_folder);
  name += '/';
  name.append(digits, 2);
  name += '/';
  name += static_cast<char>(kind);
  name += '-';
  name.append(digits, hash_digits);
  name += extension(kind);
  return name;
}

std::optional<PartName> PartName::parse(std::string_view name) {
  // "posts/" "HH/" "K-" 16 digits, then the kind's extension.
  if (!name.starts_with(bundle_parts_folder) || name.size() < bundle_parts_folder.size() + 1 + 3 + 2 + hash_digits) return std::nullopt;
  name.remove_prefix(bundle_parts_folder.size());
  if (name[0] != '/' || name[3] != '/' || name[5] != '-') return std::nullopt;
  const auto kind = kind_from(name[4]);
  if (!kind) return std::nullopt;
  PartName part{*kind, 0};
  for (std::size_t i = 0; i < hash_digits; ++i) {
    const int v = hex_value(name[6 + i]);
    if (v < 0) return std::nullopt;
    part.hash = part.hash << 4 | static_cast<std::uint64_t>(v);
  }
  if (name[1] != name[6] || name[2] != name[7] || name.substr(6 + hash_digits) != extension(*kind)) return std::nullopt;
  return part;
}

bool is_part_name(std::string_view name) { return PartName::parse(name).has_value(); }

}  // namespace buildlog
